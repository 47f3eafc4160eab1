//! Paper-level countries from author affiliations (for importers and the text extractor).

use super::locate::{locate, Location};
use crate::model::{Affiliation, CountryRef, Field, Origin};
use crate::reference::Countries;
use crate::reference::Gazetteer;

/// The distinct countries of `affiliations`, in author order (the first author's first):
/// what `CountryPolicy::First` and `Equal` read. Affiliations without a country are skipped.
pub fn countries_of(affiliations: &[Affiliation]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in affiliations {
        if let Some(c) = &a.country {
            if !out.contains(c) {
                out.push(c.clone());
            }
        }
    }
    out
}

/// Paper-level country fields from affiliation fields: one per distinct country, in author
/// order, origin `imputed` naming the rule (so a table can say where a country came from).
pub fn country_fields(
    affiliations: &[Field<Affiliation>],
    countries: &Countries,
    reference_version: &str,
) -> Vec<Field<CountryRef>> {
    let plain: Vec<Affiliation> = affiliations.iter().map(|f| f.value.clone()).collect();
    countries_of(&plain)
        .into_iter()
        .map(|iso2| {
            let name = countries
                .by_code(&iso2)
                .map(|c| c.name.clone())
                .unwrap_or_else(|| iso2.clone());
            Field::new(
                CountryRef {
                    text: name,
                    iso2: Some(iso2),
                },
                Origin::Imputed {
                    rule: format!(
                        "countries of the authors' affiliations, in author order (greenmir locate, reference {reference_version})"
                    ),
                },
            )
        })
        .collect()
}

/// Locates one affiliation string and returns it as an `Affiliation` (country only when
/// `locate` answers) together with the full `Location` for provenance.
pub fn affiliation(g: &Gazetteer, text: &str) -> (Affiliation, Location) {
    let loc = locate(g, text);
    (
        Affiliation {
            text: text.trim().to_string(),
            country: loc.iso2.clone(),
        },
        loc,
    )
}

/// Writes the affiliations found in a paper's author block into its record, with the
/// countries they give in author order (each quoting its affiliation line, page 1).
pub fn apply_located(
    rec: &mut crate::model::PaperRecord,
    found: Vec<(Affiliation, Location)>,
    countries: &Countries,
) {
    let origin = |text: &str| Origin::Extracted {
        confidence: 0.9,
        evidence: vec![crate::model::Evidence {
            page: Some(1),
            text: text.to_string(),
            start: None,
            end: None,
        }],
    };
    let plain: Vec<Affiliation> = found.iter().map(|(a, _)| a.clone()).collect();
    rec.countries = countries_of(&plain)
        .into_iter()
        .map(|c| Field::new(CountryRef::from_code(&c, countries), origin("author block")))
        .collect();
    rec.affiliations = plain
        .into_iter()
        .map(|a| {
            let o = origin(&a.text);
            Field::new(a, o)
        })
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aff(c: Option<&str>) -> Affiliation {
        Affiliation {
            text: "x".into(),
            country: c.map(String::from),
        }
    }

    #[test]
    fn countries_keep_author_order_without_duplicates_or_unknowns() {
        let affs = [
            aff(Some("ES")),
            aff(None),
            aff(Some("JP")),
            aff(Some("ES")),
            aff(Some("GB")),
        ];
        assert_eq!(countries_of(&affs), ["ES", "JP", "GB"]);
        assert!(countries_of(&[aff(None)]).is_empty());
    }
}
