//! `--fix`: apply safe fixes and write the file back exactly as it came —
//! same encoding, same BOM, same line endings — through a temporary file
//! and a rename, so a crash never leaves a half-written draft.
//!
//! Three guards stand between a rule and the author's words:
//! 1. a fix is applied only when it lies inside its own finding (plus the
//!    blanks and the line ending around it, for a finding that is a whole
//!    line), and only when it is `Safe`;
//! 2. the rounds of fix-and-relint are composed into edits of the original
//!    text (`Composition`), and the text written must be the original with
//!    exactly those edits — computed twice, independently, and compared;
//! 3. a fix that would delete more than half of a file's characters is not
//!    written: the file gets an error line and keeps every byte.

use std::io::{self, Write};
use std::path::Path;

use crate::atomic::{hidden_sibling, write_atomically};

use crate::diagnostic::{Applicability, Diagnostic, TextRange};
use crate::linter::Linter;
use crate::source::{SourceFile, SourceFormat};

/// How many rounds of fix-and-relint at most: a fix that keeps producing
/// new fixes is a bug, and must not loop forever. Each round applies at
/// least one of the fixes that overlap (the later-starting one); a
/// paragraph's batched fixes (half-width marks, straight quotes, invisible
/// characters) can overlap one another and the word fixes inside them, so
/// a few more rounds than chains of two are needed.
pub const MAX_ROUNDS: usize = 8;

/// One replacement, in the coordinates of the text it applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: TextRange,
    pub replacement: String,
}

/// Why the fixes of a file were not written. The file is left as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixError {
    /// The fixes would delete too much of the file.
    TooMuchDeleted {
        before: usize,
        after: usize,
    },
    /// The text to write is not the original with exactly the applied
    /// edits: a bug, caught before it reaches the disk.
    Inconsistent,
    /// The fixed text cannot be written in the file's own encoding.
    Unencodable(&'static str),
    /// The file is read-only.
    ReadOnly,
    Io(String),
}

impl std::fmt::Display for FixError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FixError::TooMuchDeleted { before, after } => write!(
                f,
                "修复会把文件从 {before} 字删到 {after} 字（超过一半），未写入；请人工核对"
            ),
            FixError::Inconsistent => f.write_str("修复结果与所改之处不符（程序错误），未写入"),
            FixError::Unencodable(name) => {
                write!(f, "修复后的文字无法用 {name} 编码保存，未写入")
            }
            FixError::ReadOnly => f.write_str("文件只读，未写入修复"),
            FixError::Io(e) => write!(f, "无法写回修复（{e}）"),
        }
    }
}

/// What a fix may touch: its finding's range, widened over the blanks
/// beside it and, when the finding then reaches the end of its line, that
/// line's ending — so a finding that is a whole line may delete the line.
pub fn fix_scope(text: &str, finding: TextRange) -> TextRange {
    let blank = |c: char| c != '\n' && c != '\r' && crate::document::is_blank(c);
    let before = &text[..finding.start.min(text.len())];
    let start = before.trim_end_matches(blank).len();
    let after = &text[finding.end.min(text.len())..];
    let trimmed = after.trim_start_matches(blank);
    let mut end = text.len() - trimmed.len();
    if trimmed.starts_with("\r\n") {
        end += 2;
    } else if trimmed.starts_with(['\n', '\r']) {
        end += 1;
    }
    TextRange::new(start, end)
}

/// The fixes of `diagnostics` that may be applied to `text`: at most as
/// unsure as `allowed`, inside their finding's scope, on character
/// boundaries. Sorted, and where two overlap only the later-starting one is
/// kept; the other waits for the next round.
fn applicable(
    text: &str,
    diagnostics: &[Diagnostic],
    allowed: Applicability,
) -> Vec<(Edit, TextRange)> {
    let mut fixes: Vec<(Edit, TextRange)> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref().map(|f| (d, f)))
        .filter(|(_, f)| f.applicability <= allowed)
        .filter(|(_, f)| {
            f.range.start <= f.range.end
                && f.range.end <= text.len()
                && text.is_char_boundary(f.range.start)
                && text.is_char_boundary(f.range.end)
        })
        .filter(|(d, f)| fix_scope(text, d.range).contains_range(f.range))
        .map(|(d, f)| {
            let edit = Edit {
                range: f.range,
                replacement: f.replacement.clone(),
            };
            (edit, fix_scope(text, d.range))
        })
        .collect();
    fixes.sort_by(|a, b| {
        b.0.range
            .start
            .cmp(&a.0.range.start)
            .then(b.0.range.end.cmp(&a.0.range.end))
    });
    let mut floor = usize::MAX;
    fixes.retain(|(edit, _)| {
        let keep = edit.range.end <= floor;
        if keep {
            floor = edit.range.start;
        }
        keep
    });
    fixes.reverse();
    fixes
}

