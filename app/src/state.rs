//! The student app's state and every way it can change, in one place.
//!
//! Components only dispatch [`Action`]s; the reducer is pure, so the rules (one run at a time,
//! Stop replaces the worker, late replies are ignored) are unit-tested without a browser. Side
//! effects (posting to the worker, drawing) happen in the components.

use std::rc::Rc;

use sprout_runtime::messages::Language;
use yew::Reducible;

use crate::i18n::{tr, Text};
use crate::protocol::RunReport;

/// Where the current or last run stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Status {
    /// Nothing has run yet.
    #[default]
    Idle,
    /// The worker is running the program.
    Running,
    /// The worker finished the program and sent its report.
    Finished,
    /// The student stopped the program.
    Stopped,
    /// The worker failed (a bug, or it could not be loaded) and is being replaced.
    WorkerFailed,
}

/// A finished run's report, shared by the page's components and compared by identity, so that
/// re-rendering after a keystroke never compares or copies whole traces.
#[derive(Clone, Debug)]
pub struct SharedReport(pub Rc<RunReport>);

impl PartialEq for SharedReport {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Everything the student app shows.
#[derive(Clone, Debug)]
pub struct State {
    /// The interface language.
    pub language: Language,
    /// The program in the editor.
    pub program: String,
    /// The lines `input()` reads, one per line.
    pub input: String,
    /// Where the run stands.
    pub status: Status,
    /// The last finished run; cleared when a new run starts.
    pub report: Option<SharedReport>,
    /// Counts the script workers replaced so far; the app starts a fresh worker whenever it
    /// changes.
    pub worker_generation: u32,
}

impl Default for State {
    fn default() -> Self {
        let language = Language::default();
        State {
            language,
            program: tr(language, Text::StarterProgram).to_string(),
            input: String::new(),
            status: Status::Idle,
            report: None,
            worker_generation: 0,
        }
    }
}

/// A change to the [`State`].
#[derive(Clone, Debug)]
pub enum Action {
    /// The student picked an interface language.
    SetLanguage(Language),
    /// The student edited the program.
    EditProgram(String),
    /// The student edited the input lines.
    EditInput(String),
    /// A run was sent to the worker.
    Start,
    /// The worker sent the run's report.
    Finish(Rc<RunReport>),
    /// The student stopped the run.
    Stop,
    /// The worker failed.
    WorkerFailed,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let running = self.status == Status::Running;
        let mut next = (*self).clone();
        match action {
            Action::SetLanguage(language) => {
                // An untouched starter program follows the language; the student's own text stays.
                if next.program == tr(next.language, Text::StarterProgram) {
                    next.program = tr(language, Text::StarterProgram).to_string();
                }
                next.language = language;
            }
            Action::EditProgram(program) => next.program = program,
            Action::EditInput(input) => next.input = input,
            Action::Start if !running => {
                next.status = Status::Running;
                next.report = None;
            }
            Action::Finish(report) if running => {
                next.status = Status::Finished;
                next.report = Some(SharedReport(report));
            }
            Action::Stop if running => {
                next.status = Status::Stopped;
                next.worker_generation += 1;
            }
            Action::WorkerFailed if running => {
                next.status = Status::WorkerFailed;
                next.worker_generation += 1;
            }
            // Starting twice, or a reply or failure for a run that was already stopped.
            Action::Start | Action::Finish(_) | Action::Stop | Action::WorkerFailed => return self,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sprout_runtime::{run, RunInput};

    fn report() -> Rc<RunReport> {
        let run = run("print(1);", &RunInput::default());
        Rc::new(RunReport { run, messages: Vec::new() })
    }

    /// Applies `actions` to the default state and checks the status and worker generation.
    fn check(actions: &[Action], status: Status, worker_generation: u32) -> Rc<State> {
        let state = actions.iter().fold(Rc::new(State::default()), |state, action| state.reduce(action.clone()));
        assert_eq!((state.status, state.worker_generation), (status, worker_generation));
        state
    }

    #[test]
    fn runs_start_finish_and_stop() {
        check(&[Action::Start], Status::Running, 0);
        check(&[Action::Start, Action::Finish(report())], Status::Finished, 0);
        check(&[Action::Start, Action::Stop], Status::Stopped, 1);
        check(&[Action::Start, Action::WorkerFailed], Status::WorkerFailed, 1);
        check(&[Action::Start, Action::Stop, Action::Start], Status::Running, 1);
    }

    #[test]
    fn stale_actions_change_nothing() {
        check(&[Action::Stop], Status::Idle, 0);
        check(&[Action::WorkerFailed], Status::Idle, 0);
        check(&[Action::Start, Action::Stop, Action::Finish(report())], Status::Stopped, 1);
        check(&[Action::Start, Action::Start], Status::Running, 0);
    }

    #[test]
    fn stopping_keeps_the_program() {
        let edit = Action::EditProgram("loop { }".into());
        let state = check(&[edit, Action::Start, Action::Stop], Status::Stopped, 1);
        assert_eq!(state.program, "loop { }");
    }

    #[test]
    fn the_starter_program_follows_the_language_until_edited() {
        let state = check(&[Action::SetLanguage(Language::En)], Status::Idle, 0);
        assert_eq!(state.program, tr(Language::En, Text::StarterProgram));
        let edit = Action::EditProgram("print(1);".into());
        let state = check(&[edit, Action::SetLanguage(Language::En)], Status::Idle, 0);
        assert_eq!(state.program, "print(1);");
    }
}
