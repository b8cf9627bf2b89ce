//! `kader`: the facade over the kader crates, for embedders who want one dependency.
//!
//! - [`core`] (`kader-core`): the model: frameworks, questions, answers, assessments.
//! - [`rules`] (`kader-rules`): check, compile and evaluate a framework.
//! - [`data`] (`kader-data`): the framework versions shipped, and a loader for drafts.
//! - [`report`] (`kader-report`): text, Markdown and HTML reports.
//! - [`server`] (`kader-server`): the HTTP API and web scan.
//!
//! ```
//! let loaded = kader::data::get("kwaliteitskader", "2024.1").unwrap();
//! let compiled = loaded.compile().unwrap();
//! let mut answers = kader::core::Answers::new();
//! answers.insert("crime-prevention-aim".into(), kader::core::AnswerValue::Bool(false));
//! let dense = compiled.validate(&answers).unwrap();
//! let decision = compiled.decide(&dense, "2026-11-28".parse().unwrap());
//! assert_eq!(compiled.framework().verdicts[decision.verdict].id, "out-of-scope");
//! ```
#![deny(missing_docs)]

pub use kader_core as core;
pub use kader_data as data;
pub use kader_report as report;
pub use kader_rules as rules;
pub use kader_server as server;
