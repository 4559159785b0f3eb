//! `export`: the flags become [`ExportOptions`] and a search request; the library writes.

use std::path::Path;

use super::args::{ExportArgs, ExportTo, Unit};
use super::{apply_filters, Outcome};
use crate::export::{self, ExportOptions, ExportUnit, Target};
use crate::search::{SearchRequest, Searcher};

pub(super) fn run_export(index_dir: &Path, args: ExportArgs) -> anyhow::Result<Outcome> {
    let searcher = Searcher::open(index_dir)?;
    let mut request = SearchRequest {
        query: args.query.join(" "),
        ..SearchRequest::default()
    };
    apply_filters(&mut request, &args.filters)?;
    request.match_all = request.query.trim().is_empty();
    let options = ExportOptions {
        target: match args.to {
            ExportTo::Quickwit => Target::Quickwit,
            ExportTo::Elasticsearch => Target::Elasticsearch,
            ExportTo::Jsonl => Target::Jsonl,
        },
        out: args.out,
        unit: match args.unit {
            Unit::Article => ExportUnit::Article,
            Unit::Passage => ExportUnit::Passage,
        },
        index_id: args.index_id,
    };
    let started = std::time::Instant::now();
    let summary = export::export(&searcher, &request, &options)?;
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "newsdex: exported {} documents to {} ({} files, {:.1} MB, {:.1} s, {:.1} MB/s)",
        summary.documents,
        options.out.display(),
        summary.files,
        summary.bytes as f64 / 1e6,
        seconds,
        summary.bytes as f64 / 1e6 / seconds.max(1e-9)
    );
    Ok(Outcome::Found)
}
