//! The review queue: papers ordered by need — disagreement between annotators first, then
//! papers nobody has reviewed, then the lowest extraction confidence.

use std::collections::BTreeMap;

use crate::annotate::{Action, AnnotationFile};
use crate::model::PaperRecord;

#[derive(Debug, Clone, PartialEq)]
pub struct QueueItem {
    pub id: String,
    pub title: String,
    pub disagreement: bool,
    pub reviewed: bool,
    /// Lowest run confidence (1.0 when nothing was extracted).
    pub confidence: f64,
    pub corrections: usize,
}

/// Two annotators whose latest word on the same field differs.
fn has_disagreement(f: &AnnotationFile) -> bool {
    let mut last: BTreeMap<(&str, &str), (&str, String)> = BTreeMap::new();
    for c in &f.corrections {
        let v = match c.action {
            Action::Set => c.value.clone().unwrap_or_default(),
            Action::Accept => c.replaces.clone(),
            Action::Reject => "<rejected>".into(),
            Action::Note => continue,
        };
        let key = (c.field.as_str(), c.by.as_str());
        if last.get(&key).is_none_or(|(at, _)| c.at.as_str() >= *at) {
            last.insert(key, (c.at.as_str(), v));
        }
    }
    let mut by_field: BTreeMap<&str, Vec<&String>> = BTreeMap::new();
    for ((field, _), (_, v)) in &last {
        by_field.entry(field).or_default().push(v);
    }
    by_field
        .values()
        .any(|vs| vs.windows(2).any(|w| w[0] != w[1]))
}

pub fn build_queue(records: &[PaperRecord], files: &[AnnotationFile]) -> Vec<QueueItem> {
    let mut items: Vec<QueueItem> = records
        .iter()
        .map(|r| {
            let f = files.iter().find(|f| f.paper == r.paper.id);
            QueueItem {
                id: r.paper.id.clone(),
                title: r.paper.title.clone(),
                disagreement: f.is_some_and(has_disagreement),
                reviewed: f.is_some_and(|f| !f.corrections.is_empty()),
                confidence: r
                    .runs
                    .iter()
                    .filter_map(|x| x.confidence)
                    .fold(1.0, f64::min),
                corrections: f.map(|f| f.corrections.len()).unwrap_or(0),
            }
        })
        .collect();
    items.sort_by(|a, b| {
        b.disagreement
            .cmp(&a.disagreement)
            .then(a.reviewed.cmp(&b.reviewed))
            .then(a.confidence.total_cmp(&b.confidence))
            .then(a.id.cmp(&b.id))
    });
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::Correction;
    use crate::model::{Paper, Run};

    fn rec(id: &str, conf: Option<f64>) -> PaperRecord {
        let mut r = PaperRecord::new(Paper {
            id: id.into(),
            venue: None,
            year: None,
            title: id.into(),
            authors: vec![],
            doi: None,
            pdf_url: None,
            sha256: None,
        });
        r.runs.push(Run {
            confidence: conf,
            ..Run::default()
        });
        r
    }

    fn set(by: &str, v: &str) -> Correction {
        Correction {
            field: "runs[0].count".into(),
            action: Action::Set,
            value: Some(v.into()),
            replaces: "1".into(),
            by: by.into(),
            at: "t".into(),
            reason: String::new(),
        }
    }

    #[test]
    fn disagreement_then_unreviewed_then_low_confidence() {
        let records = vec![
            rec("a", Some(0.9)),
            rec("b", Some(0.3)),
            rec("c", None),
            rec("d", None),
        ];
        let files = vec![
            AnnotationFile {
                paper: "c".into(),
                corrections: vec![set("x", "2")],
            },
            AnnotationFile {
                paper: "d".into(),
                corrections: vec![set("x", "2"), set("y", "4")],
            },
        ];
        let order: Vec<String> = build_queue(&records, &files)
            .into_iter()
            .map(|i| i.id)
            .collect();
        assert_eq!(order, ["d", "b", "a", "c"]);
    }
}
