//! `p3gen render`: specs to YAML bundles on stdout, or to a per-resource directory.
//!
//! One spec file (or none: the built-in spec) keeps the flat layout: its bundle on stdout (or in
//! `-o FILE`), or its files directly in `--out-dir`. A directory of specs or several specs make a
//! fleet: every bundle in turn on stdout (or in `-o FILE`), or one sub-directory per spec under a
//! top-level `kustomization.yaml`. The fleet's rendering, shared objects and output tree are
//! [`crate::fleet`]'s; this file picks the layout, writes, and says what it wrote.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{
    CompiledSpec, EXIT_OK, JobsArgs, LevelArgs, Outcome, ReportArgs, Terminal, compile_fleet_spec,
    compile_spec, fleet_failure,
};
use crate::fleet::{self, ProgressFn, RenderedFleet, RenderedSpec};
use crate::output;
use crate::output::out_dir::{self, OutDirError, OutTree, Written};
use crate::target::TargetOverride;
use crate::validate::Levels;

/// The arguments of `p3gen render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Spec files (TOML) or directories of them (their `*.toml` files, by name). None: the built-in
    /// spec; `-` reads it from standard input. One file: its bundle, or with --out-dir its files
    /// directly in DIR. A directory or several specs: every bundle in turn, or with --out-dir one
    /// sub-directory per spec, named after the spec file, and a kustomization.yaml listing them.
    #[arg(value_name = "SPEC")]
    pub specs: Vec<PathBuf>,
    /// Render for these versions instead of the spec's `[target]`, e.g. `kserve=0.20,istio=1.28`.
    #[arg(long, value_name = "kserve=VERSION,istio=VERSION")]
    pub target: Option<TargetOverride>,
    /// Write one file per object and a kustomization.yaml listing them in apply order into DIR
    /// instead of the bundle on stdout, all or nothing: DIR is replaced as a whole, or updated in
    /// place when it must stay the same directory; an interrupted write is repaired by the next.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// With --out-dir: write even if DIR holds files p3gen did not generate (they are kept).
    #[arg(long, requires = "out_dir")]
    pub force: bool,
    /// Write the bundle (of a fleet: every bundle in turn) to FILE instead of stdout, atomically:
    /// FILE holds the old bundle or the new one, never part of one.
    #[arg(short = 'o', long, value_name = "FILE", conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// Report levels.
    #[command(flatten)]
    pub levels: LevelArgs,
    /// How many specs to work on at once.
    #[command(flatten)]
    pub jobs: JobsArgs,
    /// How findings are written.
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Runs `p3gen render`: exit code 0 when everything was rendered, 2 when any spec is bad or the
/// directory cannot be written (and then nothing is written).
pub fn run(args: &RenderArgs, terminal: Terminal, progress: ProgressFn<'_>) -> Outcome {
    let target = args.target.unwrap_or_default();
    let levels = match args.levels.levels() {
        Ok(levels) => levels,
        Err(message) => return Outcome::error(message),
    };
    if args.specs.is_empty() || fleet::is_single_file(&args.specs) {
        let spec = args.specs.first().map(PathBuf::as_path);
        return match &args.out_dir {
            Some(dir) => run_out_dir(spec, &target, &levels, dir, args, terminal),
            None => to_file(
                run_stdout(spec, &target, &levels, terminal, args.report),
                args,
            ),
        };
    }
    to_file(run_fleet(args, &target, &levels, terminal, progress), args)
}

/// With `-o FILE`, moves a successful bundle from stdout into FILE.
fn to_file(mut outcome: Outcome, args: &RenderArgs) -> Outcome {
    let Some(file) = &args.output else {
        return outcome;
    };
    if outcome.code != EXIT_OK {
        return outcome;
    }
    match output::atomic_file::write_file(file, &outcome.stdout) {
        Ok(()) => outcome.stdout.clear(),
        Err(error) => {
            let _ = writeln!(outcome.stderr, "error: {error}");
            outcome.stdout.clear();
            outcome.code = super::EXIT_ERROR;
        }
    }
    outcome
}

/// Renders one spec (or the built-in one) to stdout, for the spec's target or `target`; warnings
/// go to stderr. Error-level findings (with `--deny warnings`, warnings too) refuse the render
/// with exit code 2.
fn run_stdout(
    path: Option<&Path>,
    target: &TargetOverride,
    levels: &Levels,
    terminal: Terminal,
    shown: ReportArgs,
) -> Outcome {
    match compile_spec(path, target, levels, terminal, shown) {
        Ok(spec) => Outcome {
            stdout: spec.compiled.yaml(),
            stderr: spec.warnings,
            code: EXIT_OK,
        },
        Err(outcome) => outcome,
    }
}

