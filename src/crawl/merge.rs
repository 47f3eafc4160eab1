//! Paper ids, DOI and title normalisation, and merging papers found by several sources.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use crate::model::Paper;

/// `10.5281/zenodo.1417427` from `https://doi.org/10.5281/ZENODO.1417427`, `doi:10…`, etc.
/// DOIs are case-insensitive; lower case is the canonical form here.
pub fn normalise_doi(s: &str) -> Option<String> {
    let s = s.trim();
    let start = s.find("10.")?;
    let doi = s[start..].trim_end_matches(['.', '/', ')']).to_lowercase();
    (doi.contains('/') && doi.len() > 4).then_some(doi)
}

/// Lower-case ASCII letters and digits only, words single-spaced: "Multi-Label Music Genre
/// Classification…Deep Features." and "Multi-label music genre classification … deep features"
/// compare equal.
pub fn normalise_title(s: &str) -> String {
    let folded: String = s
        .nfkd()
        .filter(|c| c.is_ascii())
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Names as sources print them, trimmed and single-spaced (" Ryo  Nishikimi" → "Ryo Nishikimi").
pub fn clean_name(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The proceedings number in a PDF link: `archives.ismir.net/ismir2023/paper/000029.pdf`,
/// `zenodo.org/record/10265213/files/000001.pdf`, `…/72_Paper.pdf` (ISMIR 2018).
pub fn proceedings_number(pdf_url: &str) -> Option<u32> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"/0*(\d{1,6})(?:_Paper)?\.pdf(?:\?.*)?$").expect("valid regex")
    });
    re.captures(pdf_url)?.get(1)?.as_str().parse().ok()
}

/// A stable id: `ismir2023-029` when the PDF link carries the proceedings number, else
/// venue + year + the first words of the title (`ismir2017-multi-label-music-genre`).
pub fn paper_id(venue: &str, year: Option<i32>, pdf_url: Option<&str>, title: &str) -> String {
    let prefix = match year {
        Some(y) => format!("{venue}{y}"),
        None => venue.to_string(),
    };
    if let Some(n) = pdf_url.and_then(proceedings_number) {
        return format!("{prefix}-{n:03}");
    }
    format!("{prefix}-{}", slug(title))
}

/// Up to six title words, lower case, joined by '-'.
pub fn slug(title: &str) -> String {
    let t = normalise_title(title);
    let words: Vec<&str> = t.split(' ').filter(|w| !w.is_empty()).take(6).collect();
    if words.is_empty() {
        "untitled".to_string()
    } else {
        words.join("-")
    }
}

