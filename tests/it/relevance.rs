//! Ranking quality: `newsdex eval` on a hand-made collection, passage choice, `--recency`.

use crate::{assert_success, newsdex, write_files, Indexed};

/// A tiny BEIR-layout collection where the right answers are clear by hand.
fn beir_collection(dir: &std::path::Path) {
    let corpus = [
        r#"{"_id": "d1", "title": "Wing flutter", "text": "Flutter of a swept wing at high speed was measured in the wind tunnel."}"#,
        r#"{"_id": "d2", "title": "Heat transfer", "text": "Heat transfer to a flat plate in hypersonic flow."}"#,
        r#"{"_id": "d3", "title": "Boundary layers", "text": "Laminar boundary layer separation on a cone."}"#,
        r#"{"_id": "d4", "title": "Flutter tests", "text": "Panel flutter tests, not of wings."}"#,
    ];
    let queries = [
        r#"{"_id": "q1", "text": "swept wing flutter"}"#,
        r#"{"_id": "q2", "text": "hypersonic heat transfer"}"#,
        r#"{"_id": "q3", "text": "unjudged query"}"#,
    ];
    write_files(
        dir,
        &[
            ("corpus.jsonl", corpus.join("\n").as_bytes()),
            ("queries.jsonl", queries.join("\n").as_bytes()),
            (
                "qrels/test.tsv",
                b"query-id\tcorpus-id\tscore\nq1\td1\t2\nq1\td4\t1\nq2\td2\t1\nq2\td3\t0\n",
            ),
        ],
    );
}

#[test]
fn eval_scores_a_hand_judged_collection() {
    let dir = tempfile::tempdir().unwrap();
    beir_collection(dir.path());
    let output = newsdex()
        .arg("eval")
        .arg(dir.path())
        .arg("--json")
        .output()
        .unwrap();
    assert_success(&output);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    // q3 has no judgments: two queries are scored, and both rankings are perfect.
    assert_eq!(report["queries"], 2);
    assert_eq!(report["split"], "test");
    for metric in ["ndcg_at_10", "map", "recall_at_100"] {
        let value = report[metric].as_f64().unwrap();
        assert!((value - 1.0).abs() < 1e-9, "{metric} = {value}");
    }

    let text = newsdex().arg("eval").arg(dir.path()).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("nDCG@10     1.0000"), "{text}");
}

#[test]
fn eval_errors_name_the_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let output = newsdex().arg("eval").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("no corpus.jsonl"), "{stderr}");

    beir_collection(dir.path());
    let output = newsdex()
        .args(["eval", "--split", "dev"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("dev.tsv: no such qrels file"), "{stderr}");
}

/// An article whose first paragraph mentions the query's words in passing, and whose fourth
/// holds the statement the query is after: a "first window" snippet would show the wrong one.
/// (Paragraphs of more than `SHORT_BYTES`, so that each is a passage of its own.)
const PIPELINE: &str = " date 1987-03-02 Energy ministers meet in Oslo

Energy ministers from the North Sea states met in Oslo on Monday to discuss prices, quotas and the outlook for the coming winter season, the first such meeting since the producers agreed to share the cut in output last autumn.

The talks were held behind closed doors and lasted most of the day, officials said, with a working lunch at the ministry and a short break in the afternoon for the delegations to consult their capitals by telephone.

Several delegations arrived late because of the weather, and the opening session was moved to the afternoon for that reason, delaying the start of the formal talks on prices by more than three hours, officials said.

Norway agreed to build a gas pipeline to Germany, the ministers said, with construction starting next year at the Kollsnes processing plant near Bergen and the first gas flowing through the pipeline in 1993.

A joint statement is expected on Tuesday after a final round of talks between the delegations and the host ministry, which has said it hopes for an agreement on the quotas for the first half of next year.
";

fn pipeline_index() -> (tempfile::TempDir, Indexed) {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("c/pipeline.txt", PIPELINE.as_bytes()),
            (
                "c/other.txt",
                b" date 1987-03-03 Markets\n\nGas prices rose in Rotterdam trading as traders watched the weather in northern Europe.\n",
            ),
        ],
    );
    let index = Indexed::new(&[&dir.path().join("c")]);
    (dir, index)
}

