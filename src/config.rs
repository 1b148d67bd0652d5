//! `gwlint.toml`: the configuration a repository or an organisation keeps
//! beside its drafts. Strict like typos' and ruff's: unknown keys and
//! unknown rule ids are errors that name the line.
//!
//! Layers, lowest first: built-in defaults < the configuration file <
//! command-line flags. The file is the nearest `gwlint.toml` (or
//! `.gwlint.toml`) walking up from each checked file's directory, unless
//! `--config PATH` names one or `--no-config` turns them off; see
//! [`Resolver`]. Nothing here is global: a [`Config`] is passed to whoever
//! needs it.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::linter::RuleSettings;
use crate::rules::Registry;
use crate::rules::pack::OrgWords;

/// File names looked for in each directory, in this order.
pub const FILE_NAMES: &[&str] = &["gwlint.toml", ".gwlint.toml"];

/// What `gwlint init` writes: every key, commented, with an example.
pub const STARTER: &str = include_str!("config_starter.toml");

/// What `gwlint init` writes: `STARTER` with the groups that have rules in
/// `registry` (a group with no rule yet is not offered).
pub fn starter(registry: &Registry) -> String {
    let groups: Vec<&str> = crate::rules::GROUPS
        .iter()
        .copied()
        .filter(|g| registry.rules().any(|r| r.meta().group() == *g))
        .collect();
    STARTER.replace("{groups}", &groups.join("、"))
}

/// The lowest severity that makes the run fail (exit code 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub const NAMES: [&'static str; 4] = ["error", "warning", "info", "never"];

    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "error" => Some(FailOn::Error),
            "warning" => Some(FailOn::Warning),
            "info" => Some(FailOn::Info),
            "never" => Some(FailOn::Never),
            _ => None,
        }
    }

    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// A banned phrase: `"综上所述"` or `{ phrase = "抓手", replacement = "着力点" }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum BannedPhrase {
    Plain(String),
    WithReplacement(PhraseWithReplacement),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PhraseWithReplacement {
    phrase: String,
    replacement: String,
}

/// A section a kind of document must have: `{ name = "存在问题", keywords = ["存在问题", "不足"] }`.
/// A heading containing any keyword (the name itself when none are given)
/// counts as the section.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredSection {
    pub name: String,
    #[serde(default)]
    pub keywords: Vec<String>,
}

impl Config {
    /// `[required-sections]` as the structure rules take it.
    pub fn section_overrides(
        &self,
    ) -> Vec<(crate::document::Genre, Vec<crate::rules::pack::SectionSpec>)> {
        self.required_sections
            .iter()
            .filter_map(|(kind, sections)| {
                let doc_kind = crate::document::Genre::parse(kind)?;
                let specs = sections
                    .iter()
                    .map(|s| crate::rules::pack::SectionSpec {
                        genres: vec![kind.clone()],
                        name: s.name.clone(),
                        keywords: s.keywords().into_iter().map(str::to_owned).collect(),
                    })
                    .collect();
                Some((doc_kind, specs))
            })
            .collect()
    }
}

impl RequiredSection {
    /// The keywords, or the name when none are given.
    pub fn keywords(&self) -> Vec<&str> {
        if self.keywords.is_empty() {
            vec![self.name.as_str()]
        } else {
            self.keywords.iter().map(String::as_str).collect()
        }
    }
}

/// The file as written. Every key is documented in `config_starter.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    fail_on: Option<FailOn>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
    #[serde(default)]
    per_file_ignores: BTreeMap<String, Vec<Spanned<String>>>,
    #[serde(default)]
    extend_placeholders: Vec<String>,
    #[serde(default)]
    banned_phrases: Vec<BannedPhrase>,
    #[serde(default)]
    brands: Vec<String>,
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    required_sections: BTreeMap<String, Vec<RequiredSection>>,
}

/// A configuration error: `gwlint.toml:LINE: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Rules to skip for files matching a glob.
#[derive(Debug, Clone)]
struct PerFileIgnore {
    glob: String,
    selectors: Vec<String>,
}

/// A validated configuration.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it came from; `None` for the built-in defaults.
    pub path: Option<PathBuf>,
    /// Which rules run, at what severity, and the phrases never flagged.
    pub rules: RuleSettings,
    pub fail_on: Option<FailOn>,
    pub words: OrgWords,
    /// Document kind → sections it must have.
    pub required_sections: BTreeMap<String, Vec<RequiredSection>>,
    per_file_ignores: Vec<PerFileIgnore>,
    per_file_globs: GlobSet,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The key written on 1-based `line` (`key = …`), or the table it opens
