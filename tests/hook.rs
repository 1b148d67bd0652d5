//! The pre-commit path end to end, in a real git repository: `gwlint hook
//! install`, then `git commit` refused or let through depending on what is
//! staged (the index), whatever the working tree holds.

mod common;
use common::{stderr, stdout, temp_dir, write};

use std::path::Path;
use std::process::{Command, Output};

/// `program` in `dir`, independent of the machine's git configuration (a
/// global `core.hooksPath` would move the hook elsewhere).
fn isolated(program: &str, dir: &Path, args: &[&str]) -> Output {
    isolated_command(program, dir, args).output().unwrap()
}

fn isolated_command(program: &str, dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .env_remove("COLUMNS");
    command
}

fn git(dir: &Path, args: &[&str]) -> Output {
    isolated("git", dir, args)
}

fn gwlint_in(dir: &Path, args: &[&str]) -> Output {
    isolated(env!("CARGO_BIN_EXE_gwlint"), dir, args)
}

fn git_ok(dir: &Path, args: &[&str]) {
    let out = git(dir, args);
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
}

fn commit(dir: &Path, message: &str) -> Output {
    git(dir, &["commit", "-q", "-m", message])
}

fn all_output(out: &Output) -> String {
    format!("{}{}", stdout(out), stderr(out))
}

const DIRTY: &str = "全年起草各类材料XX篇。\n";
const CLEAN: &str = "全年起草各类材料35篇。\n";

fn repo(name: &str) -> std::path::PathBuf {
    let dir = temp_dir(name);
    git_ok(&dir, &["init", "-q", "-b", "main"]);
    let out = gwlint_in(&dir, &["hook", "install"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    dir
}

#[test]
fn the_hook_refuses_a_dirty_staged_draft_and_lets_the_fixed_one_through() {
    let dir = repo("hook-commit");
    write(&dir, "总结.txt", DIRTY);
    git_ok(&dir, &["add", "总结.txt"]);
    let refused = commit(&dir, "draft");
    assert!(!refused.status.success(), "the commit went through");
    let printed = all_output(&refused);
    assert!(
        printed.contains("placeholder/slot") && printed.contains("XX"),
        "{printed}"
    );

    write(&dir, "总结.txt", CLEAN);
    git_ok(&dir, &["add", "总结.txt"]);
    let done = commit(&dir, "draft");
    assert!(done.status.success(), "{}", all_output(&done));
}

#[test]
fn the_index_counts_not_the_working_tree() {
    let dir = repo("hook-index");
    // Staged dirty, working tree clean: refused.
    write(&dir, "a.txt", DIRTY);
    git_ok(&dir, &["add", "a.txt"]);
    write(&dir, "a.txt", CLEAN);
    assert!(!commit(&dir, "dirty index").status.success());

    // Staged clean, working tree dirty: allowed.
    git_ok(&dir, &["add", "a.txt"]);
    write(&dir, "a.txt", DIRTY);
    let out = commit(&dir, "clean index");
    assert!(out.status.success(), "{}", all_output(&out));

    // Files that are not drafts, and deleted drafts, are not checked.
    write(&dir, "notes.rs", "// XX篇\n");
    git_ok(&dir, &["add", "notes.rs"]);
    git_ok(&dir, &["rm", "-q", "--cached", "a.txt"]);
    let out = commit(&dir, "other files");
    assert!(out.status.success(), "{}", all_output(&out));
}

#[test]
fn staged_reports_index_paths_and_content() {
    let dir = repo("hook-staged");
    write(&dir, "drafts/a.txt", DIRTY);
    git_ok(&dir, &["add", "."]);
    write(&dir, "drafts/a.txt", CLEAN);
    let out = gwlint_in(&dir, &["check", "--staged", "--format", "short"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).starts_with("drafts/a.txt:1:9: error placeholder/slot"),
        "{}",
        stdout(&out)
    );
    // From a subdirectory, paths are shown relative to it.
    let out = gwlint_in(
        &dir.join("drafts"),
        &["check", "--staged", "--format", "short"],
    );
    assert!(stdout(&out).starts_with("a.txt:1:9: "), "{}", stdout(&out));
    // Outside a repository --staged is a usage error.
    let outside = temp_dir("hook-outside");
    assert_eq!(
        gwlint_in(&outside, &["check", "--staged"]).status.code(),
        Some(2)
    );
}

#[test]
fn install_refuses_to_replace_another_hook_without_force() {
    let dir = temp_dir("hook-force");
    git_ok(&dir, &["init", "-q"]);
    let hook = dir.join(".git/hooks/pre-commit");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    std::fs::write(&hook, "#!/bin/sh\necho mine\n").unwrap();
    let out = gwlint_in(&dir, &["hook", "install"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&hook).unwrap(),
        "#!/bin/sh\necho mine\n"
    );
    assert_eq!(
        gwlint_in(&dir, &["hook", "install", "--force"])
            .status
            .code(),
        Some(0)
    );
    assert!(
        std::fs::read_to_string(&hook)
            .unwrap()
            .contains("check --staged")
    );
    // Installing again is a no-op, not a refusal.
    assert_eq!(gwlint_in(&dir, &["hook", "install"]).status.code(), Some(0));
}

/// `git commit` with PATH set to `path` (git itself found by absolute path).
fn commit_with_path(dir: &Path, path: &str) -> Output {
    let git = String::from_utf8(
        Command::new("sh")
            .args(["-c", "command -v git"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    isolated_command(git.trim(), dir, &["commit", "-q", "-m", "draft"])
        .env("PATH", path)
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn the_hook_survives_a_moved_binary_through_path() {
    let dir = repo("hook-moved");
    // The binary that installed the hook is gone (cargo clean, a move).
    let hook = dir.join(".git/hooks/pre-commit");
    let script = std::fs::read_to_string(&hook).unwrap();
    let pinned = env!("CARGO_BIN_EXE_gwlint");
    assert!(script.contains(pinned), "{script}");
    std::fs::write(&hook, script.replace(pinned, "/nonexistent/gwlint")).unwrap();
    write(&dir, "总结.txt", DIRTY);
    git_ok(&dir, &["add", "总结.txt"]);

    // gwlint on PATH: the hook runs it, and refuses the dirty draft.
    let bin = temp_dir("hook-moved-bin");
    std::os::unix::fs::symlink(pinned, bin.join("gwlint")).unwrap();
    let with_gwlint = format!("{}:/usr/bin:/bin", bin.display());
    let refused = commit_with_path(&dir, &with_gwlint);
    assert!(!refused.status.success());
    assert!(
        all_output(&refused).contains("placeholder/slot"),
        "{}",
        all_output(&refused)
    );

    // No gwlint anywhere: refused with a message that says what to do.
    let refused = commit_with_path(&dir, "/usr/bin:/bin");
    assert!(!refused.status.success());
    assert!(
        all_output(&refused).contains("找不到 gwlint"),
        "{}",
        all_output(&refused)
    );
}
