//! `sprout`: the command line for teachers, judges and tests.
//!
//! - `sprout run FILE.rhai` runs a program in the same sandbox as the app;
//! - `sprout check PATH…` checks lesson files and courses;
//! - `sprout pack COURSE_DIR` builds a lesson pack;
//! - `sprout grade --pack FULL.pack SUBMISSION…` re-grades result files with every test.
//!
//! `--lang zh-CN|en`, anywhere on the line, chooses the language of everything said to a person
//! (`words`); Chinese by default.
//!
//! Exit status: 0 on success, 1 when the program failed (`run`) or problems were found (`check`,
//! `pack`), 2 when the command itself was used wrongly, 3 when `run` stopped a program at its
//! virtual-time limit.

/// `println!` that ignores a closed pipe (`sprout run big.rhai | head` must not panic).
macro_rules! say {
    ($($argument:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($argument)*);
    }};
}

/// `eprintln!` that ignores a closed pipe.
macro_rules! say_error {
    ($($argument:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($argument)*);
    }};
}

mod check;
mod grade;
mod pack;
mod run;
mod words;

use std::process::ExitCode;

use anyhow::{bail, Context as _, Result};
use sprout_runtime::messages::Language;

use crate::words::{in_every_language, tr};

/// Student programs may recurse as deep as the run's call-depth limit allows; Rhai needs more
/// stack per level than a default thread has, so runs get threads with a generous stack.
pub(crate) const RUN_STACK_BYTES: usize = 256 * 1024 * 1024;

/// The exit status of a command used wrongly (an unknown option, a missing argument).
const USAGE_ERROR: u8 = 2;

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let (language, arguments) = match take_language(arguments) {
        Ok(found) => found,
        Err(message) => {
            say_error!("sprout: {message}");
            return ExitCode::from(USAGE_ERROR);
        }
    };
    let usage = tr(language, "cli-usage", &[]);
    let outcome = match arguments.split_first() {
        Some((command, rest)) if command == "run" => {
            if rest.iter().any(|word| word == "--help") {
                say!("{}", tr(language, "cli-run-usage", &[]));
                return ExitCode::SUCCESS;
            }
            run::main(rest, language)
        }
        Some((command, rest)) if command == "check" => check::main(rest, language),
        Some((command, rest)) if command == "pack" => pack::main(rest, language),
        Some((command, rest)) if command == "grade" => grade::main(rest, language),
        Some((command, _)) if command == "help" || command == "--help" => {
            say!("{usage}");
            return ExitCode::SUCCESS;
        }
        Some((command, _)) => {
            Err(anyhow::anyhow!("{}\n{usage}", tr(language, "cli-unknown-command", &[("command", command)])))
        }
        None => Err(anyhow::anyhow!("{}\n{usage}", tr(language, "cli-missing-command", &[]))),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            say_error!("sprout: {error:#}");
            ExitCode::from(USAGE_ERROR)
        }
    }
}

/// Takes `--lang TAG` (or `--lang=TAG`) out of the arguments, wherever it is, and reads it; the
/// last one wins. A missing or unknown tag is said in every language, since none was chosen.
fn take_language(arguments: Vec<String>) -> Result<(Language, Vec<String>), String> {
    let mut language = Language::default();
    let mut rest = Vec::new();
    let mut words = arguments.into_iter();
    while let Some(word) = words.next() {
        let tag = match word.strip_prefix("--lang=") {
            Some(tag) => tag.to_string(),
            None if word == "--lang" => {
                words.next().ok_or_else(|| in_every_language("cli-needs-value", &[("option", &"--lang")]))?
            }
            None => {
                rest.push(word);
                continue;
            }
        };
        language =
            Language::from_tag(&tag).ok_or_else(|| in_every_language("cli-unknown-language", &[("tag", &tag)]))?;
    }
    Ok((language, rest))
}

/// Runs `work` on a thread with a stack large enough for the deepest student program.
pub(crate) fn on_big_stack<T: Send + 'static>(
    language: Language,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T> {
    std::thread::Builder::new()
        .stack_size(RUN_STACK_BYTES)
        .spawn(work)
        .with_context(|| tr(language, "cli-no-thread", &[]))?
        .join()
        .map_err(|_| anyhow::anyhow!(tr(language, "cli-crashed", &[])))
}

/// Fails with the usage text when an option is unknown.
pub(crate) fn unknown_option(flag: &str, language: Language) -> Result<ExitCode> {
    bail!("{}\n{}", tr(language, "cli-unknown-option", &[("option", &flag)]), tr(language, "cli-usage", &[]))
}

/// The value after `option`, or a usage error saying it is missing.
pub(crate) fn value_of<'a>(
    option: &str,
    words: &mut impl Iterator<Item = &'a String>,
    language: Language,
) -> Result<&'a String> {
    words.next().with_context(|| tr(language, "cli-needs-value", &[("option", &option)]))
}

/// The whole number after `option`, or a usage error saying it needs one.
pub(crate) fn number_of<'a, T: std::str::FromStr>(
    option: &str,
    words: &mut impl Iterator<Item = &'a String>,
    language: Language,
) -> Result<T> {
    let needs_number = || tr(language, "cli-needs-number", &[("option", &option)]);
    words.next().with_context(needs_number)?.parse().ok().with_context(needs_number)
}
