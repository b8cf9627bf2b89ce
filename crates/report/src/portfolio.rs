//! Portfolio reports: all interventions of a municipality at once.

use crate::html::{CSS, escape};
use crate::t;
use kader_core::{AnswerValue, Answers, Assessment, ChoiceSource, Framework, Lang};
use schemars::JsonSchema;
use serde::Serialize;
use std::fmt::Write as _;

/// One intervention of a portfolio: where it came from, its assessment, and the risk domains it
/// works on.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file it was read from.
    pub file: String,
    /// Its assessment.
    pub assessment: Assessment,
    /// Risk domain ids it works on.
    pub domains: Vec<String>,
}

/// A count with its id and label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct Count {
    /// Verdict or action id.
    pub id: String,
    /// Label.
    pub label: String,
    /// How many interventions.
    pub count: usize,
}

/// An intervention that needs attention (stop, adjust, research).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct Attention {
    /// The intervention's name.
    pub name: String,
    /// The file.
    pub file: String,
    /// Verdict id.
    pub verdict: String,
    /// Verdict label.
    pub verdict_label: String,
    /// Action id.
    pub action: String,
    /// Action label.
    pub action_label: String,
    /// The main reason, in words.
    pub reason: String,
}

/// How one risk domain is covered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct Coverage {
    /// Domain id.
    pub domain: String,
    /// Domain label.
    pub label: String,
    /// Interventions with verdict proven-effective or promising.
    pub sound: Vec<String>,
    /// Interventions with a harmful or ineffective verdict.
    pub risky: Vec<String>,
    /// Other interventions in scope (insufficiently grounded).
    pub other: Vec<String>,
    /// `sound`, `only-risky`, `only-unproven` or `none`.
    pub status: String,
}

/// The portfolio summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct Portfolio {
    /// `id@version` of the framework(s) used.
    pub frameworks: Vec<String>,
    /// Assessment date.
    pub assessed_on: String,
    /// Language.
    pub lang: Lang,
    /// Number of interventions.
    pub total: usize,
    /// Count per verdict, in the framework's order.
    pub verdicts: Vec<Count>,
    /// Count per action, in the framework's order.
    pub actions: Vec<Count>,
    /// Interventions to stop, adjust or research, most urgent first.
    pub attention: Vec<Attention>,
    /// Coverage of every risk domain.
    pub coverage: Vec<Coverage>,
}

const URGENCY: [&str; 3] = ["stop", "adjust", "research"];

/// The risk domains an intervention works on: the domain ids selected in its answers to the
/// framework's multi questions whose choices come from the domains.
pub fn domains_answered(fw: &Framework, answers: &Answers) -> Vec<String> {
    let mut out = Vec::new();
    for q in fw
        .questions
        .iter()
        .filter(|q| q.choices_from.contains(&ChoiceSource::Domains))
    {
        if let Some(AnswerValue::List(ids)) = answers.get(&q.id) {
            out.extend(ids.iter().filter(|id| fw.domain(id).is_some()).cloned());
        }
    }
    out.sort();
    out.dedup();
    out
}

impl Portfolio {
    /// Summarises entries assessed against `fw`, with its verdicts, actions and domains.
    pub fn for_framework(entries: &[Entry], fw: &Framework, lang: Lang) -> Portfolio {
        let pairs = |v: Vec<(&String, &kader_core::Text)>| -> Vec<(String, String)> {
            v.into_iter()
                .map(|(id, t)| (id.clone(), t.get(lang).to_owned()))
                .collect()
        };
        Portfolio::build(
            entries,
            &pairs(fw.verdicts.iter().map(|v| (&v.id, &v.label)).collect()),
            &pairs(fw.actions.iter().map(|v| (&v.id, &v.label)).collect()),
            &pairs(fw.domains.iter().map(|v| (&v.id, &v.label)).collect()),
            lang,
        )
    }

