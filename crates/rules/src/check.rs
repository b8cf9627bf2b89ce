//! Checking a framework: every problem, each with where it is.

use kader_core::{Framework, Provenance, QuestionType, Section, Text};
use std::collections::HashMap;
use std::fmt;

/// One segment of an [`ItemPath`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PathSeg {
    /// A table key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// Where an item or value is in the merged framework, e.g. `question[4].choice[2].label.en`.
///
/// The data crate maps a path to a file, line and column.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemPath(pub Vec<PathSeg>);

impl ItemPath {
    /// `section[index]`.
    pub fn of(section: &str, index: usize) -> ItemPath {
        ItemPath(vec![PathSeg::Key(section.to_owned()), PathSeg::Index(index)])
    }
    /// This path with a key appended.
    pub fn key(mut self, key: &str) -> ItemPath {
        if !key.is_empty() {
            self.0.push(PathSeg::Key(key.to_owned()));
        }
        self
    }
    /// This path with an index appended.
    pub fn index(mut self, i: usize) -> ItemPath {
        self.0.push(PathSeg::Index(i));
        self
    }
}

impl fmt::Display for ItemPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                PathSeg::Key(k) if i == 0 => write!(f, "{k}")?,
                PathSeg::Key(k) => write!(f, ".{k}")?,
                PathSeg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The framework cannot be used.
    Error,
    /// Likely a mistake (a rule that can never fire); the framework still works.
    Warning,
}

/// A problem found in a framework.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where.
    pub path: ItemPath,
    /// For a problem inside a rule condition: the byte offset in the condition string.
    pub offset: Option<usize>,
    /// What is wrong: what was expected and what was found.
    pub message: String,
}

impl Diagnostic {
    /// An error at a path.
    pub fn error(path: ItemPath, message: String) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            path,
            offset: None,
            message,
        }
    }
    /// A warning at a path.
    pub fn warning(path: ItemPath, message: String) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            path,
            offset: None,
            message,
        }
    }
    /// The same diagnostic at an offset in the condition string.
    pub fn at(mut self, offset: usize) -> Diagnostic {
        self.offset = Some(offset);
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{sev}: {}: {}", self.path, self.message)
    }
}

/// Checks a framework and returns every problem found (errors and warnings), sorted by path.
///
/// Checks: the format version; unique ids per section (and choice ids per question); every
/// reference resolves (groups, scales, domains, practices, verdicts, actions, adjustment reasons,
/// source ids in provenance); every text has `nl` and `en`; every item has provenance; question
/// bounds and types fit; scales rise; criteria, action cases and the decision end in a catch-all;
/// conditions parse and type-check against the questions; rules that can never fire.
pub fn check(framework: &Framework) -> Vec<Diagnostic> {
    let (_, mut diags) = crate::compile::build(framework, String::new());
    diags.sort();
    diags.dedup();
    diags
}

