//! The embedded course's lessons, one unit at a time. The app embeds the course's index (ids,
//! titles, units, unlock rules, starters: what the home page, progress and the routing read), and
//! build.rs writes one file per unit with what only a lesson's page and its check need (the
//! display text and hints, the tests), `sprout_lessons::split_pack`'s parts. The build puts them
//! beside the page (scripts/course-units.mjs), where the service worker keeps them from the first
//! visit on; the USB page carries each in a sibling script (scripts/usb.mjs). When a lesson opens
//! whose unit is not there yet, the shell loads its file ([`load`]: once per page, kept in memory)
//! and the state joins it into the course ([`join`]); a file that is not the one the index names is
//! refused, and the page says so instead of showing another lesson.

use std::cell::RefCell;
use std::rc::Rc;

use sprout_lessons::{join_unit, Pack, UnitPart};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::modules::{page_url, usb_hook};

include!(concat!(env!("OUT_DIR"), "/units.rs"));

/// Why a unit's lessons cannot be shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextProblem {
    /// Its file could not be had: no network, no server, or the USB page's sibling script missing.
    Unreachable,
    /// Its file is not the one the embedded course names (damaged, or another build's).
    Mismatch,
}

/// Whether `pack` carries the text of its lesson `lesson_id`: every lesson of a pack opened from
/// a file does, a lesson of the embedded course once its unit has been joined.
pub fn has_text(pack: &Pack, lesson_id: &str) -> bool {
    pack.text(lesson_id).is_some()
}

/// The id of the unit of `pack` that holds the lesson `lesson_id`.
pub fn unit_of<'a>(pack: &'a Pack, lesson_id: &str) -> Option<&'a str> {
    pack.course.units.iter().find(|unit| unit.lessons.iter().any(|id| id == lesson_id)).map(|unit| unit.id.as_str())
}

/// The name of the file of the embedded course's unit `unit_id`, beside the page.
pub fn unit_file(unit_id: &str) -> Option<&'static str> {
    UNIT_FILES.iter().find(|(unit, _)| *unit == unit_id).map(|(_, file)| *file)
}

/// Joins the unit file `text` into `pack`, if it is the part of `pack`'s unit `unit_id`.
pub fn join(pack: &mut Pack, unit_id: &str, text: &str) -> Result<(), TextProblem> {
    let part: UnitPart = serde_json::from_str(text).map_err(|_| TextProblem::Mismatch)?;
    if part.unit != unit_id {
        return Err(TextProblem::Mismatch);
    }
    join_unit(pack, part).map_err(|_| TextProblem::Mismatch)
}

thread_local! {
    /// The unit files loaded so far, by name: a course left for a contest and opened again needs no
    /// second download.
    static LOADED: RefCell<Vec<(&'static str, Rc<str>)>> = const { RefCell::new(Vec::new()) };
}

/// The text of the unit file `file`, if it was loaded before.
fn loaded(file: &str) -> Option<Rc<str>> {
    LOADED.with(|loaded| loaded.borrow().iter().find(|(name, _)| *name == file).map(|(_, text)| text.clone()))
}

/// Loads the text of the file of the embedded course's unit `unit_id` and calls `done` with it:
/// from memory when it was loaded before, else served beside the page (`fetch`), or on the USB
/// page from its sibling script (`SPROUT_LOAD_UNIT`, published by scripts/usb.mjs, as for the lazily
/// loaded modules). Only a text that joins the course is kept, so that trying again after a wrong
/// file fetches it again.
pub fn load(unit_id: &str, done: impl FnOnce(Result<Rc<str>, TextProblem>) + 'static) {
    let Some(file) = unit_file(unit_id) else { return done(Err(TextProblem::Mismatch)) };
    if let Some(text) = loaded(file) {
        return done(Ok(text));
    }
    let Ok(promise) = request(file) else { return done(Err(TextProblem::Unreachable)) };
    let unit_id = unit_id.to_string();
    let on_text = Closure::<dyn FnMut(JsValue)>::once(move |text: JsValue| {
        let Some(text) = text.as_string() else { return done(Err(TextProblem::Unreachable)) };
        let text: Rc<str> = text.into();
        if let Err(problem) = join(&mut (*super::course()).clone(), &unit_id, &text) {
            return done(Err(problem));
        }
        LOADED.with(|loaded| loaded.borrow_mut().push((file, text.clone())));
        done(Ok(text));
    });
    let _ = promise.then(&on_text);
    // The promise calls the closure once, later (it never fails); it must outlive this call.
    on_text.forget();
}

/// A promise of the text of the unit file `file` that never fails: it resolves to `null` when the
/// file cannot be had.
fn request(file: &str) -> Result<js_sys::Promise, JsValue> {
    let url = page_url(&format!("./{file}"))?;
    let usb = usb_hook("SPROUT_LOAD_UNIT").map_or(JsValue::UNDEFINED, JsValue::from);
    let request = js_sys::Function::new_with_args(
        "load, file, url",
        "return (load ? load(file) : fetch(url).then(function (response) {
            if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
            return response.text();
        })).then(function (text) { return text; }, function () { return null; })",
    );
    request.call3(&JsValue::UNDEFINED, &usb, &file.into(), &url.into())?.dyn_into()
}

