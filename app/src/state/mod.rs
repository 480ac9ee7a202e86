//! The student app's state and every way it can change, in one place.
//!
//! Components only dispatch [`Action`]s; the reducer is pure (the time comes in the action), so
//! the rules (one job at a time, Stop replaces the worker, late replies are ignored, a check is
//! recorded against the code that was checked, a passed lesson opens the next, a run plays back
//! and reacts to the board while it plays) are unit-tested without a browser. Side effects
//! (posting to the worker, storage, downloads) happen in the shell's hooks: the shell posts
//! [`RunState::outgoing`] whenever it changes.
//!
//! The state is made of the parts that change together: the course and the student's progress in
//! it ([`CourseState`]), the runs and checks of the page on screen ([`RunState`], in [`run`], with
//! the pure playback of a run in [`playback`]), and the page, language and view around them.

pub mod playback;
pub mod run;
pub mod server;

use std::rc::Rc;

use sprout_lessons::{Lesson, Pack, Student};
use sprout_runtime::messages::Language;
use yew::Reducible;

use crate::course::units::{self, has_text, unit_of, TextProblem};
use crate::course::{course, is_embedded, lesson_status, LessonStatus};
use crate::i18n::{tr, Text};
use crate::storage::progress::Progress;
use crate::storage::StorageProblem;
use crate::workers::protocol::{GradeReport, GradeRequest, RunReport, WorkerRequest};
use playback::{Control, RunStart, Session};
pub use run::{RunState, Status};
use server::{Account, Connection, Saving, ServerState};

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
    /// The AI lab: the drawing pad and the model lab (issue #5).
    Lab,
    /// The class dashboard (学情分析, issue #6), for teachers.
    Class,
    /// The lesson editor (写课程, issue #6), for teachers.
    Author,
}

impl Page {
    /// The page's address fragment (`#/lesson/hello`), so reload and the back button work.
    pub fn to_hash(&self) -> String {
        match self {
            Page::Home => "#/".to_string(),
            Page::Lesson(id) => format!("#/lesson/{id}"),
            Page::Playground => "#/play".to_string(),
            Page::Lab => "#/lab".to_string(),
            Page::Class => "#/class".to_string(),
            Page::Author => "#/author".to_string(),
        }
    }

    /// The page for an address fragment; unknown ones are the home page.
    pub fn from_hash(hash: &str) -> Page {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        if let Some(id) = path.strip_prefix("lesson/") {
            return Page::Lesson(id.to_string());
        }
        match path {
            "play" => Page::Playground,
            "lab" => Page::Lab,
            "class" => Page::Class,
            "author" => Page::Author,
            _ => Page::Home,
        }
    }
}

/// Compares two shared values by identity: re-rendering after a keystroke must never compare or
/// copy whole traces, packs or grades, and a new value is always a new `Rc`.
macro_rules! shared {
    ($(#[$doc:meta])* $name:ident($inner:ty)) => {
        $(#[$doc])*
        #[derive(Clone, Debug)]
        pub struct $name(pub ::std::rc::Rc<$inner>);

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                ::std::rc::Rc::ptr_eq(&self.0, &other.0)
            }
        }
    };
}
// For the model lab's requests (the AI module).
#[cfg(feature = "ai")]
pub(crate) use shared;

shared!(
    /// A finished run's report, shared by the page's components.
    SharedReport(RunReport)
);
shared!(
    /// The playback session.
    SharedSession(Session)
);
shared!(
    /// A pack.
    SharedPack(Pack)
);
shared!(
    /// A grade report.
    SharedGrade(GradeReport)
);
shared!(
    /// A request for the script worker: the shell posts one exactly when the state holds a new one.
    SharedRequest(WorkerRequest)
);

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

/// The course on screen and the student's progress in it: they change together (a pack opened or
/// left replaces both).
#[derive(Clone, Debug)]
pub struct CourseState {
    /// The course: the one the app carries (its index, with the units loaded so far joined), or a
    /// teacher's course or contest the student opened.
    pub pack: Rc<Pack>,
    /// Everything the student has done in it; saved whenever it changes.
    pub progress: Rc<Progress>,
    /// The course is a contest whose time is up: checking has stopped.
    pub time_up: bool,
    /// The unit of the embedded course whose file did not load or join, and why.
    pub text_problem: Option<(String, TextProblem)>,
}

impl Default for CourseState {
    fn default() -> Self {
        CourseState { pack: course(), progress: Rc::new(Progress::default()), time_up: false, text_problem: None }
    }
}

/// Everything the student app shows.
#[derive(Clone, Debug, Default)]
pub struct State {
    /// The screen.
    pub page: Page,
    /// The interface language.
    pub language: Language,
    /// Text size and theme.
    pub view: View,
    /// What is wrong with browser storage, if anything.
    pub storage_problem: Option<StorageProblem>,
    /// The course and the student's progress in it.
    pub course: CourseState,
    /// The runs and checks of the page on screen.
    pub run: RunState,
    /// The lesson example on the free editor's page, while it is on screen.
    pub tried: Option<TriedExample>,
    /// The classroom server, when the page came from one.
    pub server: ServerState,
}

