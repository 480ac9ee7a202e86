//! The one way Sprout's crates turn ids into words: the languages ([`Language`]) and the Fluent
//! loader ([`Catalog`]) that the runtime's diagnostics, the lessons' problems and feedback, and each
//! of the app's word sets (the first screen's, the AI module's, the classroom module's) use.
//!
//! Every set of words is one Fluent file per language, `locales/<tag>/<name>.ftl` beside the code
//! that uses it, embedded with `include_str!` by that code, so each binary and each wasm module
//! carries only its own words. Chinese is the reference: a message another language lacks is
//! shown in Chinese, and [`Catalog::problems`], which every crate's tests call for each of its
//! catalogs, checks that every language has exactly the Chinese messages and attributes with the
//! same variables.
//!
//! A bundle is built the first time its language is asked for, so a page in Chinese never parses
//! the English file. Bundles are not `Sync` (Fluent's formatters memoize in a `RefCell`), so each
//! crate keeps its catalog in a `thread_local!`; in the browser there is one thread per module
//! instance, and native threads (the CLI's graders) each build their own in well under a
//! millisecond per language.

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use serde::{Deserialize, Serialize};

/// The languages Sprout speaks.
///
/// In JSON (the app's worker messages) a language is its [tag](Language::tag).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum Language {
    /// Simplified Chinese, the default and the reference of every translation.
    #[default]
    ZhCn,
    /// English.
    En,
}

impl Language {
    /// Every language, default first, in the order they are declared in (a catalog keeps each
    /// language's bundle at `language as usize`).
    pub const ALL: [Language; 2] = [Language::ZhCn, Language::En];

    /// Reads a language tag such as `zh-CN`, `zh` or `en-GB` (or `en_GB`, as in `LANG`); unknown
    /// tags give `None`.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Language::ZhCn),
            "en" => Some(Language::En),
            _ => None,
        }
    }

    /// The language's BCP 47 tag: the name of its folder of `.ftl` files, its JSON form, the
    /// page's `lang` attribute. [`Language::from_tag`] reads it back.
    pub fn tag(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::En => "en",
        }
    }
}

impl From<Language> for &'static str {
    fn from(language: Language) -> &'static str {
        language.tag()
    }
}

impl TryFrom<String> for Language {
    type Error = String;

    fn try_from(tag: String) -> Result<Language, String> {
        Language::from_tag(&tag).ok_or_else(|| format!("unknown language `{tag}`"))
    }
}

/// The Fluent source of one set of words in each language, usually a `match` of `include_str!`s:
/// a new language is then a compile error in every crate until its files exist.
pub type Sources = fn(Language) -> &'static str;

/// One set of words in every language, read from its Fluent [`Sources`].
pub struct Catalog {
    sources: Sources,
    bundles: [OnceCell<FluentBundle<FluentResource>>; Language::ALL.len()],
}

impl Catalog {
    /// A catalog of `sources`. Nothing is parsed until a language is first asked for, and `const`
    /// so that a `thread_local!` needs no lazy initialisation of its own.
    pub const fn new(sources: Sources) -> Catalog {
        Catalog { sources, bundles: [const { OnceCell::new() }; Language::ALL.len()] }
    }

    /// Message `id` in `language` with no arguments: see [`Catalog::format`].
    pub fn text(&self, language: Language, id: &str) -> Option<String> {
        self.format_with(language, id, None)
    }

    /// Message `id` in `language` with `arguments` (each `$name` replaced by its value, without
    /// the Unicode isolation marks Fluent adds by default: they show up as odd characters in
    /// terminals and break tests that read the page's text). `id` may name an attribute as
    /// Fluent references do, `message.attribute`. In Chinese when `language` lacks the message
    /// or attribute; `None` when Chinese lacks it too.
    pub fn format<V: AsRef<str>>(&self, language: Language, id: &str, arguments: &[(&str, V)]) -> Option<String> {
        let mut fluent_arguments = FluentArgs::with_capacity(arguments.len());
        for (name, value) in arguments {
            fluent_arguments.set(*name, value.as_ref());
        }
        self.format_with(language, id, Some(&fluent_arguments))
    }

