//! The sandbox suite: hostile programs that must be stopped cleanly.
//!
//! Each file in `tests/sandbox/` starts with `// expect: CODE`, where CODE is the diagnostic code
//! the run must fail with, or `finished` / `time-up` for runs that must end normally. Every run
//! must also stay within its budgets: operations, trace events, output bytes and virtual time.
//! A panic or a stack overflow in any case fails (or aborts) the suite.
//!
//! Runs get the host's real-time safety net ([`run_with_interrupt`]) and a 16 MiB stack, the stack
//! the app's script worker is linked with. The net only turns a program the budgets failed to stop
//! into a failure instead of a hung suite, so it is far above the slowest case: `map_growth` runs
//! to its operation budget in about five seconds in a debug build on this project's 2-core
//! machines (a net of five seconds failed it now and then), and CI machines can be slower.

use std::path::Path;

use std::time::{Duration, Instant};

use sprout_runtime::{run_with_interrupt, Outcome, Run, RunInput};

const SAFETY_NET: Duration = Duration::from_secs(60);
const STACK_BYTES: usize = 16 * 1024 * 1024;

fn outcome_name(result: &Run) -> String {
    match &result.outcome {
        Outcome::Finished { .. } => "finished".to_string(),
        Outcome::TimeUp => "time-up".to_string(),
        Outcome::Failed { diagnostic } => diagnostic.code.id().to_string(),
    }
}

fn budget_problems(result: &Run, input: &RunInput) -> Vec<String> {
    let limits = &input.limits;
    let mut problems = Vec::new();
    if result.operations > limits.max_operations + 1 {
        problems.push(format!("used {} operations, budget {}", result.operations, limits.max_operations));
    }
    if result.trace.len() > limits.max_trace_events {
        problems.push(format!("recorded {} events, budget {}", result.trace.len(), limits.max_trace_events));
    }
    if result.output().len() > limits.max_output_bytes {
        problems.push(format!("wrote {} bytes, budget {}", result.output().len(), limits.max_output_bytes));
    }
    if result.end_time_ms > limits.max_virtual_time_ms {
        problems.push(format!("ran to {} ms, budget {} ms", result.end_time_ms, limits.max_virtual_time_ms));
    }
    problems
}

#[test]
fn hostile_programs_are_stopped_with_the_expected_diagnostic() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sandbox");
    let mut paths: Vec<_> = std::fs::read_dir(&folder).unwrap().map(|entry| entry.unwrap().path()).collect();
    paths.sort();
    assert!(paths.len() >= 20, "the sandbox suite needs at least 20 programs");
    let input = RunInput::default();
    let mut failures = Vec::new();
    for path in &paths {
        let source = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        let expected = source
            .lines()
            .next()
            .and_then(|line| line.strip_prefix("// expect: "))
            .unwrap_or_else(|| panic!("{} lacks `// expect: CODE` on its first line", path.display()))
            .trim()
            .to_string();
        let started = Instant::now();
        let run_input = input.clone();
        let result = std::thread::Builder::new()
            .stack_size(STACK_BYTES)
            .spawn(move || {
                let deadline = Instant::now() + SAFETY_NET;
                run_with_interrupt(&source, &run_input, Box::new(move || Instant::now() > deadline))
            })
            .unwrap()
            .join()
            .unwrap_or_else(|_| panic!("{} panicked", path.display()));
        let name = path.file_name().unwrap().to_string_lossy();
        eprintln!("{name}: {} in {:?}", outcome_name(&result), started.elapsed());
        let got = outcome_name(&result);
        if got != expected {
            failures.push(format!("{name}: expected {expected}, got {got} ({:?})", result.diagnostic()));
        }
        for problem in budget_problems(&result, &input) {
            failures.push(format!("{name}: {problem}"));
        }
    }
    assert!(failures.is_empty(), "sandbox failures:\n{}", failures.join("\n"));
}
