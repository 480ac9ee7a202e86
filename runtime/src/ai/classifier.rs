//! Training inside the runtime: k-nearest neighbours and multinomial logistic regression over a
//! dataset map, and the classifier object programs get (`knn`, `logistic`, `my_model`).
//!
//! Training is plain `f64` arithmetic in a fixed order with `libm`'s `exp`, and the only
//! randomness (the initial weights) comes from the options' seed, so the same program trains the
//! same classifier natively and in wasm, to the last bit.

use std::rc::Rc;

use rhai::{Array, Dynamic, Engine, Map, FLOAT, INT};

use super::dataset::{table, Table};
use super::features::{text_features, DIGIT_SIDE};
use super::{LabInput, LabModel, LogisticModel};
use crate::api::{charge, integer, mistake, number, numbers, wrong_type, ApiResult, SharedHost};
use crate::diagnostic::{Code, Diagnostic};
use crate::SeededRandom;

/// Settings of [`train_logistic`].
#[derive(Clone, Copy, Debug, PartialEq)]
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

/// Most epochs a program may ask for.
const MAX_EPOCHS: i64 = 10_000;

/// Most classes a classifier may have.
const MAX_CLASSES: usize = 1_000;

/// Most multiply-adds one `logistic` training may take (epochs × feature values × classes): about
/// a second natively. Native training is invisible to the operation budget and cannot be
/// interrupted, so its size is bounded here instead.
const MAX_TRAINING_WORK: usize = 1_000_000_000;

fn too_much_work(name: &str, limit: usize) -> Box<rhai::EvalAltResult> {
    mistake(Diagnostic::new(Code::AiTooMuchWork).with("name", name).with("limit", limit))
}

/// An example's features as `(index, value)` pairs in increasing index order. Numbers keep every
/// index; a text's features leave out the zeros (a few dozen of 2048), which keeps text training
/// fast.
pub(crate) type Features = Vec<(usize, f64)>;

fn dense(values: &[f64]) -> Features {
    values.iter().copied().enumerate().collect()
}

fn sparse(values: &[f32]) -> Features {
    values
        .iter()
        .enumerate()
        .filter(|(_, value)| **value != 0.0)
        .map(|(index, value)| (index, f64::from(*value)))
        .collect()
}

/// The squared Euclidean distance of two feature lists.
fn squared_distance(a: &Features, b: &Features) -> f64 {
    let (mut i, mut j, mut total) = (0, 0, 0.0);
    while i < a.len() || j < b.len() {
        let difference = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x.0 == y.0 => {
                i += 1;
                j += 1;
                x.1 - y.1
            }
            (Some(x), Some(y)) if x.0 < y.0 => {
                i += 1;
                x.1
            }
            (Some(x), None) => {
                i += 1;
                x.1
            }
            (_, Some(y)) => {
                j += 1;
                y.1
            }
            (None, None) => break,
        };
        total += difference * difference;
    }
    total
}

/// `softmax` of `scores`, shifted by their maximum for stability.
fn softmax(scores: &[f64]) -> Vec<f64> {
    let highest = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exponentials: Vec<f64> = scores.iter().map(|score| libm::exp(score - highest)).collect();
    let total: f64 = exponentials.iter().sum();
    exponentials.iter().map(|value| value / total).collect()
}

impl LogisticModel {
    /// Each class's probability for an example with these `features` (`(index, value)` pairs).
    pub(crate) fn probabilities_of(&self, features: &Features) -> Vec<f64> {
        let scores: Vec<f64> = self
            .weights
            .iter()
            .zip(&self.biases)
            .map(|(weights, bias)| {
                bias + features
                    .iter()
                    .filter(|(index, _)| *index < weights.len())
                    .map(|(index, value)| weights[*index] * (value - self.means[*index]) / self.scales[*index])
                    .sum::<f64>()
            })
            .collect();
        softmax(&scores)
    }

    /// Each class's probability for an example with these features (one per feature).
    pub fn probabilities(&self, features: &[f64]) -> Vec<f64> {
        self.probabilities_of(&dense(features))
    }
}

