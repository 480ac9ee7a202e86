//! Hostile packs: what a careless organiser or a forger could hand the judge as a pack, each with
//! what reading it must give. A pack is read by the judge (`sprout grade`), the classroom server
//! and the app, and whatever it carries (points, weights, budgets, virtual time) is then used for
//! every submission: so every limit `sprout check` holds a lesson to is checked again on reading,
//! and nothing in a pack may panic the grader, read or not.
//!
//! # The convention
//!
//! Every case starts from the honest contest in `tests/hostile_packs/base/` (read, checked and
//! packed as `sprout pack` does, full copy). `tests/hostile_packs/NAME.toml` says how it is forged:
//! - `[set]`: JSON pointers into the pack, each with the JSON text of its new value;
//! - `rehash` (default `true`): the content hash is recomputed afterwards, as a careful forger
//!   would; `false` leaves the honest hash;
//! - `raw = "…"` or `raw_repeat = ["TEXT", COUNT]`: the file's bytes instead of the base pack;
//! - `expect`: `"ok"`, or `"CODE"` / `"CODE: TEXT"` with the problem's kebab-case code and a text
//!   its `detail` must contain.
//!
//! Besides, every forged pack that still has the shape of a pack is graded as it is, unchecked (as
//! a careless host might), with its reference solution and starter: the grader must not panic, and
//! no score may exceed its lesson's points.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use sprout_lessons::files::load;
use sprout_lessons::{build_pack, content_hash, grade, read_pack, Pack, Selection};

/// Lesson checks run Rhai, which needs a deep stack in debug builds.
const STACK_BYTES: usize = 64 * 1024 * 1024;

/// One case file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    expect: String,
    #[serde(default)]
    set: BTreeMap<String, String>,
    rehash: Option<bool>,
    raw: Option<String>,
    raw_repeat: Option<(String, usize)>,
}

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile_packs")
}

/// The honest full pack of `base/`, as JSON.
fn base_pack() -> serde_json::Value {
    let mut loaded = load(&[folder().join("base")]);
    let problems = loaded.check();
    assert!(problems.is_empty(), "the base course is honest: {problems:?}");
    let course = &loaded.courses[0];
    let lessons: Vec<_> = course.lessons.iter().map(|loaded| loaded.lesson.clone()).collect();
    serde_json::to_value(build_pack(&course.course, &lessons, true)).expect("a pack is JSON")
}

/// The bytes of the pack `case` describes.
fn forge(case: &Case, base: &serde_json::Value) -> Result<Vec<u8>, String> {
    if let Some(raw) = &case.raw {
        return Ok(raw.clone().into_bytes());
    }
    if let Some((text, count)) = &case.raw_repeat {
        return Ok(text.repeat(*count).into_bytes());
    }
    let mut pack = base.clone();
    for (pointer, value) in &case.set {
        let value: serde_json::Value =
            serde_json::from_str(value).map_err(|error| format!("{pointer}: bad JSON: {error}"))?;
        *pack.pointer_mut(pointer).ok_or_else(|| format!("{pointer} is not in the base pack"))? = value;
    }
    if case.rehash.unwrap_or(true) {
        if let Ok(typed) = serde_json::from_value::<Pack>(pack.clone()) {
            pack["content_hash"] = content_hash(&typed.course, &typed.lessons).into();
        }
    }
    serde_json::to_vec(&pack).map_err(|error| error.to_string())
}

/// What reading `bytes` gives, in the form of `expect`.
fn outcome(bytes: &[u8]) -> String {
    match read_pack("forged.pack", bytes) {
        Ok(_) => "ok".to_string(),
        Err(problems) => {
            let problem = &problems.0[0];
            match problem.args.get("detail") {
                Some(detail) => format!("{}: {detail}", problem.code.id()),
                None => problem.code.id(),
            }
        }
    }
}

/// Grades every lesson of `bytes`, if they have a pack's shape, with its solution and starter,
/// unchecked; says what went wrong.
fn graded_unchecked(bytes: &[u8]) -> Result<(), String> {
    let Ok(pack) = serde_json::from_slice::<Pack>(bytes) else { return Ok(()) };
    for lesson in &pack.lessons {
        for code in [lesson.solution.clone().unwrap_or_default(), lesson.starter.clone()] {
            let graded = catch_unwind(AssertUnwindSafe(|| grade(lesson, &code, Selection::All)))
                .map_err(|_| format!("grading lesson {} panicked", lesson.id))?;
            if graded.score > graded.max_score {
                return Err(format!("lesson {}: score {} over {}", lesson.id, graded.score, graded.max_score));
            }
        }
    }
    Ok(())
}

#[test]
fn every_hostile_pack_is_read_as_its_case_says_and_grades_without_panic() {
    let failures = std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(|| {
            let base = base_pack();
            let mut paths: Vec<PathBuf> = std::fs::read_dir(folder())
                .expect("tests/hostile_packs")
                .map(|entry| entry.expect("an entry").path())
                .filter(|path| path.extension().is_some_and(|extension| extension == "toml"))
                .collect();
            paths.sort();
            assert!(paths.len() >= 12, "the corpus shrank to {} cases", paths.len());
            let mut failures = Vec::new();
            for path in paths {
                let name = path.file_stem().expect("a name").to_string_lossy().to_string();
                let text = std::fs::read_to_string(&path).expect("a case file");
                let case: Case = match toml::from_str(&text) {
                    Ok(case) => case,
                    Err(error) => {
                        failures.push(format!("{name}: bad case file: {error}"));
                        continue;
                    }
                };
                let bytes = match forge(&case, &base) {
                    Ok(bytes) => bytes,
                    Err(error) => {
                        failures.push(format!("{name}: {error}"));
                        continue;
                    }
                };
                let read = outcome(&bytes);
                let as_expected = match case.expect.split_once(": ") {
                    Some((code, detail)) => read.starts_with(&format!("{code}: ")) && read.contains(detail),
                    None => read == case.expect || read.starts_with(&format!("{}: ", case.expect)),
                };
                if !as_expected {
                    failures.push(format!("{name}: expected {:?}, read as {read:?}", case.expect));
                }
                if let Err(error) = graded_unchecked(&bytes) {
                    failures.push(format!("{name}: {error}"));
                }
            }
            failures
        })
        .expect("a thread")
        .join()
        .expect("the cases ran");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
