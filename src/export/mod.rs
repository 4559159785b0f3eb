//! Export: the index's articles or passages (all, or those matching a search) written for
//! another engine: Quickwit (an index config and NDJSON), Elasticsearch or OpenSearch (a
//! mapping and `_bulk` NDJSON), or JSON lines that `newsdex index` reads back.
//!
//! Every target writes the same document (see [`ExportDocument`]); what differs is the schema
//! file beside it and, for Elasticsearch, the action line before each document. The output
//! directory appears whole or not at all: everything is written into a temporary directory
//! beside it and renamed at the end.

mod schemas;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::actors::ActorKind;
use crate::corpus::parse_date;
use crate::error::{Error, Result};
use crate::search::{ActorRef, Hit, SearchRequest, Searcher};

pub use schemas::{elasticsearch_mapping, quickwit_index_config};

/// The most bytes in one NDJSON file: Quickwit's ingest API refuses larger requests (10 MB).
pub const MAX_FILE_BYTES: usize = 10_000_000;

/// The engine an export is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Quickwit 0.9: `index-config.yaml` and `docs-NNNN.ndjson`.
    Quickwit,
    /// Elasticsearch or OpenSearch: `mapping.json` and `bulk-NNNN.ndjson`.
    Elasticsearch,
    /// `articles-NNNN.jsonl`, as `newsdex index` reads it (articles only).
    Jsonl,
}

/// What one document of an export is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportUnit {
    /// One document per article: its title and whole text.
    Article,
    /// One document per passage, with its article's fields.
    Passage,
}

/// What to export and where.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The engine.
    pub target: Target,
    /// The directory to create (absent, or empty).
    pub out: PathBuf,
    /// Articles or passages.
    pub unit: ExportUnit,
    /// The index name written into the schema file.
    pub index_id: String,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportSummary {
    /// Documents written.
    pub documents: u64,
    /// Data files written (NDJSON or JSONL).
    pub files: u64,
    /// Bytes of the data files.
    pub bytes: u64,
}

/// One exported document: an article (or a passage of it) with its date as RFC 3339 and at
/// its precision, its actors under their canonical names, one list per kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportDocument {
    /// The article's id within its file.
    pub article_id: String,
    /// The file it was read from.
    pub path: String,
    /// With `--unit passage`: the passage's ordinal in its article.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passage: Option<u64>,
    /// Headline.
    pub title: String,
    /// The article's text (passages joined by blank lines), or the passage's.
    pub body: String,
    /// Start of the article's date period, RFC 3339 (absent when undated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// `year`, `month`, `day` or `time`: how much of `date` the source gave.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_precision: Option<String>,
    /// The outlet, normalised.
    pub source: String,
    /// ISO 639-1 language code.
    pub lang: String,
    /// People named.
    pub people: Vec<String>,
    /// Organisations named.
    pub orgs: Vec<String>,
    /// Countries named.
    pub countries: Vec<String>,
    /// Places named.
    pub places: Vec<String>,
}

/// The article as `newsdex index` reads a JSON line: the date as the source gave it (a year
/// stays a year).
#[derive(Serialize)]
struct JsonlArticle<'a> {
    id: &'a str,
    title: &'a str,
    date: Option<&'a str>,
    source: &'a str,
    body: &'a str,
}

/// The names of `actors` of `kind`.
fn names_of(actors: &[ActorRef], kind: ActorKind) -> Vec<String> {
    actors
        .iter()
        .filter(|actor| actor.kind == kind)
        .map(|actor| actor.name.clone())
        .collect()
}

/// The date fields of a document from a date as shown at its precision (`1789`, `2024-03`).
fn dates(display: Option<&str>) -> (Option<String>, Option<String>) {
    match display.map(|d| parse_date(d, &[])) {
        Some(Ok(date)) => (
            Some(date.to_rfc3339()),
            Some(format!("{:?}", date.precision).to_lowercase()),
        ),
        _ => (None, None),
    }
}

/// Numbered data files (from 1) of at most `limit` bytes: NDJSON, or JSONL for `index`.
struct Files {
    dir: PathBuf,
    stem: &'static str,
    extension: &'static str,
    limit: usize,
    current: Option<(BufWriter<File>, usize)>,
    summary: ExportSummary,
}

