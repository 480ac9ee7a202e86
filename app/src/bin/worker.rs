//! The script worker: runs students' programs off the UI thread.
//!
//! A program that loops for a long time blocks only this worker, so the page stays responsive
//! and the UI can end the program by terminating the worker. Trunk builds this binary as a
//! classic worker (`data-type="worker"`) that the UI starts from [`WORKER_URL`].
//!
//! [`WORKER_URL`]: sprout_app::protocol::WORKER_URL

use sprout_app::protocol::{RunReport, RunRequest, WorkerReply};
use sprout_runtime::messages::{describe, Language};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let request = event
            .data()
            .as_string()
            .and_then(|text| serde_json::from_str::<RunRequest>(&text).ok())
            // Only the UI built alongside this worker sends requests, so a bad one is a bug; the
            // thrown error reaches the UI as the worker's `error` event.
            .unwrap_or_else(|| wasm_bindgen::throw_str("sprout worker: malformed run request"));
        post(&reply_scope, &WorkerReply::Finished(Box::new(execute(&request))));
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
    RunReport { run, messages }
}

fn post(scope: &DedicatedWorkerGlobalScope, reply: &WorkerReply) {
    let sent = serde_json::to_string(reply)
        .map_err(|error| JsValue::from_str(&error.to_string()))
        .and_then(|json| scope.post_message(&JsValue::from_str(&json)));
    if let Err(error) = sent {
        wasm_bindgen::throw_val(error);
    }
}
