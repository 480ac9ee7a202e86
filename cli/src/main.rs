//! `sprout`: the command line for teachers, judges and tests.
//!
//! - `sprout run FILE.rhai` runs a program in the same sandbox as the app;
//! - `sprout check PATH…` checks lesson files and courses;
//! - `sprout pack COURSE_DIR` builds a lesson pack;
//! - `sprout grade --pack FULL.pack SUBMISSION…` re-grades result files with every test;
//! - `sprout serve` is the classroom server on the teacher's PC (`sprout-server`);
//! - `sprout help [COMMAND]`, `--help`/`-h` after any command, and `sprout --version`/`-V`.
//!
//! clap parses the line: each command's module builds its shape (`run::command`) and does the
//! work from what clap found (`run::main`); [`SUBCOMMANDS`] lists them, and `usage` gives every
//! command and option its words and says usage errors. A new command is one module, one entry in
//! [`SUBCOMMANDS`] and its words in `locales/*/cli.ftl`.
//!
//! `--lang zh-CN|en`, anywhere on the line, chooses the language of everything said to a person,
//! help and usage errors included (`words`); Chinese by default.
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
mod serve;
mod usage;
mod words;

use std::ffi::OsString;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::{ArgMatches, Command};
use sprout_runtime::messages::Language;

use crate::usage::USAGE_ERROR;
use crate::words::tr;

/// Student programs may recurse as deep as the run's call-depth limit allows; Rhai needs more
/// stack per level than a default thread has, so runs get threads with a generous stack.
pub(crate) const RUN_STACK_BYTES: usize = 256 * 1024 * 1024;

/// One of `sprout`'s commands: its shape for clap, without words, and what it does with what clap
/// found (an error is a usage error: exit status 2).
struct Subcommand {
    command: fn() -> Command,
    main: fn(&ArgMatches, Language) -> Result<ExitCode>,
}

/// Every command, in the order `sprout --help` lists them.
const SUBCOMMANDS: [Subcommand; 5] = [
    Subcommand { command: run::command, main: run::main },
    Subcommand { command: check::command, main: check::main },
    Subcommand { command: pack::command, main: pack::main },
    Subcommand { command: grade::command, main: grade::main },
    Subcommand { command: serve::command, main: serve::main },
];

/// The shapes of every command, for `usage`.
fn subcommands() -> Vec<Command> {
    SUBCOMMANDS.iter().map(|subcommand| (subcommand.command)()).collect()
}

fn main() -> ExitCode {
    let arguments: Vec<OsString> = std::env::args_os().collect();
    let language = usage::requested_language(&arguments);
    let matches = match usage::command(language, subcommands()).try_get_matches_from(&arguments) {
        Ok(matches) => matches,
        Err(error) => return usage::report(&error, language, &arguments, subcommands()),
    };
    let Some((name, arguments)) = matches.subcommand() else {
        // clap requires a command (`subcommand_required`), so this is never reached.
        return ExitCode::from(USAGE_ERROR);
    };
    if name == "help" {
        return usage::help(arguments, language, subcommands());
    }
    let Some(subcommand) = SUBCOMMANDS.iter().find(|subcommand| (subcommand.command)().get_name() == name) else {
        return ExitCode::from(USAGE_ERROR);
    };
    match (subcommand.main)(arguments, language) {
        Ok(code) => code,
        Err(error) => {
            say_error!("sprout: {error:#}");
            ExitCode::from(USAGE_ERROR)
        }
    }
}

/// Seconds since 1970 by this computer's clock (0 for a clock before 1970).
pub(crate) fn seconds_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |elapsed| elapsed.as_secs())
}

/// The real-time safety net of every run of `sprout check` and `sprout grade` (default of their
/// `--time-limit-ms`), as `sprout run` has: no lesson's run comes near it, a run that copies
/// large lists in a loop within its operation budget would run for minutes.
pub(crate) const RUN_TIME_LIMIT_MS: u64 = 10_000;

/// A watchdog for the grader (`sprout_lessons::Watchdog`): each run may last `limit` of real time.
pub(crate) fn watchdog(limit: std::time::Duration) -> impl Fn() -> Box<dyn Fn() -> bool> {
    move || {
        let deadline = std::time::Instant::now().checked_add(limit);
        Box::new(move || deadline.is_some_and(|deadline| std::time::Instant::now() > deadline))
    }
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
