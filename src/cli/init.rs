//! `gwlint init`: a commented starter configuration in the current directory.

use std::io::{self, Write};
use std::path::Path;

use gwlint::config;
use gwlint::rules::Registry;

use super::{EXIT_CLEAN, EXIT_ERROR};

pub fn run(registry: &Registry) -> io::Result<u8> {
    let mut stderr = io::stderr().lock();
    if let Some(existing) = config::FILE_NAMES.iter().find(|n| Path::new(n).exists()) {
        writeln!(stderr, "gwlint: {existing} 已存在，未改动")?;
        return Ok(EXIT_ERROR);
    }
    let path = config::FILE_NAMES[0];
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(config::starter(registry).as_bytes())?;
    writeln!(stderr, "gwlint: 已写入 {path}（各项均已注释，按需打开）")?;
    Ok(EXIT_CLEAN)
}
