//! The document, built once from a framework and written out by every format.
//!
//! Building walks the framework in the order the document shows it, so the source footnotes are
//! numbered in order of first citation as long as a format writes the blocks in order (they do).

use super::{Options, date_words, kind_words, locator_words, status_words, type_words, w};
use kader_core::{Framework, Lang, Provenance, Question, Text};
use std::collections::HashMap;

/// The whole document.
#[derive(Debug)]
pub(crate) struct Doc {
    pub(crate) lang: Lang,
    pub(crate) title: String,
    /// Version, status, published, authors: label and value.
    pub(crate) meta: Vec<(&'static str, String)>,
    /// Text right under the title: the description.
    pub(crate) lead: Vec<Block>,
    /// The status notice (from the data, else the built-in text).
    pub(crate) notice: String,
    /// The `h2` sections, in order.
    pub(crate) sections: Vec<Section>,
    /// The numbered sources, in order of first citation (then those never cited).
    pub(crate) sources: Vec<SourceEntry>,
    /// `id@version`, shown in the footer.
    pub(crate) key: String,
}

/// A `h2` section.
#[derive(Debug)]
pub(crate) struct Section {
    /// Anchor (`domains`, `questions`, ...), language-independent.
    pub(crate) anchor: &'static str,
    pub(crate) title: String,
    pub(crate) blocks: Vec<Block>,
}

#[derive(Debug)]
pub(crate) enum Block {
    /// A `h3` or `h4` heading; `id` only with [`Options::rules`].
    Heading {
        level: u8,
        text: String,
        id: Option<String>,
    },
    Para(Inline),
    /// Label-value pairs (a `dl`).
    Fields(Vec<(String, Inline)>),
    /// A list with an optional bold label above it.
    List {
        label: Option<String>,
        ordered: bool,
        items: Vec<Inline>,
    },
    /// A table whose first column heads each row.
    Table {
        head: Vec<String>,
        rows: Vec<Vec<Inline>>,
    },
    /// "Gebaseerd op: ..." (small print).
    Basis(Inline),
}

/// Running text made of spans.
#[derive(Debug, Default, Clone)]
pub(crate) struct Inline(pub(crate) Vec<Span>);

#[derive(Debug, Clone)]
pub(crate) enum Span {
    Text(String),
    Strong(String),
    /// An id or a rule expression (only with [`Options::rules`]).
    Code(String),
    /// Footnote references: `[1, §4.1] [5]`.
    Refs(Vec<Ref>),
}

/// One footnote reference: the source's number and the places in it.
#[derive(Debug, Clone)]
pub(crate) struct Ref {
    pub(crate) n: usize,
    pub(crate) locators: Vec<String>,
}

/// One numbered source.
#[derive(Debug)]
pub(crate) struct SourceEntry {
    pub(crate) n: usize,
    pub(crate) citation: String,
    pub(crate) url: Option<String>,
}

impl Inline {
    pub(crate) fn text(s: impl Into<String>) -> Inline {
        Inline(vec![Span::Text(s.into())])
    }
    pub(super) fn push_text(mut self, s: impl Into<String>) -> Inline {
        self.0.push(Span::Text(s.into()));
        self
    }
    pub(super) fn push_code(mut self, s: impl Into<String>) -> Inline {
        self.0.push(Span::Code(s.into()));
        self
    }
}

pub(super) struct Builder<'a> {
    pub(super) fw: &'a Framework,
    pub(super) lang: Lang,
    pub(super) ids: bool,
    pub(super) rules: bool,
    numbers: HashMap<&'a str, usize>,
    sources: Vec<SourceEntry>,
}

