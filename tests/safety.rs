//! Never lose a word, never hang: what a new user met with `--fix` and odd
//! inputs, as a table of cases (files in, command, exit code, what stdout
//! and stderr must hold, what the files must hold afterwards), plus the
//! cases a table cannot hold (FIFOs, links, permissions, a closed pipe).

mod common;
use common::*;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One command-line case. `{dir}` in an argument is the case's directory.
struct Case {
    name: &'static str,
    files: &'static [(&'static str, &'static [u8])],
    args: &'static [&'static str],
    code: i32,
    stdout_has: &'static [&'static str],
    stderr_has: &'static [&'static str],
    /// (file, text it must still contain) after the run.
    file_has: &'static [(&'static str, &'static str)],
    /// Files that must be byte-for-byte unchanged after the run.
    unchanged: &'static [&'static str],
}

const AUTHOR: &str = "同志们，作风建设永远在路上，希望大家再接再厉，久久为功。";

const CASES: &[Case] = &[
    Case {
        name: "one-line-draft-mostly-advert",
        // A short draft written on one line, most of it an advert: the fix
        // would take more than half the text, so nothing is written.
        files: &[(
            "x.txt",
            "标题正文。本文由网友上传提供，关注公众号：文库君，获取更多范文。".as_bytes(),
        )],
        args: &["check", "--fix", "--format", "short", "x.txt"],
        code: 2,
        stdout_has: &["x.txt:1:"],
        stderr_has: &["x.txt: 修复会把文件从", "未写入"],
        file_has: &[],
        unchanged: &["x.txt"],
    },
    Case {
        name: "advert-appended-to-the-authors-sentence",
        files: &[(
            "y.txt",
            "同志们，作风建设永远在路上，希望大家再接再厉，久久为功。本文由网友上传提供，关注公众号：文库君，获取更多范文。\n".as_bytes(),
        )],
        args: &["check", "--fix", "--fail-on", "never", "y.txt"],
        code: -1, // 0 when the advert alone is deleted, 2 when refused
        stdout_has: &[],
        stderr_has: &[],
        file_has: &[("y.txt", AUTHOR)],
        unchanged: &[],
    },
    Case {
        name: "lone-cr-line-endings",
        files: &[("cr.txt", b"2024\xe5\xb9\xb4\xe5\xb7\xa5\xe4\xbd\x9c\xe6\x80\xbb\xe7\xbb\x93\r\xe5\x85\xa8\xe5\xb9\xb4\xe8\xb5\xb7\xe8\x8d\x89\xe6\x9d\x90\xe6\x96\x99XX\xe7\xaf\x87\xe3\x80\x82\r\xe8\xae\xa4\xe7\x9c\x9f\xe8\xb4\xaf\xe5\xbd\xbb\xe4\xb8\x8a\xe7\xba\xa7\xe5\xb8\x83\xe7\xbd\xb2\xe3\x80\x82\r")],
        args: &["check", "--format", "short", "cr.txt"],
        code: 1,
        stdout_has: &["cr.txt:2:7: error placeholder/slot", "cr.txt:3:7: error wording/typo"],
        stderr_has: &[],
        file_has: &[],
        unchanged: &["cr.txt"],
    },
    Case {
        name: "mixed-line-endings",
        files: &[("mixed.txt", "2024年工作总结\r\n全年起草各类材料XX篇。\r认真贯彻上级布署。\n组织会议X场。".as_bytes())],
        args: &["check", "--format", "short", "mixed.txt"],
        code: 1,
        stdout_has: &[
            "mixed.txt:2:9: error placeholder/slot",
            "mixed.txt:3:7: error wording/typo",
            "mixed.txt:4:5: error placeholder/slot",
        ],
        stderr_has: &[],
        file_has: &[],
        unchanged: &[],
    },
    Case {
        name: "fix-keeps-each-lines-own-ending",
        files: &[("fix.txt", "2024年工作总结\r\n认真贯彻上级布署。\r截止目前完成35项。\n下一步，加强队伍建设。".as_bytes())],
        args: &["check", "--fix", "--fail-on", "never", "fix.txt"],
        code: 0,
        stdout_has: &[],
        stderr_has: &["fixed 2 findings"],
        file_has: &[("fix.txt", "2024年工作总结\r\n认真贯彻上级部署。\r截至目前完成35项。\n下一步，加强队伍建设。")],
        unchanged: &[],
    },
    Case {
        name: "newline-in-a-file-name",
        files: &[("a\nb.txt", "全年起草各类材料XX篇。\n".as_bytes())],
        args: &["check", "--format", "short", "."],
        code: 1,
        stdout_has: &["a\\nb.txt:1:9: error placeholder/slot"],
        stderr_has: &[],
        file_has: &[],
        unchanged: &[],
    },
    Case {
        name: "newline-in-a-file-name-github",
        files: &[("a\nb.txt", "全年起草各类材料XX篇。\n".as_bytes())],
        args: &["check", "--format", "github", "."],
        code: 1,
        stdout_has: &["::error file=./a%0Ab.txt,line=1,col=9,"],
        stderr_has: &[],
        file_has: &[],
        unchanged: &[],
    },
    Case {
        name: "config-error-in-plain-words",
        files: &[
            ("gwlint.toml", b"banned-phrases = [3]\n"),
            ("a.txt", "正文。\n".as_bytes()),
        ],
        args: &["check", "a.txt"],
        code: 2,
        stdout_has: &[],
        stderr_has: &["gwlint.toml:1: “banned-phrases”：每一项须是一个字符串"],
        file_has: &[],
        unchanged: &[],
    },
    Case {
        name: "config-unknown-key",
        files: &[("gwlint.toml", b"fail_on = \"error\"\n"), ("a.txt", "正文。\n".as_bytes())],
        args: &["check", "a.txt"],
        code: 2,
        stdout_has: &[],
        stderr_has: &["gwlint.toml:1: 未知的键“fail_on”（可用的键：", "fail-on"],
        file_has: &[],
        unchanged: &[],
    },
    Case {
        name: "config-in-gbk-is-read",
        // `allow = ["布署"]` saved as GBK by an old editor.
        files: &[
            ("gwlint.toml", b"allow = [\"\xb2\xbc\xca\xf0\xb1\xbe\xb5\xa5\xce\xbb\xb5\xc4\xcb\xb5\xb7\xa8\"]\n"),
            ("a.txt", "正文。\n".as_bytes()),
        ],
        args: &["check", "a.txt"],
        code: 0,
        stdout_has: &[],
        stderr_has: &["0 errors"],
        file_has: &[],
        unchanged: &[],
    },
];

