//! The pods KServe creates for an LLMInferenceService, their exact labels, and which of them a
//! label selector selects.

use std::collections::BTreeMap;

use crate::target::{NAME_LABEL, epp_pod_labels, workload_pod_labels};

/// Labels or a `matchLabels` selector.
pub type Labels = BTreeMap<String, String>;

/// A pod KServe creates for an LLMInferenceService.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum KservePod {
    /// A vLLM replica.
    Workload,
    /// The endpoint picker (`router-scheduler`).
    Epp,
}

impl KservePod {
    /// Every kind of pod.
    pub const ALL: [KservePod; 2] = [KservePod::Workload, KservePod::Epp];

    /// The labels KServe puts on the pod (K16/ODH `singleNodeLabels` and `SchedulerLabels`).
    pub fn labels(self, service: &str) -> Labels {
        match self {
            KservePod::Workload => workload_pod_labels(service),
            KservePod::Epp => epp_pod_labels(service),
        }
    }

    /// How messages name the pod.
    pub fn describe(self) -> &'static str {
        match self {
            KservePod::Workload => "vLLM",
            KservePod::Epp => "EPP",
        }
    }
}

/// Whether `matchLabels` select a pod with `labels`.
pub fn selects(selector: &Labels, labels: &Labels) -> bool {
    selector
        .iter()
        .all(|(key, value)| labels.get(key) == Some(value))
}

/// The KServe pods a selector selects, for any of the named services; with no names, for a service
/// of any name. `services` is sorted.
pub fn selected(selector: &Labels, services: &[String]) -> Vec<KservePod> {
    let named = selector.get(NAME_LABEL).cloned();
    // A selector that names a service can only select that service's pods.
    let only = named
        .as_ref()
        .filter(|name| services.binary_search(name).is_ok());
    let any_name = [named.clone().unwrap_or_default()];
    let names = match (services.is_empty(), only, &named) {
        (true, _, _) => &any_name[..],
        (false, Some(name), _) => std::slice::from_ref(name),
        (false, None, Some(_)) => &[],
        (false, None, None) => services,
    };
    KservePod::ALL
        .into_iter()
        .filter(|pod| {
            names
                .iter()
                .any(|name| selects(selector, &pod.labels(name)))
        })
        .collect()
}

/// Whether a selector is meant for KServe's pods: it uses a label key KServe sets (other than
/// the name, which other apps share), or the name of one of the (sorted) services.
pub fn aims_at_kserve(selector: &Labels, services: &[String]) -> bool {
    selector.iter().any(|(key, value)| {
        let kserve_key = KservePod::ALL
            .iter()
            .any(|pod| key != NAME_LABEL && pod.labels("").contains_key(key));
        kserve_key || (key == NAME_LABEL && services.binary_search(value).is_ok())
    })
}

/// The KServe label a selector entry most probably meant, e.g. `llminferenceservice-router-scheduler`
/// for `router-scheduler`.
pub fn probable_label(selector: &Labels) -> Option<(String, String)> {
    selector.iter().find_map(|(key, value)| {
        KservePod::ALL.iter().find_map(|pod| {
            let labels = pod.labels("");
            let real = labels.get(key)?;
            (real != value && !value.is_empty() && real.contains(value.as_str()))
                .then(|| (key.clone(), real.clone()))
        })
    })
}

/// `key: value` pairs as one line, e.g. `{a: b, c: d}`.
pub fn describe(labels: &Labels) -> String {
    let pairs: Vec<String> = labels.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    format!("{{{}}}", pairs.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::{epp_selector, workload_selector};

    fn labels(pairs: &[(&str, &str)]) -> Labels {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn the_reference_epp_selector_selects_nothing() {
        let selector = labels(&[("app.kubernetes.io/component", "router-scheduler")]);
        assert!(selected(&selector, &["qwen".to_owned()]).is_empty());
        assert!(aims_at_kserve(&selector, &[]));
        assert_eq!(
            probable_label(&selector),
            Some((
                "app.kubernetes.io/component".to_owned(),
                "llminferenceservice-router-scheduler".to_owned()
            ))
        );
    }

    #[test]
    fn a_name_alone_selects_the_epp_too() {
        let selector = labels(&[(NAME_LABEL, "qwen")]);
        let names = ["qwen".to_owned()];
        assert_eq!(selected(&selector, &names), KservePod::ALL);
        let workload = workload_selector("qwen");
        assert_eq!(selected(&workload, &names), [KservePod::Workload]);
        assert_eq!(selected(&epp_selector("qwen"), &names), [KservePod::Epp]);
    }

    #[test]
    fn without_service_names_any_name_matches() {
        let selector = labels(&[(NAME_LABEL, "other"), ("kserve.io/component", "workload")]);
        assert_eq!(selected(&selector, &[]), [KservePod::Workload]);
        assert!(selected(&selector, &["qwen".to_owned()]).is_empty());
    }

    #[test]
    fn unrelated_selectors_are_not_meant_for_kserve() {
        assert!(!aims_at_kserve(&labels(&[("k8s-app", "kube-dns")]), &[]));
        assert!(!aims_at_kserve(
            &labels(&[(NAME_LABEL, "grafana")]),
            &["qwen".to_owned()]
        ));
    }
}
