//! The binary as CI and hooks use it: exit codes, JSON output, error lines.

mod common;
use common::*;

#[test]
fn exit_codes_follow_findings_and_fail_on() {
    let dir = temp_dir("exit");
    let clean = write_bytes(&dir, "clean.txt", "全年完成材料35篇。\n".as_bytes());
    let dirty = write_bytes(&dir, "dirty.txt", "全年完成材料XX篇。\n".as_bytes());
    let variant = write_bytes(&dir, "variant.txt", "部份同志参加。\n".as_bytes());
    assert_eq!(gwlint(&["check", &clean]).status.code(), Some(0));
    assert_eq!(gwlint(&["check", &dirty]).status.code(), Some(1));
    assert_eq!(
        gwlint(&["check", "--fail-on", "never", &dirty])
            .status
            .code(),
        Some(0)
    );
    // A warning fails the default gate but not `--fail-on error`.
    assert_eq!(gwlint(&["check", &variant]).status.code(), Some(1));
    assert_eq!(
        gwlint(&["check", "--fail-on", "error", &variant])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        gwlint(&["check", "--select", "placeholder", &variant])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        gwlint(&["check", "--ignore", "placeholder/slot", &dirty])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        gwlint(&["check", "--select", "no-such-rule", &dirty])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn json_schema_as_documented() {
    let dir = temp_dir("json");
    let dirty = write_bytes(
        &dir,
        "dirty.txt",
        "第一行\n全年完成材料XX篇，截止目前完成。\n".as_bytes(),
    );
    let out = gwlint(&["check", "--format", "json", &dirty]);
    assert_eq!(out.status.code(), Some(1));
    let findings = json(&out);
    assert_eq!(findings.len(), 2);
    let slot = &findings[0];
    assert_eq!(slot["path"], dirty.as_str());
    assert_eq!(slot["rule"], "placeholder/slot");
    assert_eq!(slot["severity"], "error");
    assert_eq!(
        (slot["line"].as_u64(), slot["column"].as_u64()),
        (Some(2), Some(7))
    );
    assert_eq!(
        (slot["end_line"].as_u64(), slot["end_column"].as_u64()),
        (Some(2), Some(9))
    );
    let start = "第一行\n全年完成材料".len() as u64;
    assert_eq!(
        (slot["byte_start"].as_u64(), slot["byte_end"].as_u64()),
        (Some(start), Some(start + 2))
    );
    assert_eq!(slot["text"], "XX");
    assert!(slot["fix"].is_null());
    assert!(slot["message"].as_str().unwrap().contains("XX"));
    let typo = &findings[1];
    assert_eq!(typo["rule"], "wording/typo");
    assert_eq!(typo["fix"]["replacement"], "截至目前");
    // No findings is an empty array, still valid JSON.
    let clean = write_bytes(&dir, "clean.txt", "全年完成材料35篇。\n".as_bytes());
    assert_eq!(
        json(&gwlint(&["check", "--format", "json", &clean])),
        Vec::<serde_json::Value>::new()
    );
}

#[test]
fn a_bad_file_is_one_error_line_and_the_rest_is_still_checked() {
    let dir = temp_dir("bad");
    let dirty = write_bytes(&dir, "a-dirty.txt", "全年完成材料XX篇。\n".as_bytes());
    let binary = write_bytes(
        &dir,
        "b-binary.txt",
        &[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0xfe],
    );
    let missing = dir.join("c-missing.txt").display().to_string();
    let out = gwlint(&["check", "--format", "json", &dirty, &binary, &missing]);
    assert_eq!(out.status.code(), Some(2));
    let findings = json(&out);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["path"], dirty.as_str());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let error_lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("gwlint: "))
        .collect();
    assert_eq!(error_lines.len(), 2, "{stderr}");
    assert!(
        error_lines
            .iter()
            .any(|l| l.contains(&binary) && l.contains("二进制")),
        "{stderr}"
    );
    assert!(
        error_lines
            .iter()
            .any(|l| l.contains(&missing) && l.contains("不存在")),
        "{stderr}"
    );
}

#[test]
fn directories_are_walked_and_reported_in_path_order() {
    let dir = temp_dir("walk");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    write_bytes(&dir, "b.txt", "材料XX篇。\n".as_bytes());
    write_bytes(&dir.join("sub"), "a.md", "材料X篇。\n".as_bytes());
    write_bytes(&dir, "skip.rs", "材料XX篇。\n".as_bytes());
    let out = gwlint(&["check", "--format", "json", &dir.display().to_string()]);
    let paths: Vec<String> = json(&out)
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(
        paths[0].ends_with("b.txt") && paths[1].ends_with("a.md"),
        "{paths:?}"
    );
}

#[test]
fn stdin_and_bom() {
    let out = gwlint_stdin(
        &["check", "--format", "json", "-"],
        "\u{feff}材料XX篇。\r\n".as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    let findings = json(&out);
    assert_eq!(findings[0]["path"], "-");
    // The BOM is not a character of the text: the slot is at column 3.
    assert_eq!(findings[0]["column"], 3);
}

#[test]
fn human_output_points_at_the_slot_and_sums_up() {
    let dir = temp_dir("human");
    let dirty = write_bytes(&dir, "d.txt", "全年完成材料XX篇。\n".as_bytes());
    let out = gwlint(&["check", &dirty]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("error[placeholder/slot]"), "{stdout}");
    assert!(stdout.contains(&format!("{dirty}:1:7")), "{stdout}");
    // Six Han characters are twelve cells: the caret starts under XX.
    let source_line = stdout
        .lines()
        .find(|l| l.contains("全年完成材料XX篇"))
        .unwrap();
    let caret_line = stdout.lines().find(|l| l.contains("^^")).unwrap();
    let bar = source_line.find('|').unwrap();
    let caret_col = caret_line.find('^').unwrap() - bar;
    assert_eq!(caret_col, 2 + 12, "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 error, 0 warnings in 1 file"));
}

#[test]
fn rules_and_explain() {
    let out = gwlint(&["rules"]);
    let listing = String::from_utf8(out.stdout).unwrap();
    for id in [
        "placeholder/slot",
        "placeholder/year-slot",
        "contamination/url",
        "contamination/injected-brand",
    ] {
        assert!(listing.contains(id), "{listing}");
    }
    let out = gwlint(&["explain", "placeholder/year-slot"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("应当报告") && text.contains("不报告") && text.contains("201*"),
        "{text}"
    );
    assert_eq!(gwlint(&["explain", "no/such"]).status.code(), Some(2));
    // A rule a configuration fills is explained, with the list that fills it.
    let out = gwlint(&["explain", "placeholder/custom"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("extend-placeholders")
    );
    // Fix safety is shown: site-chrome's fixes wait for --unsafe-fixes.
    assert!(
        listing
            .lines()
            .any(|l| l.starts_with("contamination/site-chrome") && l.contains("--unsafe-fixes")),
        "{listing}"
    );
}
