//! Command line: flags as given (clap derive), then validated requests for the library.
//!
//! Exit codes follow grep and ripgrep: 0 when something was found or done, 1 when a search
//! found nothing, 2 on error (bad query, bad option, no index, index locked or from another
//! schema version). Errors are printed once, on one line, prefixed `newsdex:`.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::actors::ActorKind;
use crate::corpus::{self, parse_date_bound, ArticleDate, Item, ReadOptions};
use crate::error::{Error, Result};
use crate::explore::{self, BucketUnit};
use crate::indexer::{index_corpus, IndexOptions};
use crate::output::{self, TextStyle};
use crate::search::{SearchRequest, Searcher, SortOrder};

/// A search engine for news archives: ranked passages, actors and dates.
#[derive(Debug, Parser)]
#[command(
    name = "newsdex",
    version,
    about,
    max_term_width = 100,
    after_help = "Exit status: 0 when something was found (or indexed), 1 when a search found nothing, 2 on error."
)]
pub struct Cli {
    /// The index directory.
    #[arg(long, global = true, env = "NEWSDEX_INDEX", default_value = "index")]
    pub index: PathBuf,
    /// Your own actors and aliases (TSV: name, kind, alias|alias), on top of the built-in ones.
    #[arg(
        long = "actors",
        global = true,
        env = "NEWSDEX_ACTORS",
        value_name = "FILE"
    )]
    pub actors_file: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index article files (.txt, .jsonl, .jsonl.gz, .txt.gz) found under PATHs.
    ///
    /// Incremental: on an existing index only new and changed files are read (by size, mtime,
    /// then content hash of each line), changed JSONL lines re-index just their articles, and
    /// articles of deleted files or lines are removed; the index mirrors the PATHs given.
    /// An article is a file plus an id: the same id in two files is two articles; an id repeated
    /// in one file is reported with both lines, and the later line is the current version.
    /// Work is committed every --commit-mb of text: a killed run keeps what it committed and
    /// the next run completes it. Bad files and lines are warned about (file: line: problem)
    /// and skipped; `.txt` files over --max-file-mb and JSONL lines over --max-line-mb are
    /// skipped without being read into memory.
    Index(IndexArgs),
    /// Search the index and print the best passages.
    Search(SearchArgs),
    /// Print a whole article from the index.
    Show(ShowArgs),
    /// Print each article's parsed fields and actors as JSON lines (no index needed).
    Extract(ExtractArgs),
    /// Rank the actors of the matching articles.
    Actors(ActorsArgs),
    /// Count matching articles per day, week, month or year, with the best passage of each.
    Timeline(TimelineArgs),
    /// The actors that appear with an actor, in the same passage and the same article.
    Cooccur(CooccurArgs),
    /// Measure query latency (per phase, against bare tantivy) and throughput.
    Bench(crate::bench::BenchArgs),
    /// Print what the index holds: articles, passages, actors, dates, size.
    Stats(StatsArgs),
    /// Score the ranking on a BEIR-layout test collection (nDCG@10, MAP, recall@100).
    Eval(EvalArgs),
    /// Score the actor extractor: CoNLL-2003 mention spans and GUM article actor sets.
    EvalNer(EvalNerArgs),
    /// Train the name tagger on a CoNLL-2003 file and write its model.
    #[command(hide = true)]
    TrainNer(TrainNerArgs),
}

/// Calendar unit of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    /// Calendar days.
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// Actor kinds, for `--kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// People.
    Person,
    /// Organisations.
    Org,
    /// Countries.
    Country,
    /// Cities, regions and other places.
    Place,
}

/// `newsdex actors`.
#[derive(Debug, Args)]
pub struct ActorsArgs {
    /// Optional query: rank the actors of the articles that match it.
    pub query: Vec<String>,
    /// Date and actor filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Only actors of this kind.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// Number of actors.
    #[arg(long, default_value_t = 20)]
    pub top: usize,
    /// Print JSON lines.
    #[arg(long)]
    pub json: bool,
}

/// `newsdex timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// A known actor (name or alias), or else a query.
    #[arg(required = true)]
    pub target: Vec<String>,
    /// Bucket size.
    #[arg(long, value_enum, default_value_t = By::Month)]
    pub by: By,
    /// Date and actor filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Print JSON lines.
    #[arg(long)]
    pub json: bool,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// `newsdex cooccur`.
