//! One spec, several version targets: the output differs exactly where the version matrix says it
//! must, the scorer weights reach each target in the form its CRD accepts, and the command line
//! chooses and explains targets.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common;

use common::{p3gen, root, run};
use p3gen::diagnostic::{RenderStyle, SourceFile};
use p3gen::output::diff::{Manifest, differing_paths, parse_multi_doc};
use p3gen::target::{IstioVersion, KserveTarget, TargetOverride};

/// A spec that leaves every version-dependent choice to the target: the vLLM argument form, the
/// serving scheme, the EnvoyFilter routes and body modes; and sets weights that are no target's
/// default but valid on all of them (integers, plugins every EPP registers).
const SPEC: &str = r#"
[service]
name = "qwen2-3b"
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

[vllm]
served-model-name = "Qwen/Qwen2.5-3B-Instruct"

[gateway]
name = "inference-gateway"
namespace = "opendatahub"

[scheduler.scorers]
prefix-cache-scorer = { weight = 3 }
load-aware-scorer = { weight = 1 }

[envoy-filter]
enabled = true

[mesh]
mtls = "strict"

[network-policies]
default-deny = true
"#;

/// The Istio version that routes to the target's InferencePool API.
fn istio_for(kserve: KserveTarget) -> IstioVersion {
    if kserve >= KserveTarget::V017 {
        IstioVersion::V1_28
    } else {
        IstioVersion::V1_27
    }
}

fn compile(text: &str, kserve: KserveTarget) -> p3gen::Compiled {
    let source = SourceFile::new("spec.toml", text);
    let target = TargetOverride {
        kserve: Some(kserve),
        istio: Some(istio_for(kserve)),
    };
    p3gen::compile_for(&source, "spec.toml", &target)
        .unwrap_or_else(|report| panic!("{}", report.render(RenderStyle::Plain)))
}

/// The rendered YAML of `SPEC` for `kserve`, read back as manifests.
fn manifests(kserve: KserveTarget) -> Vec<Manifest> {
    let yaml = compile(SPEC, kserve).yaml();
    parse_multi_doc(&yaml)
        .unwrap()
        .into_iter()
        .map(|value| Manifest {
            source: kserve.to_string(),
            value,
        })
        .collect()
}

const SERVICE: &str = "LLMInferenceService/llm/qwen2-3b:";
const FILTER: &str = "EnvoyFilter/opendatahub/qwen2-3b-ext-proc-body:";

#[test]
fn the_same_spec_differs_exactly_where_the_version_matrix_says() {
    let odh = manifests(KserveTarget::Odh015);
    let k16 = manifests(KserveTarget::V016);
    let k17 = manifests(KserveTarget::V017);
    let k20 = manifests(KserveTarget::V020);
    let paths = |old: &[Manifest], new: &[Manifest]| {
        let mut paths = differing_paths(old, new).unwrap();
        paths.sort();
        paths
    };
    let sorted = |expected: &[&str]| {
        let mut expected: Vec<String> = expected.iter().map(|p| (*p).to_owned()).collect();
        expected.sort();
        expected
    };
    // 0.17 moves the weights from template args to `scheduler.config.inline`.
    let template_to_inline = [
        format!("{SERVICE}spec.router.scheduler.config"),
        format!("{SERVICE}spec.router.scheduler.template"),
    ];
    // The vLLM template: ODH's bash script with HTTPS vs upstream's `vllm serve` with HTTP.
    let odh_vllm = [
        format!("{SERVICE}spec.template.containers[0].args"),
        format!("{SERVICE}spec.template.containers[0].livenessProbe.httpGet.scheme"),
        format!("{SERVICE}spec.template.containers[0].readinessProbe.httpGet.scheme"),
    ];
    // 0.20's EPP: the llm-d.ai config group. Its weights are written as floats (`2.0`), but
    // kubectl sends a whole float as JSON `2`, so the objects the API server receives, which the
    // manifests are read as, do not differ there.
    let inline = format!("{SERVICE}spec.router.scheduler.config.inline");
    let k20_epp = [format!("{inline}.apiVersion")];
    let patches = format!("{FILTER}spec.configPatches");

    // 0.16: camelCase EPP flags with `--configText`, upstream's vLLM template, one HTTPRoute rule.
    let k16_args = format!("{SERVICE}spec.router.scheduler.template.containers[0].args");
    let odh_to_k16: Vec<&str> = odh_vllm
        .iter()
        .chain([&k16_args, &patches])
        .map(String::as_str)
        .collect();
    assert_eq!(paths(&odh, &k16), sorted(&odh_to_k16));
    let odh_to_k17: Vec<&str> = template_to_inline
        .iter()
        .chain(&odh_vllm)
        .map(String::as_str)
        .collect();
    assert_eq!(paths(&odh, &k17), sorted(&odh_to_k17));
    let odh_to_k20: Vec<&str> = template_to_inline
        .iter()
        .chain(&odh_vllm)
        .chain([&patches])
        .map(String::as_str)
        .collect();
    assert_eq!(paths(&odh, &k20), sorted(&odh_to_k20));
    // From 0.17 the template appends the vLLM args to its own model name and port, which 0.16's
    // list had to repeat, and drops `--disable-log-requests`.
    let appended_args = format!("{SERVICE}spec.template.containers[0].args");
    let k16_to_k17: Vec<&str> = template_to_inline
        .iter()
        .chain([&patches, &appended_args])
        .map(String::as_str)
        .collect();
    assert_eq!(paths(&k16, &k17), sorted(&k16_to_k17));
    let k16_to_k20: Vec<&str> = template_to_inline
        .iter()
        .chain([&patches, &appended_args])
        .map(String::as_str)
        .collect();
    assert_eq!(paths(&k16, &k20), sorted(&k16_to_k20));
    let k17_to_k20: Vec<&str> = k20_epp
        .iter()
        .chain([&patches])
        .map(String::as_str)
        .collect();
    assert_eq!(paths(&k17, &k20), sorted(&k17_to_k20));
}

