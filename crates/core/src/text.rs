//! Localised text: every user-facing text exists in Dutch (`nl`) and English (`en`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A language kader speaks. Dutch is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Dutch (default).
    #[default]
    Nl,
    /// English.
    En,
}

impl Lang {
    /// All languages, in order of preference.
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    /// The language code (`nl`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// Parses a language code; `None` for an unknown one.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the text for this language from a Dutch and an English literal.
    pub fn pick<'a>(self, nl: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A text in Dutch and English.
///
/// Both are optional while deserializing so that a framework checker can report *every* missing
/// translation at once; a checked framework has both.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Dutch text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nl: Option<String>,
    /// English text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    /// A text with both languages.
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            nl: Some(nl.into()),
            en: Some(en.into()),
        }
    }

    /// The text in `lang`, falling back to the other language, then to the empty string.
    pub fn get(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::Nl => (&self.nl, &self.en),
            Lang::En => (&self.en, &self.nl),
        };
        first.as_deref().or(second.as_deref()).unwrap_or_default()
    }

    /// The languages this text lacks (missing or blank).
    pub fn missing_langs(&self) -> Vec<Lang> {
        let mut out = Vec::new();
        if self.nl.as_deref().is_none_or(|s| s.trim().is_empty()) {
            out.push(Lang::Nl);
        }
        if self.en.as_deref().is_none_or(|s| s.trim().is_empty()) {
            out.push(Lang::En);
        }
        out
    }
}
