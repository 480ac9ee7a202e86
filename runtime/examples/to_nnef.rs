//! Writes the NNEF archive of every model of `models/` next to its ONNX file (`models/to_nnef.sh`
//! runs it after a training script). The runtime embeds and loads these archives; the test
//! `tests/nnef_files.rs` fails when one differs from what this makes.
//!
//! `cargo run --release -p sprout-runtime --features onnx --example to_nnef [MODELS_FOLDER]`

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let models = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../models"), PathBuf::from);
    let mut folders: Vec<PathBuf> = match std::fs::read_dir(&models) {
        Ok(entries) => entries.filter_map(Result::ok).map(|entry| entry.path()).collect(),
        Err(error) => {
            eprintln!("{}: {error}", models.display());
            return ExitCode::FAILURE;
        }
    };
    folders.retain(|folder| folder.join("model.json").is_file());
    folders.sort();
    let mut failed = false;
    for folder in folders {
        match sprout_runtime::ai::nnef_of_model_folder(&folder) {
            Ok((name, archive)) => match std::fs::write(folder.join(&name), &archive) {
                Ok(()) => println!("{}: {} bytes", folder.join(&name).display(), archive.len()),
                Err(error) => {
                    eprintln!("{}: {error}", folder.join(&name).display());
                    failed = true;
                }
            },
            Err(error) => {
                eprintln!("{error}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
