//! The model lab (issue #5), like Teachable Machine but offline: 2 to 5 classes with names the
//! student edits, examples drawn on the pad or taken with the webcam, training in a tool worker
//! with a progress bar, the accuracy on held-out examples with a confusion matrix, and a live test
//! with a bar per class.
//!
//! The camera and the image feature extractor it needs (13.5 MB) are loaded only when the student
//! turns the camera on. A camera example keeps the picture's 1280 features, not the picture; the
//! live test classifies a frame whenever the worker is free.
//!
//! The trained model (the runtime's `LabModel`: names, examples, classifier) is saved in browser
//! storage, where the app finds it for `my_model()` and for exported work; a storage failure is a
//! warning, and the model still works while the page is open. Opening the lab again restores it.
//!
//! What the lab shows is one [`Lab`] changed only by [`LabAction`]s through a pure reducer
//! (unit-tested natively); the component turns clicks and the worker's replies into actions and
//! sends the requests the lab asks for: the drawings to classify come out of the reducer
//! ([`Lab::outgoing`]), camera pictures and training go out from the clicks that start them.

use std::cell::RefCell;
use std::rc::Rc;

use sprout_runtime::ai::{LabExample, LabInput, LabModel, IMAGE_SIDE};
use sprout_runtime::messages::Language;
use wasm_bindgen::{closure::Closure, JsCast};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{HtmlInputElement, HtmlVideoElement};
use yew::prelude::*;

use super::camera::{Camera, CameraProblem};
use super::i18n::{ai_tr, ai_tr_with, AiText};
use super::pad::{Bars, DrawingPad, Throttle};
use super::tools::{self, to_pixels, Drawing, PictureUse, ToolLink, ToolReply, ToolRequest};
use crate::shell::context::use_language;
use crate::storage::LAB_MODEL_KEY;
use crate::workers::link::LinkEvent;

/// Fewest and most classes.
const CLASSES: (usize, usize) = (2, 5);
/// Fewest examples per class for training.
const MIN_EXAMPLES: usize = 2;
/// The first id of camera pictures' requests: the drawings' ids count changes of the pad from 1,
/// so the two never meet.
const FIRST_PICTURE_ID: u32 = 1 << 30;
/// How often the live test looks whether the worker is free for the camera's next frame.
const CAMERA_TEST_EVERY_MS: i32 = 250;

/// The camera, as the lab shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CameraState {
    /// Off.
    Off,
    /// The student asked for it; the browser is opening it.
    Opening,
    /// On.
    On,
    /// It could not be opened.
    Failed(CameraProblem),
}

/// The image feature extractor in the lab's worker.
#[derive(Clone, Debug, PartialEq)]
pub enum Extractor {
    /// Not asked for.
    Absent,
    /// Downloading, or being prepared by the worker.
    Loading,
    /// Ready for camera pictures.
    Ready,
    /// It could not be loaded: why, in every language, when the worker said.
    Failed(Option<Vec<(Language, String)>>),
}

crate::state::shared!(
    /// A classify request for the worker, compared by identity: the component sends it exactly
    /// when the lab holds a new one.
    Outgoing(ToolRequest)
);

/// What the lab shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Lab {
    /// Where the examples come from (the choice is locked while there are examples).
    pub input: LabInput,
    /// The camera.
    pub camera: CameraState,
    /// The image feature extractor.
    pub extractor: Extractor,
    /// Camera pictures sent for their features, by request id, with the class each is for.
    pub pending: Vec<(u32, usize)>,
    /// A live-test frame is with the worker.
    pub testing_frame: bool,
    /// The classes' names.
    pub labels: Vec<String>,
    /// The examples.
    pub examples: Vec<LabExample>,
    /// The classifier trained on these examples (none, or out of date when `stale`).
    pub trained: Option<Rc<LabModel>>,
    /// The held-out examples' accuracy and confusion matrix, from the last training in this visit.
    pub measured: Option<(Option<f64>, Vec<Vec<u32>>)>,
    /// The examples or classes changed since the classifier was trained.
    pub stale: bool,
    /// Training progress: done, total.
    pub progress: Option<(usize, usize)>,
    /// Whether the last trained model was saved in browser storage.
    pub saved: Option<bool>,
    /// The live test's probabilities, and the number of the drawing's change they answer.
    pub test: Vec<f64>,
    /// The number of the change (or camera picture) `test` answers.
    pub shown: u32,
    /// The worker failed.
    pub failed: bool,
    /// Why training or a picture failed, in every language.
    pub problem: Option<Vec<(Language, String)>>,
    /// The last drawing on the pad.
    pub drawing: Option<Drawing>,
    /// Bumped to clear the pad.
    pub clear: u32,
    /// Paces the live test's requests for drawings: one in flight, the latest next.
    pub throttle: Throttle,
    /// The latest drawing to classify, for the worker.
    pub outgoing: Option<Outgoing>,
}

