//! The grader: runs a student's program against a lesson's tests and returns a structured grade
//! (a verdict per test, feedback codes with arguments, the score).
//!
//! Grading is deterministic and host-free: runs are bounded by counted operations and virtual
//! time, random inputs come from the tests' seeds, and expected answers are stored in the lesson
//! (see [`resolve`]). The app's worker, `sprout check` and `sprout grade` call the same functions.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sprout_runtime::syntax::{self, SyntaxFacts};
use sprout_runtime::trace::{Chart, LedFrame, TurtleEvent};
use sprout_runtime::{
    call, call_with_interrupt, run, run_with_interrupt, Call, Code, Diagnostic, Event, Limits, Outcome, Run, RunInput,
    Value,
};

use crate::model::{CallCase, Check, Lesson, OutputMatch, Test};
use crate::problem::{Problem, ProblemCode, Problems};
use crate::shapes::{self, Comparison, Shape};

/// A test's verdict, as in online judges.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// AC: the test passed.
    Passed,
    /// WA: the program ran, but the answer differs.
    WrongAnswer,
    /// RE: the program stopped with a mistake.
    RuntimeError,
    /// CE: the program could not be read.
    CompileError,
    /// TLE: too many operations, too much output, or it never ended.
    LimitExceeded,
}

impl Verdict {
    /// The two-letter abbreviation of online judges.
    pub fn short(self) -> &'static str {
        match self {
            Verdict::Passed => "AC",
            Verdict::WrongAnswer => "WA",
            Verdict::RuntimeError => "RE",
            Verdict::CompileError => "CE",
            Verdict::LimitExceeded => "TLE",
        }
    }
}

/// Why a test did not pass, for the student: a code the UI translates, with arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FeedbackCode {
    /// A call returned the wrong value. Args: `call`, `expected`, `got`.
    WrongValue,
    /// The printed output differs. Args: `input`, `expected`, `got`, `line`, `expected_line`, `got_line`.
    WrongOutput,
    /// The drawing differs. Args: `missing`, `extra`, and `shape` (one missing or extra shape).
    WrongDrawing,
    /// The LED matrix differs at a time. Args: `time`, `expected`, `got`.
    WrongLeds,
    /// The charts differ. Args: `expected`, `got`.
    WrongChart,
    /// A required function is missing. Args: `name`.
    MissingFunction,
    /// A required construct is missing. Args: `construct`.
    MissingConstruct,
    /// A forbidden construct is used. Args: `construct`, `line`.
    ForbiddenConstruct,
    /// The program is too long. Args: `lines`, `limit`.
    TooManyLines,
    /// The checker said no. Args: `message` (may be empty).
    CheckerMessage,
    /// The checker itself failed (a lesson problem). Args: `detail`.
    CheckerFailed,
    /// The program failed; the diagnostic says how. Args: `call` for a call check.
    ProgramFailed,
    /// The program was still running when its virtual time was up.
    NeverEnded,
    /// The lesson's expected answers were never computed (a pack built wrongly).
    NotResolved,
}

impl FeedbackCode {
    /// Every code, for the test that each one is translated.
    pub const ALL: [FeedbackCode; 14] = [
        FeedbackCode::WrongValue,
        FeedbackCode::WrongOutput,
        FeedbackCode::WrongDrawing,
        FeedbackCode::WrongLeds,
        FeedbackCode::WrongChart,
        FeedbackCode::MissingFunction,
        FeedbackCode::MissingConstruct,
        FeedbackCode::ForbiddenConstruct,
        FeedbackCode::TooManyLines,
        FeedbackCode::CheckerMessage,
        FeedbackCode::CheckerFailed,
        FeedbackCode::ProgramFailed,
        FeedbackCode::NeverEnded,
        FeedbackCode::NotResolved,
    ];

    /// The kebab-case id, also the message id in the translation files.
    pub fn id(self) -> String {
        serde_json::to_value(self).ok().and_then(|value| value.as_str().map(str::to_string)).unwrap_or_default()
    }
}

/// Feedback on one test.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    /// What went wrong.
    pub code: FeedbackCode,
    /// Named values the message shows.
    pub args: BTreeMap<String, String>,
    /// The program's diagnostic, when it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diagnostic: Option<Diagnostic>,
}

impl Feedback {
    fn new(code: FeedbackCode) -> Self {
        Feedback { code, args: BTreeMap::new(), diagnostic: None }
    }

    fn with(mut self, name: &str, value: impl ToString) -> Self {
        self.args.insert(name.to_string(), value.to_string());
        self
    }
}

/// The result of one test.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestGrade {
    /// The test's id.
    pub test_id: String,
    /// The test's kind (`call`, `output`, …).
    pub kind: String,
    /// Whether the test is hidden (its feedback is then left out).
    pub hidden: bool,
    /// The test's weight.
    pub weight: u32,
    /// The verdict.
    pub verdict: Verdict,
    /// Whether the host's real-time safety net stopped a run of this test ([`Watchdog`]): the
    /// verdict is then [`Verdict::LimitExceeded`], but not deterministic, since another computer
    /// might have finished the run.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stopped_by_host: bool,
    /// Why it did not pass (never for hidden tests).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<Feedback>,
}

