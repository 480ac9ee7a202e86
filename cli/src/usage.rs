//! The shape of the `sprout` command line and everything said about it: clap's command tree with
//! its words, `--help`, `--version`, `sprout help COMMAND` and usage errors, in the language of
//! `--lang`.
//!
//! Each subcommand's module builds its [`Command`] with ids and no words (`run::command`);
//! [`command`] gathers them under `sprout` and gives every command and argument its words from
//! `cli.ftl` by one convention, so that each sentence lives once, in the Fluent files:
//!
//! - `command-NAME` is the command's one-line description; its attribute named by an argument's
//!   id says what the argument is for (`$default` is its default value, when it has one), the
//!   attribute `ID-value` names its value, and `.after`, where present, follows the options (the
//!   exit statuses);
//! - `NAME-needs-ID` is said when the required argument `ID` is missing.
//!
//! clap's own fixed English (the "Usage:", "Options:" and "Commands:" headings, `[OPTIONS]` in
//! usage lines, the help flag and subcommand) is replaced by Sprout's words, and clap's errors
//! are said here from what they are about (their kind and context), never in clap's sentences.
//!
//! The words depend on the language, so `--lang` is read before the parser is built
//! ([`requested_language`], with clap's own lexer); clap then parses it like any other option and
//! rejects an unknown tag, which is said in every language since none was chosen.

use std::ffi::OsString;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, ArgMatches, Command};
use sprout_runtime::messages::Language;

use crate::words::{in_every_language, text, tr};

/// The exit status of a command used wrongly (an unknown option, a missing argument).
pub(crate) const USAGE_ERROR: u8 = 2;

/// The language `--lang TAG` or `--lang=TAG` asks for, wherever it is on the line (the last one
/// wins; nothing after `--` counts); Chinese when none is given or the tag is unknown, which the
/// parser then reports.
pub(crate) fn requested_language(arguments: &[OsString]) -> Language {
    let raw = clap_lex::RawArgs::new(arguments.iter().skip(1));
    let mut cursor = raw.cursor();
    let mut language = Language::default();
    while let Some(argument) = raw.next(&mut cursor) {
        if argument.is_escape() {
            break;
        }
        if let Some((Ok("lang"), value)) = argument.to_long() {
            let tag = value.or_else(|| raw.next_os(&mut cursor));
            language = tag.and_then(|tag| tag.to_str()).and_then(Language::from_tag).unwrap_or(language);
        }
    }
    language
}

/// The whole command line in `language`: `sprout` with `subcommands`, the help subcommand, and
/// every word in place, ready to parse.
pub(crate) fn command(language: Language, subcommands: Vec<Command>) -> Command {
    let mut shape = tree(language, subcommands);
    // clap writes `[OPTIONS]` into the usage lines it makes; each command's line is made once on
    // a built copy and given back, with Sprout's placeholder, as that command's own usage.
    let mut built = shape.clone();
    built.build();
    let names: Vec<String> = shape.get_subcommands().map(|sub| sub.get_name().to_string()).collect();
    for name in names {
        if let Some(sub) = built.find_subcommand_mut(&name) {
            let usage = usage_line(sub, language);
            shape = shape.mut_subcommand(&name, |sub| sub.override_usage(usage));
        }
    }
    let usage = usage_line(&mut built, language);
    let mut command = shape.override_usage(usage);
    command.build();
    command
}

/// The command tree with its words, before usage lines are made.
fn tree(language: Language, subcommands: Vec<Command>) -> Command {
    let root = Command::new("sprout")
        .version(env!("CARGO_PKG_VERSION"))
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .subcommand_required(true)
        .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version))
        .arg(
            Arg::new("lang")
                .long("lang")
                .global(true)
                .display_order(SHARED_OPTIONS_LAST)
                .value_parser(|tag: &str| Language::from_tag(tag).ok_or_else(|| tag.to_string()))
                .default_value(Language::default().tag()),
        );
    let help = Command::new("help").arg(Arg::new("command"));
    with_words(root, language)
        .subcommands(subcommands.into_iter().chain([help]).map(|subcommand| with_words(subcommand, language)))
}