/// A lesson's example opened in the free editor with 试一试: the way back to its lesson, and the
/// program of the student's it took the place of, offered back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TriedExample {
    /// The lesson the example is from.
    pub lesson: String,
    /// The free editor's program before the example, when there was one of the student's.
    pub replaced: Option<String>,
}

impl State {
    /// The lesson on screen.
    pub fn lesson(&self) -> Option<&Lesson> {
        match &self.page {
            Page::Lesson(id) => self.course.pack.lesson(id),
            _ => None,
        }
    }

    /// The unit of the embedded course that the lesson on screen waits for: its text is not
    /// there, and its file has not failed (a failed one waits for [`Action::RetryUnit`]).
    pub fn missing_unit(&self) -> Option<String> {
        let Page::Lesson(id) = &self.page else { return None };
        let pack = &self.course.pack;
        if !is_embedded(pack) || has_text(pack, id) {
            return None;
        }
        let unit = unit_of(pack, id)?;
        match &self.course.text_problem {
            Some((failed, _)) if failed == unit => None,
            _ => Some(unit.to_string()),
        }
    }

    /// The code in the editor: the lesson's (saved or starter), or the playground's.
    pub fn code(&self) -> String {
        match self.lesson() {
            Some(lesson) => self.course.progress.code(lesson).to_string(),
            None => self
                .course
                .progress
                .playground
                .clone()
                .unwrap_or_else(|| tr(self.language, Text::StarterProgram).to_string()),
        }
    }

    /// The `localStorage` key of the progress on screen: the course's, and in it the signed-in
    /// student's own.
    pub fn progress_key(&self) -> String {
        let key = crate::storage::progress_key(&self.course.pack);
        match self.server.account() {
            Some(account) => format!("{key}.{}", account.storage_suffix()),
            None => key,
        }
    }

    /// The progress, to change.
    fn progress_mut(&mut self) -> &mut Progress {
        Rc::make_mut(&mut self.course.progress)
    }

    /// Shows `page` in place of the page on screen, with its own input lines.
    fn show(&mut self, page: Page) {
        self.run.switch_input(&self.page, &page);
        self.page = page;
        self.tried = None;
    }

