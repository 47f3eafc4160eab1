//! One line of an author block → its affiliation pieces: emails, URLs and footnote markers
//! removed, "Now at …" and correspondence notes cut off, several affiliations merged on one
//! line by the PDF extractor taken apart, author names in front of an affiliation trimmed.

use std::sync::OnceLock;

use regex::Regex;

use crate::geo::scan::{scan, Mention, Tier};
use crate::reference::Gazetteer;

/// One affiliation piece of a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub text: String,
    /// Introduced by a footnote marker (`1`, `*`, `†`, `^2`): it starts an affiliation.
    pub marked: bool,
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("valid regex"))
}

/// Emails (`{a,b}@x.org` too), URLs and ORCID iDs: not affiliations, and an email's domain
/// is not printed as one (the corpus labels countries from affiliations only).
fn contact_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"(?i)\{[^{}]*\}\s*@\s*[\w.\-]+|[\w.+\-]+\s?@\s?[\w\-]+(?:\.[\w\-]+)+|<[^<>]*@[^<>]*>|https?://\S+|\bwww\.\S+|\b\d{4}-\d{4}-\d{4}-\d{3}[\dX]\b|\(?\be-?mail\s*:?\s*\)?",
    )
}

/// Where the rest of a piece stops being an affiliation: later or former employers,
/// internships, correspondence and contribution notes, venue and copyright lines.
fn cut_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"(?i)\b(?:now (?:at|with)|currently (?:at|with|affiliated)|(?:current|present) affiliation|presently (?:at|with)|(?:was|were) (?:at|with)|while (?:at|with|visiting)|work (?:was )?(?:done|conducted|performed|carried out)|(?:during|as) (?:an? |his |her |their )?intern(?:ship)?|internship at|correspond(?:ence|ing author)|equal contribution|contributed equally|these authors|co-?first author|co-?senior author|proceedings of|copyright|licensed under)\b|©",
    )
}

/// A piece that is a sentence, a grant or a venue, not an affiliation.
fn reject_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"(?i)\b(?:we|our|they|their|which|is|are|was|were|been|trained|used|using|this (?:work|paper|research|project|study)|supported|funded|funding|grants?|thanks?|acknowledg\w*|donat\w*|sponsor\w*|available|contributed|conference|conf\.|workshop|symposium|proceedings|submitted|accepted|published|preprint|arxiv|under review|licen[cs]ed?|attribution|doi|vol\.|pp\.|anonymous)\b",
    )
}

/// A date with a year ("2–3 November 2020", "September 15–19, 2019"): a venue line.
fn date_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"(?i)\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b[^\n]{0,20}\b(?:19|20)\d\d\b",
    )
}

/// Words that make a piece an organisation ("… University", "Laboratories", "Inc.").
fn org_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"\b(?:Universit\w*|UNIVERSIT\w*|Univ\.|Uniwersytet|Yliopisto|Universidad|Universidade|Hochschule|Institut\w*|INSTITUT\w*|Laborator\w*|LABORATOR\w*|Labs?|LAB|Research|RESEARCH|Department|DEPARTMENT|Dept\.?|Departa?ment\w*|D[ée]partement|School|SCHOOL|College|COLLEGE|Cent(?:er|re|ro)|CENT(?:ER|RE)|Faculty|Facult[ée]|Facultad|Academ\w+|Akademie|Foundation|Inc\.?|Corp\.?|Corporation|Ltd\.?|LLC|GmbH|Group|Team|Company|Politecnic\w*|Polytechn\w*|Conservato\w+|Hospital|Ministry|Agency|Council|Observatory|Museum|Consortium|Division|Fellow|AI|Technologies|Studios?|[ÉE]cole|Escola|Escuela)\b",
    )
}

