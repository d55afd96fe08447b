//! The production profile: what it renders, that explicit spec values win over its defaults, and that
//! the production pattern keeps the NetworkPolicy port contract.

use std::path::PathBuf;

use p3gen::diagnostic::{RenderStyle, SourceFile};
use serde_json::{Value, json};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

/// Compiles spec text; panics with the rendered diagnostics if it does not compile.
fn compile(text: &str) -> p3gen::Compiled {
    let source = SourceFile::new("test.toml", text.to_owned());
    match p3gen::compile(&source, "test.toml") {
        Ok(compiled) => compiled,
        Err(report) => panic!("{}", report.render(RenderStyle::Plain)),
    }
}

/// The codes of the findings of spec text that does not compile.
fn error_codes(text: &str) -> Vec<&'static str> {
    let source = SourceFile::new("test.toml", text.to_owned());
    match p3gen::compile(&source, "test.toml") {
        Ok(_) => panic!("compiled, but should not have"),
        Err(report) => report.diagnostics.iter().map(|d| d.code).collect(),
    }
}

/// Every rendered object as JSON.
fn objects(compiled: &p3gen::Compiled) -> Vec<Value> {
    compiled
        .objects
        .iter()
        .map(|o| serde_json::to_value(o).unwrap())
        .collect()
}

fn named<'a>(objects: &'a [Value], kind: &str, name: &str) -> Option<&'a Value> {
    objects
        .iter()
        .find(|o| o["kind"] == kind && o["metadata"]["name"] == name)
}

fn kinds(objects: &[Value]) -> Vec<String> {
    objects
        .iter()
        .map(|o| {
            format!(
                "{}/{}",
                o["kind"].as_str().unwrap(),
                o["metadata"]["name"].as_str().unwrap()
            )
        })
        .collect()
}

/// The text of the production pattern.
fn production() -> String {
    read("patterns/pattern3-production.toml")
}

/// The production pattern with a table appended.
fn production_with_table(extra: &str) -> String {
    format!("{}\n{extra}\n", production())
}

#[test]
fn the_production_pattern_compiles_without_warnings() {
    let compiled = compile(&production());
    let codes: Vec<_> = compiled
        .warnings
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect();
    assert!(
        codes.is_empty(),
        "{}",
        compiled.warnings.render(RenderStyle::Plain)
    );
}

#[test]
fn the_production_pattern_renders_the_deferred_objects() {
    let objects = objects(&compile(&production()));
    assert_eq!(
        kinds(&objects),
        [
            "PeerAuthentication/default",
            "LLMInferenceService/qwen2-3b-pattern3",
            "PodDisruptionBudget/qwen2-3b-pattern3-vllm",
            "NetworkPolicy/allow-gateway-to-epp-qwen2-3b-pattern3",
            "NetworkPolicy/allow-gateway-to-vllm-qwen2-3b-pattern3",
            "NetworkPolicy/allow-istio-control-plane-qwen2-3b-pattern3",
            "NetworkPolicy/allow-vllm-egress-qwen2-3b-pattern3",
            "NetworkPolicy/default-deny-qwen2-3b-pattern3",
            "PodMonitor/qwen2-3b-pattern3-epp",
            "PodMonitor/qwen2-3b-pattern3-vllm",
        ]
    );
    let pa = named(&objects, "PeerAuthentication", "default").unwrap();
    assert_eq!(pa["spec"], json!({"mtls": {"mode": "STRICT"}}));

    let workload = json!({
        "app.kubernetes.io/name": "qwen2-3b-pattern3",
        "app.kubernetes.io/part-of": "llminferenceservice",
        "kserve.io/component": "workload",
    });
    let pdb = named(&objects, "PodDisruptionBudget", "qwen2-3b-pattern3-vllm").unwrap();
    assert_eq!(pdb["apiVersion"], "policy/v1");
    assert_eq!(pdb["spec"]["maxUnavailable"], 1);
    assert_eq!(pdb["spec"]["selector"]["matchLabels"], workload);

    let vllm = named(&objects, "PodMonitor", "qwen2-3b-pattern3-vllm").unwrap();
    assert_eq!(vllm["spec"]["selector"]["matchLabels"], workload);
    assert_eq!(
        vllm["spec"]["podMetricsEndpoints"],
        json!([{"portNumber": 8000, "path": "/metrics", "scheme": "https", "interval": "30s",
                "tlsConfig": {"insecureSkipVerify": true}}])
    );
    let epp = named(&objects, "PodMonitor", "qwen2-3b-pattern3-epp").unwrap();
    assert_eq!(
        epp["spec"]["selector"]["matchLabels"]["app.kubernetes.io/component"],
        "llminferenceservice-router-scheduler"
    );
    assert_eq!(epp["spec"]["podMetricsEndpoints"][0]["port"], "metrics");
    assert_eq!(epp["metadata"]["labels"]["release"], "prometheus");

    let isvc = named(&objects, "LLMInferenceService", "qwen2-3b-pattern3").unwrap();
    let script = isvc["spec"]["template"]["containers"][0]["args"][0]
        .as_str()
        .unwrap();
    assert!(
        script.contains("--served-model-name=Qwen/Qwen2.5-3B-Instruct"),
        "{script}"
    );
    let resources = &isvc["spec"]["template"]["containers"][0]["resources"];
    assert_eq!(
        resources["requests"],
        json!({"cpu": "16", "memory": "64Gi", "google.com/tpu": "4"})
    );
    assert!(!objects.iter().any(|o| o["kind"] == "EnvoyFilter"));
}

