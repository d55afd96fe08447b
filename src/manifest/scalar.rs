//! Typing of YAML scalars the way kubectl reads them, so that `lint`, `validate` and `diff` see
//! the object the API server receives.
//!
//! kubectl turns YAML into JSON with sigs.k8s.io/yaml, which decodes with go-yaml v2 (YAML 1.1
//! rules) and then marshals the result as JSON. So an unquoted `on`, `yes` or `y` is the boolean
//! `true`, `010` is the octal 8, `1_000` is 1000, and a quoted `"on"` stays a string. The rules
//! below follow `resolve` in go-yaml/yaml@v2.4.0:resolve.go (the resolve table and the number
//! parsing) and the key conversion of `convertToJSONableObject` in
//! kubernetes-sigs/yaml@v1.4.0:yaml.go.

use serde_json::{Number, Value};
use serde_saphyr::granit_parser::{ScalarStyle, Tag};

/// The plain scalars that go-yaml v2 reads as booleans: `resolveMapList` in
/// go-yaml/yaml@v2.4.0:resolve.go.
const BOOLEANS: [(&str, bool); 22] = [
    ("y", true),
    ("Y", true),
    ("yes", true),
    ("Yes", true),
    ("YES", true),
    ("true", true),
    ("True", true),
    ("TRUE", true),
    ("on", true),
    ("On", true),
    ("ON", true),
    ("n", false),
    ("N", false),
    ("no", false),
    ("No", false),
    ("NO", false),
    ("false", false),
    ("False", false),
    ("FALSE", false),
    ("off", false),
    ("Off", false),
    ("OFF", false),
];

/// The plain scalars that go-yaml v2 reads as null (same table).
const NULLS: [&str; 5] = ["", "~", "null", "Null", "NULL"];

/// What go-yaml v2 makes of one scalar, before JSON.
#[derive(Debug, Clone, PartialEq)]
enum Resolved {
    Null,
    Bool(bool),
    Int(Number),
    Float(f64),
    Str,
}

/// Converts one YAML scalar in value position to JSON, as kubectl sends it.
///
/// Quoted and block scalars are strings. Plain scalars resolve as go-yaml v2 resolves them:
/// `~`, `null` and the empty scalar are null; the YAML 1.1 booleans ([`BOOLEANS`]) are bools;
/// integers may be signed, use `0x`, `0o`, `0b` or a leading `0` (octal), and `_` between digits;
/// decimal fractions and exponents are floats; everything else (dates included) is a string. A
/// float with no fractional part below 10²¹ becomes an integer, as Go's JSON encoder writes it.
/// The standard tags `!!str`, `!!int`, `!!float`, `!!bool`, `!!null` and `!!timestamp` force a
/// type; a value tagged with any other tag is a string, as go-yaml leaves it.
pub(super) fn scalar_to_json(
    text: &str,
    style: ScalarStyle,
    tag: Option<&Tag>,
) -> Result<Value, String> {
    match resolve(text, style, tag)? {
        Resolved::Null => Ok(Value::Null),
        Resolved::Bool(flag) => Ok(Value::Bool(flag)),
        Resolved::Int(number) => Ok(Value::Number(number)),
        Resolved::Float(float) => float_to_json(float).ok_or_else(|| {
            format!("{text} is not a finite number and cannot be represented in JSON")
        }),
        Resolved::Str => Ok(Value::String(text.to_owned())),
    }
}

/// Converts one YAML scalar in key position to the JSON key kubectl sends: a plain `on` key is
/// `"true"`, `1.0` is `"1"`, a quoted key is its text. A null key cannot be a JSON key.
pub(super) fn key_to_string(
    text: &str,
    style: ScalarStyle,
    tag: Option<&Tag>,
) -> Result<String, String> {
    match resolve(text, style, tag)? {
        Resolved::Null => Err(format!(
            "the mapping key {text:?} is null, which cannot be a JSON key (kubectl refuses it too); quote it"
        )),
        Resolved::Bool(flag) => Ok(flag.to_string()),
        Resolved::Int(number) => Ok(number.to_string()),
        Resolved::Float(float) => Ok(go_float32_key(float)),
        Resolved::Str => Ok(text.to_owned()),
    }
}