/// Words that may stand in front of an organisation word ("Music Technology Group",
/// "Computer Science Department"): kept when author names before them are trimmed.
const FIELD_WORDS: &[&str] = &[
    "acoustic",
    "acoustics",
    "advanced",
    "ai",
    "analysis",
    "applied",
    "art",
    "arts",
    "artificial",
    "audio",
    "brain",
    "cognitive",
    "communication",
    "communications",
    "computational",
    "computer",
    "computing",
    "creative",
    "data",
    "design",
    "digital",
    "electrical",
    "electronic",
    "electronics",
    "engineering",
    "geometry",
    "graduate",
    "human",
    "image",
    "informatics",
    "information",
    "innovation",
    "intelligence",
    "interactive",
    "international",
    "knowledge",
    "language",
    "languages",
    "learning",
    "linguistics",
    "logic",
    "machine",
    "mathematical",
    "mathematics",
    "media",
    "multimedia",
    "music",
    "musical",
    "national",
    "natural",
    "network",
    "networks",
    "neuroscience",
    "perception",
    "performance",
    "physics",
    "processing",
    "psychology",
    "recognition",
    "research",
    "robotics",
    "science",
    "sciences",
    "signal",
    "software",
    "sound",
    "speech",
    "statistics",
    "studies",
    "systems",
    "technology",
    "technologies",
    "video",
    "vision",
    "visual",
    "and",
    "&",
    "of",
    "for",
];

/// Footnote-marker symbols (`?` is how some extractors render `⋆`).
fn is_marker_symbol(c: char) -> bool {
    matches!(
        c,
        '∗' | '*'
            | '†'
            | '‡'
            | '§'
            | '¶'
            | '•'
            | '⋆'
            | '★'
            | '♯'
            | '♭'
            | '♮'
            | '^'
            | '+'
            | '‖'
    )
}

/// Whether the mention is evidence of an organisation.
fn is_org_mention(m: &Mention) -> bool {
    matches!(m.tier, Tier::Institution | Tier::Acronym) && (!m.cands.is_empty() || m.multinational)
}

/// Mentions the gazetteer finds, without email domains (dropped before, but bare domains in
/// lower case may remain).
fn mentions(g: &Gazetteer, s: &str) -> Vec<Mention> {
    scan(g, s)
        .into_iter()
        .filter(|m| m.tier != Tier::Email && (!m.cands.is_empty() || m.multinational))
        .collect()
}

/// Removes emails, URLs and ORCID iDs (each becomes a column gap).
pub fn drop_contacts(s: &str) -> String {
    contact_re().replace_all(s, "\t").into_owned()
}

/// Whether `s` reads as an affiliation: an organisation word, an institution the gazetteer
/// knows, or an address ending with a country, city or state ("Brest - France", "New York,
/// NY"); not a sentence, grant, venue or date line.
pub fn is_affiliation(g: &Gazetteer, s: &str) -> bool {
    let t = s.trim();
    let n = t.chars().count();
    if !(2..=300).contains(&n) || !t.chars().any(char::is_alphabetic) {
        return false;
    }
    if reject_re().is_match(t) || date_re().is_match(t) {
        return false;
    }
    if org_re().is_match(t) {
        return true;
    }
    let ms = mentions(g, t);
    if ms.iter().any(is_org_mention) {
        return true;
    }
    // An address: the last thing named is a country, city or state, and it is an address
    // (a comma or dash before it, or nothing else).
    let Some(last) = ms.last() else {
        return false;
    };
    if !matches!(last.tier, Tier::Explicit | Tier::Place | Tier::Abbrev) {
        return false;
    }
    let rest = &t[last.end..];
    let tail_ok = rest
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase() || " ,.-–".contains(c))
        && rest.chars().count() <= 12;
    let before = t[..last.start].trim_end();
    tail_ok && (before.is_empty() || before.ends_with(',') || before.ends_with('-'))
}

/// Whether the piece names an organisation or place the gazetteer knows (footnotes need
/// this; a header line may pass on its organisation words alone).
pub fn has_gazetteer_evidence(g: &Gazetteer, s: &str) -> bool {
    !mentions(g, s).is_empty()
}

