//! Structural comparison of two framework versions.

use kader_core::{Framework, Question, Text};
use serde::Serialize;
use std::collections::BTreeMap;

/// One change between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Change {
    /// What kind of item: `question`, `choice`, `domain`, `practice`, `criterion`, `decision`,
    /// `verdict`, `action`, `adjustment`, `scale`, `source`, `framework`.
    pub area: String,
    /// The item's id (for decision rules: their path, `decision.<id>` when both versions give every
    /// rule an id, else `decision[i]`).
    pub id: String,
    /// What changed.
    pub what: String,
    /// Whether answers stored for the old version may no longer be valid for the new one.
    pub breaking: bool,
    /// Whether the change can change verdicts or actions (a rule, a class, a scale rank).
    pub affects_outcomes: bool,
}

fn ch(area: &str, id: &str, what: String, breaking: bool, affects: bool) -> Change {
    Change {
        area: area.to_owned(),
        id: id.to_owned(),
        what,
        breaking,
        affects_outcomes: affects,
    }
}

fn text_eq(a: &Text, b: &Text) -> bool {
    a.nl == b.nl && a.en == b.en
}

fn keyed<'a, T>(items: &'a [T], id: impl Fn(&T) -> &str) -> BTreeMap<&'a str, &'a T>
where
    T: 'a,
{
    items.iter().map(|x| (id(x), x)).collect::<BTreeMap<_, _>>()
}

/// Every structural change from `a` to `b`, in a stable order.
pub fn diff(a: &Framework, b: &Framework) -> Vec<Change> {
    let mut out = Vec::new();
    if a.framework.version != b.framework.version || a.framework.id != b.framework.id {
        out.push(ch(
            "framework",
            &b.framework.id,
            format!("{} → {}", a.key(), b.key()),
            false,
            false,
        ));
    }
    // Questions and their choices: what stored answers depend on.
    let qa = keyed(&a.questions, |q| q.id.as_str());
    let qb = keyed(&b.questions, |q| q.id.as_str());
    for (id, q) in &qa {
        match qb.get(id) {
            None => out.push(ch(
                "question",
                id,
                "removed; stored answers to it become unknown keys".into(),
                true,
                true,
            )),
            Some(n) => question_changes(a, b, q, n, &mut out),
        }
    }
    for id in qb.keys().filter(|id| !qa.contains_key(*id)) {
        out.push(ch("question", id, "added".into(), false, true));
    }
    // Items compared by id with a summary of what differs.
    macro_rules! compare {
        ($area:expr, $list_a:expr, $list_b:expr, $cmp:expr) => {{
            let ma = keyed(&$list_a, |x| x.id.as_str());
            let mb = keyed(&$list_b, |x| x.id.as_str());
            for (id, x) in &ma {
                match mb.get(id) {
                    None => out.push(ch($area, id, "removed".into(), false, true)),
                    Some(y) => {
                        let f: &dyn Fn(&_, &_) -> Vec<(String, bool)> = &$cmp;
                        for (what, affects) in f(*x, *y) {
                            out.push(ch($area, id, what, false, affects));
                        }
                    }
                }
            }
            for id in mb.keys().filter(|id| !ma.contains_key(*id)) {
                out.push(ch($area, id, "added".into(), false, true));
            }
        }};
    }
    compare!(
        "domain",
        a.domains,
        b.domains,
        |x: &kader_core::Domain, y: &kader_core::Domain| {
            let mut v = Vec::new();
            if !text_eq(&x.label, &y.label) {
                v.push(("label changed".to_owned(), false));
            }
            if x.risk_factors != y.risk_factors || x.protective_factors != y.protective_factors {
                v.push(("factors changed".to_owned(), false));
            }
            v
        }
    );
    compare!(
        "practice",
        a.practices,
        b.practices,
        |x: &kader_core::Practice, y: &kader_core::Practice| {
            let mut v = Vec::new();
            if x.harm != y.harm {
                v.push((format!("harm class {} → {}", x.harm.id(), y.harm.id()), true));
            }
            if !text_eq(&x.label, &y.label) || !text_eq(&x.advice, &y.advice) {
                v.push(("texts changed".to_owned(), false));
            }
            v
        }
    );
    compare!(
        "criterion",
        a.criteria,
        b.criteria,
        |x: &kader_core::Criterion, y: &kader_core::Criterion| {
            let mut v = Vec::new();
            let cases =
                |c: &kader_core::Criterion| c.cases.iter().map(|k| (k.outcome, k.when.clone())).collect::<Vec<_>>();
            if cases(x) != cases(y) {
                v.push(("cases changed".to_owned(), false));
            }
            if !text_eq(&x.label, &y.label) {
                v.push(("label changed".to_owned(), false));
            }
            v
        }
    );
    compare!(
        "verdict",
        a.verdicts,
        b.verdicts,
        |x: &kader_core::Verdict, y: &kader_core::Verdict| {
            let mut v = Vec::new();
            if !text_eq(&x.label, &y.label) {
                v.push(("label changed".to_owned(), false));
            }
            if x.merit != y.merit {
                v.push(("merit changed".to_owned(), false));
            }
            v
        }
    );
    compare!(
        "action",
        a.actions,
        b.actions,
        |x: &kader_core::Action, y: &kader_core::Action| {
            if text_eq(&x.label, &y.label) {
                Vec::new()
            } else {
                vec![("label changed".to_owned(), false)]
            }
        }
    );
    compare!(
        "adjustment",
        a.adjustments,
        b.adjustments,
        |x: &kader_core::AdjustmentReason, y: &kader_core::AdjustmentReason| {
            let mut v = Vec::new();
            if x.when != y.when {
                v.push((format!("condition `{}` → `{}`", x.when, y.when), true));
            }
            if !text_eq(&x.advice, &y.advice) || !text_eq(&x.label, &y.label) {
                v.push(("texts changed".to_owned(), false));
            }
            v
        }
    );
    compare!(
        "scale",
        a.scales,
        b.scales,
        |x: &kader_core::Scale, y: &kader_core::Scale| {
            let levels = |s: &kader_core::Scale| {
                s.levels
                    .iter()
                    .map(|l| (l.id.clone(), l.rank, l.valid_years))
                    .collect::<Vec<_>>()
            };
            if levels(x) != levels(y) || x.expiry_penalty != y.expiry_penalty {
                vec![("levels, ranks or validity changed".to_owned(), true)]
            } else {
                Vec::new()
            }
        }
    );
    // Decision rules: by id when both versions name every rule (an inserted rule renumbers
    // nothing), else by position.
    decision_changes(a, b, &mut out);
    out
}

