//! Indexer: walks the corpus, turns new and changed articles into passage documents and
//! brings the index up to date, incrementally and crash-safely.
//!
//! Files are read in order on the calling thread (gzip is decompressed as a stream); passage
//! splitting, actor extraction and document building run on rayon's pool a batch at a time;
//! tantivy's own writer threads do the analysis and postings. What each commit holds, file by
//! file, is recorded by [`crate::state`] inside the same commit, so that a killed run leaves
//! the last committed index and the next run continues from it.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::iter::{IntoParallelRefIterator, ParallelIterator};
use tantivy::indexer::UserOperation;
use tantivy::schema::Facet;
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

use crate::actors::{ActorMatch, Extractor};
use crate::corpus::{self, Article, Item, ReadOptions, Warning};
use crate::error::{Error, Result};
use crate::guard::recover;
use crate::schema::{self, to_tantivy_date, Fields};
use crate::state::{self, IndexState, STATE_PREFIX};
use crate::store::{Manifest, MANIFEST};

/// What an indexing run tells whoever watches it (a progress bar, a log, a test). Every
/// callback does nothing by default; they are called from the indexing thread only.
pub trait Reporter: Send + Sync {
    /// The inputs were walked: `files` article files of `bytes` bytes in all.
    fn on_files_found(&self, files: usize, bytes: u64) {
        let _ = (files, bytes);
    }
    /// `bytes` more of the inputs are done: read (compressed size for gzip), or skipped as
    /// unchanged or unreadable. Over a run they add up to the total of `on_files_found`.
    fn on_bytes_done(&self, bytes: u64) {
        let _ = bytes;
    }
    /// `articles` more articles were handed to the index writer.
    fn on_articles_indexed(&self, articles: usize) {
        let _ = articles;
    }
    /// A bad file, line or date: the run goes on.
    fn on_warning(&self, warning: &Warning) {
        let _ = warning;
    }
    /// The run entered a slow final step.
    fn on_phase(&self, phase: Phase) {
        let _ = phase;
    }
    /// The run is over (also when it fails after the walk).
    fn on_finished(&self) {}
}

/// The slow final steps of an indexing run, for [`Reporter::on_phase`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The last commit: the writer's threads finish their segments.
    Committing,
    /// Merging the segments of a full build into one.
    Merging,
}

impl Phase {
    /// A word for people: `committing`, `merging`.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Committing => "committing",
            Phase::Merging => "merging",
        }
    }
}

/// A [`Reporter`] that reports nothing.
struct Silent;

impl Reporter for Silent {}

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
    /// Extract actors (off only to measure what extraction costs).
    pub extract_actors: bool,
    /// The gazetteer and tagger model actors are extracted with.
    pub extractor: Extractor,
    /// Start from scratch instead of updating what the index holds.
    pub rebuild: bool,
    /// Commit after this many bytes of article text, so that a killed run loses at most that.
    pub commit_bytes: u64,
}

impl std::fmt::Debug for IndexOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexOptions")
            .field("index_dir", &self.index_dir)
            .field("read", &self.read)
            .field("threads", &self.threads)
            .field("memory_bytes", &self.memory_bytes)
            .field("reporter", &self.reporter.is_some())
            .field("extract_actors", &self.extract_actors)
            .field("extractor", &self.extractor)
            .field("rebuild", &self.rebuild)
            .field("commit_bytes", &self.commit_bytes)
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
            extract_actors: true,
            extractor: Extractor::builtin(),
            rebuild: false,
            commit_bytes: DEFAULT_COMMIT_BYTES,
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
    /// Article files read (new or changed), counted as the run goes.
    files_read: u64,
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
    /// Wall time.
    pub elapsed: Duration,
    /// Segments in the index after merging.
    pub segments: usize,
}

