//! Reading one input into a `SourceFile`: the only place drafts are read
//! from the file system. `parse` turns bytes into a `SourceFile` without
//! touching the file system (it is what the property tests and the fuzz
//! target drive). Every failure is a one-line `FileError`, never a panic.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::sniff::refused_kind;
use super::{SourceFile, SourceFormat, docx};

/// Drafts larger than this are refused: no real draft comes near it, and
/// reading a multi-gigabyte log by mistake should fail fast. For a .docx it
/// limits the text extracted, not the file: photos make Word files large.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// A .docx read from standard input is held in memory whole (photos and
/// all); a .docx file on disk is not, and has no size limit of its own.
pub const MAX_DOCX_IN_MEMORY: u64 = 256 * 1024 * 1024;

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

impl FileError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        // One line whatever the cause said.
        let message = message.into().replace(['\n', '\r'], " ");
        Self {
            path: path.into(),
            message,
        }
    }
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = crate::report::escaped_path(&self.path);
        write!(f, "{path}: {}", self.message)
    }
}

/// Why a path that is not a directory cannot be read as a draft: it is
/// not a regular file. `None` for a regular file.
pub(crate) fn not_regular_reason(meta: &std::fs::Metadata) -> Option<String> {
    if meta.is_file() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        let what = if t.is_fifo() {
            "命名管道（FIFO）"
        } else if t.is_socket() {
            "套接字"
        } else if t.is_block_device() || t.is_char_device() {
            "设备文件"
        } else {
            "特殊文件"
        };
        Some(format!("是{what}，不是普通文件，未读取"))
    }
    #[cfg(not(unix))]
    Some("不是普通文件，未读取".to_owned())
}

/// A short Chinese reason for an I/O error.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "文件或目录不存在".to_owned(),
        ErrorKind::PermissionDenied => "没有读取权限".to_owned(),
        ErrorKind::IsADirectory => "这是目录，不是文件".to_owned(),
        ErrorKind::NotADirectory => "路径中有一段是文件，不是目录".to_owned(),
        _ => format!("无法读取（{e}）"),
    }
}

/// How files are read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Refuse inputs larger than this many bytes.
    pub max_size: u64,
    /// `--encoding`: decode text files in this encoding instead of detecting.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// `--stdin-filename`: the path shown for `-`, which also picks the format.
    pub stdin_filename: Option<String>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            max_size: DEFAULT_MAX_FILE_SIZE,
            encoding: None,
            stdin_filename: None,
        }
    }
}

/// Read and decode one input.
pub fn read(input: &Input, options: &ReadOptions) -> Result<SourceFile, FileError> {
    let max_size = options.max_size;
    let display = match input {
        Input::Stdin => options
            .stdin_filename
            .clone()
            .unwrap_or_else(|| "-".to_owned()),
        Input::File(_) => input.display(),
    };
    let error = |message: String| FileError::new(display.clone(), message);
    let is_docx = SourceFile::format_for_path(&display) == SourceFormat::Docx;
    let bytes = match input {
        Input::Stdin => {
            let limit = if is_docx {
                MAX_DOCX_IN_MEMORY.max(max_size)
            } else {
                max_size
            };
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .take(limit.saturating_add(1))
                .read_to_end(&mut buf)
                .map_err(|e| error(io_message(&e)))?;
            buf
        }
        Input::File(path) => {
            let meta = std::fs::metadata(path).map_err(|e| error(io_message(&e)))?;
            if meta.is_dir() {
                return Err(error("这是目录，不是文件".to_owned()));
            }
            if let Some(reason) = not_regular_reason(&meta) {
                return Err(error(reason));
            }
            if is_docx && meta.len() > 0 {
                return read_docx_file(&display, path, options);
            }
            if meta.len() > max_size {
                return Err(error(format!(
                    "文件过大（{} 字节，上限 {max_size} 字节，可用 --max-file-size 调整）",
                    meta.len()
                )));
            }
            let file = std::fs::File::open(path).map_err(|e| error(io_message(&e)))?;
            let mut buf = Vec::with_capacity(meta.len() as usize);
            // Bounded even if the file grows while we read it.
            file.take(max_size.saturating_add(1))
                .read_to_end(&mut buf)
                .map_err(|e| error(io_message(&e)))?;
            buf
        }
    };
    parse(&display, &bytes, options)
}

