//! Charts on the stage: line, scatter, bar and histogram, drawn on a canvas from the numbers the
//! runtime recorded, with a summary and a data table for those who cannot see the picture.
//!
//! The layout (axis ranges, tick labels) and the words are pure functions, unit-tested natively;
//! [`ChartView`] only paints them. Colours come from the theme: blue on white, or black on white
//! with thicker lines in high contrast.

use sprout_runtime::messages::Language;
use sprout_runtime::trace::Chart;
use sprout_runtime::Event;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

use crate::i18n::{tr, tr_with, Text};
use crate::shell::context::use_language;
use crate::state::SharedReport;

/// Canvas size in pixels.
const WIDTH: f64 = 480.0;
const HEIGHT: f64 = 320.0;
/// The plot area inside the canvas: room for tick labels on the left and labels below.
const LEFT: f64 = 64.0;
const RIGHT: f64 = WIDTH - 20.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = HEIGHT - 52.0;
/// Charts with at most this many items list every item in their summary.
const LISTED_ITEMS: usize = 12;
/// Rows of a chart's data table; a longer table says how many rows it leaves out.
const TABLE_ROWS: usize = 200;
/// The most charts on the stage at once (the latest ones).
pub const SHOWN_CHARTS: usize = 4;
/// The charts' font: the page's, so that Chinese labels render offline.
const FONT: &str = "\"Microsoft YaHei\", \"PingFang SC\", \"Noto Sans CJK SC\", \"Source Han Sans SC\", sans-serif";

/// The low and high ends of a chart's axes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Axes {
    /// Horizontal range (for bars: unused, the bars are categories).
    pub x: (f64, f64),
    /// Vertical range.
    pub y: (f64, f64),
}

/// The range of the finite `values`, widened when it is a single value; `(0, 1)` for none.
fn range(values: impl IntoIterator<Item = f64>) -> (f64, f64) {
    let (low, high) = values
        .into_iter()
        .filter(|value| value.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), value| (low.min(value), high.max(value)));
    if low > high {
        (0.0, 1.0)
    } else if low == high {
        (low - 1.0, high + 1.0)
    } else {
        (low, high)
    }
}

/// A range that also takes in 0, for bars that grow from the axis.
fn from_zero(values: impl IntoIterator<Item = f64>) -> (f64, f64) {
    range(values.into_iter().chain([0.0]))
}

/// The axes of `chart`: the data's ranges; bars and histograms start at 0.
pub fn axes(chart: &Chart) -> Axes {
    match chart {
        Chart::Line { xs, ys } | Chart::Scatter { xs, ys, .. } => {
            Axes { x: range(xs.iter().copied()), y: range(ys.iter().copied()) }
        }
        Chart::Bar { values, .. } => {
            Axes { x: (0.0, values.len().max(1) as f64), y: from_zero(values.iter().copied()) }
        }
        Chart::Histogram { edges, counts } => Axes {
            x: range([edges.first().copied().unwrap_or(0.0), edges.last().copied().unwrap_or(1.0)]),
            y: from_zero(counts.iter().map(|&count| count as f64)),
        },
    }
}

/// A number as a student would write it: whole numbers without decimals, others with at most
/// two (rounded), very small ones in scientific notation.
pub fn format_number(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    if value.fract() == 0.0 && value.abs() < 1e15 {
        return format!("{value:.0}");
    }
    let rounded = format!("{value:.2}");
    let trimmed = rounded.trim_end_matches('0').trim_end_matches('.');
    if trimmed == "0" || trimmed == "-0" {
        format!("{value:.2e}")
    } else {
        trimmed.to_string()
    }
}

/// The items of `chart` in words: `(x, y)` points, named points, `name value` bars, bins.
fn items(language: Language, chart: &Chart) -> Vec<String> {
    let point = |x: f64, y: f64| format!("({}, {})", format_number(x), format_number(y));
    match chart {
        Chart::Line { xs, ys } => xs.iter().zip(ys).map(|(&x, &y)| point(x, y)).collect(),
        Chart::Scatter { xs, ys, labels } => xs
            .iter()
            .zip(ys)
            .enumerate()
            .map(|(index, (&x, &y))| match labels.get(index) {
                Some(label) => format!("{label} {}", point(x, y)),
                None => point(x, y),
            })
            .collect(),
        Chart::Bar { labels, values } => {
            labels.iter().zip(values).map(|(label, &value)| format!("{label} {}", format_number(value))).collect()
        }
        Chart::Histogram { edges, counts } => edges
            .windows(2)
            .zip(counts)
            .map(|(edge, count)| {
                let values =
                    [("low", format_number(edge[0])), ("high", format_number(edge[1])), ("count", count.to_string())];
                tr_with(language, Text::ChartBinItem, &values)
            })
            .collect(),
    }
}

