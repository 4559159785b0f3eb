//! Feeds: RSS and Atom (`.rss`, `.atom`, and `.xml` files that hold a feed) into one article
//! per item or entry, read with the `feed-rs` crate.
//!
//! Each item is asked about by its position in the feed and the hash of what it says, so a
//! feed fetched again re-reads only its new and changed items.

use super::fnv::Fnv1a;
use super::html::fragment_text;
use super::{normalise_source, Article, ArticleDate, Item, Warning};

/// How many leading bytes of an `.xml` file decide whether it is a feed.
pub const FEED_SNIFF_BYTES: usize = 4096;

/// Whether an XML document that starts with `prefix` is a feed: its root element (after the
/// XML declaration, comments, processing instructions and a doctype) is `<rss>`, `<feed>` or
/// RSS 1.0's `<rdf:RDF>`.
pub fn is_feed(prefix: &[u8]) -> bool {
    let text = String::from_utf8_lossy(prefix);
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<?") {
            rest = after.split_once("?>").map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->").map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix("<!") {
            rest = after.split_once('>').map_or("", |(_, r)| r).trim_start();
        } else {
            break;
        }
    }
    let Some(tag) = rest.strip_prefix('<') else {
        return false;
    };
    let name: String = tag
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
        .collect();
    let local = name.rsplit(':').next().unwrap_or(&name);
    matches!(local, "rss" | "feed" | "RDF")
}

