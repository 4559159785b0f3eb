//! The main text of a news web page: the article body as paragraphs, without the page's
//! furniture (captions, related links, bylines, share and newsletter boxes, comments).
//!
//! [`main_text`] asks `dom_smoothie` (a port of Mozilla's Readability) for the article's
//! markup, then drops what the page's own markup marks as not the article: furniture elements
//! (`figcaption`, `aside`, `nav`, `footer`, `form`), blocks whose class or id names their role
//! (`caption`, `related`, `share`, `byline`, `comment`, ...), and blocks made mostly of links.
//! No rule may take away most of the text: a page that wraps its body in `class="share-on"`
//! keeps its body. A page with too little text left (a section front, an index page) has no
//! main text.

use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};

use dom_query::{Document, NodeId, NodeRef};

/// Fewer bytes of prose than this and the page holds no article: a section front's
/// headlines, a cookie notice, a list of links (a front page's teasers are dropped as links;
/// what is left is a line or two).
const MIN_PROSE_BYTES: usize = 200;

/// Sentence marks of the scripts news is written in.
const SENTENCE_MARKS: [char; 8] = [
    '.', '!', '?', '\u{3002}', '\u{ff01}', '\u{ff1f}', '\u{61f}', '\u{964}',
];

/// The bytes of a text's paragraphs that read as prose (40 characters or more, with a
/// sentence mark in them), so that a list of headlines or links is no article.
fn prose_bytes(paragraphs: &[String]) -> usize {
    paragraphs
        .iter()
        .filter(|p| p.chars().count() >= 40 && p.contains(SENTENCE_MARKS))
        .map(String::len)
        .sum()
}

/// A block at least this share of the article's text is the article, whatever its class says.
const MAX_REMOVED_SHARE: f64 = 0.5;

/// A block whose text is more than this share link text is a list of links to elsewhere.
const MAX_LINK_DENSITY: f64 = 0.5;

/// Pages larger than this are cut before parsing: no article needs more, and the cost of the
/// extraction grows with the page.
const MAX_HTML_BYTES: usize = 4 * 1024 * 1024;

/// Elements deeper than this are flattened before parsing, so that no recursion in the
/// extractor can run out of stack on a hostile page (the deepest page of the dev set nests
/// about 300 deep).
const MAX_DEPTH: usize = 1000;

/// The stack of the thread that runs the extraction: ample for [`MAX_DEPTH`] levels.
const EXTRACTION_STACK_BYTES: usize = 256 * 1024 * 1024;

/// Elements that are never the article's text, wherever they are.
const FURNITURE_TAGS: &[&str] = &[
    "figcaption",
    "figure",
    "aside",
    "nav",
    "footer",
    "form",
    "button",
    "select",
    "textarea",
    "input",
    "label",
    "iframe",
    "object",
    "embed",
    "video",
    "audio",
    "svg",
    "script",
    "style",
    "noscript",
    "template",
];

/// Words of a class or id that name a block as furniture (matched against each word of the
/// attribute, split at `-`, `_`, spaces and lower-to-upper case changes).
const FURNITURE_WORDS: &[&str] = &[
    "caption",
    "credit",
    "credits",
    "related",
    "share",
    "sharing",
    "social",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "promo",
    "byline",
    "author",
    "bio",
    "comment",
    "comments",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "sponsor",
    "sponsored",
    "tags",
    "breadcrumb",
    "breadcrumbs",
    "recommended",
    "outbrain",
    "taboola",
    "readmore",
    "tweet",
    "copyright",
    "disclaimer",
    "toolbar",
    "popup",
    "modal",
    "cookie",
    "date",
    "dateline",
    "timestamp",
];

/// A paragraph this short (in characters) may be a line of furniture: a time stamp, a repeated
/// call to sign up, a copyright line.
const SHORT_LINE_CHARS: usize = 80;

/// Elements whose content is never text to read.
const NOT_TEXT_TAGS: &[&str] = &["script", "style", "noscript", "template", "svg"];

