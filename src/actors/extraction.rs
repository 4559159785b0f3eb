//! Extraction: the tagger's name spans and the gazetteer's hits of one article merged into
//! actors, normalised to canonical names, with lone surnames resolved to full names.

use super::gazetteer::{Ent, Entity, Hit};
use super::tagger::{self, NameType};
use super::{words, ActorKind, ActorMatch, Gazetteer};

impl Gazetteer {
    /// Finds the actors in an article; one entry per actor, sorted by name.
    ///
    /// The gazetteer scan and the tagger run over each field (title, then body); tagged name
    /// spans are normalised through the gazetteer, gazetteer countries the tagger left out
    /// (demonyms, nested "U.S." in "U.S. Treasury") are added, and lone surnames are resolved
    /// to the full names used elsewhere in the article. Line breaks inside hard-wrapped
    /// paragraphs count as spaces ([`crate::corpus::unwrap_lines`]), so a name broken across
    /// lines is found; mention offsets are offsets into `body` all the same.
    pub(super) fn extract_with(
        &self,
        model: Option<&tagger::Model>,
        title: &str,
        body: &str,
    ) -> Vec<ActorMatch> {
        let raw_body = body;
        let body = crate::corpus::unwrap_lines(body);
        let fields = [(true, title), (false, &*body)];
        let mut doc = tagger::DocState::default();
        let mut prepared = Vec::with_capacity(2);
        for (is_title, text) in fields {
            let mut gaz = Vec::new();
            self.scan(text, is_title, &mut gaz);
            let mut toks = Vec::new();
            tagger::tokenize(text, &mut toks);
            let mut infos = Vec::new();
            if model.is_some() {
                let codes = self.codes_from_hits(&toks, &gaz);
                infos = toks
                    .iter()
                    .zip(&codes)
                    .map(|(t, &c)| {
                        tagger::TokenInfo::new(&text[t.start..t.end], t.sentence_start, c)
                    })
                    .collect();
                doc.observe(&infos);
            }
            prepared.push((gaz, toks, infos));
        }
        let mut hits: Vec<Hit> = Vec::new();
        let mut found: Vec<(String, ActorKind)> = Vec::new();
        let mut feats = Vec::new();
        let mut tags = Vec::new();
        for ((is_title, text), (gaz, toks, infos)) in fields.iter().zip(prepared) {
            let mut spans: Vec<(usize, usize, NameType)> = Vec::new();
            if let Some(model) = model {
                let mut s = 0;
                while s < toks.len() {
                    let mut e = s + 1;
                    while e < toks.len() && !toks[e].sentence_start {
                        e += 1;
                    }
                    let caps = tagger::is_caps_sentence(text, &toks[s..e]);
                    model.tag_sentence(&infos[s..e], caps, &mut doc, &mut feats, &mut tags);
                    let mut i = 0;
                    while i < tags.len() {
                        let Some(ty) = NameType::of_tag(tags[i]) else {
                            i += 1;
                            continue;
                        };
                        let mut j = i + 1;
                        while j < tags.len() && tags[j] == ty.begin_tag() + 1 {
                            j += 1;
                        }
                        spans.push((toks[s + i].start, toks[s + j - 1].end, ty));
                        i = j;
                    }
                    s = e;
                }
            }
            // a longer gazetteer name around a tagged span wins ("WEST" + "GERMANY" tagged
            // apart are West Germany)
            for sp in spans.iter_mut() {
                if let Some(h) = gaz
                    .iter()
                    .find(|h| h.start <= sp.0 && sp.1 <= h.end && h.end - h.start > sp.1 - sp.0)
                {
                    if sp.2 == NameType::Misc {
                        continue;
                    }
                    sp.0 = h.start;
                    sp.1 = h.end;
                }
            }
            spans.dedup_by(|b, a| a.0 == b.0 && a.1 == b.1);
            // "West German Finance Minister" is a description, not a name
            spans.retain(|sp| {
                sp.2 == NameType::Per
                    || !text[sp.0..sp.1]
                        .rsplit(' ')
                        .next()
                        .is_some_and(words::is_title)
            });
            join_patronymic_names(text, &mut spans);
            retype_titled_people(text, &mut spans);
            extend_titled_surnames(text, &toks, &mut spans);
            self.retype_national_bodies(text, &gaz, &mut spans);
            self.split_affiliations(text, &gaz, &mut spans);
            self.split_makers_off_products(text, &gaz, &mut spans);
            extend_person_spans(text, &toks, &mut spans);
            split_people_off_bodies(text, &gaz, &mut spans);
            self.split_conjoined_names(text, &mut spans);
            join_divisions(text, &mut spans);
            self.join_conjoined_names(text, &mut spans);
            self.extend_place_heads(text, &mut spans);
            let tagged = model.is_some();
            self.merge(text, *is_title, tagged, &gaz, &spans, &mut hits, &mut found);
        }
        // a wire signature, a byline or a dateline's agency credit is no mention
        // (found on the body as written: a signature line is joined to the paragraph above
        // it when lines are unwrapped, at the same offsets)
        let boilerplate = boilerplate_ranges(raw_body);
        hits.retain(|h| h.title || !boilerplate.iter().any(|&(s, e)| h.start < e && s < h.end));
        if let Some((s, e)) = title_slug(title, &body) {
            hits.retain(|h| !(h.title && h.start < e && s < h.end));
        }
        let mut aliases: Vec<(Ent, String)> = Vec::new();
        self.retype_by_context(fields[1].1, &mut hits, &mut found);
        self.resolve_surnames(&fields, &mut hits, &found, &mut aliases);
        self.resolve_acronyms(&fields, &mut hits, &mut found, &mut aliases);
        self.resolve_initials(&fields, &mut hits, &found, &mut aliases);
        self.resolve_short_forms(&fields, &mut hits, &found, &mut aliases);
        self.name_towns_by_division(fields[1].1, &mut hits, &mut found, &mut aliases);
        drop_common_word_names(fields[1].1, &mut hits, &found);
        drop_quoted_titles(&fields, &mut hits, &found);
        drop_document_modifiers(fields[1].1, &mut hits, &found);
        drop_codes_beside_figures(fields[1].1, &mut hits, &found);
        drop_non_actor_names(self, &fields, &mut hits, &mut found);
        drop_legal_suffixes(&mut found, &mut hits, &mut aliases);
        // nor a surname found again inside one
        hits.retain(|h| h.title || !boilerplate.iter().any(|&(s, e)| h.start < e && s < h.end));
        for h in hits.iter().filter(|h| h.weak) {
            aliases.push((h.ent, surface(&fields, h)));
        }
        self.collect(hits, &found, &aliases)
    }

    /// Types a name the tagger took for a demonym's phrase as the nation's body when a body word
    /// ends it ("the Velmoran Navy", "the Ostrian Coast Guard"): an organisation, with the
    /// country still nested in it.
    fn retype_national_bodies(
        &self,
        text: &str,
        gaz: &[Hit],
        spans: &mut [(usize, usize, NameType)],
    ) {
        const BODIES: &[&str] = &["Army", "Navy", "Force", "Guard", "Police", "Parliament"];
        for sp in spans.iter_mut() {
            let (s, e, ty) = *sp;
            if ty != NameType::Misc || !text[s..e].contains(' ') {
                continue;
            }
            let first_end = s + text[s..e].find(' ').unwrap_or(e - s);
            let demonym = gaz.iter().any(|h| {
                h.start == s
                    && h.end == first_end
                    && matches!(h.ent, Ent::Known(id)
                        if self.entities[id as usize].kind == ActorKind::Country
                            && self.entities[id as usize].name != text[s..first_end])
            });
            let body = text[s..e]
                .rsplit(' ')
                .next()
                .is_some_and(|w| BODIES.contains(&w));
            if demonym && body {
                sp.2 = NameType::Org;
            }
        }
    }

    /// Splits a span that opens with an organisation or a country the gazetteer knows, followed
    /// by a person's full name ("Orvex Dana Whitlow" in a photo credit, "the envoy to the
    /// United States Dana Whitlow"): the affiliation and the person are two names. A one-word
    /// rest stays whole (a given name that is also a country's: "Georgia Whitlow").
    fn split_affiliations(
        &self,
        text: &str,
        gaz: &[Hit],
        spans: &mut Vec<(usize, usize, NameType)>,
    ) {
        let mut k = 0;
        while k < spans.len() {
            let (s, e, ty) = spans[k];
            k += 1;
            if ty == NameType::Misc {
                continue;
            }
            let Some((he, kind)) = gaz.iter().find_map(|h| match h.ent {
                // an affiliation by its name, not by a demonym ("American Motors")
                Ent::Known(id)
                    if h.start == s && h.end < e && !is_demonym(&text[h.start..h.end]) =>
                {
                    Some((h.end, self.entities[id as usize].kind))
                }
                _ => None,
            }) else {
                continue;
            };
            let rest = &text[he..e];
            let rest_start = he + rest.len() - rest.trim_start().len();
            let names = text[rest_start..e].split_whitespace();
            // a span the tagger typed as the affiliation's kind continues it ("NASA Science
            // Center") unless the rest reads as a person's name: a given name, then names that
            // are no English words, body words or acronyms
            // (a known name inside the rest continues the affiliation: "Credit Suisse First
            // Boston")
            let person_like = ty == NameType::Per
                || names.clone().count() <= 3
                    && !gaz.iter().any(|h| rest_start <= h.start && h.end <= e)
                    && names.clone().next().is_some_and(|w| !words::is_stop(w))
                    && names.clone().skip(1).all(|w| {
                        let w = w.trim_end_matches("'s").trim_end_matches(['.', ',']);
                        !words::is_common_word(w)
                            && !words::is_non_person(w)
                            && !words::is_legal_suffix(w)
                            && !words::is_all_caps(w)
                            && !words::is_place_head(w)
                    });
            let ok = rest.starts_with(' ')
                && names.clone().count() >= 2
                && names.clone().all(|w| w.starts_with(char::is_uppercase))
                && person_like;
            let affiliation = match kind {
                ActorKind::Org => NameType::Org,
                ActorKind::Country => NameType::Loc,
                _ => continue,
            };
            if ok {
                spans[k - 1] = (s, he, affiliation);
                spans.insert(k, (rest_start, e, NameType::Per));
                k += 1;
            }
        }
    }

    /// Splits the maker off its product's name: a span the tagger typed as an organisation that
    /// opens with an organisation the gazetteer knows and goes on with capitalised words the
    /// field also writes alone ("the new Orvex Lumen ... Lumen gained users") names a product
    /// (a browser, a console, a service), and the short form is the product's, not the
    /// maker's. The maker stays, an organisation; the product, whole or alone, is no name. A
    /// rest that holds a known name, a body word, a place head or a legal suffix continues the
    /// organisation ("Orvex Canada", "Orvex Bank").
    fn split_makers_off_products(
        &self,
        text: &str,
        gaz: &[Hit],
        spans: &mut Vec<(usize, usize, NameType)>,
    ) {
        let mut products: Vec<&str> = Vec::new();
        // a rest the tagger types alone as a person or a place is one ("OSCE Chechnya" in a
        // headline)
        let person_or_place = |name: &str| {
            spans.iter().any(|&(s, e, ty)| {
                &text[s..e] == name && matches!(ty, NameType::Per | NameType::Loc)
            })
        };
        let mut splits = Vec::new();
        for (k, &(s, e, ty)) in spans.iter().enumerate() {
            if ty != NameType::Org || !text[s..e].contains(' ') {
                continue;
            }
            let Some(he) = gaz.iter().find_map(|h| match h.ent {
                Ent::Known(id)
                    if h.start == s
                        && h.end < e
                        && self.entities[id as usize].kind == ActorKind::Org =>
                {
                    Some(h.end)
                }
                _ => None,
            }) else {
                continue;
            };
            if !text[he..e].starts_with(' ') {
                continue;
            }
            let rest = &text[he + 1..e];
            let product = !gaz.iter().any(|h| he < h.end && h.start < e)
                && rest.split(' ').all(|w| {
                    words::is_title_case(w)
                        && !words::is_non_person(w)
                        && !words::is_place_head(w)
                        && !words::is_legal_suffix(w)
                });
            if product && !person_or_place(rest) && written_alone(text, rest, &text[s..he]) {
                splits.push((k, he));
                products.push(rest);
            }
        }
        for (k, he) in splits {
            spans[k].1 = he;
        }
        if !products.is_empty() {
            spans.retain(|&(s, e, _)| !products.contains(&&text[s..e]));
        }
    }

