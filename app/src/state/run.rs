//! The part of the [`State`](super::State) that changes with every run and check: where the worker
//! stands, the last press of Run and its playback, the request waiting to be posted, the last
//! grade, and whether the worker is loading the AI module.
//!
//! Everything here is pure: real time comes in as milliseconds, and the request for the worker is a
//! value ([`RunState::outgoing`]) that the shell posts whenever it changes.

use std::rc::Rc;

use crate::components::stage::StageKinds;
use crate::state::playback::{Control, RunStart, SensorValues, Session, Speed};
use crate::state::{Page, SharedGrade, SharedReport, SharedRequest, SharedSession};
use crate::workers::protocol::{GradeReport, GradeRequest, RunReport, WorkerRequest};

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
    /// The program needed the AI module, which could not be loaded (issue #5).
    AiFailed,
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

/// The runs and checks of the page on screen.
#[derive(Clone, Debug, Default)]
pub struct RunState {
    /// The lines `input()` reads, one per line: the page on screen's.
    pub input: String,
    /// The input lines of the other pages of this course, by address (`#/lesson/hello`): the input
    /// box belongs to its page, so a lesson's lines never reach another lesson's run.
    kept_inputs: Vec<(String, String)>,
    /// Where the worker stands.
    pub status: Status,
    /// The last press of Run, with its report and playback; cleared when another page opens.
    pub session: Option<SharedSession>,
    /// The latest request for the worker (a run, a re-run or a check); the shell posts it whenever
    /// it changes.
    pub outgoing: Option<SharedRequest>,
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
    /// Counts the script workers replaced so far; the shell starts a fresh worker whenever it
    /// changes.
    pub worker_generation: u32,
    /// The worker is loading the AI module for the job under way (issue #5; it may be downloading).
    pub ai_loading: bool,
}

impl RunState {
    /// The report of the last run, once it came.
    pub fn report(&self) -> Option<&SharedReport> {
        self.session.as_ref()?.0.report()
    }

    /// Posts `request` next.
    fn send(&mut self, request: WorkerRequest) {
        self.outgoing = Some(SharedRequest(Rc::new(request)));
    }

    /// Replaces the worker: it ends whatever it was doing, loading the AI module included.
    fn replace_worker(&mut self) {
        self.worker_generation += 1;
        self.ai_loading = false;
    }

    /// Stops playback (for Stop, a check or a failed worker).
    fn freeze_session(&mut self, real_ms: f64) {
        if let Some(SharedSession(session)) = self.session.as_mut() {
            if session.playing() || session.waiting() {
                Rc::make_mut(session).freeze(real_ms);
            }
        }
    }

    /// Whether a re-run of the session is at the worker.
    fn waiting(&self) -> bool {
        self.session.as_ref().is_some_and(|session| session.0.waiting())
    }

    /// Forgets the last run when another page opens; a run or re-run still at the worker ends
    /// with its worker, and the new page's stage starts from its lesson.
    pub(super) fn leave_page(&mut self) {
        if self.status == Status::Running || (self.status == Status::Playing && self.waiting()) {
            self.replace_worker();
        }
        if matches!(self.status, Status::Running | Status::Playing) {
            self.status = Status::Idle;
        }
        self.session = None;
        self.stage = StageKinds::default();
        self.grade = None;
    }

    /// Keeps the input lines of the page `left` and brings back those of the page `shown` (none
    /// for a page not shown before).
    pub(super) fn switch_input(&mut self, left: &Page, shown: &Page) {
        let kept = std::mem::take(&mut self.input);
        if !kept.is_empty() {
            self.kept_inputs.push((left.to_hash(), kept));
        }
        let shown = shown.to_hash();
        if let Some(index) = self.kept_inputs.iter().position(|(page, _)| *page == shown) {
            self.input = self.kept_inputs.swap_remove(index).1;
        }
    }

    /// Leaves everything of another course: a check under way ends with its worker, and every
    /// page's input lines go (its lessons may share ids with the next course's).
    pub(super) fn leave_course(&mut self) {
        self.input.clear();
        self.kept_inputs.clear();
        if self.status.busy() {
            self.replace_worker();
            self.status = Status::Idle;
        }
        self.leave_page();
        self.checking = None;
    }

    /// The student pressed Run: a new session, unless the worker is busy.
    pub(super) fn start(&mut self, start: RunStart) -> bool {
        if self.status.busy() {
            return false;
        }
        // The last check's results go with the output they were beside.
        self.grade = None;
        self.sessions_started += 1;
        let (session, request) = Session::start(self.sessions_started, start, self.sensors, self.speed);
        self.session = Some(SharedSession(Rc::new(session)));
        self.send(WorkerRequest::Run(request));
        self.status = Status::Running;
        true
    }

