//! The model lab's saved classifier ([`LabModel`]): what the app's lab saves, what exported work
//! carries, and what `my_model()` gives a program.
//!
//! The format exists in every build, because it travels in [`crate::RunInput`], which every script
//! worker must read; the checks `my_model()` makes before using one come with the AI area's script
//! side (see `protocol.rs`).

use serde::{Deserialize, Serialize};

#[cfg(feature = "ai-script")]
use super::{LabError, DIGIT_SIDE};

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

/// The version of [`LabModel`] this runtime writes and reads.
pub const LAB_MODEL_VERSION: u32 = 1;

impl LabExample {
    /// The drawing as the digits model takes it: 784 values, 0.0 = background, 1.0 = ink.
    pub fn image(&self) -> Vec<f32> {
        self.pixels.iter().map(|pixel| f32::from(*pixel) / 255.0).collect()
    }

    /// Whether this is an example of `input` for one of `classes` classes.
    #[cfg(feature = "ai-script")]
    pub(crate) fn fits(&self, input: LabInput, classes: usize) -> bool {
        let shaped = match input {
            LabInput::Drawing => self.pixels.len() == DIGIT_SIDE * DIGIT_SIDE && self.features.is_empty(),
            LabInput::Camera => {
                self.pixels.is_empty()
                    && self.features.len() == input.feature_count()
                    && self.features.iter().all(|value| value.is_finite())
            }
        };
        shaped && self.label < classes
    }
}

#[cfg(feature = "ai-script")]
impl LabModel {
    /// Whether this saved model can be used: this version, a classifier over its kind of features
    /// (64 for drawings, 1280 for camera pictures) for each class, and examples of that kind of
    /// its classes.
    pub fn check(&self) -> Result<(), LabError> {
        let bad = LabError::BadModel { version: self.version };
        let classifier = &self.classifier;
        let features = classifier.means.len();
        let fits = self.version == LAB_MODEL_VERSION
            && features == self.input.feature_count()
            && classifier.scales.len() == features
            && classifier.scales.iter().all(|scale| *scale != 0.0)
            && classifier.weights.len() == self.labels.len()
            && classifier.weights.iter().all(|row| row.len() == features)
            && classifier.biases.len() == self.labels.len();
        if !fits {
            return Err(bad);
        }
        match self.examples.iter().position(|example| !example.fits(self.input, self.labels.len())) {
            Some(index) => Err(LabError::BadExample { index }),
            None => Ok(()),
        }
    }
}
