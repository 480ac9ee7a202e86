//! Fuzzes `read_pack` with its limits: a pack is handed from school to school and to the judge,
//! and whatever it carries is used for every submission graded against it. No pack may panic the
//! reader; a pack that reads must be within every limit `sprout check` holds a lesson to (checked
//! here again, independently); and grading its lessons must not panic or give a score above the
//! lesson's points, whatever its weights.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sprout_lessons::{
    grade, is_valid_id, read_pack, Selection, MAX_DURATION_MS, MAX_PACK_LESSONS, MAX_POINTS, MAX_TESTS, MAX_TEST_POINTS,
};

/// Runs of the fuzzer's grading stop here, so that a mutated endless loop costs little.
const FUZZ_MAX_OPERATIONS: u64 = 100_000;

fuzz_target!(|data: &[u8]| {
    let Ok(pack) = read_pack("fuzz.pack", data) else { return };
    assert!(pack.lessons.len() <= MAX_PACK_LESSONS);
    for lesson in &pack.lessons {
        assert!(is_valid_id(&lesson.id), "{:?}", lesson.id);
        assert!((1..=MAX_POINTS).contains(&i64::from(lesson.points)), "points {}", lesson.points);
        assert!((1..=100_000_000).contains(&lesson.max_operations), "max_operations {}", lesson.max_operations);
        assert!(lesson.tests.len() <= MAX_TESTS);
        for test in &lesson.tests {
            assert!((1..=MAX_TEST_POINTS).contains(&i64::from(test.points)), "test points {}", test.points);
            assert!(
                i64::try_from(test.duration_ms).is_ok_and(|duration| (1..=MAX_DURATION_MS).contains(&duration)),
                "duration_ms {}",
                test.duration_ms
            );
        }
        let mut capped = lesson.clone();
        capped.max_operations = capped.max_operations.min(FUZZ_MAX_OPERATIONS);
        for code in [capped.starter.clone(), capped.solution.clone().unwrap_or_default()] {
            let graded = grade(&capped, &code, Selection::All);
            assert!(graded.score <= graded.max_score, "score {} over {}", graded.score, graded.max_score);
        }
    }
    let _ = pack.students_copy();
});
