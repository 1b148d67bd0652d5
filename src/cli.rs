//! The command line: parse arguments, run, choose the exit code. This is
//! the only module that talks to stdout/stderr.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity};
use crate::linter::{Linter, RuleSettings};
use crate::report::{
    Emitter, Summary, github::Github, gitlab::Gitlab, human::Human, json::Json, junit::Junit, sarif::Sarif, short::Short,
};
use crate::rules::{Registry, Rule};
use crate::source::SourceFile;
use crate::walk::{self, FileError, Input};

/// Exit codes, as in ruff: findings are 1, trouble is 2 (and wins over 1).
const EXIT_CLEAN: u8 = 0;
const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

#[derive(Parser)]
#[command(name = "gwlint", version, about = "公文材料检查：模板占位符、网站残留、序号、结构与用语")]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 检查文件或目录（不给路径则检查当前目录，- 表示标准输入）
    Check(CheckArgs),
    /// 列出全部规则
    Rules,
    /// 说明一条规则，附正反示例
    Explain {
        /// 规则 id，如 placeholder/slot
        id: String,
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

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
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
        Command::Check(args) => check(&registry, args),
        Command::Rules => list_rules(&registry).map(|()| EXIT_CLEAN),
        Command::Explain { id } => explain(&registry, &id),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`gwlint check | head`) is not an error worth a message.
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
            return Err(format!("未知的规则或规则组“{s}”（gwlint rules 列出全部规则）"));
        }
    }
    Ok(())
}

/// One input after linting: its findings, or why it could not be checked.
type Checked = Result<(SourceFile, Vec<Diagnostic>), FileError>;

fn check(registry: &Registry, args: CheckArgs) -> io::Result<u8> {
    let mut stderr = io::stderr().lock();
    for selectors in [&args.select, &args.ignore] {
        if let Err(msg) = validate_selectors(registry, selectors) {
            writeln!(stderr, "gwlint: {msg}")?;
            return Ok(EXIT_ERROR);
        }
    }
    let settings = RuleSettings { select: args.select.clone(), ignore: args.ignore.clone(), ..Default::default() };
    let linter = Linter::new(registry, settings);

    let paths = if args.paths.is_empty() { vec![".".to_owned()] } else { args.paths.clone() };
    let (inputs, walk_errors) = walk::discover(&paths);
    let mut checked: Vec<Checked> = walk_errors.into_iter().map(Err).collect();
    checked.par_extend(inputs.par_iter().map(|input: &Input| {
        let file = walk::read(input, args.max_file_size)?;
        let diagnostics = linter.check(&file);
        Ok((file, diagnostics))
    }));

    let color = match (args.color, &args.output) {
        (Color::Always, _) => true,
        (Color::Never, _) | (Color::Auto, Some(_)) => false,
        (Color::Auto, None) => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let width = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(80);
    let mut emitter: Box<dyn Emitter> = match args.format {
        Format::Human => Box::new(Human::new(color, width)),
        Format::Short => Box::new(Short),
        Format::Json => Box::new(Json::default()),
        Format::Sarif => Box::new(Sarif::new(registry.rules().map(|r| r.meta()).collect())),
        Format::Github => Box::new(Github),
        Format::Gitlab => Box::new(Gitlab::default()),
        Format::Junit => Box::new(Junit::default()),
    };
    let summary = match &args.output {
        None => {
            let mut out = BufWriter::new(io::stdout().lock());
            let summary = emit(emitter.as_mut(), &mut out, &checked, &mut stderr)?;
            out.flush()?;
            summary
        }
        Some(path) => {
            let mut report = Vec::new();
            let summary = emit(emitter.as_mut(), &mut report, &checked, &mut stderr)?;
            if let Err(e) = write_atomically(path, &report) {
                writeln!(stderr, "gwlint: {}: 无法写入报告（{e}）", path.display())?;
                return Ok(EXIT_ERROR);
            }
            summary
        }
    };
    if args.statistics {
        write!(stderr, "{}", statistics(&checked))?;
    }
    if !args.quiet {
        writeln!(stderr, "{}", summary.line())?;
    }

    if summary.file_errors > 0 {
        return Ok(EXIT_ERROR);
    }
    let worst = checked.iter().flatten().flat_map(|(_, ds)| ds.iter().map(|d| d.severity)).max();
    let fail_on = args.fail_on.unwrap_or(FailOn::Warning);
    let failed = fail_on.threshold().is_some_and(|t| worst.is_some_and(|w| w >= t));
    Ok(if failed { EXIT_FINDINGS } else { EXIT_CLEAN })
}

/// Feed every checked input to the emitter, in order; each file that could
/// not be checked also gets its one line on stderr.
fn emit(emitter: &mut dyn Emitter, out: &mut dyn Write, checked: &[Checked], stderr: &mut dyn Write) -> io::Result<Summary> {
    let mut summary = Summary::default();
    for result in checked {
        match result {
            Ok((file, diagnostics)) => {
                emitter.file(out, file, diagnostics)?;
                summary.add(diagnostics);
            }
            Err(error) => {
                writeln!(stderr, "gwlint: {error}")?;
                emitter.file_error(out, error)?;
                summary.file_errors += 1;
            }
        }
    }
    emitter.finish(out)?;
    Ok(summary)
}

/// `--statistics`: findings per rule, most frequent first.
fn statistics(checked: &[Checked]) -> String {
    let mut counts: BTreeMap<&str, (usize, Severity)> = BTreeMap::new();
    for d in checked.iter().flatten().flat_map(|(_, ds)| ds) {
        let entry = counts.entry(d.rule).or_insert((0, d.severity));
        entry.0 += 1;
        entry.1 = entry.1.max(d.severity);
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
    rows.iter().map(|(rule, (n, severity))| format!("{n:>6}  {rule:<36} {severity}\n")).collect()
}

/// Write `bytes` to `path` through a temporary file in the same directory
/// and a rename, so a reader never sees half a report.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "不是文件路径"))?;
    let temp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    std::fs::write(&temp, bytes)?;
    std::fs::rename(&temp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

fn list_rules(registry: &Registry) -> io::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    for rule in registry.rules() {
        let meta = rule.meta();
        let fix = if meta.fixable { "可修复" } else { "" };
        writeln!(out, "{:<36} {:<8} {:<6} {}", meta.id, meta.default_severity, fix, meta.summary)?;
    }
    out.flush()
}

fn explain(registry: &Registry, id: &str) -> io::Result<u8> {
    let Some(rule) = registry.get(id) else {
        writeln!(io::stderr(), "gwlint: 没有规则“{id}”（gwlint rules 列出全部规则）")?;
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
    let mut s = format!("{}（默认级别：{}）\n{}\n\n{}\n", meta.id, meta.default_severity, meta.summary, meta.explanation.trim());
    if !meta.bad.is_empty() {
        s.push_str("\n应当报告：\n");
        for example in &meta.bad {
            let file = SourceFile::new("-", (*example).to_owned(), crate::source::SourceFormat::PlainText);
            let doc = crate::document::Document::new(&file);
            let mut found = Vec::new();
            rule.check(&doc, &mut found);
            s.push_str(&format!("  ✗ {}\n", example.trim_end().replace('\n', "⏎")));
            for d in found {
                let fix = match &d.fix {
                    Some(f) if f.replacement.is_empty() => "（修复：删除）".to_owned(),
                    Some(f) => format!("（修复：改为“{}”）", f.replacement),
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
