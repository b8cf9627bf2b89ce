//! Loading drafts from disk, the release lock, and the messages for malformed files.

use kader_data::{LoadError, LockError, SourceFile};
use std::fs;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal")
}

/// Copies the minimal fixture to a temporary folder, applying `edit` to one file.
fn draft(file: &str, mut edit: impl FnMut(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in fs::read_dir(fixture()).expect("fixture") {
        let p = entry.expect("entry").path();
        let name = p.file_name().expect("name").to_string_lossy().into_owned();
        let mut text = fs::read_to_string(&p).expect("read");
        if name == file {
            text = edit(text);
        }
        fs::write(dir.path().join(&name), text).expect("write");
    }
    dir
}

/// The diagnostics of a failed load, with the temporary folder replaced by `<draft>`.
fn errors(dir: &tempfile::TempDir) -> String {
    match kader_data::load_dir(dir.path()) {
        Ok(_) => panic!("expected the draft to be rejected"),
        Err(e) => e.to_string().replace(&dir.path().display().to_string(), "<draft>"),
    }
}

#[test]
fn a_draft_in_a_temporary_folder_loads_through_load_dir() {
    let dir = draft("", |t| t);
    let loaded = kader_data::load_dir(dir.path()).expect("draft loads");
    assert_eq!(loaded.key(), "mini@0.1");
    assert_eq!(loaded.framework.framework.status, kader_core::Status::Draft);
    assert!(loaded.digest.starts_with("sha256:"));
    let compiled = loaded.compile().expect("compiles");
    let mut answers = kader_core::Answers::new();
    answers.insert("aim".into(), kader_core::AnswerValue::Bool(true));
    answers.insert("level".into(), kader_core::AnswerValue::Str("high".into()));
    let dense = compiled.validate(&answers).expect("valid");
    let on = "2026-01-01".parse().expect("date");
    let d = compiled.decide(&dense, on);
    assert_eq!(compiled.framework().verdicts[d.verdict].id, "good");
    // A draft is not in the lock and that is fine.
    assert!(kader_data::lock().verify(&loaded).is_ok());
}

#[test]
fn syntax_error() {
    let dir = draft("content.toml", |t| t.replacen("id = \"aim\"", "id = \"aim", 1));
    insta::assert_snapshot!(errors(&dir));
}

#[test]
fn unknown_key() {
    let dir = draft("content.toml", |t| {
        t.replacen("type = \"bool\"", "type = \"bool\"\ncolour = \"red\"", 1)
    });
    insta::assert_snapshot!(errors(&dir));
}

#[test]
fn wrong_type() {
    let dir = draft("content.toml", |t| t.replacen("merit = 1", "merit = \"high\"", 1));
    insta::assert_snapshot!(errors(&dir));
}

#[test]
fn duplicate_ids() {
    let dir = draft("content.toml", |t| t.replacen("id = \"level\"", "id = \"aim\"", 1));
    insta::assert_snapshot!(errors(&dir));
}

#[test]
fn dangling_references() {
    let dir = draft("content.toml", |t| {
        t.replacen("group = \"basics\"", "group = \"basis\"", 1)
            .replacen("level == high", "level == highest", 1)
            .replacen("verdict = \"bad\"", "verdict = \"bda\"", 1)
            .replacen("sources = [\"test:1\"]", "sources = [\"tset:1\"]", 1)
    });
    insta::assert_snapshot!(errors(&dir));
}

#[test]
fn texts_missing_a_language() {
    let dir = draft("content.toml", |t| {
        t.replacen(
            "label = { nl = \"Laag\", en = \"Low\" }",
            "label = { nl = \"Laag\" }",
            1,
        )
        .replacen(
            "explain = { nl = \"Anders.\", en = \"Otherwise.\" }",
            "explain = { en = \"Otherwise.\" }",
            1,
        )
    });
    insta::assert_snapshot!(errors(&dir));
}

#[test]
fn items_missing_provenance() {
    let dir = draft("content.toml", |t| {
        t.replacen("label = { nl = \"Goed\", en = \"Good\" }\nmerit = 1\nprovenance = { kind = \"editorial\", sources = [\"test\"] }", "label = { nl = \"Goed\", en = \"Good\" }\nmerit = 1", 1)
            .replacen("label = { nl = \"Is er een doel?\", en = \"Is there an aim?\" }\nprovenance = { kind = \"editorial\", sources = [\"test\"] }", "label = { nl = \"Is er een doel?\", en = \"Is there an aim?\" }", 1)
    });
    insta::assert_snapshot!(errors(&dir));
}

#[test]
fn type_errors_in_conditions() {
    let dir = draft("content.toml", |t| {
        t.replacen("when = \"aim\"", "when = \"level > 3 or aim == yes\"", 1)
            .replacen(
                "when = \"aim and level == high\"",
                "when = \"aim and (level == high\"",
                1,
            )
    });
    insta::assert_snapshot!(errors(&dir));
}

#[test]
fn decision_without_catch_all() {
    let dir = draft("content.toml", |t| {
        t.replacen(
            "verdict = \"bad\"\naction = \"drop\"",
            "verdict = \"bad\"\nwhen = \"not aim\"\naction = \"drop\"",
            1,
        )
    });
    insta::assert_snapshot!(errors(&dir));
}

#[test]
fn one_changed_byte_in_a_released_version_fails_the_digest_check() {
    let mut files: Vec<SourceFile> =
        kader_data::embedded_files("kwaliteitskader", "2024.1").expect("2024.1 is embedded");
    let original = kader_data::load_files(files.clone()).expect("loads");
    assert!(
        kader_data::lock().verify(&original).is_ok(),
        "the shipped data matches the lock"
    );
    // Change one byte: a letter in a comment, which changes no meaning at all.
    let f = files
        .iter_mut()
        .find(|f| f.text.contains('#'))
        .expect("a file with a comment");
    let at = f.text.find('#').expect("comment") + 2;
    let mut bytes = f.text.clone().into_bytes();
    bytes[at] = if bytes[at] == b'x' { b'y' } else { b'x' };
    f.text = String::from_utf8(bytes).expect("still UTF-8");
    let changed = kader_data::load_files(files).expect("still a valid framework");
    match kader_data::lock().verify(&changed) {
        Err(LockError::DigestMismatch { key, locked, actual }) => {
            assert_eq!(key, "kwaliteitskader@2024.1");
            assert_ne!(locked, actual);
        }
        other => panic!("expected a digest mismatch, got {other:?}"),
    }
}

#[test]
fn every_embedded_released_version_matches_the_lock() {
    for v in kader_data::versions() {
        let loaded = kader_data::get(&v.id, &v.version);
        assert!(loaded.is_ok(), "{}@{}: {:?}", v.id, v.version, loaded.err());
    }
    let lock = kader_data::lock();
    assert!(!lock.entries.is_empty());
    assert!(
        lock.malformed.is_empty(),
        "malformed lines in framework-data/RELEASED: {:?}",
        lock.malformed
    );
    for (id, version, _) in &lock.entries {
        assert!(
            kader_data::versions()
                .iter()
                .any(|v| &v.id == id && &v.version == version),
            "the lock names {id}@{version}, which is not in framework-data/"
        );
    }
}

#[test]
fn unknown_versions_are_named() {
    match kader_data::get("kwaliteitskader", "1999.9") {
        Err(LoadError::NotFound { wanted, available }) => {
            assert_eq!(wanted, "kwaliteitskader@1999.9");
            assert!(available.contains(&"kwaliteitskader@2024.1".to_owned()));
        }
        other => panic!("{other:?}"),
    }
    assert!(kader_data::latest("nope").is_err());
    assert!(matches!(
        kader_data::load_dir("/nonexistent/kader"),
        Err(LoadError::Io { .. })
    ));
}

#[test]
fn a_released_folder_on_disk_must_match_the_lock() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../framework-data/kwaliteitskader/2024.1");
    assert!(
        kader_data::load_dir(&src).is_ok(),
        "the shipped folder matches the lock"
    );
    let dir = tempfile::tempdir().expect("tmp");
    for e in fs::read_dir(&src)
        .expect("dir")
        .flatten()
        .filter(|e| e.path().is_file())
    {
        let mut text = fs::read_to_string(e.path()).expect("read");
        if e.file_name() == "domains.toml" {
            text.push_str("\n# a comment added after release\n");
        }
        fs::write(dir.path().join(e.file_name()), text).expect("write");
    }
    assert!(matches!(
        kader_data::load_dir(dir.path()),
        Err(LoadError::Lock(LockError::DigestMismatch { .. }))
    ));
}

#[test]
fn every_item_with_a_structural_problem_is_reported_at_once() {
    let dir = draft("content.toml", |t| {
        t.replacen("type = \"bool\"", "type = \"boolean\"", 1)
            .replacen("merit = 1", "merit = \"high\"", 1)
            .replacen("id = \"keep\"", "id = \"keep\"\nicon = \"x\"", 1)
            .replacen("[[group]]", "[[groups]]\nid = \"x\"\n\n[[group]]", 1)
    });
    insta::assert_snapshot!(errors(&dir));
}

#[test]
fn every_syntax_error_is_reported_at_once() {
    let dir = draft("content.toml", |t| {
        t.replacen("id = \"aim\"", "id = \"aim", 1)
            .replacen("id = \"good\"", "id = good", 1)
    });
    let text = errors(&dir);
    assert!(text.matches("content.toml:").count() >= 2, "{text}");
}
