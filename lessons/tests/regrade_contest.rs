//! A contest's time window in the judge's re-grade: work whose times span more than the contest's
//! `duration_minutes` is flagged `over-time`; work within it and work on an ordinary course are
//! not. Times that cannot be true (unreadable, reversed, before the pack was made, after the export
//! or the judge's clock) are flagged on a contest's problem. And a contest's packs carry no hints.

use std::collections::BTreeSet;

use sprout_lessons::time::seconds_since_epoch;
use sprout_lessons::{
    build_pack, check_course, check_lesson, grade, parse_course, parse_lesson, regrade, regrade_with, Claim, Flag,
    JudgeHost, LessonResult, Pack, PackReference, ResultFile, Selection, Student,
};

const LESSON: &str = "+++\nid = \"double\"\ntitle = { zh = \"翻倍\" }\npoints = 2\n+++\n\n\
```rhai starter\nfn double(x) { x }\n```\n\n```rhai solution\nfn double(x) { x * 2 }\n```\n\n\
```hint\n乘以 2。\n```\n\n```tests\n[[test]]\nkind = \"call\"\ncall = \"double(2)\"\nexpect = \"4\"\n\n\
[[test]]\nkind = \"call\"\ncall = \"double(-7)\"\nexpect = \"-14\"\nhidden = true\n```\n";

fn pack(kind: &str) -> Pack {
    let text = format!(
        "id = \"window\"\nversion = \"1.0.0\"\ntitle = {{ zh = \"时间\" }}\n{kind}\n\n\
         [[unit]]\nid = \"problems\"\ntitle = {{ zh = \"题目\" }}\nlessons = [\"double\"]\n"
    );
    let course = parse_course("course.toml", text.as_bytes()).expect("course");
    let mut lesson = parse_lesson("double.md", LESSON.as_bytes()).expect("lesson");
    assert!(check_lesson(&mut lesson, "double.md").is_empty());
    let lessons = [("double.md".to_string(), lesson)];
    assert_eq!(check_course("course.toml", &course, &lessons), []);
    build_pack(&course, &[lessons[0].1.clone()], true)
}

fn submission(pack: &Pack, started_at: &str, checked_at: &str) -> ResultFile {
    submission_exported(pack, started_at, checked_at, checked_at)
}

fn submission_exported(pack: &Pack, started_at: &str, checked_at: &str, exported_at: &str) -> ResultFile {
    let code = "fn double(x) { x * 2 }";
    let lesson = pack.lesson("double").expect("lesson");
    let work = LessonResult {
        lesson_id: "double".into(),
        code: code.into(),
        claimed: Claim::from_grade(&grade(lesson, code, Selection::VisibleOnly)),
        attempts: 1,
        started_at: started_at.into(),
        checked_at: checked_at.into(),
    };
    let reference = PackReference {
        id: pack.course.id.clone(),
        version: pack.course.version.clone(),
        content_hash: pack.content_hash.clone(),
    };
    ResultFile::new("0.1.0", exported_at, Student::default(), reference, vec![work])
}

#[test]
fn work_beyond_the_contests_length_is_flagged() {
    let contest = pack("kind = \"contest\"\nduration_minutes = 30");
    let course = pack("");
    let cases = [
        // pack, started, last check, flagged
        (&contest, "2026-11-23T09:00:00Z", "2026-11-23T09:30:00.000Z", false),
        (&contest, "2026-11-23T09:00:00Z", "2026-11-23T09:30:01Z", true),
        (&contest, "2026-11-23T23:50:00Z", "2026-11-24T00:45:00Z", true),
        (&contest, "not a time", "2026-11-24T00:45:00Z", false),
        (&course, "2026-11-23T09:00:00Z", "2026-11-23T12:00:00Z", false),
    ];
    for (pack, started, checked, flagged) in cases {
        let regraded = regrade("s.json", pack, &submission(pack, started, checked)).expect("regraded");
        assert_eq!(regraded.flags.contains(&Flag::OverTime), flagged, "{started} to {checked}");
        assert_eq!(regraded.total_score, 2, "the flag does not change the score");
    }
}

