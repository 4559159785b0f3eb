//! Measuring the extractor: mention spans against CoNLL-2003, article actor sets against GUM,
//! and training the tagger on CoNLL-2003 (`newsdex eval-ner`, `newsdex train-ner`).
//!
//! Both data sets are read from paths the user gives; nothing here is used by indexing or search.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

use super::tagger::{self, NameType, TokenInfo, TrainSentence, Trainer};
use super::{ActorKind, ActorMatch, Extractor, Gazetteer};
use crate::error::{Error, Result};

/// One CoNLL sentence: tokens and their gold tags (BIO, as tag ids).
struct ConllSentence {
    words: Vec<String>,
    tags: Vec<usize>,
}

fn tag_id(label: &str) -> Option<usize> {
    if label == "O" {
        return Some(0);
    }
    let (bio, ty) = label.split_once('-')?;
    let b = NameType::parse(ty)?.begin_tag();
    match bio {
        "B" => Some(b),
        "I" => Some(b + 1),
        _ => None,
    }
}

fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads a CoNLL-2003 file (word ... tag per line) into documents of sentences.
fn read_conll(path: &Path) -> Result<Vec<Vec<ConllSentence>>> {
    let text = read_text(path)?;
    let mut docs: Vec<Vec<ConllSentence>> = vec![Vec::new()];
    let mut cur = ConllSentence {
        words: Vec::new(),
        tags: Vec::new(),
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with("-DOCSTART-") {
            if !cur.words.is_empty() {
                let sentence = std::mem::replace(
                    &mut cur,
                    ConllSentence {
                        words: Vec::new(),
                        tags: Vec::new(),
                    },
                );
                if let Some(doc) = docs.last_mut() {
                    doc.push(sentence);
                }
            }
            if line.starts_with("-DOCSTART-") && docs.last().is_some_and(|d| !d.is_empty()) {
                docs.push(Vec::new());
            }
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        let (Some(word), Some(label)) = (cols.first(), cols.last()) else {
            continue;
        };
        let tag = tag_id(label).ok_or_else(|| Error::BadLine {
            path: path.to_path_buf(),
            line: n + 1,
            message: format!("unknown tag {label:?}"),
        })?;
        cur.words.push(word.to_string());
        cur.tags.push(tag);
    }
    if !cur.words.is_empty() {
        if let Some(d) = docs.last_mut() {
            d.push(cur);
        }
    }
    docs.retain(|d| !d.is_empty());
    Ok(docs)
}

/// Joins a sentence's words with spaces; returns the text and each word's byte range.
fn join_words(words: &[String]) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(words.len());
    for w in words {
        if !text.is_empty() {
            text.push(' ');
        }
        spans.push((text.len(), text.len() + w.len()));
        text.push_str(w);
    }
    (text, spans)
}

fn train_sentence(g: &Gazetteer, s: &ConllSentence) -> TrainSentence {
    let (text, spans) = join_words(&s.words);
    let tokens: Vec<tagger::Token> = spans
        .iter()
        .enumerate()
        .map(|(i, &(start, end))| tagger::Token {
            start,
            end,
            sentence_start: i == 0,
        })
        .collect();
    let gaz = g.gazetteer_codes(&text, &tokens);
    let infos: Vec<TokenInfo> = tokens
        .iter()
        .zip(&gaz)
        .map(|(t, &code)| TokenInfo::new(&text[t.start..t.end], t.sentence_start, code))
        .collect();
    TrainSentence {
        caps: tagger::is_caps_sentence(&text, &tokens),
        infos,
        tags: s.tags.clone(),
    }
}

/// Gold or predicted spans of one sentence: (start token, end token, type).
fn spans_of(tags: &[usize]) -> Vec<(usize, usize, NameType)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        match NameType::of_tag(tags[i]) {
            Some(ty) => {
                let mut j = i + 1;
                while j < tags.len() && tags[j] == ty.begin_tag() + 1 {
                    j += 1;
                }
                out.push((i, j, ty));
                i = j;
            }
            None => i += 1,
        }
    }
    out
}

