//! Evaluation of compiled conditions in three-valued logic.

use crate::answers::{DenseAnswers, Value};
use crate::compile::{Compiled, IntOp, Node};
use kader_core::expr::{CmpOp, Quantifier};
use kader_core::{Date, Outcome, Truth};

/// The result of evaluating answers: verdict, action, criterion outcomes and adjustment reasons,
/// as indexes into the framework's lists. Reuse one `Evaluation` across calls to
/// [`Compiled::evaluate_into`] and evaluation allocates nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evaluation {
    /// Truth of each adjustment reason.
    pub adjustments: Vec<Truth>,
    /// Outcome of each criterion, and the index of the case that decided it.
    pub criteria: Vec<(Outcome, usize)>,
    /// Index of the decision rule that fired.
    pub rule: usize,
    /// Index of the action case (within the rule) that fired.
    pub action_case: usize,
    /// The verdict (index into the framework's verdicts).
    pub verdict: usize,
    /// The action (index into the framework's actions).
    pub action: usize,
    /// Whether an earlier decision rule or action case was unknown.
    pub provisional: bool,
}

/// Verdict and action only, as indexes: the fast path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Decision {
    /// Verdict index.
    pub verdict: usize,
    /// Action index.
    pub action: usize,
}

pub(crate) fn not(t: Truth) -> Truth {
    match t {
        Truth::True => Truth::False,
        Truth::False => Truth::True,
        Truth::Unknown => Truth::Unknown,
    }
}

fn from_bool(b: bool) -> Truth {
    if b { Truth::True } else { Truth::False }
}

/// Compares two integer intervals (`None`: unknown).
pub(crate) fn cmp_interval(a: Option<(i64, i64)>, op: CmpOp, b: Option<(i64, i64)>) -> Truth {
    let (Some((alo, ahi)), Some((blo, bhi))) = (a, b) else {
        return Truth::Unknown;
    };
    let lt = |alo: i64, ahi: i64, blo: i64, bhi: i64| {
        if ahi < blo {
            Truth::True
        } else if alo >= bhi {
            Truth::False
        } else {
            Truth::Unknown
        }
    };
    let le = |alo: i64, ahi: i64, blo: i64, bhi: i64| {
        if ahi <= blo {
            Truth::True
        } else if alo > bhi {
            Truth::False
        } else {
            Truth::Unknown
        }
    };
    let eq = || {
        if alo == ahi && blo == bhi && alo == blo {
            Truth::True
        } else if ahi < blo || bhi < alo {
            Truth::False
        } else {
            Truth::Unknown
        }
    };
    match op {
        CmpOp::Lt => lt(alo, ahi, blo, bhi),
        CmpOp::Le => le(alo, ahi, blo, bhi),
        CmpOp::Gt => lt(blo, bhi, alo, ahi),
        CmpOp::Ge => le(blo, bhi, alo, ahi),
        CmpOp::Eq => eq(),
        CmpOp::Ne => not(eq()),
    }
}

pub(crate) struct Ctx<'a> {
    pub(crate) c: &'a Compiled,
    pub(crate) a: &'a DenseAnswers,
    pub(crate) year: i64,
    pub(crate) adjustments: &'a [Truth],
}

