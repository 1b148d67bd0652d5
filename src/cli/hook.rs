//! `gwlint hook install`: the plain git pre-commit hook.

use std::io::{self, Write};
use std::path::Path;

use gwlint::hook::{self, ExistingHook, Installed};

use super::{EXIT_CLEAN, EXIT_ERROR};

pub fn install(force: bool) -> io::Result<u8> {
    let existing = if force {
        ExistingHook::Overwrite
    } else {
        ExistingHook::Keep
    };
    let mut stderr = io::stderr().lock();
    let exe = std::env::current_exe()?;
    match hook::install(Path::new("."), &exe, existing) {
        Ok(Installed::Written(path)) => writeln!(
            stderr,
            "gwlint: 已写入 {}：提交前运行 PATH 上的 gwlint check --staged；PATH 上没有时用 {}",
            path.display(),
            exe.display()
        )?,
        Ok(Installed::AlreadyThere(path)) => {
            writeln!(stderr, "gwlint: {} 已是 gwlint 钩子", path.display())?
        }
        Err(message) => {
            writeln!(stderr, "gwlint: {message}")?;
            return Ok(EXIT_ERROR);
        }
    }
    Ok(EXIT_CLEAN)
}
