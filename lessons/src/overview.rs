//! A class overview (学情分析, issue #6): what a teacher learns from a pile of result files
//! collected from the students' USB sticks, against the pack they worked from.
//!
//! It reads only what the files claim (score, verdicts, attempts, times); the judge's re-run is
//! `sprout grade`. A file whose digest does not match was edited after export; a second file of the
//! same student is a duplicate; a file from another pack was graded against other tests; a file
//! without a name cannot be put to a student; two files of different names with one student id
//! cannot both be that student (a typing slip, or a copied file). Such files stay in the table,
//! flagged, and only the others count in the class's figures, so that one student handing in twice
//! or a tampered file cannot move the pass rates. The flags are computed here, host-free, so that
//! the CLI and a server can say the same as the page.

use std::collections::{BTreeMap, HashMap};

use sprout_runtime::messages::Language;

use crate::csv::{csv_line, CSV_BOM};
use crate::grade::Verdict;
use crate::model::Title;
use crate::pack::{read_pack, Pack};
use crate::problem::Problems;
use crate::result::{read_result, ResultFile, Student};
use crate::time::seconds_since_epoch;

/// How many bars the score histogram has: 0–9 %, 10–19 %, …, 90–100 %.
pub const HISTOGRAM_BINS: usize = 10;

/// How many of the most-failed tests the overview lists.
pub const MOST_FAILED: usize = 10;

/// Why a file is shown but left out of the class's figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileFlag {
    /// The digest does not match the content: the file was edited after export.
    Tampered,
    /// Another file of the same student was exported later; that one counts.
    Duplicate,
    /// The file was made from another pack (or another version of it).
    OtherPack,
    /// The file has no student name: nobody can tell whose work it is.
    NoName,
    /// Another file has the same student id under another name: two students, one id.
    SharedId,
}

impl FileFlag {
    /// The flag's stable id (also in CSV files).
    pub fn id(self) -> &'static str {
        match self {
            FileFlag::Tampered => "tampered",
            FileFlag::Duplicate => "duplicate",
            FileFlag::OtherPack => "other-pack",
            FileFlag::NoName => "no-name",
            FileFlag::SharedId => "shared-id",
        }
    }

    /// Every flag, in the order the summary line counts them.
    pub const ALL: [FileFlag; 5] =
        [FileFlag::NoName, FileFlag::SharedId, FileFlag::Duplicate, FileFlag::Tampered, FileFlag::OtherPack];
}

/// One student's work on one lesson, as claimed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// The claimed score.
    pub score: u32,
    /// The lesson's full points.
    pub max_score: u32,
    /// Presses of Check.
    pub attempts: u32,
    /// Whole minutes from opening the lesson to the last check, when both times are readable.
    pub minutes: Option<u64>,
    /// Every test the student's app ran passed.
    pub passed: bool,
}

/// One result file: a row of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The file's name, as dropped in.
    pub file: String,
    /// Who handed it in.
    pub student: Student,
    /// When it was exported (as written in the file).
    pub exported_at: String,
    /// Why it does not count; empty when it does.
    pub flags: Vec<FileFlag>,
    /// Per lesson of the pack, in course order; `None` where the file has no work for it.
    pub cells: Vec<Option<Cell>>,
    /// The sum of the claimed scores.
    pub total: u32,
}

impl Row {
    /// Whether the row counts in the class's figures.
    pub fn counts(&self) -> bool {
        self.flags.is_empty()
    }
}

/// A test that many students fail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FailedTest {
    /// The lesson's column.
    pub lesson: usize,
    /// The test's id.
    pub test_id: String,
    /// Its description, when the lesson gives one.
    pub name: Option<String>,
    /// How many counted students' last check failed it.
    pub failed: usize,
    /// How many counted students checked the lesson.
    pub checked: usize,
}

