//! The script side of the AI area: the functions and methods programs call, registered on the
//! engine. They check and convert their arguments, charge the run's operation budget before any
//! native work and turn mistakes into diagnostics; what needs the backend they ask for with a
//! [`Request`] (see [`super::protocol`]).
//!
//! The vector functions (`vector.rs`) and `split`/`take` never ask: programs call them in loops,
//! where a trip to another wasm module and back for each call would cost more than the work.
//!
//! This side goes into the app's first screen, so it is registered through a few helpers
//! ([`function1`] and its kin) that take plain function pointers: Rhai makes a call shim for each
//! type of closure it is given, and one closure type per shape of function instead of one per
//! function took 20 KB off this side's wasm (1.7 KB brotli). The functions return [`Dynamic`]s,
//! which Rhai treats exactly as the values inside them.

mod classifier;
mod dataset;
mod model;
mod vector;

use std::rc::Rc;

use rhai::{Array, Dynamic, Engine, EvalAltResult, Variant};

use super::format_shape;
use super::protocol::{backend, internal_error, Backend, Reply, Request};
use crate::api::{charge, mistake, ApiResult, SharedHost};
use crate::diagnostic::{Code, Diagnostic};

/// What the AI area's functions work with besides their arguments: the run's state, which they
/// charge for native work, and the backend they ask.
pub(super) struct Context {
    /// The run's state.
    host: SharedHost,
    /// This thread's backend.
    backend: Rc<dyn Backend>,
}

impl Context {
    /// Charges `work` done natively to the run's budget, before it is done (see
    /// [`crate::api::charge`]).
    fn charge(&self, work: u64) -> ApiResult<()> {
        charge(&self.host, work)
    }

    /// Asks the backend; a diagnostic it answers with is the program's mistake.
    fn ask(&self, request: Request) -> ApiResult<Reply> {
        self.backend.answer(request).map_err(mistake)
    }
}

/// Registers every function of the AI area but the vector `dot` (see [`super::register`]), bound to
/// this thread's backend.
pub(super) fn register(engine: &mut Engine, host: &SharedHost) {
    let context = Rc::new(Context { host: host.clone(), backend: backend() });
    vector::register(engine, &context);
    dataset::register(engine, &context);
    classifier::register(engine, &context);
    model::register(engine, &context);
}

/// A function of no argument.
type Function0 = fn(&Context) -> ApiResult<Dynamic>;
/// A function of one argument.
type Function1 = fn(&Context, Dynamic) -> ApiResult<Dynamic>;
/// A function of two arguments.
type Function2 = fn(&Context, Dynamic, Dynamic) -> ApiResult<Dynamic>;
/// A function of three arguments.
type Function3 = fn(&Context, Dynamic, Dynamic, Dynamic) -> ApiResult<Dynamic>;
/// A method of an object of type `T` with no argument, or a property.
type Method0<T> = fn(&Context, &mut T) -> ApiResult<Dynamic>;
/// A method of an object of type `T` with one argument.
type Method1<T> = fn(&Context, &mut T, Dynamic) -> ApiResult<Dynamic>;
/// A method of an object of type `T` with two arguments.
type Method2<T> = fn(&Context, &mut T, Dynamic, Dynamic) -> ApiResult<Dynamic>;

fn function0(engine: &mut Engine, context: &Rc<Context>, name: &str, function: Function0) {
    let context = context.clone();
    engine.register_fn(name, move || function(&context));
}

fn function1(engine: &mut Engine, context: &Rc<Context>, name: &str, function: Function1) {
    let context = context.clone();
    engine.register_fn(name, move |a: Dynamic| function(&context, a));
}

fn function2(engine: &mut Engine, context: &Rc<Context>, name: &str, function: Function2) {
    let context = context.clone();
    engine.register_fn(name, move |a: Dynamic, b: Dynamic| function(&context, a, b));
}

fn function3(engine: &mut Engine, context: &Rc<Context>, name: &str, function: Function3) {
    let context = context.clone();
    engine.register_fn(name, move |a: Dynamic, b: Dynamic, c: Dynamic| function(&context, a, b, c));
}

fn method0<T: Variant + Clone>(engine: &mut Engine, context: &Rc<Context>, name: &str, method: Method0<T>) {
    let context = context.clone();
    engine.register_fn(name, move |object: &mut T| method(&context, object));
}

fn getter<T: Variant + Clone>(engine: &mut Engine, context: &Rc<Context>, name: &str, getter: Method0<T>) {
    let context = context.clone();
    engine.register_get(name, move |object: &mut T| getter(&context, object));
}

fn method1<T: Variant + Clone>(engine: &mut Engine, context: &Rc<Context>, name: &str, method: Method1<T>) {
    let context = context.clone();
    engine.register_fn(name, move |object: &mut T, a: Dynamic| method(&context, object, a));
}

fn method2<T: Variant + Clone>(engine: &mut Engine, context: &Rc<Context>, name: &str, method: Method2<T>) {
    let context = context.clone();
    engine.register_fn(name, move |object: &mut T, a: Dynamic, b: Dynamic| method(&context, object, a, b));
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

/// A list of texts, as programs get names.
fn strings(values: &[String]) -> Array {
    values.iter().map(|value| Dynamic::from(value.clone())).collect()
}
