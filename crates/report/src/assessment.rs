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

/// How a report is rendered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// ANSI colours (terminal text only; use it only on a terminal).
    pub color: bool,
    /// Show the ids of rules and questions beside their names (for framework authors).
    pub ids: bool,
}

impl Options {
    /// Plain output: no colours, no ids.
    pub fn new() -> Options {
        Options::default()
    }
    /// With or without ANSI colours.
    pub fn color(mut self, on: bool) -> Options {
        self.color = on;
        self
    }
    /// With or without ids beside names.
    pub fn ids(mut self, on: bool) -> Options {
        self.ids = on;
        self
    }
}

/// The kind of a provenance in words ("nota van het ministerie", "literatuur").
pub(crate) fn kind_label(kind: ProvenanceKind, lang: Lang) -> &'static str {
    match kind {
        ProvenanceKind::Memo => lang.pick("nota van het ministerie", "ministry note"),
        ProvenanceKind::ReportSecondary => {
            lang.pick("secundaire bron over het rapport", "secondary source on the report")
        }
        ProvenanceKind::Nji => lang.pick("erkenningsstelsel", "recognition system"),
        ProvenanceKind::Literature => lang.pick("literatuur", "literature"),
        ProvenanceKind::Editorial => lang.pick("redactionele reconstructie", "editorial reconstruction"),
    }
}

/// A source reference as a footnote: `[3]`, `[1, §4.4]`, `[1, voetnoot 3]`.
pub(crate) fn footnote(a: &Assessment, s: &kader_core::SourceRef) -> (Option<u32>, String) {
    let lang = a.lang;
    let number = a.sources.iter().find(|c| c.id == s.id).map(|c| c.number);
    let locator = s.locator.as_deref().map(|l| {
        if let Some(n) = l.strip_prefix("fn") {
            format!("{} {n}", lang.pick("voetnoot", "footnote"))
        } else if l.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            format!("§{l}")
        } else {
            l.to_owned()
        }
    });
    let label = match (number, locator) {
        (Some(n), Some(l)) => format!("[{n}, {l}]"),
        (Some(n), None) => format!("[{n}]"),
        (None, Some(l)) => format!("[{}, {l}]", s.id),
        (None, None) => format!("[{}]", s.id),
    };
    (number, label)
}

/// "redactionele reconstructie [1, §3] [2]": the kind in words and the sources as footnotes.
pub(crate) fn provenance_line(a: &Assessment, p: &ProvenanceRef) -> String {
    let mut out = kind_label(p.kind, a.lang).to_owned();
    for s in &p.sources {
        out.push(' ');
        out.push_str(&footnote(a, s).1);
    }
    out
}

/// One answer in words: "Onderdelen: Afschrikking" (with the id when asked: "Onderdelen
/// (components): ...").
pub(crate) fn answer_phrase(r: &AnswerRef, lang: Lang, ids: bool) -> String {
    let name = if r.label.is_empty() {
        r.question.as_str()
    } else {
        r.label.as_str()
    };
    let name = if ids && !r.label.is_empty() {
        format!("{name} ({})", r.question)
    } else {
        name.to_owned()
    };
    match (&r.text, &r.value) {
        (Some(t), _) => format!("{name}: {t}"),
        (None, Some(v)) => format!("{name}: {v}"),
        (None, None) => format!("{name}: {}", lang.pick("niet beantwoord", "not answered")),
    }
}

