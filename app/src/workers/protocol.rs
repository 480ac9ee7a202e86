//! The messages between the UI thread and the script worker: runs and gradings.
//!
//! Both sides are built from this crate in the same trunk build, so the messages are JSON of
//! these types and need no version: they never leave the browser tab. Enums keep serde's default
//! form (`{"variant": content}`): the internally tagged form (`"type": …`) buffered every message
//! before reading it, and its code cost the first screen 14 KB brotli. Student code runs only in
//! the worker, which lets the UI terminate a program that never ends.

use serde::{Deserialize, Serialize};
use sprout_lessons::{Check, DrawingDifference, Grade, Lesson};
use sprout_runtime::messages::{Language, Message};
use sprout_runtime::{Limits, Run, RunInput};

/// Which run a request or report is: the playback session it belongs to and the request's number
/// in it. A session re-runs its program whenever the student presses a board button or moves a
/// sensor slider, and only the reply to its latest request is used.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunId {
    /// The session: counts the Run presses of this page.
    pub session: u32,
    /// The request within the session, from 1.
    pub request: u32,
}

/// What the UI asks the worker to run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunRequest {
    /// Which run this is; the report carries it back.
    pub id: RunId,
    /// The student's program.
    pub program: String,
    /// Input lines, seed, budgets and the model lab's classifier.
    pub input: RunInput,
}

/// What the UI asks the worker to do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
    /// For each test (in the grade's order), how its drawing differs when it is a turtle test that
    /// failed on it, for the panel's picture; `None` for the others.
    pub drawings: Vec<Option<DrawingDifference>>,
}

impl GradeReport {
    /// The feedback of test `index` in `language`.
    pub fn feedback(&self, language: Language, index: usize) -> Option<&str> {
        let (_, texts) = self.feedback.iter().find(|(candidate, _)| *candidate == language)?;
        texts.get(index)?.as_deref()
    }

    /// How the drawing of test `index` differs, when it is a turtle test that failed on it.
    pub fn drawing(&self, index: usize) -> Option<&DrawingDifference> {
        self.drawings.get(index)?.as_ref()
    }
}

/// What the worker tells the UI.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkerReply {
    /// A request was run.
    Finished(Box<RunReport>),
    /// A program was graded.
    Graded(Box<GradeReport>),
    /// A request needs the AI backend, and the worker is loading the AI module for it (it may be
    /// downloading): the request is answered once it has loaded.
    AiLoading,
    /// The AI module has loaded; the request that needed it runs now.
    AiReady,
    /// The AI module could not be loaded: the requests that needed it get no other answer.
    AiFailed,
}

impl WorkerRequest {
    /// Whether the request needs the AI module's backend: its program, or a checker of the lesson
    /// it is graded against, calls one of [`AI_BACKEND_FUNCTIONS`] (datasets, classifiers, models),
    /// from the syntax tree. The rest of the AI area (the vector functions, `split`, `take`) runs
    /// in the worker's own engine. A program that does not compile does not: the worker reports its
    /// mistake. Like [`BoardUse::of_program`], only workers call this.
    ///
    /// [`AI_BACKEND_FUNCTIONS`]: sprout_runtime::api::AI_BACKEND_FUNCTIONS
    pub fn needs_backend(&self) -> bool {
        match self {
            WorkerRequest::Run(request) => calls_backend(&request.program, &request.input.limits),
            WorkerRequest::Grade(request) => {
                let limits = Limits::default();
                calls_backend(&request.code, &limits)
                    || request.lesson.tests.iter().any(|test| match &test.check {
                        Check::Checker { checker, .. } => calls_backend(checker, &limits),
                        _ => false,
                    })
            }
        }
    }
}

/// Whether `program` calls one of the AI functions that need the backend.
fn calls_backend(program: &str, limits: &Limits) -> bool {
    sprout_runtime::syntax::facts(program, limits)
        .is_ok_and(|facts| sprout_runtime::api::AI_BACKEND_FUNCTIONS.iter().any(|name| facts.calls.contains_key(*name)))
}

/// What a program reads from the maker board, so that the UI knows whether pressing a button or
/// moving a slider while it plays can change anything.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardUse {
    /// The program reads a button or a sensor (`button_pressed`, `on_button`, `temperature`, …).
    pub reads: bool,
    /// The program registers a button handler (`on_button`): it can react to a press even after
    /// its top level has finished.
    pub waits_for_buttons: bool,
}

impl BoardUse {
    /// What `program` reads from the board, from its syntax tree; nothing for a program that does
    /// not compile. Only the worker calls this: Rhai's parser, like its engine, stays off the UI
    /// thread.
    pub fn of_program(program: &str, limits: &Limits) -> BoardUse {
        let Ok(facts) = sprout_runtime::syntax::facts(program, limits) else {
            return BoardUse::default();
        };
        BoardUse {
            reads: sprout_runtime::api::board_inputs().any(|name| facts.calls.contains_key(name)),
            waits_for_buttons: facts.calls.contains_key("on_button"),
        }
    }
}

/// A finished run, with its diagnostic already put into words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunReport {
    /// The request this run answers.
    pub id: RunId,
    /// What the program reads from the board.
    pub board: BoardUse,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn check(program: &str, reads: bool, waits_for_buttons: bool) {
        assert_eq!(
            BoardUse::of_program(program, &Limits::default()),
            BoardUse { reads, waits_for_buttons },
            "{program}"
        );
    }

    #[test]
    fn board_use_comes_from_the_calls() {
        check("print(1);", false, false);
        check("led_plot(1, 1); sleep(100);", false, false);
        check("loop { if button_pressed(\"A\") { led_plot(0, 0); } sleep(50); }", true, false);
        check("print(temperature());", true, false);
        check("on_button(\"B\", || led_clear());", true, true);
        check("print(tilt_x(", false, false);
    }

    fn needs_backend(program: &str) -> bool {
        let input = RunInput::default();
        WorkerRequest::Run(RunRequest { id: RunId::default(), program: program.into(), input }).needs_backend()
    }

    #[test]
    fn programs_calling_datasets_classifiers_or_models_need_the_backend() {
        assert!(needs_backend("let m = model(\"digits\");\nprint(m.labels);"));
        assert!(needs_backend("fn f() { my_model() }"));
        assert!(needs_backend("let c = knn(dataset(\"iris\"), 3);"));
        assert!(needs_backend("print(logistic(#{ features: [[1]], labels: [0] }));"));
        // The vector functions, `split` and `take` run in the engine's own AI area.
        assert!(!needs_backend("print(mean([1, 2, 3]));"));
        assert!(!needs_backend("print(take(#{ features: [[1]], labels: [0] }, 1));"));
        assert!(!needs_backend("print(\"model\");"));
        assert!(!needs_backend("print(model(\"digits\");"), "does not compile: the worker says so");
    }

    #[test]
    fn a_grade_needs_the_backend_when_a_checker_calls_it() {
        let mut lesson = crate::course::units::tests::full_course().lessons[0].clone();
        let grade = |lesson: &Lesson| {
            WorkerRequest::Grade(GradeRequest { lesson: lesson.clone(), code: "print(1);".into() }).needs_backend()
        };
        assert!(!grade(&lesson));
        let checker = Check::Checker { checker: "fn check(run) { model(\"iris\"); true }".into(), reference: None };
        lesson.tests[0].check = checker;
        assert!(grade(&lesson));
    }
}
