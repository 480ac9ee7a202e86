//! The entry point of Sprout's AI module (issue #5), the app crate's second wasm binary, built with
//! the `ai` feature (the runtime's AI backend: tract, the embedded models and datasets, training)
//! by scripts/lazy-modules.mjs, twice (with wasm SIMD and without), and loaded only when a program
//! or the AI lab needs it, never on the first screen. It carries no script engine: programs run in
//! the first screen's script worker, which loads this module beside its engine and hands it the AI
//! functions' requests through its `answer` export (`sprout_app::ai::answer`).
//!
//! In a worker named for the tools' role (`sprout_app::modules::WorkerRole`) it answers the drawing
//! pad's and the model lab's requests (`sprout_app::ai::tools::serve()`). Elsewhere (on the page, in
//! the script worker) it does nothing at start: the page mounts the pad and the lab through the
//! functions it exports, the script worker calls `answer`.

use sprout_app::modules::{worker_role, WorkerRole};

fn main() {
    if worker_role() == Some(WorkerRole::Tools) {
        sprout_app::ai::tools::serve();
    }
}
