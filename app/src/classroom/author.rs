//! The lesson editor (写课程, issue #6): a teacher writes a lesson piece by piece (front matter,
//! text, starter, solution, hints, tests; `sprout_lessons::LessonSource`) with a live preview of
//! the text and hints, presses Verify, which runs the reference solution and the starter against
//! every test in the classroom module's own worker (`super::verify`) and lists the same problems
//! as `sprout check`, saves or opens the lesson file, and adds verified lessons to a course whose
//! students' copy the students open in the app (and whose full copy `sprout grade` uses). A course's
//! full copy opens again to go on with it (its lessons are kept as packed: a pack holds no lesson
//! files to edit).

use std::cell::RefCell;
use std::rc::Rc;

use sprout_lessons::{build_pack, check_course, document, Course, CourseKind, Lesson, LessonSource, Title, Unit};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::i18n::{class_tr, class_tr_with, ClassText};
use super::verify::{self, Pieces, Verified, VerifyLink, VerifyRequest};
use crate::components::markdown;
use crate::pages::home::picked_file;
use crate::shell::context::use_language;
use crate::storage::{self, StorageProblem};
use crate::workers::link::LinkEvent;

/// What a new lesson starts from: enough for a first Verify to say what is missing.
fn template() -> LessonSource {
    LessonSource {
        front_matter: "id = \"my-lesson\"\ntitle = { zh = \"我的一课\" }".into(),
        text: "写一个程序，打印 `你好`。".into(),
        starter: String::new(),
        solution: "print(\"你好\");".into(),
        hints: vec!["用 `print`。".into()],
        tests: "[[test]]\nkind = \"output\"".into(),
    }
}

/// Where Verify stands.
#[derive(Clone, Default, PartialEq)]
enum Verification {
    /// Not pressed yet.
    #[default]
    NotYet,
    /// The worker is running this request (its number) of this lesson file's text.
    Running(u32, String),
    /// The worker's answer for this lesson file's text.
    Done(Rc<Verified>, String),
    /// The worker failed.
    Failed,
}

/// What happens to [`Verification`].
enum VerifyAction {
    /// Verify was pressed: request number and the lesson file's text.
    Start(u32, String),
    /// The worker answered.
    Reply(Box<Verified>),
    /// The worker failed (it is replaced at the next press).
    Failed,
}

impl Reducible for Verification {
    type Action = VerifyAction;

    fn reduce(self: Rc<Self>, action: VerifyAction) -> Rc<Self> {
        Rc::new(match (action, &*self) {
            (VerifyAction::Start(id, text), _) => Verification::Running(id, text),
            // Only the answer to the latest press counts.
            (VerifyAction::Reply(verified), Verification::Running(id, text)) if verified.id == *id => {
                Verification::Done(Rc::new(*verified), text.clone())
            }
            (VerifyAction::Reply(_), _) => return self,
            (VerifyAction::Failed, _) => Verification::Failed,
        })
    }
}

/// Where the lesson being written is kept between visits (its lesson file's text), so that a
/// reload or a closed tab loses nothing.
const LESSON_KEY: &str = "sprout.editor.lesson.v1";
/// Where the course being put together is kept between visits (JSON of [`CourseDraft`]).
const COURSE_KEY: &str = "sprout.editor.course.v1";

/// The course being put together: verified lessons, in order.
#[derive(Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct CourseDraft {
    id: String,
    title: String,
    lessons: Vec<Lesson>,
}

/// A labelled text area for one piece of the lesson.
fn piece(id: &'static str, label: &str, value: &str, rows: u32, on_input: Callback<String>) -> Html {
    let oninput = Callback::from(move |event: InputEvent| {
        let area: HtmlTextAreaElement = event.target_unchecked_into();
        on_input.emit(area.value());
    });
    html! {
        <div class="field">
            <label for={id}>{ label.to_string() }</label>
            <textarea id={id} rows={rows.to_string()} spellcheck="false" value={value.to_string()} {oninput} />
        </div>
    }
}

/// The course's pack, students' copy or `full`, or the problems that keep it from being made.
fn course_pack(draft: &CourseDraft, full: bool) -> Result<String, Vec<sprout_lessons::Problem>> {
    let title = Title { zh: draft.title.trim().to_string(), en: None };
    let course = Course {
        id: draft.id.trim().to_string(),
        version: "1.0.0".into(),
        title: title.clone(),
        kind: CourseKind::Course,
        duration_minutes: None,
        units: vec![Unit {
            id: "lessons".into(),
            title,
            requires: Vec::new(),
            lessons: draft.lessons.iter().map(|lesson| lesson.id.clone()).collect(),
        }],
    };
    let named: Vec<(String, Lesson)> =
        draft.lessons.iter().map(|lesson| (format!("{}.md", lesson.id), lesson.clone())).collect();
    let problems = check_course("course.toml", &course, &named);
    if !problems.is_empty() {
        return Err(problems);
    }
    serde_json::to_string(&build_pack(&course, &draft.lessons, full)).map_err(|_| Vec::new())
}

