//! Grading throughput: how long one submission takes to grade on one core, for typical lessons of
//! the curriculum (a call check with random inputs, input/output cases, a turtle drawing, a maker
//! board). Submissions per second per core = 1 / the time criterion reports.
//!
//! Run with `cargo bench -p sprout-lessons`.

// criterion's macros define public functions without documentation.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion};
use sprout_lessons::{check_lesson, grade, parse_lesson, Selection};

fn lesson(path: &str) -> sprout_lessons::Lesson {
    let file = format!("{}/content/{path}", env!("CARGO_MANIFEST_DIR"));
    let mut lesson = parse_lesson(&file, &std::fs::read(&file).expect("lesson file")).expect("valid lesson");
    assert!(check_lesson(&mut lesson, &file).is_empty());
    lesson
}

fn grading(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("grade one submission");
    for path in ["algorithms/primes.md", "conditions/leap-year.md", "turtle/turtle-star.md", "maker/traffic-light.md"] {
        let lesson = lesson(path);
        let solution = lesson.solution.clone().expect("solution");
        group.bench_function(&lesson.id, |bench| bench.iter(|| grade(&lesson, &solution, Selection::All)));
    }
    group.finish();
}

criterion_group!(benches, grading);
criterion_main!(benches);
