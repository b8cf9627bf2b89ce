//! The sections of the document about judging: criteria, practices, recognition levels and the
//! decision rules with the adjustment reasons.

use super::model::{Block, Builder, Inline, Section, Span};
use super::{validity_words, w};
use kader_core::{Lang, Provenance, Text};

impl<'a> Builder<'a> {
    pub(super) fn criteria(&mut self) -> Section {
        let lang = self.lang;
        let fw = self.fw;
        let mut blocks = vec![Block::Para(Inline::text(w(lang, "criteria-intro")))];
        for c in &fw.criteria {
            blocks.push(Block::Heading {
                level: 3,
                text: c.label.get(lang).to_owned(),
                id: self.id(&c.id),
            });
            if let Some(d) = self.get(c.description.as_ref()) {
                blocks.push(Block::Para(Inline::text(d)));
            }
            let items = c
                .cases
                .iter()
                .map(|case| {
                    let mut item = Inline(vec![Span::Strong(case.outcome.label(lang).to_owned())]);
                    if case.when.is_none() {
                        item = item.push_text(format!(" ({})", w(lang, "otherwise")));
                    }
                    item = item.push_text(format!(": {}", case.explain.get(lang).trim()));
                    if self.rules
                        && let Some(when) = &case.when
                    {
                        item = item.push_text(format!(" {}: ", w(lang, "when"))).push_code(when);
                    }
                    item
                })
                .collect();
            blocks.push(Block::List {
                label: None,
                ordered: true,
                items,
            });
            blocks.extend(self.basis(c.provenance.as_ref()));
        }
        Section {
            anchor: "criteria",
            title: w(lang, "criteria").to_owned(),
            blocks,
        }
    }

    pub(super) fn practices(&mut self) -> Section {
        let lang = self.lang;
        let fw = self.fw;
        let rows = fw
            .practices
            .iter()
            .map(|p| {
                vec![
                    self.labelled(p.label.get(lang), &p.id),
                    Inline::text(crate::harm_label(p.harm, lang)),
                    Inline::text(self.get(p.description.as_ref()).unwrap_or_default()),
                    Inline::text(p.advice.get(lang)),
                    self.basis_cell(p.provenance.as_ref()),
                ]
            })
            .collect();
        let head = ["practice", "harm", "description", "advice", "basis"]
            .iter()
            .map(|k| w(lang, k).to_owned())
            .collect();
        Section {
            anchor: "practices",
            title: w(lang, "practices").to_owned(),
            blocks: vec![
                Block::Para(Inline::text(w(lang, "practices-intro"))),
                Block::Table { head, rows },
            ],
        }
    }

    pub(super) fn recognition(&mut self) -> Section {
        let lang = self.lang;
        let fw = self.fw;
        let mut blocks = vec![Block::Para(Inline::text(w(lang, "recognition-intro")))];
        for s in &fw.scales {
            blocks.push(Block::Heading {
                level: 3,
                text: s.label.get(lang).to_owned(),
                id: self.id(&s.id),
            });
            if let Some(d) = self.get(s.description.as_ref()) {
                blocks.push(Block::Para(Inline::text(d)));
            }
            if s.expiry_penalty > 0 {
                let text = match lang {
                    Lang::Nl => format!(
                        "Een verlopen erkenning telt in de beslisregels {} lager.",
                        if s.expiry_penalty == 1 {
                            "één rang".to_owned()
                        } else {
                            format!("{} rangen", s.expiry_penalty)
                        }
                    ),
                    Lang::En => format!(
                        "An expired recognition counts {} lower in the decision rules.",
                        if s.expiry_penalty == 1 {
                            "one rank".to_owned()
                        } else {
                            format!("{} ranks", s.expiry_penalty)
                        }
                    ),
                };
                blocks.push(Block::Para(Inline::text(text)));
            }
            let rows = s
                .levels
                .iter()
                .map(|l| {
                    vec![
                        self.labelled(l.label.get(lang), &l.id),
                        Inline::text(l.rank.to_string()),
                        Inline::text(self.get(l.description.as_ref()).unwrap_or_default()),
                        Inline::text(validity_words(l.valid_years, lang)),
                    ]
                })
                .collect();
            let head = ["level", "rank", "meaning", "validity"]
                .iter()
                .map(|k| w(lang, k).to_owned())
                .collect();
            blocks.push(Block::Table { head, rows });
            blocks.extend(self.basis(s.provenance.as_ref()));
        }
        Section {
            anchor: "recognition",
            title: w(lang, "recognition").to_owned(),
            blocks,
        }
    }

    fn verdict_label(&self, id: &str) -> String {
        self.fw
            .verdict(id)
            .map_or_else(|| id.to_owned(), |v| v.label.get(self.lang).to_owned())
    }

    fn action_label(&self, id: &str) -> String {
        self.fw
            .action(id)
            .map_or_else(|| id.to_owned(), |a| a.label.get(self.lang).to_owned())
    }

