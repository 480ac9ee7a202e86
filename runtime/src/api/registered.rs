//! The API table and the engine agree: every function and method [`register`] gives the engine is
//! in [`registered_functions`] with that argument count, and every entry there is registered with
//! each argument count it claims. The table drives suggestions, argument-count errors and the
//! documentation test, so a function missing from it would be undocumented and badly diagnosed,
//! and an entry with nothing behind it would be documented but "not found".
//!
//! The engine is asked for its functions through Rhai's `internals` (`collect_fn_metadata`),
//! which the runtime already has, not `metadata` (which would add to the page's download). Rhai's
//! own functions are the language, not the student API: a registration with the name and argument
//! count of one of them replaces it with a deterministic version (`math.rs`: `sinh`, `log`…), and
//! a table entry may be one of them (`abs`, `PI`). The one such name this cannot tell apart is a
//! new API function that happens to have a built-in's name and argument count.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use rhai::Engine;

use super::{register, registered_functions};
use crate::host::Host;
use crate::RunInput;

type Signatures = BTreeSet<(String, usize)>;

/// Every (name, argument count) `engine` has, with or without Rhai's standard library.
fn signatures(engine: &Engine, standard_library: bool) -> Signatures {
    let found = engine.collect_fn_metadata(
        None,
        |info| Some((info.metadata.name.to_string(), info.metadata.num_params)),
        standard_library,
    );
    found.into_iter().collect()
}

/// Every function registered by [`register`].
fn registrations() -> Signatures {
    let mut engine = Engine::new_raw();
    register(&mut engine, &Rc::new(RefCell::new(Host::new(&RunInput::default()))));
    signatures(&engine, false)
}

/// Calls the language itself handles, with no function behind them.
const LANGUAGE: [(&str, usize); 1] = [("print", 1)];

/// Registrations that are not functions a program calls by name, so not in the table: property
/// getters (`e.code`, `c.labels`, named `get$…` by Rhai) and the text forms Rhai uses to print the
/// API's own values (`print(e)`, `` `${c}` ``).
fn is_type_support(name: &str, arguments: usize) -> bool {
    name.starts_with("get$") || (matches!(name, "to_string" | "to_debug") && arguments == 1)
}

/// The registrations missing from `table` (but Rhai's own), and the table's entries neither
/// registered nor Rhai's own (`rhai`) nor the language's.
fn differences(registered: &Signatures, table: &Signatures, rhai: &Signatures) -> (Vec<String>, Vec<String>) {
    let shown = |(name, arguments): &(String, usize)| format!("{name}/{arguments}");
    let undocumented = registered
        .iter()
        .filter(|entry| !table.contains(*entry) && !rhai.contains(*entry) && !is_type_support(&entry.0, entry.1))
        .map(shown)
        .collect();
    let unregistered = table
        .iter()
        .filter(|entry| !registered.contains(*entry) && !rhai.contains(*entry))
        .filter(|(name, arguments)| !LANGUAGE.contains(&(name.as_str(), *arguments)))
        .map(shown)
        .collect();
    (undocumented, unregistered)
}

#[test]
fn every_registered_function_is_in_the_table_and_every_entry_is_registered() {
    let table: Signatures = registered_functions()
        .flat_map(|function| function.arities.iter().map(|arity| (function.name.to_string(), *arity)))
        .collect();
    let registered = registrations();
    assert!(registered.len() >= table.len(), "only {} registrations", registered.len());
    let (undocumented, unregistered) = differences(&registered, &table, &signatures(&Engine::new(), true));
    assert!(
        undocumented.is_empty() && unregistered.is_empty(),
        "registered but not in the API table: {undocumented:?}\nin the table but not registered: {unregistered:?}"
    );
}

#[test]
fn the_comparison_sees_both_kinds_of_difference() {
    let set = |entries: &[(&str, usize)]| -> Signatures {
        entries.iter().map(|(name, arguments)| (name.to_string(), *arguments)).collect()
    };
    let registered = set(&[("forward", 1), ("circle", 1), ("sinh", 1), ("get$code", 1), ("to_string", 1)]);
    let table = set(&[("print", 1), ("abs", 1), ("circle", 1), ("circle", 2), ("to_string", 2)]);
    let rhai = set(&[("abs", 1), ("sinh", 1)]);
    let (undocumented, unregistered) = differences(&registered, &table, &rhai);
    assert_eq!(undocumented, ["forward/1"]);
    assert_eq!(unregistered, ["circle/2", "to_string/2"]);
}