/// Elements that start and end a paragraph of the rendered text.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "br",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// The article body of a news page as paragraphs separated by a blank line, or `None` when the
/// page holds no article text (a section front, an index page, not HTML at all).
///
/// `url` is the page's address, used only to resolve relative links; a value that is not an
/// absolute URL is ignored. Never panics: a failure inside the extractor is `None`.
pub fn main_text(html: &str, url: Option<&str>) -> Option<String> {
    read_page(html, url).map(|page| page.text)
}

/// A news page's main text and what the extractor read about the page around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageText {
    /// The article body, as [`main_text`] returns it.
    pub text: String,
    /// The headline the extractor found (JSON-LD, Open Graph, `<title>` or the page's heading).
    pub title: String,
    /// The publication time as the page wrote it (JSON-LD `datePublished`, meta tags).
    pub published: Option<String>,
    /// The site's name (JSON-LD publisher, `og:site_name`).
    pub site_name: Option<String>,
    /// The page's own address, when it gives one.
    pub url: Option<String>,
}

/// [`main_text`] with the page's title, date, site and address as the extractor read them.
pub fn read_page(html: &str, url: Option<&str>) -> Option<PageText> {
    // The extractor walks the tree recursively in places: a thread of its own with a large
    // stack (reserved, not used, unless a page is deep) keeps a deep page from overflowing the
    // caller's stack, which would abort the process rather than panic.
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("article-text".to_string())
            .stack_size(EXTRACTION_STACK_BYTES)
            .spawn_scoped(scope, || {
                catch_unwind(AssertUnwindSafe(|| extract(html, url)))
                    .ok()
                    .flatten()
            })
            .ok()?
            .join()
            .ok()
            .flatten()
    })
}

fn extract(html: &str, url: Option<&str>) -> Option<PageText> {
    let html = bounded(html);
    let config = dom_smoothie::Config {
        keep_classes: true,
        ..Default::default()
    };
    let url = url.filter(|url| url.starts_with("http://") || url.starts_with("https://"));
    let mut readability = dom_smoothie::Readability::new(html.as_ref(), url, Some(config.clone()))
        .or_else(|_| dom_smoothie::Readability::new(html.as_ref(), None, Some(config)))
        .ok()?;
    let article = readability.parse().ok()?;
    let content = Document::from(article.content);
    drop_furniture(&content);
    let paragraphs = drop_furniture_lines(render(&content.root()));
    (prose_bytes(&paragraphs) >= MIN_PROSE_BYTES).then(|| PageText {
        text: paragraphs.join("\n\n"),
        title: article.title.trim().to_string(),
        published: article.published_time.clone(),
        site_name: article.site_name.clone(),
        url: article.url.clone(),
    })
}

/// The page, cut to [`MAX_HTML_BYTES`] and with tags nested deeper than [`MAX_DEPTH`] removed
/// (their text stays). Borrowed unchanged when neither limit is reached.
fn bounded(html: &str) -> std::borrow::Cow<'_, str> {
    let mut end = html.len().min(MAX_HTML_BYTES);
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    let html = &html[..end];
    if max_tag_depth(html) <= MAX_DEPTH {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut depth = 0usize;
    for_each_tag(html, |piece, tag| match tag {
        Some(Tag::Open) => {
            depth += 1;
            if depth <= MAX_DEPTH {
                out.push_str(piece);
            }
        }
        Some(Tag::Close) => {
            if depth <= MAX_DEPTH {
                out.push_str(piece);
            }
            depth = depth.saturating_sub(1);
        }
        None => out.push_str(piece),
    });
    std::borrow::Cow::Owned(out)
}

#[derive(Clone, Copy, PartialEq)]
enum Tag {
    Open,
    Close,
}

