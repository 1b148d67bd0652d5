//! Bytes → text. UTF-8 (with or without BOM) and UTF-16 with BOM are decoded;
//! anything else is refused with a reason the user can act on.

use std::fmt;

/// Why a file could not be read as text. Shown as one line after the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Binary,
    NotUtf8 { offset: usize },
    TooLarge { size: u64, limit: u64 },
    Other(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary => f.write_str("不是文本文件（含二进制内容）"),
            DecodeError::NotUtf8 { offset } => {
                write!(
                    f,
                    "第 {offset} 字节处不是有效的 UTF-8 编码，请用 --encoding 指定编码"
                )
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
    pub encoding: &'static encoding_rs::Encoding,
    pub bom: bool,
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(DecodeError::Other(format!(
                "含有无效的 {} 字节",
                encoding.name()
            )));
        }
        return Ok(Decoded {
            text: text.into_owned(),
            encoding,
            bom: true,
        });
    }
    // NUL bytes never occur in Chinese prose in UTF-8; they mark binaries.
    if memchr::memchr(0, bytes).is_some() {
        return Err(DecodeError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_owned(),
            encoding: encoding_rs::UTF_8,
            bom: false,
        }),
        Err(err) => Err(DecodeError::NotUtf8 {
            offset: err.valid_up_to(),
        }),
    }
}
