//! Input formats: CSV, TSV and JSON exports and legacy encodings, read by `extract` and
//! `index` as they come; `--field` mappings recorded by the index; incremental runs over rows
//! and elements.

use std::path::{Path, PathBuf};

use crate::{assert_success, ids, index, json_lines, newsdex, set_mtime, write_files};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats")
}

/// "“Quokka” fares rise 5 € – again" and its body, in Windows-1252.
const CP1252: &[u8] = b" date 2024-05-02 \x93Quokka\x94 fares rise 5 \x80 \x96 again\n\n\
The ferry\x92s quokka-class boats cost 5 \x80 more from June, the operator said.\n";

/// The fixtures, a gzipped copy of the CSV and the Windows-1252 article in `dir/c`.
fn corpus(dir: &Path) -> PathBuf {
    let c = dir.join("c");
    std::fs::create_dir_all(&c).unwrap();
    for name in ["newsapi.json", "mediacloud.csv", "gdelt.tsv"] {
        std::fs::copy(fixtures().join(name), c.join(name)).unwrap();
    }
    let csv = std::fs::read(fixtures().join("mediacloud.csv")).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, &csv).unwrap();
    write_files(
        &c,
        &[
            ("zipped/mediacloud.csv.gz", &gz.finish().unwrap()),
            ("cp1252.txt", CP1252),
        ],
    );
    c
}

