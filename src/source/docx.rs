//! `.docx` → text: one Word paragraph per line, so line N of the text is
//! 段落 N of the document and every byte offset, line and column works as in
//! a text file.
//!
//! What is read, in this order: the body (`word/document.xml`: paragraphs,
//! headings, table cells, text boxes), then footnotes, endnotes, headers and
//! footers. Which paragraphs came from which part is kept in
//! `SourceFile::parts`, which paragraphs Word numbers automatically
//! (`w:numPr`, directly or through the paragraph style) in
//! `SourceFile::auto_numbered`: that number is not in the text.
//!
//! Inside a paragraph `w:t` is text, `w:tab` a tab, `w:br`/`w:cr` a space
//! (a line break must not start a new line, or line N would no longer be
//! paragraph N). Deleted text of tracked changes, field codes and the
//! duplicate fallback copy of text boxes are skipped.
//!
//! `read_docx_layout` reads the same text and also keeps, for each part, its
//! XML and where every character of a paragraph came from (which `w:t`,
//! `w:tab`… in which `w:r`), so that `annotate` can write comments and
//! tracked changes on the exact text a finding names. `check` never asks for
//! it: the layout is a compile-time switch of the same reader, not a second
//! one.
//!
//! A .docx is a zip of XML and could be a zip bomb: the XML read is capped
//! in total (`MAX_XML_BYTES`, counted while inflating, not trusted from the
//! header) and so is the number of entries.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read, Seek};
use std::ops::Range;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::DecodeError;

/// Total XML inflated from one .docx. A 500-page report is a few MiB of XML.
pub const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;
/// Zip entries in one .docx; Word writes a few dozen.
pub const MAX_ENTRIES: usize = 10_000;

/// Where a paragraph of a .docx comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocxPart {
    Body,
    Footnote,
    Endnote,
    Header,
    Footer,
}

impl DocxPart {
    /// How the part is named in output (`正文`, `页眉`…).
    pub fn label(self) -> &'static str {
        match self {
            DocxPart::Body => "正文",
            DocxPart::Footnote => "脚注",
            DocxPart::Endnote => "尾注",
            DocxPart::Header => "页眉",
            DocxPart::Footer => "页脚",
        }
    }

    /// The JSON name (`body`, `header`…).
    pub fn as_str(self) -> &'static str {
        match self {
            DocxPart::Body => "body",
            DocxPart::Footnote => "footnote",
            DocxPart::Endnote => "endnote",
            DocxPart::Header => "header",
            DocxPart::Footer => "footer",
        }
    }
}

/// The paragraphs (0-based line indexes) one part of a .docx became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartRange {
    pub part: DocxPart,
    pub paragraphs: Range<usize>,
}

/// A .docx as text, with where each paragraph came from.
#[derive(Debug, Default)]
pub struct DocxText {
    /// Paragraphs, each followed by `\n`.
    pub text: String,
    pub parts: Vec<PartRange>,
    /// 0-based indexes of paragraphs numbered by Word's list numbering.
    pub auto_numbered: Vec<usize>,
}

/// Where the text of a .docx came from in its XML (see `read_docx_layout`).
#[derive(Debug, Default)]
pub struct DocxLayout {
    /// The parts that hold paragraphs, in text order.
    pub parts: Vec<PartXml>,
}

/// One XML part of a .docx (`word/document.xml`, `word/header1.xml`…).
#[derive(Debug)]
pub struct PartXml {
    /// Name in the zip.
    pub name: String,
    pub part: DocxPart,
    pub xml: String,
    /// 0-based line (paragraph) of the text where this part starts.
    pub first_line: usize,
    /// One per line of this part, in text order.
    pub paragraphs: Vec<ParagraphXml>,
    pub runs: Vec<RunXml>,
    /// The `w:t` elements that hold text.
    pub texts: Vec<TextXml>,
}

/// A `w:p` element and the XML its text came from.
#[derive(Debug, Clone, Default)]
pub struct ParagraphXml {
    /// `<w:p …>`, or the whole of an empty `<w:p/>`.
    pub start_tag: Range<usize>,
    /// `<w:pPr>…</w:pPr>`, the paragraph's properties.
    pub properties: Option<Range<usize>>,
    /// Where its text came from, in text order.
    pub pieces: Vec<Piece>,
}