/// Whether the piece ends with a country name (an address is complete).
pub fn ends_with_country(g: &Gazetteer, s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || ",.;".contains(c));
    mentions(g, t)
        .last()
        .is_some_and(|m| m.tier == Tier::Explicit && t[m.end..].trim().is_empty())
}

/// Splits a line of an author block into affiliation pieces (names and notes included; the
/// caller keeps those that read as affiliations).
pub fn split_line(g: &Gazetteer, line: &str) -> Vec<Piece> {
    let clean = drop_contacts(line);
    let mut out = Vec::new();
    for (text, marked) in split_markers(&clean) {
        let text = cut_notes(&text);
        // A sentence or venue note is dropped whole, not searched for institutions.
        if is_venue(&text) {
            continue;
        }
        for (k, part) in split_merged(g, &text).into_iter().enumerate() {
            let t = tidy(&trim_names(g, &part));
            if !t.is_empty() {
                out.push(Piece {
                    text: t,
                    marked: marked && k == 0,
                });
            }
        }
    }
    out
}

/// Cuts at column gaps (tabs, three or more spaces) and footnote markers (`∗`, `†`, `^`, and
/// numbers glued to a name or to the next word: "Yang1", "1Research", "2 Stanford"), not at
/// the numbers of an address ("5 New Street Square", "E1 4NS", "CA 94305").
fn split_markers(s: &str) -> Vec<(String, bool)> {
    let chars: Vec<char> = s.chars().collect();
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut cur = String::new();
    let mut cur_marked = false;
    let flush = |cur: &mut String, marked: bool, out: &mut Vec<(String, bool)>| {
        if !cur.trim().is_empty() {
            out.push((cur.trim().to_string(), marked));
        }
        cur.clear();
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // Column gaps.
        if c == '\t'
            || (c == ' ' && chars.get(i + 1) == Some(&' ') && chars.get(i + 2) == Some(&' '))
        {
            flush(&mut cur, cur_marked, &mut out);
            cur_marked = false;
            while i < chars.len() && (chars[i] == ' ' || chars[i] == '\t') {
                i += 1;
            }
            continue;
        }
        if is_marker_symbol(c) || (c == '?' && i > 0 && chars[i - 1].is_alphabetic()) {
            flush(&mut cur, cur_marked, &mut out);
            cur_marked = true;
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            if let Some(end) = digit_marker(&chars, i) {
                flush(&mut cur, cur_marked, &mut out);
                cur_marked = true;
                i = end;
                continue;
            }
            // An ordinary number: copy it whole.
            while i < chars.len() && chars[i].is_ascii_digit() {
                cur.push(chars[i]);
                i += 1;
            }
            continue;
        }
        cur.push(c);
        i += 1;
    }
    flush(&mut cur, cur_marked, &mut out);
    out
}

