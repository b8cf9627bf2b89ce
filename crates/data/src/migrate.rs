//! Carrying answers given under an earlier framework version over to a later one.
//!
//! A version may hold `[[migration]]` sections, one per earlier version it knows how to read
//! answers from. Migrating answers from version A to version B applies B's migration `from = A`:
//!
//! - answers to questions B also has carry over unchanged unless the migration lists them;
//! - `rename-to` moves the answer to the new question id;
//! - `ask-again` drops the answer: the question must be answered again;
//! - `rename-choices` renames choice ids in the answer;
//! - `drop-choices` removes those choices from the answer (a `multi` answer keeps its other
//!   choices, a `choice` answer is dropped) and marks the question to be answered again;
//! - `check-choices` keeps those choices but marks the question to be checked against the new
//!   definition;
//! - an answer to a question B does not have is dropped and reported;
//! - an answer that still fails B's validation is dropped and reported.
//!
//! Nothing is dropped silently: every dropped or doubtful answer gives a [`Note`]. When B has no
//! migration from A but an earlier version in between has (A → X → B, every version embedded in
//! this build or the target itself), the migrations are chained.

use kader_core::{AnswerValue, Answers, Framework, InterventionFile, Lang, Migration, Text};
use kader_rules::Compiled;
use std::fmt;

/// What the person whose answers are migrated must do about a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    /// The answer was dropped (wholly or in part): answer the question again.
    AskAgain,
    /// The answer was kept, but a choice in it has a new definition: check it.
    Check,
    /// The answer was dropped: the question no longer exists or the answer is no longer valid.
    Dropped,
}

impl NoteKind {
    /// The id as shown in JSON and listings (`ask-again`, `check`, `dropped`).
    pub fn id(self) -> &'static str {
        match self {
            NoteKind::AskAgain => "ask-again",
            NoteKind::Check => "check",
            NoteKind::Dropped => "dropped",
        }
    }

    /// A short description for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            NoteKind::AskAgain => lang.pick("opnieuw beantwoorden", "answer again"),
            NoteKind::Check => lang.pick("controleren", "check"),
            NoteKind::Dropped => lang.pick("vervallen", "dropped"),
        }
    }
}

/// One question the migration could not simply carry over.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Note {
    /// The question id in the target version (for a dropped answer to a question the target does
    /// not have: the id in the version it came from).
    pub question: String,
    /// What to do.
    pub kind: NoteKind,
    /// Why, in Dutch and English.
    pub reason: Text,
    /// The migration step, `2024.1 → 2024.2`.
    pub step: String,
}

/// Answers migrated to the target version, and the notes about them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Migrated {
    /// The answers the target version accepts.
    pub answers: Answers,
    /// What was dropped or must be checked, in question order of the target where possible.
    pub notes: Vec<Note>,
    /// The versions passed through, from first to target (`["2024.1", "2024.2"]`).
    pub path: Vec<String>,
}

/// Why answers cannot be migrated.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MigrateError {
    /// No chain of migrations leads from `from` to `to`.
    NoPath {
        /// `id@version` of the answers.
        from: String,
        /// `id@version` of the target.
        to: String,
    },
    /// The answers name another framework.
    OtherFramework {
        /// What the answers name.
        from: String,
        /// `id@version` of the target.
        to: String,
    },
}

impl fmt::Display for MigrateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MigrateError::NoPath { from, to } => write!(
                f,
                "no migration from {from} to {to}: {to} has no `[[migration]]` with `from` on a path from {from}"
            ),
            MigrateError::OtherFramework { from, to } => {
                write!(f, "the answers are for {from}, another framework than {to}")
            }
        }
    }
}

impl std::error::Error for MigrateError {}

impl MigrateError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (MigrateError::NoPath { from, to }, Lang::Nl) => format!(
                "geen migratie van {from} naar {to}: {to} heeft geen `[[migration]]` met `from` op een weg vanaf {from}"
            ),
            (MigrateError::OtherFramework { from, to }, Lang::Nl) => {
                format!("de antwoorden horen bij {from}, een ander kader dan {to}")
            }
            (e, Lang::En) => e.to_string(),
        }
    }
}

/// The chain of versions from `from` to the target: the frameworks to migrate through, each with
/// its migration from the previous one. Intermediate versions are the embedded ones.
fn chain(from: &str, target: &Framework) -> Option<Vec<Framework>> {
    // Depth-first from the target backwards; versions are few, and a visited list stops cycles.
    fn walk(from: &str, at: Framework, visited: &mut Vec<String>, depth: usize) -> Option<Vec<Framework>> {
        if depth > 32 {
            return None;
        }
        if at.migrations.iter().any(|m| m.from == from) {
            return Some(vec![at]);
        }
        for m in &at.migrations {
            if visited.contains(&m.from) {
                continue;
            }
            visited.push(m.from.clone());
            let Ok(prev) = crate::get(&at.framework.id, &m.from) else {
                continue;
            };
            if let Some(mut path) = walk(from, prev.framework, visited, depth + 1) {
                path.push(at);
                return Some(path);
            }
        }
        None
    }
    walk(from, target.clone(), &mut vec![target.framework.version.clone()], 0)
}

