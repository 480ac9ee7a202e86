//! The entry point of Sprout's classroom module (issue #6), the app crate's third wasm binary,
//! built with the `classroom` feature by scripts/lazy-modules.mjs and loaded only when a teacher opens
//! one of its pages, never on the first screen. It only ever runs on the page: the page mounts its
//! tools through the functions it exports (`sprout_app::classroom`), and programs run in the first
//! screen's script worker.

fn main() {
    // Done here once rather than at the first mount; it is also what links the library, and so its
    // exports, into this binary. It fails only without a document, where nothing can be mounted and
    // `mount_classroom` tries again and reports it.
    let _ = sprout_app::mount::leave_the_pages_subtree_id();
}
