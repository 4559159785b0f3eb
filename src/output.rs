//! Output: hits, articles and summaries rendered as text for people, JSON lines or TREC runs;
//! [`table`] flattens any JSON lines into CSV or TSV.
//!
//! Everything writes to a `std::io::Write` so that the bench can render into a buffer exactly
//! as the terminal would get it.

pub mod table;

use std::io::{self, Write};

use serde::Serialize;

use crate::actors::ActorKind;
use crate::copies::{CopyGroup, CopyMember};
use crate::explore::{ActorCount, Bucket, Cooccurrence, Facets, SourceCount, Timeline};
use crate::indexer::IndexSummary;
use crate::search::{ActorRef, FullArticle, Hit, PassageText, QuotedCount};

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const MATCH: &str = "\x1b[1;31m";
const TITLE: &str = "\x1b[1;36m";
const RESET: &str = "\x1b[0m";

/// Width that passages are wrapped to in text output.
pub const WRAP_WIDTH: usize = 100;

/// Text rendering options.
#[derive(Debug, Clone, Copy)]
pub struct TextStyle {
    /// Use ANSI colours (highlights, titles).
    pub color: bool,
}

impl TextStyle {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }
}

/// A progress bar on stderr with `template` (indicatif syntax), or a hidden one when
/// `enabled` is false (stderr is not a terminal, or `--quiet`).
pub fn progress_bar(enabled: bool, total: u64, template: &str) -> indicatif::ProgressBar {
    if !enabled {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(indicatif::ProgressStyle::with_template(template).expect("valid template"));
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// Indexing progress as a bar on stderr (hidden when not enabled), and warnings as
/// `newsdex: warning: ...` lines printed above it.
pub struct ProgressReporter {
    bar: indicatif::ProgressBar,
}

impl ProgressReporter {
    /// A reporter with a visible bar when `enabled` (stderr is a terminal and not `--quiet`).
    pub fn new(enabled: bool) -> ProgressReporter {
        ProgressReporter {
            bar: progress_bar(
                enabled,
                0,
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} {msg}",
            ),
        }
    }
}

impl crate::indexer::Reporter for ProgressReporter {
    fn on_files_found(&self, _files: usize, bytes: u64) {
        self.bar.set_length(bytes);
    }
    fn on_bytes_done(&self, bytes: u64) {
        self.bar.inc(bytes);
    }
    fn on_warning(&self, warning: &crate::corpus::Warning) {
        self.bar
            .suspend(|| eprintln!("newsdex: warning: {warning}"));
    }
    fn on_rebuild(&self, what: &str) {
        self.bar
            .suspend(|| eprintln!("newsdex: {what} changed since the last index: rebuilding it"));
    }
    fn on_fields_changed(&self, before: &str, now: &str) {
        self.bar.suspend(|| {
            eprintln!(
                "newsdex: field mapping changed since the last index ({before}, now {now}): \
                 reading the CSV, JSON and JSONL files again"
            )
        });
    }
    fn on_phase(&self, phase: crate::indexer::Phase) {
        self.bar.set_message(phase.as_str());
    }
    fn on_finished(&self) {
        self.bar.finish_and_clear();
    }
}

/// Writes one hit as a few lines of text: rank, date, title; file and passage; actors; text.
pub fn write_hit_text(out: &mut dyn Write, hit: &Hit, style: TextStyle) -> io::Result<()> {
    let date = shown_date(hit.date_display.as_deref());
    writeln!(
        out,
        "{} {:<10}  {}",
        style.paint(BOLD, &format!("{:>2}.", hit.rank)),
        date,
        style.paint(TITLE, title_or_placeholder(&hit.title))
    )?;
    let location = match hit.line {
        Some(line) => format!("{}:{}", hit.path, line),
        None => hit.path.clone(),
    };
    writeln!(
        out,
        "    {}",
        style.paint(
            DIM,
            &format!(
                "{location}  {}  id {}  passage {}/{}  score {:.2}",
                hit.source,
                hit.article_id,
                hit.passage + 1,
                hit.passages,
                hit.score
            )
        )
    )?;
    if let Some(line) = hit_actor_line(hit) {
        writeln!(out, "    {}", style.paint(DIM, &line))?;
    }
    if !hit.copies.is_empty() {
        writeln!(out, "    {}", style.paint(DIM, &copies_line(&hit.copies)))?;
    }
    for passage in &hit.before {
        write_wrapped(out, &passage.text, &passage.highlights, "    ┆ ", style)?;
    }
    write_wrapped(out, &hit.text, &hit.highlights, "    ", style)?;
    for passage in &hit.after {
        write_wrapped(out, &passage.text, &passage.highlights, "    ┆ ", style)?;
    }
    writeln!(out)
}

/// At most this many folded copies are named on a hit's line.
const MAX_COPIES_SHOWN: usize = 5;

/// `+2 copies: wire service 1987-03-02, harbour gazette 1987-03-03`: the copies folded under a
/// hit, with their sources and dates.
fn copies_line(copies: &[CopyMember]) -> String {
    let mut named: Vec<String> = copies
        .iter()
        .take(MAX_COPIES_SHOWN)
        .map(|copy| {
            format!(
                "{} {}",
                copy.source,
                shown_date(copy.date_display.as_deref())
            )
        })
        .collect();
    if copies.len() > MAX_COPIES_SHOWN {
        named.push(format!("{} more", copies.len() - MAX_COPIES_SHOWN));
    }
    let noun = if copies.len() == 1 { "copy" } else { "copies" };
    format!("+{} {noun}: {}", copies.len(), named.join(", "))
}

/// The JSON shape of an article of a group of copies, in `copies --json` and in a hit's
/// `copies`.
#[derive(Serialize)]
struct CopyMemberJson<'a> {
    article_id: &'a str,
    path: &'a str,
    line: Option<u64>,
    title: &'a str,
    date: Option<&'a str>,
    source: &'a str,
}

