//! Terminal text and Markdown for one assessment.

use crate::{harm_label, outcome_symbol, recognition_line, t};
use kader_core::{AnswerRef, Assessment, Lang, Outcome, ProvenanceKind, ProvenanceRef};
use std::fmt::Write as _;

fn paint(s: &str, code: &str, color: bool) -> String {
    if color {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_owned()
    }
}

/// ANSI colour of a verdict: red for harm and stop, green for proven effective, yellow otherwise.
fn verdict_color(id: &str) -> &'static str {
    match id {
        "potentially-harmful" | "ineffective" => "1;31",
        "proven-effective" => "1;32",
        "promising" => "1;36",
        _ => "1;33",
    }
}

fn outcome_color(o: Outcome) -> &'static str {
    match o {
        Outcome::Met => "32",
        Outcome::Partly => "33",
        Outcome::NotMet => "31",
        Outcome::Unknown | Outcome::NotApplicable => "2",
    }
}

pub(crate) fn provenance_line(p: &ProvenanceRef, lang: Lang) -> String {
    let sources: Vec<String> = p
        .sources
        .iter()
        .map(|s| match &s.locator {
            Some(l) => format!("{} {l}", s.id),
            None => s.id.clone(),
        })
        .collect();
    let kind = match (p.kind, lang) {
        (ProvenanceKind::Memo, Lang::Nl) => "kamerbrief",
        (ProvenanceKind::Memo, Lang::En) => "cover memo",
        (ProvenanceKind::ReportSecondary, Lang::Nl) => "rapport (secundaire bron)",
        (ProvenanceKind::ReportSecondary, Lang::En) => "report (secondary source)",
        (ProvenanceKind::Nji, _) => "NJi",
        (ProvenanceKind::Literature, Lang::Nl) => "literatuur",
        (ProvenanceKind::Literature, Lang::En) => "literature",
        (ProvenanceKind::Editorial, Lang::Nl) => "redactioneel",
        (ProvenanceKind::Editorial, Lang::En) => "editorial",
    };
    if sources.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind}: {}", sources.join(", "))
    }
}

