//! The AI area of the student API, driven by programs (built with the `ai` feature only).
//!
//! Each file in `tests/ai/` is a program whose first comment lines say what must happen:
//! - `// expect: CODE` — the diagnostic code the run must fail with, or `finished`;
//! - `// output: TEXT` — one line the program must print, in order (repeat for more lines; when
//!   there is none, the output is not checked);
//! - `// given: NAME = VALUE` — an argument the diagnostic must carry (repeat for more).
//!
//! Every program also runs a second time and must give the very same run: training and models are
//! deterministic. Runs get the default limits, so a case that grows past a limit fails as it would
//! in a lesson, and a safety net against hangs that is generous because tests run unoptimised
//! builds (training digits8 takes ≈2.5 s there, ≈0.1 s in a release build: speed is measured by
//! `cargo bench -p sprout-runtime --features ai`, not here).

#![cfg(feature = "ai")]

use std::path::Path;
use std::time::{Duration, Instant};

use sprout_runtime::{run_with_interrupt, Outcome, Run, RunInput};

const SAFETY_NET: Duration = Duration::from_secs(30);

/// What a case file asks for.
#[derive(Default)]
struct Expectation {
    outcome: String,
    output: Vec<String>,
    arguments: Vec<(String, String)>,
}

fn expectation(source: &str) -> Expectation {
    let mut expected = Expectation::default();
    for line in source.lines().map_while(|line| line.strip_prefix("// ")) {
        let Some((directive, value)) = line.split_once(": ") else { continue };
        match directive {
            "expect" => expected.outcome = value.trim().to_string(),
            "output" => expected.output.push(value.to_string()),
            "given" => {
                let (name, value) = value.split_once(" = ").expect("`// given: NAME = VALUE`");
                expected.arguments.push((name.to_string(), value.to_string()));
            }
            _ => {}
        }
    }
    expected
}

fn run_once(source: &str) -> Run {
    let deadline = Instant::now() + SAFETY_NET;
    run_with_interrupt(source, &RunInput::default(), Box::new(move || Instant::now() > deadline))
}

fn problems_of(name: &str, source: &str) -> Vec<String> {
    let expected = expectation(source);
    assert!(!expected.outcome.is_empty(), "{name} lacks `// expect: CODE`");
    let started = Instant::now();
    let result = run_once(source);
    eprintln!("{name}: {:?} in {:?}", result.diagnostic().map(|diagnostic| diagnostic.code), started.elapsed());
    let mut problems = Vec::new();
    let outcome = match &result.outcome {
        Outcome::Finished { .. } => "finished".to_string(),
        Outcome::TimeUp => "time-up".to_string(),
        Outcome::Failed { diagnostic } => diagnostic.code.id().to_string(),
    };
    if outcome != expected.outcome {
        problems.push(format!("{name}: expected {}, got {outcome} ({:?})", expected.outcome, result.diagnostic()));
    }
    if !expected.output.is_empty() {
        let output = result.output();
        let lines: Vec<&str> = output.lines().collect();
        if lines != expected.output {
            problems.push(format!("{name}: expected output {:?}, got {lines:?}", expected.output));
        }
    }
    for (argument, value) in &expected.arguments {
        let got = result.diagnostic().and_then(|diagnostic| diagnostic.args.get(argument));
        if got != Some(value) {
            problems.push(format!("{name}: expected {argument} = {value}, got {got:?}"));
        }
    }
    if run_once(source) != result {
        problems.push(format!("{name}: a second run differs from the first"));
    }
    problems
}

#[test]
fn ai_programs_do_what_their_cases_say() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ai");
    let mut paths: Vec<_> = std::fs::read_dir(&folder).unwrap().map(|entry| entry.unwrap().path()).collect();
    paths.sort();
    assert!(paths.len() >= 10, "the AI suite needs its cases");
    let mut problems = Vec::new();
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        problems.extend(problems_of(&name, &std::fs::read_to_string(path).unwrap()));
    }
    assert!(problems.is_empty(), "AI case failures:\n{}", problems.join("\n"));
}

/// Every file of `models/datasets/` loads with `dataset(name)` under the default limits, with as
/// many rows, labels and names as the file has.
#[test]
fn every_dataset_file_loads_under_the_default_limits() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/datasets");
    let mut checked = 0;
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|extension| extension != "json") {
            continue;
        }
        let file: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let name = file["name"].as_str().unwrap();
        let rows = if file.get("texts").is_some() { "texts" } else { "features" };
        let program = format!(
            "let d = dataset(\"{name}\"); print(d.{rows}.len()); print(d.labels.len()); \
             print(d.label_names.len()); print(d.label_names_en.len()); print(d.{rows}[0]);"
        );
        let result = run_once(&program);
        let count = |key: &str| file[key].as_array().map_or(0, Vec::len);
        let first = match &file[rows][0] {
            serde_json::Value::String(text) => text.clone(),
            row => {
                let numbers: Vec<String> =
                    row.as_array().unwrap().iter().map(|number| format!("{:?}", number.as_f64().unwrap())).collect();
                format!("[{}]", numbers.join(", "))
            }
        };
        let expected = format!(
            "{}\n{}\n{}\n{}\n{first}\n",
            count(rows),
            count("labels"),
            file["label_names"]["zh"].as_array().unwrap().len(),
            file["label_names"]["en"].as_array().unwrap().len(),
        );
        assert_eq!(result.output(), expected, "{name}: {:?}", result.diagnostic());
        checked += 1;
    }
    assert_eq!(checked, sprout_runtime::ai::dataset_names().count(), "every embedded dataset has its file");
}
