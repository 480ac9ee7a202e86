//! What the drawing pad and the model lab ask of their AI worker, and the worker's side of it.
//!
//! The tools run on the page, inference and training in a worker of the AI module started in the
//! tools' role ([`spawn`], served by [`serve`]), so that the page never waits on tract. Both sides
//! are this module in one build, so the messages are JSON of these types with no version.
//! Requests with bytes (the image feature extractor's archive, a camera picture) travel with them
//! beside the JSON ([`ToolLink::send_with_bytes`]), so that megabytes are never written out as
//! JSON.

use std::cell::RefCell;

use serde::{Deserialize, Serialize};
use sprout_runtime::ai::{
    self as runtime_ai, ImageFeatures, LabError, LabExample, LabInput, LabModel, ModelError, TrainingOptions,
};
use sprout_runtime::messages::Language;
use yew::Callback;

use crate::modules::{start_worker, LazyModule, WorkerRole};
use crate::workers::link::{LinkEvent, WorkerLink};
use crate::workers::serve::Replies;

/// The page's link to a tools' worker.
pub type ToolLink = WorkerLink<ToolRequest, ToolReply>;

/// This build of the AI module: the one with wasm SIMD or the one without.
const THIS_BUILD: LazyModule = if cfg!(target_feature = "simd128") { LazyModule::Ai } else { LazyModule::AiNosimd };

/// Starts a tools' worker (this build of the AI module again, from the browser's cache) that
/// reports to `on_event`; dropping the link terminates it.
pub fn spawn(on_event: Callback<LinkEvent<ToolReply>>) -> Result<ToolLink, wasm_bindgen::JsValue> {
    WorkerLink::spawn(|| start_worker(THIS_BUILD, WorkerRole::Tools), on_event)
}

/// A drawing: the ink of a `width`×`height` canvas, row by row, 0 (none) to 255 (full).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Drawing {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// One value per pixel.
    pub ink: Vec<u8>,
}

impl Drawing {
    /// The 28×28 picture a model sees (MNIST's way: `sprout_runtime::ai::digit_image`), 0 to 1.
    pub fn image(&self) -> Vec<f32> {
        let ink: Vec<f32> = self.ink.iter().map(|&value| f32::from(value) / 255.0).collect();
        runtime_ai::digit_image(&ink, self.width, self.height)
    }
}

/// A picture of 0..1 values as grey levels 0..255.
pub fn to_pixels(image: &[f32]) -> Vec<u8> {
    // Values are 0..1, so the cast cannot wrap.
    image.iter().map(|value| (value.clamp(0.0, 1.0) * 255.0).round() as u8).collect()
}

/// What a tool asks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToolRequest {
    /// The digits model's answer for a drawing.
    Recognize {
        /// Echoed in the reply.
        id: u32,
        /// The drawing.
        drawing: Drawing,
    },
    /// Train the model lab's classifier (`sprout_runtime::ai::train_lab_model`, which holds the
    /// last fifth of each class out to measure it); the worker keeps it for
    /// [`ToolRequest::Classify`].
    Train {
        /// Echoed in the replies.
        id: u32,
        /// The classes' names.
        labels: Vec<String>,
        /// Where the examples come from.
        input: LabInput,
        /// Every example.
        examples: Vec<LabExample>,
    },
    /// Use this (saved) classifier for [`ToolRequest::Classify`].
    Load {
        /// The classifier.
        model: LabModel,
    },
    /// The classifier's answer for a drawing.
    Classify {
        /// Echoed in the reply.
        id: u32,
        /// The drawing.
        drawing: Drawing,
    },
    /// With the bytes of `image_features.nnef.tar`: prepare the image feature extractor for
    /// [`ToolRequest::Picture`].
    LoadExtractor,
    /// With a camera picture's RGBA bytes: its features for a new example, or the classifier's
    /// answer for it.
    Picture {
        /// Echoed in the reply.
        id: u32,
        /// Its width in pixels.
        width: usize,
        /// Its height in pixels.
        height: usize,
        /// What the features are for.
        purpose: PictureUse,
    },
}