/// (`[severity]`), to name in an error.
fn key_on_line(text: &str, line: usize) -> Option<String> {
    let content = text.lines().nth(line - 1)?.trim();
    if let Some(table) = content.strip_prefix('[') {
        return Some(table.trim_end_matches(']').trim().to_owned());
    }
    let (key, _) = content.split_once('=')?;
    let key = key.trim().trim_matches(['"', '\'']);
    (!key.is_empty()).then(|| key.to_owned())
}

/// A TOML or schema error in plain Chinese, naming the key when known.
/// The messages of `toml` and serde are English and speak of Rust types
/// (`untagged enum BannedPhrase`); a user needs to know what to write.
fn plain_toml_message(message: &str, key: Option<&str>) -> String {
    let quoted =
        |s: &str| -> Vec<String> { s.split('`').skip(1).step_by(2).map(str::to_owned).collect() };
    let what = if let Some(rest) = message.strip_prefix("unknown field") {
        let names = quoted(rest);
        match names.split_first() {
            Some((field, expected)) if !expected.is_empty() => {
                format!("未知的键“{field}”（可用的键：{}）", expected.join("、"))
            }
            Some((field, _)) => format!("未知的键“{field}”"),
            None => "未知的键".to_owned(),
        }
    } else if let Some(rest) = message.strip_prefix("unknown variant") {
        let names = quoted(rest);
        match names.split_first() {
            Some((value, expected)) => {
                format!("无效的值“{value}”（可用：{}）", expected.join("、"))
            }
            None => "无效的值".to_owned(),
        }
    } else if let Some(rest) = message.strip_prefix("missing field") {
        format!("缺少键“{}”", quoted(rest).join(""))
    } else if message.contains("untagged enum BannedPhrase") {
        "每一项须是一个字符串（\"综上所述\"），或 { phrase = \"抓手\", replacement = \"着力点\" }"
            .to_owned()
    } else if message.contains("untagged enum") {
        "值的写法不对".to_owned()
    } else if let Some(rest) = message.strip_prefix("invalid type:") {
        let kind = |s: &str| {
            s.replace("a string", "字符串")
                .replace("string", "字符串")
                .replace("integer", "整数")
                .replace("boolean", "true/false")
                .replace("a sequence", "数组 [...]")
                .replace("sequence", "数组 [...]")
                .replace("a map", "表 { ... }")
                .replace("map", "表 { ... }")
                .replace("float", "小数")
        };
        match rest.split_once(", expected") {
            Some((found, expected)) => format!(
                "类型不对：应为{}，实为{}",
                kind(expected.trim()),
                kind(found.trim())
            ),
            None => format!("类型不对（{}）", rest.trim()),
        }
    } else if message.contains("duplicate key") {
        format!("键重复出现（{message}）")
    } else {
        format!("TOML 写法有误（{message}）")
    };
    match key {
        // An unknown key is named by the message itself.
        Some(key) if !message.starts_with("unknown field") => format!("“{key}”：{what}"),
        _ => what,
    }
}

/// The line where `key` is written as a table key (`key =` or `"key" =`).
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            let line = line.trim_start();
            [key.to_owned(), format!("\"{key}\""), format!("'{key}'")]
                .iter()
                .any(|k| {
                    line.strip_prefix(k.as_str())
                        .is_some_and(|rest| rest.trim_start().starts_with('='))
                })
        })
        .map(|i| i + 1)
}