/// How deep start tags nest, counting a start tag without its end tag as still open (an upper
/// bound of the parsed tree's depth, up to the void elements, which are not counted).
fn max_tag_depth(html: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for_each_tag(html, |_, tag| match tag {
        Some(Tag::Open) => {
            depth += 1;
            max = max.max(depth);
        }
        Some(Tag::Close) => depth = depth.saturating_sub(1),
        None => {}
    });
    max
}

/// Calls `f` on each piece of `html`: a start or end tag of an element that can nest without
/// bound, or the text (and other markup) between them.
fn for_each_tag<'a>(html: &'a str, mut f: impl FnMut(&'a str, Option<Tag>)) {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param",
    ];
    // Elements whose end tag may be left out (`<p>a<p>b`): the parser closes them by itself,
    // so they do not nest without bound; counting them would count sloppy markup as depth.
    const OPTIONAL_END: &[&str] = &[
        "p", "li", "td", "th", "tr", "dt", "dd", "option", "optgroup", "tbody", "thead", "tfoot",
        "colgroup", "rt", "rp", "html", "head", "body",
    ];
    let bytes = html.as_bytes();
    let (mut start, mut at) = (0, 0);
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'<') {
        let open = at + offset;
        let Some(length) = bytes[open..].iter().position(|&b| b == b'>') else {
            break;
        };
        let close = open + length + 1;
        let inner = &html[open + 1..close - 1];
        let (is_end, name_part) = match inner.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, inner),
        };
        let name: String = name_part
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let tag = if name.is_empty()
            || VOID.contains(&name.as_str())
            || OPTIONAL_END.contains(&name.as_str())
        {
            None
        } else if is_end {
            Some(Tag::Close)
        } else if inner.ends_with('/') {
            None
        } else {
            Some(Tag::Open)
        };
        if let Some(tag) = tag {
            if start < open {
                f(&html[start..open], None);
            }
            f(&html[open..close], Some(tag));
            start = close;
        }
        at = close;
    }
    if start < html.len() {
        f(&html[start..], None);
    }
}

/// Letters and digits of a subtree, and how many of them are inside links.
#[derive(Clone, Copy, Default)]
struct TextCount {
    text: usize,
    link: usize,
}

/// Removes from the article's markup every block that the page marks as furniture, unless it
/// holds most of the text.
fn drop_furniture(doc: &Document) {
    let nodes: Vec<NodeRef> = doc.root().descendants_it().collect();
    let counts = text_counts(&nodes);
    let total = counts
        .get(&doc.root().id)
        .map_or(0, |count| count.text)
        .max(1);
    let mut removed: HashSet<NodeId> = HashSet::new();
    let mut to_remove = Vec::new();
    for node in &nodes {
        if !node.is_element() {
            continue;
        }
        if node
            .parent()
            .is_some_and(|parent| removed.contains(&parent.id))
        {
            removed.insert(node.id);
            continue;
        }
        let count = counts.get(&node.id).copied().unwrap_or_default();
        if count.text as f64 > MAX_REMOVED_SHARE * total as f64 {
            continue;
        }
        if is_furniture(node, count) {
            removed.insert(node.id);
            to_remove.push(*node);
        }
    }
    for node in to_remove {
        node.remove_from_parent();
    }
}

/// Whether one element (not most of the text) is furniture by its tag, its class or id, or
/// its links.
fn is_furniture(node: &NodeRef, count: TextCount) -> bool {
    let Some(name) = node.node_name() else {
        return false;
    };
    if FURNITURE_TAGS.contains(&name.as_ref()) {
        return true;
    }
    for attr in ["class", "id"] {
        if let Some(value) = node.attr(attr) {
            if names_furniture(&value) {
                return true;
            }
        }
    }
    let is_link_block = matches!(
        name.as_ref(),
        "p" | "li" | "ul" | "ol" | "div" | "section" | "table" | "dl" | "span"
    );
    is_link_block && count.text > 0 && count.link as f64 > MAX_LINK_DENSITY * count.text as f64
}