    /// Summarises entries. `verdicts`, `actions` and `domains` are (id, label) in the
    /// framework's order.
    pub fn build(
        entries: &[Entry],
        verdicts: &[(String, String)],
        actions: &[(String, String)],
        domains: &[(String, String)],
        lang: Lang,
    ) -> Portfolio {
        let mut frameworks: Vec<String> = entries
            .iter()
            .map(|e| format!("{}@{}", e.assessment.framework.id, e.assessment.framework.version))
            .collect();
        frameworks.sort();
        frameworks.dedup();
        let count = |f: &dyn Fn(&Assessment) -> &str, list: &[(String, String)]| -> Vec<Count> {
            list.iter()
                .map(|(id, label)| Count {
                    id: id.clone(),
                    label: label.clone(),
                    count: entries.iter().filter(|e| f(&e.assessment) == id).count(),
                })
                .collect()
        };
        let mut attention: Vec<Attention> = entries
            .iter()
            .filter(|e| URGENCY.contains(&e.assessment.action.id.as_str()))
            .map(|e| {
                let a = &e.assessment;
                // A short main reason: what triggered the rule, not the whole explanation.
                let first_sentence = a
                    .decided_by
                    .explain
                    .split_inclusive(". ")
                    .next()
                    .unwrap_or(&a.decided_by.explain)
                    .trim()
                    .to_owned();
                // "De interventie is kansrijk: ze is erkend ..." → "De interventie is kansrijk".
                let first_sentence = match first_sentence.split_once(": ") {
                    Some((head, _)) => head.to_owned(),
                    None => first_sentence,
                };
                let flags: Vec<String> = a.flags.iter().map(|f| f.label.clone()).collect();
                let advice: Vec<String> = a.advice.iter().map(|x| x.label.clone()).collect();
                let reason = if a.action.id == "adjust" && !advice.is_empty() {
                    advice.join("; ")
                } else if !flags.is_empty() && a.action.id == "stop" {
                    format!("{} ({})", first_sentence.trim_end_matches('.'), flags.join("; "))
                } else if !advice.is_empty() {
                    format!("{} ({})", first_sentence.trim_end_matches('.'), advice.join("; "))
                } else {
                    first_sentence
                };
                Attention {
                    name: a.intervention.name.clone(),
                    file: e.file.clone(),
                    verdict: a.verdict.id.clone(),
                    verdict_label: a.verdict.label.clone(),
                    action: a.action.id.clone(),
                    action_label: a.action.label.clone(),
                    reason,
                }
            })
            .collect();
        // Most urgent first, then by name (compared by reference: no clone per comparison).
        let urgency = |x: &Attention| URGENCY.iter().position(|u| *u == x.action).unwrap_or(URGENCY.len());
        attention.sort_by(|a, b| urgency(a).cmp(&urgency(b)).then_with(|| a.name.cmp(&b.name)));
        let coverage = domains
            .iter()
            .map(|(id, label)| {
                let mut sound = Vec::new();
                let mut risky = Vec::new();
                let mut other = Vec::new();
                for e in entries.iter().filter(|e| e.domains.contains(id)) {
                    let name = e.assessment.intervention.name.clone();
                    match e.assessment.verdict.id.as_str() {
                        "proven-effective" | "promising" => sound.push(name),
                        "potentially-harmful" | "ineffective" => risky.push(name),
                        "out-of-scope" => {}
                        _ => other.push(name),
                    }
                }
                let status = if !sound.is_empty() {
                    "sound"
                } else if !risky.is_empty() && other.is_empty() {
                    "only-risky"
                } else if !other.is_empty() || !risky.is_empty() {
                    "only-unproven"
                } else {
                    "none"
                };
                Coverage {
                    domain: id.clone(),
                    label: label.clone(),
                    sound,
                    risky,
                    other,
                    status: status.to_owned(),
                }
            })
            .collect();
        Portfolio {
            frameworks,
            assessed_on: entries
                .first()
                .map(|e| e.assessment.assessed_on.to_string())
                .unwrap_or_default(),
            lang,
            total: entries.len(),
            verdicts: count(&|a| a.verdict.id.as_str(), verdicts),
            actions: count(&|a| a.action.id.as_str(), actions),
            attention,
            coverage,
        }
    }
}

