//! YAML handling of the manifest reader: documents, lists, errors, anchors and files.

use std::path::PathBuf;

use p3gen::manifest::{Document, LoadError, load_paths, parse_str};
use serde_json::json;

fn parse(text: &str) -> Vec<Document> {
    match parse_str("test.yaml", text) {
        Ok(documents) => documents,
        Err(error) => panic!("{error}"),
    }
}

fn yaml_error(text: &str) -> (usize, usize, String) {
    match parse_str("bad.yaml", text) {
        Ok(documents) => panic!("expected an error, got {documents:?}"),
        Err(LoadError::Yaml {
            file,
            position,
            message,
        }) => {
            assert_eq!(file, PathBuf::from("bad.yaml"));
            (position.line, position.column, message)
        }
        Err(other) => panic!("unexpected error {other}"),
    }
}

#[test]
fn documents_keep_their_index_and_empty_ones_are_skipped() {
    let text = "\
---
apiVersion: v1
kind: ConfigMap
metadata: {name: a}
---
# only a comment
---
---
apiVersion: v1
kind: Secret
metadata:
  name: b
...
";
    let documents = parse(text);
    let summary: Vec<(usize, Option<&str>, Option<&str>)> = documents
        .iter()
        .map(|document| (document.index, document.kind(), document.name()))
        .collect();
    assert_eq!(
        summary,
        [
            (0, Some("ConfigMap"), Some("a")),
            (3, Some("Secret"), Some("b"))
        ]
    );
    assert_eq!(documents[1].file, PathBuf::from("test.yaml"));
    assert_eq!(documents[1].list_item, None);
    assert_eq!(
        documents[1]
            .locate("/metadata/name")
            .map(|p| (p.line, p.column)),
        Some((12, 9))
    );
}

#[test]
fn a_list_expands_to_its_items_with_their_own_positions() {
    let text = "\
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: first
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: second
  data:
    key: value
";
    let documents = parse(text);
    assert_eq!(documents.len(), 2);
    assert_eq!(documents[0].name(), Some("first"));
    assert_eq!(documents[1].name(), Some("second"));
    assert_eq!(documents[1].list_item, Some(1));
    assert_eq!(documents[1].index, 0);
    assert_eq!(documents[1].value.get("items"), None);
    let data_key = documents[1].locate("/data/key");
    assert_eq!(data_key.map(|p| (p.line, p.column)), Some((13, 10)));
    assert_eq!(
        documents[1].locate("").map(|p| (p.line, p.column)),
        Some((8, 3))
    );
    assert_eq!(documents[0].locate("/data/key"), None);
}

#[test]
fn typed_lists_expand_too() {
    let text = "apiVersion: v1\nkind: ServiceList\nitems:\n- {apiVersion: v1, kind: Service, metadata: {name: s}}\n";
    let documents = parse(text);
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0].kind(), Some("Service"));
}

#[test]
fn syntax_errors_carry_file_line_and_column() {
    let (line, column, message) =
        yaml_error("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n   bad: indent\n");
    assert_eq!((line, column), (5, 7));
    assert!(
        message.contains("mapping values are not allowed"),
        "{message}"
    );

    let (line, column, _) = yaml_error("a: [1, 2\nb: 3\n");
    assert_eq!(line, 2);
    assert!(column >= 1);

    let error = parse_str("bad.yaml", "a: 'unterminated\n");
    let text = error
        .err()
        .map(|error| error.to_string())
        .unwrap_or_default();
    assert_eq!(text, "bad.yaml:1:4: unclosed quote");
}

#[test]
fn duplicate_keys_are_errors() {
    let (line, column, message) = yaml_error("kind: A\nmetadata:\n  name: x\n  name: y\n");
    assert_eq!((line, column), (4, 3));
    assert_eq!(message, "duplicate key \"name\"");
}

