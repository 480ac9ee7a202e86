//! Random arguments for call checks, from small generator expressions written in lesson files:
//! `int(1, 100)`, `float(0, 1)`, `bool()`, `string(0, 8)`, `string(1, 5, "abc")`,
//! `array(int(0, 9), 0, 20)`, `choice("石头", "剪刀", "布")`, or a plain value such as `[1, 2]`.
//!
//! Generation is seeded, so every grader (the app, the CLI, the judge) produces the same calls.

use sprout_runtime::{SeededRandom, Value};

/// Longest generated string or array.
const MAX_GENERATED_LENGTH: i64 = 10_000;
/// Deepest nesting of `array(…)` generators.
const MAX_GENERATOR_DEPTH: usize = 8;

/// A parsed generator expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Generator {
    /// A whole number in `low..=high`.
    Int(i64, i64),
    /// A decimal in `[low, high]`, rounded to 3 decimals.
    Float(f64, f64),
    /// `true` or `false`.
    Bool,
    /// A string of `min..=max` characters from `alphabet`.
    Text(i64, i64, Vec<char>),
    /// An array of `min..=max` generated elements.
    Array(Box<Generator>, i64, i64),
    /// One of the values.
    Choice(Vec<Value>),
    /// Always this value.
    Constant(Value),
}

/// Splits `text` at the commas that are not inside brackets or strings.
fn split_arguments(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut start = 0;
    for (index, character) in text.char_indices() {
        if let Some(open) = quote {
            if escaped {
                escaped = false;
            } else if character == '\\' {
                escaped = true;
            } else if character == open {
                quote = None;
            }
            continue;
        }
        match character {
            '"' | '\'' | '`' => quote = Some(character),
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(text[start..index].trim());
                start = index + 1;
            }
            _ => {}
        }
    }
    let last = text[start..].trim();
    if !last.is_empty() || !parts.is_empty() {
        parts.push(last);
    }
    parts
}

fn int(text: &str) -> Result<i64, String> {
    match Value::parse(text) {
        Ok(Value::Int(number)) => Ok(number),
        _ => Err(format!("`{text}` is not a whole number")),
    }
}

fn number(text: &str) -> Result<f64, String> {
    match Value::parse(text) {
        Ok(Value::Int(number)) => Ok(number as f64),
        Ok(Value::Float(number)) if number.is_finite() => Ok(number),
        _ => Err(format!("`{text}` is not a number")),
    }
}

fn length_range(min: &str, max: &str) -> Result<(i64, i64), String> {
    let (min, max) = (int(min)?, int(max)?);
    if min < 0 || max < min || max > MAX_GENERATED_LENGTH {
        return Err(format!("lengths must satisfy 0 <= {min} <= {max} <= {MAX_GENERATED_LENGTH}"));
    }
    Ok((min, max))
}

impl Generator {
    /// Parses a generator expression; the error says what is wrong in English words for the
    /// lesson author (it is shown inside a translated message).
    pub fn parse(text: &str) -> Result<Generator, String> {
        Self::parse_at(text.trim(), 0)
    }

    fn parse_at(text: &str, depth: usize) -> Result<Generator, String> {
        if depth > MAX_GENERATOR_DEPTH {
            return Err("generators are nested too deeply".to_string());
        }
        let call = text.find('(').filter(|open| {
            let name = &text[..*open];
            !name.is_empty() && name.chars().all(|character| character.is_ascii_alphabetic()) && text.ends_with(')')
        });
        let Some(open) = call else {
            return Value::parse(text)
                .map(Generator::Constant)
                .map_err(|_| format!("`{text}` is not a generator or a value"));
        };
        let name = &text[..open];
        let arguments = split_arguments(&text[open + 1..text.len() - 1]);
        let arity = |count: &[usize]| -> Result<(), String> {
            if count.contains(&arguments.len()) {
                Ok(())
            } else {
                Err(format!("`{name}` takes {count:?} arguments, got {}", arguments.len()))
            }
        };
        match name {
            "int" => {
                arity(&[2])?;
                let (low, high) = (int(arguments[0])?, int(arguments[1])?);
                if low > high {
                    return Err(format!("int({low}, {high}): the low end is above the high end"));
                }
                Ok(Generator::Int(low, high))
            }
            "float" => {
                arity(&[2])?;
                let (low, high) = (number(arguments[0])?, number(arguments[1])?);
                if low > high {
                    return Err(format!("float({low}, {high}): the low end is above the high end"));
                }
                Ok(Generator::Float(low, high))
            }
            "bool" => {
                arity(&[0])?;
                Ok(Generator::Bool)
            }
            "string" => {
                arity(&[2, 3])?;
                let (min, max) = length_range(arguments[0], arguments[1])?;
                let alphabet: Vec<char> = match arguments.get(2) {
                    Some(letters) => match Value::parse(letters) {
                        Ok(Value::Str(letters)) if !letters.is_empty() => letters.chars().collect(),
                        _ => return Err(format!("`{letters}` is not a non-empty string of letters")),
                    },
                    None => ('a'..='z').collect(),
                };
                Ok(Generator::Text(min, max, alphabet))
            }
            "array" => {
                arity(&[3])?;
                let element = Self::parse_at(arguments[0], depth + 1)?;
                let (min, max) = length_range(arguments[1], arguments[2])?;
                Ok(Generator::Array(Box::new(element), min, max))
            }
            "choice" => {
                if arguments.is_empty() {
                    return Err("choice() needs at least one value".to_string());
                }
                let values = arguments
                    .iter()
                    .map(|value| Value::parse(value).map_err(|_| format!("`{value}` is not a value")))
                    .collect::<Result<_, _>>()?;
                Ok(Generator::Choice(values))
            }
            _ => Err(format!("unknown generator `{name}` (int, float, bool, string, array, choice)")),
        }
    }

