//! `locate`: one affiliation string → a country with its basis and confidence, or an
//! abstention with the candidate countries.

use serde::{Deserialize, Serialize};

use super::scan::{scan, Mention, Tier};
use crate::reference::Gazetteer;

/// What the country was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// A country named in the text ("Spain", "USA", "Deutschland").
    Explicit,
    /// A city ("Erlangen", "Tsukuba").
    City,
    /// A state, province or other subdivision ("California", "MA", "Ontario").
    State,
    /// An institution's name ("Queen Mary University of London").
    Institution,
    /// An institution's acronym ("QMUL", "KAIST").
    Acronym,
    /// An adjective of nationality ("Indian Institute of …").
    Demonym,
    /// An email or web domain (`upf.edu`, `.ac.jp`).
    EmailDomain,
}

impl Basis {
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Explicit => "explicit",
            Basis::City => "city",
            Basis::State => "state",
            Basis::Institution => "institution",
            Basis::Acronym => "acronym",
            Basis::Demonym => "demonym",
            Basis::EmailDomain => "email-domain",
        }
    }

    /// Confidence of an unambiguous reading of this kind.
    fn confidence(self) -> f64 {
        match self {
            Basis::Explicit => 0.98,
            Basis::State => 0.95,
            Basis::City => 0.93,
            Basis::Institution => 0.95,
            Basis::Acronym => 0.85,
            Basis::Demonym => 0.8,
            Basis::EmailDomain => 0.8,
        }
    }
}

/// Where an affiliation is, or why we cannot say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub input: String,
    /// ISO 3166-1 alpha-2; `None` = abstention.
    #[serde(rename = "country")]
    pub iso2: Option<String>,
    /// What the answer (or, when abstaining, the ambiguous mention) was read from.
    pub basis: Option<Basis>,
    /// 0–1; 0 when abstaining.
    pub confidence: f64,
    /// The words that decided ("Universitat Pompeu Fabra", "Cambridge + MA").
    pub matched: String,
    /// When abstaining: the countries it could be, most likely first.
    pub candidates: Vec<String>,
    #[serde(rename = "reason")]
    pub abstain_reason: Option<String>,
    /// How it was decided, when not plain: "first of 2 affiliations", "resolved by context".
    pub note: Option<String>,
}

impl Location {
    fn abstain(input: &str, reason: impl Into<String>) -> Self {
        Location {
            input: input.to_string(),
            iso2: None,
            basis: None,
            confidence: 0.0,
            matched: String::new(),
            candidates: Vec::new(),
            abstain_reason: Some(reason.into()),
            note: None,
        }
    }
}

/// A homonym is read as its most prominent sense only when that sense outweighs the next
/// country's by this factor (London GB vs London, Ontario: yes; Cambridge GB vs MA: no).
const DOMINANCE: u64 = 3;

/// Strings that say there is no institution.
const NO_AFFILIATION: &[&str] = &[
    "independent",
    "independent researcher",
    "independent scholar",
    "unaffiliated",
    "none",
    "n a",
    "na",
    "freelance",
    "freelancer",
    "private",
    "self",
    "self employed",
    "student",
    "unknown",
];

/// Locates one affiliation string.
pub fn locate(g: &Gazetteer, text: &str) -> Location {
    let trimmed = text.trim();
    let key = crate::reference::names::phrase_key(trimmed);
    if key.is_empty() {
        return Location::abstain(text, "empty affiliation");
    }
    if NO_AFFILIATION.contains(&key.as_str()) {
        return Location::abstain(text, "no institution named");
    }
    let mentions: Vec<Mention> = scan(g, text)
        .into_iter()
        .filter(|m| !m.cands.is_empty())
        .collect();
    if mentions.is_empty() {
        return Location::abstain(
            text,
            "no known country, place, institution or domain in the text",
        );
    }
    let parts = split_parts(text, &mentions);
    let n_parts = parts.len();
    let mut abstentions: Vec<Location> = Vec::new();
    for (k, part) in parts.iter().enumerate() {
        let mut loc = decide(text, part);
        if loc.iso2.is_some() {
            if n_parts > 1 {
                let which = if k == 0 {
                    "first".to_string()
                } else {
                    format!("affiliation {} (earlier ones undecided)", k + 1)
                };
                let note = format!("{which} of {n_parts} affiliations");
                loc.note = Some(match loc.note {
                    Some(n) => format!("{note}; {n}"),
                    None => note,
                });
                if k > 0 {
                    loc.confidence *= 0.95;
                }
            }
            return loc;
        }
        abstentions.push(loc);
    }
    // Nothing resolved: abstain with every part's candidates.
    let mut out = abstentions
        .first()
        .cloned()
        .unwrap_or_else(|| Location::abstain(text, "nothing resolved"));
    for other in abstentions.iter().skip(1) {
        for c in &other.candidates {
            if !out.candidates.contains(c) {
                out.candidates.push(c.clone());
            }
        }
    }
    out
}

