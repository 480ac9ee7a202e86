//! The classroom server (issue #16), from the student's side: server mode, the work restored at
//! sign-in, and every edit, check, run and hint sent there.
//!
//! A page served over http(s) asks `GET /api/hello` once; only a Sprout server answers
//! `{server: "sprout"}`, and only then is the app in server mode (a static host, file:// and the
//! USB page change nothing). Signed in, the student's [`Outbox`] holds what the server has not
//! acknowledged, kept in local storage per student, and is sent in order, one item at a time, a
//! moment after the last keystroke; a server that does not answer is tried again with a growing
//! pause until it does. Local storage stays a cache of the progress, per student too.

pub mod outbox;

use std::cell::RefCell;
use std::rc::Rc;

use serde_json::Value;
use sprout_lessons::Pack;
use sprout_runtime::messages::Language;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

use crate::course::{course as course_of_the_app, read_pack_file};
use crate::state::server::{Account, Saving};
use crate::state::{Action, State};
use crate::storage;
use crate::storage::progress::Progress;
use outbox::{Outbox, Outgoing, ServerLesson};

/// How long after the last keystroke an edit is sent (milliseconds), as local autosave waits.
const SEND_DELAY_MS: i32 = 400;
/// The longest pause between two tries while the server is away (milliseconds).
const MAX_RETRY_MS: i32 = 4000;

/// A reply: its HTTP status and JSON body (`Null` when it had none).
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The body.
    pub body: Value,
}

impl Reply {
    /// The server's words of a refusal (already in the request's language).
    pub fn message(&self) -> String {
        self.body.get("message").and_then(Value::as_str).unwrap_or_default().to_string()
    }
}

/// One request to the server the page came from, in `language`: its status and body text; `Err`
/// when it does not answer. It calls the browser's `fetch` through js-sys (`Reflect`) rather than
/// web-sys's bindings, which would need four more web-sys features in the first screen.
async fn fetch_text(
    method: &str,
    path: &str,
    body: Option<&Value>,
    language: Language,
) -> Result<(u16, String), JsValue> {
    let set = |target: &js_sys::Object, key: &str, value: &JsValue| js_sys::Reflect::set(target, &key.into(), value);
    let (init, headers) = (js_sys::Object::new(), js_sys::Object::new());
    set(&init, "method", &method.into())?;
    set(&headers, "accept-language", &language.tag().into())?;
    if let Some(body) = body {
        set(&headers, "content-type", &"application/json".into())?;
        set(&init, "body", &body.to_string().into())?;
    }
    set(&init, "headers", &headers)?;
    let global = js_sys::global();
    let fetch: js_sys::Function = js_sys::Reflect::get(&global, &"fetch".into())?.dyn_into()?;
    let response = JsFuture::from(fetch.call2(&global, &path.into(), &init)?.dyn_into::<js_sys::Promise>()?).await?;
    let status = js_sys::Reflect::get(&response, &"status".into())?.as_f64().unwrap_or_default() as u16;
    let text: js_sys::Function = js_sys::Reflect::get(&response, &"text".into())?.dyn_into()?;
    let text = JsFuture::from(text.call0(&response)?.dyn_into::<js_sys::Promise>()?).await?;
    Ok((status, text.as_string().unwrap_or_default()))
}

/// One API call to the server the page came from, in `language`, its JSON reply read; `Err` when
/// it does not answer.
pub async fn call(method: &str, path: &str, body: Option<&Value>, language: Language) -> Result<Reply, JsValue> {
    let (status, text) = fetch_text(method, path, body, language).await?;
    Ok(Reply { status, body: serde_json::from_str(&text).unwrap_or(Value::Null) })
}

/// The class's course: the app's own, the pack on screen when it is the class's, or the students'
/// copy of the class's pack from `GET /api/me/pack` (read as a pack file is, straight from its
/// text, and kept in storage as an opened pack is); `None` when that cannot be had.
async fn class_course(course: &Value, shown: Rc<Pack>, language: Language) -> Option<Rc<Pack>> {
    if course["id"] == "builtin" {
        storage::keep_pack(None).ok();
        return Some(course_of_the_app());
    }
    if course["content_hash"].as_str() == Some(shown.content_hash.as_str()) {
        return Some(shown);
    }
    let (status, text) = fetch_text("GET", "/api/me/pack", None, language).await.ok()?;
    let pack = read_pack_file(&text).ok().filter(|_| status == 200)?;
    storage::keep_pack(Some(&text)).ok();
    Some(Rc::new(pack))
}

/// The lesson on screen as the sync last saw it: its id, code, checks and hints.
struct Seen {
    lesson: String,
    code: String,
    attempts: u32,
    hints: usize,
}

/// The sender: the signed-in student's outbox and the one timer that sends its first item.
struct Sender {
    outbox: Outbox,
    /// The student's storage suffix (none before sign-in: nothing is sent).
    owner: Option<String>,
    sending: bool,
    /// The timer that will send, and whether it is a retry's pause (which typing does not shorten).
    timer: Option<Timer>,
    /// The closure of the timer that fired last (it may still be running).
    spent: Option<Closure<dyn Fn()>>,
    failures: u32,
    seen: Option<Seen>,
    dispatcher: UseReducerDispatcher<State>,
    language: Language,
}

