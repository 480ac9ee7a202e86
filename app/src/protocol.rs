//! The messages between the UI thread and the script worker: runs and gradings.
//!
//! Both sides are built from this crate in the same trunk build, so the messages are JSON of
//! these types and need no version: they never leave the browser tab. Student code runs only in
//! the worker, which lets the UI terminate a program that never ends.

use serde::{Deserialize, Serialize};
use sprout_lessons::{Grade, Lesson};
use sprout_runtime::messages::{Language, Message};
use sprout_runtime::{Run, RunInput};

/// Where the worker's loader script is served, relative to the page (trunk names workers by
/// their binary, without a content hash).
pub const WORKER_URL: &str = "./worker_loader.js";

/// What the UI asks the worker to run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunRequest {
    /// The student's program.
    pub program: String,
    /// Input lines, seed and budgets.
    pub input: RunInput,
}

/// What the UI asks the worker to do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum WorkerRequest {
    /// Run a program.
    Run(RunRequest),
    /// Grade a program against a lesson's tests.
    Grade(GradeRequest),
}

/// A program to grade against a lesson (the lesson travels with it: the worker keeps no course).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GradeRequest {
    /// The lesson, with its resolved tests.
    pub lesson: Lesson,
    /// The student's program.
    pub code: String,
}

/// A grade, with each test's feedback already put into words in every language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GradeReport {
    /// The grade.
    pub grade: Grade,
    /// For each language, one text per test (in the grade's order); `None` for a test that passed
    /// or is hidden.
    pub feedback: Vec<(Language, Vec<Option<String>>)>,
}

impl GradeReport {
    /// The feedback of test `index` in `language`.
    pub fn feedback(&self, language: Language, index: usize) -> Option<&str> {
        let (_, texts) = self.feedback.iter().find(|(candidate, _)| *candidate == language)?;
        texts.get(index)?.as_deref()
    }
}

/// What the worker tells the UI.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum WorkerReply {
    /// The worker listens for requests now; requests sent earlier would have been lost.
    Ready,
    /// A request was run.
    Finished(Box<RunReport>),
    /// A program was graded.
    Graded(Box<GradeReport>),
}

/// A finished run, with its diagnostic already put into words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunReport {
    /// Everything the run did.
    pub run: Run,
    /// The diagnostic in every language, so that switching language after a run needs no
    /// rerun; empty when the run did not fail.
    pub messages: Vec<(Language, Message)>,
}

impl RunReport {
    /// The diagnostic's words in `language`, when the run failed.
    pub fn message(&self, language: Language) -> Option<&Message> {
        self.messages.iter().find(|(candidate, _)| *candidate == language).map(|(_, message)| message)
    }
}
