//! `sprout check PATH…`: every problem of every lesson and course, as `file:line: message`.

use std::collections::BTreeMap;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use sprout_lessons::messages::describe_problem;
use sprout_lessons::{check_course, check_lesson, Problem, ProblemCode};
use sprout_runtime::messages::Language;

use crate::load::{load, Loaded, LoadedLesson};

/// Loads and checks everything under `paths`; the problems, lessons resolved in place.
pub(crate) fn check_all(paths: &[String]) -> (Loaded, Vec<Problem>) {
    let mut loaded = load(paths);
    let mut problems = std::mem::take(&mut loaded.problems);
    let mut first_file_of_id: BTreeMap<String, String> = BTreeMap::new();
    // A course checks its own lessons' ids (check_course); loose lessons are checked here.
    let mut check_lessons = |lessons: &mut Vec<LoadedLesson>, problems: &mut Vec<Problem>, in_course: bool| {
        for loaded_lesson in lessons.iter_mut() {
            let LoadedLesson { file, lesson } = loaded_lesson;
            if !in_course {
                match first_file_of_id.get(&lesson.id) {
                    Some(other) => problems.push(
                        Problem::new(file, ProblemCode::DuplicateLesson).with("id", &lesson.id).with("other", other),
                    ),
                    None => {
                        first_file_of_id.insert(lesson.id.clone(), file.clone());
                    }
                }
            }
            problems.extend(check_lesson(lesson, file));
        }
    };
    for course in &mut loaded.courses {
        check_lessons(&mut course.lessons, &mut problems, true);
        let lessons: Vec<(String, sprout_lessons::Lesson)> =
            course.lessons.iter().map(|loaded| (loaded.file.clone(), loaded.lesson.clone())).collect();
        problems.extend(check_course(&course.file, &course.course, &lessons));
    }
    check_lessons(&mut loaded.lessons, &mut problems, false);
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
