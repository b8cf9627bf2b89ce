//! Why a condition has the truth value it has: the answers that make it so.
//!
//! For a condition that is true, the support is the answers of the parts that make it true (for
//! `or`, only the disjuncts that hold); for one that is false, the answers of the parts that make it
//! false (for `and`, only the conjuncts that fail); for one that is unknown, the unanswered
//! questions it still waits for. Reports phrase their explanations from this, so that an
//! explanation names the answers of the case at hand and nothing the answers leave open.

use crate::compile::{IntOp, Node};
use crate::eval::{Ctx, not};
use kader_core::Truth;
use kader_core::expr::Quantifier;

/// Answers cited by an explanation: per question slot, optionally the choices that matter
/// (for `components has any [...]`, the choices that matched).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Support {
    /// (slot, mask of the choices that matter, `u64::MAX` for the whole answer).
    pub(crate) cited: Vec<(u16, u64)>,
}

impl Support {
    fn push(&mut self, slot: u16, mask: u64) {
        match self.cited.iter_mut().find(|(s, _)| *s == slot) {
            Some((_, m)) => *m |= mask,
            None => self.cited.push((slot, mask)),
        }
    }

    /// Adds another support.
    pub(crate) fn extend(&mut self, other: &Support) {
        for &(s, m) in &other.cited {
            self.push(s, m);
        }
    }

    /// Sorted by question order.
    pub(crate) fn sorted(mut self) -> Support {
        self.cited.sort_unstable_by_key(|(s, _)| *s);
        self
    }
}

impl Ctx<'_> {
    /// The support of `n` for the truth value it has.
    pub(crate) fn support(&self, n: &Node, out: &mut Support) {
        let t = self.eval(n);
        self.support_for(n, t, out);
    }

    /// The support of `n` for the truth value `t`, which must be the value `n` has.
    pub(crate) fn support_for(&self, n: &Node, t: Truth, out: &mut Support) {
        match n {
            Node::Const(_) => {}
            Node::Not(inner) => self.support_for(inner, not(t), out),
            Node::And(items) | Node::Or(items) | Node::AtLeast(_, items) => {
                // `and` true and `or` false need every part; otherwise the parts with the same value.
                let all = matches!((n, t), (Node::And(_), Truth::True) | (Node::Or(_), Truth::False));
                for i in items.iter() {
                    let ti = self.eval(i);
                    if all || ti == t {
                        self.support_for(i, ti, out);
                    }
                }
            }
            Node::Adjustment(Some(i)) => {
                if let Some(node) = self.c.adjustments.get(usize::from(*i)).and_then(|a| a.node.as_ref()) {
                    self.support_for(node, t, out);
                }
            }
            Node::Adjustment(None) => {
                for a in &self.c.adjustments {
                    if let Some(node) = a.node.as_ref() {
                        let ta = self.eval(node);
                        if t == Truth::False || ta == t {
                            self.support_for(node, ta, out);
                        }
                    }
                }
            }
            Node::Has {
                slot,
                quant: Quantifier::Any,
                mask,
            } if t == Truth::True => {
                if let Some(crate::answers::Value::Multi(m)) = self.a.get(usize::from(*slot)) {
                    out.push(*slot, m & mask);
                }
            }
            leaf => {
                let mut slots = [u16::MAX; 4];
                let n = self.leaf_slots(leaf, &mut slots);
                for &s in &slots[..n] {
                    let answered = self.a.get(usize::from(s)).is_some();
                    if answered != (t == Truth::Unknown) {
                        out.push(s, u64::MAX);
                    }
                }
            }
        }
    }

    /// The question slots a leaf reads (at most four), written into `buf`; returns how many.
    fn leaf_slots(&self, n: &Node, buf: &mut [u16; 4]) -> usize {
        let mut k = 0;
        let mut add = |s: u16| {
            if k < buf.len() && !buf[..k].contains(&s) {
                buf[k] = s;
                k += 1;
            }
        };
        let scale_year = |s: u16, with_penalty_only: bool| {
            self.c.questions[usize::from(s)]
                .scale
                .as_ref()
                .filter(|sc| !with_penalty_only || sc.penalty != 0)
                .and_then(|sc| sc.year_slot)
        };
        match n {
            Node::Truthy(s) | Node::Answered(s) => add(*s),
            Node::ChoiceIn { slot, .. } | Node::Has { slot, .. } => add(*slot),
            Node::Expired(s) => {
                add(*s);
                if let Some(y) = scale_year(*s, false) {
                    add(y);
                }
            }
            Node::Cmp(a, _, b) => {
                for op in [a, b] {
                    match op {
                        IntOp::Const(_) => {}
                        IntOp::Int(s) | IntOp::Count(s, _) => add(*s),
                        IntOp::Rank(s) => {
                            add(*s);
                            if let Some(y) = scale_year(*s, true) {
                                add(y);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
        k
    }
}