/// The result of grading one program against one lesson.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grade {
    /// The lesson.
    pub lesson_id: String,
    /// One result per graded test, in the lesson's order.
    pub tests: Vec<TestGrade>,
    /// Points earned: the lesson's points × passed weight ÷ total weight, rounded down.
    pub score: u32,
    /// The lesson's full points.
    pub max_score: u32,
    /// Whether every graded test passed.
    pub passed: bool,
}

/// Which tests to grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selection {
    /// Every test, hidden ones included (the judge).
    All,
    /// Only the visible tests (what a student's copy of a pack can grade).
    VisibleOnly,
}

/// The score for `passed_weight` out of `total_weight`, in a lesson worth `points`: never more
/// than `points`, whatever the weights (they come from files, so they may be anything).
pub fn score(points: u32, passed_weight: impl Into<u64>, total_weight: impl Into<u64>) -> u32 {
    let (passed_weight, total_weight) = (passed_weight.into(), total_weight.into());
    if total_weight == 0 {
        return 0;
    }
    let earned = u128::from(points) * u128::from(passed_weight.min(total_weight)) / u128::from(total_weight);
    u32::try_from(earned).unwrap_or(points)
}

/// The sum of `weights`, in 64 bits and saturating: test weights and points come from files.
pub fn weight_sum(weights: impl IntoIterator<Item = u32>) -> u64 {
    weights.into_iter().fold(0u64, |sum, weight| sum.saturating_add(u64::from(weight)))
}

/// The host's real-time safety net for the runs of a grading, for hosts with a clock (the CLI):
/// called as each run starts, it gives that run's interrupt, asked every few hundred operations
/// (see `sprout_runtime::run_with_interrupt`); a `true` stops the run, and its test is
/// [`Verdict::LimitExceeded`] with [`TestGrade::stopped_by_host`]. Operation counts do not see
/// everything that takes time (copying a large list is one operation), so a host that must never
/// hang gives one; the browser grades without, by counted operations only, deterministically.
pub type Watchdog<'a> = &'a dyn Fn() -> Box<dyn Fn() -> bool>;

/// How the grader starts its runs: as they are, or under a [`Watchdog`].
#[derive(Clone, Copy, Default)]
pub(crate) struct Runner<'a> {
    watchdog: Option<Watchdog<'a>>,
}

impl<'a> Runner<'a> {
    /// Runs under `watchdog`, when there is one.
    pub(crate) fn new(watchdog: Option<Watchdog<'a>>) -> Self {
        Runner { watchdog }
    }

    fn run(&self, code: &str, input: &RunInput) -> Run {
        match self.watchdog {
            Some(watchdog) => run_with_interrupt(code, input, watchdog()),
            None => run(code, input),
        }
    }

    fn call(&self, code: &str, input: &RunInput, function: &str, arguments: &[Value]) -> Call {
        match self.watchdog {
            Some(watchdog) => call_with_interrupt(code, input, function, arguments, watchdog()),
            None => call(code, input, function, arguments),
        }
    }
}

/// Grades `code` against `lesson`. Hidden tests get a verdict but no feedback.
pub fn grade(lesson: &Lesson, code: &str, selection: Selection) -> Grade {
    grade_revealing(lesson, code, selection, false, Runner::default())
}

/// Like [`grade`], every run under `watchdog` (see [`Watchdog`]).
pub fn grade_watched(lesson: &Lesson, code: &str, selection: Selection, watchdog: Watchdog) -> Grade {
    grade_revealing(lesson, code, selection, false, Runner::new(Some(watchdog)))
}

/// Like [`grade`]; with `reveal_hidden`, hidden tests keep their feedback (for the lesson's author).
pub(crate) fn grade_revealing(
    lesson: &Lesson,
    code: &str,
    selection: Selection,
    reveal_hidden: bool,
    runner: Runner,
) -> Grade {
    grade_drawing(lesson, code, selection, reveal_hidden, runner).0
}

/// Like [`grade`], with how the drawing of each turtle test that failed on it differs, in the
/// grade's order: `None` for every other test and for hidden ones. The app pictures them.
pub fn grade_with_drawings(
    lesson: &Lesson,
    code: &str,
    selection: Selection,
) -> (Grade, Vec<Option<DrawingDifference>>) {
    grade_drawing(lesson, code, selection, false, Runner::default())
}

