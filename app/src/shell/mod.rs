//! The student app's shell: the header (languages, text size, contrast), the storage warning, and
//! the page on screen (the course, a lesson, or the free editor).
//!
//! The shell holds the one [`State`] and owns the script workers: the first screen's, and the AI
//! module's once a program needs it (issue #5: the first screen's worker sends such a request back,
//! [`Action::NeedsAi`], and the page's requests go to the AI worker from then on). Checking posts
//! to the page's worker, and so does every run request the state asks for ([`State::outgoing`]: a
//! press of Run, or a re-run while a board program plays); stopping drops the workers (which
//! terminates them) and the effect keyed on [`State::worker_generation`] starts fresh ones, so the
//! UI thread never runs student code.
//! Progress is saved to browser storage shortly after every change.

use std::cell::RefCell;
use std::rc::Rc;

use sprout_runtime::messages::Language;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::stage::StageKinds;
use crate::components::workbench::{LessonControls, Workbench};
use crate::course::{is_contest, is_embedded, lesson_status, next_lesson, prerequisite, read_pack_file, LessonStatus};
use crate::i18n::{tr, tr_with, Text};
use crate::modules::tool::{LazyTool, Tool};
use crate::pages::contest::{ContestBar, ContestHome};
use crate::pages::home::Home;
use crate::pages::lesson::{lesson_title, GradingPanel, LessonText};
use crate::state::playback::{Control, RunStart};
use crate::state::{Action, Page, SharedPack, State, View, FONT_PERCENTS};
use crate::storage::export;
use crate::storage::progress::Progress;
use crate::storage::{self, StorageProblem};
use crate::workers::link::{ScriptWorker, WorkerEvent};
use crate::workers::protocol::{GradeRequest, WorkerRequest};

/// The app's version, written into result files.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// How long after the last change progress is saved (milliseconds).
const SAVE_DELAY_MS: i32 = 400;

/// A save waiting on a timer: the timer's handle, the storage key it writes and the save itself.
type PendingSave = RefCell<Option<(i32, String, Closure<dyn Fn()>)>>;

/// Runs a pending save now (if one is waiting).
fn flush_save(pending: &PendingSave) {
    let Some((handle, _, save)) = pending.borrow_mut().take() else { return };
    if let Some(window) = web_sys::window() {
        window.clear_timeout_with_handle(handle);
    }
    let save: &js_sys::Function = save.as_ref().unchecked_ref();
    let _ = save.call0(&JsValue::NULL);
}

/// The state at start: the teacher's course or contest the student had open, if any; progress from
/// storage; the page from the address.
fn initial_state() -> State {
    let mut state = State::default();
    if let Some(pack) = storage::stored_pack() {
        state.course = Rc::new(pack);
    }
    match storage::load(&storage::progress_key(&state.course)) {
        Ok(Some(progress)) => state.progress = Rc::new(progress),
        Ok(None) => {}
        Err(problem) => state.storage_problem = Some(problem),
    }
    let hash = web_sys::window().and_then(|window| window.location().hash().ok()).unwrap_or_default();
    let page = Page::from_hash(&hash);
    Rc::new(state).reduce(Action::Navigate(page, storage::now())).as_ref().clone()
}

fn language_tag(language: Language) -> &'static str {
    match language {
        Language::ZhCn => "zh-CN",
        Language::En => "en",
    }
}

/// The page's script workers: the first screen's, and the AI module's once the page needs it.
#[derive(Default)]
struct Workers {
    plain: Option<ScriptWorker>,
    ai: Option<ScriptWorker>,
}

impl Workers {
    /// Sends `request` to the AI worker when `ai`, else to the first screen's; `false` when that
    /// worker could not be created. The AI worker gets the stored lab model with a run, for
    /// `my_model()` (a stored model that no longer reads is no model: `my_model()` says so).
    fn send(&self, ai: bool, request: WorkerRequest) -> bool {
        let request = match request {
            WorkerRequest::Run(mut run) if ai => {
                run.input.lab_model = storage::lab_model().and_then(|text| serde_json::from_str(&text).ok());
                WorkerRequest::Run(run)
            }
            other => other,
        };
        let worker = if ai { &self.ai } else { &self.plain };
        worker.as_ref().map(|worker| worker.send(&request)).is_some()
    }
}

