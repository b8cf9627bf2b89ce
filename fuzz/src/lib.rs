//! The checks behind the fuzz targets, as plain functions: the targets in `fuzz_targets/` call
//! them, and `crates/bench/tests/fuzz_regressions.rs` replays the committed seed corpora and any
//! reproducer in `fuzz/artifacts-found/<target>/` through them on stable Rust, so a crash once
//! found stays a regression test. Each function panics exactly when its target reports a crash.

use arbitrary::{Arbitrary, Unstructured};
use kader_core::expr::{Expr, Name, Operand, SetExpr};
use kader_core::{AnswerValue, Answers, Date, InterventionInfo, Lang, QuestionType};
use kader_data::SourceFile;
use kader_rules::{Compiled, Evaluation};
use std::sync::OnceLock;

/// The embedded kwaliteitskader 2024.1, compiled once.
fn compiled() -> &'static Compiled {
    static C: OnceLock<Compiled> = OnceLock::new();
    C.get_or_init(|| {
        kader_data::get("kwaliteitskader", "2024.1")
            .and_then(|l| l.compile())
            .expect("the embedded framework compiles")
    })
}

/// The framework TOML loader on arbitrary text: as one file of the real 2024.1 version (replacing
/// one of its files, or added beside them) and alone. Whatever loads is also compiled, and
/// whatever compiles is evaluated on no answers, so rules the fuzzer invents are run too.
///
/// Input: first byte selects the mode and file, the rest is the file's text (lossy UTF-8).
pub fn framework_loader(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    let real = kader_data::embedded_files("kwaliteitskader", "2024.1").unwrap_or_default();
    let fuzzed = |name: &str| SourceFile {
        path: format!("fuzz/{name}"),
        name: name.to_owned(),
        text: text.clone(),
    };
    let files: Vec<SourceFile> = match mode % 3 {
        // Replace one real file.
        0 if !real.is_empty() => {
            let k = usize::from(mode / 3) % real.len();
            let mut files = real.clone();
            let name = files[k].name.clone();
            files[k] = fuzzed(&name);
            files
        }
        // Beside the real files.
        1 => {
            let mut files = real.clone();
            files.push(fuzzed("zz-extra.toml"));
            files
        }
        // Alone.
        _ => vec![fuzzed("framework.toml")],
    };
    let Ok(loaded) = kader_data::load_files(files) else {
        return;
    };
    let Ok(compiled) = loaded.compile() else {
        return;
    };
    let dense = compiled.empty_answers();
    let on = Date::new(2026, 11, 28).unwrap_or(Date::UNIX_EPOCH);
    let _ = compiled.decide(&dense, on);
    let info = InterventionInfo {
        name: "fuzz".into(),
        provider: None,
        description: None,
    };
    let _ = compiled.assess(&info, &Answers::new(), &dense, on, Lang::En);
}

/// The intervention file parser (TOML and JSON) on arbitrary text, then validation against the
/// real framework with positioned diagnostics for every problem, and assessment of what is valid.
///
/// Input: first byte selects the file name (`.toml` or `.json`) and the language, the rest is the
/// file's text (lossy UTF-8).
pub fn intervention_parser(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let name = if mode & 1 == 0 { "fuzz.toml" } else { "fuzz.json" };
    let lang = if mode & 2 == 0 { Lang::Nl } else { Lang::En };
    let Ok(file) = kader_data::intervention::parse(name, &text) else {
        return;
    };
    let c = compiled();
    match c.validate(&file.answers) {
        Ok(dense) => {
            let on = Date::new(2026, 11, 28).unwrap_or(Date::UNIX_EPOCH);
            let _ = c.assess(&file.intervention, &file.answers, &dense, on, lang);
        }
        Err(errors) => {
            let diags = kader_data::intervention::answer_diagnostics(name, &text, &errors, lang);
            assert_eq!(diags.len(), errors.len());
            for d in &diags {
                assert!(d.line >= 1 && d.column >= 1, "{d:?}");
            }
        }
    }
}

struct AnswersFixture {
    compiled: Compiled,
    questions: Vec<(String, QuestionType, Vec<String>, i64, i64)>,
}

