//! `actors`, `timeline` and `cooccur`: exploration over the actor and date facets.

use std::io::{self, BufWriter, Write};
use std::path::Path;

use super::args::{ActorsArgs, By, CooccurArgs, CopiesArgs, SourcesArgs, TimelineArgs};
use super::{apply_filters, color_enabled, found, kind_of, Outcome};
use crate::error::Error;
use crate::explore::{self, BucketUnit};
use crate::output::{self, TextStyle};
use crate::search::{SearchError, SearchRequest, Searcher};

pub(super) fn run_actors(index_dir: &Path, args: ActorsArgs) -> anyhow::Result<Outcome> {
    let searcher = Searcher::open(index_dir)?;
    let mut request = SearchRequest {
        query: args.query.join(" "),
        ..SearchRequest::default()
    };
    apply_filters(&mut request, &args.filters)?;
    request.stories = args.stories;
    let kind = args.kind.map(kind_of);
    let mut actors = explore::top_actors(&searcher, &request, kind, args.top)?;
    if args.aliases {
        explore::attach_aliases(&searcher, &mut actors)?;
    }
    print_counts(&actors, args.json, output::write_actor_counts)
}

pub(super) fn run_sources(index_dir: &Path, args: SourcesArgs) -> anyhow::Result<Outcome> {
    let searcher = Searcher::open(index_dir)?;
    let mut request = SearchRequest {
        query: args.query.join(" "),
        ..SearchRequest::default()
    };
    apply_filters(&mut request, &args.filters)?;
    let sources = explore::top_sources(&searcher, &request, args.top)?;
    print_counts(&sources, args.json, output::write_source_counts)
}

pub(super) fn run_copies(index_dir: &Path, args: CopiesArgs) -> anyhow::Result<Outcome> {
    let searcher = Searcher::open(index_dir)?;
    let mut request = SearchRequest {
        query: args.query.join(" "),
        ..SearchRequest::default()
    };
    apply_filters(&mut request, &args.filters)?;
    let groups = explore::copy_groups(&searcher, &request)?;
    let mut out = BufWriter::new(io::stdout().lock());
    for group in &groups {
        if args.json {
            output::write_copy_group_json(&mut out, group)?;
        } else {
            output::write_copy_group_text(&mut out, group)?;
        }
    }
    out.flush()?;
    if groups.is_empty() {
        eprintln!("newsdex: no groups of copies");
    }
    Ok(found(!groups.is_empty()))
}

/// Prints ranked counts to stdout: a JSON line each, or the text `write_text` makes of them.
fn print_counts<T: serde::Serialize>(
    counts: &[T],
    json: bool,
    write_text: fn(&mut dyn Write, &[T]) -> io::Result<()>,
) -> anyhow::Result<Outcome> {
    let mut out = BufWriter::new(io::stdout().lock());
    if json {
        for count in counts {
            serde_json::to_writer(&mut out, count)?;
            writeln!(out)?;
        }
    } else {
        write_text(&mut out, counts)?;
    }
    out.flush()?;
    Ok(found(!counts.is_empty()))
}

pub(super) fn run_timeline(index_dir: &Path, args: TimelineArgs) -> anyhow::Result<Outcome> {
    let searcher = Searcher::open(index_dir)?;
    let mut request = SearchRequest {
        stories: args.stories,
        ..SearchRequest::default()
    };
    apply_filters(&mut request, &args.filters)?;
    let target = args.target.join(" ");
    // A known actor means that actor; a name several actors share is an error that lists
    // them; anything else is a query.
    let label = match searcher.resolve_actor(&target) {
        Ok(resolved) => {
            request.actor_forms.push(resolved.forms);
            format!("mentioning {}", resolved.actor.name)
        }
        Err(Error::Search(SearchError::UnknownActor { .. })) => {
            request.query = target.clone();
            format!("matching \"{target}\"")
        }
        Err(err) => return Err(err.into()),
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

pub(super) fn run_cooccur(index_dir: &Path, args: CooccurArgs) -> anyhow::Result<Outcome> {
    let searcher = Searcher::open(index_dir)?;
    let mut request = SearchRequest {
        query: args.query.unwrap_or_default(),
        stories: args.stories,
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
