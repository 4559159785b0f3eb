//! Corpus: from files on disk to articles (id, date, title, body, source) and their passages.
//!
//! Walking and reading are the only I/O here. Each input format is a module of pure functions
//! from text to articles and warnings, tested without a disk: [`parse_txt`] and
//! [`parse_jsonl_line`] here, [`delimited`] (CSV, TSV), [`json`], [`html`] (saved pages),
//! [`feed`] (RSS, Atom) and [`warc`] (web archives); [`decode`] turns a file's
//! bytes into that text (any encoding) or calls it binary; [`fields`] says which column or key
//! holds what. A new format is one more module and one more arm in [`read_file_counted`].

pub mod article_text;
pub mod copies;
pub mod date;
pub mod decode;
pub mod delimited;
pub mod feed;
pub mod fields;
pub mod fnv;
pub mod html;
pub mod json;
pub mod passages;
pub mod source;
pub mod warc;

use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

pub use date::{parse_date, parse_date_bound, ArticleDate, DateError, DatePrecision};
pub use fields::{FieldMap, FieldSpecError, Role};
pub use passages::{split_passages, unwrap_lines, Passage};
pub use source::{normalise_source, source_of};

/// Files larger than this are skipped with a warning rather than read into memory.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// JSONL lines longer than this are skipped with a warning (no news article is 16 MB of JSON;
/// a line this long is a dump or a broken file, and is discarded without being held in memory).
pub const DEFAULT_MAX_LINE_BYTES: usize = 16 * 1024 * 1024;

/// One news article as parsed from its source file.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Identity within its file: the JSONL `id`/`_id`, or the file name without its extension.
    pub id: String,
    /// The source file, as walked.
    pub path: String,
    /// 1-based line number for JSONL articles.
    pub line: Option<usize>,
    /// Publication date with its precision, if known.
    pub date: Option<ArticleDate>,
    /// Headline.
    pub title: String,
    /// Body text, paragraphs as in the source.
    pub body: String,
    /// The outlet, as the file named it (see [`source_of`] for the one an article is
    /// counted under).
    pub source: Option<String>,
}

impl Article {
    /// The stable 64-bit key of an article: its path and id (the same id in two files is two
    /// articles).
    pub fn key(&self) -> u64 {
        article_key(&self.path, &self.id)
    }
}

/// FNV-1a over `path \0 id`: stable across runs and platforms, unlike `DefaultHasher`.
pub fn article_key(path: &str, id: &str) -> u64 {
    fnv::Fnv1a::new()
        .write(path.as_bytes())
        .write(&[0])
        .write(id.as_bytes())
        .finish()
}

/// A stable 64-bit hash of file or line content, to tell changed input from unchanged.
///
/// Not cryptographic: it only has to change when the text changes. Stable across runs and
/// platforms (unlike `DefaultHasher`), and it reads eight bytes at a time so that hashing a
/// touched-but-unchanged file costs far less than re-indexing it.
pub fn content_hash(bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ (bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        hash = (hash ^ word).wrapping_mul(PRIME).rotate_left(29);
    }
    for &byte in chunks.remainder() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(PRIME);
    }
    // Final avalanche (from splitmix64) so that nearby inputs give distant hashes.
    hash ^= hash >> 31;
    hash = hash.wrapping_mul(0x7fb5_d329_728e_a185);
    hash ^ (hash >> 27)
}

/// A problem with one file or line that was reported and worked around.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file concerned.
    pub path: String,
    /// The 1-based line, when the problem is on one line.
    pub line: Option<usize>,
    /// What went wrong, lowercase, no trailing period.
    pub message: String,
}

