//! Trained neural networks through tract: the small models of `models/` embedded in the runtime
//! (`model("digits")` in a program), and the big image feature extractor that hosts load from
//! bytes ([`ImageFeatures`]).
//!
//! The runtime reads models as NNEF archives (`X.nnef.tar`, converted from the training scripts'
//! ONNX files by `examples/to_nnef.rs`): tract's NNEF reader is about 280 KB (brotli) smaller in
//! the browser than its ONNX reader. Bytes become a runnable network only after checks: an empty
//! file, bytes that are not an NNEF archive, operators tract cannot run, and a valid network whose
//! inputs or outputs are not the expected ones are each a [`ModelError`], never a panic. Outputs
//! given to programs are rounded to 4 decimals: tract's float kernels differ in the last bits
//! between x86 and wasm, and rounding keeps grades identical natively and in the browser.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;

use serde::Deserialize;
use tract_nnef::prelude::{
    tvec, Framework, IntoRunnable, Tensor, TractError, TractResult, TypedModel, TypedRunnableModel,
};

use crate::ai::format_shape;
use crate::ai::protocol::{internal_error, Localized, ModelFacts, ModelInput};
use crate::ai::{ModelError, DIGIT_SIDE};
use crate::diagnostic::{Code, Diagnostic};

/// The models a program can load, as their `model.json` and `.nnef.tar` files in `models/`: those
/// whose `model.json` says `"embedded": true`.
const EMBEDDED: &[(&str, &[u8])] = &[
    (include_str!("../../../../models/digits/model.json"), include_bytes!("../../../../models/digits/digits.nnef.tar")),
    (include_str!("../../../../models/iris/model.json"), include_bytes!("../../../../models/iris/iris.nnef.tar")),
    (
        include_str!("../../../../models/sentiment/model.json"),
        include_bytes!("../../../../models/sentiment/sentiment.nnef.tar"),
    ),
];

/// A model's `model.json` (see `models/README.md`).
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct ModelInfo {
    /// What `model(name)` calls it.
    pub name: String,
    /// Its input.
    pub input: InputInfo,
    /// Its outputs, in the order of the network's outputs.
    pub outputs: Vec<OutputInfo>,
    /// The classes' names, indexed like the probabilities.
    pub labels: Localized<Vec<String>>,
    /// How pixel values become the input's values (image models).
    #[serde(default)]
    pub normalize: Option<Normalize>,
}

impl ModelInfo {
    /// The shapes of its outputs, in order.
    pub fn output_shapes(&self) -> Vec<Vec<usize>> {
        self.outputs.iter().map(|output| output.shape.clone()).collect()
    }
}

/// A model's input.
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct InputInfo {
    /// Its shape, batch dimension first.
    pub shape: Vec<usize>,
    /// `image`, `vector` or `text`.
    pub kind: String,
}

/// A model's output.
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct OutputInfo {
    /// `probabilities`, `embedding` or `features`.
    pub name: String,
    /// Its shape, batch dimension first.
    pub shape: Vec<usize>,
}

/// Pixel normalisation of an image model: `(pixel / scale - mean[channel]) / std[channel]`.
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct Normalize {
    /// What a pixel is divided by first.
    pub scale: f32,
    /// Per channel.
    pub mean: Vec<f32>,
    /// Per channel.
    pub std: Vec<f32>,
}

/// A network ready to run on inputs of one shape.
#[derive(Debug)]
pub(crate) struct Network {
    plan: Arc<TypedRunnableModel>,
    input_shape: Vec<usize>,
    /// Multiply-adds (and divisions) of one run, by tract's count of each operation's cost: what
    /// one inference charges the run's operation budget.
    pub multiply_adds: u64,
}

/// The multiply-adds and divisions one run of `model` does, summed over its operations.
fn multiply_adds(model: &TypedModel) -> u64 {
    model
        .nodes()
        .iter()
        .filter_map(|node| {
            let inputs = model.node_input_facts(node.id).ok()?;
            let costs = node.op.cost(&inputs).ok()?;
            let compute = costs.iter().filter(|(cost, _)| cost.is_compute());
            Some(compute.filter_map(|(_, count)| count.to_i64().ok()).map(|count| count.max(0) as u64).sum::<u64>())
        })
        .sum()
}

