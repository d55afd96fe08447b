//! vLLM releases and the `vllm serve` flags of each: which version an image carries, and whether
//! a flag is valid, deprecated or removed there (versions.md §A4; the tables in `vllm_flags/` are
//! data read from each release's PyPI wheel).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A vLLM release whose complete flag list p3gen holds.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum VllmVersion {
    /// vLLM v0.10.0 (Red Hat AI Inference Server 3.2.1).
    #[serde(rename = "0.10.0")]
    V0_10_0,
    /// vLLM v0.10.1.1 (Red Hat AI Inference Server 3.2.2).
    #[serde(rename = "0.10.1")]
    V0_10_1,
    /// vLLM v0.10.2.
    #[serde(rename = "0.10.2")]
    V0_10_2,
    /// vLLM v0.11.0.
    #[serde(rename = "0.11.0")]
    V0_11_0,
    /// vLLM v0.11.2.
    #[serde(rename = "0.11.2")]
    V0_11_2,
    /// vLLM v0.12.0.
    #[serde(rename = "0.12.0")]
    V0_12_0,
    /// vLLM v0.13.0 (Red Hat AI Inference Server 3.3).
    #[serde(rename = "0.13.0")]
    V0_13_0,
    /// vLLM v0.33.0, the newest release when the tables were made.
    #[serde(rename = "0.33.0")]
    V0_33_0,
}

super::version::string_enum!(VllmVersion, "vLLM" {
    V0_10_0 => "0.10.0",
    V0_10_1 => "0.10.1",
    V0_10_2 => "0.10.2",
    V0_11_0 => "0.11.0",
    V0_11_2 => "0.11.2",
    V0_12_0 => "0.12.0",
    V0_13_0 => "0.13.0",
    V0_33_0 => "0.33.0",
});

/// The flag table of each release, in [`VllmVersion::ALL`] order; each file's first line names its
/// source.
const TABLES: [&str; 8] = [
    include_str!("vllm_flags/v0.10.0.tsv"),
    include_str!("vllm_flags/v0.10.1.1.tsv"),
    include_str!("vllm_flags/v0.10.2.tsv"),
    include_str!("vllm_flags/v0.11.0.tsv"),
    include_str!("vllm_flags/v0.11.2.tsv"),
    include_str!("vllm_flags/v0.12.0.tsv"),
    include_str!("vllm_flags/v0.13.0.tsv"),
    include_str!("vllm_flags/v0.33.0.tsv"),
];

/// Flags removed in a release between those with tables, with the release that removed them
/// (versions.md §A4, e.g. `vllm-project/vllm@v0.17.0:vllm/engine/arg_utils.py L2187`).
const REMOVED_IN: &[(&str, &str)] = &[
    ("--disable-log-requests", "0.17.0"),
    ("--swap-space", "0.18.0"),
    ("--disable-frontend-multiprocessing", "0.19.0"),
];

/// Flags people pass to vLLM that no release has, with what they meant (versions.md §A4, "never
/// valid").
pub const MISTAKEN_FLAGS: &[(&str, &str)] = &[
    (
        "--prefix-cache-block-size",
        "`--block-size` sets the KV-cache block size",
    ),
    (
        "--kv-cache-usage-percentage-metric",
        "it is an EPP flag (gateway-api-inference-extension), not vLLM's; remove it here",
    ),
];

/// The flag that turns vLLM's request logging off.
pub const DISABLE_LOG_REQUESTS: &str = "--disable-log-requests";

/// How a flag takes its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagKind {
    /// `argparse.BooleanOptionalAction`: `--no-FLAG` is valid too.
    Bool,
    /// Takes no value.
    Switch,
    /// Takes a value.
    Value,
}

/// One flag of one release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlagInfo {
    /// How it takes its value.
    pub kind: FlagKind,
    /// Whether vLLM marks it deprecated (it still parses, with a warning).
    pub deprecated: bool,
}

