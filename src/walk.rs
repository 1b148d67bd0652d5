//! Finding the files to check: the paths given, directories walked with
//! their ignore files and globs. Reading them is `source::read`'s job.

use std::path::Path;

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::source::read::{FileError, Input, io_message, not_regular_reason};

/// Extensions checked when walking a directory (unless `--glob` is given).
/// A file named explicitly is checked whatever its extension. `.doc` and
/// `.wps` are included so that an old Word file gets its "save as .docx"
/// error instead of being silently skipped.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "docx", "doc", "wps"];

/// Per-project ignore file, same syntax as `.gitignore`.
pub const IGNORE_FILE: &str = ".gwlintignore";

/// A `--glob` or `--exclude` pattern that is not a valid glob.
#[derive(Debug, thiserror::Error)]
pub enum WalkError {
    #[error("无效的 --glob“{0}”：{1}")]
    Glob(String, String),
    #[error("无效的 --exclude：{0}")]
    Exclude(String),
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
    pub fn new(globs: &[String], excludes: &[String]) -> Result<Self, WalkError> {
        let only = if globs.is_empty() {
            None
        } else {
            let mut set = GlobSetBuilder::new();
            for g in globs {
                set.add(Glob::new(g).map_err(|e| WalkError::Glob(g.clone(), e.to_string()))?);
            }
            Some(
                set.build()
                    .map_err(|e| WalkError::Glob(globs.join(" "), e.to_string()))?,
            )
        };
        let options = Self {
            only,
            excludes: excludes.to_vec(),
        };
        options
            .overrides(Path::new("."))
            .map_err(|e| WalkError::Exclude(e.to_string()))?;
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
            // `gwlint annotate` writes `稿.gwlint.docx` beside each draft:
            // output, not another draft (still checked when named).
            None => has_default_extension(path) && !crate::annotate::is_review_copy(path),
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
