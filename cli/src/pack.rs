//! `sprout pack COURSE_DIR`: checks a course and writes it as one lesson pack file.

use std::process::ExitCode;

use anyhow::{bail, Context as _, Result};
use sprout_lessons::build_pack;
use sprout_lessons::messages::describe_problem;
use sprout_runtime::messages::Language;

/// `sprout pack` with its arguments.
pub(crate) fn main(arguments: &[String]) -> Result<ExitCode> {
    let mut student = false;
    let mut output = None;
    let mut language = Language::default();
    let mut folder = None;
    let mut words = arguments.iter();
    while let Some(word) = words.next() {
        match word.as_str() {
            "--student" => student = true,
            "-o" | "--output" => output = Some(words.next().context("-o needs a file name")?.clone()),
            "--lang" => language = crate::language(words.next().context("--lang needs a value")?)?,
            flag if flag.starts_with('-') => return crate::unknown_option(flag),
            path if folder.is_none() => folder = Some(path.to_string()),
            extra => bail!("unexpected argument `{extra}`: sprout pack takes one course folder"),
        }
    }
    let folder = folder.context("sprout pack needs a course folder (with course.toml)")?;
    let paths = vec![folder.clone()];
    let (loaded, problems) = crate::on_big_stack(move || crate::check::check_all(&paths))?;
    if !problems.is_empty() {
        for problem in &problems {
            say!("{}", describe_problem(problem, language));
        }
        say_error!("sprout pack: the course has {} problem(s); no pack was written", problems.len());
        return Ok(ExitCode::from(1));
    }
    let [course] = loaded.courses.as_slice() else {
        bail!("{folder} is not a course folder (it needs a course.toml)");
    };
    let lessons: Vec<_> = course.lessons.iter().map(|loaded| loaded.lesson.clone()).collect();
    let pack = build_pack(&course.course, &lessons, !student);
    let suffix = if student { "-student" } else { "" };
    let output = output.unwrap_or_else(|| format!("{}-{}{suffix}.pack", course.course.id, course.course.version));
    std::fs::write(&output, serde_json::to_string(&pack)?).with_context(|| format!("cannot write {output}"))?;
    say!("{output}: {} lessons, {}", pack.lessons.len(), pack.content_hash);
    Ok(ExitCode::SUCCESS)
}
