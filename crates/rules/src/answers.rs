//! Answer validation: from keyed answers to dense, typed answers.

use crate::compile::{Compiled, QuestionInfo};
use kader_core::{AnswerValue, Answers, Lang, QuestionType};
use std::fmt;

/// A validated answer value, indexed densely (choices are indexes into the question's choices).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    /// A yes/no answer.
    Bool(bool),
    /// A whole number within the question's bounds.
    Int(i64),
    /// The index of the chosen choice.
    Choice(u8),
    /// A bit set of chosen choice indexes.
    Multi(u64),
    /// Free text was given (the text itself is kept in the [`Answers`]).
    Text,
}

/// The bit of choice `i` in a multi answer; 0 for an index past 63 (never a valid choice), so a
/// hand-made [`DenseAnswers`] cannot make evaluation overflow.
pub(crate) fn bit<T: TryInto<u32>>(i: T) -> u64 {
    i.try_into().ok().and_then(|i| 1u64.checked_shl(i)).unwrap_or(0)
}

/// Answers validated against a compiled framework: one slot per question, `None` when unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DenseAnswers {
    pub(crate) slots: Vec<Option<Value>>,
}

impl DenseAnswers {
    /// The answer in a question's slot.
    pub fn get(&self, slot: usize) -> Option<Value> {
        self.slots.get(slot).copied().flatten()
    }
    /// Sets (or clears) the answer in a slot. Values are not checked: use
    /// [`Compiled::validate`] for input.
    pub fn set(&mut self, slot: usize, value: Option<Value>) {
        if let Some(s) = self.slots.get_mut(slot) {
            *s = value;
        }
    }
    /// Number of slots (questions).
    pub fn len(&self) -> usize {
        self.slots.len()
    }
    /// Whether the framework has no questions.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }
}

/// What is wrong with an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AnswerErrorKind {
    /// No question has this id.
    UnknownQuestion {
        /// A question id that is close, if any.
        suggestion: Option<String>,
    },
    /// The value has the wrong type.
    WrongType {
        /// The question's type.
        expected: QuestionType,
        /// What was found (`a string`, `a list`, ...).
        found: &'static str,
    },
    /// A number outside the question's bounds.
    OutOfRange {
        /// Smallest allowed.
        min: i64,
        /// Largest allowed.
        max: i64,
        /// Given.
        found: i64,
    },
    /// A choice id the question does not offer.
    UnknownChoice {
        /// Given.
        found: String,
        /// Allowed choice ids.
        allowed: Vec<String>,
    },
    /// A choice listed twice in a multi answer.
    DuplicateChoice {
        /// The choice.
        found: String,
    },
}

/// A problem with one answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerError {
    /// The question id (the key in the answers).
    pub key: String,
    /// For a list answer: the index of the offending item.
    pub index: Option<usize>,
    /// What is wrong.
    pub kind: AnswerErrorKind,
}

fn type_name(t: QuestionType, lang: Lang) -> &'static str {
    match t {
        QuestionType::Bool => lang.pick("ja/nee (true of false)", "yes/no (true or false)"),
        QuestionType::Int => lang.pick("een geheel getal", "a whole number"),
        QuestionType::Choice => lang.pick("één keuze-id (tekst)", "one choice id (a string)"),
        QuestionType::Multi => lang.pick("een lijst van keuze-id's", "a list of choice ids"),
        QuestionType::Text => lang.pick("tekst", "text"),
    }
}

fn found_name(found: &str, lang: Lang) -> &str {
    match (found, lang) {
        ("true/false", Lang::Nl) => "true/false",
        ("a whole number", Lang::Nl) => "een getal",
        ("a string", Lang::Nl) => "tekst",
        ("a list", Lang::Nl) => "een lijst",
        (f, _) => f,
    }
}

impl AnswerError {
    /// The message in a language, starting with the key. `Display` gives the English one.
    pub fn message(&self, lang: Lang) -> String {
        format!("`{}`: {}", self.key, self.detail(lang))
    }

    /// What is wrong, without the key (for reports that show the key separately).
    pub fn detail(&self, lang: Lang) -> String {
        match &self.kind {
            AnswerErrorKind::UnknownQuestion { suggestion } => {
                let hint = suggestion
                    .as_ref()
                    .map(|s| format!(" ({} `{s}`?)", lang.pick("bedoelt u", "did you mean")))
                    .unwrap_or_default();
                match lang {
                    Lang::Nl => format!("onbekende vraag{hint}"),
                    Lang::En => format!("unknown question{hint}"),
                }
            }
            AnswerErrorKind::WrongType { expected, found } => match lang {
                Lang::Nl => format!(
                    "verwacht {}, gevonden {}",
                    type_name(*expected, lang),
                    found_name(found, lang)
                ),
                Lang::En => format!("expected {}, found {found}", type_name(*expected, lang)),
            },
            AnswerErrorKind::OutOfRange { min, max, found } => match lang {
                Lang::Nl => format!("verwacht een getal van {min} tot en met {max}, gevonden {found}"),
                Lang::En => format!("expected a number from {min} to {max}, found {found}"),
            },
            AnswerErrorKind::UnknownChoice { found, allowed } => match lang {
                Lang::Nl => format!("onbekende keuze `{found}`; toegestaan: {}", allowed.join(", ")),
                Lang::En => format!("unknown choice `{found}`; allowed: {}", allowed.join(", ")),
            },
            AnswerErrorKind::DuplicateChoice { found } => match lang {
                Lang::Nl => format!("keuze `{found}` staat er twee keer in"),
                Lang::En => format!("choice `{found}` is listed twice"),
            },
        }
    }
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for AnswerError {}

/// Levenshtein distance, for "did you mean".
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

pub(crate) fn suggest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    candidates
        .map(|c| (distance(word, c), c))
        .filter(|(d, c)| *d <= 3.max(c.len() / 4) && *d < c.len())
        .min()
        .map(|(_, c)| c.to_owned())
}

