//! The UI thread's handle on a script worker: the first screen's, or the AI module's (issue #5).
//!
//! A plain `web_sys::Worker` (not gloo-worker) so that the UI can `terminate()` it while a
//! program loops: dropping a [`ScriptWorker`] ends the worker at once, whatever it is doing.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{Event, MessageEvent, Worker, WorkerOptions, WorkerType};
use yew::Callback;

use crate::modules;
use crate::workers::protocol::{GradeReport, RunReport, WorkerReply, WorkerRequest, WORKER_URL};

/// What the worker reports to the UI.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkerEvent {
    /// A run finished.
    Finished(Rc<RunReport>),
    /// A grading finished.
    Graded(Rc<GradeReport>),
    /// The request calls the AI functions: it is for the AI worker.
    NeedsAi(Rc<WorkerRequest>),
    /// The worker has loaded and listens (the AI worker's module may take a while to download).
    Ready,
    /// The worker failed: it could not be loaded, or it threw.
    Failed,
}

/// Whether the worker listens yet, what waits to be sent, and whether it already failed.
#[derive(Default)]
struct Connection {
    ready: bool,
    failed: bool,
    queued: Option<String>,
}

/// A running script worker; dropping it terminates the worker.
pub struct ScriptWorker {
    worker: Worker,
    connection: Rc<RefCell<Connection>>,
    on_event: Callback<WorkerEvent>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

impl ScriptWorker {
    /// Starts a worker of the first screen's module that reports to `on_event`.
    pub fn spawn(on_event: Callback<WorkerEvent>) -> Result<Self, JsValue> {
        Self::connect(start()?, on_event)
    }

    /// Starts a worker of the AI module (which the browser downloads the first time) that reports
    /// to `on_event`.
    pub fn spawn_ai(on_event: Callback<WorkerEvent>) -> Result<Self, JsValue> {
        Self::connect(modules::start_worker(modules::LazyModule::Ai)?, on_event)
    }

    fn connect(worker: Worker, on_event: Callback<WorkerEvent>) -> Result<Self, JsValue> {
        let connection = Rc::new(RefCell::new(Connection::default()));

        let on_message = {
            let (worker, connection, on_event) = (worker.clone(), connection.clone(), on_event.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let reply = event.data().as_string().and_then(|text| serde_json::from_str::<WorkerReply>(&text).ok());
                match reply {
                    Some(WorkerReply::Ready) => {
                        let queued = {
                            let mut connection = connection.borrow_mut();
                            connection.ready = true;
                            connection.queued.take()
                        };
                        if let Some(message) = queued {
                            post(&worker, &message, &connection, &on_event);
                        }
                        on_event.emit(WorkerEvent::Ready);
                    }
                    Some(WorkerReply::NeedsAi { request }) => on_event.emit(WorkerEvent::NeedsAi(Rc::new(*request))),
                    Some(WorkerReply::Finished(report)) => on_event.emit(WorkerEvent::Finished(Rc::new(*report))),
                    Some(WorkerReply::Graded(report)) => on_event.emit(WorkerEvent::Graded(Rc::new(*report))),
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
        Ok(ScriptWorker { worker, connection, on_event, _on_message: on_message, _on_error: on_error })
    }

    /// Sends `request`; the report arrives as [`WorkerEvent::Finished`] or [`WorkerEvent::Graded`].
    pub fn send(&self, request: &WorkerRequest) {
        let Ok(message) = serde_json::to_string(request) else {
            return fail(&self.connection, &self.on_event);
        };
        let (ready, failed) = {
            let connection = self.connection.borrow();
            (connection.ready, connection.failed)
        };
        if failed {
            self.on_event.emit(WorkerEvent::Failed);
        } else if ready {
            post(&self.worker, &message, &self.connection, &self.on_event);
        } else {
            // Messages sent before the worker's wasm has set its handler would be lost.
            self.connection.borrow_mut().queued = Some(message);
        }
    }
}

impl Drop for ScriptWorker {
    fn drop(&mut self) {
        // Replies already queued on the UI thread must not reach a closure that is being dropped.
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// A new worker running this page's wasm module.
fn start() -> Result<Worker, JsValue> {
    // The USB page (scripts/usb.mjs) is a file:// page, where module scripts and fetch are
    // forbidden: it starts the worker itself and hands it the module it has already compiled.
    let hook = js_sys::Reflect::get(&js_sys::global(), &"SPROUT_START_WORKER".into())?;
    if let Some(start) = hook.dyn_ref::<js_sys::Function>() {
        return start.call0(&JsValue::UNDEFINED)?.dyn_into::<Worker>();
    }
    // A module worker: the script at WORKER_URL imports the module's ES-module glue.
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    Worker::new_with_options(WORKER_URL, &options)
}

fn post(worker: &Worker, message: &str, connection: &RefCell<Connection>, on_event: &Callback<WorkerEvent>) {
    if worker.post_message(&JsValue::from_str(message)).is_err() {
        fail(connection, on_event);
    }
}

fn fail(connection: &RefCell<Connection>, on_event: &Callback<WorkerEvent>) {
    connection.borrow_mut().failed = true;
    on_event.emit(WorkerEvent::Failed);
}