    fn format_with(&self, language: Language, id: &str, arguments: Option<&FluentArgs>) -> Option<String> {
        let (message_id, attribute) = match id.split_once('.') {
            Some((message_id, attribute)) => (message_id, Some(attribute)),
            None => (id, None),
        };
        [language, Language::ZhCn].into_iter().find_map(|language| {
            let bundle = self.bundle(language);
            let message = bundle.get_message(message_id)?;
            let pattern = match attribute {
                Some(attribute) => message.get_attribute(attribute)?.value(),
                None => message.value()?,
            };
            // Formatting errors (an argument the caller did not pass) leave `{$name}` in the
            // text, which is the most useful thing to show; `problems` catches translations
            // whose variables differ from the Chinese ones.
            Some(bundle.format_pattern(pattern, arguments, &mut Vec::new()).into_owned())
        })
    }

    fn bundle(&self, language: Language) -> &FluentBundle<FluentResource> {
        self.bundles[language as usize].get_or_init(|| {
            let mut bundle = FluentBundle::new(vec![language.tag().parse().unwrap_or_default()]);
            bundle.set_use_isolating(false);
            // A syntax error still leaves every message that did parse, and a message defined twice
            // keeps its first definition: the words that can be shown are shown, and `problems`
            // reports the rest in the crate's tests.
            let resource =
                FluentResource::try_new((self.sources)(language).to_string()).unwrap_or_else(|(resource, _)| resource);
            let _ = bundle.add_resource(resource);
            bundle
        })
    }

    /// What is wrong with the catalog's files, one sentence per problem; empty when nothing is.
    /// A problem is a syntax error, a message defined twice, a message or attribute that Chinese
    /// has and another language lacks (or the other way round), or one whose variables differ
    /// from the Chinese ones. Every crate calls it in a test for each of its catalogs.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let reference = patterns(Language::ZhCn, (self.sources)(Language::ZhCn), &mut problems);
        for language in Language::ALL.into_iter().filter(|&language| language != Language::ZhCn) {
            let tag = language.tag();
            let translated = patterns(language, (self.sources)(language), &mut problems);
            for (id, variables) in &reference {
                match translated.get(id) {
                    None => problems.push(format!("{tag} lacks {id}")),
                    Some(found) if found != variables => {
                        problems.push(format!("{tag} {id} uses the variables {found:?}, Chinese {variables:?}"))
                    }
                    Some(_) => {}
                }
            }
            problems.extend(
                translated
                    .keys()
                    .filter(|id| !reference.contains_key(*id))
                    .map(|id| format!("{tag} has {id}, Chinese has not")),
            );
        }
        problems
    }
}

/// Every message, term (`-name`) and attribute (`name.attribute`) of one language's source, with
/// the variables its pattern uses; syntax errors and duplicates go to `problems`.
fn patterns(language: Language, source: &str, problems: &mut Vec<String>) -> BTreeMap<String, BTreeSet<String>> {
    let tag = language.tag();
    let resource = match fluent_syntax::parser::parse(source) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            for error in errors {
                // The start of the entry that does not parse, rather than the place the parser
                // gave up, which may be the end of the file.
                let start = error.slice.as_ref().map_or(error.pos.start, |slice| slice.start);
                let before = &source.as_bytes()[..start.min(source.len())];
                let line = before.iter().filter(|&&byte| byte == b'\n').count() + 1;
                problems.push(format!("{tag} line {line}: {error}"));
            }
            resource
        }
    };
    let mut found = BTreeMap::new();
    let mut add = |id: String, pattern: &Pattern<&str>| {
        let mut variables = BTreeSet::new();
        pattern_variables(pattern, &mut variables);
        if found.insert(id.clone(), variables).is_some() {
            problems.push(format!("{tag} defines {id} twice"));
        }
    };
    for entry in &resource.body {
        let (id, value, attributes) = match entry {
            Entry::Message(message) => (message.id.name.to_string(), message.value.as_ref(), &message.attributes),
            Entry::Term(term) => (format!("-{}", term.id.name), Some(&term.value), &term.attributes),
            _ => continue,
        };
        if let Some(value) = value {
            add(id.clone(), value);
        }
        for attribute in attributes {
            add(format!("{id}.{}", attribute.id.name), &attribute.value);
        }
    }
    found
}

