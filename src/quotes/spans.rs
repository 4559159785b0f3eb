//! The text between quotation marks, paragraph by paragraph, before anyone is named.

/// A quoted span: the bytes inside its marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    /// First byte inside the opening mark.
    pub start: usize,
    /// Just past the last byte before the closing mark (or the paragraph's end).
    pub end: usize,
    /// Where the opening mark starts.
    pub open: usize,
    /// Just past the closing mark, or the paragraph's end when the paragraph leaves it open.
    pub close: usize,
    /// The paragraph holding the span, as a byte range.
    pub paragraph: (usize, usize),
    /// Marked by single quotation marks (inside a double-quoted span or in a single-mark style).
    pub single: bool,
}

/// The paragraphs of a body: byte ranges separated by blank lines, trimmed.
pub(super) fn paragraphs(body: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(trimmed(body, s, offset));
            }
        } else if start.is_none() {
            start = Some(offset);
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push(trimmed(body, s, offset));
    }
    out
}

/// `start..end` without the whitespace at either end.
pub(super) fn trimmed(body: &str, start: usize, end: usize) -> (usize, usize) {
    let text = &body[start..end];
    let lead = text.len() - text.trim_start().len();
    let trail = text.len() - text.trim_end().len();
    if lead == text.len() {
        return (start, start);
    }
    (start + lead, end - trail)
}

/// Every quoted span of the body, in order of their opening marks.
pub(super) fn find_spans(body: &str) -> Vec<Span> {
    // Straight single marks are quotation marks only where the article quotes with them: no
    // double mark anywhere, else they are apostrophes and feet.
    let straight_single = !body.contains(['"', '\u{201C}', '\u{201D}']);
    let mut spans = Vec::new();
    for paragraph in paragraphs(body) {
        scan_paragraph(body, paragraph, straight_single, &mut spans);
    }
    spans.sort_by_key(|s| (s.open, s.end));
    spans
}

fn scan_paragraph(
    body: &str,
    paragraph: (usize, usize),
    straight_single: bool,
    out: &mut Vec<Span>,
) {
    let text = &body[paragraph.0..paragraph.1];
    let mut double: Option<usize> = None; // the opening mark's offset
    let mut single: Option<(usize, char)> = None;
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = paragraph.0 + i;
        let next = chars.peek().map(|&(_, n)| n);
        let after = at + c.len_utf8();
        match c {
            '"' | '\u{201C}' | '\u{201D}' => {
                let closes = match c {
                    '\u{201C}' => false,
                    '\u{201D}' => true,
                    _ => double.is_some(),
                };
                match (closes, double) {
                    (true, Some(open)) => {
                        push(out, body, open, at, after, paragraph, false);
                        double = None;
                        single = None;
                    }
                    (false, _) => {
                        double = Some(at);
                        single = None;
                    }
                    (true, None) => {}
                }
            }
            '\u{2018}' if !prev.is_some_and(char::is_alphanumeric) => single = Some((at, c)),
            '\'' if straight_single
                && single.is_none()
                && !prev.is_some_and(|p| p.is_alphanumeric())
                && next.is_some_and(char::is_alphanumeric) =>
            {
                single = Some((at, c))
            }
            '\u{2019}' | '\'' if !next.is_some_and(char::is_alphanumeric) => {
                if let Some((open, mark)) = single {
                    let pairs =
                        (mark == '\u{2018}' && c == '\u{2019}') || (mark == '\'' && c == '\'');
                    if pairs && !prev.is_some_and(char::is_whitespace) {
                        push(out, body, open, at, after, paragraph, true);
                        single = None;
                    }
                }
            }
            _ => {}
        }
        prev = Some(c);
    }
    // A paragraph that leaves a double mark open is one paragraph of a multi-paragraph
    // quotation: the quotation runs to the paragraph's end.
    if let Some(open) = double {
        push(out, body, open, paragraph.1, paragraph.1, paragraph, false);
    }
}

fn push(
    out: &mut Vec<Span>,
    body: &str,
    open: usize,
    close_mark: usize,
    close: usize,
    paragraph: (usize, usize),
    single: bool,
) {
    let mark_len = body[open..].chars().next().map_or(1, char::len_utf8);
    let (start, end) = trimmed(body, open + mark_len, close_mark);
    if end > start && body[start..end].chars().any(char::is_alphabetic) {
        out.push(Span {
            start,
            end,
            open,
            close,
            paragraph,
            single,
        });
    }
}
