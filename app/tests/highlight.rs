//! The editor's highlighting agrees with Rhai's own tokenizer on every lesson's code.
//!
//! The page colours programs with `sprout_app::components::highlight`, which runs Rhai's tokenizer
//! itself but places each token by the bytes it read and sorts it into a few classes, and goes on
//! through template strings on its own. This test holds that to Rhai's token iterator
//! (`Engine::lex`, as the parser reads a program) over every `rhai` block of the lessons
//! (`lessons/content/**/*.md`: examples, starters, solutions) and every student program in
//! `lessons/tests/submissions/`: the tokens Rhai keeps (it drops comments and whitespace) must
//! start at the same line and column and have compatible classes.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use rhai::{Engine, Token};
use sprout_app::components::highlight::{tokenize, TokenClass};

/// A token class both tokenizers can agree on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Keyword,
    Name,
    Number,
    String,
    Char,
    Operator,
    Error,
}

/// A token with its kind, 1-based line and column (`None` where Rhai gives no position) and text.
#[derive(Debug)]
struct Seen {
    kind: Kind,
    position: Option<(usize, usize)>,
    text: String,
}

/// Reserved words Rhai's parser reads as function names.
const CALLABLE_RESERVED: [&str; 9] =
    ["print", "debug", "type_of", "call", "curry", "Fn", "is_def_var", "is_def_fn", "is_shared"];

/// Rhai's tokens for `source`, with the sandbox's settings (`eval` switched off).
fn rhai_tokens(source: &str) -> Vec<Seen> {
    let mut engine = Engine::new_raw();
    engine.disable_symbol("eval");
    let (tokens, control) = engine.lex([&source]);
    // Rhai's parser tells the tokenizer when the `}` of a template string's `${…}` is reached, so
    // that it reads text again; this stands in for the parser by counting braces.
    let mut interpolations: Vec<i64> = Vec::new();
    let mut seen = Vec::new();
    for (token, position) in tokens {
        match &token {
            Token::EOF => break,
            Token::InterpolatedString(_) => interpolations.push(-1),
            Token::LeftBrace | Token::MapStart => {
                if let Some(depth) = interpolations.last_mut() {
                    *depth += 1;
                }
            }
            Token::RightBrace => match interpolations.last_mut() {
                Some(0) => {
                    interpolations.pop();
                    control.borrow_mut().is_within_text = true;
                }
                Some(depth) => *depth -= 1,
                None => {}
            },
            _ => {}
        }
        let kind = match &token {
            Token::IntegerConstant(_) | Token::FloatConstant(_) => Kind::Number,
            Token::StringConstant(_) | Token::InterpolatedString(_) => Kind::String,
            Token::CharConstant(_) => Kind::Char,
            Token::Identifier(_) => Kind::Name,
            Token::Reserved(word) if CALLABLE_RESERVED.contains(&word.as_str()) => Kind::Name,
            Token::Reserved(word) if word.as_str() == "this" => Kind::Keyword,
            Token::Reserved(_) | Token::LexError(_) => Kind::Error,
            Token::Switch | Token::Underscore => Kind::Keyword,
            token if token.is_standard_keyword() => Kind::Keyword,
            _ => Kind::Operator,
        };
        let position = position.line().zip(position.position());
        seen.push(Seen { kind, position, text: format!("{token:?}") });
    }
    seen
}

/// The editor's tokens for `source`, without whitespace and comments.
fn editor_tokens(source: &str) -> Vec<Seen> {
    let tokens = tokenize(source);
    let mut seen = Vec::new();
    let (mut line, mut column, mut offset) = (1, 1, 0);
    for token in tokens {
        for character in source[offset..token.range.start].chars() {
            (line, column) = if character == '\n' { (line + 1, 1) } else { (line, column + 1) };
        }
        offset = token.range.start;
        let kind = match token.class {
            TokenClass::Whitespace | TokenClass::Comment => continue,
            TokenClass::Keyword => Kind::Keyword,
            TokenClass::Identifier | TokenClass::Function => Kind::Name,
            TokenClass::Number => Kind::Number,
            TokenClass::String => Kind::String,
            TokenClass::Char => Kind::Char,
            TokenClass::Operator => Kind::Operator,
            TokenClass::Error => Kind::Error,
        };
        seen.push(Seen { kind, position: Some((line, column)), text: source[token.range].to_string() });
    }
    seen
}