/// If a footnote-number marker starts at `i` ("1", "1,2", "12"), the index after it.
fn digit_marker(chars: &[char], i: usize) -> Option<usize> {
    let prev = if i == 0 { None } else { Some(chars[i - 1]) };
    if prev.is_some_and(|p| p.is_ascii_digit()) {
        return None;
    }
    // An address number follows a comma ("…Square, 5 New Street"); a marker glued to its
    // word may too ("Google, Inc., 2University of …").
    let prev_nonspace = chars[..i].iter().rev().find(|c| !c.is_whitespace());
    let after_comma = prev_nonspace == Some(&',') && prev.is_some_and(char::is_whitespace);
    // Digits (at most two), optionally a list "1,2" / "1, 2".
    let mut j = i;
    loop {
        let s = j;
        while j < chars.len() && chars[j].is_ascii_digit() {
            j += 1;
        }
        if j - s == 0 || j - s > 2 {
            return None;
        }
        let mut k = j;
        while k < chars.len() && chars[k] == ' ' {
            k += 1;
        }
        if k < chars.len() && chars[k] == ',' {
            let mut m = k + 1;
            while m < chars.len() && chars[m] == ' ' {
                m += 1;
            }
            if m < chars.len() && chars[m].is_ascii_digit() {
                j = m;
                continue;
            }
        }
        break;
    }
    let glued_before = prev.is_some_and(|p| p.is_alphabetic() || is_marker_symbol(p) || p == ',');
    let at_start = prev.is_none_or(|p| p.is_whitespace() || p == '(' || p == ',');
    match chars.get(j) {
        // "1Research": a capitalised word glued after; at the start of a line an acronym
        // too ("2IBM Thomas J. Watson…"), not a postcode in an address ("E1 4NS").
        Some(&c) if c.is_uppercase() => {
            let next_lower = chars.get(j + 1).is_some_and(|n| n.is_lowercase());
            ((next_lower && (at_start || glued_before)) || prev.is_none()).then_some(j)
        }
        // "Yang1 Wen", "2 Stanford", "3 UC Berkeley", "1 ": standalone before a capital.
        Some(&c) if c.is_whitespace() => {
            let mut k = j;
            while k < chars.len() && chars[k].is_whitespace() {
                k += 1;
            }
            let next = chars.get(k);
            let ok = next.is_none_or(|n| n.is_uppercase() || is_marker_symbol(*n))
                && (at_start || glued_before)
                && !after_comma;
            ok.then_some(j)
        }
        None => (glued_before || at_start).then_some(j),
        // "1,2" glued before a marker symbol, or "1∗".
        Some(&c) if is_marker_symbol(c) => Some(j),
        _ => None,
    }
}

/// Keeps what comes before a "Now at …", correspondence or contribution note.
pub fn cut_notes(s: &str) -> String {
    match cut_re().find(s) {
        Some(m) => s[..m.start()].to_string(),
        None => s.to_string(),
    }
}