/// A change to the [`Lab`].
#[derive(Clone, Debug)]
pub enum LabAction {
    /// Examples from drawings or from the camera (ignored while there are examples).
    ChooseInput(LabInput),
    /// The camera is opening, opened, failed, or was turned off.
    Camera(CameraState),
    /// The extractor is being downloaded.
    ExtractorLoading,
    /// The extractor could not be had (its bytes could not be downloaded).
    ExtractorMissing,
    /// The drawing on the pad changed (`None`: cleared).
    Drawing(Option<Drawing>),
    /// The drawing on the pad becomes an example of this class.
    AddDrawing(usize),
    /// A camera picture went to the worker (this request id) for an example of this class.
    PictureSent(u32, usize),
    /// A camera frame went to the worker for the live test.
    TestFrameSent,
    /// Forget the examples of this class.
    ClearClass(usize),
    /// A class's new name.
    Rename(usize, String),
    /// Remove this class and its examples.
    RemoveClass(usize),
    /// A new class with this name.
    AddClass(String),
    /// Training went to the worker.
    TrainingStarted,
    /// The worker replied; `saved` is whether a trained model was saved in storage.
    Reply(Rc<ToolReply>, Option<bool>),
    /// The worker failed.
    WorkerFailed,
}

impl Lab {
    /// The lab at start: the saved model's classes and examples, or two empty classes named in
    /// `language`.
    pub fn new(language: Language, stored: Option<LabModel>) -> Lab {
        let labels = stored.as_ref().map(|model| model.labels.clone()).unwrap_or_else(|| {
            (1..=CLASSES.0)
                .map(|number| ai_tr_with(language, AiText::DefaultClassName, &[("number", number.to_string())]))
                .collect()
        });
        Lab {
            input: stored.as_ref().map_or(LabInput::Drawing, |model| model.input),
            camera: CameraState::Off,
            extractor: Extractor::Absent,
            pending: Vec::new(),
            testing_frame: false,
            labels,
            examples: stored.as_ref().map(|model| model.examples.clone()).unwrap_or_default(),
            trained: stored.map(Rc::new),
            measured: None,
            stale: false,
            progress: None,
            saved: None,
            test: Vec::new(),
            shown: 0,
            failed: false,
            problem: None,
            drawing: None,
            clear: 0,
            throttle: Throttle::default(),
            outgoing: None,
        }
    }

    /// How many examples class `label` has.
    pub fn count(&self, label: usize) -> usize {
        self.examples.iter().filter(|example| example.label == label).count()
    }

    /// Whether training can start: nothing under way and enough examples in every class.
    pub fn can_train(&self) -> bool {
        self.progress.is_none()
            && self.pending.is_empty()
            && (0..self.labels.len()).all(|label| self.count(label) >= MIN_EXAMPLES)
    }

    /// Whether the camera can take examples now.
    pub fn camera_ready(&self) -> bool {
        self.input == LabInput::Camera && self.camera == CameraState::On && self.extractor == Extractor::Ready
    }

    /// Whether the trained classifier can be tested live now.
    pub fn testable(&self) -> bool {
        self.trained.as_ref().is_some_and(|model| model.input == self.input) && !self.stale
    }

    /// Whether the source of examples is locked (there are examples, or some on the way).
    pub fn locked(&self) -> bool {
        !self.examples.is_empty() || !self.pending.is_empty()
    }

    /// The request that trains on the examples.
    pub fn training_request(&self) -> ToolRequest {
        ToolRequest::Train { id: 0, labels: self.labels.clone(), input: self.input, examples: self.examples.clone() }
    }

    /// The examples or classes changed: the classifier no longer matches them.
    fn changed(&mut self) {
        if self.trained.is_some() {
            self.stale = true;
        }
        self.test.clear();
    }

    /// Forgets the examples of class `label`, those still with the worker too.
    fn clear_class(&mut self, label: usize) {
        self.examples.retain(|example| example.label != label);
        self.pending.retain(|(_, pending)| *pending != label);
        self.changed();
    }

    /// Sends `request` to classify a drawing next.
    fn classify(&mut self, (id, drawing): (u32, Drawing)) {
        self.outgoing = Some(Outgoing(Rc::new(ToolRequest::Classify { id, drawing })));
    }

