//! Keeps docs/lesson-format.md true: its complete example must pass `check_lesson`, and every test
//! snippet it shows (each ```` ```toml ```` block with a `[[test]]`) must parse as a lesson's tests.

use sprout_lessons::{check_lesson, parse_lesson};

fn document() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/lesson-format.md")).expect("the format doc")
}

#[test]
fn the_complete_example_is_a_valid_lesson() {
    let document = document();
    let start = document.find("````markdown\n").expect("the example block") + "````markdown\n".len();
    let end = start + document[start..].find("\n````\n").expect("the example's end");
    let example = &document[start..end];
    let mut lesson = parse_lesson("example.md", example.as_bytes()).expect("the example parses");
    assert_eq!(check_lesson(&mut lesson, "example.md"), Vec::new());
    assert_eq!(lesson.steps.len(), 2);
    assert_eq!(lesson.hints.len(), 2);
}

#[test]
fn every_test_snippet_parses() {
    let document = document();
    let snippets: Vec<&str> = document
        .split("```toml\n")
        .skip(1)
        .filter_map(|rest| rest.split("\n```").next())
        .filter(|snippet| snippet.contains("[[test]]"))
        .collect();
    assert!(snippets.len() >= 8, "found only {} snippets", snippets.len());
    for snippet in snippets {
        let lesson = format!(
            "+++\nid = \"snippet\"\ntitle = {{ zh = \"片段\" }}\n+++\n\n```rhai solution\nprint(1);\n```\n\n```hint\n提示\n```\n\n```tests\n{snippet}\n```\n"
        );
        if let Err(problems) = parse_lesson("snippet.md", lesson.as_bytes()) {
            panic!("this snippet does not parse:\n{snippet}\n{problems}");
        }
    }
}
