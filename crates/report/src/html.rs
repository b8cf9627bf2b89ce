//! Self-contained, printable HTML for one assessment.

use crate::assessment::{Options, alternatives, answers_line, footnote, kind_label, missing_name, notice, rule_name};
use crate::{harm_label, outcome_symbol, recognition_line, t};
use kader_core::{Assessment, Outcome, ProvenanceKind, ProvenanceRef};
use std::fmt::Write as _;

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The stylesheet shared by the HTML reports.
pub(crate) const CSS: &str = r#"
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--met:#1a7f37;--partly:#9a6700;--notmet:#cf222e;--na:#6e7781;--accent:#0b4f8a}
*{box-sizing:border-box}body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0}
main{max-width:60rem;margin:0 auto;padding:2rem 1.5rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
.meta{color:var(--muted);margin:0 0 1.25rem}
.verdict{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;padding:1rem 1.25rem;border:1px solid var(--line);border-left:6px solid var(--accent);border-radius:6px}
.verdict dt{font-weight:600}.verdict dd{margin:0}
.v-potentially-harmful,.v-ineffective{border-left-color:var(--notmet)!important}.v-proven-effective{border-left-color:var(--met)!important}.v-promising{border-left-color:#0969da!important}.v-insufficiently-grounded{border-left-color:var(--partly)!important}.v-out-of-scope{border-left-color:var(--na)!important}
.badge{display:inline-block;padding:.05rem .55rem;border-radius:999px;font-weight:600;font-size:.9em;color:#fff;background:var(--accent)}
table{border-collapse:collapse;width:100%;font-size:.93rem}th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid var(--line)}th{background:#f6f8fa}
.o{white-space:nowrap;font-weight:600}.o-met{color:var(--met)}.o-partly{color:var(--partly)}.o-not-met{color:var(--notmet)}.o-unknown,.o-not-applicable{color:var(--na)}
.light{display:inline-block;width:.8rem;height:.8rem;border-radius:50%;margin-right:.35rem;vertical-align:-.05rem;background:var(--na)}
.light.o-met{background:var(--met)}.light.o-partly{background:var(--partly)}.light.o-not-met{background:var(--notmet)}
.flag{border-left:4px solid var(--notmet);padding:.35rem .75rem;margin:.5rem 0;background:#fff5f5}
.small{color:var(--muted);font-size:.85rem}.note{background:#fff8c5;padding:.5rem .75rem;border-radius:4px}
ul{padding-left:1.2rem}li{margin:.25rem 0}
footer{margin-top:2.5rem;color:var(--muted);font-size:.8rem;border-top:1px solid var(--line);padding-top:.5rem}
@media print{main{padding:0}h2{break-after:avoid}tr,li,.flag{break-inside:avoid}a{color:inherit}}
"#;

pub(crate) fn outcome_class(o: Outcome) -> &'static str {
    o.id()
}

/// The provenance with footnote links to the source list (`#bron-N`).
fn html_provenance(a: &Assessment, p: &ProvenanceRef) -> String {
    let mut out = escape(kind_label(p.kind, a.lang));
    for src in &p.sources {
        let (n, label) = footnote(a, src);
        match n {
            Some(n) => {
                let _ = write!(out, " <a href=\"#bron-{n}\">{}</a>", escape(&label));
            }
            None => {
                let _ = write!(out, " {}", escape(&label));
            }
        }
    }
    out
}

/// The body of one assessment, without the page around it (for the web scan and the report).
pub fn assessment_section(a: &Assessment) -> String {
    assessment_section_with(a, Options::new())
}

/// The body of one assessment with options.
pub fn assessment_section_with(a: &Assessment, o: Options) -> String {
    let lang = a.lang;
    let mut s = String::new();
    let _ = write!(
        s,
        "<p class=\"note\"><strong>{}</strong> {}</p>",
        t(lang, "notice-lead"),
        escape(notice(a))
    );
    let _ = write!(s, "<dl class=\"verdict v-{}\">", escape(&a.verdict.id));
    let _ = write!(
        s,
        "<dt>{}</dt><dd><span class=\"badge\">{}</span></dd>",
        t(lang, "verdict"),
        escape(&a.verdict.label)
    );
    let _ = write!(
        s,
        "<dt>{}</dt><dd><strong>{}</strong></dd>",
        t(lang, "action"),
        escape(&a.action.label)
    );
    let _ = write!(s, "<dt>{}</dt><dd>{}", t(lang, "why"), escape(&a.decided_by.explain));
    if !a.decided_by.because.is_empty() {
        let _ = write!(
            s,
            "<br><span class=\"small\">{} {}</span>",
            t(lang, "because"),
            escape(&answers_line(&a.decided_by.because, lang, o.ids))
        );
    }
    let _ = write!(
        s,
        "<br><span class=\"small\">{}: {} · {}: {}</span>",
        t(lang, "decided-by"),
        escape(&rule_name(a, o.ids)),
        t(lang, "basis"),
        html_provenance(a, &a.decided_by.provenance),
    );
    if a.decided_by.provenance.kind == ProvenanceKind::Editorial {
        let _ = write!(
            s,
            "<br><span class=\"small\"><em>{}</em></span>",
            t(lang, "editorial-note")
        );
    }
    s.push_str("</dd>");
    if let Some(r) = &a.recognition {
        let _ = write!(
            s,
            "<dt>{}</dt><dd>{}</dd>",
            t(lang, "recognition"),
            escape(&recognition_line(r, lang))
        );
    }
    s.push_str("</dl>");
    if a.provisional {
        let _ = write!(s, "<p class=\"note\">{}</p>", t(lang, "provisional"));
    }
    if !a.advice.is_empty() {
        let _ = write!(s, "<h2>{}</h2><ul>", t(lang, "advice"));
        for adv in &a.advice {
            let _ = write!(
                s,
                "<li><strong>{}.</strong> {} <span class=\"small\">({})</span>",
                escape(&adv.label),
                escape(&adv.text),
                html_provenance(a, &adv.provenance)
            );
            if !adv.items.is_empty() {
                s.push_str("<ul>");
                for item in &adv.items {
                    let _ = write!(s, "<li>{}</li>", escape(item));
                }
                s.push_str("</ul>");
            }
            s.push_str("</li>");
        }
        s.push_str("</ul>");
    }
    if !a.flags.is_empty() {
        let _ = write!(s, "<h2>{}</h2>", t(lang, "flags"));
        for f in &a.flags {
            let _ = write!(
                s,
                "<div class=\"flag\"><strong>{}</strong> ({}): {} <span class=\"small\">({})</span></div>",
                escape(&f.label),
                harm_label(f.harm, lang),
                escape(&f.advice),
                html_provenance(a, &f.provenance)
            );
        }
    }
    let _ = write!(
        s,
        "<h2>{}</h2><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        t(lang, "criteria"),
        t(lang, "criterion"),
        t(lang, "outcome"),
        t(lang, "explanation")
    );
    for c in &a.criteria {
        let why = if c.because.is_empty() {
            String::new()
        } else {
            format!(
                "<br><span class=\"small\">{} {}</span>",
                t(lang, "because"),
                escape(&answers_line(&c.because, lang, o.ids))
            )
        };
        let _ = write!(
            s,
            "<tr><th scope=\"row\">{}<br><span class=\"small\">{}</span></th><td class=\"o o-{cls}\"><span class=\"light o-{cls}\" aria-hidden=\"true\"></span>{} {}</td><td>{}{why}</td></tr>",
            escape(&c.label),
            html_provenance(a, &c.provenance),
            outcome_symbol(c.outcome),
            c.outcome.label(lang),
            escape(&c.explain),
            cls = outcome_class(c.outcome),
        );
    }
    s.push_str("</tbody></table>");
    if !a.missing.is_empty() {
        let _ = write!(s, "<h2>{}</h2><ul>", t(lang, "missing"));
        for m in &a.missing {
            let _ = write!(
                s,
                "<li>{}: {} {}</li>",
                escape(&missing_name(m, o.ids)),
                t(lang, "could-become"),
                escape(&alternatives(m, o.ids))
            );
        }
        s.push_str("</ul>");
    }
    if !a.sources.is_empty() {
        let _ = write!(s, "<h2>{}</h2><ol class=\"sources\">", t(lang, "sources"));
        for src in &a.sources {
            let _ = write!(
                s,
                "<li id=\"bron-{}\" value=\"{}\">{}",
                src.number,
                src.number,
                escape(&src.citation)
            );
            if let Some(u) = &src.url {
                if u.starts_with("https://") || u.starts_with("http://") {
                    let _ = write!(s, " <a href=\"{}\">{}</a>", escape(u), escape(u));
                }
            }
            s.push_str("</li>");
        }
        s.push_str("</ol>");
    }
    s
}

/// A complete, self-contained, printable HTML page for one assessment.
pub fn html(a: &Assessment) -> String {
    html_with(a, Options::new())
}

/// A complete HTML page with options.
pub fn html_with(a: &Assessment, o: Options) -> String {
    let lang = a.lang;
    let mut s = String::new();
    let _ = write!(
        s,
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{}: {}</title><style>{CSS}</style></head><body><main>",
        lang.code(),
        t(lang, "report-title"),
        escape(&a.intervention.name)
    );
    let _ = write!(s, "<h1>{}</h1>", escape(&a.intervention.name));
    let mut meta = Vec::new();
    if let Some(p) = &a.intervention.provider {
        meta.push(escape(p));
    }
    meta.push(format!("{}@{}", escape(&a.framework.id), escape(&a.framework.version)));
    meta.push(format!("{} {}", t(lang, "assessed-on"), a.assessed_on));
    let _ = write!(s, "<p class=\"meta\">{}</p>", meta.join(" · "));
    if let Some(d) = &a.intervention.description {
        let _ = write!(s, "<p>{}</p>", escape(d));
    }
    s.push_str(&assessment_section_with(a, o));
    let _ = write!(
        s,
        "<footer>{} · {}@{} · <code>{}</code></footer></main></body></html>\n",
        t(lang, "generated"),
        escape(&a.framework.id),
        escape(&a.framework.version),
        escape(&a.framework.digest)
    );
    s
}