#[derive(Debug, Args)]
pub struct CooccurArgs {
    /// The actor (name or alias).
    pub actor: String,
    /// Only articles that also match this query.
    #[arg(long, short)]
    pub query: Option<String>,
    /// Date and actor filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Number of actors.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Leave out actors seen with ACTOR in fewer articles than this.
    #[arg(long, default_value_t = 2)]
    pub min_articles: u64,
    /// Print JSON lines.
    #[arg(long)]
    pub json: bool,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// `newsdex eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The collection: a directory with corpus.jsonl, queries.jsonl and qrels/SPLIT.tsv.
    pub dir: PathBuf,
    /// The qrels file to score (qrels/SPLIT.tsv; default: test, or the only one).
    #[arg(long)]
    pub split: Option<String>,
    /// Build the collection's index here and keep it (default: a temporary directory).
    #[arg(long, value_name = "DIR")]
    pub keep_index: Option<PathBuf>,
    /// Rank with RM3 pseudo-relevance feedback (10 articles, 10 terms, original weight 0.5).
    #[arg(long)]
    pub rm3: bool,
    /// Print the scores as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// `newsdex stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// `newsdex index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or directories to index.
    #[arg(default_value = "corpus")]
    pub paths: Vec<PathBuf>,
    /// Extra date format (chrono strftime, e.g. "%d/%m/%Y"), tried before the built-in forms.
    #[arg(long = "date-format", value_name = "FORMAT")]
    pub date_formats: Vec<String>,
    /// Indexing threads (default: one per core, at most 8).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Writer memory budget in MB per thread.
    #[arg(long, default_value_t = 128, value_parser = clap::value_parser!(u64).range(16..4000))]
    pub memory: u64,
    /// Skip `.txt` files larger than this many MB (without reading them).
    #[arg(long, default_value_t = 256)]
    pub max_file_mb: u64,
    /// Skip JSONL lines longer than this many MB (without holding more than that in memory).
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u64).range(1..4096))]
    pub max_line_mb: u64,
    /// Commit after every this many MB of article text, so that a killed run loses at most that.
    #[arg(long, default_value_t = 32, value_parser = clap::value_parser!(u64).range(1..))]
    pub commit_mb: u64,
    /// Rebuild from scratch instead of updating the index with new, changed and deleted files.
    #[arg(long)]
    pub rebuild: bool,
    /// Print no progress bar and no summary.
    #[arg(short, long)]
    pub quiet: bool,
}

/// How search results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// One JSON object per hit per line.
    Json,
    /// TREC run lines: `qid Q0 docid rank score newsdex`.
    Trec,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The unit a TREC run ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Unit {
    /// One line per article (its best passage's score).
    Article,
    /// One line per passage (`article_id#passage`).
    Passage,
}

/// The orders hits can be sorted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Sort {
    /// Best match first.
    Relevance,
    /// Newest first (`--reverse`: oldest first).
    Date,
}

/// Date and actor filters shared by the query commands.
#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    /// Only articles dated on or after DATE (2022, 2022-01, 2022-01-03, or 30d / 2w / 6m / 1y ago).
    #[arg(long, visible_alias = "since", value_name = "DATE")]
    pub from: Option<String>,
    /// Only articles dated on or before DATE (2022-01 runs to the end of January).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only articles that mention this actor (name or alias, any case); repeat for all of them.
    #[arg(long = "actor", value_name = "NAME")]
    pub actors: Vec<String>,
}