fn answers_fixture() -> &'static AnswersFixture {
    static F: OnceLock<AnswersFixture> = OnceLock::new();
    F.get_or_init(|| {
        let compiled = kader_data::get("kwaliteitskader", "2024.1")
            .and_then(|l| l.compile())
            .expect("the embedded framework compiles");
        let fw = compiled.framework();
        let questions = fw
            .questions
            .iter()
            .map(|q| {
                let choices = fw.choices_of(q).iter().map(|c| c.id.to_owned()).collect();
                (
                    q.id.clone(),
                    q.kind,
                    choices,
                    q.min.unwrap_or(i64::MIN),
                    q.max.unwrap_or(i64::MAX),
                )
            })
            .collect();
        AnswersFixture { compiled, questions }
    })
}

fn choice(u: &mut Unstructured<'_>, choices: &[String]) -> arbitrary::Result<String> {
    if choices.is_empty() || u.ratio(1, 8)? {
        String::arbitrary(u)
    } else {
        Ok(u.choose(choices)?.clone())
    }
}

fn structured(u: &mut Unstructured<'_>, f: &AnswersFixture) -> arbitrary::Result<Answers> {
    let mut answers = Answers::new();
    let n = u.int_in_range(0..=f.questions.len() + 2)?;
    for _ in 0..n {
        let (id, kind, choices, min, max) = u.choose(&f.questions)?;
        let key = if u.ratio(1, 16)? {
            String::arbitrary(u)?
        } else {
            id.clone()
        };
        // Mostly the right type, sometimes any type.
        let kind = if u.ratio(1, 8)? {
            *u.choose(&[
                QuestionType::Bool,
                QuestionType::Int,
                QuestionType::Choice,
                QuestionType::Multi,
                QuestionType::Text,
            ])?
        } else {
            *kind
        };
        let value = match kind {
            QuestionType::Bool => AnswerValue::Bool(bool::arbitrary(u)?),
            QuestionType::Int => {
                if u.ratio(1, 8)? {
                    AnswerValue::Int(i64::arbitrary(u)?)
                } else {
                    let (lo, hi) = ((*min).max(-10_000), (*max).min(10_000));
                    AnswerValue::Int(if lo <= hi { u.int_in_range(lo..=hi)? } else { *min })
                }
            }
            QuestionType::Choice | QuestionType::Text => AnswerValue::Str(choice(u, choices)?),
            QuestionType::Multi => {
                let k = u.int_in_range(0..=choices.len() + 1)?;
                let mut v = Vec::with_capacity(k);
                for _ in 0..k {
                    v.push(choice(u, choices)?);
                }
                if u.ratio(1, 4)? {
                    v.sort();
                    v.dedup();
                }
                AnswerValue::List(v)
            }
        };
        answers.insert(key, value);
    }
    Ok(answers)
}