/// Whether a directory entry belongs to newsdex rather than to tantivy or to someone else.
fn is_newsdex_file(name: &str) -> bool {
    name == MANIFEST || name.starts_with(&format!("{MANIFEST}.")) || name.starts_with(STATE_PREFIX)
}

/// Opens the index for writing, creating it when the directory holds none.
///
/// An index from another schema version is an error unless `rebuild` is set; then it is
/// cleared (under tantivy's writer lock, so that a running `index` is never pulled from under).
fn open_or_create(index_dir: &Path, rebuild: bool) -> Result<Index> {
    if index_dir.join("meta.json").exists() {
        match Manifest::read(index_dir) {
            Ok(manifest) if manifest.schema_version == schema::SCHEMA_VERSION => {
                let index = Index::open_in_dir(index_dir)?;
                schema::register_analyzer(&index);
                return Ok(index);
            }
            Ok(manifest) if !rebuild => {
                return Err(Error::SchemaVersion {
                    path: index_dir.to_path_buf(),
                    found: manifest.schema_version,
                    expected: schema::SCHEMA_VERSION,
                })
            }
            Err(Error::NoIndex(_)) if !rebuild => {
                return Err(Error::Usage(format!(
                    "{}: holds a tantivy index without a newsdex manifest; run `newsdex index --rebuild` to replace it",
                    index_dir.display()
                )))
            }
            Err(err) if !rebuild => return Err(err),
            _ => {
                let directory = tantivy::directory::MmapDirectory::open(index_dir)
                    .map_err(|err| Error::Usage(format!("{}: {err}", index_dir.display())))?;
                let lock = tantivy::Directory::acquire_lock(
                    &directory,
                    &tantivy::directory::INDEX_WRITER_LOCK,
                )
                .map_err(|_| Error::Locked(index_dir.to_path_buf()))?;
                clear_dir(index_dir)?;
                drop(lock);
            }
        }
    } else if index_dir.exists() {
        let foreign = std::fs::read_dir(index_dir)
            .map_err(|err| Error::io(index_dir, err))?
            .filter_map(|e| e.ok())
            .any(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                !name.starts_with('.') && !is_newsdex_file(&name)
            });
        if foreign {
            return Err(Error::Usage(format!(
                "{}: directory is not empty and holds no newsdex index; refusing to write there",
                index_dir.display()
            )));
        }
    }
    std::fs::create_dir_all(index_dir).map_err(|err| Error::io(index_dir, err))?;
    // The manifest goes first: a run killed between the two leaves a directory that the next
    // run recognises as its own and completes.
    Manifest::empty().write(index_dir)?;
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
    let report = |warning: &Warning| reporter.on_warning(warning);
    for warning in &walk.warnings {
        report(warning);
    }
    if walk.files.is_empty() {
        let shown: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
        return Err(Error::NoInput(format!(
            "{}: no article files found (.txt, .jsonl, .jsonl.gz, .txt.gz)",
            shown.join(", ")
        )));
    }

    let index_dir = &options.index_dir;
    let index = open_or_create(index_dir, options.rebuild)?;
    let fields = Fields::from_schema(&index.schema())?;
    let writer: IndexWriter<TantivyDocument> = index
        .writer_with_num_threads(options.threads, options.memory_bytes)
        .map_err(|err| match err {
            tantivy::TantivyError::LockFailure(..) => Error::Locked(index_dir.clone()),
            other => Error::Tantivy(other),
        })?;
    // Read the state only once the lock is ours: it cannot change under us from here on.
    let previous = if options.rebuild {
        None
    } else {
        state::load_state(&index, index_dir)?
    };
    let full_rebuild = previous.is_none();
    // The bar moves as raw bytes are read, so that one large (or gzipped) file does not sit
    // at zero until it is done; what a file did not read (unchanged, skipped) is added after.
    let read_bytes = Cell::new(0u64);
    let on_read = |n: u64| {
        read_bytes.set(read_bytes.get() + n);
        reporter.on_bytes_done(n);
    };
    let mut run = Run {
        writer,
        fields,
        options,
        state: previous.unwrap_or_default(),
        pending: Vec::new(),
        pending_bytes: 0,
        bytes_since_commit: 0,
        dirty: false,
        summary: IndexSummary::default(),
        reporter,
        on_read: &on_read,
    };
    if full_rebuild {
        run.writer.delete_all_documents()?;
        // One merge at the end instead of merges of every batch in between.
        run.writer
            .set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        run.state.files.clear();
        run.dirty = true;
    }

    let walked: HashSet<String> = walk
        .files
        .iter()
        .map(|(path, _)| path.display().to_string())
        .collect();
    let gone: Vec<String> = run
        .state
        .files
        .keys()
        .filter(|path| !walked.contains(*path))
        .cloned()
        .collect();
    for path in gone {
        if let Some(record) = run.state.files.remove(&path) {
            run.writer
                .delete_term(Term::from_field_text(run.fields.path, &path));
            run.summary.removed += record.articles.len() as u64;
            run.summary.files_removed += 1;
            run.dirty = true;
        }
    }

    for (path, walked_size) in &walk.files {
        let before = read_bytes.get();
        run.index_file(path)?;
        let read = read_bytes.get() - before;
        reporter.on_bytes_done(walked_size.saturating_sub(read));
    }
    run.flush()?;

    let total_articles: usize = run.state.files.values().map(|r| r.articles.len()).sum();
    let Run {
        mut writer,
        state: mut final_state,
        dirty,
        mut summary,
        ..
    } = run;
    if total_articles == 0 {
        writer.rollback()?;
        return Err(Error::NoInput(
            "no article could be read from the inputs; index left unchanged".to_string(),
        ));
    }
    if dirty {
        reporter.on_phase(Phase::Committing);
        commit(&mut writer, index_dir, &mut final_state)?;
    }
    if full_rebuild {
        let segment_ids = index.searchable_segment_ids()?;
        if segment_ids.len() > 1 {
            reporter.on_phase(Phase::Merging);
            writer.merge(&segment_ids).wait()?;
        }
    }
    writer.wait_merging_threads()?;

    let totals = crate::stats::count_documents(&index)?;
    summary.articles = totals.articles;
    summary.passages = totals.passages;
    summary.undated = totals.undated;
    summary.files = summary.files_read;
    summary.skipped_files = walk.skipped as u64;
    summary.warnings += walk.warnings.len() as u64;
    summary.elapsed = started.elapsed();
    summary.segments = index.searchable_segment_ids()?.len();
    if dirty {
        Manifest {
            schema_version: schema::SCHEMA_VERSION,
            newsdex_version: env!("CARGO_PKG_VERSION").to_string(),
            articles: summary.articles,
            passages: summary.passages,
            undated: summary.undated,
            bytes: summary.bytes,
            indexed_at: final_state.committed_at.clone(),
            inputs: inputs.iter().map(|p| p.display().to_string()).collect(),
        }
        .write(index_dir)?;
    }
    Ok(summary)
}

