//! `search` and `show`. `search`'s flags become one [`SearchConfig`] in one place: the request
//! and the output mode (hits as text, JSON or TREC; counts; files; a query file), decided
//! once; running it is then one `match` on the mode.

use std::collections::HashSet;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::args::{Format, SearchArgs, ShowArgs, Sort, Unit};
use super::{apply_filters, color_enabled, found, Outcome};
use crate::error::{Error, Result};
use crate::explore;
use crate::output::{self, TextStyle};
use crate::search::{SearchRequest, Searcher, SortOrder};

/// What `search` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchMode {
    /// The ranked hits, and with `facets` the facets of the whole match set.
    Hits {
        /// Text, JSON lines or TREC lines.
        format: Format,
        /// Whether to add the facet summary.
        facets: bool,
        /// Whether text is coloured.
        color: bool,
    },
    /// Only the number of matching articles and passages (`--count`).
    Count {
        /// One JSON object instead of a line of text.
        json: bool,
    },
    /// Only the file of each matching article, once (`--files-with-matches`).
    FilesWithMatches,
    /// Every query of a file (`--queries`), as TREC lines or JSON lines.
    QueryFile {
        /// The query file.
        path: PathBuf,
        /// JSON lines instead of TREC lines.
        json: bool,
        /// One line per article or per passage.
        unit: Unit,
    },
}

/// A validated `search`: the request for the library and what to print.
#[derive(Debug, Clone)]
pub struct SearchConfig {
    /// The query, filters, paging and order.
    pub request: SearchRequest,
    /// What to print.
    pub mode: SearchMode,
}

impl SearchConfig {
    /// Validates `search`'s flags. The one place that decides the output mode: `--queries`
    /// first, then `--count`, then `--files-with-matches`, else hits in `--format` (`--json`
    /// is `--format json`).
    pub fn from_args(args: &SearchArgs) -> Result<SearchConfig> {
        let format = if args.json { Format::Json } else { args.format };
        let mut request = SearchRequest {
            query: args.query.join(" "),
            limit: usize::try_from(args.limit).unwrap_or(usize::MAX),
            offset: args.offset,
            per_article: usize::try_from(args.per_article).unwrap_or(usize::MAX),
            context: args.context,
            sort: match (args.sort, args.reverse) {
                (Sort::Relevance, _) => SortOrder::Auto,
                (Sort::Date, false) => SortOrder::DateNewest,
                (Sort::Date, true) => SortOrder::DateOldest,
            },
            recency: args.recency,
            stories: args.stories,
            ..SearchRequest::default()
        };
        apply_filters(&mut request, &args.filters)?;
        let mode = if let Some(path) = &args.queries {
            if args.unit == Unit::Article {
                request.per_article = 1;
            }
            SearchMode::QueryFile {
                path: path.clone(),
                json: format == Format::Json,
                unit: args.unit,
            }
        } else if args.count {
            SearchMode::Count {
                json: format == Format::Json,
            }
        } else if args.files_with_matches {
            request.offset = 0;
            request.per_article = 1;
            request.context = 0;
            SearchMode::FilesWithMatches
        } else {
            // One hit per story, unless asked for every copy; a TREC run never folds, so that
            // its figures stay comparable.
            request.fold_copies = !args.all_copies && format != Format::Trec;
            SearchMode::Hits {
                format,
                facets: args.facets,
                color: color_enabled(args.color),
            }
        };
        Ok(SearchConfig { request, mode })
    }
}

pub(super) fn run_search(index_dir: &Path, args: SearchArgs) -> anyhow::Result<Outcome> {
    let config = SearchConfig::from_args(&args)?;
    let searcher = Searcher::open(index_dir)?;
    let mut out = BufWriter::new(io::stdout().lock());
    let mut request = config.request;
    let outcome = match config.mode {
        SearchMode::QueryFile { path, json, unit } => {
            print_query_file(&mut out, &searcher, &mut request, &path, json, unit)?
        }
        SearchMode::Count { json } => print_count(&mut out, &searcher, &request, json)?,
        SearchMode::FilesWithMatches => print_files(&mut out, &searcher, &mut request)?,
        SearchMode::Hits {
            format,
            facets,
            color,
        } => print_hits(&mut out, &searcher, &request, format, facets, color)?,
    };
    out.flush()?;
    Ok(outcome)
}

