//! Reading intervention files (TOML or JSON) with positions for every problem.

use crate::FileDiagnostic;
use crate::locate::LineIndex;
use kader_core::{InterventionFile, Lang};
use kader_rules::{AnswerError, Severity};
use toml::de::{DeTable, DeValue};

/// The format of an intervention file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// TOML.
    Toml,
    /// JSON.
    Json,
}

impl Format {
    /// By file name (`.json` is JSON), else by content (a leading `{` is JSON), else TOML.
    pub fn detect(name: &str, text: &str) -> Format {
        if name.to_ascii_lowercase().ends_with(".json") || text.trim_start().starts_with('{') {
            Format::Json
        } else {
            Format::Toml
        }
    }
}

/// Parses an intervention file. `name` is used in the positions of errors.
pub fn parse(name: &str, text: &str) -> Result<InterventionFile, Vec<FileDiagnostic>> {
    match Format::detect(name, text) {
        Format::Toml => toml::from_str::<InterventionFile>(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            let (line, column) = LineIndex::new(text).line_col(offset);
            vec![FileDiagnostic {
                file: name.to_owned(),
                line,
                column,
                key: String::new(),
                severity: Severity::Error,
                message: e.message().trim().to_owned(),
            }]
        }),
        Format::Json => serde_json::from_str::<InterventionFile>(text).map_err(|e| {
            vec![FileDiagnostic {
                file: name.to_owned(),
                line: e.line().max(1),
                column: e.column().max(1),
                key: String::new(),
                severity: Severity::Error,
                message: strip_position(&e.to_string()),
            }]
        }),
    }
}

/// serde_json appends " at line L column C"; the position is reported separately.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

/// Positions for answer validation errors, messages in `lang`.
pub fn answer_diagnostics(name: &str, text: &str, errors: &[AnswerError], lang: Lang) -> Vec<FileDiagnostic> {
    let format = Format::detect(name, text);
    let doc = match format {
        Format::Toml => DeTable::parse(text).ok(),
        Format::Json => None,
    };
    let lines = LineIndex::new(text);
    let mut out: Vec<FileDiagnostic> = errors
        .iter()
        .map(|e| {
            let offset = match &doc {
                Some(doc) => toml_offset(doc.get_ref(), &e.key, e.index),
                None => json_offset(text, &e.key),
            };
            let (line, column) = lines.line_col(offset);
            let key = match e.index {
                Some(i) => format!("answers.{}[{i}]", e.key),
                None => format!("answers.{}", e.key),
            };
            FileDiagnostic {
                file: name.to_owned(),
                line,
                column,
                key,
                severity: Severity::Error,
                message: e.detail(lang),
            }
        })
        .collect();
    // In file order, as a reader goes through the file.
    out.sort_by_key(|d| (d.line, d.column));
    out
}

fn toml_offset(doc: &DeTable<'_>, key: &str, index: Option<usize>) -> usize {
    let Some((_, answers)) = doc.iter().find(|(k, _)| k.get_ref() == "answers") else {
        return 0;
    };
    let DeValue::Table(t) = answers.get_ref() else {
        return answers.span().start;
    };
    let Some((k, v)) = t.iter().find(|(k, _)| k.get_ref() == key) else {
        return answers.span().start;
    };
    match (index, v.get_ref()) {
        (Some(i), DeValue::Array(items)) => items.get(i).map_or(v.span().start, |it| it.span().start),
        _ => {
            let _ = v;
            k.span().start
        }
    }
}

fn json_offset(text: &str, key: &str) -> usize {
    let needle = format!("\"{key}\"");
    // Prefer the occurrence inside "answers".
    let start = text.find("\"answers\"").unwrap_or(0);
    text.get(start..)
        .and_then(|rest| rest.find(&needle))
        .map(|i| start + i)
        .or_else(|| text.find(&needle))
        .unwrap_or(0)
}