struct Checker<'a> {
    fw: &'a Framework,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn err(&mut self, path: ItemPath, msg: String) {
        self.out.push(Diagnostic::error(path, msg));
    }

    fn text(&mut self, path: ItemPath, t: &Text) {
        for lang in t.missing_langs() {
            self.err(
                path.clone().key(lang.code()),
                format!(
                    "the text has no `{}` ({}) version; every text needs `nl` and `en`",
                    lang.code(),
                    lang.pick("Dutch", "English")
                ),
            );
        }
    }

    fn opt_text(&mut self, path: ItemPath, t: Option<&Text>) {
        if let Some(t) = t {
            self.text(path, t);
        }
    }

    fn provenance(&mut self, path: ItemPath, p: Option<&Provenance>) {
        let Some(p) = p else {
            self.err(
                path.key("provenance"),
                "the item has no `provenance`; expected `provenance = { kind = \"...\", sources = [...] }`".into(),
            );
            return;
        };
        if p.sources.is_empty() {
            self.err(
                path.clone().key("provenance").key("sources"),
                "provenance names no source; expected at least one source id".into(),
            );
        }
        for (i, r) in p.sources.iter().enumerate() {
            let (id, _) = Provenance::split_ref(r);
            if self.fw.source(id).is_none() {
                let known: Vec<&str> = self.fw.sources.iter().map(|s| s.id.as_str()).collect();
                let hint = crate::answers::suggest(id, known.iter().copied())
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                self.err(
                    path.clone().key("provenance").key("sources").index(i),
                    format!("source `{id}` is not defined in any `[[source]]`{hint}"),
                );
            }
        }
    }

    fn unique<'b>(&mut self, section: &str, ids: impl Iterator<Item = &'b str>, key: &str) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, id) in ids.enumerate() {
            if id.trim().is_empty() {
                self.err(
                    ItemPath::of(section, i).key(key),
                    "expected an id, found an empty string".into(),
                );
            } else if !id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b.is_ascii_uppercase())
            {
                self.err(
                    ItemPath::of(section, i).key(key),
                    format!("id `{id}` may only contain letters, digits and `-`"),
                );
            }
            if let Some(first) = seen.insert(id, i) {
                self.err(
                    ItemPath::of(section, i).key(key),
                    format!("duplicate {section} id `{id}`; it is already used by {section}[{first}]"),
                );
            }
        }
    }
}

