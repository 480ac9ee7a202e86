//! The stage: the console and everything else a run shows (turtle canvas, charts, the maker
//! board), played back at the speed the run happened.
//!
//! [`Stage`] owns the playback loop: while a run plays it wakes on every animation frame, works
//! out the virtual time from the session's clock and redraws only when what is on screen changes
//! (or the time readout moves on by a tenth of a second), and tells the app when playback ends
//! or a live board program needs its next window. Each panel draws the trace's events up to that
//! moment. Only the panels the lesson or the run needs are shown; every panel describes itself
//! for screen readers, which the browser tests read as well.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use sprout_lessons::{Check, Lesson};
use sprout_runtime::trace::{Point, TurtleEvent};
use sprout_runtime::{Event, TraceEvent};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

use crate::components::board::MakerBoard;
use crate::components::chart::{charts_shown, ChartView};
use crate::components::console::Console;
use crate::i18n::{tr, tr_with, Text};
use crate::shell::context::use_language;
use crate::state::playback::{Button, Control, SensorValues, Speed};
use crate::state::{SharedReport, SharedSession, Status};
use crate::workers::protocol::RunReport;

/// Side of the square canvas, in pixels and turtle units alike.
const CANVAS_SIZE: f64 = 400.0;

/// Which panels the stage shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StageKinds {
    /// The turtle canvas.
    pub turtle: bool,
    /// The charts.
    pub chart: bool,
    /// The maker board.
    pub board: bool,
}

impl StageKinds {
    /// The panels a lesson's tests look at (a test with a board scenario needs the board).
    pub fn of_lesson(lesson: &Lesson) -> StageKinds {
        lesson.tests.iter().fold(StageKinds::default(), |kinds, test| StageKinds {
            turtle: kinds.turtle || matches!(test.check, Check::Turtle { .. }),
            chart: kinds.chart || matches!(test.check, Check::Chart { .. }),
            board: kinds.board
                || matches!(test.check, Check::Leds { .. })
                || !test.board.presses.is_empty()
                || !test.board.readings.is_empty(),
        })
    }

    /// The panels a run used: what it drew, and the board when it reads it.
    pub fn of_report(report: &RunReport) -> StageKinds {
        report.run.trace.iter().fold(
            StageKinds { board: report.board.reads, ..StageKinds::default() },
            |kinds, event| StageKinds {
                turtle: kinds.turtle || matches!(event.event, Event::Turtle { .. }),
                chart: kinds.chart || matches!(event.event, Event::Chart { .. }),
                board: kinds.board || matches!(event.event, Event::Led { .. }),
            },
        )
    }

    /// The panels of both.
    pub fn and(self, other: StageKinds) -> StageKinds {
        StageKinds {
            turtle: self.turtle || other.turtle,
            chart: self.chart || other.chart,
            board: self.board || other.board,
        }
    }

    /// For the free editor: these panels, or the turtle canvas when there are none (its page would
    /// leave the page without its usual drawing area).
    pub fn or_turtle(self) -> StageKinds {
        if self == StageKinds::default() {
            StageKinds { turtle: true, ..self }
        } else {
            self
        }
    }
}

/// Milliseconds of the page's clock.
fn now() -> f64 {
    js_sys::Date::now()
}

/// Props of [`Stage`].
#[derive(Properties, PartialEq)]
pub struct StageProps {
    /// Where the run stands.
    pub status: Status,
    /// The last press of Run.
    pub session: Option<SharedSession>,
    /// The playback speed.
    pub speed: Speed,
    /// The sensor sliders.
    pub sensors: SensorValues,
    /// The panels the lesson and the last run need.
    pub kinds: StageKinds,
    /// The high-contrast theme.
    pub high_contrast: bool,
    /// Speed changes, board use, and playback's own moments.
    pub on_control: Callback<Control>,
    /// The lesson's tool (the drawing pad, the model lab), shown with the panels.
    #[prop_or_default]
    pub tool: Html,
}

/// The playback loop's callback, which schedules itself for the next animation frame.
type AnimationFrame = Rc<RefCell<Option<Closure<dyn FnMut()>>>>;