#[test]
fn the_passage_shown_is_the_one_that_answers() {
    let (_dir, index) = pipeline_index();
    let hits = index.json_hits(&["Norway pipelines to Germany"]);
    assert_eq!(hits[0]["article_id"], "pipeline");
    let text = hits[0]["text"].as_str().unwrap();
    assert!(
        text.starts_with("Norway agreed to build a gas pipeline to Germany"),
        "{text}"
    );
    // Whole sentences: the passage ends where the sentence does.
    assert!(text.ends_with("in 1993."), "{text}");
    // Stemmed forms are highlighted: `pipelines` finds both `pipeline`s.
    let marked: Vec<&str> = hits[0]["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let (s, e) = (r[0].as_u64().unwrap(), r[1].as_u64().unwrap());
            &text[s as usize..e as usize]
        })
        .collect();
    assert_eq!(marked, ["Norway", "pipeline", "Germany", "pipeline"]);
}

#[test]
fn a_quoted_phrase_is_kept_together_and_highlighted_as_one() {
    let (_dir, index) = pipeline_index();
    let hits = index.json_hits(&["\"gas pipeline\" Oslo"]);
    assert_eq!(hits[0]["article_id"], "pipeline");
    let text = hits[0]["text"].as_str().unwrap();
    let ranges = hits[0]["highlights"].as_array().unwrap();
    let first = &ranges[0];
    let (s, e) = (first[0].as_u64().unwrap(), first[1].as_u64().unwrap());
    assert_eq!(&text[s as usize..e as usize], "gas pipeline");
}

