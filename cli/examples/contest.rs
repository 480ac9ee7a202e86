//! Writes a generated contest's submissions, for measuring `sprout grade` at scale (issue #6: "a
//! generated contest of 1,000 submissions re-graded by the CLI: throughput and peak memory").
//!
//! Each submission is a result file as the app exports it, for `PROBLEMS` lessons of a full pack
//! from its `FIRST` (counting from 0; lessons without a reference solution are passed over): per problem, a seeded choice between the reference solution (right), the starter
//! (usually wrong) and nothing. Every 25th file is edited by hand after export (a raised score
//! without a new digest), so that the judge also has flags to report.
//!
//! ```text
//! cargo run --release -p sprout-cli -- pack lessons/content -o /tmp/full.pack
//! cargo run --release -p sprout-cli --example contest -- /tmp/full.pack /tmp/contest 1000 5 16
//! /usr/bin/time -v target/release/sprout grade --pack /tmp/full.pack --out /tmp/contest-out /tmp/contest
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use sprout_lessons::{grade, read_pack, Claim, LessonResult, PackReference, ResultFile, Selection, Student};

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let [pack_path, out, rest @ ..] = arguments.as_slice() else {
        eprintln!("usage: contest FULL.pack OUT_FOLDER [SUBMISSIONS=1000] [PROBLEMS=5] [FIRST=0]");
        return ExitCode::from(2);
    };
    let number = |index: usize, default: usize| rest.get(index).and_then(|text| text.parse().ok()).unwrap_or(default);
    let (submissions, problems, first) = (number(0, 1000), number(1, 5), number(2, 0));
    let bytes = match std::fs::read(pack_path) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("{pack_path}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let Ok(pack) = read_pack(pack_path, &bytes) else {
        eprintln!("{pack_path}: not a pack");
        return ExitCode::FAILURE;
    };
    let reference = PackReference {
        id: pack.course.id.clone(),
        version: pack.course.version.clone(),
        content_hash: pack.content_hash.clone(),
    };
    let contest: Vec<_> =
        pack.lessons.iter().skip(first).filter(|lesson| lesson.solution.is_some()).take(problems).collect();
    // Each problem's two programs and the claims the app would make for them, graded once.
    let programs: Vec<[(String, Claim); 2]> = contest
        .iter()
        .map(|lesson| {
            [lesson.solution.clone().unwrap_or_default(), lesson.starter.clone()]
                .map(|code| (code.clone(), Claim::from_grade(&grade(lesson, &code, Selection::VisibleOnly))))
        })
        .collect();
    let out = PathBuf::from(out);
    if let Err(error) = std::fs::create_dir_all(&out) {
        eprintln!("{}: {error}", out.display());
        return ExitCode::FAILURE;
    }
    let mut seed: u64 = 2026;
    let mut next = move || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) % 3
    };
    for index in 0..submissions {
        let lessons: Vec<LessonResult> = contest
            .iter()
            .zip(&programs)
            .filter_map(|(lesson, programs)| {
                let (code, claimed) = programs.get(next() as usize)?.clone();
                Some(LessonResult {
                    lesson_id: lesson.id.clone(),
                    code,
                    claimed,
                    attempts: 1,
                    started_at: "2026-11-24T09:00:00Z".to_string(),
                    checked_at: "2026-11-24T10:00:00Z".to_string(),
                })
            })
            .collect();
        let student = Student {
            name: format!("选手{index:04}"),
            class: format!("{} 班", index % 12 + 1),
            school: format!("第 {} 中学", index % 40 + 1),
            student_id: format!("C{index:05}"),
        };
        let mut file = ResultFile::new("0.1.0", "2026-11-24T10:30:00Z", student, reference.clone(), lessons);
        if index % 25 == 24 {
            if let Some(lesson) = file.lessons.first_mut() {
                lesson.claimed.score += 10;
            }
        }
        let path = out.join(format!("submission-{index:04}.json"));
        if let Err(error) = std::fs::write(&path, file.to_json()) {
            eprintln!("{}: {error}", path.display());
            return ExitCode::FAILURE;
        }
    }
    println!("{submissions} submissions of {} problems in {}", contest.len(), out.display());
    ExitCode::SUCCESS
}
