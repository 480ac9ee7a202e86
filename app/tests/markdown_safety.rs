//! Lesson Markdown becomes safe page content: the rules of `sprout_lessons::document`, the
//! converter that every pack's lesson text and hints go through. This test reads what it writes
//! with the page's own decoder (`sprout_app::course::document::decode`): exactly what the page gets.

use sprout_app::course::document::decode;
use sprout_lessons::document;

/// What the page shows for converted `nodes`: the page's nodes, as `{:?}` prints them.
fn on_the_page(nodes: &[document::Node]) -> String {
    format!("{:?}", decode(&document::encode(nodes)))
}

/// Converts `markdown` as a hint and compares what the page gets with `expected`.
#[track_caller]
fn check(markdown: &str, expected: &str) {
    assert_eq!(on_the_page(&document::convert(markdown)), expected);
}

#[test]
fn raw_html_is_plain_text() {
    check("<script>alert(1)</script>", r#"[Text("<script>alert(1)</script>")]"#);
    check("a <b onclick=\"x()\">b</b>", r#"[Paragraph([Text("a <b onclick=\"x()\">b</b>")])]"#);
    check("<div>\n<img src=x onerror=y>\n</div>", r#"[Text("<div>\n<img src=x onerror=y>\n</div>")]"#);
    check("<!-- note -->\n\ntext", r#"[Text("<!-- note -->\n"), Paragraph([Text("text")])]"#);
    check("&lt;b&gt; &amp;", r#"[Paragraph([Text("<b> &")])]"#);
}

#[test]
fn links_to_other_sites_are_text_with_their_address() {
    let offline =
        |address: &str| format!(r#"[Paragraph([OfflineLink {{ address: {address:?}, content: [Text("x")] }}])]"#);
    check("[x](https://example.com)", &offline("https://example.com"));
    check("[x](HTTP://example.com)", &offline("HTTP://example.com"));
    check("[x](//example.com/a)", &offline("//example.com/a"));
    check("[x](javascript:alert(1))", &offline("javascript:alert(1)"));
    check("[x](mailto:a@example.com)", &offline("mailto:a@example.com"));
    check("[x](data:text/html,hi)", &offline("data:text/html,hi"));
    check(
        "<https://example.com>",
        r#"[Paragraph([OfflineLink { address: "https://example.com", content: [Text("https://example.com")] }])]"#,
    );
    check("[x](#steps)", r##"[Paragraph([Link { address: "#steps", content: [Text("x")] }])]"##);
    check("[*x*](#a)", r##"[Paragraph([Link { address: "#a", content: [Emphasis([Text("x")])] }])]"##);
}

#[test]
fn only_embedded_images_load() {
    check(
        "![a cat](data:image/png;base64,AAAA)",
        r#"[Paragraph([Image { address: "data:image/png;base64,AAAA", description: "a cat" }])]"#,
    );
    check("![a cat](https://example.com/cat.png)", r#"[Paragraph([ImageDescription([Text("a cat")])])]"#);
    check("![a cat](cat.png)", r#"[Paragraph([ImageDescription([Text("a cat")])])]"#);
    check("![a cat](data:text/html,<b>)", r#"[Paragraph([ImageDescription([Text("a cat")])])]"#);
    check("![a cat](javascript:x)", r#"[Paragraph([ImageDescription([Text("a cat")])])]"#);
}

#[test]
fn the_title_heading_is_left_to_the_page() {
    let text = |markdown: &str| on_the_page(&document::lesson_text(markdown, "你好"));
    assert_eq!(text("# 你好\n\n第一段"), r#"[Paragraph([Text("第一段")])]"#);
    assert_eq!(text("\n#  你好 \nx"), r#"[Paragraph([Text("x")])]"#);
    assert_eq!(
        text("# 别的\n\nx"),
        r#"[Heading { level: 1, content: [Text("别的")] }, Paragraph([Text("x")])]"#,
        "a first heading that is not the title stays"
    );
    assert_eq!(
        text("x\n\n# 你好"),
        r#"[Paragraph([Text("x")]), Heading { level: 1, content: [Text("你好")] }]"#,
        "only a first heading is the title's"
    );
}

#[test]
fn blocks() {
    check("# a\n### b", r#"[Heading { level: 1, content: [Text("a")] }, Heading { level: 3, content: [Text("b")] }]"#);
    check("one\ntwo  \nthree", r#"[Paragraph([Text("one two"), LineBreak, Text("three")])]"#);
    check("> quoted", r#"[BlockQuote([Paragraph([Text("quoted")])])]"#);
    check("a\n\n---\n", r#"[Paragraph([Text("a")]), Rule]"#);
    check("- a\n- b", r#"[BulletList([Item([Text("a")]), Item([Text("b")])])]"#);
    check("3. a\n4. b", r#"[OrderedList { start: 3, items: [Item([Text("a")]), Item([Text("b")])] }]"#);
    check("- a\n\n  b", r#"[BulletList([Item([Paragraph([Text("a")]), Paragraph([Text("b")])])])]"#);
    check(
        "| a | b |\n|---|---|\n| 1 | `2` |",
        r#"[Table([TableHead([TableCell([Text("a")]), TableCell([Text("b")])]), TableRow([TableCell([Text("1")]), TableCell([Code("2")])])])]"#,
    );
}

#[test]
fn rhai_examples_can_be_tried_and_other_code_cannot() {
    check("```rhai\nprint(\"<hi>\");\n```", r#"[CodeBlock { code: "print(\"<hi>\");\n", example: true }]"#);
    check("```rhai title\nx\n```", r#"[CodeBlock { code: "x\n", example: true }]"#);
    check("```text\nx\n```", r#"[CodeBlock { code: "x\n", example: false }]"#);
    check("```\nx\n```", r#"[CodeBlock { code: "x\n", example: false }]"#);
    check("    indented", r#"[CodeBlock { code: "indented", example: false }]"#);
}

#[test]
fn inline_content() {
    check(
        "*a* **b** ~~c~~ `<d>`",
        r#"[Paragraph([Emphasis([Text("a")]), Text(" "), Strong([Text("b")]), Text(" "), Strikethrough([Text("c")]), Text(" "), Code("<d>")])]"#,
    );
    check("\"quotes\" \\ and \u{7}", r#"[Paragraph([Text("\"quotes\" \\ and \u{7}")])]"#);
}

#[test]
fn the_compact_forms_markers_never_come_from_a_lesson() {
    check("a\u{2}p\u{3}b\u{1f}c", "[Paragraph([Text(\"a\u{fffd}p\u{fffd}b\u{fffd}c\")])]");
    check("[x\u{3}y\u{1f}](#a)", "[Paragraph([Link { address: \"#a\", content: [Text(\"x\u{fffd}y\u{fffd}\")] }])]");
    check("`\u{3}`", "[Paragraph([Code(\"\u{fffd}\")])]");
}

#[test]
fn the_page_reads_any_text_without_failing() {
    let markdown =
        "# a\n\n1. *b* [c](#d)\n2. ![e](data:image/png;base64,AA)\n\n| f |\n|---|\n| `g` |\n\n```rhai\nh\n```\n";
    let encoded = document::encode(&document::convert(markdown));
    let whole = format!("{:?}", decode(&encoded));
    // Cut anywhere, it reads without failing; cut before its last ends, it reads as less.
    let content_end = encoded.trim_end_matches('\u{3}').len();
    for end in (0..content_end).filter(|&end| encoded.is_char_boundary(end)) {
        assert_ne!(format!("{:?}", decode(&encoded[..end])), whole, "cut at {end}");
    }
    assert_eq!(format!("{:?}", decode(&encoded[..content_end])), whole, "missing ends close at the end");
    assert_eq!(format!("{:?}", decode("\u{2}Zunknown\u{3}shown")), r#"[Text("shown")]"#);
    assert_eq!(format!("{:?}", decode("\u{2}")), "[]");
    assert_eq!(format!("{:?}", decode("\u{3}\u{3}x")), "[]");
}
