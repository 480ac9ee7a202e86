//! Vector and matrix operations: native versions of the loops a data lesson would otherwise run
//! in Rhai, so that kNN or a perceptron over a real dataset takes milliseconds, not seconds.
//!
//! A vector is an array of numbers (whole or decimal), a matrix an array of equally long vectors.
//! Results are decimals (arrays of decimals), computed in plain `f64` in a fixed order, so they are
//! the same natively and in wasm.

use rhai::{Array, Dynamic, Engine, FLOAT, INT};

use crate::ai::same_length;
use crate::api::{array_argument, charge, mistake, number, numbers, ApiResult, SharedHost};
use crate::diagnostic::{Code, Diagnostic};

/// Charges a call to the run's budget by the number of elements of its list arguments (see
/// [`crate::api::charge`]); matrix operations charge their multiply-adds themselves.
fn charge_lengths(host: &SharedHost, arguments: &[&Dynamic]) -> ApiResult<()> {
    let elements =
        arguments.iter().filter_map(|argument| argument.as_array_ref().ok().map(|array| array.len())).sum::<usize>();
    charge(host, elements as u64)
}

pub(super) fn register(engine: &mut Engine, host: &SharedHost) {
    let budget = host.clone();
    engine.register_fn("distance", move |a: Dynamic, b: Dynamic| -> ApiResult<FLOAT> {
        charge_lengths(&budget, &[&a, &b])?;
        let (a, b) = (numbers("distance", &a)?, numbers("distance", &b)?);
        same_length("distance", a.len(), b.len())?;
        Ok(euclidean(&a, &b))
    });
    let budget = host.clone();
    engine.register_fn("sum", move |a: Dynamic| -> ApiResult<FLOAT> {
        charge_lengths(&budget, &[&a])?;
        Ok(numbers("sum", &a)?.iter().sum())
    });
    let budget = host.clone();
    engine.register_fn("mean", move |a: Dynamic| -> ApiResult<FLOAT> {
        charge_lengths(&budget, &[&a])?;
        Ok(mean(&non_empty("mean", &a)?))
    });
    let budget = host.clone();
    engine.register_fn("std", move |a: Dynamic| -> ApiResult<FLOAT> {
        charge_lengths(&budget, &[&a])?;
        let a = non_empty("std", &a)?;
        Ok(standard_deviation(&a, mean(&a)))
    });
    let budget = host.clone();
    engine.register_fn("argmax", move |a: Dynamic| -> ApiResult<INT> {
        charge_lengths(&budget, &[&a])?;
        Ok(arg_best(&non_empty("argmax", &a)?, |candidate, best| candidate > best))
    });
    let budget = host.clone();
    engine.register_fn("argmin", move |a: Dynamic| -> ApiResult<INT> {
        charge_lengths(&budget, &[&a])?;
        Ok(arg_best(&non_empty("argmin", &a)?, |candidate, best| candidate < best))
    });
    let budget = host.clone();
    engine.register_fn("normalize", move |a: Dynamic| -> ApiResult<Array> {
        charge_lengths(&budget, &[&a])?;
        let a = non_empty("normalize", &a)?;
        let low = a.iter().copied().fold(FLOAT::INFINITY, FLOAT::min);
        let high = a.iter().copied().fold(FLOAT::NEG_INFINITY, FLOAT::max);
        let span = high - low;
        Ok(floats(a.iter().map(|x| if span > 0.0 { (x - low) / span } else { 0.0 })))
    });
    let budget = host.clone();
    engine.register_fn("add", move |a: Dynamic, b: Dynamic| -> ApiResult<Array> {
        charge_lengths(&budget, &[&a, &b])?;
        elementwise("add", &a, &b, |x, y| x + y)
    });
    let budget = host.clone();
    engine.register_fn("sub", move |a: Dynamic, b: Dynamic| -> ApiResult<Array> {
        charge_lengths(&budget, &[&a, &b])?;
        elementwise("sub", &a, &b, |x, y| x - y)
    });
    let budget = host.clone();
    engine.register_fn("scale", move |a: Dynamic, k: Dynamic| -> ApiResult<Array> {
        charge_lengths(&budget, &[&a])?;
        let (a, k) = (numbers("scale", &a)?, number("scale", &k)?);
        Ok(floats(a.iter().map(|x| x * k)))
    });
    let budget = host.clone();
    engine.register_fn("matmul", move |a: Dynamic, b: Dynamic| -> ApiResult<Array> {
        let a = matrix("matmul", &a)?;
        let columns = a[0].len();
        let b_is_vector = array_argument("matmul", &b)?.first().is_none_or(|first| !first.is_array());
        if b_is_vector {
            let v = numbers("matmul", &b)?;
            matrix_mismatch("matmul", columns, v.len())?;
            charge(&budget, (a.len() * columns) as u64)?;
            return Ok(floats(a.iter().map(|row| dot(row, &v))));
        }
        let b = matrix("matmul", &b)?;
        matrix_mismatch("matmul", columns, b.len())?;
        charge(&budget, (a.len() * columns * b.first().map_or(0, Vec::len)) as u64)?;
        let b_columns = transposed(&b);
        Ok(a.iter().map(|row| Dynamic::from_array(floats(b_columns.iter().map(|column| dot(row, column))))).collect())
    });
    let budget = host.clone();
    engine.register_fn("transpose", move |a: Dynamic| -> ApiResult<Array> {
        let a = matrix("transpose", &a)?;
        charge(&budget, (a.len() * a[0].len()) as u64)?;
        Ok(transposed(&a).into_iter().map(|row| Dynamic::from_array(floats(row))).collect())
    });
}

