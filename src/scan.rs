//! `kader scan`: the interactive questionnaire.

use crate::FormatArg;
use crate::cli::{CliError, CliResult, Frameworks, parse_on, render};
use kader_core::{AnswerValue, InterventionFile, InterventionInfo, Lang, QuestionType};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

enum Reply {
    Answer(AnswerValue),
    Skip,
    Quit,
}

fn save(path: &Path, file: &InterventionFile) -> Result<(), CliError> {
    let text = toml::to_string(file).map_err(|e| CliError::problems(e.to_string()))?;
    let header = "# Antwoorden van `kader scan` / answers saved by `kader scan`; ga verder met / resume with: kader scan --resume <dit bestand>\n";
    let tmp = path.with_extension("toml.partial");
    std::fs::write(&tmp, format!("{header}{text}"))
        .map_err(|e| CliError::problems(format!("{}: {e}", tmp.display())))?;
    std::fs::rename(&tmp, path).map_err(|e| CliError::problems(format!("{}: {e}", path.display())))
}

fn prompt(out: &mut impl Write, input: &mut impl BufRead, text: &str) -> Option<String> {
    let _ = write!(out, "{text}");
    let _ = out.flush();
    let mut line = String::new();
    match input.read_line(&mut line) {
        Ok(0) | Err(_) => None,
        Ok(_) => Some(line.trim().to_owned()),
    }
}

