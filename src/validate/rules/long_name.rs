//! I29: a service name above 38 characters gets some child names hashed.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;
use crate::target::LONGEST_UNHASHED_NAME;
use crate::validate::facts::names;
use crate::validate::objects::{Finding, Objects};

use super::super::{Applies, Rule, RuleInfo};

/// A service name long enough that KServe hashes some of its children's names.
pub struct LongName;

static INFO: RuleInfo = RuleInfo {
    code: "P3503",
    name: "long-service-name",
    severity: Severity::Warning,
    applies: Applies::Both,
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

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let name = pattern.name.get();
        let hashed = names::hashed_children(name);
        if !hashed.is_empty() {
            out.push(
                self.finding(message(name, &hashed))
                    .primary(pattern.name.span(), format!("{} characters", name.len()))
                    .help(format!(
                        "keep `service.name` at most {LONGEST_UNHASHED_NAME} characters"
                    )),
            );
        }
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Finding>) {
        for service in objects.inference_services() {
            let hashed = names::hashed_children(service.name());
            if !hashed.is_empty() {
                out.push(
                    self.object_finding(
                        service.index,
                        "/metadata/name",
                        message(service.name(), &hashed),
                    )
                    .help(format!(
                        "keep the name at most {LONGEST_UNHASHED_NAME} characters"
                    )),
                );
            }
        }
    }
}
