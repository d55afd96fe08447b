//! `p3gen render`: specs to YAML bundles on stdout, or to a per-resource directory.
//!
//! One spec file (or none: the built-in spec) keeps the flat layout: its bundle on stdout (or in
//! `-o FILE`), or its files directly in `--out-dir`. A directory of specs or several specs make a
//! fleet: every bundle in turn on stdout (or in `-o FILE`), or one sub-directory per spec under a
//! top-level `kustomization.yaml`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{
    CompiledSpec, EXIT_OK, JobsArgs, LevelArgs, Outcome, ReportArgs, Terminal, compile_fleet_spec,
    compile_spec, fleet_failure,
};
use crate::fleet::{self, FleetObject, ProgressFn};
use crate::output::out_dir::{self, OutDirError, OutTree, Written};
use crate::output::{self, diff::ObjectKey};
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

/// One error per object that specs render differently: the first spec that renders it and the
/// others, at most three of them named, so a fleet of copies does not print a line per copy.
fn conflict_messages(conflicts: &[fleet::Conflict], specs: &[PathBuf]) -> String {
    let mut by_object: Vec<(&fleet::Conflict, Vec<usize>)> = Vec::new();
    for conflict in conflicts {
        match by_object
            .iter_mut()
            .find(|(seen, _)| seen.object == conflict.object && seen.first == conflict.first)
        {
            Some((_, others)) => others.push(conflict.second),
            None => by_object.push((conflict, vec![conflict.second])),
        }
    }
    let mut text = String::new();
    for (conflict, others) in by_object {
        let mut named: Vec<String> = others
            .iter()
            .take(3)
            .map(|&index| specs[index].display().to_string())
            .collect();
        if others.len() > named.len() {
            named.push(format!("{} more", others.len() - named.len()));
        }
        let others = match named.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => String::new(),
        };
        let _ = writeln!(
            text,
            "error: {} and {others} render {} differently\n\
             help: let one spec render it, or make them agree",
            specs[conflict.first].display(),
            conflict.object
        );
    }
    text
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

/// One spec of a fleet, rendered.
struct RenderedSpec {
    /// The first lines of its bundle: provenance and target versions.
    header: String,
    /// Each object's identity and YAML document, in apply order.
    objects: Vec<FleetObject<String>>,
    /// Each object's file name, with --out-dir.
    file_names: Vec<String>,
    /// Its warnings, headed by its file name.
    warnings: String,
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
                compiled, warnings, ..
            } = compile_fleet_spec(path, target, levels, style, args.report)?;
            Ok::<_, String>(RenderedSpec {
                header: compiled.header,
                warnings,
                file_names: if to_files {
                    out_dir::file_names(&compiled.objects)
                } else {
                    Vec::new()
                },
                objects: compiled
                    .objects
                    .iter()
                    .map(ObjectKey::of_rendered)
                    .zip(compiled.documents)
                    .map(|(key, document)| FleetObject::new(key, document))
                    .collect(),
            })
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
    let objects: Vec<Vec<FleetObject<String>>> = rendered
        .iter_mut()
        .map(|spec| std::mem::take(&mut spec.objects))
        .collect();
    let keep = match fleet::shared_objects(&objects) {
        Ok(keep) => keep,
        Err(conflicts) => {
            stderr.push_str(&conflict_messages(&conflicts, &specs));
            return Outcome::error(format!("{stderr}error: nothing written\n"));
        }
    };
    let kept = |objects: Vec<FleetObject<String>>, keep: Vec<bool>| {
        objects
            .into_iter()
            .zip(keep)
            .filter_map(|(object, keep)| keep.then_some(object.document))
    };

    let Some(dir) = &args.out_dir else {
        let length = rendered
            .iter()
            .zip(&objects)
            .map(|(spec, objects)| {
                output::bundle_len(
                    &spec.header,
                    objects.iter().map(|object| object.document.len()),
                )
            })
            .sum();
        let mut stdout = String::with_capacity(length);
        for ((spec, objects), keep) in rendered.iter().zip(objects).zip(keep) {
            let documents: Vec<String> = kept(objects, keep).collect();
            output::push_bundle(
                &mut stdout,
                &spec.header,
                documents.iter().map(String::as_str),
            );
        }
        return Outcome {
            stdout,
            stderr,
            code: EXIT_OK,
        };
    };

    let mut trees = Vec::with_capacity(rendered.len());
    for (((spec, objects), keep), sub_dir) in
        rendered.into_iter().zip(objects).zip(keep).zip(sub_dirs)
    {
        let files = spec
            .file_names
            .into_iter()
            .zip(objects.into_iter().zip(keep))
            .filter_map(|(file, (object, keep))| keep.then_some((file, object.document)))
            .collect();
        match out_dir::bundle_tree(&spec.header, files) {
            Ok(tree) => trees.push((sub_dir, tree)),
            Err(error) => {
                return Outcome::error(format!(
                    "error: cannot serialize a kustomization: {error}\n"
                ));
            }
        }
    }
    let tree = match out_dir::fleet_tree(&format!("{} specs", specs.len()), trees) {
        Ok(tree) => tree,
        Err(error) => {
            return Outcome::error(format!(
                "error: cannot serialize the kustomization: {error}\n"
            ));
        }
    };
    let written = match fleet::on_threads(args.jobs.get(), || write(dir, &tree, args.force)) {
        Ok(written) => written,
        Err(outcome) => return outcome,
    };
    let mut stdout = String::new();
    if args.report.quiet {
        return Outcome {
            stdout,
            stderr,
            code: EXIT_OK,
        };
    }
    // One line per sub-directory: its files come one after another in the written list.
    let mut per_dir: Vec<(&str, usize)> = Vec::new();
    for file in &written.written {
        // The tree's paths are UTF-8: p3gen made them from strings.
        let file = file.to_str().unwrap_or_default();
        match file.split_once('/') {
            Some((sub_dir, _)) => match per_dir.last_mut() {
                Some((last, count)) if *last == sub_dir => *count += 1,
                _ => per_dir.push((sub_dir, 1)),
            },
            None => {
                let _ = writeln!(stdout, "wrote {}", dir.join(file).display());
            }
        }
    }
    for (sub_dir, count) in per_dir {
        let files = if count == 1 { "file" } else { "files" };
        let _ = writeln!(
            stdout,
            "wrote {} ({count} {files})",
            dir.join(sub_dir).display()
        );
    }
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
