//! Indexer: walks the corpus, turns new and changed articles into passage documents and
//! brings the index up to date, incrementally and crash-safely.
//!
//! Files are read in order on the calling thread (gzip is decompressed as a stream); passage
//! splitting, actor extraction and document building run on rayon's pool a batch at a time;
//! tantivy's own writer threads do the analysis and postings. What each commit holds, file by
//! file, is recorded by [`crate::state`] inside the same commit, so that a killed run leaves
//! the last committed index and the next run continues from it.
//!
//! `open` finds or creates the index directory, `run` brings files up to date (read, compare,
//! batch, commit), `documents` turns one article into its passage documents, `report` is how
//! a run tells its caller what it is doing.

mod documents;
mod open;
mod report;
mod run;

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tantivy::{Index, IndexWriter, TantivyDocument};

use crate::actors::Extractor;
use crate::corpus::{self, ReadOptions};
use crate::error::{Error, Result};
use crate::schema::{self, Fields};
use crate::state::{self, IndexState};
use crate::store::Manifest;

pub use documents::{article_documents_with, CONTIGUOUS_BYTES};
pub use report::{Phase, Reporter};

use open::open_or_create;
use report::Silent;
use run::Run;

/// How to build an index.
#[derive(Clone)]
pub struct IndexOptions {
    /// Where the index lives.
    pub index_dir: PathBuf,
    /// Date formats and size caps for reading articles.
    pub read: ReadOptions,
    /// tantivy writer threads.
    pub threads: usize,
    /// Total memory budget of the tantivy writer, in bytes.
    pub memory_bytes: usize,
    /// Who hears of progress and warnings (nobody when `None`).
    pub reporter: Option<Arc<dyn Reporter>>,
    /// The gazetteer and tagger model actors are extracted with; `None` indexes no actors
    /// (only to measure what extraction costs).
    pub extractor: Option<Extractor>,
    /// Start from scratch instead of updating what the index holds.
    pub rebuild: bool,
    /// Commit after this many bytes of article text, so that a killed run loses at most that.
    pub commit_bytes: u64,
    /// The field mapping given on the command line (`--field`); `None` reads CSV, JSON and
    /// JSONL as the index recorded, `read.fields` being ignored either way.
    pub fields: Option<corpus::FieldMap>,
}

impl std::fmt::Debug for IndexOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexOptions")
            .field("index_dir", &self.index_dir)
            .field("read", &self.read)
            .field("threads", &self.threads)
            .field("memory_bytes", &self.memory_bytes)
            .field("reporter", &self.reporter.is_some())
            .field("extractor", &self.extractor)
            .field("rebuild", &self.rebuild)
            .field("commit_bytes", &self.commit_bytes)
            .field("fields", &self.fields)
            .finish()
    }
}

/// Default for [`IndexOptions::commit_bytes`]: about five seconds of indexing on one core.
pub const DEFAULT_COMMIT_BYTES: u64 = 32 * 1024 * 1024;

impl IndexOptions {
    /// Options with defaults sized for this machine.
    pub fn new(index_dir: PathBuf) -> IndexOptions {
        // One core is left to reading and to rayon's passage and actor work. On 2 cores a
        // second tantivy thread made Reuters index slower (4.2 s against 2.7 s, ungdc 36 s
        // against 26 s): two segments must then be merged at the end, serially.
        // One writer thread per core: measured on 2 cores over the news sets, 2 threads index
        // in 8.2 s what 1 thread does in 10.9 s (the tagger and the article field made the
        // writer side heavier than the end-of-run merge that once favoured one thread).
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .clamp(1, 8);
        IndexOptions {
            index_dir,
            read: ReadOptions::default(),
            threads,
            memory_bytes: 128 * 1024 * 1024 * threads,
            reporter: None,
            extractor: Some(Extractor::builtin()),
            rebuild: false,
            commit_bytes: DEFAULT_COMMIT_BYTES,
            fields: None,
        }
    }
}