/// A stretch of a paragraph's text and where it is in the XML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Bytes of the paragraph's text (without the paragraph's start offset).
    pub text: Range<usize>,
    /// Bytes of the XML: escaped characters inside a `w:t`, an entity
    /// reference, or an element such as `<w:tab/>`.
    pub xml: Range<usize>,
    pub kind: PieceKind,
    /// The innermost `w:r` holding it (index into `PartXml::runs`).
    pub run: Option<usize>,
    /// The `w:t` holding it (index into `PartXml::texts`).
    pub text_element: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    /// Plain escaped text: can be cut between any two characters.
    Text,
    /// One unit: an entity reference, a CDATA section, `<w:tab/>`, `<w:br/>`.
    Unit,
}

/// A `w:r` element.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunXml {
    /// `<w:r …>`.
    pub start_tag: Range<usize>,
    /// `<w:rPr>…</w:rPr>`, the run's formatting.
    pub properties: Option<Range<usize>>,
    /// `</w:r>`.
    pub end_tag: Range<usize>,
}

/// A `w:t` element.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextXml {
    pub start_tag: Range<usize>,
    pub end_tag: Range<usize>,
}

fn corrupt(detail: impl std::fmt::Display) -> DecodeError {
    DecodeError::Other(format!("不是有效的 .docx：文件损坏或不完整（{detail}）"))
}

fn too_big() -> DecodeError {
    DecodeError::Other(format!(
        "不是正常的 .docx：解压后的 XML 超过 {} MiB（疑似压缩炸弹）",
        MAX_XML_BYTES >> 20
    ))
}

/// Read the text of a .docx held in memory.
pub fn read_docx(bytes: &[u8]) -> Result<DocxText, DecodeError> {
    read_docx_from(Cursor::new(bytes))
}

/// Read the text of a .docx from a file (or anything seekable). Only the
/// XML parts are inflated: a draft full of photos is read without loading
/// the photos.
pub fn read_docx_from<R: Read + Seek>(reader: R) -> Result<DocxText, DecodeError> {
    read::<R, false>(reader).map(|(text, _)| text)
}

/// Read the text of a .docx and where each character of it is in the XML.
pub fn read_docx_layout<R: Read + Seek>(reader: R) -> Result<(DocxText, DocxLayout), DecodeError> {
    read::<R, true>(reader)
}

fn read<R: Read + Seek, const LAYOUT: bool>(
    reader: R,
) -> Result<(DocxText, DocxLayout), DecodeError> {
    let mut archive = zip::ZipArchive::new(reader).map_err(corrupt)?;
    if archive.len() > MAX_ENTRIES {
        return Err(DecodeError::Other(format!(
            "不是正常的 .docx：含 {} 个压缩条目（上限 {MAX_ENTRIES}）",
            archive.len()
        )));
    }
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.map(|n| n.into_owned()))
        .collect::<Result<_, _>>()
        .map_err(corrupt)?;
    if !names.iter().any(|n| n == "word/document.xml") {
        return Err(DecodeError::Other(
            "不是 Word 文档（zip 中没有 word/document.xml）".to_owned(),
        ));
    }
    let mut budget = MAX_XML_BYTES;
    let numbered_styles = match names.iter().any(|n| n == "word/styles.xml") {
        true => numbered_styles(&read_part(&mut archive, "word/styles.xml", &mut budget)?),
        false => HashSet::new(),
    };
    let mut parts = vec![("word/document.xml".to_owned(), DocxPart::Body)];
    for (prefix, part) in [
        ("word/footnotes", DocxPart::Footnote),
        ("word/endnotes", DocxPart::Endnote),
        ("word/header", DocxPart::Header),
        ("word/footer", DocxPart::Footer),
    ] {
        let mut found: Vec<&String> = names
            .iter()
            .filter(|n| {
                n.starts_with(prefix) && n.ends_with(".xml") && !n[prefix.len()..].contains('/')
            })
            .collect();
        // header2.xml before header10.xml.
        found.sort_by_key(|n| (n.len(), n.as_str()));
        parts.extend(found.into_iter().map(|n| (n.clone(), part)));
    }

    let mut out = DocxText::default();
    let mut layout = DocxLayout::default();
    let mut line = 0usize;
    for (name, part) in parts {
        let xml = read_part(&mut archive, &name, &mut budget)?;
        let (paragraphs, marks) = paragraphs::<LAYOUT>(&xml, &numbered_styles)
            .map_err(|e| DecodeError::Other(format!("不是有效的 .docx：{name} 格式损坏（{e}）")))?;
        let first = line;
        let mut located = Vec::new();
        for p in paragraphs {
            if p.numbered {
                out.auto_numbered.push(line);
            }
            out.text.push_str(&p.text);
            out.text.push('\n');
            line += 1;
            if LAYOUT {
                located.push(p.xml);
            }
        }
        if line > first {
            out.parts.push(PartRange {
                part,
                paragraphs: first..line,
            });
            if LAYOUT {
                layout.parts.push(PartXml {
                    name,
                    part,
                    xml,
                    first_line: first,
                    paragraphs: located,
                    runs: marks.runs,
                    texts: marks.texts,
                });
            }
        }
    }
    Ok((out, layout))
}

