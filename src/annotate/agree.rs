//! Agreement between two annotators: exact match and Cohen's kappa for categorical fields,
//! agreement within a tolerance for numbers, and the list of disagreements.

use std::collections::BTreeMap;

use serde::Serialize;

use super::field_path::FieldPath;
use super::file::{Action, AnnotationFile};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    pub paper: String,
    pub field: String,
    pub a: String,
    pub b: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldAgreement {
    /// Field kind: `reported`, `runs[].count`, …
    pub field: String,
    /// Items both annotators judged.
    pub n: usize,
    pub exact: f64,
    /// Cohen's kappa (categorical fields; None when undefined: one category only).
    pub kappa: Option<f64>,
    /// Share within the tolerance (numeric fields).
    pub within_tolerance: Option<f64>,
    pub disagreements: Vec<Disagreement>,
}

/// The value an annotator's last word on a field amounts to.
fn verdict(action: Action, value: Option<&str>, replaces: &str) -> Option<String> {
    match action {
        Action::Set => value.map(str::to_string),
        Action::Accept => Some(replaces.to_string()),
        Action::Reject => Some("<rejected>".into()),
        Action::Note => None,
    }
}

fn kind_of(path: &FieldPath) -> (String, bool) {
    match path {
        FieldPath::RunField(_, rf) => (format!("runs[].{}", rf.name()), rf.is_numeric()),
        FieldPath::Run(_) => ("runs[]".into(), false),
        other => (other.to_string(), false),
    }
}

fn number(s: &str) -> Option<f64> {
    if let Some((a, b)) = s.split_once('-').filter(|(a, _)| !a.is_empty()) {
        return Some((a.trim().parse::<f64>().ok()? + b.trim().parse::<f64>().ok()?) / 2.0);
    }
    s.trim().parse().ok()
}

/// Cohen's kappa of paired categorical labels.
pub fn cohen_kappa(pairs: &[(String, String)]) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let po = pairs.iter().filter(|(a, b)| a == b).count() as f64 / n;
    let mut ca: BTreeMap<&str, f64> = BTreeMap::new();
    let mut cb: BTreeMap<&str, f64> = BTreeMap::new();
    for (a, b) in pairs {
        *ca.entry(a).or_default() += 1.0;
        *cb.entry(b).or_default() += 1.0;
    }
    let pe: f64 = ca
        .iter()
        .map(|(k, x)| x / n * cb.get(k).copied().unwrap_or(0.0) / n)
        .sum();
    if (1.0 - pe).abs() < 1e-12 {
        return None;
    }
    Some((po - pe) / (1.0 - pe))
}

/// (paper, field, value by a, value by b)
type Pair = (String, String, String, String);

/// Per-field agreement between annotators `a` and `b` over all correction files.
pub fn agreement(
    files: &[AnnotationFile],
    a: &str,
    b: &str,
    tolerance: f64,
) -> Vec<FieldAgreement> {
    // (kind, numeric) → list of (paper, field, value a, value b)
    let mut groups: BTreeMap<(String, bool), Vec<Pair>> = BTreeMap::new();
    for f in files {
        let mut last: BTreeMap<(String, &str), (&str, Option<String>)> = BTreeMap::new();
        for c in &f.corrections {
            if c.by != a && c.by != b {
                continue;
            }
            let Some(v) = verdict(c.action, c.value.as_deref(), &c.replaces) else {
                continue;
            };
            let key = (c.field.clone(), c.by.as_str());
            let newer = last.get(&key).is_none_or(|(at, _)| c.at.as_str() >= *at);
            if newer {
                last.insert(key, (c.at.as_str(), Some(v)));
            }
        }
        let fields: std::collections::BTreeSet<&String> = last.keys().map(|(f, _)| f).collect();
        for field in fields {
            let va = last.get(&(field.clone(), a)).and_then(|x| x.1.clone());
            let vb = last.get(&(field.clone(), b)).and_then(|x| x.1.clone());
            let (Some(va), Some(vb)) = (va, vb) else {
                continue;
            };
            let Ok(path) = field.parse::<FieldPath>() else {
                continue;
            };
            groups.entry(kind_of(&path)).or_default().push((
                f.paper.clone(),
                field.clone(),
                va,
                vb,
            ));
        }
    }
    groups
        .into_iter()
        .map(|((kind, numeric), items)| {
            let n = items.len();
            let exact = items.iter().filter(|i| i.2 == i.3).count() as f64 / n as f64;
            let close = |x: &str, y: &str| match (number(x), number(y)) {
                (Some(p), Some(q)) => (p - q).abs() <= tolerance * p.abs().max(q.abs()),
                _ => x == y,
            };
            let within = numeric
                .then(|| items.iter().filter(|i| close(&i.2, &i.3)).count() as f64 / n as f64);
            let kappa = if numeric {
                None
            } else {
                cohen_kappa(
                    &items
                        .iter()
                        .map(|i| (i.2.clone(), i.3.clone()))
                        .collect::<Vec<_>>(),
                )
            };
            let disagreements = items
                .iter()
                .filter(|i| {
                    if numeric {
                        !close(&i.2, &i.3)
                    } else {
                        i.2 != i.3
                    }
                })
                .map(|i| Disagreement {
                    paper: i.0.clone(),
                    field: i.1.clone(),
                    a: i.2.clone(),
                    b: i.3.clone(),
                })
                .collect();
            FieldAgreement {
                field: kind,
                n,
                exact,
                kappa,
                within_tolerance: within,
                disagreements,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kappa_matches_a_worked_example() {
        // 50 items: both yes 20, both no 15, a-yes/b-no 5, a-no/b-yes 10 → κ = 0.4
        let mut pairs = Vec::new();
        let mut push = |a: &str, b: &str, k: usize| {
            for _ in 0..k {
                pairs.push((a.to_string(), b.to_string()));
            }
        };
        push("yes", "yes", 20);
        push("no", "no", 15);
        push("yes", "no", 5);
        push("no", "yes", 10);
        let k = cohen_kappa(&pairs).unwrap();
        assert!((k - 0.4).abs() < 1e-9, "{k}");
        assert_eq!(cohen_kappa(&[("a".into(), "a".into())]), None);
    }
}
