//! The counterpart of `broken_lessons.rs`: lessons and courses that `sprout check` must accept
//! without a single problem, each one near a rule that could refuse it by mistake.
//!
//! Each entry of `tests/valid/` is a path given to `sprout check` (read with `files::load` and
//! checked with `Loaded::check`, as the CLI does): a lesson file `NAME.md`, a lesson folder or a
//! course folder. Its top comment (in `course.toml` or the lesson's text) says which rule it is
//! near. A case passes when it reads at least one lesson and reports no problem.

use std::path::{Path, PathBuf};

use sprout_lessons::files::load;

/// Lesson checks run Rhai, which needs a deep stack in debug builds (the CLI uses 256 MiB).
const STACK_BYTES: usize = 64 * 1024 * 1024;

fn cases() -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("valid");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("tests/valid exists")
        .map(|entry| entry.expect("a readable folder entry").path())
        .collect();
    paths.sort();
    paths
}

#[test]
fn every_valid_case_checks_without_a_problem() {
    let failures = std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(|| {
            let cases = cases();
            assert!(!cases.is_empty(), "tests/valid has no case");
            let mut failures = Vec::new();
            for path in cases {
                let mut loaded = load(&[&path]);
                let problems = loaded.check();
                let lessons =
                    loaded.lessons.len() + loaded.courses.iter().map(|course| course.lessons.len()).sum::<usize>();
                if lessons == 0 || !problems.is_empty() {
                    let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
                    failures.push(format!("{}: {lessons} lesson(s) read, problems: {problems:#?}", path.display()));
                }
            }
            failures
        })
        .expect("a thread")
        .join()
        .expect("the cases ran");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
