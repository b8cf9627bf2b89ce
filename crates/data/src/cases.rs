//! Test cases of a framework version: intervention files with the outcome the researchers expect.
//!
//! A version folder may hold `cases/*.toml`. Each case file is an intervention file (the format of
//! `examples/interventions/*.toml`) plus a `[case]` table:
//!
//! ```toml
//! [case]
//! on = "2026-11-28"                  # assessment date (required)
//! about = "what the case checks"     # optional, one line
//! verdict = "potentially-harmful"    # required
//! action = "stop"                    # required
//! rule = "risk-of-harm-practice"     # optional: the decision rule that must decide (id or path)
//! criteria = { no-harm = "not-met" } # optional: expected outcomes of the criteria listed
//! advice = ["risky-component"]       # optional: the exact set of adjustment reasons advised
//! provisional = false                # optional
//! ```
//!
//! The cases are not part of the version's digest: they may be added to after release. The
//! embedded versions carry their cases ([`embedded`]); [`read_dir`] reads them from a folder.
//! [`parse`] reads one file with a position for every problem, [`check`] checks the expected ids
//! and the answers against the version, [`run`] evaluates a case and lists every disagreement.
//!
//! The case's answers are evaluated with the version that holds the case. When the file's
//! `framework` key names an earlier version of the same framework and the version has a
//! `[[migration]]` path from it, the answers are migrated first ([`crate::migrate`]); an answer the
//! migration drops makes the case fail, never silently.

use crate::locate::LineIndex;
use crate::{FileDiagnostic, LoadError, Loaded, SourceFile};
use kader_core::{Date, InterventionFile, Lang, Outcome, Truth};
use kader_rules::{Compiled, Evaluation, Severity};
use std::path::Path;
use toml::de::{DeTable, DeValue};

/// One test case: the intervention and what the version must decide for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// The file it was read from (`framework-data/<id>/<version>/cases/<name>` when embedded).
    pub file: String,
    /// The intervention and its answers.
    pub intervention: InterventionFile,
    /// Assessment date.
    pub on: Date,
    /// What the case checks, in one line.
    pub about: Option<String>,
    /// Expected verdict id.
    pub verdict: String,
    /// Expected action id.
    pub action: String,
    /// The decision rule that must decide: its id, `decision.<id>` or `decision[i]`.
    pub rule: Option<String>,
    /// Expected outcomes of criteria (criterion id, outcome id), in file order.
    pub criteria: Vec<(String, String)>,
    /// The exact set of adjustment reason ids advised, when given.
    pub advice: Option<Vec<String>>,
    /// Whether the result must be provisional, when given.
    pub provisional: Option<bool>,
    /// The source text (for positions of later diagnostics).
    text: String,
}

/// The keys of `[case]`.
const CASE_KEYS: [&str; 8] = [
    "on",
    "about",
    "verdict",
    "action",
    "rule",
    "criteria",
    "advice",
    "provisional",
];