/// Reads a feed's bytes: each item or entry is an article (its title; `published`, else
/// `updated`; `content:encoded`/`content`, else the description or summary, as text; its link
/// as id, else its guid; the feed's title as source), asking `want(n, hash)` first (`n` the
/// item's position from 1). A feed that does not parse is one warning; an item without text
/// is a warning naming it. Returns the bytes of article text read.
pub fn parse_feed(
    path: &str,
    bytes: &[u8],
    want: &mut dyn FnMut(usize, u64) -> bool,
    sink: &mut dyn FnMut(Item),
) -> u64 {
    // A parser bug on an odd feed costs this feed alone.
    let parsed = crate::guard::recover(|| feed_rs::parser::parse(bytes));
    let Ok(parsed) = parsed else {
        sink(Item::Warning(Warning::new(
            path,
            None,
            "not a readable RSS or Atom feed (the parser failed on it); skipped",
        )));
        return 0;
    };
    let feed = match parsed {
        Ok(feed) => feed,
        Err(err) => {
            sink(Item::Warning(Warning::new(
                path,
                None,
                format!("not a readable RSS or Atom feed ({err}); skipped"),
            )));
            return 0;
        }
    };
    let source = feed
        .title
        .as_ref()
        .map(|t| fragment_text(&t.content))
        .and_then(|t| normalise_source(&t))
        .or_else(|| {
            feed.links
                .first()
                .and_then(|link| normalise_source(&link.href))
        });
    if feed.entries.is_empty() {
        sink(Item::Warning(Warning::new(
            path,
            None,
            "a feed with no items; skipped",
        )));
        return 0;
    }
    let mut total = 0u64;
    for (at, entry) in feed.entries.iter().enumerate() {
        let n = at + 1;
        let title = entry.title.as_ref().map(|t| t.content.as_str());
        let link = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .map(|l| l.href.trim());
        let html = entry
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref())
            .filter(|b| !b.trim().is_empty())
            .or_else(|| entry.summary.as_ref().map(|s| s.content.as_str()));
        let date = entry.published.or(entry.updated);
        let hash = Fnv1a::new()
            .write(title.unwrap_or_default().as_bytes())
            .write(&[0])
            .write(link.unwrap_or(&entry.id).as_bytes())
            .write(&[0])
            .write(html.unwrap_or_default().as_bytes())
            .write(&[0])
            .write(&date.map_or(0, |d| d.timestamp()).to_le_bytes())
            .write(source.as_deref().unwrap_or_default().as_bytes())
            .finish();
        if !want(n, hash) {
            continue;
        }
        let body = html.map(fragment_text).unwrap_or_default();
        let title = title.map(fragment_text).unwrap_or_default();
        if body.is_empty() {
            sink(Item::Warning(Warning::new(
                path,
                None,
                format!("item {n}: no text; skipped"),
            )));
            continue;
        }
        let id = match link {
            Some(link) if !link.is_empty() => link.to_string(),
            _ => entry.id.clone(),
        };
        let article = Article {
            id,
            path: path.to_string(),
            line: None,
            date: date.map(ArticleDate::from_instant),
            title: title.replace("\n\n", " "),
            body,
            source: source.clone(),
        };
        total += (article.title.len() + article.body.len()) as u64;
        sink(Item::Article(article, None));
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::collect_items;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour Gazette</title><link>https://harbourgazette.example/</link>
<item><title>Ferry terminal delayed</title>
<link>https://harbourgazette.example/news/ferry</link>
<guid isPermaLink="false">hg-1</guid>
<pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>The terminal opens in March.</p><p>Two years late.</p>]]></content:encoded>
</item>
<item><title>Quay closed</title><guid>hg-2</guid>
<description>&lt;p&gt;The old quay &amp;amp; its crane close.&lt;/p&gt;</description></item>
<item><title>Empty</title><guid>hg-3</guid></item>
</channel></rss>"#;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Courier</title>
<id>urn:uuid:feed</id><updated>2024-03-06T10:00:00Z</updated>
<entry><title>Bridge reopens</title><id>urn:uuid:1</id>
<link rel="alternate" href="https://valleycourier.example/bridge"/>
<published>2024-03-06T08:00:00+01:00</published><updated>2024-03-06T10:00:00Z</updated>
<summary>Summary only.</summary>
<content type="html">&lt;p&gt;The bridge reopened on Wednesday.&lt;/p&gt;</content></entry>
</feed>"#;

    #[test]
    fn rss_items_become_articles() {
        let (articles, warnings) = collect_items(|sink| {
            let _ = parse_feed("f.rss", RSS.as_bytes(), &mut |_, _| true, sink);
        });
        assert_eq!(warnings, ["f.rss: item 3: no text; skipped"]);
        assert_eq!(articles.len(), 2);
        let first = &articles[0];
        assert_eq!(first.id, "https://harbourgazette.example/news/ferry");
        assert_eq!(first.title, "Ferry terminal delayed");
        assert_eq!(
            first.body,
            "The terminal opens in March.\n\nTwo years late."
        );
        assert_eq!(first.date.unwrap().to_rfc3339(), "2024-03-05T09:30:00Z");
        assert_eq!(first.source.as_deref(), Some("harbour gazette"));
        assert_eq!(articles[1].id, "hg-2");
        assert_eq!(articles[1].body, "The old quay & its crane close.");
        assert_eq!(articles[1].date, None);
    }

    #[test]
    fn atom_entries_become_articles() {
        let (articles, warnings) = collect_items(|sink| {
            let _ = parse_feed("f.atom", ATOM.as_bytes(), &mut |_, _| true, sink);
        });
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(articles[0].id, "https://valleycourier.example/bridge");
        assert_eq!(articles[0].body, "The bridge reopened on Wednesday.");
        assert_eq!(
            articles[0].date.unwrap().to_rfc3339(),
            "2024-03-06T07:00:00Z"
        );
        assert_eq!(articles[0].source.as_deref(), Some("valley courier"));
    }

    #[test]
    fn unchanged_items_are_not_built_and_changed_ones_are() {
        let mut asked = Vec::new();
        parse_feed(
            "f.rss",
            RSS.as_bytes(),
            &mut |n, h| {
                asked.push((n, h));
                false
            },
            &mut |_| panic!("nothing wanted"),
        );
        assert_eq!(asked.len(), 3);
        let changed = RSS.replace("Two years late.", "Three years late.");
        let mut again = Vec::new();
        parse_feed(
            "f.rss",
            changed.as_bytes(),
            &mut |n, h| {
                again.push((n, h));
                false
            },
            &mut |_| (),
        );
        assert_ne!(asked[0], again[0]);
        assert_eq!(asked[1..], again[1..]);
    }

    #[test]
    fn a_broken_feed_is_one_warning() {
        let (articles, warnings) = collect_items(|sink| {
            let _ = parse_feed("b.rss", b"<rss><channel><item>", &mut |_, _| true, sink);
        });
        assert!(articles.is_empty());
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].starts_with("b.rss: "), "{warnings:?}");
    }

    #[test]
    fn feeds_are_told_from_other_xml_by_their_root() {
        assert!(is_feed(RSS.as_bytes()));
        assert!(is_feed(ATOM.as_bytes()));
        assert!(is_feed(
            b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- c -->\n<rdf:RDF xmlns:rdf='x'>"
        ));
        assert!(!is_feed(b"<?xml version='1.0'?><urlset><url/></urlset>"));
        assert!(!is_feed(b"<!DOCTYPE svg><svg></svg>"));
        assert!(!is_feed(b"not xml"));
    }
}
