//! What this browser owes the classroom server, and which version of a lesson wins on screen when
//! a student signs in: pure data and rules, tested natively; `sync/mod.rs` sends it.
//!
//! The outbox is kept in local storage per student until the server acknowledges each item, so a
//! server that is away (cable pulled, the teacher's PC asleep, killed) loses nothing: the items go
//! in order when it is back. Saves of one lesson that wait behind each other are one save (the
//! newest code): none of them was ever said to be saved, and the server keeps every version it
//! receives. Its JSON is written and read through `serde_json::Value` by hand, not serde's
//! derives: the first screen carries `Value` anyway, and derives cost it kilobytes.

use serde_json::{json, Value};

use crate::storage::progress::Progress;

/// One thing to tell the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outgoing {
    /// The lesson's code as the student left it.
    Save {
        /// The lesson.
        lesson: String,
        /// Its code.
        code: String,
        /// When it was edited (the browser's milliseconds).
        at: u64,
    },
    /// A check (the server grades it again).
    Check {
        /// The lesson.
        lesson: String,
        /// The code checked.
        code: String,
    },
    /// A run, or a hint shown.
    Event {
        /// `run` or `hint`.
        event: String,
        /// The lesson.
        lesson: String,
        /// The diagnostic codes a run ended with.
        codes: Vec<String>,
    },
}

/// A request to the server: method, path and JSON body.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// `PUT` or `POST`.
    pub method: &'static str,
    /// The API path.
    pub path: String,
    /// The JSON body.
    pub body: Value,
}

/// A lesson as `GET /api/me` gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServerLesson {
    /// The lesson id.
    pub lesson: String,
    /// The current code (absent when the lesson was only ever hinted).
    pub code: Option<String>,
    /// Its version.
    pub version: Option<i64>,
    /// When the server saved it (milliseconds).
    pub saved_at: u64,
    /// The best score of the server's checks over the visible tests (none: never checked).
    pub best_score: Option<u32>,
    /// Whether a check passed every visible test.
    pub passed: Option<bool>,
    /// How many checks.
    pub attempts: Option<u32>,
    /// How many hints were shown.
    pub hints: Option<usize>,
}

/// The items not yet acknowledged, and the newest version of each lesson this browser knows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outbox {
    /// Per lesson, the version an edit starts from (`based_on`) and its code. (Plain vectors, not
    /// a map and a deque: a class's few lessons, and the first screen's size.)
    pub known: Vec<(String, i64, String)>,
    /// Oldest first; the first one is the one being sent.
    pub pending: Vec<Outgoing>,
}

/// The text of `value`'s `key`.
fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key)?.as_str().map(String::from)
}

impl ServerLesson {
    /// The lessons of a `GET /api/me` reply's `lessons`; an entry without a lesson id is left out.
    pub fn list(lessons: &Value) -> Vec<ServerLesson> {
        let number = |lesson: &Value, key: &str| lesson.get(key).and_then(Value::as_u64);
        lessons
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|lesson| {
                Some(ServerLesson {
                    lesson: text(lesson, "lesson")?,
                    code: text(lesson, "code"),
                    version: lesson.get("version").and_then(Value::as_i64),
                    saved_at: number(lesson, "saved_at").unwrap_or_default(),
                    best_score: number(lesson, "best_score").and_then(|score| u32::try_from(score).ok()),
                    passed: lesson.get("passed").and_then(Value::as_bool),
                    attempts: number(lesson, "attempts").and_then(|attempts| u32::try_from(attempts).ok()),
                    hints: number(lesson, "hints").and_then(|hints| usize::try_from(hints).ok()),
                })
            })
            .collect()
    }
}

impl Outgoing {
    /// Its JSON in storage.
    fn to_json(&self) -> Value {
        match self {
            Outgoing::Save { lesson, code, at } => json!({ "save": lesson, "code": code, "at": at }),
            Outgoing::Check { lesson, code } => json!({ "check": lesson, "code": code }),
            Outgoing::Event { event, lesson, codes } => json!({ "event": event, "lesson": lesson, "codes": codes }),
        }
    }