/// A lesson's column and its figures over the counted rows.
#[derive(Clone, Debug, PartialEq)]
pub struct LessonColumn {
    /// The lesson's id.
    pub id: String,
    /// Its title.
    pub title: Title,
    /// Its full points.
    pub points: u32,
    /// Counted students who checked it.
    pub checked: usize,
    /// Of those, how many passed every test.
    pub passed: usize,
    /// Their mean number of Check presses (0 when nobody checked).
    pub mean_attempts: f64,
}

impl LessonColumn {
    /// Passed over checked, 0–1 (0 when nobody checked).
    pub fn pass_rate(&self) -> f64 {
        if self.checked == 0 {
            0.0
        } else {
            self.passed as f64 / self.checked as f64
        }
    }
}

/// A file that is not a result file at all.
#[derive(Clone, Debug, PartialEq)]
pub struct Unreadable {
    /// The file's name.
    pub file: String,
    /// What is wrong with it.
    pub problems: Problems,
}

/// The class overview.
#[derive(Clone, Debug, PartialEq)]
pub struct Overview {
    /// The pack's lessons, in course order.
    pub lessons: Vec<LessonColumn>,
    /// One row per result file, in the order given.
    pub rows: Vec<Row>,
    /// Files that could not be read as result files.
    pub unreadable: Vec<Unreadable>,
    /// Counted students per tenth of the assigned points they scored (see [`Overview::assigned_points`]).
    pub histogram: [usize; HISTOGRAM_BINS],
    /// The tests most counted students failed, most first (at most [`MOST_FAILED`]).
    pub most_failed: Vec<FailedTest>,
}

