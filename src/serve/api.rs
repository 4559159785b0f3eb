//! The JSON API: each route turns its parameters into the request the command line would build
//! from the same flags, calls the same library function, and answers with the records the
//! command line's `--json` prints (`output::*_record`), so the two never disagree.

use serde::Serialize;

use crate::actors::ActorKind;
use crate::explore::{self, BucketUnit};
use crate::output;
use crate::search::rank::Recency;
use crate::search::{SearchPlan, SearchRequest, Searcher, SortOrder};

use super::params::Params;
use super::ApiError;

/// Most hits one `/api/search` answers (`limit`).
pub const MAX_LIMIT: u64 = 100;
/// Deepest page (`offset`).
pub const MAX_OFFSET: u64 = 10_000;
/// Most actors, sources or co-occurring actors one list answers (`top`).
pub const MAX_TOP: u64 = 500;
/// Most neighbouring passages on each side of a hit (`context`).
pub const MAX_CONTEXT: u64 = 10;
/// Most passages of one article in a page (`per-article`).
pub const MAX_PER_ARTICLE: u64 = 20;
/// Facet rows per kind in `/api/search`, as `search --facets` shows.
pub const FACETS_TOP: usize = 5;

/// The parameters of each route (besides the filters, which every query route takes).
pub const SEARCH: &[&str] = &[
    "q",
    "limit",
    "offset",
    "per-article",
    "context",
    "sort",
    "reverse",
    "recency",
    "all-copies",
    "stories",
    "facets",
];
/// `/api/actors`.
pub const ACTORS: &[&str] = &["q", "kind", "top", "aliases", "stories"];
/// `/api/sources`.
pub const SOURCES: &[&str] = &["q", "top"];
/// `/api/copies`.
pub const COPIES: &[&str] = &["q"];
/// `/api/timeline`.
pub const TIMELINE: &[&str] = &["target", "by", "stories"];
/// `/api/cooccur`.
pub const COOCCUR: &[&str] = &["name", "q", "top", "min-articles", "stories"];
/// `/api/quotes`.
pub const QUOTES: &[&str] = &["name", "q", "limit"];
/// `/api/article`.
pub const ARTICLE: &[&str] = &["id", "path", "q"];

/// A request with the query text and filters every query route shares.
fn base_request(params: &Params) -> Result<SearchRequest, ApiError> {
    let mut request = SearchRequest {
        query: params.text("q").unwrap_or_default().to_string(),
        ..SearchRequest::default()
    };
    request.set_filters(&params.filters())?;
    Ok(request)
}

/// An answer's JSON text. Records are serialised as they are, never through
/// `serde_json::Value`, so that every number is written as the command line writes it (an
/// `f32` score as `1.5559402`, not as its `f64` widening).
pub type Answer = Result<String, ApiError>;

fn to_json(value: &impl Serialize) -> Answer {
    serde_json::to_string(value).map_err(ApiError::internal)
}

/// `{"items": [...]}` of records.
fn items<T: Serialize>(records: impl IntoIterator<Item = T>) -> Answer {
    #[derive(Serialize)]
    struct Items<T> {
        items: Vec<T>,
    }
    to_json(&Items {
        items: records.into_iter().collect(),
    })
}

fn top(params: &Params, default: u64) -> Result<usize, ApiError> {
    Ok(params.number("top", default, 1, MAX_TOP)? as usize)
}

/// A `/api/search` request checked and planned, not yet run: the server weighs its cost
/// before it chooses the thread that runs it ([`PlannedSearch::answer`]).
pub struct PlannedSearch {
    request: SearchRequest,
    plan: SearchPlan,
    facets: bool,
}

/// The first half of `/api/search`: its parameters read into the request `search` would
/// build from the same flags, and the request planned (a bad parameter, actor or query is
/// refused here, before any search).
pub fn plan_search(searcher: &Searcher, params: &Params) -> Result<PlannedSearch, ApiError> {
    let mut request = base_request(params)?;
    request.limit = params.number("limit", 10, 1, MAX_LIMIT)? as usize;
    request.offset = params.number("offset", 0, 0, MAX_OFFSET)? as usize;
    request.per_article = params.number("per-article", 1, 1, MAX_PER_ARTICLE)? as usize;
    request.context = params.number("context", 0, 0, MAX_CONTEXT)? as usize;
    let by_date = params.choice("sort", false, &[("relevance", false), ("date", true)])?;
    request.sort = match (by_date, params.flag("reverse")?) {
        (false, _) => SortOrder::Auto,
        (true, false) => SortOrder::DateNewest,
        (true, true) => SortOrder::DateOldest,
    };
    request.recency = params
        .text("recency")
        .map(|text| {
            Recency::parse(text)
                .map_err(|reason| ApiError::bad_request(format!("recency: {reason}")))
        })
        .transpose()?;
    request.stories = params.flag("stories")?;
    request.fold_copies = !params.flag("all-copies")?;
    let facets = params.text("facets").is_none() || params.flag("facets")?;
    let plan = searcher.plan(&request)?;
    Ok(PlannedSearch {
        request,
        plan,
        facets,
    })
}

impl PlannedSearch {
    /// Whether the answer has the facets (a pass over every matching article, beside the
    /// search's own).
    pub fn with_facets(&self) -> bool {
        self.facets
    }

