//! Writing a file so that readers see the old content or the new, never
//! half of it: a temporary file in the same directory, then a rename. One
//! utility for everything gwlint writes: `--fix`, `--output`,
//! `--write-baseline`, `init`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A hidden file beside `path`: `.NAME.PID.N.SUFFIX`.
pub(crate) fn hidden_sibling(path: &Path, suffix: &str) -> io::Result<PathBuf> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "不是文件路径"))?;
    Ok(dir.join(format!(
        ".{}.{}.{}.{suffix}",
        name.to_string_lossy(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )))
}

/// Write `bytes` to `path` through a temporary file in the same directory
/// and a rename: readers see the old file or the new one, never half of
/// it. The file keeps its permissions.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = hidden_sibling(path, "tmp")?;
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&temp, meta.permissions())?;
        }
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
