//! What several of this crate's integration tests share.

use std::path::{Path, PathBuf};

/// Every lesson file (`.md`) under `folder`, in the order the folder lists them.
pub fn lesson_files(folder: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(folder).expect("a readable folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            lesson_files(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "md") {
            found.push(path);
        }
    }
}