/// The key an already converted value stands for when an alias puts it in key position.
pub(super) fn value_to_key(value: &Value) -> Result<String, String> {
    match value {
        Value::String(text) => Ok(text.clone()),
        Value::Bool(flag) => Ok(flag.to_string()),
        Value::Number(number) => Ok(number.to_string()),
        Value::Null => Err("an alias to a null value cannot be a mapping key".to_owned()),
        Value::Array(_) | Value::Object(_) => Err("mapping keys must be scalars".to_owned()),
    }
}

fn resolve(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Result<Resolved, String> {
    let Some(tag) = tag else {
        return Ok(if style == ScalarStyle::Plain {
            plain(text)
        } else {
            Resolved::Str
        });
    };
    let resolved = plain(text);
    let wanted = match tag.core_suffix() {
        Some("str" | "timestamp") => return Ok(Resolved::Str),
        Some("null") => matches!(resolved, Resolved::Null),
        Some("bool") => matches!(resolved, Resolved::Bool(_)),
        Some("int") => matches!(resolved, Resolved::Int(_)),
        Some("float") => {
            if let Resolved::Int(number) = &resolved {
                return Ok(Resolved::Float(number.as_f64().unwrap_or_default()));
            }
            matches!(resolved, Resolved::Float(_))
        }
        Some(other) => return Err(format!("tag !!{other} cannot be used on a scalar")),
        // go-yaml leaves a scalar with a tag it does not know (`!`, `!custom`) as its text.
        None => return Ok(Resolved::Str),
    };
    if wanted {
        Ok(resolved)
    } else {
        let kind = tag.core_suffix().unwrap_or_default();
        Err(format!("{text:?} is not a valid !!{kind}"))
    }
}

/// Resolves an untagged plain scalar: `resolve` in go-yaml/yaml@v2.4.0:resolve.go, which looks
/// at the first character to decide what to try.
fn plain(text: &str) -> Resolved {
    if NULLS.contains(&text) {
        return Resolved::Null;
    }
    if let Some((_, flag)) = BOOLEANS.iter().find(|(word, _)| *word == text) {
        return Resolved::Bool(*flag);
    }
    match text.as_bytes().first() {
        Some(b'.') => special_float(text)
            .or_else(|| finite_float(text))
            .map_or(Resolved::Str, Resolved::Float),
        Some(b'+' | b'-' | b'0'..=b'9') => number(text),
        _ => Resolved::Str,
    }
}

/// `.inf`, `-.Inf`, `.NAN` and the other spellings of infinity and not-a-number.
fn special_float(text: &str) -> Option<f64> {
    let (sign, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (-1.0, &text[1..]),
        Some(b'+') => (1.0, &text[1..]),
        _ => (1.0, text),
    };
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") {
        return Some(sign * f64::INFINITY);
    }
    matches!(text, ".nan" | ".NaN" | ".NAN").then_some(f64::NAN)
}

/// A scalar starting with a sign or a digit: an integer (after removing `_`), else a float,
/// else a string.
fn number(text: &str) -> Resolved {
    if let Some(float) = special_float(text) {
        return Resolved::Float(float);
    }
    let digits: String = text.chars().filter(|&c| c != '_').collect();
    if let Some(signed) = go_parse_int(&digits) {
        return Resolved::Int(signed.into());
    }
    if let Some(unsigned) = go_parse_uint(&digits) {
        return Resolved::Int(unsigned.into());
    }
    if is_float_syntax(&digits)
        && let Some(float) = finite_float(&digits)
    {
        return Resolved::Float(float);
    }
    // go-yaml tries the digits after `0b` once more as a signed base-2 number.
    if let Some(binary) = digits.strip_prefix("0b")
        && let Some(signed) = signed_in_radix(binary, 2)
    {
        return Resolved::Int(signed.into());
    }
    Resolved::Str
}

/// Go's `strconv.ParseInt(text, 0, 64)`: an optional sign, then [`go_parse_uint`]'s digits.
fn go_parse_int(text: &str) -> Option<i64> {
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let magnitude = go_parse_uint(unsigned)?;
    if negative {
        0_i64.checked_sub_unsigned(magnitude)
    } else {
        i64::try_from(magnitude).ok()
    }
}

