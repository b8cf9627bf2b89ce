//! Explanations are true of the case at hand, in every framework version this build ships:
//! every text shown belongs to a rule, case or reason that definitely holds, and every decisive
//! step names the answers that decided it.

use kader_core::{AnswerValue, Answers, Assessment, Date, InterventionInfo, Lang, QuestionType, Truth};
use kader_rules::Compiled;
use proptest::prelude::*;
use std::sync::OnceLock;

/// Every embedded version, compiled.
fn versions() -> &'static [Compiled] {
    static C: OnceLock<Vec<Compiled>> = OnceLock::new();
    C.get_or_init(|| {
        kader_data::versions()
            .iter()
            .map(|v| {
                kader_data::get(&v.id, &v.version)
                    .unwrap_or_else(|e| panic!("{}@{} loads: {e}", v.id, v.version))
                    .compile()
                    .expect("compiles")
            })
            .collect()
    })
}

fn answers_for(c: &'static Compiled) -> BoxedStrategy<Answers> {
    let fw = c.framework();
    let per_question: Vec<_> = fw
        .questions
        .iter()
        .map(|q| {
            let choices: Vec<String> = fw.choices_of(q).iter().map(|c| c.id.to_owned()).collect();
            let value: BoxedStrategy<AnswerValue> = match q.kind {
                QuestionType::Bool => any::<bool>().prop_map(AnswerValue::Bool).boxed(),
                QuestionType::Int => {
                    let lo = q.min.unwrap_or(0);
                    let hi = q.max.unwrap_or(lo + 1000).min(lo + 1000);
                    (lo..=hi).prop_map(AnswerValue::Int).boxed()
                }
                QuestionType::Choice => proptest::sample::select(choices).prop_map(AnswerValue::Str).boxed(),
                QuestionType::Multi => proptest::sample::subsequence(choices.clone(), 0..=choices.len())
                    .prop_map(AnswerValue::List)
                    .boxed(),
                QuestionType::Text => "[a-z ]{0,8}".prop_map(AnswerValue::Str).boxed(),
            };
            let id = q.id.clone();
            proptest::option::weighted(0.7, value).prop_map(move |v| (id.clone(), v))
        })
        .collect();
    per_question
        .prop_map(|pairs| pairs.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))).collect())
        .boxed()
}

fn version_and_answers() -> impl Strategy<Value = (usize, Answers, bool)> {
    (0..versions().len()).prop_flat_map(|i| (Just(i), answers_for(&versions()[i]), any::<bool>()))
}

fn step<'a>(a: &'a Assessment, rule: &str) -> &'a kader_core::TraceStep {
    a.trace
        .iter()
        .find(|s| s.rule == rule)
        .unwrap_or_else(|| panic!("trace has {rule}"))
}