    /// Splits a span the tagger ran across "and" or "&" over two names of their own ("the
    /// Kestrel Bank and Bank of Ormond", "Pell Corp and Wexford Brothers"): split when the
    /// whole is not a name the gazetteer knows and either part is, or the left part ends with
    /// an organisation word or a legal suffix (a firm's name is complete there).
    fn split_conjoined_names(&self, text: &str, spans: &mut Vec<(usize, usize, NameType)>) {
        let mut k = 0;
        while k < spans.len() {
            let (s, e, ty) = spans[k];
            let span = &text[s..e];
            let at = span
                .find(" and ")
                .map(|i| (i, 5))
                .or_else(|| span.find(" & ").map(|i| (i, 3)));
            // "the Museum of Art at Corrigan State University": a body and its seat
            let seat = span.find(" at ").filter(|&i| {
                let right = &span[i + 4..];
                ty != NameType::Per
                    && span[..i].contains(' ')
                    && right.starts_with(char::is_uppercase)
                    && !words::all_common_words(right)
                    && right.rsplit(' ').next().is_some_and(words::is_non_person)
            });
            if let Some(i) = seat {
                spans[k] = (s, s + i, ty);
                spans.insert(k + 1, (s + i + 4, e, ty));
                continue;
            }
            let Some((i, width)) = at else {
                k += 1;
                continue;
            };
            let (left, right) = (&span[..i], &span[i + width..]);
            let capitalised = |w: &str| w.starts_with(char::is_uppercase);
            let known = |name: &str| self.lookup(name).is_some() || words::is_division(name);
            let complete_left = left.rsplit(' ').next().is_some_and(|w| {
                let w = w.trim_end_matches('.');
                words::is_legal_suffix(w) || words::is_non_person(w)
            });
            // two full names, the second a proper one ending with an organisation word
            // ("Halvard Institute of Mines and Corrigan State University"), not the
            // conjoined words of one ("Museum of Science and Industry", "Print and Art Gallery")
            let two_names = right.contains(' ')
                && left.split(' ').count() >= 3
                && !words::all_common_words(right)
                && right
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| words::is_non_person(w) && !words::is_legal_suffix(w));
            let split = capitalised(left)
                && capitalised(right)
                && !known(span)
                && (ty != NameType::Per
                    && (known(left) || known(right) || complete_left || two_names)
                    || known(left) && known(right));
            if split {
                // a state or province of either part is a place ("Western Australia and ...")
                let kind = |name: &str| {
                    if words::is_division(name) {
                        NameType::Loc
                    } else {
                        ty
                    }
                };
                spans[k] = (s, s + i, kind(left));
                spans.insert(k + 1, (s + i + width, e, kind(right)));
                k += 2;
            } else {
                k += 1;
            }
        }
    }

    /// Joins a name the tagger split at "&" or "and" ("Pell & Wexford", "Economic and Social
    /// Council"): an organisation span preceded by a capitalised word or a name across "&", or
    /// across "and" when the right part is a fragment (common words ending in an organisation
    /// word) and the left part common words the tagger typed as no other kind of name.
    fn join_conjoined_names(&self, text: &str, spans: &mut Vec<(usize, usize, NameType)>) {
        let mut k = 0;
        while k < spans.len() {
            let (bs, be, bty) = spans[k];
            let right = &text[bs..be];
            let before = &text[..bs];
            let connector = if before.ends_with(" & ") {
                Some(true)
            } else if before.ends_with(" and ") {
                Some(false)
            } else {
                None
            };
            let Some(ampersand) = connector else {
                k += 1;
                continue;
            };
            let known = |name: &str| self.lookup(name).is_some();
            let left_end = bs - if ampersand { 3 } else { 5 };
            let left_span = k
                .checked_sub(1)
                .filter(|&j| spans[j].1 == left_end)
                .map(|j| (j, spans[j]));
            let (ls, left_ty) = match left_span {
                Some((_, (ls, _, ty))) => (ls, Some(ty)),
                None => {
                    let ls = text[..left_end]
                        .char_indices()
                        .rev()
                        .find(|&(_, c)| !c.is_alphanumeric() && c != '\'' && c != '-')
                        .map_or(0, |(p, c)| p + c.len_utf8());
                    (ls, None)
                }
            };
            let left = &text[ls..left_end];
            let capitalised = |w: &str| w.starts_with(char::is_uppercase);
            // "X and Y's Corp", "X and Y Co": a firm of two names, its legal suffix says so
            // even at the start of a sentence, where the tagger leaves "X" out
            let two_name_firm = right.split_whitespace().count() >= 2
                && right.split_whitespace().skip(1).all(words::is_legal_suffix)
                && !left.contains(' ');
            let fragment = two_name_firm
                || words::all_common_words(right)
                    && right
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| words::is_non_person(w) && !words::is_legal_suffix(w));
            let join = !left.is_empty()
                && capitalised(left)
                && left
                    .split_whitespace()
                    .all(|w| !words::is_stop(w) && !words::is_title(w))
                && !known(left)
                && !known(right)
                && if ampersand {
                    bty != NameType::Loc && left_ty != Some(NameType::Loc)
                } else {
                    bty == NameType::Org
                        && fragment
                        && (two_name_firm
                            || words::all_common_words(left)
                                && matches!(left_ty, None | Some(NameType::Org | NameType::Misc)))
                        && (left_ty.is_some() || two_name_firm || !at_sentence_start(text, ls))
                };
            if !join {
                k += 1;
                continue;
            }
            spans[k] = (ls, be, NameType::Org);
            if let Some((j, _)) = left_span {
                spans.remove(j);
                k -= 1;
            }
            k += 1;
        }
    }

    /// Extends a place the gazetteer does not know over the administrative head noun and "of"
    /// in front of it ("District of Tarrow", "Province of Ostra"): the place's name is the
    /// whole, not the part the tagger found after "of".
    fn extend_place_heads(&self, text: &str, spans: &mut [(usize, usize, NameType)]) {
        for k in 0..spans.len() {
            let (s, e, ty) = spans[k];
            if ty != NameType::Loc || self.lookup(&text[s..e]).is_some() {
                continue;
            }
            let Some(before) = text[..s].strip_suffix(" of ") else {
                continue;
            };
            let head_start = before
                .char_indices()
                .rev()
                .find(|&(_, c)| !c.is_alphabetic())
                .map_or(0, |(k, c)| k + c.len_utf8());
            let free = k == 0 || spans[k - 1].1 <= head_start;
            if free && words::is_place_head(&before[head_start..]) {
                spans[k] = (head_start, e, ty);
            }
        }
    }

    /// Turns one field's tagged spans and gazetteer hits into actor hits.
    #[allow(clippy::too_many_arguments)]
    fn merge(
        &self,
        text: &str,
        is_title: bool,
        tagged: bool,
        gaz: &[Hit],
        spans: &[(usize, usize, NameType)],
        hits: &mut Vec<Hit>,
        found: &mut Vec<(String, ActorKind)>,
    ) {
        let mut covered: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        for &(s0, e0, ty) in spans {
            covered.push((s0, e0));
            let Some((mut s, mut e)) = trim_span(text, s0, e0, ty) else {
                continue;
            };
            // a place named after a country, tagged without "New" ("[New South] Wales")
            let mut ty = ty;
            if let Some(n) = named_after_country(text, s) {
                let country = self
                    .lookup(&text[s..e])
                    .is_some_and(|id| self.entities[id as usize].kind == ActorKind::Country);
                if country && ty != NameType::Misc {
                    (s, ty) = (n, NameType::Loc);
                }
            }
            // a name the gazetteer knows may end with a stop word ("Theresa May")
            if let Some(h) = gaz
                .iter()
                .find(|h| h.start == s && e < h.end && h.end <= e0)
            {
                e = h.end;
            }
            let exact = gaz
                .iter()
                .find(|h| h.start == s && h.end == e)
                .and_then(|h| match h.ent {
                    Ent::Known(id) => Some((id, h.weak)),
                    Ent::Found(_) => None,
                });
            let known = exact.or_else(|| self.lookup(&text[s..e]).map(|id| (id, false)));
            // a name the gazetteer knows keeps its kind ("Putin's" tagged as a place is still
            // the person); a MISC span is an actor only as a country's demonym ("Japanese")
            let compatible = |kind: ActorKind| ty != NameType::Misc || kind == ActorKind::Country;
            let yields = |id: u32| ty == NameType::Org && self.entities[id as usize].yields_to_org;
            let inside = |h: &&Hit| {
                s <= h.start && h.end <= e && !matches!(h.ent, Ent::Known(id) if yields(id))
            };
            let ent = match known {
                Some((id, weak)) if compatible(self.entities[id as usize].kind) && !yields(id) => {
                    if ty == NameType::Misc && is_language_use(text, s, e) {
                        None
                    } else {
                        Some((Ent::Known(id), weak))
                    }
                }
                _ if words::is_all_caps(&text[s..e]) && gaz.iter().any(|h| inside(&h)) => {
                    // ALL-CAPS headlines mislead the tagger: "BAHIA COCOA REVIEW" is Bahia
                    for h in gaz.iter().filter(inside) {
                        hits.push(*h);
                    }
                    continue;
                }
                _ => {
                    let org_word = text[s..e]
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| words::is_non_person(w.trim_end_matches('.')));
                    // a legal suffix ends a firm's name, whatever the tagger took it for
                    let legal_tail = text[s..e]
                        .rsplit(' ')
                        .next()
                        .is_some_and(words::is_legal_suffix)
                        && text[s..e].contains(' ');
                    let kind = match ty {
                        NameType::Per | NameType::Loc if legal_tail => ActorKind::Org,
                        NameType::Per if org_word => ActorKind::Org,
                        NameType::Per if names_a_feature(&text[s..e]) => ActorKind::Place,
                        NameType::Org if names_a_natural_feature(&text[s..e]) => ActorKind::Place,
                        NameType::Per => ActorKind::Person,
                        NameType::Org => ActorKind::Org,
                        NameType::Loc => ActorKind::Place,
                        NameType::Misc => {
                            // nested countries of a MISC name ("U.S.-made", "Soviet-era")
                            push_nested(text, gaz, s0, e0, &self.entities, hits);
                            continue;
                        }
                    };
                    found_name(text, s, e).map(|name| {
                        let k = match found
                            .iter()
                            .position(|f| f.1 == kind && f.0.eq_ignore_ascii_case(&name))
                        {
                            Some(k) => {
                                // prefer a mixed-case spelling over an ALL-CAPS one
                                if words::is_all_caps(&found[k].0) && !words::is_all_caps(&name) {
                                    found[k].0 = name;
                                }
                                k
                            }
                            None => {
                                found.push((name, kind));
                                found.len() - 1
                            }
                        };
                        (Ent::Found(k as u32), false)
                    })
                }
            };
            if let Some((ent, weak)) = ent {
                hits.push(Hit {
                    ent,
                    title: is_title,
                    start: s,
                    end: e,
                    weak,
                });
            }
            // a place named after a people ("British Columbia") is in no country by its name
            let place = match known {
                Some((id, _)) => self.entities[id as usize].kind == ActorKind::Place,
                None => ty == NameType::Loc,
            };
            let before = hits.len();
            push_nested(text, gaz, s0, e0, &self.entities, hits);
            if place {
                let mut k = before;
                while k < hits.len() {
                    let written = &text[hits[k].start..hits[k].end];
                    let name = match hits[k].ent {
                        Ent::Known(id) => self.entities[id as usize].name.as_str(),
                        Ent::Found(_) => written,
                    };
                    if written != name && is_demonym(written) {
                        hits.remove(k);
                    } else {
                        k += 1;
                    }
                }
            }
        }
        // gazetteer hits the tagger did not cover: countries (names, aliases and demonyms)
        // always; other actors only from the curated or acronym aliases the tagger can miss
        for h in gaz {
            if covered.iter().any(|&(s, e)| h.start < e && s < h.end) {
                continue;
            }
            let Ent::Known(id) = h.ent else { continue };
            let kind = self.entities[id as usize].kind;
            if kind == ActorKind::Country {
                // a place named after the country is that place ("New South Wales")
                if let Some(n) = named_after_country(text, h.start) {
                    let name = text[n..h.end].to_string();
                    let k = match found.iter().position(|f| f.0 == name) {
                        Some(k) => k,
                        None => {
                            found.push((name, ActorKind::Place));
                            found.len() - 1
                        }
                    };
                    hits.push(Hit {
                        ent: Ent::Found(k as u32),
                        start: n,
                        ..*h
                    });
                    continue;
                }
            }
            let keep = match kind {
                ActorKind::Country => !is_language_use(text, h.start, h.end),
                // a town written with its state or province ("Harwick, Ohio")
                ActorKind::Place if town_with_division(text, h.start, h.end) => true,
                // gazetteer-only extraction keeps every hit
                _ => !tagged,
            };
            if keep {
                hits.push(*h);
            }
        }
    }

    /// Resolves lone surnames of the people found to their full names.
    fn resolve_surnames(
        &self,
        fields: &[(bool, &str)],
        hits: &mut Vec<Hit>,
        found: &[(String, ActorKind)],
        aliases: &mut Vec<(Ent, String)>,
    ) {
        let name_of = |ent: Ent| -> Option<&str> {
            match ent {
                Ent::Known(id) if self.entities[id as usize].kind == ActorKind::Person => {
                    Some(&self.entities[id as usize].name)
                }
                Ent::Found(k) if found[k as usize].1 == ActorKind::Person => {
                    Some(&found[k as usize].0)
                }
                _ => None,
            }
        };
        // surname -> person; None when two people share it
        let mut surnames: Vec<(&str, Option<Ent>)> = Vec::new();
        for h in hits.iter().filter(|h| !h.weak) {
            let Some(name) = name_of(h.ent) else { continue };
            let Some((_, last)) = name.rsplit_once(' ') else {
                continue;
            };
            if last.chars().count() < 3 || words::is_stop(last) || last.ends_with('.') {
                continue;
            }
            match surnames.iter_mut().find(|(s, _)| *s == last) {
                Some((_, e)) if *e != Some(h.ent) => *e = None,
                Some(_) => {}
                None => surnames.push((last, Some(h.ent))),
            }
        }
        if surnames.iter().all(|(_, e)| e.is_none()) {
            return;
        }
        for h in hits.iter_mut() {
            let text = if h.title { fields[0].1 } else { fields[1].1 };
            let s = &text[h.start..h.end];
            // A one-word person, or a one-word name the tagger typed otherwise ("The
            // Armacost discussions" tagged as an organisation), is the person of that surname.
            let one_word = match h.ent {
                Ent::Found(k) => !found[k as usize].0.contains(' '),
                Ent::Known(_) => name_of(h.ent).is_some_and(|n| !n.contains(' ')),
            };
            let town = !(h.weak || one_word) && self.names_a_town_written_as_no_place(text, h);
            if !(h.weak || one_word || town) {
                continue;
            }
            if let Some(&(_, Some(ent))) = surnames
                .iter()
                .find(|(n, _)| *n == s || n.eq_ignore_ascii_case(s))
            {
                // a town's name is a person's only after a given name of letters that is no
                // English word ("Lower Manhattan" typed a person names the place)
                if town
                    && name_of(ent).is_none_or(|n| {
                        n.split(' ').next().is_none_or(|w| {
                            words::is_common_word(w)
                                || !words::is_title_case(w)
                                || !w.chars().all(char::is_alphabetic)
                        })
                    })
                {
                    continue;
                }
                if h.ent != ent {
                    aliases.push((ent, surface(fields, h)));
                }
                h.ent = ent;
            }
        }
        let mut extra = Vec::new();
        let mut toks = Vec::new();
        for &(is_title, text) in fields {
            tagger::tokenize(text, &mut toks);
            for w in toks.iter() {
                let s = &text[w.start..w.end];
                let caps = words::is_all_caps(s);
                let Some(&(_, Some(ent))) = surnames
                    .iter()
                    .find(|(n, _)| *n == s || (caps && n.eq_ignore_ascii_case(s)))
                else {
                    continue;
                };
                let taken = hits
                    .iter()
                    .any(|h| h.title == is_title && h.start < w.end && w.start < h.end);
                if !taken {
                    aliases.push((ent, s.to_string()));
                    extra.push(Hit {
                        ent,
                        title: is_title,
                        start: w.start,
                        end: w.end,
                        weak: false,
                    });
                }
            }
        }
        hits.extend(extra);
    }

    /// Is `h` a one-word town or region of the gazetteer (no country) that the text does not
    /// write as a place's here ([`super::head::attests_a_place`]: after "in",
    /// "near", opening a dateline)? Such a word may still be the surname of a person the
    /// article names in full ("his mentor Ivo Preston ... Preston agreed"): a town's name is
    /// often a family's.
    fn names_a_town_written_as_no_place(&self, text: &str, h: &Hit) -> bool {
        let Ent::Known(id) = h.ent else {
            return false;
        };
        let e = &self.entities[id as usize];
        e.kind == ActorKind::Place
            && !text[h.start..h.end].contains(' ')
            && !super::head::attests_a_place(text, h.start, h.end)
    }

    /// Resolves the acronyms the article defines ("Full Name (FN)", "FN (Full Name)", "Full
    /// Name, or FN,"): every mention of the acronym is the long form's actor, the long form is
    /// one name even where the tagger split it, and the acronym is recorded as an alias.
    fn resolve_acronyms(
        &self,
        fields: &[(bool, &str)],
        hits: &mut Vec<Hit>,
        found: &mut Vec<(String, ActorKind)>,
        aliases: &mut Vec<(Ent, String)>,
    ) {
        let body = fields[1].1;
        for def in acronym_definitions(body) {
            let (ls, le) = def.long;
            let in_long = |h: &Hit| !h.title && h.start < le && ls < h.end;
            let target = match hits
                .iter()
                .find(|h| !h.title && h.start == ls && h.end == le)
            {
                Some(h) => h.ent,
                None => {
                    // the tagger's kind for a piece of most of it, else an organisation
                    let kind = hits
                        .iter()
                        .filter(|h| in_long(h) && 2 * (h.end - h.start) >= le - ls)
                        .max_by_key(|h| h.end - h.start)
                        .map(|h| self.name_and_kind(h.ent, found).1)
                        .filter(|k| *k != ActorKind::Person)
                        .unwrap_or(ActorKind::Org);
                    let name = body[ls..le]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ");
                    let k = match found.iter().position(|f| f.0 == name && f.1 == kind) {
                        Some(k) => k,
                        None => {
                            found.push((name, kind));
                            found.len() - 1
                        }
                    };
                    let ent = Ent::Found(k as u32);
                    // pieces of the long form give way to it, except countries named inside
                    // ("Bank of Japan")
                    hits.retain(|h| {
                        !in_long(h)
                            || (self.name_and_kind(h.ent, found).1 == ActorKind::Country
                                && ls < h.start)
                    });
                    hits.push(Hit {
                        ent,
                        title: false,
                        start: ls,
                        end: le,
                        weak: false,
                    });
                    ent
                }
            };
            for &(is_title, text) in fields {
                for (at, _) in text.match_indices(def.acronym.as_str()) {
                    let end = at + def.acronym.len();
                    let before = text[..at].chars().next_back();
                    let after = text[end..].chars().next();
                    if before.is_some_and(char::is_alphanumeric)
                        || after.is_some_and(|c| c.is_alphanumeric() || c == '-')
                    {
                        continue;
                    }
                    let inside_longer = hits.iter().any(|h| {
                        h.title == is_title
                            && h.start <= at
                            && end <= h.end
                            && h.end - h.start > end - at
                            && h.ent != target
                    });
                    if inside_longer {
                        continue;
                    }
                    hits.retain(|h| !(h.title == is_title && h.start < end && at < h.end));
                    hits.push(Hit {
                        ent: target,
                        title: is_title,
                        start: at,
                        end,
                        weak: false,
                    });
                }
            }
            aliases.push((target, def.acronym));
        }
    }

    /// Resolves the acronyms the article writes without defining them: an acronym the
    /// gazetteer does not know that spells the initials of exactly one organisation, country or
    /// place of the article named in two words or more ("VTA" beside "Velmora Transit
    /// Authority"), is that actor, and is recorded as its alias.
    fn resolve_initials(
        &self,
        fields: &[(bool, &str)],
        hits: &mut [Hit],
        found: &[(String, ActorKind)],
        aliases: &mut Vec<(Ent, String)>,
    ) {
        let initials = |name: &str| -> Option<Vec<char>> {
            let mut out = Vec::new();
            let mut words = 0;
            for w in name.split_whitespace() {
                if is_connective(w) {
                    continue;
                }
                let c = w.chars().next()?;
                if !c.is_uppercase() {
                    return None;
                }
                out.push(c);
                words += 1;
            }
            (words >= 2).then_some(out)
        };
        let mut acronyms: Vec<(Ent, String)> = Vec::new();
        for h in hits.iter() {
            let Ent::Found(_) = h.ent else { continue };
            let written = surface(fields, h);
            if is_acronym(&written)
                && written.chars().all(|c| c.is_ascii_uppercase())
                && written.len() <= 5
                && !acronyms.iter().any(|a| a.0 == h.ent)
            {
                acronyms.push((h.ent, written));
            }
        }
        for (ent, acronym) in acronyms {
            let letters = acronym_letters(&acronym);
            let mut targets: Vec<Ent> = Vec::new();
            for h in hits.iter().filter(|h| h.ent != ent) {
                let (name, kind) = self.name_and_kind(h.ent, found);
                if kind != ActorKind::Person
                    && initials(name).is_some_and(|i| i == letters)
                    && !targets.contains(&h.ent)
                {
                    targets.push(h.ent);
                }
            }
            let [target] = targets[..] else { continue };
            for h in hits.iter_mut().filter(|h| h.ent == ent) {
                h.ent = target;
            }
            aliases.push((target, acronym));
        }
    }

    /// The canonical name and kind of a hit's actor.
    fn name_and_kind<'a>(
        &'a self,
        ent: Ent,
        found: &'a [(String, ActorKind)],
    ) -> (&'a str, ActorKind) {
        match ent {
            Ent::Known(id) => {
                let e = &self.entities[id as usize];
                (e.name.as_str(), e.kind)
            }
            Ent::Found(k) => (found[k as usize].0.as_str(), found[k as usize].1),
        }
    }

    /// Resolves the short forms of longer names of the same article: "the Fund" or "Social
    /// Council" ending a longer organisation or place name ("International Monetary Fund",
    /// "Economic and Social Council") is that actor, and a person's given name alone ("Ilse"
    /// after "Ilse Varga") is that person (when one person of the article has it; else it is
    /// no actor). The short forms are recorded as aliases.
    fn resolve_short_forms(
        &self,
        fields: &[(bool, &str)],
        hits: &mut Vec<Hit>,
        found: &[(String, ActorKind)],
        aliases: &mut Vec<(Ent, String)>,
    ) {
        // (actor, a longer name of it: canonical or as written, kind, mentions)
        let mut longer: Vec<(Ent, String, ActorKind, usize)> = Vec::new();
        if !hits.iter().any(|h| matches!(h.ent, Ent::Found(_))) {
            return;
        }
        for h in hits.iter() {
            let (name, kind) = self.name_and_kind(h.ent, found);
            for form in [name.to_string(), surface(fields, h)] {
                if !form.contains(' ') {
                    continue;
                }
                match longer.iter_mut().find(|l| l.0 == h.ent && l.1 == form) {
                    Some(l) => l.3 += 1,
                    None => longer.push((h.ent, form, kind, 1)),
                }
            }
        }
        // mentions per actor, whatever the form
        for l in longer.iter_mut() {
            l.3 = hits.iter().filter(|h| h.ent == l.0).count();
        }
        if longer.is_empty() {
            return;
        }
        let mut unnamed_given_names = Vec::new();
        for (i, h) in hits.iter_mut().enumerate() {
            let Ent::Found(k) = h.ent else { continue };
            let (own_name, own_kind) = (&found[k as usize].0, found[k as usize].1);
            let form = surface(fields, h);
            let ends = |name: &str| {
                name.len() > form.len() + 1
                    && name.is_char_boundary(name.len() - form.len() - 1)
                    && name.is_char_boundary(name.len() - form.len())
                    && name[name.len() - form.len()..].eq_ignore_ascii_case(&form)
                    && name.as_bytes()[name.len() - form.len() - 1] == b' '
                    // the head of the name, not its complement ("Livorno" in "Municipality
                    // of Livorno")
                    && !name[..name.len() - form.len() - 1]
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| w.starts_with(char::is_lowercase) && w != "and")
            };
            let mut best: Option<(Ent, usize)> = None;
            let mut tied = false;
            // a proper name ("Chechnya") is the end of a longer name of its own kind only
            let generic = words::all_common_words(&form);
            // a company's first word ("Grayson" for "Grayson Freight Lines")
            let begins = |name: &str, kind: ActorKind| {
                // the tagger takes a company for a person now and then, seldom for a place
                matches!(own_kind, ActorKind::Org | ActorKind::Person)
                    && kind == ActorKind::Org
                    && !own_name.contains(' ')
                    && name.len() > own_name.len()
                    && name.starts_with(own_name.as_str())
                    && (name[own_name.len()..].starts_with(' ')
                        || name[own_name.len()..].starts_with("'s ")
                        || name[own_name.len()..].starts_with("’s "))
            };
            for &(ent, ref name, kind, n) in &longer {
                if ent == h.ent
                    || kind == ActorKind::Person
                    || !(generic || kind == own_kind)
                    || !(ends(name) || begins(name, kind))
                {
                    continue;
                }
                match best {
                    Some((e, _)) if e == ent => {}
                    Some((_, m)) if m > n => {}
                    Some((_, m)) if m == n => tied = true,
                    _ => {
                        best = Some((ent, n));
                        tied = false;
                    }
                }
            }
            if let (Some((ent, _)), false) = (best, tied) {
                h.ent = ent;
                aliases.push((ent, form));
                continue;
            }
            // a given name alone
            if own_kind != ActorKind::Person || own_name.contains(' ') {
                continue;
            }
            let people: Vec<Ent> = longer
                .iter()
                .filter(|l| {
                    l.2 == ActorKind::Person
                        && l.1.split(' ').next().is_some_and(|first| first == form)
                })
                .map(|l| l.0)
                .collect();
            match people[..] {
                [] => {}
                [person] => {
                    h.ent = person;
                    aliases.push((person, form));
                }
                _ => unnamed_given_names.push(i),
            }
        }
        for i in unnamed_given_names.into_iter().rev() {
            hits.remove(i);
        }
    }

    /// Names a town the body places in its state or province ("Fenwick, Ohio") by both, as
    /// atlases do: "Fenwick, Ohio" is the town's canonical name in the whole article (its bare
    /// mentions included, recorded as an alias), so that two towns of one name stay apart. The
    /// mentions stay on the town's own words; the state is an actor of its own. A list of
    /// places ("Lyon, New York and Rome") is no such pair.
    fn name_towns_by_division(
        &self,
        body: &str,
        hits: &mut [Hit],
        found: &mut Vec<(String, ActorKind)>,
        aliases: &mut Vec<(Ent, String)>,
    ) {
        let mut renamed: Vec<(Ent, Ent)> = Vec::new();
        for h in hits.iter() {
            if h.title || renamed.iter().any(|r| r.0 == h.ent) {
                continue;
            }
            let (name, kind) = self.name_and_kind(h.ent, found);
            // a town the gazetteer lacks (one it knows is known by its name alone), which
            // the tagger takes for a firm now and then
            let town_like = matches!(h.ent, Ent::Found(_))
                && (kind == ActorKind::Place
                    || kind == ActorKind::Org && !name.split(' ').any(words::is_non_person));
            let Some(division) = division_after(body, h.start, h.end) else {
                continue;
            };
            let written = &body[h.start..h.end];
            if !town_like || words::is_division(written) || !written.starts_with(char::is_uppercase)
            {
                continue;
            }
            let full = format!("{name}, {division}");
            let k = match found.iter().position(|f| f.0 == full) {
                Some(k) => k,
                None => {
                    found.push((full, ActorKind::Place));
                    found.len() - 1
                }
            };
            renamed.push((h.ent, Ent::Found(k as u32)));
        }
        for (from, to) in renamed {
            for h in hits.iter_mut().filter(|h| h.ent == from) {
                h.ent = to;
            }
            aliases.push((to, self.name_and_kind(from, found).0.to_string()));
        }
    }

    /// Groups hits into one `ActorMatch` per actor, sorted by name, with the other forms the
    /// article used for it.
    fn collect(
        &self,
        mut hits: Vec<Hit>,
        found: &[(String, ActorKind)],
        aliases: &[(Ent, String)],
    ) -> Vec<ActorMatch> {
        hits.sort_by_key(|h| (h.ent, h.title, h.start));
        let mut out: Vec<ActorMatch> = Vec::new();
        for h in hits {
            let (name, kind) = match h.ent {
                Ent::Known(id) => {
                    let e = &self.entities[id as usize];
                    (e.name.as_str(), e.kind)
                }
                Ent::Found(k) => (found[k as usize].0.as_str(), found[k as usize].1),
            };
            let idx = match out.iter().position(|m| m.name == name) {
                Some(i) => i,
                None => {
                    out.push(ActorMatch {
                        name: name.to_string(),
                        kind,
                        mentions: Vec::new(),
                        title_mentions: Vec::new(),
                        aliases: Vec::new(),
                    });
                    out.len() - 1
                }
            };
            let m = &mut out[idx];
            let v = if h.title {
                &mut m.title_mentions
            } else {
                &mut m.mentions
            };
            if !v.contains(&(h.start, h.end)) {
                v.push((h.start, h.end));
            }
        }
        for (ent, form) in aliases {
            let (name, _) = self.name_and_kind(*ent, found);
            if let Some(m) = out.iter_mut().find(|m| m.name == name) {
                if !form.eq_ignore_ascii_case(name) && !m.aliases.contains(form) {
                    m.aliases.push(form.clone());
                }
            }
        }
        for m in &mut out {
            m.mentions.sort_unstable();
            m.title_mentions.sort_unstable();
            m.aliases.sort_unstable();
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out
    }
}

