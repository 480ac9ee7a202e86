//! The student app's page: editor, run controls, console and stage.
//!
//! The page holds one [`State`] and owns the script worker. Running a program posts it to the
//! worker; stopping drops the worker (which terminates it) and the effect keyed on
//! [`State::worker_generation`] starts a fresh one, so the UI thread never runs student code.

use std::cell::RefCell;
use std::rc::Rc;

use sprout_runtime::messages::Language;
use sprout_runtime::RunInput;
use web_sys::{HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

use crate::console::Console;
use crate::i18n::{tr, Text};
use crate::protocol::RunRequest;
use crate::script_worker::{ScriptWorker, WorkerEvent};
use crate::stage::{LedBoard, TurtleCanvas};
use crate::state::{Action, State, Status};

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
    let on_program_input = {
        let state = state.clone();
        Callback::from(move |event: InputEvent| {
            let editor: HtmlTextAreaElement = event.target_unchecked_into();
            state.dispatch(Action::EditProgram(editor.value()));
        })
    };
    let on_program_keydown = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
            event.prevent_default();
            run.emit(());
        }
    });
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
                    <textarea id="editor" class="editor" spellcheck="false" autocomplete="off" autocapitalize="off"
                        value={state.program.clone()} oninput={on_program_input} onkeydown={on_program_keydown} />
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

fn language_tag(language: Language) -> &'static str {
    match language {
        Language::ZhCn => "zh-CN",
        Language::En => "en",
    }
}
