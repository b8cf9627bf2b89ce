//! The framework model, which is also the shape of the framework data files.
//!
//! A framework version is a folder of TOML files; each file is a [`FrameworkFile`] whose sections
//! are all optional, so researchers can split the content by concern. The files of one folder,
//! read in name order, are merged into one [`Framework`]. Keys are kebab-case; unknown keys are
//! errors.
//!
//! Derived `Serialize`/`Deserialize`/`JsonSchema` here are a compatibility promise: the published
//! JSON Schema `framework-file.schema.json` is generated from these types.

use crate::text::Text;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Release status of a framework version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Work in progress: may change freely, never the default.
    Draft,
    /// Released: immutable, its content digest is locked in `framework-data/RELEASED`.
    Released,
}

/// What an item of the framework rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ProvenanceKind {
    /// Stated in the ministry's cover memo (authoritative for what it states).
    Memo,
    /// Reported about the framework's report by a secondary source.
    ReportSecondary,
    /// Taken from the NJi / SEI recognition system.
    Nji,
    /// Taken from the research literature.
    Literature,
    /// An editorial reconstruction by the kader maintainers, built on the sources named.
    Editorial,
}

impl ProvenanceKind {
    /// The id as written in data files.
    pub fn id(self) -> &'static str {
        match self {
            ProvenanceKind::Memo => "memo",
            ProvenanceKind::ReportSecondary => "report-secondary",
            ProvenanceKind::Nji => "nji",
            ProvenanceKind::Literature => "literature",
            ProvenanceKind::Editorial => "editorial",
        }
    }
}

/// Where an item comes from: its kind and the sources behind it.
///
/// A source reference is a source id from the framework's `[[source]]` list, optionally followed by
/// a colon and a locator: `"memo:4.4"`, `"S45"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Provenance {
    /// What the item rests on.
    pub kind: ProvenanceKind,
    /// Source references (`id` or `id:locator`).
    #[serde(default)]
    pub sources: Vec<String>,
    /// An optional remark for researchers (why it was reconstructed this way).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Provenance {
    /// Splits a source reference into its id and optional locator.
    pub fn split_ref(reference: &str) -> (&str, Option<&str>) {
        match reference.split_once(':') {
            Some((id, loc)) => (id.trim(), Some(loc.trim())),
            None => (reference.trim(), None),
        }
    }
}

/// One file of a framework version. Every section is optional; the files of a version are merged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FrameworkFile {
    /// The framework's metadata; exactly one file of a version has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<FrameworkMeta>,
    /// Sources that provenance refers to.
    #[serde(default, rename = "source", skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// Ordered scales (the recognition levels).
    #[serde(default, rename = "scale", skip_serializing_if = "Vec::is_empty")]
    pub scales: Vec<Scale>,
    /// Risk domains.
    #[serde(default, rename = "domain", skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<Domain>,
    /// Practices with a known risk.
    #[serde(default, rename = "practice", skip_serializing_if = "Vec::is_empty")]
    pub practices: Vec<Practice>,
    /// Groups that order the questions in a questionnaire.
    #[serde(default, rename = "group", skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<QuestionGroup>,
    /// The questions an assessment takes answers to.
    #[serde(default, rename = "question", skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question>,
    /// Quality criteria.
    #[serde(default, rename = "criterion", skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<Criterion>,
    /// Verdicts the decision can reach.
    #[serde(default, rename = "verdict", skip_serializing_if = "Vec::is_empty")]
    pub verdicts: Vec<Verdict>,
    /// Actions the decision can advise.
    #[serde(default, rename = "action", skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
    /// Adjustment reasons: each becomes an advice line when it holds.
    #[serde(default, rename = "adjustment", skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<AdjustmentReason>,
    /// The decision: ordered rules, first match wins, the last one a catch-all.
    #[serde(default, rename = "decision", skip_serializing_if = "Vec::is_empty")]
    pub decision: Vec<DecisionRule>,
    /// How answers given under an earlier version carry over to this one.
    #[serde(default, rename = "migration", skip_serializing_if = "Vec::is_empty")]
    pub migrations: Vec<Migration>,
}

