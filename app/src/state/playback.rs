//! Playing a run back as it happened, and the maker board the student plays with meanwhile.
//!
//! The runtime stamps every event with virtual time, so the UI shows a finished run at the speed it
//! happened: at virtual time t, exactly the events stamped t or earlier are on screen. A
//! [`Session`] is one press of Run: the program and its input, the student's presses and slider
//! moves so far, the trace being played and the [`Clock`] that plays it.
//!
//! A maker program reacts to the board while it plays by a deterministic re-run: a press or a
//! slider move at virtual time t joins the run's scenario and the worker runs the program again
//! from the start. Runs are deterministic, so the new trace agrees with the old one before t and
//! playback simply continues. Until the new trace arrives the clock waits just before t, so that
//! nothing on screen ever has to be taken back. A program that loops for ever runs in windows of
//! virtual time, extended while it plays. Everything here is pure (real time comes in as
//! milliseconds), so it is unit-tested natively.

use std::rc::Rc;

use sprout_runtime::scenario::{ButtonPress, Scenario, Sensor, SensorReading, DEFAULT_PRESS_MS};
use sprout_runtime::{Limits, Outcome, RunInput, TraceEvent};

use crate::state::SharedReport;
use crate::workers::protocol::{RunId, RunReport, RunRequest};

/// The virtual time a run covers at first, and what each extension of a live session adds.
pub const WINDOW_MS: u64 = 60_000;
/// The longest a live board session plays, in virtual time; a re-run repeats the whole session, so
/// this bounds its cost.
pub const MAX_SESSION_MS: u64 = 600_000;
/// How close to the end of its window a live session asks for the next window.
pub const EXTEND_MARGIN_MS: u64 = 20_000;

/// How fast playback goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Speed {
    /// Half the program's speed.
    Half,
    /// The program's own speed: a `sleep(1000)` takes a second.
    #[default]
    Normal,
    /// Twice as fast.
    Double,
    /// Four times as fast.
    Quadruple,
    /// Everything at once: the end of the run, straight away.
    Instant,
}

impl Speed {
    /// Every speed, slowest first.
    pub const ALL: [Speed; 5] = [Speed::Half, Speed::Normal, Speed::Double, Speed::Quadruple, Speed::Instant];

    /// Virtual milliseconds per real millisecond; `None` for [`Speed::Instant`].
    fn rate(self) -> Option<f64> {
        match self {
            Speed::Half => Some(0.5),
            Speed::Normal => Some(1.0),
            Speed::Double => Some(2.0),
            Speed::Quadruple => Some(4.0),
            Speed::Instant => None,
        }
    }

    /// The factor as shown on its button ("0.5", "1", …); `None` for [`Speed::Instant`].
    pub fn factor(self) -> Option<&'static str> {
        match self {
            Speed::Half => Some("0.5"),
            Speed::Normal => Some("1"),
            Speed::Double => Some("2"),
            Speed::Quadruple => Some("4"),
            Speed::Instant => None,
        }
    }
}

/// Virtual time as a function of real time: it runs at a rate from an anchor and never passes a
/// limit (the end of the run, or the moment the trace may change).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Clock {
    virtual_ms: f64,
    real_ms: f64,
    /// Virtual per real millisecond; `None` jumps straight to the limit.
    rate: Option<f64>,
    limit_ms: f64,
}

impl Clock {
    fn new(real_ms: f64, rate: Option<f64>, limit_ms: f64) -> Clock {
        Clock { virtual_ms: 0.0, real_ms, rate, limit_ms }
    }

    /// Virtual milliseconds at real time `real_ms`.
    pub fn at(&self, real_ms: f64) -> f64 {
        match self.rate {
            None => self.limit_ms,
            Some(rate) => (self.virtual_ms + (real_ms - self.real_ms).max(0.0) * rate).min(self.limit_ms),
        }
    }

    /// The same clock from `real_ms` on, with another rate and limit; it goes on from where it is.
    fn rebased(&self, real_ms: f64, rate: Option<f64>, limit_ms: f64) -> Clock {
        Clock { virtual_ms: self.at(real_ms), real_ms, rate, limit_ms }
    }
}

/// A button of the maker board.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Button {
    /// Button A (left).
    A,
    /// Button B (right).
    B,
}

impl Button {
    /// Both buttons, left to right.
    pub const ALL: [Button; 2] = [Button::A, Button::B];

