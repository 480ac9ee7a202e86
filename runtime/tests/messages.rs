//! The messages suite: a student's mistake and exactly what Sprout tells them about it.
//!
//! Each file in `tests/messages/` starts with a header of `// key: value` lines, and the program
//! is the rest of the file (positions count from its first line):
//!
//! - `code:` the diagnostic code the run must fail with;
//! - `position:` `LINE:COLUMN`, or `none`;
//! - `zh-CN:`, `zh-CN hint:`, `en:`, `en hint:` the message and its hint in each language, word
//!   for word (`none` for no hint);
//! - optionally `input:` the input lines, separated by ` | ` (as in `tests/determinism/`), and
//!   `limits:` the run's limits as JSON (the rest stay the defaults).
//!
//! `UPDATE_EXPECTED=1` does not exist here on purpose: these are the words a child reads, and each
//! is written by hand.

use std::collections::BTreeMap;
use std::path::Path;

use sprout_runtime::messages::{describe, Language};
use sprout_runtime::{run, Limits, RunInput};

const STACK_BYTES: usize = 16 * 1024 * 1024;

/// A case file: its header fields and its program.
fn read_case(text: &str) -> (BTreeMap<String, String>, String) {
    let mut header = BTreeMap::new();
    let mut lines = text.lines().peekable();
    while let Some((key, value)) = lines.peek().and_then(|line| line.strip_prefix("// ")?.split_once(": ")) {
        header.insert(key.to_string(), value.to_string());
        lines.next();
    }
    (header, lines.collect::<Vec<_>>().join("\n"))
}

fn run_case(header: &BTreeMap<String, String>, program: String) -> Vec<(String, String)> {
    let mut input = RunInput::default();
    if let Some(lines) = header.get("input") {
        input.lines = lines.split(" | ").map(str::to_string).collect();
    }
    if let Some(limits) = header.get("limits") {
        input.limits = serde_json::from_str::<Limits>(limits).expect("`limits:` is JSON of Limits");
    }
    let result = std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(move || run(&program, &input))
        .unwrap()
        .join()
        .expect("the run panicked");
    let Some(diagnostic) = result.diagnostic() else {
        return vec![("outcome".to_string(), format!("{:?}", result.outcome))];
    };
    let position = diagnostic.position.map_or("none".to_string(), |at| format!("{}:{}", at.line, at.column));
    let mut got = vec![("code".to_string(), diagnostic.code.id().to_string()), ("position".to_string(), position)];
    for language in [Language::ZhCn, Language::En] {
        let message = describe(diagnostic, language);
        got.push((language.tag().to_string(), message.text));
        got.push((format!("{} hint", language.tag()), message.hint.unwrap_or_else(|| "none".to_string())));
    }
    got
}

#[test]
fn mistakes_get_the_expected_code_position_and_words() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/messages");
    let mut paths: Vec<_> = std::fs::read_dir(&folder).unwrap().map(|entry| entry.unwrap().path()).collect();
    paths.sort();
    assert!(paths.len() >= 10, "the messages suite lost its cases");
    let mut failures = Vec::new();
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (header, program) = read_case(&std::fs::read_to_string(path).unwrap());
        for (key, value) in run_case(&header, program) {
            match header.get(&key) {
                Some(expected) if *expected == value => {}
                Some(expected) => failures.push(format!("{name}: {key}\n  expected: {expected}\n  got:      {value}")),
                None => failures.push(format!("{name}: no `// {key}:` line; got\n// {key}: {value}")),
            }
        }
    }
    assert!(failures.is_empty(), "messages failures:\n{}", failures.join("\n"));
}
