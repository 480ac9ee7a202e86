//! The model lab's training, as the app calls it, and `my_model()`, as programs see its result.
//!
//! The drawings are made here from strokes, the way the pad would capture them, and go through
//! `digit_image` like the pad's: a class of "—" bars and a class of "|" bars at varied places and
//! lengths, which the digits model's embedding tells apart easily. Camera examples are 1280
//! features as the image feature extractor would give them: two seeded clouds of points (the
//! extractor itself is tested in tests/models.rs, and in the browser with a camera the test
//! controls).

#![cfg(feature = "ai")]

use sprout_runtime::ai::{
    digit_image, train_lab_model, LabError, LabExample, LabInput, LabModel, LabTraining, TrainingOptions, DIGIT_SIDE,
};
use sprout_runtime::messages::Language;
use sprout_runtime::{run, Outcome, RunInput};

/// A 64×64 drawing of a straight stroke from (x0, y0) to (x1, y1), 4 pixels thick.
fn stroke(x0: f32, y0: f32, x1: f32, y1: f32) -> Vec<f32> {
    let side = 64;
    let mut ink = vec![0.0f32; side * side];
    for step in 0..=200 {
        let t = step as f32 / 200.0;
        let (x, y) = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
        for dy in -2..2 {
            for dx in -2..2 {
                let (px, py) = (x as i32 + dx, y as i32 + dy);
                if (0..side as i32).contains(&px) && (0..side as i32).contains(&py) {
                    ink[py as usize * side + px as usize] = 1.0;
                }
            }
        }
    }
    ink
}

fn example(label: usize, ink: &[f32]) -> LabExample {
    let image = digit_image(ink, 64, 64);
    LabExample {
        label,
        pixels: image.iter().map(|value| (value * 255.0).round() as u8).collect(),
        features: Vec::new(),
    }
}

/// `count` drawings of each class: horizontal bars (class 0) and vertical bars (class 1).
fn examples(count: usize) -> Vec<LabExample> {
    let mut examples = Vec::new();
    for index in 0..count {
        let offset = 10.0 + (index * 7 % 40) as f32;
        let length = 20.0 + (index * 5 % 24) as f32;
        examples.push(example(0, &stroke(8.0, offset, 8.0 + length, offset + (index % 3) as f32)));
        examples.push(example(1, &stroke(offset, 8.0, offset + (index % 3) as f32, 8.0 + length)));
    }
    examples
}

fn labels() -> Vec<String> {
    vec!["横".to_string(), "竖".to_string()]
}

fn train(examples: Vec<LabExample>) -> Result<LabTraining, LabError> {
    train_lab_model(labels(), LabInput::Drawing, examples, &TrainingOptions::default(), &mut |_, _| {})
}

/// `count` camera pictures of each class, as features: values around 0.2 for class 0 and around
/// 0.2 plus a bump on the first 100 features for class 1, with seeded noise, rounded to 4
/// decimals like the lab's.
fn camera_examples(count: usize) -> Vec<LabExample> {
    let mut state = 7u64;
    let mut noise = move || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) as f64 / (1u64 << 31) as f64 - 0.5
    };
    let mut examples = Vec::new();
    for _ in 0..count {
        for label in 0..2 {
            let features = (0..LabInput::Camera.feature_count())
                .map(|index| {
                    let bump = if label == 1 && index < 100 { 0.6 } else { 0.0 };
                    ((0.2 + bump + 0.3 * noise()) * 10_000.0).round() / 10_000.0
                })
                .collect();
            examples.push(LabExample { label, pixels: Vec::new(), features });
        }
    }
    examples
}

fn train_camera(examples: Vec<LabExample>) -> Result<LabTraining, LabError> {
    train_lab_model(labels(), LabInput::Camera, examples, &TrainingOptions::default(), &mut |_, _| {})
}