/// `newsdex search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words, "phrases", +must, -not, title:word, AND/OR/NOT. A query that starts
    /// with `-` goes in quotes with a space in it ('-Turkey NATO'), or after `--` with every
    /// option before the `--` (words after it are query words).
    pub query: Vec<String>,
    /// Date and actor filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Number of hits (at least 1; --count counts them all).
    #[arg(short = 'n', long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub limit: u64,
    /// Hits to skip (for paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// At most this many passages from one article.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..))]
    pub per_article: u64,
    /// Show N neighbouring passages before and after each hit.
    #[arg(short = 'C', long, default_value_t = 0)]
    pub context: usize,
    /// Print JSON lines (same as --format json).
    #[arg(long)]
    pub json: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Run every query in FILE (JSONL with `_id`/`id` and `text`, or `id<TAB>text`).
    #[arg(long, value_name = "FILE")]
    pub queries: Option<PathBuf>,
    /// What a TREC run ranks.
    #[arg(long, value_enum, default_value_t = Unit::Article)]
    pub unit: Unit,
    /// Print only the number of matching articles and passages.
    #[arg(short, long)]
    pub count: bool,
    /// Print only the files of matching articles.
    #[arg(short = 'l', long)]
    pub files_with_matches: bool,
    /// Sort order.
    #[arg(long, value_enum, default_value_t = Sort::Relevance)]
    pub sort: Sort,
    /// Reverse a date sort (oldest first).
    #[arg(long)]
    pub reverse: bool,
    /// Also print the top actors and the date histogram of the whole match set.
    #[arg(long)]
    pub facets: bool,
    /// Favour recent articles: score × (1 + 2^(−age/HALF_LIFE)), age from the index's newest
    /// article (e.g. 30d, 2w, 6m, 1y).
    #[arg(long, value_name = "HALF_LIFE", value_parser = crate::search::rank::Recency::parse)]
    pub recency: Option<crate::search::rank::Recency>,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// `newsdex show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article's id (its file name without `.txt`, or its JSONL id).
    pub article_id: String,
    /// The source file, when several files hold the id.
    #[arg(long)]
    pub path: Option<String>,
    /// Highlight the words of this query.
    #[arg(short, long, default_value = "")]
    pub query: String,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// `newsdex extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or directories to read.
    #[arg(default_value = "corpus")]
    pub paths: Vec<PathBuf>,
    /// Extra date format (chrono strftime).
    #[arg(long = "date-format", value_name = "FORMAT")]
    pub date_formats: Vec<String>,
}

/// `newsdex eval-ner`.
#[derive(Debug, Args)]
pub struct EvalNerArgs {
    /// CoNLL-2003 file to score mention spans against (e.g. ../shared/data/ner/conll2003/valid.txt).
    #[arg(long, value_name = "FILE")]
    pub conll: Option<PathBuf>,
    /// Directory of GUM .conllu news files to score article actor sets against.
    #[arg(long, value_name = "DIR")]
    pub gum: Option<PathBuf>,
    /// Tagger model to use instead of the built-in one (from `train-ner`).
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
}

/// `newsdex train-ner`.
#[derive(Debug, Args)]
pub struct TrainNerArgs {
    /// CoNLL-2003 training file.
    pub train: PathBuf,
    /// Where to write the model (gzip).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Training passes.
    #[arg(long, default_value_t = 10)]
    pub epochs: usize,
    /// Documents kept apart from training and scored after each pass.
    #[arg(long, default_value_t = 0)]
    pub holdout: usize,
}

/// How a command ended, as grep and ripgrep report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Something was found or done (exit 0).
    Found,
    /// A search found nothing (exit 1).
    NothingFound,
}

/// Exit code for an error (2).
pub const EXIT_ERROR: u8 = 2;

