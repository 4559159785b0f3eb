//! Quotations in the index: `search --said-by`, `quotes`, end to end on invented articles.

use std::path::Path;

use crate::{assert_success, json_lines, run, write_files, Indexed};

fn jsonl(id: &str, date: &str, title: &str, body: &str) -> String {
    serde_json::json!({ "id": id, "date": date, "title": title, "body": body }).to_string() + "\n"
}

/// Three articles: the harbour master Tobias Quellbrook speaks in two (once by surname), and
/// is only spoken about in the third, where a union leader speaks.
fn corpus(dir: &Path) -> Indexed {
    let articles = [
        jsonl(
            "ferry-1",
            "2031-04-02",
            "Ferry timetable cut at Lowmere harbour",
            "The ferry service across Lowmere bay will run twice a day from May, the harbour \
             office announced on Tuesday after a winter of storm damage to the old pier.\n\n\
             \"We cannot keep sending boats into a pier that is falling apart,\" harbour master \
             Tobias Quellbrook said at the quay.\n\n\
             Repairs to the pier are expected to take most of the summer season.",
        ),
        jsonl(
            "ferry-2",
            "2031-05-10",
            "Lowmere pier repairs begin",
            "Work crews began rebuilding the Lowmere pier on Monday, with timber shipped from \
             the northern yards and a crane hired for the season.\n\n\
             \"The ferry will be back to four crossings a day by August,\" Quellbrook told \
             reporters, standing beside the first new pilings.\n\n\
             Tobias Quellbrook has run the harbour for eleven years.",
        ),
        jsonl(
            "ferry-3",
            "2031-06-01",
            "Boatmen question harbour plans",
            "Tobias Quellbrook, the harbour master, was not at the meeting of boatmen in \
             Lowmere on Saturday evening.\n\n\
             \"Nobody asked the crews before the ferry timetable was cut,\" said Edda Marrowgate, \
             who leads the boatmen's union.\n\n\
             The union will write to the town council next week.",
        ),
    ];
    let dir_path = dir.join("news.jsonl");
    write_files(dir, &[("news.jsonl", articles.concat().as_bytes())]);
    Indexed::new(&[&dir_path])
}

#[test]
fn said_by_keeps_only_the_passages_with_the_speakers_quotation() {
    let dir = tempfile::tempdir().unwrap();
    let index = corpus(dir.path());
    // "Quellbrook" is the surname: resolved like --actor resolves it.
    let hits = index.json_hits(&["ferry", "--said-by", "Quellbrook", "--per-article", "5"]);
    let mut found: Vec<&str> = hits
        .iter()
        .map(|h| h["article_id"].as_str().unwrap())
        .collect();
    found.sort();
    assert_eq!(found, ["ferry-1", "ferry-2"], "{hits:?}");
    // The quotation is highlighted.
    for hit in &hits {
        let text = hit["text"].as_str().unwrap();
        let highlighted: Vec<&str> = hit["highlights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| &text[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize])
            .collect();
        assert!(
            highlighted.iter().any(|h| h.split_whitespace().count() > 5),
            "{highlighted:?}"
        );
    }
    // Being spoken about is not speaking.
    let about = index.json_hits(&["meeting", "--said-by", "Tobias Quellbrook"]);
    assert!(about.is_empty(), "{about:?}");
    // Any of several speakers.
    let either = index.json_hits(&[
        "ferry",
        "--said-by",
        "Quellbrook",
        "--said-by",
        "Edda Marrowgate",
    ]);
    assert_eq!(either.len(), 3, "{either:?}");
}

#[test]
fn unknown_speaker_is_the_actor_error() {
    let dir = tempfile::tempdir().unwrap();
    let index = corpus(dir.path());
    let said = run(&index, &["search", "ferry", "--said-by", "Zebulon Nobody"]);
    let actor = run(&index, &["search", "ferry", "--actor", "Zebulon Nobody"]);
    assert_eq!(said.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&said.stderr),
        String::from_utf8_lossy(&actor.stderr)
    );
}

