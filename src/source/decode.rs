//! Bytes → text. UTF-8 (with or without BOM), UTF-16 with BOM and, without
//! any label, GB18030/GBK (what older Chinese office systems write) are
//! decoded; anything else is refused with a reason the user can act on.
//!
//! Detection order, chosen so that a real UTF-8 file is never mistaken for
//! GB18030: BOM → forced encoding (`--encoding`) → valid UTF-8 → a file that
//! is *mostly* UTF-8 is reported as broken UTF-8 (with the line of the bad
//! byte) → GB18030 when it decodes without a single error and looks Chinese →
//! refused.

use std::fmt;

use encoding_rs::Encoding;

/// Why a file could not be read as text. Shown as one line after the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Binary,
    /// A UTF-8 file with invalid bytes: 1-based line and 0-based byte offset
    /// of the first one.
    NotUtf8 {
        offset: usize,
        line: usize,
    },
    /// Neither UTF-8 nor GB18030; `guess` is what the detector thought it was.
    Unrecognised {
        guess: &'static str,
    },
    /// `--encoding` was given but the bytes are not valid in it.
    InvalidIn {
        encoding: &'static str,
        offset: usize,
    },
    TooLarge {
        size: u64,
        limit: u64,
    },
    Other(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary => f.write_str("不是文本文件（含二进制内容）"),
            DecodeError::NotUtf8 { offset, line } => write!(
                f,
                "第 {line} 行（第 {offset} 字节）处不是有效的 UTF-8 编码，文件可能已损坏；如确为其他编码，请用 --encoding 指定"
            ),
            DecodeError::Unrecognised { guess } => write!(
                f,
                "不是可识别的文本编码（不是 UTF-8、UTF-16 或 GB18030/GBK，像是 {guess}），请用 --encoding 指定编码"
            ),
            DecodeError::InvalidIn { encoding, offset } => {
                write!(f, "第 {offset} 字节处不是有效的 {encoding} 编码")
            }
            DecodeError::TooLarge { size, limit } => {
                write!(f, "文件过大（{size} 字节，上限 {limit} 字节）")
            }
            DecodeError::Other(msg) => f.write_str(msg),
        }
    }
}

/// The decoded text, the encoding it came in and whether it had a BOM.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    pub bom: bool,
}

/// Decode with detection (see the module comment).
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_as(bytes, None)
}

/// Decode, in `forced` when given (a BOM still wins: it cannot lie).
pub fn decode_as(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let text = decode_strict(encoding, &bytes[bom_len..]).map_err(|offset| {
            DecodeError::InvalidIn {
                encoding: encoding.name(),
                offset: offset + bom_len,
            }
        })?;
        return checked(Decoded {
            text,
            encoding,
            bom: true,
        });
    }
    if let Some(encoding) = forced {
        let text = decode_strict(encoding, bytes).map_err(|offset| DecodeError::InvalidIn {
            encoding: encoding.name(),
            offset,
        })?;
        return checked(Decoded {
            text,
            encoding,
            bom: false,
        });
    }
    // NUL bytes never occur in Chinese prose in UTF-8 or GB18030; they mark
    // binaries (and BOM-less UTF-16, which we do not guess).
    if memchr::memchr(0, bytes).is_some() {
        return Err(match utf16_without_bom(bytes) {
            Some(encoding) => DecodeError::Other(format!(
                "像是没有 BOM 的 UTF-16 文本，请用 --encoding {} 指定编码",
                encoding.name().to_ascii_lowercase()
            )),
            None => DecodeError::Binary,
        });
    }
    // Validated by SIMD (simdutf8, several times std's speed on Chinese
    // text, where every character is three bytes); a file that fails is
    // validated again by std, which says where.
    let as_utf8 = |text: &str| {
        checked(Decoded {
            text: text.to_owned(),
            encoding: encoding_rs::UTF_8,
            bom: false,
        })
    };
    let utf8_error = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => return as_utf8(text),
        Err(_) => match std::str::from_utf8(bytes) {
            Ok(text) => return as_utf8(text),
            Err(e) => e,
        },
    };
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    if guess == encoding_rs::UTF_8 || mostly_utf8(bytes) {
        let offset = utf8_error.valid_up_to();
        let line = memchr::memchr_iter(b'\n', &bytes[..offset]).count() + 1;
        return Err(DecodeError::NotUtf8 { offset, line });
    }
    // Big5, Shift_JIS, EUC-KR… bytes often decode as (wrong) Han in GB18030:
    // when the detector names another CJK encoding, trust it.
    let other_cjk = [
        encoding_rs::BIG5,
        encoding_rs::SHIFT_JIS,
        encoding_rs::EUC_JP,
        encoding_rs::EUC_KR,
    ]
    .contains(&guess);
    if let Ok(text) = decode_strict(encoding_rs::GB18030, bytes)
        && (guess == encoding_rs::GBK
            || guess == encoding_rs::GB18030
            || (!other_cjk && looks_chinese(&text)))
    {
        return checked(Decoded {
            text,
            encoding: encoding_rs::GB18030,
            bom: false,
        });
    }
    Err(DecodeError::Unrecognised {
        guess: guess.name(),
    })
}

