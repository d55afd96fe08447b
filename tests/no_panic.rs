//! No input makes p3gen panic. Every command that reads a spec or manifests (`render`, `validate`,
//! `plan`, `explain-routing`, `diff`, `lint`) runs in-process over a fixed-seed corpus of mutants of
//! the repository's own specs and manifests (and the shared reference manifests when present). Each
//! case must end with exit code 0, 1 or 2, and an exit code 2 must say why on stderr.
//!
//! A case is built from its index alone, so a failure names the index and the test reruns just that
//! case with `P3GEN_NO_PANIC_CASE=INDEX cargo test --test no_panic -- --nocapture`; the failing
//! input is also written to a file named in the message. `P3GEN_NO_PANIC_SEED=N` and
//! `P3GEN_NO_PANIC_CASES=N` (per kind) explore beyond the corpus CI runs.

mod common;
#[path = "no_panic/mutate.rs"]
mod mutate;

use std::cell::RefCell;
use std::ffi::OsString;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use clap::Parser;
// fastrand: a small seedable generator whose sequence is fixed for a seed (already in the tree via tempfile).
use fastrand::Rng;
use p3gen::cli::{Cli, Outcome, Terminal};
use p3gen::diagnostic::RenderStyle;

use mutate::Kind;

/// The seed of the corpus CI runs.
const SEED: u64 = 0x7033_6765_6e5f_6675;
/// Mutated specs, and mutated manifest files, per run.
const CASES_PER_KIND: usize = 5_000;
/// One `render` case in this many writes into an output directory instead of stdout.
const OUT_DIR_EVERY: usize = 10;

/// The files mutants are made from, by kind.
struct Corpus {
    specs: Vec<PathBuf>,
    spec_bytes: Vec<Vec<u8>>,
    manifests: Vec<PathBuf>,
    manifest_bytes: Vec<Vec<u8>>,
}

impl Corpus {
    /// The specs of `patterns/`, `examples/` and `tests/fixtures/`, and the manifests of `golden/`,
    /// `examples/`, `tests/fixtures/` and the shared reference (when present), each in name order.
    fn load() -> Self {
        let root = common::root();
        let spec_dirs = vec![
            root.join("patterns"),
            root.join("examples"),
            root.join("tests/fixtures"),
        ];
        let mut manifest_dirs = vec![
            root.join("golden"),
            root.join("examples"),
            root.join("tests/fixtures"),
        ];
        if let Some(shared) = common::find_shared_dir() {
            manifest_dirs.push(shared.join("reference/pattern3-istio-kserve"));
        }
        let (specs, spec_bytes) = files(&spec_dirs, &["toml"]);
        let (manifests, manifest_bytes) = files(&manifest_dirs, &["yaml", "yml"]);
        let corpus = Corpus {
            specs,
            spec_bytes,
            manifests,
            manifest_bytes,
        };
        assert!(corpus.specs.len() >= 6 && corpus.manifests.len() >= 6);
        corpus
    }

    /// The files of `kind` and their bytes.
    fn seeds(&self, kind: Kind) -> (&[PathBuf], &[Vec<u8>]) {
        match kind {
            Kind::Spec => (&self.specs, &self.spec_bytes),
            Kind::Manifest => (&self.manifests, &self.manifest_bytes),
        }
    }
}

/// The files below `dirs` with one of `extensions`, in path order, and their bytes.
fn files(dirs: &[PathBuf], extensions: &[&str]) -> (Vec<PathBuf>, Vec<Vec<u8>>) {
    let found: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|dir| walkdir::WalkDir::new(dir).sort_by_file_name())
        .map(|entry| entry.expect("a readable corpus").into_path())
        .filter(|path| {
            path.is_file()
                && path
                    .extension()
                    .is_some_and(|ext| extensions.iter().any(|e| ext == *e))
        })
        .collect();
    let bytes = found
        .iter()
        .map(|path| std::fs::read(path).expect("a readable corpus file"))
        .collect();
    (found, bytes)
}

/// One mutant and the command lines to run on it.
struct Case {
    index: usize,
    kind: Kind,
    seed_file: PathBuf,
    mutations: Vec<&'static str>,
    bytes: Vec<u8>,
    /// The arguments after `p3gen`; [`INPUT`] stands for the mutant's path, [`OUT_DIR`] for a
    /// fresh output directory.
    commands: Vec<Vec<String>>,
    /// Whether the mutant is also validated, together with other cases' mutants (see
    /// [`VALIDATE_BATCH`]).
    validate: bool,
}