/// `command` with its words from `command-NAME` (see the module's documentation), the help flag,
/// and clap's headings in `language`. Repeating an option is no mistake: the last one wins.
fn with_words(command: Command, language: Language) -> Command {
    let id = format!("command-{}", command.get_name());
    let options = tr(language, "cli-options-heading", &[]);
    let arguments = tr(language, "cli-arguments-heading", &[]);
    let ids: Vec<String> = command.get_arguments().map(|arg| arg.get_id().to_string()).collect();
    let mut command = command
        .about(tr(language, &id, &[]))
        .help_template(format!(
            "{{about-with-newline}}\n{}\n\n{{all-args}}{{after-help}}",
            tr(language, "cli-usage", &[("usage", &"{usage}")])
        ))
        .subcommand_help_heading(tr(language, "cli-commands-heading", &[]))
        .subcommand_value_name(tr(language, "cli-command-value", &[]))
        .args_override_self(true)
        .disable_help_flag(true);
    if let Some(after) = text(language, &format!("{id}.after")) {
        command = command.after_help(after);
    }
    for arg_id in ids {
        command = command.mut_arg(&arg_id, |arg| {
            let default: Vec<String> =
                arg.get_default_values().iter().map(|value| value.to_string_lossy().into_owned()).collect();
            let heading = if arg.is_positional() { arguments.clone() } else { options.clone() };
            let takes_values = arg.get_action().takes_values();
            let arg = arg
                .help(tr(language, &format!("{id}.{arg_id}"), &[("default", &default.join(" "))]))
                .help_heading(heading);
            if takes_values {
                // The default is in the words (`$default`), where clap would add it in English.
                arg.value_name(tr(language, &format!("{id}.{arg_id}-value"), &[])).hide_default_value(true)
            } else {
                arg
            }
        });
    }
    command.arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(tr(language, "cli-help-flag", &[]))
            .help_heading(options)
            .display_order(SHARED_OPTIONS_LAST + 1),
    )
}

/// The options every command has (`--lang`, `--help`) are listed after its own.
const SHARED_OPTIONS_LAST: usize = usize::MAX - 1;

/// `command`'s usage line without clap's heading, with Sprout's placeholder for its options.
fn usage_line(command: &mut Command, language: Language) -> String {
    let rendered = command.render_usage().to_string();
    let line = rendered.trim().strip_prefix("Usage:").unwrap_or(&rendered).trim();
    line.replace("[OPTIONS]", &tr(language, "cli-options-placeholder", &[]))
}

/// `sprout help [COMMAND]`: the help of `sprout` or of one of its commands, on stdout.
pub(crate) fn help(arguments: &ArgMatches, language: Language, subcommands: Vec<Command>) -> ExitCode {
    let mut root = command(language, subcommands);
    let help = match arguments.get_one::<String>("command") {
        None => root.render_help(),
        Some(name) => match root.find_subcommand_mut(name) {
            Some(subcommand) => subcommand.render_help(),
            None => {
                let usage = tr(language, "cli-usage", &[("usage", &usage_line(&mut root, language))]);
                let more = tr(language, "cli-more-help", &[("command", &"sprout")]);
                say_error!("sprout: {}\n{usage}\n{more}", tr(language, "cli-unknown-command", &[("command", name)]));
                return ExitCode::from(USAGE_ERROR);
            }
        },
    };
    say!("{}", help.to_string().trim_end());
    ExitCode::SUCCESS
}

