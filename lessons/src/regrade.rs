//! The judge's re-grading of a result file against the full pack: every lesson's code is graded
//! again with every test, hidden ones included, and whatever the file claims is compared with the
//! re-run. A score counts only when the judge's own run reproduces it. Across the files of one
//! pack, two hand-ins of the same student (the same contest id) are flagged on both
//! ([`flag_same_student`]): a student counts once, and which file is theirs is the judge's call.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::course::CourseKind;
use crate::grade::{grade, grade_watched, score, weight_sum, Grade, Selection, Verdict, Watchdog};
use crate::pack::Pack;
use crate::problem::{Problem, ProblemCode};
use crate::result::{Claim, LessonResult, ResultFile, Student};
use crate::time::seconds_since_epoch;

/// Something about a submission a judge must look at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    /// The file's digest does not match its content: it was edited after export.
    DigestMismatch,
    /// The file names a lesson the pack does not have.
    UnknownLesson,
    /// The file holds the same lesson twice.
    DuplicateLesson,
    /// The claimed score differs from the re-run's score over the same (visible) tests.
    ScoreDiffers,
    /// The claimed verdicts differ from the re-run's.
    VerdictsDiffer,
    /// The claimed full points differ from the lesson's.
    MaxScoreDiffers,
    /// A contest's work spans more than its `duration_minutes`, from opening the first problem to
    /// the last check (times from the student's computer: a reason to look, not proof).
    OverTime,
    /// Another file of the same pack was handed in with the same student id (contest id): a
    /// student handing in twice, or someone handing in under another's id. Set on every such file
    /// by [`flag_same_student`].
    DuplicateStudent,
    /// A contest's problem has a `started_at` or `checked_at` that does not read as a time.
    UnreadableTime,
    /// A contest's problem was checked before it was started: times swapped by hand.
    ReversedTimes,
    /// A contest's problem was started before its pack was made.
    BeforePack,
    /// A contest's problem has a time after the file was exported or after the judge's clock.
    InFuture,
    /// The host's real-time safety net stopped a run of this lesson ([`crate::grade::TestGrade::stopped_by_host`]):
    /// its `TLE` is not deterministic, and the judge may want to run it again on a quieter computer.
    StoppedByHost,
}

impl Flag {
    /// Every flag, for the test that each one has words.
    pub const ALL: [Flag; 13] = [
        Flag::DigestMismatch,
        Flag::UnknownLesson,
        Flag::DuplicateLesson,
        Flag::ScoreDiffers,
        Flag::VerdictsDiffer,
        Flag::MaxScoreDiffers,
        Flag::OverTime,
        Flag::DuplicateStudent,
        Flag::UnreadableTime,
        Flag::ReversedTimes,
        Flag::BeforePack,
        Flag::InFuture,
        Flag::StoppedByHost,
    ];
}

/// One lesson of a submission, re-graded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonRegrade {
    /// The lesson.
    pub lesson_id: String,
    /// The grade with every test (absent for a lesson the pack does not have).
    pub grade: Option<Grade>,
    /// The re-run's score over the visible tests only: what the claim is compared with.
    pub visible_score: u32,
    /// What the file claimed.
    pub claimed: Claim,
    /// What is wrong with this lesson's claim.
    pub flags: Vec<Flag>,
}

/// A whole submission, re-graded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Regrade {
    /// Per lesson, in the file's order.
    pub lessons: Vec<LessonRegrade>,
    /// Flags on the file as a whole.
    pub flags: Vec<Flag>,
    /// Sum of the lessons' full scores (with hidden tests).
    pub total_score: u32,
    /// Sum of the lessons' full points.
    pub total_max: u32,
}

impl Regrade {
    /// Every flag of the file and its lessons, without repeats.
    pub fn all_flags(&self) -> BTreeSet<Flag> {
        self.flags.iter().chain(self.lessons.iter().flat_map(|lesson| &lesson.flags)).copied().collect()
    }
}

/// Whether `result`'s work on a contest spans more than the contest's length: from its earliest to
/// its latest readable time (`started_at` or `checked_at` of any problem, so that swapped times
/// hide nothing).
fn over_time(pack: &Pack, result: &ResultFile) -> bool {
    let (CourseKind::Contest, Some(minutes)) = (pack.course.kind, pack.course.duration_minutes) else {
        return false;
    };
    let times: Vec<u64> = result
        .lessons
        .iter()
        .flat_map(|lesson| [&lesson.started_at, &lesson.checked_at])
        .filter_map(|time| seconds_since_epoch(time))
        .collect();
    let (Some(first), Some(last)) = (times.iter().min(), times.iter().max()) else { return false };
    *last > first.saturating_add(u64::from(minutes) * 60)
}

