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
    let o = kader(&["framework", "show", "kwaliteitskader@2024.1", "--lang", "en", "--rules"]);
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

/// The kebab-case ids of the questions, choices, verdicts, actions, practices and criteria of a
/// framework, read from its JSON.
fn kebab_ids(framework: &serde_json::Value) -> Vec<String> {
    let mut ids = Vec::new();
    let list = |key: &str| framework[key].as_array().cloned().unwrap_or_default();
    for key in ["question", "verdict", "action", "practice", "criterion", "domain"] {
        for item in list(key) {
            ids.extend(item["id"].as_str().map(str::to_owned));
            for choice in item["choice"].as_array().cloned().unwrap_or_default() {
                ids.extend(choice["id"].as_str().map(str::to_owned));
            }
        }
    }
    for scale in list("scale") {
        for level in scale["level"].as_array().cloned().unwrap_or_default() {
            ids.extend(level["id"].as_str().map(str::to_owned));
        }
    }
    ids.retain(|id| id.contains('-'));
    ids
}

/// Whether `id` occurs in `text` as a word of its own (not inside a longer id or word).
fn has_word(text: &str, id: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    text.match_indices(id).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + id.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

/// The text without its web addresses.
fn without_urls(text: &str) -> String {
    text.split_whitespace()
        .filter(|w| !w.contains("http://") && !w.contains("https://"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn framework_show_markdown_nl() {
    let o = kader(&["framework", "show", "kwaliteitskader@2024.1", "--format", "markdown"]);
    assert!(o.status.success(), "{}", stderr(&o));
    insta::assert_snapshot!("framework-show-markdown-nl", stdout(&o));
}

#[test]
fn framework_show_names_things_in_words_not_ids() {
    let o = kader(&["framework", "show", "kwaliteitskader@2024.1", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let fw: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("the framework as JSON");
    assert_eq!(fw["framework"]["version"], "2024.1");
    let ids = kebab_ids(&fw);
    assert!(ids.len() > 30, "ids read from the framework: {ids:?}");
    for format in ["text", "markdown"] {
        let o = kader(&["framework", "show", "kwaliteitskader@2024.1", "--format", format]);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = without_urls(&stdout(&o));
        let found: Vec<&String> = ids.iter().filter(|id| has_word(&out, id)).collect();
        assert!(found.is_empty(), "{format}: ids in the output: {found:?}");
        // The provenance kinds are named in words, never by their internal names.
        for line in stdout(&o).lines().filter(|l| l.contains("Gebaseerd op")) {
            let lower = line.to_lowercase();
            assert!(!lower.contains("memo") && !lower.contains("kamerbrief"), "{line}");
        }
    }
    // For authors, the ids and conditions are there.
    let o = kader(&[
        "framework",
        "show",
        "kwaliteitskader@2024.1",
        "--format",
        "markdown",
        "--rules",
    ]);
    let out = stdout(&o);
    assert!(ids.iter().all(|id| has_word(&out, id)), "--rules shows every id");
    assert!(out.contains("`not crime-prevention-aim or age-max < 8 or age-min > 27`"));
}

#[test]
fn framework_show_footnotes_resolve_to_one_source_each() {
    let o = kader(&[
        "framework",
        "show",
        "kwaliteitskader@2024.1",
        "--format",
        "markdown",
        "--lang",
        "en",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = stdout(&o);
    let (body, sources) = md.split_once("\n## Sources\n").expect("a sources section");
    let entries: Vec<usize> = sources
        .lines()
        .filter_map(|l| l.split_once(". ").and_then(|(n, _)| n.parse().ok()))
        .collect();
    assert_eq!(
        entries,
        (1..=entries.len()).collect::<Vec<_>>(),
        "entries numbered 1..N"
    );
    // Every footnote in the text: "[n]" or "[n, locator]".
    let mut first_seen: Vec<usize> = Vec::new();
    for piece in body.split('[').skip(1) {
        let digits: String = piece.chars().take_while(char::is_ascii_digit).collect();
        let Ok(n) = digits.parse::<usize>() else { continue };
        if !piece[digits.len()..].starts_with([']', ',']) {
            continue;
        }
        assert!(entries.contains(&n), "footnote [{n}] has a source");
        if !first_seen.contains(&n) {
            first_seen.push(n);
        }
    }
    assert!(!first_seen.is_empty());
    assert_eq!(
        first_seen,
        (1..=first_seen.len()).collect::<Vec<_>>(),
        "numbered in order of first citation"
    );
    let o = kader(&["framework", "show", "kwaliteitskader@2024.1", "--format", "html"]);
    let html = stdout(&o);
    for n in &entries {
        assert_eq!(
            html.matches(&format!("id=\"bron-{n}\"")).count(),
            1,
            "one anchor for source {n}"
        );
    }
    assert!(html.contains("href=\"#bron-1\""));
}

#[test]
fn framework_show_every_version_on_disk_in_every_format() {
    // Drafts being written may not load; they must still never crash the renderer.
    let base = root().join("framework-data/kwaliteitskader");
    for e in std::fs::read_dir(&base).expect("framework-data").flatten() {
        let dir = e.path().display().to_string();
        for format in ["text", "markdown", "html", "json"] {
            for lang in ["nl", "en"] {
                let o = kader(&["framework", "show", &dir, "--format", format, "--lang", lang]);
                assert!(
                    matches!(o.status.code(), Some(0 | 1)),
                    "{dir} {format} {lang}: {}",
                    stderr(&o)
                );
                if o.status.success() {
                    assert!(!stdout(&o).is_empty());
                }
            }
        }
    }
}
