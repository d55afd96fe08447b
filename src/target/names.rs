//! KServe's child-object names: the suffixes it names them with, and knative's `kmeta.ChildName`,
//! reproduced exactly.

use md5::{Digest, Md5};

/// Suffixes of the children KServe names after an LLMInferenceService, longest first (domain
/// reference §1: K16 and ODH `router.go`, `workload_single_node.go`, `scheduler.go`,
/// `workload_tls_self_signed.go` under `pkg/controller/v1alpha1/llmisvc/`; the autoscaler objects of
/// K18–K20, `kserve/kserve@v0.20.0:pkg/controller/v1alpha2/llmisvc/scaling.go L603-619`).
pub const CHILD_SUFFIXES: &[&str] = &[
    "-kserve-self-signed-certs",
    "-kserve-router-scheduler",
    "-kserve-workload-svc",
    "-inference-model",
    "-inference-pool",
    "-kserve-prefill",
    "-kserve-route",
    "-epp-service",
    "-kserve-keda",
    "-kserve-hpa",
    "-kserve-va",
    "-epp-role",
    "-epp-sa",
    "-epp-rb",
    "-kserve",
];

/// The longest LLMInferenceService name whose child names are all predictable: 63 minus the
/// longest of [`CHILD_SUFFIXES`], `-kserve-self-signed-certs`.
pub const LONGEST_UNHASHED_NAME: usize = LONGEST - CHILD_SUFFIXES[0].len();

/// The longest name Kubernetes accepts for the objects KServe creates (a DNS-1123 label).
const LONGEST: usize = 63;
/// The length of an md5 digest in hex.
const MD5_HEX_LEN: usize = 32;
/// What is left of [`LONGEST`] once the hash is in.
const HEAD: usize = LONGEST - MD5_HEX_LEN;

/// The name KServe gives a child object of `parent`, as knative's `kmeta.ChildName`
/// (`knative/pkg@c43477f0052b:kmeta/names.go`, the version K16's `go.mod` pins).
///
/// - `parent + suffix` when that fits in 63 characters;
/// - otherwise `parent[:31-len(suffix)] + md5hex(parent) + suffix` (always 63 characters);
/// - for a suffix of 31 characters or more (none of KServe's), `parent[:31] + md5hex(parent+suffix)`
///   padded with the start of `suffix` up to 63 characters, with trailing `-` trimmed.
///
/// Lengths are in bytes as in Go; Kubernetes names are ASCII, and any other input is handled
/// byte-wise without panicking.
pub fn child_name(parent: &str, suffix: &str) -> String {
    let parent_bytes = parent.as_bytes();
    let suffix_bytes = suffix.as_bytes();
    if parent_bytes.len() <= LONGEST.saturating_sub(suffix_bytes.len()) {
        return format!("{parent}{suffix}");
    }
    if suffix_bytes.len() >= HEAD {
        let mut whole = parent_bytes.to_vec();
        whole.extend_from_slice(suffix_bytes);
        let mut name = prefix(parent_bytes, HEAD).to_vec();
        name.extend_from_slice(md5_hex(&whole).as_bytes());
        let missing = LONGEST.saturating_sub(name.len());
        name.extend_from_slice(prefix(suffix_bytes, missing));
        let trimmed = String::from_utf8_lossy(&name)
            .trim_end_matches('-')
            .to_string();
        return trimmed;
    }
    let mut name = prefix(parent_bytes, HEAD - suffix_bytes.len()).to_vec();
    name.extend_from_slice(md5_hex(parent_bytes).as_bytes());
    name.extend_from_slice(suffix_bytes);
    String::from_utf8_lossy(&name).into_owned()
}

/// The first `len` bytes of `bytes`, or all of them when there are fewer.
fn prefix(bytes: &[u8], len: usize) -> &[u8] {
    bytes.get(..len).unwrap_or(bytes)
}

/// The md5 digest of `bytes` as 32 lowercase hex characters, as Go's `fmt.Sprintf("%x", md5.Sum(b))`.
fn md5_hex(bytes: &[u8]) -> String {
    Md5::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // A 50-character LLMInferenceService name.
    const NAME_50: &str = "qwen2-5-3b-instruct-pattern3-prefix-cache-tpu-v6e4";

    #[test]
    fn names_up_to_38_characters_are_never_hashed() {
        assert_eq!(LONGEST_UNHASHED_NAME, 38);
        assert!(CHILD_SUFFIXES.windows(2).all(|w| w[0].len() >= w[1].len()));
        let longest = "a".repeat(LONGEST_UNHASHED_NAME);
        for suffix in CHILD_SUFFIXES {
            assert_eq!(child_name(&longest, suffix), format!("{longest}{suffix}"));
        }
    }

    #[test]
    fn md5_hex_matches_known_digests() {
        assert_eq!(md5_hex(b""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(md5_hex(b"abc"), "900150983cd24fb0d6963f7d28e17f72");
    }

    #[test]
    fn short_names_are_plain_concatenations() {
        assert_eq!(
            child_name("qwen2-3b-pattern3", "-kserve-route"),
            "qwen2-3b-pattern3-kserve-route"
        );
        assert_eq!(
            child_name("qwen2-3b-pattern3", "-inference-pool"),
            "qwen2-3b-pattern3-inference-pool"
        );
    }

    #[test]
    fn a_50_character_name_fits_exactly_with_kserve_route() {
        assert_eq!(NAME_50.len(), 50);
        let name = child_name(NAME_50, "-kserve-route");
        assert_eq!(name, format!("{NAME_50}-kserve-route"));
        assert_eq!(name.len(), 63);
    }

    #[test]
    fn a_50_character_name_is_hashed_with_inference_pool() {
        // printf %s qwen2-5-3b-instruct-pattern3-prefix-cache-tpu-v6e4 | md5sum
        let name = child_name(NAME_50, "-inference-pool");
        assert_eq!(
            name,
            "qwen2-5-3b-instr922e66087ccbd69efbd8a5dc1d6d9657-inference-pool"
        );
        assert_eq!(name.len(), 63);
    }

    #[test]
    fn a_51_character_name_is_hashed_with_kserve_route() {
        let parent = format!("{NAME_50}x");
        let name = child_name(&parent, "-kserve-route");
        assert_eq!(name.len(), 63);
        assert!(name.starts_with(&NAME_50[..18]));
        assert_eq!(&name[18..50], md5_hex(parent.as_bytes()));
        assert!(name.ends_with("-kserve-route"));
    }

    #[test]
    fn suffixes_of_31_characters_or_more_hash_parent_and_suffix() {
        let parent = "p".repeat(40);
        let suffix = format!("-{}", "s".repeat(34));
        let name = child_name(&parent, &suffix);
        let hash = md5_hex(format!("{parent}{suffix}").as_bytes());
        assert_eq!(name, format!("{}{hash}", &parent[..31]));
    }

    #[test]
    fn long_suffix_padding_is_cut_and_trailing_dashes_trimmed() {
        // 30 + 32 hex = 62, padded with the suffix's first character `-`, which is then trimmed.
        let parent = "a".repeat(30);
        let suffix = format!("-{}", "b".repeat(39));
        let name = child_name(&parent, &suffix);
        let hash = md5_hex(format!("{parent}{suffix}").as_bytes());
        assert_eq!(name, format!("{parent}{hash}"));
        assert_eq!(name.len(), 62);
    }

    #[test]
    fn non_ascii_input_does_not_panic() {
        let parent = "é".repeat(40);
        let name = child_name(&parent, "-kserve-route");
        assert!(name.ends_with("-kserve-route"));
    }
}
