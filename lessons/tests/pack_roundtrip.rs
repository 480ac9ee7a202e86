//! The curriculum packed and read back: both copies (full and students') must read back equal and
//! pass their content-hash check. Expected answers are decimals computed by the reference
//! solutions; a JSON reader that rounds the last digit would make every real pack "changed".
//! A lesson's AI tool (front-matter `tool`) travels in the pack and is covered by its hash.

mod common;

use sprout_lessons::{build_pack, check_lesson, parse_course, parse_lesson, read_pack, Tool};

#[test]
fn the_curriculum_packs_and_reads_back_exactly() {
    let curriculum = common::curriculum();
    let lessons: Vec<_> = curriculum
        .lessons
        .into_iter()
        .map(|mut loaded| {
            assert!(check_lesson(&mut loaded.lesson, &loaded.file).is_empty());
            loaded.lesson
        })
        .collect();
    for full in [true, false] {
        let pack = build_pack(&curriculum.course, &lessons, full);
        let json = serde_json::to_string(&pack).expect("serializes");
        let read = read_pack("course.pack", json.as_bytes()).unwrap_or_else(|problems| panic!("{problems}"));
        assert_eq!(read, pack);
    }
    // The students' copy made from the full one is the one `build_pack` makes for students.
    let full = build_pack(&curriculum.course, &lessons, true);
    assert!(full.lessons.iter().any(|lesson| lesson.solution.is_some() && lesson.tests.iter().any(|test| test.hidden)));
    assert_eq!(full.students_copy(), build_pack(&curriculum.course, &lessons, false));
}

/// A one-lesson course whose lesson shows `tool` (or none).
fn tool_pack(tool: Option<&str>) -> String {
    let tool_line = tool.map(|tool| format!("tool = \"{tool}\"\n")).unwrap_or_default();
    let file = format!(
        "+++\nid = \"pad\"\ntitle = {{ zh = \"画板\" }}\n{tool_line}+++\n\n```rhai solution\nfn double(x) {{ x * 2 }}\n```\n\n```hint\n乘以 2。\n```\n\n```tests\n[[test]]\nkind = \"call\"\ncall = \"double(21)\"\nexpect = \"42\"\n```\n"
    );
    let mut lesson = parse_lesson("pad.md", file.as_bytes()).expect("valid lesson");
    assert!(check_lesson(&mut lesson, "pad.md").is_empty());
    assert_eq!(lesson.tool, tool.and_then(Tool::from_name));
    let course = parse_course(
        "course.toml",
        "id = \"c\"\nversion = \"1\"\ntitle = { zh = \"课\" }\n[[unit]]\nid = \"u\"\ntitle = { zh = \"单元\" }\nlessons = [\"pad\"]\n"
            .as_bytes(),
    )
        .expect("valid course");
    serde_json::to_string(&build_pack(&course, &[lesson], false)).expect("serializes")
}

#[test]
fn a_lessons_tool_is_kept_in_packs_and_covered_by_the_hash() {
    for name in ["digit_pad", "model_lab"] {
        let json = tool_pack(Some(name));
        assert!(json.contains(&format!("\"tool\":\"{name}\"")), "{json}");
        let read = read_pack("pad.pack", json.as_bytes()).unwrap_or_else(|problems| panic!("{problems}"));
        assert_eq!(read.lessons[0].tool, Tool::from_name(name));
    }
    // A lesson without a tool has no `tool` key: packs made before the key existed keep their hash.
    let plain = tool_pack(None);
    assert!(!plain.contains("\"tool\""), "{plain}");
    // Swapping the tool in a pack by hand breaks its content hash.
    let swapped = tool_pack(Some("digit_pad")).replace("\"tool\":\"digit_pad\"", "\"tool\":\"model_lab\"");
    assert!(read_pack("pad.pack", swapped.as_bytes()).is_err());
}
