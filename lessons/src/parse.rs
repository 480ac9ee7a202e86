//! Reading lesson files (docs/lesson-format.md): front matter, Markdown text, special blocks and
//! tests, with every problem reported by file and line.
//!
//! Parsing is host-free: callers pass the file's bytes (and, for a lesson folder, the bytes of its
//! extra files). It never panics, whatever the bytes are; the fuzz target `lesson_parser` holds it
//! to that.

use std::collections::BTreeSet;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Deserialize;
use sprout_runtime::syntax::{self, CONSTRUCTS};
use sprout_runtime::{Limits, Scenario, SeededRandom, Value};
use toml::{Spanned, Table};

use crate::generate::Generator;
use crate::model::{
    CallCase, Check, Lesson, OutputMatch, Test, Title, Tool, DEFAULT_MAX_OPERATIONS, DEFAULT_POINTS, MAX_MAX_OPERATIONS,
};
use crate::problem::{line_of, shorten, LineIndex, Problem, ProblemCode, Problems};

/// The largest lesson file (or extra file of a lesson folder) accepted.
pub const MAX_LESSON_BYTES: usize = 1_000_000;
/// The most tests a lesson may have.
pub const MAX_TESTS: usize = 200;
/// The most calls one random call check may make.
pub const MAX_RANDOM_CALLS: i64 = 1_000;
/// The most elements and characters all random calls of one lesson may generate together.
pub const MAX_GENERATED_SIZE: u64 = 2_000_000;
/// The longest virtual time a test may give a run.
pub const MAX_DURATION_MS: i64 = 600_000;
/// The most points a lesson may be worth.
pub const MAX_POINTS: i64 = 10_000;
/// The largest weight (`points`) of one test.
pub const MAX_TEST_POINTS: i64 = 1_000;

/// The extra files of a lesson folder, each as (file name for messages, bytes).
#[derive(Clone, Copy, Debug, Default)]
pub struct FolderFiles<'a> {
    /// `starter.rhai`.
    pub starter: Option<(&'a str, &'a [u8])>,
    /// `solution.rhai`.
    pub solution: Option<(&'a str, &'a [u8])>,
    /// `tests.toml`.
    pub tests: Option<(&'a str, &'a [u8])>,
}

/// Whether `text` shows nothing: only white space and characters that take no room (zero-width
/// spaces and joiners, direction marks, the byte-order mark, soft hyphens, fillers, variation
/// selectors, tags).
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|character| {
        character.is_whitespace()
            || matches!(character,
                '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
                | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}' | '\u{2800}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
                | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
    })
}

/// Reads one lesson file.
pub fn parse_lesson(file: &str, bytes: &[u8]) -> Result<Lesson, Problems> {
    parse_lesson_folder(file, bytes, FolderFiles::default())
}

/// Reads a lesson given as a folder: `lesson.md` (named `file`) and its extra files.
pub fn parse_lesson_folder(file: &str, bytes: &[u8], extra: FolderFiles) -> Result<Lesson, Problems> {
    let mut reader = Reader { file, problems: Vec::new() };
    let lesson = reader.lesson(bytes, extra);
    for problem in &mut reader.problems {
        for value in problem.args.values_mut() {
            *value = shorten(value);
        }
    }
    match lesson {
        Some(lesson) if reader.problems.is_empty() => Ok(lesson),
        _ => Err(Problems(reader.problems)),
    }
}

/// Checks size, encoding and that the bytes are text; returns the text without a byte-order mark.
pub fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Problem> {
    if bytes.len() > MAX_LESSON_BYTES {
        return Err(Problem::new(file, ProblemCode::FileTooLarge)
            .with("bytes", bytes.len())
            .with("limit", MAX_LESSON_BYTES));
    }
    // A real binary file (an image, a Word document) has NUL bytes; say so rather than blaming
    // the encoding.
    // UTF-16 (Notepad's "Unicode") has NUL bytes too, but it is text in the wrong encoding.
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Problem::new(file, ProblemCode::NotUtf8).at(1));
    }
    if let Some(offset) = bytes.iter().position(|byte| *byte == 0) {
        let line = bytes[..offset].iter().filter(|byte| **byte == b'\n').count() + 1;
        return Err(Problem::new(file, ProblemCode::BinaryFile).at(line));
    }
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let line = line_of(&String::from_utf8_lossy(&bytes[..error.valid_up_to()]), error.valid_up_to());
        Problem::new(file, ProblemCode::NotUtf8).at(line)
    })?;
    if let Some(offset) =
        text.find(|character: char| character.is_control() && !matches!(character, '\n' | '\r' | '\t'))
    {
        return Err(Problem::new(file, ProblemCode::BinaryFile).at(line_of(text, offset)));
    }
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: String,
    title: Title,
    level: Option<i64>,
    #[serde(default)]
    tags: Vec<String>,
    points: Option<i64>,
    max_operations: Option<i64>,
    #[serde(default)]
    requires: Vec<String>,
    tool: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TestsFile {
    #[serde(default)]
    test: Vec<Spanned<Table>>,
}