#[test]
fn each_target_puts_the_weights_where_it_reads_them() {
    let yaml = compile(SPEC, KserveTarget::Odh015).yaml();
    assert!(yaml.contains("          - --config-text\n          - |\n            apiVersion: inference.networking.x-k8s.io/v1alpha1\n"), "{yaml}");
    assert!(
        yaml.contains(
            "              - pluginRef: prefix-cache-scorer\n                weight: 3\n"
        ),
        "{yaml}"
    );
    let yaml = compile(SPEC, KserveTarget::V016).yaml();
    assert!(yaml.contains("          - --poolName\n"), "{yaml}");
    assert!(yaml.contains("          - --configText\n"), "{yaml}");
    let yaml = compile(SPEC, KserveTarget::V020).yaml();
    assert!(
        yaml.contains("      config:\n        inline:\n          apiVersion: llm-d.ai/v1alpha1\n"),
        "{yaml}"
    );
    assert!(
        yaml.contains("            - pluginRef: prefix-cache-scorer\n              weight: 3.0\n"),
        "{yaml}"
    );
}

#[test]
fn default_weights_render_an_empty_scheduler_on_every_target() {
    for kserve in KserveTarget::ALL {
        let defaults: Vec<String> = kserve
            .profile()
            .default_scorers
            .iter()
            .map(|s| format!("{} = {{ weight = {} }}", s.plugin, s.weight))
            .collect();
        let spec = SPEC.replace(
            "prefix-cache-scorer = { weight = 3 }\nload-aware-scorer = { weight = 1 }\n",
            &format!("{}\n", defaults.join("\n")),
        );
        let yaml = compile(&spec, *kserve).yaml();
        assert!(yaml.contains("    scheduler: {}\n"), "{kserve}: {yaml}");
    }
}

/// The shared data directory: `$P3GEN_SHARED`, or `shared/` beside the crate or an ancestor.
fn shared_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("P3GEN_SHARED") {
        return PathBuf::from(dir);
    }
    root()
        .ancestors()
        .map(|dir| dir.join("shared"))
        .find(|dir| dir.join("tools/crdcheck.py").is_file())
        .expect("shared/tools/crdcheck.py beside the crate or above it")
}

/// The LLMInferenceService document of a rendered bundle.
fn llmisvc_document(yaml: &str) -> String {
    let documents: Vec<&str> = yaml
        .split("\n---\n")
        .filter(|doc| doc.contains("kind: LLMInferenceService\n"))
        .collect();
    assert_eq!(documents.len(), 1, "{yaml}");
    documents[0].to_owned()
}

/// Runs the Python script named by the first argument with the rest, reading YAML with libyaml.
/// `crdcheck.py` reads the multi-megabyte CRDs with PyYAML's pure-Python `safe_load_all`, 12 s a
/// run on this machine; libyaml's `CSafeLoader` builds the same documents in about 1.5 s (the
/// tool prints the same report either way). Without libyaml the script runs as it is.
const WITH_LIBYAML: &str = r#"
import runpy, sys, yaml
if yaml.__with_libyaml__:
    yaml.safe_load_all = lambda stream: yaml.load_all(stream, Loader=yaml.CSafeLoader)
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"#;

/// Validates documents with one run of `crdcheck.py` against the CRDs of KServe `version`; returns
/// whether each is valid, in order, and the tool's output.
fn crdcheck(documents: &[(String, String)], version: &str, dir: &Path) -> (Vec<bool>, String) {
    let files: Vec<PathBuf> = documents
        .iter()
        .map(|(label, document)| {
            let file = dir.join(format!("{label}-{version}.yaml"));
            std::fs::write(&file, document).unwrap();
            file
        })
        .collect();
    let shared = shared_dir();
    let output = Command::new("python3")
        .arg("-c")
        .arg(WITH_LIBYAML)
        .arg(shared.join("tools/crdcheck.py"))
        .arg("--crds")
        .arg(shared.join("crds"))
        .arg("--kserve")
        .arg(version)
        .args(&files)
        .output()
        .expect("python3 runs shared/tools/crdcheck.py");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    // One status line per object, in file order: `valid …` or `INVALID …`, errors indented below.
    let valid: Vec<bool> = text
        .lines()
        .filter(|line| line.starts_with("valid") || line.starts_with("INVALID"))
        .map(|line| line.starts_with("valid"))
        .collect();
    assert_eq!(valid.len(), documents.len(), "{text}");
    assert_eq!(output.status.success(), valid.iter().all(|v| *v), "{text}");
    (valid, text)
}

