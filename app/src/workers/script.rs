//! The script worker: runs and grades students' programs off the UI thread.
//!
//! A program that loops for a long time blocks only this worker, so the page stays responsive
//! and the page can end the program by terminating the worker. The page and the worker are one
//! wasm module (`app/src/bin/app.rs`): the module's `main` calls [`serve`] when it starts in a
//! worker, which the page starts from [`WORKER_URL`] (or, on the USB page, through
//! `SPROUT_START_WORKER`; see [`crate::modules::start_script_worker`]).
//!
//! The worker's engine has the AI area's script side (the runtime's `ai-script` feature): the vector
//! functions, `split` and `take` run here. Datasets, classifiers and models are the AI module's
//! (issue #5: tract, the embedded models and datasets), which this worker loads into its own scope
//! before it runs a program that needs them ([`WorkerRequest::needs_backend`]): it tells the page
//! ([`WorkerReply::AiLoading`]), loads the build the page named it after, installs a
//! [`Forwarding`] backend that hands each request to the module's `answer` export, and runs. A
//! module that cannot load ends those requests with [`WorkerReply::AiFailed`]; the next one tries
//! again. After Stop the page starts a fresh worker, which loads the module again, from the
//! browser's cache, when a program needs it.
//!
//! [`WORKER_URL`]: crate::modules::WORKER_URL

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use sprout_lessons::messages::describe_feedback;
use sprout_lessons::{grade_with_drawings, Selection};
use sprout_runtime::ai::{set_backend, Forwarding};
use sprout_runtime::messages::{describe, Language};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::protocol::{BoardUse, GradeReport, GradeRequest, RunReport, RunRequest, WorkerReply, WorkerRequest};
use super::serve::Replies;
use crate::modules;

/// Where the worker stands with the AI module, and the requests that wait for it.
#[derive(Debug, Default)]
pub struct Jobs {
    backend: Backend,
    waiting: VecDeque<WorkerRequest>,
}

/// Whether the AI module is in the worker.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Backend {
    /// Not loaded (not yet, or the last try failed).
    #[default]
    Absent,
    /// Being loaded.
    Loading,
    /// Loaded, its backend installed.
    Ready,
}

/// What to do with a request that arrived.
#[derive(Debug, PartialEq)]
pub enum Next {
    /// Answer it now.
    Answer(Box<WorkerRequest>),
    /// It waits for the AI module, which must be loaded now.
    Load,
    /// It waits for the AI module, which is loading.
    Wait,
}

impl Jobs {
    /// `request` arrived. While the module loads, every request waits, so that replies keep the
    /// order of the requests.
    pub fn receive(&mut self, request: WorkerRequest) -> Next {
        match self.backend {
            Backend::Ready => Next::Answer(Box::new(request)),
            Backend::Loading => {
                self.waiting.push_back(request);
                Next::Wait
            }
            Backend::Absent if request.needs_backend() => {
                self.waiting.push_back(request);
                self.backend = Backend::Loading;
                Next::Load
            }
            Backend::Absent => Next::Answer(Box::new(request)),
        }
    }

    /// The module has loaded (`loaded`) or could not be: the requests that waited, in order.
    pub fn settle(&mut self, loaded: bool) -> Vec<WorkerRequest> {
        self.backend = if loaded { Backend::Ready } else { Backend::Absent };
        self.waiting.drain(..).collect()
    }
}

/// Answers the page's run and grade requests from now on, in the dedicated worker this runs in.
pub fn serve() {
    let jobs = Rc::new(RefCell::new(Jobs::default()));
    super::serve::serve(move |request: WorkerRequest, _bytes, replies: &Replies<WorkerReply>| {
        let next = jobs.borrow_mut().receive(request);
        match next {
            Next::Answer(request) => replies.send(&answer(*request)),
            Next::Load => load_backend(jobs.clone(), replies.clone()),
            Next::Wait => {}
        }
    });
}

/// Loads the AI module into this worker, installs its backend and answers the requests that waited;
/// or, when it cannot be loaded, says so for those that needed it.
fn load_backend(jobs: Rc<RefCell<Jobs>>, replies: Replies<WorkerReply>) {
    replies.send(&WorkerReply::AiLoading);
    let settle: Rc<dyn Fn(Option<JsValue>)> = Rc::new(move |exports: Option<JsValue>| {
        let installed = exports.and_then(install_backend).is_some();
        if installed {
            replies.send(&WorkerReply::AiReady);
        }
        let waited = jobs.borrow_mut().settle(installed);
        for request in waited {
            replies.send(&if installed || !request.needs_backend() { answer(request) } else { WorkerReply::AiFailed });
        }
    });
    let promise = match modules::load(modules::script_worker_ai_module()) {
        Ok(promise) => promise,
        Err(_) => return settle(None),
    };
    let loaded = {
        let settle = settle.clone();
        Closure::<dyn FnMut(JsValue)>::once(move |exports: JsValue| settle(Some(exports)))
    };
    let failed = Closure::<dyn FnMut(JsValue)>::once(move |_error: JsValue| settle(None));
    let _ = promise.then2(&loaded, &failed);
    // The promise calls one of them once, later.
    loaded.forget();
    failed.forget();
}

