//! The seam of the AI area: what its Rhai functions ask of the backend that holds the datasets,
//! classifiers and models, and what the backend answers, as plain data.
//!
//! The script side (`script/`) registers the functions on the engine, checks and converts
//! their arguments, charges the run's operation budget and turns mistakes into diagnostics. What
//! needs the heavy code (tract and the embedded models, the embedded datasets, training) it asks a
//! [`Backend`] for with a [`Request`]. The split lets the app's first screen, which runs every
//! program, carry the script side without tract: in the browser the backend is a second wasm
//! module, loaded beside the engine when a program needs it.
//!
//! Natively (the CLI, the grader, the tests) the backend is `LocalBackend` (`backend/`), called in
//! the same process. In the browser the engine's module uses [`Forwarding`]: each request is encoded,
//! the host passes the bytes through JavaScript to the AI module, whose dispatcher
//! (`LocalBackend::answer_bytes`) decodes it, answers with the same `LocalBackend` and
//! encodes the reply. Either way the same code runs on both sides of the seam, so a program gives
//! the same run.
//!
//! Objects that live in the backend are named by handles: a classifier by the number the backend
//! gave it (and forgets when the program drops the last copy), a model by its name (embedded
//! models are loaded once per thread and never change).
//!
//! The wire format is postcard (serde, variable-length integers): every `f64` travels as its 8
//! bytes, so values (infinities and NaN included) arrive exactly as sent, which JSON cannot promise.
//! A dataset of 1,797 rows of 64 numbers is 0.9 MB and is decoded and encoded again in about 1 ms
//! natively (JSON: 0.5 MB, 6 to 8 ms; bincode 1: the same size, twice the time, and 17 KB more
//! brotli in a small wasm module). Both modules come from one build, so the format carries no
//! version.

use std::cell::RefCell;
use std::rc::Rc;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::LogisticModel;
use crate::diagnostic::{Code, Diagnostic};

/// Side of the square drawings the digits model takes (and the model lab's pad keeps).
pub const DIGIT_SIDE: usize = 28;

/// What the script side asks the backend for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// `dataset(name)`: the embedded dataset `name`.
    Dataset {
        /// Its name.
        name: String,
    },
    /// `knn(data, k)`: a classifier whose `k` nearest examples of `set` vote.
    Knn {
        /// The examples, checked.
        set: TrainingSet,
        /// How many neighbours vote, from 1 to the number of examples.
        k: usize,
    },
    /// `logistic(data, options)`: a logistic regression trained on `set`.
    Logistic {
        /// The examples, checked.
        set: TrainingSet,
        /// Epochs, rate and seed, checked.
        options: TrainingOptions,
    },
    /// `my_model()`: a classifier of the model lab's trained `model`, which takes `input`.
    LabClassifier {
        /// What it takes: drawings, or camera pictures' features.
        input: Input,
        /// The trained regression, checked to fit its input and classes.
        model: LogisticModel,
    },
    /// `c.predict(x)`, `c.classify(x)`: each class's probability for one example.
    Probabilities {
        /// The classifier's handle.
        classifier: Handle,
        /// The example, of the classifier's input.
        example: Example,
    },
    /// `c.accuracy(test)`, `c.confusion(test)`: the predicted class of each example.
    Predictions {
        /// The classifier's handle.
        classifier: Handle,
        /// The examples, of the classifier's input.
        examples: Vec<Example>,
    },
    /// The program holds no copy of the classifier any more: the backend may forget it.
    Release {
        /// The classifier's handle.
        classifier: Handle,
    },
    /// `model(name)`: what the script side needs to know of the embedded model `name`.
    Model {
        /// Its name.
        name: String,
    },
    /// `m.predict(x)`, `m.top(x, k)`, `m.embed(x)`: one output of a model for one input.
    RunModel {
        /// The model's name.
        name: String,
        /// The input's values, row by row, as many as its shape holds.
        input: Vec<f32>,
        /// Which output, by its position among the model's outputs.
        output: usize,
    },
}