/// The chart in one sentence, for its accessible name: its kind and size, then every item when
/// there are few, else the ranges of its data.
pub fn summary(language: Language, chart: &Chart) -> String {
    let (kind, count) = match chart {
        Chart::Line { xs, .. } => (Text::ChartLine, xs.len()),
        Chart::Scatter { xs, .. } => (Text::ChartScatter, xs.len()),
        Chart::Bar { labels, .. } => (Text::ChartBar, labels.len()),
        Chart::Histogram { counts, .. } => (Text::ChartHistogram, counts.len()),
    };
    let head = tr_with(language, kind, &[("count", count.to_string())]);
    if count == 0 {
        return head;
    }
    let tail = if count <= LISTED_ITEMS {
        let items = items(language, chart).join(tr(language, Text::ListSeparator));
        tr_with(language, Text::ChartItems, &[("items", items)])
    } else {
        let axes = axes(chart);
        match chart {
            Chart::Line { .. } | Chart::Scatter { .. } => {
                let values = [
                    ("xlow", format_number(axes.x.0)),
                    ("xhigh", format_number(axes.x.1)),
                    ("ylow", format_number(axes.y.0)),
                    ("yhigh", format_number(axes.y.1)),
                ];
                tr_with(language, Text::ChartXyRange, &values)
            }
            Chart::Bar { values, .. } => value_range(language, range(values.iter().copied())),
            Chart::Histogram { counts, .. } => value_range(language, range(counts.iter().map(|&count| count as f64))),
        }
    };
    format!("{head}{tail}")
}

fn value_range(language: Language, (low, high): (f64, f64)) -> String {
    tr_with(language, Text::ChartValueRange, &[("low", format_number(low)), ("high", format_number(high))])
}

/// The chart's data as a table: the column headings and the rows.
pub fn table(chart: &Chart) -> (Vec<Text>, Vec<Vec<String>>) {
    match chart {
        Chart::Line { xs, ys } => (
            vec![Text::ChartColumnX, Text::ChartColumnY],
            xs.iter().zip(ys).map(|(&x, &y)| vec![format_number(x), format_number(y)]).collect(),
        ),
        Chart::Scatter { xs, ys, labels } if !labels.is_empty() => (
            vec![Text::ChartColumnName, Text::ChartColumnX, Text::ChartColumnY],
            labels
                .iter()
                .zip(xs.iter().zip(ys))
                .map(|(label, (&x, &y))| vec![label.clone(), format_number(x), format_number(y)])
                .collect(),
        ),
        Chart::Scatter { xs, ys, .. } => (
            vec![Text::ChartColumnX, Text::ChartColumnY],
            xs.iter().zip(ys).map(|(&x, &y)| vec![format_number(x), format_number(y)]).collect(),
        ),
        Chart::Bar { labels, values } => (
            vec![Text::ChartColumnName, Text::ChartColumnValue],
            labels.iter().zip(values).map(|(label, &value)| vec![label.clone(), format_number(value)]).collect(),
        ),
        Chart::Histogram { edges, counts } => (
            vec![Text::ChartColumnRange, Text::ChartColumnCount],
            edges
                .windows(2)
                .zip(counts)
                .map(|(edge, count)| {
                    vec![format!("{}–{}", format_number(edge[0]), format_number(edge[1])), count.to_string()]
                })
                .collect(),
        ),
    }
}

/// The charts among `trace`'s first `shown` events, by index, with how many there are in all.
pub fn charts_shown(report: &SharedReport, shown: usize) -> (Vec<usize>, usize) {
    let indices: Vec<usize> = report.0.run.trace[..shown]
        .iter()
        .enumerate()
        .filter(|(_, event)| matches!(event.event, Event::Chart { .. }))
        .map(|(index, _)| index)
        .collect();
    let total = indices.len();
    (indices[total.saturating_sub(SHOWN_CHARTS)..].to_vec(), total)
}

/// Colours and line width of a theme.
struct Palette {
    background: &'static str,
    ink: &'static str,
    series: &'static str,
    line_width: f64,
}

fn palette(high_contrast: bool) -> Palette {
    if high_contrast {
        Palette { background: "#ffffff", ink: "#000000", series: "#000000", line_width: 3.0 }
    } else {
        // #1a5fb4 on white is 6.4:1, enough for lines and text alike.
        Palette { background: "#ffffff", ink: "#111111", series: "#1a5fb4", line_width: 2.0 }
    }
}

