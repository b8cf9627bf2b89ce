//! Answers to a framework's questions, and the intervention file that carries them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One answer, as written in an intervention file. Which variant is valid depends on the
/// question's type; the rules crate validates that.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum AnswerValue {
    /// For `bool` questions.
    Bool(bool),
    /// For `int` questions.
    Int(i64),
    /// A choice id (`choice` questions) or free text (`text` questions).
    Str(String),
    /// Choice ids (`multi` questions).
    List(Vec<String>),
}

impl AnswerValue {
    /// The kind of value, for error messages ("yes/no", "a whole number", ...).
    pub fn kind(&self) -> &'static str {
        match self {
            AnswerValue::Bool(_) => "true/false",
            AnswerValue::Int(_) => "a whole number",
            AnswerValue::Str(_) => "a string",
            AnswerValue::List(_) => "a list",
        }
    }
}

impl std::fmt::Display for AnswerValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnswerValue::Bool(b) => write!(f, "{b}"),
            AnswerValue::Int(i) => write!(f, "{i}"),
            AnswerValue::Str(s) => write!(f, "\"{s}\""),
            AnswerValue::List(v) => {
                let items: Vec<String> = v.iter().map(|s| format!("\"{s}\"")).collect();
                write!(f, "[{}]", items.join(", "))
            }
        }
    }
}

/// Answers keyed by question id. A question without an answer is "unknown".
pub type Answers = BTreeMap<String, AnswerValue>;

/// Who and what is being assessed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct InterventionInfo {
    /// Name of the intervention.
    pub name: String,
    /// Who provides or funds it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// Short description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// An intervention file (TOML or JSON): the framework it was answered for, the intervention, and
/// the answers.
///
/// ```toml
/// framework = "kwaliteitskader@2024.1"   # optional; default: the latest released version
/// [intervention]
/// name = "Voorbeeldinterventie"
/// [answers]
/// crime-prevention-aim = true
/// age-min = 12
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct InterventionFile {
    /// `id@version` of the framework the answers were given for; absent means the latest
    /// released version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<String>,
    /// The intervention.
    pub intervention: InterventionInfo,
    /// The answers, keyed by question id.
    #[serde(default)]
    pub answers: Answers,
}
