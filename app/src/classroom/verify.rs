//! The lesson editor's Verify, and the classroom module's own worker that runs it.
//!
//! Verify does what `sprout check` does to one lesson file: reads it (`parse_lesson`), then runs
//! its reference solution to compute every expected answer and checks that the solution passes
//! every test and the starter does not (`check_lesson`). Running the teacher's code can take the
//! run's whole operation budget, so it happens in a worker, never on the page: the classroom module
//! started as a worker in the verify role serves [`VerifyRequest`]s ([`serve`]; the page's side is
//! [`spawn`]).
//!
//! It finds the same problems as `sprout check` but says them in the teacher's language, for the
//! editor's pieces rather than a file the teacher never sees (issue #21): each at the line of the
//! piece it is in (the tests' line 3, not the file's line 17), a test by its own name (or its
//! number, never the `t1` the parser makes up), a wrong solution by what it gave and what the test
//! expected, and the TOML parser's English turned into a sentence about the mistake.

use serde::{Deserialize, Serialize};
use sprout_lessons::messages::{describe_feedback, message, verdict_name};
use sprout_lessons::{
    check_lesson, grade, parse_lesson, run_input, Check, FeedbackCode, Lesson, LessonSource, Problem, ProblemCode,
    Selection, TestGrade, Verdict,
};
use sprout_runtime::messages::Language;
use yew::Callback;

use super::i18n::{class_tr, class_tr_with, ClassText};
use crate::modules::{start_worker, LazyModule, WorkerRole};
use crate::workers::link::{LinkEvent, WorkerLink};
use crate::workers::serve::Replies;

/// The file name problems are reported against.
pub const LESSON_FILE: &str = "lesson.md";

/// The lesson's pieces as the editor holds them (`LessonSource`'s fields), sent to the worker as
/// they are, so that problems can be put back on the pieces' own lines.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pieces {
    front_matter: String,
    text: String,
    starter: String,
    solution: String,
    hints: Vec<String>,
    tests: String,
}

impl From<&LessonSource> for Pieces {
    fn from(source: &LessonSource) -> Self {
        Pieces {
            front_matter: source.front_matter.clone(),
            text: source.text.clone(),
            starter: source.starter.clone(),
            solution: source.solution.clone(),
            hints: source.hints.clone(),
            tests: source.tests.clone(),
        }
    }
}

impl Pieces {
    fn source(&self) -> LessonSource {
        LessonSource {
            front_matter: self.front_matter.clone(),
            text: self.text.clone(),
            starter: self.starter.clone(),
            solution: self.solution.clone(),
            hints: self.hints.clone(),
            tests: self.tests.clone(),
        }
    }
}

/// A lesson to verify.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyRequest {
    /// Counts the editor's presses of Verify: only the latest reply is shown.
    pub id: u32,
    /// The lesson's pieces; the file verified is `LessonSource::to_file` of them.
    pub pieces: Pieces,
}

/// The worker's answer: a verified lesson file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verified {
    /// The request this answers.
    pub id: u32,
    /// Every problem, in every language, as the editor shows them (see the module's comment).
    pub problems: Vec<(Language, Vec<String>)>,
    /// The lesson with its expected answers computed, when there is no problem: what goes into a
    /// pack.
    pub lesson: Option<Lesson>,
}

impl Verified {
    /// The problems in `language`.
    pub fn problems(&self, language: Language) -> &[String] {
        self.problems.iter().find(|(candidate, _)| *candidate == language).map_or(&[], |(_, problems)| problems)
    }
}

/// One of the pieces the editor shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Piece {
    FrontMatter,
    Text,
    Starter,
    Solution,
    /// A hint, by its index.
    Hint(usize),
    Tests,
}

impl Piece {
    fn name(self, language: Language) -> String {
        match self {
            Piece::FrontMatter => class_tr(language, ClassText::PieceFront).to_string(),
            Piece::Text => class_tr(language, ClassText::PieceText).to_string(),
            Piece::Starter => class_tr(language, ClassText::PieceStarter).to_string(),
            Piece::Solution => class_tr(language, ClassText::PieceSolution).to_string(),
            Piece::Hint(index) => class_tr_with(language, ClassText::PieceHint, &[("number", (index + 1).to_string())]),
            Piece::Tests => class_tr(language, ClassText::PieceTests).to_string(),
        }
    }
}

