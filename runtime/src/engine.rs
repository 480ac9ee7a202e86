//! Builds the sandboxed Rhai engine for one run and drives the run: the program first, then the
//! events it registered, until nothing can happen any more or the virtual time is up.
//!
//! The engine starts from `Engine::new_raw` with only the packages listed in [`packages`]: no
//! `eval`, no modules, no file or time access. Budgets come from the run's [`Limits`]; the total
//! operation budget is enforced across the program and all its event handlers.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use rhai::packages::{
    BasicArrayPackage, BasicMapPackage, BasicMathPackage, CorePackage, LogicPackage, MoreStringPackage, Package,
};
use rhai::{CallFnOptions, Dynamic, Engine, Module, Scope, Shared};

use crate::api::{self, dispatch_events_until, ApiError, SharedHost};
use crate::data::{self, Meter};
use crate::diagnostic::{self, Code, Context, Diagnostic, Ending, DISABLED_WORDS};
use crate::host::{Host, Operations};
use crate::teardown::dismantle;
use crate::value::Value;
use crate::{Limits, Outcome, Run, RunInput};

thread_local! {
    /// Rhai's built-in packages, built once per thread and shared by every run on it.
    static PACKAGES: Vec<Shared<Module>> = vec![
        CorePackage::new().as_shared_module(),
        LogicPackage::new().as_shared_module(),
        BasicMathPackage::new().as_shared_module(),
        BasicArrayPackage::new().as_shared_module(),
        BasicMapPackage::new().as_shared_module(),
        MoreStringPackage::new().as_shared_module(),
    ];
}

/// How often (in operations) the host's interrupt callback is asked.
const INTERRUPT_CHECK_INTERVAL: u64 = 256;

/// The host's real-time safety net (see [`crate::run_with_interrupt`]), when it has one.
pub(crate) type Interrupt = Option<Box<dyn Fn() -> bool>>;

fn build_engine(host: &SharedHost, meter: &Rc<Meter>, limits: &Limits, interrupt: Interrupt) -> Engine {
    let mut engine = Engine::new_raw();
    PACKAGES.with(|packages| {
        for package in packages {
            engine.register_global_module(package.clone());
        }
    });
    for word in DISABLED_WORDS {
        engine.disable_symbol(word);
    }
    // Rhai's own size limits stay off: it would count a whole list again after every change to
    // it (`crate::data` measures instead).
    engine
        .set_strict_variables(true)
        .set_max_call_levels(limits.max_call_depth)
        .set_max_expr_depths(limits.max_expression_depth, limits.max_function_expression_depth);
    data::register(&mut engine, meter);

    let state = host.clone();
    engine.on_print(move |text| state.borrow_mut().write(&format!("{text}\n")));
    let state = host.clone();
    engine.on_debug(move |text, _, _| state.borrow_mut().write(&format!("{text}\n")));

    // The operation budget is enforced here rather than with Rhai's own `set_max_operations`:
    // the budget spans the program and every event handler, and Rhai's check would fire before
    // this callback could record that the budget was exceeded (a `sort` comparison swallows that
    // error, and the run must still fail). Rhai calls this on every operation, so the common path
    // only counts; see `Operations::next_check` for when it looks further.
    let operations = host.borrow().operations.clone();
    let state = host.clone();
    let max_operations = limits.max_operations;
    operations.next_check.set(next_check(&operations, 0, max_operations, interrupt.is_some()));
    engine.on_progress(move |operations_in_call| {
        let counted = operations.before_this_call.get() + operations_in_call;
        operations.rhai.set(counted);
        if counted < operations.next_check.get() {
            return None;
        }
        check_operation(&operations, &state, counted, max_operations, interrupt.as_deref())
            .map(|diagnostic| Dynamic::from(ApiError(diagnostic)))
    });
    api::register(&mut engine, host);
    engine
}

