//! Three jobs at build time:
//!
//! - Links the app's wasm binaries (the first screen's `app` and every lazily loaded module of
//!   app/modules.json) with a 16 MiB stack instead of wasm's default 1 MiB, for their workers
//!   (the classroom module's runs the lesson editor's reference solutions): programs may recurse
//!   up to the run's call-depth limit and build deep values; the sandbox suite
//!   (`runtime/tests/sandbox.rs`) proves the runtime safe with this stack size, so the workers in
//!   the browser get the same. The page's instances of the modules reserve it too, unused.
//! - Writes the app's list of lazily loaded modules from app/modules.json (`build/modules.rs`).
//! - Builds the students' copy of the course in `lessons/content` (the same checks and pack as
//!   `sprout pack --student`) into `$OUT_DIR/course.pack`, which the app embeds: the app works
//!   with no server and no network, and a course with a problem fails the build with the problem's
//!   file and line instead of reaching students. The pack carries each lesson's text and hints
//!   converted for display (`sprout_lessons::document`), which `src/course/document.rs` decodes.
//! - Makes the enums of the app's word ids from its Chinese Fluent files and copies the files the
//!   app embeds (`build/words.rs`).

#[path = "build/modules.rs"]
mod modules;

use std::path::{Path, PathBuf};

use sprout_lessons::messages::describe_problem;
use sprout_lessons::runtime::messages::Language;
use sprout_lessons::{build_pack, check_course, check_lesson, parse_course, parse_lesson};

#[path = "build/words.rs"]
mod words;

fn lesson_files(folder: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", folder.display()))
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            lesson_files(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "md") {
            found.push(path);
        }
    }
}

fn build_course_pack() {
    let content = Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
        .join("../lessons/content");
    println!("cargo:rerun-if-changed={}", content.display());
    let course_file = content.join("course.toml");
    let read =
        |path: &Path| std::fs::read(path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    let mut problems = Vec::new();
    let course = match parse_course(&course_file.display().to_string(), &read(&course_file)) {
        Ok(course) => Some(course),
        Err(found) => {
            problems.extend(found.0);
            None
        }
    };
    let mut files = Vec::new();
    lesson_files(&content, &mut files);
    let mut lessons = Vec::new();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.display().to_string();
        match parse_lesson(&name, &read(path)) {
            Ok(mut lesson) => {
                problems.extend(check_lesson(&mut lesson, &name));
                lessons.push((name, lesson));
            }
            Err(found) => problems.extend(found.0),
        }
    }
    if let Some(course) = &course {
        problems.extend(check_course(&course_file.display().to_string(), course, &lessons));
    }
    if !problems.is_empty() {
        let described: Vec<String> = problems.iter().map(|problem| describe_problem(problem, Language::En)).collect();
        panic!("the course in lessons/content has problems:\n{}", described.join("\n"));
    }
    let course = course.expect("no problems, so the course parsed");
    let lessons: Vec<_> = lessons.into_iter().map(|(_, lesson)| lesson).collect();
    let mut pack = build_pack(&course, &lessons, false);
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    // The page shows the display text the pack carries (`pack.texts`), so the embedded pack drops
    // the Markdown instead of carrying it twice. Each hint becomes an empty string rather than
    // going away: the app counts a lesson's hints (`lesson.hints.len()`, in app.rs and progress.rs)
    // and sends the lesson, hints and all, to the worker to grade. Nothing needs the Markdown
    // itself: grading ignores it, and the pack's `content_hash` is a stored field, computed by
    // `build_pack` over the full text above; the app never recomputes it, only copies it into
    // result files (progress.rs), so they still name the same pack as `sprout pack --student`.
    for lesson in &mut pack.lessons {
        lesson.text.clear();
        lesson.hints.iter_mut().for_each(String::clear);
    }
    let json = serde_json::to_string(&pack).expect("a pack serializes");
    std::fs::write(out.join("course.pack"), json).expect("cannot write course.pack");
}

/// The stack every wasm binary of the app is linked with (see the top of this file).
const STACK_BYTES: usize = 16 * 1024 * 1024;

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bin=app=-zstack-size={STACK_BYTES}");
    }
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    modules::generate(&manifest_dir.join("modules.json"), &out_dir, STACK_BYTES);
    words::generate(&manifest_dir, &out_dir);
    // Checking the course runs every reference solution; deep recursion needs a big stack.
    std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(build_course_pack)
        .expect("a build thread")
        .join()
        .unwrap_or_else(|_| std::process::exit(1));
}
