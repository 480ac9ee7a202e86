//! The stage: what a finished run showed besides text, replayed from its trace.
//!
//! The turtle canvas draws every segment, fill and dot (origin in the centre, y up, 400×400); the
//! LED board shows the last LED frame. Both describe themselves for screen readers with counts,
//! which browser tests read as well.

use sprout_runtime::messages::Language;
use sprout_runtime::trace::{Point, TurtleEvent};
use sprout_runtime::{Event, TraceEvent};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

use crate::i18n::{tr, tr_with, Text};
use crate::state::SharedReport;

/// Side of the square canvas, in pixels and turtle units alike.
const CANVAS_SIZE: f64 = 400.0;

/// Props of [`TurtleCanvas`].
#[derive(Properties, PartialEq)]
pub struct TurtleCanvasProps {
    /// The interface language.
    pub language: Language,
    /// The last finished run, if any.
    pub report: Option<SharedReport>,
}

/// The turtle's drawing.
#[component]
pub fn TurtleCanvas(props: &TurtleCanvasProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        use_effect_with(props.report.clone(), move |report| {
            if let Some(context) = canvas.cast::<HtmlCanvasElement>().and_then(|canvas| context_2d(&canvas)) {
                draw(&context, trace(report));
            }
        });
    }
    let lines = turtle_events(trace(&props.report))
        .filter(|event| matches!(event, TurtleEvent::Move { pen: Some(_), .. }))
        .count();
    let description = tr_with(props.language, Text::CanvasDescription, &[("count", lines.to_string())]);
    html! {
        <section class="panel" aria-labelledby="canvas-heading">
            <h2 id="canvas-heading">{ tr(props.language, Text::CanvasHeading) }</h2>
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

fn draw(context: &CanvasRenderingContext2d, trace: &[TraceEvent]) {
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, CANVAS_SIZE, CANVAS_SIZE);
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

/// Props of [`LedBoard`].
#[derive(Properties, PartialEq)]
pub struct LedBoardProps {
    /// The interface language.
    pub language: Language,
    /// The last finished run, if any.
    pub report: Option<SharedReport>,
}

/// The 5×5 LED matrix.
#[component]
pub fn LedBoard(props: &LedBoardProps) -> Html {
    // Before the first frame every LED is off.
    let frame = trace(&props.report)
        .iter()
        .rev()
        .find_map(|event| match &event.event {
            Event::Led { frame } => Some(frame.as_slice()),
            _ => None,
        })
        .unwrap_or(&[0; 25]);
    let lit = frame.iter().filter(|&&brightness| brightness > 0).count();
    let description = tr_with(props.language, Text::LedDescription, &[("count", lit.to_string())]);
    html! {
        <section class="panel" aria-labelledby="led-heading">
            <h2 id="led-heading">{ tr(props.language, Text::LedHeading) }</h2>
            <div class="leds" role="img" aria-label={description}>
                { for frame.iter().map(|&brightness| html! {
                    <span class="led" style={format!("opacity: {:.2}", 0.12 + 0.88 * f64::from(brightness.min(9)) / 9.0)} />
                }) }
            </div>
        </section>
    }
}
