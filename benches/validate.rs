//! Validation speed: 6,000 rendered objects against Kubernetes' schemas and the upstream CRDs, with
//! the validators compiled once, on one thread and on every core. The CRDs are read from
//! `../shared/crds` (or a `shared/crds` further up); without them this benchmark is skipped. The
//! allocator is the binary's.

use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use p3gen::output::schema::{CrdSchemas, Validator, Validity};
use p3gen::target::KserveTarget;
use rayon::prelude::*;
use serde_json::Value;

mod support;
use support::fleet_spec;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const OBJECTS: usize = 6_000;

/// The upstream CRDs beside the crate, if they are there.
fn crd_dir() -> Option<PathBuf> {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .skip(1)
        .map(|dir| dir.join("shared/crds"))
        .find(|dir| dir.is_dir())
}

/// The first `count` objects of a generated fleet (as `bench/gen-specs.sh` makes it), as JSON,
/// and the KServe version the fleet targets.
fn objects(count: usize) -> (Vec<Value>, KserveTarget) {
    let mut objects = Vec::with_capacity(count);
    let mut kserve = KserveTarget::default();
    for i in 0.. {
        let spec = fleet_spec(i);
        let compiled = p3gen::compile(&spec, spec.name()).expect("the fleet template compiles");
        kserve = *compiled.pattern.kserve.get();
        for object in &compiled.objects {
            objects.push(serde_json::to_value(object).expect("JSON"));
            if objects.len() == count {
                return (objects, kserve);
            }
        }
    }
    (objects, kserve)
}

fn validate(validator: &Validator, object: &Value) -> usize {
    match validator.validate(object) {
        Validity::Valid => 1,
        other => panic!("{object}: {other:?}"),
    }
}

fn benches(c: &mut Criterion) {
    let Some(dir) = crd_dir() else {
        eprintln!("validate: skipped, no shared/crds directory beside the crate");
        return;
    };
    let (objects, kserve) = objects(OBJECTS);
    let profile = kserve.profile();
    let schemas = CrdSchemas::load_dir_filtered(&dir, |name| profile.uses_crd_file(name))
        .expect("the CRDs load");
    let validator = Validator::new(&schemas).expect("the schemas compile");

    let mut group = c.benchmark_group("validate");
    group.sample_size(10);
    group.throughput(Throughput::Elements(OBJECTS as u64));
    group.bench_with_input(
        BenchmarkId::new("1 thread", OBJECTS),
        &objects,
        |b, objects| {
            b.iter(|| {
                objects
                    .iter()
                    .map(|o| validate(&validator, o))
                    .sum::<usize>()
            })
        },
    );
    let cores = p3gen::fleet::default_jobs();
    group.bench_with_input(
        BenchmarkId::new(format!("{cores} threads"), OBJECTS),
        &objects,
        |b, objects| {
            b.iter(|| {
                p3gen::fleet::on_threads(cores, || {
                    objects
                        .par_iter()
                        .map(|o| validate(&validator, o))
                        .sum::<usize>()
                })
            })
        },
    );
    group.finish();
}

criterion_group!(validation, benches);
criterion_main!(validation);