/// Says what clap found: help and the version on stdout (exit status 0), a usage error on stderr
/// in `language` with the usage line of the command it concerns (exit status 2).
pub(crate) fn report(
    error: &clap::Error,
    language: Language,
    arguments: &[OsString],
    subcommands: Vec<Command>,
) -> ExitCode {
    if !error.use_stderr() {
        let _ = error.print();
        return ExitCode::SUCCESS;
    }
    if let Some(message) = language_error(error) {
        say_error!("sprout: {message}");
        return ExitCode::from(USAGE_ERROR);
    }
    // What the line meant so far, read again without stopping at the mistake: which command it
    // is about, and which of its required arguments it has.
    let meant = tree(language, subcommands.clone()).ignore_errors(true).try_get_matches_from(arguments).ok();
    let subcommand = meant.as_ref().and_then(ArgMatches::subcommand);
    let mut lines = what_is_wrong(error, subcommand, &subcommands, language);
    let mut root = command(language, subcommands);
    if error.kind() == ErrorKind::MissingSubcommand {
        // Someone who typed no command is shown them all.
        lines.push(root.render_help().to_string().trim_end().to_string());
        say_error!("sprout: {}", lines.join("\n\n"));
        return ExitCode::from(USAGE_ERROR);
    }
    let name = subcommand.map(|(name, _)| name.to_string());
    let target = match &name {
        Some(name) => root.find_subcommand_mut(name),
        None => Some(&mut root),
    };
    if let Some(target) = target {
        lines.push(tr(language, "cli-usage", &[("usage", &usage_line(target, language))]));
    }
    let path = name.map_or("sprout".to_string(), |name| format!("sprout {name}"));
    lines.push(tr(language, "cli-more-help", &[("command", &path)]));
    say_error!("sprout: {}", lines.join("\n"));
    ExitCode::from(USAGE_ERROR)
}

/// What clap found about `--lang` (a missing or unknown tag), said in every language since none
/// was chosen; `None` when the error is about something else.
fn language_error(error: &clap::Error) -> Option<String> {
    let option = context(error, ContextKind::InvalidArg);
    let value = context(error, ContextKind::InvalidValue);
    let about_language = option.split_whitespace().next() == Some("--lang");
    if !about_language || !matches!(error.kind(), ErrorKind::InvalidValue | ErrorKind::ValueValidation) {
        return None;
    }
    Some(if value.is_empty() {
        in_every_language("cli-needs-value", &[("option", &"--lang")])
    } else {
        in_every_language("cli-unknown-language", &[("tag", &value)])
    })
}

/// A usage error in words, from its kind and context: what is wrong, and the option or command
/// probably meant when clap found one. `subcommand` is the command the line is about, with what
/// it was given.
fn what_is_wrong(
    error: &clap::Error,
    subcommand: Option<(&str, &ArgMatches)>,
    subcommands: &[Command],
    language: Language,
) -> Vec<String> {
    let invalid = context(error, ContextKind::InvalidArg);
    // clap names an option with its value (`--seed <N>`): the option is its first word.
    let option = invalid.split_whitespace().next().unwrap_or_default().to_string();
    let value = context(error, ContextKind::InvalidValue);
    let mut lines = match error.kind() {
        ErrorKind::InvalidValue if value.is_empty() => vec![tr(language, "cli-needs-value", &[("option", &option)])],
        // Every value clap validates, but for `--lang`, is a whole number.
        ErrorKind::ValueValidation => {
            vec![tr(language, "cli-needs-number", &[("option", &option), ("value", &value)])]
        }
        ErrorKind::UnknownArgument => {
            let id = if invalid.starts_with('-') { "cli-unknown-option" } else { "cli-unexpected-argument" };
            vec![tr(language, id, &[("option", &invalid), ("argument", &invalid)])]
        }
        ErrorKind::InvalidSubcommand => {
            let command = context(error, ContextKind::InvalidSubcommand);
            vec![tr(language, "cli-unknown-command", &[("command", &command)])]
        }
        ErrorKind::MissingSubcommand => vec![tr(language, "cli-missing-command", &[])],
        ErrorKind::MissingRequiredArgument => missing(subcommand, subcommands, language),
        // Kinds no option of Sprout's can cause: clap's own sentence is better than none.
        _ => vec![error.render().to_string().trim().trim_start_matches("error: ").to_string()],
    };
    let suggestion = match (error.get(ContextKind::SuggestedArg), error.get(ContextKind::SuggestedSubcommand)) {
        (Some(ContextValue::String(suggestion)), _) => Some(suggestion.clone()),
        (_, Some(ContextValue::Strings(suggestions))) => suggestions.first().cloned(),
        _ => None,
    };
    lines.extend(suggestion.map(|suggestion| tr(language, "cli-did-you-mean", &[("suggestion", &suggestion)])));
    lines
}

