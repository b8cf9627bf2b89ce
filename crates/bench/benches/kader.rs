//! Criterion benches: `cargo bench -p kader-bench` (add a filter such as `-- decide` to run a
//! group). The `kader-bench` binary prints the same figures faster, with the peer side by side.

#![allow(missing_docs)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use kader_bench::peer::Peer;
use kader_bench::{Fixture, load_and_compile, on};
use kader_core::Lang;
use std::hint::black_box;
use std::time::Duration;

fn fixture() -> Fixture {
    Fixture::load().expect("framework and examples load")
}

/// (a) one assessment per example: the `decide()` fast path, the full `assess()`, and the peer.
fn assessments(c: &mut Criterion) {
    let fx = fixture();
    let peer = Peer::new(fx.compiled.framework()).expect("peer loads");
    let on = on();
    let mut g = c.benchmark_group("decide");
    for ex in &fx.examples {
        g.bench_with_input(BenchmarkId::from_parameter(&ex.name), &ex.dense, |b, d| {
            b.iter(|| fx.compiled.decide(black_box(d), on));
        });
    }
    g.finish();
    let mut g = c.benchmark_group("assess");
    for ex in &fx.examples {
        g.bench_with_input(BenchmarkId::from_parameter(&ex.name), ex, |b, ex| {
            b.iter(|| {
                fx.compiled.assess(
                    &ex.file.intervention,
                    &ex.file.answers,
                    black_box(&ex.dense),
                    on,
                    Lang::Nl,
                )
            });
        });
    }
    g.finish();
    let mut g = c.benchmark_group("peer");
    for ex in &fx.examples {
        let input = peer.input(&ex.file.answers, on);
        g.bench_with_input(BenchmarkId::from_parameter(&ex.name), &input, |b, input| {
            b.iter(|| peer.evaluate(black_box(input.clone())).is_ok());
        });
    }
    g.finish();
}

/// (b) load + check + compile of the embedded framework.
fn load(c: &mut Criterion) {
    c.bench_function("load/get+compile", |b| b.iter(|| load_and_compile().is_ok()));
    let fx = fixture();
    c.bench_function("load/peer-jdm", |b| {
        b.iter(|| Peer::new(fx.compiled.framework()).is_ok())
    });
}

/// (c) portfolios of generated interventions to JSON and to HTML (assessing included).
fn portfolio(c: &mut Criterion) {
    let fx = fixture();
    let mut g = c.benchmark_group("portfolio");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    for size in [100usize, 1_000, 10_000] {
        let files = fx.generate_files(size, 0x0ddba11 + size as u64);
        g.throughput(Throughput::Elements(size as u64));
        g.bench_with_input(BenchmarkId::new("json", size), &files, |b, files| {
            b.iter(|| {
                let entries = fx.entries(files, Lang::Nl);
                serde_json::to_string_pretty(&fx.portfolio(&entries, Lang::Nl)).map(|s| s.len())
            });
        });
        g.bench_with_input(BenchmarkId::new("html", size), &files, |b, files| {
            b.iter(|| {
                let entries = fx.entries(files, Lang::Nl);
                fx.portfolio(&entries, Lang::Nl).html().len()
            });
        });
    }
    g.finish();
}

/// (d) answer parsing: intervention TOML text -> InterventionFile -> validate.
fn parsing(c: &mut Criterion) {
    let fx = fixture();
    let mut g = c.benchmark_group("parse");
    for ex in &fx.examples {
        g.bench_with_input(BenchmarkId::from_parameter(&ex.name), &ex.text, |b, text| {
            b.iter(|| {
                kader_data::intervention::parse(&ex.name, black_box(text))
                    .ok()
                    .map(|f| fx.compiled.validate(&f.answers).is_ok())
            });
        });
    }
    g.finish();
}

criterion_group!(benches, assessments, load, portfolio, parsing);
criterion_main!(benches);
