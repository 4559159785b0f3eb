//! The library's typed errors, one variant per cause, each naming the path or value at fault;
//! the binary prints them once, on one line.
//!
//! Every error type lives here, including the ones a single stage raises ([`SearchError`],
//! [`CollectionError`], [`BenchError`], [`ModelError`]; those stages re-export theirs), so that
//! this module depends on nothing above `corpus` and the module graph has no cycle through it.

mod search;

pub use search::SearchError;

use std::path::PathBuf;

use crate::corpus::date::DateError;
use crate::corpus::FieldSpecError;

/// Everything that can stop a newsdex command from doing its job.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The index directory holds no newsdex index.
    #[error("{0}: no index here; run `newsdex index CORPUS --index {0}` first")]
    NoIndex(PathBuf),
    /// The index was written by an incompatible version of newsdex.
    #[error("{path}: index was written by schema version {found}, this newsdex reads version {expected}; run `newsdex index --rebuild` to rebuild it")]
    SchemaVersion {
        /// Index directory.
        path: PathBuf,
        /// Version found on disk.
        found: u32,
        /// Version this binary writes.
        expected: u32,
    },
    /// The index's `newsdex.json` manifest cannot be parsed.
    #[error("{path}: unreadable index manifest ({reason}); run `newsdex index --rebuild`")]
    CorruptManifest {
        /// The manifest file.
        path: PathBuf,
        /// What the parser said.
        reason: String,
    },
    /// The index's actor registry cannot be read or written.
    #[error("{path}: unreadable actor registry ({reason}); run `newsdex index` to write it again")]
    CorruptRegistry {
        /// The registry file.
        path: PathBuf,
        /// What the parser said.
        reason: String,
    },
    /// The index's copy groups cannot be read or written.
    #[error("{path}: unreadable copy groups ({reason}); run `newsdex index` to write them again")]
    CorruptCopies {
        /// The groups file.
        path: PathBuf,
        /// What the parser said.
        reason: String,
    },
    /// A line of the corrections file that is not a correction.
    #[error("{path}: line {line}: {reason}")]
    BadCorrection {
        /// The corrections file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        reason: String,
    },
    /// A tantivy index that newsdex did not write: it has no newsdex manifest.
    #[error("{path}: holds a tantivy index without a newsdex manifest; run `newsdex index --rebuild` to replace it")]
    ForeignIndex {
        /// Index directory.
        path: PathBuf,
    },
    /// The index directory holds other files and no index: newsdex will not write there.
    #[error("{path}: directory is not empty and holds no newsdex index; refusing to write there")]
    NotEmpty {
        /// The directory.
        path: PathBuf,
    },
    /// tantivy cannot open the index directory.
    #[error("{path}: cannot open the index directory ({reason})")]
    OpenDirectory {
        /// The directory.
        path: PathBuf,
        /// What tantivy said.
        reason: String,
    },
    /// Another process holds the index's writer lock.
    #[error("{0}: index is locked by another newsdex process")]
    Locked(PathBuf),
    /// The inputs of `index` hold no file with an article extension.
    #[error("{}: no article files found (.txt, .jsonl, .jsonl.gz, .txt.gz)", display_paths(.inputs))]
    NoArticleFiles {
        /// The inputs as given.
        inputs: Vec<PathBuf>,
    },
    /// Article files were found but not one article could be read from them.
    #[error("no article could be read from the inputs; index left unchanged")]
    NothingIndexed,
    /// A search that cannot run as asked (unknown actor, empty date range, ...).
    #[error(transparent)]
    Search(#[from] SearchError),
    /// A line of a line-oriented input file (actors file, query file, qrels, CoNLL) that
    /// cannot be read.
    #[error("{path}: line {line}: {message}")]
    BadLine {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        message: String,
    },
    /// An export's `--out` that already holds files.
    #[error("{path}: already exists and is not empty; give a new directory to --out")]
    ExportOutNotEmpty {
        /// The directory.
        path: PathBuf,
    },
    /// `--facets` asked for in a table format, which has one shape of row.
    #[error("--facets has no {format} form (a table has one kind of row); use --json or text")]
    FacetsAsTable {
        /// The format asked for: csv or tsv.
        format: &'static str,
    },
    /// A `--from` or `--to` value that is not a date newsdex can filter on.
    #[error("--{flag}: {reason}")]
    BadDateFilter {
        /// The flag, without dashes (`from`, `to`).
        flag: &'static str,
        /// Why the value is refused; it quotes the value.
        reason: DateError,
    },
    /// A `--field` value that is not `ROLE=NAME` with a known role.
    #[error(transparent)]
    BadField(#[from] FieldSpecError),
    /// A tagger model file that is not one `newsdex train-ner` wrote.
    #[error("{path}: {reason}")]
    ModelFile {
        /// The model file.
        path: PathBuf,
        /// What is wrong with it.
        reason: ModelError,
    },
    /// `eval-ner` was given no data set to score.
    #[error("eval-ner: give --conll FILE and/or --gum DIR")]
    NoNerData,
    /// The GUM directory of `eval-ner --gum` holds no `.conllu` file.
    #[error("{dir}: no .conllu files")]
    NoConlluFiles {
        /// The directory.
        dir: PathBuf,
    },
    /// An `eval` collection that cannot be scored.
    #[error(transparent)]
    Collection(#[from] CollectionError),
    /// A `bench` run that cannot measure anything.
    #[error(transparent)]
    Bench(#[from] BenchError),
    /// An I/O failure on a named path.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying failure.
        source: std::io::Error,
    },
    /// `serve` could not listen on the address asked for.
    #[error("cannot listen on {address}: {source}")]
    Listen {
        /// The address and port, as given.
        address: String,
        /// The underlying failure.
        source: std::io::Error,
    },
    /// A failure inside tantivy.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// Why a bench run cannot measure anything.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BenchError {
    /// The query file holds no query, or sampling found none.
    #[error("{}", match .file {
        Some(file) => format!("{}: no queries to run", file.display()),
        None => "no queries to run: the index's passages gave none to sample".to_string(),
    })]
    NoQueries {
        /// The `--queries` file; `None` when the queries were sampled.
        file: Option<PathBuf>,
    },
    /// Every query was skipped.
    #[error("none of the queries can be run (only stop words or unknown actors)")]
    NoRunnableQueries,
    /// `--sample` was asked of an index without passages.
    #[error("the index is empty: nothing to sample queries from")]
    EmptyIndex,
    /// A worker thread panicked (a bug; the panic hook has printed it).
    #[error("a bench thread panicked")]
    ThreadPanicked,
    /// `--scenario explore` or `oneshot` was asked of an index without actors and no `--actor`.
    #[error("the index has no actors: name one with --actor for timeline and cooccur")]
    NoActors,
    /// `--scenario indexing` was given no article files.
    #[error("--scenario indexing needs the article files or folders to index (bench --scenario indexing PATH...)")]
    NoInputs,
    /// A timed command could not be started, or it failed.
    #[error("{command}: {problem}")]
    Command {
        /// The command line, as it was run.
        command: String,
        /// What went wrong (the error, or the exit status and the first line of stderr).
        problem: String,
    },
}

