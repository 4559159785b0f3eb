//! Every flag of the command line, as clap parses it, with its help text: the first of the two
//! steps. Nothing here decides anything; the command modules validate these into requests.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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

/// The subcommands. Each one's flags are built only when it is the one run (or its help is
/// shown): building all of them was an eighth of a one-shot search's instructions. A command's
/// help text is its variant's doc comment here; the flag structs' own docs are written
/// `#[doc = concat!(..)]`, which clap does not read, since a deferred struct's doc comment
/// would replace the variant's text.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
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
    /// What an actor said: its quotations, one a line, by relevance to QUERY or newest first.
    Quotes(QuotesArgs),
    /// Count matching articles per day, week, month or year, with the best passage of each.
    Timeline(TimelineArgs),
    /// Rank the sources (outlets, sites, files) of the matching articles.
    Sources(SourcesArgs),
    /// List the groups of copies: articles that are one story (reprints, re-sent wires, one
    /// statement published twice), largest group first.
    ///
    /// With a query or filters, only the groups with a member that matches. Groups are
    /// settled by `newsdex index` (word 5-shingles, MinHash and LSH; see README, "Copies").
    Copies(CopiesArgs),
    /// The actors that appear with an actor, in the same passage and the same article.
    Cooccur(CooccurArgs),
    /// Correct the actor facet: merge two actors, drop a non-actor, or set an actor's kind.
    ///
    /// The correction is appended to the index's corrections file and applies at once to
    /// actors, search --actor, timeline, cooccur and --facets, without indexing again.
    #[command(subcommand)]
    Correct(CorrectCommand),
    /// Measure query latency (per phase, against bare tantivy) and throughput.
    Bench(BenchArgs),
    /// Print what the index holds: articles, passages, actors, dates, size.
    Stats(StatsArgs),
    /// Serve the index as a web page and a JSON API, on this machine only unless --bind says
    /// otherwise; prints the page's address first. Read-only; Ctrl-C stops it.
    Serve(ServeArgs),
    /// Write the index's articles or passages (all, or those matching) for another engine:
    /// Quickwit, Elasticsearch/OpenSearch, or JSON lines that `newsdex index` reads back.
    ///
    /// DIR is created whole at the end or not at all; it must not exist, or be empty.
    /// See README, "Past one machine".
    Export(ExportArgs),
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

#[doc = concat!("`newsdex quotes`.")]
#[derive(Debug, Args)]
pub struct QuotesArgs {
    /// The speaker (name or alias).
    pub actor: String,
    /// Optional query: the quotations of the passages that match it, best first.
    pub query: Vec<String>,
    /// Date and actor filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Number of quotations.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Print JSON lines.
    #[arg(long)]
    pub json: bool,
}

#[doc = concat!("`newsdex actors`.")]
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
    /// Also list the other names merged into each actor, with the articles that use each.
    #[arg(long)]
    pub aliases: bool,
    /// Count each story once: the copies of one article (see `newsdex copies`) count as one.
    #[arg(long)]
    pub stories: bool,
    /// Rank who is quoted most instead: the speakers of the quotations in the matching
    /// passages, with their quotations and articles.
    #[arg(long, conflicts_with_all = ["aliases", "stories"])]
    pub quoted: bool,
    /// How the list is printed.
    #[command(flatten)]
    pub output: ListOutputArgs,
}

#[doc = concat!("`newsdex sources`.")]
#[derive(Debug, Args)]
pub struct SourcesArgs {
    /// Optional query: rank the sources of the articles that match it.
    pub query: Vec<String>,
    /// Date, actor and source filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Number of sources.
    #[arg(long, default_value_t = 20)]
    pub top: usize,
    /// How the list is printed.
    #[command(flatten)]
    pub output: ListOutputArgs,
}

#[doc = concat!("`newsdex copies`.")]
#[derive(Debug, Args)]
pub struct CopiesArgs {
    /// Optional query: only the groups with a member that matches it.
    pub query: Vec<String>,
    /// Date, actor, source and language filters (a group is listed when a member passes).
    #[command(flatten)]
    pub filters: FilterArgs,
    /// How the list is printed.
    #[command(flatten)]
    pub output: ListOutputArgs,
}

