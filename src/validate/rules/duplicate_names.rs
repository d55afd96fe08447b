//! Two objects of the same kind with the same name and namespace overwrite each other.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::validate::objects::{Objects, kind_of, name_of, namespace_of};

use super::super::{Applies, Rule, RuleInfo};

/// The same kind, namespace and name twice in a bundle.
pub struct DuplicateNames;

static INFO: RuleInfo = RuleInfo {
    code: "P3504",
    name: "duplicate-object-names",
    severity: Severity::Error,
    applies: Applies::Objects,
    summary: "two objects of the same kind share a namespace and name",
    doc: "## What it checks\nThat no two objects of a bundle (rendered, or the manifest files linted together) have the same API group, kind, namespace and name.\n\n## Why\n`kubectl apply` applies both, and the second silently replaces the first: one of two NetworkPolicies given the same name (e.g. by a `name-suffix` or policy `name` that makes two names equal) simply disappears from the cluster.\n\n## Example\n```toml\n[network-policies.istio]\nname = \"allow\"\n\n[network-policies.vllm-egress]\nname = \"allow\"   # error: both become `allow-<suffix>`\n```\n",
};

impl Rule for DuplicateNames {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        let mut seen: BTreeMap<(String, &str, &str, &str), usize> = BTreeMap::new();
        for (index, object) in objects.all() {
            let group = object
                .get("apiVersion")
                .and_then(|v| v.as_str())
                .map(|v| v.rsplit_once('/').map_or("", |(group, _)| group).to_owned())
                .unwrap_or_default();
            let key = (
                group,
                kind_of(object),
                namespace_of(object),
                name_of(object),
            );
            if key.3.is_empty() {
                continue;
            }
            if let Some(first) = seen.get(&key) {
                out.push(
                    self.object_finding(
                        index,
                        "/metadata/name",
                        format!(
                            "defined twice in namespace `{}`; the second replaces the first",
                            key.2
                        ),
                    )
                    .related(*first, "/metadata/name", "first defined here")
                    .help("give each object its own name"),
                );
            } else {
                seen.insert(key, index);
            }
        }
    }
}
