//! A small timer for the `kader-bench` binary: the median of batches, each batch long enough to
//! make the clock's resolution irrelevant.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Timing of one operation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timing {
    /// Median nanoseconds per call over the batches.
    pub median_ns: f64,
    /// Fastest batch, nanoseconds per call.
    pub min_ns: f64,
    /// Slowest batch, nanoseconds per call.
    pub max_ns: f64,
    /// Total calls timed.
    pub calls: u64,
}

/// Median of a non-empty slice (sorts it).
pub fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Times `f` (one call = one operation): warms up, sizes batches to about `batch` of wall time,
/// then runs `samples` batches and reports per-call figures.
pub fn time<T>(samples: usize, batch: Duration, mut f: impl FnMut() -> T) -> Timing {
    // Warm up and size the batch.
    let mut per_batch: u64 = 1;
    loop {
        let t = Instant::now();
        for _ in 0..per_batch {
            black_box(f());
        }
        let el = t.elapsed();
        if el >= batch / 2 || per_batch >= 1 << 30 {
            let scale = batch.as_secs_f64() / el.as_secs_f64().max(1e-9);
            per_batch = ((per_batch as f64 * scale).round() as u64).max(1);
            break;
        }
        per_batch *= 4;
    }
    let mut per_call = Vec::with_capacity(samples);
    for _ in 0..samples.max(1) {
        let t = Instant::now();
        for _ in 0..per_batch {
            black_box(f());
        }
        per_call.push(t.elapsed().as_nanos() as f64 / per_batch as f64);
    }
    let min_ns = per_call.iter().copied().fold(f64::INFINITY, f64::min);
    let max_ns = per_call.iter().copied().fold(0.0, f64::max);
    Timing {
        median_ns: median(&mut per_call),
        min_ns,
        max_ns,
        calls: per_batch * samples.max(1) as u64,
    }
}

/// Times a slow operation by running it `runs` times, one sample per run (for whole portfolios).
pub fn time_runs<T>(runs: usize, mut f: impl FnMut() -> T) -> Timing {
    let mut v = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        black_box(f());
        v.push(t.elapsed().as_nanos() as f64);
    }
    let min_ns = v.iter().copied().fold(f64::INFINITY, f64::min);
    let max_ns = v.iter().copied().fold(0.0, f64::max);
    Timing {
        median_ns: median(&mut v),
        min_ns,
        max_ns,
        calls: runs.max(1) as u64,
    }
}
