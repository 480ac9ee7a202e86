//! The home page: the course's units and lessons with the student's progress (done, started,
//! open, locked), "continue where I left off", the ways to the free editor, the AI lab and the
//! teachers' pages, opening a course or contest file from the teacher (and going back to the
//! app's own course), and the student's own corner: who they are, exporting results, backing up
//! and restoring progress. During a contest, the contest's own page takes its place
//! (`crate::pages::contest`); from a classroom server with nobody signed in, joining the class
//! (`crate::pages::join`).

use std::rc::Rc;

use sprout_lessons::Student;
use sprout_runtime::messages::Language;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::icons::{Icon, IconImage};
use crate::course::{continue_with, is_contest, is_embedded, lesson_status, read_pack_file, LessonStatus};
use crate::i18n::{tr, tr_with, Text};
use crate::pages::contest::ContestHome;
use crate::pages::join::JoinClass;
use crate::shell::context::{use_app, use_language, AppHandle};
use crate::shell::APP_VERSION;
use crate::state::server::Connection;
use crate::state::{Action, Page};
use crate::storage::progress::Progress;
use crate::storage::{self, read_text};

/// A title in the interface language (Chinese when there is no English one).
pub fn title(language: Language, title: &sprout_lessons::Title) -> String {
    match (language, &title.en) {
        (Language::En, Some(english)) => english.clone(),
        _ => title.zh.clone(),
    }
}

/// What the home page does with files, shared by a course's home and a contest's.
#[derive(Clone, PartialEq)]
pub struct HomeActions {
    /// Download the result file: "export my results" in a course, "hand in" in a contest.
    pub on_result_file: Callback<()>,
    /// Download a backup of the progress.
    pub on_backup: Callback<()>,
    /// Restore the progress from the chosen backup file.
    pub on_restore: Callback<web_sys::File>,
    /// Open the chosen course or contest file in place of the course.
    pub on_open_pack: Callback<web_sys::File>,
    /// Back to the app's own course; the opened pack's work stays in storage.
    pub on_leave: Callback<()>,
    /// What became of the last of these.
    pub notice: Option<AttrValue>,
}

impl HomeActions {
    fn new(app: &AppHandle, notice: &UseStateHandle<Option<AttrValue>>) -> HomeActions {
        let on_result_file = {
            let (app, notice) = (app.clone(), notice.clone());
            Callback::from(move |()| {
                let progress = &app.course.progress;
                let file = progress.result_file(&app.course.pack, APP_VERSION, &storage::now());
                if file.lessons.is_empty() {
                    notice.set(Some(tr(app.language, Text::NothingToExport).into()));
                    return;
                }
                // An anonymous file would count as a student of its own on the teacher's dashboard.
                if progress.student.name.trim().is_empty() {
                    notice.set(Some(tr(app.language, Text::ExportNameFirst).into()));
                    focus_field("student-name");
                    return;
                }
                let student = &progress.student;
                let name = storage::file_name_part(&student.name, "student");
                let contest = is_contest(&app.course.pack);
                let file_name = if contest {
                    format!("sprout-contest-{}-{name}.json", storage::file_name_part(&student.student_id, "id"))
                } else {
                    format!("sprout-results-{name}.json")
                };
                let _ = storage::download(&file_name, "application/json", file.to_json().as_bytes());
                let done = tr_with(app.language, Text::ContestHandedIn, &[("file", file_name)]);
                notice.set(contest.then(|| done.into()));
            })
        };
        let on_backup = {
            let app = app.clone();
            Callback::from(move |()| {
                let name = storage::file_name_part(&app.course.progress.student.name, "student");
                let backup = app.course.progress.to_file(&storage::now());
                let _ = storage::download(&format!("sprout-backup-{name}.json"), "application/json", backup.as_bytes());
            })
        };
        let on_restore = {
            let (app, notice) = (app.clone(), notice.clone());
            Callback::from(move |file: web_sys::File| {
                let (app, notice) = (app.clone(), notice.clone());
                read_text(&file, move |text| match Progress::from_file(&text) {
                    Ok(progress) => {
                        app.dispatch(Action::Restore(progress));
                        notice.set(Some(tr(app.language, Text::RestoreDone).into()));
                    }
                    Err(error) => {
                        let words = tr_with(app.language, Text::RestoreFailed, &[("reason", error.to_string())]);
                        notice.set(Some(words.into()));
                    }
                });
            })
        };
        let on_open_pack = {
            let (app, notice) = (app.clone(), notice.clone());
            Callback::from(move |file: web_sys::File| {
                let (app, notice) = (app.clone(), notice.clone());
                read_text(&file, move |text| match read_pack_file(&text) {
                    Ok(pack) => {
                        let (progress, problem) = match storage::load(&storage::progress_key(&pack)) {
                            Ok(progress) => (progress.unwrap_or_default(), storage::keep_pack(Some(&text)).err()),
                            Err(problem) => (Progress::default(), Some(problem)),
                        };
                        notice.set(None);
                        app.dispatch(Action::OpenPack(Rc::new(pack), progress));
                        app.dispatch(Action::Storage(problem));
                    }
                    Err(error) => notice.set(Some(error.describe(app.language).into())),
                });
            })
        };
        let on_leave = {
            let (app, notice) = (app.clone(), notice.clone());
            Callback::from(move |()| {
                let (progress, problem) = match storage::load(storage::PROGRESS_KEY) {
                    Ok(progress) => (progress.unwrap_or_default(), storage::keep_pack(None).err()),
                    Err(problem) => (Progress::default(), Some(problem)),
                };
                notice.set(None);
                app.dispatch(Action::LeavePack(progress));
                app.dispatch(Action::Storage(problem));
            })
        };
        HomeActions { on_result_file, on_backup, on_restore, on_open_pack, on_leave, notice: (**notice).clone() }
    }
}