pub(crate) fn answers_line(refs: &[AnswerRef], lang: Lang, ids: bool) -> String {
    refs.iter()
        .map(|r| answer_phrase(r, lang, ids))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The rule's name, with its path when ids are asked for.
pub(crate) fn rule_name(a: &Assessment, ids: bool) -> String {
    let label = if a.decided_by.label.is_empty() {
        a.decided_by.rule.clone()
    } else {
        a.decided_by.label.clone()
    };
    if ids && !a.decided_by.label.is_empty() {
        format!("{label} ({})", a.decided_by.rule)
    } else {
        label
    }
}

/// The unofficial-status text: the framework's own, or kader's for versions that have none.
pub(crate) fn notice(a: &Assessment) -> &str {
    a.notice.as_deref().unwrap_or_else(|| t(a.lang, "notice-default"))
}

/// "Mogelijk schadelijk / Stoppen, ..." for the results an unanswered question could lead to.
pub(crate) fn alternatives(m: &kader_core::Missing, ids: bool) -> String {
    m.could_become
        .iter()
        .map(|o| {
            let words = if o.verdict_label.is_empty() {
                format!("{} / {}", o.verdict, o.action)
            } else {
                format!("{} / {}", o.verdict_label, o.action_label)
            };
            if ids && !o.verdict_label.is_empty() {
                format!("{words} ({}/{})", o.verdict, o.action)
            } else {
                words
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub(crate) fn missing_name(m: &kader_core::Missing, ids: bool) -> String {
    if ids {
        format!("{} ({})", m.label, m.question)
    } else {
        m.label.clone()
    }
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
/// the answers that could change the result, and the sources. `color` adds ANSI colours (use it
/// only on a terminal).
pub fn text(a: &Assessment, color: bool) -> String {
    text_with(a, Options::new().color(color))
}

/// Terminal text with options.
pub fn text_with(a: &Assessment, o: Options) -> String {
    let (lang, color) = (a.lang, o.color);
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
    let _ = writeln!(
        s,
        "{}",
        paint(&format!("{} {}", t(lang, "notice-lead"), notice(a)), "2", color)
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
    let indent = " ".repeat(w);
    if !a.decided_by.because.is_empty() {
        let _ = writeln!(
            s,
            "{indent}{} {}",
            t(lang, "because"),
            answers_line(&a.decided_by.because, lang, o.ids)
        );
    }
    let _ = writeln!(
        s,
        "{indent}{}: {} · {}: {}",
        t(lang, "decided-by"),
        rule_name(a, o.ids),
        t(lang, "basis"),
        provenance_line(a, &a.decided_by.provenance)
    );
    if a.provisional {
        let _ = writeln!(s, "{indent}{}", paint(t(lang, "provisional"), "33", color));
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
            for item in &adv.items {
                let _ = writeln!(s, "      - {item}");
            }
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
            let _ = writeln!(
                s,
                "  - {}: {} {}",
                missing_name(m, o.ids),
                t(lang, "could-become"),
                alternatives(m, o.ids)
            );
        }
    }
    if !a.sources.is_empty() {
        let _ = writeln!(s, "\n{}", paint(t(lang, "sources"), "1", color));
        for src in &a.sources {
            match &src.url {
                Some(u) => {
                    let _ = writeln!(s, "  [{}] {} {u}", src.number, src.citation);
                }
                None => {
                    let _ = writeln!(s, "  [{}] {}", src.number, src.citation);
                }
            }
        }
    }
    s
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Markdown, for filing and for pasting into documents.
pub fn markdown(a: &Assessment) -> String {
    markdown_with(a, Options::new())
}

/// A footnote reference in Markdown: a link to the source's entry in the list.
fn md_provenance(a: &Assessment, p: &ProvenanceRef) -> String {
    let mut out = kind_label(p.kind, a.lang).to_owned();
    for s in &p.sources {
        let (n, label) = footnote(a, s);
        match n {
            Some(n) => {
                let _ = write!(out, " [{}](#bron-{n})", label.replace('[', "\\[").replace(']', "\\]"));
            }
            None => {
                let _ = write!(out, " {label}");
            }
        }
    }
    out
}

/// Markdown with options.
pub fn markdown_with(a: &Assessment, o: Options) -> String {
    let lang = a.lang;
    let mut s = String::new();
    let _ = writeln!(s, "# {}: {}\n", t(lang, "report-title"), a.intervention.name);
    let _ = writeln!(s, "> {} {}\n", t(lang, "notice-lead"), notice(a));
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
            "  ({} {})",
            t(lang, "because"),
            answers_line(&a.decided_by.because, lang, o.ids)
        );
    }
    let _ = writeln!(s, "- **{}:** {}", t(lang, "decided-by"), rule_name(a, o.ids));
    let _ = writeln!(
        s,
        "- **{}:** {}",
        t(lang, "basis"),
        md_provenance(a, &a.decided_by.provenance)
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
                md_provenance(a, &adv.provenance)
            );
            for item in &adv.items {
                let _ = writeln!(s, "  - {item}");
            }
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
                md_provenance(a, &f.provenance)
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
        let why = if c.because.is_empty() {
            String::new()
        } else {
            format!(" ({} {})", t(lang, "because"), answers_line(&c.because, lang, o.ids))
        };
        let _ = writeln!(
            s,
            "| {} | {} {} | {}{} | {} |",
            md_escape(&c.label),
            outcome_symbol(c.outcome),
            c.outcome.label(lang),
            md_escape(&c.explain),
            md_escape(&why),
            md_escape(&md_provenance(a, &c.provenance))
        );
    }
    if !a.missing.is_empty() {
        let _ = writeln!(s, "\n## {}\n", t(lang, "missing"));
        for m in &a.missing {
            let _ = writeln!(
                s,
                "- {}: {} {}",
                missing_name(m, o.ids),
                t(lang, "could-become"),
                alternatives(m, o.ids)
            );
        }
    }
    if !a.sources.is_empty() {
        let _ = writeln!(s, "\n## {}\n", t(lang, "sources"));
        for src in &a.sources {
            let _ = write!(s, "{}. <a id=\"bron-{}\"></a>{}", src.number, src.number, src.citation);
            if let Some(u) = &src.url {
                let _ = write!(s, " <{u}>");
            }
            s.push('\n');
        }
    }
    s
}
