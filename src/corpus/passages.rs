//! Splitting an article body into passages: paragraphs, sentence windows and merged fragments.
//!
//! The steps, all linear in the body length and free of regular expressions:
//!
//! 1. **Paragraphs.** Blank lines always separate paragraphs. Inside a block of non-blank
//!    lines, the newlines are soft (hard-wrapped text, as in Reuters wires) when the lines
//!    look wrapped: at most ~100 chars each, two thirds of the non-last lines 40–90 chars
//!    long, and at most half of them ending a sentence. Otherwise every line is its own
//!    paragraph (as in bodies that separate paragraphs with single newlines). A line that
//!    starts a list item (`* `, `- `, `• `) always starts a new paragraph.
//! 2. **De-duplication.** A paragraph whose trimmed text equals an earlier unit is dropped.
//!    A paragraph that merely *starts with* the previous paragraph or the lead paragraph
//!    (at least [`FRAGMENT_BYTES`] long, followed by whitespace) keeps only the text after
//!    that repeated prefix, so the repeated lead is indexed once; if nothing is left it is
//!    dropped. Only those two earlier paragraphs are compared for prefixes, which keeps the
//!    step linear; exact duplicates are found with a hash set.
//! 3. **Windows.** A paragraph longer than [`WINDOW_MAX`] bytes is cut at sentence ends into
//!    windows of roughly [`WINDOW_TARGET`] bytes. A sentence longer than a window is cut at
//!    whitespace only when no sentence end is near; text with no whitespace is never cut.
//! 4. **Groups.** A unit shorter than [`SHORT_BYTES`] (a one-sentence paragraph of wire
//!    copy, a salutation, a dateline, a table row) is too little text to rank or show on its
//!    own: it is grouped with the units after it until the group is [`WINDOW_TARGET`] bytes
//!    long or a longer unit joins it, as long as the group stays within [`WINDOW_MAX`]
//!    bytes (a fragment shorter than [`FRAGMENT_BYTES`] joins its neighbour regardless).
//!    So passages are about as long whether they are paragraphs, windows or groups, and
//!    BM25's length normalisation no longer favours a one-line paragraph over the longer one
//!    that holds the statement. A group still shorter than [`FRAGMENT_BYTES`] at the end
//!    joins the previous passage.

use std::collections::HashSet;

/// Units shorter than this many bytes are fragments, merged with a neighbour in any case.
pub const FRAGMENT_BYTES: usize = 80;
/// Units shorter than this many bytes are grouped with the units after them.
pub const SHORT_BYTES: usize = 200;
/// Preferred length in bytes of a sentence window cut from a long paragraph.
pub const WINDOW_TARGET: usize = 650;
/// Paragraphs longer than this many bytes are cut into sentence windows.
pub const WINDOW_MAX: usize = 900;

/// A window never ends closer than this to its start or to the paragraph end.
const CUT_MARGIN: usize = 200;
/// A single sentence up to this long is kept whole rather than cut at whitespace.
const LONG_SENTENCE: usize = 1800;
/// Abbreviations whose trailing period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "Ft", "Gen", "Col", "Lt", "Sgt",
    "Capt", "Cmdr", "Adm", "Maj", "Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "Amb", "No", "Nos",
    "Vol", "Art", "Fig", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec", "approx", "vs", "cf", "e.g", "i.e", "Messrs", "Mme", "Mlle",
];

/// One passage of a body: its position among the article's passages and its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Passage {
    /// Position of the passage in the article, from 0.
    pub ordinal: u32,
    /// Byte offset where the passage starts (on a char boundary, not whitespace).
    pub start: usize,
    /// Byte offset just past the passage's last non-whitespace char.
    pub end: usize,
}

