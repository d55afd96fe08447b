//! Many specs in one run: the spec files that paths name (files, and directories of `*.toml`), one
//! job per spec spread over a fixed number of threads with results in input order, the objects
//! that several specs share (and the conflicts when they render one differently), the sub-directory
//! each spec gets in an output directory, and the fleet's bundles or output tree.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::Compiled;
use crate::output::diff::ObjectKey;
use crate::output::out_dir::{self, KUSTOMIZATION_FILE, OutTree, UnsafeName, Written, names};

/// How far a run over many specs (or objects) has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// What the run does (`rendering specs`, `validating objects`, …).
    pub doing: &'static str,
    /// Items finished so far.
    pub done: usize,
    /// Items in the run.
    pub total: usize,
}

/// Receives [`Progress`] after each finished item, from any thread. The library only calls it;
/// whoever passes it decides whether to show anything.
pub type ProgressFn<'a> = &'a (dyn Fn(Progress) + Sync);

/// A [`ProgressFn`] that ignores progress.
pub fn no_progress(_: Progress) {}

/// Why the paths of a run do not name any spec.
#[derive(Debug, thiserror::Error)]
pub enum PathsError {
    /// A directory cannot be listed.
    #[error("cannot read {}: {source}", .dir.display())]
    Unreadable {
        /// The directory.
        dir: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A directory holds no `*.toml` file.
    #[error("no specs (*.toml) in {}", .0.display())]
    NoSpecs(PathBuf),
}

/// The spec files that `paths` name, in the order given: a directory stands for the `*.toml` files
/// directly in it, sorted by name; any other path stands for itself (whether it can be read is
/// found out when it is read).
pub fn spec_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, PathsError> {
    let mut specs = Vec::with_capacity(paths.len());
    for path in paths {
        if !path.is_dir() {
            specs.push(path.clone());
            continue;
        }
        let found =
            crate::output::golden::spec_files(path).map_err(|source| PathsError::Unreadable {
                dir: path.clone(),
                source,
            })?;
        if found.is_empty() {
            return Err(PathsError::NoSpecs(path.clone()));
        }
        specs.extend(found);
    }
    Ok(specs)
}

/// Whether `paths` ask for one spec rendered as before (a single file), rather than a fleet (a
/// directory, or several paths).
pub fn is_single_file(paths: &[PathBuf]) -> bool {
    matches!(paths, [one] if !one.is_dir())
}

/// Why the specs of a fleet cannot each have their sub-directory.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubDirError {
    /// A spec's file name does not make a safe directory name.
    #[error(
        "{}: its sub-directory would be named `{name}` (the file name without `.toml`), which {why}",
        .spec.display()
    )]
    Unsafe {
        /// The spec file.
        spec: PathBuf,
        /// The name (lossily converted when it is not UTF-8).
        name: String,
        /// What is wrong with it.
        why: UnsafeName,
    },
    /// A spec's file name makes the name of the fleet's own `kustomization.yaml`.
    #[error(
        "{}: its sub-directory would be named `{name}`, like the fleet's {KUSTOMIZATION_FILE}",
        .spec.display()
    )]
    Reserved {
        /// The spec file.
        spec: PathBuf,
        /// The name.
        name: String,
    },
    /// Two specs would share a sub-directory (also when their names differ only in case, as
    /// case-insensitive file systems would have it).
    #[error(
        "{} and {} would both be written to the sub-directory `{name}`{}",
        .first.display(),
        .second.display(),
        if .first.file_stem() == .second.file_stem() { "" } else { " on a case-insensitive file system" }
    )]
    Shared {
        /// The first spec.
        first: PathBuf,
        /// The second spec.
        second: PathBuf,
        /// The sub-directory.
        name: String,
    },
}

