//! `sprout run FILE.rhai`: runs a student's program natively in the same sandbox as the app and
//! prints what it did. Exit status: 0 when the program ran cleanly (or ran until its virtual time
//! was up), 1 when it failed with a diagnostic.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _, Result};
use sprout_runtime::messages::{describe, Language};
use sprout_runtime::trace::{Chart, TurtleEvent};
use sprout_runtime::{run_with_interrupt, Event, Outcome, Run, RunInput, Scenario};

use crate::RUN_STACK_BYTES;

pub(crate) const USAGE: &str = "\
usage: sprout run FILE.rhai [options]

options:
  --input FILE          lines that input() reads
  --board FILE          maker-board scenario (button presses, sensor values)
  --seed N              seed for random numbers (default 0)
  --max-operations N    operation budget (default 10000000)
  --lang zh-CN|en       language of error messages (default zh-CN)
  --time-limit-ms N     real-time safety net: stop a run after N ms (default 10000)
  --json                print the whole run as JSON";

struct RunCommand {
    program: PathBuf,
    input: RunInput,
    time_limit: Duration,
    language: Language,
    json: bool,
}

/// `sprout run` with its arguments (after the word `run`).
pub(crate) fn main(rest: &[String]) -> Result<ExitCode> {
    parse(rest).and_then(execute)
}

fn parse(rest: &[String]) -> Result<RunCommand> {
    let mut program = None;
    let mut input = RunInput::default();
    let mut language = Language::default();
    let mut json = false;
    let mut time_limit = Duration::from_secs(10);
    let mut words = rest.iter();
    while let Some(word) = words.next() {
        let mut value = |flag: &str| words.next().cloned().with_context(|| format!("{flag} needs a value"));
        match word.as_str() {
            "--json" => json = true,
            "--input" => {
                let path = value("--input")?;
                let text = read_text(&path)?;
                input.lines = text.lines().map(str::to_string).collect();
            }
            "--board" => {
                let path = value("--board")?;
                input.scenario = Scenario::parse(&read_text(&path)?).with_context(|| format!("in {path}"))?;
            }
            "--seed" => input.seed = value("--seed")?.parse().context("--seed needs a whole number")?,
            "--max-operations" => {
                input.limits.max_operations =
                    value("--max-operations")?.parse().context("--max-operations needs a whole number")?;
            }
            "--time-limit-ms" => {
                let milliseconds = value("--time-limit-ms")?.parse().context("--time-limit-ms needs a whole number")?;
                time_limit = Duration::from_millis(milliseconds);
            }
            "--lang" => {
                let tag = value("--lang")?;
                language =
                    Language::from_tag(&tag).with_context(|| format!("unknown language `{tag}` (zh-CN or en)"))?;
            }
            flag if flag.starts_with("--") => bail!("unknown option `{flag}`\n{USAGE}"),
            path if program.is_none() => program = Some(PathBuf::from(path)),
            extra => bail!("unexpected argument `{extra}`\n{USAGE}"),
        }
    }
    let program = program.with_context(|| format!("missing FILE.rhai\n{USAGE}"))?;
    Ok(RunCommand { program, input, time_limit, language, json })
}

/// Reads a text file; bytes that are not UTF-8 become U+FFFD so that binary junk reaches the
/// sandbox (which reports it) instead of stopping the command.
pub(crate) fn read_text(path: &str) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {path}"))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn execute(command: RunCommand) -> Result<ExitCode> {
    let source = read_text(&command.program.to_string_lossy())?;
    let input = command.input.clone();
    let deadline = Instant::now() + command.time_limit;
    let result = std::thread::Builder::new()
        .stack_size(RUN_STACK_BYTES)
        .spawn(move || run_with_interrupt(&source, &input, Box::new(move || Instant::now() > deadline)))
        .context("cannot start the run")?
        .join()
        .map_err(|_| anyhow::anyhow!("the run crashed (a bug in Sprout)"))?;
    if command.json {
        say!("{}", serde_json::to_string_pretty(&result)?);
    } else {
        {
            use std::io::Write as _;
            let _ = write!(std::io::stdout(), "{}", render_trace(&result));
        }
    }
    match &result.outcome {
        Outcome::Failed { diagnostic } => {
            let message = describe(diagnostic, command.language);
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
        Outcome::TimeUp | Outcome::Finished { .. } => Ok(ExitCode::SUCCESS),
    }
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
