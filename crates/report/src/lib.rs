//! `kader-report`: renders assessments (and portfolios) as terminal text, Markdown and
//! self-contained HTML, in Dutch or English.
//!
//! Depends on `kader-core` only: it renders what the rules crate produced and decides nothing.
#![deny(missing_docs)]

mod assessment;
pub mod framework_doc;
mod html;
pub mod portfolio;

pub use assessment::{Options, markdown, markdown_with, text, text_with};
pub use html::{assessment_section, assessment_section_with, escape, html, html_with};

use kader_core::{Lang, Outcome};

/// Heading and phrase texts of the reports, in both languages.
pub(crate) fn t(lang: Lang, key: &str) -> &'static str {
    let (nl, en) = match key {
        "verdict" => ("Oordeel", "Verdict"),
        "action" => ("Actie", "Action"),
        "why" => ("Waarom", "Why"),
        "assessed-on" => ("beoordeeld op", "assessed on"),
        "provisional" => (
            "Voorlopig: nog niet beantwoorde vragen kunnen de uitkomst veranderen.",
            "Provisional: unanswered questions could change the result.",
        ),
        "advice" => ("Advies", "Advice"),
        "flags" => ("Risicovolle onderdelen", "Risky practices"),
        "criteria" => ("Criteria", "Criteria"),
        "criterion" => ("Criterium", "Criterion"),
        "outcome" => ("Uitkomst", "Outcome"),
        "explanation" => ("Toelichting", "Explanation"),
        "missing" => (
            "Ontbrekende antwoorden die de uitkomst kunnen veranderen",
            "Missing answers that could change the result",
        ),
        "could-become" => ("zou kunnen worden:", "could become:"),
        "recognition" => ("Erkenning", "Recognition"),
        "expired" => ("verlopen", "expired"),
        "valid-until" => ("geldig tot en met", "valid through"),
        "valid" => ("geldig", "valid"),
        "unknown-validity" => (
            "geldigheid onbekend (jaar ontbreekt)",
            "validity unknown (year missing)",
        ),
        "basis" => ("Gebaseerd op", "Based on"),
        "rule" => ("regel", "rule"),
        "because" => ("op grond van", "because of"),
        "decided-by" => ("Beslist door", "Decided by"),
        "sources" => ("Bronnen", "Sources"),
        "notice-lead" => ("Let op:", "Note:"),
        "notice-default" => (
            "kader is een onafhankelijke, niet-officiële uitwerking van het landelijk kwaliteitskader. Het ministerie van Justitie en Veiligheid en de auteurs van het kader hebben kader niet geschreven of goedgekeurd, en dit is niet de scan die het ministerie heeft aangekondigd. De beslisregels zijn een redactionele reconstructie: bij elke regel staat waarop die berust.",
            "kader is an independent, unofficial encoding of the national quality framework. It was not written or approved by the Ministry of Justice and Security or by the framework's authors, and it is not the scan the ministry announced. The decision rules are an editorial reconstruction: each rule states what it rests on.",
        ),
        "unknown" => ("onbekend", "unknown"),
        "none" => ("geen", "none"),
        "framework" => ("Kader", "Framework"),
        "provider" => ("Aanbieder", "Provider"),
        "report-title" => ("Beoordeling", "Assessment"),
        "trace" => (
            "Verantwoording (alle geëvalueerde regels)",
            "Audit trail (every rule evaluated)",
        ),
        "result" => ("Resultaat", "Result"),
        "harm-harmful" => ("schadelijk", "harmful"),
        "harm-risk-of-harm" => ("risico op schade", "risk of harm"),
        "harm-ineffective" => ("niet effectief", "ineffective"),
        "harm-unproven" => ("effect niet aangetoond", "effect not shown"),
        "editorial-note" => (
            "Redactionele reconstructie door kader op basis van de genoemde bronnen; niet de letterlijke tekst van het kwaliteitskader.",
            "Editorial reconstruction by kader from the sources named; not the framework's own wording.",
        ),
        "generated" => ("Gemaakt met kader", "Made with kader"),
        _ => ("?", "?"),
    };
    lang.pick(nl, en)
}

pub(crate) fn harm_label(h: kader_core::HarmClass, lang: Lang) -> &'static str {
    t(lang, &format!("harm-{}", h.id()))
}

/// A symbol for an outcome in plain text.
pub(crate) fn outcome_symbol(o: Outcome) -> &'static str {
    match o {
        Outcome::Met => "✔",
        Outcome::Partly => "◐",
        Outcome::NotMet => "✘",
        Outcome::Unknown => "?",
        Outcome::NotApplicable => "–",
    }
}

/// "level · validity" for a recognition, or just the level when it never expires.
pub(crate) fn recognition_line(r: &kader_core::RecognitionStatus, lang: Lang) -> String {
    let status = match (r.expired, r.valid_until) {
        (Some(true), Some(y)) => format!("{} ({} {y})", t(lang, "expired"), t(lang, "valid-until")),
        (Some(false), Some(y)) => format!("{} {y}", t(lang, "valid-until")),
        (Some(false), None) => return r.level.label.clone(),
        _ => t(lang, "unknown-validity").to_owned(),
    };
    format!("{} · {status}", r.level.label)
}