/// Commits what the writer holds, with `state` written first and named in the commit payload.
fn commit(
    writer: &mut IndexWriter<TantivyDocument>,
    index_dir: &Path,
    state: &mut IndexState,
) -> Result<()> {
    let name = state::write_state(index_dir, state)?;
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&name);
    prepared.commit()?;
    state::remove_other_states(index_dir, &name);
    Ok(())
}

/// An article read but not yet handed to the writer.
struct Pending {
    article: Article,
    /// Content hash of its line (of the whole file for `.txt`).
    hash: u64,
}

/// Articles are handed to the writer in batches of this many (documents are built in parallel).
const FLUSH_ARTICLES: usize = 1024;
/// ... or of this many bytes of text, whichever comes first.
const FLUSH_BYTES: u64 = 8 * 1024 * 1024;

/// One indexing run: the writer, the state it is turning into, and what it has done so far.
struct Run<'a> {
    writer: IndexWriter<TantivyDocument>,
    fields: Fields,
    options: &'a IndexOptions,
    /// The state of the index as of the operations handed to the writer so far.
    state: IndexState,
    pending: Vec<Pending>,
    pending_bytes: u64,
    bytes_since_commit: u64,
    /// Whether anything (documents or file records) changed since the last commit.
    dirty: bool,
    summary: IndexSummary,
    reporter: &'a dyn Reporter,
    /// Called with every chunk of raw (still compressed) bytes read, for the progress bar.
    on_read: &'a dyn Fn(u64),
}

