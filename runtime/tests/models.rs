//! Every model of `models/` loaded natively through the runtime and checked against the outputs
//! its training script recorded (`samples.json`, tolerance 1e-4), and the runtime's text featurizer
//! and drawing preprocessing against the Python that prepared the models' data (the featurized
//! vectors in the sentiment samples, the cases of `models/digits/preprocess.json`).
//!
//! Data-driven: a new model folder is checked as soon as it appears; an embedded model missing
//! from the runtime, or a runtime model without its folder, fails.

#![cfg(feature = "ai")]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value as Json;
use sprout_runtime::ai::{digit_image, model_names, round4, run_embedded, text_features, ImageFeatures};
use sprout_runtime::{run, RunInput};

const TOLERANCE: f64 = 1e-4;

fn models_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../models")
}

fn read_json(path: &Path) -> Json {
    let bytes = std::fs::read(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// Every number of a nested JSON array, in order.
fn numbers(value: &Json) -> Vec<f64> {
    match value {
        Json::Array(items) => items.iter().flat_map(numbers).collect(),
        Json::Number(number) => vec![number.as_f64().unwrap()],
        other => panic!("not a number: {other}"),
    }
}

/// The model folders: those with a `model.json`.
fn model_folders() -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(models_folder())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.join("model.json").is_file())
        .collect();
    folders.sort();
    folders
}

/// Differences beyond the tolerance between `got` and `expected`, described.
fn compare(place: &str, got: &[f64], expected: &[f64], tolerance: f64) -> Vec<String> {
    if got.len() != expected.len() {
        return vec![format!("{place}: {} values, expected {}", got.len(), expected.len())];
    }
    let worst = got.iter().zip(expected).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
    if worst > tolerance || worst.is_nan() {
        return vec![format!("{place}: differs by up to {worst:e} (tolerance {tolerance:e})")];
    }
    Vec::new()
}

/// The input a sample gives the network: the recorded features for text models, else the input.
fn network_input(info: &Json, sample: &Json) -> Vec<f32> {
    match info["input"]["kind"].as_str() {
        Some("text") => numbers(&sample["features"]).iter().map(|value| *value as f32).collect(),
        _ => numbers(&sample["input"]).iter().map(|value| *value as f32).collect(),
    }
}

