//! `sprout run FILE.rhai`: runs a student's program natively in the same sandbox as the app and
//! prints what it did. Exit status: 0 when the program ran to its end, 1 when it failed with a
//! diagnostic, 3 when it was stopped at its virtual-time limit (a maker loop that never ends, a
//! timer still running): the run is not wrong, but it did not end by itself, and the person
//! running it is told so on stderr, with the limit in words.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use clap::{value_parser, Arg, ArgAction, ArgMatches, Command};
use sprout_lessons::files::read_file;
use sprout_lessons::messages::describe_problem;
use sprout_runtime::messages::{describe, Language};
use sprout_runtime::trace::{Chart, TurtleEvent};
use sprout_runtime::{run_with_interrupt, Event, Outcome, Run, RunInput, Scenario};

use crate::words::{duration, tr};
use crate::RUN_STACK_BYTES;

/// The exit status of a run stopped at its virtual-time limit.
const TIME_UP: u8 = 3;

struct RunCommand {
    program: PathBuf,
    input: RunInput,
    time_limit: Duration,
    language: Language,
    json: bool,
}

/// The real-time safety net's default: a run still going after this many milliseconds is stopped.
const TIME_LIMIT_MS: u64 = crate::RUN_TIME_LIMIT_MS;

/// `sprout run`'s shape: its arguments, with the run's defaults (words: `command-run` in cli.ftl).
pub(crate) fn command() -> Command {
    let defaults = RunInput::default();
    let number = |id: &'static str, default: u64| {
        Arg::new(id).long(id).value_parser(value_parser!(u64)).default_value(default.to_string())
    };
    Command::new("run")
        .arg(Arg::new("program").required(true))
        .arg(Arg::new("input").long("input"))
        .arg(Arg::new("board").long("board"))
        .arg(number("seed", defaults.seed))
        .arg(number("max-operations", defaults.limits.max_operations))
        .arg(number("time-limit-ms", TIME_LIMIT_MS))
        .arg(Arg::new("json").long("json").action(ArgAction::SetTrue))
}

/// `sprout run` with what clap found.
pub(crate) fn main(arguments: &ArgMatches, language: Language) -> Result<ExitCode> {
    parse(arguments, language).and_then(execute)
}

/// Reads the files the options name into the run's input.
fn parse(arguments: &ArgMatches, language: Language) -> Result<RunCommand> {
    let program = arguments.get_one::<String>("program").with_context(|| tr(language, "run-needs-program", &[]))?;
    let mut input = RunInput::default();
    if let Some(path) = arguments.get_one::<String>("input") {
        input.lines = read_text(path, language)?.lines().map(str::to_string).collect();
    }
    if let Some(path) = arguments.get_one::<String>("board") {
        input.scenario = Scenario::parse(&read_text(path, language)?)
            .with_context(|| tr(language, "cli-in-file", &[("file", path)]))?;
    }
    let number = |id: &str| arguments.get_one::<u64>(id).copied();
    input.seed = number("seed").unwrap_or(input.seed);
    input.limits.max_operations = number("max-operations").unwrap_or(input.limits.max_operations);
    let time_limit = Duration::from_millis(number("time-limit-ms").unwrap_or(TIME_LIMIT_MS));
    let json = arguments.get_flag("json");
    Ok(RunCommand { program: PathBuf::from(program), input, time_limit, language, json })
}

/// The largest program, input or board file `sprout run` reads: far beyond what the sandbox runs
/// (it says so itself), far below what would strain memory.
const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;

