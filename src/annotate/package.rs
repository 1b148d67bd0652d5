//! The .docx package of a review copy: read the layout, anchor every
//! finding, add the comments to the comments part (creating it, its
//! relationship and its content type when the document had none), and
//! write a new zip where untouched entries are copied as they were stored.

use std::collections::HashMap;
use std::io::{Cursor, Read, Seek, SeekFrom, Write};

use quick_xml::Reader;
use quick_xml::events::Event;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::edit::{Anchor, Editor};
use super::{AUTHOR, AnnotateError, Fixes, ReviewCopy};
use crate::diagnostic::{Applicability, Diagnostic};
use crate::report::junit::xml_escape;
use crate::source::docx::{self, DocxLayout, MAX_XML_BYTES};

const MAIN_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const COMMENTS_TYPE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const DOCUMENT_RELS: &str = "word/_rels/document.xml.rels";
const CONTENT_TYPES: &str = "[Content_Types].xml";

fn zip_error(e: impl std::fmt::Display) -> AnnotateError {
    AnnotateError::Package(e.to_string())
}

pub fn annotate<R: Read + Seek>(
    mut docx: R,
    text: &str,
    diagnostics: &[Diagnostic],
    fixes: Fixes,
) -> Result<ReviewCopy, AnnotateError> {
    let (read, layout) =
        docx::read_docx_layout(&mut docx).map_err(|e| AnnotateError::Read(e.to_string()))?;
    if read.text != text {
        return Err(AnnotateError::Changed);
    }
    check_complete(&layout)?;
    docx.seek(SeekFrom::Start(0)).map_err(zip_error)?;
    let mut archive = ZipArchive::new(docx).map_err(zip_error)?;
    let mut budget = MAX_XML_BYTES;
    let mut read_entry =
        |archive: &mut ZipArchive<R>, name: &str| -> Result<Option<String>, AnnotateError> {
            if archive.index_for_name(name).is_none() {
                return Ok(None);
            }
            docx::read_part(archive, name, &mut budget)
                .map(Some)
                .map_err(|e| AnnotateError::Read(e.to_string()))
        };
    let rels = read_entry(&mut archive, DOCUMENT_RELS)?;
    let comments_name = rels.as_deref().and_then(comments_target);
    let comments = match &comments_name {
        Some(name) => read_entry(&mut archive, name)?,
        None => None,
    };

    let first_id = layout
        .parts
        .iter()
        .map(|p| p.xml.as_str())
        .chain(comments.as_deref())
        .map(max_id)
        .max()
        .unwrap_or(0)
        + 1;
    let mut editor = Editor::new(&layout.parts, text, first_id);
    let mut bodies = String::new();
    let (mut added, mut tracked) = (0, 0);
    for d in diagnostics {
        let id = editor.id();
        let is_tracked = fixes == Fixes::Tracked
            && d.fix.as_ref().is_some_and(|f| {
                f.applicability == Applicability::Safe && editor.track(f.range, &f.replacement)
            });
        if let Some(anchor) = editor.comment(d.range, id) {
            bodies.push_str(&comment(id, d, anchor, is_tracked));
            added += 1;
        }
        tracked += usize::from(is_tracked);
    }

    let mut replaced: HashMap<String, Vec<u8>> = HashMap::new();
    for (part, xml) in layout.parts.iter().zip(editor.finish()) {
        if let Some(xml) = xml {
            replaced.insert(part.name.clone(), xml.into_bytes());
        }
    }
    let mut new_entries: Vec<(String, Vec<u8>)> = Vec::new();
    if added > 0 {
        match (comments_name, comments) {
            (Some(name), Some(xml)) => {
                replaced.insert(name, append_comments(&xml, &bodies).into_bytes());
            }
            (name, _) => {
                let name = name.unwrap_or_else(|| "word/comments.xml".to_owned());
                let part = format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments xmlns:w=\"{MAIN_NS}\">{bodies}</w:comments>"
                );
                new_entries.push((name.clone(), part.into_bytes()));
                let rels = rels.unwrap_or_else(|| {
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"></Relationships>".to_owned()
                });
                let rels = add_comments_relationship(&rels, &name)?;
                if archive.index_for_name(DOCUMENT_RELS).is_some() {
                    replaced.insert(DOCUMENT_RELS.to_owned(), rels.into_bytes());
                } else {
                    new_entries.push((DOCUMENT_RELS.to_owned(), rels.into_bytes()));
                }
                let types = read_entry(&mut archive, CONTENT_TYPES)?
                    .ok_or(AnnotateError::Missing(CONTENT_TYPES))?;
                replaced.insert(
                    CONTENT_TYPES.to_owned(),
                    add_content_type(&types, &name)?.into_bytes(),
                );
            }
        }
    }
    let bytes = rewrite(&mut archive, replaced, new_entries)?;
    Ok(ReviewCopy {
        bytes,
        comments: added,
        tracked,
    })
}