/// Trains the tagger on a CoNLL-2003 file and writes the model (gzip) to `out`.
/// With `holdout` > 0 the last `holdout` documents are kept apart and scored after each epoch.
pub fn train(train_path: &Path, out: &Path, epochs: usize, holdout: usize) -> Result<String> {
    let g = Gazetteer::builtin();
    let docs = read_conll(train_path)?;
    let held = holdout.min(docs.len() / 2);
    let (train_docs, dev_docs) = docs.split_at(docs.len() - held);
    let prep = |docs: &[Vec<ConllSentence>]| -> Vec<Vec<TrainSentence>> {
        docs.iter()
            .map(|d| d.iter().map(|s| train_sentence(g, s)).collect())
            .collect()
    };
    let mut train = prep(train_docs);
    let dev = prep(dev_docs);
    let mut trainer = Trainer::new();
    let mut report = String::new();
    // a fixed shuffle of the documents per epoch (deterministic)
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    for epoch in 0..epochs {
        for i in (1..train.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            train.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let acc = trainer.epoch(&train);
        let _ = write!(report, "epoch {}: train token accuracy {acc:.4}", epoch + 1);
        if !dev.is_empty() {
            let model = trainer.model(1);
            let f1 = dev_f1(&model, &dev);
            let _ = write!(report, ", held-out typed span F1 {f1:.4}");
        }
        report.push('\n');
    }
    let mut file = std::fs::File::create(out).map_err(|err| Error::io(out, err))?;
    let n = trainer
        .write(1, &mut file)
        .map_err(|err| Error::io(out, err))?;
    let _ = writeln!(report, "{}: {n} features", out.display());
    Ok(report)
}

/// Typed span F1 of the tagger alone on pre-tokenised documents.
fn dev_f1(model: &tagger::Model, docs: &[Vec<TrainSentence>]) -> f64 {
    let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
    let mut feats = Vec::new();
    let mut tags = Vec::new();
    for doc in docs {
        let mut state = tagger::DocState::default();
        for s in doc {
            state.observe(&s.infos);
        }
        for s in doc {
            model.tag_sentence(&s.infos, s.caps, &mut state, &mut feats, &mut tags);
            let gold = spans_of(&s.tags);
            let pred = spans_of(&tags);
            ng += gold.len();
            np += pred.len();
            tp += pred.iter().filter(|p| gold.contains(p)).count();
        }
    }
    f1(tp, np, ng).2
}

fn f1(tp: usize, np: usize, ng: usize) -> (f64, f64, f64) {
    let p = if np == 0 { 0.0 } else { tp as f64 / np as f64 };
    let r = if ng == 0 { 0.0 } else { tp as f64 / ng as f64 };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// CoNLL type of an actor kind.
fn conll_type(kind: ActorKind) -> NameType {
    match kind {
        ActorKind::Person => NameType::Per,
        ActorKind::Org => NameType::Org,
        ActorKind::Country | ActorKind::Place => NameType::Loc,
    }
}

/// Counts for one type: true positives (typed), predictions, gold.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    tp: usize,
    tp_pred: usize,
    pred: usize,
    gold: usize,
}

/// Scores `newsdex extract`'s maximal mentions against CoNLL-2003 spans.
fn eval_conll(g: &Extractor, path: &Path, out: &mut String) -> Result<()> {
    let docs = read_conll(path)?;
    let types = [NameType::Per, NameType::Org, NameType::Loc];
    let mut typed = [Counts::default(); 3];
    let (mut untyped_tp, mut n_pred, mut n_gold) = (0usize, 0usize, 0usize);
    let mut confusion = String::new();
    // NEWSDEX_EVAL_DEBUG lists type confusions and missed spans
    let debug = std::env::var_os("NEWSDEX_EVAL_DEBUG").is_some();
    let mut n_docs = 0;
    for doc in &docs {
        n_docs += 1;
        let mut text = String::new();
        let mut gold: Vec<(usize, usize, NameType)> = Vec::new();
        for s in doc {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let base = text.len();
            let (t, spans) = join_words(&s.words);
            text.push_str(&t);
            for (a, b, ty) in spans_of(&s.tags) {
                gold.push((base + spans[a].0, base + spans[b - 1].1, ty));
            }
        }
        let actors = g.extract("", &text);
        let mut pred: Vec<(usize, usize, NameType)> = Vec::new();
        for a in &actors {
            for &(s, e) in &a.mentions {
                pred.push((s, e, conll_type(a.kind)));
            }
        }
        // maximal mentions only
        let all = pred.clone();
        pred.retain(|&(s, e, _)| {
            !all.iter()
                .any(|&(s2, e2, _)| s2 <= s && e <= e2 && (s2, e2) != (s, e))
        });
        pred.sort_by_key(|p| (p.0, p.1));
        pred.dedup_by_key(|p| (p.0, p.1));
        // a prediction on (or inside) a gold MISC span counts neither way
        let misc: Vec<(usize, usize)> = gold
            .iter()
            .filter(|g| g.2 == NameType::Misc)
            .map(|g| (g.0, g.1))
            .collect();
        pred.retain(|&(s, e, _)| !misc.iter().any(|&(ms, me)| s < me && ms < e));
        gold.retain(|g| g.2 != NameType::Misc);
        n_pred += pred.len();
        n_gold += gold.len();
        for (k, ty) in types.iter().enumerate() {
            typed[k].pred += pred.iter().filter(|p| p.2 == *ty).count();
            typed[k].gold += gold.iter().filter(|g| g.2 == *ty).count();
        }
        for p in &pred {
            if let Some(gd) = gold.iter().find(|g| g.0 == p.0 && g.1 == p.1) {
                untyped_tp += 1;
                if gd.2 == p.2 {
                    let k = types.iter().position(|t| *t == p.2).unwrap_or(0);
                    typed[k].tp += 1;
                } else if debug {
                    let _ = writeln!(
                        confusion,
                        "  type {:?}->{:?}: {}",
                        gd.2,
                        p.2,
                        &text[p.0..p.1]
                    );
                }
            }
        }
        if debug {
            for gd in &gold {
                if !pred.iter().any(|p| p.0 == gd.0 && p.1 == gd.1) {
                    let near: Vec<&str> = pred
                        .iter()
                        .filter(|p| p.0 < gd.1 && gd.0 < p.1)
                        .map(|p| &text[p.0..p.1])
                        .collect();
                    let _ = writeln!(
                        confusion,
                        "  missed {:?}: {} (predicted {near:?})",
                        gd.2,
                        &text[gd.0..gd.1]
                    );
                }
            }
        }
    }
    let typed_tp: usize = typed.iter().map(|c| c.tp).sum();
    let (p, r, f) = f1(untyped_tp, n_pred, n_gold);
    let _ = writeln!(
        out,
        "CoNLL-2003 {} ({n_docs} documents, {n_gold} PER/ORG/LOC spans, {n_pred} predicted)",
        path.display()
    );
    let _ = writeln!(out, "  untyped exact span: P {p:.4} R {r:.4} F1 {f:.4}");
    let (p, r, f) = f1(typed_tp, n_pred, n_gold);
    let _ = writeln!(out, "  typed exact span:   P {p:.4} R {r:.4} F1 {f:.4}");
    for (k, ty) in types.iter().enumerate() {
        let c = typed[k];
        let (p, r, f) = f1(c.tp, c.pred, c.gold);
        let _ = writeln!(
            out,
            "    {:<4} P {p:.4} R {r:.4} F1 {f:.4} (gold {}, predicted {})",
            format!("{ty:?}").to_uppercase(),
            c.gold,
            c.pred
        );
    }
    out.push_str(&confusion);
    Ok(())
}

/// One gold actor of a GUM article.
#[derive(Debug)]
struct GumActor {
    key: String,
    name: String,
    named: bool,
    ty: NameType,
    mentions: Vec<(usize, usize)>,
    /// The name each mention opens with, past a title or a role ("Senior researcher Mu Li,
    /// of ..." names Mu Li; "Ostvale, Ohio" names Ostvale): its first run of proper nouns,
    /// unless "of" and another proper noun carry the name on.
    name_runs: Vec<(usize, usize)>,
}

/// One GUM article: its text, its named actors and where it writes an adjective.
struct GumArticle {
    text: String,
    actors: Vec<GumActor>,
    /// Byte ranges of the tokens tagged ADJ ("Greek", "Australian"): never a mention in GUM.
    adjectives: Vec<(usize, usize)>,
}

/// One token of a GUM article: its bytes, whether it is a proper noun, an adposition, an
/// adjective.
struct GumToken {
    start: usize,
    end: usize,
    propn: bool,
    adp: bool,
    adj: bool,
}

/// The first run of proper nouns among the tokens from `s` to `e`, unless an adposition comes
/// before it or an adposition and a proper noun follow it inside the mention ("Society of
/// Canada" goes on).
fn name_run(tokens: &[GumToken], s: usize, e: usize) -> Option<(usize, usize)> {
    let inside: Vec<&GumToken> = tokens
        .iter()
        .filter(|t| s <= t.start && t.end <= e)
        .collect();
    let first = inside.iter().position(|t| t.propn)?;
    // a proper noun after "of" names a dependent ("Three of Velmora's ..."), not the mention
    if inside[..first].iter().any(|t| t.adp) {
        return None;
    }
    let mut last = first;
    while last + 1 < inside.len() && inside[last + 1].propn {
        last += 1;
    }
    let goes_on = inside.get(last + 1).is_some_and(|t| t.adp)
        && inside.get(last + 2).is_some_and(|t| t.propn);
    (!goes_on).then_some((inside[first].start, inside[last].end))
}

/// Reads one GUM .conllu file: its text (title line first) and its named actors.
fn read_gum(path: &Path) -> Result<GumArticle> {
    let src = read_text(path)?;
    let mut text = String::new();
    let mut tokens: Vec<GumToken> = Vec::new();
    // entity id -> (type, identity, start byte, has proper noun) for open mentions
    let mut open: Vec<(String, String, String, usize, bool)> = Vec::new();
    let mut actors: Vec<GumActor> = Vec::new();
    let mut space_before = false;
    for line in src.lines() {
        if line.starts_with("# newpar") {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push_str("\n\n");
            }
            space_before = false;
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            // one sentence per line: captions and headings have no final stop
            if !text.is_empty() && !text.ends_with('\n') {
                text.push_str("\n\n");
            }
            space_before = false;
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 || cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let (form, upos, misc) = (cols[1], cols[3], cols[9]);
        if space_before {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(form);
        let end = text.len();
        space_before = !misc.split('|').any(|m| m == "SpaceAfter=No");
        tokens.push(GumToken {
            start,
            end,
            propn: upos == "PROPN",
            adp: upos == "ADP",
            adj: upos == "ADJ",
        });
        let entity = misc
            .split('|')
            .find_map(|m| m.strip_prefix("Entity="))
            .unwrap_or("");
        // openings: "(id-type-...-identity" possibly closed on the same token by ")"
        let mut rest = entity;
        let mut closes: Vec<String> = Vec::new();
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('(') {
                let stop = r.find(['(', ')']).unwrap_or(r.len());
                let spec = &r[..stop];
                let fields: Vec<&str> = spec.splitn(8, '-').collect();
                let id = fields.first().copied().unwrap_or("").to_string();
                let ty = fields.get(1).copied().unwrap_or("").to_string();
                let identity = fields.get(7).copied().unwrap_or("").to_string();
                open.push((id.clone(), ty, identity, start, false));
                rest = &r[stop..];
                if let Some(r2) = rest.strip_prefix(')') {
                    closes.push(id);
                    rest = r2;
                }
            } else {
                let stop = rest.find(['(', ')']).unwrap_or(rest.len());
                let id = rest[..stop].to_string();
                rest = &rest[stop..];
                if let Some(r2) = rest.strip_prefix(')') {
                    closes.push(id);
                    rest = r2;
                } else if stop == 0 {
                    break;
                }
            }
        }
        // the token belongs to the innermost open mention
        if let Some(o) = open.last_mut() {
            o.4 |= upos == "PROPN";
        }
        for id in closes {
            if let Some(k) = open.iter().rposition(|o| o.0 == id) {
                let (id, ty, identity, s, propn) = open.remove(k);
                let ty = match ty.as_str() {
                    "person" => NameType::Per,
                    "organization" => NameType::Org,
                    "place" => NameType::Loc,
                    _ => continue,
                };
                // a chain is an actor when one of its mentions is a proper name; its name is
                // its Wikipedia identity, else its first proper-name mention
                let key = if identity.is_empty() {
                    format!("#{id}")
                } else {
                    wiki_name(&identity)
                };
                let run = name_run(&tokens, s, end);
                match actors.iter_mut().find(|a| a.key == key) {
                    Some(a) => {
                        a.mentions.push((s, end));
                        a.name_runs.extend(run);
                        a.named |= propn;
                        if a.name.starts_with('#') && propn {
                            a.name = text[s..end].to_string();
                        }
                    }
                    None => actors.push(GumActor {
                        name: if identity.is_empty() {
                            if propn {
                                text[s..end].to_string()
                            } else {
                                key.clone()
                            }
                        } else {
                            key.clone()
                        },
                        key,
                        ty,
                        named: propn,
                        mentions: vec![(s, end)],
                        name_runs: run.into_iter().collect(),
                    }),
                }
            }
        }
    }
    actors.retain(|a| a.named);
    let adjectives = tokens
        .iter()
        .filter(|t| t.adj)
        .map(|t| (t.start, t.end))
        .collect();
    Ok(GumArticle {
        text,
        actors,
        adjectives,
    })
}

/// A readable name from a Wikipedia identity: "Kim_Jong%2Dun" -> "Kim Jong-un", with a
/// "(disambiguation)" suffix dropped.
fn wiki_name(identity: &str) -> String {
    let mut bytes = Vec::with_capacity(identity.len());
    let b = identity.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                bytes.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        bytes.push(if b[i] == b'_' { b' ' } else { b[i] });
        i += 1;
    }
    let name = String::from_utf8_lossy(&bytes).into_owned();
    match name.find(" (") {
        Some(k) if name.ends_with(')') => name[..k].to_string(),
        _ => name,
    }
}

