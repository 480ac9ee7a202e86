//! The API's handlers, one file per area (docs/server-api.md lists every route).

pub mod classes;
pub mod export;
pub mod student;
pub mod teacher;
pub mod view;