impl Run<'_> {
    fn warn(&mut self, warning: &Warning) {
        self.summary.warnings += 1;
        self.reporter.on_warning(warning);
    }

    /// Brings one file's articles up to date.
    fn index_file(&mut self, path: &Path) -> Result<()> {
        let shown = path.display().to_string();
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(err) => {
                let kept = self.state.files.contains_key(&shown);
                self.warn(&unreadable(&shown, &err, kept));
                return Ok(());
            }
        };
        let (size, mtime) = (metadata.len(), state::mtime_ns(&metadata));
        let known = self.state.files.get(&shown);
        if let Some(record) = known {
            if record.unchanged(size, mtime) {
                self.summary.unchanged += record.articles.len() as u64;
                self.summary.files_unchanged += 1;
                return Ok(());
            }
        }
        // A file that was indexed but cannot be opened now (permissions changed, a network
        // mount away) keeps its indexed version rather than losing its articles.
        if metadata.is_file() {
            if let Err(err) = std::fs::File::open(path) {
                let kept = known.map(|record| record.articles.len() as u64);
                self.summary.unchanged += kept.unwrap_or(0);
                self.warn(&unreadable(&shown, &err, kept.is_some()));
                return Ok(());
            }
        }
        self.summary.files_read += 1;
        self.dirty = true;

        let old = self.state.files.get(&shown).cloned().unwrap_or_default();
        let by_line: HashMap<(u64, u64), &str> = old
            .articles
            .iter()
            .map(|(id, &at)| (at, id.as_str()))
            .collect();
        self.state.files.entry(shown.clone()).or_default().complete = false;
        // id -> (line, hash) of every article the file holds now, read or skipped as unchanged.
        let current: RefCell<HashMap<String, (u64, u64)>> = RefCell::new(HashMap::new());
        let last_hash = Cell::new(0u64);
        let mut failure: Option<Error> = None;
        let read_options = self.options.read.clone();
        let on_read = self.on_read;
        let bytes = corpus::read_file_counted(
            path,
            &read_options,
            on_read,
            &mut |line, hash| {
                let line = line as u64;
                if let Some(id) = by_line.get(&(line, hash)) {
                    let mut current = current.borrow_mut();
                    if !current.contains_key(*id) {
                        current.insert(id.to_string(), (line, hash));
                        return false;
                    }
                }
                last_hash.set(hash);
                true
            },
            &mut |item| match item {
                Item::Warning(warning) => self.warn(&warning),
                Item::Article(article, warning) => {
                    if let Some(warning) = warning {
                        self.warn(&warning);
                    }
                    if failure.is_some() {
                        return;
                    }
                    let line = article.line.unwrap_or(0) as u64;
                    let hash = last_hash.get();
                    let earlier = current
                        .borrow_mut()
                        .insert(article.id.clone(), (line, hash));
                    if let Some((first, _)) = earlier {
                        self.warn(&Warning {
                            path: shown.clone(),
                            line: Some(line as usize),
                            message: format!(
                                "id \"{}\" repeats line {first}; the later line is the current version",
                                article.id
                            ),
                        });
                        // The earlier version is dropped if not yet written, deleted otherwise.
                        self.pending
                            .retain(|p| !(p.article.path == shown && p.article.id == article.id));
                    }
                    if let Err(err) = self.push(article, hash) {
                        failure = Some(err);
                    }
                }
            },
        );
        if let Some(err) = failure {
            return Err(err);
        }
        self.summary.bytes += bytes;

        let current = current.into_inner();
        let record = self.state.files.entry(shown.clone()).or_default();
        let gone: Vec<String> = record
            .articles
            .keys()
            .filter(|id| !current.contains_key(*id))
            .cloned()
            .collect();
        for id in &gone {
            record.articles.remove(id);
            self.writer.delete_term(Term::from_field_u64(
                self.fields.article_key,
                corpus::article_key(&shown, id),
            ));
        }
        record.size = size;
        record.mtime_ns = mtime;
        record.complete = true;
        for (id, at) in &current {
            match old.articles.get(id) {
                None => self.summary.added += 1,
                Some(before) if before == at => self.summary.unchanged += 1,
                Some(_) => self.summary.updated += 1,
            }
        }
        self.summary.removed += gone.len() as u64;
        Ok(())
    }

    /// Queues an article; hands the queue to the writer when it is full, and commits when a
    /// batch's worth of text has been written since the last commit.
    fn push(&mut self, article: Article, hash: u64) -> Result<()> {
        self.pending_bytes += (article.title.len() + article.body.len()) as u64;
        self.pending.push(Pending { article, hash });
        if self.pending.len() >= FLUSH_ARTICLES || self.pending_bytes >= FLUSH_BYTES {
            self.flush()?;
            if self.bytes_since_commit >= self.options.commit_bytes {
                commit(&mut self.writer, &self.options.index_dir, &mut self.state)?;
                self.bytes_since_commit = 0;
            }
        }
        Ok(())
    }

    /// Hands every queued article to the writer: its old version deleted, its passages added.
    fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let fields = self.fields;
        let extractor = self
            .options
            .extract_actors
            .then_some(&self.options.extractor);
        let documents: Vec<(Vec<TantivyDocument>, Option<Warning>)> = self
            .pending
            .par_iter()
            .map(|p| guarded_documents(&p.article, &fields, extractor))
            .collect();
        let articles = self.pending.len();
        let pending = std::mem::take(&mut self.pending);
        for (pending, (documents, warning)) in pending.into_iter().zip(documents) {
            if let Some(warning) = warning {
                self.warn(&warning);
            }
            let article = pending.article;
            let record = self.state.files.entry(article.path.clone()).or_default();
            // Delete before add: tantivy applies a delete to documents added before it only.
            let mut operations = Vec::with_capacity(documents.len() + 1);
            if record.articles.contains_key(&article.id) {
                operations.push(UserOperation::Delete(Term::from_field_u64(
                    fields.article_key,
                    article.key(),
                )));
            }
            let line = article.line.unwrap_or(0) as u64;
            record
                .articles
                .insert(article.id.clone(), (line, pending.hash));
            // One batch per article: its passages land next to each other in one segment, so
            // a passage's first passage is `ordinal` documents back (search::rank). The writer
            // queues up to 10,000 batches, so only articles of up to `CONTIGUOUS_BYTES` go as
            // one (a queue of long ones would hold gigabytes); a longer article's passages go
            // one by one, and search finds its first passage through `article_key`.
            let together = article.title.len() + article.body.len() <= CONTIGUOUS_BYTES;
            let mut one_by_one = Vec::new();
            if together {
                operations.extend(documents.into_iter().map(UserOperation::Add));
            } else {
                one_by_one = documents;
            }
            if !operations.is_empty() {
                self.writer.run(operations)?;
            }
            for document in one_by_one {
                self.writer.add_document(document)?;
            }
        }
        self.reporter.on_articles_indexed(articles);
        self.bytes_since_commit += self.pending_bytes;
        self.pending_bytes = 0;
        Ok(())
    }
}