/// Drops the found organisations and people (names the gazetteer does not know) that the
/// article writes only inside the name of a document or an event: as the modifier of a
/// lower-case document or event noun ("the Kestrel accords", "the Ostrava summit"), or as the
/// rest of a document's title ("the Declaration on the Granting of Tolls"). The article names
/// the document or the event, not an actor. A name written once anywhere else in the body
/// stays.
fn drop_document_modifiers(body: &str, hits: &mut Vec<Hit>, found: &[(String, ActorKind)]) {
    let modifies_a_document = |h: &Hit| {
        body[h.end..]
            .strip_prefix(' ')
            .and_then(|rest| rest.split(|c: char| !c.is_alphabetic()).next())
            .is_some_and(super::head::is_lower_case_document_noun)
            || super::head::ends_with_document_title_opener(&body[..h.start])
    };
    drop_people_and_bodies_written_only(hits, found, |h| !h.title, modifies_a_document);
}

/// Drops the found organisations and people written, every time the body names them, as a
/// code of three capital letters beside an amount ("UAH 40 million", "2.5 billion XQR for
/// roads", "XQR 1,200"): a currency's or a unit's code, not a body. An amount is a figure
/// followed by a number word, or a figure with a separator ("1,200", "3.5"); before the code
/// a plain figure counts too ("300 XQR"), unless it is a year ("the 2019 ABC report") or the
/// code modifies a noun after it ("300 ABC staff"). A plain number after the code is a
/// model's or a session's ("ABC 3090"), and punctuation between the two parts them ("in
/// 1986, ABC said").
fn drop_codes_beside_figures(body: &str, hits: &mut Vec<Hit>, found: &[(String, ActorKind)]) {
    let figure = |w: &str| {
        w.starts_with(|c: char| c.is_ascii_digit())
            && w.ends_with(|c: char| c.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
    };
    let beside_figures = |h: &Hit| {
        let code = &body[h.start..h.end];
        if !(code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())) {
            return false;
        }
        let mut after = body[h.end..].split_whitespace();
        let next = after.next().unwrap_or("");
        if figure(next)
            && (next.contains(['.', ',']) || after.next().is_some_and(super::words::is_number_word))
        {
            return true;
        }
        let mut before = body[..h.start].split_whitespace().rev();
        let amount_before = match before.next() {
            Some(w) if super::words::is_number_word(w) => before.next().is_some_and(figure),
            Some(w) => {
                figure(w)
                    && !(w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1000..2100).contains(&y)))
            }
            None => false,
        };
        let next_word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
        amount_before
            && (next_word.is_empty()
                || !next_word.starts_with(char::is_lowercase)
                || super::words::is_stop(&next_word))
    };
    drop_people_and_bodies_written_only(hits, found, |h| !h.title, beside_figures);
}

