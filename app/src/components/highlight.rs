//! Syntax highlighting for the code editor, by Rhai's own tokenizer (`rhai::get_next_token`,
//! which the runtime's `internals` feature exposes): the page carries the engine anyway, so the
//! editor colours exactly the tokens the language reads, with nothing to keep in step.
//!
//! Rhai's tokenizer places its tokens by line and column, and loses count in a few corners (after
//! an escaped `\${` in a template string, after a string left open at the end of a line). The
//! tokenizer reads the program here through `Source`, which knows the byte it has reached, so
//! the tokens cover the source exactly, one after another, whatever it holds. Where Rhai reports
//! an error (an unknown character, a reserved word such as `var`, an unterminated string) the text
//! is marked [`TokenClass::Error`] and tokenizing goes on, so a half-typed program still colours,
//! and a full-width `（` or space (an input method's) shows up red before the program even runs.
//! It never panics.

use std::ops::Range;

use rhai::{get_next_token, MultiInputsStream, Position, Token as RhaiToken, TokenizeState};

/// What a piece of a program is, for colouring.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenClass {
    /// A word of the language: `let`, `if`, `for`, `fn`, `true`, `this`…
    Keyword,
    /// A name: a variable, a parameter, a property.
    Identifier,
    /// A name that is called: followed by `(`, as in `forward(100)` or `a.len()`.
    Function,
    /// A number literal: `42`, `3.14`, `0xff`, `1e6`, `-5`.
    Number,
    /// A string literal (`"…"`, `` `…` ``, `#"…"#`). A template string's `${…}` parts are code.
    String,
    /// A character literal: `'a'`.
    Char,
    /// A line (`// …`) or block (`/* … */`, nested) comment.
    Comment,
    /// An operator or punctuation: `+`, `==`, `..=`, `(`, `{`, `;`…
    Operator,
    /// Spaces, tabs and line breaks.
    Whitespace,
    /// Something Rhai would not accept: an unknown character, a reserved word such as `var`, an
    /// unterminated string, a malformed number.
    Error,
}

/// A piece of a program: its class and where it is, in bytes of the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// What the piece is.
    pub class: TokenClass,
    /// Where it is in the source (never empty).
    pub range: Range<usize>,
}

/// Reserved words that Rhai's parser reads as the names of functions.
const CALLABLE_RESERVED: [&str; 9] =
    ["print", "debug", "type_of", "call", "curry", "Fn", "is_def_var", "is_def_fn", "is_shared"];

/// The program as Rhai's tokenizer reads it: the input stream of the engine's own parser (so the
/// page carries one copy of the tokenizer, not two), given one line per stream so that the byte
/// reached is found by counting what is left of one line.
struct Source<'a> {
    stream: MultiInputsStream<'a>,
    /// Where each line starts.
    line_starts: Vec<usize>,
    length: usize,
}

impl<'a> Source<'a> {
    fn new(text: &'a str) -> Self {
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let line_starts =
            lines.iter().scan(0, |start, line| Some(std::mem::replace(start, *start + line.len()))).collect();
        let streams = lines.iter().map(|line| line.chars().peekable()).collect();
        Source { stream: MultiInputsStream { buf: [None, None], index: 0, streams }, line_starts, length: text.len() }
    }

    /// The byte the tokenizer has reached: what it has read, less the characters it put back.
    fn offset(&self) -> usize {
        let line = self.stream.index;
        let reached = match (self.line_starts.get(line), self.stream.streams.get(line)) {
            (Some(start), Some(rest)) => {
                let line_end = self.line_starts.get(line + 1).copied().unwrap_or(self.length);
                line_end - rest.clone().map(char::len_utf8).sum::<usize>().min(line_end - start)
            }
            _ => self.length,
        };
        let put_back: usize = self.stream.buf.iter().flatten().map(|character| character.len_utf8()).sum();
        reached.saturating_sub(put_back)
    }
}