impl Files {
    fn new(dir: &Path, stem: &'static str, limit: usize) -> Files {
        Files {
            dir: dir.to_path_buf(),
            stem,
            extension: if stem == "articles" {
                "jsonl"
            } else {
                "ndjson"
            },
            limit,
            current: None,
            summary: ExportSummary {
                documents: 0,
                files: 0,
                bytes: 0,
            },
        }
    }

    /// Writes `record` (whole lines, ending in a newline) into the current file, or a new one
    /// when it would pass the limit: a record is never split between files.
    fn write(&mut self, record: &[u8]) -> Result<()> {
        let full = self
            .current
            .as_ref()
            .is_some_and(|(_, bytes)| bytes + record.len() > self.limit);
        if full || self.current.is_none() {
            self.close()?;
            self.summary.files += 1;
            let path = self.dir.join(format!(
                "{}-{:04}.{}",
                self.stem, self.summary.files, self.extension
            ));
            let file = File::create(&path).map_err(|err| Error::io(&path, err))?;
            self.current = Some((BufWriter::new(file), 0));
        }
        let (out, bytes) = self.current.as_mut().expect("a file is open");
        out.write_all(record)
            .map_err(|err| Error::io(&self.dir, err))?;
        *bytes += record.len();
        self.summary.bytes += record.len() as u64;
        self.summary.documents += 1;
        Ok(())
    }

    /// Closes the current file: the next record starts a new one.
    fn close(&mut self) -> Result<()> {
        if let Some((mut out, _)) = self.current.take() {
            out.flush().map_err(|err| Error::io(&self.dir, err))?;
        }
        Ok(())
    }
}

