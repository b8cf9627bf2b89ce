//! A framework version as a document for people: a policy officer learns the framework from it,
//! a researcher circulates it. Terminal text, Markdown and one self-contained HTML page, in Dutch
//! or English.
//!
//! The document is built once ([`model`]) and then written out by each format, so the three
//! formats have the same content in the same order, and the source footnotes the same numbers
//! (numbered in order of first citation).
//!
//! By default the document holds no ids and no rule expressions: every item is named by its label
//! and explained in words. [`Options::rules`] adds the ids and the conditions for framework authors,
//! [`Options::ids`] the ids only.

mod model;
mod page;
mod plain;
mod sections;

use kader_core::{Framework, Lang, ProvenanceKind, QuestionType, Status};

/// What to render and for whom.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Language of the document (Dutch by default).
    pub lang: Lang,
    /// Add the ids of the items beside their names.
    pub ids: bool,
    /// For framework authors: the ids, and the conditions (`when`) of criteria, decision rules,
    /// action cases and adjustment reasons, and the provenance notes.
    pub rules: bool,
}

/// Terminal text (no colours), wrapped at 100 columns.
pub fn text(fw: &Framework, options: Options) -> String {
    plain::text(&model::build(fw, options))
}

/// A Markdown document for circulating.
pub fn markdown(fw: &Framework, options: Options) -> String {
    plain::markdown(&model::build(fw, options))
}

/// One self-contained, accessible HTML page (inline CSS, no external resources).
pub fn html(fw: &Framework, options: Options) -> String {
    page::html(&model::build(fw, options))
}

/// The text shown when the framework data has no `notice` of its own.
pub fn default_notice(lang: Lang) -> &'static str {
    lang.pick(
        "Het programma kader is een onafhankelijke, onofficiële uitwerking van dit kwaliteitskader. Het \
         ministerie van Justitie en Veiligheid en de auteurs van het kader hebben het niet geschreven en niet \
         goedgekeurd. Het is ook niet de scan die het ministerie heeft aangekondigd. De beslisregels zijn een \
         reconstructie door de makers van kader. Bij elke regel staat waarop die berust.",
        "kader is an independent, unofficial encoding of this framework. It was not written or approved by \
         the Ministry of Justice and Security or by the framework's authors, and it is not the scan the \
         ministry announced. The decision rules are an editorial reconstruction; each rule states what it \
         rests on.",
    )
}