/// How predicted actors are matched to GUM's gold actors.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scoring {
    /// By name, by a mention with a gold mention's span, or by a mention ending one.
    Strict,
    /// As `Strict`, and by a mention that is the name a gold mention opens with past a title
    /// or a role (`GumActor::name_runs`); a prediction that matches nothing and is written only
    /// as adjectives ("Greek" for Greece) counts neither way, as GUM marks no adjective as a
    /// mention (as a CoNLL MISC span counts neither way).
    Names,
}

/// The outcome of matching one article's predictions to its gold actors (indexes into each).
struct Matching {
    used_p: HashSet<usize>,
    used_g: HashSet<usize>,
    /// Predictions that count neither way.
    neutral: HashSet<usize>,
}

/// Matches predictions to gold actors one to one, the best kind of evidence first.
fn match_actors(pred: &[ActorMatch], article: &GumArticle, scoring: Scoring) -> Matching {
    let gold = &article.actors;
    // candidate pairs: 3 = same name, 2 = a mention with the same span, 1 = a mention inside a
    // gold mention ending at the same byte, or (`Names`) the name a gold mention opens with
    let norm = |s: &str| s.to_lowercase().replace(['.', '\''], "");
    let mut pairs: Vec<(u8, usize, usize)> = Vec::new();
    for (i, p) in pred.iter().enumerate() {
        for (j, gd) in gold.iter().enumerate() {
            let score = if norm(&p.name) == norm(&gd.name) {
                3
            } else if p.mentions.iter().any(|m| gd.mentions.contains(m)) {
                2
            } else if p
                .mentions
                .iter()
                .any(|&(s, e)| gd.mentions.iter().any(|&(gs, ge)| gs <= s && e == ge))
                || (scoring == Scoring::Names
                    && p.mentions.iter().any(|m| gd.name_runs.contains(m)))
            {
                1
            } else {
                0
            };
            if score > 0 {
                pairs.push((score, i, j));
            }
        }
    }
    pairs.sort_by_key(|p| std::cmp::Reverse(p.0));
    let mut used_p = HashSet::new();
    let mut used_g = HashSet::new();
    for (_, i, j) in pairs {
        if used_p.contains(&i) || used_g.contains(&j) {
            continue;
        }
        used_p.insert(i);
        used_g.insert(j);
    }
    let neutral = match scoring {
        Scoring::Strict => HashSet::new(),
        Scoring::Names => pred
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                !used_p.contains(i)
                    && !p.mentions.is_empty()
                    && p.mentions.iter().all(|m| article.adjectives.contains(m))
            })
            .map(|(i, _)| i)
            .collect(),
    };
    Matching {
        used_p,
        used_g,
        neutral,
    }
}

