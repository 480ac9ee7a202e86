//! The Sprout student app: a Yew page whose script worker runs the students' programs.
//!
//! Trunk builds one binary from this crate, `app`: one wasm module that the page and its script
//! worker both load. Its `main` mounts the page on the UI thread and serves runs and gradings in
//! the worker ([`workers`]). Student code never runs on the UI thread (the page's copy of the module
//! carries the engine but never calls it), so a program that loops for ever cannot freeze the page,
//! and Stop can end it by terminating the worker. The crate's other binaries are the lazily loaded
//! modules ([`modules`]): the AI module and the classroom module.
//!
//! Where things are: [`shell`] (the page's frame and its hooks), [`pages`] (one component per
//! screen), [`components`] (editor, stage, board, chart, console), [`state`] (the one state and its
//! reducer, and run playback), [`course`] (the course, its lesson text and which lessons open),
//! [`storage`] (browser storage, progress and the files it becomes), [`sync`] (the classroom
//! server: signing in, restoring and saving the work there), [`workers`] (the typed link to
//! a worker, its serve loop and the messages), [`modules`] (the lazily loaded modules), [`i18n`]
//! (the UI's words).

#[cfg(feature = "ai")]
pub mod ai;
#[cfg(feature = "classroom")]
pub mod classroom;
pub mod components;
pub mod course;
pub mod i18n;
pub mod modules;
pub mod pages;
pub mod shell;
pub mod state;
pub mod storage;
pub mod sync;
pub mod workers;