/// Whether answers of version `from` of the target's framework can be migrated to it.
pub fn has_path(from: &str, target: &Framework) -> bool {
    from == target.framework.version || chain(from, target).is_some()
}

/// Migrates answers given under version `from` (of the target's framework) to `target`.
pub fn migrate_answers(answers: &Answers, from: &str, target: &Framework) -> Result<Migrated, MigrateError> {
    let no_path = || MigrateError::NoPath {
        from: format!("{}@{from}", target.framework.id),
        to: target.key(),
    };
    if from == target.framework.version {
        // Nothing to migrate: the answers are validated where they are used.
        return Ok(Migrated {
            answers: answers.clone(),
            notes: Vec::new(),
            path: vec![from.to_owned()],
        });
    }
    let steps = chain(from, target).ok_or_else(no_path)?;
    let mut out = Migrated {
        answers: answers.clone(),
        notes: Vec::new(),
        path: vec![from.to_owned()],
    };
    let mut prev = from.to_owned();
    for fw in &steps {
        let Some(m) = fw.migrations.iter().find(|m| m.from == prev) else {
            return Err(no_path());
        };
        let step = format!("{prev} → {}", fw.framework.version);
        apply(&mut out, m, fw, &step);
        drop_invalid(&mut out, fw, &step);
        prev = fw.framework.version.clone();
        out.path.push(prev.clone());
    }
    Ok(out)
}

/// Migrates an intervention file to `target`: its answers (see [`migrate_answers`]) and its
/// `framework` key. A file without `framework` is taken to be for `assumed` (`id@version`).
pub fn migrate_file(
    file: &InterventionFile,
    assumed: &str,
    target: &Framework,
) -> Result<(InterventionFile, Migrated), MigrateError> {
    let named = file.framework.as_deref().unwrap_or(assumed);
    let (id, version) = named.split_once('@').unwrap_or((named, ""));
    if id != target.framework.id {
        return Err(MigrateError::OtherFramework {
            from: named.to_owned(),
            to: target.key(),
        });
    }
    let migrated = migrate_answers(&file.answers, version, target)?;
    let out = InterventionFile {
        framework: Some(target.key()),
        intervention: file.intervention.clone(),
        answers: migrated.answers.clone(),
    };
    Ok((out, migrated))
}

fn map_choices(value: AnswerValue, f: impl Fn(String) -> Option<String>) -> Option<AnswerValue> {
    match value {
        AnswerValue::Str(s) => f(s).map(AnswerValue::Str),
        AnswerValue::List(v) => Some(AnswerValue::List(v.into_iter().filter_map(f).collect())),
        other => Some(other),
    }
}

fn contains_any(value: &AnswerValue, ids: &[String]) -> Vec<String> {
    match value {
        AnswerValue::Str(s) if ids.contains(s) => vec![s.clone()],
        AnswerValue::List(v) => v.iter().filter(|c| ids.contains(c)).cloned().collect(),
        _ => Vec::new(),
    }
}

fn with_detail(reason: &Text, nl: String, en: String) -> Text {
    Text::new(
        format!("{} ({nl})", reason.get(Lang::Nl)),
        format!("{} ({en})", reason.get(Lang::En)),
    )
}