/// Parses the command line, runs the command and maps the result to an exit code.
pub fn main() -> ExitCode {
    // A bug must still read as one line, not a stack trace; where the indexer can recover
    // from one (a single article), it does and warns.
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let message: String = message.chars().take(200).collect();
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("newsdex: internal error{location}: {message}");
    }));
    let cli = Cli::parse_from(quote_hyphen_queries(std::env::args_os()));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(cli)));
    let Ok(outcome) = outcome else {
        // The hook above has printed the one line; exit as for any other error.
        return ExitCode::from(EXIT_ERROR);
    };
    match outcome {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("newsdex: {err:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Marks as text, not options, the arguments that start with one `-` and hold a space:
/// `search '-Turkey NATO'` is a query, while no option or cluster of short options has a space.
/// A leading space keeps clap from reading them as options; the query parser ignores it.
/// Arguments after `--` are left alone (they are words already).
pub fn quote_hyphen_queries(
    args: impl IntoIterator<Item = std::ffi::OsString>,
) -> Vec<std::ffi::OsString> {
    let mut after_double_dash = false;
    args.into_iter()
        .map(|arg| {
            let Some(text) = arg.to_str() else {
                return arg;
            };
            if text == "--" {
                after_double_dash = true;
            }
            let looks_like_words = text.starts_with('-')
                && !text.starts_with("--")
                && text.contains(char::is_whitespace);
            if looks_like_words && !after_double_dash {
                format!(" {text}").into()
            } else {
                arg
            }
        })
        .collect()
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || matches!(cause.downcast_ref::<Error>(), Some(Error::Io { source, .. }) if source.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    if let Some(path) = &cli.actors_file {
        crate::actors::load_user_file(path)?;
    }
    match cli.command {
        Command::Index(args) => run_index(&cli.index, args),
        Command::Search(args) => run_search(&cli.index, args),
        Command::Show(args) => run_show(&cli.index, args),
        Command::Extract(args) => run_extract(args),
        Command::Actors(args) => run_actors(&cli.index, args),
        Command::Timeline(args) => run_timeline(&cli.index, args),
        Command::Cooccur(args) => run_cooccur(&cli.index, args),
        Command::Bench(args) => crate::bench::run(&cli.index, &args).map(|()| Outcome::Found),
        Command::Stats(args) => run_stats(&cli.index, args),
        Command::Eval(args) => run_eval(args),
        Command::EvalNer(args) => run_eval_ner(args),
        Command::TrainNer(args) => {
            let report =
                crate::actors::eval::train(&args.train, &args.out, args.epochs, args.holdout)?;
            print!("{report}");
            Ok(Outcome::Found)
        }
    }
}

fn run_index(index_dir: &Path, args: IndexArgs) -> anyhow::Result<Outcome> {
    let mut options = IndexOptions::new(index_dir.to_path_buf());
    if let Some(threads) = args.threads {
        options.threads = threads.clamp(1, 64);
    }
    options.memory_bytes = (args.memory as usize) * 1024 * 1024 * options.threads;
    options.read = ReadOptions {
        date_formats: args.date_formats,
        max_file_bytes: args.max_file_mb * 1024 * 1024,
        max_line_bytes: (args.max_line_mb as usize) * 1024 * 1024,
    };
    options.rebuild = args.rebuild;
    options.commit_bytes = args.commit_mb * 1024 * 1024;
    options.progress = !args.quiet && io::stderr().is_terminal();
    let report = |warning: &corpus::Warning| eprintln!("newsdex: warning: {warning}");
    let before = crate::actors::user::read_record(index_dir);
    let now = crate::actors::user::provenance();
    if let Some(change) = before
        .as_ref()
        .and_then(|old| crate::actors::user::describe_change(old, &now))
    {
        // Unchanged files would keep their old passages and actors: redo every article.
        eprintln!("newsdex: {change} changed since the last index: rebuilding it");
        options.rebuild = true;
    }
    let summary = index_corpus(&args.paths, &options, &report)?;
    crate::actors::user::write_record(index_dir)?;
    if !args.quiet {
        let mut out = io::stdout().lock();
        output::write_index_summary(&mut out, &summary, &index_dir.display().to_string())?;
    }
    Ok(Outcome::Found)
}

fn run_stats(index_dir: &Path, args: StatsArgs) -> anyhow::Result<Outcome> {
    let stats = crate::stats::index_stats(index_dir)?;
    let mut out = io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &stats)?;
        writeln!(out)?;
    } else {
        crate::stats::write_stats_text(&mut out, &stats)?;
    }
    Ok(Outcome::Found)
}

fn color_enabled(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}

/// Turns `--from`/`--to`/`--actor` into the request's filters.
fn apply_filters(request: &mut SearchRequest, filters: &FilterArgs) -> Result<()> {
    let today = chrono::Utc::now().date_naive();
    let bound = |flag: &str, text: &str| -> Result<ArticleDate> {
        parse_date_bound(text, today).map_err(|err| Error::Usage(format!("--{flag}: {err}")))
    };
    request.from = filters
        .from
        .as_deref()
        .map(|t| bound("from", t))
        .transpose()?;
    request.to = filters.to.as_deref().map(|t| bound("to", t)).transpose()?;
    request.actors = filters.actors.clone();
    Ok(())
}

fn run_search(index_dir: &Path, args: SearchArgs) -> anyhow::Result<Outcome> {
    let format = if args.json { Format::Json } else { args.format };
    let searcher = Searcher::open(index_dir)?;
    if !args.filters.actors.is_empty() {
        crate::actors::user::load_recorded_user_file(index_dir);
    }
    let mut request = SearchRequest {
        query: args.query.join(" "),
        limit: args.limit as usize,
        offset: args.offset,
        per_article: args.per_article as usize,
        context: args.context,
        sort: match (args.sort, args.reverse) {
            (Sort::Relevance, _) => SortOrder::Auto,
            (Sort::Date, false) => SortOrder::DateNewest,
            (Sort::Date, true) => SortOrder::DateOldest,
        },
        recency: args.recency,
        ..SearchRequest::default()
    };
    apply_filters(&mut request, &args.filters)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());

    if let Some(file) = &args.queries {
        let queries = crate::queries::read_queries(file)?;
        if args.unit == Unit::Article {
            request.per_article = 1;
        }
        let mut any = false;
        for (id, text) in queries {
            request.query = text;
            let results = match searcher.search(&request) {
                Ok(results) => results,
                Err(Error::Query(message)) => {
                    eprintln!("newsdex: warning: query {id}: {message}");
                    continue;
                }
                Err(err) => return Err(err.into()),
            };
            any |= !results.hits.is_empty();
            match format {
                Format::Trec | Format::Text => {
                    output::write_trec(&mut out, &id, &results.hits, args.unit == Unit::Passage)?
                }
                Format::Json => {
                    for hit in &results.hits {
                        output::write_hit_json(&mut out, hit)?;
                    }
                }
            }
        }
        out.flush()?;
        return Ok(if any {
            Outcome::Found
        } else {
            Outcome::NothingFound
        });
    }

    if args.count {
        let counts = searcher.count(&request)?;
        if format == Format::Json {
            serde_json::to_writer(&mut out, &counts)?;
            writeln!(out)?;
        } else {
            writeln!(
                out,
                "{}, {}",
                output::plural(counts.articles, "article"),
                output::plural(counts.passages, "passage")
            )?;
        }
        out.flush()?;
        return Ok(found(counts.articles > 0));
    }

    if args.files_with_matches {
        let counts = searcher.count(&request)?;
        request.limit = counts.articles as usize;
        request.offset = 0;
        request.per_article = 1;
        request.context = 0;
        let results = searcher.search(&request)?;
        let mut seen = std::collections::HashSet::new();
        for hit in &results.hits {
            if seen.insert(hit.path.as_str()) {
                writeln!(out, "{}", hit.path)?;
            }
        }
        out.flush()?;
        return Ok(found(!results.hits.is_empty()));
    }

    let results = searcher.search(&request)?;
    let style = TextStyle {
        color: color_enabled(args.color),
    };
    for hit in &results.hits {
        match format {
            Format::Text => output::write_hit_text(&mut out, hit, style)?,
            Format::Json => output::write_hit_json(&mut out, hit)?,
            Format::Trec => output::write_trec(&mut out, "1", std::slice::from_ref(hit), false)?,
        }
    }
    if args.facets && !results.hits.is_empty() {
        let facets = explore::facets(&searcher, &request, 5)?;
        match format {
            Format::Json => {
                serde_json::to_writer(&mut out, &serde_json::json!({ "facets": facets }))?;
                writeln!(out)?;
            }
            _ => output::write_facets_text(&mut out, &facets)?,
        }
    }
    out.flush()?;
    if results.hits.is_empty() && format == Format::Text {
        eprintln!("newsdex: no matches");
    }
    Ok(found(!results.hits.is_empty()))
}

