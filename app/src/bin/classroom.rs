//! The entry point of Sprout's classroom module (issue #6), the app crate's third wasm binary,
//! built with the `classroom` feature by scripts/lazy-modules.mjs and loaded only when a teacher opens
//! one of its pages, never on the first screen. On the page, the page mounts its tools through the
//! functions it exports (`sprout_app::classroom`); in a worker, which the lesson editor starts, it
//! verifies lessons (`sprout_app::classroom::verify`).

use wasm_bindgen::JsCast;

fn main() {
    if !js_sys::global().is_instance_of::<web_sys::Window>() {
        sprout_app::classroom::verify::serve();
        return;
    }
    // Done here once rather than at the first mount; it is also what links the library, and so its
    // exports, into this binary. It fails only without a document, where nothing can be mounted and
    // `mount_classroom` tries again and reports it.
    let _ = sprout_app::modules::mount::leave_the_pages_subtree_id();
}
