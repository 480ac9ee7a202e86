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
    /// Starts `workers` grading threads (at least one), with `queued` checks allowed to wait and
    /// each answered within `timeout`.
    pub fn start(workers: usize, queued: usize, timeout: Duration) -> std::io::Result<Grader> {
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
            slots: Arc::new(Semaphore::new(workers.saturating_add(queued))),
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
            // The slot is free before the answer leaves, so that whoever gets the answer may check again.
            drop(permit);
            let _ = reply.send(grade);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn course() -> (Arc<Pack>, String) {
        let pack = sprout_lessons::read_pack("builtin.pack", crate::state::BUILTIN_PACK).expect("the built-in course");
        let lesson = pack
            .lessons
            .iter()
            .find(|lesson| lesson.tests.iter().any(|test| test.check.kind() == "output"))
            .expect("a lesson that runs programs");
        let id = lesson.id.clone();
        (Arc::new(pack), id)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_full_queue_refuses_instead_of_piling_up() {
        let (pack, lesson) = course();
        let grader = Arc::new(Grader::start(1, 0, CHECK_TIMEOUT).expect("a thread"));
        let first = {
            let (grader, pack, lesson) = (grader.clone(), pack.clone(), lesson.clone());
            tokio::spawn(async move { grader.grade(pack, lesson, "loop { }".to_string()).await })
        };
        // Wait for the first check to hold the only slot.
        while grader.slots.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        let second = grader.grade(pack.clone(), lesson.clone(), "print(1);".to_string()).await;
        assert_eq!(second.map_err(|error| error.code), Err("server-busy"));
        let first = first.await.expect("the task ends").expect("graded");
        assert!(first.tests.iter().any(|test| test.verdict == sprout_lessons::Verdict::LimitExceeded));
        // The slot is free again.
        assert!(grader.grade(pack, lesson, "print(1);".to_string()).await.is_ok());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_safety_net_answers_a_check_that_takes_too_long() {
        let (pack, lesson) = course();
        let grader = Grader::start(1, 1, Duration::from_millis(1)).expect("a thread");
        let answer = grader.grade(pack, lesson, "loop { }".to_string()).await;
        assert_eq!(
            answer.map_err(|error| (error.status, error.code)),
            Err((StatusCode::SERVICE_UNAVAILABLE, "check-timeout"))
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_lesson_the_pack_lacks_is_unknown() {
        let (pack, _) = course();
        let grader = Grader::start(1, 1, CHECK_TIMEOUT).expect("a thread");
        let answer = grader.grade(pack, "no-such-lesson".to_string(), String::new()).await;
        assert_eq!(answer.map_err(|error| error.code), Err("unknown-lesson"));
    }
}
