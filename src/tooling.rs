//! The researchers' release tooling: `framework test`, the case part of `framework check`,
//! `framework release` and `migrate`.

use crate::EXIT_PROBLEMS;
use crate::cli::{CliError, CliResult, load_framework};
use kader_core::Lang;
use kader_data::cases::{self, CaseResult, Report};
use kader_data::{FileDiagnostic, Loaded};
use kader_rules::Compiled;
use std::io::Write;
use std::path::{Path, PathBuf};

pub(crate) fn print_diagnostics(d: &[FileDiagnostic], lang: Lang) {
    let mut err = std::io::stderr().lock();
    for x in d {
        let _ = writeln!(err, "{}", x.render(lang));
    }
}

fn compile(loaded: &Loaded) -> Result<Compiled, CliError> {
    loaded.compile().map_err(|e| CliError::problems(e.to_string()))
}

/// The case files of a version: `DIR/cases/` for a folder, the embedded ones for `ID@VERSION`.
fn case_files(loaded: &Loaded, spec: &str) -> Result<Vec<kader_data::SourceFile>, CliError> {
    if Path::new(spec).is_dir() {
        cases::read_dir(spec).map_err(|e| CliError::problems(e.to_string()))
    } else {
        let meta = &loaded.framework.framework;
        Ok(cases::embedded(&meta.id, &meta.version))
    }
}

/// The diagnostics of a version's case files (parse errors, unknown ids, invalid answers), for
/// `framework check`.
pub(crate) fn check_cases(loaded: &Loaded, spec: &str, lang: Lang) -> Result<(usize, Vec<FileDiagnostic>), CliError> {
    let files = case_files(loaded, spec)?;
    let compiled = compile(loaded)?;
    let (_, problems) = cases::load(&files, loaded, &compiled, lang);
    Ok((files.len(), problems))
}

/// One line per disagreement: `file: what: expected X, found Y (decided by rule "label")`.
fn disagreement_lines(r: &CaseResult, loaded: &Loaded, lang: Lang) -> Vec<String> {
    let decided = r.rule.map(|i| cases::rule_name(&loaded.framework, i, lang));
    r.disagreements
        .iter()
        .map(|d| {
            let what = match (d.what.as_str(), lang) {
                ("verdict", Lang::Nl) => "oordeel".to_owned(),
                ("action", Lang::Nl) => "actie".to_owned(),
                ("rule", Lang::Nl) => "beslisregel".to_owned(),
                ("advice", Lang::Nl) => "advies".to_owned(),
                ("provisional", Lang::Nl) => "voorlopig".to_owned(),
                ("answers", Lang::Nl) => "antwoorden".to_owned(),
                ("rule", Lang::En) => "decision rule".to_owned(),
                (w, Lang::Nl) => w.replacen("criteria.", "criterium ", 1),
                (w, Lang::En) => w.replacen("criteria.", "criterion ", 1),
            };
            let mut line = match lang {
                Lang::Nl => format!("{}: {what}: verwacht {}, gekregen {}", r.file, d.expected, d.found),
                Lang::En => format!("{}: {what}: expected {}, found {}", r.file, d.expected, d.found),
            };
            if let Some(rule) = &decided {
                line.push_str(&format!(" ({} {rule})", lang.pick("beslist door", "decided by")));
            }
            line
        })
        .collect()
}

fn summary(report: &Report, lang: Lang) -> String {
    match lang {
        Lang::Nl => format!(
            "{} gevallen: {} geslaagd, {} mislukt",
            report.total(),
            report.passed(),
            report.failed()
        ),
        Lang::En => format!(
            "{} cases: {} passed, {} failed",
            report.total(),
            report.passed(),
            report.failed()
        ),
    }
}

/// Runs every case of a loaded version; prints disagreements and the summary. Returns whether all
/// passed.
fn run_cases(loaded: &Loaded, spec: &str, lang: Lang) -> Result<bool, CliError> {
    let files = case_files(loaded, spec)?;
    let compiled = compile(loaded)?;
    let report = cases::run_all(&files, loaded, &compiled, lang);
    print_diagnostics(&report.problems, lang);
    let mut out = std::io::stdout().lock();
    for r in &report.results {
        for line in disagreement_lines(r, loaded, lang) {
            let _ = writeln!(out, "{line}");
        }
    }
    let _ = writeln!(out, "{}", summary(&report, lang));
    Ok(report.failed() == 0)
}

