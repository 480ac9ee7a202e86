//! The AI tools' own words, in Chinese (the default) and English: the drawing pad and the model
//! lab live in the AI module, so their words do too (`app/locales/<tag>/ai.ftl`), and the first
//! screen does not carry them. Read like `crate::i18n`'s, by its `word_set!`.

use sprout_runtime::messages::Language;

use crate::i18n::word_set;

// `AiText` and its lookups, from `app/locales/*/ai.ftl`.
word_set!("ai_text.rs", AiText, ai_tr, ai_tr_with);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_id_with_the_same_placeholders() {
        crate::i18n::check_word_set(written_sources, &AiText::ALL, ai_tr);
    }

    #[test]
    fn placeholders_are_filled_in() {
        let values = [("label", "7".to_string()), ("percent", "98".to_string())];
        assert_eq!(ai_tr_with(Language::ZhCn, AiText::TopClass, &values), "最可能是 7（98%）");
        assert_eq!(ai_tr_with(Language::En, AiText::TopClass, &values), "Most likely 7 (98%)");
    }
}