fn pattern_variables(pattern: &Pattern<&str>, variables: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, variables);
        }
    }
}

fn expression_variables(expression: &Expression<&str>, variables: &mut BTreeSet<String>) {
    match expression {
        Expression::Select { selector, variants } => {
            inline_variables(selector, variables);
            for variant in variants {
                pattern_variables(&variant.value, variables);
            }
        }
        Expression::Inline(inline) => inline_variables(inline, variables),
    }
}

fn inline_variables(inline: &InlineExpression<&str>, variables: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            variables.insert(id.name.to_string());
        }
        InlineExpression::FunctionReference { arguments, .. }
        | InlineExpression::TermReference { arguments: Some(arguments), .. } => {
            for argument in arguments.positional.iter().chain(arguments.named.iter().map(|named| &named.value)) {
                inline_variables(argument, variables);
            }
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, variables),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(language: Language) -> &'static str {
        match language {
            Language::ZhCn => "greeting = 你好，{ $name }！\n    .hint = 提示\nonly-chinese = 只有中文\n",
            Language::En => "greeting = Hello, { $name }!\n    .hint = Hint\n",
        }
    }

    fn check(language: Language, id: &str, expected: Option<&str>) {
        let catalog = Catalog::new(sources);
        assert_eq!(catalog.format(language, id, &[("name", "小明")]).as_deref(), expected, "{language:?} {id}");
    }

    #[test]
    fn messages_and_attributes_are_formatted_without_isolation_marks() {
        check(Language::ZhCn, "greeting", Some("你好，小明！"));
        check(Language::En, "greeting", Some("Hello, 小明!"));
        check(Language::En, "greeting.hint", Some("Hint"));
    }

    #[test]
    fn a_missing_message_falls_back_to_chinese() {
        check(Language::En, "only-chinese", Some("只有中文"));
        check(Language::En, "nowhere", None);
        check(Language::En, "greeting.nowhere", None);
    }

    #[test]
    fn problems_name_missing_extra_and_different_messages() {
        fn broken(language: Language) -> &'static str {
            match language {
                Language::ZhCn => "a = 甲 { $x }\nb = 乙\n    .hint = 丙\nb = 又一个乙\n",
                Language::En => "a = A { $y }\nextra = E\nbad = {\n",
            }
        }
        let problems = Catalog::new(broken).problems();
        assert_eq!(problems[0], "zh-CN defines b twice");
        assert!(problems[1].starts_with("en line 3: "), "{problems:?}");
        assert_eq!(
            problems[2..],
            [
                r#"en a uses the variables {"y"}, Chinese {"x"}"#,
                "en lacks b",
                "en lacks b.hint",
                "en has extra, Chinese has not",
            ]
        );
        assert!(Catalog::new(sources).problems().contains(&"en lacks only-chinese".to_string()));
    }

    #[test]
    fn language_tags_go_both_ways() {
        for (index, language) in Language::ALL.into_iter().enumerate() {
            assert_eq!(language as usize, index, "Language::ALL is in declaration order");
            assert_eq!(Language::from_tag(language.tag()), Some(language));
        }
        assert_eq!(Language::from_tag("zh-CN"), Some(Language::ZhCn));
        assert_eq!(Language::from_tag("zh"), Some(Language::ZhCn));
        assert_eq!(Language::from_tag("en_GB"), Some(Language::En));
        assert_eq!(Language::from_tag("fr"), None);
    }

    #[test]
    fn a_language_is_its_tag_in_json() {
        assert_eq!(serde_json::to_string(&Language::ALL).ok().as_deref(), Some(r#"["zh-CN","en"]"#));
        assert_eq!(serde_json::from_str::<Language>(r#""en""#).ok(), Some(Language::En));
        assert!(serde_json::from_str::<Language>(r#""fr""#).is_err());
    }
}
