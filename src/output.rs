//! Output: hits, articles and summaries rendered as text for people, JSON lines or TREC runs.
//!
//! Everything writes to a `std::io::Write` so that the bench can render into a buffer exactly
//! as the terminal would get it.

use std::io::{self, Write};

use serde::Serialize;

use crate::indexer::IndexSummary;
use crate::search::{ActorRef, FullArticle, Hit, PassageText};

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

/// Writes one hit as a few lines of text: rank, date, title; file and passage; actors; text.
pub fn write_hit_text(out: &mut dyn Write, hit: &Hit, style: TextStyle) -> io::Result<()> {
    // A full timestamp is more than a reader scanning hits needs: show its day.
    let date = hit
        .date_display
        .as_deref()
        .map_or("undated", |d| d.get(..10).unwrap_or(d));
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
                "{location}  id {}  passage {}/{}  score {:.2}",
                hit.article_id,
                hit.passage + 1,
                hit.passages,
                hit.score
            )
        )
    )?;
    if !hit.actors.is_empty() {
        writeln!(out, "    {}", style.paint(DIM, &actor_line(&hit.actors)))?;
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

fn title_or_placeholder(title: &str) -> &str {
    if title.is_empty() {
        "(no title)"
    } else {
        title
    }
}

/// Actors grouped by kind on one line: people, then organisations, countries, places.
pub fn actor_line(actors: &[ActorRef]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for kind in ["person", "org", "country", "place"] {
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
    let mut line = String::new();
    let mut line_chars = 0;
    let mut words = text
        .split_whitespace()
        .map(|word| {
            let start = word.as_ptr() as usize - text.as_ptr() as usize;
            (start, start + word.len())
        })
        .peekable();
    while let Some((start, end)) = words.next() {
        let word_chars = text[start..end].chars().count();
        if line_chars > 0 && line_chars + 1 + word_chars > width {
            writeln!(out, "{indent}{line}")?;
            line.clear();
            line_chars = 0;
        }
        if line_chars > 0 {
            // Keep a highlighted phrase painted across the space between its words.
            let inside = highlights.iter().any(|&(s, e)| s < start && e >= end);
            if inside && style.color {
                line.push_str(&format!("{MATCH} {RESET}"));
            } else {
                line.push(' ');
            }
            line_chars += 1;
        }
        push_painted(&mut line, text, start, end, highlights, style);
        line_chars += word_chars;
        if words.peek().is_none() {
            writeln!(out, "{indent}{line}")?;
        }
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
    line: Option<u64>,
    actors: &'a [ActorRef],
    text: &'a str,
    highlights: &'a [(usize, usize)],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    before: &'a [PassageText],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    after: &'a [PassageText],
}

/// Writes one hit as a JSON line.
pub fn write_hit_json(out: &mut dyn Write, hit: &Hit) -> io::Result<()> {
    let json = HitJson {
        rank: hit.rank,
        score: hit.score,
        article_id: &hit.article_id,
        passage: hit.passage,
        passages: hit.passages,
        date: hit.date.as_deref(),
        title: &hit.title,
        path: &hit.path,
        line: hit.line,
        actors: &hit.actors,
        text: &hit.text,
        highlights: &hit.highlights,
        before: &hit.before,
        after: &hit.after,
    };
    serde_json::to_writer(&mut *out, &json)?;
    writeln!(out)
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
    let date = article.date_display.as_deref().unwrap_or("undated");
    writeln!(
        out,
        "{}",
        style.paint(
            DIM,
            &format!("{date}  {}  id {}", article.path, article.article_id)
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

fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
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
        let actor = |name: &str, kind: &str| ActorRef {
            name: name.into(),
            kind: kind.into(),
        };
        let actors = [
            actor("Russia", "country"),
            actor("Joe Biden", "person"),
            actor("NATO", "org"),
        ];
        assert_eq!(actor_line(&actors), "Joe Biden · NATO · Russia");
    }
}
