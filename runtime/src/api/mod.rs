//! The student API v1: the functions a student's program can call beyond the Rhai language.
//!
//! Every function is listed in [`API`] (name, argument counts, area). That list is the single
//! source of truth for "did you mean" suggestions, for telling a wrong argument count from an
//! unknown function, and for the test that keeps `docs/student-api.md` complete.
//!
//! Functions take [`Dynamic`] arguments and check them here, so that a wrong kind of argument gets
//! a diagnostic naming the function instead of Rhai's generic "function not found".

mod board;
mod chart;
mod clock;
mod font;
mod math;
#[cfg(test)]
mod registered;
mod text;
mod turtle;

use std::cell::RefCell;
use std::rc::Rc;

use rhai::{Array, Dynamic, Engine, EvalAltResult, Position, FLOAT, INT};

use crate::diagnostic::{type_id, Code, Diagnostic};
use crate::host::Host;

pub(crate) use board::Board;
pub(crate) use clock::{dispatch_events_until, EventHandlers};
pub use math::SeededRandom;
pub(crate) use turtle::Turtle;

/// The shared, mutable state of one run, as seen by the API functions.
pub(crate) type SharedHost = Rc<RefCell<Host>>;

/// A diagnostic raised by an API function, carried through Rhai as the error's value.
#[derive(Clone, Debug)]
pub(crate) struct ApiError(pub Diagnostic);

impl std::fmt::Display for ApiError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(self.0.code.id())?;
        let arguments: Vec<String> = self.0.args.iter().map(|(name, value)| format!("{name} = {value}")).collect();
        if !arguments.is_empty() {
            write!(formatter, " ({})", arguments.join(", "))?;
        }
        Ok(())
    }
}

/// The result type of API functions.
pub(crate) type ApiResult<T> = Result<T, Box<EvalAltResult>>;

/// A student mistake in a call to an API function; `try`/`catch` can catch it.
pub(crate) fn mistake(diagnostic: Diagnostic) -> Box<EvalAltResult> {
    EvalAltResult::ErrorRuntime(Dynamic::from(ApiError(diagnostic)), Position::NONE).into()
}

/// The run reached its virtual end time; `try`/`catch` cannot catch it.
pub(crate) fn stop_time_up() -> Box<EvalAltResult> {
    EvalAltResult::ErrorTerminated(Dynamic::from(crate::diagnostic::STOP_TIME_UP), Position::NONE).into()
}

/// Charges `work` done natively to the run's operation budget (see [`Host::charge`]) before it is
/// done; a run over its budget stops, and `try`/`catch` cannot catch that.
pub(crate) fn charge(host: &SharedHost, work: u64) -> ApiResult<()> {
    host.borrow_mut().charge(work).map_err(|diagnostic| {
        EvalAltResult::ErrorTerminated(Dynamic::from(ApiError(diagnostic)), Position::NONE).into()
    })
}

/// Which part of the API a function belongs to (the sections of the documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// Console input and output, conversions.
    Text,
    /// Numbers and seeded randomness.
    Math,
    /// Turtle graphics.
    Turtle,
    /// Charts.
    Chart,
    /// The maker board: LEDs, buttons, sensors.
    Board,
    /// The virtual clock and events.
    Clock,
    /// Artificial intelligence: vectors, datasets, training and models (the `ai` feature).
    Ai,
}

/// One function of the student API.
#[derive(Clone, Copy, Debug)]
pub struct ApiFunction {
    /// The name a program calls.
    pub name: &'static str,
    /// The numbers of arguments it accepts.
    pub arities: &'static [usize],
    /// Its section of the documentation.
    pub area: Area,
    /// Whether it reads the maker board (a button, a sensor): a program that calls it needs the
    /// board on screen to be pressed and tilted.
    pub reads_board: bool,
}

const fn function(name: &'static str, arities: &'static [usize], area: Area) -> ApiFunction {
    ApiFunction { name, arities, area, reads_board: false }
}

/// A function that reads the maker board.
const fn board_input(name: &'static str, arities: &'static [usize], area: Area) -> ApiFunction {
    ApiFunction { reads_board: true, ..function(name, arities, area) }
}

