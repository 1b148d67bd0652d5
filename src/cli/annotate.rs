//! `gwlint annotate`: a review copy of each draft with a Word comment on
//! each finding. The drafts are checked by the same `Session` as `check`;
//! this file only decides where each copy goes and says what was written.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use gwlint::annotate::{self, Fixes};
use gwlint::diagnostic::Diagnostic;
use gwlint::document::Genre;
use gwlint::rules::Registry;
use gwlint::session::{CheckOptions, Session};
use gwlint::source::SourceFile;

use super::{EXIT_CLEAN, EXIT_ERROR};

#[derive(Args)]
pub struct AnnotateArgs {
    /// Drafts (.docx, .txt, .md) or directories.
    #[arg(required = true)]
    paths: Vec<String>,
    /// With one file: the review copy to write. With several files or a
    /// directory: the directory to write the copies in. [default: beside
    /// each draft, `稿.docx` → `稿.gwlint.docx`]
    #[arg(long, short = 'o', value_name = "PATH")]
    output: Option<PathBuf>,
    /// Also write the safe fixes, as tracked changes by gwlint that the
    /// writer accepts or rejects in Word.
    #[arg(long)]
    with_fixes: bool,
    /// Only run these rules or groups (comma-separated).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Do not run these rules or groups (comma-separated).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Treat every document as this kind (see `gwlint check --help`).
    #[arg(long, value_parser = super::check::parse_kind)]
    kind: Option<Genre>,
    /// Use this configuration file instead of the nearest gwlint.toml.
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore every gwlint.toml / .gwlint.toml.
    #[arg(long)]
    no_config: bool,
}

/// Exit 0 when every copy was written, 2 when a draft could not be read or
/// its copy not written (the others are still written).
pub fn run(registry: &Registry, args: AnnotateArgs) -> io::Result<u8> {
    let mut stderr = io::stderr().lock();
    if args.paths.iter().any(|p| p == "-") {
        writeln!(stderr, "gwlint: -: 审阅稿需要文件，不能读标准输入")?;
        return Ok(EXIT_ERROR);
    }
    let options = CheckOptions {
        paths: args.paths.clone(),
        config: super::config_source(&args.config, args.no_config),
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        genre: args.kind,
        ..CheckOptions::default()
    };
    let session = match Session::new(registry, options) {
        Ok(session) => session,
        Err(e) => {
            writeln!(stderr, "gwlint: {e}")?;
            return Ok(EXIT_ERROR);
        }
    };
    let fixes = if args.with_fixes {
        Fixes::Tracked
    } else {
        Fixes::InComments
    };
    let mut failed = false;
    session.run(|checked| {
        let outcome = match &checked.result {
            Err(error) => Err(error.to_string()),
            Ok((file, diagnostics)) => {
                let path = PathBuf::from(&file.path);
                // Copies made before are output, not drafts (unless named).
                if annotate::is_review_copy(&path)
                    && !args.paths.iter().any(|a| Path::new(a) == path)
                {
                    return Ok(());
                }
                write_copy(&args, &path, file, diagnostics, fixes)
                    .map_err(|message| format!("{}: {message}", path.display()))
            }
        };
        match outcome {
            Ok(done) => writeln!(stderr, "gwlint: {done}"),
            Err(message) => {
                failed = true;
                writeln!(stderr, "gwlint: {message}")
            }
        }
    })?;
    Ok(if failed { EXIT_ERROR } else { EXIT_CLEAN })
}

/// Where the copy of `path` goes: beside it by default; `-o` names the
/// copy of a single file, or the directory the copies of several go to
/// (keeping their place under the directory given).
fn target(args: &AnnotateArgs, path: &Path) -> PathBuf {
    let one_file = args.paths.len() == 1 && Path::new(&args.paths[0]).is_file();
    match &args.output {
        None => annotate::review_copy_path(path),
        Some(output) if one_file => output.clone(),
        Some(output) => {
            let relative = args
                .paths
                .iter()
                .find_map(|a| path.strip_prefix(a).ok())
                .filter(|r| !r.as_os_str().is_empty())
                .unwrap_or(Path::new(path.file_name().unwrap_or_default()));
            annotate::review_copy_path(&output.join(relative))
        }
    }
}

/// Build and write one review copy; what was written, or why not.
fn write_copy(
    args: &AnnotateArgs,
    path: &Path,
    file: &SourceFile,
    diagnostics: &[Diagnostic],
    fixes: Fixes,
) -> Result<String, String> {
    let target = target(args, path);
    if same_file(path, &target) {
        return Err(format!("审阅稿不能覆盖原文件 {}", path.display()));
    }
    let copy = annotate::review_copy(path, file, diagnostics, fixes).map_err(|e| e.to_string())?;
    let io_message = gwlint::source::read::io_message;
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| io_message(&e))?;
    }
    gwlint::atomic::write_atomically(&target, &copy.bytes)
        .map_err(|e| format!("无法写入审阅稿 {}（{}）", target.display(), io_message(&e)))?;
    Ok(match copy.tracked {
        0 => format!("已写入 {}（{} 条批注）", target.display(), copy.comments),
        tracked => format!(
            "已写入 {}（{} 条批注，{tracked} 处修订）",
            target.display(),
            copy.comments
        ),
    })
}

/// Whether two paths name one file (the second may not exist yet).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