pub(crate) fn build(fw: &Framework, options: Options) -> Doc {
    let lang = options.lang;
    let mut b = Builder {
        fw,
        lang,
        ids: options.ids || options.rules,
        rules: options.rules,
        numbers: HashMap::new(),
        sources: Vec::new(),
    };
    let m = &fw.framework;
    let mut meta = vec![
        (w(lang, "version"), m.version.clone()),
        (w(lang, "status"), status_words(m.status, lang).to_owned()),
        (w(lang, "published"), date_words(&m.published, lang)),
    ];
    if !m.authors.is_empty() {
        meta.push((w(lang, "authors"), m.authors.join(", ")));
    }
    let mut lead = Vec::new();
    if let Some(d) = b.get(m.description.as_ref()) {
        lead.push(Block::Para(Inline::text(d)));
    }
    let notice = b
        .get(m.notice.as_ref())
        .unwrap_or_else(|| super::default_notice(lang).to_owned());
    // The notice is shown after the label "Let op:"; a notice that starts with it says it once.
    let label = format!("{}:", w(lang, "notice"));
    let notice = match notice.get(..label.len()) {
        Some(head) if head.eq_ignore_ascii_case(&label) => notice[label.len()..].trim_start().to_owned(),
        _ => notice,
    };
    let mut about = Vec::new();
    if let Some(n) = b.get(m.encoding_note.as_ref()) {
        about.push(Block::Para(Inline::text(n)));
    }
    about.extend(b.basis(m.provenance.as_ref()));
    let mut sections = Vec::new();
    if !about.is_empty() {
        sections.push(Section {
            anchor: "about",
            title: w(lang, "about").to_owned(),
            blocks: about,
        });
    }
    sections.push(b.domains());
    sections.push(b.questions());
    sections.push(b.criteria());
    sections.push(b.practices());
    sections.push(b.recognition());
    sections.push(b.decision());
    // Sources nobody cites still belong to the framework: listed after the cited ones.
    for s in &fw.sources {
        b.number(&s.id);
    }
    Doc {
        lang,
        title: m.title.get(lang).to_owned(),
        meta,
        lead,
        notice,
        sections,
        sources: b.sources,
        key: fw.key(),
    }
}

impl<'a> Builder<'a> {
    pub(super) fn get(&self, t: Option<&Text>) -> Option<String> {
        t.map(|t| t.get(self.lang).trim().to_owned()).filter(|s| !s.is_empty())
    }

    pub(super) fn id(&self, id: &str) -> Option<String> {
        self.ids.then(|| id.to_owned())
    }

    /// The footnote number of a source, numbering it on first citation.
    fn number(&mut self, id: &'a str) -> usize {
        if let Some(n) = self.numbers.get(id) {
            return *n;
        }
        let n = self.sources.len() + 1;
        let (citation, url) = match self.fw.source(id) {
            Some(s) => (s.citation.clone(), s.url.clone()),
            None => (format!("{} ({id})", w(self.lang, "unknown-source")), None),
        };
        self.numbers.insert(id, n);
        self.sources.push(SourceEntry { n, citation, url });
        n
    }

    /// The references of a provenance, one per source (locators gathered, in order).
    fn refs(&mut self, p: &'a Provenance) -> Vec<Ref> {
        let mut out: Vec<Ref> = Vec::new();
        for r in &p.sources {
            let (id, loc) = Provenance::split_ref(r);
            let n = self.number(id);
            let i = match out.iter().position(|x| x.n == n) {
                Some(i) => i,
                None => {
                    out.push(Ref {
                        n,
                        locators: Vec::new(),
                    });
                    out.len() - 1
                }
            };
            if let Some(l) = loc.filter(|l| !l.is_empty()) {
                let l = locator_words(l, self.lang);
                if !out[i].locators.contains(&l) {
                    out[i].locators.push(l);
                }
            }
        }
        out
    }

    /// "kind [1, §4.1] [2]" (and the note for authors).
    pub(super) fn basis_inline(&mut self, p: &'a Provenance) -> Inline {
        let mut spans = vec![Span::Text(kind_words(p.kind, self.lang).to_owned())];
        let refs = self.refs(p);
        if !refs.is_empty() {
            spans.push(Span::Text(" ".to_owned()));
            spans.push(Span::Refs(refs));
        }
        if self.rules
            && let Some(note) = p.note.as_deref().map(str::trim).filter(|n| !n.is_empty())
        {
            spans.push(Span::Text(format!(". {}: {note}", w(self.lang, "note"))));
        }
        Inline(spans)
    }

    pub(super) fn basis(&mut self, p: Option<&'a Provenance>) -> Option<Block> {
        let p = p?;
        let mut inline = Inline::text(format!("{}: ", w(self.lang, "basis")));
        inline.0.extend(self.basis_inline(p).0);
        Some(Block::Basis(inline))
    }

    fn domains(&mut self) -> Section {
        let lang = self.lang;
        let mut blocks = vec![Block::Para(Inline::text(w(lang, "domains-intro")))];
        let fw = self.fw;
        for d in &fw.domains {
            blocks.push(Block::Heading {
                level: 3,
                text: d.label.get(lang).to_owned(),
                id: self.id(&d.id),
            });
            if let Some(desc) = self.get(d.description.as_ref()) {
                blocks.push(Block::Para(Inline::text(desc)));
            }
            blocks.extend(self.basis(d.provenance.as_ref()));
            for (key, list) in [
                ("risk-factors", &d.risk_factors),
                ("protective-factors", &d.protective_factors),
            ] {
                let Some(list) = list else { continue };
                blocks.push(Block::List {
                    label: Some(w(lang, key).to_owned()),
                    ordered: false,
                    items: list.items.iter().map(|t| Inline::text(t.get(lang))).collect(),
                });
                blocks.extend(self.basis(list.provenance.as_ref()));
            }
        }
        Section {
            anchor: "domains",
            title: w(lang, "domains").to_owned(),
            blocks,
        }
    }

