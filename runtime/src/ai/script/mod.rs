//! The script side of the AI area: the functions and methods programs call, registered on the
//! engine. They check and convert their arguments, charge the run's operation budget before any
//! native work and turn mistakes into diagnostics, exactly as the whole area did before it was cut
//! at the seam; what needs the backend they ask for with a [`Request`] (see [`super::protocol`]).
//!
//! The vector functions (`vector.rs`) and `split`/`take` never ask: programs call them in loops,
//! where a trip to another wasm module and back for each call would cost more than the work.

mod classifier;
mod dataset;
mod model;
mod vector;

use std::rc::Rc;

use rhai::{Array, Dynamic, Engine, EvalAltResult};

use super::format_shape;
use super::protocol::{backend, internal_error, Backend, Reply, Request};
use crate::api::{mistake, ApiResult, SharedHost};
use crate::diagnostic::{Code, Diagnostic};

/// Registers every function of the AI area but the vector `dot` (see [`super::register`]), bound to
/// this thread's backend.
pub(super) fn register(engine: &mut Engine, host: &SharedHost) {
    let backend = backend();
    vector::register(engine, host);
    dataset::register(engine, host, &backend);
    classifier::register(engine, host, &backend);
    model::register(engine, host, &backend);
}

/// Asks `backend`; a diagnostic it answers with is the program's mistake.
fn ask(backend: &Rc<dyn Backend>, request: Request) -> ApiResult<Reply> {
    backend.answer(request).map_err(mistake)
}

/// The mistake of a reply of another kind than the request asks for: a bug of the seam.
fn unexpected() -> Box<EvalAltResult> {
    mistake(internal_error("the AI backend answered with another kind of reply"))
}

/// The mistake of giving `name` an input of the wrong shape: `expected` is the shape it takes
/// (without the batch dimension), `given` what the program passed.
fn wrong_shape(name: &str, expected: &[usize], given: &Dynamic) -> Box<EvalAltResult> {
    let diagnostic = Diagnostic::new(Code::AiWrongShape)
        .with("name", name)
        .with("expected", format_shape(expected))
        .with("given", format_shape(&shape_of(given)));
    mistake(diagnostic)
}

/// The shape of nested arrays, following the first element at each level: `[28, 28]`; a value
/// that is not an array has the shape `[]`.
fn shape_of(value: &Dynamic) -> Vec<usize> {
    let mut shape = Vec::new();
    let mut current = value.clone();
    while let Some(array) = current.clone().try_cast::<Array>() {
        shape.push(array.len());
        match array.into_iter().next() {
            Some(first) => current = first,
            None => break,
        }
    }
    shape
}