impl Overview {
    /// Reads `files` (name and bytes) against `pack` and computes the overview.
    pub fn of_files<'a>(pack: &Pack, files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Overview {
        let mut results = Vec::new();
        let mut unreadable = Vec::new();
        for (name, bytes) in files {
            match read_result(name, bytes) {
                Ok(result) => results.push((name.to_string(), result)),
                Err(problems) => unreadable.push(Unreadable { file: name.to_string(), problems }),
            }
        }
        let mut overview = Overview::of_results(pack, &results);
        overview.unreadable = unreadable;
        overview
    }

    /// Reads files as a teacher drops them in: a file whose name ends in `.pack` is a lesson pack
    /// (a contest's, or a teacher's own course), and the last readable one is what the result
    /// files are read against instead of `default`; it is returned with its file name. A pack that
    /// cannot be read is listed with the unreadable files.
    pub fn of_dropped<'a>(
        default: &Pack,
        files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    ) -> (Overview, Option<(String, Pack)>) {
        let mut dropped_pack = None;
        let mut broken_packs = Vec::new();
        let mut results = Vec::new();
        for (name, bytes) in files {
            if name.to_lowercase().ends_with(".pack") {
                match read_pack(name, bytes) {
                    Ok(pack) => dropped_pack = Some((name.to_string(), pack)),
                    Err(problems) => broken_packs.push(Unreadable { file: name.to_string(), problems }),
                }
            } else {
                results.push((name, bytes));
            }
        }
        let pack = dropped_pack.as_ref().map_or(default, |(_, pack)| pack);
        let mut overview = Overview::of_files(pack, results);
        overview.unreadable.extend(broken_packs);
        (overview, dropped_pack)
    }

    /// The overview of result files already read (file name and content).
    pub fn of_results(pack: &Pack, results: &[(String, ResultFile)]) -> Overview {
        let ids: Vec<&str> = pack.course.lesson_ids().collect();
        let latest = latest_file_per_student(results);
        let shared = files_sharing_an_id(results);
        let rows: Vec<Row> = results
            .iter()
            .enumerate()
            .map(|(index, (file, result))| {
                let mut flags = Vec::new();
                if !result.digest_matches() {
                    flags.push(FileFlag::Tampered);
                }
                if result.student.name.trim().is_empty() {
                    flags.push(FileFlag::NoName);
                }
                if shared.contains(&index) {
                    flags.push(FileFlag::SharedId);
                } else if latest.get(&student_key(result)) != Some(&index) {
                    flags.push(FileFlag::Duplicate);
                }
                if result.pack.content_hash != pack.content_hash {
                    flags.push(FileFlag::OtherPack);
                }
                let cells: Vec<Option<Cell>> = ids.iter().map(|id| cell(result, id)).collect();
                let total = cells.iter().flatten().fold(0u32, |sum, cell| sum.saturating_add(cell.score));
                Row {
                    file: file.clone(),
                    student: result.student.clone(),
                    exported_at: result.exported_at.clone(),
                    flags,
                    cells,
                    total,
                }
            })
            .collect();
        let counted: Vec<(&Row, &ResultFile)> =
            rows.iter().zip(results).filter(|(row, _)| row.counts()).map(|(row, (_, result))| (row, result)).collect();

        let lessons = ids
            .iter()
            .enumerate()
            .map(|(column, id)| {
                let lesson = pack.lesson(id);
                let cells: Vec<&Cell> = counted.iter().filter_map(|(row, _)| row.cells[column].as_ref()).collect();
                let attempts: u64 = cells.iter().map(|cell| u64::from(cell.attempts)).sum();
                LessonColumn {
                    id: id.to_string(),
                    title: lesson.map(|lesson| lesson.title.clone()).unwrap_or_default(),
                    points: lesson.map_or(0, |lesson| lesson.points),
                    checked: cells.len(),
                    passed: cells.iter().filter(|cell| cell.passed).count(),
                    mean_attempts: if cells.is_empty() { 0.0 } else { attempts as f64 / cells.len() as f64 },
                }
            })
            .collect::<Vec<_>>();

        let assigned_points = assigned_points(&lessons);
        let mut histogram = [0; HISTOGRAM_BINS];
        for (row, _) in &counted {
            histogram[bin(row.total, assigned_points)] += 1;
        }

        let mut failures: BTreeMap<(usize, String), usize> = BTreeMap::new();
        for (_, result) in &counted {
            for lesson in &result.lessons {
                let Some(column) = ids.iter().position(|id| *id == lesson.lesson_id) else { continue };
                for (test_id, verdict) in &lesson.claimed.verdicts {
                    if *verdict != Verdict::Passed {
                        *failures.entry((column, test_id.clone())).or_default() += 1;
                    }
                }
            }
        }
        let mut most_failed: Vec<FailedTest> = failures
            .into_iter()
            .map(|((column, test_id), failed)| FailedTest {
                lesson: column,
                name: pack
                    .lesson(ids[column])
                    .and_then(|lesson| lesson.tests.iter().find(|test| test.id == test_id))
                    .and_then(|test| test.name.clone()),
                test_id,
                failed,
                checked: lessons[column].checked,
            })
            .collect();
        // Most failures first; ties in course order, then by test id (the map's order, kept by a stable sort).
        most_failed.sort_by(|a, b| b.failed.cmp(&a.failed).then(a.lesson.cmp(&b.lesson)));
        most_failed.truncate(MOST_FAILED);

        Overview { lessons, rows, unreadable: Vec::new(), histogram, most_failed }
    }

    /// The full points of every lesson of the pack the files are read against (the whole course,
    /// or a teacher's pack of a few lessons): what the class was assigned, and what the
    /// histogram's percentages are of. Not the points of what the furthest student reached, which
    /// would move every student's share whenever one student goes further.
    pub fn assigned_points(&self) -> u32 {
        assigned_points(&self.lessons)
    }

    /// How many files carry each flag, in [`FileFlag::ALL`]'s order, leaving out flags no file
    /// carries: the dashboard's summary line, and the CLI's.
    pub fn flag_counts(&self) -> Vec<(FileFlag, usize)> {
        FileFlag::ALL
            .iter()
            .map(|&flag| (flag, self.rows.iter().filter(|row| row.flags.contains(&flag)).count()))
            .filter(|(_, count)| *count > 0)
            .collect()
    }

    /// The columns of the lessons some file has work for, in course order: the table's lesson
    /// columns (a class half-way through a 44-lesson course needs no 30 empty columns).
    pub fn worked_lessons(&self) -> Vec<usize> {
        (0..self.lessons.len()).filter(|&column| self.rows.iter().any(|row| row.cells[column].is_some())).collect()
    }

    /// The table as CSV for a spreadsheet: UTF-8 with a byte-order mark (so that Excel shows
    /// Chinese), CRLF line ends, a header row in `language`, one row per file with the student,
    /// the total, for each lesson some file has work for its score, then its number of checks,
    /// then its minutes (empty where this file has no work for it), the flags and the file.
    pub fn to_csv(&self, language: Language) -> String {
        let columns = self.worked_lessons();
        let zh = language == Language::ZhCn;
        let mut header: Vec<String> = if zh {
            ["姓名", "班级", "学校", "学号", "总分"].map(String::from).to_vec()
        } else {
            ["name", "class", "school", "student id", "total"].map(String::from).to_vec()
        };
        let titles: Vec<String> = columns
            .iter()
            .map(|&column| match (&self.lessons[column].title.en, zh) {
                (Some(english), false) => english.clone(),
                _ => self.lessons[column].title.zh.clone(),
            })
            .collect();
        let (checks, minutes) = if zh { ("检查次数", "用时（分钟）") } else { ("checks", "minutes") };
        header.extend(titles.iter().cloned());
        header.extend(titles.iter().map(|title| format!("{title} {checks}")));
        header.extend(titles.iter().map(|title| format!("{title} {minutes}")));
        header.extend([if zh { "标记" } else { "flags" }, if zh { "文件" } else { "file" }].map(String::from));
        let mut csv = String::from(CSV_BOM);
        csv.push_str(&csv_line(&header));
        for row in &self.rows {
            let student = &row.student;
            let mut fields: Vec<String> =
                vec![student.name.clone(), student.class.clone(), student.school.clone(), student.student_id.clone()];
            fields.push(row.total.to_string());
            let per_lesson = |value: fn(&Cell) -> Option<String>| {
                columns.iter().map(move |&column| row.cells[column].as_ref().and_then(value).unwrap_or_default())
            };
            fields.extend(per_lesson(|cell| Some(cell.score.to_string())));
            fields.extend(per_lesson(|cell| Some(cell.attempts.to_string())));
            fields.extend(per_lesson(|cell| cell.minutes.map(|minutes| minutes.to_string())));
            fields.push(row.flags.iter().map(|flag| flag.id()).collect::<Vec<_>>().join(" "));
            fields.push(row.file.clone());
            csv.push_str(&csv_line(&fields));
        }
        csv
    }
}

