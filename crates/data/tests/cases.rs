//! Test cases of framework versions (`cases/*.toml`), rule ids in the diff, and answer migration.

use kader_core::{AnswerValue, Answers, Lang, Migration, Provenance, ProvenanceKind, QuestionMigration, Text};
use kader_data::SourceFile;
use kader_data::cases;
use kader_data::migrate::{self, MigrateError, NoteKind};

fn v2024_1() -> kader_data::Loaded {
    kader_data::get("kwaliteitskader", "2024.1").expect("2024.1 loads")
}

fn case_file(text: &str) -> SourceFile {
    SourceFile {
        path: "cases/x.toml".into(),
        name: "x.toml".into(),
        text: text.into(),
    }
}

const HEAD: &str =
    "framework = \"kwaliteitskader@2024.1\"\n[intervention]\nname = \"X\"\n[answers]\ncrime-prevention-aim = false\n";

#[test]
fn every_embedded_case_of_2024_1_passes_and_the_digest_ignores_them() {
    let loaded = v2024_1();
    let compiled = loaded.compile().expect("compiles");
    let files = cases::embedded("kwaliteitskader", "2024.1");
    assert_eq!(files.len(), 28, "one case per example");
    let report = cases::run_all(&files, &loaded, &compiled, Lang::En);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!((report.total(), report.passed(), report.failed()), (28, 28, 0));
    // The digest covers the top-level files only: the lock still matches.
    assert_eq!(
        kader_data::lock().digest_of("kwaliteitskader", "2024.1"),
        Some(loaded.digest.as_str())
    );
}

#[test]
fn a_case_checks_verdict_action_rule_criteria_advice_and_provisional() {
    let loaded = v2024_1();
    let compiled = loaded.compile().expect("compiles");
    let ok = format!(
        "{HEAD}[case]\non = \"2026-11-28\"\nverdict = \"out-of-scope\"\naction = \"not-applicable\"\nrule = \"decision[0]\"\ncriteria = {{ scope = \"not-met\" }}\nadvice = []\nprovisional = false\n"
    );
    let case = cases::parse(&case_file(&ok)).expect("parses");
    assert!(cases::check(&case, &loaded, &compiled, Lang::En).is_empty());
    assert!(cases::run(&case, &loaded, &compiled, Lang::En).passed());

    let wrong = ok
        .replace("verdict = \"out-of-scope\"", "verdict = \"promising\"")
        .replace("rule = \"decision[0]\"", "rule = \"decision[4]\"");
    let case = cases::parse(&case_file(&wrong)).expect("parses");
    let result = cases::run(&case, &loaded, &compiled, Lang::En);
    let what: Vec<(&str, &str, &str)> = result
        .disagreements
        .iter()
        .map(|d| (d.what.as_str(), d.expected.as_str(), d.found.as_str()))
        .collect();
    assert_eq!(
        what,
        [
            ("verdict", "promising", "out-of-scope"),
            ("rule", "decision[4]", "decision[0]")
        ]
    );
    assert_eq!(result.rule, Some(0));
    assert_eq!(
        cases::rule_name(&loaded.framework, 0, Lang::En),
        "decision[0] \"Decision rule 1\""
    );
}

#[test]
fn case_files_are_read_with_positions() {
    let text = format!("{HEAD}[case]\non = \"2026-11-31\"\nverdict = 3\ncolour = \"red\"\n");
    let problems = cases::parse(&case_file(&text)).expect_err("problems");
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "cases/x.toml:6:2: error: `case`: missing key `action`; `[case]` needs on, verdict and action",
            "cases/x.toml:7:6: error: `case.on`: expected a date as YYYY-MM-DD, found `2026-11-31`",
            "cases/x.toml:8:11: error: `case.verdict`: expected a string, found an integer",
            "cases/x.toml:9:1: error: `case.colour`: unknown key `colour`; expected one of: on, about, verdict, action, rule, criteria, advice, provisional",
        ]
    );
    let problems = cases::parse(&case_file(HEAD)).expect_err("no [case]");
    assert!(problems[0].message.contains("expected a `[case]` table"));
    let problems = cases::parse(&case_file("[intervention]\nnam = \"x\"\n[case]\n")).expect_err("bad");
    assert!(
        problems
            .iter()
            .any(|d| d.line == 2 && d.message.contains("unknown field `nam`"))
    );
}