/// The checks; returns a description of the first violation.
fn violations(c: &Compiled, a: &Assessment) -> Result<(), String> {
    let fw = c.framework();
    let lang = a.lang;
    // The decision: its text only when the rule definitely holds.
    let idx = fw
        .decision
        .iter()
        .enumerate()
        .position(|(i, d)| a.decided_by.rule == d.path(i) || a.decided_by.rule.starts_with(&format!("{}.", d.path(i))))
        .ok_or("decided_by names no decision rule")?;
    let rule = &fw.decision[idx];
    let decisive = step(a, &rule.path(idx));
    let earlier_false = fw.decision[..idx]
        .iter()
        .enumerate()
        .all(|(i, d)| step(a, &d.path(i)).result == Truth::False);
    let holds = decisive.result == Truth::True && (rule.when.is_some() || earlier_false);
    let shows_rule_text = a.decided_by.explain.starts_with(rule.explain.get(lang));
    if shows_rule_text && !holds {
        return Err(format!(
            "rule {} text shown although it does not definitely hold",
            a.decided_by.rule
        ));
    }
    if !shows_rule_text && holds {
        return Err(format!("rule {} holds but its text is not shown", a.decided_by.rule));
    }
    if a.decided_by.because.is_empty() {
        return Err(format!("decisive rule {} has an empty `because`", a.decided_by.rule));
    }
    // Action case texts only when the case definitely holds too.
    for (k, case) in rule.action_cases.iter().enumerate() {
        if let Some(e) = &case.explain {
            let text = e.get(lang);
            if a.decided_by.explain.ends_with(text) {
                let s = step(a, &format!("{}.actions[{k}]", rule.path(idx)));
                let before_false =
                    (0..k).all(|j| step(a, &format!("{}.actions[{j}]", rule.path(idx))).result == Truth::False);
                if !(holds && s.decisive && (case.when.is_some() && s.result == Truth::True || before_false)) {
                    return Err(format!(
                        "action case {k} of {} shown although it does not definitely hold",
                        a.decided_by.rule
                    ));
                }
            }
        }
    }
    // Criteria: a case text only for a case that holds after every earlier case failed.
    for (r, cdef) in a.criteria.iter().zip(&fw.criteria) {
        if r.because.is_empty() {
            return Err(format!("criterion {} has an empty `because`", r.id));
        }
        if r.outcome == kader_core::Outcome::Unknown {
            continue;
        }
        let k: usize = r
            .rule
            .rsplit_once("case[")
            .and_then(|(_, n)| n.trim_end_matches(']').parse().ok())
            .ok_or("criterion rule path")?;
        if r.explain != cdef.cases[k].explain.get(lang) {
            return Err(format!("criterion {} shows a text that is not its case's", r.id));
        }
        let s = step(a, &format!("criterion.{}.case[{k}]", r.id));
        if s.result != Truth::True {
            return Err(format!("criterion {} case {k} shown but {:?}", r.id, s.result));
        }
        for j in 0..k {
            if step(a, &format!("criterion.{}.case[{j}]", r.id)).result != Truth::False {
                return Err(format!("criterion {} case {k} shown but case {j} did not fail", r.id));
            }
        }
        if r.because.iter().any(|b| b.value.is_none()) {
            return Err(format!(
                "criterion {} cites an unanswered question for a definite outcome",
                r.id
            ));
        }
    }
    // Advice: only reasons that definitely hold, each with the answers that make it hold.
    for adv in &a.advice {
        if step(a, &format!("adjustment.{}", adv.id)).result != Truth::True {
            return Err(format!(
                "advice {} shown although the reason does not definitely hold",
                adv.id
            ));
        }
        if adv.because.is_empty() || adv.because.iter().any(|b| b.value.is_none()) {
            return Err(format!("advice {} does not cite the answers that make it hold", adv.id));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 768, ..ProptestConfig::default() })]

    #[test]
    fn every_text_shown_holds_and_every_decisive_step_says_why((i, a, en) in version_and_answers()) {
        let c = &versions()[i];
        let on: Date = "2026-11-28".parse().expect("date");
        let dense = c.validate(&a).expect("generated answers are valid");
        let lang = if en { Lang::En } else { Lang::Nl };
        let assessment = c.assess(&InterventionInfo::default(), &a, &dense, on, lang);
        if let Err(e) = violations(c, &assessment) {
            prop_assert!(false, "{}: {e}\nanswers: {a:?}", c.framework().key());
        }
    }
}

#[test]
fn the_empty_answer_set_is_explained_too() {
    for c in versions() {
        let a = Answers::new();
        let dense = c.validate(&a).expect("valid");
        let assessment = c.assess(
            &InterventionInfo::default(),
            &a,
            &dense,
            "2026-11-28".parse().expect("date"),
            Lang::Nl,
        );
        violations(c, &assessment).unwrap_or_else(|e| panic!("{}: {e}", c.framework().key()));
        assert!(assessment.provisional);
    }
}

/// The check is not vacuous: a text shown for a rule that does not hold is caught.
#[test]
fn a_text_for_a_rule_that_does_not_hold_is_caught() {
    let c = &versions()[0];
    let a = Answers::new();
    let dense = c.validate(&a).expect("valid");
    let mut assessment = c.assess(
        &InterventionInfo::default(),
        &a,
        &dense,
        "2026-11-28".parse().expect("date"),
        Lang::Nl,
    );
    let last = c.framework().decision.len() - 1;
    assessment.decided_by.explain = c.framework().decision[last].explain.get(Lang::Nl).to_owned();
    assert!(violations(c, &assessment).is_err());
    let mut assessment2 = assessment.clone();
    assessment2.decided_by.because.clear();
    assert!(violations(c, &assessment2).is_err());
}
