//! The drawing pad (issue #5): a canvas to draw on with a mouse, a finger or a pen (pointer
//! events) or the keyboard, and the digits model's answer while the student draws: a bar per
//! class, the best one announced to screen readers, and the 28×28 picture the model sees.
//!
//! [`DrawingPad`] is the canvas alone (the model lab draws its examples on it too); [`DigitPad`] adds
//! the digits model through a tool worker, with at most one request in flight: a drawing that
//! changes while the worker is busy is sent when it answers, so the bars follow the pen without a
//! queue building up.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};
use yew::prelude::*;

use super::i18n::{ai_tr, ai_tr_with, AiText};
use super::tools::{self, best, Drawing, ToolLink, ToolReply, ToolRequest};
use crate::shell::context::use_language;
use crate::workers::link::LinkEvent;

/// The canvas's side in pixels.
const SIDE: u32 = 280;
/// The drawing's side as sent to the model: the canvas averaged over 2×2 pixels (the model sees
/// 28×28 anyway, and the message is a quarter as long).
const SENT_SIDE: usize = SIDE as usize / 2;
/// The pen's width: about an MNIST stroke's share of a digit.
const PEN_WIDTH: f64 = 18.0;
/// How far an arrow key moves the pen.
const KEY_STEP: f64 = 10.0;

/// The 2D context of `canvas`.
fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// The ink on `canvas` (its alpha channel), averaged over 2×2 pixels.
fn drawing(canvas: &HtmlCanvasElement) -> Option<Drawing> {
    let data = context(canvas)?.get_image_data(0.0, 0.0, f64::from(SIDE), f64::from(SIDE)).ok()?.data();
    let side = SIDE as usize;
    let alpha = |x: usize, y: usize| u32::from(data[(y * side + x) * 4 + 3]);
    let mut ink = Vec::with_capacity(SENT_SIDE * SENT_SIDE);
    for y in 0..SENT_SIDE {
        for x in 0..SENT_SIDE {
            let total =
                alpha(2 * x, 2 * y) + alpha(2 * x + 1, 2 * y) + alpha(2 * x, 2 * y + 1) + alpha(2 * x + 1, 2 * y + 1);
            // An average of four bytes is a byte.
            ink.push((total / 4) as u8);
        }
    }
    Some(Drawing { width: SENT_SIDE, height: SENT_SIDE, ink })
}

/// Where the pen is, in canvas pixels, and whether it touches the paper.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Pen {
    x: f64,
    y: f64,
    down: bool,
}

/// Props of [`DrawingPad`].
#[derive(Properties, PartialEq)]
pub struct DrawingPadProps {
    /// The drawing changed (`None`: cleared).
    pub on_change: Callback<Option<Drawing>>,
    /// Clears the canvas whenever it changes (the lab clears it after taking an example).
    #[prop_or_default]
    pub clear: u32,
}

