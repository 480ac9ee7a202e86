//! Sprout's runtime: runs a student's Rhai program in a sandbox and reports everything it did as
//! data.
//!
//! The runtime is host-free: it never touches a browser, a file or a clock. The app's script
//! worker, the grader and the `sprout` CLI all call [`run`] and get the same [`Run`] for the same
//! program and [`RunInput`], natively and in wasm. Budgets are counted (operations, sizes, virtual
//! milliseconds), never timed, so a verdict does not depend on the speed of the PC.
//!
//! ```
//! use sprout_runtime::{run, Outcome, RunInput};
//!
//! let result = run("let 名字 = input(); print(`你好，${名字}！`);", &RunInput::with_lines(["小明"]));
//! assert_eq!(result.output(), "你好，小明！\n");
//! assert!(matches!(result.outcome, Outcome::Finished { .. }));
//! ```

// A panic in the host-free crates is a bug that stops a student's run or a judge's grading:
// failures are values here, so `unwrap` and `expect` are refused outside tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod ai;
pub mod api;
mod brackets;
mod data;
mod diagnostic;
mod engine;
mod host;
mod limits;
pub mod messages;
pub mod scenario;
mod suggest;
pub mod syntax;
mod teardown;
pub mod trace;
pub mod value;

use serde::{Deserialize, Serialize};

pub use api::SeededRandom;
pub use diagnostic::{Code, Diagnostic, SourcePosition};
pub use limits::Limits;
pub use scenario::Scenario;
pub use trace::{Event, TraceEvent};
pub use value::Value;

/// Everything a run receives besides the program: input lines, the random seed, the maker
/// board's scenario and the budgets.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RunInput {
    /// Lines that `input()` returns, in order.
    pub lines: Vec<String>,
    /// Seed of `random`, `random_int`, `random_choice` and `shuffle`.
    pub seed: u64,
    /// Button presses and sensor values over virtual time.
    pub scenario: Scenario,
    /// Budgets for the run.
    pub limits: Limits,
    /// The classifier the student trained in the app's model lab, for `my_model()` (AI lessons).
    /// Left out of the JSON when there is none, so inputs without it serialize as before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lab_model: Option<ai::LabModel>,
}

impl RunInput {
    /// Default input with these lines for `input()`.
    pub fn with_lines<S: Into<String>>(lines: impl IntoIterator<Item = S>) -> Self {
        RunInput { lines: lines.into_iter().map(Into::into).collect(), ..RunInput::default() }
    }
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Outcome {
    /// The program ran to its end (and no event could fire any more).
    Finished {
        /// The value of the program's last expression, as text, when it has one.
        value: Option<String>,
    },
    /// The virtual clock reached the run's end while the program was still going: the normal end
    /// of a maker program that loops forever or keeps a timer.
    TimeUp,
    /// The program made a mistake or exceeded a budget.
    Failed {
        /// What went wrong, and where.
        diagnostic: Diagnostic,
    },
}

/// Everything a run did, in order, and how it ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Run {
    /// What the program showed, with virtual timestamps.
    pub trace: Vec<TraceEvent>,
    /// How the run ended.
    pub outcome: Outcome,
    /// Rhai operations used (the deterministic measure of work).
    pub operations: u64,
    /// The virtual clock when the run ended, in milliseconds.
    pub end_time_ms: u64,
}

impl Run {
    /// All console output, concatenated.
    pub fn output(&self) -> String {
        self.trace
            .iter()
            .filter_map(|event| match &event.event {
                Event::Output { text } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The diagnostic, when the run failed.
    pub fn diagnostic(&self) -> Option<&Diagnostic> {
        match &self.outcome {
            Outcome::Failed { diagnostic } => Some(diagnostic),
            _ => None,
        }
    }
}

/// Runs `program` with `input` in a fresh sandbox. Never panics on any program or input.
pub fn run(program: &str, input: &RunInput) -> Run {
    engine::run(program, input, None, engine::Task::Program).0
}

/// Like [`run`], but the host may stop the run: `interrupt` is asked every few hundred operations
/// and a `true` ends the run with the diagnostic `interrupted`. Hosts use it as a real-time safety
/// net; it is the only way wall-clock time can influence a run, and only to stop it.
pub fn run_with_interrupt(program: &str, input: &RunInput, interrupt: Box<dyn Fn() -> bool>) -> Run {
    engine::run(program, input, Some(interrupt), engine::Task::Program).0
}

/// A call of one of the program's functions: what it showed and what it returned.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// The call's trace and outcome; `outcome` is `Finished` exactly when `returned` is `Some`.
    pub run: Run,
    /// The value the function returned.
    pub returned: Option<Value>,
}

/// Calls `function` of `program` with `arguments` in a fresh sandbox, without running the
/// program's top level (Rhai functions cannot see top-level variables, and a top level that reads
/// input must not spoil the call). A missing function or a wrong number of parameters is a
/// diagnostic, like any other mistake. Never panics.
pub fn call(program: &str, input: &RunInput, function: &str, arguments: &[Value]) -> Call {
    let (run, returned) = engine::run(program, input, None, engine::Task::Call { function, arguments });
    Call { run, returned }
}

/// Like [`call`], under the host's real-time safety net, as [`run_with_interrupt`] is to [`run`].
pub fn call_with_interrupt(
    program: &str,
    input: &RunInput,
    function: &str,
    arguments: &[Value],
    interrupt: Box<dyn Fn() -> bool>,
) -> Call {
    let (run, returned) = engine::run(program, input, Some(interrupt), engine::Task::Call { function, arguments });
    Call { run, returned }
}