/// The structural checks (everything but the rule conditions, which the compiler resolves).
pub(crate) fn check_structure(fw: &Framework) -> Vec<Diagnostic> {
    let mut c = Checker { fw, out: Vec::new() };
    let meta = &fw.framework;
    let root = ItemPath(vec![PathSeg::Key(Section::Framework.key().into())]);
    if meta.format != kader_core::FORMAT_VERSION {
        c.err(
            root.clone().key("format"),
            format!(
                "expected format {} (the format this kader reads), found {}",
                kader_core::FORMAT_VERSION,
                meta.format
            ),
        );
    }
    if meta.id.trim().is_empty() {
        c.err(
            root.clone().key("id"),
            "expected a framework id, found an empty string".into(),
        );
    }
    if meta.version.trim().is_empty() || meta.version.contains(['@', '/', ' ']) {
        c.err(
            root.clone().key("version"),
            format!("expected a version such as `2024.1`, found `{}`", meta.version),
        );
    }
    if meta.published.parse::<kader_core::Date>().is_err() {
        c.err(
            root.clone().key("published"),
            format!("expected a date as YYYY-MM-DD, found `{}`", meta.published),
        );
    }
    c.text(root.clone().key("title"), &meta.title);
    c.opt_text(root.clone().key("short-title"), meta.short_title.as_ref());
    c.opt_text(root.clone().key("description"), meta.description.as_ref());
    c.opt_text(root.clone().key("encoding-note"), meta.encoding_note.as_ref());
    c.opt_text(root.clone().key("notice"), meta.notice.as_ref());
    c.provenance(root, meta.provenance.as_ref());

    c.unique("source", fw.sources.iter().map(|s| s.id.as_str()), "id");
    c.unique("scale", fw.scales.iter().map(|s| s.id.as_str()), "id");
    c.unique("domain", fw.domains.iter().map(|s| s.id.as_str()), "id");
    c.unique("practice", fw.practices.iter().map(|s| s.id.as_str()), "id");
    c.unique("group", fw.groups.iter().map(|s| s.id.as_str()), "id");
    c.unique("question", fw.questions.iter().map(|s| s.id.as_str()), "id");
    c.unique("criterion", fw.criteria.iter().map(|s| s.id.as_str()), "id");
    c.unique("verdict", fw.verdicts.iter().map(|s| s.id.as_str()), "id");
    c.unique("action", fw.actions.iter().map(|s| s.id.as_str()), "id");
    c.unique("adjustment", fw.adjustments.iter().map(|s| s.id.as_str()), "id");

    for (i, s) in fw.scales.iter().enumerate() {
        let p = ItemPath::of("scale", i);
        c.text(p.clone().key("label"), &s.label);
        c.opt_text(p.clone().key("description"), s.description.as_ref());
        c.provenance(p.clone(), s.provenance.as_ref());
        if s.levels.is_empty() {
            c.err(
                p.clone().key("level"),
                "a scale needs at least one `[[scale.level]]`".into(),
            );
        }
        if s.expiry_penalty < 0 {
            c.err(
                p.clone().key("expiry-penalty"),
                format!("expected 0 or more, found {}", s.expiry_penalty),
            );
        }
        let mut seen = HashMap::new();
        for (k, l) in s.levels.iter().enumerate() {
            let lp = p.clone().key("level").index(k);
            c.text(lp.clone().key("label"), &l.label);
            c.opt_text(lp.clone().key("description"), l.description.as_ref());
            if let Some(first) = seen.insert(l.id.as_str(), k) {
                c.err(
                    lp.clone().key("id"),
                    format!("duplicate level id `{}`; already level[{first}]", l.id),
                );
            }
            if k > 0 && l.rank < s.levels[k - 1].rank {
                c.err(
                    lp.clone().key("rank"),
                    format!(
                        "levels are listed lowest first: expected a rank of at least {}, found {}",
                        s.levels[k - 1].rank,
                        l.rank
                    ),
                );
            }
            if l.valid_years.is_some_and(|v| v < 0) {
                c.err(lp.key("valid-years"), "expected 0 or more years".into());
            }
        }
    }
    for (i, d) in fw.domains.iter().enumerate() {
        let p = ItemPath::of("domain", i);
        c.text(p.clone().key("label"), &d.label);
        c.opt_text(p.clone().key("description"), d.description.as_ref());
        c.provenance(p.clone(), d.provenance.as_ref());
        for (key, list) in [
            ("risk-factors", &d.risk_factors),
            ("protective-factors", &d.protective_factors),
        ] {
            if let Some(list) = list {
                let lp = p.clone().key(key);
                for (k, t) in list.items.iter().enumerate() {
                    c.text(lp.clone().key("items").index(k), t);
                }
                c.provenance(lp, list.provenance.as_ref());
            }
        }
    }
    for (i, pr) in fw.practices.iter().enumerate() {
        let p = ItemPath::of("practice", i);
        c.text(p.clone().key("label"), &pr.label);
        c.opt_text(p.clone().key("description"), pr.description.as_ref());
        c.text(p.clone().key("advice"), &pr.advice);
        c.provenance(p, pr.provenance.as_ref());
        if fw.domain(&pr.id).is_some() {
            c.err(
                ItemPath::of("practice", i).key("id"),
                format!("practice id `{}` is also a domain id; choice ids must be unique", pr.id),
            );
        }
    }
    for (i, g) in fw.groups.iter().enumerate() {
        let p = ItemPath::of("group", i);
        c.text(p.clone().key("label"), &g.label);
        c.opt_text(p.key("description"), g.description.as_ref());
    }
    for (i, q) in fw.questions.iter().enumerate() {
        check_question(&mut c, i, q);
    }
    for (i, cr) in fw.criteria.iter().enumerate() {
        let p = ItemPath::of("criterion", i);
        c.text(p.clone().key("label"), &cr.label);
        c.opt_text(p.clone().key("description"), cr.description.as_ref());
        c.provenance(p.clone(), cr.provenance.as_ref());
        if cr.cases.is_empty() {
            c.err(
                p.clone().key("case"),
                "a criterion needs at least one `[[criterion.case]]`".into(),
            );
        }
        for (k, case) in cr.cases.iter().enumerate() {
            c.text(p.clone().key("case").index(k).key("explain"), &case.explain);
        }
        if cr.cases.last().is_some_and(|l| l.when.is_some()) {
            c.err(
                p.key("case").index(cr.cases.len() - 1).key("when"),
                "the last case of a criterion must be a catch-all: expected no `when`, found one".into(),
            );
        }
    }
    for (i, v) in fw.verdicts.iter().enumerate() {
        let p = ItemPath::of("verdict", i);
        c.text(p.clone().key("label"), &v.label);
        c.opt_text(p.clone().key("description"), v.description.as_ref());
        c.provenance(p, v.provenance.as_ref());
    }
    for (i, a) in fw.actions.iter().enumerate() {
        let p = ItemPath::of("action", i);
        c.text(p.clone().key("label"), &a.label);
        c.opt_text(p.clone().key("description"), a.description.as_ref());
        c.provenance(p, a.provenance.as_ref());
    }
    for (i, a) in fw.adjustments.iter().enumerate() {
        let p = ItemPath::of("adjustment", i);
        c.text(p.clone().key("label"), &a.label);
        c.text(p.clone().key("advice"), &a.advice);
        c.provenance(p, a.provenance.as_ref());
    }
    check_decision(&mut c);
    check_migrations(&mut c);
    if fw.decision.is_empty() {
        c.err(
            ItemPath(vec![PathSeg::Key("decision".into())]),
            "the framework has no `[[decision]]` rules".into(),
        );
    }
    if fw.verdicts.len() > usize::from(u16::MAX)
        || fw.actions.len() > usize::from(u16::MAX)
        || fw.questions.len() > usize::from(u16::MAX)
    {
        c.err(
            ItemPath::default(),
            "too many items: at most 65535 questions, verdicts and actions".into(),
        );
    }
    c.out
}

