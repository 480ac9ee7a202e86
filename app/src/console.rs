//! The console: what the program printed, its mistake in words, and how the run ended.

use sprout_runtime::messages::Language;
use sprout_runtime::Outcome;
use yew::prelude::*;

use crate::i18n::{tr, tr_with, Text};
use crate::state::{SharedReport, Status};

/// Props of [`Console`].
#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    /// The interface language.
    pub language: Language,
    /// Where the run stands.
    pub status: Status,
    /// The last finished run, if any.
    pub report: Option<SharedReport>,
}

/// The output console, the diagnostic ("第 L 行第 C 列：…" and a hint) and a status line.
#[component]
pub fn Console(props: &ConsoleProps) -> Html {
    let language = props.language;
    let report = props.report.as_ref().map(|report| &*report.0);
    html! {
        <section class="panel output" aria-labelledby="console-heading">
            <h2 id="console-heading">{ tr(language, Text::ConsoleHeading) }</h2>
            <pre class="console" role="log" aria-live="polite" aria-labelledby="console-heading">
                { report.map(|report| report.run.output()).unwrap_or_default() }
            </pre>
            { diagnostic(language, props.report.as_ref()) }
            <p class="status" role="status">{ status_text(language, props.status, props.report.as_ref()) }</p>
        </section>
    }
}

fn diagnostic(language: Language, report: Option<&SharedReport>) -> Html {
    let Some(SharedReport(report)) = report else {
        return Html::default();
    };
    let (Some(diagnostic), Some(message)) = (report.run.diagnostic(), report.message(language)) else {
        return Html::default();
    };
    let position = diagnostic
        .position
        .map(|position| {
            let values = [("line", position.line.to_string()), ("column", position.column.to_string())];
            tr_with(language, Text::DiagnosticPosition, &values)
        })
        .unwrap_or_default();
    html! {
        <div class="diagnostic" role="alert">
            <p class="message">{ position }{ &message.text }</p>
            if let Some(hint) = &message.hint {
                <p class="hint">{ tr(language, Text::HintPrefix) }{ hint }</p>
            }
        </div>
    }
}

fn status_text(language: Language, status: Status, report: Option<&SharedReport>) -> &'static str {
    match status {
        Status::Idle => "",
        Status::Running => tr(language, Text::StatusRunning),
        Status::Checking => tr(language, Text::StatusChecking),
        Status::Checked => tr(language, Text::StatusChecked),
        Status::Stopped => tr(language, Text::StatusStopped),
        Status::WorkerFailed => tr(language, Text::StatusWorkerFailed),
        Status::Finished => match report.map(|report| &report.0.run.outcome) {
            Some(Outcome::TimeUp) => tr(language, Text::StatusTimeUp),
            // A failed run speaks through its diagnostic.
            Some(Outcome::Failed { .. }) => "",
            _ => tr(language, Text::StatusFinished),
        },
    }
}
