//! The console: what the program printed so far, its mistake in words, and how the run ended.
//!
//! During playback it shows the output up to the moment on screen; the mistake and the ending
//! appear when playback gets there.

use sprout_runtime::messages::Language;
use sprout_runtime::{Event, Outcome};
use yew::prelude::*;

use crate::i18n::{tr, tr_with, Text};
use crate::shell::context::use_language;
use crate::state::{SharedReport, Status};

/// Props of [`Console`].
#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    /// Where the run stands.
    pub status: Status,
    /// The run on screen, if any.
    pub report: Option<SharedReport>,
    /// How many of its events are on screen.
    pub shown: usize,
    /// Whether playback got to the end of the run.
    pub completed: bool,
}

/// The output console, the diagnostic ("第 L 行第 C 列：…" and a hint) and a status line.
#[component]
pub fn Console(props: &ConsoleProps) -> Html {
    let language = use_language();
    let output: std::rc::Rc<AttrValue> = use_memo((props.report.clone(), props.shown), |(report, shown)| {
        let trace = report.as_ref().map_or(&[][..], |report| &report.0.run.trace[..*shown]);
        trace
            .iter()
            .filter_map(|event| match &event.event {
                Event::Output { text } => Some(text.as_str()),
                _ => None,
            })
            .collect::<String>()
            .into()
    });
    let ended = props.report.as_ref().filter(|_| props.completed);
    html! {
        <section class="panel output" aria-labelledby="console-heading">
            <h2 id="console-heading">{ tr(language, Text::ConsoleHeading) }</h2>
            <pre class="console" role="log" aria-live="polite" aria-labelledby="console-heading">
                { (*output).clone() }
            </pre>
            { diagnostic(language, ended) }
            <p class="status" role="status">{ status_text(language, props.status, ended) }</p>
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
        Status::Playing => tr(language, Text::StatusPlaying),
        Status::Checking => tr(language, Text::StatusChecking),
        Status::Checked => tr(language, Text::StatusChecked),
        Status::Stopped => tr(language, Text::StatusStopped),
        Status::WorkerFailed => tr(language, Text::StatusWorkerFailed),
        Status::AiFailed => tr(language, Text::AiLoadFailed),
        Status::Finished => match report.map(|report| &report.0.run.outcome) {
            Some(Outcome::TimeUp) => tr(language, Text::StatusTimeUp),
            // A failed run speaks through its diagnostic.
            Some(Outcome::Failed { .. }) => "",
            _ => tr(language, Text::StatusFinished),
        },
    }
}
