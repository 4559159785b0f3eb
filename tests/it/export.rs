//! `newsdex export`: the schema files parse into models of Quickwit's index config and
//! Elasticsearch's mapping (unknown keys refused), the NDJSON lines fit them, the jsonl round
//! trip gives the same articles, and a bad `--out` writes nothing.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::{assert_success, json_lines, newsdex, run, write_files, Indexed};

/// Quickwit 0.9's index config, as its documentation describes it (the keys newsdex may
/// write, and the others a config may hold); unknown keys are an error.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct QuickwitIndexConfig {
    version: serde_norway::Value,
    index_id: String,
    #[serde(default)]
    index_uri: Option<String>,
    doc_mapping: QuickwitDocMapping,
    #[serde(default)]
    indexing_settings: Option<serde_norway::Value>,
    #[serde(default)]
    search_settings: Option<QuickwitSearchSettings>,
    #[serde(default)]
    retention: Option<serde_norway::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct QuickwitDocMapping {
    #[serde(default)]
    mode: Option<String>,
    field_mappings: Vec<QuickwitField>,
    #[serde(default)]
    timestamp_field: Option<String>,
    #[serde(default)]
    tag_fields: Vec<String>,
    #[serde(default)]
    partition_key: Option<String>,
    #[serde(default)]
    max_num_partitions: Option<u64>,
    #[serde(default)]
    store_source: Option<bool>,
    #[serde(default)]
    index_field_presence: Option<bool>,
    #[serde(default)]
    tokenizers: Option<serde_norway::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct QuickwitField {
    name: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    stored: Option<bool>,
    #[serde(default)]
    indexed: Option<bool>,
    #[serde(default)]
    fast: Option<serde_norway::Value>,
    #[serde(default)]
    tokenizer: Option<String>,
    #[serde(default)]
    record: Option<String>,
    #[serde(default)]
    fieldnorms: Option<bool>,
    #[serde(default)]
    input_formats: Vec<String>,
    #[serde(default)]
    output_format: Option<String>,
    #[serde(default)]
    fast_precision: Option<String>,
    #[serde(default)]
    precision: Option<String>,
    #[serde(default)]
    field_mappings: Vec<QuickwitField>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct QuickwitSearchSettings {
    default_search_fields: Vec<String>,
}

/// An Elasticsearch / OpenSearch create-index body with a mapping (the API's body also takes
/// `settings` and `aliases`, which newsdex does not write); unknown keys are an error.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct EsIndexBody {
    mappings: EsMappings,
    #[serde(default)]
    settings: Option<serde_json::Value>,
    #[serde(default)]
    aliases: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EsMappings {
    #[serde(default)]
    dynamic: Option<String>,
    properties: BTreeMap<String, EsProperty>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct EsProperty {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    analyzer: Option<String>,
    #[serde(default)]
    format: Option<String>,
}

/// Articles with dates of every precision (one before 1970), two sources, actors.
fn archive(dir: &Path) -> Indexed {
    let article = |id: &str, date: Option<&str>, title: &str, body: &str| {
        let mut value = serde_json::json!({ "id": id, "title": title, "body": body });
        if let Some(date) = date {
            value["date"] = date.into();
        }
        value.to_string()
    };
    let harbour = [
        article("h1", Some("1789"), "Assembly meets at Versailles", "Delegates of France met at Versailles, and Honore Mirabeau spoke for the third estate."),
        article("h2", Some("2024-02"), "Ferry fares, again", "The Lakeside Ferry Company raised fares, said Dalia Brenmoor in Ottawa.\n\nPassengers in Canada complained."),
        article("h3", Some("2024-02-14"), "Harbour \"repairs\" begin", "Repairs began at the harbour in Halifax on Wednesday, the council said."),
    ];
    let valley = [
        article("v1", Some("2024-02-14T08:30:00Z"), "Valley orchards flood", "Rain flooded orchards near Kelowna, and Marta Quillon of the Valley Growers Union asked for help."),
        article("v2", None, "Undated letter", "A reader wrote about the ferry and the harbour in Halifax."),
        article("h3", Some("2024-03-01"), "Valley notice", "The valley's own article numbered like a harbour one, about orchards."),
    ];
    write_files(
        dir,
        &[
            ("c/harbour.jsonl", harbour.join("\n").as_bytes()),
            ("c/valley.jsonl", valley.join("\n").as_bytes()),
        ],
    );
    Indexed::new(&[&dir.join("c")])
}

fn export(index: &Indexed, args: &[&str]) -> std::process::Output {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    run(index, &all)
}

/// The articles of an index as (id, title, date as shown, source, actors), sorted.
fn articles(index: &Indexed, dir: &Path) -> Vec<serde_json::Value> {
    let out = dir.join(format!("check-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    let out = out.join(index.index().parent().unwrap().file_name().unwrap());
    assert_success(&export(
        index,
        &["--to", "jsonl", "--out", out.to_str().unwrap()],
    ));
    // One id in two files goes to two export files.
    let mut jsonl: Vec<serde_json::Value> = Vec::new();
    for n in 1.. {
        let Ok(text) = std::fs::read_to_string(out.join(format!("articles-{n:04}.jsonl"))) else {
            break;
        };
        jsonl.extend(
            text.lines()
                .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()),
        );
    }
    let hits = json_lines(
        &index
            .search(&["--all", "--unit", "article", "--json"])
            .output()
            .unwrap(),
    );
    for article in &mut jsonl {
        let hit = hits
            .iter()
            .find(|h| h["article_id"] == article["id"] && h["title"] == article["title"])
            .unwrap();
        article["actors"] = hit["actors"].clone();
    }
    jsonl.sort_by_key(|a| (a["id"].to_string(), a["title"].to_string()));
    std::fs::remove_dir_all(&out).unwrap();
    jsonl
}

#[test]
fn jsonl_round_trip_gives_the_same_articles() {
    let dir = tempfile::tempdir().unwrap();
    let first = archive(dir.path());
    let out = dir.path().join("export");
    let output = export(&first, &["--to", "jsonl", "--out", out.to_str().unwrap()]);
    assert_success(&output);
    let second = Indexed::new(&[&out]);
    let (before, after) = (articles(&first, dir.path()), articles(&second, dir.path()));
    assert_eq!(before.len(), 6);
    assert_eq!(before, after);
    let h1 = &before[0];
    assert_eq!(
        (h1["id"].as_str(), h1["date"].as_str()),
        (Some("h1"), Some("1789"))
    );
    let h2 = &before[1];
    assert_eq!(h2["date"], "2024-02");
    assert_eq!(h2["source"], "harbour");
    assert!(h2["actors"].to_string().contains("Dalia Brenmoor"), "{h2}");
}

#[test]
fn quickwit_config_fits_the_model_and_documents_fit_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let index = archive(dir.path());
    let out = dir.path().join("qw");
    let output = export(
        &index,
        &["--to", "quickwit", "--out", out.to_str().unwrap()],
    );
    assert_success(&output);
    let yaml = std::fs::read_to_string(out.join("index-config.yaml")).unwrap();
    let config: QuickwitIndexConfig = serde_norway::from_str(&yaml).unwrap();
    assert_eq!(config.version, serde_norway::Value::from(0.9));
    let mapping = &config.doc_mapping;
    let fields: BTreeMap<&str, &QuickwitField> = mapping
        .field_mappings
        .iter()
        .map(|f| (f.name.as_str(), f))
        .collect();
    let timestamp = fields[mapping.timestamp_field.as_deref().unwrap()];
    assert_eq!(timestamp.kind, "datetime");
    assert_eq!(timestamp.input_formats, ["rfc3339"]);
    assert_eq!(timestamp.fast, Some(serde_norway::Value::Bool(true)));
    for text in ["title", "body"] {
        assert_eq!(fields[text].record.as_deref(), Some("position"));
        assert_eq!(fields[text].fieldnorms, Some(true));
    }
    for actor in ["people", "orgs", "countries", "places"] {
        assert_eq!(fields[actor].kind, "array<text>");
        assert_eq!(fields[actor].tokenizer.as_deref(), Some("raw"));
    }
    for field in &mapping.field_mappings {
        assert!(
            ["text", "array<text>", "u64", "datetime"].contains(&field.kind.as_str()),
            "{field:?}"
        );
    }

    let mut documents = 0;
    for entry in std::fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ndjson") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.len() <= 10_000_000 && text.ends_with('\n'));
            for line in text.lines() {
                let document: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_str(line).unwrap();
                for (key, value) in &document {
                    assert!(fields.contains_key(key.as_str()), "{key} not in the config");
                    if key == "date" {
                        chrono::DateTime::parse_from_rfc3339(value.as_str().unwrap()).unwrap();
                    }
                }
                documents += 1;
            }
        }
    }
    assert_eq!(documents, 6);
}

#[test]
fn elasticsearch_mapping_and_bulk_lines_fit_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let index = archive(dir.path());
    let out = dir.path().join("es");
    let output = export(
        &index,
        &[
            "--to",
            "elasticsearch",
            "--unit",
            "passage",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_success(&output);
    let body: EsIndexBody =
        serde_json::from_str(&std::fs::read_to_string(out.join("mapping.json")).unwrap()).unwrap();
    let properties = &body.mappings.properties;
    assert_eq!(body.mappings.dynamic.as_deref(), Some("strict"));
    assert_eq!(properties["date"].kind, "date");
    assert_eq!(
        properties["date"].format.as_deref(),
        Some("strict_date_optional_time")
    );
    assert_eq!(properties["people"].kind, "keyword");

    let bulk = std::fs::read_to_string(out.join("bulk-0001.ndjson")).unwrap();
    assert!(bulk.ends_with('\n'));
    let lines: Vec<serde_json::Value> = bulk
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len() % 2, 0);
    let passages = json_lines(&index.search(&["--all", "--json"]).output().unwrap());
    assert_eq!(lines.len() / 2, passages.len());
    let mut ids = std::collections::BTreeSet::new();
    for pair in lines.chunks(2) {
        let action = pair[0]["index"].as_object().unwrap();
        assert_eq!(action["_index"], "newsdex");
        assert!(ids.insert(action["_id"].as_str().unwrap().to_string()));
        for (key, value) in pair[1].as_object().unwrap() {
            assert!(properties.contains_key(key), "{key} not in the mapping");
            if key == "date" {
                chrono::DateTime::parse_from_rfc3339(value.as_str().unwrap()).unwrap();
            }
        }
    }
}

#[test]
fn a_bad_out_is_one_error_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let index = archive(dir.path());
    let busy = dir.path().join("busy");
    write_files(dir.path(), &[("busy/keep.txt", b"mine")]);
    let output = export(
        &index,
        &["--to", "quickwit", "--out", busy.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("busy") && stderr.contains("not empty"),
        "{stderr}"
    );
    let names: Vec<_> = std::fs::read_dir(&busy).unwrap().collect();
    assert_eq!(names.len(), 1);

    // Under a file: nothing can be created there.
    let under_file = dir.path().join("busy/keep.txt/out");
    let output = newsdex()
        .args(["export", "--to", "jsonl", "--out"])
        .arg(&under_file)
        .arg("--index")
        .arg(index.index())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("keep.txt/out"), "{stderr}");

    // An empty directory is taken; nothing is left beside it.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert_success(&export(
        &index,
        &["--to", "jsonl", "--out", empty.to_str().unwrap()],
    ));
    assert!(empty.join("articles-0001.jsonl").exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".newsdex-export")
        })
        .collect();
    assert!(leftovers.is_empty());
}