impl Network {
    /// Reads and checks NNEF `bytes`: one input of `input_shape`, outputs of `output_shapes`.
    pub(crate) fn from_bytes(
        bytes: &[u8],
        input_shape: &[usize],
        output_shapes: &[Vec<usize>],
    ) -> Result<Network, ModelError> {
        if bytes.is_empty() {
            return Err(ModelError::Empty);
        }
        check_tensor_sizes(bytes)?;
        let nnef = framework();
        let proto = nnef
            .proto_model_for_read(&mut &bytes[..])
            .map_err(|error| ModelError::NotNnef(ModelError::detail(error)))?;
        let unsupported = |error: TractError| ModelError::Unsupported(ModelError::detail(error));
        let model = nnef.model_for_proto_model(&proto).map_err(unsupported)?;
        check_interface(&model, input_shape, output_shapes)?;
        let multiply_adds = multiply_adds(&model);
        let plan = model.into_optimized().and_then(|model| model.into_runnable()).map_err(unsupported)?;
        Ok(Network { plan, input_shape: input_shape.to_vec(), multiply_adds })
    }

    /// Runs the network on `input` (as many values as the input shape holds, row by row): each
    /// output's values.
    pub(crate) fn run(&self, input: Vec<f32>) -> Result<Vec<Vec<f32>>, ModelError> {
        let failed = |error: TractError| ModelError::Failed(ModelError::detail(error));
        let tensor = Tensor::from_shape(&self.input_shape, &input).map_err(failed)?;
        let outputs = self.plan.run(tvec!(tensor.into())).map_err(failed)?;
        outputs
            .iter()
            .map(|output| {
                output.to_plain_array_view::<f32>().map(|view| view.iter().copied().collect()).map_err(failed)
            })
            .collect()
    }
}

/// tract's NNEF reader with only the operators Sprout's models use (the NNEF primitives below, the
/// standard library's compound fragments and tract's cast), so that the AI module does not carry
/// every operator tract knows (rustfft among them): 324 KB brotli of the AI module (issue #15).
/// That takes `tract_nnef::nnef()`, the reader with all of them, out of every path the browser
/// can reach, which tract-nnef 0.23 does not allow by itself; `vendor/tract-nnef` is the copy that
/// does (see its README). A model with any other operator is [`ModelError::Unsupported`].
fn framework() -> tract_nnef::framework::Nnef {
    use tract_nnef::internal::{ModelBuilder, Registry, ResolvedInvocation, TypeName, Value};
    use tract_nnef::ops::nnef::deser;
    use tract_nnef::resource::{DatLoader, GraphNnefLoader};
    use tract_nnef::tract_core::ops::{cast::Cast, math};

    let stdlib = tract_nnef::framework::stdlib();
    let mut nnef = Registry::new("tract_nnef");
    let primitives: [(&str, tract_nnef::internal::ToTract); 11] = [
        ("external", deser::external),
        ("variable", deser::variable),
        ("reshape", deser::reshape),
        ("transpose", deser::transpose),
        ("squeeze", deser::squeeze),
        ("unsqueeze", deser::unsqueeze),
        ("matmul", deser::matmul),
        ("conv", deser::conv),
        ("sum_reduce", deser::reduce),
        ("softmax", deser::softmax),
        ("max_pool_with_index", deser::max_pool_with_index),
    ];
    for (id, load) in primitives {
        if let Some(fragment) = stdlib.iter().find(|fragment| fragment.decl.id.0 == id) {
            nnef.register_primitive(id, &fragment.decl.parameters, &fragment.decl.results, load);
        }
    }
    nnef.register_binary("add", &math::Add {});
    nnef.register_binary("mul", &math::Mul {});
    nnef.register_binary("min", &math::Min {});
    nnef.register_binary("max", &math::Max {});
    for fragment in &stdlib {
        if fragment.body.is_some() {
            nnef.register_fragment(fragment.clone());
        }
    }
    fn cast(builder: &mut ModelBuilder, invocation: &ResolvedInvocation) -> TractResult<Value> {
        let input = invocation.named_arg_as(builder, "input")?;
        let to: String = invocation.named_arg_as(builder, "to")?;
        builder.wire(Cast { to: to.parse()? }, &[input])
    }
    let mut core = Registry::new("tract_core");
    core.register_primitive(
        "tract_core_cast",
        &[TypeName::Scalar.tensor().named("input"), TypeName::String.named("to")],
        &[("output", TypeName::Scalar.tensor())],
        cast,
    );
    tract_nnef::framework::Nnef {
        stdlib,
        registries: vec![nnef, core],
        resource_loaders: vec![Box::new(GraphNnefLoader), Box::new(DatLoader)],
        allow_extended_identifier_syntax: false,
        extern_all_constants: false,
    }
}

