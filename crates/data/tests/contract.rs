//! The content contract of `kwaliteitskader@2024.1` (spec: kwaliteitskader-2024.1.md). Code,
//! examples and outside tools rely on these ids and types; this test pins every one of them.

use kader_core::{HarmClass, QuestionType};

fn fw() -> kader_core::Framework {
    kader_data::get("kwaliteitskader", "2024.1")
        .expect("embedded 2024.1 loads")
        .framework
}

#[test]
fn metadata() {
    let f = fw();
    assert_eq!(f.framework.id, "kwaliteitskader");
    assert_eq!(f.framework.version, "2024.1");
    assert_eq!(f.framework.status, kader_core::Status::Released);
}

#[test]
fn the_default_is_the_newest_released_version_in_the_lock() {
    // Derived from the lock, so that releasing a version (`kader framework release`) needs no
    // change here.
    let newest = kader_data::lock()
        .entries
        .iter()
        .filter(|(id, _, _)| id == kader_data::DEFAULT_FRAMEWORK)
        .map(|(_, v, _)| v.clone())
        .max_by(|a, b| kader_data::compare_versions(a, b))
        .expect("a released version of the default framework");
    assert_eq!(
        kader_data::default_key(),
        format!("{}@{newest}", kader_data::DEFAULT_FRAMEWORK)
    );
    assert!(
        kader_data::compare_versions(&newest, "2024.1").is_ge(),
        "2024.1 is released, so the default is 2024.1 or newer"
    );
}

#[test]
fn the_seven_domains() {
    let ids: Vec<String> = fw().domains.iter().map(|d| d.id.clone()).collect();
    assert_eq!(
        ids,
        [
            "deviant-peers",
            "substance-use",
            "family-parenting",
            "school-work",
            "leisure",
            "antisocial-attitude",
            "antisocial-personality"
        ]
    );
}

#[test]
fn recognition_levels_in_order() {
    let f = fw();
    let scale = f.scale("recognition").expect("scale `recognition`");
    let levels: Vec<(&str, i64, Option<i64>)> = scale
        .levels
        .iter()
        .map(|l| (l.id.as_str(), l.rank, l.valid_years))
        .collect();
    assert_eq!(
        levels,
        [
            ("none", 0, None),
            ("not-recognised", 0, None),
            ("well-described", 1, Some(3)),
            ("well-founded", 2, Some(5)),
            ("first-indications", 3, Some(5)),
            ("good-indications", 4, Some(5)),
            ("strong-indications", 5, Some(5)),
        ]
    );
    assert_eq!(scale.expiry_penalty, 1);
}

#[test]
fn the_six_practices_with_their_harm_classes() {
    let got: Vec<(String, HarmClass)> = fw().practices.iter().map(|p| (p.id.clone(), p.harm)).collect();
    let want = [
        ("deterrence", HarmClass::Harmful),
        ("boot-camp", HarmClass::Ineffective),
        ("awareness-session", HarmClass::RiskOfHarm),
        ("deviant-peer-group", HarmClass::RiskOfHarm),
        ("credible-messenger", HarmClass::Unproven),
        ("police-lesson", HarmClass::Unproven),
    ];
    let want: Vec<(String, HarmClass)> = want.iter().map(|(i, h)| ((*i).to_owned(), *h)).collect();
    assert_eq!(got, want);
}