/// What a camera picture's features are for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PictureUse {
    /// A new example: the reply is [`ToolReply::Features`].
    Example,
    /// The live test: the reply is [`ToolReply::Answer`], with the classifier's probabilities.
    Classify,
}

/// What the worker answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToolReply {
    /// A model's answer for a drawing, with the picture it saw.
    Answer {
        /// The request's id.
        id: u32,
        /// The 28×28 picture, 0..255.
        pixels: Vec<u8>,
        /// One probability per class (empty for an empty drawing).
        probabilities: Vec<f64>,
    },
    /// Training went on: `done` of `total` steps.
    Progress {
        /// The request's id.
        id: u32,
        /// Steps done.
        done: usize,
        /// All steps.
        total: usize,
    },
    /// Training finished.
    Trained {
        /// The request's id.
        id: u32,
        /// The classifier, with every example.
        model: LabModel,
        /// The share of held-out examples classified right; `None` when none was held out.
        accuracy: Option<f64>,
        /// Held-out examples counted by true class (row) and predicted class (column).
        confusion: Vec<Vec<u32>>,
    },
    /// The image feature extractor is ready.
    ExtractorReady,
    /// A camera picture's features, rounded to 4 decimals as lab examples keep them.
    Features {
        /// The request's id.
        id: u32,
        /// The 1280 features.
        features: Vec<f64>,
    },
    /// The request failed (a class without examples, a model that would not load).
    Failed {
        /// The request's id.
        id: u32,
        /// What went wrong, in every language.
        messages: Vec<(Language, String)>,
    },
}

/// The index of the largest value (the first of equals).
pub fn best(values: &[f64]) -> Option<usize> {
    values
        .iter()
        .enumerate()
        .fold(None, |best: Option<(usize, f64)>, (index, &value)| match best {
            Some((_, top)) if top >= value => best,
            _ => Some((index, value)),
        })
        .map(|(index, _)| index)
}

thread_local! {
    /// The classifier [`ToolRequest::Classify`] uses: the last trained or loaded one.
    static CLASSIFIER: RefCell<Option<LabModel>> = const { RefCell::new(None) };
    /// The image feature extractor, once loaded.
    static EXTRACTOR: RefCell<Option<ImageFeatures>> = const { RefCell::new(None) };
}

/// The error in every language, for a [`ToolReply::Failed`].
fn messages(message: impl Fn(Language) -> String) -> Vec<(Language, String)> {
    Language::ALL.iter().map(|&language| (language, message(language))).collect()
}

/// What `image` (28×28, 0..1) is for the digits model: one probability per digit, unrounded (the
/// model's first output, `probabilities`, in models/digits/model.json's order).
fn digit_probabilities(image: &[f32]) -> Result<Vec<f64>, ModelError> {
    let outputs = runtime_ai::run_embedded("digits", image.to_vec())
        .unwrap_or_else(|| Err(ModelError::Unsupported("no digits model".to_string())))?;
    Ok(outputs.first().map(|values| values.iter().map(|&value| f64::from(value)).collect()).unwrap_or_default())
}

/// The answer for `drawing` by `judge`, with the picture it saw; nothing to judge in an empty one.
fn answer_drawing(id: u32, drawing: &Drawing, judge: impl FnOnce(&[f32]) -> Result<Vec<f64>, ModelError>) -> ToolReply {
    let image = drawing.image();
    let probabilities = if image.iter().all(|&value| value == 0.0) { Ok(Vec::new()) } else { judge(&image) };
    match probabilities {
        Ok(probabilities) => ToolReply::Answer { id, pixels: to_pixels(&image), probabilities },
        Err(error) => ToolReply::Failed { id, messages: messages(|language| error.message(language)) },
    }
}

