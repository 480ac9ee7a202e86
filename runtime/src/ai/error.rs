//! The errors of the AI area that hosts see: a model file that cannot be used ([`ModelError`]) and
//! a model lab that cannot train or a saved lab model that cannot be used ([`LabError`]).
//!
//! They are on the script side of the seam (see [`super::protocol`]) because `my_model()` checks
//! the saved lab model there, and its diagnostic quotes the [`LabError`].

use crate::messages::{message_text, Language};

/// Why model bytes could not become a runnable network, or a network could not run.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// There are no bytes at all.
    #[error("the model file is empty")]
    Empty,
    /// The bytes are not an ONNX model (another kind of file, or a damaged one): only the
    /// converter reads ONNX.
    #[error("the file is not an ONNX model: {0}")]
    NotOnnx(String),
    /// The bytes are not an NNEF archive (another kind of file, or a damaged one).
    #[error("the file is not an NNEF model: {0}")]
    NotNnef(String),
    /// A model that cannot be prepared to run (an operator tract lacks, a broken graph).
    #[error("the model cannot be run: {0}")]
    Unsupported(String),
    /// A working model with other inputs or outputs than expected.
    #[error("the model takes or gives other shapes than expected: expected {expected}, found {found}")]
    WrongInterface {
        /// What the host expected, e.g. `input [1, 3, 224, 224] → output [1, 1280]`.
        expected: String,
        /// What the model has.
        found: String,
    },
    /// A picture whose pixels do not match its size.
    #[error("the picture has {found} bytes, but {width}×{height} RGBA pixels take {expected}")]
    BadPicture {
        /// Its width in pixels.
        width: usize,
        /// Its height in pixels.
        height: usize,
        /// Bytes it should have.
        expected: usize,
        /// Bytes it has.
        found: usize,
    },
    /// Running the network failed.
    #[error("the model failed while running: {0}")]
    Failed(String),
}

impl ModelError {
    /// The stable id of this kind of error, which is also its message id in the translations.
    pub fn id(&self) -> &'static str {
        match self {
            ModelError::Empty => "model-empty",
            ModelError::NotOnnx(_) => "model-not-onnx",
            ModelError::NotNnef(_) => "model-not-nnef",
            ModelError::Unsupported(_) => "model-unsupported",
            ModelError::WrongInterface { .. } => "model-wrong-interface",
            ModelError::BadPicture { .. } => "model-bad-picture",
            ModelError::Failed(_) => "model-failed",
        }
    }

    /// tract's or the archive reader's account of what went wrong, made fit to show: its first
    /// line, without the bytes of a damaged file it may quote, at most 200 characters.
    #[cfg(feature = "ai")]
    pub(crate) fn detail(error: impl std::fmt::Display) -> String {
        let text = format!("{error:#}");
        let line = text.lines().find(|line| !line.trim().is_empty()).unwrap_or_default();
        let printable = line.chars().filter(|c| !c.is_control() && *c != char::REPLACEMENT_CHARACTER);
        let mut detail: String = printable.clone().take(200).collect();
        if printable.count() > 200 {
            detail.push('…');
        }
        detail
    }

    /// The error put into words in `language` (tract's own detail stays in English).
    pub fn message(&self, language: Language) -> String {
        let arguments: Vec<(&str, String)> = match self {
            ModelError::Empty => Vec::new(),
            ModelError::NotOnnx(detail)
            | ModelError::NotNnef(detail)
            | ModelError::Unsupported(detail)
            | ModelError::Failed(detail) => {
                vec![("detail", detail.clone())]
            }
            ModelError::WrongInterface { expected, found } => {
                vec![("expected", expected.clone()), ("found", found.clone())]
            }
            ModelError::BadPicture { width, height, expected, found } => vec![
                ("width", width.to_string()),
                ("height", height.to_string()),
                ("expected", expected.to_string()),
                ("found", found.to_string()),
            ],
        };
        message_text(language, self.id(), &arguments)
    }
}

/// Why the lab could not train, or a saved lab model cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LabError {
    /// Fewer than two classes.
    #[error("a classifier needs at least 2 classes, this one has {count}")]
    TooFewClasses {
        /// How many there are.
        count: usize,
    },
    /// A class without a single drawing.
    #[error("the class {label} has no examples")]
    EmptyClass {
        /// Its name.
        label: String,
    },
    /// An example that is not of the model's kind (a 28×28 drawing, or a camera picture's 1280
    /// features), or whose label is not a class.
    #[error("example {index} is not an example of the right kind for one of the classes")]
    BadExample {
        /// Its position in the examples, from 0.
        index: usize,
    },
    /// A saved model of another version or whose classifier does not fit its classes.
    #[error("the saved model cannot be used (version {version})")]
    BadModel {
        /// The version it says it has.
        version: u32,
    },
    /// The digits model failed.
    #[error(transparent)]
    Model(#[from] ModelError),
}

impl LabError {
    /// The error put into words in `language`.
    pub fn message(&self, language: Language) -> String {
        let (id, arguments): (&str, Vec<(&str, String)>) = match self {
            LabError::TooFewClasses { count } => ("lab-too-few-classes", vec![("count", count.to_string())]),
            LabError::EmptyClass { label } => ("lab-empty-class", vec![("label", label.clone())]),
            LabError::BadExample { index } => ("lab-bad-example", vec![("index", index.to_string())]),
            LabError::BadModel { version } => ("lab-bad-model", vec![("version", version.to_string())]),
            LabError::Model(error) => return error.message(language),
        };
        message_text(language, id, &arguments)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_model_error_has_a_message_in_every_language() {
        let errors = [
            ModelError::Empty,
            ModelError::NotOnnx("x".to_string()),
            ModelError::NotNnef("x".to_string()),
            ModelError::Unsupported("x".to_string()),
            ModelError::WrongInterface { expected: "a".to_string(), found: "b".to_string() },
            ModelError::BadPicture { width: 2, height: 2, expected: 16, found: 3 },
            ModelError::Failed("x".to_string()),
        ];
        for error in errors {
            for language in Language::ALL {
                let message = error.message(language);
                assert!(message != error.id() && !message.contains('{'), "{language:?}: {message}");
            }
        }
    }
}