fn grade_drawing(
    lesson: &Lesson,
    code: &str,
    selection: Selection,
    reveal_hidden: bool,
    runner: Runner,
) -> (Grade, Vec<Option<DrawingDifference>>) {
    let mut drawings = Vec::new();
    let tests: Vec<TestGrade> = lesson
        .tests
        .iter()
        .filter(|test| selection == Selection::All || !test.hidden)
        .map(|test| {
            let mut drawing = None;
            let shown = reveal_hidden || !test.hidden;
            let (verdict, stopped_by_host, feedback) = match run_test(lesson, test, code, &mut drawing, runner) {
                Ok(()) => (Verdict::Passed, false, None),
                Err((verdict, feedback)) => (verdict, interrupted(&feedback), shown.then_some(feedback)),
            };
            drawings.push(drawing.filter(|_| shown));
            TestGrade {
                test_id: test.id.clone(),
                kind: test.check.kind().to_string(),
                hidden: test.hidden,
                weight: test.points,
                verdict,
                stopped_by_host,
                feedback,
            }
        })
        .collect();
    let total = weight_sum(tests.iter().map(|test| test.weight));
    let passed_weight = weight_sum(tests.iter().filter(|test| test.verdict == Verdict::Passed).map(|test| test.weight));
    let grade = Grade {
        lesson_id: lesson.id.clone(),
        passed: tests.iter().all(|test| test.verdict == Verdict::Passed),
        score: score(lesson.points, passed_weight, total),
        max_score: lesson.points,
        tests,
    };
    (grade, drawings)
}

/// How a turtle test's drawing differs from the expected one, for a picture of both: every shape
/// of each, and those with no match in the other (as [`shapes::compare`] found them). Each list
/// keeps at most [`PICTURED_SHAPES`]: a flood of strokes is pictured by its beginning, and the
/// feedback's `missing` and `extra` still count them all.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DrawingDifference {
    /// The expected drawing.
    pub expected: Vec<Shape>,
    /// The program's drawing.
    pub got: Vec<Shape>,
    /// Expected shapes the program did not draw.
    pub missing: Vec<Shape>,
    /// Shapes the program drew that were not expected.
    pub extra: Vec<Shape>,
}

/// The most shapes a [`DrawingDifference`] keeps in each of its lists.
pub const PICTURED_SHAPES: usize = 2_000;

impl DrawingDifference {
    fn new(expected: &[Shape], got: &[Shape], difference: shapes::Difference) -> Self {
        let kept = |shapes: &[Shape]| shapes.iter().take(PICTURED_SHAPES).cloned().collect();
        DrawingDifference {
            expected: kept(expected),
            got: kept(got),
            missing: kept(&difference.missing),
            extra: kept(&difference.extra),
        }
    }
}

type Failure = (Verdict, Feedback);

/// What a run of `test` of `lesson` gets: the test's input lines, seed and board scenario, within
/// the lesson's operation budget and the test's virtual time (the grader's runs, and any other run
/// that must behave as the grader's, such as the lesson editor's Verify).
pub fn run_input(lesson: &Lesson, test: &Test) -> RunInput {
    RunInput {
        lines: test.input.clone(),
        seed: test.seed,
        scenario: test.board.clone(),
        limits: Limits {
            max_operations: lesson.max_operations,
            max_virtual_time_ms: test.duration_ms,
            ..Limits::default()
        },
        ..RunInput::default()
    }
}

/// The verdict of a run that failed.
fn failed(diagnostic: &Diagnostic) -> Failure {
    let verdict = if diagnostic.code.is_compile_error() {
        Verdict::CompileError
    } else if matches!(diagnostic.code, Code::TooManyOperations | Code::OutputTooLarge | Code::Interrupted) {
        Verdict::LimitExceeded
    } else {
        Verdict::RuntimeError
    };
    let mut feedback = Feedback::new(FeedbackCode::ProgramFailed);
    feedback.diagnostic = Some(diagnostic.clone());
    (verdict, feedback)
}

/// Checks how a run ended. A whole program that is still waiting when its virtual time is up (a
/// maker program's endless loop with `sleep`) is compared at that moment; a busy endless loop
/// ends with the operation budget instead. A function call, though, must return.
fn ended_well(result: &Run, time_up_is_normal: bool) -> Result<(), Failure> {
    match &result.outcome {
        Outcome::Finished { .. } => Ok(()),
        Outcome::TimeUp if time_up_is_normal => Ok(()),
        Outcome::TimeUp => Err((Verdict::LimitExceeded, Feedback::new(FeedbackCode::NeverEnded))),
        Outcome::Failed { diagnostic } => Err(failed(diagnostic)),
    }
}

/// Whether the host's interrupt stopped the run a failure is about.
fn interrupted(feedback: &Feedback) -> bool {
    feedback.diagnostic.as_ref().is_some_and(|diagnostic| diagnostic.code == Code::Interrupted)
}

fn not_resolved() -> Failure {
    (Verdict::WrongAnswer, Feedback::new(FeedbackCode::NotResolved))
}

/// Text shown in feedback is cut at this many characters.
const SHOWN_CHARACTERS: usize = 2_000;

