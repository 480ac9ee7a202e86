//! The app's workers: the page's handle on a worker ([`link`]), the script worker's side
//! ([`serve`]), and what they say to each other ([`protocol`]).

pub mod link;
pub mod protocol;
pub mod serve;
