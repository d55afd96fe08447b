//! The secret-probe table: every way a secret can be written into a spec is refused by the real
//! binary (exit 2, nothing on stdout, P3204), and the secret itself never appears on stderr.

use crate::common;

use common::{p3gen, run};

/// A spec that renders cleanly; probes add lines to its tables or replace its lines.
const BASE: &str = r#"[service]
name = "qwen2-3b"
namespace = "llm"
replicas = 3

[model]
uri = "hf://Qwen/Qwen2.5-3B-Instruct"
name = "Qwen/Qwen2.5-3B-Instruct"

[accelerator.tpu]
generation = "v6e"
topology = "2x2"

[container]
image = "registry.example/vllm-tpu:1.0"

[container.env]
VLLM_LOGGING_LEVEL = "INFO"

[vllm]
served-model-name = "Qwen/Qwen2.5-3B-Instruct"

[gateway]
name = "inference-gateway"
namespace = "opendatahub"

[network-policies]
default-deny = true

[network-policies.api-server]
mode = "ip-block"
cidrs = ["10.0.0.2/32"]

[network-policies.vllm-egress]
mode = "restricted"
"#;

const HF: &str = "hf_abcdefghijklmnopqrstuvwxyz012345";
const SK19: &str = "sk-abcdefghijklmnopqrs";
const GHP: &str = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
const JWT: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlX2hlcmU";

