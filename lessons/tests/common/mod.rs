//! What several of this crate's integration tests share.

use std::path::Path;

use sprout_lessons::files::{load, LoadedCourse};

/// The curriculum (`lessons/content`) as `sprout check` reads it: the course and its lessons,
/// parsed but not yet checked.
pub fn curriculum() -> LoadedCourse {
    let loaded = load(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("content")]);
    assert!(loaded.problems.is_empty() && loaded.lessons.is_empty(), "{:?}", loaded.problems);
    let [course] = <[LoadedCourse; 1]>::try_from(loaded.courses).expect("lessons/content is one course");
    assert!(course.lessons.len() >= 30, "the curriculum's lessons");
    course
}