#[test]
fn weights_validate_against_the_crd_of_every_target_and_a_misplaced_config_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    for version in ["0.16.0", "0.20.0"] {
        let mut documents: Vec<(String, String)> = KserveTarget::ALL
            .iter()
            .filter(|kserve| kserve.profile().crd_kserve_version == version)
            .map(|kserve| {
                (
                    kserve.to_string(),
                    llmisvc_document(&compile(SPEC, *kserve).yaml()),
                )
            })
            .collect();
        let targets = documents.len();
        assert!(targets >= 2, "{version}");
        // And one that must fail: the inline config of 0.20 is not in the CRD of 0.16, and the
        // template args of odh-0.15 are fine everywhere, so check 0.20's output against 0.16.
        if version == "0.16.0" {
            let k20 = llmisvc_document(&compile(SPEC, KserveTarget::V020).yaml());
            documents.push(("misplaced".to_owned(), k20));
        }
        let (valid, text) = crdcheck(&documents, version, dir);
        assert!(valid[..targets].iter().all(|v| *v), "{version}:\n{text}");
        if version == "0.16.0" {
            assert!(!valid[targets], "{text}");
            assert!(text.contains("router.scheduler"), "{text}");
        }
    }
}

#[test]
fn shared_named_routes_and_unwatched_pool_api_are_warnings() {
    let source = SourceFile::new("spec.toml", SPEC);
    let codes = |target: TargetOverride| -> Vec<&'static str> {
        let compiled = p3gen::compile_for(&source, "spec.toml", &target).unwrap();
        // The spec's own MERGE EnvoyFilter (P3304) and allow-all vLLM egress (P3406) are warned
        // about on every target; this test is about the target-dependent warnings.
        compiled
            .warnings
            .diagnostics
            .iter()
            .map(|d| d.code)
            .filter(|code| !["P3304", "P3406"].contains(code))
            .collect()
    };
    assert_eq!(
        codes(TargetOverride {
            kserve: Some(KserveTarget::V020),
            istio: Some(IstioVersion::V1_28),
        }),
        ["P3807"]
    );
    assert_eq!(
        codes(TargetOverride {
            kserve: Some(KserveTarget::V017),
            istio: Some(IstioVersion::V1_27),
        }),
        ["P3808"]
    );
    assert_eq!(
        codes(TargetOverride {
            kserve: Some(KserveTarget::Odh015),
            istio: Some(IstioVersion::V1_27),
        }),
        Vec::<&str>::new()
    );
    let named = SPEC.replace(
        "[envoy-filter]\nenabled = true\n",
        "[envoy-filter]\nenabled = true\nroute-names = [\"v1-completions-path\", \"v1-chat-completions-path\"]\n",
    );
    let source = SourceFile::new("spec.toml", named);
    let compiled = p3gen::compile_for(
        &source,
        "spec.toml",
        &TargetOverride {
            kserve: Some(KserveTarget::V020),
            istio: Some(IstioVersion::V1_28),
        },
    )
    .unwrap();
    let codes: Vec<_> = compiled
        .warnings
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect();
    assert!(!codes.contains(&"P3312"), "{codes:?}");
    assert!(compiled.yaml().contains("name: v1-chat-completions-path\n"));
}

/// The objects of a bundle, one document each, labelled by their position.
fn documents_of(bundle: &str, label: &str) -> Vec<(String, String)> {
    bundle
        .split("\n---\n")
        .filter(|document| document.contains("\nkind: ") || document.starts_with("kind: "))
        .enumerate()
        .map(|(index, document)| (format!("{label}-{index}"), document.to_owned()))
        .collect()
}

