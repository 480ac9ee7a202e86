//! The backend of the AI area: the embedded datasets (`dataset.rs`), training and classifying
//! (`classifier.rs`), the models run by tract (`model.rs`), the model lab's training (`lab.rs`)
//! and the digits' preprocessing (`drawing.rs`), answering the script side's requests (see
//! [`super::protocol`]).
//!
//! [`LocalBackend`] is the one implementation: the CLI, the grader and the tests call it in the
//! same process, and the app's AI module exports its dispatcher ([`LocalBackend::answer_bytes`]) to
//! the engine's module, so that a program runs the very same code natively and in the browser.
//! Nothing here knows Rhai.

mod classifier;
mod dataset;
mod drawing;
mod lab;
pub(super) mod model;

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

pub use classifier::train_logistic;
pub use dataset::dataset_names;
pub use drawing::digit_image;
pub use lab::{train_lab_model, LabTraining};
pub use model::{digit_embedding, model_names, round4, run_embedded, ImageFeatures, IMAGE_SIDE};

use super::protocol::{decode, encode, internal_error, Backend, Handle, Reply, Request};
use crate::diagnostic::Diagnostic;
use classifier::Trained;

/// The AI area's implementation in this process, with the classifiers programs made so far.
#[derive(Default)]
pub struct LocalBackend {
    /// The classifiers programs hold, by handle.
    classifiers: RefCell<BTreeMap<Handle, Trained>>,
    /// The number of the next classifier's handle.
    next: Cell<u64>,
}

impl LocalBackend {
    /// The dispatcher: answers an encoded [`Request`] with an encoded `Result<Reply, Diagnostic>`
    /// (what the AI module exports to the engine's [`super::Forwarding`]). Bytes that are not a
    /// request are answered with an internal error.
    pub fn answer_bytes(&self, request: &[u8]) -> Vec<u8> {
        let reply = decode::<Request>(request).map_err(internal_error).and_then(|request| self.answer(request));
        encode(&reply).or_else(|detail| encode(&Err::<Reply, _>(internal_error(detail)))).unwrap_or_default()
    }

    /// Keeps `trained` under a new handle.
    fn keep(&self, trained: Trained) -> Reply {
        let handle = Handle(self.next.get());
        self.next.set(self.next.get() + 1);
        let work_per_example = trained.work_per_example();
        self.classifiers.borrow_mut().insert(handle, trained);
        Reply::Classifier { handle, work_per_example }
    }

    /// Applies `action` to the classifier `handle`.
    fn with<T>(&self, handle: Handle, action: impl FnOnce(&Trained) -> Result<T, Diagnostic>) -> Result<T, Diagnostic> {
        match self.classifiers.borrow().get(&handle) {
            Some(trained) => action(trained),
            None => Err(internal_error(format!("no classifier {}", handle.0))),
        }
    }
}

impl Backend for LocalBackend {
    fn answer(&self, request: Request) -> Result<Reply, Diagnostic> {
        match request {
            Request::Dataset { name } => dataset::dataset(&name).map(Reply::Dataset),
            Request::Knn { set, k } => Ok(self.keep(classifier::knn(set, k)?)),
            Request::Logistic { set, options } => Ok(self.keep(classifier::logistic(set, &options)?)),
            Request::LabClassifier { input, model } => Ok(self.keep(classifier::lab(input, model)?)),
            Request::Probabilities { classifier, example } => {
                self.with(classifier, |trained| trained.probabilities(example)).map(Reply::Numbers)
            }
            Request::Predictions { classifier, examples } => {
                self.with(classifier, |trained| trained.predictions(examples)).map(Reply::Classes)
            }
            Request::Release { classifier } => {
                self.classifiers.borrow_mut().remove(&classifier);
                Ok(Reply::Done)
            }
            Request::Model { name } => model::facts(&name).map(Reply::Model),
            Request::RunModel { name, input, output } => model::output(&name, input, output).map(Reply::Numbers),
        }
    }
}
