//! Models as programs hold them (`let m = model("digits");`): what the backend says of an embedded
//! model ([`ModelFacts`]) is enough to check inputs, charge inferences and answer questions about
//! it; only the inference itself is asked of the backend.

use std::rc::Rc;

use rhai::{Array, Dynamic, Engine, Map, FLOAT, INT};

use super::vector::floats;
use super::{function1, getter, method0, method1, method2, shape_of, strings, unexpected, Context, Method0};
use crate::ai::format_shape;
use crate::ai::protocol::{ModelFacts, ModelInput, Reply, Request};
use crate::ai::text::text_features;
use crate::api::{integer, mistake, number, text_argument, wrong_type, ApiResult};
use crate::diagnostic::{Code, Diagnostic};

/// A model as programs hold it.
#[derive(Clone, Debug)]
struct ModelHandle(Rc<ModelFacts>);

impl ModelHandle {
    fn output_index(&self, name: &str) -> Option<usize> {
        self.0.outputs.iter().position(|output| output == name)
    }

    /// Runs the model on what a program gave to method `name`, charging the run's budget for it
    /// first: the output `output`, rounded to 4 decimals.
    fn output(&self, context: &Context, name: &str, x: &Dynamic, output: usize) -> ApiResult<Vec<f64>> {
        let input = model_input(name, x, self.0.input, &self.0.shape)?;
        // tract's vector kernels do about four multiply-adds in the time of one of the runtime's
        // plain loops (digits: 1.5 M multiply-adds in ≈350 µs natively).
        context.charge(self.0.multiply_adds / 4 + input.len() as u64)?;
        let Reply::Numbers(values) = context.ask(Request::RunModel { name: self.0.name.clone(), input, output })?
        else {
            return Err(unexpected());
        };
        Ok(values)
    }

    fn probabilities(&self, context: &Context, name: &str, x: &Dynamic) -> ApiResult<Vec<f64>> {
        let index = self.output_index("probabilities").unwrap_or(0);
        self.output(context, name, x, index)
    }
}

/// The input values of a model that takes `kind` of input of `shape` (as programs give it), for
/// the value `x` a program gave to method `name`.
pub(super) fn model_input(name: &str, x: &Dynamic, kind: ModelInput, shape: &[usize]) -> ApiResult<Vec<f32>> {
    if kind == ModelInput::Text {
        return Ok(text_features(&text_argument(name, x)?));
    }
    let (given, values) = flatten(name, x)?;
    let count: usize = shape.iter().product();
    let squeezed = |shape: &[usize]| shape.iter().copied().filter(|size| *size != 1).collect::<Vec<_>>();
    if values.len() != count || (given.len() > 1 && squeezed(&given) != squeezed(shape)) {
        return Err(mistake(
            Diagnostic::new(Code::AiWrongShape)
                .with("name", name)
                .with("expected", format_shape(shape))
                .with("given", format_shape(&given)),
        ));
    }
    if kind == ModelInput::Image {
        if let Some(bad) = values.iter().find(|value| !(0.0..=1.0).contains(*value)) {
            return Err(mistake(Diagnostic::new(Code::AiBadPixel).with("name", name).with("value", bad)));
        }
    }
    Ok(values)
}

/// Reads nested arrays of numbers: their shape and values, row by row.
fn flatten(name: &str, value: &Dynamic) -> ApiResult<(Vec<usize>, Vec<f32>)> {
    if !value.is_array() {
        return Err(wrong_type(name, value));
    }
    let shape = shape_of(value);
    let mut values = Vec::with_capacity(shape.iter().product());
    let mut pending = vec![(value.clone(), 0usize)];
    while let Some((item, depth)) = pending.pop() {
        match item.clone().try_cast::<Array>() {
            Some(array) if depth < shape.len() && array.len() == shape[depth] => {
                pending.extend(array.into_iter().rev().map(|child| (child, depth + 1)));
            }
            Some(array) => {
                let expected = shape.get(depth).copied().unwrap_or(0);
                let diagnostic = Diagnostic::new(Code::AiRaggedMatrix)
                    .with("name", name)
                    .with("row", values.len() / expected.max(1))
                    .with("length", array.len())
                    .with("expected", expected);
                return Err(mistake(diagnostic));
            }
            None if depth == shape.len() => values.push(number(name, &item)? as f32),
            None => return Err(wrong_type(name, &item)),
        }
    }
    Ok((shape, values))
}

