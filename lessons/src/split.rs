//! A pack cut in two for an app that must start fast: an index that is enough to list the course,
//! open lessons in order and keep progress (ids, titles, units, unlock rules, starters, points), and
//! one [`UnitPart`] per unit with what only a lesson's page and its check need (the text, hints and
//! steps, the display text, the tests). The app embeds the index and loads a unit's part when a
//! lesson of that unit opens; [`join_unit`] puts it back, so that the lessons the app shows and
//! grades are exactly the pack's.
//!
//! A part is JSON of these types, written and read by one build of the app (its file is named by
//! its digest, so a cache never serves another build's under the same name); it is not a format
//! that leaves the program. It carries the pack's content hash and its unit's id, and [`join_unit`]
//! refuses a part that is not one of the pack's units with exactly its lessons.

use serde::{Deserialize, Serialize};

use crate::document::LessonText;
use crate::model::{Lesson, Test};
use crate::pack::Pack;

/// What a unit's lessons carry beyond the index (see the module documentation).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitPart {
    /// The content hash of the pack it was cut from.
    pub content_hash: String,
    /// The unit's id.
    pub unit: String,
    /// The unit's lessons' bulky fields, in the unit's order.
    pub lessons: Vec<LessonPart>,
    /// The unit's lessons' display text, in the unit's order.
    pub texts: Vec<LessonText>,
}

/// The fields of one lesson that the index leaves empty.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonPart {
    /// The lesson's id.
    pub id: String,
    /// [`Lesson::text`].
    pub text: String,
    /// [`Lesson::steps`].
    pub steps: Vec<String>,
    /// [`Lesson::hints`].
    pub hints: Vec<String>,
    /// [`Lesson::tests`].
    pub tests: Vec<Test>,
}

/// Why a part does not join a pack.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum JoinError {
    /// The part was cut from another pack (another course, or another version of it).
    #[error("the part belongs to the pack {0}")]
    OtherPack(String),
    /// The pack has no unit with the part's id.
    #[error("the pack has no unit {0}")]
    UnknownUnit(String),
    /// The part's lessons are not the unit's.
    #[error("the part's lessons are not those of unit {0}")]
    OtherLessons(String),
}

/// Cuts `pack` into its index and one part per unit, in the course's order.
pub fn split_pack(pack: &Pack) -> (Pack, Vec<UnitPart>) {
    let mut index = pack.clone();
    index.texts.clear();
    let taken: Vec<LessonPart> = index.lessons.iter_mut().map(take_part).collect();
    let parts = pack
        .course
        .units
        .iter()
        .map(|unit| UnitPart {
            content_hash: pack.content_hash.clone(),
            unit: unit.id.clone(),
            lessons: unit.lessons.iter().filter_map(|id| taken.iter().find(|part| &part.id == id)).cloned().collect(),
            texts: unit.lessons.iter().filter_map(|id| pack.text(id)).cloned().collect(),
        })
        .collect();
    (index, parts)
}

/// Takes `lesson`'s bulky fields out of it.
fn take_part(lesson: &mut Lesson) -> LessonPart {
    LessonPart {
        id: lesson.id.clone(),
        text: std::mem::take(&mut lesson.text),
        steps: std::mem::take(&mut lesson.steps),
        hints: std::mem::take(&mut lesson.hints),
        tests: std::mem::take(&mut lesson.tests),
    }
}

