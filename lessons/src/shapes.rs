//! Turtle drawings as shapes, compared geometrically rather than as pixels.
//!
//! Two programs that draw the same picture should pass the same test even when one draws a side
//! of a square as two half steps, or draws the sides in another order. A drawing is therefore
//! reduced to shapes (straight strokes, filled polygons, dots), with strokes that continue each
//! other on one straight line merged, and compared within a tolerance.

use serde::{Deserialize, Serialize};
use sprout_runtime::trace::{Point, TurtleEvent};
use sprout_runtime::{Event, TraceEvent};

/// One visible part of a drawing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "shape", rename_all = "snake_case")]
pub enum Shape {
    /// A straight stroke.
    Stroke {
        /// One end.
        from: Point,
        /// The other end.
        to: Point,
        /// Pen colour `#rrggbb`.
        color: String,
    },
    /// A filled polygon.
    Fill {
        /// Corners in drawing order.
        points: Vec<Point>,
        /// Fill colour.
        color: String,
    },
    /// A dot.
    Dot {
        /// Centre.
        at: Point,
        /// Diameter.
        size: f64,
        /// Colour.
        color: String,
    },
}

/// Strokes shorter than this are not visible and are left out.
const SHORTEST_STROKE: f64 = 1e-9;

fn close(a: Point, b: Point, tolerance: f64) -> bool {
    (a.x - b.x).abs() <= tolerance && (a.y - b.y).abs() <= tolerance
}

/// Whether the stroke `b → c` continues `a → b` in the same direction on the same line.
fn continues(a: Point, b: Point, c: Point) -> bool {
    let (first_x, first_y) = (b.x - a.x, b.y - a.y);
    let (second_x, second_y) = (c.x - b.x, c.y - b.y);
    let cross = first_x * second_y - first_y * second_x;
    let dot = first_x * second_x + first_y * second_y;
    let scale = libm::hypot(first_x, first_y) * libm::hypot(second_x, second_y);
    dot > 0.0 && cross.abs() <= 1e-9 * scale.max(1.0)
}

/// The shapes of a run's drawing, in drawing order.
pub fn shapes(trace: &[TraceEvent]) -> Vec<Shape> {
    let mut shapes: Vec<Shape> = Vec::new();
    for event in trace {
        let Event::Turtle { turtle } = &event.event else { continue };
        match turtle {
            TurtleEvent::Move { from, to, pen: Some(pen) } => {
                if libm::hypot(to.x - from.x, to.y - from.y) < SHORTEST_STROKE {
                    continue;
                }
                if let Some(Shape::Stroke { from: start, to: end, color }) = shapes.last_mut() {
                    if *color == pen.color && close(*end, *from, 1e-9) && continues(*start, *end, *to) {
                        *end = *to;
                        continue;
                    }
                }
                shapes.push(Shape::Stroke { from: *from, to: *to, color: pen.color.clone() });
            }
            TurtleEvent::Fill { points, color } => {
                shapes.push(Shape::Fill { points: points.clone(), color: color.clone() })
            }
            TurtleEvent::Dot { at, size, color } => {
                shapes.push(Shape::Dot { at: *at, size: *size, color: color.clone() })
            }
            _ => {}
        }
    }
    shapes
}

/// How two shapes are compared.
#[derive(Clone, Copy, Debug)]
pub struct Comparison {
    /// How far apart two points may be.
    pub tolerance: f64,
    /// Whether colours must be equal.
    pub colors: bool,
}

impl Comparison {
    /// Whether two shapes are the same within the tolerance (strokes in either direction).
    pub fn same(self, expected: &Shape, got: &Shape) -> bool {
        let color_ok = |a: &String, b: &String| !self.colors || a == b;
        let tolerance = self.tolerance;
        match (expected, got) {
            (Shape::Stroke { from: a, to: b, color: c }, Shape::Stroke { from: d, to: e, color: f }) => {
                color_ok(c, f)
                    && ((close(*a, *d, tolerance) && close(*b, *e, tolerance))
                        || (close(*a, *e, tolerance) && close(*b, *d, tolerance)))
            }
            (Shape::Fill { points: a, color: c }, Shape::Fill { points: b, color: d }) => {
                color_ok(c, d)
                    && a.len() == b.len()
                    && a.iter().all(|point| b.iter().any(|other| close(*point, *other, tolerance)))
            }
            (Shape::Dot { at: a, size: s, color: c }, Shape::Dot { at: b, size: t, color: d }) => {
                color_ok(c, d) && close(*a, *b, tolerance) && (s - t).abs() <= tolerance
            }
            _ => false,
        }
    }
}

