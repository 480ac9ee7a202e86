//! The AI area of the student API (issue #5): vector operations, datasets, training and models.
//!
//! It is cut in two at a seam (`protocol.rs`), so that the app's first screen can run AI programs
//! without carrying tract, the embedded models and datasets or the training code:
//! - the script side (cargo feature `ai-script`: `script/`, `text.rs`, `error.rs`) registers the
//!   functions on the engine, checks and converts their arguments, charges the run's operation
//!   budget and turns mistakes into diagnostics; the vector functions and `split`/`take` work there
//!   entirely, because programs call them in loops;
//! - the backend (cargo feature `ai`, which includes `ai-script`: `backend/`) holds the datasets,
//!   classifiers and models, and answers the script side's requests. `LocalBackend` is that
//!   implementation in this process: natively it serves runs directly, in the browser the AI module
//!   exports its dispatcher (`LocalBackend::answer_bytes`) to the engine's `Forwarding` backend.
//!
//! Two things exist in every build:
//! - the model lab's saved classifier ([`LabModel`]), because it travels in [`crate::RunInput`],
//!   which every script worker must be able to read;
//! - the vector form of `dot(a, b)`, because the turtle's `dot` has the same name, so a host
//!   cannot tell from the name alone whether a program needs the AI area.

#[cfg(feature = "ai")]
mod backend;
#[cfg(feature = "ai-script")]
mod error;
mod lab_model;
#[cfg(feature = "onnx")]
mod onnx;
#[cfg(feature = "ai-script")]
pub mod protocol;
#[cfg(feature = "ai-script")]
mod script;
#[cfg(feature = "ai-script")]
mod text;

#[cfg(feature = "ai")]
pub use backend::{
    dataset_names, digit_embedding, digit_image, model_names, round4, run_embedded, train_lab_model, train_logistic,
    ImageFeatures, LabTraining, LocalBackend, IMAGE_SIDE,
};
#[cfg(feature = "ai-script")]
pub use error::{LabError, ModelError};
pub use lab_model::{LabExample, LabInput, LabModel, LogisticModel, LAB_MODEL_VERSION};
#[cfg(feature = "onnx")]
pub use onnx::{nnef_of_model_folder, onnx_to_nnef};
#[cfg(feature = "ai-script")]
pub use protocol::{set_backend, Backend, Forwarding, TrainingOptions, DIGIT_SIDE};
#[cfg(feature = "ai-script")]
pub use text::{text_features, TEXT_FEATURES};

use rhai::{Array, Dynamic, Engine, FLOAT};

use crate::api::{number, numbers, ApiResult, SharedHost};

/// Registers the AI area on `engine`: the vector `dot` always, the rest with the `ai-script`
/// feature, bound to this thread's backend (see [`protocol::set_backend`]).
pub(crate) fn register(engine: &mut Engine, host: &SharedHost) {
    // The exact `array` type of the first argument takes precedence over the turtle's
    // `dot(size, color)`, whose arguments are `Dynamic`.
    let budget = host.clone();
    engine.register_fn("dot", move |a: Array, b: Dynamic| -> ApiResult<FLOAT> {
        crate::api::charge(&budget, a.len() as u64)?;
        dot_product("dot", &a, &b)
    });
    #[cfg(feature = "ai-script")]
    script::register(engine, host);
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

/// A shape written as programs see it: `[28, 28]`.
#[cfg(feature = "ai-script")]
pub(crate) fn format_shape(shape: &[usize]) -> String {
    let sizes: Vec<String> = shape.iter().map(usize::to_string).collect();
    format!("[{}]", sizes.join(", "))
}

/// The first index of the largest value.
#[cfg(feature = "ai-script")]
pub(crate) fn first_best(values: &[f64]) -> usize {
    let mut best = 0;
    for (index, value) in values.iter().enumerate() {
        if *value > values[best] {
            best = index;
        }
    }
    best
}