fn run_case(case: &Case) {
    let dir = temp_dir(&format!("safety-{}", case.name));
    for (name, bytes) in case.files {
        write_bytes(&dir, name, bytes);
    }
    let out = gwlint_in(&dir, case.args);
    let (so, se) = (stdout(&out), stderr(&out));
    let context = format!("case {}: stdout:\n{so}\nstderr:\n{se}", case.name);
    if case.code >= 0 {
        assert_eq!(out.status.code(), Some(case.code), "{context}");
    }
    for want in case.stdout_has {
        assert!(so.contains(want), "{context}\nwanted in stdout: {want}");
    }
    for want in case.stderr_has {
        assert!(se.contains(want), "{context}\nwanted in stderr: {want}");
    }
    for (name, want) in case.file_has {
        let now = String::from_utf8(std::fs::read(dir.join(name)).unwrap()).unwrap();
        assert!(now.contains(want), "{context}\n{name} now: {now:?}");
    }
    for name in case.unchanged {
        let before = case.files.iter().find(|(n, _)| n == name).unwrap().1;
        assert_eq!(std::fs::read(dir.join(name)).unwrap(), before, "{context}");
    }
}

#[test]
fn command_line_cases() {
    for case in CASES {
        run_case(case);
    }
}

/// Run gwlint in `dir`, failing the test instead of hanging if it does not
/// finish within `limit`.
fn gwlint_within(dir: &Path, args: &[&str], limit: Duration) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gwlint"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("gwlint {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn a_fifo_named_on_the_command_line_is_refused_without_blocking() {
    let dir = temp_dir("safety-fifo");
    write(&dir, "a.txt", "全年起草各类材料XX篇。\n");
    let made = Command::new("mkfifo")
        .arg(dir.join("pipe"))
        .status()
        .unwrap();
    assert!(made.success());
    let out = gwlint_within(
        &dir,
        &["check", "--format", "short", "pipe", "a.txt"],
        Duration::from_secs(20),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("pipe: 是命名管道（FIFO），不是普通文件"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).contains("a.txt:1:9: error placeholder/slot"));
    // A directory walk skips it silently: it is not a draft.
    let out = gwlint_within(
        &dir,
        &["check", "--format", "short", "."],
        Duration::from_secs(20),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn fix_through_a_symlink_writes_the_target_and_keeps_the_link() {
    let dir = temp_dir("safety-symlink");
    write(&dir, "real.txt", "认真贯彻上级布署。\n");
    std::os::unix::fs::symlink("real.txt", dir.join("link.txt")).unwrap();
    let out = gwlint_in(&dir, &["check", "--fix", "link.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(dir.join("link.txt"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("real.txt")).unwrap(),
        "认真贯彻上级部署。\n"
    );
}

#[cfg(unix)]
#[test]
fn fix_on_a_read_only_file_refuses_and_still_reports() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("safety-readonly");
    let path = write(&dir, "ro.txt", "认真贯彻上级布署。\n");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = gwlint_in(&dir, &["check", "--fix", "--format", "short", "ro.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("ro.txt: 文件只读，未写入修复"),
        "{}",
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("ro.txt:1:7: error wording/typo"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "认真贯彻上级布署。\n"
    );
}

#[cfg(unix)]
#[test]
fn fix_on_a_hard_linked_file_keeps_its_links() {
    use std::os::unix::fs::MetadataExt;
    let dir = temp_dir("safety-hardlink");
    let one = write(&dir, "one.txt", "认真贯彻上级布署。\n");
    std::fs::hard_link(&one, dir.join("two.txt")).unwrap();
    let out = gwlint_in(&dir, &["check", "--fix", "one.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (a, b) = (
        std::fs::metadata(&one).unwrap(),
        std::fs::metadata(dir.join("two.txt")).unwrap(),
    );
    assert_eq!((a.ino(), a.nlink()), (b.ino(), 2));
    assert_eq!(
        std::fs::read_to_string(dir.join("two.txt")).unwrap(),
        "认真贯彻上级部署。\n"
    );
    // No backup or temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_closed_stdout_keeps_the_exit_code() {
    let dir = temp_dir("safety-pipe");
    for i in 0..50 {
        write(
            &dir,
            &format!("d{i:02}.txt"),
            &"全年起草各类材料XX篇。\n".repeat(200),
        );
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_gwlint"))
        .args(["check", "--format", "short", "."])
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then close the pipe, as `| head -1` does.
    {
        use std::io::BufRead;
        let mut first = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(first.contains("placeholder/slot"), "{first}");
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn init_offers_only_groups_that_have_rules() {
    let dir = temp_dir("safety-init");
    let out = gwlint_in(&dir, &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = std::fs::read_to_string(dir.join("gwlint.toml")).unwrap();
    let line = written.lines().find(|l| l.contains("规则组：")).unwrap();
    let offered: Vec<&str> = line
        .split_once("规则组：")
        .unwrap()
        .1
        .trim_end_matches('。')
        .split('、')
        .collect();
    let rules = stdout(&gwlint(&["rules"]));
    for group in gwlint::rules::GROUPS {
        let has_rules = rules.lines().any(|l| l.starts_with(&format!("{group}/")));
        assert_eq!(offered.contains(group), has_rules, "{group} in {line}");
    }
}

#[test]
fn a_directory_walk_skips_review_copies_but_a_named_one_is_checked() {
    let dir = temp_dir("safety-review-copy");
    write(&dir, "稿.txt", "全年起草各类材料XX篇。\n");
    write(&dir, "稿.txt.gwlint.docx", "not a docx");
    let out = gwlint_in(&dir, &["check", "--format", "short", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!stderr(&out).contains("gwlint.docx"), "{}", stderr(&out));
    let named = gwlint_in(&dir, &["check", "稿.txt.gwlint.docx"]);
    assert_eq!(named.status.code(), Some(2), "{}", stderr(&named));
}