/// A promise of the embedded course for the classroom module's tools, which read result files
/// against its tests: its index (JSON), then the text of each unit file, or `null` for one that
/// cannot be had (which only leaves its tests' names out of the class dashboard).
pub fn course_files() -> js_sys::Promise {
    let files = js_sys::Array::of1(&super::COURSE_INDEX_JSON.into());
    for (_, file) in UNIT_FILES {
        files.push(&match loaded(file) {
            Some(text) => JsValue::from_str(&text),
            None => request(file).map_or(JsValue::NULL, JsValue::from),
        });
    }
    js_sys::Promise::all(&files)
}

/// The pack that [`course_files`] describes: the index with every unit that joins.
pub fn course_from_files(index: &str, units: impl IntoIterator<Item = String>) -> Result<Pack, serde_json::Error> {
    let mut pack: Pack = serde_json::from_str(index)?;
    for text in units {
        if let Ok(part) = serde_json::from_str::<UnitPart>(&text) {
            let _ = join_unit(&mut pack, part);
        }
    }
    Ok(pack)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::course::{course, COURSE_INDEX_JSON};

    /// The text of the unit file `file` that build.rs wrote.
    fn unit_text(file: &str) -> String {
        let path = std::path::Path::new(env!("OUT_DIR")).join("units").join(file);
        std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
    }

    /// The embedded course with every unit joined: what the page has once each unit has loaded.
    pub(crate) fn full_course() -> Rc<Pack> {
        let mut pack = (*course()).clone();
        for (unit, file) in UNIT_FILES {
            join(&mut pack, unit, &unit_text(file)).expect("build.rs writes the course's units");
        }
        Rc::new(pack)
    }

    #[test]
    fn each_unit_has_a_file_that_joins_and_brings_its_lessons_text() {
        let index = course();
        assert!(index.texts.is_empty(), "the index carries no lesson text");
        assert!(index.lessons.iter().all(|lesson| lesson.tests.is_empty()), "nor tests");
        let units: Vec<&str> = UNIT_FILES.iter().map(|(unit, _)| *unit).collect();
        let course_units: Vec<&str> = index.course.units.iter().map(|unit| unit.id.as_str()).collect();
        assert_eq!(units, course_units);
        for (_, file) in UNIT_FILES {
            assert!(file.starts_with("unit-") && file.ends_with(".json") && file.len() == "unit-.json".len() + 16);
            let digest = sprout_lessons::sha256(unit_text(file).as_bytes());
            assert_eq!(&digest["sha256:".len()..][..16], &file["unit-".len()..][..16], "{file} is named by its digest");
        }
        let full = full_course();
        for lesson in &full.lessons {
            assert!(has_text(&full, &lesson.id) && !has_text(&index, &lesson.id), "{}", lesson.id);
            assert!(unit_of(&full, &lesson.id).and_then(unit_file).is_some(), "{} is in a unit with a file", lesson.id);
        }
        assert!(full.lessons.iter().all(|lesson| !lesson.tests.is_empty()), "every lesson has its tests back");
    }

    #[test]
    fn a_file_that_is_not_the_units_is_refused_and_changes_nothing() {
        let index = course();
        let [(first, first_file), (second, _), ..] = UNIT_FILES else { panic!("the course has two units") };
        let text = unit_text(first_file);
        let refused = |unit: &str, text: &str| {
            let mut pack = (*index).clone();
            let problem = join(&mut pack, unit, text).expect_err("refused");
            assert_eq!(pack, *index, "a refused file changes nothing");
            problem
        };
        assert_eq!(refused(second, &text), TextProblem::Mismatch, "another unit's file");
        assert_eq!(refused(first, "<html>404</html>"), TextProblem::Mismatch, "not a unit file");
        let other_course = text.replacen(&index.content_hash, "sha256:0", 1);
        assert_eq!(refused(first, &other_course), TextProblem::Mismatch, "another version of the course");
        let mut pack = (*index).clone();
        join(&mut pack, first, &text).expect("the unit's own file");
        assert!(has_text(&pack, &index.course.units[0].lessons[0]));
    }

    #[test]
    fn the_classroom_gets_the_course_with_every_unit_that_loads() {
        let texts: Vec<String> = UNIT_FILES.iter().map(|(_, file)| unit_text(file)).collect();
        let all = course_from_files(COURSE_INDEX_JSON, texts.clone()).expect("the index reads");
        assert_eq!(all, *full_course());
        let some = course_from_files(COURSE_INDEX_JSON, texts.into_iter().skip(1).chain(["junk".to_string()]))
            .expect("the index reads");
        assert!(
            !has_text(&some, &some.course.units[0].lessons[0]) && has_text(&some, &some.course.units[1].lessons[0])
        );
        assert!(course_from_files("{", Vec::new()).is_err());
    }
}
