//! `newsdex bench`: the report's shape on the fixture corpus (never its timings).

use crate::{assert_success, newsdex, write_files, Indexed};

const LATENCY_KEYS: [&str; 5] = ["p50_ms", "p95_ms", "p99_ms", "max_ms", "mean_ms"];

fn assert_latency(value: &serde_json::Value, what: &str) {
    for key in LATENCY_KEYS {
        let figure = value[key]
            .as_f64()
            .unwrap_or_else(|| panic!("{what}.{key} missing in {value}"));
        assert!(figure >= 0.0, "{what}.{key}");
    }
    assert!(
        value["p50_ms"].as_f64() <= value["p99_ms"].as_f64(),
        "{what}"
    );
    assert!(
        value["p99_ms"].as_f64() <= value["max_ms"].as_f64(),
        "{what}"
    );
}

fn bench_json(index: &Indexed, args: &[&str]) -> serde_json::Value {
    let output = newsdex()
        .arg("bench")
        .arg("--index")
        .arg(index.index())
        .args(["--json", "--runs", "1", "--warmup", "0"])
        .args(args)
        .output()
        .unwrap();
    assert_success(&output);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "one JSON object: {stdout}");
    serde_json::from_str(&stdout).unwrap()
}

#[test]
fn sampled_bench_reports_every_figure() {
    let index = Indexed::fixture();
    let report = bench_json(&index, &["--sample", "30", "--limit", "5"]);
    assert_eq!(report["queries"], 30);
    assert_eq!(report["threads"], 1);
    assert_eq!(report["limit"], 5);
    assert!(report["qps"].as_f64().unwrap() > 0.0);
    assert!(report["baseline_qps"].as_f64().unwrap() > 0.0);
    for what in ["total", "cold", "baseline"] {
        assert_latency(&report[what], what);
    }
    let phases = report["phases"].as_object().unwrap();
    let names: Vec<&str> = phases.keys().map(|k| k.as_str()).collect();
    assert_eq!(names, ["fetch", "highlight", "parse", "render", "search"]);
    for (name, latency) in phases {
        assert_latency(latency, name);
    }
    assert!(report["ratio_p50"].as_f64().unwrap() > 0.0);
    assert!(report["ratio_p99"].as_f64().unwrap() > 0.0);
    let figures = &report["index"];
    assert!(figures["articles"].as_u64().unwrap() > 0);
    assert!(figures["passages"].as_u64() >= figures["articles"].as_u64());
    assert!(figures["bytes"].as_u64().unwrap() > 0);
    // Sampled queries come from the index's own passages: they find something.
    assert!(report["mean_hits"].as_f64().unwrap() >= 1.0);
}

#[test]
fn same_seed_same_queries_and_threads_run_them_all() {
    let index = Indexed::fixture();
    let one = bench_json(&index, &["--sample", "12", "--seed", "7"]);
    let four = bench_json(&index, &["--sample", "12", "--seed", "7", "--threads", "4"]);
    assert_eq!(four["threads"], 4);
    assert_eq!(one["queries"], four["queries"]);
    // The same queries find the same hits, whatever the threads.
    assert_eq!(one["mean_hits"], four["mean_hits"]);
    assert_eq!(one["source"], four["source"]);
}

#[test]
fn query_file_in_search_forms_and_text_table() {
    let index = Indexed::fixture();
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[(
            "queries.txt",
            b"{\"_id\": \"q1\", \"text\": \"sanctions\"}\nq2\tpeace talks\nUkraine\nthe of\n",
        )],
    );
    let file = dir.path().join("queries.txt");
    let report = bench_json(&index, &["--queries", file.to_str().unwrap()]);
    // "the of" has only stop words: skipped, as `search --queries` skips it.
    assert_eq!(report["queries"], 3);
    assert_eq!(report["skipped"], 1);

    let output = newsdex()
        .arg("bench")
        .arg("--index")
        .arg(index.index())
        .args(["--runs", "1", "--queries", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    for row in [
        "parse",
        "search",
        "fetch",
        "highlight",
        "render",
        "newsdex total",
        "first pass",
        "bare tantivy",
        "QPS",
        "newsdex / bare tantivy",
    ] {
        assert!(text.contains(row), "{row} missing from:\n{text}");
    }
}

#[test]
fn bench_errors_are_one_line_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = newsdex()
        .arg("bench")
        .arg("--index")
        .arg(dir.path().join("none"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("newsdex: "), "{stderr}");

    let index = Indexed::fixture();
    let missing = dir.path().join("missing.txt");
    let output = newsdex()
        .arg("bench")
        .arg("--index")
        .arg(index.index())
        .arg("--queries")
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("missing.txt"), "{stderr}");
}

