//! The committed JSON Schemas are current, and every shipped file validates against them.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn committed_schemas_are_current() {
    let dir = root().join("framework-data/schema");
    let bless = std::env::var_os("KADER_BLESS").is_some();
    let mut stale = Vec::new();
    for (name, text) in kader_data::schema::schemas() {
        let path = dir.join(name);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != text {
            if bless {
                std::fs::create_dir_all(&dir).expect("schema dir");
                std::fs::write(&path, &text).expect("write schema");
            } else {
                stale.push(name);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale schemas {stale:?}: regenerate with `KADER_BLESS=1 cargo test -p kader-data --test schemas` or `cargo run -- framework schema --write framework-data/schema`, review and commit"
    );
}

fn validator(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("framework-data/schema").join(name)).expect("schema committed");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::meta::validate(&schema).expect("schema is a valid JSON Schema");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

/// Every `*.toml` under `dir`, except the test cases of a version (`<version>/cases/`), which are
/// intervention files (see `case_files_are_intervention_files`).
fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = e.path();
        if p.is_dir() && p.file_name().is_some_and(|n| n == "cases") {
            continue;
        }
        if p.is_dir() {
            out.extend(toml_files(&p));
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn check_all(schema: &str, files: Vec<PathBuf>) {
    let v = validator(schema);
    assert!(!files.is_empty());
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read");
        let mut value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        // A test case is an intervention file plus its `[case]` table.
        if let Some(t) = value.as_table_mut() {
            t.remove("case");
        }
        let json = serde_json::to_value(&value).expect("toml to json");
        let errors: Vec<String> = v
            .iter_errors(&json)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{} does not match {schema}:\n{}",
            f.display(),
            errors.join("\n")
        );
    }
}

#[test]
fn every_framework_file_validates_against_its_schema() {
    check_all("framework-file.schema.json", toml_files(&root().join("framework-data")));
}

#[test]
fn every_example_validates_against_the_intervention_schema() {
    check_all(
        "intervention.schema.json",
        toml_files(&root().join("examples/interventions")),
    );
}

#[test]
fn case_files_are_intervention_files() {
    let mut files = Vec::new();
    for id in std::fs::read_dir(root().join("framework-data")).expect("dir").flatten() {
        for version in std::fs::read_dir(id.path()).into_iter().flatten().flatten() {
            let cases = version.path().join("cases");
            if cases.is_dir() {
                files.extend(toml_files_in(&cases));
            }
        }
    }
    if !files.is_empty() {
        check_all("intervention.schema.json", files);
    }
}

fn toml_files_in(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    out.sort();
    out
}

#[test]
fn framework_files_point_editors_at_their_schema() {
    for f in toml_files(&root().join("framework-data")) {
        let text = std::fs::read_to_string(&f).expect("read");
        assert!(
            text.starts_with("#:schema ../../schema/framework-file.schema.json"),
            "{} should start with `#:schema ../../schema/framework-file.schema.json`",
            f.display()
        );
    }
}