/// Scores article-level actor sets against the GUM news articles in `dir`.
fn eval_gum(g: &Extractor, dir: &Path, out: &mut String) -> Result<()> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Error::NoConlluFiles {
            dir: dir.to_path_buf(),
        });
    }
    let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
    // matches and predictions as scored before names and adjectives counted (strict)
    let mut strict = (0usize, 0usize);
    let types = [NameType::Per, NameType::Org, NameType::Loc];
    let mut by_kind = [Counts::default(); 3];
    let mut misses = String::new();
    let debug = std::env::var_os("NEWSDEX_EVAL_DEBUG").is_some();
    for file in &files {
        let article = read_gum(file)?;
        let (text, gold) = (&article.text, &article.actors);
        let pred = g.extract("", text);
        if debug {
            let name = file.file_name().unwrap_or_default().to_string_lossy();
            let _ = writeln!(misses, "{name}");
        }
        let strict_match = match_actors(&pred, &article, Scoring::Strict);
        strict.0 += strict_match.used_p.len();
        strict.1 += pred.len();
        let Matching {
            used_p,
            used_g,
            neutral,
        } = match_actors(&pred, &article, Scoring::Names);
        tp += used_p.len();
        np += pred.len() - neutral.len();
        ng += gold.len();
        for (k, ty) in types.iter().enumerate() {
            by_kind[k].gold += gold.iter().filter(|a| a.ty == *ty).count();
            by_kind[k].pred += pred
                .iter()
                .enumerate()
                .filter(|(i, a)| conll_type(a.kind) == *ty && !neutral.contains(i))
                .count();
        }
        // per kind: recall by the gold kind, precision by the predicted kind
        for (j, gd) in gold.iter().enumerate() {
            if used_g.contains(&j) {
                let k = types.iter().position(|t| *t == gd.ty).unwrap_or(0);
                by_kind[k].tp += 1;
            } else if debug {
                let (s, e) = gd.mentions[0];
                let _ = writeln!(
                    misses,
                    "  missed {:?} {} (as {:?})",
                    gd.ty,
                    gd.name,
                    &text[s..e]
                );
            }
        }
        if debug {
            for (i, p) in pred.iter().enumerate() {
                if !used_p.contains(&i) && !neutral.contains(&i) {
                    let forms: Vec<&str> = p.mentions.iter().map(|&(s, e)| &text[s..e]).collect();
                    let _ = writeln!(misses, "  extra {:?} {} {forms:?}", p.kind, p.name);
                }
            }
        }
        for (i, a) in pred.iter().enumerate() {
            if used_p.contains(&i) {
                let k = types
                    .iter()
                    .position(|t| *t == conll_type(a.kind))
                    .unwrap_or(0);
                by_kind[k].tp_pred += 1;
            }
        }
    }
    let (p, r, f) = f1(tp, np, ng);
    let _ = writeln!(
        out,
        "GUM news {} ({} articles, {ng} gold actors, {np} predicted)",
        dir.display(),
        files.len()
    );
    let _ = writeln!(out, "  article actor sets: P {p:.4} R {r:.4} F1 {f:.4}");
    let (sp, sr, sf) = f1(strict.0, strict.1, ng);
    let _ = writeln!(
        out,
        "  strict (no name runs, adjectives counted): P {sp:.4} R {sr:.4} F1 {sf:.4}"
    );
    for (k, ty) in types.iter().enumerate() {
        let c = by_kind[k];
        let r = c.tp as f64 / c.gold.max(1) as f64;
        let p = c.tp_pred as f64 / c.pred.max(1) as f64;
        let _ = writeln!(
            out,
            "    {:<4} P {p:.4} R {r:.4} (gold {}, predicted {}; untyped match)",
            format!("{ty:?}").to_uppercase(),
            c.gold,
            c.pred
        );
    }
    out.push_str(&misses);
    Ok(())
}

