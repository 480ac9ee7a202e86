//! The entry point of Sprout's AI module (issue #5), the app crate's second wasm binary, built with
//! the `ai` feature (the runtime with tract and the embedded models) by scripts/lazy-modules.mjs and
//! loaded only when a lesson or the AI lab needs it, never on the first screen.
//!
//! In a worker it serves by the worker's role (its name, `sprout_app::modules::WorkerRole`): the AI
//! script worker runs programs that call the AI functions (the same `workers::script::serve()` as
//! the first screen's module), the tools' worker answers the drawing pad's and the model lab's
//! requests (`sprout_app::ai::tools::serve()`). On the page it does nothing at start: the app mounts
//! the pad and the lab through the functions it exports (`sprout_app::ai`).

use sprout_app::modules::{worker_role, WorkerRole};

fn main() {
    match worker_role() {
        Some(WorkerRole::Tools) => sprout_app::ai::tools::serve(),
        Some(_) => sprout_app::workers::script::serve(),
        // On the page the module only exports; the app mounts the tools through them.
        None => {}
    }
}