#[test]
fn explore_scenario_times_every_exploration_command() {
    let index = Indexed::fixture();
    let report = bench_json(&index, &["--scenario", "explore", "--sample", "3"]);
    assert_eq!(report["scenario"], "explore");
    let commands = report["commands"].as_array().unwrap();
    let names: Vec<&str> = commands
        .iter()
        .map(|c| c["command"].as_str().unwrap())
        .collect();
    assert!(names[0].starts_with("search \""), "{names:?}");
    for (at, start) in [
        (1, "stats"),
        (2, "actors --top 20"),
        (3, "timeline "),
        (4, "cooccur "),
        (5, "search --facets "),
    ] {
        assert!(names[at].starts_with(start), "{names:?}");
    }
    let actor = report["actor"].as_str().unwrap();
    assert!(names[3].contains(actor), "{names:?}");
    for command in commands {
        assert_eq!(command["runs"], 1, "{command}");
        assert!(command["ratio"].as_f64().unwrap() > 0.0, "{command}");
        assert!(command["min_ms"].as_f64() <= command["median_ms"].as_f64());
    }
    assert_eq!(commands[0]["ratio"], 1.0);
}

#[test]
fn oneshot_scenario_runs_whole_processes_against_the_floor() {
    let index = Indexed::fixture();
    let dir = tempfile::tempdir().unwrap();
    let queries = dir.path().join("queries.txt");
    std::fs::write(&queries, "harbour lantern\nquarry wages\n").unwrap();
    let text = newsdex()
        .args([
            "bench",
            "--scenario",
            "oneshot",
            "--runs",
            "1",
            "--warmup",
            "0",
        ])
        .arg("--index")
        .arg(index.index())
        .arg("--queries")
        .arg(&queries)
        .args(["--floor", "/bin/true"])
        .output()
        .unwrap();
    assert_success(&text);
    let text = String::from_utf8(text.stdout).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    assert!(rows[0].contains("scenario oneshot"), "{text}");
    assert!(rows[0].contains("query \"harbour lantern\""), "{text}");
    assert!(rows[1].ends_with("x floor"), "{text}");
    assert!(rows[2].starts_with("floor (true)"), "{text}");
    assert!(rows[3].starts_with("newsdex search (2 queries)"), "{text}");
    for row in [
        "newsdex --version",
        "newsdex stats",
        "newsdex actors --top 20",
    ] {
        assert!(text.contains(row), "{row} missing from:\n{text}");
    }
    // Every row: median, min, runs (2 for the two queries), x search, x floor.
    assert!(
        rows[3].split_whitespace().rev().nth(2) == Some("2"),
        "{text}"
    );
    assert!(rows.last().unwrap().starts_with("x search: over"), "{text}");
}

#[test]
fn indexing_scenario_prints_both_indexers_and_the_ratio() {
    let output = newsdex()
        .args(["bench", "--scenario", "indexing", "--runs", "1", "--json"])
        .arg(crate::fixture_corpus())
        .output()
        .unwrap();
    assert_success(&output);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(report["articles"].as_u64().unwrap() > 0, "{report}");
    assert!(report["text_bytes"].as_u64().unwrap() > 0, "{report}");
    for side in ["tantivy", "newsdex", "newsdex_without_actors"] {
        assert!(
            report[side]["index_bytes"].as_u64().unwrap() > 0,
            "{report}"
        );
        assert!(report[side]["wall_s"].as_f64().unwrap() > 0.0, "{report}");
        assert!(report[side]["cpu_s"].as_f64().unwrap() >= 0.0, "{report}");
    }
    assert!(report["cpu_ratio"].as_f64().unwrap() >= 0.0, "{report}");
    let share = report["extraction_share"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&share), "{report}");

    let output = newsdex()
        .args(["bench", "--scenario", "indexing"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("needs the article files"), "{stderr}");
}
