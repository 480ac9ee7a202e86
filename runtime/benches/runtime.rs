//! Runtime speed, measured with criterion (never asserted in tests): the workloads a lesson or a
//! contest problem typically brings, run through the full sandbox (budgets, trace, API).
//!
//! Run with `cargo bench -p sprout-runtime`; figures go in the closing notes of the issue that
//! changed them, as ratios against a named baseline.

// criterion's macros define public functions without documentation.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion};
use sprout_runtime::{run, Outcome, RunInput};

const FIB_25: &str = "fn fib(n) { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } } fib(25)";
const SUM_OF_SQUARES: &str = "let total = 0; for i in 1..=1000000 { total += i * i; } total";
const SORT_100K: &str = "let a = []; a.pad(100000, 0);
for i in 0..100000 { a[i] = random_int(0, 1000000); }
a.sort(); a.len()";
const STRING_100K: &str = "let s = \"\"; for i in 0..100000 { s += \"x\"; } s.len()";
const KNN: &str = "
let points = [];
for i in 0..1000 { let p = []; p.pad(64, 0.0); for d in 0..64 { p[d] = random(); } points.push(p); }
let nearest = [];
for q in 0..100 {
    let query = points[q * 7 % 1000];
    let best = -1; let best_distance = 1e300;
    for i in 0..1000 {
        let p = points[i]; let distance = 0.0;
        for d in 0..64 { let diff = p[d] - query[d]; distance += diff * diff; }
        if distance < best_distance && i != q * 7 % 1000 { best_distance = distance; best = i; }
    }
    nearest.push(best);
}
nearest.len()";

/// Budgets large enough for the heaviest workload: benchmarks measure speed, not the limits.
fn generous_input() -> RunInput {
    let mut input = RunInput { seed: 1, ..RunInput::default() };
    input.limits.max_operations = 1_000_000_000;
    input.limits.max_array_length = 200_000;
    input
}

fn bench_program(criterion: &mut Criterion, name: &str, program: &str) {
    let input = generous_input();
    let check = run(program, &input);
    assert!(matches!(check.outcome, Outcome::Finished { .. }), "{name} failed: {:?}", check.outcome);
    eprintln!("{name}: {} operations", check.operations);
    criterion.bench_function(name, |bencher| bencher.iter(|| run(program, &input)));
}

fn workloads(criterion: &mut Criterion) {
    bench_program(criterion, "fib(25)", FIB_25);
    bench_program(criterion, "sum of i*i to 1e6", SUM_OF_SQUARES);
    bench_program(criterion, "sort 100k ints", SORT_100K);
    bench_program(criterion, "build 100k-char string", STRING_100K);
    bench_program(criterion, "knn 100 queries x 1000 points x 64-d", KNN);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).warm_up_time(std::time::Duration::from_secs(1));
    targets = workloads
}
criterion_main!(benches);