/// Trains a multinomial logistic regression with full-batch gradient descent on `rows` (each
/// `features` long) labelled `labels` (each below `classes`), standardising every feature first
/// when `standardise` is set. `progress` hears after every epoch how many are done.
pub(crate) fn train_on(
    rows: &[Features],
    labels: &[usize],
    features: usize,
    classes: usize,
    standardise: bool,
    options: &TrainingOptions,
    progress: &mut dyn FnMut(usize),
) -> LogisticModel {
    let count = rows.len().max(1) as f64;
    let (mut means, mut scales) = (vec![0.0; features], vec![1.0; features]);
    if standardise {
        for row in rows {
            for (index, value) in row {
                means[*index] += value / count;
            }
        }
        let mut variances = vec![0.0; features];
        for row in rows {
            for (index, value) in row {
                variances[*index] += (value - means[*index]) * (value - means[*index]) / count;
            }
        }
        scales = variances.iter().map(|variance| if *variance > 1e-12 { libm::sqrt(*variance) } else { 1.0 }).collect();
    }
    let standardised: Vec<Features> = rows
        .iter()
        .map(|row| row.iter().map(|(index, value)| (*index, (value - means[*index]) / scales[*index])).collect())
        .collect();
    let mut random = SeededRandom::new(options.seed);
    let mut weights: Vec<Vec<f64>> =
        (0..classes).map(|_| (0..features).map(|_| (random.unit() - 0.5) * 0.01).collect()).collect();
    let mut biases = vec![0.0; classes];
    for epoch in 0..options.epochs {
        let mut weight_gradients = vec![vec![0.0; features]; classes];
        let mut bias_gradients = vec![0.0; classes];
        for (row, label) in standardised.iter().zip(labels) {
            let scores: Vec<f64> = weights
                .iter()
                .zip(&biases)
                .map(|(weights, bias)| bias + row.iter().map(|(index, value)| weights[*index] * value).sum::<f64>())
                .collect();
            for (class, probability) in softmax(&scores).into_iter().enumerate() {
                let error = probability - if class == *label { 1.0 } else { 0.0 };
                bias_gradients[class] += error;
                for (index, value) in row {
                    weight_gradients[class][*index] += error * value;
                }
            }
        }
        for class in 0..classes {
            biases[class] -= options.rate * bias_gradients[class] / count;
            for index in 0..features {
                weights[class][index] -= options.rate * weight_gradients[class][index] / count;
            }
        }
        progress(epoch + 1);
    }
    LogisticModel { means, scales, weights, biases }
}

/// Trains a multinomial logistic regression on `rows` of numbers labelled `labels` (each below
/// `classes`), with every feature standardised: what `logistic(train)` does, for hosts such as the
/// app's model lab. `progress` hears after every epoch how many are done.
pub fn train_logistic(
    rows: &[Vec<f64>],
    labels: &[usize],
    classes: usize,
    options: &TrainingOptions,
    progress: &mut dyn FnMut(usize),
) -> LogisticModel {
    let features = rows.first().map_or(0, Vec::len);
    let rows: Vec<Features> = rows.iter().map(|row| dense(row)).collect();
    train_on(&rows, labels, features, classes, true, options, progress)
}

/// What a classifier takes as one example.
#[derive(Clone, Debug)]
pub(crate) enum Input {
    /// A vector of this many numbers.
    Numbers(usize),
    /// A text, featurized with `char-ngram-hash-v1`.
    Text,
    /// What the model lab's classifier takes, whose examples come along: a 28×28 drawing,
    /// featurized by the digits model's embedding, or a camera picture's 1280 features (programs
    /// cannot take pictures, so they give the features, such as an example's).
    Lab(Rc<LabModel>),
}

/// How a classifier decides.
#[derive(Debug)]
pub(crate) enum Method {
    /// The majority of the `k` nearest training examples (ties between distances go to the
    /// earlier example).
    Knn {
        /// The training examples.
        rows: Vec<Features>,
        /// Their labels.
        labels: Vec<usize>,
        /// How many neighbours vote.
        k: usize,
    },
    /// A trained logistic regression.
    Logistic(LogisticModel),
}

/// A trained classifier, as programs hold it (`let c = knn(train, 3);`).
#[derive(Clone, Debug)]
pub(crate) struct Classifier(Rc<Trained>);

/// What a classifier knows.
#[derive(Debug)]
pub(crate) struct Trained {
    /// How it decides.
    pub method: Method,
    /// The classes' names.
    pub labels: Vec<String>,
    /// What it takes.
    pub input: Input,
}

impl Classifier {
    /// Wraps a trained classifier.
    pub(crate) fn new(trained: Trained) -> Self {
        Classifier(Rc::new(trained))
    }

