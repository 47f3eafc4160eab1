//! Applying corrections over extracted or imported records, on every run. Corrections are
//! never lost: one whose target changed or vanished is reported, not dropped.

use serde::Serialize;

use super::field_path::{accept_value, apply_value, current_value, reject_value, FieldPath};
use super::file::{Action, AnnotationFile};
use crate::model::{Origin, PaperRecord};
use crate::reference::Reference;

/// A correction that did not apply cleanly.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverlayIssue {
    pub paper: String,
    pub field: String,
    pub by: String,
    pub at: String,
    /// `stale` (applied, but the value it replaced has changed since), `vanished` (the paper
    /// or run is gone; kept in the file, not applied), `invalid` (value no longer parses).
    pub kind: String,
    pub detail: String,
}

/// Applies every file's corrections (in time order) to the matching records.
pub fn apply_annotations(
    records: &mut [PaperRecord],
    files: &[AnnotationFile],
    reference: &Reference,
) -> Vec<OverlayIssue> {
    let mut issues = Vec::new();
    for f in files {
        let Some(rec) = records.iter_mut().find(|r| r.paper.id == f.paper) else {
            for c in &f.corrections {
                issues.push(OverlayIssue {
                    paper: f.paper.clone(),
                    field: c.field.clone(),
                    by: c.by.clone(),
                    at: c.at.clone(),
                    kind: "vanished".into(),
                    detail: "the paper is no longer in the survey".into(),
                });
            }
            continue;
        };
        let mut order: Vec<usize> = (0..f.corrections.len()).collect();
        order.sort_by(|a, b| {
            f.corrections[*a]
                .at
                .cmp(&f.corrections[*b].at)
                .then(a.cmp(b))
        });
        for i in order {
            let c = &f.corrections[i];
            let issue = |kind: &str, detail: String| OverlayIssue {
                paper: f.paper.clone(),
                field: c.field.clone(),
                by: c.by.clone(),
                at: c.at.clone(),
                kind: kind.into(),
                detail,
            };
            let Ok(path) = c.field.parse::<FieldPath>() else {
                issues.push(issue("invalid", format!("unknown field {:?}", c.field)));
                continue;
            };
            let origin = Origin::Annotated {
                by: c.by.clone(),
                at: c.at.clone(),
                reason: c.reason.clone(),
            };
            let now = current_value(rec, &path);
            let target_missing = match &path {
                FieldPath::Run(i) => *i >= rec.runs.len(),
                FieldPath::RunField(i, _) => {
                    *i > rec.runs.len() || (*i == rec.runs.len() && c.action != Action::Set)
                }
                _ => false,
            };
            if target_missing {
                issues.push(issue(
                    "vanished",
                    format!(
                        "{path} no longer exists (the paper has {} runs)",
                        rec.runs.len()
                    ),
                ));
                continue;
            }
            if c.action != Action::Note && now.clone().unwrap_or_default() != c.replaces {
                // Re-extraction changed what the annotator saw. The person's word still wins,
                // but say so.
                let already = c.action == Action::Set && now.as_deref() == c.value.as_deref();
                if !already {
                    issues.push(issue(
                        "stale",
                        format!(
                            "made over {:?}, the record now says {:?}",
                            c.replaces,
                            now.unwrap_or_default()
                        ),
                    ));
                }
            }
            let result = match c.action {
                Action::Set => apply_value(
                    rec,
                    &path,
                    c.value.as_deref().unwrap_or_default(),
                    origin,
                    reference,
                ),
                Action::Accept => accept_value(rec, &path, origin),
                Action::Reject => reject_value(rec, &path),
                Action::Note => {
                    rec.notes
                        .push(format!("{} ({}, {}): {}", c.field, c.by, c.at, c.reason));
                    Ok(())
                }
            };
            if let Err(e) = result {
                issues.push(issue("invalid", e));
            }
        }
    }
    issues
}