#[test]
fn training_holds_out_drawings_reports_progress_and_is_deterministic() {
    let mut progress = Vec::new();
    let options = TrainingOptions::default();
    let training = train_lab_model(labels(), LabInput::Drawing, examples(10), &options, &mut |done, total| {
        progress.push((done, total))
    })
    .unwrap_or_else(|error| panic!("{}", error.message(Language::En)));
    assert_eq!(progress.len(), options.epochs);
    assert_eq!(progress.last(), Some(&(options.epochs, options.epochs)));
    // The last fifth of each class: 2 of 10 drawings per class.
    assert_eq!(training.held_out.len(), 4);
    assert_eq!(training.accuracy, Some(1.0), "confusion {:?}", training.confusion);
    assert_eq!(training.confusion, vec![vec![2, 0], vec![0, 2]]);
    assert_eq!(training.model.examples.len(), 20);
    training.model.check().unwrap();
    assert_eq!(train(examples(10)).unwrap(), training);
}

#[test]
fn a_lab_model_survives_json_and_classifies_new_drawings() {
    let model = train(examples(8)).unwrap().model;
    let json = serde_json::to_string(&model).unwrap();
    let back: LabModel = serde_json::from_str(&json).unwrap();
    assert_eq!(back, model);
    let bar = digit_image(&stroke(30.0, 12.0, 31.0, 50.0), 64, 64);
    let probabilities = back.probabilities(&bar).unwrap();
    assert!(probabilities[1] > 0.5, "{probabilities:?}");
}

#[test]
fn programs_use_the_lab_model_with_my_model() {
    let model = train(examples(8)).unwrap().model;
    let bar = digit_image(&stroke(12.0, 30.0, 50.0, 31.0), 64, 64);
    let expected = model.probabilities(&bar).unwrap();
    let rows: Vec<String> = bar
        .chunks(DIGIT_SIDE)
        .map(|row| format!("[{}]", row.iter().map(|value| format!("{value:?}")).collect::<Vec<_>>().join(", ")))
        .collect();
    let program = format!(
        "let mine = my_model();
         print(mine.labels);
         print(mine.examples.len());
         print(mine.examples[0].label);
         print(mine.examples[0].image.len());
         let p = mine.predict([{}]);
         for value in p {{ print(value); }}
         print(mine.classify([{}]));
         print(mine.examples[3].image == mine.examples[3].image);",
        rows.join(", "),
        rows.join(", ")
    );
    let input = RunInput { lab_model: Some(model.clone()), ..RunInput::default() };
    let result = run(&program, &input);
    assert!(matches!(result.outcome, Outcome::Finished { .. }), "{:?}", result.diagnostic());
    let output = result.output();
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(lines[..4], ["[\"横\", \"竖\"]", "16", "0", "28"]);
    let got: Vec<f64> = lines[4..6].iter().map(|line| line.parse().unwrap()).collect();
    assert_eq!(got, expected);
    assert_eq!(lines[6], if expected[0] > expected[1] { "0" } else { "1" });
    assert_eq!(lines[7], "true");
}

