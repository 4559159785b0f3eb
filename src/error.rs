//! The library's typed errors, one variant per cause, each naming the path or value at fault;
//! the binary prints them once, on one line.

use std::path::PathBuf;

use crate::corpus::date::DateError;

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
    Search(#[from] crate::search::SearchError),
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
    /// A `--from` or `--to` value that is not a date newsdex can filter on.
    #[error("--{flag}: {reason}")]
    BadDateFilter {
        /// The flag, without dashes (`from`, `to`).
        flag: &'static str,
        /// Why the value is refused; it quotes the value.
        reason: DateError,
    },
    /// A tagger model file that is not one `newsdex train-ner` wrote.
    #[error("{path}: {reason}")]
    ModelFile {
        /// The model file.
        path: PathBuf,
        /// What is wrong with it.
        reason: crate::actors::ModelError,
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
    Collection(#[from] crate::eval::CollectionError),
    /// A `bench` run that cannot measure anything.
    #[error(transparent)]
    Bench(#[from] crate::bench::BenchError),
    /// An I/O failure on a named path.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying failure.
        source: std::io::Error,
    },
    /// A failure inside tantivy.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
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
    use crate::bench::BenchError;
    use crate::eval::CollectionError;

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
                    reason: crate::actors::ModelError::NotAModel,
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