/// Where a piece is in the lesson file `LessonSource::to_file` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Placed {
    piece: Piece,
    /// The file line of the piece's first line.
    first_line: usize,
    /// How many lines it has there.
    lines: usize,
    /// Lines the file leaves out before it (the text is written trimmed).
    left_out: usize,
}

/// A `[[test]]` of the tests piece, as the teacher wrote it: where it starts and what it is called.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct TestEntry {
    /// The piece's line of its `[[test]]`.
    line: usize,
    id: Option<String>,
    name: Option<String>,
}

/// The pieces' places in the lesson file, and the tests piece's tests.
struct Layout {
    placed: Vec<Placed>,
    tests: Vec<TestEntry>,
}

fn line_count(text: &str) -> usize {
    text.split('\n').count()
}

impl Layout {
    /// The places `LessonSource::to_file` gives the pieces (this follows its layout: `+++`, the
    /// front matter, `+++`, an empty line, the trimmed text, then per block an empty line, the
    /// fence, the content and the fence; `pieces_are_found_where_the_file_has_them` holds the two
    /// together).
    fn of(source: &LessonSource) -> Layout {
        let mut placed = Vec::new();
        let front = source.front_matter.trim_end();
        placed.push(Placed { piece: Piece::FrontMatter, first_line: 2, lines: line_count(front), left_out: 0 });
        let mut next = 2 + line_count(front) + 2;
        let text = source.text.trim();
        let before_text = &source.text[..source.text.len() - source.text.trim_start().len()];
        let left_out = before_text.matches('\n').count();
        placed.push(Placed { piece: Piece::Text, first_line: next, lines: line_count(text), left_out });
        next += line_count(text);
        let mut blocks: Vec<(Piece, &str)> = Vec::new();
        if !source.starter.trim().is_empty() {
            blocks.push((Piece::Starter, &source.starter));
        }
        blocks.push((Piece::Solution, &source.solution));
        blocks.extend(source.hints.iter().enumerate().map(|(index, hint)| (Piece::Hint(index), hint.as_str())));
        blocks.push((Piece::Tests, &source.tests));
        for (piece, content) in blocks {
            let lines = line_count(content.trim_end_matches('\n'));
            placed.push(Placed { piece, first_line: next + 2, lines, left_out: 0 });
            next += 3 + lines;
        }
        Layout { placed, tests: test_entries(&source.tests) }
    }

    /// The piece and its own line of file line `line`, when the line is in a piece. The line just
    /// after a piece is its last: a reader that met the end of a piece (an array never closed)
    /// reports the line after it, which the teacher sees as the piece's end.
    fn place(&self, line: usize) -> Option<(Piece, usize)> {
        self.placed.iter().find(|placed| (placed.first_line..=placed.first_line + placed.lines).contains(&line)).map(
            |placed| {
                (placed.piece, line.min(placed.first_line + placed.lines - 1) - placed.first_line + 1 + placed.left_out)
            },
        )
    }

    /// The test a problem's `test` argument names: the test with that id, or else the n-th test
    /// for the parser's `t<n>`.
    fn test(&self, named: &str) -> Option<(usize, &TestEntry)> {
        let by_id = self.tests.iter().enumerate().find(|(_, test)| test.id.as_deref() == Some(named));
        by_id.or_else(|| {
            let number: usize = named.strip_prefix('t')?.parse().ok()?;
            self.tests.get(number.checked_sub(1)?).map(|test| (number - 1, test))
        })
    }

    /// The test whose lines hold the tests piece's line `line`.
    fn test_at(&self, line: usize) -> Option<(usize, &TestEntry)> {
        self.tests.iter().enumerate().rev().find(|(_, test)| test.line <= line)
    }
}

/// The `[[test]]` tables of a tests piece, read line by line (the piece may not be valid TOML: the
/// names are wanted most when it is not).
fn test_entries(tests: &str) -> Vec<TestEntry> {
    let mut entries: Vec<TestEntry> = Vec::new();
    for (index, line) in tests.lines().enumerate() {
        let compact: String = line.chars().filter(|character| !character.is_whitespace()).collect();
        if compact == "[[test]]" {
            entries.push(TestEntry { line: index + 1, ..TestEntry::default() });
            continue;
        }
        let (Some(entry), Some((key, value))) = (entries.last_mut(), line.split_once('=')) else { continue };
        let value = value.trim();
        let quoted = ['"', '\''].iter().find_map(|quote| {
            value.strip_prefix(*quote).and_then(|rest| rest.find(*quote).map(|end| rest[..end].to_string()))
        });
        match (key.trim(), quoted) {
            ("id", Some(id)) => entry.id = Some(id),
            ("name", Some(name)) => entry.name = Some(name),
            _ => {}
        }
    }
    entries
}