    /// The most elements and characters one drawn value can have (saturating): lets a lesson's
    /// random tests be refused before they are generated when they would not fit in memory.
    pub fn max_size(&self) -> u64 {
        match self {
            Generator::Int(..) | Generator::Float(..) | Generator::Bool => 1,
            Generator::Text(_, max, _) => (*max).max(1) as u64,
            Generator::Array(element, _, max) => element.max_size().saturating_mul((*max).max(1) as u64),
            Generator::Choice(values) => values.iter().map(|value| value.to_string().len() as u64).max().unwrap_or(1),
            Generator::Constant(value) => value.to_string().len() as u64,
        }
    }

    /// Draws one value.
    pub fn generate(&self, random: &mut SeededRandom) -> Value {
        let mut pick = |low: i64, high: i64| -> i64 {
            let span = (i128::from(high) - i128::from(low) + 1) as u128;
            (i128::from(low) + random.below(span) as i128) as i64
        };
        match self {
            Generator::Int(low, high) => Value::Int(pick(*low, *high)),
            Generator::Float(low, high) => {
                let value = low + random.unit() * (high - low);
                Value::Float(((value * 1000.0).round() / 1000.0).clamp(*low, *high))
            }
            Generator::Bool => Value::Bool(pick(0, 1) == 1),
            Generator::Text(min, max, alphabet) => {
                let length = pick(*min, *max);
                let text =
                    (0..length).map(|_| alphabet[random.below(alphabet.len() as u128) as usize]).collect::<String>();
                Value::Str(text)
            }
            Generator::Array(element, min, max) => {
                let length = pick(*min, *max);
                Value::Array((0..length).map(|_| element.generate(random)).collect())
            }
            Generator::Choice(values) => values[random.below(values.len() as u128) as usize].clone(),
            Generator::Constant(value) => value.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `text` and draws values from seed 1; checks each with `valid`.
    fn check(text: &str, valid: impl Fn(&Value) -> bool) {
        let generator = Generator::parse(text).unwrap_or_else(|error| panic!("{text}: {error}"));
        let mut random = SeededRandom::new(1);
        for _ in 0..200 {
            let value = generator.generate(&mut random);
            assert!(valid(&value), "{text} gave {value}");
        }
    }

    #[test]
    fn generators_stay_in_their_ranges() {
        check("int(-5, 5)", |value| matches!(value, Value::Int(-5..=5)));
        check("int(7, 7)", |value| *value == Value::Int(7));
        check("int(-9223372036854775807, 9223372036854775807)", |value| matches!(value, Value::Int(_)));
        check("float(0, 1)", |value| matches!(value, Value::Float(x) if (0.0..=1.0).contains(x)));
        check("bool()", |value| matches!(value, Value::Bool(_)));
        check(
            "string(1, 3, \"猫狗\")",
            |value| matches!(value, Value::Str(text) if (1..=3).contains(&text.chars().count()) && text.chars().all(|c| "猫狗".contains(c))),
        );
        check(
            "array(int(0, 9), 0, 4)",
            |value| matches!(value, Value::Array(items) if items.len() <= 4 && items.iter().all(|item| matches!(item, Value::Int(0..=9)))),
        );
        check("array(array(bool(), 1, 1), 2, 2)", |value| matches!(value, Value::Array(items) if items.len() == 2));
        check(r#"choice("石头", "剪刀, 布")"#, |value| {
            *value == Value::Str("石头".into()) || *value == Value::Str("剪刀, 布".into())
        });
        check("[1, 2]", |value| *value == Value::Array(vec![Value::Int(1), Value::Int(2)]));
    }

    #[test]
    fn sizes_bound_what_is_drawn() {
        let size = |text: &str| Generator::parse(text).expect("parses").max_size();
        assert_eq!(size("int(0, 9)"), 1);
        assert_eq!(size("string(0, 8)"), 8);
        assert_eq!(size("array(array(int(0, 1), 0, 100), 0, 1000)"), 100_000);
        assert_eq!(size("array(string(0, 10000), 0, 10000)"), 100_000_000);
    }

    #[test]
    fn same_seed_same_values() {
        let generator = Generator::parse("array(int(0, 1000), 5, 5)").expect("parses");
        let draw = |seed| generator.generate(&mut SeededRandom::new(seed));
        assert_eq!(draw(3), draw(3));
        assert_ne!(draw(3), draw(4));
    }

    #[test]
    fn bad_generators_are_explained() {
        for text in [
            "int(5, 1)",
            "int(1)",
            "int(1.5, 2)",
            "float(\"a\", 1)",
            "string(-1, 3)",
            "string(0, 100000)",
            "array(int(0, 1), 3, 2)",
            "choice()",
            "dice(6)",
            "int(0, x)",
            "array(array(array(array(array(array(array(array(array(array(int(0,1),1,1),1,1),1,1),1,1),1,1),1,1),1,1),1,1),1,1),1,1)",
            "",
        ] {
            assert!(Generator::parse(text).is_err(), "{text} should be rejected");
        }
    }
}