impl Compiled {
    /// Validates answers against the framework's questions. Every problem is reported, in key
    /// order.
    pub fn validate(&self, answers: &Answers) -> Result<DenseAnswers, Vec<AnswerError>> {
        let mut slots = vec![None; self.questions.len()];
        let mut errors = Vec::new();
        for (key, value) in answers {
            let Some(&slot) = self.question_index.get(key.as_str()) else {
                errors.push(AnswerError {
                    key: key.clone(),
                    index: None,
                    kind: AnswerErrorKind::UnknownQuestion {
                        suggestion: suggest(key, self.questions.iter().map(|q| q.id.as_str())),
                    },
                });
                continue;
            };
            match convert(&self.questions[slot], key, value) {
                Ok(v) => slots[slot] = Some(v),
                Err(mut e) => errors.append(&mut e),
            }
        }
        if errors.is_empty() {
            Ok(DenseAnswers { slots })
        } else {
            Err(errors)
        }
    }

    /// Dense answers with every question unknown.
    pub fn empty_answers(&self) -> DenseAnswers {
        DenseAnswers {
            slots: vec![None; self.questions.len()],
        }
    }

    /// Turns dense answers back into keyed answers (choice indexes become ids). Text answers
    /// cannot be restored from dense answers and are left out.
    pub fn to_answers(&self, dense: &DenseAnswers) -> Answers {
        let mut out = Answers::new();
        for (q, v) in self.questions.iter().zip(&dense.slots) {
            let value = match v {
                None | Some(Value::Text) => continue,
                Some(Value::Bool(b)) => AnswerValue::Bool(*b),
                Some(Value::Int(i)) => AnswerValue::Int(*i),
                Some(Value::Choice(c)) => match q.choices.get(usize::from(*c)) {
                    Some(id) => AnswerValue::Str(id.clone()),
                    None => continue,
                },
                Some(Value::Multi(m)) => AnswerValue::List(
                    q.choices
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| m & bit(*i) != 0)
                        .map(|(_, id)| id.clone())
                        .collect(),
                ),
            };
            out.insert(q.id.clone(), value);
        }
        out
    }
}

fn convert(q: &QuestionInfo, key: &str, value: &AnswerValue) -> Result<Value, Vec<AnswerError>> {
    let err = |kind| {
        vec![AnswerError {
            key: key.to_owned(),
            index: None,
            kind,
        }]
    };
    let wrong = || {
        err(AnswerErrorKind::WrongType {
            expected: q.kind,
            found: value.kind(),
        })
    };
    match (q.kind, value) {
        (QuestionType::Bool, AnswerValue::Bool(b)) => Ok(Value::Bool(*b)),
        (QuestionType::Int, AnswerValue::Int(i)) => {
            if *i < q.min || *i > q.max {
                Err(err(AnswerErrorKind::OutOfRange {
                    min: q.min,
                    max: q.max,
                    found: *i,
                }))
            } else {
                Ok(Value::Int(*i))
            }
        }
        (QuestionType::Choice, AnswerValue::Str(s)) => match q.choice_index(s) {
            Some(i) => Ok(Value::Choice(i)),
            None => Err(err(AnswerErrorKind::UnknownChoice {
                found: s.clone(),
                allowed: q.choices.clone(),
            })),
        },
        (QuestionType::Multi, AnswerValue::List(items)) => {
            let mut set = 0u64;
            let mut errors = Vec::new();
            for (index, s) in items.iter().enumerate() {
                match q.choice_index(s) {
                    Some(i) if set & (bit(i)) != 0 => errors.push(AnswerError {
                        key: key.to_owned(),
                        index: Some(index),
                        kind: AnswerErrorKind::DuplicateChoice { found: s.clone() },
                    }),
                    Some(i) => set |= bit(i),
                    None => errors.push(AnswerError {
                        key: key.to_owned(),
                        index: Some(index),
                        kind: AnswerErrorKind::UnknownChoice {
                            found: s.clone(),
                            allowed: q.choices.clone(),
                        },
                    }),
                }
            }
            if errors.is_empty() {
                Ok(Value::Multi(set))
            } else {
                Err(errors)
            }
        }
        (QuestionType::Text, AnswerValue::Str(_)) => Ok(Value::Text),
        _ => Err(wrong()),
    }
}
