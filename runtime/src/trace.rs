//! What a run did, as data: the ordered trace of everything the program showed.
//!
//! The app replays a trace on its stage (console, turtle canvas, charts, LED board) and the
//! grader compares traces, so every event carries the virtual time at which it happened and
//! nothing in here depends on the host (no wall clock, no pixels).

use serde::{Deserialize, Serialize};

/// One thing the program showed, stamped with the virtual clock (milliseconds since the start).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TraceEvent {
    /// Virtual time of the event, in milliseconds since the run started.
    pub time_ms: u64,
    /// What happened.
    #[serde(flatten)]
    pub event: Event,
}

/// The kinds of things a program can show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// Text written to the console; `print` ends its text with a newline, an `input` prompt does not.
    Output {
        /// The text, exactly as written.
        text: String,
    },
    /// The turtle moved, turned, filled or changed visibility.
    Turtle {
        /// What the turtle did.
        turtle: TurtleEvent,
    },
    /// A chart was drawn.
    Chart {
        /// The chart and its data.
        chart: Chart,
    },
    /// The 5×5 LED matrix changed; the frame is the whole matrix after the change.
    Led {
        /// Brightness 0–9 of each LED, row by row from the top-left corner.
        frame: LedFrame,
    },
}

/// A point on the turtle's plane: origin in the middle, x to the right, y up (as in Python's turtle).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// Horizontal coordinate.
    pub x: f64,
    /// Vertical coordinate (up is positive).
    pub y: f64,
}

/// The pen a segment was drawn with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pen {
    /// CSS-style colour, normalised to `#rrggbb`.
    pub color: String,
    /// Line width in turtle units.
    pub width: f64,
}

/// One step of the turtle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum TurtleEvent {
    /// The turtle went from `from` to `to`; with a pen it drew a segment.
    Move {
        /// Where the move started.
        from: Point,
        /// Where the move ended.
        to: Point,
        /// The pen, when the pen was down.
        pen: Option<Pen>,
    },
    /// The turtle now faces `heading` degrees (0 = east, counter-clockwise).
    Turn {
        /// The new heading in degrees, in `[0, 360)`.
        heading: f64,
    },
    /// A filled polygon (from `begin_fill` to `end_fill`).
    Fill {
        /// The polygon's corners in drawing order.
        points: Vec<Point>,
        /// Fill colour, `#rrggbb`.
        color: String,
    },
    /// A round dot at the turtle's position.
    Dot {
        /// Centre of the dot.
        at: Point,
        /// Diameter.
        size: f64,
        /// Colour, `#rrggbb`.
        color: String,
    },
    /// The turtle itself was shown or hidden.
    Visible {
        /// Whether the turtle is drawn.
        visible: bool,
    },
}

/// A 5×5 LED frame: 25 brightness values (0–9), row by row, top-left first.
pub type LedFrame = Vec<u8>;

/// A chart with its data, computed by the runtime so that graders compare numbers, not pictures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Chart {
    /// A line through the points (xs\[i\], ys\[i\]).
    Line {
        /// X values.
        xs: Vec<f64>,
        /// Y values, as many as `xs`.
        ys: Vec<f64>,
    },
    /// Points, each with an optional label.
    Scatter {
        /// X values.
        xs: Vec<f64>,
        /// Y values, as many as `xs`.
        ys: Vec<f64>,
        /// One label per point, or empty when the points have none.
        labels: Vec<String>,
    },
    /// One bar per label.
    Bar {
        /// Bar names.
        labels: Vec<String>,
        /// Bar heights, as many as `labels`.
        values: Vec<f64>,
    },
    /// Counts of values per bin; `edges` has one more entry than `counts`.
    Histogram {
        /// Bin boundaries, ascending.
        edges: Vec<f64>,
        /// How many values fell in each bin (the last bin includes its right edge).
        counts: Vec<u64>,
    },
}
