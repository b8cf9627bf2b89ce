//! Mapping diagnostics to file positions.

use crate::{FileDiagnostic, SourceFile};
use kader_core::Section;
use kader_rules::{Diagnostic, ItemPath, PathSeg, Severity};
use serde_spanned::Spanned;
use toml::de::{DeTable, DeValue};

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(1, |s| s.chars().count() + 1);
    (line, column)
}

/// A TOML syntax or type error in one file.
pub(crate) fn from_toml_error(file: &SourceFile, e: &toml::de::Error) -> FileDiagnostic {
    let offset = e.span().map_or(0, |s| s.start);
    let (line, column) = line_col(&file.text, offset);
    FileDiagnostic {
        file: file.path.clone(),
        line,
        column,
        key: key_at(&file.text, offset),
        severity: Severity::Error,
        message: e.message().trim().to_owned(),
    }
}

/// The key path of the innermost value containing `offset`, for errors that carry only a span.
fn key_at(text: &str, offset: usize) -> String {
    let Ok(doc) = DeTable::parse(text) else {
        return String::new();
    };
    let mut path = ItemPath::default();
    descend_table(doc.get_ref(), offset, &mut path);
    path.to_string()
}

fn contains(span: std::ops::Range<usize>, offset: usize) -> bool {
    span.start <= offset && offset < span.end.max(span.start + 1)
}

fn descend_table(table: &DeTable<'_>, offset: usize, path: &mut ItemPath) -> bool {
    for (k, v) in table.iter() {
        path.0.push(PathSeg::Key(k.get_ref().to_string()));
        if descend_value(v, offset, path) || contains(k.span(), offset) {
            return true;
        }
        path.0.pop();
    }
    false
}

fn descend_value(v: &Spanned<DeValue<'_>>, offset: usize, path: &mut ItemPath) -> bool {
    match v.get_ref() {
        DeValue::Table(t) => descend_table(t, offset, path) || contains(v.span(), offset),
        DeValue::Array(items) => {
            for (i, it) in items.iter().enumerate() {
                path.0.push(PathSeg::Index(i));
                if descend_value(it, offset, path) {
                    return true;
                }
                path.0.pop();
            }
            contains(v.span(), offset)
        }
        _ => contains(v.span(), offset),
    }
}

/// Maps a checker diagnostic (a path in the merged framework) to a file, line and column.
pub(crate) fn locate(files: &[SourceFile], counts: &[Vec<(Section, usize)>], d: &Diagnostic) -> FileDiagnostic {
    let (file_index, local) = to_file(counts, &d.path);
    let Some(file) = files.get(file_index) else {
        return FileDiagnostic {
            file: String::new(),
            line: 1,
            column: 1,
            key: d.path.to_string(),
            severity: d.severity,
            message: d.message.clone(),
        };
    };
    let offset = span_of(&file.text, &local, d.offset);
    let (line, column) = line_col(&file.text, offset);
    FileDiagnostic {
        file: file.path.clone(),
        line,
        column,
        key: local.to_string(),
        severity: d.severity,
        message: d.message.clone(),
    }
}

/// Which file a merged path falls in, and the path within that file.
fn to_file(counts: &[Vec<(Section, usize)>], path: &ItemPath) -> (usize, ItemPath) {
    let segs = &path.0;
    let section = match segs.first() {
        Some(PathSeg::Key(k)) => Section::ARRAYS
            .iter()
            .chain([Section::Framework].iter())
            .find(|s| s.key() == k)
            .copied(),
        _ => None,
    };
    match (section, segs.get(1)) {
        (Some(Section::Framework), _) => {
            let f = counts
                .iter()
                .position(|c| c.iter().any(|(s, n)| *s == Section::Framework && *n > 0))
                .unwrap_or(0);
            (f, path.clone())
        }
        (Some(section), Some(&PathSeg::Index(first))) => {
            let mut i = first;
            for (f, c) in counts.iter().enumerate() {
                let n = c.iter().find(|(s, _)| *s == section).map_or(0, |(_, n)| *n);
                if i < n {
                    let mut local = segs.clone();
                    local[1] = PathSeg::Index(i);
                    return (f, ItemPath(local));
                }
                i -= n;
            }
            (0, path.clone())
        }
        _ => (0, path.clone()),
    }
}

