//! Lessons and courses read from disk, for the hosts that have files: `sprout check` and `sprout
//! pack`, the app's build script and the tests (cargo feature `fs`). The app's wasm never has it: a
//! browser has no files, and the rest of the crate takes bytes.
//!
//! A path may be a lesson file (`*.md`), a lesson folder (with `lesson.md`, and `starter.rhai`,
//! `solution.rhai` and `tests.toml` when it has them), a course folder (with `course.toml`: every
//! lesson below it belongs to the course) or any other folder, searched recursively. Folders are
//! read in sorted order and hidden entries (`.git`, `.DS_Store`) and `README.md` files are left
//! out, so every host finds the same lessons in the same order.
//!
//! Nothing stops at a file that cannot be read: it becomes a [`Problem`] like any other
//! (`file-unreadable`, `file-too-large`) and the rest is read. A file's size is taken from its
//! metadata and checked against [`MAX_LESSON_BYTES`] before a byte is read, and reading stops one
//! byte past the limit (a file that grows meanwhile, a device with no size), so a huge file given
//! by mistake is refused without being read.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::check::{check_contest_problem_watched, check_lesson_watched};
use crate::course::{check_course, parse_course, Course, CourseKind};
use crate::grade::Watchdog;
use crate::model::Lesson;
use crate::parse::{parse_lesson_folder, FolderFiles, MAX_LESSON_BYTES};
use crate::problem::{Problem, ProblemCode};

/// A lesson read from disk.
#[derive(Clone, Debug)]
pub struct LoadedLesson {
    /// The file its problems are reported against (`lesson.md` for a lesson folder).
    pub file: String,
    /// The lesson, as parsed (expected answers resolved only once [`Loaded::check`] ran).
    pub lesson: Lesson,
}

/// A course read from disk with its lessons.
#[derive(Clone, Debug)]
pub struct LoadedCourse {
    /// `course.toml`'s path.
    pub file: String,
    /// The course.
    pub course: Course,
    /// Every lesson found below the course's folder, in path order.
    pub lessons: Vec<LoadedLesson>,
}

/// Everything found under some paths.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    /// Courses.
    pub courses: Vec<LoadedCourse>,
    /// Lessons outside any course.
    pub lessons: Vec<LoadedLesson>,
    /// Files that could not be read or did not parse.
    pub problems: Vec<Problem>,
    /// How many lesson files were found, read or not.
    pub files: usize,
}

/// The files a lesson folder may have besides `lesson.md`.
const FOLDER_FILES: [&str; 3] = ["starter.rhai", "solution.rhai", "tests.toml"];

fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// Reads the file at `path` if it holds at most `limit` bytes.
pub fn read_file(path: &Path, limit: usize) -> Result<Vec<u8>, Problem> {
    let file = shown(path);
    let unreadable = |error: std::io::Error| Problem::new(&file, ProblemCode::FileUnreadable).with("detail", error);
    let too_large =
        |bytes: u64| Problem::new(&file, ProblemCode::FileTooLarge).with("bytes", bytes).with("limit", limit);
    let opened = std::fs::File::open(path).map_err(unreadable)?;
    let metadata = opened.metadata().map_err(unreadable)?;
    // A folder opens like a file on some systems, with a size that means nothing.
    if metadata.is_dir() {
        return Err(unreadable(std::io::ErrorKind::IsADirectory.into()));
    }
    let size = metadata.len();
    let limit_bytes = u64::try_from(limit).unwrap_or(u64::MAX);
    if size > limit_bytes {
        return Err(too_large(size));
    }
    let mut bytes = Vec::new();
    opened.take(limit_bytes.saturating_add(1)).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The lessons below `folder`, sorted: `*.md` files (but `README.md`) and lesson folders (with a
/// `lesson.md`), hidden entries left out; with the folders that could not be listed.
pub fn lesson_paths(folder: &Path) -> (Vec<PathBuf>, Vec<Problem>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    find_lessons(folder, &mut found, &mut problems);
    (found, problems)
}

fn find_lessons(folder: &Path, found: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
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
                find_lessons(&path, found, problems);
            }
        } else if name.ends_with(".md") && !name.eq_ignore_ascii_case("README.md") {
            found.push(path);
        }
    }
}

