//! jieba word segmentation, built once per process and only on demand:
//! building the dictionary costs ~75 ms, more than linting a whole draft.

use std::sync::LazyLock;

use jieba_rs::Jieba;

use crate::diagnostic::TextRange;

static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// A word as jieba cut it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub range: TextRange,
}

pub fn tokenize(text: &str) -> Vec<Token> {
    JIEBA
        .cut(text, true)
        .into_iter()
        .map(|token| Token {
            range: TextRange::new(token.byte_start, token.byte_end),
        })
        .collect()
}
