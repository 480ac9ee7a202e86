//! The classroom module's own words, in Chinese (the default) and English: the teachers' pages live
//! in that module, so their words do too (`app/locales/<tag>/classroom.ftl`), and the first screen
//! does not carry them. Read like `crate::i18n`'s, whose `Words` this uses.

use sprout_runtime::messages::Language;

use crate::i18n::Words;

// `ClassText`, `sources` and `written_sources`, from `app/locales/*/classroom.ftl`.
include!(concat!(env!("OUT_DIR"), "/classroom_text.rs"));

thread_local! {
    static WORDS: Words = const { Words::new(sources) };
}

/// `text` in `language` (Chinese when missing).
pub fn class_tr(language: Language, text: ClassText) -> &'static str {
    WORDS.with(|words| words.text(language, text as usize))
}

/// `text` in `language` with each variable (`{ $name }` in the `.ftl` files) replaced by its value.
pub fn class_tr_with(language: Language, text: ClassText, values: &[(&str, String)]) -> String {
    WORDS.with(|words| words.format(language, text as usize, values))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_id_with_the_same_placeholders() {
        crate::i18n::check_word_set(written_sources, &ClassText::ALL, class_tr);
    }

    #[test]
    fn placeholders_are_filled_in() {
        let values = [("attempts", "3".to_string()), ("minutes", "12".to_string())];
        assert_eq!(class_tr_with(Language::ZhCn, ClassText::CellShort, &values), "3 次 · 12 分");
        assert_eq!(class_tr_with(Language::En, ClassText::CellShort, &values), "3× · 12 min");
    }
}
