//! Bench: query latency of the real search path, phase by phase, against bare tantivy.
//!
//! `newsdex bench` runs each query through the phases [`Searcher::search`] itself is made of
//! (parse, search, fetch, highlight) and renders the hits to a buffer as `newsdex search`
//! prints them, timing each phase. In the same run it answers the same queries with bare
//! tantivy (the same analysed terms as a plain `BooleanQuery`, the same filters, top K by
//! score and a fetch of the K stored documents) so that the ratio between the two is the
//! overhead newsdex adds. Queries come from a file or are sampled from the index itself with a
//! fixed seed, so a bench runs on any index with nothing else at hand.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, TantivyDocument, Term};

use crate::actor_ords::OrdField;
use crate::corpus::{parse_date_bound, ArticleDate, DatePrecision};
pub use crate::error::BenchError;
use crate::error::{Error, Result};
use crate::output::{self, TextStyle};
use crate::schema::STOP_WORDS;
use crate::search::{column_actors, SearchError, SearchRequest, Searcher};
use crate::store::Manifest;

mod scenarios;

pub use scenarios::{
    explore_commands, indexing, oneshot_commands, write_command_report, write_indexing_report,
    CommandReport, CommandTiming, IndexingReport, IndexingRun,
};

/// Seed of `--sample` unless `--seed` is given: the same index gives the same queries.
pub const DEFAULT_SEED: u64 = 0x6e65_7773_6465_7821;

/// What a bench run measures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Scenario {
    /// Query latency of the search path, phase by phase, against bare tantivy.
    #[default]
    Search,
    /// The exploration commands and `search --facets`, in process, against a plain search.
    Explore,
    /// Whole processes: `search`, the exploration commands, the process floor, `quest`.
    Oneshot,
    /// Indexing CPU of newsdex against bare tantivy on the same articles.
    Indexing,
}

/// What a bench run does: the queries, the passes and the output.
#[derive(Debug, Clone, Default)]
pub struct BenchOptions {
    /// What is measured.
    pub scenario: Scenario,
    /// The actor `timeline` and `cooccur` are given (explore, oneshot); the most mentioned
    /// actor of the index when `None`.
    pub actor: Option<String>,
    /// The process floor of `oneshot`: a hello-world binary built with the same profile.
    pub floor: Option<PathBuf>,
    /// A Xapian database `quest` searches for the same queries (`oneshot`).
    pub quest_db: Option<PathBuf>,
    /// The article files and folders `indexing` indexes.
    pub inputs: Vec<PathBuf>,
    /// Queries to run, one per line (or JSONL with `text`, or `id<TAB>text`, as `search
    /// --queries` reads them).
    pub queries: Option<PathBuf>,
    /// Sample this many queries from the index's own passages (fixed seed); the default is 200.
    pub sample: Option<u64>,
    /// Seed of `--sample`.
    pub seed: u64,
    /// Untimed passes over all queries after the first (cold) pass.
    pub warmup: usize,
    /// Timed passes over all queries.
    pub runs: u64,
    /// Searchers running queries at once on the one index (throughput under load).
    pub threads: u64,
    /// Hits per query (top K).
    pub limit: u64,
    /// Print one JSON object with every figure.
    pub json: bool,
}

/// One benchmark query: text and the filters `search` would get from `--from/--to/--actor`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BenchQuery {
    /// The query as typed.
    pub text: String,
    /// `--from`.
    pub from: Option<ArticleDate>,
    /// `--to`.
    pub to: Option<ArticleDate>,
    /// `--actor` (canonical name).
    pub actor: Option<String>,
}

/// Latency percentiles of one series, in milliseconds.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Latency {
    /// Median.
    pub p50_ms: f64,
    /// 95th percentile.
    pub p95_ms: f64,
    /// 99th percentile.
    pub p99_ms: f64,
    /// Slowest.
    pub max_ms: f64,
    /// Mean.
    pub mean_ms: f64,
}

