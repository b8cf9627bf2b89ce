//! Deterministic generation of answer sets that are valid for a framework's questions.
//!
//! The generator reads only the framework: each question's type, bounds and choices, the integer
//! constants its rule conditions compare with (so that `age-max < 8` is hit from both sides), and
//! the validity of scale levels (so that recognitions are generated both valid and expired on the
//! assessment date). Every generated set passes [`kader_rules::Compiled::validate`].

use kader_core::expr::{Expr, Operand};
use kader_core::{AnswerValue, Answers, Framework, InterventionFile, InterventionInfo, QuestionType};
use std::collections::BTreeSet;

/// A small, fast, seeded PRNG (SplitMix64). Deterministic across platforms and runs.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        // The modulo bias is irrelevant for test data.
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn percent(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = (hi - lo) as u64 + 1;
        lo + (self.next_u64() % span) as i64
    }
}

#[derive(Debug, Clone)]
enum Spec {
    Bool,
    Int { min: i64, max: i64, interesting: Vec<i64> },
    Choice(Vec<String>),
    Multi(Vec<String>),
    Text,
}

/// Generates answer sets for one framework.
#[derive(Debug, Clone)]
pub struct Generator {
    questions: Vec<(String, Spec)>,
}

fn collect_ints(e: &Expr, out: &mut BTreeSet<i64>) {
    match e {
        Expr::Not(inner) => collect_ints(inner, out),
        Expr::And(v) | Expr::Or(v) | Expr::AtLeast(_, v) => v.iter().for_each(|x| collect_ints(x, out)),
        Expr::Compare { left, right, .. } => {
            for o in [left, right] {
                if let Operand::Int(i) = o {
                    out.insert(*i);
                }
            }
        }
        _ => {}
    }
}

impl Generator {
    /// A generator for `fw`, with recognition years chosen around `on_year` (the assessment year)
    /// so that both valid and expired recognitions occur.
    pub fn new(fw: &Framework, on_year: i32) -> Generator {
        // Integer constants the rules compare with.
        let mut constants = BTreeSet::new();
        let conditions = fw
            .adjustments
            .iter()
            .map(|a| Some(a.when.as_str()))
            .chain(fw.decision.iter().map(|d| d.when.as_deref()))
            .chain(
                fw.decision
                    .iter()
                    .flat_map(|d| d.action_cases.iter().map(|c| c.when.as_deref())),
            )
            .chain(
                fw.criteria
                    .iter()
                    .flat_map(|c| c.cases.iter().map(|k| k.when.as_deref())),
            );
        for src in conditions.flatten() {
            if let Ok(e) = Expr::parse(src) {
                collect_ints(&e, &mut constants);
            }
        }
        // Years around each validity boundary, for the granted-year questions.
        let mut years = BTreeSet::new();
        for q in &fw.questions {
            if let (Some(scale), Some(_)) = (q.scale.as_deref().and_then(|s| fw.scale(s)), &q.granted_year) {
                for l in &scale.levels {
                    if let Some(v) = l.valid_years {
                        for d in -1..=1 {
                            years.insert(i64::from(on_year) - v + d);
                        }
                    }
                }
                years.insert(i64::from(on_year));
            }
        }
        let granted: BTreeSet<&str> = fw.questions.iter().filter_map(|q| q.granted_year.as_deref()).collect();
        let questions = fw
            .questions
            .iter()
            .map(|q| {
                let spec = match q.kind {
                    QuestionType::Bool => Spec::Bool,
                    QuestionType::Int => {
                        let min = q.min.unwrap_or(-1000);
                        let max = q.max.unwrap_or(1000);
                        let mut interesting: BTreeSet<i64> = [min, max].into();
                        for c in &constants {
                            for d in -1..=1 {
                                interesting.insert(c + d);
                            }
                        }
                        if granted.contains(q.id.as_str()) {
                            interesting.extend(years.iter().copied());
                        }
                        Spec::Int {
                            min,
                            max,
                            interesting: interesting.into_iter().filter(|v| (min..=max).contains(v)).collect(),
                        }
                    }
                    QuestionType::Choice => Spec::Choice(fw.choices_of(q).iter().map(|c| c.id.to_owned()).collect()),
                    QuestionType::Multi => Spec::Multi(fw.choices_of(q).iter().map(|c| c.id.to_owned()).collect()),
                    QuestionType::Text => Spec::Text,
                };
                (q.id.clone(), spec)
            })
            .collect();
        Generator { questions }
    }

    /// Question ids, in the framework's order.
    pub fn question_ids(&self) -> impl Iterator<Item = &str> {
        self.questions.iter().map(|(id, _)| id.as_str())
    }

    /// One answer set in which each question is answered with probability `answered`/100.
    pub fn answers(&self, rng: &mut Rng, answered: u32) -> Answers {
        let mut out = Answers::new();
        for (id, spec) in &self.questions {
            if !rng.percent(answered) {
                continue;
            }
            let value = match spec {
                // Yes more often than no: most yes/no questions ask about good practice, and a
                // "no" to the scope question ends the assessment early.
                Spec::Bool => AnswerValue::Bool(rng.percent(70)),
                Spec::Int { min, max, interesting } => {
                    if interesting.is_empty() || rng.percent(15) {
                        AnswerValue::Int(rng.range(*min, *max))
                    } else {
                        AnswerValue::Int(interesting[rng.below(interesting.len())])
                    }
                }
                Spec::Choice(choices) => AnswerValue::Str(choices[rng.below(choices.len())].clone()),
                Spec::Multi(choices) => {
                    let picked = if rng.percent(12) {
                        Vec::new()
                    } else {
                        choices.iter().filter(|_| rng.percent(22)).cloned().collect()
                    };
                    AnswerValue::List(picked)
                }
                Spec::Text => AnswerValue::Str(format!("tekst {}", rng.below(1000))),
            };
            out.insert(id.clone(), value);
        }
        out
    }

    /// The next answer set of a deterministic mixed stream: complete sets, nearly complete ones,
    /// half-answered ones, sparse ones and the occasional empty one.
    pub fn mixed(&self, rng: &mut Rng) -> Answers {
        let answered = match rng.below(10) {
            0..=3 => 100,
            4 | 5 => 90,
            6 => 70,
            7 => 50,
            8 => 25,
            _ => {
                if rng.percent(20) {
                    0
                } else {
                    10
                }
            }
        };
        self.answers(rng, answered)
    }

    /// An intervention file around a mixed answer set (for the portfolio and parsing benches).
    pub fn intervention(&self, rng: &mut Rng, index: usize, framework_key: &str) -> InterventionFile {
        InterventionFile {
            framework: Some(framework_key.to_owned()),
            intervention: InterventionInfo {
                name: format!("Interventie {index:05}"),
                provider: Some(format!("Aanbieder {}", rng.below(40))),
                description: Some("Gegenereerde interventie voor de benchmark.".into()),
            },
            answers: self.mixed(rng),
        }
    }
}