/// One sub-directory name per spec, in order: the spec's file name without `.toml`. Each must be
/// one safe path component ([`names::check_component`]: not `.` or `..`, not hidden, no separators)
/// and differ from the others and from `kustomization.yaml` even when case is ignored.
pub fn sub_dir_names(specs: &[PathBuf]) -> Result<Vec<String>, SubDirError> {
    let mut seen: BTreeMap<String, &Path> = BTreeMap::new();
    let mut names = Vec::with_capacity(specs.len());
    for spec in specs {
        let stem = spec.file_stem().unwrap_or_default();
        let unsafe_name = |name: String, why| SubDirError::Unsafe {
            spec: spec.clone(),
            name,
            why,
        };
        let Some(name) = stem.to_str() else {
            return Err(unsafe_name(
                stem.to_string_lossy().into_owned(),
                UnsafeName::NotUtf8,
            ));
        };
        names::check_component(name).map_err(|why| unsafe_name(name.to_owned(), why))?;
        let key = names::case_key(name);
        if key == names::case_key(KUSTOMIZATION_FILE) {
            return Err(SubDirError::Reserved {
                spec: spec.clone(),
                name: name.to_owned(),
            });
        }
        if let Some(first) = seen.insert(key, spec) {
            return Err(SubDirError::Shared {
                first: first.to_path_buf(),
                second: spec.clone(),
                name: name.to_owned(),
            });
        }
        names.push(name.to_owned());
    }
    Ok(names)
}

/// The number of threads to use by default: the number of cores available.
pub fn default_jobs() -> NonZeroUsize {
    std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN)
}

/// Runs `job` on every item (a spec, an object) on `jobs` threads and returns the results in the
/// order of `items`, so the outcome does not depend on the number of threads. `progress` hears
/// after each item.
pub fn run<I, T, F>(
    items: &[I],
    jobs: NonZeroUsize,
    doing: &'static str,
    progress: ProgressFn<'_>,
    job: F,
) -> Vec<T>
where
    I: Sync,
    T: Send,
    F: Fn(&I) -> T + Sync,
{
    let done = AtomicUsize::new(0);
    let total = items.len();
    let one = |item: &I| {
        let result = job(item);
        let done = done.fetch_add(1, Ordering::Relaxed) + 1;
        progress(Progress { doing, done, total });
        result
    };
    if jobs.get() == 1 || total < 2 {
        return items.iter().map(one).collect();
    }
    on_threads(jobs, || items.par_iter().map(one).collect())
}

/// Runs `work` with `jobs` threads for whatever it does in parallel (rayon's parallel iterators,
/// such as the writes of [`crate::output::out_dir::write`]).
pub fn on_threads<R: Send>(jobs: NonZeroUsize, work: impl FnOnce() -> R + Send) -> R {
    match rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.get())
        .build()
    {
        Ok(pool) => pool.install(work),
        // No threads to be had: the same work on this one.
        Err(_) => work(),
    }
}

/// Two specs of a fleet that render the same object differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The object.
    pub object: ObjectKey,
    /// The index of the first spec that renders it.
    pub first: usize,
    /// The index of a later spec that renders it differently.
    pub second: usize,
}

/// One object that a spec of a fleet renders: its identity and its YAML document.
#[derive(Debug, Clone)]
pub struct FleetObject<D> {
    /// Its identity.
    pub key: ObjectKey,
    /// A hash of `key`, taken while the object is at hand, so the fleet-wide comparison does not
    /// reach back into every key.
    key_hash: u64,
    /// Its YAML document.
    pub document: D,
}

impl<D> FleetObject<D> {
    /// An object and its document.
    pub fn new(key: ObjectKey, document: D) -> Self {
        let mut hasher = DefaultHasher::new();
        key.hash(&mut hasher);
        FleetObject {
            key_hash: hasher.finish(),
            key,
            document,
        }
    }
}

