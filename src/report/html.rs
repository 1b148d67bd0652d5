//! `--format html`: one self-contained page for the people who fix drafts.
//!
//! At the top a summary (files, findings per group and severity, an inline
//! SVG bar chart); then each file with findings, its text with every
//! finding highlighted in place (colour by severity) and the message and
//! rule beside its line, linked to the rule's explanation at the bottom of
//! the page. Files without findings are listed collapsed; long stretches
//! without findings are folded (`<details>`, so no script is needed).
//!
//! Nothing is loaded from anywhere: no script at all, styles inline, system
//! fonts, and a Content-Security-Policy that forbids every fetch. All text
//! from drafts is escaped. The summary needs every file first, so the page
//! is built in memory and written by `finish`.
//!
//! Each finding has a number `N` (report order): its note has
//! `id="finding-N"`, and each highlighted piece of its text is a `<mark>`
//! whose `data-findings` lists `N`.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::{self, Write};

use super::junit::xml_escape as escape;
use super::{Emitter, Summary, line_label, part_label};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::RuleMeta;
use crate::source::FileError;
use crate::source::SourceFile;

/// Lines of context kept open around a line with findings.
const CONTEXT_LINES: usize = 2;
/// A clean stretch is folded when it has at least this many lines.
const FOLD_MIN_LINES: usize = 6;

pub struct Html {
    rules: HashMap<&'static str, RuleMeta>,
    summary: Summary,
    /// Findings per group: [error, warning, info].
    groups: BTreeMap<String, [usize; 3]>,
    /// Findings per rule, and the worst severity seen.
    used: BTreeMap<&'static str, (usize, Severity)>,
    sections: String,
    index: String,
    clean: Vec<String>,
    errors: Vec<FileError>,
    findings: usize,
}

impl Html {
    /// `rules`: the metadata of every rule that may report (explanations
    /// are shown for those that did).
    pub fn new(rules: Vec<RuleMeta>) -> Self {
        Self {
            rules: rules.into_iter().map(|m| (m.id, m)).collect(),
            summary: Summary::default(),
            groups: BTreeMap::new(),
            used: BTreeMap::new(),
            sections: String::new(),
            index: String::new(),
            clean: Vec::new(),
            errors: Vec::new(),
            findings: 0,
        }
    }
}