fn copy_member_json(member: &CopyMember) -> CopyMemberJson<'_> {
    CopyMemberJson {
        article_id: &member.article_id,
        path: &member.path,
        line: member.line,
        title: &member.title,
        date: member.date.as_deref(),
        source: &member.source,
    }
}

/// Writes a group of copies as a JSON line: `{"size": N, "articles": [...]}`.
pub fn write_copy_group_json(out: &mut dyn Write, group: &CopyGroup) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &copy_group_record(group))?;
    writeln!(out)
}

/// A group of copies as `copies --json` prints it (one line of it).
pub fn copy_group_record(group: &CopyGroup) -> impl Serialize + '_ {
    #[derive(Serialize)]
    struct GroupJson<'a> {
        size: usize,
        articles: Vec<CopyMemberJson<'a>>,
    }
    GroupJson {
        size: group.members.len(),
        articles: group.members.iter().map(copy_member_json).collect(),
    }
}

/// Writes a group of copies as text: its size, then one line per article (date, source,
/// title, file and id).
pub fn write_copy_group_text(out: &mut dyn Write, group: &CopyGroup) -> io::Result<()> {
    writeln!(out, "{} copies", group.members.len())?;
    for member in &group.members {
        let location = match member.line {
            Some(line) => format!("{}:{}", member.path, line),
            None => member.path.clone(),
        };
        writeln!(
            out,
            "  {:<10}  {}  {}",
            shown_date(member.date_display.as_deref()),
            member.source,
            title_or_placeholder(&member.title)
        )?;
        writeln!(out, "              {location}  id {}", member.article_id)?;
    }
    writeln!(out)
}

/// The date every text output shows: as precise as the source gave it, down to the day (a
/// full timestamp is more than a reader scanning articles needs), or `undated`.
pub fn shown_date(date_display: Option<&str>) -> &str {
    date_display.map_or("undated", |d| d.get(..10).unwrap_or(d))
}

fn title_or_placeholder(title: &str) -> &str {
    if title.is_empty() {
        "(no title)"
    } else {
        title
    }
}

/// At most this many actors are listed with a hit in text output.
const MAX_ACTORS_SHOWN: usize = 8;

/// The actors worth showing with a hit: those of the passage first, then the article's.
fn hit_actor_line(hit: &Hit) -> Option<String> {
    let shown: &[ActorRef] = if hit.passage_actors.is_empty() {
        &hit.actors
    } else {
        &hit.passage_actors
    };
    if shown.is_empty() {
        return None;
    }
    let mut line = actor_line(&shown[..shown.len().min(MAX_ACTORS_SHOWN)]);
    let more = hit
        .actors
        .len()
        .saturating_sub(shown.len().min(MAX_ACTORS_SHOWN));
    if more > 0 {
        line.push_str(&format!(" (+{more} more in the article)"));
    }
    Some(line)
}

