//! Corrupt and foreign model files give a translated error, never a panic.
//!
//! `tests/onnx/` holds files made by its `make.py`: empty, truncated, random bytes, a picture, text,
//! a gzipped model, valid models of other shapes, an unknown operator, a broken graph, data said to
//! live in another file. `tests/onnx/expected.txt` names the error each must give when loaded as
//! the image feature extractor, the one model hosts load from bytes.

#![cfg(feature = "ai")]

use std::collections::BTreeMap;
use std::path::Path;

use sprout_runtime::ai::ImageFeatures;
use sprout_runtime::messages::Language;

#[test]
fn broken_and_foreign_model_files_give_their_expected_errors() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/onnx");
    let listing = std::fs::read_to_string(folder.join("expected.txt")).unwrap();
    let expected: BTreeMap<&str, &str> = listing
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| line.split_once(" = ").expect("`file = error id`"))
        .collect();
    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "expected.txt" && name != "make.py")
        .collect();
    files.sort();
    assert_eq!(files, expected.keys().map(|name| name.to_string()).collect::<Vec<_>>(), "expected.txt lists the files");
    let mut problems = Vec::new();
    for (file, id) in &expected {
        let bytes = std::fs::read(folder.join(file)).unwrap();
        match ImageFeatures::from_bytes(&bytes) {
            Ok(_) => problems.push(format!("{file}: loaded, expected {id}")),
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
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
