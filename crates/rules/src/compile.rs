//! Compilation: resolving rule conditions against the questions and building the dense form that
//! evaluation runs on.

use crate::answers::suggest;
use crate::check::{Diagnostic, ItemPath, Severity, check_structure};
use kader_core::expr::{CmpOp, Expr, Name, Operand, Quantifier, SetExpr};
use kader_core::{Framework, HarmClass, Outcome, QuestionType};
use std::collections::HashMap;

/// A framework that did not pass the checks; holds every diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the framework has {} problem(s); the first: {}", .0.len(), .0.first().map(|d| d.to_string()).unwrap_or_default())]
pub struct CompileError(pub Vec<Diagnostic>);

/// A compiled node of a condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    Const(bool),
    Truthy(u16),
    Not(Box<Node>),
    And(Box<[Node]>),
    Or(Box<[Node]>),
    AtLeast(u32, Box<[Node]>),
    Cmp(IntOp, CmpOp, IntOp),
    ChoiceIn { slot: u16, mask: u64, negated: bool },
    Has { slot: u16, quant: Quantifier, mask: u64 },
    Answered(u16),
    Expired(u16),
    Adjustment(Option<u16>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IntOp {
    Const(i64),
    Int(u16),
    Rank(u16),
    Count(u16, u8),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScaleInfo {
    pub(crate) ranks: Vec<i64>,
    pub(crate) valid_years: Vec<Option<i64>>,
    pub(crate) penalty: i64,
    pub(crate) year_slot: Option<u16>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QuestionInfo {
    pub(crate) id: String,
    pub(crate) kind: QuestionType,
    pub(crate) min: i64,
    pub(crate) max: i64,
    pub(crate) choices: Vec<String>,
    pub(crate) scale: Option<ScaleInfo>,
    /// For each choice: the index of the practice it is, if any.
    pub(crate) practice_of_choice: Vec<Option<usize>>,
    /// Int constants this question is compared with (for trying answers in `missing`).
    pub(crate) pivots: Vec<i64>,
    /// Whether any rule reads this question.
    pub(crate) used: bool,
}

impl QuestionInfo {
    pub(crate) fn choice_index(&self, id: &str) -> Option<u8> {
        self.choices
            .iter()
            .position(|c| c == id)
            .and_then(|i| u8::try_from(i).ok())
    }
}

/// A compiled condition with the questions it reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cond {
    pub(crate) node: Option<Node>,
    /// Questions the condition reads directly.
    pub(crate) refs: Vec<u16>,
    /// Adjustment reasons it refers to (their questions are cited only when they hold).
    pub(crate) adjustments: Vec<u16>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CCase {
    pub(crate) outcome: Outcome,
    pub(crate) cond: Cond,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CActionCase {
    pub(crate) action: u16,
    pub(crate) cond: Cond,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CDecision {
    pub(crate) verdict: u16,
    pub(crate) cond: Cond,
    pub(crate) actions: Vec<CActionCase>,
}

/// A framework compiled for evaluation. Immutable, `Send + Sync`: compile once, share across
/// threads, evaluate many times.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub(crate) framework: Framework,
    pub(crate) digest: String,
    pub(crate) questions: Vec<QuestionInfo>,
    pub(crate) question_index: HashMap<String, usize>,
    pub(crate) adjustments: Vec<Cond>,
    pub(crate) criteria: Vec<Vec<CCase>>,
    pub(crate) decision: Vec<CDecision>,
}

impl Compiled {
    /// Checks and compiles a framework. `digest` identifies the exact data (the data crate passes
    /// the `sha256:` digest of the version's files) and is recorded in every assessment.
    ///
    /// Fails with every error-level diagnostic; warnings do not stop compilation (see
    /// [`crate::check()`] for them).
    pub fn new(framework: &Framework, digest: impl Into<String>) -> Result<Compiled, CompileError> {
        let (compiled, diagnostics) = build(framework, digest.into());
        let errors: Vec<Diagnostic> = diagnostics
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        match compiled {
            Some(c) if errors.is_empty() => Ok(c),
            _ => Err(CompileError(errors)),
        }
    }

    /// The framework this was compiled from.
    pub fn framework(&self) -> &Framework {
        &self.framework
    }

    /// The digest given at compile time.
    pub fn digest(&self) -> &str {
        &self.digest
    }

    /// The slot of a question, by id.
    pub fn slot(&self, question: &str) -> Option<usize> {
        self.question_index.get(question).copied()
    }

    /// Number of questions (slots).
    pub fn question_count(&self) -> usize {
        self.questions.len()
    }
}

/// Builds the compiled form and collects every diagnostic (structure and conditions).
pub(crate) fn build(fw: &Framework, digest: String) -> (Option<Compiled>, Vec<Diagnostic>) {
    let mut diags = check_structure(fw);
    let structural_errors = diags.iter().any(|d| d.severity == Severity::Error);

    let mut questions: Vec<QuestionInfo> = Vec::with_capacity(fw.questions.len());
    let mut question_index = HashMap::new();
    for (i, q) in fw.questions.iter().enumerate() {
        question_index.entry(q.id.clone()).or_insert(i);
        let choices: Vec<String> = fw.choices_of(q).iter().map(|c| c.id.to_owned()).collect();
        let practice_of_choice = choices
            .iter()
            .map(|c| fw.practices.iter().position(|p| p.id == *c))
            .collect();
        questions.push(QuestionInfo {
            id: q.id.clone(),
            kind: q.kind,
            min: q.min.unwrap_or(i64::MIN),
            max: q.max.unwrap_or(i64::MAX),
            choices,
            scale: None,
            practice_of_choice,
            pivots: Vec::new(),
            used: false,
        });
    }
    for (i, q) in fw.questions.iter().enumerate() {
        if let Some(scale) = q.scale.as_deref().and_then(|s| fw.scale(s)) {
            let year_slot = q
                .granted_year
                .as_deref()
                .and_then(|y| question_index.get(y))
                .and_then(|&s| u16::try_from(s).ok());
            questions[i].scale = Some(ScaleInfo {
                ranks: scale.levels.iter().map(|l| l.rank).collect(),
                valid_years: scale.levels.iter().map(|l| l.valid_years).collect(),
                penalty: scale.expiry_penalty,
                year_slot,
            });
        }
    }

    let mut r = Resolver {
        fw,
        questions: &mut questions,
        index: &question_index,
        diags: Vec::new(),
        path: ItemPath::default(),
        allow_adjustment: false,
        adjustment_refs: Vec::new(),
        used_adjustments: Vec::new(),
    };

    // Adjustments first: they may be referenced by everything else, but not by each other.
    let mut adjustments = Vec::new();
    for (i, a) in fw.adjustments.iter().enumerate() {
        r.path = ItemPath::of("adjustment", i).key("when");
        let cond = r.cond(Some(&a.when));
        adjustments.push(cond);
    }
    r.adjustment_refs = adjustments.iter().map(|c| c.refs.clone()).collect();
    r.allow_adjustment = true;

    let mut criteria = Vec::new();
    for (ci, c) in fw.criteria.iter().enumerate() {
        let mut cases = Vec::new();
        for (k, case) in c.cases.iter().enumerate() {
            r.path = ItemPath::of("criterion", ci).key("case").index(k).key("when");
            cases.push(CCase {
                outcome: case.outcome,
                cond: r.cond(case.when.as_deref()),
            });
        }
        criteria.push(cases);
    }

    let mut decision = Vec::new();
    for (di, d) in fw.decision.iter().enumerate() {
        r.path = ItemPath::of("decision", di).key("when");
        let cond = r.cond(d.when.as_deref());
        let verdict = fw.verdicts.iter().position(|v| v.id == d.verdict);
        let mut actions = Vec::new();
        if let Some(a) = &d.action {
            actions.push(CActionCase {
                action: fw.actions.iter().position(|x| x.id == *a).unwrap_or(0) as u16,
                cond: Cond {
                    node: None,
                    refs: Vec::new(),
                    adjustments: Vec::new(),
                },
            });
        }
        for (k, case) in d.action_cases.iter().enumerate() {
            r.path = ItemPath::of("decision", di).key("actions").index(k).key("when");
            let cond = r.cond(case.when.as_deref());
            actions.push(CActionCase {
                action: fw.actions.iter().position(|x| x.id == case.action).unwrap_or(0) as u16,
                cond,
            });
        }
        decision.push(CDecision {
            verdict: verdict.unwrap_or(0) as u16,
            cond,
            actions,
        });
    }
    diags.append(&mut r.diags);
    // A condition with errors compiles to `false`; do not also warn that it never fires.
    let errored: Vec<ItemPath> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.path.clone())
        .collect();
    diags.extend(
        never_fires(fw, &decision, &criteria)
            .into_iter()
            .filter(|d| !errored.contains(&d.path)),
    );

    for q in &mut questions {
        q.pivots.sort_unstable();
        q.pivots.dedup();
    }
    let ok = !structural_errors && !diags.iter().any(|d| d.severity == Severity::Error);
    let compiled = ok.then(|| Compiled {
        framework: fw.clone(),
        digest,
        questions,
        question_index,
        adjustments,
        criteria,
        decision,
    });
    (compiled, diags)
}

/// Rules that can never fire, where that can be seen without solving: rules after a catch-all,
/// a condition that is constant false, a condition identical to an earlier rule's.
fn never_fires(fw: &Framework, decision: &[CDecision], criteria: &[Vec<CCase>]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut check_list = |section: &str, idx: Option<usize>, sub: &str, conds: Vec<(Option<&Node>, usize)>| {
        let mut seen: Vec<&Node> = Vec::new();
        let mut after_catch_all = false;
        for (node, k) in conds {
            let path = match idx {
                Some(i) => ItemPath::of(section, i).key(sub).index(k),
                None => ItemPath::of(section, k),
            };
            if after_catch_all {
                out.push(Diagnostic::warning(
                    path,
                    "this rule can never fire: an earlier rule without `when` always fires first".into(),
                ));
                continue;
            }
            match node {
                None => after_catch_all = true,
                Some(Node::Const(false)) => out.push(Diagnostic::warning(
                    path.key("when"),
                    "this rule can never fire: its condition is always false".into(),
                )),
                Some(n) if seen.contains(&n) => out.push(Diagnostic::warning(
                    path.key("when"),
                    "this rule can never fire: an earlier rule has the same condition and wins".into(),
                )),
                Some(n) => seen.push(n),
            }
        }
    };
    check_list(
        "decision",
        None,
        "",
        decision
            .iter()
            .enumerate()
            .map(|(i, d)| (d.cond.node.as_ref(), i))
            .collect(),
    );
    for (i, d) in decision.iter().enumerate() {
        if fw.decision.get(i).is_some_and(|r| !r.action_cases.is_empty()) {
            check_list(
                "decision",
                Some(i),
                "actions",
                d.actions
                    .iter()
                    .enumerate()
                    .map(|(k, a)| (a.cond.node.as_ref(), k))
                    .collect(),
            );
        }
    }
    for (i, c) in criteria.iter().enumerate() {
        check_list(
            "criterion",
            Some(i),
            "case",
            c.iter().enumerate().map(|(k, a)| (a.cond.node.as_ref(), k)).collect(),
        );
    }
    // Verdicts and actions no rule gives.
    for (i, v) in fw.verdicts.iter().enumerate() {
        if !fw.decision.iter().any(|d| d.verdict == v.id) {
            out.push(Diagnostic::warning(
                ItemPath::of("verdict", i).key("id"),
                format!("verdict `{}` is given by no decision rule", v.id),
            ));
        }
    }
    for (i, a) in fw.actions.iter().enumerate() {
        let used = fw
            .decision
            .iter()
            .any(|d| d.action.as_deref() == Some(a.id.as_str()) || d.action_cases.iter().any(|c| c.action == a.id));
        if !used {
            out.push(Diagnostic::warning(
                ItemPath::of("action", i).key("id"),
                format!("action `{}` is given by no decision rule", a.id),
            ));
        }
    }
    out
}

enum Typed {
    Int(IntOp, i64, i64),
    Rank(u16),
    Choice(u16),
    Bool,
    Literal(Name),
}

struct Resolver<'a> {
    fw: &'a Framework,
    questions: &'a mut Vec<QuestionInfo>,
    index: &'a HashMap<String, usize>,
    diags: Vec<Diagnostic>,
    path: ItemPath,
    allow_adjustment: bool,
    adjustment_refs: Vec<Vec<u16>>,
    used_adjustments: Vec<u16>,
}

impl Resolver<'_> {
    fn cond(&mut self, src: Option<&str>) -> Cond {
        let Some(src) = src else {
            return Cond {
                node: None,
                refs: Vec::new(),
                adjustments: Vec::new(),
            };
        };
        let expr = match Expr::parse(src) {
            Ok(e) => e,
            Err(e) => {
                self.diags
                    .push(Diagnostic::error(self.path.clone(), e.message).at(e.offset));
                return Cond {
                    node: Some(Node::Const(false)),
                    refs: Vec::new(),
                    adjustments: Vec::new(),
                };
            }
        };
        let mut refs = Vec::new();
        self.used_adjustments.clear();
        let node = self.expr(&expr, &mut refs).unwrap_or(Node::Const(false));
        refs.sort_unstable();
        refs.dedup();
        let mut adjustments = std::mem::take(&mut self.used_adjustments);
        adjustments.sort_unstable();
        adjustments.dedup();
        Cond {
            node: Some(node),
            refs,
            adjustments,
        }
    }

    fn err<T>(&mut self, offset: usize, msg: String) -> Option<T> {
        self.diags.push(Diagnostic::error(self.path.clone(), msg).at(offset));
        None
    }

    fn question(&mut self, n: &Name, refs: &mut Vec<u16>) -> Option<u16> {
        match self.index.get(&n.id) {
            Some(&s) => {
                let slot = u16::try_from(s).ok()?;
                refs.push(slot);
                self.questions[s].used = true;
                Some(slot)
            }
            None => {
                let hint = suggest(&n.id, self.fw.questions.iter().map(|q| q.id.as_str()))
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                self.err::<()>(n.offset, format!("expected a question id, found `{}`{hint}", n.id));
                None
            }
        }
    }

    fn kind_of(&self, slot: u16) -> QuestionType {
        self.questions[usize::from(slot)].kind
    }

    fn question_of_kind(&mut self, n: &Name, kind: QuestionType, what: &str, refs: &mut Vec<u16>) -> Option<u16> {
        let slot = self.question(n, refs)?;
        let found = self.kind_of(slot);
        if found != kind {
            self.err::<()>(
                n.offset,
                format!(
                    "{what} needs a {} question, but `{}` is a {} question",
                    kind.id(),
                    n.id,
                    found.id()
                ),
            );
            return None;
        }
        Some(slot)
    }

    fn set_mask(&mut self, slot: u16, set: &SetExpr) -> Option<u64> {
        let q = &self.questions[usize::from(slot)];
        let mut mask = 0u64;
        match set {
            SetExpr::List(items) => {
                let mut bad = Vec::new();
                for n in items {
                    match q.choice_index(&n.id) {
                        Some(i) => mask |= 1u64 << i,
                        None => bad.push(n.clone()),
                    }
                }
                if !bad.is_empty() {
                    let allowed = q.choices.join(", ");
                    let qid = q.id.clone();
                    for n in bad {
                        self.err::<()>(
                            n.offset,
                            format!("`{}` is not a choice of `{qid}`; expected one of: {allowed}", n.id),
                        );
                    }
                    return None;
                }
            }
            SetExpr::Practices(classes) => {
                let mut any_practice = false;
                for (i, p) in q.practice_of_choice.iter().enumerate() {
                    if let Some(p) = p {
                        any_practice = true;
                        let harm: HarmClass = self.fw.practices[*p].harm;
                        if classes.contains(&harm) {
                            mask |= 1u64 << i;
                        }
                    }
                }
                if !any_practice {
                    let qid = q.id.clone();
                    return self.err(
                        0,
                        format!(
                            "`practices(...)` needs a question whose choices include the practices; `{qid}` has none"
                        ),
                    );
                }
            }
        }
        Some(mask)
    }

    fn typed(&mut self, o: &Operand, refs: &mut Vec<u16>) -> Option<Typed> {
        match o {
            Operand::Int(i) => Some(Typed::Int(IntOp::Const(*i), *i, *i)),
            Operand::Rank(n) => {
                let slot = self.question_of_kind(n, QuestionType::Choice, "`rank(...)`", refs)?;
                if self.questions[usize::from(slot)].scale.is_none() {
                    return self.err(
                        n.offset,
                        format!("`rank(...)` needs a question with a `scale`; `{}` has none", n.id),
                    );
                }
                if let Some(y) = self.questions[usize::from(slot)]
                    .scale
                    .as_ref()
                    .and_then(|s| s.year_slot)
                {
                    refs.push(y);
                    self.questions[usize::from(y)].used = true;
                }
                Some(Typed::Rank(slot))
            }
            Operand::Count(n) => {
                let slot = self.question_of_kind(n, QuestionType::Multi, "`count(...)`", refs)?;
                let len = self.questions[usize::from(slot)].choices.len();
                Some(Typed::Int(IntOp::Count(slot, len as u8), 0, len as i64))
            }
            Operand::Name(n) => match self.index.get(&n.id) {
                Some(_) => {
                    let slot = self.question(n, refs)?;
                    let q = &self.questions[usize::from(slot)];
                    match q.kind {
                        QuestionType::Int => Some(Typed::Int(IntOp::Int(slot), q.min, q.max)),
                        QuestionType::Choice => Some(Typed::Choice(slot)),
                        QuestionType::Bool => Some(Typed::Bool),
                        QuestionType::Multi => self
                            .err(n.offset, format!("`{}` is a multi question: compare it with `has any [...]`, `has all [...]` or `count(...)`", n.id))
                            ,
                        QuestionType::Text => self
                            .err(n.offset, format!("`{}` is a text question; rules cannot read text", n.id))
                            ,
                    }
                }
                None => Some(Typed::Literal(n.clone())),
            },
        }
    }

    fn rank_bounds(&self, slot: u16) -> (i64, i64) {
        let s = self.questions[usize::from(slot)].scale.as_ref();
        let lo = s
            .and_then(|s| s.ranks.iter().min().map(|m| m - s.penalty.max(0)))
            .unwrap_or(0);
        let hi = s.and_then(|s| s.ranks.iter().max().copied()).unwrap_or(0);
        (lo, hi)
    }

    fn compare(&mut self, left: &Operand, op: CmpOp, right: &Operand, refs: &mut Vec<u16>) -> Option<Node> {
        let l = self.typed(left, refs)?;
        let r = self.typed(right, refs)?;
        let int_side = |t: &Typed, this: &Self| -> Option<(IntOp, i64, i64)> {
            match t {
                Typed::Int(op, lo, hi) => Some((*op, *lo, *hi)),
                Typed::Rank(s) => {
                    let (lo, hi) = this.rank_bounds(*s);
                    Some((IntOp::Rank(*s), lo, hi))
                }
                _ => None,
            }
        };
        match (&l, &r) {
            (Typed::Rank(s), Typed::Literal(n)) | (Typed::Literal(n), Typed::Rank(s)) => {
                let scale_id = self.fw.questions[usize::from(*s)].scale.clone().unwrap_or_default();
                let level = self
                    .fw
                    .scale(&scale_id)
                    .and_then(|sc| sc.levels.iter().find(|lv| lv.id == n.id))
                    .map(|lv| lv.rank);
                let Some(rank) = level else {
                    let allowed = self
                        .fw
                        .scale(&scale_id)
                        .map(|sc| sc.levels.iter().map(|l| l.id.as_str()).collect::<Vec<_>>().join(", "))
                        .unwrap_or_default();
                    return self.err(
                        n.offset,
                        format!(
                            "`{}` is not a level of scale `{scale_id}`; expected one of: {allowed}",
                            n.id
                        ),
                    );
                };
                let (a, b) = if matches!(l, Typed::Rank(_)) {
                    (IntOp::Rank(*s), IntOp::Const(rank))
                } else {
                    (IntOp::Const(rank), IntOp::Rank(*s))
                };
                let node = Node::Cmp(a, op, b);
                self.record_pivot(&node);
                Some(node)
            }
            (Typed::Choice(s), Typed::Literal(n)) | (Typed::Literal(n), Typed::Choice(s)) => {
                if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
                    return self.err(n.offset, format!("choices have no order: compare `{}` with `==` or `!=`, or use `rank(...)` on a scale question", self.questions[usize::from(*s)].id));
                }
                let mask = self.set_mask(*s, &SetExpr::List(vec![n.clone()]))?;
                Some(Node::ChoiceIn {
                    slot: *s,
                    mask,
                    negated: op == CmpOp::Ne,
                })
            }
            (Typed::Bool, _) | (_, Typed::Bool) => {
                let (name, offset) = match (left, right) {
                    (Operand::Name(n), _) if matches!(l, Typed::Bool) => (n.id.clone(), n.offset),
                    (_, Operand::Name(n)) => (n.id.clone(), n.offset),
                    _ => (String::new(), 0),
                };
                self.err(
                    offset,
                    format!("`{name}` is a yes/no question: write `{name}` or `not {name}` instead of comparing it"),
                )
            }
            (Typed::Literal(a), Typed::Literal(b)) => {
                let hint = suggest(&a.id, self.fw.questions.iter().map(|q| q.id.as_str()))
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                self.err(
                    a.offset,
                    format!(
                        "expected a question id on one side, found `{}` and `{}`{hint}",
                        a.id, b.id
                    ),
                )
            }
            (Typed::Literal(n), other) | (other, Typed::Literal(n)) => {
                let what = match other {
                    Typed::Int(..) => "a number",
                    Typed::Choice(_) => "a choice",
                    _ => "a value",
                };
                let hint = suggest(&n.id, self.fw.questions.iter().map(|q| q.id.as_str()))
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                self.err(
                    n.offset,
                    format!("expected {what}, found `{}` (not a question or value){hint}", n.id),
                )
            }
            (Typed::Choice(s), _) | (_, Typed::Choice(s)) => {
                let id = self.questions[usize::from(*s)].id.clone();
                let offset = match left {
                    Operand::Name(n) => n.offset,
                    _ => 0,
                };
                self.err(
                    offset,
                    format!("`{id}` is a choice question: compare it with one of its choice ids"),
                )
            }
            _ => {
                let (a, alo, ahi) = int_side(&l, self)?;
                let (b, blo, bhi) = int_side(&r, self)?;
                let node = Node::Cmp(a, op, b);
                self.record_pivot(&node);
                // Never true (or never false) given the bounds: report, it is a likely mistake.
                let t = crate::eval::cmp_interval(Some((alo, ahi)), op, Some((blo, bhi)));
                if t == kader_core::Truth::False {
                    let offset = match left {
                        Operand::Name(n) | Operand::Rank(n) | Operand::Count(n) => n.offset,
                        Operand::Int(_) => 0,
                    };
                    self.diags.push(
                        Diagnostic::warning(
                            self.path.clone(),
                            format!("`{left} {} {right}` can never hold: the left side lies in {alo}..={ahi}, the right in {blo}..={bhi}", op.symbol()),
                        )
                        .at(offset),
                    );
                }
                Some(node)
            }
        }
    }

    fn record_pivot(&mut self, node: &Node) {
        if let Node::Cmp(a, _, b) = node {
            for (x, y) in [(a, b), (b, a)] {
                if let (IntOp::Int(s), IntOp::Const(c)) = (x, y) {
                    self.questions[usize::from(*s)].pivots.push(*c);
                }
            }
        }
    }

    fn list(&mut self, items: &[Expr], refs: &mut Vec<u16>) -> Option<Box<[Node]>> {
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for e in items {
            match self.expr(e, refs) {
                Some(n) => out.push(n),
                None => ok = false,
            }
        }
        ok.then(|| out.into_boxed_slice())
    }

    fn expr(&mut self, e: &Expr, refs: &mut Vec<u16>) -> Option<Node> {
        match e {
            Expr::Const(b) => Some(Node::Const(*b)),
            Expr::Truthy(n) => {
                if self.index.get(&n.id).is_none() {
                    let hint = suggest(&n.id, self.fw.questions.iter().map(|q| q.id.as_str()))
                        .map(|s| format!("; did you mean `{s}`?"))
                        .unwrap_or_default();
                    return self.err(
                        n.offset,
                        format!(
                            "expected a yes/no question, found `{}`, which is not a question{hint}",
                            n.id
                        ),
                    );
                }
                Some(Node::Truthy(self.question_of_kind(
                    n,
                    QuestionType::Bool,
                    "a bare condition",
                    refs,
                )?))
            }
            Expr::Not(inner) => Some(Node::Not(Box::new(self.expr(inner, refs)?))),
            Expr::And(v) => Some(Node::And(self.list(v, refs)?)),
            Expr::Or(v) => Some(Node::Or(self.list(v, refs)?)),
            Expr::AtLeast(n, v) => {
                if *n as usize > v.len() {
                    self.diags.push(Diagnostic::warning(
                        self.path.clone(),
                        format!(
                            "`at-least({n}, ...)` has only {} conditions, so it can never hold",
                            v.len()
                        ),
                    ));
                }
                Some(Node::AtLeast(*n, self.list(v, refs)?))
            }
            Expr::Compare { left, op, right } => self.compare(left, *op, right, refs),
            Expr::In { question, set, negated } => {
                let slot = self.question_of_kind(question, QuestionType::Choice, "`in`", refs)?;
                let mask = self.set_mask(slot, set)?;
                Some(Node::ChoiceIn {
                    slot,
                    mask,
                    negated: *negated,
                })
            }
            Expr::Has { question, quant, set } => {
                let slot = self.question_of_kind(question, QuestionType::Multi, "`has`", refs)?;
                let mask = self.set_mask(slot, set)?;
                Some(Node::Has {
                    slot,
                    quant: *quant,
                    mask,
                })
            }
            Expr::Answered(n) => Some(Node::Answered(self.question(n, refs)?)),
            Expr::Expired(n) => {
                let slot = self.question_of_kind(n, QuestionType::Choice, "`expired(...)`", refs)?;
                let Some(year) = self.questions[usize::from(slot)].scale.as_ref().map(|s| s.year_slot) else {
                    return self.err(
                        n.offset,
                        format!("`expired(...)` needs a question with a `scale`; `{}` has none", n.id),
                    );
                };
                let Some(year) = year else {
                    return self.err(
                        n.offset,
                        format!("`expired(...)` needs `granted-year` on question `{}`", n.id),
                    );
                };
                refs.push(year);
                self.questions[usize::from(year)].used = true;
                Some(Node::Expired(slot))
            }
            Expr::Adjustment(id) => {
                if !self.allow_adjustment {
                    return self.err(
                        id.as_ref().map_or(0, |n| n.offset),
                        "an adjustment reason's condition cannot refer to adjustment reasons".into(),
                    );
                }
                match id {
                    None => {
                        self.used_adjustments.extend(0..self.adjustment_refs.len() as u16);
                        Some(Node::Adjustment(None))
                    }
                    Some(n) => match self.fw.adjustments.iter().position(|a| a.id == n.id) {
                        Some(i) => {
                            self.used_adjustments.push(i as u16);
                            Some(Node::Adjustment(Some(i as u16)))
                        }
                        None => {
                            let hint = suggest(&n.id, self.fw.adjustments.iter().map(|a| a.id.as_str()))
                                .map(|s| format!("; did you mean `{s}`?"))
                                .unwrap_or_default();
                            self.err(
                                n.offset,
                                format!("expected an adjustment reason id, found `{}`{hint}", n.id),
                            )
                        }
                    },
                }
            }
        }
    }
}