fn shown(text: &str) -> String {
    if text.chars().count() <= SHOWN_CHARACTERS {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(SHOWN_CHARACTERS).collect();
    cut.push('…');
    cut
}

fn call_text(function: &str, case: &CallCase) -> String {
    let arguments: Vec<String> = case.arguments.iter().map(ToString::to_string).collect();
    shown(&format!("{function}({})", arguments.join(", ")))
}

/// Runs one test; a turtle test whose drawing differs also leaves how in `picture`.
fn run_test(
    lesson: &Lesson,
    test: &Test,
    code: &str,
    picture: &mut Option<DrawingDifference>,
    runner: Runner,
) -> Result<(), Failure> {
    let input = run_input(lesson, test);
    match &test.check {
        Check::Call { function, cases, tolerance } => {
            for case in cases {
                let expected = case.expected.as_ref().ok_or_else(not_resolved)?;
                let result = runner.call(code, &input, function, &case.arguments);
                if let Err((verdict, feedback)) = ended_well(&result.run, false) {
                    return Err((verdict, feedback.with("call", call_text(function, case))));
                }
                let got = result.returned.unwrap_or(Value::Unit);
                if !got.matches(expected, *tolerance) {
                    let feedback = Feedback::new(FeedbackCode::WrongValue)
                        .with("call", call_text(function, case))
                        .with("expected", shown(&expected.to_string()))
                        .with("got", shown(&got.to_string()));
                    return Err((Verdict::WrongAnswer, feedback));
                }
            }
            Ok(())
        }
        Check::Output { expected, matching, tolerance } => {
            let expected = expected.as_ref().ok_or_else(not_resolved)?;
            let result = runner.run(code, &input);
            ended_well(&result, true)?;
            let got = result.output();
            if output_matches(expected, &got, *matching, *tolerance) {
                return Ok(());
            }
            let (expected_lines, got_lines) =
                (comparable_lines(expected, *matching), comparable_lines(&got, *matching));
            let line = expected_lines
                .iter()
                .zip(&got_lines)
                .position(|(a, b)| a != b)
                .unwrap_or(expected_lines.len().min(got_lines.len()));
            let feedback = Feedback::new(FeedbackCode::WrongOutput)
                .with("input", shown(&test.input.join("\n")))
                .with("expected", shown(expected))
                .with("got", shown(&got))
                .with("line", line + 1)
                .with("expected_line", shown(expected_lines.get(line).map_or("", String::as_str)))
                .with("got_line", shown(got_lines.get(line).map_or("", String::as_str)));
            Err((Verdict::WrongAnswer, feedback))
        }
        Check::Turtle { expected, same_order, tolerance, colors } => {
            let expected = expected.as_ref().ok_or_else(not_resolved)?;
            let result = runner.run(code, &input);
            ended_well(&result, true)?;
            let drawing = shapes::shapes(&result.trace);
            let comparison = Comparison { tolerance: *tolerance, colors: *colors };
            match shapes::compare(expected, &drawing, *same_order, comparison) {
                None => Ok(()),
                Some(difference) => {
                    let example = difference.missing.first().or(difference.extra.first()).map(describe_shape);
                    let feedback = Feedback::new(FeedbackCode::WrongDrawing)
                        .with("missing", difference.missing.len())
                        .with("extra", difference.extra.len())
                        .with("shape", example.unwrap_or_default());
                    *picture = Some(DrawingDifference::new(expected, &drawing, difference));
                    Err((Verdict::WrongAnswer, feedback))
                }
            }
        }
        Check::Leds { at, expected } => {
            let expected = expected.as_ref().ok_or_else(not_resolved)?;
            let result = runner.run(code, &input);
            ended_well(&result, true)?;
            let frames = frames_at(&result, at);
            for ((time, expected), got) in at.iter().zip(expected).zip(&frames) {
                if expected != got {
                    let feedback = Feedback::new(FeedbackCode::WrongLeds)
                        .with("time", time)
                        .with("expected", describe_frame(expected))
                        .with("got", describe_frame(got));
                    return Err((Verdict::WrongAnswer, feedback));
                }
            }
            Ok(())
        }
        Check::Chart { expected, tolerance } => {
            let expected = expected.as_ref().ok_or_else(not_resolved)?;
            let result = runner.run(code, &input);
            ended_well(&result, true)?;
            let got = charts(&result);
            let same =
                expected.len() == got.len() && expected.iter().zip(&got).all(|(a, b)| charts_match(a, b, *tolerance));
            if same {
                return Ok(());
            }
            let feedback = Feedback::new(FeedbackCode::WrongChart)
                .with("expected", describe_charts(expected))
                .with("got", describe_charts(&got));
            Err((Verdict::WrongAnswer, feedback))
        }
        Check::Code { defines, uses, forbids, max_lines } => {
            let limits = Limits { max_operations: lesson.max_operations, ..Limits::default() };
            let facts = syntax::facts(code, &limits).map_err(|diagnostic| failed(&diagnostic))?;
            code_requirements(&facts, defines, uses, forbids, *max_lines)
        }
        Check::Checker { checker, reference } => {
            let reference = reference.as_ref().ok_or_else(not_resolved)?;
            let result = runner.run(code, &input);
            ended_well(&result, true)?;
            let report = run_report(&result, &test.input, Some(reference));
            match ask_checker(checker, report, runner) {
                Ok(None) => Ok(()),
                Ok(Some(message)) => {
                    Err((Verdict::WrongAnswer, Feedback::new(FeedbackCode::CheckerMessage).with("message", message)))
                }
                Err(feedback) if interrupted(&feedback) => Err((Verdict::LimitExceeded, feedback)),
                Err(feedback) => Err((Verdict::WrongAnswer, feedback)),
            }
        }
    }
}

fn code_requirements(
    facts: &SyntaxFacts,
    defines: &[String],
    uses: &[String],
    forbids: &[String],
    max_lines: Option<usize>,
) -> Result<(), Failure> {
    let wrong = |feedback: Feedback| Err((Verdict::WrongAnswer, feedback));
    if let Some(name) = defines.iter().find(|name| !facts.functions.contains_key(*name)) {
        return wrong(Feedback::new(FeedbackCode::MissingFunction).with("name", name));
    }
    if let Some(construct) = uses.iter().find(|construct| facts.find(construct).is_none()) {
        return wrong(Feedback::new(FeedbackCode::MissingConstruct).with("construct", construct));
    }
    for construct in forbids {
        if let Some(position) = facts.find(construct) {
            let line = position.map_or(String::new(), |position| position.line.to_string());
            return wrong(
                Feedback::new(FeedbackCode::ForbiddenConstruct).with("construct", construct).with("line", line),
            );
        }
    }
    if let Some(limit) = max_lines.filter(|limit| facts.code_lines > *limit) {
        return wrong(Feedback::new(FeedbackCode::TooManyLines).with("lines", facts.code_lines).with("limit", limit));
    }
    Ok(())
}

/// Lines as compared: `trim` drops spaces at line ends and empty lines at the end.
fn comparable_lines(text: &str, matching: OutputMatch) -> Vec<String> {
    let text = text.replace("\r\n", "\n");
    match matching {
        OutputMatch::Exact => text.split('\n').map(str::to_string).collect(),
        OutputMatch::Trim | OutputMatch::Numbers => {
            let mut lines: Vec<String> = text.lines().map(|line| line.trim_end().to_string()).collect();
            while lines.last().is_some_and(String::is_empty) {
                lines.pop();
            }
            lines
        }
    }
}

fn output_matches(expected: &str, got: &str, matching: OutputMatch, tolerance: f64) -> bool {
    match matching {
        OutputMatch::Exact => expected == got,
        OutputMatch::Trim => comparable_lines(expected, matching) == comparable_lines(got, matching),
        OutputMatch::Numbers => {
            let expected_words: Vec<&str> = expected.split_whitespace().collect();
            let got_words: Vec<&str> = got.split_whitespace().collect();
            expected_words.len() == got_words.len()
                && expected_words.iter().zip(&got_words).all(|(a, b)| match (a.parse::<f64>(), b.parse::<f64>()) {
                    (Ok(a), Ok(b)) => (a - b).abs() <= tolerance || a == b,
                    _ => a == b,
                })
        }
    }
}

fn describe_shape(shape: &Shape) -> String {
    match shape {
        Shape::Stroke { from, to, color } => {
            format!("({:.1}, {:.1}) → ({:.1}, {:.1}) {color}", from.x, from.y, to.x, to.y)
        }
        Shape::Fill { points, color } => format!("fill {} points {color}", points.len()),
        Shape::Dot { at, size, color } => format!("dot ({:.1}, {:.1}) {size} {color}", at.x, at.y),
    }
}

/// The LED frame in effect at each time (all off before the first frame).
fn frames_at(result: &Run, times: &[u64]) -> Vec<LedFrame> {
    times
        .iter()
        .map(|time| {
            result
                .trace
                .iter()
                .filter(|event| event.time_ms <= *time)
                .filter_map(|event| match &event.event {
                    Event::Led { frame } => Some(frame.clone()),
                    _ => None,
                })
                .next_back()
                .unwrap_or_else(|| vec![0; 25])
        })
        .collect()
}

/// A frame as five rows of digits, `00900/09090/…`.
fn describe_frame(frame: &LedFrame) -> String {
    frame
        .chunks(5)
        .map(|row| row.iter().map(|level| level.to_string()).collect::<String>())
        .collect::<Vec<_>>()
        .join("/")
}

fn charts(result: &Run) -> Vec<Chart> {
    result
        .trace
        .iter()
        .filter_map(|event| match &event.event {
            Event::Chart { chart } => Some(chart.clone()),
            _ => None,
        })
        .collect()
}

fn numbers_match(a: &[f64], b: &[f64], tolerance: f64) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(a, b)| (a - b).abs() <= tolerance || a == b)
}

