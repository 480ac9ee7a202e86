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
enum CameraState {
    Off,
    Opening,
    On,
    Failed(CameraProblem),
}

/// The image feature extractor in the lab's worker.
#[derive(Clone, Debug, PartialEq)]
enum Extractor {
    Absent,
    Loading,
    Ready,
    /// It could not be loaded: why, in every language, when the worker said.
    Failed(Option<Vec<(Language, String)>>),
}

/// What the lab shows.
#[derive(Clone, Debug, PartialEq)]
struct Lab {
    /// Where the examples come from (the choice is locked while there are examples).
    input: LabInput,
    camera: CameraState,
    extractor: Extractor,
    /// Camera pictures sent for their features, by request id, with the class each is for.
    pending: Vec<(u32, usize)>,
    next_picture: u32,
    /// A live-test frame is with the worker.
    testing_frame: bool,
    labels: Vec<String>,
    examples: Vec<LabExample>,
    /// The classifier trained on these examples (none, or out of date when `stale`).
    trained: Option<Rc<LabModel>>,
    /// The held-out examples' accuracy and confusion matrix, from the last training in this visit.
    measured: Option<(Option<f64>, Vec<Vec<u32>>)>,
    stale: bool,
    /// Training progress: done, total.
    progress: Option<(usize, usize)>,
    saved: Option<bool>,
    /// The live test's probabilities, and the number of the drawing's change they answer.
    test: Vec<f64>,
    shown: u32,
    failed: bool,
    /// Why training failed, in every language.
    problem: Option<Vec<(Language, String)>>,
    /// The last drawing on the pad.
    drawing: Option<Drawing>,
    /// Bumped to clear the pad.
    clear: u32,
}

