//! Finding mentions in an affiliation string: countries, places, institutions, acronyms,
//! state abbreviations, demonyms and email domains, longest match first.

use std::sync::OnceLock;

use regex::Regex;

use super::Basis;
use crate::reference::gazetteer::rows::PlaceKind;
use crate::reference::gazetteer::{Entry, Gazetteer};
use crate::reference::names::{acronym_letters, fold, tokenize, Token, TokenKind};

/// How strong a kind of evidence is; lower wins. An address names its country last and most
/// reliably, then its city or state; institutions and acronyms come next; demonyms ("Indian
/// Institute…") and email domains are the weakest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    Explicit,
    Place,
    Abbrev,
    Institution,
    Acronym,
    Demonym,
    Email,
}

/// One candidate country of a mention, with its prominence (population-like) and basis.
#[derive(Debug, Clone, PartialEq)]
pub struct Cand {
    pub iso2: String,
    pub weight: u64,
    pub basis: Basis,
}

/// A stretch of the input that names something the gazetteer knows.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte offsets in the input.
    pub start: usize,
    pub end: usize,
    /// The text as written.
    pub text: String,
    pub tier: Tier,
    /// Countries it can stand for, one per country (the most prominent reading kept).
    pub cands: Vec<Cand>,
    /// What it was read as, for explanations ("Universitat Pompeu Fabra", "Cambridge (city)").
    pub label: String,
    /// A multinational institution without a site: never resolved by prominence.
    pub multinational: bool,
}

/// Weight of a country name against homonyms: "Georgia" (country) is only twice as prominent
/// as Georgia (US state), so it stays ambiguous without context; "Armenia" (country) beats
/// Armenia, Colombia (a city of 300,000).
pub const COUNTRY_WEIGHT: u64 = 10_000_000;

fn email_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)(?:[a-z0-9._%+\-{},]+@)([a-z0-9](?:[a-z0-9\-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)+)|(?:^|[\s(<])((?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+[a-z]{2,24})(?:$|[\s)>,;])",
        )
        .expect("valid regex")
    })
}