fn check_question(c: &mut Checker<'_>, i: usize, q: &kader_core::Question) {
    let fw = c.fw;
    let p = ItemPath::of("question", i);
    c.text(p.clone().key("label"), &q.label);
    c.opt_text(p.clone().key("short-label"), q.short_label.as_ref());
    c.opt_text(p.clone().key("help"), q.help.as_ref());
    c.opt_text(p.clone().key("unit"), q.unit.as_ref());
    c.provenance(p.clone(), q.provenance.as_ref());
    if let Some(g) = &q.group {
        if !fw.groups.iter().any(|x| x.id == *g) {
            c.err(
                p.clone().key("group"),
                format!("group `{g}` is not defined in any `[[group]]`"),
            );
        }
    }
    let is_choice = matches!(q.kind, QuestionType::Choice | QuestionType::Multi);
    if !is_choice && (!q.choices.is_empty() || !q.choices_from.is_empty() || q.scale.is_some()) {
        c.err(
            p.clone().key("type"),
            format!(
                "only choice and multi questions take `choice`, `choices-from` or `scale`; this one is `{}`",
                q.kind.id()
            ),
        );
    }
    if q.kind != QuestionType::Int && (q.min.is_some() || q.max.is_some()) {
        c.err(
            p.clone().key("min"),
            format!("only int questions take `min` and `max`; this one is `{}`", q.kind.id()),
        );
    }
    if let (Some(lo), Some(hi)) = (q.min, q.max) {
        if lo > hi {
            c.err(
                p.clone().key("max"),
                format!("expected `max` ≥ `min` ({lo}), found {hi}"),
            );
        }
    }
    if let Some(s) = &q.scale {
        if fw.scale(s).is_none() {
            c.err(
                p.clone().key("scale"),
                format!("scale `{s}` is not defined in any `[[scale]]`"),
            );
        }
        if q.kind != QuestionType::Choice {
            c.err(
                p.clone().key("scale"),
                "a scale question must be of type `choice`".into(),
            );
        }
    }
    if let (Some(scale), None) = (q.scale.as_deref().and_then(|s| fw.scale(s)), &q.granted_year) {
        if scale.levels.iter().any(|l| l.valid_years.is_some()) {
            c.out.push(Diagnostic::warning(
                p.clone().key("scale"),
                format!(
                    "levels of scale `{}` expire (`valid-years`), but the question has no `granted-year`, so expiry can never be judged and its rank stays uncertain",
                    scale.id
                ),
            ));
        }
    }
    if let Some(y) = &q.granted_year {
        match fw.question(y) {
            None => c.err(p.clone().key("granted-year"), format!("question `{y}` does not exist")),
            Some(yq) if yq.kind != QuestionType::Int => c.err(
                p.clone().key("granted-year"),
                format!("`granted-year` must name an int question; `{y}` is `{}`", yq.kind.id()),
            ),
            Some(_) => {}
        }
        if q.scale.is_none() {
            c.err(
                p.clone().key("granted-year"),
                "`granted-year` only applies to a question with a `scale`".into(),
            );
        }
    }
    for (k, ch) in q.choices.iter().enumerate() {
        c.text(p.clone().key("choice").index(k).key("label"), &ch.label);
        c.opt_text(p.clone().key("choice").index(k).key("help"), ch.help.as_ref());
    }
    if is_choice {
        let resolved = fw.choices_of(q);
        if resolved.is_empty() {
            c.err(
                p.clone().key("choice"),
                "a choice or multi question needs choices (`[[question.choice]]`, `choices-from` or `scale`)".into(),
            );
        }
        if resolved.len() > 64 {
            c.err(
                p.clone().key("choice"),
                format!("at most 64 choices per question, found {}", resolved.len()),
            );
        }
        let mut seen = HashMap::new();
        let own_start = resolved.len() - q.choices.len();
        for (k, ch) in resolved.iter().enumerate() {
            if let Some(first) = seen.insert(ch.id, k) {
                let at = if k >= own_start {
                    p.clone().key("choice").index(k - own_start).key("id")
                } else {
                    p.clone().key("choices-from")
                };
                c.err(
                    at,
                    format!("duplicate choice id `{}` (choice {first} has it already)", ch.id),
                );
            }
        }
    }
}