/// Reads everything under `paths` (see the module's documentation for what a path may be). A
/// path that does not exist is a problem too.
pub fn load(paths: &[impl AsRef<Path>]) -> Loaded {
    let mut loaded = Loaded::default();
    for path in paths.iter().map(AsRef::as_ref) {
        if path.is_dir() && path.join("course.toml").is_file() {
            loaded.load_course(path);
        } else if path.is_dir() && !path.join("lesson.md").is_file() {
            let lessons = loaded.load_folder(path);
            loaded.lessons.extend(lessons);
        } else if path.exists() {
            let lesson = loaded.load_lesson(path);
            loaded.lessons.extend(lesson);
        } else {
            loaded
                .problems
                .push(Problem::new(&shown(path), ProblemCode::FileUnreadable).with("detail", "no such file or folder"));
        }
    }
    loaded
}

impl Loaded {
    /// Reads the course in `folder`; a `course.toml` that does not parse leaves its lessons unread.
    fn load_course(&mut self, folder: &Path) {
        let course_file = folder.join("course.toml");
        let Some(bytes) = self.read(&course_file) else { return };
        let file = shown(&course_file);
        match parse_course(&file, &bytes) {
            Ok(course) => {
                let lessons = self.load_folder(folder);
                self.courses.push(LoadedCourse { file, course, lessons });
            }
            Err(problems) => self.problems.extend(problems.0),
        }
    }

    /// Reads every lesson below `folder`.
    fn load_folder(&mut self, folder: &Path) -> Vec<LoadedLesson> {
        let (paths, problems) = lesson_paths(folder);
        self.problems.extend(problems);
        paths.iter().filter_map(|path| self.load_lesson(path)).collect()
    }

    /// Reads the lesson at `path`, a `.md` file or a lesson folder.
    fn load_lesson(&mut self, path: &Path) -> Option<LoadedLesson> {
        self.files += 1;
        let is_folder = path.is_dir();
        let markdown = if is_folder { path.join("lesson.md") } else { path.to_path_buf() };
        let file = shown(&markdown);
        let bytes = self.read(&markdown)?;
        let mut extra: Vec<(String, Vec<u8>)> = Vec::new();
        for name in FOLDER_FILES.iter().filter(|_| is_folder) {
            let extra_path = path.join(name);
            if extra_path.is_file() {
                extra.extend(self.read(&extra_path).map(|bytes| (shown(&extra_path), bytes)));
            }
        }
        let find = |suffix: &str| {
            extra.iter().find(|(name, _)| name.ends_with(suffix)).map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
        };
        let folder_files = FolderFiles {
            starter: find(FOLDER_FILES[0]),
            solution: find(FOLDER_FILES[1]),
            tests: find(FOLDER_FILES[2]),
        };
        match parse_lesson_folder(&file, &bytes, folder_files) {
            Ok(lesson) => Some(LoadedLesson { file, lesson }),
            Err(problems) => {
                self.problems.extend(problems.0);
                None
            }
        }
    }

    fn read(&mut self, path: &Path) -> Option<Vec<u8>> {
        read_file(path, MAX_LESSON_BYTES).map_err(|problem| self.problems.push(problem)).ok()
    }

    /// Checks everything loaded as `sprout check` does: every lesson with [`check_lesson`] (which
    /// runs its reference solution and resolves its expected answers in place; a contest's problems
    /// with [`check_contest_problem`], which asks for no hint), every course with
    /// [`check_course`], and the ids of lessons outside a course against each other. Returns the
    /// problems of loading (taken out of [`Loaded::problems`]) and then those of checking.
    ///
    /// Reference solutions may recurse deeply: call it on a thread with a big stack, as the CLI does.
    pub fn check(&mut self) -> Vec<Problem> {
        self.check_watched(None)
    }

