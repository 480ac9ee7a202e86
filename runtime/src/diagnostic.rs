//! Student mistakes as data.
//!
//! A [`Diagnostic`] carries a stable [`Code`], the position in the student's program and named
//! arguments. It never carries prose: the app and the CLI turn it into a sentence in the student's
//! language with [`crate::messages`], so the same diagnostic reads well in Chinese and in English
//! and graders can compare codes instead of text.
//!
//! This module also translates Rhai's own parse and evaluation errors into diagnostics, adding the
//! "did you mean" suggestions a beginner needs.

use std::collections::BTreeMap;

use rhai::{EvalAltResult, LexError, ParseErrorType, Position};
use serde::{Deserialize, Serialize};

use crate::brackets::{self, Closing};
use crate::suggest;

/// A stable identifier for each kind of mistake. The serialized form, its [`Code::id`]
/// (kebab-case), is the message id in the translation files, so renaming a variant is a breaking
/// change. Serde reads and writes the id through [`Code::id`] and [`Code::ALL`] rather than a
/// derive: the derive's match over every name, in both directions, cost the app's first screen
/// about 13 KB of wasm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// The program is longer than the run allows. Args: `bytes`, `limit`.
    SourceTooLong,
    /// A statement is not ended with `;`.
    ExpectedSemicolon,
    /// A block is not closed with `}`.
    ExpectedCloseBrace,
    /// A bracket `(` is not closed with `)`.
    ExpectedCloseParen,
    /// A `[` is not closed with `]`.
    ExpectedCloseBracket,
    /// A `}` with no `{` open to close. Args: `partner` (`paired` or `none`); with `paired`,
    /// `open_line` and `close_line`, the lines of the `{` … `}` pair closed last before it.
    ExtraCloseBrace,
    /// A `)` with no `(` open to close. Args as [`Code::ExtraCloseBrace`].
    ExtraCloseParen,
    /// A `]` with no `[` open to close. Args as [`Code::ExtraCloseBrace`].
    ExtraCloseBracket,
    /// Another token is missing. Args: `token`.
    ExpectedToken,
    /// The program ends in the middle of something.
    UnexpectedEnd,
    /// A string is missing its closing quote.
    UnterminatedString,
    /// A number is written wrongly. Args: `text`.
    BadNumber,
    /// A character that has no meaning in a program. Args: `text`.
    UnknownCharacter,
    /// A symbol was found where it cannot stand. Args: `text`.
    UnexpectedSymbol,
    /// A word the sandbox does not allow (`eval`, `import`, reserved words). Args: `name`.
    NotAllowed,
    /// Expressions or blocks are nested too deeply.
    NestingTooDeep,
    /// A number written in the program is too large. Args: `text`.
    NumberTooLarge,
    /// Two functions with the same name and number of parameters. Args: `name`.
    DuplicateFunction,
    /// A constant is assigned to. Args: `name`.
    AssignToConstant,
    /// Something that cannot be assigned to stands left of `=`.
    InvalidAssignment,
    /// A variable is used before it was made with `let`. Args: `name`, optional `suggestion`.
    UndefinedVariable,
    /// Any other syntax error. Args: `detail` (Rhai's English text).
    SyntaxError,
    /// A function that does not exist. Args: `name`, optional `suggestion`.
    UnknownFunction,
    /// A function called with the wrong number of arguments. Args: `name`, `expected`, `got`.
    WrongArgumentCount,
    /// A function called with arguments of the wrong kind. Args: `name`, `got`.
    WrongArgumentType,
    /// A value of the wrong kind where another was needed. Args: `expected`, `got`.
    TypeMismatch,
    /// Division or remainder by zero.
    DivisionByZero,
    /// A whole number became too large. Args: `detail`.
    NumberOverflow,
    /// An index outside an array or string. Args: `index`, `length`, `last` (the last valid index).
    IndexOutOfRange,
    /// A string, array or map grew beyond the limit. Args: `what` (`string`, `array`, `map`).
    ValueTooLarge,
    /// The program used its whole operation budget. Args: `limit`; `cause` = `no-sleep` when it was
    /// driving the maker board with no virtual time passing (a maker loop without `sleep`).
    TooManyOperations,
    /// Functions called each other too deeply. Args: `limit`.
    RecursionTooDeep,
    /// The program printed or drew more than the run allows. Args: `what` (`bytes` of console
    /// output or trace `events`), `limit`; `cause` as for [`Code::TooManyOperations`].
    OutputTooLarge,
    /// The host stopped the run: the Stop button, or the CLI's real-time safety net for programs
    /// whose cost operations do not show (copying huge nested values again and again).
    Interrupted,
    /// `input()` was called after the last input line. Args: `count`.
    NoMoreInput,
    /// A value cannot be indexed with `[]`. Args: `got`.
    NotIndexable,
    /// `for` over something that is not a list or range. Args: `got`.
    NotIterable,
    /// A value is changed while it is being used, e.g. a list changed inside its own `map`.
    ValueInUse,
    /// A text cannot be read as a number. Args: `text`.
    NotANumber,
    /// An LED coordinate outside the 5×5 board. Args: `x`, `y`.
    LedOutOfRange,
    /// A brightness outside 0–9. Args: `value`.
    BadBrightness,
    /// A colour name or code that is not known. Args: `color`.
    UnknownColor,
    /// A button other than A or B. Args: `button`.
    UnknownButton,
    /// `random_int(low, high)` with `low > high`. Args: `low`, `high`.
    EmptyRange,
    /// A list that must not be empty is empty. Args: `name`.
    EmptyList,
    /// Two lists that must be equally long are not. Args: `name`, `first`, `second`.
    LengthMismatch,
    /// A negative or too long duration. Args: `name`, `value`, `limit` (the longest, in ms).
    BadDuration,
    /// A value outside what a function accepts. Args: `name`, `value`.
    BadValue,
    /// The program used `throw`. Args: `value`.
    Thrown,
    /// A value written in a lesson file is not a constant Rhai value. Args: `detail`.
    NotAValue,
    /// A function returned something that is not plain data (a function, a range, a value nested
    /// too deeply). Args: `detail`.
    NotPlainData,
    /// Something went wrong inside the sandbox itself (a bug in Sprout). Args: `detail`.
    InternalError,
    /// A matrix whose rows are not equally long. Args: `name`, `row` (its index), `length`,
    /// `expected` (the first row's length).
    AiRaggedMatrix,
    /// `matmul(A, B)` where A's rows are not as long as B is tall. Args: `name`, `columns`, `rows`.
    AiMatrixMismatch,
    /// An input of the wrong shape for a model or classifier. Args: `name`, `expected`, `given`
    /// (shapes written as `[28, 28]`).
    AiWrongShape,
    /// A map that is not a dataset (no `labels`, or no `features`/`texts`). Args: `name`.
    AiNotADataset,
    /// `dataset(name)` with a name that is not embedded. Args: `name`, `known`.
    AiUnknownDataset,
    /// A label that is not a class of the dataset. Args: `name`, `label`, `classes`.
    AiBadLabel,
    /// `model(name)` with a name that is not embedded. Args: `name`, `known`.
    AiUnknownModel,
    /// `embed` on a model without an embedding output. Args: `name` (the model's).
    AiNoEmbedding,
    /// A pixel outside 0..1 in an image given to a model. Args: `name`, `value`.
    AiBadPixel,
    /// `my_model()` in a run without a classifier from the model lab.
    AiNoLabModel,
    /// Training that would take too long (too many classes, or epochs × data × classes). Args:
    /// `name`, `limit`.
    AiTooMuchWork,
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = String::deserialize(deserializer)?;
        Code::ALL
            .into_iter()
            .find(|code| code.id() == id)
            .ok_or_else(|| serde::de::Error::custom(format_args!("unknown diagnostic code `{id}`")))
    }
}

