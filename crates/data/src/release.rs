//! Releasing a draft version folder: `status = "draft"` becomes `status = "released"` and the
//! version's digest is appended to the `RELEASED` lock, both written atomically.
//!
//! The caller (the CLI's `framework release`) loads and checks the folder and runs its test cases
//! first; [`release`] only refuses what would make the lock wrong (not a draft, already locked)
//! and does the two writes.

use crate::{LoadError, Loaded, Lock, SourceFile, digest_files};
use kader_core::Status;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};

/// The lock file that belongs to a version folder `framework-data/<id>/<version>`:
/// `framework-data/RELEASED`, i.e. `DIR/../../RELEASED`.
pub fn default_lock(dir: &Path) -> PathBuf {
    // `framework-data/kwaliteitskader/2025.1` gives `framework-data/RELEASED`; a folder given as
    // `.` or `2025.1` (no grandparent to name) gives the `..` form.
    match dir.parent().and_then(Path::parent) {
        Some(root) if !dir.ends_with("..") && !dir.ends_with(".") => root.join("RELEASED"),
        _ => dir.join("..").join("..").join("RELEASED"),
    }
}

/// A version released.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Released {
    /// `id@version`.
    pub key: String,
    /// The digest of the released files.
    pub digest: String,
    /// The file whose `status` line was changed.
    pub file: PathBuf,
    /// The lock file the line was appended to.
    pub lock: PathBuf,
    /// The line appended.
    pub line: String,
}

/// Why a folder cannot be released.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReleaseError {
    /// The version is not a draft.
    #[error("{key} has `status = \"released\"` already; only a draft (`status = \"draft\"`) can be released")]
    NotDraft {
        /// `id@version`.
        key: String,
    },
    /// The lock lists the version already.
    #[error("{lock}: lists {key} already (`{line}`); a version is released once")]
    AlreadyLocked {
        /// `id@version`.
        key: String,
        /// The lock file.
        lock: String,
        /// The line that lists it.
        line: String,
    },
    /// The lock has lines that are not `id@version sha256:...`.
    #[error("{lock}: expected lines `id@version sha256:<64 hex digits>`, found `{line}`; fix the lock first")]
    MalformedLock {
        /// The lock file.
        lock: String,
        /// The first malformed line.
        line: String,
    },
    /// The `status` value could not be found as written text.
    #[error("{file}: expected `status = \"draft\"` in the `[framework]` table, found {found}")]
    NoStatus {
        /// The file with `[framework]`.
        file: String,
        /// What was found instead.
        found: String,
    },
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The edited files no longer load (should not happen: only one value changed).
    #[error("after setting the status, the version does not load: {0}")]
    Reload(LoadError),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ReleaseError + '_ {
    move |source| ReleaseError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Writes `text` to `path` atomically: a temporary file in the same folder (not ending in `.toml`,
/// so no loader ever reads it), then a rename over `path`.
pub fn write_atomic(path: &Path, text: &str) -> Result<(), std::io::Error> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        use std::io::Write as _;
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Writes a new file `path` atomically and never over an existing file: a temporary file in the same
/// folder, then a hard link to `path` (which fails when `path` exists), then the temporary file is
/// removed.
pub fn write_new(path: &Path, text: &str) -> Result<(), std::io::Error> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        use std::io::Write as _;
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::hard_link(&tmp, path)
    })();
    let _ = std::fs::remove_file(&tmp);
    result
}

/// The byte range of the `status` value in the file that holds `[framework]`.
fn status_span(file: &SourceFile) -> Result<std::ops::Range<usize>, ReleaseError> {
    let no = |found: String| ReleaseError::NoStatus {
        file: file.path.clone(),
        found,
    };
    let doc = DeTable::parse(&file.text).map_err(|e| no(format!("a file that does not parse ({})", e.message())))?;
    let framework = doc
        .get_ref()
        .iter()
        .find(|(k, _)| k.get_ref() == "framework")
        .map(|(_, v)| v)
        .ok_or_else(|| no("no `[framework]` table".into()))?;
    let DeValue::Table(t) = framework.get_ref() else {
        return Err(no("`framework` that is not a table".into()));
    };
    let (_, status) = t
        .iter()
        .find(|(k, _)| k.get_ref() == "status")
        .ok_or_else(|| no("no `status` key".into()))?;
    let span = status.span();
    let written = file.text.get(span.clone()).unwrap_or_default();
    if written != "\"draft\"" && written != "'draft'" {
        return Err(no(format!("`status = {written}`")));
    }
    Ok(span)
}

/// Releases the checked draft `loaded`, read from `dir`: rewrites its status to `released` and
/// appends `id@version sha256:...` to `lock_path` (created when absent). Both writes are atomic;
/// when the lock cannot be written, the status change is undone.
pub fn release(loaded: &Loaded, dir: &Path, lock_path: &Path) -> Result<Released, ReleaseError> {
    let meta = &loaded.framework.framework;
    let key = loaded.key();
    if meta.status != Status::Draft {
        return Err(ReleaseError::NotDraft { key });
    }
    let lock_text = match std::fs::read_to_string(lock_path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(io(lock_path)(e)),
    };
    let lock = Lock::parse(&lock_text);
    if let Some(line) = lock.malformed.first() {
        return Err(ReleaseError::MalformedLock {
            lock: lock_path.display().to_string(),
            line: line.clone(),
        });
    }
    if let Some(digest) = lock.digest_of(&meta.id, &meta.version) {
        return Err(ReleaseError::AlreadyLocked {
            key: key.clone(),
            lock: lock_path.display().to_string(),
            line: format!("{key} {digest}"),
        });
    }
    // The file with `[framework]`: the one whose parsed form has the table.
    let index = loaded
        .files
        .iter()
        .position(|f| toml::from_str::<kader_core::FrameworkFile>(&f.text).is_ok_and(|p| p.framework.is_some()))
        .ok_or_else(|| ReleaseError::NoStatus {
            file: dir.display().to_string(),
            found: "no file with a `[framework]` table".into(),
        })?;
    let source = &loaded.files[index];
    let span = status_span(source)?;
    let mut files = loaded.files.clone();
    let mut text = source.text.clone();
    text.replace_range(span, "\"released\"");
    files[index].text = text.clone();
    let reloaded = crate::load_files(files.clone()).map_err(ReleaseError::Reload)?;
    if reloaded.framework.framework.status != Status::Released {
        return Err(ReleaseError::NoStatus {
            file: source.path.clone(),
            found: "a status that did not change".into(),
        });
    }
    let digest = digest_files(&files);
    let line = format!("{key} {digest}");
    let path = dir.join(&source.name);
    write_atomic(&path, &text).map_err(io(&path))?;
    let mut new_lock = lock_text.clone();
    if !new_lock.is_empty() && !new_lock.ends_with('\n') {
        new_lock.push('\n');
    }
    new_lock.push_str(&line);
    new_lock.push('\n');
    if let Err(e) = write_atomic(lock_path, &new_lock) {
        // Undo the status change: a released version without a lock line does not load.
        let _ = write_atomic(&path, &source.text);
        return Err(io(lock_path)(e));
    }
    Ok(Released {
        key,
        digest,
        file: path,
        lock: lock_path.to_path_buf(),
        line,
    })
}
