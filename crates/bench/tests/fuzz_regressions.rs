//! Replays the fuzz inputs that are committed, through the same checks as the fuzz targets
//! (`fuzz/src/lib.rs`), on stable Rust: every seed in `fuzz/corpus/<target>/seed-*` and every
//! crash reproducer in `fuzz/artifacts-found/<target>/`. A crash the fuzzer once found stays a
//! regression test here.
//!
//! Slow inputs (`slow-unit-*`, libFuzzer's name for an input that took more than 10 s under
//! instrumentation) are replayed with the crashes for correctness; `slow_units_are_fast` and
//! `loader_diagnostics_take_linear_time` also hold them to a time budget. Being timing checks, they are
//! `#[ignore]`d (CI machines are shared and noisy): run them with `--ignored` after a change to
//! `kader-data`'s diagnostics (see docs/performance.md, "Fuzzing").

#[allow(unreachable_pub, dead_code, missing_docs)]
#[path = "../../../fuzz/src/lib.rs"]
mod checks;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut out = Vec::new();
    for (dir, seeds_only) in [
        (root.join("corpus").join(target), true),
        (root.join("artifacts-found").join(target), false),
    ] {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.filter_map(Result::ok) {
            let p = e.path();
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let wanted = !seeds_only || name.starts_with("seed-");
            if p.is_file() && wanted && !name.ends_with(".md") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn replay(target: &str, check: fn(&[u8]), at_least: usize) {
    let files = inputs(target);
    assert!(
        files.len() >= at_least,
        "{target}: expected at least {at_least} inputs, found {}",
        files.len()
    );
    let mut failed = Vec::new();
    for f in &files {
        let data = std::fs::read(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            failed.push(f.display().to_string());
        }
    }
    assert!(failed.is_empty(), "{target}: these inputs crash: {failed:#?}");
}

#[test]
fn framework_loader() {
    replay("framework_loader", checks::framework_loader, 8);
}

#[test]
fn intervention_parser() {
    replay("intervention_parser", checks::intervention_parser, 28);
}

#[test]
fn answers_eval() {
    replay("answers_eval", checks::answers_eval, 28);
}

#[test]
fn expr_parse() {
    replay("expr_parse", checks::expr_parse, 20);
}

/// Time budget for one slow input: generous, so that it fails on quadratic behaviour only.
fn budget() -> Duration {
    if cfg!(debug_assertions) {
        Duration::from_secs(3)
    } else {
        Duration::from_millis(300)
    }
}

/// The inputs the fuzzer reported as slow: framework files with some 2,000 TOML syntax errors
/// took 0.4-1.1 s to reject in a release build (10-18 s under the fuzzer) while every diagnostic
/// re-parsed the whole file (fixed in `d829d5f`).
#[test]
#[ignore = "a timing check: run by hand with --ignored (CI machines are shared and noisy, so no timed assertion runs there)"]
fn slow_units_are_fast() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/artifacts-found/framework_loader");
    let mut slow = Vec::new();
    for e in std::fs::read_dir(&dir).into_iter().flatten().filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.starts_with("slow-unit-") {
            continue;
        }
        let data = std::fs::read(e.path()).unwrap_or_default();
        let t = Instant::now();
        checks::framework_loader(&data);
        let took = t.elapsed();
        if took > budget() {
            slow.push(format!("{name}: {took:?}"));
        }
    }
    assert!(slow.is_empty(), "over the budget of {:?}: {slow:#?}", budget());
}

/// The same, built on purpose: n lines with one syntax error each, and n items with one problem
/// each (structural, then found by the checker). While each problem re-parsed the file, the time
/// grew with n²: 8,000 syntax errors (95 kB) took 21 s, 4,000 structural problems (79 kB) 5.8 s,
/// 4,000 checker problems (175 kB) 39 s, in a release build.
#[test]
#[ignore = "a timing check: run by hand with --ignored (CI machines are shared and noisy, so no timed assertion runs there)"]
fn loader_diagnostics_take_linear_time() {
    use kader_data::{LoadError, SourceFile};
    let n = 4_000;
    let cases = [
        (
            "syntax errors",
            (0..n).map(|i| format!("k{i} = 1 x\n")).collect::<String>(),
            false,
        ),
        (
            "structural problems",
            (0..n).map(|i| format!("[[group]]\nid = {i}\n")).collect(),
            true,
        ),
        (
            "checker problems",
            (0..n)
                .map(|i| format!("[[group]]\nid = \"g{i}\"\nlabel = {{ nl = \"x\" }}\n"))
                .collect(),
            true,
        ),
    ];
    for (what, text, beside_real) in cases {
        let mut files = if beside_real {
            kader_data::embedded_files("kwaliteitskader", "2024.1").unwrap_or_default()
        } else {
            Vec::new()
        };
        files.push(SourceFile {
            path: "zz.toml".into(),
            name: "zz.toml".into(),
            text,
        });
        let t = Instant::now();
        let result = kader_data::load_files(files);
        let took = t.elapsed();
        let Err(LoadError::Invalid(diagnostics)) = result else {
            panic!("{what}: expected the load to fail");
        };
        assert!(diagnostics.len() >= n, "{what}: {} diagnostics", diagnostics.len());
        // Linear work on well under 200 kB takes milliseconds; allow 10x the single-input budget.
        assert!(took < budget() * 10, "{what}: {n} problems took {took:?}");
    }
}