impl Code {
    /// Every code, for tests that check each one is translated and documented.
    pub const ALL: [Code; 63] = [
        Code::SourceTooLong,
        Code::ExpectedSemicolon,
        Code::ExpectedCloseBrace,
        Code::ExpectedCloseParen,
        Code::ExpectedCloseBracket,
        Code::ExtraCloseBrace,
        Code::ExtraCloseParen,
        Code::ExtraCloseBracket,
        Code::ExpectedToken,
        Code::UnexpectedEnd,
        Code::UnterminatedString,
        Code::BadNumber,
        Code::UnknownCharacter,
        Code::UnexpectedSymbol,
        Code::NotAllowed,
        Code::NestingTooDeep,
        Code::NumberTooLarge,
        Code::DuplicateFunction,
        Code::AssignToConstant,
        Code::InvalidAssignment,
        Code::UndefinedVariable,
        Code::SyntaxError,
        Code::UnknownFunction,
        Code::WrongArgumentCount,
        Code::WrongArgumentType,
        Code::TypeMismatch,
        Code::DivisionByZero,
        Code::NumberOverflow,
        Code::IndexOutOfRange,
        Code::ValueTooLarge,
        Code::TooManyOperations,
        Code::RecursionTooDeep,
        Code::OutputTooLarge,
        Code::Interrupted,
        Code::NoMoreInput,
        Code::NotIndexable,
        Code::NotIterable,
        Code::ValueInUse,
        Code::NotANumber,
        Code::LedOutOfRange,
        Code::BadBrightness,
        Code::UnknownColor,
        Code::UnknownButton,
        Code::EmptyRange,
        Code::EmptyList,
        Code::LengthMismatch,
        Code::BadDuration,
        Code::BadValue,
        Code::Thrown,
        Code::NotAValue,
        Code::NotPlainData,
        Code::InternalError,
        Code::AiRaggedMatrix,
        Code::AiMatrixMismatch,
        Code::AiWrongShape,
        Code::AiNotADataset,
        Code::AiUnknownDataset,
        Code::AiBadLabel,
        Code::AiUnknownModel,
        Code::AiNoEmbedding,
        Code::AiBadPixel,
        Code::AiNoLabModel,
        Code::AiTooMuchWork,
    ];

