//! Lessons and grading for Sprout: the lesson format (docs/lesson-format.md), the grader, courses,
//! lesson packs and result files (docs/result-format.md).
//!
//! Like `sprout-runtime`, this crate is host-free: it takes bytes and returns data, so the app's
//! worker, `sprout check`/`pack`/`grade` and the tests all run the same code natively and in wasm.
//! The one exception is `files` (cargo feature `fs`, native hosts only), which finds and reads
//! lesson files and courses on disk for the CLI, the app's build script and the tests.
//!
//! ```
//! use sprout_lessons::{check_lesson, grade, parse_lesson, Selection, Verdict};
//!
//! let file = "+++\nid = \"double\"\ntitle = { zh = \"翻倍\" }\n+++\n\n```rhai solution\nfn double(x) { x * 2 }\n```\n\n```hint\n乘以 2。\n```\n\n```tests\n[[test]]\nkind = \"call\"\ncall = \"double(21)\"\nexpect = \"42\"\n```\n";
//! let mut lesson = parse_lesson("double.md", file.as_bytes()).expect("a valid lesson");
//! assert!(check_lesson(&mut lesson, "double.md").is_empty());
//! let result = grade(&lesson, "fn double(x) { x + 2 }", Selection::All);
//! assert_eq!(result.tests[0].verdict, Verdict::WrongAnswer);
//! assert_eq!(result.score, 0);
//! ```

// A panic in the host-free crates is a bug that stops a student's run or a judge's grading:
// failures are values here, so `unwrap` and `expect` are refused outside tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod check;
mod course;
mod csv;
pub mod document;
#[cfg(feature = "fs")]
pub mod files;
mod generate;
mod grade;
pub mod messages;
mod model;
mod overview;
mod pack;
mod parse;
mod problem;
mod regrade;
mod result;
pub mod shapes;
mod split;
pub mod time;
pub mod zip;

pub use check::{check_contest_problem, check_contest_problem_watched, check_lesson, check_lesson_watched};
pub use course::{check_course, parse_course, Course, CourseKind, Unit};
pub use csv::{csv_line, CSV_BOM};
pub use document::LessonText;
pub use generate::Generator;
pub use grade::{
    grade, grade_watched, grade_with_drawings, resolve, run_input, score, weight_sum, DrawingDifference, Feedback,
    FeedbackCode, Grade, Selection, TestGrade, Verdict, Watchdog, PICTURED_SHAPES,
};
pub use model::{CallCase, Check, Lesson, OutputMatch, Test, Title, Tool};
pub use overview::{Cell, FailedTest, FileFlag, LessonColumn, Overview, Row, Unreadable, HISTOGRAM_BINS, MOST_FAILED};
pub use pack::{
    build_pack, content_hash, read_pack, sha256, Pack, MAX_PACK_BYTES, MAX_PACK_LESSONS, PACK_FORMAT, PACK_VERSION,
};
pub use parse::{
    decode, is_blank, is_valid_id, parse_lesson, parse_lesson_folder, FolderFiles, LessonSource, MAX_DURATION_MS,
    MAX_LESSON_BYTES, MAX_POINTS, MAX_TESTS, MAX_TEST_POINTS,
};
pub use problem::{Problem, ProblemCode, Problems};
pub use regrade::{flag_same_student, regrade, regrade_with, Flag, JudgeHost, LessonRegrade, Regrade};
pub use result::{
    read_result, Claim, LessonResult, PackReference, ResultFile, Student, MAX_HAND_IN_BYTES, RESULT_FORMAT,
    RESULT_VERSION,
};
pub use split::{join_unit, split_pack, JoinError, LessonPart, UnitPart};
pub use sprout_runtime as runtime;