impl Lab {
    fn new(language: Language) -> Lab {
        let stored = stored_model();
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
            next_picture: FIRST_PICTURE_ID,
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
        }
    }

    fn count(&self, label: usize) -> usize {
        self.examples.iter().filter(|example| example.label == label).count()
    }

    fn can_train(&self) -> bool {
        self.progress.is_none()
            && self.pending.is_empty()
            && (0..self.labels.len()).all(|label| self.count(label) >= MIN_EXAMPLES)
    }

    /// Whether the camera can take examples now.
    fn camera_ready(&self) -> bool {
        self.input == LabInput::Camera && self.camera == CameraState::On && self.extractor == Extractor::Ready
    }

    /// Sends the camera picture `frame` to `worker` for `purpose`: the request's id.
    fn send_picture(
        &mut self,
        worker: &RefCell<Option<ToolLink>>,
        frame: &js_sys::Uint8Array,
        purpose: PictureUse,
    ) -> u32 {
        let id = self.next_picture;
        self.next_picture = self.next_picture.wrapping_add(1).max(FIRST_PICTURE_ID);
        let request = ToolRequest::Picture { id, width: IMAGE_SIDE, height: IMAGE_SIDE, purpose };
        if let Some(worker) = &*worker.borrow() {
            worker.send_with_bytes(&request, frame);
        }
        id
    }

    /// Forgets the examples of class `label`, those still with the worker too.
    fn clear_class(&mut self, label: usize) {
        self.examples.retain(|example| example.label != label);
        self.pending.retain(|(_, pending)| *pending != label);
        self.changed();
    }

    /// Whether the trained classifier can be tested live now.
    fn testable(&self) -> bool {
        self.trained.as_ref().is_some_and(|model| model.input == self.input) && !self.stale
    }

    /// The examples or classes changed: the classifier no longer matches them.
    fn changed(&mut self) {
        if self.trained.is_some() {
            self.stale = true;
        }
        self.test.clear();
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

/// Props of [`ModelLab`].
#[derive(Properties, PartialEq)]
pub struct ModelLabProps {
    /// The interface language.
    pub language: Language,
}

/// The model lab.
#[component]
pub fn ModelLab(props: &ModelLabProps) -> Html {
    let language = props.language;
    let lab = use_mut_ref(|| Lab::new(language));
    let version = use_state(|| 0_u32);
    let redraw = {
        let version = version.clone();
        Rc::new(move || version.set(version.wrapping_add(1)))
    };
    let throttle = use_mut_ref(Throttle::default);
    let worker: Rc<RefCell<Option<ToolLink>>> = use_mut_ref(|| None);
    {
        let (lab, worker, throttle, redraw) = (lab.clone(), worker.clone(), throttle.clone(), redraw.clone());
        use_effect_with((), move |_| {
            let sender = worker.clone();
            let trained = lab.borrow().trained.clone();
            let on_event = Callback::from(move |event: LinkEvent<ToolReply>| {
                let mut lab = lab.borrow_mut();
                match event {
                    LinkEvent::Reply(reply) => match &reply {
                        ToolReply::Progress { done, total, .. } => lab.progress = Some((*done, *total)),
                        ToolReply::Trained { model, accuracy, confusion, .. } => {
                            lab.progress = None;
                            lab.saved = Some(store_model(model));
                            lab.trained = Some(Rc::new(model.clone()));
                            lab.measured = Some((*accuracy, confusion.clone()));
                            lab.stale = false;
                            lab.failed = false;
                        }
                        ToolReply::Answer { id, probabilities, .. } if *id >= FIRST_PICTURE_ID => {
                            lab.testing_frame = false;
                            if lab.testable() && lab.input == LabInput::Camera {
                                lab.test = probabilities.clone();
                                lab.shown = *id;
                            }
                        }
                        ToolReply::Answer { id, probabilities, .. } => {
                            let (show, next) = throttle.borrow_mut().answered(*id);
                            if let Some((id, drawing)) = next {
                                if let Some(worker) = &*sender.borrow() {
                                    worker.send(&ToolRequest::Classify { id, drawing });
                                }
                            }
                            if show {
                                lab.test = probabilities.clone();
                                lab.shown = *id;
                            }
                        }
                        ToolReply::Features { id, features } => {
                            if let Some(place) = lab.pending.iter().position(|(pending, _)| pending == id) {
                                let (_, label) = lab.pending.remove(place);
                                lab.examples.push(LabExample { label, pixels: Vec::new(), features: features.clone() });
                                lab.changed();
                            }
                        }
                        ToolReply::ExtractorReady => lab.extractor = Extractor::Ready,
                        ToolReply::Failed { id, messages } => {
                            if let Some(place) = lab.pending.iter().position(|(pending, _)| pending == id) {
                                lab.pending.remove(place);
                                lab.problem = Some(messages.clone());
                            } else if *id >= FIRST_PICTURE_ID {
                                lab.testing_frame = false;
                                lab.problem = Some(messages.clone());
                            } else if lab.progress.take().is_some() {
                                lab.problem = Some(messages.clone());
                            } else if lab.extractor == Extractor::Loading {
                                lab.extractor = Extractor::Failed(Some(messages.clone()));
                            } else {
                                throttle.borrow_mut().answered(*id);
                                lab.failed = true;
                            }
                        }
                    },
                    LinkEvent::Ready => {}
                    LinkEvent::Failed => {
                        lab.progress = None;
                        lab.pending.clear();
                        lab.testing_frame = false;
                        lab.failed = true;
                    }
                }
                drop(lab);
                redraw();
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

    let video = use_node_ref();
    let camera: Rc<RefCell<Option<Camera>>> = use_mut_ref(|| None);
    {
        // The live test with the camera: whenever the worker is free, the next frame.
        let (lab, worker, camera) = (lab.clone(), worker.clone(), camera.clone());
        use_effect_with((), move |_| {
            let tick = Closure::<dyn FnMut()>::new(move || {
                let mut state = lab.borrow_mut();
                if state.testing_frame || !state.camera_ready() || !state.testable() {
                    return;
                }
                let Some(frame) = camera.borrow().as_ref().and_then(Camera::frame) else { return };
                state.send_picture(&worker, &frame, PictureUse::Classify);
                state.testing_frame = true;
            });
            let window = web_sys::window();
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
        let (lab, camera, redraw) = (lab.clone(), camera.clone(), redraw.clone());
        Callback::from(move |_: Event| {
            let mut state = lab.borrow_mut();
            if !state.examples.is_empty() || !state.pending.is_empty() {
                return;
            }
            state.input = input;
            state.test.clear();
            if input == LabInput::Drawing {
                camera.borrow_mut().take();
                state.camera = CameraState::Off;
            }
            drop(state);
            redraw();
        })
    };
    let start_camera = {
        let (lab, worker, camera, video, redraw) =
            (lab.clone(), worker.clone(), camera.clone(), video.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(element) = video.cast::<HtmlVideoElement>() else { return };
            let mut state = lab.borrow_mut();
            state.camera = CameraState::Opening;
            let load_extractor = matches!(state.extractor, Extractor::Absent | Extractor::Failed(_));
            if load_extractor {
                state.extractor = Extractor::Loading;
            }
            drop(state);
            redraw();
            let (lab_for_camera, camera, redraw_for_camera) = (lab.clone(), camera.clone(), redraw.clone());
            spawn_local(async move {
                let opened = Camera::open(element).await;
                lab_for_camera.borrow_mut().camera = match opened {
                    Ok(opened) => {
                        *camera.borrow_mut() = Some(opened);
                        CameraState::On
                    }
                    Err(problem) => CameraState::Failed(problem),
                };
                redraw_for_camera();
            });
            if load_extractor {
                let (lab, worker, redraw) = (lab.clone(), worker.clone(), redraw.clone());
                spawn_local(async move {
                    let loading = crate::modules::load_image_features().map(JsFuture::from);
                    let bytes = match loading {
                        Ok(loading) => loading.await.ok().and_then(|bytes| bytes.dyn_into::<js_sys::Uint8Array>().ok()),
                        Err(_) => None,
                    };
                    match (bytes, &*worker.borrow()) {
                        (Some(bytes), Some(worker)) => worker.send_with_bytes(&ToolRequest::LoadExtractor, &bytes),
                        _ => lab.borrow_mut().extractor = Extractor::Failed(None),
                    }
                    redraw();
                });
            }
        })
    };
    let stop_camera = {
        let (lab, camera, redraw) = (lab.clone(), camera.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            camera.borrow_mut().take();
            let mut state = lab.borrow_mut();
            state.camera = CameraState::Off;
            state.test.clear();
            drop(state);
            redraw();
        })
    };

    let on_change = {
        let (lab, worker, throttle, redraw) = (lab.clone(), worker.clone(), throttle.clone(), redraw.clone());
        Callback::from(move |drawing: Option<Drawing>| {
            let mut state = lab.borrow_mut();
            state.drawing = drawing.clone();
            let Some(drawing) = drawing else {
                state.shown = throttle.borrow_mut().clear();
                state.test.clear();
                drop(state);
                redraw();
                return;
            };
            let testable = state.testable() && state.input == LabInput::Drawing;
            drop(state);
            if testable {
                if let Some((id, drawing)) = throttle.borrow_mut().offer(drawing) {
                    if let Some(worker) = &*worker.borrow() {
                        worker.send(&ToolRequest::Classify { id, drawing });
                    }
                }
            }
            redraw();
        })
    };
    let add_example = |label: usize| {
        let (lab, throttle, redraw) = (lab.clone(), throttle.clone(), redraw.clone());
        let (worker, camera) = (worker.clone(), camera.clone());
        Callback::from(move |_: MouseEvent| {
            let mut state = lab.borrow_mut();
            if state.input == LabInput::Camera {
                let Some(frame) = camera.borrow().as_ref().and_then(Camera::frame) else { return };
                let id = state.send_picture(&worker, &frame, PictureUse::Example);
                state.pending.push((id, label));
                drop(state);
                redraw();
                return;
            }
            let Some(drawing) = state.drawing.take() else { return };
            let pixels = to_pixels(&drawing.image());
            state.examples.push(LabExample { label, pixels, features: Vec::new() });
            state.changed();
            state.clear += 1;
            state.shown = throttle.borrow_mut().clear();
            drop(state);
            redraw();
        })
    };
    let clear_examples = |label: usize| {
        let (lab, redraw) = (lab.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            lab.borrow_mut().clear_class(label);
            redraw();
        })
    };
    let rename = |label: usize| {
        let (lab, redraw) = (lab.clone(), redraw.clone());
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            if let Some(name) = lab.borrow_mut().labels.get_mut(label) {
                *name = input.value();
            }
            lab.borrow_mut().changed();
            redraw();
        })
    };
    let remove_class = |label: usize| {
        let (lab, redraw) = (lab.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            let mut state = lab.borrow_mut();
            state.clear_class(label);
            state.labels.remove(label);
            let later = |class: &mut usize| {
                if *class > label {
                    *class -= 1;
                }
            };
            state.examples.iter_mut().for_each(|example| later(&mut example.label));
            state.pending.iter_mut().for_each(|(_, class)| later(class));
            drop(state);
            redraw();
        })
    };
    let add_class = {
        let (lab, redraw) = (lab.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            let mut state = lab.borrow_mut();
            let number = state.labels.len() + 1;
            state.labels.push(ai_tr_with(language, AiText::DefaultClassName, &[("number", number.to_string())]));
            state.changed();
            drop(state);
            redraw();
        })
    };
    let train = {
        let (lab, worker, redraw) = (lab.clone(), worker.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            let mut state = lab.borrow_mut();
            if !state.can_train() {
                return;
            }
            state.progress = Some((0, 1));
            state.failed = false;
            state.problem = None;
            let request = ToolRequest::Train {
                id: 0,
                labels: state.labels.clone(),
                input: state.input,
                examples: state.examples.clone(),
            };
            drop(state);
            if let Some(worker) = &*worker.borrow() {
                worker.send(&request);
            }
            redraw();
        })
    };

    let state = lab.borrow();
    let camera_input = state.input == LabInput::Camera;
    let can_add = if camera_input { state.camera_ready() } else { state.drawing.is_some() };
    let locked = !state.examples.is_empty() || !state.pending.is_empty();
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
                    { camera_panel(language, &state, video.clone(), start_camera, stop_camera) }
                } else {
                    <DrawingPad {language} {on_change} clear={state.clear} />
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
                <section class="lab-test" aria-labelledby="lab-test-heading" data-changes={throttle.borrow().changes().to_string()}
                    data-shown={state.shown.to_string()}>
                    <h4 id="lab-test-heading">{ ai_tr(language, if camera_input { AiText::CameraTestHeading } else { AiText::TestHeading }) }</h4>
                    <Bars {language} labels={state.trained.as_ref().map(|model| model.labels.clone()).unwrap_or_default()}
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