    /// The name the student API and scenarios use.
    pub fn name(self) -> &'static str {
        match self {
            Button::A => "A",
            Button::B => "B",
        }
    }
}

/// The board's sensors, in the order the sliders show them.
pub const SENSORS: [Sensor; 5] = [Sensor::Temperature, Sensor::Light, Sensor::Sound, Sensor::TiltX, Sensor::TiltY];

/// The values a sensor's slider offers: exactly those a scenario accepts.
pub fn sensor_range(sensor: Sensor) -> (i64, i64) {
    match sensor {
        Sensor::Temperature => (-40, 125),
        Sensor::Light | Sensor::Sound => (0, 255),
        Sensor::TiltX | Sensor::TiltY => (-90, 90),
    }
}

fn sensor_index(sensor: Sensor) -> usize {
    SENSORS.iter().position(|candidate| *candidate == sensor).unwrap_or_default()
}

/// What each sensor's slider is set to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SensorValues([i64; 5]);

impl Default for SensorValues {
    fn default() -> Self {
        SensorValues(SENSORS.map(Sensor::default_value))
    }
}

impl SensorValues {
    /// The value of `sensor`.
    pub fn get(&self, sensor: Sensor) -> i64 {
        self.0[sensor_index(sensor)]
    }

    /// Sets `sensor`, kept within its range.
    pub fn set(&mut self, sensor: Sensor, value: i64) {
        let (low, high) = sensor_range(sensor);
        self.0[sensor_index(sensor)] = value.clamp(low, high);
    }
}

/// Something the student did to the board while the program played, at a virtual time.
#[derive(Clone, Debug, PartialEq)]
enum Interaction {
    /// A button went down at `at_ms` and came up at `released_ms` (`None`: still held).
    Press { button: Button, at_ms: u64, released_ms: Option<u64> },
    /// A slider moved: from `from_ms` on, the sensor reads `value`.
    Reading { sensor: Sensor, value: i64, from_ms: u64 },
}

/// What the student does to playback or the board; the app adds the real time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Control {
    /// Play at another speed.
    Speed(Speed),
    /// A board button went down.
    Press(Button),
    /// A board button came up.
    Release(Button),
    /// A sensor slider moved.
    Sensor(Sensor, i64),
    /// Playback is near the end of its window (sent by the stage while it plays).
    Extend,
    /// Playback reached its end (sent by the stage while it plays).
    Ended,
}

/// What a press of Run runs: the program with the input it had then.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunStart {
    /// The program.
    pub program: String,
    /// The lines `input()` reads.
    pub lines: Vec<String>,
    /// The random seed, the same in every re-run.
    pub seed: u64,
}

/// One press of Run, played back, with the board interactions made while it plays.
#[derive(Clone, Debug)]
pub struct Session {
    /// The latest request's id.
    id: RunId,
    start: RunStart,
    /// The sliders when Run was pressed: the sensors read these from the start.
    initial: SensorValues,
    interactions: Vec<Interaction>,
    /// The virtual time the runs cover (`stop at`).
    window_ms: u64,
    /// The latest request is at the worker.
    waiting: bool,
    /// The earliest moment changed since the request at the worker was made.
    unsent_from: Option<u64>,
    /// The trace on hand is right up to this moment only (inclusive): a change after it waits for
    /// its re-run.
    valid_until: Option<u64>,
    report: Option<SharedReport>,
    clock: Clock,
    speed: Speed,
    /// Playback ended, was stopped or gave way to a check: the clock stands still.
    frozen: bool,
    /// Playback got to the end of the run.
    completed: bool,
}

impl Session {
    /// A session numbered `number` for `start`, with the sliders at `sensors`; also its first
    /// request.
    pub fn start(number: u32, start: RunStart, sensors: SensorValues, speed: Speed) -> (Session, RunRequest) {
        let mut session = Session {
            id: RunId { session: number, request: 0 },
            start,
            initial: sensors,
            interactions: Vec::new(),
            window_ms: WINDOW_MS,
            waiting: false,
            unsent_from: None,
            valid_until: None,
            report: None,
            clock: Clock::new(0.0, Some(0.0), 0.0),
            speed,
            frozen: false,
            completed: false,
        };
        let request = session.request();
        (session, request)
    }

