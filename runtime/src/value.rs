//! Plain values that cross the sandbox's edge: the arguments a grader passes to a student's
//! function, what the function returned, and the values teachers write in lesson files.
//!
//! [`Value`] is data (it serializes to JSON and compares without an engine), so the grader can keep
//! expected answers in lesson packs and show "expected / got" to the student in Rhai's own notation.

use std::collections::BTreeMap;
use std::fmt;

use rhai::packages::{BasicArrayPackage, BasicMapPackage, CorePackage, LogicPackage, Package};
use rhai::{ASTNode, Dynamic, Engine, Expr, Stmt, FLOAT, INT};
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Code, Diagnostic};

/// Values nested deeper than this are not converted (a program can build a chain of 40 000 nested
/// arrays; walking it recursively would overflow the stack).
pub const MAX_VALUE_DEPTH: usize = 64;

/// A Rhai value without functions or shared references.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    /// `()`, Rhai's "nothing".
    Unit,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A decimal number.
    Float(f64),
    /// Text (Rhai characters become one-character strings).
    Str(String),
    /// An array.
    Array(Vec<Value>),
    /// An object map, keys in sorted order.
    Map(BTreeMap<String, Value>),
}

/// Why a Rhai value could not become a [`Value`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    /// Nested deeper than [`MAX_VALUE_DEPTH`].
    #[error("the value is nested more than {MAX_VALUE_DEPTH} levels deep")]
    TooDeep,
    /// A function pointer, a range or another kind that is not plain data.
    #[error("a value of type `{0}` is not plain data")]
    NotData(String),
}

impl Value {
    /// Converts a Rhai value.
    pub fn from_dynamic(value: &Dynamic) -> Result<Value, ValueError> {
        Self::from_dynamic_at(value, 0)
    }

    fn from_dynamic_at(value: &Dynamic, depth: usize) -> Result<Value, ValueError> {
        if depth > MAX_VALUE_DEPTH {
            return Err(ValueError::TooDeep);
        }
        if value.is_shared() {
            let inner = value.clone().flatten();
            return Self::from_dynamic_at(&inner, depth);
        }
        if value.is_unit() {
            Ok(Value::Unit)
        } else if let Ok(flag) = value.as_bool() {
            Ok(Value::Bool(flag))
        } else if let Ok(number) = value.as_int() {
            Ok(Value::Int(number))
        } else if let Ok(number) = value.as_float() {
            Ok(Value::Float(number))
        } else if let Ok(character) = value.as_char() {
            Ok(Value::Str(character.to_string()))
        } else if let Some(text) = value.read_lock::<rhai::ImmutableString>() {
            Ok(Value::Str(text.to_string()))
        } else if let Some(array) = value.read_lock::<rhai::Array>() {
            array.iter().map(|item| Self::from_dynamic_at(item, depth + 1)).collect::<Result<_, _>>().map(Value::Array)
        } else if let Some(map) = value.read_lock::<rhai::Map>() {
            map.iter()
                .map(|(key, item)| Ok((key.to_string(), Self::from_dynamic_at(item, depth + 1)?)))
                .collect::<Result<_, _>>()
                .map(Value::Map)
        } else {
            Err(ValueError::NotData(value.type_name().to_string()))
        }
    }

    /// The Rhai value, for passing to a function.
    pub fn to_dynamic(&self) -> Dynamic {
        match self {
            Value::Unit => Dynamic::UNIT,
            Value::Bool(flag) => Dynamic::from_bool(*flag),
            Value::Int(number) => Dynamic::from_int(*number as INT),
            Value::Float(number) => Dynamic::from_float(*number as FLOAT),
            Value::Str(text) => Dynamic::from(text.clone()),
            Value::Array(items) => Dynamic::from_array(items.iter().map(Value::to_dynamic).collect()),
            Value::Map(entries) => {
                Dynamic::from_map(entries.iter().map(|(key, item)| (key.as_str().into(), item.to_dynamic())).collect())
            }
        }
    }

    /// Reads a value written in Rhai's notation: `5`, `-2.5`, `"猫"`, `[1, [2, 3]]`, `#{name: "小明"}`,
    /// `true`, `()`. Arithmetic on constants (`-3`, `2 * 5`) is allowed; variables and function
    /// calls are not. The error is a diagnostic with the position inside `text`.
    pub fn parse(text: &str) -> Result<Value, Diagnostic> {
        let mut engine = Engine::new_raw();
        for package in [
            CorePackage::new().as_shared_module(),
            LogicPackage::new().as_shared_module(),
            BasicArrayPackage::new().as_shared_module(),
            BasicMapPackage::new().as_shared_module(),
        ] {
            engine.register_global_module(package);
        }
        engine
            .set_strict_variables(true)
            .set_max_operations(10_000)
            .set_max_expr_depths(MAX_VALUE_DEPTH, MAX_VALUE_DEPTH)
            .set_max_string_size(100_000)
            .set_max_array_size(10_000)
            .set_max_map_size(10_000);
        let not_a_value = |detail: String, position: rhai::Position| {
            let diagnostic = Diagnostic::new(Code::NotAValue).with("detail", detail);
            if position.is_none() {
                diagnostic
            } else {
                diagnostic.at(position)
            }
        };
        let ast = engine.compile_expression(text).map_err(|error| not_a_value(error.to_string(), error.position()))?;
        let mut call = None;
        ast.walk(&mut |path: &[ASTNode]| {
            if let Some(
                ASTNode::Expr(Expr::FnCall(function, position) | Expr::MethodCall(function, position))
                | ASTNode::Stmt(Stmt::FnCall(function, position)),
            ) = path.last()
            {
                let operator = function.name.chars().all(|character| !character.is_alphanumeric() && character != '_');
                if !operator {
                    call = Some((function.name.to_string(), *position));
                }
            }
            call.is_none()
        });
        if let Some((name, position)) = call {
            return Err(not_a_value(format!("`{name}(…)` is a function call"), position));
        }
        let dynamic =
            engine.eval_ast::<Dynamic>(&ast).map_err(|error| not_a_value(error.to_string(), error.position()))?;
        Value::from_dynamic(&dynamic).map_err(|error| Diagnostic::new(Code::NotAValue).with("detail", error))
    }

