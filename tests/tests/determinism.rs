//! Determinism, natively: each case's run equals its expected run byte for byte, twice in a row.
//! (`determinism_wasm.rs` checks the same expectations in a browser.)
//!
//! Set `UPDATE_EXPECTED=1` to rewrite the `.run.json` files after an intended change, then review
//! the diff: the expected runs are the reviewed, human-readable record of what each program does.

use std::path::Path;

use sprout_tests::{run_case, CASES};

#[test]
fn every_case_runs_exactly_as_recorded() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("determinism");
    let update = std::env::var_os("UPDATE_EXPECTED").is_some();
    let mut failures = Vec::new();
    for case in CASES {
        let first = run_case(case.program);
        assert_eq!(first, run_case(case.program), "{}: two runs differ", case.name);
        if update {
            std::fs::write(folder.join(format!("{}.run.json", case.name)), &first).unwrap();
        } else if first != case.expected {
            failures.push(format!("{}: run differs from {}.run.json:\n{first}", case.name, case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_case_list_matches_the_folder() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("determinism");
    let mut on_disk: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .filter_map(|entry| entry.unwrap().file_name().to_str()?.strip_suffix(".rhai").map(str::to_string))
        .collect();
    on_disk.sort();
    let listed: Vec<String> = CASES.iter().map(|case| case.name.to_string()).collect();
    assert_eq!(listed, on_disk, "update the cases! list in tests/src/lib.rs");
}

/// Grading is deterministic: the curriculum's grades equal the recorded ones, and two gradings in
/// a row agree. The record is `determinism/curriculum.grades` (`UPDATE_EXPECTED=1` rewrites it).
#[test]
fn the_curriculum_grades_exactly_as_recorded() {
    let report = std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(|| {
            let first = sprout_tests::grade_curriculum();
            assert_eq!(first, sprout_tests::grade_curriculum(), "two gradings differ");
            first
        })
        .expect("thread")
        .join()
        .expect("grading does not panic");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("determinism/curriculum.grades");
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&path, &report).unwrap();
    }
    assert_eq!(report, std::fs::read_to_string(&path).unwrap_or_default(), "grades differ from {}", path.display());
}
