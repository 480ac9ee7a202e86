//! The app's words at build time (`crate::i18n`). For each word set, one per wasm module that
//! carries it, this writes `$OUT_DIR/<set>_text.rs`, which the set's i18n module includes:
//!
//! - the enum of the set's ids, one variant per message of the Chinese file
//!   `locales/zh-CN/<set>.ftl` in its order (`app-title` becomes `AppTitle`, the message's comment
//!   its doc comment), so a word that the Chinese file lacks does not compile;
//! - `sources`, the set's files as the module embeds them, and `written_sources`, the files as
//!   written, for the test that compares the languages.
//!
//! The embedded copies (`$OUT_DIR/locales/<tag>/<set>.ftl`) have no comments, and each message is
//! named by its variant's position, `m0`, `m1`, … (`crate::i18n::message_id`). Comments and long
//! ids are for translators and developers; in the first screen's module they would cost about
//! 1.8 KB and 1.1 KB brotli (the ids twice in the files and once more in a table from variant to
//! id). A message that Chinese lacks is left out of the copies, and the test reports it.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement, Resource};
use sprout_lessons::runtime::messages::Language;

/// A word set: its file name in `locales/<tag>/`, the enum made from it, and that enum's doc.
struct WordSet {
    file: &'static str,
    enum_name: &'static str,
    doc: &'static str,
}

const WORD_SETS: [WordSet; 3] = [
    WordSet { file: "app", enum_name: "Text", doc: "A piece of UI text, by its stable id." },
    WordSet { file: "ai", enum_name: "AiText", doc: "A piece of the AI tools' text, by its stable id." },
    WordSet {
        file: "classroom",
        enum_name: "ClassText",
        doc: "A piece of the teachers' pages' text, by its stable id.",
    },
];

/// Writes every word set's Rust file and embedded copies into `out`.
pub fn generate(manifest: &Path, out: &Path) {
    for set in &WORD_SETS {
        let written =
            |language: Language| manifest.join("locales").join(language.tag()).join(format!("{}.ftl", set.file));
        let embedded = |language: Language| out.join("locales").join(language.tag()).join(format!("{}.ftl", set.file));
        // The enum is made from the Chinese file, so it must parse whole.
        let source = read(&written(Language::ZhCn));
        let chinese = fluent_syntax::parser::parse(source.clone()).unwrap_or_else(|(_, errors)| {
            let line =
                |byte: usize| source.as_bytes()[..byte.min(source.len())].iter().filter(|&&b| b == b'\n').count() + 1;
            let errors: Vec<String> =
                errors.iter().map(|error| format!("line {}: {error}", line(error.pos.start))).collect();
            panic!("{} does not parse:\n{}", written(Language::ZhCn).display(), errors.join("\n"))
        });
        let ids = message_ids(&chinese, &written(Language::ZhCn));
        let positions: HashMap<String, usize> =
            ids.iter().enumerate().map(|(index, (id, _))| (id.clone(), index)).collect();
        let mut code = enum_code(set, &ids);
        code.push_str("\n/// The set's files as the module embeds them (see `app/build/words.rs`).\n");
        code.push_str(&source_function("sources", embedded));
        code.push_str("\n/// The set's files as written, for the test that compares the languages.\n#[cfg(test)]\n");
        code.push_str(&source_function("written_sources", written));
        write(&out.join(format!("{}_text.rs", set.file)), &code);
        write(&embedded(Language::ZhCn), &embedded_copy(chinese, &positions));
        for language in Language::ALL.into_iter().filter(|&language| language != Language::ZhCn) {
            // A syntax error is the test's to report: what parses is embedded, as at run time.
            let translated =
                fluent_syntax::parser::parse(read(&written(language))).unwrap_or_else(|(resource, _)| resource);
            write(&embedded(language), &embedded_copy(translated, &positions));
        }
    }
}

/// A function `name` from a language to the file `path` gives, embedded.
fn source_function(name: &str, path: impl Fn(Language) -> PathBuf) -> String {
    let mut code = format!("fn {name}(language: Language) -> &'static str {{\n    match language {{\n");
    // `{language:?}` is the variant's name: `Language` derives `Debug`.
    for language in Language::ALL {
        let _ = writeln!(
            code,
            "        Language::{language:?} => include_str!({:?}),",
            path(language).display().to_string()
        );
    }
    code.push_str("    }\n}\n");
    code
}

fn read(path: &Path) -> String {
    println!("cargo:rerun-if-changed={}", path.display());
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

fn write(path: &Path, contents: &str) {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).unwrap_or_else(|error| panic!("cannot create {}: {error}", folder.display()));
    }
    std::fs::write(path, contents).unwrap_or_else(|error| panic!("cannot write {}: {error}", path.display()));
}

