//! The results of a lesson's last check: the score and whether it passed, a verdict per test with
//! its feedback, and the button to the next lesson once it is passed.
//!
//! Two mistakes are said the way a child reads them best (issue #21): a syntax error that stopped
//! every test is said once, with its line, rather than once per test; and a turtle drawing that
//! differs is counted in words and shown as a picture (`turtle_diff`), never as the coordinates
//! and colours the grader compared.

use std::rc::Rc;

use sprout_lessons::{FeedbackCode, Grade, Lesson, Verdict};
use sprout_runtime::messages::{describe, Language};
use sprout_runtime::Diagnostic;
use yew::prelude::*;

use crate::components::turtle_diff::{counts, TurtleDiff};
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

/// The syntax error every test stopped at, when they all stopped at the same one (hidden tests,
/// whose feedback is left out, included): the panel says it once for all.
fn common_compile_error(grade: &Grade) -> Option<&Diagnostic> {
    if grade.tests.iter().any(|test| test.verdict != Verdict::CompileError) {
        return None;
    }
    let mut diagnostics =
        grade.tests.iter().filter_map(|test| test.feedback.as_ref().and_then(|feedback| feedback.diagnostic.as_ref()));
    let first = diagnostics.next()?;
    diagnostics.all(|other| other == first).then_some(first)
}

/// The syntax error that stopped all `count` tests, once: where it is, and its message and hint.
fn compile_error(language: Language, diagnostic: &Diagnostic, count: usize) -> Html {
    let count = ("count", count.to_string());
    let summary = match diagnostic.position {
        Some(position) => tr_with(language, Text::GradingCompileErrorAt, &[("line", position.line.to_string()), count]),
        None => tr_with(language, Text::GradingCompileError, &[count]),
    };
    let message = describe(diagnostic, language);
    let place =
        diagnostic.position.map(|position| format!("{}:{} ", position.line, position.column)).unwrap_or_default();
    let hint = message.hint.map(|hint| format!("\n{hint}")).unwrap_or_default();
    html! {
        <div class="compile-error">
            <p><strong>{ summary }</strong></p>
            <pre class="feedback">{ format!("{place}{}{hint}", message.text) }</pre>
        </div>
    }
}

/// The results of the last check: the score, a verdict per test with its feedback, and the way on.
#[component]
pub fn GradingPanel(props: &GradingPanelProps) -> Html {
    let app = use_app();
    let language = use_language();
    let Some(shared) = &props.grade else {
        return html! {
            <section class="grading" aria-labelledby="grading-heading" aria-live="polite">
                <h2 id="grading-heading">{ tr(language, Text::GradingHeading) }</h2>
                if props.status == Status::Checking {
                    <p>{ tr(language, Text::StatusChecking) }</p>
                }
            </section>
        };
    };
    let report = &shared.0;
    let grade = &report.grade;
    let stopped = common_compile_error(grade);
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
            { stopped.map(|diagnostic| compile_error(language, diagnostic, grade.tests.len())).unwrap_or_default() }
            <ol class="tests">
                { for grade.tests.iter().enumerate().map(|(index, test)| {
                    let name = props.lesson.tests.iter().find(|candidate| candidate.id == test.test_id).and_then(|candidate| candidate.name.clone())
                        .unwrap_or_else(|| tr_with(language, Text::TestNumber, &[("number", (index + 1).to_string())]));
                    let passed = test.verdict == Verdict::Passed;
                    let drawing = test.feedback.as_ref().is_some_and(|feedback| feedback.code == FeedbackCode::WrongDrawing);
                    let feedback = if stopped.is_some() {
                        Html::default()
                    } else if drawing {
                        let (missing, extra) = counts(test);
                        html! {
                            <>
                                <p class="feedback">{ tr_with(language, Text::GradingDrawingDiffers, &[("missing", missing), ("extra", extra)]) }</p>
                                <TurtleDiff grade={shared.clone()} {index} />
                            </>
                        }
                    } else if let Some(feedback) = report.feedback(language, index) {
                        html! { <pre class="feedback">{ feedback }</pre> }
                    } else if test.hidden && !passed {
                        html! { <p class="feedback">{ tr(language, Text::HiddenTest) }</p> }
                    } else {
                        Html::default()
                    };
                    html! {
                        <li class={classes!("test", if passed { "passed" } else { "failed" })}>
                            <span class="verdict">{ if passed { "✓ " } else { "✗ " } }{ verdict_text(language, test.verdict) }</span>
                            { " " }<span class="test-name">{ name }</span>
                            { feedback }
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::units::tests::full_course;
    use sprout_lessons::{grade, Selection};

    fn graded(program: &str) -> Grade {
        grade(full_course().lesson("turtle-square").expect("a lesson of the course"), program, Selection::All)
    }

    #[test]
    fn a_syntax_error_that_stopped_every_test_is_said_once() {
        let grade = graded("let 边长 = int(input());\nforward(边长;\n");
        assert!(grade.tests.len() > 1);
        let diagnostic = common_compile_error(&grade).expect("one syntax error for all the tests");
        assert_eq!(diagnostic.position.map(|position| position.line), Some(2));
    }

    #[test]
    fn other_failures_are_said_per_test() {
        assert_eq!(common_compile_error(&graded("for i in 0..4 { forward(100); left(90); }")), None, "passes some");
        assert_eq!(common_compile_error(&graded("forward(1 / 0);")), None, "a runtime error");
        let mut grade = graded("forward(100");
        let Some(diagnostic) = grade.tests[1].feedback.as_mut().and_then(|feedback| feedback.diagnostic.as_mut())
        else {
            panic!("a diagnostic: {grade:?}");
        };
        diagnostic.args.insert("name".into(), "other".into());
        assert_eq!(common_compile_error(&grade), None, "two different errors");
        for test in &mut grade.tests {
            test.feedback = None;
        }
        assert_eq!(common_compile_error(&grade), None, "nothing to show");
    }
}
