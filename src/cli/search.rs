//! `search` and `show`. `search`'s flags become one [`SearchConfig`] in one place: the request
//! and the output mode (hits as text, JSON or TREC; counts; files; a query file), decided
//! once; running it is then one `match` on the mode.

use std::collections::HashSet;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::args::{Format, SearchArgs, ShowArgs, Sort, Unit};
use super::{apply_filters, color_enabled, found, open_searcher, Outcome, Stdout};
use crate::error::{Error, Result};
use crate::explore;
use crate::output::table::TableFormat;
use crate::output::{self, TextStyle};
use crate::search::{Hit, SearchRequest, Searcher, SortOrder};

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
        /// One JSON object (or its CSV/TSV row) instead of a line of text.
        format: Format,
    },
    /// Every match in index order, written as it is found (`--all`).
    All {
        /// Text, JSON lines, TREC lines, CSV or TSV.
        format: Format,
        /// Every matching passage, or every matching article (its first matching passage).
        unit: Unit,
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
    /// first, then `--count`, then `--files-with-matches`, then `--all`, else hits in
    /// `--format` (`--json` is `--format json`).
    pub fn from_args(args: &SearchArgs) -> Result<SearchConfig> {
        let format = if args.json { Format::Json } else { args.format };
        if args.facets {
            if let Some(table) = table_of(format) {
                return Err(Error::FacetsAsTable {
                    format: match table {
                        TableFormat::Csv => "csv",
                        TableFormat::Tsv => "tsv",
                    },
                });
            }
        }
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
            let unit = args.unit.unwrap_or(Unit::Article);
            if unit == Unit::Article {
                request.per_article = 1;
            }
            SearchMode::QueryFile {
                path: path.clone(),
                json: format == Format::Json,
                unit,
            }
        } else if args.count {
            SearchMode::Count { format }
        } else if args.files_with_matches {
            request.offset = 0;
            request.per_article = 1;
            request.context = 0;
            SearchMode::FilesWithMatches
        } else if args.all {
            // No query: every passage (filtered, if filters are given).
            request.match_all = request.query.trim().is_empty();
            SearchMode::All {
                format,
                unit: args.unit.unwrap_or(Unit::Passage),
            }
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

/// The table a format asks for, if any.
fn table_of(format: Format) -> Option<TableFormat> {
    match format {
        Format::Csv => Some(TableFormat::Csv),
        Format::Tsv => Some(TableFormat::Tsv),
        Format::Text | Format::Json | Format::Trec => None,
    }
}

pub(super) fn run_search(index_dir: &Path, args: SearchArgs) -> anyhow::Result<Outcome> {
    let config = SearchConfig::from_args(&args)?;
    let searcher = open_searcher(index_dir)?;
    let (table, streaming) = match &config.mode {
        SearchMode::Hits { format, .. } | SearchMode::Count { format } => {
            (table_of(*format), false)
        }
        SearchMode::All { format, .. } => (table_of(*format), true),
        SearchMode::QueryFile { .. } | SearchMode::FilesWithMatches => (None, false),
    };
    let mut out = Stdout::new(table, streaming);
    let mut request = config.request;
    let outcome = match config.mode {
        SearchMode::QueryFile { path, json, unit } => {
            print_query_file(&mut out, searcher, &mut request, &path, json, unit)?
        }
        SearchMode::Count { format } => {
            print_count(&mut out, searcher, &request, format != Format::Text)?
        }
        SearchMode::FilesWithMatches => print_files(&mut out, searcher, &mut request)?,
        SearchMode::All { format, unit } => print_all(&mut out, searcher, &request, format, unit)?,
        SearchMode::Hits {
            format,
            facets,
            color,
        } => print_hits(&mut out, searcher, &request, format, facets, color)?,
    };
    out.finish()?;
    Ok(outcome)
}

/// Writes one hit in `format` (CSV and TSV are made of its JSON line).
fn write_hit(out: &mut dyn Write, hit: &Hit, format: Format, style: TextStyle) -> io::Result<()> {
    match format {
        Format::Text => output::write_hit_text(out, hit, style),
        Format::Json | Format::Csv | Format::Tsv => output::write_hit_json(out, hit),
        Format::Trec => output::write_trec(out, "1", std::slice::from_ref(hit), false),
    }
}

fn print_all(
    out: &mut dyn Write,
    searcher: &Searcher,
    request: &SearchRequest,
    format: Format,
    unit: Unit,
) -> anyhow::Result<Outcome> {
    let mut request = request.clone();
    request.without_actors = format == Format::Trec;
    let style = TextStyle { color: false };
    let found_any = searcher.for_each_match(&request, unit == Unit::Article, |hit| {
        write_hit(out, &hit, format, style).map_err(|source| Error::Io {
            path: PathBuf::from("<stdout>"),
            source,
        })
    })?;
    Ok(found(found_any > 0))
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
    request.without_actors = !json;
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
    request.without_actors = true;
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
        request.without_actors = true;
        searcher.search(&request)?
    } else {
        searcher.search(request)?
    };
    let style = TextStyle { color };
    for hit in &results.hits {
        write_hit(out, hit, format, style)?;
    }
    if facets && !results.hits.is_empty() {
        let facets = explore::facets(searcher, request, 5)?;
        match format {
            Format::Json => {
                serde_json::to_writer(&mut *out, &serde_json::json!({ "facets": facets }))?;
                writeln!(out)?;
            }
            // `from_args` refuses facets in a table.
            Format::Text | Format::Trec | Format::Csv | Format::Tsv => {
                output::write_facets_text(out, &facets)?
            }
        }
    }
    if results.hits.is_empty() && format == Format::Text {
        eprintln!("newsdex: no matches");
    }
    Ok(found(!results.hits.is_empty()))
}

pub(super) fn run_show(index_dir: &Path, args: ShowArgs) -> anyhow::Result<Outcome> {
    let searcher = open_searcher(index_dir)?;
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
            SearchMode::Count {
                format: Format::Json
            }
        );
        assert_eq!(
            mode(&["newsdex", "search", "oil", "--all", "--format", "csv"]),
            SearchMode::All {
                format: Format::Csv,
                unit: Unit::Passage
            }
        );
        assert_eq!(
            mode(&["newsdex", "search", "oil", "--all", "--unit", "article"]),
            SearchMode::All {
                format: Format::Text,
                unit: Unit::Article
            }
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