#[test]
fn extract_shows_the_articles_of_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let output = newsdex().arg("extract").arg(&c).output().unwrap();
    assert_success(&output);
    let stderr = String::from_utf8(output.stderr.clone()).unwrap();
    let lines = json_lines(&output);
    let shown: Vec<(String, String, serde_json::Value, String)> = lines
        .iter()
        .map(|a| {
            let path = a["path"].as_str().unwrap();
            let file = path.rsplit('/').next().unwrap().to_string();
            (
                file,
                a["id"].as_str().unwrap().to_string(),
                a["source"].clone(),
                a["title"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected: Vec<(&str, &str, serde_json::Value, &str)> = vec![
        (
            "cp1252.txt",
            "cp1252",
            serde_json::Value::Null,
            "“Quokka” fares rise 5 € – again",
        ),
        (
            "gdelt.tsv",
            "gd-1",
            "coastwatch.example".into(),
            "Port \"reopens\" after storm",
        ),
        (
            "gdelt.tsv",
            "gd-2",
            "coastwatch.example".into(),
            "Fishing fleet returns",
        ),
        (
            "mediacloud.csv",
            "https://www.metro-daily.example/5001",
            "metro daily".into(),
            "Council approves \"quokka\" crossing",
        ),
        (
            "mediacloud.csv",
            "https://www.northern-star.example/5003",
            "northern star".into(),
            "Library reopens, at last",
        ),
        (
            "newsapi.json",
            "https://www.harbour-gazette.example/ferry-strike",
            "harbour gazette".into(),
            "Ferry strike ends after quokka mediation",
        ),
        (
            "newsapi.json",
            "https://valleycourier.example/frost",
            "the valley courier".into(),
            "Orchard growers count frost losses",
        ),
        (
            "mediacloud.csv.gz",
            "https://www.metro-daily.example/5001",
            "metro daily".into(),
            "Council approves \"quokka\" crossing",
        ),
        (
            "mediacloud.csv.gz",
            "https://www.northern-star.example/5003",
            "northern star".into(),
            "Library reopens, at last",
        ),
    ];
    let expected: Vec<(String, String, serde_json::Value, String)> = expected
        .into_iter()
        .map(|(f, i, s, t)| (f.to_string(), i.to_string(), s, t.to_string()))
        .collect();
    assert_eq!(shown, expected, "{stderr}");
    // The quoted multi-line body, its doubled quotes undone; the row's line.
    let council = &lines[3];
    assert_eq!(
        council["body"],
        "The council approved a wildlife crossing on Tuesday.\n\nResidents called it the \
         \"quokka bridge\", after the animal on its sign."
    );
    assert_eq!(council["line"], 2);
    assert_eq!(council["date"], "2024-03-01T09:00:00Z");
    // NewsAPI: `content` when there is one, else `description`; `publishedAt`.
    assert_eq!(
        lines[6]["body"],
        "Growers say the quokka-shaped frost shields failed."
    );
    assert_eq!(lines[5]["date"], "2024-02-05T07:30:00Z");
    assert_eq!(
        lines[0]["body"],
        "The ferry’s quokka-class boats cost 5 € more from June, the operator said."
    );

    let warnings: Vec<String> = stderr
        .lines()
        .map(|line| line.replace(&format!("{}/", c.display()), ""))
        .collect();
    assert_eq!(
        warnings,
        [
            "newsdex: warning: cp1252.txt: decoded as windows-1252 (not valid UTF-8)",
            "newsdex: warning: mediacloud.csv: line 5: row 2 has 5 fields, the header has 6; row skipped",
            "newsdex: warning: newsapi.json: item 3 of \"articles\": no body text; skipped",
            "newsdex: warning: zipped/mediacloud.csv.gz: line 5: row 2 has 5 fields, the header has 6; row skipped",
        ]
    );

    // `--field` chooses another column than the default one.
    let output = newsdex()
        .args(["extract", "--field", "source=url"])
        .arg(c.join("mediacloud.csv"))
        .output()
        .unwrap();
    let sources: Vec<serde_json::Value> = json_lines(&output)
        .iter()
        .map(|a| a["source"].clone())
        .collect();
    assert_eq!(sources, ["metro-daily.example", "northern-star.example"]);
}

#[test]
fn every_format_is_indexed_and_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let index_dir = dir.path().join("index");
    let (code, stdout, stderr) = index(&index_dir, &[], &[&c]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("indexed 9 articles"), "{stdout}");
    assert!(stdout.contains("files skipped   0"), "{stdout}");
    assert_eq!(
        ids(&index_dir, "quokka"),
        [
            "cp1252",
            "gd-1",
            "https://valleycourier.example/frost",
            "https://www.harbour-gazette.example/ferry-strike",
            "https://www.metro-daily.example/5001",
            "https://www.metro-daily.example/5001",
            "https://www.northern-star.example/5003",
            "https://www.northern-star.example/5003",
        ]
    );
    // A second run reads nothing.
    let (code, stdout, _) = index(&index_dir, &[], &[&c]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("0 added, 0 updated, 0 removed, 9 unchanged"),
        "{stdout}"
    );
}

#[test]
fn field_mapping_is_recorded_and_a_new_one_reads_the_files_again() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    write_files(
        &c,
        &[
            (
                "desk.csv",
                b"slug,hed,story,summary,outlet\n\
                  a1,Wombat census,Rangers counted wombats in the park.,A numbat summary.,WWW.Parks.example\n\
                  a2,Second count,Rangers counted again.,Another numbat summary.,parks.example\n",
            ),
            (
                "feed.jsonl",
                br#"{"slug": "j1", "hed": "Feed item", "story": "Wombats crossed the road.", "summary": "Numbat feed summary."}
"#,
            ),
            ("note.txt", b" date 2024-01-01 Note\n\nA wombat note.\n"),
        ],
    );
    let index_dir = dir.path().join("index");
    let mapping = [
        "--field",
        "body=story",
        "--field",
        "title=hed",
        "--field",
        "id=slug",
    ];
    let (code, stdout, stderr) = index(&index_dir, &mapping, &[&c]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("indexed 4 articles"), "{stdout}");
    assert_eq!(ids(&index_dir, "rangers"), ["a1", "a2"]);
    assert_eq!(ids(&index_dir, "crossed"), ["j1"]);
    assert!(ids(&index_dir, "numbat").is_empty());

    // Without the flags: the recorded mapping, nothing read again.
    let (code, stdout, stderr) = index(&index_dir, &[], &[&c]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("0 added, 0 updated, 0 removed, 4 unchanged"),
        "{stdout}"
    );
    assert_eq!(stderr, "");
    // A changed row is read with the recorded mapping too.
    let desk = std::fs::read_to_string(c.join("desk.csv")).unwrap();
    std::fs::write(
        c.join("desk.csv"),
        desk.replace("counted again", "counted wombats again"),
    )
    .unwrap();
    set_mtime(&c.join("desk.csv"), 2_000_000);
    let (code, stdout, _) = index(&index_dir, &[], &[&c]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("0 added, 1 updated, 0 removed, 3 unchanged"),
        "{stdout}"
    );
    assert_eq!(ids(&index_dir, "wombats"), ["a1", "a2", "j1", "note"]);

    // Another mapping: the CSV and JSONL files are read again, the .txt file is not.
    let (code, stdout, stderr) = index(
        &index_dir,
        &[
            "--field",
            "body=summary",
            "--field",
            "id=slug",
            "--field",
            "title=hed",
        ],
        &[&c],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr,
        "newsdex: field mapping changed since the last index (id=slug title=hed body=story, \
         now id=slug title=hed body=summary): reading the CSV, JSON and JSONL files again\n"
    );
    assert!(
        stdout.contains("0 added, 3 updated, 0 removed, 1 unchanged"),
        "{stdout}"
    );
    assert_eq!(ids(&index_dir, "numbat"), ["a1", "a2", "j1"]);
    assert!(ids(&index_dir, "rangers").is_empty());

    // `ROLE=` goes back to the default names (`body` has none here: `summary` is no default).
    let (code, _, stderr) = index(&index_dir, &["--field", "body="], &[&c]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("now the default names"), "{stderr}");
    assert!(
        stderr.contains("desk.csv: line 1: no body column"),
        "{stderr}"
    );
}

#[test]
fn a_bad_field_flag_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = newsdex()
        .args(["index", "--field", "story", "--index"])
        .arg(dir.path().join("index"))
        .arg(fixtures())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "newsdex: --field \"story\": expected ROLE=NAME, as in body=story\n"
    );
}

