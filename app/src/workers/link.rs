//! The page's typed link to a worker: every worker the app starts (the script worker that runs
//! programs, the AI tools' worker, the lesson editor's verify worker) is driven through one
//! [`WorkerLink`].
//!
//! A link starts the worker, keeps what is sent until the worker says it listens (messages posted
//! before a worker's wasm has set its handler would be lost), turns each reply into a
//! [`LinkEvent`] for one callback, reports a worker that could not load, threw, or sent something
//! unreadable as [`LinkEvent::Failed`], and on drop detaches its handlers (replies already queued on
//! the UI thread must not reach a dropped closure) and terminates the worker, whatever it is doing:
//! Stop works because dropping the link ends a program that loops for ever. A plain
//! `web_sys::Worker` is used (not gloo-worker) for exactly that.
//!
//! The worker's side is [`super::serve::serve`]: it says it listens with [`READY`], then sends
//! each reply as JSON. Requests are JSON too, or for requests that carry megabytes (a camera
//! picture, a model archive) a two-element array of the JSON and the bytes.

use std::cell::RefCell;
use std::marker::PhantomData;
use std::rc::Rc;

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::{Event, MessageEvent, Worker};
use yew::Callback;

/// What a worker posts once its handler is installed: the boolean `true`, which no JSON reply is.
pub const READY: bool = true;

/// What a worker said.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkEvent<Reply> {
    /// The worker listens now (its module may have taken a while to download).
    Ready,
    /// A reply.
    Reply(Reply),
    /// The worker could not be loaded, threw, or sent something this build cannot read.
    Failed,
}

/// Whether the worker listens yet, what waits to be sent, and whether it already failed.
#[derive(Default)]
struct Connection {
    ready: bool,
    failed: bool,
    queued: Vec<JsValue>,
}

/// A running worker that takes `Request`s and answers `Reply`s; dropping it terminates the worker.
pub struct WorkerLink<Request, Reply> {
    worker: Worker,
    connection: Rc<RefCell<Connection>>,
    on_event: Callback<LinkEvent<Reply>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
    _request: PhantomData<fn(Request)>,
}

impl<Request: Serialize, Reply: DeserializeOwned + 'static> WorkerLink<Request, Reply> {
    /// Starts a worker with `start` (see [`crate::modules`] for the ways a worker starts, served
    /// or from the USB page); its events go to `on_event`.
    pub fn spawn(
        start: impl FnOnce() -> Result<Worker, JsValue>,
        on_event: Callback<LinkEvent<Reply>>,
    ) -> Result<Self, JsValue> {
        let worker = start()?;
        let connection = Rc::new(RefCell::new(Connection::default()));
        let on_message = {
            let (worker, connection, on_event) = (worker.clone(), connection.clone(), on_event.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let data = event.data();
                if data.as_bool() == Some(READY) {
                    let queued = {
                        let mut connection = connection.borrow_mut();
                        connection.ready = true;
                        std::mem::take(&mut connection.queued)
                    };
                    for message in queued {
                        post(&worker, &message, &connection, &on_event);
                    }
                    on_event.emit(LinkEvent::Ready);
                    return;
                }
                match data.as_string().and_then(|text| serde_json::from_str::<Reply>(&text).ok()) {
                    Some(reply) => on_event.emit(LinkEvent::Reply(reply)),
                    None => fail(&connection, &on_event),
                }
            })
        };
        let on_error = {
            let (connection, on_event) = (connection.clone(), on_event.clone());
            Closure::<dyn FnMut(Event)>::new(move |_event: Event| fail(&connection, &on_event))
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(WorkerLink {
            worker,
            connection,
            on_event,
            _on_message: on_message,
            _on_error: on_error,
            _request: PhantomData,
        })
    }

    /// Sends `request` (kept until the worker listens). A worker that already failed reports
    /// [`LinkEvent::Failed`] again, so that whoever waits for the answer learns it will not come.
    pub fn send(&self, request: &Request) {
        match serde_json::to_string(request) {
            Ok(message) => self.post(JsValue::from_str(&message)),
            Err(_) => fail(&self.connection, &self.on_event),
        }
    }

    /// Sends `request` with `bytes`, as the two-element array the worker's serve loop reads.
    pub fn send_with_bytes(&self, request: &Request, bytes: &js_sys::Uint8Array) {
        match serde_json::to_string(request) {
            Ok(message) => self.post(js_sys::Array::of2(&JsValue::from_str(&message), bytes).into()),
            Err(_) => fail(&self.connection, &self.on_event),
        }
    }

    fn post(&self, message: JsValue) {
        let (ready, failed) = {
            let connection = self.connection.borrow();
            (connection.ready, connection.failed)
        };
        if failed {
            self.on_event.emit(LinkEvent::Failed);
        } else if ready {
            post(&self.worker, &message, &self.connection, &self.on_event);
        } else {
            self.connection.borrow_mut().queued.push(message);
        }
    }
}

impl<Request, Reply> Drop for WorkerLink<Request, Reply> {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

fn post<Reply>(
    worker: &Worker,
    message: &JsValue,
    connection: &RefCell<Connection>,
    on_event: &Callback<LinkEvent<Reply>>,
) {
    if worker.post_message(message).is_err() {
        fail(connection, on_event);
    }
}

fn fail<Reply>(connection: &RefCell<Connection>, on_event: &Callback<LinkEvent<Reply>>) {
    connection.borrow_mut().failed = true;
    on_event.emit(LinkEvent::Failed);
}