/// Inflate one entry, charging its real size to `budget`.
pub(crate) fn read_part<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
    budget: &mut u64,
) -> Result<String, DecodeError> {
    let entry = archive.by_name(name).map_err(corrupt)?;
    if entry.size() > *budget {
        return Err(too_big());
    }
    let mut xml = Vec::new();
    entry
        .take(*budget + 1)
        .read_to_end(&mut xml)
        .map_err(corrupt)?;
    if xml.len() as u64 > *budget {
        return Err(too_big());
    }
    *budget -= xml.len() as u64;
    let xml = match xml.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => rest.to_vec(),
        None => xml,
    };
    String::from_utf8(xml)
        .map_err(|_| DecodeError::Other(format!("不是有效的 .docx：{name} 不是 UTF-8 编码的 XML")))
}

fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| a.value.into_owned())
}

/// Style ids whose paragraphs Word numbers (the style, or one it is based
/// on, has a `w:numPr` with a non-zero `w:numId`).
fn numbered_styles(xml: &str) -> HashSet<String> {
    let mut based_on: HashMap<String, String> = HashMap::new();
    let mut numbered: HashSet<String> = HashSet::new();
    let mut reader = Reader::from_str(xml);
    let mut style: Option<String> = None;
    let mut in_numpr = false;
    loop {
        let (event_is_start, e) = match reader.read_event() {
            Ok(Event::Start(e)) => (true, e),
            Ok(Event::Empty(e)) => (false, e),
            Ok(Event::End(e)) => {
                match e.name().as_ref() {
                    "w:style" => style = None,
                    "w:numPr" => in_numpr = false,
                    _ => {}
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        match e.name().as_ref() {
            "w:style" if event_is_start => style = attribute(&e, "w:styleId"),
            "w:numPr" => in_numpr = event_is_start,
            "w:numId" if in_numpr => {
                if let Some(id) = &style
                    && attribute(&e, "w:val").is_some_and(|v| v != "0")
                {
                    numbered.insert(id.clone());
                }
            }
            "w:basedOn" => {
                if let (Some(id), Some(parent)) = (&style, attribute(&e, "w:val")) {
                    based_on.insert(id.clone(), parent);
                }
            }
            _ => {}
        }
    }
    let inherits = |id: &String| {
        let mut current = id;
        // Bounded: style chains can be cyclic in a broken file.
        for _ in 0..16 {
            if numbered.contains(current) {
                return true;
            }
            match based_on.get(current) {
                Some(parent) => current = parent,
                None => return false,
            }
        }
        false
    };
    let mut all = numbered.clone();
    all.extend(based_on.keys().filter(|id| inherits(id)).cloned());
    all
}

#[derive(Debug, Default)]
struct Paragraph {
    text: String,
    numbered: bool,
    /// Filled only when reading the layout.
    xml: ParagraphXml,
}

impl Paragraph {
    /// Layout: the text from `from` on came from `xml`.
    fn came_from(
        &mut self,
        from: usize,
        xml: Range<usize>,
        kind: PieceKind,
        run: Option<usize>,
        text_element: Option<usize>,
    ) {
        if self.text.len() > from {
            self.xml.pieces.push(Piece {
                text: from..self.text.len(),
                xml,
                kind,
                run,
                text_element,
            });
        }
    }
}

/// Runs and text elements of one part (layout only).
#[derive(Debug, Default)]
struct Marks {
    runs: Vec<RunXml>,
    texts: Vec<TextXml>,
}

/// Elements whose content is not text of the document: deleted text, field
/// codes, the fallback copy of a text box (the `mc:Choice` copy is read),
/// a tracked change of paragraph properties, and footnote separators.
fn skipped(e: &BytesStart) -> bool {
    match e.name().as_ref() {
        "w:delText" | "w:instrText" | "mc:Fallback" | "w:pPrChange" => true,
        "w:footnote" | "w:endnote" => attribute(e, "w:type").is_some_and(|t| t != "normal"),
        _ => false,
    }
}

/// Text with line breaks made spaces: one paragraph is one line.
fn one_line(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
}

/// The paragraphs of one XML part, in document order (a paragraph inside a
/// text box comes before the paragraph that anchors it). With `LAYOUT`, each
/// paragraph also records where its text is in the XML; without it none of
/// that code is compiled in.
fn paragraphs<const LAYOUT: bool>(
    xml: &str,
    numbered_styles: &HashSet<String>,
) -> Result<(Vec<Paragraph>, Marks), quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut open: Vec<Paragraph> = Vec::new();
    let mut skip_depth = 0usize;
    let mut in_text = false;
    let mut in_ppr = false;
    let mut in_numpr = false;
    let mut run_depth = 0usize;
    // Layout: runs open now (innermost last), the `w:t` open now, and the
    // nesting of `w:rPr` (a tracked formatting change holds another).
    let mut marks = Marks::default();
    let mut runs_open: Vec<usize> = Vec::new();
    let mut text_open: Option<usize> = None;
    let mut rpr_depth = 0usize;
    let mut rpr_open: Option<usize> = None;
    loop {
        let before = if LAYOUT {
            reader.buffer_position() as usize
        } else {
            0
        };
        let event = reader.read_event()?;
        if skip_depth > 0 {
            match event {
                Event::Start(_) => skip_depth += 1,
                Event::End(_) => skip_depth -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        let span = || before..reader.buffer_position() as usize;
        match event {
            Event::Start(e) if skipped(&e) => skip_depth = 1,
            Event::Start(e) => match e.name().as_ref() {
                "w:p" => {
                    let mut p = Paragraph::default();
                    if LAYOUT {
                        p.xml.start_tag = span();
                    }
                    open.push(p);
                }
                "w:r" => {
                    run_depth += 1;
                    if LAYOUT {
                        runs_open.push(marks.runs.len());
                        marks.runs.push(RunXml {
                            start_tag: span(),
                            ..RunXml::default()
                        });
                    }
                }
                "w:t" => {
                    in_text = true;
                    if LAYOUT {
                        text_open = Some(marks.texts.len());
                        marks.texts.push(TextXml {
                            start_tag: span(),
                            end_tag: 0..0,
                        });
                    }
                }
                "w:pPr" => {
                    in_ppr = true;
                    if LAYOUT && let Some(p) = open.last_mut() {
                        p.xml.properties = Some(span());
                    }
                }
                "w:numPr" if in_ppr => in_numpr = true,
                "w:rPr" if LAYOUT && !in_ppr => {
                    if rpr_depth == 0
                        && let Some(&r) = runs_open.last()
                        && marks.runs[r].properties.is_none()
                    {
                        marks.runs[r].properties = Some(span());
                        rpr_open = Some(r);
                    }
                    rpr_depth += 1;
                }
                _ => {}
            },
            Event::Empty(e) => {
                let Some(p) = open.last_mut() else {
                    if e.name().as_ref() == "w:p" {
                        let mut p = Paragraph::default();
                        if LAYOUT {
                            p.xml.start_tag = span();
                        }
                        out.push(p);
                    }
                    continue;
                };
                match e.name().as_ref() {
                    "w:p" => {
                        let mut p = Paragraph::default();
                        if LAYOUT {
                            p.xml.start_tag = span();
                        }
                        out.push(p);
                    }
                    // `w:tab` in paragraph properties is a tab stop, not a tab.
                    "w:tab" | "w:ptab" | "w:br" | "w:cr" if run_depth > 0 && !in_ppr => {
                        let c = if matches!(e.name().as_ref(), "w:tab" | "w:ptab") {
                            '\t'
                        } else {
                            ' '
                        };
                        p.text.push(c);
                        if LAYOUT {
                            let at = p.text.len() - 1;
                            p.came_from(
                                at,
                                span(),
                                PieceKind::Unit,
                                runs_open.last().copied(),
                                None,
                            );
                        }
                    }
                    "w:numId" if in_numpr => {
                        p.numbered = attribute(&e, "w:val").is_some_and(|v| v != "0")
                    }
                    "w:pStyle"
                        if in_ppr
                            && attribute(&e, "w:val")
                                .is_some_and(|s| numbered_styles.contains(&s)) =>
                    {
                        p.numbered = true;
                    }
                    "w:pPr" if LAYOUT => p.xml.properties = Some(span()),
                    "w:rPr" if LAYOUT && !in_ppr && rpr_depth == 0 => {
                        if let Some(&r) = runs_open.last()
                            && marks.runs[r].properties.is_none()
                        {
                            marks.runs[r].properties = Some(span());
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:p" => {
                    if let Some(p) = open.pop() {
                        out.push(p);
                    }
                }
                "w:r" => {
                    run_depth = run_depth.saturating_sub(1);
                    if LAYOUT && let Some(r) = runs_open.pop() {
                        marks.runs[r].end_tag = span();
                    }
                }
                "w:t" => {
                    in_text = false;
                    if LAYOUT && let Some(t) = text_open.take() {
                        marks.texts[t].end_tag = span();
                    }
                }
                "w:pPr" => {
                    in_ppr = false;
                    if LAYOUT
                        && let Some(p) = open.last_mut()
                        && let Some(props) = &mut p.xml.properties
                    {
                        props.end = reader.buffer_position() as usize;
                    }
                }
                "w:numPr" => in_numpr = false,
                "w:rPr" if LAYOUT && !in_ppr => {
                    rpr_depth = rpr_depth.saturating_sub(1);
                    if rpr_depth == 0
                        && let Some(r) = rpr_open.take()
                        && let Some(props) = &mut marks.runs[r].properties
                    {
                        props.end = reader.buffer_position() as usize;
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some(p) = open.last_mut() {
                    let at = p.text.len();
                    p.text.extend(one_line(&t.xml10_content()));
                    if LAYOUT {
                        let (run, kind) = (runs_open.last().copied(), PieceKind::Text);
                        p.came_from(at, span(), kind, run, text_open);
                    }
                }
            }
            Event::CData(t) if in_text => {
                if let Some(p) = open.last_mut() {
                    let at = p.text.len();
                    p.text.extend(one_line(&t.into_inner()));
                    if LAYOUT {
                        let (run, kind) = (runs_open.last().copied(), PieceKind::Unit);
                        p.came_from(at, span(), kind, run, text_open);
                    }
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some(p) = open.last_mut() {
                    let c = match &*r {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => r.resolve_char_ref().ok().flatten(),
                    };
                    if let Some(c) = c.filter(|c| *c != '\n' && *c != '\r') {
                        let at = p.text.len();
                        p.text.push(c);
                        if LAYOUT {
                            let run = runs_open.last().copied();
                            p.came_from(at, span(), PieceKind::Unit, run, text_open);
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // A part cut short: keep what was open rather than lose it.
    out.extend(open.into_iter().rev());
    Ok((out, marks))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(inner: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="x" xmlns:mc="y"><w:body>{inner}</w:body></w:document>"#
        )
    }

    #[test]
    fn paragraphs_runs_tabs_breaks_and_skipped_text() {
        let xml = body(
            r#"<w:p><w:r><w:t>一、总体</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">情况 &amp; </w:t><w:br/><w:t>进展</w:t></w:r></w:p>
            <w:p/>
            <w:p><w:r><w:delText>删掉的</w:delText><w:instrText>PAGE</w:instrText><w:t>保留</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>表格&#x4E00;</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>自动编号</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="ListNumber"/></w:pPr><w:r><w:t>样式编号</w:t></w:r></w:p>
            <w:p><w:r><mc:AlternateContent><mc:Choice><w:p><w:r><w:t>框</w:t></w:r></w:p></mc:Choice><mc:Fallback><w:p><w:r><w:t>框</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
        );
        let styles: HashSet<String> = ["ListNumber".to_owned()].into();
        let (ps, _) = paragraphs::<false>(&xml, &styles).unwrap();
        let texts: Vec<&str> = ps.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "一、总体\t情况 &  进展",
                "",
                "保留",
                "表格一",
                "自动编号",
                "样式编号",
                "框",
                ""
            ]
        );
        let numbered: Vec<bool> = ps.iter().map(|p| p.numbered).collect();
        assert_eq!(
            numbered,
            [false, false, false, false, true, true, false, false]
        );
    }

    #[test]
    fn layout_points_at_the_xml_of_every_character() {
        let xml = body(
            r#"<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r w:rsidR="1"><w:rPr><w:b/><w:rPrChange><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t>ab&amp;c</w:t><w:tab/></w:r><w:r><w:t xml:space="preserve"> 二</w:t></w:r></w:p><w:p/>"#,
        );
        let styles = HashSet::new();
        let (plain, _) = paragraphs::<false>(&xml, &styles).unwrap();
        let (ps, marks) = paragraphs::<true>(&xml, &styles).unwrap();
        assert_eq!(ps[0].text, plain[0].text);
        assert_eq!(ps[0].text, "ab&c\t 二");
        let p = &ps[0].xml;
        let pieces: Vec<(&str, &str, PieceKind)> = p
            .pieces
            .iter()
            .map(|piece| {
                (
                    &ps[0].text[piece.text.clone()],
                    &xml[piece.xml.clone()],
                    piece.kind,
                )
            })
            .collect();
        assert_eq!(
            pieces,
            [
                ("ab", "ab", PieceKind::Text),
                ("&", "&amp;", PieceKind::Unit),
                ("c", "c", PieceKind::Text),
                ("\t", "<w:tab/>", PieceKind::Unit),
                (" 二", " 二", PieceKind::Text),
            ]
        );
        assert_eq!(
            &xml[p.properties.clone().unwrap()],
            r#"<w:pPr><w:jc w:val="both"/></w:pPr>"#
        );
        let run = &marks.runs[0];
        assert_eq!(&xml[run.start_tag.clone()], r#"<w:r w:rsidR="1">"#);
        assert_eq!(
            &xml[run.properties.clone().unwrap()],
            "<w:rPr><w:b/><w:rPrChange><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr>"
        );
        assert_eq!(&xml[run.end_tag.clone()], "</w:r>");
        let text = &marks.texts[1];
        assert_eq!(
            &xml[text.start_tag.clone()],
            r#"<w:t xml:space="preserve">"#
        );
        assert_eq!(&xml[text.end_tag.clone()], "</w:t>");
        assert_eq!(&xml[ps[1].xml.start_tag.clone()], "<w:p/>");
    }

    #[test]
    fn numbering_through_style_inheritance() {
        let xml = r#"<w:styles xmlns:w="x">
          <w:style w:styleId="Base"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
          <w:style w:styleId="Child"><w:basedOn w:val="Base"/></w:style>
          <w:style w:styleId="Off"><w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr></w:style>
        </w:styles>"#;
        let styles = numbered_styles(xml);
        assert!(
            styles.contains("Base") && styles.contains("Child") && !styles.contains("Off"),
            "{styles:?}"
        );
    }

    #[test]
    fn not_a_zip_is_one_line() {
        let err = read_docx(b"PK\x03\x04 truncated").unwrap_err().to_string();
        assert!(err.contains("损坏或不完整") && !err.contains('\n'), "{err}");
    }
}