/// Drops the found names (ones the gazetteer does not know) that name no actor by their
/// structure ([`super::head::names_a_non_actor_in_article`]: "the Tarnwick Lantern
/// Festival", "HMS Resolute"; [`super::head::names_a_faith`]: "Islam", "Velmoran Muslims"),
/// with every mention resolved to them: the registry's rule,
/// applied to each article too, so that its own list is clean before any index is settled.
/// An acronym opening such a name as written ("the ORVEX Lantern Festival") names its
/// organiser: those mentions stay, as the acronym's.
fn drop_non_actor_names(
    gazetteer: &Gazetteer,
    fields: &[(bool, &str)],
    hits: &mut Vec<Hit>,
    found: &mut Vec<(String, ActorKind)>,
) {
    let dropped: Vec<bool> = found
        .iter()
        .map(|(name, kind)| {
            super::head::names_a_non_actor_in_article(name, *kind)
                || super::head::names_a_faith(name)
        })
        .collect();
    if !dropped.contains(&true) {
        return;
    }
    let mut organisers = Vec::new();
    hits.retain(|h| {
        let Ent::Found(k) = h.ent else {
            return true;
        };
        if !dropped[k as usize] {
            return true;
        }
        let text = if h.title { fields[0].1 } else { fields[1].1 };
        let written = &text[h.start..h.end];
        let first = written.split(' ').next().unwrap_or("");
        // the name as written, not a short form of it ("the CTBT" of a treaty)
        if first.len() < written.len() && is_acronym(first) && !super::head::names_a_craft(written)
        {
            organisers.push((first.to_string(), h.title, h.start, h.start + first.len()));
        }
        false
    });
    for (acronym, title, start, end) in organisers {
        let ent = match gazetteer.lookup(&acronym) {
            Some(id) => Ent::Known(id),
            None => {
                let k = match found
                    .iter()
                    .position(|(name, kind)| *name == acronym && *kind == ActorKind::Org)
                {
                    Some(k) => k,
                    None => {
                        found.push((acronym, ActorKind::Org));
                        found.len() - 1
                    }
                };
                Ent::Found(k as u32)
            }
        };
        hits.push(Hit {
            ent,
            title,
            start,
            end,
            weak: false,
        });
    }
}

/// Drops the found names (ones the gazetteer does not know) made only of English common words
/// that the article gives no evidence of being names: words capitalised only where any word
/// would be (sentence starts, the title, a headline line), also written in lower case in the
/// body, or, for a single word, a number ("Nine") or a definite short form ("the Bureau") that
/// no longer name of the article resolved.
fn drop_common_word_names(body: &str, hits: &mut Vec<Hit>, found: &[(String, ActorKind)]) {
    let mut dropped = vec![false; found.len()];
    for (k, (name, kind)) in found.iter().enumerate() {
        // a legal suffix ("Corp") is evidence enough of a company name
        let suffixed = name
            .rsplit(|c: char| c.is_whitespace() || c == ',')
            .next()
            .is_some_and(words::is_legal_suffix);
        if suffixed || !words::all_common_words(name) {
            continue;
        }
        let single = !name.contains(|c: char| c.is_whitespace());
        let mentions = hits.iter().filter(|h| h.ent == Ent::Found(k as u32));
        let where_any_word_is_capitalised =
            |h: &Hit| h.title || at_sentence_start(body, h.start) || in_headline(body, h.start);
        let telling_mentions = mentions
            .clone()
            .filter(|h| !where_any_word_is_capitalised(h))
            .count();
        // "the Bureau", "the North", not "the Rangers" (a team) nor "the Smith campaign"
        let definite_short_form = single
            && *kind != ActorKind::Person
            && !name.ends_with(['s', 'S'])
            && mentions
                .clone()
                .any(|h| !h.title && after_the(body, h.start));
        // the end of a title: "Secretary of State", "Minister of Finance"
        let end_of_title = single
            && mentions
                .clone()
                .all(|h| h.title || after_title_of(body, h.start));
        // "this Chamber": a demonstrative points back at a longer name or a common noun
        let demonstrative = single
            && mentions
                .clone()
                .any(|h| !h.title && super::context::after_this(body, h.start));
        dropped[k] = telling_mentions == 0
            || definite_short_form
            || demonstrative
            || end_of_title
            || (single && words::is_number_word(name))
            || written_in_lower_case(body, &name.to_lowercase());
    }
    hits.retain(|h| !matches!(h.ent, Ent::Found(k) if dropped[k as usize]));
}