fn severity_index(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

fn rule_anchor(rule: &str) -> String {
    format!("rule-{}", rule.replace('/', "-"))
}

/// "2 错误 · 1 警告"
fn counts_text(counts: [usize; 3]) -> String {
    SEVERITIES
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {}", s.chinese()))
        .collect::<Vec<_>>()
        .join(" · ")
}

impl Emitter for Html {
    fn file(
        &mut self,
        _out: &mut dyn Write,
        file: &SourceFile,
        diagnostics: &[Diagnostic],
    ) -> io::Result<()> {
        self.summary.add(diagnostics);
        if diagnostics.is_empty() {
            self.clean.push(file.path.clone());
            return Ok(());
        }
        let mut counts = [0; 3];
        for d in diagnostics {
            counts[severity_index(d.severity)] += 1;
            let group = d.rule.split('/').next().unwrap_or(d.rule).to_owned();
            self.groups.entry(group).or_default()[severity_index(d.severity)] += 1;
            let used = self.used.entry(d.rule).or_insert((0, d.severity));
            used.0 += 1;
            used.1 = used.1.max(d.severity);
        }
        let section = format!("file-{}", self.summary.files);
        let _ = writeln!(
            self.index,
            "<li><a href=\"#{section}\">{}</a> <span class=\"counts\">{}</span></li>",
            escape(&file.path),
            counts_text(counts)
        );
        let _ = writeln!(
            self.sections,
            "<section class=\"file\" id=\"{section}\">\n<h2><span class=\"path\">{}</span> <span class=\"counts\">{}</span></h2>\n<div class=\"doc\">",
            escape(&file.path),
            counts_text(counts)
        );
        let first = self.findings;
        self.findings += diagnostics.len();
        render_text(&mut self.sections, file, diagnostics, first);
        self.sections.push_str("</div>\n</section>\n");
        Ok(())
    }

    fn file_error(&mut self, _out: &mut dyn Write, error: &FileError) -> io::Result<()> {
        self.summary.file_errors += 1;
        self.errors.push(error.clone());
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let s = &self.summary;
        let total = s.errors + s.warnings + s.infos;
        let dirty = s.files - self.clean.len();
        let mut page = String::with_capacity(self.sections.len() + 16 * 1024);
        page.push_str(HEAD);
        let _ = write!(
            page,
            "<header>\n<h1>gwlint 检查报告</h1>\n<p class=\"overview\">检查 {} 个文件：{dirty} 个有问题，{} 个未发现问题{}。共 {total} 条问题{}。</p>\n</header>\n",
            s.files,
            self.clean.len(),
            if s.file_errors > 0 {
                format!("，{} 个无法检查", s.file_errors)
            } else {
                String::new()
            },
            if total > 0 {
                format!("：{}", counts_text([s.errors, s.warnings, s.infos]))
            } else {
                String::new()
            },
        );
        page.push_str("<section class=\"summary\">\n");
        if total > 0 {
            page.push_str(&chart(&self.groups));
            page.push_str(&self.group_table());
            page.push_str(&self.rule_table());
        }
        page.push_str("</section>\n");
        if !self.errors.is_empty() {
            page.push_str("<section class=\"errors\">\n<h2>无法检查的文件</h2>\n<ul>\n");
            for e in &self.errors {
                let _ = writeln!(
                    page,
                    "<li><span class=\"path\">{}</span>：{}</li>",
                    escape(&e.path),
                    escape(&e.message)
                );
            }
            page.push_str("</ul>\n</section>\n");
        }
        if !self.index.is_empty() {
            let _ = write!(
                page,
                "<nav>\n<h2>有问题的文件</h2>\n<ol>\n{}</ol>\n</nav>\n",
                self.index
            );
        }
        page.push_str(&self.sections);
        if !self.clean.is_empty() {
            let _ = write!(
                page,
                "<details class=\"clean\">\n<summary>{} 个文件未发现问题</summary>\n<ul>\n",
                self.clean.len()
            );
            for path in &self.clean {
                let _ = writeln!(page, "<li class=\"path\">{}</li>", escape(path));
            }
            page.push_str("</ul>\n</details>\n");
        }
        page.push_str(&self.explanations());
        page.push_str(
            "<footer>由 gwlint 生成，离线页面，不加载任何外部资源。</footer>\n</body>\n</html>\n",
        );
        out.write_all(page.as_bytes())
    }
}

impl Html {
    fn group_table(&self) -> String {
        let mut t = String::from(
            "<table class=\"groups\">\n<thead><tr><th>规则组</th><th>错误</th><th>警告</th><th>提示</th><th>合计</th></tr></thead>\n<tbody>\n",
        );
        for (group, counts) in &self.groups {
            let _ = writeln!(
                t,
                "<tr><th>{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(group),
                counts[0],
                counts[1],
                counts[2],
                counts.iter().sum::<usize>()
            );
        }
        t.push_str("</tbody>\n</table>\n");
        t
    }

    fn rule_table(&self) -> String {
        let mut rows: Vec<_> = self.used.iter().collect();
        rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
        let mut t = String::from(
            "<table class=\"rules\">\n<thead><tr><th>规则</th><th>条数</th><th>说明</th></tr></thead>\n<tbody>\n",
        );
        for (rule, (n, severity)) in rows {
            let summary = self.rules.get(rule).map_or("", |m| m.summary);
            let _ = writeln!(
                t,
                "<tr><th><a class=\"rule sev-{}\" href=\"#{}\">{}</a></th><td>{n}</td><td>{}</td></tr>",
                severity.as_str(),
                rule_anchor(rule),
                escape(rule),
                escape(summary)
            );
        }
        t.push_str("</tbody>\n</table>\n");
        t
    }

    fn explanations(&self) -> String {
        if self.used.is_empty() {
            return String::new();
        }
        let mut s = String::from("<section id=\"rules\">\n<h2>规则说明</h2>\n");
        for rule in self.used.keys() {
            let _ = write!(
                s,
                "<article id=\"{}\">\n<h3>{}</h3>\n",
                rule_anchor(rule),
                escape(rule)
            );
            if let Some(meta) = self.rules.get(rule) {
                let _ = write!(
                    s,
                    "<p class=\"default\">默认级别：{}</p>\n<p>{}</p>\n<div class=\"explain\">{}</div>\n",
                    meta.default_severity.chinese(),
                    escape(meta.summary),
                    escape(&meta.explanation_with_source())
                );
            }
            s.push_str("</article>\n");
        }
        s.push_str("</section>\n");
        s
    }
}

/// The text of one file, line by line, findings highlighted, notes beside
/// the line each finding starts on, long clean stretches folded.
fn render_text(out: &mut String, file: &SourceFile, diagnostics: &[Diagnostic], first: usize) {
    let text = file.text.as_str();
    let mut starts = vec![0];
    starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    if starts.len() > 1 && starts.last() == Some(&text.len()) {
        starts.pop();
    }
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset).saturating_sub(1);

    // The findings on each line: (number, finding, whether it starts there).
    let mut on_line: Vec<Vec<(usize, &Diagnostic, bool)>> = vec![Vec::new(); starts.len()];
    for (i, d) in diagnostics.iter().enumerate() {
        let a = line_of(d.range.start);
        let b = line_of(d.range.end.saturating_sub(1).max(d.range.start));
        for (line, list) in on_line.iter_mut().enumerate().take(b + 1).skip(a) {
            list.push((first + i, d, line == a));
        }
    }
    // Lines with findings, and some context, stay open.
    let mut keep = vec![false; starts.len()];
    for (line, list) in on_line.iter().enumerate() {
        if !list.is_empty() {
            let to = (line + CONTEXT_LINES).min(starts.len() - 1);
            keep[line.saturating_sub(CONTEXT_LINES)..=to]
                .iter_mut()
                .for_each(|k| *k = true);
        }
    }
    let span = |line: usize| {
        let end = starts
            .get(line + 1)
            .map_or(text.len(), |next| next - 1)
            .max(starts[line]);
        // A CRLF line shows without its CR.
        let end = end - usize::from(end > starts[line] && text.as_bytes()[end - 1] == b'\r');
        starts[line]..end
    };
    let label = line_label(file);
    let mut line = 0;
    while line < starts.len() {
        if keep[line] {
            row(out, file, span(line), line, &on_line[line]);
            line += 1;
            continue;
        }
        let end = (line..starts.len())
            .find(|&l| keep[l])
            .unwrap_or(starts.len());
        let fold = end - line >= FOLD_MIN_LINES;
        if fold {
            let _ = writeln!(
                out,
                "<details class=\"fold\"><summary>{label}{}–{}：{} 行未发现问题</summary>",
                line + 1,
                end,
                end - line
            );
        }
        for (l, list) in on_line.iter().enumerate().take(end).skip(line) {
            row(out, file, span(l), l, list);
        }
        if fold {
            out.push_str("</details>\n");
        }
        line = end;
    }
}