fn charts_match(a: &Chart, b: &Chart, tolerance: f64) -> bool {
    match (a, b) {
        (Chart::Line { xs: a, ys: b }, Chart::Line { xs: c, ys: d }) => {
            numbers_match(a, c, tolerance) && numbers_match(b, d, tolerance)
        }
        (Chart::Scatter { xs: a, ys: b, labels: e }, Chart::Scatter { xs: c, ys: d, labels: f }) => {
            numbers_match(a, c, tolerance) && numbers_match(b, d, tolerance) && e == f
        }
        (Chart::Bar { labels: a, values: b }, Chart::Bar { labels: c, values: d }) => {
            a == c && numbers_match(b, d, tolerance)
        }
        (Chart::Histogram { edges: a, counts: b }, Chart::Histogram { edges: c, counts: d }) => {
            numbers_match(a, c, tolerance) && b == d
        }
        _ => false,
    }
}

fn describe_charts(charts: &[Chart]) -> String {
    let parts: Vec<String> = charts
        .iter()
        .map(|chart| match chart {
            Chart::Line { ys, .. } => format!("plot({})", ys.len()),
            Chart::Scatter { xs, .. } => format!("scatter({})", xs.len()),
            Chart::Bar { labels, .. } => format!("bar({})", labels.join(", ")),
            Chart::Histogram { counts, .. } => format!("hist({})", counts.len()),
        })
        .collect();
    shown(&parts.join("; "))
}