    /// The run's input: the lines, the seed, the board's scenario so far and the budgets.
    pub fn input(&self) -> RunInput {
        RunInput {
            lines: self.start.lines.clone(),
            seed: self.start.seed,
            scenario: self.scenario(),
            // The window, not the budget, ends a run; the budget only caps the windows.
            limits: Limits { max_virtual_time_ms: MAX_SESSION_MS, ..Limits::default() },
            ..RunInput::default()
        }
    }

    /// The board's scenario: the sliders at Run, then every press and slider move.
    pub fn scenario(&self) -> Scenario {
        let mut readings: Vec<SensorReading> = SENSORS
            .into_iter()
            .filter(|&sensor| self.initial.get(sensor) != sensor.default_value())
            .map(|sensor| SensorReading { sensor, value: self.initial.get(sensor), from_ms: 0 })
            .collect();
        let mut presses = Vec::new();
        for interaction in &self.interactions {
            match *interaction {
                Interaction::Press { button, at_ms, released_ms } => presses.push(ButtonPress {
                    button: button.name().to_string(),
                    at_ms,
                    // A button still held stays down to the end of the window.
                    hold_ms: released_ms.unwrap_or(self.window_ms).saturating_sub(at_ms).max(1),
                }),
                Interaction::Reading { sensor, value, from_ms } => {
                    readings.push(SensorReading { sensor, value, from_ms });
                }
            }
        }
        Scenario { presses, readings, stop_at_ms: Some(self.window_ms) }
    }

    fn request(&mut self) -> RunRequest {
        self.id.request += 1;
        self.waiting = true;
        RunRequest { id: self.id, program: self.start.program.clone(), input: self.input() }
    }

    /// Whether the report `id` is the one this session waits for.
    pub fn expects(&self, id: RunId) -> bool {
        self.waiting && self.id == id
    }

    /// Takes the report of the latest request, at real time `real_ms`. Returns the next request
    /// when the board changed meanwhile.
    pub fn receive(&mut self, report: Rc<RunReport>, real_ms: f64) -> Option<RunRequest> {
        let first = self.report.is_none();
        self.report = Some(SharedReport(report));
        self.waiting = false;
        let next = match self.unsent_from.take() {
            Some(from_ms) => {
                self.valid_until = Some(from_ms.saturating_sub(1));
                Some(self.request())
            }
            None => {
                self.valid_until = None;
                None
            }
        };
        if first {
            self.clock = Clock::new(real_ms, self.speed.rate(), self.limit_ms());
            if self.end_ms() == 0 {
                // Nothing to play: everything happened at once.
                self.finish(real_ms);
            }
        } else {
            self.retime(real_ms);
        }
        next
    }

    /// The run on screen: the latest report.
    pub fn report(&self) -> Option<&SharedReport> {
        self.report.as_ref()
    }

    /// Whether playback is going on: the first report came and the clock has not been stopped.
    pub fn playing(&self) -> bool {
        self.report.is_some() && !self.frozen
    }

    /// Whether playback got to the end of the run (so its mistake, if any, is shown).
    pub fn completed(&self) -> bool {
        self.completed
    }

    /// Whether a re-run is at the worker.
    pub fn waiting(&self) -> bool {
        self.waiting
    }

    /// Whether the board's buttons and sliders reach the program now.
    pub fn interactive(&self) -> bool {
        self.playing() && self.report.as_ref().is_some_and(|report| report.0.board.reads)
    }

    /// Whether `button` is held down.
    pub fn held(&self, button: Button) -> bool {
        self.interactions.iter().any(|interaction| {
            matches!(interaction, Interaction::Press { button: held, released_ms: None, .. } if *held == button)
        })
    }

    /// Whether the program keeps going for as long as the board is on: it loops until the window
    /// ends, or it waits for button presses.
    fn live(&self) -> bool {
        let Some(SharedReport(report)) = &self.report else { return false };
        report.board.reads
            && match report.run.outcome {
                Outcome::TimeUp => true,
                Outcome::Finished { .. } => report.board.waits_for_buttons,
                Outcome::Failed { .. } => false,
            }
    }

    /// Virtual time at which playback ends (for now, for a live session).
    pub fn end_ms(&self) -> u64 {
        match &self.report {
            None => 0,
            Some(_) if self.live() => self.window_ms,
            Some(SharedReport(report)) => report.run.end_time_ms,
        }
    }

    fn extendable(&self) -> bool {
        self.live() && self.window_ms < MAX_SESSION_MS && self.speed != Speed::Instant
    }

