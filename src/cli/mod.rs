//! The command line: clap arguments, one file per command, exit codes. The
//! only code that writes to stdout and stderr; it calls the library and
//! never lints itself.

mod annotate;
mod check;
mod explain;
mod hook;
mod init;
mod rules;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use gwlint::rules::Registry;

/// Exit codes, as in ruff: findings are 1, trouble is 2 (and wins over 1).
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

#[derive(Parser)]
#[command(
    name = "gwlint",
    version,
    about = "公文材料检查：模板占位符、网站残留、序号、结构与用语"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 检查文件或目录（不给路径则检查当前目录，- 表示标准输入）
    Check(Box<check::CheckArgs>),
    /// 列出全部规则
    Rules {
        /// text: one line per rule; markdown: the rule reference (docs/rules.md).
        #[arg(long, value_enum, default_value_t = rules::RulesFormat::Text)]
        format: rules::RulesFormat,
    },
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
    /// 生成审阅稿：每个问题在原文处加一条 Word 批注（.docx；.txt/.md 先转成 .docx），原文件不动
    Annotate(Box<annotate::AnnotateArgs>),
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

/// Where configurations come from: `--no-config`, `--config PATH`, or the
/// nearest `gwlint.toml` above each file.
pub fn config_source(
    config: &Option<std::path::PathBuf>,
    no_config: bool,
) -> gwlint::config::Source {
    use gwlint::config::Source;
    match (config, no_config) {
        (_, true) => Source::Defaults,
        (Some(path), false) => Source::File(path.clone()),
        (None, false) => Source::Discover,
    }
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
        Command::Check(args) => check::run(&registry, *args),
        Command::Rules { format } => rules::run(&registry, format),
        Command::Explain { id } => explain::run(&registry, &id),
        Command::Init => init::run(&registry),
        Command::Hook(HookCommand::Install { force }) => hook::install(force),
        Command::Annotate(args) => annotate::run(&registry, *args),
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