/// `text` with `edits` (sorted, not overlapping) applied.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        out.push_str(&text[at..edit.range.start]);
        out.push_str(&edit.replacement);
        at = edit.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Apply the safe fixes of `diagnostics` to `text` (one round). Returns the
/// new text and the edits applied, in `text`'s coordinates.
pub fn apply(text: &str, diagnostics: &[Diagnostic]) -> (String, Vec<Edit>) {
    let edits: Vec<Edit> = applicable(text, diagnostics, Applicability::Safe)
        .into_iter()
        .map(|(edit, _)| edit)
        .collect();
    (apply_edits(text, &edits), edits)
}

/// A piece of the current text: a stretch of the original, or text a fix
/// put in.
#[derive(Debug, Clone)]
enum Piece {
    Original(TextRange),
    Inserted(String),
}

impl Piece {
    fn len(&self) -> usize {
        match self {
            Piece::Original(r) => r.len(),
            Piece::Inserted(s) => s.len(),
        }
    }
}

/// Rounds of edits composed into one list of edits of the original text:
/// the current text is kept as pieces of the original and insertions.
#[derive(Debug, Clone)]
pub struct Composition {
    original_len: usize,
    pieces: Vec<Piece>,
}

impl Composition {
    pub fn new(original_len: usize) -> Self {
        Self {
            original_len,
            pieces: vec![Piece::Original(TextRange::new(0, original_len))],
        }
    }

    /// Where each piece starts in the current text.
    fn starts(&self) -> Vec<usize> {
        let mut at = 0;
        self.pieces
            .iter()
            .map(|p| {
                let start = at;
                at += p.len();
                start
            })
            .collect()
    }

    fn current_len(&self) -> usize {
        self.pieces.iter().map(Piece::len).sum()
    }

    /// The pieces covering `[from, to)` of the current text.
    fn slice(&self, starts: &[usize], from: usize, to: usize, out: &mut Vec<Piece>) {
        if from >= to {
            return;
        }
        let mut i = starts.partition_point(|&s| s <= from).saturating_sub(1);
        while i < self.pieces.len() && starts[i] < to {
            let piece_start = starts[i];
            let piece_end = piece_start + self.pieces[i].len();
            let (a, b) = (from.max(piece_start), to.min(piece_end));
            if a < b {
                out.push(match &self.pieces[i] {
                    Piece::Original(r) => Piece::Original(TextRange::new(
                        r.start + (a - piece_start),
                        r.start + (b - piece_start),
                    )),
                    Piece::Inserted(s) => {
                        Piece::Inserted(s[a - piece_start..b - piece_start].to_owned())
                    }
                });
            }
            i += 1;
        }
    }

    /// Apply `edits` (sorted, not overlapping, in the current text's
    /// coordinates).
    pub fn apply(&mut self, edits: &[Edit]) {
        let starts = self.starts();
        let mut out = Vec::with_capacity(self.pieces.len() + 2 * edits.len());
        let mut at = 0;
        for edit in edits {
            self.slice(&starts, at, edit.range.start, &mut out);
            if !edit.replacement.is_empty() {
                out.push(Piece::Inserted(edit.replacement.clone()));
            }
            at = edit.range.end;
        }
        let len = self.current_len();
        self.slice(&starts, at, len, &mut out);
        self.pieces = out;
    }

