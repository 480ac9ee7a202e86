//! The student app's page: editor, run controls, console and stage.
//!
//! The page holds one [`State`] and owns the script worker. Running a program posts it to the
//! worker; stopping drops the worker (which terminates it) and the effect keyed on
//! [`State::worker_generation`] starts a fresh one, so the UI thread never runs student code.

use std::cell::RefCell;
use std::rc::Rc;

use sprout_runtime::messages::Language;
use sprout_runtime::RunInput;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::console::Console;
use crate::editor::{CodeEditor, EditorDiagnostic};
use crate::i18n::{tr, tr_with, Text};
use crate::protocol::RunRequest;
use crate::script_worker::{ScriptWorker, WorkerEvent};
use crate::stage::{LedBoard, TurtleCanvas};
use crate::state::{Action, SharedReport, State, Status};

/// The whole student app.
#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);
    let worker: Rc<RefCell<Option<ScriptWorker>>> = use_mut_ref(|| None);

    {
        let (worker, dispatcher) = (worker.clone(), state.dispatcher());
        use_effect_with(state.worker_generation, move |_| {
            let on_event = Callback::from(move |event| {
                dispatcher.dispatch(match event {
                    WorkerEvent::Finished(report) => Action::Finish(report),
                    WorkerEvent::Failed => Action::WorkerFailed,
                })
            });
            // Dropping the old worker terminates it. A worker that cannot even be created (a page
            // opened from disk) is reported when the student presses Run.
            *worker.borrow_mut() = None;
            *worker.borrow_mut() = ScriptWorker::spawn(on_event).ok();
        });
    }
    use_effect_with(state.language, |&language| {
        if let Some(document) = web_sys::window().and_then(|window| window.document()) {
            document.set_title(tr(language, Text::AppTitle));
            if let Some(root) = document.document_element() {
                let _ = root.set_attribute("lang", language_tag(language));
            }
        }
    });

    let run = {
        let (state, worker) = (state.clone(), worker.clone());
        Callback::from(move |()| {
            if state.status == Status::Running {
                return;
            }
            let request = RunRequest {
                program: state.program.clone(),
                input: RunInput {
                    lines: state.input.lines().map(str::to_string).collect(),
                    // Classroom runs may differ from run to run; graded runs use the lesson's seed.
                    seed: (js_sys::Math::random() * 2f64.powi(53)) as u64,
                    ..RunInput::default()
                },
            };
            state.dispatch(Action::Start);
            match &*worker.borrow() {
                Some(worker) => worker.run(&request),
                None => state.dispatch(Action::WorkerFailed),
            }
        })
    };
    let on_run_click = run.reform(|_: MouseEvent| ());
    let on_stop_click = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Stop))
    };
    let on_program_change = {
        let state = state.clone();
        Callback::from(move |program: String| state.dispatch(Action::EditProgram(program)))
    };
    let on_input_input = {
        let state = state.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlTextAreaElement = event.target_unchecked_into();
            state.dispatch(Action::EditInput(input.value()));
        })
    };

    let language = state.language;
    let running = state.status == Status::Running;
    let report = state.report.clone();
    html! {
        <>
            <header class="top">
                <h1>{ tr(language, Text::AppTitle) }</h1>
                <div class="languages" role="group" aria-label={tr(language, Text::LanguageSwitch)}>
                    { for Language::ALL.iter().map(|&choice| {
                        let onclick = {
                            let state = state.clone();
                            Callback::from(move |_: MouseEvent| state.dispatch(Action::SetLanguage(choice)))
                        };
                        html! {
                            <button type="button" lang={language_tag(choice)} aria-pressed={(choice == language).to_string()} {onclick}>
                                { tr(choice, Text::LanguageName) }
                            </button>
                        }
                    }) }
                </div>
            </header>
            <main class="workspace">
                <section class="panel code">
                    <label for="editor">{ tr(language, Text::EditorLabel) }</label>
                    <CodeEditor id="editor" value={state.program.clone()} on_change={on_program_change} on_run={run}
                        label={tr(language, Text::EditorLabel)} description={editor_description(language)}
                        diagnostic={editor_diagnostic(language, report.as_ref())} />
                    <div class="controls">
                        <button type="button" class="run" disabled={running} aria-label={tr(language, Text::RunButton)}
                            aria-description={tr(language, Text::RunDescription)} onclick={on_run_click}>
                            { "▶ " }{ tr(language, Text::RunButton) }
                        </button>
                        <button type="button" class="stop" disabled={!running} aria-label={tr(language, Text::StopButton)}
                            aria-description={tr(language, Text::StopDescription)} onclick={on_stop_click}>
                            { "■ " }{ tr(language, Text::StopButton) }
                        </button>
                    </div>
                    <label for="program-input">{ tr(language, Text::InputLabel) }</label>
                    <textarea id="program-input" class="program-input" spellcheck="false" rows="3"
                        value={state.input.clone()} oninput={on_input_input} />
                </section>
                <Console {language} status={state.status} report={report.clone()} />
                <div class="stage">
                    <TurtleCanvas {language} report={report.clone()} />
                    <LedBoard {language} {report} />
                </div>
            </main>
        </>
    }
}

/// The last run's mistake, for the editor to underline: where it is and what it is, in words.
fn editor_diagnostic(language: Language, report: Option<&SharedReport>) -> Option<EditorDiagnostic> {
    let SharedReport(report) = report?;
    let position = report.run.diagnostic()?.position?;
    let values = [("line", position.line.to_string()), ("column", position.column.to_string())];
    let message = report.message(language).map(|message| message.text.as_str()).unwrap_or_default();
    let message = format!("{}{message}", tr_with(language, Text::DiagnosticPosition, &values));
    Some(EditorDiagnostic { line: position.line, column: position.column, message: message.into() })
}

/// How to leave the editor with the keyboard. It belongs in the `i18n` table (as
/// `Text::EditorDescription`), which is being reworked alongside the lessons.
fn editor_description(language: Language) -> &'static str {
    match language {
        Language::ZhCn => "按 Esc 再按 Tab 可以离开编辑器；Tab 键在编辑器里用来缩进。",
        Language::En => "Press Esc then Tab to leave the editor; inside it, Tab indents.",
    }
}

fn language_tag(language: Language) -> &'static str {
    match language {
        Language::ZhCn => "zh-CN",
        Language::En => "en",
    }
}
