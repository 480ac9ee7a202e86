//! Fuzzes everything that reads a teacher's lesson files: `parse_lesson`, `parse_lesson_folder`
//! and `parse_course`, and then `check_lesson` on the lessons that parse. Lesson files come from
//! anyone (a teacher's text editor, a course folder copied from another school), so none of these
//! may panic, whatever the bytes are.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sprout_lessons::{check_lesson, parse_course, parse_lesson, parse_lesson_folder, FolderFiles, Lesson};

/// Inputs up to this size that parse into a lesson are also checked with `check_lesson`. Checking
/// runs the reference solution and the starter against every test, which is far slower than
/// parsing (up to a second per lesson for the algorithm lessons in this instrumented build), so
/// larger inputs are only parsed to keep the executions per second reasonable. About two thirds
/// of the lessons in lessons/content are below this size, so their mutations are graded too.
const MAX_CHECKED_BYTES: usize = 4 * 1024;

/// The operation budget that `check_lesson` gets at most. A lesson may ask for up to 100 million
/// operations per run, and a mutated solution with an endless loop would then take seconds per
/// test; a smaller budget still reaches every verdict (an endless loop simply stops sooner).
const MAX_CHECKED_OPERATIONS: u64 = 100_000;

fuzz_target!(|data: &[u8]| fuzz_one(data));

/// Feeds one input to every lesson reader.
fn fuzz_one(data: &[u8]) {
    // The whole input as one lesson file.
    if let Ok(mut lesson) = parse_lesson("fuzz.md", data) {
        check_small(&mut lesson, data.len(), "fuzz.md");
    }

    // The input as a lesson folder: the bytes up to the first NUL are lesson.md, up to the second
    // NUL solution.rhai and the rest tests.toml. Without a NUL this is the call above again, so it
    // is skipped. With a NUL the whole input is never valid text, so this is the only way such an
    // input reaches the grader.
    let mut parts = data.splitn(3, |byte| *byte == 0);
    let lesson_md = parts.next().unwrap_or_default();
    if let Some(solution) = parts.next() {
        let tests = parts.next();
        let extra = FolderFiles {
            starter: None,
            solution: Some(("solution.rhai", solution)),
            tests: tests.map(|tests| ("tests.toml", tests)),
        };
        if let Ok(mut lesson) = parse_lesson_folder("lesson.md", lesson_md, extra) {
            check_small(&mut lesson, data.len(), "lesson.md");
        }
    }

    // The whole input as a course.toml. The result is not used: only a panic would matter.
    let _ = parse_course("course.toml", data);
}

/// Runs `check_lesson` when the input is small enough, with the operation budget capped.
fn check_small(lesson: &mut Lesson, input_len: usize, file: &str) {
    if input_len > MAX_CHECKED_BYTES {
        return;
    }
    lesson.max_operations = lesson.max_operations.min(MAX_CHECKED_OPERATIONS);
    // The problems found are not used: only a panic would matter.
    let _ = check_lesson(lesson, file);
}