/// A part cut short (an unclosed run or `w:t`) cannot be split safely.
fn check_complete(layout: &DocxLayout) -> Result<(), AnnotateError> {
    for part in &layout.parts {
        let open_run = part.runs.iter().any(|r| r.end_tag.is_empty());
        let open_text = part.texts.iter().any(|t| t.end_tag.is_empty());
        if open_run || open_text {
            return Err(AnnotateError::Incomplete(part.name.clone()));
        }
    }
    Ok(())
}

/// The comments part named by the document's relationships, as a zip
/// entry name.
fn comments_target(rels: &str) -> Option<String> {
    let mut reader = Reader::from_str(rels);
    loop {
        match reader.read_event() {
            Ok(Event::Empty(e) | Event::Start(e)) if e.local_name().as_ref() == "Relationship" => {
                let value = |key: &str| {
                    e.try_get_attribute(key)
                        .ok()
                        .flatten()
                        .map(|a| a.value.into_owned())
                };
                if value("Type").as_deref() == Some(COMMENTS_TYPE) {
                    let target = value("Target")?;
                    return Some(match target.strip_prefix('/') {
                        Some(absolute) => absolute.to_owned(),
                        None => format!("word/{target}"),
                    });
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// The largest numeric `w:id` in `xml` (ids of comments, bookmarks and
/// tracked changes must not collide). Values beyond what Word stores in a
/// 32-bit id are ignored.
fn max_id(xml: &str) -> u64 {
    xml.match_indices("w:id=\"")
        .filter_map(|(i, m)| {
            let rest = &xml[i + m.len()..];
            rest[..rest.find('"')?].parse::<u64>().ok()
        })
        .filter(|&id| id < 1 << 30)
        .max()
        .unwrap_or(0)
}

/// One `w:comment`: the message, the rule and its severity, the help, and
/// what becomes of the fix.
fn comment(id: u64, d: &Diagnostic, anchor: Anchor, tracked: bool) -> String {
    let place = match anchor {
        Anchor::OnText => String::new(),
        Anchor::Elsewhere(part) => format!("【{}】", part.label()),
    };
    let mut lines = vec![
        format!("{place}{}", d.message),
        format!("{} · {}", d.rule, d.severity.chinese()),
    ];
    lines.extend(d.help.clone());
    match (&d.fix, tracked) {
        (Some(_), true) => lines.push("修改已作为修订标出，可逐条接受或拒绝。".to_owned()),
        (Some(f), false) if f.replacement.is_empty() => lines.push("可删除。".to_owned()),
        (Some(f), false) => lines.push(format!("可改为“{}”。", f.replacement)),
        (None, _) => {}
    }
    let mut xml = format!(
        "<w:comment w:id=\"{id}\" w:author=\"{AUTHOR}\" w:date=\"{}\" w:initials=\"GW\">",
        now()
    );
    for (i, line) in lines.iter().enumerate() {
        let mark = if i == 0 {
            "<w:r><w:annotationRef/></w:r>"
        } else {
            ""
        };
        xml.push_str(&format!(
            "<w:p>{mark}<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            xml_escape(line)
        ));
    }
    xml.push_str("</w:comment>");
    xml
}

/// The current UTC time as Word writes it in `w:date` (`2024-05-01T09:30:00Z`).
fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// A person's comments part with ours after theirs.
fn append_comments(xml: &str, bodies: &str) -> String {
    if let Some(end) = xml.rfind("</w:comments>") {
        return format!("{}{bodies}{}", &xml[..end], &xml[end..]);
    }
    // `<w:comments …/>`: an empty part.
    match xml.rfind("/>") {
        Some(end) => format!("{}>{bodies}</w:comments>{}", &xml[..end], &xml[end + 2..]),
        None => xml.to_owned(),
    }
}

fn add_comments_relationship(rels: &str, part: &str) -> Result<String, AnnotateError> {
    let target = part.strip_prefix("word/").unwrap_or(part);
    let mut id = "gwlintComments".to_owned();
    while rels.contains(&format!("Id=\"{id}\"")) {
        id.push('_');
    }
    let relationship =
        format!("<Relationship Id=\"{id}\" Type=\"{COMMENTS_TYPE}\" Target=\"{target}\"/>");
    insert_before_end(rels, "</Relationships>", &relationship)
        .ok_or(AnnotateError::Malformed(DOCUMENT_RELS))
}

fn add_content_type(types: &str, part: &str) -> Result<String, AnnotateError> {
    let name = format!("/{part}");
    if types.contains(&format!("PartName=\"{name}\"")) {
        return Ok(types.to_owned());
    }
    let entry = format!("<Override PartName=\"{name}\" ContentType=\"{COMMENTS_CONTENT_TYPE}\"/>");
    insert_before_end(types, "</Types>", &entry).ok_or(AnnotateError::Malformed(CONTENT_TYPES))
}

fn insert_before_end(xml: &str, end_tag: &str, what: &str) -> Option<String> {
    let end = xml.rfind(end_tag)?;
    Some(format!("{}{what}{}", &xml[..end], &xml[end..]))
}

/// A new zip: entries in their order, replaced ones deflated anew, the
/// others copied as stored; new entries last.
fn rewrite<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    mut replaced: HashMap<String, Vec<u8>>,
    new_entries: Vec<(String, Vec<u8>)>,
) -> Result<Vec<u8>, AnnotateError> {
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(zip_error)?;
        let name = entry.name().map_err(zip_error)?.into_owned();
        match replaced.remove(&name) {
            Some(bytes) => {
                drop(entry);
                writer.start_file(name, options).map_err(zip_error)?;
                writer.write_all(&bytes).map_err(zip_error)?;
            }
            None => writer.raw_copy_file(entry).map_err(zip_error)?,
        }
    }
    for (name, bytes) in new_entries {
        writer.start_file(name, options).map_err(zip_error)?;
        writer.write_all(&bytes).map_err(zip_error)?;
    }
    Ok(writer.finish().map_err(zip_error)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_dates_look_like_words() {
        let date = now();
        assert_eq!(date.len(), 20, "{date}");
        assert!(date.starts_with("20") && date.ends_with('Z') && date.as_bytes()[10] == b'T');
    }

    #[test]
    fn ids_relationships_and_content_types() {
        assert_eq!(
            max_id(
                r#"<w:bookmarkStart w:id="7"/><w:ins w:id="12" w:author="x"/><w:del w:id="x"/>"#
            ),
            12
        );
        let rels = r#"<Relationships xmlns="r"><Relationship Id="rId1" Type="t" Target="styles.xml"/></Relationships>"#;
        assert_eq!(comments_target(rels), None);
        let with = add_comments_relationship(rels, "word/comments.xml").unwrap();
        assert_eq!(comments_target(&with).as_deref(), Some("word/comments.xml"));
        let types =
            r#"<Types xmlns="t"><Default Extension="xml" ContentType="application/xml"/></Types>"#;
        let once = add_content_type(types, "word/comments.xml").unwrap();
        assert_eq!(add_content_type(&once, "word/comments.xml").unwrap(), once);
        assert!(once.contains(r#"<Override PartName="/word/comments.xml""#));
        assert_eq!(
            append_comments("<w:comments><w:comment/></w:comments>", "<ours/>"),
            "<w:comments><w:comment/><ours/></w:comments>"
        );
        assert_eq!(
            append_comments("<w:comments x=\"1\"/>", "<ours/>"),
            "<w:comments x=\"1\"><ours/></w:comments>"
        );
    }
}