impl Latency {
    /// Percentiles (nearest rank) of `samples`; all zero when there are none.
    pub fn of(samples: &[Duration]) -> Latency {
        if samples.is_empty() {
            return Latency::default();
        }
        let mut sorted: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1e3).collect();
        sorted.sort_by(f64::total_cmp);
        let rank = |p: f64| {
            let index = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
            sorted[index.clamp(1, sorted.len()) - 1]
        };
        Latency {
            p50_ms: rank(50.0),
            p95_ms: rank(95.0),
            p99_ms: rank(99.0),
            max_ms: sorted[sorted.len() - 1],
            mean_ms: sorted.iter().sum::<f64>() / sorted.len() as f64,
        }
    }
}

/// What the index holds.
#[derive(Debug, Clone, Serialize)]
pub struct IndexFigures {
    /// Articles.
    pub articles: u64,
    /// Passages (tantivy documents).
    pub passages: u64,
    /// Size of the index directory on disk.
    pub bytes: u64,
    /// Bytes of article text that were indexed.
    pub text_bytes: u64,
    /// tantivy segments.
    pub segments: usize,
    /// Bytes per part of the index (tantivy's space usage): store, postings, positions, terms,
    /// fast_fields, fieldnorms.
    pub space: BTreeMap<String, u64>,
    /// Bytes per field over postings, positions, terms, fast fields and fieldnorms (the doc
    /// store is one block of all stored fields and is not split by field).
    pub space_by_field: BTreeMap<String, u64>,
}

/// Every figure of a bench run (`--json` prints it as is).
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    /// Queries per pass.
    pub queries: usize,
    /// Queries skipped because they cannot be run (e.g. only stop words).
    pub skipped: usize,
    /// Timed passes.
    pub runs: u64,
    /// Untimed passes after the cold one.
    pub warmup: usize,
    /// Concurrent searchers.
    pub threads: u64,
    /// Hits per query.
    pub limit: u64,
    /// Where the queries came from (`sample:N:seed` or the file).
    pub source: String,
    /// newsdex queries per second over the timed passes (all threads).
    pub qps: f64,
    /// Bare tantivy queries per second over its timed passes.
    pub baseline_qps: f64,
    /// Whole search path per query, timed passes.
    pub total: Latency,
    /// Whole search path per query in the first pass of this process.
    pub cold: Latency,
    /// Bare tantivy per query, timed passes.
    pub baseline: Latency,
    /// Per phase: parse, search, fetch, highlight, render.
    pub phases: BTreeMap<String, Latency>,
    /// newsdex p50 / baseline p50.
    pub ratio_p50: f64,
    /// newsdex p99 / baseline p99.
    pub ratio_p99: f64,
    /// Mean hits returned per query.
    pub mean_hits: f64,
    /// The index.
    pub index: IndexFigures,
}

/// The phases of the search path, in order.
pub const PHASES: [&str; 5] = ["parse", "search", "fetch", "highlight", "render"];

/// Timings of one query through the search path.
#[derive(Debug, Clone, Copy, Default)]
struct Timing {
    phases: [Duration; 5],
    total: Duration,
    hits: usize,
}

/// Prints a scenario's report to stdout: one JSON line with `--json`, else its text.
fn print_report<T: Serialize>(
    json: bool,
    report: &T,
    write_text: fn(&mut dyn Write, &T) -> io::Result<()>,
) -> anyhow::Result<()> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if json {
        serde_json::to_writer(&mut out, report)?;
        writeln!(out)?;
    } else {
        write_text(&mut out, report)?;
    }
    out.flush()?;
    Ok(())
}

