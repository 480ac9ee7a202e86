//! Courses: ordered units of lessons with prerequisites (`course.toml`), and contests, which are
//! courses with a time window.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde::{Deserialize, Serialize};

use crate::model::{Lesson, Title};
use crate::parse::{decode, is_valid_id};
use crate::problem::{line_of, Problem, ProblemCode, Problems};

/// What a pack is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CourseKind {
    /// Lessons for class, unlocked one after another.
    #[default]
    Course,
    /// Problems for a contest: no hints, a time window.
    Contest,
}

/// A course or contest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Course {
    /// Unique id of the course.
    pub id: String,
    /// The course's version, chosen by its author (e.g. `1.0.0`).
    pub version: String,
    /// Title.
    pub title: Title,
    /// Course or contest.
    #[serde(default)]
    pub kind: CourseKind,
    /// A contest's length in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_minutes: Option<u32>,
    /// The units, in order.
    #[serde(rename = "unit")]
    pub units: Vec<Unit>,
}

/// A unit of a course.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Unique id within the course.
    pub id: String,
    /// Title.
    pub title: Title,
    /// Units to finish first.
    #[serde(default)]
    pub requires: Vec<String>,
    /// Lesson ids, in order.
    pub lessons: Vec<String>,
}

impl Course {
    /// Every lesson id in course order.
    pub fn lesson_ids(&self) -> impl Iterator<Item = &str> {
        self.units.iter().flat_map(|unit| unit.lessons.iter().map(String::as_str))
    }
}

/// Reads `course.toml`.
pub fn parse_course(file: &str, bytes: &[u8]) -> Result<Course, Problems> {
    let text = decode(file, bytes).map_err(|problem| Problems(vec![problem]))?;
    toml::from_str::<Course>(text).map_err(|error| {
        let mut problem = Problem::new(file, ProblemCode::BadCourse).with("detail", error.message());
        if let Some(span) = error.span() {
            problem = problem.at(line_of(text, span.start));
        }
        Problems(vec![problem])
    })
}

/// Checks that a course and its lessons fit together: ids valid and unique, every listed lesson
/// present, every lesson listed, prerequisites known (and earlier).
pub fn check_course(file: &str, course: &Course, lessons: &[(String, Lesson)]) -> Vec<Problem> {
    let mut problems = Vec::new();
    if !is_valid_id(&course.id) {
        problems.push(Problem::new(file, ProblemCode::BadId).with("id", &course.id));
    }
    let mut units_seen = BTreeSet::new();
    let mut listed = BTreeSet::new();
    for unit in &course.units {
        if !is_valid_id(&unit.id) {
            problems.push(Problem::new(file, ProblemCode::BadId).with("id", &unit.id));
        }
        for required in &unit.requires {
            if !units_seen.contains(required.as_str()) {
                problems.push(
                    Problem::new(file, ProblemCode::UnknownUnit).with("unit", &unit.id).with("requires", required),
                );
            }
        }
        if !units_seen.insert(unit.id.as_str()) {
            problems.push(Problem::new(file, ProblemCode::DuplicateUnit).with("unit", &unit.id));
        }
        for lesson in &unit.lessons {
            if !listed.insert(lesson.as_str()) {
                problems
                    .push(Problem::new(file, ProblemCode::DuplicateLesson).with("id", lesson).with("other", &unit.id));
            }
        }
    }
    let mut by_id: BTreeMap<&str, &str> = BTreeMap::new();
    for (lesson_file, lesson) in lessons {
        if let Some(other) = by_id.insert(lesson.id.as_str(), lesson_file.as_str()) {
            problems.push(
                Problem::new(lesson_file, ProblemCode::DuplicateLesson).with("id", &lesson.id).with("other", other),
            );
        }
    }
    for id in course.lesson_ids() {
        if !by_id.contains_key(id) {
            problems.push(Problem::new(file, ProblemCode::UnknownLesson).with("id", id));
        }
    }
    for (lesson_file, lesson) in lessons {
        if !listed.contains(lesson.id.as_str()) {
            problems.push(Problem::new(lesson_file, ProblemCode::LessonNotInCourse).with("id", &lesson.id));
        }
        for required in &lesson.requires {
            if !listed.contains(required.as_str()) {
                problems.push(
                    Problem::new(lesson_file, ProblemCode::UnknownRequirement)
                        .with("id", &lesson.id)
                        .with("requires", required),
                );
            }
        }
    }
    problems.extend(requirement_cycles(lessons));
    if lessons.is_empty() {
        problems.push(Problem::new(file, ProblemCode::NoLessons));
    }
    if course.kind == CourseKind::Contest {
        problems.extend(check_contest(file, course, lessons));
    }
    problems
}

/// Every cycle of lessons that require each other (a lesson requiring itself too), once each, on
/// the first of its lessons in `lessons`' order.
fn requirement_cycles(lessons: &[(String, Lesson)]) -> Vec<Problem> {
    let requires: BTreeMap<&str, &[String]> =
        lessons.iter().map(|(_, lesson)| (lesson.id.as_str(), lesson.requires.as_slice())).collect();
    let mut reported: BTreeSet<Vec<&str>> = BTreeSet::new();
    let mut problems = Vec::new();
    for (lesson_file, lesson) in lessons {
        let Some(cycle) = cycle_through(&lesson.id, &requires) else { continue };
        let mut members = cycle.clone();
        members.sort_unstable();
        if reported.insert(members) {
            let shown: Vec<&str> = cycle.iter().copied().chain([lesson.id.as_str()]).collect();
            problems.push(
                Problem::new(lesson_file, ProblemCode::RequirementCycle)
                    .with("id", &lesson.id)
                    .with("cycle", shown.join(" → ")),
            );
        }
    }
    problems
}

/// The shortest cycle of requirements from `start` back to it, as the lessons on it from `start`
/// on; `None` when there is none.
fn cycle_through<'a>(start: &'a str, requires: &BTreeMap<&'a str, &'a [String]>) -> Option<Vec<&'a str>> {
    let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(id) = queue.pop_front() {
        for next in requires.get(id).copied().unwrap_or_default() {
            let next = next.as_str();
            if next == start {
                let mut path = vec![id];
                while let Some(&before) = path.last().and_then(|last| came_from.get(last)) {
                    path.push(before);
                }
                path.reverse();
                return Some(path);
            }
            if !came_from.contains_key(next) {
                came_from.insert(next, id);
                queue.push_back(next);
            }
        }
    }
    None
}

/// A contest's own rules: it has a length, and each problem's tests add up to its points, so that
/// a test's `points` are exactly what passing it is worth (as in OI: 10 cases of 10 points), with
/// no rounding in between.
fn check_contest(file: &str, course: &Course, lessons: &[(String, Lesson)]) -> Vec<Problem> {
    let mut problems = Vec::new();
    if course.duration_minutes.is_none_or(|minutes| minutes == 0) {
        problems.push(Problem::new(file, ProblemCode::ContestWithoutDuration));
    }
    for (lesson_file, lesson) in lessons {
        let tests = lesson.total_weight();
        if tests != lesson.points {
            problems.push(
                Problem::new(lesson_file, ProblemCode::ContestPointsMismatch)
                    .with("id", &lesson.id)
                    .with("tests", tests)
                    .with("points", lesson.points),
            );
        }
    }
    problems
}