/// The home page: the course's, or the contest's when a contest is open.
#[component]
pub fn HomePage() -> Html {
    let app = use_app();
    let notice = use_state(|| None::<AttrValue>);
    let actions = HomeActions::new(&app, &notice);
    if app.server.connection == Connection::SignedOut {
        html! { <JoinClass /> }
    } else if is_contest(&app.course.pack) {
        html! { <ContestHome {actions} /> }
    } else {
        html! { <Home {actions} /> }
    }
}

/// Props of [`Home`].
#[derive(Properties, PartialEq)]
pub struct HomeProps {
    /// What the page does with files.
    pub actions: HomeActions,
}

/// A course's home page.
#[component]
pub fn Home(props: &HomeProps) -> Html {
    let app = use_app();
    let language = use_language();
    let pack = &app.course.pack;
    let progress = &app.course.progress;
    let navigate = {
        let app = app.clone();
        Callback::from(move |page: Page| app.dispatch(Action::Navigate(page, storage::now())))
    };
    let go = |page: Page| navigate.reform(move |_: MouseEvent| page.clone());
    let continue_button = continue_with(pack, progress).and_then(|id| pack.lesson(&id).cloned()).map(|lesson| {
        let words = tr_with(language, Text::ContinueButton, &[("title", title(language, &lesson.title))]);
        html! { <button type="button" class="continue primary" onclick={go(Page::Lesson(lesson.id.clone()))}>{ words }</button> }
    });
    let on_open = navigate.reform(Page::Lesson);
    let actions = &props.actions;
    html! {
        <main class="home" id="main">
            <section class="course" aria-labelledby="course-heading">
                <h2 id="course-heading">{ tr(language, Text::HomeHeading) }{ "：" }{ title(language, &pack.course.title) }</h2>
                <div class="home-actions">
                    { continue_button.unwrap_or_default() }
                    <button type="button" class="playground-link" onclick={go(Page::Playground)}>{ tr(language, Text::PlaygroundLink) }</button>
                    <button type="button" class="lab-link" onclick={go(Page::Lab)}>{ tr(language, Text::AiLabLink) }</button>
                    <button type="button" class="class-link" onclick={go(Page::Class)}>{ tr(language, Text::ClassLink) }</button>
                    <button type="button" class="author-link" onclick={go(Page::Author)}>{ tr(language, Text::AuthorLink) }</button>
                    // Signed in to a class, the course is the one the teacher gave the class.
                    if app.server.account().is_none() {
                        if !is_embedded(pack) {
                            <button type="button" onclick={actions.on_leave.reform(|_: MouseEvent| ())}>{ tr(language, Text::LeavePack) }</button>
                        }
                        <div class="pack-open">
                            <label for="pack-file">{ tr(language, Text::OpenPack) }</label>
                            <input id="pack-file" type="file" accept=".pack,.json,application/json" onchange={picked_file(&actions.on_open_pack)} />
                        </div>
                    }
                </div>
                { for pack.course.units.iter().map(|unit| html! {
                    <section class="unit" aria-label={title(language, &unit.title)}>
                        <h3>{ title(language, &unit.title) }</h3>
                        <ol class="lessons">
                            { for unit.lessons.iter().filter_map(|id| pack.lesson(id)).map(|lesson| {
                                let status = lesson_status(pack, progress, &lesson.id);
                                lesson_item(language, lesson, status, progress, &on_open)
                            }) }
                        </ol>
                    </section>
                }) }
            </section>
            <StudentCorner actions={actions.clone()} />
        </main>
    }
}

