//! `sprout pack COURSE_DIR`: checks a course and writes it as one lesson pack file.

use std::process::ExitCode;

use anyhow::{bail, Context as _, Result};
use clap::{Arg, ArgAction, ArgMatches, Command};
use sprout_lessons::build_pack;
use sprout_lessons::messages::describe_problem;
use sprout_lessons::time::rfc3339;
use sprout_runtime::messages::Language;

use crate::seconds_now;
use crate::words::tr;

/// `sprout pack`'s shape (words: `command-pack` in cli.ftl).
pub(crate) fn command() -> Command {
    Command::new("pack")
        .arg(Arg::new("folder").required(true))
        .arg(Arg::new("student").long("student").action(ArgAction::SetTrue))
        .arg(Arg::new("output").short('o').long("output"))
}

/// `sprout pack` with what clap found.
pub(crate) fn main(arguments: &ArgMatches, language: Language) -> Result<ExitCode> {
    let student = arguments.get_flag("student");
    let output = arguments.get_one::<String>("output").cloned();
    let folder =
        arguments.get_one::<String>("folder").cloned().with_context(|| tr(language, "pack-needs-folder", &[]))?;
    let paths = vec![folder.clone()];
    let time_limit = std::time::Duration::from_millis(crate::RUN_TIME_LIMIT_MS);
    let (loaded, problems) = crate::on_big_stack(language, move || crate::check::check_all(&paths, time_limit))?;
    if !problems.is_empty() {
        for problem in &problems {
            say!("{}", describe_problem(problem, language));
        }
        say_error!("{}", tr(language, "pack-has-problems", &[("problems", &problems.len())]));
        return Ok(ExitCode::from(1));
    }
    let [course] = loaded.courses.as_slice() else {
        bail!(tr(language, "pack-not-course", &[("folder", &folder)]));
    };
    let lessons: Vec<_> = course.lessons.iter().map(|loaded| loaded.lesson.clone()).collect();
    let mut pack = build_pack(&course.course, &lessons, !student);
    pack.made_at = Some(rfc3339(seconds_now()));
    let suffix = if student { "-student" } else { "" };
    let output = output.unwrap_or_else(|| format!("{}-{}{suffix}.pack", course.course.id, course.course.version));
    std::fs::write(&output, serde_json::to_string(&pack)?)
        .with_context(|| tr(language, "cli-cannot-write", &[("file", &output)]))?;
    say!(
        "{}",
        tr(
            language,
            "pack-written",
            &[("file", &output), ("lessons", &pack.lessons.len()), ("hash", &pack.content_hash)]
        )
    );
    Ok(ExitCode::SUCCESS)
}
