//! The AI area of the student API (issue #5): vector operations, datasets, training and models.
//!
//! Everything a program can call here is behind the `ai` feature, so that the app's first-screen
//! wasm module stays small: the app runs AI programs in a second module built with it. Two things
//! exist in every build:
//! - the model lab's saved classifier ([`LabModel`]), because it travels in [`crate::RunInput`],
//!   which every script worker must be able to read;
//! - the vector form of `dot(a, b)`, because the turtle's `dot` has the same name, so a host
//!   cannot tell from the name alone whether a program needs the AI module.

#[cfg(feature = "ai")]
mod classifier;
#[cfg(feature = "ai")]
mod dataset;
#[cfg(feature = "ai")]
mod features;
#[cfg(feature = "ai")]
mod lab;
#[cfg(feature = "ai")]
mod model;
#[cfg(feature = "onnx")]
mod onnx;
#[cfg(feature = "ai")]
mod vector;

#[cfg(feature = "ai")]
pub use classifier::{train_logistic, TrainingOptions};
#[cfg(feature = "ai")]
pub use dataset::dataset_names;
#[cfg(feature = "ai")]
pub use features::{digit_image, text_features, DIGIT_SIDE, TEXT_FEATURES};
#[cfg(feature = "ai")]
pub use lab::{train_lab_model, LabError, LabTraining, LAB_MODEL_VERSION};
#[cfg(feature = "ai")]
pub use model::{digit_embedding, model_names, round4, run_embedded, ImageFeatures, ModelError, IMAGE_SIDE};
#[cfg(feature = "onnx")]
pub use onnx::{nnef_of_model_folder, onnx_to_nnef};

use rhai::{Array, Dynamic, Engine, FLOAT};
use serde::{Deserialize, Serialize};

use crate::api::{number, numbers, ApiResult, SharedHost};

/// The classifier a student trained in the app's model lab, with the examples it learnt from: what
/// the lab saves, what exported work carries, and what `my_model()` gives a program.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabModel {
    /// Version of this format; 1.
    pub version: u32,
    /// Where its examples come from. Absent for drawings, as in the files written before the lab
    /// had a camera.
    #[serde(default, skip_serializing_if = "LabInput::is_drawing")]
    pub input: LabInput,
    /// The classes' names, as the student wrote them.
    pub labels: Vec<String>,
    /// The examples the classifier learnt from.
    pub examples: Vec<LabExample>,
    /// The trained classifier over the examples' features: the digits model's embedding of a
    /// drawing, or the image feature extractor's features of a camera picture.
    pub classifier: LogisticModel,
}

/// Where the model lab's examples come from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LabInput {
    /// Drawings on the pad, learnt from through the digits model's 64-number embedding.
    #[default]
    Drawing,
    /// Camera pictures, learnt from through the image feature extractor's 1280 features.
    Camera,
}

impl LabInput {
    /// Whether the examples are drawings (the default).
    pub fn is_drawing(&self) -> bool {
        *self == LabInput::Drawing
    }

    /// How many features the classifier of such examples reads.
    pub fn feature_count(self) -> usize {
        match self {
            LabInput::Drawing => 64,
            LabInput::Camera => 1280,
        }
    }
}

/// One example of the model lab and its class: a drawing (`pixels`) or the features of a camera
/// picture (`features`), never both.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabExample {
    /// Index into [`LabModel::labels`].
    pub label: usize,
    /// A drawing: 28×28 grey levels, row by row, 0 = background and 255 = ink (as `digit_image`
    /// gives them, times 255).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pixels: Vec<u8>,
    /// A camera picture: the image feature extractor's 1280 features of it, rounded to 4 decimals
    /// (the picture itself is not kept).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<f64>,
}

/// A multinomial logistic regression: `softmax(weights · standardised(x) + biases)`, where each
/// feature is standardised as `(x - mean) / scale`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogisticModel {
    /// Each feature's mean over the training examples.
    pub means: Vec<f64>,
    /// Each feature's standard deviation over the training examples (1 where it was 0).
    pub scales: Vec<f64>,
    /// One row of weights per class, one weight per feature.
    pub weights: Vec<Vec<f64>>,
    /// One bias per class.
    pub biases: Vec<f64>,
}

/// Registers the AI area on `engine`: the vector `dot` always, the rest with the `ai` feature.
pub(crate) fn register(engine: &mut Engine, host: &SharedHost) {
    // The exact `array` type of the first argument takes precedence over the turtle's
    // `dot(size, color)`, whose arguments are `Dynamic`.
    let budget = host.clone();
    engine.register_fn("dot", move |a: Array, b: Dynamic| -> ApiResult<FLOAT> {
        crate::api::charge(&budget, a.len() as u64)?;
        dot_product("dot", &a, &b)
    });
    #[cfg(feature = "ai")]
    {
        vector::register(engine, host);
        dataset::register(engine, host);
        classifier::register(engine, host);
        model::register(engine, host);
        lab::register(engine, host);
    }
}

/// `dot(a, b)`: the sum of the products of matching elements.
fn dot_product(name: &str, a: &Array, b: &Dynamic) -> ApiResult<FLOAT> {
    let a: Vec<FLOAT> = a.iter().map(|item| number(name, item)).collect::<ApiResult<_>>()?;
    let b = numbers(name, b)?;
    same_length(name, a.len(), b.len())?;
    Ok(a.iter().zip(&b).map(|(x, y)| x * y).sum())
}

/// The mistake of giving `name` two lists of different lengths.
pub(crate) fn same_length(name: &str, first: usize, second: usize) -> ApiResult<()> {
    if first == second {
        return Ok(());
    }
    let diagnostic = crate::Diagnostic::new(crate::Code::LengthMismatch)
        .with("name", name)
        .with("first", first)
        .with("second", second);
    Err(crate::api::mistake(diagnostic))
}

/// The mistake of giving `name` an input of the wrong shape: `expected` is the shape it takes
/// (without the batch dimension), `given` what the program passed.
#[cfg(feature = "ai")]
pub(crate) fn wrong_shape(name: &str, expected: &[usize], given: &Dynamic) -> Box<rhai::EvalAltResult> {
    let diagnostic = crate::Diagnostic::new(crate::Code::AiWrongShape)
        .with("name", name)
        .with("expected", format_shape(expected))
        .with("given", format_shape(&shape_of(given)));
    crate::api::mistake(diagnostic)
}

/// The shape of nested arrays, following the first element at each level: `[28, 28]`; a value
/// that is not an array has the shape `[]`.
#[cfg(feature = "ai")]
pub(crate) fn shape_of(value: &Dynamic) -> Vec<usize> {
    let mut shape = Vec::new();
    let mut current = value.clone();
    while let Some(array) = current.clone().try_cast::<Array>() {
        shape.push(array.len());
        match array.into_iter().next() {
            Some(first) => current = first,
            None => break,
        }
    }
    shape
}

#[cfg(feature = "ai")]
fn format_shape(shape: &[usize]) -> String {
    let sizes: Vec<String> = shape.iter().map(usize::to_string).collect();
    format!("[{}]", sizes.join(", "))
}
