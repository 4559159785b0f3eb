//! Fuzz the article parsers (`.txt` and JSONL line) and what the indexer does with an
//! article: passages, actors, tantivy documents. Any panic is a bug.

#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::corpus::{parse_jsonl_line, parse_txt, split_passages, Article};
use newsdex::schema::{build_schema, Fields};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let fields = Fields::from_schema(&build_schema()).expect("schema");
    let mut articles: Vec<Article> = Vec::new();
    if let Ok((article, _)) = parse_txt("f.txt", "f", text, &[]) {
        articles.push(article);
    }
    for (number, line) in text.lines().enumerate() {
        if let Ok((article, _)) = parse_jsonl_line("f.jsonl", number + 1, line, &Default::default(), &[]) {
            articles.push(article);
        }
    }
    for article in &articles {
        for passage in split_passages(&article.body) {
            assert!(article.body.is_char_boundary(passage.start));
            assert!(article.body.is_char_boundary(passage.end));
        }
        let documents = newsdex::indexer::article_documents(article, &fields);
        assert!(!documents.is_empty());
    }
});