/// A framework version: all files of its folder merged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Framework {
    /// Metadata.
    pub framework: FrameworkMeta,
    /// Sources that provenance refers to.
    #[serde(default, rename = "source")]
    pub sources: Vec<Source>,
    /// Ordered scales.
    #[serde(default, rename = "scale")]
    pub scales: Vec<Scale>,
    /// Risk domains.
    #[serde(default, rename = "domain")]
    pub domains: Vec<Domain>,
    /// Practices with a known risk.
    #[serde(default, rename = "practice")]
    pub practices: Vec<Practice>,
    /// Question groups.
    #[serde(default, rename = "group")]
    pub groups: Vec<QuestionGroup>,
    /// Questions.
    #[serde(default, rename = "question")]
    pub questions: Vec<Question>,
    /// Criteria.
    #[serde(default, rename = "criterion")]
    pub criteria: Vec<Criterion>,
    /// Verdicts.
    #[serde(default, rename = "verdict")]
    pub verdicts: Vec<Verdict>,
    /// Actions.
    #[serde(default, rename = "action")]
    pub actions: Vec<Action>,
    /// Adjustment reasons.
    #[serde(default, rename = "adjustment")]
    pub adjustments: Vec<AdjustmentReason>,
    /// Decision rules.
    #[serde(default, rename = "decision")]
    pub decision: Vec<DecisionRule>,
    /// Migrations of answers from earlier versions.
    #[serde(default, rename = "migration", skip_serializing_if = "Vec::is_empty")]
    pub migrations: Vec<Migration>,
}

/// The sections of a framework, for diagnostics and diffs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    /// `[framework]`
    Framework,
    /// `[[source]]`
    Source,
    /// `[[scale]]`
    Scale,
    /// `[[domain]]`
    Domain,
    /// `[[practice]]`
    Practice,
    /// `[[group]]`
    Group,
    /// `[[question]]`
    Question,
    /// `[[criterion]]`
    Criterion,
    /// `[[verdict]]`
    Verdict,
    /// `[[action]]`
    Action,
    /// `[[adjustment]]`
    Adjustment,
    /// `[[decision]]`
    Decision,
    /// `[[migration]]`
    Migration,
}

impl Section {
    /// All array sections, in file order.
    pub const ARRAYS: [Section; 12] = [
        Section::Source,
        Section::Scale,
        Section::Domain,
        Section::Practice,
        Section::Group,
        Section::Question,
        Section::Criterion,
        Section::Verdict,
        Section::Action,
        Section::Adjustment,
        Section::Decision,
        Section::Migration,
    ];

    /// The key of the section in a data file.
    pub fn key(self) -> &'static str {
        match self {
            Section::Framework => "framework",
            Section::Source => "source",
            Section::Scale => "scale",
            Section::Domain => "domain",
            Section::Practice => "practice",
            Section::Group => "group",
            Section::Question => "question",
            Section::Criterion => "criterion",
            Section::Verdict => "verdict",
            Section::Action => "action",
            Section::Adjustment => "adjustment",
            Section::Decision => "decision",
            Section::Migration => "migration",
        }
    }
}

impl FrameworkFile {
    /// How many items this file holds in an array section.
    pub fn len_of(&self, section: Section) -> usize {
        match section {
            Section::Framework => usize::from(self.framework.is_some()),
            Section::Source => self.sources.len(),
            Section::Scale => self.scales.len(),
            Section::Domain => self.domains.len(),
            Section::Practice => self.practices.len(),
            Section::Group => self.groups.len(),
            Section::Question => self.questions.len(),
            Section::Criterion => self.criteria.len(),
            Section::Verdict => self.verdicts.len(),
            Section::Action => self.actions.len(),
            Section::Adjustment => self.adjustments.len(),
            Section::Decision => self.decision.len(),
            Section::Migration => self.migrations.len(),
        }
    }
}

