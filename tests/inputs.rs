//! Real inputs: the same drafts as UTF-8, GB18030, UTF-16 and .docx files
//! written by real tools (tests/data/make.py: python-docx and iconv), Markdown,
//! directories with ignore files, standard input, and bad files that must
//! each give one error line while everything else is still checked.

mod common;
use common::*;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;

use gwlint::rules::Registry;
use gwlint::source::DocxPart;
use gwlint::source::{self, ReadOptions};

const DRAFTS: &[&str] = &[
    "001-zongjie-muban",
    "002-jianghua-wangzhan",
    "001-zongjie-jiedao",
];

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn error_lines(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.starts_with("gwlint: "))
        .map(str::to_owned)
        .collect()
}

/// (rule, line or paragraph, column, flagged text) of every finding.
fn findings(registry: &Registry, path: &Path) -> Vec<(String, usize, usize, String)> {
    let bytes = std::fs::read(path).unwrap();
    let (file, diagnostics) = gwlint::check_bytes(registry, &path.display().to_string(), &bytes)
        .unwrap_or_else(|e| panic!("{e}"));
    diagnostics
        .iter()
        .map(|d| {
            let lc = file.line_col(d.range.start);
            (
                d.rule.to_owned(),
                lc.line,
                lc.column,
                file.text[d.range.start..d.range.end].to_owned(),
            )
        })
        .collect()
}

#[test]
fn the_same_draft_gives_the_same_findings_in_every_form() {
    let registry = Registry::builtin().unwrap();
    for draft in DRAFTS {
        let expected = findings(&registry, &data(&format!("{draft}.txt")));
        if draft.starts_with("00") && !draft.contains("jiedao") {
            assert!(!expected.is_empty(), "{draft} is a dirty draft");
        }
        for form in ["gb18030.txt", "utf16.txt", "docx"] {
            let path = data(&format!("{draft}.{form}"));
            assert_eq!(findings(&registry, &path), expected, "{}", path.display());
        }
    }
}

#[test]
fn encodings_are_detected_and_kept_for_writing_back() {
    let options = ReadOptions::default();
    let read =
        |name: &str| source::parse(name, &std::fs::read(data(name)).unwrap(), &options).unwrap();
    let utf8 = read("001-zongjie-muban.txt");
    let gb = read("001-zongjie-muban.gb18030.txt");
    let utf16 = read("001-zongjie-muban.utf16.txt");
    assert_eq!((gb.encoding, gb.bom), (encoding_rs::GB18030, false));
    assert!(
        utf16.bom
            && (utf16.encoding == encoding_rs::UTF_16LE || utf16.encoding == encoding_rs::UTF_16BE)
    );
    assert_eq!(gb.text, utf8.text);
    assert_eq!(utf16.text, utf8.text);
}

#[test]
fn docx_findings_point_at_paragraphs_in_every_format() {
    let path = data("001-zongjie-muban.docx").display().to_string();
    let out = gwlint(&["check", "--format", "json", &path]);
    assert_eq!(out.status.code(), Some(1));
    let first = &json(&out)[0];
    assert_eq!(
        (first["unit"].as_str(), first["part"].as_str()),
        (Some("paragraph"), Some("body"))
    );
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(1), Some(1))
    );
    let out = gwlint(&["check", "--color", "never", &path]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains(&format!("{path}:段落1:1")), "{stdout}");
    // The snippet is the paragraph's text.
    assert!(stdout.contains("1 | 20XX年办公室工作总结"), "{stdout}");
    // Text files say `line`.
    let txt = data("001-zongjie-muban.txt").display().to_string();
    assert_eq!(
        json(&gwlint(&["check", "--format", "json", &txt]))[0]["unit"],
        "line"
    );
}

#[test]
fn docx_headers_footers_tables_and_auto_numbering() {
    let bytes = std::fs::read(data("features.docx")).unwrap();
    let file = source::parse("features.docx", &bytes, &ReadOptions::default()).unwrap();
    let lines: Vec<&str> = file.text.lines().collect();
    assert_eq!(
        lines[..7],
        [
            "20XX年工作总结",
            "主要工作",
            "存在问题",
            "完成材料",
            "XX篇",
            "下一步打算。",
            "全年完成材料XX篇。 换行后\t制表符后"
        ]
    );
    assert_eq!(file.part_of_line(0), Some(DocxPart::Body));
    let header = lines.iter().position(|l| *l == "XX市XX局").unwrap();
    let footer = lines
        .iter()
        .position(|l| l.contains("本文来源于网络"))
        .unwrap();
    assert_eq!(file.part_of_line(header), Some(DocxPart::Header));
    assert_eq!(file.part_of_line(footer), Some(DocxPart::Footer));
    assert!(
        header > 6 && footer > 6,
        "headers and footers come after the body"
    );
    // "List Number" paragraphs are numbered by Word, not by their text.
    assert_eq!(file.auto_numbered, [1, 2]);
    assert!(file.is_auto_numbered(1) && !file.is_auto_numbered(0));
    // The human output names the part.
    let out = gwlint(&[
        "check",
        "--color",
        "never",
        &data("features.docx").display().to_string(),
    ]);
    assert!(String::from_utf8(out.stdout).unwrap().contains("（页眉）"));
}

