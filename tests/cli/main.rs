//! The integration tests, in one binary so that the tests link once: each module runs the real
//! `p3gen` binary or the library the way one command or one stage is used. Snapshots are under
//! `tests/cli/snapshots/`, named `cli__MODULE__TEST` as insta names them.
//!
//! `tests/no_panic.rs` is a binary of its own: it replaces the process-wide panic hook while it
//! runs, which would swallow the panic messages of tests running beside it.

#[path = "../common/mod.rs"]
mod common;

mod check;
mod diagnostics;
mod diff;
mod examples;
mod explain;
mod fleet;
mod golden;
mod hostile_input;
mod lint;
mod manifest_reference;
mod manifest_yaml;
mod network;
mod one_path;
mod out_dir;
mod output;
mod plan;
mod profile;
mod report_levels;
mod schema;
mod schema_validation;
mod secrets;
mod targets;
mod validate;
