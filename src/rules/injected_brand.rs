//! contamination/injected-brand
//!
//! ## What it does
//! Finds the brand a template site advertises in its footer (`公众号：某某君`)
//! and flags every other place that name appears in the text.
//!
//! ## Why is this bad?
//! Sites that sell drafts plant their brand inside sentences
//! (`提升综合某某君的政治性`) to mark copies. The word makes the sentence
//! nonsense and tells every reader where the draft came from.
//!
//! ## Example
//! ```text
//! 不断提升综合哒哒君的政治性。      ← flagged: 哒哒君
//! 来自：【公众号：哒哒君】            ← the advert (contamination/ad-contact)
//! ```
//! Source: template-site residue observed in shared/research/domain.md §5.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Severity, TextRange};
use crate::document::Document;
use crate::rules::{Rule, RuleMeta, delete_fix};

/// `公众号：NAME`, `微信公众号：NAME`, `关注“NAME”`: where adverts name their brand.
static BRAND_AD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:微信公众号|公众号|微信号)\s*[:：]\s*[“”\x22【]?(?P<name>\p{Han}{2,10})|关注(?:公众号)?[“\x22](?P<quoted>\p{Han}{2,10})[”\x22]")
        .expect("valid brand regex")
});

pub struct InjectedBrand {
    meta: RuleMeta,
}

impl InjectedBrand {
    pub fn new() -> Self {
        Self {
            meta: RuleMeta {
                id: "contamination/injected-brand",
                default_severity: Severity::Error,
                summary: "正文中出现模板网站广告的品牌词",
                explanation: "模板网站在文末广告中署名（如“公众号：某某君”），并把同一名称植入正文句子中作暗记。\
这个词使句子不通，也暴露稿件来源，应删去。\n来源：shared/research/domain.md §5（模板网站残留）。",
                bad: vec![
                    "不断提升综合哒哒君的政治性。\n来自：【公众号：哒哒君】，最新最全资料库\n",
                ],
                good: vec!["不断提升综合文稿的政治性。\n发挥微信公众号等新媒体作用。\n"],
                needs_tokens: false,
                fixable: true,
            },
        }
    }
}

impl Default for InjectedBrand {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for InjectedBrand {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document<'_>, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        let mut brands: Vec<&str> = Vec::new();
        for caps in BRAND_AD.captures_iter(text) {
            let Some(name) = caps.name("name").or_else(|| caps.name("quoted")) else {
                continue;
            };
            if !brands.contains(&name.as_str()) {
                brands.push(name.as_str());
            }
        }
        for brand in brands {
            for (start, found) in text.match_indices(brand) {
                let range = TextRange::new(start, start + found.len());
                // The advert itself is reported by the ad rules; the linter
                // drops this finding when an ad finding contains it.
                let mut diagnostic = self
                    .meta
                    .diagnostic(range, format!("正文中出现模板网站的品牌词“{brand}”"));
                diagnostic.help = Some(format!("删去“{brand}”，并检查这句话是否通顺"));
                diagnostic.fix = Some(delete_fix(doc, range));
                out.push(diagnostic);
            }
        }
    }
}
