//! The subcommands.

use crate::{EXIT_PROBLEMS, EXIT_USAGE, FormatArg};
use kader_core::{Assessment, Date, InterventionFile, Lang};
use kader_data::{FileDiagnostic, Loaded};
use kader_rules::{Compiled, Severity};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// A failure of a subcommand: the message (already in the user's language) and the exit code.
#[derive(Debug)]
pub(crate) struct CliError {
    message: String,
    code: u8,
}

impl CliError {
    pub(crate) fn usage(message: String) -> CliError {
        CliError {
            message,
            code: EXIT_USAGE,
        }
    }
    pub(crate) fn problems(message: String) -> CliError {
        CliError {
            message,
            code: EXIT_PROBLEMS,
        }
    }
    pub(crate) fn code(&self) -> u8 {
        self.code
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

pub(crate) type CliResult = Result<u8, CliError>;

fn print_diagnostics(d: &[FileDiagnostic], lang: Lang) {
    let mut err = std::io::stderr().lock();
    for x in d {
        let _ = writeln!(err, "{}", x.render(lang));
    }
}

/// Today in UTC, from the system clock.
pub(crate) fn today() -> Date {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0);
    Date::from_days_since_epoch(i64::try_from(days).unwrap_or(0)).unwrap_or(Date::UNIX_EPOCH)
}

pub(crate) fn parse_on(on: Option<&str>, lang: Lang) -> Result<Date, CliError> {
    match on {
        None => Ok(today()),
        Some(s) => s.parse().map_err(|_| {
            CliError::usage(match lang {
                Lang::Nl => format!("--on: verwacht een datum als JJJJ-MM-DD, gevonden `{s}`"),
                Lang::En => format!("--on: expected a date as YYYY-MM-DD, found `{s}`"),
            })
        }),
    }
}

/// Loads a framework: a folder on disk (a draft), `id@version`, or `id` (latest released).
pub(crate) fn load_framework(spec: &str, lang: Lang) -> Result<Loaded, CliError> {
    let result = if Path::new(spec).is_dir() {
        kader_data::load_dir(spec)
    } else {
        kader_data::get_key(spec)
    };
    result.map_err(|e| match e {
        kader_data::LoadError::NotFound { .. } => CliError::usage(e.to_string()),
        other => {
            let head = lang.pick("het kader kan niet worden geladen", "the framework cannot be loaded");
            CliError::problems(format!("{head}: {other}"))
        }
    })
}

/// Framework cache keyed by spec, so a portfolio compiles each version once.
#[derive(Default)]
pub(crate) struct Frameworks {
    loaded: Vec<(String, Loaded, Compiled)>,
}

impl Frameworks {
    pub(crate) fn get(&mut self, spec: &str, lang: Lang) -> Result<(&Loaded, &Compiled), CliError> {
        self.get_with(spec, true, lang)
    }

    /// A framework already loaded, by id and version.
    pub(crate) fn find_loaded(&self, id: &str, version: &str) -> Option<&kader_core::Framework> {
        self.loaded
            .iter()
            .map(|(_, l, _)| &l.framework)
            .find(|f| f.framework.id == id && f.framework.version == version)
    }