/// Articles of up to this many bytes of text are handed to the writer as one batch.
pub const CONTIGUOUS_BYTES: usize = 8 * 1024;

/// [`article_documents_with`], with a bug in actor extraction or passage splitting turned
/// into a warning about that one article instead of the end of the run: the article is then
/// indexed without actors (or, failing that too, skipped).
fn guarded_documents(
    article: &Article,
    fields: &Fields,
    extractor: Option<&Extractor>,
) -> (Vec<TantivyDocument>, Option<Warning>) {
    let warn = |message: &str| Warning {
        path: article.path.clone(),
        line: article.line,
        message: message.to_string(),
    };
    if let Ok(documents) = recover(|| article_documents_with(article, fields, extractor)) {
        return (documents, None);
    }
    match recover(|| article_documents_with(article, fields, None)) {
        Ok(documents) => (
            documents,
            Some(warn(
                "internal error in actor extraction; indexed without actors",
            )),
        ),
        Err(_) => (
            Vec::new(),
            Some(warn("internal error while splitting the article; skipped")),
        ),
    }
}

fn unreadable(shown: &str, err: &std::io::Error, kept: bool) -> Warning {
    let what = if kept {
        "the indexed version is kept"
    } else {
        "skipped"
    };
    Warning {
        path: shown.to_string(),
        line: None,
        message: format!("{}; {what}", corpus::io_message(err)),
    }
}

