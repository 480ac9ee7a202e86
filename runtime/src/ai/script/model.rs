//! Models as programs hold them (`let m = model("digits");`): what the backend says of an embedded
//! model ([`ModelFacts`]) is enough to check inputs, charge inferences and answer questions about
//! it; only the inference itself is asked of the backend.

use std::rc::Rc;

use rhai::{Array, Dynamic, Engine, Map, FLOAT, INT};

use super::vector::floats;
use super::{ask, shape_of, unexpected};
use crate::ai::format_shape;
use crate::ai::protocol::{Backend, ModelFacts, ModelInput, Reply, Request};
use crate::ai::text::text_features;
use crate::api::{charge, integer, mistake, number, text_argument, wrong_type, ApiResult, SharedHost};
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
    fn output(
        &self,
        host: &SharedHost,
        backend: &Rc<dyn Backend>,
        name: &str,
        x: &Dynamic,
        output: usize,
    ) -> ApiResult<Vec<f64>> {
        let input = model_input(name, x, self.0.input, &self.0.shape)?;
        // tract's vector kernels do about four multiply-adds in the time of one of the runtime's
        // plain loops (digits: 1.5 M multiply-adds in ≈350 µs natively).
        charge(host, self.0.multiply_adds / 4 + input.len() as u64)?;
        let Reply::Numbers(values) = ask(backend, Request::RunModel { name: self.0.name.clone(), input, output })?
        else {
            return Err(unexpected());
        };
        Ok(values)
    }

    fn probabilities(
        &self,
        host: &SharedHost,
        backend: &Rc<dyn Backend>,
        name: &str,
        x: &Dynamic,
    ) -> ApiResult<Vec<f64>> {
        let index = self.output_index("probabilities").unwrap_or(0);
        self.output(host, backend, name, x, index)
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

fn strings(values: &[String]) -> Array {
    values.iter().map(|value| Dynamic::from(value.clone())).collect()
}

pub(super) fn register(engine: &mut Engine, host: &SharedHost, backend: &Rc<dyn Backend>) {
    engine.register_type_with_name::<ModelHandle>("model");
    let provider = backend.clone();
    engine.register_fn("model", move |name: Dynamic| -> ApiResult<ModelHandle> {
        let name = text_argument("model", &name)?;
        let Reply::Model(facts) = ask(&provider, Request::Model { name })? else {
            return Err(unexpected());
        };
        Ok(ModelHandle(Rc::new(facts)))
    });
    let (budget, provider) = (host.clone(), backend.clone());
    engine.register_fn("predict", move |model: &mut ModelHandle, x: Dynamic| -> ApiResult<Array> {
        Ok(floats(model.probabilities(&budget, &provider, "predict", &x)?))
    });
    let (budget, provider) = (host.clone(), backend.clone());
    engine.register_fn("top", move |model: &mut ModelHandle, x: Dynamic, k: Dynamic| -> ApiResult<Array> {
        let probabilities = model.probabilities(&budget, &provider, "top", &x)?;
        let k = integer("top", &k)?;
        if k < 1 || k as usize > probabilities.len() {
            return Err(mistake(Diagnostic::new(Code::BadValue).with("name", "top").with("value", k)));
        }
        let mut order: Vec<usize> = (0..probabilities.len()).collect();
        order.sort_by(|a, b| probabilities[*b].total_cmp(&probabilities[*a]).then(a.cmp(b)));
        let labels = &model.0.labels.zh;
        Ok(order
            .into_iter()
            .take(k as usize)
            .map(|index| {
                let mut entry = Map::new();
                let label = labels.get(index).cloned().unwrap_or_else(|| index.to_string());
                entry.insert("label".into(), Dynamic::from(label));
                entry.insert("index".into(), Dynamic::from_int(index as INT));
                entry.insert("probability".into(), Dynamic::from_float(probabilities[index] as FLOAT));
                Dynamic::from_map(entry)
            })
            .collect())
    });
    let (budget, provider) = (host.clone(), backend.clone());
    engine.register_fn("embed", move |model: &mut ModelHandle, x: Dynamic| -> ApiResult<Array> {
        let Some(index) = model.output_index("embedding") else {
            return Err(mistake(Diagnostic::new(Code::AiNoEmbedding).with("name", model.0.name.clone())));
        };
        Ok(floats(model.output(&budget, &provider, "embed", &x, index)?))
    });
    engine.register_get("labels", |model: &mut ModelHandle| strings(&model.0.labels.zh));
    engine.register_get("labels_en", |model: &mut ModelHandle| strings(&model.0.labels.en));
    engine.register_get("input_shape", |model: &mut ModelHandle| -> Array {
        model.0.shape.iter().map(|size| Dynamic::from_int(*size as INT)).collect()
    });
    engine.register_get("name", |model: &mut ModelHandle| model.0.name.clone());
    engine.register_fn("to_string", |model: &mut ModelHandle| format!("model(\"{}\")", model.0.name));
    engine.register_fn("to_debug", |model: &mut ModelHandle| format!("model(\"{}\")", model.0.name));
}
