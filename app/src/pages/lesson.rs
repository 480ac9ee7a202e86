//! A lesson: its text (Markdown, made safe when its pack was built), the hints shown so far, the results of
//! the last check with a verdict and feedback per test, and the workbench.

use std::rc::Rc;

use sprout_lessons::{Lesson, Pack, Verdict};
use sprout_runtime::messages::Language;
use yew::prelude::*;

use crate::components::markdown;
use crate::course::document::lesson_text;
use crate::course::is_contest;
use crate::i18n::{tr, tr_with, Text};
use crate::pages::home::title;
use crate::state::{SharedGrade, SharedPack, Status};

/// The lesson's title in the interface language (Chinese when there is no English one).
pub fn lesson_title(language: Language, lesson: &Lesson) -> String {
    title(language, &lesson.title)
}

/// A lesson's text, with its Rhai examples' "try it" buttons, and each of its hints, as page
/// content (empty when the pack has no text for it).
fn rendered_text(pack: &Pack, lesson_id: &str, on_try: &Callback<String>, try_label: &str) -> (Html, Vec<Html>) {
    let Some(document) = lesson_text(pack, lesson_id) else { return (Html::default(), Vec::new()) };
    let hints = document.hints.iter().map(|hint| markdown::render(hint, None, "")).collect();
    (markdown::render(&document.text, Some(on_try), try_label), hints)
}

/// Props of [`LessonText`].
#[derive(Properties, PartialEq)]
pub struct LessonTextProps {
    /// The interface language.
    pub language: Language,
    /// The pack the lesson is from, which carries its text.
    pub course: SharedPack,
    /// The lesson.
    pub lesson: Rc<Lesson>,
    /// How many hints are shown.
    pub hints_shown: usize,
    /// Loads an example into the free editor.
    pub on_try: Callback<String>,
    /// Back to the course.
    pub on_home: Callback<()>,
}

/// The lesson's text and the hints shown so far.
#[component]
pub fn LessonText(props: &LessonTextProps) -> Html {
    let language = props.language;
    let lesson = &props.lesson;
    // The text is the biggest part of this page: keystrokes in the editor must not rebuild it.
    let document = {
        let (course, on_try, label) = (props.course.clone(), props.on_try.clone(), tr(language, Text::TryExample));
        use_memo((course.clone(), lesson.id.clone(), language), move |(_, id, _)| {
            rendered_text(&course.0, id, &on_try, label)
        })
    };
    let (text, hints) = (&document.0, &document.1);
    let back = if is_contest(&props.course.0) { Text::ContestBack } else { Text::BackHome };
    let on_home = {
        let on_home = props.on_home.clone();
        Callback::from(move |_: MouseEvent| on_home.emit(()))
    };
    html! {
        <article class="lesson-article" aria-labelledby="lesson-title">
            <button type="button" class="back" onclick={on_home}>{ "← " }{ tr(language, back) }</button>
            <h2 id="lesson-title">{ lesson_title(language, lesson) }</h2>
            { text.clone() }
            if props.hints_shown > 0 {
                <section class="hints" aria-live="polite">
                    { for hints.iter().take(props.hints_shown).enumerate().map(|(index, hint)| html! {
                        <div class="hint-box">
                            <h3>{ tr_with(language, Text::HintNumber, &[("number", (index + 1).to_string())]) }</h3>
                            { hint.clone() }
                        </div>
                    }) }
                </section>
            }
        </article>
    }
}

/// Props of [`GradingPanel`].
#[derive(Properties, PartialEq)]
pub struct GradingPanelProps {
    /// The interface language.
    pub language: Language,
    /// The lesson.
    pub lesson: Rc<Lesson>,
    /// Where the worker stands.
    pub status: Status,
    /// The last grade.
    pub grade: Option<SharedGrade>,
    /// The next lesson's id and title, offered when the lesson is passed.
    pub next: Option<(String, String)>,
    /// Opens a lesson.
    pub on_open: Callback<String>,
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
    let language = props.language;
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
        let (on_open, id) = (props.on_open.clone(), id.clone());
        let onclick = Callback::from(move |_: MouseEvent| on_open.emit(id.clone()));
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
