//! Vector and matrix operations: native versions of the loops a data lesson would otherwise run
//! in Rhai, so that kNN or a perceptron over a real dataset takes milliseconds, not seconds.
//!
//! A vector is an array of numbers (whole or decimal), a matrix an array of equally long vectors.
//! Results are decimals (arrays of decimals), computed in plain `f64` in a fixed order, so they are
//! the same natively and in wasm.

use std::rc::Rc;

use rhai::{Array, Dynamic, Engine, FLOAT, INT};

use super::{function1, function2, Context, Function1, Function2};
use crate::ai::same_length;
use crate::api::{array_argument, mistake, number, numbers, ApiResult};
use crate::diagnostic::{Code, Diagnostic};

/// Charges a call to the run's budget by the number of elements of its list arguments (see
/// [`crate::api::charge`]); matrix operations charge their multiply-adds themselves.
fn charge_lengths(context: &Context, arguments: &[&Dynamic]) -> ApiResult<()> {
    let elements =
        arguments.iter().filter_map(|argument| argument.as_array_ref().ok().map(|array| array.len())).sum::<usize>();
    context.charge(elements as u64)
}

/// The functions of one vector argument.
const ONE_ARGUMENT: &[(&str, Function1)] = &[
    ("sum", sum),
    ("mean", mean_of),
    ("std", std),
    ("argmax", argmax),
    ("argmin", argmin),
    ("normalize", normalize),
    ("transpose", transpose),
];

/// The functions of two arguments.
const TWO_ARGUMENTS: &[(&str, Function2)] =
    &[("distance", distance), ("add", add), ("sub", sub), ("scale", scale), ("matmul", matmul)];

pub(super) fn register(engine: &mut Engine, context: &Rc<Context>) {
    for (name, function) in ONE_ARGUMENT {
        function1(engine, context, name, *function);
    }
    for (name, function) in TWO_ARGUMENTS {
        function2(engine, context, name, *function);
    }
}

fn distance(context: &Context, a: Dynamic, b: Dynamic) -> ApiResult<Dynamic> {
    charge_lengths(context, &[&a, &b])?;
    let (a, b) = (numbers("distance", &a)?, numbers("distance", &b)?);
    same_length("distance", a.len(), b.len())?;
    Ok(Dynamic::from_float(euclidean(&a, &b)))
}

fn sum(context: &Context, a: Dynamic) -> ApiResult<Dynamic> {
    charge_lengths(context, &[&a])?;
    Ok(Dynamic::from_float(numbers("sum", &a)?.iter().sum()))
}

fn mean_of(context: &Context, a: Dynamic) -> ApiResult<Dynamic> {
    charge_lengths(context, &[&a])?;
    Ok(Dynamic::from_float(mean(&non_empty("mean", &a)?)))
}

fn std(context: &Context, a: Dynamic) -> ApiResult<Dynamic> {
    charge_lengths(context, &[&a])?;
    let a = non_empty("std", &a)?;
    Ok(Dynamic::from_float(standard_deviation(&a, mean(&a))))
}

fn argmax(context: &Context, a: Dynamic) -> ApiResult<Dynamic> {
    charge_lengths(context, &[&a])?;
    Ok(Dynamic::from_int(arg_best(&non_empty("argmax", &a)?, |candidate, best| candidate > best)))
}

fn argmin(context: &Context, a: Dynamic) -> ApiResult<Dynamic> {
    charge_lengths(context, &[&a])?;
    Ok(Dynamic::from_int(arg_best(&non_empty("argmin", &a)?, |candidate, best| candidate < best)))
}

fn normalize(context: &Context, a: Dynamic) -> ApiResult<Dynamic> {
    charge_lengths(context, &[&a])?;
    let a = non_empty("normalize", &a)?;
    let low = a.iter().copied().fold(FLOAT::INFINITY, FLOAT::min);
    let high = a.iter().copied().fold(FLOAT::NEG_INFINITY, FLOAT::max);
    let span = high - low;
    Ok(Dynamic::from_array(floats(a.iter().map(|x| if span > 0.0 { (x - low) / span } else { 0.0 }))))
}

