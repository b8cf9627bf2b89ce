//! What a form needs of a framework version: questions with resolved choices, groups, help texts,
//! domains, criteria, verdicts and actions, in both languages.

use kader_core::{Framework, Text};
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct FormView<'a> {
    id: &'a str,
    version: &'a str,
    status: kader_core::Status,
    digest: &'a str,
    title: &'a Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    notice: Option<&'a Text>,
    groups: Vec<Group<'a>>,
    questions: Vec<Question<'a>>,
    domains: Vec<Item<'a>>,
    practices: Vec<Item<'a>>,
    criteria: Vec<Item<'a>>,
    verdicts: Vec<Item<'a>>,
    actions: Vec<Item<'a>>,
}

#[derive(Debug, Serialize)]
struct Group<'a> {
    id: &'a str,
    label: &'a Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a Text>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
struct Question<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'a str>,
    label: &'a Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a Text>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    choices: Vec<Choice<'a>>,
}

#[derive(Debug, Serialize)]
struct Choice<'a> {
    id: &'a str,
    label: &'a Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a Text>,
}

#[derive(Debug, Serialize)]
struct Item<'a> {
    id: &'a str,
    label: &'a Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a Text>,
}

fn item<'a>(id: &'a str, label: &'a Text, description: Option<&'a Text>) -> Item<'a> {
    Item { id, label, description }
}

pub(crate) fn form_view<'a>(fw: &'a Framework, digest: &'a str) -> FormView<'a> {
    FormView {
        id: &fw.framework.id,
        version: &fw.framework.version,
        status: fw.framework.status,
        digest,
        title: &fw.framework.title,
        notice: fw.framework.notice.as_ref(),
        groups: fw
            .groups
            .iter()
            .map(|g| Group {
                id: &g.id,
                label: &g.label,
                description: g.description.as_ref(),
            })
            .collect(),
        questions: fw
            .questions
            .iter()
            .map(|q| Question {
                id: &q.id,
                kind: q.kind.id(),
                group: q.group.as_deref(),
                label: &q.label,
                help: q.help.as_ref(),
                min: q.min,
                max: q.max,
                unit: q.unit.as_ref(),
                choices: fw
                    .choices_of(q)
                    .into_iter()
                    .map(|c| Choice {
                        id: c.id,
                        label: c.label,
                        help: c.help,
                    })
                    .collect(),
            })
            .collect(),
        domains: fw
            .domains
            .iter()
            .map(|d| item(&d.id, &d.label, d.description.as_ref()))
            .collect(),
        practices: fw
            .practices
            .iter()
            .map(|d| item(&d.id, &d.label, d.description.as_ref()))
            .collect(),
        criteria: fw
            .criteria
            .iter()
            .map(|d| item(&d.id, &d.label, d.description.as_ref()))
            .collect(),
        verdicts: fw
            .verdicts
            .iter()
            .map(|d| item(&d.id, &d.label, d.description.as_ref()))
            .collect(),
        actions: fw
            .actions
            .iter()
            .map(|d| item(&d.id, &d.label, d.description.as_ref()))
            .collect(),
    }
}