/// Size of the header of a tensor file (`.dat`) in an NNEF archive.
const TENSOR_HEADER: u64 = 128;

/// Checks every tensor file of the NNEF archive `bytes` holds the data its header announces:
/// tract allocates a tensor by its header's shape before reading its data, so a damaged or forged
/// header could otherwise ask for gigabytes (and abort the browser's worker) from a small file.
fn check_tensor_sizes(bytes: &[u8]) -> Result<(), ModelError> {
    let not_nnef = |detail: String| ModelError::NotNnef(ModelError::detail(detail));
    // The archive reader's own words quote the damaged bytes; its kind of error says enough.
    let not_tar = |error: std::io::Error| match error.kind() {
        std::io::ErrorKind::UnexpectedEof => not_nnef("the archive is cut short".to_string()),
        _ => not_nnef("not a tar archive".to_string()),
    };
    let mut archive = tar::Archive::new(bytes);
    for entry in archive.entries().map_err(not_tar)? {
        let mut entry = entry.map_err(not_tar)?;
        let path = entry.path().map(|path| path.to_string_lossy().into_owned()).unwrap_or_default();
        if !path.ends_with(".dat") {
            continue;
        }
        let size = entry.size();
        let mut header = [0u8; TENSOR_HEADER as usize];
        std::io::Read::read_exact(&mut entry, &mut header).map_err(|error| not_nnef(format!("{path}: {error}")))?;
        let word = |at: usize| u32::from_le_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]]);
        let (data_bytes, rank, bits_per_item) = (word(4), word(8), word(44));
        let items =
            (0..rank.min(8) as usize).try_fold(1u64, |total, axis| total.checked_mul(u64::from(word(12 + 4 * axis))));
        let announced_bits = items.and_then(|items| items.checked_mul(u64::from(bits_per_item)));
        let fits = header[..2] == [0x4e, 0xef]
            && rank <= 8
            && data_bytes > 0
            && size == TENSOR_HEADER + u64::from(data_bytes)
            && announced_bits.is_some_and(|bits| bits <= 8 * u64::from(data_bytes));
        if !fits {
            return Err(not_nnef(format!("{path}: the tensor's header does not match its {size} bytes")));
        }
    }
    Ok(())
}

/// Checks that `model` has one input of `input_shape` and outputs of `output_shapes`, in order.
pub(crate) fn check_interface(
    model: &TypedModel,
    input_shape: &[usize],
    output_shapes: &[Vec<usize>],
) -> Result<(), ModelError> {
    let shape_of = |fact: Option<&tract_nnef::prelude::TypedFact>| match fact.map(|fact| fact.shape.as_concrete()) {
        Some(Some(shape)) => format_shape(shape),
        Some(None) => "[?]".to_string(),
        None => "?".to_string(),
    };
    let interface =
        |inputs: &[String], outputs: &[String]| format!("input {} → output {}", inputs.join(", "), outputs.join(", "));
    let expected_outputs: Vec<String> = output_shapes.iter().map(|shape| format_shape(shape)).collect();
    let expected = interface(&[format_shape(input_shape)], &expected_outputs);
    let found_inputs: Vec<String> =
        (0..model.inputs.len()).map(|index| shape_of(model.input_fact(index).ok())).collect();
    let found_outputs: Vec<String> =
        (0..model.outputs.len()).map(|index| shape_of(model.output_fact(index).ok())).collect();
    if found_inputs != [format_shape(input_shape)] || found_outputs != expected_outputs {
        return Err(ModelError::WrongInterface { expected, found: interface(&found_inputs, &found_outputs) });
    }
    Ok(())
}

/// The image feature extractor (`models/image_features`, EfficientNet-Lite0): 1280 numbers that
/// describe a picture, for the model lab's webcam classes. Too big to embed (≈13 MB): the host
/// loads it from bytes it fetched.
#[derive(Debug)]
pub struct ImageFeatures {
    network: Network,
    normalize: Normalize,
}

/// The `model.json` of the image feature extractor (small, so embedded even though the network is
/// not).
const IMAGE_FEATURES_INFO: &str = include_str!("../../../../models/image_features/model.json");

/// Side of the square picture the image feature extractor takes.
pub const IMAGE_SIDE: usize = 224;