/// A chart as a checker sees it: `#{type, xs, ys, labels, values, edges, counts}` (the fields its
/// type has).
fn chart_report(chart: &Chart) -> Value {
    let numbers = |values: &[f64]| Value::Array(values.iter().map(|value| Value::Float(*value)).collect());
    let texts = |values: &[String]| Value::Array(values.iter().map(|value| Value::Str(value.clone())).collect());
    let entries: Vec<(&str, Value)> = match chart {
        Chart::Line { xs, ys } => vec![("type", Value::Str("line".into())), ("xs", numbers(xs)), ("ys", numbers(ys))],
        Chart::Scatter { xs, ys, labels } => vec![
            ("type", Value::Str("scatter".into())),
            ("xs", numbers(xs)),
            ("ys", numbers(ys)),
            ("labels", texts(labels)),
        ],
        Chart::Bar { labels, values } => {
            vec![("type", Value::Str("bar".into())), ("labels", texts(labels)), ("values", numbers(values))]
        }
        Chart::Histogram { edges, counts } => vec![
            ("type", Value::Str("histogram".into())),
            ("edges", numbers(edges)),
            ("counts", Value::Array(counts.iter().map(|count| Value::Int(*count as i64)).collect())),
        ],
    };
    Value::Map(entries.into_iter().map(|(name, value)| (name.to_string(), value)).collect())
}

/// A run as the map a checker's `check(run)` receives.
fn run_report(result: &Run, input: &[String], reference: Option<&Value>) -> Value {
    let output = result.output();
    let status = match result.outcome {
        Outcome::Finished { .. } => "finished",
        Outcome::TimeUp => "time_up",
        Outcome::Failed { .. } => "failed",
    };
    let number = |value: f64| Value::Float(value);
    let mut segments = Vec::new();
    let mut leds = Vec::new();
    let mut charts = Vec::new();
    for event in &result.trace {
        match &event.event {
            Event::Turtle { turtle: TurtleEvent::Move { from, to, pen: Some(pen) } } => {
                segments.push(Value::Map(BTreeMap::from([
                    ("x1".to_string(), number(from.x)),
                    ("y1".to_string(), number(from.y)),
                    ("x2".to_string(), number(to.x)),
                    ("y2".to_string(), number(to.y)),
                    ("color".to_string(), Value::Str(pen.color.clone())),
                ])));
            }
            Event::Led { frame } => leds.push(Value::Map(BTreeMap::from([
                ("time".to_string(), Value::Int(event.time_ms as i64)),
                ("frame".to_string(), Value::Array(frame.iter().map(|level| Value::Int(i64::from(*level))).collect())),
            ]))),
            Event::Chart { chart } => charts.push(chart_report(chart)),
            _ => {}
        }
    }
    let mut report = BTreeMap::from([
        ("lines".to_string(), Value::Array(output.lines().map(|line| Value::Str(line.to_string())).collect())),
        ("output".to_string(), Value::Str(output)),
        ("input".to_string(), Value::Array(input.iter().map(|line| Value::Str(line.clone())).collect())),
        ("status".to_string(), Value::Str(status.to_string())),
        ("segments".to_string(), Value::Array(segments)),
        ("leds".to_string(), Value::Array(leds)),
        ("charts".to_string(), Value::Array(charts)),
    ]);
    if let Some(reference) = reference {
        report.insert("reference".to_string(), reference.clone());
    }
    Value::Map(report)
}