/// A canvas to draw on, with a Clear button.
#[component]
pub fn DrawingPad(props: &DrawingPadProps) -> Html {
    let canvas = use_node_ref();
    let pen = use_mut_ref(|| Pen { x: f64::from(SIDE) / 2.0, y: f64::from(SIDE) / 2.0, down: false });
    let cursor = use_state(|| (f64::from(SIDE) / 2.0, f64::from(SIDE) / 2.0, false));
    let language = use_language();

    let stroke_to = {
        let (canvas, pen, cursor) = (canvas.clone(), pen.clone(), cursor.clone());
        move |x: f64, y: f64| {
            let mut pen = pen.borrow_mut();
            if let Some(context) = canvas.cast::<HtmlCanvasElement>().as_ref().and_then(context) {
                if pen.down {
                    context.set_stroke_style_str("#000000");
                    context.set_line_width(PEN_WIDTH);
                    context.set_line_cap("round");
                    context.set_line_join("round");
                    context.begin_path();
                    context.move_to(pen.x, pen.y);
                    // A point alone (a dot) still leaves ink: a line of length zero with round caps.
                    context.line_to(x, y);
                    context.stroke();
                }
            }
            pen.x = x.clamp(0.0, f64::from(SIDE));
            pen.y = y.clamp(0.0, f64::from(SIDE));
            cursor.set((pen.x, pen.y, pen.down));
        }
    };
    let changed = {
        let (canvas, on_change) = (canvas.clone(), props.on_change.clone());
        move || {
            if let Some(canvas) = canvas.cast::<HtmlCanvasElement>() {
                on_change.emit(drawing(&canvas));
            }
        }
    };
    /// The event's place in canvas pixels.
    fn place(event: &PointerEvent) -> Option<(f64, f64)> {
        let canvas: HtmlCanvasElement = event.target()?.dyn_into().ok()?;
        let rect = canvas.get_bounding_client_rect();
        if rect.width() <= 0.0 || rect.height() <= 0.0 {
            return None;
        }
        let x = (f64::from(event.client_x()) - rect.left()) * f64::from(SIDE) / rect.width();
        let y = (f64::from(event.client_y()) - rect.top()) * f64::from(SIDE) / rect.height();
        Some((x, y))
    }
    let on_pointer_down = {
        let (pen, stroke_to, changed) = (pen.clone(), stroke_to.clone(), changed.clone());
        Callback::from(move |event: PointerEvent| {
            let Some((x, y)) = place(&event) else { return };
            event.prevent_default();
            if let Some(target) = event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok()) {
                let _ = target.set_pointer_capture(event.pointer_id());
                if let Some(element) = target.dyn_ref::<web_sys::HtmlElement>() {
                    let _ = element.focus();
                }
            }
            {
                let mut pen = pen.borrow_mut();
                *pen = Pen { x, y, down: true };
            }
            stroke_to(x, y);
            changed();
        })
    };
    let on_pointer_move = {
        let (pen, stroke_to, changed) = (pen.clone(), stroke_to.clone(), changed.clone());
        Callback::from(move |event: PointerEvent| {
            if !pen.borrow().down {
                return;
            }
            let Some((x, y)) = place(&event) else { return };
            event.prevent_default();
            stroke_to(x, y);
            changed();
        })
    };
    let on_pointer_up = {
        let (pen, cursor, changed) = (pen.clone(), cursor.clone(), changed.clone());
        Callback::from(move |_: PointerEvent| {
            let was_down = std::mem::replace(&mut pen.borrow_mut().down, false);
            let pen = *pen.borrow();
            cursor.set((pen.x, pen.y, false));
            if was_down {
                changed();
            }
        })
    };
    let on_key = {
        let (pen, stroke_to, changed) = (pen.clone(), stroke_to.clone(), changed.clone());
        Callback::from(move |event: KeyboardEvent| {
            let Pen { x, y, down } = *pen.borrow();
            let (x, y) = match event.key().as_str() {
                "ArrowLeft" => (x - KEY_STEP, y),
                "ArrowRight" => (x + KEY_STEP, y),
                "ArrowUp" => (x, y - KEY_STEP),
                "ArrowDown" => (x, y + KEY_STEP),
                " " | "Enter" => {
                    pen.borrow_mut().down = !down;
                    event.prevent_default();
                    // Lowering the pen leaves a dot.
                    stroke_to(x, y);
                    if !down {
                        changed();
                    }
                    return;
                }
                _ => return,
            };
            event.prevent_default();
            stroke_to(x, y);
            if down {
                changed();
            }
        })
    };
    let on_clear = {
        let (canvas, on_change) = (canvas.clone(), props.on_change.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(context) = canvas.cast::<HtmlCanvasElement>().as_ref().and_then(context) {
                context.clear_rect(0.0, 0.0, f64::from(SIDE), f64::from(SIDE));
            }
            on_change.emit(None);
        })
    };
    {
        let canvas = canvas.clone();
        use_effect_with(props.clear, move |_| {
            if let Some(context) = canvas.cast::<HtmlCanvasElement>().as_ref().and_then(context) {
                context.clear_rect(0.0, 0.0, f64::from(SIDE), f64::from(SIDE));
            }
        });
    }
    let (x, y, down) = *cursor;
    let side = f64::from(SIDE);
    html! {
        <div class="drawing-pad">
            <div class="drawing-surface">
                <canvas ref={canvas} class="drawing-canvas" width={SIDE.to_string()} height={SIDE.to_string()} tabindex="0"
                    role="application" aria-label={ai_tr(language, AiText::CanvasLabel)}
                    onpointerdown={on_pointer_down} onpointermove={on_pointer_move} onpointerup={on_pointer_up.clone()}
                    onpointercancel={on_pointer_up} onkeydown={on_key}></canvas>
                <span class={classes!("pen-cursor", down.then_some("down"))} aria-hidden="true"
                    style={format!("left: {:.2}%; top: {:.2}%", x * 100.0 / side, y * 100.0 / side)}></span>
            </div>
            <button type="button" class="clear" onclick={on_clear}>{ ai_tr(language, AiText::Clear) }</button>
        </div>
    }
}