#[test]
fn the_production_policies_keep_the_port_contract() {
    let objects = objects(&compile(&production()));
    let policy = |name: &str| named(&objects, "NetworkPolicy", name).unwrap()["spec"].clone();
    let ports = |rule: &Value| -> Vec<(String, i64)> {
        rule["ports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["protocol"].as_str().unwrap().to_owned(),
                    p["port"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    let tcp = |numbers: &[i64]| -> Vec<(String, i64)> {
        numbers.iter().map(|n| ("TCP".to_owned(), *n)).collect()
    };

    let deny = policy("default-deny-qwen2-3b-pattern3");
    assert_eq!(
        deny,
        json!({"podSelector": {}, "policyTypes": ["Ingress", "Egress"]})
    );

    // C2: gateway → EPP on 9002 and 9003; C3: monitoring → 9090; selectors are KServe's EPP labels.
    let epp = policy("allow-gateway-to-epp-qwen2-3b-pattern3");
    assert_eq!(
        epp["podSelector"]["matchLabels"]["app.kubernetes.io/component"],
        "llminferenceservice-router-scheduler"
    );
    assert_eq!(
        epp["ingress"][0]["from"][0]["podSelector"]["matchLabels"],
        json!({"gateway.networking.k8s.io/gateway-name": "inference-gateway"})
    );
    assert_eq!(ports(&epp["ingress"][0]), tcp(&[9002, 9003]));
    assert_eq!(ports(&epp["ingress"][1]), tcp(&[9090]));
    // C4, C6, C5: EPP → vLLM 8000, DNS over UDP and TCP, API server by ipBlock.
    assert_eq!(ports(&epp["egress"][0]), tcp(&[8000]));
    assert_eq!(
        ports(&epp["egress"][1]),
        [("UDP".to_owned(), 53), ("TCP".to_owned(), 53)]
    );
    assert_eq!(
        epp["egress"][2]["to"],
        json!([{"ipBlock": {"cidr": "172.16.0.2/32"}}])
    );

    // C1 and C4 at vLLM's ingress, plus monitoring; no any-pod rule (C9 needs none).
    let vllm = policy("allow-gateway-to-vllm-qwen2-3b-pattern3");
    assert_eq!(
        vllm["podSelector"]["matchLabels"]["kserve.io/component"],
        "workload"
    );
    let peers: Vec<&Value> = vllm["ingress"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|rule| rule["from"].as_array().unwrap())
        .collect();
    assert_eq!(peers.len(), 3);
    for peer in &peers {
        assert_ne!(
            peer.get("podSelector"),
            Some(&json!({})),
            "any-pod peer {peer}"
        );
        assert_ne!(
            peer.get("namespaceSelector"),
            Some(&json!({})),
            "any-namespace peer {peer}"
        );
    }
    assert_eq!(
        peers[2]["namespaceSelector"]["matchLabels"]["kubernetes.io/metadata.name"],
        "monitoring"
    );

    // C6, C8, C5: restricted vLLM egress, never an empty (allow-all) rule.
    let egress = policy("allow-vllm-egress-qwen2-3b-pattern3");
    let rules = egress["egress"].as_array().unwrap();
    assert_eq!(rules.len(), 3);
    assert!(
        rules
            .iter()
            .all(|rule| rule.get("to").is_some() && rule.get("ports").is_some())
    );
}

#[test]
fn explicit_values_win_over_the_production_defaults() {
    let text = production()
        .replace("[vllm]\n", "[vllm]\nserved-model-name = \"qwen\"\n")
        .replace(
            "[network-policies.api-server]\n",
            "[network-policies]\ndefault-deny = false\n\n[network-policies.vllm-egress]\nmode = \"all\"\n\n[network-policies.gateway-to-epp]\ngateway-ports = [9002]\n\n[network-policies.api-server]\n",
        )
        .replace("[monitoring]\n", "[monitoring]\nenabled = false\n")
        + "\n[mesh]\nmtls = \"permissive\"\n\n[disruption-budgets]\nenabled = false\n";
    let compiled = compile(&text);
    let objects = objects(&compiled);
    assert!(!objects.iter().any(|o| o["kind"] == "PodMonitor"));
    assert!(!objects.iter().any(|o| o["kind"] == "PodDisruptionBudget"));
    assert!(named(&objects, "NetworkPolicy", "default-deny-qwen2-3b-pattern3").is_none());
    let pa = named(&objects, "PeerAuthentication", "default").unwrap();
    assert_eq!(pa["spec"]["mtls"]["mode"], "PERMISSIVE");
    let egress = named(
        &objects,
        "NetworkPolicy",
        "allow-vllm-egress-qwen2-3b-pattern3",
    )
    .unwrap();
    assert_eq!(egress["spec"]["egress"], json!([{}]));
    let epp = named(
        &objects,
        "NetworkPolicy",
        "allow-gateway-to-epp-qwen2-3b-pattern3",
    )
    .unwrap();
    assert_eq!(
        epp["spec"]["ingress"][0]["ports"],
        json!([{"port": 9002, "protocol": "TCP"}])
    );
    // Without monitoring, vLLM no longer admits the monitoring namespace.
    let vllm = named(
        &objects,
        "NetworkPolicy",
        "allow-gateway-to-vllm-qwen2-3b-pattern3",
    )
    .unwrap();
    assert_eq!(vllm["spec"]["ingress"].as_array().unwrap().len(), 2);
    let isvc = named(&objects, "LLMInferenceService", "qwen2-3b-pattern3").unwrap();
    let script = isvc["spec"]["template"]["containers"][0]["args"][0]
        .as_str()
        .unwrap();
    assert!(script.contains("--served-model-name=qwen \\"), "{script}");
    // The served name differs from the model name (served-model-id), and the explicit PERMISSIVE
    // mTLS, missing default-deny and allow-all egress are warned about too.
    let codes: Vec<_> = compiled
        .warnings
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(codes, ["P3201", "P3306", "P3405", "P3406"]);
}

#[test]
fn a_poc_spec_can_opt_into_each_production_object() {
    let text = format!(
        "{}\n[disruption-budgets]\nenabled = true\nmax-unavailable = 2\n\n[monitoring]\nenabled = true\n",
        read("patterns/pattern3-gpu.toml")
    );
    let objects = objects(&compile(&text));
    let pdb = named(&objects, "PodDisruptionBudget", "qwen2-7b-gpu-vllm").unwrap();
    assert_eq!(pdb["spec"]["maxUnavailable"], 2);
    // HTTP serving: the vLLM scrape is plain HTTP, without a tlsConfig.
    let monitor = named(&objects, "PodMonitor", "qwen2-7b-gpu-vllm").unwrap();
    assert_eq!(
        monitor["spec"]["podMetricsEndpoints"],
        json!([{"portNumber": 8000, "path": "/metrics", "scheme": "http"}])
    );
    // The poc defaults stay: no PeerAuthentication, no EPP budget (one EPP replica).
    assert!(!objects.iter().any(|o| o["kind"] == "PeerAuthentication"));
    assert!(named(&objects, "PodDisruptionBudget", "qwen2-7b-gpu-epp").is_none());
}

#[test]
fn a_replicated_epp_gets_a_budget_on_kserve_0_17_and_later() {
    let text = production().replace(
        "kserve = \"odh-0.15\"\nistio = \"1.27\"",
        "kserve = \"0.20\"\nistio = \"1.28\"",
    ) + "\n[scheduler]\nreplicas = 2\n";
    let replicated = objects(&compile(&text));
    let budget = named(&replicated, "PodDisruptionBudget", "qwen2-3b-pattern3-epp").unwrap();
    assert_eq!(
        budget["spec"]["selector"]["matchLabels"],
        json!({"app.kubernetes.io/component": "llminferenceservice-router-scheduler",
               "app.kubernetes.io/name": "qwen2-3b-pattern3"})
    );
    let isvc = named(&replicated, "LLMInferenceService", "qwen2-3b-pattern3").unwrap();
    assert_eq!(isvc["spec"]["router"]["scheduler"], json!({"replicas": 2}));

    let single = text.replace("replicas = 2\n", "replicas = 1\n");
    let single = objects(&compile(&single));
    assert!(named(&single, "PodDisruptionBudget", "qwen2-3b-pattern3-epp").is_none());
}

#[test]
fn epp_replicas_before_kserve_0_17_are_an_error() {
    let codes = error_codes(&production_with_table("[scheduler]\nreplicas = 2"));
    assert_eq!(codes, ["P3602"]);
}

#[test]
fn production_needs_the_api_server_cidrs() {
    let text = production().replace("cidrs = [\"172.16.0.2/32\"]", "");
    assert_eq!(error_codes(&text), ["P3601"]);
    let text = production().replace("172.16.0.2/32", "172.16.0.2");
    assert_eq!(error_codes(&text), ["P3601"]);
}

#[test]
fn production_warns_about_missing_cpu_and_memory() {
    let text = production().replace(
        "[container.resources.requests]\ncpu = \"16\"\n",
        "[container.resources.requests]\n",
    );
    let compiled = compile(&text);
    let warnings = &compiled.warnings.diagnostics;
    assert_eq!(
        warnings.iter().map(|d| d.code).collect::<Vec<_>>(),
        ["P3603"]
    );
    assert!(
        warnings[0].message.contains("`requests.cpu`"),
        "{}",
        warnings[0].message
    );
    // The same spec under the poc profile has no such warning.
    let poc = compile(&text.replace("profile = \"production\"\n", ""));
    assert!(!poc.warnings.diagnostics.iter().any(|d| d.code == "P3603"));
}

#[test]
fn monitoring_settings_without_effect_are_warnings() {
    let text = production().replace(
        "interval = \"30s\"\n",
        "interval = \"30s\"\nvllm-server-name = \"qwen2-3b-pattern3-kserve-workload-svc.llm-d-inference-scheduling.svc\"\n",
    );
    let codes: Vec<_> = compile(&text)
        .warnings
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(codes, ["P3604"]);

    let text = production().replace(
        "interval = \"30s\"\n",
        "interval = \"30s\"\nvllm-ca = { secret = \"qwen2-3b-pattern3-kserve-self-signed-certs\", key = \"tls.crt\" }\nvllm-server-name = \"qwen.svc\"\nepp-bearer-token = { secret = \"prometheus-token\", key = \"token\" }\n",
    );
    let compiled = compile(&text);
    assert!(compiled.warnings.diagnostics.is_empty());
    let objects = objects(&compiled);
    let vllm = named(&objects, "PodMonitor", "qwen2-3b-pattern3-vllm").unwrap();
    assert_eq!(
        vllm["spec"]["podMetricsEndpoints"][0]["tlsConfig"],
        json!({"ca": {"secret": {"name": "qwen2-3b-pattern3-kserve-self-signed-certs", "key": "tls.crt"}},
               "serverName": "qwen.svc"})
    );
    let epp = named(&objects, "PodMonitor", "qwen2-3b-pattern3-epp").unwrap();
    assert_eq!(
        epp["spec"]["podMetricsEndpoints"][0]["authorization"],
        json!({"type": "Bearer", "credentials": {"name": "prometheus-token", "key": "token"}})
    );
}

#[test]
fn every_example_compiles_without_errors() {
    for entry in std::fs::read_dir(root().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            compile(&std::fs::read_to_string(&path).unwrap());
        }
    }
}

#[test]
fn the_new_codes_are_documented() {
    for code in ["P3601", "P3602", "P3603", "P3604", "P3701", "P3702"] {
        let info =
            p3gen::validate::explain(code).unwrap_or_else(|| panic!("{code} is undocumented"));
        for section in ["## What it checks", "## Why", "## Example"] {
            assert!(info.doc.contains(section), "{code} lacks {section}");
        }
    }
}