/// Byte offset of the deepest part of `path` present in the file; with `expr_offset`, the offset
/// inside the string value (a rule condition) at the path.
fn span_of(text: &str, path: &ItemPath, expr_offset: Option<usize>) -> usize {
    let Ok(doc) = DeTable::parse(text) else {
        return 0;
    };
    let mut best = 0;
    let mut current: Option<&Spanned<DeValue<'_>>> = None;
    let mut table: Option<&DeTable<'_>> = Some(doc.get_ref());
    let mut complete = true;
    for seg in &path.0 {
        match seg {
            PathSeg::Key(k) => {
                let Some(t) = table else {
                    complete = false;
                    break;
                };
                let Some((key, v)) = t.iter().find(|(key, _)| key.get_ref() == k) else {
                    complete = false;
                    break;
                };
                best = key.span().start;
                current = Some(v);
            }
            PathSeg::Index(i) => {
                let Some(DeValue::Array(items)) = current.map(Spanned::get_ref) else {
                    complete = false;
                    break;
                };
                let Some(v) = items.get(*i) else {
                    complete = false;
                    break;
                };
                best = v.span().start;
                current = Some(v);
            }
        }
        table = match current.map(Spanned::get_ref) {
            Some(DeValue::Table(t)) => Some(t),
            _ => None,
        };
    }
    if let (true, Some(off), Some(v)) = (complete, expr_offset, current) {
        if let DeValue::String(_) = v.get_ref() {
            let start = v.span().start;
            let raw = text.get(start..).unwrap_or_default();
            let skip = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
                let after = raw.get(3..).unwrap_or_default();
                3 + if after.starts_with("\r\n") {
                    2
                } else {
                    usize::from(after.starts_with('\n'))
                }
            } else {
                1
            };
            return start + skip + off;
        }
    }
    // A problem with a value itself points at the value, not its key.
    match (complete, current) {
        (true, Some(v)) if !matches!(v.get_ref(), DeValue::Table(_) | DeValue::Array(_)) => v.span().start,
        _ => best,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column() {
        let t = "a\nbé c\n";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 2), (2, 1));
        assert_eq!(line_col(t, 6), (2, 4));
        assert_eq!(line_col(t, 999), (3, 1));
    }
}

/// Every structural problem of a file that did not deserialize: all syntax errors, or, when the
/// syntax is sound, the first problem of each item (each `[[question]]`, `[[criterion]]`, ...),
/// so a researcher sees them all at once rather than one per run.
pub(crate) fn structural_problems(file: &SourceFile, first: &toml::de::Error) -> Vec<FileDiagnostic> {
    let (_, syntax) = DeTable::parse_recoverable(&file.text);
    if !syntax.is_empty() {
        return syntax.iter().map(|e| from_toml_error(file, e)).collect();
    }
    let Ok(table) = toml::from_str::<toml::Table>(&file.text) else {
        return vec![from_toml_error(file, first)];
    };
    let mut out = Vec::new();
    let mut report = |path: ItemPath, message: String| {
        let offset = span_of(&file.text, &path, None);
        let (line, column) = line_col(&file.text, offset);
        out.push(FileDiagnostic {
            file: file.path.clone(),
            line,
            column,
            key: path.to_string(),
            severity: Severity::Error,
            message,
        });
    };
    fn check<T: serde::de::DeserializeOwned>(value: &toml::Value) -> Result<(), (String, String)> {
        serde_path_to_error::deserialize::<_, T>(value.clone())
            .map(|_| ())
            .map_err(|e| (e.path().to_string(), e.into_inner().message().trim().to_owned()))
    }
    let known = [
        "framework",
        "source",
        "scale",
        "domain",
        "practice",
        "group",
        "question",
        "criterion",
        "verdict",
        "action",
        "adjustment",
        "decision",
    ];
    for (key, value) in &table {
        let item = |i: usize, inner: &str| {
            let mut p = ItemPath::of(key, i);
            for seg in inner.split('.').filter(|s| !s.is_empty() && *s != "?") {
                match seg.strip_suffix(']').and_then(|s| s.split_once('[')) {
                    Some((k, n)) => {
                        p = p.key(k);
                        if let Ok(n) = n.parse() {
                            p = p.index(n);
                        }
                    }
                    None => p = p.key(seg),
                }
            }
            p
        };
        let items: Vec<&toml::Value> = match value {
            toml::Value::Array(a) => a.iter().collect(),
            other => vec![other],
        };
        for (i, v) in items.into_iter().enumerate() {
            let result = match key.as_str() {
                "framework" => check::<kader_core::FrameworkMeta>(v),
                "source" => check::<kader_core::Source>(v),
                "scale" => check::<kader_core::Scale>(v),
                "domain" => check::<kader_core::Domain>(v),
                "practice" => check::<kader_core::Practice>(v),
                "group" => check::<kader_core::QuestionGroup>(v),
                "question" => check::<kader_core::Question>(v),
                "criterion" => check::<kader_core::Criterion>(v),
                "verdict" => check::<kader_core::Verdict>(v),
                "action" => check::<kader_core::Action>(v),
                "adjustment" => check::<kader_core::AdjustmentReason>(v),
                "decision" => check::<kader_core::DecisionRule>(v),
                _ => Err((
                    String::new(),
                    format!(
                        "unknown section `{key}`, expected one of {}",
                        known.map(|k| format!("`{k}`")).join(", ")
                    ),
                )),
            };
            if let Err((inner, message)) = result {
                let path = if key == "framework" {
                    let mut p = ItemPath(vec![PathSeg::Key(key.clone())]);
                    p.0.extend(item(0, &inner).0.into_iter().skip(2));
                    p
                } else if known.contains(&key.as_str()) {
                    item(i, &inner)
                } else {
                    ItemPath(vec![PathSeg::Key(key.clone())])
                };
                report(path, message);
            }
            if !known.contains(&key.as_str()) {
                break;
            }
        }
    }
    if out.is_empty() {
        out.push(from_toml_error(file, first));
    }
    out.sort_by_key(|d| (d.line, d.column));
    out
}
