//! Classifiers as programs hold them (`knn`, `logistic`, `my_model` and their methods): the
//! training sets and examples are checked and converted here, each classifier lives in the backend
//! behind a [`Handle`], and the run is charged for training and classifying before the backend
//! does either.

use std::rc::Rc;

use rhai::{Array, Dynamic, Engine, Map, FLOAT, INT};

use super::dataset::{table, Table};
use super::model::model_input;
use super::vector::{floats, matrix};
use super::{
    function0, function1, function2, getter, method0, method1, strings, unexpected, wrong_shape, Context, Method1,
};
use crate::ai::protocol::{
    Backend, Example, Handle, Input, ModelInput, Reply, Request, Rows, TrainingOptions, TrainingSet, DIGIT_SIDE,
};
use crate::ai::text::sparse_text_features;
use crate::ai::{first_best, LabInput, LabModel};
use crate::api::{integer, mistake, number, numbers, wrong_type, ApiResult};
use crate::diagnostic::{Code, Diagnostic};

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

/// A trained classifier, as programs hold it (`let c = knn(train, 3);`).
#[derive(Clone)]
struct Classifier(Rc<Held>);

/// What the script side knows of a classifier the backend holds.
struct Held {
    /// The backend's name for it.
    handle: Handle,
    /// The backend that holds it, told when the program drops the last copy.
    backend: Rc<dyn Backend>,
    /// What it takes.
    input: Input,
    /// The classes' names.
    labels: Vec<String>,
    /// How it decides, as `to_string` shows it: `knn, k = 3` or `logistic`.
    method: String,
    /// The native work of classifying one example, which each example charges the run's budget.
    work_per_example: u64,
    /// The model lab's model it was made from (`my_model()`), whose examples programs may read.
    lab: Option<Rc<LabModel>>,
}

impl Drop for Held {
    fn drop(&mut self) {
        // A backend that cannot forget only keeps a little memory until its module goes.
        let _ = self.backend.answer(Request::Release { classifier: self.handle });
    }
}

/// What a classifier is made of besides the backend's handle.
struct Making {
    input: Input,
    labels: Vec<String>,
    method: String,
    lab: Option<Rc<LabModel>>,
}

impl Classifier {
    /// Asks the backend to make a classifier with `request`.
    fn make(context: &Context, request: Request, making: Making) -> ApiResult<Dynamic> {
        let Reply::Classifier { handle, work_per_example } = context.ask(request)? else {
            return Err(unexpected());
        };
        let Making { input, labels, method, lab } = making;
        let backend = context.backend.clone();
        let held = Held { handle, backend, input, labels, method, work_per_example, lab };
        Ok(Dynamic::from(Classifier(Rc::new(held))))
    }

    fn classes(&self) -> usize {
        self.0.labels.len()
    }

    /// One example `x` given to method `name`, in the form the classifier takes.
    fn example(&self, name: &str, x: &Dynamic) -> ApiResult<Example> {
        match self.0.input {
            Input::Numbers(count) => {
                let values = numbers(name, x)?;
                if values.len() != count {
                    return Err(wrong_shape(name, &[count], x));
                }
                Ok(Example::Numbers(values))
            }
            Input::Text => {
                if !x.is_string() {
                    return Err(wrong_type(name, x));
                }
                Ok(Example::Text(sparse_text_features(&x.clone().into_string().unwrap_or_default())))
            }
            Input::Drawing => Ok(Example::Drawing(model_input(name, x, ModelInput::Image, &[DIGIT_SIDE, DIGIT_SIDE])?)),
        }
    }

    /// `c.predict(x)` (or `c.classify(x)`, as `name`): each class's probability.
    fn predict(&self, context: &Context, name: &str, x: &Dynamic) -> ApiResult<Vec<f64>> {
        context.charge(self.0.work_per_example)?;
        let example = self.example(name, x)?;
        let Reply::Numbers(probabilities) =
            context.ask(Request::Probabilities { classifier: self.0.handle, example })?
        else {
            return Err(unexpected());
        };
        Ok(probabilities)
    }

