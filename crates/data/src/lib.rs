//! `kader-data`: the framework versions kader ships, and a loader for drafts on disk.
//!
//! Every version under `framework-data/<id>/<version>/` is embedded at build time.
//! [`versions()`] lists them, [`get`] loads one, [`latest`] loads the newest *released* version of
//! a framework, and [`load_dir`] reads a researcher's draft folder. Loading parses every file,
//! checks the framework (with `kader-rules`) and reports every problem with its file, line,
//! column and key.
//!
//! Released versions are immutable: `framework-data/RELEASED` records the sha256 digest of each,
//! and loading a released version whose bytes changed fails.
//!
//! ```
//! let fw = kader_data::latest(kader_data::DEFAULT_FRAMEWORK).unwrap();
//! assert_eq!(fw.framework.framework.id, "kwaliteitskader");
//! let compiled = fw.compile().unwrap();
//! assert!(compiled.question_count() > 20);
//! ```
#![deny(missing_docs)]

pub mod cases;
mod diagnostics;
pub mod diff;
mod digest;
pub mod intervention;
mod locate;
pub mod migrate;
pub mod release;
pub mod schema;

pub use diagnostics::{FileDiagnostic, LoadError};
pub use digest::{Lock, LockError, digest_files};

use kader_core::{Framework, FrameworkFile, Section};
use kader_rules::{Compiled, Severity};
use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The framework kader uses when none is named.
pub const DEFAULT_FRAMEWORK: &str = "kwaliteitskader";

/// The latest released version of the default framework shipped in this build, as `id@version`.
pub fn default_key() -> String {
    versions()
        .into_iter()
        .filter(|v| v.id == DEFAULT_FRAMEWORK && v.released)
        .max_by(|a, b| compare_versions(&a.version, &b.version))
        .map(|v| format!("{}@{}", v.id, v.version))
        .unwrap_or_default()
}

/// The data file format major versions this build reads.
pub const FORMATS_READ: &[u32] = &[kader_core::FORMAT_VERSION];

/// A file of a framework version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Where it came from: `framework-data/<id>/<version>/<name>` for embedded files, the path
    /// on disk otherwise.
    pub path: String,
    /// File name (used for ordering and the digest).
    pub name: String,
    /// Contents.
    pub text: String,
}

/// An embedded framework version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionInfo {
    /// Framework id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Whether the `RELEASED` lock lists it.
    pub released: bool,
}

/// A loaded and checked framework version.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The merged framework.
    pub framework: Framework,
    /// `sha256:` digest of its files.
    pub digest: String,
    /// The files it was read from.
    pub files: Vec<SourceFile>,
    /// Warnings from the check (rules that can never fire and the like), with positions.
    pub warnings: Vec<FileDiagnostic>,
}

impl Loaded {
    /// Compiles the framework for evaluation.
    pub fn compile(&self) -> Result<Compiled, LoadError> {
        Compiled::new(&self.framework, self.digest.clone()).map_err(|e| {
            LoadError::Invalid({
                let locator = locate::Locator::new(&self.files, counts(&self.files));
                e.0.iter().map(|d| locator.locate(d)).collect()
            })
        })
    }

    /// `id@version`.
    pub fn key(&self) -> String {
        self.framework.key()
    }
}

/// Orders versions like `2024.1` < `2024.2` < `2025.1` (numeric parts compared as numbers).
pub fn compare_versions(a: &str, b: &str) -> std::cmp::Ordering {
    let parts = |s: &str| -> Vec<(u64, String)> {
        s.split(['.', '-'])
            .map(|p| (p.parse::<u64>().unwrap_or(u64::MAX), p.to_owned()))
            .collect()
    };
    parts(a).cmp(&parts(b))
}

/// The released-versions lock embedded in this build.
pub fn lock() -> Lock {
    Lock::parse(RELEASED_LOCK)
}

/// Every embedded framework version, ordered by id and version.
pub fn versions() -> Vec<VersionInfo> {
    let lock = lock();
    let mut v: Vec<VersionInfo> = EMBEDDED
        .iter()
        .map(|(id, version, _)| VersionInfo {
            id: (*id).to_owned(),
            version: (*version).to_owned(),
            released: lock.digest_of(id, version).is_some(),
        })
        .collect();
    v.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| compare_versions(&a.version, &b.version)));
    v
}

/// The files of an embedded version.
pub fn embedded_files(id: &str, version: &str) -> Option<Vec<SourceFile>> {
    EMBEDDED
        .iter()
        .find(|(i, v, _)| *i == id && *v == version)
        .map(|(i, v, files)| {
            files
                .iter()
                .map(|(name, text)| SourceFile {
                    path: format!("framework-data/{i}/{v}/{name}"),
                    name: (*name).to_owned(),
                    text: (*text).to_owned(),
                })
                .collect()
        })
}

/// Loads an embedded version; a released one must match its digest in the lock.
pub fn get(id: &str, version: &str) -> Result<Loaded, LoadError> {
    let files = embedded_files(id, version).ok_or_else(|| LoadError::NotFound {
        wanted: format!("{id}@{version}"),
        available: versions().iter().map(|v| format!("{}@{}", v.id, v.version)).collect(),
    })?;
    let loaded = load_files(files)?;
    let meta = &loaded.framework.framework;
    if meta.id != id || meta.version != version {
        return Err(LoadError::Invalid(vec![FileDiagnostic {
            file: format!("framework-data/{id}/{version}"),
            line: 1,
            column: 1,
            key: "framework".into(),
            severity: Severity::Error,
            message: format!(
                "the folder says {id}@{version} but its `[framework]` table says {}@{}; they must agree",
                meta.id, meta.version
            ),
        }]));
    }
    lock().verify(&loaded).map_err(LoadError::Lock)?;
    Ok(loaded)
}