/// A test as the teacher knows it: by its name, else its id, else its number.
fn test_label(language: Language, index: usize, test: &TestEntry) -> String {
    match test.name.as_ref().or(test.id.as_ref()) {
        Some(name) => class_tr_with(language, ClassText::TestNamed, &[("name", name.clone())]),
        None => class_tr_with(language, ClassText::TestNumbered, &[("number", (index + 1).to_string())]),
    }
}

/// The TOML reader's English (`unclosed array, expected ']'`) as a sentence about the mistake.
fn toml_detail(language: Language, detail: &str) -> String {
    let lower = detail.to_lowercase();
    let quoted = detail.split('`').nth(1).unwrap_or_default().to_string();
    let (text, args): (ClassText, Vec<(&str, String)>) = if lower.contains("duplicate key") {
        (ClassText::TomlDuplicate, Vec::new())
    } else if lower.contains("missing field") {
        (ClassText::TomlMissingField, vec![("field", quoted)])
    } else if lower.contains("unknown field") {
        (ClassText::TomlUnknownField, vec![("field", quoted)])
    } else if lower.contains("invalid type") {
        (ClassText::TomlType, Vec::new())
    } else if lower.contains("inline table") || lower.contains('}') {
        (ClassText::TomlBraces, Vec::new())
    } else if lower.contains("array") || lower.contains(']') {
        (ClassText::TomlArray, Vec::new())
    } else if lower.contains("string") || lower.contains("quote") {
        (ClassText::TomlQuote, Vec::new())
    } else if lower.contains("assignment") || lower.contains("key") || lower.contains('=') {
        (ClassText::TomlAssignment, Vec::new())
    } else if lower.contains("value") {
        (ClassText::TomlValue, Vec::new())
    } else {
        (ClassText::TomlOther, Vec::new())
    };
    class_tr_with(language, text, &args)
}

/// A test key's problem (the parser's English, `expected a whole number`) in words.
fn field_detail(language: Language, detail: &str) -> String {
    let text = [
        ("expected a string in quotes", ClassText::FieldQuotes),
        ("is outside", ClassText::FieldRange),
        ("expected a whole number", ClassText::FieldWhole),
        ("expected a number", ClassText::FieldNumber),
        ("expected true or false", ClassText::FieldBool),
        ("expected a list of strings", ClassText::FieldList),
        ("expected a call", ClassText::FieldCall),
        ("expected a function name", ClassText::FieldFunction),
        ("expected a list of times", ClassText::FieldTimes),
        ("fn check(run)", ClassText::FieldChecker),
    ]
    .iter()
    .find(|(english, _)| detail.contains(english))
    .map_or(ClassText::FieldOther, |(_, text)| *text);
    class_tr(language, text).to_string()
}

