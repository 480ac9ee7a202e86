//! The Sprout student app: a Yew page whose script worker runs the students' programs.
//!
//! Trunk builds two binaries from this crate: `app` (the page, on the UI thread) and `worker`
//! (runs programs with `sprout-runtime`). Student code never runs on the UI thread, so a program
//! that loops for ever cannot freeze the page, and Stop can end it by terminating the worker.
//! This library holds the page's components and the [`protocol`] both binaries speak.

pub mod app;
pub mod board;
pub mod chart;
pub mod console;
pub mod course;
pub mod editor;
pub mod export;
pub mod highlight;
pub mod home;
pub mod i18n;
pub mod lesson_page;
pub mod markdown;
pub mod playback;
pub mod progress;
pub mod protocol;
pub mod script_worker;
pub mod stage;
pub mod state;
pub mod storage;
pub mod workbench;
pub mod zip;
