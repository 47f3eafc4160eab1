//! Paper ids, DOI and title normalisation, and the one way papers are matched and merged:
//! sources' lists in the crawl, crawled papers into stored records, and imported records all
//! go through [`merge_with`] ([`PaperIndex`] to match, [`fill`] to merge), each adding its own
//! policy on top.

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

/// Whose ids a merge is dealing with. Decides whether equal ids mean one paper and whether an
/// id may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ids {
    /// Ids just made from listings: two different papers may share a title slug (see
    /// `unique_ids` in the crawl), so an id proves nothing; a proceedings-numbered id replaces
    /// a slug because it is the stabler of the two.
    Fresh,
    /// Ids of stored records: annotation files and other stages refer to them, so an equal id
    /// is the same paper and an id never changes.
    Stored,
}

/// The key titles are matched by: [`normalise_title`] without its spaces, because sources
/// split words differently — a hyphenated line break kept in one list ("Sta-bility", seen in
/// a Green MIR sheet) or a name written apart ("Music Net" / "MusicNet").
pub fn title_key(s: &str) -> String {
    normalise_title(s).replace(' ', "")
}

/// Can two papers with these years be one? Years that are both known must be equal; a list
/// that gives no year (a folder, a listing without years) does not rule a paper out.
pub fn years_agree(a: Option<i32>, b: Option<i32>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// Finds the paper a new one is the same as: by id (stored ids only), else DOI, else title
/// key with agreeing years. Where several papers hold a key, the first one indexed wins, as
/// a scan of the list in order would choose.
#[derive(Debug, Clone)]
pub struct PaperIndex {
    ids: Ids,
    by_id: HashMap<String, usize>,
    by_doi: HashMap<String, usize>,
    by_title: HashMap<String, Vec<(Option<i32>, usize)>>,
}

impl PaperIndex {
    pub fn new<'a>(ids: Ids, papers: impl IntoIterator<Item = &'a Paper>) -> Self {
        let mut index = PaperIndex {
            ids,
            by_id: HashMap::new(),
            by_doi: HashMap::new(),
            by_title: HashMap::new(),
        };
        for (i, p) in papers.into_iter().enumerate() {
            index.insert(p, i);
        }
        index
    }

    /// Indexes `p` as the paper at `at`; call again after a merge filled its fields.
    pub fn insert(&mut self, p: &Paper, at: usize) {
        if self.ids == Ids::Stored {
            self.by_id.entry(p.id.clone()).or_insert(at);
        }
        if let Some(d) = p.doi.as_deref().and_then(normalise_doi) {
            self.by_doi.entry(d).or_insert(at);
        }
        let key = title_key(&p.title);
        if !key.is_empty() {
            let held = self.by_title.entry(key).or_default();
            if !held.contains(&(p.year, at)) {
                held.push((p.year, at));
            }
        }
    }

    /// Where `p` is already: id, DOI, then title. Within a title an equal year is preferred
    /// to an unknown one.
    pub fn find(&self, p: &Paper) -> Option<usize> {
        let by_id = || match self.ids {
            Ids::Stored => self.by_id.get(&p.id).copied(),
            Ids::Fresh => None,
        };
        let by_doi = || {
            let d = normalise_doi(p.doi.as_deref()?)?;
            self.by_doi.get(&d).copied()
        };
        let by_title = || {
            let held = self.by_title.get(&title_key(&p.title))?;
            held.iter()
                .find(|(y, _)| *y == p.year)
                .or_else(|| held.iter().find(|(y, _)| years_agree(*y, p.year)))
                .map(|&(_, at)| at)
        };
        by_id().or_else(by_doi).or_else(by_title)
    }
}

/// What became of one incoming item in [`merge_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merged {
    /// Merged into the item at this position.
    Into(usize),
    /// Added at this position.
    Added(usize),
}

impl Merged {
    pub fn position(self) -> usize {
        match self {
            Merged::Into(i) | Merged::Added(i) => i,
        }
    }
}

/// The one merge loop: each incoming item found in `items` (by [`PaperIndex`]) is handed to
/// `merge` with the item it matches, else appended; what was appended can be matched by later
/// items. `paper` reads an item's paper. Returns where each incoming item went, in order.
pub fn merge_with<T>(
    items: &mut Vec<T>,
    incoming: Vec<T>,
    ids: Ids,
    paper: impl Fn(&T) -> &Paper,
    mut merge: impl FnMut(&mut T, T),
) -> Vec<Merged> {
    let mut index = PaperIndex::new(ids, items.iter().map(&paper));
    let mut out = Vec::with_capacity(incoming.len());
    for new in incoming {
        match index.find(paper(&new)) {
            Some(i) => {
                merge(&mut items[i], new);
                index.insert(paper(&items[i]), i);
                out.push(Merged::Into(i));
            }
            None => {
                index.insert(paper(&new), items.len());
                out.push(Merged::Added(items.len()));
                items.push(new);
            }
        }
    }
    out
}

/// Merges paper lists from several sources (ids [`Ids::Fresh`]): the same DOI, or the same
/// title with agreeing years, is one paper, which gets what it lacks by [`fill`].
pub fn merge_into(papers: &mut Vec<Paper>, incoming: Vec<Paper>) {
    merge_with(
        papers,
        incoming,
        Ids::Fresh,
        |p| p,
        |into, from| fill(into, from, Ids::Fresh),
    );
}

