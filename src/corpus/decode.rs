//! Decode: a file's bytes into UTF-8 text whatever encoding the archive used (byte order mark,
//! else UTF-8, else detection), and the one rule that tells a binary file from text.
//!
//! Every reader of `corpus` goes through here: `.txt`, CSV and JSON decode the whole file
//! ([`decode`]), JSONL decides from the file's first bytes ([`sniff`]) and streams the rest
//! through [`DecodeReader`]. Only binary files are skipped ([`binary_verdict`]).

use std::borrow::Cow;
use std::io::Read;

use encoding_rs::{Encoding, UTF_8};

/// How many leading bytes the binary rule looks at.
pub const BINARY_SNIFF_BYTES: usize = 8192;
/// A file is binary when more than this share (in percent) of its first
/// [`BINARY_SNIFF_BYTES`] bytes are NUL or control bytes other than tab, LF, CR and FF.
pub const BINARY_PERCENT: usize = 5;
/// How many leading bytes of a file that is not UTF-8 the encoding detector reads.
const DETECT_BYTES: usize = 1024 * 1024;
/// How many leading bytes of a JSONL stream decide its encoding.
pub const STREAM_SNIFF_BYTES: usize = 64 * 1024;

/// Whether a byte counts against text: NUL, C0 controls other than tab, LF, FF, CR, and DEL.
fn is_control(byte: u8) -> bool {
    matches!(byte, 0..=8 | 11 | 14..=31 | 127)
}

/// Why a file is binary, as the warning says it, or `None` for text.
///
/// `prefix` is the start of the file. UTF-16 is text (half of its bytes are NUL in Latin
/// script), with a byte order mark or without one ([`utf16_without_bom`]).
pub fn binary_verdict(prefix: &[u8]) -> Option<String> {
    if let Some((encoding, _)) = Encoding::for_bom(prefix) {
        if encoding != UTF_8 {
            return None;
        }
    }
    if utf16_without_bom(prefix).is_some() {
        return None;
    }
    let sniffed = &prefix[..prefix.len().min(BINARY_SNIFF_BYTES)];
    if sniffed.is_empty() {
        return None;
    }
    let controls = sniffed.iter().filter(|&&b| is_control(b)).count();
    // Integer comparison: controls / len > BINARY_PERCENT / 100.
    if controls * 100 > BINARY_PERCENT * sniffed.len() {
        Some(format!(
            "binary file ({controls} of the first {} bytes are NUL or control bytes); skipped",
            sniffed.len()
        ))
    } else {
        None
    }
}

/// Text decoded from a file's bytes, and the encoding when it was not UTF-8.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text, without a byte order mark.
    pub text: Cow<'a, str>,
    /// What the warning says when the file was not UTF-8 (`None` for UTF-8, BOM or not).
    pub note: Option<String>,
}

/// Decodes a whole file: a byte order mark decides (UTF-8, UTF-16LE, UTF-16BE), else valid
/// UTF-8 is UTF-8, else the encoding is detected (`chardetng`, the detector Firefox uses) and
/// the file decoded with it. Never fails: bytes the encoding cannot map become U+FFFD.
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    decode_with(bytes, || None)
}

/// [`decode`], with `declared` asked for the encoding the file declares only when neither a
/// byte order mark nor the bytes themselves (UTF-16, UTF-8) decide; a declared encoding is
/// used without a note, detection otherwise.
fn decode_with(bytes: &[u8], declared: impl FnOnce() -> Option<&'static Encoding>) -> Decoded<'_> {
    let (encoding, bom, by_declaration) = decide_with(bytes, true, declared);
    let body = &bytes[bom..];
    if encoding == UTF_8 {
        return match std::str::from_utf8(body) {
            Ok(text) => Decoded {
                text: Cow::Borrowed(text),
                note: None,
            },
            // Only with a UTF-8 byte order mark over text that is not UTF-8 after all.
            Err(_) => Decoded {
                text: String::from_utf8_lossy(body),
                note: Some("not valid UTF-8 after its byte order mark; bad bytes replaced".into()),
            },
        };
    }
    let (text, _) = encoding.decode_without_bom_handling(body);
    Decoded {
        text,
        note: (!by_declaration).then(|| decoded_note(encoding, bom > 0)),
    }
}

/// How many leading bytes of an HTML page are searched for its declared charset (the HTML
/// standard's prescan looks at 1024; pages with long scripts in `<head>` declare it later).
const DECLARED_SNIFF_BYTES: usize = 8192;

/// Decodes a web page: a byte order mark decides, else text that is valid UTF-8 is UTF-8
/// (saved and archived pages are often re-encoded and keep their old declaration; bytes of
/// another encoding are almost never valid UTF-8 by chance), else the charset the page
/// declares (the `charset` of an HTTP `Content-Type` header, given as `declared`, else of a
/// `<meta charset>` or `http-equiv` tag in its first bytes), else as [`decode`] detects it.
pub fn decode_html<'a>(bytes: &'a [u8], declared: Option<&str>) -> Decoded<'a> {
    decode_with(bytes, || {
        declared
            .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
            .or_else(|| declared_charset(bytes))
            // Declared UTF-8 (or UTF-16, which a page cannot declare in ASCII) over bytes that
            // are not: the template's declaration, not the text's; detected instead.
            .filter(|encoding| encoding.output_encoding() != UTF_8)
    })
}