/// Whether a class or id value has a word of [`FURNITURE_WORDS`].
fn names_furniture(value: &str) -> bool {
    words_of(value)
        .iter()
        .any(|word| FURNITURE_WORDS.contains(&word.as_str()))
}

/// The words of a class or id: split at anything but letters and digits and where a lowercase
/// letter meets an uppercase one (`relatedLinks`), lowercased; each pair of neighbouring words
/// is also given joined (`read-more` gives `readmore`).
fn words_of(value: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in value.chars() {
        if !c.is_alphabetic() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        previous_lower = c.is_lowercase();
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    let pairs: Vec<String> = words.windows(2).map(|pair| pair.concat()).collect();
    words.extend(pairs);
    words
}

/// The text counts of every node, from the leaves up (`nodes` in document order).
fn text_counts(nodes: &[NodeRef]) -> HashMap<NodeId, TextCount> {
    let mut counts: HashMap<NodeId, TextCount> = HashMap::with_capacity(nodes.len());
    for node in nodes.iter().rev() {
        let mut count = counts.get(&node.id).copied().unwrap_or_default();
        if node.is_text() {
            count.text = node.text().chars().filter(|c| c.is_alphanumeric()).count();
        } else if node.has_name("a") {
            count.link = count.text;
        }
        counts.insert(node.id, count);
        if let Some(parent) = node.parent() {
            let entry = counts.entry(parent.id).or_default();
            entry.text += count.text;
            entry.link += count.link;
        }
    }
    counts
}

/// The text under `root` as paragraphs: a block element starts and ends one, runs of
/// whitespace are one space.
fn render(root: &NodeRef) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut stack: Vec<(NodeRef, bool)> = vec![(*root, true)];
    while let Some((node, entering)) = stack.pop() {
        if node.is_text() {
            push_text(&mut current, &node.text());
            continue;
        }
        let is_block = node
            .node_name()
            .is_some_and(|name| BLOCK_TAGS.contains(&name.as_ref()));
        if is_block {
            end_paragraph(&mut current, &mut paragraphs);
        }
        if entering && (node.is_element() || node.is_document()) {
            if node
                .node_name()
                .is_some_and(|name| NOT_TEXT_TAGS.contains(&name.as_ref()))
            {
                continue;
            }
            stack.push((node, false));
            let children: Vec<NodeRef> = node.children_it(true).collect();
            stack.extend(children.into_iter().map(|child| (child, true)));
        }
    }
    end_paragraph(&mut current, &mut paragraphs);
    paragraphs
}

/// Drops the paragraphs that are furniture by their text alone: a short paragraph printed more
/// than once (a repeated call to sign up), a copyright line, a line that is only a date or a
/// time stamp.
fn drop_furniture_lines(paragraphs: Vec<String>) -> Vec<String> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for paragraph in &paragraphs {
        *seen.entry(paragraph.as_str()).or_default() += 1;
    }
    let keep: Vec<bool> = paragraphs
        .iter()
        .map(|paragraph| {
            let short = paragraph.chars().count() <= SHORT_LINE_CHARS;
            let repeated = seen.get(paragraph.as_str()).is_some_and(|&n| n > 1);
            !(short && repeated
                || is_copyright_line(paragraph)
                || short && is_time_stamp(paragraph))
        })
        .collect();
    paragraphs
        .into_iter()
        .zip(keep)
        .filter_map(|(paragraph, keep)| keep.then_some(paragraph))
        .collect()
}

/// A copyright notice: `© 2019 ...`, `Copyright 2024 ...`, or a short line with `©`.
fn is_copyright_line(paragraph: &str) -> bool {
    let start: String = paragraph.chars().take(9).collect::<String>().to_lowercase();
    start.starts_with('©')
        || start.starts_with("copyright")
        || (paragraph.contains('©') && paragraph.chars().count() <= 2 * SHORT_LINE_CHARS)
}

