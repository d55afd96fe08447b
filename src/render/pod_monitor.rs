//! Prometheus Operator PodMonitors (`monitoring.coreos.com/v1`) for vLLM's and the EPP's metrics.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use serde::{Deserialize, Serialize};

use crate::model::{Monitoring, Pattern, SecretKey};
use crate::spec::Scheme;
use crate::target::{
    EPP_METRICS_PORT_NAME, POD_MONITOR_API_VERSION, VLLM_PORT, epp_selector, workload_selector,
};

/// A `monitoring.coreos.com/v1` PodMonitor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodMonitor {
    /// `monitoring.coreos.com/v1`.
    pub api_version: String,
    /// `PodMonitor`.
    pub kind: String,
    /// Name, namespace, labels.
    pub metadata: ObjectMeta,
    /// Which pods, and how to scrape them.
    pub spec: PodMonitorSpec,
}

/// The PodMonitor spec.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodMonitorSpec {
    /// The pods to scrape, in the PodMonitor's own namespace.
    pub selector: LabelSelector,
    /// One endpoint per port to scrape.
    pub pod_metrics_endpoints: Vec<PodMetricsEndpoint>,
    /// The Prometheus scrape class to use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scrape_class: Option<String>,
}

/// One scraped port.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodMetricsEndpoint {
    /// The container port by name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<String>,
    /// The container port by number; the pod must declare it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port_number: Option<u16>,
    /// The HTTP path.
    pub path: String,
    /// `http` or `https`.
    pub scheme: String,
    /// The scrape interval.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<String>,
    /// TLS settings, for `https`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls_config: Option<TlsConfig>,
    /// The Authorization header's credentials.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorization: Option<Authorization>,
}

/// How the scrape checks the server's certificate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TlsConfig {
    /// The CA to verify against.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ca: Option<SecretOrConfigMap>,
    /// The name to verify the certificate for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_name: Option<String>,
    /// Encrypt without verifying.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub insecure_skip_verify: Option<bool>,
}

/// Data from a Secret key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecretOrConfigMap {
    /// The Secret key.
    pub secret: SecretKeyRef,
}

/// A key of a Secret in the PodMonitor's namespace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecretKeyRef {
    /// The Secret name.
    pub name: String,
    /// The key.
    pub key: String,
}

/// Authorization header credentials.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Authorization {
    /// `Bearer`.
    #[serde(rename = "type")]
    pub type_: String,
    /// The Secret key holding the token.
    pub credentials: SecretKeyRef,
}

/// Renders the vLLM PodMonitor and, with the scheduler, the EPP one.
pub fn render(pattern: &Pattern) -> Vec<PodMonitor> {
    let Some(monitoring) = &pattern.monitoring else {
        return Vec::new();
    };
    let name = pattern.name.get();
    let interval = monitoring.interval.as_ref().map(|i| i.get().clone());
    let vllm = PodMetricsEndpoint {
        port: None,
        port_number: Some(VLLM_PORT),
        path: "/metrics".to_owned(),
        scheme: match pattern.scheme.get() {
            Scheme::Https => "https",
            Scheme::Http => "http",
        }
        .to_owned(),
        interval: interval.clone(),
        tls_config: (*pattern.scheme.get() == Scheme::Https).then(|| vllm_tls(monitoring)),
        authorization: None,
    };
    let mut out = vec![pod_monitor(
        pattern,
        monitoring,
        &format!("{name}-vllm"),
        workload_selector(name),
        vllm,
    )];
    if pattern.scheduler.enabled {
        let epp = PodMetricsEndpoint {
            port: Some(EPP_METRICS_PORT_NAME.to_owned()),
            port_number: None,
            path: "/metrics".to_owned(),
            scheme: "http".to_owned(),
            interval,
            tls_config: None,
            authorization: monitoring
                .epp_bearer_token
                .as_ref()
                .map(|token| Authorization {
                    type_: "Bearer".to_owned(),
                    credentials: secret_key_ref(token),
                }),
        };
        out.push(pod_monitor(
            pattern,
            monitoring,
            &format!("{name}-epp"),
            epp_selector(name),
            epp,
        ));
    }
    out
}

fn pod_monitor(
    pattern: &Pattern,
    monitoring: &Monitoring,
    name: &str,
    selector: BTreeMap<String, String>,
    endpoint: PodMetricsEndpoint,
) -> PodMonitor {
    PodMonitor {
        api_version: POD_MONITOR_API_VERSION.to_owned(),
        kind: "PodMonitor".to_owned(),
        metadata: super::metadata(name, pattern.namespace.get(), &monitoring.labels),
        spec: PodMonitorSpec {
            selector: LabelSelector {
                match_labels: Some(selector),
                ..LabelSelector::default()
            },
            pod_metrics_endpoints: vec![endpoint],
            scrape_class: monitoring.scrape_class.as_ref().map(|c| c.get().clone()),
        },
    }
}

/// Verifies against the CA when one is given; otherwise encrypts without verifying, since KServe's
/// self-signed certificate names the Service and Prometheus scrapes pod IPs.
fn vllm_tls(monitoring: &Monitoring) -> TlsConfig {
    match &monitoring.vllm_ca {
        None => TlsConfig {
            ca: None,
            server_name: None,
            insecure_skip_verify: Some(true),
        },
        Some(ca) => TlsConfig {
            ca: Some(SecretOrConfigMap {
                secret: secret_key_ref(ca),
            }),
            server_name: monitoring
                .vllm_server_name
                .as_ref()
                .map(|n| n.get().clone()),
            insecure_skip_verify: None,
        },
    }
}

fn secret_key_ref(key: &SecretKey) -> SecretKeyRef {
    SecretKeyRef {
        name: key.secret.get().clone(),
        key: key.key.get().clone(),
    }
}