    /// As [`Frameworks::get`]; `allow_dir` false takes `spec` as `id@version` only (for the
    /// `framework` value inside an intervention file, which must never name a folder).
    pub(crate) fn get_with(
        &mut self,
        spec: &str,
        allow_dir: bool,
        lang: Lang,
    ) -> Result<(&Loaded, &Compiled), CliError> {
        let cache_key = format!("{}{spec}", if allow_dir { "" } else { "key:" });
        if let Some(i) = self.loaded.iter().position(|(s, _, _)| *s == cache_key) {
            let (_, l, c) = &self.loaded[i];
            return Ok((l, c));
        }
        let loaded = if allow_dir {
            load_framework(spec, lang)?
        } else {
            kader_data::get_key(spec).map_err(|e| CliError::usage(e.to_string()))?
        };
        let compiled = loaded.compile().map_err(|e| CliError::problems(e.to_string()))?;
        self.loaded.push((cache_key, loaded, compiled));
        let (_, l, c) = &self.loaded[self.loaded.len() - 1];
        Ok((l, c))
    }
}

/// One intervention read from disk, validated.
pub(crate) struct Input {
    pub(crate) path: String,
    pub(crate) file: InterventionFile,
}

pub(crate) fn read_input(path: &Path, lang: Lang) -> Result<Input, Vec<FileDiagnostic>> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![FileDiagnostic {
            file: name.clone(),
            line: 1,
            column: 1,
            key: String::new(),
            severity: Severity::Error,
            message: match lang {
                Lang::Nl => format!("kan het bestand niet lezen: {e}"),
                Lang::En => format!("cannot read the file: {e}"),
            },
        }]
    })?;
    let file = kader_data::intervention::parse(&name, &text)?;
    Ok(Input { path: name, file })
}

/// Validates and assesses one input. The framework is `explicit` if given, else the file's own,
/// else the latest released version.
pub(crate) fn assess_input(
    input: &Input,
    explicit: Option<&str>,
    frameworks: &mut Frameworks,
    on: Date,
    lang: Lang,
) -> Result<Assessment, AssessFailure> {
    let default = kader_data::default_key();
    let (spec, allow_dir) = match (explicit, input.file.framework.as_deref()) {
        (Some(e), _) => (e.to_owned(), true),
        (None, Some(own)) => (own.to_owned(), false),
        (None, None) => (default, false),
    };
    let (_, compiled) = frameworks
        .get_with(&spec, allow_dir, lang)
        .map_err(AssessFailure::Fatal)?;
    let dense = compiled.validate(&input.file.answers).map_err(|errors| {
        let text = std::fs::read_to_string(&input.path).unwrap_or_default();
        AssessFailure::Invalid(kader_data::intervention::answer_diagnostics(
            &input.path,
            &text,
            &errors,
            lang,
        ))
    })?;
    Ok(compiled.assess(&input.file.intervention, &input.file.answers, &dense, on, lang))
}

/// Reads, validates and assesses every file, printing the problems of those that fail; calls
/// `each` with the others. Returns whether any file had problems.
pub(crate) fn assess_files(
    files: &[PathBuf],
    framework: Option<&str>,
    frameworks: &mut Frameworks,
    on: Date,
    lang: Lang,
    mut each: impl FnMut(usize, Input, Assessment, &Frameworks),
) -> Result<bool, CliError> {
    let mut problems = false;
    for (i, path) in files.iter().enumerate() {
        let input = match read_input(path, lang) {
            Ok(i) => i,
            Err(d) => {
                print_diagnostics(&d, lang);
                problems = true;
                continue;
            }
        };
        match assess_input(&input, framework, frameworks, on, lang) {
            Ok(a) => each(i, input, a, frameworks),
            Err(AssessFailure::Fatal(e)) => return Err(e),
            Err(AssessFailure::Invalid(d)) => {
                print_diagnostics(&d, lang);
                problems = true;
            }
        }
    }
    Ok(problems)
}

pub(crate) enum AssessFailure {
    Fatal(CliError),
    Invalid(Vec<FileDiagnostic>),
}

fn color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Whether human output shows ids beside names (`--ids`, for framework authors).
pub(crate) static SHOW_IDS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn report_options() -> kader_report::Options {
    kader_report::Options::new()
        .color(color())
        .ids(SHOW_IDS.load(std::sync::atomic::Ordering::Relaxed))
}

pub(crate) fn render(a: &Assessment, format: FormatArg) -> String {
    match format {
        FormatArg::Text => kader_report::text_with(a, report_options()),
        FormatArg::Json => {
            let mut s = serde_json::to_string_pretty(a).unwrap_or_default();
            s.push('\n');
            s
        }
        FormatArg::Markdown => kader_report::markdown_with(a, report_options().color(false)),
        FormatArg::Html => kader_report::html_with(a, report_options().color(false)),
    }
}

