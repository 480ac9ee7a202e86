//! Text: `input`, and the conversions `int`, `float`, `str` that Python learners expect.
//! (`print` is wired to the console by the engine itself, see `crate::engine`.)

use rhai::{Dynamic, Engine, ImmutableString, NativeCallContext, FLOAT, INT};

use super::{mistake, wrong_type, ApiResult, SharedHost};
use crate::diagnostic::{Code, Diagnostic};

pub(super) fn register(engine: &mut Engine, host: &SharedHost) {
    let state = host.clone();
    engine.register_fn("input", move || -> ApiResult<String> { read_line(&state) });
    let state = host.clone();
    engine.register_fn("input", move |context: NativeCallContext, prompt: Dynamic| -> ApiResult<String> {
        let prompt = display(&context, prompt)?;
        state.borrow_mut().write(&prompt);
        read_line(&state)
    });
    engine.register_fn("int", to_int);
    // Rhai's math package has `int(float) -> float` (the integer part as a decimal); students
    // expect Python's `int`, a whole number, so the exact-typed version is overridden here.
    engine.register_fn("int", |value: FLOAT| to_int(Dynamic::from_float(value)));
    engine.register_fn("float", to_float);
    engine.register_fn("str", |context: NativeCallContext, value: Dynamic| display(&context, value));
}

fn read_line(host: &SharedHost) -> ApiResult<String> {
    let mut host = host.borrow_mut();
    match host.input.pop_front() {
        Some(line) => Ok(line),
        None => Err(mistake(Diagnostic::new(Code::NoMoreInput).with("count", host.input_count))),
    }
}

/// The text `print` would show for `value`.
pub(super) fn display(context: &NativeCallContext, value: Dynamic) -> ApiResult<String> {
    if value.is_string() {
        return Ok(value.into_string().unwrap_or_default());
    }
    let text: ImmutableString = context.call_native_fn("to_string", (value,))?;
    Ok(text.to_string())
}

fn to_int(value: Dynamic) -> ApiResult<INT> {
    if let Ok(int) = value.as_int() {
        return Ok(int);
    }
    if let Ok(float) = value.as_float() {
        if float.is_finite() && float.abs() < 9.2e18 {
            return Ok(float.trunc() as INT);
        }
        return Err(mistake(Diagnostic::new(Code::NumberOverflow).with("detail", float)));
    }
    if let Ok(flag) = value.as_bool() {
        return Ok(INT::from(flag));
    }
    let text = text_of("int", &value)?;
    text.trim().parse::<INT>().map_err(|_| mistake(Diagnostic::new(Code::NotANumber).with("text", text)))
}

fn to_float(value: Dynamic) -> ApiResult<FLOAT> {
    if let Ok(int) = value.as_int() {
        return Ok(int as FLOAT);
    }
    if let Ok(float) = value.as_float() {
        return Ok(float);
    }
    let text = text_of("float", &value)?;
    text.trim().parse::<FLOAT>().map_err(|_| mistake(Diagnostic::new(Code::NotANumber).with("text", text)))
}

fn text_of(name: &str, value: &Dynamic) -> ApiResult<String> {
    if value.is_string() {
        Ok(value.clone().into_string().unwrap_or_default())
    } else if let Ok(character) = value.as_char() {
        Ok(character.to_string())
    } else {
        Err(wrong_type(name, value))
    }
}
