//! A lesson file taken apart for the lesson editor (`LessonSource`) and put back together reads as
//! the same lesson: every lesson of the curriculum, and pieces whose own text holds a fence.

mod common;

use sprout_lessons::{parse_lesson, LessonSource};

#[test]
fn every_lesson_of_the_curriculum_survives_the_round_trip() {
    for loaded in common::curriculum().lessons {
        let name = loaded.file;
        let text = std::fs::read_to_string(&name).expect("a lesson file");
        let source = LessonSource::of_file(&text);
        assert!(!source.front_matter.is_empty() && !source.solution.is_empty(), "{name}: {source:?}");
        let original = loaded.lesson;
        let rebuilt = parse_lesson(&name, source.to_file().as_bytes())
            .unwrap_or_else(|problems| panic!("{name} put back together: {problems:?}\n{}", source.to_file()));
        assert_eq!(rebuilt, original, "{name}");
        assert_eq!(LessonSource::of_file(&source.to_file()), source, "{name}: taking it apart again");
    }
}

#[test]
fn pieces_holding_fences_get_longer_fences() {
    let source = LessonSource {
        front_matter: "id = \"fences\"\ntitle = { zh = \"围栏\" }".into(),
        text: "# 围栏\n\n正文。\n\n```rhai\nprint(1);\n```".into(),
        starter: String::new(),
        solution: "print(\"```\");".into(),
        hints: vec!["试试：\n\n```rhai\nprint(\"```\");\n```".into(), "第二条。".into()],
        tests: "[[test]]\nkind = \"output\"".into(),
    };
    let file = source.to_file();
    assert!(file.contains("````hint\n"), "{file}");
    assert_eq!(LessonSource::of_file(&file), source);
    let lesson = parse_lesson("fences.md", file.as_bytes()).expect("a lesson");
    assert_eq!(lesson.solution.as_deref(), Some("print(\"```\");\n"));
    assert_eq!(lesson.hints.len(), 2);
}

#[test]
fn a_file_without_front_matter_is_all_text() {
    let source = LessonSource::of_file("只有正文。\n\n```hint\n提示\n```\n");
    assert_eq!(source.front_matter, "");
    assert_eq!(source.text, "只有正文。");
    assert_eq!(source.hints, ["提示"]);
}