/// Stands for the mutant's path in a command line.
const INPUT: &str = "{input}";
/// Stands for a directory that does not exist yet.
const OUT_DIR: &str = "{out-dir}";

/// How many mutants one `p3gen validate` reads: building the schema validator costs as much as
/// checking dozens of files, so files are validated in batches, and a batch that fails again file
/// by file to name the case.
const VALIDATE_BATCH: usize = 40;

impl Case {
    /// Case `index` of the run with `seed`: indexes below `spec_cases` are specs, the rest
    /// manifests.
    /// Each case runs one of the commands in turn (by index), so that every command sees a fifth
    /// of the specs or a quarter of the manifests (`lint` three quarters) and the run stays within
    /// a minute.
    fn new(corpus: &Corpus, seed: u64, spec_cases: usize, index: usize) -> Self {
        let mut rng = Rng::with_seed(seed ^ (index as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let kind = if index < spec_cases {
            Kind::Spec
        } else {
            Kind::Manifest
        };
        let (files, donors) = corpus.seeds(kind);
        // Half the specs come from the first files (the patterns, valid and complete), so that
        // most reach the stages after the parser. Manifests are read alike whatever they hold.
        let pick = if kind == Kind::Spec && rng.bool() {
            rng.usize(0..files.len().min(6))
        } else {
            rng.usize(0..files.len())
        };
        let seed_file = &files[pick];
        let (bytes, mutations) = mutate::mutate(&donors[pick], kind, donors, &mut rng);
        let (commands, validate) = match kind {
            Kind::Spec => spec_commands(index, &mut rng),
            Kind::Manifest => manifest_commands(index, seed_file, &mut rng),
        };
        Case {
            index,
            kind,
            seed_file: seed_file.clone(),
            mutations,
            bytes,
            commands,
            validate,
        }
    }

    fn extension(&self) -> &'static str {
        match self.kind {
            Kind::Spec => "toml",
            Kind::Manifest => "yaml",
        }
    }
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|arg| (*arg).to_owned()).collect()
}

/// One command that reads a spec, by index (`validate` is batched), some with options that take
/// other paths through the code.
fn spec_commands(index: usize, rng: &mut Rng) -> (Vec<Vec<String>>, bool) {
    let command = match index % 5 {
        0 => {
            let mut render = args(&["render", INPUT]);
            match rng.usize(0..4) {
                0 => render.extend(args(&["--deny", "warnings"])),
                1 => render.extend(args(&["--target", "kserve=0.20,istio=1.28"])),
                2 => render.extend(args(&["--target", "kserve=odh-0.15"])),
                _ => {}
            }
            if index.is_multiple_of(5 * OUT_DIR_EVERY) {
                render.extend(args(&["--out-dir", OUT_DIR]));
            }
            render
        }
        1 => {
            let mut plan = args(&["plan", INPUT]);
            if rng.bool() {
                plan.extend(args(&["--format", "json"]));
            }
            plan
        }
        2 => args(&["explain-routing", INPUT]),
        3 => return (Vec::new(), true),
        // The mutant first: a spec that does not compile stops `diff` before the other side is
        // read.
        _ => args(&["diff", INPUT, &common::repo("golden/pattern3.yaml")]),
    };
    (vec![command], false)
}

/// One command that reads manifests, by index: `lint` (half the cases), `lint` and `validate`
/// (batched), or `diff` of the mutant with the file it was made from (the mutant first, so that a
/// file that cannot be read stops `diff` before the other is read).
fn manifest_commands(index: usize, seed_file: &Path, rng: &mut Rng) -> (Vec<Vec<String>>, bool) {
    let mut lint = args(&["lint", INPUT]);
    match rng.usize(0..4) {
        0 => lint.extend(args(&["--format", "json"])),
        1 => lint.extend(args(&[
            "--deny", "warnings", "--kserve", "0.20", "--istio", "1.28",
        ])),
        _ => {}
    }
    match index % 4 {
        0 | 2 => (vec![lint], false),
        1 => (vec![lint], true),
        _ => (
            vec![args(&["diff", INPUT, &seed_file.display().to_string()])],
            false,
        ),
    }
}