impl Warning {
    fn new(path: &str, line: Option<usize>, message: impl Into<String>) -> Warning {
        Warning {
            path: path.to_string(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}: line {}: {}", self.path, line, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// The input layouts newsdex reads, chosen by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    /// One article per file: ` date YYYY-MM-DD Title`, a blank line, paragraphs.
    Txt,
    /// One JSON article per line.
    Jsonl,
    /// Comma-separated values with a header row, one article per row.
    Csv,
    /// Tab-separated values with a header row, one article per row, no quoting.
    Tsv,
    /// A JSON array of articles, or an API response holding one.
    Json,
    /// A saved web page: one article, its main text extracted.
    Html,
    /// An RSS or Atom feed: one article per item.
    Feed,
    /// A web archive: one article per captured page.
    Warc,
}

impl SourceFormat {
    /// Whether the file is read whole into memory (and so capped by `--max-file-mb`).
    fn read_whole(self) -> bool {
        !matches!(self, SourceFormat::Jsonl | SourceFormat::Warc)
    }

    /// Whether columns or keys name the fields, so that `--field` changes what is read.
    pub fn is_structured(self) -> bool {
        matches!(
            self,
            SourceFormat::Jsonl | SourceFormat::Csv | SourceFormat::Tsv | SourceFormat::Json
        )
    }
}

/// How a file is laid out and whether it is gzip-compressed, from its name.
pub fn source_format(path: &Path) -> Option<(SourceFormat, bool)> {
    // The suffixes are ASCII, so a name that is not valid UTF-8 (an old archive's Latin-1
    // file name) is judged by them all the same: such a file is read, not skipped.
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let (stem, gz) = match name.strip_suffix(".gz") {
        Some(stem) => (stem, true),
        None => (name.as_str(), false),
    };
    if stem.ends_with(".txt") {
        Some((SourceFormat::Txt, gz))
    } else if stem.ends_with(".jsonl") || stem.ends_with(".ndjson") {
        Some((SourceFormat::Jsonl, gz))
    } else if stem.ends_with(".csv") {
        Some((SourceFormat::Csv, gz))
    } else if stem.ends_with(".tsv") {
        Some((SourceFormat::Tsv, gz))
    } else if stem.ends_with(".json") {
        Some((SourceFormat::Json, gz))
    } else if stem.ends_with(".html") || stem.ends_with(".htm") {
        Some((SourceFormat::Html, gz))
    } else if stem.ends_with(".rss") || stem.ends_with(".atom") || stem.ends_with(".xml") {
        Some((SourceFormat::Feed, gz))
    } else if stem.ends_with(".warc") {
        Some((SourceFormat::Warc, gz))
    } else {
        None
    }
}

/// Whether a file of a readable format holds articles: an `.xml` file only when it is a feed
/// (judged by its first bytes; other XML, a sitemap or a config, is no article file).
fn holds_articles(path: &Path, format: SourceFormat, gz: bool) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase());
    let xml = name.is_some_and(|n| n.ends_with(".xml") || n.ends_with(".xml.gz"));
    if format != SourceFormat::Feed || !xml {
        return true;
    }
    let Ok(file) = File::open(path) else {
        // Read and reported by the reader.
        return true;
    };
    let raw: Box<dyn Read> = if gz {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut prefix = Vec::new();
    let _ = raw
        .take(feed::FEED_SNIFF_BYTES as u64)
        .read_to_end(&mut prefix);
    feed::is_feed(&prefix)
}

/// The article files found under the inputs, in a stable order.
#[derive(Debug, Default)]
pub struct Walk {
    /// Article files to read, with their sizes on disk.
    pub files: Vec<(PathBuf, u64)>,
    /// Files of other types (counted, not warned about).
    pub skipped: usize,
    /// Paths that could not be walked (missing, unreadable, symlink loops).
    pub warnings: Vec<Warning>,
}

/// Walks the inputs (files or directories), skipping hidden entries and files of other types.
///
/// Symlinks are followed, and walkdir reports loops as errors, which become warnings.
pub fn walk(inputs: &[PathBuf]) -> Walk {
    let mut result = Walk::default();
    for input in inputs {
        let walker = walkdir::WalkDir::new(input)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
        for entry in walker {
            match entry {
                Ok(entry) => {
                    if entry.file_type().is_dir() {
                        continue;
                    }
                    let readable = source_format(entry.path())
                        .is_some_and(|(format, gz)| holds_articles(entry.path(), format, gz));
                    if !readable {
                        result.skipped += 1;
                        continue;
                    }
                    let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
                    result.files.push((entry.into_path(), size));
                }
                Err(err) => {
                    let path = err
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| input.display().to_string());
                    let message = if err.loop_ancestor().is_some() {
                        "symlink loop, not followed".to_string()
                    } else {
                        match err.io_error() {
                            Some(io) => io_message(io),
                            None => err.to_string(),
                        }
                    };
                    result.warnings.push(Warning::new(&path, None, message));
                }
            }
        }
    }
    result
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

/// An I/O error as a warning says it: lowercase, without the `(os error N)` suffix.
pub fn io_message(err: &std::io::Error) -> String {
    // "No such file or directory (os error 2)" -> "no such file or directory"
    let text = err.to_string();
    let text = match text.find(" (os error") {
        Some(at) => &text[..at],
        None => &text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => text.to_string(),
    }
}

/// How articles are read: date formats to try first, the field mapping and the size caps.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// chrono format strings tried before the built-in date forms (`--date-format`).
    pub date_formats: Vec<String>,
    /// Which CSV column or JSON key holds each field (`--field`).
    pub fields: FieldMap,
    /// `.txt`, CSV and JSON files above this size are skipped with a warning.
    pub max_file_bytes: u64,
    /// JSONL lines above this size are skipped with a warning.
    pub max_line_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            date_formats: Vec::new(),
            fields: FieldMap::default(),
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            max_line_bytes: DEFAULT_MAX_LINE_BYTES,
        }
    }
}

