//! The determinism records hold through the AI area's seam: every recorded run
//! (`determinism/*.run.json`) and the curriculum's grades (`determinism/curriculum.grades`) come
//! out byte for byte the same when every AI request is encoded, handed over as bytes and answered
//! by another backend's dispatcher, as between the app's engine module and its AI module, instead
//! of being answered in the same process (`sprout_runtime::ai::protocol`).

use std::path::Path;
use std::rc::Rc;

use sprout_runtime::ai::{set_backend, Forwarding, LocalBackend};
use sprout_tests::{grade_curriculum, run_case, CASES};

/// What `work` gives with this thread's runs going through a forwarding backend.
fn through_the_seam<T>(work: impl FnOnce() -> T) -> T {
    let remote = LocalBackend::default();
    let before = set_backend(Some(Rc::new(Forwarding::new(move |request| remote.answer_bytes(request)))));
    let result = work();
    set_backend(before);
    result
}

#[test]
fn recorded_runs_are_the_same_through_the_seam() {
    for case in CASES {
        assert_eq!(through_the_seam(|| run_case(case.program)), case.expected, "{} differs", case.name);
    }
}

#[test]
fn the_curriculum_grades_the_same_through_the_seam() {
    let report = std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(|| through_the_seam(grade_curriculum))
        .expect("thread")
        .join()
        .expect("grading does not panic");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("determinism/curriculum.grades");
    assert_eq!(report, std::fs::read_to_string(&path).unwrap_or_default(), "grades differ from {}", path.display());
}
