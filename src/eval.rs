//! Evaluation: index a BEIR-layout test collection and score the ranking the way the field does.
//!
//! `corpus.jsonl` is indexed with the ordinary indexer, every judged query of
//! `queries.jsonl` goes through [`Searcher::rank_articles`] (the search code path, with
//! articles as the unit), and the run is scored against `qrels/SPLIT.tsv`: nDCG@10 with the
//! graded judgments as linear gains, MAP over the top 1000, recall@100. Only queries with at
//! least one positive judgment count, as in trec_eval and BEIR.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;
use tantivy::schema::Value;
use tantivy::TantivyDocument;

pub use crate::error::CollectionError;
use crate::error::{Error, Result};
use crate::indexer::{index_corpus, IndexOptions};
use crate::search::rank::Feedback;
use crate::search::{SearchRequest, Searcher};

/// How deep each query's run goes (MAP is computed over it).
pub const RUN_DEPTH: usize = 1000;

/// What to evaluate.
#[derive(Debug, Clone)]
pub struct EvalOptions {
    /// The collection: `corpus.jsonl`, `queries.jsonl`, `qrels/*.tsv`.
    pub dir: PathBuf,
    /// The qrels file to score against (`qrels/SPLIT.tsv`); `None`: `test`, or the only one.
    pub split: Option<String>,
    /// Where to build the index (kept); `None`: a temporary directory, removed afterwards.
    pub index_dir: Option<PathBuf>,
    /// RM3 pseudo-relevance feedback (off by default).
    pub feedback: Option<Feedback>,
}

/// Scores of one run over a collection.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    /// The collection directory.
    pub collection: String,
    /// The qrels split scored.
    pub split: String,
    /// Judged queries scored.
    pub queries: usize,
    /// Mean nDCG@10.
    pub ndcg_at_10: f64,
    /// Mean average precision (over the top 1000).
    pub map: f64,
    /// Mean recall@100.
    pub recall_at_100: f64,
    /// Articles indexed.
    pub articles: u64,
    /// Seconds spent running the queries (indexing excluded).
    pub search_seconds: f64,
}

/// Relevance judgments: query id -> article id -> gain.
pub type Qrels = HashMap<String, HashMap<String, u32>>;

/// Indexes the collection, runs its judged queries and scores the run.
pub fn evaluate(options: &EvalOptions) -> Result<EvalReport> {
    let dir = &options.dir;
    let corpus = dir.join("corpus.jsonl");
    if !corpus.is_file() {
        return Err(CollectionError::NoCorpus { dir: dir.clone() }.into());
    }
    let (split, qrels_path) = find_split(dir, options.split.as_deref())?;
    let qrels = read_qrels(&qrels_path)?;
    let queries = crate::queries::read_queries(&dir.join("queries.jsonl"))?;

    let temporary;
    let index_dir = match &options.index_dir {
        Some(path) => path.clone(),
        None => {
            temporary = tempfile::Builder::new()
                .prefix("newsdex-eval-")
                .tempdir()
                .map_err(|err| Error::io(std::env::temp_dir(), err))?;
            temporary.path().join("index")
        }
    };
    let index_options = IndexOptions::new(index_dir.clone());
    let summary = index_corpus(&[corpus], &index_options)?;
    let searcher = Searcher::open(&index_dir)?;
    let ids = article_ids(&searcher)?;

    let started = Instant::now();
    let mut totals = (0.0, 0.0, 0.0);
    let mut scored = 0;
    for (qid, text) in &queries {
        let Some(judged) = qrels.get(qid) else {
            continue;
        };
        if !judged.values().any(|&gain| gain > 0) {
            continue;
        }
        let request = SearchRequest {
            query: text.clone(),
            ..SearchRequest::default()
        };
        let ranked = match &options.feedback {
            Some(feedback) => searcher.rank_articles_with_feedback(&request, RUN_DEPTH, feedback),
            None => searcher.rank_articles(&request, RUN_DEPTH),
        };
        let run: Vec<&str> = match ranked {
            Ok(ranked) => ranked
                .iter()
                .filter_map(|a| ids.get(&a.key).map(String::as_str))
                .collect(),
            // A query whose text cannot be searched (only stop words, say) retrieves nothing.
            Err(Error::Search(err)) if err.is_in_query_text() => Vec::new(),
            Err(err) => return Err(err),
        };
        totals.0 += ndcg_at(&run, judged, 10);
        totals.1 += average_precision(&run, judged);
        totals.2 += recall_at(&run, judged, 100);
        scored += 1;
    }
    if scored == 0 {
        return Err(CollectionError::NoJudgedQuery {
            dir: dir.clone(),
            qrels: qrels_path,
        }
        .into());
    }
    let n = scored as f64;
    Ok(EvalReport {
        collection: dir.display().to_string(),
        split,
        queries: scored,
        ndcg_at_10: totals.0 / n,
        map: totals.1 / n,
        recall_at_100: totals.2 / n,
        articles: summary.articles,
        search_seconds: started.elapsed().as_secs_f64(),
    })
}

