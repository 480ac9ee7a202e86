//! Finding and reading lessons and courses on disk for `sprout check` and `sprout pack`.
//!
//! A path may be a lesson file (`*.md`), a lesson folder (with `lesson.md`), a course folder (with
//! `course.toml`: every lesson below it belongs to the course) or any other folder, searched
//! recursively. Unreadable files become problems, never errors that stop the command.

use std::path::{Path, PathBuf};

use sprout_lessons::{parse_course, parse_lesson_folder, Course, FolderFiles, Lesson, Problem, ProblemCode};

/// A lesson read from disk.
pub(crate) struct LoadedLesson {
    /// The file problems are reported against.
    pub file: String,
    /// The lesson.
    pub lesson: Lesson,
}

/// A course read from disk with its lessons.
pub(crate) struct LoadedCourse {
    /// `course.toml`'s path.
    pub file: String,
    /// The course.
    pub course: Course,
    /// Its lessons.
    pub lessons: Vec<LoadedLesson>,
}

/// Everything found under the given paths.
#[derive(Default)]
pub(crate) struct Loaded {
    /// Courses.
    pub courses: Vec<LoadedCourse>,
    /// Lessons outside any course.
    pub lessons: Vec<LoadedLesson>,
    /// Files that did not parse.
    pub problems: Vec<Problem>,
    /// How many lesson files were found (parsed or not).
    pub files: usize,
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

fn read(path: &Path, problems: &mut Vec<Problem>) -> Option<Vec<u8>> {
    match std::fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(error) => {
            problems.push(Problem::new(&shown(path), ProblemCode::FileUnreadable).with("detail", error));
            None
        }
    }
}

/// Reads the lesson at `path` (a `.md` file or a lesson folder) into `lessons`.
fn load_lesson(path: &Path, loaded: &mut Loaded, lessons: &mut Vec<LoadedLesson>) {
    loaded.files += 1;
    let (markdown_path, folder) =
        if path.is_dir() { (path.join("lesson.md"), Some(path)) } else { (path.to_path_buf(), None) };
    let file = shown(&markdown_path);
    let Some(bytes) = read(&markdown_path, &mut loaded.problems) else { return };
    let extra_file = |name: &str| folder.map(|folder| folder.join(name)).filter(|path| path.is_file());
    let mut extra_bytes: Vec<(String, Vec<u8>)> = Vec::new();
    for name in ["starter.rhai", "solution.rhai", "tests.toml"] {
        if let Some(extra) = extra_file(name) {
            if let Some(bytes) = read(&extra, &mut loaded.problems) {
                extra_bytes.push((shown(&extra), bytes));
            }
        }
    }
    let find = |suffix: &str| {
        extra_bytes
            .iter()
            .find(|(name, _)| name.ends_with(suffix))
            .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
    };
    let extra =
        FolderFiles { starter: find("starter.rhai"), solution: find("solution.rhai"), tests: find("tests.toml") };
    match parse_lesson_folder(&file, &bytes, extra) {
        Ok(lesson) => lessons.push(LoadedLesson { file, lesson }),
        Err(problems) => loaded.problems.extend(problems.0),
    }
}

/// Lesson paths below `folder`, sorted: `*.md` files and folders with a `lesson.md`.
fn lesson_paths(folder: &Path, found: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) => {
            problems.push(Problem::new(&shown(folder), ProblemCode::FileUnreadable).with("detail", error));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|entry| entry.ok().map(|entry| entry.path())).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().map(|name| name.to_string_lossy().to_string()).unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            if path.join("lesson.md").is_file() {
                found.push(path);
            } else {
                lesson_paths(&path, found, problems);
            }
        } else if name.ends_with(".md") && !name.eq_ignore_ascii_case("README.md") {
            found.push(path);
        }
    }
}

/// Reads everything under `paths`.
pub(crate) fn load(paths: &[String]) -> Loaded {
    let mut loaded = Loaded::default();
    for path in paths.iter().map(PathBuf::from) {
        if path.is_dir() && path.join("course.toml").is_file() {
            let course_file = path.join("course.toml");
            let Some(bytes) = read(&course_file, &mut loaded.problems) else { continue };
            let course = match parse_course(&shown(&course_file), &bytes) {
                Ok(course) => course,
                Err(problems) => {
                    loaded.problems.extend(problems.0);
                    continue;
                }
            };
            let mut found = Vec::new();
            lesson_paths(&path, &mut found, &mut loaded.problems);
            let mut lessons = Vec::new();
            for lesson_path in found {
                load_lesson(&lesson_path, &mut loaded, &mut lessons);
            }
            loaded.courses.push(LoadedCourse { file: shown(&course_file), course, lessons });
        } else if path.is_dir() && !path.join("lesson.md").is_file() {
            let mut found = Vec::new();
            lesson_paths(&path, &mut found, &mut loaded.problems);
            let mut lessons = Vec::new();
            for lesson_path in found {
                load_lesson(&lesson_path, &mut loaded, &mut lessons);
            }
            loaded.lessons.extend(lessons);
        } else if path.exists() {
            let mut lessons = Vec::new();
            load_lesson(&path, &mut loaded, &mut lessons);
            loaded.lessons.extend(lessons);
        } else {
            loaded.problems.push(
                Problem::new(&shown(&path), ProblemCode::FileUnreadable).with("detail", "no such file or folder"),
            );
        }
    }
    loaded
}