pub(crate) fn assess(
    files: &[PathBuf],
    framework: Option<&str>,
    format: FormatArg,
    on: Option<&str>,
    lang: Lang,
) -> CliResult {
    let on = parse_on(on, lang)?;
    if let Some(p) = files.iter().find(|p| !p.is_file()) {
        return Err(CliError::usage(format!(
            "{}: {}",
            p.display(),
            lang.pick("bestand bestaat niet", "no such file")
        )));
    }
    let mut frameworks = Frameworks::default();
    let mut out = std::io::stdout().lock();
    let mut assessments = Vec::new();
    let problems = assess_files(files, framework, &mut frameworks, on, lang, |i, _, a, _| {
        if format == FormatArg::Json {
            assessments.push(a);
        } else {
            if i > 0 {
                let _ = writeln!(out, "{}", if format == FormatArg::Text { "\n" } else { "\n---\n" });
            }
            let _ = write!(out, "{}", render(&a, format));
        }
    })?;
    if format == FormatArg::Json && !(files.len() == 1 && assessments.is_empty()) {
        // One file: the assessment object; several: an array (of those that could be assessed).
        let text = if files.len() == 1 && assessments.len() == 1 {
            serde_json::to_string_pretty(&assessments[0])
        } else {
            serde_json::to_string_pretty(&assessments)
        };
        let _ = writeln!(out, "{}", text.unwrap_or_default());
    }
    Ok(if problems { EXIT_PROBLEMS } else { 0 })
}

pub(crate) fn framework_list(lang: Lang) -> CliResult {
    let mut out = std::io::stdout().lock();
    let default = kader_data::default_key();
    for v in kader_data::versions() {
        let key = format!("{}@{}", v.id, v.version);
        let status = if v.released {
            lang.pick("vrijgegeven", "released")
        } else {
            lang.pick("concept", "draft")
        };
        let digest = kader_data::lock()
            .digest_of(&v.id, &v.version)
            .map(str::to_owned)
            .unwrap_or_default();
        let mark = if key == default {
            lang.pick("  (standaard)", "  (default)")
        } else {
            ""
        };
        let _ = writeln!(out, "{key}\t{status}\t{digest}{mark}");
    }
    Ok(0)
}

pub(crate) fn framework_check(path: &str, lang: Lang) -> CliResult {
    let result = if Path::new(path).is_dir() {
        kader_data::load_dir(path)
    } else {
        kader_data::get_key(path)
    };
    match result {
        Ok(loaded) => {
            print_diagnostics(&loaded.warnings, lang);
            // The test cases (cases/*.toml): their ids and answers.
            let (n_cases, case_problems) = crate::tooling::check_cases(&loaded, lang)?;
            print_diagnostics(&case_problems, lang);
            let mut out = std::io::stdout().lock();
            if !case_problems.is_empty() {
                let errors = case_problems.len();
                return Err(CliError::problems(match lang {
                    Lang::Nl => format!("{path}: {errors} fout(en) in de testgevallen"),
                    Lang::En => format!("{path}: {errors} error(s) in the test cases"),
                }));
            }
            let cases = match (n_cases, lang) {
                (0, _) => String::new(),
                (n, Lang::Nl) => format!(", {n} testgevallen"),
                (n, Lang::En) => format!(", {n} test cases"),
            };
            let _ = writeln!(
                out,
                "{} {}: {} ({}{cases})",
                loaded.key(),
                loaded.digest,
                lang.pick("in orde", "ok"),
                match (loaded.warnings.len(), lang) {
                    (0, Lang::Nl) => "geen meldingen".to_owned(),
                    (0, Lang::En) => "no diagnostics".to_owned(),
                    (n, Lang::Nl) => format!("{n} waarschuwing(en)"),
                    (n, Lang::En) => format!("{n} warning(s)"),
                }
            );
            Ok(if loaded.warnings.is_empty() { 0 } else { EXIT_PROBLEMS })
        }
        Err(kader_data::LoadError::Invalid(d)) => {
            print_diagnostics(&d, lang);
            let errors = d.iter().filter(|x| x.severity == Severity::Error).count();
            Err(CliError::problems(match lang {
                Lang::Nl => format!("{path}: {errors} fout(en), {} melding(en) in totaal", d.len()),
                Lang::En => format!("{path}: {errors} error(s), {} diagnostic(s) in all", d.len()),
            }))
        }
        Err(e @ kader_data::LoadError::NotFound { .. }) => Err(CliError::usage(e.to_string())),
        Err(e) => Err(CliError::problems(e.to_string())),
    }
}