#[test]
fn unknown_ids_in_a_case_are_diagnostics() {
    let loaded = v2024_1();
    let compiled = loaded.compile().expect("compiles");
    let text = format!(
        "{HEAD}[case]\non = \"2026-11-28\"\nverdict = \"great\"\naction = \"stop\"\nrule = \"harmful-practice\"\ncriteria = {{ bogus = \"met\", scope = \"fine\" }}\nadvice = [\"nope\"]\n"
    );
    let case = cases::parse(&case_file(&text)).expect("parses");
    let keys: Vec<String> = cases::check(&case, &loaded, &compiled, Lang::En)
        .into_iter()
        .map(|d| d.key)
        .collect();
    assert_eq!(
        keys,
        [
            "case.verdict",
            "case.rule",
            "case.criteria.bogus",
            "case.criteria.scope",
            "case.advice[0]"
        ]
    );
}

#[test]
fn diff_compares_rules_by_id_when_both_versions_have_ids() {
    let mut a = v2024_1().framework;
    for (i, d) in a.decision.iter_mut().enumerate() {
        d.id = Some(format!("rule-{i}"));
    }
    let mut b = a.clone();
    let mut inserted = b.decision[1].clone();
    inserted.id = Some("new-rule".into());
    inserted.when = Some("crime-prevention-aim".into());
    b.decision.insert(1, inserted);
    let changes = kader_data::diff::diff(&a, &b);
    let decision: Vec<(String, String)> = changes
        .iter()
        .filter(|c| c.area == "decision")
        .map(|c| (c.id.clone(), c.what.clone()))
        .collect();
    assert_eq!(
        decision,
        [(
            "decision.new-rule".to_owned(),
            "added (verdict potentially-harmful, after rule-0)".to_owned()
        )]
    );
    // Without ids (2024.1 as it is), by position: the insertion shows up at every later index.
    let mut c = v2024_1().framework;
    let extra = c.decision[1].clone();
    c.decision.insert(1, extra);
    let by_position = kader_data::diff::diff(&v2024_1().framework, &c);
    assert!(by_position.iter().any(|c| c.id == "decision[2]"));
}

/// 2024.1 without the practice `credible-messenger`, with a migration from 2024.1.
fn target(questions: Vec<QuestionMigration>) -> kader_core::Framework {
    let mut fw = v2024_1().framework;
    fw.framework.version = "2024.1-migrated".into();
    fw.framework.status = kader_core::Status::Draft;
    fw.practices.retain(|p| p.id != "credible-messenger");
    fw.migrations.push(Migration {
        from: "2024.1".into(),
        description: None,
        questions,
        provenance: Some(Provenance {
            kind: ProvenanceKind::Editorial,
            sources: vec!["memo:4.4".into()],
            note: None,
        }),
    });
    assert!(
        kader_rules::check(&fw)
            .iter()
            .all(|d| d.severity != kader_rules::Severity::Error),
        "{:?}",
        kader_rules::check(&fw)
    );
    fw
}

fn qm(id: &str) -> QuestionMigration {
    QuestionMigration {
        id: id.into(),
        rename_to: None,
        ask_again: false,
        rename_choices: Default::default(),
        drop_choices: Vec::new(),
        check_choices: Vec::new(),
        reason: Text::new("reden", "reason"),
    }
}

fn list(items: &[&str]) -> AnswerValue {
    AnswerValue::List(items.iter().map(|s| (*s).to_owned()).collect())
}