/// The lesson editor.
#[component]
pub fn Author() -> Html {
    let language = use_language();
    let t = |text| class_tr(language, text);
    let source =
        use_state(|| storage::stored_text(LESSON_KEY).map_or_else(template, |text| LessonSource::of_file(&text)));
    let verification = use_reducer(Verification::default);
    let requests = use_mut_ref(|| 0u32);
    // Started on the first Verify, replaced after a failure.
    let worker: Rc<RefCell<Option<VerifyLink>>> = use_mut_ref(|| None);
    let draft = use_state(|| {
        storage::stored_text(COURSE_KEY).and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_else(|| {
            CourseDraft { id: "my-course".into(), title: "我的课程".into(), lessons: Vec::new() }
        })
    });
    let notice = use_state(|| None::<String>);
    let storage_problem = use_state(|| None::<StorageProblem>);
    let file = source.to_file();
    // Kept at every change: the lesson's text on each keystroke, the course when it changes.
    {
        let storage_problem = storage_problem.clone();
        use_effect_with(file.clone(), move |file| storage_problem.set(storage::store_text(LESSON_KEY, file).err()));
    }
    {
        let storage_problem = storage_problem.clone();
        use_effect_with((*draft).clone(), move |draft| {
            let text = serde_json::to_string(draft).unwrap_or_default();
            storage_problem.set(storage::store_text(COURSE_KEY, &text).err());
        });
    }

    let edit = |change: fn(&mut LessonSource, String)| {
        let source = source.clone();
        Callback::from(move |value: String| {
            let mut changed = (*source).clone();
            change(&mut changed, value);
            source.set(changed);
        })
    };
    let edit_hint = |index: usize| {
        let source = source.clone();
        Callback::from(move |value: String| {
            let mut changed = (*source).clone();
            if let Some(hint) = changed.hints.get_mut(index) {
                *hint = value;
            }
            source.set(changed);
        })
    };
    let change_hints = |add: bool| {
        let source = source.clone();
        Callback::from(move |_: MouseEvent| {
            let mut changed = (*source).clone();
            if add {
                changed.hints.push(String::new());
            } else {
                changed.hints.pop();
            }
            source.set(changed);
        })
    };
    let on_verify = {
        let (verification, requests, worker, file, source) =
            (verification.clone(), requests.clone(), worker.clone(), file.clone(), source.clone());
        Callback::from(move |_: MouseEvent| {
            let id = {
                let mut requests = requests.borrow_mut();
                *requests += 1;
                *requests
            };
            if worker.borrow().is_none() {
                let (dispatcher, slot) = (verification.dispatcher(), worker.clone());
                let on_event = Callback::from(move |event: LinkEvent<Verified>| match event {
                    LinkEvent::Reply(verified) => dispatcher.dispatch(VerifyAction::Reply(Box::new(verified))),
                    LinkEvent::Ready => {}
                    LinkEvent::Failed => {
                        slot.borrow_mut().take();
                        dispatcher.dispatch(VerifyAction::Failed);
                    }
                });
                let started = verify::spawn(on_event).ok();
                *worker.borrow_mut() = started;
            }
            match worker.borrow().as_ref() {
                Some(running) => {
                    verification.dispatch(VerifyAction::Start(id, file.clone()));
                    running.send(&VerifyRequest { id, pieces: Pieces::from(&*source) });
                }
                None => verification.dispatch(VerifyAction::Failed),
            }
        })
    };
    let on_open = {
        let (source, notice) = (source.clone(), notice.clone());
        picked_file(&Callback::from(move |file: web_sys::File| {
            let (source, notice) = (source.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let text =
                    wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|text| text.as_string());
                source.set(LessonSource::of_file(&text.unwrap_or_default()));
                notice.set(None);
            });
        }))
    };
    let verified_lesson = match &*verification {
        Verification::Done(verified, text) if *text == file => verified.lesson.clone(),
        _ => None,
    };
    let on_save = {
        let (file, name) =
            (file.clone(), verified_lesson.as_ref().map_or("lesson".to_string(), |lesson| lesson.id.clone()));
        Callback::from(move |_: MouseEvent| {
            let _ = storage::download(&format!("{name}.md"), "text/markdown;charset=utf-8", file.as_bytes());
        })
    };
    let on_add = {
        let (draft, lesson) = (draft.clone(), verified_lesson.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(lesson) = lesson.clone() else { return };
            let mut changed = (*draft).clone();
            match changed.lessons.iter_mut().find(|existing| existing.id == lesson.id) {
                Some(existing) => *existing = lesson,
                None => changed.lessons.push(lesson),
            }
            draft.set(changed);
        })
    };
    let on_download = |full: bool| {
        let (draft, notice) = (draft.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| match course_pack(&draft, full) {
            Ok(pack) => {
                let name = format!("{}{}.pack", draft.id.trim(), if full { "-full" } else { "" });
                let _ = storage::download(&name, "application/json", pack.as_bytes());
                notice.set(None);
            }
            Err(problems) => {
                let described: Vec<String> = problems
                    .iter()
                    .map(|problem| sprout_lessons::messages::describe_problem(problem, language))
                    .collect();
                notice.set(Some(described.join("\n")));
            }
        })
    };
    let on_open_pack = {
        let (draft, notice) = (draft.clone(), notice.clone());
        picked_file(&Callback::from(move |file: web_sys::File| {
            let (draft, notice, name) = (draft.clone(), notice.clone(), file.name());
            wasm_bindgen_futures::spawn_local(async move {
                let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                    Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
                    Err(_) => Vec::new(),
                };
                match sprout_lessons::read_pack(&name, &bytes) {
                    Ok(pack) if pack.full => {
                        draft.set(CourseDraft {
                            id: pack.course.id,
                            title: pack.course.title.zh,
                            lessons: pack.lessons,
                        });
                        notice.set(None);
                    }
                    Ok(_) => notice.set(Some(class_tr(language, ClassText::PackNotFull).to_string())),
                    Err(problems) => notice.set(Some(
                        problems
                            .0
                            .iter()
                            .map(|problem| sprout_lessons::messages::describe_problem(problem, language))
                            .collect::<Vec<_>>()
                            .join("\n"),
                    )),
                }
            });
        }))
    };
    let edit_draft = |change: fn(&mut CourseDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let mut changed = (*draft).clone();
            change(&mut changed, input.value());
            draft.set(changed);
        })
    };

    let result = match &*verification {
        Verification::NotYet => Html::default(),
        Verification::Running(..) => html! { <p>{ t(ClassText::Verifying) }</p> },
        Verification::Failed => html! { <p class="verify-problems">{ t(ClassText::VerifyFailed) }</p> },
        Verification::Done(verified, text) => {
            let problems = verified.problems(language);
            let stale = (*text != file).then(|| html! { <p>{ t(ClassText::VerifyStale) }</p> });
            if problems.is_empty() {
                html! { <>{ stale }<p class="verify-passed">{ t(ClassText::VerifyPassed) }</p></> }
            } else {
                html! {
                    <div class="verify-problems">
                        { stale }
                        <p>{ class_tr_with(language, ClassText::VerifyProblems, &[("count", problems.len().to_string())]) }</p>
                        <ul>{ for problems.iter().map(|problem| html! { <li>{ problem.clone() }</li> }) }</ul>
                    </div>
                }
            }
        }
    };
    let preview = |markdown_text: &str| {
        let encoded = document::encode(&document::convert(markdown_text));
        markdown::render(&crate::course::document::decode(&encoded), None, "")
    };
    let running = matches!(*verification, Verification::Running(..));
    html! {
        <div class="author">
            <p>{ t(ClassText::AuthorIntro) }</p>
            if storage_problem.is_some() {
                <p class="storage-warning" role="alert">{ t(ClassText::EditorNotKept) }</p>
            }
            <div class="author-columns">
                <section class="author-form" aria-labelledby="author-form-heading">
                    <h3 id="author-form-heading">{ t(ClassText::AuthorLesson) }</h3>
                    <div class="author-file">
                        <label for="author-open">{ t(ClassText::OpenLesson) }</label>
                        <input id="author-open" type="file" accept=".md,text/markdown,text/plain" onchange={on_open} />
                    </div>
                    { piece("author-front", t(ClassText::FrontMatter), &source.front_matter, 3, edit(|source, value| source.front_matter = value)) }
                    { piece("author-text", t(ClassText::LessonTextLabel), &source.text, 8, edit(|source, value| source.text = value)) }
                    { piece("author-starter", t(ClassText::StarterLabel), &source.starter, 4, edit(|source, value| source.starter = value)) }
                    { piece("author-solution", t(ClassText::SolutionLabel), &source.solution, 4, edit(|source, value| source.solution = value)) }
                    { for source.hints.iter().enumerate().map(|(index, hint)| {
                        let label = class_tr_with(language, ClassText::HintLabel, &[("number", (index + 1).to_string())]);
                        let id: &'static str = ["author-hint-1", "author-hint-2", "author-hint-3", "author-hint-4", "author-hint-5"]
                            .get(index).copied().unwrap_or("author-hint-more");
                        piece(id, &label, hint, 2, edit_hint(index))
                    }) }
                    <div class="author-buttons">
                        <button type="button" onclick={change_hints(true)} disabled={source.hints.len() >= 5}>{ t(ClassText::AddHint) }</button>
                        <button type="button" onclick={change_hints(false)} disabled={source.hints.is_empty()}>{ t(ClassText::RemoveHint) }</button>
                    </div>
                    { piece("author-tests", t(ClassText::TestsLabel), &source.tests, 8, edit(|source, value| source.tests = value)) }
                    <div class="author-buttons">
                        <button type="button" class="primary" onclick={on_verify} disabled={running}>{ t(ClassText::Verify) }</button>
                        <button type="button" onclick={on_save}>{ t(ClassText::SaveLesson) }</button>
                    </div>
                    <div class="verify-result" role="status">{ result }</div>
                </section>
                <section class="author-preview" aria-labelledby="author-preview-heading">
                    <h3 id="author-preview-heading">{ t(ClassText::Preview) }</h3>
                    { preview(&source.text) }
                    { for source.hints.iter().enumerate().map(|(index, hint)| html! {
                        <div class="hint-box">
                            <h4>{ class_tr_with(language, ClassText::HintLabel, &[("number", (index + 1).to_string())]) }</h4>
                            { preview(hint) }
                        </div>
                    }) }
                </section>
            </div>
            <section class="author-course" aria-labelledby="author-course-heading">
                <h3 id="author-course-heading">{ t(ClassText::CourseHeading) }</h3>
                <p>{ t(ClassText::CourseIntro) }</p>
                <div class="author-file">
                    <label for="author-open-pack">{ t(ClassText::OpenPack) }</label>
                    <input id="author-open-pack" type="file" accept=".pack,application/json" onchange={on_open_pack} />
                </div>
                <div class="field">
                    <label for="course-id">{ t(ClassText::CourseId) }</label>
                    <input id="course-id" type="text" value={draft.id.clone()} oninput={edit_draft(|draft, value| draft.id = value)} />
                </div>
                <div class="field">
                    <label for="course-title">{ t(ClassText::CourseTitle) }</label>
                    <input id="course-title" type="text" value={draft.title.clone()} oninput={edit_draft(|draft, value| draft.title = value)} />
                </div>
                <button type="button" onclick={on_add} disabled={verified_lesson.is_none()}
                    title={t(ClassText::AddNeedsVerify)}>{ t(ClassText::AddToCourse) }</button>
                if draft.lessons.is_empty() {
                    <p>{ t(ClassText::NoLessonsYet) }</p>
                } else {
                    <ol class="course-lessons">
                        { for draft.lessons.iter().map(|lesson| {
                            let on_remove = {
                                let (draft, id) = (draft.clone(), lesson.id.clone());
                                Callback::from(move |_: MouseEvent| {
                                    let mut changed = (*draft).clone();
                                    changed.lessons.retain(|lesson| lesson.id != id);
                                    draft.set(changed);
                                })
                            };
                            html! {
                                <li>
                                    { format!("{} ({})", lesson.title.zh, lesson.id) }{ " " }
                                    <button type="button" onclick={on_remove}>
                                        { class_tr_with(language, ClassText::RemoveLesson, &[("title", lesson.title.zh.clone())]) }
                                    </button>
                                </li>
                            }
                        }) }
                    </ol>
                }
                <div class="author-buttons">
                    <button type="button" class="primary" onclick={on_download(false)} disabled={draft.lessons.is_empty()}>
                        { t(ClassText::DownloadStudentPack) }
                    </button>
                    <button type="button" onclick={on_download(true)} disabled={draft.lessons.is_empty()}>
                        { t(ClassText::DownloadFullPack) }
                    </button>
                </div>
                <p class="verify-problems" role="status">{ (*notice).clone().unwrap_or_default() }</p>
            </section>
        </div>
    }
}
