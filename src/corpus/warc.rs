//! WARC: a web archive (`.warc`, `.warc.gz`) into one article per captured news page, read
//! as a stream with the `warc` crate (HTTP headers with `httparse`, the page with
//! [`super::html`]).
//!
//! Two passes over the stream, so that memory never grows with the file: the first reads
//! record headers only and keeps, per address, the date and position of its latest capture;
//! the second reads the records again and extracts the latest capture of each page. Every
//! other record (requests, metadata, revisits, earlier captures, images, error pages, pages
//! without article text) is counted, and the counts are one warning per file.

use std::collections::HashMap;
use std::io::{BufRead, Read};

use chrono::{DateTime, Utc};
use warc::{RecordType, WarcHeader, WarcReader};

use super::html::extract_page;
use super::{content_hash, decode, io_message, normalise_source, Article, ArticleDate};
use super::{Item, Warning};

/// Opens the archive's (decompressed) stream once per pass; `counted` says that the raw bytes
/// read should be reported as progress (the second pass only).
pub type Opener<'a> = dyn FnMut(bool) -> std::io::Result<Box<dyn BufRead + 'a>> + 'a;

/// What the records that gave no article were, counted for the file's one warning.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// `request` records.
    pub requests: usize,
    /// `revisit` records (a capture that says "unchanged since").
    pub revisits: usize,
    /// `warcinfo`, `metadata`, `resource`, `conversion`, `continuation` records.
    pub other_records: usize,
    /// Responses whose payload is not HTML (images, scripts, PDFs).
    pub not_html: usize,
    /// Responses with a status other than 200 (redirects, errors).
    pub not_ok: usize,
    /// Earlier captures of an address captured again later in the file.
    pub earlier: usize,
    /// Pages with no article text (index pages, section fronts).
    pub no_text: usize,
    /// Payloads too large, undecodable or unparsable.
    pub unreadable: usize,
}

impl Skipped {
    fn total(&self) -> usize {
        self.requests
            + self.revisits
            + self.other_records
            + self.not_html
            + self.not_ok
            + self.earlier
            + self.no_text
            + self.unreadable
    }