/// Actors grouped by kind on one line: people, then organisations, countries, places.
pub fn actor_line(actors: &[ActorRef]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for kind in ActorKind::ALL {
        let names: Vec<&str> = actors
            .iter()
            .filter(|a| a.kind == kind)
            .map(|a| a.name.as_str())
            .collect();
        if !names.is_empty() {
            parts.push(names.join(", "));
        }
    }
    parts.join(" · ")
}

/// Writes `text` wrapped at [`WRAP_WIDTH`], each line after `indent`, painting `highlights`.
pub fn write_wrapped(
    out: &mut dyn Write,
    text: &str,
    highlights: &[(usize, usize)],
    indent: &str,
    style: TextStyle,
) -> io::Result<()> {
    let width = WRAP_WIDTH.saturating_sub(indent.chars().count()).max(20);
    let mut line = String::with_capacity(2 * width);
    let mut line_chars = 0;
    let mut flush = |line: &mut String| -> io::Result<()> {
        out.write_all(indent.as_bytes())?;
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        line.clear();
        Ok(())
    };
    for word in text.split_whitespace() {
        let start = word.as_ptr() as usize - text.as_ptr() as usize;
        let end = start + word.len();
        let word_chars = if word.is_ascii() {
            word.len()
        } else {
            word.chars().count()
        };
        if line_chars > 0 && line_chars + 1 + word_chars > width {
            flush(&mut line)?;
            line_chars = 0;
        }
        if line_chars > 0 {
            // Keep a highlighted phrase painted across the space between its words.
            if style.color && highlights.iter().any(|&(s, e)| s < start && e >= end) {
                line.push_str(MATCH);
                line.push(' ');
                line.push_str(RESET);
            } else {
                line.push(' ');
            }
            line_chars += 1;
        }
        push_painted(&mut line, text, start, end, highlights, style);
        line_chars += word_chars;
    }
    if line_chars > 0 {
        flush(&mut line)?;
    }
    Ok(())
}

fn push_painted(
    line: &mut String,
    text: &str,
    start: usize,
    end: usize,
    highlights: &[(usize, usize)],
    style: TextStyle,
) {
    if !style.color {
        line.push_str(&text[start..end]);
        return;
    }
    let mut at = start;
    for &(h_start, h_end) in highlights {
        if h_end <= at || h_start >= end {
            continue;
        }
        let from = h_start.max(at);
        let to = h_end.min(end);
        line.push_str(&text[at..from]);
        line.push_str(MATCH);
        line.push_str(&text[from..to]);
        line.push_str(RESET);
        at = to;
    }
    line.push_str(&text[at..end]);
}

/// The JSON shape of a hit (`search --json`), one object per line.
#[derive(Serialize)]
struct HitJson<'a> {
    rank: usize,
    score: f32,
    article_id: &'a str,
    passage: u64,
    passages: u64,
    date: Option<&'a str>,
    title: &'a str,
    path: &'a str,
    source: &'a str,
    lang: &'a str,
    line: Option<u64>,
    actors: &'a [ActorRef],
    passage_actors: &'a [ActorRef],
    text: &'a str,
    highlights: &'a [(usize, usize)],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    before: &'a [PassageText],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    after: &'a [PassageText],
    copies: Vec<CopyMemberJson<'a>>,
}

/// Writes one hit as a JSON line.
pub fn write_hit_json(out: &mut dyn Write, hit: &Hit) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &hit_record(hit))?;
    writeln!(out)
}

/// A hit as `search --json` prints it (one line of it), for whoever serialises it: the
/// command line here, the server's `/api/search` as an element of its `hits`.
pub fn hit_record(hit: &Hit) -> impl Serialize + '_ {
    hit_json(hit)
}

/// The documented JSON shape of a hit, as `search --json` prints it.
fn hit_json(hit: &Hit) -> HitJson<'_> {
    HitJson {
        rank: hit.rank,
        score: hit.score,
        article_id: &hit.article_id,
        passage: hit.passage,
        passages: hit.passages,
        date: hit.date.as_deref(),
        title: &hit.title,
        path: &hit.path,
        source: &hit.source,
        lang: &hit.lang,
        line: hit.line,
        actors: &hit.actors,
        passage_actors: &hit.passage_actors,
        text: &hit.text,
        highlights: &hit.highlights,
        before: &hit.before,
        after: &hit.after,
        copies: hit.copies.iter().map(copy_member_json).collect(),
    }
}