/// What an indexing run did.
#[derive(Debug, Clone, Default)]
pub struct IndexSummary {
    /// Articles in the index after the run.
    pub articles: u64,
    /// Passages in the index after the run.
    pub passages: u64,
    /// Articles in the index without a date.
    pub undated: u64,
    /// Articles new in this run.
    pub added: u64,
    /// Articles whose line or text changed, re-indexed.
    pub updated: u64,
    /// Articles deleted (their file or line is gone).
    pub removed: u64,
    /// Articles left as they were.
    pub unchanged: u64,
    /// Article files read (new or changed).
    pub files: u64,
    /// Article files skipped after a stat: same size and mtime as when last indexed.
    pub files_unchanged: u64,
    /// Files indexed before and no longer under the inputs.
    pub files_removed: u64,
    /// Files of other types skipped.
    pub skipped_files: u64,
    /// Warnings reported.
    pub warnings: u64,
    /// Bytes of article text (title and body) parsed in this run.
    pub bytes: u64,
    /// Wall time of the whole run, the registry and copy groups settled at its end included.
    pub elapsed: Duration,
    /// Segments in the index after merging.
    pub segments: usize,
    /// Stories in the index: articles, each group of copies counted once.
    pub stories: u64,
}

/// Brings the index at `options.index_dir` up to date with every article under `inputs`.
///
/// Incremental unless `options.rebuild` (or the index has no recorded state): files whose size
/// and mtime match the last commit are only stat'ed; changed files are compared line by line
/// (by content hash) and only new or changed articles are re-indexed; articles of files that
/// are gone, and of lines that are gone, are deleted. The index mirrors `inputs`: a file
/// indexed before but not under `inputs` now is removed.
///
/// Work is committed every `options.commit_bytes` of article text, with the file state in the
/// same commit, so a killed run loses at most one batch and the next run picks up from there.
/// Progress and warnings (bad files, bad lines, unreadable dates) go to `options.reporter` as
/// they happen and the run goes on; it fails only when the index cannot be written or nothing
/// at all could be read.
pub fn index_corpus(inputs: &[PathBuf], options: &IndexOptions) -> Result<IndexSummary> {
    let reporter: &dyn Reporter = options.reporter.as_deref().unwrap_or(&Silent);
    let result = index_reporting(inputs, options, reporter);
    reporter.on_finished();
    result
}

