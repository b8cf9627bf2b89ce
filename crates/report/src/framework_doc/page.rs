//! The framework document as one self-contained, accessible HTML page, in the look of the
//! assessment report.

use super::model::{Block, Doc, Inline, Ref, Span};
use super::w;
use crate::escape;
use std::fmt::Write as _;

/// Additions to the report stylesheet for this document.
const CSS: &str = r#"
h3{font-size:1.05rem;margin:1.5rem 0 .35rem}h4{font-size:.98rem;margin:1.1rem 0 .25rem}
nav ol{columns:2;margin:.25rem 0 0}nav li{margin:.1rem 0}
dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.35rem 0}dl.fields dt{font-weight:600}dl.fields dd{margin:0}
th[scope=row]{background:none;font-weight:600}
.basis{color:var(--muted);font-size:.85rem;margin:.25rem 0 .75rem}
.refs a{color:var(--accent)}
.notice{border-left:6px solid var(--partly);background:#fff8c5;padding:.6rem .9rem;border-radius:4px}
.label{font-weight:600;margin:.6rem 0 .1rem}
ol.sources li{margin:.35rem 0;overflow-wrap:anywhere}
code{font-size:.88em;background:#f6f8fa;padding:0 .2rem;border-radius:3px;overflow-wrap:anywhere}
"#;

fn refs(out: &mut String, refs: &[Ref], lang: kader_core::Lang) {
    out.push_str("<span class=\"refs\">");
    for (i, r) in refs.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let _ = write!(
            out,
            "[<a href=\"#bron-{n}\" aria-label=\"{} {n}\">{n}</a>",
            w(lang, "source-word"),
            n = r.n
        );
        for l in &r.locators {
            let _ = write!(out, ", {}", escape(l));
        }
        out.push(']');
    }
    out.push_str("</span>");
}

fn inline(out: &mut String, i: &Inline, lang: kader_core::Lang) {
    for span in &i.0 {
        match span {
            Span::Text(t) => out.push_str(&escape(t)),
            Span::Strong(t) => {
                let _ = write!(out, "<strong>{}</strong>", escape(t));
            }
            Span::Code(c) => {
                let _ = write!(out, "<code>{}</code>", escape(c));
            }
            Span::Refs(r) => refs(out, r, lang),
        }
    }
}

fn block(out: &mut String, b: &Block, lang: kader_core::Lang) {
    match b {
        Block::Heading { level, text, id } => {
            let _ = write!(out, "<h{level}>{}", escape(text));
            if let Some(id) = id {
                let _ = write!(out, " <code>{}</code>", escape(id));
            }
            let _ = write!(out, "</h{level}>");
        }
        Block::Para(i) => {
            out.push_str("<p>");
            inline(out, i, lang);
            out.push_str("</p>");
        }
        Block::Basis(i) => {
            out.push_str("<p class=\"basis\">");
            inline(out, i, lang);
            out.push_str("</p>");
        }
        Block::Fields(fields) => {
            out.push_str("<dl class=\"fields\">");
            for (k, v) in fields {
                let _ = write!(out, "<dt>{}</dt><dd>", escape(k));
                inline(out, v, lang);
                out.push_str("</dd>");
            }
            out.push_str("</dl>");
        }
        Block::List { label, ordered, items } => {
            if let Some(l) = label {
                let _ = write!(out, "<p class=\"label\">{}</p>", escape(l));
            }
            let tag = if *ordered { "ol" } else { "ul" };
            let _ = write!(out, "<{tag}>");
            for item in items {
                out.push_str("<li>");
                inline(out, item, lang);
                out.push_str("</li>");
            }
            let _ = write!(out, "</{tag}>");
        }
        Block::Table { head, rows } => {
            out.push_str("<table><thead><tr>");
            for h in head {
                let _ = write!(out, "<th scope=\"col\">{}</th>", escape(h));
            }
            out.push_str("</tr></thead><tbody>");
            for row in rows {
                out.push_str("<tr>");
                for (c, cell) in row.iter().enumerate() {
                    out.push_str(if c == 0 { "<th scope=\"row\">" } else { "<td>" });
                    inline(out, cell, lang);
                    out.push_str(if c == 0 { "</th>" } else { "</td>" });
                }
                out.push_str("</tr>");
            }
            out.push_str("</tbody></table>");
        }
    }
}

/// The page.
pub(crate) fn html(doc: &Doc) -> String {
    let lang = doc.lang;
    let mut s = String::new();
    let _ = write!(
        s,
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{}</title><style>{}{CSS}</style></head><body><main>",
        lang.code(),
        escape(&doc.title),
        crate::html::CSS
    );
    let _ = write!(s, "<h1>{}</h1>", escape(&doc.title));
    let meta: Vec<String> = doc
        .meta
        .iter()
        .map(|(k, v)| format!("{}: {}", escape(k), escape(v)))
        .collect();
    let _ = write!(s, "<p class=\"meta\">{}</p>", meta.join(" · "));
    for b in &doc.lead {
        block(&mut s, b, lang);
    }
    let _ = write!(
        s,
        "<p class=\"notice\"><strong>{}:</strong> {}</p>",
        w(lang, "notice"),
        escape(&doc.notice)
    );
    let _ = write!(
        s,
        "<nav aria-label=\"{0}\"><p class=\"label\">{0}</p><ol>",
        w(lang, "contents")
    );
    for sec in &doc.sections {
        let _ = write!(s, "<li><a href=\"#{}\">{}</a></li>", sec.anchor, escape(&sec.title));
    }
    let _ = write!(s, "<li><a href=\"#sources\">{}</a></li></ol></nav>", w(lang, "sources"));
    for sec in &doc.sections {
        let _ = write!(
            s,
            "<section aria-labelledby=\"{0}\"><h2 id=\"{0}\">{1}</h2>",
            sec.anchor,
            escape(&sec.title)
        );
        for b in &sec.blocks {
            block(&mut s, b, lang);
        }
        s.push_str("</section>");
    }
    let _ = write!(
        s,
        "<section aria-labelledby=\"sources\"><h2 id=\"sources\">{}</h2><ol class=\"sources\">",
        w(lang, "sources")
    );
    for e in &doc.sources {
        let _ = write!(s, "<li id=\"bron-{}\">{}", e.n, escape(&e.citation));
        match &e.url {
            Some(u) if u.starts_with("https://") || u.starts_with("http://") => {
                let _ = write!(s, " <a href=\"{0}\">{0}</a>", escape(u));
            }
            Some(u) => {
                let _ = write!(s, " {}", escape(u));
            }
            None => {}
        }
        s.push_str("</li>");
    }
    s.push_str("</ol></section>");
    let _ = writeln!(
        s,
        "<footer>{} · {}</footer></main></body></html>",
        w(lang, "generated"),
        escape(&doc.key)
    );
    s
}
