//! The script worker: runs and grades students' programs off the UI thread.
//!
//! A program that loops for a long time blocks only this worker, so the page stays responsive
//! and the UI can end the program by terminating the worker. The page and the worker are one
//! wasm module (`app/src/bin/app.rs`): the module's `main` calls [`serve`] when it starts in a worker,
//! which the UI starts from [`WORKER_URL`] (or, on the USB page, through `SPROUT_START_WORKER`;
//! see [`crate::workers::link`]).
//!
//! The AI module (`app/src/bin/ai.rs`, this crate with the `ai` feature) serves the same way: there
//! the runtime has the AI functions, so it runs the programs that call them, which the first
//! screen's worker sends back ([`WorkerReply::NeedsAi`]), and it also answers the drawing pad's and
//! the model lab's requests ([`crate::ai::tools`]).
//!
//! [`WORKER_URL`]: crate::workers::protocol::WORKER_URL

use sprout_lessons::messages::describe_feedback;
use sprout_lessons::{grade, Selection};
use sprout_runtime::messages::{describe, Language};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::workers::protocol::{
    BoardUse, GradeReport, GradeRequest, RunReport, RunRequest, WorkerReply, WorkerRequest,
};

/// Answers the UI's requests from now on, in the dedicated worker this runs in, and tells the UI
/// it listens ([`WorkerReply::Ready`]). Returns at once: the handler stays installed until the
/// UI terminates the worker.
pub fn serve() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        // A tool request with bytes is `[json, Uint8Array]` (see `crate::ai::tools`).
        let parts = data.dyn_ref::<js_sys::Array>();
        let text = parts.map_or_else(|| data.as_string(), |parts| parts.get(0).as_string()).unwrap_or_default();
        let Ok(request) = serde_json::from_str::<WorkerRequest>(&text) else {
            #[cfg(feature = "ai")]
            {
                let bytes = parts.map(|parts| js_sys::Uint8Array::new(&parts.get(1)).to_vec()).unwrap_or_default();
                if crate::ai::tools::answer(&text, &bytes, &reply_scope) {
                    return;
                }
            }
            // Only the UI of this same build sends requests, so a bad one is a bug; the thrown
            // error reaches the UI as the worker's `error` event.
            wasm_bindgen::throw_str("sprout worker: malformed request");
        };
        let reply = match request {
            request if !cfg!(feature = "ai") && request.needs_ai() => {
                WorkerReply::NeedsAi { request: Box::new(request) }
            }
            WorkerRequest::Run(request) => WorkerReply::Finished(Box::new(execute(&request))),
            WorkerRequest::Grade(request) => WorkerReply::Graded(Box::new(grade_program(&request))),
        };
        post(&reply_scope, &reply);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler must live as long as the worker, which ends only by being terminated.
    on_message.forget();
    post(&scope, &WorkerReply::Ready);
}

fn execute(request: &RunRequest) -> RunReport {
    let run = sprout_runtime::run(&request.program, &request.input);
    let messages = match run.diagnostic() {
        Some(diagnostic) => Language::ALL.iter().map(|&language| (language, describe(diagnostic, language))).collect(),
        None => Vec::new(),
    };
    let board = BoardUse::of_program(&request.program, &request.input.limits);
    RunReport { id: request.id, board, run, messages }
}

fn grade_program(request: &GradeRequest) -> GradeReport {
    let grade = grade(&request.lesson, &request.code, Selection::All);
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
    GradeReport { grade, feedback }
}

/// Sends `reply` to the UI as JSON.
pub(crate) fn post(scope: &DedicatedWorkerGlobalScope, reply: &impl serde::Serialize) {
    let sent = serde_json::to_string(reply)
        .map_err(|error| JsValue::from_str(&error.to_string()))
        .and_then(|json| scope.post_message(&JsValue::from_str(&json)));
    if let Err(error) = sent {
        wasm_bindgen::throw_val(error);
    }
}