type Table = BTreeMap<&'static str, FlagInfo>;

fn parse_table(text: &'static str) -> Table {
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let mut columns = line.split('\t');
            let flag = columns.next().unwrap_or_default();
            let kind = match columns.next().unwrap_or_default() {
                "bool" => FlagKind::Bool,
                "switch" => FlagKind::Switch,
                _ => FlagKind::Value,
            };
            let deprecated = columns.next() == Some("deprecated");
            (flag, FlagInfo { kind, deprecated })
        })
        .collect()
}

impl VllmVersion {
    /// The `vllm serve` flags of this release.
    pub fn flags(self) -> &'static BTreeMap<&'static str, FlagInfo> {
        static PARSED: OnceLock<Vec<Table>> = OnceLock::new();
        let tables = PARSED.get_or_init(|| TABLES.iter().copied().map(parse_table).collect());
        let index = Self::ALL
            .iter()
            .position(|v| *v == self)
            .unwrap_or_default();
        &tables[index]
    }

    /// Where the table comes from: the first line of its file.
    pub fn source(self) -> &'static str {
        let index = Self::ALL
            .iter()
            .position(|v| *v == self)
            .unwrap_or_default();
        TABLES[index]
            .lines()
            .next()
            .unwrap_or_default()
            .trim_start_matches("# source: ")
    }
}

/// Which vLLM the serving container runs, as far as p3gen can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VllmKnown {
    /// This release.
    Exact(VllmVersion),
    /// One of the releases from the first to the second (an image whose exact vLLM is unknown).
    Between(VllmVersion, VllmVersion),
    /// Not known: flags are checked against every release.
    Unknown,
}

impl VllmKnown {
    /// Which vLLM a container runs: the release a spec names, else what its image tells.
    pub fn resolve(release: Option<VllmVersion>, image: &str) -> VllmKnown {
        release.map_or_else(|| VllmKnown::of_image(image), VllmKnown::Exact)
    }

    /// What the image tells: the vLLM of a Red Hat AI Inference Server image (RHAIIS 3.2.1 = v0.10.0,
    /// 3.2.2 = v0.10.1, 3.3 = v0.13.0; 3.2.5 lies between v0.10.1 and v0.13.0; versions.md §A4 and
    /// https://access.redhat.com/articles/7136620), else unknown.
    pub fn of_image(image: &str) -> VllmKnown {
        let Some((repository, tag)) = image.rsplit_once(':') else {
            return VllmKnown::Unknown;
        };
        if !repository.contains("/rhaiis/") {
            return VllmKnown::Unknown;
        }
        match tag {
            "3.2.1" => VllmKnown::Exact(VllmVersion::V0_10_0),
            "3.2.2" => VllmKnown::Exact(VllmVersion::V0_10_1),
            "3.2.5" => VllmKnown::Between(VllmVersion::V0_10_1, VllmVersion::V0_13_0),
            tag if tag == "3.3" || tag.starts_with("3.3.") => {
                VllmKnown::Exact(VllmVersion::V0_13_0)
            }
            _ => VllmKnown::Unknown,
        }
    }

    /// The releases the container may run.
    fn candidates(self) -> &'static [VllmVersion] {
        let all = VllmVersion::ALL;
        let position = |v: VllmVersion| all.iter().position(|x| *x == v).unwrap_or_default();
        match self {
            VllmKnown::Exact(version) => {
                let at = position(version);
                &all[at..=at]
            }
            VllmKnown::Between(low, high) => &all[position(low)..=position(high)],
            VllmKnown::Unknown => all,
        }
    }

    /// In words, for messages: `vLLM 0.13.0`, `vLLM 0.10.1 … 0.13.0`, or any release p3gen holds.
    pub fn describe(self) -> String {
        match self {
            VllmKnown::Exact(version) => format!("vLLM {version}"),
            VllmKnown::Between(low, high) => format!("vLLM {low} … {high}"),
            VllmKnown::Unknown => format!(
                "any vLLM from {} to {} (the image's vLLM version is unknown)",
                VllmVersion::ALL[0],
                VllmVersion::ALL[VllmVersion::ALL.len() - 1]
            ),
        }
    }
}