/// Maps data to canvas pixels. Points keep `inset` pixels from the axes, so that none sits on an
/// axis or is cut at the edge; bars stand on the axis.
struct Frame {
    axes: Axes,
    inset: f64,
}

impl Frame {
    fn x(&self, value: f64) -> f64 {
        let (low, high) = self.axes.x;
        let (left, right) = (LEFT + self.inset, RIGHT - self.inset);
        left + (value - low) / (high - low) * (right - left)
    }

    fn y(&self, value: f64) -> f64 {
        let (low, high) = self.axes.y;
        let (top, bottom) = (TOP + self.inset, BOTTOM - self.inset);
        bottom - (value - low) / (high - low) * (bottom - top)
    }
}

/// Cuts a label to `characters` characters, with an ellipsis when cut.
fn shorten(label: &str, characters: usize) -> String {
    if label.chars().count() <= characters {
        label.to_string()
    } else {
        let kept: String = label.chars().take(characters.saturating_sub(1)).collect();
        format!("{kept}…")
    }
}

fn draw(context: &CanvasRenderingContext2d, chart: &Chart, high_contrast: bool) {
    let palette = palette(high_contrast);
    let inset = if matches!(chart, Chart::Line { .. } | Chart::Scatter { .. }) { 12.0 } else { 0.0 };
    let frame = Frame { axes: axes(chart), inset };
    context.set_fill_style_str(palette.background);
    context.fill_rect(0.0, 0.0, WIDTH, HEIGHT);
    context.set_line_join("round");
    context.set_line_cap("round");
    context.set_font(&format!("14px {FONT}"));

    // Axes, with a tick and a label at the low and high ends of the data on each.
    context.set_stroke_style_str(palette.ink);
    context.set_fill_style_str(palette.ink);
    context.set_line_width(if high_contrast { 2.0 } else { 1.0 });
    context.begin_path();
    context.move_to(LEFT, TOP);
    context.line_to(LEFT, BOTTOM);
    context.line_to(RIGHT, BOTTOM);
    let (y_low, y_high) = frame.axes.y;
    let y_ticks = [(y_low, frame.y(y_low)), (y_high, frame.y(y_high))];
    let (x_low, x_high) = frame.axes.x;
    let x_ticks = [(x_low, frame.x(x_low)), (x_high, frame.x(x_high))];
    let labels_x = !matches!(chart, Chart::Bar { .. });
    for (_, y) in y_ticks {
        context.move_to(LEFT - 4.0, y);
        context.line_to(LEFT, y);
    }
    if labels_x {
        for (_, x) in x_ticks {
            context.move_to(x, BOTTOM);
            context.line_to(x, BOTTOM + 4.0);
        }
    }
    context.stroke();
    context.set_text_align("right");
    context.set_text_baseline("middle");
    for (value, y) in y_ticks {
        let _ = context.fill_text(&format_number(value), LEFT - 7.0, y);
    }
    context.set_text_align("center");
    context.set_text_baseline("top");
    if labels_x {
        for (value, x) in x_ticks {
            let _ = context.fill_text(&format_number(value), x, BOTTOM + 7.0);
        }
    }

    context.set_stroke_style_str(palette.series);
    context.set_fill_style_str(palette.series);
    context.set_line_width(palette.line_width);
    match chart {
        Chart::Line { xs, ys } => {
            context.begin_path();
            let mut drawing = false;
            for (&x, &y) in xs.iter().zip(ys) {
                if !(x.is_finite() && y.is_finite()) {
                    drawing = false;
                    continue;
                }
                if drawing {
                    context.line_to(frame.x(x), frame.y(y));
                } else {
                    context.move_to(frame.x(x), frame.y(y));
                    drawing = true;
                }
            }
            context.stroke();
            if xs.len() <= 50 {
                dots(context, xs, ys, &frame, palette.line_width + 1.5);
            }
        }
        Chart::Scatter { xs, ys, labels } => {
            dots(context, xs, ys, &frame, 4.0);
            context.set_fill_style_str(palette.ink);
            context.set_text_baseline("bottom");
            for ((&x, &y), label) in xs.iter().zip(ys).zip(labels) {
                if x.is_finite() && y.is_finite() {
                    // Labels of points on the right half go to their left, so that they fit.
                    let (x, y) = (frame.x(x), frame.y(y));
                    let (align, offset) = if x > (LEFT + RIGHT) / 2.0 { ("right", -6.0) } else { ("left", 6.0) };
                    context.set_text_align(align);
                    let _ = context.fill_text(&shorten(label, 8), x + offset, (y - 4.0).max(TOP + 14.0));
                }
            }
        }
        Chart::Bar { labels, values } => {
            let slot = (RIGHT - LEFT) / values.len().max(1) as f64;
            let zero = frame.y(0.0);
            for (index, &value) in values.iter().enumerate().filter(|(_, value)| value.is_finite()) {
                let top = frame.y(value);
                context.fill_rect(LEFT + slot * (index as f64 + 0.15), top.min(zero), slot * 0.7, (top - zero).abs());
            }
            // Every label when they fit, else every n-th.
            let every = (36.0 / slot).ceil().max(1.0) as usize;
            context.set_fill_style_str(palette.ink);
            context.set_text_align("center");
            context.set_text_baseline("top");
            let characters = ((slot * every as f64) / 14.0).floor().max(2.0) as usize;
            for (index, label) in labels.iter().enumerate().step_by(every) {
                let _ =
                    context.fill_text(&shorten(label, characters), LEFT + slot * (index as f64 + 0.5), BOTTOM + 6.0);
            }
        }
        Chart::Histogram { edges, counts } => {
            let zero = frame.y(0.0);
            for (edge, &count) in edges.windows(2).zip(counts) {
                let (left, right) = (frame.x(edge[0]), frame.x(edge[1]));
                let top = frame.y(count as f64);
                context.fill_rect(left + 0.5, top, (right - left - 1.0).max(1.0), zero - top);
            }
        }
    }
}

