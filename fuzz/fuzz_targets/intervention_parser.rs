//! The intervention file parser (TOML and JSON) on arbitrary text, then validation against the
//! real framework with positioned diagnostics for every problem, and assessment of what is valid.
//!
//! Input: first byte selects the file name (`.toml` or `.json`) and the language, the rest is the
//! file's text (lossy UTF-8).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kader_fuzz::intervention_parser(data));