/// Each message's id and comment lines, in the order of the Chinese file at `path`.
fn message_ids(resource: &Resource<String>, path: &Path) -> Vec<(String, Vec<String>)> {
    let mut ids = Vec::new();
    for entry in &resource.body {
        let Entry::Message(message) = entry else { continue };
        let id = &message.id.name;
        if id_of(&variant_name(id)) != *id {
            panic!("{}: `{id}` is not an id of lowercase words joined by `-`, such as `app-title`", path.display());
        }
        if message.value.is_none() {
            panic!("{}: `{id}` has no value: the app shows only messages' values", path.display());
        }
        let comment = message.comment.as_ref().map(|comment| comment.content.clone()).unwrap_or_default();
        if comment.is_empty() {
            panic!("{}: `{id}` needs a comment just above it saying where it is shown", path.display());
        }
        ids.push((id.clone(), comment));
    }
    ids
}

/// The enum of `ids` with their comments as docs, and `ALL`.
fn enum_code(set: &WordSet, ids: &[(String, Vec<String>)]) -> String {
    let name = set.enum_name;
    let mut code = format!(
        "// Made by app/build/words.rs from app/locales/*/{file}.ftl: edit those files, not this one.\n\n\
         #[doc = {doc:?}]\n\
         ///\n\
         /// One variant per message of `app/locales/zh-CN/{file}.ftl`, in its order, whose comment is\n\
         /// the variant's doc.\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq)]\n\
         pub enum {name} {{\n",
        file = set.file,
        doc = format!(" {}", set.doc),
    );
    for (id, comment) in ids {
        for line in comment {
            let _ = writeln!(code, "    #[doc = {:?}]", format!(" {line}"));
        }
        let _ = writeln!(code, "    {},", variant_name(id));
    }
    let _ = writeln!(
        code,
        "}}\n\nimpl {name} {{\n    /// Every variant, in order.\n    pub const ALL: [{name}; {}] = [",
        ids.len()
    );
    for (id, _) in ids {
        let _ = writeln!(code, "        {name}::{},", variant_name(id));
    }
    code.push_str("    ];\n}\n");
    code
}

/// `resource` as the app embeds it: its messages renamed by their position in the Chinese file
/// (`positions`), references to them too, and no comments, serialized.
fn embedded_copy(mut resource: Resource<String>, positions: &HashMap<String, usize>) -> String {
    let rename = |id: &mut String| {
        if let Some(&index) = positions.get(id.as_str()) {
            *id = message_id(index);
        }
    };
    resource.body.retain_mut(|entry| match entry {
        Entry::Message(message) if positions.contains_key(&message.id.name) => {
            message.comment = None;
            rename(&mut message.id.name);
            let attributes = message.attributes.iter_mut().map(|attribute| &mut attribute.value);
            for pattern in message.value.iter_mut().chain(attributes) {
                rename_in_pattern(pattern, &rename);
            }
            true
        }
        Entry::Term(term) => {
            term.comment = None;
            let attributes = term.attributes.iter_mut().map(|attribute| &mut attribute.value);
            for pattern in std::iter::once(&mut term.value).chain(attributes) {
                rename_in_pattern(pattern, &rename);
            }
            true
        }
        _ => false,
    });
    fluent_syntax::serializer::serialize(&resource)
}

/// The id the embedded copies give the message at `index`; `crate::i18n::message_id` is the same.
fn message_id(index: usize) -> String {
    format!("m{index}")
}

fn rename_in_pattern(pattern: &mut Pattern<String>, rename: &dyn Fn(&mut String)) {
    for element in &mut pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            rename_in_expression(expression, rename);
        }
    }
}

fn rename_in_expression(expression: &mut Expression<String>, rename: &dyn Fn(&mut String)) {
    match expression {
        Expression::Select { selector, variants } => {
            rename_in_inline(selector, rename);
            for variant in variants {
                rename_in_pattern(&mut variant.value, rename);
            }
        }
        Expression::Inline(inline) => rename_in_inline(inline, rename),
    }
}

fn rename_in_inline(inline: &mut InlineExpression<String>, rename: &dyn Fn(&mut String)) {
    match inline {
        InlineExpression::MessageReference { id, .. } => rename(&mut id.name),
        InlineExpression::FunctionReference { arguments, .. }
        | InlineExpression::TermReference { arguments: Some(arguments), .. } => {
            let named = arguments.named.iter_mut().map(|named| &mut named.value);
            for argument in arguments.positional.iter_mut().chain(named) {
                rename_in_inline(argument, rename);
            }
        }
        InlineExpression::Placeable { expression } => rename_in_expression(expression, rename),
        _ => {}
    }
}

/// `app-title` → `AppTitle`.
fn variant_name(id: &str) -> String {
    id.split('-')
        .map(|word| {
            let mut characters = word.chars();
            characters
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + characters.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// `AppTitle` → `app-title`: the id a variant name stands for.
fn id_of(variant: &str) -> String {
    let mut id = String::new();
    for character in variant.chars() {
        if character.is_ascii_uppercase() && !id.is_empty() {
            id.push('-');
        }
        id.push(character.to_ascii_lowercase());
    }
    id
}