impl Framework {
    /// Merges the files of one version, in the order given. `None` when no file has `[framework]`
    /// metadata; when several have it, the first wins (a checker reports the others).
    pub fn merge(files: impl IntoIterator<Item = FrameworkFile>) -> Option<Framework> {
        let mut meta = None;
        let mut fw = FrameworkFile::default();
        for f in files {
            if meta.is_none() {
                meta = f.framework;
            }
            fw.sources.extend(f.sources);
            fw.scales.extend(f.scales);
            fw.domains.extend(f.domains);
            fw.practices.extend(f.practices);
            fw.groups.extend(f.groups);
            fw.questions.extend(f.questions);
            fw.criteria.extend(f.criteria);
            fw.verdicts.extend(f.verdicts);
            fw.actions.extend(f.actions);
            fw.adjustments.extend(f.adjustments);
            fw.decision.extend(f.decision);
            fw.migrations.extend(f.migrations);
        }
        Some(Framework {
            framework: meta?,
            sources: fw.sources,
            scales: fw.scales,
            domains: fw.domains,
            practices: fw.practices,
            groups: fw.groups,
            questions: fw.questions,
            criteria: fw.criteria,
            verdicts: fw.verdicts,
            actions: fw.actions,
            adjustments: fw.adjustments,
            decision: fw.decision,
            migrations: fw.migrations,
        })
    }

    /// `id@version`, e.g. `kwaliteitskader@2024.1`.
    pub fn key(&self) -> String {
        format!("{}@{}", self.framework.id, self.framework.version)
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
    /// The domain with this id.
    pub fn domain(&self, id: &str) -> Option<&Domain> {
        self.domains.iter().find(|d| d.id == id)
    }
    /// The practice with this id.
    pub fn practice(&self, id: &str) -> Option<&Practice> {
        self.practices.iter().find(|p| p.id == id)
    }
    /// The scale with this id.
    pub fn scale(&self, id: &str) -> Option<&Scale> {
        self.scales.iter().find(|s| s.id == id)
    }
    /// The criterion with this id.
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }
    /// The verdict with this id.
    pub fn verdict(&self, id: &str) -> Option<&Verdict> {
        self.verdicts.iter().find(|v| v.id == id)
    }
    /// The action with this id.
    pub fn action(&self, id: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.id == id)
    }
    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
    /// The adjustment reason with this id.
    pub fn adjustment(&self, id: &str) -> Option<&AdjustmentReason> {
        self.adjustments.iter().find(|a| a.id == id)
    }

    /// The choices a choice or multi question offers, resolved (own choices, then those taken from
    /// the domains, practices or a scale).
    pub fn choices_of<'a>(&'a self, q: &'a Question) -> Vec<ResolvedChoice<'a>> {
        let mut out: Vec<ResolvedChoice<'a>> = Vec::new();
        if let Some(scale) = q.scale.as_deref().and_then(|s| self.scale(s)) {
            out.extend(scale.levels.iter().map(|l| ResolvedChoice {
                id: &l.id,
                label: &l.label,
                help: l.description.as_ref(),
            }));
        }
        for from in &q.choices_from {
            match from {
                ChoiceSource::Domains => out.extend(self.domains.iter().map(|d| ResolvedChoice {
                    id: &d.id,
                    label: &d.label,
                    help: d.description.as_ref(),
                })),
                ChoiceSource::Practices => out.extend(self.practices.iter().map(|p| ResolvedChoice {
                    id: &p.id,
                    label: &p.label,
                    help: p.description.as_ref(),
                })),
            }
        }
        out.extend(q.choices.iter().map(|c| ResolvedChoice {
            id: &c.id,
            label: &c.label,
            help: c.help.as_ref(),
        }));
        out
    }
}

/// A choice of a question after resolving `choices-from` and `scale`.
#[derive(Debug, Clone, Copy)]
pub struct ResolvedChoice<'a> {
    /// The choice id (the value written in an answers file).
    pub id: &'a str,
    /// Its label.
    pub label: &'a Text,
    /// Optional help text.
    pub help: Option<&'a Text>,
}

