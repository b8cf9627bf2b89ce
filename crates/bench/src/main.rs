//! `kader-bench`: times kader and the peer engine side by side and prints the figures.
//!
//! ```sh
//! cargo run --release -p kader-bench -- --quick   # under a minute; last line is one JSON object
//! cargo run --release -p kader-bench              # more samples, portfolio scaling 100..10,000
//! ```
//!
//! The last line of the output is always one JSON object:
//! `{"kader_ns": …, "peer": "zen-engine", "peer_ns": …, "load_us": …, …}` with the median
//! nanoseconds per assessment of each engine (kader: `decide()` on validated answers; the peer:
//! one evaluation of the JDM graph on a prepared input), and load + check + compile of the
//! embedded framework in microseconds.

use kader_bench::generate::Rng;
use kader_bench::peer::{self, Peer};
use kader_bench::timing::{Timing, median, time, time_runs};
use kader_bench::{Fixture, load_and_compile, on};
use kader_core::Lang;
use kader_rules::Evaluation;
use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

struct Settings {
    samples: usize,
    batch: Duration,
    load_runs: usize,
    generated: usize,
    portfolio_sizes: Vec<usize>,
    portfolio_runs: usize,
}

fn fmt_ns(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.2} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

fn row(label: &str, t: &Timing) {
    println!(
        "  {label:<46} {:>10}   (min {}, max {}, {} calls)",
        fmt_ns(t.median_ns),
        fmt_ns(t.min_ns),
        fmt_ns(t.max_ns),
        t.calls
    );
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kader-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    if let Some(bad) = args.iter().find(|a| *a != "--quick") {
        return Err(format!("unknown argument `{bad}`; usage: kader-bench [--quick]").into());
    }
    let s = if quick {
        Settings {
            samples: 15,
            batch: Duration::from_millis(20),
            load_runs: 25,
            generated: 1_000,
            portfolio_sizes: vec![10_000],
            portfolio_runs: 1,
        }
    } else {
        Settings {
            samples: 51,
            batch: Duration::from_millis(50),
            load_runs: 201,
            generated: 10_000,
            portfolio_sizes: vec![100, 1_000, 10_000],
            portfolio_runs: 5,
        }
    };
    let started = Instant::now();
    let on = on();
    println!(
        "kader-bench{} · kwaliteitskader@2024.1 · assessed on {on}",
        if quick { " --quick" } else { "" }
    );

    // Load + check + compile.
    let load = time_runs(s.load_runs, || {
        load_and_compile().map(|c| c.question_count()).unwrap_or(0)
    });
    println!("\nLoad + check + compile of the embedded framework");
    row("kader_data::get + compile", &load);

    let fx = Fixture::load()?;
    let fw = fx.compiled.framework();
    let peer_load = time_runs(if quick { 5 } else { 25 }, || Peer::new(fw).map(|_| ()).is_ok());
    row("peer: parse + validate + compile JDM", &peer_load);
    let peer = Peer::new(fw)?;

    // Agreement first: no figure for a peer that decides differently.
    let mut ev = Evaluation::default();
    let g = fx.generator();
    let mut rng = Rng::new(0x5eed);
    let generated: Vec<_> = (0..s.generated).map(|_| g.mixed(&mut rng)).collect();
    let mut checked = 0;
    for answers in fx.examples.iter().map(|e| &e.file.answers).chain(&generated) {
        let dense = fx
            .compiled
            .validate(answers)
            .map_err(|e| format!("generated answers invalid: {e:?}"))?;
        let ours = fx.kader_decision(&dense, on, &mut ev);
        let theirs = peer.decide_answers(answers, on)?;
        if ours != theirs {
            return Err(format!("kader and the peer disagree: {ours:?} vs {theirs:?} for {answers:?}").into());
        }
        checked += 1;
    }
    println!(
        "\nAgreement: kader and {} agree on {checked} answer sets (verdict, action, adjustment reasons)",
        peer::NAME
    );

    // One assessment per example.
    println!("\nOne assessment per example (median per call)");
    println!(
        "  {:<46} {:>10} {:>10} {:>10} {:>8}",
        "example", "decide", "assess", "peer", "peer/kd"
    );
    let (mut kd, mut ka, mut pz, mut parse) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for ex in &fx.examples {
        let d = time(s.samples, s.batch, || fx.compiled.decide(&ex.dense, on));
        let a = time(s.samples, s.batch, || {
            fx.compiled
                .assess(&ex.file.intervention, &ex.file.answers, &ex.dense, on, Lang::Nl)
        });
        let input = peer.input(&ex.file.answers, on);
        let p = time(s.samples, s.batch, || peer.evaluate(input.clone()).is_ok());
        let pr = time(s.samples, s.batch, || {
            kader_data::intervention::parse(&ex.name, &ex.text)
                .ok()
                .map(|f| fx.compiled.validate(&f.answers).is_ok())
        });
        println!(
            "  {:<46} {:>10} {:>10} {:>10} {:>7.0}x",
            ex.name,
            fmt_ns(d.median_ns),
            fmt_ns(a.median_ns),
            fmt_ns(p.median_ns),
            p.median_ns / d.median_ns
        );
        kd.push(d.median_ns);
        ka.push(a.median_ns);
        pz.push(p.median_ns);
        parse.push(pr.median_ns);
    }
    let kader_ns = median(&mut kd);
    let assess_ns = median(&mut ka);
    let peer_ns = median(&mut pz);
    let parse_min = parse.iter().copied().fold(f64::INFINITY, f64::min);
    let parse_max = parse.iter().copied().fold(0.0, f64::max);
    let parse_ns = median(&mut parse);
    println!(
        "  {:<46} {:>10} {:>10} {:>10} {:>7.0}x",
        "median over the examples",
        fmt_ns(kader_ns),
        fmt_ns(assess_ns),
        fmt_ns(peer_ns),
        peer_ns / kader_ns
    );

    // A stream of generated answer sets (partial ones included).
    println!(
        "\n{} generated answer sets, one pass (median per assessment)",
        generated.len()
    );
    let dense: Vec<_> = generated.iter().filter_map(|a| fx.compiled.validate(a).ok()).collect();
    if dense.len() != generated.len() {
        return Err("a generated answer set does not validate".into());
    }
    let info = kader_core::InterventionInfo {
        name: "Gegenereerd".into(),
        provider: None,
        description: None,
    };
    let inputs: Vec<_> = generated.iter().map(|a| peer.input(a, on)).collect();
    let n = dense.len() as f64;
    let gd = time_runs(s.samples, || {
        dense.iter().map(|d| fx.compiled.decide(d, on).verdict).sum::<usize>()
    });
    let ge = time_runs(s.samples, || {
        let mut ev = Evaluation::default();
        dense
            .iter()
            .map(|d| {
                fx.compiled.evaluate_into(d, on, &mut ev);
                ev.verdict
            })
            .sum::<usize>()
    });
    let gp = time_runs(s.samples.min(9), || {
        inputs.iter().filter(|i| peer.evaluate((*i).clone()).is_ok()).count()
    });
    let per = |t: &Timing, n: f64| Timing {
        median_ns: t.median_ns / n,
        min_ns: t.min_ns / n,
        max_ns: t.max_ns / n,
        calls: t.calls * n as u64,
    };
    row("kader decide()", &per(&gd, n));
    row("kader evaluate_into() (+ criteria, adjustments)", &per(&ge, n));
    row(&format!("peer {}", peer::NAME), &per(&gp, inputs.len() as f64));
    let floor = Peer::from_jdm(fw, peer::FLOOR_JDM)?;
    let gf = time_runs(s.samples.min(9), || {
        inputs.iter().filter(|i| floor.evaluate((*i).clone()).is_ok()).count()
    });
    row("peer floor: one-row table, same input", &per(&gf, inputs.len() as f64));
    let (complete, partial): (Vec<usize>, Vec<usize>) =
        (0..generated.len()).partition(|&i| generated[i].len() == fx.compiled.question_count());
    for (label, idx) in [
        ("kader assess() on the complete sets", &complete),
        ("kader assess() on the partial sets", &partial),
    ] {
        let t = time_runs(s.samples.min(9), || {
            idx.iter()
                .map(|&i| {
                    fx.compiled
                        .assess(&info, &generated[i], &dense[i], on, Lang::Nl)
                        .missing
                        .len()
                })
                .sum::<usize>()
        });
        row(&format!("{label} ({})", idx.len()), &per(&t, idx.len().max(1) as f64));
    }
    let conv = time_runs(s.samples.min(9), || {
        generated
            .iter()
            .filter(|a| black_box(peer.input(a, on)).is_object())
            .count()
    });
    row(
        "peer input conversion (answers -> Variable)",
        &per(&conv, generated.len() as f64),
    );

    println!("\nAnswer parsing (intervention TOML text -> InterventionFile -> validate)");
    row(
        "median of examples (min/max over examples)",
        &Timing {
            median_ns: parse_ns,
            min_ns: parse_min,
            max_ns: parse_max,
            calls: fx.examples.len() as u64,
        },
    );

    // Portfolios.
    println!(
        "\nPortfolio of generated interventions (median of {} run(s))",
        s.portfolio_runs
    );
    println!(
        "  {:>7} {:>11} {:>11} {:>11} {:>11} {:>11} {:>13} {:>13} {:>10} {:>10}",
        "size", "parse", "assess", "build", "json", "html", "files->html", "per interv.", "json size", "html size"
    );
    let mut html_10k_ms = 0.0;
    let mut json_10k_ms = 0.0;
    for &size in &s.portfolio_sizes {
        // One seed for every size: a smaller portfolio is a prefix of a larger one.
        let files = fx.generate_files(size, 0x0ddba11);
        let texts: Vec<String> = files.iter().map(toml::to_string).collect::<Result<_, _>>()?;
        let t_parse = time_runs(s.portfolio_runs, || {
            texts
                .iter()
                .enumerate()
                .filter_map(|(i, t)| kader_data::intervention::parse(&format!("{i}.toml"), t).ok())
                .count()
        });
        let t_assess = time_runs(s.portfolio_runs, || fx.entries(&files, Lang::Nl).len());
        let entries = fx.entries(&files, Lang::Nl);
        let t_build = time_runs(s.portfolio_runs, || fx.portfolio(&entries, Lang::Nl).total);
        let p = fx.portfolio(&entries, Lang::Nl);
        let t_json = time_runs(s.portfolio_runs, || {
            serde_json::to_string_pretty(&p).map(|s| s.len()).unwrap_or(0)
        });
        let t_html = time_runs(s.portfolio_runs, || p.html().len());
        let end_to_end = t_parse.median_ns + t_assess.median_ns + t_build.median_ns + t_html.median_ns;
        let json_len = serde_json::to_string_pretty(&p).map(|s| s.len()).unwrap_or(0);
        let html_len = p.html().len();
        println!(
            "  {size:>7} {:>11} {:>11} {:>11} {:>11} {:>11} {:>13} {:>13} {:>8} kB {:>7} kB",
            fmt_ns(t_parse.median_ns),
            fmt_ns(t_assess.median_ns),
            fmt_ns(t_build.median_ns),
            fmt_ns(t_json.median_ns),
            fmt_ns(t_html.median_ns),
            fmt_ns(end_to_end),
            fmt_ns(end_to_end / size as f64),
            json_len / 1000,
            html_len / 1000
        );
        if size == 10_000 {
            html_10k_ms = end_to_end / 1e6;
            json_10k_ms = (t_parse.median_ns + t_assess.median_ns + t_build.median_ns + t_json.median_ns) / 1e6;
        }
    }

    let ratio = peer_ns / kader_ns;
    println!("\nSummary");
    println!("  kader decide() median         {}   (target ≤ 2 µs)", fmt_ns(kader_ns));
    println!("  kader assess() median         {}", fmt_ns(assess_ns));
    println!(
        "  {} median             {}   ({ratio:.0}x kader; target ≥ 10x)",
        peer::NAME,
        fmt_ns(peer_ns)
    );
    println!(
        "  load + check + compile        {}   (target ≤ 5 ms)",
        fmt_ns(load.median_ns)
    );
    println!("  10,000 files -> HTML          {:.0} ms   (target ≤ 2 s)", html_10k_ms);
    println!("  10,000 files -> JSON          {:.0} ms", json_10k_ms);
    println!(
        "  wall time of this run         {:.1} s",
        started.elapsed().as_secs_f64()
    );
    println!(
        "{{\"kader_ns\": {}, \"peer\": \"{}\", \"peer_ns\": {}, \"load_us\": {}, \"assess_ns\": {}, \"ratio\": {:.1}, \"portfolio_10k_html_ms\": {}, \"portfolio_10k_json_ms\": {}}}",
        kader_ns.round() as u64,
        peer::NAME,
        peer_ns.round() as u64,
        (load.median_ns / 1e3).round() as u64,
        assess_ns.round() as u64,
        ratio,
        html_10k_ms.round() as u64,
        json_10k_ms.round() as u64
    );
    Ok(())
}
