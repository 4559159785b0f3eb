//! `newsdex serve`: the binary started with `--port 0` on a generated corpus, its address read
//! from the first line of stdout, each route checked against the command line's `--json`
//! output for the same request (one code path), each bad request against its 4xx.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::{json_lines, newsdex, run, write_files, Indexed};

/// A harbour town's month of news: ferries, a strike, two councils. Names invented here.
fn harbour_corpus(dir: &Path) {
    let lines = [
        r#"{"id": "h1", "date": "2024-02-03", "source": "Tidewater Post", "title": "Ferry crews walk out over rotas", "body": "Ferry crews in Norway walked out on Saturday. Halvard Ostrem, who leads the crews' union, said the rotas left no time for rest.\n\nThe Brightwater Ferry Company said the timetable would be restored by Monday."}"#,
        r#"{"id": "h2", "date": "2024-02-05", "source": "Tidewater Post", "title": "Ferry strike enters third day", "body": "The ferry strike in Norway entered its third day. Halvard Ostrem met managers of the Brightwater Ferry Company in Bergen.\n\nPassengers queued at the quay for buses instead."}"#,
        r#"{"id": "h3", "date": "2024-03-11", "source": "Fjord Courier", "title": "Council votes on quay repairs", "body": "The council in Bergen voted to repair the north quay. Ingrid Solvang, the council leader, said the ferry strike had shown how much the town depends on it."}"#,
        r#"{"id": "h4", "date": "2024-03-20", "source": "Fjord Courier", "title": "Lighthouse keepers honoured", "body": "Two lighthouse keepers from Sweden were honoured in Bergen for forty years of service. Ingrid Solvang presented the medals."}"#,
        r#"{"id": "h5", "date": "2024-04-02", "source": "Tidewater Post", "title": "Ferry deal signed", "body": "Halvard Ostrem and the Brightwater Ferry Company signed a deal that ends the ferry strike in Norway. Crews return on Thursday. \"The crews have earned every hour of rest in this deal,\" Halvard Ostrem said."}"#,
    ];
    write_files(dir, &[("harbour/news.jsonl", lines.join("\n").as_bytes())]);
}

