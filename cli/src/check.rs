//! `sprout check PATH…`: every problem of every lesson and course, as `file:line: message`.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use clap::{value_parser, Arg, ArgAction, ArgMatches, Command};
use sprout_lessons::files::{load, Loaded};
use sprout_lessons::messages::describe_problem;
use sprout_lessons::{Problem, ProblemCode};
use sprout_runtime::messages::Language;

use crate::words::tr;

/// Loads and checks everything under `paths`, each run stopped after `time_limit` of real time;
/// the problems, lessons resolved in place.
pub(crate) fn check_all(paths: &[String], time_limit: Duration) -> (Loaded, Vec<Problem>) {
    let mut loaded = load(paths);
    let mut problems = loaded.check_watched(Some(&crate::watchdog(time_limit)));
    if loaded.files == 0 && problems.is_empty() {
        problems.push(Problem::new(&paths.join(" "), ProblemCode::NoLessons));
    }
    (loaded, problems)
}

/// `sprout check`'s shape (words: `command-check` in cli.ftl).
pub(crate) fn command() -> Command {
    Command::new("check")
        .arg(Arg::new("path").required(true).num_args(1..).action(ArgAction::Append))
        .arg(Arg::new("json").long("json").action(ArgAction::SetTrue))
        .arg(time_limit_argument())
}

/// `--time-limit-ms N` of `sprout check` and `sprout grade`: the real-time safety net of each run.
pub(crate) fn time_limit_argument() -> Arg {
    Arg::new("time-limit-ms")
        .long("time-limit-ms")
        .value_parser(value_parser!(u64))
        .default_value(crate::RUN_TIME_LIMIT_MS.to_string())
}

/// The `--time-limit-ms` clap found.
pub(crate) fn time_limit(arguments: &ArgMatches) -> Duration {
    Duration::from_millis(arguments.get_one::<u64>("time-limit-ms").copied().unwrap_or(crate::RUN_TIME_LIMIT_MS))
}

/// `sprout check` with what clap found.
pub(crate) fn main(arguments: &ArgMatches, language: Language) -> Result<ExitCode> {
    let json = arguments.get_flag("json");
    let paths: Vec<String> = arguments.get_many::<String>("path").into_iter().flatten().cloned().collect();
    let time_limit = time_limit(arguments);
    let (loaded, problems) = crate::on_big_stack(language, move || check_all(&paths, time_limit))?;
    let lessons = loaded.lessons.len() + loaded.courses.iter().map(|course| course.lessons.len()).sum::<usize>();
    if json {
        say!("{}", serde_json::to_string_pretty(&problems)?);
    } else {
        for problem in &problems {
            say!("{}", describe_problem(problem, language));
        }
        let summary = tr(
            language,
            "check-summary",
            &[
                ("files", &loaded.files),
                ("lessons", &lessons),
                ("courses", &loaded.courses.len()),
                ("problems", &problems.len()),
            ],
        );
        say_error!("{summary}");
    }
    Ok(if problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