fn p(lang: Lang, key: &str) -> &'static str {
    let (nl, en) = match key {
        "title" => ("Portefeuille jeugdinterventies", "Portfolio of youth interventions"),
        "total" => ("interventies beoordeeld", "interventions assessed"),
        "by-verdict" => ("Oordelen", "Verdicts"),
        "by-action" => ("Acties", "Actions"),
        "attention" => ("Stoppen, bijstellen, onderzoeken", "Stop, adjust, research"),
        "coverage" => (
            "Dekking van de zeven risicodomeinen",
            "Coverage of the seven risk domains",
        ),
        "domain" => ("Risicodomein", "Risk domain"),
        "sound" => ("Bewezen effectief of kansrijk", "Proven effective or promising"),
        "risky" => ("Schadelijk of niet effectief", "Harmful or ineffective"),
        "other" => ("Onvoldoende onderbouwd", "Insufficiently grounded"),
        "status-sound" => ("gedekt", "covered"),
        "status-only-risky" => ("alleen risicovol", "only risky"),
        "status-only-unproven" => ("alleen onbewezen", "only unproven"),
        "status-none" => ("niet gedekt", "not covered"),
        "intervention" => ("Interventie", "Intervention"),
        "reason" => ("Belangrijkste reden", "Main reason"),
        "none-needed" => ("Geen interventies vragen om actie.", "No intervention needs action."),
        "explain-coverage" => (
            "Welke risicodomeinen worden aangepakt door interventies die werken of kansrijk zijn, welke alleen door risicovolle of onbewezen interventies, en welke niet.",
            "Which risk domains are addressed by interventions that work or are promising, which only by risky or unproven ones, and which not at all.",
        ),
        _ => ("?", "?"),
    };
    lang.pick(nl, en)
}

impl Portfolio {
    /// Terminal text.
    pub fn text(&self) -> String {
        let lang = self.lang;
        let mut s = String::new();
        let _ = writeln!(s, "{} ({} {})", p(lang, "title"), self.total, p(lang, "total"));
        let _ = writeln!(
            s,
            "{} · {} {}\n",
            self.frameworks.join(", "),
            t(lang, "assessed-on"),
            self.assessed_on
        );
        for (title, list) in [
            (p(lang, "by-verdict"), &self.verdicts),
            (p(lang, "by-action"), &self.actions),
        ] {
            let _ = writeln!(s, "{title}");
            let width = list.iter().map(|c| c.label.chars().count()).max().unwrap_or(0);
            for c in list.iter() {
                let pad = " ".repeat(width - c.label.chars().count());
                let _ = writeln!(s, "  {}{pad}  {:>4}  {}", c.label, c.count, "█".repeat(c.count.min(60)));
            }
            let _ = writeln!(s);
        }
        let _ = writeln!(s, "{}", p(lang, "attention"));
        if self.attention.is_empty() {
            let _ = writeln!(s, "  {}", p(lang, "none-needed"));
        }
        for a in &self.attention {
            let _ = writeln!(
                s,
                "  [{}] {} ({}): {}",
                a.action_label, a.name, a.verdict_label, a.reason
            );
        }
        let _ = writeln!(s, "\n{}", p(lang, "coverage"));
        for c in &self.coverage {
            let _ = writeln!(
                s,
                "  {:<40} {:<18} {}",
                c.label,
                p(lang, &format!("status-{}", c.status)),
                c.sound.join(", ")
            );
        }
        s
    }

