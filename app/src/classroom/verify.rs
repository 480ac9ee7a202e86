//! The lesson editor's Verify, and the classroom module's own worker that runs it.
//!
//! Verify does what `sprout check` does to one lesson file: reads it (`parse_lesson`), then runs
//! its reference solution to compute every expected answer and checks that the solution passes
//! every test and the starter does not (`check_lesson`), with the same problems in the same words.
//! Running the teacher's code can take the run's whole operation budget, so it happens in a worker,
//! never on the page: the classroom module started as a worker in the verify role serves
//! [`VerifyRequest`]s ([`serve`]; the page's side is [`spawn`]).

use serde::{Deserialize, Serialize};
use sprout_lessons::messages::describe_problem;
use sprout_lessons::{check_lesson, parse_lesson, Lesson};
use sprout_runtime::messages::Language;
use yew::Callback;

use crate::modules::{start_worker, LazyModule, WorkerRole};
use crate::workers::link::{LinkEvent, WorkerLink};
use crate::workers::serve::Replies;

/// The file name problems are reported against.
pub const LESSON_FILE: &str = "lesson.md";

/// A lesson file to verify.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyRequest {
    /// Counts the editor's presses of Verify: only the latest reply is shown.
    pub id: u32,
    /// The lesson file's text.
    pub text: String,
}

/// The worker's answer: a verified lesson file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verified {
    /// The request this answers.
    pub id: u32,
    /// Every problem, in every language (`file:line: words`), as `sprout check` says them.
    pub problems: Vec<(Language, Vec<String>)>,
    /// The lesson with its expected answers computed, when there is no problem: what goes into a
    /// pack.
    pub lesson: Option<Lesson>,
}

impl Verified {
    /// The problems in `language`.
    pub fn problems(&self, language: Language) -> &[String] {
        self.problems.iter().find(|(candidate, _)| *candidate == language).map_or(&[], |(_, problems)| problems)
    }
}

/// Verifies a lesson file as `sprout check` does.
pub fn verify(request: &VerifyRequest) -> Verified {
    let (problems, lesson) = match parse_lesson(LESSON_FILE, request.text.as_bytes()) {
        Ok(mut lesson) => {
            let problems = check_lesson(&mut lesson, LESSON_FILE);
            let lesson = problems.is_empty().then_some(lesson);
            (problems, lesson)
        }
        Err(problems) => (problems.0, None),
    };
    let problems = Language::ALL
        .iter()
        .map(|&language| (language, problems.iter().map(|problem| describe_problem(problem, language)).collect()))
        .collect();
    Verified { id: request.id, problems, lesson }
}

/// The page's link to a verify worker.
pub type VerifyLink = WorkerLink<VerifyRequest, Verified>;

/// Starts a verify worker (the classroom module again, from the browser's cache) that reports to
/// `on_event`; dropping the link terminates it.
pub fn spawn(on_event: Callback<LinkEvent<Verified>>) -> Result<VerifyLink, wasm_bindgen::JsValue> {
    WorkerLink::spawn(|| start_worker(LazyModule::Classroom, WorkerRole::Verify), on_event)
}

/// Answers the editor's requests from now on, in the dedicated worker this runs in.
pub fn serve() {
    crate::workers::serve::serve(|request: VerifyRequest, _bytes, replies: &Replies<Verified>| {
        replies.send(&verify(&request));
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use sprout_lessons::LessonSource;

    fn source(solution: &str, starter: &str) -> String {
        LessonSource {
            front_matter: "id = \"double\"\ntitle = { zh = \"翻倍\" }".into(),
            text: "写 `double(x)`。".into(),
            starter: starter.into(),
            solution: solution.into(),
            hints: vec!["乘以 2。".into()],
            tests: "[[test]]\nkind = \"call\"\ncall = \"double(21)\"".into(),
        }
        .to_file()
    }

    #[test]
    fn verify_says_what_sprout_check_says() {
        let good = verify(&VerifyRequest { id: 1, text: source("fn double(x) { x * 2 }", "fn double(x) { x }") });
        assert_eq!(good.problems(Language::ZhCn), [] as [String; 0]);
        let lesson = good.lesson.expect("a verified lesson");
        assert!(
            matches!(&lesson.tests[0].check, sprout_lessons::Check::Call { cases, .. } if cases[0].expected.is_some()),
            "the expected answer was computed from the solution"
        );

        let starter_passes =
            verify(&VerifyRequest { id: 2, text: source("fn double(x) { x * 2 }", "fn double(x) { x + x }") });
        assert_eq!(starter_passes.id, 2);
        assert!(starter_passes.lesson.is_none());
        let zh = starter_passes.problems(Language::ZhCn);
        let en = starter_passes.problems(Language::En);
        assert_eq!((zh.len(), en.len()), (1, 1), "{zh:?}");
        assert!(zh[0].starts_with("lesson.md"), "{zh:?}");
        assert_ne!(zh, en, "put into words in each language");

        let unreadable = verify(&VerifyRequest { id: 3, text: "no front matter".into() });
        assert!(unreadable.lesson.is_none() && !unreadable.problems(Language::En).is_empty());
    }
}