impl ImageFeatures {
    /// Prepares the extractor from the bytes of `image_features.nnef.tar`; bytes that are not that
    /// model give a [`ModelError`].
    pub fn from_bytes(bytes: &[u8]) -> Result<ImageFeatures, ModelError> {
        let info: ModelInfo =
            serde_json::from_str(IMAGE_FEATURES_INFO).map_err(|error| ModelError::Unsupported(error.to_string()))?;
        let network = Network::from_bytes(bytes, &info.input.shape, &info.output_shapes())?;
        let normalize = info.normalize.unwrap_or(Normalize { scale: 255.0, mean: vec![0.5; 3], std: vec![0.5; 3] });
        Ok(ImageFeatures { network, normalize })
    }

    /// The 1280 features of a picture of `width × height` RGBA pixels (row by row, as a canvas
    /// gives them; alpha is ignored): its centred square is scaled to 224×224 first.
    pub fn features(&self, rgba: &[u8], width: usize, height: usize) -> Result<Vec<f32>, ModelError> {
        let expected = width.saturating_mul(height).saturating_mul(4);
        if rgba.len() != expected || width == 0 || height == 0 {
            return Err(ModelError::BadPicture { width, height, expected, found: rgba.len() });
        }
        let side = width.min(height);
        let (left, top) = ((width - side) / 2, (height - side) / 2);
        let mut input = vec![0.0f32; 3 * IMAGE_SIDE * IMAGE_SIDE];
        for y in 0..IMAGE_SIDE {
            let (from_y, to_y) = (top + y * side / IMAGE_SIDE, top + ((y + 1) * side).div_ceil(IMAGE_SIDE));
            for x in 0..IMAGE_SIDE {
                let (from_x, to_x) = (left + x * side / IMAGE_SIDE, left + ((x + 1) * side).div_ceil(IMAGE_SIDE));
                let mut totals = [0.0f32; 3];
                for source_y in from_y..to_y {
                    for source_x in from_x..to_x {
                        let pixel = (source_y * width + source_x) * 4;
                        for (channel, total) in totals.iter_mut().enumerate() {
                            *total += f32::from(rgba[pixel + channel]);
                        }
                    }
                }
                let count = ((to_y - from_y) * (to_x - from_x)) as f32;
                for (channel, total) in totals.iter().enumerate() {
                    let value = total / count / self.normalize.scale;
                    let (mean, std) = (self.normalize.mean[channel % 3], self.normalize.std[channel % 3]);
                    input[(channel * IMAGE_SIDE + y) * IMAGE_SIDE + x] = (value - mean) / std;
                }
            }
        }
        let mut outputs = self.network.run(input)?;
        Ok(outputs.swap_remove(0))
    }
}

/// An embedded model, ready to run.
#[derive(Debug)]
struct LoadedModel {
    /// Its `model.json`.
    info: ModelInfo,
    network: Network,
}

impl LoadedModel {
    fn output_index(&self, name: &str) -> Option<usize> {
        self.info.outputs.iter().position(|output| output.name == name)
    }

    /// What the script side needs to know of it.
    fn facts(&self) -> ModelFacts {
        let input = match self.info.input.kind.as_str() {
            "image" => ModelInput::Image,
            "text" => ModelInput::Text,
            _ => ModelInput::Vector,
        };
        // The shape a program gives: without the batch dimension, and for images without the
        // single channel.
        let shape = &self.info.input.shape[1..];
        let shape = match input {
            ModelInput::Image => shape.iter().copied().skip_while(|size| *size == 1).collect(),
            _ => shape.to_vec(),
        };
        ModelFacts {
            name: self.info.name.clone(),
            labels: self.info.labels.clone(),
            input,
            shape,
            outputs: self.info.outputs.iter().map(|output| output.name.clone()).collect(),
            multiply_adds: self.network.multiply_adds,
        }
    }
}

/// `value` rounded to 4 decimals, as programs see model outputs.
pub fn round4(value: f32) -> f64 {
    (f64::from(value) * 10_000.0).round() / 10_000.0
}

thread_local! {
    /// Embedded models prepared so far on this thread (each is prepared on first use only).
    static LOADED: RefCell<BTreeMap<String, Rc<LoadedModel>>> = const { RefCell::new(BTreeMap::new()) };
}

fn embedded_infos() -> impl Iterator<Item = (Result<ModelInfo, String>, &'static [u8])> {
    EMBEDDED
        .iter()
        .map(|(info, bytes)| (serde_json::from_str::<ModelInfo>(info).map_err(|error| error.to_string()), *bytes))
}

/// The names of the embedded models.
pub fn model_names() -> Vec<String> {
    embedded_infos().filter_map(|(info, _)| info.ok().map(|info| info.name)).collect()
}