    /// Takes in the worker's `reply`.
    fn reply(&mut self, reply: &ToolReply, saved: Option<bool>) {
        match reply {
            ToolReply::Progress { done, total, .. } => self.progress = Some((*done, *total)),
            ToolReply::Trained { model, accuracy, confusion, .. } => {
                self.progress = None;
                self.saved = saved;
                self.trained = Some(Rc::new(model.clone()));
                self.measured = Some((*accuracy, confusion.clone()));
                self.stale = false;
                self.failed = false;
            }
            ToolReply::Answer { id, probabilities, .. } if *id >= FIRST_PICTURE_ID => {
                self.testing_frame = false;
                if self.testable() && self.input == LabInput::Camera {
                    self.test = probabilities.clone();
                    self.shown = *id;
                }
            }
            ToolReply::Answer { id, probabilities, .. } => {
                let (show, next) = self.throttle.answered(*id);
                if let Some(next) = next {
                    self.classify(next);
                }
                if show {
                    self.test = probabilities.clone();
                    self.shown = *id;
                }
            }
            ToolReply::Features { id, features } => {
                if let Some(place) = self.pending.iter().position(|(pending, _)| pending == id) {
                    let (_, label) = self.pending.remove(place);
                    self.examples.push(LabExample { label, pixels: Vec::new(), features: features.clone() });
                    self.changed();
                }
            }
            ToolReply::ExtractorReady => self.extractor = Extractor::Ready,
            ToolReply::Failed { id, messages } => {
                if let Some(place) = self.pending.iter().position(|(pending, _)| pending == id) {
                    self.pending.remove(place);
                    self.problem = Some(messages.clone());
                } else if *id >= FIRST_PICTURE_ID {
                    self.testing_frame = false;
                    self.problem = Some(messages.clone());
                } else if self.progress.take().is_some() {
                    self.problem = Some(messages.clone());
                } else if self.extractor == Extractor::Loading {
                    self.extractor = Extractor::Failed(Some(messages.clone()));
                } else {
                    self.throttle.answered(*id);
                    self.failed = true;
                }
            }
        }
    }
}

impl Reducible for Lab {
    type Action = LabAction;

    fn reduce(self: Rc<Self>, action: LabAction) -> Rc<Self> {
        let mut lab = (*self).clone();
        match action {
            LabAction::ChooseInput(input) => {
                if lab.locked() {
                    return self;
                }
                lab.input = input;
                lab.test.clear();
                if input == LabInput::Drawing {
                    lab.camera = CameraState::Off;
                }
            }
            LabAction::Camera(camera) => {
                lab.camera = camera;
                if camera == CameraState::Off {
                    lab.test.clear();
                }
            }
            LabAction::ExtractorLoading => lab.extractor = Extractor::Loading,
            LabAction::ExtractorMissing => lab.extractor = Extractor::Failed(None),
            LabAction::Drawing(None) => {
                lab.drawing = None;
                lab.shown = lab.throttle.clear();
                lab.test.clear();
            }
            LabAction::Drawing(Some(drawing)) => {
                lab.drawing = Some(drawing.clone());
                if lab.testable() && lab.input == LabInput::Drawing {
                    if let Some(request) = lab.throttle.offer(drawing) {
                        lab.classify(request);
                    }
                }
            }
            LabAction::AddDrawing(label) => {
                let Some(drawing) = lab.drawing.take() else { return self };
                lab.examples.push(LabExample { label, pixels: to_pixels(&drawing.image()), features: Vec::new() });
                lab.changed();
                lab.clear += 1;
                lab.shown = lab.throttle.clear();
            }
            LabAction::PictureSent(id, label) => lab.pending.push((id, label)),
            LabAction::TestFrameSent => lab.testing_frame = true,
            LabAction::ClearClass(label) => lab.clear_class(label),
            LabAction::Rename(label, name) => {
                if let Some(old) = lab.labels.get_mut(label) {
                    *old = name;
                }
                lab.changed();
            }
            LabAction::RemoveClass(label) => {
                if label >= lab.labels.len() || lab.labels.len() <= CLASSES.0 {
                    return self;
                }
                lab.clear_class(label);
                lab.labels.remove(label);
                let later = |class: &mut usize| {
                    if *class > label {
                        *class -= 1;
                    }
                };
                lab.examples.iter_mut().for_each(|example| later(&mut example.label));
                lab.pending.iter_mut().for_each(|(_, class)| later(class));
            }
            LabAction::AddClass(name) => {
                if lab.labels.len() >= CLASSES.1 {
                    return self;
                }
                lab.labels.push(name);
                lab.changed();
            }
            LabAction::TrainingStarted => {
                if !lab.can_train() {
                    return self;
                }
                lab.progress = Some((0, 1));
                lab.failed = false;
                lab.problem = None;
            }
            LabAction::Reply(reply, saved) => lab.reply(&reply, saved),
            LabAction::WorkerFailed => {
                lab.progress = None;
                lab.pending.clear();
                lab.testing_frame = false;
                lab.failed = true;
            }
        }
        Rc::new(lab)
    }
}

/// The saved lab model, if there is one that reads.
fn stored_model() -> Option<LabModel> {
    let storage = web_sys::window()?.local_storage().ok().flatten()?;
    serde_json::from_str(&storage.get_item(LAB_MODEL_KEY).ok().flatten()?).ok()
}

/// Saves `model` for `my_model()`; `false` when storage refused it.
fn store_model(model: &LabModel) -> bool {
    let Ok(json) = serde_json::to_string(model) else { return false };
    web_sys::window()
        .and_then(|window| window.local_storage().ok().flatten())
        .is_some_and(|storage| storage.set_item(LAB_MODEL_KEY, &json).is_ok())
}

