//! The picture of a turtle drawing that differs from the one a test expects (issue #21): both on one
//! canvas, the expected drawing thick and grey under the student's in its own colours, the expected
//! shapes the student did not draw dashed in blue and the shapes drawn that were not expected in
//! red, with a legend in words and a text alternative that counts both. A child compares pictures
//! far more easily than the coordinates the grader compares.

use sprout_lessons::shapes::Shape;
use sprout_lessons::{DrawingDifference, TestGrade};
use sprout_runtime::trace::Point;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

use crate::i18n::{tr, tr_with, Text};
use crate::shell::context::use_language;
use crate::state::SharedGrade;

/// Side of the square picture, in pixels.
const SIZE: f64 = 320.0;
/// Space kept free around the drawings, in pixels.
const MARGIN: f64 = 16.0;
/// A small drawing is enlarged at most this much, so that a dot does not fill the picture.
const MAX_SCALE: f64 = 4.0;

/// The expected drawing, under the student's: light and thick.
const EXPECTED: (&str, f64) = ("#b4b4b4", 9.0);
/// The student's strokes, in their own colours.
const YOURS_WIDTH: f64 = 2.0;
/// Expected shapes the student did not draw: dashed (the pattern in pixels).
const MISSING: (&str, f64) = ("#0a5fc2", 3.0);
const MISSING_DASH: [f64; 2] = [8.0, 6.0];
/// Shapes the student drew that were not expected.
const EXTRA: (&str, f64) = ("#d1360f", 4.0);

/// Props of [`TurtleDiff`].
#[derive(Properties, PartialEq)]
pub struct TurtleDiffProps {
    /// The grade whose test it pictures.
    pub grade: SharedGrade,
    /// The test's index in the grade.
    pub index: usize,
}

/// How many expected shapes are missing and how many drawn ones are extra, as the grader counted
/// them (all of them, where the picture keeps only the first ones of a flood).
pub fn counts(test: &TestGrade) -> (String, String) {
    let count = |name: &str| {
        test.feedback.as_ref().and_then(|feedback| feedback.args.get(name)).cloned().unwrap_or_else(|| "0".into())
    };
    (count("missing"), count("extra"))
}

/// The picture of test `index`'s drawing that differs, with its legend; nothing for a test without one.
#[component]
pub fn TurtleDiff(props: &TurtleDiffProps) -> Html {
    let language = use_language();
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        use_effect_with((props.grade.clone(), props.index), move |(grade, index)| {
            let context = canvas
                .cast::<HtmlCanvasElement>()
                .and_then(|canvas| canvas.get_context("2d").ok().flatten())
                .and_then(|context| context.dyn_into::<CanvasRenderingContext2d>().ok());
            if let (Some(context), Some(drawing)) = (context, grade.0.drawing(*index)) {
                paint(&context, drawing);
            }
        });
    }
    let report = &props.grade.0;
    let (Some(_), Some(test)) = (report.drawing(props.index), report.grade.tests.get(props.index)) else {
        return Html::default();
    };
    let (missing, extra) = counts(test);
    let description = tr_with(language, Text::TurtleDiffDescription, &[("missing", missing), ("extra", extra)]);
    let size = SIZE.to_string();
    let key = |class: &'static str, text: Text| {
        html! { <li><span class={classes!("swatch", class)} aria-hidden="true"></span>{ tr(language, text) }</li> }
    };
    html! {
        <figure class="turtle-diff">
            <canvas ref={canvas} width={size.clone()} height={size} role="img" aria-label={description} />
            <figcaption>
                <ul class="turtle-diff-legend">
                    { key("expected", Text::TurtleDiffExpected) }
                    { key("yours", Text::TurtleDiffYours) }
                    { key("missing", Text::TurtleDiffMissing) }
                    { key("extra", Text::TurtleDiffExtra) }
                </ul>
            </figcaption>
        </figure>
    }
}

/// Where turtle points land in the picture: the drawings' bounds centred, scaled to fit within the
/// margin (never enlarged more than [`MAX_SCALE`]), y up as on the stage.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Frame {
    scale: f64,
    centre: (f64, f64),
}

impl Frame {
    /// The frame that shows all of `shapes`; coordinates that are not finite are left out.
    fn around<'a>(shapes: impl Iterator<Item = &'a Shape>) -> Frame {
        let mut bounds: Option<(f64, f64, f64, f64)> = None;
        let mut include = |x: f64, y: f64| {
            if x.is_finite() && y.is_finite() {
                let (left, bottom, right, top) = bounds.unwrap_or((x, y, x, y));
                bounds = Some((left.min(x), bottom.min(y), right.max(x), top.max(y)));
            }
        };
        for shape in shapes {
            match shape {
                Shape::Stroke { from, to, .. } => {
                    include(from.x, from.y);
                    include(to.x, to.y);
                }
                Shape::Fill { points, .. } => points.iter().for_each(|point| include(point.x, point.y)),
                Shape::Dot { at, size, .. } => {
                    let radius = if size.is_finite() { size.abs() / 2.0 } else { 0.0 };
                    include(at.x - radius, at.y - radius);
                    include(at.x + radius, at.y + radius);
                }
            }
        }
        let Some((left, bottom, right, top)) = bounds else {
            return Frame { scale: 1.0, centre: (0.0, 0.0) };
        };
        let extent = (right - left).max(top - bottom);
        let scale = if extent > 0.0 { ((SIZE - 2.0 * MARGIN) / extent).min(MAX_SCALE) } else { 1.0 };
        Frame { scale, centre: ((left + right) / 2.0, (bottom + top) / 2.0) }
    }

    /// The pixel of a turtle point.
    fn pixel(self, point: &Point) -> (f64, f64) {
        (SIZE / 2.0 + (point.x - self.centre.0) * self.scale, SIZE / 2.0 - (point.y - self.centre.1) * self.scale)
    }
}

