//! One component per screen of the student app; the shell shows the one for the state's page.

pub mod contest;
pub mod home;
pub mod join;
pub mod lesson;
pub mod playground;
pub mod tools;