/// A block of text from somewhere in a file: the text and the file line its first line is on.
struct Located<'a> {
    file: &'a str,
    text: String,
    first_line: usize,
}

/// Whether `id` is a valid lesson or unit id.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.chars().all(|character| character.is_ascii_lowercase() || character.is_ascii_digit() || character == '-')
        && !id.starts_with('-')
}

fn is_identifier(name: &str) -> bool {
    name.chars().next().is_some_and(|first| first.is_alphabetic() || first == '_')
        && name.chars().all(|character| character.is_alphanumeric() || character == '_')
}

struct Reader<'a> {
    file: &'a str,
    problems: Vec<Problem>,
}

/// Where a lesson file's front matter is: its start and end (after the opening `+++` line, at the
/// closing one), and where the body starts (after the closing line).
fn front_matter_bounds(text: &str) -> Result<(usize, usize, usize), ProblemCode> {
    if text.split_inclusive('\n').next().map(str::trim_end) != Some("+++") {
        return Err(ProblemCode::MissingFrontMatter);
    }
    let front_start = text.find('\n').map_or(text.len(), |newline| newline + 1);
    let front_end = text[front_start..]
        .split_inclusive('\n')
        .scan(front_start, |offset, line| {
            let start = *offset;
            *offset += line.len();
            Some((start, line))
        })
        .find(|(_, line)| line.trim_end() == "+++")
        .map(|(start, _)| start)
        .ok_or(ProblemCode::UnclosedFrontMatter)?;
    let body_start = text[front_end..].find('\n').map_or(text.len(), |newline| front_end + newline + 1);
    Ok((front_start, front_end, body_start))
}

/// A lesson file taken apart into the pieces a teacher edits (the class tools' lesson editor),
/// and put back together.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LessonSource {
    /// The front matter's TOML, without the `+++` lines.
    pub front_matter: String,
    /// The lesson text (Markdown) without the starter, solution, hint and tests blocks.
    pub text: String,
    /// The starter code.
    pub starter: String,
    /// The reference solution.
    pub solution: String,
    /// The hints (Markdown), in order.
    pub hints: Vec<String>,
    /// The tests block's TOML.
    pub tests: String,
}

impl LessonSource {
    /// Takes a lesson file's text apart as [`parse_lesson`] reads it, without judging it: a file
    /// without front matter is all text, and of a block given twice the first is kept. What is
    /// wrong is for [`parse_lesson`] to say. No piece ends with a line break.
    pub fn of_file(file: &str) -> LessonSource {
        let (front_matter, body, first_line) = match front_matter_bounds(file) {
            Ok((start, end, body)) => (&file[start..end], &file[body..], line_of(file, body)),
            Err(_) => ("", file, 1),
        };
        let blocks = Reader { file: "", problems: Vec::new() }.scan_body(body, first_line);
        let piece = |text: &str| text.trim_end_matches(['\n', '\r']).to_string();
        let first = |blocks: Vec<Located<'_>>| blocks.first().map(|block| piece(&block.text)).unwrap_or_default();
        LessonSource {
            front_matter: piece(front_matter),
            text: piece(&blocks.text),
            starter: first(blocks.starter),
            solution: first(blocks.solution),
            hints: blocks.hints,
            tests: first(blocks.tests),
        }
    }

