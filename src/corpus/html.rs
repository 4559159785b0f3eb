//! HTML: a saved news page into one article (its main text, title, date, address and site),
//! navigation, ads, comments and boilerplate removed.
//!
//! The main text is [`article_text`]'s, read behind [`extract_page`] alone, so that the
//! extractor can be swapped without touching the readers: `.html` files here, WARC responses
//! in [`super::warc`], feed items' HTML in [`super::feed`] (which only needs [`fragment_text`]).

use std::path::Path;

use chrono::{Datelike, NaiveTime};
use dom_query::{Document, Selection};

use super::{
    article_text, content_hash, decode, normalise_source, parse_date, Article, ArticleDate,
};
use super::{DatePrecision, Item, Warning};
use crate::guard::recover;

/// What a page holds as an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The headline.
    pub title: String,
    /// The publication date, with the precision the page gave.
    pub date: Option<ArticleDate>,
    /// The page's canonical address (`<link rel=canonical>`, else `og:url`, else the address
    /// it was fetched from).
    pub url: Option<String>,
    /// The site's name (`og:site_name`), else the host of `url`.
    pub site: Option<String>,
    /// The main text, paragraphs separated by blank lines.
    pub body: String,
}

/// Why a page gave no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoArticle {
    /// The page has no main text (a section front, an index, an empty page).
    NoText,
    /// The extractor failed on the page, with its reason.
    Failed(String),
}

impl std::fmt::Display for NoArticle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoArticle::NoText => f.write_str("no article text (an index or section page?)"),
            NoArticle::Failed(why) => write!(f, "article extraction failed ({why})"),
        }
    }
}

/// The article of a page's HTML; `url` is where the page was fetched from, when known (a WARC
/// record's target). A panic inside the extractor costs this page alone.
pub fn extract_page(html: &str, url: Option<&str>) -> Result<Page, NoArticle> {
    match recover(|| extract_page_unguarded(html, url)) {
        Ok(result) => result,
        Err(_) => Err(NoArticle::Failed("the extractor panicked".to_string())),
    }
}

fn extract_page_unguarded(html: &str, url: Option<&str>) -> Result<Page, NoArticle> {
    // The address is not given to the extractor: a page reads the same saved as a file and
    // captured in an archive.
    let found = article_text::read_page(html, None).ok_or(NoArticle::NoText)?;
    let body = paragraphs(&found.text);
    let head = HeadMeta::read(html);
    let page_url = head
        .canonical
        .clone()
        .or_else(|| head.og_url.clone())
        .or_else(|| url.map(str::to_string))
        .or_else(|| found.url.clone().filter(|u| u.starts_with("http")));
    let site = head
        .site_name
        .clone()
        .or_else(|| found.site_name.as_deref().map(collapse))
        .or_else(|| page_url.as_deref().and_then(normalise_source));
    let date = head
        .date
        .or_else(|| found.published.as_deref().and_then(page_date))
        .or_else(|| page_url.as_deref().and_then(url_date));
    let title = head
        .og_title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(found.title);
    let title = without_site_name(&collapse(&title), site.as_deref());
    Ok(Page {
        title,
        date,
        url: page_url,
        site,
        body,
    })
}

/// The text of an HTML fragment (a feed item's content), block elements as paragraphs
/// separated by blank lines, scripts and styles dropped.
pub fn fragment_text(html: &str) -> String {
    if !html.contains(['<', '&']) {
        // Plain text: its lines as paragraphs.
        return paragraphs(html);
    }
    let document = Document::fragment(html);
    let mut out = String::new();
    let root = document.root();
    push_text(&Selection::from(root), &mut out);
    paragraphs(&out)
}

