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
//!   `sprout pack --student`): a course with a problem fails the build with the problem's file and
//!   line instead of reaching students. The pack carries each lesson's text and hints converted for
//!   display (`sprout_lessons::document`), which `src/course/document.rs` decodes. It is cut in two
//!   (`sprout_lessons::split_pack`): the index, `$OUT_DIR/course.pack`, which the app embeds (the
//!   home page, progress and the routing need nothing else), and one file per unit with its
//!   lessons' text, hints and tests, `$OUT_DIR/units/unit-DIGEST.json`, named by the first 16 hex
//!   digits of its SHA-256, which the app loads when a lesson of the unit opens
//!   (`src/course/units.rs`; scripts/course-units.mjs puts the files beside the page). The app
//!   learns each unit's file name from `$OUT_DIR/units.rs`.
//! - Makes the enums of the app's word ids from its Chinese Fluent files and copies the files the
//!   app embeds (`build/words.rs`).

#[path = "build/modules.rs"]
mod modules;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use sprout_lessons::files::load;
use sprout_lessons::messages::describe_problem;
use sprout_lessons::runtime::messages::Language;
use sprout_lessons::{build_pack, sha256, split_pack, Lesson, UnitPart};

#[path = "build/words.rs"]
mod words;

fn build_course_pack() {
    let content = Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
        .join("../lessons/content");
    println!("cargo:rerun-if-changed={}", content.display());
    let mut loaded = load(&[&content]);
    let problems = loaded.check();
    if !problems.is_empty() {
        let described: Vec<String> = problems.iter().map(|problem| describe_problem(problem, Language::En)).collect();
        panic!("the course in lessons/content has problems:\n{}", described.join("\n"));
    }
    let [course] = loaded.courses.as_slice() else {
        panic!("{} is not a course folder (it needs a course.toml)", content.display());
    };
    for lesson in &course.lessons {
        println!("cargo:rerun-if-changed={}", lesson.file);
    }
    let lessons: Vec<Lesson> = course.lessons.iter().map(|loaded| loaded.lesson.clone()).collect();
    let mut pack = build_pack(&course.course, &lessons, false);
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    // The page shows the display text the pack carries (`pack.texts`), so the app's copy drops
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
    let (index, parts) = split_pack(&pack);
    let json = serde_json::to_string(&index).expect("a pack serializes");
    std::fs::write(out.join("course.pack"), json).expect("cannot write course.pack");
    write_units(&out, &parts);
}

/// Writes each unit's part into `$OUT_DIR/units/`, named by its digest, and the table of their
/// names, `$OUT_DIR/units.rs` (see the top of this file).
fn write_units(out: &Path, parts: &[UnitPart]) {
    let folder = out.join("units");
    // An earlier build's files go: the folder holds exactly this build's units.
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("cannot make the units folder");
    let mut table = String::from(
        "/// The file of each unit of the embedded course, beside the page: the unit's id and the file's\n\
         /// name (written by build.rs).\npub const UNIT_FILES: &[(&str, &str)] = &[\n",
    );
    for part in parts {
        let json = serde_json::to_string(part).expect("a unit's part serializes");
        let digest = sha256(json.as_bytes());
        let name = format!("unit-{}.json", &digest["sha256:".len()..][..16]);
        std::fs::write(folder.join(&name), json).expect("cannot write a unit's file");
        let _ = writeln!(table, "    ({:?}, {name:?}),", part.unit);
    }
    table.push_str("];\n");
    std::fs::write(out.join("units.rs"), table).expect("cannot write units.rs");
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