    /// [`Loaded::check`] with every run under `watchdog`, when there is one (see [`Watchdog`]).
    pub fn check_watched(&mut self, watchdog: Option<Watchdog>) -> Vec<Problem> {
        let mut problems = std::mem::take(&mut self.problems);
        for course in &mut self.courses {
            // A contest shows no hints, so its problems are not asked for any.
            let check = if course.course.kind == CourseKind::Contest {
                check_contest_problem_watched
            } else {
                check_lesson_watched
            };
            for loaded in &mut course.lessons {
                problems.extend(check(&mut loaded.lesson, &loaded.file, watchdog));
            }
            let lessons: Vec<(String, Lesson)> =
                course.lessons.iter().map(|loaded| (loaded.file.clone(), loaded.lesson.clone())).collect();
            problems.extend(check_course(&course.file, &course.course, &lessons));
        }
        // A course checks its own lessons' ids (check_course); loose lessons are checked here.
        let mut first_file_of_id: BTreeMap<String, String> = BTreeMap::new();
        for loaded in &mut self.lessons {
            match first_file_of_id.get(&loaded.lesson.id) {
                Some(other) => problems.push(
                    Problem::new(&loaded.file, ProblemCode::DuplicateLesson)
                        .with("id", &loaded.lesson.id)
                        .with("other", other),
                ),
                None => {
                    first_file_of_id.insert(loaded.lesson.id.clone(), loaded.file.clone());
                }
            }
            problems.extend(check_lesson_watched(&mut loaded.lesson, &loaded.file, watchdog));
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder of its own under the system's temporary folder, removed when dropped.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Scratch {
            let folder = std::env::temp_dir().join(format!("sprout-files-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&folder);
            std::fs::create_dir_all(&folder).expect("a scratch folder");
            Scratch(folder)
        }

        /// Writes `text` at `relative`, with the folders it needs.
        fn write(&self, relative: &str, text: &str) -> PathBuf {
            let path = self.0.join(relative);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
            std::fs::write(&path, text).expect("a file");
            path
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// `read_file(path, 10)` gives `expected`: `N bytes`, or the problem as `sprout check` logs it
    /// without the file.
    fn check_read(path: &Path, expected: &str) {
        let file = path.display().to_string();
        let actual = match read_file(path, 10) {
            Ok(bytes) => format!("{} bytes", bytes.len()),
            Err(problem) => problem.to_string().replacen(&format!("{file}: "), "", 1),
        };
        assert_eq!(actual, expected, "{file}");
    }

    #[test]
    fn files_are_read_up_to_their_limit_and_refused_by_their_size_beyond_it() {
        let scratch = Scratch::new("read");
        check_read(&scratch.write("ten.md", "0123456789"), "10 bytes");
        check_read(&scratch.write("empty.md", ""), "0 bytes");
        check_read(&scratch.write("eleven.md", "0123456789a"), "file-too-large (bytes = 11, limit = 10)");
        // Sparse: 1.5 GB by its metadata, no disk. The size in the problem is the whole file's,
        // which only its metadata tells without reading it (reading stops past the limit, below).
        let huge = scratch.0.join("huge.md");
        std::fs::File::create(&huge).and_then(|file| file.set_len(1_500_000_000)).expect("a sparse file");
        check_read(&huge, "file-too-large (bytes = 1500000000, limit = 10)");
        let missing = scratch.0.join("missing.md");
        let not_found = std::fs::File::open(&missing).expect_err("no file");
        check_read(&missing, &format!("file-unreadable (detail = {not_found})"));
        check_read(&scratch.0, "file-unreadable (detail = is a directory)");
    }

    #[cfg(unix)]
    #[test]
    fn reading_stops_past_the_limit_when_the_size_is_unknown() {
        // A device reports no size and never ends: read whole, it would exhaust the memory.
        check_read(Path::new("/dev/zero"), "file-too-large (bytes = 11, limit = 10)");
    }

    #[test]
    fn lessons_are_found_in_sorted_order_without_hidden_files_or_readmes() {
        let scratch = Scratch::new("find");
        for file in [
            "b.md",
            "a/z.md",
            "a/README.md",
            "a/notes.txt",
            "a/.hidden.md",
            ".git/x.md",
            "folder-lesson/lesson.md",
            "folder-lesson/extra.md",
            "c/deeper/y.md",
        ] {
            scratch.write(file, "");
        }
        let (found, problems) = lesson_paths(&scratch.0);
        let relative: Vec<String> =
            found.iter().map(|path| path.strip_prefix(&scratch.0).expect("below").display().to_string()).collect();
        assert_eq!(relative, ["a/z.md", "b.md", "c/deeper/y.md", "folder-lesson"]);
        assert!(problems.is_empty(), "{problems:?}");
        let (found, problems) = lesson_paths(&scratch.0.join("nowhere"));
        assert!(found.is_empty());
        assert_eq!(problems.iter().map(|problem| problem.code).collect::<Vec<_>>(), [ProblemCode::FileUnreadable]);
    }
}