/// `problem` in the editor's words; `failures` are the solution's failed tests, by test id.
fn describe(
    language: Language,
    layout: &Layout,
    problem: &Problem,
    failures: &[(TestGrade, Option<String>)],
) -> String {
    let named = problem.args.get("test").and_then(|test| layout.test(test));
    let (piece, line) = match problem.line.and_then(|line| layout.place(line)) {
        Some((piece, line)) => (Some(piece), Some(line)),
        None => match problem.code {
            ProblemCode::StarterPasses => (Some(Piece::Starter), None),
            ProblemCode::MissingSolution => (Some(Piece::Solution), None),
            ProblemCode::MissingHint => (Some(Piece::Hint(0)), None),
            ProblemCode::MissingTests | ProblemCode::NoTests => (Some(Piece::Tests), None),
            _ => match named {
                Some((_, test)) => (Some(Piece::Tests), Some(test.line)),
                None => (None, None),
            },
        },
    };
    // The test the problem is about: named by it, or the one whose lines hold it.
    let test = named.or_else(|| match (piece, line) {
        (Some(Piece::Tests), Some(line)) => layout.test_at(line),
        _ => None,
    });
    let label = test.map(|(index, test)| test_label(language, index, test));
    let text = match problem.code {
        ProblemCode::SolutionFails | ProblemCode::CheckerBroken => {
            let test_id = problem.args.get("test").cloned().unwrap_or_default();
            let failure = failures.iter().find(|(grade, _)| grade.test_id == test_id);
            solution_failure(language, label.clone().unwrap_or_default(), problem, failure)
        }
        _ => {
            let mut args: Vec<(&str, String)> =
                problem.args.iter().map(|(name, value)| (name.as_str(), value.clone())).collect();
            for (name, value) in &mut args {
                match (*name, problem.code) {
                    ("test", _) => {
                        if let Some((index, test)) = test {
                            *value = match test.name.as_ref().or(test.id.as_ref()) {
                                Some(name) => format!("“{name}”"),
                                None => format!("#{}", index + 1),
                            };
                        }
                    }
                    ("detail", ProblemCode::BadTests | ProblemCode::BadFrontMatter) => {
                        *value = toml_detail(language, value);
                    }
                    ("detail", ProblemCode::BadField) => *value = field_detail(language, value),
                    ("field", ProblemCode::MissingField) if value.contains(" (or ") => {
                        *value = class_tr(language, ClassText::CallOrFunction).to_string();
                    }
                    ("detail", _) => *value = class_tr(language, ClassText::FieldOther).to_string(),
                    _ => {}
                }
            }
            let args: Vec<(&str, &str)> = args.iter().map(|(name, value)| (*name, value.as_str())).collect();
            message(language, &format!("problem-{}", problem.code.id()), &args).unwrap_or_default()
        }
    };
    let piece_name = piece.map(|piece| piece.name(language));
    // A problem in the tests names its test, unless its words already do.
    let label = label.filter(|_| piece == Some(Piece::Tests) && !problem.args.contains_key("test"));
    match (piece_name, line, label) {
        (Some(piece), Some(line), Some(test)) => class_tr_with(
            language,
            ClassText::VerifyAtTest,
            &[("piece", piece), ("line", line.to_string()), ("test", test), ("message", text)],
        ),
        (Some(piece), Some(line), None) => class_tr_with(
            language,
            ClassText::VerifyAtLine,
            &[("piece", piece), ("line", line.to_string()), ("message", text)],
        ),
        (Some(piece), None, _) => {
            class_tr_with(language, ClassText::VerifyInPiece, &[("piece", piece), ("message", text)])
        }
        (None, _, _) => text,
    }
}

/// What the solution did on a test it fails: the value or line it gave and what the test expected,
/// or the error it stopped with and its line; `error` is that error when the solution could not
/// even compute the expected answers.
fn solution_failure(
    language: Language,
    test: String,
    problem: &Problem,
    failure: Option<&(TestGrade, Option<String>)>,
) -> String {
    let feedback = failure.and_then(|(grade, _)| grade.feedback.as_ref());
    let arg = |name: &str| feedback.and_then(|feedback| feedback.args.get(name)).cloned().unwrap_or_default();
    let shortened = |text: String| {
        if text.chars().count() > 80 {
            format!("{}…", text.chars().take(80).collect::<String>())
        } else {
            text
        }
    };
    match feedback.map(|feedback| feedback.code) {
        Some(FeedbackCode::WrongValue) => class_tr_with(
            language,
            ClassText::SolutionWrongValue,
            &[
                ("test", test),
                ("call", arg("call")),
                ("got", shortened(arg("got"))),
                ("expected", shortened(arg("expected"))),
            ],
        ),
        Some(FeedbackCode::WrongOutput) => class_tr_with(
            language,
            ClassText::SolutionWrongOutput,
            &[
                ("test", test),
                ("line", arg("line")),
                ("got", shortened(arg("got_line"))),
                ("expected", shortened(arg("expected_line"))),
            ],
        ),
        _ => {
            let what = match failure {
                Some((_, Some(error))) => error.clone(),
                Some((grade, None)) => match &grade.feedback {
                    Some(feedback) => describe_feedback(feedback, language),
                    None => verdict_name(grade.verdict, language),
                },
                None if problem.code == ProblemCode::CheckerBroken => {
                    class_tr(language, ClassText::CheckerBroken).to_string()
                }
                None => class_tr(language, ClassText::FieldOther).to_string(),
            };
            class_tr_with(language, ClassText::SolutionOther, &[("test", test), ("what", what)])
        }
    }
}

