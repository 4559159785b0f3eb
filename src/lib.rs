//! newsdex: a search engine for news archives that answers with ranked, highlighted passages.
//!
//! The modules mirror the pipeline: [`corpus`] (files -> articles and passages), [`actors`]
//! (article -> actors), [`schema`] (the tantivy schema and analyzer), [`indexer`] (articles ->
//! index), [`search`] (query -> ranked passages), [`explore`] (facets: actors, timelines,
//! co-occurrence), [`output`] (passages -> text, JSON, TREC), [`queries`] (query files).
//! [`mod@bench`] times the search path.
//! [`store`] opens an index directory and reads its manifest, for both sides; [`state`]
//! records what each commit holds so that indexing is incremental; [`stats`] says what an
//! index holds; [`registry`] settles one canonical actor per real actor across the index.
//! [`guard`] marks the panics the library recovers from. [`lang`] says which language an
//! article is written in.
//! [`serve`] answers the same requests over HTTP, with a page for the browser.
//! [`cli`] wires them to the command line; `main.rs` only maps the result to an exit code.

pub mod actor_ords;
pub mod actors;
pub mod baseline;
pub mod bench;
pub mod cli;
pub mod copies;
pub mod corpus;
pub mod error;
pub mod eval;
pub mod explore;
pub mod export;
pub mod guard;
pub mod indexer;
pub mod lang;
pub mod output;
pub mod queries;
pub mod quotes;
pub mod registry;
pub mod registry_inputs;
pub mod schema;
pub mod search;
pub mod serve;
pub mod state;
pub mod stats;
pub mod store;

pub use error::{Error, Result};