/// The qrels file of `split`, or of `test`, or the only file in `qrels/`.
fn find_split(dir: &Path, split: Option<&str>) -> Result<(String, PathBuf)> {
    let qrels_dir = dir.join("qrels");
    let path_of = |name: &str| qrels_dir.join(format!("{name}.tsv"));
    if let Some(name) = split {
        let path = path_of(name);
        if !path.is_file() {
            return Err(CollectionError::NoSuchSplit { path }.into());
        }
        return Ok((name.to_string(), path));
    }
    if path_of("test").is_file() {
        return Ok(("test".to_string(), path_of("test")));
    }
    let mut names: Vec<String> = std::fs::read_dir(&qrels_dir)
        .map_err(|err| Error::io(&qrels_dir, err))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".tsv"))
                .map(str::to_string)
        })
        .collect();
    names.sort();
    match names.as_slice() {
        [only] => Ok((only.clone(), path_of(only))),
        [] => Err(CollectionError::NoQrels { dir: qrels_dir }.into()),
        _ => Err(CollectionError::SeveralQrels {
            dir: qrels_dir,
            names,
        }
        .into()),
    }
}

/// Reads a qrels TSV (`query-id corpus-id score`, an optional header line).
pub fn read_qrels(path: &Path) -> Result<Qrels> {
    let text = std::fs::read_to_string(path).map_err(|err| Error::io(path, err))?;
    parse_qrels(&text).map_err(|(line, message)| Error::BadLine {
        path: path.to_path_buf(),
        line,
        message,
    })
}

/// Parses qrels text; an error names the 1-based line.
pub fn parse_qrels(text: &str) -> std::result::Result<Qrels, (usize, String)> {
    let mut qrels: Qrels = HashMap::new();
    for (number, line) in text.lines().enumerate() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.is_empty() {
            continue;
        }
        // TREC qrels have an iteration column: `qid 0 docid gain`.
        let (qid, doc, gain) = match fields.as_slice() {
            [q, d, g] => (*q, *d, *g),
            [q, _, d, g] => (*q, *d, *g),
            _ => {
                return Err((
                    number + 1,
                    "expected `query-id corpus-id score`".to_string(),
                ))
            }
        };
        let Ok(gain) = gain.parse::<i64>() else {
            if number == 0 {
                continue; // the header line
            }
            return Err((number + 1, format!("score {gain:?} is not an integer")));
        };
        qrels
            .entry(qid.to_string())
            .or_default()
            .insert(doc.to_string(), gain.max(0) as u32);
    }
    Ok(qrels)
}

/// Maps every article key of the index to its article id (one stored fetch per passage).
fn article_ids(searcher: &Searcher) -> Result<HashMap<u64, String>> {
    let fields = *searcher.fields();
    let reader = searcher.index().reader()?;
    let tantivy_searcher = reader.searcher();
    let addresses = tantivy_searcher.search(&AllQuery, &DocSetCollector)?;
    let mut ids = HashMap::new();
    for address in addresses {
        let document: TantivyDocument = tantivy_searcher.doc(address)?;
        let key = document
            .get_first(fields.article_key)
            .and_then(|v| v.as_u64());
        let id = document
            .get_first(fields.article_id)
            .and_then(|v| v.as_str());
        if let (Some(key), Some(id)) = (key, id) {
            ids.entry(key).or_insert_with(|| id.to_string());
        }
    }
    Ok(ids)
}

