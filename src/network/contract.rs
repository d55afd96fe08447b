//! The port contract of a Pattern 3 deployment (domain.md §8, C1–C9): who talks to whom, as
//! endpoints with the exact labels KServe and Istio give their pods, and which flows must be
//! allowed and which exposures must stay closed.

use std::collections::BTreeMap;
use std::net::IpAddr;

use crate::model::Pattern;
use crate::spec::{ApiServerMode, EgressMode};
use crate::target::{
    API_SERVER_PORT, DNS_NAMESPACE, DNS_POD_LABEL, DNS_PORT, EPP_EXT_PROC_PORT, EPP_METRICS_PORT,
    EPP_METRICS_PORT_NAME, GATEWAY_NAME_LABEL, HTTPS_PORT, ISTIO_NAMESPACE, ISTIOD_POD_LABEL,
    ISTIOD_XDS_PORT, NAMESPACE_NAME_LABEL, VLLM_PORT, epp_pod_labels, workload_pod_labels,
};

use super::{Endpoint, Flow, Labels, Pod, Protocol};

/// Whether a flow of the contract must get through or must not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// The deployment breaks without it.
    Required,
    /// It should be closed: an exposure.
    Closed,
}

/// One flow of the contract, with its id, what it is in words and what breaks when it goes wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractFlow {
    /// The contract id (`C1` … `C9`, `X1` … for exposures).
    pub id: &'static str,
    /// The flow in words, e.g. `gateway → EPP 9002`.
    pub name: String,
    /// What goes wrong when the expectation fails.
    pub consequence: &'static str,
    /// Required or closed.
    pub expect: Expect,
    /// The flow itself.
    pub flow: Flow,
}

/// The namespace labels the API server sets on every namespace.
fn namespace_labels(namespace: &str) -> Labels {
    [(NAMESPACE_NAME_LABEL.to_owned(), namespace.to_owned())].into()
}

fn pod(
    namespace: &str,
    labels: Labels,
    named_ports: BTreeMap<String, (u16, Protocol)>,
) -> Endpoint {
    Endpoint::Pod(Pod {
        namespace: namespace.to_owned(),
        namespace_labels: namespace_labels(namespace),
        labels,
        address: None,
        named_ports,
    })
}

fn label(pair: (&str, &str)) -> Labels {
    [(pair.0.to_owned(), pair.1.to_owned())].into()
}

/// Whether vLLM downloads the model from outside the cluster (anything but a PVC).
fn downloads(uri: &str) -> bool {
    !uri.starts_with("pvc://")
}

/// The first address of the spec's API server CIDRs, when it gives any.
fn api_server_address(pattern: &Pattern) -> Option<IpAddr> {
    let api = &pattern.network_policies.api_server;
    if *api.mode.get() != ApiServerMode::IpBlock {
        return None;
    }
    api.cidrs
        .iter()
        .find_map(|cidr| cidr.get().parse::<ipnet::IpNet>().ok())
        .map(|net| net.network())
}

