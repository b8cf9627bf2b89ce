//! The peer: the same 2024.1 decision expressed in zen-engine (GoRules JSON Decision Model).
//!
//! The rules live in `crates/bench/peer/kwaliteitskader-2024.1.jdm.json`: a graph of four nodes,
//! `recognition` (decision table: the recognition scale's ranks, validity and expiry penalty),
//! `derive` (expressions: whether the recognition has expired and the lowest and highest rank it
//! can count for, all three-valued with `null` for unknown), `adjustments` (decision table, hit
//! policy *collect*: one row per way an adjustment reason can hold) and `decision` (decision table,
//! hit policy *first*: one row per way a decision rule and action case can hold, in rule order).
//!
//! Three-valued logic is encoded the way a decision-table author would: every question is in the
//! input, `null` when unanswered, and every cell is written so that `null` never makes it pass.
//! A rule's disjunction becomes several rows, a negated yes/no question becomes a cell `false`,
//! `unknown(q)` becomes a cell `null`. Nothing is precomputed in Rust: the input is the answers as
//! JSON (question ids with `_` for `-`) plus the assessment year.

use kader_core::{AnswerValue, Answers, Date, Framework};
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use zen_engine::model::DecisionContent;
use zen_engine::{Decision, Variable};

/// The peer's rules, as shipped.
pub const JDM: &str = include_str!("../peer/kwaliteitskader-2024.1.jdm.json");

/// The smallest useful JDM graph: input, a decision table with one column and one row that always
/// matches, output. Its evaluation time is the engine's floor for one evaluation, whatever the
/// rules (used to show how much of the peer's time the 2024.1 rules themselves take).
pub const FLOOR_JDM: &str = r#"{"nodes": [
  {"id": "input", "name": "Input", "type": "inputNode", "content": {}},
  {"id": "t", "name": "Floor", "type": "decisionTableNode", "content": {
    "hitPolicy": "first",
    "inputs": [{"id": "i", "name": "Aim", "field": "crime_prevention_aim"}],
    "outputs": [{"id": "o", "name": "Verdict", "field": "verdict"}],
    "rules": [{"_id": "r", "i": "", "o": "\"x\""}]}},
  {"id": "output", "name": "Output", "type": "outputNode", "content": {}}],
 "edges": [
  {"id": "e1", "sourceId": "input", "targetId": "t", "type": "edge"},
  {"id": "e2", "sourceId": "t", "targetId": "output", "type": "edge"}]}"#;

/// The peer engine's name, as printed in the figures.
pub const NAME: &str = "zen-engine";

/// What the peer decided.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PeerDecision {
    /// Verdict id.
    pub verdict: String,
    /// Action id.
    pub action: String,
    /// Ids of the adjustment reasons that hold.
    pub adjustments: BTreeSet<String>,
}

/// The peer, ready to evaluate: the compiled JDM decision and a single-threaded tokio runtime
/// to drive zen-engine's async API.
#[derive(Debug)]
pub struct Peer {
    decision: Decision,
    runtime: tokio::runtime::Runtime,
    keys: Vec<(String, String)>,
}

/// What went wrong in the peer.
#[derive(Debug)]
pub struct PeerError(pub String);

impl std::fmt::Display for PeerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PeerError {}

impl Peer {
    /// Parses and compiles the shipped JDM for the questions of `fw`.
    pub fn new(fw: &Framework) -> Result<Peer, PeerError> {
        Peer::from_jdm(fw, JDM)
    }

    /// Parses and compiles a JDM graph.
    pub fn from_jdm(fw: &Framework, jdm: &str) -> Result<Peer, PeerError> {
        let content: DecisionContent = serde_json::from_str(jdm).map_err(|e| PeerError(format!("JDM: {e}")))?;
        let graph = content
            .as_graph()
            .cloned()
            .ok_or_else(|| PeerError("JDM: expected a decision graph".into()))?;
        let mut decision = Decision::from(graph);
        decision.validate().map_err(|e| PeerError(format!("JDM: {e:?}")))?;
        // Precompile expressions and decision-table indexes, as zen-engine recommends for
        // repeated evaluation.
        decision.compile();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .map_err(|e| PeerError(format!("tokio: {e}")))?;
        let keys = fw
            .questions
            .iter()
            .map(|q| (q.id.clone(), q.id.replace('-', "_")))
            .collect();
        Ok(Peer {
            decision,
            runtime,
            keys,
        })
    }

    /// The peer's input: every question (`null` when unanswered) and the assessment year.
    pub fn input(&self, answers: &Answers, on: Date) -> Variable {
        Variable::from(self.input_json(answers, on))
    }

    /// The peer's input as JSON.
    pub fn input_json(&self, answers: &Answers, on: Date) -> Value {
        let mut m = Map::new();
        for (id, key) in &self.keys {
            let v = match answers.get(id) {
                None => Value::Null,
                Some(AnswerValue::Bool(b)) => Value::Bool(*b),
                Some(AnswerValue::Int(i)) => Value::from(*i),
                Some(AnswerValue::Str(s)) => Value::String(s.clone()),
                Some(AnswerValue::List(l)) => Value::Array(l.iter().map(|s| Value::String(s.clone())).collect()),
            };
            m.insert(key.clone(), v);
        }
        m.insert("on_year".into(), Value::from(on.year()));
        Value::Object(m)
    }

    /// Evaluates a prepared input and returns the raw result.
    pub fn evaluate(&self, input: Variable) -> Result<Variable, PeerError> {
        self.runtime
            .block_on(self.decision.evaluate(input))
            .map(|r| r.result)
            .map_err(|e| PeerError(format!("evaluation: {e:?}")))
    }

    /// Evaluates a prepared input into a decision.
    pub fn decide(&self, input: Variable) -> Result<PeerDecision, PeerError> {
        let out = self.evaluate(input)?;
        read(&out)
    }

    /// Converts answers and evaluates them.
    pub fn decide_answers(&self, answers: &Answers, on: Date) -> Result<PeerDecision, PeerError> {
        self.decide(self.input(answers, on))
    }
}

/// Reads verdict, action and the adjustment reasons out of the peer's result.
pub fn read(out: &Variable) -> Result<PeerDecision, PeerError> {
    let text = |key: &str| -> Result<String, PeerError> {
        out.dot(key)
            .and_then(|v| v.as_str().map(str::to_owned))
            .ok_or_else(|| PeerError(format!("result has no `{key}`: {}", out.to_value())))
    };
    let mut adjustments = BTreeSet::new();
    if let Some(list) = out.dot("adjustments").and_then(|v| v.as_array()) {
        for item in list.borrow().iter() {
            if let Some(r) = item.dot("reason").and_then(|v| v.as_str().map(str::to_owned)) {
                adjustments.insert(r);
            }
        }
    }
    Ok(PeerDecision {
        verdict: text("verdict")?,
        action: text("action")?,
        adjustments,
    })
}
