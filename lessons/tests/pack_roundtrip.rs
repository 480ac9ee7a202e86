//! The curriculum packed and read back: both copies (full and students') must read back equal and
//! pass their content-hash check. Expected answers are decimals computed by the reference
//! solutions; a JSON reader that rounds the last digit would make every real pack "changed".

use std::path::{Path, PathBuf};

use sprout_lessons::{build_pack, check_lesson, parse_course, parse_lesson, read_pack};

fn lesson_files(folder: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(folder).expect("folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            lesson_files(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "md") {
            found.push(path);
        }
    }
}

#[test]
fn the_curriculum_packs_and_reads_back_exactly() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let course =
        parse_course("course.toml", &std::fs::read(content.join("course.toml")).expect("course")).expect("valid");
    let mut files = Vec::new();
    lesson_files(&content, &mut files);
    let lessons: Vec<_> = files
        .iter()
        .map(|path| {
            let name = path.display().to_string();
            let mut lesson = parse_lesson(&name, &std::fs::read(path).expect("readable")).expect("valid lesson");
            assert!(check_lesson(&mut lesson, &name).is_empty());
            lesson
        })
        .collect();
    for full in [true, false] {
        let pack = build_pack(&course, &lessons, full);
        let json = serde_json::to_string(&pack).expect("serializes");
        let read = read_pack("course.pack", json.as_bytes()).unwrap_or_else(|problems| panic!("{problems}"));
        assert_eq!(read, pack);
    }
}
