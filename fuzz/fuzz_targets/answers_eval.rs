//! Answer validation and evaluation on arbitrary answers: `validate`, then `decide`,
//! `evaluate_into` and the full `assess` on any date, for what is valid.
//!
//! Input: first byte selects how the rest is read. Even: the rest is JSON answers (as an
//! intervention file's `answers` table would give them). Odd: the rest drives a structured
//! generator that mostly uses the framework's own question ids and choice ids, with wrong types,
//! out-of-range numbers, unknown and duplicate choices mixed in.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kader_fuzz::answers_eval(data));
