//! Charts: line plots, scatter plots with labels, bar charts and histograms.
//!
//! The runtime computes the chart's data (a histogram's bins, say) so that a grader compares
//! numbers and the app only draws.

use rhai::{Dynamic, Engine, NativeCallContext, INT};

use super::{array_argument, integer, mistake, numbers, ApiResult, SharedHost};
use crate::diagnostic::{Code, Diagnostic};
use crate::trace::{Chart, Event};

/// The most bins a histogram may have.
const MAX_BINS: INT = 100;

pub(super) fn register(engine: &mut Engine, host: &SharedHost) {
    let state = host.clone();
    engine.register_fn("plot", move |ys: Dynamic| -> ApiResult<()> {
        let ys = numbers("plot", &ys)?;
        let xs = (0..ys.len()).map(|index| index as f64).collect();
        draw(&state, Chart::Line { xs, ys });
        Ok(())
    });
    let state = host.clone();
    engine.register_fn("plot", move |xs: Dynamic, ys: Dynamic| -> ApiResult<()> {
        let (xs, ys) = paired("plot", &xs, &ys)?;
        draw(&state, Chart::Line { xs, ys });
        Ok(())
    });
    let state = host.clone();
    engine.register_fn("scatter", move |xs: Dynamic, ys: Dynamic| -> ApiResult<()> {
        let (xs, ys) = paired("scatter", &xs, &ys)?;
        draw(&state, Chart::Scatter { xs, ys, labels: Vec::new() });
        Ok(())
    });
    let state = host.clone();
    engine.register_fn(
        "scatter",
        move |context: NativeCallContext, xs: Dynamic, ys: Dynamic, labels: Dynamic| -> ApiResult<()> {
            let (xs, ys) = paired("scatter", &xs, &ys)?;
            let labels = labels_of(&context, "scatter", &labels)?;
            same_length("scatter", xs.len(), labels.len())?;
            draw(&state, Chart::Scatter { xs, ys, labels });
            Ok(())
        },
    );
    let state = host.clone();
    engine.register_fn("bar", move |context: NativeCallContext, labels: Dynamic, values: Dynamic| -> ApiResult<()> {
        let labels = labels_of(&context, "bar", &labels)?;
        let values = numbers("bar", &values)?;
        same_length("bar", labels.len(), values.len())?;
        draw(&state, Chart::Bar { labels, values });
        Ok(())
    });
    let state = host.clone();
    engine.register_fn("hist", move |values: Dynamic| -> ApiResult<()> {
        let chart = histogram(numbers("hist", &values)?, 10)?;
        draw(&state, chart);
        Ok(())
    });
    let state = host.clone();
    engine.register_fn("hist", move |values: Dynamic, bins: Dynamic| -> ApiResult<()> {
        let bins = integer("hist", &bins)?;
        if !(1..=MAX_BINS).contains(&bins) {
            return Err(mistake(Diagnostic::new(Code::BadValue).with("name", "hist").with("value", bins)));
        }
        let chart = histogram(numbers("hist", &values)?, bins as usize)?;
        draw(&state, chart);
        Ok(())
    });
}

fn draw(host: &SharedHost, chart: Chart) {
    host.borrow_mut().record(Event::Chart { chart });
}

fn paired(name: &str, xs: &Dynamic, ys: &Dynamic) -> ApiResult<(Vec<f64>, Vec<f64>)> {
    let (xs, ys) = (numbers(name, xs)?, numbers(name, ys)?);
    same_length(name, xs.len(), ys.len())?;
    Ok((xs, ys))
}

fn same_length(name: &str, first: usize, second: usize) -> ApiResult<()> {
    if first == second {
        return Ok(());
    }
    Err(mistake(Diagnostic::new(Code::LengthMismatch).with("name", name).with("first", first).with("second", second)))
}

fn labels_of(context: &NativeCallContext, name: &str, labels: &Dynamic) -> ApiResult<Vec<String>> {
    array_argument(name, labels)?.into_iter().map(|label| super::text::display(context, label)).collect()
}

/// Counts `values` into `bins` equal bins between the smallest and the largest value.
fn histogram(values: Vec<f64>, bins: usize) -> ApiResult<Chart> {
    let finite: Vec<f64> = values.into_iter().filter(|value| value.is_finite()).collect();
    if finite.is_empty() {
        return Err(mistake(Diagnostic::new(Code::EmptyList).with("name", "hist")));
    }
    let low = finite.iter().copied().fold(f64::INFINITY, f64::min);
    let mut high = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if high == low {
        high = low + 1.0;
    }
    let width = (high - low) / bins as f64;
    let edges = (0..=bins).map(|index| if index == bins { high } else { low + width * index as f64 }).collect();
    let mut counts = vec![0u64; bins];
    for value in finite {
        let index = (((value - low) / width) as usize).min(bins - 1);
        counts[index] += 1;
    }
    Ok(Chart::Histogram { edges, counts })
}

#[cfg(test)]
mod tests {
    use super::histogram;
    use crate::trace::Chart;

    #[test]
    fn histogram_bins_include_the_last_edge() {
        let Ok(Chart::Histogram { edges, counts }) = histogram(vec![0.0, 1.0, 2.0, 3.0, 4.0], 2) else {
            panic!("not a histogram");
        };
        assert_eq!(edges, vec![0.0, 2.0, 4.0]);
        assert_eq!(counts, vec![2, 3]);
        let Ok(Chart::Histogram { edges, counts }) = histogram(vec![5.0, 5.0], 1) else {
            panic!("not a histogram");
        };
        assert_eq!((edges, counts), (vec![5.0, 6.0], vec![2]));
    }
}
