//! `Gazetteer`: the curated tables of institutions, places and email domains
//! (`institutions.csv`, `places.csv`, `email_domains.csv`) indexed by phrase key, acronym,
//! abbreviation and domain. Locating an affiliation with them is the geo module's business.

pub mod rows;

use std::collections::HashMap;

use super::csv_rows::parse_rows;
use super::names::{acronym_letters, phrase_key};
use super::Countries;
use crate::error::{Error, Result};
use rows::{DomainRule, Institution, Place, PlaceKind};

/// What a phrase key can stand for.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// A country name or alias from `countries.csv`.
    Country(String),
    /// A row of `places.csv`.
    Place(usize),
    /// A row of `institutions.csv`, by name or alias.
    Institution(usize),
    /// A row of `institutions.csv` by acronym; `letters` is the acronym's letters as written,
    /// compared case-sensitively with the text.
    Acronym { inst: usize, letters: String },
}

/// Countries, places, institutions and domains, loaded and checked once.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    pub institutions: Vec<Institution>,
    pub places: Vec<Place>,
    pub domain_rules: Vec<DomainRule>,
    phrases: HashMap<String, Vec<Entry>>,
    max_words: usize,
    abbrevs: HashMap<String, Vec<usize>>,
    inst_domains: HashMap<String, usize>,
    rules: HashMap<String, usize>,
}

pub const INSTITUTIONS_FILE: &str = "institutions.csv";
pub const PLACES_FILE: &str = "places.csv";
pub const DOMAINS_FILE: &str = "email_domains.csv";

impl Gazetteer {
    /// Parses the three tables and indexes them together with the country names. Unknown
    /// country codes, rows without a source and names given to two institutions are errors
    /// naming the file and line.
    pub fn parse(
        institutions_csv: &str,
        places_csv: &str,
        domains_csv: &str,
        countries: &Countries,
    ) -> Result<Self> {
        let institutions: Vec<Institution> = parse_rows(INSTITUTIONS_FILE, institutions_csv)?;
        let places: Vec<Place> = parse_rows(PLACES_FILE, places_csv)?;
        let domain_rules: Vec<DomainRule> = parse_rows(DOMAINS_FILE, domains_csv)?;
        let known = |c: &str| countries.by_code(c).is_some() && c.len() == 2;
        let line_err = |file: &str, i: usize, msg: String| Error::Parse {
            file: file.to_string(),
            line: i + 2,
            message: msg,
        };

        let mut g = Gazetteer::default();
        for c in countries.all() {
            for n in std::iter::once(&c.name).chain(c.aliases.iter()) {
                g.add_phrase(&phrase_key(n), Entry::Country(c.iso2.clone()));
            }
        }
        for (i, r) in institutions.iter().enumerate() {
            if r.source.trim().is_empty() {
                return Err(line_err(
                    INSTITUTIONS_FILE,
                    i,
                    format!("{:?} has no source", r.name),
                ));
            }
            let codes = r.countries();
            if codes.is_empty() || !codes.iter().all(|c| known(c)) {
                return Err(line_err(
                    INSTITUTIONS_FILE,
                    i,
                    format!("{:?}: iso2 or candidates must be known ISO codes", r.name),
                ));
            }
            if r.is_multinational() && codes.len() < 2 {
                return Err(line_err(
                    INSTITUTIONS_FILE,
                    i,
                    format!(
                        "{:?}: a multinational needs at least two candidates",
                        r.name
                    ),
                ));
            }
            for n in std::iter::once(&r.name).chain(r.aliases.iter()) {
                let key = phrase_key(n);
                if key.is_empty() {
                    continue;
                }
                let clash = g.phrases.get(&key).and_then(|es| {
                    es.iter().find_map(|e| match e {
                        Entry::Institution(j) if *j != i => Some(*j),
                        _ => None,
                    })
                });
                if let Some(j) = clash {
                    return Err(line_err(
                        INSTITUTIONS_FILE,
                        i,
                        format!("name {n:?} also belongs to {:?}", institutions[j].name),
                    ));
                }
                g.add_phrase(&key, Entry::Institution(i));
            }
            for a in &r.acronyms {
                g.add_phrase(
                    &phrase_key(a),
                    Entry::Acronym {
                        inst: i,
                        letters: acronym_letters(a),
                    },
                );
            }
            for d in &r.domains {
                let d = d.trim().trim_start_matches('.').to_lowercase();
                if let Some(j) = g.inst_domains.insert(d.clone(), i) {
                    if j != i {
                        return Err(line_err(
                            INSTITUTIONS_FILE,
                            i,
                            format!("domain {d:?} also belongs to {:?}", institutions[j].name),
                        ));
                    }
                }
            }
        }
        for (i, p) in places.iter().enumerate() {
            if p.source.trim().is_empty() {
                return Err(line_err(
                    PLACES_FILE,
                    i,
                    format!("{:?} has no source", p.name),
                ));
            }
            // Only a region may name no country ("Latin America"); a region may have one
            // ("Silicon Valley", "Alsace").
            let region = p.kind == PlaceKind::Region;
            if (p.iso2.is_empty() && !region) || (!p.iso2.is_empty() && !known(&p.iso2)) {
                return Err(line_err(
                    PLACES_FILE,
                    i,
                    format!(
                        "{:?}: iso2 {:?} must be a known code (empty only for regions)",
                        p.name, p.iso2
                    ),
                ));
            }
            for n in std::iter::once(&p.name).chain(p.aliases.iter()) {
                g.add_phrase(&phrase_key(n), Entry::Place(i));
            }
            if !p.abbrev.is_empty() {
                g.abbrevs.entry(p.abbrev.clone()).or_default().push(i);
            }
        }
        for (i, r) in domain_rules.iter().enumerate() {
            if !r.iso2.is_empty() && !known(&r.iso2) {
                return Err(line_err(
                    DOMAINS_FILE,
                    i,
                    format!("unknown iso2 {:?}", r.iso2),
                ));
            }
            if !r.suffix.starts_with('.') || r.source.trim().is_empty() {
                return Err(line_err(
                    DOMAINS_FILE,
                    i,
                    format!("{:?}: a suffix starts with '.' and has a source", r.suffix),
                ));
            }
            if g.rules.insert(r.suffix.to_lowercase(), i).is_some() {
                return Err(line_err(DOMAINS_FILE, i, format!("{:?} twice", r.suffix)));
            }
        }
        g.institutions = institutions;
        g.places = places;
        g.domain_rules = domain_rules;
        Ok(g)
    }