/// A line made of a date or a time and little else (`22 Dec, 2016`, `Updated: August 13, 2010,
/// 5:02 PM ET`): a year and another number among at most six words.
fn is_time_stamp(paragraph: &str) -> bool {
    let words: Vec<&str> = paragraph
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    let numbers = words
        .iter()
        .filter(|word| word.chars().all(|c| c.is_ascii_digit()))
        .count();
    let has_year = words.iter().any(|word| {
        word.len() == 4
            && (word.starts_with("19") || word.starts_with("20"))
            && word.chars().all(|c| c.is_ascii_digit())
    });
    has_year && numbers >= 2 && words.len() - numbers <= 6
}

/// Appends text to a paragraph, whitespace collapsed.
fn push_text(paragraph: &mut String, text: &str) {
    let mut space = text.starts_with(char::is_whitespace);
    for word in text.split_whitespace() {
        if space && !paragraph.is_empty() && !paragraph.ends_with(' ') {
            paragraph.push(' ');
        }
        paragraph.push_str(word);
        space = true;
    }
    if text.ends_with(char::is_whitespace) && !paragraph.is_empty() && !paragraph.ends_with(' ') {
        paragraph.push(' ');
    }
}

/// Closes the current paragraph, keeping it if it has any text.
fn end_paragraph(current: &mut String, paragraphs: &mut Vec<String>) {
    let text = current.trim();
    if !text.is_empty() {
        paragraphs.push(text.to_string());
    }
    current.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: [&str; 4] = [
        "The city council voted on Tuesday to rebuild the old harbour bridge, ending a debate that had divided the town for more than a decade and delayed repairs to the crossing.",
        "Engineers had warned since 2015 that the steel frame was corroding faster than expected, and heavy lorries have been barred from the bridge since the spring of last year.",
        "The new bridge will carry two lanes of traffic, a cycle path and a wider footway, and the council expects the work to take three years once the contracts are signed.",
        "Residents who opposed the plan said the money would be better spent on the ferry service, which they argue could carry more people at a fraction of the cost.",
    ];

    /// A news page: navigation, the headline, a byline, a photo with its caption, four
    /// paragraphs with a related-links box among them, a comment section and a footer.
    fn news_page() -> String {
        format!(
            r#"<!DOCTYPE html><html><head><title>Council backs new harbour bridge</title></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>Council backs new harbour bridge</h1>
<div class="article-byline">By Jane Doe, Transport Correspondent</div>
<figure><img src="bridge.jpg" alt=""><figcaption>The old bridge at dusk. Photograph: John Smith</figcaption></figure>
<p>{}</p>
<p>{}</p>
<div class="related-stories"><h3>More on this story</h3><ul>
<li><a href="/a">Ferry fares to rise again next year</a></li>
<li><a href="/b">Bridge closed to lorries after inspection</a></li></ul></div>
<p>{}</p>
<p>{}</p>
</article>
<section id="comments"><h2>Comments</h2>
<div class="comment"><p>About time too, the old bridge has been an eyesore for years and a danger to everyone who uses it.</p></div>
<div class="comment"><p>What a waste of money when the ferry works perfectly well for most of us in the town.</p></div>
</section></main>
<footer><p>Copyright 2024 The Harbour Gazette. All rights reserved.</p></footer>
</body></html>"#,
            BODY[0], BODY[1], BODY[2], BODY[3]
        )
    }

    #[test]
    fn the_body_is_kept_as_paragraphs_and_the_furniture_dropped() {
        let text = main_text(&news_page(), Some("https://example.com/news/bridge")).unwrap();
        assert_eq!(text, BODY.join("\n\n"));
    }

    #[test]
    fn captions_related_links_bylines_and_comments_are_dropped() {
        let text = main_text(&news_page(), None).unwrap();
        for furniture in [
            "Photograph",
            "Ferry fares to rise",
            "More on this story",
            "Jane Doe",
            "About time too",
            "Comments",
            "Copyright",
            "Sport",
        ] {
            assert!(!text.contains(furniture), "{furniture:?} in {text:?}");
        }
    }

    #[test]
    fn a_class_word_does_not_remove_the_body_it_wraps() {
        let page = news_page().replace("<article>", r#"<article class="has-share-bar">"#);
        let text = main_text(&page, None).unwrap();
        assert!(text.contains(BODY[0]) && text.contains(BODY[3]), "{text}");
    }

    #[test]
    fn time_stamps_copyright_and_repeated_calls_are_dropped() {
        let paragraphs = [
            "Sign up for our newsletter",
            "Updated: August 13, 2010, 5:02 PM ET",
            BODY[0],
            "The 2016 election",
            "Sign up for our newsletter",
            "© 2019 Science X Network",
            BODY[1],
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            drop_furniture_lines(paragraphs),
            [BODY[0], "The 2016 election", BODY[1]]
        );
    }

    #[test]
    fn class_words_split_at_case_and_punctuation() {
        assert!(names_furniture("relatedLinks"));
        assert!(names_furniture("c-read-more"));
        assert!(names_furniture("social_share"));
        assert!(!names_furniture("article-body"));
        assert!(!names_furniture("shared-content header"));
        assert!(!names_furniture("badge"));
    }

    #[test]
    fn a_section_front_has_no_main_text() {
        let teasers: String = (1..=12)
            .map(|n| {
                format!(
                    r#"<div class="teaser"><h3><a href="/story/{n}">Headline of story number {n} in today's news</a></h3><p><a href="/story/{n}">Read the full story about the events of the day</a></p></div>"#
                )
            })
            .collect();
        let page = format!(
            "<html><head><title>News</title></head><body><nav><a href=\"/\">Home</a></nav><main><h1>Latest news</h1>{teasers}</main><footer>Contact us</footer></body></html>"
        );
        assert_eq!(main_text(&page, None), None);
    }

    #[test]
    fn pages_without_an_article_have_no_main_text() {
        for page in [
            "",
            "plain text, no markup",
            "<html></html>",
            "<<<>>>",
            "\u{0}\u{feff}<p>",
        ] {
            assert_eq!(main_text(page, None), None, "{page:?}");
        }
    }

    #[test]
    fn deep_nesting_does_not_crash() {
        let depth = 50_000;
        let page = format!(
            "<html><body>{}<p>{}</p>{}</body></html>",
            "<div>".repeat(depth),
            BODY.join(" "),
            "</div>".repeat(depth)
        );
        let text = main_text(&page, None);
        assert!(text.is_some_and(|text| text.contains(BODY[0])));
    }

    #[test]
    fn a_huge_page_keeps_its_article() {
        let filler = "<div class=\"row\"><span>cell</span> <a href=\"/x\">link</a></div>\n";
        let mut page = news_page().replace("</footer>", "");
        while page.len() < 20 * 1024 * 1024 {
            page.push_str(filler);
        }
        let text = main_text(&page, None).expect("the article before the filler is found");
        assert!(text.contains(BODY[0]), "{text}");
    }

    #[test]
    fn an_oversized_page_is_cut_at_a_character_boundary() {
        let page = "é".repeat(MAX_HTML_BYTES);
        assert_eq!(bounded(&page).len(), MAX_HTML_BYTES);
    }

    #[test]
    fn tags_nested_too_deep_are_removed_and_their_text_kept() {
        let page = format!(
            "{}text{}",
            "<b>".repeat(MAX_DEPTH + 5),
            "</b>".repeat(MAX_DEPTH + 5)
        );
        let flat = bounded(&page);
        assert_eq!(max_tag_depth(&flat), MAX_DEPTH);
        assert!(flat.contains("text"));
        assert_eq!(max_tag_depth("<div>a<br>b<img src=x></div><hr/>"), 1);
        assert_eq!(max_tag_depth(&"<p>unclosed paragraph".repeat(5000)), 0);
    }
}