#[test]
fn embedded_models_reproduce_their_samples() {
    let mut problems = Vec::new();
    let mut embedded = BTreeSet::new();
    for folder in model_folders() {
        let info = read_json(&folder.join("model.json"));
        if info["embedded"] != Json::Bool(true) {
            continue;
        }
        let name = info["name"].as_str().unwrap().to_string();
        let samples = read_json(&folder.join("samples.json"));
        let samples = samples.as_array().unwrap();
        assert!(samples.len() >= 5, "{name}: at least 5 samples");
        for (index, sample) in samples.iter().enumerate() {
            let outputs = match run_embedded(&name, network_input(&info, sample)) {
                Some(Ok(outputs)) => outputs,
                Some(Err(error)) => panic!("{name}: {error}"),
                None => panic!("{name} is embedded in models/ but not in the runtime"),
            };
            for (position, output) in info["outputs"].as_array().unwrap().iter().enumerate() {
                let output_name = output["name"].as_str().unwrap();
                let got: Vec<f64> = outputs[position].iter().map(|value| f64::from(*value)).collect();
                let expected = numbers(&sample["outputs"][output_name]);
                problems.extend(compare(&format!("{name} sample {index} {output_name}"), &got, &expected, TOLERANCE));
            }
        }
        embedded.insert(name);
    }
    assert_eq!(embedded, model_names().into_iter().collect(), "the runtime embeds exactly the embedded models");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A program sees the same outputs, rounded to 4 decimals: through `predict`, and `embed` where
/// the model has an embedding.
#[test]
fn programs_see_the_samples_outputs_rounded() {
    let mut problems = Vec::new();
    for folder in model_folders() {
        let info = read_json(&folder.join("model.json"));
        if info["embedded"] != Json::Bool(true) {
            continue;
        }
        let name = info["name"].as_str().unwrap();
        let sample = &read_json(&folder.join("samples.json"))[0];
        let input = match &sample["input"] {
            Json::String(text) => format!("{text:?}"),
            other => other.to_string(),
        };
        for output in info["outputs"].as_array().unwrap() {
            let (output_name, method) = match output["name"].as_str().unwrap() {
                "probabilities" => ("probabilities", "predict"),
                "embedding" => ("embedding", "embed"),
                other => panic!("{name}: unknown output {other}"),
            };
            let program = format!("let m = model(\"{name}\"); for value in m.{method}({input}) {{ print(value); }}");
            let result = run(&program, &RunInput::default());
            let got: Vec<f64> = result.output().lines().map(|line| line.parse().unwrap()).collect();
            let expected: Vec<f64> =
                numbers(&sample["outputs"][output_name]).iter().map(|value| round4(*value as f32)).collect();
            if result.diagnostic().is_some() {
                problems.push(format!("{name}.{method}: {:?}", result.diagnostic()));
            }
            let rounded_everywhere =
                got.iter().all(|value| (value * 10_000.0 - (value * 10_000.0).round()).abs() < 1e-6);
            if !rounded_everywhere {
                problems.push(format!("{name}.{method}: not rounded to 4 decimals: {got:?}"));
            }
            // Rounding can move a value that tract and the recorder differ on in the 5th decimal
            // by one step of the 4th.
            problems.extend(compare(&format!("{name}.{method}"), &got, &expected, 1e-4 + 1e-9));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_text_featurizer_agrees_with_the_recorded_vectors() {
    let mut checked = 0;
    for folder in model_folders() {
        let info = read_json(&folder.join("model.json"));
        if info["input"]["kind"] != "text" {
            continue;
        }
        assert_eq!(info["input"]["featurizer"], "char-ngram-hash-v1");
        for sample in read_json(&folder.join("samples.json")).as_array().unwrap() {
            let text = sample["input"].as_str().unwrap();
            let got: Vec<f64> = text_features(text).iter().map(|value| f64::from(*value)).collect();
            let problems = compare(&format!("features of {text:?}"), &got, &numbers(&sample["features"]), 1e-7);
            assert!(problems.is_empty(), "{}", problems.join("\n"));
            checked += 1;
        }
    }
    assert!(checked >= 5, "the text featurizer needs recorded samples to be checked against");
}

#[test]
fn digit_image_agrees_with_the_training_preprocessing() {
    let cases = read_json(&models_folder().join("digits/preprocess.json"));
    let mut problems = Vec::new();
    for case in cases.as_array().unwrap() {
        let (width, height) = (case["width"].as_u64().unwrap() as usize, case["height"].as_u64().unwrap() as usize);
        let ink: Vec<f32> = numbers(&case["pixels"]).iter().map(|pixel| *pixel as f32 / 255.0).collect();
        let got: Vec<f64> = digit_image(&ink, width, height).iter().map(|value| f64::from(*value)).collect();
        problems.extend(compare(case["what"].as_str().unwrap(), &got, &numbers(&case["image"]), 1e-5));
    }
    assert!(cases.as_array().unwrap().len() >= 5);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The big extractor is not embedded: it loads from its file's bytes, as the app loads it.
#[test]
fn the_image_feature_extractor_reproduces_its_samples() {
    let folder = models_folder().join("image_features");
    let bytes = std::fs::read(folder.join("image_features.nnef.tar")).unwrap();
    let extractor = ImageFeatures::from_bytes(&bytes).unwrap_or_else(|error| panic!("{error}"));
    let mut problems = Vec::new();
    for sample in read_json(&folder.join("samples.json")).as_array().unwrap() {
        let rgb = numbers(&sample["pixels"]);
        let rgba: Vec<u8> =
            rgb.chunks(3).flat_map(|pixel| [pixel[0] as u8, pixel[1] as u8, pixel[2] as u8, 255]).collect();
        let side = sprout_runtime::ai::IMAGE_SIDE;
        let got: Vec<f64> =
            extractor.features(&rgba, side, side).unwrap().iter().map(|value| f64::from(*value)).collect();
        problems.extend(compare(
            sample["name"].as_str().unwrap(),
            &got,
            &numbers(&sample["outputs"]["features"]),
            TOLERANCE,
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
