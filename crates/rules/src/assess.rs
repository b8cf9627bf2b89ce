//! The explained assessment: labels, reasons, provenance, flags, missing answers and the trace.

use crate::answers::{DenseAnswers, Value};
use crate::compile::{Compiled, Cond, QuestionInfo};
use crate::eval::{Ctx, Evaluation};
use crate::why::Support;
use kader_core::{
    Advice, AdviceList, AnswerRef, Answers, Assessment, CitedSource, CriterionResult, Date, Flag, FrameworkRef,
    InterventionInfo, Labeled, Lang, Missing, Outcome, Outcomes, Provenance, ProvenanceKind, ProvenanceRef,
    QuestionType, RecognitionStatus, RuleRef, SourceRef, TraceStep, Truth,
};
use std::collections::BTreeSet;

impl Compiled {
    /// Assesses one intervention: validated answers in, the full explained assessment out.
    ///
    /// `answers` are the keyed answers the dense ones were validated from (they supply the values
    /// quoted in explanations, text answers included).
    pub fn assess(
        &self,
        intervention: &InterventionInfo,
        answers: &Answers,
        dense: &DenseAnswers,
        on: Date,
        lang: Lang,
    ) -> Assessment {
        let fw = &self.framework;
        let mut ev = Evaluation::default();
        self.evaluate_into(dense, on, &mut ev);
        let year = i64::from(on.year());
        let ctx = Ctx {
            c: self,
            a: dense,
            year,
            adjustments: &ev.adjustments,
        };
        let because = |sup: &Support| -> Vec<AnswerRef> { self.cite(sup, answers, dense, lang) };
        let support = |node: Option<&crate::compile::Node>| -> Support {
            let mut sup = Support::default();
            if let Some(n) = node {
                ctx.support(n, &mut sup);
            }
            sup
        };
        let mut trace = Vec::new();

        // Adjustment reasons.
        let mut advice = Vec::new();
        let rule = &fw.decision[ev.rule];
        for (i, (a, t)) in fw.adjustments.iter().zip(&ev.adjustments).enumerate() {
            trace.push(TraceStep {
                rule: format!("adjustment.{}", a.id),
                when: Some(a.when.clone()),
                result: *t,
                decisive: *t == Truth::True && rule.advise,
                provenance: kind_of(a.provenance.as_ref()),
            });
            if *t == Truth::True && rule.advise {
                advice.push(Advice {
                    id: a.id.clone(),
                    label: a.label.get(lang).to_owned(),
                    text: a.advice.get(lang).to_owned(),
                    items: a.list.map(|l| self.advice_items(l, dense, lang)).unwrap_or_default(),
                    because: because(&support(self.adjustments[i].node.as_ref()).sorted()),
                    provenance: self.provenance(a.provenance.as_ref()),
                });
            }
        }

        // Criteria.
        let mut criteria = Vec::new();
        for (ci, (c, cases)) in fw.criteria.iter().zip(&self.criteria).enumerate() {
            let (outcome, k) = ev.criteria[ci];
            for (j, case) in cases.iter().enumerate().take(k + 1) {
                trace.push(TraceStep {
                    rule: format!("criterion.{}.case[{j}]", c.id),
                    when: c.cases[j].when.clone(),
                    result: eval_cond(&ctx, &case.cond),
                    decisive: j == k,
                    provenance: kind_of(c.provenance.as_ref()),
                });
            }
            let case = &c.cases[k];
            // Why: the answers that make the deciding case hold and those that made every earlier
            // case fail; for `unknown`, the unanswered questions it waits for.
            let mut sup = support(cases[k].cond.node.as_ref());
            if outcome != Outcome::Unknown {
                // A case decides because it holds and every earlier case failed.
                for earlier in &cases[..k] {
                    sup.extend(&support(earlier.cond.node.as_ref()));
                }
            }
            let sup = sup.sorted();
            let explain = if outcome == Outcome::Unknown && case.outcome != Outcome::Unknown {
                let open: Vec<&str> = sup.cited.iter().map(|&(s, _)| self.short_label(s, lang)).collect();
                match lang {
                    Lang::Nl => format!("Nog niet te beoordelen. Beantwoord: {}.", open.join(", ")),
                    Lang::En => format!("Cannot be judged yet. Answer: {}.", open.join(", ")),
                }
            } else {
                case.explain.get(lang).to_owned()
            };
            criteria.push(CriterionResult {
                id: c.id.clone(),
                label: c.label.get(lang).to_owned(),
                outcome,
                explain,
                rule: format!("criterion.{}.case[{k}]", c.id),
                because: because(&sup),
                provenance: self.provenance(c.provenance.as_ref()),
            });
        }

        // Decision.
        for (i, d) in self.decision.iter().enumerate().take(ev.rule + 1) {
            trace.push(TraceStep {
                rule: fw.decision[i].path(i),
                when: fw.decision[i].when.clone(),
                result: eval_cond(&ctx, &d.cond),
                decisive: i == ev.rule,
                provenance: kind_of(fw.decision[i].provenance.as_ref()),
            });
        }
        let cd = &self.decision[ev.rule];
        if !rule.action_cases.is_empty() {
            for (k, a) in cd.actions.iter().enumerate().take(ev.action_case + 1) {
                trace.push(TraceStep {
                    rule: format!("{}.actions[{k}]", rule.path(ev.rule)),
                    when: rule.action_cases[k].when.clone(),
                    result: eval_cond(&ctx, &a.cond),
                    decisive: k == ev.action_case,
                    provenance: kind_of(rule.provenance.as_ref()),
                });
            }
        }
        // Why: the answers that make the rule hold; for a catch-all, those that ruled out (or left
        // open) every earlier rule. The same for the action case.
        let rule_truth = eval_cond(&ctx, &cd.cond);
        let earlier_false = self.decision[..ev.rule]
            .iter()
            .all(|d| eval_cond(&ctx, &d.cond) == Truth::False);
        let mut sup = support(cd.cond.node.as_ref());
        if cd.cond.node.is_none() {
            for d in &self.decision[..ev.rule] {
                sup.extend(&support(d.cond.node.as_ref()));
            }
        }
        let case = &cd.actions[ev.action_case];
        sup.extend(&support(case.cond.node.as_ref()));
        if case.cond.node.is_none() {
            for a in &cd.actions[..ev.action_case] {
                sup.extend(&support(a.cond.node.as_ref()));
            }
        }
        let case_holds = case.cond.node.is_some() && eval_cond(&ctx, &case.cond) == Truth::True
            || cd.actions[..ev.action_case]
                .iter()
                .all(|a| eval_cond(&ctx, &a.cond) == Truth::False);
        // A text is shown only for a rule (and action case) that definitely holds: a catch-all
        // reached because earlier rules could not be decided gets the engine's own sentence.
        let rule_holds = rule_truth == Truth::True && (cd.cond.node.is_some() || earlier_false);
        let mut explain = if rule_holds {
            rule.explain.get(lang).to_owned()
        } else {
            lang.pick(
                "Met de antwoorden tot nu toe is nog niet vast te stellen welke eerdere beslisregel geldt. Dit oordeel is voorlopig: beantwoord de vragen die de uitkomst kunnen veranderen.",
                "With the answers so far it cannot yet be established whether an earlier decision rule applies. This verdict is provisional: answer the questions that could change the result.",
            )
            .to_owned()
        };
        if let Some(e) = rule.action_cases.get(ev.action_case).and_then(|a| a.explain.as_ref()) {
            if rule_holds && case_holds {
                explain.push(' ');
                explain.push_str(e.get(lang));
            }
        }
        let decided_by = RuleRef {
            rule: if rule.action_cases.is_empty() {
                rule.path(ev.rule)
            } else {
                format!("{}.actions[{}]", rule.path(ev.rule), ev.action_case)
            },
            label: self.rule_label(ev.rule, lang),
            when: rule.when.clone(),
            explain,
            because: because(&sup.sorted()),
            provenance: self.provenance(rule.provenance.as_ref()),
        };

        let verdict = &fw.verdicts[ev.verdict];
        let action = &fw.actions[ev.action];
        Assessment {
            framework: FrameworkRef {
                id: fw.framework.id.clone(),
                version: fw.framework.version.clone(),
                status: fw.framework.status,
                digest: self.digest.clone(),
            },
            intervention: intervention.clone(),
            assessed_on: on,
            lang,
            notice: fw.framework.notice.as_ref().map(|t| t.get(lang).to_owned()),
            verdict: Labeled {
                id: verdict.id.clone(),
                label: verdict.label.get(lang).to_owned(),
            },
            action: Labeled {
                id: action.id.clone(),
                label: action.label.get(lang).to_owned(),
            },
            decided_by,
            provisional: ev.provisional,
            criteria,
            advice,
            flags: self.flags(dense, lang),
            recognition: self.recognition(&ctx, lang),
            missing: self.missing(dense, on, lang),
            trace,
            sources: Vec::new(),
        }
        .with_sources(fw)
    }

