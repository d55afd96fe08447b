//! Kubernetes label syntax, as the API server checks it (apimachinery's
//! `IsQualifiedName` and `IsValidLabelValue`): keys are a name of at most 63 characters with an
//! optional DNS-1123 subdomain prefix of at most 253 (`example.com/name`), values at most 63
//! characters of the same set, or empty. Annotation keys follow the key rules.

use super::names::dns1123_subdomain;

/// The longest label name (the part after the prefix) and the longest label value.
pub const MAX_NAME: usize = 63;

/// Why `text` is not a label name or value: `[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?`, at
/// most 63 characters.
fn name_part(text: &str, what: &str) -> Result<(), String> {
    if text.len() > MAX_NAME {
        return Err(format!(
            "the {what} has {} characters, more than {MAX_NAME}",
            text.len()
        ));
    }
    if let Some(bad) = text
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return Err(format!(
            "`{}` is not allowed in the {what} (only letters, digits, `-`, `_` and `.`)",
            bad.escape_debug()
        ));
    }
    let alphanumeric = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if !alphanumeric(text.chars().next()) || !alphanumeric(text.chars().next_back()) {
        return Err(format!(
            "the {what} must start and end with a letter or digit"
        ));
    }
    Ok(())
}

/// Why `key` is not a label (or annotation) key.
pub fn label_key(key: &str) -> Result<(), String> {
    let (prefix, name) = match key.rsplit_once('/') {
        Some((prefix, name)) => (Some(prefix), name),
        None => (None, key),
    };
    if let Some(prefix) = prefix {
        if prefix.is_empty() {
            return Err("the prefix before `/` is empty".to_owned());
        }
        if prefix.contains('/') {
            return Err("it has more than one `/`".to_owned());
        }
        dns1123_subdomain(prefix)
            .map_err(|why| format!("the prefix `{prefix}` is not a DNS-1123 subdomain: {why}"))?;
    }
    if name.is_empty() {
        return Err("the name is empty".to_owned());
    }
    name_part(name, "name")
}

/// Why `value` is not a label value; an empty value is one.
pub fn label_value(value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    name_part(value, "value")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_the_qualified_name_rules() {
        for key in [
            "app",
            "app.kubernetes.io/name",
            "a_b.c-d",
            "A1",
            "example.com/X_y",
        ] {
            assert!(label_key(key).is_ok(), "{key}");
        }
        for key in [
            "a b",
            "",
            "-a",
            "a-",
            "/a",
            "a/",
            "Example.com/a",
            "a/b/c",
            &"x".repeat(64),
        ] {
            assert!(label_key(key).is_err(), "{key}");
        }
        assert!(label_key(&format!("{}/a", "p".repeat(254))).is_err());
    }

    #[test]
    fn values_may_be_empty_but_not_spaced_or_long() {
        assert!(label_value("").is_ok());
        assert!(label_value("v1.2_x-y").is_ok());
        assert!(label_value("a b").is_err());
        assert!(label_value(&"x".repeat(64)).is_err());
        assert!(label_value(&"x".repeat(63)).is_ok());
    }
}
