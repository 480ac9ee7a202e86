//! The app's lazily loaded wasm modules: how the page or a worker loads one and how the page starts
//! a worker of one. Which modules there are, their addresses and their USB hooks come from
//! app/modules.json, the list the build scripts read too ([`LazyModule`], written by build.rs).
//! Today: the AI module (issue #5: tract, the models and datasets, the drawing pad and the model lab)
//! in two builds, with wasm SIMD and without ([`ai_module`] picks the one this browser runs), and the
//! classroom module (issue #6: the teachers' pages). None is on the first screen: the AI module is
//! downloaded when a program needs its backend (into the script worker, which forwards the AI
//! functions' requests to it) or the AI lab opens, the classroom module when a teacher opens one of
//! its pages.
//!
//! Served over http(s), each module has a fixed-name ES module ([`LazyModule::url`], written by
//! scripts/lazy-modules.mjs) that starts it and re-exports its bindings: the page or the script
//! worker imports it ([`load`]), and a module's own workers are module workers started from it. The
//! USB page (file://, where modules and fetch are refused) loads each module from a sibling script
//! instead and publishes a function to load it on the page and one to start a worker of it
//! ([`LazyModule::usb_load_hook`], [`LazyModule::usb_worker_hook`]; scripts/usb.mjs); its script
//! worker gets the load functions too, which ask the page for the module. When they exist they are
//! used. A worker of a lazy module is started with a role, its name, which the module's `main` reads
//! to know which requests it serves ([`worker_role`]); the script worker's name is the AI module it
//! loads ([`start_script_worker`]).
//!
//! Every wasm module carries this file: the first screen's starts the script worker and loads the
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
    /// Answers the drawing pad's and the model lab's requests (the AI module).
    Tools,
    /// Verifies lessons for the lesson editor (the classroom module).
    Verify,
}

impl WorkerRole {
    /// The worker's name.
    pub fn name(self) -> &'static str {
        match self {
            WorkerRole::Tools => "tools",
            WorkerRole::Verify => "verify",
        }
    }
}

/// The name of the dedicated worker this code runs in; `None` on the page.
fn worker_name() -> Option<String> {
    js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>().ok().map(|scope| scope.name())
}

/// The role of the worker this code runs in, from its name; `None` on the page, or for a name no
/// role has (the script worker's).
pub fn worker_role() -> Option<WorkerRole> {
    let name = worker_name()?;
    [WorkerRole::Tools, WorkerRole::Verify].into_iter().find(|role| role.name() == name)
}

/// Asks `WebAssembly.validate` about a wasm module with one function of type `() -> v128`
/// (`i32.const 0; i8x16.splat; i8x16.popcnt`), which validates only where the browser has wasm
/// SIMD (the probe of the wasm-feature-detect package). Its bytes are written as JavaScript numbers:
/// as bytes in this module's data they would begin with wasm's magic number, which marks a copy of
/// a wasm module in the USB page.
const SIMD_PROBE: &str = "return WebAssembly.validate(new Uint8Array(\
    [0,97,115,109,1,0,0,0,1,5,1,96,0,1,123,3,2,1,0,10,10,1,8,0,65,0,253,15,253,98,11]))";

/// The build of the AI module this browser runs: the one with wasm SIMD (tract's kernels 2.5-3×
/// faster) where the browser validates SIMD code, else the one without (Chromium before 91). The
/// page decides, for its tools and, by naming it, for the script worker: a browser test hides SIMD
/// from the page with an init script, which never reaches workers.
pub fn ai_module() -> LazyModule {
    let probe = js_sys::Function::new_no_args(SIMD_PROBE).call0(&JsValue::UNDEFINED);
    if probe.ok().and_then(|simd| simd.as_bool()).unwrap_or(false) {
        LazyModule::Ai
    } else {
        LazyModule::AiNosimd
    }
}

/// In the script worker: the AI module the page named it after ([`start_script_worker`]).
pub fn script_worker_ai_module() -> LazyModule {
    let name = worker_name().unwrap_or_default();
    LazyModule::ALL.into_iter().find(|module| module.name() == name).unwrap_or(LazyModule::Ai)
}

/// The function the USB page publishes under `name`, if it does.
pub(crate) fn usb_hook(name: &str) -> Option<js_sys::Function> {
    js_sys::Reflect::get(&js_sys::global(), &name.into()).ok()?.dyn_into::<js_sys::Function>().ok()
}

/// `relative` made absolute against the page, so that it means the same wherever it is used.
pub(crate) fn page_url(relative: &str) -> Result<String, JsValue> {
    let base = web_sys::window().ok_or("no window")?.document().ok_or("no document")?.base_uri()?.ok_or("no base")?;
    Ok(web_sys::Url::new_with_base(relative, &base)?.href())
}

/// Loads `module` where this code runs, on the page or in the script worker; the promise resolves
/// to its exports (`mount_tool`, `answer`, …).
pub fn load(module: LazyModule) -> Result<js_sys::Promise, JsValue> {
    if let Some(load) = usb_hook(module.usb_load_hook()) {
        return load.call0(&JsValue::UNDEFINED)?.dyn_into();
    }
    // wasm-bindgen has no dynamic import; a function made at run time can use one. The address is
    // made absolute against the page, or in a worker against the worker's script, which the build
    // writes beside the page.
    let import = js_sys::Function::new_with_args(
        "url",
        "return import(new URL(url, self.document ? document.baseURI : location.href).href)",
    );
    import.call1(&JsValue::UNDEFINED, &module.url().into())?.dyn_into()
}

/// A new worker running the first screen's module, whose `main` serves runs and gradings there,
/// named after the build of the AI module `ai` that it loads when a program needs the AI backend.
pub fn start_script_worker(ai: LazyModule) -> Result<Worker, JsValue> {
    // The USB page starts the worker itself and hands it the module it has already compiled.
    if let Some(start) = usb_hook("SPROUT_START_WORKER") {
        return start.call1(&JsValue::UNDEFINED, &ai.name().into())?.dyn_into::<Worker>();
    }
    module_worker(WORKER_URL, ai.name())
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