    /// Predicted and true class of every example of a dataset map given to `name`.
    fn outcomes(&self, context: &Context, name: &str, test: &Dynamic) -> ApiResult<Vec<(usize, usize)>> {
        let (_, Table { rows, labels, .. }) = table(name, test)?;
        if rows.is_empty() {
            return Err(mistake(Diagnostic::new(Code::EmptyList).with("name", name)));
        }
        context.charge((rows.len() as u64).saturating_mul(self.0.work_per_example))?;
        let mut examples = Vec::with_capacity(rows.len());
        let mut truths = Vec::with_capacity(rows.len());
        for (row, label) in rows.iter().zip(&labels) {
            truths.push(label_index(name, label, self.classes())?);
            examples.push(self.example(name, row)?);
        }
        let Reply::Classes(predicted) = context.ask(Request::Predictions { classifier: self.0.handle, examples })?
        else {
            return Err(unexpected());
        };
        if predicted.len() != truths.len() {
            return Err(unexpected());
        }
        Ok(predicted.into_iter().zip(truths).collect())
    }
}

/// A label of a dataset given to `name`: a whole number from 0 to `classes` - 1.
fn label_index(name: &str, label: &Dynamic, classes: usize) -> ApiResult<usize> {
    let value = integer(name, label)?;
    usize::try_from(value).ok().filter(|index| *index < classes).ok_or_else(|| {
        mistake(Diagnostic::new(Code::AiBadLabel).with("name", name).with("label", value).with("classes", classes))
    })
}

/// A training set given to `name`, checked: what the backend learns from, what the classifier will
/// take and the classes' names.
struct Training {
    set: TrainingSet,
    input: Input,
    names: Vec<String>,
}

fn training_set(name: &str, data: &Dynamic) -> ApiResult<Training> {
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
                true => Ok(sparse_text_features(&text.clone().into_string().unwrap_or_default())),
                false => Err(wrong_type(name, text)),
            })
            .collect::<ApiResult<_>>()?;
        let set = TrainingSet { rows: Rows::Texts(rows), labels, classes };
        return Ok(Training { set, input: Input::Text, names });
    }
    let matrix = matrix(name, &Dynamic::from_array(rows))?;
    let input = Input::Numbers(matrix[0].len());
    Ok(Training { set: TrainingSet { rows: Rows::Numbers(matrix), labels, classes }, input, names })
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

fn knn(context: &Context, data: Dynamic, k: Dynamic) -> ApiResult<Dynamic> {
    let Training { set, input, names } = training_set("knn", &data)?;
    context.charge(set.rows.values() as u64)?;
    let k = integer("knn", &k)?;
    if k < 1 || k as usize > set.labels.len() {
        return Err(mistake(Diagnostic::new(Code::BadValue).with("name", "knn").with("value", k)));
    }
    let method = format!("knn, k = {k}");
    let request = Request::Knn { set, k: k as usize };
    Classifier::make(context, request, Making { input, labels: names, method, lab: None })
}

fn logistic(context: &Context, data: &Dynamic, options: TrainingOptions) -> ApiResult<Dynamic> {
    let Training { set, input, names } = training_set("logistic", data)?;
    let work = options.epochs.saturating_mul(set.rows.values()).saturating_mul(names.len());
    if work > MAX_TRAINING_WORK {
        return Err(too_much_work("logistic", MAX_TRAINING_WORK));
    }
    context.charge(work as u64)?;
    let request = Request::Logistic { set, options };
    Classifier::make(context, request, Making { input, labels: names, method: "logistic".to_string(), lab: None })
}

/// `logistic(data)`.
fn logistic_by_default(context: &Context, data: Dynamic) -> ApiResult<Dynamic> {
    logistic(context, &data, TrainingOptions::default())
}

/// `logistic(data, options)`: the options are read first.
fn logistic_with_options(context: &Context, data: Dynamic, settings: Dynamic) -> ApiResult<Dynamic> {
    let options = options(&settings)?;
    logistic(context, &data, options)
}

