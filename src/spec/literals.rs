//! Every string a spec writes (keys and values) with its place in the TOML, the keys above it and
//! what kind of string the spec format makes it: what secret checks run over.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

/// What a string of the spec is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A key: a field name, or a name the user gives (an environment variable, a label, a plugin).
    Key,
    /// A value, named by the last key of its path.
    Value,
    /// The name of a Secret or of a key in one: a reference, never a secret value itself.
    SecretReference,
    /// Command-line text vLLM receives (`vllm.extra-args`, `vllm.launcher`).
    CommandLine,
}

/// A string written in the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal {
    /// The keys from the document root to the string (for a key, the key itself last); array
    /// items add no key.
    pub path: Vec<String>,
    /// The string, as TOML decoded it.
    pub text: String,
    /// Its place in the TOML: the quoted string, or the key.
    pub span: Range<usize>,
    /// What it is.
    pub role: Role,
}

/// Which part of a Kubernetes label a string of the spec becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelPart {
    /// A label key (also a selector's).
    Key,
    /// A label value (also a selector's).
    Value,
}

impl Literal {
    /// The name the value is written under: the last key of its path.
    pub fn name(&self) -> &str {
        self.path.last().map_or("", String::as_str)
    }

    /// Whether the string becomes a label key or value in the output.
    pub fn label_part(&self) -> Option<LabelPart> {
        let in_map = LABEL_MAPS
            .iter()
            .any(|map| self.path.len() == map.len() + 1 && under(&self.path, map));
        let value = LABEL_VALUES
            .iter()
            .any(|at| self.path.len() == at.len() && under(&self.path, at));
        match self.role {
            Role::Key if in_map => Some(LabelPart::Key),
            Role::Value if in_map || value => Some(LabelPart::Value),
            _ => None,
        }
    }
}

/// Maps of labels: keys and values land in `metadata.labels` or a selector's `matchLabels`.
const LABEL_MAPS: &[&[&str]] = &[
    &["network-policies", "labels"],
    &["monitoring", "labels"],
    &["network-policies", "selectors", "*"],
];

/// Single values that become label values: a policy's `app.kubernetes.io/component`, and the
/// gateway name, which selects the gateway pods by `gateway.networking.k8s.io/gateway-name`.
const LABEL_VALUES: &[&[&str]] = &[
    &["network-policies", "*", "component"],
    &["gateway", "name"],
];

/// Tables that hold Secret references (`{ secret, key }`) or lists of Secret names; `*` stands
/// for any one key.
const SECRET_REFERENCES: &[&[&str]] = &[
    &["container", "hf-token"],
    &["container", "secret-env", "*"],
    &["container", "image-pull-secrets"],
    &["monitoring", "vllm-ca"],
    &["monitoring", "epp-bearer-token"],
];

/// Values that are command-line text.
const COMMAND_LINE: &[&[&str]] = &[&["vllm", "extra-args"], &["vllm", "launcher"]];

/// Tables whose strings never reach the output: `[lints]` reasons are for the reader.
const NOT_RENDERED: &[&str] = &["lints"];

fn under(path: &[String], prefix: &[&str]) -> bool {
    path.len() >= prefix.len()
        && prefix
            .iter()
            .zip(path)
            .all(|(want, have)| *want == "*" || want == have)
}

fn role_of(path: &[String]) -> Role {
    if SECRET_REFERENCES.iter().any(|prefix| under(path, prefix)) {
        Role::SecretReference
    } else if COMMAND_LINE.iter().any(|prefix| under(path, prefix)) {
        Role::CommandLine
    } else {
        Role::Value
    }
}

/// Every key and string value of a spec's text, as [`collect`] finds them; none if the text is
/// not TOML.
pub fn literals_of(text: &str) -> Vec<Literal> {
    DeTable::parse(text).map_or_else(|_| Vec::new(), |document| collect(document.get_ref()))
}

/// Every key and string value of a parsed document, in document order of its tables.
pub fn collect(root: &DeTable<'_>) -> Vec<Literal> {
    let mut out = Vec::new();
    let mut path = Vec::new();
    for (key, value) in root {
        if NOT_RENDERED.contains(&key.get_ref().as_ref()) {
            continue;
        }
        walk_entry(key, value, &mut path, &mut out);
    }
    out
}

fn walk_entry(
    key: &toml::Spanned<std::borrow::Cow<'_, str>>,
    value: &toml::Spanned<DeValue<'_>>,
    path: &mut Vec<String>,
    out: &mut Vec<Literal>,
) {
    path.push(key.get_ref().to_string());
    out.push(Literal {
        path: path.clone(),
        text: key.get_ref().to_string(),
        span: key.span(),
        role: Role::Key,
    });
    walk_value(value, path, out);
    path.pop();
}

fn walk_value(value: &toml::Spanned<DeValue<'_>>, path: &mut Vec<String>, out: &mut Vec<Literal>) {
    match value.get_ref() {
        DeValue::String(text) => out.push(Literal {
            path: path.clone(),
            text: text.to_string(),
            span: value.span(),
            role: role_of(path),
        }),
        DeValue::Array(items) => {
            for item in items.iter() {
                walk_value(item, path, out);
            }
        }
        DeValue::Table(table) => {
            for (key, value) in table {
                walk_entry(key, value, path, out);
            }
        }
        DeValue::Integer(_) | DeValue::Float(_) | DeValue::Boolean(_) | DeValue::Datetime(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literals(text: &str) -> Vec<Literal> {
        collect(DeTable::parse(text).unwrap().get_ref())
    }

    #[test]
    fn keys_and_values_come_with_their_path_place_and_role() {
        let text = "[container]\nhf-token = { secret = \"s\", key = \"k\" }\nimage = \"i\"\n\
                    [container.env]\nHF_TOKEN = \"v\"\n[vllm]\nextra-args = [\"--a\"]\n\
                    [lints]\nallow = { P3402 = \"reason\" }\n";
        let found = literals(text);
        let value = |text: &str| {
            found
                .iter()
                .find(|l| l.text == text && l.role != Role::Key)
                .unwrap()
        };
        assert_eq!(value("s").role, Role::SecretReference);
        assert_eq!(value("i").role, Role::Value);
        assert_eq!(value("v").path, ["container", "env", "HF_TOKEN"]);
        assert_eq!(value("v").name(), "HF_TOKEN");
        assert_eq!(&text[value("v").span.clone()], "\"v\"");
        assert_eq!(value("--a").role, Role::CommandLine);
        assert!(
            found
                .iter()
                .any(|l| l.text == "HF_TOKEN" && l.role == Role::Key)
        );
        assert!(!found.iter().any(|l| l.text == "reason"));
    }
}