/// One item read from the corpus: an article (maybe with a warning about it) or a warning alone.
#[derive(Debug)]
pub enum Item {
    /// A parsed article and, if its date was unreadable, the warning about that.
    Article(Article, Option<Warning>),
    /// A line or file that could not be read into an article.
    Warning(Warning),
}

/// Reads one file and hands each article or warning to `sink`, streaming (gzip is decompressed
/// as it is read, JSONL is read line by line). Returns the bytes of article text read.
pub fn read_file(path: &Path, options: &ReadOptions, sink: &mut dyn FnMut(Item)) -> u64 {
    read_file_with(path, options, &mut |_, _| true, sink)
}

/// [`read_file`], asking `want(line, hash)` before parsing each JSONL line (or a whole `.txt`
/// file, as line 0): the incremental indexer answers `false` for content it already holds, so
/// unchanged lines are hashed but never parsed. `hash` is [`content_hash`] of the line without
/// its line break (of the whole decompressed file for `.txt`).
pub fn read_file_with(
    path: &Path,
    options: &ReadOptions,
    want: &mut dyn FnMut(usize, u64) -> bool,
    sink: &mut dyn FnMut(Item),
) -> u64 {
    read_file_counted(path, options, &|_| {}, want, sink)
}

/// [`read_file_with`], calling `on_read` with the size of every chunk of raw bytes read from
/// the file (before decompression), so that a caller can show progress within a large file.
pub fn read_file_counted(
    path: &Path,
    options: &ReadOptions,
    on_read: &dyn Fn(u64),
    want: &mut dyn FnMut(usize, u64) -> bool,
    sink: &mut dyn FnMut(Item),
) -> u64 {
    let sink = &mut |item| match item {
        Item::Article(mut article, warning) => {
            drop_invisible(&mut article.title);
            drop_invisible(&mut article.body);
            sink(Item::Article(article, warning))
        }
        other => sink(other),
    };
    let shown = path.display().to_string();
    let Some((format, gz)) = source_format(path) else {
        return 0;
    };
    // Stat before opening: opening a FIFO named `.txt` would block until someone writes to it.
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            sink(Item::Warning(Warning::new(
                &shown,
                None,
                "is a directory, not an article file",
            )));
            return 0;
        }
        // A FIFO or a device named `.txt` would block the run or never end: only regular files.
        Ok(meta) if !meta.is_file() => {
            sink(Item::Warning(Warning::new(
                &shown,
                None,
                "not a regular file; skipped",
            )));
            return 0;
        }
        // Also catches an empty `.gz`, which the decoder would call a truncated stream.
        Ok(meta) if meta.len() == 0 => {
            sink(Item::Warning(Warning::new(
                &shown,
                None,
                "empty file; skipped",
            )));
            return 0;
        }
        Ok(meta) if meta.len() > options.max_file_bytes && format.read_whole() => {
            sink(Item::Warning(Warning::new(
                &shown,
                None,
                format!(
                    "file is {} bytes, over the {} byte cap; skipped",
                    meta.len(),
                    options.max_file_bytes
                ),
            )));
            return 0;
        }
        Ok(_) => {}
        Err(err) => {
            sink(Item::Warning(Warning::new(&shown, None, io_message(&err))));
            return 0;
        }
    }
    if format == SourceFormat::Warc {
        let mut open = |counted: bool| -> std::io::Result<Box<dyn BufRead + '_>> {
            let file = File::open(path)?;
            let file: Box<dyn Read> = if counted {
                Box::new(CountingReader {
                    inner: file,
                    on_read,
                })
            } else {
                Box::new(file)
            };
            Ok(if gz {
                let stream = flate2::read::MultiGzDecoder::new(BufReader::new(file));
                Box::new(BufReader::with_capacity(256 * 1024, stream))
            } else {
                Box::new(BufReader::with_capacity(256 * 1024, file))
            })
        };
        return warc::parse_warc(&shown, &mut open, options.max_file_bytes, want, sink);
    }
    let file = match File::open(path) {
        Ok(file) => file,
        Err(err) => {
            sink(Item::Warning(Warning::new(&shown, None, io_message(&err))));
            return 0;
        }
    };
    let file = CountingReader {
        inner: file,
        on_read,
    };
    let raw: Box<dyn Read + '_> = if gz {
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(file)))
    } else {
        Box::new(file)
    };
    let mut reader = BufReader::with_capacity(256 * 1024, raw);
    match format {
        SourceFormat::Txt => read_txt(&shown, path, &mut reader, options, want, sink),
        SourceFormat::Jsonl => read_jsonl(&shown, &mut reader, options, want, sink),
        SourceFormat::Html | SourceFormat::Feed => {
            let Some(bytes) = read_capped(&shown, &mut reader, options, sink) else {
                return 0;
            };
            if format == SourceFormat::Html {
                html::parse_html_file(&shown, path, &bytes, want, sink)
            } else {
                feed::parse_feed(&shown, &bytes, want, sink)
            }
        }
        SourceFormat::Warc => 0,
        SourceFormat::Csv | SourceFormat::Tsv | SourceFormat::Json => {
            let Some(bytes) = read_capped(&shown, &mut reader, options, sink) else {
                return 0;
            };
            let Some(text) = decoded_text(&shown, &bytes, sink) else {
                return 0;
            };
            let (fields, dates) = (&options.fields, &options.date_formats);
            match format {
                SourceFormat::Json => json::parse_json(&shown, &text, fields, dates, want, sink),
                SourceFormat::Tsv => {
                    let tab = delimited::Delimiter::Tab;
                    delimited::parse_delimited(&shown, &text, tab, fields, dates, want, sink)
                }
                _ => {
                    let comma = delimited::Delimiter::Comma;
                    delimited::parse_delimited(&shown, &text, comma, fields, dates, want, sink)
                }
            }
        }
    }
}

