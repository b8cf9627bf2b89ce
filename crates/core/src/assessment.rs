//! The assessment: the explained result of evaluating answers against a framework.
//!
//! Serialized as the stable assessment JSON (`kader assess --format json`), whose JSON Schema is
//! published as `assessment.schema.json`. Fields are only ever added.

use crate::answers::{AnswerValue, InterventionInfo};
use crate::date::Date;
use crate::framework::{HarmClass, Outcome, ProvenanceKind, Status};
use crate::text::Lang;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The explained assessment of one intervention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct Assessment {
    /// The framework version that made the decision.
    pub framework: FrameworkRef,
    /// The intervention assessed.
    pub intervention: InterventionInfo,
    /// The date the assessment is made for (recognition validity is judged on it).
    pub assessed_on: Date,
    /// The language of the labels and texts.
    pub lang: Lang,
    /// The status of the framework encoding (for an unofficial encoding: that it is not written or
    /// approved by the framework's owners), when the framework data gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    /// The verdict.
    pub verdict: Labeled,
    /// The advised action.
    pub action: Labeled,
    /// The decision rule that gave verdict and action, with the answers that decided it.
    pub decided_by: RuleRef,
    /// True when an earlier decision rule could still hold once unanswered questions are
    /// answered: the result may change (see `missing`).
    pub provisional: bool,
    /// Every criterion's outcome.
    pub criteria: Vec<CriterionResult>,
    /// Advice: one line per adjustment reason that holds.
    pub advice: Vec<Advice>,
    /// Practices with a known risk that the intervention uses.
    pub flags: Vec<Flag>,
    /// Recognition validity, when a recognition level was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recognition: Option<RecognitionStatus>,
    /// Unanswered questions whose answer could change the verdict or the action.
    pub missing: Vec<Missing>,
    /// Every rule evaluated, in order.
    pub trace: Vec<TraceStep>,
    /// Every source cited in this assessment, numbered in order of first citation (the numbers
    /// reports use as footnotes).
    #[serde(default)]
    pub sources: Vec<CitedSource>,
}

/// A source cited in an assessment, for the reference list of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct CitedSource {
    /// Footnote number, from 1.
    pub number: u32,
    /// Source id.
    pub id: String,
    /// What kind of source it is.
    pub kind: ProvenanceKind,
    /// The citation.
    pub citation: String,
    /// Where it can be read, if public.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Identifies a framework version exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct FrameworkRef {
    /// Framework id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Draft or released.
    pub status: Status,
    /// `sha256:` digest of the version's files.
    pub digest: String,
}

/// An id with its label in the assessment's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct Labeled {
    /// Id.
    pub id: String,
    /// Label.
    pub label: String,
}

/// An answer that decided something.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct AnswerRef {
    /// Question id.
    pub question: String,
    /// The answer, absent when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<AnswerValue>,
    /// A short name of the question in the assessment's language.
    #[serde(default)]
    pub label: String,
    /// The answer in words (choice labels, "ja"/"nee", the number with its unit); absent when
    /// unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// The provenance of a rule, with its sources resolved to citations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct ProvenanceRef {
    /// What the rule rests on.
    pub kind: ProvenanceKind,
    /// Sources.
    pub sources: Vec<SourceRef>,
}

/// A cited source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct SourceRef {
    /// Source id.
    pub id: String,
    /// Where in the source (section, footnote), if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
    /// The citation.
    pub citation: String,
}

/// A rule of the framework that decided something.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct RuleRef {
    /// Rule path in the framework, e.g. `decision.harmful-practice`, `decision[3]`,
    /// `criterion.theory.case[0]`.
    pub rule: String,
    /// A name of the rule for people ("Schadelijke werkwijze"; for a version whose rules have no
    /// names, "Beslisregel 2").
    #[serde(default)]
    pub label: String,
    /// The condition as written (absent for a catch-all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// Why, in words.
    pub explain: String,
    /// The answers the condition reads.
    pub because: Vec<AnswerRef>,
    /// Provenance of the rule.
    pub provenance: ProvenanceRef,
}

/// The outcome of one criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct CriterionResult {
    /// Criterion id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Outcome.
    pub outcome: Outcome,
    /// Why, in words.
    pub explain: String,
    /// The case that decided (for `unknown`: the first case the answers could not settle).
    pub rule: String,
    /// The answers that decided it.
    pub because: Vec<AnswerRef>,
    /// Provenance of the criterion.
    pub provenance: ProvenanceRef,
}

/// An advice line from an adjustment reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct Advice {
    /// Adjustment reason id.
    pub id: String,
    /// Short label.
    pub label: String,
    /// The advice.
    pub text: String,
    /// Items the advice lists for this intervention (such as the protective factors of its own
    /// risk domains).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// The answers that made the reason hold.
    pub because: Vec<AnswerRef>,
    /// Provenance.
    pub provenance: ProvenanceRef,
}

/// A practice with a known risk found in the intervention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct Flag {
    /// Practice id.
    pub practice: String,
    /// Label.
    pub label: String,
    /// Harm class.
    pub harm: HarmClass,
    /// What to do about it.
    pub advice: String,
    /// The question whose answer includes it.
    pub question: String,
    /// Provenance of the practice's classification.
    pub provenance: ProvenanceRef,
}

/// The validity of a recognition level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct RecognitionStatus {
    /// The question holding the level.
    pub question: String,
    /// The level given.
    pub level: Labeled,
    /// The year granted, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub granted: Option<i64>,
    /// Last year it is valid (31 December), when the level expires and the year is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<i64>,
    /// Whether it has expired on the assessment date (`null`: cannot tell without the year).
    pub expired: Option<bool>,
    /// The rank that counts (lowered when expired; absent when it cannot be told).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_rank: Option<i64>,
}

/// An unanswered question whose answer could change the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct Missing {
    /// Question id.
    pub question: String,
    /// The question as asked.
    pub label: String,
    /// Whether the verdict could change.
    pub changes_verdict: bool,
    /// Whether the action could change.
    pub changes_action: bool,
    /// The other results that some answer to this question alone would give.
    pub could_become: Vec<Outcomes>,
}

/// A verdict and action pair.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct Outcomes {
    /// Verdict id.
    pub verdict: String,
    /// Action id.
    pub action: String,
    /// Verdict label.
    #[serde(default)]
    pub verdict_label: String,
    /// Action label.
    #[serde(default)]
    pub action_label: String,
}

/// Truth value in three-valued logic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Truth {
    /// Holds.
    True,
    /// Does not hold.
    False,
    /// Cannot be told from the answers given.
    Unknown,
}

/// One rule evaluation in the trace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct TraceStep {
    /// Rule path.
    pub rule: String,
    /// The condition as written (absent for a catch-all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// Its value.
    pub result: Truth,
    /// Whether this step decided something (a criterion's outcome, the verdict, the action).
    pub decisive: bool,
    /// Provenance kind of the rule.
    pub provenance: ProvenanceKind,
}
