//! No secret value is ever written into a manifest: secrets come from Secrets. Every string the
//! spec writes, and every string of a manifest, goes through the one detector in
//! [`facts::secrets`](crate::validate::facts::secrets); findings show secrets masked.

use std::fmt::Write as _;
use std::ops::Range;

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::manifest::pointer_segment;
use crate::model::Pattern;
use crate::spec::{Literal, Role};
use crate::validate::facts::secrets::{self, Secret};
use crate::validate::objects::Objects;

use super::super::{Applies, Rule, RuleInfo};

/// A literal value that looks like a secret.
pub struct SecretLiteral;

/// The code of this rule.
pub const CODE: &str = "P3204";

static INFO: RuleInfo = RuleInfo {
    code: CODE,
    name: "secret-literal",
    severity: Severity::Error,
    applies: Applies::Both,
    summary: "a literal value that looks like a secret (a token, a JWT, a URL password, or *TOKEN*/*SECRET*/*PASSWORD*/*KEY* with a value)",
    doc: "## What it checks\nEvery string the spec writes (values and keys: environment variables, labels, selectors, scorer parameters, the model URI and name, images, probe paths, names, the vLLM arguments and launcher) and, in manifests, every string of every object, against one detector:\n\n- **by name**: a value under a name containing `TOKEN`, `SECRET`, `PASSWORD`, `PASSWD`, `PASS`, `PASSPHRASE`, `KEY`, `APIKEY`, `CREDENTIAL`, `AUTHORIZATION` or `PAT` as a word (or `PWD` within a longer name, like `MYSQL_PWD`). Names are compared after folding case, `_`, `-`, `.` and camelCase into words and Latin look-alike letters (Unicode confusables: a Cyrillic `О` in `HF_TОKEN`) into Latin. Names whose last word is `FILE`, `PATH`, `DIR` (`SSL_KEYFILE`, `HF_TOKEN_PATH`) name a place, not a secret; `_ID` and `_NAME` do not exempt. Empty values, on/off switches (`true`, `0`, `1`, …) and references to variables (`$(HF_TOKEN)`, `${HF_TOKEN}`, `$HF_TOKEN`) are not secrets. Under a key-like name (`AUTH`, `CLIENT`, `ID`, `SESSION`, `SIGNATURE`, …) a random-looking value (20 characters or more, letters and digits, high entropy) is one.\n- **by shape**, anywhere in any string, in any case: known token formats (`hf_…`, `sk-…`, `ghp_…`, `github_pat_…`, `glpat-…`, `xox?-…`, `AKIA…`, `AIza…`, `ya29.…`, `npm_…`, `pypi-…`), JSON Web Tokens, a password in a URL (`scheme://user:password@host`) and the credential after `Bearer` or `Basic`.\n- **on a command line** (`vllm.extra-args`, `vllm.launcher`, container `args` and `command`, split into words as a shell does): the value of a flag or assignment whose name is a secret name (`--api-key=…`, `--api_key …`, `\\\"--api-key x\\\"` as one item, `HF_TOKEN=…`).\n\nStrings that name a Secret (`hf-token`, `secret-env`, `image-pull-secrets`, `monitoring.vllm-ca`, `monitoring.epp-bearer-token`) are references and checked by shape only. Findings never show the secret: at most its first four characters, then `****`, in the message and in the quoted spec lines.\n\n## Why\nManifests are committed, reviewed and printed; a value written into one is a leaked secret. Read it from a Secret instead: `container.hf-token = { secret, key }` or `[container.secret-env]` (`valueFrom.secretKeyRef` in the manifest), and pass it to a flag as `$(NAME)`. The seed hit a token mismatch between manifest and Secret (invariant I27): one parameter for name and key avoids both problems.\n\n## Example\n```toml\n[container.env]\nHF_TOKEN = \"hf_…\"   # error\n\n[container.secret-env]\nHF_TOKEN = { secret = \"hf-token\", key = \"HF_TOKEN\" }   # instead\n```\n",
};