#[test]
fn a_document_that_is_not_a_mapping_is_an_error() {
    let (line, column, message) = yaml_error("kind: A\n---\n- 1\n- 2\n");
    assert_eq!((line, column), (3, 1));
    assert_eq!(message, "a Kubernetes object must be a mapping");
    let (_, _, message) = yaml_error("just text\n");
    assert_eq!(message, "a Kubernetes object must be a mapping");
}

#[test]
fn complex_keys_and_infinite_numbers_are_errors() {
    let (_, _, message) = yaml_error("? [a, b]\n: 1\n");
    assert_eq!(message, "mapping keys must be scalars");
    let (line, column, message) = yaml_error("kind: A\nweight: .inf\n");
    assert_eq!((line, column), (2, 9));
    assert!(
        message.contains("cannot be represented in JSON"),
        "{message}"
    );
}

#[test]
fn aliases_copy_the_anchored_value() {
    let text = "\
kind: A
metadata:
  labels: &labels
    app: web
    tier: '1'
spec:
  selector:
    matchLabels: *labels
  port: &port 8080
  target: *port
";
    let documents = parse(text);
    let value = &documents[0].value;
    assert_eq!(
        value.pointer("/spec/selector/matchLabels"),
        Some(&json!({"app": "web", "tier": "1"}))
    );
    assert_eq!(value.pointer("/spec/target"), Some(&json!(8080)));
    let alias = documents[0].locate("/spec/selector/matchLabels");
    assert_eq!(alias.map(|p| (p.line, p.column)), Some((8, 18)));
    let nearest = documents[0].locate_nearest("/spec/selector/matchLabels/app");
    assert_eq!(
        nearest.map(|(pointer, _)| pointer),
        Some("/spec/selector/matchLabels")
    );
}

#[test]
fn unknown_aliases_are_errors() {
    let (line, _, message) = yaml_error("a: 1\nb: *missing\n");
    assert_eq!(line, 2);
    assert!(message.contains("anchor"), "{message}");
}

#[test]
fn merge_keys_merge_and_explicit_keys_win() {
    let text = "\
defaults: &defaults
  protocol: TCP
  port: 80
ports:
- <<: *defaults
  port: 8080
- name: metrics
  <<: *defaults
- <<: {protocol: UDP, port: 53}
";
    let documents = parse(text);
    let value = &documents[0].value;
    assert_eq!(
        value.pointer("/ports"),
        Some(&json!([
            {"protocol": "TCP", "port": 8080},
            {"name": "metrics", "protocol": "TCP", "port": 80},
            {"protocol": "UDP", "port": 53},
        ]))
    );
    let document = &documents[0];
    assert_eq!(document.locate("/ports/0/<<"), None);
    assert_eq!(
        document.locate("/ports/0/port").map(|p| (p.line, p.column)),
        Some((6, 9))
    );
    assert_eq!(
        document.locate("/ports/1/protocol").map(|p| p.line),
        Some(8)
    );
    assert_eq!(
        document.locate("/ports/2/protocol").map(|p| p.line),
        Some(9)
    );
    assert_eq!(document.locate("/ports/2/<</protocol"), None);
}

#[test]
fn alias_bombs_are_stopped() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..8 {
        let previous = level - 1;
        text.push_str(&format!(
            "a{level}: &a{level} [*a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}]\n"
        ));
    }
    let (_, _, message) = yaml_error(&text);
    assert!(message.contains("aliases expand to more than"), "{message}");
}

#[test]
fn tags_and_quoting_decide_types() {
    // As kubectl reads it (`kubectl label --local -o json` prints the same): YAML 1.1 booleans,
    // keys included, and a value with a tag go-yaml does not know is its text.
    let text = "\
kind: A
data:
  quoted: \"8000\"
  single: '4'
  tagged: !!str 8000
  number: !!int \"12\"
  plain: 8000
  yes: yes
  flag: true
  empty:
  tilde: ~
  float: 1.5
  custom: !thing 7
";
    let documents = parse(text);
    assert_eq!(
        documents[0].value.get("data"),
        Some(&json!({
            "quoted": "8000", "single": "4", "tagged": "8000", "number": 12, "plain": 8000,
            "true": true, "flag": true, "empty": null, "tilde": null, "float": 1.5, "custom": "7",
        }))
    );
}