/// Drops the found people and organisations (names the gazetteer does not know) that the
/// article writes only as a whole quotation (`“Harbour Lights”`, `"Cloud Rally."`) or inside a
/// quoted title, every word of it capitalised (`"The Harbour Lights 2 Finale"`): they name a
/// film, a book, a show, a site or a game, not an actor. A name written once without
/// quotation marks stays.
fn drop_quoted_titles(fields: &[(bool, &str)], hits: &mut Vec<Hit>, found: &[(String, ActorKind)]) {
    let quoted = |h: &Hit| {
        let text = if h.title { fields[0].1 } else { fields[1].1 };
        let opens = text[..h.start].ends_with(['"', '“', '«']);
        let rest = text[h.end..].trim_start_matches(['.', ',', '!', '?']);
        opens && rest.starts_with(['"', '”', '»']) || in_quoted_title(text, h.start, h.end)
    };
    drop_people_and_bodies_written_only(hits, found, |_| true, quoted);
}

/// Drops the found organisations and people whose every counted mention (those `counted`
/// keeps, one at least) is written the way `written` tells: the one loop behind
/// [`drop_document_modifiers`] and [`drop_quoted_titles`].
fn drop_people_and_bodies_written_only(
    hits: &mut Vec<Hit>,
    found: &[(String, ActorKind)],
    counted: impl Fn(&Hit) -> bool,
    written: impl Fn(&Hit) -> bool,
) {
    let dropped: Vec<bool> = (0..found.len())
        .map(|k| {
            let mut mentions = hits
                .iter()
                .filter(|h| h.ent == Ent::Found(k as u32) && counted(h))
                .peekable();
            matches!(found[k].1, ActorKind::Org | ActorKind::Person)
                && mentions.peek().is_some()
                && mentions.all(&written)
        })
        .collect();
    hits.retain(|h| !matches!(h.ent, Ent::Found(k) if dropped[k as usize]));
}

/// Is the name at `s..e` inside a quoted title of eight words at most, on its line, whose
/// other words are capitalised, figures or lower-case stop words (`"The Harbour Lights 2
/// Finale"`)? A quotation mark opens after a space and before a word, and closes after a word.
pub(super) fn in_quoted_title(text: &str, s: usize, e: usize) -> bool {
    // eight words stand within this many bytes of the name: no scan of a long line
    const REACH: usize = 160;
    let mut from = s.saturating_sub(REACH);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let line_start = text[from..s].rfind('\n').map_or(from, |k| from + k + 1);
    let before = &text[line_start..s];
    let Some(open) = before.rfind(['"', '“', '«']) else {
        return false;
    };
    let straight_opens = before[open..].starts_with('"');
    let opening = &before[open + before[open..].chars().next().map_or(1, char::len_utf8)..];
    // an opening mark stands after a space and before a word, a closing one after a word
    if !(before[..open].is_empty() || before[..open].ends_with([' ', '(']))
        || opening.starts_with(' ')
    {
        return false;
    }
    let mut to = (e + REACH).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let after = &text[e..to];
    let line_end = after.find('\n').unwrap_or(after.len());
    let closes: &[char] = if straight_opens {
        &['"']
    } else {
        &['”', '»']
    };
    let Some(close) = after[..line_end].find(closes) else {
        return false;
    };
    if after[..close].ends_with(' ') {
        return false;
    }
    let inner = [opening, &after[..close]];
    let others: Vec<&str> = inner.iter().flat_map(|t| t.split_whitespace()).collect();
    !others.is_empty()
        && others.len() + text[s..e].split_whitespace().count() <= 8
        && others.iter().all(|w| {
            words::is_title_case(w)
                || w.chars().all(|c| c.is_ascii_digit())
                || w.chars().all(|c| c.is_lowercase()) && words::is_stop(w)
        })
}

/// Do the words around the name at `s..e` write it as a person's: a title or honorific before
/// it ("Dr. Varnel", "Coach Varnel"), a verb of speech before or after it ("Varnel said",
/// "said Varnel", "according to Varnel") or "who" after it? A row of a results table or a
/// scorecard (a line with a figure and no final stop) names players by surname alone, and
/// counts as one too. A lone capitalised word written with none of these is a product, a
/// brand, a site, a work or a group far more often than a person never named in full.
pub(crate) fn attests_a_person(text: &str, s: usize, e: usize) -> bool {
    const SPEECH: &[&str] = &[
        "said",
        "says",
        "told",
        "tells",
        "added",
        "adds",
        "wrote",
        "writes",
        "asked",
        "asks",
        "explained",
        "explains",
        "replied",
        "noted",
        "notes",
        "argued",
        "argues",
        "recalled",
        "recalls",
        "insisted",
        "who",
    ];
    let after = text[e..]
        .trim_start_matches(['’', '\'', ',', ' '])
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let before_text = text[..s].trim_end_matches([' ', ',']);
    let before = before_text
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("")
        .trim_end_matches('.');
    SPEECH.contains(&after)
        || SPEECH.contains(&before)
        || words::is_title(before)
        || before_text
            .get(before_text.len().saturating_sub(12)..)
            .is_some_and(|tail| tail.eq_ignore_ascii_case("according to"))
        || in_table_row(text, s)
}

/// Is the line around `s` a row of a table or a scorecard: it holds a figure and does not end
/// as a sentence does?
fn in_table_row(text: &str, s: usize) -> bool {
    let start = text[..s].rfind('\n').map_or(0, |k| k + 1);
    let end = text[s..].find('\n').map_or(text.len(), |k| s + k);
    let line = text[start..end].trim_end();
    line.contains(|c: char| c.is_ascii_digit())
        && !line.ends_with(['.', '!', '?', '"', '”', '\'', '’', ':'])
}

/// Does the word at `s` follow a title and "of" ("Secretary of State")?
fn after_title_of(text: &str, s: usize) -> bool {
    let Some(before) = text[..s].trim_end().strip_suffix(" of") else {
        return false;
    };
    before
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .is_some_and(|w| words::is_title(w.trim_start_matches(|c: char| !c.is_alphanumeric())))
}

/// Does the word at `s` follow the article "the" ("the Bureau", "The Bureau")?
fn after_the(text: &str, s: usize) -> bool {
    let before = text[..s].trim_end();
    before.len() < s
        && before.len() >= 3
        && before.is_char_boundary(before.len() - 3)
        && before[before.len() - 3..].eq_ignore_ascii_case("the")
        && !before[..before.len() - 3]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
}

/// Does the word at `s` begin a sentence (at the start of the text or after a full stop, a
/// question or exclamation mark, past opening quotes, brackets or bullets)? A line start
/// alone is not one: table rows and lists begin with names.
pub(super) fn at_sentence_start(text: &str, s: usize) -> bool {
    let before = text[..s].trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\'' | '“' | '‘' | '(' | '[' | '*' | '-' | '–' | '—' | '•'
            )
    });
    // "8. Name" numbers a list item
    let numbered = before.strip_suffix('.').is_some_and(|b| {
        b.ends_with(|c: char| c.is_ascii_digit())
            && !b
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .ends_with(|c: char| !c.is_whitespace())
    });
    !numbered
        && before
            .chars()
            .next_back()
            .is_none_or(|c| matches!(c, '.' | '!' | '?'))
}

/// Is the line around `s` a headline: ALL CAPS, or short, without a final stop or a number
/// (a table row), and with every word of four letters or more capitalised?
fn in_headline(text: &str, s: usize) -> bool {
    let start = text[..s].rfind('\n').map_or(0, |k| k + 1);
    let end = text[s..].find('\n').map_or(text.len(), |k| s + k);
    let line = text[start..end].trim();
    if words::is_all_caps(line) {
        return true;
    }
    let long_words = line
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4);
    line.len() <= 150
        && !line.ends_with(['.', '!', '?', ',', ';', ':'])
        && !line
            .split_whitespace()
            .any(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        && long_words.clone().count() >= 2
        && long_words.clone().all(|w| {
            w.trim_start_matches(|c: char| !c.is_alphanumeric())
                .starts_with(|c: char| c.is_uppercase() || c.is_numeric())
        })
}

/// Does `text` contain `lower` (a lower-cased name) as whole words, in lower case?
fn written_in_lower_case(text: &str, lower: &str) -> bool {
    text.match_indices(lower).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + lower.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// An acronym an article defines, and the byte range of its long form.
#[derive(Debug, PartialEq)]
struct AcronymDefinition {
    acronym: String,
    long: (usize, usize),
}

/// Is `w` written as an acronym: two to ten characters, at least two capitals, no lower case
/// ("IMF", "G7", "AT&T")?
fn is_acronym(w: &str) -> bool {
    (2..=10).contains(&w.chars().count())
        && w.chars().filter(char::is_ascii_uppercase).count() >= 2
        && w.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '&')
}

/// Words that may sit inside a long form without giving the acronym a letter.
fn is_connective(w: &str) -> bool {
    matches!(
        w,
        "of" | "and" | "for" | "the" | "on" | "&" | "de" | "du" | "des" | "la" | "le"
    )
}

/// The capitals an acronym spells out ("G7" spells "G").
fn acronym_letters(acronym: &str) -> Vec<char> {
    acronym.chars().filter(char::is_ascii_uppercase).collect()
}