fn dots(context: &CanvasRenderingContext2d, xs: &[f64], ys: &[f64], frame: &Frame, radius: f64) {
    for (&x, &y) in xs.iter().zip(ys) {
        if x.is_finite() && y.is_finite() {
            context.begin_path();
            // An arc with a positive radius cannot fail.
            let _ = context.arc(frame.x(x), frame.y(y), radius, 0.0, std::f64::consts::TAU);
            context.fill();
        }
    }
}

/// Props of [`ChartView`].
#[derive(Properties, PartialEq)]
pub struct ChartViewProps {
    /// The run.
    pub report: SharedReport,
    /// Which trace event is the chart.
    pub index: usize,
    /// The chart's number among the run's charts, from 1.
    pub number: usize,
    /// The high-contrast theme.
    pub high_contrast: bool,
}

/// One chart: the picture, named by its summary, and its data in a table for screen readers.
#[component]
pub fn ChartView(props: &ChartViewProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        let deps = (props.report.clone(), props.index, props.high_contrast);
        use_effect_with(deps, move |(report, index, high_contrast)| {
            let context = canvas
                .cast::<HtmlCanvasElement>()
                .and_then(|canvas| canvas.get_context("2d").ok().flatten())
                .and_then(|context| context.dyn_into::<CanvasRenderingContext2d>().ok());
            if let (Some(context), Some(Event::Chart { chart })) =
                (context, report.0.run.trace.get(*index).map(|event| &event.event))
            {
                draw(&context, chart, *high_contrast);
            }
        });
    }
    let Some(Event::Chart { chart }) = props.report.0.run.trace.get(props.index).map(|event| &event.event) else {
        return Html::default();
    };
    let language = use_language();
    let (columns, rows) = table(chart);
    let left_out = rows.len().saturating_sub(TABLE_ROWS);
    html! {
        <div class="chart">
            <canvas ref={canvas} width={WIDTH.to_string()} height={HEIGHT.to_string()} role="img"
                aria-label={summary(language, chart)} />
            <table class="visually-hidden">
                <caption>{ tr_with(language, Text::ChartTableCaption, &[("number", props.number.to_string())]) }</caption>
                <thead><tr>{ for columns.iter().map(|&column| html! { <th scope="col">{ tr(language, column) }</th> }) }</tr></thead>
                <tbody>
                    { for rows.iter().take(TABLE_ROWS).map(|row| html! {
                        <tr>{ for row.iter().map(|cell| html! { <td>{ cell }</td> }) }</tr>
                    }) }
                    if left_out > 0 {
                        <tr><td colspan={columns.len().to_string()}>
                            { tr_with(language, Text::ChartMoreRows, &[("count", left_out.to_string())]) }
                        </td></tr>
                    }
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_summary(chart: Chart, chinese: &str, english: &str) {
        assert_eq!(summary(Language::ZhCn, &chart), chinese);
        assert_eq!(summary(Language::En, &chart), english);
    }

    #[test]
    fn numbers_read_as_written() {
        let cases =
            [(12.0, "12"), (-3.0, "-3"), (2.5, "2.5"), (1.0 / 3.0, "0.33"), (0.001, "1.00e-3"), (f64::NAN, "—")];
        for (value, expected) in cases {
            assert_eq!(format_number(value), expected, "{value}");
        }
    }

    #[test]
    fn axes_span_the_data_and_bars_start_at_zero() {
        let line = Chart::Line { xs: vec![1.0, 2.0, 3.0], ys: vec![18.0, 26.0, 21.0] };
        assert_eq!(axes(&line), Axes { x: (1.0, 3.0), y: (18.0, 26.0) });
        let flat = Chart::Scatter { xs: vec![5.0], ys: vec![f64::NAN], labels: Vec::new() };
        assert_eq!(axes(&flat), Axes { x: (4.0, 6.0), y: (0.0, 1.0) });
        let bars = Chart::Bar { labels: vec!["a".into(), "b".into()], values: vec![-2.0, 7.0] };
        assert_eq!(axes(&bars), Axes { x: (0.0, 2.0), y: (-2.0, 7.0) });
        let histogram = Chart::Histogram { edges: vec![0.0, 5.0, 10.0], counts: vec![3, 1] };
        assert_eq!(axes(&histogram), Axes { x: (0.0, 10.0), y: (0.0, 3.0) });
        assert_eq!(axes(&Chart::Bar { labels: Vec::new(), values: Vec::new() }).y, (-1.0, 1.0));
    }

    #[test]
    fn summaries_name_the_data() {
        check_summary(
            Chart::Bar {
                labels: vec!["苹果".into(), "香蕉".into(), "橙子".into()], values: vec![12.0, 7.0, 9.0]
            },
            "柱状图，3 根柱子：苹果 12、香蕉 7、橙子 9",
            "Bar chart, 3 bars: 苹果 12; 香蕉 7; 橙子 9",
        );
        check_summary(
            Chart::Line { xs: vec![1.0, 2.0], ys: vec![18.0, 21.5] },
            "折线图，2 个点：(1, 18)、(2, 21.5)",
            "Line chart, 2 points: (1, 18); (2, 21.5)",
        );
        check_summary(
            Chart::Scatter { xs: vec![140.0], ys: vec![35.0], labels: vec!["小明".into()] },
            "散点图，1 个点：小明 (140, 35)",
            "Scatter chart, 1 points: 小明 (140, 35)",
        );
        check_summary(
            Chart::Histogram { edges: vec![50.0, 75.0, 100.0], counts: vec![4, 6] },
            "直方图，2 个区间：50 到 75：4、75 到 100：6",
            "Histogram, 2 bins: 50 to 75: 4; 75 to 100: 6",
        );
        let many: Vec<f64> = (0..20).map(f64::from).collect();
        check_summary(
            Chart::Line { xs: many.clone(), ys: many.iter().map(|x| x * x).collect() },
            "折线图，20 个点：x 从 0 到 19，y 从 0 到 361",
            "Line chart, 20 points: x from 0 to 19, y from 0 to 361",
        );
        check_summary(
            Chart::Bar { labels: many.iter().map(|x| x.to_string()).collect(), values: many },
            "柱状图，20 根柱子：数值从 0 到 19",
            "Bar chart, 20 bars: values from 0 to 19",
        );
        check_summary(Chart::Line { xs: Vec::new(), ys: Vec::new() }, "折线图，0 个点", "Line chart, 0 points");
    }

    #[test]
    fn tables_hold_every_value() {
        let (columns, rows) =
            table(&Chart::Scatter { xs: vec![1.0, 2.0], ys: vec![3.0, 4.5], labels: vec!["甲".into(), "乙".into()] });
        assert_eq!(columns, [Text::ChartColumnName, Text::ChartColumnX, Text::ChartColumnY]);
        assert_eq!(rows, [["甲", "1", "3"], ["乙", "2", "4.5"]]);
        let (columns, rows) = table(&Chart::Histogram { edges: vec![0.0, 0.5, 1.0], counts: vec![2, 0] });
        assert_eq!(columns, [Text::ChartColumnRange, Text::ChartColumnCount]);
        assert_eq!(rows, [["0–0.5", "2"], ["0.5–1", "0"]]);
    }

    #[test]
    fn long_labels_are_shortened() {
        assert_eq!(shorten("苹果", 4), "苹果");
        assert_eq!(shorten("很长很长的名字", 4), "很长很…");
    }
}