    /// The kebab-case id, as used in JSON and in the translation files.
    pub fn id(self) -> &'static str {
        match self {
            Code::SourceTooLong => "source-too-long",
            Code::ExpectedSemicolon => "expected-semicolon",
            Code::ExpectedCloseBrace => "expected-close-brace",
            Code::ExpectedCloseParen => "expected-close-paren",
            Code::ExpectedCloseBracket => "expected-close-bracket",
            Code::ExtraCloseBrace => "extra-close-brace",
            Code::ExtraCloseParen => "extra-close-paren",
            Code::ExtraCloseBracket => "extra-close-bracket",
            Code::ExpectedToken => "expected-token",
            Code::UnexpectedEnd => "unexpected-end",
            Code::UnterminatedString => "unterminated-string",
            Code::BadNumber => "bad-number",
            Code::UnknownCharacter => "unknown-character",
            Code::UnexpectedSymbol => "unexpected-symbol",
            Code::NotAllowed => "not-allowed",
            Code::NestingTooDeep => "nesting-too-deep",
            Code::NumberTooLarge => "number-too-large",
            Code::DuplicateFunction => "duplicate-function",
            Code::AssignToConstant => "assign-to-constant",
            Code::InvalidAssignment => "invalid-assignment",
            Code::UndefinedVariable => "undefined-variable",
            Code::SyntaxError => "syntax-error",
            Code::UnknownFunction => "unknown-function",
            Code::WrongArgumentCount => "wrong-argument-count",
            Code::WrongArgumentType => "wrong-argument-type",
            Code::TypeMismatch => "type-mismatch",
            Code::DivisionByZero => "division-by-zero",
            Code::NumberOverflow => "number-overflow",
            Code::IndexOutOfRange => "index-out-of-range",
            Code::ValueTooLarge => "value-too-large",
            Code::TooManyOperations => "too-many-operations",
            Code::RecursionTooDeep => "recursion-too-deep",
            Code::OutputTooLarge => "output-too-large",
            Code::Interrupted => "interrupted",
            Code::NoMoreInput => "no-more-input",
            Code::NotIndexable => "not-indexable",
            Code::NotIterable => "not-iterable",
            Code::ValueInUse => "value-in-use",
            Code::NotANumber => "not-a-number",
            Code::LedOutOfRange => "led-out-of-range",
            Code::BadBrightness => "bad-brightness",
            Code::UnknownColor => "unknown-color",
            Code::UnknownButton => "unknown-button",
            Code::EmptyRange => "empty-range",
            Code::EmptyList => "empty-list",
            Code::LengthMismatch => "length-mismatch",
            Code::BadDuration => "bad-duration",
            Code::BadValue => "bad-value",
            Code::Thrown => "thrown",
            Code::NotAValue => "not-a-value",
            Code::NotPlainData => "not-plain-data",
            Code::InternalError => "internal-error",
            Code::AiRaggedMatrix => "ai-ragged-matrix",
            Code::AiMatrixMismatch => "ai-matrix-mismatch",
            Code::AiWrongShape => "ai-wrong-shape",
            Code::AiNotADataset => "ai-not-a-dataset",
            Code::AiUnknownDataset => "ai-unknown-dataset",
            Code::AiBadLabel => "ai-bad-label",
            Code::AiUnknownModel => "ai-unknown-model",
            Code::AiNoEmbedding => "ai-no-embedding",
            Code::AiBadPixel => "ai-bad-pixel",
            Code::AiNoLabModel => "ai-no-lab-model",
            Code::AiTooMuchWork => "ai-too-much-work",
        }
    }

    /// Whether the mistake is found before the program starts (a compile error).
    pub fn is_compile_error(self) -> bool {
        let first_runtime_code = Code::ALL.iter().position(|code| *code == Code::UnknownFunction);
        Code::ALL.iter().position(|code| *code == self) < first_runtime_code
    }
}