    /// The counts as the warning says them: `2 request, 1 revisit, ...` (non-zero ones only).
    fn describe(&self) -> String {
        let parts = [
            (self.requests, "request"),
            (self.revisits, "revisit"),
            (self.other_records, "warcinfo, metadata or other"),
            (self.not_html, "not HTML"),
            (self.not_ok, "not status 200"),
            (self.earlier, "earlier capture"),
            (self.no_text, "without article text"),
            (self.unreadable, "unreadable payload"),
        ];
        parts
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{n} {what}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Reads a WARC stream: the latest `response` capture of each address whose payload is an
/// HTML page with article text is an article (id: `WARC-Target-URI`; date: the page's, else
/// `WARC-Date`; source: the page's site name, else the address's host), asking `want(n,
/// hash)` first (`n` the record's position from 1, `hash` that of its HTTP block). A cut or
/// corrupt stream keeps the records before the cut, with one warning; the records that gave
/// no article are counted in one warning. A payload over `max_record_bytes` is skipped
/// without being held. Returns the bytes of article text read.
pub fn parse_warc(
    path: &str,
    open: &mut Opener<'_>,
    max_record_bytes: u64,
    want: &mut dyn FnMut(usize, u64) -> bool,
    sink: &mut dyn FnMut(Item),
) -> u64 {
    let latest = match open(false) {
        Ok(stream) => latest_captures(stream),
        Err(err) => {
            sink(Item::Warning(Warning::new(path, None, io_message(&err))));
            return 0;
        }
    };
    let stream = match open(true) {
        Ok(stream) => stream,
        Err(err) => {
            sink(Item::Warning(Warning::new(path, None, io_message(&err))));
            return 0;
        }
    };
    let mut reader = WarcReader::new(stream);
    let mut records = reader.stream_records();
    let mut skipped = Skipped::default();
    let mut total = 0u64;
    let mut n = 0usize;
    let mut articles = 0usize;
    while let Some(next) = records.next_item() {
        n += 1;
        let mut record = match next {
            Ok(record) => record,
            Err(err) => {
                sink(Item::Warning(Warning::new(
                    path,
                    None,
                    format!(
                        "record {n}: cut or corrupt ({}); the records before it are kept",
                        warc_error(&err)
                    ),
                )));
                break;
            }
        };
        match record.warc_type() {
            RecordType::Response => {}
            RecordType::Request => {
                skipped.requests += 1;
                continue;
            }
            RecordType::Revisit => {
                skipped.revisits += 1;
                continue;
            }
            _ => {
                skipped.other_records += 1;
                continue;
            }
        }
        let Some(uri) = record.header(WarcHeader::TargetURI).map(|u| clean_uri(&u)) else {
            skipped.other_records += 1;
            continue;
        };
        if latest.get(&uri).is_some_and(|&(_, at)| at != n) {
            skipped.earlier += 1;
            continue;
        }
        let captured = *record.date();
        let mut block = Vec::new();
        let read = (&mut record)
            .take(max_record_bytes + 1)
            .read_to_end(&mut block);
        if let Err(err) = read {
            sink(Item::Warning(Warning::new(
                path,
                None,
                format!(
                    "record {n}: cut or corrupt ({}); the records before it are kept",
                    io_message(&err)
                ),
            )));
            break;
        }
        if block.len() as u64 > max_record_bytes {
            skipped.unreadable += 1;
            continue;
        }
        let response = match HttpResponse::parse(&block) {
            Ok(response) => response,
            Err(Unreadable::NotOk) => {
                skipped.not_ok += 1;
                continue;
            }
            Err(Unreadable::NotHtml) => {
                skipped.not_html += 1;
                continue;
            }
            Err(Unreadable::Broken) => {
                skipped.unreadable += 1;
                continue;
            }
        };
        if !want(n, content_hash(&block)) {
            articles += 1;
            continue;
        }
        let Some(payload) = response.payload(&block) else {
            skipped.unreadable += 1;
            continue;
        };
        let decoded = decode::decode_html(&payload, response.charset.as_deref());
        match extract_page(&decoded.text, Some(&uri)) {
            Ok(page) => {
                let article = Article {
                    id: uri.clone(),
                    path: path.to_string(),
                    line: None,
                    date: page.date.or(Some(ArticleDate::from_instant(captured))),
                    title: page.title,
                    body: page.body,
                    source: page.site.or_else(|| normalise_source(&uri)),
                };
                total += (article.title.len() + article.body.len()) as u64;
                articles += 1;
                sink(Item::Article(article, None));
            }
            Err(_) => skipped.no_text += 1,
        }
    }
    if n == 0 {
        sink(Item::Warning(Warning::new(
            path,
            None,
            "no WARC record in it (not a web archive?); skipped",
        )));
    } else if skipped.total() > 0 {
        sink(Item::Warning(Warning::new(
            path,
            None,
            format!(
                "{articles} of {n} records are articles; skipped {}",
                skipped.describe()
            ),
        )));
    }
    total
}

/// Address -> (date, record position) of its latest `response` capture: the first pass,
/// headers only (bodies are skipped as they stream by). A cut stream ends the pass where it
/// is cut, and the second pass reports it.
fn latest_captures(stream: Box<dyn BufRead + '_>) -> HashMap<String, (DateTime<Utc>, usize)> {
    let mut latest: HashMap<String, (DateTime<Utc>, usize)> = HashMap::new();
    let mut reader = WarcReader::new(stream);
    let mut records = reader.stream_records();
    let mut n = 0usize;
    while let Some(Ok(record)) = records.next_item() {
        n += 1;
        if *record.warc_type() != RecordType::Response {
            continue;
        }
        let Some(uri) = record.header(WarcHeader::TargetURI).map(|u| clean_uri(&u)) else {
            continue;
        };
        let date = *record.date();
        let entry = latest.entry(uri).or_insert((date, n));
        // A later or equally dated capture further on in the file wins.
        if date >= entry.0 {
            *entry = (date, n);
        }
    }
    latest
}

/// A target address as some writers put it: in angle brackets (WARC 1.0's grammar).
fn clean_uri(uri: &str) -> String {
    let uri = uri.trim();
    uri.strip_prefix('<')
        .and_then(|u| u.strip_suffix('>'))
        .unwrap_or(uri)
        .to_string()
}

fn warc_error(err: &warc::Error) -> String {
    match err {
        warc::Error::ReadData(io) => io_message(io),
        warc::Error::UnexpectedEOB => "the stream ends inside a record".to_string(),
        other => {
            let text = other.to_string();
            text.trim_end_matches('.').to_lowercase()
        }
    }
}

/// Why a response gave no page.
#[derive(Debug, PartialEq, Eq)]
enum Unreadable {
    NotOk,
    NotHtml,
    Broken,
}

/// The HTTP head of a `response` record's block: where its payload starts and how it is coded.
#[derive(Debug)]
struct HttpResponse {
    body_start: usize,
    chunked: bool,
    encoding: Option<String>,
    charset: Option<String>,
}

impl HttpResponse {
    fn parse(block: &[u8]) -> Result<HttpResponse, Unreadable> {
        let mut headers = [httparse::EMPTY_HEADER; 128];
        let mut response = httparse::Response::new(&mut headers);
        let body_start = match response.parse(block) {
            Ok(httparse::Status::Complete(at)) => at,
            _ => return Err(Unreadable::Broken),
        };
        if response.code != Some(200) {
            return Err(Unreadable::NotOk);
        }
        let mut parsed = HttpResponse {
            body_start,
            chunked: false,
            encoding: None,
            charset: None,
        };
        let mut html = false;
        for header in response.headers.iter() {
            let value = String::from_utf8_lossy(header.value).to_ascii_lowercase();
            if header.name.eq_ignore_ascii_case("content-type") {
                let mime = value.split(';').next().unwrap_or_default().trim();
                html = matches!(mime, "text/html" | "application/xhtml+xml");
                parsed.charset = value
                    .split(';')
                    .filter_map(|p| p.trim().strip_prefix("charset="))
                    .map(|c| c.trim_matches(['"', '\'']).to_string())
                    .next();
            } else if header.name.eq_ignore_ascii_case("transfer-encoding") {
                parsed.chunked = value.contains("chunked");
            } else if header.name.eq_ignore_ascii_case("content-encoding") {
                let coding = value.trim();
                if !coding.is_empty() && coding != "identity" {
                    parsed.encoding = Some(coding.to_string());
                }
            }
        }
        if !html {
            return Err(Unreadable::NotHtml);
        }
        Ok(parsed)
    }

    /// The page's bytes: chunked transfer undone, gzip or deflate content coding undone;
    /// `None` when either is broken or the coding is one we do not read.
    fn payload(&self, block: &[u8]) -> Option<Vec<u8>> {
        let body = &block[self.body_start..];
        let body = if self.chunked {
            dechunk(body)?
        } else {
            body.to_vec()
        };
        let mut out = Vec::new();
        match self.encoding.as_deref() {
            None => return Some(body),
            Some("gzip" | "x-gzip") => flate2::read::MultiGzDecoder::new(&body[..])
                .read_to_end(&mut out)
                .ok()?,
            Some("deflate") => flate2::read::ZlibDecoder::new(&body[..])
                .read_to_end(&mut out)
                .ok()?,
            Some(_) => return None,
        };
        Some(out)
    }
}

/// The data of an HTTP/1.1 chunked body; `None` when a chunk size is unreadable.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let line_end = body.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..line_end]).ok()?;
        let size_text = size_text.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        // A last chunk cut short still gives what it holds.
        let take = size.min(body.len());
        out.extend_from_slice(&body[..take]);
        body = &body[take..];
        body = body.strip_prefix(b"\r\n").unwrap_or(body);
        if body.is_empty() {
            return Some(out);
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::corpus::collect_items;
    use std::io::Write;

    /// A WARC record as bytes (WARC/1.0 headers, block, the two line breaks).
    pub(crate) fn record(kind: &str, uri: &str, date: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{:016x}>\r\n\
             WARC-Date: {date}\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\n\
             Content-Length: {}\r\n\r\n",
            content_hash(format!("{kind}{uri}{date}").as_bytes()),
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    /// An HTTP response block with the given content type and body.
    pub(crate) fn http(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        out.extend_from_slice(body);
        out
    }

    /// A news page whose body says `text`.
    pub(crate) fn news_page(title: &str, text: &str) -> String {
        let paragraph = "The harbour authority said the new ferry terminal would open in \
            March, two years later than planned, after the contractor ran into trouble with \
            the foundations on the reclaimed land near the old quay.";
        format!(
            "<html><head><title>{title}</title><meta property='og:site_name' content='Harbour Gazette'>\
             </head><body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1><p>{text}</p>\
             <p>{paragraph}</p><p>{paragraph} Officials declined to comment further.</p></article></body></html>"
        )
    }

    fn read(bytes: &[u8]) -> (Vec<Article>, Vec<String>) {
        collect_items(|sink| {
            let mut open = |_| Ok(Box::new(bytes) as Box<dyn BufRead>);
            parse_warc("a.warc", &mut open, 1 << 20, &mut |_, _| true, sink);
        })
    }

    pub(crate) fn sample() -> Vec<u8> {
        let uri = "https://www.harbourgazette.example/news/ferry";
        let mut warc = record(
            "warcinfo",
            "",
            "2024-03-05T10:00:00Z",
            b"software: test\r\n",
        );
        warc.extend(record(
            "request",
            uri,
            "2024-03-05T10:00:00Z",
            b"GET /news/ferry HTTP/1.1\r\n\r\n",
        ));
        let first = news_page("Ferry terminal delayed", "First capture.");
        warc.extend(record(
            "response",
            uri,
            "2024-03-05T10:00:00Z",
            &http("200 OK", "text/html", first.as_bytes()),
        ));
        let image = http("200 OK", "image/png", b"\x89PNG\r\n\x1a\n");
        warc.extend(record(
            "response",
            "https://www.harbourgazette.example/a.png",
            "2024-03-05T10:00:01Z",
            &image,
        ));
        warc.extend(record(
            "revisit",
            uri,
            "2024-03-05T11:00:00Z",
            b"HTTP/1.1 304 Not Modified\r\n\r\n",
        ));
        let second = news_page("Ferry terminal delayed again", "Second capture.");
        warc.extend(record(
            "response",
            uri,
            "2024-03-06T10:00:00Z",
            &http("200 OK", "text/html; charset=utf-8", second.as_bytes()),
        ));
        let other = news_page("Quay closed", "Another story.");
        warc.extend(record(
            "response",
            "https://www.harbourgazette.example/news/quay",
            "2024-03-04T10:00:00Z",
            &http("200 OK", "text/html", other.as_bytes()),
        ));
        warc
    }

    #[test]
    fn the_latest_capture_of_each_page_is_its_article() {
        let (articles, warnings) = read(&sample());
        let shown: Vec<(&str, &str)> = articles
            .iter()
            .map(|a| (a.id.as_str(), a.title.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                (
                    "https://www.harbourgazette.example/news/ferry",
                    "Ferry terminal delayed again"
                ),
                (
                    "https://www.harbourgazette.example/news/quay",
                    "Quay closed"
                ),
            ]
        );
        assert!(
            articles[0].body.starts_with("Second capture."),
            "{}",
            articles[0].body
        );
        // No date in the page: the capture's.
        assert_eq!(
            articles[0].date.unwrap().to_rfc3339(),
            "2024-03-06T10:00:00Z"
        );
        assert_eq!(articles[0].source.as_deref(), Some("Harbour Gazette"));
        assert_eq!(
            warnings,
            [
                "a.warc: 2 of 7 records are articles; skipped 1 request, 1 revisit, \
              1 warcinfo, metadata or other, 1 not HTML, 1 earlier capture"
            ]
        );
    }

    #[test]
    fn a_file_that_is_no_archive_is_one_warning() {
        for bytes in [
            &b"Just some text, no records at all.\n"[..],
            &[0x7f, 0x45, 0x4c, 0x46],
        ] {
            let (articles, warnings) = read(bytes);
            assert!(articles.is_empty());
            assert_eq!(
                warnings,
                ["a.warc: no WARC record in it (not a web archive?); skipped"]
            );
        }
    }

    #[test]
    fn a_cut_gzip_archive_keeps_the_records_before_the_cut() {
        // One gzip member per record, as archives write them; the last one cut short.
        let mut gz = Vec::new();
        let mut members = Vec::new();
        let sample = sample();
        let mut rest = &sample[..];
        while let Some(at) = rest.windows(9).skip(1).position(|w| w == b"WARC/1.0\r") {
            members.push(&rest[..at + 1]);
            rest = &rest[at + 1..];
        }
        members.push(rest);
        for member in &members {
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all(member).unwrap();
            gz.extend(encoder.finish().unwrap());
        }
        gz.truncate(gz.len() - 40);
        let (articles, warnings) = collect_items(|sink| {
            let mut open = |_| {
                let stream = flate2::read::MultiGzDecoder::new(&gz[..]);
                Ok(Box::new(std::io::BufReader::new(stream)) as Box<dyn BufRead>)
            };
            parse_warc("a.warc.gz", &mut open, 1 << 20, &mut |_, _| true, sink);
        });
        // The last record (quay) is cut: the ferry page's latest capture is kept.
        assert_eq!(articles.len(), 1, "{warnings:?}");
        assert_eq!(articles[0].title, "Ferry terminal delayed again");
        assert!(
            warnings[0].starts_with("a.warc.gz: record 7: cut or corrupt ("),
            "{warnings:?}"
        );
        assert_eq!(warnings.len(), 2, "{warnings:?}");
    }

    #[test]
    fn unchanged_records_are_not_extracted() {
        let mut asked = Vec::new();
        let (articles, _) = collect_items(|sink| {
            let bytes = sample();
            let mut open =
                |_| Ok(Box::new(std::io::Cursor::new(bytes.clone())) as Box<dyn BufRead>);
            parse_warc(
                "a.warc",
                &mut open,
                1 << 20,
                &mut |n, h| {
                    asked.push((n, h));
                    n != 6
                },
                sink,
            );
        });
        assert_eq!(asked.iter().map(|a| a.0).collect::<Vec<_>>(), [6, 7]);
        assert_eq!(articles.len(), 1);
    }

    #[test]
    fn chunked_and_gzipped_payloads_are_read() {
        let page = news_page("Chunked", "Sent in chunks.");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(page.as_bytes()).unwrap();
        let zipped = gz.finish().unwrap();
        let mut body = Vec::new();
        for chunk in zipped.chunks(100) {
            body.extend(format!("{:x}\r\n", chunk.len()).into_bytes());
            body.extend_from_slice(chunk);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(b"0\r\n\r\n");
        let block = [
            &b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n"[..],
            &body,
        ]
        .concat();
        let warc = record(
            "response",
            "<https://example.com/c>",
            "2024-03-05T10:00:00Z",
            &block,
        );
        let (articles, warnings) = read(&warc);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(articles[0].id, "https://example.com/c");
        assert!(articles[0].body.starts_with("Sent in chunks."));
    }
}
