//! I29: a service name above 38 characters gets some child names hashed.

use crate::diagnostic::{Diagnostic, Node, Severity};
use crate::target::LONGEST_UNHASHED_NAME;
use crate::validate::facts::names;
use crate::validate::objects::Objects;

use super::super::{Applies, Rule, RuleInfo};

/// A service name long enough that KServe hashes some of its children's names.
pub struct LongName;

static INFO: RuleInfo = RuleInfo {
    code: "P3503",
    name: "long-service-name",
    severity: Severity::Warning,
    applies: Applies::Objects,
    summary: "the service name is longer than 38 characters, so KServe hashes some child names",
    doc: "## What it checks\nThat the LLMInferenceService name has at most 38 characters.\n\n## Why\nKServe names every child `kmeta.ChildName(<name>, <suffix>)`; above 63 characters the name is cut and an MD5 is put in. The longest suffix, `-kserve-self-signed-certs`, has 25 characters, so at most 38 keeps every child name (Deployments, Services, the TLS Secret, the InferencePool, the HTTPRoute) predictable for `kubectl`, dashboards and hand-written policies (invariant I29; domain §1).\n\n## Example\n```toml\n[service]\nname = \"qwen2-3b-instruct-prefix-cache-routing-pattern3\"   # 47 characters\n```\n",
};

fn message(name: &str, hashed: &[&str]) -> String {
    format!(
        "the service name has {} characters, so KServe hashes the names of its children `<name>{}`",
        name.len(),
        hashed.join("`, `<name>")
    )
}

impl Rule for LongName {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for service in objects.inference_services() {
            let hashed = names::hashed_children(service.name());
            if !hashed.is_empty() {
                out.push(
                    self.finding(message(service.name(), &hashed))
                        .at(
                            Node::new(service.index, "/metadata/name"),
                            format!("{} characters", service.name().len()),
                        )
                        .help(format!(
                            "keep the service name (`service.name` in a spec) at most {LONGEST_UNHASHED_NAME} characters"
                        )),
                );
            }
        }
    }
}