/// The project's own example configs, committed verbatim (see `PROVENANCE.md` beside them).
fn upstream_fixtures(kind: &str, ext: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/export")
        .join(kind);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

#[test]
fn quickwit_model_reads_quickwits_own_example_configs() {
    let files = upstream_fixtures("quickwit", "yaml");
    assert!(files.len() >= 3, "fixtures missing: {files:?}");
    for file in files {
        let yaml = std::fs::read_to_string(&file).unwrap();
        let config: QuickwitIndexConfig =
            serde_norway::from_str(&yaml).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(!config.index_id.is_empty(), "{}", file.display());
        let mapping = &config.doc_mapping;
        let names: Vec<&str> = mapping
            .field_mappings
            .iter()
            .map(|f| f.name.as_str())
            .collect();
        assert!(!names.is_empty(), "{}", file.display());
        // The fields the config names elsewhere are among its field mappings.
        let named = mapping
            .timestamp_field
            .iter()
            .chain(&mapping.tag_fields)
            .chain(
                config
                    .search_settings
                    .iter()
                    .flat_map(|s| &s.default_search_fields),
            );
        for name in named {
            assert!(names.contains(&name.as_str()), "{}: {name}", file.display());
        }
    }
}

#[test]
fn quickwit_model_still_refuses_an_unknown_key() {
    let file = &upstream_fixtures("quickwit", "yaml")[0];
    let yaml = std::fs::read_to_string(file)
        .unwrap()
        .replace("doc_mapping:\n", "doc_mapping:\n  no_such_key: true\n");
    let error = serde_norway::from_str::<QuickwitIndexConfig>(&yaml).unwrap_err();
    assert!(error.to_string().contains("no_such_key"), "{error}");
}

/// The bodies of the `indices.create` steps of an OpenSearch REST test that give a mapping.
fn create_index_bodies(test: &serde_norway::Value) -> Vec<serde_norway::Value> {
    let mut bodies = Vec::new();
    let Some(sections) = test.as_mapping() else {
        return bodies;
    };
    for steps in sections.values().filter_map(|v| v.as_sequence()) {
        for step in steps {
            let Some(call) = step.get("do") else { continue };
            if call.get("catch").is_some() {
                continue; // a step expected to fail is no example of a valid body
            }
            if let Some(body) = call.get("indices.create").and_then(|c| c.get("body")) {
                if body.get("mappings").is_some() {
                    bodies.push(body.clone());
                }
            }
        }
    }
    bodies
}

#[test]
fn elasticsearch_model_reads_opensearchs_own_create_index_bodies() {
    let files = upstream_fixtures("opensearch", "yml");
    assert!(!files.is_empty(), "fixtures missing");
    for file in files {
        // A REST test is a stream of YAML documents (`---`): the setup, then one per test.
        let text = std::fs::read_to_string(&file).unwrap();
        let bodies: Vec<serde_norway::Value> = serde_norway::Deserializer::from_str(&text)
            .flat_map(|document| {
                create_index_bodies(&serde_norway::Value::deserialize(document).unwrap())
            })
            .collect();
        assert!(!bodies.is_empty(), "{}: no mapping", file.display());
        for body in bodies {
            let index: EsIndexBody = serde_norway::from_value(body)
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let properties = &index.mappings.properties;
            assert!(!properties.is_empty(), "{}", file.display());
            assert!(properties.values().all(|p| !p.kind.is_empty()));
        }
    }
}

#[test]
fn elasticsearch_model_still_refuses_an_unknown_key() {
    let body = serde_json::json!({
        "mappings": { "properties": { "headline": { "type": "text", "no_such_key": 1 } } }
    });
    let error = serde_json::from_value::<EsIndexBody>(body).unwrap_err();
    assert!(error.to_string().contains("no_such_key"), "{error}");
}