/// `kader framework test ID@VERSION|DIR`.
pub(crate) fn framework_test(spec: &str, lang: Lang) -> CliResult {
    let loaded = load_framework(spec, lang)?;
    Ok(if run_cases(&loaded, spec, lang)? {
        0
    } else {
        EXIT_PROBLEMS
    })
}

/// `kader framework release DIR [--lock FILE]`.
pub(crate) fn framework_release(dir: &Path, lock: Option<&Path>, lang: Lang) -> CliResult {
    if !dir.is_dir() {
        return Err(CliError::usage(format!(
            "{}: {}",
            dir.display(),
            lang.pick(
                "geen map; geef de map van de conceptversie",
                "not a folder; give the draft version's folder"
            )
        )));
    }
    let lock_path = lock.map_or_else(|| kader_data::release::default_lock(dir), Path::to_path_buf);
    // The folder is read against the lock it would be released into: a released folder listed
    // there loads (and is refused below as not a draft), one not listed fails as unlocked.
    let lock_text = match std::fs::read_to_string(&lock_path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(CliError::problems(format!("{}: {e}", lock_path.display()))),
    };
    let loaded = match kader_data::load_dir_with_lock(dir, &kader_data::Lock::parse(&lock_text)) {
        Ok(l) => l,
        Err(kader_data::LoadError::Invalid(d)) => {
            print_diagnostics(&d, lang);
            return Err(CliError::problems(format!(
                "{}: {}",
                dir.display(),
                lang.pick(
                    "de versie heeft fouten; niets vrijgegeven",
                    "the version has errors; nothing released"
                )
            )));
        }
        Err(kader_data::LoadError::Lock(kader_data::LockError::StatusDraft { key })) => {
            return Err(CliError::problems(format!(
                "{}: {} {key}; {}",
                lock_path.display(),
                lang.pick("noemt al", "lists already"),
                lang.pick("een versie wordt één keer vrijgegeven", "a version is released once")
            )));
        }
        Err(e) => return Err(CliError::problems(e.to_string())),
    };
    if loaded.framework.framework.status != kader_core::Status::Draft {
        return Err(CliError::problems(format!(
            "{}: {}",
            loaded.key(),
            lang.pick(
                "is al vrijgegeven (`status = \"released\"`); alleen een concept (`status = \"draft\"`) kan worden vrijgegeven",
                "is released already (`status = \"released\"`); only a draft (`status = \"draft\"`) can be released"
            )
        )));
    }
    let spec = dir.display().to_string();
    let (_, case_problems) = check_cases(&loaded, &spec, lang)?;
    // Warnings are shown (they are usually mistakes) but do not stop a release; errors in the
    // version stopped it above, errors in the cases stop it here.
    print_diagnostics(&loaded.warnings, lang);
    if !case_problems.is_empty() {
        print_diagnostics(&case_problems, lang);
        return Err(CliError::problems(format!(
            "{}: {} {}",
            loaded.key(),
            case_problems.len(),
            lang.pick(
                "fout(en) in de testgevallen; los ze op voor het vrijgeven, niets vrijgegeven",
                "error(s) in the test cases; fix them before releasing, nothing released"
            )
        )));
    }
    if !run_cases(&loaded, &spec, lang)? {
        return Err(CliError::problems(format!(
            "{}: {}",
            loaded.key(),
            lang.pick(
                "niet elk testgeval slaagt; niets vrijgegeven",
                "not every test case passes; nothing released"
            )
        )));
    }
    let released =
        kader_data::release::release(&loaded, dir, &lock_path).map_err(|e| CliError::problems(e.to_string()))?;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{}: {} \"released\"",
        released.file.display(),
        lang.pick("status gezet op", "status set to")
    );
    let _ = writeln!(out, "{}: {}", released.lock.display(), released.line);
    let _ = writeln!(
        out,
        "{} {}",
        released.key,
        lang.pick(
            "is vrijgegeven. Voer `cargo test --workspace` uit en commit de map en het slot.",
            "is released. Run `cargo test --workspace` and commit the folder and the lock."
        )
    );
    Ok(0)
}

