//! Contest mode's pages (issue #6; the rules are `crate::course::contest`): the contest's own home
//! page ([`ContestHome`]: its rules, who the student is, the problems and handing in) and the bar
//! every page shows during a contest ([`ContestBar`]: the clock and the way back).

use sprout_lessons::Student;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::course::contest::{clock_text, identified, seconds_left, started_at};
use crate::i18n::{tr, tr_with, Text};
use crate::pages::home::{student_field, title, HomeActions};
use crate::shell::context::{use_app, use_language};
use crate::state::{Action, Page};
use crate::storage;

/// The browser's clock in seconds since 1970.
fn now_seconds() -> f64 {
    js_sys::Date::now() / 1000.0
}

/// The bar every page shows during a contest: its name, the clock and the way back to the
/// problems. It reads the clock every second and tells the app once when the time is up.
#[component]
pub fn ContestBar() -> Html {
    let app = use_app();
    let language = use_language();
    let now = use_state(now_seconds);
    {
        let now = now.setter();
        use_effect_with((), move |_| {
            let tick = Closure::<dyn Fn()>::new(move || now.set(now_seconds()));
            let handle = web_sys::window().and_then(|window| {
                window.set_interval_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), 1000).ok()
            });
            move || {
                if let (Some(window), Some(handle)) = (web_sys::window(), handle) {
                    window.clear_interval_with_handle(handle);
                }
                drop(tick);
            }
        });
    }
    let left = seconds_left(&app.course.pack, &app.course.progress, *now);
    {
        let (app, over) = (app.clone(), left.is_some_and(|left| left <= 0.0) && !app.course.time_up);
        use_effect_with(over, move |&over| {
            if over {
                app.dispatch(Action::TimeUp);
            }
        });
    }
    let clock = match left {
        None => html! { <span class="contest-clock">{ tr(language, Text::ContestNotStarted) }</span> },
        Some(left) if left <= 0.0 => html! {
            <span class="contest-clock over" role="alert">{ tr(language, Text::ContestTimeUp) }</span>
        },
        Some(left) => html! {
            <span class="contest-clock" role="timer">
                { tr(language, Text::ContestTimeLeft) }{ " " }<strong>{ clock_text(left) }</strong>
            </span>
        },
    };
    let on_home = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::Navigate(Page::Home, storage::now())))
    };
    html! {
        <div class="contest-bar" role="region" aria-label={tr(language, Text::ContestHeading)}>
            <button type="button" onclick={on_home}>
                { "☰ " }{ title(language, &app.course.pack.course.title) }
            </button>
            { clock }
        </div>
    }
}

/// Props of [`ContestHome`].
#[derive(Properties, PartialEq)]
pub struct ContestHomeProps {
    /// Handing in (the result file), leaving, and the notice about the last of them.
    pub actions: HomeActions,
}

/// The contest's page: its rules, who the student is, the problems with their last checks, and
/// handing in.
#[component]
pub fn ContestHome(props: &ContestHomeProps) -> Html {
    let app = use_app();
    let language = use_language();
    let pack = &app.course.pack;
    let progress = &app.course.progress;
    let student = &progress.student;
    let started = started_at(progress).is_some();
    let points: u32 = pack.lessons.iter().map(|lesson| lesson.points).sum();
    let facts = tr_with(
        language,
        Text::ContestFacts,
        &[
            ("problems", pack.lessons.len().to_string()),
            ("points", points.to_string()),
            ("minutes", pack.course.duration_minutes.unwrap_or_default().to_string()),
        ],
    );
    let on_student = {
        let app = app.clone();
        Callback::from(move |student| app.dispatch(Action::SetStudent(student)))
    };
    let field = |id, label, value: &str, set| student_field(language, id, label, value, student, &on_student, set);
    let open = |id: String| {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::Navigate(Page::Lesson(id.clone()), storage::now())))
    };
    let start = pack.course.lesson_ids().next().map(|first| open(first.to_string())).unwrap_or_default();
    let problems = pack.course.lesson_ids().filter_map(|id| pack.lesson(id)).enumerate().map(|(index, lesson)| {
        let checked = progress.lessons.get(&lesson.id).and_then(|saved| saved.checked.as_ref());
        let status = match checked {
            Some((_, claim)) => tr_with(
                language,
                Text::ContestChecked,
                &[("score", claim.score.to_string()), ("points", claim.max_score.to_string())],
            ),
            None => tr(language, Text::ContestNotChecked).to_string(),
        };
        let name = format!("{}. {}", index + 1, title(language, &lesson.title));
        html! {
            <li class="lesson">
                <button type="button" onclick={open(lesson.id.clone())} disabled={!started}>
                    <span class="name">{ name }</span>{ " " }<span class="lesson-status">{ status }</span>
                </button>
            </li>
        }
    });
    let actions = &props.actions;
    html! {
        <main class="home contest" id="main">
            <section class="course" aria-labelledby="course-heading">
                <h2 id="course-heading">{ tr(language, Text::ContestHeading) }{ "：" }{ title(language, &pack.course.title) }</h2>
                <p class="contest-facts">{ facts }</p>
                <p>{ tr(language, Text::ContestRules) }</p>
                if started {
                    <h3>{ tr(language, Text::ContestProblems) }</h3>
                    <ol class="lessons">{ for problems }</ol>
                } else {
                    <button type="button" class="continue primary" disabled={!identified(student)} onclick={start}>
                        { tr(language, Text::ContestStart) }
                    </button>
                }
            </section>
            <section class="student" aria-labelledby="student-heading">
                <h2 id="student-heading">{ tr(language, Text::ContestWhoAreYou) }</h2>
                { field("student-name", Text::StudentName, &student.name, |student: &mut Student, value| student.name = value) }
                { field("student-school", Text::StudentSchool, &student.school, |student: &mut Student, value| student.school = value) }
                { field("student-id", Text::ContestId, &student.student_id, |student: &mut Student, value| student.student_id = value) }
                <div class="file-actions">
                    <button type="button" class="primary" disabled={!started} onclick={actions.on_result_file.reform(|_: MouseEvent| ())}>
                        { tr(language, Text::ContestHandIn) }
                    </button>
                    <button type="button" onclick={actions.on_leave.reform(|_: MouseEvent| ())}>{ tr(language, Text::ContestLeave) }</button>
                </div>
                <p class="notice" role="status">{ actions.notice.clone().unwrap_or_default() }</p>
            </section>
        </main>
    }
}