    /// How far the clock may go: the end, or the last moment the trace on hand is right.
    fn limit_ms(&self) -> f64 {
        let end = self.end_ms();
        self.valid_until.map_or(end, |valid| valid.min(end)) as f64
    }

    fn rate(&self) -> Option<f64> {
        if self.frozen {
            Some(0.0)
        } else {
            self.speed.rate()
        }
    }

    fn retime(&mut self, real_ms: f64) {
        self.clock = self.clock.rebased(real_ms, self.rate(), self.limit_ms());
    }

    /// The virtual time on screen at real time `real_ms`, in whole milliseconds.
    pub fn time_at(&self, real_ms: f64) -> u64 {
        self.clock.at(real_ms).floor() as u64
    }

    /// How many of the trace's events are on screen at virtual time `time_ms`.
    pub fn shown(&self, time_ms: u64) -> usize {
        self.report.as_ref().map_or(0, |report| shown(&report.0.run.trace, time_ms))
    }

    /// Whether playback has reached its end at real time `real_ms`.
    pub fn ended_at(&self, real_ms: f64) -> bool {
        self.playing()
            && !self.waiting
            && self.valid_until.is_none()
            && !self.extendable()
            && self.clock.at(real_ms) >= self.end_ms() as f64
    }

    /// Whether a live session is near the end of its window at real time `real_ms`.
    pub fn wants_extension(&self, real_ms: f64) -> bool {
        self.playing() && self.extendable() && self.clock.at(real_ms) + EXTEND_MARGIN_MS as f64 >= self.window_ms as f64
    }

    /// The moment an interaction at real time `real_ms` takes effect: just after what is shown, so
    /// that everything on screen stays as it is.
    fn next_moment(&self, real_ms: f64) -> u64 {
        self.time_at(real_ms) + 1
    }

    /// The scenario changes from `from_ms` on: re-run now, or after the re-run at the worker.
    fn changed(&mut self, from_ms: u64, real_ms: f64) -> Option<RunRequest> {
        let valid = from_ms.saturating_sub(1);
        self.valid_until = Some(self.valid_until.map_or(valid, |until| until.min(valid)));
        let request = if self.waiting {
            self.unsent_from = Some(self.unsent_from.map_or(from_ms, |unsent| unsent.min(from_ms)));
            None
        } else {
            Some(self.request())
        };
        self.retime(real_ms);
        request
    }

    /// Applies `control` at real time `real_ms`; returns the re-run it needs, if any.
    pub fn control(&mut self, control: Control, real_ms: f64) -> Option<RunRequest> {
        match control {
            Control::Speed(speed) => {
                self.speed = speed;
                self.retime(real_ms);
                None
            }
            Control::Press(button) => {
                if !self.interactive() || self.held(button) {
                    return None;
                }
                let at_ms = self.next_moment(real_ms);
                self.interactions.push(Interaction::Press { button, at_ms, released_ms: None });
                self.changed(at_ms, real_ms)
            }
            Control::Release(button) => {
                let now_ms = self.next_moment(real_ms);
                let interactive = self.interactive();
                let released = self.interactions.iter_mut().find_map(|interaction| match interaction {
                    Interaction::Press { button: held, at_ms, released_ms: released @ None } if *held == button => {
                        // A click shorter than a default press still counts as one, so that a
                        // program that looks at the button every 100 ms sees it.
                        *released = Some(now_ms.max(*at_ms + DEFAULT_PRESS_MS));
                        *released
                    }
                    _ => None,
                })?;
                interactive.then(|| self.changed(released, real_ms)).flatten()
            }
            Control::Sensor(sensor, value) => {
                if !self.interactive() {
                    return None;
                }
                let from_ms = self.next_moment(real_ms);
                match self.interactions.last_mut() {
                    // Moves while the clock waits for a re-run all happen at the same moment.
                    Some(Interaction::Reading { sensor: last, value: last_value, from_ms: last_from })
                        if *last == sensor && *last_from == from_ms =>
                    {
                        *last_value = value;
                    }
                    _ => self.interactions.push(Interaction::Reading { sensor, value, from_ms }),
                }
                self.changed(from_ms, real_ms)
            }
            Control::Extend => {
                if !self.wants_extension(real_ms) {
                    return None;
                }
                let old_window = self.window_ms;
                self.window_ms = (old_window + WINDOW_MS).min(MAX_SESSION_MS);
                let timed_out = self.report.as_ref().is_some_and(|report| report.0.run.outcome == Outcome::TimeUp);
                if timed_out {
                    self.changed(old_window, real_ms)
                } else {
                    // A program waiting for presses has nothing more to run until one comes.
                    self.retime(real_ms);
                    None
                }
            }
            Control::Ended => None,
        }
    }

