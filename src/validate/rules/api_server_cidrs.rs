//! D4 / I26: an `ip-block` API-server rule needs CIDRs, and each must be a valid CIDR.

use std::net::IpAddr;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Pattern;
use crate::spec::{ApiServerMode, Profile};

use super::super::{Applies, Rule, RuleInfo};

/// The API server reached by `ipBlock` must name at least one well-formed CIDR.
pub struct ApiServerCidrs;

static INFO: RuleInfo = RuleInfo {
    code: "P3601",
    name: "api-server-cidrs",
    severity: Severity::Error,
    applies: Applies::Spec,
    summary: "the API server is reached by ipBlock, but no CIDR (or a malformed one) is given",
    doc: "## What it checks\nWith `network-policies.api-server.mode = \"ip-block\"` (the default under `profile = \"production\"`), that `cidrs` lists at least one CIDR and that each is an IPv4 or IPv6 address with a prefix length, such as `172.16.0.2/32`.\n\n## Why\nThe EPP watches InferencePools and Pods, so it must reach the API server. A managed control plane such as GKE's is outside the cluster and is reached on 443, so only an `ipBlock` matches it (defect D4, invariant I26). An egress rule with an empty `to` list would allow every destination, and the API server rejects a malformed CIDR. p3gen cannot know your cluster's control-plane address: `gcloud container clusters describe CLUSTER --format='value(privateClusterConfig.privateEndpoint,endpoint)'` prints it.\n\n## Example\n```toml\nprofile = \"production\"\n\n[network-policies.api-server]\ncidrs = [\"172.16.0.2/32\"]   # your control-plane endpoint\n```\n",
};

impl Rule for ApiServerCidrs {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        let api_server = &pattern.network_policies.api_server;
        if *api_server.mode.get() != ApiServerMode::IpBlock {
            return;
        }
        if api_server.cidrs.is_empty() {
            let by_profile =
                api_server.mode.span().is_none() && *pattern.profile.get() == Profile::Production;
            let finding = if by_profile {
                self.finding(
                    "the production profile reaches the API server by ipBlock, but \
                     `network-policies.api-server.cidrs` is empty"
                        .to_owned(),
                )
                .primary(
                    pattern.profile.span(),
                    "ipBlock by default, which needs CIDRs",
                )
            } else {
                self.finding(
                    "`api-server.mode` is `ip-block`, but `network-policies.api-server.cidrs` is empty"
                        .to_owned(),
                )
                .primary(api_server.mode.span(), "ip-block needs CIDRs")
            };
            out.push(finding.help(
                "set `[network-policies.api-server] cidrs = [\"<control-plane IP>/32\"]`, \
                 or `mode = \"none\"` if nothing in the namespace needs the API server",
            ));
        }
        for cidr in &api_server.cidrs {
            if !is_cidr(cidr.get()) {
                out.push(
                    self.finding(format!("`{}` is not a CIDR", cidr.get()))
                        .primary(cidr.span(), "expected an address and a prefix length")
                        .help("write it like `172.16.0.2/32` or `2001:db8::/64`"),
                );
            }
        }
    }
}

/// Whether `text` is `ADDRESS/PREFIX` with a prefix length that fits the address family.
fn is_cidr(text: &str) -> bool {
    let Some((address, prefix_text)) = text.split_once('/') else {
        return false;
    };
    let (Ok(address), Ok(prefix)) = (address.parse::<IpAddr>(), prefix_text.parse::<u8>()) else {
        return false;
    };
    let bits = if address.is_ipv4() { 32 } else { 128 };
    prefix <= bits && prefix.to_string() == prefix_text
}

#[cfg(test)]
mod tests {
    use super::is_cidr;

    #[test]
    fn recognises_cidrs() {
        assert!(is_cidr("172.16.0.2/32"));
        assert!(is_cidr("10.0.0.0/8"));
        assert!(is_cidr("2001:db8::/64"));
        assert!(!is_cidr("172.16.0.2"));
        assert!(!is_cidr("172.16.0.2/33"));
        assert!(!is_cidr("172.16.0/24"));
        assert!(!is_cidr("172.16.0.2/+8"));
        assert!(!is_cidr("172.16.0.2/08"));
        assert!(!is_cidr("cluster/32"));
    }
}
