//! YAML 1.2 core-schema typing of scalars, as the API server sees them once converted to JSON.

use serde_json::{Number, Value};
use serde_saphyr::granit_parser::{ScalarStyle, Tag};

/// Converts one YAML scalar to JSON.
///
/// Quoted and block scalars are strings. Plain scalars follow the YAML 1.2 core schema: `null`,
/// `~` and the empty scalar are null; `true`/`false` (three spellings each) are bools; decimal,
/// `0o` octal and `0x` hex digits are integers; decimal fractions and exponents are floats;
/// everything else is a string. The standard tags `!!str`, `!!int`, `!!float`, `!!bool` and
/// `!!null` force a type; other tags are ignored.
pub(super) fn scalar_to_json(
    text: &str,
    style: ScalarStyle,
    tag: Option<&Tag>,
) -> Result<Value, String> {
    if let Some(tag) = tag
        && let Some(value) = tagged(text, tag)?
    {
        return Ok(value);
    }
    if style != ScalarStyle::Plain {
        return Ok(Value::String(text.to_owned()));
    }
    plain(text)
}

/// Applies a standard tag; `Ok(None)` when the tag is not one that decides the type.
fn tagged(text: &str, tag: &Tag) -> Result<Option<Value>, String> {
    let value = match tag.core_suffix() {
        Some("str") => Value::String(text.to_owned()),
        Some("null") => Value::Null,
        Some("bool") => Value::Bool(bool_literal(text).ok_or_else(|| not_a("bool", text))?),
        Some("int") => int_literal(text).ok_or_else(|| not_a("int", text))?,
        Some("float") => match float_literal(text).or_else(|| int_literal(text)) {
            Some(value) => value,
            None => return Err(not_a("float", text)),
        },
        Some(other) => return Err(format!("tag !!{other} cannot be used on a scalar")),
        // The non-specific tag `!` marks a string.
        None if tag.handle() == "!" && tag.suffix().is_empty() => Value::String(text.to_owned()),
        None => return Ok(None),
    };
    Ok(Some(value))
}

fn not_a(kind: &str, text: &str) -> String {
    format!("{text:?} is not a valid !!{kind}")
}

/// Resolves an untagged plain scalar.
fn plain(text: &str) -> Result<Value, String> {
    if matches!(text, "" | "~" | "null" | "Null" | "NULL") {
        return Ok(Value::Null);
    }
    if let Some(flag) = bool_literal(text) {
        return Ok(Value::Bool(flag));
    }
    if let Some(number) = int_literal(text) {
        return Ok(number);
    }
    if is_special_float(text) || is_float_syntax(text) {
        return float_literal(text).ok_or_else(|| {
            format!("{text} is not a finite number and cannot be represented in JSON")
        });
    }
    Ok(Value::String(text.to_owned()))
}

fn bool_literal(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`. Integers beyond 64 bits become floats.
fn int_literal(text: &str) -> Option<Value> {
    if let Some(octal) = text.strip_prefix("0o") {
        return radix_int(octal, 8);
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return radix_int(hex, 16);
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Ok(signed) = text.parse::<i64>() {
        return Some(Value::Number(signed.into()));
    }
    if let Ok(unsigned) = text.parse::<u64>() {
        return Some(Value::Number(unsigned.into()));
    }
    finite_number(text.parse::<f64>().ok()?)
}

fn radix_int(digits: &str, radix: u32) -> Option<Value> {
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    match u64::from_str_radix(digits, radix) {
        Ok(number) => Some(Value::Number(number.into())),
        // Too large for 64 bits: keep the magnitude as a float, as JSON decoders do.
        Err(_) => {
            let float = digits.chars().fold(0.0_f64, |acc, c| {
                acc * f64::from(radix) + f64::from(c.to_digit(radix).unwrap_or(0))
            });
            finite_number(float)
        }
    }
}

/// A finite float written as `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
fn float_literal(text: &str) -> Option<Value> {
    if !is_float_syntax(text) {
        return None;
    }
    finite_number(text.parse::<f64>().ok()?)
}

/// Whether the text is written as a YAML 1.2 core-schema float (infinity and NaN aside).
fn is_float_syntax(text: &str) -> bool {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
        None => (unsigned, None),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        None => !mantissa.is_empty() && all_digits(mantissa),
        Some(("", fraction)) => !fraction.is_empty() && all_digits(fraction),
        Some((whole, fraction)) => all_digits(whole) && all_digits(fraction),
    };
    let exponent_ok = exponent.is_none_or(|exponent| {
        let digits = exponent.strip_prefix(['-', '+']).unwrap_or(exponent);
        !digits.is_empty() && all_digits(digits)
    });
    mantissa_ok && exponent_ok
}