/// Answers the tools' requests from now on, in the dedicated worker this runs in.
pub fn serve() {
    crate::workers::serve::serve(|request: ToolRequest, bytes, replies: &Replies<ToolReply>| {
        if let Some(reply) = answer(request, &bytes, replies) {
            replies.send(&reply);
        }
    });
}

/// What the worker answers to `request` (with `bytes`, for the requests that carry some); progress
/// on the way goes to `replies`. Loading a classifier has no answer.
fn answer(request: ToolRequest, bytes: &[u8], replies: &Replies<ToolReply>) -> Option<ToolReply> {
    let reply = match request {
        ToolRequest::Recognize { id, drawing } => answer_drawing(id, &drawing, digit_probabilities),
        ToolRequest::Train { id, labels, input, examples } => train(id, labels, input, examples, replies),
        ToolRequest::Load { model } => {
            CLASSIFIER.with(|classifier| *classifier.borrow_mut() = model.check().is_ok().then_some(model));
            return None;
        }
        ToolRequest::LoadExtractor => match ImageFeatures::from_bytes(bytes) {
            Ok(extractor) => {
                EXTRACTOR.with(|loaded| *loaded.borrow_mut() = Some(extractor));
                ToolReply::ExtractorReady
            }
            Err(error) => ToolReply::Failed { id: 0, messages: messages(|language| error.message(language)) },
        },
        ToolRequest::Picture { id, width, height, purpose } => answer_picture(id, bytes, width, height, purpose),
        ToolRequest::Classify { id, drawing } => CLASSIFIER.with(|classifier| match &*classifier.borrow() {
            Some(model) => answer_drawing(id, &drawing, |image| model.probabilities(image)),
            None => ToolReply::Failed {
                id,
                messages: messages(|language| LabError::BadModel { version: 0 }.message(language)),
            },
        }),
    };
    Some(reply)
}

/// The features of the camera picture `rgba` for a new example, or the classifier's answer for it.
fn answer_picture(id: u32, rgba: &[u8], width: usize, height: usize, purpose: PictureUse) -> ToolReply {
    let features = EXTRACTOR.with(|extractor| match &*extractor.borrow() {
        Some(extractor) => extractor.features(rgba, width, height),
        None => Err(ModelError::Empty),
    });
    let failed = |error: &dyn Fn(Language) -> String| ToolReply::Failed { id, messages: messages(error) };
    match (features, purpose) {
        (Err(error), _) => failed(&|language| error.message(language)),
        (Ok(features), PictureUse::Example) => {
            ToolReply::Features { id, features: features.iter().map(|value| runtime_ai::round4(*value)).collect() }
        }
        (Ok(features), PictureUse::Classify) => CLASSIFIER.with(|classifier| match &*classifier.borrow() {
            Some(model) if model.input == LabInput::Camera => {
                ToolReply::Answer { id, pixels: Vec::new(), probabilities: model.probabilities_of_features(&features) }
            }
            _ => failed(&|language| LabError::BadModel { version: 0 }.message(language)),
        }),
    }
}