fn check_decision(c: &mut Checker<'_>) {
    let fw = c.fw;
    let with_id = fw.decision.iter().filter(|d| d.id.is_some()).count();
    if with_id > 0 {
        let ids: Vec<&str> = fw
            .decision
            .iter()
            .map(|d| d.id.as_deref().unwrap_or_default())
            .collect();
        c.unique("decision", ids.into_iter(), "id");
    }
    for (i, d) in fw.decision.iter().enumerate() {
        let p = ItemPath::of("decision", i);
        if with_id > 0 && d.id.is_none() {
            c.err(
                p.clone().key("id"),
                format!(
                    "{with_id} of the {} decision rules have an `id`; expected every rule to have one, found none here",
                    fw.decision.len()
                ),
            );
        }
        c.opt_text(p.clone().key("label"), d.label.as_ref());
        c.text(p.clone().key("explain"), &d.explain);
        c.provenance(p.clone(), d.provenance.as_ref());
        if fw.verdict(&d.verdict).is_none() {
            let hint = crate::answers::suggest(&d.verdict, fw.verdicts.iter().map(|v| v.id.as_str()))
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            c.err(
                p.clone().key("verdict"),
                format!("verdict `{}` is not defined in any `[[verdict]]`{hint}", d.verdict),
            );
        }
        match (&d.action, d.action_cases.is_empty()) {
            (Some(_), false) => c.err(
                p.clone().key("actions"),
                "give either `action` or `actions`, not both".into(),
            ),
            (None, true) => c.err(
                p.clone().key("action"),
                "a decision rule needs an `action` (or `actions`)".into(),
            ),
            _ => {}
        }
        let check_action = |c: &mut Checker<'_>, path: ItemPath, a: &str| {
            if fw.action(a).is_none() {
                let hint = crate::answers::suggest(a, fw.actions.iter().map(|v| v.id.as_str()))
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                c.err(path, format!("action `{a}` is not defined in any `[[action]]`{hint}"));
            }
        };
        if let Some(a) = &d.action {
            check_action(c, p.clone().key("action"), a);
        }
        for (k, case) in d.action_cases.iter().enumerate() {
            check_action(c, p.clone().key("actions").index(k).key("action"), &case.action);
            c.opt_text(p.clone().key("actions").index(k).key("explain"), case.explain.as_ref());
        }
        if d.action_cases.last().is_some_and(|l| l.when.is_some()) {
            c.err(
                p.clone().key("actions").index(d.action_cases.len() - 1).key("when"),
                "the last action case must be a catch-all: expected no `when`, found one".into(),
            );
        }
    }
    if let Some(last) = fw.decision.last() {
        if last.when.is_some() {
            c.err(
                ItemPath::of("decision", fw.decision.len() - 1).key("when"),
                "the decision must end in a catch-all so every answer set gets a verdict: expected no `when` on the last rule, found one".into(),
            );
        }
    }
}

