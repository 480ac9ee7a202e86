//! The script worker: runs and grades students' programs off the UI thread.
//!
//! A program that loops for a long time blocks only this worker, so the page stays responsive
//! and the page can end the program by terminating the worker. The page and the worker are one
//! wasm module (`app/src/bin/app.rs`): the module's `main` calls [`serve`] when it starts in a
//! worker, which the page starts from [`WORKER_URL`] (or, on the USB page, through
//! `SPROUT_START_WORKER`; see [`crate::modules::start_script_worker`]).
//!
//! The AI module (`app/src/bin/ai.rs`, this crate with the `ai` feature) serves the same way in
//! its script worker: there the runtime has the AI functions, so it runs the programs that call
//! them, which the first screen's worker sends back ([`WorkerReply::NeedsAi`]).
//!
//! [`WORKER_URL`]: crate::modules::WORKER_URL

use sprout_lessons::messages::describe_feedback;
use sprout_lessons::{grade, Selection};
use sprout_runtime::messages::{describe, Language};

use super::protocol::{BoardUse, GradeReport, GradeRequest, RunReport, RunRequest, WorkerReply, WorkerRequest};
use super::serve::Replies;

/// Answers the page's run and grade requests from now on, in the dedicated worker this runs in.
pub fn serve() {
    super::serve::serve(|request: WorkerRequest, _bytes, replies: &Replies<WorkerReply>| {
        replies.send(&answer(request));
    });
}

/// What the script worker answers to `request`: a program that needs the AI functions is sent
/// back when this build has none of them.
pub fn answer(request: WorkerRequest) -> WorkerReply {
    match request {
        request if !cfg!(feature = "ai") && request.needs_ai() => WorkerReply::NeedsAi { request: Box::new(request) },
        WorkerRequest::Run(request) => WorkerReply::Finished(Box::new(execute(&request))),
        WorkerRequest::Grade(request) => WorkerReply::Graded(Box::new(grade_program(&request))),
    }
}

/// Runs a program, with its diagnostic put into words in every language (switching language after
/// a run needs no re-run).
fn execute(request: &RunRequest) -> RunReport {
    let run = sprout_runtime::run(&request.program, &request.input);
    let messages = match run.diagnostic() {
        Some(diagnostic) => Language::ALL.iter().map(|&language| (language, describe(diagnostic, language))).collect(),
        None => Vec::new(),
    };
    let board = BoardUse::of_program(&request.program, &request.input.limits);
    RunReport { id: request.id, board, run, messages }
}

/// Grades a program, with each test's feedback put into words in every language.
fn grade_program(request: &GradeRequest) -> GradeReport {
    let grade = grade(&request.lesson, &request.code, Selection::All);
    let feedback = Language::ALL
        .iter()
        .map(|&language| {
            let texts = grade
                .tests
                .iter()
                .map(|test| test.feedback.as_ref().map(|feedback| describe_feedback(feedback, language)));
            (language, texts.collect())
        })
        .collect();
    GradeReport { grade, feedback }
}
