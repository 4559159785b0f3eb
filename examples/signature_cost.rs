//! Times copy signatures over a JSON-lines file's `title` and `body` (a benchmark aid).
use std::io::BufRead;
fn main() {
    let path = std::env::args().nth(1).expect("a .jsonl file");
    let file = std::io::BufReader::new(std::fs::File::open(path).expect("open"));
    let mut articles = Vec::new();
    for line in file.lines() {
        let value: serde_json::Value = serde_json::from_str(&line.expect("line")).expect("json");
        let text = |k: &str| {
            value
                .get(k)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        articles.push((text("title"), text("body")));
    }
    let mut check = 0u64;
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    for round in 0..rounds {
        let start = std::time::Instant::now();
        for (title, body) in &articles {
            let s = newsdex::corpus::copies::signature(title, body, Some(1));
            check = s.to_bytes().iter().fold(check, |c, &b| {
                c.wrapping_mul(0x100_0000_01b3) ^ u64::from(b)
            });
        }
        println!(
            "round {round}: {:?} for {} articles",
            start.elapsed(),
            articles.len()
        );
    }
    println!("check {check}");
}