/// What went wrong with one command of a case.
struct Failure {
    index: usize,
    command: String,
    what: String,
}

/// How many commands ended with exit code 0, 1 and 2: the corpus must reach past the parsers.
static EXIT_CODES: [AtomicUsize; 3] = [const { AtomicUsize::new(0) }; 3];

thread_local! {
    /// The message of the last panic on this thread, location included.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Replaces the panic hook by one that only records the message, and restores the previous hook
/// when dropped.
struct QuietPanics {
    previous: Option<PanicHook>,
}

/// What [`panic::take_hook`] returns.
type PanicHook = Box<dyn Fn(&panic::PanicHookInfo<'_>) + Sync + Send + 'static>;

impl QuietPanics {
    fn install() -> Self {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(|info| {
            LAST_PANIC.with(|last| *last.borrow_mut() = Some(info.to_string()));
        }));
        QuietPanics {
            previous: Some(previous),
        }
    }
}

impl Drop for QuietPanics {
    fn drop(&mut self) {
        if let Some(previous) = self.previous.take() {
            panic::set_hook(previous);
        }
    }
}

/// Runs `p3gen ARGS…` in-process with plain output; a panic becomes its message.
fn run_cli(arguments: &[OsString]) -> Result<Outcome, String> {
    let cli = Cli::try_parse_from(
        std::iter::once(OsString::from("p3gen")).chain(arguments.iter().cloned()),
    )
    .unwrap_or_else(|error| panic!("the test's command line is wrong: {error}"));
    caught(|| {
        p3gen::cli::run(
            cli,
            Terminal {
                stdout_style: RenderStyle::Plain,
                stderr_style: RenderStyle::Plain,
            },
            &p3gen::fleet::no_progress,
        )
    })
}

/// What `run` returns, or the message of its panic (with its location while [`QuietPanics`] is
/// installed).
fn caught(run: impl FnOnce() -> Outcome) -> Result<Outcome, String> {
    LAST_PANIC.with(|last| last.borrow_mut().take());
    panic::catch_unwind(AssertUnwindSafe(run)).map_err(|payload| {
        LAST_PANIC
            .with(|last| last.borrow_mut().take())
            .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_owned())
    })
}

/// What is wrong with the way a command ended, if anything: a panic, an exit code other than 0, 1
/// or 2, or an exit code 2 that does not say why.
fn misbehaviour(result: &Result<Outcome, String>) -> Option<String> {
    match result {
        Err(message) => Some(format!("panicked: {message}")),
        Ok(outcome) if !(0..=2).contains(&outcome.code) => {
            Some(format!("exit code {} (expected 0, 1 or 2)", outcome.code))
        }
        Ok(outcome) if outcome.code == 2 && outcome.stderr.trim().is_empty() => {
            Some("exit code 2 with nothing on stderr".to_owned())
        }
        Ok(outcome) => {
            EXIT_CODES[outcome.code as usize].fetch_add(1, Ordering::Relaxed);
            None
        }
    }
}

/// `arguments` with the placeholders replaced.
fn command_line(command: &[String], input: &Path, out_dir: &Path) -> Vec<OsString> {
    command
        .iter()
        .map(|arg| match arg.as_str() {
            INPUT => input.as_os_str().to_owned(),
            OUT_DIR => out_dir.as_os_str().to_owned(),
            other => OsString::from(other),
        })
        .collect()
}

fn failure(index: usize, command: &[String], what: String) -> Failure {
    Failure {
        index,
        command: command.join(" "),
        what,
    }
}

/// Where a case's mutant is written in `work`.
fn input_path(case: &Case, work: &Path) -> PathBuf {
    work.join(format!("case-{}.{}", case.index, case.extension()))
}

