//! Math: deterministic versions of the floating-point functions, and seeded randomness.
//!
//! Rhai's math package calls the platform's libm, which differs between glibc (the judge's CLI)
//! and the browser's wasm build in the last bits of some results. Every transcendental function is
//! therefore re-registered here on top of the `libm` crate, with exact argument types so that it
//! takes precedence over the package's, and with whole-number overloads so `sin(1)` works too.

use rhai::{Array, Dynamic, Engine, FLOAT, INT};

use super::{array_argument, mistake, number, ApiResult, SharedHost};
use crate::diagnostic::{Code, Diagnostic};

/// A small, fast, seeded generator (SplitMix64): the same seed gives the same numbers everywhere.
#[derive(Clone, Debug)]
pub struct SeededRandom(u64);

impl SeededRandom {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        SeededRandom(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut mixed = self.0;
        mixed = (mixed ^ (mixed >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        mixed = (mixed ^ (mixed >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        mixed ^ (mixed >> 31)
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> FLOAT {
        (self.next_u64() >> 11) as FLOAT * (1.0 / (1u64 << 53) as FLOAT)
    }

    /// A whole number in `0..count` (`count` > 0), without modulo bias worth mentioning.
    pub fn below(&mut self, count: u128) -> u128 {
        (u128::from(self.next_u64()) * count) >> 64
    }
}

macro_rules! register_unary {
    ($engine:expr, $($name:literal => $function:path),* $(,)?) => {
        $(
            $engine.register_fn($name, |x: FLOAT| -> FLOAT { $function(x) });
            $engine.register_fn($name, |x: INT| -> FLOAT { $function(x as FLOAT) });
        )*
    };
}

pub(super) fn register(engine: &mut Engine, host: &SharedHost) {
    register_unary!(engine,
        "sin" => libm::sin, "cos" => libm::cos, "tan" => libm::tan,
        "asin" => libm::asin, "acos" => libm::acos, "atan" => libm::atan,
        "sinh" => libm::sinh, "cosh" => libm::cosh, "tanh" => libm::tanh,
        "asinh" => libm::asinh, "acosh" => libm::acosh, "atanh" => libm::atanh,
        "exp" => libm::exp, "ln" => libm::log, "log10" => libm::log10, "log" => libm::log10,
        "sqrt" => libm::sqrt,
    );
    engine.register_fn("atan", |y: Dynamic, x: Dynamic| -> ApiResult<FLOAT> {
        Ok(libm::atan2(number("atan", &y)?, number("atan", &x)?))
    });
    engine.register_fn("hypot", |x: Dynamic, y: Dynamic| -> ApiResult<FLOAT> {
        Ok(libm::hypot(number("hypot", &x)?, number("hypot", &y)?))
    });
    engine.register_fn("log", |x: Dynamic, base: Dynamic| -> ApiResult<FLOAT> {
        Ok(libm::log(number("log", &x)?) / libm::log(number("log", &base)?))
    });
    engine.register_fn("pow", power_int);
    engine.register_fn("pow", |x: FLOAT, y: FLOAT| libm::pow(x, y));
    engine.register_fn("pow", |x: INT, y: FLOAT| libm::pow(x as FLOAT, y));
    engine.register_fn("pow", |x: FLOAT, y: INT| libm::pow(x, y as FLOAT));
    engine.register_fn("min", |a: INT, b: INT| a.min(b));
    engine.register_fn("max", |a: INT, b: INT| a.max(b));
    engine.register_fn("min", |a: Dynamic, b: Dynamic| -> ApiResult<FLOAT> {
        Ok(number("min", &a)?.min(number("min", &b)?))
    });
    engine.register_fn("max", |a: Dynamic, b: Dynamic| -> ApiResult<FLOAT> {
        Ok(number("max", &a)?.max(number("max", &b)?))
    });
    engine.register_fn("floor", |x: INT| x);
    engine.register_fn("ceil", |x: INT| x);
    engine.register_fn("ceil", |x: FLOAT| x.ceil());
    engine.register_fn("round", |x: INT| x);
    engine.register_fn("round", |x: Dynamic, digits: INT| -> ApiResult<FLOAT> {
        let scale = libm::pow(10.0, digits.clamp(-15, 15) as FLOAT);
        Ok((number("round", &x)? * scale).round() / scale)
    });

    let state = host.clone();
    engine.register_fn("random", move || state.borrow_mut().random.unit());
    let state = host.clone();
    engine.register_fn("random_int", move |low: Dynamic, high: Dynamic| -> ApiResult<INT> {
        let (low, high) = (super::integer("random_int", &low)?, super::integer("random_int", &high)?);
        if low > high {
            return Err(mistake(Diagnostic::new(Code::EmptyRange).with("low", low).with("high", high)));
        }
        let span = (i128::from(high) - i128::from(low) + 1) as u128;
        Ok((i128::from(low) + state.borrow_mut().random.below(span) as i128) as INT)
    });
    let state = host.clone();
    engine.register_fn("random_choice", move |list: Dynamic| -> ApiResult<Dynamic> {
        let list = array_argument("random_choice", &list)?;
        if list.is_empty() {
            return Err(mistake(Diagnostic::new(Code::EmptyList).with("name", "random_choice")));
        }
        let index = state.borrow_mut().random.below(list.len() as u128) as usize;
        Ok(list[index].clone())
    });
    let state = host.clone();
    engine.register_fn("shuffle", move |list: &mut Array| {
        let mut random = state.borrow_mut();
        for index in (1..list.len()).rev() {
            let other = random.random.below(index as u128 + 1) as usize;
            list.swap(index, other);
        }
    });
}

fn power_int(base: INT, exponent: INT) -> ApiResult<Dynamic> {
    if exponent < 0 {
        return Ok(Dynamic::from_float(libm::pow(base as FLOAT, exponent as FLOAT)));
    }
    u32::try_from(exponent)
        .ok()
        .and_then(|exponent| base.checked_pow(exponent))
        .map(Dynamic::from_int)
        .ok_or_else(|| mistake(Diagnostic::new(Code::NumberOverflow).with("detail", format!("{base} ** {exponent}"))))
}

#[cfg(test)]
mod tests {
    use super::SeededRandom;

    #[test]
    fn same_seed_same_numbers_and_within_bounds() {
        let (mut first, mut second) = (SeededRandom::new(7), SeededRandom::new(7));
        for _ in 0..1000 {
            let value = first.below(6);
            assert_eq!(value, second.below(6));
            assert!(value < 6);
            let unit = first.unit();
            assert_eq!(unit, second.unit());
            assert!((0.0..1.0).contains(&unit));
        }
        assert_ne!(SeededRandom::new(1).unit(), SeededRandom::new(2).unit());
    }
}