/// Runs a checker's `check(run)`: `Ok(None)` when it passed, `Ok(Some(message))` when it said no,
/// `Err` when the checker itself failed.
fn ask_checker(checker: &str, report: Value, runner: Runner) -> Result<Option<String>, Feedback> {
    let result = runner.call(checker, &RunInput::default(), "check", &[report]);
    match (result.returned, result.run.diagnostic()) {
        (Some(Value::Bool(true)), _) => Ok(None),
        (Some(Value::Bool(false)), _) => Ok(Some(String::new())),
        (Some(Value::Str(message)), _) => Ok(Some(shown(&message))),
        (Some(other), _) => Err(Feedback::new(FeedbackCode::CheckerFailed)
            .with("detail", format!("check returned {}", shown(&other.to_string())))),
        (None, diagnostic) => {
            let detail =
                diagnostic.map_or_else(|| "no result".to_string(), |diagnostic| diagnostic.code.id().to_string());
            let mut feedback = Feedback::new(FeedbackCode::CheckerFailed).with("detail", detail);
            feedback.diagnostic = diagnostic.cloned();
            Err(feedback)
        }
    }
}

/// Computes every expected answer the lesson leaves to its reference solution (see
/// [`crate::model`]). `file` names the lesson in problems.
pub fn resolve(lesson: &mut Lesson, file: &str) -> Result<(), Problems> {
    resolve_with(lesson, file, Runner::default())
}

