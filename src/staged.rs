//! `--staged`: the staged version of each staged draft, read from git's
//! index (`git show :PATH`), not from the working tree, so a pre-commit hook
//! checks exactly what is about to be committed.
//!
//! Spawns the `git` binary: the same one that runs the hook, no libgit2.

use std::path::PathBuf;

use crate::git::{GitError, git, path_from_output};
use crate::source::FileError;
use crate::walk;

/// One staged file.
#[derive(Debug)]
pub struct StagedFile {
    /// The path shown in reports: relative to the current directory when
    /// the file is under it, else absolute.
    pub display: String,
    /// Where the file is in the working tree (for finding its configuration).
    pub worktree_path: PathBuf,
    /// The staged content, or why it could not be read.
    pub content: Result<Vec<u8>, FileError>,
}

/// Why `--staged` cannot list the staged files.
#[derive(Debug, thiserror::Error)]
pub enum StagedError {
    #[error("--staged 须在 git 仓库中使用")]
    NotARepository,
    #[error("无法确定当前目录（{0}）")]
    CurrentDir(std::io::Error),
    #[error(transparent)]
    Git(#[from] GitError),
}

/// The staged files (added, copied, modified or renamed; not deleted) that a
/// directory walk would check, restricted to those under `paths` when any
/// are given. An error means there is no repository or git failed.
pub fn staged_files(paths: &[String]) -> Result<Vec<StagedFile>, StagedError> {
    let cwd = std::env::current_dir().map_err(StagedError::CurrentDir)?;
    let top =
        git(&cwd, &["rev-parse", "--show-toplevel"]).map_err(|_| StagedError::NotARepository)?;
    let top = path_from_output(&top);
    let names = git(
        &top,
        &[
            "diff",
            "--cached",
            "--name-only",
            "-z",
            "--diff-filter=ACMR",
        ],
    )?;
    let filters: Vec<PathBuf> = paths
        .iter()
        .map(|p| std::path::absolute(cwd.join(p)).unwrap_or_else(|_| cwd.join(p)))
        .collect();
    let mut files = Vec::new();
    for name in names.split(|b| *b == 0).filter(|n| !n.is_empty()) {
        let name = String::from_utf8_lossy(name).into_owned();
        let worktree_path = top.join(&name);
        if !walk::has_default_extension(&worktree_path) {
            continue;
        }
        if !filters.is_empty() && !filters.iter().any(|f| worktree_path.starts_with(f)) {
            continue;
        }
        let display = match worktree_path.strip_prefix(&cwd) {
            Ok(relative) => relative.display().to_string(),
            Err(_) => worktree_path.display().to_string(),
        };
        // `:NAME` is the stage-0 entry of NAME, relative to the top level.
        let content = git(&top, &["show", &format!(":{name}")]).map_err(|message| FileError {
            path: display.clone(),
            message: message.to_string(),
        });
        files.push(StagedFile {
            display,
            worktree_path,
            content,
        });
    }
    files.sort_by(|a, b| a.display.cmp(&b.display));
    Ok(files)
}
