//! Reading TOML text into a [`Spec`], turning every TOML and shape error into a diagnostic.

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, SourceFile};

use super::Spec;

/// Parses a spec. On failure the diagnostics point at the offending text: the first TOML or shape
/// error, or every required top-level table that is missing, each on its own.
pub fn parse(source: &SourceFile) -> Result<Spec, Vec<Diagnostic>> {
    let document =
        toml::de::DeTable::parse(source.text()).map_err(|error| vec![diagnose(source, &error)])?;
    let literals = super::literals::collect(document.get_ref());
    let mut spec = Spec::deserialize(toml::de::Deserializer::from(document))
        .map_err(|error| shape_errors(source, &error))?;
    spec.literals = literals.into();
    Ok(spec)
}

/// The diagnostics of a spec that is TOML but not a spec: every missing required top-level table,
/// and the first other shape error.
fn shape_errors(source: &SourceFile, error: &toml::de::Error) -> Vec<Diagnostic> {
    let missing = missing_tables(source);
    let first = diagnose(source, error);
    let about_a_missing_table = missing
        .iter()
        .any(|table| first.message == format!("missing key `{table}`"));
    let mut diagnostics: Vec<Diagnostic> = missing
        .iter()
        .map(|table| missing_table(source, table))
        .collect();
    if !about_a_missing_table {
        diagnostics.push(first);
    }
    diagnostics
}

/// The required top-level tables (as the schema lists them) that a spec does not have; none when
/// it is not TOML at all.
fn missing_tables(source: &SourceFile) -> Vec<String> {
    let Ok(table) = source.text().parse::<toml::Table>() else {
        return Vec::new();
    };
    let schema = schemars::schema_for!(Spec);
    let required = schema
        .get("required")
        .and_then(serde_json::Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    required
        .iter()
        .filter_map(serde_json::Value::as_str)
        .filter(|name| !table.contains_key(*name))
        .map(str::to_owned)
        .collect()
}

/// A missing top-level table, labelled at the top of the spec (its first line that is not blank
/// or a comment).
fn missing_table(source: &SourceFile, table: &str) -> Diagnostic {
    let text = source.text();
    let mut offset = 0;
    let mut top = 0..0;
    for line in text.split_inclusive('\n') {
        let content = line.trim();
        if !content.is_empty() && !content.starts_with('#') {
            let start = offset + (line.len() - line.trim_start().len());
            top = start..start + content.len();
            break;
        }
        offset += line.len();
    }
    Diagnostic::error("P3004", format!("missing table [{table}]"))
        .primary(Some(top), format!("this spec has no [{table}] table"))
        .help(format!(
            "add a [{table}] table; `p3gen schema` describes every key"
        ))
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
    fn every_missing_table_is_reported_at_the_top_of_the_spec() {
        let text = "# a spec\n\n[service]\nname = \"x\"\nnamespace = \"llm\"\nreplicas = 1\n";
        let diagnostics = parse(&SourceFile::new("partial.toml", text)).unwrap_err();
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "missing table [model]",
                "missing table [accelerator]",
                "missing table [container]",
                "missing table [gateway]"
            ]
        );
        for diagnostic in &diagnostics {
            assert_eq!(diagnostic.code, "P3004");
            assert_eq!(
                diagnostic.labels[0].span(),
                Some(&(10..19)),
                "{diagnostic:?}"
            );
        }
    }

    #[test]
    fn a_missing_key_inside_a_table_is_still_reported_alone() {
        let text = "[service]\nname = \"x\"\n";
        let source = SourceFile::new("x.toml", text);
        let diagnostics = parse(&source).unwrap_err();
        assert!(
            diagnostics
                .iter()
                .any(|d| d.message == "missing key `namespace`"),
            "{diagnostics:?}"
        );
    }

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
