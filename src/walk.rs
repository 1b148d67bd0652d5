//! Finding the files to check and reading them. All file-system reads of
//! drafts happen here; `parse` turns bytes into a `SourceFile` without
//! touching the file system (it is what the property test and the fuzz
//! target drive). Every failure is a one-line `FileError`, never a panic.

use std::io::Read;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::source::{self, SourceFile, SourceFormat, docx};

/// Extensions checked when walking a directory (unless `--glob` is given).
/// A file named explicitly is checked whatever its extension. `.doc` and
/// `.wps` are included so that an old Word file gets its "save as .docx"
/// error instead of being silently skipped.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "docx", "doc", "wps"];

/// Drafts larger than this are refused: no real draft comes near it, and
/// reading a multi-gigabyte log by mistake should fail fast. For a .docx it
/// limits the text extracted, not the file: photos make Word files large.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// A .docx read from standard input is held in memory whole (photos and
/// all); a .docx file on disk is not, and has no size limit of its own.
pub const MAX_DOCX_IN_MEMORY: u64 = 256 * 1024 * 1024;

/// Per-project ignore file, same syntax as `.gitignore`.
pub const IGNORE_FILE: &str = ".gwlintignore";

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

/// Which files of a directory are checked.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// `--glob`: when set, replaces `DEFAULT_EXTENSIONS`.
    only: Option<GlobSet>,
    /// `--exclude`, as `!pattern` overrides (they also prune directories).
    excludes: Vec<String>,
}

impl WalkOptions {
    /// Globs match the path relative to the directory walked (`*` crosses
    /// `/`, so `*.txt` matches at any depth). An invalid glob is an error.
    pub fn new(globs: &[String], excludes: &[String]) -> Result<Self, String> {
        let only = if globs.is_empty() {
            None
        } else {
            let mut set = GlobSetBuilder::new();
            for g in globs {
                set.add(Glob::new(g).map_err(|e| format!("无效的 --glob“{g}”：{e}"))?);
            }
            Some(set.build().map_err(|e| e.to_string())?)
        };
        let options = Self {
            only,
            excludes: excludes.to_vec(),
        };
        options
            .overrides(Path::new("."))
            .map_err(|e| format!("无效的 --exclude：{e}"))?;
        Ok(options)
    }

    fn overrides(&self, root: &Path) -> Result<ignore::overrides::Override, ignore::Error> {
        let mut builder = ignore::overrides::OverrideBuilder::new(root);
        for pattern in &self.excludes {
            builder.add(&format!("!{pattern}"))?;
        }
        builder.build()
    }

    fn wanted(&self, root: &Path, path: &Path) -> bool {
        match &self.only {
            Some(set) => set.is_match(path.strip_prefix(root).unwrap_or(path)),
            None => path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| DEFAULT_EXTENSIONS.iter().any(|d| e.eq_ignore_ascii_case(d))),
        }
    }
}

/// Whether a directory walk (or `--staged`) picks this file up by default.
pub fn has_default_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| DEFAULT_EXTENSIONS.iter().any(|d| e.eq_ignore_ascii_case(d)))
}