/// Split `body` into passages in reading order; an empty or blank body gives none.
pub fn split_passages(body: &str) -> Vec<Passage> {
    let mut paragraphs = Vec::new();
    find_paragraphs(body, &mut paragraphs);

    let mut builder = Builder::new(body);
    let mut boundaries = Vec::new();
    let mut lead: Option<(usize, usize)> = None;
    let mut previous: Option<(usize, usize)> = None;
    for &(start, end) in &paragraphs {
        let text = &body[start..end];
        if builder.seen.contains(text) {
            builder.skip();
            continue;
        }
        let mut start = start;
        for earlier in [previous, lead].into_iter().flatten() {
            let prefix = &body[earlier.0..earlier.1];
            if prefix.len() >= FRAGMENT_BYTES
                && text.len() > prefix.len()
                && text.starts_with(prefix)
                && text[prefix.len()..].starts_with(char::is_whitespace)
            {
                start += prefix.len()
                    + (text.len() - prefix.len() - text[prefix.len()..].trim_start().len());
                builder.skip();
                break;
            }
        }
        if lead.is_none() {
            lead = Some((start, end));
        }
        previous = Some((start, end));
        if end - start > WINDOW_MAX {
            sentence_ends(body, start, end, &mut boundaries);
            cut_windows(body, start, end, &boundaries, &mut builder);
        } else {
            builder.unit(start, end);
        }
    }
    builder.finish()
}

/// Collects units, drops exact duplicates and groups short units.
///
/// Merging never spans a dropped duplicate: a passage's range covers only kept text.
struct Builder<'a> {
    body: &'a str,
    seen: HashSet<&'a str>,
    /// A group of short units waiting for more: range and whether it directly follows the
    /// last passage.
    pending: Option<(usize, usize, bool)>,
    /// Whether nothing was dropped since the last passage.
    adjacent: bool,
    out: Vec<Passage>,
}

impl<'a> Builder<'a> {
    fn new(body: &'a str) -> Self {
        Builder {
            body,
            seen: HashSet::new(),
            pending: None,
            adjacent: true,
            out: Vec::new(),
        }
    }

    /// Add one paragraph or window, trimmed; exact duplicates of earlier units are dropped.
    fn unit(&mut self, start: usize, end: usize) {
        let body: &'a str = self.body;
        if start >= end {
            return;
        }
        if !self.seen.insert(&body[start..end]) {
            self.skip();
            return;
        }
        let short = end - start < SHORT_BYTES;
        match self.pending.take() {
            Some((p_start, p_end, joins)) => {
                let combined = end - p_start;
                if combined <= WINDOW_MAX || p_end - p_start < FRAGMENT_BYTES {
                    if short && combined < WINDOW_TARGET {
                        self.pending = Some((p_start, end, joins));
                    } else {
                        self.push(p_start, end);
                    }
                } else {
                    // Too long together: the group stands alone.
                    self.push(p_start, p_end);
                    if short {
                        self.pending = Some((start, end, true));
                    } else {
                        self.push(start, end);
                    }
                }
            }
            None if short => self.pending = Some((start, end, self.adjacent)),
            None => self.push(start, end),
        }
    }

    /// Note that text was dropped here, so nothing merges across it.
    fn skip(&mut self) {
        self.flush_pending();
        self.adjacent = false;
    }

    fn push(&mut self, start: usize, end: usize) {
        let ordinal = u32::try_from(self.out.len()).unwrap_or(u32::MAX);
        self.out.push(Passage {
            ordinal,
            start,
            end,
        });
        self.adjacent = true;
    }

    /// A pending group joins the previous passage if a mere fragment and adjacent, else
    /// stands alone.
    fn flush_pending(&mut self) {
        if let Some((start, end, joins)) = self.pending.take() {
            match self.out.last_mut() {
                Some(last) if joins && end - start < FRAGMENT_BYTES => last.end = end,
                _ => self.push(start, end),
            }
        }
    }

    fn finish(mut self) -> Vec<Passage> {
        self.flush_pending();
        self.out
    }
}

/// `body` with the line breaks inside hard-wrapped paragraphs (the ones [`split_passages`]
/// joins) turned into spaces, byte for byte, so that offsets into the result are offsets
/// into `body`. Name finders then see "Michael\nArmacost" as "Michael Armacost". Bodies
/// without wrapped paragraphs are borrowed unchanged.
pub fn unwrap_lines(body: &str) -> std::borrow::Cow<'_, str> {
    let mut paragraphs = Vec::new();
    find_paragraphs(body, &mut paragraphs);
    let bytes = body.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    for &(start, end) in &paragraphs {
        for (i, &b) in bytes[start..end].iter().enumerate() {
            if b == b'\n' || b == b'\r' {
                out.get_or_insert_with(|| bytes.to_vec())[start + i] = b' ';
            }
        }
    }
    match out {
        // Only ASCII line breaks were replaced by ASCII spaces: still UTF-8.
        Some(bytes) => std::borrow::Cow::Owned(String::from_utf8(bytes).unwrap_or_default()),
        None => std::borrow::Cow::Borrowed(body),
    }
}

