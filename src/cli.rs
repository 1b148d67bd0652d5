//! The command line: parse arguments, run, choose the exit code. This is
//! the only module that talks to stdout/stderr.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::baseline::{self, Baseline};
use crate::config::{self, Config, FailOn, Resolver};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::DocKind;
use crate::hook::{self, ExistingHook, Installed};
use crate::linter::{Linter, RuleSettings};
use crate::report::{
    Emitter, Summary, github::Github, gitlab::Gitlab, human::Human, json::Json, junit::Junit,
    sarif::Sarif, short::Short,
};
use crate::rules::{Registry, Rule};
use crate::source::SourceFile;
use crate::walk::{self, FileError, Input};

/// Exit codes, as in ruff: findings are 1, trouble is 2 (and wins over 1).
const EXIT_CLEAN: u8 = 0;
const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

#[derive(Parser)]
#[command(
    name = "gwlint",
    version,
    about = "公文材料检查：模板占位符、网站残留、序号、结构与用语"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 检查文件或目录（不给路径则检查当前目录，- 表示标准输入）
    Check(Box<CheckArgs>),
    /// 列出全部规则
    Rules,
    /// 说明一条规则，附正反示例
    Explain {
        /// 规则 id，如 placeholder/slot
        id: String,
    },
    /// 在当前目录写一个带注释的 gwlint.toml（已有则不覆盖）
    Init,
    /// 管理 git 提交前钩子
    #[command(subcommand)]
    Hook(HookCommand),
}