/// Why a collection cannot be scored: one variant per cause, each naming the path at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CollectionError {
    /// The directory has no `corpus.jsonl`.
    #[error("{dir}: no corpus.jsonl here; a BEIR-layout collection has corpus.jsonl, queries.jsonl and qrels/SPLIT.tsv")]
    NoCorpus {
        /// The collection directory.
        dir: PathBuf,
    },
    /// `--split` names a qrels file that does not exist.
    #[error("{path}: no such qrels file; --split names a file in qrels/ without .tsv")]
    NoSuchSplit {
        /// The qrels file looked for.
        path: PathBuf,
    },
    /// `qrels/` holds no `.tsv` file.
    #[error("{dir}: no .tsv qrels file")]
    NoQrels {
        /// The `qrels/` directory.
        dir: PathBuf,
    },
    /// `qrels/` holds several files, none of them `test.tsv`, and no `--split` was given.
    #[error("{dir}: several qrels files ({}); pick one with --split", .names.join(", "))]
    SeveralQrels {
        /// The `qrels/` directory.
        dir: PathBuf,
        /// The splits found, sorted.
        names: Vec<String>,
    },
    /// No query has a positive judgment, so there is nothing to score.
    #[error("{dir}: no query in queries.jsonl has a positive judgment in {qrels}")]
    NoJudgedQuery {
        /// The collection directory.
        dir: PathBuf,
        /// The qrels file read.
        qrels: PathBuf,
    },
}

/// Why bytes are not a tagger model.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The bytes are not gzip, or the gzip stream is broken.
    #[error("ner model: {0}")]
    Gzip(std::io::Error),
    /// The data does not start with a newsdex model's magic bytes.
    #[error("ner model: not a newsdex model file")]
    NotAModel,
    /// The data is not as long as its header says.
    #[error("ner model: {found} bytes where its header says {expected}")]
    WrongSize {
        /// Bytes after decompression.
        found: usize,
        /// Bytes its feature count calls for.
        expected: usize,
    },
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

