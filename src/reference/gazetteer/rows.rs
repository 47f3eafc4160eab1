//! The gazetteer's three curated tables as typed rows: institutions, places, email domains.

use serde::Deserialize;

use crate::reference::csv_rows::split_list;

/// An institution, lab or company (`institutions.csv`). A single-country institution has
/// `iso2`; a multinational one has no `iso2` and the `candidates` where it does research.
#[derive(Debug, Clone, Deserialize)]
pub struct Institution {
    pub name: String,
    #[serde(deserialize_with = "de_list")]
    pub aliases: Vec<String>,
    /// Written as the institution writes them; matched case-sensitively ("UvA" ≠ "UVA").
    #[serde(deserialize_with = "de_list")]
    pub acronyms: Vec<String>,
    /// Email/web domains (`upf.edu`); subdomains match too (`mtg.upf.edu`).
    #[serde(deserialize_with = "de_list")]
    pub domains: Vec<String>,
    pub iso2: String,
    #[serde(deserialize_with = "de_list")]
    pub candidates: Vec<String>,
    pub city: String,
    pub kind: String,
    pub source: String,
}

impl Institution {
    pub fn is_multinational(&self) -> bool {
        self.iso2.is_empty()
    }

    /// The countries this row can stand for: its own, or its candidates.
    pub fn countries(&self) -> Vec<String> {
        if self.iso2.is_empty() {
            self.candidates.clone()
        } else {
            vec![self.iso2.clone()]
        }
    }
}

/// A city, first-level subdivision, region or demonym (`places.csv`).
#[derive(Debug, Clone, Deserialize)]
pub struct Place {
    pub name: String,
    #[serde(deserialize_with = "de_list")]
    pub aliases: Vec<String>,
    /// Postal abbreviation of a US state, Canadian province or Australian state ("MA", "QC").
    pub abbrev: String,
    /// Empty for world regions ("Latin America"): they name no country.
    pub iso2: String,
    pub kind: PlaceKind,
    pub population: Option<u64>,
    /// A population-equivalent prominence in this field for university towns that share a
    /// name with another place (Durham GB is small but as likely as Durham NC).
    pub floor: Option<u64>,
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    City,
    State,
    Region,
    Demonym,
}

/// Weight of a subdivision when it shares a name with a city ("Victoria" the Australian state
/// vs Victoria, BC): a state is as prominent as a city of five million.
pub const STATE_WEIGHT: u64 = 5_000_000;

impl Place {
    /// Prominence used to rank homonyms: population or floor for cities, a constant for
    /// subdivisions.
    pub fn weight(&self) -> u64 {
        match self.kind {
            PlaceKind::State => STATE_WEIGHT,
            _ => self
                .population
                .unwrap_or(0)
                .max(self.floor.unwrap_or(0))
                .max(1),
        }
    }
}

/// A domain suffix rule (`email_domains.csv`): `.ac.uk` → GB, `.edu` → US, `.ai` → none.
#[derive(Debug, Clone, Deserialize)]
pub struct DomainRule {
    pub suffix: String,
    /// Empty when the suffix says nothing about a country (generic use of `.ai`, `.io`).
    pub iso2: String,
    pub note: String,
    pub source: String,
}

fn de_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let s = String::deserialize(d)?;
    Ok(split_list(&s))
}