fn run_actors(index_dir: &Path, args: ActorsArgs) -> anyhow::Result<Outcome> {
    let searcher = Searcher::open(index_dir)?;
    let mut request = SearchRequest {
        query: args.query.join(" "),
        ..SearchRequest::default()
    };
    apply_filters(&mut request, &args.filters)?;
    let kind = args.kind.map(|k| match k {
        KindArg::Person => ActorKind::Person,
        KindArg::Org => ActorKind::Org,
        KindArg::Country => ActorKind::Country,
        KindArg::Place => ActorKind::Place,
    });
    let actors = explore::top_actors(&searcher, &request, kind, args.top)?;
    let mut out = BufWriter::new(io::stdout().lock());
    if args.json {
        for actor in &actors {
            serde_json::to_writer(&mut out, actor)?;
            writeln!(out)?;
        }
    } else {
        output::write_actor_counts(&mut out, &actors)?;
    }
    out.flush()?;
    Ok(found(!actors.is_empty()))
}

fn run_timeline(index_dir: &Path, args: TimelineArgs) -> anyhow::Result<Outcome> {
    let searcher = Searcher::open(index_dir)?;
    let mut request = SearchRequest::default();
    apply_filters(&mut request, &args.filters)?;
    let target = args.target.join(" ");
    // A known actor means that actor; anything else is a query.
    let known = searcher.known_actors()?;
    let label = match crate::search::resolve_actor(&target, known) {
        Ok(actors) => {
            request.actors.push(target.clone());
            format!("mentioning {}", actors[0].name)
        }
        Err(_) => {
            request.query = target.clone();
            format!("matching \"{target}\"")
        }
    };
    let unit = match args.by {
        By::Day => BucketUnit::Day,
        By::Week => BucketUnit::Week,
        By::Month => BucketUnit::Month,
        By::Year => BucketUnit::Year,
    };
    let timeline = explore::timeline(&searcher, &request, unit)?;
    let mut out = BufWriter::new(io::stdout().lock());
    if args.json {
        for bucket in &timeline.buckets {
            output::write_bucket_json(&mut out, bucket)?;
        }
    } else {
        let style = TextStyle {
            color: color_enabled(args.color),
        };
        output::write_timeline_text(&mut out, &timeline, &label, style)?;
    }
    out.flush()?;
    Ok(found(timeline.buckets.iter().any(|b| b.count > 0)))
}