/// One spec renders on every KServe target, each bundle valid against its target's CRDs; and the
/// README's example (the built-in spec, whose EnvoyFilter names ODH's rule indices, moved to 0.20)
/// renders without the EnvoyFilter, with a warning that says why.
#[test]
fn one_spec_renders_valid_on_every_target() {
    let dir = tempfile::tempdir().unwrap();
    let spec = root().join("patterns/pattern3-production.toml");
    for kserve in KserveTarget::ALL {
        let target = format!("kserve={kserve},istio={}", istio_for(*kserve));
        let (code, stdout, stderr) =
            run(p3gen().arg("render").arg(&spec).args(["--target", &target]));
        assert_eq!(code, 0, "{target}: {stderr}");
        let documents = documents_of(&stdout, &kserve.to_string());
        assert!(documents.len() >= 5, "{target}: {stdout}");
        let (valid, text) = crdcheck(&documents, kserve.profile().crd_kserve_version, dir.path());
        assert!(valid.iter().all(|v| *v), "{target}:\n{text}");
    }

    let builtin = root().join("patterns/pattern3.toml");
    let (code, stdout, stderr) = run(p3gen()
        .arg("render")
        .arg(&builtin)
        .args(["--target", "kserve=0.20,istio=1.28"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(!stdout.contains("kind: EnvoyFilter"), "{stdout}");
    assert!(stderr.contains("P3810"), "{stderr}");
    assert!(stderr.contains("no EnvoyFilter is rendered"), "{stderr}");
    let documents = documents_of(&stdout, "builtin-0.20");
    let (valid, text) = crdcheck(&documents, "0.20.0", dir.path());
    assert!(valid.iter().all(|v| *v), "{text}");
    // On Istio 1.26 the gateway does not forward bodies itself: the indices stay an error.
    let (code, _, stderr) = run(p3gen()
        .arg("render")
        .arg(&builtin)
        .args(["--target", "kserve=0.20,istio=1.26"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("P3806"), "{stderr}");
}

/// The vLLM args of `SPEC` with `[vllm]` lines added, on `kserve`.
fn vllm_args(vllm: &str, kserve: KserveTarget) -> Vec<String> {
    let spec = SPEC.replace(
        "[vllm]\nserved-model-name = \"Qwen/Qwen2.5-3B-Instruct\"\n",
        &format!("[vllm]\n{vllm}\n"),
    );
    let compiled = compile(&spec, kserve);
    let service = compiled
        .objects
        .iter()
        .find_map(|object| match object {
            p3gen::render::Object::LlmInferenceService(service) => Some(service.clone()),
            _ => None,
        })
        .unwrap();
    service.spec.template.containers[0]
        .args
        .clone()
        .unwrap_or_default()
}

/// versions.md §B rows 40 and 46: from 0.17 the template appends the args to its own
/// `vllm serve … --served-model-name … --port 8000`, so p3gen repeats neither and writes no
/// `--disable-log-requests`; on 0.18–0.20 the args pass through `eval`, so a JSON value is quoted.
#[test]
fn vllm_args_follow_each_target_template() {
    let json = r#"extra-args = ['--kv-transfer-config={"kv_connector":"OffloadingConnector","kv_role":"kv_both"}']"#;
    let raw = r#"--kv-transfer-config={"kv_connector":"OffloadingConnector","kv_role":"kv_both"}"#;
    let k16 = vllm_args(json, KserveTarget::V016);
    assert!(k16.contains(&"--port=8000".to_owned()), "{k16:?}");
    assert!(
        k16.contains(&"--disable-log-requests".to_owned()),
        "{k16:?}"
    );
    assert!(k16.contains(&raw.to_owned()), "{k16:?}");
    let k17 = vllm_args(json, KserveTarget::V017);
    assert!(k17.contains(&raw.to_owned()), "{k17:?}");
    for kserve in [KserveTarget::V017, KserveTarget::V018, KserveTarget::V020] {
        let args = vllm_args(json, kserve);
        assert!(
            !args.iter().any(|a| a.starts_with("--port")
                || a.starts_with("--served-model-name")
                || a == "--disable-log-requests"),
            "{kserve}: {args:?}"
        );
    }
    let k20 = vllm_args(json, KserveTarget::V020);
    assert!(k20.contains(&format!("'{raw}'")), "{k20:?}");
    assert!(
        k20.contains(&"--enable-prefix-caching".to_owned()),
        "{k20:?}"
    );
    // The eval'd args split as vLLM must see them.
    let line = k20.join(" ");
    assert_eq!(
        shell_words::split(&line)
            .unwrap()
            .iter()
            .filter(|a| *a == raw)
            .count(),
        1,
        "{line}"
    );
    // Asked for, the flag is written on any target.
    let asked = vllm_args("disable-log-requests = true", KserveTarget::V020);
    assert!(
        asked.contains(&"--disable-log-requests".to_owned()),
        "{asked:?}"
    );
}

/// versions.md §B rows 45 and 46 and §A4: flags are checked against the vLLM the container runs.
#[test]
fn vllm_flags_are_checked_against_the_release_the_container_runs() {
    let render = |vllm: &str, release: &str| {
        let spec = SPEC.replace("[vllm]\n", &format!("[vllm]\n{vllm}\n"))
            + &format!("\n[target]\nvllm = \"{release}\"\n");
        let source = SourceFile::new("spec.toml", spec);
        let target = TargetOverride {
            kserve: Some(KserveTarget::V020),
            istio: Some(IstioVersion::V1_28),
        };
        match p3gen::compile_for(&source, "spec.toml", &target) {
            Ok(compiled) => (true, codes_of(&compiled.warnings)),
            Err(report) => (false, codes_of(&report)),
        }
    };
    // vLLM 0.33 exits on --disable-log-requests: an error where the spec asks for it.
    let (ok, codes) = render("disable-log-requests = true", "0.33.0");
    assert!(!ok && codes.contains(&"P3203"), "{codes:?}");
    // On 0.13 it is deprecated, and 0.17 removes it: a warning.
    let (ok, codes) = render("disable-log-requests = true", "0.13.0");
    assert!(ok && codes.contains(&"P3208"), "{codes:?}");
    // --prefix-cache-block-size is a flag of no release, whatever the version.
    for version in ["0.10.0", "0.33.0"] {
        let (ok, codes) = render("extra-args = [\"--prefix-cache-block-size=16\"]", version);
        assert!(!ok && codes.contains(&"P3203"), "{version}: {codes:?}");
    }
    // Both spellings and the --no- form of a bool flag are flags.
    let (ok, codes) = render(
        "extra-args = [\"--max_num_batched_tokens=4096\", \"--no-enable-chunked-prefill\"]",
        "0.11.0",
    );
    assert!(ok && !codes.contains(&"P3203"), "{codes:?}");
}

fn codes_of(report: &p3gen::diagnostic::Report) -> Vec<&'static str> {
    report.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn the_target_flag_overrides_the_spec() {
    let spec = root().join("patterns/pattern3-weights-odh.toml");
    let (code, stdout, stderr) = run(p3gen()
        .arg("render")
        .arg(&spec)
        .args(["--target", "kserve=0.20,istio=1.28"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("\n# Target: KServe 0.20 "), "{stdout}");
    assert!(
        stdout.contains("      config:\n        inline:\n"),
        "{stdout}"
    );
    let (code, stdout, _) = run(p3gen().arg("render").arg(&spec));
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        std::fs::read_to_string(root().join("golden/pattern3-weights-odh.yaml")).unwrap()
    );
    for bad in ["kserve=0.21", "kserve", "kserve=0.20,kserve=0.19"] {
        let (code, stdout, stderr) = run(p3gen().args(["render", "--target", bad]));
        assert_eq!(code, 2, "{bad}: {stderr}");
        assert!(stdout.is_empty(), "{bad}");
        assert!(stderr.contains("--target"), "{bad}: {stderr}");
    }
}

#[test]
fn targets_and_explain_routing_print_the_tables() {
    let (code, stdout, _) = run(p3gen().arg("targets"));
    assert_eq!(code, 0);
    for kserve in KserveTarget::ALL {
        assert!(
            stdout.contains(kserve.profile().default_epp_image),
            "{stdout}"
        );
    }
    let spec = root().join("patterns/pattern3-weights-odh.toml");
    let (code, stdout, stderr) = run(p3gen().arg("explain-routing").arg(&spec));
    assert_eq!(code, 0, "{stderr}");
    let line = |name: &str| {
        stdout
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_default()
            .to_owned()
    };
    let prefix = line("prefix-cache-scorer");
    assert!(
        prefix.contains(" 3 ") && prefix.contains("75%") && prefix.contains(" 2 "),
        "{prefix}"
    );
    assert!(stdout.contains("`--config-text`"), "{stdout}");
    let (code, stdout, _) = run(p3gen().args(["explain-routing", "/nonexistent.toml"]));
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
}

#[test]
fn an_epp_image_goes_on_the_main_container_of_the_scheduler_template() {
    let with_epp = SPEC.replace(
        "[gateway]",
        "[target]\nepp = { image = \"quay.io/example/epp:v0.4.1\", version = \"inference-scheduler-0.4\" }\n\n[gateway]",
    );
    let yaml = compile(&with_epp, KserveTarget::V017).yaml();
    assert!(
        yaml.contains("      template:\n        containers:\n        - image: quay.io/example/epp:v0.4.1\n          name: main\n"),
        "{yaml}"
    );
    assert!(yaml.contains("      config:\n        inline:\n"), "{yaml}");
    let yaml = compile(&with_epp, KserveTarget::Odh015).yaml();
    assert!(yaml.contains("          - --config-text\n"), "{yaml}");
    assert!(
        yaml.contains("          image: quay.io/example/epp:v0.4.1\n"),
        "{yaml}"
    );
}

/// `SPEC` with `[autoscaling]` in place of `service.replicas`.
fn autoscaled(autoscaling: &str) -> String {
    SPEC.replace("replicas = 2\n", "")
        .replace("[model]", &format!("{autoscaling}\n[model]"))
}

const HPA: &str = r#"[autoscaling]
min-replicas = 2
max-replicas = 6
actuator = "hpa"

[autoscaling.behavior.scale-down]
stabilization-window-seconds = 600
policies = [{ type = "Pods", value = 1, period-seconds = 300 }]
"#;

const KEDA: &str = r#"[autoscaling]
min-replicas = 2
max-replicas = 6
actuator = "keda"
variant-cost = "4.4"
keda = { polling-interval = 15, idle-replica-count = 1 }
"#;

/// Renders `text` for `kserve` through the real binary.
fn render_for(text: &str, kserve: KserveTarget) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("spec.toml");
    std::fs::write(&file, text).unwrap();
    let target = format!("kserve={kserve},istio={}", istio_for(kserve));
    run(p3gen().args(["render", "--target", &target]).arg(&file))
}

/// versions.md §A3: `spec.scaling` renders in place of `replicas` on the targets that reconcile
/// it (0.18 and later), valid against the 0.20 CRD, with the actuator's settings only.
#[test]
fn autoscaling_renders_spec_scaling_on_0_18_and_later() {
    let dir = tempfile::tempdir().unwrap();
    let mut documents = Vec::new();
    for kserve in [KserveTarget::V018, KserveTarget::V019, KserveTarget::V020] {
        for (label, table) in [("hpa", HPA), ("keda", KEDA)] {
            let (code, stdout, stderr) = render_for(&autoscaled(table), kserve);
            assert_eq!(code, 0, "{kserve} {label}: {stderr}");
            let llmisvc = llmisvc_document(&stdout);
            assert!(!llmisvc.contains("\n  replicas:"), "{llmisvc}");
            assert!(
                llmisvc.contains("  scaling:\n    minReplicas: 2\n    maxReplicas: 6\n    wva:\n"),
                "{llmisvc}"
            );
            documents.push((format!("{kserve}-{label}"), llmisvc));
        }
    }
    let hpa = &documents[0].1;
    assert!(
        hpa.contains(
            "      hpa:\n        behavior:\n          scaleDown:\n            policies:\n            - periodSeconds: 300\n              type: Pods\n              value: 1\n            stabilizationWindowSeconds: 600\n"
        ),
        "{hpa}"
    );
    assert!(!hpa.contains("keda"), "{hpa}");
    let keda = &documents[1].1;
    assert!(
        keda.contains("      variantCost: \"4.4\"\n      keda:\n        pollingInterval: 15\n        idleReplicaCount: 1\n"),
        "{keda}"
    );
    let (valid, text) = crdcheck(&documents, "0.20.0", dir.path());
    assert!(valid.iter().all(|v| *v), "{text}");
}

/// versions.md §A3: 0.17 has the field but no reconciler; 0.16 and ODH have neither. Each is an
/// error that names the version that adds it, at the `[autoscaling]` table; nothing is written.
#[test]
fn autoscaling_before_0_18_is_an_error_that_names_the_version() {
    for (kserve, says) in [
        (
            KserveTarget::V017,
            "accepts `spec.scaling` but no controller reads it",
        ),
        (KserveTarget::V016, "has no `spec.scaling`"),
        (KserveTarget::Odh015, "has no `spec.scaling`"),
    ] {
        let (code, stdout, stderr) = render_for(&autoscaled(HPA), kserve);
        assert_eq!(code, 2, "{kserve}: {stderr}");
        assert!(stdout.is_empty(), "{kserve}");
        assert!(stderr.contains("P3209"), "{kserve}: {stderr}");
        assert!(stderr.contains(says), "{kserve}: {stderr}");
        assert!(stderr.contains("target KServe 0.18 or later"), "{stderr}");
        assert!(stderr.contains("spec.toml:"), "{stderr}");
    }
}

/// The spec's replica settings: both is an error at both places, neither is an error at
/// `[service]`, and the other actuator's table is an error.
#[test]
fn replicas_and_autoscaling_exclude_each_other() {
    let both = SPEC.replace("[model]", &format!("{HPA}\n[model]"));
    let (code, _, stderr) = render_for(&both, KserveTarget::V020);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("P3209"), "{stderr}");
    assert!(
        stderr.contains("`replicas` and `scaling` exclude each other"),
        "{stderr}"
    );
    assert!(stderr.contains("a fixed count"), "{stderr}");
    assert!(stderr.contains("replicas = 2"), "{stderr}");

    let neither = SPEC.replace("replicas = 2\n", "");
    let (code, _, stderr) = render_for(&neither, KserveTarget::V020);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("P3210"), "{stderr}");
    assert!(stderr.contains("[service]"), "{stderr}");

    let stray = autoscaled(&KEDA.replace(
        "keda = {",
        "behavior = { scale-up = { select-policy = \"Max\" } }\nkeda = {",
    ));
    let (code, _, stderr) = render_for(&stray, KserveTarget::V020);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("P3211"), "{stderr}");
    assert!(
        stderr.contains("the actuator is a KEDA ScaledObject"),
        "{stderr}"
    );

    let inverted = autoscaled(&HPA.replace("min-replicas = 2", "min-replicas = 8"));
    let (code, _, stderr) = render_for(&inverted, KserveTarget::V020);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("`maxReplicas` (6) is below `minReplicas` (8)"),
        "{stderr}"
    );
    assert!(stderr.contains("max-replicas = 6"), "{stderr}");
}

/// `explain-scaling` names what the controller creates, the metric and the prerequisites;
/// `plan` prices the fewest and the most replicas.
#[test]
fn explain_scaling_and_plan_describe_the_autoscaler() {
    let spec = root().join("patterns/pattern3-autoscaling-0.20.toml");
    let (code, stdout, stderr) = run(p3gen().arg("explain-scaling").arg(&spec));
    assert_eq!(code, 0, "{stderr}");
    for expected in [
        "Autoscaled between 2 and 6 vLLM replicas",
        "VariantAutoscaling qwen2-3b-pattern3-kserve-va (llmd.ai/v1alpha1)",
        "Deployment qwen2-3b-pattern3-kserve ",
        "HorizontalPodAutoscaler qwen2-3b-pattern3-kserve-hpa (autoscaling/v2)",
        "`wva_desired_replicas`",
        "Prometheus Adapter",
        "ScalingCRDNotFound",
    ] {
        assert!(stdout.contains(expected), "{expected}:\n{stdout}");
    }
    let dir = tempfile::tempdir().unwrap();
    let keda = dir.path().join("keda.toml");
    std::fs::write(&keda, autoscaled(KEDA)).unwrap();
    let (code, stdout, stderr) = run(p3gen()
        .arg("explain-scaling")
        .arg(&keda)
        .args(["--target", "kserve=0.20,istio=1.28"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("ScaledObject qwen2-3b-kserve-keda (keda.sh/v1alpha1)"),
        "{stdout}"
    );
    assert!(stdout.contains("exported_namespace=\"llm\""), "{stdout}");
    assert!(stdout.contains("prometheus.url"), "{stdout}");
    let (code, stdout, _) = run(p3gen().arg("explain-scaling"));
    assert_eq!(code, 0);
    assert!(stdout.contains("A fixed 3 vLLM replica(s)"), "{stdout}");

    let (code, stdout, stderr) = run(p3gen().arg("plan").arg(&spec));
    assert_eq!(code, 0, "{stderr}");
    let line = |name: &str| {
        stdout
            .lines()
            .map(str::trim_start)
            .find(|l| l.starts_with(name))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        line("replicas (N)").contains("2 (autoscaled up to 6)"),
        "{stdout}"
    );
    assert!(
        line("at 6 replicas").contains("24 chips, 6 nodes"),
        "{stdout}"
    );
    let per_hour = |row: &str| -> f64 {
        line(row)
            .split('$')
            .nth(1)
            .and_then(|n| n.split_whitespace().next())
            .map(|n| n.replace(',', "").parse().unwrap())
            .unwrap_or_else(|| panic!("{row}:\n{stdout}"))
    };
    let (at_min, at_max) = (
        per_hour("cost per hour (C_h)"),
        per_hour("cost per hour at 6"),
    );
    assert!((at_max - 3.0 * at_min).abs() < 0.01, "{at_min} {at_max}");
}

/// versions.md §B row 47: KServe 0.17's default EPP args pass the metric flag that an EPP on GIE
/// v1.4.0 or later refuses; with such an EPP in `target.epp`, p3gen gives the container the
/// defaults without it. In manifests for 0.18+, the flag is an error at its line.
#[test]
fn the_metric_flag_never_reaches_an_epp_that_refuses_it() {
    let with_epp = SPEC.replace(
        "[gateway]",
        "[target]\nepp = { image = \"ghcr.io/llm-d/llm-d-inference-scheduler:v0.7.1\", version = \"inference-scheduler-0.7\" }\n\n[gateway]",
    );
    let yaml = compile(&with_epp, KserveTarget::V017).yaml();
    let llmisvc = llmisvc_document(&yaml);
    assert!(
        llmisvc.contains("          - --grpc-health-port\n          - \"9003\"\n"),
        "{llmisvc}"
    );
    assert!(!llmisvc.contains("metric"), "{llmisvc}");
    let dir = tempfile::tempdir().unwrap();
    let (valid, text) = crdcheck(&[("k17-epp07".to_owned(), llmisvc)], "0.20.0", dir.path());
    assert!(valid[0], "{text}");
    // The target's own EPP (0.4, GIE v1.2.0) needs the flag: the defaults stay.
    let yaml = compile(SPEC, KserveTarget::V017).yaml();
    assert!(!yaml.contains("--grpc-health-port"), "{yaml}");

    let manifest = root().join("tests/fixtures/manifests/P3811-metric-flag.yaml");
    let (code, stdout, stderr) = run(p3gen().arg("lint").arg(&manifest));
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.contains("P3811"), "{stdout}");
    assert!(stdout.contains("refuses it and does not start"), "{stdout}");
    assert!(stdout.contains("P3811-metric-flag.yaml:20:13"), "{stdout}");
    let (_, stdout, _) = run(p3gen().args(["lint", "--kserve", "0.17"]).arg(&manifest));
    assert!(!stdout.contains("P3811"), "{stdout}");
}

/// versions.md §B row 27: from 0.17 KServe also creates a same-named v1alpha2 pool, so Istio 1.27
/// can route to it where that CRD is installed; the warning says so instead of "does not route".
#[test]
fn istio_1_27_on_0_17_and_later_depends_on_the_alpha_pool() {
    let source = SourceFile::new("spec.toml", SPEC);
    for kserve in [KserveTarget::V017, KserveTarget::V020] {
        let target = TargetOverride {
            kserve: Some(kserve),
            istio: Some(IstioVersion::V1_27),
        };
        let compiled = p3gen::compile_for(&source, "spec.toml", &target).unwrap();
        let warning = compiled
            .warnings
            .diagnostics
            .iter()
            .find(|d| d.code == "P3808")
            .unwrap_or_else(|| panic!("{kserve}: no P3808"));
        assert!(
            warning.message.contains("same-named"),
            "{}",
            warning.message
        );
        let help = warning.help.as_deref().unwrap_or_default();
        assert!(
            help.contains("serving.kserve.io/inference-pool-migrated"),
            "{help}"
        );
        let created = if kserve == KserveTarget::V020 {
            "creates only where that CRD is installed"
        } else {
            "creates, failing where that CRD is missing"
        };
        assert!(warning.message.contains(created), "{}", warning.message);
    }
    let target = TargetOverride {
        kserve: Some(KserveTarget::V016),
        istio: Some(IstioVersion::V1_28),
    };
    let compiled = p3gen::compile_for(&source, "spec.toml", &target).unwrap();
    let warning = compiled
        .warnings
        .diagnostics
        .iter()
        .find(|d| d.code == "P3808")
        .unwrap();
    assert!(
        warning
            .message
            .contains("creates inference.networking.x-k8s.io/v1alpha2 ones"),
        "{}",
        warning.message
    );
}

/// versions.md §B row 41: on 0.18+ the template serves HTTPS, with its own certificate flags,
/// only where the cluster sets `enableLLMInferenceServiceTLS`; `target.llmisvc-tls` states it.
#[test]
fn https_on_0_18_and_later_follows_the_cluster_tls_setting() {
    let https = SPEC.replace("[gateway]", "[serving]\nscheme = \"https\"\n\n[gateway]");
    let with_tls =
        |text: &str| text.replace("[gateway]", "[target]\nllmisvc-tls = true\n\n[gateway]");
    // HTTPS without the setting: a warning at the scheme; p3gen passes the certificate flags.
    let (code, stdout, stderr) = render_for(&https, KserveTarget::V020);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("P3212"), "{stderr}");
    assert!(stdout.contains("--ssl-certfile"), "{stdout}");
    // With it: no warning and HTTPS probes (the flags stay: the objects say what vLLM serves).
    let (code, stdout, stderr) = render_for(&with_tls(&https), KserveTarget::V020);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("P3212"), "{stderr}");
    assert!(stdout.contains("--ssl-certfile"), "{stdout}");
    assert!(stdout.contains("scheme: HTTPS"), "{stdout}");
    // The setting alone makes HTTPS the default scheme on 0.18+.
    let (code, stdout, stderr) = render_for(&with_tls(SPEC), KserveTarget::V018);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("scheme: HTTPS"), "{stdout}");
    assert!(!stdout.contains("scheme: HTTP\n"), "{stdout}");
    // 0.16 does not read it.
    let (code, _, stderr) = render_for(&with_tls(SPEC), KserveTarget::V016);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("P3212"), "{stderr}");
    assert!(
        stderr.contains("does not read `enableLLMInferenceServiceTLS`"),
        "{stderr}"
    );
}

