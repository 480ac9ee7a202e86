//! The entry point of Sprout's one wasm module, which serves both threads of the app.
//!
//! The page and the script worker share one module so that a student downloads the code they
//! have in common (the standard library, serde, the bindings, the lesson and run types) once:
//! ≈80 KB brotli less than two modules (issue #4). The page loads it and mounts the student app;
//! the worker it starts loads the same file (from the HTTP cache or the service worker) and serves
//! runs and gradings. The UI thread carries the engine's code but never calls it: student programs
//! run only in the worker.

use wasm_bindgen::JsCast;

fn main() {
    if js_sys::global().is_instance_of::<web_sys::Window>() {
        yew::Renderer::<sprout_app::shell::App>::new().render();
    } else {
        sprout_app::workers::script::serve();
    }
}
