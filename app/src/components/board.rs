//! The maker board on the stage: the 5×5 LED matrix between buttons A and B, and a slider for each
//! sensor, like a micro:bit on the desk.
//!
//! The buttons are real `<button>`s that stay down while held, with the mouse, a finger or the
//! keyboard (Space or Enter held down); a click from assistive technology, which comes without
//! any of those, is a short press. While a program that reads the board plays, each press,
//! release and slider move goes to the app as a [`Control`], which re-runs the program with it
//! (see [`crate::state::playback`]). The sliders also set what the sensors read from the start of the
//! next run.

use sprout_runtime::scenario::Sensor;
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use crate::i18n::{tr, tr_with, Text};
use crate::shell::context::use_language;
use crate::state::playback::{sensor_range, Button, Control, SensorValues, SENSORS};

/// Props of [`MakerBoard`].
#[derive(Properties, PartialEq)]
pub struct MakerBoardProps {
    /// The LED frame on screen: 25 brightness values, row by row.
    pub frame: Vec<u8>,
    /// Whether the playing program reads the board, so that the buttons reach it.
    pub interactive: bool,
    /// Which buttons are held down, A then B.
    pub held: [bool; 2],
    /// The sensor sliders.
    pub sensors: SensorValues,
    /// Presses, releases and slider moves.
    pub on_control: Callback<Control>,
}

fn sensor_text(sensor: Sensor) -> Text {
    match sensor {
        Sensor::Temperature => Text::SensorTemperature,
        Sensor::Light => Text::SensorLight,
        Sensor::Sound => Text::SensorSound,
        Sensor::TiltX => Text::SensorTiltX,
        Sensor::TiltY => Text::SensorTiltY,
    }
}

/// Whether a key presses a button (as it does any HTML button).
fn presses(key: &str) -> bool {
    key == " " || key == "Enter"
}

/// The LED matrix, the buttons and the sensor sliders.
#[component]
pub fn MakerBoard(props: &MakerBoardProps) -> Html {
    let language = use_language();
    let lit = props.frame.iter().filter(|&&brightness| brightness > 0).count();
    let description = tr_with(language, Text::LedDescription, &[("count", lit.to_string())]);
    let button = |button: Button, held: bool| {
        let send = {
            let on_control = props.on_control.clone();
            move |control: Control| on_control.emit(control)
        };
        let on_pointer_down = {
            let send = send.clone();
            Callback::from(move |event: PointerEvent| {
                if event.button() != 0 {
                    return;
                }
                // The release comes to this button even when the pointer has slid off it.
                if let Some(target) = event.target_dyn_into::<Element>() {
                    let _ = target.set_pointer_capture(event.pointer_id());
                }
                send(Control::Press(button));
            })
        };
        let on_pointer_up = {
            let send = send.clone();
            Callback::from(move |_: PointerEvent| send(Control::Release(button)))
        };
        let on_key_down = {
            let send = send.clone();
            Callback::from(move |event: KeyboardEvent| {
                if presses(&event.key()) {
                    // The browser would click on its own; the press is this handler's.
                    event.prevent_default();
                    if !event.repeat() {
                        send(Control::Press(button));
                    }
                }
            })
        };
        let on_key_up = {
            let send = send.clone();
            Callback::from(move |event: KeyboardEvent| {
                if presses(&event.key()) {
                    event.prevent_default();
                    send(Control::Release(button));
                }
            })
        };
        let on_blur = {
            let send = send.clone();
            Callback::from(move |_: FocusEvent| send(Control::Release(button)))
        };
        // A click without a pointer or keys (a screen reader's) is a short press.
        let on_click = Callback::from(move |event: MouseEvent| {
            if event.detail() == 0 {
                send(Control::Press(button));
                send(Control::Release(button));
            }
        });
        html! {
            <button type="button" class={classes!("board-button", held.then_some("held"))}
                disabled={!props.interactive}
                aria-label={tr_with(language, Text::BoardButton, &[("name", button.name().to_string())])}
                aria-description={tr(language, Text::BoardButtonDescription)}
                onpointerdown={on_pointer_down} onpointerup={on_pointer_up.clone()} onpointercancel={on_pointer_up}
                onkeydown={on_key_down} onkeyup={on_key_up} onblur={on_blur} onclick={on_click}>
                { button.name() }
            </button>
        }
    };
    let slider = |sensor: Sensor| {
        let id = format!("sensor-{}", sensor.keyword());
        let (low, high) = sensor_range(sensor);
        let value = props.sensors.get(sensor);
        let on_input = {
            let on_control = props.on_control.clone();
            Callback::from(move |event: InputEvent| {
                let input: HtmlInputElement = event.target_unchecked_into();
                if let Ok(value) = input.value().parse::<i64>() {
                    on_control.emit(Control::Sensor(sensor, value));
                }
            })
        };
        html! {
            <div class="sensor">
                <label for={id.clone()}>{ tr(language, sensor_text(sensor)) }</label>
                <input type="range" id={id} min={low.to_string()} max={high.to_string()} step="1"
                    value={value.to_string()} oninput={on_input} />
                // The slider itself tells screen readers its value; this number is for the eyes.
                <span class="sensor-value" aria-hidden="true">{ value }</span>
            </div>
        }
    };
    let hint = if props.interactive { Text::BoardLive } else { Text::BoardIdle };
    html! {
        <section class="panel board" aria-labelledby="board-heading">
            <h2 id="board-heading">{ tr(language, Text::BoardHeading) }</h2>
            <div class="board-face">
                { button(Button::A, props.held[0]) }
                <div class="leds" role="img" aria-label={description}>
                    { for props.frame.iter().map(|&brightness| html! {
                        <span class="led" data-brightness={brightness.min(9).to_string()}
                            style={format!("opacity: {:.2}", 0.12 + 0.88 * f64::from(brightness.min(9)) / 9.0)} />
                    }) }
                </div>
                { button(Button::B, props.held[1]) }
            </div>
            <p class="board-hint">{ tr(language, hint) }</p>
            <fieldset class="sensors">
                <legend>{ tr(language, Text::SensorsHeading) }</legend>
                { for SENSORS.into_iter().map(slider) }
            </fieldset>
        </section>
    }
}
