//! Syntax highlighting for the code editor: a small tokenizer for Rhai, in plain Rust.
//!
//! It was written while the page's wasm could not link the Rhai engine (the page and the script
//! worker were separate modules then; they are one now, issue #4), so this module re-implements
//! as much of Rhai's tokenizer (`rhai::Engine::lex`) as colouring needs: the same tokens,
//! starting at the same places, sorted into a few [`TokenClass`]es.
//! `app/tests/highlight.rs` holds it to that by comparing both tokenizers over every lesson's code.
//!
//! Where Rhai's tokenizer reports an error this one marks the text as [`TokenClass::Error`] and
//! goes on, so a half-typed program still colours, and a full-width `（` or space (an input
//! method's) shows up red before the program even runs. It never panics: the tokens cover the
//! source exactly, one after another.
//!
//! Known differences, all outside what students type: identifiers use Rust's `is_alphabetic` and
//! `is_alphanumeric` instead of Unicode's XID tables, so a few rare characters (superscript
//! digits, some combining marks) differ; after an invalid escape in a string, Rhai starts again at
//! the bad character while this tokenizer keeps the string in one (error) token; integer literals
//! that overflow 64 bits in hex, octal or binary count as numbers here.

use std::ops::Range;

/// What a piece of a program is, for colouring.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenClass {
    /// A word of the language: `let`, `if`, `for`, `fn`, `true`, `this`…
    Keyword,
    /// A name: a variable, a parameter, a property.
    Identifier,
    /// A name that is called: followed by `(`, as in `forward(100)` or `a.len()`.
    Function,
    /// A number literal: `42`, `3.14`, `0xff`, `1e6`.
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

/// Splits `source` into tokens that cover it exactly, in order.
pub fn tokenize(source: &str) -> Vec<Token> {
    let mut lexer = Lexer { source, position: 0, tokens: Vec::new(), interpolations: Vec::new() };
    while lexer.position < source.len() {
        lexer.token();
    }
    mark_calls(&mut lexer.tokens, source);
    lexer.tokens
}

/// Words Rhai's tokenizer turns into keyword tokens. `import`, `export` and `as` are not among
/// them: the sandbox's Rhai is built without modules, which makes them reserved words.
const KEYWORDS: [&str; 22] = [
    "true", "false", "let", "const", "if", "else", "switch", "do", "while", "until", "loop", "for", "in", "continue",
    "break", "return", "throw", "try", "catch", "fn", "private", "_",
];

/// Reserved words that are keywords in all but name: Rhai's parser reads `this` as the object a
/// method is called on.
const KEYWORD_LIKE: [&str; 1] = ["this"];

/// Words Rhai reserves that are not (yet) part of the language; a program using one does not
/// compile.
const RESERVED: [&str; 29] = [
    "as",
    "async",
    "await",
    "case",
    "default",
    "export",
    "go",
    "goto",
    "import",
    "is",
    "match",
    "module",
    "new",
    "nil",
    "null",
    "package",
    "protected",
    "public",
    "shared",
    "spawn",
    "static",
    "super",
    "sync",
    "thread",
    "use",
    "var",
    "void",
    "with",
    "yield",
];

/// Words the sandbox switches off (`runtime/src/diagnostic.rs`, `DISABLED_WORDS`).
const DISABLED: [&str; 1] = ["eval"];

struct Lexer<'a> {
    source: &'a str,
    position: usize,
    tokens: Vec<Token>,
    /// One entry per template-string interpolation (`${ … }`) the lexer is inside, innermost
    /// last: how many braces are open in it.
    interpolations: Vec<usize>,
}