/// `newsdex correct`: one correction to the actor facet.
#[derive(Debug, Subcommand)]
pub enum CorrectCommand {
    /// ALIAS (and every form merged into it) becomes a form of NAME.
    Merge {
        /// The actor that stays (canonical name or any form).
        name: String,
        /// The actor merged into it.
        alias: String,
    },
    /// NAME is not an actor: never listed, never matched.
    NotActor {
        /// The name (canonical name or any form).
        name: String,
    },
    /// NAME is an actor of KIND.
    Kind {
        /// The name (canonical name or any form).
        name: String,
        /// Its kind.
        #[arg(value_enum)]
        kind: KindArg,
    },
}

#[doc = concat!("`newsdex timeline`.")]
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// A known actor (name or alias), or else a query.
    #[arg(required = true)]
    pub target: Vec<String>,
    /// Bucket size.
    #[arg(long, value_enum, default_value_t = By::Month)]
    pub by: By,
    /// Count each story once: the copies of one article (see `newsdex copies`) count as one.
    #[arg(long)]
    pub stories: bool,
    /// Date and actor filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// How the list is printed.
    #[command(flatten)]
    pub output: ListOutputArgs,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[doc = concat!("`newsdex cooccur`.")]
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
    /// Count each story once: the copies of one article (see `newsdex copies`) count as one.
    #[arg(long)]
    pub stories: bool,
    /// How the list is printed.
    #[command(flatten)]
    pub output: ListOutputArgs,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[doc = concat!("`newsdex eval`.")]
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

#[doc = concat!("`newsdex serve`.")]
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on. 0.0.0.0 (or ::) lets any machine that can reach this one
    /// read the whole index, with no password: choose it only on a network you trust.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// The port (0: any free port; the address printed says which).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Longest a request may run, in milliseconds, before it is answered with an error.
    #[arg(long, value_name = "MS", default_value_t = 10_000)]
    pub time_limit_ms: u64,
}

/// The engine an export is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportTo {
    /// Quickwit 0.9: index-config.yaml and NDJSON files of at most 10 MB.
    Quickwit,
    /// Elasticsearch or OpenSearch: mapping.json and _bulk NDJSON files.
    Elasticsearch,
    /// articles-NNNN.jsonl, which `newsdex index` reads back to the same articles.
    Jsonl,
}

#[doc = concat!("`newsdex export`.")]
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Optional query: export only what matches it.
    pub query: Vec<String>,
    /// The engine to write for.
    #[arg(long, value_enum)]
    pub to: ExportTo,
    /// The directory to write (must not exist, or be empty).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// One document per article or per passage (jsonl: always articles).
    #[arg(long, value_enum, default_value_t = Unit::Article)]
    pub unit: Unit,
    /// The index name written into the index config or used in the bulk actions.
    #[arg(long, default_value = "newsdex")]
    pub index_id: String,
    /// Date, actor, source and language filters.
    #[command(flatten)]
    pub filters: FilterArgs,
}

#[doc = concat!("`newsdex stats`.")]
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[doc = concat!(
    "What `index` and `extract` read, and how: the inputs, date formats, field mapping and",
    " size limits (one set of options, so that both commands read a file alike).",
)]
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Files or directories to read.
    #[arg(default_value = "corpus")]
    pub paths: Vec<PathBuf>,
    /// Extra date format (chrono strftime, e.g. "%d/%m/%Y"), tried before the built-in forms.
    #[arg(long = "date-format", value_name = "FORMAT")]
    pub date_formats: Vec<String>,
    /// Which CSV column or JSON key holds a field: ROLE=NAME, ROLE one of id, title, date,
    /// body, source; NAME a column or key (any case) or a dotted path (source=source.name).
    /// Repeatable. `index` records it for the next runs; ROLE= goes back to the default names.
    #[arg(long = "field", value_name = "ROLE=NAME")]
    pub fields: Vec<String>,
    /// Skip `.txt` files larger than this many MB (without reading them).
    #[arg(long, default_value_t = 256)]
    pub max_file_mb: u64,
    /// Skip JSONL lines longer than this many MB (without holding more than that in memory).
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u64).range(1..4096))]
    pub max_line_mb: u64,
}