/// How many letters (from the start of `letters`) the capitalised word `w` spells: its initial,
/// or the initials of its capitalised hyphenated parts ("Non-Proliferation").
fn spelled(w: &str, letters: &[char]) -> usize {
    let initials: Vec<char> = w
        .split('-')
        .filter_map(|p| p.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    if initials.len() > 1 && letters.starts_with(&initials) {
        initials.len()
    } else if w.starts_with(|c: char| Some(c) == letters.first().copied()) {
        1
    } else {
        0
    }
}

/// Words (byte ranges) of `text`, split at whitespace, with surrounding punctuation other than
/// hyphens and ampersands left out of each.
fn word_ranges(text: &str, base: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    for w in text.split(char::is_whitespace) {
        let start = at + w.len()
            - w.trim_start_matches(|c: char| c.is_ascii_punctuation() && c != '&')
                .len();
        let end = at
            + w.trim_end_matches(|c: char| c.is_ascii_punctuation() && c != '&')
                .len();
        if start < end {
            out.push((base + start, base + end));
        }
        at += w.len() + 1;
    }
    out
}

/// The long form spelling out `letters` that ends with the last of `words` (the words before
/// a "(FN)"), as a byte range.
fn long_form_before(
    text: &str,
    words: &[(usize, usize)],
    letters: &[char],
) -> Option<(usize, usize)> {
    let end = words.last()?.1;
    let mut need = letters.len();
    for &(s, e) in words.iter().rev().take(letters.len() * 3) {
        let w = &text[s..e];
        if w.starts_with(char::is_uppercase) {
            let mut n = 0;
            // the letters this word ends with
            for k in (1..=need).rev() {
                let n_k = spelled(w, &letters[need - k..need]);
                if n_k == k {
                    n = k;
                    break;
                }
            }
            if n == 0 {
                return None;
            }
            need -= n;
            if need == 0 {
                return Some((s, end));
            }
        } else if !is_connective(w) || e == end {
            return None;
        }
    }
    None
}

/// Least letters of a contracted acronym ("CARICOM" of "Caribbean Community"), and least
/// capitalised words of its long form: shorter ones match too much by chance.
const CONTRACTED_MIN_LETTERS: usize = 4;
const CONTRACTED_MIN_WORDS: usize = 2;

/// The long form of a contracted acronym, one that takes more than an initial from some of
/// its words ("CARICOM" of "Caribbean Community", "UNICEF" of "United Nations Children's
/// Fund", as the Schwartz-Hearst abbreviation rule reads them): right before `words`' end,
/// every capitalised word gives its initial and may give later letters of its own, in order.
/// Tried only when [`long_form_before`] finds no long form of initials.
fn contracted_long_form_before(
    text: &str,
    words: &[(usize, usize)],
    letters: &[char],
) -> Option<(usize, usize)> {
    if letters.len() < CONTRACTED_MIN_LETTERS {
        return None;
    }
    let end = words.last()?.1;
    let mut need = letters.len();
    let mut capitalised = 0;
    for &(s, e) in words.iter().rev().take(letters.len() * 2) {
        let w = &text[s..e];
        if w.starts_with(char::is_uppercase) {
            // the most letters this word can give, from the end of those still needed
            let n = (1..=need)
                .rev()
                .find(|&k| contracted_from(w, &letters[need - k..need]))?;
            need -= n;
            capitalised += 1;
            if need == 0 {
                return (capitalised >= CONTRACTED_MIN_WORDS).then_some((s, end));
            }
        } else if !is_connective(w) || e == end {
            return None;
        }
    }
    None
}

/// Does the capitalised word `w` spell `letters`: its initial first, the rest letters of the
/// word after it, in order?
fn contracted_from(w: &str, letters: &[char]) -> bool {
    let mut chars = w.chars();
    let (Some(initial), Some((&first, rest))) = (chars.next(), letters.split_first()) else {
        return false;
    };
    if initial != first {
        return false;
    }
    let mut tail = chars.flat_map(char::to_uppercase);
    rest.iter().all(|&c| tail.any(|t| t == c))
}

/// The long form spelling out `letters` that starts with the first of `words` (the words inside
/// "FN (Full Name)"), as a byte range: it must use every word.
fn long_form_after(
    text: &str,
    words: &[(usize, usize)],
    letters: &[char],
) -> Option<(usize, usize)> {
    let (first, last) = (words.first()?, words.last()?);
    let mut at = 0;
    for &(s, e) in words {
        let w = &text[s..e];
        if w.starts_with(char::is_uppercase) {
            let n = spelled(w, &letters[at.min(letters.len())..]);
            if n == 0 {
                return None;
            }
            at += n;
        } else if !is_connective(w) || s == first.0 {
            return None;
        }
    }
    (at == letters.len() && !is_connective(&text[last.0..last.1])).then_some((first.0, last.1))
}

/// The acronyms `text` defines: "Full Name (FN)", "FN (Full Name)" and "Full Name, or FN,".
fn acronym_definitions(text: &str) -> Vec<AcronymDefinition> {
    let mut out: Vec<AcronymDefinition> = Vec::new();
    let mut push = |acronym: &str, long: Option<(usize, usize)>| {
        if let Some(long) = long {
            if !out.iter().any(|d| d.acronym == acronym) {
                out.push(AcronymDefinition {
                    acronym: acronym.to_string(),
                    long,
                });
            }
        }
    };
    for (open, _) in text.match_indices('(') {
        let Some(close) = text[open..].find(')').map(|k| open + k) else {
            continue;
        };
        let inside = text[open + 1..close].trim();
        let line_start = text[..open]
            .rfind(['\n', '(', ')', '.', ';', ':'])
            .map_or(0, |k| k + 1);
        let before = word_ranges(&text[line_start..open], line_start);
        if is_acronym(inside) {
            let letters = acronym_letters(inside);
            let long = long_form_before(text, &before, &letters)
                .or_else(|| contracted_long_form_before(text, &before, &letters));
            push(inside, long);
        } else if let Some(&(s, e)) = before.last() {
            let acronym = &text[s..e];
            if is_acronym(acronym) && close - open < 120 {
                let letters = acronym_letters(acronym);
                let words = word_ranges(&text[open + 1..close], open + 1);
                push(acronym, long_form_after(text, &words, &letters));
            }
        }
    }
    for (comma, _) in text.match_indices(", or ") {
        let rest = &text[comma + 5..];
        let acronym = rest
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ')' | ';'))
            .next()
            .unwrap_or("");
        let after = rest[acronym.len()..].chars().next();
        if !is_acronym(acronym) || !matches!(after, Some(',' | ')' | '.' | ';')) {
            continue;
        }
        let line_start = text[..comma]
            .rfind(['\n', '(', ')', '.', ';', ':', ','])
            .map_or(0, |k| k + 1);
        let before = word_ranges(&text[line_start..comma], line_start);
        push(
            acronym,
            long_form_before(text, &before, &acronym_letters(acronym)),
        );
    }
    out
}

/// Drops the legal suffix of the companies found ("Inc", "Co Ltd", ", Corp."), keeping the
/// suffixed form as an alias; a name that is only a suffix ("Co Inc") is no actor.
fn drop_legal_suffixes(
    found: &mut [(String, ActorKind)],
    hits: &mut Vec<Hit>,
    aliases: &mut Vec<(Ent, String)>,
) {
    let mut emptied = Vec::new();
    for (k, (name, kind)) in found.iter_mut().enumerate() {
        if *kind != ActorKind::Org {
            continue;
        }
        let mut bare = name.as_str();
        while let Some((head, last)) = bare.rsplit_once(' ').or(Some(("", bare))) {
            if !words::is_legal_suffix(last.trim_end_matches(',')) {
                break;
            }
            bare = head.trim_end_matches([',', ' ']);
            if bare.is_empty() {
                break;
            }
        }
        if bare.len() == name.len() {
            continue;
        }
        if bare.is_empty() {
            emptied.push(Ent::Found(k as u32));
            continue;
        }
        // "Pell and Co": the conjunction goes with the suffix
        let conjunction = bare
            .rsplit_once(' ')
            .filter(|(_, last)| last.eq_ignore_ascii_case("and") || *last == "&");
        if let Some((head, _)) = conjunction {
            bare = head.trim_end_matches([',', ' ']);
        }
        if bare.is_empty()
            || bare.ends_with(['&', '-'])
            || bare.ends_with(" and")
            || bare.ends_with(" of")
        {
            continue;
        }
        aliases.push((Ent::Found(k as u32), name.clone()));
        *name = bare.to_string();
    }
    hits.retain(|h| !emptied.contains(&h.ent));
}

/// Is `segment` only a name: one to four capitalised words without digits or a final stop
/// ("REUTER", "Jane Doe")?
fn is_name_only(segment: &str) -> bool {
    let n_words = segment.split_whitespace().count();
    (1..=4).contains(&n_words)
        && segment.len() <= 40
        && !segment.ends_with(['.', '!', '?', ',', ':', ';'])
        && segment
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase) && !w.contains(|c: char| c.is_ascii_digit()))
}

/// The byte ranges of a body's source boilerplate: a signature at its end (a name alone on the
/// last line, or set off from the text before it by a wide run of spaces), a byline opening it
/// ("By Jane Doe"), and the agency credit of a dateline ("LYON, May 4 (Wire News) -").
fn boilerplate_ranges(body: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let end = body.trim_end().len();
    let line_start = body[..end].rfind('\n').map_or(0, |k| k + 1);
    let line = &body[line_start..end];
    let mut seg_start = line_start + line.len() - line.trim_start().len();
    let bytes = line.as_bytes();
    let mut k = line.len();
    while k > 0 {
        if bytes[k - 1] == b' ' && k >= 3 && bytes[k - 3..k].iter().all(|&b| b == b' ') {
            seg_start = line_start + k;
            break;
        }
        k -= 1;
    }
    // or an ALL-CAPS signature after the last sentence of the line ("... an ounce. WIRE")
    if seg_start == line_start + line.len() - line.trim_start().len() {
        if let Some(stop) = line.rfind(". ") {
            let tail = line[stop + 2..].trim();
            if words::is_all_caps(tail) && is_name_only(tail) {
                seg_start = line_start
                    + stop
                    + 2
                    + (line[stop + 2..].len() - line[stop + 2..].trim_start().len());
            }
        }
    }
    let set_off = seg_start > line_start + line.len() - line.trim_start().len();
    if (set_off || line_start > 0) && is_name_only(&body[seg_start..end]) {
        out.push((seg_start, end));
    }
    let start = body.len() - body.trim_start().len();
    let first_line = body[start..].split('\n').next().unwrap_or("").trim_end();
    if let Some(name) = first_line.strip_prefix("By ") {
        if is_name_only(name) {
            out.push((start, start + first_line.len()));
        }
    }
    // "CITY (Agency) -", "CITY, Month Day (Agency) -"
    let head = &body[start..];
    let mut lead = head.len().min(80);
    while !head.is_char_boundary(lead) {
        lead -= 1;
    }
    if let Some(open) = head[..lead].find(" (") {
        let place = &head[..open];
        let dateline = place.starts_with(char::is_uppercase)
            && place
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, ' ' | ',' | '.' | '-' | '\''));
        if let Some(close) = head[open..].find(')').map(|k| open + k) {
            let agency = &head[open + 2..close];
            let dash = head[close + 1..].trim_start().starts_with(['-', '–', '—']);
            if dateline && dash && is_name_only(agency) {
                out.push((start + open + 2, start + close));
            }
        }
    }
    out
}

/// The range of a title's wire slug: a code in capitals opening the title before a dash
/// ("WIRE - Rates rise") that the body never names, so it is no actor of the article.
fn title_slug(title: &str, body: &str) -> Option<(usize, usize)> {
    let (code, _) = title.split_once(" - ")?;
    let code = code.trim();
    let slug = !code.is_empty()
        && !code.contains(' ')
        && code.chars().all(|c| c.is_ascii_uppercase())
        && !body.contains(code);
    slug.then(|| (title.len() - title.trim_start().len(), code.len()))
        .map(|(s, n)| (s, s + n))
}

/// A mention as written: spaces normalised, a possessive "'s" dropped.
fn surface(fields: &[(bool, &str)], h: &Hit) -> String {
    let text = if h.title { fields[0].1 } else { fields[1].1 };
    let raw = &text[h.start..h.end];
    let raw = raw
        .strip_suffix("'s")
        .or_else(|| raw.strip_suffix("’s"))
        .unwrap_or(raw);
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Extends person spans left over one or two capitalised words the tagger left out
/// ("Minister Gerhard [Stoltenberg]"): given names that are not titles, stop words or
/// organisation words.
fn extend_person_spans(text: &str, toks: &[tagger::Token], spans: &mut [(usize, usize, NameType)]) {
    for k in 0..spans.len() {
        if spans[k].2 != NameType::Per {
            continue;
        }
        let Ok(mut i) = toks.binary_search_by_key(&spans[k].0, |t| t.start) else {
            continue;
        };
        let mut steps = 0;
        while i > 0 && !toks[i].sentence_start && steps < 2 {
            let p = toks[i - 1];
            let w = &text[p.start..p.end];
            let mut cs = w.chars();
            let name_like = cs.next().is_some_and(char::is_uppercase)
                && cs.any(char::is_lowercase)
                && !words::is_stop(w)
                && !words::is_title(w.trim_end_matches('.'))
                && !words::is_non_person(w);
            let taken = spans.iter().any(|sp| sp.0 < p.end && p.start < sp.1);
            if !name_like || taken || &text[p.end..toks[i].start] != " " {
                break;
            }
            spans[k].0 = p.start;
            i -= 1;
            steps += 1;
        }
    }
}

/// The space-separated words of `text[start..end]`, each with its byte offset in `text`.
fn words_with_offsets(text: &str, start: usize, end: usize) -> Vec<(usize, &str)> {
    text[start..end]
        .split(' ')
        .scan(start, |at, w| {
            let here = *at;
            *at += w.len() + 1;
            Some((here, w))
        })
        .collect()
}

/// Does `text` write `name` as a word of its own somewhere, not after `maker` and a space and
/// not run into a longer word?
fn written_alone(text: &str, name: &str, maker: &str) -> bool {
    text.match_indices(name).any(|(i, _)| {
        let before = &text[..i];
        let after = &text[i + name.len()..];
        !before.ends_with(|c: char| c.is_alphanumeric() || c == '-')
            && !after.starts_with(|c: char| c.is_alphanumeric() || c == '-')
            && !before.strip_suffix(' ').is_some_and(|b| b.ends_with(maker))
    })
}

/// Splits a person's full name off the end of a span the tagger took for one organisation or
/// place: after a body word ("the Harbour Council Milo Brandt": the body and its officer), or
/// after the portfolio of a title written before the span ("Minister of Health Ornella
/// Vistari" tagged from "Health"). A body's head noun alone before the name ("the Mayor's
/// Office Tomas Orr") names no body: the span is the person; so does a title just before the
/// name, with what describes it before ("Regional Envoy Tomas Orr"), and a common word the
/// text writes nowhere else ("Fisheries Tomas Orr"). The person is two
/// capitalised words that are no common words, body words, titles, suffixes, acronyms or names
/// the gazetteer knows.
fn split_people_off_bodies(text: &str, gaz: &[Hit], spans: &mut Vec<(usize, usize, NameType)>) {
    let mut k = 0;
    while k < spans.len() {
        let (s, e, ty) = spans[k];
        k += 1;
        if ty == NameType::Misc {
            continue;
        }
        let ws = words_with_offsets(text, s, e);
        if ws.len() < 3 {
            continue;
        }
        let n = ws.len();
        let (given, surname) = (ws[n - 2], ws[n - 1]);
        let person = words::is_title_case(given.1)
            && words::is_title_case(surname.1)
            && !words::is_stop(given.1)
            && [given.1, surname.1].iter().all(|w| {
                // an abbreviation ("Bldg") is no name
                w.contains(['a', 'e', 'i', 'o', 'u', 'y'])
                    && !words::is_title(w)
                    && !words::is_non_person(w)
                    && !words::is_legal_suffix(w)
                    && !words::is_place_head(w)
            })
            && !words::is_common_word(surname.1)
            && !gaz.iter().any(|h| given.0 <= h.start && h.start < e);
        if !person {
            continue;
        }
        let head = ws[n - 3].1;
        // "Minister of Health": the span opens with the portfolio a title before it names
        let portfolio = n == 3
            && words::is_common_word(head)
            && text[..s].strip_suffix(" of ").is_some_and(|b| {
                b.rsplit(' ')
                    .next()
                    .is_some_and(|t| words::is_title_case(t) && words::is_title(t))
            });
        let body = ty != NameType::Per
            && words::is_non_person(head)
            && !words::is_legal_suffix(head)
            && words::is_title_case(head);
        // "Office Tomas Orr": the head noun alone is no name of a body (the body's name ran
        // on from a possessive before it), so the person is all the span names
        let bare_head = n == 3 && body && is_full_name(&ws[1..]);
        // "Regional Envoy Tomas Orr": a title just before the name is the person's, and what
        // runs before the title describes the post, not a body
        let titled = ty != NameType::Per && words::is_title_case(head) && words::is_title(head);
        // "Fisheries Tomas Orr": a lone common word (the end of a portfolio written before the
        // span) that the text writes nowhere else and the gazetteer does not know names no
        // body either, before a name shaped as a person's ([`is_full_name`])
        let lone_word = n == 3
            && ty != NameType::Per
            && words::is_title_case(head)
            && words::is_common_word(head)
            && is_full_name(&ws[1..])
            && !gaz.iter().any(|h| h.start < given.0 && s < h.end)
            && !written_alone(&text[..s], head, "\n")
            && !written_alone(&text[e..], head, "\n");
        if portfolio || bare_head || titled || lone_word {
            spans[k - 1] = (given.0, e, NameType::Per);
        } else if body && n >= 4 {
            spans[k - 1] = (s, ws[n - 3].0 + head.len(), ty);
            spans.insert(k, (given.0, e, NameType::Per));
            k += 1;
        }
    }
}

/// The state or province written after the name at `s..e` ("Harwick, Ohio" gives "Ohio"),
/// unless the name is one of a list of such ("Ohio, Iowa and Utah").
fn division_after(text: &str, s: usize, e: usize) -> Option<&'static str> {
    let rest = text[e..].strip_prefix(", ")?;
    let division = words::division_at(rest)?;
    let after = &rest[division.len()..];
    let listed = text[..s].trim_end().ends_with(',')
        || [" and ", " or ", ", "].iter().any(|sep| {
            after
                .strip_prefix(sep)
                .is_some_and(|a| a.starts_with(char::is_uppercase))
        });
    (!listed).then_some(division)
}

