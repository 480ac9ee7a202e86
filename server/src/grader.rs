//! The server's grading: a bounded pool of std threads with big stacks, each running
//! [`sprout_lessons::grade`] (the same grader as the app's worker and `sprout grade`) over every
//! test, hidden ones included. A semaphore bounds how many checks may wait or run: a class of 60
//! checking at once waits its turn, more are refused with `server-busy` instead of piling up.
//! Each run is bounded by the lesson's operation budget, so an endless loop holds one worker for
//! a bounded time, never the server; a wall-clock safety net answers the student if a check still
//! takes too long (the grader has no interrupt hook, so the worker finishes its bounded run in the
//! background).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::StatusCode;
use sprout_lessons::{Grade, Pack, Selection};
use tokio::sync::{oneshot, Semaphore};

use crate::error::{ApiError, ApiResult};

/// A worker's stack: Rhai's recursion in deep student programs needs it (the CLI's size,
/// `RUN_STACK_BYTES` in cli/src/main.rs; only touched pages are ever committed).
pub const GRADER_STACK_BYTES: usize = 256 * 1024 * 1024;

/// How many checks may wait for a worker, beyond those running.
pub const QUEUED_CHECKS: usize = 96;

/// How long a student waits for a check before the safety net answers `check-timeout`.
pub const CHECK_TIMEOUT: Duration = Duration::from_secs(60);

type Job = Box<dyn FnOnce() + Send>;

/// The pool of grading threads.
#[derive(Debug)]
pub struct Grader {
    jobs: Mutex<mpsc::Sender<Job>>,
    slots: Arc<Semaphore>,
    timeout: Duration,
}

impl Grader {
    /// Starts `workers` grading threads (at least one).
    pub fn start(workers: usize, timeout: Duration) -> std::io::Result<Grader> {
        let (sender, receiver) = mpsc::channel::<Job>();
        let receiver = Arc::new(Mutex::new(receiver));
        let workers = workers.max(1);
        for index in 0..workers {
            let receiver = receiver.clone();
            std::thread::Builder::new().name(format!("sprout-grader-{index}")).stack_size(GRADER_STACK_BYTES).spawn(
                move || loop {
                    // The lock is held only while waiting for the next job, never while grading.
                    let job = match receiver.lock() {
                        Ok(receiver) => receiver.recv(),
                        Err(_) => return,
                    };
                    let Ok(job) = job else { return };
                    // The grader never panics on a program (the runtime's invariant); should it,
                    // the worker lives on and the student's request gets `internal`.
                    let _ = catch_unwind(AssertUnwindSafe(job));
                },
            )?;
        }
        Ok(Grader {
            jobs: Mutex::new(sender),
            slots: Arc::new(Semaphore::new(workers.saturating_add(QUEUED_CHECKS))),
            timeout,
        })
    }

    /// Grades `code` against every test of `lesson_id` in `pack`.
    pub async fn grade(&self, pack: Arc<Pack>, lesson_id: String, code: String) -> ApiResult<Grade> {
        let busy = || {
            let mut error = ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "server-busy");
            error.retry_after = Some(5);
            error
        };
        let permit = self.slots.clone().try_acquire_owned().map_err(|_| busy())?;
        let (reply, answer) = oneshot::channel();
        let job: Job = Box::new(move || {
            let grade = pack.lesson(&lesson_id).map(|lesson| sprout_lessons::grade(lesson, &code, Selection::All));
            let _ = reply.send(grade);
            drop(permit);
        });
        self.jobs.lock().map_err(ApiError::internal)?.send(job).map_err(ApiError::internal)?;
        match tokio::time::timeout(self.timeout, answer).await {
            Ok(Ok(Some(grade))) => Ok(grade),
            Ok(Ok(None)) => Err(ApiError::not_found("unknown-lesson")),
            Ok(Err(_)) => Err(ApiError::internal("a grading worker stopped")),
            Err(_) => {
                let mut error = ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "check-timeout");
                error.retry_after = Some(30);
                Err(error)
            }
        }
    }
}
