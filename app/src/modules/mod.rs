//! The app's lazily loaded wasm modules: how the page loads one and how it starts a worker of one.
//! Which modules there are, their addresses and their USB hooks come from app/modules.json, the
//! list the build scripts read too ([`LazyModule`], written by build.rs). Today: the AI module
//! (issue #5: tract, the models, the drawing pad and the model lab), downloaded only when a lesson
//! or the AI lab needs it, and the classroom module (issue #6: the teachers' pages), downloaded only
//! when a teacher opens one. None is on the first screen.
//!
//! Served over http(s), each module has a fixed-name ES module ([`LazyModule::url`], written by
//! scripts/lazy-modules.mjs) that starts it and re-exports its bindings: the page imports it for
//! the tools it mounts ([`tool`]), and its workers are module workers started from it. The USB page
//! (file://, where modules and fetch are refused) loads each module from a sibling script instead and
//! publishes a function to load it on the page and one to start a worker of it
//! ([`LazyModule::usb_load_hook`], [`LazyModule::usb_worker_hook`]; scripts/usb.mjs); when they exist
//! they are used. A worker is started with a role, its name, which the module's `main` reads to know
//! which requests it serves ([`worker_role`]).
//!
//! Every wasm module carries this file: the first screen's starts the AI script worker and loads the
//! tools, the AI module's tools start their own worker for inference and training, and the
//! classroom module's lesson editor starts one to verify lessons.

#[cfg(any(feature = "ai", feature = "classroom"))]
pub mod mount;
pub mod tool;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Worker, WorkerOptions, WorkerType};

include!(concat!(env!("OUT_DIR"), "/modules.rs"));

/// Where the script worker's module script is served, relative to the page. The build writes it
/// (scripts/worker-script.mjs) under this fixed name, unlike the content-hashed glue and wasm it
/// loads: the page's code cannot know their hashes.
pub const WORKER_URL: &str = "./worker.js";

/// What a worker of a lazily loaded module is for: its name, which the module's `main` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkerRole {
    /// Runs and grades programs (the AI module's script worker).
    Script,
    /// Answers the drawing pad's and the model lab's requests (the AI module).
    Tools,
    /// Verifies lessons for the lesson editor (the classroom module).
    Verify,
}

impl WorkerRole {
    /// The worker's name.
    pub fn name(self) -> &'static str {
        match self {
            WorkerRole::Script => "script",
            WorkerRole::Tools => "tools",
            WorkerRole::Verify => "verify",
        }
    }
}

/// The role of the worker this code runs in, from its name; `None` on the page, or for a name no
/// role has.
pub fn worker_role() -> Option<WorkerRole> {
    let scope = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>().ok()?;
    let name = scope.name();
    [WorkerRole::Script, WorkerRole::Tools, WorkerRole::Verify].into_iter().find(|role| role.name() == name)
}

/// The function the USB page publishes under `name`, if it does.
fn usb_hook(name: &str) -> Option<js_sys::Function> {
    js_sys::Reflect::get(&js_sys::global(), &name.into()).ok()?.dyn_into::<js_sys::Function>().ok()
}

/// `relative` made absolute against the page, so that it means the same wherever it is used.
fn page_url(relative: &str) -> Result<String, JsValue> {
    let base = web_sys::window().ok_or("no window")?.document().ok_or("no document")?.base_uri()?.ok_or("no base")?;
    Ok(web_sys::Url::new_with_base(relative, &base)?.href())
}

/// Loads `module` on the page; the promise resolves to its exports (`mount_tool`, …).
pub fn load(module: LazyModule) -> Result<js_sys::Promise, JsValue> {
    if let Some(load) = usb_hook(module.usb_load_hook()) {
        return load.call0(&JsValue::UNDEFINED)?.dyn_into();
    }
    // wasm-bindgen has no dynamic import; a function made at run time can use one.
    let import = js_sys::Function::new_with_args("url", "return import(url)");
    import.call1(&JsValue::UNDEFINED, &page_url(module.url())?.into())?.dyn_into()
}

/// A new worker running the first screen's module, whose `main` serves runs and gradings there.
pub fn start_script_worker() -> Result<Worker, JsValue> {
    // The USB page starts the worker itself and hands it the module it has already compiled.
    if let Some(start) = usb_hook("SPROUT_START_WORKER") {
        return start.call0(&JsValue::UNDEFINED)?.dyn_into::<Worker>();
    }
    module_worker(WORKER_URL, "")
}

/// A new worker running `module` in `role`. Only pages start workers.
pub fn start_worker(module: LazyModule, role: WorkerRole) -> Result<Worker, JsValue> {
    if let Some(start) = usb_hook(module.usb_worker_hook()) {
        return start.call1(&JsValue::UNDEFINED, &role.name().into())?.dyn_into::<Worker>();
    }
    module_worker(&page_url(module.url())?, role.name())
}

/// A module worker running the script at `url`, named `name`.
fn module_worker(url: &str, name: &str) -> Result<Worker, JsValue> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    options.set_name(name);
    Worker::new_with_options(url, &options)
}

/// The image feature extractor's archive, relative to the page (see [`load_image_features`]).
#[cfg(feature = "ai")]
pub const IMAGE_FEATURES_URL: &str = "./image_features.nnef.tar";

/// The image feature extractor's archive (models/image_features, 13.5 MB), which the model lab
/// needs only for the camera: the build serves it beside the page as [`IMAGE_FEATURES_URL`]
/// (scripts/lazy-modules.mjs copies it there), and the USB page publishes `SPROUT_LOAD_IMAGE_FEATURES`
/// for its sibling file (scripts/usb.mjs). The promise resolves to the bytes (a `Uint8Array`) and
/// rejects when they cannot be had.
#[cfg(feature = "ai")]
pub fn load_image_features() -> Result<js_sys::Promise, JsValue> {
    if let Some(load) = usb_hook("SPROUT_LOAD_IMAGE_FEATURES") {
        return load.call0(&JsValue::UNDEFINED)?.dyn_into();
    }
    let url = page_url(IMAGE_FEATURES_URL)?;
    let fetch = js_sys::Function::new_with_args(
        "url",
        "return fetch(url).then(function (response) {
            if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
            return response.arrayBuffer();
        }).then(function (buffer) { return new Uint8Array(buffer); })",
    );
    fetch.call1(&JsValue::UNDEFINED, &url.into())?.dyn_into()
}