/// Writes a facet summary: top actors per kind, then articles per date bucket.
pub fn write_facets_text(out: &mut dyn Write, facets: &Facets) -> io::Result<()> {
    writeln!(out, "facets of all matching articles:")?;
    for kind in ActorKind::ALL {
        let line: Vec<String> = facets
            .actors
            .iter()
            .filter(|a| a.kind == kind)
            .map(|a| format!("{} ({})", a.name, a.articles))
            .collect();
        if !line.is_empty() {
            writeln!(out, "  {kind:<8} {}", line.join(", "))?;
        }
    }
    let dates: Vec<String> = facets
        .dates
        .iter()
        .map(|d| format!("{} ({})", d.bucket, d.count))
        .collect();
    if !dates.is_empty() {
        writeln!(out, "  dates    {}", dates.join(", "))?;
    }
    Ok(())
}

/// Writes actors with their article counts as a table (with `--aliases`, an indented line of
/// the other names merged into each).
pub fn write_actor_counts(out: &mut dyn Write, actors: &[ActorCount]) -> io::Result<()> {
    let width = actors
        .iter()
        .map(|a| a.name.chars().count())
        .max()
        .unwrap_or(0);
    for actor in actors {
        writeln!(
            out,
            "{:>7}  {:<width$}  {}",
            actor.articles, actor.name, actor.kind
        )?;
        let aliases = actor.aliases.as_deref().unwrap_or_default();
        if !aliases.is_empty() {
            let listed: Vec<String> = aliases
                .iter()
                .map(|alias| format!("{} ({})", alias.name, alias.articles))
                .collect();
            writeln!(out, "         also: {}", listed.join(", "))?;
        }
    }
    Ok(())
}

/// Writes `actors --quoted` output: quotations, articles, speaker and kind, one per line.
pub fn write_quoted_counts(out: &mut dyn Write, speakers: &[QuotedCount]) -> io::Result<()> {
    let width = speakers
        .iter()
        .map(|s| s.name.chars().count())
        .max()
        .unwrap_or(0);
    for speaker in speakers {
        writeln!(
            out,
            "{:>7} quotes  {:>5} articles  {:<width$}  {}",
            speaker.quotes, speaker.articles, speaker.name, speaker.kind
        )?;
    }
    Ok(())
}

/// Writes `sources` output: articles and source, one per line.
pub fn write_source_counts(out: &mut dyn Write, sources: &[SourceCount]) -> io::Result<()> {
    for source in sources {
        writeln!(out, "{:>7}  {}", source.articles, source.source)?;
    }
    Ok(())
}

#[derive(Serialize)]
struct BucketJson<'a> {
    bucket: &'a str,
    start: &'a str,
    end: &'a str,
    count: u64,
    peak: bool,
    best: Option<HitJson<'a>>,
}

/// Writes a timeline bucket as a JSON line (`best` as `search --json` prints a hit).
pub fn write_bucket_json(out: &mut dyn Write, bucket: &Bucket) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &bucket_record(bucket))?;
    writeln!(out)
}

/// A timeline bucket as `timeline --json` prints it (one line of it).
pub fn bucket_record(bucket: &Bucket) -> impl Serialize + '_ {
    BucketJson {
        bucket: &bucket.bucket,
        start: &bucket.start,
        end: &bucket.end,
        count: bucket.count,
        peak: bucket.peak,
        best: bucket.best.as_ref().map(hit_json),
    }
}

/// Bar of `count` out of `max` in eighths of a block, `width` cells at most.
fn bar(count: u64, max: u64, width: usize) -> String {
    const PARTS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    if count == 0 || max == 0 {
        return String::new();
    }
    let eighths = ((count as f64 / max as f64) * (width * 8) as f64)
        .round()
        .max(1.0) as usize;
    let mut bar = "█".repeat(eighths / 8);
    if eighths % 8 > 0 {
        bar.push(PARTS[eighths % 8 - 1]);
    }
    bar
}