#[test]
fn every_question_with_type_bounds_and_choices() {
    use QuestionType::*;
    let f = fw();
    let domains = [
        "deviant-peers",
        "substance-use",
        "family-parenting",
        "school-work",
        "leisure",
        "antisocial-attitude",
        "antisocial-personality",
    ];
    let recognition = [
        "none",
        "not-recognised",
        "well-described",
        "well-founded",
        "first-indications",
        "good-indications",
        "strong-indications",
    ];
    let components = [
        "cognitive-behavioural",
        "skills-training",
        "parent-training",
        "family-therapy",
        "mentoring",
        "structured-leisure",
        "school-based",
        "employment-education",
        "deterrence",
        "boot-camp",
        "awareness-session",
        "deviant-peer-group",
        "credible-messenger",
        "police-lesson",
    ];
    // (id, type, min, max, choices)
    let want: Vec<(&str, QuestionType, Option<i64>, Option<i64>, Vec<&str>)> = vec![
        ("crime-prevention-aim", Bool, None, None, vec![]),
        ("age-min", Int, Some(0), Some(120), vec![]),
        ("age-max", Int, Some(0), Some(120), vec![]),
        (
            "prevention-level",
            Choice,
            None,
            None,
            vec!["universal", "selective", "indicated", "tertiary"],
        ),
        (
            "risk-assessment",
            Choice,
            None,
            None,
            vec!["validated-instrument", "professional-judgement", "none"],
        ),
        (
            "risk-level",
            Choice,
            None,
            None,
            vec!["low", "moderate", "high", "mixed", "unknown"],
        ),
        ("intensity", Choice, None, None, vec!["light", "moderate", "intensive"]),
        ("risk-domains", Multi, None, None, domains.to_vec()),
        ("needs-assessed", Bool, None, None, vec![]),
        ("protective-factors", Bool, None, None, vec![]),
        (
            "theory-of-change",
            Choice,
            None,
            None,
            vec!["none", "described", "evidence-based"],
        ),
        ("manual", Bool, None, None, vec![]),
        ("components", Multi, None, None, components.to_vec()),
        ("responsivity", Bool, None, None, vec![]),
        ("family-involvement", Bool, None, None, vec![]),
        ("staff-qualified", Bool, None, None, vec![]),
        ("supervision", Bool, None, None, vec![]),
        ("fidelity-monitoring", Bool, None, None, vec![]),
        ("recognition-level", Choice, None, None, recognition.to_vec()),
        ("recognition-year", Int, Some(2000), Some(2100), vec![]),
        (
            "evaluation-design",
            Choice,
            None,
            None,
            vec![
                "none",
                "process",
                "pre-post",
                "quasi-experimental",
                "rct",
                "multiple-controlled",
            ],
        ),
        (
            "evaluation-result",
            Choice,
            None,
            None,
            vec!["positive", "null", "negative", "mixed", "unknown"],
        ),
        ("follow-up-months", Int, Some(0), Some(600), vec![]),
        ("outcome-monitoring", Bool, None, None, vec![]),
        ("cost-per-participant", Int, Some(0), None, vec![]),
    ];
    let ids: Vec<&str> = f.questions.iter().map(|q| q.id.as_str()).collect();
    let want_ids: Vec<&str> = want.iter().map(|w| w.0).collect();
    let mut a = ids.clone();
    let mut b = want_ids.clone();
    a.sort_unstable();
    b.sort_unstable();
    assert_eq!(a, b, "question ids");
    for (id, kind, min, max, choices) in want {
        let q = f.question(id).expect(id);
        assert_eq!(q.kind, kind, "{id}: type");
        assert_eq!(q.min, min, "{id}: min");
        if id == "cost-per-participant" {
            assert!(q.max.is_none_or(|m| m >= 100_000), "{id}: max");
        } else {
            assert_eq!(q.max, max, "{id}: max");
        }
        let mut got: Vec<&str> = f.choices_of(q).iter().map(|c| c.id).collect();
        let mut want = choices.clone();
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want, "{id}: choices");
    }
}

#[test]
fn criteria_verdicts_and_actions() {
    let f = fw();
    let criteria: Vec<&str> = f.criteria.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        criteria,
        [
            "scope",
            "theory",
            "target-group",
            "needs",
            "protective",
            "responsivity",
            "methods",
            "implementation",
            "evidence",
            "monitoring",
            "no-harm"
        ]
    );
    let mut verdicts: Vec<&str> = f.verdicts.iter().map(|c| c.id.as_str()).collect();
    verdicts.sort_unstable();
    assert_eq!(
        verdicts,
        [
            "ineffective",
            "insufficiently-grounded",
            "out-of-scope",
            "potentially-harmful",
            "promising",
            "proven-effective"
        ]
    );
    let mut actions: Vec<&str> = f.actions.iter().map(|c| c.id.as_str()).collect();
    actions.sort_unstable();
    assert_eq!(actions, ["adjust", "continue", "not-applicable", "research", "stop"]);
    // The decision is spec section 7: six rules in this order of verdicts, the last a catch-all.
    let order: Vec<&str> = f.decision.iter().map(|d| d.verdict.as_str()).collect();
    assert_eq!(
        order,
        [
            "out-of-scope",
            "potentially-harmful",
            "ineffective",
            "proven-effective",
            "promising",
            "insufficiently-grounded"
        ]
    );
    assert!(f.decision.last().is_some_and(|d| d.when.is_none()));
}

#[test]
fn every_item_keeps_provenance_and_both_languages() {
    // The checker enforces this; loading succeeded, so assert it holds for a sample directly too.
    let f = fw();
    for q in &f.questions {
        assert!(q.provenance.is_some(), "{}", q.id);
        assert!(q.label.missing_langs().is_empty(), "{}", q.id);
    }
    assert!(
        kader_data::get("kwaliteitskader", "2024.1")
            .unwrap()
            .warnings
            .is_empty()
    );
}