/// Loads `id@version`, or with no `@` the latest released version of `id`.
pub fn get_key(key: &str) -> Result<Loaded, LoadError> {
    match key.split_once('@') {
        Some((id, version)) => get(id, version),
        None => latest(key),
    }
}

/// Loads the latest released version of a framework.
pub fn latest(id: &str) -> Result<Loaded, LoadError> {
    let best = versions()
        .into_iter()
        .filter(|v| v.id == id && v.released)
        .max_by(|a, b| compare_versions(&a.version, &b.version))
        .ok_or_else(|| LoadError::NotFound {
            wanted: format!("{id} (a released version)"),
            available: versions().iter().map(|v| format!("{}@{}", v.id, v.version)).collect(),
        })?;
    get(&best.id, &best.version)
}

/// Loads a framework version from a folder on disk (a researcher's draft): every `*.toml` in it,
/// in name order. A folder whose metadata says `status = "released"` must match the digest in the
/// `RELEASED` lock ([`LoadError::Lock`] otherwise, naming the digest to lock when the version is
/// new): the lock file next to the data, `DIR/../../RELEASED` (`framework-data/RELEASED` for
/// `framework-data/<id>/<version>`), when it exists, else the lock built into this build. So a
/// folder released after this binary was built checks against the lock it was released into.
pub fn load_dir(dir: impl AsRef<Path>) -> Result<Loaded, LoadError> {
    let dir = dir.as_ref();
    let lock_path = release::default_lock(dir);
    let lock = match std::fs::read_to_string(&lock_path) {
        Ok(text) => Lock::parse(&text),
        Err(_) => lock(),
    };
    load_dir_with_lock(dir, &lock)
}

/// As [`load_dir`], verifying a released folder against `lock`.
pub fn load_dir_with_lock(dir: impl AsRef<Path>, lock: &Lock) -> Result<Loaded, LoadError> {
    let dir = dir.as_ref();
    let entries = std::fs::read_dir(dir).map_err(|source| LoadError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(LoadError::Empty {
            path: dir.display().to_string(),
        });
    }
    let mut files = Vec::new();
    for p in paths {
        let bytes = std::fs::read(&p).map_err(|source| LoadError::Io {
            path: p.display().to_string(),
            source,
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            LoadError::Invalid(vec![FileDiagnostic {
                file: p.display().to_string(),
                line: 1,
                column: 1,
                key: String::new(),
                severity: Severity::Error,
                message: format!(
                    "expected UTF-8 text, found invalid bytes at byte {}",
                    e.utf8_error().valid_up_to()
                ),
            }])
        })?;
        files.push(SourceFile {
            path: p.display().to_string(),
            name: p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            text,
        });
    }
    let loaded = load_files(files)?;
    // A folder that claims to be a released version must be byte-identical to it.
    lock.verify(&loaded).map_err(LoadError::Lock)?;
    Ok(loaded)
}

/// Per file, how many items it holds in each section (to map merged indexes back to files).
pub(crate) fn counts(files: &[SourceFile]) -> Vec<Vec<(Section, usize)>> {
    files
        .iter()
        .map(|f| {
            let parsed: FrameworkFile = toml::from_str(&f.text).unwrap_or_default();
            Section::ARRAYS
                .iter()
                .chain(std::iter::once(&Section::Framework))
                .map(|s| (*s, parsed.len_of(*s)))
                .collect()
        })
        .collect()
}

/// Parses, merges and checks the files of one version. Every problem in every file is reported.
pub fn load_files(files: Vec<SourceFile>) -> Result<Loaded, LoadError> {
    let mut parsed = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    for f in &files {
        match toml::from_str::<FrameworkFile>(&f.text) {
            Ok(p) => parsed.push(p),
            Err(e) => problems.extend(locate::structural_problems(f, &e)),
        }
    }
    if !problems.is_empty() {
        return Err(LoadError::Invalid(problems));
    }
    let metas: Vec<usize> = parsed
        .iter()
        .enumerate()
        .filter(|(_, p)| p.framework.is_some())
        .map(|(i, _)| i)
        .collect();
    if metas.len() != 1 {
        let message = if metas.is_empty() {
            "no file has a `[framework]` table; expected exactly one file with the version's metadata".to_owned()
        } else {
            format!(
                "expected exactly one file with a `[framework]` table, found {}",
                metas.len()
            )
        };
        let file = metas.get(1).and_then(|&i| files.get(i)).or(files.first());
        return Err(LoadError::Invalid(vec![FileDiagnostic {
            file: file.map(|f| f.path.clone()).unwrap_or_default(),
            line: 1,
            column: 1,
            key: "framework".into(),
            severity: Severity::Error,
            message,
        }]));
    }
    let counts: Vec<Vec<(Section, usize)>> = parsed
        .iter()
        .map(|p| {
            Section::ARRAYS
                .iter()
                .chain(std::iter::once(&Section::Framework))
                .map(|s| (*s, p.len_of(*s)))
                .collect()
        })
        .collect();
    let Some(framework) = Framework::merge(parsed) else {
        return Err(LoadError::Empty {
            path: files.first().map(|f| f.path.clone()).unwrap_or_default(),
        });
    };
    let diagnostics = kader_rules::check(&framework);
    let located: Vec<FileDiagnostic> = if diagnostics.is_empty() {
        Vec::new()
    } else {
        let locator = locate::Locator::new(&files, counts);
        diagnostics.iter().map(|d| locator.locate(d)).collect()
    };
    if located.iter().any(|d| d.severity == Severity::Error) {
        return Err(LoadError::Invalid(located));
    }
    let digest = digest_files(&files);
    Ok(Loaded {
        framework,
        digest,
        files,
        warnings: located,
    })
}
