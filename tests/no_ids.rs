//! Human reports speak in labels: no kebab-case id of a verdict, action, question or choice appears
//! in a Dutch text or Markdown report of any example or any version test case, and no rule path
//! such as `decision[` in either language. The ids are read from the framework, not hard-coded.
//! (English prose legitimately uses words such as "pre-post" or "school-based" that are also ids,
//! so the id check runs on the Dutch reports.)

use kader_core::{Date, InterventionFile, Lang};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Every input to try: the examples and every version's test cases.
fn inputs() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut push_dir = |dir: PathBuf| {
        if let Ok(rd) = std::fs::read_dir(&dir) {
            let mut files: Vec<PathBuf> = rd
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect();
            files.sort();
            out.extend(files);
        }
    };
    push_dir(root().join("examples/interventions"));
    for id in std::fs::read_dir(root().join("framework-data"))
        .expect("framework-data")
        .flatten()
    {
        if !id.path().is_dir() {
            continue;
        }
        for version in std::fs::read_dir(id.path()).expect("id folder").flatten() {
            push_dir(version.path().join("cases"));
        }
    }
    out
}

/// The file as an intervention file (a test case's `[case]` table set aside).
fn intervention(path: &Path) -> InterventionFile {
    let text = std::fs::read_to_string(path).expect("read");
    let mut value: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    value.remove("case");
    value.try_into().unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Kebab-case ids of verdicts, actions, questions and choices of a framework.
fn ids(fw: &kader_core::Framework) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    out.extend(fw.verdicts.iter().map(|v| v.id.clone()));
    out.extend(fw.actions.iter().map(|a| a.id.clone()));
    for q in &fw.questions {
        out.push(q.id.clone());
        out.extend(fw.choices_of(q).iter().map(|c| c.id.to_owned()));
    }
    out.retain(|id| id.contains('-'));
    out.sort();
    out.dedup();
    out
}

/// The text without URLs (a link may contain anything).
fn without_urls(s: &str) -> String {
    s.split_whitespace()
        .filter(|w| !w.contains("http://") && !w.contains("https://"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn no_ids_in_human_reports() {
    let on: Date = "2026-11-28".parse().expect("date");
    let mut checked = 0;
    let mut problems = Vec::new();
    for path in inputs() {
        let file = intervention(&path);
        let loaded = match file.framework.as_deref() {
            Some(key) => kader_data::get_key(key),
            None => kader_data::latest(kader_data::DEFAULT_FRAMEWORK),
        }
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let c = loaded.compile().expect("compiles");
        let ids = ids(c.framework());
        assert!(ids.len() > 20, "the ids come from the framework");
        let dense = c
            .validate(&file.answers)
            .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        for lang in [Lang::Nl, Lang::En] {
            let a = c.assess(&file.intervention, &file.answers, &dense, on, lang);
            for (format, report) in [
                ("text", kader_report::text(&a, false)),
                ("markdown", kader_report::markdown(&a)),
            ] {
                let report = without_urls(&report);
                let mut found: Vec<&str> = ids
                    .iter()
                    .filter(|_| lang == Lang::Nl)
                    .filter(|id| {
                        report.match_indices(id.as_str()).any(|(i, m)| {
                            // A whole word: not part of a longer hyphenated word.
                            let before = report[..i].chars().next_back();
                            let after = report[i + m.len()..].chars().next();
                            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
                            !word(before) && !word(after)
                        })
                    })
                    .map(String::as_str)
                    .collect();
                if report.contains("decision[") {
                    found.push("decision[");
                }
                if !found.is_empty() {
                    problems.push(format!("{} ({format}, {lang}): {found:?}", path.display()));
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 4 * 28, "examples and cases were checked: {checked}");
    assert!(problems.is_empty(), "ids in human reports:\n{}", problems.join("\n"));
}
