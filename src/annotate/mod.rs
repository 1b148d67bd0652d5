//! Review copies (`gwlint annotate`): the same Word document with one
//! comment (批注) by `gwlint` on the exact text of each finding, and, when
//! asked, the safe fixes as tracked changes the writer accepts or rejects in
//! Word. A `.txt` or `.md` draft becomes a .docx of its text first.
//!
//! The copy is the original package with a few parts rewritten: the XML
//! parts whose text has findings (runs split where a comment starts or
//! ends, nothing else touched), the comments part (a person's comments are
//! kept, ours added after them), and, when the document had no comments,
//! its relationship and content type. Every other entry is copied as
//! compressed bytes, photos included.
//!
//! Where a character is in the XML comes from the .docx reader itself
//! (`source::docx::read_docx_layout`), so a comment lands on the same text
//! `check` reports. Nothing here prints or writes files: callers get bytes.

mod edit;
mod package;
mod plain;

use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::source::{SourceFile, SourceFormat};

/// The author of every comment and tracked change.
/// Why a review copy could not be made. One line each, naming no path (the
/// command line adds it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnnotateError {
    /// The draft could not be read again (its reader's message).
    #[error("{0}")]
    Read(String),
    #[error("文件在检查后被改动，请重新运行")]
    Changed,
    /// A part's XML ends inside a run or a `w:t`: it cannot be split.
    #[error("不是完整的 .docx：{0} 的 XML 不完整，无法加批注")]
    Incomplete(String),
    /// A package part the copy must edit is not what the format says.
    #[error("不是有效的 .docx（{0} 格式不对）")]
    Malformed(&'static str),
    #[error("不是有效的 .docx（缺少 {0}）")]
    Missing(&'static str),
    /// Writing the new package failed.
    #[error("无法生成审阅稿（{0}）")]
    Package(String),
}

pub const AUTHOR: &str = "gwlint";

/// What becomes of safe fixes in the copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixes {
    /// Only named in the comment; the text is not changed.
    InComments,
    /// Written as tracked changes (`w:del`/`w:ins` by `gwlint`).
    Tracked,
}

/// A review copy, ready to be written.
#[derive(Debug)]
pub struct ReviewCopy {
    pub bytes: Vec<u8>,
    /// Comments added (one per finding).
    pub comments: usize,
    /// Fixes written as tracked changes.
    pub tracked: usize,
}

/// Where the review copy of `input` goes by default: `稿.docx` →
/// `稿.gwlint.docx`; any other draft keeps its extension in the name,
/// `稿.txt` → `稿.txt.gwlint.docx`, so `稿.txt` and `稿.docx` side by side
/// never share a copy.
pub fn review_copy_path(input: &Path) -> PathBuf {
    let name = input.file_name().unwrap_or_default().to_string_lossy();
    let is_docx = SourceFile::format_for_path(&name) == SourceFormat::Docx;
    let stem = match (is_docx, name.rfind('.')) {
        (true, Some(dot)) => &name[..dot],
        _ => &name[..],
    };
    input.with_file_name(format!("{stem}.gwlint.docx"))
}

/// Whether `path` names a review copy (`*.gwlint.docx`), which is output,
/// not a draft.
pub fn is_review_copy(path: &Path) -> bool {
    path.file_name()
        .map(|n| n.to_string_lossy().to_lowercase().ends_with(".gwlint.docx"))
        .unwrap_or(false)
}

/// The review copy of a .docx. `text` is the text `diagnostics` were found
/// in (what the .docx reader made of the same file); a file whose text now
/// reads differently is refused rather than commented in the wrong place.
pub fn annotate_docx<R: Read + Seek>(
    docx: R,
    text: &str,
    diagnostics: &[Diagnostic],
    fixes: Fixes,
) -> Result<ReviewCopy, AnnotateError> {
    package::annotate(docx, text, diagnostics, fixes)
}

/// The review copy of a text or Markdown draft: a new .docx with one
/// paragraph per line, and the comments.
pub fn annotate_text(
    file: &SourceFile,
    diagnostics: &[Diagnostic],
    fixes: Fixes,
) -> Result<ReviewCopy, AnnotateError> {
    let (docx, text, diagnostics) = plain::to_docx(file, diagnostics)?;
    package::annotate(std::io::Cursor::new(docx), &text, &diagnostics, fixes)
}

/// The review copy of a file as read by `source::read`: .docx files are read
/// again from `path` (their photos are copied, never decoded), other
/// drafts are written as a new .docx.
pub fn review_copy(
    path: &Path,
    file: &SourceFile,
    diagnostics: &[Diagnostic],
    fixes: Fixes,
) -> Result<ReviewCopy, AnnotateError> {
    if file.format == SourceFormat::Docx && !file.text.is_empty() {
        let docx = std::fs::File::open(path)
            .map_err(|e| AnnotateError::Read(crate::source::read::io_message(&e)))?;
        annotate_docx(
            std::io::BufReader::new(docx),
            &file.text,
            diagnostics,
            fixes,
        )
    } else {
        annotate_text(file, diagnostics, fixes)
    }
}

/// The content of a run holding `text`: `w:t` elements, and a `w:tab`
/// for each tab (as Word writes them, and as the reader reads them back).
fn run_content(text: &str) -> String {
    let mut content = String::new();
    for (i, piece) in text.split('\t').enumerate() {
        if i > 0 {
            content.push_str("<w:tab/>");
        }
        if !piece.is_empty() {
            content.push_str("<w:t xml:space=\"preserve\">");
            content.push_str(&crate::report::junit::xml_escape(piece));
            content.push_str("</w:t>");
        }
    }
    content
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_copy_names() {
        assert_eq!(
            review_copy_path(Path::new("a/稿.docx")),
            Path::new("a/稿.gwlint.docx")
        );
        assert_eq!(
            review_copy_path(Path::new("稿.txt")),
            Path::new("稿.txt.gwlint.docx")
        );
        assert_eq!(
            review_copy_path(Path::new("README")),
            Path::new("README.gwlint.docx")
        );
        assert!(is_review_copy(Path::new("x/稿.GWLINT.docx")));
        assert!(!is_review_copy(Path::new("稿.docx")));
    }
}
