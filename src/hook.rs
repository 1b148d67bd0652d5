//! `gwlint hook install`: a plain `.git/hooks/pre-commit` for people who do
//! not use the pre-commit framework. It runs `gwlint check --staged`, so a
//! commit is refused when what is staged has findings.

use crate::git::{GitError, git, path_from_output};
use std::path::{Path, PathBuf};

/// What to do when a different pre-commit hook is already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExistingHook {
    Keep,
    Overwrite,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Installed {
    Written(PathBuf),
    AlreadyThere(PathBuf),
}

/// The hook script. It runs the `gwlint` on PATH — so it survives
/// `cargo clean`, a moved binary and upgrades — and falls back to the
/// binary that installed it (`exe`, named by absolute path) when git runs
/// hooks with a PATH that lacks gwlint. Neither found: the commit is
/// refused with a message saying what to install.
pub fn script(exe: &Path) -> String {
    let quoted = exe.display().to_string().replace('\'', r"'\''");
    format!(
        "#!/bin/sh\n\
         # Installed by `gwlint hook install`: checks the staged drafts before each commit.\n\
         # Skip it once with `git commit --no-verify`; remove this file to uninstall.\n\
         # Runs the gwlint on PATH; if there is none, the one that installed this hook.\n\
         if command -v gwlint >/dev/null 2>&1; then\n\
         \x20 exec gwlint check --staged\n\
         elif [ -x '{quoted}' ]; then\n\
         \x20 exec '{quoted}' check --staged\n\
         else\n\
         \x20 echo 'gwlint: 找不到 gwlint（PATH 上没有，{quoted} 也不存在）；请用 cargo install --path <gwlint 源码目录> 安装，或用 git commit --no-verify 跳过' >&2\n\
         \x20 exit 1\n\
         fi\n"
    )
}

/// Why the hook was not installed.
#[derive(Debug, thiserror::Error)]
pub enum HookError {
    #[error("不在 git 仓库中")]
    NotARepository,
    #[error(transparent)]
    GitNotRun(GitError),
    #[error("{} 已存在且内容不同；确认要替换时加 --force", .0.display())]
    OtherHookThere(PathBuf),
    #[error("{}: {error}", path.display())]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

/// Write the pre-commit hook of the repository around `dir`, running `exe`.
pub fn install(dir: &Path, exe: &Path, existing: ExistingHook) -> Result<Installed, HookError> {
    let output = git(
        dir,
        &["rev-parse", "--path-format=absolute", "--git-path", "hooks"],
    )
    .map_err(|e| match e {
        GitError::NotRun(_) => HookError::GitNotRun(e),
        GitError::Failed { .. } => HookError::NotARepository,
    })?;
    let hooks = path_from_output(&output);
    let path = hooks.join("pre-commit");
    let wanted = script(exe);
    match std::fs::read_to_string(&path) {
        Ok(current) if current == wanted => return Ok(Installed::AlreadyThere(path)),
        Ok(_) if existing == ExistingHook::Keep => return Err(HookError::OtherHookThere(path)),
        _ => {}
    }
    std::fs::create_dir_all(&hooks).map_err(|e| HookError::Io {
        path: hooks.clone(),
        error: e,
    })?;
    std::fs::write(&path, wanted).map_err(|e| HookError::Io {
        path: path.clone(),
        error: e,
    })?;
    make_executable(&path)?;
    Ok(Installed::Written(path))
}

#[cfg(unix)]
fn make_executable(path: &Path) -> Result<(), HookError> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).map_err(|e| {
        HookError::Io {
            path: path.to_owned(),
            error: e,
        }
    })
}

#[cfg(not(unix))]
fn make_executable(_path: &Path) -> Result<(), HookError> {
    Ok(())
}