#[test]
fn a_contests_times_that_cannot_be_true_are_flagged() {
    use Flag::{BeforePack, InFuture, OverTime, ReversedTimes, UnreadableTime};
    let mut contest = pack("kind = \"contest\"\nduration_minutes = 30");
    contest.made_at = Some("2026-11-23T08:00:00Z".to_string());
    let judge = JudgeHost { now: seconds_since_epoch("2026-11-23T12:00:00Z"), watchdog: None };
    let cases: [(&str, &str, &str, &[Flag]); 10] = [
        // started, last check, exported, every flag of the file
        ("2026-11-23T09:00:00Z", "2026-11-23T09:20:00Z", "2026-11-23T09:30:00Z", &[]),
        ("2026-11-23T09:20:00Z", "2026-11-23T09:00:00Z", "2026-11-23T09:30:00Z", &[ReversedTimes]),
        // Swapped to hide two hours: reversed, and the span still counts.
        ("2026-11-23T11:00:00Z", "2026-11-23T09:00:00Z", "2026-11-23T11:10:00Z", &[ReversedTimes, OverTime]),
        ("not a time", "2026-11-23T09:00:00Z", "2026-11-23T09:30:00Z", &[UnreadableTime]),
        ("", "", "2026-11-23T09:30:00Z", &[UnreadableTime]),
        ("2026-11-23T07:59:59Z", "2026-11-23T08:10:00Z", "2026-11-23T08:20:00Z", &[BeforePack]),
        ("1970-01-01T00:00:00Z", "1970-01-01T00:10:00Z", "2026-11-23T09:30:00Z", &[BeforePack]),
        // Checked after the file was exported, or after the judge's clock.
        ("2026-11-23T09:00:00Z", "2026-11-23T09:20:00Z", "2026-11-23T09:10:00Z", &[InFuture]),
        ("2026-11-23T09:00:00Z", "2099-01-01T00:00:00Z", "2099-01-01T00:10:00Z", &[InFuture, OverTime]),
        ("2026-11-23T09:00:00Z", "2026-11-23T09:20:00Z", "not a time", &[]),
    ];
    for (started, checked, exported, flags) in cases {
        let file = submission_exported(&contest, started, checked, exported);
        let regraded = regrade_with("s.json", &contest, &file, judge).expect("regraded");
        let expected: BTreeSet<Flag> = flags.iter().copied().collect();
        assert_eq!(regraded.all_flags(), expected, "{started} to {checked}, exported {exported}");
        assert_eq!(regraded.total_score, 2, "the flags do not change the score");
    }
    // Without the judge's clock, the file's export time is the latest a time may be.
    let file = submission_exported(&contest, "2026-11-23T09:00:00Z", "2099-01-01T00:00:00Z", "2099-01-01T00:10:00Z");
    assert_eq!(regrade("s.json", &contest, &file).expect("regraded").all_flags(), BTreeSet::from([OverTime]));
    // An ordinary course has no time window: its times only inform.
    let course = pack("");
    let file = submission_exported(&course, "2026-11-23T09:20:00Z", "not a time", "2026-11-23T09:00:00Z");
    assert_eq!(regrade_with("s.json", &course, &file, judge).expect("regraded").all_flags(), BTreeSet::new());
}

#[test]
fn a_contests_packs_carry_no_hints() {
    let contest = pack("kind = \"contest\"\nduration_minutes = 30");
    let course = pack("");
    assert!(contest.lessons.iter().all(|lesson| lesson.hints.is_empty()));
    assert!(contest.texts.iter().all(|text| text.hints.is_empty()));
    assert_eq!(course.lessons[0].hints, ["乘以 2。"], "a course keeps its hints");
    assert_eq!(course.texts[0].hints.len(), 1);
}
