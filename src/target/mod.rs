//! The KServe and Istio versions p3gen can emit for, and what differs between them.

use std::fmt;
use std::str::FromStr;

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
    /// Open Data Hub's KServe fork, `python/VERSION` 0.15.2 (RHOAI 3.x); its LLMInferenceService CRD equals upstream 0.16's.
    #[default]
    #[serde(rename = "odh-0.15")]
    Odh015,
    /// Upstream KServe v0.16, the first upstream release with LLMInferenceService.
    #[serde(rename = "0.16")]
    V016,
    /// Upstream KServe v0.17: `router.scheduler.config`, InferencePool v1.
    #[serde(rename = "0.17")]
    V017,
    /// Upstream KServe v0.18.
    #[serde(rename = "0.18")]
    V018,
    /// Upstream KServe v0.19: named HTTPRoute rules.
    #[serde(rename = "0.19")]
    V019,
    /// Upstream KServe v0.20.
    #[serde(rename = "0.20")]
    V020,
}

/// The Istio version of the mesh and gateway.
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
    /// Istio 1.27: watches `inference.networking.x-k8s.io/v1alpha2` pools.
    #[default]
    #[serde(rename = "1.27")]
    V1_27,
    /// Istio 1.28: watches `inference.networking.k8s.io/v1` pools only.
    #[serde(rename = "1.28")]
    V1_28,
    /// Istio 1.29.
    #[serde(rename = "1.29")]
    V1_29,
    /// Istio 1.30.
    #[serde(rename = "1.30")]
    V1_30,
}

macro_rules! string_enum {
    ($ty:ty { $($variant:path => $text:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, oldest first.
            pub const ALL: &'static [$ty] = &[$($variant),+];

            /// The spelling used in specs and on the command line.
            pub fn as_str(self) -> &'static str {
                match self { $($variant => $text),+ }
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $ty {
            type Err = String;

            fn from_str(s: &str) -> Result<Self, String> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s).ok_or_else(|| {
                    let names: Vec<_> = Self::ALL.iter().map(|v| v.as_str()).collect();
                    format!("unknown version `{s}`, expected one of {}", names.join(", "))
                })
            }
        }
    };
}

string_enum!(KserveTarget {
    KserveTarget::Odh015 => "odh-0.15",
    KserveTarget::V016 => "0.16",
    KserveTarget::V017 => "0.17",
    KserveTarget::V018 => "0.18",
    KserveTarget::V019 => "0.19",
    KserveTarget::V020 => "0.20",
});

string_enum!(IstioVersion {
    IstioVersion::V1_26 => "1.26",
    IstioVersion::V1_27 => "1.27",
    IstioVersion::V1_28 => "1.28",
    IstioVersion::V1_29 => "1.29",
    IstioVersion::V1_30 => "1.30",
});

impl KserveTarget {
    /// How the target's well-known template starts vLLM, and so which argument form replaces its own.
    /// Open Data Hub runs `/bin/bash -c <script>`; upstream runs `vllm serve /mnt/models <flags>`.
    pub fn default_args_form(self) -> crate::spec::ArgsForm {
        match self {
            KserveTarget::Odh015 => crate::spec::ArgsForm::Script,
            _ => crate::spec::ArgsForm::Flags,
        }
    }

    /// Indices of the HTTPRoute rules whose backend is the InferencePool (the catch-all Service rule is never one).
    pub fn inference_pool_rule_indices(self) -> &'static [u32] {
        match self {
            KserveTarget::V016 => &[0],
            KserveTarget::Odh015 | KserveTarget::V017 => &[0, 1],
            KserveTarget::V018 | KserveTarget::V019 | KserveTarget::V020 => &[0, 1, 2],
        }
    }
}
