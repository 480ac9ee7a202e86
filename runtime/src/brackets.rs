//! A small reading of the student's program up to the place Rhai stopped, for the two things
//! Rhai's parse errors do not tell a beginner: whether a closing bracket there is one too many
//! (and which pair closed last), and where the code before that place ends, so that a missing `;`
//! points at the end of the line that lacks it rather than at the start of the next one.
//!
//! It knows just enough of Rhai's lexical rules to skip what is not code: `//` and (nested) `/* */`
//! comments, `"…"` strings and `'…'` characters with their `\` escapes, and `` `…` `` strings,
//! whose `${ … }` parts are code again. Positions are Rhai's: 1-based lines, and 1-based columns
//! counting characters.

use crate::diagnostic::SourcePosition;

/// The kinds of bracket, and the index of each in [`Reading::last_pairs`].
const PAIRS: [(char, char); 3] = [('{', '}'), ('(', ')'), ('[', ']')];

/// A bracket still open at the place the reading stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Open {
    /// `{`, `(` or `[`; `$` for the `${` of a `` `…` `` string.
    bracket: char,
    position: SourcePosition,
}

/// What the program holds before a given place.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Reading {
    /// Brackets opened and not yet closed, innermost last.
    open: Vec<Open>,
    /// For each kind of bracket (in the order of [`PAIRS`]), the pair closed last: where its
    /// opening and its closing bracket are.
    last_pairs: [Option<(SourcePosition, SourcePosition)>; 3],
    /// Just after the last character of code (not a space, not a comment).
    pub code_end: Option<SourcePosition>,
}

/// How a closing bracket relates to the program before it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Closing {
    /// It closes the bracket open last: it is not one too many.
    Matched,
    /// No bracket of its kind is open there: it is one too many. The pair of its kind closed last
    /// before it, when there is one (the opening and the closing bracket's positions).
    Extra(Option<(SourcePosition, SourcePosition)>),
}

impl Reading {
    /// How `bracket` (`}`, `)` or `]`) at the place the reading stopped relates to what came before.
    /// `None` for any other character.
    pub(crate) fn closing(&self, bracket: char) -> Option<Closing> {
        let kind = PAIRS.iter().position(|(_, close)| *close == bracket)?;
        let innermost = self.open.last().map(|open| open.bracket);
        Some(match innermost == Some(PAIRS[kind].0) {
            true => Closing::Matched,
            false => Closing::Extra(self.last_pairs[kind]),
        })
    }
}

/// The character at `position`, when the program has one there.
pub(crate) fn character_at(source: &str, position: SourcePosition) -> Option<char> {
    let line = source.split('\n').nth(position.line.checked_sub(1)?)?;
    line.chars().nth(position.column.checked_sub(1)?)
}

/// Where the reading is: in code, or inside something that is not code.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Code,
    LineComment,
    /// Inside this many nested `/* */`.
    BlockComment(usize),
    /// Inside a string or character closed by this quote (`"` or `'`).
    Quoted(char),
    /// Inside a `` `…` `` string, outside its `${ … }` parts.
    Backtick,
}

/// Reads `source` up to, not including, the character at `stop`.
pub(crate) fn read_until(source: &str, stop: SourcePosition) -> Reading {
    let mut reading = Reading::default();
    let mut mode = Mode::Code;
    let mut characters = source.chars().peekable();
    let mut position = SourcePosition { line: 1, column: 1 };
    // The position after a character: the next column, or the start of the next line.
    let after = |position: SourcePosition| SourcePosition { line: position.line, column: position.column + 1 };
    while let Some(character) = characters.next() {
        if (position.line, position.column) >= (stop.line, stop.column) {
            break;
        }
        let here = position;
        let mut advance = |characters: &mut std::iter::Peekable<std::str::Chars>| {
            characters.next();
            position.column += 1;
        };
        match mode {
            Mode::Code => match character {
                '/' if characters.peek() == Some(&'/') => mode = Mode::LineComment,
                '/' if characters.peek() == Some(&'*') => {
                    advance(&mut characters);
                    mode = Mode::BlockComment(1);
                }
                _ if character.is_whitespace() => {}
                _ => {
                    reading.code_end = Some(after(here));
                    match character {
                        '"' | '\'' => mode = Mode::Quoted(character),
                        '`' => mode = Mode::Backtick,
                        '{' | '(' | '[' => reading.open.push(Open { bracket: character, position: here }),
                        '}' if reading.open.last().is_some_and(|open| open.bracket == '$') => {
                            reading.open.pop();
                            mode = Mode::Backtick;
                        }
                        '}' | ')' | ']' => close(&mut reading, character, here),
                        _ => {}
                    }
                }
            },
            Mode::LineComment => {}
            Mode::BlockComment(depth) => {
                if character == '*' && characters.peek() == Some(&'/') {
                    advance(&mut characters);
                    mode = if depth == 1 { Mode::Code } else { Mode::BlockComment(depth - 1) };
                } else if character == '/' && characters.peek() == Some(&'*') {
                    advance(&mut characters);
                    mode = Mode::BlockComment(depth + 1);
                }
            }
            Mode::Quoted(quote) => {
                if character == '\\' && characters.peek().is_some_and(|next| *next != '\n') {
                    advance(&mut characters);
                } else if character == quote {
                    reading.code_end = Some(after(here));
                    mode = Mode::Code;
                }
            }
            Mode::Backtick => {
                if character == '`' {
                    reading.code_end = Some(after(here));
                    mode = Mode::Code;
                } else if character == '$' && characters.peek() == Some(&'{') {
                    advance(&mut characters);
                    reading.open.push(Open { bracket: '$', position: here });
                    mode = Mode::Code;
                }
            }
        }
        if character == '\n' {
            position = SourcePosition { line: position.line + 1, column: 1 };
            if mode == Mode::LineComment {
                mode = Mode::Code;
            }
        } else {
            position.column += 1;
        }
    }
    reading
}