/// Appends the text under `selection`, a line break around each block element.
fn push_text(selection: &Selection, out: &mut String) {
    for node in selection.nodes() {
        for child in node.children() {
            if child.is_text() {
                let text = child.text();
                out.push_str(&text.replace(['\n', '\r', '\t'], " "));
            } else if child.is_element() {
                let name = child
                    .node_name()
                    .map(|n| n.to_ascii_lowercase())
                    .unwrap_or_default();
                if matches!(
                    name.as_str(),
                    "script" | "style" | "noscript" | "template" | "iframe"
                ) {
                    continue;
                }
                let block = matches!(
                    name.as_str(),
                    "p" | "div"
                        | "br"
                        | "li"
                        | "ul"
                        | "ol"
                        | "h1"
                        | "h2"
                        | "h3"
                        | "h4"
                        | "h5"
                        | "h6"
                        | "blockquote"
                        | "pre"
                        | "tr"
                        | "table"
                        | "section"
                        | "article"
                        | "figure"
                        | "figcaption"
                        | "hr"
                        | "dd"
                        | "dt"
                );
                if block {
                    out.push('\n');
                }
                push_text(&Selection::from(child), out);
                if block {
                    out.push('\n');
                }
            }
        }
    }
}

/// Lines of text as paragraphs: each non-blank line trimmed, inner whitespace collapsed,
/// separated by one blank line (what the passage splitter reads as paragraph breaks).
fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = collapse(line);
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&line);
    }
    out
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A page date the extractor read: a time of midnight UTC is a day (pages that give a bare
/// date as an instant), anything else as parsed.
fn page_date(written: &str) -> Option<ArticleDate> {
    let date = parse_date(written.trim(), &[]).ok()?;
    if date.precision == DatePrecision::Time && date.start.time() == NaiveTime::MIN {
        Some(ArticleDate {
            precision: DatePrecision::Day,
            ..date
        })
    } else {
        Some(date)
    }
}

/// A date written in a news address: `/2022/01/03/`, `/2022-01-03/`, `/20220103/`, or a month
/// `/2022/01/` (to the month).
pub fn url_date(url: &str) -> Option<ArticleDate> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok())
    };
    for (at, part) in parts.iter().enumerate() {
        // 2022-01-03 or 20220103 in one segment (perhaps followed by a slug).
        let head: String = part.chars().take(10).collect();
        for candidate in [head.as_str(), &part.chars().take(8).collect::<String>()] {
            if let Ok(date) = parse_date(candidate, &["%Y%m%d".to_string()]) {
                if date.precision == DatePrecision::Day && plausible(date.start.year()) {
                    return Some(date);
                }
            }
        }
        let Some(Some(year)) = number(part, 4) else {
            continue;
        };
        if !plausible(year as i32) {
            continue;
        }
        let month = parts.get(at + 1).and_then(|m| number(m, 2)).flatten();
        let day = parts.get(at + 2).and_then(|d| number(d, 2)).flatten();
        let text = match (month, day) {
            (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
            (Some(m), None) => format!("{year:04}-{m:02}"),
            _ => continue,
        };
        if let Ok(date) = parse_date(&text, &[]) {
            return Some(date);
        }
    }
    None
}

fn plausible(year: i32) -> bool {
    (1990..=2100).contains(&year)
}

/// What a page's `<head>` says about it, read apart from the main text.
#[derive(Debug, Default)]
struct HeadMeta {
    canonical: Option<String>,
    og_url: Option<String>,
    og_title: Option<String>,
    site_name: Option<String>,
    date: Option<ArticleDate>,
}

/// Date meta tags, most trusted first (`name`, `property` or `itemprop`, any case).
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "publish_date",
    "parsely-pub-date",
    "sailthru.date",
    "date",
];

