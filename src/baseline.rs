//! Bare tantivy indexing of the same articles: the yardstick `newsdex index` is measured
//! against (issue 16). Title and body, positions, stored, tantivy's English stemmer, one
//! writer thread, one commit; no passages, actors, copies or quotes.
//!
//! Articles are read through `corpus`, as `newsdex index` reads them, so that the two differ
//! only in what is built from the text.

use std::path::{Path, PathBuf};

use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::{Index, IndexWriter, TantivyDocument};

use crate::corpus::{self, Item, ReadOptions};

/// Writer budget of the bare index: tantivy's usual single-thread figure, so that it commits
/// one segment for Reuters-sized inputs as `newsdex index` does per thread.
pub const BARE_WRITER_BYTES: usize = 200_000_000;

/// What the bare indexing did.
#[derive(Debug, Clone, Copy, Default)]
pub struct BareSummary {
    /// Articles indexed.
    pub articles: u64,
    /// Bytes of article text (title and body) read.
    pub bytes: u64,
}

/// Indexes the articles of every file under `inputs` into a new tantivy index in `index_dir`
/// (which must be empty or absent) with the bare schema: `title` and `body`, both analysed
/// by tantivy's `en_stem`, with positions, and stored.
pub fn index_bare(inputs: &[PathBuf], index_dir: &Path) -> tantivy::Result<BareSummary> {
    std::fs::create_dir_all(index_dir)?;
    let mut builder = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("en_stem")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let title = builder.add_text_field("title", text.clone());
    let body = builder.add_text_field("body", text);
    let index = Index::create_in_dir(index_dir, builder.build())?;
    let mut writer: IndexWriter<TantivyDocument> =
        index.writer_with_num_threads(1, BARE_WRITER_BYTES)?;
    let mut summary = BareSummary::default();
    let mut failed = None;
    let options = ReadOptions::default();
    for (path, _) in corpus::walk(inputs).files {
        summary.bytes += corpus::read_file(&path, &options, &mut |item| {
            let Item::Article(article, _) = item else {
                return;
            };
            let mut document = TantivyDocument::default();
            document.add_text(title, &article.title);
            document.add_text(body, &article.body);
            match writer.add_document(document) {
                Ok(_) => summary.articles += 1,
                Err(err) => failed = Some(err),
            }
        });
        if let Some(err) = failed.take() {
            return Err(err);
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_every_article_of_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("wire.jsonl");
        std::fs::write(
            &file,
            "{\"id\":\"a\",\"date\":\"2001-02-03\",\"title\":\"Harbour opens\",\"body\":\"The harbour of Velmora opened today.\"}\n\
             {\"id\":\"b\",\"date\":\"2001-02-04\",\"title\":\"Harbour closes\",\"body\":\"Storms closed the harbour of Velmora.\"}\n",
        )
        .unwrap();
        let summary = index_bare(&[file], &dir.path().join("bare")).unwrap();
        assert_eq!(summary.articles, 2);
        let index = Index::open_in_dir(dir.path().join("bare")).unwrap();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.num_docs(), 2);
    }
}