#[derive(Subcommand)]
enum HookCommand {
    /// 写入 .git/hooks/pre-commit：每次提交前检查暂存的稿件（gwlint check --staged）
    Install {
        /// Replace a different existing pre-commit hook.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Args)]
struct CheckArgs {
    /// Files or directories; `-` reads standard input.
    paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Write the report to this file (the summary still goes to the terminal).
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Exit with 1 when a finding is at or above this severity [default: warning].
    #[arg(long, value_enum)]
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
    kind: Option<DocKind>,
    /// Refuse files larger than this many bytes.
    #[arg(long, default_value_t = walk::DEFAULT_MAX_FILE_SIZE)]
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

fn parse_encoding(label: &str) -> Result<&'static encoding_rs::Encoding, String> {
    crate::source::decode::encoding_for_label(label).ok_or_else(|| {
        format!("未知的编码“{label}”（可用：utf-8、gb18030、gbk、utf-16le、utf-16be、big5…）")
    })
}

fn parse_kind(s: &str) -> Result<DocKind, String> {
    DocKind::parse(s).ok_or_else(|| {
        let names: Vec<String> = DocKind::ALL
            .iter()
            .map(|k| format!("{}（{}）", k.key(), k.name()))
            .collect();
        format!("未知的文种，可用：{}", names.join("、"))
    })
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
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let registry = match Registry::builtin() {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(io::stderr(), "gwlint: 内置规则有误：{e}");
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let result = match cli.command {
        Command::Check(args) => check(&registry, *args),
        Command::Rules => list_rules(&registry).map(|()| EXIT_CLEAN),
        Command::Explain { id } => explain(&registry, &id),
        Command::Init => init(&registry),
        Command::Hook(HookCommand::Install { force }) => install_hook(if force {
            ExistingHook::Overwrite
        } else {
            ExistingHook::Keep
        }),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // A closed pipe on another command's output (`gwlint rules | head`)
        // is not an error worth a message; `check` goes on past it.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(EXIT_CLEAN),
        Err(e) => {
            let _ = writeln!(io::stderr(), "gwlint: {e}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Unknown ids in `--select`/`--ignore` are usage errors, not silent no-ops.
fn validate_selectors(registry: &Registry, selectors: &[String]) -> Result<(), String> {
    for s in selectors {
        if !registry.knows(s) {
            return Err(format!(
                "未知的规则或规则组“{s}”（gwlint rules 列出全部规则）"
            ));
        }
    }
    Ok(())
}

/// One input after linting: its findings, or why it could not be checked.
type Checked = Result<(SourceFile, Vec<Diagnostic>), FileError>;

/// A checked input, and why its fixes could not be written (`--fix`): such
/// a file still reports its findings.
type Outcome = (Checked, Option<FileError>);

/// What is to be checked, with the configuration that applies to it.
struct Job {
    content: Content,
    config: Arc<Config>,
    settings: RuleSettings,
}

enum Content {
    Input(Input),
    /// Bytes from git's index (`--staged`), with the path to show.
    Staged(String, Vec<u8>),
}

/// Settings layers: the file's configuration, then the command line.
/// `--select` replaces the configuration's selection; `--ignore` adds to it.
fn layer_cli(mut settings: RuleSettings, args: &CheckArgs) -> RuleSettings {
    if !args.select.is_empty() {
        settings.select = args.select.clone();
    }
    settings.ignore.extend(args.ignore.iter().cloned());
    settings
}

fn config_source(args: &CheckArgs) -> config::Source {
    match (&args.config, args.no_config) {
        (_, true) => config::Source::Defaults,
        (Some(path), false) => config::Source::File(path.clone()),
        (None, false) => config::Source::Discover,
    }
}

/// The inputs of this run (files, standard input or staged files), each
/// with its configuration, and the inputs that failed before reading.
fn collect_jobs(
    args: &CheckArgs,
    resolver: &mut Resolver,
) -> Result<(Vec<Job>, Vec<FileError>), String> {
    let mut jobs = Vec::new();
    let mut errors = Vec::new();
    let job =
        |content: Content, config_path: &Path, resolver: &mut Resolver| -> Result<Job, String> {
            let config = resolver.for_file(config_path).map_err(|e| e.to_string())?;
            let settings = layer_cli(config.settings_for(config_path), args);
            Ok(Job {
                content,
                config,
                settings,
            })
        };
    if args.staged {
        for staged in crate::staged::staged_files(&args.paths)? {
            match staged.content {
                Ok(bytes) => jobs.push(job(
                    Content::Staged(staged.display, bytes),
                    &staged.worktree_path,
                    resolver,
                )?),
                Err(e) => errors.push(e),
            }
        }
        return Ok((jobs, errors));
    }
    let paths = if args.paths.is_empty() {
        vec![".".to_owned()]
    } else {
        args.paths.clone()
    };
    let walk_options = walk::WalkOptions::new(&args.glob, &args.exclude)?;
    let (inputs, walk_errors) = walk::discover(&paths, &walk_options);
    errors.extend(walk_errors);
    for input in inputs {
        // Standard input takes the configuration of the current directory,
        // or of the path it stands for (`--stdin-filename`).
        let config_path = match &input {
            Input::File(path) => path.clone(),
            Input::Stdin => PathBuf::from(args.stdin_filename.as_deref().unwrap_or("-")),
        };
        jobs.push(job(Content::Input(input), &config_path, resolver)?);
    }
    Ok((jobs, errors))
}

fn check(registry: &Registry, args: CheckArgs) -> io::Result<u8> {
    let mut stderr = io::stderr().lock();
    for selectors in [&args.select, &args.ignore] {
        if let Err(msg) = validate_selectors(registry, selectors) {
            writeln!(stderr, "gwlint: {msg}")?;
            return Ok(EXIT_ERROR);
        }
    }
    let mut resolver = Resolver::new(config_source(&args), registry);
    // Run-wide settings (`fail-on`) come from the configuration of the
    // current directory, or `--config`.
    let run_config = match resolver.for_dir(Path::new(".")) {
        Ok(config) => config,
        Err(e) => {
            writeln!(stderr, "gwlint: {e}")?;
            return Ok(EXIT_ERROR);
        }
    };
    let (jobs, early_errors) = match collect_jobs(&args, &mut resolver) {
        Ok(found) => found,
        Err(message) => {
            writeln!(stderr, "gwlint: {message}")?;
            return Ok(EXIT_ERROR);
        }
    };
    // A configuration with its own words has its own registry; the others
    // share the built-in one.
    let mut registries: HashMap<PathBuf, Registry> = HashMap::new();
    for config in jobs.iter().map(|j| &j.config).chain([&run_config]) {
        let Some(path) = &config.path else { continue };
        let customised = config.words != Default::default() || !config.required_sections.is_empty();
        if customised && !registries.contains_key(path) {
            match Registry::for_config(&config.words, &config.section_overrides()) {
                Ok(r) => registries.insert(path.clone(), r),
                Err(e) => {
                    writeln!(stderr, "gwlint: {e}")?;
                    return Ok(EXIT_ERROR);
                }
            };
        }
    }
    let registry_for = |config: &Config| {
        config
            .path
            .as_ref()
            .and_then(|p| registries.get(p))
            .unwrap_or(registry)
    };

    let mut recorded = match &args.baseline {
        None => None,
        Some(path) => {
            let loaded = std::fs::read_to_string(path)
                .map_err(|e| walk::io_message(&e))
                .and_then(|t| Baseline::parse(&t));
            match loaded {
                Ok(b) => Some(b),
                Err(message) => {
                    writeln!(stderr, "gwlint: {}: {message}", path.display())?;
                    return Ok(EXIT_ERROR);
                }
            }
        }
    };

    let color = match (args.color, &args.output) {
        (Color::Always, _) => true,
        (Color::Never, _) | (Color::Auto, Some(_)) => false,
        (Color::Auto, None) => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(80);
    let mut emitter: Box<dyn Emitter> = match args.format {
        Format::Human => Box::new(Human::new(color, width)),
        Format::Short => Box::new(Short),
        Format::Json => Box::new(Json::default()),
        Format::Sarif => Box::new(Sarif::new(
            registry_for(&run_config)
                .rules()
                .map(|r| r.meta())
                .collect(),
        )),
        Format::Github => Box::new(Github),
        Format::Gitlab => Box::new(Gitlab::default()),
        Format::Junit => Box::new(Junit::default()),
    };
    let mut stdout_report = BufWriter::new(ClosedPipeTolerant::new(io::stdout().lock()));
    // With `--output`, the report is built here and written atomically at the end.
    let mut report_buffer: Vec<u8> = Vec::new();
    let out: &mut dyn Write = if args.output.is_some() {
        &mut report_buffer
    } else {
        &mut stdout_report
    };

    let read_options = walk::ReadOptions {
        max_size: args.max_file_size,
        encoding: args.encoding,
        stdin_filename: args.stdin_filename.clone(),
    };
    let fixes_applied = std::sync::atomic::AtomicUsize::new(0);
    let allowed = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    // `--diff`: each changed file's diff, by path, printed after the run.
    let diffs = std::sync::Mutex::new(BTreeMap::<String, String>::new());
    let lint_job = |job: Job| -> Outcome {
        // Only files on disk are fixed: not standard input, not staged content.
        let job_path = match &job.content {
            Content::Input(Input::File(path)) => Some(path.clone()),
            _ => None,
        };
        let read = match job.content {
            Content::Input(input) => walk::read(&input, &read_options),
            Content::Staged(display, bytes) => walk::parse(&display, &bytes, &read_options),
        };
        let file = match read {
            Ok(file) => file,
            Err(e) => return (Err(e), None),
        };
        let mut settings = job.settings;
        settings.kind = args.kind;
        settings.year = args.year;
        let linter = Linter::new(registry_for(&job.config), settings);
        let diagnostics = linter.check(&file);
        if args.diff {
            let error = match crate::diff::fix_diff(&linter, &file, &diagnostics, allowed) {
                Ok(diff) => {
                    let mut diffs = diffs.lock().unwrap_or_else(|e| e.into_inner());
                    diffs.extend(diff.map(|d| (file.path.clone(), d)));
                    None
                }
                Err(e) => Some(FileError::new(file.path.clone(), e.to_string())),
            };
            return (Ok((file, diagnostics)), error);
        }
        match (&job_path, args.fix) {
            (Some(path), true) => {
                fix_file(&linter, path, file, diagnostics, allowed, &fixes_applied)
            }
            _ => (Ok((file, diagnostics)), None),
        }
    };

    // Files are linted in parallel, a chunk at a time, on a producer thread,
    // while this thread reports the previous chunk in path order. Memory
    // stays bounded by the chunk, not by the size of the tree.
    const CHUNK: usize = 64;
    let mut tally = Tally::default();
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Outcome>>(1);
    let outcome: io::Result<()> = std::thread::scope(|scope| {
        scope.spawn(move || {
            let _ = sender.send(early_errors.into_iter().map(|e| (Err(e), None)).collect());
            let mut jobs = jobs.into_iter();
            loop {
                let chunk: Vec<Job> = jobs.by_ref().take(CHUNK).collect();
                if chunk.is_empty() {
                    break;
                }
                let done: Vec<Outcome> = chunk.into_par_iter().map(lint_job).collect();
                if sender.send(done).is_err() {
                    break;
                }
            }
        });
        for chunk in receiver {
            for (mut result, fix_error) in chunk {
                if let (Some(baseline), Ok((file, diagnostics))) =
                    (recorded.as_mut(), result.as_mut())
                {
                    *diagnostics = baseline.filter(file, std::mem::take(diagnostics));
                }
                tally.record(&result, &mut stderr)?;
                match &result {
                    _ if args.write_baseline.is_some() || args.diff => {}
                    Ok((file, diagnostics)) => emitter.file(out, file, diagnostics)?,
                    Err(error) => emitter.file_error(out, error)?,
                }
                if let Some(error) = &fix_error {
                    tally.record_unwritten(error, &mut stderr)?;
                    emitter.file_error(out, error)?;
                }
                if args.write_baseline.is_some()
                    && let Ok((file, diagnostics)) = &result
                {
                    tally
                        .baseline
                        .extend(diagnostics.iter().map(|d| baseline::Entry::of(file, d)));
                }
            }
        }
        Ok(())
    });
    outcome?;

    if let Some(path) = &args.write_baseline {
        return write_baseline(path, tally.baseline, tally.summary.file_errors, &mut stderr);
    }
    if args.diff {
        let diffs = diffs.into_inner().unwrap_or_else(|e| e.into_inner());
        return write_diffs(&diffs, &tally, &mut stdout_report, &mut stderr);
    }
    emitter.finish(out)?;
    out.flush()?;
    if let Some(path) = &args.output
        && let Err(e) = crate::fix::write_atomically(path, &report_buffer)
    {
        writeln!(stderr, "gwlint: {}: 无法写入报告（{e}）", path.display())?;
        return Ok(EXIT_ERROR);
    }
    if args.statistics {
        write!(stderr, "{}", tally.statistics())?;
    }
    if !args.quiet {
        if args.fix {
            writeln!(
                stderr,
                "fixed {} findings",
                fixes_applied.load(std::sync::atomic::Ordering::Relaxed)
            )?;
        }
        writeln!(stderr, "{}", tally.summary.line())?;
    }

    if tally.summary.file_errors > 0 || tally.summary.unwritten > 0 {
        return Ok(EXIT_ERROR);
    }
    let fail_on = args
        .fail_on
        .or(run_config.fail_on)
        .unwrap_or(FailOn::Warning);
    let failed = fail_on
        .threshold()
        .is_some_and(|t| tally.worst.is_some_and(|w| w >= t));
    Ok(if failed { EXIT_FINDINGS } else { EXIT_CLEAN })
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
}

impl<W: Write> Write for ClosedPipeTolerant<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.inner.flush() {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

/// `--fix` for one file: what is left to report, and why the fixes could
/// not be written, if they could not.
fn fix_file(
    linter: &Linter<'_>,
    path: &Path,
    file: SourceFile,
    diagnostics: Vec<Diagnostic>,
    allowed: Applicability,
    applied: &std::sync::atomic::AtomicUsize,
) -> Outcome {
    let fixed = crate::fix::fix_file(linter, path, file, diagnostics, allowed);
    applied.fetch_add(fixed.applied, std::sync::atomic::Ordering::Relaxed);
    let error = fixed
        .error
        .map(|e| FileError::new(fixed.file.path.clone(), e.to_string()));
    (Ok((fixed.file, fixed.diagnostics)), error)
}

/// What the run has seen so far, file by file: counts for the summary and
/// `--statistics`, the worst severity for the exit code, and the entries of
/// a baseline being written.
#[derive(Default)]
struct Tally {
    summary: Summary,
    per_rule: BTreeMap<&'static str, (usize, Severity)>,
    worst: Option<Severity>,
    baseline: Vec<baseline::Entry>,
}

impl Tally {
    /// Count one checked input; a file that could not be checked also gets
    /// its one line on stderr.
    fn record(&mut self, result: &Checked, stderr: &mut dyn Write) -> io::Result<()> {
        match result {
            Ok((_, diagnostics)) => {
                self.summary.add(diagnostics);
                for d in diagnostics {
                    let entry = self.per_rule.entry(d.rule).or_insert((0, d.severity));
                    entry.0 += 1;
                    entry.1 = entry.1.max(d.severity);
                    self.worst = self.worst.max(Some(d.severity));
                }
            }
            Err(error) => {
                writeln!(stderr, "gwlint: {error}")?;
                self.summary.file_errors += 1;
            }
        }
        Ok(())
    }

    /// A file whose fixes could not be written: one line on stderr; the
    /// run ends with exit code 2.
    fn record_unwritten(&mut self, error: &FileError, stderr: &mut dyn Write) -> io::Result<()> {
        writeln!(stderr, "gwlint: {error}")?;
        self.summary.unwritten += 1;
        Ok(())
    }

    /// `--statistics`: findings per rule, most frequent first.
    fn statistics(&self) -> String {
        let mut rows: Vec<_> = self.per_rule.iter().collect();
        rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
        rows.iter()
            .map(|(rule, (n, severity))| format!("{n:>6}  {rule:<36} {severity}\n"))
            .collect()
    }
}

/// `--diff`: every changed file's diff on stdout, in path order; exit code
/// 1 when some file would change, 2 when some file could not be checked.
fn write_diffs(
    diffs: &BTreeMap<String, String>,
    tally: &Tally,
    out: &mut dyn Write,
    stderr: &mut dyn Write,
) -> io::Result<u8> {
    for diff in diffs.values() {
        out.write_all(diff.as_bytes())?;
    }
    out.flush()?;
    writeln!(stderr, "{} files would be changed", diffs.len())?;
    Ok(
        if tally.summary.file_errors > 0 || tally.summary.unwritten > 0 {
            EXIT_ERROR
        } else if diffs.is_empty() {
            EXIT_CLEAN
        } else {
            EXIT_FINDINGS
        },
    )
}

/// `--write-baseline`: record every finding instead of reporting it.
fn write_baseline(
    path: &Path,
    entries: Vec<baseline::Entry>,
    file_errors: usize,
    stderr: &mut dyn Write,
) -> io::Result<u8> {
    let count = entries.len();
    if let Err(e) = crate::fix::write_atomically(path, baseline::to_json(entries).as_bytes()) {
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

/// `gwlint init`: a commented starter configuration in the current directory.
fn init(registry: &Registry) -> io::Result<u8> {
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

fn install_hook(existing: ExistingHook) -> io::Result<u8> {
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

fn list_rules(registry: &Registry) -> io::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    let mut metas: Vec<_> = registry.rules().map(|r| r.meta()).collect();
    metas.sort_by_key(|m| m.id);
    for meta in metas {
        // ASCII columns first: CJK text is two cells wide and would skew them.
        let fix = if meta.fixable { "（可修复）" } else { "" };
        writeln!(
            out,
            "{:<36} {:<8} {}{fix}",
            meta.id,
            meta.default_severity.as_str(),
            meta.summary
        )?;
    }
    out.flush()
}

fn explain(registry: &Registry, id: &str) -> io::Result<u8> {
    let Some(rule) = registry.get(id) else {
        writeln!(
            io::stderr(),
            "gwlint: 没有规则“{id}”（gwlint rules 列出全部规则）"
        )?;
        return Ok(EXIT_ERROR);
    };
    let mut out = BufWriter::new(io::stdout().lock());
    write!(out, "{}", explanation_text(rule))?;
    out.flush()?;
    Ok(EXIT_CLEAN)
}

/// What `gwlint explain` prints: the rule's text and its examples, each bad
/// example with what the rule actually finds in it.
pub fn explanation_text(rule: &dyn Rule) -> String {
    let meta = rule.meta();
    let mut s = format!(
        "{}（默认级别：{}）\n{}\n\n{}\n",
        meta.id,
        meta.default_severity,
        meta.summary,
        meta.explanation.trim()
    );
    if !meta.bad.is_empty() {
        s.push_str("\n应当报告：\n");
        for example in &meta.bad {
            let file = SourceFile::new(
                "-",
                (*example).to_owned(),
                crate::source::SourceFormat::PlainText,
            );
            let doc = crate::document::Document::new(&file);
            let mut found = Vec::new();
            rule.check(&doc, &mut found);
            s.push_str(&format!("  ✗ {}\n", example.trim_end().replace('\n', "⏎")));
            for d in found {
                let unsafe_note = match &d.fix {
                    Some(f) if f.applicability == Applicability::Unsafe => "，需 --unsafe-fixes",
                    _ => "",
                };
                let fix = match &d.fix {
                    Some(f) if f.replacement.is_empty() => format!("（修复：删除{unsafe_note}）"),
                    Some(f) => format!("（修复：改为“{}”{unsafe_note}）", f.replacement),
                    None => String::new(),
                };
                s.push_str(&format!("      → {}{fix}\n", d.message));
            }
        }
    }
    if !meta.good.is_empty() {
        s.push_str("\n不报告：\n");
        for example in &meta.good {
            s.push_str(&format!("  ✓ {}\n", example.trim_end().replace('\n', "⏎")));
        }
    }
    s
}