/// Is the name at `s..e` a capitalised town name followed by its state or province ("Harwick,
/// Ohio"), not one of a list of such ([`division_after`])?
fn town_with_division(text: &str, s: usize, e: usize) -> bool {
    let written = &text[s..e];
    division_after(text, s, e).is_some()
        && words::is_title_case(written)
        && words::division_at(written).is_none()
}

/// Joins the spans of a state or province of several words that the tagger cut or typed
/// apart ("Western" and "Australia" of "Western Australia" in a list of states) into one place.
/// A span as long as the name or longer is left alone (a team named by its state).
fn join_divisions(text: &str, spans: &mut Vec<(usize, usize, NameType)>) {
    let mut k = 0;
    while k < spans.len() {
        let (s, e, ty) = spans[k];
        k += 1;
        if ty == NameType::Per {
            continue;
        }
        // the name may open at the span or one or two words before it
        let mut starts = vec![s];
        let mut at = s;
        for _ in 0..2 {
            let Some(before) = text[..at].strip_suffix(' ') else {
                break;
            };
            let p = before.rfind(' ').map_or(0, |i| i + 1);
            if !text[p..at].starts_with(char::is_uppercase) {
                break;
            }
            at = p;
            starts.push(p);
        }
        let Some((p, d)) = starts.iter().find_map(|&p| {
            words::division_at(&text[p..])
                .filter(|d| d.contains(' ') && p + d.len() >= e)
                .map(|d| (p, p + d.len()))
        }) else {
            continue;
        };
        // a span running past the name is another reading of the words, left alone
        let overlapped = spans
            .iter()
            .any(|sp| sp.0 < d && p < sp.1 && (sp.0 < p || d < sp.1));
        if p == s && d == e || overlapped {
            continue;
        }
        let first = k - 1;
        spans[first] = (p, d, NameType::Loc);
        spans.retain(|sp| *sp == (p, d, NameType::Loc) || sp.1 <= p || d <= sp.0);
        k = spans
            .iter()
            .position(|sp| *sp == (p, d, NameType::Loc))
            .map_or(first, |i| i + 1);
    }
}

/// Gives a surname the tagger found alone, as an organisation or a place, the given name before
/// it when a title comes first ("Emeritus Professor Harlan Voss" tagged "Voss"): the person.
fn extend_titled_surnames(
    text: &str,
    toks: &[tagger::Token],
    spans: &mut [(usize, usize, NameType)],
) {
    for k in 0..spans.len() {
        let (s, e, ty) = spans[k];
        if !matches!(ty, NameType::Org | NameType::Loc) || text[s..e].contains(' ') {
            continue;
        }
        let Ok(i) = toks.binary_search_by_key(&s, |t| t.start) else {
            continue;
        };
        if i < 2 || toks[i].sentence_start || toks[i - 1].sentence_start {
            continue;
        }
        let (given, title) = (toks[i - 1], toks[i - 2]);
        let g = &text[given.start..given.end];
        let t = text[title.start..title.end].trim_end_matches('.');
        let spaced = &text[given.end..s] == " " && &text[title.end..given.start] == " ";
        let given_like = words::is_title_case(g)
            && !words::is_stop(g)
            && !words::is_title(g)
            && !words::is_non_person(g);
        let taken = spans
            .iter()
            .any(|sp| sp.0 < given.end && title.start < sp.1 && sp.0 != s);
        if spaced && given_like && words::is_title(t) && !taken {
            spans[k] = (given.start, e, NameType::Per);
        }
    }
}

/// Country hits strictly inside a tagged span ("U.S." in "U.S. Treasury"): nested mentions
/// for the country facet; none for the country a place is named after ("New South Wales").
fn push_nested(
    text: &str,
    gaz: &[Hit],
    s: usize,
    e: usize,
    entities: &[Entity],
    hits: &mut Vec<Hit>,
) {
    for h in gaz {
        let named_after = named_after_country(text, h.start).is_some();
        if s <= h.start && h.end <= e && (h.start, h.end) != (s, e) && !named_after {
            if let Ent::Known(id) = h.ent {
                if entities[id as usize].kind == ActorKind::Country {
                    hits.push(*h);
                }
            }
        }
    }
}

/// Where the name of a place named after the country written at `at` begins: "New" and up to
/// one compass word just before it ("New South Wales", "New Caledonia"). Such a place is not
/// in that country.
pub(super) fn named_after_country(text: &str, at: usize) -> Option<usize> {
    let before = text[..at].strip_suffix(' ')?;
    let (rest, last) = before.rsplit_once(' ').unwrap_or(("", before));
    if last == "New" {
        return Some(at - 1 - last.len());
    }
    if !matches!(last, "North" | "South" | "East" | "West") {
        return None;
    }
    let new = rest.strip_suffix("New")?;
    (new.is_empty() || new.ends_with(' ')).then_some(new.len())
}

/// Drops leading titles and stop words from a tagged span ("President", "The"); `None` when
/// nothing name-like is left.
pub(super) fn trim_span(
    text: &str,
    mut s: usize,
    e: usize,
    ty: NameType,
) -> Option<(usize, usize)> {
    // Markup and punctuation glued to a name ("**Ukraine!**", "Hungary...", "“Kyiv”") are not
    // part of it; a single final dot may be ("Co.", "U.S.").
    let junk = |c: char| {
        matches!(
            c,
            '*' | '!' | '?' | ',' | ';' | ':' | '"' | '…' | '“' | '”' | '–' | '—' | '_'
        )
    };
    let lead = text[s..e].len() - text[s..e].trim_start_matches(junk).len();
    s += lead;
    let mut e = s + text[s..e].trim_end_matches(junk).len();
    if text[s..e].ends_with("..") {
        e = s + text[s..e].trim_end_matches('.').len();
        e = s + text[s..e].trim_end_matches(junk).len();
    }
    if s >= e {
        return None;
    }
    loop {
        let span = &text[s..e];
        let first_end = span.find(char::is_whitespace).map_or(e, |k| s + k);
        let first = &text[s..first_end];
        // "New", "First" and "One" begin names ("New Zealand", "First Boston", "One Nation")
        let stop = words::is_stop(first)
            && !["new", "first", "one"]
                .iter()
                .any(|w| first.eq_ignore_ascii_case(w));
        // A title begins the name of an organisation or a thing ("General Agreement on
        // Trade", "Chief Directorate"): kept when the tagger typed the span as no person, or
        // it ends with an organisation word.
        // "Co-founder", "Attorney-General", "President-elect": a title joined to another word
        let title = words::is_title(first.trim_end_matches('.'))
            || (ty == NameType::Per
                && first.contains('-')
                && first.split('-').any(words::is_title));
        let names_no_person = ty != NameType::Per
            || text[s..e]
                .rsplit(' ')
                .next()
                .is_some_and(|w| words::is_non_person(w.trim_end_matches('.')));
        let rest_common = text[first_end..e]
            .split_whitespace()
            .next()
            .is_some_and(|w| words::is_common_word(w) && !words::is_stop(w));
        if title && names_no_person && rest_common && !stop {
            break;
        }
        if is_era_at(text, s, first_end) {
            if first_end == e {
                return None;
            }
            s = first_end + text[first_end..e].len() - text[first_end..e].trim_start().len();
            continue;
        }
        if first_end < e && (title || stop) {
            s = first_end + text[first_end..e].len() - text[first_end..e].trim_start().len();
            continue;
        }
        if first_end == e && (words::is_stop(first) || words::is_title(first)) {
            return None;
        }
        break;
    }
    // a finite "be" or "have" ends the name a headline's clause opens with ("Orvex Was
    // Sold"); a clause without one ("Were Sold") or of common words ("Winter Was Long")
    // names nothing
    if let Some(k) = words_with_offsets(text, s, e)
        .iter()
        .find(|(_, w)| is_finite_auxiliary(w))
        .map(|&(k, _)| k)
    {
        if k == s || words::all_common_words(&text[s..k]) {
            return None;
        }
        e = s + text[s..k].trim_end().len();
    }
    // trailing stop words ("BIDEN AND" in ALL-CAPS text)
    while let Some((k, space)) = text[s..e]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
    {
        // The space may be wider than a byte (U+2003 EM SPACE in UN transcripts).
        let last = &text[s + k + space.len_utf8()..e];
        if is_era_at(text, s + k + space.len_utf8(), e) {
            e = s + text[s..s + k].trim_end().len();
            continue;
        }
        // a time adverbial the tagger ran on ("Tolland & Pryce in March"): no part of a name
        if let Some(p) = time_adverbial_start(&text[s..e]) {
            e = s + text[s..s + p].trim_end().len();
            continue;
        }
        // a capitalised stop word may end a name in mixed-case text ("Theresa May", "Radio
        // Free"), a weekday not ("Jose Insulza Monday")
        let kept = words::is_title_case(last)
            && !words::is_all_caps(&text[s..e])
            && last.parse::<chrono::Weekday>().is_err()
            && !last.eq_ignore_ascii_case("and");
        if !words::is_stop(last) || kept {
            break;
        }
        e = s + text[s..s + k].trim_end().len();
    }
    // a person's name begins after a title inside the span, when a full name follows it
    // ("Orvex CEO Dana Whitlow": the employer and the title are no part of the name), and
    // after a follower's faith, when the text also writes the full name without it
    // ("Mormon Dana Whitlow" ... "the Dana Whitlow interview"; a given name that is a faith's,
    // "Christian", is never left off)
    if ty == NameType::Per {
        let mut ws = words_with_offsets(text, s, e);
        if ws.len() >= 3
            && ws[1..].iter().all(|(_, w)| words::is_title_case(w))
            && super::head::names_a_faith(ws[0].1)
            && written_alone(text, &text[ws[1].0..e], ws[0].1)
        {
            s = ws[1].0;
            ws.remove(0);
        }
        if let Some(k) = (1..ws.len().saturating_sub(2)).find(|&k| {
            let w = ws[k].1;
            (words::is_title_case(w) || words::is_all_caps(w))
                && words::is_title(w)
                && ws[k + 1..].iter().all(|(_, w)| words::is_title_case(w))
        }) {
            s = ws[k + 1].0;
        }
    }
    // a person's name ends before a lower-case word that is no name particle ("Ada Vance
    // for several years")
    if ty == NameType::Per {
        let mut at = s;
        for w in text[s..e].split(' ') {
            if at > s && w.starts_with(char::is_lowercase) && !is_name_particle(w) {
                e = s + text[s..at].trim_end().len();
                break;
            }
            at += w.len() + 1;
        }
    }
    let span = &text[s..e];
    if !span.chars().any(char::is_alphabetic)
        || span.split_whitespace().any(words::is_camel_junk)
        || is_clock_time(text, s, e)
    {
        return None;
    }
    Some((s, e))
}

