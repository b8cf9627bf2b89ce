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
    /// Inputs whose answers were migrated to the version they were assessed with, and what the
    /// migration could not carry over (in the order assessed).
    pub(crate) migrated: Vec<MigratedInput>,
}

/// An input assessed with migrated answers.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct MigratedInput {
    pub(crate) file: String,
    pub(crate) from: String,
    pub(crate) to: String,
    /// One line per question to answer again or check: `label (id): what — why`.
    pub(crate) lines: Vec<String>,
    pub(crate) notes: Vec<kader_data::migrate::Note>,
}

/// The earlier version a file's answers must be migrated from to be read by `fw`: the file names
/// another version of the same framework, and `fw` has a migration path from it.
fn migration_source(named: Option<&str>, fw: &kader_core::Framework) -> Option<String> {
    let (id, version) = named?.split_once('@')?;
    (id == fw.framework.id && version != fw.framework.version && kader_data::migrate::has_path(version, fw))
        .then(|| version.to_owned())
}

/// The migration notes as lines `file: label (id): what — why`, for standard error.
pub(crate) fn print_migrated(migrated: &[MigratedInput], lang: Lang) {
    let mut err = std::io::stderr().lock();
    for m in migrated {
        let _ = writeln!(
            err,
            "{}: {} {} → {}",
            m.file,
            lang.pick("antwoorden gemigreerd", "answers migrated"),
            m.from,
            m.to
        );
        for line in &m.lines {
            let _ = writeln!(err, "{}:   {line}", m.file);
        }
    }
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
    // Answers given for an earlier version are migrated when the version has a migration path
    // from it; what cannot be carried over is listed, never dropped silently.
    let mut migrated = None;
    let mut answers = std::borrow::Cow::Borrowed(&input.file.answers);
    if let Some(from) = migration_source(input.file.framework.as_deref(), compiled.framework()) {
        let fw = compiled.framework();
        if let Ok(m) = kader_data::migrate::migrate_answers(&input.file.answers, &from, fw) {
            migrated = Some(MigratedInput {
                file: input.path.clone(),
                from: format!("{}@{from}", fw.framework.id),
                to: fw.key(),
                lines: kader_data::migrate::note_lines(&m.notes, fw, lang),
                notes: m.notes,
            });
            answers = std::borrow::Cow::Owned(m.answers);
        }
    }
    let dense = compiled.validate(&answers).map_err(|errors| {
        let text = std::fs::read_to_string(&input.path).unwrap_or_default();
        AssessFailure::Invalid(kader_data::intervention::answer_diagnostics(
            &input.path,
            &text,
            &errors,
            lang,
        ))
    })?;
    let assessment = compiled.assess(&input.file.intervention, &answers, &dense, on, lang);
    frameworks.migrated.extend(migrated);
    Ok(assessment)
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
    // Answers migrated from an earlier version: what to answer again or check, on standard error.
    print_migrated(&frameworks.migrated, lang);
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
            let (n_cases, case_problems) = crate::tooling::check_cases(&loaded, path, lang)?;
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
    // Without --framework: the version the files were assessed with when they agree, else the
    // default.
    let mut keys: Vec<String> = entries
        .iter()
        .map(|e| format!("{}@{}", e.assessment.framework.id, e.assessment.framework.version))
        .collect();
    keys.sort();
    keys.dedup();
    let spec = match (framework, keys.as_slice()) {
        (Some(f), _) => f.to_owned(),
        (None, [only]) => only.clone(),
        (None, _) => kader_data::default_key(),
    };
    let (loaded, _) = frameworks.get_with(&spec, framework.is_some(), lang)?;
    let p = kader_report::portfolio::Portfolio::for_framework(&entries, &loaded.framework, lang);
    let migrated = std::mem::take(&mut frameworks.migrated);
    let mut out = match format {
        FormatArg::Text => p.text(),
        FormatArg::Markdown => p.markdown(),
        FormatArg::Html => p.html(),
        FormatArg::Json => {
            let mut v = serde_json::to_value(&p).unwrap_or_default();
            if let Some(obj) = v.as_object_mut()
                && !migrated.is_empty()
            {
                obj.insert("migrated".into(), serde_json::to_value(&migrated).unwrap_or_default());
            }
            serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
        }
    };
    if !migrated.is_empty() && matches!(format, FormatArg::Text | FormatArg::Markdown) {
        out.push_str(&migrated_section(&migrated, format == FormatArg::Markdown, lang));
    } else if format == FormatArg::Html {
        print_migrated(&migrated, lang);
    }
    print!("{out}");
    Ok(if problems { EXIT_PROBLEMS } else { 0 })
}

