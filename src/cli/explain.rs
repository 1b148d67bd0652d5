//! `gwlint explain ID`: why a rule exists, its source, and what it finds
//! in its own examples — run through the same linter as `check`.

use std::io::{self, BufWriter, Write};

use gwlint::rules::{Registry, RuleMeta};

use super::{EXIT_CLEAN, EXIT_ERROR};

pub fn run(registry: &Registry, id: &str) -> io::Result<u8> {
    let text = if let Some(rule) = registry.get(id) {
        explanation_text(registry, rule.meta())
    } else if let Some((meta, list)) = registry.waiting(id) {
        // A rule a configuration creates: no examples of its own.
        explanation_text(registry, meta)
            + &format!("\n在 gwlint.toml 的 {list} 中列出词语后启用。\n")
    } else {
        writeln!(
            io::stderr(),
            "gwlint: 没有规则“{id}”（gwlint rules 列出全部规则）"
        )?;
        return Ok(EXIT_ERROR);
    };
    let mut out = BufWriter::new(io::stdout().lock());
    write!(out, "{text}")?;
    out.flush()?;
    Ok(EXIT_CLEAN)
}

/// What `gwlint explain` prints: the rule's text and its examples, each bad
/// example with what the rule actually finds in it.
fn explanation_text(registry: &Registry, meta: &RuleMeta) -> String {
    let mut s = format!(
        "{}（默认级别：{}）\n{}\n\n{}\n",
        meta.id,
        meta.default_severity,
        meta.summary,
        meta.explanation_with_source()
    );
    if !meta.bad.is_empty() {
        s.push_str("\n应当报告：\n");
        for example in meta.bad {
            let found = gwlint::lint_text_with_rule(registry, meta.id, example);
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
        for example in meta.good {
            s.push_str(&format!("  ✓ {}\n", example.trim_end().replace('\n', "⏎")));
        }
    }
    s
}
