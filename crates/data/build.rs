//! Embeds every framework version under `framework-data/<id>/<version>/*.toml`, the test cases of
//! each version (`framework-data/<id>/<version>/cases/*.toml`, a separate table: they are not
//! part of the version's digest) and the `framework-data/RELEASED` lock.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let root = manifest.join("../../framework-data");
    println!("cargo::rerun-if-changed={}", root.display());
    let mut out = String::from(
        "/// Embedded framework versions: (id, version, files (name, text)).\npub(crate) static EMBEDDED: &[(&str, &str, &[(&str, &str)])] = &[\n",
    );
    let mut cases = String::from(
        "/// Embedded test cases of framework versions: (id, version, files (name, text)). Not part of any digest.\npub(crate) static EMBEDDED_CASES: &[(&str, &str, &[(&str, &str)])] = &[\n",
    );
    let mut ids = list_dirs(&root);
    ids.retain(|d| d.file_name().is_some_and(|n| n != "schema"));
    for id_dir in ids {
        println!("cargo::rerun-if-changed={}", id_dir.display());
        let id = name(&id_dir);
        for version_dir in list_dirs(&id_dir) {
            println!("cargo::rerun-if-changed={}", version_dir.display());
            let version = name(&version_dir);
            let _ = writeln!(out, "    ({id:?}, {version:?}, &[");
            embed_files(&mut out, &version_dir);
            out.push_str("    ]),\n");
            let cases_dir = version_dir.join("cases");
            if cases_dir.is_dir() {
                println!("cargo::rerun-if-changed={}", cases_dir.display());
                let _ = writeln!(cases, "    ({id:?}, {version:?}, &[");
                embed_files(&mut cases, &cases_dir);
                cases.push_str("    ]),\n");
            }
        }
    }
    out.push_str("];\n");
    cases.push_str("];\n");
    out.push_str(&cases);
    let lock = root.join("RELEASED");
    println!("cargo::rerun-if-changed={}", lock.display());
    let lock_text = if lock.exists() {
        format!(
            "include_str!({:?})",
            lock.canonicalize().expect("lock path resolves").display().to_string()
        )
    } else {
        "\"\"".to_owned()
    };
    let _ = writeln!(
        out,
        "/// The `framework-data/RELEASED` lock.\npub(crate) static RELEASED_LOCK: &str = {lock_text};"
    );
    let dest = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}

/// One `(name, include_str!(path))` line per `*.toml` file of `dir`, in name order.
fn embed_files(out: &mut String, dir: &Path) {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .expect("framework version folder is readable")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    for f in files {
        println!("cargo::rerun-if-changed={}", f.display());
        let path = f.canonicalize().expect("file path resolves");
        let _ = writeln!(
            out,
            "        ({:?}, include_str!({:?})),",
            name(&f),
            path.display().to_string()
        );
    }
}

fn list_dirs(p: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(p)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
