//! Label keys and values are what the API server accepts.

use std::fmt::Write as _;

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Node, Severity};
use crate::manifest::pointer_segment;
use crate::validate::facts::labels::{label_key, label_value};
use crate::validate::facts::secrets;
use crate::validate::objects::Objects;

use super::super::{Applies, Rule, RuleInfo};

/// A label key or value the API server rejects.
pub struct LabelSyntax;

static INFO: RuleInfo = RuleInfo {
    code: "P3505",
    name: "label-syntax",
    severity: Severity::Error,
    applies: Applies::Objects,
    summary: "a label key or value that the API server rejects",
    doc: "## What it checks\nThat every label the output carries is valid: in a spec, the keys and values of `network-policies.labels`, `monitoring.labels` and the `network-policies.selectors`, the policies' `component` and the gateway name (the value of `gateway.networking.k8s.io/gateway-name`); in manifests, every `labels` and `matchLabels` map and every annotation key. A key is a name of at most 63 characters, `[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?`, with an optional prefix before one `/` that is a DNS-1123 subdomain of at most 253 characters (`app.kubernetes.io/name`). A value is empty or a name of the same form.\n\n## Why\nThe API server rejects an object with an invalid label (apimachinery's `IsQualifiedName` and `IsValidLabelValue`), so `kubectl apply` fails after the rest of the bundle went on, and a selector with one selects nothing.\n\n## Example\n```toml\n[network-policies]\nlabels = { \"a b\" = \"x\" }   # error: no spaces in a key\n```\n",
};

impl Rule for LabelSyntax {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check_objects(&self, objects: &Objects<'_>, out: &mut Vec<Diagnostic>) {
        for (index, object) in objects.all() {
            let mut found = Vec::new();
            walk(object, &mut String::new(), &mut found);
            out.extend(found.into_iter().map(|(at, is_key, message, text)| {
                let node = if is_key {
                    Node::key(index, at)
                } else {
                    Node::new(index, at)
                };
                self.finding(message).at(node, text).help(HELP)
            }));
        }
    }
}

const HELP: &str = "a label key is a name of at most 63 letters, digits, `-`, `_` and `.` (starting and ending with a letter or digit), optionally after a DNS-1123 subdomain and `/`; a value is empty or such a name";

/// A label as a message may show it: masked if it holds a secret (P3204 reports that).
fn shown(text: &str) -> String {
    match secrets::in_value(text) {
        Some(_) => secrets::mask(text),
        None => text.to_owned(),
    }
}

/// A label problem: the pointer of the entry, whether the key is at fault, the message, the label text.
type Problem = (String, bool, String, &'static str);

fn walk(value: &Value, pointer: &mut String, out: &mut Vec<Problem>) {
    match value {
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
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&pointer_segment(key));
                match (key.as_str(), child) {
                    ("labels" | "matchLabels" | "annotations", Value::Object(entries)) => {
                        for (label, label_value_of) in entries {
                            let at = || format!("{pointer}/{}", pointer_segment(label));
                            if let Err(why) = label_key(label) {
                                let (what, text) = if key == "annotations" {
                                    ("annotation key", "not an annotation key")
                                } else {
                                    ("label key", "not a label key")
                                };
                                out.push((
                                    at(),
                                    true,
                                    format!("`{}` is not a valid {what}: {why}", shown(label)),
                                    text,
                                ));
                            }
                            if key != "annotations"
                                && let Some(text) = label_value_of.as_str()
                                && let Err(why) = label_value(text)
                            {
                                out.push((
                                    at(),
                                    false,
                                    format!("`{}` is not a valid label value: {why}", shown(text)),
                                    "not a label value",
                                ));
                            }
                        }
                    }
                    _ => walk(child, pointer, out),
                }
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}