const HELP: &str = "read it from a Secret: move it to `[container.secret-env]` as `{ secret = \"…\", key = \"…\" }`";
const HELP_ARGS: &str = "pass it through an environment variable read from a Secret (`[container.secret-env]`) and write `$(NAME)` in the argument";
const HELP_OTHER: &str = "p3gen writes this string into the manifests: remove the secret, and give vLLM secrets through `[container.secret-env]`";
const HELP_MANIFEST: &str = "read it from a Secret with `valueFrom.secretKeyRef`";

/// A secret in the spec: where its string is, under which key, and what it is.
#[derive(Debug, Clone)]
pub struct SpecLeak {
    /// The string that holds the secret.
    pub span: Range<usize>,
    /// The key the value is written under, if it has one of its own.
    pub key_span: Option<Range<usize>>,
    /// The literal.
    pub literal: Literal,
    /// What was found.
    pub secret: Secret,
}

/// Every secret among the strings of a spec, in the order of its strings, each string once.
pub fn leaks(literals: &[Literal]) -> Vec<SpecLeak> {
    let key_span = |literal: &Literal| {
        literals
            .iter()
            .find(|key| key.role == Role::Key && key.path == literal.path)
            .map(|key| key.span.clone())
    };
    let mut found = Vec::new();
    let mut push = |literal: &Literal, secret: Secret| {
        found.push(SpecLeak {
            span: literal.span.clone(),
            key_span: (literal.role == Role::Value)
                .then(|| key_span(literal))
                .flatten(),
            literal: literal.clone(),
            secret,
        });
    };
    for literal in literals.iter() {
        let secret = match literal.role {
            Role::Key | Role::SecretReference => secrets::in_value(&literal.text),
            Role::Value => secrets::named(literal.name(), &literal.text),
            Role::CommandLine => None,
        };
        if let Some(secret) = secret {
            push(literal, secret);
        }
    }
    // Each command line is read as the shell or vLLM reads it: the words of all its items in
    // order, so that a flag and its value may sit in two items.
    let command_lines = literals
        .iter()
        .filter(|literal| literal.role == Role::CommandLine)
        .fold(Vec::<Vec<&Literal>>::new(), |mut lines, literal| {
            match lines.last_mut() {
                Some(line) if line[0].path == literal.path => line.push(literal),
                _ => lines.push(vec![literal]),
            }
            lines
        });
    for line in command_lines {
        let mut words = Vec::new();
        let mut owners = Vec::new();
        for (item, literal) in line.iter().enumerate() {
            for word in secrets::shell_words(&literal.text) {
                words.push(word);
                owners.push(item);
            }
        }
        let mut reported = Vec::new();
        for (word, secret) in secrets::in_command_line(&words) {
            let item = owners[word];
            if !reported.contains(&(item, secret.text.clone())) {
                reported.push((item, secret.text.clone()));
                push(line[item], secret);
            }
        }
    }
    found.sort_by_key(|leak| leak.span.start);
    found
}

impl SpecLeak {
    fn diagnostic(&self, rule: &SecretLiteral) -> Diagnostic {
        let path = &self.literal.path;
        let what = self.secret.describe();
        let env_var = path.len() == 3 && path[0] == "container" && path[1] == "env";
        match self.literal.role {
            Role::CommandLine => rule
                .finding(format!("a vLLM argument carries a secret value: {what}"))
                .primary(
                    Some(self.span.clone()),
                    "a secret written into the manifest",
                )
                .help(HELP_ARGS),
            Role::Key => rule
                .finding(format!("the key `{}` is a secret: {what}", path.join(".")))
                .primary(
                    Some(self.span.clone()),
                    "a secret written into the manifest",
                )
                .help(HELP_OTHER),
            Role::Value | Role::SecretReference => {
                let name = if env_var {
                    self.literal.name().to_owned()
                } else {
                    path.join(".")
                };
                rule.finding(format!(
                    "`{name}` has a literal value that looks like a secret: {what}"
                ))
                .primary(
                    Some(self.span.clone()),
                    "a secret written into the manifest",
                )
                .secondary(
                    self.key_span.clone(),
                    if env_var { "the variable" } else { "the key" },
                )
                .help(if env_var { HELP } else { HELP_OTHER })
            }
        }
    }
}

