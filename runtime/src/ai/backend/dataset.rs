//! The embedded datasets: the tables of `models/datasets/`, parsed once per thread, for
//! `dataset(name)` (the script side turns them into the maps programs get).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use crate::ai::protocol::{internal_error, Dataset};
use crate::diagnostic::{Code, Diagnostic};

/// The datasets programs can load, by name: the files of `models/datasets/`.
const EMBEDDED: &[(&str, &[u8])] = &[
    ("iris", include_bytes!("../../../../models/datasets/iris.json")),
    ("wine", include_bytes!("../../../../models/datasets/wine.json")),
    ("penguins", include_bytes!("../../../../models/datasets/penguins.json")),
    ("digits8", include_bytes!("../../../../models/datasets/digits8.json")),
    ("reviews", include_bytes!("../../../../models/datasets/reviews.json")),
];

thread_local! {
    /// Datasets parsed so far on this thread (each is parsed on first use only).
    static LOADED: RefCell<BTreeMap<&'static str, Rc<Dataset>>> = const { RefCell::new(BTreeMap::new()) };
}

/// The names of the embedded datasets.
pub fn dataset_names() -> impl Iterator<Item = &'static str> {
    EMBEDDED.iter().map(|(name, _)| *name)
}

/// The embedded dataset `name`, parsed once per thread. `None` for a name that is not embedded.
fn load(name: &str) -> Option<Result<Rc<Dataset>, String>> {
    let (name, bytes) = EMBEDDED.iter().find(|(embedded, _)| *embedded == name)?;
    if let Some(dataset) = LOADED.with(|loaded| loaded.borrow().get(name).cloned()) {
        return Some(Ok(dataset));
    }
    let parsed = serde_json::from_slice::<Dataset>(bytes).map_err(|error| format!("dataset {name}: {error}"));
    Some(parsed.map(|dataset| {
        let dataset = Rc::new(dataset);
        LOADED.with(|loaded| loaded.borrow_mut().insert(name, dataset.clone()));
        dataset
    }))
}

/// `dataset(name)`: the embedded dataset `name`, or the mistake of naming one that is not.
pub(super) fn dataset(name: &str) -> Result<Dataset, Diagnostic> {
    match load(name) {
        Some(Ok(dataset)) => Ok(Dataset::clone(&dataset)),
        Some(Err(detail)) => Err(internal_error(detail)),
        None => {
            let known: Vec<&str> = dataset_names().collect();
            Err(Diagnostic::new(Code::AiUnknownDataset).with("name", name).with("known", known.join(", ")))
        }
    }
}
