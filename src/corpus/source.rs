//! The outlet an article comes from: one normalised name per outlet, so that a source facet
//! counts "Reuters", "reuters " and "www.reuters.com" pages under as few names as it can.

use std::path::Path;

use super::Article;

/// The normalised source of `raw` as an archive wrote it (a name, a host or a URL): `None`
/// when nothing is left. One outlet is one source: a web address or host becomes its host
/// without `www.` (`https://www.BBC.co.uk/news` is `bbc.co.uk`); a name is trimmed, its inner
/// whitespace collapsed, and lowercased (`The  Guardian` is `the guardian`).
pub fn normalise_source(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    if let Some(host) = host_of(raw) {
        return Some(host);
    }
    Some(
        raw.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase(),
    )
}

/// The lower-case host, without `www.` and port, of a web address (`scheme://host/...`) or of
/// a bare host name (`example.com/news`); `None` for anything else (an outlet's name).
fn host_of(raw: &str) -> Option<String> {
    let without_scheme = raw.split_once("://").map_or(raw, |(scheme, rest)| {
        if scheme.chars().all(|c| c.is_ascii_alphabetic()) {
            rest
        } else {
            raw
        }
    });
    let host = without_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or(without_scheme);
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    let host_like = !host.is_empty()
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
        && host
            .rsplit('.')
            .next()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    if !host_like {
        return None;
    }
    let host = host.to_ascii_lowercase();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_string())
}

/// The source an article is counted under: the one its file named (normalised), else the file
/// it came from. A file holding many articles (JSONL, CSV, JSON) is itself the source (its
/// name without extensions); a file holding one article (`.txt`) takes its folder's name,
/// the folder being where such archives keep one outlet's articles.
pub fn source_of(article: &Article) -> String {
    if let Some(named) = article.source.as_deref().and_then(normalise_source) {
        return named;
    }
    let path = Path::new(&article.path);
    let from_folder = matches!(
        super::source_format(path),
        Some((super::SourceFormat::Txt | super::SourceFormat::Html, _)) | None
    );
    let folder = path
        .parent()
        .and_then(Path::file_name)
        .map(|name| name.to_string_lossy());
    let name = match (from_folder, folder) {
        (true, Some(folder)) => folder.to_string(),
        _ => file_stem(path),
    };
    normalise_source(&name).unwrap_or_else(|| "unknown".to_string())
}

/// A file's name without its extensions (`reuters-1987.jsonl.gz` is `reuters-1987`).
fn file_stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().to_string())
        .unwrap_or_default();
    match name.find('.') {
        Some(0) | None => name,
        Some(at) => name[..at].to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(path: &str, line: Option<usize>, source: Option<&str>) -> Article {
        Article {
            id: "a".to_string(),
            path: path.to_string(),
            line,
            date: None,
            title: String::new(),
            body: "text".to_string(),
            source: source.map(str::to_string),
        }
    }

    #[test]
    fn one_outlet_written_several_ways_is_one_source() {
        for raw in ["Harbour Gazette", "  harbour   gazette ", "HARBOUR GAZETTE"] {
            assert_eq!(normalise_source(raw).as_deref(), Some("harbour gazette"));
        }
        for raw in [
            "https://www.Tidewater-Post.example/news/2022/01/a.html",
            "www.tidewater-post.example",
            "tidewater-post.example/world",
            "http://user@tidewater-post.example:8080/x",
        ] {
            assert_eq!(
                normalise_source(raw).as_deref(),
                Some("tidewater-post.example"),
                "{raw}"
            );
        }
        assert_eq!(normalise_source("   "), None);
    }

    #[test]
    fn sources_are_hosts_or_names_in_lower_case() {
        let cases = [
            ("https://www.BBC.co.uk/news/world", Some("bbc.co.uk")),
            ("WWW.Reuters.com", Some("reuters.com")),
            ("  nytimes.com ", Some("nytimes.com")),
            ("example.org:8080/x", Some("example.org")),
            ("The  Guardian", Some("the guardian")),
            ("BBC News", Some("bbc news")),
            ("U.S. News", Some("u.s. news")),
            ("Yahoo! Finance", Some("yahoo! finance")),
            ("   ", None),
        ];
        for (raw, expected) in cases {
            assert_eq!(normalise_source(raw).as_deref(), expected, "{raw}");
        }
    }

    #[test]
    fn a_source_the_file_names_wins_else_the_file_or_its_folder() {
        assert_eq!(
            source_of(&article("news/wire.jsonl", Some(3), Some(" Wire Service "))),
            "wire service"
        );
        assert_eq!(
            source_of(&article("news/harbour-wire.jsonl.gz", Some(3), None)),
            "harbour-wire"
        );
        assert_eq!(
            source_of(&article("news/Quay-Feed.json", None, None)),
            "quay-feed"
        );
        assert_eq!(
            source_of(&article("news/ledger/2022-01-03.txt", None, None)),
            "ledger"
        );
        assert_eq!(source_of(&article("lone.txt", None, None)), "lone");
    }
}
