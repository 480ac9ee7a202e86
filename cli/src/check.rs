//! `sprout check PATH…`: every problem of every lesson and course, as `file:line: message`.

use std::process::ExitCode;

use anyhow::Result;
use clap::{Arg, ArgAction, ArgMatches, Command};
use sprout_lessons::files::{load, Loaded};
use sprout_lessons::messages::describe_problem;
use sprout_lessons::{Problem, ProblemCode};
use sprout_runtime::messages::Language;

use crate::words::tr;

/// Loads and checks everything under `paths`; the problems, lessons resolved in place.
pub(crate) fn check_all(paths: &[String]) -> (Loaded, Vec<Problem>) {
    let mut loaded = load(paths);
    let mut problems = loaded.check();
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
}

/// `sprout check` with what clap found.
pub(crate) fn main(arguments: &ArgMatches, language: Language) -> Result<ExitCode> {
    let json = arguments.get_flag("json");
    let paths: Vec<String> = arguments.get_many::<String>("path").into_iter().flatten().cloned().collect();
    let (loaded, problems) = crate::on_big_stack(language, move || check_all(&paths))?;
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