/// The encoding a page's `<meta charset="...">` or `<meta http-equiv="Content-Type"
/// content="...; charset=...">` names in its first bytes, when it is one encoding_rs knows.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(DECLARED_SNIFF_BYTES)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let start = from + at + 5;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(at) = find(tag, b"charset") {
            let rest = &tag[at + 7..];
            let rest = rest.trim_ascii_start();
            if let Some(value) = rest.strip_prefix(b"=") {
                let value = value.trim_ascii_start();
                let value = value.strip_prefix(b"\"").unwrap_or(value);
                let value = value.strip_prefix(b"'").unwrap_or(value);
                let label_end = value
                    .iter()
                    .position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                    .unwrap_or(value.len());
                if let Some(encoding) = Encoding::for_label(&value[..label_end]) {
                    return Some(encoding);
                }
            }
        }
        from = end;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The warning for a file decoded as `encoding`.
pub fn decoded_note(encoding: &'static Encoding, bom: bool) -> String {
    let why = if bom {
        "byte order mark"
    } else {
        "not valid UTF-8"
    };
    format!("decoded as {} ({why})", encoding.name())
}

/// The encoding of bytes that start a file, and the length of its byte order mark.
///
/// `whole` says that `bytes` is the whole file; otherwise a multi-byte character cut at the
/// end of `bytes` is not held against UTF-8.
pub fn sniff(bytes: &[u8], whole: bool) -> (&'static Encoding, usize) {
    let (encoding, bom, _) = decide_with(bytes, whole, || None);
    (encoding, bom)
}

/// The one order of evidence: a byte order mark, UTF-16 without one, valid UTF-8, what the
/// file declares (`declared`, asked only then; `true` in the answer when it decided), else
/// detection.
fn decide_with(
    bytes: &[u8],
    whole: bool,
    declared: impl FnOnce() -> Option<&'static Encoding>,
) -> (&'static Encoding, usize, bool) {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return (encoding, bom, false);
    }
    // Before the UTF-8 test: UTF-16 of Latin text is valid UTF-8, NUL bytes and all.
    if let Some(encoding) = utf16_without_bom(bytes) {
        return (encoding, 0, false);
    }
    let valid = match std::str::from_utf8(bytes) {
        Ok(_) => true,
        // A character cut by the end of the sample: valid so far.
        Err(err) => !whole && err.error_len().is_none(),
    };
    if valid {
        return (UTF_8, 0, false);
    }
    if let Some(encoding) = declared() {
        return (encoding, 0, true);
    }
    // The first megabyte tells the encoding as well as the whole file, at a fraction of the
    // cost for a large export.
    let sample = &bytes[..bytes.len().min(DETECT_BYTES)];
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(sample, whole && sample.len() == bytes.len());
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    // chardetng never guesses UTF-8 when told not to; this keeps the invariant in one place.
    if guess == UTF_8 {
        (encoding_rs::WINDOWS_1252, 0, false)
    } else {
        (guess, 0, false)
    }
}