fn add(context: &Context, a: Dynamic, b: Dynamic) -> ApiResult<Dynamic> {
    charge_lengths(context, &[&a, &b])?;
    elementwise("add", &a, &b, |x, y| x + y)
}

fn sub(context: &Context, a: Dynamic, b: Dynamic) -> ApiResult<Dynamic> {
    charge_lengths(context, &[&a, &b])?;
    elementwise("sub", &a, &b, |x, y| x - y)
}

fn scale(context: &Context, a: Dynamic, k: Dynamic) -> ApiResult<Dynamic> {
    charge_lengths(context, &[&a])?;
    let (a, k) = (numbers("scale", &a)?, number("scale", &k)?);
    Ok(Dynamic::from_array(floats(a.iter().map(|x| x * k))))
}

fn matmul(context: &Context, a: Dynamic, b: Dynamic) -> ApiResult<Dynamic> {
    let a = matrix("matmul", &a)?;
    let columns = a[0].len();
    let b_is_vector = array_argument("matmul", &b)?.first().is_none_or(|first| !first.is_array());
    if b_is_vector {
        let v = numbers("matmul", &b)?;
        matrix_mismatch("matmul", columns, v.len())?;
        context.charge((a.len() * columns) as u64)?;
        return Ok(Dynamic::from_array(floats(a.iter().map(|row| dot(row, &v)))));
    }
    let b = matrix("matmul", &b)?;
    matrix_mismatch("matmul", columns, b.len())?;
    context.charge((a.len() * columns * b.first().map_or(0, Vec::len)) as u64)?;
    let b_columns = transposed(&b);
    let rows: Array =
        a.iter().map(|row| Dynamic::from_array(floats(b_columns.iter().map(|column| dot(row, column))))).collect();
    Ok(Dynamic::from_array(rows))
}

fn transpose(context: &Context, a: Dynamic) -> ApiResult<Dynamic> {
    let a = matrix("transpose", &a)?;
    context.charge((a.len() * a[0].len()) as u64)?;
    Ok(Dynamic::from_array(transposed(&a).into_iter().map(|row| Dynamic::from_array(floats(row))).collect()))
}

/// An array of decimals.
pub(super) fn floats(values: impl IntoIterator<Item = FLOAT>) -> Array {
    values.into_iter().map(Dynamic::from_float).collect()
}

/// A vector argument of `name` that must have at least one element.
fn non_empty(name: &str, value: &Dynamic) -> ApiResult<Vec<FLOAT>> {
    let values = numbers(name, value)?;
    if values.is_empty() {
        return Err(mistake(Diagnostic::new(Code::EmptyList).with("name", name)));
    }
    Ok(values)
}

/// A matrix argument of `name`: at least one row, every row as long as the first.
pub(super) fn matrix(name: &str, value: &Dynamic) -> ApiResult<Vec<Vec<FLOAT>>> {
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

fn elementwise(name: &str, a: &Dynamic, b: &Dynamic, operation: fn(FLOAT, FLOAT) -> FLOAT) -> ApiResult<Dynamic> {
    let (a, b) = (numbers(name, a)?, numbers(name, b)?);
    same_length(name, a.len(), b.len())?;
    Ok(Dynamic::from_array(floats(a.iter().zip(&b).map(|(x, y)| operation(*x, *y)))))
}

/// The sum of products of two equally long vectors.
fn dot(a: &[FLOAT], b: &[FLOAT]) -> FLOAT {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The Euclidean distance of two equally long vectors.
fn euclidean(a: &[FLOAT], b: &[FLOAT]) -> FLOAT {
    libm::sqrt(squared_distance(a, b))
}

/// The squared Euclidean distance (enough to compare distances).
fn squared_distance(a: &[FLOAT], b: &[FLOAT]) -> FLOAT {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

/// The mean of a non-empty vector.
fn mean(values: &[FLOAT]) -> FLOAT {
    values.iter().sum::<FLOAT>() / values.len() as FLOAT
}

/// The population standard deviation of a non-empty vector around its `mean`.
fn standard_deviation(values: &[FLOAT], mean: FLOAT) -> FLOAT {
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
