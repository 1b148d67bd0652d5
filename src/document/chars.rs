//! Character classes of Chinese text, for the punctuation, number and
//! layout rules: what counts as a Han character, which marks open and
//! close, and the characters next to an offset.

pub use crate::document::tokens::is_han;

/// Full-width marks that open a quotation, title or parenthesis.
pub fn is_cjk_opening(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '《' | '〈' | '（' | '【' | '〔' | '「' | '『'
    )
}

/// Full-width marks that close a quotation, title or parenthesis.
pub fn is_cjk_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '》' | '〉' | '）' | '】' | '〕' | '」' | '』'
    )
}

/// Full-width 点号 (GB/T 15834-2011 §3.2: 句号、问号、叹号、逗号、顿号、分号、冒号).
pub fn is_cjk_stop(c: char) -> bool {
    matches!(c, '。' | '？' | '！' | '，' | '、' | '；' | '：')
}

/// The marks that end a sentence, full- and half-width: 句号、问号、叹号
/// (GB/T 15834-2011 §4.1–4.3).
pub const SENTENCE_ENDS: [char; 5] = ['。', '！', '？', '!', '?'];

/// The full-width marks that end a sentence, for text that is Chinese by
/// construction (a heading, an announcement's clause).
pub const FULL_SENTENCE_ENDS: [char; 3] = ['。', '！', '？'];

/// The full-width marks that close a sentence or one of its 分句 (分号):
/// where a "first sentence" or a quoted claim ends.
pub const CLAUSE_ENDS: [char; 4] = ['。', '！', '？', '；'];

/// Any full-width punctuation mark of Chinese text.
pub fn is_cjk_punct(c: char) -> bool {
    is_cjk_stop(c) || is_cjk_opening(c) || is_cjk_closing(c) || matches!(c, '…' | '—' | '·')
}

/// Chinese text: a Han character or a full-width mark.
pub fn is_chinese(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// The character ending right before byte `at`.
pub fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

/// The character starting at byte `at`.
pub fn char_at(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// Whether `c` ends a line (`\n`, `\r`).
pub fn is_line_break(c: char) -> bool {
    c == '\n' || c == '\r'
}
