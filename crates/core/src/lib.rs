//! `kader-core`: the domain model of kader.
//!
//! A [`Framework`] is a quality framework (for now the Dutch *Landelijk kwaliteitskader effectieve
//! jeugdinterventies*) expressed as data: risk [`Domain`]s, an ordered evidence [`Scale`],
//! [`Practice`]s with a known risk, typed [`Question`]s, [`Criterion`]s, [`Verdict`]s, [`Action`]s,
//! [`AdjustmentReason`]s and the ordered [`DecisionRule`]s. Rules are written in a small
//! expression language whose syntax tree lives in [`expr`]. Every item carries a [`Provenance`].
//!
//! An [`InterventionFile`] holds the [`Answers`] for one intervention; the rules crate turns them
//! into an [`Assessment`].
//!
//! This crate does no I/O: it parses nothing from disk and knows nothing of file positions except
//! the byte offsets in expression errors.
//!
//! ```
//! use kader_core::expr::Expr;
//! let e = Expr::parse("crime-prevention-aim and age-max >= 8").unwrap();
//! assert_eq!(e.to_string(), "crime-prevention-aim and age-max >= 8");
//! ```
#![deny(missing_docs)]

pub mod answers;
pub mod assessment;
pub mod date;
pub mod expr;
pub mod framework;
pub mod text;

pub use answers::{AnswerValue, Answers, InterventionFile, InterventionInfo};
pub use assessment::*;
pub use date::Date;
pub use framework::*;
pub use text::{Lang, Text};

/// The version of the framework data file format this crate reads and writes.
///
/// Additive changes keep the major number; a loader refuses files of another major.
pub const FORMAT_VERSION: u32 = 1;
