//! gwlint.toml as users write it: discovery, layering with flags, every
//! kind of key, errors with line numbers, `gwlint init`.

mod common;
use common::*;

const DRAFT: &str = "全年完成材料XX篇，截止目前完成。以此为抓手，详见待补充。\n";

#[test]
fn nearest_config_walking_up_applies_and_flags_layer_on_top() {
    let dir = temp_dir("config-discovery");
    write(&dir, "gwlint.toml", "ignore = [\"wording\"]\n");
    write(&dir, "sub/deeper/a.txt", DRAFT);
    write(&dir, "other/.gwlint.toml", "select = [\"wording/typo\"]\n");
    write(&dir, "other/b.txt", DRAFT);

    let out = gwlint_in(&dir, &["check", "--format", "short", "sub/deeper/a.txt"]);
    assert_eq!(short_rules(&out), ["placeholder/slot"], "{}", stderr(&out));
    // `.gwlint.toml` nearer the file wins over the parent's gwlint.toml.
    let out = gwlint_in(&dir, &["check", "--format", "short", "other/b.txt"]);
    assert_eq!(short_rules(&out), ["wording/typo"]);
    // --select replaces the configuration's selection; --ignore adds to it.
    let out = gwlint_in(
        &dir,
        &[
            "check",
            "--format",
            "short",
            "--select",
            "placeholder",
            "other/b.txt",
        ],
    );
    assert_eq!(short_rules(&out), ["placeholder/slot"]);
    let out = gwlint_in(
        &dir,
        &[
            "check",
            "--format",
            "short",
            "--ignore",
            "placeholder",
            "sub/deeper/a.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    // --no-config: everything; --config: that file for every path.
    let out = gwlint_in(
        &dir,
        &[
            "check",
            "--format",
            "short",
            "--no-config",
            "sub/deeper/a.txt",
        ],
    );
    assert_eq!(short_rules(&out), ["placeholder/slot", "wording/typo"]);
    let out = gwlint_in(
        &dir,
        &[
            "check",
            "--format",
            "short",
            "--config",
            "other/.gwlint.toml",
            "sub/deeper/a.txt",
        ],
    );
    assert_eq!(short_rules(&out), ["wording/typo"]);
}

#[test]
fn organisation_words_severity_allow_and_per_file_ignores() {
    let dir = temp_dir("config-keys");
    write(
        &dir,
        "gwlint.toml",
        r#"
fail-on = "error"
extend-placeholders = ["待补充"]
banned-phrases = [{ phrase = "抓手", replacement = "着力点" }]
brands = ["哒哒范文"]
allow = ["截止目前"]

[severity]
placeholder = "warning"

[per-file-ignores]
"templates/*.txt" = ["placeholder"]
"#,
    );
    write(&dir, "a.txt", DRAFT);
    write(&dir, "templates/t.txt", DRAFT);
    let out = gwlint_in(
        &dir,
        &["check", "--format", "json", "a.txt", "templates/t.txt"],
    );
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let summary: Vec<(String, String, String)> = findings
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().into(),
                f["rule"].as_str().unwrap().into(),
                f["severity"].as_str().unwrap().into(),
            )
        })
        .collect();
    let expect = |p: &str, r: &str, s: &str| (p.to_owned(), r.to_owned(), s.to_owned());
    assert_eq!(
        summary,
        [
            expect("a.txt", "placeholder/slot", "warning"),
            expect("a.txt", "wording/banned-phrase", "warning"),
            expect("a.txt", "placeholder/custom", "warning"),
            expect("templates/t.txt", "wording/banned-phrase", "warning"),
        ],
        "{}",
        stderr(&out)
    );
    assert_eq!(findings[1]["fix"]["replacement"], "着力点");
    // Only warnings, and the configuration fails on errors only.
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        gwlint_in(&dir, &["check", "--fail-on", "warning", "a.txt"])
            .status
            .code(),
        Some(1)
    );
    let out = gwlint_in(&dir, &["check", "--format", "short", "-"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdin gets the current directory's configuration"
    );
}

#[test]
fn config_errors_name_the_file_and_line() {
    let dir = temp_dir("config-errors");
    write(&dir, "a.txt", DRAFT);
    write(
        &dir,
        "gwlint.toml",
        "select = [\"placeholder\"]\nignore = [\n  \"wording/nope\",\n]\n",
    );
    let out = gwlint_in(&dir, &["check", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("gwlint.toml:3: "), "{}", stderr(&out));
    write(&dir, "gwlint.toml", "\n\nselekt = [\"placeholder\"]\n");
    let out = gwlint_in(&dir, &["check", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("gwlint.toml:3: "), "{}", stderr(&out));
    let out = gwlint_in(&dir, &["check", "--config", "missing.toml", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn init_writes_a_starter_that_parses_and_never_overwrites() {
    let dir = temp_dir("config-init");
    write(&dir, "a.txt", DRAFT);
    let out = gwlint_in(&dir, &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = std::fs::read_to_string(dir.join("gwlint.toml")).unwrap();
    assert!(written.contains("# select = "));
    // The starter changes nothing: the draft fails as without it.
    assert_eq!(gwlint_in(&dir, &["check", "a.txt"]).status.code(), Some(1));
    std::fs::write(dir.join("gwlint.toml"), "# mine\n").unwrap();
    assert_eq!(gwlint_in(&dir, &["init"]).status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(dir.join("gwlint.toml")).unwrap(),
        "# mine\n"
    );
}

#[test]
fn required_sections_per_kind_come_from_the_config() {
    let dir = temp_dir("sections");
    // A 工作总结 with problems and plans, but no 安全生产 part.
    let draft = "2024年工作总结\n一、主要工作\n完成材料46篇。\n二、存在问题\n主动性不够。\n三、下一步打算\n加强学习。\n";
    write(&dir, "d.txt", draft);
    let out = gwlint_in(&dir, &["check", "--format", "short", "d.txt"]);
    assert_eq!(short_rules(&out), Vec::<String>::new(), "{}", stdout(&out));
    write(
        &dir,
        "gwlint.toml",
        "[required-sections]\n\"工作总结\" = [\n  { name = \"安全生产\", keywords = [\"安全生产\"] },\n]\n",
    );
    let out = gwlint_in(&dir, &["check", "--format", "short", "d.txt"]);
    assert_eq!(
        short_rules(&out),
        ["structure/missing-section"],
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("安全生产"));
    // The organisation's list replaces the built-in one for that kind: a
    // summary with 安全生产 but no 存在问题 now passes.
    write(
        &dir,
        "e.txt",
        "2024年工作总结\n一、安全生产\n全年无事故。\n",
    );
    let out = gwlint_in(&dir, &["check", "--format", "short", "e.txt"]);
    assert_eq!(short_rules(&out), Vec::<String>::new(), "{}", stdout(&out));
    // An unknown kind is an error naming the line.
    write(
        &dir,
        "gwlint.toml",
        "[required-sections]\n\"通报\" = [{ name = \"x\" }]\n",
    );
    let out = gwlint_in(&dir, &["check", "d.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("gwlint.toml:2"), "{}", stderr(&out));
}
