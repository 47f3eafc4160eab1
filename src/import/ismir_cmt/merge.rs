//! Merging imported records into a survey: same id, else same title and year; never
//! dropping what is there, never replacing what a person set.

use super::*;

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

/// Where `new` would merge into `existing`: same id, else same title (and year).
fn find_match(existing: &[PaperRecord], new: &PaperRecord) -> Option<usize> {
    existing
        .iter()
        .position(|r| r.paper.id == new.paper.id)
        .or_else(|| {
            let key = title_key(&new.paper.title);
            existing.iter().position(|r| {
                title_key(&r.paper.title) == key
                    && (r.paper.year.is_none() || r.paper.year == new.paper.year)
            })
        })
}

/// Whether `new` matches a record of `existing` (for `--update-only`).
pub fn matches_any(existing: &[PaperRecord], new: &PaperRecord) -> bool {
    find_match(existing, new).is_some()
}

const CMT_RULE: &str = "countries of the authors' affiliations";

/// Merges imported records into `existing`: a paper (same id, else same title) gets the new
/// affiliations and, unless its countries came from elsewhere, the new countries; everything
/// else it holds is kept. Papers not there yet are added. Nothing is ever dropped.
pub fn merge(
    existing: Vec<PaperRecord>,
    imported: Vec<PaperRecord>,
) -> (Vec<PaperRecord>, MergeStats) {
    let mut out = existing;
    let mut stats = MergeStats::default();
    for new in imported {
        let Some(pos) = find_match(&out, &new) else {
            stats.added += 1;
            out.push(new);
            continue;
        };
        stats.updated += 1;
        let old = &mut out[pos];
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
        if old.paper.authors.is_empty() {
            old.paper.authors = new.paper.authors.clone();
        }
        for field in [
            (&mut old.paper.doi, &new.paper.doi),
            (&mut old.paper.pdf_url, &new.paper.pdf_url),
        ] {
            if field.0.is_none() {
                field.0.clone_from(field.1);
            }
        }
        if old.paper.year.is_none() {
            old.paper.year = new.paper.year;
        }
        for n in &new.notes {
            if !old.notes.contains(n) {
                old.notes.push(n.clone());
            }
        }
    }
    (out, stats)
}
