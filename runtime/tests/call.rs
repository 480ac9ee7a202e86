//! Calling a student's function from outside, the way the grader's call checks do.

use sprout_runtime::{call, Code, Outcome, RunInput, Value};

fn value(text: &str) -> Value {
    Value::parse(text).expect("a value")
}

/// Calls `function` in `program` with `arguments` and checks the returned value (Rhai notation)
/// or the diagnostic code.
fn check(program: &str, function: &str, arguments: &[&str], expected: Result<&str, Code>) {
    let arguments: Vec<Value> = arguments.iter().map(|text| value(text)).collect();
    let result = call(program, &RunInput::default(), function, &arguments);
    match expected {
        Ok(shown) => {
            assert_eq!(result.returned, Some(value(shown)), "{program}");
            assert!(matches!(result.run.outcome, Outcome::Finished { .. }), "{program}");
        }
        Err(code) => {
            assert_eq!(result.returned, None, "{program}");
            assert_eq!(result.run.diagnostic().map(|diagnostic| diagnostic.code), Some(code), "{program}");
        }
    }
}

#[test]
fn calls_return_values_or_diagnostics() {
    check("fn add(a, b) { a + b }", "add", &["2", "3"], Ok("5"));
    check("fn 加(a, b) { a + b }", "加", &["0.5", "0.25"], Ok("0.75"));
    check("fn rev(list) { list.reverse(); list }", "rev", &["[1, [2], \"三\"]"], Ok("[\"三\", [2], 1]"));
    check("fn pair(a) { #{a: a, b: [a]} }", "pair", &["1"], Ok("#{a: 1, b: [1]}"));
    check("fn nothing() { }", "nothing", &[], Ok("()"));
    // The top level does not run: a program that reads input still has callable functions.
    check("let n = int(input()); fn double(x) { x * 2 }", "double", &["4"], Ok("8"));
    check("fn add(a, b) { a + b }", "ad", &["1", "2"], Err(Code::UnknownFunction));
    check("fn add(a) { a }", "add", &["1", "2"], Err(Code::WrongArgumentCount));
    check("fn div(a, b) { a / b }", "div", &["1", "0"], Err(Code::DivisionByZero));
    check("fn forever() { loop {} }", "forever", &[], Err(Code::TooManyOperations));
    check("fn f(n) { f(n + 1) }", "f", &["0"], Err(Code::RecursionTooDeep));
    check("fn f() { |x| x }", "f", &[], Err(Code::NotPlainData));
    check("fn f() { let a = []; for i in 0..100 { a = [a]; } a }", "f", &[], Err(Code::NotPlainData));
    check("fn broken( { }", "broken", &[], Err(Code::ExpectedCloseParen));
}

#[test]
fn output_of_a_call_is_traced() {
    let result = call(
        "print(\"top\"); fn greet(name) { print(`你好，${name}`); }",
        &RunInput::default(),
        "greet",
        &[value("\"小红\"")],
    );
    assert_eq!(result.run.output(), "你好，小红\n");
}