/// Writes a timeline: one bar per bucket, peaks marked, the best passage's title beside it.
pub fn write_timeline_text(
    out: &mut dyn Write,
    timeline: &Timeline,
    label: &str,
    style: TextStyle,
) -> io::Result<()> {
    let max = timeline.buckets.iter().map(|b| b.count).max().unwrap_or(0);
    let total: u64 = timeline.buckets.iter().map(|b| b.count).sum();
    writeln!(out, "{} {label}", plural(total, "article"))?;
    let label_width = timeline
        .buckets
        .iter()
        .map(|b| b.bucket.len())
        .max()
        .unwrap_or(0);
    for bucket in &timeline.buckets {
        let marker = if bucket.peak { " ▲" } else { "  " };
        let best = bucket
            .best
            .as_ref()
            .map(|hit| truncate(&hit.title, 60))
            .unwrap_or_default();
        writeln!(
            out,
            "{:<label_width$} {:>6}{marker} {:<30} {}",
            bucket.bucket,
            bucket.count,
            bar(bucket.count, max, 30),
            style.paint(DIM, &best)
        )?;
    }
    let peaks: Vec<&str> = timeline
        .buckets
        .iter()
        .filter(|b| b.peak)
        .map(|b| b.bucket.as_str())
        .collect();
    if !peaks.is_empty() {
        writeln!(out, "peaks: {}", peaks.join(", "))?;
    }
    if timeline.undated > 0 {
        writeln!(out, "undated: {} (not shown)", timeline.undated)?;
    }
    if timeline.imprecise > 0 {
        writeln!(
            out,
            "dated less precisely than a bucket: {} (not shown)",
            timeline.imprecise
        )?;
    }
    Ok(())
}

fn truncate(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[derive(Serialize)]
struct CooccurrenceJson<'a> {
    name: &'a str,
    kind: ActorKind,
    passages: u64,
    articles: u64,
    lift: f64,
    npmi: f64,
    evidence: Option<HitJson<'a>>,
}

/// Writes a co-occurring actor as a JSON line.
pub fn write_cooccurrence_json(out: &mut dyn Write, row: &Cooccurrence) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &cooccurrence_record(row))?;
    writeln!(out)
}

/// A co-occurring actor as `cooccur --json` prints it (one line of it).
pub fn cooccurrence_record(row: &Cooccurrence) -> impl Serialize + '_ {
    CooccurrenceJson {
        name: &row.name,
        kind: row.kind,
        passages: row.passages,
        articles: row.articles,
        lift: (row.lift * 1000.0).round() / 1000.0,
        npmi: (row.npmi * 1000.0).round() / 1000.0,
        evidence: row.evidence.as_ref().map(hit_json),
    }
}

/// Writes co-occurring actors as a table, each with its evidence passage.
pub fn write_cooccurrence_text(
    out: &mut dyn Write,
    actor: &str,
    rows: &[Cooccurrence],
    style: TextStyle,
) -> io::Result<()> {
    writeln!(
        out,
        "{:>6}  {:>6}  {:>8}  {:>8}  actor seen with {actor}",
        "npmi", "lift", "passages", "articles"
    )?;
    for row in rows {
        writeln!(
            out,
            "{:>6.2}  {:>6.2}  {:>8}  {:>8}  {} ({})",
            row.npmi,
            row.lift,
            row.passages,
            row.articles,
            style.paint(BOLD, &row.name),
            row.kind
        )?;
        if let Some(hit) = &row.evidence {
            let date = shown_date(hit.date_display.as_deref());
            writeln!(
                out,
                "        {}",
                style.paint(DIM, &format!("{date} {}", truncate(&hit.title, 80)))
            )?;
            writeln!(
                out,
                "        {}",
                truncate(&hit.text.replace('\n', " "), 200)
            )?;
        }
    }
    Ok(())
}

/// Writes hits as TREC run lines: `qid Q0 docid rank score newsdex`.
///
/// With `passage_unit` the docid is `article_id#passage`, else the article id.
pub fn write_trec(
    out: &mut dyn Write,
    query_id: &str,
    hits: &[Hit],
    passage_unit: bool,
) -> io::Result<()> {
    for hit in hits {
        let docid = if passage_unit {
            format!("{}#{}", hit.article_id, hit.passage)
        } else {
            hit.article_id.clone()
        };
        writeln!(
            out,
            "{query_id} Q0 {docid} {} {:.4} newsdex",
            hit.rank, hit.score
        )?;
    }
    Ok(())
}

/// Writes a whole article (`show`) as text.
pub fn write_article_text(
    out: &mut dyn Write,
    article: &FullArticle,
    style: TextStyle,
) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        style.paint(TITLE, title_or_placeholder(&article.title))
    )?;
    let date = shown_date(article.date_display.as_deref());
    writeln!(
        out,
        "{}",
        style.paint(
            DIM,
            &format!(
                "{date}  {}  {}  id {}  lang {}",
                article.path, article.source, article.article_id, article.lang
            )
        )
    )?;
    if !article.actors.is_empty() {
        writeln!(out, "{}", style.paint(DIM, &actor_line(&article.actors)))?;
    }
    for passage in &article.passages {
        writeln!(out)?;
        write_wrapped(out, &passage.text, &passage.highlights, "", style)?;
    }
    Ok(())
}

