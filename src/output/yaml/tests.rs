//! The fast writer against serde-saphyr: the same bytes for every object p3gen renders, for awkward
//! strings in key and value position, and for many generated documents; and what it writes reads
//! back as the value written.

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::emitter::{ReadAs, emit, options, read_back as read_back_scalar};
use crate::diagnostic::SourceFile;
use crate::render::Object;

fn saphyr<T: Serialize>(value: &T) -> String {
    serde_saphyr::to_string_with_options(value, options()).expect("serde-saphyr serializes it")
}

fn read_back(yaml: &str) -> Value {
    serde_saphyr::from_str(yaml).unwrap_or_else(|error| panic!("{error}\n{yaml}"))
}

/// The fast writer's text equals serde-saphyr's, or it declines; returns whether it wrote.
fn assert_same_or_declined(value: &Value) -> bool {
    let expected = saphyr(value);
    match emit(value).expect("what the writer writes reads back") {
        Some(text) => {
            assert_eq!(text, expected, "for {value:#}");
            assert_eq!(&read_back(&text), value, "{text}");
            true
        }
        None => false,
    }
}

/// Every spec the repository ships: the patterns, the examples and the benchmark fleet template.
fn shipped_specs() -> Vec<SourceFile> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut specs = Vec::new();
    for dir in ["patterns", "examples", "bench"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("directory") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|ext| ext == "toml") {
                let text = std::fs::read_to_string(&path).expect("spec");
                let text = text
                    .replace("@NAME@", "model-00001")
                    .replace("@NAMESPACE@", "team-01")
                    .replace("@REPLICAS@", "2");
                specs.push(SourceFile::new(path.display().to_string(), text));
            }
        }
    }
    specs
}

#[test]
fn writes_every_rendered_object_as_serde_saphyr_does() {
    let specs = shipped_specs();
    assert!(specs.len() >= 4, "found {} specs", specs.len());
    for spec in specs {
        let compiled = crate::compile(&spec, "x.toml").unwrap_or_else(|report| {
            panic!("{}", report.render(crate::diagnostic::RenderStyle::Plain))
        });
        for object in &compiled.objects {
            let written = emit(object).expect("what the writer writes reads back");
            let text = written.unwrap_or_else(|| {
                panic!(
                    "declined {} {} of {}",
                    object.kind(),
                    object.name(),
                    spec.name()
                )
            });
            assert_eq!(text, saphyr(object), "{} {}", object.kind(), object.name());
            let written = serde_json::to_value(object).expect("JSON");
            assert_eq!(read_back(&text), written, "{text}");
            // Every kind is a typed struct that reads back as it was rendered.
            assert_eq!(
                Object::from_value(&written).as_ref(),
                Some(object),
                "{} {} does not read back",
                object.kind(),
                object.name()
            );
        }
    }
}

/// Strings that YAML could read as something else, or that need quoting, escaping or a block.
const AWKWARD: &[&str] = &[
    "",
    " ",
    "on",
    "On",
    "ON",
    "off",
    "yes",
    "Yes",
    "no",
    "NO",
    "y",
    "Y",
    "n",
    "true",
    "False",
    "TRUE",
    "null",
    "Null",
    "~",
    "nan",
    "NaN",
    ".nan",
    "inf",
    ".inf",
    "-.inf",
    "+.Inf",
    "0",
    "00",
    "123",
    "-1",
    "+1",
    ".5",
    "1.",
    "1.5e3",
    "0x1F",
    "0o17",
    "0b101",
    "1_000",
    "_1",
    "1:30",
    "190:20:30",
    "2001-12-14",
    "2001-12-14t21:59:43.10-05:00",
    "@type",
    "#comment",
    "a #b",
    "a#b",
    "key: value",
    "ends:",
    "a:b",
    "http://x",
    "-",
    "- x",
    "-x",
    "--x",
    "?",
    "? x",
    "?x",
    "*ref",
    "&anchor",
    "!tag",
    "|",
    ">",
    "'quoted'",
    "\"double\"",
    "%",
    "`",
    "[a]",
    "{a}",
    "a,b",
    "a, b",
    "<<",
    "=",
    "---",
    "...",
    "--- x",
    "...x",
    "tab\there",
    "ünïcödé",
    "emoji 😀",
    "\u{FEFF}bom",
    "bell\u{7}",
    "nel\u{85}",
    "trailing ",
    " leading",
    "2x2",
    "4",
    "8000",
    "2,2,1",
    "172.16.0.2/32",
    "google.com/tpu",
    "app.kubernetes.io/name",
    "kserve.io/component",
    "type.googleapis.com/envoy.extensions.filters.http.ext_proc.v3.ExtProcPerRoute",
    "registry.redhat.io/rhaiis/vllm-tpu-rhel9:3.2.5",
    "hf://Qwen/Qwen2.5-3B-Instruct",
    "Qwen/Qwen2.5-3B-Instruct",
    "line1\nline2\n",
    "line1\nline2",
    "line1\n\nline3\n",
    "  indented\nblock\n",
    "block\nwith two\n\n",
    "\n",
    "\n\n",
    "a\r\nb\n",
    "tab\tin\nblock\n",
    "python3 -m vllm \\\n  --model=/mnt/models \\\n  --dtype=half\n",
    "key:\n  nested: yaml\n",
    "# not a comment\n- not a list\n",
    "plain",
    "CamelCase",
    "snake_case",
    "kebab-case",
    "a.b/c-d_e",
];