/// Answer validation and evaluation on arbitrary answers: `validate`, then `decide`,
/// `evaluate_into` and the full `assess` on any date, for what is valid.
///
/// Input: first byte selects how the rest is read. Even: the rest is JSON answers (as an
/// intervention file's `answers` table would give them). Odd: the rest drives a structured
/// generator that mostly uses the framework's own question ids and choice ids, with wrong types,
/// out-of-range numbers, unknown and duplicate choices mixed in.
pub fn answers_eval(data: &[u8]) {
    let f = answers_fixture();
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let mut u = Unstructured::new(rest);
    let (answers, year) = if mode & 1 == 0 {
        // JSON: the year comes from the mode byte (2000..=2063), the rest is JSON.
        match serde_json::from_slice::<Answers>(rest) {
            Ok(a) => (a, 2000 + i32::from(mode >> 2)),
            Err(_) => return,
        }
    } else {
        // Structured: any year the dates allow.
        let Ok(year) = u.int_in_range(1..=9999) else {
            return;
        };
        match structured(&mut u, f) {
            Ok(a) => (a, year),
            Err(_) => return,
        }
    };
    let on = Date::new(year, 6, 30).unwrap_or(Date::UNIX_EPOCH);
    let c = &f.compiled;
    match c.validate(&answers) {
        Ok(dense) => {
            let d = c.decide(&dense, on);
            let mut ev = Evaluation::default();
            c.evaluate_into(&dense, on, &mut ev);
            assert_eq!(
                (d.verdict, d.action),
                (ev.verdict, ev.action),
                "decide and evaluate_into disagree"
            );
            let info = InterventionInfo {
                name: "fuzz".into(),
                provider: None,
                description: None,
            };
            let lang = if mode & 2 == 0 { Lang::Nl } else { Lang::En };
            let a = c.assess(&info, &answers, &dense, on, lang);
            let fw = c.framework();
            assert_eq!(
                a.verdict.id, fw.verdicts[d.verdict].id,
                "assess and decide disagree on the verdict"
            );
            assert_eq!(
                a.action.id, fw.actions[d.action].id,
                "assess and decide disagree on the action"
            );
            // Round trip: dense answers back to keyed answers validate to the same dense answers.
            let back = c.to_answers(&dense);
            if let Ok(again) = c.validate(&back) {
                assert_eq!(c.decide(&again, on), d, "to_answers round trip changed the decision");
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in &errors {
                let _ = e.message(Lang::Nl);
                let _ = e.to_string();
            }
        }
    }
}

fn name(n: &Name) -> Name {
    Name::new(n.id.clone())
}

fn operand(o: &Operand) -> Operand {
    match o {
        Operand::Int(i) => Operand::Int(*i),
        Operand::Name(n) => Operand::Name(name(n)),
        Operand::Rank(n) => Operand::Rank(name(n)),
        Operand::Count(n) => Operand::Count(name(n)),
    }
}

fn set(s: &SetExpr) -> SetExpr {
    match s {
        SetExpr::List(v) => SetExpr::List(v.iter().map(name).collect()),
        SetExpr::Practices(c) => SetExpr::Practices(c.clone()),
    }
}

/// The expression with every name's offset set to 0.
fn strip(e: &Expr) -> Expr {
    match e {
        Expr::Const(b) => Expr::Const(*b),
        Expr::Truthy(n) => Expr::Truthy(name(n)),
        Expr::Not(i) => Expr::Not(Box::new(strip(i))),
        Expr::And(v) => Expr::And(v.iter().map(strip).collect()),
        Expr::Or(v) => Expr::Or(v.iter().map(strip).collect()),
        Expr::AtLeast(k, v) => Expr::AtLeast(*k, v.iter().map(strip).collect()),
        Expr::Compare { left, op, right } => Expr::Compare {
            left: operand(left),
            op: *op,
            right: operand(right),
        },
        Expr::In {
            question,
            set: s,
            negated,
        } => Expr::In {
            question: name(question),
            set: set(s),
            negated: *negated,
        },
        Expr::Has {
            question,
            quant,
            set: s,
        } => Expr::Has {
            question: name(question),
            quant: *quant,
            set: set(s),
        },
        Expr::Answered(n) => Expr::Answered(name(n)),
        Expr::Expired(n) => Expr::Expired(name(n)),
        Expr::Adjustment(n) => Expr::Adjustment(n.as_ref().map(name)),
    }
}

/// The rule-expression parser: never panics, and printing is canonical:
/// `parse(print(parse(x))) == parse(x)` (up to the byte offsets of names) wherever `parse(x)`
/// succeeds, and printing twice gives the same text.
pub fn expr_parse(data: &[u8]) {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(e) = Expr::parse(src) else {
        return;
    };
    let printed = e.to_string();
    let again = match Expr::parse(&printed) {
        Ok(a) => a,
        Err(err) => panic!("printed form does not parse: {src:?} -> {printed:?}: {err}"),
    };
    assert_eq!(
        strip(&again),
        strip(&e),
        "round trip changed the tree: {src:?} -> {printed:?}"
    );
    assert_eq!(again.to_string(), printed, "printing is not canonical: {src:?}");
    let mut names = 0;
    e.visit_names(&mut |_, _| names += 1);
    let _ = names;
}