/// Which objects each spec of a fleet keeps when several specs render the same object (the same
/// apiVersion, kind, namespace and name), such as the `default` PeerAuthentication of a namespace
/// that several deployments share: an object that they render identically is kept by the first spec
/// that renders it only, so it is written and applied once. The result has one flag per object.
/// Objects that two specs render differently are conflicts, in the order of the later spec.
pub fn shared_objects<D: AsRef<str>>(
    specs: &[Vec<FleetObject<D>>],
) -> Result<Vec<Vec<bool>>, Vec<Conflict>> {
    // Sorted by key hash, then by spec and object index: objects with equal keys end up side by
    // side, the first to render them first.
    let mut all: Vec<(u64, usize, usize)> = specs
        .iter()
        .enumerate()
        .flat_map(|(spec, objects)| {
            objects
                .iter()
                .enumerate()
                .map(move |(index, object)| (object.key_hash, spec, index))
        })
        .collect();
    all.sort_unstable();
    let mut keep: Vec<Vec<bool>> = specs
        .iter()
        .map(|objects| vec![true; objects.len()])
        .collect();
    let mut conflicts = Vec::new();
    for same_hash in all.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        for (position, &(_, spec, index)) in same_hash.iter().enumerate() {
            let object = &specs[spec][index];
            let first = same_hash[..position]
                .iter()
                .find(|(_, s, i)| specs[*s][*i].key == object.key);
            if let Some(&(_, first_spec, first_index)) = first {
                keep[spec][index] = false;
                if specs[first_spec][first_index].document.as_ref() != object.document.as_ref() {
                    conflicts.push(Conflict {
                        object: object.key.clone(),
                        first: first_spec,
                        second: spec,
                    });
                }
            }
        }
    }
    if conflicts.is_empty() {
        return Ok(keep);
    }
    conflicts.sort_by(|a, b| (a.second, a.first, &a.object).cmp(&(b.second, b.first, &b.object)));
    Err(conflicts)
}

/// One error per object that specs render differently: the first spec that renders it and the
/// others, at most three of them named, so a fleet of copies does not print a line per copy.
pub fn conflict_messages(conflicts: &[Conflict], specs: &[PathBuf]) -> String {
    let mut by_object: Vec<(&Conflict, Vec<usize>)> = Vec::new();
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

/// One spec of a fleet, rendered.
#[derive(Debug, Clone)]
pub struct RenderedSpec {
    /// Its provenance name.
    pub name: String,
    /// The first lines of its bundle: provenance and target versions.
    pub header: String,
    /// Each object's identity and YAML document, in apply order.
    pub objects: Vec<FleetObject<String>>,
    /// Each object's file name, when the fleet goes to a directory.
    pub file_names: Vec<String>,
    /// Its warnings, as they are shown.
    pub warnings: String,
}

impl RenderedSpec {
    /// A compiled spec named `name` as a member of a fleet; its objects' file names only when the
    /// fleet is written to a directory (`to_files`).
    pub fn new(name: String, compiled: Compiled, warnings: String, to_files: bool) -> Self {
        RenderedSpec {
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
            header: compiled.header,
            name,
            warnings,
        }
    }
}

/// Why a fleet's output tree cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum TreeError {
    /// A spec's `kustomization.yaml` cannot be serialized.
    #[error("cannot serialize a kustomization: {0}")]
    Spec(serde_saphyr::ser_error::Error),
    /// The fleet's own `kustomization.yaml` cannot be serialized.
    #[error("cannot serialize the kustomization: {0}")]
    Fleet(serde_saphyr::ser_error::Error),
}

/// Every spec of a fleet rendered, with the objects each keeps: an object several specs render
/// alike is kept by the first of them only ([`shared_objects`]).
#[derive(Debug)]
pub struct RenderedFleet {
    specs: Vec<RenderedSpec>,
    objects: Vec<Vec<FleetObject<String>>>,
    keep: Vec<Vec<bool>>,
}

impl RenderedFleet {
    /// The fleet of `specs`, or the objects two of them render differently.
    pub fn new(mut specs: Vec<RenderedSpec>) -> Result<Self, Vec<Conflict>> {
        let objects: Vec<Vec<FleetObject<String>>> = specs
            .iter_mut()
            .map(|spec| std::mem::take(&mut spec.objects))
            .collect();
        let keep = shared_objects(&objects)?;
        Ok(RenderedFleet {
            specs,
            objects,
            keep,
        })
    }