/// One non-blank line: trimmed byte range and the facts used to classify its block.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    chars: usize,
    ends_sentence: bool,
    list_item: bool,
}

/// Push the trimmed byte range of every paragraph of `body`.
fn find_paragraphs(body: &str, out: &mut Vec<(usize, usize)>) {
    let bytes = body.as_bytes();
    let mut block: Vec<Line> = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let line_end = bytes[pos..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(bytes.len(), |i| pos + i);
        let next = match bytes.get(line_end) {
            Some(b'\r') if bytes.get(line_end + 1) == Some(&b'\n') => line_end + 2,
            Some(_) => line_end + 1,
            None => line_end,
        };
        let raw = &body[pos..line_end];
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            flush_block(&block, out);
            block.clear();
        } else {
            let start = pos + (raw.len() - raw.trim_start().len());
            block.push(Line {
                start,
                end: start + trimmed.len(),
                chars: trimmed.chars().count(),
                ends_sentence: ends_sentence(trimmed),
                list_item: is_list_item(trimmed),
            });
        }
        pos = next;
    }
    flush_block(&block, out);
}

/// Emit the paragraphs of one block of consecutive non-blank lines.
fn flush_block(block: &[Line], out: &mut Vec<(usize, usize)>) {
    let Some(first) = block.first() else { return };
    if !is_hard_wrapped(block) {
        out.extend(block.iter().map(|l| (l.start, l.end)));
        return;
    }
    let mut start = first.start;
    let mut end = first.end;
    for line in &block[1..] {
        if line.list_item {
            out.push((start, end));
            start = line.start;
        }
        end = line.end;
    }
    out.push((start, end));
}

/// Whether the newlines inside a block are line wrapping rather than paragraph breaks.
fn is_hard_wrapped(block: &[Line]) -> bool {
    let Some((_, inner)) = block.split_last() else {
        return false;
    };
    if inner.is_empty() || block.iter().any(|l| l.chars > 100) {
        return false;
    }
    let wrapped = inner
        .iter()
        .filter(|l| (40..=90).contains(&l.chars))
        .count();
    let ending = inner.iter().filter(|l| l.ends_sentence).count();
    wrapped * 3 >= inner.len() * 2 && ending * 2 <= inner.len()
}

/// Whether a trimmed line ends with sentence punctuation (possibly before a closing quote).
fn ends_sentence(line: &str) -> bool {
    let core = line.trim_end_matches(['"', '\'', ')', '”', '’', '»']);
    core.ends_with(['.', '!', '?', '…', ':'])
}

/// Whether a trimmed line starts a bulleted list item.
fn is_list_item(line: &str) -> bool {
    ["* ", "- ", "• ", "– ", "— "]
        .iter()
        .any(|m| line.starts_with(m))
}

/// Fill `out` with the sentence ends in `body[start..end]`, as (end of sentence, start of the next).
fn sentence_ends(body: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let bytes = body.as_bytes();
    let mut i = start;
    while i < end {
        let b = bytes[i];
        let term = match b {
            b'.' | b'!' | b'?' => 1,
            0xE2 if bytes[i..end].starts_with("…".as_bytes()) => 3,
            _ => {
                i += 1;
                continue;
            }
        };
        let term_at = i;
        let mut j = i + term;
        // Further terminators and closing quotes belong to this sentence.
        while j < end {
            let rest = &body[j..end];
            match rest.chars().next() {
                Some(c @ ('.' | '!' | '?' | '…' | '"' | '\'' | ')' | ']' | '”' | '’' | '»')) => {
                    j += c.len_utf8()
                }
                _ => break,
            }
        }
        i = j;
        let after_space = body[j..end].trim_start();
        let next_start = end - after_space.len();
        if next_start == j || next_start >= end {
            continue;
        }
        let opening = after_space.trim_start_matches(['"', '\'', '“', '‘', '«', '(', '[']);
        let starts_sentence = opening
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if !starts_sentence || (b == b'.' && term == 1 && is_abbreviation(&body[start..term_at])) {
            continue;
        }
        out.push((j, next_start));
        i = next_start;
    }
}