/// versions.md §A2.1: a probe the container leaves out is the template's. Without probes of its
/// own, a TPU container on 0.16 gets the template's liveness of 120 + 3 × 10 s, too short for vLLM's
/// start-up; from 0.17 the template's startup probe (60 × 10 s) guards it, even under a short liveness.
#[test]
fn probes_left_out_are_the_templates() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = |probes: &str| {
        format!(
            r#"apiVersion: serving.kserve.io/v1alpha1
kind: LLMInferenceService
metadata:
  name: qwen
  namespace: llm
spec:
  model:
    uri: hf://Qwen/Qwen2.5-3B-Instruct
  replicas: 1
  router:
    route: {{}}
    gateway: {{}}
  template:
    nodeSelector:
      cloud.google.com/gke-tpu-accelerator: tpu-v6e-slice
      cloud.google.com/gke-tpu-topology: 2x2
    containers:
    - name: main
      resources:
        limits:
          google.com/tpu: "4"
{probes}"#
        )
    };
    let lint = |text: &str, kserve: &str| {
        let file = dir.path().join(format!("llmisvc-{kserve}.yaml"));
        std::fs::write(&file, text).unwrap();
        let (_, stdout, stderr) = run(p3gen().args(["lint", "--kserve", kserve]).arg(&file));
        format!("{stdout}{stderr}")
    };
    let bare = manifest("");
    let out = lint(&bare, "0.16");
    assert!(out.contains("P3206"), "{out}");
    assert!(
        out.contains("KServe 0.16's template liveness (120 + 3 × 10 s = 150 s)"),
        "{out}"
    );
    for kserve in ["0.17", "0.20"] {
        let out = lint(&bare, kserve);
        assert!(!out.contains("P3206"), "{kserve}: {out}");
    }
    let short = manifest(
        "      livenessProbe:\n        httpGet: {path: /health, port: 8000}\n        periodSeconds: 10\n        failureThreshold: 3\n",
    );
    assert!(lint(&short, "0.16").contains("P3206"));
    assert!(!lint(&short, "0.18").contains("P3206"));
    let all = KserveTarget::ALL.iter().map(|t| t.profile().vllm_probes);
    let budgets: Vec<(u32, Option<u32>)> = all
        .map(|p| (p.liveness.budget(), p.startup.map(|s| s.budget())))
        .collect();
    assert_eq!(
        budgets,
        [
            (150, None),
            (150, None),
            (30, Some(600)),
            (30, Some(600)),
            (30, Some(600)),
            (100, Some(600))
        ]
    );
}

