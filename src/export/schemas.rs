//! The schema files of an export: Quickwit's index config and Elasticsearch's mapping, for
//! the fields of [`super::ExportDocument`], each choice said where it is made.

/// The text fields, the keyword (raw) fields and the actor lists of a document.
const TEXT_FIELDS: [&str; 2] = ["title", "body"];
const RAW_FIELDS: [&str; 5] = ["article_id", "path", "date_precision", "source", "lang"];
const ACTOR_FIELDS: [&str; 4] = ["people", "orgs", "countries", "places"];

/// Quickwit 0.9's `index-config.yaml` for an export named `index_id`.
///
/// Text with positions (phrase queries) and `fieldnorms: true` (BM25 needs field lengths,
/// which Quickwit leaves off by default), stemmed English (`en_stem`, as newsdex ranks
/// English); the date as a `datetime` in RFC 3339 (Quickwit's integer timestamps cover
/// 1972-2242 only, and archives reach further back), fast, the `timestamp_field`; ids, paths,
/// sources and each kind of actor as raw (untokenised) fast text, for exact filters and terms
/// aggregations (Quickwit has no facet type); `mode: strict`, so a document that does not fit
/// is refused rather than half indexed.
pub fn quickwit_index_config(index_id: &str) -> String {
    let mut yaml = format!(
        "# Quickwit 0.9 index config written by `newsdex export --to quickwit`.\n\
         version: 0.9\n\
         index_id: {index_id}\n\
         doc_mapping:\n  \
           mode: strict\n  \
           field_mappings:\n"
    );
    for name in RAW_FIELDS {
        yaml.push_str(&format!(
            "    - name: {name}\n      type: text\n      tokenizer: raw\n      fast: true\n      stored: true\n"
        ));
    }
    yaml.push_str("    - name: passage\n      type: u64\n      fast: true\n      stored: true\n");
    for name in TEXT_FIELDS {
        yaml.push_str(&format!(
            "    - name: {name}\n      type: text\n      tokenizer: en_stem\n      record: position\n      fieldnorms: true\n      stored: true\n"
        ));
    }
    yaml.push_str(
        "    - name: date\n      type: datetime\n      input_formats:\n        - rfc3339\n      \
         output_format: rfc3339\n      fast_precision: seconds\n      fast: true\n      stored: true\n",
    );
    for name in ACTOR_FIELDS {
        yaml.push_str(&format!(
            "    - name: {name}\n      type: array<text>\n      tokenizer: raw\n      fast: true\n      stored: true\n"
        ));
    }
    yaml.push_str(
        "  timestamp_field: date\n\
         search_settings:\n  \
           default_search_fields: [title, body]\n",
    );
    yaml
}

/// The Elasticsearch (and OpenSearch) index body: settings-free, the mapping only.
///
/// The same choices as Quickwit's: text analysed in English; ids, sources and actors as
/// `keyword` (exact filters, terms aggregations); the date as `date` in
/// `strict_date_optional_time` (the RFC 3339 the export writes; Elasticsearch dates reach
/// far before 1970); `dynamic: strict`.
pub fn elasticsearch_mapping() -> serde_json::Value {
    let mut properties = serde_json::Map::new();
    for name in RAW_FIELDS.iter().chain(ACTOR_FIELDS.iter()) {
        properties.insert(name.to_string(), serde_json::json!({ "type": "keyword" }));
    }
    properties.insert("passage".into(), serde_json::json!({ "type": "long" }));
    for name in TEXT_FIELDS {
        properties.insert(
            name.to_string(),
            serde_json::json!({ "type": "text", "analyzer": "english" }),
        );
    }
    properties.insert(
        "date".into(),
        serde_json::json!({ "type": "date", "format": "strict_date_optional_time" }),
    );
    serde_json::json!({ "mappings": { "dynamic": "strict", "properties": properties } })
}