/// The progress callback's look beyond counting, at the operations where the run may have to
/// stop: over the budget, the host's interrupt (asked every [`INTERRUPT_CHECK_INTERVAL`]
/// operations), or a stop that output or trace budgets left pending. Gives the diagnostic that
/// stops the run, or schedules the next look.
fn check_operation(
    operations: &Operations,
    host: &SharedHost,
    counted: u64,
    max_operations: u64,
    interrupt: Option<&dyn Fn() -> bool>,
) -> Option<Diagnostic> {
    // Once over the budget or interrupted, `next_check` stays behind the count, so that every later
    // operation stops the run too (a `sort` comparison swallows the first error).
    if counted.saturating_add(operations.native.get()) > max_operations {
        return Some(Diagnostic::new(Code::TooManyOperations).with("limit", max_operations));
    }
    if let Some(interrupt) = interrupt {
        if operations.interrupted.get() || (counted % INTERRUPT_CHECK_INTERVAL == 0 && interrupt()) {
            operations.interrupted.set(true);
            operations.check_now();
            return Some(Diagnostic::new(Code::Interrupted));
        }
    }
    // Native functions borrow the host only while they run, never across an operation.
    if let Some(pending) = host.try_borrow().ok().and_then(|host| host.pending_stop.clone()) {
        operations.check_now();
        return Some(pending);
    }
    operations.next_check.set(next_check(operations, counted, max_operations, interrupt.is_some()));
    None
}

/// The next Rhai count at which the progress callback must look beyond counting, after `counted`:
/// the first count over the budget, or the next interrupt check when the host has an interrupt.
fn next_check(operations: &Operations, counted: u64, max_operations: u64, interrupted_by_host: bool) -> u64 {
    let over_budget = max_operations.saturating_sub(operations.native.get()).saturating_add(1);
    let next_interrupt_check = match interrupted_by_host {
        true => (counted / INTERRUPT_CHECK_INTERVAL + 1) * INTERRUPT_CHECK_INTERVAL,
        false => u64::MAX,
    };
    over_budget.min(next_interrupt_check)
}

/// Every name in the source that looks like an identifier: the candidates for "did you mean".
pub(crate) fn identifiers(source: &str) -> Vec<String> {
    let mut names: Vec<String> = source
        .split(|character: char| !(character.is_alphanumeric() || character == '_'))
        .filter(|word| word.chars().next().is_some_and(|first| first.is_alphabetic() || first == '_'))
        .map(str::to_string)
        .collect();
    names.sort();
    names.dedup();
    names
}

/// What to do with a compiled program.
pub(crate) enum Task<'a> {
    /// Run the program, then its events until nothing can happen any more.
    Program,
    /// Call one of the program's functions with these arguments; the top level does not run.
    Call {
        /// The function's name.
        function: &'a str,
        /// Its arguments.
        arguments: &'a [Value],
    },
}

