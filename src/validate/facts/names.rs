//! Kubernetes name syntax, and which of the names KServe derives from an LLMInferenceService's
//! name it hashes.

use crate::target::{CHILD_SUFFIXES, child_name};

/// The suffixes of the children of `name` whose names KServe hashes because `name + suffix`
/// exceeds 63 characters.
pub fn hashed_children(name: &str) -> Vec<&'static str> {
    CHILD_SUFFIXES
        .iter()
        .copied()
        .filter(|suffix| child_name(name, suffix) != format!("{name}{suffix}"))
        .collect()
}

/// Why `name` is not a DNS-1123 label (namespaces, label-like names): at most 63 lower-case
/// alphanumerics or `-`, starting and ending with an alphanumeric.
pub fn dns1123_label(name: &str) -> Result<(), String> {
    if name.len() > 63 {
        return Err(format!("it has {} characters, more than 63", name.len()));
    }
    label_characters(name)
}

/// The character rules of a DNS-1123 label, without its length limit.
fn label_characters(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("it is empty".to_owned());
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Err(format!(
            "`{bad}` is not allowed (only lower-case letters, digits and `-`)"
        ));
    }
    if name.starts_with('-') || name.ends_with('-') {
        return Err("it must start and end with a letter or digit".to_owned());
    }
    Ok(())
}

/// Why `name` is not a DNS-1035 label (Service names): a DNS-1123 label that starts with a letter.
pub fn dns1035_label(name: &str) -> Result<(), String> {
    dns1123_label(name)?;
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return Err("it must start with a letter".to_owned());
    }
    Ok(())
}

/// Why `name` is not a DNS-1123 subdomain (most object names): at most 253 characters of
/// lower-case alphanumerics and `-` in parts joined by `.`, each part starting and ending with an
/// alphanumeric.
pub fn dns1123_subdomain(name: &str) -> Result<(), String> {
    if name.len() > 253 {
        return Err(format!("it has {} characters, more than 253", name.len()));
    }
    name.split('.').try_for_each(|part| {
        label_characters(part).map_err(|why| {
            if part.is_empty() {
                "it has an empty part between dots".to_owned()
            } else {
                why
            }
        })
    })
}

/// Which syntax a name must follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameSyntax {
    /// DNS-1123 label: namespaces.
    Label,
    /// DNS-1035 label: names that become Service names.
    Dns1035,
    /// DNS-1123 subdomain: most object names.
    Subdomain,
}

impl NameSyntax {
    /// Checks a name.
    pub fn check(self, name: &str) -> Result<(), String> {
        match self {
            NameSyntax::Label => dns1123_label(name),
            NameSyntax::Dns1035 => dns1035_label(name),
            NameSyntax::Subdomain => dns1123_subdomain(name),
        }
    }

    /// How messages name the syntax.
    pub fn describe(self) -> &'static str {
        match self {
            NameSyntax::Label => "a DNS-1123 label",
            NameSyntax::Dns1035 => "a DNS-1035 label",
            NameSyntax::Subdomain => "a DNS-1123 subdomain",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_kubernetes_syntax() {
        assert!(dns1123_label("qwen2-3b-pattern3").is_ok());
        assert!(dns1123_label("Qwen").is_err());
        assert!(dns1123_label("-a").is_err());
        assert!(dns1123_label(&"a".repeat(64)).is_err());
        assert!(dns1035_label("2b").is_err());
        assert!(dns1123_subdomain("a.b-c").is_ok());
        assert!(dns1123_subdomain("a..b").is_err());
        assert!(dns1123_subdomain(&"a".repeat(100)).is_ok());
    }

    #[test]
    fn children_are_hashed_above_38_characters() {
        assert!(hashed_children(&"a".repeat(38)).is_empty());
        assert_eq!(hashed_children(&"a".repeat(39)).len(), 1);
    }
}