/// One line: its number, its text with highlights, and the notes of the
/// findings that start on it.
fn row(
    out: &mut String,
    file: &SourceFile,
    span: std::ops::Range<usize>,
    line: usize,
    findings: &[(usize, &Diagnostic, bool)],
) {
    let text = file.text.as_str();
    let _ = write!(
        out,
        "<div class=\"row\"><span class=\"no\">{}{}</span><div class=\"tx\">",
        line_label(file),
        line + 1
    );
    // Cut the line where any finding starts or ends; each piece is marked
    // with every finding covering it, coloured by the worst.
    let mut cuts = vec![span.start, span.end];
    for (_, d, _) in findings {
        for at in [d.range.start, d.range.end] {
            if span.start < at && at < span.end && text.is_char_boundary(at) {
                cuts.push(at);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    for (i, &at) in cuts.iter().enumerate() {
        // A finding with no text of its own on the line — empty, or only
        // the line break (a broken line) — shows as a caret.
        for (n, d, _) in findings.iter().filter(|(_, d, _)| {
            (d.range.is_empty() || d.range.start >= span.end)
                && d.range.start.clamp(span.start, span.end) == at
        }) {
            let _ = write!(
                out,
                "<mark class=\"sev-{} point\" data-findings=\"{n}\" title=\"{}\"></mark>",
                d.severity.as_str(),
                escape(&d.message)
            );
        }
        let Some(&next) = cuts.get(i + 1) else { break };
        let piece = escape(&text[at..next]);
        let covering: Vec<&(usize, &Diagnostic, bool)> = findings
            .iter()
            .filter(|(_, d, _)| d.range.start <= at && next <= d.range.end && !d.range.is_empty())
            .collect();
        if covering.is_empty() {
            out.push_str(&piece);
            continue;
        }
        let worst = covering
            .iter()
            .map(|(_, d, _)| d.severity)
            .max()
            .unwrap_or(Severity::Info);
        let ids: Vec<String> = covering.iter().map(|(n, _, _)| n.to_string()).collect();
        let titles: Vec<String> = covering
            .iter()
            .map(|(_, d, _)| escape(&d.message))
            .collect();
        let _ = write!(
            out,
            "<mark class=\"sev-{}\" data-findings=\"{}\" title=\"{}\">{piece}</mark>",
            worst.as_str(),
            ids.join(" "),
            titles.join("&#10;")
        );
    }
    out.push_str("</div><div class=\"notes\">");
    for (n, d, _) in findings.iter().filter(|(_, _, starts_here)| *starts_here) {
        let part = part_label(file, d)
            .map(|p| format!("<span class=\"part\">{p}</span>"))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<div class=\"note sev-{sev}\" id=\"finding-{n}\" data-rule=\"{rule}\"><span class=\"sev\">{label}</span>{part} <a class=\"rule\" href=\"#{anchor}\">{rule}</a> <span class=\"msg\">{msg}</span>",
            sev = d.severity.as_str(),
            label = d.severity.chinese(),
            anchor = rule_anchor(d.rule),
            rule = escape(d.rule),
            msg = escape(&d.message),
        );
        if let Some(help) = &d.help {
            let _ = write!(out, "<div class=\"help\">{}</div>", escape(help));
        }
        if let Some(fix) = &d.fix {
            let fix = match fix.replacement.as_str() {
                "" => "可删除".to_owned(),
                r => format!("可改为“{}”", escape(r)),
            };
            let _ = write!(out, "<div class=\"fix\">{fix}</div>");
        }
        out.push_str("</div>");
    }
    out.push_str("</div></div>\n");
}

/// Findings per group as horizontal bars, stacked by severity.
fn chart(groups: &BTreeMap<String, [usize; 3]>) -> String {
    const LABEL: f64 = 150.0;
    const BARS: f64 = 420.0;
    const ROW: f64 = 28.0;
    let max = groups
        .values()
        .map(|c| c.iter().sum::<usize>())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let height = ROW * groups.len() as f64 + 34.0;
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 640 {height}\" width=\"640\" height=\"{height}\" role=\"img\" aria-labelledby=\"chart-title\">\n<title id=\"chart-title\">各规则组的问题数（按级别）</title>\n"
    );
    for (i, (group, counts)) in groups.iter().enumerate() {
        let y = ROW * i as f64 + 4.0;
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"label\">{}</text>",
            LABEL - 8.0,
            y + 15.0,
            escape(group)
        );
        let mut x = LABEL;
        for (severity, n) in SEVERITIES.iter().zip(counts) {
            if *n == 0 {
                continue;
            }
            let w = BARS * *n as f64 / max;
            let _ = writeln!(
                svg,
                "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"20\" class=\"bar-{}\"><title>{} {}：{n}</title></rect>",
                severity.as_str(),
                escape(group),
                severity.chinese()
            );
            x += w;
        }
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{}\" class=\"value\">{}</text>",
            x + 6.0,
            y + 15.0,
            counts.iter().sum::<usize>()
        );
    }
    let legend_y = ROW * groups.len() as f64 + 22.0;
    let mut x = LABEL;
    for severity in SEVERITIES {
        let _ = writeln!(
            svg,
            "<rect x=\"{x}\" y=\"{}\" width=\"12\" height=\"12\" class=\"bar-{}\"/><text x=\"{}\" y=\"{legend_y}\" class=\"legend\">{}</text>",
            legend_y - 10.0,
            severity.as_str(),
            x + 16.0,
            severity.chinese()
        );
        x += 70.0;
    }
    svg.push_str("</svg>\n");
    svg
}