impl HeadMeta {
    fn read(html: &str) -> HeadMeta {
        // The head alone: parsing it again costs little next to the whole page.
        let end = find_ignore_case(html, "</head").unwrap_or(html.len().min(64 * 1024));
        let mut end = end.min(html.len());
        while !html.is_char_boundary(end) {
            end -= 1;
        }
        let document = Document::from(&html[..end]);
        let mut meta = HeadMeta::default();
        for link in document.select("link[rel]").iter() {
            let rel = link.attr("rel").unwrap_or_default().to_ascii_lowercase();
            if rel.split_whitespace().any(|r| r == "canonical") && meta.canonical.is_none() {
                meta.canonical = link.attr("href").map(|h| h.trim().to_string());
                meta.canonical = meta.canonical.take().filter(|h| h.starts_with("http"));
            }
        }
        let mut dates: Vec<(usize, ArticleDate)> = Vec::new();
        for tag in document.select("meta[content]").iter() {
            let content = tag.attr("content").unwrap_or_default().trim().to_string();
            if content.is_empty() {
                continue;
            }
            for key in ["property", "name", "itemprop"] {
                let Some(name) = tag.attr(key) else { continue };
                let name = name.trim().to_ascii_lowercase();
                match name.as_str() {
                    "og:url" if meta.og_url.is_none() => meta.og_url = Some(content.clone()),
                    "og:title" if meta.og_title.is_none() => meta.og_title = Some(content.clone()),
                    "og:site_name" if meta.site_name.is_none() => {
                        meta.site_name = Some(collapse(&content))
                    }
                    _ => {}
                }
                if let Some(rank) = DATE_META.iter().position(|d| *d == name) {
                    if let Ok(date) = parse_date(&content, &[]) {
                        dates.push((rank, date));
                    }
                }
            }
        }
        meta.date = dates.into_iter().min_by_key(|(rank, _)| *rank).map(|d| d.1);
        meta
    }
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Reads a saved page (`.html`, `.htm`, gzipped or not) as one article, asking `want(0, hash)`
/// first (`hash` of the whole page). Its id is its canonical address, else the file name
/// without its extensions; its source the site. A page without article text is one warning.
/// Returns the bytes of article text read.
pub fn parse_html_file(
    shown: &str,
    path: &Path,
    bytes: &[u8],
    want: &mut dyn FnMut(usize, u64) -> bool,
    sink: &mut dyn FnMut(Item),
) -> u64 {
    if !want(0, content_hash(bytes)) {
        return 0;
    }
    if let Some(verdict) = decode::binary_verdict(bytes) {
        sink(Item::Warning(Warning::new(shown, None, verdict)));
        return 0;
    }
    let decoded = decode::decode_html(bytes, None);
    if let Some(note) = decoded.note {
        sink(Item::Warning(Warning::new(shown, None, note)));
    }
    match extract_page(&decoded.text, None) {
        Ok(page) => {
            let article = Article {
                id: page.url.clone().unwrap_or_else(|| page_file_id(path)),
                path: shown.to_string(),
                line: None,
                date: page.date,
                title: page.title,
                body: page.body,
                source: page.site,
            };
            let read = (article.title.len() + article.body.len()) as u64;
            sink(Item::Article(article, None));
            read
        }
        Err(why) => {
            sink(Item::Warning(Warning::new(
                shown,
                None,
                format!("{why}; skipped"),
            )));
            0
        }
    }
}

/// A headline without the site's name that pages append to it ("Talks resume | The Daily
/// Planet"): a separator (`|`, `-`, `–`, `—`, `·`, `:`) and the site's name at either end are
/// dropped, when a headline is left.
fn without_site_name(title: &str, site: Option<&str>) -> String {
    let Some(site) = site.map(str::trim).filter(|s| !s.is_empty()) else {
        return title.to_string();
    };
    const SEPARATORS: [char; 6] = ['|', '-', '\u{2013}', '\u{2014}', '\u{b7}', ':'];
    let trim = |s: &str| {
        s.trim_matches(|c: char| c.is_whitespace() || SEPARATORS.contains(&c))
            .to_string()
    };
    let (lower, site) = (title.to_lowercase(), site.to_lowercase());
    // Lowercasing can change byte lengths outside ASCII: only cut where both agree.
    if lower.len() != title.len() {
        return title.to_string();
    }
    if let Some(head) = lower.strip_suffix(&site) {
        if head.trim_end().ends_with(SEPARATORS) {
            let kept = trim(&title[..head.len()]);
            if !kept.is_empty() {
                return kept;
            }
        }
    }
    if let Some(tail) = lower.strip_prefix(&site) {
        if tail.trim_start().starts_with(SEPARATORS) {
            let kept = trim(&title[title.len() - tail.len()..]);
            if !kept.is_empty() {
                return kept;
            }
        }
    }
    title.to_string()
}

/// A page file's id without an address: its name without `.html`/`.htm` and `.gz`.
fn page_file_id(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lower = name.to_ascii_lowercase();
    for suffix in [".html.gz", ".htm.gz", ".html", ".htm"] {
        if lower.ends_with(suffix) {
            return name[..name.len() - suffix.len()].to_string();
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARAGRAPH: &str = "The harbour authority said on Tuesday that the new ferry \
        terminal would open in March, two years later than planned, after the contractor \
        ran into trouble with the foundations on the reclaimed land.";

    fn page(head: &str, body: &str) -> String {
        format!(
            "<!DOCTYPE html><html><head><title>Ferry terminal delayed | Harbour Gazette</title>\
             {head}</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a> \
             <a href='/sport'>Sport</a></nav><article><h1>Ferry terminal delayed</h1>{body}\
             </article><footer>Copyright Harbour Gazette. All rights reserved. \
             <a href='/privacy'>Privacy</a></footer></body></html>"
        )
    }

    fn article_body() -> String {
        format!(
            "<p>{PARAGRAPH}</p><p>Officials said the delay would cost the port about \
             four million euros in lost fees, money the city council has been asked to \
             cover from its reserves.</p><p>Passengers will keep using the old quay until \
             the work is finished, the authority said in a statement.</p>"
        )
    }

    #[test]
    fn a_news_page_gives_its_text_title_date_address_and_site() {
        let head = "<link rel='canonical' href='https://www.harbourgazette.example/news/ferry'>\
            <meta property='og:url' content='https://m.harbourgazette.example/ferry'>\
            <meta property='og:site_name' content='Harbour Gazette'>\
            <meta property='article:published_time' content='2024-03-05T09:30:00Z'>";
        let page = extract_page(&page(head, &article_body()), None).unwrap();
        assert_eq!(page.title, "Ferry terminal delayed");
        assert_eq!(page.date.unwrap().to_rfc3339(), "2024-03-05T09:30:00Z");
        assert_eq!(
            page.url.as_deref(),
            Some("https://www.harbourgazette.example/news/ferry")
        );
        assert_eq!(page.site.as_deref(), Some("Harbour Gazette"));
        let paragraphs: Vec<&str> = page.body.split("\n\n").collect();
        assert_eq!(paragraphs.len(), 3, "{}", page.body);
        assert_eq!(paragraphs[0], PARAGRAPH);
        assert!(!page.body.contains("Privacy") && !page.body.contains("Sport"));
    }

    #[test]
    fn without_canonical_the_og_url_and_its_host_name_the_page() {
        let head = "<meta property='og:url' content='https://www.harbourgazette.example/2024/03/05/ferry'>";
        let page = extract_page(&page(head, &article_body()), None).unwrap();
        assert_eq!(
            page.url.as_deref(),
            Some("https://www.harbourgazette.example/2024/03/05/ferry")
        );
        assert_eq!(page.site.as_deref(), Some("harbourgazette.example"));
        // No date tag: the address's date, to the day.
        assert_eq!(page.date.unwrap().display(), "2024-03-05");
    }

    #[test]
    fn a_date_tag_keeps_its_precision() {
        let head = "<meta name='dc.date' content='2024-03-05'>";
        let page = extract_page(&page(head, &article_body()), None).unwrap();
        assert_eq!(page.date.unwrap().precision, DatePrecision::Day);
    }

    #[test]
    fn an_index_page_has_no_article() {
        let links: String = (0..30)
            .map(|n| format!("<li><a href='/news/{n}'>Headline number {n}</a></li>"))
            .collect();
        let html =
            format!("<html><head><title>News</title></head><body><ul>{links}</ul></body></html>");
        assert_eq!(extract_page(&html, None), Err(NoArticle::NoText));
        assert!(extract_page("", None).is_err());
        assert!(extract_page("<html><body><p>Too short.</p></body></html>", None).is_err());
    }

    #[test]
    fn the_site_name_is_taken_off_a_headline_at_either_end() {
        let site = Some("Valley Courier");
        assert_eq!(
            without_site_name("Dam repairs begin | Valley Courier", site),
            "Dam repairs begin"
        );
        assert_eq!(
            without_site_name("VALLEY COURIER \u{2014} Dam repairs begin", site),
            "Dam repairs begin"
        );
        // A hyphen inside the headline, no site name, or only the site name: unchanged.
        assert_eq!(
            without_site_name("Cross-border trade rises", site),
            "Cross-border trade rises"
        );
        assert_eq!(
            without_site_name("Dam repairs begin", None),
            "Dam repairs begin"
        );
        assert_eq!(without_site_name("Valley Courier", site), "Valley Courier");
    }

    #[test]
    fn addresses_with_dates() {
        let cases = [
            ("https://example.com/2022/01/03/slug", Some("2022-01-03")),
            ("https://example.com/news/2022/01/slug", Some("2022-01")),
            ("https://example.com/2022-01-03-slug", Some("2022-01-03")),
            ("https://example.com/a/20220103/slug", Some("2022-01-03")),
            ("https://example.com/news/1234/slug", None),
            ("https://example.com/2022/13/40/x", None),
            ("https://example.com/", None),
        ];
        for (url, expected) in cases {
            assert_eq!(
                url_date(url).map(|d| d.display()).as_deref(),
                expected,
                "{url}"
            );
        }
    }

    #[test]
    fn fragments_keep_their_paragraphs() {
        let html = "<p>First <b>bold</b> point.</p><p>Second\npoint.<br>Third.</p>\
            <script>var x = 1;</script><ul><li>One</li><li>Two</li></ul>";
        assert_eq!(
            fragment_text(html),
            "First bold point.\n\nSecond point.\n\nThird.\n\nOne\n\nTwo"
        );
        assert_eq!(fragment_text("Plain &amp; simple"), "Plain & simple");
        assert_eq!(fragment_text("Line one\nLine two"), "Line one\n\nLine two");
        assert_eq!(fragment_text("A &amp; B<br/>C"), "A & B\n\nC");
    }

    #[test]
    fn a_page_file_is_named_by_its_address_else_its_file_name() {
        assert_eq!(page_file_id(Path::new("a/story.HTML.gz")), "story");
        assert_eq!(page_file_id(Path::new("story.htm")), "story");
        let (articles, warnings) = crate::corpus::collect_items(|sink| {
            parse_html_file(
                "x/story.html",
                Path::new("x/story.html"),
                page("", &article_body()).as_bytes(),
                &mut |_, _| true,
                sink,
            );
        });
        assert_eq!(warnings, Vec::<String>::new());
        assert_eq!(articles[0].id, "story");
        let (articles, warnings) = crate::corpus::collect_items(|sink| {
            parse_html_file(
                "x/index.html",
                Path::new("x/index.html"),
                b"<html><body><a href=/>Home</a></body></html>",
                &mut |_, _| true,
                sink,
            );
        });
        assert!(articles.is_empty());
        assert_eq!(
            warnings,
            ["x/index.html: no article text (an index or section page?); skipped"]
        );
    }
}