/// Which student a file belongs to: the pack and the student id, or the name and class when the
/// id was left empty.
fn student_key(result: &ResultFile) -> (String, String, String) {
    let student = &result.student;
    let who = if student.student_id.trim().is_empty() {
        format!("{}\u{1f}{}", student.name.trim(), student.class.trim())
    } else {
        student.student_id.trim().to_string()
    };
    (result.pack.content_hash.clone(), student.school.trim().to_string(), who)
}

/// For each student, the index of the file exported last (the later one in the list on a tie).
fn latest_file_per_student(results: &[(String, ResultFile)]) -> HashMap<(String, String, String), usize> {
    let mut latest: HashMap<_, usize> = HashMap::new();
    for (index, (_, result)) in results.iter().enumerate() {
        let key = student_key(result);
        let later = latest.get(&key).is_none_or(|&earlier| {
            let (earlier_time, time) =
                (seconds_since_epoch(&results[earlier].1.exported_at), seconds_since_epoch(&result.exported_at));
            time.zip(earlier_time).is_none_or(|(time, earlier_time)| time >= earlier_time)
        });
        if later {
            latest.insert(key, index);
        }
    }
    latest
}

/// The files whose student id (with pack and school, as [`student_key`]) is also another file's
/// under a different name. Files without an id are keyed by name, so they never share one.
fn files_sharing_an_id(results: &[(String, ResultFile)]) -> std::collections::HashSet<usize> {
    let mut names: HashMap<(String, String, String), Vec<(usize, String)>> = HashMap::new();
    for (index, (_, result)) in results.iter().enumerate() {
        if !result.student.student_id.trim().is_empty() {
            names.entry(student_key(result)).or_default().push((index, result.student.name.trim().to_string()));
        }
    }
    names
        .into_values()
        .filter(|files| files.iter().any(|(_, name)| *name != files[0].1))
        .flat_map(|files| files.into_iter().map(|(index, _)| index))
        .collect()
}