/// Closes the innermost open bracket of `bracket`'s kind (and any other brackets opened after
/// it, which were left unclosed); a closing bracket with none of its kind open closes nothing.
fn close(reading: &mut Reading, bracket: char, position: SourcePosition) {
    let Some(kind) = PAIRS.iter().position(|(_, close)| *close == bracket) else {
        return;
    };
    // A `${` stops the search: a bracket cannot close across the edge of a string's code part.
    let partner = reading.open.iter().rposition(|open| open.bracket == PAIRS[kind].0 || open.bracket == '$');
    if let Some(index) = partner.filter(|index| reading.open[*index].bracket == PAIRS[kind].0) {
        let opened = reading.open[index].position;
        reading.open.truncate(index);
        reading.last_pairs[kind] = Some((opened, position));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize) -> SourcePosition {
        SourcePosition { line, column }
    }

    /// Reads `source` up to the `@` in it (removed first) and says how the character there closes.
    fn check(marked: &str, expected: Option<Closing>, code_end: Option<SourcePosition>) {
        let before = marked.split('@').next().unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
        let source = marked.replacen('@', "", 1);
        let stop = at(line, column);
        let reading = read_until(&source, stop);
        let bracket = character_at(&source, stop).unwrap_or(' ');
        assert_eq!(reading.closing(bracket), expected, "{marked}");
        assert_eq!(reading.code_end, code_end, "{marked}");
    }

    #[test]
    fn an_extra_closing_bracket_names_the_pair_closed_last() {
        check("let a = 1;\n@}", Some(Closing::Extra(None)), Some(at(1, 11)));
        check("if x {\n  a();\n}\n@}", Some(Closing::Extra(Some((at(1, 6), at(3, 1))))), Some(at(3, 2)));
        check("print(1)@);", Some(Closing::Extra(Some((at(1, 6), at(1, 8))))), Some(at(1, 9)));
        check("if x { f(1)@) }", Some(Closing::Extra(Some((at(1, 9), at(1, 11))))), Some(at(1, 12)));
        check("let a = [1]@];", Some(Closing::Extra(Some((at(1, 9), at(1, 11))))), Some(at(1, 12)));
        check("f(1 + (2 @)", Some(Closing::Matched), Some(at(1, 9)));
    }

    #[test]
    fn brackets_in_strings_characters_and_comments_do_not_count() {
        check("let s = \"{\"; // {\n/* { /* { */ */ let c = '{';\n@}", Some(Closing::Extra(None)), Some(at(2, 29)));
        check("let s = \"\\\"{\";\n@}", Some(Closing::Extra(None)), Some(at(1, 15)));
        check("let s = `${ #{a: 1}.a } {`;\n@}", Some(Closing::Extra(Some((at(1, 14), at(1, 19))))), Some(at(1, 28)));
    }

    #[test]
    fn the_code_ends_before_spaces_and_comments_and_counts_characters() {
        check("let a = 1\n@print(a);", None, Some(at(1, 10)));
        check("let 名字 = \"小明\"   // 名字\n\n@print(名字);", None, Some(at(1, 14)));
        check("@print(1)", None, None);
    }

    #[test]
    fn characters_are_found_by_line_and_column() {
        assert_eq!(character_at("ab\n名字}", at(2, 3)), Some('}'));
        assert_eq!(character_at("ab", at(3, 1)), None);
        assert_eq!(character_at("ab", at(1, 0)), None);
    }
}
