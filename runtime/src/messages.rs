//! Diagnostics as sentences, in Chinese (the default) and English, and the words of every crate
//! ([`Catalog`], [`Language`]).
//!
//! The texts live in `runtime/locales/<language>/diagnostics.ftl` (Project Fluent), one message per
//! [`Code`] with an optional `.hint` and a `.suggestion` used when a "did you mean" name is known.
//! They are compiled into the binary, so the CLI and the app show the same words offline.
//!
//! Limits are stored in diagnostics as plain numbers and written in words here
//! ([`quantity`]): "1000 万步", not "10000000". A diagnostic whose argument `cause` names an
//! attribute of its message (`no-sleep`) gets that attribute as its hint instead of `.hint`.

use serde::{Deserialize, Serialize};

use crate::{Code, Diagnostic};
use quantity::{quantity, Unit};

mod catalog;
mod quantity;

pub use catalog::{Catalog, Language, Sources};

fn sources(language: Language) -> &'static str {
    match language {
        Language::ZhCn => include_str!("../locales/zh-CN/diagnostics.ftl"),
        Language::En => include_str!("../locales/en/diagnostics.ftl"),
    }
}

thread_local! {
    static WORDS: Catalog = const { Catalog::new(sources) };
}

/// A diagnostic put into words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// What went wrong.
    pub text: String,
    /// What to try, when there is a useful tip.
    pub hint: Option<String>,
}

/// The message `id` of the translation files in `language`, with `arguments` filled in (for host
/// errors such as [`crate::ai::ModelError`], which are not diagnostics). An unknown id gives itself.
#[cfg_attr(not(feature = "ai"), allow(dead_code))]
pub(crate) fn message_text(language: Language, id: &str, arguments: &[(&str, String)]) -> String {
    WORDS.with(|words| words.format(language, id, arguments)).unwrap_or_else(|| id.to_string())
}

/// The name of a kind of value (`int`, `string`…, as in diagnostics' `expected`/`got`).
pub fn type_name(type_id: &str, language: Language) -> String {
    WORDS.with(|words| words.text(language, &format!("type-{type_id}"))).unwrap_or_else(|| type_id.to_string())
}

/// Puts `diagnostic` into words in `language`.
pub fn describe(diagnostic: &Diagnostic, language: Language) -> Message {
    // `expected` and `got` name kinds of values, except in a wrong argument count, where they
    // are numbers.
    let arguments: Vec<(&str, String)> = diagnostic
        .args
        .iter()
        .map(|(name, value)| {
            let amount = amount_unit(diagnostic, name).zip(value.parse::<u64>().ok());
            let shown = if let Some(((unit, factor), amount)) = amount {
                quantity(amount.saturating_mul(factor), unit, language)
            } else if (name == "expected" || name == "got") && diagnostic.code != Code::WrongArgumentCount {
                value.split(", ").map(|type_id| type_name(type_id, language)).collect::<Vec<_>>().join(", ")
            } else {
                value.clone()
            };
            (name.as_str(), shown)
        })
        .collect();
    let id = diagnostic.code.id();
    WORDS.with(|words| {
        let attribute = |name: &str| words.format(language, &format!("{id}.{name}"), &arguments);
        let hint = match (diagnostic.args.contains_key("suggestion"), diagnostic.args.get("cause")) {
            (true, _) => attribute("suggestion"),
            (false, Some(cause)) => attribute(cause).or_else(|| attribute("hint")),
            (false, None) => attribute("hint"),
        };
        Message { text: words.format(language, id, &arguments).unwrap_or_else(|| id.to_string()), hint }
    })
}

/// What argument `name` of `diagnostic` counts, when it is an amount to write in words, and the
/// factor that turns it into that unit (the memory budget counts units of about 16 bytes).
fn amount_unit(diagnostic: &Diagnostic, name: &str) -> Option<(Unit, u64)> {
    let what = diagnostic.args.get("what").map(String::as_str);
    let unit = match (diagnostic.code, name) {
        (Code::SourceTooLong, "bytes" | "limit") => Unit::Bytes,
        (Code::TooManyOperations, "limit") => Unit::Steps,
        (Code::OutputTooLarge, "limit") if what == Some("events") => Unit::Times,
        (Code::OutputTooLarge, "limit") => Unit::Bytes,
        (Code::ValueTooLarge, "limit") => match what {
            Some("string") => Unit::Bytes,
            Some("data") => return Some((Unit::Bytes, crate::data::BYTES_PER_UNIT)),
            _ => Unit::Items,
        },
        (Code::NoMoreInput, "count") => Unit::Lines,
        (Code::BadDuration, "limit") => Unit::Milliseconds,
        _ => return None,
    };
    Some((unit, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_the_chinese_messages_with_the_same_variables() {
        assert_eq!(WORDS.with(Catalog::problems), Vec::<String>::new());
    }

    #[test]
    fn every_code_has_a_message() {
        for code in Code::ALL {
            assert!(WORDS.with(|words| words.text(Language::ZhCn, code.id())).is_some(), "no message {}", code.id());
        }
    }

    fn check(diagnostic: Diagnostic, language: Language, text: &str, hint: Option<&str>) {
        let message = describe(&diagnostic, language);
        assert_eq!(message.text, text);
        assert_eq!(message.hint.as_deref(), hint);
    }

    #[test]
    fn messages_fill_in_arguments_types_and_suggestions() {
        check(
            Diagnostic::new(Code::UndefinedVariable).with("name", "totl").with("suggestion", "total"),
            Language::ZhCn,
            "我不认识变量 totl。",
            Some("你是不是想写 total？"),
        );
        check(
            Diagnostic::new(Code::TypeMismatch).with("expected", "bool").with("got", "int"),
            Language::En,
            "A true/false value is needed here, but this is a whole number.",
            None,
        );
        check(
            Diagnostic::new(Code::WrongArgumentCount).with("name", "forward").with("expected", "1").with("got", "2"),
            Language::ZhCn,
            "函数 forward 需要 1 个参数，你给了 2 个。",
            None,
        );
        check(
            Diagnostic::new(Code::ValueTooLarge).with("what", "string").with("limit", 1_000_000),
            Language::ZhCn,
            "这个字符串太大了：最多只能有 100 万字节。",
            Some("是不是在循环里一直往里面加东西？"),
        );
    }

    #[test]
    fn a_cause_chooses_its_own_hint_and_an_unknown_one_the_usual_hint() {
        let steps = || Diagnostic::new(Code::TooManyOperations).with("limit", 10_000_000);
        check(
            steps().with("cause", "no-sleep"),
            Language::En,
            "The program took too many steps (more than 10 million steps), so it was stopped.",
            Some("Did you forget sleep? The program keeps lighting LEDs or reading the board, but no time passes at all. Put sleep(100); in the loop so that each picture stays for a moment."),
        );
        check(
            steps().with("cause", "no-such-cause"),
            Language::ZhCn,
            "程序运行了太多步（超过 1000 万步），所以停下来了。",
            Some("是不是有一个停不下来的循环？检查循环的条件会不会变成 false。"),
        );
    }
}
