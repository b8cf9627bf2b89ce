//! Mapping diagnostics to file positions.
//!
//! Each file is parsed once into a [`FileIndex`] (a spanned TOML tree and the offsets of its line
//! starts); every diagnostic is then placed by walking that tree and a binary search, so a file
//! with thousands of problems is still reported in linear time.

use crate::{FileDiagnostic, SourceFile};
use kader_core::Section;
use kader_rules::{Diagnostic, ItemPath, PathSeg, Severity};
use serde_spanned::Spanned;
use toml::de::{DeTable, DeValue};

/// Byte offsets of the line starts of a text, for turning offsets into line and column.
#[derive(Debug)]
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self.text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

/// 1-based line and column (in characters) of a byte offset (one-off; use [`LineIndex`] for many).
#[cfg(test)]
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).line_col(offset)
}

/// One file, parsed once for positions.
pub(crate) struct FileIndex<'a> {
    file: &'a SourceFile,
    lines: LineIndex<'a>,
    doc: Spanned<DeTable<'a>>,
}

impl<'a> FileIndex<'a> {
    pub(crate) fn new(file: &'a SourceFile) -> FileIndex<'a> {
        // Recoverable: even a file with syntax errors gives the tree of what did parse.
        let (doc, _) = DeTable::parse_recoverable(&file.text);
        FileIndex {
            file,
            lines: LineIndex::new(&file.text),
            doc,
        }
    }

    fn diagnostic(&self, offset: usize, key: String, severity: Severity, message: String) -> FileDiagnostic {
        let (line, column) = self.lines.line_col(offset);
        FileDiagnostic {
            file: self.file.path.clone(),
            line,
            column,
            key,
            severity,
            message,
        }
    }

    /// A TOML syntax or type error.
    fn from_toml_error(&self, e: &toml::de::Error) -> FileDiagnostic {
        let offset = e.span().map_or(0, |s| s.start);
        self.diagnostic(
            offset,
            self.key_at(offset),
            Severity::Error,
            e.message().trim().to_owned(),
        )
    }

    /// The key path of the innermost value containing `offset`, for errors that carry only a span.
    fn key_at(&self, offset: usize) -> String {
        let mut path = ItemPath::default();
        descend_table(self.doc.get_ref(), offset, &mut path);
        path.to_string()
    }

    /// Byte offset of the deepest part of `path` present in the file; with `expr_offset`, the
    /// offset inside the string value (a rule condition) at the path.
    fn span_of(&self, path: &ItemPath, expr_offset: Option<usize>) -> usize {
        span_in(&self.file.text, &self.doc, path, expr_offset)
    }
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

/// Places checker diagnostics (paths in the merged framework) in the files of a version.
pub(crate) struct Locator<'a> {
    files: Vec<FileIndex<'a>>,
    counts: Vec<Vec<(Section, usize)>>,
}

impl<'a> Locator<'a> {
    pub(crate) fn new(files: &'a [SourceFile], counts: Vec<Vec<(Section, usize)>>) -> Locator<'a> {
        Locator {
            files: files.iter().map(FileIndex::new).collect(),
            counts,
        }
    }

    /// The file, line and column of a checker diagnostic.
    pub(crate) fn locate(&self, d: &Diagnostic) -> FileDiagnostic {
        let (file_index, local) = to_file(&self.counts, &d.path);
        let Some(file) = self.files.get(file_index) else {
            return FileDiagnostic {
                file: String::new(),
                line: 1,
                column: 1,
                key: d.path.to_string(),
                severity: d.severity,
                message: d.message.clone(),
            };
        };
        let offset = file.span_of(&local, d.offset);
        file.diagnostic(offset, local.to_string(), d.severity, d.message.clone())
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
fn span_in(text: &str, doc: &Spanned<DeTable<'_>>, path: &ItemPath, expr_offset: Option<usize>) -> usize {
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
    let index = FileIndex::new(file);
    if !syntax.is_empty() {
        return syntax.iter().map(|e| index.from_toml_error(e)).collect();
    }
    let Ok(table) = toml::from_str::<toml::Table>(&file.text) else {
        return vec![index.from_toml_error(first)];
    };
    let mut out = Vec::new();
    let mut report = |path: ItemPath, message: String| {
        let offset = index.span_of(&path, None);
        out.push(index.diagnostic(offset, path.to_string(), Severity::Error, message));
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
        "migration",
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
                "migration" => check::<kader_core::Migration>(v),
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
        out.push(index.from_toml_error(first));
    }
    out.sort_by_key(|d| (d.line, d.column));
    out
}