/// Re-renders the caller while `session` plays, whenever the events on screen or the time readout
/// change, and sends [`Control::Ended`] and [`Control::Extend`] when their moment comes.
#[hook]
fn use_playback(session: Option<SharedSession>, on_control: Callback<Control>) {
    let redraw = use_force_update();
    use_effect_with(session, move |session| {
        let frame: AnimationFrame = Rc::new(RefCell::new(None));
        let handle = Rc::new(Cell::new(None));
        let window = web_sys::window();
        if let (Some(SharedSession(session)), Some(window)) = (session.clone(), window.clone()) {
            if session.playing() {
                let (frame_again, handle_again, window_again) = (frame.clone(), handle.clone(), window.clone());
                let mut last_seen = None;
                let mut extension_asked = false;
                *frame.borrow_mut() = Some(Closure::new(move || {
                    let real_ms = now();
                    let time_ms = session.time_at(real_ms);
                    let seen = (session.shown(time_ms), time_ms / 100);
                    if last_seen != Some(seen) {
                        last_seen = Some(seen);
                        redraw.force_update();
                    }
                    if session.ended_at(real_ms) {
                        on_control.emit(Control::Ended);
                        return;
                    }
                    if !extension_asked && session.wants_extension(real_ms) {
                        extension_asked = true;
                        on_control.emit(Control::Extend);
                    }
                    if let Some(next) = frame_again.borrow().as_ref() {
                        handle_again.set(window_again.request_animation_frame(next.as_ref().unchecked_ref()).ok());
                    }
                }));
                if let Some(first) = frame.borrow().as_ref() {
                    handle.set(window.request_animation_frame(first.as_ref().unchecked_ref()).ok());
                }
            }
        }
        move || {
            if let (Some(window), Some(pending)) = (window, handle.get()) {
                let _ = window.cancel_animation_frame(pending);
            }
            frame.borrow_mut().take();
        }
    });
}

/// Tenths of a second, as the time readout shows them.
fn seconds(milliseconds: u64) -> String {
    format!("{}.{}", milliseconds / 1000, milliseconds % 1000 / 100)
}

/// The console and the stage panels, played back.
#[component]
pub fn Stage(props: &StageProps) -> Html {
    use_playback(props.session.clone(), props.on_control.clone());
    let language = use_language();
    let session = props.session.as_ref().map(|session| &*session.0);
    let report = session.and_then(|session| session.report().cloned());
    let time_ms = session.map_or(0, |session| session.time_at(now()));
    let shown = session.map_or(0, |session| session.shown(time_ms));
    let completed = session.is_some_and(|session| session.completed());
    let kinds = props.kinds;

    let speed_buttons = Speed::ALL.map(|speed| {
        let on_control = props.on_control.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_control.emit(Control::Speed(speed)));
        let pressed = (speed == props.speed).to_string();
        match speed.factor() {
            // "2×" is read out as "2 multiplication sign": the button is named by hidden words.
            Some(factor) => {
                let name = tr_with(language, Text::SpeedTimes, &[("factor", factor.to_string())]);
                html! {
                    <button type="button" aria-pressed={pressed} title={name.clone()} {onclick}>
                        <span aria-hidden="true">{ format!("{factor}×") }</span>
                        <span class="visually-hidden">{ name }</span>
                    </button>
                }
            }
            None => html! {
                <button type="button" aria-pressed={pressed} {onclick}>{ tr(language, Text::SpeedInstant) }</button>
            },
        }
    });
    // Runs that took no virtual time have no time to show.
    let time = session.filter(|session| session.end_ms() > 0).map(|session| {
        let values = [("now", seconds(time_ms)), ("total", seconds(session.end_ms()))];
        html! { <span class="playback-time">{ tr_with(language, Text::PlaybackTime, &values) }</span> }
    });

    let board = kinds.board.then(|| {
        let frame = report
            .as_ref()
            .and_then(|report| {
                report.0.run.trace[..shown].iter().rev().find_map(|event| match &event.event {
                    Event::Led { frame } => Some(frame.clone()),
                    _ => None,
                })
            })
            // Before the first frame every LED is off.
            .unwrap_or_else(|| vec![0; 25]);
        let interactive = session.is_some_and(|session| session.interactive());
        let held = Button::ALL.map(|button| interactive && session.is_some_and(|session| session.held(button)));
        html! {
            <MakerBoard {frame} {interactive} {held} sensors={props.sensors} on_control={props.on_control.clone()} />
        }
    });
    let charts = kinds.chart.then(|| {
        html! {
            <ChartPanel report={report.clone()} {shown} high_contrast={props.high_contrast} />
        }
    });
    let turtle = kinds.turtle.then(|| html! { <TurtleCanvas report={report.clone()} {shown} /> });

    html! {
        <>
            <Console status={props.status} report={report.clone()} {shown} {completed} />
            <div class="stage">
                <div class="playback" role="group" aria-label={tr(language, Text::SpeedLabel)}>
                    <span class="playback-label" aria-hidden="true">{ tr(language, Text::SpeedLabel) }</span>
                    { for speed_buttons }
                    { time.unwrap_or_default() }
                </div>
                { turtle.unwrap_or_default() }
                { charts.unwrap_or_default() }
                { board.unwrap_or_default() }
                { props.tool.clone() }
            </div>
        </>
    }
}

