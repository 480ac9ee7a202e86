//! The student app's state and every way it can change, in one place.
//!
//! Components only dispatch [`Action`]s; the reducer is pure (the time comes in the action), so
//! the rules (one job at a time, Stop replaces the worker, late replies are ignored, a check is
//! recorded against the code that was checked, a passed lesson opens the next) are unit-tested
//! without a browser. Side effects (posting to the worker, storage, downloads) happen in
//! components.

use std::rc::Rc;

use sprout_lessons::{Lesson, Pack, Student};
use sprout_runtime::messages::Language;
use yew::Reducible;

use crate::course::course;
use crate::i18n::{tr, Text};
use crate::progress::Progress;
use crate::protocol::{GradeReport, RunReport};
use crate::storage::StorageProblem;

/// Where the worker stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Status {
    /// Nothing has run yet.
    #[default]
    Idle,
    /// The worker is running the program.
    Running,
    /// The worker is grading the program.
    Checking,
    /// The worker finished the program and sent its report.
    Finished,
    /// The worker finished grading.
    Checked,
    /// The student stopped the program.
    Stopped,
    /// The worker failed (a bug, or it could not be loaded) and is being replaced.
    WorkerFailed,
}

impl Status {
    /// Whether the worker is busy (Run and Check wait, Stop works).
    pub fn busy(self) -> bool {
        matches!(self, Status::Running | Status::Checking)
    }
}

/// Which screen is shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Page {
    /// The course, with progress.
    #[default]
    Home,
    /// One lesson.
    Lesson(String),
    /// A free editor, outside any lesson.
    Playground,
}

impl Page {
    /// The page's address fragment (`#/lesson/hello`), so reload and the back button work.
    pub fn to_hash(&self) -> String {
        match self {
            Page::Home => "#/".to_string(),
            Page::Lesson(id) => format!("#/lesson/{id}"),
            Page::Playground => "#/play".to_string(),
        }
    }

    /// The page for an address fragment; unknown ones are the home page.
    pub fn from_hash(hash: &str) -> Page {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        if let Some(id) = path.strip_prefix("lesson/") {
            return Page::Lesson(id.to_string());
        }
        if path == "play" {
            return Page::Playground;
        }
        Page::Home
    }
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

/// A grade report, compared by identity like [`SharedReport`].
#[derive(Clone, Debug)]
pub struct SharedGrade(pub Rc<GradeReport>);

impl PartialEq for SharedGrade {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The student's view settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct View {
    /// Text size in percent of the browser's default.
    pub font_percent: u16,
    /// The high-contrast theme.
    pub high_contrast: bool,
}

impl Default for View {
    fn default() -> Self {
        View { font_percent: 100, high_contrast: false }
    }
}

/// The smallest and largest text sizes offered, and the step.
pub const FONT_PERCENTS: (u16, u16, u16) = (80, 200, 20);

/// Everything the student app shows.
#[derive(Clone, Debug)]
pub struct State {
    /// The course.
    pub course: Rc<Pack>,
    /// The interface language.
    pub language: Language,
    /// The screen.
    pub page: Page,
    /// Everything the student has done; saved whenever it changes.
    pub progress: Rc<Progress>,
    /// The lines `input()` reads, one per line.
    pub input: String,
    /// Where the worker stands.
    pub status: Status,
    /// The last finished run; cleared when a new job starts.
    pub report: Option<SharedReport>,
    /// The last grade; cleared when a new job starts or another lesson opens.
    pub grade: Option<SharedGrade>,
    /// The lesson and code being checked.
    pub checking: Option<(String, String)>,
    /// Counts the script workers replaced so far; the app starts a fresh worker whenever it
    /// changes.
    pub worker_generation: u32,
    /// What is wrong with browser storage, if anything.
    pub storage_problem: Option<StorageProblem>,
    /// Text size and theme.
    pub view: View,
}

impl Default for State {
    fn default() -> Self {
        State {
            course: course(),
            language: Language::default(),
            page: Page::Home,
            progress: Rc::new(Progress::default()),
            input: String::new(),
            status: Status::Idle,
            report: None,
            grade: None,
            checking: None,
            worker_generation: 0,
            storage_problem: None,
            view: View::default(),
        }
    }
}

impl State {
    /// The lesson on screen.
    pub fn lesson(&self) -> Option<&Lesson> {
        match &self.page {
            Page::Lesson(id) => self.course.lesson(id),
            _ => None,
        }
    }

