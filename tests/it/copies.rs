//! Copies: reprints grouped, independent reports kept apart, groups kept right by incremental
//! runs, search folding and `--all-copies`, `copies` and `--stories`.

use std::path::Path;

use crate::{assert_success, json_lines, newsdex, run_index, write_files};

/// The paragraphs of a made-up wire story about a ferry strike in Brindlemoor.
fn story_paragraphs() -> Vec<String> {
    (1..=9)
        .map(|n| {
            format!(
                "Paragraph {n}: crews of the Brindlemoor ferry line walked out for the {n}th \
                 day on Thursday, union steward Odile Farraday said, and the harbour master \
                 Caspar Wenlock put the cost to island traders at {n}40,000 crowns so far, \
                 while freight piled up on the quay at Saltmarsh Point."
            )
        })
        .collect()
}

fn jsonl(id: &str, date: &str, title: &str, body: &str) -> String {
    serde_json::json!({ "id": id, "date": date, "title": title, "body": body }).to_string() + "\n"
}

/// The wire's original, a reprint with a new headline, a byline and the last three
/// paragraphs cut, and an independent report of the same strike naming the same people.
fn corpus(dir: &Path) {
    let paragraphs = story_paragraphs();
    let original = paragraphs.join("\n\n");
    let reprint = format!(
        "By Wren Halloway, Island Courier\n\n{}",
        paragraphs[..6].join("\n\n")
    );
    let independent = "Odile Farraday stood on the quay at Saltmarsh Point as the strike went \
        on. Caspar Wenlock, who runs the harbour, would not say when the ferries might sail \
        again. Traders on the island told this paper they had lost a week of sales, and a \
        fishmonger said she had thrown away two crates of herring. The union wants a new \
        rota; the line says it cannot afford one before the summer timetable.";
    write_files(
        dir,
        &[
            (
                "wire.jsonl",
                jsonl(
                    "w1",
                    "2023-05-04",
                    "Ferry strike enters second week",
                    &original,
                )
                .as_bytes(),
            ),
            (
                "courier.jsonl",
                jsonl(
                    "c1",
                    "2023-05-05",
                    "Island cut off as ferry crews stay out",
                    &reprint,
                )
                .as_bytes(),
            ),
            (
                "gazette.jsonl",
                jsonl(
                    "g1",
                    "2023-05-05",
                    "On the quay with the strikers",
                    independent,
                )
                .as_bytes(),
            ),
        ],
    );
}

fn copies_json(index: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let output = newsdex()
        .arg("copies")
        .arg("--index")
        .arg(index)
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    assert!(matches!(output.status.code(), Some(0 | 1)));
    json_lines(&output)
}

