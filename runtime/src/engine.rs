//! Builds the sandboxed Rhai engine for one run and drives the run: the program first, then the
//! events it registered, until nothing can happen any more or the virtual time is up.
//!
//! The engine starts from `Engine::new_raw` with only the packages listed in [`packages`]: no
//! `eval`, no modules, no file or time access. Budgets come from the run's [`Limits`]; the total
//! operation budget is enforced across the program and all its event handlers.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use rhai::packages::{
    BasicArrayPackage, BasicMapPackage, BasicMathPackage, CorePackage, LogicPackage, MoreStringPackage, Package,
};
use rhai::{CallFnOptions, Dynamic, Engine, Module, Scope, Shared};

use crate::api::{self, dispatch_events_until, ApiError, SharedHost};
use crate::diagnostic::{self, Code, Context, Diagnostic, Ending, DISABLED_WORDS};
use crate::host::Host;
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

/// Operation counting across the program and its event handlers (each handler call starts
/// Rhai's own counter at zero again).
#[derive(Default)]
struct OperationCount {
    before_this_call: Cell<u64>,
    total: Cell<u64>,
    interrupted: Cell<bool>,
}

/// How often (in operations) the host's interrupt callback is asked.
const INTERRUPT_CHECK_INTERVAL: u64 = 256;

fn build_engine(
    host: &SharedHost,
    operations: &Rc<OperationCount>,
    limits: &Limits,
    interrupt: Box<dyn Fn() -> bool>,
) -> Engine {
    let mut engine = Engine::new_raw();
    PACKAGES.with(|packages| {
        for package in packages {
            engine.register_global_module(package.clone());
        }
    });
    for word in DISABLED_WORDS {
        engine.disable_symbol(word);
    }
    engine
        .set_strict_variables(true)
        .set_max_call_levels(limits.max_call_depth)
        .set_max_expr_depths(limits.max_expression_depth, limits.max_function_expression_depth)
        .set_max_string_size(limits.max_string_length)
        .set_max_array_size(limits.max_array_length)
        .set_max_map_size(limits.max_map_size);

    let state = host.clone();
    engine.on_print(move |text| state.borrow_mut().write(&format!("{text}\n")));
    let state = host.clone();
    engine.on_debug(move |text, _, _| state.borrow_mut().write(&format!("{text}\n")));

    // The operation budget is enforced here rather than with Rhai's own `set_max_operations`:
    // the budget spans the program and every event handler, and Rhai's check would fire before
    // this callback could record that the budget was exceeded (a `sort` comparison swallows that
    // error, and the run must still fail).
    let state = host.clone();
    let counter = operations.clone();
    let max_operations = limits.max_operations;
    engine.on_progress(move |operations_in_call| {
        let counted = counter.before_this_call.get() + operations_in_call;
        counter.total.set(counted);
        // Native functions borrow the host only while they run, never across an operation.
        let (native, pending) = match state.try_borrow_mut() {
            Ok(mut host) => {
                host.operations = counted;
                (host.native_operations, host.pending_stop.clone())
            }
            Err(_) => (0, None),
        };
        if counted.saturating_add(native) > max_operations {
            let diagnostic = Diagnostic::new(Code::TooManyOperations).with("limit", max_operations);
            return Some(Dynamic::from(ApiError(diagnostic)));
        }
        if counter.interrupted.get() || (counted % INTERRUPT_CHECK_INTERVAL == 0 && interrupt()) {
            counter.interrupted.set(true);
            return Some(Dynamic::from(ApiError(Diagnostic::new(Code::Interrupted))));
        }
        pending.map(|diagnostic| Dynamic::from(ApiError(diagnostic)))
    });
    api::register(&mut engine, host);
    engine
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

pub(crate) fn run(
    source: &str,
    input: &RunInput,
    interrupt: Box<dyn Fn() -> bool>,
    task: Task,
) -> (Run, Option<Value>) {
    let limits = &input.limits;
    let host: SharedHost = Rc::new(RefCell::new(Host::new(input)));
    // `operations` counts Rhai's; the run reports them with the native work charged.
    let finish = |outcome: Outcome, operations: u64| {
        let host = host.borrow();
        let operations = operations.saturating_add(host.native_operations);
        Run { trace: host.trace.clone(), outcome, operations, end_time_ms: host.clock_ms }
    };
    if source.len() > limits.max_source_bytes {
        let diagnostic =
            Diagnostic::new(Code::SourceTooLong).with("bytes", source.len()).with("limit", limits.max_source_bytes);
        return (finish(Outcome::Failed { diagnostic }, 0), None);
    }

    let operations = Rc::new(OperationCount::default());
    let engine = build_engine(&host, &operations, limits, interrupt);
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
            let context = Context { variable_names: &variable_names, functions: &functions, limits };
            let diagnostic = diagnostic::from_parse_error(error.err_type(), error.position(), &context);
            return (finish(Outcome::Failed { diagnostic }, 0), None);
        }
    };
    for function in ast.iter_functions() {
        functions.entry(function.name.to_string()).or_default().push(function.params.len());
    }
    let context = Context { variable_names: &variable_names, functions: &functions, limits };

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
        return (finish(outcome, operations.total.get()), returned);
    }
    let evaluation = engine.eval_ast_with_scope::<Dynamic>(&mut scope, &ast);
    let ending = match evaluation {
        Ok(value) => {
            let shown = (!value.is_unit()).then(|| value.to_string());
            dismantle([value]);
            let end_ms = host.borrow().end_ms;
            let handlers_result = dispatch_events_until(&host, end_ms, &mut |handler| {
                operations.before_this_call.set(operations.total.get());
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
                    return (finish(outcome, operations.total.get()), None);
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
    (finish(budget_check(outcome, &operations, &host, limits), operations.total.get()), None)
}

/// Takes apart the program's variables and registered handlers (see [`crate::teardown`]).
fn dismantle_run(scope: Scope, host: &SharedHost) {
    let handlers = host.borrow_mut().handlers.take_all();
    dismantle(scope.into_iter().map(|(_, value, _)| value).chain(handlers.into_iter().map(Dynamic::from)));
}

/// A budget that ran out ends the run as failed even when a library function swallowed the error
/// (Rhai's `sort` ignores errors raised inside its comparison, for example).
fn budget_check(outcome: Outcome, operations: &OperationCount, host: &SharedHost, limits: &Limits) -> Outcome {
    if let Outcome::Failed { diagnostic } = &outcome {
        if matches!(diagnostic.code, Code::TooManyOperations | Code::OutputTooLarge | Code::Interrupted) {
            return outcome;
        }
    }
    let used = operations.total.get().saturating_add(host.borrow().native_operations);
    let exceeded = if used > limits.max_operations {
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
