//! `sprout grade --pack FULL.pack SUBMISSION…`: the judge's re-grading of result files (given as
//! files or folders) on every core, with a CSV per lesson, a CSV per student, a ranking by the
//! re-graded scores with a column per problem, and the full detail as JSON. A file that is not a
//! result file, or was made for another pack, is reported by name and skipped; it never stops the
//! batch. Two files of the same student (the same contest id) are both flagged
//! `duplicate-student`, each naming the other, so that nobody is counted twice unseen.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use clap::{value_parser, Arg, ArgAction, ArgMatches, Command};
use serde::Serialize;
use sprout_lessons::files::read_file;
use sprout_lessons::messages::describe_problem;
use sprout_lessons::{
    csv_line, flag_same_student, read_pack, read_result, regrade_with, weight_sum, Flag, JudgeHost, Pack, Problem,
    ProblemCode, Problems, Regrade, Student, Verdict, Watchdog, CSV_BOM, MAX_HAND_IN_BYTES, MAX_PACK_BYTES,
};
use sprout_runtime::messages::Language;

use crate::words::{flag_id, tr};

/// One submission's outcome.
#[derive(Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
enum Outcome {
    /// Re-graded.
    Graded {
        /// The file.
        file: String,
        /// Who handed it in.
        student: Student,
        /// The re-grade.
        regrade: Regrade,
    },
    /// Not a result file for this pack.
    Skipped {
        /// Why.
        problem: Problem,
    },
}

/// Every regular file under `paths`, sorted, hidden files left out.
fn submission_files(paths: &[String]) -> Vec<PathBuf> {
    fn walk(path: &Path, found: &mut Vec<PathBuf>) {
        if path.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
                .into_iter()
                .flatten()
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .collect();
            entries.sort();
            for entry in entries {
                let hidden = entry.file_name().is_some_and(|name| name.to_string_lossy().starts_with('.'));
                if !hidden {
                    walk(&entry, found);
                }
            }
        } else {
            found.push(path.to_path_buf());
        }
    }
    let mut found = Vec::new();
    for path in paths {
        walk(Path::new(path), &mut found);
    }
    found
}

fn grade_file(pack: &Pack, path: &Path, watchdog: Watchdog) -> Outcome {
    let file = path.display().to_string();
    // Refused by its size before it is read: a 1.5 GB file handed in by mistake costs nothing.
    let bytes = match read_file(path, MAX_HAND_IN_BYTES) {
        Ok(bytes) => bytes,
        Err(problem) => return Outcome::Skipped { problem },
    };
    let result = match read_result(&file, &bytes) {
        Ok(result) => result,
        Err(problems) => {
            let problem = problems.0.into_iter().next().unwrap_or_else(|| Problem::new(&file, ProblemCode::BadResult));
            return Outcome::Skipped { problem };
        }
    };
    let host = JudgeHost { now: Some(crate::seconds_now()), watchdog: Some(watchdog) };
    match regrade_with(&file, pack, &result, host) {
        Ok(regrade) => Outcome::Graded { file, student: result.student, regrade },
        Err(problem) => Outcome::Skipped { problem },
    }
}

/// Grades `files` on `jobs` threads, each run stopped after `time_limit` of real time; results in
/// the order of `files`.
fn grade_all(
    pack: Arc<Pack>,
    files: Vec<PathBuf>,
    jobs: usize,
    time_limit: Duration,
    language: Language,
) -> Result<Vec<Outcome>> {
    let files = Arc::new(files);
    let next = Arc::new(AtomicUsize::new(0));
    let results: Arc<Mutex<Vec<Option<Outcome>>>> = Arc::new(Mutex::new((0..files.len()).map(|_| None).collect()));
    let mut workers = Vec::new();
    for _ in 0..jobs.max(1) {
        let (pack, files, next, results) = (pack.clone(), files.clone(), next.clone(), results.clone());
        let worker = std::thread::Builder::new().stack_size(crate::RUN_STACK_BYTES).spawn(move || {
            let watchdog = crate::watchdog(time_limit);
            grade_files(&pack, &files, &next, &results, &watchdog)
        })?;
        workers.push(worker);
    }
    for worker in workers {
        worker.join().map_err(|_| anyhow::anyhow!(tr(language, "grade-thread-crashed", &[])))?;
    }
    let results =
        std::mem::take(&mut *results.lock().map_err(|_| anyhow::anyhow!(tr(language, "grade-thread-crashed", &[])))?);
    Ok(results.into_iter().flatten().collect())
}