impl Config {
    /// Parse and validate a configuration. `path` names it in errors and
    /// anchors `per-file-ignores` globs (relative to its directory).
    pub fn parse(path: &Path, text: &str, registry: &Registry) -> Result<Self, ConfigError> {
        let error = |line: Option<usize>, message: String| ConfigError {
            path: path.display().to_string(),
            line,
            message,
        };
        let file: ConfigFile = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start));
            let key = line.and_then(|l| key_on_line(text, l));
            error(line, plain_toml_message(e.message().trim(), key.as_deref()))
        })?;
        let known = |selector: &Spanned<String>| -> Result<String, ConfigError> {
            if registry.knows(selector.get_ref()) {
                Ok(selector.get_ref().clone())
            } else {
                Err(error(
                    Some(line_of(text, selector.span().start)),
                    format!(
                        "未知的规则或规则组“{}”（gwlint rules 列出全部规则）",
                        selector.get_ref()
                    ),
                ))
            }
        };
        let select = file
            .select
            .iter()
            .flatten()
            .map(known)
            .collect::<Result<Vec<_>, _>>()?;
        let ignore = file
            .ignore
            .iter()
            .map(known)
            .collect::<Result<Vec<_>, _>>()?;
        let mut severity = HashMap::new();
        for (id, level) in &file.severity {
            if !registry.knows(id) {
                return Err(error(
                    line_of_key(text, id),
                    format!("[severity] 中未知的规则或规则组“{id}”"),
                ));
            }
            severity.insert(id.clone(), *level);
        }
        let mut per_file_ignores = Vec::new();
        let mut globs = GlobSetBuilder::new();
        for (glob, selectors) in &file.per_file_ignores {
            let compiled = Glob::new(glob).map_err(|e| {
                error(
                    line_of_key(text, glob),
                    format!("[per-file-ignores] 中无效的通配符“{glob}”：{e}"),
                )
            })?;
            globs.add(compiled);
            let selectors = selectors.iter().map(known).collect::<Result<Vec<_>, _>>()?;
            per_file_ignores.push(PerFileIgnore {
                glob: glob.clone(),
                selectors,
            });
        }
        let per_file_globs = globs.build().map_err(|e| error(None, e.to_string()))?;
        for (kind, sections) in &file.required_sections {
            if crate::document::Genre::parse(kind).is_none() {
                let known: Vec<&str> = crate::document::Genre::ALL
                    .iter()
                    .map(|k| k.name())
                    .collect();
                return Err(error(
                    line_of_key(text, kind),
                    format!(
                        "[required-sections] 未知的文种“{kind}”（可用：{}）",
                        known.join("、")
                    ),
                ));
            }
            if let Some(empty) = sections.iter().find(|s| s.name.trim().is_empty()) {
                return Err(error(
                    line_of_key(text, kind),
                    format!("[required-sections] {kind}：小节名称为空（{empty:?}）"),
                ));
            }
        }
        let words = OrgWords {
            placeholders: file.extend_placeholders,
            banned_phrases: file
                .banned_phrases
                .into_iter()
                .map(|p| match p {
                    BannedPhrase::Plain(phrase) => (phrase, None),
                    BannedPhrase::WithReplacement(p) => (p.phrase, Some(p.replacement)),
                })
                .collect(),
            brands: file.brands,
        };
        Ok(Self {
            path: Some(path.to_path_buf()),
            rules: RuleSettings {
                select,
                ignore,
                severity,
                allow: file.allow,
                genre: None,
                year: None,
            },
            fail_on: file.fail_on,
            words,
            required_sections: file.required_sections,
            per_file_ignores,
            per_file_globs,
        })
    }

    /// Read and parse the file at `path`.
    pub fn load(path: &Path, registry: &Registry) -> Result<Self, ConfigError> {
        let error = |message: String| ConfigError {
            path: path.display().to_string(),
            line: None,
            message,
        };
        let bytes = std::fs::read(path).map_err(|e| error(crate::source::read::io_message(&e)))?;
        // A configuration saved by Notepad as GBK or UTF-16 is read as what
        // it is, like a draft; anything else gets a reason.
        let text = crate::source::decode(&bytes)
            .map_err(|_| {
                error("不是可识别编码的文本（UTF-8、UTF-16 或 GBK），请另存为 UTF-8".to_owned())
            })?
            .text;
        Self::parse(path, &text, registry)
    }

    /// The rule settings for one file: the configuration's, plus the
    /// `per-file-ignores` whose glob matches the file's path relative to
    /// the configuration's directory (or the path as given, when it is not
    /// under that directory).
    pub fn settings_for(&self, file: &Path) -> RuleSettings {
        let mut settings = self.rules.clone();
        if self.per_file_ignores.is_empty() {
            return settings;
        }
        let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let base = self
            .path
            .as_deref()
            .and_then(Path::parent)
            .and_then(|d| std::path::absolute(d).ok());
        let relative = base
            .as_deref()
            .and_then(|b| absolute.strip_prefix(b).ok())
            .unwrap_or(file);
        for index in self.per_file_globs.matches(relative) {
            settings
                .ignore
                .extend(self.per_file_ignores[index].selectors.iter().cloned());
        }
        settings
    }

    /// The globs of `per-file-ignores`, in file order.
    pub fn per_file_ignore_globs(&self) -> impl Iterator<Item = &str> {
        self.per_file_ignores.iter().map(|p| p.glob.as_str())
    }
}

/// Where configurations come from for this run.
#[derive(Debug, Clone, Default)]
pub enum Source {
    /// The nearest `gwlint.toml` / `.gwlint.toml` above each file.
    #[default]
    Discover,
    /// `--config PATH`: this one for every file.
    File(PathBuf),
    /// `--no-config`: built-in defaults.
    Defaults,
}

/// Finds the configuration for each file, loading each file once and
/// remembering the answer for each directory.
pub struct Resolver<'r> {
    source: Source,
    registry: &'r Registry,
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    loaded: HashMap<PathBuf, Arc<Config>>,
    defaults: Arc<Config>,
}