/// `kader migrate FILE... --to ID@VERSION|DIR [--output DIR]`.
pub(crate) fn migrate(files: &[PathBuf], to: &str, output: Option<&Path>, lang: Lang) -> CliResult {
    let target = load_framework(to, lang)?;
    let default = kader_data::default_key();
    if output.is_none() && files.len() > 1 {
        return Err(CliError::usage(
            lang.pick(
                "meer dan één bestand: geef --output MAP",
                "more than one file: give --output DIR",
            )
            .to_owned(),
        ));
    }
    if let Some(dir) = output
        && !dir.is_dir()
    {
        return Err(CliError::usage(format!(
            "--output {}: {}",
            dir.display(),
            lang.pick("is geen bestaande map", "is not an existing folder")
        )));
    }
    let mut problems = false;
    for path in files {
        let input = match crate::cli::read_input(path, lang) {
            Ok(i) => i,
            Err(d) => {
                print_diagnostics(&d, lang);
                problems = true;
                continue;
            }
        };
        let from = input.file.framework.clone().unwrap_or_else(|| default.clone());
        let (file, migrated) = match kader_data::migrate::migrate_file(&input.file, &default, &target.framework) {
            Ok(x) => x,
            Err(e) => {
                let _ = writeln!(std::io::stderr(), "{}: {}", input.path, e.message(lang));
                problems = true;
                continue;
            }
        };
        let mut text = kader_data::migrate::comment_block(&migrated.notes, &target.framework, &from, lang);
        match to_toml(&file, &target.framework) {
            Ok(body) => text.push_str(&body),
            Err(e) => {
                let _ = writeln!(std::io::stderr(), "{}: {e}", input.path);
                problems = true;
                continue;
            }
        }
        {
            let mut err = std::io::stderr().lock();
            for line in kader_data::migrate::note_lines(&migrated.notes, &target.framework, lang) {
                let _ = writeln!(err, "{}: {line}", input.path);
            }
        }
        match output {
            None => {
                print!("{text}");
            }
            Some(dir) => {
                let name = path
                    .file_name()
                    .map(PathBuf::from)
                    .unwrap_or_else(|| "migrated.toml".into());
                let mut dest = dir.join(name);
                if dest.extension().is_some_and(|e| e == "json") {
                    dest.set_extension("toml");
                }
                if dest.exists() {
                    let _ = writeln!(
                        std::io::stderr(),
                        "{}: {}",
                        dest.display(),
                        lang.pick("bestaat al; niet overschreven", "exists already; not overwritten")
                    );
                    problems = true;
                    continue;
                }
                if let Err(e) = kader_data::release::write_new(&dest, &text) {
                    let _ = writeln!(std::io::stderr(), "{}: {e}", dest.display());
                    problems = true;
                    continue;
                }
                println!("{}", dest.display());
            }
        }
    }
    Ok(if problems { EXIT_PROBLEMS } else { 0 })
}

/// An intervention file as TOML, its answers in the order of the framework's questions.
fn to_toml(file: &kader_core::InterventionFile, fw: &kader_core::Framework) -> Result<String, toml::ser::Error> {
    let head = kader_core::InterventionFile {
        answers: Default::default(),
        ..file.clone()
    };
    let mut s = toml::to_string(&head)?;
    // `answers` is empty here; write it in question order (ids the framework does not know, which
    // a migration never leaves, come last).
    while s.ends_with("\n\n") {
        s.pop();
    }
    let s = s.replace("\n[answers]\n", "\n");
    let mut s = s.trim_end().to_owned();
    s.push_str("\n\n[answers]\n");
    let order = |k: &str| fw.questions.iter().position(|q| q.id == k).unwrap_or(usize::MAX);
    let mut keys: Vec<&String> = file.answers.keys().collect();
    keys.sort_by_key(|k| order(k));
    for k in keys {
        if let Some(v) = file.answers.get(k) {
            let value = toml::Value::try_from(v)?;
            s.push_str(&format!("{k} = {value}\n"));
        }
    }
    Ok(s)
}