/// Fixed words and sentences of the document, in both languages.
pub(crate) fn w(lang: Lang, key: &str) -> &'static str {
    let (nl, en) = match key {
        "version" => ("Versie", "Version"),
        "status" => ("Status", "Status"),
        "published" => ("Gepubliceerd", "Published"),
        "authors" => ("Auteurs", "Authors"),
        "draft" => ("concept", "draft"),
        "released" => ("vrijgegeven", "released"),
        "notice" => ("Let op", "Please note"),
        "about" => ("Over deze uitwerking", "About this encoding"),
        "contents" => ("Inhoud", "Contents"),
        "domains" => ("Risicodomeinen", "Risk domains"),
        "domains-intro" => (
            "De risicodomeinen zijn de terreinen waarop een interventie kan aangrijpen. Per domein staan \
             voorbeelden van risicofactoren (die de kans op criminaliteit vergroten) en beschermende factoren \
             (die die kans verkleinen).",
            "The risk domains are the areas an intervention can work on. Each domain lists examples of risk \
             factors (which increase the likelihood of crime) and protective factors (which reduce it).",
        ),
        "risk-factors" => ("Risicofactoren", "Risk factors"),
        "protective-factors" => ("Beschermende factoren", "Protective factors"),
        "questions" => ("Vragen", "Questions"),
        "questions-intro" => (
            "Dit zijn de vragen die u over een interventie beantwoordt. Een vraag die u (nog) niet kunt \
             beantwoorden, mag u openlaten; de beoordeling zegt dan welke antwoorden de uitkomst kunnen \
             veranderen.",
            "These are the questions you answer about an intervention. You may leave a question open if you \
             cannot answer it (yet); the assessment then says which answers could change the result.",
        ),
        "other-questions" => ("Overige vragen", "Other questions"),
        "question" => ("Vraag", "Question"),
        "answer" => ("Antwoord", "Answer"),
        "choices" => ("Keuzes", "Choices"),
        "granted-year" => ("Jaar van de erkenning", "Year of the recognition"),
        "criteria" => ("Criteria", "Criteria"),
        "criteria-intro" => (
            "Elk criterium beschrijft een of meer situaties, op volgorde. De eerste situatie die bij de \
             antwoorden past, bepaalt de uitkomst. Ontbreken antwoorden die daarvoor nodig zijn, dan is de \
             uitkomst 'onbekend'.",
            "Each criterion describes one or more situations, in order. The first situation that fits the \
             answers gives the outcome. When answers needed for it are missing, the outcome is 'unknown'.",
        ),
        "otherwise" => ("in alle andere gevallen", "in all other cases"),
        "practices" => ("Werkwijzen met een bekend risico", "Practices with a known risk"),
        "practices-intro" => (
            "Deze werkwijzen zijn schadelijk, niet effectief of hebben geen aangetoond effect. Bevat een \
             interventie er een, dan meldt de beoordeling dat met het advies.",
            "These practices are harmful, ineffective or have no proven effect. When an intervention contains \
             one, the assessment reports it with the advice.",
        ),
        "practice" => ("Werkwijze", "Practice"),
        "harm" => ("Risico", "Risk"),
        "description" => ("Beschrijving", "Description"),
        "advice" => ("Advies", "Advice"),
        "basis" => ("Gebaseerd op", "Based on"),
        "recognition" => ("Erkenningsniveaus", "Recognition levels"),
        "recognition-intro" => (
            "De niveaus staan van laag naar hoog. Een hogere rang weegt zwaarder in de beslisregels.",
            "The levels are listed from low to high. A higher rank weighs more in the decision rules.",
        ),
        "level" => ("Niveau", "Level"),
        "rank" => ("Rang", "Rank"),
        "meaning" => ("Betekenis", "Meaning"),
        "validity" => ("Geldigheid", "Validity"),
        "no-expiry" => ("geen vervaldatum", "no expiry"),
        "decision" => ("Beslisregels", "Decision rules"),
        "decision-intro" => (
            "De beslisregels worden van boven naar beneden nagelopen. De eerste regel die zeker van toepassing \
             is, bepaalt het oordeel en de actie. Kan een regel nog niet worden beoordeeld omdat er antwoorden \
             ontbreken, dan wordt hij overgeslagen en is de uitkomst voorlopig.",
            "The decision rules are tried from top to bottom. The first rule that definitely applies gives the \
             verdict and the action. A rule that cannot be judged yet because answers are missing is skipped, \
             and the result is then provisional.",
        ),
        "verdicts" => ("Oordelen", "Verdicts"),
        "verdict" => ("Oordeel", "Verdict"),
        "actions" => ("Acties", "Actions"),
        "action" => ("Actie", "Action"),
        "action-meaning" => ("Wat het van de financier vraagt", "What it asks of the funder"),
        "rule" => ("Beslisregel", "Decision rule"),
        "why" => ("Waarom", "Why"),
        "action-depends" => ("hangt af van de antwoorden:", "depends on the answers:"),
        "catch-all" => (
            "Deze regel geldt in alle overige gevallen.",
            "This rule applies in all other cases.",
        ),
        "advises" => (
            "Bij deze regel geeft de beoordeling ook de redenen voor bijstelling die van toepassing zijn.",
            "With this rule the assessment also gives the adjustment reasons that apply.",
        ),
        "adjustments" => ("Redenen voor bijstelling", "Adjustment reasons"),
        "adjustments-intro" => (
            "Is een van deze redenen van toepassing, dan geeft de beoordeling het advies dat erbij hoort.",
            "When one of these reasons applies, the assessment gives the advice that goes with it.",
        ),
        "sources" => ("Bronnen", "Sources"),
        "unknown-source" => ("onbekende bron", "unknown source"),
        "source-word" => ("Bron", "Source"),
        "when" => ("als", "when"),
        "condition" => ("Voorwaarde", "Condition"),
        "id" => ("id", "id"),
        "note" => ("Toelichting voor auteurs", "Note for authors"),
        "generated" => ("Gemaakt met kader", "Made with kader"),
        _ => ("?", "?"),
    };
    lang.pick(nl, en)
}

