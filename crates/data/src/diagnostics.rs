//! Errors with positions.

use kader_rules::Severity;
use std::fmt;

/// A problem in a file, with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDiagnostic {
    /// The file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// The key path within the file, e.g. `question[3].label.en`.
    pub key: String,
    /// Error or warning.
    pub severity: Severity,
    /// What was expected and what was found.
    pub message: String,
}

impl FileDiagnostic {
    /// `file:line:column: error: `key`: message`, with the severity word in `lang`.
    pub fn render(&self, lang: kader_core::Lang) -> String {
        let sev = match (self.severity, lang) {
            (Severity::Error, kader_core::Lang::Nl) => "fout",
            (Severity::Warning, kader_core::Lang::Nl) => "waarschuwing",
            (Severity::Error, kader_core::Lang::En) => "error",
            (Severity::Warning, kader_core::Lang::En) => "warning",
        };
        let key = if self.key.is_empty() {
            String::new()
        } else {
            format!(": `{}`", self.key)
        };
        format!(
            "{}:{}:{}: {sev}{key}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl fmt::Display for FileDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}:{}:{}: {sev}", self.file, self.line, self.column)?;
        if !self.key.is_empty() {
            write!(f, ": `{}`", self.key)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Why a framework version could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// No such version is embedded.
    #[error("no framework version {wanted}; available: {}", available.join(", "))]
    NotFound {
        /// What was asked for.
        wanted: String,
        /// What exists.
        available: Vec<String>,
    },
    /// A file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The path.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A folder without framework files.
    #[error("{path}: no framework files (*.toml) found")]
    Empty {
        /// The folder.
        path: String,
    },
    /// The files have problems: every one found, with positions.
    #[error("{}", render(.0))]
    Invalid(Vec<FileDiagnostic>),
    /// A released version does not match the lock.
    #[error(transparent)]
    Lock(crate::LockError),
}

fn render(d: &[FileDiagnostic]) -> String {
    let errors = d.iter().filter(|d| d.severity == Severity::Error).count();
    let mut s = format!("the framework has {errors} error(s):");
    for x in d {
        s.push_str("\n  ");
        s.push_str(&x.to_string());
    }
    s
}
