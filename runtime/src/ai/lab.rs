//! The model lab's classifier: trained by the app from a student's drawings or camera pictures
//! ([`train_lab_model`]), saved as a [`LabModel`], and given back to programs by `my_model()`.
//!
//! A drawing's features are the digits model's 64-number embedding, a camera picture's the image
//! feature extractor's 1280 numbers (the app computes those, since the extractor is too big to
//! embed), both rounded to 4 decimals as programs see them. So a handful of examples per class is
//! enough: the networks already know strokes and pictures, and only a logistic regression on top
//! is trained.

use std::rc::Rc;

use rhai::{Array, Dynamic, Engine, Map, INT};

use super::classifier::{train_logistic, Classifier, Input, Method, Trained, TrainingOptions};
use super::features::DIGIT_SIDE;
use super::model::{digit_embedding, ModelError};
use super::{LabExample, LabInput, LabModel};
use crate::api::{mistake, ApiResult, SharedHost};
use crate::diagnostic::{Code, Diagnostic};
use crate::messages::{message_text, Language};

/// The version of [`LabModel`] this runtime writes and reads.
pub const LAB_MODEL_VERSION: u32 = 1;

/// Pixels in one drawing.
const PIXELS: usize = DIGIT_SIDE * DIGIT_SIDE;

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

/// What training in the lab gives: the model, and how it did on the drawings it did not learn
/// from.
#[derive(Clone, Debug, PartialEq)]
pub struct LabTraining {
    /// The trained model (with all the examples, so it can be retrained or shown).
    pub model: LabModel,
    /// Indices (into the examples) of the drawings held out to test the classifier: the last
    /// fifth of each class (at least one of every class with 3 or more drawings).
    pub held_out: Vec<usize>,
    /// The share of held-out drawings classified right, 0.0..1.0; `None` when none was held out.
    pub accuracy: Option<f64>,
    /// Held-out drawings counted by true class (row) and predicted class (column).
    pub confusion: Vec<Vec<u32>>,
}

impl LabExample {
    /// The drawing as the digits model takes it: 784 values, 0.0 = background, 1.0 = ink.
    pub fn image(&self) -> Vec<f32> {
        self.pixels.iter().map(|pixel| f32::from(*pixel) / 255.0).collect()
    }

    /// Whether this is an example of `input` for one of `classes` classes.
    fn fits(&self, input: LabInput, classes: usize) -> bool {
        let shaped = match input {
            LabInput::Drawing => self.pixels.len() == PIXELS && self.features.is_empty(),
            LabInput::Camera => {
                self.pixels.is_empty()
                    && self.features.len() == input.feature_count()
                    && self.features.iter().all(|value| value.is_finite())
            }
        };
        shaped && self.label < classes
    }

    /// The features the classifier learns from.
    fn features(&self, input: LabInput) -> Result<Vec<f64>, ModelError> {
        match input {
            LabInput::Drawing => digit_embedding(&self.image()),
            LabInput::Camera => Ok(self.features.clone()),
        }
    }
}

impl LabModel {
    /// Each class's probability for a 28×28 drawing (784 values 0..1, as `digit_image` gives).
    pub fn probabilities(&self, image: &[f32]) -> Result<Vec<f64>, ModelError> {
        Ok(self.classifier.probabilities(&digit_embedding(image)?))
    }