/// The contract of `pattern`: the required flows C1–C8 (C9, kubelet probes, is node-originated
/// and needs no rule) and the exposures that must be closed.
pub fn contract(pattern: &Pattern) -> Vec<ContractFlow> {
    let namespace = pattern.namespace.get();
    let service = pattern.name.get();
    let vllm = pod(namespace, workload_pod_labels(service), BTreeMap::new());
    let epp_ports = [(
        EPP_METRICS_PORT_NAME.to_owned(),
        (EPP_METRICS_PORT, Protocol::Tcp),
    )]
    .into();
    let epp = pod(namespace, epp_pod_labels(service), epp_ports);
    let gateway = pod(
        pattern.gateway.namespace.get(),
        label((GATEWAY_NAME_LABEL, pattern.gateway.name.get())),
        BTreeMap::new(),
    );
    let monitoring = pod(
        pattern.network_policies.monitoring_namespace.get(),
        Labels::new(),
        BTreeMap::new(),
    );
    let dns = pod(DNS_NAMESPACE, label(DNS_POD_LABEL), BTreeMap::new());
    let istiod = pod(ISTIO_NAMESPACE, label(ISTIOD_POD_LABEL), BTreeMap::new());
    let api_server = Endpoint::External(api_server_address(pattern));
    let internet = Endpoint::External(None);
    let other_pod = pod(namespace, label(("app", "another")), BTreeMap::new());
    let elsewhere = pod("another-namespace", Labels::new(), BTreeMap::new());

    let flow = |from: &Endpoint, to: &Endpoint, port: u16, protocol: Protocol| Flow {
        from: from.clone(),
        to: to.clone(),
        port,
        protocol,
    };
    let required = |id, name: String, consequence, flow| ContractFlow {
        id,
        name,
        consequence,
        expect: Expect::Required,
        flow,
    };
    let closed = |id, name: String, consequence, flow| ContractFlow {
        id,
        name,
        consequence,
        expect: Expect::Closed,
        flow,
    };
    let mut out = vec![required(
        "C1",
        format!("gateway → vLLM {VLLM_PORT}"),
        "requests routed to a replica fail",
        flow(&gateway, &vllm, VLLM_PORT, Protocol::Tcp),
    )];
    if pattern.scheduler.enabled {
        out.push(required(
            "C2",
            format!("gateway → EPP {EPP_EXT_PROC_PORT}"),
            "the gateway fails open and cache-aware routing is lost",
            flow(&gateway, &epp, EPP_EXT_PROC_PORT, Protocol::Tcp),
        ));
    }
    if pattern.monitoring.is_some() {
        if pattern.scheduler.enabled {
            out.push(required(
                "C3",
                format!("monitoring → EPP {EPP_METRICS_PORT}"),
                "Prometheus cannot scrape the EPP",
                flow(&monitoring, &epp, EPP_METRICS_PORT, Protocol::Tcp),
            ));
        }
        out.push(required(
            "C3",
            format!("monitoring → vLLM {VLLM_PORT}"),
            "Prometheus cannot scrape vLLM",
            flow(&monitoring, &vllm, VLLM_PORT, Protocol::Tcp),
        ));
    }
    if pattern.scheduler.enabled {
        out.push(required(
            "C4",
            format!("EPP → vLLM {VLLM_PORT}"),
            "the EPP cannot read vLLM's metrics and scores every replica alike",
            flow(&epp, &vllm, VLLM_PORT, Protocol::Tcp),
        ));
        out.push(required(
            "C5",
            format!("EPP → API server {API_SERVER_PORT}"),
            "the EPP cannot watch its InferencePool and pods, and picks no endpoint",
            flow(&epp, &api_server, API_SERVER_PORT, Protocol::Tcp),
        ));
    }
    let mut pods = vec![("vLLM", &vllm)];
    if pattern.scheduler.enabled {
        pods.push(("EPP", &epp));
    }
    for (who, from) in &pods {
        for protocol in [Protocol::Udp, Protocol::Tcp] {
            out.push(required(
                "C6",
                format!("{who} → DNS {DNS_PORT}/{}", protocol.as_str()),
                "names do not resolve (TCP: large answers fail)",
                flow(from, &dns, DNS_PORT, protocol),
            ));
        }
    }
    for (who, from) in &pods {
        out.push(required(
            "C7",
            format!("{who} sidecar → istiod {ISTIOD_XDS_PORT}"),
            "the sidecar gets no configuration or certificates and the pod never becomes ready",
            flow(from, &istiod, ISTIOD_XDS_PORT, Protocol::Tcp),
        ));
    }
    if downloads(pattern.model_uri.get()) {
        out.push(required(
            "C8",
            format!("vLLM → internet {HTTPS_PORT}"),
            "the model download fails",
            flow(&vllm, &internet, HTTPS_PORT, Protocol::Tcp),
        ));
    }
    out.push(closed(
        "X1",
        format!("any other pod → vLLM {VLLM_PORT}"),
        "any pod can call the model server directly, around the gateway",
        flow(&elsewhere, &vllm, VLLM_PORT, Protocol::Tcp),
    ));
    out.push(closed(
        "X1",
        format!("another pod of the namespace → vLLM {VLLM_PORT}"),
        "any pod of the namespace can call the model server directly",
        flow(&other_pod, &vllm, VLLM_PORT, Protocol::Tcp),
    ));
    if pattern.scheduler.enabled {
        out.push(closed(
            "X2",
            format!("any other pod → EPP {EPP_EXT_PROC_PORT}"),
            "any pod can drive the endpoint picker",
            flow(&elsewhere, &epp, EPP_EXT_PROC_PORT, Protocol::Tcp),
        ));
    }
    let restricted = pattern
        .network_policies
        .vllm_egress
        .as_ref()
        .is_some_and(|egress| *egress.mode.get() == EgressMode::Restricted);
    if restricted {
        out.push(closed(
            "X3",
            "vLLM → internet 80".to_owned(),
            "restricted egress lets vLLM reach anything",
            flow(&vllm, &internet, 80, Protocol::Tcp),
        ));
    }
    out
}
