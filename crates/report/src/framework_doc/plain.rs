//! Terminal text and Markdown of the framework document.

use super::model::{Block, Doc, Inline, Ref, Span};
use super::w;
use std::fmt::Write as _;

/// Width of wrapped terminal text.
const WIDTH: usize = 100;

fn refs_plain(refs: &[Ref]) -> String {
    refs.iter()
        .map(|r| {
            if r.locators.is_empty() {
                format!("[{}]", r.n)
            } else {
                format!("[{}, {}]", r.n, r.locators.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn inline_text(i: &Inline) -> String {
    let mut s = String::new();
    for span in &i.0 {
        match span {
            Span::Text(t) | Span::Strong(t) => s.push_str(t),
            Span::Code(c) => {
                let _ = write!(s, "`{c}`");
            }
            Span::Refs(r) => s.push_str(&refs_plain(r)),
        }
    }
    s
}

/// Word-wraps `text` at [`WIDTH`]: the first line starts with `first`, the others with `indent`.
fn wrap(out: &mut String, text: &str, first: &str, indent: &str) {
    let mut line = first.to_owned();
    let mut len = first.chars().count();
    let mut empty = true;
    for word in text.split_whitespace() {
        let n = word.chars().count();
        if !empty && len + 1 + n > WIDTH {
            out.push_str(line.trim_end());
            out.push('\n');
            line = indent.to_owned();
            len = indent.chars().count();
            empty = true;
        }
        if !empty {
            line.push(' ');
            len += 1;
        }
        line.push_str(word);
        len += n;
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

fn underline(out: &mut String, text: &str, c: char) {
    let _ = writeln!(out, "{text}\n{}", c.to_string().repeat(text.chars().count()));
}

fn heading_text(text: &str, id: Option<&str>) -> String {
    match id {
        Some(id) => format!("{text} [{id}]"),
        None => text.to_owned(),
    }
}

/// Terminal text.
pub(crate) fn text(doc: &Doc) -> String {
    let lang = doc.lang;
    let mut s = String::new();
    underline(&mut s, &doc.title, '=');
    let meta: Vec<String> = doc.meta.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    wrap(&mut s, &meta.join(" · "), "", "");
    for b in &doc.lead {
        s.push('\n');
        text_block(&mut s, b);
    }
    s.push('\n');
    wrap(&mut s, &format!("{}: {}", w(lang, "notice"), doc.notice), "! ", "  ");
    for sec in &doc.sections {
        s.push('\n');
        underline(&mut s, &sec.title, '-');
        for b in &sec.blocks {
            s.push('\n');
            text_block(&mut s, b);
        }
    }
    s.push('\n');
    underline(&mut s, w(lang, "sources"), '-');
    s.push('\n');
    for e in &doc.sources {
        let mut line = e.citation.clone();
        if let Some(u) = &e.url {
            let _ = write!(line, " <{u}>");
        }
        let first = format!("[{}] ", e.n);
        let indent = " ".repeat(first.chars().count());
        wrap(&mut s, &line, &first, &indent);
    }
    s
}

fn text_block(s: &mut String, b: &Block) {
    match b {
        Block::Heading { level, text, id } => {
            let t = heading_text(text, id.as_deref());
            if *level <= 3 {
                underline(s, &t, '·');
            } else {
                wrap(s, &t, "» ", "  ");
            }
        }
        Block::Para(i) => wrap(s, &inline_text(i), "", ""),
        Block::Basis(i) => wrap(s, &inline_text(i), "  ", "  "),
        Block::Fields(fields) => {
            for (k, v) in fields {
                wrap(s, &format!("{k}: {}", inline_text(v)), "", "    ");
            }
        }
        Block::List { label, ordered, items } => {
            if let Some(l) = label {
                let _ = writeln!(s, "{l}:");
            }
            for (i, item) in items.iter().enumerate() {
                let first = if *ordered {
                    format!("  {}. ", i + 1)
                } else {
                    "  - ".to_owned()
                };
                let indent = " ".repeat(first.chars().count());
                wrap(s, &inline_text(item), &first, &indent);
            }
        }
        Block::Table { head, rows } => {
            for (r, row) in rows.iter().enumerate() {
                if r > 0 {
                    s.push('\n');
                }
                let mut cells = row.iter().zip(head);
                if let Some((first, _)) = cells.next() {
                    wrap(s, &inline_text(first), "• ", "  ");
                }
                for (cell, h) in cells {
                    let v = inline_text(cell);
                    if !v.is_empty() {
                        wrap(s, &format!("{h}: {v}"), "  ", "      ");
                    }
                }
            }
        }
    }
}

/// Escapes Markdown punctuation in running text (and `|` for tables); newlines become spaces.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A paragraph must not start like a list item or a quote: `1. ` and `- ` and `+ ` are escaped.
fn md_para(s: &str) -> String {
    let e = md(s);
    let digits = e.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && e[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &e[..digits], &e[digits..]);
    }
    if e.starts_with(['-', '+']) {
        return format!("\\{e}");
    }
    e
}

fn md_code(c: &str) -> String {
    let ticks = if c.contains('`') { "`` " } else { "`" };
    let close = if c.contains('`') { " ``" } else { "`" };
    format!("{ticks}{}{close}", c.replace('\n', " "))
}

fn inline_md(i: &Inline) -> String {
    let mut s = String::new();
    for (k, span) in i.0.iter().enumerate() {
        match span {
            Span::Text(t) if k == 0 => s.push_str(&md_para(t)),
            Span::Text(t) => s.push_str(&md(t)),
            Span::Strong(t) => {
                let _ = write!(s, "**{}**", md(t.trim()));
            }
            Span::Code(c) => s.push_str(&md_code(c)),
            Span::Refs(r) => s.push_str(&refs_plain(r)),
        }
    }
    s
}

/// Markdown.
pub(crate) fn markdown(doc: &Doc) -> String {
    let lang = doc.lang;
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", md(&doc.title));
    let meta: Vec<String> = doc.meta.iter().map(|(k, v)| format!("**{k}:** {}", md(v))).collect();
    let _ = writeln!(s, "{}\n", meta.join(" · "));
    for b in &doc.lead {
        md_block(&mut s, b);
    }
    let _ = writeln!(s, "> **{}:** {}\n", w(lang, "notice"), md(&doc.notice));
    for sec in &doc.sections {
        let _ = writeln!(s, "## {}\n", md(&sec.title));
        for b in &sec.blocks {
            md_block(&mut s, b);
        }
    }
    let _ = writeln!(s, "## {}\n", w(lang, "sources"));
    for e in &doc.sources {
        let _ = write!(s, "{}. {}", e.n, md_para(&e.citation));
        if let Some(u) = &e.url {
            if u.chars().any(|c| c.is_whitespace() || c == '<' || c == '>') {
                let _ = write!(s, " {}", md(u));
            } else {
                let _ = write!(s, " <{u}>");
            }
        }
        s.push('\n');
    }
    s
}

fn md_block(s: &mut String, b: &Block) {
    match b {
        Block::Heading { level, text, id } => {
            let _ = write!(s, "{} {}", "#".repeat(usize::from(*level)), md(text));
            if let Some(id) = id {
                let _ = write!(s, " {}", md_code(id));
            }
            s.push_str("\n\n");
        }
        Block::Para(i) => {
            let _ = writeln!(s, "{}\n", inline_md(i));
        }
        Block::Basis(i) => {
            let _ = writeln!(s, "*{}*\n", inline_md(i).trim());
        }
        Block::Fields(fields) => {
            for (k, v) in fields {
                let _ = writeln!(s, "- **{}:** {}", md(k), inline_md(v));
            }
            s.push('\n');
        }
        Block::List { label, ordered, items } => {
            if let Some(l) = label {
                let _ = writeln!(s, "**{}:**\n", md(l));
            }
            for (i, item) in items.iter().enumerate() {
                if *ordered {
                    let _ = writeln!(s, "{}. {}", i + 1, inline_md(item));
                } else {
                    let _ = writeln!(s, "- {}", inline_md(item));
                }
            }
            s.push('\n');
        }
        Block::Table { head, rows } => {
            let _ = writeln!(s, "| {} |", head.iter().map(|h| md(h)).collect::<Vec<_>>().join(" | "));
            let _ = writeln!(s, "|{}", "---|".repeat(head.len()));
            for row in rows {
                let cells: Vec<String> = row.iter().map(inline_md).collect();
                let _ = writeln!(s, "| {} |", cells.join(" | "));
            }
            s.push('\n');
        }
    }
}
