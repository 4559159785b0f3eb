//! The source facet: where articles come from (a field of the file, else the file or its
//! folder), `search --source`, `newsdex sources`, and the source shown with every hit.

use crate::{json_lines, run, write_files, Indexed};

const HARBOUR: &[u8] = b" date 2022-03-01 Quay works\n\nThe quay works on the east dock \
resumed after the tide tables were checked.\n";
const LEDGER: &[u8] = b" date 2022-03-02 Dock levy\n\nA levy on dock works was approved \
by the port board.\n";
const WIRE: &[u8] = b"{\"id\": \"w1\", \"date\": \"2022-03-03\", \"title\": \"Dock strike\", \
\"body\": \"Dock workers struck over the levy.\", \"source\": \"  The Coastal WIRE \"}\n\
{\"id\": \"w2\", \"date\": \"2022-03-04\", \"title\": \"Dock talks\", \
\"body\": \"Talks on the dock levy began.\", \"source\": {\"id\": null, \"name\": \"the coastal wire\"}}\n\
{\"id\": \"w3\", \"date\": \"2022-03-05\", \"title\": \"Tide tables\", \
\"body\": \"New tide tables for the dock were printed.\"}\n";

fn archive() -> Indexed {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("archive");
    write_files(
        &corpus,
        &[
            ("harbour-gazette/quay.txt", HARBOUR),
            ("port-ledger/levy.txt", LEDGER),
            ("feeds.jsonl", WIRE),
        ],
    );
    let indexed = Indexed::new(&[&corpus]);
    drop(dir);
    indexed
}

#[test]
fn sources_counts_articles_by_the_outlet_their_file_or_folder_names() {
    let index = archive();
    let output = run(&index, &["sources", "--json"]);
    assert_eq!(output.status.code(), Some(0));
    let counts: Vec<(String, u64)> = json_lines(&output)
        .iter()
        .map(|s| {
            (
                s["source"].as_str().unwrap().to_string(),
                s["articles"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        counts,
        [
            ("the coastal wire".to_string(), 2),
            ("feeds".to_string(), 1),
            ("harbour-gazette".to_string(), 1),
            ("port-ledger".to_string(), 1),
        ]
    );
    // A query narrows the count to the matching articles.
    let output = run(&index, &["sources", "levy", "--json"]);
    let sources: Vec<String> = json_lines(&output)
        .iter()
        .map(|s| s["source"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(sources, ["the coastal wire", "port-ledger"]);
}

#[test]
fn search_keeps_articles_of_any_source_named_and_shows_the_source() {
    let index = archive();
    let hits = index.json_hits(&[
        "dock",
        "--source",
        "THE COASTAL WIRE",
        "--source",
        "Port-Ledger",
    ]);
    let mut ids: Vec<&str> = hits
        .iter()
        .map(|h| h["article_id"].as_str().unwrap())
        .collect();
    ids.sort();
    assert_eq!(ids, ["levy", "w1", "w2"]);
    for hit in &hits {
        let source = hit["source"].as_str().unwrap();
        assert!(
            ["the coastal wire", "port-ledger"].contains(&source),
            "{hit}"
        );
    }
    let text = index.search(&["quay"]).output().unwrap();
    assert!(
        String::from_utf8_lossy(&text.stdout).contains("harbour-gazette"),
        "{}",
        String::from_utf8_lossy(&text.stdout)
    );
}

#[test]
fn an_unknown_source_is_an_error_with_suggestions() {
    let index = archive();
    let output = index
        .search(&["dock", "--source", "harbor gazette"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("unknown source \"harbor gazette\""),
        "{stderr}"
    );
    assert!(stderr.contains("harbour-gazette"), "{stderr}");
}
