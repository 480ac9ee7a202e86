//! The model lab's classifier: trained by the app from a student's drawings or camera pictures
//! ([`train_lab_model`]), saved as a [`LabModel`], and given back to programs by `my_model()`.
//!
//! A drawing's features are the digits model's 64-number embedding, a camera picture's the image
//! feature extractor's 1280 numbers (the app computes those, since the extractor is too big to
//! embed), both rounded to 4 decimals as programs see them. So a handful of examples per class is
//! enough: the networks already know strokes and pictures, and only a logistic regression on top
//! is trained.

use super::classifier::train_logistic;
use super::model::{digit_embedding, round4};
use crate::ai::{LabError, LabExample, LabInput, LabModel, ModelError, TrainingOptions, LAB_MODEL_VERSION};

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
        let rounded: Vec<f64> = features.iter().map(|value| round4(*value)).collect();
        self.classifier.probabilities(&rounded)
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