/// Runs the evaluation of `extractor` on whichever data sets are given; returns the report.
pub fn evaluate(extractor: &Extractor, conll: Option<&Path>, gum: Option<&Path>) -> Result<String> {
    let g = extractor;
    let mut out = String::new();
    if let Some(path) = conll {
        eval_conll(g, path, &mut out)?;
    }
    if let Some(dir) = gum {
        eval_gum(g, dir, &mut out)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_from_bio() {
        let t = [0, 1, 2, 0, 5, 3, 4, 4, 7];
        assert_eq!(
            spans_of(&t),
            vec![
                (1, 3, NameType::Per),
                (4, 5, NameType::Loc),
                (5, 8, NameType::Org),
                (8, 9, NameType::Misc)
            ]
        );
    }

    #[test]
    fn reads_conll_and_gum() {
        let dir = tempfile::tempdir().unwrap();
        let conll = dir.path().join("c.txt");
        std::fs::write(
            &conll,
            "-DOCSTART- O\n\nEU B-ORG\nrejects O\nGerman B-MISC\ncall O\n\nPeter B-PER\nBlackburn I-PER\n\n-DOCSTART- O\n\nBRUSSELS B-LOC\n",
        )
        .unwrap();
        let docs = read_conll(&conll).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].len(), 2);
        assert_eq!(docs[0][1].tags, vec![1, 2]);
        let gum = dir.path().join("g.conllu");
        std::fs::write(
            &gum,
            "# newpar\n1\tNorth\tNorth\tPROPN\tNNP\t_\t2\tx\t_\tEntity=(1-place-a-b-c-d-coref-North_Korea\n2\tKorea\tKorea\tPROPN\tNNP\t_\t0\tx\t_\tEntity=1)|SpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t2\tx\t_\t_\n",
        )
        .unwrap();
        let GumArticle { text, actors, .. } = read_gum(&gum).unwrap();
        assert_eq!(text, "North Korea.");
        assert_eq!(wiki_name("Kim_Jong%2Dun_(politician)"), "Kim Jong-un");
        assert_eq!(actors.len(), 1);
        assert_eq!(actors[0].name, "North Korea");
        assert_eq!(actors[0].mentions, vec![(0, 11)]);
    }

    /// A GUM token line: id, form, upos, misc.
    fn token(id: usize, form: &str, upos: &str, misc: &str) -> String {
        format!("{id}\t{form}\t{form}\t{upos}\tX\t_\t0\tx\t_\t{misc}\n")
    }

    fn predicted(name: &str, mentions: &[(usize, usize)]) -> ActorMatch {
        ActorMatch {
            name: name.to_string(),
            kind: ActorKind::Person,
            mentions: mentions.to_vec(),
            title_mentions: Vec::new(),
            aliases: Vec::new(),
        }
    }

    #[test]
    fn a_name_past_a_title_matches_and_an_adjective_counts_neither_way() {
        let dir = tempfile::tempdir().unwrap();
        let gum = dir.path().join("g.conllu");
        // "Chief brewer Ada Quill, of Tarrow, said. Velmoran food."
        let lines = [
            token(1, "Chief", "ADJ", "Entity=(1-person-a-b-c-d-sgl"),
            token(2, "brewer", "NOUN", "_"),
            token(3, "Ada", "PROPN", "_"),
            token(4, "Quill", "PROPN", "SpaceAfter=No"),
            token(5, ",", "PUNCT", "_"),
            token(6, "of", "ADP", "_"),
            token(
                7,
                "Tarrow",
                "PROPN",
                "Entity=(2-place-a-b-c-d-sgl)1)|SpaceAfter=No",
            ),
            token(8, ",", "PUNCT", "_"),
            token(9, "said", "VERB", "SpaceAfter=No"),
            token(10, ".", "PUNCT", "_"),
            token(11, "Velmoran", "ADJ", "_"),
            token(12, "food", "NOUN", "SpaceAfter=No"),
            token(13, ".", "PUNCT", "_"),
        ];
        std::fs::write(&gum, lines.concat()).unwrap();
        let article = read_gum(&gum).unwrap();
        let text = &article.text;
        assert_eq!(
            text,
            "Chief brewer Ada Quill, of Tarrow, said. Velmoran food."
        );
        let at = |w: &str| {
            let s = text.find(w).unwrap();
            (s, s + w.len())
        };
        let pred = [
            predicted("Ada Quill", &[at("Ada Quill")]),
            predicted("Velmora", &[at("Velmoran")]),
        ];
        let strict = match_actors(&pred, &article, Scoring::Strict);
        assert!(strict.used_p.is_empty() && strict.neutral.is_empty());
        let names = match_actors(&pred, &article, Scoring::Names);
        assert!(names.used_p.contains(&0));
        assert_eq!(names.neutral, HashSet::from([1]));
    }
}
