//! A `gwlint check` run as a library call: the inputs (paths, standard
//! input or git's index), each with the configuration that applies to it,
//! linted in parallel and handed back in input order, with `--fix` and the
//! baseline as steps. The command line, the tests and the benchmark all go
//! through here; `check_bytes` is the same path for one buffer.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::baseline::Baseline;
use crate::config::{self, Config, ConfigError, Resolver};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::Genre;
use crate::linter::{Linter, RuleSettings};
use crate::report::Summary;
use crate::rules::{Registry, pack::PackError};
use crate::source::{FileError, Input, ReadOptions, SourceFile};
use crate::walk::{self, WalkOptions};

/// What to check and how: the command line's `check` options, as data.
#[derive(Debug, Default)]
pub struct CheckOptions {
    /// Files or directories; `-` is standard input. Empty: the current
    /// directory.
    pub paths: Vec<String>,
    /// Check the staged content of staged drafts (git's index) instead;
    /// with paths, only staged files under them.
    pub staged: bool,
    /// Where configurations come from.
    pub config: config::Source,
    /// When non-empty, replaces each configuration's `select`.
    pub select: Vec<String>,
    /// Added to each configuration's `ignore`.
    pub ignore: Vec<String>,
    /// The genre (文种) to assume instead of guessing from titles.
    pub genre: Option<Genre>,
    pub read: ReadOptions,
    /// In directories, only files matching these globs (replacing the
    /// default extensions) …
    pub globs: Vec<String>,
    /// … and none matching these.
    pub excludes: Vec<String>,
    /// Apply safe fixes to files on disk.
    pub fix: bool,
    /// With `fix` or `diff`: also the fixes that need judgement.
    pub unsafe_fixes: bool,
    /// Compute, for each file, the unified diff of what `fix` would write,
    /// without writing.
    pub diff: bool,
    /// The year the documents are about, for date-aware rules (otherwise
    /// each document's title or date line says).
    pub year: Option<u32>,
    /// Report only findings this baseline does not record.
    pub baseline: Option<Baseline>,
}

/// Why a run could not start. Trouble with one file is never this: it is
/// a `FileError` in that file's `Checked`.
#[derive(Debug)]
pub enum SessionError {
    /// `--select`/`--ignore` names no rule or group.
    UnknownSelector(String),
    Config(ConfigError),
    /// A configuration's words or sections do not compile into rules.
    Rules(PackError),
    Walk(crate::walk::WalkError),
    Staged(crate::staged::StagedError),
    /// The run stopped: writing a result failed.
    Io(io::Error),
}

impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SessionError::UnknownSelector(s) => {
                write!(f, "未知的规则或规则组“{s}”（gwlint rules 列出全部规则）")
            }
            SessionError::Config(e) => e.fmt(f),
            SessionError::Rules(e) => e.fmt(f),
            SessionError::Walk(e) => e.fmt(f),
            SessionError::Staged(e) => e.fmt(f),
            SessionError::Io(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for SessionError {}

/// One input after the run: its findings, or why it could not be checked.
#[derive(Debug)]
pub struct Checked {
    pub result: Result<(SourceFile, Vec<Diagnostic>), FileError>,
    /// `--fix`: why the fixes of this file could not be written (the file
    /// is untouched and `result` holds all its findings).
    pub fix_error: Option<FileError>,
    /// `--fix`: how many fixes were written.
    pub fixes_applied: usize,
    /// `--diff`: what `--fix` would change in this file, as a unified diff
    /// (`None` when nothing would change).
    pub diff: Option<String>,
}

impl Checked {
    fn error(error: FileError) -> Self {
        Self {
            result: Err(error),
            fix_error: None,
            fixes_applied: 0,
            diff: None,
        }
    }
}

/// Something to check, with the configuration that applies to it.
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

pub struct Session<'r> {
    builtin: &'r Registry,
    /// Registries of configurations with their own words or sections, by
    /// the configuration's path; the others share `builtin`.
    custom: HashMap<PathBuf, Registry>,
    /// The configuration of the current directory (or `--config`): where
    /// run-wide settings such as `fail-on` come from.
    run_config: Arc<Config>,
    jobs: Vec<Job>,
    /// Inputs that failed before they could be read (missing paths…).
    early_errors: Vec<FileError>,
    genre: Option<Genre>,
    year: Option<u32>,
    read: ReadOptions,
    fix: bool,
    diff: bool,
    /// The least sure fix applied (`Safe`, or `Unsafe` with `--unsafe-fixes`).
    allowed: Applicability,
    baseline: Option<Baseline>,
}