    /// Stops the clock where it is (Stop, or a check); a late report is not taken any more.
    pub fn freeze(&mut self, real_ms: f64) {
        self.frozen = true;
        self.waiting = false;
        self.unsent_from = None;
        self.retime(real_ms);
    }

    /// Ends playback at the end of the run.
    pub fn finish(&mut self, real_ms: f64) {
        self.freeze(real_ms);
        self.completed = true;
        self.clock = Clock { rate: None, ..self.clock };
    }
}

/// How many events of `trace` happen at or before `time_ms` (a trace is in time order).
pub fn shown(trace: &[TraceEvent], time_ms: u64) -> usize {
    trace.partition_point(|event| event.time_ms <= time_ms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workers::protocol::BoardUse;
    use sprout_runtime::{run, Event};

    /// Presses A and lights the middle LED while A is down.
    const HOLD_A: &str = "loop { if button_pressed(\"A\") { led_plot(2, 2); } else { led_clear(); } sleep(50); }";
    /// Prints the temperature whenever it changes.
    const THERMOMETER: &str =
        "let last = -100;\nloop { let t = temperature(); if t != last { print(`${t}`); last = t; } sleep(100); }";

    /// What the worker does with a request, natively.
    fn execute(request: &RunRequest) -> Rc<RunReport> {
        let run = run(&request.program, &request.input);
        let board = BoardUse::of_program(&request.program, &request.input.limits);
        Rc::new(RunReport { id: request.id, board, run, messages: Vec::new() })
    }

    fn start(program: &str) -> (Session, RunRequest) {
        let start = RunStart { program: program.to_string(), lines: Vec::new(), seed: 7 };
        Session::start(1, start, SensorValues::default(), Speed::Normal)
    }

    /// A session of `program` whose first run arrived at real time 0.
    fn playing(program: &str) -> Session {
        let (mut session, request) = start(program);
        assert_eq!(session.receive(execute(&request), 0.0), None);
        session
    }

    fn trace(session: &Session) -> &[TraceEvent] {
        &session.report().expect("a report").0.run.trace
    }

    fn output_until(session: &Session, time_ms: u64) -> String {
        trace(session)[..session.shown(time_ms)]
            .iter()
            .filter_map(|event| match &event.event {
                Event::Output { text } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_clock_runs_at_its_speed_up_to_its_limit() {
        let clock = Clock::new(1000.0, Some(2.0), 500.0);
        assert_eq!([clock.at(900.0), clock.at(1100.0), clock.at(1300.0)], [0.0, 200.0, 500.0]);
        let slower = clock.rebased(1100.0, Some(0.5), 500.0);
        assert_eq!(slower.at(1300.0), 300.0);
        let frozen = slower.rebased(1300.0, Some(0.0), 500.0);
        assert_eq!(frozen.at(9999.0), 300.0);
        assert_eq!(frozen.rebased(9999.0, None, 500.0).at(9999.0), 500.0);
    }

    #[test]
    fn events_show_once_their_time_has_come() {
        let session = playing("print(\"a\"); sleep(1000); print(\"b\"); sleep(500); print(\"c\");");
        assert_eq!(session.end_ms(), 1500);
        assert!(session.playing());
        assert_eq!(output_until(&session, session.time_at(0.0)), "a\n");
        assert_eq!(output_until(&session, session.time_at(999.0)), "a\n");
        assert_eq!(output_until(&session, session.time_at(1000.0)), "a\nb\n");
        assert!(!session.ended_at(1499.0));
        assert!(session.ended_at(1500.0));
        assert_eq!(output_until(&session, session.time_at(5000.0)), "a\nb\nc\n");
    }

    #[test]
    fn a_run_without_time_is_complete_at_once() {
        let session = playing("print(1); forward(100); left(90); forward(50);");
        assert!(!session.playing());
        assert!(session.completed());
        assert_eq!(session.shown(session.time_at(0.0)), trace(&session).len());
    }

    #[test]
    fn speed_changes_keep_the_moment_on_screen() {
        let mut session = playing("sleep(10000); print(\"end\");");
        assert_eq!(session.time_at(1000.0), 1000);
        session.control(Control::Speed(Speed::Quadruple), 1000.0);
        assert_eq!(session.time_at(1500.0), 3000);
        session.control(Control::Speed(Speed::Half), 1500.0);
        assert_eq!(session.time_at(2500.0), 3500);
        session.control(Control::Speed(Speed::Instant), 2500.0);
        assert_eq!(session.time_at(2500.0), 10_000);
        assert!(session.ended_at(2500.0));
    }

    #[test]
    fn stop_freezes_what_is_shown() {
        let mut session = playing("sleep(10000);");
        session.freeze(2000.0);
        assert_eq!(session.time_at(9000.0), 2000);
        assert!(!session.playing() && !session.completed());
        session.finish(9000.0);
        assert!(session.completed());
        assert_eq!(session.time_at(9000.0), 10_000);
    }

    #[test]
    fn the_scenario_holds_the_sliders_presses_and_window() {
        let mut sensors = SensorValues::default();
        sensors.set(Sensor::Temperature, 35);
        sensors.set(Sensor::Light, 999);
        assert_eq!(sensors.get(Sensor::Light), 255);
        let start = RunStart { program: HOLD_A.to_string(), lines: Vec::new(), seed: 1 };
        let (mut session, request) = Session::start(3, start, sensors, Speed::Normal);
        assert_eq!(request.id, RunId { session: 3, request: 1 });
        assert_eq!(request.input.scenario.stop_at_ms, Some(WINDOW_MS));
        session.receive(execute(&request), 0.0);

        let pressed = session.control(Control::Press(Button::A), 1000.0).expect("a re-run");
        assert_eq!(pressed.id.request, 2);
        assert!(session.held(Button::A));
        let scenario = &pressed.input.scenario;
        assert_eq!(scenario.presses, [ButtonPress { button: "A".into(), at_ms: 1001, hold_ms: WINDOW_MS - 1001 }]);
        let temperature = SensorReading { sensor: Sensor::Temperature, value: 35, from_ms: 0 };
        let light = SensorReading { sensor: Sensor::Light, value: 255, from_ms: 0 };
        assert_eq!(scenario.readings, [temperature, light]);

        // The clock waited 100 ms for the re-run; the button was held 300 ms of playback.
        assert_eq!(session.receive(execute(&pressed), 1100.0), None);
        let released = session.control(Control::Release(Button::A), 1400.0).expect("a re-run");
        assert!(!session.held(Button::A));
        assert_eq!(released.input.scenario.presses[0].hold_ms, 300);
    }

    #[test]
    fn a_short_click_is_held_long_enough_to_be_seen() {
        let mut session = playing(HOLD_A);
        let pressed = session.control(Control::Press(Button::B), 500.0).expect("a re-run");
        // Released while the re-run is at the worker: the next request carries the release.
        assert_eq!(session.control(Control::Release(Button::B), 510.0), None);
        let released = session.receive(execute(&pressed), 520.0).expect("a re-run with the release");
        assert_eq!(released.input.scenario.presses[0].hold_ms, DEFAULT_PRESS_MS);
    }

    #[test]
    fn a_re_run_agrees_with_the_old_trace_before_the_press_and_shows_the_press_after_it() {
        let mut session = playing(HOLD_A);
        let before = trace(&session).to_vec();
        let pressed = session.control(Control::Press(Button::A), 2000.0).expect("a re-run");
        // The clock waits just before the press until the re-run comes.
        assert_eq!(session.time_at(5000.0), 2000);
        session.receive(execute(&pressed), 5000.0);
        assert_eq!(session.time_at(5000.0), 2000);
        assert_eq!(session.time_at(5100.0), 2100);
        let after = trace(&session);
        let cut = shown(&before, 2000);
        assert_eq!(after[..cut], before[..cut]);
        let lit = after[cut..].iter().find(|event| event.event == Event::Led { frame: lit_middle() });
        assert_eq!(lit.map(|event| event.time_ms), Some(2050));
    }

    fn lit_middle() -> Vec<u8> {
        let mut frame = vec![0; 25];
        frame[12] = 9;
        frame
    }

    #[test]
    fn a_slider_move_reaches_a_program_that_reads_the_sensor() {
        let mut session = playing(THERMOMETER);
        assert!(session.interactive());
        let mut request = session.control(Control::Sensor(Sensor::Temperature, 30), 1000.0).expect("a re-run");
        // Moves while the re-run is at the worker are one reading at the same moment.
        assert_eq!(session.control(Control::Sensor(Sensor::Temperature, 33), 1200.0), None);
        if let Some(next) = session.receive(execute(&request), 1200.0) {
            request = next;
        }
        assert_eq!(
            request.input.scenario.readings,
            [SensorReading { sensor: Sensor::Temperature, value: 33, from_ms: 1001 }]
        );
        session.receive(execute(&request), 1300.0);
        assert_eq!(output_until(&session, session.time_at(1500.0)), "20\n33\n");
    }

    #[test]
    fn programs_that_do_not_read_the_board_ignore_it() {
        let mut session = playing("loop { led_plot(0, 0); sleep(100); led_clear(); sleep(100); }");
        assert!(!session.interactive());
        assert_eq!(session.control(Control::Press(Button::A), 100.0), None);
        assert_eq!(session.control(Control::Sensor(Sensor::Light, 10), 100.0), None);
        // It loops until the window ends, and is not extended.
        assert_eq!(session.end_ms(), WINDOW_MS);
        assert!(!session.wants_extension(59_000.0));
        assert!(session.ended_at(60_000.0));
    }

    #[test]
    fn a_live_session_grows_window_by_window_up_to_its_limit() {
        let mut session = playing(HOLD_A);
        assert!(!session.wants_extension(39_000.0));
        assert!(session.wants_extension(40_000.0));
        let request = session.control(Control::Extend, 40_000.0).expect("a longer re-run");
        assert_eq!(request.input.scenario.stop_at_ms, Some(2 * WINDOW_MS));
        assert_eq!(session.control(Control::Extend, 40_000.0), None);
        session.receive(execute(&request), 41_000.0);
        assert_eq!(session.end_ms(), 2 * WINDOW_MS);
        assert!(!session.ended_at(200_000.0));

        // Virtual time is real time here (1×, never held for long): play to each window's margin.
        loop {
            let real_ms = (session.end_ms() - EXTEND_MARGIN_MS / 2) as f64;
            let Some(request) = session.control(Control::Extend, real_ms) else { break };
            session.receive(execute(&request), real_ms);
        }
        assert_eq!(session.end_ms(), MAX_SESSION_MS);
        assert!(session.ended_at(MAX_SESSION_MS as f64));
    }

    #[test]
    fn a_program_waiting_for_buttons_stays_live_after_its_top_level() {
        let program = "let n = 0;\non_button(\"A\", || { led_plot(n % 5, n / 5); n += 1; });";
        let mut session = playing(program);
        assert!(session.playing());
        assert_eq!(session.end_ms(), WINDOW_MS);
        let pressed = session.control(Control::Press(Button::A), 3000.0).expect("a re-run");
        session.receive(execute(&pressed), 3000.0);
        let released = session.control(Control::Release(Button::A), 3050.0).expect("a re-run");
        session.receive(execute(&released), 3100.0);
        let frame = trace(&session).iter().find_map(|event| match &event.event {
            Event::Led { frame } => Some((event.time_ms, frame[0])),
            _ => None,
        });
        assert_eq!(frame, Some((3001, 9)));
        // Extending needs no re-run: nothing more can happen without a press.
        assert_eq!(session.control(Control::Extend, 45_000.0), None);
        assert_eq!(session.end_ms(), 2 * WINDOW_MS);
    }

    #[test]
    fn late_and_stale_reports_are_not_expected() {
        let (mut session, first) = start(HOLD_A);
        assert!(session.expects(first.id));
        assert!(!session.expects(RunId { session: 2, request: 1 }));
        session.receive(execute(&first), 0.0);
        assert!(!session.expects(first.id));
        let pressed = session.control(Control::Press(Button::A), 100.0).expect("a re-run");
        session.freeze(150.0);
        assert!(!session.expects(pressed.id));
        assert!(!session.interactive());
    }

    #[test]
    fn sliders_offer_exactly_what_a_scenario_accepts() {
        for sensor in SENSORS {
            let (low, high) = sensor_range(sensor);
            let keyword = sensor.keyword();
            for value in [low, high] {
                assert!(Scenario::parse(&format!("{keyword} {value} from 0")).is_ok(), "{keyword} {value}");
            }
            for value in [low - 1, high + 1] {
                assert!(Scenario::parse(&format!("{keyword} {value} from 0")).is_err(), "{keyword} {value}");
            }
            assert!((low..=high).contains(&sensor.default_value()));
        }
    }
}
