//! Every output format on the same dirty draft, as insta snapshots
//! (`tests/snapshots/`), plus the SARIF of the real seeds validated against
//! the official SARIF 2.1.0 schema.
//!
//! The binary runs from the repository root with a relative path, so the
//! snapshots hold stable paths. Refresh with `INSTA_UPDATE=always cargo test
//! --test formats`, review the diff, commit.

mod common;

use std::process::{Command, Output};

const DRAFT: &str = "corpus/dirty/001-zongjie-muban.txt";

fn gwlint_in_repo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gwlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn report(format: &str) -> String {
    let out = gwlint_in_repo(&["check", "--no-config", "--format", format, DRAFT]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn human() {
    insta::assert_snapshot!(report("human"));
}

#[test]
fn short() {
    insta::assert_snapshot!(report("short"));
}

#[test]
fn json() {
    insta::assert_snapshot!(report("json"));
}

#[test]
fn sarif() {
    // The full rule list changes with every new rule; the snapshot keeps the
    // descriptors of the rules this draft triggers, and no rule indexes
    // (their consistency is checked on the seeds below).
    let mut log: serde_json::Value = serde_json::from_str(&report("sarif")).unwrap();
    let run = &mut log["runs"][0];
    let used: Vec<serde_json::Value> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ruleId"].clone())
        .collect();
    let rules = run["tool"]["driver"]["rules"].as_array_mut().unwrap();
    rules.retain(|r| used.contains(&r["id"]));
    for result in run["results"].as_array_mut().unwrap() {
        result.as_object_mut().unwrap().remove("ruleIndex");
    }
    insta::assert_snapshot!(serde_json::to_string_pretty(&log).unwrap());
}

#[test]
fn github() {
    let text = report("github");
    // The runner's workflow-command syntax: `::error file=…,line=…::message`.
    for line in text.lines() {
        assert!(
            line.starts_with("::error file=")
                || line.starts_with("::warning file=")
                || line.starts_with("::notice file="),
            "{line}"
        );
        let (properties, message) = line[2..].split_once("::").unwrap();
        assert!(
            properties.contains(",line=") && properties.contains(",col="),
            "{line}"
        );
        assert!(!message.is_empty());
    }
    insta::assert_snapshot!(text);
}

#[test]
fn gitlab() {
    let text = report("gitlab");
    let issues: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let mut fingerprints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    fingerprints.sort();
    fingerprints.dedup();
    assert_eq!(
        fingerprints.len(),
        issues.len(),
        "fingerprints must be unique"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn junit() {
    insta::assert_snapshot!(report("junit"));
}

#[test]
fn output_file_gets_the_report_and_the_terminal_the_summary() {
    let dir = std::env::temp_dir().join(format!("gwlint-formats-output-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let target = dir.join("report.json");
    let out = gwlint_in_repo(&[
        "check",
        "--no-config",
        "--format",
        "json",
        "--output",
        target.to_str().unwrap(),
        DRAFT,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("errors"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), report("json"));
}

#[test]
fn quiet_and_statistics() {
    let quiet = gwlint_in_repo(&[
        "check",
        "--no-config",
        "--quiet",
        "--format",
        "short",
        DRAFT,
    ]);
    assert!(
        quiet.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&quiet.stderr)
    );
    assert!(!quiet.stdout.is_empty());
    let stats = gwlint_in_repo(&[
        "check",
        "--no-config",
        "--statistics",
        "--format",
        "short",
        DRAFT,
    ]);
    let stderr = String::from_utf8(stats.stderr).unwrap();
    let slot_line = stderr
        .lines()
        .find(|l| l.contains("placeholder/slot"))
        .expect(&stderr);
    let count: usize = slot_line
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let short = String::from_utf8(stats.stdout).unwrap();
    assert_eq!(
        count,
        short
            .lines()
            .filter(|l| l.contains(" placeholder/slot "))
            .count()
    );
}

#[test]
fn sarif_of_the_seeds_is_valid_against_the_official_schema() {
    let schema_text =
        std::fs::read_to_string(common::shared("schemas/sarif-schema-2.1.0.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    // Draft 7 named explicitly: the meta-schema comes from the crate, never
    // the network.
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();

    let out = gwlint_in_repo(&[
        "check",
        "--no-config",
        "--format",
        "sarif",
        "../shared/seeds",
        "no-such-file.txt",
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "the missing file is a tool notification"
    );
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let run = &log["runs"][0];
    assert!(
        run["results"].as_array().unwrap().len() > 10,
        "the seeds have findings"
    );
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    // A broken log must fail, or the check above proves nothing.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn html() {
    insta::assert_snapshot!(report("html"));
}

#[test]
fn html_of_the_seeds_highlights_every_finding_and_loads_nothing() {
    let html = gwlint_in_repo(&[
        "check",
        "--no-config",
        "--format",
        "html",
        "../shared/seeds",
    ]);
    let html = String::from_utf8(html.stdout).unwrap();
    let findings: Vec<serde_json::Value> = serde_json::from_slice(
        &gwlint_in_repo(&[
            "check",
            "--no-config",
            "--format",
            "json",
            "../shared/seeds",
        ])
        .stdout,
    )
    .unwrap();
    assert!(!findings.is_empty());
    assert_eq!(html.matches("<div class=\"note ").count(), findings.len());
    for (i, f) in findings.iter().enumerate() {
        let note = format!(
            "id=\"finding-{i}\" data-rule=\"{}\"",
            f["rule"].as_str().unwrap()
        );
        assert!(html.contains(&note), "{note}");
        // Its highlight: a mark listing it (alone, first or among others).
        let listed = [
            format!("data-findings=\"{i}\""),
            format!("data-findings=\"{i} "),
            format!(" {i}\""),
            format!(" {i} "),
        ];
        assert!(listed.iter().any(|l| html.contains(l)), "finding {i}");
    }
    // Self-contained: no script, nothing fetched.
    for forbidden in ["<script", "src=\"http", "href=\"http", "@import", "url("] {
        assert!(!html.contains(forbidden), "{forbidden}");
    }
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
}

#[test]
fn html_shows_markup_in_a_draft_as_text() {
    let dir = std::env::temp_dir().join(format!("gwlint-html-escape-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let draft = dir.join("稿.txt");
    std::fs::write(&draft, "全年起草材料XX篇<script>alert(1)</script>\n").unwrap();
    let out = gwlint_in_repo(&["check", "--format", "html", draft.to_str().unwrap()]);
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("篇&lt;script&gt;alert(1)&lt;/script&gt;"));
    std::fs::remove_dir_all(&dir).unwrap();
}