    /// Where offset `at` of the current text stands in the original: inside
    /// inserted text, where that insertion sits.
    pub fn to_original(&self, at: usize) -> usize {
        let mut piece_start = 0;
        // The end of the last piece of the original passed so far.
        let mut original_at = 0;
        for piece in &self.pieces {
            let piece_end = piece_start + piece.len();
            match piece {
                Piece::Original(r) if at < piece_end => {
                    return r.start + at.saturating_sub(piece_start);
                }
                Piece::Original(r) => original_at = r.end,
                Piece::Inserted(_) if at < piece_end => return original_at,
                Piece::Inserted(_) => {}
            }
            piece_start = piece_end;
        }
        // The end of the current text stands for the end of the original:
        // whatever followed was deleted or replaced by earlier fixes.
        self.original_len
    }

    /// The current text, built from `original` and the pieces.
    pub fn render(&self, original: &str) -> String {
        let mut out = String::with_capacity(self.current_len());
        for piece in &self.pieces {
            match piece {
                Piece::Original(r) => out.push_str(&original[r.start..r.end]),
                Piece::Inserted(s) => out.push_str(s),
            }
        }
        out
    }

    /// The edits of the original that give the current text, sorted and
    /// not overlapping; adjacent changes are one edit.
    pub fn edits(&self) -> Vec<Edit> {
        let mut edits = Vec::new();
        let mut original_at = 0;
        let mut pending = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Inserted(s) => pending.push_str(s),
                Piece::Original(r) => {
                    if r.start > original_at || !pending.is_empty() {
                        edits.push(Edit {
                            range: TextRange::new(original_at, r.start),
                            replacement: std::mem::take(&mut pending),
                        });
                    }
                    original_at = r.end;
                }
            }
        }
        if original_at < self.original_len || !pending.is_empty() {
            edits.push(Edit {
                range: TextRange::new(original_at, self.original_len),
                replacement: pending,
            });
        }
        edits
    }
}

/// The last guard before the disk: `fixed` must be `original` with exactly
/// `composition`'s edits applied, every edit must lie inside what the
/// applied fixes' findings allowed (`allowed`, in original coordinates),
/// and at most half of the characters may go.
fn check_fixed_text(
    original: &str,
    fixed: &str,
    composition: &Composition,
    allowed: &[TextRange],
) -> Result<(), FixError> {
    if composition.render(original) != fixed {
        return Err(FixError::Inconsistent);
    }
    let mut merged: Vec<TextRange> = Vec::new();
    let mut sorted = allowed.to_vec();
    sorted.sort();
    for r in sorted {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    let edits = composition.edits();
    let inside = |e: &Edit| merged.iter().any(|m| m.contains_range(e.range));
    if !edits.iter().all(inside) || apply_edits(original, &edits) != fixed {
        return Err(FixError::Inconsistent);
    }
    let before = original.chars().count();
    let after = fixed.chars().count();
    if after * 2 < before {
        return Err(FixError::TooMuchDeleted { before, after });
    }
    Ok(())
}

/// The result of `--fix` on one file.
pub struct Fixed {
    /// The file as it now stands on disk (unchanged when nothing was written).
    pub file: SourceFile,
    /// What is left to report.
    pub diagnostics: Vec<Diagnostic>,
    /// The edits written, in the original text's coordinates.
    pub edits: Vec<Edit>,
    /// Fixes applied over all rounds (0 when nothing was written).
    pub applied: usize,
    /// Why nothing was written although fixes were found.
    pub error: Option<FixError>,
}

/// Apply the fixes `allowed` permits (`Safe`: `--fix`; `Unsafe`: `--fix
/// --unsafe-fixes`), lint again, repeat until nothing more is fixable (at
/// most `MAX_ROUNDS`). Pure: returns the fixed text without writing it.
pub fn fix_text(
    linter: &Linter<'_>,
    file: &SourceFile,
    diagnostics: &[Diagnostic],
    allowed: Applicability,
) -> (
    SourceFile,
    Vec<Diagnostic>,
    Composition,
    usize,
    Result<(), FixError>,
) {
    let mut current = file.clone();
    let mut found = diagnostics.to_vec();
    let mut composition = Composition::new(file.text.len());
    let mut scopes: Vec<TextRange> = Vec::new();
    let mut applied = 0;
    for _ in 0..MAX_ROUNDS {
        let fixes = applicable(&current.text, &found, allowed);
        if fixes.is_empty() {
            break;
        }
        for (_, scope) in &fixes {
            scopes.push(TextRange::new(
                composition.to_original(scope.start),
                composition.to_original(scope.end),
            ));
        }
        let edits: Vec<Edit> = fixes.into_iter().map(|(edit, _)| edit).collect();
        applied += edits.len();
        composition.apply(&edits);
        current = current.with_text(apply_edits(&current.text, &edits));
        found = linter.check(&current);
    }
    let verdict = if applied == 0 {
        Ok(())
    } else {
        check_fixed_text(&file.text, &current.text, &composition, &scopes)
    };
    (current, found, composition, applied, verdict)
}

/// `--fix` for one file: fix the text (`fix_text`), and write it back in
/// its own encoding if anything changed and every guard holds. When the
/// fixes cannot be written, the file is untouched and its original
/// findings are returned with the error.
pub fn fix_file(
    linter: &Linter<'_>,
    path: &Path,
    file: SourceFile,
    diagnostics: Vec<Diagnostic>,
    allowed: Applicability,
) -> Fixed {
    let unchanged = |file: SourceFile, diagnostics: Vec<Diagnostic>, error| Fixed {
        file,
        diagnostics,
        edits: Vec::new(),
        applied: 0,
        error,
    };
    if refuse_reason(&file).is_some() {
        return unchanged(file, diagnostics, None);
    }
    let (fixed, remaining, composition, applied, verdict) =
        fix_text(linter, &file, &diagnostics, allowed);
    if applied == 0 {
        return unchanged(file, diagnostics, None);
    }
    let written = verdict
        .and_then(|()| encode(&fixed, &fixed.text))
        .and_then(|bytes| write_fixed(path, &bytes));
    match written {
        Ok(()) => Fixed {
            file: fixed,
            diagnostics: remaining,
            edits: composition.edits(),
            applied,
            error: None,
        },
        Err(error) => unchanged(file, diagnostics, Some(error)),
    }
}

/// Why a file's fixes are not written.
pub fn refuse_reason(file: &SourceFile) -> Option<&'static str> {
    match file.format {
        SourceFormat::Docx => Some("不修改 .docx 文件（请在 Word 中按提示修改）"),
        SourceFormat::PlainText | SourceFormat::Markdown => None,
    }
}

