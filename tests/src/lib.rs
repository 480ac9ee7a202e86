//! Shared by the workspace-level tests: the determinism cases, compiled into the test binary so
//! that the native test and the wasm test (in headless Chromium) check the very same programs
//! against the very same expected traces.
//!
//! A case is `determinism/NAME.rhai` with its expected run in `determinism/NAME.run.json`. The
//! program's first comment lines may set its input:
//! `// input: line one | line two`, `// seed: 42`, `// board: button A at 1200 | stop at 5000`
//! (board events separated by `|`, in the scenario syntax of `sprout_runtime::scenario`).

use sprout_runtime::{run, RunInput, Scenario};

/// One determinism case: its name, program and expected run as pretty JSON.
pub struct Case {
    /// File name without extension.
    pub name: &'static str,
    /// The program.
    pub program: &'static str,
    /// The expected `Run`, serialized with `serde_json::to_string_pretty`.
    pub expected: &'static str,
}

macro_rules! cases {
    ($($name:literal),* $(,)?) => {
        /// Every determinism case (the native test checks this list against the folder).
        pub const CASES: &[Case] = &[$(Case {
            name: $name,
            program: include_str!(concat!("../determinism/", $name, ".rhai")),
            expected: include_str!(concat!("../determinism/", $name, ".run.json")),
        }),*];
    };
}

cases!["charts", "input_and_error", "language_core", "maker_board", "math_and_random", "turtle_drawing"];

/// The run input a case declares in its header comments.
pub fn case_input(program: &str) -> RunInput {
    let mut input = RunInput::default();
    for line in program.lines().take_while(|line| line.starts_with("//")) {
        let line = line.trim_start_matches("//").trim();
        let values = |text: &str| text.split('|').map(|value| value.trim().to_string()).collect::<Vec<_>>();
        if let Some(lines) = line.strip_prefix("input:") {
            input.lines = values(lines);
        } else if let Some(seed) = line.strip_prefix("seed:") {
            input.seed = seed.trim().parse().expect("seed must be a whole number");
        } else if let Some(board) = line.strip_prefix("board:") {
            input.scenario = Scenario::parse(&values(board).join("\n")).expect("bad board scenario");
        }
    }
    input
}

/// Runs a case and returns its run as pretty JSON (the form stored in `.run.json`).
pub fn run_case(program: &str) -> String {
    let result = run(program, &case_input(program));
    serde_json::to_string_pretty(&result).expect("a run always serializes") + "\n"
}