/// A .docx on disk: only its XML is read (see `docx::read_docx_from`).
fn read_docx_file(name: &str, path: &Path, options: &ReadOptions) -> Result<SourceFile, FileError> {
    use std::io::{Seek, SeekFrom};
    let error = |message: String| FileError::new(name, message);
    let mut file = std::fs::File::open(path).map_err(|e| error(io_message(&e)))?;
    let mut head = Vec::with_capacity(8);
    (&mut file)
        .take(8)
        .read_to_end(&mut head)
        .map_err(|e| error(io_message(&e)))?;
    if let Some(reason) = refused_kind(name, &head, SourceFormat::Docx) {
        return Err(error(reason.to_owned()));
    }
    file.seek(SeekFrom::Start(0))
        .map_err(|e| error(io_message(&e)))?;
    let docx =
        docx::read_docx_from(std::io::BufReader::new(file)).map_err(|e| error(e.to_string()))?;
    docx_source(name, docx, options)
}

fn docx_source(
    name: &str,
    docx: docx::DocxText,
    options: &ReadOptions,
) -> Result<SourceFile, FileError> {
    if docx.text.len() as u64 > options.max_size {
        return Err(FileError::new(
            name,
            format!(
                "文字过多（{} 字节，上限 {} 字节，可用 --max-file-size 调整）",
                docx.text.len(),
                options.max_size
            ),
        ));
    }
    let mut file = SourceFile::new(name, docx.text, SourceFormat::Docx);
    file.parts = docx.parts;
    file.auto_numbered = docx.auto_numbered;
    Ok(file)
}

/// Bytes → `SourceFile`, for a file named `name` (the name picks the
/// format: `.docx`, `.md`/`.markdown`, anything else is text). Pure: no
/// file-system access, no panic on any input.
pub fn parse(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<SourceFile, FileError> {
    let error = |message: String| FileError::new(name, message);
    let format = SourceFile::format_for_path(name);
    let limit = if format == SourceFormat::Docx {
        MAX_DOCX_IN_MEMORY.max(options.max_size)
    } else {
        options.max_size
    };
    if bytes.len() as u64 > limit {
        return Err(error(format!(
            "输入过大（超过上限 {limit} 字节，可用 --max-file-size 调整）"
        )));
    }
    // An empty file has nothing to check (Windows' "New → Word document" is
    // a 0-byte .docx).
    if bytes.is_empty() {
        return Ok(SourceFile::new(name, String::new(), format));
    }
    if let Some(reason) = refused_kind(name, bytes, format) {
        return Err(error(reason.to_owned()));
    }
    if format == SourceFormat::Docx {
        let docx = docx::read_docx(bytes).map_err(|e| error(e.to_string()))?;
        return docx_source(name, docx, options);
    }
    let decoded = super::decode_as(bytes, options.encoding).map_err(|e| error(e.to_string()))?;
    Ok(SourceFile::decoded(
        name,
        decoded.text,
        format,
        decoded.encoding,
        decoded.bom,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_kinds() {
        let opts = ReadOptions::default();
        let err = |name: &str, bytes: &[u8]| parse(name, bytes, &opts).unwrap_err().message;
        assert!(err("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest").contains("另存为 .docx"));
        assert!(err("a.wps", b"text").contains("另存为 .docx"));
        assert!(err("a.txt", b"%PDF-1.7\n%\xe2\xe3").contains("PDF"));
        assert!(err("a.docx", "纯文本".as_bytes()).contains("不是有效的 .docx"));
        assert!(err("a.txt", b"PK\x03\x04xx").contains("zip"));
        assert!(parse("a.docx", b"", &opts).unwrap().text.is_empty());
        let small = ReadOptions {
            max_size: 3,
            ..ReadOptions::default()
        };
        assert!(
            parse("a.txt", b"abcd", &small)
                .unwrap_err()
                .message
                .contains("过大")
        );
    }

    #[test]
    fn markdown_gets_prose() {
        let file = parse(
            "a.md",
            "正文\n```\nXX\n```\n".as_bytes(),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(file.prose(), "正文\n   \n  \n   \n");
    }
}