/// A place in the student's program: 1-based line and column (columns count characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourcePosition {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// A mistake in the student's program, as data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// What kind of mistake.
    pub code: Code,
    /// Where it is, when known.
    pub position: Option<SourcePosition>,
    /// Named values the message mentions (a variable's name, a limit, a suggestion).
    pub args: BTreeMap<String, String>,
}

impl Diagnostic {
    /// A diagnostic with no position and no arguments yet.
    pub fn new(code: Code) -> Self {
        Diagnostic { code, position: None, args: BTreeMap::new() }
    }

    /// Adds a named argument.
    pub fn with(mut self, name: &str, value: impl ToString) -> Self {
        self.args.insert(name.to_string(), value.to_string());
        self
    }

    /// Sets the position from Rhai's, when Rhai knows it.
    pub fn at(mut self, position: Position) -> Self {
        if let (Some(line), Some(column)) = (position.line(), position.position()) {
            self.position = Some(SourcePosition { line, column });
        }
        self
    }
}

/// What the translation from Rhai's errors needs to know about the program to make suggestions.
pub(crate) struct Context<'a> {
    /// The program, to read around the place of a parse error.
    pub source: &'a str,
    /// Variable names the program declares, for "did you mean" on undefined variables.
    pub variable_names: &'a [String],
    /// Every callable name with its possible argument counts: the student API and the program's
    /// own functions. (Rhai's built-ins are suggested too, but their arities are not tracked.)
    pub functions: &'a BTreeMap<String, Vec<usize>>,
    /// The run's limits, quoted in messages.
    pub limits: &'a crate::Limits,
}

