//! The app's own words, in Chinese (the default) and English.
//!
//! Each piece of text has a stable id (a [`Text`]); each language has one table from id to text,
//! and a test checks that every table has every id with the same placeholders. A missing entry
//! falls back to Chinese. Diagnostics are not in here: the runtime puts them into words.

use sprout_runtime::messages::Language;

/// A piece of UI text, by its stable id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    /// The app's name, in the header and the window title.
    AppTitle,
    /// The name of the language itself, shown on its button in the language switch.
    LanguageName,
    /// Label of the group of language buttons.
    LanguageSwitch,
    /// Label of the program editor.
    EditorLabel,
    /// Label of the box with the lines that `input()` reads.
    InputLabel,
    /// The run button.
    RunButton,
    /// What the run button does, for screen readers.
    RunDescription,
    /// The stop button.
    StopButton,
    /// What the stop button does, for screen readers.
    StopDescription,
    /// Heading of the output console.
    ConsoleHeading,
    /// Status while a program runs.
    StatusRunning,
    /// Status after the student stopped the program.
    StatusStopped,
    /// Status after a program ended by itself.
    StatusFinished,
    /// Status after a program used up its virtual time.
    StatusTimeUp,
    /// Status after the worker itself failed.
    StatusWorkerFailed,
    /// Where a mistake is. Placeholders: `{line}`, `{column}`.
    DiagnosticPosition,
    /// Before a diagnostic's hint.
    HintPrefix,
    /// Heading of the turtle canvas.
    CanvasHeading,
    /// Description of the canvas for screen readers. Placeholder: `{count}` (lines drawn).
    CanvasDescription,
    /// Heading of the LED board.
    LedHeading,
    /// Description of the LED board for screen readers. Placeholder: `{count}` (LEDs on).
    LedDescription,
    /// The program the editor starts with.
    StarterProgram,
}

impl Text {
    /// Every id, for the completeness test.
    pub const ALL: [Text; 22] = [
        Text::AppTitle,
        Text::LanguageName,
        Text::LanguageSwitch,
        Text::EditorLabel,
        Text::InputLabel,
        Text::RunButton,
        Text::RunDescription,
        Text::StopButton,
        Text::StopDescription,
        Text::ConsoleHeading,
        Text::StatusRunning,
        Text::StatusStopped,
        Text::StatusFinished,
        Text::StatusTimeUp,
        Text::StatusWorkerFailed,
        Text::DiagnosticPosition,
        Text::HintPrefix,
        Text::CanvasHeading,
        Text::CanvasDescription,
        Text::LedHeading,
        Text::LedDescription,
        Text::StarterProgram,
    ];
}

const ZH_CN: &[(Text, &str)] = &[
    (Text::AppTitle, "萌芽编程"),
    (Text::LanguageName, "中文"),
    (Text::LanguageSwitch, "界面语言"),
    (Text::EditorLabel, "程序"),
    (Text::InputLabel, "输入（每行给 input() 一次）"),
    (Text::RunButton, "运行"),
    (Text::RunDescription, "运行程序（Ctrl+Enter）"),
    (Text::StopButton, "停止"),
    (Text::StopDescription, "停止正在运行的程序"),
    (Text::ConsoleHeading, "输出"),
    (Text::StatusRunning, "正在运行……"),
    (Text::StatusStopped, "已停止"),
    (Text::StatusFinished, "运行结束"),
    (Text::StatusTimeUp, "时间到，程序停下来了"),
    (Text::StatusWorkerFailed, "运行器出了问题，已经重新准备好，请再运行一次"),
    (Text::DiagnosticPosition, "第 {line} 行第 {column} 列："),
    (Text::HintPrefix, "提示："),
    (Text::CanvasHeading, "海龟画布"),
    (Text::CanvasDescription, "海龟画布：画了 {count} 条线"),
    (Text::LedHeading, "LED 点阵"),
    (Text::LedDescription, "LED 点阵：{count} 个灯亮着"),
    (
        Text::StarterProgram,
        "// 按 Ctrl+Enter 也能运行。\n\
         print(\"你好，萌芽！\");\n\
         pen_color(\"green\");\n\
         pen_width(3);\n\
         for i in 0..5 {\n    forward(150);\n    right(144);\n}\n\
         led_plot(2, 2);\n",
    ),
];

