//! `sprout run FILE.rhai`: runs a student's program natively in the same sandbox as the app and
//! prints what it did. Exit status: 0 when the program ran to its end, 1 when it failed with a
//! diagnostic, 3 when it was stopped at its virtual-time limit (a maker loop that never ends, a
//! timer still running): the run is not wrong, but it did not end by itself, and the person
//! running it is told so on stderr, with the limit in words.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _, Result};
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

/// `sprout run` with its arguments (after the word `run`, `--lang` already taken out).
pub(crate) fn main(rest: &[String], language: Language) -> Result<ExitCode> {
    parse(rest, language).and_then(execute)
}

fn parse(rest: &[String], language: Language) -> Result<RunCommand> {
    let mut program = None;
    let mut input = RunInput::default();
    let mut json = false;
    let mut time_limit = Duration::from_secs(10);
    let usage = || tr(language, "cli-run-usage", &[]);
    let mut words = rest.iter();
    while let Some(word) = words.next() {
        match word.as_str() {
            "--json" => json = true,
            "--input" => {
                let path = crate::value_of(word, &mut words, language)?;
                let text = read_text(path, language)?;
                input.lines = text.lines().map(str::to_string).collect();
            }
            "--board" => {
                let path = crate::value_of(word, &mut words, language)?;
                input.scenario = Scenario::parse(&read_text(path, language)?)
                    .with_context(|| tr(language, "cli-in-file", &[("file", path)]))?;
            }
            "--seed" => input.seed = crate::number_of(word, &mut words, language)?,
            "--max-operations" => input.limits.max_operations = crate::number_of(word, &mut words, language)?,
            "--time-limit-ms" => time_limit = Duration::from_millis(crate::number_of(word, &mut words, language)?),
            flag if flag.starts_with("--") => {
                bail!("{}\n{}", tr(language, "cli-unknown-option", &[("option", &flag)]), usage())
            }
            path if program.is_none() => program = Some(PathBuf::from(path)),
            extra => bail!("{}\n{}", tr(language, "cli-unexpected-argument", &[("argument", &extra)]), usage()),
        }
    }
    let program = program.with_context(|| format!("{}\n{}", tr(language, "run-needs-program", &[]), usage()))?;
    Ok(RunCommand { program, input, time_limit, language, json })
}

/// Reads a text file; bytes that are not UTF-8 become U+FFFD so that binary junk reaches the
/// sandbox (which reports it) instead of stopping the command.
pub(crate) fn read_text(path: &str, language: Language) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| tr(language, "cli-cannot-read", &[("file", &path)]))?;
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