pub(crate) fn framework_schema(name: Option<&str>, write: Option<&Path>, lang: Lang) -> CliResult {
    let schemas = kader_data::schema::schemas();
    if let Some(dir) = write {
        std::fs::create_dir_all(dir).map_err(|e| CliError::problems(format!("{}: {e}", dir.display())))?;
        for (n, text) in &schemas {
            let p = dir.join(n);
            std::fs::write(&p, text).map_err(|e| CliError::problems(format!("{}: {e}", p.display())))?;
            println!("{}", p.display());
        }
        return Ok(0);
    }
    let names: Vec<&str> = schemas
        .iter()
        .map(|(n, _)| n.trim_end_matches(".schema.json"))
        .collect();
    match name {
        None => {
            for n in names {
                println!("{n}");
            }
            Ok(0)
        }
        Some(want) => match schemas
            .iter()
            .find(|(n, _)| n.trim_end_matches(".schema.json") == want || *n == want)
        {
            Some((_, text)) => {
                print!("{text}");
                Ok(0)
            }
            None => Err(CliError::usage(format!(
                "{} `{want}`; {}: {}",
                lang.pick("onbekend schema", "unknown schema"),
                lang.pick("beschikbaar", "available"),
                names.join(", ")
            ))),
        },
    }
}

pub(crate) fn framework_show(spec: &str, format: FormatArg, rules: bool, lang: Lang) -> CliResult {
    let loaded = load_framework(spec, lang)?;
    let fw = &loaded.framework;
    let options = kader_report::framework_doc::Options {
        lang,
        ids: SHOW_IDS.load(std::sync::atomic::Ordering::Relaxed),
        rules,
    };
    let text = match format {
        FormatArg::Json => {
            let mut s = serde_json::to_string_pretty(fw).unwrap_or_default();
            s.push('\n');
            s
        }
        FormatArg::Text => kader_report::framework_doc::text(fw, options),
        FormatArg::Markdown => kader_report::framework_doc::markdown(fw, options),
        FormatArg::Html => kader_report::framework_doc::html(fw, options),
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    Ok(0)
}

/// Every intervention file in the inputs: files as given, folders' *.toml and *.json files.
pub(crate) fn collect_inputs(inputs: &[PathBuf], lang: Lang) -> Result<Vec<PathBuf>, CliError> {
    let mut out = Vec::new();
    for p in inputs {
        if p.is_dir() {
            let rd = std::fs::read_dir(p).map_err(|e| CliError::usage(format!("{}: {e}", p.display())))?;
            let mut files: Vec<PathBuf> = rd
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|f| f.is_file() && f.extension().is_some_and(|x| x == "toml" || x == "json"))
                .collect();
            files.sort();
            out.extend(files);
        } else if p.exists() {
            out.push(p.clone());
        } else {
            return Err(CliError::usage(format!(
                "{}: {}",
                p.display(),
                lang.pick("bestaat niet", "does not exist")
            )));
        }
    }
    if out.is_empty() {
        return Err(CliError::usage(
            lang.pick("geen interventiebestanden gevonden", "no intervention files found")
                .to_owned(),
        ));
    }
    Ok(out)
}