    /// What walking the search's matches costs, as [`Searcher::match_cost`] estimates it.
    pub fn match_cost(&self, searcher: &Searcher) -> Result<u64, ApiError> {
        Ok(searcher.match_cost(&self.plan)?)
    }

    /// The second half of `/api/search`: the hits as `search --json` prints them, the match
    /// counts as `search --count --json`, and the facets as `search --facets --json` (unless
    /// `facets=false`).
    pub fn answer(self, searcher: &Searcher) -> Answer {
        let (results, total) = searcher.search_and_count_planned(&self.plan, &self.request)?;
        let facets = if self.facets && !results.hits.is_empty() {
            Some(explore::facets(searcher, &self.request, FACETS_TOP)?)
        } else {
            None
        };
        #[derive(Serialize)]
        struct SearchAnswer<H> {
            hits: Vec<H>,
            total: crate::search::MatchCounts,
            facets: Option<explore::Facets>,
        }
        let answer = SearchAnswer {
            hits: results.hits.iter().map(output::hit_record).collect(),
            total,
            facets,
        };
        to_json(&answer)
    }
}

/// `/api/actors`: the lines of `actors --json`.
pub fn actors(searcher: &Searcher, params: &Params) -> Answer {
    let mut request = base_request(params)?;
    request.stories = params.flag("stories")?;
    let kind = params.choice(
        "kind",
        None,
        &[
            ("person", Some(ActorKind::Person)),
            ("org", Some(ActorKind::Org)),
            ("country", Some(ActorKind::Country)),
            ("place", Some(ActorKind::Place)),
        ],
    )?;
    let mut actors = explore::top_actors(searcher, &request, kind, top(params, 20)?)?;
    if params.flag("aliases")? {
        explore::attach_aliases(searcher, &mut actors)?;
    }
    items(actors)
}

/// `/api/sources`: the lines of `sources --json`.
pub fn sources(searcher: &Searcher, params: &Params) -> Answer {
    let request = base_request(params)?;
    items(explore::top_sources(searcher, &request, top(params, 20)?)?)
}

/// `/api/copies`: the lines of `copies --json`.
pub fn copies(searcher: &Searcher, params: &Params) -> Answer {
    let request = base_request(params)?;
    let groups = explore::copy_groups(searcher, &request)?;
    items(groups.iter().map(output::copy_group_record))
}

/// `/api/timeline`: the lines of `timeline --json`, with what the target was taken for.
pub fn timeline(searcher: &Searcher, params: &Params) -> Answer {
    let mut request = base_request(params)?;
    request.stories = params.flag("stories")?;
    let target = params.required("target")?;
    let unit = params.choice(
        "by",
        BucketUnit::Month,
        &[
            ("day", BucketUnit::Day),
            ("week", BucketUnit::Week),
            ("month", BucketUnit::Month),
            ("year", BucketUnit::Year),
        ],
    )?;
    let aimed = explore::aim_timeline(searcher, &mut request, target)?;
    let timeline = explore::timeline(searcher, &request, unit, explore::BestShown::Hit)?;
    let (actor, query) = match aimed {
        explore::TimelineTarget::Actor(name) => (Some(name), None),
        explore::TimelineTarget::Query(text) => (None, Some(text)),
    };
    #[derive(Serialize)]
    struct TimelineAnswer<B> {
        items: Vec<B>,
        actor: Option<String>,
        query: Option<String>,
        undated: u64,
        imprecise: u64,
    }
    let answer = TimelineAnswer {
        items: timeline.buckets.iter().map(output::bucket_record).collect(),
        actor,
        query,
        undated: timeline.undated,
        imprecise: timeline.imprecise,
    };
    to_json(&answer)
}

/// `/api/cooccur`: the lines of `cooccur --json`.
pub fn cooccur(searcher: &Searcher, params: &Params) -> Answer {
    let mut request = base_request(params)?;
    request.stories = params.flag("stories")?;
    let name = params.required("name")?;
    let rows = explore::cooccur(
        searcher,
        name,
        &request,
        top(params, 10)?,
        params.number("min-articles", 2, 1, u64::MAX)?,
    )?;
    items(rows.iter().map(output::cooccurrence_record))
}

/// `/api/quotes`: `{"items": [...]}` of the records `quotes --json` prints, one per
/// quotation of the speaker `name`.
pub fn quotes(searcher: &Searcher, params: &Params) -> Answer {
    let request = base_request(params)?;
    let name = params.required("name")?;
    let limit = params.number("limit", 20, 1, MAX_LIMIT)? as usize;
    let quotations = crate::search::quotations(searcher, request, name, limit)?;
    items(quotations)
}

/// `/api/article`: the object `show --json` prints.
pub fn article(searcher: &Searcher, params: &Params) -> Answer {
    let id = params.required("id")?;
    let article = searcher.show(id, params.text("path"), params.text("q").unwrap_or(""))?;
    to_json(&article)
}

/// `/api/stats`: the object `stats --json` prints.
pub fn stats(index_dir: &std::path::Path) -> Answer {
    let stats = crate::stats::index_stats(index_dir)?;
    to_json(&stats)
}