/// Runs `newsdex bench` and prints its report.
pub fn run(index_dir: &Path, args: &BenchOptions) -> anyhow::Result<()> {
    match args.scenario {
        Scenario::Search => {}
        Scenario::Explore => {
            let report = explore_commands(index_dir, args)?;
            return print_report(args.json, &report, write_command_report);
        }
        Scenario::Oneshot => {
            let report = oneshot_commands(index_dir, args)?;
            return print_report(args.json, &report, write_command_report);
        }
        Scenario::Indexing => {
            let report = indexing(&args.inputs, args)?;
            return print_report(args.json, &report, write_indexing_report);
        }
    }
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let searcher = Searcher::open(index_dir)?;
    let (queries, source) = match &args.queries {
        Some(file) => (read_query_file(file)?, file.display().to_string()),
        None => {
            let n = args.sample.unwrap_or(200) as usize;
            (
                sample_queries(&searcher, n, args.seed)?,
                format!("sample:{n}:{:#x}", args.seed),
            )
        }
    };
    if queries.is_empty() {
        let file = args.queries.clone();
        return Err(Error::from(BenchError::NoQueries { file }).into());
    }
    let progress = io::stderr().is_terminal();
    let report = bench(&searcher, index_dir, &queries, args, progress)?;
    let report = BenchReport { source, ..report };
    if args.json {
        serde_json::to_writer(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write_report(&mut out, &report, &index_dir.display().to_string())?;
    }
    out.flush()?;
    Ok(())
}

/// Reads a query file in any form `search --queries` takes (filters are not read from it).
pub fn read_query_file(path: &Path) -> Result<Vec<BenchQuery>> {
    Ok(crate::queries::read_queries(path)?
        .into_iter()
        .map(|(_, text)| BenchQuery {
            text,
            ..BenchQuery::default()
        })
        .collect())
}

/// Measures `queries` on `searcher` as `args` asks.
pub fn bench(
    searcher: &Searcher,
    index_dir: &Path,
    queries: &[BenchQuery],
    args: &BenchOptions,
    progress: bool,
) -> Result<BenchReport> {
    let limit = args.limit as usize;
    let requests = requests(queries, limit);
    let baselines = requests
        .iter()
        .map(|request| Baseline::new(searcher, request))
        .collect::<Result<Vec<_>>>()?;
    // Queries that cannot run (only stop words) are skipped, as `search --queries` skips them.
    let mut runnable = Vec::new();
    for (request, baseline) in requests.into_iter().zip(baselines) {
        match searcher.plan(&request) {
            Ok(_) => runnable.push((request, baseline)),
            Err(Error::Search(err)) if skips_query(&err) => {}
            Err(err) => return Err(err),
        }
    }
    let skipped = queries.len() - runnable.len();
    if runnable.is_empty() {
        return Err(BenchError::NoRunnableQueries.into());
    }
    let threads = args.threads as usize;
    let passes = 1 + args.warmup as u64 + args.runs;
    let bar = crate::output::progress_bar(
        progress,
        passes * 2 * runnable.len() as u64,
        "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} queries {per_sec}",
    );

    let cold: Vec<Timing> = runnable
        .iter()
        .map(|(request, _)| {
            let timing = time_search(searcher, request);
            bar.inc(2);
            timing
        })
        .collect::<Result<_>>()?;
    for _ in 0..args.warmup {
        run_pass(searcher, &runnable, 1, false, &bar)?;
        run_pass(searcher, &runnable, 1, true, &bar)?;
    }
    let mut timings = Vec::new();
    let mut baseline_times = Vec::new();
    let (mut wall, mut baseline_wall) = (Duration::ZERO, Duration::ZERO);
    for _ in 0..args.runs {
        let (pass, elapsed) = run_pass(searcher, &runnable, threads, false, &bar)?;
        timings.extend(pass);
        wall += elapsed;
        let (pass, elapsed) = run_pass(searcher, &runnable, threads, true, &bar)?;
        baseline_times.extend(pass.into_iter().map(|t| t.total));
        baseline_wall += elapsed;
    }
    bar.finish_and_clear();

    let totals: Vec<Duration> = timings.iter().map(|t| t.total).collect();
    let mut phases = BTreeMap::new();
    for (index, name) in PHASES.iter().enumerate() {
        let series: Vec<Duration> = timings.iter().map(|t| t.phases[index]).collect();
        phases.insert(name.to_string(), Latency::of(&series));
    }
    let total = Latency::of(&totals);
    let baseline = Latency::of(&baseline_times);
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    let per_second = |n: usize, wall: Duration| {
        let seconds = wall.as_secs_f64();
        if seconds > 0.0 {
            n as f64 / seconds
        } else {
            0.0
        }
    };
    Ok(BenchReport {
        queries: runnable.len(),
        skipped,
        runs: args.runs,
        warmup: args.warmup,
        threads: args.threads,
        limit: args.limit,
        source: String::new(),
        qps: per_second(timings.len(), wall),
        baseline_qps: per_second(baseline_times.len(), baseline_wall),
        total,
        cold: Latency::of(&cold.iter().map(|t| t.total).collect::<Vec<_>>()),
        baseline,
        phases,
        ratio_p50: ratio(total.p50_ms, baseline.p50_ms),
        ratio_p99: ratio(total.p99_ms, baseline.p99_ms),
        mean_hits: timings.iter().map(|t| t.hits as f64).sum::<f64>() / timings.len() as f64,
        index: index_figures(searcher, index_dir)?,
    })
}

/// Whether a query is skipped for this error rather than ending the run: its own text or
/// filters cannot be searched. Every variant is listed, so that a new one is decided here.
fn skips_query(err: &SearchError) -> bool {
    match err {
        SearchError::QueryTooLong { .. }
        | SearchError::UnknownField { .. }
        | SearchError::OnlyStopWords { .. }
        | SearchError::NothingToSearch
        | SearchError::UnknownActor { .. }
        | SearchError::UnknownSource { .. }
        | SearchError::UnknownLanguage { .. }
        | SearchError::AmbiguousActor { .. }
        | SearchError::EmptyDateRange { .. } => true,
        SearchError::NoSuchArticle { .. } | SearchError::ArticleInSeveralFiles { .. } => false,
    }
}

/// The requests `newsdex search QUERY --limit K [filters]` would build.
fn requests(queries: &[BenchQuery], limit: usize) -> Vec<SearchRequest> {
    queries
        .iter()
        .map(|query| SearchRequest {
            query: query.text.clone(),
            from: query.from,
            to: query.to,
            actors: query.actor.iter().cloned().collect(),
            limit,
            offset: 0,
            per_article: 1,
            context: 0,
            // `search` shows one hit per story unless `--all-copies`.
            fold_copies: true,
            ..SearchRequest::default()
        })
        .collect()
}

/// One pass over every query on `threads` threads; each thread starts at its own place in the
/// list so that they do not run the same query in lockstep. Returns the timings and wall time.
fn run_pass(
    searcher: &Searcher,
    runnable: &[(SearchRequest, Baseline)],
    threads: usize,
    baseline: bool,
    bar: &indicatif::ProgressBar,
) -> Result<(Vec<Timing>, Duration)> {
    let n = runnable.len();
    let threads = threads.clamp(1, n);
    let failed = AtomicBool::new(false);
    let started = Instant::now();
    let results: Vec<Result<Vec<Timing>>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let failed = &failed;
                scope.spawn(move || -> Result<Vec<Timing>> {
                    // Thread t runs its share, the queries t, t + threads, ...: every query once.
                    let mut timings = Vec::with_capacity(n / threads + 1);
                    for (request, base) in runnable.iter().skip(t).step_by(threads) {
                        if failed.load(Ordering::Relaxed) {
                            break;
                        }
                        let timing = if baseline {
                            base.time(searcher)
                        } else {
                            time_search(searcher, request)
                        };
                        match timing {
                            Ok(timing) => timings.push(timing),
                            Err(err) => {
                                failed.store(true, Ordering::Relaxed);
                                return Err(err);
                            }
                        }
                        bar.inc(1);
                    }
                    Ok(timings)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|_| Err(BenchError::ThreadPanicked.into()))
            })
            .collect()
    });
    let elapsed = started.elapsed();
    let mut all = Vec::with_capacity(n);
    for result in results {
        all.extend(result?);
    }
    Ok((all, elapsed))
}

