//! Where the app's lazily loaded wasm modules come from: the AI module (issue #5, the app crate's
//! `ai` binary), which the browser downloads only when a lesson or the AI lab needs it, and the
//! classroom module (issue #6, the `classroom` binary: the teachers' pages), downloaded only when a
//! teacher opens one. Neither is on the first screen.
//!
//! Served over http(s), the build has a fixed-name ES module per module, [`AI_MODULE_URL`] and
//! [`CLASSROOM_MODULE_URL`] (written by scripts/lazy-modules.mjs), that starts it and re-exports its
//! bindings: the page imports it for the tools it mounts, and AI script workers are module workers
//! started from the AI one. The USB page (file://, where modules and fetch are refused) loads each
//! module from a sibling script instead and publishes functions for that, `SPROUT_LOAD_AI`,
//! `SPROUT_START_AI_WORKER`, `SPROUT_LOAD_CLASSROOM` and `SPROUT_START_CLASSROOM_WORKER`
//! (scripts/usb.mjs); when they exist they are used.
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

/// The AI module's loader, relative to the page.
pub const AI_MODULE_URL: &str = "./ai.js";

/// The classroom module's loader, relative to the page.
pub const CLASSROOM_MODULE_URL: &str = "./classroom.js";

/// A wasm module the page loads only when it needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LazyModule {
    /// The AI module: tract, the models, the drawing pad and the model lab.
    Ai,
    /// The classroom module: the teachers' pages.
    Classroom,
}

/// The image feature extractor's archive, relative to the page (see [`load_image_features`]).
#[cfg(feature = "ai")]
pub const IMAGE_FEATURES_URL: &str = "./image_features.nnef.tar";

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
    let (url, hook) = match module {
        LazyModule::Ai => (AI_MODULE_URL, "SPROUT_LOAD_AI"),
        LazyModule::Classroom => (CLASSROOM_MODULE_URL, "SPROUT_LOAD_CLASSROOM"),
    };
    if let Some(load) = usb_hook(hook) {
        return load.call0(&JsValue::UNDEFINED)?.dyn_into();
    }
    // wasm-bindgen has no dynamic import; a function made at run time can use one.
    let import = js_sys::Function::new_with_args("url", "return import(url)");
    import.call1(&JsValue::UNDEFINED, &page_url(url)?.into())?.dyn_into()
}

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

/// A new worker running `module`, whose `main` serves there: the AI module runs programs and the
/// AI tools' requests, the classroom module verifies lessons for the lesson editor. Only pages start
/// workers.
pub fn start_worker(module: LazyModule) -> Result<Worker, JsValue> {
    let (url, hook) = match module {
        LazyModule::Ai => (AI_MODULE_URL, "SPROUT_START_AI_WORKER"),
        LazyModule::Classroom => (CLASSROOM_MODULE_URL, "SPROUT_START_CLASSROOM_WORKER"),
    };
    if let Some(start) = usb_hook(hook) {
        return start.call0(&JsValue::UNDEFINED)?.dyn_into::<Worker>();
    }
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    Worker::new_with_options(&page_url(url)?, &options)
}
