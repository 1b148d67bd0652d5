//! No input may panic the pipeline: arbitrary bytes under every file type,
//! damaged copies of a real .docx, and arbitrary Unicode text. Whatever
//! comes out must be well-formed: every finding's range lies on character
//! boundaries inside the text. (The same entry point, `check_bytes`, is the
//! cargo-fuzz target in fuzz/.)

use std::sync::LazyLock;

use gwlint::rules::Registry;
use proptest::prelude::*;

static REGISTRY: LazyLock<Registry> = LazyLock::new(|| Registry::builtin().unwrap());
/// The body XML of a real .docx, to damage and re-zip.
static DOCUMENT_XML: LazyLock<String> = LazyLock::new(|| {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(DOCX.as_slice())).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
});

fn docx_with(xml: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(xml).unwrap();
    zip.finish().unwrap().into_inner()
}

static DOCX: LazyLock<Vec<u8>> = LazyLock::new(|| {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/features.docx"
    ))
    .unwrap()
});

fn check(name: &str, bytes: &[u8]) {
    match gwlint::check_bytes(&REGISTRY, name, bytes) {
        Ok((file, diagnostics)) => {
            for d in &diagnostics {
                assert!(
                    d.range.start <= d.range.end && d.range.end <= file.text.len(),
                    "{d:?}"
                );
                assert!(
                    file.text.is_char_boundary(d.range.start)
                        && file.text.is_char_boundary(d.range.end),
                    "{d:?}"
                );
                let lc = file.line_col(d.range.start);
                assert!(lc.line >= 1 && lc.column >= 1);
            }
            assert_eq!(file.prose().len(), file.text.len());
            review_copies(bytes, &file, &diagnostics);
        }
        Err(e) => assert!(!e.message.is_empty() && !e.message.contains('\n'), "{e}"),
    }
}

/// A review copy of anything that could be checked never panics; it is a
/// .docx the reader reads back, and, comments aside, with the same text.
fn review_copies(
    bytes: &[u8],
    file: &gwlint::source::SourceFile,
    diagnostics: &[gwlint::diagnostic::Diagnostic],
) {
    use gwlint::annotate::{self, Fixes};
    use gwlint::source::SourceFormat;
    for fixes in [Fixes::InComments, Fixes::Tracked] {
        let copy = if file.format == SourceFormat::Docx && !file.text.is_empty() {
            annotate::annotate_docx(std::io::Cursor::new(bytes), &file.text, diagnostics, fixes)
        } else {
            // A text draft always becomes a Word file.
            Ok(annotate::annotate_text(file, diagnostics, fixes).unwrap())
        };
        let Ok(copy) = copy else { continue };
        let read = gwlint::source::docx::read_docx(&copy.bytes).unwrap();
        if fixes == Fixes::InComments && file.format == SourceFormat::Docx && !file.text.is_empty()
        {
            assert_eq!(read.text, file.text);
        }
    }
}

/// Text a draft might hold: Han, full-width punctuation, markers,
/// placeholders, Markdown syntax, line breaks.
fn draftish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "一、",
        "（二）",
        "3.",
        "（4）",
        "XX",
        "x%",
        "20XX年",
        "《x》",
        "材料",
        "篇",
        "，",
        "。",
        "\n",
        "\r\n",
        "\n\n",
        "```",
        "`",
        "](",
        ")",
        "<!--",
        "-->",
        "---",
        "# ",
        "http://a.cn",
        "##paidbegin##",
        "截止目前",
        "部份",
        "　　",
        "\t",
        " ",
    ]);
    prop::collection::vec(
        prop_oneof![
            pieces.prop_map(str::to_owned),
            any::<char>().prop_map(String::from)
        ],
        0..60,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512), kind in 0usize..4) {
        let name = ["a.txt", "a.md", "a.docx", "a.doc"][kind];
        check(name, &bytes);
    }

    #[test]
    fn arbitrary_unicode(text in any::<String>(), markdown in any::<bool>()) {
        check(if markdown { "a.md" } else { "a.txt" }, text.as_bytes());
        let _ = gwlint::lint_text(&REGISTRY, &text);
    }

    #[test]
    fn draft_like_text_in_every_encoding(text in draftish(), kind in 0usize..4) {
        let bytes = match kind {
            0 => text.clone().into_bytes(),
            1 => encoding_rs::GB18030.encode(&text).0.into_owned(),
            2 => [&[0xff, 0xfe][..], &text.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>()].concat(),
            _ => text.clone().into_bytes(),
        };
        check(if kind == 3 { "a.md" } else { "a.txt" }, &bytes);
    }

    #[test]
    fn damaged_docx(cut in 0usize..40_000, flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8)) {
        let mut bytes = DOCX.clone();
        for (at, byte) in flips {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        bytes.truncate(cut.max(1));
        check("a.docx", &bytes);
    }

    #[test]
    fn damaged_docx_xml(cuts in prop::collection::vec((any::<prop::sample::Index>(), 0usize..64, draftish()), 1..6)) {
        let mut xml = DOCUMENT_XML.as_bytes().to_vec();
        for (at, len, insert) in cuts {
            let i = at.index(xml.len());
            let end = (i + len).min(xml.len());
            xml.splice(i..end, insert.into_bytes());
        }
        check("a.docx", &docx_with(&xml));
    }
}