/// Renders one spec into `dir`: one file per object and a `kustomization.yaml`, written all or
/// nothing. Lists what it wrote and removed on stdout; warnings go to stderr.
fn run_out_dir(
    path: Option<&Path>,
    target: &TargetOverride,
    levels: &Levels,
    dir: &Path,
    args: &RenderArgs,
    terminal: Terminal,
) -> Outcome {
    let spec = match compile_spec(path, target, levels, terminal, args.report) {
        Ok(spec) => spec,
        Err(outcome) => return outcome,
    };
    let files = out_dir::file_names(&spec.compiled.objects)
        .into_iter()
        .zip(spec.compiled.documents)
        .collect();
    let tree = match out_dir::bundle_tree(&spec.compiled.header, files) {
        Ok(tree) => tree,
        Err(error) => {
            return Outcome::error(format!("error: cannot serialize the bundle: {error}\n"));
        }
    };
    let written = match write(dir, &tree, args.force) {
        Ok(written) => written,
        Err(outcome) => return outcome,
    };
    let mut stdout = String::new();
    if args.report.quiet {
        return Outcome::ok(stdout);
    }
    let mut line = |verb: &str, file: &Path| {
        let _ = writeln!(stdout, "{verb} {}", dir.join(file).display());
    };
    written.written.iter().for_each(|f| line("wrote", f));
    list_changes(&mut stdout, dir, &written);
    Outcome {
        stdout,
        stderr: recovered(&written) + &spec.warnings,
        code: EXIT_OK,
    }
}

/// Renders every spec named by the paths, on `--jobs` threads; writes nothing unless all succeed.
fn run_fleet(
    args: &RenderArgs,
    target: &TargetOverride,
    levels: &Levels,
    terminal: Terminal,
    progress: ProgressFn<'_>,
) -> Outcome {
    let specs = match fleet::spec_paths(&args.specs) {
        Ok(specs) => specs,
        Err(error) => return Outcome::error(format!("error: {error}\n")),
    };
    let sub_dirs = match &args.out_dir {
        Some(_) => match fleet::sub_dir_names(&specs) {
            Ok(names) => names,
            Err(error) => {
                return Outcome::error(format!(
                    "error: {error}\nhelp: rename the spec file; nothing written\n"
                ));
            }
        },
        None => Vec::new(),
    };
    let style = terminal.stderr_style;
    let to_files = args.out_dir.is_some();
    let results = fleet::run(
        &specs,
        args.jobs.get(),
        "rendering specs",
        progress,
        |path| {
            let CompiledSpec {
                name,
                compiled,
                warnings,
            } = compile_fleet_spec(path, target, levels, style, args.report)?;
            Ok::<_, String>(RenderedSpec::new(name, compiled, warnings, to_files))
        },
    );

    let mut stderr = String::new();
    let mut failed = Vec::new();
    let mut rendered = Vec::with_capacity(results.len());
    for (path, result) in specs.iter().zip(results) {
        match result {
            Ok(spec) => {
                stderr.push_str(&spec.warnings);
                rendered.push(spec);
            }
            Err(message) => {
                stderr.push_str(&message);
                failed.push(path.as_path());
            }
        }
    }
    if !failed.is_empty() {
        stderr.push_str(&fleet_failure(&failed, specs.len(), "nothing written"));
        return Outcome::error(stderr);
    }
    let rendered = match RenderedFleet::new(rendered) {
        Ok(rendered) => rendered,
        Err(conflicts) => {
            stderr.push_str(&fleet::conflict_messages(&conflicts, &specs));
            return Outcome::error(format!("{stderr}error: nothing written\n"));
        }
    };

    let Some(dir) = &args.out_dir else {
        return Outcome {
            stdout: rendered.bundles(),
            stderr,
            code: EXIT_OK,
        };
    };
    let tree = match rendered.tree(sub_dirs) {
        Ok(tree) => tree,
        Err(error) => return Outcome::error(format!("error: {error}\n")),
    };
    let written = match fleet::on_threads(args.jobs.get(), || write(dir, &tree, args.force)) {
        Ok(written) => written,
        Err(outcome) => return outcome,
    };
    if args.report.quiet {
        return Outcome {
            stdout: String::new(),
            stderr,
            code: EXIT_OK,
        };
    }
    let mut stdout = fleet::written_lines(dir, &written);
    list_changes(&mut stdout, dir, &written);
    Outcome {
        stdout,
        stderr: recovered(&written) + &stderr,
        code: EXIT_OK,
    }
}

/// Writes a tree into `dir`, or the outcome saying why not.
fn write(dir: &Path, tree: &OutTree, force: bool) -> Result<Written, Outcome> {
    out_dir::write(dir, tree, force).map_err(|error| match error {
        OutDirError::Foreign { .. } => Outcome::error(format!(
            "error: {error}\nhelp: write into an empty or new directory, or pass --force to write \
             anyway (files p3gen did not generate are kept)\n"
        )),
        error => Outcome::error(format!("error: {error}\n")),
    })
}

/// One note per repair of what an interrupted run had left.
fn recovered(written: &Written) -> String {
    written
        .recovered
        .iter()
        .map(|repair| format!("note: {repair}\n"))
        .collect()
}

/// Lists the files a write removed, replaced and kept.
fn list_changes(stdout: &mut String, dir: &Path, written: &Written) {
    let mut line = |verb: &str, file: &Path, note: &str| {
        let _ = writeln!(stdout, "{verb} {}{note}", dir.join(file).display());
    };
    let foreign = " (not generated by p3gen)";
    written.removed.iter().for_each(|f| line("removed", f, ""));
    written
        .replaced
        .iter()
        .for_each(|f| line("replaced", f, foreign));
    written.kept.iter().for_each(|f| line("kept", f, foreign));
}