/// UTF-16 without a byte order mark (as some Windows tools export text), little- or
/// big-endian, or `None`.
///
/// The rule, on the first [`BINARY_SNIFF_BYTES`] bytes: the sample holds a NUL or control
/// byte (real UTF-8 text holds none), and read as UTF-16 one way it is text: no unpaired
/// surrogate, at most 1% control characters, at least 5% spaces or line breaks (every
/// language that writes words apart; the other byte order of the same bytes turns them into
/// CJK or unassigned characters and fails this).
pub fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES) & !1];
    if sample.len() < 4 || !sample.iter().any(|&b| is_control(b)) {
        return None;
    }
    [encoding_rs::UTF_16LE, encoding_rs::UTF_16BE]
        .into_iter()
        .find(|&encoding| {
            let units = sample.chunks_exact(2).map(|pair| {
                if encoding == encoding_rs::UTF_16LE {
                    u16::from_le_bytes([pair[0], pair[1]])
                } else {
                    u16::from_be_bytes([pair[0], pair[1]])
                }
            });
            let (mut chars, mut controls, mut spaces) = (0usize, 0usize, 0usize);
            for unit in char::decode_utf16(units) {
                let Ok(c) = unit else {
                    return false;
                };
                chars += 1;
                match c {
                    ' ' | '\n' | '\r' | '\u{3000}' => spaces += 1,
                    '\t' | '\u{c}' => {}
                    c if c.is_control() => controls += 1,
                    _ => {}
                }
            }
            controls * 100 <= chars && spaces * 20 >= chars
        })
}

/// A reader that hands out UTF-8 decoded from `encoding` as it reads (for JSONL in UTF-16 or
/// a legacy encoding, read line by line without holding the file).
pub struct DecodeReader<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    in_start: usize,
    in_end: usize,
    output: Vec<u8>,
    out_start: usize,
    out_end: usize,
    eof: bool,
    done: bool,
}

impl<R: Read> DecodeReader<R> {
    /// Decodes `inner` (positioned after any byte order mark) as `encoding`.
    pub fn new(inner: R, encoding: &'static Encoding) -> DecodeReader<R> {
        DecodeReader {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            input: vec![0; 64 * 1024],
            in_start: 0,
            in_end: 0,
            output: vec![0; 3 * 64 * 1024 + 16],
            out_start: 0,
            out_end: 0,
            eof: false,
            done: false,
        }
    }
}

