//! A student's page for the teacher (`GET /api/classes/{class}/students/{student}`): per lesson,
//! every version of their code the server kept, with its time (the newest shown first; any
//! other one shown on request), and their timeline of runs, checks and hints, oldest first, with
//! each check's score and each mistake in words.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::Deserialize;
use sprout_lessons::Pack;
use sprout_runtime::messages::Language;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use super::api::{call, local_time, Body, Failure};
use super::live::code_words;
use crate::classroom::i18n::{class_tr, class_tr_with, ClassText};
use crate::shell::context::use_language;

#[derive(Clone, Debug, PartialEq, Deserialize)]
struct StudentJson {
    student: Who,
    lessons: Vec<LessonVersions>,
    timeline: Vec<Moment>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
struct Who {
    name: String,
    number: String,
    removed: bool,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
struct LessonVersions {
    lesson: String,
    versions: Vec<Version>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
struct Version {
    version: i64,
    code: String,
    saved_at: f64,
}

/// A run, check or hint.
#[derive(Clone, Debug, PartialEq, Deserialize)]
struct Moment {
    kind: String,
    lesson: String,
    at: f64,
    score: Option<u32>,
    max_score: Option<u32>,
    passed: Option<bool>,
    #[serde(default)]
    codes: Vec<String>,
}

/// A lesson's title from Sprout's own course, else its id.
fn lesson_name(language: Language, pack: Option<&Pack>, lesson: &str) -> String {
    match pack.and_then(|pack| pack.lesson(lesson)) {
        Some(found) => match (language, &found.title.en) {
            (Language::En, Some(english)) => english.clone(),
            _ => found.title.zh.clone(),
        },
        None => lesson.to_string(),
    }
}

/// Props of [`StudentPage`].
#[derive(Properties, PartialEq)]
pub struct StudentPageProps {
    /// The class.
    pub class: i64,
    /// The student.
    pub student: i64,
    /// Sprout's own course when the class works from it, for the lessons' titles.
    pub pack: Option<Rc<Pack>>,
    /// Back to the class view.
    pub on_back: Callback<()>,
}

/// One student's code and timeline.
#[component]
pub fn StudentPage(props: &StudentPageProps) -> Html {
    let language = use_language();
    let read = use_state(|| None::<Result<StudentJson, Failure>>);
    // The version shown per lesson, when the teacher chose one other than the newest.
    let chosen = use_state(BTreeMap::<String, i64>::new);
    {
        let (read, class, student) = (read.clone(), props.class, props.student);
        use_effect_with((class, student), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let answer =
                    call(language, "GET", &format!("/api/classes/{class}/students/{student}"), Body::Empty).await;
                read.set(Some(answer.and_then(|value| {
                    serde_json::from_value(value).map_err(|_| Failure {
                        status: 0,
                        code: String::new(),
                        message: class_tr(language, ClassText::ServerUnreachable).to_string(),
                    })
                })));
            });
        });
    }
    // The page opens with its heading focused, where a keyboard user continues.
    use_effect_with(read.is_some(), |loaded| {
        if *loaded {
            let heading = web_sys::window()
                .and_then(|window| window.document())
                .and_then(|document| document.get_element_by_id("student-page-heading"))
                .and_then(|heading| heading.dyn_into::<HtmlElement>().ok());
            if let Some(heading) = heading {
                let _ = heading.focus();
            }
        }
    });
    let back = html! {
        <button type="button" onclick={props.on_back.reform(|_: MouseEvent| ())}>{ class_tr(language, ClassText::BackToClass) }</button>
    };
    let page = match &*read {
        None => return html! { <section class="student-page">{ back }</section> },
        Some(Err(refused)) => {
            return html! {
                <section class="student-page">{ back }<p class="server-error" role="alert">{ &refused.message }</p></section>
            }
        }
        Some(Ok(page)) => page,
    };
    let pack = props.pack.as_deref();
    html! {
        <section class="student-page" aria-labelledby="student-page-heading">
            { back }
            <h5 id="student-page-heading" tabindex="-1">
                { class_tr_with(language, ClassText::StudentHeading, &[("name", page.student.name.clone()), ("number", page.student.number.clone())]) }
                if page.student.removed {
                    { " " }{ class_tr(language, ClassText::Removed) }
                }
            </h5>
            <section aria-labelledby="student-code-heading">
                <h6 id="student-code-heading">{ class_tr(language, ClassText::CodeHeading) }</h6>
                if page.lessons.is_empty() {
                    <p>{ class_tr(language, ClassText::NoCode) }</p>
                }
                { for page.lessons.iter().map(|lesson| {
                    let newest = lesson.versions.last().map(|version| version.version);
                    let shown_id = chosen.get(&lesson.lesson).copied().or(newest);
                    let shown = lesson.versions.iter().find(|version| Some(version.version) == shown_id);
                    let title = lesson_name(language, pack, &lesson.lesson);
                    html! {
                        <div class="student-lesson">
                            <p class="student-lesson-title"><strong>{ title.clone() }</strong></p>
                            <ol class="versions" aria-label={class_tr_with(language, ClassText::VersionsOf, &[("lesson", title)])}>
                                { for lesson.versions.iter().enumerate().map(|(index, version)| {
                                    let (chosen, lesson_id, id) = (chosen.clone(), lesson.lesson.clone(), version.version);
                                    let onclick = Callback::from(move |_: MouseEvent| {
                                        let mut changed = (*chosen).clone();
                                        changed.insert(lesson_id.clone(), id);
                                        chosen.set(changed);
                                    });
                                    html! {
                                        <li>
                                            <button type="button" aria-pressed={(Some(id) == shown_id).to_string()} {onclick}>
                                                { class_tr_with(language, ClassText::VersionAt, &[
                                                    ("number", (index + 1).to_string()),
                                                    ("time", local_time(language, version.saved_at)),
                                                ]) }
                                            </button>
                                        </li>
                                    }
                                }) }
                            </ol>
                            if let Some(version) = shown {
                                <pre class="student-code" tabindex="0">{ &version.code }</pre>
                            }
                        </div>
                    }
                }) }
            </section>
            <section aria-labelledby="timeline-heading">
                <h6 id="timeline-heading">{ class_tr(language, ClassText::TimelineHeading) }</h6>
                if page.timeline.is_empty() {
                    <p>{ class_tr(language, ClassText::NoTimeline) }</p>
                } else {
                    <ol class="timeline">
                        { for page.timeline.iter().map(|moment| {
                            let kind = match moment.kind.as_str() {
                                "check" => ClassText::KindCheck,
                                "hint" => ClassText::KindHint,
                                _ => ClassText::KindRun,
                            };
                            html! {
                                <li class={classes!("moment", moment.kind.clone(), (moment.passed == Some(true)).then_some("passed"))}>
                                    <span class="moment-time">{ local_time(language, moment.at) }</span>
                                    { " " }<strong>{ class_tr(language, kind) }</strong>
                                    { " " }{ lesson_name(language, pack, &moment.lesson) }
                                    if let (Some(score), Some(max)) = (moment.score, moment.max_score) {
                                        { " · " }{ class_tr_with(language, ClassText::ScoreOf, &[("score", score.to_string()), ("max", max.to_string())]) }
                                        { " · " }{ class_tr(language, if moment.passed == Some(true) { ClassText::AllPassed } else { ClassText::NotPassed }) }
                                    }
                                    { for moment.codes.iter().map(|code| html! {
                                        <span class="moment-mistake" title={code.clone()}>{ " · " }{ code_words(language, code) }</span>
                                    }) }
                                </li>
                            }
                        }) }
                    </ol>
                }
            </section>
        </section>
    }
}