/// Compares both tokenizers on `source`; returns the first disagreement, if any.
fn disagreement(source: &str) -> Option<String> {
    let rhai = rhai_tokens(source);
    let mut editor = editor_tokens(source).into_iter();
    for expected in &rhai {
        let Some(actual) = editor.next() else {
            return Some(format!(
                "Rhai has {} at {:?}, the editor has no more tokens",
                expected.text, expected.position
            ));
        };
        // After an operator, Rhai reads `-5` as one negative literal; the editor colours the
        // minus as an operator and the digits as a number.
        let negative_literal = expected.kind == Kind::Number && actual.text == "-";
        let actual = if negative_literal { editor.next().unwrap_or(actual) } else { actual };
        let same_place = expected.position.is_none() || negative_literal || expected.position == actual.position;
        if expected.kind != actual.kind || !same_place {
            return Some(format!(
                "Rhai has {:?} {} at {:?}, the editor has {:?} `{}` at {:?}",
                expected.kind, expected.text, expected.position, actual.kind, actual.text, actual.position
            ));
        }
    }
    editor.next().map(|extra| {
        format!("the editor has {:?} `{}` at {:?} after Rhai's last token", extra.kind, extra.text, extra.position)
    })
}

/// Every file under `directory` whose name ends with `extension`, sorted (the submissions).
fn files(directory: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![directory.to_path_buf()];
    while let Some(directory) = pending.pop() {
        for entry in fs::read_dir(&directory).unwrap_or_else(|error| panic!("{}: {error}", directory.display())) {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|name| name == extension) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The `rhai` fenced blocks of a lesson, each with the line of the file it starts on.
fn rhai_blocks(markdown: &str) -> Vec<(usize, String)> {
    let mut blocks = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (index, line) in markdown.lines().enumerate() {
        let fence = line.trim_start().strip_prefix("```");
        match (&mut open, fence) {
            (None, Some(info)) if info.split_whitespace().next() == Some("rhai") => {
                open = Some((index + 2, String::new()));
            }
            (Some(_), Some(info)) if info.trim().is_empty() => blocks.extend(open.take()),
            (Some((_, code)), _) => {
                code.push_str(line);
                code.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

#[test]
fn highlighting_agrees_with_rhai_on_every_lesson_program() {
    let repository = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the app is in the repository");
    let name = |path: &Path| path.strip_prefix(repository).unwrap_or(path).display().to_string();
    let mut programs: Vec<(String, String)> = Vec::new();
    let (lessons, problems) = sprout_lessons::files::lesson_paths(&repository.join("lessons/content"));
    assert!(problems.is_empty(), "{problems:?}");
    for lesson in lessons {
        let markdown = fs::read_to_string(&lesson).expect("a readable lesson");
        for (line, code) in rhai_blocks(&markdown) {
            programs.push((format!("{}, the block from line {line}", name(&lesson)), code));
        }
    }
    let lesson_blocks = programs.len();
    for submission in files(&repository.join("lessons/tests/submissions"), "rhai") {
        programs.push((name(&submission), fs::read_to_string(&submission).expect("a readable program")));
    }
    let submissions = programs.len() - lesson_blocks;
    assert!(
        lesson_blocks >= 100 && submissions >= 200,
        "found only {lesson_blocks} lesson blocks, {submissions} submissions"
    );

    let mut report = String::new();
    for (place, code) in &programs {
        if let Some(difference) = disagreement(code) {
            writeln!(report, "{place}: {difference}").expect("writing to a string");
        }
    }
    assert!(report.is_empty(), "the editor's highlighting disagrees with Rhai's tokenizer:\n{report}");
}

#[test]
fn highlighting_agrees_with_rhai_on_tricky_programs() {
    let programs = [
        "let x = -5 + `a ${x} b ${ #{a: `${1}`}.a }` + 'c';",
        "/* a /* nested */ comment */ // line\nx",
        "let s = #\"raw \"quote\"\"#; let t = \"a\"\"b\\n\\x41\\u4e2d\";",
        "let t = \"line\\\n  continued\"; ` `` ${1}`",
        "for i in 0..=10 { if i !in [1, 2] && i != 3 || i ** 2 >= 4 { x.len(); } }",
        "1.5 1. 1e5 1e-5 1_000 0xff 0b1_01 0o17 1.abs() 1..2 0x 1e+",
        "i++ i-- a === b a !== b a -> b a := b (* *) a |> b ~ @ $ ? # x",
        "var this eval print Fn _ __ _1 _a switch x { _ => 1 }",
        "print（\"你好\"）；\u{3000}x = 1; 'ab' '' \"open",
        "x ?? y?.z ?[0] #{} # { a::b a:;b #! !. ... <| <- <<= >>= **=",
    ];
    for program in programs {
        assert_eq!(disagreement(program), None, "{program}");
    }
}

#[test]
fn known_differences_still_differ() {
    // Rhai's positions go wrong in two corners, where the editor's, counted in bytes, do not (see
    // `app/src/components/highlight.rs`). Rhai loses a column at `\${` (an escaped interpolation)
    // in a template string: the tokens after it on that line are one column further left than
    // Rhai says.
    assert!(disagreement("`\\${x}` + 1").is_some());
    // After a string left open at the end of a line, Rhai counts the next line as the same one.
    // Either way the program stops compiling at the open string, which Rhai places right.
    assert!(disagreement("\"open\nx").is_some());
}
