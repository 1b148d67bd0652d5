//! The command line: parse arguments, run, choose the exit code. This is
//! the only module that talks to stdout/stderr.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity};
use crate::linter::{Linter, RuleSettings};
use crate::report::{Emitter, Summary, human::Human, json::Json};
use crate::rules::{GROUPS, Registry, Rule};
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
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
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
    crate::source::decode::encoding_for_label(label)
        .ok_or_else(|| format!("未知的编码“{label}”（可用：utf-8、gb18030、gbk、utf-16le、utf-16be、big5…）"))
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
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
        if !GROUPS.contains(&s.as_str()) && registry.get(s).is_none() {
            return Err(format!("未知的规则或规则组“{s}”（gwlint rules 列出全部规则）"));
        }
    }
    Ok(())
}

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
    let walk_options = match walk::WalkOptions::new(&args.glob, &args.exclude) {
        Ok(o) => o,
        Err(msg) => {
            writeln!(stderr, "gwlint: {msg}")?;
            return Ok(EXIT_ERROR);
        }
    };
    let read_options = walk::ReadOptions {
        max_size: args.max_file_size,
        encoding: args.encoding,
        stdin_filename: args.stdin_filename.clone(),
    };
    let (inputs, walk_errors) = walk::discover(&paths, &walk_options);
    // Files are read and linted in parallel; `collect` keeps input order, so
    // the output is in path order whatever the thread timing.
    let results: Vec<Result<(SourceFile, Vec<Diagnostic>), FileError>> = inputs
        .par_iter()
        .map(|input: &Input| {
            let file = walk::read(input, &read_options)?;
            let diagnostics = linter.check(&file);
            Ok((file, diagnostics))
        })
        .collect();

    let stdout = io::stdout();
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let width = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(80);
    let mut emitter: Box<dyn Emitter> = match args.format {
        Format::Human => Box::new(Human::new(color, width)),
        Format::Json => Box::new(Json::default()),
    };
    let mut out = BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    let mut worst: Option<Severity> = None;
    for error in &walk_errors {
        writeln!(stderr, "gwlint: {error}")?;
        emitter.file_error(&mut out, error)?;
        summary.file_errors += 1;
    }
    for result in &results {
        match result {
            Ok((file, diagnostics)) => {
                emitter.file(&mut out, file, diagnostics)?;
                summary.add(diagnostics);
                worst = worst.max(diagnostics.iter().map(|d| d.severity).max());
            }
            Err(error) => {
                writeln!(stderr, "gwlint: {error}")?;
                emitter.file_error(&mut out, error)?;
                summary.file_errors += 1;
            }
        }
    }
    emitter.finish(&mut out)?;
    out.flush()?;
    writeln!(stderr, "{}", summary.line())?;

    if summary.file_errors > 0 {
        return Ok(EXIT_ERROR);
    }
    let failed = args.fail_on.threshold().is_some_and(|t| worst.is_some_and(|w| w >= t));
    Ok(if failed { EXIT_FINDINGS } else { EXIT_CLEAN })
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