    fn classes(&self) -> usize {
        self.0.labels.len()
    }

    /// The features of one example `x` given to method `name`.
    fn features(&self, name: &str, x: &Dynamic) -> ApiResult<Features> {
        match &self.0.input {
            Input::Numbers(count) => {
                let count = *count;
                let values = numbers(name, x)?;
                if values.len() != count {
                    return Err(super::wrong_shape(name, &[count], x));
                }
                Ok(dense(&values))
            }
            Input::Text => {
                if !x.is_string() {
                    return Err(wrong_type(name, x));
                }
                Ok(sparse(&text_features(&x.clone().into_string().unwrap_or_default())))
            }
            Input::Lab(lab) if lab.input == LabInput::Camera => {
                let count = lab.input.feature_count();
                let values = numbers(name, x)?;
                if values.len() != count {
                    return Err(super::wrong_shape(name, &[count], x));
                }
                Ok(dense(&values))
            }
            Input::Lab(_) => {
                let image = super::model::image_argument(name, x)?;
                let embedding = super::model::digit_embedding(&image)
                    .map_err(|error| mistake(Diagnostic::new(Code::InternalError).with("detail", error)))?;
                Ok(dense(&embedding))
            }
        }
    }

    /// The native work of classifying one example (featurizing it and deciding), which each
    /// example charges the run's budget.
    fn work_per_example(&self) -> u64 {
        let featurizing = match &self.0.input {
            Input::Numbers(count) => *count as u64,
            Input::Text => super::features::TEXT_FEATURES as u64,
            Input::Lab(lab) if lab.input == LabInput::Camera => lab.input.feature_count() as u64,
            Input::Lab(_) => super::model::digits_multiply_adds() / 4 + (DIGIT_SIDE * DIGIT_SIDE) as u64,
        };
        let deciding = match &self.0.method {
            Method::Logistic(model) => (model.weights.len() * model.means.len()) as u64,
            Method::Knn { rows, .. } => rows.iter().map(|row| row.len() as u64 + 8).sum(),
        };
        featurizing + deciding
    }

    fn probabilities_of(&self, features: &Features) -> Vec<f64> {
        match &self.0.method {
            Method::Logistic(model) => model.probabilities_of(features),
            Method::Knn { rows, labels, k } => {
                let mut order: Vec<(f64, usize)> =
                    rows.iter().enumerate().map(|(index, row)| (squared_distance(row, features), index)).collect();
                order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                let mut votes = vec![0.0; self.classes()];
                for (_, index) in order.iter().take(*k) {
                    votes[labels[*index]] += 1.0 / *k as f64;
                }
                votes
            }
        }
    }

    /// `c.predict(x)` (or `c.classify(x)`, as `name`): each class's probability.
    fn predict(&self, host: &SharedHost, name: &str, x: &Dynamic) -> ApiResult<Vec<f64>> {
        charge(host, self.work_per_example())?;
        Ok(self.probabilities_of(&self.features(name, x)?))
    }

    /// Predicted and true class of every example of a dataset map given to `name`.
    fn outcomes(&self, host: &SharedHost, name: &str, test: &Dynamic) -> ApiResult<Vec<(usize, usize)>> {
        let (_, Table { rows, labels, .. }) = table(name, test)?;
        if rows.is_empty() {
            return Err(mistake(Diagnostic::new(Code::EmptyList).with("name", name)));
        }
        charge(host, (rows.len() as u64).saturating_mul(self.work_per_example()))?;
        rows.iter()
            .zip(&labels)
            .map(|(row, label)| {
                let truth = label_index(name, label, self.classes())?;
                Ok((first_best(&self.probabilities_of(&self.features(name, row)?)), truth))
            })
            .collect()
    }
}

/// The first index of the largest value.
fn first_best(values: &[f64]) -> usize {
    let mut best = 0;
    for (index, value) in values.iter().enumerate() {
        if *value > values[best] {
            best = index;
        }
    }
    best
}

/// A label of a dataset given to `name`: a whole number from 0 to `classes` - 1.
fn label_index(name: &str, label: &Dynamic, classes: usize) -> ApiResult<usize> {
    let value = integer(name, label)?;
    usize::try_from(value).ok().filter(|index| *index < classes).ok_or_else(|| {
        mistake(Diagnostic::new(Code::AiBadLabel).with("name", name).with("label", value).with("classes", classes))
    })
}

