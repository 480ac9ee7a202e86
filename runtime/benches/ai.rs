//! Speed of the AI area, measured with criterion (never asserted in tests): one inference of each
//! model of `models/` natively (the embedded ones as programs call them, the image feature
//! extractor as the app's model lab does), kNN and logistic regression on iris and digits8
//! through the full sandbox, training and testing included, and kNN on digits8 with every AI
//! request crossing the seam encoded, as in the browser, against in process.
//!
//! Run with `cargo bench -p sprout-runtime --features ai`; figures go in the closing notes of the
//! issue that changed them.

// criterion's macros define public functions without documentation.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion};
use std::rc::Rc;

use sprout_runtime::ai::{
    run_embedded, set_backend, text_features, Forwarding, ImageFeatures, LocalBackend, IMAGE_SIDE,
};
use sprout_runtime::{run, Outcome, RunInput};

/// Trains with `training` (an expression of `parts.train`) on a seeded 80 % of a dataset and
/// measures accuracy on the rest.
fn training_program(dataset: &str, training: &str) -> String {
    format!("let parts = split(dataset(\"{dataset}\"), 0.2, 1); {training}.accuracy(parts.test)")
}

fn bench_program(criterion: &mut Criterion, name: &str, program: &str) {
    let input = RunInput::default();
    let check = run(program, &input);
    assert!(matches!(check.outcome, Outcome::Finished { .. }), "{name} failed: {:?}", check.outcome);
    criterion.bench_function(name, |bencher| bencher.iter(|| run(program, &input)));
}

fn inference(criterion: &mut Criterion) {
    let digit = vec![0.5f32; 28 * 28];
    let sentence = text_features("物流很快，包装也很好，非常满意！");
    for (name, input) in [("digits", digit), ("iris", vec![5.1, 3.5, 1.4, 0.2]), ("sentiment", sentence)] {
        assert!(run_embedded(name, input.clone()).is_some_and(|outputs| outputs.is_ok()), "{name} runs");
        criterion
            .bench_function(&format!("inference {name}"), |bencher| bencher.iter(|| run_embedded(name, input.clone())));
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../models/image_features/image_features.nnef.tar");
    let bytes = std::fs::read(path).expect("the image feature extractor's file");
    criterion
        .bench_function("load image_features (13 MB)", |bencher| bencher.iter(|| ImageFeatures::from_bytes(&bytes)));
    let extractor = ImageFeatures::from_bytes(&bytes).expect("the extractor loads");
    let picture: Vec<u8> = (0..IMAGE_SIDE * IMAGE_SIDE * 4).map(|index| (index * 7 % 256) as u8).collect();
    criterion.bench_function("inference image_features", |bencher| {
        bencher.iter(|| extractor.features(&picture, IMAGE_SIDE, IMAGE_SIDE))
    });
}

fn training(criterion: &mut Criterion) {
    for dataset in ["iris", "digits8"] {
        for (classifier, training) in [("knn k=3", "knn(parts.train, 3)"), ("logistic", "logistic(parts.train)")] {
            let program = training_program(dataset, training);
            bench_program(criterion, &format!("{classifier} {dataset} (train + test)"), &program);
        }
    }
    bench_program(
        criterion,
        "digits model predict from a program",
        "let m = model(\"digits\"); let a = []; a.pad(784, 0.5); m.predict(a)",
    );
}

/// kNN trained and tested on digits8 (600 rows of 64 numbers): the dataset crosses the seam three
/// times (to the program, to train, to test).
fn seam(criterion: &mut Criterion) {
    let program = "let d = dataset(\"digits8\"); let c = knn(d, 3); c.accuracy(d)";
    bench_program(criterion, "knn digits8 train + test (in process)", program);
    let remote = LocalBackend::default();
    set_backend(Some(Rc::new(Forwarding::new(move |request| remote.answer_bytes(request)))));
    bench_program(criterion, "knn digits8 train + test (through the seam, encoded)", program);
    set_backend(None);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).warm_up_time(std::time::Duration::from_secs(1));
    targets = inference, training, seam
}
criterion_main!(benches);