/// Every function of the student API v1 (documented in `docs/student-api.md`).
pub const API: &[ApiFunction] = &[
    function("print", &[1], Area::Text),
    function("input", &[0, 1], Area::Text),
    function("int", &[1], Area::Text),
    function("float", &[1], Area::Text),
    function("str", &[1], Area::Text),
    function("abs", &[1], Area::Math),
    function("min", &[2], Area::Math),
    function("max", &[2], Area::Math),
    function("sqrt", &[1], Area::Math),
    function("pow", &[2], Area::Math),
    function("sin", &[1], Area::Math),
    function("cos", &[1], Area::Math),
    function("tan", &[1], Area::Math),
    function("asin", &[1], Area::Math),
    function("acos", &[1], Area::Math),
    function("atan", &[1, 2], Area::Math),
    function("exp", &[1], Area::Math),
    function("ln", &[1], Area::Math),
    function("log10", &[1], Area::Math),
    function("floor", &[1], Area::Math),
    function("ceil", &[1], Area::Math),
    function("round", &[1, 2], Area::Math),
    function("PI", &[0], Area::Math),
    function("random", &[0], Area::Math),
    function("random_int", &[2], Area::Math),
    function("random_choice", &[1], Area::Math),
    function("shuffle", &[1], Area::Math),
    function("forward", &[1], Area::Turtle),
    function("back", &[1], Area::Turtle),
    function("left", &[1], Area::Turtle),
    function("right", &[1], Area::Turtle),
    function("pen_up", &[0], Area::Turtle),
    function("pen_down", &[0], Area::Turtle),
    function("pen_color", &[1], Area::Turtle),
    function("pen_width", &[1], Area::Turtle),
    function("fill_color", &[1], Area::Turtle),
    function("begin_fill", &[0], Area::Turtle),
    function("end_fill", &[0], Area::Turtle),
    function("go_to", &[2], Area::Turtle),
    function("home", &[0], Area::Turtle),
    function("circle", &[1, 2], Area::Turtle),
    function("dot", &[0, 1, 2], Area::Turtle),
    function("heading", &[0], Area::Turtle),
    function("set_heading", &[1], Area::Turtle),
    function("position", &[0], Area::Turtle),
    function("xcor", &[0], Area::Turtle),
    function("ycor", &[0], Area::Turtle),
    function("hide_turtle", &[0], Area::Turtle),
    function("show_turtle", &[0], Area::Turtle),
    function("rgb", &[3], Area::Turtle),
    function("plot", &[1, 2], Area::Chart),
    function("scatter", &[2, 3], Area::Chart),
    function("bar", &[2], Area::Chart),
    function("hist", &[1, 2], Area::Chart),
    function("led_plot", &[2, 3], Area::Board),
    function("led_unplot", &[2], Area::Board),
    function("led_point", &[2], Area::Board),
    function("led_clear", &[0], Area::Board),
    function("show_leds", &[1], Area::Board),
    function("show_text", &[1], Area::Board),
    function("show_number", &[1], Area::Board),
    board_input("button_pressed", &[1], Area::Board),
    board_input("temperature", &[0], Area::Board),
    board_input("light_level", &[0], Area::Board),
    board_input("sound_level", &[0], Area::Board),
    board_input("tilt_x", &[0], Area::Board),
    board_input("tilt_y", &[0], Area::Board),
    function("sleep", &[1], Area::Clock),
    function("millis", &[0], Area::Clock),
    function("every", &[2], Area::Clock),
    board_input("on_button", &[2], Area::Clock),
];

