//! Keeps `docs/student-api.md` true: the reference students and teachers read must name exactly
//! the functions in [`sprout_runtime::api::API`] and [`sprout_runtime::api::AI_API`], and every
//! example in it must run (the AI section's examples only in a build with the `ai` feature, which
//! `cargo test --workspace` has: the CLI and the tests crate turn it on).
//!
//! What is checked, in one pass that collects every problem before failing:
//! - each function in `API` has one `###` heading under the `##` section of its area, whose first
//!   backticked name is the function (`` ### `circle(radius)` / `circle(radius, extent)` ``), and
//!   the forms written in the heading have exactly the function's argument counts;
//! - every `###` heading names a function that is in `API` or `AI_API` (no stale docs), and has an
//!   example that calls it (`dot` is in both: the turtle's and the vector's, each in its section);
//! - every ` ```rhai ` block runs to an outcome other than `Outcome::Failed`;
//! - every ` ```scenario ` block parses, and the limits table quotes `Limits::default()`.
//!
//! An example may start with comment lines that set up its run (nothing else may come before them):
//! - `// input: 3, 5` — the lines `input()` reads, separated by commas (so a line cannot contain one);
//! - `// board: button A at 500` — one line of the maker-board scenario; repeat it for more lines.

use std::collections::{BTreeMap, BTreeSet};

use sprout_runtime::api::{ApiFunction, Area, AI_API, AI_METHODS, API};
use sprout_runtime::messages::{describe, Language};
use sprout_runtime::{run, Limits, Outcome, RunInput, Scenario};

const DOCS_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/student-api.md");

/// The words the `##` heading of each area's section must contain.
fn section_title(area: Area) -> &'static str {
    match area {
        Area::Text => "文字 Text",
        Area::Math => "数学 Math",
        Area::Turtle => "海龟画图 Turtle",
        Area::Chart => "图表 Charts",
        Area::Board => "创客板 Maker board",
        Area::Clock => "时间和事件 Clock and events",
        Area::Ai => "人工智能 AI",
    }
}

/// Every function and method the docs must cover, in every build.
fn all_functions() -> impl Iterator<Item = &'static ApiFunction> + Clone {
    API.iter().chain(AI_API).chain(AI_METHODS)
}

/// Whether this build can run the examples of `section`.
fn runs_in_this_build(section: &str) -> bool {
    cfg!(feature = "ai") || !section.contains(section_title(Area::Ai))
}

/// A `###` heading: the function it documents and the argument counts of the forms it shows.
struct FunctionHeading {
    line: usize,
    text: String,
    section: String,
    name: String,
    arities: BTreeSet<usize>,
}

/// A fenced code block and the heading it stands under.
struct CodeBlock {
    line: usize,
    language: String,
    section: String,
    heading: String,
    code: String,
}

/// The document's `###` headings and fenced blocks, in order.
struct Document {
    headings: Vec<FunctionHeading>,
    blocks: Vec<CodeBlock>,
}

fn read_document(text: &str) -> Document {
    let mut document = Document { headings: Vec::new(), blocks: Vec::new() };
    let (mut section, mut heading) = (String::new(), String::new());
    let mut open_block: Option<CodeBlock> = None;
    for (index, line) in text.lines().enumerate() {
        let line_number = index + 1;
        if let Some(block) = &mut open_block {
            if line.trim_start().starts_with("```") {
                document.blocks.extend(open_block.take());
            } else {
                block.code.push_str(line);
                block.code.push('\n');
            }
        } else if let Some(language) = line.trim_start().strip_prefix("```") {
            let language = language.trim().to_string();
            open_block = Some(CodeBlock {
                line: line_number,
                language,
                section: section.clone(),
                heading: heading.clone(),
                code: String::new(),
            });
        } else if let Some(title) = line.strip_prefix("### ") {
            heading = title.trim().to_string();
            document.headings.push(function_heading(line_number, &heading, &section));
        } else if let Some(title) = line.strip_prefix("## ") {
            (section, heading) = (title.trim().to_string(), title.trim().to_string());
        }
    }
    if let Some(block) = open_block {
        panic!("the code block opened at line {} is never closed", block.line);
    }
    document
}

/// Reads `` `name(a, b)` / `name(a, b, c)` 中文 ``: the name of the first backticked form, and the
/// argument count of every backticked form with that name. A method's form, `` `c.predict(x)` ``,
/// counts its object as an argument, as `AI_METHODS` does.
fn function_heading(line: usize, text: &str, section: &str) -> FunctionHeading {
    let forms: Vec<&str> = text.split('`').skip(1).step_by(2).collect();
    let callee = |form: &str| form.split('(').next().unwrap_or("").trim().to_string();
    let name_of = |form: &str| callee(form).rsplit('.').next().unwrap_or("").to_string();
    let name = forms.first().map(|form| name_of(form)).unwrap_or_default();
    let arities = forms
        .iter()
        .filter(|form| name_of(form) == name)
        .filter_map(|form| {
            let arguments = form.split_once('(')?.1.strip_suffix(')')?;
            let object = usize::from(callee(form).contains('.'));
            Some(object + if arguments.trim().is_empty() { 0 } else { arguments.split(',').count() })
        })
        .collect();
    FunctionHeading { line, text: text.to_string(), section: section.to_string(), name, arities }
}

