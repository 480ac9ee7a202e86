//! The maker board, like a micro:bit: a 5×5 LED matrix, buttons A and B, and sensors whose
//! values come from the run's scenario at the current virtual time.

use rhai::{Dynamic, Engine, NativeCallContext, INT};

use super::clock::advance;
use super::font::columns;
use super::{integer, mistake, text_argument, ApiResult, SharedHost};
use crate::diagnostic::{Code, Diagnostic};
use crate::scenario::Sensor;
use crate::trace::Event;

/// How long scrolling text shows each column, in virtual milliseconds (as on a micro:bit).
pub const SCROLL_STEP_MS: u64 = 150;
/// How long `show_number`/`show_text` show a single character.
pub const SINGLE_CHARACTER_MS: u64 = 400;

/// Brightness of each of the 25 LEDs, 0–9, row by row.
#[derive(Clone, Debug, Default)]
pub(crate) struct Board {
    leds: [u8; 25],
}

impl Board {
    fn frame(&self) -> Event {
        Event::Led { frame: self.leds.to_vec() }
    }
}

fn led_index(name: &str, x: &Dynamic, y: &Dynamic) -> ApiResult<usize> {
    let (x, y) = (integer(name, x)?, integer(name, y)?);
    if (0..5).contains(&x) && (0..5).contains(&y) {
        Ok((y * 5 + x) as usize)
    } else {
        Err(mistake(Diagnostic::new(Code::LedOutOfRange).with("x", x).with("y", y)))
    }
}

fn set_led(host: &SharedHost, index: usize, brightness: u8) {
    let mut host = host.borrow_mut();
    host.use_board();
    host.board.leds[index] = brightness;
    let frame = host.board.frame();
    host.record(frame);
}

fn show_frame(host: &SharedHost, leds: [u8; 25]) {
    let mut host = host.borrow_mut();
    host.use_board();
    host.board.leds = leds;
    let frame = host.board.frame();
    host.record(frame);
}

pub(super) fn register(engine: &mut Engine, host: &SharedHost) {
    let state = host.clone();
    engine.register_fn("led_plot", move |x: Dynamic, y: Dynamic| -> ApiResult<()> {
        set_led(&state, led_index("led_plot", &x, &y)?, 9);
        Ok(())
    });
    let state = host.clone();
    engine.register_fn("led_plot", move |x: Dynamic, y: Dynamic, brightness: Dynamic| -> ApiResult<()> {
        let index = led_index("led_plot", &x, &y)?;
        let brightness = integer("led_plot", &brightness)?;
        if !(0..=9).contains(&brightness) {
            return Err(mistake(Diagnostic::new(Code::BadBrightness).with("value", brightness)));
        }
        set_led(&state, index, brightness as u8);
        Ok(())
    });
    let state = host.clone();
    engine.register_fn("led_unplot", move |x: Dynamic, y: Dynamic| -> ApiResult<()> {
        set_led(&state, led_index("led_unplot", &x, &y)?, 0);
        Ok(())
    });
    let state = host.clone();
    engine.register_fn("led_point", move |x: Dynamic, y: Dynamic| -> ApiResult<INT> {
        let index = led_index("led_point", &x, &y)?;
        let mut host = state.borrow_mut();
        host.use_board();
        Ok(INT::from(host.board.leds[index]))
    });
    let state = host.clone();
    engine.register_fn("led_clear", move || show_frame(&state, [0; 25]));
    let state = host.clone();
    engine.register_fn("show_leds", move |pattern: Dynamic| -> ApiResult<()> {
        let pattern = text_argument("show_leds", &pattern)?;
        show_frame(&state, parse_pattern(&pattern)?);
        Ok(())
    });
    let state = host.clone();
    engine.register_fn("show_text", move |context: NativeCallContext, text: Dynamic| -> ApiResult<()> {
        let text = super::text::display(&context, text)?;
        scroll(&context, &state, &text)
    });
    let state = host.clone();
    engine.register_fn("show_number", move |context: NativeCallContext, value: Dynamic| -> ApiResult<()> {
        if !value.is_int() && !value.is_float() {
            return Err(super::wrong_type("show_number", &value));
        }
        let text = super::text::display(&context, value)?;
        scroll(&context, &state, &text)
    });
    let state = host.clone();
    engine.register_fn("button_pressed", move |button: Dynamic| -> ApiResult<bool> {
        let button = button_name(&text_argument("button_pressed", &button)?)?;
        let mut host = state.borrow_mut();
        host.use_board();
        Ok(host.scenario.is_pressed(&button, host.clock_ms))
    });
    for (name, sensor) in [
        ("temperature", Sensor::Temperature),
        ("light_level", Sensor::Light),
        ("sound_level", Sensor::Sound),
        ("tilt_x", Sensor::TiltX),
        ("tilt_y", Sensor::TiltY),
    ] {
        let state = host.clone();
        engine.register_fn(name, move || -> INT {
            let mut host = state.borrow_mut();
            host.use_board();
            host.scenario.sensor_at(sensor, host.clock_ms)
        });
    }
}