/// A whole file's (decompressed) bytes, or `None` after a warning when it is over the cap or
/// cannot be read to its end (a truncated gzip stream: the file is skipped, not half-read).
fn read_capped(
    shown: &str,
    reader: &mut dyn Read,
    options: &ReadOptions,
    sink: &mut dyn FnMut(Item),
) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    let cap = options.max_file_bytes;
    match reader.take(cap + 1).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 > cap => {
            sink(Item::Warning(Warning::new(
                shown,
                None,
                format!("text is over the {cap} byte cap; skipped"),
            )));
            None
        }
        Ok(_) => Some(bytes),
        Err(err) => {
            sink(Item::Warning(Warning::new(
                shown,
                None,
                format!("{}; file skipped", io_message(&err)),
            )));
            None
        }
    }
}

/// A whole file's text: `None` after a warning when it is binary, else decoded (one warning
/// naming the encoding when it was not UTF-8).
fn decoded_text<'a>(
    shown: &str,
    bytes: &'a [u8],
    sink: &mut dyn FnMut(Item),
) -> Option<std::borrow::Cow<'a, str>> {
    if let Some(verdict) = decode::binary_verdict(bytes) {
        sink(Item::Warning(Warning::new(shown, None, verdict)));
        return None;
    }
    let decoded = decode::decode(bytes);
    if let Some(note) = decoded.note {
        sink(Item::Warning(Warning::new(shown, None, note)));
    }
    Some(decoded.text)
}

/// A reader that reports how many bytes it hands out.
struct CountingReader<'a, R> {
    inner: R,
    on_read: &'a dyn Fn(u64),
}

impl<R: Read> Read for CountingReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        (self.on_read)(n as u64);
        Ok(n)
    }
}

fn read_txt(
    shown: &str,
    path: &Path,
    reader: &mut dyn Read,
    options: &ReadOptions,
    want: &mut dyn FnMut(usize, u64) -> bool,
    sink: &mut dyn FnMut(Item),
) -> u64 {
    let Some(bytes) = read_capped(shown, reader, options, sink) else {
        return 0;
    };
    if !want(0, content_hash(&bytes)) {
        return 0;
    }
    let Some(text) = decoded_text(shown, &bytes, sink) else {
        return 0;
    };
    let id = txt_id(path);
    match parse_txt(shown, &id, &text, &options.date_formats) {
        Ok((article, warning)) => {
            let bytes = (article.title.len() + article.body.len()) as u64;
            sink(Item::Article(article, warning));
            bytes
        }
        Err(warning) => {
            sink(Item::Warning(warning));
            0
        }
    }
}

/// The id of a `.txt` article: its file name without `.txt` / `.txt.gz`.
fn txt_id(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lower = name.to_ascii_lowercase();
    for suffix in [".txt.gz", ".txt"] {
        if lower.ends_with(suffix) {
            return name[..name.len() - suffix.len()].to_string();
        }
    }
    name
}

/// Removes the characters that are part of no word and never shown, whatever the format:
/// soft hyphens (web pages put them inside long words and names, so "Vladi\u{ad}mir" would be
/// another name) and byte order marks left inside a field. A text without them is not copied.
pub fn drop_invisible(text: &mut String) {
    const INVISIBLE: [char; 2] = ['\u{ad}', '\u{feff}'];
    if text.contains(INVISIBLE) {
        text.retain(|c| !INVISIBLE.contains(&c));
        let trimmed = text.trim();
        if trimmed.len() != text.len() {
            *text = trimmed.to_string();
        }
    }
}