/// Splits `source` into tokens that cover it exactly, in order.
pub fn tokenize(source: &str) -> Vec<Token> {
    let mut input = Source::new(source);
    let mut state = TokenizeState { include_comments: true, ..TokenizeState::default() };
    // Rhai's own count of lines and columns, which nothing here needs.
    let mut position = Position::new(1, 0);
    let mut tokens = Vec::new();
    // One entry per template-string interpolation (`${ … }`) the tokenizer is inside, innermost
    // last: how many braces are open in it, its own `{` included.
    let mut interpolations: Vec<usize> = Vec::new();
    let mut before = 0;
    while before < source.len() {
        let in_text = state.is_within_text_terminated_by.is_some() || state.comment_level > 0;
        let (token, _) = get_next_token(&mut input.stream, &mut state, &mut position);
        let end = input.offset();
        if end <= before {
            break;
        }
        let read = source.get(before..end).unwrap_or_default();
        // Spaces Rhai skipped before the token, but not those a string or comment goes on with.
        let start =
            if in_text { before } else { end - read.trim_start_matches(|c: char| c.is_ascii_whitespace()).len() };
        push(&mut tokens, TokenClass::Whitespace, before..start);
        match token {
            RhaiToken::InterpolatedString(_) => interpolations.push(0),
            RhaiToken::LeftBrace | RhaiToken::MapStart => {
                if let Some(depth) = interpolations.last_mut() {
                    *depth += 1;
                }
            }
            // The `}` that closes an interpolation: the template's text goes on after it, which
            // Rhai's parser would tell its tokenizer.
            RhaiToken::RightBrace => match interpolations.last_mut() {
                Some(1) => {
                    interpolations.pop();
                    state.is_within_text_terminated_by = Some("`".into());
                }
                Some(depth) => *depth -= 1,
                None => {}
            },
            _ => {}
        }
        // A template string still open at the end of the program (Rhai's token iterator, which
        // this stands in for, reports it so).
        let class = match token {
            RhaiToken::StringConstant(_) if state.is_within_text_terminated_by.take().is_some() => TokenClass::Error,
            token => class(&token),
        };
        // A line comment or an unterminated string ends at its line break, which Rhai reads with it.
        let kept = if matches!(class, TokenClass::Comment | TokenClass::Error) {
            start + source.get(start..end).unwrap_or_default().trim_end_matches(|c: char| c.is_ascii_whitespace()).len()
        } else {
            end
        };
        push(&mut tokens, class, start..kept);
        push(&mut tokens, TokenClass::Whitespace, kept..end);
        before = end;
    }
    // Whatever Rhai stopped before: the rest of a block comment left open, or an error.
    let rest = if state.comment_level > 0 { TokenClass::Comment } else { TokenClass::Error };
    push(&mut tokens, rest, before..source.len());
    mark_calls(&mut tokens, source);
    tokens
}

fn push(tokens: &mut Vec<Token>, class: TokenClass, range: Range<usize>) {
    if range.start < range.end {
        tokens.push(Token { class, range });
    }
}

/// The class of one of Rhai's tokens.
fn class(token: &RhaiToken) -> TokenClass {
    match token {
        RhaiToken::IntegerConstant(_) | RhaiToken::FloatConstant(_) => TokenClass::Number,
        RhaiToken::StringConstant(_) | RhaiToken::InterpolatedString(_) => TokenClass::String,
        RhaiToken::CharConstant(_) => TokenClass::Char,
        RhaiToken::Comment(_) => TokenClass::Comment,
        RhaiToken::Identifier(_) => TokenClass::Identifier,
        RhaiToken::Reserved(word) if CALLABLE_RESERVED.contains(&word.as_str()) => TokenClass::Identifier,
        RhaiToken::Reserved(word) if word.as_str() == "this" => TokenClass::Keyword,
        RhaiToken::Reserved(_) | RhaiToken::LexError(_) => TokenClass::Error,
        RhaiToken::Switch | RhaiToken::Underscore => TokenClass::Keyword,
        token if token.is_standard_keyword() => TokenClass::Keyword,
        _ => TokenClass::Operator,
    }
}