/// Metadata of a framework version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FrameworkMeta {
    /// Framework id, stable across versions (`kwaliteitskader`).
    pub id: String,
    /// Version (`2024.1`).
    pub version: String,
    /// Draft or released.
    pub status: Status,
    /// The data file format major version these files are written in.
    pub format: u32,
    /// Full title.
    pub title: Text,
    /// Short title for headings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<Text>,
    /// What the framework is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Date the framework was published (`YYYY-MM-DD`).
    pub published: String,
    /// Authors of the framework itself.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Who encoded this version as data, and how.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding_note: Option<Text>,
    /// The status of this encoding, shown at the top of every report: for an unofficial encoding,
    /// that it is not written or approved by the framework's owners.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<Text>,
    /// Provenance of the framework as a whole.
    pub provenance: Option<Provenance>,
}

/// A source that provenance refers to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Source {
    /// Id used in provenance references (`memo`, `S45`).
    pub id: String,
    /// What kind of source this is.
    pub kind: ProvenanceKind,
    /// Full citation.
    pub citation: String,
    /// Where it can be read, if public.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// An ordered scale, e.g. the recognition levels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Scale {
    /// Scale id (`recognition`).
    pub id: String,
    /// Label.
    pub label: Text,
    /// What the scale measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// How many ranks an expired level loses (0 when levels never expire).
    #[serde(default)]
    pub expiry_penalty: i64,
    /// Levels, lowest first.
    #[serde(rename = "level")]
    pub levels: Vec<ScaleLevel>,
    /// Provenance.
    pub provenance: Option<Provenance>,
}

/// One level of a scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ScaleLevel {
    /// Level id.
    pub id: String,
    /// Label.
    pub label: Text,
    /// What the level means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Rank; levels are listed lowest first, ranks never decrease.
    pub rank: i64,
    /// For how many full calendar years after the year it was granted the level stays valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_years: Option<i64>,
}

/// A risk domain: a point of application for interventions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Domain {
    /// Domain id.
    pub id: String,
    /// Label.
    pub label: Text,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Example risk factors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk_factors: Option<FactorList>,
    /// Example protective factors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protective_factors: Option<FactorList>,
    /// Provenance of the domain itself.
    pub provenance: Option<Provenance>,
}

/// A list of factors with its own provenance (often different from the domain's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FactorList {
    /// The factors.
    pub items: Vec<Text>,
    /// Provenance of the list.
    pub provenance: Option<Provenance>,
}

/// How strongly a practice is known to go wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum HarmClass {
    /// Evidence of adverse effects.
    Harmful,
    /// Plausible adverse effects, named by the framework.
    RiskOfHarm,
    /// Evidence of no effect.
    Ineffective,
    /// Effect not shown.
    Unproven,
}

impl HarmClass {
    /// All harm classes, most serious first.
    pub const ALL: [HarmClass; 4] = [
        HarmClass::Harmful,
        HarmClass::RiskOfHarm,
        HarmClass::Ineffective,
        HarmClass::Unproven,
    ];

    /// The id as written in data files and expressions.
    pub fn id(self) -> &'static str {
        match self {
            HarmClass::Harmful => "harmful",
            HarmClass::RiskOfHarm => "risk-of-harm",
            HarmClass::Ineffective => "ineffective",
            HarmClass::Unproven => "unproven",
        }
    }

    /// Parses an id.
    pub fn from_id(id: &str) -> Option<HarmClass> {
        HarmClass::ALL.into_iter().find(|h| h.id() == id)
    }
}

/// A practice with a known risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Practice {
    /// Practice id (also a choice of the questions that take `choices-from = ["practices"]`).
    pub id: String,
    /// Short label.
    pub label: Text,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Harm class.
    pub harm: HarmClass,
    /// What to do when an intervention uses it.
    pub advice: Text,
    /// Provenance.
    pub provenance: Option<Provenance>,
}