/// Whether every decision rule of the version has an id.
fn rules_have_ids(f: &Framework) -> bool {
    !f.decision.is_empty() && f.decision.iter().all(|d| d.id.is_some())
}

/// Whether [`diff`] compares the decision rules of `a` and `b` by id (both versions give every
/// rule an id; changes are then named `decision.<id>`) rather than by position (`decision[i]`).
pub fn rules_compared_by_id(a: &Framework, b: &Framework) -> bool {
    rules_have_ids(a) && rules_have_ids(b)
}

fn decision_changes(a: &Framework, b: &Framework, out: &mut Vec<Change>) {
    let compare = |id: &str, x: &kader_core::DecisionRule, y: &kader_core::DecisionRule, out: &mut Vec<Change>| {
        if x.verdict != y.verdict {
            out.push(ch(
                "decision",
                id,
                format!("verdict {} → {}", x.verdict, y.verdict),
                false,
                true,
            ));
        }
        if x.when != y.when {
            out.push(ch(
                "decision",
                id,
                format!(
                    "condition `{}` → `{}`",
                    x.when.as_deref().unwrap_or("(always)"),
                    y.when.as_deref().unwrap_or("(always)")
                ),
                false,
                true,
            ));
        }
        let acts = |d: &kader_core::DecisionRule| {
            (
                d.action.clone(),
                d.action_cases
                    .iter()
                    .map(|c| (c.action.clone(), c.when.clone()))
                    .collect::<Vec<_>>(),
            )
        };
        if acts(x) != acts(y) {
            out.push(ch("decision", id, "action changed".into(), false, true));
        }
        if x.advise != y.advise {
            out.push(ch(
                "decision",
                id,
                format!("advise {} → {}", x.advise, y.advise),
                false,
                true,
            ));
        }
    };
    if rules_compared_by_id(a, b) {
        let id_of = |d: &kader_core::DecisionRule| d.id.clone().unwrap_or_default();
        let pa: Vec<String> = a.decision.iter().map(id_of).collect();
        let pb: Vec<String> = b.decision.iter().map(id_of).collect();
        for (i, x) in a.decision.iter().enumerate() {
            let path = x.path(i);
            match b.decision.iter().position(|y| y.id == x.id) {
                None => out.push(ch(
                    "decision",
                    &path,
                    format!("removed (verdict {})", x.verdict),
                    false,
                    true,
                )),
                Some(j) => compare(&path, x, &b.decision[j], out),
            }
        }
        for (j, y) in b.decision.iter().enumerate() {
            if !a.decision.iter().any(|x| x.id == y.id) {
                let after = j
                    .checked_sub(1)
                    .and_then(|k| b.decision.get(k))
                    .and_then(|p| p.id.clone())
                    .map_or_else(|| "first".to_owned(), |p| format!("after {p}"));
                out.push(ch(
                    "decision",
                    &y.path(j),
                    format!("added (verdict {}, {after})", y.verdict),
                    false,
                    true,
                ));
            }
        }
        // The order of the rules that both versions have: first match wins, so order matters.
        let common_a: Vec<&String> = pa.iter().filter(|id| pb.contains(id)).collect();
        let common_b: Vec<&String> = pb.iter().filter(|id| pa.contains(id)).collect();
        if common_a != common_b {
            out.push(ch(
                "decision",
                "decision",
                format!(
                    "order {} → {}",
                    common_a.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
                    common_b.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                ),
                false,
                true,
            ));
        }
        return;
    }
    let n = a.decision.len().max(b.decision.len());
    for i in 0..n {
        let id = format!("decision[{i}]");
        match (a.decision.get(i), b.decision.get(i)) {
            (Some(x), Some(y)) => compare(&id, x, y, out),
            (Some(x), None) => out.push(ch(
                "decision",
                &id,
                format!("removed (verdict {})", x.verdict),
                false,
                true,
            )),
            (None, Some(y)) => out.push(ch(
                "decision",
                &id,
                format!("added (verdict {})", y.verdict),
                false,
                true,
            )),
            (None, None) => {}
        }
    }
}