    /// Every spec's bundle in turn, each with the objects it keeps.
    pub fn bundles(self) -> String {
        let length = self
            .specs
            .iter()
            .zip(&self.objects)
            .map(|(spec, objects)| {
                crate::output::bundle_len(
                    &spec.header,
                    objects.iter().map(|object| object.document.len()),
                )
            })
            .sum();
        let mut out = String::with_capacity(length);
        for ((spec, objects), keep) in self.specs.iter().zip(self.objects).zip(self.keep) {
            let documents: Vec<String> = objects
                .into_iter()
                .zip(keep)
                .filter_map(|(object, keep)| keep.then_some(object.document))
                .collect();
            crate::output::push_bundle(
                &mut out,
                &spec.header,
                documents.iter().map(String::as_str),
            );
        }
        out
    }

    /// The fleet's output tree: one sub-directory per spec (named by `sub_dirs`, in order) with
    /// the files of the objects it keeps and its `kustomization.yaml`, under a top-level
    /// `kustomization.yaml` listing them.
    pub fn tree(self, sub_dirs: Vec<String>) -> Result<OutTree, TreeError> {
        let count = self.specs.len();
        let mut trees = Vec::with_capacity(count);
        for (((spec, objects), keep), sub_dir) in self
            .specs
            .into_iter()
            .zip(self.objects)
            .zip(self.keep)
            .zip(sub_dirs)
        {
            let files = spec
                .file_names
                .into_iter()
                .zip(objects.into_iter().zip(keep))
                .filter_map(|(file, (object, keep))| keep.then_some((file, object.document)))
                .collect();
            let tree = out_dir::bundle_tree(&spec.header, files).map_err(TreeError::Spec)?;
            trees.push((sub_dir, tree));
        }
        out_dir::fleet_tree(&format!("{count} specs"), trees).map_err(TreeError::Fleet)
    }
}

