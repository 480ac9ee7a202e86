//! The page's handle on a tool's AI worker: the drawing pad and the model lab each start one (the
//! AI module again, from the browser's cache), send [`ToolRequest`]s and hear [`ToolReply`]s.
//! Dropping the handle terminates the worker.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{Event, MessageEvent, Worker};
use yew::Callback;

use super::tools::{ToolReply, ToolRequest};
use crate::modules;

/// What the worker said.
#[derive(Clone, Debug, PartialEq)]
pub enum ToolEvent {
    /// A reply.
    Reply(Rc<ToolReply>),
    /// The worker failed to load, or threw.
    Failed,
}

/// Messages sent before the worker listens, and whether it does.
#[derive(Default)]
struct Connection {
    ready: bool,
    queued: Vec<JsValue>,
}

/// A running tool worker.
pub struct ToolWorker {
    worker: Worker,
    connection: Rc<RefCell<Connection>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

impl ToolWorker {
    /// Starts a worker that reports to `on_event`.
    pub fn spawn(on_event: Callback<ToolEvent>) -> Result<Self, JsValue> {
        let worker = modules::start_worker(modules::LazyModule::Ai)?;
        let connection = Rc::new(RefCell::new(Connection::default()));
        let on_message = {
            let (worker, connection, on_event) = (worker.clone(), connection.clone(), on_event.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                match event.data().as_string().and_then(|text| serde_json::from_str::<ToolReply>(&text).ok()) {
                    Some(ToolReply::Ready) => {
                        let queued = {
                            let mut connection = connection.borrow_mut();
                            connection.ready = true;
                            std::mem::take(&mut connection.queued)
                        };
                        for message in queued {
                            let _ = worker.post_message(&message);
                        }
                    }
                    Some(reply) => on_event.emit(ToolEvent::Reply(Rc::new(reply))),
                    None => on_event.emit(ToolEvent::Failed),
                }
            })
        };
        let on_error = Closure::<dyn FnMut(Event)>::new(move |_event: Event| on_event.emit(ToolEvent::Failed));
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(ToolWorker { worker, connection, _on_message: on_message, _on_error: on_error })
    }

    /// Sends `request` (queued until the worker listens).
    pub fn send(&self, request: &ToolRequest) {
        let Ok(message) = serde_json::to_string(request) else { return };
        self.post(JsValue::from_str(&message));
    }

    /// Sends `request` with `bytes` (a camera picture, the extractor's archive), as the
    /// two-element array the worker expects for those.
    pub fn send_with_bytes(&self, request: &ToolRequest, bytes: &js_sys::Uint8Array) {
        let Ok(message) = serde_json::to_string(request) else { return };
        self.post(js_sys::Array::of2(&JsValue::from_str(&message), bytes).into());
    }

    fn post(&self, message: JsValue) {
        let mut connection = self.connection.borrow_mut();
        if connection.ready {
            let _ = self.worker.post_message(&message);
        } else {
            connection.queued.push(message);
        }
    }
}

impl Drop for ToolWorker {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}
