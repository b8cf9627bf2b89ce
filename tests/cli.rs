//! End-to-end tests of the `kader` binary on the examples and fixtures.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ON: &str = "2026-11-28";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn kader(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kader"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("the kader binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const EXAMPLES: [&str; 3] = [
    "examples/interventions/gevangenisbezoek-afschrikking.toml",
    "examples/interventions/pad-programma-alternatieve-denkstrategieen.toml",
    "examples/interventions/buurtaanpak-onvolledig.toml",
];

#[test]
fn assess_text_and_markdown_in_both_languages() {
    for file in EXAMPLES {
        let stem = Path::new(file)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        for lang in ["nl", "en"] {
            for format in ["text", "markdown"] {
                let o = kader(&["assess", file, "--on", ON, "--lang", lang, "--format", format]);
                assert!(o.status.success(), "{file}: {}", stderr(&o));
                insta::assert_snapshot!(format!("assess-{stem}-{format}-{lang}"), stdout(&o));
            }
        }
    }
}

#[test]
fn assess_json_is_the_assessment_contract() {
    let o = kader(&["assess", EXAMPLES[0], "--on", ON, "--format", "json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    for key in [
        "framework",
        "intervention",
        "verdict",
        "action",
        "criteria",
        "advice",
        "flags",
        "missing",
        "trace",
    ] {
        assert!(v.get(key).is_some(), "top-level key {key}");
    }
    assert_eq!(v["framework"]["id"], "kwaliteitskader");
    assert_eq!(v["verdict"]["id"], "potentially-harmful");
    assert_eq!(v["action"]["id"], "stop");
    assert!(
        v["framework"]["digest"]
            .as_str()
            .is_some_and(|d| d.starts_with("sha256:"))
    );
    // Deterministic: the same input gives byte-identical JSON.
    let again = kader(&["assess", EXAMPLES[0], "--on", ON, "--format", "json"]);
    assert_eq!(stdout(&o), stdout(&again));
}

#[test]
fn invalid_answers_exit_1_with_positions_in_the_chosen_language() {
    let dir = tempfile::tempdir().expect("tmp");
    let f = dir.path().join("bad.toml");
    std::fs::write(
        &f,
        "[intervention]\nname = \"Fout\"\n\n[answers]\nage-min = 200\nprevention-level = \"everyone\"\ncomponents = [\"mentoring\", \"magic\"]\nrisk-domain = []\n",
    )
    .expect("write");
    let path = f.display().to_string();
    for lang in ["nl", "en"] {
        // The messages (suggestions, bounds) are those of 2024.1, not of whatever version is newest.
        let o = kader(&[
            "assess",
            &path,
            "--framework",
            "kwaliteitskader@2024.1",
            "--on",
            ON,
            "--lang",
            lang,
        ]);
        assert_eq!(o.status.code(), Some(1));
        insta::assert_snapshot!(format!("invalid-answers-{lang}"), stderr(&o).replace(&path, "<file>"));
    }
    // A syntax error names line and column too.
    std::fs::write(&f, "[intervention]\nname = \"Fout\n").expect("write");
    let o = kader(&["assess", &path]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(&format!("{path}:2:")), "{}", stderr(&o));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(kader(&["assess"]).status.code(), Some(2));
    assert_eq!(
        kader(&["assess", EXAMPLES[0], "--on", "28-11-2026"]).status.code(),
        Some(2)
    );
    assert_eq!(
        kader(&["assess", EXAMPLES[0], "--framework", "kwaliteitskader@1999.1"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(kader(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn framework_list_show_and_schema() {
    let o = kader(&["framework", "list"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("kwaliteitskader@2024.1\tvrijgegeven\tsha256:"));
    let o = kader(&["framework", "show", "kwaliteitskader@2024.1", "--lang", "en"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("recognition-level"));
    let o = kader(&["framework", "schema", "assessment"]);
    let schema: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("schema JSON");
    assert!(schema.get("$schema").is_some());
}

#[test]
fn framework_check_reports_positions_and_exits_1() {
    let ok = kader(&["framework", "check", "framework-data/kwaliteitskader/2024.1"]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    let dir = tempfile::tempdir().expect("tmp");
    for e in std::fs::read_dir(root().join("framework-data/kwaliteitskader/2024.1"))
        .expect("dir")
        .flatten()
    {
        let mut text = std::fs::read_to_string(e.path()).expect("read");
        text = text.replacen("verdict = \"promising\"", "verdict = \"promsing\"", 1);
        text = text.replacen("risk-level == high", "risk-level == very-high", 1);
        std::fs::write(dir.path().join(e.file_name()), text).expect("write");
    }
    let path = dir.path().display().to_string();
    let o = kader(&["framework", "check", &path, "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(stderr(&o).replace(&path, "<draft>"));
}

#[test]
fn diff_and_reassess_with_the_fixture_revision() {
    let o = kader(&[
        "framework",
        "diff",
        "kwaliteitskader@2024.1",
        "tests/fixtures/kwaliteitskader-2024.2-draft",
        "--lang",
        "en",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    insta::assert_snapshot!("diff", stdout(&o));
    let o = kader(&[
        "reassess",
        "--from",
        "kwaliteitskader@2024.1",
        "--to",
        "tests/fixtures/kwaliteitskader-2024.2-draft",
        "tests/fixtures/interventions",
        "--on",
        ON,
        "--lang",
        "en",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    insta::assert_snapshot!("reassess", stdout(&o));
}

#[test]
fn portfolio_of_the_examples() {
    for format in ["text", "markdown"] {
        let o = kader(&["portfolio", "examples/interventions", "--on", ON, "--format", format]);
        assert!(o.status.success(), "{}", stderr(&o));
        insta::assert_snapshot!(format!("portfolio-{format}"), stdout(&o));
    }
    let o = kader(&[
        "portfolio",
        "examples/interventions",
        "--on",
        ON,
        "--format",
        "html",
        "--lang",
        "en",
    ]);
    let html = stdout(&o);
    assert!(html.starts_with("<!doctype html>") && html.contains("<svg") && !html.contains("<script"));
    let o = kader(&["portfolio", "examples/interventions", "--on", ON, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["total"], 28);
}

#[test]
fn scan_through_a_pseudo_terminal() {
    // python3's pty module gives the binary a real terminal; the script answers the questions,
    // interrupts, resumes, and checks the saved answers and the final verdict.
    let dir = tempfile::tempdir().expect("tmp");
    let o = Command::new("python3")
        .arg(root().join("tests/pty_scan.py"))
        .arg(env!("CARGO_BIN_EXE_kader"))
        .arg(dir.path())
        .output()
        .expect("python3 runs");
    assert!(o.status.success(), "stdout:\n{}\nstderr:\n{}", stdout(&o), stderr(&o));
}