#[test]
fn a_directory_of_good_and_bad_files() {
    let dir = temp_dir("mixed");
    let docx = std::fs::read(data("001-zongjie-muban.docx")).unwrap();
    let good_txt = write_bytes(
        &dir,
        "a-good.txt",
        &std::fs::read(data("002-jianghua-wangzhan.txt")).unwrap(),
    );
    let good_docx = write_bytes(&dir, "b-good.docx", &docx);
    let corrupt = write_bytes(&dir, "c-corrupt.docx", &docx[..docx.len() / 2]);
    let binary = write_bytes(
        &dir,
        "d-image.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10",
    );
    let gbk = write_bytes(
        &dir,
        "e-gbk.txt",
        &std::fs::read(data("001-zongjie-muban.gb18030.txt")).unwrap(),
    );
    let legacy = write_bytes(
        &dir,
        "f-legacy.doc",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0",
    );
    write_bytes(&dir, "g-empty.txt", b"");
    let out = gwlint(&["check", "--format", "json", &dir.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    let found = json(&out);
    for good in [&good_txt, &good_docx, &gbk] {
        assert!(
            found.iter().any(|f| f["path"] == good.as_str()),
            "no findings for {good}"
        );
    }
    let paths: Vec<&str> = found.iter().map(|f| f["path"].as_str().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "output is in path order");
    // The GBK file's findings quote proper Chinese.
    assert!(
        found
            .iter()
            .any(|f| f["path"] == gbk.as_str() && f["text"] == "20XX")
    );
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 3, "{errors:?}");
    for (bad, why) in [
        (&corrupt, "损坏或不完整"),
        (&binary, "二进制"),
        (&legacy, "另存为 .docx"),
    ] {
        assert!(
            errors
                .iter()
                .any(|l| l.contains(bad.as_str()) && l.contains(why)),
            "{bad}: {errors:?}"
        );
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("3 files could not be checked"), "{stderr}");
}

#[test]
fn broken_docx_files_are_one_error_line_each() {
    let registry = Registry::builtin().unwrap();
    let docx = std::fs::read(data("features.docx")).unwrap();
    for cut in [
        0,
        4,
        30,
        100,
        docx.len() / 3,
        docx.len() - 22,
        docx.len() - 1,
    ] {
        match gwlint::check_bytes(&registry, "cut.docx", &docx[..cut]) {
            Ok((file, found)) => assert!(cut == 0 && file.text.is_empty() && found.is_empty()),
            Err(e) => assert!(
                !e.message.contains('\n') && e.message.contains(".docx"),
                "{cut}: {e}"
            ),
        }
    }
    // A zip that is not a Word document.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("hello.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"hi").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let err = gwlint::check_bytes(&registry, "x.docx", &bytes).unwrap_err();
    assert!(err.message.contains("word/document.xml"), "{err}");
    // Broken XML inside a sound zip.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(b"<w:document><w:body><w:p><w:r><w:t>x</w:r></w:p>")
        .unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let err = gwlint::check_bytes(&registry, "x.docx", &bytes).unwrap_err();
    assert!(err.message.contains("格式损坏"), "{err}");
}

#[test]
fn a_zip_bomb_is_refused() {
    let registry = Registry::builtin().unwrap();
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(b"<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>")
        .unwrap();
    let chunk = vec![b'X'; 1 << 20];
    for _ in 0..(gwlint::source::docx::MAX_XML_BYTES >> 20) + 1 {
        zip.write_all(&chunk).unwrap();
    }
    zip.write_all(b"</w:t></w:r></w:p></w:body></w:document>")
        .unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert!(
        bytes.len() < 1 << 20,
        "the bomb itself is small: {}",
        bytes.len()
    );
    let err = gwlint::check_bytes(&registry, "bomb.docx", &bytes).unwrap_err();
    assert!(err.message.contains("压缩炸弹"), "{err}");
}

#[test]
fn legacy_pdf_and_other_binaries() {
    let dir = temp_dir("legacy");
    let doc = write_bytes(&dir, "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0");
    let wps = write_bytes(&dir, "old.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0");
    let pdf = write_bytes(&dir, "a.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
    let latin = write_bytes(
        &dir,
        "latin.txt",
        b"caf\xe9 cr\xe8me br\xfbl\xe9e na\xefve \xe0 la carte\n",
    );
    let out = gwlint(&["check", &doc, &wps, &pdf, &latin]);
    assert_eq!(out.status.code(), Some(2));
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 4, "{errors:?}");
    assert!(
        errors[0].contains(&doc) && errors[0].contains("另存为 .docx"),
        "{errors:?}"
    );
    assert!(
        errors[1].contains(&wps) && errors[1].contains("另存为 .docx"),
        "{errors:?}"
    );
    assert!(
        errors[2].contains(&pdf) && errors[2].contains("PDF"),
        "{errors:?}"
    );
    assert!(
        errors[3].contains(&latin) && errors[3].contains("--encoding"),
        "{errors:?}"
    );
}

#[test]
fn damaged_utf8_empty_huge_missing_and_not_a_directory() {
    let dir = temp_dir("damaged");
    let mut bytes = "全年完成材料35篇。\n".repeat(40).into_bytes();
    let at = bytes.len() / 2 + 1;
    bytes[at] = 0xff;
    let damaged = write_bytes(&dir, "damaged.txt", &bytes);
    let empty = write_bytes(&dir, "empty.txt", b"");
    let empty_docx = write_bytes(&dir, "empty.docx", b"");
    let huge = write_bytes(&dir, "huge.txt", "材料".repeat(500).as_bytes());
    let good = write_bytes(&dir, "good.txt", "材料XX篇。\n".as_bytes());
    let missing = dir.join("missing.txt").display().to_string();
    let not_dir = format!("{good}/x.txt");
    let out = gwlint(&[
        "check",
        "--max-file-size",
        "2000",
        &damaged,
        &empty,
        &empty_docx,
        &huge,
        &good,
        &missing,
        &not_dir,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        json_paths(&gwlint(&["check", "--format", "json", &good])),
        std::slice::from_ref(&good)
    );
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 4, "{errors:?}");
    assert!(
        errors
            .iter()
            .any(|l| l.contains(&damaged) && l.contains("第 21 行") && l.contains("UTF-8")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|l| l.contains(&huge) && l.contains("过大")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|l| l.contains(&missing) && l.contains("不存在")),
        "{errors:?}"
    );
    assert!(errors.iter().any(|l| l.contains(&not_dir)), "{errors:?}");
    assert!(!errors.iter().any(|l| l.contains("empty")), "{errors:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("材料XX篇"));
}

fn json_paths(out: &Output) -> Vec<String> {
    json(out)
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_owned())
        .collect()
}

#[cfg(target_os = "linux")]
#[test]
fn an_unreadable_file_is_an_error_line() {
    // Reading /proc/self/mem at offset 0 fails with EIO, even as root.
    let out = gwlint(&["check", "/proc/self/mem"]);
    assert_eq!(out.status.code(), Some(2));
    let errors = error_lines(&out);
    assert!(
        errors.len() == 1 && errors[0].starts_with("gwlint: /proc/self/mem: "),
        "{errors:?}"
    );
}

#[test]
fn encoding_flag_forces_or_is_a_usage_error() {
    let gb = data("001-zongjie-muban.gb18030.txt").display().to_string();
    assert_eq!(
        gwlint(&["check", "--encoding", "gbk", &gb]).status.code(),
        Some(1)
    );
    let out = gwlint(&["check", "--encoding", "utf-8", &gb]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        error_lines(&out).iter().any(|l| l.contains("UTF-8")),
        "{:?}",
        error_lines(&out)
    );
    assert_eq!(
        gwlint(&["check", "--encoding", "klingon", &gb])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn ignore_files_globs_and_excludes() {
    let dir = temp_dir("ignore");
    let dirty = "材料XX篇。\n".as_bytes();
    write_bytes(&dir, "keep.txt", dirty);
    write_bytes(&dir, "notes.md", dirty);
    write_bytes(
        &dir,
        "draft.docx",
        &std::fs::read(data("001-zongjie-muban.docx")).unwrap(),
    );
    write_bytes(&dir, "git-ignored.txt", dirty);
    write_bytes(&dir, "gw-ignored.txt", dirty);
    write_bytes(&dir, "old/archived.txt", dirty);
    write_bytes(&dir, "other.rs", dirty);
    write_bytes(&dir, ".gitignore", b"git-ignored.txt\n");
    write_bytes(&dir, ".gwlintignore", b"gw-ignored.txt\n");
    let root = dir.display().to_string();
    let names = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        all.push(&root);
        let mut names: Vec<String> = json_paths(&gwlint(&all))
            .into_iter()
            .map(|p| {
                p.strip_prefix(&root)
                    .unwrap()
                    .trim_start_matches('/')
                    .to_owned()
            })
            .collect();
        names.dedup();
        names
    };
    assert_eq!(
        names(&[]),
        ["draft.docx", "keep.txt", "notes.md", "old/archived.txt"]
    );
    assert_eq!(
        names(&["--glob", "*.txt"]),
        ["keep.txt", "old/archived.txt"]
    );
    assert_eq!(
        names(&["--glob", "*.rs", "--glob", "*.md"]),
        ["notes.md", "other.rs"]
    );
    assert_eq!(
        names(&["--exclude", "old", "--exclude", "*.docx"]),
        ["keep.txt", "notes.md"]
    );
    // A file named explicitly is checked even if ignored.
    let ignored = dir.join("gw-ignored.txt").display().to_string();
    assert_eq!(gwlint(&["check", &ignored]).status.code(), Some(1));
    assert_eq!(
        gwlint(&["check", "--glob", "[", &root]).status.code(),
        Some(2)
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_skipped() {
    let dir = temp_dir("loop");
    write_bytes(&dir, "sub/a.txt", "材料XX篇。\n".as_bytes());
    std::os::unix::fs::symlink(&dir, dir.join("sub/back")).unwrap();
    let out = gwlint(&["check", "--format", "json", &dir.display().to_string()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&out).len(), 1);
}

#[test]
fn stdin_filename_names_the_input_and_picks_the_format() {
    let out = gwlint_stdin(
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "稿/总结.txt",
            "-",
        ],
        "材料XX篇。\n".as_bytes(),
    );
    assert_eq!(json(&out)[0]["path"], "稿/总结.txt");
    let docx = std::fs::read(data("001-zongjie-muban.docx")).unwrap();
    let out = gwlint_stdin(
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "a.docx",
            "-",
        ],
        &docx,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)[0]["unit"], "paragraph");
    let md = "正文\n```\n材料XX篇\n```\n";
    let out = gwlint_stdin(
        &["check", "--format", "json", "--stdin-filename", "a.md", "-"],
        md.as_bytes(),
    );
    assert_eq!((out.status.code(), json(&out).len()), (Some(0), 0));
    let out = gwlint_stdin(&["check", "--format", "json", "-"], md.as_bytes());
    assert_eq!(json(&out)[0]["path"], "-");
}

#[test]
fn markdown_code_links_and_comments_are_not_prose() {
    let dir = temp_dir("md");
    let md = "# 总结\n\n全年完成材料XX篇。\n\n```text\n模板：材料XX篇\n```\n\n用 `XX篇` 表示，见[通知](http://example.com/XX)。\n<!-- 待填：XX -->\n";
    let path = write_bytes(&dir, "a.md", md.as_bytes());
    // Only the rules that look at words: the question is which text is prose.
    let found = json(&gwlint(&[
        "check",
        "--format",
        "json",
        "--select",
        "placeholder,contamination",
        &path,
    ]));
    let places: Vec<(u64, u64)> = found
        .iter()
        .map(|f| (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()))
        .collect();
    assert_eq!(places, [(3, 7)], "{found:?}");
}

#[test]
fn parallel_output_is_in_path_order() {
    let dir = temp_dir("order");
    for i in (0..40).rev() {
        write_bytes(
            &dir,
            &format!("d{}/f{i:02}.txt", i % 3),
            format!("材料XX篇{i}。\n").as_bytes(),
        );
    }
    let root = dir.display().to_string();
    let first = json_paths(&gwlint(&["check", "--format", "json", &root]));
    let mut sorted = first.clone();
    sorted.sort();
    assert_eq!(first, sorted);
    assert_eq!(first.len(), 40);
    assert_eq!(
        json_paths(&gwlint(&["check", "--format", "json", &root])),
        first
    );
}

/// A .docx with every part, as Word lays it out: footnote separators (which
/// hold no text) are skipped, parts come in the order body, footnotes,
/// endnotes, headers, footers (header2 before header10).
#[test]
fn docx_parts_in_order() {
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let para = |text: &str| format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>");
    let notes = |kind: &str, text: &str| {
        format!(
            r#"<w:{kind}s {w}><w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}><w:{kind} w:id="1">{}</w:{kind}></w:{kind}s>"#,
            para(text)
        )
    };
    let files = [
        (
            "word/document.xml",
            format!(
                "<w:document {w}><w:body>{}{}</w:body></w:document>",
                para("正文一"),
                para("正文二")
            ),
        ),
        ("word/footnotes.xml", notes("footnote", "脚注XX")),
        ("word/endnotes.xml", notes("endnote", "尾注")),
        (
            "word/header10.xml",
            format!("<w:hdr {w}>{}</w:hdr>", para("页眉十")),
        ),
        (
            "word/header2.xml",
            format!("<w:hdr {w}>{}</w:hdr>", para("页眉二")),
        ),
        (
            "word/footer1.xml",
            format!("<w:ftr {w}>{}</w:ftr>", para("页脚")),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, xml) in &files {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    let file = source::parse("parts.docx", &bytes, &ReadOptions::default()).unwrap();
    assert_eq!(
        file.text,
        "正文一\n正文二\n脚注XX\n尾注\n页眉二\n页眉十\n页脚\n"
    );
    let parts: Vec<Option<DocxPart>> = (0..7).map(|line| file.part_of_line(line)).collect();
    use DocxPart::*;
    assert_eq!(
        parts,
        [
            Some(Body),
            Some(Body),
            Some(Footnote),
            Some(Endnote),
            Some(Header),
            Some(Header),
            Some(Footer)
        ]
    );
    let registry = Registry::builtin().unwrap();
    let (file, found) = gwlint::check_bytes(&registry, "parts.docx", &bytes).unwrap();
    let slot = found.iter().find(|d| d.rule == "placeholder/slot").unwrap();
    assert_eq!(file.line_col(slot.range.start).line, 3);
}

/// Photos make Word files big: the size limit of a .docx applies to its
/// text, and the photos are never read.
#[test]
fn docx_size_limit_is_on_the_text_not_the_photos() {
    let dir = temp_dir("photos");
    let docx = |text: &str, photo: usize| {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("word/document.xml", stored).unwrap();
        let xml = format!(
            r#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"#
        );
        zip.write_all(xml.as_bytes()).unwrap();
        zip.start_file("word/media/image1.png", stored).unwrap();
        zip.write_all(&vec![0x89; photo]).unwrap();
        zip.finish().unwrap().into_inner()
    };
    let photos = write_bytes(&dir, "photos.docx", &docx("材料XX篇。", 5000));
    let long = write_bytes(&dir, "long.docx", &docx(&"材料".repeat(500), 10));
    let out = gwlint(&[
        "check",
        "--format",
        "json",
        "--max-file-size",
        "2000",
        &photos,
        &long,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json_paths(&out), std::slice::from_ref(&photos));
    let errors = error_lines(&out);
    assert!(
        errors.len() == 1 && errors[0].contains(&long) && errors[0].contains("文字过多"),
        "{errors:?}"
    );
}

/// A directory where a file is expected is an error line for `read`; on the
/// command line a directory is walked, even one named like a draft.
#[test]
fn a_directory_is_never_read_as_a_file() {
    let dir = temp_dir("dir-as-file");
    write_bytes(&dir, "稿.txt/inner.txt", "材料XX篇。\n".as_bytes());
    let as_file = dir.join("稿.txt");
    let err = source::read(
        &source::Input::File(as_file.clone()),
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert!(err.message.contains("目录"), "{err}");
    let out = gwlint(&["check", "--format", "json", &as_file.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(json_paths(&out)[0].ends_with("inner.txt"));
}

#[test]
fn word_auto_numbering_counts_as_numbered_items() {
    // Three points announced, three paragraphs Word numbers itself: no
    // finding. An auto-numbered paragraph between 一、 and 三、 stands for
    // the 二、 the text does not hold: no gap either.
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let three = data.join("numbered-three.docx").display().to_string();
    let out = gwlint(&["check", "--format", "json", &three]);
    assert_eq!(json(&out), Vec::<serde_json::Value>::new());
    // Two auto-numbered points after 三点意见: the announcement is flagged.
    let two = data.join("numbered-two.docx").display().to_string();
    let found = json(&gwlint(&["check", "--format", "json", &two]));
    let rules: Vec<&str> = found.iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["numbering/announced-count"], "{found:?}");
    assert_eq!(found[0]["unit"], "paragraph");
    assert_eq!(found[0]["line"], 3);
}