    fn question(&mut self, number: usize, q: &'a Question, numbers: &HashMap<&str, usize>) -> Vec<Block> {
        let lang = self.lang;
        let fw = self.fw;
        let mut blocks = vec![Block::Heading {
            level: 4,
            text: format!("{number}. {}", q.label.get(lang)),
            id: self.id(&q.id),
        }];
        if let Some(help) = self.get(q.help.as_ref()) {
            blocks.push(Block::Para(Inline::text(help)));
        }
        let mut fields = vec![(w(lang, "answer").to_owned(), Inline::text(type_words(q, lang)))];
        if let Some(n) = q.granted_year.as_deref().and_then(|y| numbers.get(y)) {
            fields.push((
                w(lang, "granted-year").to_owned(),
                Inline::text(format!("{} {n}", w(lang, "question").to_lowercase())),
            ));
        }
        blocks.push(Block::Fields(fields));
        let choices = fw.choices_of(q);
        if !choices.is_empty() {
            // Only the question's own choices carry their help here; the levels, domains and
            // practices are explained in their own sections.
            let own_from = choices.len().saturating_sub(q.choices.len());
            let items = choices
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let mut item = Inline(vec![Span::Strong(c.label.get(lang).to_owned())]);
                    if i >= own_from
                        && let Some(help) = c.help.map(|h| h.get(lang).trim()).filter(|h| !h.is_empty())
                    {
                        item = item.push_text(format!(": {help}"));
                    }
                    if self.ids {
                        item = item.push_text(" ").push_code(c.id);
                    }
                    item
                })
                .collect();
            blocks.push(Block::List {
                label: Some(w(lang, "choices").to_owned()),
                ordered: false,
                items,
            });
        }
        blocks.extend(self.basis(q.provenance.as_ref()));
        blocks
    }

    fn questions(&mut self) -> Section {
        let lang = self.lang;
        let fw = self.fw;
        let mut blocks = vec![Block::Para(Inline::text(w(lang, "questions-intro")))];
        // Questions in document order: by group, in the order of the groups, then the rest.
        let mut order: Vec<(Option<usize>, &Question)> = Vec::new();
        for (gi, g) in fw.groups.iter().enumerate() {
            order.extend(
                fw.questions
                    .iter()
                    .filter(|q| q.group.as_deref() == Some(g.id.as_str()))
                    .map(|q| (Some(gi), q)),
            );
        }
        order.extend(
            fw.questions
                .iter()
                .filter(|q| q.group.as_deref().is_none_or(|g| !fw.groups.iter().any(|x| x.id == g)))
                .map(|q| (None, q)),
        );
        let numbers: HashMap<&str, usize> = order
            .iter()
            .enumerate()
            .map(|(i, (_, q))| (q.id.as_str(), i + 1))
            .collect();
        let mut current: Option<Option<usize>> = None;
        for (i, (group, q)) in order.iter().enumerate() {
            if current != Some(*group) {
                current = Some(*group);
                match group.and_then(|gi| fw.groups.get(gi)) {
                    Some(g) => {
                        blocks.push(Block::Heading {
                            level: 3,
                            text: g.label.get(lang).to_owned(),
                            id: self.id(&g.id),
                        });
                        if let Some(d) = self.get(g.description.as_ref()) {
                            blocks.push(Block::Para(Inline::text(d)));
                        }
                    }
                    None => blocks.push(Block::Heading {
                        level: 3,
                        text: w(lang, "other-questions").to_owned(),
                        id: None,
                    }),
                }
            }
            blocks.extend(self.question(i + 1, q, &numbers));
        }
        Section {
            anchor: "questions",
            title: w(lang, "questions").to_owned(),
            blocks,
        }
    }

    /// A label with its id for authors.
    pub(super) fn labelled(&self, label: &str, id: &str) -> Inline {
        let inline = Inline::text(label);
        if self.ids {
            inline.push_text(" ").push_code(id)
        } else {
            inline
        }
    }

    pub(super) fn basis_cell(&mut self, p: Option<&'a Provenance>) -> Inline {
        p.map(|p| self.basis_inline(p)).unwrap_or_default()
    }
}