impl<'r> Session<'r> {
    /// Resolve configurations and find the inputs. Nothing is read yet.
    pub fn new(builtin: &'r Registry, options: CheckOptions) -> Result<Self, SessionError> {
        for selector in options.select.iter().chain(&options.ignore) {
            if !builtin.knows(selector) {
                return Err(SessionError::UnknownSelector(selector.clone()));
            }
        }
        let mut resolver = Resolver::new(options.config.clone(), builtin);
        let run_config = resolver
            .for_dir(Path::new("."))
            .map_err(SessionError::Config)?;
        let (jobs, early_errors) = collect_jobs(&options, &mut resolver)?;
        let mut custom = HashMap::new();
        for config in jobs.iter().map(|j| &j.config).chain([&run_config]) {
            let Some(path) = &config.path else { continue };
            let customised =
                config.words != Default::default() || !config.required_sections.is_empty();
            if customised && !custom.contains_key(path) {
                let registry = Registry::for_config(&config.words, &config.section_overrides())
                    .map_err(SessionError::Rules)?;
                custom.insert(path.clone(), registry);
            }
        }
        Ok(Self {
            builtin,
            custom,
            run_config,
            jobs,
            early_errors,
            genre: options.genre,
            year: options.year,
            read: options.read,
            fix: options.fix,
            diff: options.diff,
            allowed: if options.unsafe_fixes {
                Applicability::Unsafe
            } else {
                Applicability::Safe
            },
            baseline: options.baseline,
        })
    }

    /// The configuration run-wide settings come from.
    pub fn run_config(&self) -> &Config {
        &self.run_config
    }

    /// The rules of the run-wide configuration (what SARIF lists).
    pub fn run_registry(&self) -> &Registry {
        self.registry_for(&self.run_config)
    }

    fn registry_for(&self, config: &Config) -> &Registry {
        config
            .path
            .as_ref()
            .and_then(|p| self.custom.get(p))
            .unwrap_or(self.builtin)
    }

    /// Read, lint and (with `fix`) fix one input.
    fn check_job(&self, job: Job) -> Checked {
        // Only files on disk are fixed: not standard input, not staged content.
        let (read, path) = match job.content {
            Content::Input(input) => {
                let path = match &input {
                    Input::File(path) => Some(path.clone()),
                    Input::Stdin => None,
                };
                (crate::source::read(&input, &self.read), path)
            }
            Content::Staged(display, bytes) => {
                (crate::source::parse(&display, &bytes, &self.read), None)
            }
        };
        let file = match read {
            Ok(file) => file,
            Err(e) => return Checked::error(e),
        };
        let mut settings = job.settings;
        settings.genre = self.genre;
        settings.year = self.year;
        let linter = Linter::new(self.registry_for(&job.config), settings);
        let diagnostics = linter.check(&file);
        if self.diff {
            let (diff, fix_error) =
                match crate::diff::fix_diff(&linter, &file, &diagnostics, self.allowed) {
                    Ok(diff) => (diff, None),
                    Err(e) => (None, Some(FileError::new(file.path.clone(), e.to_string()))),
                };
            return Checked {
                result: Ok((file, diagnostics)),
                fix_error,
                fixes_applied: 0,
                diff,
            };
        }
        let Some(path) = path.filter(|_| self.fix) else {
            return Checked {
                result: Ok((file, diagnostics)),
                fix_error: None,
                fixes_applied: 0,
                diff: None,
            };
        };
        let fixed = crate::fix::fix_file(&linter, &path, file, diagnostics, self.allowed);
        let fix_error = fixed
            .error
            .map(|e| FileError::new(fixed.file.path.clone(), e.to_string()));
        Checked {
            result: Ok((fixed.file, fixed.diagnostics)),
            fix_error,
            fixes_applied: fixed.applied,
            diff: None,
        }
    }

    /// Check every input and hand each result to `report`, in input order
    /// (errors found before reading first). Files are linted in parallel, a
    /// chunk at a time, on a producer thread, while `report` takes the
    /// previous chunk: memory stays bounded by the chunk, not by the tree.
    /// Stops at the first error `report` returns.
    pub fn run(mut self, mut report: impl FnMut(Checked) -> io::Result<()>) -> io::Result<()> {
        const CHUNK: usize = 64;
        let jobs = std::mem::take(&mut self.jobs);
        let early_errors = std::mem::take(&mut self.early_errors);
        let mut baseline = self.baseline.take();
        let session = &self;
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Checked>>(1);
        std::thread::scope(|scope| {
            scope.spawn(move || {
                let _ = sender.send(early_errors.into_iter().map(Checked::error).collect());
                let mut jobs = jobs.into_iter();
                loop {
                    let chunk: Vec<Job> = jobs.by_ref().take(CHUNK).collect();
                    if chunk.is_empty() {
                        break;
                    }
                    let done = chunk
                        .into_par_iter()
                        .map(|job| session.check_job(job))
                        .collect();
                    if sender.send(done).is_err() {
                        break;
                    }
                }
            });
            for chunk in receiver {
                for mut checked in chunk {
                    if let (Some(baseline), Ok((file, diagnostics))) =
                        (baseline.as_mut(), checked.result.as_mut())
                    {
                        *diagnostics = baseline.filter(file, std::mem::take(diagnostics));
                    }
                    report(checked)?;
                }
            }
            Ok(())
        })
    }
}