fn parse_reply(
    q: &kader_core::Question,
    choices: &[kader_core::ResolvedChoice<'_>],
    s: &str,
    lang: Lang,
) -> Result<Reply, String> {
    let lower = s.to_lowercase();
    if s.is_empty() {
        return Ok(Reply::Skip);
    }
    if matches!(lower.as_str(), "q" | "quit" | "stop" | "exit") {
        return Ok(Reply::Quit);
    }
    match q.kind {
        QuestionType::Bool => match lower.as_str() {
            "j" | "ja" | "y" | "yes" | "true" | "1" => Ok(Reply::Answer(AnswerValue::Bool(true))),
            "n" | "nee" | "no" | "false" | "0" => Ok(Reply::Answer(AnswerValue::Bool(false))),
            _ => Err(lang
                .pick("antwoord j (ja) of n (nee)", "answer y (yes) or n (no)")
                .to_owned()),
        },
        QuestionType::Int => {
            let v: i64 = s.parse().map_err(|_| {
                lang.pick("verwacht een geheel getal", "expected a whole number")
                    .to_owned()
            })?;
            let (lo, hi) = (q.min.unwrap_or(i64::MIN), q.max.unwrap_or(i64::MAX));
            if v < lo || v > hi {
                return Err(match lang {
                    Lang::Nl => format!("verwacht een getal van {lo} tot en met {hi}"),
                    Lang::En => format!("expected a number from {lo} to {hi}"),
                });
            }
            Ok(Reply::Answer(AnswerValue::Int(v)))
        }
        QuestionType::Choice => pick_one(choices, s, lang).map(|id| Reply::Answer(AnswerValue::Str(id))),
        QuestionType::Multi => {
            if matches!(lower.as_str(), "-" | "geen" | "none") {
                return Ok(Reply::Answer(AnswerValue::List(Vec::new())));
            }
            let mut ids = Vec::new();
            for part in s.split([',', ' ']).filter(|p| !p.is_empty()) {
                let id = pick_one(choices, part, lang)?;
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            Ok(Reply::Answer(AnswerValue::List(ids)))
        }
        QuestionType::Text => Ok(Reply::Answer(AnswerValue::Str(s.to_owned()))),
    }
}

fn pick_one(choices: &[kader_core::ResolvedChoice<'_>], s: &str, lang: Lang) -> Result<String, String> {
    if let Ok(n) = s.parse::<usize>() {
        if (1..=choices.len()).contains(&n) {
            return Ok(choices[n - 1].id.to_owned());
        }
    }
    choices
        .iter()
        .find(|c| c.id == s)
        .map(|c| c.id.to_owned())
        .ok_or_else(|| match lang {
            Lang::Nl => format!("`{s}` is geen keuze; typ een nummer van 1 tot en met {}", choices.len()),
            Lang::En => format!("`{s}` is not a choice; type a number from 1 to {}", choices.len()),
        })
}

pub(crate) fn scan(
    output: Option<PathBuf>,
    resume: Option<PathBuf>,
    framework: Option<&str>,
    all: bool,
    on: Option<&str>,
    lang: Lang,
) -> CliResult {
    let on = parse_on(on, lang)?;
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut out = std::io::stdout().lock();
    let (path, mut file) = match resume {
        Some(p) => {
            let text = std::fs::read_to_string(&p).map_err(|e| CliError::usage(format!("{}: {e}", p.display())))?;
            let file = kader_data::intervention::parse(&p.display().to_string(), &text)
                .map_err(|d| CliError::problems(d.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")))?;
            (p, file)
        }
        None => {
            let p = output.unwrap_or_else(|| PathBuf::from(format!("scan-{on}.toml")));
            let _ = writeln!(out, "{}", lang.pick(
                "kader scan: beantwoord de vragen over één interventie. Enter = overslaan (onbekend), ? = uitleg, q = stoppen. Antwoorden worden na elk antwoord bewaard.",
                "kader scan: answer the questions about one intervention. Enter = skip (unknown), ? = help, q = quit. Answers are saved after every answer.",
            ));
            let name = prompt(
                &mut out,
                &mut input,
                lang.pick("Naam van de interventie: ", "Name of the intervention: "),
            )
            .unwrap_or_default();
            let file = InterventionFile {
                framework: None,
                intervention: InterventionInfo {
                    name: if name.is_empty() {
                        lang.pick("Naamloze interventie", "Unnamed intervention").to_owned()
                    } else {
                        name
                    },
                    provider: None,
                    description: None,
                },
                answers: Default::default(),
            };
            (p, file)
        }
    };
    let default = kader_data::default_key();
    let spec = framework
        .map(str::to_owned)
        .or_else(|| file.framework.clone())
        .unwrap_or(default);
    let mut frameworks = Frameworks::default();
    let (loaded, compiled) = frameworks.get(&spec, lang)?;
    file.framework = Some(loaded.key());
    save(&path, &file)?;
    let _ = writeln!(out, "{} {}", lang.pick("Bewaard in", "Saving to"), path.display());
    let fw = compiled.framework();
    let mut group: Option<&str> = None;
    'questions: for (slot, q) in fw.questions.iter().enumerate() {
        if file.answers.contains_key(&q.id) {
            continue;
        }
        let dense = compiled
            .validate(&file.answers)
            .map_err(|e| CliError::problems(e.iter().map(|x| x.message(lang)).collect::<Vec<_>>().join("\n")))?;
        if !all && !compiled.could_change(&dense, slot, on) {
            continue;
        }
        if q.group.as_deref() != group {
            group = q.group.as_deref();
            if let Some(g) = group.and_then(|g| fw.groups.iter().find(|x| x.id == g)) {
                let _ = writeln!(out, "\n== {} ==", g.label.get(lang));
            }
        }
        let choices = fw.choices_of(q);
        let _ = writeln!(out, "\n{} [{}]", q.label.get(lang), q.id);
        for (i, c) in choices.iter().enumerate() {
            let _ = writeln!(out, "  {:>2}. {}", i + 1, c.label.get(lang));
        }
        let hint = match q.kind {
            QuestionType::Bool => lang.pick("j/n", "y/n").to_owned(),
            QuestionType::Int => match (q.min, q.max) {
                (Some(lo), Some(hi)) => format!("{lo}-{hi}"),
                _ => lang.pick("getal", "number").to_owned(),
            },
            QuestionType::Choice => lang.pick("nummer", "number").to_owned(),
            QuestionType::Multi => lang
                .pick(
                    "nummers, gescheiden door komma's; - voor geen",
                    "numbers separated by commas; - for none",
                )
                .to_owned(),
            QuestionType::Text => lang.pick("tekst", "text").to_owned(),
        };
        loop {
            let Some(line) = prompt(&mut out, &mut input, &format!("({hint}) > ")) else {
                break 'questions;
            };
            if line == "?" {
                let help = q
                    .help
                    .as_ref()
                    .map(|h| h.get(lang))
                    .unwrap_or(lang.pick("Geen uitleg beschikbaar.", "No help available."));
                let _ = writeln!(out, "{help}");
                for c in &choices {
                    if let Some(h) = c.help {
                        let _ = writeln!(out, "  - {}: {}", c.label.get(lang), h.get(lang));
                    }
                }
                continue;
            }
            match parse_reply(q, &choices, &line, lang) {
                Ok(Reply::Answer(v)) => {
                    file.answers.insert(q.id.clone(), v);
                    save(&path, &file)?;
                    break;
                }
                Ok(Reply::Skip) => break,
                Ok(Reply::Quit) => {
                    let _ = writeln!(
                        out,
                        "{} {}",
                        lang.pick(
                            "Gestopt. Ga verder met: kader scan --resume",
                            "Stopped. Resume with: kader scan --resume"
                        ),
                        path.display()
                    );
                    return Ok(0);
                }
                Err(msg) => {
                    let _ = writeln!(out, "  {msg}");
                }
            }
        }
    }
    let dense = compiled
        .validate(&file.answers)
        .map_err(|e| CliError::problems(e.iter().map(|x| x.message(lang)).collect::<Vec<_>>().join("\n")))?;
    let a = compiled.assess(&file.intervention, &file.answers, &dense, on, lang);
    let _ = writeln!(out, "\n{}", render(&a, FormatArg::Text));
    let _ = writeln!(
        out,
        "{} {}",
        lang.pick("Antwoorden bewaard in", "Answers saved in"),
        path.display()
    );
    Ok(0)
}
