//! Diagnostics as sentences, in Chinese (the default) and English, and the words of every crate
//! ([`Catalog`], [`Language`]).
//!
//! The texts live in `runtime/locales/<language>/diagnostics.ftl` (Project Fluent), one message per
//! [`Code`] with an optional `.hint` and a `.suggestion` used when a "did you mean" name is known.
//! They are compiled into the binary, so the CLI and the app show the same words offline.

use serde::{Deserialize, Serialize};

use crate::{Code, Diagnostic};

mod catalog;

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
            let shown = if (name == "expected" || name == "got") && diagnostic.code != Code::WrongArgumentCount {
                value.split(", ").map(|type_id| type_name(type_id, language)).collect::<Vec<_>>().join(", ")
            } else {
                value.clone()
            };
            (name.as_str(), shown)
        })
        .collect();
    let id = diagnostic.code.id();
    let hint_name = if diagnostic.args.contains_key("suggestion") { "suggestion" } else { "hint" };
    WORDS.with(|words| Message {
        text: words.format(language, id, &arguments).unwrap_or_else(|| id.to_string()),
        hint: words.format(language, &format!("{id}.{hint_name}"), &arguments),
    })
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
            Diagnostic::new(Code::ValueTooLarge).with("what", "string"),
            Language::ZhCn,
            "这个字符串太大了，超过了限制。",
            Some("是不是在循环里一直往里面加东西？"),
        );
    }
}