/// Takes apart affiliations the extractor merged on one line: after a country followed by
/// a capitalised word ("…, Poland Jacobs University…"), and before an institution that
/// follows another without a comma ("Google Inc. University of North Carolina").
fn split_merged(g: &Gazetteer, s: &str) -> Vec<String> {
    let ms = mentions(g, s);
    let orgs: Vec<(usize, usize)> = org_re()
        .find_iter(s)
        .map(|m| (m.start(), m.end()))
        .collect();
    let mut cuts: Vec<usize> = Vec::new();
    for m in &ms {
        if m.tier == Tier::Explicit {
            let rest = &s[m.end..];
            let t = rest.trim_start_matches(['.', ' ']);
            if t.len() < rest.len()
                && !rest.starts_with(',')
                && t.starts_with(|c: char| c.is_uppercase())
            {
                cuts.push(m.end);
            }
        }
    }
    // Institutions (known ones, or "University…" words) that start a new affiliation.
    let mut starts: Vec<usize> = ms
        .iter()
        .filter(|m| is_org_mention(m))
        .map(|m| m.start)
        .collect();
    starts.extend(
        orgs.iter()
            .filter(|(a, _)| s[*a..].starts_with("Universit") || s[*a..].starts_with("UNIVERSIT"))
            .filter(|(a, _)| !ms.iter().any(|m| m.start < *a && *a < m.end))
            .map(|(a, _)| *a),
    );
    starts.sort_unstable();
    starts.dedup();
    for &st in &starts {
        let before = &s[..st];
        let seen_org = ms.iter().any(|m| is_org_mention(m) && m.end <= st)
            || orgs.iter().any(|(_, e)| *e <= st);
        if !seen_org {
            continue;
        }
        let last_cut = cuts.iter().copied().filter(|&c| c <= st).max().unwrap_or(0);
        if before[last_cut..].trim().is_empty() {
            continue;
        }
        let prev = before.trim_end();
        let joined = prev.ends_with([',', '(', '&', '/', '-', '–', ':'])
            || prev
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .is_some_and(|w| {
                    matches!(
                        w,
                        "of" | "and"
                            | "at"
                            | "for"
                            | "de"
                            | "di"
                            | "du"
                            | "der"
                            | "des"
                            | "the"
                            | "in"
                            | "y"
                            | "e"
                            | "et"
                            | "und"
                            | "für"
                            | "la"
                            | "le"
                    )
                });
        if !joined {
            cuts.push(st);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut lo = 0;
    for c in cuts.into_iter().chain(std::iter::once(s.len())) {
        if c > lo {
            out.push(s[lo..c].to_string());
        }
        lo = c.max(lo);
    }
    out
}

/// Drops author names in front of an affiliation merged on their line ("Bas Cornelissen …
/// Institute for Logic…"): from two words before the first organisation word or known
/// institution, keeping the field words that belong to it ("Music Technology Group").
fn trim_names(g: &Gazetteer, s: &str) -> String {
    let ms = mentions(g, s);
    let org = org_re().find(s).map(|m| m.start());
    let known = ms
        .iter()
        .find(|m| is_org_mention(m) || m.tier == Tier::Explicit)
        .map(|m| m.start);
    let Some(start) = [org, known].into_iter().flatten().min() else {
        return s.to_string();
    };
    let prefix = &s[..start];
    let words: Vec<(usize, &str)> = word_spans(prefix);
    // Names are at least two words, name nothing the gazetteer knows and hold no
    // organisation word; after a comma ("LabROSA, Columbia University") one word is part of
    // the affiliation, two are a name ("…, Hao Wu NVIDIA").
    let last_segment = prefix.rsplit(',').next().unwrap_or(prefix);
    if words.len() < 2
        || org_re().is_match(prefix)
        || ms.iter().any(|m| m.end <= start && is_org_mention(m))
        || (prefix.contains(',') && word_spans(last_segment).len() < 2)
    {
        return s.to_string();
    }
    // Walk back over field words.
    let mut keep_from = start;
    for &(at, w) in words.iter().rev() {
        if FIELD_WORDS.contains(&w.to_lowercase().as_str()) {
            keep_from = at;
        } else {
            break;
        }
    }
    s[keep_from..].to_string()
}

/// Words and their byte offsets.
fn word_spans(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let w = c.is_alphanumeric() || c == '&' || c == '-' || c == '.' || c == '\'';
        match (w, start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                out.push((a, &s[a..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(a) = start {
        out.push((a, &s[a..]));
    }
    out
}

/// Collapses spaces, drops accents the extractor left on their own ("Montreal ́"), and trims
/// separators at both ends.
pub fn tidy(s: &str) -> String {
    let t = s
        .split_whitespace()
        .filter(|w| {
            !w.chars()
                .all(unicode_normalization::char::is_combining_mark)
        })
        .collect::<Vec<_>>()
        .join(" ");
    let t = t.trim_matches(|c: char| c.is_whitespace() || ",;:|-–—&(".contains(c));
    // A full stop ends the sentence, not an abbreviation ("Google Inc.", "Co.").
    match t.strip_suffix('.') {
        Some(body) => {
            let last = body.rsplit([' ', ',']).next().unwrap_or("");
            let abbrev = matches!(
                last,
                "Inc" | "Ltd" | "Co" | "Corp" | "Dept" | "Univ" | "Inst" | "St" | "Ltda" | "Bros"
            );
            if abbrev {
                t.to_string()
            } else {
                body.trim_end().to_string()
            }
        }
        None => t.to_string(),
    }
}

/// A venue, date, arXiv or copyright line ("Published as a conference paper at ICLR 2016",
/// "2–3 November 2020, Tokyo, Japan"): never an affiliation nor the title.
pub fn is_venue(s: &str) -> bool {
    let t = s.trim();
    reject_re().is_match(t) || date_re().is_match(t) || t.starts_with('©')
}

/// Whether a line starts with a footnote marker ("1Google Brain…", "∗ Work done…", "2 Dept…").
pub fn starts_with_marker(s: &str) -> bool {
    let chars: Vec<char> = s.trim_start().chars().collect();
    match chars.first() {
        Some(&c) if is_marker_symbol(c) => true,
        Some(c) if c.is_ascii_digit() => digit_marker(&chars, 0).is_some(),
        _ => false,
    }
}