    /// Read back from storage.
    fn from_json(value: &Value) -> Option<Outgoing> {
        if let Some(lesson) = text(value, "save") {
            let at = value.get("at").and_then(Value::as_u64).unwrap_or_default();
            return Some(Outgoing::Save { lesson, code: text(value, "code")?, at });
        }
        if let Some(lesson) = text(value, "check") {
            return Some(Outgoing::Check { lesson, code: text(value, "code")? });
        }
        let codes = value.get("codes")?.as_array()?.iter().filter_map(|code| code.as_str().map(String::from)).collect();
        Some(Outgoing::Event { event: text(value, "event")?, lesson: text(value, "lesson")?, codes })
    }
}

impl Outbox {
    /// Its JSON in storage.
    pub fn to_json(&self) -> String {
        let known: Vec<Value> =
            self.known.iter().map(|(lesson, version, code)| json!([lesson, version, code])).collect();
        let pending: Vec<Value> = self.pending.iter().map(Outgoing::to_json).collect();
        json!({ "known": known, "pending": pending }).to_string()
    }

    /// Read back from storage; what does not read is left out (an empty outbox at worst).
    pub fn from_json(text: &str) -> Outbox {
        let value: Value = serde_json::from_str(text).unwrap_or_default();
        let list = |key: &str| value.get(key).and_then(Value::as_array).cloned().unwrap_or_default();
        let known = list("known")
            .iter()
            .filter_map(|entry| {
                let lesson = entry.get(0)?.as_str()?.to_string();
                Some((lesson, entry.get(1)?.as_i64()?, entry.get(2)?.as_str()?.to_string()))
            })
            .collect();
        Outbox { known, pending: list("pending").iter().filter_map(Outgoing::from_json).collect() }
    }
    /// The version of `lesson` this browser knows, and its code.
    pub fn known(&self, lesson: &str) -> Option<(i64, &str)> {
        self.known.iter().find(|(known, _, _)| known == lesson).map(|(_, version, code)| (*version, code.as_str()))
    }

    /// Notes that `lesson`'s version `version` holds `code`.
    fn know(&mut self, lesson: String, version: i64, code: String) {
        self.known.retain(|(known, _, _)| *known != lesson);
        self.known.push((lesson, version, code));
    }

    /// Notes an edit of `lesson` at `at`. `sending` says the first item is on its way (it is left
    /// as it is). An edit back to the code the server has, with none waiting, needs no save.
    pub fn edit(&mut self, lesson: &str, code: &str, at: u64, sending: bool) {
        let waiting = self.pending.iter().any(|item| matches!(item, Outgoing::Save { lesson: l, .. } if l == lesson));
        if !waiting && self.known(lesson).is_some_and(|(_, known)| known == code) {
            return;
        }
        let first_movable = usize::from(sending);
        if self.pending.len() > first_movable {
            if let Some(Outgoing::Save { lesson: last, code: last_code, at: last_at }) = self.pending.last_mut() {
                if last == lesson {
                    *last_code = code.to_string();
                    *last_at = at;
                    return;
                }
            }
        }
        self.pending.push(Outgoing::Save { lesson: lesson.to_string(), code: code.to_string(), at });
    }

    /// Queues `item` (a check or an event).
    pub fn push(&mut self, item: Outgoing) {
        self.pending.push(item);
    }

    /// The request of the first item.
    pub fn next(&self) -> Option<Request> {
        let request = match self.pending.first()? {
            Outgoing::Save { lesson, code, .. } => Request {
                method: "PUT",
                path: format!("/api/me/lessons/{lesson}/code"),
                body: json!({ "code": code, "based_on": self.known(lesson).map(|(version, _)| version) }),
            },
            Outgoing::Check { lesson, code } => Request {
                method: "POST",
                path: format!("/api/me/lessons/{lesson}/check"),
                body: json!({ "code": code }),
            },
            Outgoing::Event { event, lesson, codes } => Request {
                method: "POST",
                path: "/api/me/events".to_string(),
                body: json!({ "kind": event, "lesson": lesson, "codes": codes }),
            },
        };
        Some(request)
    }

    /// The server acknowledged the first item with `reply`; a save or a check became a version,
    /// which the next edit of that lesson starts from. An item the server refuses for good (a
    /// lesson not in the class's course, a program over the size limit) goes the same way.
    pub fn acknowledged(&mut self, reply: &Value) {
        if self.pending.is_empty() {
            return;
        }
        let item = self.pending.remove(0);
        if let (Outgoing::Save { lesson, code, .. } | Outgoing::Check { lesson, code }, Some(version)) =
            (item, reply.get("version").and_then(Value::as_i64))
        {
            self.know(lesson, version, code);
        }
    }