const HEAD: &str = r##"<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="gwlint">
<link rel="icon" href="data:,">
<title>gwlint 检查报告</title>
<style>
:root {
  --error: #c5221f; --error-bg: #fce8e6;
  --warning: #a15c00; --warning-bg: #fef0c7;
  --info: #1a5fb4; --info-bg: #e3ecfa;
  --line: #e3e3e3; --muted: #666;
}
* { box-sizing: border-box; }
body {
  margin: 0 auto; max-width: 1200px; padding: 1.5em 1.5em 3em;
  font-family: system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
    "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif;
  color: #1f1f1f; background: #fff; line-height: 1.6;
}
h1 { font-size: 1.6em; margin: 0 0 .3em; }
h2 { font-size: 1.2em; margin: 1.6em 0 .6em; }
a { color: #0b57d0; }
.path { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace; word-break: break-all; }
.counts { color: var(--muted); font-size: .85em; font-weight: normal; }
.summary { display: flex; flex-wrap: wrap; gap: 1.5em 2.5em; align-items: flex-start; }
.chart { max-width: 100%; height: auto; font-size: 13px; font-family: inherit; }
.chart .label, .chart .value, .chart .legend { fill: #1f1f1f; }
.bar-error { fill: var(--error); } .bar-warning { fill: #e8a200; } .bar-info { fill: var(--info); }
table { border-collapse: collapse; font-size: .9em; }
th, td { border-bottom: 1px solid var(--line); padding: .25em .8em; text-align: left; }
td { text-align: right; font-variant-numeric: tabular-nums; }
.rules td:last-child { text-align: left; }
nav ol { padding-left: 1.5em; }
.file { border-top: 2px solid #1f1f1f; margin-top: 2em; }
.doc { font-size: 15px; }
.row { display: grid; grid-template-columns: 5.5em minmax(0, 1fr) minmax(16em, 24em); gap: 0 1em;
  border-bottom: 1px solid #f1f1f1; padding: .15em 0; }
.no { color: #999; text-align: right; font-size: .8em; padding-top: .2em; font-variant-numeric: tabular-nums; }
.tx { white-space: pre-wrap; overflow-wrap: anywhere; }
mark { border-radius: 2px; padding: 0 1px; color: inherit; }
mark.sev-error { background: var(--error-bg); box-shadow: inset 0 -2px 0 var(--error); }
mark.sev-warning { background: var(--warning-bg); box-shadow: inset 0 -2px 0 #e8a200; }
mark.sev-info { background: var(--info-bg); box-shadow: inset 0 -2px 0 var(--info); }
mark.point { background: none; box-shadow: none; padding: 0; }
mark.point::before { content: "‸"; font-weight: bold; }
mark.point.sev-error::before { color: var(--error); }
mark.point.sev-warning::before { color: #e8a200; }
mark.point.sev-info::before { color: var(--info); }
.note { font-size: .85em; border-left: 3px solid; padding: .1em .5em; margin: .1em 0 .3em; background: #fafafa; }
.note.sev-error { border-color: var(--error); } .note.sev-warning { border-color: #e8a200; } .note.sev-info { border-color: var(--info); }
.note:target { outline: 2px solid #0b57d0; }
.sev { font-weight: bold; margin-right: .3em; }
.sev-error .sev { color: var(--error); } .sev-warning .sev { color: var(--warning); } .sev-info .sev { color: var(--info); }
.part { background: #eee; border-radius: 3px; padding: 0 .3em; margin-right: .3em; }
.rule { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .95em; }
.help, .fix { color: var(--muted); }
details.fold { border-bottom: 1px solid #f1f1f1; }
details.fold > summary { color: var(--muted); font-size: .85em; padding: .2em 0 .2em 6.5em; cursor: pointer; }
details.clean { margin-top: 2em; }
details.clean > summary { cursor: pointer; font-weight: bold; }
#rules article { border-top: 1px solid var(--line); padding: .3em 0; }
#rules h3 { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 1em; margin: .4em 0; }
#rules article:target { background: #fffbe6; }
.explain { white-space: pre-wrap; font-size: .9em; }
.default { color: var(--muted); font-size: .85em; margin: 0; }
footer { margin-top: 3em; color: var(--muted); font-size: .8em; }
@media (max-width: 800px) {
  .row { grid-template-columns: 3.5em minmax(0, 1fr); }
  .notes { grid-column: 2; }
  details.fold > summary { padding-left: 4.5em; }
}
@media print { details.fold > summary { display: none; } }
</style>
</head>
<body>
"##;
