//! Which names p3gen may give the files and directories it writes: each one a single, visible path
//! component, and no two in one directory that a case-insensitive file system would take for one.

use std::collections::BTreeMap;

/// Why a name cannot be one entry of an output directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UnsafeName {
    /// The name is empty.
    #[error("is empty")]
    Empty,
    /// `.` is the directory itself.
    #[error("is `.`, the directory itself")]
    Dot,
    /// `..` is the parent directory.
    #[error("is `..`, the parent directory")]
    DotDot,
    /// Hidden entries belong to the user (`.git`, `.gitkeep`) or to p3gen's own bookkeeping.
    #[error("starts with `.` (hidden entries are never written)")]
    Hidden,
    /// A path separator would make it several components.
    #[error("contains the path separator `{0}`")]
    Separator(char),
    /// A NUL byte ends a path early.
    #[error("contains a NUL byte")]
    Nul,
    /// Control characters (newlines, escapes) in file names break tools and terminals.
    #[error("contains a control character")]
    Control,
    /// The name is not valid UTF-8.
    #[error("is not valid UTF-8")]
    NotUtf8,
}

/// Checks that `name` is one safe path component: not empty, `.` or `..`, not hidden, and without
/// separators (`/`, `\`), NUL or control characters.
pub fn check_component(name: &str) -> Result<(), UnsafeName> {
    match name {
        "" => return Err(UnsafeName::Empty),
        "." => return Err(UnsafeName::Dot),
        ".." => return Err(UnsafeName::DotDot),
        _ if name.starts_with('.') => return Err(UnsafeName::Hidden),
        _ => {}
    }
    for c in name.chars() {
        match c {
            '/' | '\\' => return Err(UnsafeName::Separator(c)),
            '\0' => return Err(UnsafeName::Nul),
            c if c.is_control() => return Err(UnsafeName::Control),
            _ => {}
        }
    }
    Ok(())
}

/// The form under which a case-insensitive file system stores a name: two names with the same key
/// are one entry there.
pub fn case_key(name: &str) -> String {
    name.to_lowercase()
}

/// Why the paths of a tree cannot be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnsafePath {
    /// One component of a path is not a safe name.
    #[error("`{path}`: `{component}` {why}")]
    Component {
        /// The path.
        path: String,
        /// The component.
        component: String,
        /// Why it is unsafe.
        why: UnsafeName,
    },
    /// Two paths name the same entry on a case-insensitive file system, or one path needs as a
    /// directory what another writes as a file.
    #[error("`{first}` and `{second}` would be the same entry on a case-insensitive file system")]
    Collision {
        /// The first path.
        first: String,
        /// The second path.
        second: String,
    },
}

/// Checks every `/`-separated path: each component safe, and no two entries of one directory the
/// same when case is ignored (a file and a directory included).
pub fn check_paths<'a>(paths: impl IntoIterator<Item = &'a str>) -> Result<(), UnsafePath> {
    // Every prefix seen, by its case key: the prefix as written and whether it is a directory.
    let mut seen: BTreeMap<String, (&'a str, bool)> = BTreeMap::new();
    for path in paths {
        let mut end = 0;
        let components: Vec<&str> = path.split('/').collect();
        for (index, component) in components.iter().enumerate() {
            check_component(component).map_err(|why| UnsafePath::Component {
                path: path.to_owned(),
                component: (*component).to_owned(),
                why,
            })?;
            end += component.len() + usize::from(index > 0);
            let prefix = &path[..end];
            let is_dir = index + 1 < components.len();
            match seen.get(&case_key(prefix)) {
                Some(&(first, first_is_dir)) if first != prefix || first_is_dir != is_dir => {
                    return Err(UnsafePath::Collision {
                        first: first.to_owned(),
                        second: path.to_owned(),
                    });
                }
                Some(_) => {}
                None => {
                    seen.insert(case_key(prefix), (prefix, is_dir));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_single_visible_components_are_safe() {
        for (name, why) in [
            ("", UnsafeName::Empty),
            (".", UnsafeName::Dot),
            ("..", UnsafeName::DotDot),
            (".git", UnsafeName::Hidden),
            ("a/b", UnsafeName::Separator('/')),
            ("a\\b", UnsafeName::Separator('\\')),
            ("a\0b", UnsafeName::Nul),
            ("a\nb", UnsafeName::Control),
        ] {
            assert_eq!(check_component(name), Err(why), "{name:?}");
        }
        for name in [
            "model-00001",
            "a.b",
            "llama..prod",
            "kustomization.yaml",
            "ü",
        ] {
            assert_eq!(check_component(name), Ok(()), "{name:?}");
        }
    }

    #[test]
    fn paths_that_differ_only_in_case_collide() {
        assert_eq!(
            check_paths(["A/x.yaml", "a/y.yaml"]),
            Err(UnsafePath::Collision {
                first: "A".to_owned(),
                second: "a/y.yaml".to_owned()
            })
        );
        assert!(matches!(
            check_paths(["a/x.yaml", "a/X.yaml"]),
            Err(UnsafePath::Collision { .. })
        ));
        // A file where another path needs a directory.
        assert!(matches!(
            check_paths(["a", "a/x.yaml"]),
            Err(UnsafePath::Collision { .. })
        ));
        assert_eq!(
            check_paths(["a/x.yaml", "a/y.yaml", "b/x.yaml", "kustomization.yaml"]),
            Ok(())
        );
    }

    #[test]
    fn an_unsafe_component_anywhere_is_named() {
        let error = check_paths(["ok/../x.yaml"]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "`ok/../x.yaml`: `..` is `..`, the parent directory"
        );
    }
}