fn model(context: &Context, name: Dynamic) -> ApiResult<Dynamic> {
    let name = text_argument("model", &name)?;
    let Reply::Model(facts) = context.ask(Request::Model { name })? else {
        return Err(unexpected());
    };
    Ok(Dynamic::from(ModelHandle(Rc::new(facts))))
}

fn predict(context: &Context, model: &mut ModelHandle, x: Dynamic) -> ApiResult<Dynamic> {
    Ok(Dynamic::from_array(floats(model.probabilities(context, "predict", &x)?)))
}

/// `m.top(x, k)`: the `k` likeliest classes, likeliest first (the earlier class first among equals).
fn top(context: &Context, model: &mut ModelHandle, x: Dynamic, k: Dynamic) -> ApiResult<Dynamic> {
    let probabilities = model.probabilities(context, "top", &x)?;
    let k = integer("top", &k)?;
    if k < 1 || k as usize > probabilities.len() {
        return Err(mistake(Diagnostic::new(Code::BadValue).with("name", "top").with("value", k)));
    }
    // Picked one by one rather than sorted: k is at most the model's few classes, and a sort
    // would bring its own code into the first screen.
    let mut order: Vec<usize> = Vec::new();
    while order.len() < k as usize {
        let left = (0..probabilities.len()).filter(|index| !order.contains(index));
        let likeliest = left.reduce(|best, index| match probabilities[index].total_cmp(&probabilities[best]) {
            std::cmp::Ordering::Greater => index,
            _ => best,
        });
        order.extend(likeliest);
    }
    let labels = &model.0.labels.zh;
    let entries: Array = order
        .into_iter()
        .map(|index| {
            let mut entry = Map::new();
            let label = labels.get(index).cloned().unwrap_or_else(|| index.to_string());
            entry.insert("label".into(), Dynamic::from(label));
            entry.insert("index".into(), Dynamic::from_int(index as INT));
            entry.insert("probability".into(), Dynamic::from_float(probabilities[index] as FLOAT));
            Dynamic::from_map(entry)
        })
        .collect();
    Ok(Dynamic::from_array(entries))
}

fn embed(context: &Context, model: &mut ModelHandle, x: Dynamic) -> ApiResult<Dynamic> {
    let Some(index) = model.output_index("embedding") else {
        return Err(mistake(Diagnostic::new(Code::AiNoEmbedding).with("name", model.0.name.clone())));
    };
    Ok(Dynamic::from_array(floats(model.output(context, "embed", &x, index)?)))
}

fn labels(_: &Context, model: &mut ModelHandle) -> ApiResult<Dynamic> {
    Ok(Dynamic::from_array(strings(&model.0.labels.zh)))
}

fn labels_en(_: &Context, model: &mut ModelHandle) -> ApiResult<Dynamic> {
    Ok(Dynamic::from_array(strings(&model.0.labels.en)))
}

fn input_shape(_: &Context, model: &mut ModelHandle) -> ApiResult<Dynamic> {
    Ok(Dynamic::from_array(model.0.shape.iter().map(|size| Dynamic::from_int(*size as INT)).collect()))
}

fn name(_: &Context, model: &mut ModelHandle) -> ApiResult<Dynamic> {
    Ok(Dynamic::from(model.0.name.clone()))
}

/// `to_string` and `to_debug`.
fn text(_: &Context, model: &mut ModelHandle) -> ApiResult<Dynamic> {
    Ok(Dynamic::from(format!("model(\"{}\")", model.0.name)))
}

/// The properties.
const PROPERTIES: &[(&str, Method0<ModelHandle>)] =
    &[("labels", labels), ("labels_en", labels_en), ("input_shape", input_shape), ("name", name)];

pub(super) fn register(engine: &mut Engine, context: &Rc<Context>) {
    engine.register_type_with_name::<ModelHandle>("model");
    function1(engine, context, "model", model);
    method1(engine, context, "predict", predict);
    method2(engine, context, "top", top);
    method1(engine, context, "embed", embed);
    for (property, read) in PROPERTIES {
        getter(engine, context, property, *read);
    }
    method0(engine, context, "to_string", text);
    method0(engine, context, "to_debug", text);
}
