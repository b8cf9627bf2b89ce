//! `kader-bench`: benchmarks for kader, side by side with a peer rules engine.
//!
//! - [`generate`]: a seeded PRNG and a generator of answer sets that are valid for a framework.
//! - [`peer`]: the same 2024.1 decision in zen-engine (JDM decision tables), from
//!   `peer/kwaliteitskader-2024.1.jdm.json`.
//! - [`Fixture`]: the embedded framework compiled, the example interventions, and helpers to build
//!   portfolios of generated interventions.
//! - [`timing`]: the median-of-batches timer the `kader-bench` binary uses.
//!
//! `tests/differential.rs` proves that kader and the peer agree (verdict, action and the set of
//! adjustment reasons that hold) before anything is timed.
#![deny(missing_docs)]

pub mod generate;
pub mod peer;
pub mod timing;

use kader_core::{Date, InterventionFile, Lang, Truth};
use kader_report::portfolio::{Entry, Portfolio};
use kader_rules::{Compiled, DenseAnswers, Evaluation};

/// The framework benchmarked.
pub const FRAMEWORK: (&str, &str) = ("kwaliteitskader", "2024.1");

/// The assessment date used throughout (fixed, so every run is comparable).
pub fn on() -> Date {
    Date::new(2026, 11, 28).unwrap_or(Date::UNIX_EPOCH)
}

/// Load + check + compile of the embedded framework: what `load_us` measures.
pub fn load_and_compile() -> Result<Compiled, Box<dyn std::error::Error>> {
    let loaded = kader_data::get(FRAMEWORK.0, FRAMEWORK.1)?;
    Ok(loaded.compile()?)
}

/// The interventions benchmarked: the test cases of the benchmarked version (for 2024.1, the
/// example interventions as they were written for it), embedded in `kader-data`.
pub fn example_files() -> Vec<(String, String)> {
    kader_data::cases::embedded(FRAMEWORK.0, FRAMEWORK.1)
        .into_iter()
        .map(|f| {
            let name = f.name.trim_end_matches(".toml").to_owned();
            // The case's expectations (`[case]`, the last table) are not part of the intervention.
            let text = match f.text.find("\n[case]") {
                Some(i) => f.text[..=i].to_owned(),
                None => f.text,
            };
            (name, text)
        })
        .collect()
}

/// One example intervention, parsed and validated.
#[derive(Debug, Clone)]
pub struct Example {
    /// File name without extension.
    pub name: String,
    /// The file's text.
    pub text: String,
    /// The parsed file.
    pub file: InterventionFile,
    /// Its answers, validated.
    pub dense: DenseAnswers,
}

/// The compiled framework and the example interventions.
#[derive(Debug)]
pub struct Fixture {
    /// The compiled framework.
    pub compiled: Compiled,
    /// Every intervention of [`example_files`], in name order.
    pub examples: Vec<Example>,
}

impl Fixture {
    /// Loads the framework and the examples.
    pub fn load() -> Result<Fixture, Box<dyn std::error::Error>> {
        let compiled = load_and_compile()?;
        let mut examples = Vec::new();
        for (name, text) in example_files() {
            let file = kader_data::intervention::parse(&name, &text)
                .map_err(|d| format!("{name}: {}", d.first().map(|x| x.message.clone()).unwrap_or_default()))?;
            let dense = compiled
                .validate(&file.answers)
                .map_err(|e| format!("{name}: {}", e.first().map(|x| x.to_string()).unwrap_or_default()))?;
            examples.push(Example {
                name,
                text,
                file,
                dense,
            });
        }
        if examples.is_empty() {
            return Err("no example interventions found".into());
        }
        Ok(Fixture { compiled, examples })
    }

    /// A generator of answer sets for this framework.
    pub fn generator(&self) -> generate::Generator {
        generate::Generator::new(self.compiled.framework(), on().year())
    }

    /// kader's decision as ids: verdict, action and the adjustment reasons that definitely hold.
    pub fn kader_decision(&self, dense: &DenseAnswers, on: Date, ev: &mut Evaluation) -> peer::PeerDecision {
        self.compiled.evaluate_into(dense, on, ev);
        let fw = self.compiled.framework();
        peer::PeerDecision {
            verdict: fw.verdicts[ev.verdict].id.clone(),
            action: fw.actions[ev.action].id.clone(),
            adjustments: fw
                .adjustments
                .iter()
                .zip(&ev.adjustments)
                .filter(|(_, t)| **t == Truth::True)
                .map(|(a, _)| a.id.clone())
                .collect(),
        }
    }

    /// Generates `n` intervention files deterministically from `seed`.
    pub fn generate_files(&self, n: usize, seed: u64) -> Vec<InterventionFile> {
        let g = self.generator();
        let mut rng = generate::Rng::new(seed);
        let key = format!("{}@{}", FRAMEWORK.0, FRAMEWORK.1);
        (0..n).map(|i| g.intervention(&mut rng, i, &key)).collect()
    }

    /// Validates and assesses intervention files into portfolio entries (what the CLI's
    /// `portfolio` does after reading the files).
    pub fn entries(&self, files: &[InterventionFile], lang: Lang) -> Vec<Entry> {
        files
            .iter()
            .enumerate()
            .filter_map(|(i, f)| {
                let dense = self.compiled.validate(&f.answers).ok()?;
                let assessment = self.compiled.assess(&f.intervention, &f.answers, &dense, on(), lang);
                Some(Entry {
                    file: format!("interventies/{i:05}.toml"),
                    assessment,
                    domains: kader_report::portfolio::domains_answered(self.compiled.framework(), &f.answers),
                })
            })
            .collect()
    }

    /// Builds the portfolio summary of entries (as the CLI and the server do).
    pub fn portfolio(&self, entries: &[Entry], lang: Lang) -> Portfolio {
        Portfolio::for_framework(entries, self.compiled.framework(), lang)
    }
}
