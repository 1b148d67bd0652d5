//! Finding the files to check and reading them. All file-system reads of
//! drafts happen here (and in `source/`); the rest of the crate sees text.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::source::{self, SourceFile, SourceFormat};

/// Extensions checked when walking a directory. A file named explicitly is
/// checked whatever its extension.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

/// Drafts larger than this are refused: no real draft comes near it, and
/// reading a multi-gigabyte log by mistake should fail fast.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// Something to check.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "-".to_owned(),
            Input::File(p) => p.display().to_string(),
        }
    }
}

/// A file that could not be checked, with a one-line reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Whether a directory walk (or `--staged`) picks this file up.
pub fn has_default_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| DEFAULT_EXTENSIONS.iter().any(|d| e.eq_ignore_ascii_case(d)))
}

/// Expand the paths given on the command line into inputs, sorted by path
/// within each directory. Directories are walked recursively, honouring
/// `.gitignore`; paths that do not exist become errors.
pub fn discover(paths: &[String]) -> (Vec<Input>, Vec<FileError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for arg in paths {
        if arg == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = Path::new(arg);
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                errors.push(FileError {
                    path: arg.clone(),
                    message: io_message(&e),
                });
                continue;
            }
        };
        if !meta.is_dir() {
            inputs.push(Input::File(path.to_path_buf()));
            continue;
        }
        let mut found = Vec::new();
        for entry in ignore::WalkBuilder::new(path).build() {
            match entry {
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                    if has_default_extension(entry.path()) {
                        found.push(entry.into_path());
                    }
                }
                Ok(_) => {}
                Err(e) => errors.push(FileError {
                    path: arg.clone(),
                    message: e.to_string(),
                }),
            }
        }
        found.sort();
        inputs.extend(found.into_iter().map(Input::File));
    }
    (inputs, errors)
}

/// A short Chinese reason for an I/O error.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "文件或目录不存在".to_owned(),
        ErrorKind::PermissionDenied => "没有读取权限".to_owned(),
        ErrorKind::IsADirectory => "这是目录，不是文件".to_owned(),
        _ => format!("无法读取（{e}）"),
    }
}

/// Read and decode one input.
pub fn read(input: &Input, max_size: u64) -> Result<SourceFile, FileError> {
    let display = input.display();
    let error = |message: String| FileError {
        path: display.clone(),
        message,
    };
    let bytes = match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .take(max_size + 1)
                .read_to_end(&mut buf)
                .map_err(|e| error(io_message(&e)))?;
            buf
        }
        Input::File(path) => {
            let meta = std::fs::metadata(path).map_err(|e| error(io_message(&e)))?;
            if meta.is_dir() {
                return Err(error("这是目录，不是文件".to_owned()));
            }
            if meta.len() > max_size {
                return Err(error(format!(
                    "文件过大（{} 字节，上限 {max_size} 字节）",
                    meta.len()
                )));
            }
            std::fs::read(path).map_err(|e| error(io_message(&e)))?
        }
    };
    read_bytes(display, bytes, max_size)
}

/// Decode the bytes of an input that did not come from a file on disk (the
/// staged version of a file, from git) exactly as `read` decodes files.
/// `display` is the path shown in reports and decides the format.
pub fn read_bytes(display: String, bytes: Vec<u8>, max_size: u64) -> Result<SourceFile, FileError> {
    let error = |message: String| FileError {
        path: display.clone(),
        message,
    };
    if bytes.len() as u64 > max_size {
        return Err(error(format!("输入过大（超过上限 {max_size} 字节）")));
    }
    let format = SourceFile::format_for_path(&display);
    if format == SourceFormat::Docx {
        return Err(error("暂不支持 .docx（请另存为 .txt）".to_owned()));
    }
    let decoded = source::decode(&bytes).map_err(|e| error(e.to_string()))?;
    let mut file = SourceFile::new(display.clone(), decoded.text, format);
    file.encoding = decoded.encoding;
    file.bom = decoded.bom;
    Ok(file)
}
