//! Copies: which articles of an index are one story. The groups are the connected components
//! of the copy relation ([`crate::corpus::copies::is_copy`]) over the live articles.
//!
//! Settled at the end of every `index` run ([`update`]), from the index alone: the signatures
//! are read from the `copy_signature` column of each article's first passage and bucketed by
//! their LSH bands in memory; only pairs with a new or changed article are verified, the
//! verified edges of the others are kept (`INDEX/copies-edges.json`, with each article's
//! signature fingerprint). The groups, with what is shown of each member, go to
//! `INDEX/copies.json`, which the read side ([`CopyGroups::open`]) reads whole. Since the
//! relation is decided pair by pair, an incremental run gives the groups of a fresh build.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::schema::Value;
use tantivy::{DocAddress, Index, TantivyDocument};

use crate::corpus::copies::{self, CopySignature, RULES_VERSION};
use crate::corpus::fnv::Fnv1a;
use crate::error::{Error, Result};
use crate::schema::{self, field_name, Fields};

/// The groups file the read side reads, in the index directory.
pub const GROUPS_FILE: &str = "copies.json";
/// The verified edges and signature fingerprints, in the index directory (write side only).
pub const EDGES_FILE: &str = "copies-edges.json";

/// The environment variable that turns copy detection off for an `index` run when set (to
/// anything): no signatures, no grouping. Only for measuring what detection costs; an index
/// built so has no groups.
pub const SKIP_ENV: &str = "NEWSDEX_SKIP_COPIES";

/// Whether `index` runs detect copies ([`SKIP_ENV`] unset).
pub fn detection_enabled() -> bool {
    static ENABLED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os(SKIP_ENV).is_none())
}

/// One article of a group, as shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopyMember {
    /// The article's key (`corpus::Article::key`).
    pub key: u64,
    /// The article's id within its file.
    pub article_id: String,
    /// Source file.
    pub path: String,
    /// Line of the article in its file, if it came from a line-based file.
    pub line: Option<u64>,
    /// Headline.
    pub title: String,
    /// The date, RFC 3339 (UTC), or null.
    pub date: Option<String>,
    /// The date as precise as the source gave it.
    pub date_display: Option<String>,
    /// The outlet (normalised).
    pub source: String,
}

/// A story: two or more articles that are copies of one another, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopyGroup {
    /// The articles, oldest first (undated last), then by path and id.
    pub members: Vec<CopyMember>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct GroupsFile {
    rules: u32,
    groups: Vec<CopyGroup>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct EdgesFile {
    rules: u32,
    /// `(article key, fingerprint of its signature)` of every live article last run.
    articles: Vec<(u64, u64)>,
    /// Verified copy pairs, `(smaller key, larger key)`, sorted.
    edges: Vec<(u64, u64)>,
}

/// What [`update`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CopyUpdate {
    /// Articles whose pairs were verified in this run (new or changed).
    pub verified_articles: u64,
    /// Candidate pairs verified.
    pub candidate_pairs: u64,
    /// Copy pairs in the index after the run.
    pub edges: u64,
    /// Groups of two or more articles.
    pub groups: u64,
    /// Articles in those groups.
    pub grouped_articles: u64,
}

impl CopyUpdate {
    /// Stories among `articles`: each group counts once.
    pub fn stories(&self, articles: u64) -> u64 {
        articles.saturating_sub(self.grouped_articles) + self.groups
    }
}

/// The copy groups of an index, as the read side sees them.
#[derive(Debug, Clone, Default)]
pub struct CopyGroups {
    groups: Vec<CopyGroup>,
    group_of: HashMap<u64, usize>,
}

impl CopyGroups {
    /// Reads the groups written beside the index in `index_dir`; none when the file is
    /// missing (an index written before copies, or a run killed before writing them).
    pub fn open(index_dir: &Path) -> Result<CopyGroups> {
        let path = index_dir.join(GROUPS_FILE);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Ok(CopyGroups::default())
            }
            Err(err) => return Err(Error::io(&path, err)),
        };
        let file: GroupsFile =
            serde_json::from_slice(&bytes).map_err(|err| Error::CorruptCopies {
                path: path.clone(),
                reason: err.to_string(),
            })?;
        Ok(CopyGroups::from_groups(file.groups))
    }

    /// Groups as given (largest first is the caller's order to keep).
    pub fn from_groups(groups: Vec<CopyGroup>) -> CopyGroups {
        let mut group_of = HashMap::new();
        for (at, group) in groups.iter().enumerate() {
            for member in &group.members {
                group_of.insert(member.key, at);
            }
        }
        CopyGroups { groups, group_of }
    }

    /// Every group, largest first.
    pub fn groups(&self) -> &[CopyGroup] {
        &self.groups
    }

    /// The group an article belongs to, if it has copies.
    pub fn group_of(&self, key: u64) -> Option<&CopyGroup> {
        self.group_of.get(&key).map(|&at| &self.groups[at])
    }

    /// The story an article belongs to: its group's number, or a number of its own.
    pub fn story_of(&self, key: u64) -> StoryId {
        match self.group_of.get(&key) {
            Some(&at) => StoryId::Group(at),
            None => StoryId::Alone(key),
        }
    }

    /// Whether no article has a copy.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// Which story an article is: a group of copies, or the article alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StoryId {
    /// The group at this place in [`CopyGroups::groups`].
    Group(usize),
    /// An article without copies, by its key.
    Alone(u64),
}

