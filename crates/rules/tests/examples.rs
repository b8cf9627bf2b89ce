//! Every example intervention: its assessment JSON is snapshotted, and its verdict and action
//! match its `# Expected: <verdict> / <action>` line. Each example names the framework version it
//! is written for and is assessed with that version, so releasing a later version changes none of
//! these snapshots. (The expectations under earlier versions are kept as those versions' test
//! cases, `framework-data/<id>/<version>/cases/`.)

use kader_core::{Date, InterventionFile, Lang};
use std::path::Path;

const ON: &str = "2026-11-28";

fn compiled() -> kader_rules::Compiled {
    kader_data::get("kwaliteitskader", "2024.1")
        .expect("2024.1 loads")
        .compile()
        .expect("2024.1 compiles")
}

/// The version a file names.
fn compiled_for(file: &InterventionFile) -> kader_rules::Compiled {
    let key = file
        .framework
        .as_deref()
        .expect("every example names its framework version");
    kader_data::get_key(key)
        .unwrap_or_else(|e| panic!("{key}: {e}"))
        .compile()
        .expect("compiles")
}

fn expected(text: &str) -> (String, String) {
    let line = text
        .lines()
        .find(|l| l.starts_with("# Expected:"))
        .expect("a `# Expected: verdict / action` line");
    let rest = line.trim_start_matches("# Expected:").trim();
    let pair = rest.split(['—', '(']).next().unwrap_or(rest);
    let mut parts = pair.split('/').map(|s| s.trim().to_owned());
    (parts.next().unwrap_or_default(), parts.next().unwrap_or_default())
}

#[test]
fn examples_match_their_expected_verdict_and_snapshot() {
    let on: Date = ON.parse().expect("date");
    let mut verdicts = std::collections::BTreeSet::new();
    let mut actions = std::collections::BTreeSet::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/interventions");
    let mut count = 0;
    insta::glob!(&root, "*.toml", |path| {
        let text = std::fs::read_to_string(path).expect("read");
        let file: InterventionFile = toml::from_str(&text).expect("example parses");
        let c = compiled_for(&file);
        let dense = c
            .validate(&file.answers)
            .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        let a = c.assess(&file.intervention, &file.answers, &dense, on, Lang::Nl);
        let (v, act) = expected(&text);
        assert_eq!(
            (a.verdict.id.as_str(), a.action.id.as_str()),
            (v.as_str(), act.as_str()),
            "{}",
            path.display()
        );
        verdicts.insert(a.verdict.id.clone());
        actions.insert(a.action.id.clone());
        count += 1;
        insta::assert_json_snapshot!(a);
    });
    assert!(count >= 12, "at least 12 examples, found {count}");
    assert_eq!(verdicts.len(), 6, "every verdict is reached: {verdicts:?}");
    assert_eq!(actions.len(), 5, "every action is reached: {actions:?}");
}

#[test]
fn english_assessment_has_english_labels() {
    let c = compiled();
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/interventions/gevangenisbezoek-afschrikking.toml");
    let file: InterventionFile = toml::from_str(&std::fs::read_to_string(root).expect("read")).expect("parse");
    let dense = c.validate(&file.answers).expect("valid");
    let a = c.assess(
        &file.intervention,
        &file.answers,
        &dense,
        ON.parse().expect("date"),
        Lang::En,
    );
    assert_eq!(a.verdict.id, "potentially-harmful");
    assert_ne!(
        a.verdict.label,
        c.framework()
            .verdict("potentially-harmful")
            .and_then(|v| v.label.nl.clone())
            .unwrap_or_default()
    );
    assert!(a.flags.iter().any(|f| f.practice == "deterrence"));
}