#[test]
fn migration_keeps_drops_and_marks_answers() {
    let fw = target(vec![
        QuestionMigration {
            drop_choices: vec!["credible-messenger".into()],
            check_choices: vec!["mentoring".into()],
            ..qm("components")
        },
        QuestionMigration {
            ask_again: true,
            ..qm("intensity")
        },
    ]);
    let mut answers = Answers::new();
    answers.insert("components".into(), list(&["credible-messenger", "mentoring"]));
    answers.insert("intensity".into(), AnswerValue::Str("high".into()));
    answers.insert("age-min".into(), AnswerValue::Int(12));
    answers.insert("age-max".into(), AnswerValue::Int(500));
    answers.insert("no-such-question".into(), AnswerValue::Bool(true));
    let m = migrate::migrate_answers(&answers, "2024.1", &fw).expect("a path");
    assert_eq!(m.answers.get("components"), Some(&list(&["mentoring"])));
    assert_eq!(m.answers.get("age-min"), Some(&AnswerValue::Int(12)));
    assert!(!m.answers.contains_key("intensity") && !m.answers.contains_key("age-max"));
    assert!(!m.answers.contains_key("no-such-question"));
    let notes: Vec<(&str, NoteKind)> = m.notes.iter().map(|n| (n.question.as_str(), n.kind)).collect();
    assert_eq!(
        notes,
        [
            ("components", NoteKind::AskAgain),
            ("intensity", NoteKind::AskAgain),
            ("no-such-question", NoteKind::Dropped),
            ("age-max", NoteKind::Dropped),
        ]
    );
    assert!(
        m.notes[0]
            .reason
            .get(Lang::En)
            .ends_with("(dropped: credible-messenger; check: mentoring)")
    );
    assert_eq!(m.path, ["2024.1", "2024.1-migrated"]);

    // A choice answer with a dropped choice is dropped as a whole.
    let fw = target(vec![QuestionMigration {
        rename_choices: [("high".to_owned(), "moderate".to_owned())].into(),
        ..qm("intensity")
    }]);
    let mut answers = Answers::new();
    answers.insert("intensity".into(), AnswerValue::Str("high".into()));
    let m = migrate::migrate_answers(&answers, "2024.1", &fw).expect("a path");
    assert_eq!(m.answers.get("intensity"), Some(&AnswerValue::Str("moderate".into())));
    assert!(m.notes.is_empty());
}

#[test]
fn no_migration_path_names_both_versions() {
    let fw = target(Vec::new());
    let err = migrate::migrate_answers(&Answers::new(), "2023.1", &fw).expect_err("no path");
    assert_eq!(
        err,
        MigrateError::NoPath {
            from: "kwaliteitskader@2023.1".into(),
            to: "kwaliteitskader@2024.1-migrated".into()
        }
    );
    assert!(
        err.message(Lang::Nl)
            .contains("geen migratie van kwaliteitskader@2023.1")
    );
}

#[test]
fn migrations_chain_through_the_embedded_versions() {
    // 2024.1 → 2024.2 (embedded, its own migration) → a later version that migrates from 2024.2.
    let Ok(v2) = kader_data::get("kwaliteitskader", "2024.2") else {
        return;
    };
    if !v2.framework.migrations.iter().any(|m| m.from == "2024.1") {
        return;
    }
    let mut later = v2.framework.clone();
    later.framework.version = "2024.9".into();
    later.migrations = vec![Migration {
        from: "2024.2".into(),
        description: None,
        questions: Vec::new(),
        provenance: v2.framework.migrations[0].provenance.clone(),
    }];
    let mut answers = Answers::new();
    answers.insert("components".into(), list(&["credible-messenger", "mentoring"]));
    let m = migrate::migrate_answers(&answers, "2024.1", &later).expect("a chain");
    assert_eq!(m.path, ["2024.1", "2024.2", "2024.9"]);
    assert_eq!(m.answers.get("components"), Some(&list(&["mentoring"])));
    assert_eq!(m.notes.len(), 1);
    assert_eq!(
        (m.notes[0].question.as_str(), m.notes[0].kind),
        ("components", NoteKind::AskAgain)
    );
    assert_eq!(m.notes[0].step, "2024.1 → 2024.2");
    assert!(migrate::has_path("2024.1", &later) && !migrate::has_path("2023.1", &later));
}
