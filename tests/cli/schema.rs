//! The committed JSON Schema is the one the spec types generate; `UPDATE_GOLDEN=1 cargo test` rewrites it.

use std::path::PathBuf;

#[test]
fn committed_schema_is_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemas/p3gen.schema.json");
    let generated = p3gen::spec::json_schema();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schemas/p3gen.schema.json is stale (UPDATE_GOLDEN=1 cargo test rewrites it):\n{}",
        p3gen::output::golden::unified_diff("committed", "generated", &committed, &generated)
    );
}

#[test]
fn every_pattern_declares_the_schema() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("patterns");
    for spec in p3gen::output::golden::spec_files(&dir).unwrap() {
        let text = std::fs::read_to_string(&spec).unwrap();
        assert!(
            text.starts_with("#:schema ../schemas/p3gen.schema.json\n"),
            "{} must start with the #:schema line",
            spec.display()
        );
    }
}

#[test]
fn schema_describes_every_top_level_table() {
    let schema: serde_json::Value = serde_json::from_str(&p3gen::spec::json_schema()).unwrap();
    let properties = schema["properties"].as_object().unwrap();
    for key in [
        "service",
        "model",
        "target",
        "accelerator",
        "container",
        "network-policies",
    ] {
        let description = properties[key]["description"].as_str().unwrap_or_default();
        assert!(!description.is_empty(), "`{key}` has no description");
    }
    assert_eq!(schema["additionalProperties"], serde_json::json!(false));
}