/// Makes the AI module's `answer` export this thread's AI backend; `None` when `exports` has none.
fn install_backend(exports: JsValue) -> Option<()> {
    let answer = js_sys::Reflect::get(&exports, &"answer".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    // A reply that is not bytes (the module threw) is no reply: the runtime reports it as an
    // internal error of the seam, never as a hang.
    let forwarding = Forwarding::new(move |request: &[u8]| {
        let request = js_sys::Uint8Array::from(request);
        answer
            .call1(&JsValue::UNDEFINED, &request)
            .ok()
            .and_then(|reply| reply.dyn_into::<js_sys::Uint8Array>().ok())
            .map(|reply| reply.to_vec())
            .unwrap_or_default()
    });
    set_backend(Some(Rc::new(forwarding)));
    Some(())
}

/// What the script worker answers to `request`.
pub fn answer(request: WorkerRequest) -> WorkerReply {
    match request {
        WorkerRequest::Run(request) => WorkerReply::Finished(Box::new(execute(&request))),
        WorkerRequest::Grade(request) => WorkerReply::Graded(Box::new(grade_program(&request))),
    }
}

/// Runs a program, with its diagnostic put into words in every language (switching language after
/// a run needs no re-run).
fn execute(request: &RunRequest) -> RunReport {
    let run = sprout_runtime::run(&request.program, &request.input);
    let messages = match run.diagnostic() {
        Some(diagnostic) => Language::ALL.iter().map(|&language| (language, describe(diagnostic, language))).collect(),
        None => Vec::new(),
    };
    let board = BoardUse::of_program(&request.program, &request.input.limits);
    RunReport { id: request.id, board, run, messages }
}

/// Grades a program, with each test's feedback put into words in every language and the drawings
/// of the turtle tests it failed.
fn grade_program(request: &GradeRequest) -> GradeReport {
    let (grade, drawings) = grade_with_drawings(&request.lesson, &request.code, Selection::All);
    let feedback = Language::ALL
        .iter()
        .map(|&language| {
            let texts = grade
                .tests
                .iter()
                .map(|test| test.feedback.as_ref().map(|feedback| describe_feedback(feedback, language)));
            (language, texts.collect())
        })
        .collect();
    GradeReport { grade, feedback, drawings }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workers::protocol::RunId;

    fn run(request: u32, program: &str) -> WorkerRequest {
        let id = RunId { session: 1, request };
        WorkerRequest::Run(RunRequest { id, program: program.into(), input: Default::default() })
    }

    const MODEL: &str = "print(model(\"iris\").labels);";

    #[test]
    fn requests_without_the_backend_are_answered_at_once() {
        let mut jobs = Jobs::default();
        assert_eq!(
            jobs.receive(run(1, "print(mean([1, 2]));")),
            Next::Answer(Box::new(run(1, "print(mean([1, 2]));")))
        );
        assert_eq!(jobs.receive(run(2, "print(1);")), Next::Answer(Box::new(run(2, "print(1);"))));
    }

    #[test]
    fn a_request_for_the_backend_loads_the_module_once_and_later_ones_wait_their_turn() {
        let mut jobs = Jobs::default();
        assert_eq!(jobs.receive(run(1, MODEL)), Next::Load);
        assert_eq!(jobs.receive(run(2, "print(1);")), Next::Wait);
        assert_eq!(jobs.receive(run(3, MODEL)), Next::Wait);
        assert_eq!(jobs.settle(true), vec![run(1, MODEL), run(2, "print(1);"), run(3, MODEL)]);
        assert_eq!(jobs.receive(run(4, MODEL)), Next::Answer(Box::new(run(4, MODEL))), "the module stays loaded");
    }

    #[test]
    fn a_module_that_failed_to_load_is_tried_again_by_the_next_request() {
        let mut jobs = Jobs::default();
        assert_eq!(jobs.receive(run(1, MODEL)), Next::Load);
        assert_eq!(jobs.settle(false), vec![run(1, MODEL)]);
        assert_eq!(jobs.receive(run(2, "print(1);")), Next::Answer(Box::new(run(2, "print(1);"))));
        assert_eq!(jobs.receive(run(3, MODEL)), Next::Load);
    }
}