/// The embedded model `name`, prepared once per thread: `None` when there is no such model.
fn load(name: &str) -> Option<Result<Rc<LoadedModel>, ModelError>> {
    if let Some(model) = LOADED.with(|loaded| loaded.borrow().get(name).cloned()) {
        return Some(Ok(model));
    }
    let (info, bytes) = embedded_infos().find(|(info, _)| info.as_ref().is_ok_and(|info| info.name == name))?;
    let info = info.ok()?;
    Some(Network::from_bytes(bytes, &info.input.shape, &info.output_shapes()).map(|network| {
        let model = Rc::new(LoadedModel { info, network });
        LOADED.with(|loaded| loaded.borrow_mut().insert(name.to_string(), model.clone()));
        model
    }))
}

/// Runs the embedded model `name` on `input` natively (for hosts and tests): each output's values,
/// unrounded. `None` when there is no such model.
pub fn run_embedded(name: &str, input: Vec<f32>) -> Option<Result<Vec<Vec<f32>>, ModelError>> {
    Some(load(name)?.and_then(|model| model.network.run(input)))
}

/// The digits model's embedding of a 28×28 image (values 0..1, row by row), rounded to 4
/// decimals as programs see it: the features the model lab's classifiers learn from.
pub fn digit_embedding(image: &[f32]) -> Result<Vec<f64>, ModelError> {
    let model = load("digits").unwrap_or_else(|| Err(ModelError::Unsupported("no digits model".to_string())))?;
    let index = model.output_index("embedding").ok_or_else(|| ModelError::Unsupported("no embedding".to_string()))?;
    if image.len() != DIGIT_SIDE * DIGIT_SIDE {
        let expected = format_shape(&[DIGIT_SIDE * DIGIT_SIDE]);
        return Err(ModelError::WrongInterface { expected, found: format_shape(&[image.len()]) });
    }
    Ok(model.network.run(image.to_vec())?[index].iter().map(|value| round4(*value)).collect())
}

/// The multiply-adds of one run of the digits model (what embedding a drawing costs), 0 if it
/// cannot be loaded (then embedding fails anyway).
pub(crate) fn digits_multiply_adds() -> u64 {
    load("digits").and_then(Result::ok).map_or(0, |model| model.network.multiply_adds)
}

/// `model(name)`: what the script side needs to know of the embedded model `name`, or the mistake
/// of naming one that is not embedded.
pub(super) fn facts(name: &str) -> Result<ModelFacts, Diagnostic> {
    match load(name) {
        Some(loaded) => loaded.map(|model| model.facts()).map_err(internal_error),
        None => Err(Diagnostic::new(Code::AiUnknownModel).with("name", name).with("known", model_names().join(", "))),
    }
}

/// The output `output` of the embedded model `name` for `input`, rounded to 4 decimals.
pub(super) fn output(name: &str, input: Vec<f32>, output: usize) -> Result<Vec<f64>, Diagnostic> {
    let model = load(name).unwrap_or_else(|| Err(ModelError::Unsupported(format!("no model {name}"))));
    let outputs = model.and_then(|model| model.network.run(input)).map_err(internal_error)?;
    let values = outputs.get(output).ok_or_else(|| internal_error(format!("{name} has no output {output}")))?;
    Ok(values.iter().map(|value| round4(*value)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lab_reads_as_many_features_as_the_models_give() {
        let digits: ModelInfo = serde_json::from_str(EMBEDDED[0].0).unwrap();
        let embedding = digits.outputs.iter().find(|output| output.name == "embedding").unwrap();
        assert_eq!(embedding.shape, [1, crate::ai::LabInput::Drawing.feature_count()]);
        let extractor: ModelInfo = serde_json::from_str(IMAGE_FEATURES_INFO).unwrap();
        assert_eq!(extractor.output_shapes(), [vec![1, crate::ai::LabInput::Camera.feature_count()]]);
    }

    #[test]
    fn pictures_of_the_wrong_size_are_errors() {
        let bytes =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../models/image_features/image_features.nnef.tar"));
        let extractor = ImageFeatures::from_bytes(&bytes.unwrap()).unwrap();
        let error = extractor.features(&[0; 15], 2, 2).unwrap_err();
        assert_eq!(error, ModelError::BadPicture { width: 2, height: 2, expected: 16, found: 15 });
        assert!(extractor.features(&[], 0, 0).is_err());
        // A wide picture is cropped to its centred square.
        let wide = extractor.features(&vec![128; 300 * 200 * 4], 300, 200).unwrap();
        let square = extractor.features(&vec![128; 200 * 200 * 4], 200, 200).unwrap();
        assert_eq!(wide, square);
    }
}