/// One migration step.
fn apply(out: &mut Migrated, m: &Migration, target: &Framework, step: &str) {
    let old = std::mem::take(&mut out.answers);
    let mut next = Answers::new();
    for (id, value) in old {
        let rule = m.questions.iter().find(|q| q.id == id);
        let Some(rule) = rule else {
            if target.question(&id).is_some() {
                insert(&mut next, &mut out.notes, id, value, step);
            } else {
                out.notes.push(Note {
                    question: id.clone(),
                    kind: NoteKind::Dropped,
                    reason: Text::new(
                        format!(
                            "de vraag `{id}` bestaat niet meer in versie {}; het antwoord {value} is vervallen",
                            target.framework.version
                        ),
                        format!(
                            "question `{id}` no longer exists in version {}; the answer {value} was dropped",
                            target.framework.version
                        ),
                    ),
                    step: step.to_owned(),
                });
            }
            continue;
        };
        let new_id = rule.rename_to.clone().unwrap_or_else(|| id.clone());
        if rule.ask_again {
            out.notes.push(Note {
                question: new_id,
                kind: NoteKind::AskAgain,
                reason: rule.reason.clone(),
                step: step.to_owned(),
            });
            continue;
        }
        let renamed = map_choices(value, |c| Some(rule.rename_choices.get(&c).cloned().unwrap_or(c)));
        let Some(mut value) = renamed else { continue };
        // One note per question: to answer again when a choice of the answer was dropped, to check
        // when it only holds choices with a new definition.
        let dropped = contains_any(&value, &rule.drop_choices);
        let check = contains_any(&value, &rule.check_choices);
        if !dropped.is_empty() || !check.is_empty() {
            let (mut nl, mut en) = (Vec::new(), Vec::new());
            if !dropped.is_empty() {
                nl.push(format!("vervallen: {}", dropped.join(", ")));
                en.push(format!("dropped: {}", dropped.join(", ")));
            }
            if !check.is_empty() {
                nl.push(format!("controleer: {}", check.join(", ")));
                en.push(format!("check: {}", check.join(", ")));
            }
            out.notes.push(Note {
                question: new_id.clone(),
                kind: if dropped.is_empty() {
                    NoteKind::Check
                } else {
                    NoteKind::AskAgain
                },
                reason: with_detail(&rule.reason, nl.join("; "), en.join("; ")),
                step: step.to_owned(),
            });
        }
        if !dropped.is_empty() {
            match map_choices(value, |c| (!rule.drop_choices.contains(&c)).then_some(c)) {
                Some(v) => value = v,
                None => continue,
            }
        }
        if target.question(&new_id).is_none() {
            out.notes.push(Note {
                question: new_id.clone(),
                kind: NoteKind::Dropped,
                reason: Text::new(
                    format!(
                        "de vraag `{new_id}` bestaat niet in versie {}; het antwoord {value} is vervallen",
                        target.framework.version
                    ),
                    format!(
                        "question `{new_id}` does not exist in version {}; the answer {value} was dropped",
                        target.framework.version
                    ),
                ),
                step: step.to_owned(),
            });
            continue;
        }
        insert(&mut next, &mut out.notes, new_id, value, step);
    }
    out.answers = next;
}

fn insert(next: &mut Answers, notes: &mut Vec<Note>, id: String, value: AnswerValue, step: &str) {
    if let Some(existing) = next.get(&id) {
        notes.push(Note {
            question: id.clone(),
            kind: NoteKind::AskAgain,
            reason: Text::new(
                format!("twee antwoorden komen samen op `{id}` ({existing} en {value}); beide zijn vervallen"),
                format!("two answers end up at `{id}` ({existing} and {value}); both were dropped"),
            ),
            step: step.to_owned(),
        });
        next.remove(&id);
        return;
    }
    next.insert(id, value);
}

/// Drops every answer the version does not accept, with a note naming the reason.
fn drop_invalid(out: &mut Migrated, target: &Framework, step: &str) {
    let Ok(compiled) = Compiled::new(target, String::new()) else {
        return;
    };
    let Err(errors) = compiled.validate(&out.answers) else {
        return;
    };
    let mut seen: Vec<&str> = Vec::new();
    for e in &errors {
        if seen.contains(&e.key.as_str()) {
            continue;
        }
        seen.push(&e.key);
        let value = out.answers.remove(&e.key);
        let shown = value.map(|v| v.to_string()).unwrap_or_default();
        out.notes.push(Note {
            question: e.key.clone(),
            kind: NoteKind::Dropped,
            reason: Text::new(
                format!(
                    "het antwoord {shown} is niet geldig in versie {}: {}",
                    target.framework.version,
                    e.detail(Lang::Nl)
                ),
                format!(
                    "the answer {shown} is not valid in version {}: {}",
                    target.framework.version,
                    e.detail(Lang::En)
                ),
            ),
            step: step.to_owned(),
        });
    }
}

/// The notes as comment lines for the top of a migrated file: `# ` + one line per note, with the
/// question's label in `lang`, the id in parentheses, what to do and why.
pub fn comment_block(notes: &[Note], target: &Framework, from: &str, lang: Lang) -> String {
    let mut s = String::new();
    if notes.is_empty() {
        return s;
    }
    s.push_str(&match lang {
        Lang::Nl => format!(
            "# Gemigreerd van {from} naar {} door kader. Nog te doen:\n",
            target.key()
        ),
        Lang::En => format!("# Migrated from {from} to {} by kader. Still to do:\n", target.key()),
    });
    for line in note_lines(notes, target, lang) {
        for (i, part) in wrap(&line, 96).iter().enumerate() {
            s.push_str(if i == 0 { "# - " } else { "#   " });
            s.push_str(part);
            s.push('\n');
        }
    }
    s
}

/// Splits text into lines of at most `width` characters at spaces (a longer word stays whole).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

/// One line per note: `label (id): what to do — reason`.
pub fn note_lines(notes: &[Note], target: &Framework, lang: Lang) -> Vec<String> {
    notes
        .iter()
        .map(|n| {
            let label = target
                .question(&n.question)
                .map(|q| q.label.get(lang).to_owned())
                .unwrap_or_else(|| n.question.clone());
            let label = if label == n.question {
                label
            } else {
                format!("{label} ({})", n.question)
            };
            format!("{label}: {} — {}", n.kind.label(lang), n.reason.get(lang))
        })
        .collect()
}
