//! The student app's state and every way it can change, in one place.
//!
//! Components only dispatch [`Action`]s; the reducer is pure (the time comes in the action), so
//! the rules (one job at a time, Stop replaces the worker, late replies are ignored, a check is
//! recorded against the code that was checked, a passed lesson opens the next, a run plays back
//! and reacts to the board while it plays) are unit-tested without a browser. Side effects
//! (posting to the worker, storage, downloads) happen in components: the app posts
//! [`State::outgoing`] whenever it changes.

pub mod playback;

use std::rc::Rc;

use sprout_lessons::{Lesson, Pack, Student};
use sprout_runtime::messages::Language;
use yew::Reducible;

use crate::components::stage::StageKinds;
use crate::course::{course, lesson_status, LessonStatus};
use crate::i18n::{tr, Text};
use crate::state::playback::{Control, RunStart, SensorValues, Session, Speed};
use crate::storage::progress::Progress;
use crate::storage::StorageProblem;
use crate::workers::protocol::{GradeReport, RunReport, RunRequest, WorkerRequest};

/// Where the worker stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Status {
    /// Nothing has run yet.
    #[default]
    Idle,
    /// The worker is running the program.
    Running,
    /// The run is being played back on the stage (Run, Check and Stop all work).
    Playing,
    /// The worker is grading the program.
    Checking,
    /// The run played to its end (or had nothing to play).
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

    /// Whether Stop has something to stop: the worker, or playback.
    pub fn stoppable(self) -> bool {
        self.busy() || self == Status::Playing
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

/// A finished run's report, shared by the page's components and compared by identity, so that
/// re-rendering after a keystroke never compares or copies whole traces.
#[derive(Clone, Debug)]
pub struct SharedReport(pub Rc<RunReport>);

impl PartialEq for SharedReport {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The playback session, compared by identity like [`SharedReport`].
#[derive(Clone, Debug)]
pub struct SharedSession(pub Rc<Session>);

impl PartialEq for SharedSession {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A pack, compared by identity like [`SharedReport`]: comparing two packs field by field on every
/// render would cost more than rendering.
#[derive(Clone, Debug)]
pub struct SharedPack(pub Rc<Pack>);

impl PartialEq for SharedPack {
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
    /// The last press of Run, with its report and playback; cleared when another page opens.
    pub session: Option<SharedSession>,
    /// The latest run request for the worker; the app posts it whenever it changes.
    pub outgoing: Option<Rc<RunRequest>>,
    /// Counts the presses of Run, to number the sessions.
    pub sessions_started: u32,
    /// How fast runs play back.
    pub speed: Speed,
    /// The maker board's sensor sliders.
    pub sensors: SensorValues,
    /// The stage panels the last run needed.
    pub stage: StageKinds,
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
    /// Where this page's programs run: the first screen's worker, or the AI module's.
    pub ai: AiRoute,
    /// The course is a contest whose time is up: checking has stopped.
    pub time_up: bool,
}

/// Whether this page's programs go to the AI worker (issue #5).
///
/// A page starts with the first screen's worker. When that worker answers that a request calls the
/// AI functions, the request goes to the AI worker, and so do the page's later ones, until another
/// page opens.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AiRoute {
    /// Requests go to the AI worker.
    pub active: bool,
    /// The AI worker is still loading (the module may be downloading).
    pub loading: bool,
    /// A request the first screen's worker sent back, for the AI worker; compared by identity.
    pub resend: Option<SharedRequest>,
}

/// A worker request, compared by identity like [`SharedReport`].
#[derive(Clone, Debug)]
pub struct SharedRequest(pub Rc<WorkerRequest>);

impl PartialEq for SharedRequest {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
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
            session: None,
            outgoing: None,
            sessions_started: 0,
            speed: Speed::default(),
            sensors: SensorValues::default(),
            stage: StageKinds::default(),
            grade: None,
            checking: None,
            worker_generation: 0,
            storage_problem: None,
            view: View::default(),
            ai: AiRoute::default(),
            time_up: false,
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

    /// The report of the last run, once it came.
    pub fn report(&self) -> Option<&SharedReport> {
        self.session.as_ref()?.0.report()
    }

    /// Puts `course` and the student's `progress` in it in place of the current ones (a pack
    /// opened or left), on its home page: the run, a check under way and the last grade belong to
    /// the other course and go.
    fn switch_course(&mut self, course: Rc<Pack>, progress: Progress) {
        if self.status.busy() {
            self.worker_generation += 1;
            self.status = Status::Idle;
        }
        self.leave_session();
        self.course = course;
        self.progress = Rc::new(progress);
        self.page = Page::Home;
        self.grade = None;
        self.checking = None;
        self.ai = AiRoute::default();
        self.time_up = false;
    }

    /// Stops playback (for Stop, a check or a failed worker).
    fn freeze_session(&mut self, real_ms: f64) {
        if let Some(SharedSession(session)) = self.session.as_mut() {
            if session.playing() || session.waiting() {
                Rc::make_mut(session).freeze(real_ms);
            }
        }
    }

    /// Forgets the last run when another page opens; a run or re-run still at the worker ends
    /// with its worker, and the new page's stage starts from its lesson.
    fn leave_session(&mut self) {
        let waiting = self.session.as_ref().is_some_and(|session| session.0.waiting());
        if self.status == Status::Running || (self.status == Status::Playing && waiting) {
            self.worker_generation += 1;
        }
        if matches!(self.status, Status::Running | Status::Playing) {
            self.status = Status::Idle;
        }
        self.session = None;
        self.stage = StageKinds::default();
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
    /// The student pressed Run.
    StartRun(RunStart),
    /// The worker sent a run's report, at this real time (milliseconds).
    Finish(Rc<RunReport>, f64),
    /// A check of this lesson and code was sent to the worker, at this real time.
    StartCheck(String, String, f64),
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
    /// The first screen's worker sent this request back: it calls the AI functions.
    NeedsAi(Rc<WorkerRequest>),
    /// The AI worker has loaded.
    AiReady,
    /// The student opened a teacher's course or contest (its pack), with their stored work in it.
    OpenPack(Rc<Pack>, Progress),
    /// The student went back to the app's own course, with their stored progress there.
    LeavePack(Progress),
    /// The contest's time ran out.
    TimeUp,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let busy = self.status.busy();
        let playing = self.status == Status::Playing;
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
                    // A locked lesson opened by its address is shown as locked; opening it would
                    // record it as started, which unlocks it.
                    if lesson_status(&next.course, &next.progress, id) != LessonStatus::Locked {
                        Rc::make_mut(&mut next.progress).open(&lesson, &now);
                    }
                }
                next.page = page;
                next.grade = None;
                next.leave_session();
                next.ai = AiRoute::default();
            }
            Action::EditCode(code, now) => match next.lesson().cloned() {
                Some(lesson) => Rc::make_mut(&mut next.progress).edit(&lesson, &code, &now),
                None => Rc::make_mut(&mut next.progress).playground = Some(code),
            },
            Action::EditInput(input) => next.input = input,
            Action::StartRun(start) if !busy => {
                next.sessions_started += 1;
                let (session, request) = Session::start(next.sessions_started, start, next.sensors, next.speed);
                next.session = Some(SharedSession(Rc::new(session)));
                next.outgoing = Some(Rc::new(request));
                next.status = Status::Running;
            }
            Action::Finish(report, real_ms)
                if (self.status == Status::Running || playing)
                    && self.session.as_ref().is_some_and(|session| session.0.expects(report.id)) =>
            {
                let first = self.status == Status::Running;
                let Some(SharedSession(session)) = next.session.as_mut() else { return self };
                let session = Rc::make_mut(session);
                let follow_up = session.receive(report.clone(), real_ms);
                if first {
                    next.stage = StageKinds::of_report(&report);
                    next.status = if session.playing() { Status::Playing } else { Status::Finished };
                }
                if let Some(request) = follow_up {
                    next.outgoing = Some(Rc::new(request));
                }
            }
            Action::Playback(control, real_ms) => {
                // The speed and the sliders are the student's settings, kept for the next run.
                match control {
                    Control::Speed(speed) => next.speed = speed,
                    Control::Sensor(sensor, value) => next.sensors.set(sensor, value),
                    _ => {}
                }
                let Some(SharedSession(session)) = next.session.as_mut() else { return Rc::new(next) };
                match control {
                    Control::Ended => {
                        if !playing || !session.ended_at(real_ms) {
                            return self;
                        }
                        Rc::make_mut(session).finish(real_ms);
                        next.status = Status::Finished;
                    }
                    Control::Extend if !playing || !session.wants_extension(real_ms) => return self,
                    _ => {
                        if let Some(request) = Rc::make_mut(session).control(control, real_ms) {
                            next.outgoing = Some(Rc::new(request));
                        }
                    }
                }
            }
            Action::StartCheck(lesson_id, code, real_ms) if !busy && !self.time_up => {
                next.freeze_session(real_ms);
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
            Action::Stop(real_ms) if busy || playing => {
                // The worker is replaced only when it is busy: with a run, a check or a re-run.
                if busy || next.session.as_ref().is_some_and(|session| session.0.waiting()) {
                    next.worker_generation += 1;
                }
                next.freeze_session(real_ms);
                next.status = Status::Stopped;
                next.checking = None;
            }
            Action::WorkerFailed(real_ms)
                if busy || next.session.as_ref().is_some_and(|session| session.0.waiting()) =>
            {
                next.freeze_session(real_ms);
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
                next.leave_session();
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
            // Only the job under way is sent on; a late refusal belongs to a stopped one.
            Action::NeedsAi(request)
                if match &*request {
                    WorkerRequest::Run(run) => {
                        (busy || playing) && self.session.as_ref().is_some_and(|session| session.0.expects(run.id))
                    }
                    WorkerRequest::Grade(_) => self.status == Status::Checking,
                } =>
            {
                next.ai = AiRoute {
                    active: true,
                    loading: !next.ai.active || next.ai.loading,
                    resend: Some(SharedRequest(request)),
                };
            }
            Action::AiReady => {
                if !next.ai.loading {
                    return self;
                }
                next.ai.loading = false;
            }
            Action::OpenPack(pack, progress) => next.switch_course(pack, progress),
            Action::LeavePack(progress) => next.switch_course(course(), progress),
            Action::TimeUp => next.time_up = true,
            // Starting while busy, or a reply or failure for a job that was already stopped.
            Action::StartRun(_)
            | Action::Finish(..)
            | Action::StartCheck(..)
            | Action::Graded(..)
            | Action::Stop(_)
            | Action::WorkerFailed(_)
            | Action::NeedsAi(_) => return self,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::playback::{Button, SENSORS};
    use crate::workers::protocol::{BoardUse, RunId};
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

    /// The worker answers the state's latest request at real time `real_ms`.
    fn work(state: Rc<State>, real_ms: f64) -> Rc<State> {
        let request = state.outgoing.clone().expect("a request for the worker");
        state.reduce(Action::Finish(execute(&request), real_ms))
    }

    fn playback(control: Control, real_ms: f64) -> Action {
        Action::Playback(control, real_ms)
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
        check(&[start()], Status::Running, 0);
        let state = check(&[start(), Action::Finish(report(1, 1), 0.0)], Status::Finished, 0);
        assert_eq!(state.report().map(|report| report.0.run.output()), Some("1\n".to_string()));
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
        check(&[start(), Action::StartCheck("hello".into(), String::new(), 0.0)], Status::Running, 0);
        // A report for another session or request is not the one awaited.
        check(&[start(), Action::Finish(report(2, 1), 0.0)], Status::Running, 0);
        check(&[start(), Action::Finish(report(1, 2), 0.0)], Status::Running, 0);
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
        let state = apply(Rc::new(State::default()), &[run_program("print(1); sleep(1500); print(2);")]);
        let state = work(state, 1000.0);
        assert_eq!(state.status, Status::Playing);
        assert!(!state.status.busy() && state.status.stoppable());
        let state = apply(state, &[playback(Control::Ended, 2000.0)]);
        assert_eq!(state.status, Status::Playing, "half-way through");
        let state = apply(state, &[playback(Control::Ended, 2500.0)]);
        assert_eq!(state.status, Status::Finished);
        assert!(state.session.as_ref().is_some_and(|session| session.0.completed()));
    }

    #[test]
    fn run_check_and_stop_work_while_playing() {
        let playing = work(apply(Rc::new(State::default()), &[run_program("sleep(5000);")]), 0.0);
        assert_eq!(playing.status, Status::Playing);

        // Stop freezes playback; no worker is busy, so none is replaced.
        let stopped = apply(playing.clone(), &[Action::Stop(1000.0)]);
        assert_eq!((stopped.status, stopped.worker_generation), (Status::Stopped, 0));
        let session = &stopped.session.as_ref().expect("the session").0;
        assert_eq!((session.time_at(4000.0), session.completed()), (1000, false));

        let checking = apply(playing.clone(), &[Action::StartCheck("hello".into(), String::new(), 1000.0)]);
        assert_eq!(checking.status, Status::Checking);
        assert!(!checking.session.as_ref().is_some_and(|session| session.0.playing()));

        // Run again: a new session, and the old one's report is no longer awaited.
        let again = apply(playing, &[start()]);
        assert_eq!((again.status, again.sessions_started), (Status::Running, 2));
        assert_eq!(apply(again.clone(), &[Action::Finish(report(1, 1), 0.0)]).status, Status::Running);
        assert_eq!(work(again, 0.0).status, Status::Finished);
    }

    #[test]
    fn a_press_while_playing_re_runs_and_playback_goes_on() {
        let state = work(apply(Rc::new(State::default()), &[run_program(HOLD_A)]), 0.0);
        assert_eq!(state.status, Status::Playing);
        let state = apply(state, &[playback(Control::Press(Button::A), 1000.0)]);
        let request = state.outgoing.clone().expect("a re-run");
        assert_eq!(request.id, RunId { session: 1, request: 2 });
        assert_eq!(request.input.scenario.presses[0].at_ms, 1001);
        let state = work(state, 1050.0);
        assert_eq!(state.status, Status::Playing);
        let lit = state
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
        assert_eq!((state.status, state.worker_generation), (Status::Stopped, 1));
        assert_eq!(state.report().map(|report| report.0.run.outcome.clone()), Some(Outcome::TimeUp));
    }

    #[test]
    fn sliders_and_speed_are_kept_for_the_next_run() {
        let state = apply(
            Rc::new(State::default()),
            &[playback(Control::Sensor(Sensor::Temperature, 35), 0.0), playback(Control::Speed(Speed::Double), 0.0)],
        );
        assert_eq!((state.sensors.get(Sensor::Temperature), state.speed), (35, Speed::Double));
        let state = apply(state, &[run_program("print(temperature());")]);
        let readings = &state.outgoing.as_ref().expect("a request").input.scenario.readings;
        assert_eq!(readings, &[SensorReading { sensor: SENSORS[0], value: 35, from_ms: 0 }]);
        assert_eq!(work(state, 0.0).report().map(|report| report.0.run.output()), Some("35\n".to_string()));
    }

    #[test]
    fn leaving_the_page_ends_playback() {
        let state = work(apply(Rc::new(State::default()), &[run_program(HOLD_A)]), 0.0);
        let state = apply(state, &[Action::Navigate(Page::Playground, NOW.into())]);
        assert_eq!((state.status, state.worker_generation), (Status::Idle, 0));
        assert!(state.session.is_none());
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
                Action::StartCheck(lesson.id.clone(), right.clone(), 0.0),
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
                Action::StartCheck(lesson.id.clone(), lesson.starter.clone(), 0.0),
                Action::Stop(0.0),
                Action::Graded(graded(&lesson, &lesson.starter), NOW.into()),
            ],
        );
        assert_eq!(state.status, Status::Stopped);
        assert_eq!(state.progress.lessons[&lesson.id].attempts, 0);
    }

    #[test]
    fn a_request_the_plain_worker_sends_back_goes_to_the_ai_worker_with_the_pages_later_ones() {
        let state = apply(Rc::new(State::default()), &[run_program("print(dot([1, 2], [3, 4]));")]);
        let request = Rc::new(WorkerRequest::Run((**state.outgoing.as_ref().expect("a run")).clone()));
        let state = apply(state, &[Action::NeedsAi(request.clone())]);
        assert_eq!((state.status, state.ai.active, state.ai.loading), (Status::Running, true, true));
        assert!(state.ai.resend.as_ref().is_some_and(|resend| Rc::ptr_eq(&resend.0, &request)));
        let state = apply(state, &[Action::AiReady]);
        assert!(state.ai.active && !state.ai.loading);
        // Stop replaces the workers; the page keeps sending to the AI worker.
        let state = apply(state, &[Action::Stop(0.0), start()]);
        assert_eq!((state.worker_generation, state.ai.active), (1, true));
        // A late refusal, after Stop, is not sent on.
        let stopped = apply(state.clone(), &[Action::Stop(0.0)]);
        assert_eq!(apply(stopped.clone(), &[Action::NeedsAi(request)]).ai, stopped.ai);
        // Another page starts with the first screen's worker again.
        let state = apply(state, &[Action::Navigate(Page::Playground, NOW.into())]);
        assert_eq!(state.ai, AiRoute::default());
    }

    #[test]
    fn pages_round_trip_through_the_address() {
        for page in [Page::Home, Page::Playground, Page::Lab, Page::Class, Page::Author, Page::Lesson("hello".into())] {
            assert_eq!(Page::from_hash(&page.to_hash()), page);
        }
        assert_eq!(Page::from_hash("#/nonsense"), Page::Home);
        let locked = State::default().course.lessons[1].id.clone();
        let state = check(&[Action::Navigate(Page::Lesson(locked.clone()), NOW.into())], Status::Idle, 0);
        assert_eq!(state.page, Page::Lesson(locked.clone()), "shown, as locked");
        assert!(!state.progress.lessons.contains_key(&locked), "opening a locked lesson must not unlock it");
        let state = check(&[Action::Navigate(Page::Lesson("no-such-lesson".into()), NOW.into())], Status::Idle, 0);
        assert_eq!(state.page, Page::Home);
    }

    #[test]
    fn a_contest_replaces_the_course_until_left_and_its_time_up_stops_checks() {
        let mut contest = (*course()).clone();
        contest.course.kind = sprout_lessons::CourseKind::Contest;
        contest.course.duration_minutes = Some(30);
        let second = contest.lessons[1].clone();
        let course_progress = apply(
            Rc::new(State::default()),
            &[Action::Navigate(Page::Lesson(contest.lessons[0].id.clone()), NOW.into())],
        )
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
            (state.page.clone(), state.session.is_none()),
            (Page::Home, true),
            "the course's run is gone, its worker replaced"
        );
        assert!(state.progress.lessons.is_empty(), "the contest's own progress");
        let state = apply(state, &[Action::Navigate(Page::Lesson(second.id.clone()), NOW.into())]);
        assert!(state.progress.lessons.contains_key(&second.id), "every problem of a contest is open");
        let state = apply(state, &[Action::StartCheck(second.id.clone(), "print(1);".into(), 0.0)]);
        assert_eq!(state.status, Status::Checking, "a check before the time is up");
        let state = apply(state, &[Action::TimeUp]);
        let state = apply(state, &[Action::Graded(graded(&second, "print(1);"), NOW.into())]);
        assert_eq!(state.progress.lessons[&second.id].attempts, 1, "a check under way at time-up still counts");
        let state = apply(state, &[Action::StartCheck(second.id.clone(), "print(2);".into(), 0.0)]);
        assert_eq!(state.status, Status::Checked, "no check once the time is up");

        let state = apply(state, &[Action::LeavePack((*course_progress).clone())]);
        assert_eq!((state.course.content_hash.clone(), state.time_up), (course().content_hash.clone(), false));
        assert_eq!(state.progress, course_progress, "the course's progress is back");
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