/// A group of questions, for questionnaires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct QuestionGroup {
    /// Group id.
    pub id: String,
    /// Label.
    pub label: Text,
    /// Introduction shown above the group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

/// The type of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionType {
    /// Yes or no.
    Bool,
    /// A whole number within `min..=max`.
    Int,
    /// One choice id.
    Choice,
    /// A set of choice ids.
    Multi,
    /// Free text, never used by rules.
    Text,
}

impl QuestionType {
    /// The id as written in data files.
    pub fn id(self) -> &'static str {
        match self {
            QuestionType::Bool => "bool",
            QuestionType::Int => "int",
            QuestionType::Choice => "choice",
            QuestionType::Multi => "multi",
            QuestionType::Text => "text",
        }
    }
}

/// Where a choice question takes (some of) its choices from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ChoiceSource {
    /// Every domain id.
    Domains,
    /// Every practice id.
    Practices,
}

/// A question an assessment takes an answer to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Question {
    /// Question id: the key in an answers file.
    pub id: String,
    /// Answer type.
    #[serde(rename = "type")]
    pub kind: QuestionType,
    /// The group it belongs to in a questionnaire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The question as asked.
    pub label: Text,
    /// A short name for the question, used where an answer is quoted ("Onderdelen: Politieles").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_label: Option<Text>,
    /// Help text: what is meant, how to answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// Smallest allowed value (int).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    /// Largest allowed value (int).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// Unit of an int answer (years, months, euros).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    /// A scale whose levels are the choices (choice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
    /// For a scale question: the int question that holds the year the level was granted; levels
    /// with `valid-years` expire after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub granted_year: Option<String>,
    /// Other sections whose ids are choices too (choice, multi).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices_from: Vec<ChoiceSource>,
    /// Own choices (choice, multi).
    #[serde(default, rename = "choice", skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
    /// Provenance.
    pub provenance: Option<Provenance>,
}

/// A choice of a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Choice {
    /// Choice id (the value in an answers file).
    pub id: String,
    /// Label.
    pub label: Text,
    /// Help text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
}

/// The outcome of a criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// The criterion is met.
    Met,
    /// Partly met.
    Partly,
    /// Not met.
    NotMet,
    /// The answers do not settle it yet.
    Unknown,
    /// Does not apply to this intervention.
    NotApplicable,
}

impl Outcome {
    /// All outcomes.
    pub const ALL: [Outcome; 5] = [
        Outcome::Met,
        Outcome::Partly,
        Outcome::NotMet,
        Outcome::Unknown,
        Outcome::NotApplicable,
    ];

    /// The id as written in data files and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Outcome::Met => "met",
            Outcome::Partly => "partly",
            Outcome::NotMet => "not-met",
            Outcome::Unknown => "unknown",
            Outcome::NotApplicable => "not-applicable",
        }
    }

    /// A label in the given language.
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            Outcome::Met => lang.pick("voldoet", "met"),
            Outcome::Partly => lang.pick("deels", "partly"),
            Outcome::NotMet => lang.pick("voldoet niet", "not met"),
            Outcome::Unknown => lang.pick("onbekend", "unknown"),
            Outcome::NotApplicable => lang.pick("n.v.t.", "n/a"),
        }
    }
}

/// A quality criterion: ordered cases, the first that holds gives the outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Criterion {
    /// Criterion id.
    pub id: String,
    /// Label.
    pub label: Text,
    /// What the criterion checks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Ordered cases; the last must have no `when` (catch-all).
    #[serde(rename = "case")]
    pub cases: Vec<Case>,
    /// Provenance.
    pub provenance: Option<Provenance>,
}

/// One case of a criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Case {
    /// The outcome when this case holds.
    pub outcome: Outcome,
    /// Condition in the rule language; absent means always.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// Why, in words, shown with the outcome.
    pub explain: Text,
}