/// What the events of a worker (`ai`: the AI worker) do to the state.
fn worker_events(dispatcher: UseReducerDispatcher<State>, ai: bool) -> Callback<WorkerEvent> {
    Callback::from(move |event| {
        dispatcher.dispatch(match event {
            // Only the AI worker's start is awaited: its module may be downloading.
            WorkerEvent::Ready if !ai => return,
            WorkerEvent::Finished(report) => Action::Finish(report, js_sys::Date::now()),
            WorkerEvent::Graded(report) => Action::Graded(report, storage::now()),
            WorkerEvent::Failed => Action::WorkerFailed(js_sys::Date::now()),
            WorkerEvent::NeedsAi(request) => Action::NeedsAi(request),
            WorkerEvent::Ready => Action::AiReady,
        })
    })
}

/// The whole student app.
#[component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    let workers: Rc<RefCell<Workers>> = use_mut_ref(Workers::default);
    let notice = use_state(|| None::<AttrValue>);

    {
        let (workers, dispatcher) = (workers.clone(), state.dispatcher());
        use_effect_with(state.worker_generation, move |_| {
            // Dropping the old workers terminates them. A worker that cannot even be created is
            // reported when the student presses Run. The AI worker starts again when the page
            // needs it (the next effect).
            let mut workers = workers.borrow_mut();
            *workers = Workers::default();
            workers.plain = ScriptWorker::spawn(worker_events(dispatcher, false)).ok();
        });
    }
    {
        let (workers, dispatcher) = (workers.clone(), state.dispatcher());
        use_effect_with((state.worker_generation, state.ai.active), move |&(_, active)| {
            let mut workers = workers.borrow_mut();
            if active && workers.ai.is_none() {
                workers.ai = ScriptWorker::spawn_ai(worker_events(dispatcher, true)).ok();
            }
        });
    }
    // Declared after the workers' effects, so that a request made with a new worker goes to it.
    {
        let (workers, dispatcher, ai) = (workers.clone(), state.dispatcher(), state.ai.active);
        use_effect_with(state.outgoing.clone(), move |outgoing| {
            let Some(request) = outgoing else { return };
            if !workers.borrow().send(ai, WorkerRequest::Run((**request).clone())) {
                dispatcher.dispatch(Action::WorkerFailed(js_sys::Date::now()));
            }
        });
    }
    {
        let (workers, dispatcher) = (workers.clone(), state.dispatcher());
        use_effect_with(state.ai.resend.clone(), move |resend| {
            let Some(request) = resend else { return };
            if !workers.borrow().send(true, (*request.0).clone()) {
                dispatcher.dispatch(Action::WorkerFailed(js_sys::Date::now()));
            }
        });
    }
    use_effect_with(state.language, |&language| {
        if let Some(document) = web_sys::window().and_then(|window| window.document()) {
            document.set_title(tr(language, Text::AppTitle));
            if let Some(root) = document.document_element() {
                let _ = root.set_attribute("lang", language_tag(language));
            }
        }
    });
    use_effect_with(state.view, |view| {
        if let Some(root) =
            web_sys::window().and_then(|window| window.document()).and_then(|document| document.document_element())
        {
            // The base size is 18 px (style.css); rem-based sizes follow.
            let _ = root.set_attribute("style", &format!("font-size: {}px", 18 * u32::from(view.font_percent) / 100));
            let _ = root.set_attribute("class", if view.high_contrast { "high-contrast" } else { "" });
        }
    });
    // The address follows the page, and the page follows the address (back button, reload).
    use_effect_with(state.page.clone(), |page| {
        if let Some(location) = web_sys::window().map(|window| window.location()) {
            if location.hash().unwrap_or_default() != page.to_hash() {
                let _ = location.set_hash(&page.to_hash());
            }
        }
    });
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn Fn()>::new(move || {
                let hash = web_sys::window().and_then(|window| window.location().hash().ok()).unwrap_or_default();
                dispatcher.dispatch(Action::Navigate(Page::from_hash(&hash), storage::now()));
            });
            if let Some(window) = web_sys::window() {
                let _ = window.add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(window) = web_sys::window() {
                    let _ = window.remove_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
                }
            }
        });
    }
    // Progress is saved a moment after the last keystroke, at once after a check, a hint or
    // anything else that is not typing, and at once when the page is hidden or closed.
    {
        let pending: Rc<PendingSave> = use_mut_ref(|| None);
        let saved_milestones = use_mut_ref(|| state.progress.milestones());
        let dispatcher = state.dispatcher();
        {
            let pending = pending.clone();
            use_effect_with((), move |_| {
                let flush = Closure::<dyn Fn()>::new(move || flush_save(&pending));
                if let Some(window) = web_sys::window() {
                    let _ = window.add_event_listener_with_callback("pagehide", flush.as_ref().unchecked_ref());
                }
                move || {
                    if let Some(window) = web_sys::window() {
                        let _ = window.remove_event_listener_with_callback("pagehide", flush.as_ref().unchecked_ref());
                    }
                }
            });
        }
        let key = storage::progress_key(&state.course);
        use_effect_with((state.progress.clone(), key), move |(progress, key)| {
            // A save still waiting for another course's progress (a contest opened or left) is
            // made now, where it belongs; one for this course is replaced by this one.
            if pending.borrow().as_ref().is_some_and(|(_, pending_key, _)| pending_key != key) {
                flush_save(&pending);
            }
            let progress = progress.clone();
            let milestone = *saved_milestones.borrow() != progress.milestones();
            let save = {
                let (saved_milestones, key) = (saved_milestones.clone(), key.clone());
                Closure::<dyn Fn()>::new(move || {
                    let outcome = storage::save(&key, &progress, &storage::now());
                    *saved_milestones.borrow_mut() = progress.milestones();
                    dispatcher.dispatch(Action::Storage(outcome.err()));
                })
            };
            let Some(window) = web_sys::window() else { return };
            if let Some((handle, _, _)) = pending.borrow_mut().take() {
                window.clear_timeout_with_handle(handle);
            }
            let delay = if milestone { 0 } else { SAVE_DELAY_MS };
            if let Ok(handle) =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(save.as_ref().unchecked_ref(), delay)
            {
                *pending.borrow_mut() = Some((handle, key.clone(), save));
            }
            if milestone {
                flush_save(&pending);
            }
        });
    }

    let language = state.language;
    let now = storage::now;
    let navigate = {
        let state = state.clone();
        Callback::from(move |page: Page| state.dispatch(Action::Navigate(page, now())))
    };
    let run = {
        let state = state.clone();
        Callback::from(move |()| {
            if state.status.busy() {
                return;
            }
            state.dispatch(Action::StartRun(RunStart {
                program: state.code(),
                lines: state.input.lines().map(str::to_string).collect(),
                // Trying things may differ from run to run; checks use the lesson's seeds.
                seed: (js_sys::Math::random() * (1u64 << 53) as f64) as u64,
            }));
        })
    };
    let check = {
        let (state, workers) = (state.clone(), workers.clone());
        Callback::from(move |()| {
            let Some(lesson) = state.lesson().cloned() else { return };
            if state.status.busy() || state.time_up {
                return;
            }
            let code = state.code();
            state.dispatch(Action::StartCheck(lesson.id.clone(), code.clone(), js_sys::Date::now()));
            if !workers.borrow().send(state.ai.active, WorkerRequest::Grade(GradeRequest { lesson, code })) {
                state.dispatch(Action::WorkerFailed(js_sys::Date::now()));
            }
        })
    };
    let stop = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::Stop(js_sys::Date::now())))
    };
    let control = {
        let state = state.clone();
        Callback::from(move |control: Control| state.dispatch(Action::Playback(control, js_sys::Date::now())))
    };
    let edit = {
        let state = state.clone();
        Callback::from(move |code: String| state.dispatch(Action::EditCode(code, now())))
    };
    let edit_input = {
        let state = state.clone();
        Callback::from(move |input: String| state.dispatch(Action::EditInput(input)))
    };
    let open_lesson = navigate.reform(Page::Lesson);
    let home = navigate.reform(|()| Page::Home);

    let page = match &state.page {
        Page::Home => {
            let on_student = {
                let state = state.clone();
                Callback::from(move |student| state.dispatch(Action::SetStudent(student)))
            };
            // The result file: "export my results" in a course, "hand in" in a contest.
            let on_export = {
                let (state, notice) = (state.clone(), notice.clone());
                Callback::from(move |()| {
                    let file = state.progress.result_file(&state.course, APP_VERSION, &now());
                    if file.lessons.is_empty() {
                        notice.set(Some(tr(state.language, Text::NothingToExport).into()));
                        return;
                    }
                    let student = &state.progress.student;
                    let name = storage::file_name_part(&student.name, "student");
                    let contest = is_contest(&state.course);
                    let file_name = if contest {
                        format!("sprout-contest-{}-{name}.json", storage::file_name_part(&student.student_id, "id"))
                    } else {
                        format!("sprout-results-{name}.json")
                    };
                    let _ = storage::download(&file_name, "application/json", file.to_json().as_bytes());
                    let done = tr_with(state.language, Text::ContestHandedIn, &[("file", file_name)]);
                    notice.set(contest.then(|| done.into()));
                })
            };
            let on_backup = {
                let state = state.clone();
                Callback::from(move |()| {
                    let name = storage::file_name_part(&state.progress.student.name, "student");
                    let backup = state.progress.to_file(&now());
                    let _ =
                        storage::download(&format!("sprout-backup-{name}.json"), "application/json", backup.as_bytes());
                })
            };
            let on_restore = {
                let (state, notice) = (state.clone(), notice.clone());
                Callback::from(move |file: web_sys::File| {
                    let (state, notice) = (state.clone(), notice.clone());
                    let language = state.language;
                    read_text(&file, move |text| match Progress::from_file(&text) {
                        Ok(progress) => {
                            state.dispatch(Action::Restore(progress));
                            notice.set(Some(tr(language, Text::RestoreDone).into()));
                        }
                        Err(error) => {
                            let words = tr_with(language, Text::RestoreFailed, &[("reason", error.to_string())]);
                            notice.set(Some(words.into()));
                        }
                    });
                })
            };
            let on_open_pack = {
                let (state, notice) = (state.clone(), notice.clone());
                Callback::from(move |file: web_sys::File| {
                    let (state, notice) = (state.clone(), notice.clone());
                    read_text(&file, move |text| match read_pack_file(&text) {
                        Ok(pack) => {
                            let (progress, problem) = match storage::load(&storage::progress_key(&pack)) {
                                Ok(progress) => (progress.unwrap_or_default(), storage::keep_pack(Some(&text)).err()),
                                Err(problem) => (Progress::default(), Some(problem)),
                            };
                            notice.set(None);
                            state.dispatch(Action::OpenPack(Rc::new(pack), progress));
                            state.dispatch(Action::Storage(problem));
                        }
                        Err(error) => notice.set(Some(error.describe(state.language).into())),
                    });
                })
            };
            let on_leave = {
                let (state, notice) = (state.clone(), notice.clone());
                Callback::from(move |()| {
                    let (progress, problem) = match storage::load(storage::PROGRESS_KEY) {
                        Ok(progress) => (progress.unwrap_or_default(), storage::keep_pack(None).err()),
                        Err(problem) => (Progress::default(), Some(problem)),
                    };
                    notice.set(None);
                    state.dispatch(Action::LeavePack(progress));
                    state.dispatch(Action::Storage(problem));
                })
            };
            if is_contest(&state.course) {
                html! {
                    <ContestHome {language} course={SharedPack(state.course.clone())} progress={state.progress.clone()}
                        on_open={open_lesson.clone()} {on_student} on_hand_in={on_export} {on_leave} notice={(*notice).clone()} />
                }
            } else {
                html! {
                    <Home {language} course={state.course.clone()} progress={state.progress.clone()} on_open={open_lesson.clone()}
                        on_play={navigate.reform(|()| Page::Playground)} on_lab={navigate.reform(|()| Page::Lab)} on_class={navigate.reform(|()| Page::Class)} on_author={navigate.reform(|()| Page::Author)} {on_student} {on_export} {on_backup} {on_restore}
                        {on_open_pack} on_leave={(!is_embedded(&state.course)).then_some(on_leave)} notice={(*notice).clone()} />
                }
            }
        }
        Page::Lesson(_) => match state.lesson() {
            Some(lesson) if lesson_status(&state.course, &state.progress, &lesson.id) == LessonStatus::Locked => {
                let first = prerequisite(&state.course, &state.progress, &lesson.id);
                locked_lesson(language, lesson, first, &open_lesson, &home)
            }
            Some(lesson) => {
                let lesson = Rc::new(lesson.clone());
                let saved = state.progress.lessons.get(&lesson.id);
                let hints_shown = saved.map_or(0, |saved| saved.hints_shown);
                let contest = is_contest(&state.course);
                let on_hint = (!contest && hints_shown < lesson.hints.len()).then(|| {
                    let state = state.clone();
                    Callback::from(move |()| state.dispatch(Action::ShowHint(now())))
                });
                let on_reset = {
                    let state = state.clone();
                    Callback::from(move |()| state.dispatch(Action::ResetCode(now())))
                };
                let on_try = {
                    let state = state.clone();
                    Callback::from(move |code| state.dispatch(Action::TryExample(code)))
                };
                let on_export = {
                    let (state, lesson_id) = (state.clone(), lesson.id.clone());
                    Callback::from(move |()| {
                        let result = state.progress.result_file(&state.course, APP_VERSION, &now()).to_json();
                        let _ = export::export_work(&lesson_id, &state.progress.student.name, &state.code(), &result);
                    })
                };
                let next =
                    next_lesson(&state.course, &lesson.id).map(|next| (next.id.clone(), lesson_title(language, next)));
                html! {
                    <main class="lesson-layout" id="main">
                        <div class="lesson-side">
                            <LessonText {language} course={SharedPack(state.course.clone())} lesson={lesson.clone()} {hints_shown} {on_try} on_home={home.clone()} />
                            <GradingPanel {language} lesson={lesson.clone()} status={state.status} grade={state.grade.clone()}
                                {next} on_open={open_lesson.clone()} />
                        </div>
                        <Workbench {language} code={state.code()} input={state.input.clone()} status={state.status}
                            session={state.session.clone()} speed={state.speed} sensors={state.sensors}
                            stage={StageKinds::of_lesson(&lesson).and(state.stage)} high_contrast={state.view.high_contrast}
                            ai_loading={state.ai.loading}
                            grade={state.grade.clone()} on_edit={edit.clone()} on_input={edit_input.clone()}
                            on_run={run.clone()} on_stop={stop.clone()} on_control={control.clone()}
                            lesson={LessonControls { on_check: (!state.time_up).then(|| check.clone()), on_hint, hints_off: contest, on_reset, on_export }} />
                        if let Some(tool) = lesson.tool {
                            <div class="lesson-tool"><LazyTool tool={Tool::from(tool)} {language} /></div>
                        }
                    </main>
                }
            }
            None => Html::default(),
        },
        Page::Lab => html! {
            <main class="ai-lab" id="main" aria-labelledby="lab-heading">
                <button type="button" class="back" onclick={home.reform(|_: MouseEvent| ())}>{ "← " }{ tr(language, Text::BackHome) }</button>
                <h2 id="lab-heading">{ tr(language, Text::AiLabLink) }</h2>
                <LazyTool tool={Tool::Lab} {language} />
            </main>
        },
        Page::Class | Page::Author => {
            let (heading, tool) = if state.page == Page::Class {
                (Text::ClassLink, Tool::Dashboard)
            } else {
                (Text::AuthorLink, Tool::Author)
            };
            html! {
                <main class="class-page" id="main" aria-labelledby="class-heading">
                    <button type="button" class="back" onclick={home.reform(|_: MouseEvent| ())}>{ "← " }{ tr(language, Text::BackHome) }</button>
                    <h2 id="class-heading">{ tr(language, heading) }</h2>
                    <LazyTool {tool} {language} />
                </main>
            }
        }
        Page::Playground => html! {
            <main class="playground" id="main">
                <button type="button" class="back" onclick={home.reform(|_: MouseEvent| ())}>{ "← " }{ tr(language, Text::BackHome) }</button>
                <Workbench {language} code={state.code()} input={state.input.clone()} status={state.status}
                    session={state.session.clone()} speed={state.speed} sensors={state.sensors} stage={state.stage}
                    high_contrast={state.view.high_contrast} ai_loading={state.ai.loading} on_edit={edit} on_input={edit_input} on_run={run} on_stop={stop}
                    on_control={control} />
            </main>
        },
    };

    let storage_warning = state.storage_problem.map(|problem| {
        let text = match problem {
            StorageProblem::Unavailable => Text::StorageUnavailable,
            StorageProblem::Full => Text::StorageFull,
            StorageProblem::Damaged => Text::StorageDamaged,
        };
        html! { <p class="storage-warning" role="alert">{ tr(language, text) }</p> }
    });
    let contest_bar = is_contest(&state.course).then(|| {
        let on_time_up = {
            let state = state.clone();
            Callback::from(move |()| state.dispatch(Action::TimeUp))
        };
        html! {
            <ContestBar {language} course={SharedPack(state.course.clone())} progress={state.progress.clone()}
                time_up={state.time_up} {on_time_up} on_home={home.clone()} />
        }
    });
    let view = state.view;
    let set_view = |change: fn(View) -> View| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::SetView(change(state.view))))
    };
    let (smallest, largest, step) = FONT_PERCENTS;
    html! {
        <>
            <header class="top">
                <h1>{ tr(language, Text::AppTitle) }</h1>
                <div class="view-settings" role="group" aria-label={tr(language, Text::ViewSettings)}>
                    // The name comes from hidden words, not `aria-label`: a label that leaves out the
                    // visible "A+" fails WCAG 2.5.3 (label in name), and "A+" says nothing when read.
                    <button type="button" title={tr(language, Text::FontSmaller)}
                        disabled={view.font_percent <= smallest}
                        onclick={set_view(|view| View { font_percent: view.font_percent.saturating_sub(FONT_PERCENTS.2), ..view })}>
                        <span aria-hidden="true">{ "A−" }</span>
                        <span class="visually-hidden">{ tr(language, Text::FontSmaller) }</span>
                    </button>
                    <button type="button" title={tr(language, Text::FontLarger)}
                        disabled={view.font_percent + step > largest}
                        onclick={set_view(|view| View { font_percent: view.font_percent + FONT_PERCENTS.2, ..view })}>
                        <span aria-hidden="true">{ "A+" }</span>
                        <span class="visually-hidden">{ tr(language, Text::FontLarger) }</span>
                    </button>
                    <button type="button" aria-pressed={view.high_contrast.to_string()}
                        onclick={set_view(|view| View { high_contrast: !view.high_contrast, ..view })}>
                        { tr(language, Text::HighContrast) }
                    </button>
                </div>
                <div class="languages" role="group" aria-label={tr(language, Text::LanguageSwitch)}>
                    { for Language::ALL.iter().map(|&choice| {
                        let onclick = {
                            let state = state.clone();
                            Callback::from(move |_: MouseEvent| state.dispatch(Action::SetLanguage(choice)))
                        };
                        html! {
                            <button type="button" lang={language_tag(choice)} aria-pressed={(choice == language).to_string()} {onclick}>
                                { tr(choice, Text::LanguageName) }
                            </button>
                        }
                    }) }
                </div>
            </header>
            { storage_warning.unwrap_or_default() }
            { contest_bar.unwrap_or_default() }
            { page }
        </>
    }
}

