//! `gwlint annotate`: review copies read back with the crate's own .docx
//! reader and quick-xml (python-docx, LibreOffice and Chromium check them
//! too, in `.ci/review-tools`).

mod common;

use std::collections::HashMap;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use common::{gwlint_in, json, stderr, temp_dir, write};
use quick_xml::Reader;
use quick_xml::events::Event;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn entry(docx: &[u8], name: &str) -> Option<String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut file = archive.by_name(name).ok()?;
    let mut s = String::new();
    file.read_to_string(&mut s).unwrap();
    Some(s)
}

fn attr(e: &quick_xml::events::BytesStart, name: &str) -> String {
    e.try_get_attribute(name)
        .unwrap()
        .map(|a| a.value.into_owned())
        .unwrap_or_default()
}

/// Comments: (id, author, text with paragraphs joined by `\n`).
fn comments(docx: &[u8]) -> Vec<(String, String, String)> {
    let Some(xml) = entry(docx, "word/comments.xml") else {
        return Vec::new();
    };
    let mut reader = Reader::from_str(&xml);
    let mut out: Vec<(String, String, String)> = Vec::new();
    let mut in_t = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == "w:comment" => {
                out.push((attr(&e, "w:id"), attr(&e, "w:author"), String::new()))
            }
            Event::Start(e) if e.name().as_ref() == "w:p" => {
                if let Some(c) = out.last_mut().filter(|c| !c.2.is_empty()) {
                    c.2.push('\n');
                }
            }
            Event::Start(e) if e.name().as_ref() == "w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_t = false,
            Event::Text(t) if in_t => out.last_mut().unwrap().2.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_t => {
                let c = match &*r {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    _ => "'",
                };
                out.last_mut().unwrap().2.push_str(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Comment id → the text between its range start and end, in one part.
/// `deleted`: count text deleted by tracked changes (`w:delText`).
fn anchored(xml: &str) -> HashMap<String, String> {
    let mut reader = Reader::from_str(xml);
    let mut out: HashMap<String, String> = HashMap::new();
    let mut open: Vec<String> = Vec::new();
    let mut in_t = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Empty(e) if e.name().as_ref() == "w:commentRangeStart" => {
                let id = attr(&e, "w:id");
                out.entry(id.clone()).or_default();
                open.push(id);
            }
            Event::Empty(e) if e.name().as_ref() == "w:commentRangeEnd" => {
                let id = attr(&e, "w:id");
                open.retain(|i| *i != id);
            }
            Event::Start(e) if matches!(e.name().as_ref(), "w:t" | "w:delText") => in_t = true,
            Event::End(e) if matches!(e.name().as_ref(), "w:t" | "w:delText") => in_t = false,
            Event::Text(t) if in_t => {
                for id in &open {
                    out.get_mut(id).unwrap().push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_t => {
                for id in &open {
                    out.get_mut(id).unwrap().push_str(&format!("&{}", &*r));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Each character of the body with the formatting of its run.
fn formatted_chars(xml: &str) -> Vec<(char, String)> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let (mut rpr, mut in_rpr, mut in_t) = (String::new(), 0usize, false);
    loop {
        let event = reader.read_event().unwrap();
        match &event {
            Event::Start(e) if e.name().as_ref() == "w:r" => rpr.clear(),
            Event::Start(e) if e.name().as_ref() == "w:rPr" => in_rpr += 1,
            Event::End(e) if e.name().as_ref() == "w:rPr" => in_rpr -= 1,
            Event::Start(e) | Event::Empty(e) if in_rpr > 0 => {
                rpr.push_str(e.as_ref());
            }
            Event::Start(e) if e.name().as_ref() == "w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_t = false,
            Event::Text(t) if in_t => {
                out.extend(t.xml10_content().chars().map(|c| (c, rpr.clone())))
            }
            Event::GeneralRef(r) if in_t => {
                out.push((r.chars().next().unwrap_or('&'), rpr.clone()))
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// A small .docx written here, byte by byte: a sentence whose slot `XX`
/// is split across a bold and an italic run, an entity, a table cell, a
/// comment by a person, and a misspelling split across runs.
fn handmade() -> Vec<u8> {
    let document = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>全年起草材</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>料X</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">X篇 &amp; </w:t></w:r><w:r><w:t>其他。</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>完成XX项</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:t>我们要再接</w:t></w:r><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>再励，</w:t></w:r><w:r><w:t>继续前进。</w:t></w:r></w:p>
<w:sectPr/></w:body></w:document>"#;
    let comments = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" w:author="张三"><w:p><w:r><w:t>请核实。</w:t></w:r></w:p></w:comment></w:comments>"#;
    let files = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        ),
        (
            "word/_rels/document.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>"#,
        ),
        ("word/document.xml", document),
        ("word/comments.xml", comments),
    ];
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in files {
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(content.as_bytes()).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn text_of(docx: &[u8]) -> String {
    gwlint::source::docx::read_docx(docx).unwrap().text
}

#[test]
fn comments_cover_the_flagged_text_across_runs_and_keep_everything_else() {
    let dir = temp_dir("annotate-handmade");
    let original = handmade();
    let path = dir.join("稿.docx");
    std::fs::write(&path, &original).unwrap();
    let findings = json(&gwlint_in(&dir, &["check", "--format", "json", "稿.docx"]));
    assert!(findings.len() >= 3, "{findings:?}");

    let out = gwlint_in(&dir, &["annotate", "稿.docx"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("稿.gwlint.docx"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&path).unwrap(), original, "original touched");
    let copy = std::fs::read(dir.join("稿.gwlint.docx")).unwrap();

    // The person's comment is kept, on its text; ours follow, one per finding.
    let all = comments(&copy);
    assert_eq!(all[0], ("0".into(), "张三".into(), "请核实。".into()));
    let ours: Vec<_> = all.iter().filter(|c| c.1 == "gwlint").collect();
    assert_eq!(ours.len(), findings.len());
    let document = entry(&copy, "word/document.xml").unwrap();
    let spans = anchored(&document);
    assert_eq!(spans["0"], "全年起草材");
    for (comment, finding) in ours.iter().zip(&findings) {
        let message = finding["message"].as_str().unwrap();
        let rule = finding["rule"].as_str().unwrap();
        assert!(
            comment.2.contains(message) && comment.2.contains(rule),
            "{comment:?}"
        );
        assert_eq!(
            spans[&comment.0],
            finding["text"].as_str().unwrap(),
            "{comment:?}"
        );
    }
    // The slot split over a bold and an italic run is covered whole.
    assert!(spans.values().any(|s| s == "XX"), "{spans:?}");

    // Without the comments, the same text, each character formatted as before.
    assert_eq!(text_of(&copy), text_of(&original));
    let before = entry(&original, "word/document.xml").unwrap();
    assert_eq!(formatted_chars(&document), formatted_chars(&before));
    // Ids stay unique.
    let mut ids: Vec<&String> = all.iter().map(|c| &c.0).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), all.len());
}

#[test]
fn with_fixes_the_safe_fixes_are_tracked_changes() {
    let dir = temp_dir("annotate-tracked");
    std::fs::write(dir.join("稿.docx"), handmade()).unwrap();
    let out = gwlint_in(
        &dir,
        &["annotate", "--with-fixes", "-o", "审阅.docx", "稿.docx"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 处修订"), "{}", stderr(&out));
    let copy = std::fs::read(dir.join("审阅.docx")).unwrap();
    let document = entry(&copy, "word/document.xml").unwrap();
    assert!(
        document.contains("<w:del w:id=")
            && document.contains("w:author=\"gwlint\"><w:r><w:rPr><w:u w:val=\"single\"/></w:rPr><w:t xml:space=\"preserve\">再接再厉</w:t>"),
        "{document}"
    );
    // The reader sees what Word shows with every change accepted.
    let original = text_of(&handmade());
    assert_eq!(text_of(&copy), original.replace("再接再励", "再接再厉"));
    // And the deleted text is there to reject back to.
    let deleted: String = document
        .match_indices("<w:delText xml:space=\"preserve\">")
        .map(|(i, m)| {
            let rest = &document[i + m.len()..];
            rest[..rest.find("</w:delText>").unwrap()].to_owned()
        })
        .collect();
    assert_eq!(deleted, "再接再励");
}

#[test]
fn text_and_markdown_become_word_files() {
    let dir = temp_dir("annotate-text");
    let text = "20XX年工作总结\r\n\r\n全年起草材料XX篇，\t完成<任务> & 目标。\r\n";
    write(&dir, "稿.txt", text);
    write(&dir, "说明.md", "# 标题\n\n完成XX项。`XX` 不算。\n");
    let out = gwlint_in(&dir, &["annotate", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let copy = std::fs::read(dir.join("稿.txt.gwlint.docx")).unwrap();
    assert_eq!(text_of(&copy), text.replace("\r\n", "\n"));
    let spans = anchored(&entry(&copy, "word/document.xml").unwrap());
    let mut anchored_on: Vec<&str> = spans.values().map(|s| s.as_str()).collect();
    anchored_on.sort();
    let findings = json(&gwlint_in(&dir, &["check", "--format", "json", "稿.txt"]));
    let mut flagged: Vec<&str> = findings
        .iter()
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    flagged.sort();
    assert!(flagged.contains(&"XX"), "{flagged:?}");
    assert_eq!(anchored_on, flagged);
    // Markdown: code is not prose, so one comment.
    let md = std::fs::read(dir.join("说明.md.gwlint.docx")).unwrap();
    assert_eq!(comments(&md).len(), 1);
    // Running again does not annotate the copies.
    let again = gwlint_in(&dir, &["annotate", "."]);
    assert!(
        !stderr(&again).contains("gwlint.gwlint"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn a_bad_file_is_one_error_line_and_the_others_are_written() {
    let dir = temp_dir("annotate-bad");
    let docx = std::fs::read(data("features.docx")).unwrap();
    std::fs::write(dir.join("坏.docx"), &docx[..docx.len() / 2]).unwrap();
    std::fs::write(dir.join("好.docx"), &docx).unwrap();
    let out = gwlint_in(&dir, &["annotate", "-o", "out", "."]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let bad: Vec<&str> = err.lines().filter(|l| l.contains("坏.docx")).collect();
    assert_eq!(bad.len(), 1, "{err}");
    assert!(dir.join("out/好.gwlint.docx").exists(), "{err}");
    assert!(!dir.join("out/坏.gwlint.docx").exists());
    // A missing path too.
    let out = gwlint_in(&dir, &["annotate", "没有.docx", "好.docx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("没有.docx"));
    assert!(dir.join("好.gwlint.docx").exists());
}

#[test]
fn features_docx_headers_tables_and_breaks() {
    let dir = temp_dir("annotate-features");
    std::fs::copy(data("features.docx"), dir.join("f.docx")).unwrap();
    let findings = json(&gwlint_in(&dir, &["check", "--format", "json", "f.docx"]));
    let out = gwlint_in(&dir, &["annotate", "f.docx"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let copy = std::fs::read(dir.join("f.gwlint.docx")).unwrap();
    let original = std::fs::read(dir.join("f.docx")).unwrap();
    assert_eq!(text_of(&copy), text_of(&original));
    let ours = comments(&copy);
    assert_eq!(ours.len(), findings.len());
    let spans = anchored(&entry(&copy, "word/document.xml").unwrap());
    for (comment, finding) in ours.iter().zip(&findings) {
        let part_label = match finding["part"].as_str() {
            Some("header") => Some("【页眉】"),
            Some("footer") => Some("【页脚】"),
            _ => None,
        };
        if let Some(label) = part_label {
            // Word and LibreOffice keep no comments in headers and footers:
            // it is in the body, and says where the text is.
            assert!(comment.2.starts_with(label), "{comment:?}");
            assert_eq!(spans[&comment.0], "");
        } else {
            assert_eq!(spans[&comment.0], finding["text"].as_str().unwrap());
        }
    }
    // No comment markup in the header or footer themselves.
    for part in ["word/header1.xml", "word/footer1.xml"] {
        if let Some(xml) = entry(&copy, part) {
            assert!(!xml.contains("comment"), "{part}");
        }
    }
}

#[test]
fn damaged_word_files_never_panic() {
    let registry = gwlint::rules::Registry::builtin().unwrap();
    let docx = std::fs::read(data("features.docx")).unwrap();
    for cut in (0..docx.len()).step_by(97) {
        let bytes = &docx[..cut];
        if let Ok((file, diagnostics)) = gwlint::check_bytes(&registry, "a.docx", bytes) {
            let _ = gwlint::annotate::annotate_docx(
                Cursor::new(bytes),
                &file.text,
                &diagnostics,
                gwlint::annotate::Fixes::Tracked,
            );
        }
    }
    // The same text twice is refused, a different text too.
    let (file, diagnostics) = gwlint::check_bytes(&registry, "a.docx", &docx).unwrap();
    let changed = file.text.replace("XX", "YY");
    assert!(
        gwlint::annotate::annotate_docx(
            Cursor::new(&docx),
            &changed,
            &diagnostics,
            gwlint::annotate::Fixes::InComments
        )
        .is_err()
    );
}