/// `.inf`, `-.Inf`, `.NAN` and the other spellings of infinity and not-a-number.
fn is_special_float(text: &str) -> bool {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    matches!(unsigned, ".inf" | ".Inf" | ".INF") || matches!(text, ".nan" | ".NaN" | ".NAN")
}

fn finite_number(float: f64) -> Option<Value> {
    Number::from_f64(float).map(Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn plain_value(text: &str) -> Value {
        match scalar_to_json(text, ScalarStyle::Plain, None) {
            Ok(value) => value,
            Err(message) => panic!("{text}: {message}"),
        }
    }

    #[test]
    fn plain_scalars_follow_the_core_schema() {
        assert_eq!(plain_value("8000"), json!(8000));
        assert_eq!(plain_value("-3"), json!(-3));
        assert_eq!(plain_value("+7"), json!(7));
        assert_eq!(plain_value("010"), json!(10));
        assert_eq!(plain_value("0o17"), json!(15));
        assert_eq!(plain_value("0x1F"), json!(31));
        assert_eq!(plain_value("1.5"), json!(1.5));
        assert_eq!(plain_value(".5"), json!(0.5));
        assert_eq!(plain_value("1e3"), json!(1000.0));
        assert_eq!(plain_value("true"), json!(true));
        assert_eq!(plain_value("FALSE"), json!(false));
        assert_eq!(plain_value("null"), Value::Null);
        assert_eq!(plain_value("~"), Value::Null);
        assert_eq!(plain_value(""), Value::Null);
    }

    #[test]
    fn yaml_1_1_and_lookalike_values_stay_strings() {
        for text in [
            "2x2", "yes", "no", "on", "off", "y", "1_000", "0b101", "1:30", "1.2.3", "e3", "0x",
            "-", ".", "1e", "v1",
        ] {
            assert_eq!(plain_value(text), json!(text), "{text}");
        }
    }

    #[test]
    fn quoted_and_block_scalars_are_strings() {
        for style in [
            ScalarStyle::SingleQuoted,
            ScalarStyle::DoubleQuoted,
            ScalarStyle::Literal,
            ScalarStyle::Folded,
        ] {
            assert_eq!(scalar_to_json("4", style, None), Ok(json!("4")));
            assert_eq!(scalar_to_json("true", style, None), Ok(json!("true")));
        }
    }

    #[test]
    fn big_integers_become_floats() {
        assert_eq!(plain_value("18446744073709551615"), json!(u64::MAX));
        assert_eq!(plain_value("99999999999999999999"), json!(1e20));
    }

    #[test]
    fn numbers_json_cannot_hold_are_rejected() {
        for text in [".inf", "-.Inf", "+.INF", ".NaN", "1e999", "-1e999"] {
            assert!(
                scalar_to_json(text, ScalarStyle::Plain, None).is_err(),
                "{text}"
            );
        }
    }

    #[test]
    fn standard_tags_decide_the_type() {
        let core = |suffix: &str| Tag::new("tag:yaml.org,2002:", suffix);
        let tagged_value = |text: &str, suffix: &str| {
            scalar_to_json(text, ScalarStyle::Plain, Some(&core(suffix)))
        };
        assert_eq!(tagged_value("8000", "str"), Ok(json!("8000")));
        assert_eq!(tagged_value("12", "int"), Ok(json!(12)));
        assert_eq!(tagged_value("12", "float"), Ok(json!(12.0)));
        assert_eq!(tagged_value("true", "bool"), Ok(json!(true)));
        assert_eq!(tagged_value("x", "null"), Ok(Value::Null));
        assert!(tagged_value("abc", "int").is_err());
        assert!(tagged_value("abc", "map").is_err());
        let quoted_int = scalar_to_json("3", ScalarStyle::DoubleQuoted, Some(&core("int")));
        assert_eq!(quoted_int, Ok(json!(3)));
        let custom = Tag::new("!", "custom");
        assert_eq!(
            scalar_to_json("5", ScalarStyle::Plain, Some(&custom)),
            Ok(json!(5))
        );
        let non_specific = Tag::new("!", "");
        assert_eq!(
            scalar_to_json("5", ScalarStyle::Plain, Some(&non_specific)),
            Ok(json!("5"))
        );
    }
}