pub(crate) fn answers_line(refs: &[AnswerRef], lang: Lang) -> String {
    refs.iter()
        .map(|r| match &r.value {
            Some(v) => format!("{} = {v}", r.question),
            None => format!("{} = {}", r.question, t(lang, "unknown")),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width {
        s.to_owned()
    } else {
        format!("{s}{}", " ".repeat(width - n))
    }
}

/// Terminal text: verdict and action first, then advice, flags, criteria as a compact table,
/// and the answers that could change the result. `color` adds ANSI colours (use it only on a
/// terminal).
pub fn text(a: &Assessment, color: bool) -> String {
    let lang = a.lang;
    let mut s = String::new();
    let name = match &a.intervention.provider {
        Some(p) => format!("{} ({p})", a.intervention.name),
        None => a.intervention.name.clone(),
    };
    let _ = writeln!(s, "{}", paint(&name, "1", color));
    let _ = writeln!(
        s,
        "{}@{} · {} {}",
        a.framework.id,
        a.framework.version,
        t(lang, "assessed-on"),
        a.assessed_on
    );
    let _ = writeln!(s);
    let w = ["verdict", "action", "why", "recognition"]
        .iter()
        .map(|k| t(lang, k).chars().count() + 2)
        .max()
        .unwrap_or(9);
    let _ = writeln!(
        s,
        "{}{}",
        pad(&format!("{}:", t(lang, "verdict")), w),
        paint(&a.verdict.label, verdict_color(&a.verdict.id), color)
    );
    let _ = writeln!(
        s,
        "{}{}",
        pad(&format!("{}:", t(lang, "action")), w),
        paint(&a.action.label, "1", color)
    );
    let _ = writeln!(s, "{}{}", pad(&format!("{}:", t(lang, "why")), w), a.decided_by.explain);
    if !a.decided_by.because.is_empty() {
        let _ = writeln!(
            s,
            "{}{} {}",
            " ".repeat(w),
            t(lang, "because"),
            answers_line(&a.decided_by.because, lang)
        );
    }
    let _ = writeln!(
        s,
        "{}{} {} · {} {}",
        " ".repeat(w),
        t(lang, "rule"),
        a.decided_by.rule,
        t(lang, "basis").to_lowercase(),
        provenance_line(&a.decided_by.provenance, lang)
    );
    if a.provisional {
        let _ = writeln!(s, "{}{}", " ".repeat(w), paint(t(lang, "provisional"), "33", color));
    }
    if let Some(r) = &a.recognition {
        let _ = writeln!(
            s,
            "{}{}",
            pad(&format!("{}:", t(lang, "recognition")), w),
            recognition_line(r, lang)
        );
    }
    if !a.advice.is_empty() {
        let _ = writeln!(s, "\n{}", paint(t(lang, "advice"), "1", color));
        for adv in &a.advice {
            let _ = writeln!(s, "  • {}: {}", adv.label, adv.text);
        }
    }
    if !a.flags.is_empty() {
        let _ = writeln!(s, "\n{}", paint(t(lang, "flags"), "1", color));
        for f in &a.flags {
            let _ = writeln!(s, "  ! {} ({}): {}", f.label, harm_label(f.harm, lang), f.advice);
        }
    }
    let _ = writeln!(s, "\n{}", paint(t(lang, "criteria"), "1", color));
    let width = a
        .criteria
        .iter()
        .map(|c| c.label.chars().count())
        .max()
        .unwrap_or(0)
        .min(34);
    for c in &a.criteria {
        let outcome = format!("{} {}", outcome_symbol(c.outcome), c.outcome.label(lang));
        let _ = writeln!(
            s,
            "  {}  {}  {}",
            pad(&c.label, width),
            paint(&pad(&outcome, 14), outcome_color(c.outcome), color),
            c.explain
        );
    }
    if !a.missing.is_empty() {
        let _ = writeln!(s, "\n{}", paint(t(lang, "missing"), "1", color));
        for m in &a.missing {
            let alts = crate::alternatives(m);
            let _ = writeln!(
                s,
                "  - {} ({}): {} {}",
                m.label,
                m.question,
                t(lang, "could-become"),
                alts
            );
        }
    }
    s
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Markdown, for filing and for pasting into documents.
pub fn markdown(a: &Assessment) -> String {
    let lang = a.lang;
    let mut s = String::new();
    let _ = writeln!(s, "# {}: {}\n", t(lang, "report-title"), a.intervention.name);
    if let Some(p) = &a.intervention.provider {
        let _ = writeln!(s, "- **{}:** {p}", t(lang, "provider"));
    }
    let _ = writeln!(
        s,
        "- **{}:** {}@{} ({}), {} {}",
        t(lang, "framework"),
        a.framework.id,
        a.framework.version,
        a.framework.digest,
        t(lang, "assessed-on"),
        a.assessed_on
    );
    let _ = writeln!(s, "- **{}:** {}", t(lang, "verdict"), a.verdict.label);
    let _ = writeln!(s, "- **{}:** {}", t(lang, "action"), a.action.label);
    let _ = writeln!(s, "- **{}:** {}", t(lang, "why"), a.decided_by.explain);
    if !a.decided_by.because.is_empty() {
        let _ = writeln!(
            s,
            "  ({} `{}`)",
            t(lang, "because"),
            answers_line(&a.decided_by.because, lang)
        );
    }
    let _ = writeln!(
        s,
        "- **{}:** {}",
        t(lang, "basis"),
        provenance_line(&a.decided_by.provenance, lang)
    );
    if a.decided_by.provenance.kind == ProvenanceKind::Editorial {
        let _ = writeln!(s, "  _{}_", t(lang, "editorial-note"));
    }
    if a.provisional {
        let _ = writeln!(s, "\n> {}", t(lang, "provisional"));
    }
    if let Some(r) = &a.recognition {
        let _ = writeln!(s, "\n**{}:** {}", t(lang, "recognition"), recognition_line(r, lang));
    }
    if !a.advice.is_empty() {
        let _ = writeln!(s, "\n## {}\n", t(lang, "advice"));
        for adv in &a.advice {
            let _ = writeln!(
                s,
                "- **{}.** {} _({})_",
                adv.label,
                adv.text,
                provenance_line(&adv.provenance, lang)
            );
        }
    }
    if !a.flags.is_empty() {
        let _ = writeln!(s, "\n## {}\n", t(lang, "flags"));
        for f in &a.flags {
            let _ = writeln!(
                s,
                "- **{}** ({}): {} _({})_",
                f.label,
                harm_label(f.harm, lang),
                f.advice,
                provenance_line(&f.provenance, lang)
            );
        }
    }
    let _ = writeln!(s, "\n## {}\n", t(lang, "criteria"));
    let _ = writeln!(
        s,
        "| {} | {} | {} | {} |",
        t(lang, "criterion"),
        t(lang, "outcome"),
        t(lang, "explanation"),
        t(lang, "basis")
    );
    let _ = writeln!(s, "|---|---|---|---|");
    for c in &a.criteria {
        let _ = writeln!(
            s,
            "| {} | {} {} | {} | {} |",
            md_escape(&c.label),
            outcome_symbol(c.outcome),
            c.outcome.label(lang),
            md_escape(&c.explain),
            md_escape(&provenance_line(&c.provenance, lang))
        );
    }
    if !a.missing.is_empty() {
        let _ = writeln!(s, "\n## {}\n", t(lang, "missing"));
        for m in &a.missing {
            let alts = crate::alternatives(m);
            let _ = writeln!(
                s,
                "- {} (`{}`): {} {}",
                m.label,
                m.question,
                t(lang, "could-become"),
                alts
            );
        }
    }
    s
}
