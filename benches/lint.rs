//! Throughput benchmark: `cargo bench --bench lint -- DIR` (default: the
//! bundled corpus). Prints MB/s for the whole linter and for each rule alone,
//! single-threaded, so a slow rule stands out. Speed is measured here, never
//! in a timed test.
#![allow(clippy::print_stdout)] // a benchmark's output is its result

use std::time::{Duration, Instant};

use gwlint::document::Document;
use gwlint::linter::{Linter, RuleSettings};
use gwlint::rules::Registry;
use gwlint::source::{Input, ReadOptions, SourceFile, read};

fn load(dir: &str) -> Vec<SourceFile> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths
        .into_iter()
        // Read as `gwlint check` reads them: encoding detected, Markdown masked.
        .filter_map(|p| read(&Input::File(p), &ReadOptions::default()).ok())
        .collect()
}

fn mb_per_s(bytes: usize, elapsed: Duration) -> f64 {
    bytes as f64 / 1e6 / elapsed.as_secs_f64()
}

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| "corpus/dirty".to_owned());
    let files = load(&dir);
    let bytes: usize = files.iter().map(|f| f.text.len()).sum();
    let registry = Registry::builtin().unwrap();
    println!(
        "{} files, {:.1} MB from {dir}",
        files.len(),
        bytes as f64 / 1e6
    );

    let linter = Linter::new(&registry, RuleSettings::default());
    let start = Instant::now();
    let findings: usize = files.iter().map(|f| linter.check(f).len()).sum();
    println!(
        "all rules, 1 thread: {:.0} MB/s ({findings} findings)",
        mb_per_s(bytes, start.elapsed())
    );

    let results: Vec<_> = files.iter().map(|f| linter.check(f)).collect();
    let start = Instant::now();
    let mut json = gwlint::report::json::Json::default();
    let mut sink = Vec::new();
    for (f, found) in files.iter().zip(&results) {
        gwlint::report::Emitter::file(&mut json, &mut sink, f, found).unwrap();
    }
    println!(
        "JSON report of those findings: {:.0} MB/s of input ({} bytes written)",
        mb_per_s(bytes, start.elapsed()),
        sink.len()
    );

    let start = Instant::now();
    for f in &files {
        std::hint::black_box(Document::new(f).blocks().len());
    }
    println!(
        "document model only: {:.0} MB/s",
        mb_per_s(bytes, start.elapsed())
    );

    let mut per_rule: Vec<(f64, &str)> = registry
        .rules()
        .map(|rule| {
            let start = Instant::now();
            let mut out = Vec::new();
            for f in &files {
                let doc = Document::new(f);
                rule.check(&doc, &mut out);
            }
            (mb_per_s(bytes, start.elapsed()), rule.meta().id)
        })
        .collect();
    per_rule.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!("each rule alone (document model included), slowest first:");
    for (speed, id) in per_rule {
        println!("  {speed:>7.0} MB/s  {id}");
    }
}