/// What the releases say of one flag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlagVerdict {
    /// Valid on the releases checked.
    Valid,
    /// No release checked has it: vLLM exits. With the closest flag there is, if one is close.
    Unknown {
        /// A likely intended flag.
        suggestion: Option<&'static str>,
    },
    /// Valid, but deprecated, or gone in a later release.
    Dated {
        /// Whether a release checked marks it deprecated.
        deprecated: bool,
        /// The release that removes it, when one does.
        removed_in: Option<String>,
    },
}

/// The flag name of a token as vLLM's parser reads it: `--x=v` → `--x`, `_` → `-`.
fn normalise(token: &str) -> Option<String> {
    let name = token.strip_prefix("--")?;
    let name = name.split_once('=').map_or(name, |(name, _)| name);
    (!name.is_empty()).then(|| format!("--{}", name.replace('_', "-")))
}

/// The table entry for `flag`, taking `--no-FLAG` for a bool flag.
fn lookup(table: &Table, flag: &str) -> Option<FlagInfo> {
    table.get(flag).copied().or_else(|| {
        let base = format!("--{}", flag.strip_prefix("--no-")?);
        table
            .get(base.as_str())
            .copied()
            .filter(|info| info.kind == FlagKind::Bool)
    })
}

/// Checks one container argument (`--flag`, `--flag=value`) against the releases `known` allows;
/// anything that is not a long flag is [`FlagVerdict::Valid`].
pub fn check_flag(known: VllmKnown, token: &str) -> FlagVerdict {
    let Some(flag) = normalise(token) else {
        return FlagVerdict::Valid;
    };
    let candidates = known.candidates();
    let found: Vec<FlagInfo> = candidates
        .iter()
        .filter_map(|version| lookup(version.flags(), &flag))
        .collect();
    if found.is_empty() {
        let newest = candidates[candidates.len() - 1];
        return FlagVerdict::Unknown {
            suggestion: closest(&flag, newest),
        };
    }
    // Deprecated only if every release the container may run says so.
    let deprecated = found.iter().all(|info| info.deprecated);
    let newest = candidates[candidates.len() - 1];
    let removed_in = removal_after(newest, &flag);
    if deprecated || removed_in.is_some() {
        FlagVerdict::Dated {
            deprecated,
            removed_in,
        }
    } else {
        FlagVerdict::Valid
    }
}

/// The release after `version` that removes `flag`, when one does.
fn removal_after(version: VllmVersion, flag: &str) -> Option<String> {
    let base = flag.strip_prefix("--no-").map(|rest| format!("--{rest}"));
    let names = [Some(flag.to_owned()), base];
    if let Some((_, release)) = REMOVED_IN
        .iter()
        .find(|(removed, _)| names.iter().flatten().any(|name| name == removed))
        && release.parse::<Semver>().ok() > version.as_str().parse().ok()
    {
        return Some((*release).to_owned());
    }
    VllmVersion::ALL
        .iter()
        .filter(|later| **later > version)
        .find(|later| lookup(later.flags(), flag).is_none())
        .map(|later| format!("{later} or earlier"))
}

/// A dotted version, compared numerically.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Semver(Vec<u32>);

impl std::str::FromStr for Semver {
    type Err = std::num::ParseIntError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        text.split('.')
            .map(str::parse)
            .collect::<Result<_, _>>()
            .map(Semver)
    }
}