/// Parses a `.txt` article in the sample layout.
///
/// The first line is ` date YYYY-MM-DD Title` (leading whitespace allowed); a first line that is
/// not a date line is the title of an undated article. The body follows the first blank line
/// (or the first line, when there is none). An unreadable date gives an undated article and a
/// warning; an empty file is an error.
pub fn parse_txt(
    path: &str,
    id: &str,
    text: &str,
    date_formats: &[String],
) -> Result<(Article, Option<Warning>), Warning> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Warning::new(path, None, "empty file; skipped"));
    }
    let (first, rest) = match text.find('\n') {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text, ""),
    };
    let first = first.trim();
    let mut warning = None;
    let (date, title) = match first.strip_prefix("date") {
        Some(after) if after.starts_with(char::is_whitespace) => {
            let after = after.trim_start();
            let (token, title) = match after.find(char::is_whitespace) {
                Some(at) => (&after[..at], after[at..].trim()),
                None => (after, ""),
            };
            match parse_date(token, date_formats) {
                Ok(date) => (Some(date), title.to_string()),
                Err(err) => {
                    warning = Some(Warning::new(
                        path,
                        Some(1),
                        format!("{err}; indexed undated"),
                    ));
                    (None, title.to_string())
                }
            }
        }
        _ => (None, first.to_string()),
    };
    let body = rest.trim().to_string();
    let article = Article {
        id: id.to_string(),
        path: path.to_string(),
        line: None,
        date,
        title,
        body,
        source: None,
    };
    Ok((article, warning))
}

/// Reads a JSONL stream: its first [`decode::STREAM_SNIFF_BYTES`] decide whether it is binary
/// and its encoding, for the whole file; a file that is not UTF-8 is decoded as it streams.
fn read_jsonl(
    shown: &str,
    reader: &mut dyn BufRead,
    options: &ReadOptions,
    want: &mut dyn FnMut(usize, u64) -> bool,
    sink: &mut dyn FnMut(Item),
) -> u64 {
    let mut prefix = Vec::new();
    let sniffed = (&mut *reader)
        .take(decode::STREAM_SNIFF_BYTES as u64)
        .read_to_end(&mut prefix);
    // A stream that fails early (a truncated gzip file) still yields the lines before the
    // failure, which is then reported on the line it cut.
    let failed = sniffed.err();
    if let Some(verdict) = decode::binary_verdict(&prefix) {
        sink(Item::Warning(Warning::new(shown, None, verdict)));
        return 0;
    }
    let whole = failed.is_some() || prefix.len() < decode::STREAM_SNIFF_BYTES;
    let (encoding, bom) = decode::sniff(&prefix, whole);
    let rest: Box<dyn Read + '_> = match failed {
        Some(err) => Box::new(FailedReader(Some(err))),
        None => Box::new(reader),
    };
    let start = std::io::Cursor::new(&prefix[bom..]).chain(rest);
    if encoding == encoding_rs::UTF_8 {
        let mut lines = BufReader::with_capacity(256 * 1024, start);
        return read_jsonl_lines(shown, &mut lines, options, want, sink);
    }
    sink(Item::Warning(Warning::new(
        shown,
        None,
        decode::decoded_note(encoding, bom > 0),
    )));
    let decoded = decode::DecodeReader::new(start, encoding);
    let mut lines = BufReader::with_capacity(256 * 1024, decoded);
    read_jsonl_lines(shown, &mut lines, options, want, sink)
}

/// The articles and warnings (as shown) a reader gives its sink: for the readers' tests.
#[cfg(test)]
pub(crate) fn collect_items(
    read: impl FnOnce(&mut dyn FnMut(Item)),
) -> (Vec<Article>, Vec<String>) {
    let mut articles = Vec::new();
    let mut warnings = Vec::new();
    read(&mut |item| match item {
        Item::Article(article, warning) => {
            warnings.extend(warning.map(|w| w.to_string()));
            articles.push(article);
        }
        Item::Warning(warning) => warnings.push(warning.to_string()),
    });
    (articles, warnings)
}

/// A reader whose next read fails with the error a stream already gave.
struct FailedReader(Option<std::io::Error>);

impl Read for FailedReader {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        match self.0.take() {
            Some(err) => Err(err),
            None => Ok(0),
        }
    }
}