fn print_query_file(
    out: &mut dyn Write,
    searcher: &Searcher,
    request: &mut SearchRequest,
    path: &Path,
    json: bool,
    unit: Unit,
) -> anyhow::Result<Outcome> {
    let queries = crate::queries::read_queries(path)?;
    // A TREC run shows no actors: the registry is not read.
    request.raw_actors = !json;
    let mut any = false;
    for (id, text) in queries {
        request.query = text;
        let results = match searcher.search(request) {
            Ok(results) => results,
            Err(Error::Search(err)) if err.is_in_query_text() => {
                eprintln!("newsdex: warning: query {id}: {err}");
                continue;
            }
            Err(err) => return Err(err.into()),
        };
        any |= !results.hits.is_empty();
        if json {
            for hit in &results.hits {
                output::write_hit_json(out, hit)?;
            }
        } else {
            output::write_trec(out, &id, &results.hits, unit == Unit::Passage)?;
        }
    }
    Ok(found(any))
}

fn print_count(
    out: &mut dyn Write,
    searcher: &Searcher,
    request: &SearchRequest,
    json: bool,
) -> anyhow::Result<Outcome> {
    let counts = searcher.count(request)?;
    if json {
        serde_json::to_writer(&mut *out, &counts)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{}, {}, {}",
            output::plural(counts.articles, "article"),
            match counts.stories {
                1 => "1 story".to_string(),
                n => format!("{n} stories"),
            },
            output::plural(counts.passages, "passage")
        )?;
    }
    Ok(found(counts.articles > 0))
}

fn print_files(
    out: &mut dyn Write,
    searcher: &Searcher,
    request: &mut SearchRequest,
) -> anyhow::Result<Outcome> {
    request.limit = usize::try_from(searcher.count(request)?.articles).unwrap_or(usize::MAX);
    request.raw_actors = true;
    let results = searcher.search(request)?;
    let mut seen = HashSet::new();
    for hit in &results.hits {
        if seen.insert(hit.path.as_str()) {
            writeln!(out, "{}", hit.path)?;
        }
    }
    Ok(found(!results.hits.is_empty()))
}

fn print_hits(
    out: &mut dyn Write,
    searcher: &Searcher,
    request: &SearchRequest,
    format: Format,
    facets: bool,
    color: bool,
) -> anyhow::Result<Outcome> {
    let results = if format == Format::Trec {
        let mut request = request.clone();
        request.raw_actors = true;
        searcher.search(&request)?
    } else {
        searcher.search(request)?
    };
    let style = TextStyle { color };
    for hit in &results.hits {
        match format {
            Format::Text => output::write_hit_text(out, hit, style)?,
            Format::Json => output::write_hit_json(out, hit)?,
            Format::Trec => output::write_trec(out, "1", std::slice::from_ref(hit), false)?,
        }
    }
    if facets && !results.hits.is_empty() {
        let facets = explore::facets(searcher, request, 5)?;
        match format {
            Format::Json => {
                serde_json::to_writer(&mut *out, &serde_json::json!({ "facets": facets }))?;
                writeln!(out)?;
            }
            Format::Text | Format::Trec => output::write_facets_text(out, &facets)?,
        }
    }
    if results.hits.is_empty() && format == Format::Text {
        eprintln!("newsdex: no matches");
    }
    Ok(found(!results.hits.is_empty()))
}

pub(super) fn run_show(index_dir: &Path, args: ShowArgs) -> anyhow::Result<Outcome> {
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

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::cli::{Cli, Command};

    fn config(line: &[&str]) -> SearchConfig {
        let cli = Cli::try_parse_from(line).unwrap();
        let Command::Search(args) = cli.command else {
            panic!("not a search: {line:?}");
        };
        SearchConfig::from_args(&args).unwrap()
    }

    #[test]
    fn output_mode_is_decided_once_by_precedence() {
        let mode = |line: &[&str]| config(line).mode;
        assert!(matches!(
            mode(&["newsdex", "search", "oil"]),
            SearchMode::Hits {
                format: Format::Text,
                ..
            }
        ));
        assert!(matches!(
            mode(&["newsdex", "search", "oil", "--json"]),
            SearchMode::Hits {
                format: Format::Json,
                ..
            }
        ));
        assert_eq!(
            mode(&["newsdex", "search", "oil", "-c", "--json"]),
            SearchMode::Count { json: true }
        );
        assert_eq!(
            mode(&["newsdex", "search", "oil", "-l"]),
            SearchMode::FilesWithMatches
        );
        assert_eq!(
            mode(&[
                "newsdex",
                "search",
                "--queries",
                "q.tsv",
                "--unit",
                "passage"
            ]),
            SearchMode::QueryFile {
                path: PathBuf::from("q.tsv"),
                json: false,
                unit: Unit::Passage
            }
        );
    }

    #[test]
    fn files_with_matches_lists_every_article_once() {
        let request =
            config(&["newsdex", "search", "oil", "-l", "--offset", "3", "-C", "2"]).request;
        assert_eq!(
            (request.offset, request.per_article, request.context),
            (0, 1, 0)
        );
    }
}
