//! layout/invisible-char
//!
//! Flags zero-width and other invisible characters inside the text: zero
//! width space and joiners (U+200B–U+200D), direction marks and embeddings
//! (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), the word joiner and
//! invisible operators (U+2060–U+2064), a byte-order mark (U+FEFF) — the
//! file's own BOM is stripped when it is decoded, so one left at the start
//! is a doubled BOM — the soft hyphen (U+00AD). The marks of a line are one finding;
//! the safe fix deletes them.
//!
//! Nothing shows on the page, but searching, counting characters and
//! comparing versions all go wrong; template sites insert them to mark
//! copied text. A joiner between two emoji is part of the emoji and kept.

use crate::diagnostic::{Diagnostic, Fix, TextRange};
use crate::document::Document;
use crate::document::chars::{char_at, char_before};
use crate::rules::{CodeRule, batch_edits};

crate::declare_rule! {
    pub struct InvisibleChar {
        id: "layout/invisible-char",
        severity: Warning,
        summary: "文中夹着零宽字符等不可见字符",
        explanation: "零宽空格、零宽连接符、方向控制符、词连接符、文中的字节顺序标记、软连字符等在页面上看不见，却会让查找、字数统计、比对版本出错；模板网站也用它们给复制的文字做记号。\n同一行中的合为一条，安全修复把它们删去。两个表情符号之间的零宽连接符是表情的一部分，不报告。",
        source: "issue 11 layout 组（零宽与其他不可见字符）；domain.md §5（防复制残留）。",
        bad: ["认真\u{200b}贯彻\u{200b}落实。\n", "加强\u{feff}学习。\n"],
        good: ["认真贯彻落实。\n"],
        fix: Safe,
    }
}

/// Where the invisible characters are, by byte offset and length. A byte
/// search for their UTF-8 lead bytes (E2 for U+2000–U+2FFF, C2 for the soft
/// hyphen) and for the BOM's three bytes, then a look at the next bytes:
/// no decoding of the Chinese around them.
fn invisible(text: &str) -> Vec<TextRange> {
    let bytes = text.as_bytes();
    let mut found: Vec<TextRange> = memchr::memchr2_iter(0xE2, 0xC2, bytes)
        .filter_map(|i| {
            let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
            let len = match (bytes[i], next(1), next(2)) {
                (0xC2, 0xAD, _) => 2,
                (0xE2, 0x80, 0x8B..=0x8F | 0xAA..=0xAE) => 3,
                (0xE2, 0x81, 0xA0..=0xA4 | 0xA6..=0xA9) => 3,
                _ => return None,
            };
            Some(TextRange::new(i, i + len))
        })
        .collect();
    found.extend(
        memchr::memmem::find_iter(bytes, "\u{feff}".as_bytes()).map(|i| TextRange::new(i, i + 3)),
    );
    found.sort_unstable();
    found
}

fn is_emoji(c: Option<char>) -> bool {
    c.is_some_and(|c| c as u32 >= 0x1F000 || ('\u{2600}'..='\u{27BF}').contains(&c))
}

impl CodeRule for InvisibleChar {
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        let mut found = invisible(text)
            .into_iter()
            .filter(|m| {
                let in_emoji = &text[m.start..m.end] == "\u{200d}"
                    && is_emoji(char_before(text, m.start))
                    && is_emoji(char_at(text, m.end));
                // No exception for a BOM at offset 0: decoding strips the
                // file's own BOM, so one still there is a second one.
                !in_emoji
            })
            .peekable();
        while let Some(first) = found.next() {
            let line = doc.line_at(first.start).range;
            let mut edits = vec![(first, String::new())];
            while let Some(m) = found.next_if(|m| m.start < line.end) {
                edits.push((m, String::new()));
            }
            let (span, replacement) = batch_edits(text, &edits);
            let message = if edits.len() == 1 {
                let code = char_at(text, first.start).map_or(0, |c| c as u32);
                format!("文中夹着不可见字符 U+{code:04X}")
            } else {
                format!("本行夹着 {} 个不可见字符", edits.len())
            };
            let mut d = Self::META.diagnostic(span, message);
            d.help = Some("删去不可见字符".to_owned());
            d.fix = Some(Fix::safe_replace(span, replacement));
            out.push(d);
        }
    }
}