/// Fills what `into` lacks from `from`; nothing `into` holds is overwritten. Under
/// [`Ids::Fresh`] a numbered id replaces a slug id; under [`Ids::Stored`] the id is kept.
pub fn fill(into: &mut Paper, from: Paper, ids: Ids) {
    if ids == Ids::Fresh && !is_numbered(&into.id) && is_numbered(&from.id) {
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
            venue: Some("ismir".into()),
            doi: doi.map(String::from),
            ..Paper::bare(id, Some(2017), title)
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

    fn full(id: &str, title: &str, doi: &str) -> Paper {
        Paper {
            id: id.into(),
            venue: Some("ismir".into()),
            year: Some(2017),
            title: title.into(),
            authors: vec!["A B".into()],
            doi: Some(doi.into()),
            pdf_url: Some(format!("https://x.org/{id}.pdf")),
            sha256: Some("ab".into()),
        }
    }

    #[test]
    fn an_index_looks_for_the_id_then_the_doi_then_the_title() {
        let papers = [
            paper("ismir2017-001", "First", Some("10.1/a")),
            paper("ismir2017-002", "Second", Some("10.1/b")),
            paper("ismir2017-003", "Third", None),
        ];
        let stored = PaperIndex::new(Ids::Stored, &papers);
        let fresh = PaperIndex::new(Ids::Fresh, &papers);
        let probe = |id: &str, doi: Option<&str>| paper(id, "THIRD.", doi);
        assert_eq!(
            stored.find(&probe("ismir2017-001", Some("10.1/b"))),
            Some(0)
        );
        assert_eq!(stored.find(&probe("other", Some("DOI:10.1/B"))), Some(1));
        assert_eq!(stored.find(&probe("other", Some("10.1/zzz"))), Some(2));
        // Fresh ids may be colliding slugs: an equal id alone is not the same paper.
        assert_eq!(fresh.find(&probe("ismir2017-001", None)), Some(2));
        assert_eq!(fresh.find(&paper("ismir2017-001", "Fourth", None)), None);
        assert_eq!(stored.find(&paper("x", "Fourth", None)), None);
    }

    #[test]
    fn titles_match_regardless_of_spacing_but_never_when_empty() {
        assert_eq!(
            title_key("Music Net: a Set"),
            title_key("MusicNet — A set.")
        );
        assert_eq!(title_key("Sta-bility"), title_key("stability"));
        let index = PaperIndex::new(Ids::Fresh, [&paper("a", "", None)]);
        assert_eq!(index.find(&paper("b", "  ", None)), None);
        assert_eq!(index.find(&paper("c", "?!", None)), None);
    }

    #[test]
    fn known_years_must_agree_and_an_unknown_year_matches_any() {
        assert!(years_agree(Some(2019), Some(2019)));
        assert!(!years_agree(Some(2019), Some(2020)));
        assert!(years_agree(None, Some(2020)));
        assert!(years_agree(Some(2020), None));
        assert!(years_agree(None, None));
        let in_year = |year: Option<i32>| Paper {
            year,
            ..paper("x", "Same Title", None)
        };
        let index = PaperIndex::new(Ids::Fresh, [&in_year(None), &in_year(Some(2019))]);
        // An equal year beats an unknown one indexed earlier.
        assert_eq!(index.find(&in_year(Some(2019))), Some(1));
        assert_eq!(index.find(&in_year(Some(2020))), Some(0));
        assert_eq!(index.find(&in_year(None)), Some(0));
        let index = PaperIndex::new(Ids::Fresh, [&in_year(Some(2019))]);
        assert_eq!(index.find(&in_year(Some(2020))), None);
    }

    #[test]
    fn fill_prefers_numbered_ids_only_when_ids_are_fresh() {
        let mut slug = paper("ismir2017-multi-label", "T", None);
        fill(&mut slug, paper("ismir2017-126", "T", None), Ids::Fresh);
        assert_eq!(slug.id, "ismir2017-126");
        let mut numbered = paper("ismir2017-126", "T", None);
        fill(
            &mut numbered,
            paper("ismir2017-multi-label", "T", None),
            Ids::Fresh,
        );
        assert_eq!(numbered.id, "ismir2017-126");
        let mut stored = paper("ismir2017-multi-label", "T", None);
        fill(&mut stored, paper("ismir2017-126", "T", None), Ids::Stored);
        assert_eq!(stored.id, "ismir2017-multi-label");
    }

    #[test]
    fn fill_takes_only_what_is_missing() {
        let known = full("ismir2017-001", "Known", "10.1/known");
        for ids in [Ids::Fresh, Ids::Stored] {
            let mut into = known.clone();
            let mut other = full("ismir2017-002", "Other", "10.1/other");
            other.venue = Some("nime".into());
            other.year = Some(2018);
            other.authors = vec!["C D".into()];
            other.sha256 = Some("cd".into());
            fill(&mut into, other, ids);
            assert_eq!(into, known, "{ids:?}");
        }
        let mut blank = Paper::bare("ismir2017-001", None, " ");
        fill(&mut blank, known.clone(), Ids::Stored);
        assert_eq!(blank, known);
    }

    #[test]
    fn merged_and_added_items_are_found_by_later_ones() {
        let mut papers = vec![paper("ismir2017-001", "First", None)];
        let incoming = vec![
            paper("ismir2017-new", "New", None),
            paper("ismir2017-first", "first", Some("10.1/a")),
            // Found by the DOI the first paper gained a moment ago.
            paper("ismir2017-x", "Retitled", Some("10.1/A")),
            paper("ismir2017-002", "NEW", None),
        ];
        let went = merge_with(
            &mut papers,
            incoming,
            Ids::Fresh,
            |p| p,
            |a, b| fill(a, b, Ids::Fresh),
        );
        assert_eq!(
            went,
            [
                Merged::Added(1),
                Merged::Into(0),
                Merged::Into(0),
                Merged::Into(1)
            ]
        );
        assert_eq!(papers[0].doi.as_deref(), Some("10.1/a"));
        assert_eq!(papers[1].id, "ismir2017-002");
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