/// Splits the mentions into affiliations at `;`, `|` and `/` that lie outside any mention
/// ("UPF/Huawei" is two; "TU/e" and "Pandora/SiriusXM" are names).
fn split_parts<'m>(text: &str, mentions: &'m [Mention]) -> Vec<Vec<&'m Mention>> {
    let mut cuts: Vec<usize> = text
        .char_indices()
        .filter(|&(i, c)| {
            matches!(c, ';' | '|' | '/' | '\n')
                && !mentions.iter().any(|m| m.start <= i && i < m.end)
        })
        .map(|(i, _)| i)
        .collect();
    cuts.push(usize::MAX);
    let mut parts: Vec<Vec<&Mention>> = Vec::new();
    let mut lo = 0;
    for cut in cuts {
        let part: Vec<&Mention> = mentions
            .iter()
            .filter(|m| m.start >= lo && m.start < cut)
            .collect();
        if !part.is_empty() {
            parts.push(part);
        }
        lo = cut;
    }
    parts
}

/// The decision within one affiliation: the strongest tier that resolves wins.
fn decide(input: &str, part: &[&Mention]) -> Location {
    let mut pending: Vec<(&Mention, Vec<String>, String)> = Vec::new();
    let tiers = [
        Tier::Explicit,
        Tier::Place,
        Tier::Abbrev,
        Tier::Institution,
        Tier::Acronym,
        Tier::Demonym,
        Tier::Email,
    ];
    for tier in tiers {
        let here: Vec<&Mention> = part.iter().copied().filter(|m| m.tier == tier).collect();
        if here.is_empty() {
            continue;
        }
        let mut resolved: Vec<(&Mention, String, f64, Option<String>)> = Vec::new();
        for m in &here {
            match resolve(m, part) {
                Ok((iso2, conf, note)) => resolved.push((m, iso2, conf, note)),
                Err((cands, why)) => pending.push((m, cands, why)),
            }
        }
        if resolved.is_empty() {
            continue;
        }
        // An address runs from small to large ("…, Erlangen, Germany"): the last country or
        // place named is the most reliable; of several institutions the first is the main one.
        // "Taipei, Taiwan, China" and "Macao, China": ISO 3166 (and the grid data) keep
        // Taiwan, Hong Kong and Macao apart from mainland China, so the more specific one wins.
        let special = |c: &str| matches!(c, "TW" | "HK" | "MO");
        if resolved.iter().any(|r| r.1 == "CN") && resolved.iter().any(|r| special(&r.1)) {
            resolved.retain(|r| r.1 != "CN");
        }
        let pick = if matches!(tier, Tier::Explicit | Tier::Place | Tier::Abbrev) {
            resolved.len() - 1
        } else {
            0
        };
        let (m, iso2, mut conf, mut note) = resolved[pick].clone();
        let mut others: Vec<String> = resolved
            .iter()
            .map(|r| r.1.clone())
            .filter(|c| *c != iso2)
            .collect();
        others.dedup();
        if !others.is_empty() {
            conf -= 0.15;
            let n = format!("other readings: {}", others.join(", "));
            note = Some(match note {
                Some(x) => format!("{x}; {n}"),
                None => n,
            });
        }
        // A stronger but ambiguous mention that does not allow this answer lowers confidence.
        if pending
            .iter()
            .any(|(pm, c, _)| pm.tier < tier && !c.contains(&iso2))
        {
            conf -= 0.2;
        }
        let basis = m
            .cands
            .iter()
            .find(|c| c.iso2 == iso2)
            .map(|c| c.basis)
            .unwrap_or(Basis::Explicit);
        return Location {
            input: input.to_string(),
            iso2: Some(iso2),
            basis: Some(basis),
            confidence: (conf * 100.0).round() / 100.0,
            matched: m.text.clone(),
            candidates: Vec::new(),
            abstain_reason: None,
            note,
        };
    }
    match pending.first() {
        Some((m, _, why)) => {
            let mut cands: Vec<String> = Vec::new();
            for (_, cs, _) in &pending {
                for c in cs {
                    if !cands.contains(c) {
                        cands.push(c.clone());
                    }
                }
            }
            Location {
                input: input.to_string(),
                iso2: None,
                basis: m.cands.first().map(|c| c.basis),
                confidence: 0.0,
                matched: m.text.clone(),
                candidates: cands,
                abstain_reason: Some(why.clone()),
                note: Some(m.label.clone()),
            }
        }
        None => Location::abstain(input, "nothing resolved"),
    }
}

