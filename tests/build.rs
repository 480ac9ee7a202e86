//! Compiles the curriculum (every lesson file and every submission of `lessons/tests/submissions`)
//! into the test crate, so that the native test and the wasm test in Chromium grade the very same
//! texts without reading files (a browser has none). The lesson files are the ones `sprout check`
//! finds (`sprout_lessons::files`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The submissions: `.rhai` files below `folder` (one folder per lesson), sorted.
fn files_under(folder: &Path, extension: &str, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    let mut entries: Vec<PathBuf> = entries.filter_map(|entry| entry.ok().map(|entry| entry.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, extension, found);
        } else if path.extension().is_some_and(|found| found == extension) {
            found.push(path);
        }
    }
}

fn main() {
    let lessons_crate =
        Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")).join("../lessons");
    let content = lessons_crate.join("content");
    let submissions = lessons_crate.join("tests/submissions");
    println!("cargo:rerun-if-changed={}", content.display());
    println!("cargo:rerun-if-changed={}", submissions.display());
    let mut code = String::new();
    let (lesson_files, problems) = sprout_lessons::files::lesson_paths(&content);
    assert!(problems.is_empty(), "cannot read the curriculum: {problems:?}");
    code.push_str("/// Every lesson file of the curriculum: (path below `lessons/content`, text).\n");
    code.push_str("pub const LESSON_FILES: &[(&str, &str)] = &[\n");
    for path in &lesson_files {
        assert!(path.is_file(), "{}: the curriculum's lessons are single files", path.display());
        println!("cargo:rerun-if-changed={}", path.display());
        let relative = path.strip_prefix(&content).expect("below content").display().to_string();
        let _ = writeln!(
            code,
            "    ({relative:?}, include_str!({:?})),",
            path.canonicalize().expect("exists").display().to_string()
        );
    }
    code.push_str("];\n");
    let mut submission_files = Vec::new();
    files_under(&submissions, "rhai", &mut submission_files);
    code.push_str("/// Every submission: (lesson id, file name, code).\n");
    code.push_str("pub const SUBMISSIONS: &[(&str, &str, &str)] = &[\n");
    for path in &submission_files {
        println!("cargo:rerun-if-changed={}", path.display());
        let lesson = path
            .parent()
            .and_then(|folder| folder.file_name())
            .map(|name| name.to_string_lossy().to_string())
            .unwrap_or_default();
        let name = path.file_name().map(|name| name.to_string_lossy().to_string()).unwrap_or_default();
        let _ = writeln!(
            code,
            "    ({lesson:?}, {name:?}, include_str!({:?})),",
            path.canonicalize().expect("exists").display().to_string()
        );
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("curriculum.rs");
    std::fs::write(out, code).expect("write curriculum.rs");
}