/// A live article's signature and where its first passage is.
struct Signed {
    key: u64,
    fingerprint: u64,
    signature: CopySignature,
    address: DocAddress,
}

/// Brings the copy groups of `index` up to date and writes them beside it in `index_dir`:
/// pairs with an article that is new or changed since the last run (by its signature's
/// fingerprint) are verified, edges of deleted or changed articles dropped, the others kept.
pub fn update(index: &Index, index_dir: &Path) -> Result<CopyUpdate> {
    let reader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let articles = read_signatures(&searcher)?;
    let edges_path = index_dir.join(EDGES_FILE);
    let previous = read_edges(&edges_path)?.filter(|file| file.rules == RULES_VERSION);
    let recorded: HashMap<u64, u64> = previous
        .as_ref()
        .map(|file| file.articles.iter().copied().collect())
        .unwrap_or_default();
    let at_of: HashMap<u64, usize> = articles
        .iter()
        .enumerate()
        .map(|(at, a)| (a.key, at))
        .collect();
    let changed: Vec<bool> = articles
        .iter()
        .map(|a| recorded.get(&a.key) != Some(&a.fingerprint))
        .collect();
    let mut edges: Vec<(u64, u64)> = previous
        .map(|file| file.edges)
        .unwrap_or_default()
        .into_iter()
        .filter(|(a, b)| {
            let unchanged = |key| at_of.get(key).is_some_and(|&at| !changed[at]);
            unchanged(a) && unchanged(b)
        })
        .collect();
    let mut summary = CopyUpdate {
        verified_articles: changed.iter().filter(|&&c| c).count() as u64,
        ..CopyUpdate::default()
    };
    for (a, b) in verify_candidates(&articles, &changed, &mut summary.candidate_pairs) {
        let (x, y) = (articles[a].key, articles[b].key);
        edges.push((x.min(y), x.max(y)));
    }
    edges.sort_unstable();
    edges.dedup();
    summary.edges = edges.len() as u64;

    let groups = components(&articles, &at_of, &edges);
    let mut shown = Vec::with_capacity(groups.len());
    let fields = Fields::from_schema(&index.schema())?;
    for group in groups {
        let mut members = Vec::with_capacity(group.len());
        for at in group {
            let document: TantivyDocument = searcher.doc(articles[at].address)?;
            members.push(member_of(articles[at].key, &document, &fields));
        }
        members.sort_by(|a, b| member_order(a).cmp(&member_order(b)));
        shown.push(CopyGroup { members });
    }
    // Largest first; equal sizes by their first member, so that the order is the content's.
    shown.sort_by(|a, b| {
        b.members
            .len()
            .cmp(&a.members.len())
            .then_with(|| member_order(&a.members[0]).cmp(&member_order(&b.members[0])))
    });
    summary.groups = shown.len() as u64;
    summary.grouped_articles = shown.iter().map(|g| g.members.len() as u64).sum();

    write_json(
        &index_dir.join(GROUPS_FILE),
        &GroupsFile {
            rules: RULES_VERSION,
            groups: shown,
        },
    )?;
    let mut fingerprints: Vec<(u64, u64)> =
        articles.iter().map(|a| (a.key, a.fingerprint)).collect();
    fingerprints.sort_unstable();
    write_json(
        &edges_path,
        &EdgesFile {
            rules: RULES_VERSION,
            articles: fingerprints,
            edges,
        },
    )?;
    Ok(summary)
}

/// The order of a group's members: oldest first, undated last, then path, line and id.
fn member_order(member: &CopyMember) -> (bool, &Option<String>, &str, Option<u64>, &str) {
    (
        member.date.is_none(),
        &member.date,
        &member.path,
        member.line,
        &member.article_id,
    )
}