impl Lexer<'_> {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.source[self.position..].chars().nth(ahead)
    }

    fn bump(&mut self) -> Option<char> {
        let next = self.peek(0)?;
        self.position += next.len_utf8();
        Some(next)
    }

    fn eat(&mut self, expected: char) -> bool {
        let matches = self.peek(0) == Some(expected);
        if matches {
            self.bump();
        }
        matches
    }

    /// Consumes `count` more characters and returns `class`, for operators of several characters.
    fn take(&mut self, count: usize, class: TokenClass) -> TokenClass {
        for _ in 0..count {
            self.bump();
        }
        class
    }

    fn push(&mut self, class: TokenClass, start: usize) {
        if self.position > start {
            self.tokens.push(Token { class, range: start..self.position });
        }
    }

    /// Reads one token (two when a `}` ends an interpolation and the template text goes on).
    fn token(&mut self) {
        let start = self.position;
        let Some(first) = self.bump() else { return };
        let next = self.peek(0);
        let class = match first {
            ' ' | '\t' | '\n' | '\r' | '\x0C' => {
                while matches!(self.peek(0), Some(' ' | '\t' | '\n' | '\r' | '\x0C')) {
                    self.bump();
                }
                TokenClass::Whitespace
            }
            '0'..='9' => self.number(first),
            '"' => self.quoted('"', true).0,
            '\'' if next == Some('\'') => TokenClass::Error,
            '\'' => match self.quoted('\'', false) {
                (TokenClass::String, 1) => TokenClass::Char,
                _ => TokenClass::Error,
            },
            '`' => {
                // A line break right after the opening backtick is not part of the text.
                if !self.eat('\n') && self.eat('\r') {
                    self.eat('\n');
                }
                return self.template_text(start);
            }
            '#' => match next {
                Some('"' | '#') => self.raw_string(),
                Some('{') => {
                    self.bump();
                    self.open_brace();
                    TokenClass::Operator
                }
                Some(' ') => {
                    self.bump();
                    self.eat('{');
                    TokenClass::Error
                }
                _ => TokenClass::Error,
            },
            '/' => match next {
                Some('/') => {
                    while !matches!(self.peek(0), None | Some('\n' | '\r')) {
                        self.bump();
                    }
                    TokenClass::Comment
                }
                Some('*') => {
                    self.bump();
                    self.block_comment();
                    TokenClass::Comment
                }
                Some('=') => self.take(1, TokenClass::Operator),
                _ => TokenClass::Operator,
            },
            '{' => {
                self.open_brace();
                TokenClass::Operator
            }
            '}' => {
                if self.close_brace() {
                    self.push(TokenClass::Operator, start);
                    return self.template_text(self.position);
                }
                TokenClass::Operator
            }
            _ if first.is_alphabetic() || first == '_' => self.word(start),
            _ => self.operator(first, next),
        };
        self.push(class, start);
    }

    /// Reads the rest of an operator or punctuation, longest match first, as Rhai does. Rhai
    /// reserves some symbols from other languages (`++`, `->`, `===`…); they are errors.
    fn operator(&mut self, first: char, next: Option<char>) -> TokenClass {
        use TokenClass::{Error, Operator};
        match (first, next) {
            ('(', Some(')')) => self.take(1, Operator),
            ('(', Some('*')) | ('*', Some(')')) => self.take(1, Error),
            ('(' | ')' | '[' | ']' | ';' | ',', _) => Operator,
            ('+' | '-' | '*' | '%' | '^' | '&' | '|' | '<' | '>', Some('=')) => self.take(1, Operator),
            ('+', Some('+')) | ('-', Some('>' | '-')) | ('<', Some('-' | '|')) | ('|', Some('>')) => {
                self.take(1, Error)
            }
            ('*', Some('*')) | ('<', Some('<')) | ('>', Some('>')) => {
                self.bump();
                self.eat('=');
                Operator
            }
            ('|', Some('|')) | ('&', Some('&')) => self.take(1, Operator),
            ('+' | '-' | '*' | '%' | '^' | '&' | '|' | '<' | '>', _) => Operator,
            ('.', Some('.')) => match self.peek(1) {
                Some('.') => self.take(2, Error),
                Some('=') => self.take(2, Operator),
                _ => self.take(1, Operator),
            },
            ('.', _) => Operator,
            ('=', Some('=')) if self.peek(1) == Some('=') => self.take(2, Error),
            ('=', Some('=' | '>')) => self.take(1, Operator),
            ('=', _) => Operator,
            (':', Some('=' | ';')) => self.take(1, Error),
            (':', _) => Operator,
            ('!', Some('i')) if self.peek(1) == Some('n') && !self.peek(2).is_some_and(is_identifier_continue) => {
                self.take(2, Operator)
            }
            ('!', Some('=')) if self.peek(1) == Some('=') => self.take(2, Error),
            ('!', Some('=')) => self.take(1, Operator),
            ('!', Some('.')) => self.take(1, Error),
            ('!', _) => Operator,
            ('?', Some('.' | '?' | '[')) => self.take(1, Operator),
            // `~`, `@`, `$`, a lone `?`, and every character Rhai does not know, such as the
            // full-width punctuation and spaces of Chinese input methods.
            _ => Error,
        }
    }

    fn open_brace(&mut self) {
        if let Some(depth) = self.interpolations.last_mut() {
            *depth += 1;
        }
    }

    /// Counts a `}`; true when it ends the innermost interpolation.
    fn close_brace(&mut self) -> bool {
        match self.interpolations.last_mut() {
            Some(0) => {
                self.interpolations.pop();
                true
            }
            Some(depth) => {
                *depth -= 1;
                false
            }
            None => false,
        }
    }

    /// Reads a template string's text from `start` to its closing backtick or to `${`, where
    /// code starts. Rhai counts the `$` as part of the text and the `{` as a brace.
    fn template_text(&mut self, start: usize) {
        loop {
            match self.bump() {
                None => return self.push(TokenClass::Error, start),
                Some('`') if !self.eat('`') => return self.push(TokenClass::String, start),
                Some('$') if self.peek(0) == Some('{') => {
                    self.push(TokenClass::String, start);
                    let brace = self.position;
                    self.bump();
                    self.interpolations.push(0);
                    return self.push(TokenClass::Operator, brace);
                }
                // `\${` is a literal `${`.
                Some('\\') if self.peek(0) == Some('$') && self.peek(1) == Some('{') => {
                    self.take(2, TokenClass::String);
                }
                Some(_) => {}
            }
        }
    }

    /// Reads the rest of a `"` string (`continuation`: a `\` at the end of a line goes on on the
    /// next) or `'` character literal; returns its class and how many characters it stands for.
    fn quoted(&mut self, quote: char, continuation: bool) -> (TokenClass, usize) {
        let mut characters = 0;
        let mut escaped = false;
        let mut malformed = false;
        loop {
            let Some(next) = self.peek(0) else { return (TokenClass::Error, characters) };
            if next == '\n' && !(escaped && continuation) {
                // Unterminated: the line break is not part of the token.
                return (TokenClass::Error, characters);
            }
            self.bump();
            match next {
                _ if next == quote && !escaped => {
                    // A doubled quote stands for one quote.
                    if !self.eat(quote) {
                        let class = if malformed { TokenClass::Error } else { TokenClass::String };
                        return (class, characters);
                    }
                    characters += 1;
                }
                '\r' if self.peek(0) == Some('\n') => {}
                '\\' if !escaped => escaped = true,
                'x' | 'u' | 'U' if escaped => {
                    let digits = match next {
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    let mut value = 0u32;
                    for _ in 0..digits {
                        match self.peek(0).and_then(|digit| digit.to_digit(16)) {
                            Some(digit) => {
                                self.bump();
                                value = value.saturating_mul(16).saturating_add(digit);
                            }
                            None => malformed = true,
                        }
                    }
                    malformed |= char::from_u32(value).is_none();
                    escaped = false;
                    characters += 1;
                }
                '\n' => escaped = false,
                _ if escaped => {
                    malformed |= !matches!(next, 'n' | 'r' | 't' | '\\') && next != quote;
                    escaped = false;
                    characters += 1;
                }
                _ => characters += 1,
            }
        }
    }

    /// Reads the rest of a raw string, `#"…"#` with as many `#` at the end as at the start.
    fn raw_string(&mut self) -> TokenClass {
        let mut hashes = 1;
        while self.eat('#') {
            hashes += 1;
        }
        if !self.eat('"') {
            self.bump();
            return TokenClass::Error;
        }
        let mut closing: Option<usize> = None;
        loop {
            match (self.bump(), closing) {
                (None, _) => return TokenClass::Error,
                (Some('"'), _) => closing = Some(0),
                (Some('#'), Some(seen)) if seen + 1 == hashes => return TokenClass::String,
                (Some('#'), Some(seen)) => closing = Some(seen + 1),
                (Some(_), _) => closing = None,
            }
        }
    }

    /// Reads the rest of a block comment after its `/*`; block comments nest.
    fn block_comment(&mut self) {
        let mut level = 1;
        while let Some(next) = self.bump() {
            match (next, self.peek(0)) {
                ('/', Some('*')) => {
                    self.bump();
                    level += 1;
                }
                ('*', Some('/')) => {
                    self.bump();
                    level -= 1;
                    if level == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    /// Reads the rest of a number the way Rhai does: `_` separators, one decimal point only if a
    /// digit or something that cannot start a name follows (`1.abs()` is a method call), an
    /// exponent, `0x`/`0o`/`0b` prefixes.
    fn number(&mut self, first: char) -> TokenClass {
        let mut kept = 1;
        let mut digit: fn(char) -> bool = |c| c.is_ascii_digit();
        let (mut radix, mut radix_digits) = (false, 0);
        let (mut has_period, mut has_exponent, mut exponent_digits_missing) = (false, false, false);
        while let Some(next) = self.peek(0) {
            match next {
                '_' => {
                    self.bump();
                }
                _ if digit(next) => {
                    self.bump();
                    kept += 1;
                    radix_digits += 1;
                    exponent_digits_missing = false;
                }
                '.' if !has_period && !radix => match self.peek(1) {
                    Some('0'..='9') => {
                        self.bump();
                        kept += 1;
                        has_period = true;
                    }
                    Some(after) if after != '_' && after != '.' && !after.is_alphabetic() => {
                        self.bump();
                        kept += 1;
                        has_period = true;
                    }
                    _ => break,
                },
                'e' | 'E' if !has_exponent && !radix => match self.peek(1) {
                    Some('0'..='9') => {
                        self.bump();
                        (has_exponent, has_period) = (true, true);
                    }
                    Some('+' | '-') => {
                        self.take(2, TokenClass::Number);
                        (has_exponent, has_period, exponent_digits_missing) = (true, true, true);
                    }
                    _ => break,
                },
                'x' | 'o' | 'b' | 'X' | 'O' | 'B' if first == '0' && kept <= 1 => {
                    self.bump();
                    kept += 1;
                    radix = true;
                    radix_digits = 0;
                    digit = match next {
                        'x' | 'X' => |c| c.is_ascii_hexdigit(),
                        'o' | 'O' => |c| matches!(c, '0'..='7'),
                        _ => |c| matches!(c, '0' | '1'),
                    };
                }
                _ => break,
            }
        }
        if (radix && radix_digits == 0) || exponent_digits_missing {
            TokenClass::Error
        } else {
            TokenClass::Number
        }
    }

    /// Reads the rest of a word and sorts it: keyword, reserved word, or name.
    fn word(&mut self, start: usize) -> TokenClass {
        while self.peek(0).is_some_and(is_identifier_continue) {
            self.bump();
        }
        let word = &self.source[start..self.position];
        if KEYWORDS.contains(&word) || KEYWORD_LIKE.contains(&word) {
            TokenClass::Keyword
        } else if RESERVED.contains(&word) || DISABLED.contains(&word) {
            TokenClass::Error
        } else if word.trim_start_matches('_').starts_with(char::is_alphabetic) {
            TokenClass::Identifier
        } else {
            // `__` or `_1`: Rhai wants a letter after the leading underscores.
            TokenClass::Error
        }
    }
}

fn is_identifier_continue(c: char) -> bool {
    // The middle dot and combining accents continue identifiers in Unicode's tables too.
    c.is_alphanumeric() || c == '_' || c == '\u{B7}' || ('\u{300}'..='\u{36F}').contains(&c)
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
        check("-5", &[(Operator, "-"), (Number, "5")]);
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
            &[(Error, r#""bad\q""#), (Char, "'a'"), (Char, r"'\n'"), (Error, "'ab'"), (Error, "'"), (Error, "'")],
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
        check("`open\n", &[(Error, "`open\n")]);
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
