//! The app's workers: the page's typed link to a worker ([`link`]), the worker's serve loop
//! ([`serve`]), and the script worker, which runs and grades students' programs ([`script`], with
//! the messages of [`protocol`]).

pub mod link;
pub mod protocol;
pub mod script;
pub mod serve;
