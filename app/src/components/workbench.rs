//! The workbench shared by a lesson and the free editor: the code editor with the run controls (and,
//! in a lesson, Check, Hint and Start over) in one column, and in the column beside it what the
//! program does: in a lesson the last check's results; the console and stage that play the run back,
//! with the lesson's tool; and the input box. What a check changes is scrolled into view when its
//! results arrive.

use sprout_runtime::messages::Language;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::editor::{CodeEditor, EditorDiagnostic};
use crate::components::icons::{Icon, IconImage};
use crate::components::stage::{Stage, StageKinds};
use crate::i18n::{tr, tr_with, Text};
use crate::shell::context::{use_app, use_language};
use crate::state::playback::{Control, RunStart};
use crate::state::{Action, SharedGrade, SharedSession, Status};
use crate::storage;

/// Scrolls the first element under `root` that matches `selector` into view, as little as it takes
/// (the column it is in scrolls; the rest of the page stays where it is).
pub fn scroll_into_view(root: &web_sys::Element, selector: &str) {
    if let Ok(Some(element)) = root.query_selector(selector) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        element.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// What a lesson adds to the workbench.
#[derive(Clone, PartialEq)]
pub struct LessonControls {
    /// Check the program with the lesson's tests; `None` once a contest's time is up.
    pub on_check: Option<Callback<()>>,
    /// Show the next hint; `None` when every hint is shown.
    pub on_hint: Option<Callback<()>>,
    /// A contest's problem: there are no hints, so there is no hint button.
    pub hints_off: bool,
    /// Put the starter code back.
    pub on_reset: Callback<()>,
    /// Download the code, the stage and the result file as one ZIP.
    pub on_export: Callback<()>,
    /// What Export asks first when the student has not written their name: shown under the buttons.
    pub name_prompt: Html,
}

/// Props of [`Workbench`].
#[derive(Properties, PartialEq)]
pub struct WorkbenchProps {
    /// The stage panels the lesson and the last run need.
    pub stage: StageKinds,
    /// Lesson buttons, in a lesson.
    #[prop_or_default]
    pub lesson: Option<LessonControls>,
    /// The last check's results, shown above the output (in a lesson).
    #[prop_or_default]
    pub grading: Html,
    /// The lesson's tool (the drawing pad, the model lab), shown under the stage.
    #[prop_or_default]
    pub tool: Html,
}

/// The mistake to underline: the last run's once it has played to its end, else the first failed
/// test's.
fn editor_diagnostic(
    language: Language,
    session: &Option<SharedSession>,
    grade: &Option<SharedGrade>,
) -> Option<EditorDiagnostic> {
    let completed = session.as_ref().map(|session| &session.0).filter(|session| session.completed());
    if let Some(report) = completed.and_then(|session| session.report()).map(|report| &report.0) {
        let diagnostic = report.run.diagnostic()?;
        let position = diagnostic.position?;
        let place = tr_with(
            language,
            Text::DiagnosticPosition,
            &[("line", position.line.to_string()), ("column", position.column.to_string())],
        );
        let message = report.message(language).map(|message| message.text.clone()).unwrap_or_default();
        return Some(EditorDiagnostic {
            line: position.line,
            column: position.column,
            message: format!("{place}{message}").into(),
        });
    }
    let SharedGrade(grade) = grade.as_ref()?;
    grade.grade.tests.iter().enumerate().find_map(|(index, test)| {
        let position = test.feedback.as_ref()?.diagnostic.as_ref()?.position?;
        let message = grade.feedback(language, index).unwrap_or_default().to_string();
        Some(EditorDiagnostic { line: position.line, column: position.column, message: message.into() })
    })
}

/// Editor, controls, input, console and stage.
#[component]
pub fn Workbench(props: &WorkbenchProps) -> Html {
    let app = use_app();
    let language = use_language();
    let run = &app.run;
    let busy = run.status.busy();
    // A check's results appear above the output: bring the verdict, the score and the way on into view.
    let results = use_node_ref();
    use_effect_with((run.status, run.grade.clone()), {
        let results = results.clone();
        move |(status, grade)| {
            if let (Status::Checked, Some(_), Some(root)) = (status, grade, results.cast::<web_sys::Element>()) {
                scroll_into_view(&root, ".grading");
            }
        }
    });
    let click = |callback: &Callback<()>| {
        let callback = callback.clone();
        Callback::from(move |_: MouseEvent| callback.emit(()))
    };
    let dispatcher = app.dispatcher();
    let on_edit = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |code: String| dispatcher.dispatch(Action::EditCode(code, storage::now())))
    };
    let on_input = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlTextAreaElement = event.target_unchecked_into();
            dispatcher.dispatch(Action::EditInput(input.value()));
        })
    };
    let on_run = {
        let app = app.clone();
        Callback::from(move |()| {
            app.dispatch(Action::StartRun(RunStart {
                program: app.code(),
                lines: app.run.input.lines().map(str::to_string).collect(),
                // Trying things may differ from run to run; checks use the lesson's seeds.
                seed: (js_sys::Math::random() * (1u64 << 53) as f64) as u64,
            }));
        })
    };
    let on_stop = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |()| dispatcher.dispatch(Action::Stop(js_sys::Date::now())))
    };
    let on_control =
        Callback::from(move |control: Control| dispatcher.dispatch(Action::Playback(control, js_sys::Date::now())));
    let run_description = if props.lesson.is_some() { Text::RunInLesson } else { Text::RunDescription };
    let lesson_buttons = props.lesson.as_ref().map(|lesson| {
        let on_reset = {
            let on_reset = lesson.on_reset.clone();
            let question = tr(language, Text::ResetConfirm);
            Callback::from(move |_: MouseEvent| {
                let confirmed = web_sys::window().and_then(|window| window.confirm_with_message(question).ok()).unwrap_or(true);
                if confirmed {
                    on_reset.emit(());
                }
            })
        };
        let hint_title = if lesson.on_hint.is_some() { Text::HintDescription } else { Text::NoMoreHints };
        html! {
            <>
                <button type="button" class="check primary" disabled={busy || lesson.on_check.is_none()}
                    aria-description={tr(language, if lesson.on_check.is_some() { Text::CheckDescription } else { Text::ContestTimeUp })}
                    onclick={lesson.on_check.as_ref().map(click).unwrap_or_default()}>
                    <span aria-hidden="true">{ "✔ " }</span>{ tr(language, Text::CheckButton) }
                </button>
                if !lesson.hints_off {
                    <button type="button" class="hint" disabled={lesson.on_hint.is_none()} title={tr(language, hint_title)}
                        aria-description={tr(language, hint_title)}
                        onclick={lesson.on_hint.as_ref().map(click).unwrap_or_default()}>
                        <IconImage icon={Icon::Hint} />{ " " }{ tr(language, Text::HintButton) }
                    </button>
                }
                <button type="button" class="reset" disabled={busy} onclick={on_reset}>{ tr(language, Text::ResetButton) }</button>
                <button type="button" class="export" disabled={busy} aria-description={tr(language, Text::ExportWorkDescription)}
                    title={tr(language, Text::ExportWorkDescription)} onclick={click(&lesson.on_export)}>
                    <IconImage icon={Icon::Export} />{ " " }{ tr(language, Text::ExportWork) }
                </button>
            </>
        }
    });
    html! {
        <div class="workbench">
            <section class="panel code" aria-label={tr(language, Text::EditorLabel)}>
                <label for="editor">{ tr(language, Text::EditorLabel) }</label>
                <CodeEditor id="editor" value={app.code()} on_change={on_edit} on_run={on_run.clone()}
                    label={tr(language, Text::EditorLabel)} description={tr(language, Text::EditorDescription)}
                    diagnostic={editor_diagnostic(language, &run.session, &run.grade)} />
                <div class="controls">
                    <button type="button" class="run" disabled={busy} aria-label={tr(language, Text::RunButton)}
                        aria-description={tr(language, run_description)} onclick={click(&on_run)}>
                        <span aria-hidden="true">{ "▶ " }</span>{ tr(language, Text::RunButton) }
                    </button>
                    <button type="button" class="stop" disabled={!run.status.stoppable()} aria-label={tr(language, Text::StopButton)}
                        aria-description={tr(language, Text::StopDescription)} onclick={click(&on_stop)}>
                        <span aria-hidden="true">{ "■ " }</span>{ tr(language, Text::StopButton) }
                    </button>
                    { lesson_buttons.unwrap_or_default() }
                </div>
                { props.lesson.as_ref().map(|lesson| lesson.name_prompt.clone()).unwrap_or_default() }
                if run.ai_loading {
                    <p class="ai-loading" role="status">{ tr(language, Text::AiLoading) }</p>
                }
            </section>
            <div class="results" ref={results}>
                { props.grading.clone() }
                <Stage status={run.status} session={run.session.clone()} speed={run.speed} sensors={run.sensors}
                    kinds={props.stage} high_contrast={app.view.high_contrast} {on_control} tool={props.tool.clone()} />
                <div class="panel input">
                    <label for="program-input">{ tr(language, Text::InputLabel) }</label>
                    <textarea id="program-input" class="program-input" spellcheck="false" rows="2"
                        value={run.input.clone()} oninput={on_input} />
                </div>
            </div>
        </div>
    }
}
