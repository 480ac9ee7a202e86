//! Lessons and grading for Sprout.
//!
//! This crate is where the lesson format, the grader and lesson packs live (issue #3). It exists
//! now so that the workspace has its final shape and the host-free boundary test already guards
//! it: like `sprout-runtime`, it must build and test natively and in wasm without browser crates.
//! Until the lesson format lands it only re-exports the runtime the grader will be built on.

pub use sprout_runtime as runtime;