/// Runs the commands of `case` with its mutant written into `work`; the failures found, and
/// whether the mutant (still in `work`) waits to be validated.
fn run_case(case: &Case, work: &Path) -> (Vec<Failure>, bool) {
    let input = input_path(case, work);
    std::fs::write(&input, &case.bytes).expect("write the mutant");
    let out_dir = work.join(format!("out-{}", case.index));
    let mut failures = Vec::new();
    let mut readable = true;
    for command in &case.commands {
        let result = run_cli(&command_line(command, &input, &out_dir));
        if let Some(what) = misbehaviour(&result) {
            failures.push(failure(case.index, command, what));
        }
        // A manifest file that cannot be read would stop a whole batch from being validated.
        readable &= result.is_ok_and(|outcome| outcome.code != 2);
    }
    if out_dir.exists() {
        std::fs::remove_dir_all(&out_dir).expect("remove the output directory");
    }
    let batched = case.validate && (readable || case.kind == Kind::Spec);
    if case.validate && !batched {
        // Cheap on its own: no schema is compiled for a file that cannot be read.
        let command = args(&["validate", "-j", "1", INPUT]);
        if let Some(what) = misbehaviour(&run_cli(&command_line(&command, &input, &out_dir))) {
            failures.push(failure(case.index, &command, what));
        }
    }
    if !batched {
        std::fs::remove_file(&input).expect("remove the mutant");
    }
    (failures, batched)
}

/// Validates the mutants of `cases` (written in `work`) with one command, or when that fails,
/// one by one; the failures found. Removes the mutants.
fn validate_batch(cases: &[Case], work: &Path) -> Vec<Failure> {
    if cases.is_empty() {
        return Vec::new();
    }
    let inputs: Vec<PathBuf> = cases.iter().map(|case| input_path(case, work)).collect();
    let mut arguments = vec![OsString::from("validate"), "-j".into(), "1".into()];
    arguments.extend(inputs.iter().map(|input| input.as_os_str().to_owned()));
    let mut failures = Vec::new();
    if misbehaviour(&run_cli(&arguments)).is_some() {
        let command = args(&["validate", "-j", "1", INPUT]);
        for (case, input) in cases.iter().zip(&inputs) {
            if let Some(what) = misbehaviour(&run_cli(&command_line(&command, input, work))) {
                failures.push(failure(case.index, &command, what));
            }
        }
    }
    for input in inputs {
        std::fs::remove_file(input).expect("remove the mutant");
    }
    failures
}

/// A number from the environment, decimal or `0x` hexadecimal.
fn env_number(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    let parsed = match value.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => value.parse(),
    };
    Some(parsed.unwrap_or_else(|_| panic!("{name}={value} is not a number")))
}

/// Writes the input of a case where the user can find it; its path, or why it could not be written.
fn write_input(case: &Case, seed: u64) -> String {
    let file = std::env::temp_dir().join(format!(
        "p3gen-no-panic-{seed:x}-{}.{}",
        case.index,
        case.extension()
    ));
    match std::fs::write(&file, &case.bytes) {
        Ok(()) => file.display().to_string(),
        Err(error) => format!("(cannot write {}: {error})", file.display()),
    }
}

/// Writes the input of a failed case where the user can find it, and says how to run it.
fn reproducer(case: &Case, failure: &Failure, seed: u64, per_kind: usize) -> String {
    let written = write_input(case, seed);
    let command = failure
        .command
        .replace(INPUT, &written)
        .replace(OUT_DIR, "OUT");
    format!(
        "case {} (seed {seed:#x}; {} mutated by {}): `p3gen {command}` {}\n  \
         input: {written}\n  rerun: P3GEN_NO_PANIC_SEED={seed:#x} P3GEN_NO_PANIC_CASES={per_kind} \
         P3GEN_NO_PANIC_CASE={} cargo test --test no_panic -- --nocapture",
        case.index,
        case.seed_file.display(),
        case.mutations.join(", "),
        failure.what,
        case.index,
    )
}