/// One grading thread's loop: takes the next of `files` until none is left.
fn grade_files(
    pack: &Pack,
    files: &[PathBuf],
    next: &AtomicUsize,
    results: &Mutex<Vec<Option<Outcome>>>,
    watchdog: Watchdog,
) {
    loop {
        let index = next.fetch_add(1, Ordering::SeqCst);
        let Some(path) = files.get(index) else { break };
        let outcome = grade_file(pack, path, watchdog);
        if let Ok(mut results) = results.lock() {
            if let Some(slot) = results.get_mut(index) {
                *slot = Some(outcome);
            }
        }
    }
}

/// Flags as the CSV files give them: their ids, separated by spaces.
fn flags_text(flags: impl IntoIterator<Item = Flag>) -> String {
    flags.into_iter().map(flag_id).collect::<Vec<_>>().join(" ")
}

/// Who handed a file in, as every CSV gives it: name, class, school, student_id.
fn student_columns(student: &Student) -> [String; 4] {
    [student.name.clone(), student.class.clone(), student.school.clone(), student.student_id.clone()]
}

fn lesson_csv(outcomes: &[Outcome]) -> String {
    let mut text = String::from(CSV_BOM);
    let header = [
        "file",
        "name",
        "class",
        "school",
        "student_id",
        "lesson_id",
        "score",
        "max_score",
        "claimed_score",
        "verdicts",
        "flags",
    ];
    text.push_str(&csv_line(&header.map(String::from)));
    for outcome in outcomes {
        let Outcome::Graded { file, student, regrade } = outcome else { continue };
        for lesson in &regrade.lessons {
            let (score, max_score, verdicts) = match &lesson.grade {
                Some(grade) => (
                    grade.score.to_string(),
                    grade.max_score.to_string(),
                    grade.tests.iter().map(|test| test.verdict.short()).collect::<Vec<_>>().join(" "),
                ),
                None => (String::new(), String::new(), String::new()),
            };
            let flags = flags_text(regrade.flags.iter().chain(&lesson.flags).copied());
            let mut row = vec![file.clone()];
            row.extend(student_columns(student));
            row.extend([lesson.lesson_id.clone(), score, max_score, lesson.claimed.score.to_string(), verdicts, flags]);
            text.push_str(&csv_line(&row));
        }
    }
    text
}

fn student_csv(outcomes: &[Outcome], pack: &Pack) -> String {
    let pack_total = weight_sum(pack.lessons.iter().map(|lesson| lesson.points));
    let mut text = String::from(CSV_BOM);
    let header =
        ["file", "name", "class", "school", "student_id", "lessons_passed", "total_score", "pack_max_score", "flags"];
    text.push_str(&csv_line(&header.map(String::from)));
    for outcome in outcomes {
        let Outcome::Graded { file, student, regrade } = outcome else { continue };
        let passed =
            regrade.lessons.iter().filter(|lesson| lesson.grade.as_ref().is_some_and(|grade| grade.passed)).count();
        let mut row = vec![file.clone()];
        row.extend(student_columns(student));
        row.extend([
            passed.to_string(),
            regrade.total_score.to_string(),
            pack_total.to_string(),
            flags_text(regrade.all_flags()),
        ]);
        text.push_str(&csv_line(&row));
    }
    text
}

