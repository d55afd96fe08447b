//! Rendering speed: one spec end to end, and a fleet of 1,000 distinct specs.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use p3gen::diagnostic::SourceFile;

/// `count` distinct specs derived from the built-in one: names and replica counts vary.
fn fleet(count: usize) -> Vec<SourceFile> {
    (0..count)
        .map(|i| {
            let text = p3gen::BUILTIN_SPEC
                .replace("qwen2-3b-pattern3", &format!("qwen2-3b-{i:05}"))
                .replace("replicas = 3", &format!("replicas = {}", 1 + i % 8));
            SourceFile::new(format!("spec-{i:05}.toml"), text)
        })
        .collect()
}

fn compile_all(specs: &[SourceFile]) -> usize {
    specs
        .iter()
        .map(|spec| match p3gen::compile(spec, spec.name()) {
            Ok(compiled) => compiled.yaml.len(),
            Err(_) => 0,
        })
        .sum()
}

fn benches(c: &mut Criterion) {
    let one = fleet(1);
    c.bench_function("compile/one spec", |b| b.iter(|| compile_all(&one)));

    let mut group = c.benchmark_group("compile/fleet");
    group.sample_size(10);
    let count = 1_000;
    let specs = fleet(count);
    group.throughput(Throughput::Elements(count as u64));
    group.bench_with_input(BenchmarkId::from_parameter(count), &specs, |b, specs| {
        b.iter(|| compile_all(specs))
    });
    group.finish();
}

criterion_group!(render, benches);
criterion_main!(render);