/// The model lab.
#[component]
pub fn ModelLab() -> Html {
    let language = use_language();
    let lab = use_reducer(|| Lab::new(language, stored_model()));
    let worker: Rc<RefCell<Option<ToolLink>>> = use_mut_ref(|| None);
    let next_picture = use_mut_ref(|| FIRST_PICTURE_ID);
    {
        let (dispatcher, worker, trained) = (lab.dispatcher(), worker.clone(), lab.trained.clone());
        use_effect_with((), move |_| {
            let on_event = Callback::from(move |event: LinkEvent<ToolReply>| match event {
                LinkEvent::Reply(reply) => {
                    let saved = match &reply {
                        ToolReply::Trained { model, .. } => Some(store_model(model)),
                        _ => None,
                    };
                    dispatcher.dispatch(LabAction::Reply(Rc::new(reply), saved));
                }
                LinkEvent::Ready => {}
                LinkEvent::Failed => dispatcher.dispatch(LabAction::WorkerFailed),
            });
            if let Ok(spawned) = tools::spawn(on_event) {
                // A saved model is tested live at once.
                if let Some(model) = trained {
                    spawned.send(&ToolRequest::Load { model: (*model).clone() });
                }
                *worker.borrow_mut() = Some(spawned);
            }
            move || {
                worker.borrow_mut().take();
            }
        });
    }
    {
        let worker = worker.clone();
        use_effect_with(lab.outgoing.clone(), move |outgoing| {
            if let (Some(Outgoing(request)), Some(worker)) = (outgoing, &*worker.borrow()) {
                worker.send(request);
            }
        });
    }
    // Sends the camera picture `frame` to the worker for `purpose`: the request's id.
    let send_picture = {
        let (worker, next_picture) = (worker.clone(), next_picture.clone());
        move |frame: &js_sys::Uint8Array, purpose: PictureUse| -> u32 {
            let id = {
                let mut next = next_picture.borrow_mut();
                let id = *next;
                *next = next.wrapping_add(1).max(FIRST_PICTURE_ID);
                id
            };
            let request = ToolRequest::Picture { id, width: IMAGE_SIDE, height: IMAGE_SIDE, purpose };
            if let Some(worker) = &*worker.borrow() {
                worker.send_with_bytes(&request, frame);
            }
            id
        }
    };

    let video = use_node_ref();
    let camera: Rc<RefCell<Option<Camera>>> = use_mut_ref(|| None);
    {
        // The live test with the camera: whenever the worker is free, the next frame. The timer
        // runs only while a frame can go.
        let ready = !lab.testing_frame && lab.camera_ready() && lab.testable();
        let (dispatcher, camera, send_picture) = (lab.dispatcher(), camera.clone(), send_picture.clone());
        use_effect_with(ready, move |&ready| {
            let tick = Closure::<dyn FnMut()>::new(move || {
                let Some(frame) = camera.borrow().as_ref().and_then(Camera::frame) else { return };
                send_picture(&frame, PictureUse::Classify);
                dispatcher.dispatch(LabAction::TestFrameSent);
            });
            let window = web_sys::window().filter(|_| ready);
            let timer = window.as_ref().and_then(|window| {
                let callback = tick.as_ref().unchecked_ref();
                window.set_interval_with_callback_and_timeout_and_arguments_0(callback, CAMERA_TEST_EVERY_MS).ok()
            });
            move || {
                if let (Some(window), Some(timer)) = (window, timer) {
                    window.clear_interval_with_handle(timer);
                }
                drop(tick);
            }
        });
    }
    {
        // Leaving the page turns the camera off.
        let camera = camera.clone();
        use_effect_with((), move |_| move || drop(camera.borrow_mut().take()));
    }
    let choose_input = |input: LabInput| {
        let (lab, camera) = (lab.clone(), camera.clone());
        Callback::from(move |_: Event| {
            if !lab.locked() && input == LabInput::Drawing {
                camera.borrow_mut().take();
            }
            lab.dispatch(LabAction::ChooseInput(input));
        })
    };
    let start_camera = {
        let (lab, worker, camera, video) = (lab.clone(), worker.clone(), camera.clone(), video.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(element) = video.cast::<HtmlVideoElement>() else { return };
            lab.dispatch(LabAction::Camera(CameraState::Opening));
            let load_extractor = matches!(lab.extractor, Extractor::Absent | Extractor::Failed(_));
            if load_extractor {
                lab.dispatch(LabAction::ExtractorLoading);
            }
            let (dispatcher, camera) = (lab.dispatcher(), camera.clone());
            spawn_local(async move {
                let opened = Camera::open(element).await;
                dispatcher.dispatch(LabAction::Camera(match opened {
                    Ok(opened) => {
                        *camera.borrow_mut() = Some(opened);
                        CameraState::On
                    }
                    Err(problem) => CameraState::Failed(problem),
                }));
            });
            if load_extractor {
                let (dispatcher, worker) = (lab.dispatcher(), worker.clone());
                spawn_local(async move {
                    let loading = crate::modules::load_image_features().map(JsFuture::from);
                    let bytes = match loading {
                        Ok(loading) => loading.await.ok().and_then(|bytes| bytes.dyn_into::<js_sys::Uint8Array>().ok()),
                        Err(_) => None,
                    };
                    match (bytes, &*worker.borrow()) {
                        (Some(bytes), Some(worker)) => worker.send_with_bytes(&ToolRequest::LoadExtractor, &bytes),
                        _ => dispatcher.dispatch(LabAction::ExtractorMissing),
                    }
                });
            }
        })
    };
    let stop_camera = {
        let (dispatcher, camera) = (lab.dispatcher(), camera.clone());
        Callback::from(move |_: MouseEvent| {
            camera.borrow_mut().take();
            dispatcher.dispatch(LabAction::Camera(CameraState::Off));
        })
    };
    let on_change = {
        let dispatcher = lab.dispatcher();
        Callback::from(move |drawing: Option<Drawing>| dispatcher.dispatch(LabAction::Drawing(drawing)))
    };
    let add_example = |label: usize| {
        let (lab, camera, send_picture) = (lab.clone(), camera.clone(), send_picture.clone());
        Callback::from(move |_: MouseEvent| {
            if lab.input == LabInput::Camera {
                let Some(frame) = camera.borrow().as_ref().and_then(Camera::frame) else { return };
                let id = send_picture(&frame, PictureUse::Example);
                lab.dispatch(LabAction::PictureSent(id, label));
            } else {
                lab.dispatch(LabAction::AddDrawing(label));
            }
        })
    };
    let clear_examples = |label: usize| {
        let dispatcher = lab.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(LabAction::ClearClass(label)))
    };
    let rename = |label: usize| {
        let dispatcher = lab.dispatcher();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            dispatcher.dispatch(LabAction::Rename(label, input.value()));
        })
    };
    let remove_class = |label: usize| {
        let dispatcher = lab.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(LabAction::RemoveClass(label)))
    };
    let add_class = {
        let lab = lab.clone();
        Callback::from(move |_: MouseEvent| {
            let number = lab.labels.len() + 1;
            lab.dispatch(LabAction::AddClass(ai_tr_with(
                language,
                AiText::DefaultClassName,
                &[("number", number.to_string())],
            )));
        })
    };
    let train = {
        let (lab, worker) = (lab.clone(), worker.clone());
        Callback::from(move |_: MouseEvent| {
            if !lab.can_train() {
                return;
            }
            lab.dispatch(LabAction::TrainingStarted);
            if let Some(worker) = &*worker.borrow() {
                worker.send(&lab.training_request());
            }
        })
    };

    let state = &*lab;
    let camera_input = state.input == LabInput::Camera;
    let can_add = if camera_input { state.camera_ready() } else { state.drawing.is_some() };
    let locked = state.locked();
    let source = |input: LabInput, text: AiText| {
        let id = format!("lab-source-{}", if input == LabInput::Camera { "camera" } else { "drawing" });
        html! {
            <label for={id.clone()}>
                <input {id} type="radio" name="lab-source" checked={state.input == input} disabled={locked && state.input != input}
                    onchange={choose_input(input)} />
                { ai_tr(language, text) }
            </label>
        }
    };
    let problem = state.problem.as_ref().and_then(|messages| {
        messages.iter().find(|(candidate, _)| *candidate == language).map(|(_, message)| message.clone())
    });
    html! {
        <section class="model-lab" aria-labelledby="model-lab-heading">
            <h3 id="model-lab-heading">{ ai_tr(language, AiText::LabHeading) }</h3>
            <p>{ ai_tr(language, AiText::LabIntro) }</p>
            <fieldset class="lab-source">
                <legend>{ ai_tr(language, AiText::SourceLegend) }</legend>
                { source(LabInput::Drawing, AiText::SourceDrawing) }
                { source(LabInput::Camera, AiText::SourceCamera) }
                if locked {
                    <p class="lab-note">{ ai_tr(language, AiText::SourceLocked) }</p>
                }
            </fieldset>
            <div class="lab-row">
                if camera_input {
                    { camera_panel(language, state, video.clone(), start_camera, stop_camera) }
                } else {
                    <DrawingPad {on_change} clear={state.clear} />
                }
                <ol class="lab-classes">
                    { for state.labels.iter().enumerate().map(|(label, name)| {
                        let input_id = format!("lab-class-{label}");
                        html! {
                            <li class="lab-class">
                                <label for={input_id.clone()}>{ ai_tr_with(language, AiText::ClassName, &[("number", (label + 1).to_string())]) }</label>
                                <input id={input_id} type="text" value={name.clone()} maxlength="20" oninput={rename(label)} />
                                <span class="example-count">{ ai_tr_with(language, AiText::ExampleCount, &[("count", state.count(label).to_string())]) }</span>
                                <button type="button" class="add-example" disabled={!can_add} onclick={add_example(label)}>
                                    { ai_tr_with(language, if camera_input { AiText::AddPhoto } else { AiText::AddExample }, &[("name", name.clone())]) }
                                </button>
                                <button type="button" class="clear-examples" disabled={state.count(label) == 0} onclick={clear_examples(label)}>
                                    { ai_tr_with(language, AiText::ClearExamples, &[("name", name.clone())]) }
                                </button>
                                if state.labels.len() > CLASSES.0 {
                                    <button type="button" class="remove-class" onclick={remove_class(label)}>
                                        { ai_tr_with(language, AiText::RemoveClass, &[("name", name.clone())]) }
                                    </button>
                                }
                            </li>
                        }
                    }) }
                </ol>
            </div>
            <div class="lab-actions">
                if state.labels.len() < CLASSES.1 {
                    <button type="button" class="add-class" onclick={add_class}>{ ai_tr(language, AiText::AddClass) }</button>
                }
                <button type="button" class="train primary" disabled={!state.can_train()} onclick={train}>{ ai_tr(language, AiText::Train) }</button>
                if !state.can_train() && state.progress.is_none() {
                    <p class="lab-note">{ ai_tr(language, AiText::TrainNeeds) }</p>
                }
                if let Some((done, total)) = state.progress {
                    <progress max={total.to_string()} value={done.to_string()} aria-label={ai_tr(language, AiText::Training)}></progress>
                }
            </div>
            <div class="lab-results" aria-live="polite">
                if state.stale {
                    <p class="lab-note">{ ai_tr(language, AiText::Retrain) }</p>
                }
                if state.failed {
                    <p class="ai-failed" role="alert">{ ai_tr(language, AiText::WorkerFailed) }</p>
                }
                if let Some(saved) = state.saved {
                    <p class={if saved { "lab-note" } else { "storage-warning" }}>{ ai_tr(language, if saved { AiText::Saved } else { AiText::SaveFailed }) }</p>
                }
                if let Some(problem) = problem {
                    <p class="ai-failed" role="alert">{ problem }</p>
                }
                if let Some((accuracy, matrix)) = &state.measured {
                    { accuracy_text(language, *accuracy, matrix) }
                }
            </div>
            if let (Some((Some(_), matrix)), Some(model)) = (&state.measured, &state.trained) {
                { confusion_table(language, &model.labels, matrix) }
            }
            if state.testable() {
                <section class="lab-test" aria-labelledby="lab-test-heading" data-changes={state.throttle.changes().to_string()}
                    data-shown={state.shown.to_string()}>
                    <h4 id="lab-test-heading">{ ai_tr(language, if camera_input { AiText::CameraTestHeading } else { AiText::TestHeading }) }</h4>
                    <Bars labels={state.trained.as_ref().map(|model| model.labels.clone()).unwrap_or_default()}
                        probabilities={state.test.clone()} />
                </section>
            }
        </section>
    }
}

