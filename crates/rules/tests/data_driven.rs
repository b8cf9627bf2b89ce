//! Evaluation follows the data: change a rule in a copy of the framework data and the outcome
//! changes with it, with no Rust change.

use kader_core::{AnswerValue, Answers, InterventionInfo, Lang};

fn answers() -> Answers {
    let mut a = Answers::new();
    a.insert("crime-prevention-aim".into(), AnswerValue::Bool(true));
    a.insert("age-min".into(), AnswerValue::Int(12));
    a.insert("age-max".into(), AnswerValue::Int(16));
    a.insert(
        "components".into(),
        AnswerValue::List(vec!["skills-training".into(), "boot-camp".into()]),
    );
    a.insert("theory-of-change".into(), AnswerValue::Str("described".into()));
    a
}

fn verdict_with(files: Vec<kader_data::SourceFile>) -> String {
    let loaded = kader_data::load_files(files).expect("loads");
    let c = loaded.compile().expect("compiles");
    let ans = answers();
    let dense = c.validate(&ans).expect("valid");
    let a = c.assess(
        &InterventionInfo::default(),
        &ans,
        &dense,
        "2026-11-28".parse().expect("date"),
        Lang::En,
    );
    a.verdict.id
}

#[test]
fn reclassifying_a_practice_in_the_data_changes_the_verdict() {
    let files = kader_data::embedded_files("kwaliteitskader", "2024.1").expect("embedded");
    assert_eq!(
        verdict_with(files.clone()),
        "ineffective",
        "a boot camp is `ineffective` in 2024.1"
    );

    // A researcher reclassifies boot camps as harmful: only the data changes.
    let mut edited = files.clone();
    let f = edited
        .iter_mut()
        .find(|f| f.text.contains("id = \"boot-camp\""))
        .expect("the practices file");
    let start = f.text.find("id = \"boot-camp\"").expect("boot-camp");
    let harm_at = start + f.text[start..].find("harm = \"ineffective\"").expect("its harm class");
    f.text
        .replace_range(harm_at..harm_at + "harm = \"ineffective\"".len(), "harm = \"harmful\"");
    assert_eq!(verdict_with(edited), "potentially-harmful");

    // Or changes the scope rule's age range: a 12-16 programme falls outside 18-27.
    let mut edited = files;
    let f = edited
        .iter_mut()
        .find(|f| f.text.contains("verdict = \"out-of-scope\""))
        .expect("the decision file");
    assert!(f.text.contains("age-max < 8"), "the scope rule compares age-max with 8");
    f.text = f.text.replacen("age-max < 8", "age-max < 18", 1);
    assert_eq!(verdict_with(edited), "out-of-scope");
}
