//! Kubernetes object names as KServe derives them (knative's `kmeta.ChildName`).

use md5::{Digest, Md5};

/// The longest object name KServe produces.
const LONGEST: usize = 63;
/// The length of an MD5 digest in hex.
const MD5_HEX_LEN: usize = 32;
/// The room left for the parent name when a name is hashed.
const HEAD: usize = LONGEST - MD5_HEX_LEN;

/// The name KServe gives a child object: `parent + suffix` when that fits in 63 characters;
/// otherwise the parent is cut and the MD5 of the parent is put in between, exactly as
/// `knative.dev/pkg/kmeta.ChildName` does.
pub fn child_name(parent: &str, suffix: &str) -> String {
    if parent.len() + suffix.len() <= LONGEST {
        return format!("{parent}{suffix}");
    }
    if HEAD <= suffix.len() {
        let digest = md5_hex(&format!("{parent}{suffix}"));
        let head = parent.get(..HEAD).unwrap_or(parent);
        let mut name = format!("{head}{digest}");
        if name.len() < LONGEST {
            let room = LONGEST - name.len();
            name.push_str(suffix.get(..room).unwrap_or(suffix));
        }
        return name.trim_end_matches('-').to_owned();
    }
    let head = parent.get(..HEAD - suffix.len()).unwrap_or(parent);
    format!("{head}{}{suffix}", md5_hex(parent))
}

fn md5_hex(text: &str) -> String {
    Md5::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_concatenated() {
        assert_eq!(
            child_name("qwen2-3b-pattern3", "-kserve-route"),
            "qwen2-3b-pattern3-kserve-route"
        );
    }

    #[test]
    fn long_names_are_hashed_to_63_characters() {
        let parent = "a-very-long-llm-inference-service-name-of-fifty-one";
        assert_eq!(parent.len(), 51);
        let name = child_name(parent, "-kserve-route");
        assert_eq!(name.len(), 63);
        assert!(name.starts_with("a-very-long-llm-i"));
        assert!(name.ends_with("-kserve-route"));
        assert_eq!(&name[18..50], md5_hex(parent));
    }

    #[test]
    fn the_boundary_is_exactly_63() {
        let parent = "x".repeat(50);
        assert_eq!(child_name(&parent, "-kserve-route").len(), 63);
        assert_eq!(
            child_name(&parent, "-kserve-route"),
            format!("{parent}-kserve-route")
        );
        let parent = "x".repeat(51);
        assert_ne!(
            child_name(&parent, "-kserve-route"),
            format!("{parent}-kserve-route")
        );
    }
}
