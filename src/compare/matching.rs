//! Which paper of a survey is which paper of the reference: DOI, else year and title.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::crawl::merge::{normalise_doi, normalise_title, title_key};
use crate::model::Paper;

/// The rule that paired two papers, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchRule {
    /// The same DOI (lower case, without `https://doi.org/` or `doi:`).
    Doi,
    /// The same year and the same title key ([`title_key`]: spacing aside, so a word a source
    /// split in two still matches).
    Title,
    /// The same year, and one title is the other's part before or after its first ':'
    /// ("Music SketchNet: Controllable …" ~ "Controllable …").
    TitlePart,
    /// The same year, and the titles differ by one word, or one is a word prefix of the other
    /// (a truncated title), the shorter having at least four words.
    TitleNear,
}

impl MatchRule {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchRule::Doi => "doi",
            MatchRule::Title => "title",
            MatchRule::TitlePart => "title-part",
            MatchRule::TitleNear => "title-near",
        }
    }
}

/// One survey paper paired with one reference paper (indices into the inputs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    pub survey: usize,
    pub reference: usize,
    pub rule: MatchRule,
}

/// Pairs, and the indices left unpaired on each side (in input order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matching {
    pub pairs: Vec<Pair>,
    pub unmatched_survey: Vec<usize>,
    pub unmatched_reference: Vec<usize>,
}

/// Does a survey title fit a reference title under one rule?
type TitleTest = fn(&TitleKey, &TitleKey) -> bool;

/// A title's normalised forms: its key, whole, and its parts around the first ':'.
struct TitleKey {
    year: Option<i32>,
    key: String,
    full: String,
    parts: Vec<String>,
}

impl TitleKey {
    fn new(p: &Paper) -> Self {
        let full = normalise_title(&p.title);
        let parts = match p.title.split_once(':') {
            Some((a, b)) => [a, b]
                .iter()
                .map(|s| normalise_title(s))
                .filter(|s| !s.is_empty())
                .collect(),
            None => Vec::new(),
        };
        TitleKey {
            year: p.year,
            key: title_key(&p.title),
            full,
            parts,
        }
    }
}

/// Pairs papers: first by DOI, then — only within the same year — by equal normalised titles,
/// then by a title part, then by a near title. Each title rule pairs a paper only when its
/// candidate is unique on both sides among the papers still unpaired, so a rule never guesses
/// between two papers. Titles are compared as the crawler's merge compares them: equal by
/// [`title_key`], and word by word by [`normalise_title`] (accents folded, letters and digits,
/// lower case, single spaces).
pub fn match_papers(survey: &[Paper], reference: &[Paper]) -> Matching {
    let mut s_taken: Vec<Option<(usize, MatchRule)>> = vec![None; survey.len()];
    let mut r_taken = vec![false; reference.len()];

    // DOI: a DOI held by two reference papers pairs neither.
    let mut by_doi: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, p) in reference.iter().enumerate() {
        if let Some(d) = p.doi.as_deref().and_then(normalise_doi) {
            by_doi.entry(d).or_default().push(i);
        }
    }
    for (i, p) in survey.iter().enumerate() {
        let Some(d) = p.doi.as_deref().and_then(normalise_doi) else {
            continue;
        };
        if let Some([j]) = by_doi.get(&d).map(Vec::as_slice) {
            if !r_taken[*j] {
                s_taken[i] = Some((*j, MatchRule::Doi));
                r_taken[*j] = true;
            }
        }
    }

    let s_keys: Vec<TitleKey> = survey.iter().map(TitleKey::new).collect();
    let r_keys: Vec<TitleKey> = reference.iter().map(TitleKey::new).collect();
    let rules: [(MatchRule, TitleTest); 3] = [
        (MatchRule::Title, same_title),
        (MatchRule::TitlePart, title_part),
        (MatchRule::TitleNear, near_title),
    ];
    for (rule, test) in rules {
        let fits =
            |a: &TitleKey, b: &TitleKey| a.year == b.year && !a.full.is_empty() && test(a, b);
        // Candidates per unpaired survey paper, and how many survey papers want each reference.
        let mut wanted = vec![0usize; reference.len()];
        let mut cands: Vec<Vec<usize>> = vec![Vec::new(); survey.len()];
        for (i, a) in s_keys.iter().enumerate() {
            if s_taken[i].is_some() {
                continue;
            }
            for (j, b) in r_keys.iter().enumerate() {
                if !r_taken[j] && fits(a, b) {
                    cands[i].push(j);
                    wanted[j] += 1;
                }
            }
        }
        for (i, c) in cands.iter().enumerate() {
            if let [j] = c.as_slice() {
                if wanted[*j] == 1 {
                    s_taken[i] = Some((*j, rule));
                    r_taken[*j] = true;
                }
            }
        }
    }

    let mut m = Matching::default();
    for (i, t) in s_taken.iter().enumerate() {
        match t {
            Some((j, rule)) => m.pairs.push(Pair {
                survey: i,
                reference: *j,
                rule: *rule,
            }),
            None => m.unmatched_survey.push(i),
        }
    }
    m.unmatched_reference = (0..reference.len()).filter(|&j| !r_taken[j]).collect();
    m
}