    /// Each class's probability for a camera picture's features (as the image feature extractor
    /// gives them; rounded here to 4 decimals like the examples').
    pub fn probabilities_of_features(&self, features: &[f32]) -> Vec<f64> {
        let rounded: Vec<f64> = features.iter().map(|value| super::round4(*value)).collect();
        self.classifier.probabilities(&rounded)
    }

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

/// Trains the lab's classifier on `examples` of `input` of the classes `labels`: each example's
/// features (a drawing's embedding by the digits model, a camera picture's features as given),
/// then a logistic regression with `options` on all but the held-out examples (see
/// [`LabTraining::held_out`]). `progress(done, epochs)` hears after every epoch, for a progress
/// bar. Deterministic: the same examples train the same model everywhere.
pub fn train_lab_model(
    labels: Vec<String>,
    input: LabInput,
    examples: Vec<LabExample>,
    options: &TrainingOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<LabTraining, LabError> {
    if labels.len() < 2 {
        return Err(LabError::TooFewClasses { count: labels.len() });
    }
    if let Some(index) = examples.iter().position(|example| !example.fits(input, labels.len())) {
        return Err(LabError::BadExample { index });
    }
    let mut held_out = Vec::new();
    for (class, label) in labels.iter().enumerate() {
        let members: Vec<usize> = (0..examples.len()).filter(|index| examples[*index].label == class).collect();
        if members.is_empty() {
            return Err(LabError::EmptyClass { label: label.clone() });
        }
        let count = if members.len() >= 3 { (members.len() / 5).max(1) } else { 0 };
        held_out.extend(&members[members.len() - count..]);
    }
    held_out.sort_unstable();
    let embeddings: Vec<Vec<f64>> = examples.iter().map(|example| example.features(input)).collect::<Result<_, _>>()?;
    let training: Vec<usize> = (0..examples.len()).filter(|index| held_out.binary_search(index).is_err()).collect();
    let rows: Vec<Vec<f64>> = training.iter().map(|index| embeddings[*index].clone()).collect();
    let classes: Vec<usize> = training.iter().map(|index| examples[*index].label).collect();
    let classifier = train_logistic(&rows, &classes, labels.len(), options, &mut |done| progress(done, options.epochs));
    let mut confusion = vec![vec![0u32; labels.len()]; labels.len()];
    for index in &held_out {
        let probabilities = classifier.probabilities(&embeddings[*index]);
        let predicted =
            (0..probabilities.len()).fold(
                0,
                |best, class| {
                    if probabilities[class] > probabilities[best] {
                        class
                    } else {
                        best
                    }
                },
            );
        confusion[examples[*index].label][predicted] += 1;
    }
    let right: u32 = (0..labels.len()).map(|class| confusion[class][class]).sum();
    let accuracy = (!held_out.is_empty()).then(|| f64::from(right) / held_out.len() as f64);
    let model = LabModel { version: LAB_MODEL_VERSION, input, labels, examples, classifier };
    Ok(LabTraining { model, held_out, accuracy, confusion })
}

pub(super) fn register(engine: &mut Engine, host: &SharedHost) {
    let state = host.clone();
    engine.register_fn("my_model", move || -> ApiResult<Classifier> {
        let Some(lab) = state.borrow().lab_model.clone() else {
            return Err(mistake(Diagnostic::new(Code::AiNoLabModel)));
        };
        if let Err(error) = lab.check() {
            let diagnostic = Diagnostic::new(Code::BadValue).with("name", "my_model").with("value", error);
            return Err(mistake(diagnostic));
        }
        let method = Method::Logistic(lab.classifier.clone());
        Ok(Classifier::new(Trained { method, labels: lab.labels.clone(), input: Input::Lab(lab) }))
    });
}

/// `.examples` of a classifier from `my_model()`: `#{label, image}` for each drawing, the image as
/// 28 rows of 28 values 0..1; `#{label, features}` for each camera picture, its 1280 features.
pub(crate) fn examples_of(lab: &Rc<LabModel>) -> Array {
    let numbers =
        |values: &mut dyn Iterator<Item = f64>| Dynamic::from_array(values.map(Dynamic::from_float).collect());
    lab.examples
        .iter()
        .map(|example| {
            let mut entry = Map::new();
            entry.insert("label".into(), Dynamic::from_int(example.label as INT));
            match lab.input {
                LabInput::Drawing => {
                    let image = example.image();
                    let rows: Array = image
                        .chunks(DIGIT_SIDE)
                        .map(|row| numbers(&mut row.iter().map(|value| f64::from(*value))))
                        .collect();
                    entry.insert("image".into(), Dynamic::from_array(rows));
                }
                LabInput::Camera => {
                    entry.insert("features".into(), numbers(&mut example.features.iter().copied()));
                }
            }
            Dynamic::from_map(entry)
        })
        .collect()
}
