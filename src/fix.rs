//! `--fix`: apply safe fixes and write the file back exactly as it came —
//! same encoding, same BOM, same line endings — through a temporary file
//! and a rename, so a crash never leaves a half-written draft.

use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostic::{Applicability, Diagnostic};
use crate::linter::Linter;
use crate::source::{SourceFile, SourceFormat};

/// How many rounds of fix-and-relint at most: a fix that keeps producing
/// new fixes is a bug, and must not loop forever.
pub const MAX_ROUNDS: usize = 4;

/// Apply the safe fixes of `diagnostics` to `text`. Fixes are applied from
/// the end so earlier offsets stay valid; a fix overlapping one already
/// applied is left for the next round. Returns the new text and how many
/// fixes were applied.
pub fn apply(text: &str, diagnostics: &[Diagnostic]) -> (String, usize) {
    let mut fixes: Vec<_> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability == Applicability::Safe)
        .filter(|f| {
            f.range.end <= text.len()
                && text.is_char_boundary(f.range.start)
                && text.is_char_boundary(f.range.end)
        })
        .collect();
    fixes.sort_by(|a, b| {
        b.range
            .start
            .cmp(&a.range.start)
            .then(b.range.end.cmp(&a.range.end))
    });
    let mut out = text.to_owned();
    let mut applied = 0;
    let mut floor = usize::MAX;
    for fix in fixes {
        if fix.range.end > floor {
            continue;
        }
        out.replace_range(fix.range.start..fix.range.end, &fix.replacement);
        floor = fix.range.start;
        applied += 1;
    }
    (out, applied)
}

/// `--fix` for one file: apply safe fixes, lint again, repeat until nothing
/// more is fixable (at most `MAX_ROUNDS`), and write the file back in its own
/// encoding if anything changed. Returns the file as fixed, what is left to
/// report, and how many fixes were applied; or (path, reason) when the fixed
/// text cannot be written.
pub fn fix_file(
    linter: &Linter<'_>,
    path: &Path,
    mut file: SourceFile,
    mut diagnostics: Vec<Diagnostic>,
) -> Result<(SourceFile, Vec<Diagnostic>, usize), (String, String)> {
    if refuse_reason(&file).is_some() {
        return Ok((file, diagnostics, 0));
    }
    let mut applied = 0;
    for _ in 0..MAX_ROUNDS {
        let (text, n) = apply(&file.text, &diagnostics);
        if n == 0 {
            break;
        }
        applied += n;
        file = file.with_text(text);
        diagnostics = linter.check(&file);
    }
    if applied > 0 {
        let bytes = encode(&file, &file.text).map_err(|m| (file.path.clone(), m))?;
        write_atomically(path, &bytes)
            .map_err(|e| (file.path.clone(), format!("无法写回修复（{e}）")))?;
    }
    Ok((file, diagnostics, applied))
}

/// Why a file's fixes are not written.
pub fn refuse_reason(file: &SourceFile) -> Option<&'static str> {
    match file.format {
        SourceFormat::Docx => Some("不修改 .docx 文件（请在 Word 中按提示修改）"),
        SourceFormat::PlainText | SourceFormat::Markdown => None,
    }
}

/// `text` encoded the way `file` was: its encoding and BOM. Fails rather
/// than write a character the encoding cannot hold.
pub fn encode(file: &SourceFile, text: &str) -> Result<Vec<u8>, String> {
    let encoding = file.encoding;
    let mut bytes = Vec::with_capacity(text.len() + 3);
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        // encoding_rs decodes UTF-16 but, following the WHATWG standard,
        // never encodes it.
        let little = encoding == encoding_rs::UTF_16LE;
        if file.bom {
            bytes.extend_from_slice(if little { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
        }
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&if little {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        return Ok(bytes);
    }
    if encoding == encoding_rs::UTF_8 {
        if file.bom {
            bytes.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
        }
        bytes.extend_from_slice(text.as_bytes());
        return Ok(bytes);
    }
    let (encoded, _, unmappable) = encoding.encode(text);
    if unmappable {
        return Err(format!(
            "修复后的文字无法用 {} 编码保存，未写入",
            encoding.name()
        ));
    }
    bytes.extend_from_slice(&encoded);
    Ok(bytes)
}

/// Write `bytes` to `path` through a temporary file in the same directory
/// and a rename: readers see the old file or the new one, never half of
/// it. The file keeps its permissions.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "不是文件路径"))?;
    let temp = dir.join(format!(
        ".{}.{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&temp, meta.permissions())?;
        }
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Fix, Severity, TextRange};

    fn fix_at(start: usize, end: usize, replacement: &str) -> Diagnostic {
        Diagnostic {
            rule: "wording/typo",
            severity: Severity::Error,
            range: TextRange::new(start, end),
            message: String::new(),
            help: None,
            fix: Some(Fix::safe_replace(TextRange::new(start, end), replacement)),
        }
    }

    #[test]
    fn applies_from_the_end_and_skips_overlaps() {
        let text = "甲乙丙丁";
        let (out, n) = apply(
            text,
            &[fix_at(0, 3, "A"), fix_at(6, 9, "C"), fix_at(3, 9, "X")],
        );
        // 乙丙→X overlaps 丙→C; the later-starting one wins this round.
        assert_eq!((out.as_str(), n), ("A乙C丁", 2));
    }

    #[test]
    fn utf16_and_bom_round_trip() {
        for (encoding, bom) in [
            (encoding_rs::UTF_16LE, true),
            (encoding_rs::UTF_16BE, true),
            (encoding_rs::UTF_8, true),
            (encoding_rs::GB18030, false),
        ] {
            let mut file =
                SourceFile::new("t.txt", "部署\r\n工作".to_owned(), SourceFormat::PlainText);
            file.encoding = encoding;
            file.bom = bom;
            let bytes = encode(&file, &file.text).unwrap();
            let decoded = crate::source::decode::decode_as(&bytes, Some(encoding)).unwrap();
            assert_eq!(decoded.text, file.text, "{}", encoding.name());
            assert_eq!(decoded.bom, bom, "{}", encoding.name());
        }
    }
}