#[test]
fn quotes_lists_newest_first_and_by_relevance() {
    let dir = tempfile::tempdir().unwrap();
    let index = corpus(dir.path());
    let newest = run(&index, &["quotes", "Quellbrook", "--json"]);
    assert_success(&newest);
    let lines = json_lines(&newest);
    let ids: Vec<&str> = lines
        .iter()
        .map(|l| l["article_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ferry-2", "ferry-1"]);
    assert_eq!(lines[0]["speaker"], "Tobias Quellbrook");
    assert!(lines[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("The ferry will be back"));
    let relevant = run(
        &index,
        &["quotes", "Quellbrook", "falling apart pier", "--json"],
    );
    assert_success(&relevant);
    let ids: Vec<String> = json_lines(&relevant)
        .iter()
        .map(|l| l["article_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.first().map(String::as_str), Some("ferry-1"), "{ids:?}");
    // Text output: date, source, the quotation and its cue.
    let text = run(&index, &["quotes", "Edda Marrowgate"]);
    assert_success(&text);
    let out = String::from_utf8_lossy(&text.stdout);
    assert!(out.starts_with("2031-06-01"), "{out}");
    assert!(out.contains("\"Nobody asked the crews"), "{out}");
    assert!(out.contains("\u{2014} said"), "{out}");
    crate::golden::check(
        "quotes.jsonl",
        &String::from_utf8_lossy(&run(&index, &["quotes", "Quellbrook", "--json"]).stdout)
            .replace(&*dir.path().to_string_lossy(), "DIR"),
    );
}

#[test]
fn actors_quoted_ranks_the_speakers_of_the_matching_passages() {
    let dir = tempfile::tempdir().unwrap();
    let index = corpus(dir.path());
    // Every article: Quellbrook is quoted twice in two articles, Marrowgate once.
    let all = run(&index, &["actors", "--quoted", "--json"]);
    assert_success(&all);
    let lines = json_lines(&all);
    let ranked: Vec<(&str, u64, u64)> = lines
        .iter()
        .map(|l| {
            (
                l["name"].as_str().unwrap(),
                l["quotes"].as_u64().unwrap(),
                l["articles"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        ranked,
        [("Tobias Quellbrook", 2, 2), ("Edda Marrowgate", 1, 1)]
    );
    assert_eq!(lines[0]["kind"], "person");
    // A query keeps the speakers of the passages that match it: "boatmen" is only in the
    // article where Marrowgate speaks and Quellbrook is named but not quoted.
    let boatmen = run(&index, &["actors", "--quoted", "boatmen", "--json"]);
    assert_success(&boatmen);
    let names: Vec<String> = json_lines(&boatmen)
        .iter()
        .map(|l| l["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["Edda Marrowgate"]);
    // Text and CSV, and --top.
    let text = run(&index, &["actors", "--quoted", "--top", "1"]);
    assert_success(&text);
    let out = String::from_utf8_lossy(&text.stdout);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.contains("2 quotes") && out.contains("Tobias Quellbrook"),
        "{out}"
    );
    let csv = run(&index, &["actors", "--quoted", "--format", "csv"]);
    assert_success(&csv);
    assert!(String::from_utf8_lossy(&csv.stdout).starts_with("name,kind,quotes,articles\n"));
    // No passage matches: nobody is quoted (exit 1).
    let none = run(&index, &["actors", "--quoted", "volcano"]);
    assert_eq!(none.status.code(), Some(1));
    // --quoted ranks speakers, not mentions: --aliases and --stories do not apply.
    let both = run(&index, &["actors", "--quoted", "--aliases"]);
    assert_eq!(both.status.code(), Some(2));
}

/// `extract` gives "the spokesman" of an article that names no person before him to the
/// organisation it named.
#[test]
fn extract_gives_the_spokesman_to_the_organisation_named_before() {
    let dir = tempfile::tempdir().unwrap();
    let article = jsonl(
        "mill-1",
        "2031-03-03",
        "Mill rumours",
        "Rumours spread on Tuesday that Pellworth Mills Inc would close its plant in the \
         spring.\n\n\"We do not comment on rumours,\" the spokesman said.",
    );
    write_files(dir.path(), &[("a.jsonl", article.as_bytes())]);
    let out = crate::newsdex()
        .arg("extract")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_success(&out);
    let lines = json_lines(&out);
    let quotes: Vec<(&str, Option<&str>)> = lines[0]["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| (q["text"].as_str().unwrap(), q["speaker"].as_str()))
        .collect();
    assert_eq!(
        quotes,
        [("We do not comment on rumours,", Some("Pellworth Mills"))]
    );
}
