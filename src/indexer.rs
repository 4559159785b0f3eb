//! Indexer: walks the corpus, turns articles into passage documents and writes the index.
//!
//! Files are read in order by one thread (gzip is decompressed as a stream); passage
//! splitting, actor extraction and document building run on rayon's pool; tantivy's own writer
//! threads do the analysis and postings. Nothing is visible to searchers before the final
//! commit, so an interrupted run leaves the previous index intact.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

use rayon::iter::{ParallelBridge, ParallelIterator};
use serde::{Deserialize, Serialize};
use tantivy::schema::Facet;
use tantivy::{DateTime, Index, IndexWriter, TantivyDocument};

use crate::actors::{extract_actors, ActorMatch};
use crate::corpus::{self, Article, Item, ReadOptions, Warning};
use crate::error::{Error, Result};
use crate::schema::{self, Fields};

/// Name of the file beside tantivy's own that records what newsdex wrote.
pub const MANIFEST: &str = "newsdex.json";

/// How to build an index.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Where the index lives.
    pub index_dir: PathBuf,
    /// Date formats and size caps for reading articles.
    pub read: ReadOptions,
    /// tantivy writer threads.
    pub threads: usize,
    /// Total memory budget of the tantivy writer, in bytes.
    pub memory_bytes: usize,
    /// Draw a progress bar (the caller checks that stderr is a terminal).
    pub progress: bool,
    /// Extract actors (off only to measure what extraction costs).
    pub extract_actors: bool,
}

impl IndexOptions {
    /// Options with defaults sized for this machine.
    pub fn new(index_dir: PathBuf) -> IndexOptions {
        // One core is left to reading and to rayon's passage and actor work. On 2 cores a
        // second tantivy thread made Reuters index slower (4.2 s against 2.7 s, ungdc 36 s
        // against 26 s): two segments must then be merged at the end, serially.
        let threads = std::thread::available_parallelism()
            .map(|n| n.get().saturating_sub(1))
            .unwrap_or(1)
            .clamp(1, 8);
        IndexOptions {
            index_dir,
            read: ReadOptions::default(),
            threads,
            memory_bytes: 128 * 1024 * 1024 * threads,
            progress: false,
            extract_actors: true,
        }
    }
}

/// What an indexing run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexSummary {
    /// Articles indexed.
    pub articles: u64,
    /// Passages indexed.
    pub passages: u64,
    /// Articles indexed without a date.
    pub undated: u64,
    /// Article files read.
    pub files: u64,
    /// Files of other types skipped.
    pub skipped_files: u64,
    /// Warnings reported.
    pub warnings: u64,
    /// Bytes of article text (title and body) read.
    pub bytes: u64,
    /// Wall time.
    pub elapsed: Duration,
    /// Segments in the index after merging.
    pub segments: usize,
}

/// What newsdex records beside the index: schema version and the last run's counts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    /// [`schema::SCHEMA_VERSION`] of the writer.
    pub schema_version: u32,
    /// newsdex version that wrote the index.
    pub newsdex_version: String,
    /// Articles in the index.
    pub articles: u64,
    /// Passages in the index.
    pub passages: u64,
    /// Articles without a date.
    pub undated: u64,
    /// Bytes of article text indexed.
    pub bytes: u64,
    /// When the last run committed (RFC 3339).
    pub indexed_at: String,
    /// The inputs of the last run.
    pub inputs: Vec<String>,
}

impl Manifest {
    /// Reads the manifest of an index directory.
    pub fn read(index_dir: &Path) -> Result<Manifest> {
        let path = index_dir.join(MANIFEST);
        let text = std::fs::read_to_string(&path).map_err(|err| {
            if err.kind() == std::io::ErrorKind::NotFound {
                Error::NoIndex(index_dir.to_path_buf())
            } else {
                Error::io(&path, err)
            }
        })?;
        serde_json::from_str(&text).map_err(|err| {
            Error::Usage(format!(
                "{}: unreadable index manifest ({err}); run `newsdex index --rebuild`",
                path.display()
            ))
        })
    }

    fn write(&self, index_dir: &Path) -> Result<()> {
        let path = index_dir.join(MANIFEST);
        let tmp = index_dir.join(format!("{MANIFEST}.tmp"));
        let text = serde_json::to_string_pretty(self).expect("manifest serializes");
        std::fs::write(&tmp, text).map_err(|err| Error::io(&tmp, err))?;
        std::fs::rename(&tmp, &path).map_err(|err| Error::io(&path, err))
    }
}

/// Opens an existing newsdex index for reading, checking its schema version.
pub fn open_index(index_dir: &Path) -> Result<(Index, Fields)> {
    if !index_dir.join("meta.json").exists() {
        return Err(Error::NoIndex(index_dir.to_path_buf()));
    }
    let manifest = Manifest::read(index_dir)?;
    if manifest.schema_version != schema::SCHEMA_VERSION {
        return Err(Error::SchemaVersion {
            path: index_dir.to_path_buf(),
            found: manifest.schema_version,
            expected: schema::SCHEMA_VERSION,
        });
    }
    let index = Index::open_in_dir(index_dir)?;
    schema::register_analyzer(&index);
    let fields = Fields::from_schema(&index.schema())?;
    Ok((index, fields))
}

