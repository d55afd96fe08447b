//! JSON pointer helpers (RFC 6901) shared by the YAML reader and position look-ups.

use std::borrow::Cow;

/// Escapes one object key or array index as a JSON pointer segment (`~` → `~0`, `/` → `~1`);
/// borrows the key when it needs no escape, as almost every key does (the rules walk every key of
/// every object).
pub fn pointer_segment(key: &str) -> Cow<'_, str> {
    if key.contains(['~', '/']) {
        Cow::Owned(key.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(key)
    }
}

/// Returns the pointer one level up, or `None` for the root pointer `""`.
pub fn parent_pointer(pointer: &str) -> Option<&str> {
    pointer.rfind('/').map(|slash| &pointer[..slash])
}

/// Appends one unescaped key to a pointer.
pub(super) fn child_pointer(parent: &str, key: &str) -> String {
    let mut pointer = String::with_capacity(parent.len() + key.len() + 1);
    pointer.push_str(parent);
    pointer.push('/');
    pointer.push_str(&pointer_segment(key));
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_escaped() {
        assert_eq!(
            pointer_segment("app.kubernetes.io/name"),
            "app.kubernetes.io~1name"
        );
        assert_eq!(pointer_segment("a~b"), "a~0b");
        assert_eq!(
            child_pointer("/metadata/labels", "a/b"),
            "/metadata/labels/a~1b"
        );
    }

    #[test]
    fn parents_walk_up_to_the_root() {
        assert_eq!(parent_pointer("/spec/ports/0"), Some("/spec/ports"));
        assert_eq!(parent_pointer("/spec"), Some(""));
        assert_eq!(parent_pointer(""), None);
    }
}
