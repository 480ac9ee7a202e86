//! A lesson's page: its text (Markdown, made safe when its pack was built), the hints shown so
//! far, the results of the last check with a verdict and feedback per test, the workbench, and the
//! lesson's tool from the AI module when it has one; or, for a locked lesson opened by its address,
//! what to pass first; or, while the file of its unit of the embedded course loads, that it is
//! loading, and why it did not load when it fails.

use std::rc::Rc;

use sprout_lessons::{Lesson, Pack};
use sprout_runtime::messages::Language;
use yew::prelude::*;

use crate::components::grading::GradingPanel;
use crate::components::icons::{Icon, IconImage};
use crate::components::markdown;
use crate::components::stage::StageKinds;
use crate::components::workbench::{scroll_into_view, LessonControls, Workbench};
use crate::course::document::lesson_text;
use crate::course::units::{has_text, unit_of, TextProblem};
use crate::course::{is_contest, is_embedded, lesson_status, next_lesson, prerequisite, LessonStatus};
use crate::i18n::{tr, tr_with, Text};
use crate::modules::tool::{LazyTool, Tool};
use crate::pages::home::{focus_field, student_field, title};
use crate::shell::context::{use_app, use_language};
use crate::shell::APP_VERSION;
use crate::state::{Action, Page, SharedPack, Status};
use crate::storage::{self, export};

/// The lesson's title in the interface language (Chinese when there is no English one).
pub fn lesson_title(language: Language, lesson: &Lesson) -> String {
    title(language, &lesson.title)
}

/// The page of the lesson on screen.
#[component]
pub fn LessonPage() -> Html {
    let app = use_app();
    let language = use_language();
    // Export pressed without a name: the page asks for it first (an anonymous file would count as
    // a student of its own on the teacher's dashboard).
    let asking_name = use_state(|| false);
    use_effect_with(*asking_name, |asking| {
        if *asking {
            focus_field(NAME_FIELD);
        }
    });
    let Some(lesson) = app.lesson() else { return Html::default() };
    let pack = &app.course.pack;
    if lesson_status(pack, &app.course.progress, &lesson.id) == LessonStatus::Locked {
        return locked_lesson(&app, language, lesson, prerequisite(pack, &app.course.progress, &lesson.id));
    }
    if is_embedded(pack) && !has_text(pack, &lesson.id) {
        return lesson_loading(&app, language, lesson);
    }
    let lesson = Rc::new(lesson.clone());
    let hints_shown = app.course.progress.lessons.get(&lesson.id).map_or(0, |saved| saved.hints_shown);
    let contest = is_contest(pack);
    let dispatch = |action: fn() -> Action| {
        let dispatcher = app.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(action()))
    };
    let on_check = {
        let app = app.clone();
        Callback::from(move |()| app.dispatch(Action::StartCheck(app.code())))
    };
    let export_now = {
        let (app, lesson_id, asking_name) = (app.clone(), lesson.id.clone(), asking_name.clone());
        Callback::from(move |()| {
            asking_name.set(false);
            let result = app.course.progress.result_file(&app.course.pack, APP_VERSION, &storage::now()).to_json();
            let _ = export::export_work(&lesson_id, &app.course.progress.student.name, &app.code(), &result);
        })
    };
    let nameless = app.course.progress.student.name.trim().is_empty();
    let on_export = {
        let (asking_name, export_now) = (asking_name.clone(), export_now.clone());
        Callback::from(move |()| if nameless { asking_name.set(true) } else { export_now.emit(()) })
    };
    let name_prompt = match *asking_name {
        true => name_prompt(&app, language, nameless, export_now),
        false => Html::default(),
    };
    let controls = LessonControls {
        on_check: (!app.course.time_up).then_some(on_check),
        on_hint: (!contest && hints_shown < lesson.hints.len()).then(|| dispatch(|| Action::ShowHint(storage::now()))),
        hints_off: contest,
        on_reset: dispatch(|| Action::ResetCode(storage::now())),
        on_export,
        name_prompt,
    };
    let next = next_lesson(pack, &lesson.id).map(|next| (next.id.clone(), lesson_title(language, next)));
    // The results panel shows from a check's start to the next run.
    let grading = if app.run.grade.is_some() || app.run.status == Status::Checking {
        html! { <GradingPanel lesson={lesson.clone()} status={app.run.status} grade={app.run.grade.clone()} {next} /> }
    } else {
        Html::default()
    };
    html! {
        <main class="lesson-layout" id="main">
            <div class="lesson-side">
                <LessonText course={SharedPack(pack.clone())} lesson={lesson.clone()} {hints_shown} />
            </div>
            <Workbench stage={StageKinds::of_lesson(&lesson).and(app.run.stage)} lesson={controls}
                {grading}
                tool={lesson.tool.map(|tool| html! { <div class="lesson-tool"><LazyTool tool={Tool::from(tool)} {language} /></div> }).unwrap_or_default()} />
        </main>
    }
}

/// The id of the name field Export asks with.
const NAME_FIELD: &str = "export-name";