/// Check `paths` (files or directories) with the built-in defaults — no
/// configuration file, no fixes — exactly as `gwlint check --no-config`
/// does, and return every result in order. For tests and embedding.
pub fn check_paths(registry: &Registry, paths: &[&Path]) -> Result<Vec<Checked>, SessionError> {
    let options = CheckOptions {
        paths: paths.iter().map(|p| p.display().to_string()).collect(),
        config: config::Source::Defaults,
        ..CheckOptions::default()
    };
    let mut results = Vec::new();
    Session::new(registry, options)?
        .run(|checked| {
            results.push(checked);
            Ok(())
        })
        .map_err(SessionError::Io)?;
    Ok(results)
}

/// Settings layers: the file's configuration, then the command line.
/// `select` replaces the configuration's selection; `ignore` adds to it.
fn layer_options(mut settings: RuleSettings, options: &CheckOptions) -> RuleSettings {
    if !options.select.is_empty() {
        settings.select = options.select.clone();
    }
    settings.ignore.extend(options.ignore.iter().cloned());
    settings
}

/// The inputs of this run (files, standard input or staged files), each
/// with its configuration, and the inputs that failed before reading.
fn collect_jobs(
    options: &CheckOptions,
    resolver: &mut Resolver,
) -> Result<(Vec<Job>, Vec<FileError>), SessionError> {
    let mut jobs = Vec::new();
    let mut errors = Vec::new();
    let mut job = |content: Content, config_path: &Path| -> Result<(), SessionError> {
        let config = resolver
            .for_file(config_path)
            .map_err(SessionError::Config)?;
        let settings = layer_options(config.settings_for(config_path), options);
        jobs.push(Job {
            content,
            config,
            settings,
        });
        Ok(())
    };
    if options.staged {
        for staged in crate::staged::staged_files(&options.paths).map_err(SessionError::Staged)? {
            match staged.content {
                Ok(bytes) => job(
                    Content::Staged(staged.display, bytes),
                    &staged.worktree_path,
                )?,
                Err(e) => errors.push(e),
            }
        }
        return Ok((jobs, errors));
    }
    let paths = if options.paths.is_empty() {
        vec![".".to_owned()]
    } else {
        options.paths.clone()
    };
    let walk_options =
        WalkOptions::new(&options.globs, &options.excludes).map_err(SessionError::Walk)?;
    let (inputs, walk_errors) = walk::discover(&paths, &walk_options);
    errors.extend(walk_errors);
    for input in inputs {
        // Standard input takes the configuration of the current directory,
        // or of the path it stands for (`--stdin-filename`).
        let config_path = match &input {
            Input::File(path) => path.clone(),
            Input::Stdin => PathBuf::from(options.read.stdin_filename.as_deref().unwrap_or("-")),
        };
        job(Content::Input(input), &config_path)?;
    }
    Ok((jobs, errors))
}

/// What a run has seen so far: counts for the summary line, findings per
/// rule for `--statistics`, and the worst severity for the exit code.
#[derive(Debug, Default)]
pub struct Totals {
    pub summary: Summary,
    pub worst: Option<Severity>,
    pub fixes_applied: usize,
    /// `--diff`: files that would change.
    pub would_change: usize,
    per_rule: BTreeMap<&'static str, (usize, Severity)>,
}

impl Totals {
    pub fn record(&mut self, checked: &Checked) {
        match &checked.result {
            Ok((_, diagnostics)) => {
                self.summary.add(diagnostics);
                for d in diagnostics {
                    let entry = self.per_rule.entry(d.rule).or_insert((0, d.severity));
                    entry.0 += 1;
                    entry.1 = entry.1.max(d.severity);
                    self.worst = self.worst.max(Some(d.severity));
                }
            }
            Err(_) => self.summary.file_errors += 1,
        }
        if checked.fix_error.is_some() {
            self.summary.unwritten += 1;
        }
        self.fixes_applied += checked.fixes_applied;
        self.would_change += usize::from(checked.diff.is_some());
    }

    /// `--statistics`: findings per rule, most frequent first.
    pub fn statistics(&self) -> String {
        let mut rows: Vec<_> = self.per_rule.iter().collect();
        rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
        rows.iter()
            .map(|(rule, (n, severity))| format!("{n:>6}  {rule:<36} {severity}\n"))
            .collect()
    }
}
