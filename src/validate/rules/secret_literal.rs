//! No secret value is ever written into a manifest: secrets come from Secrets.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{EnvValue, Pattern};
use crate::validate::facts::{args, secrets};
use crate::validate::objects::{Finding, Objects};

use super::super::{Applies, Rule, RuleInfo};

/// A literal value that looks like a secret.
pub struct SecretLiteral;

static INFO: RuleInfo = RuleInfo {
    code: "P3204",
    name: "secret-literal",
    severity: Severity::Error,
    applies: Applies::Both,
    summary: "a literal value that looks like a secret (a token, or *TOKEN*/*SECRET*/*PASSWORD*/*KEY*)",
    doc: "## What it checks\nThat no environment variable whose name contains `TOKEN`, `SECRET`, `PASSWORD`, `PASSWD`, `KEY` or `CREDENTIAL` has a literal value (names ending in `_FILE`, `_PATH`, `_DIR`, `_NAME` or `_ID`, and values that are paths, are references, not secrets), that no literal value has the shape of an access token (`hf_…`, `ghp_…`, `sk-…`, `AKIA…`, …), and that `--api-key` and `--hf-token` are not given on the vLLM command line.\n\n## Why\nManifests are committed, reviewed and printed; a value written into one is a leaked secret. Read it from a Secret instead: `container.hf-token = { secret, key }` or `[container.secret-env]` (`valueFrom.secretKeyRef` in the manifest). The seed hit a token mismatch between manifest and Secret (invariant I27): one parameter for name and key avoids both problems.\n\n## Example\n```toml\n[container.env]\nHF_TOKEN = \"hf_…\"   # error\n\n[container.secret-env]\nHF_TOKEN = { secret = \"hf-token\", key = \"HF_TOKEN\" }   # instead\n```\n",
};

const HELP: &str = "read it from a Secret: move it to `[container.secret-env]` as `{ secret = \"…\", key = \"…\" }`";
const HELP_MANIFEST: &str = "read it from a Secret with `valueFrom.secretKeyRef`";

/// The indices of the vLLM argument tokens that carry a secret: a secret flag with a value, or a
/// token-shaped value; in order.
fn secret_args(tokens: &[&str]) -> Vec<usize> {
    let mut found: Vec<usize> = args::SECRET_FLAGS
        .iter()
        .flat_map(|flag| args::find_flags(tokens, flag))
        .filter(|(_, value)| value.is_some())
        .map(|(index, _)| index)
        .collect();
    found.extend(tokens.iter().enumerate().filter_map(|(index, token)| {
        let value = token.split_once('=').map_or(*token, |(_, value)| value);
        secrets::token_like(value).then_some(index)
    }));
    found.sort_unstable();
    found.dedup();
    found
}

impl Rule for SecretLiteral {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, pattern: &Pattern, out: &mut Vec<Diagnostic>) {
        for var in &pattern.container.env {
            if let EnvValue::Plain(value) = &var.value
                && secrets::literal_secret(var.name.get(), value.get())
            {
                out.push(
                    self.finding(format!(
                        "`{}` has a literal value that looks like a secret",
                        var.name.get()
                    ))
                    .primary(value.span(), "a secret written into the manifest")
                    .secondary(var.name.span(), "the variable")
                    .help(HELP),
                );
            }
        }
        let tokens: Vec<&str> = pattern
            .vllm
            .flags
            .iter()
            .map(|f| f.get().as_str())
            .collect();
        for index in secret_args(&tokens) {
            let flag = &pattern.vllm.flags[index];
            out.push(
                self.finding("a vLLM argument carries a secret value".to_owned())
                    .primary(flag.span(), "a secret written into the manifest")
                    .help("pass it through an environment variable read from a Secret (`[container.secret-env]`)"),
            );
        }
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Finding>) {
        for service in objects.inference_services() {
            for (base, container) in service.containers() {
                for (index, var) in container.env.iter().flatten().enumerate() {
                    if let Some(value) = &var.value
                        && secrets::literal_secret(&var.name, value)
                    {
                        out.push(
                            self.object_finding(
                                service.index,
                                format!("{base}/env/{index}/value"),
                                format!(
                                    "`{}` has a literal value that looks like a secret",
                                    var.name
                                ),
                            )
                            .help(HELP_MANIFEST),
                        );
                    }
                }
                let parsed = args::parse(container.args.as_deref().unwrap_or_default());
                let tokens: Vec<&str> = parsed.tokens.iter().map(String::as_str).collect();
                for index in secret_args(&tokens) {
                    out.push(
                        self.object_finding(
                            service.index,
                            format!("{base}/args/{}", args::arg_index(&parsed, index)),
                            "a vLLM argument carries a secret value".to_owned(),
                        )
                        .help(HELP_MANIFEST),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::secret_args;

    #[test]
    fn secret_flags_with_values_and_token_shaped_values_are_found_once_in_order() {
        let tokens = [
            "--hf-token=abc",
            "--port",
            "8000",
            "--api-key",
            "sk-abcdefghijklmnopqrstuvwxyz",
            "--model",
            "hf_abcdefghijklmnopqrstuvwxyz",
            "--api-key",
            "--enable-prefix-caching",
        ];
        // The secret flag given its value as the next token is found at the flag; the token-shaped
        // value after it at its own index; a secret flag without a value is no secret.
        assert_eq!(secret_args(&tokens), vec![0, 3, 4, 6]);
        assert!(secret_args(&["--port", "8000", "--api-key"]).is_empty());
    }
}