#[test]
fn unusable_examples_and_saved_models_are_errors() {
    let check = |result: Result<LabTraining, LabError>, expected: LabError| {
        let error = result.unwrap_err();
        assert_eq!(error, expected);
        for language in Language::ALL {
            assert!(!error.message(language).starts_with("lab-"), "{language:?} lacks a message for {error:?}");
        }
    };
    check(
        train_lab_model(
            vec!["一".to_string()],
            LabInput::Drawing,
            examples(2),
            &TrainingOptions::default(),
            &mut |_, _| {},
        ),
        LabError::TooFewClasses { count: 1 },
    );
    let only_bars: Vec<LabExample> = examples(4).into_iter().filter(|example| example.label == 0).collect();
    check(train(only_bars), LabError::EmptyClass { label: "竖".to_string() });
    let mut short = examples(3);
    short[2].pixels.truncate(100);
    check(train(short), LabError::BadExample { index: 2 });
    let mut stranger = examples(3);
    stranger[1].label = 7;
    check(train(stranger), LabError::BadExample { index: 1 });

    let mut camera_in_drawings = examples(3);
    camera_in_drawings[4] = camera_examples(3).remove(4);
    check(train(camera_in_drawings), LabError::BadExample { index: 4 });
    let mut drawing_in_camera = camera_examples(3);
    drawing_in_camera[5] = examples(3).remove(5);
    check(train_camera(drawing_in_camera), LabError::BadExample { index: 5 });
    let mut not_a_number = camera_examples(3);
    not_a_number[3].features[9] = f64::NAN;
    check(train_camera(not_a_number), LabError::BadExample { index: 3 });
    let mut cut = camera_examples(3);
    cut[0].features.pop();
    check(train_camera(cut), LabError::BadExample { index: 0 });

    // A drawing classifier relabelled as a camera one no longer fits (64 features, not 1280).
    let mut relabelled = train(examples(4)).unwrap().model;
    relabelled.input = LabInput::Camera;
    assert_eq!(relabelled.check(), Err(LabError::BadModel { version: 1 }));
    let mut model = train(examples(4)).unwrap().model;
    model.classifier.weights.pop();
    assert_eq!(model.check(), Err(LabError::BadModel { version: 1 }));
    let input = RunInput { lab_model: Some(model), ..RunInput::default() };
    let result = run("let mine = my_model();", &input);
    assert_eq!(result.diagnostic().map(|diagnostic| diagnostic.code.id()), Some("bad-value"));
}

#[test]
fn drawing_models_keep_their_json_and_camera_models_say_what_they_are() {
    let drawing = serde_json::to_value(train(examples(3)).unwrap().model).unwrap();
    // The same fields as before the lab had a camera, so that older saved and exported models read.
    let fields: Vec<&String> = drawing.as_object().unwrap().keys().collect();
    assert_eq!(fields, ["classifier", "examples", "labels", "version"]);
    let example_fields: Vec<&String> = drawing["examples"][0].as_object().unwrap().keys().collect();
    assert_eq!(example_fields, ["label", "pixels"]);

    let camera = train_camera(camera_examples(3)).unwrap().model;
    let json = serde_json::to_value(&camera).unwrap();
    assert_eq!(json["input"], "camera");
    let example_fields: Vec<&String> = json["examples"][0].as_object().unwrap().keys().collect();
    assert_eq!(example_fields, ["features", "label"]);
    assert_eq!(serde_json::from_value::<LabModel>(json).unwrap(), camera);
}

#[test]
fn a_camera_model_learns_from_features_and_programs_give_it_features() {
    let training = train_camera(camera_examples(10)).unwrap_or_else(|error| panic!("{}", error.message(Language::En)));
    assert_eq!(training.held_out.len(), 4);
    assert_eq!(training.accuracy, Some(1.0), "confusion {:?}", training.confusion);
    let model = training.model;
    model.check().unwrap();
    assert_eq!(train_camera(camera_examples(10)).unwrap().model, model, "deterministic");
    let bumped: Vec<f32> = (0..1280).map(|index| if index < 100 { 0.8 } else { 0.2 }).collect();
    let probabilities = model.probabilities_of_features(&bumped);
    assert!(probabilities[1] > 0.9, "{probabilities:?}");

    let program = "let mine = my_model();
         print(mine.examples.len());
         print(mine.examples[1].features.len());
         print(mine.classify(mine.examples[0].features));
         print(mine.classify(mine.examples[1].features));
         mine.predict([1, 2, 3]);";
    let input = RunInput { lab_model: Some(model), ..RunInput::default() };
    let result = run(program, &input);
    assert_eq!(result.output().lines().collect::<Vec<_>>(), ["20", "1280", "0", "1"]);
    let diagnostic = result.diagnostic().expect("a wrong shape is a mistake");
    assert_eq!(diagnostic.code.id(), "ai-wrong-shape");
    assert_eq!(diagnostic.position.map(|position| position.line), Some(6));
}
