//! Running the `git` binary (the same one that runs hooks; no libgit2), for
//! `--staged` and `hook install`.

use std::path::Path;
use std::process::Command;

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("无法运行 git（{0}）")]
    NotRun(std::io::Error),
    #[error("git {command} 失败：{stderr}")]
    Failed { command: String, stderr: String },
}

/// `git -C dir ARGS…`: its standard output, or why it failed.
pub fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(GitError::NotRun)?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(GitError::Failed {
            command: args.join(" "),
            stderr: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        })
    }
}

/// A path git printed on one line.
pub fn path_from_output(output: &[u8]) -> std::path::PathBuf {
    std::path::PathBuf::from(String::from_utf8_lossy(output).trim_end_matches(['\n', '\r']))
}
