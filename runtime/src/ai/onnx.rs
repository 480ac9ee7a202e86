//! ONNX to NNEF: the training scripts of `models/` export ONNX, and the runtime reads NNEF (see
//! the backend's `model.rs`). This converter runs natively only (the `onnx` feature), in
//! `examples/to_nnef.rs` and in the tests that check the committed `.nnef.tar` files are exactly
//! what it makes.
//!
//! Bad ONNX files are [`ModelError`]s here as everywhere: an empty file, bytes that are not ONNX,
//! operators tract lacks, a network with other inputs or outputs than its `model.json` says.

use std::path::Path;

use tract_onnx::prelude::{Datum, Framework, InferenceFact, InferenceModelExt, Tensor, TractError};

use super::backend::model::{check_interface, ModelInfo};
use super::{format_shape, ModelError};

/// The NNEF archive of the model in `folder` (a folder of `models/`, whose `model.json` names its
/// ONNX file and shapes): the archive's file name (`digits.nnef.tar`) and bytes. Errors name the
/// file at fault.
pub fn nnef_of_model_folder(folder: &Path) -> Result<(String, Vec<u8>), String> {
    let read = |name: &str| {
        std::fs::read(folder.join(name)).map_err(|error| format!("{}: {error}", folder.join(name).display()))
    };
    let json = read("model.json")?;
    let parse_error = |error: serde_json::Error| format!("{}: {error}", folder.join("model.json").display());
    let info: ModelInfo = serde_json::from_slice(&json).map_err(parse_error)?;
    let OnnxFile { file } = serde_json::from_slice(&json).map_err(parse_error)?;
    let onnx = read(&file)?;
    let archive = onnx_to_nnef(&onnx, &info.input.shape, &info.output_shapes())
        .map_err(|error| format!("{}: {error}", folder.join(&file).display()))?;
    Ok((format!("{}.nnef.tar", file.strip_suffix(".onnx").unwrap_or(&file)), archive))
}

/// The field of a `model.json` that names the ONNX file its training script wrote (`digits.onnx`):
/// its NNEF archive goes next to it (`digits.nnef.tar`).
#[derive(serde::Deserialize)]
struct OnnxFile {
    file: String,
}

/// The NNEF archive of the ONNX model `onnx`, which must take one input of `input_shape` and give
/// outputs of `output_shapes`. The same ONNX bytes always give the same archive (its files carry
/// a fixed date).
pub fn onnx_to_nnef(onnx: &[u8], input_shape: &[usize], output_shapes: &[Vec<usize>]) -> Result<Vec<u8>, ModelError> {
    if onnx.is_empty() {
        return Err(ModelError::Empty);
    }
    let model = tract_onnx::onnx()
        .model_for_read(&mut &onnx[..])
        .map_err(|error| ModelError::NotOnnx(ModelError::detail(error)))?;
    let expected = || {
        let outputs: Vec<String> = output_shapes.iter().map(|shape| format_shape(shape)).collect();
        format!("input {} → output {}", format_shape(input_shape), outputs.join(", "))
    };
    if model.inputs.len() != 1 || model.outputs.len() != output_shapes.len() {
        let found = format!("{} input(s) → {} output(s)", model.inputs.len(), model.outputs.len());
        return Err(ModelError::WrongInterface { expected: expected(), found });
    }
    let unsupported = |error: TractError| ModelError::Unsupported(ModelError::detail(error));
    let declared = model.input_fact(0).map_err(unsupported)?.clone();
    let probe = Tensor::zero::<f32>(input_shape).map_err(unsupported)?;
    if !declared.shape.matches(&probe, None).unwrap_or(false) {
        let found = match declared.shape.as_concrete_finite() {
            Ok(Some(shape)) => format!("input {}", format_shape(&shape)),
            _ => format!("input {:?}", declared.shape),
        };
        return Err(ModelError::WrongInterface { expected: expected(), found });
    }
    let typed = model
        .with_input_fact(0, InferenceFact::dt_shape(f32::datum_type(), input_shape))
        .and_then(|model| model.into_typed())
        .and_then(|model| model.into_decluttered())
        .map_err(unsupported)?;
    check_interface(&typed, input_shape, output_shapes)?;
    tract_nnef::nnef().write_to_tar_with_config(&typed, Vec::new(), false, true).map_err(unsupported)
}
