//! Content digests of framework versions and the `RELEASED` lock.

use crate::{Loaded, SourceFile};
use kader_core::Status;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// The `sha256:` digest of a version's files: for each file in name order, its name, a NUL byte,
/// its length in bytes, a NUL byte and its bytes.
pub fn digest_files(files: &[SourceFile]) -> String {
    let mut sorted: Vec<&SourceFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let mut h = Sha256::new();
    for f in sorted {
        h.update(f.name.as_bytes());
        h.update([0]);
        h.update(f.text.len().to_string().as_bytes());
        h.update([0]);
        h.update(f.text.as_bytes());
    }
    let mut out = String::from("sha256:");
    for b in h.finalize() {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// The `RELEASED` lock: one line per released version, `id@version sha256:...`; `#` starts a
/// comment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lock {
    /// (id, version, digest), in file order.
    pub entries: Vec<(String, String, String)>,
    /// Lines that are not `id@version sha256:...`.
    pub malformed: Vec<String>,
}

/// A released version that does not match the lock.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LockError {
    /// The files changed after release.
    #[error(
        "{key} is released, but its files changed: the lock has {locked}, the files give {actual}. A released version is immutable: revert the change and make a new version (see docs/framework-authoring.md)"
    )]
    DigestMismatch {
        /// `id@version`.
        key: String,
        /// Digest in the lock.
        locked: String,
        /// Digest of the files.
        actual: String,
    },
    /// Marked released in its metadata but absent from the lock.
    #[error(
        "{key} says `status = \"released\"` but framework-data/RELEASED has no line for it; add `{key} {actual}` to release it"
    )]
    NotLocked {
        /// `id@version`.
        key: String,
        /// Digest of the files.
        actual: String,
    },
    /// In the lock, but its metadata says draft.
    #[error("{key} is listed in framework-data/RELEASED but its metadata says `status = \"draft\"`")]
    StatusDraft {
        /// `id@version`.
        key: String,
    },
}

impl Lock {
    /// Parses the lock text. Blank lines and `#` comments are skipped; a line that is not
    /// `id@version digest` is kept in [`Lock::malformed`] (a test asserts there are none).
    pub fn parse(text: &str) -> Lock {
        let mut lock = Lock::default();
        for line in text
            .lines()
            .map(|l| l.split('#').next().unwrap_or_default().trim())
            .filter(|l| !l.is_empty())
        {
            let mut parts = line.split_whitespace();
            let parsed = (|| {
                let (id, version) = parts.next()?.split_once('@')?;
                let digest = parts.next().filter(|d| d.starts_with("sha256:") && d.len() == 71)?;
                parts
                    .next()
                    .is_none()
                    .then(|| (id.to_owned(), version.to_owned(), digest.to_owned()))
            })();
            match parsed {
                Some(entry) => lock.entries.push(entry),
                None => lock.malformed.push(line.to_owned()),
            }
        }
        lock
    }

    /// The locked digest of a version.
    pub fn digest_of(&self, id: &str, version: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(i, v, _)| i == id && v == version)
            .map(|(_, _, d)| d.as_str())
    }

    /// Checks a loaded version against the lock.
    pub fn verify(&self, loaded: &Loaded) -> Result<(), LockError> {
        let meta = &loaded.framework.framework;
        let key = format!("{}@{}", meta.id, meta.version);
        match (self.digest_of(&meta.id, &meta.version), meta.status) {
            (Some(locked), Status::Released) if locked != loaded.digest => Err(LockError::DigestMismatch {
                key,
                locked: locked.to_owned(),
                actual: loaded.digest.clone(),
            }),
            (Some(_), Status::Released) => Ok(()),
            (Some(_), Status::Draft) => Err(LockError::StatusDraft { key }),
            (None, Status::Released) => Err(LockError::NotLocked {
                key,
                actual: loaded.digest.clone(),
            }),
            (None, Status::Draft) => Ok(()),
        }
    }
}
