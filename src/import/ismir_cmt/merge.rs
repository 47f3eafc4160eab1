//! Merging imported records into a survey: the crawl's matching and filling
//! ([`crate::crawl::merge`]) with the CMT policy for affiliations and countries on top; never
//! dropping what is there, never replacing what a person set.

use super::*;
use crate::crawl::merge::{fill, merge_with, Ids, Merged, PaperIndex};

/// How a merge went.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MergeStats {
    pub added: usize,
    pub updated: usize,
    /// Papers whose existing countries were kept (they came from another source or a person).
    pub countries_kept: usize,
    /// Affiliations kept because a person set them.
    pub annotated_kept: usize,
}

/// The imported records that match a record of `existing` (for `--update-only`).
pub fn only_matching(existing: &[PaperRecord], imported: Vec<PaperRecord>) -> Vec<PaperRecord> {
    let index = PaperIndex::new(Ids::Stored, existing.iter().map(|r| &r.paper));
    imported
        .into_iter()
        .filter(|r| index.find(&r.paper).is_some())
        .collect()
}

const CMT_RULE: &str = "countries of the authors' affiliations";

/// Merges imported records into `existing`: a paper (same id, else DOI, else title with
/// agreeing years) gets the new affiliations and, unless its countries came from elsewhere,
/// the new countries; of the rest it only gains what it lacks, and keeps its id. Papers not
/// there yet are added. Nothing is ever dropped.
pub fn merge(
    existing: Vec<PaperRecord>,
    imported: Vec<PaperRecord>,
) -> (Vec<PaperRecord>, MergeStats) {
    let mut out = existing;
    let mut stats = MergeStats::default();
    let merged = merge_with(
        &mut out,
        imported,
        Ids::Stored,
        |r| &r.paper,
        |old, new| {
            merge_affiliations_and_countries(old, &new, &mut stats);
            for n in &new.notes {
                if !old.notes.contains(n) {
                    old.notes.push(n.clone());
                }
            }
            fill(&mut old.paper, new.paper, Ids::Stored);
        },
    );
    for m in merged {
        match m {
            Merged::Into(_) => stats.updated += 1,
            Merged::Added(_) => stats.added += 1,
        }
    }
    (out, stats)
}

/// The CMT policy for a paper already there: its affiliations replace extracted ones unless a
/// person corrected them, and its countries replace only countries an earlier CMT import set.
fn merge_affiliations_and_countries(
    old: &mut PaperRecord,
    new: &PaperRecord,
    stats: &mut MergeStats,
) {
    // A person's correction outranks an import.
    let annotated: Vec<Field<Affiliation>> = old
        .affiliations
        .iter()
        .filter(|f| matches!(f.origin, Origin::Annotated { .. }))
        .cloned()
        .collect();
    stats.annotated_kept += annotated.len();
    let extracted = old
        .affiliations
        .iter()
        .filter(|f| matches!(f.origin, Origin::Extracted { .. }))
        .count();
    if extracted > 0 && annotated.is_empty() {
        // The conference system's list is what authors entered; it replaces what was read
        // from the PDF, and the record says so.
        let n = format!(
            "{extracted} affiliations extracted from the paper were replaced by the CMT export's"
        );
        if !old.notes.contains(&n) {
            old.notes.push(n);
        }
    }
    old.affiliations = if annotated.is_empty() {
        new.affiliations.clone()
    } else {
        annotated
    };
    let ours = |f: &Field<crate::model::CountryRef>| matches!(&f.origin, Origin::Imputed { rule } if rule.starts_with(CMT_RULE));
    if old.countries.is_empty() || old.countries.iter().all(ours) {
        old.countries = new.countries.clone();
    } else if old.countries != new.countries {
        stats.countries_kept += 1;
        let codes: Vec<String> = new
            .countries
            .iter()
            .filter_map(|c| c.value.iso2.clone())
            .collect();
        let n = format!(
            "CMT affiliations give countries {}; the existing countries (from {}) were kept",
            codes.join(", "),
            old.countries
                .first()
                .map(|c| c.origin.kind())
                .unwrap_or("?")
        );
        if !old.notes.contains(&n) {
            old.notes.push(n);
        }
    }
}
