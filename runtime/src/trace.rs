//! What a run did, as data: the ordered trace of everything the program showed.
//!
//! The app replays a trace on its stage (console, turtle canvas, charts, LED board) and the
//! grader compares traces, so every event carries the virtual time at which it happened and
//! nothing in here depends on the host (no wall clock, no pixels).
//!
//! Events are written as flat JSON objects tagged by `kind` (turtle steps by `op`, charts by
//! `type`). They are read through plain structs of optional fields ([`wire`]) rather than serde's
//! derive for tagged enums, which buffers every object and made the app's first screen, where the
//! page reads each run's trace, about 40 KB of wasm larger; the JSON is the same either way.

use serde::{Deserialize, Serialize};

/// One thing the program showed, stamped with the virtual clock (milliseconds since the start).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "wire::TraceEvent")]
pub struct TraceEvent {
    /// Virtual time of the event, in milliseconds since the run started.
    pub time_ms: u64,
    /// What happened.
    #[serde(flatten)]
    pub event: Event,
}

/// The kinds of things a program can show.
#[derive(Clone, Debug, PartialEq, Serialize)]
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
#[serde(tag = "op", rename_all = "snake_case", try_from = "wire::TurtleEvent")]
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
#[serde(tag = "type", rename_all = "snake_case", try_from = "wire::Chart")]
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

/// The trace's JSON as read: each tagged object as one struct of every field its variants have,
/// turned into the enum by its tag (a field the variant needs and the object lacks is an error).
mod wire {
    use serde::Deserialize;

    use super::{LedFrame, Pen, Point};

    /// The field `name` of a variant, which must be there.
    fn needed<T>(value: Option<T>, name: &str) -> Result<T, String> {
        value.ok_or_else(|| format!("missing field `{name}`"))
    }

    /// The error for an unknown tag.
    fn unknown(tag: &str) -> String {
        format!("unknown variant `{tag}`")
    }

    #[derive(Deserialize)]
    pub struct TraceEvent {
        time_ms: u64,
        kind: String,
        text: Option<String>,
        turtle: Option<super::TurtleEvent>,
        chart: Option<super::Chart>,
        frame: Option<LedFrame>,
    }

    impl TryFrom<TraceEvent> for super::TraceEvent {
        type Error = String;

        fn try_from(wire: TraceEvent) -> Result<Self, String> {
            let event = match wire.kind.as_str() {
                "output" => super::Event::Output { text: needed(wire.text, "text")? },
                "turtle" => super::Event::Turtle { turtle: needed(wire.turtle, "turtle")? },
                "chart" => super::Event::Chart { chart: needed(wire.chart, "chart")? },
                "led" => super::Event::Led { frame: needed(wire.frame, "frame")? },
                other => return Err(unknown(other)),
            };
            Ok(super::TraceEvent { time_ms: wire.time_ms, event })
        }
    }

    #[derive(Deserialize)]
    pub struct TurtleEvent {
        op: String,
        from: Option<Point>,
        to: Option<Point>,
        pen: Option<Pen>,
        heading: Option<f64>,
        points: Option<Vec<Point>>,
        color: Option<String>,
        at: Option<Point>,
        size: Option<f64>,
        visible: Option<bool>,
    }

    impl TryFrom<TurtleEvent> for super::TurtleEvent {
        type Error = String;

        fn try_from(wire: TurtleEvent) -> Result<Self, String> {
            Ok(match wire.op.as_str() {
                "move" => super::TurtleEvent::Move {
                    from: needed(wire.from, "from")?,
                    to: needed(wire.to, "to")?,
                    pen: wire.pen,
                },
                "turn" => super::TurtleEvent::Turn { heading: needed(wire.heading, "heading")? },
                "fill" => super::TurtleEvent::Fill {
                    points: needed(wire.points, "points")?,
                    color: needed(wire.color, "color")?,
                },
                "dot" => super::TurtleEvent::Dot {
                    at: needed(wire.at, "at")?,
                    size: needed(wire.size, "size")?,
                    color: needed(wire.color, "color")?,
                },
                "visible" => super::TurtleEvent::Visible { visible: needed(wire.visible, "visible")? },
                other => return Err(unknown(other)),
            })
        }
    }

