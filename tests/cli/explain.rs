//! Every code is documented, and `p3gen explain` prints the documentation.

use crate::common;

use common::run_cli;

#[test]
fn every_code_is_documented_and_explained() {
    let catalogue = p3gen::validate::catalogue();
    assert!(catalogue.len() >= 35, "{} codes", catalogue.len());
    let list = run_cli(&["explain", "--list"]);
    assert_eq!(list.code, 0);
    for info in catalogue {
        for section in ["## What it checks\n", "## Why\n", "## Example\n"] {
            assert!(info.doc.contains(section), "{} lacks {section}", info.code);
        }
        assert!(
            !info.summary.is_empty() && !info.summary.ends_with('.'),
            "{}",
            info.code
        );
        let explained = run_cli(&["explain", info.code]);
        assert_eq!(explained.code, 0, "{}", info.code);
        assert!(explained.stdout.contains(info.doc), "{}", info.code);
        assert!(
            explained
                .stdout
                .starts_with(&format!("# {} {}", info.code, info.name))
        );
        assert_eq!(run_cli(&["explain", info.name]).stdout, explained.stdout);
        assert!(
            list.stdout
                .lines()
                .any(|line| line.starts_with(info.code) && line.contains(info.summary)),
            "{} is not listed",
            info.code
        );
    }
}

#[test]
fn codes_are_unique_and_follow_the_scheme() {
    let catalogue = p3gen::validate::catalogue();
    let mut codes: Vec<&str> = catalogue.iter().map(|info| info.code).collect();
    codes.dedup();
    assert_eq!(codes.len(), catalogue.len(), "duplicate codes");
    for info in catalogue {
        assert!(
            [
                "P30", "P31", "P32", "P33", "P34", "P35", "P36", "P37", "P38"
            ]
            .iter()
            .any(|prefix| info.code.starts_with(prefix)),
            "{}",
            info.code
        );
    }
}

#[test]
fn an_unknown_code_is_a_usage_error() {
    let outcome = run_cli(&["explain", "P9999"]);
    assert_eq!(outcome.code, 2);
    assert!(outcome.stderr.contains("explain --list"));
}

#[test]
fn one_rule_prints_as_documented() {
    insta::assert_snapshot!(run_cli(&["explain", "P3402"]).stdout);
}
