//! What a file is, from its first bytes and its extension: the kinds gwlint
//! refuses (legacy Word, PDF, RTF, images, a zip that is not a .docx…),
//! each with what the user can do about it.

use std::path::Path;

use super::SourceFormat;

/// Files recognised by their first bytes (or extension) that are not text
/// we can read, with what to do about them.
pub(crate) fn refused_kind(name: &str, bytes: &[u8], format: SourceFormat) -> Option<&'static str> {
    const OLE: &[u8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";
    let extension = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if bytes.starts_with(OLE) {
        return Some(if format == SourceFormat::Docx {
            "加密的或实为旧版格式的 .docx，请在 Word 或 WPS 中另存为未加密的 .docx"
        } else {
            "旧版 Word/WPS 格式（.doc/.wps），请在 Word 或 WPS 中另存为 .docx 后再检查"
        });
    }
    if matches!(extension.as_str(), "doc" | "wps" | "dot" | "wpt") {
        return Some("旧版 Word/WPS 格式（.doc/.wps），请在 Word 或 WPS 中另存为 .docx 后再检查");
    }
    if bytes.starts_with(b"%PDF-") {
        return Some("这是 PDF 文件，不是文本；请检查原稿（.docx 或 .txt）");
    }
    if bytes.starts_with(b"{\\rtf") {
        return Some("这是 RTF 文件，请另存为 .docx 或 .txt");
    }
    let image = [
        &b"\x89PNG"[..],
        b"\xff\xd8\xff",
        b"GIF87a",
        b"GIF89a",
        b"RIFF",
        b"II*\0",
        b"MM\0*",
    ];
    if image.iter().any(|magic| bytes.starts_with(magic)) {
        return Some("这是图片或媒体文件（二进制内容），不是文本");
    }
    let zip = bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06");
    match (format, zip) {
        (SourceFormat::Docx, false) => Some("不是有效的 .docx（不是 zip 格式的 Word 文档）"),
        (SourceFormat::PlainText | SourceFormat::Markdown, true) => {
            Some("这是 zip 压缩包（如是 Word 文档，请使用 .docx 扩展名），不是文本")
        }
        _ => None,
    }
}
