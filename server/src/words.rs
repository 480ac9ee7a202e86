//! Every sentence the server says to a person, in Chinese (the default) or English: the addresses
//! `serve` prints and the message of every API error. The words live in
//! `server/locales/<tag>/server.ftl`, read through the runtime's [`Catalog`], the one Fluent loader
//! of every crate. A request's language comes from its `Accept-Language` header.

use std::fmt::Display;

use axum::http::HeaderMap;
use sprout_runtime::messages::{Catalog, Language};

fn sources(language: Language) -> &'static str {
    match language {
        Language::ZhCn => include_str!("../locales/zh-CN/server.ftl"),
        Language::En => include_str!("../locales/en/server.ftl"),
    }
}

thread_local! {
    static WORDS: Catalog = const { Catalog::new(sources) };
}

/// Message `id` in `language` with `arguments` (in Chinese when `language` lacks it); the id
/// itself when no language has it, which a test rules out for every id the server uses.
pub fn tr(language: Language, id: &str, arguments: &[(&str, &dyn Display)]) -> String {
    let arguments: Vec<(&str, String)> = arguments.iter().map(|(name, value)| (*name, value.to_string())).collect();
    tr_owned(language, id, &arguments)
}

/// [`tr`] with arguments already in words (an error's, kept until its language is known).
pub(crate) fn tr_owned(language: Language, id: &str, arguments: &[(&str, String)]) -> String {
    WORDS.with(|words| words.format(language, id, arguments)).unwrap_or_else(|| id.to_string())
}

/// Whether `id` has words (for the tests that every error code is translated).
#[cfg(test)]
pub(crate) fn has(id: &str) -> bool {
    WORDS.with(|words| words.text(Language::ZhCn, id).is_some())
}

/// The language a request asks for: the first of its `Accept-Language` tags that is Chinese or
/// English, by the order given (weights are rare in browsers' headers and ignored); Chinese when
/// there is none.
pub fn request_language(headers: &HeaderMap) -> Language {
    let Some(value) = headers.get(axum::http::header::ACCEPT_LANGUAGE).and_then(|value| value.to_str().ok()) else {
        return Language::ZhCn;
    };
    value
        .split(',')
        .filter_map(|part| part.split(';').next())
        .map(|tag| tag.trim().to_ascii_lowercase())
        .find_map(|tag| match tag.split('-').next() {
            Some("zh") => Some(Language::ZhCn),
            Some("en") => Some(Language::En),
            _ => None,
        })
        .unwrap_or(Language::ZhCn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_the_chinese_messages_with_the_same_variables() {
        assert_eq!(WORDS.with(Catalog::problems), Vec::<String>::new());
    }

    #[test]
    fn the_request_language_is_the_first_chinese_or_english_tag() {
        let cases = [
            (None, Language::ZhCn),
            (Some("en-US,en;q=0.9"), Language::En),
            (Some("zh-CN,zh;q=0.9,en;q=0.8"), Language::ZhCn),
            (Some("fr-FR, en;q=0.5"), Language::En),
            (Some("fr"), Language::ZhCn),
            (Some("EN"), Language::En),
        ];
        for (header, expected) in cases {
            let mut headers = HeaderMap::new();
            if let Some(header) = header {
                headers.insert(axum::http::header::ACCEPT_LANGUAGE, header.parse().expect("a header value"));
            }
            assert_eq!(request_language(&headers), expected, "{header:?}");
        }
    }
}