/// `my_model()`: the model lab's classifier the run was given, checked.
fn my_model(context: &Context) -> ApiResult<Dynamic> {
    let Some(lab) = context.host.borrow().lab_model.clone() else {
        return Err(mistake(Diagnostic::new(Code::AiNoLabModel)));
    };
    if let Err(error) = lab.check() {
        let diagnostic = Diagnostic::new(Code::BadValue).with("name", "my_model").with("value", error);
        return Err(mistake(diagnostic));
    }
    let input = match lab.input {
        LabInput::Drawing => Input::Drawing,
        LabInput::Camera => Input::Numbers(lab.input.feature_count()),
    };
    let request = Request::LabClassifier { input, model: lab.classifier.clone() };
    let making = Making { input, labels: lab.labels.clone(), method: "logistic".to_string(), lab: Some(lab) };
    Classifier::make(context, request, making)
}

fn predict(context: &Context, classifier: &mut Classifier, x: Dynamic) -> ApiResult<Dynamic> {
    Ok(Dynamic::from_array(floats(classifier.predict(context, "predict", &x)?)))
}

fn classify(context: &Context, classifier: &mut Classifier, x: Dynamic) -> ApiResult<Dynamic> {
    Ok(Dynamic::from_int(first_best(&classifier.predict(context, "classify", &x)?) as INT))
}

fn accuracy(context: &Context, classifier: &mut Classifier, test: Dynamic) -> ApiResult<Dynamic> {
    let outcomes = classifier.outcomes(context, "accuracy", &test)?;
    let right = outcomes.iter().filter(|(predicted, truth)| predicted == truth).count();
    Ok(Dynamic::from_float(right as FLOAT / outcomes.len() as FLOAT))
}

fn confusion(context: &Context, classifier: &mut Classifier, test: Dynamic) -> ApiResult<Dynamic> {
    let classes = classifier.classes();
    let mut counts = vec![vec![0 as INT; classes]; classes];
    for (predicted, truth) in classifier.outcomes(context, "confusion", &test)? {
        counts[truth][predicted] += 1;
    }
    let rows: Array =
        counts.into_iter().map(|row| Dynamic::from_array(row.into_iter().map(Dynamic::from_int).collect())).collect();
    Ok(Dynamic::from_array(rows))
}

/// `c.labels`.
fn labels(_: &Context, classifier: &mut Classifier) -> ApiResult<Dynamic> {
    Ok(Dynamic::from_array(strings(&classifier.0.labels)))
}

/// `c.examples`, of a classifier from `my_model()` only.
fn examples(_: &Context, classifier: &mut Classifier) -> ApiResult<Dynamic> {
    match &classifier.0.lab {
        Some(lab) => Ok(Dynamic::from_array(examples_of(lab))),
        None => {
            Err(mistake(Diagnostic::new(Code::BadValue).with("name", "examples").with("value", describe(classifier))))
        }
    }
}

/// `to_string` and `to_debug`.
fn text(_: &Context, classifier: &mut Classifier) -> ApiResult<Dynamic> {
    Ok(Dynamic::from(describe(classifier)))
}

/// The methods of one argument.
const METHODS: &[(&str, Method1<Classifier>)] =
    &[("predict", predict), ("classify", classify), ("accuracy", accuracy), ("confusion", confusion)];

pub(super) fn register(engine: &mut Engine, context: &Rc<Context>) {
    engine.register_type_with_name::<Classifier>("classifier");
    function2(engine, context, "knn", knn);
    function1(engine, context, "logistic", logistic_by_default);
    function2(engine, context, "logistic", logistic_with_options);
    function0(engine, context, "my_model", my_model);
    for (name, method) in METHODS {
        method1(engine, context, name, *method);
    }
    getter(engine, context, "labels", labels);
    getter(engine, context, "examples", examples);
    method0(engine, context, "to_string", text);
    method0(engine, context, "to_debug", text);
}

fn describe(classifier: &Classifier) -> String {
    format!("classifier({}; {})", classifier.0.method, classifier.0.labels.join(", "))
}

/// `.examples` of a classifier from `my_model()`: `#{label, image}` for each drawing, the image as
/// 28 rows of 28 values 0..1; `#{label, features}` for each camera picture, its 1280 features.
fn examples_of(lab: &LabModel) -> Array {
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