/// What is wrong with the times of one problem of a contest: unreadable, reversed, before the pack
/// was made (`made_at`), or after `latest` (the file's export or the judge's clock).
fn time_flags(work: &LessonResult, made_at: Option<u64>, latest: Option<u64>) -> Vec<Flag> {
    let (started, checked) = (seconds_since_epoch(&work.started_at), seconds_since_epoch(&work.checked_at));
    let mut flags = Vec::new();
    if started.is_none() || checked.is_none() {
        flags.push(Flag::UnreadableTime);
    }
    if started.zip(checked).is_some_and(|(started, checked)| checked < started) {
        flags.push(Flag::ReversedTimes);
    }
    let times = [started, checked].into_iter().flatten();
    if made_at.is_some_and(|made_at| times.clone().any(|time| time < made_at)) {
        flags.push(Flag::BeforePack);
    }
    if latest.is_some_and(|latest| times.clone().any(|time| time > latest)) {
        flags.push(Flag::InFuture);
    }
    flags
}

/// Who a hand-in is from, to find a student's second file: the student id (the contest id a
/// contest asks for), trimmed and without case (`c001 ` is `C001`); for a file without one, the
/// name, class and school, trimmed.
fn student_key(student: &Student) -> String {
    let id = student.student_id.trim();
    if id.is_empty() {
        [&student.name, &student.class, &student.school].map(|field| field.trim()).join("\u{1f}")
    } else {
        format!("id\u{1f}{}", id.to_lowercase())
    }
}

/// Groups the hand-ins of one pack (`graded`: who handed each in and its re-grade) by student,
/// flags [`Flag::DuplicateStudent`] on every hand-in of a student with more than one, and returns
/// those groups, as indices into `graded` in its order, by the first hand-in of each. The scores
/// stay as they are: which file counts is the judge's decision, and the flag makes sure it is taken.
pub fn flag_same_student(graded: &mut [(&Student, &mut Regrade)]) -> Vec<Vec<usize>> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    for (index, (student, _)) in graded.iter().enumerate() {
        let key = student_key(student);
        match by_key.get(&key) {
            Some(&group) => groups[group].1.push(index),
            None => {
                by_key.insert(key.clone(), groups.len());
                groups.push((key, vec![index]));
            }
        }
    }
    let same: Vec<Vec<usize>> =
        groups.into_iter().map(|(_, indices)| indices).filter(|indices| indices.len() > 1).collect();
    for &index in same.iter().flatten() {
        let regrade = &mut graded[index].1;
        if !regrade.flags.contains(&Flag::DuplicateStudent) {
            regrade.flags.push(Flag::DuplicateStudent);
        }
    }
    same
}

/// What a host with a clock brings to a re-grade (this crate reads none): the time and a real-time
/// safety net for the runs.
#[derive(Clone, Copy, Default)]
pub struct JudgeHost<'a> {
    /// The judge's clock, in seconds since 1970: a contest's problem with a time after it is
    /// flagged [`Flag::InFuture`].
    pub now: Option<u64>,
    /// Every run under it (see [`Watchdog`]); a run it stops flags its lesson
    /// [`Flag::StoppedByHost`].
    pub watchdog: Option<Watchdog<'a>>,
}

/// Re-grades `result` against `pack` (the judge's full copy). A result made for another pack is a
/// problem: its code was written against other tests. Times are checked against the file's own
/// export time only, and runs are bounded by counted operations only; see [`regrade_with`].
pub fn regrade(file: &str, pack: &Pack, result: &ResultFile) -> Result<Regrade, Problem> {
    regrade_with(file, pack, result, JudgeHost::default())
}