    /// The answers a support cites, with their labels and their values in words.
    fn cite(&self, sup: &Support, answers: &Answers, dense: &DenseAnswers, lang: Lang) -> Vec<AnswerRef> {
        sup.cited
            .iter()
            .map(|&(s, mask)| {
                let q = &self.questions[usize::from(s)];
                AnswerRef {
                    question: q.id.clone(),
                    value: answers.get(&q.id).cloned(),
                    label: self.short_label(s, lang).to_owned(),
                    text: self.answer_text(usize::from(s), dense, answers, mask, lang),
                }
            })
            .collect()
    }

    /// A question's short label (its full label when it has none).
    pub(crate) fn short_label(&self, slot: u16, lang: Lang) -> &str {
        let q = &self.framework.questions[usize::from(slot)];
        q.short_label.as_ref().unwrap_or(&q.label).get(lang)
    }

    /// A decision rule's name for people.
    fn rule_label(&self, rule: usize, lang: Lang) -> String {
        match self.framework.decision.get(rule).and_then(|r| r.label.as_ref()) {
            Some(l) => l.get(lang).to_owned(),
            None => match lang {
                Lang::Nl => format!("Beslisregel {}", rule + 1),
                Lang::En => format!("Decision rule {}", rule + 1),
            },
        }
    }

