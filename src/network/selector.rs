//! Label selectors as the API server evaluates them: `matchLabels` and `matchExpressions`
//! (`In`, `NotIn`, `Exists`, `DoesNotExist`), all of them ANDed; an empty selector selects all.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

/// Labels of a pod or a namespace.
pub type Labels = BTreeMap<String, String>;

/// Whether `selector` selects an object with `labels`
/// (`kubernetes/kubernetes@v1.34.0:staging/src/k8s.io/apimachinery/pkg/labels/selector.go`,
/// `Requirement.Matches`). An operator the API would reject selects nothing.
pub fn selects(selector: &LabelSelector, labels: &Labels) -> bool {
    let by_labels = selector
        .match_labels
        .iter()
        .flatten()
        .all(|(key, value)| labels.get(key) == Some(value));
    let by_expressions = selector
        .match_expressions
        .iter()
        .flatten()
        .all(|requirement| {
            let value = labels.get(&requirement.key);
            let values = requirement.values.as_deref().unwrap_or_default();
            match requirement.operator.as_str() {
                "In" => value.is_some_and(|value| values.contains(value)),
                "NotIn" => value.is_none_or(|value| !values.contains(value)),
                "Exists" => value.is_some(),
                "DoesNotExist" => value.is_none(),
                _ => false,
            }
        });
    by_labels && by_expressions
}

/// Labels from pairs, for tests.
#[cfg(test)]
pub(crate) fn labels(pairs: &[(&str, &str)]) -> Labels {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelectorRequirement;

    fn expression(key: &str, operator: &str, values: &[&str]) -> LabelSelectorRequirement {
        LabelSelectorRequirement {
            key: key.to_owned(),
            operator: operator.to_owned(),
            values: (!values.is_empty()).then(|| values.iter().map(|v| v.to_string()).collect()),
        }
    }

    #[test]
    fn empty_selects_everything_and_labels_are_anded() {
        let pod = labels(&[("app", "vllm"), ("tier", "serving")]);
        assert!(selects(&LabelSelector::default(), &pod));
        let both = LabelSelector {
            match_labels: Some(labels(&[("app", "vllm"), ("tier", "serving")])),
            ..LabelSelector::default()
        };
        assert!(selects(&both, &pod));
        assert!(!selects(&both, &labels(&[("app", "vllm")])));
    }

    #[test]
    fn expressions_follow_the_api_semantics() {
        let pod = labels(&[("app", "vllm")]);
        let with = |requirement| LabelSelector {
            match_expressions: Some(vec![requirement]),
            ..LabelSelector::default()
        };
        assert!(selects(
            &with(expression("app", "In", &["vllm", "epp"])),
            &pod
        ));
        assert!(!selects(&with(expression("app", "NotIn", &["vllm"])), &pod));
        // NotIn also selects objects without the key.
        assert!(selects(&with(expression("tier", "NotIn", &["x"])), &pod));
        assert!(selects(&with(expression("app", "Exists", &[])), &pod));
        assert!(selects(
            &with(expression("tier", "DoesNotExist", &[])),
            &pod
        ));
        assert!(!selects(&with(expression("app", "Gt", &["1"])), &pod));
    }
}