    /// Markdown.
    pub fn markdown(&self) -> String {
        let lang = self.lang;
        let mut s = String::new();
        let _ = writeln!(s, "# {}\n", p(lang, "title"));
        let _ = writeln!(
            s,
            "{} {} · {} · {} {}\n",
            self.total,
            p(lang, "total"),
            self.frameworks.join(", "),
            t(lang, "assessed-on"),
            self.assessed_on
        );
        for (title, list, head) in [
            (p(lang, "by-verdict"), &self.verdicts, t(lang, "verdict")),
            (p(lang, "by-action"), &self.actions, t(lang, "action")),
        ] {
            let _ = writeln!(s, "## {title}\n\n| {head} | # |\n|---|---:|");
            for c in list.iter() {
                let _ = writeln!(s, "| {} | {} |", c.label, c.count);
            }
            let _ = writeln!(s);
        }
        let _ = writeln!(s, "## {}\n", p(lang, "attention"));
        if self.attention.is_empty() {
            let _ = writeln!(s, "{}\n", p(lang, "none-needed"));
        } else {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |\n|---|---|---|---|",
                t(lang, "action"),
                p(lang, "intervention"),
                t(lang, "verdict"),
                p(lang, "reason")
            );
            for a in &self.attention {
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} |",
                    a.action_label,
                    a.name.replace('|', "\\|"),
                    a.verdict_label,
                    a.reason.replace('|', "\\|")
                );
            }
            let _ = writeln!(s);
        }
        let _ = writeln!(s, "## {}\n\n{}\n", p(lang, "coverage"), p(lang, "explain-coverage"));
        let _ = writeln!(
            s,
            "| {} | | {} | {} | {} |\n|---|---|---|---|---|",
            p(lang, "domain"),
            p(lang, "sound"),
            p(lang, "other"),
            p(lang, "risky")
        );
        for c in &self.coverage {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} |",
                c.label,
                p(lang, &format!("status-{}", c.status)),
                c.sound.join(", "),
                c.other.join(", "),
                c.risky.join(", ")
            );
        }
        s
    }

    /// One self-contained, printable HTML file with inline SVG charts.
    pub fn html(&self) -> String {
        let lang = self.lang;
        let mut s = String::new();
        let _ = write!(
            s,
            "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{}</title><style>{CSS}{PCSS}</style></head><body><main>",
            lang.code(),
            p(lang, "title")
        );
        let _ = write!(
            s,
            "<h1>{}</h1><p class=\"meta\">{} {} · {} · {} {}</p>",
            p(lang, "title"),
            self.total,
            p(lang, "total"),
            escape(&self.frameworks.join(", ")),
            t(lang, "assessed-on"),
            escape(&self.assessed_on)
        );
        s.push_str("<div class=\"figures\">");
        for c in &self.actions {
            let _ = write!(
                s,
                "<div class=\"figure f-{}\"><span class=\"n\">{}</span><span class=\"l\">{}</span></div>",
                escape(&c.id),
                c.count,
                escape(&c.label)
            );
        }
        s.push_str("</div><div class=\"charts\">");
        for (title, list) in [
            (p(lang, "by-verdict"), &self.verdicts),
            (p(lang, "by-action"), &self.actions),
        ] {
            let _ = write!(s, "<section><h2>{title}</h2>{}</section>", bar_chart(list));
        }
        s.push_str("</div>");
        let _ = write!(s, "<h2>{}</h2>", p(lang, "attention"));
        if self.attention.is_empty() {
            let _ = write!(s, "<p>{}</p>", p(lang, "none-needed"));
        } else {
            let _ = write!(
                s,
                "<table class=\"attn\"><colgroup><col style=\"width:10rem\"><col style=\"width:32%\"><col style=\"width:9rem\"><col></colgroup><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
                t(lang, "action"),
                p(lang, "intervention"),
                t(lang, "verdict"),
                p(lang, "reason")
            );
            for a in &self.attention {
                let _ = write!(
                    s,
                    "<tr><td><span class=\"pill a-{}\">{}</span></td><td><strong>{}</strong><br><span class=\"small\">{}</span></td><td>{}</td><td>{}</td></tr>",
                    escape(&a.action),
                    escape(&a.action_label),
                    escape(&a.name),
                    escape(a.file.rsplit(['/', '\\']).next().unwrap_or(&a.file)),
                    escape(&a.verdict_label),
                    escape(&a.reason)
                );
            }
            s.push_str("</tbody></table>");
        }
        let _ = write!(
            s,
            "<h2>{}</h2><p class=\"small\">{}</p><table class=\"cov\"><thead><tr><th>{}</th><th></th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            p(lang, "coverage"),
            p(lang, "explain-coverage"),
            p(lang, "domain"),
            p(lang, "sound"),
            p(lang, "other"),
            p(lang, "risky")
        );
        for c in &self.coverage {
            let _ = write!(
                s,
                "<tr><td><strong>{}</strong></td><td><span class=\"pill c-{}\">{}</span></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&c.label),
                escape(&c.status),
                p(lang, &format!("status-{}", c.status)),
                escape(&c.sound.join(", ")),
                escape(&c.other.join(", ")),
                escape(&c.risky.join(", "))
            );
        }
        s.push_str("</tbody></table>");
        let _ = write!(
            s,
            "<footer>{} · {}</footer></main></body></html>\n",
            t(lang, "generated"),
            escape(&self.frameworks.join(", "))
        );
        s
    }
}

