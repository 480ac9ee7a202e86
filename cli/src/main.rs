//! `sprout`: the command line for teachers, judges and tests.
//!
//! - `sprout run FILE.rhai` runs a program in the same sandbox as the app;
//! - `sprout check PATH…` checks lesson files and courses;
//! - `sprout pack COURSE_DIR` builds a lesson pack;
//! - `sprout grade --pack FULL.pack SUBMISSION…` re-grades result files with every test.
//!
//! Exit status: 0 on success, 1 when the program failed (`run`) or problems were found (`check`,
//! `pack`), 2 when the command itself was used wrongly.

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

use std::process::ExitCode;

use anyhow::{bail, Context as _, Result};
use sprout_runtime::messages::Language;

/// Student programs may recurse as deep as the run's call-depth limit allows; Rhai needs more
/// stack per level than a default thread has, so runs get threads with a generous stack.
pub(crate) const RUN_STACK_BYTES: usize = 256 * 1024 * 1024;

const USAGE: &str = "\
usage:
  sprout run FILE.rhai [options]          run a program (sprout run --help)
  sprout check [--lang zh-CN|en] PATH...  check lesson files, lesson folders and courses
  sprout pack COURSE_DIR [--student] [-o FILE.pack]
                                          build a lesson pack (--student: without hidden tests
                                          and reference solutions)
  sprout grade --pack FULL.pack [--out DIR] [--jobs N] SUBMISSION...
                                          re-grade result files (files or folders) with every
                                          test; writes DIR/grades.csv, students.csv, grades.json";

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match arguments.split_first() {
        Some((command, rest)) if command == "run" => {
            if rest.iter().any(|word| word == "--help") {
                say!("{}", run::USAGE);
                return ExitCode::SUCCESS;
            }
            run::main(rest)
        }
        Some((command, rest)) if command == "check" => check::main(rest),
        Some((command, rest)) if command == "pack" => pack::main(rest),
        Some((command, rest)) if command == "grade" => grade::main(rest),
        Some((command, _)) if command == "help" || command == "--help" => {
            say!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some((command, _)) => Err(anyhow::anyhow!("unknown command `{command}`\n{USAGE}")),
        None => Err(anyhow::anyhow!("missing command\n{USAGE}")),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            say_error!("sprout: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Reads `--lang TAG` into a language.
pub(crate) fn language(tag: &str) -> Result<Language> {
    Language::from_tag(tag).with_context(|| format!("unknown language `{tag}` (zh-CN or en)"))
}

/// Runs `work` on a thread with a stack large enough for the deepest student program.
pub(crate) fn on_big_stack<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    std::thread::Builder::new()
        .stack_size(RUN_STACK_BYTES)
        .spawn(work)
        .context("cannot start a thread")?
        .join()
        .map_err(|_| anyhow::anyhow!("a run crashed (a bug in Sprout)"))
}

/// Fails with the usage text when an option is unknown.
pub(crate) fn unknown_option(flag: &str) -> Result<ExitCode> {
    bail!("unknown option `{flag}`\n{USAGE}")
}