/// What the backend answers to a [`Request`] that it could carry out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// To [`Request::Dataset`].
    Dataset(Dataset),
    /// To the requests that make a classifier.
    Classifier {
        /// The handle that names it from now on.
        handle: Handle,
        /// The native work of classifying one example with it (featurizing and deciding), which
        /// each example charges the run's operation budget.
        work_per_example: u64,
    },
    /// To [`Request::Probabilities`] and [`Request::RunModel`] (outputs rounded to 4 decimals).
    Numbers(Vec<f64>),
    /// To [`Request::Predictions`]: each example's predicted class.
    Classes(Vec<usize>),
    /// To [`Request::Model`].
    Model(ModelFacts),
    /// To [`Request::Release`].
    Done,
}

/// The backend's name for a classifier it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Handle(pub u64);

/// The examples a classifier learns from, checked by the script side: at least one, each label
/// below `classes`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainingSet {
    /// The examples' features.
    pub rows: Rows,
    /// Each example's class.
    pub labels: Vec<usize>,
    /// How many classes there are.
    pub classes: usize,
}

/// The features of a training set's examples.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Rows {
    /// Rows of numbers, all as long as the first.
    Numbers(Vec<Vec<f64>>),
    /// Texts' features (see [`Example::Text`]).
    Texts(Vec<Vec<(usize, f64)>>),
}

impl Rows {
    /// How many values the rows hold in all (of a text, its non-zero features): what training
    /// reads, and what the run is charged for.
    pub fn values(&self) -> usize {
        match self {
            Rows::Numbers(rows) => rows.iter().map(Vec::len).sum(),
            Rows::Texts(rows) => rows.iter().map(Vec::len).sum(),
        }
    }
}

/// What a classifier takes as one example.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Input {
    /// A vector of this many numbers (a camera picture's features are one).
    Numbers(usize),
    /// A text, featurized with `char-ngram-hash-v1`.
    Text,
    /// A 28×28 drawing, featurized by the digits model's embedding.
    Drawing,
}

/// One example for a classifier, in the form of its [`Input`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Example {
    /// [`Input::Numbers`]: the numbers.
    Numbers(Vec<f64>),
    /// [`Input::Text`]: the text's non-zero features as `(index, value)` pairs in increasing index
    /// order (a few dozen of [`super::TEXT_FEATURES`]).
    Text(Vec<(usize, f64)>),
    /// [`Input::Drawing`]: the drawing's values from 0 to 1, row by row.
    Drawing(Vec<f32>),
}

/// Settings of logistic regression's training.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainingOptions {
    /// Passes over the whole training set.
    pub epochs: usize,
    /// Learning rate of gradient descent.
    pub rate: f64,
    /// Seed of the small random initial weights.
    pub seed: u64,
}

impl Default for TrainingOptions {
    fn default() -> Self {
        TrainingOptions { epochs: 200, rate: 0.1, seed: 1 }
    }
}

/// Names in Chinese and English.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Localized<T> {
    /// Chinese.
    pub zh: T,
    /// English.
    pub en: T,
}

/// An embedded dataset: a file of `models/datasets/` (whose other fields, such as its source, stay
/// behind).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    /// What `dataset(name)` calls it.
    pub name: String,
    /// The columns' names (absent for text datasets).
    #[serde(default)]
    pub feature_names: Option<Localized<Vec<String>>>,
    /// The classes' names, indexed by label.
    pub label_names: Localized<Vec<String>>,
    /// One row of numbers per example (numeric datasets).
    #[serde(default)]
    pub features: Option<Vec<Vec<f64>>>,
    /// One text per example (text datasets).
    #[serde(default)]
    pub texts: Option<Vec<String>>,
    /// Each example's class.
    pub labels: Vec<usize>,
}

/// What the script side knows of an embedded model: enough to check inputs, charge inferences and
/// answer a program's questions about it without asking the backend again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelFacts {
    /// What `model(name)` calls it.
    pub name: String,
    /// The classes' names, indexed like the probabilities.
    pub labels: Localized<Vec<String>>,
    /// What it takes.
    pub input: ModelInput,
    /// The shape a program gives: the input's shape without the batch dimension, and for images
    /// without the single channel (digits: `[28, 28]`).
    pub shape: Vec<usize>,
    /// Its outputs' names (`probabilities`, `embedding`, `features`), in order.
    pub outputs: Vec<String>,
    /// Multiply-adds (and divisions) of one inference, by tract's count of each operation's cost.
    pub multiply_adds: u64,
}

