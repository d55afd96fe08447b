//! Rendering speed: one spec end to end (parse, lower, check, render, serialize), and a fleet of
//! 1,000 distinct specs made from `bench/fleet-template.toml` as `bench/gen-specs.sh` makes them, on
//! one thread and on every core.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use p3gen::diagnostic::SourceFile;
use rayon::prelude::*;

const TEMPLATE: &str = include_str!("../bench/fleet-template.toml");
const FLEET: usize = 1_000;

/// `count` distinct specs: names, namespaces (ten teams) and replica counts vary, as in
/// `bench/gen-specs.sh`.
fn fleet(count: usize) -> Vec<SourceFile> {
    (0..count)
        .map(|i| {
            let text = TEMPLATE
                .replace("@NAME@", &format!("model-{i:05}"))
                .replace("@NAMESPACE@", &format!("team-{:02}", i % 10))
                .replace("@REPLICAS@", &(1 + i % 8).to_string());
            SourceFile::new(format!("model-{i:05}.toml"), text)
        })
        .collect()
}

/// Compiles a spec into its YAML bundle; the length, so nothing is optimised away.
fn compile(spec: &SourceFile) -> usize {
    match p3gen::compile(spec, spec.name()) {
        Ok(compiled) => compiled.yaml.len(),
        Err(report) => panic!("{} does not compile: {report:?}", spec.name()),
    }
}

fn benches(c: &mut Criterion) {
    let builtin = SourceFile::new(p3gen::BUILTIN_SPEC_NAME, p3gen::BUILTIN_SPEC);
    c.bench_function("compile/one spec", |b| b.iter(|| compile(&builtin)));

    let mut group = c.benchmark_group("compile/fleet");
    group.sample_size(10);
    let specs = fleet(FLEET);
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
}

criterion_group!(render, benches);
criterion_main!(render);