/// The AI area of the student API (`docs/student-api.md`, section 人工智能 AI). Registered only with
/// the `ai-script` feature (which `ai` includes), except the vector form of `dot`, which shares its
/// name with the turtle's `dot` and is always there (see [`AI_FUNCTIONS`]).
pub const AI_API: &[ApiFunction] = &[
    function("dot", &[2], Area::Ai),
    function("distance", &[2], Area::Ai),
    function("sum", &[1], Area::Ai),
    function("mean", &[1], Area::Ai),
    function("std", &[1], Area::Ai),
    function("argmax", &[1], Area::Ai),
    function("argmin", &[1], Area::Ai),
    function("normalize", &[1], Area::Ai),
    function("add", &[2], Area::Ai),
    function("sub", &[2], Area::Ai),
    function("scale", &[2], Area::Ai),
    function("matmul", &[2], Area::Ai),
    function("transpose", &[1], Area::Ai),
    function("dataset", &[1], Area::Ai),
    function("split", &[3], Area::Ai),
    function("take", &[2], Area::Ai),
    function("knn", &[2], Area::Ai),
    function("logistic", &[1, 2], Area::Ai),
    function("model", &[1], Area::Ai),
    function("my_model", &[0], Area::Ai),
];

/// The methods of the AI area's objects (`c.predict(x)`), with the argument counts Rhai sees: the
/// object itself is the first argument. Registered only with the `ai-script` feature.
pub const AI_METHODS: &[ApiFunction] = &[
    function("predict", &[2], Area::Ai),
    function("classify", &[2], Area::Ai),
    function("accuracy", &[2], Area::Ai),
    function("confusion", &[2], Area::Ai),
    function("top", &[3], Area::Ai),
    function("embed", &[2], Area::Ai),
];

/// Names of the functions a program can only call in a runtime built with the `ai-script` feature:
/// a host without it (the app's first-screen script worker) hands a program that calls any of them
/// to a host with it. Every name of [`AI_API`] except `dot`, which the turtle's `dot` shares and
/// whose vector form every build has. Methods (`c.predict(x)`) are not listed: only these functions
/// make the objects that have them.
pub const AI_FUNCTIONS: &[&str] = &[
    "distance",
    "sum",
    "mean",
    "std",
    "argmax",
    "argmin",
    "normalize",
    "add",
    "sub",
    "scale",
    "matmul",
    "transpose",
    "dataset",
    "split",
    "take",
    "knn",
    "logistic",
    "model",
    "my_model",
];

/// The functions of [`AI_FUNCTIONS`] whose calls go to the AI area's backend (see
/// `sprout_runtime::ai::protocol`); the others, the vector functions, `split` and `take`, run on the
/// engine's side. A host whose engine has the AI area's script side (`ai-script`) but loads the
/// backend only when a program needs it (the app's first screen) loads it before running a program
/// that calls one of these. Methods are not listed: only these functions make the objects that
/// have them.
pub const AI_BACKEND_FUNCTIONS: &[&str] = &["dataset", "knn", "logistic", "model", "my_model"];

/// Every function and method this build registers: [`API`], and [`AI_API`] and [`AI_METHODS`]
/// with the `ai-script` feature (without it, only the vector `dot`).
pub fn registered_functions() -> impl Iterator<Item = &'static ApiFunction> {
    let (ai, methods): (&[ApiFunction], &[ApiFunction]) =
        if cfg!(feature = "ai-script") { (AI_API, AI_METHODS) } else { (&AI_API[..1], &[]) };
    API.iter().chain(ai).chain(methods)
}

/// The names of the functions that read the maker board ([`ApiFunction::reads_board`]).
pub fn board_inputs() -> impl Iterator<Item = &'static str> {
    API.iter().filter(|function| function.reads_board).map(|function| function.name)
}

/// Common Rhai built-in functions, offered as "did you mean" candidates next to [`API`].
pub(crate) const BUILT_IN_NAMES: &[&str] = &[
    "len",
    "push",
    "pop",
    "shift",
    "insert",
    "remove",
    "clear",
    "contains",
    "index_of",
    "reverse",
    "sort",
    "filter",
    "map",
    "reduce",
    "some",
    "all",
    "sum",
    "split",
    "trim",
    "to_upper",
    "to_lower",
    "sub_string",
    "replace",
    "starts_with",
    "ends_with",
    "keys",
    "values",
    "range",
    "to_string",
    "type_of",
    "parse_int",
    "parse_float",
    "to_int",
    "to_float",
    "is_empty",
    "chars",
    "append",
    "extract",
    "retain",
    "dedup",
    "is_even",
    "is_odd",
    "sign",
    "to_chars",
    "pad",
    "get",
    "set",
    "debug",
    "to_degrees",
    "to_radians",
];