/// Like [`regrade`], with what the host brings (see [`JudgeHost`]).
pub fn regrade_with(file: &str, pack: &Pack, result: &ResultFile, host: JudgeHost) -> Result<Regrade, Problem> {
    let now = host.now;
    if result.pack.content_hash != pack.content_hash {
        return Err(Problem::new(file, ProblemCode::OtherPack)
            .with("id", &result.pack.id)
            .with("version", &result.pack.version)
            .with("content_hash", &result.pack.content_hash));
    }
    let mut flags = Vec::new();
    if !result.digest_matches() {
        flags.push(Flag::DigestMismatch);
    }
    if over_time(pack, result) {
        flags.push(Flag::OverTime);
    }
    let contest = pack.course.kind == CourseKind::Contest;
    let made_at = pack.made_at.as_deref().and_then(seconds_since_epoch);
    let exported_at = seconds_since_epoch(&result.exported_at);
    let latest = match (exported_at, now) {
        (Some(exported_at), Some(now)) => Some(exported_at.min(now)),
        (exported_at, now) => exported_at.or(now),
    };
    let mut seen = BTreeSet::new();
    let mut lessons = Vec::new();
    for work in &result.lessons {
        let mut lesson_flags = Vec::new();
        if !seen.insert(work.lesson_id.as_str()) {
            lesson_flags.push(Flag::DuplicateLesson);
        }
        if contest {
            lesson_flags.extend(time_flags(work, made_at, latest));
        }
        let Some(lesson) = pack.lesson(&work.lesson_id) else {
            lesson_flags.push(Flag::UnknownLesson);
            lessons.push(LessonRegrade {
                lesson_id: work.lesson_id.clone(),
                grade: None,
                visible_score: 0,
                claimed: work.claimed.clone(),
                flags: lesson_flags,
            });
            continue;
        };
        let full = match host.watchdog {
            Some(watchdog) => grade_watched(lesson, &work.code, Selection::All, watchdog),
            None => grade(lesson, &work.code, Selection::All),
        };
        if full.tests.iter().any(|test| test.stopped_by_host) {
            lesson_flags.push(Flag::StoppedByHost);
        }
        let visible: Vec<_> = full.tests.iter().filter(|test| !test.hidden).collect();
        let visible_weight = weight_sum(visible.iter().map(|test| test.weight));
        let passed_weight =
            weight_sum(visible.iter().filter(|test| test.verdict == Verdict::Passed).map(|test| test.weight));
        let visible_score = score(lesson.points, passed_weight, visible_weight);
        let visible_verdicts: BTreeMap<String, Verdict> =
            visible.iter().map(|test| (test.test_id.clone(), test.verdict)).collect();
        if work.claimed.score != visible_score {
            lesson_flags.push(Flag::ScoreDiffers);
        }
        if work.claimed.verdicts != visible_verdicts {
            lesson_flags.push(Flag::VerdictsDiffer);
        }
        if work.claimed.max_score != lesson.points {
            lesson_flags.push(Flag::MaxScoreDiffers);
        }
        lessons.push(LessonRegrade {
            lesson_id: work.lesson_id.clone(),
            grade: Some(full),
            visible_score,
            claimed: work.claimed.clone(),
            flags: lesson_flags,
        });
    }
    // A lesson handed in twice counts once: the first copy.
    let mut counted = BTreeSet::new();
    let graded: Vec<&Grade> = lessons
        .iter()
        .filter(|lesson| counted.insert(lesson.lesson_id.clone()))
        .filter_map(|lesson| lesson.grade.as_ref())
        .collect();
    Ok(Regrade {
        total_score: graded.iter().fold(0u32, |sum, grade| sum.saturating_add(grade.score)),
        total_max: graded.iter().fold(0u32, |sum, grade| sum.saturating_add(grade.max_score)),
        lessons,
        flags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `flag_same_student` over hand-ins by `students` (id, name): the groups it returns, and
    /// which hand-ins carry the flag afterwards.
    fn check(students: &[(&str, &str)], expected: &[&[usize]]) {
        let students: Vec<Student> = students
            .iter()
            .map(|(id, name)| Student {
                name: name.to_string(),
                class: "七年级 3 班".to_string(),
                school: "实验中学".to_string(),
                student_id: id.to_string(),
            })
            .collect();
        let mut regrades: Vec<Regrade> = students
            .iter()
            .map(|_| Regrade { lessons: Vec::new(), flags: vec![Flag::OverTime], total_score: 0, total_max: 0 })
            .collect();
        let mut graded: Vec<(&Student, &mut Regrade)> = students.iter().zip(regrades.iter_mut()).collect();
        let groups = flag_same_student(&mut graded);
        assert_eq!(groups, expected.iter().map(|group| group.to_vec()).collect::<Vec<_>>(), "{students:?}");
        for (index, regrade) in regrades.iter().enumerate() {
            let flagged = expected.iter().any(|group| group.contains(&index));
            let want = if flagged { vec![Flag::OverTime, Flag::DuplicateStudent] } else { vec![Flag::OverTime] };
            assert_eq!(regrade.flags, want, "hand-in {index} of {students:?}");
        }
    }

    #[test]
    fn hand_ins_with_one_student_id_are_flagged_together() {
        check(&[("C001", "甲"), ("C002", "乙")], &[]);
        check(&[("C001", "甲"), ("C002", "乙"), ("C001", "甲")], &[&[0, 2]]);
        // Under someone else's id: the same id is the same hand-in slot, whatever the name says.
        check(&[("C001", "甲"), ("C001", "乙"), ("C001", "丙")], &[&[0, 1, 2]]);
        check(&[(" c001", "甲"), ("C001 ", "甲"), ("C002", "乙"), ("C002", "乙")], &[&[0, 1], &[2, 3]]);
        // Without an id, the name (with class and school) tells who it is.
        check(&[("", "甲"), ("", "乙"), (" ", "甲 ")], &[&[0, 2]]);
        check(&[("", "甲"), ("甲", "甲")], &[]);
        check(&[], &[]);
    }
}
