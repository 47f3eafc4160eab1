//! `Paper` (bibliographic identity) and `PaperRecord` (everything a survey knows about it).

use serde::{Deserialize, Serialize};

use super::{Field, Run};

/// Bibliographic identity of a paper. `id` is stable: venue + year + proceedings number,
/// e.g. `ismir2023-029`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paper {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pdf_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

/// How completely a paper discloses its training compute (the Green MIR categories).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisclosureLevel {
    Full,
    Partial,
    None,
}

impl DisclosureLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            DisclosureLevel::Full => "full",
            DisclosureLevel::Partial => "partial",
            DisclosureLevel::None => "none",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Disclosure {
    pub level: DisclosureLevel,
    /// A qualifier the source attached, e.g. "inference" for "Partial (inference)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
}

/// A country as a source wrote it, with the ISO 3166-1 alpha-2 code when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryRef {
    /// The text as written ("USA", "South Korea").
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iso2: Option<String>,
}

impl CountryRef {
    /// A country known by its ISO code: `text` is its name, as a source would write it.
    pub fn from_code(iso2: &str, countries: &crate::reference::Countries) -> Self {
        CountryRef {
            text: countries
                .by_code(iso2)
                .map_or_else(|| iso2.to_string(), |c| c.name.clone()),
            iso2: Some(iso2.to_string()),
        }
    }
}

/// An author affiliation as printed, with its country when known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Affiliation {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// Everything a survey holds about one paper; one JSON line in `corpus/<survey>/papers.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaperRecord {
    pub paper: Paper,
    /// Does the paper state training hardware or training time for at least one run?
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported: Option<Field<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disclosure: Option<Field<Disclosure>>,
    #[serde(default)]
    pub runs: Vec<Run>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affiliations: Vec<Field<Affiliation>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<Field<CountryRef>>,
    /// An energy figure the paper or an earlier survey stated, kept to cross-check our estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_energy_kwh: Option<Field<f64>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

#[cfg(test)]
impl Paper {
    /// A paper known by id, year and title only, for tests to add what they are about.
    pub(crate) fn bare(id: &str, year: Option<i32>, title: &str) -> Self {
        Paper {
            id: id.into(),
            venue: None,
            year,
            title: title.into(),
            authors: Vec::new(),
            doi: None,
            pdf_url: None,
            sha256: None,
        }
    }
}

impl PaperRecord {
    pub fn new(paper: Paper) -> Self {
        PaperRecord {
            paper,
            reported: None,
            disclosure: None,
            runs: Vec::new(),
            affiliations: Vec::new(),
            countries: Vec::new(),
            stated_energy_kwh: None,
            notes: Vec::new(),
        }
    }

    /// Training runs only (runs whose purpose is not training are kept for the record but
    /// never estimated).
    pub fn training_runs(&self) -> impl Iterator<Item = &Run> {
        self.runs
            .iter()
            .filter(|r| r.purpose == super::Purpose::Training)
    }

    /// Disclosure level: the stored one, else derived from what the training runs state.
    pub fn disclosure_level(&self) -> DisclosureLevel {
        if let Some(d) = &self.disclosure {
            return d.value.level;
        }
        let runs: Vec<_> = self.training_runs().collect();
        if runs.is_empty() {
            return DisclosureLevel::None;
        }
        // Green MIR's "Full": the paper gives what an estimate needs for its training.
        if runs.iter().any(|r| r.is_complete()) {
            DisclosureLevel::Full
        } else {
            DisclosureLevel::Partial
        }
    }
}
