//! `newsdex serve`: the archive in a browser. A local HTTP server (axum on a small tokio
//! runtime) with a JSON API over the same library calls as the command line's `--json`
//! outputs, and one embedded page that uses it.
//!
//! Where each rule lives: the routes and their parameters in [`api`] (one function per route,
//! no HTTP in it); checking a query string in [`params`]; the page and its files in `page`;
//! here, the router, the index reader that follows new commits, the time limit and the one
//! mapping from errors to status codes ([`ApiError`]). Read-only: no route writes the index or
//! reads a file outside it and the embedded page.

pub mod api;
mod page;
pub mod params;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant, SystemTime};

use axum::extract::{RawQuery, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

use crate::error::{Error, Result, SearchError};
use crate::search::Searcher;

use params::Params;

/// How `serve` listens and answers.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The index directory.
    pub index_dir: PathBuf,
    /// The address to listen on (loopback unless asked otherwise).
    pub bind: IpAddr,
    /// The port (0: any free port).
    pub port: u16,
    /// Longest a request may run before it is answered with an error.
    pub time_limit: Duration,
}

/// A request the server will not or cannot answer: a status and one line for `{"error": ...}`.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// What went wrong, on one line.
    pub message: String,
}

impl ApiError {
    /// A 503: the answer did not come within the server's time limit.
    pub fn over_time_limit(limit: Duration) -> ApiError {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: format!(
                "the request took longer than the time limit of {} ms; narrow it",
                limit.as_millis()
            ),
        }
    }

    /// A 400: the request itself is at fault.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    /// A 404.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }

    /// A 500: the server is at fault.
    pub fn internal(err: impl std::fmt::Display) -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: err.to_string(),
        }
    }
}