fn question_changes(fa: &Framework, fb: &Framework, a: &Question, b: &Question, out: &mut Vec<Change>) {
    let id = a.id.as_str();
    if a.kind != b.kind {
        out.push(ch(
            "question",
            id,
            format!("type {} → {}", a.kind.id(), b.kind.id()),
            true,
            true,
        ));
        return;
    }
    let (alo, ahi) = (a.min.unwrap_or(i64::MIN), a.max.unwrap_or(i64::MAX));
    let (blo, bhi) = (b.min.unwrap_or(i64::MIN), b.max.unwrap_or(i64::MAX));
    if (alo, ahi) != (blo, bhi) {
        let narrowed = blo > alo || bhi < ahi;
        out.push(ch(
            "question",
            id,
            format!("bounds {} → {}", bounds(a), bounds(b)),
            narrowed,
            true,
        ));
    }
    let ca: Vec<&str> = fa.choices_of(a).iter().map(|c| c.id).collect();
    let cb: Vec<&str> = fb.choices_of(b).iter().map(|c| c.id).collect();
    for c in ca.iter().filter(|c| !cb.contains(c)) {
        out.push(ch(
            "choice",
            &format!("{id}.{c}"),
            "removed; stored answers with it become invalid".into(),
            true,
            true,
        ));
    }
    for c in cb.iter().filter(|c| !ca.contains(c)) {
        out.push(ch("choice", &format!("{id}.{c}"), "added".into(), false, true));
    }
    if !text_eq(&a.label, &b.label) || a.help != b.help {
        out.push(ch("question", id, "wording changed".into(), false, false));
    }
}

fn bounds(q: &Question) -> String {
    let f = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    format!("{}..={}", f(q.min), f(q.max))
}