#[doc = concat!("`newsdex index`.")]
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// The inputs and how to read them.
    #[command(flatten)]
    pub read: ReadArgs,
    /// Indexing threads (default: one per core, at most 8).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Writer memory budget in MB per thread.
    #[arg(long, default_value_t = 128, value_parser = clap::value_parser!(u64).range(16..4000))]
    pub memory: u64,
    /// Commit after every this many MB of article text, so that a killed run loses at most that.
    #[arg(long, default_value_t = 32, value_parser = at_least_one)]
    pub commit_mb: u64,
    /// Rebuild from scratch instead of updating the index with new, changed and deleted files.
    #[arg(long)]
    pub rebuild: bool,
    /// Print no progress bar and no summary.
    #[arg(short, long)]
    pub quiet: bool,
}

/// What `newsdex bench` measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScenarioArg {
    /// Query latency of the search path, phase by phase, against bare tantivy.
    Search,
    /// stats, actors, timeline, cooccur and search --facets in process, against a search.
    Explore,
    /// Whole processes: search, the exploration commands, the process floor, quest.
    Oneshot,
    /// Indexing CPU of newsdex against bare tantivy on the articles under PATHs.
    Indexing,
}

#[doc = concat!("`newsdex bench`.")]
#[derive(Debug, Clone, Args)]
pub struct BenchArgs {
    /// What to measure.
    #[arg(long, value_enum, default_value = "search")]
    pub scenario: ScenarioArg,
    /// Article files and folders to index (`--scenario indexing`).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The actor timeline and cooccur are given (explore, oneshot; default: the most mentioned).
    #[arg(long, value_name = "NAME")]
    pub actor: Option<String>,
    /// The process floor of oneshot: a hello-world binary of the same build profile (default:
    /// examples/floor beside this binary, else /bin/true).
    #[arg(long, value_name = "PROGRAM")]
    pub floor: Option<PathBuf>,
    /// A Xapian database: oneshot also times `quest -d DB QUERY` on the same queries.
    #[arg(long, value_name = "DB")]
    pub quest_db: Option<PathBuf>,
    /// Queries to run, one per line (or JSONL with `text`, or `id<TAB>text`, as `search
    /// --queries` reads them).
    #[arg(long, value_name = "FILE", conflicts_with = "sample")]
    pub queries: Option<PathBuf>,
    /// Sample N queries from the index's own passages (fixed seed); the default is 200.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..1_000_000))]
    pub sample: Option<u64>,
    /// Seed of `--sample`.
    #[arg(long, default_value_t = crate::bench::DEFAULT_SEED)]
    pub seed: u64,
    /// Untimed passes over all queries after the first (cold) pass.
    #[arg(long, default_value_t = 1)]
    pub warmup: usize,
    /// Timed passes over all queries.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..10_000))]
    pub runs: u64,
    /// Searchers running queries at once on the one index (throughput under load).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=256))]
    pub threads: u64,
    /// Hits per query (top K).
    #[arg(short = 'n', long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..100_000))]
    pub limit: u64,
    /// Print one JSON object with every figure.
    #[arg(long)]
    pub json: bool,
}

impl BenchArgs {
    /// The library's options for these flags.
    pub fn options(&self) -> crate::bench::BenchOptions {
        use crate::bench::Scenario;
        crate::bench::BenchOptions {
            scenario: match self.scenario {
                ScenarioArg::Search => Scenario::Search,
                ScenarioArg::Explore => Scenario::Explore,
                ScenarioArg::Oneshot => Scenario::Oneshot,
                ScenarioArg::Indexing => Scenario::Indexing,
            },
            actor: self.actor.clone(),
            floor: self.floor.clone(),
            quest_db: self.quest_db.clone(),
            inputs: self.paths.clone(),
            queries: self.queries.clone(),
            sample: self.sample,
            seed: self.seed,
            warmup: self.warmup,
            runs: self.runs,
            threads: self.threads,
            limit: self.limit,
            json: self.json,
        }
    }
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
    /// CSV with a header row: the JSON fields flattened, one column each (see README).
    Csv,
    /// TSV with a header row: as CSV, tab-separated.
    Tsv,
}

