//! Diagnostics as sentences, in Chinese (the default) and English.
//!
//! The texts live in `runtime/locales/<language>/diagnostics.ftl` (Project Fluent), one message per
//! [`Code`] with an optional `.hint` and a `.suggestion` used when a "did you mean" name is known.
//! They are compiled into the binary, so the CLI and the app show the same words offline.

use std::borrow::Cow;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use serde::{Deserialize, Serialize};

use crate::{Code, Diagnostic};

/// The languages Sprout speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Language {
    /// Simplified Chinese, the default.
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Language {
    /// Every language, default first.
    pub const ALL: [Language; 2] = [Language::ZhCn, Language::En];

    /// Reads a language tag such as `zh-CN`, `zh` or `en-GB`; unknown tags give `None`.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Language::ZhCn),
            "en" => Some(Language::En),
            _ => None,
        }
    }

    fn source(self) -> &'static str {
        match self {
            Language::ZhCn => include_str!("../locales/zh-CN/diagnostics.ftl"),
            Language::En => include_str!("../locales/en/diagnostics.ftl"),
        }
    }

    /// The language's tag (`zh-CN`, `en`): what `from_tag` reads, HTML's `lang` and the lazy modules'
    /// mount functions take.
    pub fn tag(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::En => "en",
        }
    }
}

/// A diagnostic put into words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// What went wrong.
    pub text: String,
    /// What to try, when there is a useful tip.
    pub hint: Option<String>,
}

fn bundle(language: Language) -> FluentBundle<FluentResource> {
    let tag = language.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new(vec![tag]);
    // Isolation marks around arguments would show up as odd characters in terminals and tests.
    bundle.set_use_isolating(false);
    let resource = match FluentResource::try_new(language.source().to_string()) {
        Ok(resource) => resource,
        // A syntax error in a translation file still yields every message that did parse; the
        // test `every_code_has_a_message_in_every_language` catches the missing ones.
        Err((resource, _)) => resource,
    };
    let _ = bundle.add_resource(resource);
    bundle
}

thread_local! {
    static BUNDLES: [FluentBundle<FluentResource>; 2] = [bundle(Language::ZhCn), bundle(Language::En)];
}

fn with_bundle<T>(language: Language, read: impl FnOnce(&FluentBundle<FluentResource>) -> T) -> T {
    BUNDLES.with(|bundles| read(&bundles[if language == Language::ZhCn { 0 } else { 1 }]))
}

/// The message `id` of the translation files in `language`, with `arguments` filled in (for host
/// errors such as [`crate::ai::ModelError`], which are not diagnostics). An unknown id gives itself.
#[cfg_attr(not(feature = "ai"), allow(dead_code))]
pub(crate) fn message_text(language: Language, id: &str, arguments: &[(&str, String)]) -> String {
    let mut fluent_arguments = FluentArgs::new();
    for (name, value) in arguments {
        fluent_arguments.set(*name, value.clone());
    }
    with_bundle(language, |bundle| match bundle.get_message(id).and_then(|message| message.value()) {
        Some(pattern) => bundle.format_pattern(pattern, Some(&fluent_arguments), &mut Vec::new()).into_owned(),
        None => id.to_string(),
    })
}

/// The name of a kind of value (`int`, `string`…, as in diagnostics' `expected`/`got`).
pub fn type_name(type_id: &str, language: Language) -> String {
    with_bundle(language, |bundle| {
        let Some(pattern) = bundle.get_message(&format!("type-{type_id}")).and_then(|message| message.value()) else {
            return type_id.to_string();
        };
        bundle.format_pattern(pattern, None, &mut Vec::new()).into_owned()
    })
}

/// Puts `diagnostic` into words in `language`.
pub fn describe(diagnostic: &Diagnostic, language: Language) -> Message {
    let mut arguments = FluentArgs::new();
    for (name, value) in &diagnostic.args {
        let shown = if name == "expected" || name == "got" && diagnostic.code != Code::WrongArgumentCount {
            value.split(", ").map(|type_id| type_name(type_id, language)).collect::<Vec<_>>().join(", ")
        } else {
            value.clone()
        };
        arguments.set(name.as_str(), shown);
    }
    if diagnostic.code == Code::WrongArgumentCount {
        if let Some(expected) = diagnostic.args.get("expected") {
            arguments.set("expected", expected.clone());
        }
    }
    with_bundle(language, |bundle| {
        let id = diagnostic.code.id();
        let Some(message) = bundle.get_message(id) else {
            return Message { text: id.to_string(), hint: None };
        };
        let format = |pattern| -> String {
            let text: Cow<str> = bundle.format_pattern(pattern, Some(&arguments), &mut Vec::new());
            text.into_owned()
        };
        let text = message.value().map(format).unwrap_or_else(|| id.to_string());
        let hint_name = if diagnostic.args.contains_key("suggestion") { "suggestion" } else { "hint" };
        let hint = message.get_attribute(hint_name).map(|attribute| format(attribute.value()));
        Message { text, hint }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_bundle::FluentResource;

    #[test]
    fn translation_files_parse_without_errors() {
        for language in Language::ALL {
            if let Err((_, errors)) = FluentResource::try_new(language.source().to_string()) {
                panic!("{language:?}: {errors:?}");
            }
        }
    }

    #[test]
    fn every_code_has_a_message_in_every_language() {
        for language in Language::ALL {
            with_bundle(language, |bundle| {
                for code in Code::ALL {
                    assert!(
                        bundle.get_message(code.id()).and_then(|m| m.value()).is_some(),
                        "{language:?} lacks {}",
                        code.id()
                    );
                }
            });
        }
    }

    #[test]
    fn both_languages_have_the_same_ids_and_attributes() {
        let ids = |language: Language| -> Vec<String> {
            let resource = FluentResource::try_new(language.source().to_string()).unwrap_or_else(|(r, _)| r);
            resource
                .entries()
                .filter_map(|entry| match entry {
                    fluent_syntax::ast::Entry::Message(message) => Some(
                        std::iter::once(message.id.name.to_string())
                            .chain(message.attributes.iter().map(|a| format!("{}.{}", message.id.name, a.id.name)))
                            .collect::<Vec<_>>(),
                    ),
                    _ => None,
                })
                .flatten()
                .collect()
        };
        assert_eq!(ids(Language::ZhCn), ids(Language::En));
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

    #[test]
    fn language_tags() {
        assert_eq!(Language::from_tag("zh-CN"), Some(Language::ZhCn));
        assert_eq!(Language::from_tag("en_GB"), Some(Language::En));
        assert_eq!(Language::from_tag("fr"), None);
    }
}