    /// Puts `pack` and the student's `progress` in it in place of the current ones (a pack opened
    /// or left), on its home page: the run, a check under way and the last grade belong to the
    /// other course and go.
    fn switch_course(&mut self, pack: Rc<Pack>, progress: Progress) {
        self.run.leave_course();
        self.course = CourseState { pack, progress: Rc::new(progress), time_up: false, text_problem: None };
        self.page = Page::Home;
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
    /// The student pressed Run.
    StartRun(RunStart),
    /// The worker sent a run's report, at this real time (milliseconds).
    Finish(Rc<RunReport>, f64),
    /// The student checked this code against the lesson on screen.
    StartCheck(String),
    /// The worker sent the grade.
    Graded(Rc<GradeReport>, String),
    /// The student stopped the run, its playback or the check, at this real time.
    Stop(f64),
    /// The student changed the playback speed or used the board, or playback reached a moment
    /// that matters, at this real time.
    Playback(Control, f64),
    /// The worker failed, at this real time.
    WorkerFailed(f64),
    /// Show the next hint of the lesson on screen.
    ShowHint(String),
    /// Put the lesson's starter code back.
    ResetCode(String),
    /// Load an example of the lesson on screen into the free editor, keeping its program aside.
    TryExample(String),
    /// Put the free editor's program that an example took the place of back.
    RestoreProgram,
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
    /// The worker is loading the AI module for the job under way.
    AiLoading,
    /// The worker has loaded the AI module.
    AiReady,
    /// The worker could not load the AI module the job under way needs, at this real time.
    AiFailed(f64),
    /// The student opened a teacher's course or contest (its pack), with their stored work in it.
    OpenPack(Rc<Pack>, Progress),
    /// The student went back to the app's own course, with their stored progress there.
    LeavePack(Progress),
    /// The contest's time ran out.
    TimeUp,
    /// The file of the embedded course's unit (its id) was loaded: its text, to join.
    UnitLoaded(String, Rc<str>),
    /// The file of the embedded course's unit (its id) could not be had.
    UnitFailed(String, TextProblem),
    /// The student asked to load the unit that failed again.
    RetryUnit,
    /// The page came from a Sprout server, and nobody is signed in there (or no longer).
    SignedOut,
    /// The student signed in to the server: ask for their work.
    Joined,
    /// The server gave the signed-in student's work, merged with this browser's (`crate::sync`),
    /// in the class's course: the app's own, or the pack the teacher gave the class.
    SignedIn(Rc<Account>, Rc<Pack>, Progress),
    /// Whether the work is saved on the teacher's PC.
    Saving(Saving),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let changed = match action {
            Action::SetLanguage(language) => {
                next.language = language;
                true
            }
            Action::Navigate(page, now) => {
                if page == next.page {
                    return self;
                }
                if let Page::Lesson(id) = &page {
                    let Some(lesson) = next.course.pack.lesson(id).cloned() else {
                        next.show(Page::Home);
                        return Rc::new(next);
                    };
                    // A locked lesson opened by its address is shown as locked; opening it would
                    // record it as started, which unlocks it.
                    if lesson_status(&next.course.pack, &next.course.progress, id) != LessonStatus::Locked {
                        next.progress_mut().open(&lesson, &now);
                    }
                }
                next.show(page);
                next.run.leave_page();
                true
            }
            Action::EditCode(code, now) => {
                match next.lesson().cloned() {
                    Some(lesson) => next.progress_mut().edit(&lesson, &code, &now),
                    None => next.progress_mut().playground = Some(code),
                }
                true
            }
            Action::EditInput(input) => {
                next.run.input = input;
                true
            }
            Action::StartRun(start) => next.run.start(start),
            Action::Finish(report, real_ms) => next.run.finish(report, real_ms),
            Action::Playback(control, real_ms) => next.run.playback(control, real_ms),
            // A lesson of the embedded course has its tests once its unit has joined.
            Action::StartCheck(code) => match next.lesson().cloned() {
                Some(lesson) if !next.course.time_up && has_text(&next.course.pack, &lesson.id) => {
                    next.run.start_check(GradeRequest { lesson, code })
                }
                _ => false,
            },
            Action::Graded(report, now) => match next.run.graded(report.clone()) {
                Some((lesson_id, code)) => {
                    if let Some(lesson) = next.course.pack.lesson(&lesson_id).cloned() {
                        next.progress_mut().record_grade(&lesson, &code, &report.grade, &now);
                    }
                    true
                }
                None => false,
            },
            Action::Stop(real_ms) => next.run.stop(real_ms),
            Action::WorkerFailed(real_ms) => next.run.worker_failed(real_ms),
            Action::ShowHint(now) => match next.lesson().cloned() {
                Some(lesson) => {
                    next.progress_mut().show_hint(&lesson, &now);
                    true
                }
                None => false,
            },
            Action::ResetCode(now) => {
                match next.lesson().cloned() {
                    Some(lesson) => {
                        next.progress_mut().reset(&lesson, &now);
                        next.run.grade = None;
                    }
                    None => next.progress_mut().playground = None,
                }
                true
            }
            Action::TryExample(code) => {
                let lesson = next.lesson().map(|lesson| lesson.id.clone());
                let own = next.course.progress.playground.clone().filter(|own| !own.trim().is_empty() && *own != code);
                next.progress_mut().playground = Some(code);
                next.show(Page::Playground);
                next.run.leave_page();
                next.tried = lesson.map(|lesson| TriedExample { lesson, replaced: own });
                true
            }
            Action::RestoreProgram => match next.tried.as_mut().and_then(|tried| tried.replaced.take()) {
                Some(own) => {
                    next.progress_mut().playground = Some(own);
                    true
                }
                None => false,
            },
            Action::SetStudent(student) => {
                next.progress_mut().student = student;
                true
            }
            Action::Loaded(progress) | Action::Restore(progress) => {
                next.course.progress = Rc::new(progress);
                next.run.grade = None;
                true
            }
            Action::Storage(problem) => {
                let changed = problem != next.storage_problem;
                next.storage_problem = problem;
                changed
            }
            Action::SetView(view) => {
                let (smallest, largest, _) = FONT_PERCENTS;
                next.view = View { font_percent: view.font_percent.clamp(smallest, largest), ..view };
                true
            }
            Action::AiLoading => next.run.ai_loading(),
            Action::AiReady => next.run.ai_ready(),
            Action::AiFailed(real_ms) => next.run.ai_failed(real_ms),
            Action::OpenPack(pack, progress) => {
                next.switch_course(pack, progress);
                true
            }
            Action::LeavePack(progress) => {
                next.switch_course(course(), progress);
                true
            }
            Action::TimeUp => {
                next.course.time_up = true;
                true
            }
            Action::UnitLoaded(unit, text) => {
                // Late news for the embedded course while a pack from a file is open.
                if !is_embedded(&next.course.pack) {
                    return self;
                }
                let mut pack = (*next.course.pack).clone();
                match units::join(&mut pack, &unit, &text) {
                    Ok(()) => {
                        next.course.pack = Rc::new(pack);
                        next.course.text_problem = None;
                    }
                    Err(problem) => next.course.text_problem = Some((unit, problem)),
                }
                true
            }
            Action::UnitFailed(unit, problem) => {
                if !is_embedded(&next.course.pack) {
                    return self;
                }
                next.course.text_problem = Some((unit, problem));
                true
            }
            Action::RetryUnit => next.course.text_problem.take().is_some(),
            Action::SignedOut => {
                next.server.connection = Connection::SignedOut;
                next.server.saving = Saving::Saved;
                true
            }
            Action::Joined => {
                next.server.joins += 1;
                true
            }
            // The server's class works in the app's own course: a pack from a file is left.
            Action::SignedIn(account, pack, progress) => {
                if next.course.pack.content_hash == pack.content_hash {
                    next.course.progress = Rc::new(progress);
                    next.run.grade = None;
                } else {
                    next.switch_course(pack, progress);
                }
                next.server.connection = Connection::SignedIn(account);
                true
            }
            Action::Saving(saving) => {
                let changed = next.server.saving != saving;
                next.server.saving = saving;
                changed
            }
        };
        if changed {
            Rc::new(next)
        } else {
            self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::units::tests::full_course;
    use crate::course::units::{unit_file, UNIT_FILES};
    use crate::state::playback::{Button, Speed, SENSORS};
    use crate::workers::protocol::{BoardUse, RunId, RunRequest, WorkerRequest};
    use sprout_lessons::{grade, Selection};
    use sprout_runtime::scenario::{Sensor, SensorReading};
    use sprout_runtime::{run, Event, Outcome};

    const NOW: &str = "2026-11-23T09:00:00Z";
    /// Lights the middle LED while button A is down.
    const HOLD_A: &str = "loop { if button_pressed(\"A\") { led_plot(2, 2); } else { led_clear(); } sleep(50); }";

    fn run_program(program: &str) -> Action {
        Action::StartRun(RunStart { program: program.to_string(), lines: Vec::new(), seed: 0 })
    }

    /// Run `print(1);`.
    fn start() -> Action {
        run_program("print(1);")
    }

    /// The worker's report on request `request` of session `session`, running `print(1);`.
    fn report(session: u32, request: u32) -> Rc<RunReport> {
        let request =
            RunRequest { id: RunId { session, request }, program: "print(1);".into(), input: Default::default() };
        execute(&request)
    }

    /// What the worker does with `request`, natively.
    fn execute(request: &RunRequest) -> Rc<RunReport> {
        let run = run(&request.program, &request.input);
        let board = BoardUse::of_program(&request.program, &request.input.limits);
        Rc::new(RunReport { id: request.id, board, run, messages: Vec::new() })
    }

    /// The state's latest request for the worker: a run.
    fn outgoing_run(state: &State) -> RunRequest {
        match state.run.outgoing.as_ref().map(|request| &*request.0) {
            Some(WorkerRequest::Run(run)) => run.clone(),
            other => panic!("expected a run request, found {other:?}"),
        }
    }

    /// The worker answers the state's latest request at real time `real_ms`.
    fn work(state: Rc<State>, real_ms: f64) -> Rc<State> {
        let request = outgoing_run(&state);
        state.reduce(Action::Finish(execute(&request), real_ms))
    }

    fn playback(control: Control, real_ms: f64) -> Action {
        Action::Playback(control, real_ms)
    }

    fn graded(lesson: &Lesson, code: &str) -> Rc<GradeReport> {
        Rc::new(GradeReport { grade: grade(lesson, code, Selection::All), feedback: Vec::new(), drawings: Vec::new() })
    }

    /// The state at start with every unit of the course loaded (each test that checks a lesson
    /// needs its tests).
    fn loaded() -> State {
        State { course: CourseState { pack: full_course(), ..CourseState::default() }, ..State::default() }
    }

    fn apply(state: Rc<State>, actions: &[Action]) -> Rc<State> {
        actions.iter().fold(state, |state, action| state.reduce(action.clone()))
    }

    /// Applies `actions` to the state at start (every unit loaded) and checks the status and worker
    /// generation.
    fn check(actions: &[Action], status: Status, worker_generation: u32) -> Rc<State> {
        let state = apply(Rc::new(loaded()), actions);
        assert_eq!((state.run.status, state.run.worker_generation), (status, worker_generation));
        state
    }

    #[test]
    fn runs_start_finish_and_stop() {
        check(&[start()], Status::Running, 0);
        let state = check(&[start(), Action::Finish(report(1, 1), 0.0)], Status::Finished, 0);
        assert_eq!(state.run.report().map(|report| report.0.run.output()), Some("1\n".to_string()));
        check(&[start(), Action::Stop(0.0)], Status::Stopped, 1);
        check(&[start(), Action::WorkerFailed(0.0)], Status::WorkerFailed, 1);
        check(&[start(), Action::Stop(0.0), start()], Status::Running, 1);
    }

    #[test]
    fn stale_actions_change_nothing() {
        check(&[Action::Stop(0.0)], Status::Idle, 0);
        check(&[Action::WorkerFailed(0.0)], Status::Idle, 0);
        check(&[start(), Action::Stop(0.0), Action::Finish(report(1, 1), 0.0)], Status::Stopped, 1);
        check(&[start(), start()], Status::Running, 0);
        check(&[start(), Action::StartCheck(String::new())], Status::Running, 0);
        // A report for another session or request is not the one awaited.
        check(&[start(), Action::Finish(report(2, 1), 0.0)], Status::Running, 0);
        check(&[start(), Action::Finish(report(1, 2), 0.0)], Status::Running, 0);
    }

    #[test]
    fn each_page_keeps_its_own_input_lines() {
        let lessons = &loaded().course.pack.lessons;
        let (first, second) = (Page::Lesson(lessons[0].id.clone()), Page::Lesson(lessons[1].id.clone()));
        let go = |page: &Page| Action::Navigate(page.clone(), NOW.into());
        let state = apply(Rc::new(loaded()), &[go(&first), Action::EditInput("3\n4".into())]);
        let state = apply(state, &[go(&second)]);
        assert_eq!(state.run.input, "", "another lesson starts with an empty input box");
        let state = apply(state, &[Action::EditInput("7".into()), go(&Page::Home), go(&first)]);
        assert_eq!(state.run.input, "3\n4", "a lesson gets its own lines back");
        assert_eq!(apply(state, &[go(&second)]).run.input, "7");
    }

    #[test]
    fn an_example_tried_keeps_the_free_editors_program_and_the_way_back() {
        let lesson = loaded().course.pack.lessons[0].id.clone();
        let go = |page: Page| Action::Navigate(page, NOW.into());
        let own = "print(\"mine\");".to_string();
        let state = apply(Rc::new(loaded()), &[go(Page::Playground), Action::EditCode(own.clone(), NOW.into())]);
        let tried = apply(state, &[go(Page::Lesson(lesson.clone())), Action::TryExample("print(1);".into())]);
        assert_eq!((&tried.page, tried.code().as_str()), (&Page::Playground, "print(1);"));
        assert_eq!(tried.tried, Some(TriedExample { lesson: lesson.clone(), replaced: Some(own.clone()) }));
        let restored = apply(tried.clone(), &[Action::RestoreProgram]);
        assert_eq!(restored.code(), own);
        assert_eq!(restored.tried, Some(TriedExample { lesson: lesson.clone(), replaced: None }), "offered once");
        // Leaving the free editor forgets the example; its page opened again has no way back.
        assert_eq!(apply(tried.clone(), &[go(Page::Home), go(Page::Playground)]).tried, None);
        // The same example tried twice, or an empty free editor, replaces nothing of the student's.
        let again = apply(tried, &[go(Page::Lesson(lesson.clone())), Action::TryExample("print(1);".into())]);
        assert_eq!(again.tried, Some(TriedExample { lesson, replaced: None }));
    }

    #[test]
    fn stopping_keeps_the_program() {
        let edit = Action::EditCode("loop { }".into(), NOW.into());
        let state = check(
            &[Action::Navigate(Page::Playground, NOW.into()), edit, start(), Action::Stop(0.0)],
            Status::Stopped,
            1,
        );
        assert_eq!(state.code(), "loop { }");
    }

    #[test]
    fn a_run_that_sleeps_plays_to_its_end() {
        let state = apply(Rc::new(loaded()), &[run_program("print(1); sleep(1500); print(2);")]);
        let state = work(state, 1000.0);
        assert_eq!(state.run.status, Status::Playing);
        assert!(!state.run.status.busy() && state.run.status.stoppable());
        let state = apply(state, &[playback(Control::Ended, 2000.0)]);
        assert_eq!(state.run.status, Status::Playing, "half-way through");
        let state = apply(state, &[playback(Control::Ended, 2500.0)]);
        assert_eq!(state.run.status, Status::Finished);
        assert!(state.run.session.as_ref().is_some_and(|session| session.0.completed()));
    }

    #[test]
    fn run_check_and_stop_work_while_playing() {
        let lesson = loaded().course.pack.lessons[0].id.clone();
        let on_lesson = apply(Rc::new(loaded()), &[Action::Navigate(Page::Lesson(lesson), NOW.into())]);
        let playing = work(apply(on_lesson, &[run_program("sleep(5000);")]), 0.0);
        assert_eq!(playing.run.status, Status::Playing);

        // Stop freezes playback; no worker is busy, so none is replaced.
        let stopped = apply(playing.clone(), &[Action::Stop(1000.0)]);
        assert_eq!((stopped.run.status, stopped.run.worker_generation), (Status::Stopped, 0));
        let session = &stopped.run.session.as_ref().expect("the session").0;
        assert_eq!((session.time_at(4000.0), session.completed()), (1000, false));

        let checking = apply(playing.clone(), &[Action::StartCheck(String::new())]);
        assert_eq!(checking.run.status, Status::Checking);
        // The run's output goes: the check's results take its place.
        assert!(checking.run.session.is_none());

        // Run again: a new session, and the old one's report is no longer awaited.
        let again = apply(playing, &[start()]);
        assert_eq!((again.run.status, again.run.sessions_started), (Status::Running, 2));
        assert_eq!(apply(again.clone(), &[Action::Finish(report(1, 1), 0.0)]).run.status, Status::Running);
        assert_eq!(work(again, 0.0).run.status, Status::Finished);
    }

    #[test]
    fn a_press_while_playing_re_runs_and_playback_goes_on() {
        let state = work(apply(Rc::new(loaded()), &[run_program(HOLD_A)]), 0.0);
        assert_eq!(state.run.status, Status::Playing);
        let state = apply(state, &[playback(Control::Press(Button::A), 1000.0)]);
        let request = outgoing_run(&state);
        assert_eq!(request.id, RunId { session: 1, request: 2 });
        assert_eq!(request.input.scenario.presses[0].at_ms, 1001);
        let state = work(state, 1050.0);
        assert_eq!(state.run.status, Status::Playing);
        let lit = state
            .run
            .report()
            .expect("the re-run")
            .0
            .run
            .trace
            .iter()
            .any(|event| matches!(&event.event, Event::Led { frame } if frame[12] == 9) && event.time_ms == 1050);
        assert!(lit, "the middle LED lights at the first look after the press");

        // A re-run is at the worker: Stop replaces the worker.
        let state = apply(state, &[playback(Control::Release(Button::A), 1500.0), Action::Stop(1600.0)]);
        assert_eq!((state.run.status, state.run.worker_generation), (Status::Stopped, 1));
        assert_eq!(state.run.report().map(|report| report.0.run.outcome.clone()), Some(Outcome::TimeUp));
    }

    #[test]
    fn sliders_and_speed_are_kept_for_the_next_run() {
        let state = apply(
            Rc::new(loaded()),
            &[playback(Control::Sensor(Sensor::Temperature, 35), 0.0), playback(Control::Speed(Speed::Double), 0.0)],
        );
        assert_eq!((state.run.sensors.get(Sensor::Temperature), state.run.speed), (35, Speed::Double));
        let state = apply(state, &[run_program("print(temperature());")]);
        let readings = &outgoing_run(&state).input.scenario.readings;
        assert_eq!(readings, &[SensorReading { sensor: SENSORS[0], value: 35, from_ms: 0 }]);
        assert_eq!(work(state, 0.0).run.report().map(|report| report.0.run.output()), Some("35\n".to_string()));
    }

    #[test]
    fn leaving_the_page_ends_playback() {
        let state = work(apply(Rc::new(loaded()), &[run_program(HOLD_A)]), 0.0);
        let state = apply(state, &[Action::Navigate(Page::Playground, NOW.into())]);
        assert_eq!((state.run.status, state.run.worker_generation), (Status::Idle, 0));
        assert!(state.run.session.is_none());
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
        let state = Rc::new(loaded());
        let lesson = state.course.pack.lessons[0].clone();
        let next_id = state.course.pack.lessons[1].id.clone();
        let state = apply(state, &[Action::Navigate(Page::Lesson(lesson.id.clone()), NOW.into())]);
        assert_eq!(state.code(), lesson.starter);
        assert_eq!(
            crate::course::lesson_status(&state.course.pack, &state.course.progress, &next_id),
            crate::course::LessonStatus::Locked
        );

        let right = sprout_lessons_solution(&lesson);
        let state = apply(
            state,
            &[
                Action::EditCode(right.clone(), NOW.into()),
                Action::StartCheck(right.clone()),
                // The student keeps typing while the worker grades.
                Action::EditCode(format!("{right}\n// 还在改"), NOW.into()),
                Action::Graded(graded(&lesson, &right), NOW.into()),
            ],
        );
        assert_eq!(state.run.status, Status::Checked);
        let saved = &state.course.progress.lessons[&lesson.id];
        assert!(saved.passed);
        assert_eq!(saved.checked.as_ref().map(|(code, _)| code.as_str()), Some(right.as_str()));
        assert!(saved.code.ends_with("// 还在改"));
        assert_eq!(
            crate::course::lesson_status(&state.course.pack, &state.course.progress, &next_id),
            crate::course::LessonStatus::Open
        );
    }

    #[test]
    fn a_grade_after_stop_is_ignored() {
        let state = Rc::new(loaded());
        let lesson = state.course.pack.lessons[0].clone();
        let state = apply(
            state,
            &[
                Action::Navigate(Page::Lesson(lesson.id.clone()), NOW.into()),
                Action::StartCheck(lesson.starter.clone()),
                Action::Stop(0.0),
                Action::Graded(graded(&lesson, &lesson.starter), NOW.into()),
            ],
        );
        assert_eq!(state.run.status, Status::Stopped);
        assert_eq!(state.course.progress.lessons[&lesson.id].attempts, 0);
    }

    #[test]
    fn the_ai_module_loading_is_shown_until_it_is_ready() {
        let state = check(&[run_program("print(model(\"iris\").labels);"), Action::AiLoading], Status::Running, 0);
        assert!(state.run.ai_loading);
        let state = apply(state, &[Action::AiReady]);
        assert!(!state.run.ai_loading);
        // The same request then runs to its report.
        assert_eq!(work(state, 0.0).run.status, Status::Finished);
        // A check waits for the module the same way.
        let lesson = loaded().course.pack.lessons[0].id.clone();
        let state = check(
            &[Action::Navigate(Page::Lesson(lesson), NOW.into()), Action::StartCheck(String::new()), Action::AiLoading],
            Status::Checking,
            0,
        );
        assert!(state.run.ai_loading);
    }

    #[test]
    fn news_of_the_ai_module_after_stop_is_ignored() {
        let stopped = check(&[start(), Action::AiLoading, Action::Stop(0.0)], Status::Stopped, 1);
        assert!(!stopped.run.ai_loading, "the replaced worker's download is over");
        let late = apply(stopped.clone(), &[Action::AiLoading, Action::AiFailed(0.0)]);
        assert_eq!((late.run.status, late.run.ai_loading), (Status::Stopped, false));
        // The next run goes to the fresh worker, which loads the module again when it needs it.
        let state = apply(stopped, &[start(), Action::AiLoading]);
        assert_eq!((state.run.status, state.run.ai_loading, state.run.worker_generation), (Status::Running, true, 1));
    }

    #[test]
    fn a_module_that_cannot_load_ends_the_job_and_the_worker_stays() {
        let state = check(&[start(), Action::AiLoading, Action::AiFailed(0.0)], Status::AiFailed, 0);
        assert!(!state.run.ai_loading && !state.run.status.busy() && !state.run.status.stoppable());
        // A report that comes anyway (a request that did not need the module) is not awaited.
        assert_eq!(apply(state.clone(), &[Action::Finish(report(1, 1), 0.0)]).run.status, Status::AiFailed);
        // Run works again, in the same worker.
        check(&[start(), Action::AiLoading, Action::AiFailed(0.0), start()], Status::Running, 0);
    }

    #[test]
    fn a_worker_that_fails_while_loading_the_ai_module_is_replaced() {
        let state = check(&[start(), Action::AiLoading, Action::WorkerFailed(0.0)], Status::WorkerFailed, 1);
        assert!(!state.run.ai_loading);
        // Its late news changes nothing.
        assert_eq!(apply(state.clone(), &[Action::AiFailed(0.0)]).run.status, Status::WorkerFailed);
    }

    #[test]
    fn pages_round_trip_through_the_address() {
        for page in [Page::Home, Page::Playground, Page::Lab, Page::Class, Page::Author, Page::Lesson("hello".into())] {
            assert_eq!(Page::from_hash(&page.to_hash()), page);
        }
        assert_eq!(Page::from_hash("#/nonsense"), Page::Home);
        let locked = loaded().course.pack.lessons[1].id.clone();
        let state = check(&[Action::Navigate(Page::Lesson(locked.clone()), NOW.into())], Status::Idle, 0);
        assert_eq!(state.page, Page::Lesson(locked.clone()), "shown, as locked");
        assert!(!state.course.progress.lessons.contains_key(&locked), "opening a locked lesson must not unlock it");
        let state = check(&[Action::Navigate(Page::Lesson("no-such-lesson".into()), NOW.into())], Status::Idle, 0);
        assert_eq!(state.page, Page::Home);
    }

    #[test]
    fn a_contest_replaces_the_course_until_left_and_its_time_up_stops_checks() {
        let mut contest = (*full_course()).clone();
        contest.course.kind = sprout_lessons::CourseKind::Contest;
        contest.course.duration_minutes = Some(30);
        let second = contest.lessons[1].clone();
        let course_progress =
            apply(Rc::new(loaded()), &[Action::Navigate(Page::Lesson(contest.lessons[0].id.clone()), NOW.into())])
                .course
                .progress
                .clone();
        let state = check(
            &[
                Action::Navigate(Page::Lesson(contest.lessons[0].id.clone()), NOW.into()),
                start(),
                Action::OpenPack(Rc::new(contest), Progress::default()),
            ],
            Status::Idle,
            1,
        );
        assert_eq!(
            (state.page.clone(), state.run.session.is_none()),
            (Page::Home, true),
            "the course's run is gone, its worker replaced"
        );
        assert!(state.course.progress.lessons.is_empty(), "the contest's own progress");
        let state = apply(state, &[Action::Navigate(Page::Lesson(second.id.clone()), NOW.into())]);
        assert!(state.course.progress.lessons.contains_key(&second.id), "every problem of a contest is open");
        let state = apply(state, &[Action::StartCheck("print(1);".into())]);
        assert_eq!(state.run.status, Status::Checking, "a check before the time is up");
        let state = apply(state, &[Action::TimeUp]);
        let state = apply(state, &[Action::Graded(graded(&second, "print(1);"), NOW.into())]);
        assert_eq!(state.course.progress.lessons[&second.id].attempts, 1, "a check under way at time-up still counts");
        let state = apply(state, &[Action::StartCheck("print(2);".into())]);
        assert_eq!(state.run.status, Status::Checked, "no check once the time is up");

        let state = apply(state, &[Action::LeavePack((*course_progress).clone())]);
        assert_eq!(
            (state.course.pack.content_hash.clone(), state.course.time_up),
            (course().content_hash.clone(), false)
        );
        assert_eq!(state.course.progress, course_progress, "the course's progress is back");
    }

    /// The text of the embedded course's unit file that build.rs wrote for unit `unit`.
    fn unit_text(unit: &str) -> Rc<str> {
        let file = unit_file(unit).expect("a unit of the course");
        let path = std::path::Path::new(env!("OUT_DIR")).join("units").join(file);
        std::fs::read_to_string(path).expect("build.rs writes the units").into()
    }

    #[test]
    fn a_lesson_waits_for_its_unit_and_its_check_with_it() {
        let state = Rc::new(State::default());
        let lesson = state.course.pack.lessons[0].clone();
        let unit = UNIT_FILES[0].0;
        assert_eq!(state.missing_unit(), None, "the home page needs no unit");
        let opened = apply(state, &[Action::Navigate(Page::Lesson(lesson.id.clone()), NOW.into())]);
        assert_eq!(opened.missing_unit().as_deref(), Some(unit));
        assert_eq!(opened.code(), lesson.starter, "the starter is in the index");
        let progress = opened.course.progress.clone();
        assert_eq!(apply(opened.clone(), &[Action::StartCheck(lesson.starter.clone())]).run.status, Status::Idle);

        let failed = apply(opened.clone(), &[Action::UnitFailed(unit.into(), TextProblem::Unreachable)]);
        assert_eq!(failed.course.text_problem, Some((unit.to_string(), TextProblem::Unreachable)));
        assert_eq!(failed.missing_unit(), None, "no second try on its own");
        let retried = apply(failed, &[Action::RetryUnit]);
        assert_eq!((retried.missing_unit().as_deref(), &retried.course.text_problem), (Some(unit), &None));

        let ready = apply(retried, &[Action::UnitLoaded(unit.into(), unit_text(unit))]);
        assert_eq!(ready.missing_unit(), None);
        assert!(has_text(&ready.course.pack, &lesson.id));
        assert_eq!(ready.lesson(), full_course().lesson(&lesson.id), "the lesson the worker gets, tests and all");
        assert_eq!(ready.course.progress, progress, "loading a unit leaves the progress alone");
        assert_eq!(apply(ready, &[Action::StartCheck(lesson.starter.clone())]).run.status, Status::Checking);
    }

    #[test]
    fn a_unit_file_that_does_not_join_is_a_problem_and_late_news_changes_nothing() {
        let [(first, _), (second, _), ..] = UNIT_FILES else { panic!("the course has two units") };
        let opened = apply(
            Rc::new(State::default()),
            &[Action::Navigate(Page::Lesson(course().course.units[0].lessons[0].clone()), NOW.into())],
        );
        let wrong = apply(opened.clone(), &[Action::UnitLoaded(first.to_string(), unit_text(second))]);
        assert_eq!(wrong.course.text_problem, Some((first.to_string(), TextProblem::Mismatch)));
        assert!(wrong.course.pack.texts.is_empty());

        let mut other = full_course().as_ref().clone();
        other.content_hash = "sha256:another-pack".into();
        let contest = Rc::new(other);
        let elsewhere = apply(opened, &[Action::OpenPack(contest.clone(), Progress::default())]);
        let elsewhere = apply(elsewhere, &[Action::Navigate(Page::Lesson(contest.lessons[0].id.clone()), NOW.into())]);
        assert_eq!(elsewhere.missing_unit(), None, "a pack from a file has its text");
        for late in [
            Action::UnitLoaded(first.to_string(), unit_text(first)),
            Action::UnitFailed(first.to_string(), TextProblem::Unreachable),
        ] {
            assert!(Rc::ptr_eq(&elsewhere.clone().reduce(late), &elsewhere));
        }
    }

    /// The reference solution of a lesson of the curriculum (the app's copy has none, so it is read
    /// from the lesson file).
    fn sprout_lessons_solution(lesson: &Lesson) -> String {
        let content = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../lessons/content"));
        let loaded = sprout_lessons::files::load(&[content]);
        let mut lessons = loaded.courses.into_iter().flat_map(|course| course.lessons);
        let full = lessons.find(|full| full.lesson.id == lesson.id);
        full.and_then(|full| full.lesson.solution).unwrap_or_else(|| panic!("no solution for {}", lesson.id))
    }
}