/// One query through the phases of [`Searcher::search`], then rendered as `search` prints it.
fn time_search(searcher: &Searcher, request: &SearchRequest) -> Result<Timing> {
    let started = Instant::now();
    let plan = searcher.plan(request)?;
    let parsed = Instant::now();
    let snapshot = searcher.tantivy_searcher();
    let chosen = searcher.choose(&snapshot, &plan, request)?;
    let searched = Instant::now();
    let documents = searcher.fetch(&snapshot, &chosen, request)?;
    let fetched = Instant::now();
    let hits = searcher.hits(&snapshot, &plan, request, &chosen, documents)?;
    let highlighted = Instant::now();
    let mut buffer = Vec::with_capacity(4096);
    for hit in &hits {
        output::write_hit_text(&mut buffer, hit, TextStyle { color: false })
            .map_err(|err| Error::io("bench buffer", err))?;
    }
    std::hint::black_box(&buffer);
    let rendered = Instant::now();
    Ok(Timing {
        phases: [
            parsed - started,
            searched - parsed,
            fetched - searched,
            highlighted - fetched,
            rendered - highlighted,
        ],
        total: rendered - started,
        hits: hits.len(),
    })
}

/// A query as bare tantivy would run it: analysed terms OR-ed, the same filters, top K.
struct Baseline {
    text: String,
    /// The request's filters, built once (actor names resolved): a bare tantivy program would
    /// hold the facet terms already.
    filters: Vec<Box<dyn Query>>,
    limit: usize,
}

