//! The lesson editor's Verify, and the classroom module's own worker that runs it.
//!
//! Verify does what `sprout check` does to one lesson file: reads it (`parse_lesson`), then runs
//! its reference solution to compute every expected answer and checks that the solution passes
//! every test and the starter does not (`check_lesson`), with the same problems in the same words.
//! Running the teacher's code can take the run's whole operation budget, so it happens in a worker,
//! never on the page: the classroom module started as a worker serves [`VerifyRequest`]s
//! ([`serve`]), the way the AI module serves runs.

use serde::{Deserialize, Serialize};
use sprout_lessons::messages::describe_problem;
use sprout_lessons::{check_lesson, parse_lesson, Lesson};
use sprout_runtime::messages::Language;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

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

/// What the worker says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum VerifyReply {
    /// The worker listens now; requests sent earlier would have been lost.
    Ready,
    /// A lesson file was verified.
    Verified(Box<Verified>),
}

/// A verified lesson file.
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

/// Answers the editor's requests from now on, in the dedicated worker this runs in, and tells the
/// page it listens ([`VerifyReply::Ready`]).
pub fn serve() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post = |scope: &DedicatedWorkerGlobalScope, reply: &VerifyReply| {
        if let Ok(text) = serde_json::to_string(reply) {
            let _ = scope.post_message(&text.into());
        }
    };
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let text = event.data().as_string().unwrap_or_default();
        // Only the page of this same build sends requests, so a bad one is a bug; the thrown error
        // reaches the page as the worker's `error` event.
        let Ok(request) = serde_json::from_str::<VerifyRequest>(&text) else {
            wasm_bindgen::throw_str("sprout classroom worker: malformed request");
        };
        post(&reply_scope, &VerifyReply::Verified(Box::new(verify(&request))));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler must live as long as the worker, which ends only by being terminated.
    on_message.forget();
    post(&scope, &VerifyReply::Ready);
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