/// Trains on the examples, reporting progress about twenty times.
fn train(
    id: u32,
    labels: Vec<String>,
    input: LabInput,
    examples: Vec<LabExample>,
    replies: &Replies<ToolReply>,
) -> ToolReply {
    let mut last_sent = 0;
    let mut progress = |done: usize, total: usize| {
        if done == total || done >= last_sent + total.div_ceil(20) {
            last_sent = done;
            replies.send(&ToolReply::Progress { id, done, total });
        }
    };
    match runtime_ai::train_lab_model(labels, input, examples, &TrainingOptions::default(), &mut progress) {
        Ok(training) => {
            CLASSIFIER.with(|classifier| *classifier.borrow_mut() = Some(training.model.clone()));
            ToolReply::Trained { id, model: training.model, accuracy: training.accuracy, confusion: training.confusion }
        }
        Err(error) => ToolReply::Failed { id, messages: messages(|language| error.message(language)) },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_is_the_first_largest() {
        assert_eq!(best(&[0.1, 0.7, 0.7]), Some(1));
        assert_eq!(best(&[]), None);
    }

    #[test]
    fn a_drawing_becomes_the_models_picture() {
        // A 56×56 drawing with a filled square in its middle: the picture has ink in the middle
        // and none at the corners.
        let mut ink = vec![0_u8; 56 * 56];
        for y in 20..36 {
            for x in 24..32 {
                ink[y * 56 + x] = 255;
            }
        }
        let pixels = to_pixels(&Drawing { width: 56, height: 56, ink }.image());
        assert_eq!(pixels.len(), 784);
        assert_eq!(pixels[14 * 28 + 14], 255);
        assert_eq!(pixels[0], 0);
    }

    #[test]
    fn a_camera_picture_becomes_features_and_the_classifiers_answer() {
        let red: Vec<u8> = [200, 30, 30, 255].repeat(64 * 48);
        assert!(
            matches!(answer_picture(3, &red, 64, 48, PictureUse::Example), ToolReply::Failed { id: 3, .. }),
            "no extractor yet: a failure"
        );
        let archive =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../models/image_features/image_features.nnef.tar"));
        let extractor = ImageFeatures::from_bytes(&archive.unwrap()).unwrap();
        EXTRACTOR.with(|loaded| *loaded.borrow_mut() = Some(extractor));
        let ToolReply::Features { id: 4, features } = answer_picture(4, &red, 64, 48, PictureUse::Example) else {
            panic!("features");
        };
        assert_eq!(features.len(), LabInput::Camera.feature_count());
        assert!(features.iter().all(|value| *value == runtime_ai::round4(*value as f32)));
        assert!(
            matches!(answer_picture(5, &red[1..], 64, 48, PictureUse::Example), ToolReply::Failed { id: 5, .. }),
            "a picture of the wrong size: a failure"
        );
        // The live test needs a camera classifier.
        assert!(
            matches!(answer_picture(6, &red, 64, 48, PictureUse::Classify), ToolReply::Failed { id: 6, .. }),
            "no classifier: a failure"
        );
        let blue: Vec<u8> = [30, 30, 200, 255].repeat(64 * 48);
        let mut examples = Vec::new();
        for (label, picture) in [(0, &red), (1, &blue), (0, &red), (1, &blue)] {
            let ToolReply::Features { features, .. } = answer_picture(7, picture, 64, 48, PictureUse::Example) else {
                panic!("features");
            };
            examples.push(LabExample { label, pixels: Vec::new(), features });
        }
        let labels = vec!["红".to_string(), "蓝".to_string()];
        let training = runtime_ai::train_lab_model(
            labels,
            LabInput::Camera,
            examples,
            &TrainingOptions::default(),
            &mut |_, _| {},
        );
        CLASSIFIER.with(|classifier| *classifier.borrow_mut() = Some(training.unwrap().model));
        let ToolReply::Answer { id: 8, probabilities, .. } = answer_picture(8, &blue, 64, 48, PictureUse::Classify)
        else {
            panic!("an answer");
        };
        assert_eq!(best(&probabilities), Some(1), "{probabilities:?}");
    }

    #[test]
    fn the_digits_model_answers_natively() {
        let blank = Drawing { width: 28, height: 28, ink: vec![0; 784] };
        assert_eq!(
            answer_drawing(1, &blank, digit_probabilities),
            ToolReply::Answer { id: 1, pixels: vec![0; 784], probabilities: Vec::new() }
        );
        let mut ink = vec![0_u8; 784];
        for row in 4..24 {
            ink[row * 28 + 14] = 255;
        }
        let ToolReply::Answer { probabilities, .. } =
            answer_drawing(2, &Drawing { width: 28, height: 28, ink }, digit_probabilities)
        else {
            panic!("an answer");
        };
        assert_eq!(probabilities.len(), 10);
        assert_eq!(best(&probabilities), Some(1), "a vertical stroke is a one: {probabilities:?}");
    }
}