#[test]
fn windows_line_endings_and_a_byte_order_mark_are_accepted() {
    let documents = parse("\u{feff}kind: A\r\nmetadata:\r\n  name: x\r\n");
    assert_eq!(documents[0].name(), Some("x"));
    assert_eq!(
        documents[0]
            .locate("/metadata/name")
            .map(|p| (p.line, p.column)),
        Some((3, 9))
    );
}

#[test]
fn directories_are_walked_in_path_order_skipping_kustomizations() {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("manifest-walk");
    let _ = std::fs::remove_dir_all(&root);
    let write = |relative: &str, text: &str| {
        let path = root.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|error| panic!("{error}"));
        }
        std::fs::write(&path, text).unwrap_or_else(|error| panic!("{error}"));
    };
    let object =
        |name: &str| format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n");
    write("b/second.yml", &object("b-second"));
    write("a.yaml", &object("a"));
    write(
        "b/first.yaml",
        &format!("{}---\n{}", object("b-first-0"), object("b-first-1")),
    );
    write("kustomization.yaml", "resources: [a.yaml]\n");
    write("notes.txt", "not yaml: [\n");
    write("c/d/deep.yaml", &object("deep"));

    let documents =
        load_paths(std::slice::from_ref(&root)).unwrap_or_else(|error| panic!("{error}"));
    let names: Vec<(&str, usize)> = documents
        .iter()
        .map(|document| (document.name().unwrap_or_default(), document.index))
        .collect();
    assert_eq!(
        names,
        [
            ("a", 0),
            ("b-first-0", 0),
            ("b-first-1", 1),
            ("b-second", 0),
            ("deep", 0)
        ]
    );
    assert_eq!(documents[3].file, root.join("b/second.yml"));
}

#[test]
fn missing_paths_are_io_errors_naming_the_path() {
    let missing = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("no-such-manifest.yaml");
    match load_paths(std::slice::from_ref(&missing)) {
        Err(LoadError::Io { path, .. }) => assert_eq!(path, missing),
        other => panic!("expected an I/O error, got {other:?}"),
    }
}

#[test]
fn damaged_yaml_never_panics() {
    let original = "\
apiVersion: v1
kind: List
items:
- &base {kind: A, metadata: {name: 'x'}, data: {k: \"v\", n: 0x1F}}
- <<: *base
  spec: [1, 2.5, ~, !!str 3]
  block: |
    text
---
? complex
: {a: [b, {c: d}]}
";
    assert_eq!(
        parse_str("original.yaml", original)
            .map(|docs| docs.len())
            .ok(),
        Some(3)
    );
    let alphabet: Vec<char> = "-:?&*!|>{}[],#'\"\n \t~.0x<%@`".chars().collect();
    // A fixed linear congruential generator keeps the damage reproducible.
    let mut state: u64 = 0x5eed;
    let mut next = |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(state >> 33).unwrap_or(0) % bound.max(1)
    };
    let mut parsed = 0;
    for _ in 0..500 {
        let mut chars: Vec<char> = original.chars().collect();
        for _ in 0..=next(4) {
            let at = next(chars.len());
            match next(3) {
                0 => {
                    chars.remove(at);
                }
                1 => chars.insert(at, alphabet[next(alphabet.len())]),
                _ => chars[at] = alphabet[next(alphabet.len())],
            }
        }
        let text: String = chars.into_iter().collect();
        if parse_str("damaged.yaml", &text).is_ok() {
            parsed += 1;
        }
    }
    // Some damage leaves valid YAML, most does not; either way the reader returns.
    assert!(parsed > 0 && parsed < 500, "{parsed} of 500 parsed");
}