/// Turns a Rhai parse error into a diagnostic.
pub(crate) fn from_parse_error(error: &ParseErrorType, position: Position, context: &Context) -> Diagnostic {
    let diagnostic = rhai_parse_error(error, context).at(position);
    let Some(place) = diagnostic.position else {
        return diagnostic;
    };
    // Rhai stops at the first token it cannot use. When that is a closing bracket with no partner,
    // it says "expected `;`" (for `)` and `]`) or "unexpected `}`" (read as a strange character,
    // which once made Sprout suggest Chinese punctuation for an English brace); when a `;` is
    // missing, it stands at the start of the next statement, often on the next line.
    let closing = matches!(diagnostic.code, Code::ExpectedSemicolon | Code::UnknownCharacter)
        .then(|| brackets::character_at(context.source, place))
        .flatten();
    let reading = brackets::read_until(context.source, place);
    match (closing.and_then(|bracket| reading.closing(bracket).map(|how| (bracket, how))), diagnostic.code) {
        (Some((bracket, Closing::Extra(last_pair))), _) => {
            let code = match bracket {
                '}' => Code::ExtraCloseBrace,
                ')' => Code::ExtraCloseParen,
                _ => Code::ExtraCloseBracket,
            };
            let extra = Diagnostic { position: Some(place), ..Diagnostic::new(code) };
            match last_pair {
                Some((opened, closed)) => {
                    extra.with("partner", "paired").with("open_line", opened.line).with("close_line", closed.line)
                }
                None => extra.with("partner", "none"),
            }
        }
        (_, Code::ExpectedSemicolon) => Diagnostic { position: reading.code_end.or(Some(place)), ..diagnostic },
        _ => diagnostic,
    }
}

fn rhai_parse_error(error: &ParseErrorType, context: &Context) -> Diagnostic {
    match error {
        ParseErrorType::MissingToken(token, _) => match token.as_str() {
            ";" => Diagnostic::new(Code::ExpectedSemicolon),
            "}" => Diagnostic::new(Code::ExpectedCloseBrace),
            ")" => Diagnostic::new(Code::ExpectedCloseParen),
            "]" => Diagnostic::new(Code::ExpectedCloseBracket),
            _ => Diagnostic::new(Code::ExpectedToken).with("token", token),
        },
        ParseErrorType::UnexpectedEOF => Diagnostic::new(Code::UnexpectedEnd),
        ParseErrorType::BadInput(lex_error) => from_lex_error(lex_error),
        ParseErrorType::Reserved(name) => not_allowed(name),
        ParseErrorType::ExprTooDeep => Diagnostic::new(Code::NestingTooDeep),
        ParseErrorType::LiteralTooLarge(text, _) => Diagnostic::new(Code::NumberTooLarge).with("text", text),
        ParseErrorType::FnDuplicatedDefinition(name, _) => Diagnostic::new(Code::DuplicateFunction).with("name", name),
        ParseErrorType::AssignmentToConstant(name) => Diagnostic::new(Code::AssignToConstant).with("name", name),
        ParseErrorType::AssignmentToInvalidLHS(_) => Diagnostic::new(Code::InvalidAssignment),
        ParseErrorType::VariableUndefined(name) => undefined_variable(name, context),
        ParseErrorType::UnknownOperator(text) | ParseErrorType::MissingSymbol(text) => {
            Diagnostic::new(Code::UnexpectedSymbol).with("text", text)
        }
        other => Diagnostic::new(Code::SyntaxError).with("detail", other),
    }
}

fn from_lex_error(error: &LexError) -> Diagnostic {
    match error {
        LexError::UnterminatedString => Diagnostic::new(Code::UnterminatedString),
        LexError::MalformedNumber(text) => Diagnostic::new(Code::BadNumber).with("text", text),
        LexError::UnexpectedInput(text) | LexError::MalformedIdentifier(text) => {
            let shown: String = text.chars().take(8).collect();
            Diagnostic::new(Code::UnknownCharacter).with("text", shown)
        }
        LexError::ImproperSymbol(text, _) => {
            if DISABLED_WORDS.contains(&text.as_str()) {
                not_allowed(text)
            } else {
                Diagnostic::new(Code::UnexpectedSymbol).with("text", text)
            }
        }
        LexError::StringTooLong(limit) => {
            Diagnostic::new(Code::ValueTooLarge).with("what", "string").with("limit", limit)
        }
        other => Diagnostic::new(Code::SyntaxError).with("detail", other),
    }
}

/// Words Rhai reserves that students coming from Python or Scratch reach for, with the Sprout
/// function that does the job.
const RESERVED_WORD_ALTERNATIVES: [(&str, &str); 1] = [("goto", "go_to")];

fn not_allowed(name: &str) -> Diagnostic {
    let diagnostic = Diagnostic::new(Code::NotAllowed).with("name", name);
    match RESERVED_WORD_ALTERNATIVES.iter().find(|(word, _)| *word == name) {
        Some((_, alternative)) => diagnostic.with("suggestion", alternative),
        None => diagnostic,
    }
}

