//! The Prometheus Operator API p3gen emits PodMonitors in.

/// The PodMonitor `apiVersion`, the only version the Prometheus Operator serves
/// (`prometheus-operator/prometheus-operator@6adcebc5:example/prometheus-operator-crd/monitoring.coreos.com_podmonitors.yaml`,
/// operator 0.93.0; `shared/crds/prometheus-operator_monitoring.coreos.com_podmonitors.yaml`).
pub const POD_MONITOR_API_VERSION: &str = "monitoring.coreos.com/v1";
