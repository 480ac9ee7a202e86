//! Datasets as programs hold them: `dataset("iris")` turns the backend's embedded table into a Rhai
//! map, and `split` and `take` cut a dataset map into parts without asking the backend.
//!
//! A dataset map is `#{name, features, labels, label_names, feature_names, label_names_en,
//! feature_names_en}`, with `texts` instead of `features` for a text dataset. Programs may build
//! their own: `split`, `take`, `knn`, `logistic`, `accuracy` and `confusion` only need `labels`
//! and `features` (or `texts`) of the same length.

use std::rc::Rc;

use rhai::{Array, Dynamic, Engine, Map, FLOAT, INT};

use super::vector::floats;
use super::{function1, function2, function3, strings, unexpected, Context};
use crate::ai::protocol::{Dataset, Reply, Request};
use crate::ai::same_length;
use crate::api::{integer, mistake, number, text_argument, wrong_type, ApiResult};
use crate::diagnostic::{Code, Diagnostic};
use crate::SeededRandom;

/// The dataset as the map a program gets.
fn to_map(dataset: &Dataset) -> Map {
    let mut map = Map::new();
    map.insert("name".into(), Dynamic::from(dataset.name.clone()));
    if let Some(features) = &dataset.features {
        let rows = features.iter().map(|row| Dynamic::from_array(floats(row.iter().copied()))).collect();
        map.insert("features".into(), Dynamic::from_array(rows));
    }
    if let Some(texts) = &dataset.texts {
        map.insert("texts".into(), Dynamic::from_array(strings(texts)));
    }
    let labels = dataset.labels.iter().map(|label| Dynamic::from_int(*label as INT)).collect();
    map.insert("labels".into(), Dynamic::from_array(labels));
    map.insert("label_names".into(), Dynamic::from_array(strings(&dataset.label_names.zh)));
    map.insert("label_names_en".into(), Dynamic::from_array(strings(&dataset.label_names.en)));
    if let Some(names) = &dataset.feature_names {
        map.insert("feature_names".into(), Dynamic::from_array(strings(&names.zh)));
        map.insert("feature_names_en".into(), Dynamic::from_array(strings(&names.en)));
    }
    map
}

/// The rows of a dataset map: which key holds them (`features` or `texts`), the rows and labels.
pub(super) struct Table {
    /// `features` or `texts`.
    pub key: &'static str,
    /// The examples.
    pub rows: Array,
    /// Each example's label, as the program wrote it.
    pub labels: Array,
}

/// Reads the dataset map argument of `name`.
pub(super) fn table(name: &str, value: &Dynamic) -> ApiResult<(Map, Table)> {
    let Some(map) = value.clone().try_cast::<Map>() else {
        return Err(wrong_type(name, value));
    };
    let not_a_dataset = || mistake(Diagnostic::new(Code::AiNotADataset).with("name", name));
    let key = if map.contains_key("features") { "features" } else { "texts" };
    let rows = map.get(key).and_then(|rows| rows.clone().try_cast::<Array>()).ok_or_else(not_a_dataset)?;
    let labels = map.get("labels").and_then(|labels| labels.clone().try_cast::<Array>()).ok_or_else(not_a_dataset)?;
    same_length(name, rows.len(), labels.len())?;
    Ok((map, Table { key, rows, labels }))
}

/// A copy of the dataset map `map` with only the rows at `indices`.
fn subset(map: &Map, table: &Table, indices: &[usize]) -> Dynamic {
    let mut part = map.clone();
    let pick = |values: &Array| -> Array { indices.iter().map(|index| values[*index].clone()).collect() };
    part.insert(table.key.into(), Dynamic::from_array(pick(&table.rows)));
    part.insert("labels".into(), Dynamic::from_array(pick(&table.labels)));
    Dynamic::from_map(part)
}

/// The values a dataset's rows hold (rows × the first row's length), which every copy costs.
fn size(rows: &Array) -> u64 {
    let columns = rows.first().and_then(|row| row.as_array_ref().ok().map(|row| row.len())).unwrap_or(1);
    (rows.len() * columns.max(1)) as u64
}

/// [`table`], charging the run's budget for copying the dataset (see [`crate::api::charge`]).
fn charged_table(context: &Context, name: &str, value: &Dynamic) -> ApiResult<(Map, Table)> {
    let (map, table) = table(name, value)?;
    context.charge(size(&table.rows))?;
    Ok((map, table))
}

pub(super) fn register(engine: &mut Engine, context: &Rc<Context>) {
    function1(engine, context, "dataset", dataset);
    function3(engine, context, "split", split);
    function2(engine, context, "take", take);
}

fn dataset(context: &Context, name: Dynamic) -> ApiResult<Dynamic> {
    let name = text_argument("dataset", &name)?;
    let Reply::Dataset(dataset) = context.ask(Request::Dataset { name })? else {
        return Err(unexpected());
    };
    let map = to_map(&dataset);
    let rows = map.get("features").or_else(|| map.get("texts"));
    context.charge(rows.and_then(|rows| rows.as_array_ref().ok().map(|rows| size(&rows))).unwrap_or(0))?;
    Ok(Dynamic::from_map(map))
}

fn split(context: &Context, data: Dynamic, test_fraction: Dynamic, seed: Dynamic) -> ApiResult<Dynamic> {
    let (map, table) = charged_table(context, "split", &data)?;
    let fraction = number("split", &test_fraction)?;
    if !(0.0..=1.0).contains(&fraction) {
        return Err(mistake(Diagnostic::new(Code::BadValue).with("name", "split").with("value", fraction)));
    }
    let seed = integer("split", &seed)?;
    let mut order: Vec<usize> = (0..table.rows.len()).collect();
    let mut random = SeededRandom::new(seed as u64);
    for index in (1..order.len()).rev() {
        order.swap(index, random.below(index as u128 + 1) as usize);
    }
    let test_count = ((order.len() as FLOAT * fraction).round() as usize).min(order.len());
    let (test, train) = order.split_at(test_count);
    let mut parts = Map::new();
    parts.insert("train".into(), subset(&map, &table, train));
    parts.insert("test".into(), subset(&map, &table, test));
    Ok(Dynamic::from_map(parts))
}

fn take(context: &Context, data: Dynamic, count: Dynamic) -> ApiResult<Dynamic> {
    let (map, table) = charged_table(context, "take", &data)?;
    let count = integer("take", &count)?;
    if count < 0 {
        return Err(mistake(Diagnostic::new(Code::BadValue).with("name", "take").with("value", count)));
    }
    let indices: Vec<usize> = (0..table.rows.len().min(count as usize)).collect();
    Ok(subset(&map, &table, &indices))
}
