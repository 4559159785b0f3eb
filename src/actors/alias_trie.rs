//! The gazetteer's alias keys as a byte trie: the longest alias that starts at a given point
//! of a text, ASCII case-insensitively, which is all the scan asks (it looks only at word
//! starts, so the failure links an Aho-Corasick automaton computes for every state are never
//! followed; building them was most of the cost of a small indexing run).

/// No pattern ends at a node; no child for a byte.
const NONE: u32 = u32::MAX;

/// Alias keys (ASCII lower case, distinct) in a trie whose nodes keep their edges side by
/// side, sorted by byte.
#[derive(Debug)]
pub(super) struct AliasTrie {
    /// Per node: where its edges start in `edge_bytes` / `edge_nodes`.
    first_edge: Vec<u32>,
    /// Per node: how many edges it has.
    n_edges: Vec<u16>,
    /// Per node: the pattern (index of its key) that ends there, or [`NONE`].
    pattern: Vec<u32>,
    edge_bytes: Vec<u8>,
    edge_nodes: Vec<u32>,
    /// The root's child for each byte, or [`NONE`]: every lookup starts there.
    root: Box<[u32; 256]>,
}

impl AliasTrie {
    /// The trie of `keys`; pattern `i` is `keys[i]`. Keys must be distinct and hold no ASCII
    /// upper-case letter.
    pub(super) fn new(keys: &[String]) -> AliasTrie {
        let mut order: Vec<u32> = (0..keys.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]));
        // At most one node per byte of the keys, and the root: the arrays are made once at
        // their largest instead of regrown (and copied) about twenty times each.
        let most = 1 + keys.iter().map(String::len).sum::<usize>();
        let mut trie = AliasTrie {
            first_edge: Vec::with_capacity(most),
            n_edges: Vec::with_capacity(most),
            pattern: Vec::with_capacity(most),
            edge_bytes: Vec::with_capacity(most),
            edge_nodes: Vec::with_capacity(most),
            root: Box::new([NONE; 256]),
        };
        let root = trie.add_node();
        trie.fill(root, keys, &order, 0);
        for k in 0..trie.n_edges[0] as usize {
            let at = trie.first_edge[0] as usize + k;
            trie.root[usize::from(trie.edge_bytes[at])] = trie.edge_nodes[at];
        }
        trie
    }

    fn add_node(&mut self) -> u32 {
        self.first_edge.push(0);
        self.n_edges.push(0);
        self.pattern.push(NONE);
        (self.pattern.len() - 1) as u32
    }

    /// Gives `node` (the prefix of length `depth` shared by the sorted keys `order`) its
    /// pattern and its edges, then fills its children, depth first. The groups of keys that
    /// share a next byte are found twice (once for the edges, once to fill them) rather than
    /// kept in a list per node: an allocation per node was most of the build's cost.
    fn fill(&mut self, node: u32, keys: &[String], order: &[u32], depth: usize) {
        let mut rest = order;
        // Sorted: the key that is the prefix itself comes first.
        if let Some(&first) = rest.first() {
            if keys[first as usize].len() == depth {
                self.pattern[node as usize] = first;
                rest = &rest[1..];
            }
        }
        let byte_at = |id: u32| keys[id as usize].as_bytes()[depth];
        // The end of the group that starts at `start`: the keys with its next byte.
        let group_end = |start: usize| {
            let byte = byte_at(rest[start]);
            start + rest[start..].partition_point(|&id| byte_at(id) == byte)
        };
        let first_edge = self.edge_bytes.len();
        self.first_edge[node as usize] = first_edge as u32;
        let mut start = 0;
        while start < rest.len() {
            let child = self.add_node();
            self.edge_bytes.push(byte_at(rest[start]));
            self.edge_nodes.push(child);
            start = group_end(start);
        }
        self.n_edges[node as usize] = (self.edge_bytes.len() - first_edge) as u16;
        let mut start = 0;
        for k in 0..usize::from(self.n_edges[node as usize]) {
            let end = group_end(start);
            let child = self.edge_nodes[first_edge + k];
            self.fill(child, keys, &rest[start..end], depth + 1);
            start = end;
        }
    }

    fn child(&self, node: u32, byte: u8) -> Option<u32> {
        let from = self.first_edge[node as usize] as usize;
        let to = from + usize::from(self.n_edges[node as usize]);
        let bytes = &self.edge_bytes[from..to];
        let k = if bytes.len() <= 8 {
            bytes.iter().position(|&b| b == byte)?
        } else {
            bytes.binary_search(&byte).ok()?
        };
        Some(self.edge_nodes[from + k])
    }

    /// The longest key that `text` starts with, ASCII case-insensitively: its pattern and
    /// its length in bytes.
    pub(super) fn longest_prefix(&self, text: &[u8]) -> Option<(usize, usize)> {
        let mut best = None;
        let mut bytes = text.iter().map(u8::to_ascii_lowercase);
        let mut node = match bytes.next() {
            Some(byte) => self.root[usize::from(byte)],
            None => return None,
        };
        let mut len = 1;
        while node != NONE {
            let pattern = self.pattern[node as usize];
            if pattern != NONE {
                best = Some((pattern as usize, len));
            }
            let Some(byte) = bytes.next() else { break };
            node = self.child(node, byte).unwrap_or(NONE);
            len += 1;
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

    /// What the scan asked of Aho-Corasick before: anchored, leftmost-longest, ASCII
    /// case-insensitive.
    fn automaton(keys: &[String]) -> AhoCorasick {
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .start_kind(StartKind::Anchored)
            .build(keys)
            .unwrap()
    }

    /// The automaton's answer for `keys` at `at` of `text`.
    fn automaton_answer(keys: &[String], text: &str, at: usize) -> Option<(usize, usize)> {
        let automaton = automaton(keys);
        let input = Input::new(text)
            .span(at..text.len())
            .anchored(Anchored::Yes);
        automaton
            .find(input)
            .map(|m| (m.pattern().as_usize(), m.end() - at))
    }

    /// The trie of the built-in gazetteer's keys (groups of thousands of keys sharing a byte,
    /// keys that are prefixes of others) answers as the automaton does at every word start of
    /// the bundled Zelensky addresses.
    #[test]
    fn builtin_keys_answer_as_the_automaton_at_every_word_start() {
        let keys = &crate::actors::Gazetteer::builtin().keys;
        let trie = AliasTrie::new(keys);
        let automaton = automaton(keys);
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus/zelensky-addresses.jsonl");
        let text = std::fs::read_to_string(path).unwrap();
        let (mut starts, mut found) = (0, 0);
        let mut after_word = false;
        for (at, c) in text.char_indices() {
            let in_word = c.is_alphanumeric();
            if in_word && !after_word {
                let input = Input::new(&text)
                    .span(at..text.len())
                    .anchored(Anchored::Yes);
                let expected = automaton
                    .find(input)
                    .map(|m| (m.pattern().as_usize(), m.end() - at));
                assert_eq!(
                    trie.longest_prefix(&text.as_bytes()[at..]),
                    expected,
                    "at {at}"
                );
                starts += 1;
                found += usize::from(expected.is_some());
            }
            after_word = in_word;
        }
        assert!(starts > 10_000 && found > 1_000, "{starts} {found}");
    }

    #[test]
    fn longest_key_at_each_point_as_the_automaton_finds_it() {
        let keys: Vec<String> = [
            "gran",
            "grand",
            "grand duchy",
            "grand duchy of lux",
            "gr",
            "øresund",
            "øre",
            "la",
            "la paz",
            "la pa",
            "côte d’ivoire",
            "côte d'ivoire",
            "x-ray ltd",
            "x",
        ]
        .iter()
        .map(|k| k.to_string())
        .collect();
        let trie = AliasTrie::new(&keys);
        let text = "The GRAND Duchy of Luxe and Grand dukes; Øresund, øre, LA PAZ, La Pa, \
                    la p, Côte d’Ivoire or CÔTE D'IVOIRE; X-Ray Ltd, x, Gr, G.";
        let mut compared = 0;
        for at in (0..text.len()).filter(|&at| text.is_char_boundary(at)) {
            let expected = automaton_answer(&keys, text, at);
            assert_eq!(
                trie.longest_prefix(&text.as_bytes()[at..]),
                expected,
                "at {at}: {:?}",
                &text[at..]
            );
            compared += usize::from(expected.is_some());
        }
        assert!(compared >= 10, "{compared}");
        assert_eq!(trie.longest_prefix(b""), None);
    }
}
