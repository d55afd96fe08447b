//! Reading TOML text into a [`Spec`], turning every TOML and shape error into a diagnostic.

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, SourceFile};

use super::Spec;

/// Parses a spec. On failure the diagnostic points at the offending text.
pub fn parse(source: &SourceFile) -> Result<Spec, Diagnostic> {
    let fail = |error| diagnose(source, &error);
    let document = toml::de::DeTable::parse(source.text()).map_err(fail)?;
    let literals = super::literals::collect(document.get_ref());
    let mut spec = Spec::deserialize(toml::de::Deserializer::from(document)).map_err(fail)?;
    spec.literals = literals.into();
    Ok(spec)
}

fn diagnose(source: &SourceFile, error: &toml::de::Error) -> Diagnostic {
    let message = error.message().trim().to_owned();
    let span = error.span().map(|span| clamp(span, source.text().len()));
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (found, expected) = split_expected(rest);
        return Diagnostic::error("P3003", format!("unknown key {found}"))
            .primary(span, "not a key here")
            .help(suggest("key", &found, &expected));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (found, expected) = split_expected(rest);
        return Diagnostic::error("P3005", format!("unknown value {found}"))
            .primary(span, "not a valid value here")
            .help(suggest("value", &found, &expected));
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return Diagnostic::error("P3004", format!("missing key {field}"))
            .primary(span, format!("this table needs {field}"))
            .help(format!("add {field}; `p3gen schema` describes every key"));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = split_invalid(rest);
        return Diagnostic::error("P3002", format!("wrong type: found {found}"))
            .primary(span, format!("expected {expected}"))
            .help(format!("write {expected} here"));
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (found, expected) = split_invalid(rest);
        return Diagnostic::error("P3005", format!("invalid value: {found}"))
            .primary(span, format!("expected {}", describe_expected(&expected)))
            .help(format!("write {} here", describe_expected(&expected)));
    }
    Diagnostic::error("P3001", "invalid TOML")
        .primary(span, message)
        .help("see https://toml.io for the syntax")
}

fn clamp(span: std::ops::Range<usize>, len: usize) -> std::ops::Range<usize> {
    let start = span.start.min(len);
    start..span.end.clamp(start, len)
}

/// Splits "`x`, expected one of `a`, `b`" or "`x`, expected `a` or `b`" into the found name and the choices.
fn split_expected(rest: &str) -> (String, Vec<String>) {
    let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
    let choices = expected
        .trim_start_matches("one of ")
        .split(['`'])
        .enumerate()
        .filter(|(index, _)| index % 2 == 1)
        .map(|(_, choice)| choice.to_owned())
        .collect();
    (found.trim().to_owned(), choices)
}

/// Splits "integer `-1`, expected u32" into the found value and the expectation.
fn split_invalid(rest: &str) -> (String, String) {
    match rest.split_once(", expected ") {
        Some((found, expected)) => (found.trim().to_owned(), expected.trim().to_owned()),
        None => (rest.trim().to_owned(), "another value".to_owned()),
    }
}

fn describe_expected(expected: &str) -> String {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number, 0 or more".to_owned(),
        "i32" | "i64" => "a whole number".to_owned(),
        "f32" | "f64" => "a number".to_owned(),
        other => other.to_owned(),
    }
}

fn suggest(what: &str, found: &str, choices: &[String]) -> String {
    let bare = found.trim_matches('`');
    let closest = choices
        .iter()
        .map(|choice| (strsim::damerau_levenshtein(bare, choice), choice))
        .filter(|(distance, choice)| *distance <= 2.max(choice.len() / 3))
        .min_by_key(|(distance, _)| *distance);
    let list = choices
        .iter()
        .map(|choice| format!("`{choice}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match (closest, choices.is_empty()) {
        (Some((_, choice)), _) => format!("did you mean `{choice}`? Valid {what}s: {list}"),
        (None, false) => format!("valid {what}s: {list}"),
        (None, true) => format!("remove this {what}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_serde_choice_lists() {
        let (found, choices) = split_expected("`replica`, expected one of `name`, `replicas`");
        assert_eq!(found, "`replica`");
        assert_eq!(choices, ["name", "replicas"]);
        let (_, choices) = split_expected("`fpga`, expected `tpu` or `gpu`");
        assert_eq!(choices, ["tpu", "gpu"]);
    }

    #[test]
    fn suggests_the_closest_choice_only_when_close() {
        let choices = vec!["name".to_owned(), "replicas".to_owned()];
        assert!(suggest("key", "`replica`", &choices).starts_with("did you mean `replicas`?"));
        assert!(suggest("key", "`zzzzzz`", &choices).starts_with("valid keys:"));
    }
}