pub(crate) fn run(source: &str, input: &RunInput, interrupt: Interrupt, task: Task) -> (Run, Option<Value>) {
    let limits = &input.limits;
    let host: SharedHost = Rc::new(RefCell::new(Host::new(input)));
    // `operations` counts Rhai's; the run reports them with the native work charged.
    let finish = |outcome: Outcome| {
        let host = host.borrow();
        let outcome = explain_busy_board(outcome, &host);
        Run { trace: host.trace.clone(), outcome, operations: host.operations.used(), end_time_ms: host.clock_ms }
    };
    if source.len() > limits.max_source_bytes {
        let diagnostic =
            Diagnostic::new(Code::SourceTooLong).with("bytes", source.len()).with("limit", limits.max_source_bytes);
        return (finish(Outcome::Failed { diagnostic }), None);
    }

    let operations = host.borrow().operations.clone();
    let meter = Meter::new(limits, operations.clone(), Rc::downgrade(&host));
    let engine = build_engine(&host, &meter, limits, interrupt);
    let variable_names = identifiers(source);
    let mut functions: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for function in api::registered_functions() {
        let counts = functions.entry(function.name.to_string()).or_default();
        for count in function.arities {
            if !counts.contains(count) {
                counts.push(*count);
            }
        }
    }
    let ast = match engine.compile(source) {
        Ok(ast) => ast,
        Err(error) => {
            let context = Context { source, variable_names: &variable_names, functions: &functions, limits };
            let diagnostic = diagnostic::from_parse_error(error.err_type(), error.position(), &context);
            return (finish(Outcome::Failed { diagnostic }), None);
        }
    };
    for function in ast.iter_functions() {
        functions.entry(function.name.to_string()).or_default().push(function.params.len());
    }
    let context = Context { source, variable_names: &variable_names, functions: &functions, limits };

    let mut scope = Scope::new();
    if let Task::Call { function, arguments } = task {
        let arguments: Vec<Dynamic> = arguments.iter().map(Value::to_dynamic).collect();
        let options = CallFnOptions::new().eval_ast(false).rewind_scope(true);
        let (outcome, returned) =
            match engine.call_fn_with_options::<Dynamic>(options, &mut scope, &ast, function, arguments) {
                Ok(value) => {
                    let converted = Value::from_dynamic(&value);
                    dismantle([value]);
                    match converted {
                        Ok(value) => (Outcome::Finished { value: Some(value.to_string()) }, Some(value)),
                        Err(error) => {
                            let diagnostic = Diagnostic::new(Code::NotPlainData).with("detail", error);
                            (Outcome::Failed { diagnostic }, None)
                        }
                    }
                }
                Err(error) => match diagnostic::from_eval_error(&error, &context) {
                    Ending::TimeUp => (Outcome::TimeUp, None),
                    Ending::Failed(diagnostic) => (Outcome::Failed { diagnostic }, None),
                },
            };
        let outcome = budget_check(outcome, &operations, &host, limits);
        let returned = returned.filter(|_| matches!(outcome, Outcome::Finished { .. }));
        dismantle_run(scope, &host);
        return (finish(outcome), returned);
    }
    let evaluation = engine.eval_ast_with_scope::<Dynamic>(&mut scope, &ast);
    let ending = match evaluation {
        Ok(value) => {
            let shown = (!value.is_unit()).then(|| value.to_string());
            dismantle([value]);
            meter.enter_handlers(scope.iter_raw().map(|(_, _, value)| value));
            let end_ms = host.borrow().end_ms;
            let handlers_result = dispatch_events_until(&host, end_ms, &mut |handler| {
                operations.before_this_call.set(operations.rhai.get());
                handler.call::<Dynamic>(&engine, &ast, ()).map(|_| ())
            });
            match handlers_result {
                Err(error) => diagnostic::from_eval_error(&error, &context),
                Ok(()) if host.borrow().handlers.may_fire_later() => {
                    let mut host = host.borrow_mut();
                    host.clock_ms = host.end_ms;
                    Ending::TimeUp
                }
                Ok(()) => {
                    let outcome = budget_check(Outcome::Finished { value: shown }, &operations, &host, limits);
                    dismantle_run(scope, &host);
                    return (finish(outcome), None);
                }
            }
        }
        Err(error) => diagnostic::from_eval_error(&error, &context),
    };
    let outcome = match ending {
        Ending::TimeUp => Outcome::TimeUp,
        Ending::Failed(diagnostic) => Outcome::Failed { diagnostic },
    };
    dismantle_run(scope, &host);
    (finish(budget_check(outcome, &operations, &host, limits)), None)
}

/// A run that ran out of steps, or of trace events, while it drove the maker board with no
/// virtual time passing is a maker loop that forgot `sleep`: its diagnostic says so (`cause` =
/// `no-sleep`), instead of only suspecting a loop that never ends, which a maker loop is meant to
/// be. (A loop that sets LEDs runs out of trace events first, one that reads a button out of
/// steps.)
fn explain_busy_board(outcome: Outcome, host: &Host) -> Outcome {
    match outcome {
        Outcome::Failed { diagnostic }
            if (diagnostic.code == Code::TooManyOperations
                || (diagnostic.code == Code::OutputTooLarge
                    && diagnostic.args.get("what").is_some_and(|what| what == "events")))
                && host.board_used_without_time_passing() =>
        {
            Outcome::Failed { diagnostic: diagnostic.with("cause", "no-sleep") }
        }
        outcome => outcome,
    }
}

/// Takes apart the program's variables and registered handlers (see [`crate::teardown`]).
fn dismantle_run(scope: Scope, host: &SharedHost) {
    let handlers = host.borrow_mut().handlers.take_all();
    dismantle(scope.into_iter().map(|(_, value, _)| value).chain(handlers.into_iter().map(Dynamic::from)));
}

/// A budget that ran out ends the run as failed even when a library function swallowed the error
/// (Rhai's `sort` ignores errors raised inside its comparison, for example).
fn budget_check(outcome: Outcome, operations: &Operations, host: &SharedHost, limits: &Limits) -> Outcome {
    if let Outcome::Failed { diagnostic } = &outcome {
        if matches!(diagnostic.code, Code::TooManyOperations | Code::OutputTooLarge | Code::Interrupted) {
            return outcome;
        }
    }
    let exceeded = if operations.used() > limits.max_operations {
        Some(Diagnostic::new(Code::TooManyOperations).with("limit", limits.max_operations))
    } else if operations.interrupted.get() {
        Some(Diagnostic::new(Code::Interrupted))
    } else {
        host.borrow().pending_stop.clone()
    };
    match exceeded {
        Some(diagnostic) => Outcome::Failed { diagnostic },
        None => outcome,
    }
}
