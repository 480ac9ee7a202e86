//! The entry point of Sprout's AI module (issue #5), the app crate's second wasm binary, built with
//! the `ai` feature (the runtime with tract and the embedded models) by scripts/lazy-modules.mjs and
//! loaded only when a lesson or the AI lab needs it, never on the first screen.
//!
//! In a worker it is the AI script worker: the same `worker::serve()` as the first screen's module,
//! which here runs programs that call the AI functions, and answers the drawing pad's and the model
//! lab's requests. On the page it does nothing at start: the app mounts the pad and the lab through
//! the functions it exports (`sprout_app::ai`).

use wasm_bindgen::JsCast;

fn main() {
    if !js_sys::global().is_instance_of::<web_sys::Window>() {
        sprout_app::workers::serve::serve();
    }
}