/// The inputs whose answers were migrated, and the questions to answer again or check.
fn migrated_section(migrated: &[MigratedInput], markdown: bool, lang: Lang) -> String {
    let title = lang.pick(
        "Antwoorden gemigreerd naar een nieuwere versie: opnieuw beantwoorden of controleren",
        "Answers migrated to a newer version: answer again or check",
    );
    let mut s = if markdown {
        format!("\n## {title}\n\n")
    } else {
        format!("\n{title}\n{}\n", "-".repeat(title.chars().count()))
    };
    for m in migrated {
        if markdown {
            s.push_str(&format!("- `{}` ({} → {})\n", m.file, m.from, m.to));
        } else {
            s.push_str(&format!("  {} ({} → {})\n", m.file, m.from, m.to));
        }
        for line in &m.lines {
            s.push_str(if markdown { "  - " } else { "    - " });
            s.push_str(line);
            s.push('\n');
        }
    }
    s
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
        /// The answers were migrated to the new version: what to answer again or check.
        #[serde(skip_serializing_if = "Option::is_none")]
        migrated: Option<MigratedInput>,
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
        // The answers are those of `from`: migrated to `to` when it has a migration path from it.
        let input_b = Input {
            path: input.path.clone(),
            file: InterventionFile {
                framework: Some(fa.key()),
                ..input.file.clone()
            },
        };
        print_migrated(&std::mem::take(&mut frameworks.migrated), lang);
        let b = match assess_input(&input_b, Some(to), &mut frameworks, on, lang) {
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
                    migrated: frameworks.migrated.pop(),
                });
                continue;
            }
        };
        let Some(b) = b else { continue };
        let migrated = frameworks.migrated.pop();
        let changed = a.verdict.id != b.verdict.id || a.action.id != b.action.id;
        // The deciding rules by index, named as the diff names them (by id when both versions
        // give every rule one, else by position).
        let ia = decision_index(&fa, &a.decided_by.rule);
        let ib = decision_index(&fb, &b.decided_by.rule);
        let by_id = kader_data::diff::rules_compared_by_id(&fa, &fb);
        let diff_id = |fw: &kader_core::Framework, i: usize| match fw.decision.get(i) {
            Some(d) if by_id => d.path(i),
            _ => format!("decision[{i}]"),
        };
        let cause = if !changed {
            String::new()
        } else {
            // The rules that decided in either version, and what changed in them.
            let mut causes = Vec::new();
            let bases = [ia.map(|i| diff_id(&fa, i)), ib.map(|i| diff_id(&fb, i))];
            for base in bases.iter().flatten() {
                for c in changes.iter().filter(|c| c.area == "decision" && &c.id == base) {
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
            // Each cause once (both versions' rules and advice may name the same change).
            let mut seen = std::collections::HashSet::new();
            causes.retain(|c| seen.insert(c.clone()));
            if causes.is_empty() {
                let name = |fw: &kader_core::Framework, i: Option<usize>, rule: &str| {
                    i.map_or_else(|| rule.to_owned(), |i| kader_data::cases::rule_name(fw, i, lang))
                };
                format!(
                    "{} {} → {}",
                    lang.pick("beslist door", "decided by"),
                    name(&fa, ia, &a.decided_by.rule),
                    name(&fb, ib, &b.decided_by.rule)
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
            migrated,
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
        let migrated: Vec<&MigratedInput> = rows
            .iter()
            .filter_map(|r| r.migrated.as_ref())
            .filter(|m| !m.lines.is_empty())
            .collect();
        if !migrated.is_empty() {
            let _ = writeln!(
                out,
                "{}",
                lang.pick(
                    "Antwoorden gemigreerd; opnieuw beantwoorden of controleren:",
                    "Answers migrated; answer again or check:"
                )
            );
            let bullet = if format == FormatArg::Markdown { "- " } else { "  " };
            for m in migrated {
                let _ = writeln!(out, "{bullet}{} ({} → {})", m.file, m.from, m.to);
                for line in &m.lines {
                    let _ = writeln!(out, "  {bullet}{line}");
                }
            }
        }
    }
    Ok(if problems { EXIT_PROBLEMS } else { 0 })
}

/// The index of the decision rule a rule path (`decision.<id>`, `decision[i]`, with an optional
/// `.actions[k]`) names.
fn decision_index(fw: &kader_core::Framework, rule: &str) -> Option<usize> {
    fw.decision.iter().enumerate().find_map(|(i, d)| {
        let paths = [d.path(i), format!("decision[{i}]")];
        paths
            .iter()
            .any(|p| rule == p || rule.strip_prefix(p.as_str()).is_some_and(|rest| rest.starts_with('.')))
            .then_some(i)
    })
}
