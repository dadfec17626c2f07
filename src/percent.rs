//! Percent-encoding (RFC 3986) for the two places almanac speaks in URLs:
//! the language server's `file:` URIs and the paths `serve` answers. One
//! decoder and one encoder, so both read `%2F` and `%E4%B8%AD` alike and
//! neither grows its own idea of which bytes stay as they are.

/// The bytes of `s` with each `%XX` decoded; `None` for a `%` not followed
/// by two hexadecimal digits.
pub fn decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// `s` with every byte but the unreserved ones (letters, digits, `-._~`)
/// and those in `keep` written as `%XX`.
pub fn encode(s: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_and_decoding_are_inverse_for_any_text() {
        for s in ["plans/2026 计划.toml", "a%b/c?d#e", "~-._", ""] {
            assert_eq!(decode(&encode(s, b"")), Some(s.as_bytes().to_vec()));
            assert_eq!(decode(&encode(s, b"/")), Some(s.as_bytes().to_vec()));
        }
        assert_eq!(encode("a b/c", b"/"), "a%20b/c");
        assert_eq!(encode("a b/c", b""), "a%20b%2Fc");
    }

    #[test]
    fn a_bad_escape_is_refused() {
        assert_eq!(decode("%2"), None);
        assert_eq!(decode("%zz"), None);
        assert_eq!(decode("%%41"), None);
        assert_eq!(decode("%+1"), None, "from_str_radix would take the sign");
        assert_eq!(decode("%e4%b8%ad"), Some("中".as_bytes().to_vec()));
    }
}