/// Expand the paths given on the command line into inputs: arguments in
/// the order given, each directory's files sorted by path. Directories are
/// walked recursively, honouring `.gitignore` (in or out of a git
/// repository), `.ignore` and `.gwlintignore`, skipping hidden files, and
/// following symbolic links; a link back to an ancestor is skipped
/// silently. Paths that do not exist become errors.
pub fn discover(paths: &[String], options: &WalkOptions) -> (Vec<Input>, Vec<FileError>) {
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
                errors.push(FileError::new(arg.clone(), io_message(&e)));
                continue;
            }
        };
        if !meta.is_dir() {
            // A FIFO, socket or device would block the read or never end:
            // only regular files are read (and `-`, standard input).
            match not_regular_reason(&meta) {
                Some(reason) => errors.push(FileError::new(arg.clone(), reason)),
                None => inputs.push(Input::File(path.to_path_buf())),
            }
            continue;
        }
        let mut walker = ignore::WalkBuilder::new(path);
        walker
            .follow_links(true)
            .require_git(false)
            .add_custom_ignore_filename(IGNORE_FILE);
        match options.overrides(path) {
            Ok(o) => {
                walker.overrides(o);
            }
            Err(e) => errors.push(FileError::new(arg.clone(), e.to_string())),
        }
        let mut found = Vec::new();
        for entry in walker.build() {
            match entry {
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                    if options.wanted(path, entry.path()) {
                        found.push(entry.into_path());
                    }
                }
                Ok(_) => {}
                Err(e) => errors.extend(walk_error(arg, e)),
            }
        }
        found.sort();
        inputs.extend(found.into_iter().map(Input::File));
    }
    (inputs, errors)
}

/// A walk error as a `FileError` on the path it concerns; `None` for a
/// symbolic-link loop, which is skipped (the files are reached anyway).
fn walk_error(path: &str, e: ignore::Error) -> Option<FileError> {
    match e {
        ignore::Error::Loop { .. } => None,
        ignore::Error::WithPath { path, err } => walk_error(&path.display().to_string(), *err),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error(path, *err)
        }
        ignore::Error::Partial(errs) => errs.into_iter().find_map(|e| walk_error(path, e)),
        ignore::Error::Io(io) => Some(FileError::new(path, io_message(&io))),
        other => Some(FileError::new(path, other.to_string())),
    }
}

/// Why a path that is not a directory cannot be read as a draft: it is
/// not a regular file. `None` for a regular file.
fn not_regular_reason(meta: &std::fs::Metadata) -> Option<String> {
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
    let decoded = source::decode_as(bytes, options.encoding).map_err(|e| error(e.to_string()))?;
    Ok(SourceFile::decoded(
        name,
        decoded.text,
        format,
        decoded.encoding,
        decoded.bom,
    ))
}

/// Files recognised by their first bytes (or extension) that are not text
/// we can read, with what to do about them.
fn refused_kind(name: &str, bytes: &[u8], format: SourceFormat) -> Option<&'static str> {
    const OLE: &[u8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";
    let extension = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if bytes.starts_with(OLE) {
        return Some(if format == SourceFormat::Docx {
            "加密的或实为旧版格式的 .docx，请在 Word 或 WPS 中另存为未加密的 .docx"
        } else {
            "旧版 Word/WPS 格式（.doc/.wps），请在 Word 或 WPS 中另存为 .docx 后再检查"
        });
    }
    if matches!(extension.as_str(), "doc" | "wps" | "dot" | "wpt") {
        return Some("旧版 Word/WPS 格式（.doc/.wps），请在 Word 或 WPS 中另存为 .docx 后再检查");
    }
    if bytes.starts_with(b"%PDF-") {
        return Some("这是 PDF 文件，不是文本；请检查原稿（.docx 或 .txt）");
    }
    if bytes.starts_with(b"{\\rtf") {
        return Some("这是 RTF 文件，请另存为 .docx 或 .txt");
    }
    let image = [
        &b"\x89PNG"[..],
        b"\xff\xd8\xff",
        b"GIF87a",
        b"GIF89a",
        b"RIFF",
        b"II*\0",
        b"MM\0*",
    ];
    if image.iter().any(|magic| bytes.starts_with(magic)) {
        return Some("这是图片或媒体文件（二进制内容），不是文本");
    }
    let zip = bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06");
    match (format, zip) {
        (SourceFormat::Docx, false) => Some("不是有效的 .docx（不是 zip 格式的 Word 文档）"),
        (SourceFormat::PlainText | SourceFormat::Markdown, true) => {
            Some("这是 zip 压缩包（如是 Word 文档，请使用 .docx 扩展名），不是文本")
        }
        _ => None,
    }
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
