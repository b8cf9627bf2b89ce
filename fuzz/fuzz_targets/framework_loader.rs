//! The framework TOML loader on arbitrary text: as one file of the real 2024.1 version (replacing
//! one of its files, or added beside them) and alone. Whatever loads is also compiled, and
//! whatever compiles is evaluated on no answers, so rules the fuzzer invents are run too.
//!
//! Input: first byte selects the mode and file, the rest is the file's text (lossy UTF-8).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kader_fuzz::framework_loader(data));