/// Every live article's signature, by its first passage, in key order.
fn read_signatures(searcher: &tantivy::Searcher) -> Result<Vec<Signed>> {
    let mut articles = Vec::new();
    for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
        let passage = segment.fast_fields().u64(field_name::PASSAGE)?;
        let key = segment.fast_fields().u64(field_name::ARTICLE_KEY)?;
        let Some(signatures) = segment.fast_fields().bytes(field_name::COPY_SIGNATURE)? else {
            continue;
        };
        let signed_docs: Vec<(u32, u64)> = segment
            .doc_ids_alive()
            .filter(|&doc| passage.first(doc) == Some(0))
            .filter_map(|doc| Some((doc, signatures.term_ords(doc).next()?)))
            .collect();
        // The dictionary read once, in order: looking each ordinal up on its own decodes its
        // block from the start every time (a tenth of the time of `update` on Reuters).
        let mut ords: Vec<u64> = signed_docs.iter().map(|&(_, ord)| ord).collect();
        ords.sort_unstable();
        ords.dedup();
        let mut by_ord: Vec<Vec<u8>> = Vec::with_capacity(ords.len());
        signatures
            .dictionary()
            .sorted_ords_to_term_cb(&ords, |term| by_ord.push(term.to_vec()))
            .map_err(tantivy::TantivyError::from)?;
        for (doc, ord) in signed_docs {
            let Ok(at) = ords.binary_search(&ord) else {
                continue;
            };
            let Some(bytes) = by_ord.get(at) else {
                continue;
            };
            let Some(signature) = CopySignature::from_bytes(bytes) else {
                continue;
            };
            articles.push(Signed {
                key: key.first(doc).unwrap_or(0),
                fingerprint: Fnv1a::new().write(bytes).finish(),
                signature,
                address: DocAddress::new(segment_ord as u32, doc),
            });
        }
    }
    articles.sort_by_key(|a| a.key);
    articles.dedup_by_key(|a| a.key);
    Ok(articles)
}

/// The copy pairs `(a, b)` among `articles` with at least one changed article: the pairs
/// sharing an LSH band, verified by [`copies::is_copy`]. Counts the pairs verified.
///
/// The band hashes of all articles go into one flat list sorted by hash (no map of buckets:
/// a hash map of a million small vectors cost more than the rest of the grouping); each run of
/// equal hashes is a bucket, and every pair is verified once.
fn verify_candidates(
    articles: &[Signed],
    changed: &[bool],
    verified: &mut u64,
) -> Vec<(usize, usize)> {
    if !changed.iter().any(|&c| c) {
        return Vec::new();
    }
    let mut banded: Vec<(u64, u32)> = Vec::with_capacity(articles.len() * copies::BANDS);
    for (at, article) in articles.iter().enumerate() {
        banded.extend(
            article
                .signature
                .bands()
                .into_iter()
                .map(|h| (h, at as u32)),
        );
    }
    banded.sort_unstable();
    let mut candidates: Vec<(u32, u32)> = Vec::new();
    for bucket in banded.chunk_by(|x, y| x.0 == y.0) {
        if bucket.len() < 2 || !bucket.iter().any(|&(_, at)| changed[at as usize]) {
            continue;
        }
        for (i, &(_, a)) in bucket.iter().enumerate() {
            for &(_, b) in &bucket[i + 1..] {
                if a != b && (changed[a as usize] || changed[b as usize]) {
                    candidates.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    *verified += candidates.len() as u64;
    candidates
        .into_iter()
        .map(|(a, b)| (a as usize, b as usize))
        .filter(|&(a, b)| copies::is_copy(&articles[a].signature, &articles[b].signature))
        .collect()
}

/// The connected components of two or more articles (by their place in `articles`).
fn components(
    articles: &[Signed],
    at_of: &HashMap<u64, usize>,
    edges: &[(u64, u64)],
) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..articles.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for (a, b) in edges {
        let (Some(&a), Some(&b)) = (at_of.get(a), at_of.get(b)) else {
            continue;
        };
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut by_root: HashMap<usize, Vec<usize>> = HashMap::new();
    for at in 0..articles.len() {
        let r = root(&mut parent, at);
        by_root.entry(r).or_default().push(at);
    }
    let mut groups: Vec<Vec<usize>> = by_root.into_values().filter(|g| g.len() > 1).collect();
    groups.sort();
    groups
}

/// What is shown of an article, from its first passage's stored document.
fn member_of(key: u64, document: &TantivyDocument, fields: &Fields) -> CopyMember {
    let text = |field| {
        document
            .get_first(field)
            .and_then(|v| {
                v.as_str()
                    .map(str::to_string)
                    .or_else(|| v.as_pre_tokenized_text().map(|p| p.text))
            })
            .unwrap_or_default()
    };
    let source = document
        .get_all(fields.source)
        .find_map(|v| {
            v.as_facet()
                .and_then(|f| schema::decode_source_facet(f.as_bytes()))
        })
        .unwrap_or_default()
        .to_string();
    let date = schema::stored_date(document, fields);
    CopyMember {
        key,
        article_id: text(fields.article_id),
        path: text(fields.path),
        line: document
            .get_first(fields.line)
            .and_then(|v| v.as_u64())
            .filter(|&l| l > 0),
        title: text(fields.title),
        date: date.map(|d| d.to_rfc3339()),
        date_display: date.map(|d| d.display()),
        source,
    }
}

fn read_edges(path: &Path) -> Result<Option<EdgesFile>> {
    match std::fs::read(path) {
        // An unreadable edges file only costs verifying every pair again.
        Ok(bytes) => Ok(serde_json::from_slice(&bytes).ok()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(Error::io(path, err)),
    }
}

fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let json = serde_json::to_vec(value).map_err(|err| Error::CorruptCopies {
        path: path.to_path_buf(),
        reason: err.to_string(),
    })?;
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, json).map_err(|err| Error::io(&tmp, err))?;
    std::fs::rename(&tmp, path).map_err(|err| Error::io(path, err))
}