/// All mentions in `text`, in text order, non-overlapping (the longest phrase wins; on equal
/// length the earlier one).
pub fn scan(g: &Gazetteer, text: &str) -> Vec<Mention> {
    let mut mentions = Vec::new();
    // Email addresses and bare domains first; blank them so their parts are not read as words.
    let mut clean: Vec<u8> = text.as_bytes().to_vec();
    for caps in email_re().captures_iter(text) {
        let Some(m) = caps.get(1).or_else(|| caps.get(2)) else {
            continue;
        };
        // A bare "word.word" is a domain only when it is written in lower case.
        if caps.get(2).is_some() && m.as_str().chars().any(|c| c.is_uppercase()) {
            continue;
        }
        if let Some(mention) = domain_mention(g, m.as_str(), m.start(), m.end()) {
            mentions.push(mention);
        }
        if let Some(whole) = caps.get(0) {
            for b in &mut clean[whole.start()..whole.end()] {
                if b.is_ascii() {
                    *b = b' ';
                }
            }
        }
    }
    let clean = String::from_utf8(clean).unwrap_or_else(|_| text.to_string());
    let tokens = tokenize(&clean);
    let all_lower = !text.chars().any(char::is_uppercase);
    let all_upper = !text.chars().any(char::is_lowercase);

    // Word positions (stop words and separators are transparent, except ';' and '|', which
    // end one affiliation: no phrase crosses them).
    let mut segments: Vec<Vec<usize>> = vec![Vec::new()];
    for (i, t) in tokens.iter().enumerate() {
        match t.kind {
            TokenKind::Word => segments.last_mut().expect("non-empty").push(i),
            TokenKind::Sep(';') | TokenKind::Sep('|') => segments.push(Vec::new()),
            _ => {}
        }
    }
    // Every phrase that matches, then the longest non-overlapping ones.
    let mut found: Vec<(usize, usize, Vec<Entry>)> = Vec::new(); // (first token, last token, entries)
    for seg in &segments {
        for s in 0..seg.len() {
            let mut key = String::new();
            for (n, &ti) in seg[s..].iter().take(g.max_words()).enumerate() {
                if n > 0 {
                    key.push(' ');
                }
                key.push_str(&tokens[ti].key);
                let entries = g.phrase(&key);
                if entries.is_empty() {
                    continue;
                }
                let first = seg[s];
                let raw = &clean[tokens[first].start..tokens[ti].end];
                let mut ok: Vec<Entry> = entries
                    .iter()
                    .filter(|e| case_fits(e, raw, n + 1, all_lower, all_upper))
                    .cloned()
                    .collect();
                // Text in one case lets acronyms match whatever their case; when one is
                // written exactly so ("UVA" = Virginia), the looser ones ("UvA") drop out.
                let exact = |e: &Entry| match e {
                    Entry::Acronym { letters, .. } => acronym_letters(raw) == *letters,
                    _ => false,
                };
                if ok.iter().any(exact) {
                    ok.retain(|e| !matches!(e, Entry::Acronym { .. }) || exact(e));
                }
                if !ok.is_empty() {
                    found.push((first, ti, ok));
                }
            }
        }
    }
    let words_in = |a: usize, b: usize| {
        tokens[a..=b]
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .count()
    };
    found.sort_by(|x, y| {
        words_in(y.0, y.1)
            .cmp(&words_in(x.0, x.1))
            .then(x.0.cmp(&y.0))
    });
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for (a, b, entries) in found {
        if taken.iter().any(|&(x, y)| a <= y && x <= b) {
            continue;
        }
        taken.push((a, b));
        if let Some(m) = phrase_mention(g, &tokens, &clean, a, b, &entries) {
            mentions.push(m);
        }
    }
    // State abbreviations: "Cambridge, MA", "Stanford, CA 94305", "IL 61801".
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Word
            || taken.iter().any(|&(x, y)| x <= i && i <= y)
            || !(2..=3).contains(&t.raw.len())
            || !t.raw.chars().all(|c| c.is_ascii_uppercase())
        {
            continue;
        }
        let places = g.abbrev(&t.raw);
        if places.is_empty() {
            continue;
        }
        let after_comma = i > 0 && tokens[i - 1].kind == TokenKind::Sep(',');
        let before_zip = tokens
            .get(i + 1)
            .is_some_and(|n| n.raw.len() >= 4 && n.raw.chars().all(|c| c.is_ascii_digit()));
        if !(after_comma || before_zip) {
            continue;
        }
        let mut cands: Vec<Cand> = Vec::new();
        for &p in places {
            push_cand(
                &mut cands,
                &g.places[p].iso2,
                g.places[p].weight(),
                Basis::State,
            );
        }
        let names: Vec<&str> = places.iter().map(|&p| g.places[p].name.as_str()).collect();
        mentions.push(Mention {
            start: t.start,
            end: t.end,
            text: t.raw.clone(),
            tier: Tier::Abbrev,
            cands,
            label: format!("{} ({})", t.raw, names.join(" or ")),
            multinational: false,
        });
    }
    mentions.sort_by_key(|m| (m.start, m.end));
    mentions
}

/// Case rules that keep ordinary words from matching names: an acronym must be written as the
/// institution writes it ("UvA" is Amsterdam, "UVA" Virginia), a one-word name must be
/// capitalised ("Reading", not "reading"); text written all in one case is let through.
fn case_fits(e: &Entry, raw: &str, words: usize, all_lower: bool, all_upper: bool) -> bool {
    match e {
        Entry::Acronym { letters, .. } => {
            let got = acronym_letters(raw);
            got == *letters
                || ((all_lower || all_upper) && fold(&got) == fold(letters))
                || (got.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
                    && letters
                        .chars()
                        .all(|c| c.is_uppercase() || c.is_ascii_digit())
                    && fold(&got) == fold(letters))
        }
        // Capitalised, or a brand written with an inner capital ("iZotope", "eBay").
        _ if words == 1 => all_lower || raw.chars().any(|c| c.is_uppercase() || c.is_ascii_digit()),
        _ => true,
    }
}

fn push_cand(cands: &mut Vec<Cand>, iso2: &str, weight: u64, basis: Basis) {
    if iso2.is_empty() {
        return;
    }
    match cands.iter_mut().find(|c| c.iso2 == iso2) {
        Some(c) => {
            if weight > c.weight {
                c.weight = weight;
                c.basis = basis;
            }
        }
        None => cands.push(Cand {
            iso2: iso2.to_string(),
            weight,
            basis,
        }),
    }
}