fn check_migrations(c: &mut Checker<'_>) {
    let fw = c.fw;
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, m) in fw.migrations.iter().enumerate() {
        let p = ItemPath::of("migration", i);
        c.opt_text(p.clone().key("description"), m.description.as_ref());
        c.provenance(p.clone(), m.provenance.as_ref());
        if m.from.trim().is_empty() || m.from.contains(['@', '/', ' ']) {
            c.err(
                p.clone().key("from"),
                format!("expected an earlier version such as `2024.1`, found `{}`", m.from),
            );
        } else if m.from == fw.framework.version {
            c.err(
                p.clone().key("from"),
                format!("a version cannot migrate from itself (`{}`)", m.from),
            );
        }
        if let Some(first) = seen.insert(m.from.as_str(), i) {
            c.err(
                p.clone().key("from"),
                format!(
                    "a second migration from `{}`; migration[{first}] has it already",
                    m.from
                ),
            );
        }
        let mut qs: HashMap<&str, usize> = HashMap::new();
        for (k, q) in m.questions.iter().enumerate() {
            let qp = p.clone().key("question").index(k);
            c.text(qp.clone().key("reason"), &q.reason);
            if let Some(first) = qs.insert(q.id.as_str(), k) {
                c.err(
                    qp.clone().key("id"),
                    format!(
                        "question `{}` is migrated twice; question[{first}] has it already",
                        q.id
                    ),
                );
            }
            let target_id = q.rename_to.as_deref().unwrap_or(&q.id);
            let target = fw.question(target_id);
            if target.is_none()
                && (q.rename_to.is_some() || !q.check_choices.is_empty() || !q.rename_choices.is_empty())
            {
                c.err(
                    qp.clone().key(if q.rename_to.is_some() { "rename-to" } else { "id" }),
                    format!("question `{target_id}` is not defined in this version"),
                );
            }
            if let Some(target) = target {
                let choices: Vec<&str> = fw.choices_of(target).iter().map(|ch| ch.id).collect();
                for (key, ids) in [
                    ("check-choices", q.check_choices.iter().collect::<Vec<_>>()),
                    ("rename-choices", q.rename_choices.values().collect::<Vec<_>>()),
                ] {
                    for id in ids {
                        if !choices.contains(&id.as_str()) {
                            c.err(
                                qp.clone().key(key),
                                format!("choice `{id}` is not a choice of question `{target_id}` in this version"),
                            );
                        }
                    }
                }
                for id in &q.drop_choices {
                    if choices.contains(&id.as_str()) && !q.rename_choices.contains_key(id) {
                        c.err(
                            qp.clone().key("drop-choices"),
                            format!(
                                "choice `{id}` is still a choice of question `{target_id}`; a dropped choice must be one this version no longer has"
                            ),
                        );
                    }
                }
            }
            if q.ask_again && (q.rename_to.is_some() || !q.rename_choices.is_empty() || !q.check_choices.is_empty()) {
                c.err(
                    qp.key("ask-again"),
                    "`ask-again` drops the answer; it cannot be combined with `rename-to`, `rename-choices` or `check-choices`".into(),
                );
            }
        }
    }
}
