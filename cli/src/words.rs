//! Every sentence `sprout` prints to a person, in Chinese (the default) or English: the help of
//! every command (by the convention `usage.rs` describes), usage errors, summaries, `sprout
//! grade`'s flags and `sprout run`'s time limit. The words live in `cli/locales/<tag>/cli.ftl`, read through the runtime's [`Catalog`], the one Fluent
//! loader of every crate; lesson problems are put into words by `sprout_lessons::messages` and
//! diagnostics by `sprout_runtime::messages`. Tests check that both languages have the same
//! messages and that every id the code uses has words.

use std::fmt::Display;

use sprout_lessons::Flag;
use sprout_runtime::messages::{Catalog, Language};

fn sources(language: Language) -> &'static str {
    match language {
        Language::ZhCn => include_str!("../locales/zh-CN/cli.ftl"),
        Language::En => include_str!("../locales/en/cli.ftl"),
    }
}

thread_local! {
    static WORDS: Catalog = const { Catalog::new(sources) };
}

/// Message `id` in `language` with `arguments` (in Chinese when `language` lacks it); the id
/// itself when no language has it, which a test rules out for every id the CLI uses.
pub(crate) fn tr(language: Language, id: &str, arguments: &[(&str, &dyn Display)]) -> String {
    let arguments: Vec<(&str, String)> = arguments.iter().map(|(name, value)| (*name, value.to_string())).collect();
    WORDS.with(|words| words.format(language, id, &arguments)).unwrap_or_else(|| id.to_string())
}

/// Message `id` in `language` (in Chinese when `language` lacks it), or `None` when no language
/// has it: for words that are optional, such as a command's `.after`.
pub(crate) fn text(language: Language, id: &str) -> Option<String> {
    WORDS.with(|words| words.text(language, id))
}

/// Message `id` in every language, one line each, for the errors that come before a language is
/// chosen (`--lang` itself wrong): whoever reads it finds their own.
pub(crate) fn in_every_language(id: &str, arguments: &[(&str, &dyn Display)]) -> String {
    Language::ALL.map(|language| tr(language, id, arguments)).join("\n")
}

/// `milliseconds` of virtual time in words: whole minutes (`1 分钟`, `2 minutes`), minutes and
/// seconds, whole seconds, or milliseconds when it is not a whole number of seconds.
pub(crate) fn duration(language: Language, milliseconds: u64) -> String {
    let unit = |count: u64, singular: &str, plural: &str| {
        tr(language, if count == 1 { singular } else { plural }, &[("count", &count)])
    };
    if milliseconds % 1000 != 0 {
        return unit(milliseconds, "duration-millisecond", "duration-milliseconds");
    }
    let (minutes, seconds) = (milliseconds / 60_000, milliseconds / 1000 % 60);
    match (minutes, seconds) {
        (0, seconds) => unit(seconds, "duration-second", "duration-seconds"),
        (minutes, 0) => unit(minutes, "duration-minute", "duration-minutes"),
        (minutes, seconds) => tr(
            language,
            "duration-minutes-and-seconds",
            &[
                ("minutes", &unit(minutes, "duration-minute", "duration-minutes")),
                ("seconds", &unit(seconds, "duration-second", "duration-seconds")),
            ],
        ),
    }
}

/// A flag's stable id, as the CSV files and grades.json give it (`digest-mismatch`).
pub(crate) fn flag_id(flag: Flag) -> String {
    serde_json::to_value(flag).ok().and_then(|value| value.as_str().map(str::to_string)).unwrap_or_default()
}

/// A flag in words with its id in brackets, for the judge reading `sprout grade`'s output.
pub(crate) fn flag(language: Language, flag: Flag, arguments: &[(&str, &dyn Display)]) -> String {
    let id = flag_id(flag);
    format!("{} [{id}]", tr(language, &format!("flag-{id}"), arguments))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_the_chinese_messages_with_the_same_variables() {
        assert_eq!(WORDS.with(Catalog::problems), Vec::<String>::new());
    }

    /// The ids the code names as literals in `tr(…, "id"` calls, and those it makes up
    /// (`flag-…`, `duration-…`), must have words.
    #[test]
    fn every_id_the_cli_uses_has_words() {
        let sources = [
            include_str!("main.rs"),
            include_str!("check.rs"),
            include_str!("grade.rs"),
            include_str!("pack.rs"),
            include_str!("run.rs"),
            include_str!("usage.rs"),
            include_str!("words.rs"),
        ];
        let mut ids: Vec<String> = Vec::new();
        for source in sources {
            for call in source.split("tr(").skip(1).chain(source.split("in_every_language(").skip(1)) {
                // The id is the first string literal of the call's first two lines (rustfmt may put
                // it on the second); a literal that is not an id (`"count"`, `"\n"`, `"--json"` after
                // an `as_str(`) is left out.
                let start: String = call.lines().take(2).collect::<Vec<_>>().join("\n");
                if let Some(id) = start.split('"').nth(1) {
                    let lowercase = |character: char| character.is_ascii_lowercase();
                    if id.starts_with(lowercase) && id.contains('-') && id.chars().all(|c| lowercase(c) || c == '-') {
                        ids.push(id.to_string());
                    }
                }
            }
        }
        assert!(ids.len() >= 30, "found only {} ids: {ids:?}", ids.len());
        ids.extend(Flag::ALL.map(|flag| format!("flag-{}", flag_id(flag))));
        for unit in ["millisecond", "second", "minute"] {
            ids.extend([format!("duration-{unit}"), format!("duration-{unit}s")]);
        }
        let missing: Vec<&String> =
            ids.iter().filter(|id| WORDS.with(|words| words.text(Language::ZhCn, id)).is_none()).collect();
        assert!(missing.is_empty(), "ids without words: {missing:?}");
    }

    #[test]
    fn durations_read_as_words() {
        let check = |milliseconds: u64, zh: &str, en: &str| {
            assert_eq!(duration(Language::ZhCn, milliseconds), zh, "{milliseconds} ms");
            assert_eq!(duration(Language::En, milliseconds), en, "{milliseconds} ms");
        };
        check(60_000, "1 分钟", "1 minute");
        check(120_000, "2 分钟", "2 minutes");
        check(1_000, "1 秒", "1 second");
        check(5_000, "5 秒", "5 seconds");
        check(90_000, "1 分钟 30 秒", "1 minute 30 seconds");
        check(1_500, "1500 毫秒", "1500 milliseconds");
        check(1, "1 毫秒", "1 millisecond");
        check(0, "0 秒", "0 seconds");
    }
}