/// A verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Verdict {
    /// Verdict id.
    pub id: String,
    /// Label.
    pub label: Text,
    /// What it means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Order of merit among verdicts in scope (higher is better); absent for a verdict outside the
    /// order such as "out of scope". Used for sorting and for the monotonicity checks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merit: Option<i64>,
    /// Provenance.
    pub provenance: Option<Provenance>,
}

/// An action advised to the funder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Action {
    /// Action id.
    pub id: String,
    /// Label.
    pub label: Text,
    /// What it asks of the funder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Provenance.
    pub provenance: Option<Provenance>,
}

/// An adjustment reason: when it holds, the report gives its advice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AdjustmentReason {
    /// Reason id.
    pub id: String,
    /// Short label.
    pub label: Text,
    /// Condition in the rule language.
    pub when: String,
    /// Concrete advice.
    pub advice: Text,
    /// Items of the framework listed after the advice, chosen by the intervention's answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<AdviceList>,
    /// Provenance.
    pub provenance: Option<Provenance>,
}

/// Items an advice lists for the intervention at hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AdviceList {
    /// The protective factors of the risk domains the intervention works on (the answer to the
    /// question whose choices come from the domains); of every domain when none is given.
    ProtectiveFactors,
    /// The risk factors of those domains.
    RiskFactors,
}

/// One rule of the decision: when it holds (and no earlier rule did) it gives the verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DecisionRule {
    /// Stable id of the rule (`harmful-practice`), so that diffs and traces name rules by id and
    /// inserting a rule renumbers nothing. Either every rule of a version has one or none has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// A short name of the rule for people ("Schadelijke werkwijze").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
    /// The verdict.
    pub verdict: String,
    /// Condition; absent on the final catch-all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// The action, when it is always the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// Ordered action cases, when the action depends on more (the last without `when`).
    #[serde(default, rename = "actions", skip_serializing_if = "Vec::is_empty")]
    pub action_cases: Vec<ActionCase>,
    /// Whether the report lists the adjustment reasons that hold as advice.
    #[serde(default = "yes")]
    pub advise: bool,
    /// Why, in words.
    pub explain: Text,
    /// Provenance.
    pub provenance: Option<Provenance>,
}

fn yes() -> bool {
    true
}

impl DecisionRule {
    /// The rule's path in traces and diffs: `decision.<id>` when it has an id, else
    /// `decision[<index>]`.
    pub fn path(&self, index: usize) -> String {
        match &self.id {
            Some(id) => format!("decision.{id}"),
            None => format!("decision[{index}]"),
        }
    }
}

/// An action case of a decision rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ActionCase {
    /// The action.
    pub action: String,
    /// Condition; absent on the last case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// Why, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<Text>,
}

/// How the answers given under an earlier version of the same framework carry over to this one.
///
/// Every question id that also exists in this version carries over unchanged unless a
/// [`QuestionMigration`] says otherwise; an answer to a question this version no longer has is
/// dropped and reported, never silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Migration {
    /// The earlier version of the same framework (`2024.1`).
    pub from: String,
    /// What changed, for the people whose answers are migrated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Questions whose answers do not simply carry over.
    #[serde(default, rename = "question", skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<QuestionMigration>,
    /// Provenance.
    pub provenance: Option<Provenance>,
}

/// What happens to the answer to one question of the earlier version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct QuestionMigration {
    /// The question id in the earlier version.
    pub id: String,
    /// Its id in this version, when it was renamed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rename_to: Option<String>,
    /// Drop the answer: the question must be answered again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ask_again: bool,
    /// Choice ids renamed in this version (old id = new id).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub rename_choices: std::collections::BTreeMap<String, String>,
    /// Choice ids this version no longer has: removed from the answer, and the question must be
    /// answered again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drop_choices: Vec<String>,
    /// Choice ids whose definition this version narrows: kept, but the answer must be checked
    /// against the new definition.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub check_choices: Vec<String>,
    /// Why, in words, shown to the person whose answers are migrated.
    pub reason: Text,
}