/// The facet of an actor: `/actor/KIND/Name`.
pub fn actor_facet(actor: &ActorMatch) -> Facet {
    Facet::from_path(["actor", actor.kind.as_str(), actor.name.as_str()])
}

/// Builds the tantivy documents of one article, one per passage, with the actors `extractor`
/// finds (none without one).
pub fn article_documents_with(
    article: &Article,
    fields: &Fields,
    extractor: Option<&Extractor>,
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
    let actors = extractor.map_or_else(Vec::new, |extractor| {
        extractor.extract(&article.title, &article.body)
    });
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
        if passage.ordinal == 0 {
            // The whole article once, for article-level ranking (search::rank).
            document.add_text(fields.article, article_text(article));
        }
        if let Some(date) = article.date {
            document.add_date(fields.date, to_tantivy_date(date.start));
            document.add_date(fields.date_end, to_tantivy_date(date.end()));
            document.add_u64(fields.date_precision, date.precision as u64);
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

/// The text an article is ranked on as a whole: the title twice, then the body.
///
/// Repeating the title in the one field is BM25F with title weight 2: title words count double
/// but share the body's length normalisation and statistics (measured in README, "Relevance").
fn article_text(article: &Article) -> String {
    format!("{0}\n\n{0}\n\n{1}", article.title, article.body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{SearchRequest, Searcher};

    fn article(id: &str, title: &str, paragraphs: &[&str]) -> Article {
        Article {
            id: id.to_string(),
            path: format!("{id}.txt"),
            line: None,
            date: None,
            title: title.to_string(),
            body: paragraphs.join("\n\n"),
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
        fn on_finished(&self) {
            self.0.lock().unwrap().push(Event::Finished);
        }
    }

    fn index_with_recorder(dir: &Path, inputs: &[PathBuf]) -> (Result<IndexSummary>, Vec<Event>) {
        let recorder = Arc::new(Recorder::default());
        let mut options = IndexOptions::new(dir.join("index"));
        options.threads = 1;
        options.memory_bytes = 20_000_000;
        options.extract_actors = false;
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
        let (result, events) = index_with_recorder(dir.path(), &[news.clone()]);
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
        let (result, events) = index_with_recorder(dir.path(), &[news]);
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
    fn reporter_hears_the_end_of_a_run_that_fails() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        let (result, events) = index_with_recorder(dir.path(), &[empty]);
        assert!(matches!(result, Err(Error::NoInput(_))), "{result:?}");
        assert_eq!(events, vec![Event::FilesFound(0, 0), Event::Finished]);
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
