//! A lesson as data: what `parse` reads from a lesson file, what a lesson pack stores and what the
//! grader checks a program against.
//!
//! Tests are stored *resolved*: every expected answer that the lesson file leaves to the reference
//! solution (random calls, output without `expect`, drawings, LED frames, charts) is computed once
//! by [`crate::resolve`] and kept with the test. A student's copy of a pack can then leave out the
//! solution and still be graded exactly like the judge's copy.

use serde::{Deserialize, Serialize};
use sprout_runtime::trace::{Chart, LedFrame};
use sprout_runtime::{Scenario, Value};

use crate::shapes::Shape;

/// The default operation budget of a student's run in a lesson.
pub const DEFAULT_MAX_OPERATIONS: u64 = 1_000_000;
/// The largest operation budget a lesson may ask for.
pub const MAX_MAX_OPERATIONS: u64 = 100_000_000;
/// The default full marks of a lesson.
pub const DEFAULT_POINTS: u32 = 100;

/// A title in Chinese and, optionally, English.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Title {
    /// Chinese title (required).
    pub zh: String,
    /// English title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

/// One lesson.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lesson {
    /// Unique id within a course (`a-z`, `0-9`, `-`).
    pub id: String,
    /// The lesson's title.
    pub title: Title,
    /// Difficulty 1–5.
    pub level: u8,
    /// Words for finding the lesson.
    pub tags: Vec<String>,
    /// Full marks.
    pub points: u32,
    /// Operation budget of each run of the student's program.
    pub max_operations: u64,
    /// Lessons to pass first.
    pub requires: Vec<String>,
    /// The AI tool the lesson page shows beside the editor, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool: Option<Tool>,
    /// The lesson text (Markdown) without the starter, solution, hint and test blocks.
    pub text: String,
    /// The step headings (`##`) in order.
    pub steps: Vec<String>,
    /// The code the student starts with.
    pub starter: String,
    /// The reference solution; a student's copy of a pack leaves it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solution: Option<String>,
    /// Hints in the order they are shown (Markdown).
    pub hints: Vec<String>,
    /// The tests.
    pub tests: Vec<Test>,
}

/// An AI tool that a lesson page shows beside the editor (front-matter key `tool`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tool {
    /// The drawing pad: draw a digit and see the digits model's probabilities.
    DigitPad,
    /// The model lab: collect examples, train a classifier, test it.
    ModelLab,
}

impl Tool {
    /// Every tool, in the order the documentation lists them.
    pub const ALL: [Tool; 2] = [Tool::DigitPad, Tool::ModelLab];

    /// The name written in lesson files.
    pub fn name(self) -> &'static str {
        match self {
            Tool::DigitPad => "digit_pad",
            Tool::ModelLab => "model_lab",
        }
    }

    /// The tool with this name in lesson files.
    pub fn from_name(name: &str) -> Option<Tool> {
        Tool::ALL.into_iter().find(|tool| tool.name() == name)
    }
}

impl Lesson {
    /// The sum of all test weights, saturating at `u32::MAX` (a pack's weights may be anything).
    pub fn total_weight(&self) -> u32 {
        self.tests.iter().fold(0u32, |sum, test| sum.saturating_add(test.points))
    }
}

/// One test of a lesson.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Test {
    /// Stable id, unique within the lesson.
    pub id: String,
    /// Short description shown to the student.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Weight of the test in the lesson's score.
    pub points: u32,
    /// Hidden tests show only that they failed.
    pub hidden: bool,
    /// The step (1-based) the test belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<u32>,
    /// Lines for `input()`.
    pub input: Vec<String>,
    /// Seed of the program's random numbers.
    pub seed: u64,
    /// Maker-board events.
    pub board: Scenario,
    /// Virtual milliseconds a run may last.
    pub duration_ms: u64,
    /// What is checked.
    pub check: Check,
}

/// What a test checks, with its expected answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Check {
    /// Calls of one of the student's functions.
    Call {
        /// The function's name.
        function: String,
        /// The calls and their expected results.
        cases: Vec<CallCase>,
        /// How far decimals may be off.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tolerance: Option<f64>,
    },
    /// The whole program's printed output.
    Output {
        /// The expected output; `None` until resolved from the reference solution.
        expected: Option<String>,
        /// How output is compared.
        matching: OutputMatch,
        /// How far numbers may be off with [`OutputMatch::Numbers`].
        tolerance: f64,
    },
    /// The turtle drawing.
    Turtle {
        /// The reference drawing; `None` until resolved.
        expected: Option<Vec<Shape>>,
        /// Whether the shapes must come in the same order.
        same_order: bool,
        /// How far apart two ends may be.
        tolerance: f64,
        /// Whether colours must match.
        colors: bool,
    },
    /// The LED matrix at given virtual times.
    Leds {
        /// Virtual times in milliseconds.
        at: Vec<u64>,
        /// The reference frame at each time; `None` until resolved.
        expected: Option<Vec<LedFrame>>,
    },
    /// The charts drawn.
    Chart {
        /// The reference charts; `None` until resolved.
        expected: Option<Vec<Chart>>,
        /// How far numbers may be off.
        tolerance: f64,
    },
    /// Requirements on the syntax tree.
    Code {
        /// Functions that must be defined.
        defines: Vec<String>,
        /// Constructs that must appear.
        uses: Vec<String>,
        /// Constructs that must not appear.
        forbids: Vec<String>,
        /// Most lines of code allowed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_lines: Option<usize>,
    },
    /// A checker written in Rhai.
    Checker {
        /// The checker's source; it defines `check(run)`.
        checker: String,
        /// The reference solution's run, as the checker sees it; `None` until resolved.
        reference: Option<Value>,
    },
}

impl Check {
    /// The kind's name as written in lesson files.
    pub fn kind(&self) -> &'static str {
        match self {
            Check::Call { .. } => "call",
            Check::Output { .. } => "output",
            Check::Turtle { .. } => "turtle",
            Check::Leds { .. } => "leds",
            Check::Chart { .. } => "chart",
            Check::Code { .. } => "code",
            Check::Checker { .. } => "checker",
        }
    }
}

/// One call of a call check.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CallCase {
    /// The arguments.
    pub arguments: Vec<Value>,
    /// The expected result; `None` until resolved from the reference solution.
    pub expected: Option<Value>,
}

/// How printed output is compared.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutputMatch {
    /// Spaces at line ends and empty lines at the end are ignored.
    #[default]
    Trim,
    /// Every character counts.
    Exact,
    /// Word by word, numbers within a tolerance.
    Numbers,
}