/// Paints the picture: white, the expected drawing, the student's, then the differences on top.
fn paint(context: &CanvasRenderingContext2d, drawing: &DrawingDifference) {
    let frame = Frame::around(drawing.expected.iter().chain(&drawing.got));
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, SIZE, SIZE);
    context.set_line_cap("round");
    context.set_line_join("round");
    for shape in &drawing.expected {
        draw(context, frame, shape, Some(EXPECTED), false);
    }
    for shape in &drawing.got {
        draw(context, frame, shape, None, false);
    }
    let dash = js_sys::Array::of2(&MISSING_DASH[0].into(), &MISSING_DASH[1].into());
    // Setting a dash pattern of two finite numbers cannot fail.
    let _ = context.set_line_dash(&dash);
    for shape in &drawing.missing {
        draw(context, frame, shape, Some(MISSING), true);
    }
    let _ = context.set_line_dash(&js_sys::Array::new());
    for shape in &drawing.extra {
        draw(context, frame, shape, Some(EXTRA), true);
    }
}

/// Draws one shape in `style` (colour and line width; `None`: its own colour, thin), its outline
/// only when `outline`.
fn draw(context: &CanvasRenderingContext2d, frame: Frame, shape: &Shape, style: Option<(&str, f64)>, outline: bool) {
    let (color, width) = match (style, shape) {
        (Some(style), _) => style,
        (None, Shape::Stroke { color, .. } | Shape::Fill { color, .. } | Shape::Dot { color, .. }) => {
            (color.as_str(), YOURS_WIDTH)
        }
    };
    context.set_stroke_style_str(color);
    context.set_fill_style_str(color);
    context.set_line_width(width);
    context.begin_path();
    match shape {
        Shape::Stroke { from, to, .. } => {
            let ((from_x, from_y), (to_x, to_y)) = (frame.pixel(from), frame.pixel(to));
            context.move_to(from_x, from_y);
            context.line_to(to_x, to_y);
        }
        Shape::Fill { points, .. } => {
            for (x, y) in points.iter().map(|point| frame.pixel(point)) {
                context.line_to(x, y);
            }
            context.close_path();
        }
        Shape::Dot { at, size, .. } => {
            let (x, y) = frame.pixel(at);
            let radius = (size.abs() / 2.0 * frame.scale).max(2.0);
            // An arc cannot fail for a positive radius.
            let _ = context.arc(x, y, radius, 0.0, std::f64::consts::TAU);
        }
    }
    if outline || matches!(shape, Shape::Stroke { .. }) {
        context.stroke();
    } else {
        context.fill();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stroke(from: (f64, f64), to: (f64, f64)) -> Shape {
        let point = |(x, y): (f64, f64)| Point { x, y };
        Shape::Stroke { from: point(from), to: point(to), color: "#000000".into() }
    }

    #[test]
    fn the_frame_fits_both_drawings_centred_with_y_up() {
        let shapes = [stroke((0.0, 0.0), (100.0, 0.0)), stroke((100.0, 0.0), (100.0, 200.0))];
        let frame = Frame::around(shapes.iter());
        assert_eq!(frame.scale, (SIZE - 2.0 * MARGIN) / 200.0);
        assert_eq!(frame.pixel(&Point { x: 50.0, y: 100.0 }), (SIZE / 2.0, SIZE / 2.0), "the centre");
        assert_eq!(frame.pixel(&Point { x: 100.0, y: 200.0 }).1, MARGIN, "the top at the margin");
        assert_eq!(frame.pixel(&Point { x: 100.0, y: 0.0 }).1, SIZE - MARGIN, "the bottom at the margin");
    }

    #[test]
    fn small_empty_and_broken_drawings_keep_a_sensible_frame() {
        let tiny = [stroke((0.0, 0.0), (1.0, 0.0))];
        assert_eq!(Frame::around(tiny.iter()).scale, MAX_SCALE);
        assert_eq!(Frame::around([].iter()), Frame { scale: 1.0, centre: (0.0, 0.0) });
        let point = [stroke((5.0, 5.0), (5.0, 5.0))];
        assert_eq!(Frame::around(point.iter()), Frame { scale: 1.0, centre: (5.0, 5.0) });
        let broken = [stroke((f64::NAN, 0.0), (f64::INFINITY, 3.0)), stroke((0.0, 0.0), (10.0, 0.0))];
        let frame = Frame::around(broken.iter());
        assert!(frame.scale.is_finite() && frame.centre.0.is_finite() && frame.centre.1.is_finite(), "{frame:?}");
        let dot = [Shape::Dot { at: Point { x: 0.0, y: 0.0 }, size: 100.0, color: "#ff0000".into() }];
        assert_eq!(Frame::around(dot.iter()).scale, (SIZE - 2.0 * MARGIN) / 100.0, "a dot counts by its size");
    }
}
