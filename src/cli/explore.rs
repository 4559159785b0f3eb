//! `actors`, `timeline` and `cooccur`: exploration over the actor and date facets.

use std::io::{self, BufWriter, Write};
use std::path::Path;

use super::args::{ActorsArgs, By, CooccurArgs, CopiesArgs, QuotesArgs, SourcesArgs, TimelineArgs};
use super::{apply_filters, color_enabled, found, kind_of, list_output, open_searcher, Outcome};
use crate::explore::{self, BestShown, BucketUnit, TimelineTarget};
use crate::output::{self, TextStyle};
use crate::search::{quotations, top_quoted, SearchRequest};

pub(super) fn run_actors(index_dir: &Path, args: ActorsArgs) -> anyhow::Result<Outcome> {
    let searcher = open_searcher(index_dir)?;
    let mut request = SearchRequest {
        query: args.query.join(" "),
        ..SearchRequest::default()
    };
    apply_filters(&mut request, &args.filters)?;
    request.stories = args.stories;
    let kind = args.kind.map(kind_of);
    if args.quoted {
        let speakers = top_quoted(searcher, &request, kind, args.top)?;
        return print_counts(
            &speakers,
            list_output(&args.output),
            output::write_quoted_counts,
        );
    }
    let mut actors = explore::top_actors(searcher, &request, kind, args.top)?;
    if args.aliases {
        explore::attach_aliases(searcher, &mut actors)?;
    }
    print_counts(
        &actors,
        list_output(&args.output),
        output::write_actor_counts,
    )
}

pub(super) fn run_quotes(index_dir: &Path, args: QuotesArgs) -> anyhow::Result<Outcome> {
    let searcher = open_searcher(index_dir)?;
    let mut request = SearchRequest {
        query: args.query.join(" "),
        ..SearchRequest::default()
    };
    apply_filters(&mut request, &args.filters)?;
    let quotations = quotations(searcher, request, &args.actor, args.limit)?;
    let mut out = BufWriter::new(io::stdout().lock());
    for quotation in &quotations {
        if args.json {
            serde_json::to_writer(&mut out, quotation)?;
            writeln!(out)?;
        } else {
            let date = quotation.date.as_deref().unwrap_or("undated");
            let cue = quotation.cue.as_deref().map(|c| format!(" \u{2014} {c}"));
            writeln!(
                out,
                "{date}  {}  \"{}\"{}  ({})",
                quotation.source,
                quotation.text,
                cue.unwrap_or_default(),
                quotation.title
            )?;
        }
    }
    out.flush()?;
    Ok(found(!quotations.is_empty()))
}

pub(super) fn run_sources(index_dir: &Path, args: SourcesArgs) -> anyhow::Result<Outcome> {
    let searcher = open_searcher(index_dir)?;
    let mut request = SearchRequest {
        query: args.query.join(" "),
        ..SearchRequest::default()
    };
    apply_filters(&mut request, &args.filters)?;
    let sources = explore::top_sources(searcher, &request, args.top)?;
    print_counts(
        &sources,
        list_output(&args.output),
        output::write_source_counts,
    )
}

pub(super) fn run_copies(index_dir: &Path, args: CopiesArgs) -> anyhow::Result<Outcome> {
    let searcher = open_searcher(index_dir)?;
    let mut request = SearchRequest {
        query: args.query.join(" "),
        ..SearchRequest::default()
    };
    apply_filters(&mut request, &args.filters)?;
    let groups = explore::copy_groups(searcher, &request)?;
    let (json, mut out) = list_output(&args.output);
    for group in &groups {
        if json {
            output::write_copy_group_json(&mut out, group)?;
        } else {
            output::write_copy_group_text(&mut out, group)?;
        }
    }
    out.finish()?;
    if groups.is_empty() {
        eprintln!("newsdex: no groups of copies");
    }
    Ok(found(!groups.is_empty()))
}

/// Prints ranked counts to stdout: a JSON line each (or its CSV/TSV row), or the text
/// `write_text` makes of them.
fn print_counts<T: serde::Serialize>(
    counts: &[T],
    (json, mut out): (bool, super::Stdout),
    write_text: fn(&mut dyn Write, &[T]) -> io::Result<()>,
) -> anyhow::Result<Outcome> {
    if json {
        for count in counts {
            serde_json::to_writer(&mut out, count)?;
            writeln!(out)?;
        }
    } else {
        write_text(&mut out, counts)?;
    }
    out.finish()?;
    Ok(found(!counts.is_empty()))
}

pub(super) fn run_timeline(index_dir: &Path, args: TimelineArgs) -> anyhow::Result<Outcome> {
    let searcher = open_searcher(index_dir)?;
    let mut request = SearchRequest {
        stories: args.stories,
        ..SearchRequest::default()
    };
    apply_filters(&mut request, &args.filters)?;
    let target = args.target.join(" ");
    let label = match explore::aim_timeline(searcher, &mut request, &target)? {
        TimelineTarget::Actor(name) => format!("mentioning {name}"),
        TimelineTarget::Query(text) => format!("matching \"{text}\""),
    };
    let unit = match args.by {
        By::Day => BucketUnit::Day,
        By::Week => BucketUnit::Week,
        By::Month => BucketUnit::Month,
        By::Year => BucketUnit::Year,
    };
    let (json, mut out) = list_output(&args.output);
    let shown = if json {
        BestShown::Hit
    } else {
        BestShown::Headline
    };
    let timeline = explore::timeline(searcher, &request, unit, shown)?;
    if json {
        for bucket in &timeline.buckets {
            output::write_bucket_json(&mut out, bucket)?;
        }
    } else {
        let style = TextStyle {
            color: color_enabled(args.color),
        };
        output::write_timeline_text(&mut out, &timeline, &label, style)?;
    }
    out.finish()?;
    Ok(found(timeline.buckets.iter().any(|b| b.count > 0)))
}

pub(super) fn run_cooccur(index_dir: &Path, args: CooccurArgs) -> anyhow::Result<Outcome> {
    let searcher = open_searcher(index_dir)?;
    let mut request = SearchRequest {
        query: args.query.unwrap_or_default(),
        stories: args.stories,
        ..SearchRequest::default()
    };
    apply_filters(&mut request, &args.filters)?;
    let rows = explore::cooccur(searcher, &args.actor, &request, args.top, args.min_articles)?;
    let (json, mut out) = list_output(&args.output);
    if json {
        for row in &rows {
            output::write_cooccurrence_json(&mut out, row)?;
        }
    } else {
        let style = TextStyle {
            color: color_enabled(args.color),
        };
        output::write_cooccurrence_text(&mut out, &args.actor, &rows, style)?;
    }
    out.finish()?;
    Ok(found(!rows.is_empty()))
}