/// Checks `out` before any work: absent (its parent must exist) or an empty directory.
fn check_out(out: &Path) -> Result<PathBuf> {
    if out.exists() {
        let empty = std::fs::read_dir(out)
            .map(|mut entries| entries.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(Error::ExportOutNotEmpty {
                path: out.to_path_buf(),
            });
        }
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok(parent)
}

/// Exports the articles or passages matching `request` (every one, in index order, copies
/// not folded) into `options.out`, which is created whole at the end.
pub fn export(
    searcher: &Searcher,
    request: &SearchRequest,
    options: &ExportOptions,
) -> Result<ExportSummary> {
    let parent = check_out(&options.out)?;
    let staging = tempfile::Builder::new()
        .prefix(".newsdex-export-")
        .tempdir_in(&parent)
        .map_err(|err| Error::io(&options.out, err))?;
    let dir = staging.path();
    let unit = match options.target {
        Target::Jsonl => ExportUnit::Article,
        _ => options.unit,
    };
    let summary = match options.target {
        Target::Quickwit => {
            let config = quickwit_index_config(&options.index_id);
            std::fs::write(dir.join("index-config.yaml"), config)
                .map_err(|err| Error::io(dir, err))?;
            let mut files = Files::new(dir, "docs", MAX_FILE_BYTES);
            each_document(searcher, request, unit, |document| {
                let mut line = Vec::new();
                push_json_line(&mut line, &document);
                files.write(&line)
            })?;
            files.close()?;
            files.summary
        }
        Target::Elasticsearch => {
            let mapping = elasticsearch_mapping();
            let mut text = serde_json::to_string_pretty(&mapping).expect("a mapping serialises");
            text.push('\n');
            std::fs::write(dir.join("mapping.json"), text).map_err(|err| Error::io(dir, err))?;
            let mut files = Files::new(dir, "bulk", MAX_FILE_BYTES);
            let index = &options.index_id;
            each_document(searcher, request, unit, |document| {
                let id = match document.passage {
                    Some(p) => format!("{}#{}#{p}", document.path, document.article_id),
                    None => format!("{}#{}", document.path, document.article_id),
                };
                let action = serde_json::json!({ "index": { "_index": index, "_id": id } });
                let mut record = Vec::new();
                push_json_line(&mut record, &action);
                push_json_line(&mut record, &document);
                files.write(&record)
            })?;
            files.close()?;
            files.summary
        }
        Target::Jsonl => {
            // An article is a file and an id: two articles of one id (from two files) go to
            // two files, so that `index` reads them as two, not as one line replacing another.
            let mut files = Files::new(dir, "articles", usize::MAX);
            let mut ids_in_file: std::collections::HashSet<String> = Default::default();
            each_article(searcher, request, |article, display| {
                if !ids_in_file.insert(article.article_id.clone()) {
                    files.close()?;
                    ids_in_file.clear();
                    ids_in_file.insert(article.article_id.clone());
                }
                let line = JsonlArticle {
                    id: &article.article_id,
                    title: &article.title,
                    date: display,
                    source: &article.source,
                    body: &article.body,
                };
                let mut bytes = Vec::new();
                push_json_line(&mut bytes, &line);
                files.write(&bytes)
            })?;
            files.close()?;
            files.summary
        }
    };
    let staged = staging.keep();
    if options.out.exists() {
        // Empty (checked above): the rename takes its place.
        std::fs::remove_dir(&options.out).map_err(|err| Error::io(&options.out, err))?;
    }
    if let Err(err) = std::fs::rename(&staged, &options.out) {
        let _ = std::fs::remove_dir_all(&staged);
        return Err(Error::io(&options.out, err));
    }
    Ok(summary)
}

/// Hands each matching article or passage to `each` as a document.
fn each_document(
    searcher: &Searcher,
    request: &SearchRequest,
    unit: ExportUnit,
    mut each: impl FnMut(ExportDocument) -> Result<()>,
) -> Result<()> {
    match unit {
        ExportUnit::Article => each_article(searcher, request, |document, _| each(document)),
        ExportUnit::Passage => {
            searcher.for_each_match(request, false, |hit| each(passage_document(hit)))?;
            Ok(())
        }
    }
}

fn passage_document(hit: Hit) -> ExportDocument {
    let (date, date_precision) = dates(hit.date_display.as_deref());
    ExportDocument {
        people: names_of(&hit.actors, ActorKind::Person),
        orgs: names_of(&hit.actors, ActorKind::Org),
        countries: names_of(&hit.actors, ActorKind::Country),
        places: names_of(&hit.actors, ActorKind::Place),
        article_id: hit.article_id,
        path: hit.path,
        passage: Some(hit.passage),
        title: hit.title,
        body: hit.text,
        date,
        date_precision,
        source: hit.source,
        lang: hit.lang,
    }
}

/// Hands each matching article to `each`, whole, with its date as the source gave it.
fn each_article(
    searcher: &Searcher,
    request: &SearchRequest,
    mut each: impl FnMut(ExportDocument, Option<&str>) -> Result<()>,
) -> Result<()> {
    searcher.for_each_match(request, true, |hit| {
        let article = searcher.show(&hit.article_id, Some(&hit.path), "")?;
        let (date, date_precision) = dates(article.date_display.as_deref());
        let body: Vec<&str> = article.passages.iter().map(|p| p.text.as_str()).collect();
        let document = ExportDocument {
            people: names_of(&article.actors, ActorKind::Person),
            orgs: names_of(&article.actors, ActorKind::Org),
            countries: names_of(&article.actors, ActorKind::Country),
            places: names_of(&article.actors, ActorKind::Place),
            article_id: article.article_id,
            path: article.path,
            passage: None,
            title: article.title,
            body: body.join("\n\n"),
            date,
            date_precision,
            source: article.source,
            lang: article.lang,
        };
        each(document, article.date_display.as_deref())
    })?;
    Ok(())
}

/// Appends `value` as one JSON line (a document, or a `_bulk` action) to `out`.
fn push_json_line(out: &mut Vec<u8>, value: &impl serde::Serialize) {
    serde_json::to_writer(&mut *out, value).expect("export records serialise to JSON");
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_stay_under_the_limit_and_never_split_a_record() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Files::new(dir.path(), "docs", 100);
        let record = format!("{}\n", "x".repeat(39));
        for _ in 0..7 {
            files.write(record.as_bytes()).unwrap();
        }
        files.close().unwrap();
        assert_eq!((files.summary.files, files.summary.documents), (4, 7));
        for n in 1..=4 {
            let text =
                std::fs::read_to_string(dir.path().join(format!("docs-{n:04}.ndjson"))).unwrap();
            assert!(
                text.len() <= 100 && text.len() % 40 == 0,
                "{n}: {}",
                text.len()
            );
        }
    }

    #[test]
    fn dates_keep_their_precision() {
        assert_eq!(
            dates(Some("1789")),
            (Some("1789-01-01T00:00:00Z".into()), Some("year".into()))
        );
        assert_eq!(
            dates(Some("2024-03")),
            (Some("2024-03-01T00:00:00Z".into()), Some("month".into()))
        );
        assert_eq!(dates(None), (None, None));
    }
}