#[test]
fn recency_favours_the_newer_of_two_close_matches() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        // The older wire matches a little better (the word twice).
        r#"{"id": "old", "date": "1987-01-05", "title": "Grain", "body": "Wheat exports rose; wheat stocks fell."}"#,
        r#"{"id": "new", "date": "1987-06-01", "title": "Grain", "body": "Wheat exports rose; stocks fell."}"#,
        r#"{"id": "undated", "title": "Grain", "body": "Wheat exports rose; barley stocks fell."}"#,
    ];
    write_files(
        dir.path(),
        &[("c/wires.jsonl", lines.join("\n").as_bytes())],
    );
    let index = Indexed::new(&[&dir.path().join("c")]);
    let order = |args: &[&str]| -> Vec<String> {
        index
            .json_hits(args)
            .iter()
            .map(|h| h["article_id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(order(&["wheat"])[0], "old");
    // Age is measured from the newest article (1987-06-01), not from today.
    assert_eq!(order(&["wheat", "--recency", "30d"])[0], "new");
    // A very long half-life changes little.
    assert_eq!(order(&["wheat", "--recency", "100y"])[0], "old");

    let output = index
        .search(&["wheat", "--recency", "soon"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_passage_in_an_article_about_the_query_ranks_first() {
    let dir = tempfile::tempdir().unwrap();
    // Paragraphs of more than `SHORT_BYTES`, so that each is a passage of its own.
    let same = "Wheat exports rose sharply this year, traders in Chicago said on Friday after the market closed, with shipments to the Soviet Union and China running well ahead of last year's pace and of the forecasts.";
    let lines = [
        // Mentions wheat in one passage only; comes first, so it would win a tie.
        format!(
            r#"{{"id": "cars", "date": "1987-05-01", "title": "Market report", "body": "Car sales fell in April as dealers cut prices across the country and buyers waited for the new models, with imports down more than domestic makes and the smaller dealers hit hardest, the association said.\n\n{same}\n\nTruck sales were flat in April, the national dealers' association said in its monthly report, as fleet buyers held back their orders until the new tax rules on depreciation are known later this spring."}}"#
        ),
        format!(
            r#"{{"id": "grain", "date": "1987-05-01", "title": "Market report", "body": "Wheat prices climbed as stocks shrank and millers bought more grain from farmers, who have held back supplies in the hope of higher prices after the dry weather of the past two months in the southern plains.\n\n{same}\n\nThe wheat harvest is expected to be smaller, the grain board said in its monthly report, cutting its estimate by four pct because of the dry weather and the smaller area sown last autumn in the southern plains."}}"#
        ),
    ];
    write_files(
        dir.path(),
        &[("c/wires.jsonl", lines.join("\n").as_bytes())],
    );
    let index = Indexed::new(&[&dir.path().join("c")]);
    let hits = index.json_hits(&["wheat exports traders"]);
    assert_eq!(hits[0]["article_id"], "grain");
    assert_eq!(hits[0]["text"], same);
    assert_eq!(hits[1]["article_id"], "cars");
    assert_eq!(hits[1]["text"], same);
}

#[test]
fn a_one_line_paragraph_does_not_outrank_the_statement() {
    // Wire copy: hard-wrapped, one sentence a paragraph. The query's rarest word ("shipments")
    // is in a one-line paragraph; the statement asked for is the lead. Ranked alone, the one
    // line would win on length normalisation; grouped with its short neighbours it does not.
    let body = "Exports in the first quarter fell to 3.1 mln bags from 4.2 mln\na year earlier, as frost damage to last year's crop in Parana\nand Minas Gerais cut the supplies available for export, the\ninstitute said in its monthly report to the trade.\n\nThe institute's president will travel to London next week\nfor talks with the producers' and consumers' organisation.\n\nShipments will recover in the second half, he said.\n\nThe institute said stocks held by the government stood at\n12.5 mln bags at the end of March, down from 14.1 mln.";
    let lines = [
        serde_json::json!({"id": "coffee", "date": "1987-04-02", "title": "BRAZIL COFFEE EXPORTS FALL", "body": body}).to_string(),
        r#"{"id": "cocoa", "date": "1987-04-02", "title": "COCOA ARRIVALS", "body": "Cocoa arrivals in Bahia rose in March, exporters said."}"#.to_string(),
    ];
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[("c/wires.jsonl", lines.join("\n").as_bytes())],
    );
    let index = Indexed::new(&[&dir.path().join("c")]);
    let hits = index.json_hits(&["coffee frost shipments"]);
    assert_eq!(hits[0]["article_id"], "coffee");
    let text = hits[0]["text"].as_str().unwrap();
    assert!(text.starts_with("Exports in the first quarter"), "{text}");
    assert!(text.ends_with("monthly report to the trade."), "{text}");
}

/// The fast path re-ranks a pool of candidates, scoring each one's article through its first
/// passage (long articles, over 8 KiB, are indexed passage by passage). `--recency` on a dated
/// index scores every match exhaustively instead; with a half-life of an hour, articles decades
/// older than the newest one keep their scores exactly, so with every match in the pool both
/// paths must give the same scores, for short and long articles.
#[test]
fn fast_path_article_scores_match_exhaustive_scoring() {
    let dir = tempfile::tempdir().unwrap();
    let filler = "Delegates discussed budgets, harvests and shipping schedules at length. ";
    let mut long_body = String::new();
    for paragraph in 0..40 {
        long_body.push_str(&filler.repeat(4));
        if paragraph == 30 {
            long_body.push_str("The copper tariff dispute was settled by the tribunal. ");
        }
        long_body.push_str("\n\n");
    }
    assert!(long_body.len() > 8 * 1024);
    let long = format!(" date 1990-01-01 Long report on trade\n\n{long_body}");
    let short = " date 1990-01-02 Copper tariff ruling\n\nThe tribunal ruled on the copper tariff.\n\nExporters welcomed the copper decision.\n";
    let other = " date 1990-01-03 Harvest news\n\nA copper kettle was sold at the harvest fair.\n";
    // The newest article, which the recency boost measures age from; it does not match.
    let newest = " date 2022-01-01 Weather\n\nRain is expected tomorrow.\n";
    let mut files = vec![
        ("c/long.txt".to_string(), long.clone()),
        ("c/short.txt".to_string(), short.to_string()),
        ("c/other.txt".to_string(), other.to_string()),
        ("c/newest.txt".to_string(), newest.to_string()),
    ];
    // More long articles, so that their passages interleave across the writer's threads.
    for n in 0..12 {
        files.push((
            format!("c/filler{n}.txt"),
            format!(
                " date 1990-02-{:02} Filler {n}\n\n{}",
                n + 1,
                long_body.replace("copper", "tin")
            ),
        ));
    }
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_bytes()))
        .collect();
    write_files(dir.path(), &files);
    let indexed = Indexed::new(&[&dir.path().join("c")]);
    let scores = |extra: &[&str]| -> Vec<(String, String)> {
        let mut args = vec!["copper tariff", "--limit", "20"];
        args.extend_from_slice(extra);
        let mut hits: Vec<(String, String)> = indexed
            .json_hits(&args)
            .iter()
            .map(|hit| {
                (
                    hit["path"].as_str().unwrap().to_string(),
                    format!("{:.4}", hit["score"].as_f64().unwrap()),
                )
            })
            .collect();
        hits.sort();
        hits
    };
    let fast = scores(&[]);
    assert!(fast.len() >= 3, "{fast:?}");
    assert_eq!(fast, scores(&["--recency", "1h"]));
    // The boost is live on these dates: a half-life of centuries nearly doubles every score.
    assert_ne!(fast, scores(&["--recency", "100000d"]));
}
