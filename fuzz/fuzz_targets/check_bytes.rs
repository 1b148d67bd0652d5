//! The whole pipeline on arbitrary bytes: the first byte picks the file
//! type (text, Markdown, .docx, legacy .doc), the rest is the file.
//! `check_bytes` must return a finding list or a one-line error, never panic.
#![no_main]

use std::sync::LazyLock;

use gwlint::rules::Registry;
use libfuzzer_sys::fuzz_target;

static REGISTRY: LazyLock<Registry> = LazyLock::new(|| Registry::builtin().expect("built-in rules"));

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else { return };
    let name = ["a.txt", "a.md", "a.docx", "a.doc"][usize::from(kind) % 4];
    if let Ok((file, diagnostics)) = gwlint::check_bytes(&REGISTRY, name, bytes) {
        for d in diagnostics {
            assert!(file.text.is_char_boundary(d.range.start) && file.text.is_char_boundary(d.range.end));
            assert!(d.range.start <= d.range.end && d.range.end <= file.text.len());
        }
    }
});