impl Ctx<'_> {
    fn slot(&self, s: u16) -> Option<Value> {
        self.a.get(usize::from(s))
    }

    /// Whether the scale answer in `slot` has expired: `None` when unknown.
    pub(crate) fn expired(&self, slot: u16) -> Truth {
        let Some(Value::Choice(level)) = self.slot(slot) else {
            return Truth::Unknown;
        };
        let Some(scale) = &self.c.questions[usize::from(slot)].scale else {
            return Truth::False;
        };
        let Some(Some(valid)) = scale.valid_years.get(usize::from(level)) else {
            return Truth::False;
        };
        match scale.year_slot.and_then(|y| self.slot(y)) {
            Some(Value::Int(granted)) => from_bool(self.year > granted.saturating_add(*valid)),
            _ => Truth::Unknown,
        }
    }

    pub(crate) fn rank(&self, slot: u16) -> Option<(i64, i64)> {
        let Some(Value::Choice(level)) = self.slot(slot) else {
            return None;
        };
        let scale = self.c.questions[usize::from(slot)].scale.as_ref()?;
        let rank = *scale.ranks.get(usize::from(level))?;
        let lowered = rank - scale.penalty;
        match self.expired(slot) {
            Truth::False => Some((rank, rank)),
            Truth::True => Some((lowered, lowered)),
            Truth::Unknown => Some((lowered, rank)),
        }
    }

    fn int(&self, op: IntOp) -> Option<(i64, i64)> {
        match op {
            IntOp::Const(c) => Some((c, c)),
            IntOp::Int(s) => match self.slot(s) {
                Some(Value::Int(v)) => Some((v, v)),
                _ => None,
            },
            IntOp::Rank(s) => self.rank(s),
            IntOp::Count(s, n) => match self.slot(s) {
                Some(Value::Multi(m)) => {
                    let c = i64::from(m.count_ones());
                    Some((c, c))
                }
                _ => Some((0, i64::from(n))),
            },
        }
    }

    pub(crate) fn eval(&self, n: &Node) -> Truth {
        match n {
            Node::Const(b) => from_bool(*b),
            Node::Truthy(s) => match self.slot(*s) {
                Some(Value::Bool(b)) => from_bool(b),
                _ => Truth::Unknown,
            },
            Node::Not(inner) => not(self.eval(inner)),
            Node::And(items) => {
                let mut acc = Truth::True;
                for i in items.iter() {
                    match self.eval(i) {
                        Truth::False => return Truth::False,
                        Truth::Unknown => acc = Truth::Unknown,
                        Truth::True => {}
                    }
                }
                acc
            }
            Node::Or(items) => {
                let mut acc = Truth::False;
                for i in items.iter() {
                    match self.eval(i) {
                        Truth::True => return Truth::True,
                        Truth::Unknown => acc = Truth::Unknown,
                        Truth::False => {}
                    }
                }
                acc
            }
            Node::AtLeast(k, items) => {
                let (mut t, mut u) = (0u32, 0u32);
                for i in items.iter() {
                    match self.eval(i) {
                        Truth::True => t += 1,
                        Truth::Unknown => u += 1,
                        Truth::False => {}
                    }
                }
                if t >= *k {
                    Truth::True
                } else if t + u < *k {
                    Truth::False
                } else {
                    Truth::Unknown
                }
            }
            Node::Cmp(a, op, b) => cmp_interval(self.int(*a), *op, self.int(*b)),
            Node::ChoiceIn { slot, mask, negated } => match self.slot(*slot) {
                Some(Value::Choice(c)) => from_bool((mask & (crate::answers::bit(c)) != 0) != *negated),
                _ => Truth::Unknown,
            },
            Node::Has { slot, quant, mask } => match self.slot(*slot) {
                Some(Value::Multi(m)) => from_bool(match quant {
                    Quantifier::Any => m & mask != 0,
                    Quantifier::All => m & mask == *mask,
                    Quantifier::None => m & mask == 0,
                }),
                _ => Truth::Unknown,
            },
            Node::Answered(s) => from_bool(self.slot(*s).is_some()),
            Node::Expired(s) => self.expired(*s),
            Node::Adjustment(None) => {
                let mut acc = Truth::False;
                for t in self.adjustments {
                    match t {
                        Truth::True => return Truth::True,
                        Truth::Unknown => acc = Truth::Unknown,
                        Truth::False => {}
                    }
                }
                acc
            }
            Node::Adjustment(Some(i)) => self.adjustments.get(usize::from(*i)).copied().unwrap_or(Truth::Unknown),
        }
    }
}