/// A training set given to `name`: the examples' features, their labels, what the classifier will
/// take and the classes' names.
struct TrainingSet {
    rows: Vec<Features>,
    labels: Vec<usize>,
    input: Input,
    names: Vec<String>,
}

fn training_set(name: &str, data: &Dynamic) -> ApiResult<TrainingSet> {
    let (map, Table { key, rows, labels }) = table(name, data)?;
    if rows.is_empty() {
        return Err(mistake(Diagnostic::new(Code::EmptyList).with("name", name)));
    }
    let named: Option<Vec<String>> = map
        .get("label_names")
        .and_then(|names| names.clone().try_cast::<Array>())
        .map(|names| names.iter().map(ToString::to_string).collect());
    let highest = labels.iter().map(|label| integer(name, label)).collect::<ApiResult<Vec<INT>>>()?.into_iter().max();
    let classes = named.as_ref().map_or_else(|| highest.map_or(0, |highest| highest.max(0) as usize + 1), Vec::len);
    if classes > MAX_CLASSES {
        return Err(too_much_work(name, MAX_CLASSES));
    }
    let labels = labels.iter().map(|label| label_index(name, label, classes)).collect::<ApiResult<Vec<usize>>>()?;
    let names = named.unwrap_or_else(|| (0..classes).map(|class| class.to_string()).collect());
    if key == "texts" {
        let rows = rows
            .iter()
            .map(|text| match text.is_string() {
                true => Ok(sparse(&text_features(&text.clone().into_string().unwrap_or_default()))),
                false => Err(wrong_type(name, text)),
            })
            .collect::<ApiResult<_>>()?;
        return Ok(TrainingSet { rows, labels, input: Input::Text, names });
    }
    let matrix = super::vector::matrix(name, &Dynamic::from_array(rows))?;
    let input = Input::Numbers(matrix[0].len());
    Ok(TrainingSet { rows: matrix.iter().map(|row| dense(row)).collect(), labels, input, names })
}

/// Reads `logistic`'s options map: `epochs`, `rate` and `seed`, each optional.
fn options(value: &Dynamic) -> ApiResult<TrainingOptions> {
    let Some(map) = value.clone().try_cast::<Map>() else {
        return Err(wrong_type("logistic", value));
    };
    let mut options = TrainingOptions::default();
    for (key, value) in &map {
        let bad = || {
            mistake(Diagnostic::new(Code::BadValue).with("name", "logistic").with("value", format!("{key}: {value}")))
        };
        match key.as_str() {
            "epochs" => {
                let epochs = integer("logistic", value)?;
                if !(1..=MAX_EPOCHS).contains(&epochs) {
                    return Err(bad());
                }
                options.epochs = epochs as usize;
            }
            "rate" => {
                options.rate = number("logistic", value)?;
                if !(options.rate > 0.0 && options.rate <= 100.0) {
                    return Err(bad());
                }
            }
            "seed" => options.seed = integer("logistic", value)? as u64,
            _ => return Err(bad()),
        }
    }
    Ok(options)
}

fn logistic(host: &SharedHost, data: &Dynamic, options: &TrainingOptions) -> ApiResult<Classifier> {
    let set = training_set("logistic", data)?;
    let (features, standardise) = match &set.input {
        Input::Numbers(count) => (*count, true),
        Input::Text => (super::features::TEXT_FEATURES, false),
        Input::Lab(lab) => (lab.classifier.means.len(), true),
    };
    let values: usize = set.rows.iter().map(Vec::len).sum();
    let work = options.epochs.saturating_mul(values).saturating_mul(set.names.len());
    if work > MAX_TRAINING_WORK {
        return Err(too_much_work("logistic", MAX_TRAINING_WORK));
    }
    charge(host, work as u64)?;
    let model = train_on(&set.rows, &set.labels, features, set.names.len(), standardise, options, &mut |_| {});
    Ok(Classifier::new(Trained { method: Method::Logistic(model), labels: set.names, input: set.input }))
}