/// At most one request in flight: the drawing to send now, or once the worker answers.
///
/// Every change of the drawing (a new one, or clearing) is numbered, and a request's id is its
/// change's number, so a tool knows which drawing an answer is for; it shows the number of the
/// change it shows next to the number of the latest change (`data-shown`, `data-changes`), which
/// tells tests (and anyone debugging) that the answer on screen is for the drawing on screen.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Throttle {
    changes: u32,
    in_flight: Option<u32>,
    waiting: Option<(u32, Drawing)>,
    cleared_at: u32,
}

impl Throttle {
    /// The number of the latest change.
    pub fn changes(&self) -> u32 {
        self.changes
    }

    /// A new drawing: the request to send now, if none is in flight.
    pub fn offer(&mut self, drawing: Drawing) -> Option<(u32, Drawing)> {
        self.changes += 1;
        if self.in_flight.is_some() {
            self.waiting = Some((self.changes, drawing));
            return None;
        }
        self.in_flight = Some(self.changes);
        Some((self.changes, drawing))
    }

    /// The answer to `id` came: whether to show it, and the waiting request to send now.
    pub fn answered(&mut self, id: u32) -> (bool, Option<(u32, Drawing)>) {
        if self.in_flight == Some(id) {
            self.in_flight = None;
        }
        let next = match self.waiting.take() {
            Some((id, drawing)) if self.in_flight.is_none() => {
                self.in_flight = Some(id);
                Some((id, drawing))
            }
            waiting => {
                self.waiting = waiting;
                None
            }
        };
        (id > self.cleared_at && next.is_none() && self.waiting.is_none(), next)
    }

    /// The drawing was cleared: answers still to come are stale. Returns the change's number.
    pub fn clear(&mut self) -> u32 {
        self.changes += 1;
        self.waiting = None;
        self.cleared_at = self.changes;
        self.changes
    }
}

/// Props of [`Bars`].
#[derive(Properties, PartialEq)]
pub struct BarsProps {
    /// The classes' names.
    pub labels: Vec<String>,
    /// One probability per class; empty when there is nothing to judge.
    pub probabilities: Vec<f64>,
}