fn lesson_item(
    language: Language,
    lesson: &sprout_lessons::Lesson,
    status: LessonStatus,
    progress: &Progress,
    on_open: &Callback<String>,
) -> Html {
    let (class, status_text) = match status {
        LessonStatus::Done => ("done", tr(language, Text::LessonDone)),
        LessonStatus::Started => ("started", tr(language, Text::LessonStarted)),
        LessonStatus::Open => ("open", tr(language, Text::LessonOpen)),
        LessonStatus::Locked => ("locked", tr(language, Text::LessonLocked)),
    };
    let mark = match status {
        LessonStatus::Done => html! { "✓" },
        LessonStatus::Started => html! { "●" },
        LessonStatus::Open => html! { "○" },
        LessonStatus::Locked => html! { <IconImage icon={Icon::Lock} /> },
    };
    let score = progress
        .lessons
        .get(&lesson.id)
        .filter(|saved| saved.attempts > 0)
        .map(|saved| tr_with(language, Text::BestScore, &[("score", saved.best_score.to_string())]));
    let locked = status == LessonStatus::Locked;
    let onclick = {
        let (on_open, id) = (on_open.clone(), lesson.id.clone());
        Callback::from(move |_: MouseEvent| {
            if !locked {
                on_open.emit(id.clone())
            }
        })
    };
    let name = title(language, &lesson.title);
    html! {
        <li class={classes!("lesson", class)}>
            <button type="button" {onclick} aria-disabled={locked.to_string()}
                aria-label={format!("{name}：{status_text}{}", score.as_ref().map(|score| format!("，{score}")).unwrap_or_default())}>
                // The spaces keep the visible words apart (the grid hides them), so the label
                // contains the visible text word for word (WCAG 2.5.3, label in name).
                <span class="mark" aria-hidden="true">{ mark }</span>{ " " }
                <span class="name">{ name }</span>{ " " }
                <span class="lesson-facts" aria-hidden="true">
                    <span class="lesson-status">{ status_text }</span>
                    if let Some(score) = &score {
                        { " " }<span class="score">{ score }</span>
                    }
                </span>
            </button>
        </li>
    }
}

/// What a file input does when someone picks a file: sends it to `on_file`, and empties the
/// input so that picking the same file again is a change too.
pub fn picked_file(on_file: &Callback<web_sys::File>) -> Callback<Event> {
    let on_file = on_file.clone();
    Callback::from(move |event: Event| {
        let input: HtmlInputElement = event.target_unchecked_into();
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            on_file.emit(file);
        }
        input.set_value("");
    })
}

/// A labelled text field for one of `student`'s details: `set` writes what is typed into a copy,
/// which goes to `on_student`.
pub fn student_field(
    language: Language,
    id: &'static str,
    label: Text,
    value: &str,
    student: &Student,
    on_student: &Callback<Student>,
    set: fn(&mut Student, String),
) -> Html {
    let (student, on_student) = (student.clone(), on_student.clone());
    let oninput = Callback::from(move |event: InputEvent| {
        let input: HtmlInputElement = event.target_unchecked_into();
        let mut changed = student.clone();
        set(&mut changed, input.value());
        on_student.emit(changed);
    });
    html! {
        <div class="field">
            <label for={id}>{ tr(language, label) }</label>
            <input id={id} type="text" maxlength="100" value={value.to_string()} {oninput} />
        </div>
    }
}

/// Puts the caret in the field with the id `id`, if the page has it.
pub fn focus_field(id: &str) {
    let field = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(id))
        .and_then(|field| field.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(field) = field {
        let _ = field.focus();
    }
}

/// Props of [`StudentCorner`].
#[derive(Properties, PartialEq)]
struct StudentCornerProps {
    actions: HomeActions,
}

/// Who the student is (typed once), and their files.
#[component]
fn StudentCorner(props: &StudentCornerProps) -> Html {
    let app = use_app();
    let language = use_language();
    let student = &app.course.progress.student;
    let on_student = {
        let app = app.clone();
        Callback::from(move |student| app.dispatch(Action::SetStudent(student)))
    };
    let field = |id, label, value: &str, set| student_field(language, id, label, value, student, &on_student, set);
    let actions = &props.actions;
    html! {
        <section class="student" aria-labelledby="student-heading">
            <h2 id="student-heading">{ tr(language, Text::ProgressHeading) }</h2>
            { field("student-name", Text::StudentName, &student.name, |student, value| student.name = value) }
            { field("student-class", Text::StudentClass, &student.class, |student, value| student.class = value) }
            { field("student-school", Text::StudentSchool, &student.school, |student, value| student.school = value) }
            { field("student-id", Text::StudentId, &student.student_id, |student, value| student.student_id = value) }
            <div class="file-actions">
                <button type="button" onclick={actions.on_result_file.reform(|_: MouseEvent| ())}>{ tr(language, Text::ExportResults) }</button>
                <button type="button" onclick={actions.on_backup.reform(|_: MouseEvent| ())}>{ tr(language, Text::BackupButton) }</button>
                <label class="restore" for="restore-file">{ tr(language, Text::RestoreButton) }</label>
                <input id="restore-file" type="file" accept=".json,application/json" onchange={picked_file(&actions.on_restore)} />
            </div>
            <p class="notice" role="status">{ actions.notice.clone().unwrap_or_default() }</p>
        </section>
    }
}