/// The ranking: every graded submission by its re-graded total, best first. Equal totals share a
/// rank (1, 2, 2, 4) and keep the files' order. Each of the pack's lessons (a contest's problems)
/// has a column with its re-graded score, empty where the submission has no work for it; the
/// claimed total and the flags stand beside, so that a judge sees at once which claims the re-run
/// did not reproduce.
fn ranking_csv(outcomes: &[Outcome], pack: &Pack) -> String {
    let mut graded: Vec<(&String, &Student, &Regrade)> = outcomes
        .iter()
        .filter_map(|outcome| match outcome {
            Outcome::Graded { file, student, regrade } => Some((file, student, regrade)),
            Outcome::Skipped { .. } => None,
        })
        .collect();
    graded.sort_by(|a, b| b.2.total_score.cmp(&a.2.total_score).then_with(|| a.0.cmp(b.0)));
    let mut text = String::from(CSV_BOM);
    let mut header: Vec<String> =
        ["rank", "name", "class", "school", "student_id", "total_score", "claimed_score"].map(String::from).to_vec();
    header.extend(pack.lessons.iter().map(|lesson| lesson.id.clone()));
    header.extend(["flags", "file"].map(String::from));
    text.push_str(&csv_line(&header));
    let mut rank = 0;
    for (place, (file, student, regrade)) in graded.iter().enumerate() {
        if place == 0 || graded[place - 1].2.total_score != regrade.total_score {
            rank = place + 1;
        }
        // Claims are the file's numbers: up to 1,000 lessons of `u32::MAX` each, summed in 64 bits.
        let claimed = weight_sum(regrade.lessons.iter().map(|lesson| lesson.claimed.score));
        let mut row = vec![rank.to_string()];
        row.extend(student_columns(student));
        row.extend([regrade.total_score.to_string(), claimed.to_string()]);
        row.extend(pack.lessons.iter().map(|problem| {
            let work = regrade.lessons.iter().find(|lesson| lesson.lesson_id == problem.id);
            work.and_then(|lesson| lesson.grade.as_ref()).map(|grade| grade.score.to_string()).unwrap_or_default()
        }));
        row.extend([flags_text(regrade.all_flags()), (*file).clone()]);
        text.push_str(&csv_line(&row));
    }
    text
}

/// Flags every hand-in of a student who handed in more than once (see `flag_same_student`);
/// returns, per flagged file, that flag in words, naming the student's other files.
fn flag_duplicates(outcomes: &mut [Outcome], language: Language) -> BTreeMap<String, String> {
    let mut files: Vec<&String> = Vec::new();
    let mut hand_ins: Vec<(&Student, &mut Regrade)> = Vec::new();
    for outcome in outcomes.iter_mut() {
        if let Outcome::Graded { file, student, regrade } = outcome {
            files.push(&*file);
            hand_ins.push((&*student, regrade));
        }
    }
    let mut words = BTreeMap::new();
    for group in flag_same_student(&mut hand_ins) {
        for &index in &group {
            let others: Vec<&str> =
                group.iter().filter(|&&other| other != index).map(|&other| files[other].as_str()).collect();
            let others = others.join(", ");
            let student = hand_ins[index].0;
            let (id, name) = (student.student_id.trim(), student.name.trim());
            let text = if id.is_empty() {
                let text = tr(language, "flag-duplicate-student-by-name", &[("name", &name), ("others", &others)]);
                format!("{text} [{}]", flag_id(Flag::DuplicateStudent))
            } else {
                crate::words::flag(language, Flag::DuplicateStudent, &[("id", &id), ("others", &others)])
            };
            words.insert(files[index].clone(), text);
        }
    }
    words
}

/// Writes `text` to `path`, saying which file could not be written.
fn write(path: &Path, text: &str, language: Language) -> Result<()> {
    std::fs::write(path, text).with_context(|| tr(language, "cli-cannot-write", &[("file", &path.display())]))
}

/// `sprout grade`'s shape; by default it grades on every core (words: `command-grade` in cli.ftl).
pub(crate) fn command() -> Command {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    Command::new("grade")
        .arg(Arg::new("submission").required(true).num_args(1..).action(ArgAction::Append))
        .arg(Arg::new("pack").long("pack").required(true))
        .arg(Arg::new("out").long("out").default_value("."))
        .arg(Arg::new("jobs").long("jobs").value_parser(value_parser!(usize)).default_value(cores.to_string()))
        .arg(crate::check::time_limit_argument())
}

