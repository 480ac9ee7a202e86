//! Training and classifying: k-nearest neighbours and multinomial logistic regression over the
//! training sets the script side checked, and the classifiers the backend keeps for programs.
//!
//! Training is plain `f64` arithmetic in a fixed order with `libm`'s `exp`, and the only
//! randomness (the initial weights) comes from the options' seed, so the same program trains the
//! same classifier natively and in wasm, to the last bit.

use super::model::{digit_embedding, digits_multiply_adds};
use crate::ai::protocol::{internal_error, Example, Input, Rows, TrainingOptions, TrainingSet, DIGIT_SIDE};
use crate::ai::text::TEXT_FEATURES;
use crate::ai::{first_best, LogisticModel};
use crate::diagnostic::Diagnostic;
use crate::SeededRandom;

/// An example's features as `(index, value)` pairs in increasing index order. Numbers keep every
/// index; a text's features leave out the zeros (a few dozen of 2048), which keeps text training
/// fast.
type Features = Vec<(usize, f64)>;

fn dense(values: &[f64]) -> Features {
    values.iter().copied().enumerate().collect()
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
    fn probabilities_of(&self, features: &Features) -> Vec<f64> {
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

    /// Whether every class has a weight per feature and every feature a mean and a scale, so that
    /// classifying cannot index past them.
    fn is_whole(&self) -> bool {
        let features = self.means.len();
        self.scales.len() == features
            && self.weights.len() == self.biases.len()
            && self.weights.iter().all(|row| row.len() == features)
    }
}

/// Trains a multinomial logistic regression with full-batch gradient descent on `rows` (each
/// `features` long) labelled `labels` (each below `classes`), standardising every feature first
/// when `standardise` is set. `progress` hears after every epoch how many are done.
fn train_on(
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

/// How a classifier decides.
enum Method {
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

/// A classifier the backend keeps for a program.
pub(super) struct Trained {
    /// How it decides.
    method: Method,
    /// How many classes it tells apart.
    classes: usize,
    /// What it takes.
    input: Input,
}

/// The features of a training set's rows, and what its classifier takes: numbers are checked to be
/// rows of one length, and every label to be one of the classes, so that training cannot index
/// past them.
fn features_of(set: TrainingSet) -> Result<(Vec<Features>, Vec<usize>, Input), Diagnostic> {
    let TrainingSet { rows, labels, classes } = set;
    let (rows, input): (Vec<Features>, Input) = match rows {
        Rows::Numbers(rows) => {
            let count = rows.first().map_or(0, Vec::len);
            if rows.iter().any(|row| row.len() != count) {
                return Err(internal_error("a training set's rows are not equally long"));
            }
            (rows.iter().map(|row| dense(row)).collect(), Input::Numbers(count))
        }
        Rows::Texts(rows) => (rows, Input::Text),
    };
    if rows.is_empty() || rows.len() != labels.len() || labels.iter().any(|label| *label >= classes) {
        return Err(internal_error("a training set whose labels do not fit its rows and classes"));
    }
    Ok((rows, labels, input))
}

/// `knn(data, k)`.
pub(super) fn knn(set: TrainingSet, k: usize) -> Result<Trained, Diagnostic> {
    let classes = set.classes;
    let (rows, labels, input) = features_of(set)?;
    Ok(Trained { method: Method::Knn { rows, labels, k }, classes, input })
}

/// `logistic(data, options)`.
pub(super) fn logistic(set: TrainingSet, options: &TrainingOptions) -> Result<Trained, Diagnostic> {
    let classes = set.classes;
    let (rows, labels, input) = features_of(set)?;
    let (features, standardise) = match input {
        Input::Text => (TEXT_FEATURES, false),
        _ => (rows.first().map_or(0, Vec::len), true),
    };
    let model = train_on(&rows, &labels, features, classes, standardise, options, &mut |_| {});
    Ok(Trained { method: Method::Logistic(model), classes, input })
}

/// `my_model()`: the model lab's trained regression, which takes `input`.
pub(super) fn lab(input: Input, model: LogisticModel) -> Result<Trained, Diagnostic> {
    let fits = match input {
        Input::Numbers(count) => count == model.means.len(),
        Input::Drawing => true,
        Input::Text => false,
    };
    if !fits || !model.is_whole() {
        return Err(internal_error("a lab model that does not fit its input"));
    }
    Ok(Trained { classes: model.biases.len(), method: Method::Logistic(model), input })
}

impl Trained {
    /// The features of `example`, which must be of this classifier's input.
    fn features(&self, example: Example) -> Result<Features, Diagnostic> {
        match (self.input, example) {
            (Input::Numbers(count), Example::Numbers(values)) if values.len() == count => Ok(dense(&values)),
            (Input::Text, Example::Text(features)) => Ok(features),
            (Input::Drawing, Example::Drawing(image)) => {
                digit_embedding(&image).map(|embedding| dense(&embedding)).map_err(internal_error)
            }
            _ => Err(internal_error("an example of another kind than the classifier takes")),
        }
    }

    /// The native work of classifying one example (featurizing it and deciding), which each
    /// example charges the run's budget.
    pub(super) fn work_per_example(&self) -> u64 {
        let featurizing = match self.input {
            Input::Numbers(count) => count as u64,
            Input::Text => TEXT_FEATURES as u64,
            Input::Drawing => digits_multiply_adds() / 4 + (DIGIT_SIDE * DIGIT_SIDE) as u64,
        };
        let deciding = match &self.method {
            Method::Logistic(model) => (model.weights.len() * model.means.len()) as u64,
            Method::Knn { rows, .. } => rows.iter().map(|row| row.len() as u64 + 8).sum(),
        };
        featurizing + deciding
    }

    fn probabilities_of(&self, features: &Features) -> Vec<f64> {
        match &self.method {
            Method::Logistic(model) => model.probabilities_of(features),
            Method::Knn { rows, labels, k } => {
                let mut order: Vec<(f64, usize)> =
                    rows.iter().enumerate().map(|(index, row)| (squared_distance(row, features), index)).collect();
                order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                let mut votes = vec![0.0; self.classes];
                for (_, index) in order.iter().take(*k) {
                    votes[labels[*index]] += 1.0 / *k as f64;
                }
                votes
            }
        }
    }

    /// Each class's probability for `example`.
    pub(super) fn probabilities(&self, example: Example) -> Result<Vec<f64>, Diagnostic> {
        Ok(self.probabilities_of(&self.features(example)?))
    }

    /// The predicted class of each of `examples`.
    pub(super) fn predictions(&self, examples: Vec<Example>) -> Result<Vec<usize>, Diagnostic> {
        examples.into_iter().map(|example| Ok(first_best(&self.probabilities(example)?))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ai::text::sparse_text_features;

    #[test]
    fn sparse_and_dense_distances_agree() {
        let a = dense(&[1.0, 0.0, 3.0]);
        let b = dense(&[0.0, 2.0, 3.0]);
        assert_eq!(squared_distance(&a, &b), 5.0);
        let a = vec![(0, 1.0), (2, 3.0)];
        let b = vec![(1, 2.0), (2, 3.0)];
        assert_eq!(squared_distance(&a, &b), 5.0);
        assert_eq!(squared_distance(&a, &Vec::new()), 10.0);
        let text = sparse_text_features("很好");
        assert_eq!(squared_distance(&text, &text), 0.0);
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

    #[test]
    fn requests_that_do_not_fit_are_refused_rather_than_panicking() {
        let set = |rows, labels| TrainingSet { rows, labels, classes: 2 };
        let ragged = set(Rows::Numbers(vec![vec![1.0, 2.0], vec![3.0]]), vec![0, 1]);
        let stranger = set(Rows::Numbers(vec![vec![1.0], vec![3.0]]), vec![0, 2]);
        let empty = set(Rows::Texts(Vec::new()), Vec::new());
        for bad in [ragged, stranger, empty] {
            assert!(knn(bad.clone(), 1).is_err());
            assert!(logistic(bad, &TrainingOptions::default()).is_err());
        }
        let classifier = knn(set(Rows::Numbers(vec![vec![1.0], vec![3.0]]), vec![0, 1]), 1).unwrap();
        assert!(classifier.probabilities(Example::Numbers(vec![1.0, 2.0])).is_err());
        assert!(classifier.probabilities(Example::Text(Vec::new())).is_err());
        assert_eq!(classifier.predictions(vec![Example::Numbers(vec![2.9])]).unwrap(), [1]);
        let model =
            LogisticModel { means: vec![0.0], scales: vec![1.0], weights: vec![vec![1.0, 2.0]], biases: vec![0.0] };
        assert!(lab(Input::Numbers(1), model).is_err());
    }
}