/// Whether the word just before a period (the end of `before`) is an abbreviation or initial.
fn is_abbreviation(before: &str) -> bool {
    let word_len: usize = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .map(char::len_utf8)
        .sum();
    let word = &before[before.len() - word_len..];
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (None, _) => false,
        // A single capital letter is an initial: "J. Smith".
        (Some(c), None) => c.is_uppercase(),
        // Dotted acronyms such as "U.S." or "a.m.", and listed abbreviations.
        _ => word.contains('.') || ABBREVIATIONS.contains(&word),
    }
}

/// Cut the paragraph `body[start..end]` into windows at the given sentence ends.
fn cut_windows(
    body: &str,
    start: usize,
    end: usize,
    boundaries: &[(usize, usize)],
    builder: &mut Builder<'_>,
) {
    let mut pos = start;
    let mut next_boundary = 0;
    while end - pos > WINDOW_MAX {
        let remaining = end - pos;
        let windows = remaining.div_ceil(WINDOW_TARGET);
        let ideal = pos + remaining / windows;
        let lo = pos + CUT_MARGIN;
        let hi = (pos + WINDOW_MAX).min(end - CUT_MARGIN);
        while next_boundary < boundaries.len() && boundaries[next_boundary].0 < lo {
            next_boundary += 1;
        }
        // The sentence end closest to the ideal cut within [lo, hi].
        let mut best: Option<(usize, usize)> = None;
        let mut k = next_boundary;
        while let Some(&b) = boundaries.get(k) {
            if b.0 > hi {
                break;
            }
            if best.is_none_or(|x| b.0.abs_diff(ideal) < x.0.abs_diff(ideal)) {
                best = Some(b);
            }
            k += 1;
        }
        // Otherwise the next sentence end, if the sentence is not enormous.
        let cut = best.or_else(|| {
            boundaries
                .get(k)
                .copied()
                .filter(|b| b.0 - pos <= LONG_SENTENCE && b.0 + CUT_MARGIN <= end)
        });
        let cut = cut.or_else(|| whitespace_cut(body, lo, hi, end));
        let Some((window_end, next_start)) = cut else {
            break;
        };
        builder.unit(pos, window_end);
        pos = next_start;
    }
    builder.unit(pos, end);
}

/// The last whitespace run in `body[lo..hi]`, else the first after `hi`, as (cut, next start).
fn whitespace_cut(body: &str, lo: usize, hi: usize, end: usize) -> Option<(usize, usize)> {
    let lo = ceil_char_boundary(body, lo);
    let hi = ceil_char_boundary(body, hi.max(lo));
    let split = |at: usize| {
        let window_end = at - (body[..at].len() - body[..at].trim_end().len());
        let next_start = end - body[at..end].trim_start().len();
        (window_end > 0 && next_start < end).then_some((window_end, next_start))
    };
    let before = body[lo..hi]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map(|(i, _)| lo + i);
    let at = before.or_else(|| {
        body[hi..end]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map(|(i, _)| hi + i)
    })?;
    split(at)
}