/// The spec text with every secret among its strings overwritten by `*` (its first characters
/// kept, as [`secrets::mask`] shows them), and the diagnostics' texts with every such secret
/// masked: what a report may show. Byte offsets stay valid.
pub fn redact(
    literals: &[Literal],
    source: &SourceFile,
    diagnostics: &mut [Diagnostic],
) -> SourceFile {
    let leaks = leaks(literals);
    let mut text = source.text().to_owned();
    for leak in &leaks {
        let Some(raw) = text.get(leak.span.clone()) else {
            continue;
        };
        let redacted = if raw.contains(leak.secret.text.as_str()) {
            raw.replace(
                leak.secret.text.as_str(),
                &secrets::redact_in_place(&leak.secret.text),
            )
        } else {
            // Escapes make the raw text differ from the secret: hide the whole string.
            raw.chars()
                .map(|c| match c {
                    '"' | '\'' | '\n' => c.to_string(),
                    other => "*".repeat(other.len_utf8()),
                })
                .collect()
        };
        text.replace_range(leak.span.clone(), &redacted);
    }
    let mask = |text: &mut String| {
        for leak in &leaks {
            if text.contains(leak.secret.text.as_str()) {
                *text = text.replace(leak.secret.text.as_str(), &leak.secret.masked());
            }
        }
    };
    for diagnostic in diagnostics.iter_mut() {
        mask(&mut diagnostic.message);
        if let Some(help) = &mut diagnostic.help {
            mask(help);
        }
        for label in &mut diagnostic.labels {
            mask(&mut label.text);
        }
    }
    SourceFile::new(source.name(), text)
}

impl Rule for SecretLiteral {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        out.extend(
            leaks(&pattern.literals)
                .iter()
                .map(|leak| leak.diagnostic(self)),
        );
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for (index, object) in objects.all() {
            let mut found = Vec::new();
            walk(object, &mut String::new(), &mut found);
            out.extend(found.into_iter().map(|(pointer, message, help)| {
                self.object_finding(index, pointer, message).help(help)
            }));
        }
    }
}

/// Keys whose maps hold user-given names and values (labels, annotations, selectors).
const NAMED_MAPS: &[&str] = &["labels", "annotations", "matchLabels"];