const PCSS: &str = r#"
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(8.5rem,1fr));gap:.75rem;margin:1rem 0 1.5rem}
.figure{border:1px solid var(--line);border-top:6px solid #6e7781;border-radius:6px;padding:.5rem .75rem}
.figure .n{display:block;font-size:1.8rem;font-weight:800;line-height:1.1}.figure .l{font-size:.9rem;color:var(--muted)}
.figure.f-stop{border-top-color:#cf222e}.figure.f-adjust{border-top-color:#bf8700}.figure.f-research{border-top-color:#0969da}.figure.f-continue{border-top-color:#1a7f37}
table.attn{table-layout:fixed}table.attn td{overflow-wrap:anywhere}
table.cov td:nth-child(n+3){font-size:.88rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:1.5rem}
.pill{display:inline-block;padding:.05rem .6rem;border-radius:999px;font-size:.85em;font-weight:600;color:#fff;background:#6e7781;white-space:nowrap}
.a-stop,.c-only-risky{background:#cf222e}.a-adjust,.c-only-unproven{background:#9a6700}.a-research{background:#0969da}.c-sound{background:#1a7f37}.c-none{background:#57606a}
svg text{font:13px system-ui,sans-serif;fill:#1b1f24}
"#;

fn color_for(id: &str) -> &'static str {
    match id {
        "potentially-harmful" | "stop" => "#cf222e",
        "ineffective" => "#e16f24",
        "proven-effective" | "continue" => "#1a7f37",
        "promising" | "research" => "#0969da",
        "insufficiently-grounded" | "adjust" => "#bf8700",
        _ => "#6e7781",
    }
}

/// A horizontal bar chart as inline SVG.
fn bar_chart(list: &[Count]) -> String {
    let max = list.iter().map(|c| c.count).max().unwrap_or(0).max(1);
    let row = 26;
    let label_w = 190;
    let bar_w = 200;
    let height = row * list.len() + 6;
    let mut s = format!(
        "<svg role=\"img\" viewBox=\"0 0 {} {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">",
        label_w + bar_w + 50
    );
    for (i, c) in list.iter().enumerate() {
        let y = i * row + 4;
        let w = c.count * bar_w / max;
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{}\">{}</text><rect x=\"{label_w}\" y=\"{y}\" width=\"{}\" height=\"18\" rx=\"3\" fill=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text>",
            y + 14,
            escape(&c.label),
            w.max(1),
            color_for(&c.id),
            label_w + w + 6,
            y + 14,
            c.count
        );
    }
    s.push_str("</svg>");
    s
}