    /// The lesson file: the front matter, the text, then the starter (when there is one), the
    /// solution, each hint and the tests, each in a fenced block long enough for its content.
    pub fn to_file(&self) -> String {
        let mut file = format!("+++\n{}\n+++\n\n{}\n", self.front_matter.trim_end(), self.text.trim());
        let mut block = |info: &str, content: &str| {
            let longest = content.split(|character| character != '`').map(str::len).max().unwrap_or(0);
            let fence = "`".repeat(longest.max(2) + 1);
            file.push_str(&format!("\n{fence}{info}\n{}\n{fence}\n", content.trim_end_matches('\n')));
        };
        if !self.starter.trim().is_empty() {
            block("rhai starter", &self.starter);
        }
        block("rhai solution", &self.solution);
        for hint in &self.hints {
            block("hint", hint);
        }
        block("tests", &self.tests);
        file
    }
}

impl<'a> Reader<'a> {
    /// Reports a problem in `file` on `line`, with named arguments.
    fn report(&mut self, file: &str, line: usize, code: ProblemCode, args: &[(&str, &str)]) {
        let problem = Problem::new(file, code).at(line);
        self.problems.push(args.iter().fold(problem, |problem, (name, value)| problem.with(name, value)));
    }

    fn lesson(&mut self, bytes: &[u8], extra: FolderFiles<'a>) -> Option<Lesson> {
        let file = self.file;
        let text = match decode(file, bytes) {
            Ok(text) => text,
            Err(problem) => {
                self.problems.push(problem);
                return None;
            }
        };
        let (front_start, front_end, body_start) = match front_matter_bounds(text) {
            Ok(bounds) => bounds,
            Err(code) => {
                self.report(file, 1, code, &[]);
                return None;
            }
        };
        let front_text = &text[front_start..front_end];
        let body_first_line = line_of(text, body_start);
        let front: FrontMatter = match toml::from_str(front_text) {
            Ok(front) => front,
            Err(error) => {
                let line = error.span().map_or(2, |span| line_of(front_text, span.start) + 1);
                self.report(file, line, ProblemCode::BadFrontMatter, &[("detail", error.message())]);
                return None;
            }
        };
        self.front_matter_values(&front, front_text);

        let body = &text[body_start..];
        let blocks = self.scan_body(body, body_first_line);
        let starter = self.single_block(blocks.starter, extra.starter, "rhai starter");
        let solution = self.single_block(blocks.solution, extra.solution, "rhai solution");
        let tests_source = self.single_block(blocks.tests, extra.tests, "tests");
        if solution.is_none() {
            self.report(file, 1, ProblemCode::MissingSolution, &[]);
        }
        // A lesson without any hint still parses: whether it needs one depends on where it is used
        // (a contest shows none), which `check_lesson` and `check_contest_problem` know.
        let tests = match tests_source {
            Some(source) => self.tests(&source, blocks.steps.len()),
            None => {
                self.report(file, 1, ProblemCode::MissingTests, &[]);
                Vec::new()
            }
        };
        Some(Lesson {
            id: front.id,
            title: front.title,
            level: front.level.unwrap_or(1).clamp(1, 5) as u8,
            tags: front.tags,
            points: front.points.unwrap_or(i64::from(DEFAULT_POINTS)).clamp(1, MAX_POINTS) as u32,
            max_operations: front.max_operations.map_or(DEFAULT_MAX_OPERATIONS, |value| value.max(1) as u64),
            requires: front.requires,
            tool: front.tool.as_deref().and_then(Tool::from_name),
            text: blocks.text,
            steps: blocks.steps,
            starter: starter.map(|block| block.text).unwrap_or_default(),
            solution: solution.map(|block| block.text),
            hints: blocks.hints,
            tests,
        })
    }