#[test]
fn awkward_strings_as_values_and_keys() {
    let mut written = 0;
    for text in AWKWARD {
        let value = Value::String((*text).to_owned());
        let mut document = Map::new();
        document.insert("value".to_owned(), value.clone());
        document.insert(
            "list".to_owned(),
            json!([value.clone(), {"in": value.clone()}]),
        );
        document.insert((*text).to_owned(), json!({ *text: value.clone() }));
        if assert_same_or_declined(&Value::Object(document)) {
            written += 1;
        }
    }
    // Most of them go through the fast writer rather than around it.
    assert!(
        written * 4 >= AWKWARD.len() * 3,
        "only {written} of {} written",
        AWKWARD.len()
    );
}

#[test]
fn a_long_key_is_left_to_serde_saphyr() {
    let long = "k".repeat(1100);
    let value = json!({ long: 1 });
    assert_eq!(emit(&value), Ok(None));
    assert!(assert_same_or_declined(&json!({ "k".repeat(1024): 1 })));
}

#[test]
fn layouts_of_nested_collections() {
    let documents = [
        json!({}),
        json!({"a": {}, "b": [], "c": [{}], "d": [[]], "e": [[1, 2]]}),
        json!({"a": [{"b": [{"c": {"d": []}}], "e": "f"}, "g", 1, true, null]}),
        json!({"a": {"b": {"c": {"d": "deep"}}}, "z": [{"y": {"x": [1]}}]}),
        json!({"a": [{"script": "one\ntwo\n"}, "three\nfour", {"k": {"l": "m\nn\n"}}]}),
        json!({"numbers": [0, -1, 18446744073709551615_u64, -9223372036854775808_i64, 0.5, 1.25, -2.0, 1e300]}),
        json!({"null": null, "true": true, "1": "one", "on": "off"}),
    ];
    for document in &documents {
        assert_same_or_declined(document);
    }
}

/// A small deterministic generator (xorshift), so the test needs no extra crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn string(&mut self) -> String {
        AWKWARD[self.below(AWKWARD.len())].to_owned()
    }

    fn value(&mut self, depth: usize) -> Value {
        let kind = if depth == 0 {
            self.below(5)
        } else {
            self.below(8)
        };
        match kind {
            0 | 1 => Value::String(self.string()),
            2 => json!(self.next() as i64 % 100_000),
            3 => json!(self.below(2) == 0),
            4 => [json!(null), json!(0.5), json!(-3.75), json!(1e21)][self.below(4)].clone(),
            5 | 6 => {
                let mut map = Map::new();
                for _ in 0..self.below(4) {
                    map.insert(self.string(), self.value(depth - 1));
                }
                Value::Object(map)
            }
            _ => Value::Array((0..self.below(4)).map(|_| self.value(depth - 1)).collect()),
        }
    }
}

#[test]
fn generated_documents_are_written_as_serde_saphyr_writes_them() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut written = 0;
    let total = 3000;
    for _ in 0..total {
        let mut document = Map::new();
        for _ in 0..1 + rng.below(4) {
            document.insert(rng.string(), rng.value(4));
        }
        if assert_same_or_declined(&Value::Object(document)) {
            written += 1;
        }
    }
    assert!(written * 2 >= total, "only {written} of {total} written");
}

#[test]
fn the_target_line_names_kserve_and_istio() {
    use super::declared_target;
    use crate::target::{IstioVersion, KserveTarget};

    let text = "# Generated by p3gen from x.toml. DO NOT EDIT.\n# Target: KServe odh-0.15 (LLMInferenceService schema of KServe v0.16.0), EPP llm-d-inference-scheduler 0.4 (GIE v1.2.0), Istio 1.27.\n---\n";
    assert_eq!(
        declared_target(text),
        (Some(KserveTarget::Odh015), Some(IstioVersion::V1_27))
    );
    assert_eq!(declared_target("kind: X\n"), (None, None));
}

#[test]
fn a_scalar_that_reads_back_as_something_else_is_an_error() {
    let problem = read_back_scalar("on", "on", ReadAs::Value).unwrap_err();
    assert!(problem.contains("reads back as"), "{problem}");
    assert!(read_back_scalar("on", "\"on\"", ReadAs::Value).is_ok());
    assert!(read_back_scalar("@type", "@type", ReadAs::Key).is_err());
    let block = "two\nlines\n";
    assert!(read_back_scalar(block, "|\n  two\n  lines\n", ReadAs::Block).is_ok());
    assert!(read_back_scalar(block, "|-\n  two\n  lines\n", ReadAs::Block).is_err());
}