/// nDCG@k with linear gains (the trec_eval and BEIR definition).
pub fn ndcg_at(run: &[&str], judged: &HashMap<String, u32>, k: usize) -> f64 {
    let discount = |rank: usize| 1.0 / ((rank + 2) as f64).log2();
    let dcg: f64 = run
        .iter()
        .take(k)
        .enumerate()
        .map(|(rank, id)| f64::from(judged.get(*id).copied().unwrap_or(0)) * discount(rank))
        .sum();
    let mut gains: Vec<u32> = judged.values().copied().filter(|&g| g > 0).collect();
    gains.sort_unstable_by(|a, b| b.cmp(a));
    let ideal: f64 = gains
        .iter()
        .take(k)
        .enumerate()
        .map(|(rank, &gain)| f64::from(gain) * discount(rank))
        .sum();
    if ideal > 0.0 {
        dcg / ideal
    } else {
        0.0
    }
}

/// Average precision of a run (relevant = positive gain).
pub fn average_precision(run: &[&str], judged: &HashMap<String, u32>) -> f64 {
    let relevant = judged.values().filter(|&&g| g > 0).count();
    if relevant == 0 {
        return 0.0;
    }
    let mut found = 0;
    let mut sum = 0.0;
    for (rank, id) in run.iter().enumerate() {
        if judged.get(*id).is_some_and(|&g| g > 0) {
            found += 1;
            sum += found as f64 / (rank + 1) as f64;
        }
    }
    sum / relevant as f64
}

/// Share of the relevant articles in the top `k`.
pub fn recall_at(run: &[&str], judged: &HashMap<String, u32>, k: usize) -> f64 {
    let relevant = judged.values().filter(|&&g| g > 0).count();
    if relevant == 0 {
        return 0.0;
    }
    let found = run
        .iter()
        .take(k)
        .filter(|id| judged.get(**id).is_some_and(|&g| g > 0))
        .count();
    found as f64 / relevant as f64
}

/// The report as aligned text lines.
pub fn format_report(report: &EvalReport) -> String {
    let rows: BTreeMap<u8, (&str, String)> = BTreeMap::from([
        (0, ("collection", report.collection.clone())),
        (1, ("split", report.split.clone())),
        (2, ("queries", report.queries.to_string())),
        (3, ("nDCG@10", format!("{:.4}", report.ndcg_at_10))),
        (4, ("MAP", format!("{:.4}", report.map))),
        (5, ("recall@100", format!("{:.4}", report.recall_at_100))),
    ]);
    rows.values()
        .map(|(name, value)| format!("{name:<11} {value}\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged(pairs: &[(&str, u32)]) -> HashMap<String, u32> {
        pairs.iter().map(|(d, g)| (d.to_string(), *g)).collect()
    }

    #[test]
    fn perfect_run_scores_one() {
        let j = judged(&[("a", 2), ("b", 1), ("c", 0)]);
        let run = ["a", "b", "c"];
        assert!((ndcg_at(&run, &j, 10) - 1.0).abs() < 1e-12);
        assert!((average_precision(&run, &j) - 1.0).abs() < 1e-12);
        assert!((recall_at(&run, &j, 100) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn metrics_by_hand() {
        let j = judged(&[("a", 1), ("b", 1)]);
        let run = ["x", "a", "y", "z"];
        // DCG = 1/log2(3); IDCG = 1 + 1/log2(3).
        let expected = (1.0 / 3f64.log2()) / (1.0 + 1.0 / 3f64.log2());
        assert!((ndcg_at(&run, &j, 10) - expected).abs() < 1e-12);
        assert!((average_precision(&run, &j) - 0.25).abs() < 1e-12);
        assert!((recall_at(&run, &j, 100) - 0.5).abs() < 1e-12);
        assert_eq!(recall_at(&run, &j, 1), 0.0);
    }

    #[test]
    fn qrels_with_header_trec_columns_and_errors() {
        let qrels = parse_qrels("query-id\tcorpus-id\tscore\nq1\td1\t2\nq1 0 d2 0\n").unwrap();
        assert_eq!(qrels["q1"]["d1"], 2);
        assert_eq!(qrels["q1"]["d2"], 0);
        assert_eq!(parse_qrels("q1\td1\n").unwrap_err().0, 1);
        assert_eq!(parse_qrels("h e a\nq1 d1 x\n").unwrap_err().0, 2);
    }
}