/// Is `text[s..e]` the half-day marker of a clock time ("8 AM", "10:30 P.M.")? It follows a
/// figure; it names no actor.
fn is_clock_time(text: &str, s: usize, e: usize) -> bool {
    let marker: String = text[s..e].chars().filter(|&c| c != '.').collect();
    (marker.eq_ignore_ascii_case("am") || marker.eq_ignore_ascii_case("pm"))
        && text[..s]
            .strip_suffix(' ')
            .unwrap_or(&text[..s])
            .ends_with(|c: char| c.is_ascii_digit())
}

/// Is `w` a finite form of "be" or "have" written capitalised ("Was", "Were", "Has")? A
/// title-case run holding one is a clause, a headline's or a work's title ("Winter Was
/// Long"), not a name: no person, body or place is named with one, so the name ends before
/// it.
fn is_finite_auxiliary(w: &str) -> bool {
    matches!(w, "Is" | "Are" | "Was" | "Were" | "Has" | "Had" | "Been")
}

/// Where a time adverbial ending `span` begins: a lower-case preposition of time and a month
/// or a weekday, the last words ("... in March", "... on Tuesday", "... until June"). A month
/// that ends a name without such a preposition stays ("Theresa May").
fn time_adverbial_start(span: &str) -> Option<usize> {
    const PREPOSITIONS: &[&str] = &["in", "on", "since", "until", "by", "during", "through"];
    let (head, last) = span.rsplit_once(' ')?;
    // full words only: "Mar", "Sun" are names too often
    let month = last
        .parse::<chrono::Month>()
        .is_ok_and(|m| m.name() == last);
    let weekday = last.ends_with("day") && last.parse::<chrono::Weekday>().is_ok();
    if !(month || weekday) {
        return None;
    }
    let (before, prep) = head.rsplit_once(' ')?;
    (PREPOSITIONS.contains(&prep) && !before.is_empty()).then_some(before.len())
}

/// A span the tagger took for an organisation or a place that holds a title followed by a
/// person's full name ("Opposition Trade Secretary Ilse Varga", "Velmora Rail Director Tomas
/// Orr") is that person: the name after the title. So is a span right after a title, alone or
/// with a colon ("Chancellor: Ilse Varga", a heading naming a speech's speaker). The name is
/// shaped as [`is_full_name`] says.
pub(super) fn retype_titled_people(text: &str, spans: &mut [(usize, usize, NameType)]) {
    for sp in spans.iter_mut() {
        if !matches!(sp.2, NameType::Org | NameType::Loc) {
            continue;
        }
        let ws = words_with_offsets(text, sp.0, sp.1);
        let inside = (1..ws.len().saturating_sub(2)).rev().find(|&k| {
            let w = ws[k].1;
            (words::is_title_case(w) || words::is_all_caps(w)) && words::is_title(w)
        });
        if let Some(k) = inside {
            let rest = &ws[k + 1..];
            if is_full_name(rest) {
                *sp = (rest[0].0, sp.1, NameType::Per);
            }
            continue;
        }
        let before = text[..sp.0].trim_end_matches(' ');
        let before = before.strip_suffix(':').unwrap_or(before);
        let after_title = before
            .rsplit(char::is_whitespace)
            .next()
            .is_some_and(|w| words::is_title_case(w) && words::is_title(w));
        if after_title && is_full_name(&ws) {
            sp.2 = NameType::Per;
        }
    }
}

/// Are the words `ws` shaped as a person's full name: two or three capitalised words, the first
/// no common word (a given name), none a title, an organisation's word or a legal suffix?
fn is_full_name(ws: &[(usize, &str)]) -> bool {
    (2..=3).contains(&ws.len())
        && !words::is_common_word(ws[0].1)
        && ws.iter().all(|&(_, w)| {
            words::is_title_case(w)
                && !words::is_title(w)
                && !words::is_non_person(w.trim_end_matches('.'))
                && !words::is_legal_suffix(w)
        })
}

/// Joins the names the tagger split around a patronymic particle ("Tariq" + "bin" + "Hamad")
/// into one person's span, and retypes a span of that shape the tagger took for an
/// organisation or a place ([`words::is_patronymic_name`]).
pub(super) fn join_patronymic_names(text: &str, spans: &mut Vec<(usize, usize, NameType)>) {
    let mut k = 0;
    while k + 1 < spans.len() {
        let (a, b) = (spans[k], spans[k + 1]);
        let gap = text.get(a.1..b.0).unwrap_or("");
        let joined = a.2 != NameType::Misc
            && b.2 != NameType::Misc
            && matches!(gap, " bin " | " bint " | " ibn " | " ben ")
            && words::is_patronymic_name(&text[a.0..b.1]);
        if joined {
            spans[k] = (a.0, b.1, NameType::Per);
            spans.remove(k + 1);
        } else {
            k += 1;
        }
    }
    for sp in spans.iter_mut() {
        if matches!(sp.2, NameType::Org | NameType::Loc)
            && words::is_patronymic_name(&text[sp.0..sp.1])
        {
            sp.2 = NameType::Per;
        }
    }
}

/// Is `name` shaped like a geographic feature's, a street's or a camp's ("Tarrow Harbour",
/// "Boulevard Varnel", "Mount Orvex")? No person is named so.
pub(super) fn names_a_feature(name: &str) -> bool {
    const STREET_LAST: &[&str] = &["Boulevard", "Avenue", "Square", "Street", "Road"];
    const FIRST: &[&str] = &["Boulevard", "Rue", "Avenue", "Mount", "Lake", "Cape", "Mt."];
    names_a_natural_feature(name) || shaped_as(name, FIRST, STREET_LAST)
}

/// Is `name` shaped like a natural feature's or a camp's: ending with a feature noun
/// ("Kessel Mountain", "Orvel Delta") or opening with "Camp" ("Camp Varrick"), with no "of"
/// (a body "of" a place is the body: "Savings Bank of Kessel Beach")? A found organisation so
/// named is a place. A street's or a square's name is left out, and so is a name opening
/// with "Lake", "Mount" or "Cape": they also name the institution or the firm at it (the seat
/// of a government, a payments firm, a hospital, a mining company).
pub(super) fn names_a_natural_feature(name: &str) -> bool {
    const LAST: &[&str] = &[
        "Harbour",
        "Harbor",
        "Mountain",
        "Beach",
        "Valley",
        "Canyon",
        "Creek",
        "Peninsula",
        "Heights",
        "Falls",
        "Springs",
        "Glacier",
        "Desert",
        "Reef",
        "Strait",
        "Delta",
        "Passage",
    ];
    !name.split(' ').any(|w| w == "of") && shaped_as(name, &["Camp"], LAST)
}

/// Is `name` of two words or more, opening with a word of `first` or ending with one of
/// `last`?
fn shaped_as(name: &str, first: &[&str], last: &[&str]) -> bool {
    let (Some(f), Some(l)) = (name.split(' ').next(), name.rsplit(' ').next()) else {
        return false;
    };
    name.contains(' ') && (last.contains(&l) || first.contains(&f))
}

/// Is `w` a lower-case particle inside a person's name ("Ludwig van Beethoven", "Osama bin
/// Laden", "al-Assad")?
fn is_name_particle(w: &str) -> bool {
    matches!(
        w,
        "van"
            | "von"
            | "der"
            | "den"
            | "de"
            | "del"
            | "della"
            | "di"
            | "da"
            | "dos"
            | "das"
            | "do"
            | "du"
            | "la"
            | "le"
            | "bin"
            | "bint"
            | "ibn"
            | "ben"
            | "al"
            | "el"
            | "y"
            | "zu"
            | "ter"
            | "ten"
            | "abu"
    ) || w.starts_with("al-")
        || w.starts_with("el-")
        || w.starts_with("d'")
        || w.starts_with("bin-")
}

/// Is the word at `s..e` an era written after a year or a century, or before a year ("70
/// A.D.", "the fifth century BC", "A.D. 410")? It dates, it names nobody.
fn is_era_at(text: &str, s: usize, e: usize) -> bool {
    if !tagger::is_era(&text[s..e]) {
        return false;
    }
    let before = text[..s].trim_end_matches([' ', ',']);
    let after = text[e..].trim_start_matches([' ', ',']);
    before.ends_with(|c: char| c.is_ascii_digit())
        || before.ends_with("century")
        || before.ends_with("centuries")
        || after.starts_with(|c: char| c.is_ascii_digit())
}

/// The canonical form of a name the gazetteer lacks: spaces normalised, ALL-CAPS words of
/// five letters or more title-cased ("SUMITOMO BANK" -> "Sumitomo Bank"; "IBM" stays).
pub(super) fn found_name(text: &str, s: usize, e: usize) -> Option<String> {
    let mut name = String::new();
    for w in text[s..e].split_whitespace() {
        if !name.is_empty() {
            name.push(' ');
        }
        if words::is_all_caps(w) && w.chars().filter(|c| c.is_alphabetic()).count() >= 5 {
            let mut first = true;
            for c in w.chars() {
                if first {
                    name.push(c);
                } else {
                    name.extend(c.to_lowercase());
                }
                first = !c.is_alphabetic() && c != '\'';
            }
        } else {
            name.push_str(w);
        }
    }
    (!name.is_empty()).then_some(name)
}

/// Is `word` shaped like a demonym ("Japanese", "Finnish", "Kuwaiti"), not a country's name?
fn is_demonym(word: &str) -> bool {
    ["an", "ans", "ese", "ish", "ch", "ic", "i"]
        .iter()
        .any(|suf| word.len() > suf.len() + 2 && word.to_ascii_lowercase().ends_with(suf))
}

/// Is the demonym at `s..e` used for a language ("a Russian speaker", "written in Japanese")
/// rather than for its country?
fn is_language_use(text: &str, s: usize, e: usize) -> bool {
    if !is_demonym(&text[s..e]) {
        return false;
    }
    let after = text[e..].trim_start_matches(['-', ' ']);
    let next: String = after
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    let before = text[..s].trim_end();
    let prev = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        next.as_str(),
        "speaker"
            | "speakers"
            | "speaking"
            | "language"
            | "languages"
            | "dialect"
            | "dialects"
            | "word"
            | "words"
            | "translation"
            | "grammar"
            | "accent"
            | "lessons"
            | "verb"
            | "verbs"
            | "noun"
            | "nouns"
            | "vocabulary"
            | "alphabet"
            | "spelling"
    ) || matches!(
        prev.as_str(),
        "speak"
            | "speaks"
            | "spoke"
            | "spoken"
            | "speaking"
            | "in"
            | "into"
            | "fluent"
            | "learn"
            | "learning"
            | "learned"
            | "teach"
            | "teaches"
            | "taught"
            | "understand"
            | "study"
    ) && !next.chars().next().is_some_and(char::is_alphabetic)
        || prev == "in" && matches!(next.as_str(), "and" | "or")
}