/// The smallest char boundary at or after `i` (clamped to the body length).
fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i.min(s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(body: &str) -> Vec<&str> {
        let mut out = Vec::new();
        find_paragraphs(body, &mut out);
        out.iter().map(|&(s, e)| &body[s..e]).collect()
    }

    fn texts(body: &str) -> Vec<&str> {
        split_passages(body)
            .iter()
            .map(|p| &body[p.start..p.end])
            .collect()
    }

    /// Checks the invariants every split must keep, returning the passages.
    fn check(body: &str) -> Vec<Passage> {
        let passages = split_passages(body);
        let mut last_end = 0;
        for (i, p) in passages.iter().enumerate() {
            assert_eq!(p.ordinal as usize, i, "ordinals in order");
            assert!(p.start < p.end && p.end <= body.len(), "{p:?} in body");
            assert!(p.start >= last_end, "{p:?} after previous end {last_end}");
            assert!(body.is_char_boundary(p.start) && body.is_char_boundary(p.end));
            let text = &body[p.start..p.end];
            assert_eq!(text, text.trim(), "{p:?} trimmed");
            last_end = p.end;
        }
        passages
    }

    fn sentence(i: usize) -> String {
        format!("Sentence number {i} talks about the sanctions and the talks in Geneva at length. ")
    }

    #[test]
    fn empty_and_blank_bodies() {
        for body in ["", " ", "\n\n", "\r\n \t\r\n", "\u{a0}\u{2003}"] {
            assert!(split_passages(body).is_empty(), "{body:?}");
        }
    }

    #[test]
    fn hard_wrapped_reuters_text_joins_lines() {
        let body = "Showers continued throughout the week in\n\
the Bahia cocoa zone, alleviating the drought since early\n\
January and improving prospects for the coming temporao,\n\
although normal humidity levels have not been restored,\n\
Comissaria Smith said in its weekly review.\n\n\
Arrivals for the week ended February 22 were 155,221 bags\n\
of 60 kilos making a cumulative total for the season of 5.93\n\
mln against 5.81 at the same stage last year. Again it seems\n\
that cocoa delivered earlier on consignment was included in the\n\
arrivals figures.\n\n Reuter\n";
        let got = texts(body);
        assert_eq!(got.len(), 2, "{got:#?}");
        assert!(got[0].starts_with("Showers") && got[0].ends_with("weekly review."));
        assert!(got[1].starts_with("Arrivals") && got[1].ends_with("figures.\n\n Reuter"));
        check(body);
    }

    #[test]
    fn unwrap_lines_joins_only_wrapped_paragraphs() {
        let wrapped = "Undersecretary of State Michael\n\
Armacost will visit Tokyo next week for meetings with\r\n\
high-level officials that will include talks on the growing\n\
trade row over Japanese semiconductor electronics products.\n\n\
Deputy State Department spokeswoman Phyllis Oakley said the\n\
trip is set for April 6 to 8.\n";
        let got = unwrap_lines(wrapped);
        assert_eq!(got.len(), wrapped.len());
        assert!(got.starts_with("Undersecretary of State Michael Armacost will"));
        assert!(got.contains("meetings with  high-level"));
        // Paragraph breaks and the final newline stay.
        assert!(got.contains("products.\n\nDeputy"));
        assert!(got.contains("Oakley said the trip is set") && got.ends_with("8.\n"));
        // Bodies whose single newlines separate paragraphs are left alone.
        let lines =
            "I had a conversation today with German Chancellor Olaf Scholz. Quite productive.\n\
I had a conversation with President of France Emmanuel Macron. Substantive and long.\n";
        assert!(matches!(unwrap_lines(lines), std::borrow::Cow::Borrowed(_)));
        assert_eq!(unwrap_lines("Zürich…\nÜber"), "Zürich…\nÜber");
    }

    #[test]
    fn single_newline_paragraphs_are_split() {
        let a = "I had a conversation today with German Chancellor Olaf Scholz. Quite productive. First of all, about the defense support.";
        let b = "I had a conversation with President of France Emmanuel Macron. Substantive and long, about the path to peace and to our victory.";
        let c = "These strikes, like many previous ones, do not change anything radically. Our air defense is getting stronger.";
        let body = format!("{a}\n{b}\n\n{c}\n");
        assert_eq!(paragraphs(&body), vec![a, b, c]);
        // List items inside a block are paragraphs of their own too.
        let list = format!("* {a}\n* {b}");
        assert_eq!(paragraphs(&list).len(), 2);
    }

    #[test]
    fn long_paragraph_is_cut_at_sentence_ends() {
        let body: String = (0..40).map(sentence).collect();
        let passages = check(&body);
        assert!(passages.len() >= 4, "{}", passages.len());
        for p in &passages {
            let text = &body[p.start..p.end];
            assert!(
                text.starts_with("Sentence number") && text.ends_with("length."),
                "{text}"
            );
            assert!((300..=WINDOW_MAX).contains(&text.len()), "{}", text.len());
        }
        // Together the windows cover all of the text.
        assert_eq!(passages[0].start, 0);
        assert_eq!(passages.last().map(|p| p.end), Some(body.trim_end().len()));
    }

    #[test]
    fn abbreviations_and_numbers_do_not_end_sentences() {
        let cases = [
            ("talks with the U.S. Government went on", 0),
            ("a letter from Mr. Biden and Dr. Jill Biden", 0),
            ("signed by J. Smith on Jan. 3 in Geneva", 0),
            ("rose 5.93 pct from 5.81 pct", 0),
            ("said so. Then he left. And 2022 ended! Why? Because.", 4),
            ("said “no.” “Never,” he added", 1),
            ("Путин сказал. Потом ушёл", 1),
            ("end… Next", 1),
            ("lowercase. after", 0),
        ];
        let mut ends = Vec::new();
        for (text, want) in cases {
            sentence_ends(text, 0, text.len(), &mut ends);
            assert_eq!(ends.len(), want, "{text}: {ends:?}");
            for &(e, n) in &ends {
                assert!(text.is_char_boundary(e) && text.is_char_boundary(n) && e < n);
            }
        }
        // A long paragraph full of abbreviations is never cut right after one.
        let body: String = (0..30)
            .map(|i| format!("Mr. Smith of the U.S. met Dr. Jones on Jan. {i} at No. 5 Downing St. and paid 5.93 dlrs. "))
            .collect();
        for text in texts(&body) {
            for abbr in ["Mr.", "U.S.", "Dr.", "Jan.", "No.", "St."] {
                assert!(!text.ends_with(abbr), "cut after {abbr}: {text}");
            }
            assert!(text.starts_with("Mr. Smith"), "{text}");
        }
    }

    #[test]
    fn enormous_sentence_is_cut_at_whitespace() {
        let body: String = (0..2500).map(|i| format!("wörd{i} ")).collect();
        let passages = check(&body);
        assert!(passages.len() > 5);
        for p in &passages {
            let text = &body[p.start..p.end];
            assert!(text
                .split(' ')
                .all(|w| w.starts_with("wörd") && w[5..].parse::<u32>().is_ok()));
        }
        // No whitespace at all: kept whole rather than cut mid-word.
        let blob = "x".repeat(5000);
        assert_eq!(texts(&blob), vec![blob.as_str()]);
    }

    #[test]
    fn fragments_merge_with_their_neighbours() {
        let long = "The 83rd day of our defense began with a rather powerful combination of Russian strikes at Ukraine.";
        let body = format!("Ukrainians!\n\nOur defenders!\n\n{long}\n\nGlory to Ukraine!\n");
        let got = texts(&body);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert!(got[0].starts_with("Ukrainians!") && got[0].ends_with("Glory to Ukraine!"));
        // Only fragments: one passage covering them all.
        assert_eq!(texts("A.\nB.\nC."), vec!["A.\nB.\nC."]);
        // A run of fragments stops growing at WINDOW_TARGET bytes.
        let rows: String = (0..80)
            .map(|i| format!("    Shr {i} cts vs {i} cts\n"))
            .collect();
        let passages = check(&rows);
        assert!(passages.len() > 1);
        assert!(passages
            .iter()
            .all(|p| p.end - p.start < WINDOW_TARGET + FRAGMENT_BYTES));
    }

    #[test]
    fn short_wire_paragraphs_are_grouped() {
        // Reuters style: one-sentence paragraphs, hard-wrapped.
        let paragraphs = [
            "Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought since early\nJanuary, Comissaria Smith said in its weekly review.",
            "Arrivals for the week ended February 22 were 155,221 bags\nof 60 kilos making a cumulative total for the season of 5.93\nmln against 5.81 at the same stage last year.",
            "The plane, codenamed the FSX, has been the focus of\ncompetition between Japanese and U.S. defence contractors.",
            "Deputy State Department spokeswoman Phyllis Oakley said the\ntrip is set for April 6 to 8.",
            "The Bank of Japan bought a small amount of dollars shortly after\nthe opening at around 145.30 yen, dealers said, as the currency\ncame under renewed selling pressure.",
            "Undersecretary of State Michael Armacost will visit Tokyo next\nweek for meetings with high-level officials that will include\ntalks on the growing trade row over Japanese semiconductor\nelectronics products, she told reporters at the daily briefing.",
            "Brokers said the market was quiet.",
        ];
        let body = paragraphs.join("\n\n");
        let got = texts(&body);
        assert_eq!(got.len(), 2, "{got:#?}");
        // Whole paragraphs, in order: the first five (short) are grouped until the group
        // reaches WINDOW_TARGET bytes ...
        assert_eq!(got[0], paragraphs[..5].join("\n\n"));
        assert!(got[0].len() >= WINDOW_TARGET && got[0].len() <= WINDOW_MAX);
        // ... and a longer paragraph, with the fragment after it, is a passage of its own.
        assert_eq!(got[1], paragraphs[5..].join("\n\n"));
        check(&body);
        // A group never grows past WINDOW_MAX: a short paragraph before a long one that would
        // overflow stands alone.
        let long = "Long sentence about the cocoa harvest and the weather in Bahia. ".repeat(13);
        let long = long.trim_end();
        let body = format!("{}\n\n{long}", paragraphs[0]);
        assert_eq!(texts(&body), vec![paragraphs[0], long]);
    }

    #[test]
    fn duplicates_are_dropped_and_repeated_leads_trimmed() {
        // Paragraphs of SHORT_BYTES or more, so that each is a passage of its own.
        let lead = "Ahead of talks between US President Joe Biden and Russian President Vladimir Putin over the deployment of Russian troops along the Ukraine border, deep differences between the two have come to the fore.";
        let more = "One round of talks have taken place between the two. After the talks, both sides have expressed hope that a path to de-escalation could be opened. The talks have been set for January 9 and 10 in Geneva.";
        let other = "Biden spoke to Ukrainian President Volodymyr Zelensky on the phone on Sunday, the White House said. The two leaders plan to review preparations for upcoming diplomatic activities, according to the statement.";
        let body = format!("{lead}\n\n{lead} {more}\n\n{other}\n\n{other}\n\n{lead}");
        assert_eq!(texts(&body), vec![lead, more, other]);
        // Merged fragments never cover a dropped duplicate.
        let body = format!("{other}\n\n{lead}\n\nThank you.\n\n{lead}\n\n{more}");
        let merged = format!("{lead}\n\nThank you.");
        assert_eq!(texts(&body), vec![other, merged.as_str(), more]);
        let body = format!("{lead}\n\n{other}\n\nThank you.\n\n{other}");
        let merged = format!("{other}\n\nThank you.");
        assert_eq!(texts(&body), vec![lead, merged.as_str()]);
        // A short repeated fragment is not treated as a prefix.
        let body = format!("Ukrainians!\n\nUkrainians! {more}");
        assert_eq!(texts(&body), vec![body.as_str()]);
    }

    #[test]
    fn crlf_and_non_ascii() {
        let a = "Зеленський провів розмову з Олафом Шольцом. Дуже продуктивно. Перш за все, про оборонну підтримку.";
        let b = "Präsident Macron und Bundeskanzler Scholz sprachen über Sanktionen gegen Russland – ausführlich.";
        let body = format!("{a}\r\n\r\n{b}\r\n");
        assert_eq!(paragraphs(&body), vec![a, b]);
        let body = format!("{a}\r\n{b}\r\n");
        assert_eq!(paragraphs(&body), vec![a, b]);
        // Both short: one passage.
        assert_eq!(texts(&body), vec![body.trim_end()]);
        check(&"Ünïcödé “quoted” sentence… Ёлка. ".repeat(100));
    }

    #[test]
    fn generated_bodies_keep_invariants() {
        let pieces = [
            "Short.",
            "\n",
            "\n\n",
            "\r\n",
            " ",
            "U.S. ",
            "Mr. ",
            "é",
            "…",
            "“Quote.” ",
            "\u{a0}",
            "A sentence of moderate length that ends here. ",
            "Zürich! ",
            "5.93 ",
            "x",
            "a hard-wrapped line of text that is about sixty chars long\n",
            "* item\n",
            "Ukrainians!\n\n",
        ];
        // A small deterministic generator (xorshift) over the pieces.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for round in 0..300 {
            let mut body = String::new();
            let len = 1 + round * 7 % 400;
            for _ in 0..len {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                body.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            let passages = check(&body);
            if !body.trim().is_empty() {
                assert!(!passages.is_empty(), "{body:?}");
            }
        }
    }
}