type Resolved = (String, f64, Option<String>);
type Unresolved = (Vec<String>, String);

/// One mention's country: its only one; else the one the other mentions of the same
/// affiliation allow ("Cambridge, MA"); else the clearly most prominent (not for
/// multinationals).
fn resolve(m: &Mention, part: &[&Mention]) -> Result<Resolved, Unresolved> {
    let base = |b: super::locate::Basis| b.confidence();
    if m.cands.len() == 1 {
        let c = &m.cands[0];
        return Ok((c.iso2.clone(), base(c.basis), None));
    }
    // Context: countries the other mentions allow.
    let mut cands: Vec<&super::scan::Cand> = m.cands.iter().collect();
    let others: Vec<&Mention> = part
        .iter()
        .copied()
        .filter(|o| !std::ptr::eq(*o, m) && !o.cands.is_empty())
        .collect();
    let mut context_used = Vec::new();
    for o in &others {
        let narrowed: Vec<&super::scan::Cand> = cands
            .iter()
            .copied()
            .filter(|c| o.cands.iter().any(|oc| oc.iso2 == c.iso2))
            .collect();
        if !narrowed.is_empty() && narrowed.len() < cands.len() {
            cands = narrowed;
            context_used.push(o.text.clone());
        }
    }
    if cands.len() == 1 {
        let c = cands[0];
        return Ok((
            c.iso2.clone(),
            base(c.basis).min(0.9),
            Some(format!(
                "{} resolved by context: {}",
                m.text,
                context_used.join(", ")
            )),
        ));
    }
    let mut sorted = cands.clone();
    sorted.sort_by_key(|c| std::cmp::Reverse(c.weight));
    let list: Vec<String> = sorted.iter().map(|c| c.iso2.clone()).collect();
    if m.multinational {
        return Err((
            list,
            format!("multinational or shared name, no site named: {}", m.label),
        ));
    }
    if sorted.len() >= 2 && sorted[0].weight >= DOMINANCE.saturating_mul(sorted[1].weight) {
        let c = sorted[0];
        return Ok((
            c.iso2.clone(),
            base(c.basis).min(0.8),
            Some(format!(
                "{} read as its most prominent sense ({}); also {}",
                m.text,
                c.iso2,
                list[1..].join(", ")
            )),
        ));
    }
    Err((list, format!("ambiguous: {}", m.label)))
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use super::*;
    use crate::reference::Reference;

    fn g() -> &'static Gazetteer {
        static R: OnceLock<Reference> = OnceLock::new();
        &R.get_or_init(|| Reference::embedded().expect("reference data"))
            .gazetteer
    }

    fn country(s: &str) -> Option<String> {
        locate(g(), s).iso2
    }

    #[track_caller]
    fn is(s: &str, iso2: &str) {
        let l = locate(g(), s);
        assert_eq!(l.iso2.as_deref(), Some(iso2), "{s:?}: {l:?}");
        assert!(l.confidence > 0.0 && l.confidence <= 1.0, "{l:?}");
    }

    #[track_caller]
    fn abstains(s: &str, candidates: &[&str]) {
        let l = locate(g(), s);
        assert_eq!(l.iso2, None, "{s:?} should abstain: {l:?}");
        assert!(l.abstain_reason.is_some());
        for c in candidates {
            assert!(
                l.candidates.iter().any(|x| x == c),
                "{s:?}: {c} not in {l:?}"
            );
        }
    }

    #[test]
    fn explicit_country_wins_and_the_last_one_counts() {
        is("Department of Music, Stanford, USA", "US");
        is("Sony Computer Science Laboratories, Tokyo, Japan", "JP");
        is("Universität Wien, Österreich", "AT");
        is("Instituto X, Madrid, España", "ES");
        is("Seoul, Republic of Korea", "KR");
        is("Lab X, Deutschland", "DE");
        is("Some Institute, U.S.A.", "US");
        is("Hong Kong, China", "HK");
        assert_eq!(locate(g(), "USA").basis, Some(Basis::Explicit));
    }

    #[test]
    fn taiwan_hong_kong_and_macao_are_not_mainland_china() {
        is("National Taiwan University, Taipei, Taiwan, China", "TW");
        is("University of Macau, Macao, China", "MO");
        is("Hong Kong, China", "HK");
        is("Chinese Culture University", "TW");
        abstains("China Medical University", &["CN", "TW"]);
        is("Tsinghua University, Beijing, China", "CN");
    }

    #[test]
    fn cambridge_needs_context() {
        abstains("Cambridge", &["GB", "US"]);
        is("University of Cambridge", "GB");
        is("Cambridge, MA", "US");
        is("Cambridge, Massachusetts", "US");
        is("MIT, Cambridge", "US");
        is("Harvard University, Cambridge", "US");
        is("Cambridge, UK", "GB");
        let l = locate(g(), "Cambridge, MA 02139");
        assert_eq!(l.iso2.as_deref(), Some("US"));
        assert!(l.note.unwrap_or_default().contains("context"));
    }

    #[test]
    fn georgia_the_country_and_the_state() {
        is("Georgia Institute of Technology", "US");
        is("Georgia Tech", "US");
        is("University of Georgia", "US");
        is("Atlanta, Georgia", "US");
        is("Tbilisi, Georgia", "GE");
        is("Tbilisi State University", "GE");
        abstains("Georgia", &["GE", "US"]);
    }

    #[test]
    fn tsinghua_is_not_tsing_hua() {
        is("Tsinghua University", "CN");
        is("National Tsing Hua University", "TW");
        is("NTHU", "TW");
        is(
            "Department of EE, National Tsing Hua University, Hsinchu",
            "TW",
        );
    }

    #[test]
    fn nyu_and_its_campuses() {
        is("New York University", "US");
        is("NYU", "US");
        is("New York University Shanghai", "CN");
        is("NYU Shanghai", "CN");
        is("NYU Abu Dhabi", "AE");
    }

    #[test]
    fn a_person_in_a_name_is_not_a_place() {
        is("Paris Lodron University Salzburg", "AT");
        is("Sam Houston State University", "US");
        is("George Mason University", "US");
    }

    #[test]
    fn multinationals_abstain_unless_a_site_is_named() {
        abstains("Sony CSL", &["JP", "FR"]);
        abstains("Sony Group Corporation", &["JP", "US"]);
        abstains("Spotify", &["SE", "US", "GB"]);
        abstains("Dolby Laboratories", &["US"]);
        abstains("Huawei Noah's Ark Lab", &["CN"]);
        abstains("Microsoft Research Asia", &["CN"]);
        is("Sony CSL Paris", "FR");
        is("Spotify, Stockholm", "SE");
        is("Huawei Noah's Ark Lab, London, UK", "GB");
        is("Google Research, Zurich", "CH");
        is("Dolby Laboratories, Barcelona", "ES");
    }

    #[test]
    fn homonymous_cities_resolve_by_context_or_prominence_or_abstain() {
        abstains("Durham", &["GB", "US"]);
        is("Durham University", "GB");
        is("Duke University, Durham", "US");
        is("Durham, NC", "US");
        abstains("Birmingham", &["GB", "US"]);
        is("University of Birmingham", "GB");
        abstains("Valencia", &["ES", "VE"]);
        is("Valencia, Spain", "ES");
        is("Universitat Politècnica de València", "ES");
        is("Portland", "US");
        // London, Ontario exists but London, England is the reading without context.
        let l = locate(g(), "London");
        assert_eq!(l.iso2.as_deref(), Some("GB"));
        assert!(l.confidence <= 0.8, "{l:?}");
        is("Western University, London, Ontario", "CA");
        is("Perth, WA", "AU");
        is("Seattle, WA", "US");
    }

    #[test]
    fn several_affiliations_take_the_first_that_resolves() {
        let l = locate(g(), "Universitat Pompeu Fabra/Huawei");
        assert_eq!(l.iso2.as_deref(), Some("ES"));
        assert!(l.note.unwrap_or_default().contains("first of 2"));
        let l = locate(g(), "Huawei; Universitat Pompeu Fabra");
        assert_eq!(l.iso2.as_deref(), Some("ES"));
        assert!(l.confidence < 0.95);
        is("Utrecht University/Meertens Institute", "NL");
        // A slash inside a name is not a split.
        is("TU/e", "NL");
        is("Pandora/SiriusXM", "US");
        abstains("Sony CSL / Spotify", &["JP", "FR", "SE"]);
    }

    #[test]
    fn acronyms_are_case_sensitive() {
        is("UvA", "NL");
        is("UVA", "US");
        is("QMUL", "GB");
        is("KAIST", "KR");
        abstains("NTU", &["SG", "TW"]);
        is("NTU Singapore", "SG");
        // "mit" is a German word; only the acronym names the institute.
        assert_eq!(country("Zusammenarbeit mit Partnern"), None);
        // Text written all in lower case may use lower-case acronyms.
        is("qmul", "GB");
    }

    #[test]
    fn email_domains_are_the_weakest_evidence() {
        is("xavier@upf.edu", "ES");
        is("someone@cs.qmul.ac.uk", "GB");
        is("a.b@cs.cmu.edu", "US");
        is("x@ntu.edu.sg", "SG");
        is("x@ntu.edu.tw", "TW");
        assert_eq!(country("someone@gmail.com"), None);
        assert_eq!(country("someone@moises.ai"), None);
        // The institution named in the text beats the domain.
        is("Sorbonne Université (jane@gmail.com)", "FR");
        assert_eq!(locate(g(), "jane@upf.edu").basis, Some(Basis::EmailDomain));
    }

    #[test]
    fn demonyms_and_states_are_read() {
        is("Indian Institute of Technology", "IN");
        is("Swiss Federal Laboratories", "CH");
        is("University of South California", "US");
        is("Lab X, Bavaria", "DE");
        is("American University of Beirut", "LB");
        // A subject is not a country.
        assert_eq!(country("Department of Spanish and Portuguese"), None);
        assert_eq!(country("Center for German Studies"), None);
        is("The Korean Broadcasting System", "KR");
        assert_eq!(locate(g(), "Some Lab, Ontario").basis, Some(Basis::State));
    }

    #[test]
    fn words_that_look_like_places_are_not() {
        // "Normal" (Illinois), "Reading" (England) and "Nice" (France) as ordinary words.
        is("Beijing Normal University", "CN");
        is("National Taiwan Normal University", "TW");
        assert_eq!(country("Mobile Audio Lab"), None);
        assert_eq!(country("Latin America"), None);
        is("Middle East Technical University", "TR");
        is("Universidad de Buenos Aires", "AR");
    }

    #[test]
    fn nothing_to_go_on_abstains_with_a_reason() {
        for s in [
            "",
            "   ",
            "Independent Researcher",
            "independent",
            "Ethan Example",
        ] {
            let l = locate(g(), s);
            assert_eq!(l.iso2, None, "{s:?}");
            assert!(l.abstain_reason.is_some(), "{s:?}");
            assert!(l.candidates.is_empty(), "{s:?}");
        }
    }

    #[test]
    fn messy_input_never_panics() {
        for s in [
            "((((",
            "Universitat Pompeu Fabra\t",
            " Xi’an Jiaotong University",
            "@@@",
            "a@b",
            "x@.com",
            "/;/;|",
            "🎵 Music Lab 🎵",
            "東京大学",
            "Ünïcödé Ünivérsité",
            &"University ".repeat(500),
        ] {
            let _ = locate(g(), s);
        }
    }
}