fn display_paths(paths: &[PathBuf]) -> String {
    let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    shown.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use BenchError;
    use CollectionError;

    /// Every message is one lowercase line that names the path or value at fault.
    #[test]
    fn messages_name_the_path_or_value() {
        let path = || PathBuf::from("idx/newsdex.json");
        let cases: Vec<(Error, &str)> = vec![
            (
                Error::CorruptManifest {
                    path: path(),
                    reason: "expected value at line 1 column 1".into(),
                },
                "idx/newsdex.json: unreadable index manifest (expected value at line 1 column 1); run `newsdex index --rebuild`",
            ),
            (
                Error::ForeignIndex { path: "idx".into() },
                "idx: holds a tantivy index without a newsdex manifest; run `newsdex index --rebuild` to replace it",
            ),
            (
                Error::NotEmpty { path: "idx".into() },
                "idx: directory is not empty and holds no newsdex index; refusing to write there",
            ),
            (
                Error::OpenDirectory {
                    path: "idx".into(),
                    reason: "permission denied".into(),
                },
                "idx: cannot open the index directory (permission denied)",
            ),
            (
                Error::NoArticleFiles {
                    inputs: vec!["a".into(), "b/c".into()],
                },
                "a, b/c: no article files found (.txt, .jsonl, .jsonl.gz, .txt.gz)",
            ),
            (
                Error::NothingIndexed,
                "no article could be read from the inputs; index left unchanged",
            ),
            (
                Error::BadLine {
                    path: "q.txt".into(),
                    line: 3,
                    message: "no \"text\" field".into(),
                },
                "q.txt: line 3: no \"text\" field",
            ),
            (
                Error::BadDateFilter {
                    flag: "from",
                    reason: DateError::Unreadable("soon".into()),
                },
                "--from: unreadable date \"soon\"",
            ),
            (
                Error::ModelFile {
                    path: "m.gz".into(),
                    reason: ModelError::NotAModel,
                },
                "m.gz: ner model: not a newsdex model file",
            ),
            (
                Error::NoNerData,
                "eval-ner: give --conll FILE and/or --gum DIR",
            ),
            (
                Error::NoConlluFiles { dir: "gum".into() },
                "gum: no .conllu files",
            ),
            (
                CollectionError::NoCorpus { dir: "beir".into() }.into(),
                "beir: no corpus.jsonl here; a BEIR-layout collection has corpus.jsonl, queries.jsonl and qrels/SPLIT.tsv",
            ),
            (
                CollectionError::NoSuchSplit {
                    path: "beir/qrels/dev.tsv".into(),
                }
                .into(),
                "beir/qrels/dev.tsv: no such qrels file; --split names a file in qrels/ without .tsv",
            ),
            (
                CollectionError::NoQrels {
                    dir: "beir/qrels".into(),
                }
                .into(),
                "beir/qrels: no .tsv qrels file",
            ),
            (
                CollectionError::SeveralQrels {
                    dir: "beir/qrels".into(),
                    names: vec!["dev".into(), "train".into()],
                }
                .into(),
                "beir/qrels: several qrels files (dev, train); pick one with --split",
            ),
            (
                CollectionError::NoJudgedQuery {
                    dir: "beir".into(),
                    qrels: "beir/qrels/test.tsv".into(),
                }
                .into(),
                "beir: no query in queries.jsonl has a positive judgment in beir/qrels/test.tsv",
            ),
            (
                BenchError::NoQueries {
                    file: Some("q.txt".into()),
                }
                .into(),
                "q.txt: no queries to run",
            ),
            (
                BenchError::NoQueries { file: None }.into(),
                "no queries to run: the index's passages gave none to sample",
            ),
            (
                BenchError::NoRunnableQueries.into(),
                "none of the queries can be run (only stop words or unknown actors)",
            ),
            (
                BenchError::EmptyIndex.into(),
                "the index is empty: nothing to sample queries from",
            ),
            (BenchError::ThreadPanicked.into(), "a bench thread panicked"),
        ];
        for (error, expected) in cases {
            let message = error.to_string();
            assert_eq!(message, expected, "{error:?}");
            assert!(!message.contains('\n'), "{message}");
            assert!(!message.starts_with(char::is_uppercase), "{message}");
            assert!(!message.ends_with('.'), "{message}");
        }
    }
}