/// The camera's picture, the button that turns it on or off, and what keeps it from working.
fn camera_panel(
    language: Language,
    state: &Lab,
    video: NodeRef,
    start: Callback<MouseEvent>,
    stop: Callback<MouseEvent>,
) -> Html {
    let side = IMAGE_SIDE.to_string();
    let problem = match state.camera {
        CameraState::Failed(CameraProblem::Refused) => Some(ai_tr(language, AiText::CameraRefused).to_string()),
        CameraState::Failed(CameraProblem::Missing) => Some(ai_tr(language, AiText::CameraMissing).to_string()),
        _ => None,
    };
    let extractor_problem = match &state.extractor {
        Extractor::Failed(Some(messages)) => messages
            .iter()
            .find(|(candidate, _)| *candidate == language)
            .map(|(_, message)| format!("{} {message}", ai_tr(language, AiText::ExtractorMissing))),
        Extractor::Failed(None) => Some(ai_tr(language, AiText::ExtractorMissing).to_string()),
        _ => None,
    };
    html! {
        <div class="lab-camera">
            <video ref={video} class="camera-view" width={side.clone()} height={side} autoplay=true playsinline=true
                aria-label={ai_tr(language, AiText::CameraView)} hidden={state.camera != CameraState::On}></video>
            if state.camera == CameraState::On {
                <button type="button" class="stop-camera" onclick={stop}>{ ai_tr(language, AiText::StopCamera) }</button>
            } else {
                <button type="button" class="start-camera primary" disabled={state.camera == CameraState::Opening} onclick={start}>
                    { ai_tr(language, AiText::StartCamera) }
                </button>
            }
            <div aria-live="polite">
                if state.camera == CameraState::Opening {
                    <p class="lab-note">{ ai_tr(language, AiText::OpeningCamera) }</p>
                }
                if state.extractor == Extractor::Loading {
                    <p class="lab-note">{ ai_tr(language, AiText::LoadingExtractor) }</p>
                }
            </div>
            if let Some(problem) = problem {
                <p class="ai-failed" role="alert">{ problem }</p>
            }
            if let Some(problem) = extractor_problem {
                <p class="ai-failed" role="alert">{ problem }</p>
            }
        </div>
    }
}