fn index_reporting(
    inputs: &[PathBuf],
    options: &IndexOptions,
    reporter: &dyn Reporter,
) -> Result<IndexSummary> {
    let started = Instant::now();
    let walk = corpus::walk(inputs);
    reporter.on_files_found(
        walk.files.len(),
        walk.files.iter().map(|(_, size)| size).sum(),
    );
    for warning in &walk.warnings {
        reporter.on_warning(warning);
    }
    if walk.files.is_empty() {
        return Err(Error::NoArticleFiles {
            inputs: inputs.to_vec(),
        });
    }

    let index_dir = &options.index_dir;
    // Unchanged files would keep the passages and actors of the old rules and data: when the
    // extractor is not the one the index was built with, every article is indexed again.
    let provenance = options.extractor.as_ref().map(Extractor::provenance);
    let changed = provenance.as_ref().and_then(|now| {
        let old = crate::actors::user::read_record(index_dir)?;
        crate::actors::user::describe_change(&old, now)
    });
    if let Some(what) = &changed {
        reporter.on_rebuild(what);
    }
    let rebuild = options.rebuild || changed.is_some();
    let index = open_or_create(index_dir, rebuild)?;
    let writer = open_writer(&index, options)?;
    // Read the state only once the lock is ours: it cannot change under us from here on.
    let recorded = state::load_state(&index, index_dir)?;
    // The mapping given, else the one recorded (also across a rebuild), else the defaults.
    let fields = options.fields.clone().unwrap_or_else(|| {
        recorded
            .as_ref()
            .map_or_else(corpus::FieldMap::default, |s| {
                corpus::FieldMap::from_record(&s.fields)
            })
    });
    let mut previous = if rebuild { None } else { recorded };
    if let Some(previous) = &mut previous {
        let before = corpus::FieldMap::from_record(&previous.fields);
        if before != fields {
            reporter.on_fields_changed(&before.to_string(), &fields.to_string());
            forget_structured_files(previous);
        }
    }
    let full_rebuild = previous.is_none();
    let mut options = options.clone();
    options.read.fields = fields;
    let options = &options;
    // Progress moves as raw bytes are read, so that one large (or gzipped) file does not sit
    // at zero until it is done; what a file did not read (unchanged, skipped) is added after.
    let read_bytes = Cell::new(0u64);
    let on_read = |n: u64| {
        read_bytes.set(read_bytes.get() + n);
        reporter.on_bytes_done(n);
    };
    let fields = Fields::from_schema(&index.schema())?;
    let mut run = Run::start(writer, fields, options, previous, reporter, &on_read)?;
    run.remove_files_not_in(&walk.files);
    for (path, walked_size) in &walk.files {
        let before = read_bytes.get();
        run.index_file(path)?;
        let read = read_bytes.get() - before;
        reporter.on_bytes_done(walked_size.saturating_sub(read));
    }
    let (mut summary, committed) = run.finish(&index, full_rebuild)?;

    let totals = crate::stats::count_documents(&index)?;
    summary.articles = totals.articles;
    summary.passages = totals.passages;
    summary.undated = totals.undated;
    summary.skipped_files = walk.skipped as u64;
    summary.warnings += walk.warnings.len() as u64;
    summary.segments = index.searchable_segment_ids()?.len();
    if let Some(committed) = &committed {
        write_manifest(index_dir, &summary, committed, inputs)?;
    }
    if let Some(provenance) = &provenance {
        crate::actors::user::write_record(index_dir, provenance)?;
    }
    // The registry is settled from the index alone, so it is right after every run,
    // incremental or not, without reading the corpus again.
    let gazetteer = options
        .extractor
        .as_ref()
        .map_or_else(|| crate::actors::Gazetteer::builtin(), Extractor::gazetteer);
    // Each article's identity for the registry's samples: from the state just committed, else
    // the one on disk.
    let identities = match &committed {
        Some(state) => crate::registry::phrases::ArticleIdentities::of_state(state),
        None => crate::registry::phrases::ArticleIdentities::load(&index, index_dir)?,
    };
    // A run that changed none of what the registry is made from (no article added, changed
    // or deleted, the same program and gazetteer, the same corrections) keeps its files.
    let inputs =
        crate::registry_inputs::Inputs::of(&index, index_dir, &identities, provenance.as_ref())?;
    if !inputs.map_or(Ok(false), |inputs| inputs.are_settled(index_dir))? {
        let registry = crate::registry::Registry::build(&index, &identities, gazetteer)?;
        let table = registry.write(index_dir)?;
        // Exploration counts actors through each segment's ordinals mapped to the table's
        // actors, from the table as written (not read back).
        crate::actor_ords::write(&index, index_dir, table.as_ref())?;
        if let Some(inputs) = inputs {
            inputs.record(index_dir)?;
        }
    }
    // `stats` reads the figures measured now while the index stays as it is.
    crate::stats::keep_stats(index_dir)?;
    // Copies likewise: groups from the signatures in the index, new pairs verified only.
    if crate::copies::detection_enabled() {
        let copies = crate::copies::update(&index, index_dir)?;
        summary.stories = copies.stories(summary.articles);
    }
    // The whole run: at scale the registry and the copy groups, settled over the whole index,
    // take longer than reading the new articles.
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Marks every CSV, TSV, JSON and JSONL file of `state` as not read in full, so that this run
/// reads each of them again (their records' hashes, made under another mapping, match no
/// record now). A run killed part-way commits them so marked: the next one goes on.
fn forget_structured_files(state: &mut IndexState) {
    for (path, record) in &mut state.files {
        let structured = corpus::source_format(Path::new(path))
            .is_some_and(|(format, _)| format.is_structured());
        if structured {
            record.complete = false;
        }
    }
}

/// The index's writer, with `options`' threads and memory; a held lock is [`Error::Locked`].
fn open_writer(index: &Index, options: &IndexOptions) -> Result<IndexWriter<TantivyDocument>> {
    index
        .writer_with_num_threads(options.threads, options.memory_bytes)
        .map_err(|err| match err {
            tantivy::TantivyError::LockFailure(..) => Error::Locked(options.index_dir.clone()),
            other => Error::Tantivy(other),
        })
}

/// Records the run's counts beside the index, with the time of the commit that holds them.
fn write_manifest(
    index_dir: &Path,
    summary: &IndexSummary,
    committed: &IndexState,
    inputs: &[PathBuf],
) -> Result<()> {
    Manifest {
        schema_version: schema::SCHEMA_VERSION,
        newsdex_version: env!("CARGO_PKG_VERSION").to_string(),
        articles: summary.articles,
        passages: summary.passages,
        undated: summary.undated,
        bytes: summary.bytes,
        indexed_at: committed.committed_at.clone(),
        inputs: inputs.iter().map(|p| p.display().to_string()).collect(),
    }
    .write(index_dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Article, Warning};
    use crate::search::{SearchRequest, Searcher};

    fn article(id: &str, title: &str, paragraphs: &[&str]) -> Article {
        Article {
            id: id.to_string(),
            path: format!("{id}.txt"),
            line: None,
            date: None,
            title: title.to_string(),
            body: paragraphs.join("\n\n"),
            source: None,
        }
    }

    /// Indexes the articles' documents in the given order of (article, passage) and returns
    /// the scores of a search, by article and passage.
    fn scores(order: &[(usize, usize)], articles: &[Article]) -> Vec<(String, u64, String)> {
        let dir = tempfile::tempdir().unwrap();
        let index = open_or_create(dir.path(), true).unwrap();
        let fields = Fields::from_schema(&index.schema()).unwrap();
        let documents: Vec<Vec<TantivyDocument>> = articles
            .iter()
            .map(|a| article_documents_with(a, &fields, None))
            .collect();
        let mut writer: IndexWriter<TantivyDocument> =
            index.writer_with_num_threads(1, 20_000_000).unwrap();
        for &(a, p) in order {
            writer.add_document(documents[a][p].clone()).unwrap();
        }
        writer.commit().unwrap();
        let searcher = Searcher::open(dir.path()).unwrap();
        let request = SearchRequest {
            query: "copper tariff".to_string(),
            limit: 20,
            per_article: 20,
            // Scores only: an index written without a run has no actor registry to name actors by.
            without_actors: true,
            ..SearchRequest::default()
        };
        let mut scores: Vec<(String, u64, String)> = searcher
            .search(&request)
            .unwrap()
            .hits
            .into_iter()
            .map(|hit| (hit.article_id, hit.passage, format!("{:.4}", hit.score)))
            .collect();
        scores.sort();
        scores
    }

    /// What a recording reporter heard, in order.
    #[derive(Debug, Clone, PartialEq)]
    enum Event {
        FilesFound(usize, u64),
        BytesDone(u64),
        ArticlesIndexed(usize),
        Warning(String),
        Phase(Phase),
        Rebuild(String),
        Finished,
    }

    #[derive(Default)]
    struct Recorder(std::sync::Mutex<Vec<Event>>);

    impl Reporter for Recorder {
        fn on_files_found(&self, files: usize, bytes: u64) {
            self.0.lock().unwrap().push(Event::FilesFound(files, bytes));
        }
        fn on_bytes_done(&self, bytes: u64) {
            self.0.lock().unwrap().push(Event::BytesDone(bytes));
        }
        fn on_articles_indexed(&self, articles: usize) {
            self.0
                .lock()
                .unwrap()
                .push(Event::ArticlesIndexed(articles));
        }
        fn on_warning(&self, warning: &Warning) {
            self.0
                .lock()
                .unwrap()
                .push(Event::Warning(warning.to_string()));
        }
        fn on_phase(&self, phase: Phase) {
            self.0.lock().unwrap().push(Event::Phase(phase));
        }
        fn on_rebuild(&self, what: &str) {
            self.0
                .lock()
                .unwrap()
                .push(Event::Rebuild(what.to_string()));
        }
        fn on_finished(&self) {
            self.0.lock().unwrap().push(Event::Finished);
        }
    }

    fn index_with_recorder(dir: &Path, inputs: &[PathBuf]) -> (Result<IndexSummary>, Vec<Event>) {
        index_with(dir, inputs, None)
    }

    fn index_with(
        dir: &Path,
        inputs: &[PathBuf],
        extractor: Option<Extractor>,
    ) -> (Result<IndexSummary>, Vec<Event>) {
        let recorder = Arc::new(Recorder::default());
        let mut options = IndexOptions::new(dir.join("index"));
        options.threads = 1;
        options.memory_bytes = 20_000_000;
        options.extractor = extractor;
        options.reporter = Some(recorder.clone());
        let result = index_corpus(inputs, &options);
        let events = recorder.0.lock().unwrap().clone();
        (result, events)
    }

    #[test]
    fn reporter_hears_files_bytes_articles_warnings_and_the_end() {
        let dir = tempfile::tempdir().unwrap();
        let news = dir.path().join("news");
        std::fs::create_dir(&news).unwrap();
        let txt = "Copper talks\n\nDelegates met to discuss the copper tariff.\n";
        let jsonl = "{\"id\":\"a\",\"title\":\"Tin\",\"body\":\"Tin fell.\"}\nnot json\n";
        std::fs::write(news.join("one.txt"), txt).unwrap();
        std::fs::write(news.join("two.jsonl"), jsonl).unwrap();
        let inputs = [news];
        let (result, events) = index_with_recorder(dir.path(), &inputs);
        let summary = result.unwrap();
        assert_eq!(summary.articles, 2);

        let total = (txt.len() + jsonl.len()) as u64;
        assert_eq!(
            events.first(),
            Some(&Event::FilesFound(2, total)),
            "{events:?}"
        );
        assert_eq!(events.last(), Some(&Event::Finished), "{events:?}");
        let count = |wanted: fn(&Event) -> bool| events.iter().filter(|e| wanted(e)).count();
        assert_eq!(count(|e| *e == Event::Finished), 1);
        let done: u64 = events
            .iter()
            .map(|e| if let Event::BytesDone(n) = e { *n } else { 0 })
            .sum();
        assert_eq!(done, total);
        assert_eq!(count_indexed(&events), 2);
        let warnings: Vec<&Event> = events
            .iter()
            .filter(|e| matches!(e, Event::Warning(_)))
            .collect();
        assert_eq!(warnings.len(), 1, "{events:?}");
        assert!(
            matches!(warnings[0], Event::Warning(w) if w.contains("two.jsonl") && w.contains("line 2")),
            "{warnings:?}"
        );
        assert_eq!(count(|e| *e == Event::Phase(Phase::Committing)), 1);

        // A second run over the same files reads nothing, but still accounts for every byte.
        let (result, events) = index_with_recorder(dir.path(), &inputs);
        assert_eq!(result.unwrap().unchanged, 2);
        let done: u64 = events
            .iter()
            .map(|e| if let Event::BytesDone(n) = e { *n } else { 0 })
            .sum();
        assert_eq!(done, total);
        assert_eq!(count_indexed(&events), 0);
    }

    fn count_indexed(events: &[Event]) -> usize {
        events
            .iter()
            .map(|e| {
                if let Event::ArticlesIndexed(n) = e {
                    *n
                } else {
                    0
                }
            })
            .sum()
    }

    #[test]
    fn changed_actor_data_rebuilds_every_article_and_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let news = dir.path().join("news");
        std::fs::create_dir(&news).unwrap();
        let article = "Grain talks\n\nMinisters of Canada met in Ottawa on grain.\n";
        std::fs::write(news.join("one.txt"), article).unwrap();
        let inputs = [news];
        let first = index_with(dir.path(), &inputs, Some(Extractor::builtin()));
        assert_eq!(first.0.unwrap().added, 1);
        let record = dir.path().join("index").join("actors.json");
        assert!(record.exists(), "the run records its actor data");

        // The same data: an incremental no-op, no rebuild.
        let (result, events) = index_with(dir.path(), &inputs, Some(Extractor::builtin()));
        assert_eq!(result.unwrap().unchanged, 1);
        assert!(!events.iter().any(|e| matches!(e, Event::Rebuild(_))));

        // Other rules recorded than the extractor's: every article again, and why.
        let text = std::fs::read_to_string(&record).unwrap();
        let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
        json["rules"] = serde_json::json!(0);
        std::fs::write(&record, json.to_string()).unwrap();
        let (result, events) = index_with(dir.path(), &inputs, Some(Extractor::builtin()));
        let summary = result.unwrap();
        assert_eq!((summary.unchanged, summary.articles), (0, 1), "{summary:?}");
        let heard: Vec<&Event> = events
            .iter()
            .filter(|e| matches!(e, Event::Rebuild(_)))
            .collect();
        assert_eq!(
            heard,
            [&Event::Rebuild("the passage and actor rules".to_string())]
        );
    }

    #[test]
    fn reporter_hears_the_end_of_a_run_that_fails() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        let (result, events) = index_with_recorder(dir.path(), &[empty]);
        assert!(
            matches!(result, Err(Error::NoArticleFiles { .. })),
            "{result:?}"
        );
        assert_eq!(events, vec![Event::FilesFound(0, 0), Event::Finished]);
    }

    #[test]
    fn a_new_mapping_marks_only_the_structured_files_unread() {
        let mut state = IndexState::default();
        for path in ["c/a.txt", "c/b.csv", "c/c.tsv.gz", "c/d.json", "c/e.jsonl"] {
            let record = state::FileRecord {
                complete: true,
                ..Default::default()
            };
            state.files.insert(path.to_string(), record);
        }
        forget_structured_files(&mut state);
        let unread: Vec<&str> = state
            .files
            .iter()
            .filter(|(_, record)| !record.complete)
            .map(|(path, _)| path.as_str())
            .collect();
        assert_eq!(unread, ["c/b.csv", "c/c.tsv.gz", "c/d.json", "c/e.jsonl"]);
    }

    #[test]
    fn the_field_mapping_is_committed_with_the_articles() {
        let dir = tempfile::tempdir().unwrap();
        let news = dir.path().join("news");
        std::fs::create_dir(&news).unwrap();
        std::fs::write(news.join("a.csv"), "hed,story\nT,Copper fell.\n").unwrap();
        let mut options = IndexOptions::new(dir.path().join("index"));
        options.threads = 1;
        options.memory_bytes = 20_000_000;
        options.extractor = None;
        let mapping = corpus::FieldMap::from_specs(&["body=story".into()]).unwrap();
        options.fields = Some(mapping.clone());
        assert_eq!(
            index_corpus(std::slice::from_ref(&news), &options)
                .unwrap()
                .added,
            1
        );
        let index = Index::open_in_dir(dir.path().join("index")).unwrap();
        let state = state::load_state(&index, &dir.path().join("index"))
            .unwrap()
            .unwrap();
        assert_eq!(corpus::FieldMap::from_record(&state.fields), mapping);
        // The next run without the flag reads as recorded: nothing changed, nothing read.
        options.fields = None;
        let summary = index_corpus(&[news], &options).unwrap();
        assert_eq!((summary.unchanged, summary.files), (1, 0), "{summary:?}");
    }

    /// Search scores a passage's article through its first passage: `ordinal` documents back
    /// when the article's passages are together, through `article_key` when they are not (a
    /// long article indexed passage by passage). Both must give the same scores.
    #[test]
    fn article_scores_do_not_depend_on_passages_being_together() {
        // Distinct paragraphs of over 200 bytes: each one passage.
        let filler = |n: u32| {
            format!(
                "On day {n} delegates discussed budgets and shipping schedules at length, and \
                 the ministers of agriculture, transport and finance each reported on their \
                 plans for the coming year before the meeting closed late in the evening."
            )
        };
        let with = |n: u32, sentence: &str| format!("{sentence} {}", filler(n));
        let articles = [
            article(
                "a",
                "Trade report",
                &[
                    &filler(1),
                    &filler(2),
                    &with(3, "The copper tariff dispute was settled."),
                    &filler(4),
                ],
            ),
            article(
                "b",
                "Trade talks",
                &[
                    &filler(5),
                    &with(6, "A tariff on copper was proposed."),
                    &filler(7),
                    &with(8, "Copper fell."),
                ],
            ),
        ];
        for a in &articles {
            assert_eq!(corpus::split_passages(&a.body).len(), 4);
        }
        let together = [
            (0, 0),
            (0, 1),
            (0, 2),
            (0, 3),
            (1, 0),
            (1, 1),
            (1, 2),
            (1, 3),
        ];
        let interleaved = [
            (0, 0),
            (1, 0),
            (0, 1),
            (1, 1),
            (0, 2),
            (1, 2),
            (0, 3),
            (1, 3),
        ];
        let expected = scores(&together, &articles);
        assert!(expected.len() >= 3, "{expected:?}");
        assert_eq!(scores(&interleaved, &articles), expected);
    }
}