fn read_jsonl_lines(
    shown: &str,
    reader: &mut dyn BufRead,
    options: &ReadOptions,
    want: &mut dyn FnMut(usize, u64) -> bool,
    sink: &mut dyn FnMut(Item),
) -> u64 {
    let mut line_no = 0usize;
    let mut buf = Vec::new();
    let mut total = 0u64;
    let mut any_line = false;
    loop {
        buf.clear();
        line_no += 1;
        let read = (&mut *reader)
            .take(options.max_line_bytes as u64 + 1)
            .read_until(b'\n', &mut buf);
        match read {
            Ok(0) => break,
            Ok(_) => {}
            Err(err) => {
                sink(Item::Warning(Warning::new(
                    shown,
                    Some(line_no),
                    format!("{}; rest of file skipped", io_message(&err)),
                )));
                // Reported already: not also "empty file".
                any_line = true;
                break;
            }
        }
        if buf.len() > options.max_line_bytes && buf.last() != Some(&b'\n') {
            sink(Item::Warning(Warning::new(
                shown,
                Some(line_no),
                format!("line over the {} byte cap; skipped", options.max_line_bytes),
            )));
            // Discard the rest of the long line without holding it in memory.
            if let Err(err) = skip_line(reader) {
                sink(Item::Warning(Warning::new(
                    shown,
                    Some(line_no),
                    io_message(&err),
                )));
                break;
            }
            continue;
        }
        let content = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let content = content.strip_suffix(b"\r").unwrap_or(content);
        if content.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        any_line = true;
        if !want(
            line_no,
            content_hash(content) ^ options.fields.fingerprint(),
        ) {
            continue;
        }
        // The file's first bytes said UTF-8: a bad line further on is read with its bad bytes
        // replaced, not lost.
        let line = match std::str::from_utf8(content) {
            Ok(line) => std::borrow::Cow::Borrowed(line),
            Err(_) => {
                sink(Item::Warning(Warning::new(
                    shown,
                    Some(line_no),
                    "not valid UTF-8 though the file's first bytes are; bad bytes replaced",
                )));
                String::from_utf8_lossy(content)
            }
        };
        let fields = &options.fields;
        match parse_jsonl_line(shown, line_no, &line, fields, &options.date_formats) {
            Ok((article, warning)) => {
                total += (article.title.len() + article.body.len()) as u64;
                sink(Item::Article(article, warning));
            }
            Err(warning) => sink(Item::Warning(warning)),
        }
    }
    if !any_line {
        sink(Item::Warning(Warning::new(
            shown,
            None,
            "empty file; skipped",
        )));
    }
    total
}

fn skip_line(reader: &mut dyn BufRead) -> std::io::Result<()> {
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok(());
        }
        match available.iter().position(|&b| b == b'\n') {
            Some(at) => {
                reader.consume(at + 1);
                return Ok(());
            }
            None => {
                let n = available.len();
                reader.consume(n);
            }
        }
    }
}

