//! Problems, feedback and verdicts as sentences, in Chinese (the default) and English.
//!
//! The texts live in `lessons/locales/<language>/lessons.ftl`, one message per [`ProblemCode`],
//! [`FeedbackCode`] and [`Verdict`], read through the runtime's [`Catalog`]; tests check that every
//! code has a message and that every language has the Chinese messages. Runtime diagnostics inside
//! feedback are put into words by `sprout_runtime::messages`.

use sprout_runtime::messages::{Catalog, Language};

use crate::grade::{Feedback, FeedbackCode, Verdict};
use crate::problem::Problem;

fn sources(language: Language) -> &'static str {
    match language {
        Language::ZhCn => include_str!("../locales/zh-CN/lessons.ftl"),
        Language::En => include_str!("../locales/en/lessons.ftl"),
    }
}

thread_local! {
    static WORDS: Catalog = const { Catalog::new(sources) };
}

/// The message `id` with `args` (in Chinese when `language` lacks it), or `None` when there is no
/// such message.
pub fn message(language: Language, id: &str, args: &[(&str, &str)]) -> Option<String> {
    WORDS.with(|words| words.format(language, id, args))
}

fn with_fallback(language: Language, id: &str, args: &[(&str, &str)]) -> String {
    message(language, id, args).unwrap_or_else(|| {
        let arguments: Vec<String> = args.iter().map(|(name, value)| format!("{name} = {value}")).collect();
        format!("{id} ({})", arguments.join(", "))
    })
}

/// A problem as `file:line: sentence`.
pub fn describe_problem(problem: &Problem, language: Language) -> String {
    let args: Vec<(&str, &str)> = problem.args.iter().map(|(name, value)| (name.as_str(), value.as_str())).collect();
    let text = with_fallback(language, &format!("problem-{}", problem.code.id()), &args);
    match problem.line {
        Some(line) => format!("{}:{line}: {text}", problem.file),
        None => format!("{}: {text}", problem.file),
    }
}

/// The verdict's name (`通过`, `答案错误`, …).
pub fn verdict_name(verdict: Verdict, language: Language) -> String {
    let id =
        serde_json::to_value(verdict).ok().and_then(|value| value.as_str().map(str::to_string)).unwrap_or_default();
    with_fallback(language, &format!("verdict-{}", id.replace('_', "-")), &[])
}

/// Feedback as a sentence; a program's diagnostic is appended in words.
pub fn describe_feedback(feedback: &Feedback, language: Language) -> String {
    let args: Vec<(&str, &str)> = feedback.args.iter().map(|(name, value)| (name.as_str(), value.as_str())).collect();
    let mut text = with_fallback(language, &format!("feedback-{}", feedback.code.id()), &args);
    if let Some(diagnostic) = &feedback.diagnostic {
        let described = sprout_runtime::messages::describe(diagnostic, language);
        let place =
            diagnostic.position.map(|position| format!("{}:{} ", position.line, position.column)).unwrap_or_default();
        text.push_str(&format!("\n{place}{}", described.text));
        if let Some(hint) = described.hint {
            text.push_str(&format!("\n{hint}"));
        }
    }
    if feedback.code == FeedbackCode::NotResolved {
        text.push_str(" (not-resolved)");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::ProblemCode;

    #[test]
    fn every_language_has_the_chinese_messages_with_the_same_variables() {
        assert_eq!(WORDS.with(Catalog::problems), Vec::<String>::new());
    }

    #[test]
    fn every_code_has_a_message() {
        let verdicts = [
            Verdict::Passed,
            Verdict::WrongAnswer,
            Verdict::RuntimeError,
            Verdict::CompileError,
            Verdict::LimitExceeded,
        ];
        let ids = ProblemCode::ALL
            .iter()
            .map(|code| format!("problem-{}", code.id()))
            .chain(FeedbackCode::ALL.iter().map(|code| format!("feedback-{}", code.id())));
        let mut missing: Vec<String> = ids.filter(|id| message(Language::ZhCn, id, &[]).is_none()).collect();
        missing.extend(
            verdicts
                .map(|verdict| verdict_name(verdict, Language::ZhCn))
                .into_iter()
                .filter(|name| name.starts_with("verdict-")),
        );
        assert!(missing.is_empty(), "missing messages: {missing:?}");
    }

    #[test]
    fn problems_and_feedback_read_as_sentences() {
        let problem = Problem::new("a.md", ProblemCode::BadLevel).at(3).with("level", 9);
        assert_eq!(describe_problem(&problem, Language::ZhCn), "a.md:3: 难度 level = 9 不对：要在 1 到 5 之间。");
        assert_eq!(describe_problem(&problem, Language::En), "a.md:3: level = 9 is wrong: it must be from 1 to 5.");
        let feedback = Feedback {
            code: FeedbackCode::WrongValue,
            args: [("call", "add(1, 2)"), ("expected", "3"), ("got", "12")]
                .into_iter()
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect(),
            diagnostic: None,
        };
        assert_eq!(describe_feedback(&feedback, Language::ZhCn), "add(1, 2) 应该得到 3，你的程序得到 12。");
        assert_eq!(verdict_name(Verdict::WrongAnswer, Language::ZhCn), "答案错误");
    }
}