/// Reads a text file of at most [`MAX_TEXT_BYTES`], refused by its size before it is read; bytes
/// that are not UTF-8 become U+FFFD so that binary junk reaches the sandbox (which reports it)
/// instead of stopping the command.
pub(crate) fn read_text(path: &str, language: Language) -> Result<String> {
    let bytes = read_file(Path::new(path), MAX_TEXT_BYTES)
        .map_err(|problem| anyhow::anyhow!(describe_problem(&problem, language)))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn execute(command: RunCommand) -> Result<ExitCode> {
    let language = command.language;
    let source = read_text(&command.program.to_string_lossy(), language)?;
    let input = command.input.clone();
    let deadline = Instant::now() + command.time_limit;
    let result = std::thread::Builder::new()
        .stack_size(RUN_STACK_BYTES)
        .spawn(move || run_with_interrupt(&source, &input, Box::new(move || Instant::now() > deadline)))
        .with_context(|| tr(language, "cli-no-thread", &[]))?
        .join()
        .map_err(|_| anyhow::anyhow!(tr(language, "cli-crashed", &[])))?;
    if command.json {
        say!("{}", serde_json::to_string_pretty(&result)?);
    } else {
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), "{}", render_trace(&result));
    }
    match &result.outcome {
        Outcome::Failed { diagnostic } => {
            let message = describe(diagnostic, language);
            let place = diagnostic
                .position
                .map(|position| format!("{}:{}:{}: ", command.program.display(), position.line, position.column))
                .unwrap_or_else(|| format!("{}: ", command.program.display()));
            if !command.json {
                say_error!("{place}{} [{}]", message.text, diagnostic.code.id());
                if let Some(hint) = message.hint {
                    say_error!("  {hint}");
                }
            }
            Ok(ExitCode::from(1))
        }
        Outcome::TimeUp => {
            if !command.json {
                say_error!("{}: {}", command.program.display(), time_up(&command.input, &result, language));
            }
            Ok(ExitCode::from(TIME_UP))
        }
        Outcome::Finished { .. } => Ok(ExitCode::SUCCESS),
    }
}

/// Why a run that was still going ended, with the limit it reached in words: the run's virtual
/// time, or the board scenario's `stop at` when that came first.
fn time_up(input: &RunInput, result: &Run, language: Language) -> String {
    let by_board = input.scenario.stop_at_ms.is_some_and(|stop_at| stop_at < input.limits.max_virtual_time_ms);
    let id = if by_board { "run-time-up-board" } else { "run-time-up" };
    tr(language, id, &[("limit", &duration(language, result.end_time_ms))])
}

/// The trace as text: console output as written, every other event on a line of its own that
/// starts with its virtual time, e.g. `@150ms led #...# ...`.
fn render_trace(result: &Run) -> String {
    let mut text = String::new();
    for event in &result.trace {
        let line = match &event.event {
            Event::Output { text: output } => {
                text.push_str(output);
                continue;
            }
            Event::Turtle { turtle } => match turtle {
                TurtleEvent::Move { from, to, pen } => {
                    let pen = pen.as_ref().map_or("up".to_string(), |pen| format!("{} {}", pen.color, pen.width));
                    format!("turtle move ({}, {}) -> ({}, {}) pen {pen}", from.x, from.y, to.x, to.y)
                }
                TurtleEvent::Turn { heading } => format!("turtle turn {heading}"),
                TurtleEvent::Fill { points, color } => format!("turtle fill {color} {} points", points.len()),
                TurtleEvent::Dot { at, size, color } => format!("turtle dot ({}, {}) {size} {color}", at.x, at.y),
                TurtleEvent::Visible { visible } => format!("turtle visible {visible}"),
            },
            Event::Chart { chart } => match chart {
                Chart::Line { xs, ys } => format!("chart line xs={xs:?} ys={ys:?}"),
                Chart::Scatter { xs, ys, labels } => format!("chart scatter xs={xs:?} ys={ys:?} labels={labels:?}"),
                Chart::Bar { labels, values } => format!("chart bar labels={labels:?} values={values:?}"),
                Chart::Histogram { edges, counts } => format!("chart histogram edges={edges:?} counts={counts:?}"),
            },
            Event::Led { frame } => {
                let rows: Vec<String> = frame
                    .chunks(5)
                    .map(|row| {
                        row.iter().map(|&level| if level == 0 { '.' } else { char::from(b'0' + level) }).collect()
                    })
                    .collect();
                format!("led {}", rows.join(" "))
            }
        };
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&format!("@{}ms {line}\n", event.time_ms));
    }
    text
}