impl Baseline {
    fn new(searcher: &Searcher, request: &SearchRequest) -> Result<Baseline> {
        let filters = match searcher.filters(request) {
            Ok(filters) => filters,
            // The newsdex side reports such a query as skipped.
            Err(Error::Search(err)) if skips_query(&err) => Vec::new(),
            Err(err) => return Err(err),
        };
        Ok(Baseline {
            text: request.query.clone(),
            filters,
            limit: request.limit.max(1),
        })
    }

    fn time(&self, searcher: &Searcher) -> Result<Timing> {
        let started = Instant::now();
        let body = searcher.fields().body;
        let mut terms: Vec<String> = crate::search::query::searched_terms(&self.text);
        terms.sort();
        terms.dedup();
        let should: Vec<(Occur, Box<dyn Query>)> = terms
            .iter()
            .map(|term| {
                let query = TermQuery::new(
                    Term::from_field_text(body, term),
                    IndexRecordOption::WithFreqs,
                );
                (Occur::Should, Box::new(query) as Box<dyn Query>)
            })
            .collect();
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if !should.is_empty() {
            must.push((Occur::Must, Box::new(BooleanQuery::new(should))));
        }
        for filter in &self.filters {
            must.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(filter.box_clone(), 0.0)),
            ));
        }
        let query = BooleanQuery::new(must);
        let snapshot = searcher.tantivy_searcher();
        let top: Vec<(f32, DocAddress)> =
            snapshot.search(&query, &TopDocs::with_limit(self.limit).order_by_score())?;
        for (_, address) in &top {
            let document: TantivyDocument = snapshot.doc(*address)?;
            std::hint::black_box(&document);
        }
        let total = started.elapsed();
        Ok(Timing {
            total,
            hits: top.len(),
            ..Timing::default()
        })
    }
}

fn index_figures(searcher: &Searcher, index_dir: &Path) -> Result<IndexFigures> {
    let manifest = Manifest::read(index_dir)?;
    let snapshot = searcher.tantivy_searcher();
    let mut bytes = 0;
    let entries = std::fs::read_dir(index_dir).map_err(|err| Error::io(index_dir, err))?;
    for entry in entries.flatten() {
        if let Ok(meta) = entry.metadata() {
            if meta.is_file() {
                bytes += meta.len();
            }
        }
    }
    let usage = snapshot
        .space_usage()
        .map_err(|err| Error::io(index_dir, err))?;
    let mut space: BTreeMap<String, u64> = BTreeMap::new();
    let mut space_by_field: BTreeMap<String, u64> = BTreeMap::new();
    for segment in usage.segments() {
        let parts = [
            ("terms", segment.termdict()),
            ("postings", segment.postings()),
            ("positions", segment.positions()),
            ("fast_fields", segment.fast_fields()),
            ("fieldnorms", segment.fieldnorms()),
        ];
        for (name, part) in parts {
            *space.entry(name.to_string()).or_default() += part.total().get_bytes();
            for field in part.fields() {
                *space_by_field
                    .entry(field.field_name().to_string())
                    .or_default() += field.total().get_bytes();
            }
        }
        *space.entry("store".to_string()).or_default() += segment.store().total().get_bytes();
    }
    Ok(IndexFigures {
        articles: manifest.articles,
        passages: snapshot.num_docs(),
        bytes,
        text_bytes: manifest.bytes,
        segments: snapshot.segment_readers().len(),
        space,
        space_by_field,
    })
}