impl Compiled {
    /// Evaluates answers on a date into `out`, reusing its buffers: after the first call with a
    /// given `out`, nothing is allocated.
    pub fn evaluate_into(&self, answers: &DenseAnswers, on: Date, out: &mut Evaluation) {
        let year = i64::from(on.year());
        out.adjustments.clear();
        for a in &self.adjustments {
            let t = {
                let ctx = Ctx {
                    c: self,
                    a: answers,
                    year,
                    adjustments: &[],
                };
                a.node.as_ref().map_or(Truth::True, |n| ctx.eval(n))
            };
            out.adjustments.push(t);
        }
        let ctx = Ctx {
            c: self,
            a: answers,
            year,
            adjustments: &out.adjustments,
        };
        let mut criteria = std::mem::take(&mut out.criteria);
        criteria.clear();
        for cases in &self.criteria {
            let mut result = (Outcome::Unknown, cases.len().saturating_sub(1));
            for (k, case) in cases.iter().enumerate() {
                match case.cond.node.as_ref().map_or(Truth::True, |n| ctx.eval(n)) {
                    Truth::False => continue,
                    Truth::True => {
                        result = (case.outcome, k);
                        break;
                    }
                    Truth::Unknown => {
                        result = (Outcome::Unknown, k);
                        break;
                    }
                }
            }
            criteria.push(result);
        }
        let (rule, action_case, provisional) = self.fire(&ctx);
        out.criteria = criteria;
        out.rule = rule;
        out.action_case = action_case;
        out.provisional = provisional;
        let d = &self.decision[rule];
        out.verdict = usize::from(d.verdict);
        out.action = usize::from(d.actions[action_case].action);
    }

    /// Finds the decision rule and action case that fire (first definitely true).
    fn fire(&self, ctx: &Ctx<'_>) -> (usize, usize, bool) {
        let mut provisional = false;
        let last = self.decision.len().saturating_sub(1);
        let mut rule = last;
        for (i, d) in self.decision.iter().enumerate() {
            match d.cond.node.as_ref().map_or(Truth::True, |n| ctx.eval(n)) {
                Truth::True => {
                    rule = i;
                    break;
                }
                Truth::Unknown => provisional = true,
                Truth::False => {}
            }
        }
        let cases = &self.decision[rule].actions;
        let mut case = cases.len().saturating_sub(1);
        for (k, a) in cases.iter().enumerate() {
            match a.cond.node.as_ref().map_or(Truth::True, |n| ctx.eval(n)) {
                Truth::True => {
                    case = k;
                    break;
                }
                Truth::Unknown => provisional = true,
                Truth::False => {}
            }
        }
        (rule, case, provisional)
    }

    /// Verdict and action only: the fast path (no criteria, no explanations, no allocation).
    pub fn decide(&self, answers: &DenseAnswers, on: Date) -> Decision {
        // Adjustment reasons are needed only when a condition refers to them; a framework has few,
        // so they live on the stack.
        let mut buf = [Truth::False; 32];
        let n = self.adjustments.len();
        let mut heap;
        let adjustments: &mut [Truth] = if n <= buf.len() {
            &mut buf[..n]
        } else {
            heap = vec![Truth::False; n];
            &mut heap
        };
        let year = i64::from(on.year());
        for (slot, a) in adjustments.iter_mut().zip(&self.adjustments) {
            let ctx = Ctx {
                c: self,
                a: answers,
                year,
                adjustments: &[],
            };
            *slot = a.node.as_ref().map_or(Truth::True, |n| ctx.eval(n));
        }
        let ctx = Ctx {
            c: self,
            a: answers,
            year,
            adjustments,
        };
        let (rule, case, _) = self.fire(&ctx);
        let d = &self.decision[rule];
        Decision {
            verdict: usize::from(d.verdict),
            action: usize::from(d.actions[case].action),
        }
    }
}