/// The groups as sorted lists of article ids, sorted.
fn groups(index: &Path) -> Vec<Vec<String>> {
    let mut groups: Vec<Vec<String>> = copies_json(index, &[])
        .iter()
        .map(|group| {
            let mut ids: Vec<String> = group["articles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["article_id"].as_str().unwrap().to_string())
                .collect();
            ids.sort();
            ids
        })
        .collect();
    groups.sort();
    groups
}

fn search_ids(index: &Path, args: &[&str]) -> Vec<(String, usize)> {
    let output = newsdex()
        .arg("search")
        .arg("--index")
        .arg(index)
        .args(args)
        .args(["--json", "-n", "20"])
        .output()
        .unwrap();
    assert_success(&output);
    json_lines(&output)
        .iter()
        .map(|hit| {
            (
                hit["article_id"].as_str().unwrap().to_string(),
                hit["copies"].as_array().unwrap().len(),
            )
        })
        .collect()
}

#[test]
fn a_trimmed_reprint_is_grouped_and_an_independent_report_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    corpus(&news);
    let index = dir.path().join("index");
    assert_success(&run_index(&index, &[&news]));
    assert_eq!(groups(&index), [["c1", "w1"]]);
    let group = &copies_json(&index, &[])[0];
    assert_eq!(group["size"], 2);
    let first = &group["articles"][0];
    for key in ["article_id", "path", "line", "title", "date", "source"] {
        assert!(first.get(key).is_some(), "{key} missing in {group}");
    }
    // Oldest first.
    assert_eq!(first["article_id"], "w1");
    assert_eq!(first["source"], "wire");
    // A query or filter lists the groups with a matching member only.
    assert_eq!(copies_json(&index, &["herring"]).len(), 0);
    assert_eq!(copies_json(&index, &["--source", "courier"]).len(), 1);
    let text = newsdex()
        .args(["copies", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    assert_success(&text);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.starts_with("2 copies\n"), "{text}");
    assert!(
        text.contains("Island cut off as ferry crews stay out"),
        "{text}"
    );
}

#[test]
fn search_folds_copies_and_all_copies_unfolds_them() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    corpus(&news);
    let index = dir.path().join("index");
    assert_success(&run_index(&index, &[&news]));
    let folded = search_ids(&index, &["Farraday Wenlock"]);
    assert_eq!(folded.len(), 2, "{folded:?}");
    let story = folded.iter().find(|(id, _)| id != "g1").unwrap();
    assert_eq!(story.1, 1, "{folded:?}");
    assert!(folded.iter().any(|(id, copies)| id == "g1" && *copies == 0));
    let all = search_ids(&index, &["Farraday Wenlock", "--all-copies"]);
    let mut ids: Vec<&str> = all.iter().map(|(id, _)| id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["c1", "g1", "w1"]);
    assert!(all.iter().all(|(_, copies)| *copies == 0));

    let text = newsdex()
        .args(["search", "Farraday", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("+1 copy: "), "{text}");

    let count = newsdex()
        .args(["search", "Farraday", "--count", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    let count = String::from_utf8(count.stdout).unwrap();
    assert!(count.starts_with("3 articles, 2 stories, "), "{count}");

    // Every file of the matches, copies included.
    let files = newsdex()
        .args(["search", "Farraday", "-l", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(files.stdout).unwrap().lines().count(), 3);
}

#[test]
fn stories_count_each_group_once() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    corpus(&news);
    let index = dir.path().join("index");
    assert_success(&run_index(&index, &[&news]));
    let timeline = |stories: bool| -> u64 {
        let mut command = newsdex();
        command
            .args(["timeline", "Farraday", "--by", "year", "--json", "--index"])
            .arg(&index);
        if stories {
            command.arg("--stories");
        }
        let output = command.output().unwrap();
        assert_success(&output);
        json_lines(&output)
            .iter()
            .map(|b| b["count"].as_u64().unwrap())
            .sum()
    };
    assert_eq!(timeline(false), 3);
    assert_eq!(timeline(true), 2);
}

#[test]
fn incremental_runs_group_new_copies_and_regroup_after_deletes_like_a_fresh_build() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    corpus(&news);
    let courier = std::fs::read(news.join("courier.jsonl")).unwrap();
    std::fs::remove_file(news.join("courier.jsonl")).unwrap();
    let index = dir.path().join("index");
    let fresh_groups = |label: &str| {
        let fresh = dir.path().join(format!("fresh-{label}"));
        assert_success(&run_index(&fresh, &[&news]));
        groups(&fresh)
    };

    // The original alone: no group.
    assert_success(&run_index(&index, &[&news]));
    assert!(groups(&index).is_empty());

    // A reprint arrives in a later run: grouped with the old article.
    std::fs::write(news.join("courier.jsonl"), &courier).unwrap();
    assert_success(&run_index(&index, &[&news]));
    assert_eq!(groups(&index), [["c1", "w1"]]);
    assert_eq!(groups(&index), fresh_groups("added"));

    // A third copy, then one member deleted: the group keeps the other two.
    let paragraphs = story_paragraphs();
    let third = jsonl(
        "h1",
        "2023-05-06",
        "Ferry strike drags on",
        &paragraphs[..7].join("\n\n"),
    );
    std::fs::write(news.join("herald.jsonl"), third).unwrap();
    assert_success(&run_index(&index, &[&news]));
    assert_eq!(groups(&index), [["c1", "h1", "w1"]]);
    std::fs::remove_file(news.join("wire.jsonl")).unwrap();
    assert_success(&run_index(&index, &[&news]));
    assert_eq!(groups(&index), [["c1", "h1"]]);
    assert_eq!(groups(&index), fresh_groups("deleted"));

    // A member changed into another story: the group is gone.
    std::fs::write(
        news.join("herald.jsonl"),
        jsonl(
            "h1",
            "2023-05-06",
            "Lighthouse repainted",
            "The Saltmarsh Point lighthouse got a fresh coat of red and white paint this spring.",
        ),
    )
    .unwrap();
    assert_success(&run_index(&index, &[&news]));
    assert!(groups(&index).is_empty());
    assert_eq!(groups(&index), fresh_groups("changed"));
}
