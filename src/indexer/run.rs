//! One indexing run over the files: each file stat'ed, compared with what the last commit
//! holds and re-read only when it changed; new and changed articles queued, handed to the
//! writer in batches and committed together with the state that records them.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::iter::{IntoParallelRefIterator, ParallelIterator};
use tantivy::indexer::UserOperation;
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::documents::{guarded_documents, CONTIGUOUS_BYTES};
use super::{IndexOptions, IndexSummary, Phase, Reporter};
use crate::corpus::{self, Article, Item, Warning};
use crate::error::{Error, Result};
use crate::schema::Fields;
use crate::state::{self, FileRecord, IndexState};

/// An article read but not yet handed to the writer.
struct Pending {
    article: Article,
    /// Content hash of its line (of the whole file for `.txt`).
    hash: u64,
    /// Its line, row line or element number, as the state records it.
    line: u64,
}

/// Articles are handed to the writer in batches of this many (documents are built in parallel).
const FLUSH_ARTICLES: usize = 1024;
/// ... or of this many bytes of text, whichever comes first.
const FLUSH_BYTES: u64 = 8 * 1024 * 1024;

/// One indexing run: the writer, the state it is turning into, and what it has done so far.
pub(super) struct Run<'a> {
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

impl<'a> Run<'a> {
    /// Starts a run from the state of the last commit, or from nothing (`previous` is `None`):
    /// then every document goes and one merge comes at the end.
    pub(super) fn start(
        writer: IndexWriter<TantivyDocument>,
        fields: Fields,
        options: &'a IndexOptions,
        previous: Option<IndexState>,
        reporter: &'a dyn Reporter,
        on_read: &'a dyn Fn(u64),
    ) -> Result<Run<'a>> {
        let full_rebuild = previous.is_none();
        let mut state = previous.unwrap_or_default();
        let mapping = options.read.fields.to_record();
        // A new mapping is committed even when no file changed.
        let new_mapping = state.fields != mapping;
        state.fields = mapping;
        if full_rebuild {
            writer.delete_all_documents()?;
            // One merge at the end instead of merges of every batch in between.
            writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        }
        Ok(Run {
            writer,
            fields,
            options,
            state,
            pending: Vec::new(),
            pending_bytes: 0,
            bytes_since_commit: 0,
            dirty: full_rebuild || new_mapping,
            summary: IndexSummary::default(),
            reporter,
            on_read,
        })
    }

    /// Deletes the articles of files indexed before that are not among `walked` now.
    pub(super) fn remove_files_not_in(&mut self, walked: &[(PathBuf, u64)]) {
        let walked: HashSet<String> = walked
            .iter()
            .map(|(path, _)| path.display().to_string())
            .collect();
        let gone: Vec<String> = self
            .state
            .files
            .keys()
            .filter(|path| !walked.contains(*path))
            .cloned()
            .collect();
        for path in gone {
            if let Some(record) = self.state.files.remove(&path) {
                self.writer
                    .delete_term(Term::from_field_text(self.fields.path, &path));
                self.summary.removed += record.articles.len() as u64;
                self.summary.files_removed += 1;
                self.dirty = true;
            }
        }
    }

    /// Hands the last articles to the writer, commits (merging a full build into one
    /// segment) and returns what the run did, with the committed state when it committed.
    /// A run that leaves no article at all is rolled back: [`Error::NothingIndexed`].
    pub(super) fn finish(
        mut self,
        index: &tantivy::Index,
        full_rebuild: bool,
    ) -> Result<(IndexSummary, Option<IndexState>)> {
        self.flush()?;
        let total_articles: usize = self.state.files.values().map(|r| r.articles.len()).sum();
        if total_articles == 0 {
            self.writer.rollback()?;
            return Err(Error::NothingIndexed);
        }
        if self.dirty {
            self.reporter.on_phase(Phase::Committing);
            commit(&mut self.writer, &self.options.index_dir, &mut self.state)?;
        }
        if full_rebuild {
            let segment_ids = index.searchable_segment_ids()?;
            if segment_ids.len() > 1 {
                self.reporter.on_phase(Phase::Merging);
                self.writer.merge(&segment_ids).wait()?;
            }
        }
        self.writer.wait_merging_threads()?;
        let committed = self.dirty.then_some(self.state);
        Ok((self.summary, committed))
    }

    fn warn(&mut self, warning: &Warning) {
        self.summary.warnings += 1;
        self.reporter.on_warning(warning);
    }

    /// Brings one file's articles up to date.
    pub(super) fn index_file(&mut self, path: &Path) -> Result<()> {
        let shown = path.display().to_string();
        let Some((size, mtime)) = self.needs_reading(path, &shown) else {
            return Ok(());
        };
        self.summary.files += 1;
        self.dirty = true;
        let old = self.state.files.get(&shown).cloned().unwrap_or_default();
        self.state.files.entry(shown.clone()).or_default().complete = false;
        let current = self.read_changed_articles(path, &shown, &old)?;
        self.settle_file(&shown, &old, &current, size, mtime);
        Ok(())
    }

    /// The file's size and mtime when it must be read; `None` when it is unchanged since the
    /// last commit, or cannot be read now (then it keeps its indexed version, with a warning).
    fn needs_reading(&mut self, path: &Path, shown: &str) -> Option<(u64, u64)> {
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(err) => {
                let kept = self.state.files.contains_key(shown);
                self.warn(&unreadable(shown, &err, kept));
                return None;
            }
        };
        let (size, mtime) = (metadata.len(), state::mtime_ns(&metadata));
        let known = self.state.files.get(shown);
        if let Some(record) = known {
            if record.unchanged(size, mtime) {
                self.summary.unchanged += record.articles.len() as u64;
                self.summary.files_unchanged += 1;
                return None;
            }
        }
        // A file that was indexed but cannot be opened now (permissions changed, a network
        // mount away) keeps its indexed version rather than losing its articles.
        if metadata.is_file() {
            if let Err(err) = std::fs::File::open(path) {
                let kept = known.map(|record| record.articles.len() as u64);
                self.summary.unchanged += kept.unwrap_or(0);
                self.warn(&unreadable(shown, &err, kept.is_some()));
                return None;
            }
        }
        Some((size, mtime))
    }

    /// Reads a changed file: lines whose hash the last commit holds are skipped, new and
    /// changed articles are queued. Returns id -> (line, hash) of every article the file holds
    /// now, read or skipped as unchanged.
    fn read_changed_articles(
        &mut self,
        path: &Path,
        shown: &str,
        old: &FileRecord,
    ) -> Result<HashMap<String, (u64, u64)>> {
        let by_line: HashMap<(u64, u64), &str> = old
            .articles
            .iter()
            .map(|(id, &at)| (at, id.as_str()))
            .collect();
        let current: RefCell<HashMap<String, (u64, u64)>> = RefCell::new(HashMap::new());
        let last_hash = Cell::new(0u64);
        let last_line = Cell::new(0u64);
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
                last_line.set(line);
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
                    // The number the reader asked about: a JSON element has no line.
                    let line = last_line.get();
                    let hash = last_hash.get();
                    let earlier = current
                        .borrow_mut()
                        .insert(article.id.clone(), (line, hash));
                    if let Some((first, _)) = earlier {
                        let (unit, at) = match article.line {
                            Some(_) => ("line", Some(line as usize)),
                            None => ("item", None),
                        };
                        self.warn(&Warning {
                            path: shown.to_string(),
                            line: at,
                            message: format!(
                                "id \"{}\" repeats {unit} {first}; the later {unit} is the current version",
                                article.id
                            ),
                        });
                        // The earlier version is dropped if not yet written, deleted otherwise.
                        self.pending
                            .retain(|p| !(p.article.path == shown && p.article.id == article.id));
                    }
                    if let Err(err) = self.push(article, hash, line) {
                        failure = Some(err);
                    }
                }
            },
        );
        if let Some(err) = failure {
            return Err(err);
        }
        self.summary.bytes += bytes;
        Ok(current.into_inner())
    }

    /// Records what a file read in full holds now: articles no longer in it are deleted, its
    /// size and mtime noted, and its articles counted as added, updated or unchanged.
    fn settle_file(
        &mut self,
        shown: &str,
        old: &FileRecord,
        current: &HashMap<String, (u64, u64)>,
        size: u64,
        mtime: u64,
    ) {
        let record = self.state.files.entry(shown.to_string()).or_default();
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
                corpus::article_key(shown, id),
            ));
        }
        record.size = size;
        record.mtime_ns = mtime;
        record.complete = true;
        for (id, at) in current {
            match old.articles.get(id) {
                None => self.summary.added += 1,
                Some(before) if before == at => self.summary.unchanged += 1,
                Some(_) => self.summary.updated += 1,
            }
        }
        self.summary.removed += gone.len() as u64;
    }

    /// Queues an article; hands the queue to the writer when it is full, and commits when a
    /// batch's worth of text has been written since the last commit.
    fn push(&mut self, article: Article, hash: u64, line: u64) -> Result<()> {
        self.pending_bytes += (article.title.len() + article.body.len()) as u64;
        self.pending.push(Pending {
            article,
            hash,
            line,
        });
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
        let extractor = self.options.extractor.as_ref();
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
            record
                .articles
                .insert(article.id.clone(), (pending.line, pending.hash));
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

/// The warning for a file that cannot be read now; `kept` when its indexed version stays.
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
