//! The label, resource, API and name facts of this module are spelt nowhere else in p3gen's code:
//! every other stage reads them from here.

use std::path::{Path, PathBuf};

/// Facts that only `src/target/` may spell as string literals.
const FACTS: &[&str] = &[
    super::TPU_ACCELERATOR_LABEL,
    super::TPU_TOPOLOGY_LABEL,
    super::GPU_ACCELERATOR_LABEL,
    super::TPU_RESOURCE,
    super::GPU_RESOURCE,
    super::NAME_LABEL,
    super::COMPONENT_LABEL,
    super::PART_OF_LABEL,
    super::KSERVE_COMPONENT_LABEL,
    super::LLMD_ROLE_LABEL,
    super::WORKLOAD_COMPONENT,
    super::EPP_COMPONENT,
    super::POD_MONITOR_API_VERSION,
    super::ENVOY_FILTER_API_VERSION,
    super::PEER_AUTHENTICATION_API_VERSION,
    super::GATEWAY_NAME_LABEL,
    super::HTTP_ROUTE_SUFFIX,
    "kserve-v",
];

/// The Rust files under `dir`, recursively.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("src is readable").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            out.push(path);
        }
    }
}

/// The lines of `text` that are code: not comments, not the documentation of a rule, and not in
/// the test module at the end of a file.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .take_while(|(_, line)| line.trim() != "#[cfg(test)]")
        .filter(|(_, line)| {
            let line = line.trim_start();
            !line.starts_with("//") && !line.starts_with("doc: ")
        })
}

/// Where `text`'s code spells one of [`FACTS`] as (the start of) a string literal.
fn spelt_facts(text: &str) -> Vec<(usize, &'static str)> {
    code_lines(text)
        .flat_map(|(index, line)| {
            FACTS
                .iter()
                .filter(move |fact| line.contains(&format!("\"{fact}")))
                .map(move |fact| (index + 1, *fact))
        })
        .collect()
}

#[test]
fn the_scan_finds_a_fact_spelt_in_code_and_skips_comments_docs_and_tests() {
    let text = "/// \"google.com/tpu\"\n\
                let key = \"google.com/tpu\";\n\
                doc: \"`nvidia.com/gpu`\",\n\
                #[cfg(test)]\n\
                let x = \"nvidia.com/gpu\";\n";
    assert_eq!(spelt_facts(text), [(2, "google.com/tpu")]);
}

#[test]
fn no_other_stage_spells_a_target_fact() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let target = src.join("target");
    let mut spelt = Vec::new();
    for file in files {
        let name = file
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("");
        if file.starts_with(&target) || name == "tests.rs" || name.ends_with("_tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("the source is readable");
        for (line, fact) in spelt_facts(&text) {
            spelt.push(format!("{}:{line}: {fact}", file.display()));
        }
    }
    assert!(
        spelt.is_empty(),
        "read these from crate::target instead:\n{}",
        spelt.join("\n")
    );
}