/// A provenance kind in words. Never the internal names.
pub(crate) fn kind_words(kind: ProvenanceKind, lang: Lang) -> &'static str {
    match kind {
        ProvenanceKind::Memo => lang.pick("nota van het ministerie", "ministry note"),
        ProvenanceKind::ReportSecondary => {
            lang.pick("secundaire bron over het rapport", "secondary source on the report")
        }
        ProvenanceKind::Nji => lang.pick("erkenningsstelsel (NJi e.a.)", "recognition system (NJi et al.)"),
        ProvenanceKind::Literature => lang.pick("literatuur", "literature"),
        ProvenanceKind::Editorial => lang.pick("redactionele reconstructie", "editorial reconstruction"),
    }
}

/// A source locator in words: `4.1` → `§4.1`, `fn3` → `voetnoot 3`, anything else as written.
pub(crate) fn locator_words(locator: &str, lang: Lang) -> String {
    let l = locator.trim();
    if let Some(n) = l
        .strip_prefix("fn")
        .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    {
        return format!("{} {n}", lang.pick("voetnoot", "footnote"));
    }
    if !l.is_empty() && l.starts_with(|c: char| c.is_ascii_digit()) && l.chars().all(|c| c.is_ascii_digit() || c == '.')
    {
        return format!("§{l}");
    }
    l.to_owned()
}

pub(crate) fn status_words(status: Status, lang: Lang) -> &'static str {
    match status {
        Status::Draft => w(lang, "draft"),
        Status::Released => w(lang, "released"),
    }
}

/// `2024-06-05` → `5 juni 2024` / `5 June 2024`; anything else as written.
pub(crate) fn date_words(date: &str, lang: Lang) -> String {
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let parts: Vec<&str> = date.trim().split('-').collect();
    if let [y, m, d] = parts[..]
        && y.len() == 4
        && let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<usize>(), d.parse::<u32>())
        && (1..=12).contains(&m)
        && (1..=31).contains(&d)
    {
        let month = match lang {
            Lang::Nl => NL[m - 1],
            Lang::En => EN[m - 1],
        };
        return format!("{d} {month} {y}");
    }
    date.to_owned()
}

/// A whole number with thousands separators from five digits on (`1.000.000` in Dutch,
/// `1,000,000` in English; a year such as `2024` stays as it is).
pub(crate) fn number_words(n: i64, lang: Lang) -> String {
    let digits = n.unsigned_abs().to_string();
    if digits.len() < 5 {
        return n.to_string();
    }
    let sep = lang.pick(".", ",");
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// The answer type in words: "ja/nee", "getal van 0 tot en met 120 jaar", "één keuze", ...
pub(crate) fn type_words(q: &kader_core::Question, lang: Lang) -> String {
    match q.kind {
        QuestionType::Bool => lang.pick("ja/nee", "yes/no").to_owned(),
        QuestionType::Choice => lang.pick("één keuze", "one choice").to_owned(),
        QuestionType::Multi => lang.pick("meer keuzes mogelijk", "several choices possible").to_owned(),
        QuestionType::Text => lang
            .pick(
                "vrije tekst (telt niet mee in de beoordeling)",
                "free text (not used in the assessment)",
            )
            .to_owned(),
        QuestionType::Int => {
            let n = |v: i64| number_words(v, lang);
            let mut s = match (q.min, q.max) {
                (Some(lo), Some(hi)) => match lang {
                    Lang::Nl => format!("getal van {} tot en met {}", n(lo), n(hi)),
                    Lang::En => format!("number from {} to {}", n(lo), n(hi)),
                },
                (Some(lo), None) => format!("{} {}", lang.pick("getal van ten minste", "number of at least"), n(lo)),
                (None, Some(hi)) => format!("{} {}", lang.pick("getal van hoogstens", "number of at most"), n(hi)),
                (None, None) => lang.pick("getal", "number").to_owned(),
            };
            if let Some(unit) = &q.unit {
                let unit = unit.get(lang);
                if !unit.is_empty() {
                    s.push(' ');
                    s.push_str(unit);
                }
            }
            s
        }
    }
}

/// "5 jaar geldig" / "valid for 5 years", or "geen vervaldatum" / "no expiry".
pub(crate) fn validity_words(valid_years: Option<i64>, lang: Lang) -> String {
    match valid_years {
        Some(n) => match lang {
            Lang::Nl => format!("{n} jaar geldig"),
            Lang::En if n == 1 => "valid for 1 year".to_owned(),
            Lang::En => format!("valid for {n} years"),
        },
        None => w(lang, "no-expiry").to_owned(),
    }
}

#[cfg(test)]
mod tests;