pub(crate) fn portfolio(
    inputs: &[PathBuf],
    framework: Option<&str>,
    format: FormatArg,
    on: Option<&str>,
    lang: Lang,
) -> CliResult {
    let on = parse_on(on, lang)?;
    let files = collect_inputs(inputs, lang)?;
    let mut frameworks = Frameworks::default();
    let mut entries = Vec::new();
    let problems = assess_files(&files, framework, &mut frameworks, on, lang, |_, input, a, fws| {
        let domains = fws
            .find_loaded(&a.framework.id, &a.framework.version)
            .map(|fw| kader_report::portfolio::domains_answered(fw, &input.file.answers))
            .unwrap_or_default();
        entries.push(kader_report::portfolio::Entry {
            file: input.path.clone(),
            assessment: a,
            domains,
        });
    })?;
    let spec = framework.map(str::to_owned).unwrap_or_else(kader_data::default_key);
    let (loaded, _) = frameworks.get(&spec, lang)?;
    let p = kader_report::portfolio::Portfolio::for_framework(&entries, &loaded.framework, lang);
    let out = match format {
        FormatArg::Text => p.text(),
        FormatArg::Markdown => p.markdown(),
        FormatArg::Html => p.html(),
        FormatArg::Json => serde_json::to_string_pretty(&p).unwrap_or_default() + "\n",
    };
    print!("{out}");
    Ok(if problems { EXIT_PROBLEMS } else { 0 })
}

pub(crate) fn framework_diff(a: &str, b: &str, format: FormatArg, lang: Lang) -> CliResult {
    let fa = load_framework(a, lang)?;
    let fb = load_framework(b, lang)?;
    let changes = kader_data::diff::diff(&fa.framework, &fb.framework);
    let mut out = std::io::stdout().lock();
    match format {
        FormatArg::Json => {
            let _ = writeln!(out, "{}", serde_json::to_string_pretty(&changes).unwrap_or_default());
        }
        _ => {
            let _ = writeln!(out, "{} → {}", fa.key(), fb.key());
            if changes.is_empty() {
                let _ = writeln!(out, "{}", lang.pick("geen verschillen", "no differences"));
            }
            for c in &changes {
                let mut marks = Vec::new();
                if c.breaking {
                    marks.push(lang.pick("BREKEND voor opgeslagen antwoorden", "BREAKING for stored answers"));
                }
                if c.affects_outcomes {
                    marks.push(lang.pick("kan uitkomsten veranderen", "can change outcomes"));
                }
                let marks = if marks.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", marks.join("; "))
                };
                let bullet = if format == FormatArg::Markdown { "- " } else { "  " };
                let _ = writeln!(out, "{bullet}{} `{}`: {}{marks}", c.area, c.id, c.what);
            }
        }
    }
    Ok(0)
}