/// The run an example asks for in its leading `// input:` and `// board:` lines.
fn input_of(code: &str) -> Result<RunInput, String> {
    let mut input = RunInput::default();
    let mut scenario_lines = Vec::new();
    for line in code.lines() {
        let Some(comment) = line.trim().strip_prefix("//") else {
            break;
        };
        let Some((directive, value)) = comment.split_once(':') else {
            break;
        };
        let value = value.trim();
        match directive.trim() {
            "input" => input.lines.extend(value.split(',').map(|item| item.trim().to_string())),
            "board" => scenario_lines.push(value),
            _ => break,
        }
    }
    input.scenario =
        Scenario::parse(&scenario_lines.join("\n")).map_err(|error| format!("bad `// board:` line: {error}"))?;
    Ok(input)
}

fn check_headings(document: &Document, problems: &mut Vec<String>) {
    let mut documented: BTreeMap<(&str, String), &FunctionHeading> = BTreeMap::new();
    for heading in &document.headings {
        let place = format!("line {}: `### {}`", heading.line, heading.text);
        let candidates: Vec<&ApiFunction> = all_functions().filter(|function| function.name == heading.name).collect();
        let in_section = |function: &&&ApiFunction| heading.section.contains(section_title(function.area));
        let Some(function) = candidates.iter().find(in_section).or(candidates.first()).copied() else {
            problems.push(format!("{place} does not start with a backticked function of the API (stale or misspelt?)"));
            continue;
        };
        if documented.insert((function.name, format!("{:?}", function.area)), heading).is_some() {
            problems.push(format!("{place}: `{}` is documented twice", function.name));
        }
        let expected: BTreeSet<usize> = function.arities.iter().copied().collect();
        if heading.arities != expected {
            problems.push(format!(
                "{place} shows argument counts {:?}, but `{}` takes {expected:?}",
                heading.arities, function.name
            ));
        }
        let title = section_title(function.area);
        if !heading.section.contains(title) {
            problems.push(format!("{place} is under `## {}`, but belongs under `## {title}`", heading.section));
        }
        let call = format!("{}(", function.name);
        let has_example = document
            .blocks
            .iter()
            .any(|block| block.language == "rhai" && block.heading == heading.text && block.code.contains(&call));
        if !has_example {
            problems.push(format!("{place} has no ```rhai example that calls `{}`", function.name));
        }
    }
    for function in all_functions() {
        if !documented.contains_key(&(function.name, format!("{:?}", function.area))) {
            problems.push(format!("`{}` is in the API but has no `###` heading", function.name));
        }
    }
}

fn check_examples(document: &Document, problems: &mut Vec<String>) {
    for block in &document.blocks {
        let place = format!("line {} (under `{}`)", block.line, block.heading);
        match block.language.as_str() {
            "rhai" if !runs_in_this_build(&block.section) => continue,
            "rhai" => {}
            "scenario" => {
                if let Err(error) = Scenario::parse(&block.code) {
                    problems.push(format!("{place}: the scenario does not parse: {error}"));
                }
                continue;
            }
            other => {
                problems.push(format!("{place}: unknown code block language `{other}` (use rhai or scenario)"));
                continue;
            }
        }
        let input = match input_of(&block.code) {
            Ok(input) => input,
            Err(problem) => {
                problems.push(format!("{place}: {problem}"));
                continue;
            }
        };
        let result = run(&block.code, &input);
        if let Outcome::Failed { diagnostic } = &result.outcome {
            let message = describe(diagnostic, Language::En).text;
            let position = diagnostic.position.map_or(String::new(), |at| format!(" at {}:{}", at.line, at.column));
            problems.push(format!(
                "{place}: the example failed with `{}`{position}: {message} {:?}\n    output so far: {:?}",
                diagnostic.code.id(),
                diagnostic.args,
                result.output()
            ));
        }
    }
}

/// The limits table must quote every field of `Limits::default()` with its current value.
fn check_limits(text: &str, problems: &mut Vec<String>) {
    let limits = serde_json::to_value(Limits::default()).expect("limits serialize");
    let fields = limits.as_object().expect("limits serialize as an object");
    for (field, value) in fields {
        let setting = format!("`{field}`");
        let Some(row) = text.lines().find(|line| line.starts_with('|') && line.contains(&setting)) else {
            problems.push(format!("the limits table has no row for {setting}"));
            continue;
        };
        let expected = value.to_string();
        let without_separators = row.replace(',', "");
        let quoted =
            without_separators.split(|character: char| !character.is_ascii_digit()).any(|number| number == expected);
        if !quoted {
            problems.push(format!("the limits row for {setting} does not say {value}: {row}"));
        }
    }
}

#[test]
fn student_api_docs_cover_the_api_and_every_example_runs() {
    let text = std::fs::read_to_string(DOCS_PATH).unwrap_or_else(|error| panic!("cannot read {DOCS_PATH}: {error}"));
    let document = read_document(&text);
    let mut problems = Vec::new();
    check_headings(&document, &mut problems);
    check_examples(&document, &mut problems);
    check_limits(&text, &mut problems);
    let examples = document.blocks.iter().filter(|block| block.language == "rhai").count();
    let functions = all_functions().count();
    assert!(examples >= functions, "only {examples} examples for {functions} functions");
    assert!(problems.is_empty(), "docs/student-api.md has {} problem(s):\n- {}", problems.len(), problems.join("\n- "));
}
