//! Contest mode's rules (issue #6), apart from the pages that show them (`crate::pages::contest`):
//! a student opens a contest's pack, the students' copy that `sprout pack --student` writes
//! ([`super::read_pack_file`]), and works on its problems against the clock.
//!
//! The contest replaces the course in the app's state, so its problems open in the ordinary lesson
//! page and are checked by the same worker and grader; what differs: every problem is open
//! ([`super::lesson_status`]), there are no hints, the clock runs from `duration_minutes`, and the
//! student hands in one result file, which the judge re-grades with the full pack (`sprout grade`).
//! The clock starts when the student opens the first problem: the earliest `started_at` of their
//! progress, which is kept in browser storage per contest, so a reload neither stops nor restarts
//! it, and which is the moment the judge's `over-time` flag measures from.

use sprout_lessons::time::seconds_since_epoch;
use sprout_lessons::{Pack, Student};

use crate::storage::progress::Progress;

/// When the student's contest started (seconds since 1970): when they opened its first problem.
pub fn started_at(progress: &Progress) -> Option<u64> {
    progress.lessons.values().filter_map(|lesson| seconds_since_epoch(&lesson.started_at)).min()
}

/// Seconds left at `now` (seconds since 1970), below zero once the time is up; `None` before the
/// contest started or for a pack without a time window. Never more than the contest's time: the
/// start is kept to the second and the page's `now` is its last tick's, so `now` can come a moment
/// before the start, and the clock would read 30:01 in a contest of 30 minutes.
pub fn seconds_left(pack: &Pack, progress: &Progress, now: f64) -> Option<f64> {
    let duration = f64::from(pack.course.duration_minutes?) * 60.0;
    Some((started_at(progress)? as f64 + duration - now).min(duration))
}

/// Whether the student filled in what a contest needs to know of them.
pub fn identified(student: &Student) -> bool {
    [&student.name, &student.school, &student.student_id].iter().all(|field| !field.trim().is_empty())
}

/// `h:mm:ss` or `mm:ss` of a number of seconds.
pub fn clock_text(seconds: f64) -> String {
    let seconds = seconds.max(0.0).ceil() as u64;
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{minutes:02}:{seconds:02}")
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::course::read_pack_file;
    use sprout_lessons::{build_pack, parse_course, parse_lesson, resolve};

    /// A course or contest (`kind`) of one lesson, as `sprout pack` writes it (`full`: the
    /// teachers' and judges' copy).
    pub(crate) fn contest_file(kind: &str, full: bool) -> String {
        let course = format!(
            "id = \"c\"\nversion = \"1\"\nkind = \"{kind}\"\nduration_minutes = 90\ntitle = {{ zh = \"赛\" }}\n\n[[unit]]\nid = \"u\"\ntitle = {{ zh = \"一\" }}\nlessons = [\"p\"]\n"
        );
        let course = parse_course("course.toml", course.as_bytes()).expect("a course");
        let lesson = "+++\nid = \"p\"\ntitle = { zh = \"题\" }\n+++\n\n打印 1。\n\n```rhai solution\nprint(1);\n```\n\n```hint\n用 print。\n```\n\n```tests\n[[test]]\nkind = \"output\"\npoints = 100\n```\n";
        let mut lesson = parse_lesson("p.md", lesson.as_bytes()).expect("a lesson");
        resolve(&mut lesson, "p.md").expect("the solution runs");
        serde_json::to_string(&build_pack(&course, &[lesson], full)).expect("a pack serializes")
    }

    #[test]
    fn the_clock_runs_from_the_first_problem_opened() {
        let pack = read_pack_file(&contest_file("contest", false)).expect("a contest");
        let mut progress = Progress::default();
        assert_eq!(seconds_left(&pack, &progress, 0.0), None, "not started");
        let lesson = &pack.lessons[0];
        progress.open(lesson, "2026-11-24T08:00:00Z");
        let start = seconds_since_epoch("2026-11-24T08:00:00Z").expect("a time") as f64;
        assert_eq!(seconds_left(&pack, &progress, start + 60.0), Some(89.0 * 60.0));
        assert_eq!(seconds_left(&pack, &progress, start + 90.0 * 60.0 + 1.0), Some(-1.0));
        assert_eq!(seconds_left(&pack, &progress, start - 0.7), Some(90.0 * 60.0), "a tick from before the start");
        assert_eq!(clock_text(89.0 * 60.0), "1:29:00");
        assert_eq!(clock_text(3599.2), "1:00:00", "a started second counts");
        assert_eq!(clock_text(59.0 * 60.0), "59:00");
        assert_eq!(clock_text(3600.0 + 61.5), "1:01:02");
        assert_eq!(clock_text(-5.0), "00:00");
    }

    #[test]
    fn a_contest_needs_a_name_a_school_and_an_id() {
        let mut student = Student { name: "李雷".into(), school: "一中".into(), ..Student::default() };
        assert!(!identified(&student));
        student.student_id = "  ".into();
        assert!(!identified(&student));
        student.student_id = "A-07".into();
        assert!(identified(&student));
    }
}
