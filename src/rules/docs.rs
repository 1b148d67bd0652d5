//! `docs/rules.md`, generated from the rules' own declarations (`gwlint
//! rules --format markdown`): one section per rule — what it flags, why,
//! its source, a bad and a good example with what the rule finds, and how
//! safe its fix is. `tests/docs.rs` fails when the committed file is stale.

use std::fmt::Write;

use super::{GROUPS, Registry, RuleMeta};

/// A code block for an example, one draft line per line.
fn example_block(out: &mut String, text: &str) {
    out.push_str("```text\n");
    out.push_str(text.trim_end_matches('\n'));
    out.push_str("\n```\n");
}

/// The whole `docs/rules.md`.
pub fn markdown(registry: &Registry) -> String {
    let mut out = String::from(
        "# gwlint 规则\n\n\
         本文件由 `gwlint rules --format markdown` 生成，请勿手改；规则变动后重新生成（`tests/docs.rs` 会检查）。\n\
         每条规则：查什么、为什么、来源、反例与正例、修复是否安全。`gwlint explain ID` 显示同样的内容。\n",
    );
    for group in GROUPS {
        let mut metas: Vec<&RuleMeta> = registry
            .rules()
            .map(|r| r.meta())
            .filter(|m| m.group() == *group)
            .collect();
        if metas.is_empty() {
            continue;
        }
        metas.sort_by_key(|m| m.id);
        let _ = write!(out, "\n## {group}\n");
        for meta in metas {
            section(&mut out, registry, meta, None);
        }
    }
    out.push_str(
        "\n## 由本单位配置启用的规则\n\n这些规则没有内置词表：在 `gwlint.toml` 中列出词语后才检查，用与内置词表相同的引擎（`brands` 品牌词则并入 `contamination/injected-brand`）。\n",
    );
    for (meta, list) in registry.all_waiting() {
        section(&mut out, registry, meta, Some(list));
    }
    out
}

/// One rule's section; `list`: the `gwlint.toml` list that fills a rule a
/// configuration creates.
fn section(out: &mut String, registry: &Registry, meta: &RuleMeta, list: Option<&str>) {
    let reason = meta.explanation.trim();
    let source = meta.source.trim();
    let list = list
        .map(|l| format!("；词表：`gwlint.toml` 的 `{l}`"))
        .unwrap_or_default();
    let _ = write!(
        out,
        "\n### `{}`\n\n{}（默认级别：{}{list}）\n\n**为什么：** {}\n\n**来源：** {}\n\n**修复：** {}\n",
        meta.id,
        meta.summary,
        meta.default_severity,
        reason.replace('\n', " "),
        if source.is_empty() { "—" } else { source },
        meta.fix.describe()
    );
    if let Some(bad) = meta.bad.first() {
        out.push_str("\n应当报告：\n\n");
        example_block(out, bad);
        for d in crate::lint_text_with_rule(registry, meta.id, bad) {
            let _ = writeln!(out, "- {}", d.message);
        }
    }
    if let Some(good) = meta.good.first() {
        out.push_str("\n不报告：\n\n");
        example_block(out, good);
    }
}