/// The one place a library error becomes a status: what the request asked for that the
/// index cannot answer is the client's (4xx); anything else is the server's (500).
impl From<Error> for ApiError {
    fn from(err: Error) -> ApiError {
        let message = one_line(&err.to_string());
        match err {
            Error::Search(SearchError::NoSuchArticle { .. }) => ApiError::not_found(message),
            Error::Search(_) | Error::BadDateFilter { .. } => ApiError::bad_request(message),
            _ => ApiError::internal(message),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": one_line(&self.message) });
        (self.status, Json(body)).into_response()
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What identifies an index's current state: the files a commit, an `index` run or a
/// `correct` rewrites, each by size and modification time.
type Stamp = Vec<Option<(u64, SystemTime)>>;

/// The files whose change means the searcher must be opened again.
const WATCHED: &[&str] = &[
    "meta.json",
    "newsdex.json",
    "actors-registry.json",
    "actors-table.txt",
    "corrections.txt",
    "copies.json",
    crate::actor_ords::ORDS_FILE,
];

/// The [`WATCHED`] files of an index, by size and modification time (`None`: not there).
fn stamp(watched: &[PathBuf]) -> Stamp {
    watched
        .iter()
        .map(|path| {
            let meta = std::fs::metadata(path).ok()?;
            Some((meta.len(), meta.modified().ok()?))
        })
        .collect()
}

/// What every handler shares: the index and the searcher of its latest commit.
pub struct AppState {
    index_dir: PathBuf,
    /// The index's [`WATCHED`] files.
    watched: Vec<PathBuf>,
    time_limit: Duration,
    current: RwLock<(Stamp, Arc<Searcher>)>,
    /// When the server opened the index: the origin of `checked`.
    opened: Instant,
    /// When the latest look at the watched files began (nanoseconds after `opened`), once the
    /// searcher in `current` is as new as what it saw.
    checked: AtomicU64,
}

impl AppState {
    /// Opens the index (an error here stops `serve` before it listens).
    pub fn open(index_dir: &Path, time_limit: Duration) -> Result<AppState> {
        let watched: Vec<PathBuf> = WATCHED.iter().map(|name| index_dir.join(name)).collect();
        let opened = Instant::now();
        let stamp = stamp(&watched);
        let searcher = Searcher::open(index_dir)?;
        Ok(AppState {
            index_dir: index_dir.to_path_buf(),
            watched,
            time_limit,
            current: RwLock::new((stamp, Arc::new(searcher))),
            opened,
            checked: AtomicU64::new(0),
        })
    }

    /// The searcher of the index's latest commit for a request that arrived at `arrived`:
    /// the one already open, unless `newsdex index` or `correct` has written since, in which
    /// case a new one (its registry and copy groups read afresh). Requests already running keep
    /// the one they started with. The watched files are looked at once per arrival: a look
    /// that began after this request arrived saw every write the request must see, so
    /// requests that arrive together (a page's calls, clients at once) share one look.
    fn searcher(&self, arrived: Instant) -> Result<Arc<Searcher>> {
        let since_opened = |at: Instant| {
            u64::try_from(at.saturating_duration_since(self.opened).as_nanos()).unwrap_or(u64::MAX)
        };
        let read = || self.current.read().unwrap_or_else(|p| p.into_inner());
        if self.checked.load(Ordering::Acquire) > since_opened(arrived) {
            return Ok(Arc::clone(&read().1));
        }
        let looked = Instant::now();
        let now = stamp(&self.watched);
        let unchanged = {
            let current = read();
            (current.0 == now).then(|| Arc::clone(&current.1))
        };
        let searcher = match unchanged {
            Some(searcher) => searcher,
            None => {
                // One opening at a time, the files looked at again under the lock: the
                // searcher in `current` only ever moves forward.
                let mut current = self.current.write().unwrap_or_else(|p| p.into_inner());
                let now = stamp(&self.watched);
                if current.0 != now {
                    *current = (now, Arc::new(Searcher::open(&self.index_dir)?));
                }
                Arc::clone(&current.1)
            }
        };
        self.checked
            .fetch_max(since_opened(looked), Ordering::AcqRel);
        Ok(searcher)
    }

    /// Runs `answer` on a search thread with the latest searcher, within the time limit.
    async fn answer<F>(self: Arc<Self>, answer: F) -> std::result::Result<Response, ApiError>
    where
        F: FnOnce(&AppState, &Searcher) -> api::Answer + Send + 'static,
    {
        let started = Instant::now();
        let state = Arc::clone(&self);
        self.on_search_thread(started, move || {
            state
                .searcher(started)
                .map_err(ApiError::from)
                .and_then(|searcher| answer(&state, &searcher))
        })
        .await
    }

    /// Runs `work` for a request that arrived at `started` on a thread of the blocking pool,
    /// and answers with its JSON, or with a 503 when it is not done by the time limit (the
    /// work is not stopped, but nobody waits for it).
    async fn on_search_thread<F>(
        &self,
        started: Instant,
        work: F,
    ) -> std::result::Result<Response, ApiError>
    where
        F: FnOnce() -> api::Answer + Send + 'static,
    {
        let limit = self.time_limit;
        let deadline = started + limit;
        let task = tokio::task::spawn_blocking(move || {
            let began = Instant::now();
            // A request that waited for a thread past its deadline is refused before any
            // work; this also makes a limit of 0 refuse every request, whatever the speed.
            let answer = if began >= deadline {
                Err(ApiError::over_time_limit(limit))
            } else {
                work()
            };
            (answer, began - started)
        });
        Ok(match tokio::time::timeout(limit, task).await {
            Ok(Ok((answer, wait))) => timed_response(answer, started, Some(wait)),
            // A panic in the library: the hook has printed it; the server goes on.
            Ok(Err(_)) => timed_response(
                Err(ApiError::internal("internal error while answering")),
                started,
                None,
            ),
            Err(_) => timed_response(Err(ApiError::over_time_limit(limit)), started, None),
        })
    }

    /// Runs `work` for a request that arrived at `started` right here, on the thread that
    /// received it: for work bounded well below the time limit ([`QUICK_SEARCH_COST`]). The
    /// limit still holds: a request past it is refused before the work, and work that ended
    /// past it is answered with the same 503 as on a search thread.
    fn here(&self, started: Instant, work: impl FnOnce() -> api::Answer) -> Response {
        let limit = self.time_limit;
        let answer = if started.elapsed() >= limit {
            Err(ApiError::over_time_limit(limit))
        } else {
            work().and_then(|json| {
                if started.elapsed() > limit {
                    Err(ApiError::over_time_limit(limit))
                } else {
                    Ok(json)
                }
            })
        };
        timed_response(answer, started, Some(Duration::ZERO))
    }
}

/// Most work a search may cost to be answered on the thread that received it, in tantivy's
/// estimate of the postings it walks ([`Searcher::match_cost`]); a costlier search, and any
/// search with facets, goes to a search thread under the time limit. A search of this cost
/// takes a few milliseconds at most; answering it where it arrived saves the hand-off to
/// another thread and back (two thread wake-ups, and caches of another core), which was a
/// quarter of a typical search's answer.
pub const QUICK_SEARCH_COST: u64 = 100_000;

/// An answer (JSON text or an error) as a response with its `Server-Timing` header.
fn timed_response(answer: api::Answer, started: Instant, wait: Option<Duration>) -> Response {
    let mut response = match answer {
        Ok(json) => ([(header::CONTENT_TYPE, "application/json")], json).into_response(),
        Err(err) => err.into_response(),
    };
    let timing = server_timing(started.elapsed(), wait);
    if let Ok(value) = header::HeaderValue::try_from(timing) {
        response.headers_mut().insert(SERVER_TIMING, value);
    }
    response
}

/// The header that says how long the server took (W3C Server Timing: a browser's developer
/// tools show it beside the network time; the load test reads it).
const SERVER_TIMING: header::HeaderName = header::HeaderName::from_static("server-timing");

/// `answer;dur=MS, wait;dur=MS` in milliseconds: `answer` from the handler's start to the
/// JSON text (or the error) ready to send, `wait` the part of it before a search thread
/// started (the hand-off, and under load the wait for a free thread; 0 for a search
/// answered on the thread that received it; absent when the search thread gave no answer).
fn server_timing(answer: Duration, wait: Option<Duration>) -> String {
    let ms = |span: Duration| span.as_secs_f64() * 1e3;
    match wait {
        Some(wait) => format!("answer;dur={:.3}, wait;dur={:.3}", ms(answer), ms(wait)),
        None => format!("answer;dur={:.3}", ms(answer)),
    }
}

type Route = fn(&Searcher, &Params) -> api::Answer;

/// A handler for a query route: parameters checked against `allowed` (and the filters), then
/// `route` on the latest searcher.
async fn query_route(
    state: Arc<AppState>,
    raw: Option<String>,
    allowed: &'static [&'static str],
    filters: bool,
    route: Route,
) -> std::result::Result<Response, ApiError> {
    let params = Params::parse(raw.as_deref(), allowed, filters)?;
    state
        .answer(move |_, searcher| route(searcher, &params))
        .await
}

/// The handler of `/api/search`: the request checked and planned on the thread that received
/// it; a search that costs at most [`QUICK_SEARCH_COST`] (and asks no facets) is answered
/// there too, any other on a search thread.
async fn search_route(
    state: Arc<AppState>,
    raw: Option<String>,
) -> std::result::Result<Response, ApiError> {
    let params = Params::parse(raw.as_deref(), api::SEARCH, true)?;
    let started = Instant::now();
    let planned = state
        .searcher(started)
        .map_err(ApiError::from)
        .and_then(|searcher| {
            let planned = api::plan_search(&searcher, &params)?;
            let quick =
                !planned.with_facets() && planned.match_cost(&searcher)? <= QUICK_SEARCH_COST;
            Ok((searcher, planned, quick))
        });
    // A request refused while it was planned has its time too, as one refused on a thread.
    let (searcher, planned, quick) = match planned {
        Ok(planned) => planned,
        Err(err) => return Ok(timed_response(Err(err), started, Some(Duration::ZERO))),
    };
    if quick {
        return Ok(state.here(started, || planned.answer(&searcher)));
    }
    state
        .on_search_thread(started, move || planned.answer(&searcher))
        .await
}

/// The router: the page, its files, the API.
pub fn app(state: Arc<AppState>) -> Router {
    macro_rules! query {
        ($allowed:expr, $filters:expr, $route:expr) => {
            get(
                |State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery| async move {
                    query_route(state, raw, $allowed, $filters, $route).await
                },
            )
        };
    }
    Router::new()
        .route("/", get(page::index))
        .route("/static/{*path}", get(page::asset))
        .route(
            "/api/search",
            get(
                |State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery| async move {
                    search_route(state, raw).await
                },
            ),
        )
        .route("/api/actors", query!(api::ACTORS, true, api::actors))
        .route("/api/sources", query!(api::SOURCES, true, api::sources))
        .route("/api/copies", query!(api::COPIES, true, api::copies))
        .route("/api/timeline", query!(api::TIMELINE, true, api::timeline))
        .route("/api/cooccur", query!(api::COOCCUR, true, api::cooccur))
        .route("/api/quotes", query!(api::QUOTES, true, api::quotes))
        .route("/api/article", query!(api::ARTICLE, false, api::article))
        .route(
            "/api/stats",
            get(
                |State(state): State<Arc<AppState>>, RawQuery(raw): RawQuery| async move {
                    Params::parse(raw.as_deref(), &[], false)?;
                    state.answer(|state, _| api::stats(&state.index_dir)).await
                },
            ),
        )
        .fallback(
            |uri: Uri| async move { ApiError::not_found(format!("no such page: {}", uri.path())) },
        )
        .with_state(state)
}

/// Serves until Ctrl-C (or SIGTERM): opens the index, listens, calls `on_ready` with the page's
/// address, and answers requests on two worker threads (searches run on a blocking pool, but
/// for the quick ones: [`QUICK_SEARCH_COST`]).
pub fn serve(options: &ServeOptions, on_ready: impl FnOnce(&str)) -> Result<()> {
    let state = Arc::new(AppState::open(&options.index_dir, options.time_limit)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(8)
        .enable_io()
        .enable_time()
        .build()
        .map_err(|source| Error::io(&options.index_dir, source))?;
    let address = SocketAddr::new(options.bind, options.port);
    let result = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .map_err(|source| Error::Listen {
                address: address.to_string(),
                source,
            })?;
        let local = listener.local_addr().map_err(|source| Error::Listen {
            address: address.to_string(),
            source,
        })?;
        on_ready(&page_url(local));
        axum::serve(listener, app(state))
            .with_graceful_shutdown(stop_signal())
            .await
            .map_err(|source| Error::Listen {
                address: local.to_string(),
                source,
            })
    });
    // A search still running on the blocking pool is not waited for.
    runtime.shutdown_timeout(Duration::from_millis(500));
    result
}

/// The page's address for a listening socket (an IPv6 address in brackets).
fn page_url(local: SocketAddr) -> String {
    format!("http://{local}/")
}

/// Resolves on Ctrl-C, or on SIGTERM where there is one.
async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    {
        let term = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut signal) => {
                    signal.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = ctrl_c => {},
            _ = term => {},
        }
    }
    #[cfg(not(unix))]
    ctrl_c.await;
}

/// Content types of the embedded files.
fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

/// An embedded file as a response.
fn file_response(name: &str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type(name)),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_timing_gives_the_answer_and_its_wait() {
        let answer = Duration::from_micros(512);
        assert_eq!(
            server_timing(answer, Some(Duration::from_micros(31))),
            "answer;dur=0.512, wait;dur=0.031"
        );
        assert_eq!(server_timing(answer, None), "answer;dur=0.512");
    }
}