/// Writes the summary of an indexing run, one figure per line.
pub fn write_index_summary(
    out: &mut dyn Write,
    summary: &IndexSummary,
    index_dir: &str,
) -> io::Result<()> {
    let seconds = summary.elapsed.as_secs_f64();
    let megabytes = summary.bytes as f64 / 1e6;
    writeln!(
        out,
        "indexed {} into {index_dir}: {} added, {} updated, {} removed, {} unchanged",
        plural(summary.articles, "article"),
        summary.added,
        summary.updated,
        summary.removed,
        summary.unchanged
    )?;
    writeln!(out, "  passages        {}", summary.passages)?;
    writeln!(out, "  undated         {}", summary.undated)?;
    writeln!(out, "  files read      {}", summary.files)?;
    writeln!(out, "  files unchanged {}", summary.files_unchanged)?;
    writeln!(out, "  files removed   {}", summary.files_removed)?;
    writeln!(out, "  files skipped   {}", summary.skipped_files)?;
    writeln!(out, "  warnings        {}", summary.warnings)?;
    writeln!(out, "  text read       {megabytes:.1} MB")?;
    writeln!(out, "  elapsed         {seconds:.2} s")?;
    writeln!(
        out,
        "  throughput      {:.1} MB/s, {:.0} articles/s",
        if seconds > 0.0 {
            megabytes / seconds
        } else {
            0.0
        },
        if seconds > 0.0 {
            (summary.added + summary.updated) as f64 / seconds
        } else {
            0.0
        }
    )
}

/// `1 article`, `2 articles`: a count and its noun, singular or plural.
pub fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Writes the stats as aligned `name value` lines for people.
pub fn write_stats_text(out: &mut dyn Write, stats: &crate::stats::IndexStats) -> io::Result<()> {
    let day = |d: &Option<String>| {
        d.as_deref()
            .map_or("-".to_string(), |d| d.get(..10).unwrap_or(d).to_string())
    };
    writeln!(out, "articles        {}", stats.articles)?;
    writeln!(out, "passages        {}", stats.passages)?;
    writeln!(
        out,
        "actors          {} ({} forms)",
        stats.actors, stats.actor_forms
    )?;
    writeln!(
        out,
        "dates           {} .. {}",
        day(&stats.date_from),
        day(&stats.date_to)
    )?;
    writeln!(out, "undated         {}", stats.undated)?;
    let mut languages: Vec<(&String, &u64)> = stats.languages.iter().collect();
    languages.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    let languages: Vec<String> = languages
        .iter()
        .map(|(code, articles)| format!("{code} {articles}"))
        .collect();
    writeln!(out, "languages       {}", languages.join(", "))?;
    writeln!(out, "files           {}", stats.files)?;
    writeln!(out, "segments        {}", stats.segments)?;
    writeln!(out, "size on disk    {:.1} MB", stats.bytes as f64 / 1e6)?;
    writeln!(
        out,
        "last indexed    {}",
        stats.indexed_at.as_deref().unwrap_or("-")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str, highlights: &[(usize, usize)], color: bool) -> String {
        let mut out = Vec::new();
        write_wrapped(&mut out, text, highlights, "  ", TextStyle { color }).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn wraps_at_word_boundaries() {
        let text = "word ".repeat(60);
        let rendered = render(&text, &[], false);
        for line in rendered.lines() {
            assert!(line.chars().count() <= WRAP_WIDTH, "{line}");
            assert!(line.starts_with("  word"));
        }
        assert_eq!(rendered.split_whitespace().count(), 60);
    }

    #[test]
    fn highlights_painted_only_with_color() {
        let text = "sanctions on\nRussia";
        assert_eq!(render(text, &[(0, 9)], false), "  sanctions on Russia\n");
        assert_eq!(
            render(text, &[(0, 9)], true),
            format!("  {MATCH}sanctions{RESET} on Russia\n")
        );
    }

    #[test]
    fn actors_grouped_by_kind() {
        let actor = |name: &str, kind: ActorKind| ActorRef::new(name, kind);
        let actors = [
            actor("Russia", ActorKind::Country),
            actor("Joe Biden", ActorKind::Person),
            actor("NATO", ActorKind::Org),
        ];
        assert_eq!(actor_line(&actors), "Joe Biden · NATO · Russia");
    }
}