impl<R: Read> Read for DecodeReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if self.out_start < self.out_end {
                let n = buf.len().min(self.out_end - self.out_start);
                buf[..n].copy_from_slice(&self.output[self.out_start..self.out_start + n]);
                self.out_start += n;
                return Ok(n);
            }
            if self.done {
                return Ok(0);
            }
            if self.in_start == self.in_end && !self.eof {
                let n = self.inner.read(&mut self.input)?;
                self.in_start = 0;
                self.in_end = n;
                self.eof = n == 0;
            }
            let (result, read, written, _) = self.decoder.decode_to_utf8(
                &self.input[self.in_start..self.in_end],
                &mut self.output,
                self.eof,
            );
            self.in_start += read;
            self.out_start = 0;
            self.out_end = written;
            if self.eof
                && result == encoding_rs::CoderResult::InputEmpty
                && self.in_start == self.in_end
            {
                self.done = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_borrowed_without_a_note() {
        let decoded = decode("Straße, 5 €".as_bytes());
        assert!(matches!(decoded.text, Cow::Borrowed("Straße, 5 €")));
        assert_eq!(decoded.note, None);
        let bom = decode(b"\xef\xbb\xbfTitle");
        assert_eq!(bom.text, "Title");
        assert_eq!(bom.note, None);
    }

    #[test]
    fn windows_1252_curly_quotes_and_euro() {
        // “Prices” rose 5 € in the café’s menu.
        let bytes = b"\x93Prices\x94 rose 5 \x80 in the caf\xe9\x92s menu, the owner said.";
        let decoded = decode(bytes);
        assert_eq!(
            decoded.text,
            "\u{201c}Prices\u{201d} rose 5 \u{20ac} in the caf\u{e9}\u{2019}s menu, the owner said."
        );
        assert_eq!(
            decoded.note.as_deref(),
            Some("decoded as windows-1252 (not valid UTF-8)")
        );
    }

    #[test]
    fn utf16_without_a_bom_either_way_is_text_and_decoded() {
        let text = "Zelensky met Biden in Kyiv.\nЗеленський зустрівся з Байденом у Києві.\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            assert_eq!(binary_verdict(&bytes), None, "{name}");
            let decoded = decode(&bytes);
            assert_eq!(decoded.text, text, "{name}");
            assert_eq!(
                decoded.note.as_deref(),
                Some(format!("decoded as {name} (not valid UTF-8)").as_str())
            );
        }
    }

    #[test]
    fn binary_bytes_are_not_taken_for_utf16() {
        // Pseudo-random bytes (a compressed or image file): unpaired surrogates or controls
        // in either byte order.
        let mut state = 0x2545_f491_u32;
        let bytes: Vec<u8> = (0..4096)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                state as u8
            })
            .collect();
        assert_eq!(utf16_without_bom(&bytes), None);
        assert!(binary_verdict(&bytes).is_some());
        // UTF-8 text has no NUL or control byte, so it is never asked.
        assert_eq!(utf16_without_bom("Plain text, no NULs.".as_bytes()), None);
    }

    #[test]
    fn latin1_text_is_decoded() {
        let bytes = b"Le gouvernement fran\xe7ais a annonc\xe9 des r\xe9formes \xe0 l'\xe9t\xe9.";
        let decoded = decode(bytes);
        assert_eq!(
            decoded.text,
            "Le gouvernement français a annoncé des réformes à l'été."
        );
        assert!(decoded.note.unwrap().starts_with("decoded as windows-1252"));
    }

    #[test]
    fn utf16_with_a_bom_either_way() {
        let text = "Grain deal “extended” – 5 €";
        let mut le = vec![0xff, 0xfe];
        let mut be = vec![0xfe, 0xff];
        for unit in text.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            assert_eq!(binary_verdict(&bytes), None, "{name}");
            let decoded = decode(&bytes);
            assert_eq!(decoded.text, text);
            assert_eq!(
                decoded.note.unwrap(),
                format!("decoded as {name} (byte order mark)")
            );
        }
    }

    #[test]
    fn the_binary_rule_on_both_sides_of_its_share() {
        // 100 bytes with 5 control bytes: 5%, text. With 6: binary.
        let mut text = vec![b'a'; 100];
        for byte in &mut text[..5] {
            *byte = 0x01;
        }
        assert_eq!(binary_verdict(&text), None);
        text[5] = 0;
        assert_eq!(
            binary_verdict(&text).unwrap(),
            "binary file (6 of the first 100 bytes are NUL or control bytes); skipped"
        );
        // Tab, LF, CR and FF are text, however many.
        assert_eq!(binary_verdict(b"\t\n\r\x0c\t\n\r\x0c"), None);
        // Only the first 8 KB count: controls after them do not make a file binary.
        let mut late = vec![b'a'; BINARY_SNIFF_BYTES];
        late.extend(std::iter::repeat_n(0u8, 4096));
        assert_eq!(binary_verdict(&late), None);
        // Bytes 0x80-0xFF are legacy-encoded letters, never control bytes.
        let high: Vec<u8> = (0x80..=0xffu8).collect();
        assert_eq!(binary_verdict(&high), None);
    }

    #[test]
    fn a_sniffed_prefix_may_end_inside_a_character() {
        let bytes = "é".repeat(10).into_bytes();
        let cut = &bytes[..bytes.len() - 1];
        assert_eq!(sniff(cut, false).0, UTF_8);
        assert_ne!(sniff(cut, true).0, UTF_8);
    }

    #[test]
    fn decode_reader_streams_utf16_as_utf8() {
        let text = "line one “quoted”\nline two €\n".repeat(5000);
        let mut bytes = Vec::new();
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let mut out = String::new();
        DecodeReader::new(&bytes[..], encoding_rs::UTF_16LE)
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, text);
    }

    #[test]
    fn a_page_is_decoded_by_its_bom_then_its_declaration_then_detection() {
        // "Café" declared as windows-1252 in a meta tag, an http-equiv tag and an HTTP header.
        let meta = b"<html><head><meta charset=\"windows-1252\"></head><p>Caf\xe9</p>";
        let equiv =
            b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'><p>Caf\xe9";
        for bytes in [&meta[..], &equiv[..]] {
            let decoded = decode_html(bytes, None);
            assert!(decoded.text.contains("Café"), "{}", decoded.text);
            assert_eq!(decoded.note, None);
        }
        let koi8 = b"<p>\xf0\xd2\xc9\xd7\xc5\xd4</p>";
        assert_eq!(decode_html(koi8, Some("koi8-r")).text, "<p>Привет</p>");
        // A declaration of UTF-8 over bytes that are not: detected, with the usual note.
        let liar = b"<meta charset=utf-8><p>Caf\xe9 cr\xe8me br\xfbl\xe9e</p>";
        let decoded = decode_html(liar, None);
        assert!(
            decoded.text.contains("Café crème brûlée"),
            "{}",
            decoded.text
        );
        assert!(decoded.note.is_some());
        // A byte order mark, or text that is UTF-8, beats the declaration.
        let bom = b"\xef\xbb\xbf<meta charset=windows-1252><p>Caf\xc3\xa9";
        assert!(decode_html(bom, None).text.contains("Café"));
        assert!(decode_html(&bom[3..], Some("gb2312")).text.contains("Café"));
        assert_eq!(declared_charset(b"<meta name=charset content=x>"), None);
    }
}