    /// An answer in words: "ja", "13 jaar", a choice's label, the labels of the chosen choices
    /// (only those in `mask`), or the text given.
    pub fn answer_text(
        &self,
        slot: usize,
        dense: &DenseAnswers,
        answers: &Answers,
        mask: u64,
        lang: Lang,
    ) -> Option<String> {
        let fq = self.framework.questions.get(slot)?;
        let value = dense.get(slot)?;
        Some(match value {
            Value::Bool(b) => lang
                .pick(if b { "ja" } else { "nee" }, if b { "yes" } else { "no" })
                .to_owned(),
            Value::Int(n) => match &fq.unit {
                Some(u) => format!("{n} {}", u.get(lang)),
                None => n.to_string(),
            },
            Value::Choice(c) => self
                .framework
                .choices_of(fq)
                .get(usize::from(c))
                .map(|ch| ch.label.get(lang).to_owned())
                .unwrap_or_default(),
            Value::Multi(m) => {
                let chosen: Vec<String> = self
                    .framework
                    .choices_of(fq)
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| m & mask & crate::answers::bit(*i) != 0)
                    .map(|(_, ch)| ch.label.get(lang).to_owned())
                    .collect();
                if chosen.is_empty() {
                    lang.pick("geen", "none").to_owned()
                } else {
                    chosen.join(", ")
                }
            }
            Value::Text => match answers.get(&fq.id) {
                Some(kader_core::AnswerValue::Str(t)) => t.clone(),
                _ => String::new(),
            },
        })
    }

    /// The items an advice lists: the protective (or risk) factors of the risk domains the
    /// intervention works on, or of every domain when that is not answered or empty.
    fn advice_items(&self, list: AdviceList, dense: &DenseAnswers, lang: Lang) -> Vec<String> {
        let fw = &self.framework;
        let domains_q = fw
            .questions
            .iter()
            .position(|q| q.choices_from.contains(&kader_core::ChoiceSource::Domains));
        let chosen: Vec<&kader_core::Domain> = match domains_q.and_then(|s| dense.get(s).map(|v| (s, v))) {
            Some((s, Value::Multi(m))) if m != 0 => fw
                .choices_of(&fw.questions[s])
                .iter()
                .enumerate()
                .filter(|(i, _)| m & crate::answers::bit(*i) != 0)
                .filter_map(|(_, ch)| fw.domain(ch.id))
                .collect(),
            _ => fw.domains.iter().collect(),
        };
        let mut out: Vec<String> = Vec::new();
        for d in chosen {
            let factors = match list {
                AdviceList::ProtectiveFactors => d.protective_factors.as_ref(),
                AdviceList::RiskFactors => d.risk_factors.as_ref(),
            };
            for f in factors.iter().flat_map(|l| l.items.iter()) {
                let f = f.get(lang).to_owned();
                if !out.contains(&f) {
                    out.push(f);
                }
            }
        }
        out
    }

    /// Resolves provenance source ids to citations.
    fn provenance(&self, p: Option<&Provenance>) -> ProvenanceRef {
        let Some(p) = p else {
            return ProvenanceRef {
                kind: ProvenanceKind::Editorial,
                sources: Vec::new(),
            };
        };
        ProvenanceRef {
            kind: p.kind,
            sources: p
                .sources
                .iter()
                .map(|r| {
                    let (id, locator) = Provenance::split_ref(r);
                    SourceRef {
                        id: id.to_owned(),
                        locator: locator.map(str::to_owned),
                        citation: self
                            .framework
                            .source(id)
                            .map(|s| s.citation.clone())
                            .unwrap_or_default(),
                    }
                })
                .collect(),
        }
    }

    fn flags(&self, dense: &DenseAnswers, lang: Lang) -> Vec<Flag> {
        let mut out = Vec::new();
        for (slot, q) in self.questions.iter().enumerate() {
            let selected: u64 = match dense.get(slot) {
                Some(Value::Multi(m)) => m,
                Some(Value::Choice(c)) => crate::answers::bit(c),
                _ => continue,
            };
            for (i, p) in q.practice_of_choice.iter().enumerate() {
                let Some(p) = p else { continue };
                if selected & (crate::answers::bit(i)) == 0 {
                    continue;
                }
                let practice = &self.framework.practices[*p];
                out.push(Flag {
                    practice: practice.id.clone(),
                    label: practice.label.get(lang).to_owned(),
                    harm: practice.harm,
                    advice: practice.advice.get(lang).to_owned(),
                    question: q.id.clone(),
                    provenance: self.provenance(practice.provenance.as_ref()),
                });
            }
        }
        out.sort_by(|a, b| a.harm.cmp(&b.harm).then_with(|| a.practice.cmp(&b.practice)));
        out
    }

    fn recognition(&self, ctx: &Ctx<'_>, lang: Lang) -> Option<RecognitionStatus> {
        let (slot, q) = self
            .questions
            .iter()
            .enumerate()
            .find(|(_, q)| q.scale.as_ref().is_some_and(|s| s.year_slot.is_some()))?;
        let scale = q.scale.as_ref()?;
        let Some(Value::Choice(level)) = ctx.a.get(slot) else {
            return None;
        };
        let fq = &self.framework.questions[slot];
        let level_def = self
            .framework
            .scale(fq.scale.as_deref().unwrap_or_default())?
            .levels
            .get(usize::from(level))?;
        let granted = match scale.year_slot.and_then(|y| ctx.a.get(usize::from(y))) {
            Some(Value::Int(y)) => Some(y),
            _ => None,
        };
        let valid_until = match (granted, level_def.valid_years) {
            (Some(g), Some(v)) => Some(g.saturating_add(v)),
            _ => None,
        };
        let slot16 = u16::try_from(slot).ok()?;
        let expired = match ctx.expired(slot16) {
            Truth::True => Some(true),
            Truth::False => Some(false),
            Truth::Unknown => None,
        };
        let effective_rank = ctx.rank(slot16).and_then(|(lo, hi)| (lo == hi).then_some(lo));
        Some(RecognitionStatus {
            question: q.id.clone(),
            level: kader_core::Labeled {
                id: level_def.id.clone(),
                label: level_def.label.get(lang).to_owned(),
            },
            granted,
            valid_until,
            expired,
            effective_rank,
        })
    }

    /// The unanswered questions whose answer could change verdict or action: each is tried with
    /// the values that can matter (every choice; for multi questions none, each single choice,
    /// all, and all but one; for numbers the bounds and each constant the rules compare it with,
    /// and its neighbours), the other unanswered questions left unknown.
    fn missing(&self, dense: &DenseAnswers, on: Date, lang: Lang) -> Vec<Missing> {
        let base = self.decide(dense, on);
        let mut out = Vec::new();
        let mut trial = dense.clone();
        for (slot, q) in self.questions.iter().enumerate() {
            if !q.used || dense.get(slot).is_some() {
                continue;
            }
            let mut outcomes = BTreeSet::new();
            for v in self.candidates(q, on) {
                trial.set(slot, Some(v));
                let d = self.decide(&trial, on);
                if d != base {
                    outcomes.insert((d.verdict, d.action));
                }
            }
            trial.set(slot, None);
            if outcomes.is_empty() {
                continue;
            }
            let fq = &self.framework.questions[slot];
            out.push(Missing {
                question: q.id.clone(),
                label: fq.label.get(lang).to_owned(),
                changes_verdict: outcomes.iter().any(|(v, _)| *v != base.verdict),
                changes_action: outcomes.iter().any(|(_, a)| *a != base.action),
                could_become: outcomes
                    .into_iter()
                    .map(|(v, a)| Outcomes {
                        verdict: self.framework.verdicts[v].id.clone(),
                        action: self.framework.actions[a].id.clone(),
                        verdict_label: self.framework.verdicts[v].label.get(lang).to_owned(),
                        action_label: self.framework.actions[a].label.get(lang).to_owned(),
                    })
                    .collect(),
            });
        }
        out
    }

    fn candidates(&self, q: &QuestionInfo, on: Date) -> Vec<Value> {
        let n = q.choices.len().min(64);
        match q.kind {
            QuestionType::Bool => vec![Value::Bool(true), Value::Bool(false)],
            QuestionType::Choice => (0..n).filter_map(|i| u8::try_from(i).ok()).map(Value::Choice).collect(),
            QuestionType::Multi => {
                let all: u64 = if n == 64 { u64::MAX } else { (1u64 << n) - 1 };
                let mut v = vec![Value::Multi(0), Value::Multi(all)];
                for i in 0..n {
                    v.push(Value::Multi(crate::answers::bit(i)));
                    v.push(Value::Multi(all & !(crate::answers::bit(i))));
                }
                v
            }
            QuestionType::Int => {
                let mut points = vec![q.min, q.max];
                for p in &q.pivots {
                    points.extend([p.saturating_sub(1), *p, p.saturating_add(1)]);
                }
                // A year a scale level was granted in: just valid and just expired, per level.
                let year = i64::from(on.year());
                for other in &self.questions {
                    if let Some(s) = &other.scale {
                        if s.year_slot.map(usize::from) == self.slot(&q.id) {
                            for v in s.valid_years.iter().flatten() {
                                points.extend([year - v, year - v - 1]);
                            }
                        }
                    }
                }
                points.retain(|p| *p >= q.min && *p <= q.max);
                points.sort_unstable();
                points.dedup();
                points.into_iter().map(Value::Int).collect()
            }
            QuestionType::Text => Vec::new(),
        }
    }
}

