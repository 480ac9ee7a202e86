//! The results of a lesson's last check: the score and whether it passed, a verdict per test with
//! its feedback, and the button to the next lesson once it is passed.

use std::rc::Rc;

use sprout_lessons::{Lesson, Verdict};
use sprout_runtime::messages::Language;
use yew::prelude::*;

use crate::i18n::{tr, tr_with, Text};
use crate::shell::context::{use_app, use_language};
use crate::state::{Action, Page, SharedGrade, Status};
use crate::storage;

/// Props of [`GradingPanel`].
#[derive(Properties, PartialEq)]
pub struct GradingPanelProps {
    /// The lesson.
    pub lesson: Rc<Lesson>,
    /// Where the worker stands.
    pub status: Status,
    /// The last grade.
    pub grade: Option<SharedGrade>,
    /// The next lesson's id and title, offered when the lesson is passed.
    pub next: Option<(String, String)>,
}

fn verdict_text(language: Language, verdict: Verdict) -> &'static str {
    tr(
        language,
        match verdict {
            Verdict::Passed => Text::VerdictPassed,
            Verdict::WrongAnswer => Text::VerdictWrongAnswer,
            Verdict::RuntimeError => Text::VerdictRuntimeError,
            Verdict::CompileError => Text::VerdictCompileError,
            Verdict::LimitExceeded => Text::VerdictLimitExceeded,
        },
    )
}

/// The results of the last check: the score, a verdict per test with its feedback, and the way on.
#[component]
pub fn GradingPanel(props: &GradingPanelProps) -> Html {
    let app = use_app();
    let language = use_language();
    let Some(SharedGrade(report)) = &props.grade else {
        return html! {
            <section class="grading" aria-labelledby="grading-heading" aria-live="polite">
                <h2 id="grading-heading">{ tr(language, Text::GradingHeading) }</h2>
                if props.status == Status::Checking {
                    <p>{ tr(language, Text::StatusChecking) }</p>
                }
            </section>
        };
    };
    let grade = &report.grade;
    let next = props.next.as_ref().filter(|_| grade.passed).map(|(id, title)| {
        let (dispatcher, id) = (app.dispatcher(), id.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            dispatcher.dispatch(Action::Navigate(Page::Lesson(id.clone()), storage::now()));
        });
        html! {
            <button type="button" class="next primary" {onclick}>{ tr_with(language, Text::NextLesson, &[("title", title.clone())]) }</button>
        }
    });
    html! {
        <section class="grading" aria-labelledby="grading-heading" aria-live="polite">
            <h2 id="grading-heading">{ tr(language, Text::GradingHeading) }</h2>
            <p class={classes!("summary", if grade.passed { "passed" } else { "failed" })} role="status">
                <strong>{ tr_with(language, Text::GradeScore, &[("score", grade.score.to_string()), ("max", grade.max_score.to_string())]) }</strong>
                { " " }
                { tr(language, if grade.passed { Text::GradePassed } else { Text::GradeNotPassed }) }
            </p>
            { next.unwrap_or_default() }
            <ol class="tests">
                { for grade.tests.iter().enumerate().map(|(index, test)| {
                    let name = props.lesson.tests.iter().find(|candidate| candidate.id == test.test_id).and_then(|candidate| candidate.name.clone())
                        .unwrap_or_else(|| tr_with(language, Text::TestNumber, &[("number", (index + 1).to_string())]));
                    let passed = test.verdict == Verdict::Passed;
                    let feedback = report.feedback(language, index);
                    html! {
                        <li class={classes!("test", if passed { "passed" } else { "failed" })}>
                            <span class="verdict">{ if passed { "✓ " } else { "✗ " } }{ verdict_text(language, test.verdict) }</span>
                            { " " }<span class="test-name">{ name }</span>
                            if let Some(feedback) = feedback {
                                <pre class="feedback">{ feedback }</pre>
                            } else if test.hidden && !passed {
                                <p class="feedback">{ tr(language, Text::HiddenTest) }</p>
                            }
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