    /// The worker's report on a run, at `real_ms`; a report no request of the session awaits
    /// changes nothing.
    pub(super) fn finish(&mut self, report: Rc<RunReport>, real_ms: f64) -> bool {
        let awaited = matches!(self.status, Status::Running | Status::Playing)
            && self.session.as_ref().is_some_and(|session| session.0.expects(report.id));
        if !awaited {
            return false;
        }
        let first = self.status == Status::Running;
        let Some(SharedSession(session)) = self.session.as_mut() else { return false };
        let session = Rc::make_mut(session);
        let follow_up = session.receive(report.clone(), real_ms);
        let playing = session.playing();
        if first {
            self.stage = StageKinds::of_report(&report);
            self.status = if playing { Status::Playing } else { Status::Finished };
        }
        if let Some(request) = follow_up {
            self.send(WorkerRequest::Run(request));
        }
        true
    }

    /// The student changed the speed or used the board, or playback reached a moment that
    /// matters, at `real_ms`.
    pub(super) fn playback(&mut self, control: Control, real_ms: f64) -> bool {
        let playing = self.status == Status::Playing;
        // The speed and the sliders are the student's settings, kept for the next run.
        match control {
            Control::Speed(speed) => self.speed = speed,
            Control::Sensor(sensor, value) => self.sensors.set(sensor, value),
            _ => {}
        }
        let Some(SharedSession(session)) = self.session.as_mut() else {
            return matches!(control, Control::Speed(_) | Control::Sensor(..));
        };
        match control {
            Control::Ended => {
                if !playing || !session.ended_at(real_ms) {
                    return false;
                }
                Rc::make_mut(session).finish(real_ms);
                self.status = Status::Finished;
            }
            Control::Extend if !playing || !session.wants_extension(real_ms) => return false,
            _ => {
                if let Some(request) = Rc::make_mut(session).control(control, real_ms) {
                    self.send(WorkerRequest::Run(request));
                }
            }
        }
        true
    }

    /// A check of `request` (its lesson and code) starts, unless the worker is busy. The last run's
    /// output goes, so that it does not stand beside the check's results as if it were theirs.
    pub(super) fn start_check(&mut self, request: GradeRequest) -> bool {
        if self.status.busy() {
            return false;
        }
        self.session = None;
        self.status = Status::Checking;
        self.grade = None;
        self.checking = Some((request.lesson.id.clone(), request.code.clone()));
        self.send(WorkerRequest::Grade(request));
        true
    }

    /// The worker's grade: the lesson and code it is for, when a check awaited it.
    pub(super) fn graded(&mut self, report: Rc<GradeReport>) -> Option<(String, String)> {
        if self.status != Status::Checking {
            return None;
        }
        self.status = Status::Checked;
        self.grade = Some(SharedGrade(report));
        self.checking.take()
    }

    /// The student stopped the run, its playback or the check, at `real_ms`.
    pub(super) fn stop(&mut self, real_ms: f64) -> bool {
        let busy = self.status.busy();
        if !busy && self.status != Status::Playing {
            return false;
        }
        // The worker is replaced only when it is busy: with a run, a check or a re-run.
        if busy || self.waiting() {
            self.replace_worker();
        }
        self.end_job(real_ms, Status::Stopped);
        true
    }

    /// Whether the worker has a job: a run, a check, or a re-run playback waits for.
    fn has_job(&self) -> bool {
        self.status.busy() || self.waiting()
    }

    /// The job under way ends at `real_ms` with `status`: playback freezes where it stands, and no
    /// check is under way any more.
    fn end_job(&mut self, real_ms: f64, status: Status) {
        self.freeze_session(real_ms);
        self.status = status;
        self.checking = None;
    }

    /// The worker failed, at `real_ms`: replaced, when it had something to do.
    pub(super) fn worker_failed(&mut self, real_ms: f64) -> bool {
        if !self.has_job() {
            return false;
        }
        self.end_job(real_ms, Status::WorkerFailed);
        self.replace_worker();
        true
    }

    /// The worker started loading the AI module for the job under way; news of a job that is over
    /// (replaced with its worker) changes nothing.
    pub(super) fn ai_loading(&mut self) -> bool {
        if !self.has_job() {
            return false;
        }
        !std::mem::replace(&mut self.ai_loading, true)
    }

    /// The worker has loaded the AI module.
    pub(super) fn ai_ready(&mut self) -> bool {
        std::mem::replace(&mut self.ai_loading, false)
    }

    /// The AI module could not be loaded, at `real_ms`: the job under way ends with that news. The
    /// worker stays: it tries again for the next program that needs the module.
    pub(super) fn ai_failed(&mut self, real_ms: f64) -> bool {
        if !self.has_job() {
            return false;
        }
        self.end_job(real_ms, Status::AiFailed);
        self.ai_loading = false;
        true
    }
}