/// The case files of an embedded version (empty when it has none), in name order.
pub fn embedded(id: &str, version: &str) -> Vec<SourceFile> {
    crate::EMBEDDED_CASES
        .iter()
        .find(|(i, v, _)| *i == id && *v == version)
        .map(|(i, v, files)| {
            files
                .iter()
                .map(|(name, text)| SourceFile {
                    path: format!("framework-data/{i}/{v}/cases/{name}"),
                    name: (*name).to_owned(),
                    text: (*text).to_owned(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The case files of a version folder on disk: `DIR/cases/*.toml` in name order (empty when the
/// folder has no `cases/`).
pub fn read_dir(dir: impl AsRef<Path>) -> Result<Vec<SourceFile>, LoadError> {
    let dir = dir.as_ref().join("cases");
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let entries = std::fs::read_dir(&dir).map_err(|source| LoadError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let mut files = Vec::with_capacity(paths.len());
    for p in paths {
        let text = std::fs::read_to_string(&p).map_err(|source| LoadError::Io {
            path: p.display().to_string(),
            source,
        })?;
        files.push(SourceFile {
            path: p.display().to_string(),
            name: p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            text,
        });
    }
    Ok(files)
}

/// Positions in one TOML text.
struct Spans<'a> {
    file: &'a str,
    lines: LineIndex<'a>,
    doc: Option<toml::Spanned<DeTable<'a>>>,
}

impl<'a> Spans<'a> {
    fn new(file: &'a str, text: &'a str) -> Spans<'a> {
        Spans {
            file,
            lines: LineIndex::new(text),
            doc: DeTable::parse(text).ok(),
        }
    }

    /// The start of the value at `path` (keys, or `[i]` for an array index), or of its closest
    /// ancestor that exists.
    fn offset(&self, path: &[&str], key_itself: bool) -> usize {
        let Some(doc) = &self.doc else { return 0 };
        let mut table: &DeTable<'_> = doc.get_ref();
        let mut best = 0;
        let mut value: Option<&toml::Spanned<DeValue<'_>>> = None;
        for seg in path {
            if let Some(i) = seg.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
                let Some(DeValue::Array(items)) = value.map(|v| v.get_ref()) else {
                    break;
                };
                let Some(item) = i.parse::<usize>().ok().and_then(|i| items.get(i)) else {
                    break;
                };
                best = item.span().start;
                value = Some(item);
                continue;
            }
            if let Some(v) = value {
                match v.get_ref() {
                    DeValue::Table(t) => table = t,
                    _ => break,
                }
            }
            let Some((k, v)) = table.iter().find(|(k, _)| k.get_ref() == seg) else {
                break;
            };
            best = if key_itself { k.span().start } else { v.span().start };
            value = Some(v);
        }
        best
    }

    fn at(&self, path: &[&str], key_itself: bool, message: String) -> FileDiagnostic {
        let (line, column) = self.lines.line_col(self.offset(path, key_itself));
        FileDiagnostic {
            file: self.file.to_owned(),
            line,
            column,
            key: path.join(".").replace(".[", "["),
            severity: Severity::Error,
            message,
        }
    }
}

fn type_of(v: &toml::Value) -> &'static str {
    match v {
        toml::Value::String(_) => "a string",
        toml::Value::Integer(_) => "an integer",
        toml::Value::Float(_) => "a float",
        toml::Value::Boolean(_) => "a boolean",
        toml::Value::Datetime(_) => "a date-time",
        toml::Value::Array(_) => "an array",
        toml::Value::Table(_) => "a table",
    }
}

/// Reads a case file. Every problem is reported with its position: a TOML syntax error, a problem
/// in the intervention part (as for intervention files), and each problem in `[case]` (unknown or
/// missing keys, wrong types, a malformed date).
pub fn parse(file: &SourceFile) -> Result<Case, Vec<FileDiagnostic>> {
    let name = file.path.as_str();
    let spans = Spans::new(name, &file.text);
    let mut table = match toml::from_str::<toml::Table>(&file.text) {
        Ok(t) => t,
        Err(e) => {
            let (line, column) = spans.lines.line_col(e.span().map_or(0, |s| s.start));
            return Err(vec![FileDiagnostic {
                file: name.to_owned(),
                line,
                column,
                key: String::new(),
                severity: Severity::Error,
                message: e.message().trim().to_owned(),
            }]);
        }
    };
    let mut problems = Vec::new();
    let case_value = table.remove("case");
    let intervention = match serde_path_to_error::deserialize::<_, InterventionFile>(toml::Value::Table(table.clone()))
    {
        Ok(f) => Some(f),
        Err(e) => {
            let path = e.path().to_string();
            let segs: Vec<&str> = path.split('.').filter(|s| !s.is_empty() && *s != "?").collect();
            let mut d = spans.at(&segs, true, e.into_inner().message().trim().to_owned());
            if d.key == "." {
                d.key.clear();
            }
            problems.push(d);
            None
        }
    };
    let Some(case_value) = case_value else {
        problems.push(FileDiagnostic {
            file: name.to_owned(),
            line: 1,
            column: 1,
            key: "case".into(),
            severity: Severity::Error,
            message: "expected a `[case]` table with the expected outcome (on, verdict, action), found none".into(),
        });
        return Err(problems);
    };
    let toml::Value::Table(case) = case_value else {
        problems.push(spans.at(
            &["case"],
            false,
            format!("expected a table, found {}", type_of(&case_value)),
        ));
        return Err(problems);
    };
    let string = |key: &str, problems: &mut Vec<FileDiagnostic>| -> Option<String> {
        match case.get(key)? {
            toml::Value::String(s) => Some(s.clone()),
            other => {
                problems.push(spans.at(
                    &["case", key],
                    false,
                    format!("expected a string, found {}", type_of(other)),
                ));
                None
            }
        }
    };
    for key in case.keys().filter(|k| !CASE_KEYS.contains(&k.as_str())) {
        problems.push(spans.at(
            &["case", key],
            true,
            format!("unknown key `{key}`; expected one of: {}", CASE_KEYS.join(", ")),
        ));
    }
    for key in ["on", "verdict", "action"] {
        if !case.contains_key(key) {
            problems.push(spans.at(
                &["case"],
                true,
                format!("missing key `{key}`; `[case]` needs on, verdict and action"),
            ));
        }
    }
    let on = string("on", &mut problems).and_then(|s| match s.parse::<Date>() {
        Ok(d) => Some(d),
        Err(_) => {
            problems.push(spans.at(
                &["case", "on"],
                false,
                format!("expected a date as YYYY-MM-DD, found `{s}`"),
            ));
            None
        }
    });
    let about = string("about", &mut problems);
    if let Some(a) = &about
        && a.contains('\n')
    {
        problems.push(spans.at(
            &["case", "about"],
            false,
            "expected one line, found a line break".into(),
        ));
    }
    let verdict = string("verdict", &mut problems);
    let action = string("action", &mut problems);
    let rule = string("rule", &mut problems);
    let mut criteria = Vec::new();
    match case.get("criteria") {
        None => {}
        Some(toml::Value::Table(t)) => {
            for (k, v) in t {
                match v {
                    toml::Value::String(s) => criteria.push((k.clone(), s.clone())),
                    other => problems.push(spans.at(
                        &["case", "criteria", k],
                        false,
                        format!("expected an outcome id (a string), found {}", type_of(other)),
                    )),
                }
            }
        }
        Some(other) => problems.push(spans.at(
            &["case", "criteria"],
            false,
            format!("expected a table of criterion id = outcome, found {}", type_of(other)),
        )),
    }
    let advice = match case.get("advice") {
        None => None,
        Some(toml::Value::Array(items)) => {
            let mut ids = Vec::new();
            for (i, v) in items.iter().enumerate() {
                match v {
                    toml::Value::String(s) => ids.push(s.clone()),
                    other => problems.push(spans.at(
                        &["case", "advice", &format!("[{i}]")],
                        false,
                        format!("expected an adjustment reason id (a string), found {}", type_of(other)),
                    )),
                }
            }
            Some(ids)
        }
        Some(other) => {
            problems.push(spans.at(
                &["case", "advice"],
                false,
                format!("expected a list of adjustment reason ids, found {}", type_of(other)),
            ));
            None
        }
    };
    let provisional = match case.get("provisional") {
        None => None,
        Some(toml::Value::Boolean(b)) => Some(*b),
        Some(other) => {
            problems.push(spans.at(
                &["case", "provisional"],
                false,
                format!("expected true or false, found {}", type_of(other)),
            ));
            None
        }
    };
    match (intervention, on, verdict, action) {
        (Some(intervention), Some(on), Some(verdict), Some(action)) if problems.is_empty() => Ok(Case {
            file: name.to_owned(),
            intervention,
            on,
            about,
            verdict,
            action,
            rule,
            criteria,
            advice,
            provisional,
            text: file.text.clone(),
        }),
        _ => {
            problems.sort_by_key(|d| (d.line, d.column));
            Err(problems)
        }
    }
}

/// The index of the decision rule `name` refers to: its id, `decision.<id>` or `decision[i]`.
pub fn find_rule(framework: &kader_core::Framework, name: &str) -> Option<usize> {
    let id = name.strip_prefix("decision.").unwrap_or(name);
    if let Some(i) = framework.decision.iter().position(|d| d.id.as_deref() == Some(id)) {
        return Some(i);
    }
    name.strip_prefix("decision[")
        .and_then(|s| s.strip_suffix(']'))
        .and_then(|i| i.parse::<usize>().ok())
        .filter(|i| *i < framework.decision.len())
}

/// The name of a decision rule for people: its path and, when it has one, its label;
/// `decision[2] "Beslisregel 3"` otherwise.
pub fn rule_name(framework: &kader_core::Framework, index: usize, lang: Lang) -> String {
    let Some(rule) = framework.decision.get(index) else {
        return format!("decision[{index}]");
    };
    let label = match &rule.label {
        Some(l) => l.get(lang).to_owned(),
        None => format!("{} {}", lang.pick("Beslisregel", "Decision rule"), index + 1),
    };
    format!("{} \"{label}\"", rule.path(index))
}

fn suggestion(candidates: &[&str]) -> String {
    format!("expected one of: {}", candidates.join(", "))
}

/// Checks a case against the version: every expected id must exist (verdict, action, decision
/// rule, criterion, outcome, adjustment reason), the file's `framework` must name this framework,
/// and the answers must be valid (after migration from the version they name, if any). Messages of
/// answer problems are in `lang`.
pub fn check(case: &Case, loaded: &Loaded, compiled: &Compiled, lang: Lang) -> Vec<FileDiagnostic> {
    let fw = &loaded.framework;
    let spans = Spans::new(&case.file, &case.text);
    let mut out = Vec::new();
    let verdicts: Vec<&str> = fw.verdicts.iter().map(|v| v.id.as_str()).collect();
    if !verdicts.contains(&case.verdict.as_str()) {
        out.push(spans.at(
            &["case", "verdict"],
            false,
            format!(
                "unknown verdict `{}` in {}; {}",
                case.verdict,
                fw.key(),
                suggestion(&verdicts)
            ),
        ));
    }
    let actions: Vec<&str> = fw.actions.iter().map(|v| v.id.as_str()).collect();
    if !actions.contains(&case.action.as_str()) {
        out.push(spans.at(
            &["case", "action"],
            false,
            format!(
                "unknown action `{}` in {}; {}",
                case.action,
                fw.key(),
                suggestion(&actions)
            ),
        ));
    }
    if let Some(rule) = &case.rule
        && find_rule(fw, rule).is_none()
    {
        let names: Vec<String> = fw
            .decision
            .iter()
            .enumerate()
            .map(|(i, d)| d.id.clone().unwrap_or_else(|| format!("decision[{i}]")))
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        out.push(spans.at(
            &["case", "rule"],
            false,
            format!("unknown decision rule `{rule}` in {}; {}", fw.key(), suggestion(&names)),
        ));
    }
    let criteria: Vec<&str> = fw.criteria.iter().map(|c| c.id.as_str()).collect();
    for (id, outcome) in &case.criteria {
        if !criteria.contains(&id.as_str()) {
            out.push(spans.at(
                &["case", "criteria", id],
                true,
                format!("unknown criterion `{id}` in {}; {}", fw.key(), suggestion(&criteria)),
            ));
        }
        if !Outcome::ALL.iter().any(|o| o.id() == outcome) {
            let outcomes: Vec<&str> = Outcome::ALL.iter().map(|o| o.id()).collect();
            out.push(spans.at(
                &["case", "criteria", id],
                false,
                format!("unknown outcome `{outcome}`; {}", suggestion(&outcomes)),
            ));
        }
    }
    let adjustments: Vec<&str> = fw.adjustments.iter().map(|a| a.id.as_str()).collect();
    for (i, id) in case.advice.iter().flatten().enumerate() {
        if !adjustments.contains(&id.as_str()) {
            out.push(spans.at(
                &["case", "advice", &format!("[{i}]")],
                false,
                format!(
                    "unknown adjustment reason `{id}` in {}; {}",
                    fw.key(),
                    suggestion(&adjustments)
                ),
            ));
        }
    }
    match answers_for(case, loaded, compiled, lang) {
        Ok(_) => {}
        Err(d) => out.extend(d),
    }
    out.sort_by_key(|d| (d.line, d.column));
    out
}

/// The case's answers as the version reads them: migrated when the file names an earlier version
/// with a migration path, then validated. Problems have positions in the case file.
fn answers_for(
    case: &Case,
    loaded: &Loaded,
    compiled: &Compiled,
    lang: Lang,
) -> Result<kader_rules::DenseAnswers, Vec<FileDiagnostic>> {
    let fw = &loaded.framework;
    let spans = Spans::new(&case.file, &case.text);
    let mut answers = case.intervention.answers.clone();
    if let Some(named) = &case.intervention.framework {
        let (id, version) = named.split_once('@').unwrap_or((named.as_str(), ""));
        if id != fw.framework.id {
            return Err(vec![spans.at(
                &["framework"],
                false,
                format!(
                    "the case names framework `{named}`, but it belongs to {}; expected `{}`",
                    fw.key(),
                    fw.key()
                ),
            )]);
        }
        if !version.is_empty() && version != fw.framework.version && crate::migrate::has_path(version, fw) {
            match crate::migrate::migrate_answers(&case.intervention.answers, version, fw) {
                Ok(m) => {
                    let dropped: Vec<String> = m
                        .notes
                        .iter()
                        .filter(|n| {
                            n.kind == crate::migrate::NoteKind::Dropped || n.kind == crate::migrate::NoteKind::AskAgain
                        })
                        .map(|n| n.question.clone())
                        .collect();
                    if !dropped.is_empty() {
                        return Err(vec![spans.at(
                            &["answers"],
                            false,
                            format!(
                                "migrating the answers from {named} to {} drops the answers to {}; update the case",
                                fw.key(),
                                dropped.join(", ")
                            ),
                        )]);
                    }
                    answers = m.answers;
                }
                Err(e) => return Err(vec![spans.at(&["framework"], false, e.to_string())]),
            }
        }
    }
    compiled
        .validate(&answers)
        .map_err(|errors| crate::intervention::answer_diagnostics(&case.file, &case.text, &errors, lang))
}

/// What a case expected and what came out, for one aspect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    /// The aspect: `verdict`, `action`, `rule`, `criteria.<id>`, `advice`, `provisional`, or
    /// `answers` when the case cannot be evaluated.
    pub what: String,
    /// What the case expected.
    pub expected: String,
    /// What came out.
    pub found: String,
}

/// The result of running one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseResult {
    /// The case file.
    pub file: String,
    /// The decision rule that decided (index), when the case could be evaluated.
    pub rule: Option<usize>,
    /// Every disagreement; empty when the case passed.
    pub disagreements: Vec<Disagreement>,
}

impl CaseResult {
    /// Whether the version decided as the case expects.
    pub fn passed(&self) -> bool {
        self.disagreements.is_empty()
    }
}

/// Evaluates a case with the version and compares every expectation.
pub fn run(case: &Case, loaded: &Loaded, compiled: &Compiled, lang: Lang) -> CaseResult {
    let fw = &loaded.framework;
    let mut result = CaseResult {
        file: case.file.clone(),
        rule: None,
        disagreements: Vec::new(),
    };
    let dense = match answers_for(case, loaded, compiled, lang) {
        Ok(d) => d,
        Err(d) => {
            result.disagreements.push(Disagreement {
                what: "answers".into(),
                expected: lang.pick("geldige antwoorden", "valid answers").into(),
                found: d.iter().map(FileDiagnostic::to_string).collect::<Vec<_>>().join("; "),
            });
            return result;
        }
    };
    let mut ev = Evaluation::default();
    compiled.evaluate_into(&dense, case.on, &mut ev);
    result.rule = Some(ev.rule);
    let mut differ = |what: &str, expected: String, found: String| {
        if expected != found {
            result.disagreements.push(Disagreement {
                what: what.to_owned(),
                expected,
                found,
            });
        }
    };
    let id_at = |ids: Vec<&str>, i: usize| ids.get(i).map_or_else(|| format!("#{i}"), |s| (*s).to_owned());
    differ(
        "verdict",
        case.verdict.clone(),
        id_at(fw.verdicts.iter().map(|v| v.id.as_str()).collect(), ev.verdict),
    );
    differ(
        "action",
        case.action.clone(),
        id_at(fw.actions.iter().map(|v| v.id.as_str()).collect(), ev.action),
    );
    if let Some(rule) = &case.rule {
        let want = find_rule(fw, rule);
        if want != Some(ev.rule) {
            let found = fw
                .decision
                .get(ev.rule)
                .map_or_else(|| format!("decision[{}]", ev.rule), |d| d.path(ev.rule));
            result.disagreements.push(Disagreement {
                what: "rule".into(),
                expected: want
                    .and_then(|i| fw.decision.get(i).map(|d| d.path(i)))
                    .unwrap_or_else(|| rule.clone()),
                found,
            });
        }
    }
    for (id, outcome) in &case.criteria {
        let found = fw
            .criteria
            .iter()
            .position(|c| &c.id == id)
            .and_then(|i| ev.criteria.get(i))
            .map_or_else(|| "-".to_owned(), |(o, _)| o.id().to_owned());
        if &found != outcome {
            result.disagreements.push(Disagreement {
                what: format!("criteria.{id}"),
                expected: outcome.clone(),
                found,
            });
        }
    }
    if let Some(expected) = &case.advice {
        let advised: Vec<&str> = if fw.decision.get(ev.rule).is_some_and(|d| d.advise) {
            fw.adjustments
                .iter()
                .zip(&ev.adjustments)
                .filter(|(_, t)| **t == Truth::True)
                .map(|(a, _)| a.id.as_str())
                .collect()
        } else {
            Vec::new()
        };
        let mut want: Vec<&str> = expected.iter().map(String::as_str).collect();
        want.sort_unstable();
        want.dedup();
        let mut got = advised.clone();
        got.sort_unstable();
        if want != got {
            let show = |v: &[&str]| {
                if v.is_empty() {
                    "[]".to_owned()
                } else {
                    format!("[{}]", v.join(", "))
                }
            };
            result.disagreements.push(Disagreement {
                what: "advice".into(),
                expected: show(&want),
                found: show(&got),
            });
        }
    }
    if let Some(p) = case.provisional
        && p != ev.provisional
    {
        result.disagreements.push(Disagreement {
            what: "provisional".into(),
            expected: p.to_string(),
            found: ev.provisional.to_string(),
        });
    }
    result
}

/// Every case of a version, parsed and checked: the cases that can run, and every diagnostic.
pub fn load(
    files: &[SourceFile],
    loaded: &Loaded,
    compiled: &Compiled,
    lang: Lang,
) -> (Vec<Case>, Vec<FileDiagnostic>) {
    let mut cases = Vec::new();
    let mut problems = Vec::new();
    for f in files {
        match parse(f) {
            Ok(c) => {
                let d = check(&c, loaded, compiled, lang);
                if d.is_empty() {
                    cases.push(c);
                } else {
                    problems.extend(d);
                }
            }
            Err(d) => problems.extend(d),
        }
    }
    (cases, problems)
}

/// The outcome of every case of a version.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// One result per case file that could be read, in file order.
    pub results: Vec<CaseResult>,
    /// Problems in case files that could not be run (they count as failed).
    pub problems: Vec<FileDiagnostic>,
}

impl Report {
    /// Number of case files (run or not).
    pub fn total(&self) -> usize {
        self.results.len() + self.failed_files()
    }

    /// Cases that passed.
    pub fn passed(&self) -> usize {
        self.results.iter().filter(|r| r.passed()).count()
    }

    /// Cases that failed, including files with problems.
    pub fn failed(&self) -> usize {
        self.total() - self.passed()
    }

    fn failed_files(&self) -> usize {
        let mut files: Vec<&str> = self.problems.iter().map(|d| d.file.as_str()).collect();
        files.sort_unstable();
        files.dedup();
        files.len()
    }
}

/// Parses, checks and runs every case file of a version.
pub fn run_all(files: &[SourceFile], loaded: &Loaded, compiled: &Compiled, lang: Lang) -> Report {
    let mut report = Report::default();
    for f in files {
        match parse(f) {
            Ok(c) => {
                // A case whose expected ids are unknown cannot pass; answer problems are reported
                // by `run` as a disagreement.
                let d: Vec<FileDiagnostic> = check(&c, loaded, compiled, lang)
                    .into_iter()
                    .filter(|d| d.key.starts_with("case") || d.key == "framework")
                    .collect();
                if d.is_empty() {
                    report.results.push(run(&c, loaded, compiled, lang));
                } else {
                    report.problems.extend(d);
                }
            }
            Err(d) => report.problems.extend(d),
        }
    }
    report
}