/// Writes the report as a small table.
pub fn write_report(out: &mut dyn Write, report: &BenchReport, index: &str) -> io::Result<()> {
    writeln!(
        out,
        "{index}: {} articles, {} passages, {:.1} MB, {} segment{}",
        report.index.articles,
        report.index.passages,
        report.index.bytes as f64 / 1e6,
        report.index.segments,
        if report.index.segments == 1 { "" } else { "s" }
    )?;
    writeln!(
        out,
        "{} queries ({}{}), top {}, {} warm-up + {} timed passes, {} thread{}",
        report.queries,
        report.source,
        if report.skipped > 0 {
            format!(", {} skipped", report.skipped)
        } else {
            String::new()
        },
        report.limit,
        report.warmup,
        report.runs,
        report.threads,
        if report.threads == 1 { "" } else { "s" }
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<16} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "ms per query", "p50", "p95", "p99", "max", "mean"
    )?;
    let row = |out: &mut dyn Write, name: &str, l: &Latency| {
        writeln!(
            out,
            "{name:<16} {:>8.3} {:>8.3} {:>8.3} {:>8.3} {:>8.3}",
            l.p50_ms, l.p95_ms, l.p99_ms, l.max_ms, l.mean_ms
        )
    };
    for name in PHASES {
        if let Some(latency) = report.phases.get(name) {
            row(out, &format!("  {name}"), latency)?;
        }
    }
    row(out, "newsdex total", &report.total)?;
    row(out, "first pass", &report.cold)?;
    row(out, "bare tantivy", &report.baseline)?;
    writeln!(out)?;
    writeln!(
        out,
        "throughput: newsdex {:.0} QPS, bare tantivy {:.0} QPS",
        report.qps, report.baseline_qps
    )?;
    writeln!(
        out,
        "newsdex / bare tantivy: {:.2}x at p50, {:.2}x at p99 ({:.1} hits per query)",
        report.ratio_p50, report.ratio_p99, report.mean_hits
    )
}

/// splitmix64: a tiny, fixed, well-mixed generator, so that a seed gives the same queries on
/// every machine and every version of every dependency.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0; the modulo bias is negligible for the small n used here).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Samples `n` queries from the index's passages with `seed`: one-, two- and three-word
/// queries and quoted phrases drawn from real passages, some with a date or actor filter.
pub fn sample_queries(searcher: &Searcher, n: usize, seed: u64) -> Result<Vec<BenchQuery>> {
    let snapshot = searcher.tantivy_searcher();
    let fields = *searcher.fields();
    // Passages in (article key, ordinal) order, so that a seed draws the same queries from
    // the same articles however indexing threads interleaved them into segments.
    let columns = searcher.columns(&snapshot)?;
    let mut passages: Vec<(u64, u64, DocAddress)> = Vec::new();
    for (ord, reader) in snapshot.segment_readers().iter().enumerate() {
        for doc in reader.doc_ids_alive() {
            let address = DocAddress::new(ord as u32, doc);
            passages.push((
                columns.get(address),
                columns.passage(address).unwrap_or(0),
                address,
            ));
        }
    }
    if passages.is_empty() {
        return Err(BenchError::EmptyIndex.into());
    }
    passages.sort_unstable();
    // Actor filters name canonical actors, as a user types them.
    let names = searcher.canonical_names()?;
    let mut rng = SplitMix64(seed);
    let mut queries = Vec::with_capacity(n);
    let mut attempts = 0;
    while queries.len() < n && attempts < n * 50 {
        attempts += 1;
        let address = passages[(rng.next() % passages.len() as u64) as usize].2;
        let document: TantivyDocument = snapshot.doc(address)?;
        let text = document
            .get_first(fields.text)
            .and_then(|v| v.as_str())
            .unwrap_or("");
        let Some(mut query) = draw_query(text, &mut rng) else {
            continue;
        };
        let filter = rng.below(100);
        if filter < 15 {
            // The article's month, as `--from M --to M`.
            if let Some(at) = document
                .get_first(fields.date)
                .and_then(|v| v.as_datetime())
            {
                if let Some(start) = chrono::DateTime::from_timestamp(at.into_timestamp_secs(), 0)
                    .map(|d| d.naive_utc())
                {
                    let month = start.format("%Y-%m").to_string();
                    let today = chrono::Utc::now().date_naive();
                    if let Ok(bound) = parse_date_bound(&month, today) {
                        debug_assert_eq!(bound.precision, DatePrecision::Month);
                        query.from = Some(bound);
                        query.to = Some(bound);
                    }
                }
            }
        } else if filter < 25 {
            let actors: Vec<String> =
                column_actors(searcher, &snapshot, address, OrdField::Actor, Some(&names))?
                    .into_iter()
                    .map(|actor| actor.name)
                    .collect();
            if !actors.is_empty() {
                query.actor = Some(actors[rng.below(actors.len())].clone());
            }
        }
        queries.push(query);
    }
    Ok(queries)
}