/// Props of [`ChartPanel`].
#[derive(Properties, PartialEq)]
pub struct ChartPanelProps {
    /// The run on screen, if any.
    pub report: Option<SharedReport>,
    /// How many of its events are on screen.
    pub shown: usize,
    /// The high-contrast theme.
    pub high_contrast: bool,
}

/// The charts drawn so far, the latest few.
#[component]
pub fn ChartPanel(props: &ChartPanelProps) -> Html {
    let language = use_language();
    let (indices, total) = props.report.as_ref().map(|report| charts_shown(report, props.shown)).unwrap_or_default();
    let first_number = total - indices.len() + 1;
    html! {
        <section class="panel charts" aria-labelledby="chart-heading">
            <h2 id="chart-heading">{ tr(language, Text::ChartHeading) }</h2>
            if total > indices.len() {
                <p class="charts-omitted">
                    { tr_with(language, Text::ChartsOmitted, &[("count", total.to_string()), ("shown", indices.len().to_string())]) }
                </p>
            }
            if let Some(report) = &props.report {
                <div class="chart-list">
                    { for indices.iter().enumerate().map(|(offset, &index)| html! {
                        <ChartView report={report.clone()} {index} number={first_number + offset}
                            high_contrast={props.high_contrast} />
                    }) }
                </div>
            }
        </section>
    }
}

/// Props of [`TurtleCanvas`].
#[derive(Properties, PartialEq)]
pub struct TurtleCanvasProps {
    /// The run on screen, if any.
    pub report: Option<SharedReport>,
    /// How many of its events are on screen.
    pub shown: usize,
}

/// The turtle's drawing so far. Playback adds segments, so only new events are drawn, unless the
/// run changed (a re-run draws everything again).
#[component]
pub fn TurtleCanvas(props: &TurtleCanvasProps) -> Html {
    let language = use_language();
    let canvas = use_node_ref();
    let drawn: Rc<RefCell<Option<(SharedReport, usize)>>> = use_mut_ref(|| None);
    {
        let canvas = canvas.clone();
        use_effect_with((props.report.clone(), props.shown), move |(report, shown)| {
            let Some(context) = canvas.cast::<HtmlCanvasElement>().and_then(|canvas| context_2d(&canvas)) else {
                return;
            };
            let trace = trace(report);
            let shown = (*shown).min(trace.len());
            let mut drawn = drawn.borrow_mut();
            let from = match (&*drawn, report) {
                (Some((last, count)), Some(report)) if last == report && *count <= shown => *count,
                _ => {
                    clear(&context);
                    0
                }
            };
            draw(&context, &trace[from..shown]);
            *drawn = report.clone().map(|report| (report, shown));
        });
    }
    let lines = turtle_events(&trace(&props.report)[..props.shown.min(trace(&props.report).len())])
        .filter(|event| matches!(event, TurtleEvent::Move { pen: Some(_), .. }))
        .count();
    let description = tr_with(language, Text::CanvasDescription, &[("count", lines.to_string())]);
    html! {
        <section class="panel" aria-labelledby="canvas-heading">
            <h2 id="canvas-heading">{ tr(language, Text::CanvasHeading) }</h2>
            <canvas ref={canvas} class="turtle" width="400" height="400" role="img" aria-label={description} />
        </section>
    }
}

fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

fn trace(report: &Option<SharedReport>) -> &[TraceEvent] {
    report.as_ref().map_or(&[], |report| &report.0.run.trace)
}

