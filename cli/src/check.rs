//! `sprout check PATH…`: every problem of every lesson and course, as `file:line: message`.

use std::process::ExitCode;

use anyhow::{bail, Result};
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

/// `sprout check` with its arguments (`--lang` already taken out).
pub(crate) fn main(arguments: &[String], language: Language) -> Result<ExitCode> {
    let mut json = false;
    let mut paths = Vec::new();
    for word in arguments {
        match word.as_str() {
            "--json" => json = true,
            flag if flag.starts_with("--") => return crate::unknown_option(flag, language),
            path => paths.push(path.to_string()),
        }
    }
    if paths.is_empty() {
        bail!(tr(language, "check-needs-path", &[]));
    }
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
