//! Student submissions for every lesson of the curriculum, with the verdicts the grader must give.
//!
//! `lessons/tests/submissions/<lesson-id>/<case>.rhai` is a program as a student might hand it in;
//! its first line states the expected grade, one verdict per test in the lesson's order (hidden
//! tests included) and the score:
//!
//! ```text
//! // expect: AC AC WA TLE score=50
//! ```
//!
//! Every lesson of `lessons/content` must pass `check_lesson`, have at least 3 tests (one hidden)
//! and 2 hints, and have cases that are right (all AC, full score), partly right (some AC, some
//! not), wrong (some WA), an endless loop (some TLE) and a crash (some RE or CE), so that every
//! lesson's tests are seen to tell these apart.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sprout_lessons::files::LoadedCourse;
use sprout_lessons::{check_lesson, grade, Lesson, Selection};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// The `.rhai` programs in `folder`, sorted.
fn submissions_in(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else { return Vec::new() };
    let mut found: Vec<PathBuf> = entries
        .map(|entry| entry.expect("a readable folder entry").path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "rhai"))
        .collect();
    found.sort();
    found
}

/// Every lesson of the curriculum, resolved, by id, with the course's lesson order.
fn curriculum() -> (BTreeMap<String, Lesson>, Vec<String>) {
    let LoadedCourse { course, lessons, .. } = common::curriculum();
    let lessons = lessons
        .into_iter()
        .map(|loaded| {
            let (name, mut lesson) = (loaded.file, loaded.lesson);
            let problems = check_lesson(&mut lesson, &name);
            assert!(problems.is_empty(), "{name}: {problems:?}");
            assert!(lesson.tests.len() >= 3, "{name}: a curriculum lesson has at least 3 tests");
            assert!(lesson.hints.len() >= 2, "{name}: a curriculum lesson has at least 2 hints");
            assert!(lesson.tests.iter().any(|test| test.hidden), "{name}: a curriculum lesson has a hidden test");
            (lesson.id.clone(), lesson)
        })
        .collect();
    (lessons, course.lesson_ids().map(str::to_string).collect())
}

/// The expected verdicts and score from a submission's first line.
fn expectation(path: &Path, source: &str) -> (Vec<String>, u32) {
    let first = source.lines().next().unwrap_or_default();
    let words = first
        .strip_prefix("// expect:")
        .unwrap_or_else(|| panic!("{}: first line must be `// expect: …`", path.display()));
    let mut verdicts = Vec::new();
    let mut score = None;
    for word in words.split_whitespace() {
        match word.strip_prefix("score=") {
            Some(number) => score = Some(number.parse().expect("score=N")),
            None => verdicts.push(word.to_string()),
        }
    }
    (verdicts, score.unwrap_or_else(|| panic!("{}: missing score=N", path.display())))
}

fn run_all() -> Vec<String> {
    let (lessons, lesson_ids) = curriculum();
    let mut failures = Vec::new();
    for lesson_id in &lesson_ids {
        let lesson = &lessons[lesson_id];
        let cases = submissions_in(&root().join("tests/submissions").join(lesson_id));
        let mut seen_kinds = BTreeMap::from([
            ("right", false),
            ("partly right", false),
            ("wrong", false),
            ("endless", false),
            ("crash", false),
        ]);
        for path in &cases {
            let source = std::fs::read_to_string(path).expect("readable");
            let (expected, expected_score) = expectation(path, &source);
            let result = grade(lesson, &source, Selection::All);
            let got: Vec<String> = result.tests.iter().map(|test| test.verdict.short().to_string()).collect();
            if got != expected || result.score != expected_score {
                failures.push(format!(
                    "{}: expected {} score={expected_score}, got {} score={}",
                    path.display(),
                    expected.join(" "),
                    got.join(" "),
                    result.score
                ));
            }
            let has = |short: &[&str]| expected.iter().any(|verdict| short.contains(&verdict.as_str()));
            if expected.iter().all(|verdict| verdict == "AC") && expected_score == lesson.points {
                seen_kinds.insert("right", true);
            }
            if has(&["WA"]) {
                seen_kinds.insert("wrong", true);
            }
            if has(&["AC"]) && has(&["WA", "RE", "TLE"]) {
                seen_kinds.insert("partly right", true);
            }
            if has(&["TLE"]) {
                seen_kinds.insert("endless", true);
            }
            if has(&["RE", "CE"]) {
                seen_kinds.insert("crash", true);
            }
        }
        let missing: Vec<&str> = seen_kinds.iter().filter(|(_, seen)| !**seen).map(|(kind, _)| *kind).collect();
        if !missing.is_empty() {
            failures.push(format!("{lesson_id}: no submission that is {}", missing.join(", ")));
        }
    }
    failures
}

#[test]
fn every_lesson_grades_its_submissions_as_expected() {
    // Deep recursion in submissions needs more stack than a test thread has.
    let failures = std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(run_all)
        .expect("thread")
        .join()
        .expect("no panic");
    assert!(failures.is_empty(), "{} problem(s):\n{}", failures.len(), failures.join("\n"));
}