/// Puts `part` back into the pack it was cut from (the index, or the index with other units
/// already joined); joining a unit again changes nothing.
pub fn join_unit(pack: &mut Pack, part: UnitPart) -> Result<(), JoinError> {
    if part.content_hash != pack.content_hash {
        return Err(JoinError::OtherPack(part.content_hash));
    }
    let Some(unit) = pack.course.units.iter().find(|unit| unit.id == part.unit) else {
        return Err(JoinError::UnknownUnit(part.unit));
    };
    let lessons_known = unit.lessons.iter().all(|id| pack.lesson(id).is_some());
    if !lessons_known
        || !part.lessons.iter().map(|lesson| &lesson.id).eq(&unit.lessons)
        || !part.texts.iter().map(|text| &text.id).eq(&unit.lessons)
    {
        return Err(JoinError::OtherLessons(part.unit));
    }
    for lesson_part in part.lessons {
        if let Some(lesson) = pack.lessons.iter_mut().find(|lesson| lesson.id == lesson_part.id) {
            lesson.text = lesson_part.text;
            lesson.steps = lesson_part.steps;
            lesson.hints = lesson_part.hints;
            lesson.tests = lesson_part.tests;
        }
    }
    pack.texts.retain(|text| !part.texts.iter().any(|joined| joined.id == text.id));
    pack.texts.extend(part.texts);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{build_pack, check_lesson, parse_course, parse_lesson};

    /// A course of two units, `first` (lessons `a`, `b`) and `second` (lesson `c`), students' copy.
    fn two_units() -> Pack {
        let lesson = |id: &str| {
            let file = format!(
                "+++\nid = \"{id}\"\ntitle = {{ zh = \"课 {id}\" }}\n+++\n\n# 课 {id}\n\n## 第一步\n\n打印 {id}。\n\n```rhai starter\nprint(0);\n```\n\n```rhai solution\nprint(\"{id}\");\n```\n\n```hint\n用 **print**。\n```\n\n```tests\n[[test]]\nkind = \"output\"\n\n[[test]]\nkind = \"output\"\nhidden = true\n```\n"
            );
            let mut lesson = parse_lesson(&format!("{id}.md"), file.as_bytes()).expect("a valid lesson");
            assert!(check_lesson(&mut lesson, id).is_empty());
            lesson
        };
        let course = parse_course(
            "course.toml",
            "id = \"c\"\nversion = \"1\"\ntitle = { zh = \"课程\" }\n[[unit]]\nid = \"first\"\ntitle = { zh = \"一\" }\nlessons = [\"a\", \"b\"]\n[[unit]]\nid = \"second\"\ntitle = { zh = \"二\" }\nrequires = [\"first\"]\nlessons = [\"c\"]\n"
                .as_bytes(),
        )
        .expect("a valid course");
        build_pack(&course, &[lesson("a"), lesson("b"), lesson("c")], false)
    }

    #[test]
    fn the_index_keeps_the_course_and_the_parts_the_rest() {
        let pack = two_units();
        let (index, parts) = split_pack(&pack);
        assert_eq!((&index.course, &index.content_hash, index.full), (&pack.course, &pack.content_hash, false));
        assert!(index.texts.is_empty());
        for (lesson, full) in index.lessons.iter().zip(&pack.lessons) {
            assert_eq!((&lesson.id, &lesson.title, &lesson.starter), (&full.id, &full.title, &full.starter));
            assert_eq!((lesson.points, lesson.max_operations), (full.points, full.max_operations));
            assert!(
                lesson.text.is_empty() && lesson.steps.is_empty() && lesson.hints.is_empty() && lesson.tests.is_empty()
            );
        }
        let units: Vec<(&str, Vec<&str>)> = parts
            .iter()
            .map(|part| (part.unit.as_str(), part.texts.iter().map(|text| text.id.as_str()).collect()))
            .collect();
        assert_eq!(units, [("first", vec!["a", "b"]), ("second", vec!["c"])]);
        assert_eq!(parts[0].lessons[1].tests, pack.lessons[1].tests);
    }

    #[test]
    fn joining_every_part_gives_the_pack_back_in_any_order_and_again() {
        let pack = two_units();
        let (index, parts) = split_pack(&pack);
        let mut joined = index.clone();
        for part in parts.iter().rev().chain(&parts) {
            join_unit(&mut joined, part.clone()).expect("a part of the pack");
        }
        joined.texts.sort_by_key(|text| pack.texts.iter().position(|other| other.id == text.id));
        assert_eq!(joined, pack);

        let mut one = index;
        join_unit(&mut one, parts[1].clone()).expect("a part of the pack");
        assert_eq!(one.lesson("c"), pack.lesson("c"));
        assert!(one.text("c").is_some() && one.text("a").is_none());
        assert!(one.lesson("a").is_some_and(|lesson| lesson.tests.is_empty()));
    }

    #[test]
    fn a_part_of_another_pack_or_unit_is_refused_and_changes_nothing() {
        let pack = two_units();
        let (index, parts) = split_pack(&pack);
        let refused = |part: UnitPart| {
            let mut joined = index.clone();
            let error = join_unit(&mut joined, part).expect_err("refused");
            assert_eq!(joined, index, "a refused part changes nothing");
            error
        };
        let mut other = parts[0].clone();
        other.content_hash = "sha256:0".into();
        assert_eq!(refused(other), JoinError::OtherPack("sha256:0".into()));
        let mut unknown = parts[0].clone();
        unknown.unit = "third".into();
        assert_eq!(refused(unknown), JoinError::UnknownUnit("third".into()));
        let mut renamed = parts[1].clone();
        renamed.unit = "first".into();
        assert_eq!(refused(renamed), JoinError::OtherLessons("first".into()));
        let mut short = parts[0].clone();
        short.texts.pop();
        assert_eq!(refused(short), JoinError::OtherLessons("first".into()));
    }
}