/// Every secret of one manifest node and its children: `(pointer, message, help)`.
fn walk(value: &Value, pointer: &mut String, out: &mut Vec<(String, String, &'static str)>) {
    match value {
        Value::String(text) => {
            if let Some(secret) = secrets::in_value(text) {
                out.push((
                    pointer.clone(),
                    format!("a literal value is a secret: {}", secret.describe()),
                    HELP_MANIFEST,
                ));
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let len = pointer.len();
                // Writing to a String cannot fail.
                let _ = write!(pointer, "/{index}");
                walk(item, pointer, out);
                pointer.truncate(len);
            }
        }
        Value::Object(map) => {
            for (key, child) in map {
                entry(key, child, pointer, out);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// One entry of a mapping: its key, then its value as the key says to read it.
fn entry(
    key: &str,
    child: &Value,
    pointer: &mut String,
    out: &mut Vec<(String, String, &'static str)>,
) {
    let len = pointer.len();
    pointer.push('/');
    pointer.push_str(&pointer_segment(key));
    if let Some(secret) = secrets::in_value(key) {
        out.push((
            pointer.clone(),
            format!("the key is a secret: {}", secret.describe()),
            HELP_MANIFEST,
        ));
    }
    match (key, child) {
        ("env", Value::Array(vars)) => env(vars, pointer, out),
        ("args" | "command", Value::Array(items)) => command_line(items, pointer, out),
        (map_key, Value::Object(entries)) if NAMED_MAPS.contains(&map_key) => {
            named_map(entries, pointer, out);
        }
        _ => walk(child, pointer, out),
    }
    pointer.truncate(len);
}

fn env(vars: &[Value], pointer: &mut String, out: &mut Vec<(String, String, &'static str)>) {
    for (index, var) in vars.iter().enumerate() {
        let len = pointer.len();
        // Writing to a String cannot fail.
        let _ = write!(pointer, "/{index}");
        let name = var.get("name").and_then(Value::as_str);
        match (name, var.get("value").and_then(Value::as_str)) {
            (Some(name), Some(value)) => {
                if let Some(secret) = secrets::named(name, value) {
                    out.push((
                        format!("{pointer}/value"),
                        format!(
                            "`{name}` has a literal value that looks like a secret: {}",
                            secret.describe()
                        ),
                        HELP_MANIFEST,
                    ));
                }
                let rest = var.as_object().into_iter().flatten();
                for (key, child) in rest.filter(|(key, _)| *key != "value") {
                    entry(key, child, pointer, out);
                }
            }
            _ => walk(var, pointer, out),
        }
        pointer.truncate(len);
    }
}

fn command_line(
    items: &[Value],
    pointer: &mut String,
    out: &mut Vec<(String, String, &'static str)>,
) {
    let mut words = Vec::new();
    let mut owners = Vec::new();
    for (index, item) in items.iter().enumerate() {
        if let Some(text) = item.as_str() {
            for word in secrets::shell_words(text) {
                words.push(word);
                owners.push(index);
            }
        }
    }
    let mut reported = Vec::new();
    for (word, secret) in secrets::in_command_line(&words) {
        let item = owners[word];
        if !reported.contains(&item) {
            reported.push(item);
            out.push((
                format!("{pointer}/{item}"),
                format!(
                    "a command-line argument carries a secret value: {}",
                    secret.describe()
                ),
                HELP_MANIFEST,
            ));
        }
    }
}

fn named_map(
    entries: &serde_json::Map<String, Value>,
    pointer: &mut String,
    out: &mut Vec<(String, String, &'static str)>,
) {
    for (key, value) in entries {
        let at = format!("{pointer}/{}", pointer_segment(key));
        if let Some(secret) = secrets::in_value(key) {
            out.push((
                at.clone(),
                format!("the key is a secret: {}", secret.describe()),
                HELP_MANIFEST,
            ));
        }
        let secret = match value.as_str() {
            Some(text) => secrets::named(key, text),
            None => None,
        };
        if let Some(secret) = secret {
            out.push((
                at,
                format!(
                    "`{key}` has a literal value that looks like a secret: {}",
                    secret.describe()
                ),
                HELP_MANIFEST,
            ));
        } else if !value.is_string() {
            let mut inner = at;
            walk(value, &mut inner, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn objects_findings(object: Value) -> Vec<String> {
        let values = [object];
        let objects = Objects::new(&values, None, None);
        let mut out = Vec::new();
        SecretLiteral.check_objects(&objects, &mut out);
        out.into_iter()
            .filter_map(|finding| Some(finding.node()?.pointer.clone()))
            .collect()
    }

    #[test]
    fn manifests_are_searched_everywhere_with_the_same_detector() {
        let object = serde_json::json!({
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": "x", "labels": {"api-key": "abc"}, "annotations": {"note": "ok"}},
            "spec": {"containers": [{
                "name": "main",
                "image": "registry.example/hf_abcdefghijklmnopqrstuv1:1",
                "env": [
                    {"name": "DB_PASS", "value": "letmein"},
                    {"name": "HF_TOKEN", "valueFrom": {"secretKeyRef": {"name": "hf", "key": "HF_TOKEN"}}},
                    {"name": "SSL_KEYFILE", "value": "/tls/tls.key"}
                ],
                "args": ["--port=8000", "--api-key sk-abcdefghijklmnopqrs1"],
                "command": ["/bin/bash", "-c", "HF_TOKEN=abc python3 -m vllm"]
            }]}
        });
        assert_eq!(
            objects_findings(object),
            [
                "/metadata/labels/api-key",
                "/spec/containers/0/args/1",
                "/spec/containers/0/command/2",
                "/spec/containers/0/env/0/value",
                "/spec/containers/0/image",
            ]
        );
    }

    #[test]
    fn secret_references_in_manifests_are_no_secrets() {
        let object = serde_json::json!({
            "kind": "Pod",
            "spec": {"containers": [{
                "env": [{"name": "HF_TOKEN", "valueFrom": {"secretKeyRef": {"name": "hf-token", "key": "HF_TOKEN"}}}],
                "args": ["--api-key=$(VLLM_API_KEY)", "--ssl-keyfile=/var/run/kserve/tls/tls.key"]
            }]}
        });
        assert!(objects_findings(object).is_empty());
    }
}