/// [`resolve`] with the runs started by `runner`.
pub(crate) fn resolve_with(lesson: &mut Lesson, file: &str, runner: Runner) -> Result<(), Problems> {
    let Some(solution) = lesson.solution.clone() else {
        return Err(Problems(vec![Problem::new(file, ProblemCode::MissingSolution)]));
    };
    let mut problems = Vec::new();
    for index in 0..lesson.tests.len() {
        let input = run_input(lesson, &lesson.tests[index]);
        let test = &mut lesson.tests[index];
        let solution_fails = |failure: Failure| {
            let (verdict, feedback) = failure;
            let detail =
                feedback.diagnostic.map_or_else(|| feedback.code.id(), |diagnostic| diagnostic.code.id().to_string());
            Problem::new(file, ProblemCode::SolutionFails)
                .with("test", &test.id)
                .with("verdict", verdict.short())
                .with("detail", detail)
        };
        let outcome: Result<(), Failure> = match &mut test.check {
            Check::Call { function, cases, .. } => {
                cases.iter_mut().filter(|case| case.expected.is_none()).try_for_each(|case| {
                    let result = runner.call(&solution, &input, function, &case.arguments);
                    ended_well(&result.run, false)?;
                    case.expected = result.returned;
                    Ok(())
                })
            }
            Check::Output { expected, .. } => {
                if expected.is_none() {
                    let result = runner.run(&solution, &input);
                    ended_well(&result, true).map(|()| *expected = Some(result.output()))
                } else {
                    Ok(())
                }
            }
            Check::Turtle { expected, .. } => {
                let result = runner.run(&solution, &input);
                ended_well(&result, true).map(|()| *expected = Some(shapes::shapes(&result.trace)))
            }
            Check::Leds { at, expected } => {
                let result = runner.run(&solution, &input);
                ended_well(&result, true).map(|()| *expected = Some(frames_at(&result, at)))
            }
            Check::Chart { expected, .. } => {
                let result = runner.run(&solution, &input);
                ended_well(&result, true).map(|()| *expected = Some(charts(&result)))
            }
            Check::Code { .. } => Ok(()),
            Check::Checker { reference, .. } => {
                let result = runner.run(&solution, &input);
                ended_well(&result, true).map(|()| *reference = Some(run_report(&result, &test.input, None)))
            }
        };
        if let Err(failure) = outcome {
            problems.push(solution_fails(failure));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Problems(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_lesson;

    /// A lesson of a hidden and a visible turtle test of a 100-step square, and a code test.
    fn square_lesson() -> Lesson {
        let source = concat!(
            "+++\nid = \"square\"\ntitle = { zh = \"正方形\" }\n+++\n\n画正方形。\n\n",
            "```rhai solution\nfor i in 0..4 { forward(100); left(90); }\n```\n\n```hint\n转四次。\n```\n\n",
            "```tests\n[[test]]\nkind = \"turtle\"\n\n[[test]]\nkind = \"turtle\"\nhidden = true\n\n",
            "[[test]]\nkind = \"code\"\nuses = [\"for\"]\n```\n",
        );
        let mut lesson = parse_lesson("square.md", source.as_bytes()).expect("a lesson");
        resolve(&mut lesson, "square.md").expect("resolved");
        lesson
    }

    #[test]
    fn scores_never_exceed_points_and_weights_never_overflow() {
        assert_eq!(score(100, 1u32, 3u32), 33);
        assert_eq!(score(u32::MAX, u32::MAX, u32::MAX), u32::MAX);
        assert_eq!(score(u32::MAX, u64::MAX, 1u64), u32::MAX, "more passed than there is counts as all");
        assert_eq!(score(7, 5u32, 0u32), 0);
        assert_eq!(weight_sum([u32::MAX, u32::MAX]), 2 * u64::from(u32::MAX));
        let mut lesson = square_lesson();
        lesson.points = u32::MAX;
        lesson.tests.iter_mut().for_each(|test| test.points = u32::MAX);
        let solution = lesson.solution.clone().unwrap_or_default();
        let grade = grade(&lesson, &solution, Selection::All);
        assert_eq!((grade.score, grade.max_score, grade.passed), (u32::MAX, u32::MAX, true));
        assert_eq!(lesson.total_weight(), u32::MAX, "saturating");
    }

    #[test]
    fn a_run_the_watchdog_stops_is_a_limit_verdict_stopped_by_the_host() {
        let lesson = square_lesson();
        let endless = "for i in 0..4 { } loop { let x = 1; }";
        let stop_at_once = || -> Box<dyn Fn() -> bool> { Box::new(|| true) };
        let never = || -> Box<dyn Fn() -> bool> { Box::new(|| false) };
        let stopped = grade_watched(&lesson, endless, Selection::All, &stop_at_once);
        let counted = grade_watched(&lesson, endless, Selection::All, &never);
        let summary = |grade: &Grade| -> Vec<(Verdict, bool)> {
            grade.tests.iter().map(|test| (test.verdict, test.stopped_by_host)).collect()
        };
        use Verdict::{LimitExceeded, Passed};
        assert_eq!(summary(&stopped), [(LimitExceeded, true), (LimitExceeded, true), (Passed, false)]);
        assert_eq!(summary(&counted), [(LimitExceeded, false), (LimitExceeded, false), (Passed, false)]);
        assert_eq!(counted, grade(&lesson, endless, Selection::All), "a watchdog that never stops changes nothing");
        let solution = lesson.solution.clone().unwrap_or_default();
        assert!(grade_watched(&lesson, &solution, Selection::All, &stop_at_once).passed, "a short run is not stopped");
    }

    #[test]
    fn a_drawing_that_differs_comes_with_both_drawings_and_what_is_missing_and_extra() {
        let lesson = square_lesson();
        // Three sides, then a stroke up instead of the fourth side down.
        let code = "for i in 0..3 { forward(100); left(90); } right(180); forward(30);";
        let (grade, drawings) = grade_with_drawings(&lesson, code, Selection::All);
        assert_eq!(drawings.len(), grade.tests.len());
        assert_eq!(
            grade,
            grade_revealing(&lesson, code, Selection::All, false, Runner::default()),
            "the grade is the same"
        );
        let drawing = drawings[0].as_ref().expect("the visible turtle test's drawing");
        assert_eq!((drawing.expected.len(), drawing.got.len()), (4, 4));
        assert_eq!((drawing.missing.len(), drawing.extra.len()), (1, 1));
        let Some(Shape::Stroke { from, to, .. }) = drawing.extra.first() else { panic!("a stroke: {drawing:?}") };
        assert_eq!(((from.x, from.y), (to.x, to.y)), ((0.0, 100.0), (0.0, 130.0)));
        let feedback = grade.tests[0].feedback.as_ref().expect("feedback");
        assert_eq!((feedback.args["missing"].as_str(), feedback.args["extra"].as_str()), ("1", "1"));
        assert_eq!(drawings[1], None, "a hidden test's drawing stays hidden, as its feedback");
        assert_eq!(drawings[2], None, "not a turtle test");
    }

    #[test]
    fn right_drawings_and_programs_that_fail_have_no_picture() {
        let lesson = square_lesson();
        let right = "for i in 0..4 { forward(100); left(90); }";
        assert_eq!(grade_with_drawings(&lesson, right, Selection::All).1, vec![None, None, None]);
        let (grade, drawings) = grade_with_drawings(&lesson, "forward(100", Selection::All);
        assert!(grade.tests.iter().all(|test| test.verdict == Verdict::CompileError));
        assert_eq!(drawings, vec![None, None, None]);
    }

    #[test]
    fn a_flood_of_strokes_is_pictured_by_its_beginning() {
        let lesson = square_lesson();
        let code = "for i in 0..3000 { forward(1); left(90); forward(1); right(90); }";
        let (grade, drawings) = grade_with_drawings(&lesson, code, Selection::VisibleOnly);
        let drawing = drawings[0].as_ref().expect("a drawing");
        assert_eq!(drawing.got.len(), PICTURED_SHAPES);
        assert_eq!(drawing.extra.len(), PICTURED_SHAPES);
        let feedback = grade.tests[0].feedback.as_ref().expect("feedback");
        assert_eq!(feedback.args["extra"], "5996", "the feedback counts them all");
    }
}