/// `sprout grade` with what clap found.
pub(crate) fn main(arguments: &ArgMatches, language: Language) -> Result<ExitCode> {
    let pack_path =
        arguments.get_one::<String>("pack").cloned().with_context(|| tr(language, "grade-needs-pack", &[]))?;
    let out = PathBuf::from(arguments.get_one::<String>("out").map_or(".", String::as_str));
    let jobs = arguments.get_one::<usize>("jobs").copied().unwrap_or(1);
    let submissions: Vec<String> = arguments.get_many::<String>("submission").into_iter().flatten().cloned().collect();
    let read = read_file(Path::new(&pack_path), MAX_PACK_BYTES).map_err(|problem| Problems(vec![problem]));
    let pack = match read.and_then(|bytes| read_pack(&pack_path, &bytes)) {
        Ok(pack) => pack,
        Err(problems) => {
            for problem in &problems.0 {
                say_error!("{}", describe_problem(problem, language));
            }
            return Ok(ExitCode::from(1));
        }
    };
    if !pack.full {
        say_error!("{}", tr(language, "grade-student-copy", &[("file", &pack_path)]));
    }
    let files = submission_files(&submissions);
    let started = Instant::now();
    let pack = Arc::new(pack);
    let time_limit = crate::check::time_limit(arguments);
    let mut outcomes = grade_all(pack.clone(), files, jobs, time_limit, language)?;
    let same_student = flag_duplicates(&mut outcomes, language);
    let elapsed = started.elapsed();

    std::fs::create_dir_all(&out).with_context(|| tr(language, "cli-cannot-create", &[("folder", &out.display())]))?;
    write(&out.join("grades.csv"), &lesson_csv(&outcomes), language)?;
    write(&out.join("students.csv"), &student_csv(&outcomes, &pack), language)?;
    write(&out.join("ranking.csv"), &ranking_csv(&outcomes, &pack), language)?;
    write(&out.join("grades.json"), &serde_json::to_string_pretty(&outcomes)?, language)?;

    let mut graded = 0;
    let mut flagged = 0;
    let mut lessons = 0;
    let separator = tr(language, "grade-flags-separator", &[]);
    for outcome in &outcomes {
        match outcome {
            Outcome::Graded { file, regrade, .. } => {
                graded += 1;
                lessons += regrade.lessons.len();
                let flags = regrade.all_flags();
                if !flags.is_empty() {
                    flagged += 1;
                    let words: Vec<String> = flags
                        .into_iter()
                        .map(|flag| match (flag, same_student.get(file)) {
                            (Flag::DuplicateStudent, Some(words)) => words.clone(),
                            _ => crate::words::flag(language, flag, &[]),
                        })
                        .collect();
                    say!("{}", tr(language, "grade-flagged", &[("file", file), ("flags", &words.join(&separator))]));
                }
            }
            Outcome::Skipped { problem } => {
                say!("{}", tr(language, "grade-skipped", &[("reason", &describe_problem(problem, language))]))
            }
        }
    }
    let skipped = outcomes.len() - graded;
    let wrong_verdicts = outcomes.iter().any(|outcome| {
        matches!(outcome, Outcome::Graded { regrade, .. } if regrade.lessons.iter().any(|lesson| lesson.grade.as_ref().is_some_and(|grade| grade.tests.iter().any(|test| test.verdict != Verdict::Passed))))
    });
    let passed =
        if wrong_verdicts || graded == 0 { String::new() } else { tr(language, "grade-every-test-passed", &[]) };
    let summary = tr(
        language,
        "grade-summary",
        &[
            ("graded", &graded),
            ("lessons", &lessons),
            ("seconds", &format!("{:.2}", elapsed.as_secs_f64())),
            ("jobs", &jobs),
            ("flagged", &flagged),
            ("skipped", &skipped),
            ("passed", &passed),
            ("file", &out.join("grades.csv").display()),
        ],
    );
    say!("{summary}");
    Ok(ExitCode::SUCCESS)
}