/// How a drawing differs from the expected one.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    /// Expected shapes with no match in the drawing.
    pub missing: Vec<Shape>,
    /// Shapes of the drawing that match nothing expected.
    pub extra: Vec<Shape>,
}

/// The shapes without those that repeat an earlier one exactly (within the tolerance).
fn without_repeats(shapes: &[Shape], comparison: Comparison) -> Vec<Shape> {
    let mut kept: Vec<Shape> = Vec::new();
    for shape in shapes {
        if !kept.iter().any(|earlier| comparison.same(earlier, shape)) {
            kept.push(shape.clone());
        }
    }
    kept
}

/// Compares `got` with `expected`; `None` when they are the same drawing (in any order, shapes
/// drawn twice counting once, unless `same_order`).
pub fn compare(expected: &[Shape], got: &[Shape], same_order: bool, comparison: Comparison) -> Option<Difference> {
    if same_order {
        let mismatch = expected.iter().zip(got).position(|(expected, got)| !comparison.same(expected, got));
        return match mismatch {
            None if expected.len() == got.len() => None,
            None => Some(Difference {
                missing: expected.get(got.len()..).unwrap_or_default().to_vec(),
                extra: got.get(expected.len()..).unwrap_or_default().to_vec(),
            }),
            Some(index) => Some(Difference { missing: vec![expected[index].clone()], extra: vec![got[index].clone()] }),
        };
    }
    // A drawing with far more shapes than expected is different whatever they are; stopping here
    // keeps the matching below from taking quadratic time on a flood of strokes.
    if got.len() > expected.len() * 4 + 100 {
        return Some(Difference { missing: Vec::new(), extra: got[expected.len()..].to_vec() });
    }
    // A shape drawn again on top of itself does not change the picture.
    let (expected, got) = (without_repeats(expected, comparison), without_repeats(got, comparison));
    let mut used = vec![false; got.len()];
    let mut missing = Vec::new();
    for shape in &expected {
        let found = got.iter().enumerate().position(|(index, other)| !used[index] && comparison.same(shape, other));
        match found {
            Some(index) => used[index] = true,
            None => missing.push(shape.clone()),
        }
    }
    let extra: Vec<Shape> = got.iter().zip(&used).filter(|(_, used)| !**used).map(|(shape, _)| shape.clone()).collect();
    (!missing.is_empty() || !extra.is_empty()).then_some(Difference { missing, extra })
}

#[cfg(test)]
mod tests {
    use super::*;
    use sprout_runtime::{run, RunInput};

    fn drawing(program: &str) -> Vec<Shape> {
        let result = run(program, &RunInput::default());
        assert!(result.diagnostic().is_none(), "{program}: {:?}", result.diagnostic());
        shapes(&result.trace)
    }

    /// Checks whether two programs draw the same picture, in any order.
    fn check(expected: &str, got: &str, same: bool) {
        let comparison = Comparison { tolerance: 0.5, colors: true };
        let difference = compare(&drawing(expected), &drawing(got), false, comparison);
        assert_eq!(difference.is_none(), same, "{expected} vs {got}: {difference:?}");
    }

    const SQUARE: &str = "for i in 0..4 { forward(100); left(90); }";

    #[test]
    fn same_pictures_drawn_differently_match() {
        check(SQUARE, SQUARE, true);
        check(SQUARE, "for i in 0..4 { forward(50); forward(50); left(90); }", true);
        check(SQUARE, "for i in 0..4 { right(90); forward(100); } ", false);
        check(
            SQUARE,
            "left(90); forward(100); right(90); forward(100); right(90); forward(100); right(90); forward(100);",
            true,
        );
        check(SQUARE, "for i in 0..4 { forward(100.2); left(90); }", true);
        check(SQUARE, "for i in 0..3 { forward(100); left(90); }", false);
        check(SQUARE, "for i in 0..8 { forward(100); left(90); }", true);
        check(SQUARE, "for i in 0..5 { forward(100); left(90); }", true);
        check(SQUARE, "pen_color(\"red\"); for i in 0..4 { forward(100); left(90); }", false);
        check(SQUARE, "for i in 0..4 { forward(100); left(90); } pen_up(); forward(300);", true);
        check("dot(10);", "dot(10);", true);
        check("dot(10);", "dot(12);", false);
    }

    #[test]
    fn same_order_is_strict() {
        let comparison = Comparison { tolerance: 0.5, colors: true };
        let square = drawing(SQUARE);
        let other_way = drawing(
            "left(90); forward(100); right(90); forward(100); right(90); forward(100); right(90); forward(100);",
        );
        assert!(compare(&square, &square, true, comparison).is_none());
        assert!(compare(&square, &other_way, true, comparison).is_some());
    }
}