    fn front_matter_values(&mut self, front: &FrontMatter, front_text: &str) {
        let file = self.file;
        // The front matter starts on the file's second line.
        let line = |key: &str| {
            front_text
                .lines()
                .position(|text| {
                    text.trim_start().strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(['=', '.']))
                })
                .map_or(2, |index| index + 2)
        };
        if !is_valid_id(&front.id) {
            self.report(file, line("id"), ProblemCode::BadId, &[("id", &front.id)]);
        }
        if is_blank(&front.title.zh) || front.title.en.as_deref().is_some_and(is_blank) {
            self.report(file, line("title"), ProblemCode::EmptyTitle, &[]);
        }
        if let Some(level) = front.level.filter(|level| !(1..=5).contains(level)) {
            self.report(file, line("level"), ProblemCode::BadLevel, &[("level", &level.to_string())]);
        }
        if let Some(points) = front.points.filter(|points| !(1..=MAX_POINTS).contains(points)) {
            self.report(file, line("points"), ProblemCode::BadPoints, &[("points", &points.to_string())]);
        }
        for requirement in front.requires.iter().filter(|requirement| !is_valid_id(requirement)) {
            self.report(file, line("requires"), ProblemCode::BadId, &[("id", requirement)]);
        }
        if let Some(tool) = front.tool.as_deref().filter(|tool| Tool::from_name(tool).is_none()) {
            let known: Vec<&str> = Tool::ALL.iter().map(|tool| tool.name()).collect();
            self.report(file, line("tool"), ProblemCode::UnknownTool, &[("tool", tool), ("known", &known.join(", "))]);
        }
        if let Some(value) = front.max_operations.filter(|value| *value < 1 || *value as u64 > MAX_MAX_OPERATIONS) {
            let (value, limit) = (value.to_string(), MAX_MAX_OPERATIONS.to_string());
            self.report(
                file,
                line("max_operations"),
                ProblemCode::BadMaxOperations,
                &[("value", &value), ("limit", &limit)],
            );
        }
    }

    /// Takes a block that may be given in the Markdown or as a folder file, but not both.
    fn single_block(
        &mut self,
        found: Vec<Located<'a>>,
        extra: Option<(&'a str, &'a [u8])>,
        name: &str,
    ) -> Option<Located<'a>> {
        let mut found = found.into_iter();
        let first = found.next();
        for duplicate in found {
            self.report(
                duplicate.file,
                duplicate.first_line.saturating_sub(1),
                ProblemCode::DuplicateBlock,
                &[("block", name)],
            );
        }
        let Some((extra_file, bytes)) = extra else { return first };
        if let Some(first) = first {
            self.report(
                first.file,
                first.first_line.saturating_sub(1),
                ProblemCode::DuplicateBlock,
                &[("block", name)],
            );
            return Some(first);
        }
        match decode(extra_file, bytes) {
            Ok(text) => Some(Located { file: extra_file, text: text.to_string(), first_line: 1 }),
            Err(problem) => {
                self.problems.push(problem);
                None
            }
        }
    }

    /// Reports raw HTML and external images in a hint's Markdown, which starts on `first_line`, as
    /// [`Self::scan_body`] does in the lesson's text.
    fn scan_hint(&mut self, hint: &str, first_line: usize) {
        let file = self.file;
        let lines = LineIndex::new(hint);
        let mut previous_was_html = false;
        for (event, range) in Parser::new_ext(hint, Options::empty()).into_offset_iter() {
            let line = lines.line(range.start) + first_line - 1;
            let is_html = matches!(event, Event::Html(_) | Event::InlineHtml(_));
            let continues_html = is_html && previous_was_html;
            previous_was_html = is_html;
            self.report_markup(file, line, &event, continues_html);
        }
    }

    /// Reports `event` of a lesson's text or a hint if it is raw HTML (one problem per piece of
    /// HTML, not one per line of it: `continues_html` says the previous event was HTML too) or an
    /// image that is not embedded in the text (a pack carries no files).
    fn report_markup(&mut self, file: &str, line: usize, event: &Event, continues_html: bool) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) if !continues_html => {
                let shown: String = html.trim().chars().take(40).collect();
                self.report(file, line, ProblemCode::RawHtml, &[("html", &shown)]);
            }
            Event::Start(Tag::Image { dest_url, .. })
                if !dest_url.trim().to_ascii_lowercase().starts_with("data:image/") =>
            {
                self.report(file, line, ProblemCode::ExternalImage, &[("url", dest_url)]);
            }
            _ => {}
        }
    }

    fn scan_body(&mut self, body: &str, first_line: usize) -> Blocks<'a> {
        let file = self.file;
        let mut blocks = Blocks::default();
        let mut removed: Vec<std::ops::Range<usize>> = Vec::new();
        let mut open_block: Option<(String, usize, std::ops::Range<usize>, String)> = None;
        let mut open_heading: Option<String> = None;
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
        let lines = LineIndex::new(body);
        let mut previous_was_html = false;
        for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
            let line = lines.line(range.start) + first_line - 1;
            let is_html = matches!(event, Event::Html(_) | Event::InlineHtml(_));
            let continues_html = is_html && previous_was_html;
            previous_was_html = is_html;
            match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                    open_block = Some((info.trim().to_string(), line, range, String::new()));
                }
                Event::Text(text) | Event::Code(text) => {
                    if let Some((_, _, _, content)) = open_block.as_mut() {
                        content.push_str(&text);
                    } else if let Some(heading) = open_heading.as_mut() {
                        heading.push_str(&text);
                    }
                }
                Event::End(TagEnd::CodeBlock) => {
                    let Some((info, line, range, content)) = open_block.take() else { continue };
                    let words: Vec<&str> = info.split_whitespace().collect();
                    let normalized = info.to_lowercase().replace(['-', '_'], " ");
                    let normalized: Vec<&str> = normalized.split_whitespace().collect();
                    let special = [["rhai", "starter"].as_slice(), &["rhai", "solution"], &["hint"], &["tests"]];
                    if special.contains(&normalized.as_slice()) && !special.contains(&words.as_slice()) {
                        self.report(file, line, ProblemCode::UnknownBlock, &[("block", &info)]);
                        continue;
                    }
                    let located = Located { file, text: content, first_line: line + 1 };
                    match words.as_slice() {
                        ["rhai", "starter"] => blocks.starter.push(located),
                        ["rhai", "solution"] => blocks.solution.push(located),
                        ["hint"] if located.text.trim().is_empty() => {
                            self.report(file, line, ProblemCode::MissingHint, &[]);
                        }
                        ["hint"] => {
                            // A hint is Markdown shown like the text: held to the same rules.
                            self.scan_hint(&located.text, located.first_line);
                            blocks.hints.push(located.text.trim().to_string());
                        }
                        ["tests"] => blocks.tests.push(located),
                        ["rhai"] | [] => continue,
                        ["rhai", ..] | ["hints"] | ["test"] | ["solution"] | ["starter"] | ["toml", "tests"] => {
                            self.report(file, line, ProblemCode::UnknownBlock, &[("block", &info)]);
                            continue;
                        }
                        _ => continue,
                    }
                    removed.push(range);
                }
                Event::Start(Tag::Heading { level: HeadingLevel::H2, .. }) => open_heading = Some(String::new()),
                Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                    if let Some(heading) = open_heading.take() {
                        blocks.steps.push(heading.trim().to_string());
                    }
                }
                other => self.report_markup(file, line, &other, continues_html),
            }
        }
        let mut text = String::new();
        let mut position = 0;
        for range in removed {
            text.push_str(&body[position..range.start.max(position)]);
            position = range.end.max(position);
        }
        text.push_str(&body[position.min(body.len())..]);
        blocks.text = collapse_blank_lines(&text);
        blocks
    }

    fn tests(&mut self, source: &Located, steps: usize) -> Vec<Test> {
        let file = source.file;
        let parsed: TestsFile = match toml::from_str(&source.text) {
            Ok(parsed) => parsed,
            Err(error) => {
                let line = error
                    .span()
                    .map_or(source.first_line, |span| line_of(&source.text, span.start) + source.first_line - 1);
                self.report(file, line, ProblemCode::BadTests, &[("detail", error.message())]);
                return Vec::new();
            }
        };
        if parsed.test.is_empty() {
            self.report(file, source.first_line, ProblemCode::NoTests, &[]);
        }
        if parsed.test.len() > MAX_TESTS {
            let detail = format!("at most {MAX_TESTS} tests");
            self.report(file, source.first_line, ProblemCode::BadTests, &[("detail", &detail)]);
            return Vec::new();
        }
        let mut tests = Vec::new();
        let mut ids = BTreeSet::new();
        let generated = std::cell::Cell::new(0u64);
        let lines = LineIndex::new(&source.text);
        for (index, table) in parsed.test.iter().enumerate() {
            let line = lines.line(table.span().start) + source.first_line - 1;
            let mut fields = Fields {
                table: table.get_ref(),
                file,
                line,
                test: format!("t{}", index + 1),
                problems: Vec::new(),
                generated: &generated,
            };
            let test = fields.test(index, steps);
            self.problems.append(&mut fields.problems);
            if let Some(test) = test {
                if !ids.insert(test.id.clone()) {
                    self.report(file, line, ProblemCode::DuplicateTestId, &[("test", &test.id)]);
                }
                tests.push(test);
            }
        }
        tests
    }
}

