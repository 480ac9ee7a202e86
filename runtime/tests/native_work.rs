//! Native work (model inference, training, vector arithmetic) counts against a run's operation
//! budget: Rhai counts one operation per call of a native function however much it does, and a
//! verdict must never depend on how fast the machine is (built with the `ai` feature only).

#![cfg(feature = "ai")]

use sprout_runtime::{run, Limits, Outcome, Run, RunInput};

const BLANK_DIGIT: &str = "let blank = []; for i in 0..784 { blank.push(0.0); }";

fn run_with_budget(program: &str, max_operations: u64) -> Run {
    run(program, &RunInput { limits: Limits { max_operations, ..Limits::default() }, ..RunInput::default() })
}

fn operations(program: &str) -> u64 {
    let result = run(program, &RunInput::default());
    assert!(matches!(result.outcome, Outcome::Finished { .. }), "{program}: {:?}", result.outcome);
    result.operations
}

/// The operations `call` adds each time it is repeated (its cost), checked to be the same twice.
fn cost_of(setup: &str, call: &str) -> u64 {
    let [once, twice, thrice] =
        [1, 2, 3].map(|times| operations(&format!("{setup}\n{}", format!("{call};\n").repeat(times))));
    assert_eq!(twice - once, thrice - twice, "{call} costs the same every time");
    twice - once
}

#[test]
fn a_prediction_of_the_digits_model_costs_thousands_of_operations() {
    let cost = cost_of(&format!("{BLANK_DIGIT} let m = model(\"digits\");"), "m.predict(blank)");
    assert!(cost > 1_000, "one digits prediction cost {cost} operations");
    let iris = cost_of("let m = model(\"iris\");", "m.predict([5.1, 3.5, 1.4, 0.2])");
    assert!(iris < cost / 10, "iris ({iris}) is a far smaller network than digits ({cost})");
}

#[test]
fn training_costs_grow_with_its_epochs() {
    let setup = "let data = dataset(\"iris\");";
    let short = cost_of(setup, "logistic(data, #{epochs: 10})");
    let long = cost_of(setup, "logistic(data, #{epochs: 100})");
    assert!(long > 5 * short, "100 epochs ({long}) cost far more than 10 ({short})");
    let near = cost_of(&format!("{setup} let c = knn(data, 3);"), "c.accuracy(data)");
    assert!(near > 1_000, "knn over 150 flowers, for 150 flowers, cost {near}");
}

#[test]
fn vector_arithmetic_costs_by_length() {
    let short = cost_of("let v = [1.0, 2.0];", "dot(v, v)");
    let long = cost_of("let v = []; for i in 0..6400 { v.push(1.0); }", "dot(v, v)");
    assert!(
        long >= short + 6400 / 64,
        "a dot of 6400 values ({long}) costs its length, 2 values ({short}) almost nothing"
    );
}

#[test]
fn a_budget_too_small_for_a_prediction_stops_before_the_model_runs() {
    let program = format!("{BLANK_DIGIT} let m = model(\"digits\"); print(\"before\"); print(m.predict(blank));");
    let generous = run_with_budget(&program, 1_000_000);
    assert!(matches!(generous.outcome, Outcome::Finished { .. }), "{:?}", generous.outcome);
    let without_prediction = operations(&format!("{BLANK_DIGIT} let m = model(\"digits\"); print(\"before\");"));
    let tight = run_with_budget(&program, without_prediction + 100);
    assert_eq!(tight.diagnostic().map(|diagnostic| diagnostic.code.id()), Some("too-many-operations"));
    assert_eq!(tight.output(), "before\n", "the prediction was refused, not run and printed");
}