    /// Whether any save of `lesson` waits.
    fn newest_save(&self, lesson: &str) -> Option<(&str, u64)> {
        self.pending.iter().rev().find_map(|item| match item {
            Outgoing::Save { lesson: l, code, at } if l == lesson => Some((code.as_str(), *at)),
            _ => None,
        })
    }

    /// Signs in with the server's lessons over this browser's cached `progress` of the student:
    /// per lesson, the server's newest version wins on screen, unless an edit waiting here was made
    /// after it (that edit is shown, and saved as a new version). A waiting edit older than the
    /// server's version still goes (the server keeps every version), followed by the server's code
    /// again, so that what the screen shows stays the current version. Scores, passes, checks and
    /// hints are the larger of the two. `now` is the browser's time (milliseconds).
    pub fn restore(&mut self, server: &[ServerLesson], mut progress: Progress, now: u64) -> Progress {
        for lesson in server {
            let local = progress.lessons.entry(lesson.lesson.clone()).or_default();
            local.best_score = local.best_score.max(lesson.best_score.unwrap_or_default());
            local.passed |= lesson.passed.unwrap_or_default();
            local.attempts = local.attempts.max(lesson.attempts.unwrap_or_default());
            local.hints_shown = local.hints_shown.max(lesson.hints.unwrap_or_default());
            let (Some(code), Some(version)) = (&lesson.code, lesson.version) else { continue };
            match self.newest_save(&lesson.lesson).map(|(code, at)| (code.to_string(), at)) {
                Some((waiting, at)) if at > lesson.saved_at => local.code = waiting,
                Some(_) => {
                    local.code = code.clone();
                    self.pending.push(Outgoing::Save { lesson: lesson.lesson.clone(), code: code.clone(), at: now });
                }
                None => {
                    local.code = code.clone();
                    self.know(lesson.lesson.clone(), version, code.clone());
                }
            }
        }
        progress
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saves(outbox: &Outbox) -> Vec<(&str, &str)> {
        outbox
            .pending
            .iter()
            .filter_map(|item| match item {
                Outgoing::Save { lesson, code, .. } => Some((lesson.as_str(), code.as_str())),
                _ => None,
            })
            .collect()
    }

    fn server_lesson(lesson: &str, code: &str, version: i64, saved_at: u64) -> ServerLesson {
        ServerLesson {
            lesson: lesson.to_string(),
            code: Some(code.to_string()),
            version: Some(version),
            saved_at,
            ..ServerLesson::default()
        }
    }

    #[test]
    fn edits_waiting_together_are_one_save_but_never_the_one_on_its_way() {
        let mut outbox = Outbox::default();
        outbox.edit("a", "1", 10, false);
        outbox.edit("a", "12", 20, false);
        assert_eq!(saves(&outbox), [("a", "12")]);
        // The first is being sent: a new edit waits behind it.
        outbox.edit("a", "123", 30, true);
        assert_eq!(saves(&outbox), [("a", "12"), ("a", "123")]);
        // Another lesson, then a check: order kept.
        outbox.edit("b", "x", 40, true);
        outbox.push(Outgoing::Check { lesson: "a".into(), code: "123".into() });
        outbox.edit("a", "1234", 50, true);
        assert_eq!(saves(&outbox), [("a", "12"), ("a", "123"), ("b", "x"), ("a", "1234")]);
    }

    #[test]
    fn saves_start_from_the_last_acknowledged_version() {
        let mut outbox = Outbox::default();
        outbox.edit("a", "1", 10, false);
        assert_eq!(outbox.next().map(|request| request.body["based_on"].clone()), Some(Value::Null));
        outbox.acknowledged(&json!({ "version": 7 }));
        outbox.edit("a", "2", 20, false);
        let request = outbox.next().expect("a save");
        assert_eq!((request.method, request.path.as_str()), ("PUT", "/api/me/lessons/a/code"));
        assert_eq!(request.body, json!({ "code": "2", "based_on": 7 }));
        // A check is a version too.
        outbox.acknowledged(&json!({ "version": 8 }));
        outbox.push(Outgoing::Check { lesson: "a".into(), code: "3".into() });
        outbox.acknowledged(&json!({ "version": 9, "score": 0 }));
        assert_eq!(outbox.known("a"), Some((9, "3")));
        // Typing back to the server's code saves nothing.
        outbox.edit("a", "3", 30, false);
        assert!(outbox.pending.is_empty());
        outbox.push(Outgoing::Event { event: "run".into(), lesson: "a".into(), codes: vec!["x".into()] });
        assert_eq!(
            outbox.next().map(|request| request.body),
            Some(json!({ "kind": "run", "lesson": "a", "codes": ["x"] }))
        );
    }

    #[test]
    fn the_server_wins_on_a_wiped_pc_and_its_records_are_kept() {
        let mut outbox = Outbox::default();
        let mut remote = server_lesson("a", "print(1);", 4, 1000);
        (remote.best_score, remote.passed, remote.attempts, remote.hints) = (Some(10), Some(true), Some(3), Some(2));
        let progress = outbox.restore(&[remote], Progress::default(), 5000);
        let lesson = &progress.lessons["a"];
        assert_eq!(
            (lesson.code.as_str(), lesson.best_score, lesson.passed, lesson.attempts, lesson.hints_shown),
            ("print(1);", 10, true, 3, 2)
        );
        assert_eq!(outbox.known("a"), Some((4, "print(1);")));
        assert!(outbox.pending.is_empty());
    }

    #[test]
    fn a_newer_edit_waiting_here_wins_and_goes_as_a_new_version() {
        let mut outbox = Outbox::default();
        outbox.edit("a", "mine", 2000, false);
        let progress = outbox.restore(&[server_lesson("a", "theirs", 4, 1000)], Progress::default(), 5000);
        assert_eq!(progress.lessons["a"].code, "mine");
        assert_eq!(saves(&outbox), [("a", "mine")]);
        // Started from no version this browser knew: the server says it conflicts, and keeps both.
        assert_eq!(outbox.next().map(|request| request.body["based_on"].clone()), Some(Value::Null));
    }

    #[test]
    fn an_older_edit_waiting_here_is_kept_in_the_history_and_the_newer_stays_current() {
        let mut outbox = Outbox::default();
        outbox.edit("a", "old", 500, false);
        let progress = outbox.restore(&[server_lesson("a", "newer", 4, 1000)], Progress::default(), 5000);
        assert_eq!(progress.lessons["a"].code, "newer");
        assert_eq!(saves(&outbox), [("a", "old"), ("a", "newer")]);
    }

    #[test]
    fn the_servers_lessons_read_with_or_without_checks_and_hints() {
        let lessons = ServerLesson::list(&json!([
            { "lesson": "a", "code": "x", "version": 1, "saved_at": 5 },
            { "lesson": "b", "code": "y", "version": 2, "saved_at": 6, "best_score": 50, "max_score": 100, "passed": false, "attempts": 2, "hints": 1 },
            { "lesson": "c", "hints": 3 },
            { "code": "no lesson id" },
            { "lesson": "d", "best_score": 4_294_967_296_u64, "attempts": -1, "hints": 1.5 },
        ]));
        assert_eq!(lessons.len(), 4);
        assert_eq!((lessons[0].attempts, lessons[1].attempts, lessons[2].hints), (None, Some(2), Some(3)));
        // A number out of range is no number, not one cut down to 32 bits (4,294,967,296 is not 0).
        assert_eq!((lessons[3].best_score, lessons[3].attempts, lessons[3].hints), (None, None, None));
    }

    #[test]
    fn the_outbox_survives_storage() {
        let mut outbox = Outbox::default();
        outbox.edit("a", "1", 10, false);
        outbox.push(Outgoing::Event { event: "hint".into(), lesson: "a".into(), codes: Vec::new() });
        outbox.acknowledged(&json!({}));
        outbox.edit("b", "2", 10, false);
        outbox.push(Outgoing::Check { lesson: "b".into(), code: "3".into() });
        outbox.push(Outgoing::Event {
            event: "run".into(),
            lesson: "b".into(),
            codes: vec!["undefined-variable".into()],
        });
        assert_eq!(Outbox::from_json(&outbox.to_json()), outbox);
        assert_eq!(Outbox::from_json("damaged"), Outbox::default());
    }
}