/// An array of decimals.
pub(crate) fn floats(values: impl IntoIterator<Item = FLOAT>) -> Array {
    values.into_iter().map(Dynamic::from_float).collect()
}

/// A vector argument of `name` that must have at least one element.
pub(crate) fn non_empty(name: &str, value: &Dynamic) -> ApiResult<Vec<FLOAT>> {
    let values = numbers(name, value)?;
    if values.is_empty() {
        return Err(mistake(Diagnostic::new(Code::EmptyList).with("name", name)));
    }
    Ok(values)
}

/// A matrix argument of `name`: at least one row, every row as long as the first.
pub(crate) fn matrix(name: &str, value: &Dynamic) -> ApiResult<Vec<Vec<FLOAT>>> {
    let rows = array_argument(name, value)?;
    if rows.is_empty() {
        return Err(mistake(Diagnostic::new(Code::EmptyList).with("name", name)));
    }
    let rows: Vec<Vec<FLOAT>> = rows.iter().map(|row| numbers(name, row)).collect::<ApiResult<_>>()?;
    for (index, row) in rows.iter().enumerate() {
        if row.len() != rows[0].len() {
            let diagnostic = Diagnostic::new(Code::AiRaggedMatrix)
                .with("name", name)
                .with("row", index)
                .with("length", row.len())
                .with("expected", rows[0].len());
            return Err(mistake(diagnostic));
        }
    }
    Ok(rows)
}

fn matrix_mismatch(name: &str, columns: usize, rows: usize) -> ApiResult<()> {
    if columns == rows {
        return Ok(());
    }
    Err(mistake(Diagnostic::new(Code::AiMatrixMismatch).with("name", name).with("columns", columns).with("rows", rows)))
}

fn elementwise(name: &str, a: &Dynamic, b: &Dynamic, operation: fn(FLOAT, FLOAT) -> FLOAT) -> ApiResult<Array> {
    let (a, b) = (numbers(name, a)?, numbers(name, b)?);
    same_length(name, a.len(), b.len())?;
    Ok(floats(a.iter().zip(&b).map(|(x, y)| operation(*x, *y))))
}

/// The sum of products of two equally long vectors.
pub(crate) fn dot(a: &[FLOAT], b: &[FLOAT]) -> FLOAT {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The Euclidean distance of two equally long vectors.
pub(crate) fn euclidean(a: &[FLOAT], b: &[FLOAT]) -> FLOAT {
    libm::sqrt(squared_distance(a, b))
}

/// The squared Euclidean distance (enough to compare distances).
pub(crate) fn squared_distance(a: &[FLOAT], b: &[FLOAT]) -> FLOAT {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

/// The mean of a non-empty vector.
pub(crate) fn mean(values: &[FLOAT]) -> FLOAT {
    values.iter().sum::<FLOAT>() / values.len() as FLOAT
}

/// The population standard deviation of a non-empty vector around its `mean`.
pub(crate) fn standard_deviation(values: &[FLOAT], mean: FLOAT) -> FLOAT {
    libm::sqrt(values.iter().map(|x| (x - mean) * (x - mean)).sum::<FLOAT>() / values.len() as FLOAT)
}

/// The first index whose value `beats` every earlier one.
fn arg_best(values: &[FLOAT], beats: fn(FLOAT, FLOAT) -> bool) -> INT {
    let mut best = 0;
    for (index, value) in values.iter().enumerate() {
        if beats(*value, values[best]) {
            best = index;
        }
    }
    best as INT
}

fn transposed(rows: &[Vec<FLOAT>]) -> Vec<Vec<FLOAT>> {
    let columns = rows.first().map_or(0, Vec::len);
    (0..columns).map(|column| rows.iter().map(|row| row[column]).collect()).collect()
}
