//! Where two manifest sets differ, as paths: for asserting exactly which fields a change touches.

use serde_json::Value;

use super::Manifest;
use super::error::{DiffError, Side};
use super::key::index;
use super::normalize::normalize;

/// Every place where `new` differs from `old`, sorted: `Kind/namespace/name` for an object in one set
/// only, and `Kind/namespace/name:path` for a field that differs, where the path is the deepest node
/// that differs (`spec.router.scheduler.config`, `spec.configPatches[0].match`, a list whose length
/// differs as a whole). Server-set fields are ignored as in [`super::diff`].
pub fn differing_paths(old: &[Manifest], new: &[Manifest]) -> Result<Vec<String>, DiffError> {
    let old_by_key = index(old, Side::Old)?;
    let new_by_key = index(new, Side::New)?;
    let mut out = Vec::new();
    for (key, old_manifest) in &old_by_key {
        match new_by_key.get(key) {
            None => out.push(key.path()),
            Some(new_manifest) => {
                let mut paths = Vec::new();
                walk(
                    "",
                    &normalize(&old_manifest.value, true),
                    &normalize(&new_manifest.value, true),
                    &mut paths,
                );
                out.extend(
                    paths
                        .into_iter()
                        .map(|path| format!("{}:{path}", key.path())),
                );
            }
        }
    }
    out.extend(
        new_by_key
            .keys()
            .filter(|key| !old_by_key.contains_key(key))
            .map(|key| key.path()),
    );
    out.sort();
    Ok(out)
}

/// Appends the paths under `path` where `old` and `new` differ.
fn walk(path: &str, old: &Value, new: &Value, out: &mut Vec<String>) {
    match (old, new) {
        (Value::Object(old), Value::Object(new)) => {
            let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let child = child_path(path, key);
                match (old.get(key), new.get(key)) {
                    (Some(old), Some(new)) => walk(&child, old, new, out),
                    _ => out.push(child),
                }
            }
        }
        (Value::Array(old), Value::Array(new)) if old.len() == new.len() => {
            for (index, (old, new)) in old.iter().zip(new).enumerate() {
                walk(&format!("{path}[{index}]"), old, new, out);
            }
        }
        _ if old == new => {}
        _ => out.push(path.to_owned()),
    }
}

/// `parent.key`, or `parent["key"]` when the key is not a plain word (labels, filter names).
fn child_path(parent: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    match (plain, parent.is_empty()) {
        (true, true) => key.to_owned(),
        (true, false) => format!("{parent}.{key}"),
        (false, _) => format!("{parent}[{key:?}]"),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn manifest(value: Value) -> Manifest {
        Manifest {
            source: "test".to_owned(),
            value,
        }
    }

    #[test]
    fn reports_the_deepest_differing_nodes_and_lone_objects() {
        let meta = |name: &str| json!({"name": name, "namespace": "ns"});
        let old = [
            manifest(
                json!({"apiVersion": "v1", "kind": "A", "metadata": meta("a"),
                "spec": {"same": 1, "x": {"y": [1, 2], "z": "old"}, "list": [1], "gone": true,
                         "labels": {"app.kubernetes.io/name": "p"}}}),
            ),
            manifest(json!({"apiVersion": "v1", "kind": "B", "metadata": meta("b")})),
        ];
        let new = [
            manifest(
                json!({"apiVersion": "v1", "kind": "A", "metadata": meta("a"),
                "spec": {"same": 1, "x": {"y": [1, 3], "z": "new"}, "list": [1, 2], "added": 0,
                         "labels": {"app.kubernetes.io/name": "q"}}}),
            ),
            manifest(json!({"apiVersion": "v1", "kind": "C", "metadata": meta("c")})),
        ];
        assert_eq!(
            differing_paths(&old, &new).unwrap(),
            [
                "A/ns/a:spec.added",
                "A/ns/a:spec.gone",
                "A/ns/a:spec.labels[\"app.kubernetes.io/name\"]",
                "A/ns/a:spec.list",
                "A/ns/a:spec.x.y[1]",
                "A/ns/a:spec.x.z",
                "B/ns/b",
                "C/ns/c",
            ]
        );
    }

    #[test]
    fn equal_sets_have_no_paths_and_integers_differ_from_floats() {
        let object = json!({"apiVersion": "v1", "kind": "A", "metadata": {"name": "a"}, "w": 3});
        assert!(
            differing_paths(&[manifest(object.clone())], &[manifest(object.clone())])
                .unwrap()
                .is_empty()
        );
        let float = json!({"apiVersion": "v1", "kind": "A", "metadata": {"name": "a"}, "w": 3.0});
        assert_eq!(
            differing_paths(&[manifest(object)], &[manifest(float)]).unwrap(),
            ["A/a:w"]
        );
    }
}
