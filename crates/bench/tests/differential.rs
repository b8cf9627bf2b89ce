//! Differential test: kader and the peer (zen-engine, `peer/kwaliteitskader-2024.1.jdm.json`)
//! must agree on verdict, action and the set of adjustment reasons that definitely hold, for every
//! example intervention and for 12,000 generated answer sets (complete and partial ones), on
//! several assessment dates (so recognitions are valid, expired and of unknown validity).

use kader_bench::generate::{Generator, Rng};
use kader_bench::peer::{Peer, PeerDecision};
use kader_bench::{Fixture, on};
use kader_core::{Answers, Date};
use kader_rules::Evaluation;
use std::collections::BTreeMap;

fn fixture() -> (Fixture, Peer) {
    let fx = Fixture::load().expect("framework and examples load");
    let peer = Peer::new(fx.compiled.framework()).expect("the peer's JDM loads");
    (fx, peer)
}

fn check(fx: &Fixture, peer: &Peer, answers: &Answers, date: Date, ev: &mut Evaluation, what: &str) -> PeerDecision {
    let dense = fx
        .compiled
        .validate(answers)
        .unwrap_or_else(|e| panic!("{what}: generated answers must be valid: {e:?}"));
    let ours = fx.kader_decision(&dense, date, ev);
    let theirs = peer
        .decide_answers(answers, date)
        .unwrap_or_else(|e| panic!("{what}: peer failed: {e}\ninput: {}", peer.input_json(answers, date)));
    assert_eq!(
        ours,
        theirs,
        "{what} on {date}: kader and the peer disagree\nanswers: {}",
        serde_json::to_string(answers).unwrap_or_default()
    );
    ours
}

#[test]
fn examples_agree() {
    let (fx, peer) = fixture();
    let mut ev = Evaluation::default();
    for ex in &fx.examples {
        for date in [
            on(),
            Date::new(2024, 6, 5).unwrap_or(on()),
            Date::new(2031, 1, 1).unwrap_or(on()),
        ] {
            check(&fx, &peer, &ex.file.answers, date, &mut ev, &ex.name);
        }
    }
}

#[test]
fn generated_answer_sets_agree() {
    const N: usize = 12_000;
    let (fx, peer) = fixture();
    let mut ev = Evaluation::default();
    let dates = [
        on(),
        Date::new(2024, 6, 5).unwrap_or(on()),
        Date::new(2029, 12, 31).unwrap_or(on()),
    ];
    let generators: Vec<Generator> = dates
        .iter()
        .map(|d| Generator::new(fx.compiled.framework(), d.year()))
        .collect();
    let mut rng = Rng::new(0x6b61_6465_7220_3230);
    let mut outcomes: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    let mut partial = 0;
    for i in 0..N {
        let k = i % dates.len();
        let answers = generators[k].mixed(&mut rng);
        if answers.len() < fx.compiled.question_count() {
            partial += 1;
        }
        let d = check(&fx, &peer, &answers, dates[k], &mut ev, &format!("generated set {i}"));
        *outcomes.entry((d.verdict, d.action)).or_default() += 1;
        for r in d.adjustments {
            *reasons.entry(r).or_default() += 1;
        }
    }
    eprintln!("{N} answer sets ({partial} partial) agree; verdict/action: {outcomes:?}; reasons: {reasons:?}");
    // The generator must exercise the whole decision, or agreement proves little.
    let fw = fx.compiled.framework();
    for rule in &fw.decision {
        assert!(
            outcomes.keys().any(|(v, _)| *v == rule.verdict),
            "no generated set reached verdict {}",
            rule.verdict
        );
    }
    for a in &fw.actions {
        assert!(
            outcomes.keys().any(|(_, x)| *x == a.id),
            "no generated set reached action {}",
            a.id
        );
    }
    for a in &fw.adjustments {
        assert!(
            reasons.contains_key(&a.id),
            "no generated set made adjustment reason {} hold",
            a.id
        );
    }
    assert!(partial > N / 3, "too few partial answer sets: {partial}");
}

/// Sets built to sit on the three-valued edges: one question at a time left unknown in an
/// example that otherwise decides, so that a rule is skipped rather than fired.
#[test]
fn one_unknown_at_a_time_agrees() {
    let (fx, peer) = fixture();
    let mut ev = Evaluation::default();
    for ex in &fx.examples {
        for key in ex.file.answers.keys() {
            let mut answers = ex.file.answers.clone();
            answers.remove(key);
            check(
                &fx,
                &peer,
                &answers,
                on(),
                &mut ev,
                &format!("{} without {key}", ex.name),
            );
        }
    }
}

/// The peer is evaluated many times with the same prepared input in the benchmark: its result
/// must not depend on earlier evaluations.
#[test]
fn peer_is_repeatable() {
    let (fx, peer) = fixture();
    let mut rng = Rng::new(7);
    let g = fx.generator();
    for _ in 0..200 {
        let answers = g.mixed(&mut rng);
        let input = peer.input(&answers, on());
        let first = peer.decide(input.clone()).expect("peer evaluates");
        for _ in 0..3 {
            assert_eq!(peer.decide(input.clone()).expect("peer evaluates"), first);
        }
    }
}
