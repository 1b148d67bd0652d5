//! Helpers shared by the integration tests that run the binary.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A fresh empty directory under the system temp dir, named for the test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gwlint-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, text).unwrap();
    path
}

/// Run gwlint in `dir`.
pub fn gwlint_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gwlint"))
        .args(args)
        .current_dir(dir)
        .env_remove("COLUMNS")
        .output()
        .unwrap()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The rule ids of a `--format short` report, in order.
pub fn short_rules(out: &Output) -> Vec<String> {
    stdout(out)
        .lines()
        .map(|l| l.split(' ').nth(2).unwrap_or_default().to_owned())
        .collect()
}

/// Run gwlint in the current directory.
pub fn gwlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gwlint"))
        .args(args)
        .env_remove("COLUMNS")
        .output()
        .unwrap()
}

/// Run gwlint with `input` on standard input.
pub fn gwlint_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gwlint"))
        .args(args)
        .env_remove("COLUMNS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

/// Write `bytes` to `dir/name` (creating directories) and return the path as text.
pub fn write_bytes(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

/// The findings of a `--format json` report.
pub fn json(out: &Output) -> Vec<serde_json::Value> {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

/// A path in `../shared/` (the data kept beside the checkout: seeds,
/// schemas, the dev set). A missing path fails the test with a message that
/// names it and says what belongs there, not a bare "file not found".
pub fn shared(relative: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(relative);
    assert!(
        path.exists(),
        "{} is missing: these tests read the shared data kept beside the checkout \
         (../shared/seeds, ../shared/schemas, ../shared/devset, ../shared/cleandocs; \
         see README, \"Tests\"). Clone or copy it there and run again.",
        path.display()
    );
    path
}
