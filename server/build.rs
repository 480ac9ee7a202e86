//! Builds the server's copy of Sprout's own course: the FULL pack of `lessons/content` (hidden
//! tests and reference solutions included, as `sprout pack` without `--student` makes it), written
//! to `$OUT_DIR/course.pack` for `src/course.rs` to embed. The server grades students' checks
//! against it, hidden tests included, so its content hash is the one the students' copy carries.
//! A course with a problem fails the build with the problem's file and line.

use std::path::{Path, PathBuf};

use sprout_lessons::files::load;
use sprout_lessons::messages::describe_problem;
use sprout_lessons::runtime::messages::Language;
use sprout_lessons::{build_pack, Lesson};

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let content = Path::new(&manifest).join("../lessons/content");
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
    let pack = build_pack(&course.course, &lessons, true);
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let json = serde_json::to_string(&pack).expect("a pack serializes");
    std::fs::write(out.join("course.pack"), json).expect("cannot write course.pack");
}
