//! `sprout check PATH…`: every problem of every lesson and course, as `file:line: message`.

use std::process::ExitCode;

use anyhow::{Context as _, Result};
use sprout_lessons::files::{load, Loaded};
use sprout_lessons::messages::describe_problem;
use sprout_lessons::{Problem, ProblemCode};
use sprout_runtime::messages::Language;

/// Loads and checks everything under `paths`; the problems, lessons resolved in place.
pub(crate) fn check_all(paths: &[String]) -> (Loaded, Vec<Problem>) {
    let mut loaded = load(paths);
    let mut problems = loaded.check();
    if loaded.files == 0 && problems.is_empty() {
        problems.push(Problem::new(&paths.join(" "), ProblemCode::NoLessons));
    }
    (loaded, problems)
}

/// `sprout check` with its arguments.
pub(crate) fn main(arguments: &[String]) -> Result<ExitCode> {
    let mut language = Language::default();
    let mut json = false;
    let mut paths = Vec::new();
    let mut words = arguments.iter();
    while let Some(word) = words.next() {
        match word.as_str() {
            "--lang" => language = crate::language(words.next().context("--lang needs a value")?)?,
            "--json" => json = true,
            flag if flag.starts_with("--") => return crate::unknown_option(flag),
            path => paths.push(path.to_string()),
        }
    }
    if paths.is_empty() {
        anyhow::bail!("sprout check needs at least one PATH");
    }
    let (loaded, problems) = crate::on_big_stack(move || check_all(&paths))?;
    let lessons = loaded.lessons.len() + loaded.courses.iter().map(|course| course.lessons.len()).sum::<usize>();
    if json {
        say!("{}", serde_json::to_string_pretty(&problems)?);
    } else {
        for problem in &problems {
            say!("{}", describe_problem(problem, language));
        }
        let summary = match language {
            Language::ZhCn => format!(
                "检查了 {} 个课的文件（读懂了 {lessons} 个），{} 门课程，发现 {} 个问题。",
                loaded.files,
                loaded.courses.len(),
                problems.len()
            ),
            Language::En => format!(
                "Checked {} lesson files ({lessons} read), {} courses: {} problems.",
                loaded.files,
                loaded.courses.len(),
                problems.len()
            ),
        };
        say_error!("{summary}");
    }
    Ok(if problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