/// How a probe changes the base spec.
enum Edit {
    /// Adds a line under a table header (added at the end when the base has no such table).
    Under(&'static str, String),
    /// Replaces a line of the base.
    Replace(&'static str, String),
}

fn apply(edit: &Edit) -> String {
    match edit {
        Edit::Under(header, line) => {
            let header_line = format!("{header}\n");
            if BASE.contains(&header_line) {
                BASE.replacen(&header_line, &format!("{header_line}{line}\n"), 1)
            } else {
                format!("{BASE}\n{header}\n{line}\n")
            }
        }
        Edit::Replace(old, new) => {
            assert!(BASE.contains(old), "the base has no line `{old}`");
            BASE.replacen(old, new, 1)
        }
    }
}

/// Every probe: what it is, the edit, and the secret that must not be shown.
fn probes() -> Vec<(&'static str, Edit, String)> {
    use Edit::{Replace, Under};
    let env = |line: String| Under("[container.env]", line);
    let vllm = |line: String| Under("[vllm]", line);
    let s = str::to_owned;
    vec![
        ("env DB_PASS", env(s("DB_PASS = \"letmein\"")), s("letmein")),
        (
            "env MYSQL_PWD",
            env(s("MYSQL_PWD = \"letmein\"")),
            s("letmein"),
        ),
        (
            "env Cyrillic look-alike",
            env(s("\"HF_T\u{041E}KEN\" = \"letmein\"")),
            s("letmein"),
        ),
        (
            "env lower case",
            env(s("vllm_api_key = \"letmein\"")),
            s("letmein"),
        ),
        (
            "env kebab case",
            env(s("\"api-key\" = \"letmein\"")),
            s("letmein"),
        ),
        (
            "env camelCase",
            env(s("hfToken = \"letmein\"")),
            s("letmein"),
        ),
        (
            "env API_KEY_ID",
            env(s("API_KEY_ID = \"AKID1234567\"")),
            s("AKID1234567"),
        ),
        (
            "env *_NAME",
            env(s("API_TOKEN_NAME = \"tok-123-abc\"")),
            s("tok-123-abc"),
        ),
        (
            "env PASSWORD starting with /",
            env(s("PASSWORD = \"/s3cret-pw\"")),
            s("/s3cret-pw"),
        ),
        (
            "env AWS secret key",
            env(s(
                "AWS_SECRET_ACCESS_KEY = \"wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY\"",
            )),
            s("wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"),
        ),
        (
            "env random client id",
            env(s("OAUTH_CLIENT_ID = \"a8f3Kq92LmZx0Pw7Rt5Yb1c\"")),
            s("a8f3Kq92LmZx0Pw7Rt5Yb1c"),
        ),
        (
            "token with a trailing dot",
            env(format!("NOTE = \"{HF}.\"")),
            s(HF),
        ),
        (
            "token with a leading space",
            env(format!("NOTE = \" {HF}\"")),
            s(HF),
        ),
        (
            "token in upper case",
            env(format!("NOTE = \"{}\"", HF.to_uppercase())),
            HF.to_uppercase(),
        ),
        (
            "Bearer credential",
            env(s("NOTE = \"Bearer abcdefgh12345678\"")),
            s("abcdefgh12345678"),
        ),
        (
            "Basic credential",
            env(s("NOTE = \"Basic dXNlcjpwYXNzd29yZA==\"")),
            s("dXNlcjpwYXNzd29yZA=="),
        ),
        ("JWT", env(format!("NOTE = \"{JWT}\"")), s(JWT)),
        (
            "sk- with 19 characters",
            env(format!("NOTE = \"{SK19}\"")),
            s(SK19),
        ),
        (
            "URL with a password",
            env(s("DATABASE_URL = \"postgres://app:s3cr3t-pw@db:5432/app\"")),
            s("s3cr3t-pw"),
        ),
        (
            "URL query token",
            env(s("CALLBACK = \"https://example.com/hook?token=letmein\"")),
            s("letmein"),
        ),
        ("GitHub token", env(format!("NOTE = \"{GHP}\"")), s(GHP)),
        (
            "GitHub fine-grained token",
            env(s("NOTE = \"github_pat_11ABCDEFG0123456789abcdefghij\"")),
            s("github_pat_11ABCDEFG0123456789abcdefghij"),
        ),
        (
            "GitLab token",
            env(s("NOTE = \"glpat-abcdef0123456789ABCD\"")),
            s("glpat-abcdef0123456789ABCD"),
        ),
        (
            "Slack token",
            env(s("NOTE = \"xoxb-123456789012-abcdefghij\"")),
            s("xoxb-123456789012-abcdefghij"),
        ),
        (
            "AWS access key id",
            env(s("NOTE = \"AKIAIOSFODNN7EXAMPLE\"")),
            s("AKIAIOSFODNN7EXAMPLE"),
        ),
        (
            "token as an env name",
            env(format!("\"{HF}\" = \"1\"")),
            s(HF),
        ),
        (
            "vLLM --api_key=",
            vllm(s("extra-args = [\"--api_key=letmein\"]")),
            s("letmein"),
        ),
        (
            "vLLM \"--api-key x\" as one item",
            vllm(s("extra-args = [\"--api-key letmein\"]")),
            s("letmein"),
        ),
        (
            "vLLM --api-key x as two items",
            vllm(s("extra-args = [\"--api-key\", \"letmein\"]")),
            s("letmein"),
        ),
        (
            "vLLM --API-KEY in upper case",
            vllm(s("extra-args = [\"--API-KEY=letmein\"]")),
            s("letmein"),
        ),
        (
            "vLLM quoted token in script form",
            vllm(format!("extra-args = [\"--api-key='{SK19}'\"]")),
            s(SK19),
        ),
        (
            "vLLM --hf-token quoted",
            vllm(s("extra-args = [\"--hf-token=\\\"letmein\\\"\"]")),
            s("letmein"),
        ),
        (
            "vLLM token-shaped argument",
            vllm(format!("extra-args = [\"--some-flag={HF}\"]")),
            s(HF),
        ),
        (
            "vLLM URL password in an argument",
            vllm(s(
                "extra-args = [\"--model-loader-extra-config=https://u:s3cr3t-pw@h/x\"]",
            )),
            s("s3cr3t-pw"),
        ),
        (
            "launcher with an assignment",
            vllm(s(
                "launcher = \"HF_TOKEN=letmein python3 -m vllm.entrypoints.openai.api_server\"",
            )),
            s("letmein"),
        ),
        (
            "launcher with a flag",
            vllm(s(
                "launcher = \"python3 -m vllm.entrypoints.openai.api_server --api-key letmein\"",
            )),
            s("letmein"),
        ),
        (
            "launcher with a token",
            vllm(format!(
                "launcher = \"env T={HF} python3 -m vllm.entrypoints.openai.api_server\""
            )),
            s(HF),
        ),
        (
            "served model name",
            Replace(
                "served-model-name = \"Qwen/Qwen2.5-3B-Instruct\"",
                format!("served-model-name = \"{SK19}\""),
            ),
            s(SK19),
        ),
        (
            "policy labels by name",
            Under(
                "[network-policies]",
                s("labels = { \"api-key\" = \"letmein\" }"),
            ),
            s("letmein"),
        ),
        (
            "policy labels by shape",
            Under(
                "[network-policies]",
                format!("labels = {{ team = \"{GHP}\" }}"),
            ),
            s(GHP),
        ),
        (
            "monitoring labels",
            Under("[monitoring]", s("labels = { token = \"letmein\" }")),
            s("letmein"),
        ),
        (
            "selector",
            Under(
                "[network-policies.selectors]",
                format!("workload = {{ app = \"{GHP}\" }}"),
            ),
            s(GHP),
        ),
        (
            "scorer parameter by name",
            Under(
                "[scheduler.scorers]",
                s("prefix-cache-scorer = { weight = 1, parameters = { apiKey = \"letmein\" } }"),
            ),
            s("letmein"),
        ),
        (
            "scorer parameter by shape",
            Under(
                "[scheduler.scorers]",
                format!(
                    "prefix-cache-scorer = {{ weight = 1, parameters = {{ blockSize = \"{HF}\" }} }}"
                ),
            ),
            s(HF),
        ),
        (
            "model URI with a password",
            Replace(
                "uri = \"hf://Qwen/Qwen2.5-3B-Instruct\"",
                s("uri = \"s3://AKID:s3cr3t-pw@bucket/qwen\""),
            ),
            s("s3cr3t-pw"),
        ),
        (
            "model URI with a token",
            Replace(
                "uri = \"hf://Qwen/Qwen2.5-3B-Instruct\"",
                format!("uri = \"hf://{HF}@Qwen/Qwen2.5-3B-Instruct\""),
            ),
            s(HF),
        ),
        (
            "model name",
            Replace(
                "name = \"Qwen/Qwen2.5-3B-Instruct\"",
                format!("name = \"{SK19}\""),
            ),
            s(SK19),
        ),
        (
            "image",
            Replace(
                "image = \"registry.example/vllm-tpu:1.0\"",
                format!("image = \"registry.example/vllm-tpu:{GHP}\""),
            ),
            s(GHP),
        ),
        (
            "image with a password",
            Replace(
                "image = \"registry.example/vllm-tpu:1.0\"",
                s("image = \"https://u:s3cr3t-pw@registry.example/vllm-tpu:1.0\""),
            ),
            s("s3cr3t-pw"),
        ),
        (
            "image pull secret shaped like a token",
            Under("[container]", format!("image-pull-secrets = [\"{GHP}\"]")),
            s(GHP),
        ),
        (
            "probe path with a token",
            Under("[probes.liveness]", format!("path = \"/health?t={HF}\"")),
            s(HF),
        ),
        (
            "probe path with a query secret",
            Under(
                "[probes.readiness]",
                s("path = \"/v1/models?api_key=letmein\""),
            ),
            s("letmein"),
        ),
        (
            "gateway name",
            Replace("name = \"inference-gateway\"", format!("name = \"{SK19}\"")),
            s(SK19),
        ),
        (
            "policy name suffix",
            Under("[network-policies]", format!("name-suffix = \"-{GHP}\"")),
            s(GHP),
        ),
        (
            "EnvoyFilter name",
            Under(
                "[envoy-filter]",
                format!("enabled = true\nname = \"{SK19}\""),
            ),
            s(SK19),
        ),
        (
            "monitoring interval",
            Under("[monitoring]", format!("interval = \"{JWT}\"")),
            s(JWT),
        ),
        (
            "secret reference shaped like a token",
            Under(
                "[container]",
                format!("hf-token = {{ secret = \"{GHP}\", key = \"HF_TOKEN\" }}"),
            ),
            s(GHP),
        ),
    ]
}

fn render(spec: &str) -> (i32, String, String) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("probe.toml");
    std::fs::write(&path, spec).expect("write the probe");
    run(p3gen().arg("render").arg(&path))
}

#[test]
fn the_base_spec_renders() {
    let (code, stdout, stderr) = render(BASE);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("LLMInferenceService"));
}

