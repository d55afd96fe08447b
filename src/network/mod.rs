//! NetworkPolicy semantics for a set of policies as a whole: whether a flow from one endpoint to
//! another on a port is allowed, and which policy and rule decide it
//! (<https://kubernetes.io/docs/concepts/services-networking/network-policies/>).
//!
//! Policies are additive. A pod selected by any policy of a type is isolated for that type and
//! then admits only what some rule of those policies allows; a flow needs the source's egress
//! and the destination's ingress to allow it. Peers are pods (by namespace and pod labels) or
//! addresses (`ipBlock` with `except`); ports are numbers, ranges (`endPort`) or names resolved
//! against the destination's container ports, per protocol (TCP by default).

mod contract;
mod evaluate;
mod matrix;
mod selector;

use std::collections::BTreeMap;
use std::net::IpAddr;

pub use contract::{ContractFlow, Expect, contract};
pub use evaluate::{Decision, Side, Verdict, evaluate};
pub use matrix::{Row, explain_network, matrix};
pub use selector::{Labels, selects};

/// A transport protocol of a NetworkPolicy port.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Protocol {
    /// TCP, the default.
    Tcp,
    /// UDP.
    Udp,
    /// SCTP.
    Sctp,
}

impl Protocol {
    /// The protocol a NetworkPolicy port names (`None`: TCP); `None` for one the API rejects.
    pub fn of_policy(name: Option<&str>) -> Option<Protocol> {
        match name.unwrap_or("TCP") {
            "TCP" => Some(Protocol::Tcp),
            "UDP" => Some(Protocol::Udp),
            "SCTP" => Some(Protocol::Sctp),
            _ => None,
        }
    }

    /// The API's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Tcp => "TCP",
            Protocol::Udp => "UDP",
            Protocol::Sctp => "SCTP",
        }
    }
}

/// A pod: its namespace (with the namespace's labels), its labels, its address when known, and
/// the named container ports that policies may refer to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pod {
    /// Its namespace.
    pub namespace: String,
    /// The labels of its namespace (`kubernetes.io/metadata.name` at least).
    pub namespace_labels: Labels,
    /// Its labels.
    pub labels: Labels,
    /// Its IP address, when a policy's `ipBlock` is to be matched against it.
    pub address: Option<IpAddr>,
    /// Its named container ports: name → (number, protocol).
    pub named_ports: BTreeMap<String, (u16, Protocol)>,
}

/// One end of a flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// A pod in the cluster, which policies can select.
    Pod(Pod),
    /// Something outside the cluster (a managed control plane, the internet): only `ipBlock`s
    /// match it. `None` is "some public address": matched by a `/0` block whose exceptions
    /// cut out only private ranges, and by no narrower one.
    External(Option<IpAddr>),
}

impl Endpoint {
    /// The pod, for an endpoint in the cluster.
    pub fn pod(&self) -> Option<&Pod> {
        match self {
            Endpoint::Pod(pod) => Some(pod),
            Endpoint::External(_) => None,
        }
    }

    /// The address, when known.
    pub fn address(&self) -> Option<IpAddr> {
        match self {
            Endpoint::Pod(pod) => pod.address,
            Endpoint::External(address) => *address,
        }
    }
}

/// Traffic from one endpoint to a port of another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    /// Where it starts.
    pub from: Endpoint,
    /// Where it goes.
    pub to: Endpoint,
    /// The destination port.
    pub port: u16,
    /// Its protocol.
    pub protocol: Protocol,
}