/// Reads the text of a file the student picked, then calls `on_text` with it (a file that cannot
/// be read gives an empty text, which every reader refuses with its own message).
fn read_text(file: &web_sys::File, on_text: impl FnOnce(String) + 'static) {
    let on_text =
        Closure::<dyn FnMut(JsValue)>::once(move |text: JsValue| on_text(text.as_string().unwrap_or_default()));
    let _ = file.text().then(&on_text);
    // The promise calls the closure once, later; it must outlive this handler.
    on_text.forget();
}

/// A locked lesson opened by its address (a bookmark, a link from a classmate): what to pass first
/// and a way there, instead of the lesson.
fn locked_lesson(
    language: Language,
    lesson: &sprout_lessons::Lesson,
    first: Option<&sprout_lessons::Lesson>,
    open_lesson: &Callback<String>,
    home: &Callback<()>,
) -> Html {
    let on_home = home.reform(|_: MouseEvent| ());
    html! {
        <main class="locked-lesson" id="main" aria-labelledby="lesson-title">
            <button type="button" class="back" onclick={on_home}>{ "← " }{ tr(language, Text::BackHome) }</button>
            <h2 id="lesson-title">{ lesson_title(language, lesson) }</h2>
            <p class="locked-note"><span aria-hidden="true">{ "🔒 " }</span>{ tr(language, Text::LockedHeading) }</p>
            if let Some(first) = first {
                <p>{ tr_with(language, Text::LockedExplanation, &[("title", lesson_title(language, first))]) }</p>
                <button type="button" class="primary" onclick={open_lesson.reform({
                    let id = first.id.clone();
                    move |_: MouseEvent| id.clone()
                })}>{ tr_with(language, Text::LockedGoTo, &[("title", lesson_title(language, first))]) }</button>
            }
        </main>
    }
}