/// Parses one JSONL line: the id, title, date, body and source under the keys `fields` names
/// (by default `id`/`_id`/`url`..., `title`/`headline`, `date`/`published`/`publishedAt`...,
/// `body`/`text`/`content`/`article`/`description`, `source`...; any case; dotted paths).
///
/// A missing id becomes `line-N`; a missing date gives an undated article; an unreadable date
/// an undated article and a warning. A line that is not a JSON object, or has no text at all,
/// is an error.
pub fn parse_jsonl_line(
    path: &str,
    line_no: usize,
    line: &str,
    fields: &FieldMap,
    date_formats: &[String],
) -> Result<(Article, Option<Warning>), Warning> {
    let bad = |message: String| Warning::new(path, Some(line_no), message);
    let value: serde_json::Value = serde_json::from_str(line)
        .map_err(|err| bad(format!("not valid JSON ({err}); line skipped")))?;
    let serde_json::Value::Object(object) = value else {
        return Err(bad("not a JSON object; line skipped".to_string()));
    };
    let values = json::object_values(&object, fields)
        .map_err(|problem| bad(format!("{problem}; line skipped")))?;
    let title = values.title.unwrap_or_default();
    let body = values.body.unwrap_or_default();
    if title.trim().is_empty() && body.trim().is_empty() {
        return Err(bad("no title or body text; line skipped".to_string()));
    }
    let mut warning = None;
    let date = match values.date {
        Some(raw) => match parse_date(&raw, date_formats) {
            Ok(date) => Some(date),
            Err(err) => {
                warning = Some(bad(format!("{err}; indexed undated")));
                None
            }
        },
        None => None,
    };
    Ok((
        Article {
            id: values.id.unwrap_or_else(|| format!("line-{line_no}")),
            path: path.to_string(),
            line: Some(line_no),
            date,
            title: title.trim().to_string(),
            body: body.trim().to_string(),
            source: values.source.as_deref().and_then(normalise_source),
        },
        warning,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_file_name_that_is_not_utf8_is_still_an_article_file() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        // "café.txt" in Latin-1, as old archives name files; and a hidden one.
        let latin1 = dir.path().join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"));
        std::fs::write(&latin1, " date 2022-01-03 Title\n\nBody.\n").unwrap();
        let hidden = dir.path().join(std::ffi::OsStr::from_bytes(b".h\xe9.txt"));
        std::fs::write(&hidden, " date 2022-01-03 Title\n\nBody.\n").unwrap();
        let walk = walk(&[dir.path().to_path_buf()]);
        let files: Vec<&PathBuf> = walk.files.iter().map(|(path, _)| path).collect();
        assert_eq!(files, [&latin1]);
        assert_eq!(walk.skipped, 0);
    }

    #[test]
    fn counted_reads_add_up_to_the_file_size_compressed_or_not() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("a.jsonl");
        std::fs::write(&plain, "{\"id\": \"a\", \"body\": \"one\"}\n".repeat(500)).unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&std::fs::read(&plain).unwrap()).unwrap();
        let zipped = dir.path().join("b.jsonl.gz");
        std::fs::write(&zipped, gz.finish().unwrap()).unwrap();
        for path in [plain, zipped] {
            let counted = std::cell::Cell::new(0u64);
            let mut articles = 0;
            read_file_counted(
                &path,
                &ReadOptions::default(),
                &|n| counted.set(counted.get() + n),
                &mut |_, _| true,
                &mut |item| articles += matches!(item, Item::Article(..)) as usize,
            );
            assert_eq!(articles, 500, "{path:?}");
            assert_eq!(
                counted.get(),
                std::fs::metadata(&path).unwrap().len(),
                "{path:?}"
            );
        }
    }

    #[test]
    fn a_truncated_gzip_jsonl_keeps_the_lines_before_the_cut() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let lines: String = (0..1000)
            .map(|n| format!("{{\"id\": \"a{n}\", \"body\": \"text {n}\"}}\n"))
            .collect();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(lines.as_bytes()).unwrap();
        let mut bytes = gz.finish().unwrap();
        bytes.truncate(bytes.len() - 10);
        let path = dir.path().join("cut.jsonl.gz");
        std::fs::write(&path, bytes).unwrap();
        let mut articles = 0;
        let mut warnings = Vec::new();
        read_file(&path, &ReadOptions::default(), &mut |item| match item {
            Item::Article(..) => articles += 1,
            Item::Warning(warning) => warnings.push(warning.to_string()),
        });
        // Inside the first 64 KB, which decide the encoding: all but the cut line, named.
        assert!(articles > 990, "{articles} {warnings:?}");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let cut = format!("line {}: ", articles + 1);
        assert!(
            warnings[0].contains(&cut) && warnings[0].ends_with("; rest of file skipped"),
            "{warnings:?}"
        );
    }

    #[test]
    fn txt_with_leading_space_date_line() {
        let text = " date 2022-01-03 Deep differences\n\nFirst para.\n\nSecond para.\n";
        let (article, warning) = parse_txt("a.txt", "a", text, &[]).unwrap();
        assert_eq!(warning, None);
        assert_eq!(article.title, "Deep differences");
        assert_eq!(article.date.unwrap().display(), "2022-01-03");
        assert_eq!(article.body, "First para.\n\nSecond para.");
    }

    #[test]
    fn txt_without_date_line_is_undated_with_first_line_as_title() {
        let (article, warning) = parse_txt("a.txt", "a", "Just a title\n\nBody", &[]).unwrap();
        assert_eq!(warning, None);
        assert_eq!(article.date, None);
        assert_eq!(article.title, "Just a title");
        assert_eq!(article.body, "Body");
    }

    #[test]
    fn txt_with_bad_date_warns_and_keeps_article() {
        let (article, warning) =
            parse_txt("x.txt", "x", " date 2022-13-45 Title here\n\nBody", &[]).unwrap();
        assert_eq!(article.date, None);
        assert_eq!(article.title, "Title here");
        let warning = warning.unwrap();
        assert_eq!(warning.line, Some(1));
        assert!(
            warning.to_string().starts_with("x.txt: line 1: "),
            "{warning}"
        );
    }

    #[test]
    fn empty_txt_is_an_error() {
        let err = parse_txt("e.txt", "e", "  \n\n", &[]).unwrap_err();
        assert_eq!(err.to_string(), "e.txt: empty file; skipped");
    }

    #[test]
    fn jsonl_fields_and_aliases() {
        let line = r#"{"_id": 42, "title": "T", "text": "Body", "date": "1990"}"#;
        let (article, warning) =
            parse_jsonl_line("c.jsonl", 3, line, &FieldMap::default(), &[]).unwrap();
        assert_eq!(warning, None);
        assert_eq!(article.id, "42");
        assert_eq!(article.line, Some(3));
        assert_eq!(article.date.unwrap().precision, DatePrecision::Year);
        assert_eq!(article.body, "Body");
    }

    #[test]
    fn jsonl_errors_name_the_line() {
        let cases = [
            ("not json", "not valid JSON"),
            ("[1,2]", "not a JSON object"),
            (r#"{"id": "a", "body": 5.5e400}"#, "not valid JSON"),
            (
                r#"{"id": "a", "body": ["x"]}"#,
                "field \"body\" is an array",
            ),
            (r#"{"id": "a"}"#, "no title or body text"),
        ];
        for (line, expected) in cases {
            let err = parse_jsonl_line("c.jsonl", 7, line, &FieldMap::default(), &[]).unwrap_err();
            assert_eq!(err.line, Some(7), "{line}");
            assert!(err.message.contains(expected), "{line}: {}", err.message);
        }
    }

    #[test]
    fn jsonl_unreadable_date_is_undated_with_warning() {
        let line = r#"{"id": "a", "title": "T", "body": "B", "date": "99999"}"#;
        let (article, warning) =
            parse_jsonl_line("c.jsonl", 2, line, &FieldMap::default(), &[]).unwrap();
        assert_eq!(article.date, None);
        assert!(warning.unwrap().message.contains("indexed undated"));
    }

    #[test]
    fn source_formats_by_name() {
        let cases = [
            ("a.txt", Some((SourceFormat::Txt, false))),
            ("a.TXT", Some((SourceFormat::Txt, false))),
            ("a.txt.gz", Some((SourceFormat::Txt, true))),
            ("a.jsonl", Some((SourceFormat::Jsonl, false))),
            ("a.jsonl.gz", Some((SourceFormat::Jsonl, true))),
            ("SOURCES.md", None),
            ("a.gz", None),
        ];
        for (name, expected) in cases {
            assert_eq!(source_format(Path::new(name)), expected, "{name}");
        }
    }

    #[test]
    fn content_hash_is_stable_and_sees_every_byte() {
        // Changing this function makes every file look changed once: a full re-read, never a
        // wrong index.
        assert_eq!(content_hash(b""), content_hash(b""));
        assert_ne!(content_hash(b"abcdefgh1"), content_hash(b"abcdefgh2"));
        assert_ne!(content_hash(b"abcdefgh"), content_hash(b"abcdefgi"));
        assert_ne!(content_hash(b"a"), content_hash(b"a\0"));
        assert_ne!(content_hash(b""), content_hash(b"\0"));
    }

    #[test]
    fn read_file_with_skips_lines_it_is_told_to() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.jsonl");
        std::fs::write(
            &path,
            "{\"id\": \"a\", \"body\": \"one\"}\r\n\n{\"id\": \"b\", \"body\": \"two\"}",
        )
        .unwrap();
        let mut asked = Vec::new();
        let mut ids = Vec::new();
        read_file_with(
            &path,
            &ReadOptions::default(),
            &mut |line, hash| {
                asked.push((line, hash));
                line != 1
            },
            &mut |item| {
                if let Item::Article(article, _) = item {
                    ids.push(article.id);
                }
            },
        );
        // Blank lines are not asked about; the hash excludes the line break.
        assert_eq!(
            asked,
            [
                (1, content_hash(br#"{"id": "a", "body": "one"}"#)),
                (3, content_hash(br#"{"id": "b", "body": "two"}"#))
            ]
        );
        assert_eq!(ids, ["b"]);
    }

    #[test]
    fn soft_hyphens_and_stray_byte_order_marks_leave_every_format() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        let line = r#"{"id": "a", "title": "Mar\u00adgit Ols\u00aden", "body": "\ufeffMar\u00adgit Ols\u00aden spoke."}"#;
        std::fs::write(&path, line).unwrap();
        let (articles, warnings) =
            collect_items(|sink| _ = read_file(&path, &ReadOptions::default(), sink));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(articles[0].title, "Margit Olsen");
        assert_eq!(articles[0].body, "Margit Olsen spoke.");
        let mut plain = String::from("untouched");
        drop_invisible(&mut plain);
        assert_eq!(plain, "untouched");
    }

    #[test]
    fn article_key_separates_path_and_id() {
        assert_ne!(article_key("a", "bc"), article_key("ab", "c"));
        assert_eq!(article_key("a", "b"), article_key("a", "b"));
        assert_eq!(txt_id(Path::new("x/2021_putin.txt.gz")), "2021_putin");
    }
}
