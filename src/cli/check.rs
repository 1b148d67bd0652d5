//! `gwlint check`: options → `Session` → one emitter → exit code.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use gwlint::baseline::{self, Baseline};
use gwlint::config::FailOn;
use gwlint::document::Genre;
use gwlint::report::{
    Emitter, github::Github, gitlab::Gitlab, html::Html, human::Human, json::Json, junit::Junit,
    sarif::Sarif, short::Short,
};
use gwlint::rules::Registry;
use gwlint::session::{CheckOptions, Checked, Session, Totals};
use gwlint::source::{ReadOptions, read::DEFAULT_MAX_FILE_SIZE};

use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};

#[derive(Args)]
pub struct CheckArgs {
    /// Files or directories; `-` reads standard input.
    paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Write the report to this file (the summary still goes to the terminal).
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Exit with 1 when a finding is at or above this severity (error,
    /// warning, info, never) [default: warning].
    #[arg(long, value_parser = parse_fail_on)]
    fail_on: Option<FailOn>,
    /// Only run these rules or groups (comma-separated).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Do not run these rules or groups (comma-separated).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// When to colour the human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Treat every document as this kind instead of guessing from its title:
    /// summary (工作总结), debrief (述职报告), speech (讲话), report (汇报交流材料),
    /// plan (工作计划), other.
    #[arg(long, value_parser = parse_kind)]
    kind: Option<Genre>,
    /// Refuse files larger than this many bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_FILE_SIZE)]
    max_file_size: u64,
    /// Print only the findings: no summary line.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// After the report, print how many findings each rule made (on stderr).
    #[arg(long)]
    statistics: bool,
    /// Use this configuration file instead of the nearest gwlint.toml.
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore every gwlint.toml / .gwlint.toml.
    #[arg(long)]
    no_config: bool,
    /// Check the staged content of staged files (git's index, not the
    /// working tree); with paths, only staged files under them.
    #[arg(long)]
    staged: bool,
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    baseline: Option<PathBuf>,
    /// Record every finding in this baseline file instead of reporting them.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Apply safe fixes (deletions of template-site residue, one-to-one word
    /// corrections, full-width brackets) and write the files back in their
    /// own encoding, BOM and line endings. Not for .docx, stdin or --staged.
    #[arg(long, conflicts_with_all = ["staged", "write_baseline"])]
    fix: bool,
    /// With --fix or --diff, also apply fixes that need judgement (which of
    /// two words to keep, joining a broken line that ends a word).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print a unified diff of what --fix would write, without writing;
    /// exit code 1 when some file would change.
    #[arg(long, conflicts_with_all = ["fix", "staged", "write_baseline"])]
    diff: bool,
    /// The year the documents are about, for date-aware rules (default: from
    /// each document's title or date line).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1949..=2100))]
    year: Option<u32>,
    /// Decode text files in this encoding instead of detecting it (gb18030, gbk, utf-16le…).
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    encoding: Option<&'static encoding_rs::Encoding>,
    /// The path shown for `-` (standard input); its extension picks the format.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// In directories, check only files matching this glob (repeatable; replaces the default extensions).
    #[arg(long, value_name = "GLOB")]
    glob: Vec<String>,
    /// In directories, skip files and directories matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
}

/// How the report is written.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Each finding under its source line, for people.
    Human,
    /// `path:line:col: severity rule message`, one per line.
    Short,
    /// A JSON array of findings (schema in README).
    Json,
    /// SARIF 2.1.0, for code-scanning UIs.
    Sarif,
    /// GitHub Actions annotations (`::error file=…`).
    Github,
    /// GitLab Code Quality report.
    Gitlab,
    /// JUnit XML.
    Junit,
    /// One self-contained HTML page: summary, each draft with its findings
    /// highlighted, rule explanations. Use with --output.
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

fn parse_encoding(label: &str) -> Result<&'static encoding_rs::Encoding, String> {
    gwlint::source::decode::encoding_for_label(label).ok_or_else(|| {
        format!("未知的编码“{label}”（可用：utf-8、gb18030、gbk、utf-16le、utf-16be、big5…）")
    })
}

