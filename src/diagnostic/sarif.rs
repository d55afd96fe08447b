//! SARIF 2.1.0: findings as one log for code-scanning services, with p3gen's rule catalogue as the
//! tool's rules.

use serde::Serialize;

use super::{Located, Severity};
use crate::validate::RuleInfo;

/// The SARIF version written.
pub const VERSION: &str = "2.1.0";
/// The JSON schema of that version.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// A SARIF log: one run of p3gen.
#[derive(Debug, Serialize)]
pub struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Debug, Serialize)]
struct Run<'a> {
    tool: Tool<'a>,
    results: Vec<SarifResult<'a>>,
}

#[derive(Debug, Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Debug, Serialize)]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    rules: Vec<Rule<'a>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule<'a> {
    id: &'a str,
    name: &'a str,
    short_description: Text,
    full_description: Text,
    default_configuration: Configuration,
}

#[derive(Debug, Serialize)]
struct Text {
    text: String,
}

#[derive(Debug, Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Debug, Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

/// The SARIF log of `findings`, with every rule of `rules` in the tool's driver.
pub fn log<'a>(findings: &'a [Located], rules: &[&'a RuleInfo]) -> Log<'a> {
    let results = findings
        .iter()
        .map(|finding| {
            let object = finding
                .object
                .as_ref()
                .map(|object| format!("{}/{}: ", object.kind, object.name))
                .unwrap_or_default();
            let help = finding
                .help
                .as_ref()
                .map(|help| format!("\nhelp: {help}"))
                .unwrap_or_default();
            SarifResult {
                rule_id: finding.code,
                rule_index: rules.iter().position(|rule| rule.code == finding.code),
                level: level(finding.severity),
                message: Text {
                    text: format!("{object}{}{help}", finding.message),
                },
                locations: [Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation {
                            uri: uri(&finding.file),
                        },
                        // SARIF lines and columns start at 1.
                        region: Region {
                            start_line: finding.line.max(1),
                            start_column: finding.column.max(1),
                            end_line: finding.end.line.max(finding.line).max(1),
                            end_column: finding.end.column.max(1),
                        },
                    },
                }],
            }
        })
        .collect();
    let rules = rules
        .iter()
        .map(|rule| Rule {
            id: rule.code,
            name: rule.name,
            short_description: Text {
                text: rule.summary.to_owned(),
            },
            full_description: Text {
                text: rule.doc.to_owned(),
            },
            default_configuration: Configuration {
                level: level(rule.severity),
            },
        })
        .collect();
    Log {
        schema: SCHEMA,
        version: VERSION,
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "p3gen",
                    version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            results,
        }],
    }
}

/// The log as pretty JSON and a newline.
pub fn to_json(log: &Log<'_>) -> String {
    // Strings and numbers only: serialization cannot fail.
    serde_json::to_string_pretty(log).unwrap_or_default() + "\n"
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A file path as a relative (or absolute-path) URI reference: every byte outside the unreserved
/// characters and `/` percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("deploy/my app/x.yaml"), "deploy/my%20app/x.yaml");
        assert_eq!(uri("a#b"), "a%23b");
    }
}