    fn add_phrase(&mut self, key: &str, entry: Entry) {
        if key.is_empty() {
            return;
        }
        self.max_words = self.max_words.max(key.split(' ').count());
        let v = self.phrases.entry(key.to_string()).or_default();
        if !v.contains(&entry) {
            v.push(entry);
        }
    }

    /// What a phrase key stands for (empty when nothing).
    pub fn phrase(&self, key: &str) -> &[Entry] {
        self.phrases.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The longest phrase, in words.
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// Places with this postal abbreviation ("MA", "QC", "NSW").
    pub fn abbrev(&self, code: &str) -> &[usize] {
        self.abbrevs.get(code).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The institution owning `domain` or a parent of it (`mtg.upf.edu` → UPF).
    pub fn institution_for_domain(&self, domain: &str) -> Option<(String, usize)> {
        let d = domain.to_lowercase();
        let mut rest = d.as_str();
        loop {
            if let Some(&i) = self.inst_domains.get(rest) {
                return Some((rest.to_string(), i));
            }
            match rest.find('.') {
                Some(p) => rest = &rest[p + 1..],
                None => return None,
            }
        }
    }

    /// The longest suffix rule matching `domain` (`x.ac.uk` → `.uk`).
    pub fn rule_for_domain(&self, domain: &str) -> Option<&DomainRule> {
        let d = format!(".{}", domain.to_lowercase());
        let mut idx = 0;
        while let Some(p) = d[idx..].find('.') {
            if let Some(&i) = self.rules.get(&d[idx + p..]) {
                return Some(&self.domain_rules[i]);
            }
            idx += p + 1;
        }
        None
    }

    /// Sizes for `reference check`: institutions, places by kind, domain rules.
    pub fn sizes(&self) -> GazetteerSizes {
        let count = |k: PlaceKind| self.places.iter().filter(|p| p.kind == k).count();
        GazetteerSizes {
            institutions: self.institutions.len(),
            multinationals: self
                .institutions
                .iter()
                .filter(|i| i.is_multinational())
                .count(),
            cities: count(PlaceKind::City),
            subdivisions: count(PlaceKind::State),
            regions: count(PlaceKind::Region),
            demonyms: count(PlaceKind::Demonym),
            domain_rules: self.domain_rules.len(),
            institution_domains: self.inst_domains.len(),
        }
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct GazetteerSizes {
    pub institutions: usize,
    pub multinationals: usize,
    pub cities: usize,
    pub subdivisions: usize,
    pub regions: usize,
    pub demonyms: usize,
    pub domain_rules: usize,
    pub institution_domains: usize,
}

#[cfg(test)]
mod tests {
    use crate::reference::names::fold;
    use crate::reference::Reference;

    fn sort_key(s: &str) -> String {
        let f = fold(s).replace(['\'', '’'], "");
        f.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn tables_parse_are_sorted_and_sourced() {
        let r = Reference::embedded().expect("reference data");
        let g = &r.gazetteer;
        let s = g.sizes();
        assert!(s.institutions > 1000, "{s:?}");
        assert!(s.cities > 2000 && s.subdivisions > 300, "{s:?}");
        let names: Vec<String> = g.institutions.iter().map(|i| sort_key(&i.name)).collect();
        let bad = names.windows(2).find(|w| w[0] > w[1]);
        assert!(
            bad.is_none(),
            "institutions.csv not sorted by name: {bad:?}"
        );
        let places: Vec<(String, &str)> = g
            .places
            .iter()
            .map(|p| (sort_key(&p.name), p.iso2.as_str()))
            .collect();
        let bad = places.windows(2).find(|w| w[0] > w[1]);
        assert!(bad.is_none(), "places.csv not sorted: {bad:?}");
        let rules: Vec<&str> = g.domain_rules.iter().map(|d| d.suffix.as_str()).collect();
        assert!(
            rules.windows(2).all(|w| w[0] < w[1]),
            "email_domains.csv sorted"
        );
        assert!(g.institutions.iter().all(|i| !i.source.trim().is_empty()));
        assert!(g.places.iter().all(|p| !p.source.trim().is_empty()));
    }

    #[test]
    fn a_name_given_to_two_institutions_is_refused_with_its_line() {
        let r = Reference::embedded().expect("reference data");
        let inst = "name,aliases,acronyms,domains,iso2,candidates,city,kind,source\n\
                    A Univ,Same Name,,,FR,,Paris,university,x\n\
                    B Univ,Same Name,,,DE,,Berlin,university,x\n";
        let err = super::Gazetteer::parse(inst, "", "", &r.countries)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("institutions.csv, line 3:"), "{err}");
        let inst = "name,aliases,acronyms,domains,iso2,candidates,city,kind,source\n\
                    A Univ,,,,XX,,Paris,university,x\n";
        assert!(super::Gazetteer::parse(inst, "", "", &r.countries).is_err());
    }
}
