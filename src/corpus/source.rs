//! The outlet an article comes from: one normalised name per outlet, so that a source facet
//! counts "Reuters", "reuters " and "www.reuters.com" pages under as few names as it can.

use std::path::Path;

use super::Article;

/// The normalised source of `raw` as an archive wrote it (a name, a host or a URL): `None`
/// when nothing is left.
///
/// Whitespace is trimmed and collapsed and the name lowercased, so one outlet written in two
/// cases is one source. A URL or a bare host name becomes its host without `www.`
/// (`https://www.Example.com/news/1` is `example.com`).
pub fn normalise_source(raw: &str) -> Option<String> {
    let words: Vec<&str> = raw.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    let joined = words.join(" ").to_lowercase();
    let host = host_of(&joined).unwrap_or(&joined);
    let host = host.strip_prefix("www.").unwrap_or(host);
    let host = host.trim_end_matches('.');
    (!host.is_empty()).then(|| host.to_string())
}

/// The host of a URL (`scheme://host/...`) or of a bare host name with a path
/// (`example.com/news`); `None` for anything else (an outlet's name).
fn host_of(text: &str) -> Option<&str> {
    let rest = match text.find("://") {
        Some(at) => &text[at + 3..],
        None if !text.contains(' ') && text.contains('.') => text,
        None => return None,
    };
    let end = rest.find(['/', '?', '#', ':']).unwrap_or(rest.len());
    let host = &rest[..end];
    let host = host.rsplit('@').next().unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

/// The source an article is counted under: the one its file named (normalised), else the file
/// it came from. A file holding many articles (JSONL and the like) is itself the source (its
/// name without extensions); a file holding one article (`.txt`) takes its folder's name,
/// the folder being where such archives keep one outlet's articles.
pub fn source_of(article: &Article) -> String {
    if let Some(named) = article.source.as_deref().and_then(normalise_source) {
        return named;
    }
    let path = Path::new(&article.path);
    let from_folder = article.line.is_none();
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
            source_of(&article("news/ledger/2022-01-03.txt", None, None)),
            "ledger"
        );
        assert_eq!(source_of(&article("lone.txt", None, None)), "lone");
    }
}