/// What Export asks first of a student who has not written their name: the name (the same field as
/// on the course page), and Export again once there is one.
fn name_prompt(
    app: &crate::shell::context::AppHandle,
    language: Language,
    nameless: bool,
    export: Callback<()>,
) -> Html {
    let student = &app.course.progress.student;
    let on_student = {
        let app = app.clone();
        Callback::from(move |student| app.dispatch(Action::SetStudent(student)))
    };
    html! {
        <div class="name-first" role="group" aria-labelledby="name-first-note">
            <p id="name-first-note">{ tr(language, Text::ExportNameFirst) }</p>
            { student_field(language, NAME_FIELD, Text::StudentName, &student.name, student, &on_student, |student, value| student.name = value) }
            <button type="button" class="primary" disabled={nameless} onclick={export.reform(|_: MouseEvent| ())}>
                { tr(language, Text::ExportWork) }
            </button>
        </div>
    }
}

/// A locked lesson opened by its address (a bookmark, a link from a classmate): what to pass first
/// and a way there, instead of the lesson.
fn locked_lesson(
    app: &crate::shell::context::AppHandle,
    language: Language,
    lesson: &Lesson,
    first: Option<&Lesson>,
) -> Html {
    let go = |page: Page| {
        let dispatcher = app.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Navigate(page.clone(), storage::now())))
    };
    html! {
        <main class="locked-lesson" id="main" aria-labelledby="lesson-title">
            <button type="button" class="back" onclick={go(Page::Home)}>{ "← " }{ tr(language, Text::BackHome) }</button>
            <h2 id="lesson-title">{ lesson_title(language, lesson) }</h2>
            <p class="locked-note"><IconImage icon={Icon::Lock} />{ " " }{ tr(language, Text::LockedHeading) }</p>
            if let Some(first) = first {
                <p>{ tr_with(language, Text::LockedExplanation, &[("title", lesson_title(language, first))]) }</p>
                <button type="button" class="primary" onclick={go(Page::Lesson(first.id.clone()))}>
                    { tr_with(language, Text::LockedGoTo, &[("title", lesson_title(language, first))]) }
                </button>
            }
        </main>
    }
}

/// A lesson of the embedded course whose unit has not joined yet: that it is loading, or why it did
/// not load, with a way to try again. The lesson (its title, text and editor) shows once it has.
fn lesson_loading(app: &crate::shell::context::AppHandle, language: Language, lesson: &Lesson) -> Html {
    let title = [("title", lesson_title(language, lesson))];
    let unit = unit_of(&app.course.pack, &lesson.id);
    let problem = app.course.text_problem.as_ref().filter(|(failed, _)| Some(failed.as_str()) == unit);
    let dispatch = |action: fn() -> Action| {
        let dispatcher = app.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(action()))
    };
    html! {
        <main class="locked-lesson" id="main">
            <button type="button" class="back" onclick={dispatch(|| Action::Navigate(Page::Home, storage::now()))}>
                { "← " }{ tr(language, Text::BackHome) }
            </button>
            if let Some((_, problem)) = problem {
                <p class="text-failed" role="alert">
                    { tr_with(language, match problem {
                        TextProblem::Unreachable => Text::LessonTextUnreachable,
                        TextProblem::Mismatch => Text::LessonTextMismatch,
                    }, &title) }
                </p>
                <button type="button" class="primary" onclick={dispatch(|| Action::RetryUnit)}>{ tr(language, Text::LessonTextRetry) }</button>
            } else {
                <p class="text-loading" role="status">{ tr_with(language, Text::LessonTextLoading, &title) }</p>
            }
        </main>
    }
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
    /// The pack the lesson is from, which carries its text.
    pub course: SharedPack,
    /// The lesson.
    pub lesson: Rc<Lesson>,
    /// How many hints are shown.
    pub hints_shown: usize,
}

/// The lesson's text and the hints shown so far.
#[component]
pub fn LessonText(props: &LessonTextProps) -> Html {
    let app = use_app();
    let language = use_language();
    let lesson = &props.lesson;
    // The text is the biggest part of this page: keystrokes in the editor must not rebuild it.
    let document = {
        let dispatcher = app.dispatcher();
        let on_try = Callback::from(move |code| dispatcher.dispatch(Action::TryExample(code)));
        let (course, label) = (props.course.clone(), tr(language, Text::TryExample));
        use_memo((course.clone(), lesson.id.clone(), language), move |(_, id, _)| {
            rendered_text(&course.0, id, &on_try, label)
        })
    };
    let (text, hints) = (&document.0, &document.1);
    // A hint asked for is added under the text: bring it into view (not the ones shown at opening).
    let article = use_node_ref();
    let hints_seen = use_mut_ref(|| props.hints_shown);
    use_effect_with(props.hints_shown, {
        let article = article.clone();
        move |shown| {
            let more = *shown > *hints_seen.borrow();
            *hints_seen.borrow_mut() = *shown;
            if let (true, Some(root)) = (more, article.cast::<web_sys::Element>()) {
                scroll_into_view(&root, ".hint-box:last-child");
            }
        }
    });
    let back = if is_contest(&props.course.0) { Text::ContestBack } else { Text::BackHome };
    let on_home = {
        let dispatcher = app.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Navigate(Page::Home, storage::now())))
    };
    html! {
        <article class="lesson-article" aria-labelledby="lesson-title" ref={article}>
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
