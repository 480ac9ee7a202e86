//! The shell's side effects, one hook each: the workers ([`use_workers`]), saving progress
//! ([`use_autosave`]), the address ([`use_route`]), loading the unit of the lesson on screen
//! ([`use_lesson_text`]) and the document's language, title, text size and theme
//! ([`use_document`]). The state only holds values; these hooks carry them out.

use std::cell::RefCell;
use std::rc::Rc;

use sprout_runtime::messages::Language;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::course::units;
use crate::i18n::{tr, Text};
use crate::modules::{ai_module, start_script_worker};
use crate::state::{Action, Page, State, View};
use crate::storage;
use crate::workers::link::{LinkEvent, WorkerLink};
use crate::workers::protocol::{WorkerReply, WorkerRequest};

/// The page's link to the script worker.
type ScriptLink = WorkerLink<WorkerRequest, WorkerReply>;

/// What the script worker's events do to the state: each reply is an action.
fn worker_events(dispatcher: UseReducerDispatcher<State>) -> Callback<LinkEvent<WorkerReply>> {
    Callback::from(move |event| {
        dispatcher.dispatch(match event {
            LinkEvent::Ready => return,
            LinkEvent::Reply(WorkerReply::Finished(report)) => Action::Finish(Rc::new(*report), js_sys::Date::now()),
            LinkEvent::Reply(WorkerReply::Graded(report)) => Action::Graded(Rc::new(*report), storage::now()),
            LinkEvent::Reply(WorkerReply::AiLoading) => Action::AiLoading,
            LinkEvent::Reply(WorkerReply::AiReady) => Action::AiReady,
            LinkEvent::Reply(WorkerReply::AiFailed) => Action::AiFailed(js_sys::Date::now()),
            LinkEvent::Failed => Action::WorkerFailed(js_sys::Date::now()),
        })
    })
}

/// `request` as the worker gets it: a run that may call `my_model()` carries the model lab's stored
/// model (a stored model that no longer reads is no model: `my_model()` says so). The page cannot
/// parse the program (Rhai's parser stays off the UI thread), so it looks for the name in the text;
/// a mention in a comment only sends the model for nothing.
fn with_lab_model(request: WorkerRequest) -> WorkerRequest {
    match request {
        WorkerRequest::Run(mut run) if run.program.contains("my_model") => {
            run.input.lab_model = storage::lab_model().and_then(|text| serde_json::from_str(&text).ok());
            WorkerRequest::Run(run)
        }
        other => other,
    }
}

/// Owns the script worker and posts the state's requests to it. Stopping replaces the worker
/// (dropping the link terminates it) and the effect keyed on the worker generation starts a fresh
/// one, so the UI thread never runs student code. The worker is named after the build of the AI
/// module this browser runs (with wasm SIMD or without), which it loads when a program needs it.
#[hook]
pub fn use_workers(state: &UseReducerHandle<State>) {
    let worker: Rc<RefCell<Option<ScriptLink>>> = use_mut_ref(|| None);
    {
        let (worker, dispatcher) = (worker.clone(), state.dispatcher());
        use_effect_with(state.run.worker_generation, move |_| {
            // Dropping the old link terminates its worker. A worker that cannot even be created is
            // reported when the student presses Run.
            let mut worker = worker.borrow_mut();
            *worker = None;
            *worker = WorkerLink::spawn(|| start_script_worker(ai_module()), worker_events(dispatcher)).ok();
        });
    }
    // Declared after the worker's effect, so that a request made with a new worker goes to it.
    let dispatcher = state.dispatcher();
    use_effect_with(state.run.outgoing.clone(), move |outgoing| {
        let Some(request) = outgoing else { return };
        let request = with_lab_model((*request.0).clone());
        if worker.borrow().as_ref().map(|worker| worker.send(&request)).is_none() {
            dispatcher.dispatch(Action::WorkerFailed(js_sys::Date::now()));
        }
    });
}

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

/// Calls `listener` on the window's `event` while the component is mounted.
#[hook]
fn use_window_event(event: &'static str, listener: impl Fn() + 'static) {
    use_effect_with((), move |_| {
        let listener = Closure::<dyn Fn()>::new(listener);
        if let Some(window) = web_sys::window() {
            let _ = window.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(window) = web_sys::window() {
                let _ = window.remove_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
            }
        }
    });
}

/// Saves progress to browser storage a moment after the last keystroke, at once after a check, a
/// hint or anything else that is not typing, and at once when the page is hidden or closed; a
/// storage failure becomes a warning on screen ([`Action::Storage`]), never a loss.
#[hook]
pub fn use_autosave(state: &UseReducerHandle<State>) {
    let pending: Rc<PendingSave> = use_mut_ref(|| None);
    let saved_milestones = use_mut_ref(|| state.course.progress.milestones());
    {
        let pending = pending.clone();
        use_window_event("pagehide", move || flush_save(&pending));
    }
    let dispatcher = state.dispatcher();
    let key = state.progress_key();
    use_effect_with((state.course.progress.clone(), key), move |(progress, key)| {
        // A save still waiting for another course's progress (a contest opened or left) is made
        // now, where it belongs; one for this course is replaced by this one.
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

/// The page's address fragment (`#/lesson/hello`).
fn current_hash() -> String {
    web_sys::window().and_then(|window| window.location().hash().ok()).unwrap_or_default()
}

/// The page on screen at start, from the address.
pub fn initial_page() -> Page {
    Page::from_hash(&current_hash())
}

/// The address follows the page, and the page follows the address (back button, reload, a link).
#[hook]
pub fn use_route(state: &UseReducerHandle<State>) {
    use_effect_with(state.page.clone(), |page| {
        if let Some(location) = web_sys::window().map(|window| window.location()) {
            if location.hash().unwrap_or_default() != page.to_hash() {
                let _ = location.set_hash(&page.to_hash());
            }
        }
    });
    let dispatcher = state.dispatcher();
    use_window_event("hashchange", move || {
        dispatcher.dispatch(Action::Navigate(Page::from_hash(&current_hash()), storage::now()));
    });
}

/// Loads the file of the embedded course's unit that the lesson on screen waits for
/// ([`State::missing_unit`]), and hands its text to the state to join, or says that it failed.
#[hook]
pub fn use_lesson_text(state: &UseReducerHandle<State>) {
    let dispatcher = state.dispatcher();
    use_effect_with(state.missing_unit(), move |missing| {
        let Some(unit) = missing.clone() else { return };
        let unit_id = unit.clone();
        units::load(&unit_id, move |loaded| {
            dispatcher.dispatch(match loaded {
                Ok(text) => Action::UnitLoaded(unit, text),
                Err(problem) => Action::UnitFailed(unit, problem),
            });
        });
    });
}

/// The document follows the language (its `lang` and title) and the view settings (the root's
/// text size, on which every rem-based size depends, and the high-contrast theme).
#[hook]
pub fn use_document(language: Language, view: View) {
    use_effect_with(language, |&language| {
        if let Some(document) = web_sys::window().and_then(|window| window.document()) {
            document.set_title(tr(language, Text::AppTitle));
            if let Some(root) = document.document_element() {
                let _ = root.set_attribute("lang", language.tag());
            }
        }
    });
    use_effect_with(view, |view| {
        if let Some(root) =
            web_sys::window().and_then(|window| window.document()).and_then(|document| document.document_element())
        {
            // The base size is 18 px (style.css); rem-based sizes follow.
            let _ = root.set_attribute("style", &format!("font-size: {}px", 18 * u32::from(view.font_percent) / 100));
            let _ = root.set_attribute("class", if view.high_contrast { "high-contrast" } else { "" });
        }
    });
}
