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
        .filter(|e| e.path().is_file())
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
        "tests/fixtures/revision-draft",
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
        "tests/fixtures/revision-draft",
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

/// Copies a version folder (with its `cases/`) to `dest`, applying `edit(file name, text)`.
fn copy_version(src: &Path, dest: &Path, edit: &dyn Fn(&str, String) -> String) {
    std::fs::create_dir_all(dest).expect("mkdir");
    for e in std::fs::read_dir(src).expect("dir").flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if e.path().is_dir() {
            copy_version(&e.path(), &dest.join(&name), edit);
        } else {
            let text = std::fs::read_to_string(e.path()).expect("read");
            std::fs::write(dest.join(&name), edit(&name, text)).expect("write");
        }
    }
}

#[test]
fn framework_test_runs_the_cases_and_names_each_disagreement() {
    let o = kader(&["framework", "test", "kwaliteitskader@2024.1", "--lang", "en"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(stdout(&o), "28 cases: 28 passed, 0 failed\n");
    let o = kader(&["framework", "check", "kwaliteitskader@2024.1", "--lang", "en"]);
    assert!(
        stdout(&o).contains("ok (no diagnostics, 28 test cases)"),
        "{}",
        stdout(&o)
    );

    // A copy where one case expects another verdict, and one case names an unknown criterion.
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("2024.1");
    copy_version(
        &root().join("framework-data/kwaliteitskader/2024.1"),
        &dir,
        &|name, text| match name {
            "taakspel.toml" => text.replace("verdict = \"proven-effective\"", "verdict = \"promising\""),
            "alles-kidzzz.toml" => text + "criteria = { bogus = \"met\" }\n",
            _ => text,
        },
    );
    let path = dir.display().to_string();
    let o = kader(&["framework", "test", &path, "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o).replace(&path, "<dir>");
    assert!(
        out.contains(
            "<dir>/cases/taakspel.toml: verdict: expected promising, found proven-effective (decided by decision[3] \"Decision rule 4\")"
        ),
        "{out}"
    );
    assert!(out.ends_with("28 cases: 26 passed, 2 failed\n"), "{out}");
    let err = stderr(&o).replace(&path, "<dir>");
    assert!(
        err.contains("<dir>/cases/alles-kidzzz.toml:")
            && err.contains("`case.criteria.bogus`: unknown criterion `bogus`"),
        "{err}"
    );
    // `framework check` reports the unknown id too (not the wrong verdict: that is for `test`).
    let o = kader(&["framework", "check", &path, "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("unknown criterion `bogus`"), "{}", stderr(&o));
}

#[test]
fn release_a_draft_copy_into_its_own_lock() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kwaliteitskader").join("2024.1-release-test");
    let draft = |_: &str, text: String| {
        text.replace("version = \"2024.1\"", "version = \"2024.1-release-test\"")
            .replace("status = \"released\"", "status = \"draft\"")
    };
    copy_version(&root().join("framework-data/kwaliteitskader/2024.1"), &dir, &draft);
    let lock = tmp.path().join("lock");
    std::fs::write(&lock, "# test lock\n").expect("write");
    let (d, l) = (dir.display().to_string(), lock.display().to_string());
    let o = kader(&["framework", "release", &d, "--lock", &l, "--lang", "en"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let framework_toml = std::fs::read_to_string(dir.join("framework.toml")).expect("read");
    assert!(framework_toml.contains("\nstatus = \"released\"\n") && !framework_toml.contains("\"draft\""));
    let lock_text = std::fs::read_to_string(&lock).expect("read");
    let line = lock_text.lines().last().expect("a line").to_owned();
    assert!(lock_text.starts_with("# test lock\n"));
    let loaded =
        kader_data::load_dir_with_lock(&dir, &kader_data::Lock::parse(&lock_text)).expect("released and locked");
    assert_eq!(line, format!("kwaliteitskader@2024.1-release-test {}", loaded.digest));
    let out = stdout(&o);
    assert!(out.contains("framework.toml: status set to \"released\""), "{out}");
    assert!(out.contains(&format!("{l}: {line}")), "{out}");
    // Nothing else in the folder: the temporary files were renamed away.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "{names:?}");
    // Releasing again is refused, and changes nothing.
    let o = kader(&["framework", "release", &d, "--lock", &l, "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("released already"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&lock).expect("read"), lock_text);

    // Without --lock: the lock next to the data (`DIR/../../RELEASED`), created when absent; a
    // released folder then checks clean against it, with this binary that does not embed it.
    let dir2 = tmp
        .path()
        .join("data")
        .join("kwaliteitskader")
        .join("2024.1-release-test");
    copy_version(&root().join("framework-data/kwaliteitskader/2024.1"), &dir2, &draft);
    let d2 = dir2.display().to_string();
    let o = kader(&["framework", "release", &d2, "--lang", "en"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let default_lock = std::fs::read_to_string(tmp.path().join("data").join("RELEASED")).expect("lock created");
    assert_eq!(default_lock, format!("{line}\n"));
    let o = kader(&["framework", "check", &d2, "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with(&format!("{line}: ok (no diagnostics, 28 test cases)")),
        "{}",
        stdout(&o)
    );

    // A draft of a version the lock lists already is refused.
    let dir3 = tmp.path().join("again").join("2024.1-release-test");
    copy_version(&root().join("framework-data/kwaliteitskader/2024.1"), &dir3, &draft);
    let o = kader(&[
        "framework",
        "release",
        &dir3.display().to_string(),
        "--lock",
        &l,
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("lists already kwaliteitskader@2024.1-release-test"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&lock).expect("read"), lock_text);

    // A draft whose case fails is not released: nothing is written.
    let dir = tmp.path().join("kwaliteitskader").join("2024.1-failing");
    copy_version(
        &root().join("framework-data/kwaliteitskader/2024.1"),
        &dir,
        &|name, text| {
            let text = draft(name, text).replace("2024.1-release-test", "2024.1-failing");
            if name == "taakspel.toml" {
                text.replace("action = \"continue\"", "action = \"stop\"")
            } else {
                text
            }
        },
    );
    let before = std::fs::read_to_string(dir.join("framework.toml")).expect("read");
    let o = kader(&[
        "framework",
        "release",
        &dir.display().to_string(),
        "--lock",
        &l,
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("28 cases: 27 passed, 1 failed"), "{}", stdout(&o));
    assert!(stderr(&o).contains("nothing released"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.join("framework.toml")).expect("read"),
        before
    );
    assert_eq!(std::fs::read_to_string(&lock).expect("read"), lock_text);
}

/// A copy of 2024.1 without the practice `credible-messenger`, with a migration from 2024.1 that
/// drops that choice of `components`.
fn migration_copy(tmp: &Path) -> PathBuf {
    let dir = tmp.join("kwaliteitskader").join("2024.1-migration-test");
    copy_version(
        &root().join("framework-data/kwaliteitskader/2024.1"),
        &dir,
        &|name, text| {
            let text = text
                .replace("version = \"2024.1\"", "version = \"2024.1-migration-test\"")
                .replace("status = \"released\"", "status = \"draft\"");
            if name == "practices.toml" {
                let start = text
                    .find("[[practice]]\nid = \"credible-messenger\"")
                    .expect("the practice");
                let end = text[start + 1..]
                    .find("[[practice]]")
                    .map_or(text.len(), |i| start + 1 + i);
                format!("{}{}", &text[..start], &text[end..])
            } else {
                text
            }
        },
    );
    std::fs::remove_dir_all(dir.join("cases")).expect("rm cases");
    std::fs::write(
        dir.join("migrations.toml"),
        r#"#:schema ../../schema/framework-file.schema.json
[[migration]]
from = "2024.1"
description = { nl = "Ervaringsdeskundige als werkwijze vervalt.", en = "Credible messenger is no longer a practice." }
provenance = { kind = "editorial", sources = ["memo:4.4"] }

[[migration.question]]
id = "components"
drop-choices = ["credible-messenger"]
reason = { nl = "De keuze 'ervaringsdeskundige' bestaat niet meer.", en = "The choice 'credible messenger' no longer exists." }
"#,
    )
    .expect("write");
    dir
}

#[test]
fn migrate_keeps_what_it_can_and_lists_what_to_answer_again() {
    let tmp = tempfile::tempdir().expect("tmp");
    let target = migration_copy(tmp.path());
    let t = target.display().to_string();
    let file = tmp.path().join("mentor.toml");
    std::fs::write(
        &file,
        "framework = \"kwaliteitskader@2024.1\"\n\n[intervention]\nname = \"Mentor\"\n\n[answers]\ncrime-prevention-aim = true\nage-min = 12\nage-max = 18\ncomponents = [\"credible-messenger\", \"mentoring\"]\n",
    )
    .expect("write");
    let f = file.display().to_string();
    let o = kader(&["migrate", &f, "--to", &t, "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("# Migrated from kwaliteitskader@2024.1 to kwaliteitskader@2024.1-migration-test"),
        "{out}"
    );
    assert!(
        out.contains("# - What does the intervention consist of? (components): answer again"),
        "{out}"
    );
    assert!(out.contains("no longer exists."), "{out}");
    assert!(
        out.contains("framework = \"kwaliteitskader@2024.1-migration-test\""),
        "{out}"
    );
    assert!(
        out.contains("components = [\"mentoring\"]\n") && out.contains("age-max = 18\n"),
        "{out}"
    );
    assert!(stderr(&o).contains("(components): answer again"), "{}", stderr(&o));
    // The migrated file is a valid intervention file for the new version.
    let out_dir = tmp.path().join("out");
    std::fs::create_dir(&out_dir).expect("mkdir");
    let od = out_dir.display().to_string();
    let o = kader(&["migrate", &f, "--to", &t, "--output", &od]);
    assert!(o.status.success(), "{}", stderr(&o));
    let written = out_dir.join("mentor.toml");
    let o = kader(&["assess", &written.display().to_string(), "--framework", &t, "--on", ON]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Never over an existing file.
    let o = kader(&["migrate", &f, "--to", &t, "--output", &od, "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("exists already"), "{}", stderr(&o));
    // No migration path: an error naming both versions.
    let o = kader(&[
        "migrate",
        &written.display().to_string(),
        "--to",
        "kwaliteitskader@2024.1",
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no migration from kwaliteitskader@2024.1-migration-test to kwaliteitskader@2024.1"),
        "{}",
        stderr(&o)
    );

    // reassess and portfolio assess the migrated answers and list the question.
    let o = kader(&[
        "reassess",
        "--from",
        "kwaliteitskader@2024.1",
        "--to",
        &t,
        &f,
        "--on",
        ON,
        "--lang",
        "en",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Answers migrated; answer again or check:"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("(components): answer again"), "{}", stdout(&o));
    let o = kader(&["portfolio", &f, "--framework", &t, "--on", ON, "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["migrated"][0]["notes"][0]["question"], "components");
    assert_eq!(v["migrated"][0]["notes"][0]["kind"], "ask-again");
    let o = kader(&["portfolio", &f, "--framework", &t, "--on", ON, "--lang", "en"]);
    assert!(stdout(&o).contains("(components): answer again"), "{}", stdout(&o));
}

#[test]
fn migrate_to_the_2024_2_folder_when_it_exists() {
    // The real 2024.2 (its `[[migration]] from = "2024.1"` splits `credible-messenger`). The folder
    // keeps working after release (it is then checked against framework-data/RELEASED).
    let target = root().join("framework-data/kwaliteitskader/2024.2");
    if !target.join("migrations.toml").is_file() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let file = tmp.path().join("mentor.toml");
    std::fs::write(
        &file,
        "framework = \"kwaliteitskader@2024.1\"\n\n[intervention]\nname = \"Mentor\"\n\n[answers]\ncrime-prevention-aim = true\ncomponents = [\"credible-messenger\", \"mentoring\"]\n",
    )
    .expect("write");
    let o = kader(&[
        "migrate",
        &file.display().to_string(),
        "--to",
        &target.display().to_string(),
        "--lang",
        "en",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("framework = \"kwaliteitskader@2024.2\""), "{out}");
    assert!(out.contains("components = [\"mentoring\"]\n"), "{out}");
    assert!(out.contains("(components): answer again"), "{out}");
    assert!(stderr(&o).contains("(components): answer again"), "{}", stderr(&o));
}