fn eval_cond(ctx: &Ctx<'_>, c: &Cond) -> Truth {
    c.node.as_ref().map_or(Truth::True, |n| ctx.eval(n))
}

fn kind_of(p: Option<&Provenance>) -> ProvenanceKind {
    p.map_or(ProvenanceKind::Editorial, |p| p.kind)
}

impl Compiled {
    /// Whether some answer to the question in `slot` (now unanswered) could still change verdict
    /// or action, given the other answers; questions no rule reads never can.
    pub fn could_change(&self, dense: &DenseAnswers, slot: usize, on: Date) -> bool {
        let Some(q) = self.questions.get(slot) else {
            return false;
        };
        if !q.used {
            return false;
        }
        let base = self.decide(dense, on);
        let mut trial = dense.clone();
        self.candidates(q, on).into_iter().any(|v| {
            trial.set(slot, Some(v));
            self.decide(&trial, on) != base
        })
    }
}

trait WithSources {
    fn with_sources(self, fw: &kader_core::Framework) -> Self;
}

impl WithSources for Assessment {
    /// Numbers every source cited (decision, criteria, advice, flags), in order of first citation.
    fn with_sources(mut self, fw: &kader_core::Framework) -> Assessment {
        let mut list: Vec<CitedSource> = Vec::new();
        let provs = std::iter::once(&self.decided_by.provenance)
            .chain(self.advice.iter().map(|a| &a.provenance))
            .chain(self.flags.iter().map(|f| &f.provenance))
            .chain(self.criteria.iter().map(|c| &c.provenance));
        for p in provs {
            for s in &p.sources {
                if list.iter().any(|c| c.id == s.id) {
                    continue;
                }
                let Some(src) = fw.source(&s.id) else { continue };
                list.push(CitedSource {
                    number: u32::try_from(list.len() + 1).unwrap_or(u32::MAX),
                    id: src.id.clone(),
                    kind: src.kind,
                    citation: src.citation.clone(),
                    url: src.url.clone(),
                });
            }
        }
        self.sources = list;
        self
    }
}