/// Is this id built from a proceedings number (and so preferred over a title slug)?
pub fn is_numbered(id: &str) -> bool {
    id.rsplit('-')
        .next()
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Merges `incoming` into `papers`: the same DOI, or the same venue, year and normalised
/// title, is one paper. Missing fields are filled; a numbered id replaces a slug id; nothing
/// already known is overwritten.
pub fn merge_into(papers: &mut Vec<Paper>, incoming: Vec<Paper>) {
    let mut by_doi: HashMap<String, usize> = HashMap::new();
    let mut by_title: HashMap<(Option<i32>, String), usize> = HashMap::new();
    for (i, p) in papers.iter().enumerate() {
        index(&mut by_doi, &mut by_title, p, i);
    }
    for p in incoming {
        let hit = p
            .doi
            .as_deref()
            .and_then(normalise_doi)
            .and_then(|d| by_doi.get(&d).copied())
            .or_else(|| by_title.get(&(p.year, normalise_title(&p.title))).copied());
        match hit {
            Some(i) => {
                fill(&mut papers[i], p);
                let snapshot = papers[i].clone();
                index(&mut by_doi, &mut by_title, &snapshot, i);
            }
            None => {
                index(&mut by_doi, &mut by_title, &p, papers.len());
                papers.push(p);
            }
        }
    }
}

fn index(
    by_doi: &mut HashMap<String, usize>,
    by_title: &mut HashMap<(Option<i32>, String), usize>,
    p: &Paper,
    i: usize,
) {
    if let Some(d) = p.doi.as_deref().and_then(normalise_doi) {
        by_doi.entry(d).or_insert(i);
    }
    let t = normalise_title(&p.title);
    if !t.is_empty() {
        by_title.entry((p.year, t)).or_insert(i);
    }
}

/// Fills what `into` lacks from `from`.
pub fn fill(into: &mut Paper, from: Paper) {
    if !is_numbered(&into.id) && is_numbered(&from.id) {
        into.id = from.id;
    }
    into.venue = into.venue.take().or(from.venue);
    into.year = into.year.or(from.year);
    if into.title.trim().is_empty() {
        into.title = from.title;
    }
    if into.authors.is_empty() {
        into.authors = from.authors;
    }
    into.doi = into.doi.take().or(from.doi);
    into.pdf_url = into.pdf_url.take().or(from.pdf_url);
    into.sha256 = into.sha256.take().or(from.sha256);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paper(id: &str, title: &str, doi: Option<&str>) -> Paper {
        Paper {
            id: id.into(),
            venue: Some("ismir".into()),
            year: Some(2017),
            title: title.into(),
            authors: vec![],
            doi: doi.map(String::from),
            pdf_url: None,
            sha256: None,
        }
    }

    #[test]
    fn dois_and_titles_normalise() {
        assert_eq!(
            normalise_doi("https://doi.org/10.5281/ZENODO.1417427").as_deref(),
            Some("10.5281/zenodo.1417427")
        );
        assert_eq!(normalise_doi("no doi here"), None);
        assert_eq!(
            normalise_title("Multi-Label Music Genre Classification from Audio, Text and Images Using Deep Features."),
            normalise_title("multi label music genre classification from audio text and images using deep features")
        );
        assert_eq!(normalise_title("Café  “Müller”"), "cafe muller");
        assert_eq!(clean_name(" Ryo  Nishikimi"), "Ryo Nishikimi");
    }

    #[test]
    fn ids_from_proceedings_links_else_slugs() {
        let id = |u: &str| paper_id("ismir", Some(2023), Some(u), "T");
        assert_eq!(
            id("https://archives.ismir.net/ismir2023/paper/000029.pdf"),
            "ismir2023-029"
        );
        assert_eq!(
            id("https://zenodo.org/record/10265213/files/000001.pdf"),
            "ismir2023-001"
        );
        assert_eq!(
            id("https://zenodo.org/record/1492333/files/72_Paper.pdf"),
            "ismir2023-072"
        );
        assert_eq!(
            paper_id(
                "ismir",
                Some(2017),
                Some("https://zenodo.org/record/1417427/files/OramasNBS17.pdf"),
                "Multi-Label Music Genre Classification from Audio, Text and Images"
            ),
            "ismir2017-multi-label-music-genre-classification-from"
        );
        assert!(is_numbered("ismir2023-029"));
        assert!(!is_numbered("ismir2017-multi-label"));
    }

    #[test]
    fn merge_by_doi_then_title_prefers_numbered_ids_and_fills_gaps() {
        let mut papers = vec![paper(
            "ismir2017-multi-label",
            "Multi-Label X.",
            Some("10.5281/zenodo.1"),
        )];
        let mut other = paper(
            "ismir2017-126",
            "Multi-label x",
            Some("https://doi.org/10.5281/ZENODO.1"),
        );
        other.pdf_url = Some("https://archives.ismir.net/ismir2017/paper/000126.pdf".into());
        let by_title = paper("ismir2017-127", "Another Paper", None);
        let mut again = paper(
            "ismir2017-another-paper",
            "ANOTHER paper!",
            Some("10.5281/zenodo.2"),
        );
        again.authors = vec!["A B".into()];
        merge_into(&mut papers, vec![other, by_title]);
        merge_into(&mut papers, vec![again]);
        assert_eq!(papers.len(), 2);
        assert_eq!(papers[0].id, "ismir2017-126");
        assert_eq!(
            papers[0].doi.as_deref(),
            Some("10.5281/zenodo.1"),
            "kept, not overwritten"
        );
        assert!(papers[0].pdf_url.is_some());
        assert_eq!(papers[1].id, "ismir2017-127");
        assert_eq!(papers[1].doi.as_deref(), Some("10.5281/zenodo.2"));
        assert_eq!(papers[1].authors, vec!["A B".to_string()]);
    }
}
