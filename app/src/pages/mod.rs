//! One component per screen of the student app.

pub mod contest;
pub mod home;
pub mod lesson;