pub(super) fn register(engine: &mut Engine, host: &SharedHost) {
    engine.register_type_with_name::<Classifier>("classifier");
    let budget = host.clone();
    engine.register_fn("knn", move |data: Dynamic, k: Dynamic| -> ApiResult<Classifier> {
        let set = training_set("knn", &data)?;
        charge(&budget, set.rows.iter().map(|row| row.len() as u64).sum())?;
        let k = integer("knn", &k)?;
        if k < 1 || k as usize > set.rows.len() {
            return Err(mistake(Diagnostic::new(Code::BadValue).with("name", "knn").with("value", k)));
        }
        let method = Method::Knn { rows: set.rows, labels: set.labels, k: k as usize };
        Ok(Classifier::new(Trained { method, labels: set.names, input: set.input }))
    });
    let budget = host.clone();
    engine.register_fn("logistic", move |data: Dynamic| logistic(&budget, &data, &TrainingOptions::default()));
    let budget = host.clone();
    engine.register_fn("logistic", move |data: Dynamic, settings: Dynamic| {
        logistic(&budget, &data, &options(&settings)?)
    });
    let budget = host.clone();
    engine.register_fn("predict", move |classifier: &mut Classifier, x: Dynamic| -> ApiResult<Array> {
        Ok(super::vector::floats(classifier.predict(&budget, "predict", &x)?))
    });
    let budget = host.clone();
    engine.register_fn("classify", move |classifier: &mut Classifier, x: Dynamic| -> ApiResult<INT> {
        Ok(first_best(&classifier.predict(&budget, "classify", &x)?) as INT)
    });
    let budget = host.clone();
    engine.register_fn("accuracy", move |classifier: &mut Classifier, test: Dynamic| -> ApiResult<FLOAT> {
        let outcomes = classifier.outcomes(&budget, "accuracy", &test)?;
        let right = outcomes.iter().filter(|(predicted, truth)| predicted == truth).count();
        Ok(right as FLOAT / outcomes.len() as FLOAT)
    });
    let budget = host.clone();
    engine.register_fn("confusion", move |classifier: &mut Classifier, test: Dynamic| -> ApiResult<Array> {
        let classes = classifier.classes();
        let mut counts = vec![vec![0 as INT; classes]; classes];
        for (predicted, truth) in classifier.outcomes(&budget, "confusion", &test)? {
            counts[truth][predicted] += 1;
        }
        Ok(counts
            .into_iter()
            .map(|row| Dynamic::from_array(row.into_iter().map(Dynamic::from_int).collect()))
            .collect())
    });
    engine.register_get("labels", |classifier: &mut Classifier| -> Array {
        classifier.0.labels.iter().map(|label| Dynamic::from(label.clone())).collect()
    });
    engine.register_get("examples", |classifier: &mut Classifier| -> ApiResult<Array> {
        match &classifier.0.input {
            Input::Lab(lab) => Ok(super::lab::examples_of(lab)),
            _ => Err(mistake(
                Diagnostic::new(Code::BadValue).with("name", "examples").with("value", describe(classifier)),
            )),
        }
    });
    engine.register_fn("to_string", |classifier: &mut Classifier| describe(classifier));
    engine.register_fn("to_debug", |classifier: &mut Classifier| describe(classifier));
}

fn describe(classifier: &Classifier) -> String {
    let method = match &classifier.0.method {
        Method::Knn { k, .. } => format!("knn, k = {k}"),
        Method::Logistic(_) => "logistic".to_string(),
    };
    format!("classifier({method}; {})", classifier.0.labels.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_and_dense_distances_agree() {
        let a = dense(&[1.0, 0.0, 3.0]);
        let b = dense(&[0.0, 2.0, 3.0]);
        assert_eq!(squared_distance(&a, &b), 5.0);
        let a = sparse(&[1.0, 0.0, 3.0]);
        let b = sparse(&[0.0, 2.0, 3.0]);
        assert_eq!(squared_distance(&a, &b), 5.0);
        assert_eq!(squared_distance(&a, &Vec::new()), 10.0);
    }

    #[test]
    fn logistic_regression_separates_two_clusters_and_reports_each_epoch() {
        let rows = vec![vec![0.0, 0.1], vec![0.2, 0.0], vec![1.0, 0.9], vec![0.9, 1.1]];
        let labels = [0, 0, 1, 1];
        let mut epochs = Vec::new();
        let options = TrainingOptions { epochs: 50, rate: 0.5, seed: 3 };
        let model = train_logistic(&rows, &labels, 2, &options, &mut |epoch| epochs.push(epoch));
        assert_eq!(epochs, (1..=50).collect::<Vec<_>>());
        for (row, label) in rows.iter().zip(labels) {
            assert_eq!(first_best(&model.probabilities(row)), label);
        }
        let again = train_logistic(&rows, &labels, 2, &options, &mut |_| {});
        assert_eq!(model, again);
    }
}