/// The accuracy on held-out examples, with how many were right of how many.
fn accuracy_text(language: Language, accuracy: Option<f64>, matrix: &[Vec<u32>]) -> Html {
    let Some(accuracy) = accuracy else {
        return html! { <p>{ ai_tr(language, AiText::NoHeldOut) }</p> };
    };
    let total: u32 = matrix.iter().flatten().sum();
    let right: u32 = matrix.iter().enumerate().filter_map(|(index, row)| row.get(index)).sum();
    let values =
        [("percent", format!("{:.0}", accuracy * 100.0)), ("right", right.to_string()), ("total", total.to_string())];
    html! { <p class="accuracy">{ ai_tr_with(language, AiText::Accuracy, &values) }</p> }
}

/// The confusion matrix as a table: a row per true class, a column per predicted class.
fn confusion_table(language: Language, labels: &[String], matrix: &[Vec<u32>]) -> Html {
    html! {
        <table class="confusion">
            <caption>{ ai_tr(language, AiText::ConfusionCaption) }</caption>
            <thead>
                <tr>
                    <th scope="col">{ ai_tr(language, AiText::TrueClass) }</th>
                    { for labels.iter().map(|name| html! {
                        <th scope="col">{ ai_tr_with(language, AiText::PredictedAs, &[("name", name.clone())]) }</th>
                    }) }
                </tr>
            </thead>
            <tbody>
                { for matrix.iter().zip(labels).map(|(row, name)| html! {
                    <tr>
                        <th scope="row">{ name }</th>
                        { for row.iter().map(|count| html! { <td>{ count }</td> }) }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sprout_runtime::ai::LogisticModel;

    fn apply(lab: Lab, actions: Vec<LabAction>) -> Lab {
        (*actions.into_iter().fold(Rc::new(lab), |lab, action| lab.reduce(action))).clone()
    }

    fn drawing(value: u8) -> Drawing {
        Drawing { width: 28, height: 28, ink: vec![value; 28 * 28] }
    }

    /// A model of two classes trained on `examples` (the classifier's numbers do not matter here).
    fn model(examples: Vec<LabExample>) -> LabModel {
        let classifier = LogisticModel {
            means: vec![0.0],
            scales: vec![1.0],
            weights: vec![vec![0.0], vec![0.0]],
            biases: vec![0.0; 2],
        };
        LabModel {
            version: 1, input: LabInput::Drawing, labels: vec!["猫".into(), "狗".into()], examples, classifier
        }
    }

    fn reply(reply: ToolReply) -> LabAction {
        LabAction::Reply(Rc::new(reply), None)
    }

    /// Two drawings in each of the two classes, as the student adds them.
    fn two_each() -> Vec<LabAction> {
        [0, 0, 1, 1]
            .into_iter()
            .flat_map(|label| [LabAction::Drawing(Some(drawing(200))), LabAction::AddDrawing(label)])
            .collect()
    }

    /// A lab with two drawings in each class, trained.
    fn trained() -> Lab {
        let lab = apply(Lab::new(Language::ZhCn, None), two_each());
        let trained = ToolReply::Trained {
            id: 0,
            model: model(lab.examples.clone()),
            accuracy: Some(1.0),
            confusion: vec![vec![1, 0], vec![0, 1]],
        };
        apply(lab, vec![LabAction::TrainingStarted, LabAction::Reply(Rc::new(trained), Some(true))])
    }

    fn classify_id(lab: &Lab) -> Option<u32> {
        match lab.outgoing.as_ref().map(|outgoing| &*outgoing.0) {
            Some(ToolRequest::Classify { id, .. }) => Some(*id),
            _ => None,
        }
    }

    #[test]
    fn a_drawing_becomes_an_example_and_the_pad_clears() {
        let lab = Lab::new(Language::ZhCn, None);
        assert_eq!(lab.labels, ["类别 1", "类别 2"].map(String::from), "two classes to start");
        let lab = apply(lab, vec![LabAction::AddDrawing(0)]);
        assert!(lab.examples.is_empty(), "nothing drawn, nothing added");
        let lab = apply(lab, vec![LabAction::Drawing(Some(drawing(255))), LabAction::AddDrawing(1)]);
        assert_eq!((lab.count(0), lab.count(1), lab.clear, lab.drawing.is_none()), (0, 1, 1, true));
        assert_eq!(lab.examples[0].pixels.len(), 28 * 28, "kept as the model's 28×28 picture");
        assert!(lab.locked());
        assert_eq!(
            apply(lab.clone(), vec![LabAction::ChooseInput(LabInput::Camera)]).input,
            LabInput::Drawing,
            "locked"
        );
    }

    #[test]
    fn training_needs_two_examples_a_class_and_shows_its_progress_and_result() {
        let lab = apply(Lab::new(Language::ZhCn, None), two_each()[..6].to_vec());
        assert!(!lab.can_train(), "the second class has one example");
        assert_eq!(apply(lab.clone(), vec![LabAction::TrainingStarted]).progress, None);
        let lab = apply(lab, two_each()[6..].to_vec());
        assert!(lab.can_train());
        let lab =
            apply(lab, vec![LabAction::TrainingStarted, reply(ToolReply::Progress { id: 0, done: 5, total: 20 })]);
        assert_eq!((lab.progress, lab.can_train()), (Some((5, 20)), false));
        let lab = trained();
        assert_eq!((lab.progress, lab.saved, lab.stale, lab.testable()), (None, Some(true), false, true));
        assert_eq!(lab.measured.as_ref().map(|(accuracy, _)| *accuracy), Some(Some(1.0)));
        let lab = apply(lab, vec![LabAction::Rename(0, "老虎".into())]);
        assert!(lab.stale && !lab.testable(), "a change since training asks for training again");
        assert_eq!(lab.labels[0], "老虎");
    }

    #[test]
    fn the_live_test_sends_one_drawing_at_a_time_and_shows_the_latest_answer() {
        let lab = trained();
        // Each change of the pad is numbered; adding the examples cleared it four times.
        let first = lab.throttle.changes() + 1;
        let lab = apply(lab, vec![LabAction::Drawing(Some(drawing(1)))]);
        assert_eq!(classify_id(&lab), Some(first));
        let sent = lab.outgoing.clone();
        let lab = apply(lab, vec![LabAction::Drawing(Some(drawing(2))), LabAction::Drawing(Some(drawing(3)))]);
        assert_eq!(lab.outgoing, sent, "nothing new while one is with the worker");
        let answer = |id| reply(ToolReply::Answer { id, pixels: Vec::new(), probabilities: vec![f64::from(id), 0.0] });
        let lab = apply(lab, vec![answer(first)]);
        let latest = first + 2;
        assert_eq!(
            (classify_id(&lab), lab.test.is_empty()),
            (Some(latest), true),
            "the latest drawing next; the old answer is not shown"
        );
        let lab = apply(lab, vec![answer(latest)]);
        assert_eq!((lab.shown, lab.test.clone()), (latest, vec![f64::from(latest), 0.0]));
        let lab = apply(lab, vec![LabAction::Drawing(None), answer(latest)]);
        assert!(lab.test.is_empty(), "a cleared pad shows no answer");
    }

    #[test]
    fn camera_pictures_become_examples_when_their_features_come() {
        let lab = apply(Lab::new(Language::ZhCn, None), vec![LabAction::ChooseInput(LabInput::Camera)]);
        assert_eq!(lab.input, LabInput::Camera);
        let (first, second) = (FIRST_PICTURE_ID, FIRST_PICTURE_ID + 1);
        let lab = apply(lab, vec![LabAction::PictureSent(first, 1), LabAction::PictureSent(second, 0)]);
        assert!(lab.locked() && !lab.can_train(), "pictures on the way lock the source and wait for training");
        let lab = apply(lab, vec![reply(ToolReply::Features { id: first, features: vec![0.5; 1280] })]);
        assert_eq!((lab.count(1), lab.pending.clone()), (1, vec![(second, 0)]));
        let failed = ToolReply::Failed { id: second, messages: vec![(Language::ZhCn, "坏了".into())] };
        let lab = apply(lab, vec![reply(failed)]);
        assert!(lab.pending.is_empty());
        assert_eq!(lab.problem, Some(vec![(Language::ZhCn, "坏了".into())]));
    }

    #[test]
    fn removing_a_class_renumbers_the_later_ones() {
        let lab = apply(Lab::new(Language::ZhCn, None), vec![LabAction::AddClass("鸟".into())]);
        let lab = apply(lab, vec![LabAction::Drawing(Some(drawing(9))), LabAction::AddDrawing(2)]);
        let lab = apply(lab, vec![LabAction::PictureSent(FIRST_PICTURE_ID, 2), LabAction::RemoveClass(1)]);
        assert_eq!(lab.labels, ["类别 1", "鸟"].map(String::from));
        assert_eq!((lab.examples[0].label, lab.pending[0].1), (1, 1));
        let lab = apply(lab, vec![LabAction::RemoveClass(0)]);
        assert_eq!(lab.labels.len(), 2, "never fewer than two classes");
    }

    #[test]
    fn a_failed_worker_ends_what_was_under_way() {
        let lab = apply(trained(), vec![LabAction::PictureSent(FIRST_PICTURE_ID, 0), LabAction::TestFrameSent]);
        let lab = apply(lab, two_each());
        let lab = apply(lab, vec![LabAction::TrainingStarted, LabAction::WorkerFailed]);
        assert_eq!((lab.progress, lab.pending.is_empty(), lab.testing_frame, lab.failed), (None, true, false, true));
    }
}
