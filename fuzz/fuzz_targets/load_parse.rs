//! Any bytes through decoding and parsing: no panic, no control character in
//! the model, pair numbers in order. `cargo fuzz run load_parse` (nightly).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = qnav::load::load_bytes("fuzz", data) {
        for (i, p) in doc.pairs.iter().enumerate() {
            assert_eq!(p.number, i + 1);
            for para in p.question.iter().chain(&p.answer) {
                assert!(!para.text.chars().any(qnav::text::is_unsafe_char), "{:?}", para.text);
            }
        }
        for para in doc.preamble.iter().chain(&doc.body) {
            assert!(!para.text.chars().any(qnav::text::is_unsafe_char), "{:?}", para.text);
        }
        let _ = qnav::export::to_json(std::slice::from_ref(&doc));
    }
});