#[test]
fn no_input_makes_any_command_panic() {
    let corpus = Corpus::load();
    let seed = env_number("P3GEN_NO_PANIC_SEED").unwrap_or(SEED);
    let per_kind = env_number("P3GEN_NO_PANIC_CASES").map_or(CASES_PER_KIND, |n| n as usize);
    let (spec_cases, total) = (per_kind, 2 * per_kind);
    let indexes: Vec<usize> = match env_number("P3GEN_NO_PANIC_CASE") {
        Some(index) => vec![index as usize],
        None => (0..total).collect(),
    };

    if let [index] = indexes[..] {
        let case = Case::new(&corpus, seed, spec_cases, index);
        println!(
            "case {index}: {} mutated by {}, written to {}; commands: {}{}",
            case.seed_file.display(),
            case.mutations.join(", "),
            write_input(&case, seed),
            case.commands
                .iter()
                .map(|command| format!("`p3gen {}` ", command.join(" ")))
                .collect::<String>(),
            if case.validate {
                "and `p3gen validate -j 1 {input}`"
            } else {
                ""
            },
        );
    }
    let started = Instant::now();
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let slowest = Mutex::new(Vec::<(Duration, usize)>::new());
    let quiet = QuietPanics::install();
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            std::thread::Builder::new()
                // The stack of a main thread, where p3gen runs.
                .stack_size(8 << 20)
                .spawn_scoped(scope, || {
                    let work = tempfile::tempdir().expect("a work directory");
                    let mut pending: Vec<Case> = Vec::new();
                    let mut found = Vec::new();
                    loop {
                        let at = next.fetch_add(1, Ordering::Relaxed);
                        let Some(&index) = indexes.get(at) else { break };
                        let case_started = Instant::now();
                        let case = Case::new(&corpus, seed, spec_cases, index);
                        let (failures, batched) = run_case(&case, work.path());
                        found.extend(failures);
                        if batched {
                            pending.push(case);
                        }
                        if pending.len() >= VALIDATE_BATCH {
                            found.extend(validate_batch(&pending, work.path()));
                            pending.clear();
                        }
                        let took = case_started.elapsed();
                        let mut slow = slowest.lock().unwrap();
                        slow.push((took, index));
                        slow.sort_by(|a, b| b.cmp(a));
                        slow.truncate(5);
                    }
                    found.extend(validate_batch(&pending, work.path()));
                    let texts: Vec<(Failure, String)> = found
                        .into_iter()
                        .map(|failure| {
                            let case = Case::new(&corpus, seed, spec_cases, failure.index);
                            let text = reproducer(&case, &failure, seed, per_kind);
                            (failure, text)
                        })
                        .collect();
                    failures.lock().unwrap().extend(texts);
                })
                .expect("a worker thread");
        }
    });
    drop(quiet);

    let mut failures = failures.into_inner().unwrap();
    failures.sort_by_key(|(failure, _)| failure.index);
    let [ok, findings, errors] = EXIT_CODES.each_ref().map(|n| n.load(Ordering::Relaxed));
    println!(
        "{} cases ({} specs, {} manifests) in {:.1} s on {workers} threads, commands ending with \
         exit code 0: {ok}, 1: {findings}, 2: {errors}; slowest: {}",
        indexes.len(),
        indexes.iter().filter(|i| **i < spec_cases).count(),
        indexes.iter().filter(|i| **i >= spec_cases).count(),
        started.elapsed().as_secs_f64(),
        slowest
            .into_inner()
            .unwrap()
            .iter()
            .map(|(took, index)| format!("case {index} {:.2} s", took.as_secs_f64()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    // One reproducer per distinct failure (the first line of its message: the panic's location),
    // with how many commands failed alike.
    let mut distinct: Vec<(&str, usize, &str)> = Vec::new();
    for (failure, text) in &failures {
        let first_line = failure.what.lines().next().unwrap_or_default();
        match distinct.iter_mut().find(|(line, _, _)| *line == first_line) {
            Some((_, count, _)) => *count += 1,
            None => distinct.push((first_line, 1, text)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} commands failed, {} distinct failures:\n{}",
        failures.len(),
        distinct.len(),
        distinct
            .iter()
            .map(|(_, count, text)| format!("[{count}×] {text}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn panics_odd_exit_codes_and_silent_errors_are_failures() {
    let panicked = caught(|| panic!("boom {}", 42));
    assert!(
        misbehaviour(&panicked).is_some_and(|what| what.contains("boom 42")),
        "{panicked:?}"
    );
    let exit = |code: i32, stderr: &str| Outcome {
        stdout: String::new(),
        stderr: stderr.to_owned(),
        code,
    };
    assert!(misbehaviour(&Ok(exit(101, "error"))).is_some());
    assert!(misbehaviour(&Ok(exit(2, " \n"))).is_some());
    assert!(misbehaviour(&Ok(exit(2, "error: bad input\n"))).is_none());
    assert!(misbehaviour(&Ok(exit(1, ""))).is_none());
}