#[derive(Default)]
struct Blocks<'a> {
    text: String,
    steps: Vec<String>,
    starter: Vec<Located<'a>>,
    solution: Vec<Located<'a>>,
    tests: Vec<Located<'a>>,
    hints: Vec<String>,
}

/// Removing blocks leaves runs of empty lines; keep at most one.
fn collapse_blank_lines(text: &str) -> String {
    let mut result = String::new();
    let mut blank = 0;
    for line in text.trim().lines() {
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        result.push_str(line.trim_end());
        result.push('\n');
    }
    result
}

/// Keys every test may have.
const COMMON_FIELDS: [&str; 10] =
    ["kind", "id", "name", "points", "hidden", "step", "input", "seed", "board", "duration_ms"];

/// Keys a test of `kind` may have besides [`COMMON_FIELDS`].
fn kind_fields(kind: &str) -> &'static [&'static str] {
    match kind {
        "call" => &["call", "expect", "tolerance", "function", "args", "random"],
        "output" => &["expect", "match", "tolerance"],
        "turtle" => &["order", "tolerance", "colors"],
        "leds" => &["at"],
        "chart" => &["tolerance"],
        "code" => &["defines", "uses", "forbids", "max_lines"],
        "checker" => &["checker"],
        _ => &[],
    }
}

