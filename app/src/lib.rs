//! The Sprout student app: a Yew page whose script worker runs the students' programs.
//!
//! Trunk builds one binary from this crate, `app`: one wasm module that the page and its script
//! worker both load. Its `main` mounts the page on the UI thread and calls [`worker::serve`] in
//! the worker, which runs programs with `sprout-runtime`. Student code never runs on the UI thread
//! (the page's copy of the module carries the engine but never calls it), so a program that loops
//! for ever cannot freeze the page, and Stop can end it by terminating the worker. This library
//! holds the page's components, the worker's loop and the [`protocol`] they speak.

#[cfg(feature = "ai")]
pub mod ai;
pub mod app;
pub mod board;
pub mod chart;
#[cfg(feature = "classroom")]
pub mod classroom;
pub mod console;
pub mod contest;
pub mod course;
pub mod document;
pub mod editor;
pub mod export;
pub mod highlight;
pub mod home;
pub mod i18n;
pub mod lazy_modules;
pub mod lazy_tool;
pub mod lesson_page;
pub mod markdown;
#[cfg(any(feature = "ai", feature = "classroom"))]
pub mod mount;
pub mod playback;
pub mod progress;
pub mod protocol;
pub mod script_worker;
pub mod stage;
pub mod state;
pub mod storage;
pub mod workbench;
pub mod worker;