fn same_title(a: &TitleKey, b: &TitleKey) -> bool {
    a.key == b.key
}

fn title_part(a: &TitleKey, b: &TitleKey) -> bool {
    a.parts.contains(&b.full) || b.parts.contains(&a.full)
}

fn near_title(a: &TitleKey, b: &TitleKey) -> bool {
    let wa: Vec<&str> = a.full.split(' ').collect();
    let wb: Vec<&str> = b.full.split(' ').collect();
    let (short, long) = if wa.len() <= wb.len() {
        (&wa, &wb)
    } else {
        (&wb, &wa)
    };
    if short.len() < 4 {
        return false;
    }
    long.starts_with(short) || word_distance_at_most_one(short, long)
}

/// One word inserted, deleted or replaced (or none).
fn word_distance_at_most_one(short: &[&str], long: &[&str]) -> bool {
    if long.len() - short.len() > 1 {
        return false;
    }
    let head = short.iter().zip(long).take_while(|(a, b)| a == b).count();
    if short.len() == long.len() {
        short[head..].iter().skip(1).eq(long[head..].iter().skip(1))
    } else {
        short[head..] == long[head + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paper(id: &str, year: i32, title: &str, doi: Option<&str>) -> Paper {
        Paper {
            id: id.into(),
            venue: None,
            year: Some(year),
            title: title.into(),
            authors: Vec::new(),
            doi: doi.map(String::from),
            pdf_url: None,
            sha256: None,
        }
    }

    fn pairs(m: &Matching) -> Vec<(usize, usize, &'static str)> {
        m.pairs
            .iter()
            .map(|p| (p.survey, p.reference, p.rule.as_str()))
            .collect()
    }

    #[test]
    fn doi_matches_across_spellings_and_years() {
        let s = [paper(
            "ismir2019-040",
            2019,
            "Learning to Traverse",
            Some("https://doi.org/10.5281/ZENODO.3527814"),
        )];
        // A different title and year: the DOI decides.
        let r = [
            paper("x-1", 2018, "Something else", None),
            paper(
                "x-2",
                2020,
                "Inpainting",
                Some("doi:10.5281/zenodo.3527814"),
            ),
        ];
        let m = match_papers(&s, &r);
        assert_eq!(pairs(&m), vec![(0, 1, "doi")]);
        assert_eq!(m.unmatched_reference, vec![0]);
    }

    #[test]
    fn year_and_title_match_ignoring_case_and_punctuation() {
        let s = [paper(
            "ismir2017-a-study",
            2017,
            "A Study on LSTM Networks for Polyphonic Music Sequence Modelling.",
            None,
        )];
        let r = [paper(
            "ismir2017-003",
            2017,
            "a study on LSTM networks for polyphonic music sequence modelling",
            None,
        )];
        assert_eq!(pairs(&match_papers(&s, &r)), vec![(0, 0, "title")]);
    }

    #[test]
    fn a_word_split_by_a_kept_line_break_is_still_the_same_title() {
        let s = [paper("a", 2023, "Pitch Sta-bility", None)];
        let r = [paper("b", 2023, "pitch stability", None)];
        assert_eq!(pairs(&match_papers(&s, &r)), vec![(0, 0, "title")]);
    }

    #[test]
    fn no_match_across_years_even_with_equal_titles() {
        let s = [paper("a", 2019, "Music Transformer for Everyone", None)];
        let r = [paper("b", 2020, "Music Transformer for Everyone", None)];
        let m = match_papers(&s, &r);
        assert!(m.pairs.is_empty());
        assert_eq!(m.unmatched_survey, vec![0]);
        assert_eq!(m.unmatched_reference, vec![0]);
    }

    #[test]
    fn title_parts_around_a_colon_match_when_unique() {
        let s = [
            paper(
                "a",
                2020,
                "Music SketchNet: Controllable Music Generation via Factorized Representations",
                None,
            ),
            paper("b", 2021, "Polyffusion: A Diffusion Model for Scores", None),
        ];
        let r = [
            paper(
                "x",
                2020,
                "Controllable music generation via factorized representations.",
                None,
            ),
            paper("y", 2021, "Polyffusion", None),
        ];
        assert_eq!(
            pairs(&match_papers(&s, &r)),
            vec![(0, 0, "title-part"), (1, 1, "title-part")]
        );
        // Two reference papers fit the same part: neither is chosen.
        let r2 = [
            paper("x", 2021, "Polyffusion", None),
            paper("z", 2021, "Polyffusion", None),
        ];
        assert!(match_papers(&s[1..], &r2).pairs.is_empty());
        // The part rule, too, stays within a year.
        let r3 = [paper("y", 2022, "Polyffusion", None)];
        assert!(match_papers(&s[1..], &r3).pairs.is_empty());
    }

    #[test]
    fn near_titles_one_word_apart_or_truncated() {
        let s = [
            paper(
                "a",
                2022,
                "Modeling the rhythm from lyrics for melody generation of pop songs",
                None,
            ),
            paper(
                "b",
                2023,
                "Singing Voice Synthesis Using Differentiable LPC and Glottal-Flow-Inspired Wavetables",
                None,
            ),
            paper(
                "c",
                2023,
                "ScorePerformer: Expressive Piano Performance Rendering With Fine-Grained Control",
                None,
            ),
            paper("d", 2023, "Deep Music Models", None),
        ];
        let r = [
            paper(
                "x",
                2022,
                "Modeling the rhythm from lyrics for melody generation of pop song",
                None,
            ),
            paper(
                "y",
                2023,
                "Singing voice synthesis using differentiable LPC glottal-flow-inspired wavetables",
                None,
            ),
            paper(
                "z",
                2023,
                "Scoreperformer: Expressive piano performance",
                None,
            ),
            // Short titles one word apart are not near: too little to go on.
            paper("w", 2023, "Deep Audio Models", None),
        ];
        let m = match_papers(&s, &r);
        assert_eq!(
            pairs(&m),
            vec![
                (0, 0, "title-near"),
                (1, 1, "title-near"),
                (2, 2, "title-near")
            ]
        );
        assert_eq!(m.unmatched_survey, vec![3]);
    }

    #[test]
    fn exact_titles_win_before_near_ones() {
        let s = [paper(
            "a",
            2022,
            "Generating pop songs with deep models",
            None,
        )];
        let r = [
            paper("x", 2022, "Generating pop song with deep models", None),
            paper("y", 2022, "Generating Pop Songs with Deep Models.", None),
        ];
        assert_eq!(pairs(&match_papers(&s, &r)), vec![(0, 1, "title")]);
    }
}