    /// Whether `self` equals `other`, letting decimals differ by `tolerance` (an integer and a
    /// decimal of the same size are equal only when a tolerance is given).
    pub fn matches(&self, other: &Value, tolerance: Option<f64>) -> bool {
        match (self, other, tolerance) {
            (Value::Float(a), Value::Float(b), Some(tolerance)) => (a - b).abs() <= tolerance || a == b,
            (Value::Float(a), Value::Int(b), Some(tolerance)) | (Value::Int(b), Value::Float(a), Some(tolerance)) => {
                (a - *b as f64).abs() <= tolerance
            }
            (Value::Array(a), Value::Array(b), _) => {
                a.len() == b.len() && a.iter().zip(b).all(|(a, b)| a.matches(b, tolerance))
            }
            (Value::Map(a), Value::Map(b), _) => {
                a.len() == b.len()
                    && a.iter().zip(b).all(|((key_a, a), (key_b, b))| key_a == key_b && a.matches(b, tolerance))
            }
            _ => self == other,
        }
    }
}

/// Shows the value as it would be written in Rhai (the notation of lesson files and of `print`'s
/// debug form), so a student sees `[1, 2, 3]` and `"猫"` rather than JSON.
impl fmt::Display for Value {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Unit => formatter.write_str("()"),
            Value::Bool(flag) => write!(formatter, "{flag}"),
            Value::Int(number) => write!(formatter, "{number}"),
            Value::Float(number) => write!(formatter, "{number:?}"),
            Value::Str(text) => write!(formatter, "{text:?}"),
            Value::Array(items) => {
                formatter.write_str("[")?;
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        formatter.write_str(", ")?;
                    }
                    write!(formatter, "{item}")?;
                }
                formatter.write_str("]")
            }
            Value::Map(entries) => {
                formatter.write_str("#{")?;
                for (index, (key, item)) in entries.iter().enumerate() {
                    if index > 0 {
                        formatter.write_str(", ")?;
                    }
                    let plain = key.chars().next().is_some_and(|first| first.is_alphabetic() || first == '_')
                        && key.chars().all(|character| character.is_alphanumeric() || character == '_');
                    if plain {
                        write!(formatter, "{key}: {item}")?;
                    } else {
                        write!(formatter, "{key:?}: {item}")?;
                    }
                }
                formatter.write_str("}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, shown: &str) {
        let value = Value::parse(text).unwrap_or_else(|error| panic!("{text}: {error:?}"));
        assert_eq!(value.to_string(), shown, "{text}");
        assert_eq!(Value::from_dynamic(&value.to_dynamic()), Ok(value.clone()), "round trip of {text}");
        let json = serde_json::to_string(&value).expect("serializes");
        let back: Value = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back, value, "json round trip of {text} via {json}");
    }

    #[test]
    fn values_read_show_and_round_trip() {
        check("5", "5");
        check("-3", "-3");
        check("2 * 5", "10");
        check("2.5", "2.5");
        check("-0.25", "-0.25");
        check("1.0", "1.0");
        check(r#""猫""#, r#""猫""#);
        check("'a'", r#""a""#);
        check("true", "true");
        check("()", "()");
        check("[1, [2, 3], []]", "[1, [2, 3], []]");
        check(r#"#{name: "小明", age: 11, "two words": 2}"#, r#"#{age: 11, name: "小明", "two words": 2}"#);
    }

    #[test]
    fn only_constants_are_values() {
        for text in ["x", "print(1)", "[1, 2", "loop {}", "let a = 1", ""] {
            let error = Value::parse(text).expect_err(text);
            assert_eq!(error.code, Code::NotAValue, "{text}");
        }
    }

    #[test]
    fn tolerance_applies_to_decimals_only() {
        let value = |text| Value::parse(text).expect("value");
        assert!(value("0.30000000000000004").matches(&value("0.3"), Some(1e-9)));
        assert!(!value("0.30000000000000004").matches(&value("0.3"), None));
        assert!(value("[1.0, 2]").matches(&value("[1, 2]"), Some(1e-9)));
        assert!(!value("[1.0, 2]").matches(&value("[1, 2]"), None));
        assert!(!value("[1, 2]").matches(&value("[1, 2, 3]"), Some(1.0)));
    }
}