/// Draws a query from a passage: 1, 2 or 3 distinct content words, or a 2- or 3-word phrase.
fn draw_query(text: &str, rng: &mut SplitMix64) -> Option<BenchQuery> {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    let content = |w: &str| {
        w.len() >= 3
            && w.chars().all(|c| c.is_alphabetic())
            && !STOP_WORDS.contains(&w.to_lowercase().as_str())
    };
    let kind = rng.below(10);
    let text = if kind >= 8 {
        // A phrase: consecutive clean words, starting and ending with a content word.
        let length = 2 + rng.below(2);
        let starts: Vec<usize> = (0..words.len().saturating_sub(length - 1))
            .filter(|&i| {
                words[i..i + length]
                    .iter()
                    .all(|w| !w.is_empty() && w.chars().all(|c| c.is_alphabetic()))
                    && content(words[i])
                    && content(words[i + length - 1])
            })
            .collect();
        if starts.is_empty() {
            return None;
        }
        let start = starts[rng.below(starts.len())];
        format!("\"{}\"", words[start..start + length].join(" "))
    } else {
        let want = match kind {
            0..=2 => 1,
            3..=5 => 2,
            _ => 3,
        };
        let mut pool: Vec<String> = Vec::new();
        for word in words.iter().filter(|w| content(w)) {
            let lower = word.to_lowercase();
            if !pool.contains(&lower) {
                pool.push(lower);
            }
        }
        if pool.len() < want {
            return None;
        }
        let mut chosen = Vec::with_capacity(want);
        for _ in 0..want {
            chosen.push(pool.swap_remove(rng.below(pool.len())));
        }
        chosen.join(" ")
    };
    Some(BenchQuery {
        text,
        ..BenchQuery::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let samples: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let latency = Latency::of(&samples);
        assert_eq!(latency.p50_ms, 50.0);
        assert_eq!(latency.p95_ms, 95.0);
        assert_eq!(latency.p99_ms, 99.0);
        assert_eq!(latency.max_ms, 100.0);
        assert!((latency.mean_ms - 50.5).abs() < 1e-9);
        assert_eq!(Latency::of(&[]), Latency::default());
    }

    #[test]
    fn splitmix64_is_fixed() {
        // The published first output of splitmix64 seeded with 0.
        assert_eq!(SplitMix64(0).next(), 0xe220_a839_7b1d_cdaf);
    }

    #[test]
    fn drawn_queries_come_from_the_passage() {
        let text = "Oil prices rose on Monday after the OPEC meeting in Vienna ended early.";
        let mut rng = SplitMix64(7);
        let mut phrases = 0;
        for _ in 0..200 {
            let Some(query) = draw_query(text, &mut rng) else {
                continue;
            };
            let bare = query.text.trim_matches('"');
            phrases += usize::from(query.text.starts_with('"'));
            for word in bare.split(' ') {
                assert!(text.to_lowercase().contains(&word.to_lowercase()), "{word}");
            }
            assert!((1..=3).contains(&bare.split(' ').count()), "{}", query.text);
        }
        assert!(phrases > 0);
    }
}
