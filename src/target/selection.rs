//! A choice of KServe and Istio versions made on the command line, overriding the spec's `[target]`.

use std::str::FromStr;

use super::version::{IstioVersion, KserveTarget, UnknownVersion};

/// `--target kserve=0.20,istio=1.28`: the versions to render for instead of the spec's. Either key
/// may be left out; what is left out keeps the spec's value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TargetOverride {
    /// The KServe target, when overridden.
    pub kserve: Option<KserveTarget>,
    /// The Istio version, when overridden.
    pub istio: Option<IstioVersion>,
}

/// Why a `--target` value does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetOverrideError {
    /// An item is not `key=value`, or names no known key.
    #[error("`{0}` is not `kserve=VERSION` or `istio=VERSION`")]
    BadItem(String),
    /// A key is given twice.
    #[error("`{0}` is given twice")]
    Repeated(&'static str),
    /// A version is not supported.
    #[error(transparent)]
    Version(#[from] UnknownVersion),
}

impl FromStr for TargetOverride {
    type Err = TargetOverrideError;

    fn from_str(text: &str) -> Result<Self, TargetOverrideError> {
        let mut chosen = TargetOverride::default();
        for item in text.split(',').map(str::trim) {
            match item.split_once('=').map(|(k, v)| (k.trim(), v.trim())) {
                Some(("kserve", value)) => {
                    if chosen.kserve.replace(value.parse()?).is_some() {
                        return Err(TargetOverrideError::Repeated("kserve"));
                    }
                }
                Some(("istio", value)) => {
                    if chosen.istio.replace(value.parse()?).is_some() {
                        return Err(TargetOverrideError::Repeated("istio"));
                    }
                }
                _ => return Err(TargetOverrideError::BadItem(item.to_owned())),
            }
        }
        Ok(chosen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_either_or_both_keys() {
        assert_eq!(
            "kserve=0.20,istio=1.28".parse(),
            Ok(TargetOverride {
                kserve: Some(KserveTarget::V020),
                istio: Some(IstioVersion::V1_28),
            })
        );
        assert_eq!(
            " istio = 1.30 ".parse(),
            Ok(TargetOverride {
                kserve: None,
                istio: Some(IstioVersion::V1_30),
            })
        );
    }

    #[test]
    fn rejects_unknown_keys_versions_and_repeats() {
        let error = |text: &str| text.parse::<TargetOverride>().unwrap_err().to_string();
        assert_eq!(
            error("kserve=0.21"),
            "unknown KServe version `0.21`, expected one of odh-0.15, 0.16, 0.17, 0.18, 0.19, 0.20"
        );
        assert_eq!(
            error("epp=1"),
            "`epp=1` is not `kserve=VERSION` or `istio=VERSION`"
        );
        assert_eq!(error(""), "`` is not `kserve=VERSION` or `istio=VERSION`");
        assert_eq!(error("istio=1.27,istio=1.28"), "`istio` is given twice");
    }
}