/// What a fleet's write into `dir` wrote, one line per sub-directory (`wrote DIR/SUB (N files)`)
/// and one per top-level file.
pub fn written_lines(dir: &Path, written: &Written) -> String {
    let mut out = String::new();
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
                let _ = writeln!(out, "wrote {}", dir.join(file).display());
            }
        }
    }
    for (sub_dir, count) in per_dir {
        let files = if count == 1 { "file" } else { "files" };
        let _ = writeln!(
            out,
            "wrote {} ({count} {files})",
            dir.join(sub_dir).display()
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    fn paths(names: &[&str]) -> Vec<PathBuf> {
        names.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn results_keep_the_input_order_for_any_number_of_threads() {
        let specs: Vec<PathBuf> = (0..200).map(|i| PathBuf::from(format!("{i}"))).collect();
        let expected: Vec<String> = specs.iter().map(|p| p.display().to_string()).collect();
        for jobs in [1, 2, 3, 8] {
            let got = run(
                &specs,
                NonZeroUsize::new(jobs).unwrap(),
                "testing",
                &no_progress,
                |spec| spec.display().to_string(),
            );
            assert_eq!(got, expected, "with {jobs} threads");
        }
    }

    #[test]
    fn progress_counts_every_spec_once() {
        let specs = paths(&["a", "b", "c", "d", "e"]);
        let seen = Mutex::new(Vec::new());
        let record = |p: Progress| seen.lock().unwrap().push(p);
        run(
            &specs,
            NonZeroUsize::new(3).unwrap(),
            "testing",
            &record,
            |_| (),
        );
        let mut seen = seen.into_inner().unwrap();
        seen.sort_by_key(|p| p.done);
        let done: Vec<usize> = seen.iter().map(|p| p.done).collect();
        assert_eq!(done, [1, 2, 3, 4, 5]);
        assert!(seen.iter().all(|p| p.total == 5 && p.doing == "testing"));
    }

    #[test]
    fn directories_stand_for_their_specs_sorted_and_files_for_themselves() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.toml", "a.toml", "notes.md"] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        std::fs::create_dir(dir.path().join("nested.toml")).unwrap();
        let given = vec![PathBuf::from("z.toml"), dir.path().to_path_buf()];
        let specs = spec_paths(&given).unwrap();
        assert_eq!(
            specs,
            vec![
                PathBuf::from("z.toml"),
                dir.path().join("a.toml"),
                dir.path().join("b.toml")
            ]
        );
        assert!(is_single_file(&paths(&["z.toml"])));
        assert!(!is_single_file(&given));
        assert!(!is_single_file(&[dir.path().to_path_buf()]));
    }

    fn key(kind: &str, name: &str) -> ObjectKey {
        ObjectKey {
            api_version: "v1".to_owned(),
            kind: kind.to_owned(),
            namespace: "ns".to_owned(),
            name: name.to_owned(),
        }
    }

    fn objects(specs: Vec<Vec<(ObjectKey, &str)>>) -> Vec<Vec<FleetObject<&str>>> {
        specs
            .into_iter()
            .map(|objects| {
                objects
                    .into_iter()
                    .map(|(key, document)| FleetObject::new(key, document))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn an_object_several_specs_render_alike_is_kept_by_the_first() {
        let specs = objects(vec![
            vec![(key("A", "a"), "same"), (key("S", "shared"), "spec: 1")],
            vec![(key("A", "b"), "other"), (key("S", "shared"), "spec: 1")],
            vec![(key("S", "shared"), "spec: 1"), (key("A", "c"), "third")],
        ]);
        assert_eq!(
            shared_objects(&specs).unwrap(),
            vec![vec![true, true], vec![true, false], vec![false, true]]
        );
    }

    #[test]
    fn an_object_two_specs_render_differently_is_a_conflict() {
        let specs = objects(vec![
            vec![(key("S", "shared"), "mode: STRICT")],
            vec![(key("S", "shared"), "mode: STRICT")],
            vec![(key("S", "shared"), "mode: PERMISSIVE")],
        ]);
        assert_eq!(
            shared_objects(&specs).unwrap_err(),
            vec![Conflict {
                object: key("S", "shared"),
                first: 0,
                second: 2
            }]
        );
    }

    #[test]
    fn sub_directories_are_named_after_the_spec_files() {
        let specs = paths(&["specs/llama-prod.toml", "other/qwen.v2.toml"]);
        assert_eq!(sub_dir_names(&specs).unwrap(), ["llama-prod", "qwen.v2"]);
    }

    #[test]
    fn a_spec_name_that_is_not_one_safe_directory_name_is_refused() {
        for (file, why) in [
            ("specs/...toml", UnsafeName::DotDot),
            ("specs/..toml", UnsafeName::Dot),
            ("specs/.hidden.toml", UnsafeName::Hidden),
            ("specs/a\\b.toml", UnsafeName::Separator('\\')),
            ("specs/a\nb.toml", UnsafeName::Control),
        ] {
            let error = sub_dir_names(&paths(&["specs/ok.toml", file])).unwrap_err();
            assert!(
                matches!(&error, SubDirError::Unsafe { spec, why: got, .. }
                    if spec == Path::new(file) && *got == why),
                "{file}: {error:?}"
            );
            assert!(error.to_string().starts_with(file), "{error}");
        }
        let error = sub_dir_names(&paths(&["Kustomization.yaml.toml"])).unwrap_err();
        assert!(matches!(error, SubDirError::Reserved { .. }), "{error}");
    }

    #[test]
    fn names_that_differ_only_in_case_share_a_sub_directory() {
        let error = sub_dir_names(&paths(&["a/Model.toml", "b/model.toml"])).unwrap_err();
        assert_eq!(
            error.to_string(),
            "a/Model.toml and b/model.toml would both be written to the sub-directory `model` \
             on a case-insensitive file system"
        );
        let error = sub_dir_names(&paths(&["a/model.toml", "b/model.toml"])).unwrap_err();
        assert_eq!(
            error.to_string(),
            "a/model.toml and b/model.toml would both be written to the sub-directory `model`"
        );
    }

    #[test]
    fn a_directory_without_specs_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let error = spec_paths(&[dir.path().to_path_buf()]).unwrap_err();
        assert!(matches!(error, PathsError::NoSpecs(_)), "{error}");
    }
}