pub fn parse_kind(s: &str) -> Result<Genre, String> {
    Genre::parse(s).ok_or_else(|| {
        let names: Vec<String> = Genre::ALL
            .iter()
            .map(|k| format!("{}（{}）", k.key(), k.name()))
            .collect();
        format!("未知的文种，可用：{}", names.join("、"))
    })
}

fn parse_fail_on(s: &str) -> Result<FailOn, String> {
    FailOn::parse(s).ok_or_else(|| format!("可用：{}", FailOn::NAMES.join("、")))
}

/// The library's options from the command line; a bad baseline file is
/// reported here, before anything is checked.
fn options(args: &CheckArgs) -> Result<CheckOptions, String> {
    let baseline = match &args.baseline {
        None => None,
        Some(path) => Some(
            std::fs::read_to_string(path)
                .map_err(|e| gwlint::source::read::io_message(&e))
                .and_then(|t| Baseline::parse(&t).map_err(|e| e.to_string()))
                .map_err(|message| format!("{}: {message}", path.display()))?,
        ),
    };
    Ok(CheckOptions {
        paths: args.paths.clone(),
        staged: args.staged,
        config: super::config_source(&args.config, args.no_config),
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        genre: args.kind,
        read: ReadOptions {
            max_size: args.max_file_size,
            encoding: args.encoding,
            stdin_filename: args.stdin_filename.clone(),
        },
        globs: args.glob.clone(),
        excludes: args.exclude.clone(),
        fix: args.fix,
        unsafe_fixes: args.unsafe_fixes,
        diff: args.diff,
        year: args.year,
        baseline,
    })
}

