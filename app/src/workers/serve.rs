//! The worker's side of a [`super::link::WorkerLink`]: one serve loop for every worker the app
//! starts (the script worker, the AI tools' worker, the lesson editor's verify worker).
//!
//! [`serve`] installs the message handler in the dedicated worker it runs in, tells the page it
//! listens ([`READY`]), reads each request (JSON, or JSON and bytes) into the worker's one
//! `Request` type, and hands it to the worker's handler with a [`Replies`] to answer through (a
//! handler may answer more than once, e.g. training progress). Only the page of the same build
//! sends requests, so one that does not read is a bug: it is thrown, and reaches the page as the
//! worker's `error` event ([`super::link::LinkEvent::Failed`]).

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::link::READY;

/// Where a handler's replies go: the page that sent the request. A handler that answers later (after
/// a download) keeps a clone.
pub struct Replies<Reply> {
    scope: DedicatedWorkerGlobalScope,
    _reply: PhantomData<fn(Reply)>,
}

impl<Reply> Clone for Replies<Reply> {
    fn clone(&self) -> Self {
        Replies { scope: self.scope.clone(), _reply: PhantomData }
    }
}

impl<Reply: Serialize> Replies<Reply> {
    /// Sends `reply` to the page as JSON. A reply that cannot be sent is thrown: the page then
    /// knows the answer will not come.
    pub fn send(&self, reply: &Reply) {
        let sent = serde_json::to_string(reply)
            .map_err(|error| JsValue::from_str(&error.to_string()))
            .and_then(|json| self.scope.post_message(&JsValue::from_str(&json)));
        if let Err(error) = sent {
            wasm_bindgen::throw_val(error);
        }
    }
}

/// Answers the page's requests from now on with `handle`, which gets each request, the bytes that
/// came with it (empty for most), and where to send replies. Returns at once: the handler stays
/// installed until the page terminates the worker.
pub fn serve<Request, Reply>(mut handle: impl FnMut(Request, Vec<u8>, &Replies<Reply>) + 'static)
where
    Request: DeserializeOwned + 'static,
    Reply: Serialize + 'static,
{
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = Replies { scope: scope.clone(), _reply: PhantomData };
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let parts = data.dyn_ref::<js_sys::Array>();
        let text = parts.map_or_else(|| data.as_string(), |parts| parts.get(0).as_string()).unwrap_or_default();
        let Ok(request) = serde_json::from_str::<Request>(&text) else {
            wasm_bindgen::throw_str("sprout worker: malformed request");
        };
        let bytes = parts.map(|parts| js_sys::Uint8Array::new(&parts.get(1)).to_vec()).unwrap_or_default();
        handle(request, bytes, &replies);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler must live as long as the worker, which ends only by being terminated.
    on_message.forget();
    if scope.post_message(&JsValue::from_bool(READY)).is_err() {
        wasm_bindgen::throw_str("sprout worker: cannot reach the page");
    }
}