/// A running `newsdex serve`, stopped when dropped.
struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT/`
    url: String,
}

impl Server {
    fn start(index: &Path, extra: &[&str]) -> Server {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsdex"))
            .arg("serve")
            .arg("--index")
            .arg(index)
            .args(["--port", "0"])
            .args(extra)
            .env_remove("NEWSDEX_INDEX")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let url = first.trim().to_string();
        assert!(
            url.starts_with("http://127.0.0.1:") && url.ends_with('/'),
            "first line: {first:?}"
        );
        Server { child, url }
    }

    fn address(&self) -> &str {
        self.url.trim_start_matches("http://").trim_end_matches('/')
    }

    /// `GET path` (sent as written, not normalised): the status, content type and body.
    fn get_raw(&self, path: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(self.address()).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address()
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = String::from_utf8(response).unwrap();
        let (head, body) = response.split_once("\r\n\r\n").unwrap();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        let content_type = head
            .lines()
            .find_map(|line| {
                let (name, value) = line.split_once(':')?;
                name.eq_ignore_ascii_case("content-type")
                    .then(|| value.trim().to_string())
            })
            .unwrap_or_default();
        (status, content_type, body.to_string())
    }

    /// `GET path`, a JSON answer: the status and the value.
    fn get(&self, path: &str) -> (u16, Value) {
        let (status, content_type, body) = self.get_raw(path);
        assert!(
            content_type.starts_with("application/json"),
            "{path}: {content_type} {body}"
        );
        let value = serde_json::from_str(&body).unwrap_or_else(|_| panic!("{path}: {body}"));
        (status, value)
    }

    /// `GET path`, which must answer 200.
    fn ok(&self, path: &str) -> Value {
        let (status, value) = self.get(path);
        assert_eq!(status, 200, "{path}: {value}");
        value
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn harbour_index() -> Indexed {
    let dir = tempfile::tempdir().unwrap();
    harbour_corpus(dir.path());
    let index = Indexed::new(&[&dir.path().join("harbour")]);
    // The corpus is read; the index lives in its own temp dir.
    drop(dir);
    index
}

/// The JSON lines `newsdex ARGS --json` prints.
fn cli_lines(index: &Indexed, args: &[&str]) -> Vec<Value> {
    let mut args = args.to_vec();
    args.push("--json");
    json_lines(&run(index, &args))
}

#[test]
fn every_route_answers_what_the_command_line_prints() {
    let index = harbour_index();
    let server = Server::start(&index.index(), &[]);

    let search = server.ok("/api/search?q=ferry+strike&limit=3");
    assert_eq!(
        search["hits"].as_array().unwrap(),
        &cli_lines(&index, &["search", "ferry strike", "-n", "3"])
    );
    assert!(search["hits"][0]["highlights"].as_array().unwrap().len() >= 2);
    let count = &cli_lines(&index, &["search", "ferry strike", "-c"])[0];
    assert_eq!(search["total"]["articles"], count["articles"]);
    assert_eq!(search["total"]["passages"], count["passages"]);
    let facets = &cli_lines(&index, &["search", "ferry strike", "-n", "3", "--facets"]);
    assert_eq!(&search["facets"], &facets.last().unwrap()["facets"]);
    assert!(!search["facets"]["actors"].as_array().unwrap().is_empty());
    // Without facets the search is answered on the thread that received it: the same hits
    // and total as on a search thread.
    let quick = server.ok("/api/search?q=ferry+strike&limit=3&facets=false");
    assert_eq!(quick["hits"], search["hits"]);
    assert_eq!(quick["total"], search["total"]);
    assert_eq!(quick["facets"], Value::Null);

    // Filters as the flags: repeatable actors, dates, sources.
    let filtered =
        server.ok("/api/search?q=ferry&actor=Norway&from=2024-02-04&source=Tidewater+Post");
    assert_eq!(
        filtered["hits"].as_array().unwrap(),
        &cli_lines(
            &index,
            &[
                "search",
                "ferry",
                "--actor",
                "Norway",
                "--from",
                "2024-02-04",
                "--source",
                "Tidewater Post"
            ]
        )
    );
    assert_eq!(filtered["hits"].as_array().unwrap().len(), 2);

    let actors = server.ok("/api/actors?q=ferry&kind=country&top=5");
    assert_eq!(
        actors["items"].as_array().unwrap(),
        &cli_lines(
            &index,
            &["actors", "ferry", "--kind", "country", "--top", "5"]
        )
    );
    assert_eq!(actors["items"][0]["name"], "Norway");

    let timeline = server.ok("/api/timeline?target=Norway&by=month");
    assert_eq!(
        timeline["items"].as_array().unwrap(),
        &cli_lines(&index, &["timeline", "Norway", "--by", "month"])
    );
    assert_eq!(timeline["actor"], "Norway");
    let counts: Vec<u64> = timeline["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["count"].as_u64().unwrap())
        .collect();
    assert_eq!(counts, [2, 0, 1]);

    let cooccur = server.ok("/api/cooccur?name=Norway&min-articles=1");
    assert_eq!(
        cooccur["items"].as_array().unwrap(),
        &cli_lines(&index, &["cooccur", "Norway", "--min-articles", "1"])
    );
    assert!(!cooccur["items"].as_array().unwrap().is_empty());

    let article = server.ok("/api/article?id=h4&q=lighthouse");
    assert_eq!(
        article,
        cli_lines(&index, &["show", "h4", "-q", "lighthouse"])[0]
    );
    assert_eq!(article["title"], "Lighthouse keepers honoured");

    let sources = server.ok("/api/sources");
    assert_eq!(
        sources["items"].as_array().unwrap(),
        &cli_lines(&index, &["sources"])
    );
    let copies = server.ok("/api/copies");
    assert_eq!(
        copies["items"].as_array().unwrap(),
        &cli_lines(&index, &["copies"])
    );

    let quotes = server.ok("/api/quotes?name=Ostrem");
    assert_eq!(
        quotes["items"].as_array().unwrap(),
        &cli_lines(&index, &["quotes", "Ostrem"])
    );
    assert_eq!(quotes["items"][0]["speaker"], "Halvard Ostrem");
    assert!(quotes["items"][0]["text"]
        .as_str()
        .unwrap()
        .contains("earned every hour"));
    let said = server.ok("/api/search?q=deal&said-by=Ostrem");
    assert_eq!(
        said["hits"].as_array().unwrap(),
        &cli_lines(&index, &["search", "deal", "--said-by", "Ostrem"])
    );
    assert_eq!(said["hits"][0]["article_id"], "h5");

    let stats = server.ok("/api/stats");
    assert_eq!(stats, cli_lines(&index, &["stats"])[0]);
    assert_eq!(stats["articles"], 5);
}

#[test]
fn bad_requests_get_a_one_line_error_and_the_server_goes_on() {
    let index = harbour_index();
    let server = Server::start(&index.index(), &[]);
    let cases: &[(&str, u16, &str)] = &[
        (
            "/api/search?q=ferry&colour=red",
            400,
            "unknown parameter \"colour\"",
        ),
        ("/api/search?q=ferry&from=last+tuesday", 400, "--from"),
        (
            "/api/search?q=ferry&limit=5000",
            400,
            "limit: 5000 is over the limit of 100",
        ),
        ("/api/search?q=ferry&limit=ten", 400, "not a whole number"),
        ("/api/search?q=ferry&q=quay", 400, "given twice"),
        ("/api/search?q=%FF", 400, "not UTF-8"),
        (
            "/api/search?q=ferry&actor=Zebulon+Quartermain",
            400,
            "Zebulon Quartermain",
        ),
        ("/api/search?q=the+of", 400, "no searchable words"),
        (
            "/api/search?q=ferry&sort=sideways",
            400,
            "not one of relevance, date",
        ),
        ("/api/search", 400, "nothing to search for"),
        ("/api/timeline", 400, "\"target\" is required"),
        ("/api/article?id=no-such-article", 404, "no article"),
        ("/api/stats?verbose=1", 400, "unknown parameter"),
        ("/api/nothing-here", 404, "no such page"),
        ("/static/../Cargo.toml", 400, "leaves the static folder"),
        (
            "/static/%2e%2e/%2e%2e/etc/passwd",
            400,
            "leaves the static folder",
        ),
        ("/static/missing.js", 404, "no such file"),
    ];
    for &(path, status, words) in cases {
        let (got, body) = server.get(path);
        assert_eq!(got, status, "{path}: {body}");
        let error = body["error"]
            .as_str()
            .unwrap_or_else(|| panic!("{path}: {body}"));
        assert!(error.contains(words), "{path}: {error}");
        assert!(!error.contains('\n'), "{path}: {error}");
        assert_eq!(body.as_object().unwrap().len(), 1, "{path}: {body}");
    }
    // Still serving after all of them.
    assert_eq!(server.ok("/api/stats")["articles"], 5);
}

#[test]
fn the_page_and_its_files_are_served() {
    let index = harbour_index();
    let server = Server::start(&index.index(), &[]);
    let (status, content_type, body) = server.get_raw("/?q=ferry");
    assert_eq!(status, 200);
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert!(body.contains("/static/app.js"), "{body}");
    assert!(
        !body.contains("https://"),
        "the page fetches nothing from another host"
    );
    let (status, content_type, script) = server.get_raw("/static/app.js");
    assert_eq!(status, 200);
    assert!(
        content_type.starts_with("text/javascript"),
        "{content_type}"
    );
    assert!(script.contains("\"/api/\"") && script.contains("\"search\""));
    let (status, content_type, _) = server.get_raw("/static/style.css");
    assert_eq!((status, content_type.starts_with("text/css")), (200, true));
}

#[test]
fn a_new_commit_is_seen_by_the_next_request() {
    let dir = tempfile::tempdir().unwrap();
    harbour_corpus(dir.path());
    let index_dir = dir.path().join("index");
    let corpus = dir.path().join("harbour");
    let index_with = |index_dir: &Path| {
        newsdex()
            .arg("index")
            .arg("--index")
            .arg(index_dir)
            .arg(&corpus)
            .arg("-q")
            .assert()
            .success();
    };
    index_with(&index_dir);
    let server = Server::start(&index_dir, &[]);
    let (status, _) = server.get("/api/search?q=regatta");
    assert_eq!(status, 200);
    assert_eq!(
        server.ok("/api/search?q=regatta")["hits"],
        serde_json::json!([])
    );
    write_files(
        dir.path(),
        &[(
            "harbour/later.jsonl",
            br#"{"id": "h6", "date": "2024-05-01", "title": "Regatta returns", "body": "The regatta returns to Bergen harbour after the strike."}"#,
        )],
    );
    index_with(&index_dir);
    let after = server.ok("/api/search?q=regatta");
    assert_eq!(after["hits"][0]["article_id"], "h6");
    assert_eq!(server.ok("/api/stats")["articles"], 6);
}

#[test]
fn a_request_over_the_time_limit_is_refused() {
    let index = harbour_index();
    let server = Server::start(&index.index(), &["--time-limit-ms", "0"]);
    // With facets on a search thread; without, on the thread that received the request.
    for path in [
        "/api/search?q=ferry",
        "/api/search?q=ferry&facets=false",
        "/api/actors?q=ferry",
    ] {
        let (status, body) = server.get(path);
        assert_eq!(status, 503, "{path}: {body}");
        assert!(
            body["error"].as_str().unwrap().contains("time limit"),
            "{path}: {body}"
        );
    }
}

#[test]
fn an_index_that_is_not_there_stops_serve_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let output = newsdex()
        .args(["serve", "--port", "0", "--index"])
        .arg(dir.path().join("none"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("no index here"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let index = harbour_index();
    let mut server = Server::start(&index.index(), &[]);
    assert_eq!(server.ok("/api/stats")["articles"], 5);
    let status = std::process::Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let exit = loop {
        if let Some(exit) = server.child.try_wait().unwrap() {
            break exit;
        }
        assert!(std::time::Instant::now() < deadline, "serve did not stop");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "{exit:?}");
    let mut stderr = String::new();
    server
        .child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(stderr, "");
}

/// What a `Server-Timing` header says, in milliseconds.
#[derive(Debug, Clone, Copy)]
struct ServerTiming {
    /// The server's time for the answer, from its handler's start to the JSON back from the
    /// search thread.
    answer: f64,
    /// Of which the hand-off to the thread that searched.
    wait: Option<f64>,
}

/// The duration of the metric `name` in a `Server-Timing` header (`answer;dur=0.5, wait;dur=0.1`).
fn timing_metric(header: &str, name: &str) -> Option<f64> {
    header.split(',').find_map(|metric| {
        let (metric_name, duration) = metric.trim().split_once(";dur=")?;
        (metric_name == name).then(|| duration.trim().parse().ok())?
    })
}

/// One HTTP/1.1 connection kept open across requests, as a browser keeps it: a request is
/// written, its answer read to the end of its `Content-Length`, and the next one follows.
struct KeptConnection {
    address: String,
    reader: BufReader<TcpStream>,
}

impl KeptConnection {
    fn open(address: &str) -> KeptConnection {
        let stream = TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        stream.set_nodelay(true).unwrap();
        KeptConnection {
            address: address.to_string(),
            reader: BufReader::new(stream),
        }
    }

    /// `GET path`: the status, the server's own times (its `Server-Timing` header), and the
    /// body.
    fn get(&mut self, path: &str) -> (u16, Option<ServerTiming>, String) {
        write!(
            self.reader.get_mut(),
            "GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n",
            self.address
        )
        .unwrap();
        let mut status_line = String::new();
        self.reader.read_line(&mut status_line).unwrap();
        let status = status_line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("{path}: status line {status_line:?}"));
        let (mut length, mut server_ms) = (None, None);
        loop {
            let mut line = String::new();
            self.reader.read_line(&mut line).unwrap();
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            } else if name.eq_ignore_ascii_case("server-timing") {
                server_ms = Some(ServerTiming {
                    answer: timing_metric(value, "answer")
                        .unwrap_or_else(|| panic!("{path}: Server-Timing {value:?}")),
                    wait: timing_metric(value, "wait"),
                });
            } else if name.eq_ignore_ascii_case("connection") {
                assert!(
                    !value.trim().eq_ignore_ascii_case("close"),
                    "{path}: the server closed a kept connection"
                );
            }
        }
        let length = length.unwrap_or_else(|| panic!("{path}: no Content-Length"));
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).unwrap();
        (status, server_ms, String::from_utf8(body).unwrap())
    }
}

#[test]
fn a_kept_connection_answers_one_request_after_another() {
    let index = harbour_index();
    let server = Server::start(&index.index(), &[]);
    let mut connection = KeptConnection::open(server.address());
    let (status, server_ms, body) = connection.get("/api/search?q=ferry&limit=1&facets=false");
    assert_eq!(status, 200, "{body}");
    let timing = server_ms.expect("no Server-Timing header");
    let wait = timing.wait.expect("no wait in Server-Timing");
    assert!(
        wait <= timing.answer,
        "{timing:?}: the wait is part of the answer"
    );
    let first: Value = serde_json::from_str(&body).unwrap();
    // A refused request leaves the connection open for the next one, and has its time too.
    let (status, server_ms, body) = connection.get("/api/search?q=ferry&limit=500");
    assert_eq!(status, 400, "{body}");
    assert!(server_ms.is_some(), "{body}: no Server-Timing header");
    let (status, _, body) = connection.get("/api/search?q=ferry&limit=1&facets=false");
    assert_eq!(status, 200, "{body}");
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap(), first);
}

/// The load test: clients at once on loopback, each on its own connection kept open across its
/// requests (HTTP/1.1 keep-alive, as a browser does), every answer a 200 (or a 400 for a query
/// the index cannot run), never a 5xx or a dropped connection. Small by default; the README's
/// figures come from it with `NEWSDEX_LOAD_INDEX=DIR`, `NEWSDEX_LOAD_QUERIES=FILE` (one query
/// a line), `NEWSDEX_LOAD_REQUESTS`, `NEWSDEX_LOAD_CLIENTS` and `NEWSDEX_LOAD_PARAMS` (added to
/// each request, e.g. `&facets=false`); it prints p50 and p99 as the clients saw them and as
/// the server timed itself (`Server-Timing`), and requests per second.
#[test]
fn clients_at_once_get_no_errors() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let generated = env("NEWSDEX_LOAD_INDEX").is_none().then(harbour_index);
    let index_dir = env("NEWSDEX_LOAD_INDEX")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| generated.as_ref().unwrap().index());
    let queries: Vec<String> = match env("NEWSDEX_LOAD_QUERIES") {
        Some(file) => std::fs::read_to_string(file)
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect(),
        None => [
            "ferry",
            "strike Norway",
            "quay repairs",
            "lighthouse",
            "\"ferry strike\"",
        ]
        .map(String::from)
        .to_vec(),
    };
    let number = |name: &str, default: usize| env(name).map_or(default, |v| v.parse().unwrap());
    let requests = number("NEWSDEX_LOAD_REQUESTS", 320);
    let clients = number("NEWSDEX_LOAD_CLIENTS", 32);
    let extra = env("NEWSDEX_LOAD_PARAMS").unwrap_or_default();
    let server = Server::start(&index_dir, &[]);
    let next = AtomicUsize::new(0);
    let started = std::time::Instant::now();
    // (status, as the client saw it, as the server timed itself)
    let results: Vec<(u16, Duration, ServerTiming)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..clients)
            .map(|_| {
                scope.spawn(|| {
                    let mut connection = KeptConnection::open(server.address());
                    let mut seen = Vec::new();
                    loop {
                        let at = next.fetch_add(1, Ordering::Relaxed);
                        if at >= requests {
                            return seen;
                        }
                        let q: String =
                            form_urlencoded::byte_serialize(queries[at % queries.len()].as_bytes())
                                .collect();
                        let sent = std::time::Instant::now();
                        let (status, server_ms, body) =
                            connection.get(&format!("/api/search?q={q}&limit=10{extra}"));
                        let elapsed = sent.elapsed();
                        assert!(
                            status == 200 || (status == 400 && body.starts_with("{\"error\":")),
                            "{status}: {body}"
                        );
                        let server_ms = server_ms
                            .unwrap_or_else(|| panic!("{status} without Server-Timing: {body}"));
                        seen.push((status, elapsed, server_ms));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    let wall = started.elapsed();
    assert_eq!(results.len(), requests);
    let percentiles = |mut ms: Vec<f64>| {
        ms.sort_by(f64::total_cmp);
        let at = |share: f64| ms[((ms.len() - 1) as f64 * share).round() as usize];
        (at(0.5), at(0.99))
    };
    let (client_p50, client_p99) =
        percentiles(results.iter().map(|r| r.1.as_secs_f64() * 1e3).collect());
    let (server_p50, server_p99) = percentiles(results.iter().map(|r| r.2.answer).collect());
    let (wait_p50, wait_p99) =
        percentiles(results.iter().map(|r| r.2.wait.unwrap_or(0.0)).collect());
    let refused = results.iter().filter(|r| r.0 == 400).count();
    eprintln!(
        "load: {requests} requests, {clients} clients, kept connections: client p50 {client_p50:.2} ms, p99 {client_p99:.2} ms; server p50 {server_p50:.2} ms, p99 {server_p99:.2} ms (of which the hand-off to a search thread p50 {wait_p50:.2} ms, p99 {wait_p99:.2} ms); {:.0} requests/s, {refused} answered 400",
        requests as f64 / wall.as_secs_f64()
    );
}