const EN: &[(Text, &str)] = &[
    (Text::AppTitle, "Sprout"),
    (Text::LanguageName, "English"),
    (Text::LanguageSwitch, "Interface language"),
    (Text::EditorLabel, "Program"),
    (Text::InputLabel, "Input (one line per input() call)"),
    (Text::RunButton, "Run"),
    (Text::RunDescription, "Run the program (Ctrl+Enter)"),
    (Text::StopButton, "Stop"),
    (Text::StopDescription, "Stop the running program"),
    (Text::ConsoleHeading, "Output"),
    (Text::StatusRunning, "Running…"),
    (Text::StatusStopped, "Stopped"),
    (Text::StatusFinished, "Finished"),
    (Text::StatusTimeUp, "Time is up, the program was stopped"),
    (Text::StatusWorkerFailed, "The runner had a problem and was restarted; please run again"),
    (Text::DiagnosticPosition, "Line {line}, column {column}: "),
    (Text::HintPrefix, "Hint: "),
    (Text::CanvasHeading, "Turtle canvas"),
    (Text::CanvasDescription, "Turtle canvas: {count} lines drawn"),
    (Text::LedHeading, "LED board"),
    (Text::LedDescription, "LED board: {count} lights on"),
    (
        Text::StarterProgram,
        "// Ctrl+Enter runs the program too.\n\
         print(\"Hello, Sprout!\");\n\
         pen_color(\"green\");\n\
         pen_width(3);\n\
         for i in 0..5 {\n    forward(150);\n    right(144);\n}\n\
         led_plot(2, 2);\n",
    ),
];

fn table(language: Language) -> &'static [(Text, &'static str)] {
    match language {
        Language::ZhCn => ZH_CN,
        Language::En => EN,
    }
}

fn lookup(language: Language, text: Text) -> Option<&'static str> {
    table(language).iter().find(|(id, _)| *id == text).map(|(_, words)| *words)
}

/// `text` in `language`, falling back to Chinese.
pub fn tr(language: Language, text: Text) -> &'static str {
    lookup(language, text).or_else(|| lookup(Language::ZhCn, text)).unwrap_or_default()
}

/// `text` in `language` with each `{name}` placeholder replaced by its value.
pub fn tr_with(language: Language, text: Text, values: &[(&str, String)]) -> String {
    values
        .iter()
        .fold(tr(language, text).to_string(), |words, (name, value)| words.replace(&format!("{{{name}}}"), value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(words: &str) -> Vec<&str> {
        words
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .filter(|name| name.chars().all(|c| c.is_ascii_lowercase()))
            .collect()
    }

    #[test]
    fn every_language_has_every_id_once() {
        for language in Language::ALL {
            for text in Text::ALL {
                let count = table(language).iter().filter(|(id, _)| *id == text).count();
                assert_eq!(count, 1, "{language:?} has {text:?} {count} times");
                assert!(!tr(language, text).is_empty(), "{language:?} {text:?} is empty");
            }
            assert_eq!(table(language).len(), Text::ALL.len(), "{language:?} has unknown ids");
        }
    }

    #[test]
    fn every_language_has_the_same_placeholders() {
        for text in Text::ALL {
            let chinese = placeholders(tr(Language::ZhCn, text));
            assert_eq!(chinese, placeholders(tr(Language::En, text)), "{text:?}");
        }
    }

    #[test]
    fn placeholders_are_filled_in() {
        let values = [("line", "3".to_string()), ("column", "7".to_string())];
        assert_eq!(tr_with(Language::ZhCn, Text::DiagnosticPosition, &values), "第 3 行第 7 列：");
        assert_eq!(tr_with(Language::En, Text::DiagnosticPosition, &values), "Line 3, column 7: ");
    }
}