/// Words switched off in the sandbox; using one is `not-allowed`.
pub(crate) const DISABLED_WORDS: [&str; 1] = ["eval"];

fn undefined_variable(name: &str, context: &Context) -> Diagnostic {
    let diagnostic = Diagnostic::new(Code::UndefinedVariable).with("name", name);
    match suggest::closest(name, context.variable_names.iter().map(String::as_str)) {
        Some(suggestion) => diagnostic.with("suggestion", suggestion),
        None => diagnostic,
    }
}

/// The token a host function uses to stop the run for a reason that `try`/`catch` must not hide.
pub(crate) const STOP_TIME_UP: &str = "sprout:time-up";

/// How Rhai's evaluation error ended the run: a diagnostic, or the virtual clock running out.
pub(crate) enum Ending {
    /// The program failed.
    Failed(Diagnostic),
    /// The virtual time limit was reached (a normal end for maker programs that run forever).
    TimeUp,
}

/// Turns an evaluation error into how the run ended.
pub(crate) fn from_eval_error(error: &EvalAltResult, context: &Context) -> Ending {
    // Errors inside the program's own functions are wrapped once per call level; the innermost one
    // is the real mistake and has the position the student needs to see.
    let mut error = error;
    while let EvalAltResult::ErrorInFunctionCall(_, _, inner, _) = error {
        error = inner;
    }
    if let EvalAltResult::ErrorTerminated(token, _) = error {
        if token.clone().into_string().is_ok_and(|token| token == STOP_TIME_UP) {
            return Ending::TimeUp;
        }
    }
    let diagnostic = match error {
        EvalAltResult::ErrorParsing(parse_error, position) => from_parse_error(parse_error, *position, context),
        EvalAltResult::ErrorVariableNotFound(name, _) => undefined_variable(name, context),
        EvalAltResult::ErrorFunctionNotFound(signature, _) => unknown_function(signature, context),
        EvalAltResult::ErrorMismatchDataType(expected, got, _)
        | EvalAltResult::ErrorMismatchOutputType(expected, got, _) => {
            Diagnostic::new(Code::TypeMismatch).with("expected", type_id(expected)).with("got", type_id(got))
        }
        EvalAltResult::ErrorArithmetic(message, _) => {
            if message.contains("by zero") && (message.contains("Division") || message.ends_with("% 0")) {
                Diagnostic::new(Code::DivisionByZero)
            } else {
                Diagnostic::new(Code::NumberOverflow).with("detail", message)
            }
        }
        EvalAltResult::ErrorArrayBounds(length, index, _) | EvalAltResult::ErrorStringBounds(length, index, _) => {
            Diagnostic::new(Code::IndexOutOfRange)
                .with("index", index)
                .with("length", length)
                .with("last", (*length as i64) - 1)
        }
        EvalAltResult::ErrorDataTooLarge(what, _) => {
            let (what, limit) = if what.contains("string") || what.contains("String") {
                ("string", context.limits.max_string_length)
            } else if what.contains("map") || what.contains("Map") {
                ("map", context.limits.max_map_size)
            } else {
                ("array", context.limits.max_array_length)
            };
            Diagnostic::new(Code::ValueTooLarge).with("what", what).with("limit", limit)
        }
        EvalAltResult::ErrorTooManyOperations(_) => {
            Diagnostic::new(Code::TooManyOperations).with("limit", context.limits.max_operations)
        }
        EvalAltResult::ErrorStackOverflow(_) => {
            Diagnostic::new(Code::RecursionTooDeep).with("limit", context.limits.max_call_depth)
        }
        EvalAltResult::ErrorIndexingType(got, _) => Diagnostic::new(Code::NotIndexable).with("got", type_id(got)),
        EvalAltResult::ErrorFor(_) => Diagnostic::new(Code::NotIterable),
        EvalAltResult::ErrorDataRace(_, _) => Diagnostic::new(Code::ValueInUse),
        EvalAltResult::ErrorAssignmentToConstant(name, _)
        | EvalAltResult::ErrorNonPureMethodCallOnConstant(name, _) => {
            Diagnostic::new(Code::AssignToConstant).with("name", name)
        }
        EvalAltResult::ErrorRuntime(value, _) => match value.clone().try_cast::<crate::api::ApiError>() {
            Some(api_error) => api_error.0,
            None => Diagnostic::new(Code::Thrown).with("value", value),
        },
        EvalAltResult::ErrorTerminated(token, _) => match token.clone().try_cast::<crate::api::ApiError>() {
            Some(api_error) => api_error.0,
            None => Diagnostic::new(Code::InternalError).with("detail", token),
        },
        other => Diagnostic::new(Code::InternalError).with("detail", other),
    };
    Ending::Failed(diagnostic.at(error.position()))
}

