//! A text or Markdown draft as a new .docx: one Word paragraph per line,
//! A4 with the margins of GB/T 9704, 仿宋 三号. Line N of the draft is
//! paragraph N of the document and every column stays where it was, so
//! findings move over by their line and column.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::diagnostic::{Diagnostic, TextRange};
use crate::source::SourceFile;

use super::AnnotateError;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312" w:cs="Times New Roman"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="560" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>"#;

/// The .docx of `file`'s text, that text as the .docx reader will read it
/// back, and the findings moved onto it.
pub fn to_docx(
    file: &SourceFile,
    diagnostics: &[Diagnostic],
) -> Result<(Vec<u8>, String, Vec<Diagnostic>), AnnotateError> {
    let mut lines: Vec<&str> = file.text.split('\n').collect();
    if lines.len() > 1 && lines.last() == Some(&"") {
        lines.pop();
    }
    // Each line as a paragraph: a final `\r` dropped, characters XML cannot
    // hold replaced by ones of the same length, so columns do not move.
    let mut text = String::with_capacity(file.text.len() + 1);
    let mut starts = Vec::with_capacity(lines.len());
    let mut body = String::new();
    for line in &lines {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let clean: String = line.chars().map(xml_safe).collect();
        starts.push(text.len());
        text.push_str(&clean);
        text.push('\n');
        body.push_str(&paragraph(&clean));
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    );
    let bytes = package(&document).map_err(|e| AnnotateError::Package(e.to_string()))?;

    // Source line starts, to move each offset to its line and column.
    let mut source_starts = vec![0];
    source_starts.extend(memchr::memchr_iter(b'\n', file.text.as_bytes()).map(|i| i + 1));
    let move_offset = |offset: usize| {
        let line = source_starts.partition_point(|&s| s <= offset) - 1;
        let Some(&start) = starts.get(line) else {
            return text.len();
        };
        let len = text[start..].find('\n').unwrap_or(0);
        start + (offset - source_starts[line]).min(len)
    };
    let move_range = |r: TextRange| {
        TextRange::new(
            move_offset(r.start),
            move_offset(r.end).max(move_offset(r.start)),
        )
    };
    let moved = diagnostics
        .iter()
        .map(|d| {
            let mut d = d.clone();
            d.range = move_range(d.range);
            if let Some(fix) = &mut d.fix {
                fix.range = move_range(fix.range);
            }
            d
        })
        .collect();
    Ok((bytes, text, moved))
}

/// A character XML 1.0 can hold, of the same UTF-8 length.
fn xml_safe(c: char) -> char {
    match c {
        '\t' => c,
        '\u{0}'..='\u{1f}' => ' ',
        '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
        c => c,
    }
}

/// One Word paragraph; a tab is a `w:tab`, as Word writes it.
fn paragraph(line: &str) -> String {
    if line.is_empty() {
        return "<w:p/>".to_owned();
    }
    let run = super::run_content(line);
    format!("<w:p><w:r>{run}</w:r></w:p>")
}

fn package(document: &str) -> zip::result::ZipResult<Vec<u8>> {
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/styles.xml", STYLES),
        ("word/document.xml", document),
    ] {
        writer.start_file(name, options)?;
        writer.write_all(content.as_bytes())?;
    }
    Ok(writer.finish()?.into_inner())
}