#[test]
fn every_secret_probe_is_refused_and_masked() {
    let mut failures = Vec::new();
    let probes = probes();
    for (what, edit, secret) in &probes {
        let (code, stdout, stderr) = render(&apply(edit));
        let mut problems = Vec::new();
        if code != 2 {
            problems.push(format!("exit {code}"));
        }
        if !stdout.is_empty() {
            problems.push("output on stdout".to_owned());
        }
        if !stderr.contains("P3204") {
            problems.push("no P3204".to_owned());
        }
        if stderr.contains(secret.as_str()) {
            problems.push("the secret is shown".to_owned());
        }
        if !stderr.contains("****") {
            problems.push("no masked secret".to_owned());
        }
        if !problems.is_empty() {
            failures.push(format!("{what}: {}\n{stderr}", problems.join(", ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} probes got through:\n{}",
        failures.len(),
        probes.len(),
        failures.join("\n")
    );
}

#[test]
fn references_and_ordinary_settings_are_no_secrets() {
    let spec = apply(&Edit::Under(
        "[container.env]",
        [
            "HF_HUB_ENABLE_HF_TRANSFER = \"1\"",
            "TOKENIZERS_PARALLELISM = \"false\"",
            "HF_TOKEN_PATH = \"/var/run/secrets/hf/token\"",
            "MAX_TOKENS = \"4096\"",
        ]
        .join("\n"),
    ));
    let spec = spec.replacen(
        "[vllm]\n",
        "[container.secret-env]\nVLLM_API_KEY = { secret = \"vllm\", key = \"api-key\" }\n\n[vllm]\nextra-args = [\"--api-key=$(VLLM_API_KEY)\"]\n",
        1,
    );
    let (code, _, stderr) = render(&spec);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_spec_that_does_not_parse_does_not_show_its_secrets_either() {
    // `replicas` takes a number, so this fails while parsing, quoting the line with the token.
    let spec = BASE.replacen("replicas = 3", &format!("replicas = \"{HF}\""), 1);
    let (code, stdout, stderr) = render(&spec);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("P3002"), "{stderr}");
    assert!(!stderr.contains(HF), "{stderr}");
    assert!(stderr.contains("hf_****"), "{stderr}");
}