#[test]
fn csv_rows_and_json_items_are_updated_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    let csv = |second: &str| {
        format!(
            "id,title,body\nr1,One,Dingo one.\nr2,Two,\"Dingo {second}\nover two lines.\"\nr3,Three,Dingo three.\n"
        )
    };
    let json = |second: &str| {
        format!(
            r#"{{"results": [{{"id": "j1", "text": "Dingo j one."}}, {{"id": "j2", "text": "Dingo {second}."}}, {{"id": "j3", "text": "Dingo j three."}}]}}"#
        )
    };
    write_files(
        &c,
        &[
            ("rows.csv", csv("two").as_bytes()),
            ("api.json", json("j two").as_bytes()),
        ],
    );
    let index_dir = dir.path().join("index");
    let (code, stdout, stderr) = index(&index_dir, &[], &[&c]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("indexed 6 articles"), "{stdout}");

    write_files(
        &c,
        &[
            ("rows.csv", csv("deux").as_bytes()),
            ("api.json", json("zwei").as_bytes()),
        ],
    );
    set_mtime(&c.join("rows.csv"), 2_000_000);
    set_mtime(&c.join("api.json"), 2_000_000);
    let (code, stdout, stderr) = index(&index_dir, &[], &[&c]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("0 added, 2 updated, 0 removed, 4 unchanged"),
        "{stdout}"
    );
    assert_eq!(ids(&index_dir, "deux"), ["r2"]);
    assert_eq!(ids(&index_dir, "zwei"), ["j2"]);
    assert_eq!(ids(&index_dir, "dingo").len(), 6);
}