fn emitter(args: &CheckArgs, session: &Session<'_>) -> Box<dyn Emitter> {
    let color = match (args.color, &args.output) {
        (Color::Always, _) => true,
        (Color::Never, _) | (Color::Auto, Some(_)) => false,
        (Color::Auto, None) => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(80);
    match args.format {
        Format::Human => Box::new(Human::new(color, width)),
        Format::Short => Box::new(Short),
        Format::Json => Box::new(Json::default()),
        Format::Sarif => Box::new(Sarif::new(
            session
                .run_registry()
                .rules()
                .map(|r| r.meta().clone())
                .collect(),
        )),
        Format::Github => Box::new(Github),
        Format::Gitlab => Box::new(Gitlab::default()),
        Format::Junit => Box::new(Junit::default()),
        Format::Html => Box::new(Html::new(
            session
                .run_registry()
                .rules()
                .map(|r| r.meta().clone())
                .collect(),
        )),
    }
}

pub fn run(registry: &Registry, args: CheckArgs) -> io::Result<u8> {
    let mut stderr = io::stderr().lock();
    let session =
        match options(&args).and_then(|o| Session::new(registry, o).map_err(|e| e.to_string())) {
            Ok(session) => session,
            Err(message) => {
                writeln!(stderr, "gwlint: {message}")?;
                return Ok(EXIT_ERROR);
            }
        };
    let fail_on = args
        .fail_on
        .or(session.run_config().fail_on)
        .unwrap_or(FailOn::Warning);
    let mut emitter = emitter(&args, &session);
    // With `--output`, the report is built here and written atomically at the end.
    let mut stdout_report = BufWriter::new(ClosedPipeTolerant::new(io::stdout().lock()));
    let mut report_buffer: Vec<u8> = Vec::new();
    let out: &mut dyn Write = if args.output.is_some() {
        &mut report_buffer
    } else {
        &mut stdout_report
    };
    let mut totals = Totals::default();
    let mut recorded: Vec<baseline::Entry> = Vec::new();
    session.run(|checked| {
        totals.record(&checked);
        print_errors(&checked, &mut stderr)?;
        if args.diff {
            // `--diff` prints the diffs instead of the report.
            return out.write_all(checked.diff.as_deref().unwrap_or("").as_bytes());
        }
        if args.write_baseline.is_some() {
            if let Ok((file, diagnostics)) = &checked.result {
                recorded.extend(diagnostics.iter().map(|d| baseline::Entry::of(file, d)));
            }
            return Ok(());
        }
        emit(emitter.as_mut(), out, &checked)
    })?;
    if let Some(path) = &args.write_baseline {
        return write_baseline(path, recorded, totals.summary.file_errors, &mut stderr);
    }
    if args.diff {
        out.flush()?;
        writeln!(stderr, "{} files would be changed", totals.would_change)?;
        return Ok(diff_exit_code(&totals));
    }
    emitter.finish(out)?;
    out.flush()?;
    if let Some(path) = &args.output
        && let Err(e) = gwlint::atomic::write_atomically(path, &report_buffer)
    {
        writeln!(stderr, "gwlint: {}: 无法写入报告（{e}）", path.display())?;
        return Ok(EXIT_ERROR);
    }
    summarise(&args, &totals, &mut stderr)?;
    Ok(exit_code(&totals, fail_on))
}

/// One line on stderr for a file that could not be checked, or whose
/// fixes could not be written.
fn print_errors(checked: &Checked, stderr: &mut dyn Write) -> io::Result<()> {
    if let Err(error) = &checked.result {
        writeln!(stderr, "gwlint: {error}")?;
    }
    if let Some(error) = &checked.fix_error {
        writeln!(stderr, "gwlint: {error}")?;
    }
    Ok(())
}

fn emit(emitter: &mut dyn Emitter, out: &mut dyn Write, checked: &Checked) -> io::Result<()> {
    match &checked.result {
        Ok((file, diagnostics)) => emitter.file(out, file, diagnostics)?,
        Err(error) => emitter.file_error(out, error)?,
    }
    if let Some(error) = &checked.fix_error {
        emitter.file_error(out, error)?;
    }
    Ok(())
}

/// `--statistics`, the fix count and the summary line, on stderr.
fn summarise(args: &CheckArgs, totals: &Totals, stderr: &mut dyn Write) -> io::Result<()> {
    if args.statistics {
        write!(stderr, "{}", totals.statistics())?;
    }
    if !args.quiet {
        if args.fix {
            writeln!(stderr, "fixed {} findings", totals.fixes_applied)?;
        }
        writeln!(stderr, "{}", totals.summary.line())?;
    }
    Ok(())
}

/// `--diff`: 1 when some file would change, 2 on trouble.
fn diff_exit_code(totals: &Totals) -> u8 {
    if totals.summary.file_errors > 0 || totals.summary.unwritten > 0 {
        EXIT_ERROR
    } else if totals.would_change > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn exit_code(totals: &Totals, fail_on: FailOn) -> u8 {
    if totals.summary.file_errors > 0 || totals.summary.unwritten > 0 {
        return EXIT_ERROR;
    }
    let failed = fail_on
        .threshold()
        .is_some_and(|t| totals.worst.is_some_and(|w| w >= t));
    if failed { EXIT_FINDINGS } else { EXIT_CLEAN }
}

/// `--write-baseline`: record every finding instead of reporting it.
fn write_baseline(
    path: &Path,
    entries: Vec<baseline::Entry>,
    file_errors: usize,
    stderr: &mut dyn Write,
) -> io::Result<u8> {
    let count = entries.len();
    if let Err(e) = gwlint::atomic::write_atomically(path, baseline::to_json(entries).as_bytes()) {
        writeln!(stderr, "gwlint: {}: 无法写入基线（{e}）", path.display())?;
        return Ok(EXIT_ERROR);
    }
    writeln!(
        stderr,
        "gwlint: 已把 {count} 条问题记入基线 {}",
        path.display()
    )?;
    Ok(if file_errors > 0 {
        EXIT_ERROR
    } else {
        EXIT_CLEAN
    })
}

/// A report reader that stops early (`gwlint check | head`) closes the
/// pipe: the rest of the report is dropped, but the run goes on, so the
/// exit code still says whether there were findings (and `--fix` still
/// fixes every file).
struct ClosedPipeTolerant<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> ClosedPipeTolerant<W> {
    fn new(inner: W) -> Self {
        Self {
            inner,
            closed: false,
        }
    }

    /// `result`, with a closed pipe turned into "everything was written".
    fn tolerate<T>(&mut self, result: io::Result<T>, all: T) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(all)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for ClosedPipeTolerant<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let result = self.inner.write(buf);
        self.tolerate(result, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.flush();
        self.tolerate(result, ())
    }
}
