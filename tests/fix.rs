//! `--fix` writes back exactly the bytes it should: fixes applied, and the
//! encoding, BOM and line endings of the original kept. A second run finds
//! nothing more to fix.

mod common;
use common::*;

use std::path::Path;

const DRAFT: &str = "2024年工作总结\r\n认真贯彻上级布署，截止目前完成35项。\r\n(一)加强学习\r\n来源：网络整理\r\n下一步，加强队伍建设。\r\n";
const FIXED: &str = "2024年工作总结\r\n认真贯彻上级部署，截至目前完成35项。\r\n（一）加强学习\r\n下一步，加强队伍建设。\r\n";

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

fn fix_and_read(dir: &Path, name: &str, original: &[u8]) -> Vec<u8> {
    let path = dir.join(name);
    std::fs::write(&path, original).unwrap();
    let out = gwlint(&[
        "check",
        "--fix",
        "--fail-on",
        "never",
        path.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(&path).unwrap()
}

#[test]
fn fixes_keep_encoding_bom_and_crlf() {
    let dir = temp_dir("encodings");
    // UTF-8 with BOM and CRLF.
    let mut utf8 = vec![0xEF, 0xBB, 0xBF];
    utf8.extend_from_slice(DRAFT.as_bytes());
    let mut want = vec![0xEF, 0xBB, 0xBF];
    want.extend_from_slice(FIXED.as_bytes());
    assert_eq!(fix_and_read(&dir, "bom.txt", &utf8), want);
    // GB18030 without a label.
    let (gb, _, _) = encoding_rs::GB18030.encode(DRAFT);
    let (gb_fixed, _, _) = encoding_rs::GB18030.encode(FIXED);
    assert_eq!(fix_and_read(&dir, "gb.txt", &gb), gb_fixed.into_owned());
    // UTF-16LE with BOM.
    assert_eq!(
        fix_and_read(&dir, "u16.txt", &utf16le_with_bom(DRAFT)),
        utf16le_with_bom(FIXED)
    );
}

#[test]
fn fixing_twice_changes_nothing_more_and_unfixable_findings_remain() {
    let dir = temp_dir("idempotent");
    let path = dir.join("d.txt");
    std::fs::write(&path, "材料XX篇，上级布署。\n").unwrap();
    let out = gwlint(&["check", "--fix", path.to_str().unwrap()]);
    // The slot cannot be fixed: it is still reported, and fails the run.
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("fixed 1 findings"));
    let once = std::fs::read(&path).unwrap();
    assert_eq!(once, "材料XX篇，上级部署。\n".as_bytes());
    let out = gwlint(&["check", "--fix", path.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("fixed 0 findings"));
    assert_eq!(std::fs::read(&path).unwrap(), once);
}

#[test]
fn a_file_without_fixes_is_not_rewritten() {
    let dir = temp_dir("untouched");
    let path = dir.join("d.txt");
    std::fs::write(&path, "材料XX篇。\n").unwrap();
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    gwlint(&["check", "--fix", path.to_str().unwrap()]);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        before
    );
    // No temporary file is left behind.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
}

#[test]
fn docx_is_never_rewritten() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/002-jianghua-wangzhan.docx");
    let dir = temp_dir("docx");
    let path = dir.join("d.docx");
    std::fs::copy(&data, &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let out = gwlint(&["check", "--fix", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