/// A bar per class, and the best class in a live region.
#[component]
pub fn Bars(props: &BarsProps) -> Html {
    let language = use_language();
    let top = best(&props.probabilities).map(|index| {
        let label = props.labels.get(index).cloned().unwrap_or_default();
        let percent = format!("{:.0}", props.probabilities[index] * 100.0);
        ai_tr_with(language, AiText::TopClass, &[("label", label), ("percent", percent)])
    });
    html! {
        <div class="bars">
            <p class="top-class" role="status" aria-live="polite">
                { top.unwrap_or_else(|| ai_tr(language, AiText::DrawSomething).to_string()) }
            </p>
            <ul aria-label={ai_tr(language, AiText::BarsHeading)}>
                { for props.labels.iter().enumerate().map(|(index, label)| {
                    let probability = props.probabilities.get(index).copied().unwrap_or(0.0);
                    let percent = probability * 100.0;
                    let is_top = best(&props.probabilities) == Some(index);
                    html! {
                        <li class={classes!("bar-row", is_top.then_some("top"))}>
                            <span class="bar-label">{ label }</span>
                            <span class="bar-track" aria-hidden="true"><span class="bar" style={format!("width: {percent:.1}%")}></span></span>
                            <span class="bar-value">{ format!("{percent:.0}%") }</span>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}

/// Props of [`Preview`].
#[derive(Properties, PartialEq)]
pub struct PreviewProps {
    /// 28×28 grey levels, 0 = background; empty for a blank picture.
    pub pixels: Vec<u8>,
}

/// The 28×28 picture the model sees, enlarged.
#[component]
pub fn Preview(props: &PreviewProps) -> Html {
    let language = use_language();
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        use_effect_with(props.pixels.clone(), move |pixels| {
            let Some(context) = canvas.cast::<HtmlCanvasElement>().as_ref().and_then(context) else { return };
            let mut rgba = Vec::with_capacity(28 * 28 * 4);
            for index in 0..28 * 28 {
                let shade = 255 - pixels.get(index).copied().unwrap_or(0);
                rgba.extend_from_slice(&[shade, shade, shade, 255]);
            }
            if let Ok(image) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), 28, 28) {
                let _ = context.put_image_data(&image, 0.0, 0.0);
            }
        });
    }
    html! {
        <figure class="preview">
            <canvas ref={canvas} width="28" height="28" role="img" aria-label={ai_tr(language, AiText::PreviewLabel)}></canvas>
            <figcaption>{ ai_tr(language, AiText::PreviewLabel) }</figcaption>
        </figure>
    }
}

/// The digits model's answer, shown.
#[derive(Clone, Debug, Default, PartialEq)]
struct Answer {
    /// The number of the drawing's change it answers (see [`Throttle`]).
    change: u32,
    pixels: Vec<u8>,
    probabilities: Vec<f64>,
    failed: bool,
}

/// The drawing pad with the digits model's live answer.
#[component]
pub fn DigitPad() -> Html {
    let language = use_language();
    let answer = use_state(Answer::default);
    let changes = use_state_eq(|| 0_u32);
    let throttle = use_mut_ref(Throttle::default);
    let worker: Rc<RefCell<Option<ToolLink>>> = use_mut_ref(|| None);
    {
        let (worker, throttle, answer) = (worker.clone(), throttle.clone(), answer.clone());
        use_effect_with((), move |_| {
            let sender = worker.clone();
            let on_event = Callback::from(move |event: LinkEvent<ToolReply>| match event {
                LinkEvent::Reply(reply) => match &reply {
                    ToolReply::Answer { id, pixels, probabilities } => {
                        let (show, next) = throttle.borrow_mut().answered(*id);
                        if let Some((id, drawing)) = next {
                            if let Some(worker) = &*sender.borrow() {
                                worker.send(&ToolRequest::Recognize { id, drawing });
                            }
                        }
                        if show {
                            answer.set(Answer {
                                change: *id,
                                pixels: pixels.clone(),
                                probabilities: probabilities.clone(),
                                failed: false,
                            });
                        }
                    }
                    ToolReply::Failed { id, .. } => {
                        throttle.borrow_mut().answered(*id);
                        answer.set(Answer { change: *id, failed: true, ..Answer::default() });
                    }
                    _ => {}
                },
                LinkEvent::Ready => {}
                LinkEvent::Failed => answer.set(Answer { failed: true, ..Answer::default() }),
            });
            *worker.borrow_mut() = tools::spawn(on_event).ok();
            move || {
                worker.borrow_mut().take();
            }
        });
    }
    let on_change = {
        let (worker, throttle, answer, changes) = (worker.clone(), throttle.clone(), answer.clone(), changes.clone());
        Callback::from(move |drawing: Option<Drawing>| {
            let mut throttle = throttle.borrow_mut();
            match drawing {
                None => answer.set(Answer { change: throttle.clear(), ..Answer::default() }),
                Some(drawing) => {
                    if let Some((id, drawing)) = throttle.offer(drawing) {
                        if let Some(worker) = &*worker.borrow() {
                            worker.send(&ToolRequest::Recognize { id, drawing });
                        }
                    }
                }
            }
            changes.set(throttle.changes());
        })
    };
    let labels: Vec<String> = (0..10).map(|digit| digit.to_string()).collect();
    html! {
        <section class="digit-pad" aria-labelledby="digit-pad-heading" data-changes={changes.to_string()} data-shown={answer.change.to_string()}>
            <h3 id="digit-pad-heading">{ ai_tr(language, AiText::PadHeading) }</h3>
            <div class="pad-row">
                <DrawingPad {on_change} />
                <Preview pixels={answer.pixels.clone()} />
                <Bars {labels} probabilities={answer.probabilities.clone()} />
            </div>
            if answer.failed {
                <p class="ai-failed" role="alert">{ ai_tr(language, AiText::WorkerFailed) }</p>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drawing(value: u8) -> Drawing {
        Drawing { width: 1, height: 1, ink: vec![value] }
    }

    #[test]
    fn one_request_in_flight_and_the_latest_drawing_next() {
        let mut throttle = Throttle::default();
        assert_eq!(throttle.offer(drawing(1)), Some((1, drawing(1))));
        assert_eq!(throttle.offer(drawing(2)), None, "the worker is busy");
        assert_eq!(throttle.offer(drawing(3)), None);
        assert_eq!(
            throttle.answered(1),
            (false, Some((3, drawing(3)))),
            "the latest drawing goes next, the old answer is not shown"
        );
        assert_eq!(throttle.answered(3), (true, None));
        assert_eq!(throttle.changes(), 3);
    }

    #[test]
    fn answers_for_a_cleared_drawing_are_not_shown() {
        let mut throttle = Throttle::default();
        throttle.offer(drawing(1));
        throttle.offer(drawing(2));
        assert_eq!(throttle.clear(), 3);
        assert_eq!(throttle.answered(1), (false, None));
        assert_eq!(throttle.offer(drawing(3)), Some((4, drawing(3))));
        assert_eq!(throttle.answered(4), (true, None));
    }
}