#[doc = concat!("`--json` and `--format`, shared by every command that prints a list.")]
#[derive(Debug, Args)]
pub struct ListOutputArgs {
    /// Print JSON lines (same as --format json).
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Output format: text, JSON lines, or CSV/TSV with a header row (columns in README).
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

impl ListOutputArgs {
    /// The format asked for, `--json` being `--format json`.
    pub fn format(&self) -> ListFormat {
        if self.json {
            ListFormat::Json
        } else {
            self.format
        }
    }
}

/// How a list (actors, sources, timeline buckets, co-occurrences, groups of copies) is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// For people.
    Text,
    /// One JSON object per line.
    Json,
    /// CSV with a header row: the JSON fields flattened, one column each (see README).
    Csv,
    /// TSV with a header row: as CSV, tab-separated.
    Tsv,
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

#[doc = concat!("Date and actor filters shared by the query commands.")]
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
    /// Only passages holding a quotation or speaker turn by this actor (name or alias);
    /// repeat for any of them.
    #[arg(long = "said-by", value_name = "NAME")]
    pub said_by: Vec<String>,
    /// Only articles from this source (outlet, site or file: see `newsdex sources`; any
    /// case); repeat for any of them.
    #[arg(long = "source", value_name = "NAME")]
    pub sources: Vec<String>,
    /// Only articles in this language (ISO 639-1 code: en, de, uk...; see `newsdex stats`);
    /// repeat for any of them.
    #[arg(long = "lang", value_name = "CODE")]
    pub languages: Vec<String>,
}

#[doc = concat!("`newsdex search`.")]
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("whole").args(["queries", "all"])))]
pub struct SearchArgs {
    /// The query: words, "phrases", +must, -not, title:word, AND/OR/NOT. A query that starts
    /// with `-` goes in quotes with a space in it ('-Turkey NATO'), or after `--` with every
    /// option before the `--` (words after it are query words).
    pub query: Vec<String>,
    /// Date and actor filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Number of hits (at least 1; --count counts them all).
    #[arg(short = 'n', long, default_value_t = 10, value_parser = at_least_one)]
    pub limit: u64,
    /// Hits to skip (for paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// At most this many passages from one article.
    #[arg(long, default_value_t = 1, value_parser = at_least_one)]
    pub per_article: u64,
    /// Show N neighbouring passages before and after each hit.
    #[arg(short = 'C', long, default_value_t = 0)]
    pub context: usize,
    // The output flags choose one output each: a pair that chooses two is a usage error (clap
    // `conflicts_with`), never a silent precedence. Defaults do not count as given.
    /// Print JSON lines (same as --format json).
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Run every query in FILE (JSONL with `_id`/`id` and `text`, or `id<TAB>text`).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["facets", "all"])]
    pub queries: Option<PathBuf>,
    /// Print every matching passage (with --unit article, every matching article, by its first
    /// matching passage) in index order, not ranked, copies not folded, as they are found:
    /// for exporting result sets of any size (--format csv or json).
    #[arg(long, conflicts_with_all = ["facets", "offset", "context", "sort", "recency"])]
    pub all: bool,
    /// What a TREC run of --queries ranks (default: article), or what --all lists (default:
    /// passage).
    #[arg(long, value_enum, requires = "whole")]
    pub unit: Option<Unit>,
    /// Print only the number of matching articles and passages.
    #[arg(short, long, conflicts_with_all = ["files_with_matches", "queries", "facets", "all"])]
    pub count: bool,
    /// Print only the files of matching articles.
    #[arg(short = 'l', long, conflicts_with_all = ["queries", "facets", "json", "format", "all"])]
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
    /// With --facets, count each story once: the copies of one article count as one.
    #[arg(long, requires = "facets")]
    pub stories: bool,
    /// Show every copy of a story as its own hit (by default the copies of one article are
    /// folded under its best-ranked one, as "+N copies").
    #[arg(long)]
    pub all_copies: bool,
    /// Favour recent articles: score × (1 + 2^(−age/HALF_LIFE)), age from the index's newest
    /// article (e.g. 30d, 2w, 6m, 1y).
    #[arg(long, value_name = "HALF_LIFE", value_parser = crate::search::rank::Recency::parse)]
    pub recency: Option<crate::search::rank::Recency>,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[doc = concat!("`newsdex show`.")]
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

#[doc = concat!("`newsdex extract`.")]
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The inputs and how to read them (as for `index`).
    #[command(flatten)]
    pub read: ReadArgs,
}

#[doc = concat!("`newsdex eval-ner`.")]
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

#[doc = concat!("`newsdex train-ner`.")]
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

/// A count that must be 1 or more (`--limit`, `--per-article`, `--commit-mb`): 0 would ask
/// for nothing and look like "no matches".
fn at_least_one(text: &str) -> Result<u64, String> {
    match text.parse::<u64>() {
        Ok(0) => Err("must be at least 1".to_string()),
        Ok(n) => Ok(n),
        Err(err) => Err(err.to_string()),
    }
}