impl<'r> Resolver<'r> {
    pub fn new(source: Source, registry: &'r Registry) -> Self {
        Self {
            source,
            registry,
            by_dir: HashMap::new(),
            loaded: HashMap::new(),
            defaults: Arc::new(Config::default()),
        }
    }

    /// The configuration for a file in `dir` (a file's parent directory,
    /// or the current directory for standard input).
    pub fn for_dir(&mut self, dir: &Path) -> Result<Arc<Config>, ConfigError> {
        let found = match &self.source {
            Source::Defaults => return Ok(self.defaults.clone()),
            Source::File(path) => Some(path.clone()),
            Source::Discover => self.discover(dir),
        };
        let Some(path) = found else {
            return Ok(self.defaults.clone());
        };
        if let Some(config) = self.loaded.get(&path) {
            return Ok(config.clone());
        }
        let config = Arc::new(Config::load(&path, self.registry)?);
        self.loaded.insert(path, config.clone());
        Ok(config)
    }

    /// The configuration for the file at `path`.
    pub fn for_file(&mut self, path: &Path) -> Result<Arc<Config>, ConfigError> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        self.for_dir(&dir)
    }

    fn discover(&mut self, dir: &Path) -> Option<PathBuf> {
        let start = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        let mut visited = Vec::new();
        let mut found = None;
        for ancestor in start.ancestors() {
            if let Some(known) = self.by_dir.get(ancestor) {
                found = known.clone();
                break;
            }
            visited.push(ancestor.to_path_buf());
            if let Some(path) = FILE_NAMES
                .iter()
                .map(|n| ancestor.join(n))
                .find(|p| p.is_file())
            {
                found = Some(path);
                break;
            }
        }
        for dir in visited {
            self.by_dir.insert(dir, found.clone());
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(
            Path::new("gwlint.toml"),
            text,
            &Registry::builtin().unwrap(),
        )
    }

    #[test]
    fn the_starter_config_parses() {
        let config = parse(STARTER).unwrap();
        assert!(config.rules.select.is_empty());
    }

    #[test]
    fn every_key() {
        let config = parse(
            r#"
select = ["placeholder", "contamination"]
ignore = ["placeholder/year-slot"]
fail-on = "error"
allow = ["XX光"]
extend-placeholders = ["某某单位"]
banned-phrases = ["综上所述", { phrase = "抓手", replacement = "着力点" }]
brands = ["哒哒范文"]

[severity]
"wording/typo" = "error"
contamination = "warning"

[per-file-ignores]
"templates/**" = ["placeholder"]

[required-sections]
"工作总结" = [{ name = "存在问题", keywords = ["存在问题", "不足"] }, { name = "下一步打算" }]
"#,
        )
        .unwrap();
        assert_eq!(config.rules.select, ["placeholder", "contamination"]);
        assert_eq!(config.rules.severity["wording/typo"], Severity::Error);
        assert_eq!(config.fail_on, Some(FailOn::Error));
        assert_eq!(
            config.words.banned_phrases[1],
            ("抓手".to_owned(), Some("着力点".to_owned()))
        );
        assert_eq!(
            config.required_sections["工作总结"][1].keywords(),
            ["下一步打算"]
        );
        assert!(
            config
                .settings_for(Path::new("templates/a/b.txt"))
                .ignore
                .contains(&"placeholder".to_owned())
        );
        assert!(
            !config
                .settings_for(Path::new("drafts/b.txt"))
                .ignore
                .contains(&"placeholder".to_owned())
        );
    }

    #[test]
    fn errors_name_the_line() {
        let unknown_key = parse("select = [\"placeholder\"]\n\ncolour = 1\n").unwrap_err();
        assert_eq!(unknown_key.line, Some(3), "{unknown_key}");
        assert!(
            unknown_key.to_string().starts_with("gwlint.toml:3: "),
            "{unknown_key}"
        );
        let unknown_rule =
            parse("select = [\n  \"placeholder\",\n  \"placeholder/nope\",\n]\n").unwrap_err();
        assert_eq!(unknown_rule.line, Some(3), "{unknown_rule}");
        let unknown_severity = parse("[severity]\n\"no/such\" = \"error\"\n").unwrap_err();
        assert_eq!(unknown_severity.line, Some(2), "{unknown_severity}");
        let bad_level = parse("[severity]\nplaceholder = \"fatal\"\n").unwrap_err();
        assert_eq!(bad_level.line, Some(2), "{bad_level}");
        let per_file = parse("[per-file-ignores]\n\"a/*\" = [\"nope\"]\n").unwrap_err();
        assert_eq!(per_file.line, Some(2), "{per_file}");
        // Ids of rules a configuration creates are known even without words.
        assert!(parse("ignore = [\"wording/banned-phrase\"]\n").is_ok());
    }
}