/// Marks names followed by `(` (spaces and comments between are allowed) as functions.
fn mark_calls(tokens: &mut [Token], source: &str) {
    let mut next_is_call = false;
    for token in tokens.iter_mut().rev() {
        match token.class {
            TokenClass::Whitespace | TokenClass::Comment => continue,
            TokenClass::Identifier if next_is_call => token.class = TokenClass::Function,
            _ => {}
        }
        next_is_call = token.class == TokenClass::Operator && source[token.range.clone()].starts_with('(');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokenizes `source` and checks the classes and texts of its tokens, whitespace left out.
    fn check(source: &str, expected: &[(TokenClass, &str)]) {
        let tokens = tokenize(source);
        let actual: Vec<(TokenClass, &str)> = tokens
            .iter()
            .filter(|token| token.class != TokenClass::Whitespace)
            .map(|token| (token.class, &source[token.range.clone()]))
            .collect();
        assert_eq!(actual, expected, "tokens of {source:?}");
        assert_covers(source, &tokens);
    }

    /// Checks that the tokens are non-empty and cover `source` exactly, in order.
    fn assert_covers(source: &str, tokens: &[Token]) {
        let mut end = 0;
        for token in tokens {
            assert_eq!(token.range.start, end, "tokens of {source:?} leave a gap or overlap");
            assert!(token.range.end > token.range.start, "empty token in {source:?}");
            assert!(source.is_char_boundary(token.range.end), "token ends inside a character in {source:?}");
            end = token.range.end;
        }
        assert_eq!(end, source.len(), "tokens of {source:?} stop early");
    }

    use TokenClass::*;

    #[test]
    fn words() {
        check(
            "let 总分 = 0;",
            &[(Keyword, "let"), (Identifier, "总分"), (Operator, "="), (Number, "0"), (Operator, ";")],
        );
        check("forward (100)", &[(Function, "forward"), (Operator, "("), (Number, "100"), (Operator, ")")]);
        check("a.len()", &[(Identifier, "a"), (Operator, "."), (Function, "len"), (Operator, "()")]);
        check("print(x)", &[(Function, "print"), (Operator, "("), (Identifier, "x"), (Operator, ")")]);
        check(
            "fn this_one() { this }",
            &[
                (Keyword, "fn"),
                (Function, "this_one"),
                (Operator, "()"),
                (Operator, "{"),
                (Keyword, "this"),
                (Operator, "}"),
            ],
        );
        check("var x; eval", &[(Error, "var"), (Identifier, "x"), (Operator, ";"), (Error, "eval")]);
        check(
            "_ _a __ _1 a·b",
            &[(Keyword, "_"), (Identifier, "_a"), (Error, "__"), (Error, "_1"), (Identifier, "a·b")],
        );
    }

    #[test]
    fn numbers() {
        check(
            "1_000 3.14 1. 2e5 2e-5 0xff 0b101 0o17",
            &[
                (Number, "1_000"),
                (Number, "3.14"),
                (Number, "1."),
                (Number, "2e5"),
                (Number, "2e-5"),
                (Number, "0xff"),
                (Number, "0b101"),
                (Number, "0o17"),
            ],
        );
        check("1..5", &[(Number, "1"), (Operator, ".."), (Number, "5")]);
        check("1.abs()", &[(Number, "1"), (Operator, "."), (Function, "abs"), (Operator, "()")]);
        check("-5 x-5", &[(Number, "-5"), (Identifier, "x"), (Operator, "-"), (Number, "5")]);
        check("0x 1e+ 0b2", &[(Error, "0x"), (Error, "1e+"), (Error, "0b"), (Number, "2")]);
    }

    #[test]
    fn strings_and_characters() {
        check(r#""a\"b\n\x41\u4e2d""#, &[(String, r#""a\"b\n\x41\u4e2d""#)]);
        check(r#""say ""hi""""#, &[(String, r#""say ""hi""""#)]);
        check("\"line\\\n next\"", &[(String, "\"line\\\n next\"")]);
        check("\"open\nx", &[(Error, "\"open"), (Identifier, "x")]);
        check(
            r#""bad\q" 'a' '\n' 'ab' ''"#,
            // After a bad escape Rhai starts again at the closing quote, which opens a string of its own.
            &[
                (Error, r#""bad\q"#),
                (String, "\""),
                (Char, "'a'"),
                (Char, r"'\n'"),
                (Error, "'ab'"),
                (Error, "'"),
                (Error, "'"),
            ],
        );
        check(
            r###"#"raw "quoted""# ##"a"#b"##"###,
            &[(String, r###"#"raw "quoted""#"###), (String, r###"##"a"#b"##"###)],
        );
        check("##x", &[(Error, "##x")]);
    }

    #[test]
    fn template_strings() {
        check(
            "`a ${x + 1} b`",
            &[
                (String, "`a $"),
                (Operator, "{"),
                (Identifier, "x"),
                (Operator, "+"),
                (Number, "1"),
                (Operator, "}"),
                (String, " b`"),
            ],
        );
        check(
            "`${#{a: 1}.a}`",
            &[
                (String, "`$"),
                (Operator, "{"),
                (Operator, "#{"),
                (Identifier, "a"),
                (Operator, ":"),
                (Number, "1"),
                (Operator, "}"),
                (Operator, "."),
                (Identifier, "a"),
                (Operator, "}"),
                (String, "`"),
            ],
        );
        check(
            "`${ `in ${x}` }`",
            &[
                (String, "`$"),
                (Operator, "{"),
                (String, "`in $"),
                (Operator, "{"),
                (Identifier, "x"),
                (Operator, "}"),
                (String, "`"),
                (Operator, "}"),
                (String, "`"),
            ],
        );
        check(r"`\${x}`` `", &[(String, r"`\${x}`` `")]);
        check("`open\n", &[(Error, "`open")]);
    }

    #[test]
    fn comments() {
        check("// 注释\nx", &[(Comment, "// 注释"), (Identifier, "x")]);
        check("/* a /* b */ c */ x", &[(Comment, "/* a /* b */ c */"), (Identifier, "x")]);
        check("/* open", &[(Comment, "/* open")]);
    }

    #[test]
    fn operators() {
        check(
            "+= ** **= ..= != !in !inx == => <<= >>",
            &[
                (Operator, "+="),
                (Operator, "**"),
                (Operator, "**="),
                (Operator, "..="),
                (Operator, "!="),
                (Operator, "!in"),
                (Operator, "!"),
                (Identifier, "inx"),
                (Operator, "=="),
                (Operator, "=>"),
                (Operator, "<<="),
                (Operator, ">>"),
            ],
        );
        check(
            "i++ === -> :: ~",
            &[
                (Identifier, "i"),
                (Error, "++"),
                (Error, "==="),
                (Error, "->"),
                (Operator, ":"),
                (Operator, ":"),
                (Error, "~"),
            ],
        );
        check(
            "print（1）；\u{3000}",
            &[(Identifier, "print"), (Error, "（"), (Number, "1"), (Error, "）"), (Error, "；"), (Error, "\u{3000}")],
        );
        check("#{} # {", &[(Operator, "#{"), (Operator, "}"), (Error, "# {")]);
    }

    /// A small deterministic generator, so the test needs no crate and fails the same way twice.
    struct Random(u64);

    impl Random {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    #[test]
    fn never_panics_and_always_covers_the_input() {
        const PIECES: &[&str] = &[
            "\"", "'", "`", "${", "}", "{", "#", "#{", "\\", "/", "*", "/*", "*/", "//", "\n", "\r", " ", "0x", "1",
            "e", ".", "_", "!", "in", "let", "中", "（", "\u{3000}", "\u{301}", "😀", "=", "<", "?", "$", "-", "+",
        ];
        let mut random = Random(0x5eed);
        for _ in 0..20_000 {
            let length = random.next() % 24;
            let source: std::string::String = (0..length)
                .map(|_| match random.next() % 4 {
                    0 => char::from_u32((random.next() % 0x11_0000) as u32).unwrap_or('\u{FFFD}').to_string(),
                    _ => PIECES[(random.next() % PIECES.len() as u64) as usize].to_string(),
                })
                .collect();
            assert_covers(&source, &tokenize(&source));
        }
    }
}