/// The solution's failed tests, with feedback even on hidden tests (the teacher wrote them), and,
/// where the solution stops with an error, that error in words with the solution's line.
fn solution_failures(lesson: &Lesson, language: Language) -> Vec<(TestGrade, Option<String>)> {
    let Some(solution) = lesson.solution.as_deref() else { return Vec::new() };
    let mut open = lesson.clone();
    for test in &mut open.tests {
        test.hidden = false;
    }
    grade(&open, solution, Selection::All)
        .tests
        .into_iter()
        .filter(|graded| graded.verdict != Verdict::Passed)
        .map(|graded| {
            let test = open.tests.iter().find(|test| test.id == graded.test_id);
            let error = test.and_then(|test| {
                let input = run_input(lesson, test);
                // A call test's error is in the call; another test's, in the program's run.
                let diagnostic = match &test.check {
                    Check::Call { function, cases, .. } => cases.iter().find_map(|case| {
                        sprout_runtime::call(solution, &input, function, &case.arguments).run.diagnostic().cloned()
                    }),
                    _ => sprout_runtime::run(solution, &input).diagnostic().cloned(),
                }?;
                let words = sprout_runtime::messages::describe(&diagnostic, language).text;
                Some(match &diagnostic.position {
                    Some(position) => class_tr_with(
                        language,
                        ClassText::SolutionErrorAt,
                        &[("line", position.line.to_string()), ("error", words)],
                    ),
                    None => words,
                })
            });
            (graded, error)
        })
        .collect()
}

/// Verifies a lesson as `sprout check` does, and says its problems for the editor.
pub fn verify(request: &VerifyRequest) -> Verified {
    let source = request.pieces.source();
    let file = source.to_file();
    let layout = Layout::of(&source);
    let (problems, lesson, checked) = match parse_lesson(LESSON_FILE, file.as_bytes()) {
        Ok(mut lesson) => {
            let problems = check_lesson(&mut lesson, LESSON_FILE);
            let verified = problems.is_empty().then(|| lesson.clone());
            (problems, verified, Some(lesson))
        }
        Err(problems) => (problems.0, None, None),
    };
    let solution_failed =
        problems.iter().any(|problem| matches!(problem.code, ProblemCode::SolutionFails | ProblemCode::CheckerBroken));
    let problems = Language::ALL
        .iter()
        .map(|&language| {
            let failures = match (&checked, solution_failed) {
                (Some(lesson), true) => solution_failures(lesson, language),
                _ => Vec::new(),
            };
            (language, problems.iter().map(|problem| describe(language, &layout, problem, &failures)).collect())
        })
        .collect();
    Verified { id: request.id, problems, lesson }
}

/// The page's link to a verify worker.
pub type VerifyLink = WorkerLink<VerifyRequest, Verified>;

/// Starts a verify worker (the classroom module again, from the browser's cache) that reports to
/// `on_event`; dropping the link terminates it.
pub fn spawn(on_event: Callback<LinkEvent<Verified>>) -> Result<VerifyLink, wasm_bindgen::JsValue> {
    WorkerLink::spawn(|| start_worker(LazyModule::Classroom, WorkerRole::Verify), on_event)
}