pub(crate) fn reassess(
    from: &str,
    to: &str,
    inputs: &[PathBuf],
    format: FormatArg,
    on: Option<&str>,
    lang: Lang,
) -> CliResult {
    #[derive(serde::Serialize)]
    struct Row {
        file: String,
        name: String,
        from: (String, String),
        to: Option<(String, String)>,
        changed: bool,
        cause: String,
    }
    let on = parse_on(on, lang)?;
    let files = collect_inputs(inputs, lang)?;
    let mut frameworks = Frameworks::default();
    let (la, _) = frameworks.get(from, lang)?;
    let fa = la.framework.clone();
    let (lb, _) = frameworks.get(to, lang)?;
    let fb = lb.framework.clone();
    let changes = kader_data::diff::diff(&fa, &fb);
    let mut rows = Vec::new();
    let mut problems = false;
    for path in &files {
        let input = match read_input(path, lang) {
            Ok(i) => i,
            Err(d) => {
                print_diagnostics(&d, lang);
                problems = true;
                continue;
            }
        };
        let a = match assess_input(&input, Some(from), &mut frameworks, on, lang) {
            Ok(a) => a,
            Err(AssessFailure::Fatal(e)) => return Err(e),
            Err(AssessFailure::Invalid(d)) => {
                print_diagnostics(&d, lang);
                problems = true;
                continue;
            }
        };
        let b = match assess_input(&input, Some(to), &mut frameworks, on, lang) {
            Ok(b) => Some(b),
            Err(AssessFailure::Fatal(e)) => return Err(e),
            Err(AssessFailure::Invalid(d)) => {
                let msgs: Vec<String> = d.iter().map(|x| x.message.clone()).collect();
                rows.push(Row {
                    file: input.path.clone(),
                    name: input.file.intervention.name.clone(),
                    from: (a.verdict.id.clone(), a.action.id.clone()),
                    to: None,
                    changed: true,
                    cause: format!(
                        "{}: {}",
                        lang.pick("antwoorden niet meer geldig", "answers no longer valid"),
                        msgs.join("; ")
                    ),
                });
                continue;
            }
        };
        let Some(b) = b else { continue };
        let changed = a.verdict.id != b.verdict.id || a.action.id != b.action.id;
        let cause = if !changed {
            String::new()
        } else {
            // The rules that decided in either version, and what changed in them.
            let mut causes = Vec::new();
            for rule in [&a.decided_by.rule, &b.decided_by.rule] {
                let base = rule.split('.').next().unwrap_or(rule);
                for c in changes.iter().filter(|c| c.area == "decision" && c.id == base) {
                    causes.push(format!("{} {}", c.id, c.what));
                }
            }
            for adv in a.advice.iter().chain(&b.advice) {
                for c in changes.iter().filter(|c| c.area == "adjustment" && c.id == adv.id) {
                    causes.push(format!("adjustment {} {}", c.id, c.what));
                }
            }
            // Practices the intervention uses, and the scale when it has a recognition.
            let uses = |c: &kader_data::diff::Change| match c.area.as_str() {
                "practice" => a.flags.iter().chain(&b.flags).any(|f| f.practice == c.id),
                "scale" => a.recognition.is_some() || b.recognition.is_some(),
                _ => false,
            };
            for c in changes.iter().filter(|c| c.affects_outcomes && uses(c)) {
                causes.push(format!("{} {} {}", c.area, c.id, c.what));
            }
            causes.dedup();
            if causes.is_empty() {
                format!(
                    "{} {} → {}",
                    lang.pick("beslist door", "decided by"),
                    a.decided_by.rule,
                    b.decided_by.rule
                )
            } else {
                causes.join("; ")
            }
        };
        rows.push(Row {
            file: input.path.clone(),
            name: input.file.intervention.name.clone(),
            from: (a.verdict.id.clone(), a.action.id.clone()),
            to: Some((b.verdict.id.clone(), b.action.id.clone())),
            changed,
            cause,
        });
    }
    let mut out = std::io::stdout().lock();
    if format == FormatArg::Json {
        let _ = writeln!(out, "{}", serde_json::to_string_pretty(&rows).unwrap_or_default());
    } else {
        let n = rows.iter().filter(|r| r.changed).count();
        let _ = writeln!(
            out,
            "{} → {}: {}",
            fa.key(),
            fb.key(),
            match lang {
                Lang::Nl => format!(
                    "{n} van de {} interventies krijgen een ander oordeel of een andere actie",
                    rows.len()
                ),
                Lang::En => format!("{n} of {} interventions change verdict or action", rows.len()),
            }
        );
        for r in rows.iter().filter(|r| r.changed) {
            let to = r.to.as_ref().map_or_else(
                || lang.pick("ongeldig", "invalid").to_owned(),
                |(v, a)| format!("{v}/{a}"),
            );
            let bullet = if format == FormatArg::Markdown { "- " } else { "  " };
            let _ = writeln!(
                out,
                "{bullet}{} ({}): {}/{} → {to} — {}",
                r.name, r.file, r.from.0, r.from.1, r.cause
            );
        }
    }
    Ok(if problems { EXIT_PROBLEMS } else { 0 })
}
