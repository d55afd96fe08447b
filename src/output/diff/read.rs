//! Reading a manifest set from a file or a directory, including the directories `kubectl diff` hands
//! to `KUBECTL_EXTERNAL_DIFF`.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::Manifest;
use super::error::DiffError;
use super::yaml::parse_multi_doc;

/// Reads the objects of a manifest file, or of every manifest file below a directory (see
/// [`manifest_files`]). A `List` document (`kind: List`, or any kind ending in `List`, with `items`, as
/// `kubectl get -o yaml` prints) contributes its items. Empty files contribute nothing.
pub fn read_manifests(path: &Path) -> Result<Vec<Manifest>, DiffError> {
    let files = if path.is_dir() {
        manifest_files(path)?
    } else {
        vec![path.to_path_buf()]
    };
    let mut manifests = Vec::new();
    for file in files {
        let source = file.display().to_string();
        let text = crate::input::read_text(&file)?;
        let documents = parse_multi_doc(&text).map_err(|error| match error {
            DiffError::Yaml { message } => DiffError::InvalidYaml {
                path: source.clone(),
                message,
            },
            other => other,
        })?;
        for value in documents.into_iter().flat_map(list_items) {
            manifests.push(Manifest {
                source: source.clone(),
                value,
            });
        }
    }
    Ok(manifests)
}

/// The manifest files below a directory, sorted by path: `*.yaml`, `*.yml` and `*.json` at any depth,
/// as `kubectl apply -f DIR -R` reads them, and files named the way `kubectl diff` names the objects it
/// writes (`[group.]version.Kind.namespace.name`, no extension). Hidden files and directories and
/// kustomize's `kustomization.yaml` are skipped.
pub fn manifest_files(dir: &Path) -> Result<Vec<PathBuf>, DiffError> {
    let mut files = Vec::new();
    let walk = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| !entry.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let entry = entry.map_err(|error| DiffError::Read {
            path: error.path().unwrap_or(dir).display().to_string(),
            message: error.to_string(),
        })?;
        if entry.file_type().is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        // Not a FIFO or a device, which could block or never end (the command notes them).
        if is_manifest_file_name(&name) && crate::input::is_regular_file(entry.path()) {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// Whether a file name is one [`manifest_files`] reads.
fn is_manifest_file_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "kustomization.yaml" | "kustomization.yml" | "kustomization"
    ) {
        return false;
    }
    [".yaml", ".yml", ".json"]
        .iter()
        .any(|extension| lower.ends_with(extension))
        || is_kubectl_diff_name(name)
}

/// Whether a name reads as `[group.]version.Kind.namespace.name`, the file names of `kubectl diff`:
/// a Kubernetes version (`v1`, `v1beta1`, `v1alpha2`), then a kind starting with a capital letter,
/// then at least the namespace (empty for cluster-scoped objects) and the name.
fn is_kubectl_diff_name(name: &str) -> bool {
    let parts: Vec<&str> = name.split('.').collect();
    parts.windows(2).enumerate().any(|(index, pair)| {
        is_api_version(pair[0])
            && pair[1].starts_with(|c: char| c.is_ascii_uppercase())
            && pair[1].chars().all(|c| c.is_ascii_alphanumeric())
            && parts.len() >= index + 4
            && parts.last().is_some_and(|last| !last.is_empty())
    })
}

/// `v1`, `v2`, `v1beta1`, `v1alpha2`, …
fn is_api_version(part: &str) -> bool {
    let Some(rest) = part.strip_prefix('v') else {
        return false;
    };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    let rest = &rest[digits..];
    if rest.is_empty() {
        return true;
    }
    ["alpha", "beta"].iter().any(|stage| {
        rest.strip_prefix(stage)
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    })
}

/// The items of a `List` document, or the document itself.
fn list_items(document: Value) -> Vec<Value> {
    let is_list = document
        .get("kind")
        .and_then(Value::as_str)
        .is_some_and(|kind| kind.ends_with("List"))
        && document.get("items").is_some_and(Value::is_array);
    match document {
        Value::Object(mut map) if is_list => match map.remove("items") {
            Some(Value::Array(items)) => items,
            _ => Vec::new(),
        },
        other => vec![other],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kubectl_diff_file_names_are_recognised() {
        for name in [
            "v1.ConfigMap.default.settings",
            "v1.Namespace..llm",
            "networking.k8s.io.v1.NetworkPolicy.llm.allow-istio-control-plane",
            "serving.kserve.io.v1alpha1.LLMInferenceService.llm.qwen2-3b-pattern3",
            "networking.istio.io.v1alpha3.EnvoyFilter.opendatahub.a.b.c",
        ] {
            assert!(is_manifest_file_name(name), "{name}");
        }
        for name in [
            "README",
            "LICENSE.md",
            "notes.txt",
            "v1.ConfigMap",
            "v1.ConfigMap.default",
            "v1.ConfigMap.default.",
            "version.Kind.ns.name",
            "kustomization.yaml",
            "Kustomization",
        ] {
            assert!(!is_manifest_file_name(name), "{name}");
        }
        assert!(is_manifest_file_name("a.yaml"));
        assert!(is_manifest_file_name("b.YML"));
        assert!(is_manifest_file_name("c.json"));
    }

    #[test]
    fn list_documents_contribute_their_items() {
        let list = serde_json::json!({"apiVersion": "v1", "kind": "List", "items": [{"kind": "A"}, {"kind": "B"}]});
        assert_eq!(list_items(list).len(), 2);
        let typed = serde_json::json!({"kind": "NetworkPolicyList", "items": []});
        assert!(list_items(typed).is_empty());
        let plain = serde_json::json!({"kind": "ConfigMap", "items": [1]});
        assert_eq!(list_items(plain.clone()), vec![plain]);
    }
}
