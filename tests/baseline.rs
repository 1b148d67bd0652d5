//! `--write-baseline` then `--baseline`: old findings stay quiet through
//! unrelated edits, new ones are reported.

mod common;
use common::*;

#[test]
fn baseline_survives_edits_and_reports_new_findings() {
    let dir = temp_dir("baseline");
    write(&dir, "drafts/a.txt", "标题\n全年起草材料XX篇。\n");
    write(&dir, "drafts/b.txt", "部份同志参加。\n");
    let out = gwlint_in(
        &dir,
        &["check", "--write-baseline", "baseline.json", "drafts"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("baseline.json")).unwrap()).unwrap();
    assert_eq!(recorded["entries"].as_array().unwrap().len(), 2);
    assert_eq!(recorded["entries"][0]["path"], "drafts/a.txt");

    let out = gwlint_in(&dir, &["check", "--baseline", "baseline.json", "drafts"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));

    // Lines inserted above the finding: still recorded (the path may be
    // written differently too).
    write(
        &dir,
        "drafts/a.txt",
        "标题\n\n新加的第一段。\n新加的第二段。\n全年起草材料XX篇。\n",
    );
    let out = gwlint_in(&dir, &["check", "--baseline", "baseline.json", "./drafts"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));

    // A new slot, and a second copy of the recorded one: both reported.
    write(
        &dir,
        "drafts/a.txt",
        "标题\n全年起草材料XX篇。\n会议X场。\n全年起草材料XX篇。\n",
    );
    let out = gwlint_in(
        &dir,
        &[
            "check",
            "--format",
            "short",
            "--baseline",
            "baseline.json",
            "drafts",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with("drafts/a.txt:3:3: "), "{lines:?}");
    assert!(lines[1].starts_with("drafts/a.txt:4:7: "), "{lines:?}");

    std::fs::write(dir.join("broken.json"), "{}").unwrap();
    assert_eq!(
        gwlint_in(&dir, &["check", "--baseline", "broken.json", "drafts"])
            .status
            .code(),
        Some(2)
    );
}