/// Registers the whole student API on `engine`, bound to the run's shared `host` state.
pub(crate) fn register(engine: &mut Engine, host: &SharedHost) {
    // A mistake caught with `try`/`catch` is a value the program may print or inspect: it shows
    // as its code and arguments, e.g. `led-out-of-range (x = 9, y = 9)`, and `e.code` is the code.
    engine.register_type_with_name::<ApiError>("error");
    engine.register_fn("to_string", |error: &mut ApiError| error.to_string());
    engine.register_fn("to_debug", |error: &mut ApiError| error.to_string());
    engine.register_get("code", |error: &mut ApiError| error.0.code.id().to_string());
    text::register(engine, host);
    math::register(engine, host);
    turtle::register(engine, host);
    chart::register(engine, host);
    board::register(engine, host);
    clock::register(engine, host);
    crate::ai::register(engine, host);
}

/// Reads a number argument (whole or decimal) of function `name`.
pub(crate) fn number(name: &str, value: &Dynamic) -> ApiResult<FLOAT> {
    if let Ok(int) = value.as_int() {
        return Ok(int as FLOAT);
    }
    value.as_float().map_err(|_| wrong_type(name, value))
}

/// Reads a whole-number argument of function `name`; a decimal with no fraction is accepted.
pub(crate) fn integer(name: &str, value: &Dynamic) -> ApiResult<INT> {
    if let Ok(int) = value.as_int() {
        return Ok(int);
    }
    match value.as_float() {
        Ok(float) if float.fract() == 0.0 && float.abs() < 9.0e15 => Ok(float as INT),
        _ => Err(wrong_type(name, value)),
    }
}

/// Reads a text argument of function `name`.
pub(crate) fn text_argument(name: &str, value: &Dynamic) -> ApiResult<String> {
    if value.is_string() {
        return Ok(value.clone().into_string().unwrap_or_default());
    }
    if let Ok(character) = value.as_char() {
        return Ok(character.to_string());
    }
    Err(wrong_type(name, value))
}

/// Reads a list of numbers of function `name`.
pub(crate) fn numbers(name: &str, value: &Dynamic) -> ApiResult<Vec<FLOAT>> {
    let array = array_argument(name, value)?;
    array.iter().map(|item| number(name, item)).collect()
}

/// Reads a list argument of function `name`.
pub(crate) fn array_argument(name: &str, value: &Dynamic) -> ApiResult<Array> {
    if value.is_array() {
        return Ok(value.clone().into_array().unwrap_or_default());
    }
    Err(wrong_type(name, value))
}

/// The mistake of calling `name` with a value of the wrong kind.
pub(crate) fn wrong_type(name: &str, value: &Dynamic) -> Box<EvalAltResult> {
    mistake(Diagnostic::new(Code::WrongArgumentType).with("name", name).with("got", type_id(value.type_name())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ai_functions_are_the_ai_area_outside_the_base_api() {
        for name in AI_FUNCTIONS {
            assert!(API.iter().all(|function| function.name != *name), "{name} is in the base API too");
        }
        for function in AI_API {
            let in_base = API.iter().any(|base| base.name == function.name);
            assert_eq!(AI_FUNCTIONS.contains(&function.name), !in_base, "{} is misfiled", function.name);
            assert_eq!(function.area, Area::Ai);
        }
        for method in AI_METHODS {
            assert!(!AI_FUNCTIONS.contains(&method.name), "{} is a method", method.name);
        }
        for name in AI_FUNCTIONS {
            assert!(AI_API.iter().any(|function| function.name == *name), "{name} has no entry in AI_API");
        }
        for name in AI_BACKEND_FUNCTIONS {
            assert!(AI_FUNCTIONS.contains(name), "{name} goes to the backend but is not an AI function");
        }
    }
}
