//! Model files: the committed NNEF archives are exactly what the converter makes from the training
//! scripts' ONNX files, and corrupt or foreign files give a translated error, never a panic.
//!
//! Two folders of bad files, each made by its `make.py` and listing in `expected.txt` the error id
//! each file must give when loaded as the image feature extractor (the one model hosts load from
//! bytes): `tests/nnef/` through the runtime's loader, `tests/onnx/` through the ONNX converter
//! (`onnx` feature) and then the loader.

#![cfg(feature = "ai")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sprout_runtime::ai::{ImageFeatures, ModelError};
use sprout_runtime::messages::Language;

fn tests_folder(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(name)
}

/// Loads every file of `folder` with `load` and compares its error with `expected.txt`: the
/// problems found, one line each.
fn check_bad_files(folder: &Path, load: impl Fn(&[u8]) -> Result<(), ModelError>) -> Vec<String> {
    let listing = std::fs::read_to_string(folder.join("expected.txt")).unwrap();
    let expected: BTreeMap<&str, &str> = listing
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| line.split_once(" = ").expect("`file = error id`"))
        .collect();
    let mut files: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "expected.txt" && name != "make.py")
        .collect();
    files.sort();
    let mut problems = Vec::new();
    if files != expected.keys().map(|name| name.to_string()).collect::<Vec<_>>() {
        problems.push(format!("{}: expected.txt does not list exactly the files {files:?}", folder.display()));
    }
    for (file, id) in &expected {
        let bytes = std::fs::read(folder.join(file)).unwrap();
        match load(&bytes) {
            Ok(()) => problems.push(format!("{file}: loaded, expected {id}")),
            Err(error) => {
                eprintln!("{file}: {error}");
                if error.id() != *id {
                    problems.push(format!("{file}: {} ({error}), expected {id}", error.id()));
                }
                for language in Language::ALL {
                    let message = error.message(language);
                    if message == error.id() || message.is_empty() {
                        problems.push(format!("{file}: no {language:?} message for {}", error.id()));
                    }
                }
            }
        }
    }
    problems
}

#[test]
fn broken_and_foreign_nnef_files_give_their_expected_errors() {
    let problems = check_bad_files(&tests_folder("nnef"), |bytes| ImageFeatures::from_bytes(bytes).map(drop));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[cfg(feature = "onnx")]
mod onnx {
    use super::*;
    use sprout_runtime::ai::{nnef_of_model_folder, onnx_to_nnef};

    #[test]
    fn broken_and_foreign_onnx_files_give_their_expected_errors() {
        let models = Path::new(env!("CARGO_MANIFEST_DIR")).join("../models");
        let info: serde_json::Value =
            serde_json::from_slice(&std::fs::read(models.join("image_features/model.json")).unwrap()).unwrap();
        let shape = |value: &serde_json::Value| -> Vec<usize> {
            value.as_array().unwrap().iter().map(|size| size.as_u64().unwrap() as usize).collect()
        };
        let input = shape(&info["input"]["shape"]);
        let outputs: Vec<Vec<usize>> =
            info["outputs"].as_array().unwrap().iter().map(|output| shape(&output["shape"])).collect();
        let problems = check_bad_files(&tests_folder("onnx"), |bytes| {
            ImageFeatures::from_bytes(&onnx_to_nnef(bytes, &input, &outputs)?).map(drop)
        });
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// The archives the runtime embeds and the app serves are what `models/to_nnef.sh` makes from
    /// the ONNX files today, byte for byte.
    #[test]
    fn every_committed_nnef_archive_is_the_conversion_of_its_onnx_file() {
        let models = Path::new(env!("CARGO_MANIFEST_DIR")).join("../models");
        let mut folders: Vec<PathBuf> = std::fs::read_dir(&models)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|folder| folder.join("model.json").is_file())
            .collect();
        folders.sort();
        assert!(folders.len() >= 4, "the models of {}", models.display());
        let mut stale = Vec::new();
        for folder in folders {
            let (name, archive) = nnef_of_model_folder(&folder).unwrap();
            let committed = std::fs::read(folder.join(&name)).unwrap_or_default();
            if committed != archive {
                stale.push(folder.join(&name).display().to_string());
            }
        }
        assert!(stale.is_empty(), "out of date (run models/to_nnef.sh): {stale:?}");
    }
}
