//! The KServe and Istio versions p3gen can emit for: parsing, printing, serde and JSON Schema.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The KServe flavour and version whose controller reconciles the LLMInferenceService.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
pub enum KserveTarget {
    /// Open Data Hub's KServe fork (`opendatahub-io/kserve@odh-v3.3`, `python/VERSION` 0.15.2); its
    /// LLMInferenceService CRD is byte-identical to upstream 0.16's.
    #[default]
    #[serde(rename = "odh-0.15")]
    Odh015,
    /// Upstream KServe v0.16.0, the first upstream release with LLMInferenceService.
    #[serde(rename = "0.16")]
    V016,
    /// Upstream KServe v0.17.0: `router.scheduler.config`, InferencePool `inference.networking.k8s.io/v1`.
    #[serde(rename = "0.17")]
    V017,
    /// Upstream KServe v0.18.0: a fourth HTTPRoute rule (`/v1/responses`).
    #[serde(rename = "0.18")]
    V018,
    /// Upstream KServe v0.19.0: named HTTPRoute rules.
    #[serde(rename = "0.19")]
    V019,
    /// Upstream KServe v0.20.0: the `llm-d-router-endpoint-picker` EPP image.
    #[serde(rename = "0.20")]
    V020,
}

/// The Istio version of the mesh and of the gateway.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
pub enum IstioVersion {
    /// Istio 1.26: no InferencePool support upstream.
    #[serde(rename = "1.26")]
    V1_26,
    /// Istio 1.27: watches `inference.networking.x-k8s.io/v1alpha2` pools only.
    #[default]
    #[serde(rename = "1.27")]
    V1_27,
    /// Istio 1.28: watches `inference.networking.k8s.io/v1` pools only.
    #[serde(rename = "1.28")]
    V1_28,
    /// Istio 1.29: the EnvoyFilter `WAYPOINT` context.
    #[serde(rename = "1.29")]
    V1_29,
    /// Istio 1.30.
    #[serde(rename = "1.30")]
    V1_30,
}

/// A version string that names no supported target.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} version `{given}`, expected one of {expected}")]
pub struct UnknownVersion {
    /// What was being parsed: `KServe`, `Istio` or `EPP`.
    pub what: &'static str,
    /// The text that did not parse.
    pub given: String,
    /// The accepted spellings, comma-separated.
    pub expected: String,
}

/// Implements `ALL`, `as_str`, `Display` and `FromStr` (failing with [`UnknownVersion`]) for a
/// fieldless enum from its spellings.
macro_rules! string_enum {
    ($ty:ident, $what:literal { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, oldest first.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The spelling used in specs and on the command line.
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $text),+ }
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::target::UnknownVersion;

            fn from_str(s: &str) -> Result<Self, $crate::target::UnknownVersion> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s).ok_or_else(|| {
                    $crate::target::UnknownVersion {
                        what: $what,
                        given: s.to_string(),
                        expected: Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                    }
                })
            }
        }
    };
}

pub(super) use string_enum;

string_enum!(KserveTarget, "KServe" {
    Odh015 => "odh-0.15",
    V016 => "0.16",
    V017 => "0.17",
    V018 => "0.18",
    V019 => "0.19",
    V020 => "0.20",
});

string_enum!(IstioVersion, "Istio" {
    V1_26 => "1.26",
    V1_27 => "1.27",
    V1_28 => "1.28",
    V1_29 => "1.29",
    V1_30 => "1.30",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kserve_target_round_trips_through_text_and_serde() {
        let spellings = ["odh-0.15", "0.16", "0.17", "0.18", "0.19", "0.20"];
        assert_eq!(KserveTarget::ALL.len(), spellings.len());
        for (target, text) in KserveTarget::ALL.iter().zip(spellings) {
            assert_eq!(target.to_string(), text);
            assert_eq!(text.parse::<KserveTarget>(), Ok(*target));
            let json = serde_json::to_string(target).unwrap();
            assert_eq!(json, format!("\"{text}\""));
            assert_eq!(
                serde_json::from_str::<KserveTarget>(&json).unwrap(),
                *target
            );
        }
    }

    #[test]
    fn every_istio_version_round_trips_through_text_and_serde() {
        let spellings = ["1.26", "1.27", "1.28", "1.29", "1.30"];
        assert_eq!(IstioVersion::ALL.len(), spellings.len());
        for (version, text) in IstioVersion::ALL.iter().zip(spellings) {
            assert_eq!(version.to_string(), text);
            assert_eq!(text.parse::<IstioVersion>(), Ok(*version));
            let json = serde_json::to_string(version).unwrap();
            assert_eq!(
                serde_json::from_str::<IstioVersion>(&json).unwrap(),
                *version
            );
        }
    }

    #[test]
    fn defaults_are_odh_and_istio_1_27() {
        assert_eq!(KserveTarget::default(), KserveTarget::Odh015);
        assert_eq!(IstioVersion::default(), IstioVersion::V1_27);
    }

    #[test]
    fn unknown_spellings_are_rejected_with_the_accepted_list() {
        let err = "0.15".parse::<KserveTarget>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown KServe version `0.15`, expected one of odh-0.15, 0.16, 0.17, 0.18, 0.19, 0.20"
        );
        assert!("1.31".parse::<IstioVersion>().is_err());
        assert!(serde_json::from_str::<KserveTarget>("\"v0.16\"").is_err());
    }

    #[test]
    fn json_schemas_are_string_enums_of_the_spellings() {
        let schema = serde_json::to_value(schemars::schema_for!(KserveTarget)).unwrap();
        let text = schema.to_string();
        for target in KserveTarget::ALL {
            assert!(text.contains(&format!("\"{}\"", target.as_str())), "{text}");
        }
        let variants = schema["oneOf"]
            .as_array()
            .or(schema["enum"].as_array())
            .unwrap();
        assert_eq!(variants.len(), KserveTarget::ALL.len());
        for variant in variants {
            let is_string = variant.is_string() || variant["type"] == "string";
            assert!(is_string, "{variant}");
        }
    }
}
