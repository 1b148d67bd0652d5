//! `--fix` on arbitrary drafts — authors' sentences, adverts, slots, typos,
//! half-width markers — in every line-ending style and encoding: the file
//! written equals the original with exactly the reported edits applied,
//! keeps its encoding and BOM, and never loses a sentence of the author's.

use std::sync::LazyLock;

use gwlint::diagnostic::{Applicability, TextRange};
use gwlint::linter::{Linter, RuleSettings};
use gwlint::rules::Registry;
use proptest::prelude::*;

static REGISTRY: LazyLock<Registry> = LazyLock::new(|| Registry::builtin().unwrap());

/// Sentences of the author's: no fix may touch them.
const AUTHOR: &[&str] = &[
    "全年共完成调研课题12项。",
    "认真落实各项工作。",
    "下一步，加强队伍建设。",
    "坚持以人民为中心的发展思想。",
    "同志们，作风建设永远在路上。",
];
/// Text a fix may change or delete (typos, markers, residue, slots).
const OTHER: &[&str] = &[
    "认真贯彻上级布署。",
    "截止目前完成35项。",
    "(一)加强学习",
    "全年起草各类材料XX篇。",
    "来源：网络整理",
    "关注公众号：某某君，获取更多范文。",
    "##paidbegin##",
    "本文由网友上传提供，转载请保留。",
];
const ENDINGS: &[&str] = &["\n", "\r\n", "\r"];

#[derive(Debug, Clone, Copy)]
enum Encoding {
    Utf8,
    Utf8Bom,
    Gb18030,
    Utf16LeBom,
}

fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        Encoding::Gb18030 => encoding_rs::GB18030.encode(text).0.into_owned(),
        Encoding::Utf16LeBom => {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        }
    }
}

/// A draft: pieces joined into lines, and where the author's sentences are.
fn draft() -> impl Strategy<Value = (String, Vec<TextRange>)> {
    let piece = prop_oneof![
        (0..AUTHOR.len()).prop_map(|i| (true, AUTHOR[i])),
        (0..OTHER.len()).prop_map(|i| (false, OTHER[i])),
    ];
    let line = (prop::collection::vec(piece, 1..4), 0..ENDINGS.len());
    prop::collection::vec(line, 1..12).prop_map(|lines| {
        let mut text = String::from("2024年工作总结\n");
        let mut author = Vec::new();
        for (pieces, ending) in lines {
            for (is_author, piece) in pieces {
                if is_author {
                    author.push(TextRange::new(text.len(), text.len() + piece.len()));
                }
                text.push_str(piece);
            }
            text.push_str(ENDINGS[ending]);
        }
        (text, author)
    })
}

fn encodings() -> impl Strategy<Value = Encoding> {
    prop_oneof![
        Just(Encoding::Utf8),
        Just(Encoding::Utf8Bom),
        Just(Encoding::Gb18030),
        Just(Encoding::Utf16LeBom),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn fix_changes_exactly_its_spans((text, author) in draft(), encoding in encodings()) {
        let dir = std::env::temp_dir().join(format!("gwlint-fixprop-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("draft.txt");
        let original_bytes = encode(&text, encoding);
        std::fs::write(&path, &original_bytes).unwrap();

        let input = gwlint::source::Input::File(path.clone());
        let file = gwlint::source::read(&input, &Default::default()).unwrap();
        prop_assert_eq!(&file.text, &text);
        let linter = Linter::new(&REGISTRY, RuleSettings::default());
        let diagnostics = linter.check(&file);
        let fixed = gwlint::fix::fix_file(&linter, &path, file, diagnostics, Applicability::Safe);
        let written = std::fs::read(&path).unwrap();

        if fixed.error.is_some() || fixed.applied == 0 {
            // Nothing written: every byte as it was.
            prop_assert_eq!(written, original_bytes);
            return Ok(());
        }
        // Written in the file's own encoding and BOM…
        let now = gwlint::source::read(&input, &Default::default()).unwrap();
        prop_assert_eq!(encode(&now.text, encoding), written);
        // …as the original with exactly the reported edits…
        prop_assert_eq!(&gwlint::fix::apply_edits(&text, &fixed.edits), &now.text);
        // …none of which touches a sentence of the author's.
        for edit in &fixed.edits {
            for sentence in &author {
                prop_assert!(
                    !edit.range.overlaps(*sentence),
                    "edit {:?} ({:?} → {:?}) touches the author's {:?}",
                    edit.range, &text[edit.range.start..edit.range.end], edit.replacement,
                    &text[sentence.start..sentence.end]
                );
            }
        }
        // Fixing again changes nothing: the fixes converged.
        let again = linter.check(&now);
        let refixed = gwlint::fix::fix_file(&linter, &path, now, again, Applicability::Safe);
        prop_assert_eq!(refixed.applied, 0);
    }
}