fn turtle_events(trace: &[TraceEvent]) -> impl Iterator<Item = &TurtleEvent> {
    trace.iter().filter_map(|event| match &event.event {
        Event::Turtle { turtle } => Some(turtle),
        _ => None,
    })
}

/// Canvas pixel of a turtle point: origin in the centre, y up.
fn pixel(point: &Point) -> (f64, f64) {
    (CANVAS_SIZE / 2.0 + point.x, CANVAS_SIZE / 2.0 - point.y)
}

fn clear(context: &CanvasRenderingContext2d) {
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, CANVAS_SIZE, CANVAS_SIZE);
}

fn draw(context: &CanvasRenderingContext2d, trace: &[TraceEvent]) {
    context.set_line_cap("round");
    context.set_line_join("round");
    for event in turtle_events(trace) {
        match event {
            TurtleEvent::Move { from, to, pen: Some(pen) } => {
                context.set_stroke_style_str(&pen.color);
                context.set_line_width(pen.width);
                context.begin_path();
                let ((from_x, from_y), (to_x, to_y)) = (pixel(from), pixel(to));
                context.move_to(from_x, from_y);
                context.line_to(to_x, to_y);
                context.stroke();
            }
            TurtleEvent::Fill { points, color } => {
                context.set_fill_style_str(color);
                context.begin_path();
                for (x, y) in points.iter().map(pixel) {
                    context.line_to(x, y);
                }
                context.close_path();
                context.fill();
            }
            TurtleEvent::Dot { at, size, color } => {
                let (x, y) = pixel(at);
                context.set_fill_style_str(color);
                context.begin_path();
                // An arc cannot fail for a non-negative radius; the runtime checks sizes.
                let _ = context.arc(x, y, size / 2.0, 0.0, std::f64::consts::TAU);
                context.fill();
            }
            TurtleEvent::Move { pen: None, .. } | TurtleEvent::Turn { .. } | TurtleEvent::Visible { .. } => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::units::tests::full_course;
    use crate::workers::protocol::{BoardUse, RunId};
    use sprout_runtime::{run, RunInput};

    fn kinds_of(program: &str) -> StageKinds {
        let run = run(program, &RunInput::default());
        let board = BoardUse::of_program(program, &RunInput::default().limits);
        StageKinds::of_report(&RunReport { id: RunId::default(), board, run, messages: Vec::new() })
    }

    fn lesson_kinds(id: &str) -> StageKinds {
        StageKinds::of_lesson(full_course().lesson(id).expect("a lesson of the course"))
    }

    #[test]
    fn runs_need_the_panels_they_use() {
        assert_eq!(kinds_of("print(1);"), StageKinds::default());
        assert_eq!(kinds_of("forward(10);"), StageKinds { turtle: true, ..StageKinds::default() });
        assert_eq!(kinds_of("bar([\"a\"], [1]);"), StageKinds { chart: true, ..StageKinds::default() });
        assert_eq!(kinds_of("led_plot(0, 0);"), StageKinds { board: true, ..StageKinds::default() });
        assert_eq!(kinds_of("print(temperature());"), StageKinds { board: true, ..StageKinds::default() });
    }

    #[test]
    fn lessons_need_the_panels_their_tests_look_at() {
        assert_eq!(lesson_kinds("hello"), StageKinds::default());
        assert_eq!(lesson_kinds("turtle-square"), StageKinds { turtle: true, ..StageKinds::default() });
        assert_eq!(lesson_kinds("bar-chart"), StageKinds { chart: true, ..StageKinds::default() });
        assert_eq!(lesson_kinds("temperature-alarm"), StageKinds { board: true, ..StageKinds::default() });
    }

    #[test]
    fn the_stage_is_never_empty() {
        assert_eq!(StageKinds::default().or_turtle(), StageKinds { turtle: true, ..StageKinds::default() });
        let board = StageKinds { board: true, ..StageKinds::default() };
        assert_eq!(board.or_turtle(), board);
        assert!(!board.and(StageKinds { chart: true, ..StageKinds::default() }).or_turtle().turtle);
    }

    #[test]
    fn the_time_readout_shows_tenths() {
        assert_eq!(seconds(0), "0.0");
        assert_eq!(seconds(1234), "1.2");
        assert_eq!(seconds(60_000), "60.0");
    }
}
