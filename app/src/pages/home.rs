//! The home page: the course's units and lessons with the student's progress (done, started,
//! open, locked), "continue where I left off", the ways to the free editor, the AI lab and the
//! teachers' pages, opening a course or contest file from the teacher (and going back to the
//! app's own course), and the student's own corner: who they are, exporting results, backing up
//! and restoring progress.

use std::rc::Rc;

use sprout_lessons::{Pack, Student};
use sprout_runtime::messages::Language;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::course::{continue_with, lesson_status, LessonStatus};
use crate::i18n::{tr, tr_with, Text};
use crate::storage::progress::Progress;

/// Props of [`Home`].
#[derive(Properties, PartialEq)]
pub struct HomeProps {
    /// The interface language.
    pub language: Language,
    /// The course.
    pub course: Rc<Pack>,
    /// The student's progress.
    pub progress: Rc<Progress>,
    /// Opens a lesson by id.
    pub on_open: Callback<String>,
    /// Opens the free editor.
    pub on_play: Callback<()>,
    /// Opens the AI lab.
    pub on_lab: Callback<()>,
    /// Opens the class dashboard (for teachers).
    pub on_class: Callback<()>,
    /// Opens the lesson editor (for teachers).
    pub on_author: Callback<()>,
    /// The student changed who they are.
    pub on_student: Callback<Student>,
    /// Export the result file.
    pub on_export: Callback<()>,
    /// Download a backup.
    pub on_backup: Callback<()>,
    /// Restore from the chosen backup file.
    pub on_restore: Callback<web_sys::File>,
    /// Open the chosen course or contest file.
    pub on_open_pack: Callback<web_sys::File>,
    /// Back to the app's own course, when a teacher's course is open.
    pub on_leave: Option<Callback<()>>,
    /// A message about the last export, backup or restore.
    pub notice: Option<AttrValue>,
}

/// A title in the interface language (Chinese when there is no English one).
pub fn title(language: Language, title: &sprout_lessons::Title) -> String {
    match (language, &title.en) {
        (Language::En, Some(english)) => english.clone(),
        _ => title.zh.clone(),
    }
}

/// The home page.
#[component]
pub fn Home(props: &HomeProps) -> Html {
    let language = props.language;
    let pack = &props.course;
    let progress = &props.progress;
    let continue_button = continue_with(pack, progress).and_then(|id| pack.lesson(&id).cloned()).map(|lesson| {
        let on_open = props.on_open.clone();
        let id = lesson.id.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_open.emit(id.clone()));
        let words = tr_with(language, Text::ContinueButton, &[("title", title(language, &lesson.title))]);
        html! { <button type="button" class="continue primary" {onclick}>{ words }</button> }
    });
    let on_play = {
        let on_play = props.on_play.clone();
        Callback::from(move |_: MouseEvent| on_play.emit(()))
    };
    let on_lab = props.on_lab.reform(|_: MouseEvent| ());
    let on_class = props.on_class.reform(|_: MouseEvent| ());
    let on_open_pack = picked_file(&props.on_open_pack);
    html! {
        <main class="home" id="main">
            <section class="course" aria-labelledby="course-heading">
                <h2 id="course-heading">{ tr(language, Text::HomeHeading) }{ "：" }{ title(language, &pack.course.title) }</h2>
                <div class="home-actions">
                    { continue_button.unwrap_or_default() }
                    <button type="button" class="playground-link" onclick={on_play}>{ tr(language, Text::PlaygroundLink) }</button>
                    <button type="button" class="lab-link" onclick={on_lab}>{ tr(language, Text::AiLabLink) }</button>
                    <button type="button" class="class-link" onclick={on_class}>{ tr(language, Text::ClassLink) }</button>
                    <button type="button" class="author-link" onclick={props.on_author.reform(|_: MouseEvent| ())}>{ tr(language, Text::AuthorLink) }</button>
                    if let Some(on_leave) = &props.on_leave {
                        <button type="button" onclick={on_leave.reform(|_: MouseEvent| ())}>{ tr(language, Text::LeavePack) }</button>
                    }
                    <div class="pack-open">
                        <label for="pack-file">{ tr(language, Text::OpenPack) }</label>
                        <input id="pack-file" type="file" accept=".pack,.json,application/json" onchange={on_open_pack} />
                    </div>
                </div>
                { for pack.course.units.iter().map(|unit| html! {
                    <section class="unit" aria-label={title(language, &unit.title)}>
                        <h3>{ title(language, &unit.title) }</h3>
                        <ol class="lessons">
                            { for unit.lessons.iter().filter_map(|id| pack.lesson(id)).map(|lesson| {
                                let status = lesson_status(pack, progress, &lesson.id);
                                lesson_item(language, lesson, status, progress, &props.on_open)
                            }) }
                        </ol>
                    </section>
                }) }
            </section>
            <StudentCorner
                {language}
                student={progress.student.clone()}
                on_student={props.on_student.clone()}
                on_export={props.on_export.clone()}
                on_backup={props.on_backup.clone()}
                on_restore={props.on_restore.clone()}
                notice={props.notice.clone()}
            />
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
        LessonStatus::Done => "✓",
        LessonStatus::Started => "●",
        LessonStatus::Open => "○",
        LessonStatus::Locked => "🔒",
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
                <span class="lesson-status" aria-hidden="true">{ status_text }</span>
                if let Some(score) = &score {
                    { " " }<span class="score" aria-hidden="true">{ score }</span>
                }
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

/// Props of [`StudentCorner`].
#[derive(Properties, PartialEq)]
struct StudentCornerProps {
    language: Language,
    student: Student,
    on_student: Callback<Student>,
    on_export: Callback<()>,
    on_backup: Callback<()>,
    on_restore: Callback<web_sys::File>,
    notice: Option<AttrValue>,
}

/// Who the student is (typed once), and their files.
#[component]
fn StudentCorner(props: &StudentCornerProps) -> Html {
    let language = props.language;
    let field =
        |id, label, value: &str, set| student_field(language, id, label, value, &props.student, &props.on_student, set);
    let on_export = {
        let on_export = props.on_export.clone();
        Callback::from(move |_: MouseEvent| on_export.emit(()))
    };
    let on_backup = {
        let on_backup = props.on_backup.clone();
        Callback::from(move |_: MouseEvent| on_backup.emit(()))
    };
    let on_restore = picked_file(&props.on_restore);
    html! {
        <section class="student" aria-labelledby="student-heading">
            <h2 id="student-heading">{ tr(language, Text::ProgressHeading) }</h2>
            { field("student-name", Text::StudentName, &props.student.name, |student, value| student.name = value) }
            { field("student-class", Text::StudentClass, &props.student.class, |student, value| student.class = value) }
            { field("student-school", Text::StudentSchool, &props.student.school, |student, value| student.school = value) }
            { field("student-id", Text::StudentId, &props.student.student_id, |student, value| student.student_id = value) }
            <div class="file-actions">
                <button type="button" onclick={on_export}>{ tr(language, Text::ExportResults) }</button>
                <button type="button" onclick={on_backup}>{ tr(language, Text::BackupButton) }</button>
                <label class="restore" for="restore-file">{ tr(language, Text::RestoreButton) }</label>
                <input id="restore-file" type="file" accept=".json,application/json" onchange={on_restore} />
            </div>
            <p class="notice" role="status">{ props.notice.clone().unwrap_or_default() }</p>
        </section>
    }
}