    #[derive(Deserialize)]
    pub struct Chart {
        r#type: String,
        xs: Option<Vec<f64>>,
        ys: Option<Vec<f64>>,
        labels: Option<Vec<String>>,
        values: Option<Vec<f64>>,
        edges: Option<Vec<f64>>,
        counts: Option<Vec<u64>>,
    }

    impl TryFrom<Chart> for super::Chart {
        type Error = String;

        fn try_from(wire: Chart) -> Result<Self, String> {
            Ok(match wire.r#type.as_str() {
                "line" => super::Chart::Line { xs: needed(wire.xs, "xs")?, ys: needed(wire.ys, "ys")? },
                "scatter" => super::Chart::Scatter {
                    xs: needed(wire.xs, "xs")?,
                    ys: needed(wire.ys, "ys")?,
                    labels: needed(wire.labels, "labels")?,
                },
                "bar" => {
                    super::Chart::Bar { labels: needed(wire.labels, "labels")?, values: needed(wire.values, "values")? }
                }
                "histogram" => super::Chart::Histogram {
                    edges: needed(wire.edges, "edges")?,
                    counts: needed(wire.counts, "counts")?,
                },
                other => return Err(unknown(other)),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(time_ms: u64, event: Event) -> TraceEvent {
        TraceEvent { time_ms, event }
    }

    #[test]
    fn every_event_reads_back_from_its_json() {
        let point = |x, y| Point { x, y };
        let pen = Pen { color: "#ff0000".into(), width: 2.0 };
        let events = vec![
            at(0, Event::Output { text: "你好\n".into() }),
            at(
                1,
                Event::Turtle {
                    turtle: TurtleEvent::Move { from: point(0.0, 0.0), to: point(1.0, 2.0), pen: Some(pen) },
                },
            ),
            at(
                2,
                Event::Turtle { turtle: TurtleEvent::Move { from: point(1.0, 2.0), to: point(3.0, 4.0), pen: None } },
            ),
            at(3, Event::Turtle { turtle: TurtleEvent::Turn { heading: 90.0 } }),
            at(
                4,
                Event::Turtle { turtle: TurtleEvent::Fill { points: vec![point(0.0, 1.0)], color: "#00ff00".into() } },
            ),
            at(
                5,
                Event::Turtle { turtle: TurtleEvent::Dot { at: point(1.0, 1.0), size: 5.0, color: "#0000ff".into() } },
            ),
            at(6, Event::Turtle { turtle: TurtleEvent::Visible { visible: false } }),
            at(7, Event::Chart { chart: Chart::Line { xs: vec![1.0], ys: vec![2.0] } }),
            at(8, Event::Chart { chart: Chart::Scatter { xs: vec![1.0], ys: vec![2.0], labels: vec!["a".into()] } }),
            at(9, Event::Chart { chart: Chart::Bar { labels: vec!["b".into()], values: vec![3.0] } }),
            at(10, Event::Chart { chart: Chart::Histogram { edges: vec![0.0, 1.0], counts: vec![4] } }),
            at(11, Event::Led { frame: vec![9; 25] }),
        ];
        let json = serde_json::to_string(&events).unwrap();
        assert_eq!(serde_json::from_str::<Vec<TraceEvent>>(&json).unwrap(), events);
        // The JSON is flat and tagged.
        assert!(json.starts_with(
            r#"[{"time_ms":0,"kind":"output","text":"你好\n"},{"time_ms":1,"kind":"turtle","turtle":{"op":"move""#
        ));
        assert!(json.contains(r#"{"type":"histogram","edges":[0.0,1.0],"counts":[4]}"#));
    }

    #[test]
    fn an_event_without_a_field_its_kind_needs_or_of_no_known_kind_does_not_read() {
        for json in [
            r#"{"time_ms":0,"kind":"output"}"#,
            r#"{"time_ms":0,"kind":"sound","text":"x"}"#,
            r#"{"time_ms":0,"kind":"turtle","turtle":{"op":"turn"}}"#,
            r#"{"time_ms":0,"kind":"chart","chart":{"type":"pie","xs":[]}}"#,
            r#"{"kind":"output","text":"x"}"#,
        ] {
            assert!(serde_json::from_str::<TraceEvent>(json).is_err(), "{json}");
        }
    }
}
