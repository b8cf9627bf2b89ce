//! `kader-rules`: checks a [`Framework`](kader_core::Framework), compiles its rules and evaluates
//! answers into an explained [`Assessment`](kader_core::Assessment).
//!
//! The pipeline:
//!
//! 1. [`check()`] reports every problem in a framework (dangling references, type errors in rule
//!    conditions, missing translations or provenance, rules that can never fire), each with its
//!    [`ItemPath`] in the framework.
//! 2. [`Compiled::new`] checks and compiles: answers are indexed densely, conditions become a tree
//!    over those indexes, so evaluation reads no string maps and allocates nothing.
//! 3. [`Compiled::validate`] turns [`Answers`](kader_core::Answers) into [`DenseAnswers`],
//!    reporting every unknown key, wrong type, out-of-range number and unknown choice at once.
//! 4. [`Compiled::decide`] gives verdict and action quickly; [`Compiled::assess`] gives the full
//!    explained [`Assessment`](kader_core::Assessment) with criteria, advice, flags, the
//!    unanswered questions that could change the result, and a trace.
//!
//! Evaluation uses three-valued logic: an unanswered question is *unknown*. A decision rule, an
//! action case or an adjustment reason fires only when its condition is definitely true; a
//! criterion's first case that is not definitely false decides its outcome (`unknown` when that
//! case's condition is unknown).
//!
//! This crate does no I/O.
#![deny(missing_docs)]

mod answers;
mod assess;
mod check;
mod compile;
mod eval;
mod why;

pub use answers::{AnswerError, AnswerErrorKind, DenseAnswers, Value};
pub use check::{Diagnostic, ItemPath, PathSeg, Severity, check};
pub use compile::{CompileError, Compiled};
pub use eval::{Decision, Evaluation};
