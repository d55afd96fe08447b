//! Rendering speed: one spec end to end (parse, lower, check, render, serialize), each stage of that
//! on its own (where the time goes), and a fleet of 1,000 distinct specs made from
//! `bench/fleet-template.toml` as `bench/gen-specs.sh` makes them, on one thread and on every core;
//! and 1,000 copies of the reference spec (patterns/pattern3.toml, a warning for each of its known
//! defects) with their warnings formatted as `render` writes them (`human`, `--message-format
//! short`) or not at all, so the share of formatting shows. The allocator is the binary's.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use p3gen::diagnostic::{MessageFormat, RenderStyle, SourceFile};
use rayon::prelude::*;

mod support;
use support::fleet_spec;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const FLEET: usize = 1_000;

/// Compiles a spec into its YAML bundle; the length, so nothing is optimised away.
fn compile(spec: &SourceFile) -> usize {
    match p3gen::compile(spec, spec.name()) {
        Ok(compiled) => compiled.yaml().len(),
        Err(report) => panic!("{} does not compile: {report:?}", spec.name()),
    }
}

fn benches(c: &mut Criterion) {
    let builtin = SourceFile::new(p3gen::BUILTIN_SPEC_NAME, p3gen::BUILTIN_SPEC);
    c.bench_function("compile/one spec", |b| b.iter(|| compile(&builtin)));

    stages(c, &fleet_spec(0));

    let mut group = c.benchmark_group("compile/fleet");
    group.sample_size(10);
    let specs: Vec<SourceFile> = (0..FLEET).map(fleet_spec).collect();
    group.throughput(Throughput::Elements(FLEET as u64));
    group.bench_with_input(BenchmarkId::new("1 thread", FLEET), &specs, |b, specs| {
        b.iter(|| specs.iter().map(compile).sum::<usize>())
    });
    let cores = p3gen::fleet::default_jobs();
    let all_cores = format!("{cores} threads");
    group.bench_with_input(BenchmarkId::new(all_cores, FLEET), &specs, |b, specs| {
        b.iter(|| p3gen::fleet::on_threads(cores, || specs.par_iter().map(compile).sum::<usize>()))
    });
    group.finish();

    warnings(c);
}

/// 1,000 renamed copies of the reference spec compiled on every core, their warnings not
/// formatted, formatted one line each, and drawn with their source lines.
fn warnings(c: &mut Criterion) {
    let specs: Vec<SourceFile> = (0..FLEET)
        .map(|i| {
            let name = format!("reference-{i:05}");
            SourceFile::new(
                format!("{name}.toml"),
                p3gen::BUILTIN_SPEC.replace("qwen2-3b-pattern3", &name),
            )
        })
        .collect();
    let cores = p3gen::fleet::default_jobs();
    let render = |format: Option<MessageFormat>| {
        p3gen::fleet::on_threads(cores, || {
            specs
                .par_iter()
                .map(|spec| match p3gen::compile(spec, spec.name()) {
                    Ok(compiled) => {
                        let warnings = format.map_or(0, |format| {
                            compiled.warnings.format(format, RenderStyle::Plain).len()
                        });
                        compiled.yaml().len() + warnings
                    }
                    Err(report) => panic!("{} does not compile: {report:?}", spec.name()),
                })
                .sum::<usize>()
        })
    };
    let mut group = c.benchmark_group("compile/reference fleet warnings");
    group.sample_size(10);
    group.throughput(Throughput::Elements(FLEET as u64));
    group.bench_function("not formatted", |b| b.iter(|| render(None)));
    group.bench_function("short", |b| b.iter(|| render(Some(MessageFormat::Short))));
    group.bench_function("human", |b| b.iter(|| render(Some(MessageFormat::Human))));
    group.finish();
}

/// Each stage of compiling one fleet spec, in the order `p3gen::compile` runs them, each on the
/// output of the stages before it.
fn stages(c: &mut Criterion, source: &SourceFile) {
    let spec = p3gen::spec::parse(source).expect("the fleet template parses");
    let pattern = p3gen::model::lower(&spec).expect("the fleet template lowers");
    let mut objects = p3gen::render::render(&pattern);
    p3gen::output::sort(&mut objects);
    let values: Vec<serde_json::Value> = objects
        .iter()
        .map(|object| serde_json::to_value(object).expect("JSON"))
        .collect();

    let mut group = c.benchmark_group("compile/stage");
    group.bench_function("1 parse TOML", |b| {
        b.iter(|| p3gen::spec::parse(source).is_ok())
    });
    group.bench_function("2 lower", |b| b.iter(|| p3gen::model::lower(&spec).is_ok()));
    group.bench_function("3 check the spec", |b| {
        b.iter(|| p3gen::validate::check(&pattern).len())
    });
    group.bench_function("4 render and sort", |b| {
        b.iter(|| {
            let mut objects = p3gen::render::render(&pattern);
            p3gen::output::sort(&mut objects);
            objects.len()
        })
    });
    group.bench_function("5 JSON form", |b| {
        b.iter(|| {
            objects
                .iter()
                .filter(|object| serde_json::to_value(object).is_ok())
                .count()
        })
    });
    group.bench_function("6 check the objects", |b| {
        b.iter(|| p3gen::validate::check_rendered(&pattern, &objects, &values).len())
    });
    group.bench_function("7 write YAML", |b| {
        b.iter(|| p3gen::output::to_yaml_documents(&objects).map(|d| d.len()))
    });
    group.bench_function("8 read back", |b| {
        b.iter(|| p3gen::output::self_check(&objects, &values).is_ok())
    });
    group.finish();
}

criterion_group!(render, benches);
criterion_main!(render);