    /// The code in the editor: the lesson's (saved or starter), or the playground's.
    pub fn code(&self) -> String {
        match self.lesson() {
            Some(lesson) => self.progress.code(lesson).to_string(),
            None => {
                self.progress.playground.clone().unwrap_or_else(|| tr(self.language, Text::StarterProgram).to_string())
            }
        }
    }
}

/// A change to the [`State`]; actions that change progress carry the time (RFC 3339).
#[derive(Clone, Debug)]
pub enum Action {
    /// The student picked an interface language.
    SetLanguage(Language),
    /// Show another page (from a click or the address bar).
    Navigate(Page, String),
    /// The student edited the code.
    EditCode(String, String),
    /// The student edited the input lines.
    EditInput(String),
    /// A run was sent to the worker.
    StartRun,
    /// The worker sent the run's report.
    Finish(Rc<RunReport>),
    /// A check of this lesson and code was sent to the worker.
    StartCheck(String, String),
    /// The worker sent the grade.
    Graded(Rc<GradeReport>, String),
    /// The student stopped the run or check.
    Stop,
    /// The worker failed.
    WorkerFailed,
    /// Show the next hint of the lesson on screen.
    ShowHint(String),
    /// Put the lesson's starter code back.
    ResetCode(String),
    /// Load an example into the free editor.
    TryExample(String),
    /// The student typed who they are.
    SetStudent(Student),
    /// Progress read from storage at start.
    Loaded(Progress),
    /// Progress restored from a backup file.
    Restore(Progress),
    /// Storage worked again, or failed.
    Storage(Option<StorageProblem>),
    /// Text size and theme.
    SetView(View),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let busy = self.status.busy();
        let mut next = (*self).clone();
        match action {
            Action::SetLanguage(language) => next.language = language,
            Action::Navigate(page, now) => {
                if page == next.page {
                    return self;
                }
                if let Page::Lesson(id) = &page {
                    let Some(lesson) = next.course.lesson(id).cloned() else {
                        next.page = Page::Home;
                        return Rc::new(next);
                    };
                    Rc::make_mut(&mut next.progress).open(&lesson, &now);
                }
                next.page = page;
                next.grade = None;
                next.report = None;
            }
            Action::EditCode(code, now) => match next.lesson().cloned() {
                Some(lesson) => Rc::make_mut(&mut next.progress).edit(&lesson, &code, &now),
                None => Rc::make_mut(&mut next.progress).playground = Some(code),
            },
            Action::EditInput(input) => next.input = input,
            Action::StartRun if !busy => {
                next.status = Status::Running;
                next.report = None;
            }
            Action::Finish(report) if self.status == Status::Running => {
                next.status = Status::Finished;
                next.report = Some(SharedReport(report));
            }
            Action::StartCheck(lesson_id, code) if !busy => {
                next.status = Status::Checking;
                next.grade = None;
                next.checking = Some((lesson_id, code));
            }
            Action::Graded(report, now) if self.status == Status::Checking => {
                next.status = Status::Checked;
                if let Some((lesson_id, code)) = next.checking.take() {
                    if let Some(lesson) = next.course.lesson(&lesson_id).cloned() {
                        Rc::make_mut(&mut next.progress).record_grade(&lesson, &code, &report.grade, &now);
                    }
                }
                next.grade = Some(SharedGrade(report));
            }
            Action::Stop if busy => {
                next.status = Status::Stopped;
                next.checking = None;
                next.worker_generation += 1;
            }
            Action::WorkerFailed if busy => {
                next.status = Status::WorkerFailed;
                next.checking = None;
                next.worker_generation += 1;
            }
            Action::ShowHint(now) => match next.lesson().cloned() {
                Some(lesson) => Rc::make_mut(&mut next.progress).show_hint(&lesson, &now),
                None => return self,
            },
            Action::ResetCode(now) => match next.lesson().cloned() {
                Some(lesson) => {
                    Rc::make_mut(&mut next.progress).reset(&lesson, &now);
                    next.grade = None;
                }
                None => Rc::make_mut(&mut next.progress).playground = None,
            },
            Action::TryExample(code) => {
                Rc::make_mut(&mut next.progress).playground = Some(code);
                next.page = Page::Playground;
                next.report = None;
                next.grade = None;
            }
            Action::SetStudent(student) => Rc::make_mut(&mut next.progress).student = student,
            Action::Loaded(progress) | Action::Restore(progress) => {
                next.progress = Rc::new(progress);
                next.grade = None;
            }
            Action::Storage(problem) => {
                if problem == next.storage_problem {
                    return self;
                }
                next.storage_problem = problem;
            }
            Action::SetView(view) => {
                let (smallest, largest, _) = FONT_PERCENTS;
                next.view = View { font_percent: view.font_percent.clamp(smallest, largest), ..view };
            }
            // Starting while busy, or a reply or failure for a job that was already stopped.
            Action::StartRun
            | Action::Finish(_)
            | Action::StartCheck(..)
            | Action::Graded(..)
            | Action::Stop
            | Action::WorkerFailed => return self,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sprout_lessons::{grade, Selection};
    use sprout_runtime::{run, RunInput};

    const NOW: &str = "2026-11-23T09:00:00Z";

    fn report() -> Rc<RunReport> {
        let run = run("print(1);", &RunInput::default());
        Rc::new(RunReport { run, messages: Vec::new() })
    }

    fn graded(lesson: &Lesson, code: &str) -> Rc<GradeReport> {
        Rc::new(GradeReport { grade: grade(lesson, code, Selection::All), feedback: Vec::new() })
    }

    fn apply(state: Rc<State>, actions: &[Action]) -> Rc<State> {
        actions.iter().fold(state, |state, action| state.reduce(action.clone()))
    }

    /// Applies `actions` to the default state and checks the status and worker generation.
    fn check(actions: &[Action], status: Status, worker_generation: u32) -> Rc<State> {
        let state = apply(Rc::new(State::default()), actions);
        assert_eq!((state.status, state.worker_generation), (status, worker_generation));
        state
    }

    #[test]
    fn runs_start_finish_and_stop() {
        check(&[Action::StartRun], Status::Running, 0);
        check(&[Action::StartRun, Action::Finish(report())], Status::Finished, 0);
        check(&[Action::StartRun, Action::Stop], Status::Stopped, 1);
        check(&[Action::StartRun, Action::WorkerFailed], Status::WorkerFailed, 1);
        check(&[Action::StartRun, Action::Stop, Action::StartRun], Status::Running, 1);
    }

    #[test]
    fn stale_actions_change_nothing() {
        check(&[Action::Stop], Status::Idle, 0);
        check(&[Action::WorkerFailed], Status::Idle, 0);
        check(&[Action::StartRun, Action::Stop, Action::Finish(report())], Status::Stopped, 1);
        check(&[Action::StartRun, Action::StartRun], Status::Running, 0);
        check(&[Action::StartRun, Action::StartCheck("hello".into(), String::new())], Status::Running, 0);
    }

    #[test]
    fn stopping_keeps_the_program() {
        let edit = Action::EditCode("loop { }".into(), NOW.into());
        let state = check(
            &[Action::Navigate(Page::Playground, NOW.into()), edit, Action::StartRun, Action::Stop],
            Status::Stopped,
            1,
        );
        assert_eq!(state.code(), "loop { }");
    }

    #[test]
    fn the_playground_starter_follows_the_language_until_edited() {
        let state = check(&[Action::SetLanguage(Language::En)], Status::Idle, 0);
        assert_eq!(state.code(), tr(Language::En, Text::StarterProgram));
        let edit = Action::EditCode("print(1);".into(), NOW.into());
        let state = check(&[edit, Action::SetLanguage(Language::En)], Status::Idle, 0);
        assert_eq!(state.code(), "print(1);");
    }

    #[test]
    fn a_check_is_recorded_against_the_checked_code_and_opens_the_next_lesson() {
        let state = Rc::new(State::default());
        let lesson = state.course.lessons[0].clone();
        let next_id = state.course.lessons[1].id.clone();
        let state = apply(state, &[Action::Navigate(Page::Lesson(lesson.id.clone()), NOW.into())]);
        assert_eq!(state.code(), lesson.starter);
        assert_eq!(
            crate::course::lesson_status(&state.course, &state.progress, &next_id),
            crate::course::LessonStatus::Locked
        );

        let right = sprout_lessons_solution(&lesson);
        let state = apply(
            state,
            &[
                Action::EditCode(right.clone(), NOW.into()),
                Action::StartCheck(lesson.id.clone(), right.clone()),
                // The student keeps typing while the worker grades.
                Action::EditCode(format!("{right}\n// 还在改"), NOW.into()),
                Action::Graded(graded(&lesson, &right), NOW.into()),
            ],
        );
        assert_eq!(state.status, Status::Checked);
        let saved = &state.progress.lessons[&lesson.id];
        assert!(saved.passed);
        assert_eq!(saved.checked.as_ref().map(|(code, _)| code.as_str()), Some(right.as_str()));
        assert!(saved.code.ends_with("// 还在改"));
        assert_eq!(
            crate::course::lesson_status(&state.course, &state.progress, &next_id),
            crate::course::LessonStatus::Open
        );
    }

    #[test]
    fn a_grade_after_stop_is_ignored() {
        let state = Rc::new(State::default());
        let lesson = state.course.lessons[0].clone();
        let state = apply(
            state,
            &[
                Action::Navigate(Page::Lesson(lesson.id.clone()), NOW.into()),
                Action::StartCheck(lesson.id.clone(), lesson.starter.clone()),
                Action::Stop,
                Action::Graded(graded(&lesson, &lesson.starter), NOW.into()),
            ],
        );
        assert_eq!(state.status, Status::Stopped);
        assert_eq!(state.progress.lessons[&lesson.id].attempts, 0);
    }

    #[test]
    fn pages_round_trip_through_the_address() {
        for page in [Page::Home, Page::Playground, Page::Lesson("hello".into())] {
            assert_eq!(Page::from_hash(&page.to_hash()), page);
        }
        assert_eq!(Page::from_hash("#/nonsense"), Page::Home);
        let state = check(&[Action::Navigate(Page::Lesson("no-such-lesson".into()), NOW.into())], Status::Idle, 0);
        assert_eq!(state.page, Page::Home);
    }

    /// The reference solution of a lesson of the curriculum (the app's copy has none, so it is read
    /// from the lesson file).
    fn sprout_lessons_solution(lesson: &Lesson) -> String {
        let mut files = Vec::new();
        collect(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../lessons/content")), &mut files);
        for path in files {
            let text = std::fs::read(&path).expect("readable");
            if let Ok(full) = sprout_lessons::parse_lesson("lesson.md", &text) {
                if full.id == lesson.id {
                    return full.solution.expect("a solution");
                }
            }
        }
        panic!("no file for {}", lesson.id);
    }

    fn collect(folder: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(folder).expect("folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                collect(&path, found);
            } else if path.extension().is_some_and(|extension| extension == "md") {
                found.push(path);
            }
        }
    }
}