    pub(super) fn decision(&mut self) -> Section {
        let lang = self.lang;
        let fw = self.fw;
        let mut blocks = vec![Block::Para(Inline::text(w(lang, "decision-intro")))];
        let mut table =
            |b: &mut Builder<'a>,
             title: &str,
             head: [&str; 3],
             items: Vec<(&'a str, &'a Text, Option<&'a Text>, Option<&'a Provenance>)>| {
                if items.is_empty() {
                    return;
                }
                blocks.push(Block::Heading {
                    level: 3,
                    text: w(lang, title).to_owned(),
                    id: None,
                });
                let rows = items
                    .into_iter()
                    .map(|(id, label, description, provenance)| {
                        vec![
                            b.labelled(label.get(lang), id),
                            Inline::text(b.get(description).unwrap_or_default()),
                            b.basis_cell(provenance),
                        ]
                    })
                    .collect();
                blocks.push(Block::Table {
                    head: head.iter().map(|k| w(lang, k).to_owned()).collect(),
                    rows,
                });
            };
        let verdicts = fw
            .verdicts
            .iter()
            .map(|v| (v.id.as_str(), &v.label, v.description.as_ref(), v.provenance.as_ref()))
            .collect();
        table(self, "verdicts", ["verdict", "meaning", "basis"], verdicts);
        let actions = fw
            .actions
            .iter()
            .map(|a| (a.id.as_str(), &a.label, a.description.as_ref(), a.provenance.as_ref()))
            .collect();
        table(self, "actions", ["action", "action-meaning", "basis"], actions);
        for (i, rule) in fw.decision.iter().enumerate() {
            let n = i + 1;
            let text = match self.get(rule.label.as_ref()) {
                Some(label) => format!("{} {n}: {label}", w(lang, "rule")),
                None => format!("{} {n}", w(lang, "rule")),
            };
            blocks.push(Block::Heading {
                level: 3,
                text,
                id: rule.id.as_deref().and_then(|id| self.id(id)),
            });
            let mut fields = vec![
                (
                    w(lang, "verdict").to_owned(),
                    Inline::text(self.verdict_label(&rule.verdict)),
                ),
                (w(lang, "why").to_owned(), Inline::text(rule.explain.get(lang).trim())),
            ];
            if self.rules
                && let Some(when) = &rule.when
            {
                fields.push((w(lang, "condition").to_owned(), Inline(vec![Span::Code(when.clone())])));
            }
            let mut cases = None;
            if rule.action_cases.is_empty() {
                if let Some(a) = rule.action.as_deref() {
                    fields.push((w(lang, "action").to_owned(), Inline::text(self.action_label(a))));
                }
            } else {
                fields.push((w(lang, "action").to_owned(), Inline::text(w(lang, "action-depends"))));
                let items = rule
                    .action_cases
                    .iter()
                    .map(|c| {
                        let mut item = Inline(vec![Span::Strong(self.action_label(&c.action))]);
                        if c.when.is_none() {
                            item = item.push_text(format!(" ({})", w(lang, "otherwise")));
                        }
                        if let Some(e) = self.get(c.explain.as_ref()) {
                            item = item.push_text(format!(": {e}"));
                        }
                        if self.rules
                            && let Some(when) = &c.when
                        {
                            item = item.push_text(format!(" {}: ", w(lang, "when"))).push_code(when);
                        }
                        item
                    })
                    .collect();
                cases = Some(Block::List {
                    label: None,
                    ordered: true,
                    items,
                });
            }
            blocks.push(Block::Fields(fields));
            blocks.extend(cases);
            let mut notes = Vec::new();
            if rule.when.is_none() {
                notes.push(w(lang, "catch-all"));
            }
            if rule.advise && !fw.adjustments.is_empty() {
                notes.push(w(lang, "advises"));
            }
            if !notes.is_empty() {
                blocks.push(Block::Para(Inline::text(notes.join(" "))));
            }
            blocks.extend(self.basis(rule.provenance.as_ref()));
        }
        if !fw.adjustments.is_empty() {
            blocks.push(Block::Heading {
                level: 3,
                text: w(lang, "adjustments").to_owned(),
                id: None,
            });
            blocks.push(Block::Para(Inline::text(w(lang, "adjustments-intro"))));
            for a in &fw.adjustments {
                blocks.push(Block::Heading {
                    level: 4,
                    text: a.label.get(lang).to_owned(),
                    id: self.id(&a.id),
                });
                let mut fields = vec![(w(lang, "advice").to_owned(), Inline::text(a.advice.get(lang).trim()))];
                if self.rules {
                    fields.push((
                        w(lang, "condition").to_owned(),
                        Inline(vec![Span::Code(a.when.clone())]),
                    ));
                }
                blocks.push(Block::Fields(fields));
                blocks.extend(self.basis(a.provenance.as_ref()));
            }
        }
        Section {
            anchor: "decision",
            title: w(lang, "decision").to_owned(),
            blocks,
        }
    }
}
