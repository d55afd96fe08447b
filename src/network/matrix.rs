//! The contract evaluated against a policy set: one row per flow with its verdict and the policy
//! (and rule) that decides it, and the plain-text matrix `p3gen explain-network` prints.

use k8s_openapi::api::networking::v1::NetworkPolicy;

use crate::model::Pattern;

use super::contract::{ContractFlow, Expect, contract};
use super::evaluate::{Decision, Verdict, evaluate};

/// One flow of the contract and what the policies make of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The flow and what is expected of it.
    pub flow: ContractFlow,
    /// Both sides' decisions.
    pub verdict: Verdict,
}

impl Row {
    /// Whether the policies meet the expectation: a required flow allowed, an exposure closed.
    pub fn holds(&self) -> bool {
        match self.flow.expect {
            Expect::Required => self.verdict.allowed(),
            Expect::Closed => !self.verdict.allowed(),
        }
    }
}

/// Every flow of `pattern`'s contract evaluated against `policies`.
pub fn matrix(pattern: &Pattern, policies: &[NetworkPolicy]) -> Vec<Row> {
    contract(pattern)
        .into_iter()
        .map(|flow| Row {
            verdict: evaluate(policies, &flow.flow),
            flow,
        })
        .collect()
}

/// The name of policy `index`.
fn name(policies: &[NetworkPolicy], index: usize) -> &str {
    policies
        .get(index)
        .and_then(|policy| policy.metadata.name.as_deref())
        .unwrap_or("?")
}

/// One side in words: `allowed by allow-gateway-to-epp-x (ingress rule 0)`, `not isolated`, or
/// `denied: isolated by default-deny-x, allow-epp-x`.
fn side(policies: &[NetworkPolicy], decision: &Decision, direction: &str) -> String {
    match decision {
        Decision::NotIsolated => format!("{direction}: not isolated"),
        Decision::Allowed { policy, rule } => {
            format!("{direction}: {} rule {rule}", name(policies, *policy))
        }
        Decision::Denied { isolated_by } => {
            let names: Vec<&str> = isolated_by.iter().map(|i| name(policies, *i)).collect();
            format!("{direction}: DENIED (isolated by {})", names.join(", "))
        }
    }
}

/// The matrix as a table: contract id, flow, expectation, verdict and the deciding policies,
/// then what each failed expectation breaks.
pub fn explain_network(pattern: &Pattern, policies: &[NetworkPolicy]) -> String {
    let rows = matrix(pattern, policies);
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            let verdict = if row.verdict.allowed() {
                "allowed"
            } else {
                "denied"
            };
            vec![
                row.flow.id.to_owned(),
                row.flow.name.clone(),
                match row.flow.expect {
                    Expect::Required => "required",
                    Expect::Closed => "closed",
                }
                .to_owned(),
                format!("{verdict}{}", if row.holds() { "" } else { " ✗" }),
                format!(
                    "{}; {}",
                    side(policies, &row.verdict.egress, "egress"),
                    side(policies, &row.verdict.ingress, "ingress")
                ),
            ]
        })
        .collect();
    let mut out = format!(
        "Network contract of {}/{} ({} NetworkPolicies):\n",
        pattern.namespace.get(),
        pattern.name.get(),
        policies.len()
    );
    out.push_str(&crate::target::render_text_table(
        &["id", "flow", "expect", "verdict", "decided by"],
        &table,
    ));
    let failed: Vec<&Row> = rows.iter().filter(|row| !row.holds()).collect();
    if failed.is_empty() {
        out.push_str("\nEvery required flow is allowed and every exposure is closed.\n");
    } else {
        out.push('\n');
        for row in failed {
            let what = match row.flow.expect {
                Expect::Required => "denied",
                Expect::Closed => "open",
            };
            out.push_str(&format!(
                "{} {} {what}: {}\n",
                row.flow.id, row.flow.name, row.flow.consequence
            ));
        }
    }
    out
}
