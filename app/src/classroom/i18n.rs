//! The classroom module's own words, in Chinese (the default) and English: the teachers' pages live
//! in that module, so their words do too (`app/locales/<tag>/classroom.ftl`), and the first screen
//! does not carry them. Read like `crate::i18n`'s, by its `word_set!`.

use sprout_runtime::messages::Language;

use crate::i18n::word_set;

// `ClassText` and its lookups, from `app/locales/*/classroom.ftl`.
word_set!("classroom_text.rs", ClassText, class_tr, class_tr_with);

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
        assert_eq!(class_tr_with(Language::ZhCn, ClassText::CellShort, &values), "3 次 · 12 分钟");
        assert_eq!(class_tr_with(Language::En, ClassText::CellShort, &values), "3 checks · 12 min");
    }
}