/// The kind of input a model takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ModelInput {
    /// Numbers from 0 to 1 (pixels).
    Image,
    /// Any numbers.
    Vector,
    /// A text, featurized with `char-ngram-hash-v1`.
    Text,
}

/// What the AI area's functions need from the host: answers to [`Request`]s. A backend is used
/// by one thread (see [`set_backend`]).
pub trait Backend {
    /// Answers `request`: the reply, or the program's mistake (or the backend's failure) as a
    /// diagnostic.
    fn answer(&self, request: Request) -> Result<Reply, Diagnostic>;
}

/// A backend in another wasm module: each request is encoded, handed to the host's `send`, which
/// passes it to the other module's dispatcher (`LocalBackend::answer_bytes`) and returns
/// that reply's bytes, which are decoded.
pub struct Forwarding {
    send: Box<Dispatch>,
}

/// The host's way to the other module's dispatcher: encoded request in, encoded reply out.
type Dispatch = dyn Fn(&[u8]) -> Vec<u8>;

impl Forwarding {
    /// A backend that passes encoded requests to `send` and reads the encoded replies it returns.
    pub fn new(send: impl Fn(&[u8]) -> Vec<u8> + 'static) -> Self {
        Forwarding { send: Box::new(send) }
    }
}

impl Backend for Forwarding {
    fn answer(&self, request: Request) -> Result<Reply, Diagnostic> {
        let bytes = encode(&request).map_err(internal_error)?;
        decode::<Result<Reply, Diagnostic>>(&(self.send)(&bytes)).unwrap_or_else(|detail| Err(internal_error(detail)))
    }
}

/// The backend of a build without the AI implementation whose host installed none: it can only
/// say so.
#[cfg(not(feature = "ai"))]
struct Missing;

#[cfg(not(feature = "ai"))]
impl Backend for Missing {
    fn answer(&self, _: Request) -> Result<Reply, Diagnostic> {
        Err(internal_error("no AI backend is installed".to_string()))
    }
}

thread_local! {
    /// The backend the host installed on this thread, if any.
    static INSTALLED: RefCell<Option<Rc<dyn Backend>>> = const { RefCell::new(None) };
    /// The build's own backend: the implementation in this process when it has one.
    static OWN: Rc<dyn Backend> = own_backend();
}

#[cfg(feature = "ai")]
fn own_backend() -> Rc<dyn Backend> {
    Rc::new(super::LocalBackend::default())
}

#[cfg(not(feature = "ai"))]
fn own_backend() -> Rc<dyn Backend> {
    Rc::new(Missing)
}

/// Makes `backend` the one every run on this thread uses from its next start on, and gives back
/// the one installed before. `None` goes back to the build's own: the implementation in this
/// process with the `ai` feature, and without it none (every request is then an internal error).
///
/// A thread has one backend rather than each run its own, because the grader runs programs on a
/// host's behalf without knowing of backends, and a worker holds one AI module.
pub fn set_backend(backend: Option<Rc<dyn Backend>>) -> Option<Rc<dyn Backend>> {
    INSTALLED.with(|installed| installed.replace(backend))
}

/// The backend runs on this thread use.
pub(crate) fn backend() -> Rc<dyn Backend> {
    INSTALLED.with(|installed| installed.borrow().clone()).unwrap_or_else(|| OWN.with(Rc::clone))
}

/// The diagnostic of a failure of the backend itself, or of the seam, which a program cannot cause.
pub(crate) fn internal_error(detail: impl ToString) -> Diagnostic {
    Diagnostic::new(Code::InternalError).with("detail", detail)
}

/// `message` in the wire format.
pub(crate) fn encode<T: Serialize>(message: &T) -> Result<Vec<u8>, String> {
    postcard::to_allocvec(message).map_err(|error| format!("encoding a message: {error}"))
}

/// A message read from the wire format.
pub(crate) fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    postcard::from_bytes(bytes).map_err(|error| format!("decoding a message: {error}"))
}
