//! The app's own words, in Chinese (the default) and English.
//!
//! Each wasm module's words are one Fluent file per language in `app/locales/<tag>/`: `app.ftl`
//! for the first screen (here), `ai.ftl` for the AI module (`crate::ai::i18n`) and `classroom.ftl`
//! for the classroom module (`crate::classroom::i18n`), each embedded only where its cargo feature
//! compiles it. The build script (`app/build/words.rs`) makes each set's enum of ids from its
//! Chinese file, so using a word that file lacks does not compile, and each set's test checks that
//! every language has every Chinese message with the same variables. A word a language lacks is
//! shown in Chinese. Diagnostics are not in here: the runtime puts them into words.

use std::cell::RefCell;

use sprout_runtime::messages::{Catalog, Language, Sources};

/// A word set in the module that invokes it: the enum of ids, `sources` and `written_sources` that
/// `app/build/words.rs` wrote for `$file` (`Text` from `app_text.rs`, …), its [`Words`], and its two
/// lookups: `$tr(language, id)` (Chinese when a language lacks the word) and `$tr_with(language,
/// id, values)`, which fills in each variable (`{ $name }` in the `.ftl` files).
macro_rules! word_set {
    ($file:literal, $id:ident, $tr:ident, $tr_with:ident) => {
        include!(concat!(env!("OUT_DIR"), "/", $file));

        thread_local! {
            static WORDS: $crate::i18n::Words = const { $crate::i18n::Words::new(sources) };
        }

        /// `text` in `language`, falling back to Chinese.
        pub fn $tr(language: Language, text: $id) -> &'static str {
            WORDS.with(|words| words.text(language, text as usize))
        }

        /// `text` in `language` with each variable (`{ $name }` in the `.ftl` files) replaced by its
        /// value.
        pub fn $tr_with(language: Language, text: $id, values: &[(&str, String)]) -> String {
            WORDS.with(|words| words.format(language, text as usize, values))
        }
    };
}
// For the lazy modules' word sets.
#[cfg(any(feature = "ai", feature = "classroom"))]
pub(crate) use word_set;

// The first screen's words, from `app/locales/*/app.ftl`.
word_set!("app_text.rs", Text, tr, tr_with);

/// The id the embedded copies of the `.ftl` files give the message of a set's enum variant at
/// `index`: `app/build/words.rs` names them by position, so that the modules carry no long ids.
fn message_id(index: usize) -> String {
    format!("m{index}")
}

/// One word set: its catalog, and the words already looked up without values.
///
/// Those are formatted once per language and kept for the life of the page, so that `tr` lends
/// them as `&'static str` as the Rust tables it replaced did, and every call site (Yew attributes
/// and children, `join`, `set_title`) stays as it was: Fluent itself formats into a new `String`.
/// A set has a few hundred short words at most, so what stays is bounded and small.
pub(crate) struct Words {
    catalog: Catalog,
    /// At `index * Language::ALL.len() + language as usize`; grows as words are looked up.
    texts: RefCell<Vec<Option<&'static str>>>,
}

impl Words {
    /// The word set of the embedded files `sources`.
    pub(crate) const fn new(sources: Sources) -> Words {
        Words { catalog: Catalog::new(sources), texts: RefCell::new(Vec::new()) }
    }

    /// The words of the enum variant at `index` in `language`.
    pub(crate) fn text(&self, language: Language, index: usize) -> &'static str {
        let slot = index * Language::ALL.len() + language as usize;
        let known = self.texts.borrow().get(slot).copied().flatten();
        if let Some(text) = known {
            return text;
        }
        // Missing only if the embedded files and `message_id` disagreed, which the tests catch.
        let text = self.catalog.text(language, &message_id(index)).map_or("", |text| String::leak(text));
        let mut texts = self.texts.borrow_mut();
        if texts.len() <= slot {
            texts.resize(slot + 1, None);
        }
        texts[slot] = Some(text);
        text
    }

    /// The words of the enum variant at `index` in `language` with `values` filled in.
    pub(crate) fn format(&self, language: Language, index: usize, values: &[(&str, String)]) -> String {
        self.catalog.format(language, &message_id(index), values).unwrap_or_default()
    }
}

/// The test of a word set: `Catalog::problems` finds nothing in its files as written, and every
/// variant of its enum (`all`) has words in every language in the files the module embeds.
#[cfg(test)]
pub(crate) fn check_word_set<Id: Copy + std::fmt::Debug>(
    written_sources: Sources,
    all: &[Id],
    words: fn(Language, Id) -> &'static str,
) {
    assert_eq!(Catalog::new(written_sources).problems(), Vec::<String>::new());
    for language in Language::ALL {
        for &id in all {
            assert!(!words(language, id).is_empty(), "{language:?} has no words for {id:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_id_with_the_same_placeholders() {
        check_word_set(written_sources, &Text::ALL, tr);
    }

    #[test]
    fn placeholders_are_filled_in() {
        let values = [("line", "3".to_string()), ("column", "7".to_string())];
        assert_eq!(tr_with(Language::ZhCn, Text::DiagnosticPosition, &values), "第 3 行第 7 列：");
        assert_eq!(tr_with(Language::En, Text::DiagnosticPosition, &values), "Line 3, column 7: ");
    }

    #[test]
    fn words_keep_their_spaces_braces_and_newlines() {
        assert_eq!(tr(Language::En, Text::HintPrefix), "Hint: ");
        assert_eq!(tr(Language::En, Text::ListSeparator), "; ");
        assert_eq!(tr(Language::ZhCn, Text::ListSeparator), "、");
        let starter = tr(Language::ZhCn, Text::StarterProgram);
        assert!(starter.starts_with("// 按 Ctrl+Enter 也能运行。\nprint(\"你好，萌芽！\");\n"), "{starter}");
        assert!(
            starter.ends_with("for i in 0..5 {\n    forward(150);\n    right(144);\n}\nled_plot(2, 2);\n"),
            "{starter}"
        );
    }

    #[test]
    fn words_are_formatted_once_per_language() {
        assert!(std::ptr::eq(tr(Language::En, Text::AppTitle), tr(Language::En, Text::AppTitle)));
        assert_eq!((tr(Language::ZhCn, Text::AppTitle), tr(Language::En, Text::AppTitle)), ("萌芽编程", "Sprout"));
    }
}