/// The error's context of `kind` as text (several values joined by spaces); empty when it has none.
fn context(error: &clap::Error, kind: ContextKind) -> String {
    match error.get(kind) {
        Some(ContextValue::String(value)) => value.clone(),
        Some(ContextValue::Strings(values)) => values.join(" "),
        _ => String::new(),
    }
}

/// What is missing from `subcommand`'s line: each absent required argument's `NAME-needs-ID`.
fn missing(subcommand: Option<(&str, &ArgMatches)>, subcommands: &[Command], language: Language) -> Vec<String> {
    let Some((name, given)) = subcommand else { return Vec::new() };
    let Some(shape) = subcommands.iter().find(|shape| shape.get_name() == name) else { return Vec::new() };
    shape
        .get_arguments()
        .filter(|arg| arg.is_required_set() && !given.contains_id(arg.get_id().as_str()))
        .map(|arg| tr(language, &format!("{name}-needs-{}", arg.get_id()), &[]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and argument has its words in both languages: a missing one would show as
    /// its id (`tr`'s fallback), and English falls back to Chinese, which `help` here rules out by
    /// asking that the English help has no Chinese.
    #[test]
    fn every_command_and_argument_has_words() {
        for language in Language::ALL {
            let mut root = command(language, crate::subcommands());
            let mut helps = vec![root.render_help().to_string()];
            let names: Vec<String> = root.get_subcommands().map(|sub| sub.get_name().to_string()).collect();
            for name in &names {
                if let Some(sub) = root.find_subcommand_mut(name) {
                    helps.push(sub.render_help().to_string());
                }
            }
            for help in &helps {
                assert!(
                    !help.contains("command-") && !help.contains("cli-"),
                    "{language:?}: an id without words:\n{help}"
                );
                // clap's own words; the English ones Sprout shares with it are left out in English.
                let clap_words = ["[OPTIONS]", "Print help", "Print version", "[default:", "Usage:", "Options:"];
                let shared = if language == Language::En { 4 } else { clap_words.len() };
                for clap_word in &clap_words[..shared] {
                    assert!(!help.contains(clap_word), "{language:?}: clap's own `{clap_word}` in:\n{help}");
                }
                let chinese = help.chars().any(|character| ('\u{4e00}'..='\u{9fff}').contains(&character));
                assert_eq!(chinese, language == Language::ZhCn, "{language:?}:\n{help}");
            }
        }
    }

    /// Each required argument has the sentence said when it is missing.
    #[test]
    fn every_required_argument_says_when_it_is_missing() {
        let mut missing = Vec::new();
        for shape in crate::subcommands() {
            for arg in shape.get_arguments().filter(|arg| arg.is_required_set()) {
                let id = format!("{}-needs-{}", shape.get_name(), arg.get_id());
                if Language::ALL.iter().any(|&language| text(language, &id).is_none()) {
                    missing.push(id);
                }
            }
        }
        assert_eq!(missing, Vec::<String>::new());
    }

    #[test]
    fn the_language_is_read_wherever_it_is() {
        let cases: &[(&[&str], Language)] = &[
            (&[], Language::ZhCn),
            (&["run", "a.rhai"], Language::ZhCn),
            (&["--lang", "en", "check", "x"], Language::En),
            (&["check", "x", "--lang", "en"], Language::En),
            (&["check", "--lang=en", "x"], Language::En),
            (&["--lang", "en", "check", "--lang", "zh"], Language::ZhCn),
            (&["--lang", "en", "run", "--lang", "fr"], Language::En),
            (&["run", "--lang"], Language::ZhCn),
            (&["run", "--", "--lang", "en"], Language::ZhCn),
        ];
        for (words, expected) in cases {
            let arguments: Vec<OsString> = ["sprout"].iter().chain(words.iter()).map(OsString::from).collect();
            assert_eq!(requested_language(&arguments), *expected, "{words:?}");
        }
    }
}