/// BOM-less UTF-16 that reads as Chinese or plain ASCII text: say so
/// rather than "binary" (we do not guess it: too easy to be wrong).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    [encoding_rs::UTF_16LE, encoding_rs::UTF_16BE]
        .into_iter()
        .find(|encoding| {
            decode_strict(encoding, bytes).is_ok_and(|text| {
                let control = text
                    .chars()
                    .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                    .count();
                control == 0 && (looks_chinese(&text) || text.is_ascii())
            })
        })
}

/// Look an encoding up by its WHATWG label (`gb18030`, `gbk`, `utf-16le`…).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decode without replacement characters: `Err(offset)` of the first
/// malformed sequence (approximate for multi-byte encodings).
fn decode_strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .ok_or(0usize)?;
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(text),
        encoding_rs::DecoderResult::Malformed(bad, after) => {
            Err(read.saturating_sub(bad as usize + after as usize))
        }
        // Cannot happen with the capacity asked for; refuse rather than panic.
        encoding_rs::DecoderResult::OutputFull => Err(read),
    }
}

/// More than 95% of the non-ASCII bytes sit in valid UTF-8 sequences: a
/// UTF-8 file with a few damaged bytes, not a file in another encoding.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut good_non_ascii = 0usize;
    let mut bad = 0usize;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good_non_ascii += s.len() - s.chars().filter(char::is_ascii).count();
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                let valid = std::str::from_utf8(valid).unwrap_or_default();
                good_non_ascii += valid.len() - valid.chars().filter(char::is_ascii).count();
                let skip = e.error_len().unwrap_or(after.len()).max(1);
                bad += skip;
                rest = &after[skip.min(after.len())..];
            }
        }
    }
    good_non_ascii > 0 && bad * 20 < good_non_ascii + bad
}

/// Most non-ASCII characters are Han or CJK punctuation.
fn looks_chinese(text: &str) -> bool {
    let mut cjk = 0usize;
    let mut other = 0usize;
    for c in text.chars().filter(|c| !c.is_ascii()) {
        match c {
            '\u{4e00}'..='\u{9fff}'
            | '\u{3000}'..='\u{303f}'
            | '\u{ff00}'..='\u{ffef}'
            | '\u{2010}'..='\u{206f}' => cjk += 1,
            _ => other += 1,
        }
    }
    cjk > 0 && other * 4 < cjk
}