/// The file's work on lesson `id`, if any (the first entry, should a file repeat a lesson).
fn cell(result: &ResultFile, id: &str) -> Option<Cell> {
    let lesson = result.lessons.iter().find(|lesson| lesson.lesson_id == id)?;
    let claimed = &lesson.claimed;
    let minutes = seconds_since_epoch(&lesson.started_at)
        .zip(seconds_since_epoch(&lesson.checked_at))
        .and_then(|(start, end)| end.checked_sub(start))
        .map(|elapsed| elapsed / 60);
    Some(Cell {
        score: claimed.score,
        max_score: claimed.max_score,
        attempts: lesson.attempts,
        minutes,
        passed: !claimed.verdicts.is_empty() && claimed.verdicts.values().all(|verdict| *verdict == Verdict::Passed),
    })
}

/// See [`Overview::assigned_points`] (saturating: a hostile pack's points cannot overflow it).
fn assigned_points(lessons: &[LessonColumn]) -> u32 {
    lessons.iter().fold(0u32, |sum, column| sum.saturating_add(column.points))
}

fn percent(score: u32, of: u32) -> u32 {
    if of == 0 {
        0
    } else {
        (u64::from(score) * 100 / u64::from(of)).min(100) as u32
    }
}

fn bin(score: u32, of: u32) -> usize {
    (percent(score, of) as usize / (100 / HISTOGRAM_BINS)).min(HISTOGRAM_BINS - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{build_pack, parse_course, parse_lesson, PackReference};

    /// A course of two units: `one` (50 points) in the first, `two` (150) in the second.
    fn pack() -> Pack {
        let course = parse_course(
            "course.toml",
            b"id = \"c\"\nversion = \"1.0.0\"\ntitle = { zh = \"\xe8\xaf\xbe\" }\n\n\
              [[unit]]\nid = \"a\"\ntitle = { zh = \"A\" }\nlessons = [\"one\"]\n\n\
              [[unit]]\nid = \"b\"\ntitle = { zh = \"B\" }\nlessons = [\"two\"]\n",
        )
        .expect("course");
        let lesson = |id: &str, points: u32| {
            let text = format!(
                "+++\nid = \"{id}\"\ntitle = {{ zh = \"{id}\" }}\npoints = {points}\n+++\n\n\
                 ```rhai solution\nprint(1);\n```\n\n```hint\nh\n```\n\n```tests\n[[test]]\nkind = \"output\"\n```\n"
            );
            parse_lesson(&format!("{id}.md"), text.as_bytes()).expect("lesson")
        };
        build_pack(&course, &[lesson("one", 50), lesson("two", 150)], false)
    }

    /// A result file of `name` (id `id`), exported at minute `minute`, claiming `score` on `one`.
    fn result(pack: &Pack, name: &str, id: &str, minute: u32, score: u32) -> (String, ResultFile) {
        let student = Student { name: name.into(), class: "1 班".into(), school: "S".into(), student_id: id.into() };
        let reference = PackReference {
            id: pack.course.id.clone(),
            version: pack.course.version.clone(),
            content_hash: pack.content_hash.clone(),
        };
        let work = crate::LessonResult {
            lesson_id: "one".into(),
            code: String::new(),
            claimed: crate::Claim {
                score,
                max_score: 50,
                verdicts: [("t1".to_string(), Verdict::Passed)].into_iter().collect(),
            },
            attempts: 1,
            started_at: "2026-12-07T09:00:00Z".into(),
            checked_at: "2026-12-07T09:05:00Z".into(),
        };
        let exported = format!("2026-12-07T10:{minute:02}:00Z");
        (format!("{name}-{id}.json"), ResultFile::new("0.1.0", &exported, student, reference, vec![work]))
    }

    /// The flags of each row of the overview of `files` (name, id, export minute).
    fn check(files: &[(&str, &str, u32)], expected: &[&[FileFlag]]) {
        let pack = pack();
        let results: Vec<_> = files.iter().map(|(name, id, minute)| result(&pack, name, id, *minute, 50)).collect();
        let overview = Overview::of_results(&pack, &results);
        let flags: Vec<&[FileFlag]> = overview.rows.iter().map(|row| row.flags.as_slice()).collect();
        assert_eq!(flags, expected, "{files:?}");
    }

    #[test]
    fn a_file_without_a_name_is_flagged() {
        check(&[("", "7", 0), ("张三", "8", 0)], &[&[FileFlag::NoName], &[]]);
        check(&[("  ", "", 0)], &[&[FileFlag::NoName]]);
    }

    #[test]
    fn two_names_with_one_id_are_both_flagged_and_one_name_twice_is_a_duplicate() {
        check(
            &[("张三", "7", 0), ("李四", "7", 1), ("王五", "8", 0)],
            &[&[FileFlag::SharedId], &[FileFlag::SharedId], &[]],
        );
        check(&[("张三", "7", 1), ("张三", "7", 0)], &[&[], &[FileFlag::Duplicate]]);
        // The same id at two schools is two students.
        let pack = pack();
        let mut other_school = result(&pack, "李四", "7", 0, 50);
        other_school.1.student.school = "T".into();
        other_school.1.seal();
        let overview = Overview::of_results(&pack, &[result(&pack, "张三", "7", 0, 50), other_school]);
        assert!(overview.rows.iter().all(|row| row.flags.is_empty()));
        // A nameless file with a named one's id: nobody's, and not that student's either.
        check(&[("", "7", 0), ("张三", "7", 1)], &[&[FileFlag::NoName, FileFlag::SharedId], &[FileFlag::SharedId]]);
    }

    #[test]
    fn the_summary_counts_files_per_flag() {
        let pack = pack();
        let results: Vec<_> = [("", "1"), ("张三", "7"), ("李四", "7"), ("王五", "8")]
            .iter()
            .map(|(name, id)| result(&pack, name, id, 0, 50))
            .collect();
        let overview = Overview::of_results(&pack, &results);
        assert_eq!(overview.flag_counts(), [(FileFlag::NoName, 1), (FileFlag::SharedId, 2)]);
        assert_eq!(overview.rows.iter().filter(|row| row.counts()).count(), 1);
    }

    #[test]
    fn the_histogram_is_of_every_assigned_lesson_not_of_the_lessons_reached() {
        let pack = pack();
        // Nobody reached `two`: 50 of 200 assigned points is 25 %, not 100 %.
        let overview = Overview::of_results(&pack, &[result(&pack, "张三", "7", 0, 50)]);
        assert_eq!(overview.assigned_points(), 200);
        assert_eq!(overview.histogram, [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    }

    #[test]
    fn hostile_scores_saturate_instead_of_overflowing() {
        let pack = pack();
        let mut hostile = result(&pack, "张三", "7", 0, u32::MAX);
        let mut second = hostile.1.lessons[0].clone();
        second.lesson_id = "two".into();
        second.attempts = u32::MAX;
        hostile.1.lessons[0].attempts = u32::MAX;
        hostile.1.lessons.push(second);
        hostile.1.seal();
        let overview = Overview::of_results(&pack, &[hostile]);
        assert_eq!(overview.rows[0].total, u32::MAX);
        assert_eq!(overview.histogram[HISTOGRAM_BINS - 1], 1);
        assert_eq!(overview.lessons[0].mean_attempts, f64::from(u32::MAX));
    }
}
