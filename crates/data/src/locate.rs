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
    best
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