/// versions.md §B row 44: the EPP Deployment is `Recreate` whatever the replicas; only more than
/// one replica adds leader election, and only then does p3gen add a PodDisruptionBudget for the
/// EPP pods.
#[test]
fn more_than_one_epp_replica_adds_leader_election_and_its_budget() {
    let spec = std::fs::read_to_string(root().join("patterns/pattern3-0.17.toml")).unwrap();
    let budgets = |replicas: u32| {
        let text = spec.replace(
            "[scheduler]\nreplicas = 2",
            &format!("[scheduler]\nreplicas = {replicas}"),
        );
        let yaml = compile(&text, KserveTarget::V017).yaml();
        yaml.split("\n---\n")
            .filter(|doc| doc.contains("kind: PodDisruptionBudget"))
            .map(|doc| {
                doc.lines()
                    .find(|l| l.starts_with("  name: "))
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        budgets(2),
        [
            "  name: qwen2-3b-pattern3-epp",
            "  name: qwen2-3b-pattern3-vllm"
        ]
    );
    assert_eq!(budgets(1), ["  name: qwen2-3b-pattern3-vllm"]);
    let (code, stdout, _) = run(p3gen().args(["explain", "P3602"]));
    assert_eq!(code, 0);
    assert!(
        stdout.contains("always uses the `Recreate` strategy"),
        "{stdout}"
    );
    assert!(stdout.contains("--ha-enable-leader-election"), "{stdout}");
}