fn run_cooccur(index_dir: &Path, args: CooccurArgs) -> anyhow::Result<Outcome> {
    let searcher = Searcher::open(index_dir)?;
    let mut request = SearchRequest {
        query: args.query.unwrap_or_default(),
        ..SearchRequest::default()
    };
    apply_filters(&mut request, &args.filters)?;
    let rows = explore::cooccur(
        &searcher,
        &args.actor,
        &request,
        args.top,
        args.min_articles,
    )?;
    let mut out = BufWriter::new(io::stdout().lock());
    if args.json {
        for row in &rows {
            output::write_cooccurrence_json(&mut out, row)?;
        }
    } else {
        let style = TextStyle {
            color: color_enabled(args.color),
        };
        output::write_cooccurrence_text(&mut out, &args.actor, &rows, style)?;
    }
    out.flush()?;
    Ok(found(!rows.is_empty()))
}

fn found(any: bool) -> Outcome {
    if any {
        Outcome::Found
    } else {
        Outcome::NothingFound
    }
}

fn run_show(index_dir: &Path, args: ShowArgs) -> anyhow::Result<Outcome> {
    let searcher = Searcher::open(index_dir)?;
    let article = searcher.show(&args.article_id, args.path.as_deref(), &args.query)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer(&mut out, &article)?;
        writeln!(out)?;
    } else {
        let style = TextStyle {
            color: color_enabled(args.color),
        };
        output::write_article_text(&mut out, &article, style)?;
    }
    out.flush()?;
    Ok(Outcome::Found)
}

fn run_eval(args: EvalArgs) -> anyhow::Result<Outcome> {
    let report = crate::eval::evaluate(&crate::eval::EvalOptions {
        dir: args.dir,
        split: args.split,
        index_dir: args.keep_index,
        feedback: args.rm3.then(crate::search::rank::Feedback::default),
    })?;
    let mut out = io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", crate::eval::format_report(&report))?;
    }
    Ok(Outcome::Found)
}

fn run_extract(args: ExtractArgs) -> anyhow::Result<Outcome> {
    let walk = corpus::walk(&args.paths);
    for warning in &walk.warnings {
        eprintln!("newsdex: warning: {warning}");
    }
    let options = ReadOptions {
        date_formats: args.date_formats,
        ..ReadOptions::default()
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut articles = 0u64;
    let mut failure: Option<io::Error> = None;
    for (path, _) in &walk.files {
        corpus::read_file(path, &options, &mut |item| match item {
            Item::Warning(warning) => eprintln!("newsdex: warning: {warning}"),
            Item::Article(article, warning) => {
                if let Some(warning) = warning {
                    eprintln!("newsdex: warning: {warning}");
                }
                if failure.is_some() {
                    return;
                }
                articles += 1;
                let actors = crate::actors::extract_actors(&article.title, &article.body);
                let line = serde_json::json!({
                    "id": article.id,
                    "path": article.path,
                    "line": article.line,
                    "date": article.date.map(|d| d.to_rfc3339()),
                    "title": article.title,
                    "body": article.body,
                    "actors": actors,
                });
                if let Err(err) = serde_json::to_writer(&mut out, &line)
                    .map_err(io::Error::from)
                    .and_then(|_| writeln!(out))
                {
                    failure = Some(err);
                }
            }
        });
        if failure.is_some() {
            break;
        }
    }
    if let Some(err) = failure {
        return Err(err.into());
    }
    out.flush()?;
    Ok(found(articles > 0))
}

fn run_eval_ner(args: EvalNerArgs) -> anyhow::Result<Outcome> {
    if args.conll.is_none() && args.gum.is_none() {
        return Err(Error::Usage("eval-ner: give --conll FILE and/or --gum DIR".into()).into());
    }
    if let Some(model) = &args.model {
        crate::actors::use_model_file(model)?;
    }
    let report = crate::actors::eval::evaluate(args.conll.as_deref(), args.gum.as_deref())?;
    print!("{report}");
    Ok(Outcome::Found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