type Shared = Rc<RefCell<Sender>>;

/// A timer: its handle, its closure, and whether it is a retry's pause.
type Timer = (i32, Closure<dyn Fn()>, bool);

/// The `localStorage` key of a student's outbox.
fn outbox_key(owner: &str) -> String {
    format!("sprout.outbox.v1.{owner}")
}

impl Sender {
    /// Keeps the outbox in local storage, so that nothing unacknowledged is lost with the page.
    fn keep(&self) {
        if let Some(owner) = &self.owner {
            let outcome = storage::store_text(&outbox_key(owner), &self.outbox.to_json());
            self.dispatcher.dispatch(Action::Storage(outcome.err()));
        }
    }
}

/// Sends the outbox's first item after `delay` ms; `retry`: a pause after a failure.
fn schedule(shared: &Shared, delay: i32, retry: bool) {
    let mut sender = shared.borrow_mut();
    if sender.timer.as_ref().is_some_and(|(_, _, is_retry)| *is_retry) && !retry {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    if let Some((handle, _, _)) = sender.timer.take() {
        window.clear_timeout_with_handle(handle);
    }
    let send = {
        let shared = shared.clone();
        Closure::<dyn Fn()>::new(move || {
            // This closure is running: it is kept until the next timer replaces it.
            let fired = shared.borrow_mut().timer.take().map(|(_, closure, _)| closure);
            shared.borrow_mut().spent = fired;
            pump(&shared);
        })
    };
    if let Ok(handle) =
        window.set_timeout_with_callback_and_timeout_and_arguments_0(send.as_ref().unchecked_ref(), delay)
    {
        sender.timer = Some((handle, send, retry));
    }
}

/// Sends the first item, unless one is on its way; says "saved" when nothing is left.
fn pump(shared: &Shared) {
    let (request, language) = {
        let mut sender = shared.borrow_mut();
        if sender.sending || sender.owner.is_none() {
            return;
        }
        let Some(request) = sender.outbox.next() else {
            sender.dispatcher.dispatch(Action::Saving(Saving::Saved));
            return;
        };
        sender.sending = true;
        if sender.failures == 0 {
            sender.dispatcher.dispatch(Action::Saving(Saving::Saving));
        }
        (request, sender.language)
    };
    let shared = shared.clone();
    spawn_local(async move {
        let reply = call(request.method, &request.path, Some(&request.body), language).await;
        answered(&shared, reply.ok());
    });
}

/// What the server said to the first item (`None`: it did not answer).
fn answered(shared: &Shared, reply: Option<Reply>) {
    let mut sender = shared.borrow_mut();
    sender.sending = false;
    match reply.map(|reply| (reply.status, reply.body)) {
        Some((200..=299, body)) => {
            sender.outbox.acknowledged(&body);
            sender.failures = 0;
            sender.keep();
            drop(sender);
            pump(shared);
        }
        Some((401 | 403, _)) => {
            // The session ended (a new PIN, removed): the outbox waits for the next sign-in.
            sender.owner = None;
            sender.dispatcher.dispatch(Action::SignedOut);
        }
        // Refused for good (a lesson not in the class's course, too long a program): sending it
        // again would be refused again, and would hold up everything behind it. A timeout and the
        // write budget (408, 429) are tried again.
        Some((status @ 400..=499, _)) if status != 408 && status != 429 => {
            sender.outbox.acknowledged(&Value::Null);
            sender.keep();
            drop(sender);
            pump(shared);
        }
        outcome => {
            sender.failures += 1;
            let away = outcome.is_none();
            sender.dispatcher.dispatch(Action::Saving(if away { Saving::Away } else { Saving::Saving }));
            let delay = (250 << sender.failures.min(5)).min(MAX_RETRY_MS);
            drop(sender);
            schedule(shared, delay, true);
        }
    }
}

/// Whether the page was served over http(s), where a Sprout server may have served it.
fn served_over_http() -> bool {
    let protocol = web_sys::window().and_then(|window| window.location().protocol().ok()).unwrap_or_default();
    protocol == "http:" || protocol == "https:"
}

/// The signed-in student's work from `GET /api/me`, in the class's course ([`class_course`]),
/// merged with this browser's cache and outbox (the outbox's rules: [`Outbox::restore`]), handed
/// to the state; a 401, or a class's course that cannot be had, is "nobody signed in".
async fn sign_in(shared: Shared, shown: Rc<Pack>, language: Language) {
    let dispatcher = shared.borrow().dispatcher.clone();
    let reply = match call("GET", "/api/me", None, language).await {
        Ok(reply) if reply.status == 200 => reply.body,
        _ => return dispatcher.dispatch(Action::SignedOut),
    };
    let Some(pack) = class_course(&reply["course"], shown, language).await else {
        return dispatcher.dispatch(Action::SignedOut);
    };
    let pack_key = storage::progress_key(&pack);
    let number = |value: &Value| value.as_i64().unwrap_or_default();
    let text = |value: &Value| value.as_str().unwrap_or_default().to_string();
    let account = Account {
        class_id: number(&reply["class"]["id"]),
        class_name: text(&reply["class"]["name"]),
        student_id: number(&reply["student"]["id"]),
        name: text(&reply["student"]["name"]),
    };
    let lessons = ServerLesson::list(&reply["lessons"]);
    let owner = account.storage_suffix();
    let cached = storage::load(&format!("{pack_key}.{owner}")).ok().flatten().unwrap_or_default();
    let progress = {
        let mut sender = shared.borrow_mut();
        sender.outbox =
            storage::stored_text(&outbox_key(&owner)).map(|text| Outbox::from_json(&text)).unwrap_or_default();
        let progress = sender.outbox.restore(&lessons, cached, js_sys::Date::now() as u64);
        sender.owner = Some(owner);
        sender.seen = None;
        sender.failures = 0;
        sender.keep();
        progress
    };
    dispatcher.dispatch(Action::SignedIn(Rc::new(account), pack, progress));
    schedule(&shared, 0, false);
}

/// Notes what changed in the lesson on screen since the last look: an edit, a check, a hint.
fn look(shared: &Shared, lesson: Option<&str>, progress: &Progress) {
    let Some(lesson) = lesson else {
        shared.borrow_mut().seen = None;
        return;
    };
    let Some(progress) = progress.lessons.get(lesson) else { return };
    let now = Seen {
        lesson: lesson.to_string(),
        code: progress.code.clone(),
        attempts: progress.attempts,
        hints: progress.hints_shown,
    };
    let mut sender = shared.borrow_mut();
    let Some(seen) = sender.seen.take().filter(|seen| seen.lesson == now.lesson) else {
        sender.seen = Some(now);
        return;
    };
    let mut delay = None;
    if seen.code != now.code {
        let sending = sender.sending;
        sender.outbox.edit(&now.lesson, &now.code, js_sys::Date::now() as u64, sending);
        delay = Some(SEND_DELAY_MS);
    }
    if now.attempts > seen.attempts {
        if let Some((code, _)) = &progress.checked {
            sender.outbox.push(Outgoing::Check { lesson: now.lesson.clone(), code: code.clone() });
            delay = Some(0);
        }
    }
    if now.hints > seen.hints {
        sender.outbox.push(Outgoing::Event { event: "hint".into(), lesson: now.lesson.clone(), codes: Vec::new() });
        delay = Some(0);
    }
    sender.seen = Some(now);
    if let Some(delay) = delay {
        sender.keep();
        // Not "saved" while an edit waits for its moment to go.
        if sender.failures == 0 {
            sender.dispatcher.dispatch(Action::Saving(Saving::Saving));
        }
        drop(sender);
        schedule(shared, delay, false);
    }
}

/// Server mode (issue #16): asks `/api/hello` once at start, and, from a Sprout server, the
/// student's work at start and at each sign-in; then sends every edit, check, run and hint of the
/// signed-in student, and says in the state whether it is saved.
#[hook]
pub fn use_server(state: &UseReducerHandle<State>) {
    let shared: Shared = {
        let dispatcher = state.dispatcher();
        let language = state.language;
        use_mut_ref(move || Sender {
            outbox: Outbox::default(),
            owner: None,
            sending: false,
            timer: None,
            spent: None,
            failures: 0,
            seen: None,
            dispatcher,
            language,
        })
    };
    shared.borrow_mut().language = state.language;
    {
        let (shared, shown, language) = (shared.clone(), state.course.pack.clone(), state.language);
        use_effect_with(state.server.joins, move |&joins| {
            if joins > 0 {
                spawn_local(sign_in(shared, shown, language));
            } else if served_over_http() {
                spawn_local(async move {
                    let hello = call("GET", "/api/hello", None, language).await;
                    if hello.is_ok_and(|reply| reply.body["server"] == "sprout") {
                        sign_in(shared, shown, language).await;
                    }
                });
            }
        });
    }
    {
        let shared = shared.clone();
        let lesson = state.lesson().map(|lesson| lesson.id.clone());
        let signed_in = state.server.account().is_some();
        use_effect_with((state.course.progress.clone(), lesson, signed_in), move |(progress, lesson, signed_in)| {
            if *signed_in {
                look(&shared, lesson.as_deref(), progress);
            }
        });
    }
    let report = state.run.report().cloned();
    let lesson = state.lesson().map(|lesson| lesson.id.clone()).filter(|_| state.server.account().is_some());
    use_effect_with(report, move |report| {
        let (Some(report), Some(lesson)) = (report, lesson) else { return };
        let codes = report.0.run.diagnostic().map(|diagnostic| diagnostic.code.id().to_string()).into_iter().collect();
        shared.borrow_mut().outbox.push(Outgoing::Event { event: "run".into(), lesson, codes });
        shared.borrow().keep();
        schedule(&shared, 0, false);
    });
}