/// The flag of `version` most like `flag`, if one is close enough to suggest.
fn closest(flag: &str, version: VllmVersion) -> Option<&'static str> {
    version
        .flags()
        .keys()
        .map(|candidate| (strsim::jaro_winkler(flag, candidate), *candidate))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_parses_with_the_counts_versions_md_gives() {
        let counts = [158, 171, 176, 179, 196, 194, 195, 321];
        for (version, count) in VllmVersion::ALL.iter().zip(counts) {
            assert_eq!(version.flags().len(), count, "{version}");
            assert!(
                version.source().contains("vllm-project/vllm@v"),
                "{version}"
            );
        }
    }

    /// versions.md §B rows 45 and 46, §A4.
    #[test]
    fn flags_are_checked_per_release() {
        use FlagVerdict::*;
        let exact = |v| VllmKnown::Exact(v);
        // `--prefix-cache-block-size` is a flag of no release.
        for version in VllmVersion::ALL {
            assert!(
                matches!(
                    check_flag(exact(*version), "--prefix-cache-block-size=16"),
                    Unknown { .. }
                ),
                "{version}"
            );
        }
        assert!(matches!(
            check_flag(VllmKnown::Unknown, "--prefix-cache-block-size"),
            Unknown { .. }
        ));
        assert!(
            MISTAKEN_FLAGS
                .iter()
                .any(|(flag, _)| *flag == "--prefix-cache-block-size")
        );
        assert_eq!(
            check_flag(exact(VllmVersion::V0_13_0), "--max-modle-len=2048"),
            Unknown {
                suggestion: Some("--max-model-len")
            }
        );
        // `--disable-log-requests`: fine on 0.10.0 (removed later), deprecated 0.10.1 …, gone at 0.17.
        assert_eq!(
            check_flag(exact(VllmVersion::V0_10_0), "--disable-log-requests"),
            Dated {
                deprecated: false,
                removed_in: Some("0.17.0".to_owned())
            }
        );
        assert_eq!(
            check_flag(exact(VllmVersion::V0_13_0), "--disable-log-requests"),
            Dated {
                deprecated: true,
                removed_in: Some("0.17.0".to_owned())
            }
        );
        assert!(matches!(
            check_flag(exact(VllmVersion::V0_33_0), "--disable-log-requests"),
            Unknown { .. }
        ));
        assert!(matches!(
            check_flag(exact(VllmVersion::V0_10_0), "--enable-log-requests"),
            Unknown { .. }
        ));
        // Both spellings, `=value` and the `--no-` form of a bool flag.
        assert_eq!(
            check_flag(exact(VllmVersion::V0_11_0), "--max_model_len=2048"),
            Valid
        );
        assert_eq!(
            check_flag(exact(VllmVersion::V0_11_0), "--no-enable-prefix-caching"),
            Valid
        );
        assert!(matches!(
            check_flag(exact(VllmVersion::V0_11_0), "--no-max-model-len"),
            Unknown { .. }
        ));
        // Removed in 0.11.0.
        assert_eq!(
            check_flag(exact(VllmVersion::V0_10_2), "--max-seq-len-to-capture=8192"),
            Dated {
                deprecated: false,
                removed_in: Some("0.11.0 or earlier".to_owned())
            }
        );
        assert_eq!(
            check_flag(exact(VllmVersion::V0_13_0), "/mnt/models"),
            Valid
        );
    }

    #[test]
    fn rhaiis_images_tell_their_vllm() {
        let image = |tag: &str| {
            VllmKnown::of_image(&format!("registry.redhat.io/rhaiis/vllm-tpu-rhel9:{tag}"))
        };
        assert_eq!(image("3.2.1"), VllmKnown::Exact(VllmVersion::V0_10_0));
        assert_eq!(image("3.3.0"), VllmKnown::Exact(VllmVersion::V0_13_0));
        assert_eq!(
            image("3.2.5"),
            VllmKnown::Between(VllmVersion::V0_10_1, VllmVersion::V0_13_0)
        );
        assert_eq!(
            VllmKnown::of_image("vllm/vllm-openai:v0.11.0"),
            VllmKnown::Unknown
        );
    }
}