/// Write a fixed draft over `path`, respecting what the file is:
/// - a symbolic link: the file it points to is written; the link stays;
/// - a read-only file: refused, the file is left alone;
/// - a file with other hard links: written in place, so every link sees
///   the fix, after a copy of the old content is put aside atomically (and
///   put back if the write fails);
/// - otherwise: a temporary file in the same directory, renamed over it.
fn write_fixed(path: &Path, bytes: &[u8]) -> Result<(), FixError> {
    let io_error = |e: io::Error| FixError::Io(e.to_string());
    let target = std::fs::canonicalize(path).map_err(io_error)?;
    let meta = std::fs::metadata(&target).map_err(io_error)?;
    if meta.permissions().readonly() {
        return Err(FixError::ReadOnly);
    }
    if hard_link_count(&meta) > 1 {
        return write_in_place(&target, bytes);
    }
    write_atomically(&target, bytes).map_err(io_error)
}

#[cfg(unix)]
fn hard_link_count(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn hard_link_count(_meta: &std::fs::Metadata) -> u64 {
    1
}

/// Overwrite `path` in place (keeping its inode and so its hard links),
/// with the old content copied aside first and restored on failure.
fn write_in_place(path: &Path, bytes: &[u8]) -> Result<(), FixError> {
    let io_error = |e: io::Error| FixError::Io(e.to_string());
    let old = std::fs::read(path).map_err(io_error)?;
    let backup = hidden_sibling(path, "gwlint-backup").map_err(io_error)?;
    write_atomically(&backup, &old).map_err(io_error)?;
    let overwrite = |content: &[u8]| -> io::Result<()> {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(path)?;
        file.write_all(content)?;
        file.sync_all()
    };
    match overwrite(bytes) {
        Ok(()) => {
            let _ = std::fs::remove_file(&backup);
            Ok(())
        }
        Err(e) => match overwrite(&old) {
            Ok(()) => {
                let _ = std::fs::remove_file(&backup);
                Err(io_error(e))
            }
            Err(_) => Err(FixError::Io(format!(
                "{e}；原文件已另存为 {}",
                backup.display()
            ))),
        },
    }
}

/// `text` encoded the way `file` was: its encoding and BOM. Fails rather
/// than write a character the encoding cannot hold.
pub fn encode(file: &SourceFile, text: &str) -> Result<Vec<u8>, FixError> {
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
        return Err(FixError::Unencodable(encoding.name()));
    }
    bytes.extend_from_slice(&encoded);
    Ok(bytes)
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
        let (out, edits) = apply(
            text,
            &[fix_at(0, 3, "A"), fix_at(6, 9, "C"), fix_at(3, 9, "X")],
        );
        // 乙丙→X overlaps 丙→C; the later-starting one wins this round.
        assert_eq!((out.as_str(), edits.len()), ("A乙C丁", 2));
    }

    #[test]
    fn a_fix_outside_its_finding_is_not_applied() {
        let text = "甲乙丙丁\n";
        let mut d = fix_at(3, 6, "");
        // The finding is 乙; the fix would also delete 丙.
        d.fix = Some(Fix::safe_delete(TextRange::new(3, 9)));
        assert_eq!(apply(text, &[d]).1, []);
        // A finding that is the whole line may take the line's ending.
        let mut whole = fix_at(0, 12, "");
        whole.fix = Some(Fix::safe_delete(TextRange::new(0, 13)));
        assert_eq!(apply(text, &[whole]).0, "");
    }

    #[test]
    fn an_unsafe_fix_is_not_applied() {
        let mut d = fix_at(0, 3, "A");
        d.fix.as_mut().unwrap().applicability = Applicability::Unsafe;
        assert_eq!(apply("甲乙", &[d]).0, "甲乙");
    }

    #[test]
    fn rounds_compose_into_edits_of_the_original() {
        let original = "一二三四五六";
        let mut composition = Composition::new(original.len());
        // Round 1: delete 二, replace 五 with X.
        let round1 = [
            Edit {
                range: TextRange::new(3, 6),
                replacement: String::new(),
            },
            Edit {
                range: TextRange::new(12, 15),
                replacement: "X".into(),
            },
        ];
        let text1 = apply_edits(original, &round1);
        composition.apply(&round1);
        assert_eq!(composition.render(original), text1);
        // Round 2, in round 1's coordinates: delete 三, replace X with YZ.
        let round2 = [
            Edit {
                range: TextRange::new(3, 6),
                replacement: String::new(),
            },
            Edit {
                range: TextRange::new(9, 10),
                replacement: "YZ".into(),
            },
        ];
        let text2 = apply_edits(&text1, &round2);
        composition.apply(&round2);
        assert_eq!(text2, "一四YZ六");
        assert_eq!(composition.render(original), text2);
        assert_eq!(
            composition.edits(),
            [
                Edit {
                    range: TextRange::new(3, 9),
                    replacement: String::new()
                },
                Edit {
                    range: TextRange::new(12, 15),
                    replacement: "YZ".into()
                },
            ]
        );
        assert_eq!(apply_edits(original, &composition.edits()), text2);
        // 四 is at 3 now, 9 in the original; the end maps to the end.
        assert_eq!(composition.to_original(3), 9);
        assert_eq!(composition.to_original(text2.len()), original.len());
    }

    #[test]
    fn the_guard_refuses_to_delete_more_than_half() {
        let original = "甲乙丙丁";
        let mut composition = Composition::new(original.len());
        let edits = [Edit {
            range: TextRange::new(0, 9),
            replacement: String::new(),
        }];
        composition.apply(&edits);
        let fixed = apply_edits(original, &edits);
        let allowed = [TextRange::new(0, 9)];
        assert!(matches!(
            check_fixed_text(original, &fixed, &composition, &allowed),
            Err(FixError::TooMuchDeleted {
                before: 4,
                after: 1
            })
        ));
        // An edit outside what the findings allowed is refused too.
        let small = [TextRange::new(0, 3)];
        assert_eq!(
            check_fixed_text(original, &fixed, &composition, &small),
            Err(FixError::Inconsistent)
        );
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