/// Opens the index for writing, creating it when the directory holds none.
fn open_or_create(index_dir: &Path) -> Result<Index> {
    if index_dir.join("meta.json").exists() {
        // An index from an older schema is replaced wholesale: this run rewrites every article.
        let compatible = Manifest::read(index_dir)
            .map(|m| m.schema_version == schema::SCHEMA_VERSION)
            .unwrap_or(false);
        if compatible {
            let index = Index::open_in_dir(index_dir)?;
            schema::register_analyzer(&index);
            return Ok(index);
        }
        clear_dir(index_dir)?;
    } else if index_dir.exists() {
        let foreign = std::fs::read_dir(index_dir)
            .map_err(|err| Error::io(index_dir, err))?
            .filter_map(|e| e.ok())
            .any(|e| !e.file_name().to_string_lossy().starts_with('.'));
        if foreign {
            return Err(Error::Usage(format!(
                "{}: directory is not empty and holds no newsdex index; refusing to write there",
                index_dir.display()
            )));
        }
    }
    std::fs::create_dir_all(index_dir).map_err(|err| Error::io(index_dir, err))?;
    let index = Index::create_in_dir(index_dir, schema::build_schema())?;
    schema::register_analyzer(&index);
    Ok(index)
}

fn clear_dir(index_dir: &Path) -> Result<()> {
    let entries = std::fs::read_dir(index_dir).map_err(|err| Error::io(index_dir, err))?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let removed = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.map_err(|err| Error::io(&path, err))?;
    }
    Ok(())
}

/// Indexes every article under `inputs` into `options.index_dir`, replacing what was there.
///
/// Warnings (bad files, bad lines, unreadable dates) go to `report` as they happen and the run
/// goes on; it fails only when the index cannot be written or nothing at all could be read.
pub fn index_corpus(
    inputs: &[PathBuf],
    options: &IndexOptions,
    report: &(dyn Fn(&Warning) + Sync),
) -> Result<IndexSummary> {
    let started = Instant::now();
    let walk = corpus::walk(inputs);
    let bar = progress_bar(
        options.progress,
        walk.files.iter().map(|(_, size)| size).sum(),
    );
    let report = |warning: &Warning| bar.suspend(|| report(warning));
    for warning in &walk.warnings {
        report(warning);
    }
    if walk.files.is_empty() {
        bar.finish_and_clear();
        let shown: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
        return Err(Error::NoInput(format!(
            "{}: no article files found (.txt, .jsonl, .jsonl.gz, .txt.gz)",
            shown.join(", ")
        )));
    }

    let index = open_or_create(&options.index_dir)?;
    let fields = Fields::from_schema(&index.schema())?;
    let mut writer: IndexWriter<TantivyDocument> = index
        .writer_with_num_threads(options.threads, options.memory_bytes)
        .map_err(|err| match err {
            tantivy::TantivyError::LockFailure(..) => Error::Locked(options.index_dir.clone()),
            other => Error::Tantivy(other),
        })?;
    writer.delete_all_documents()?;

    let counters = Counters::default();
    let first_error: Mutex<Option<tantivy::TantivyError>> = Mutex::new(None);
    let (sender, receiver) = mpsc::sync_channel::<Item>(256);
    std::thread::scope(|scope| {
        let files = &walk.files;
        let read_options = &options.read;
        let bar = &bar;
        let counters = &counters;
        scope.spawn(move || {
            for (path, size) in files {
                let bytes = corpus::read_file(path, read_options, &mut |item| {
                    // The receiver only goes away when indexing failed; stop reading then.
                    let _ = sender.send(item);
                });
                counters.bytes.fetch_add(bytes, Ordering::Relaxed);
                counters.files.fetch_add(1, Ordering::Relaxed);
                bar.inc(*size);
            }
            drop(sender);
        });
        receiver
            .into_iter()
            .par_bridge()
            .for_each(|item| match item {
                Item::Warning(warning) => {
                    counters.warnings.fetch_add(1, Ordering::Relaxed);
                    report(&warning);
                }
                Item::Article(article, warning) => {
                    if let Some(warning) = warning {
                        counters.warnings.fetch_add(1, Ordering::Relaxed);
                        report(&warning);
                    }
                    let documents =
                        article_documents_with(&article, &fields, options.extract_actors);
                    counters.articles.fetch_add(1, Ordering::Relaxed);
                    counters
                        .passages
                        .fetch_add(documents.len() as u64, Ordering::Relaxed);
                    if article.date.is_none() {
                        counters.undated.fetch_add(1, Ordering::Relaxed);
                    }
                    for document in documents {
                        if let Err(err) = writer.add_document(document) {
                            first_error.lock().expect("lock").get_or_insert(err);
                        }
                    }
                }
            });
    });
    if let Some(err) = first_error.into_inner().expect("lock") {
        return Err(err.into());
    }
    let articles = counters.articles.load(Ordering::Relaxed);
    if articles == 0 {
        bar.finish_and_clear();
        writer.rollback()?;
        return Err(Error::NoInput(
            "no article could be read from the inputs; index left unchanged".to_string(),
        ));
    }
    bar.set_message("committing");
    writer.commit()?;
    let segment_ids = index.searchable_segment_ids()?;
    if segment_ids.len() > 1 {
        bar.set_message("merging");
        writer.merge(&segment_ids).wait()?;
    }
    writer.wait_merging_threads()?;
    bar.finish_and_clear();

    let summary = IndexSummary {
        articles,
        passages: counters.passages.load(Ordering::Relaxed),
        undated: counters.undated.load(Ordering::Relaxed),
        files: counters.files.load(Ordering::Relaxed),
        skipped_files: walk.skipped as u64,
        warnings: counters.warnings.load(Ordering::Relaxed) + walk.warnings.len() as u64,
        bytes: counters.bytes.load(Ordering::Relaxed),
        elapsed: started.elapsed(),
        segments: index.searchable_segment_ids()?.len(),
    };
    Manifest {
        schema_version: schema::SCHEMA_VERSION,
        newsdex_version: env!("CARGO_PKG_VERSION").to_string(),
        articles: summary.articles,
        passages: summary.passages,
        undated: summary.undated,
        bytes: summary.bytes,
        indexed_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        inputs: inputs.iter().map(|p| p.display().to_string()).collect(),
    }
    .write(&options.index_dir)?;
    Ok(summary)
}