/// Reads one `[[test]]` table.
struct Fields<'t> {
    table: &'t Table,
    file: &'t str,
    line: usize,
    test: String,
    problems: Vec<Problem>,
    /// Elements generated so far by the lesson's random calls (see [`MAX_GENERATED_SIZE`]).
    generated: &'t std::cell::Cell<u64>,
}

impl Fields<'_> {
    /// Reports a problem of this test, on its line, with named arguments.
    fn report(&mut self, code: ProblemCode, args: &[(&str, &str)]) {
        let problem = Problem::new(self.file, code).at(self.line).with("test", &self.test);
        self.problems.push(args.iter().fold(problem, |problem, (name, value)| problem.with(name, value)));
    }

    fn bad(&mut self, field: &str, detail: impl ToString) {
        self.report(ProblemCode::BadField, &[("field", field), ("detail", &detail.to_string())]);
    }

    fn get(&mut self, field: &'static str) -> Option<&toml::Value> {
        self.table.get(field)
    }

    fn text(&mut self, field: &'static str) -> Option<String> {
        match self.get(field)?.clone() {
            toml::Value::String(text) => Some(text),
            _ => {
                self.bad(field, "expected a string in quotes");
                None
            }
        }
    }

    fn int(&mut self, field: &'static str, range: std::ops::RangeInclusive<i64>) -> Option<i64> {
        match self.get(field)?.clone() {
            toml::Value::Integer(number) if range.contains(&number) => Some(number),
            toml::Value::Integer(number) => {
                self.bad(field, format!("{number} is outside {}..={}", range.start(), range.end()));
                None
            }
            _ => {
                self.bad(field, "expected a whole number");
                None
            }
        }
    }

    fn float(&mut self, field: &'static str) -> Option<f64> {
        match self.get(field)?.clone() {
            toml::Value::Float(number) if number.is_finite() && number >= 0.0 => Some(number),
            toml::Value::Integer(number) if number >= 0 => Some(number as f64),
            _ => {
                self.bad(field, "expected a number >= 0");
                None
            }
        }
    }

    fn flag(&mut self, field: &'static str) -> Option<bool> {
        match self.get(field)?.clone() {
            toml::Value::Boolean(flag) => Some(flag),
            _ => {
                self.bad(field, "expected true or false");
                None
            }
        }
    }

    fn texts(&mut self, field: &'static str) -> Option<Vec<String>> {
        let value = self.get(field)?.clone();
        let items = match value {
            toml::Value::Array(items) => items,
            _ => {
                self.bad(field, "expected a list of strings, like [\"a\", \"b\"]");
                return None;
            }
        };
        let texts: Option<Vec<String>> = items
            .into_iter()
            .map(|item| if let toml::Value::String(text) = item { Some(text) } else { None })
            .collect();
        if texts.is_none() {
            self.bad(field, "expected a list of strings, like [\"a\", \"b\"]");
        }
        texts
    }

    fn value(&mut self, field: &'static str, text: &str) -> Option<Value> {
        match Value::parse(text) {
            Ok(value) => Some(value),
            Err(diagnostic) => {
                let detail = diagnostic.args.get("detail").cloned().unwrap_or_default();
                self.report(ProblemCode::BadValue, &[("field", field), ("detail", &detail)]);
                None
            }
        }
    }

    fn test(&mut self, index: usize, steps: usize) -> Option<Test> {
        let id = self.text("id").unwrap_or_else(|| format!("t{}", index + 1));
        self.test = id.clone();
        let valid_id = !id.is_empty()
            && id.len() <= 64
            && id.chars().all(|character| character.is_ascii_alphanumeric() || character == '-' || character == '_');
        if !valid_id {
            self.report(ProblemCode::BadTestId, &[]);
        }
        let name = self.text("name");
        let points = self.int("points", 1..=MAX_TEST_POINTS).unwrap_or(1) as u32;
        let hidden = self.flag("hidden").unwrap_or(false);
        let step = self.int("step", 1..=1000).map(|step| step as u32);
        if let Some(step) = step.filter(|step| *step as usize > steps) {
            self.report(ProblemCode::BadStep, &[("step", &step.to_string()), ("steps", &steps.to_string())]);
        }
        let input = self.texts("input").unwrap_or_default();
        let seed = self.int("seed", 0..=i64::MAX).unwrap_or(0) as u64;
        let board = match self.text("board") {
            Some(text) => match Scenario::parse(&text) {
                Ok(board) => board,
                Err(error) => {
                    self.report(ProblemCode::BadBoard, &[("detail", &error.to_string())]);
                    Scenario::default()
                }
            },
            None => Scenario::default(),
        };
        let duration_ms = self.int("duration_ms", 1..=MAX_DURATION_MS).unwrap_or(60_000) as u64;
        let kind = match self.table.get("kind") {
            None => {
                self.missing("kind");
                return None;
            }
            Some(toml::Value::String(kind)) => kind.clone(),
            Some(_) => {
                self.bad("kind", "expected a string in quotes, like kind = \"output\"");
                return None;
            }
        };
        let unknown: Vec<String> = self
            .table
            .keys()
            .filter(|key| !COMMON_FIELDS.contains(&key.as_str()) && !kind_fields(&kind).contains(&key.as_str()))
            .cloned()
            .collect();
        let check = match Some(kind.as_str()) {
            Some("call") => self.call(seed),
            Some("output") => self.output(),
            Some("turtle") => self.turtle(),
            Some("leds") => self.leds(duration_ms),
            Some("chart") => Some(Check::Chart { expected: None, tolerance: self.float("tolerance").unwrap_or(1e-6) }),
            Some("code") => self.code(),
            Some("checker") => self.checker(),
            _ => {
                self.report(ProblemCode::UnknownTestKind, &[("kind", &kind)]);
                return None;
            }
        };
        for field in unknown {
            self.report(ProblemCode::FieldNotAllowed, &[("field", &field), ("kind", &kind)]);
        }
        Some(Test { id, name, points, hidden, step, input, seed, board, duration_ms, check: check? })
    }

    fn missing(&mut self, field: &str) {
        self.report(ProblemCode::MissingField, &[("field", field)]);
    }

    fn call(&mut self, seed: u64) -> Option<Check> {
        let tolerance = self.float("tolerance");
        if let Some(call) = self.text("call") {
            let expected = match self.text("expect") {
                Some(text) => Some(self.value("expect", &text)?),
                None => None,
            };
            let call = call.trim();
            let open = call.find('(');
            let (function, arguments) = match open {
                Some(open) if call.ends_with(')') && is_identifier(call[..open].trim()) => {
                    (call[..open].trim().to_string(), &call[open + 1..call.len() - 1])
                }
                _ => {
                    self.bad("call", "expected a call like add(2, 3)");
                    return None;
                }
            };
            let Value::Array(arguments) = self.value("call", &format!("[{arguments}]"))? else { return None };
            return Some(Check::Call { function, cases: vec![CallCase { arguments, expected }], tolerance });
        }
        let Some(function) = self.text("function") else {
            self.missing("call (or function and args)");
            return None;
        };
        if !is_identifier(&function) {
            self.bad("function", "expected a function name");
            return None;
        }
        let Some(argument_specs) = self.texts("args") else {
            self.missing("args");
            return None;
        };
        let count = self.int("random", 1..=MAX_RANDOM_CALLS).unwrap_or(1);
        let mut generators = Vec::new();
        for spec in &argument_specs {
            match Generator::parse(spec) {
                Ok(generator) => generators.push(generator),
                Err(detail) => {
                    self.report(ProblemCode::BadGenerator, &[("detail", &detail)]);
                    return None;
                }
            }
        }
        let size = generators
            .iter()
            .map(Generator::max_size)
            .fold(0u64, u64::saturating_add)
            .saturating_mul(count as u64)
            .saturating_add(self.generated.get());
        self.generated.set(size);
        if size > MAX_GENERATED_SIZE {
            let detail = format!(
                "the lesson's random arguments could reach {size} elements in all, at most {MAX_GENERATED_SIZE}"
            );
            self.report(ProblemCode::BadGenerator, &[("detail", &detail)]);
            return None;
        }
        let mut random = SeededRandom::new(seed ^ 0x5EED_CA11);
        let cases = (0..count)
            .map(|_| CallCase {
                arguments: generators.iter().map(|generator| generator.generate(&mut random)).collect(),
                expected: None,
            })
            .collect();
        Some(Check::Call { function, cases, tolerance })
    }

    fn output(&mut self) -> Option<Check> {
        let expected = self.text("expect");
        let matching = match self.text("match").as_deref() {
            None | Some("trim") => OutputMatch::Trim,
            Some("exact") => OutputMatch::Exact,
            Some("numbers") => OutputMatch::Numbers,
            Some(other) => {
                self.bad("match", format!("`{other}` is not trim, exact or numbers"));
                return None;
            }
        };
        let tolerance = self.float("tolerance");
        if tolerance.is_some() && matching != OutputMatch::Numbers {
            self.bad("tolerance", "only used with match = \"numbers\"");
        }
        Some(Check::Output { expected, matching, tolerance: tolerance.unwrap_or(1e-6) })
    }

    fn turtle(&mut self) -> Option<Check> {
        let same_order = match self.text("order").as_deref() {
            None | Some("any") => false,
            Some("same") => true,
            Some(other) => {
                self.bad("order", format!("`{other}` is not any or same"));
                return None;
            }
        };
        let tolerance = self.float("tolerance").unwrap_or(0.5);
        let colors = self.flag("colors").unwrap_or(true);
        Some(Check::Turtle { expected: None, same_order, tolerance, colors })
    }

    fn leds(&mut self, duration_ms: u64) -> Option<Check> {
        let Some(value) = self.get("at").cloned() else {
            self.missing("at");
            return None;
        };
        let times: Option<Vec<u64>> = match value {
            toml::Value::Array(items) if !items.is_empty() => items
                .into_iter()
                .map(|item| match item {
                    toml::Value::Integer(time) if (0..=duration_ms as i64).contains(&time) => Some(time as u64),
                    _ => None,
                })
                .collect(),
            _ => None,
        };
        if times.is_none() {
            self.bad("at", format!("expected a list of times from 0 to duration_ms ({duration_ms})"));
        }
        Some(Check::Leds { at: times?, expected: None })
    }

    fn code(&mut self) -> Option<Check> {
        let defines = self.texts("defines").unwrap_or_default();
        let uses = self.texts("uses").unwrap_or_default();
        let forbids = self.texts("forbids").unwrap_or_default();
        let max_lines = self.int("max_lines", 1..=10_000).map(|lines| lines as usize);
        for name in &defines {
            if !is_identifier(name) {
                self.report(ProblemCode::UnknownConstruct, &[("construct", name)]);
            }
        }
        for construct in uses.iter().chain(&forbids) {
            if !CONSTRUCTS.contains(&construct.as_str()) && !is_identifier(construct) {
                self.report(ProblemCode::UnknownConstruct, &[("construct", construct)]);
            }
        }
        if defines.is_empty() && uses.is_empty() && forbids.is_empty() && max_lines.is_none() {
            self.missing("defines, uses, forbids or max_lines");
            return None;
        }
        Some(Check::Code { defines, uses, forbids, max_lines })
    }

    fn checker(&mut self) -> Option<Check> {
        let Some(checker) = self.text("checker") else {
            self.missing("checker");
            return None;
        };
        match syntax::facts(&checker, &Limits::default()) {
            Ok(facts) if facts.functions.get("check").is_some_and(|arities| arities.contains(&1)) => {}
            Ok(_) => {
                self.bad("checker", "the checker must define fn check(run)");
                return None;
            }
            Err(diagnostic) => {
                let place =
                    diagnostic.position.map(|position| format!(" (line {})", position.line)).unwrap_or_default();
                self.bad("checker", format!("{}{place}", diagnostic.code.id()));
                return None;
            }
        }
        Some(Check::Checker { checker, reference: None })
    }
}
