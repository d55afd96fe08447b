//! D12 / C6: DNS needs TCP as well as UDP.

use crate::diagnostic::{Diagnostic, Node, Severity};
use crate::validate::facts::network;
use crate::validate::objects::Objects;

use super::super::{Applies, Rule, RuleInfo};

/// A DNS egress rule on one protocol only.
pub struct DnsUdpOnly;

static INFO: RuleInfo = RuleInfo {
    code: "P3408",
    name: "dns-one-protocol",
    severity: Severity::Warning,
    applies: Applies::Objects,
    summary: "DNS egress allows only one of UDP and TCP port 53",
    doc: "## What it checks\nThat egress to DNS allows both UDP and TCP on port 53 (spec: `gateway-to-epp.dns-protocols`).\n\n## Why\nResolvers fall back to TCP for answers that do not fit a UDP datagram, so a UDP-only rule fails lookups intermittently. The reference's EPP DNS rule allows UDP only; it goes unnoticed because the allow-all vLLM egress also applies to the EPP (defect D12, flow C6 of the port contract, domain §8).\n\n## Example\n```toml\n[network-policies.gateway-to-epp]\ndns-protocols = [\"UDP\"]   # use [\"UDP\", \"TCP\"]\n```\n",
};

impl Rule for DnsUdpOnly {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for policy in objects.network_policies() {
            let egress = policy.egress();
            if egress
                .iter()
                .any(|rule| network::is_allow_all(rule.peers, rule.ports))
            {
                continue;
            }
            let dns: Vec<_> = egress
                .iter()
                .filter(|rule| {
                    rule.ports.is_some_and(|ports| {
                        ports.iter().any(|port| {
                            port.port
                                == Some(
                                    k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::Int(
                                        53,
                                    ),
                                )
                        })
                    })
                })
                .collect();
            let Some(first) = dns.first() else { continue };
            let udp = dns
                .iter()
                .any(|rule| network::allows_port(rule.ports, 53, "UDP"));
            let tcp = dns
                .iter()
                .any(|rule| network::allows_port(rule.ports, 53, "TCP"));
            if udp != tcp {
                let only = if udp { "UDP" } else { "TCP" };
                out.push(
                    self.finding(format!(
                        "DNS egress is allowed over {only} only; resolvers fall back to TCP for large answers"
                    ))
                    .at(Node::new(policy.index, format!("{}/ports", first.pointer)), format!("{only} only"))
                    .help("allow port 53 over both UDP and TCP (`dns-protocols = [\"UDP\", \"TCP\"]` in a spec)"),
                );
            }
        }
    }
}