#[derive(Default)]
struct Counters {
    articles: AtomicU64,
    passages: AtomicU64,
    undated: AtomicU64,
    files: AtomicU64,
    warnings: AtomicU64,
    bytes: AtomicU64,
}

fn progress_bar(enabled: bool, total_bytes: u64) -> indicatif::ProgressBar {
    if !enabled {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total_bytes);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} {msg}",
        )
        .expect("valid template"),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// The facet of an actor: `/actor/KIND/Name`.
pub fn actor_facet(actor: &ActorMatch) -> Facet {
    Facet::from_path(["actor", actor.kind.as_str(), actor.name.as_str()])
}

/// Builds the tantivy documents of one article: one per passage.
pub fn article_documents(article: &Article, fields: &Fields) -> Vec<TantivyDocument> {
    article_documents_with(article, fields, true)
}

/// [`article_documents`], with or without actor extraction.
pub fn article_documents_with(
    article: &Article,
    fields: &Fields,
    extract: bool,
) -> Vec<TantivyDocument> {
    let mut passages = corpus::split_passages(&article.body);
    let body_is_title = passages.is_empty();
    if body_is_title {
        // A headline-only article is still findable: its one passage is the title.
        passages.push(corpus::Passage {
            ordinal: 0,
            start: 0,
            end: 0,
        });
    }
    let actors = if extract {
        extract_actors(&article.title, &article.body)
    } else {
        Vec::new()
    };
    let key = article.key();
    let n_passages = passages.len() as u64;
    let mut documents = Vec::with_capacity(passages.len());
    for passage in &passages {
        let text = if body_is_title {
            article.title.as_str()
        } else {
            &article.body[passage.start..passage.end]
        };
        let mut document = TantivyDocument::default();
        document.add_text(fields.article_id, &article.id);
        document.add_text(fields.path, &article.path);
        document.add_u64(fields.article_key, key);
        document.add_u64(fields.line, article.line.unwrap_or(0) as u64);
        document.add_u64(fields.passage, u64::from(passage.ordinal));
        document.add_u64(fields.passages, n_passages);
        document.add_u64(fields.start, passage.start as u64);
        document.add_u64(fields.end, passage.end as u64);
        document.add_text(fields.title, &article.title);
        let mut searchable = String::with_capacity(article.title.len() + text.len() + 2);
        searchable.push_str(&article.title);
        searchable.push_str("\n\n");
        if !body_is_title {
            searchable.push_str(text);
        }
        document.add_text(fields.body, &searchable);
        document.add_text(fields.text, text);
        if let Some(date) = article.date {
            document.add_date(fields.date, to_tantivy_date(date.start));
            document.add_date(fields.date_end, to_tantivy_date(date.end()));
            document.add_u64(fields.date_precision, date.precision as u64);
            let mut path = vec!["date".to_string()];
            path.extend(date.facet_path());
            document.add_facet(fields.date_facet, Facet::from_path(path));
        }
        for actor in &actors {
            let facet = actor_facet(actor);
            let in_passage = actor
                .mentions
                .iter()
                .any(|&(start, end)| start >= passage.start && end <= passage.end);
            if in_passage {
                document.add_facet(fields.passage_actor, facet.clone());
            }
            document.add_facet(fields.actor, facet);
        }
        documents.push(document);
    }
    documents
}

/// Converts a UTC timestamp to tantivy's `DateTime` (the date parser keeps it in range).
pub fn to_tantivy_date(at: chrono::NaiveDateTime) -> DateTime {
    DateTime::from_timestamp_secs(at.and_utc().timestamp())
}
