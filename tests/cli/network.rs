//! The network contract evaluated against the rendered NetworkPolicies: `p3gen explain-network`
//! prints the matrix; the production profile holds it on every target; the reference and a
//! from-scratch spec show the flows their policies deny.

use p3gen::diagnostic::{RenderStyle, SourceFile};
use p3gen::network::{Expect, matrix};
use p3gen::render::Object;
use p3gen::target::{IstioVersion, KserveTarget, TargetOverride};

use crate::common::{p3gen, root, run};

fn compiled(path: &str, target: &TargetOverride) -> p3gen::Compiled {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    let source = SourceFile::new(path, text);
    p3gen::compile_for(&source, path, target)
        .unwrap_or_else(|report| panic!("{}", report.render(RenderStyle::Plain)))
}

fn policies(compiled: &p3gen::Compiled) -> Vec<k8s_openapi::api::networking::v1::NetworkPolicy> {
    compiled
        .objects
        .iter()
        .filter_map(|object| match object {
            Object::NetworkPolicy(policy) => Some(policy.clone()),
            _ => None,
        })
        .collect()
}

/// The ids and names of the flows whose expectation fails.
fn failing(compiled: &p3gen::Compiled) -> Vec<String> {
    matrix(&compiled.pattern, &policies(compiled))
        .into_iter()
        .filter(|row| !row.holds())
        .map(|row| format!("{} {}", row.flow.id, row.flow.name))
        .collect()
}

#[test]
fn the_production_profile_allows_every_required_flow_and_closes_every_exposure() {
    for kserve in KserveTarget::ALL {
        let istio = if *kserve >= KserveTarget::V017 {
            IstioVersion::V1_28
        } else {
            IstioVersion::V1_27
        };
        let target = TargetOverride {
            kserve: Some(*kserve),
            istio: Some(istio),
        };
        let compiled = compiled("patterns/pattern3-production.toml", &target);
        assert_eq!(failing(&compiled), Vec::<String>::new(), "{kserve}");
        let rows = matrix(&compiled.pattern, &policies(&compiled));
        for id in [
            "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "X1", "X2", "X3",
        ] {
            assert!(
                rows.iter().any(|row| row.flow.id == id),
                "{kserve}: no {id}"
            );
        }
    }
}

/// domain.md §2: the reference's gateway → EPP policy selects no pod KServe creates (D1), and its
/// any-pod rule opens vLLM to every pod (D3); the EPP reaches vLLM only through allow-all egress (C4).
#[test]
fn the_reference_denies_gateway_to_epp_and_exposes_vllm() {
    let compiled = compiled("patterns/pattern3.toml", &TargetOverride::default());
    assert_eq!(
        failing(&compiled),
        ["C2 gateway → EPP 9002", "X1 any other pod → vLLM 8000"]
    );
    let rows = matrix(&compiled.pattern, &policies(&compiled));
    let c4 = rows.iter().find(|row| row.flow.id == "C4").unwrap();
    assert!(c4.verdict.allowed());
    assert_eq!(c4.flow.expect, Expect::Required);
}

/// A spec written from scratch with the defaults: the EPP policy has no egress to the API server.
#[test]
fn the_from_scratch_defaults_deny_the_epp_the_api_server() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec.toml");
    std::fs::write(
        &spec,
        r#"[service]
name = "qwen"
namespace = "llm"
replicas = 2

[model]
uri = "hf://Qwen/Qwen2.5-3B-Instruct"
name = "Qwen/Qwen2.5-3B-Instruct"

[accelerator.tpu]
generation = "v6e"
topology = "2x2"

[container]
image = "registry.example/vllm-tpu:1.0"

[gateway]
name = "inference-gateway"
namespace = "opendatahub"
"#,
    )
    .unwrap();
    let (code, stdout, stderr) = run(p3gen().arg("explain-network").arg(&spec));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("C5 EPP → API server 443 denied: the EPP cannot watch its InferencePool"),
        "{stdout}"
    );
    let c5 = stdout.lines().find(|l| l.starts_with("C5 ")).unwrap();
    assert!(
        c5.contains("DENIED (isolated by allow-gateway-to-epp-qwen"),
        "{c5}"
    );
}

#[test]
fn explain_network_prints_the_matrix_of_the_reference_and_of_production() {
    for pattern in ["pattern3", "pattern3-production"] {
        let (code, stdout, stderr) = run(p3gen()
            .arg("explain-network")
            .arg(root().join(format!("patterns/{pattern}.toml"))));
        assert_eq!(code, 0, "{stderr}");
        insta::assert_snapshot!(pattern, stdout);
    }
    let (code, stdout, _) = run(p3gen().args(["explain-network", "/nonexistent.toml"]));
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
}