/// A WARC/1.0 record (headers, block, the two closing line breaks).
pub fn warc_record(kind: &str, uri: &str, date: &str, block: &[u8]) -> Vec<u8> {
    let id = format!("{kind}-{uri}-{date}").len() * 7919 + block.len();
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{id:012}>\r\n\
         WARC-Date: {date}\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// An HTTP/1.1 response block.
pub fn http_response(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// The ferry page of the fixtures, with its first paragraph replaced by `lead`, and no date
/// tags or dated addresses (so that the capture's date shows).
pub fn ferry_page(lead: &str) -> String {
    let page = std::fs::read_to_string(fixtures().join("harbour-ferry.html")).unwrap();
    let start = page.find("<p>The harbour authority said").unwrap();
    let end = start + page[start..].find("</p>").unwrap();
    let page = format!("{}<p>{lead}</p>{}", &page[..start], &page[end + 4..]);
    page.lines()
        .filter(|l| {
            !l.contains("_time")
                && !l.contains("canonical")
                && !l.contains("og:url")
                && !l.contains("datePublished")
                && !l.contains("<time")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A web archive as crawlers write one: warcinfo, then per page a request and a response; a
/// revisit, an image, a redirect and a second capture of the ferry page (with `second` as
/// its lead paragraph), and a quay page captured once.
pub fn sample_warc(second: &str) -> Vec<u8> {
    let ferry = "https://www.harbourgazette.example/news/ferry";
    let quay = "https://www.harbourgazette.example/news/quay";
    let mut warc = warc_record(
        "warcinfo",
        "",
        "2024-03-05T10:00:00Z",
        b"software: newsdex tests\r\n",
    );
    warc.extend(warc_record(
        "request",
        ferry,
        "2024-03-05T10:00:00Z",
        b"GET /news/ferry HTTP/1.1\r\nHost: www.harbourgazette.example\r\n\r\n",
    ));
    let first = ferry_page("The first capture said the terminal would open in autumn, as the harbour authority had planned since the tender was signed.");
    warc.extend(warc_record(
        "response",
        ferry,
        "2024-03-05T10:00:00Z",
        &http_response("200 OK", "text/html; charset=utf-8", first.as_bytes()),
    ));
    warc.extend(warc_record(
        "response",
        "https://www.harbourgazette.example/logo.png",
        "2024-03-05T10:00:01Z",
        &http_response("200 OK", "image/png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
    ));
    warc.extend(warc_record(
        "response",
        "https://harbourgazette.example/",
        "2024-03-05T10:00:02Z",
        &http_response(
            "301 Moved Permanently",
            "text/html",
            b"<a href='https://www.harbourgazette.example/'>moved</a>",
        ),
    ));
    warc.extend(warc_record(
        "revisit",
        ferry,
        "2024-03-05T12:00:00Z",
        b"HTTP/1.1 304 Not Modified\r\n\r\n",
    ));
    let latest = ferry_page(second);
    warc.extend(warc_record(
        "response",
        ferry,
        "2024-03-06T10:00:00Z",
        &http_response("200 OK", "text/html", latest.as_bytes()),
    ));
    let quay_page = ferry_page("The old quay closes for repairs in April, the harbour authority said, and its cranes will be moved to the north basin.").replace("Ferry terminal delayed by two years as foundations fail", "Old quay to close for repairs");
    warc.extend(warc_record(
        "response",
        quay,
        "2024-03-04T09:00:00Z",
        &http_response("200 OK", "text/html", quay_page.as_bytes()),
    ));
    warc
}

/// `bytes` gzipped one member per WARC record, as crawlers write `.warc.gz`.
fn gzip_per_record(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut starts: Vec<usize> = (0..bytes.len())
        .filter(|&at| bytes[at..].starts_with(b"WARC/1.0\r\n"))
        .collect();
    starts.push(bytes.len());
    for pair in starts.windows(2) {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut gz, &bytes[pair[0]..pair[1]]).unwrap();
        out.extend(gz.finish().unwrap());
    }
    out
}

#[test]
fn a_news_page_is_indexed_with_its_title_date_source_and_address() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    std::fs::create_dir_all(&c).unwrap();
    std::fs::copy(fixtures().join("harbour-ferry.html"), c.join("ferry.html")).unwrap();
    let index_dir = dir.path().join("index");
    let (code, stdout, stderr) = index(&index_dir, &[], &[&c]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert!(stdout.contains("indexed 1 article "), "{stdout}");
    let output = newsdex()
        .args(["search", "foundations sinking", "--json", "--index"])
        .arg(&index_dir)
        .output()
        .unwrap();
    assert_success(&output);
    let hits = json_lines(&output);
    let hit = &hits[0];
    assert_eq!(
        hit["article_id"],
        "https://www.harbourgazette.example/news/2024/03/05/ferry-terminal-delayed"
    );
    assert_eq!(
        hit["title"],
        "Ferry terminal delayed by two years as foundations fail"
    );
    assert_eq!(hit["date"], "2024-03-05T08:30:00Z");
    assert_eq!(hit["source"], "harbour gazette");
    // Navigation, the advert, the related links, comments and footer are not the article.
    let output = newsdex()
        .arg("extract")
        .arg(c.join("ferry.html"))
        .output()
        .unwrap();
    let body = json_lines(&output)[0]["body"].as_str().unwrap().to_string();
    for boilerplate in [
        "Subscribe",
        "Advertisement",
        "Island fares rise again",
        "islander77",
        "Privacy policy",
    ] {
        assert!(!body.contains(boilerplate), "{boilerplate} in {body}");
    }
    assert_eq!(body.split("\n\n").count(), 5, "{body}");
    assert!(
        body.starts_with("The harbour authority said on Tuesday"),
        "{body}"
    );
}

#[test]
fn a_page_with_no_article_text_is_one_warning() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    std::fs::create_dir_all(&c).unwrap();
    std::fs::copy(fixtures().join("section-front.html"), c.join("news.html")).unwrap();
    write_files(
        &c,
        &[("broken.htm", b"<html><body><p>Half a page<div><<</b")],
    );
    let output = newsdex().arg("extract").arg(&c).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let warnings: Vec<&str> = stderr.lines().collect();
    assert_eq!(warnings.len(), 2, "{stderr}");
    assert!(
        warnings
            .iter()
            .all(|w| w.starts_with("newsdex: warning: ") && w.ends_with("; skipped")),
        "{stderr}"
    );
    assert!(stderr.contains("news.html: no article text"), "{stderr}");
    assert!(stderr.contains("broken.htm: "), "{stderr}");
    assert_eq!(output.status.code(), Some(1), "no articles: exit 1");
}

#[test]
fn feeds_give_one_article_per_item_and_other_xml_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    std::fs::create_dir_all(&c).unwrap();
    for name in ["harbour.rss", "valley.atom", "sitemap.xml"] {
        std::fs::copy(fixtures().join(name), c.join(name)).unwrap();
    }
    // An Atom feed saved as .xml, gzipped, is a feed too.
    let atom = std::fs::read(fixtures().join("valley.atom")).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, &atom).unwrap();
    write_files(&c, &[("more/valley-feed.xml.gz", &gz.finish().unwrap())]);
    let index_dir = dir.path().join("index");
    let (code, stdout, stderr) = index(&index_dir, &[], &[&c]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert!(stdout.contains("indexed 4 articles"), "{stdout}");
    assert!(stdout.contains("files skipped   1"), "{stdout}");
    let output = newsdex()
        .args(["search", "breakwater", "--json", "--index"])
        .arg(&index_dir)
        .output()
        .unwrap();
    let hit = &json_lines(&output)[0];
    assert_eq!(hit["article_id"], "hg-2024-0301-storm");
    assert_eq!(hit["title"], "Storm damages breakwater");
    assert_eq!(hit["date"], "2024-03-01T18:05:00Z");
    assert_eq!(hit["source"], "harbour gazette");
    let output = newsdex()
        .args(["search", "piers", "--json", "--all-copies", "--index"])
        .arg(&index_dir)
        .output()
        .unwrap();
    let hits = json_lines(&output);
    assert_eq!(hits.len(), 2, "the .atom and the .xml.gz");
    assert_eq!(
        hits[0]["article_id"],
        "https://valleycourier.example/2024/03/06/bridge-reopens"
    );
    assert_eq!(hits[0]["date"], "2024-03-06T07:00:00Z");
    assert_eq!(hits[0]["source"], "valley courier");
    let output = newsdex()
        .arg("extract")
        .arg(c.join("harbour.rss"))
        .output()
        .unwrap();
    let items = json_lines(&output);
    assert_eq!(
        items[0]["body"],
        "The harbour authority said on Tuesday that the new ferry terminal would not open until \
         March 2026, after the foundations on the reclaimed land began to sink.\n\n\
         Passengers will keep using the old terminal on the south quay."
    );
    // A feed that does not parse: one warning naming the file.
    write_files(
        &c,
        &[("cut.rss", b"<rss><channel><title>x</title><item><title>y")],
    );
    let output = newsdex()
        .arg("extract")
        .arg(c.join("cut.rss"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("cut.rss: not a readable RSS or Atom feed"),
        "{stderr}"
    );
}

#[test]
fn a_web_archive_gives_the_latest_capture_of_each_page() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    let second = "The second capture says the terminal opens in March 2026, two years late, after the foundations sank.";
    write_files(&c, &[("crawl.warc", &sample_warc(second))]);
    let output = newsdex().arg("extract").arg(&c).output().unwrap();
    assert_success(&output);
    let articles = json_lines(&output);
    let shown: Vec<(&str, &str, &str)> = articles
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap(),
                a["date"].as_str().unwrap(),
                a["source"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            (
                "https://www.harbourgazette.example/news/ferry",
                "2024-03-06T10:00:00Z",
                "Harbour Gazette"
            ),
            (
                "https://www.harbourgazette.example/news/quay",
                "2024-03-04T09:00:00Z",
                "Harbour Gazette"
            ),
        ]
    );
    assert!(articles[0]["body"].as_str().unwrap().starts_with(second));
    assert_eq!(articles[1]["title"], "Old quay to close for repairs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.trim_end(),
        format!(
            "newsdex: warning: {}: 2 of 8 records are articles; skipped 1 request, 1 revisit, \
             1 warcinfo, metadata or other, 1 not HTML, 1 not status 200, 1 earlier capture",
            c.join("crawl.warc").display()
        )
    );
    // Indexed and searchable, gzipped one record per member.
    write_files(
        &c,
        &[("crawl.warc", &gzip_per_record(&sample_warc(second)))],
    );
    std::fs::rename(c.join("crawl.warc"), c.join("crawl.warc.gz")).unwrap();
    let index_dir = dir.path().join("index");
    let (code, stdout, stderr) = index(&index_dir, &[], &[&c]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("indexed 2 articles"), "{stdout}");
    assert_eq!(
        ids(&index_dir, "terminal"),
        [
            "https://www.harbourgazette.example/news/ferry",
            "https://www.harbourgazette.example/news/quay"
        ]
    );
    assert!(
        ids(&index_dir, "autumn").is_empty(),
        "the earlier capture is not indexed"
    );
}

#[test]
fn a_truncated_web_archive_keeps_the_records_before_the_cut() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    let mut gz = gzip_per_record(&sample_warc("The terminal opens in March 2026, two years late, after the foundations sank into the mud."));
    gz.truncate(gz.len() - 300);
    write_files(&c, &[("cut.warc.gz", &gz)]);
    let output = newsdex().arg("extract").arg(&c).output().unwrap();
    assert_success(&output);
    let articles = json_lines(&output);
    assert_eq!(articles.len(), 1);
    assert_eq!(
        articles[0]["id"],
        "https://www.harbourgazette.example/news/ferry"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].contains("cut.warc.gz: record 8: cut or corrupt ("),
        "{stderr}"
    );
    assert!(
        lines[0].ends_with("; the records before it are kept"),
        "{stderr}"
    );
}