/// Go's `strconv.ParseUint(text, 0, 64)`: `0b`, `0o` and `0x` prefixes (either case), a leading
/// `0` for octal, else decimal; no sign.
fn go_parse_uint(text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    let bytes = text.as_bytes();
    let (radix, digits) = if bytes[0] == b'0' && bytes.len() >= 3 {
        match bytes[1].to_ascii_lowercase() {
            b'b' => (2, &text[2..]),
            b'o' => (8, &text[2..]),
            b'x' => (16, &text[2..]),
            _ => (8, &text[1..]),
        }
    } else if bytes[0] == b'0' {
        (8, &text[1..])
    } else {
        (10, text)
    };
    if !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    if digits.is_empty() {
        return Some(0);
    }
    u64::from_str_radix(digits, radix).ok()
}

/// Go's `strconv.ParseInt(text, radix, 64)` for an explicit radix: an optional sign and digits.
fn signed_in_radix(text: &str, radix: u32) -> Option<i64> {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if unsigned.is_empty() || !unsigned.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    i64::from_str_radix(text, radix).ok()
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`: `yamlStyleFloat` in go-yaml v2.
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

/// A float in decimal notation that does not overflow (Go's `ParseFloat` fails on overflow, and
/// go-yaml then keeps the text as a string).
fn finite_float(text: &str) -> Option<f64> {
    if !is_float_syntax(text) {
        return None;
    }
    text.parse::<f64>().ok().filter(|float| float.is_finite())
}

/// A float as the API server reads it back from Go's JSON encoding: a whole number below 10²¹ is
/// written without a fraction, so it arrives as an integer. `None` for infinity and NaN, which
/// Go's encoder refuses.
fn float_to_json(float: f64) -> Option<Value> {
    if !float.is_finite() {
        return None;
    }
    if float.fract() == 0.0 && float.abs() < 1e21 {
        // 2⁶³: the whole numbers below it in magnitude fit an i64, those below 2⁶⁴ a u64.
        const TWO_63: f64 = 9_223_372_036_854_775_808.0;
        if (-TWO_63..TWO_63).contains(&float) {
            return Some(Value::Number((float as i64).into()));
        }
        if (0.0..2.0 * TWO_63).contains(&float) {
            return Some(Value::Number((float as u64).into()));
        }
    }
    Number::from_f64(float).map(Value::Number)
}

/// A float key as sigs.k8s.io/yaml writes it: Go's `strconv.FormatFloat(key, 'g', -1, 32)`, the
/// shortest float32 digits, with an exponent (`1e+06`) from 10⁶ up and below 10⁻⁴.
fn go_float32_key(float: f64) -> String {
    if float.is_nan() {
        return ".nan".to_owned();
    }
    if float.is_infinite() {
        return if float > 0.0 { ".inf" } else { "-.inf" }.to_owned();
    }
    let single = float as f32;
    let scientific = format!("{single:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    if single != 0.0 && !(-4..6).contains(&exponent) {
        let sign = if exponent < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", exponent.abs())
    } else {
        single.to_string()
    }
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

    fn plain_key(text: &str) -> String {
        match key_to_string(text, ScalarStyle::Plain, None) {
            Ok(key) => key,
            Err(message) => panic!("{text}: {message}"),
        }
    }

    #[test]
    fn yaml_1_1_booleans_are_booleans() {
        for text in [
            "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE",
        ] {
            assert_eq!(plain_value(text), json!(true), "{text}");
        }
        for text in [
            "n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE",
        ] {
            assert_eq!(plain_value(text), json!(false), "{text}");
        }
        // Other spellings are not in go-yaml's table.
        for text in ["yEs", "oN", "ofF", "tRUE", "YeS", "nO"] {
            assert_eq!(plain_value(text), json!(text), "{text}");
        }
    }

    #[test]
    fn plain_numbers_follow_go_yaml_v2() {
        assert_eq!(plain_value("8000"), json!(8000));
        assert_eq!(plain_value("-3"), json!(-3));
        assert_eq!(plain_value("+7"), json!(7));
        assert_eq!(plain_value("0"), json!(0));
        assert_eq!(plain_value("010"), json!(8));
        assert_eq!(plain_value("0644"), json!(420));
        assert_eq!(plain_value("0o17"), json!(15));
        assert_eq!(plain_value("0x1F"), json!(31));
        assert_eq!(plain_value("-0x1F"), json!(-31));
        assert_eq!(plain_value("0b101"), json!(5));
        assert_eq!(plain_value("1_000"), json!(1000));
        assert_eq!(plain_value("1.5"), json!(1.5));
        assert_eq!(plain_value(".5"), json!(0.5));
        assert_eq!(plain_value("-.5"), json!(-0.5));
        // `08` is not octal, so it is the float 8, which Go's JSON writes as 8.
        assert_eq!(plain_value("08"), json!(8));
        assert_eq!(plain_value("1e3"), json!(1000));
        assert_eq!(plain_value("2.0"), json!(2));
        assert_eq!(plain_value("1e21"), json!(1e21));
        assert_eq!(plain_value("null"), Value::Null);
        assert_eq!(plain_value("~"), Value::Null);
        assert_eq!(plain_value(""), Value::Null);
    }

    #[test]
    fn lookalike_values_stay_strings() {
        for text in [
            "2x2",
            "1:30",
            "1.2.3",
            "e3",
            "0x",
            "-",
            ".",
            "1e",
            "v1",
            "_1",
            "2024-01-02",
            "2001-12-14t21:59:43.10-05:00",
            "1e999",
            "0xZ",
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
            for text in ["4", "true", "on", "yes", "~", "0x1F"] {
                assert_eq!(scalar_to_json(text, style, None), Ok(json!(text)));
                assert_eq!(key_to_string(text, style, None), Ok(text.to_owned()));
            }
        }
    }

    #[test]
    fn big_integers_become_floats() {
        assert_eq!(plain_value("18446744073709551615"), json!(u64::MAX));
        assert_eq!(plain_value("-9223372036854775808"), json!(i64::MIN));
        assert_eq!(plain_value("99999999999999999999"), json!(1e20));
    }

    #[test]
    fn numbers_json_cannot_hold_are_rejected() {
        for text in [".inf", "-.Inf", "+.INF", ".NaN"] {
            assert!(
                scalar_to_json(text, ScalarStyle::Plain, None).is_err(),
                "{text}"
            );
        }
    }

    #[test]
    fn keys_become_strings_as_sigs_k8s_io_yaml_writes_them() {
        assert_eq!(plain_key("on"), "true");
        assert_eq!(plain_key("n"), "false");
        assert_eq!(plain_key("name"), "name");
        assert_eq!(plain_key("010"), "8");
        assert_eq!(plain_key("1.0"), "1");
        assert_eq!(plain_key("1.5"), "1.5");
        assert_eq!(plain_key("1e6"), "1e+06");
        assert_eq!(plain_key("123456"), "123456");
        assert_eq!(plain_key("0.00001"), "1e-05");
        assert_eq!(plain_key("0.0001"), "0.0001");
        assert_eq!(plain_key(".inf"), ".inf");
        assert!(key_to_string("~", ScalarStyle::Plain, None).is_err());
        assert_eq!(value_to_key(&json!(true)), Ok("true".to_owned()));
        assert!(value_to_key(&Value::Null).is_err());
    }

    #[test]
    fn standard_tags_decide_the_type() {
        let core = |suffix: &str| Tag::new("tag:yaml.org,2002:", suffix);
        let tagged_value = |text: &str, suffix: &str| {
            scalar_to_json(text, ScalarStyle::Plain, Some(&core(suffix)))
        };
        assert_eq!(tagged_value("8000", "str"), Ok(json!("8000")));
        assert_eq!(tagged_value("on", "str"), Ok(json!("on")));
        assert_eq!(tagged_value("12", "int"), Ok(json!(12)));
        assert_eq!(tagged_value("1.5", "float"), Ok(json!(1.5)));
        // A whole float reaches the API server as an integer.
        assert_eq!(tagged_value("12", "float"), Ok(json!(12)));
        assert_eq!(tagged_value("yes", "bool"), Ok(json!(true)));
        assert_eq!(tagged_value("~", "null"), Ok(Value::Null));
        assert_eq!(
            tagged_value("2001-12-14", "timestamp"),
            Ok(json!("2001-12-14"))
        );
        assert!(tagged_value("x", "null").is_err());
        assert!(tagged_value("abc", "int").is_err());
        assert!(tagged_value("abc", "map").is_err());
        let quoted_bool = scalar_to_json("on", ScalarStyle::DoubleQuoted, Some(&core("bool")));
        assert_eq!(quoted_bool, Ok(json!(true)));
        for tag in [Tag::new("!", "custom"), Tag::new("!", "")] {
            assert_eq!(
                scalar_to_json("5", ScalarStyle::Plain, Some(&tag)),
                Ok(json!("5"))
            );
        }
    }
}