fn phrase_mention(
    g: &Gazetteer,
    tokens: &[Token],
    text: &str,
    a: usize,
    b: usize,
    entries: &[Entry],
) -> Option<Mention> {
    let mut cands = Vec::new();
    let mut tier = Tier::Email;
    let mut labels: Vec<String> = Vec::new();
    let mut multinational = false;
    let mut region = false;
    for e in entries {
        match e {
            Entry::Country(iso2) => {
                tier = tier.min(Tier::Explicit);
                push_cand(&mut cands, iso2, COUNTRY_WEIGHT, Basis::Explicit);
                labels.push(format!("country {iso2}"));
            }
            Entry::Place(p) => {
                let p = &g.places[*p];
                let (t, basis, what) = match p.kind {
                    PlaceKind::City => (Tier::Place, Basis::City, "city"),
                    PlaceKind::State => (Tier::Place, Basis::State, "state/province"),
                    PlaceKind::Demonym => (Tier::Demonym, Basis::Demonym, "demonym"),
                    PlaceKind::Region => {
                        region = true;
                        (Tier::Place, Basis::State, "region")
                    }
                };
                tier = tier.min(t);
                push_cand(&mut cands, &p.iso2, p.weight(), basis);
                labels.push(if p.iso2.is_empty() {
                    format!("{} ({what}, no country)", p.name)
                } else {
                    format!("{} ({what}, {})", p.name, p.iso2)
                });
            }
            Entry::Institution(i) | Entry::Acronym { inst: i, .. } => {
                let r = &g.institutions[*i];
                let acronym = matches!(e, Entry::Acronym { .. });
                tier = tier.min(if acronym {
                    Tier::Acronym
                } else {
                    Tier::Institution
                });
                let basis = if acronym {
                    Basis::Acronym
                } else {
                    Basis::Institution
                };
                multinational |= r.is_multinational();
                for c in r.countries() {
                    push_cand(&mut cands, &c, 1, basis);
                }
                labels.push(if r.is_multinational() {
                    format!("{} (sites in {})", r.name, r.candidates.join(", "))
                } else {
                    format!("{} ({})", r.name, r.iso2)
                });
            }
        }
    }
    if cands.is_empty() && !region {
        return None;
    }
    // A demonym names a country when it starts a name ("Indian Institute of Technology",
    // "The Swiss Federal…"), not when it names a subject ("Department of Spanish").
    if tier == Tier::Demonym && a > 0 {
        let prev = &tokens[a - 1];
        let starts_name = matches!(prev.kind, TokenKind::Sep(_))
            || matches!(
                prev.key.as_str(),
                "the" | "national" | "royal" | "federal" | "state"
            );
        if !starts_name {
            return None;
        }
    }
    let start = tokens[a].start;
    let end = tokens[b].end;
    Some(Mention {
        start,
        end,
        text: text.get(start..end).unwrap_or_default().to_string(),
        tier,
        cands,
        label: labels.join("; "),
        multinational,
    })
}

fn domain_mention(g: &Gazetteer, domain: &str, start: usize, end: usize) -> Option<Mention> {
    if let Some((d, i)) = g.institution_for_domain(domain) {
        let r = &g.institutions[i];
        let mut cands = Vec::new();
        for c in r.countries() {
            push_cand(&mut cands, &c, 3, Basis::EmailDomain);
        }
        return Some(Mention {
            start,
            end,
            text: domain.to_string(),
            tier: Tier::Email,
            cands,
            label: format!("domain {d} ({})", r.name),
            multinational: r.is_multinational(),
        });
    }
    let rule = g.rule_for_domain(domain)?;
    let mut cands = Vec::new();
    // A country TLD outweighs `.edu`, which a few non-US institutions also hold.
    let w = if rule.suffix == ".edu" { 1 } else { 2 };
    push_cand(&mut cands, &rule.iso2, w, Basis::EmailDomain);
    if cands.is_empty() {
        return None;
    }
    Some(Mention {
        start,
        end,
        text: domain.to_string(),
        tier: Tier::Email,
        cands,
        label: format!("domain suffix {} ({})", rule.suffix, rule.note),
        multinational: false,
    })
}