/// Answers the editor's requests from now on, in the dedicated worker this runs in.
pub fn serve() {
    crate::workers::serve::serve(|request: VerifyRequest, _bytes, replies: &Replies<Verified>| {
        replies.send(&verify(&request));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(solution: &str, starter: &str, tests: &str) -> Pieces {
        Pieces {
            front_matter: "id = \"double\"\ntitle = { zh = \"翻倍\" }".into(),
            text: "写 `double(x)`。\n\n就这样。".into(),
            starter: starter.into(),
            solution: solution.into(),
            hints: vec!["乘以 2。".into(), "两行\n提示".into()],
            tests: tests.into(),
        }
    }

    const CALL: &str = "[[test]]\nname = \"21 的两倍\"\nkind = \"call\"\ncall = \"double(21)\"";

    fn check(request: Pieces, expected_zh: &[&str]) {
        let verified = verify(&VerifyRequest { id: 1, pieces: request });
        assert_eq!(verified.problems(Language::ZhCn), expected_zh);
        for problem in verified.problems(Language::ZhCn) {
            for internal in ["t1", "WA", "wrong-", "lesson.md", "expected", "unclosed"] {
                assert!(!problem.contains(internal), "{internal} in {problem}");
            }
        }
        assert_eq!(verified.problems(Language::En).len(), expected_zh.len());
    }

    #[test]
    fn pieces_are_found_where_the_file_has_them() {
        for starter in ["", "fn double(x) {\n  x\n}"] {
            let source = pieces("fn double(x) {\n  x * 2\n}", starter, CALL).source();
            let text = source.to_file();
            let file: Vec<&str> = text.lines().collect();
            let layout = Layout::of(&source);
            for placed in &layout.placed {
                let piece = match placed.piece {
                    Piece::FrontMatter => &source.front_matter,
                    Piece::Text => &source.text,
                    Piece::Starter => &source.starter,
                    Piece::Solution => &source.solution,
                    Piece::Hint(index) => &source.hints[index],
                    Piece::Tests => &source.tests,
                };
                let lines: Vec<&str> = piece.lines().collect();
                assert_eq!(
                    &file[placed.first_line - 1..placed.first_line - 1 + placed.lines],
                    lines,
                    "{:?}",
                    placed.piece
                );
            }
        }
    }

    #[test]
    fn verify_passes_a_good_lesson_and_computes_its_answers() {
        let good =
            verify(&VerifyRequest { id: 1, pieces: pieces("fn double(x) { x * 2 }", "fn double(x) { x }", CALL) });
        assert_eq!(good.problems(Language::ZhCn), [] as [String; 0]);
        let lesson = good.lesson.expect("a verified lesson");
        assert!(
            matches!(&lesson.tests[0].check, sprout_lessons::Check::Call { cases, .. } if cases[0].expected.is_some()),
            "the expected answer was computed from the solution"
        );
    }

    #[test]
    fn problems_are_said_on_the_pieces_lines_in_the_teachers_words() {
        check(
            pieces("fn double(x) { x * 2 }", "fn double(x) { x + x }", CALL),
            &["起始代码：初始代码已经通过了所有测试：学生什么都不用做。"],
        );
        // A broken array on the tests' line 5, in the second test.
        let broken =
            format!("{CALL}\n\n[[test]]\nname = \"负数\"\nkind = \"call\"\ncall = \"double(-4)\"\ninput = [\"a\"");
        check(
            pieces("fn double(x) { x * 2 }", "", &broken),
            &["测试第 10 行（测试“负数”）：测试写得不对（TOML 格式）：数组（方括号 [ ]）没有写完整：检查是否少了 ] 或逗号。"],
        );
        // An output test whose written answer the solution does not print.
        let output = "[[test]]\nkind = \"output\"\n\n[[test]]\nname = \"打招呼\"\nkind = \"output\"\nexpect = \"你好\"";
        check(
            pieces("print(\"您好\");", "", output),
            &["测试第 4 行：参考答案没有通过测试“打招呼”：输出的第 1 行是“您好”，测试期望“你好”。"],
        );
        // A call that stops with an error, on the solution's second line.
        check(
            pieces("fn double(x) {\n  x / 0\n}", "", CALL),
            &["测试第 1 行：参考答案没有通过测试“21 的两倍”：参考答案第 2 行运行出错：不能除以 0。"],
        );
        // A key of the wrong type, in the front matter's second line.
        let mut front = pieces("fn double(x) { x * 2 }", "", CALL);
        front.front_matter = "id = \"double\"\ntitle = \"翻倍\"".into();
        check(front, &["文件头第 2 行：课程设置写得不对：值的类型不对（例如文字要写在引号里，数字和 true/false 不加引号，title 要写成 { zh = \"…\" }）。"]);
        // A key the test's kind does not have, named by the test's number.
        check(
            pieces("fn double(x) { x * 2 }", "", "[[test]]\nkind = \"call\"\ncall = 3"),
            &[
                "测试第 1 行：测试 #1 的 call 不对：要写在引号里，例如 \"double(21)\"。",
                "测试第 1 行：测试 #1 缺少 call（或 function 和 args）。",
            ],
        );
    }
}