/// Explains a failed function lookup. Rhai reports `name (type, type)`; when the name exists with
/// another number of arguments the mistake is the count, when it exists with this count it is the
/// kinds of the arguments, otherwise the name itself.
fn unknown_function(signature: &str, context: &Context) -> Diagnostic {
    let (name, argument_types) = split_signature(signature);
    match context.functions.get(name) {
        Some(counts) if !counts.contains(&argument_types.len()) => {
            let expected: Vec<String> = counts.iter().map(usize::to_string).collect();
            Diagnostic::new(Code::WrongArgumentCount)
                .with("name", name)
                .with("expected", expected.join("/"))
                .with("got", argument_types.len())
        }
        Some(_) => {
            let got: Vec<&str> = argument_types.iter().map(|type_name| type_id(type_name)).collect();
            Diagnostic::new(Code::WrongArgumentType).with("name", name).with("got", got.join(", "))
        }
        None => {
            let diagnostic = Diagnostic::new(Code::UnknownFunction).with("name", name);
            let candidates =
                context.functions.keys().map(String::as_str).chain(crate::api::BUILT_IN_NAMES.iter().copied());
            match suggest::closest(name, candidates) {
                Some(suggestion) => diagnostic.with("suggestion", suggestion),
                None => diagnostic,
            }
        }
    }
}

fn split_signature(signature: &str) -> (&str, Vec<&str>) {
    let Some((name, rest)) = signature.split_once(" (") else {
        return (signature.trim(), Vec::new());
    };
    let inside = rest.trim_end_matches(')').trim();
    let types = if inside.is_empty() { Vec::new() } else { inside.split(',').map(str::trim).collect() };
    (name.trim(), types)
}

/// Maps Rhai's and Rust's type names to the stable, translatable ids the messages use.
pub(crate) fn type_id(type_name: &str) -> &'static str {
    let type_name = type_name.trim().trim_start_matches('&').trim_start_matches("mut ").trim();
    match type_name {
        "i64" | "i32" | "int" | "INT" => "int",
        "f64" | "f32" | "float" | "FLOAT" => "float",
        "string" | "ImmutableString" | "&str" | "str" | "String" => "string",
        "char" => "char",
        "bool" => "bool",
        "array" | "Array" => "array",
        "map" | "Map" => "map",
        "Fn" | "FnPtr" => "function",
        "()" | "unit" => "nothing",
        "range" | "Range<i64>" | "RangeInclusive<i64>" => "range",
        _ if type_name.ends_with("::Classifier") || type_name == "classifier" => "classifier",
        _ if type_name.ends_with("::ModelHandle") || type_name == "model" => "model",
        _ if type_name.contains("Range") => "range",
        _ if type_name.contains("Array") || type_name.starts_with("Vec<") => "array",
        _ if type_name.contains("Map") => "map",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_ids_agree_with_serde() {
        for code in Code::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.id()));
            assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), code);
        }
        assert!(serde_json::from_str::<Code>("\"no-such-code\"").is_err());
    }

    #[test]
    fn signatures_split_into_name_and_types() {
        assert_eq!(split_signature("forward (string)"), ("forward", vec!["string"]));
        assert_eq!(split_signature("f ()"), ("f", vec![]));
        assert_eq!(split_signature("plus (i64, f64)"), ("plus", vec!["i64", "f64"]));
    }
}
