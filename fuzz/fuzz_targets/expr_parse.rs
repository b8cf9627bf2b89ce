//! The rule-expression parser: never panics, and printing is canonical:
//! `parse(print(parse(x))) == parse(x)` (up to the byte offsets of names) wherever `parse(x)`
//! succeeds, and printing twice gives the same text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kader_fuzz::expr_parse(data));
