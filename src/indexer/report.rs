//! How an indexing run tells its caller what it is doing: a trait of callbacks, so that the
//! library draws nothing itself (the command line turns them into a progress bar).

use crate::corpus::Warning;

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
    /// The actor data (`what`: gazetteer, model, rules or actors file) differs from what the
    /// index's actors came from, so every article is indexed again.
    fn on_rebuild(&self, what: &str) {
        let _ = what;
    }
    /// The field mapping differs from the one the index recorded (`before` and `now` as
    /// shown to people), so CSV, JSON and JSONL files are read again.
    fn on_fields_changed(&self, before: &str, now: &str) {
        let _ = (before, now);
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
pub(super) struct Silent;

impl Reporter for Silent {}
