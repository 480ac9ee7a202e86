//! The AI area through its seam as the browser crosses it (built with the `ai` feature only).
//!
//! Every program of `tests/ai/`, and programs using the model lab's drawing and camera classifiers
//! (`my_model()`), runs twice: with the backend in this process, as the CLI and the grader run
//! them, and through a [`Forwarding`] backend whose every request and reply is encoded, handed over
//! as bytes and decoded by another backend's dispatcher ([`LocalBackend::answer_bytes`]), as
//! between the app's engine module and its AI module. The two runs must be identical: trace,
//! outcome, operations and virtual time.
//!
//! A program that calls none of [`AI_BACKEND_FUNCTIONS`] must never reach the backend: hosts load
//! the AI module only for programs that call one.

#![cfg(feature = "ai")]

use std::cell::Cell;
use std::path::Path;
use std::rc::Rc;
use std::time::{Duration, Instant};

use sprout_runtime::ai::{
    set_backend, train_lab_model, Forwarding, LabExample, LabInput, LabModel, LocalBackend, TrainingOptions,
};
use sprout_runtime::api::AI_BACKEND_FUNCTIONS;
use sprout_runtime::{run_with_interrupt, Limits, Run, RunInput};

const SAFETY_NET: Duration = Duration::from_secs(30);

fn run_once(program: &str, input: &RunInput) -> Run {
    let deadline = Instant::now() + SAFETY_NET;
    run_with_interrupt(program, input, Box::new(move || Instant::now() > deadline))
}

/// A run through a fresh forwarding backend, and how many requests crossed the seam.
fn forwarded(program: &str, input: &RunInput) -> (Run, usize) {
    let remote = LocalBackend::default();
    let requests = Rc::new(Cell::new(0));
    let counted = requests.clone();
    let forwarding = Forwarding::new(move |request| {
        counted.set(counted.get() + 1);
        remote.answer_bytes(request)
    });
    let before = set_backend(Some(Rc::new(forwarding)));
    let run = run_once(program, input);
    set_backend(before);
    (run, requests.get())
}

/// A 28×28 drawing of a bar: across (class 0) or down (class 1), at `place` from the edge.
fn bar(class: usize, place: usize, length: usize) -> Vec<u8> {
    let mut pixels = vec![0u8; 28 * 28];
    for along in 4..4 + length {
        for across in place..place + 3 {
            let (x, y) = if class == 0 { (along, across) } else { (across, along) };
            pixels[y * 28 + x] = 255;
        }
    }
    pixels
}

/// The model lab's classifier of `input`, trained on six examples of two classes.
fn lab_model(input: LabInput) -> LabModel {
    let examples = (0..12)
        .map(|index| {
            let label = index % 2;
            match input {
                LabInput::Drawing => {
                    LabExample { label, pixels: bar(label, 6 + index, 12 + index), features: Vec::new() }
                }
                LabInput::Camera => {
                    let features = (0..1280)
                        .map(|feature| ((feature * 7 + index * 13) % 100) as f64 / 100.0 + label as f64)
                        .collect();
                    LabExample { label, pixels: Vec::new(), features }
                }
            }
        })
        .collect();
    let labels = vec!["横".to_string(), "竖".to_string()];
    train_lab_model(labels, input, examples, &TrainingOptions::default(), &mut |_, _| {}).unwrap().model
}

/// Programs with the model lab's classifier of each kind: every method, and the mistakes of a
/// wrong input.
fn lab_cases() -> Vec<(String, String, RunInput)> {
    let program = |key: &str, wrong: &str| {
        format!(
            "let mine = my_model();
             print(mine); print(mine.labels); print(mine.examples.len());
             let rows = []; let labels = [];
             for example in mine.examples {{ rows.push(example.{key}); labels.push(example.label); }}
             print(mine.predict(rows[0])); print(mine.classify(rows[1]));
             let data = #{{features: rows, labels: labels}};
             print(mine.accuracy(data)); print(mine.confusion(data));
             mine.predict({wrong});"
        )
    };
    [(LabInput::Drawing, "image", "[1, 2, 3]"), (LabInput::Camera, "features", "\"text\"")]
        .into_iter()
        .map(|(input, key, wrong)| {
            let run_input = RunInput { lab_model: Some(lab_model(input)), ..RunInput::default() };
            (format!("my_model() with {input:?} examples"), program(key, wrong), run_input)
        })
        .collect()
}

/// The programs of `tests/ai/`, with default input.
fn script_cases() -> Vec<(String, String, RunInput)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ai");
    let mut paths: Vec<_> = std::fs::read_dir(&folder).unwrap().map(|entry| entry.unwrap().path()).collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap(), RunInput::default())
        })
        .collect()
}

fn calls_the_backend(program: &str) -> bool {
    sprout_runtime::syntax::facts(program, &Limits::default())
        .is_ok_and(|facts| AI_BACKEND_FUNCTIONS.iter().any(|name| facts.calls.contains_key(*name)))
}

#[test]
fn ai_programs_run_the_same_through_the_seam() {
    let cases: Vec<_> = script_cases().into_iter().chain(lab_cases()).collect();
    assert!(cases.len() >= 30, "the AI suite needs its cases");
    let (mut problems, mut crossing) = (Vec::new(), 0);
    for (name, program, input) in &cases {
        let direct = run_once(program, input);
        let (through, requests) = forwarded(program, input);
        if through != direct {
            problems.push(format!("{name}: through the seam {through:?}\nin process {direct:?}"));
        }
        if requests > 0 && !calls_the_backend(program) {
            problems.push(format!("{name}: {requests} requests without calling {AI_BACKEND_FUNCTIONS:?}"));
        }
        crossing += usize::from(requests > 0);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    assert!(crossing >= cases.len() / 2, "only {crossing} of {} programs reached the backend", cases.len());
}