/// Refuse decoded text that is mostly control characters: a binary that
/// happened to decode (no NUL bytes, valid in some encoding).
fn checked(decoded: Decoded) -> Result<Decoded, DecodeError> {
    // Controls are C0 (but tab, line feed, carriage return, form feed), DEL
    // and C1 (`C2 80..9F` in UTF-8). This runs on every file, so the common
    // case — none at all — is decided by a branch-free pass over 64-byte
    // chunks that the compiler vectorises.
    let c0_or_del = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F;
    let bytes = decoded.text.as_bytes();
    let any_c0 = bytes
        .chunks(64)
        .any(|chunk| chunk.iter().fold(false, |seen, &b| seen | c0_or_del(b)));
    if !any_c0 && memchr::memchr(0xC2, bytes).is_none() {
        return Ok(decoded);
    }
    let c0 = bytes.iter().filter(|&&b| c0_or_del(b)).count();
    let c1 = decoded
        .text
        .chars()
        .filter(|c| ('\u{80}'..='\u{9f}').contains(c))
        .count();
    let control = c0 + c1;
    if control > 0 && control * 50 > decoded.text.chars().count() {
        return Err(DecodeError::Binary);
    }
    Ok(decoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DRAFT: &str = "全年完成材料35篇，截至目前完成。\n二是加强学习。\n";

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(DRAFT.as_bytes()).unwrap();
        assert_eq!(
            (plain.text.as_str(), plain.encoding, plain.bom),
            (DRAFT, encoding_rs::UTF_8, false)
        );
        let with_bom = decode(&[b"\xef\xbb\xbf", DRAFT.as_bytes()].concat()).unwrap();
        assert_eq!((with_bom.text.as_str(), with_bom.bom), (DRAFT, true));
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xff, 0xfe];
        bytes.extend(DRAFT.encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&bytes).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.bom),
            (DRAFT, encoding_rs::UTF_16LE, true)
        );
    }

    #[test]
    fn gb18030_without_label_is_detected() {
        let (bytes, _, _) = encoding_rs::GB18030.encode(DRAFT);
        let d = decode(&bytes).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.bom),
            (DRAFT, encoding_rs::GB18030, false)
        );
    }

    #[test]
    fn short_gbk_texts_are_detected() {
        for text in [
            "部份",
            "材料XX篇。",
            "二〇二四年工作总结\r\n",
            "截止目前，全年完成材料35篇（其中简报12篇）。",
        ] {
            let (bytes, _, _) = encoding_rs::GBK.encode(text);
            let d = decode(&bytes).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!((d.text.as_str(), d.encoding), (text, encoding_rs::GB18030));
        }
    }

    #[test]
    fn a_damaged_utf8_file_names_the_line() {
        let mut bytes = DRAFT.repeat(5).into_bytes();
        let at = DRAFT.len() * 2 + 3;
        bytes[at] = 0xff;
        let err = decode(&bytes).unwrap_err();
        // Two lines per draft: the byte is on the first line of the third copy.
        assert_eq!(
            err,
            DecodeError::NotUtf8 {
                offset: at,
                line: 5
            }
        );
        assert!(err.to_string().contains("第 5 行"), "{err}");
    }

    #[test]
    fn forced_encoding_and_labels() {
        let (bytes, _, _) = encoding_rs::GB18030.encode(DRAFT);
        let gbk = encoding_for_label("GBK").unwrap();
        assert_eq!(decode_as(&bytes, Some(gbk)).unwrap().text, DRAFT);
        assert!(matches!(
            decode_as(b"ab\xff\xff", Some(encoding_rs::UTF_8)),
            Err(DecodeError::InvalidIn { offset: 2, .. })
        ));
        assert!(encoding_for_label("no-such-encoding").is_none());
    }

    #[test]
    fn utf16_without_bom_gets_a_hint() {
        let bytes: Vec<u8> = DRAFT.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let err = decode(&bytes).unwrap_err().to_string();
        assert!(err.contains("--encoding utf-16le"), "{err}");
        assert_eq!(
            decode_as(&bytes, Some(encoding_rs::UTF_16LE)).unwrap().text,
            DRAFT
        );
    }

    #[test]
    fn binaries_are_refused() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err(),
            DecodeError::Binary
        );
        let controls: Vec<u8> = (1u8..32).cycle().take(300).collect();
        assert_eq!(decode(&controls).unwrap_err(), DecodeError::Binary);
        assert!(decode(b"").unwrap().text.is_empty());
    }
}