/// Checks a button name (`"A"`/`"B"`, any case) and returns it in capitals.
pub(super) fn button_name(button: &str) -> ApiResult<String> {
    let upper = button.trim().to_ascii_uppercase();
    if upper == "A" || upper == "B" {
        Ok(upper)
    } else {
        Err(mistake(Diagnostic::new(Code::UnknownButton).with("button", button)))
    }
}

/// Reads a 5×5 picture: `#` or `1`–`9` light an LED, `.` or `0` leave it dark; spaces and line
/// breaks are ignored.
fn parse_pattern(pattern: &str) -> ApiResult<[u8; 25]> {
    let pixels: Vec<char> = pattern.chars().filter(|character| !character.is_whitespace()).collect();
    let bad = || mistake(Diagnostic::new(Code::BadValue).with("name", "show_leds").with("value", pattern));
    if pixels.len() != 25 {
        return Err(bad());
    }
    let mut leds = [0u8; 25];
    for (led, pixel) in leds.iter_mut().zip(pixels) {
        *led = match pixel {
            '#' => 9,
            '.' => 0,
            digit @ '0'..='9' => digit as u8 - b'0',
            _ => return Err(bad()),
        };
    }
    Ok(leds)
}

/// Shows `text` on the matrix: one character stands still, longer text scrolls in from the right
/// and out to the left, one column per [`SCROLL_STEP_MS`] of virtual time.
fn scroll(context: &NativeCallContext, host: &SharedHost, text: &str) -> ApiResult<()> {
    let characters: Vec<char> = text.chars().collect();
    if let [character] = characters[..] {
        let glyph = columns(character);
        let offset = (5 - glyph.len()) / 2;
        let mut leds = [0u8; 25];
        for (column, pixels) in glyph.iter().enumerate() {
            for (row, lit) in pixels.iter().enumerate() {
                leds[row * 5 + column + offset] = if *lit { 9 } else { 0 };
            }
        }
        show_frame(host, leds);
        return advance(context, host, SINGLE_CHARACTER_MS);
    }
    let mut strip: Vec<[bool; 5]> = vec![[false; 5]; 5];
    for character in characters {
        strip.extend(columns(character));
        strip.push([false; 5]);
    }
    strip.extend([[false; 5]; 4]);
    for start in 0..strip.len().saturating_sub(4) {
        let mut leds = [0u8; 25];
        for (column, pixels) in strip[start..start + 5].iter().enumerate() {
            for (row, lit) in pixels.iter().enumerate() {
                leds[row * 5 + column] = if *lit { 9 } else { 0 };
            }
        }
        show_frame(host, leds);
        advance(context, host, SCROLL_STEP_MS)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_pattern;

    #[test]
    fn patterns_need_25_known_pixels() {
        let leds = parse_pattern("#....\n.#...\n..5..\n...#.\n....#").ok().unwrap();
        assert_eq!((leds[0], leds[6], leds[12], leds[1]), (9, 9, 5, 0));
        assert!(parse_pattern("#####").is_err());
        assert!(parse_pattern("x........................").is_err());
    }
}
