//! Audit of a published footprint table: does each row's energy follow from count × TDP ×
//! hours, and its CO2 from energy × PUE × intensity? Flags the rows that do not and looks for
//! the TDP or factor that would explain them.

use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::estimate::fmt_num;
use crate::reference::{Reference, WORLD_IEA_2019, WORLD_IEA_2019_SOURCE};

/// One row of a published table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublishedRow {
    pub line: usize,
    pub model: String,
    pub hardware: String,
    pub count: f64,
    pub tdp_w: f64,
    pub hours: f64,
    pub energy_kwh: f64,
    pub co2_kg: Option<f64>,
    /// Digits after the decimal point as printed, to tell rounding from error.
    #[serde(skip)]
    pub energy_decimals: usize,
    #[serde(skip)]
    pub co2_decimals: usize,
}

/// Factors the table says it used.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct StatedFactors {
    pub pue: Option<f64>,
    pub kg_per_kwh: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowAudit {
    pub model: String,
    pub line: usize,
    pub expected_kwh: f64,
    pub stated_kwh: f64,
    pub energy_follows: bool,
    /// When the energy does not follow: the TDP that would explain it, and its sources.
    pub energy_explained_by: Option<String>,
    pub implied_tdp_w: f64,
    /// Stated CO2 / stated energy, kg per kWh.
    pub implied_factor: Option<f64>,
    pub co2_with_stated: Option<f64>,
    pub co2_follows_stated: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactorFit {
    pub pue: f64,
    pub kg_per_kwh: f64,
    pub label: String,
    pub rows_fitting: usize,
    pub rows: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditReport {
    pub file: String,
    pub rows: Vec<RowAudit>,
    pub stated: StatedFactors,
    /// The stated factors' fit, when the table states both.
    pub stated_fit: Option<FactorFit>,
    /// PUE × intensity combinations (presets, world average, stated values) that fit every row.
    pub fitting_factors: Vec<FactorFit>,
    pub energy_rows_following: usize,
    pub reference_version: String,
}

/// Column names accepted for each field (case-insensitive).
const COLUMNS: &[(&str, &[&str])] = &[
    ("model", &["model", "name", "paper", "system"]),
    ("hardware", &["hardware", "gpu", "device", "accelerator"]),
    ("count", &["count", "n", "gpus", "devices", "n_devices"]),
    ("tdp", &["tdp_w", "tdp", "tdp (w)", "watts"]),
    ("hours", &["hours", "time_h", "training_hours", "time (h)"]),
    ("energy", &["energy_kwh", "energy", "kwh", "energy (kwh)"]),
    ("co2", &["co2_kg", "co2", "kgco2", "kgco2e", "co2 (kg)"]),
    ("pue", &["stated_pue", "pue"]),
    (
        "factor",
        &[
            "stated_kgco2_per_kwh",
            "kgco2_per_kwh",
            "intensity_kg_per_kwh",
        ],
    ),
];

fn decimals(s: &str) -> usize {
    s.trim().split_once('.').map(|(_, d)| d.len()).unwrap_or(0)
}

/// Does `expected` reproduce `stated`, allowing 1% or the rounding of the printed digits?
pub fn follows(expected: f64, stated: f64, decimals: usize) -> bool {
    let half_unit = 0.5 * 10f64.powi(-(decimals as i32));
    (expected - stated).abs() <= (0.01 * stated.abs()).max(half_unit) + 1e-9
}

/// Reads a published table (CSV with a header; see `COLUMNS` for accepted names).
pub fn read_table(path: &Path) -> Result<(Vec<PublishedRow>, StatedFactors)> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Error::read(path, e))?;
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| Error::invalid(&file, e.to_string()))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let find = |field: &str| -> Option<usize> {
        let names = COLUMNS.iter().find(|(f, _)| *f == field).map(|c| c.1)?;
        names
            .iter()
            .find_map(|n| header.iter().position(|h| h == n))
    };
    let need = |field: &str| -> Result<usize> {
        find(field).ok_or_else(|| Error::MissingColumn {
            file: file.clone(),
            column: COLUMNS
                .iter()
                .find(|(f, _)| *f == field)
                .map(|c| c.1.join("|"))
                .unwrap_or_default(),
            found: header.join(", "),
        })
    };
    let (c_model, c_hw, c_n, c_tdp, c_h, c_e) = (
        need("model")?,
        need("hardware")?,
        need("count")?,
        need("tdp")?,
        need("hours")?,
        need("energy")?,
    );
    let (c_co2, c_pue, c_factor) = (find("co2"), find("pue"), find("factor"));
    let mut rows = Vec::new();
    let mut stated = StatedFactors {
        pue: None,
        kg_per_kwh: None,
    };
    for (i, rec) in reader.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| Error::Parse {
            file: file.clone(),
            line,
            message: e.to_string(),
        })?;
        let raw = |c: usize| rec.get(c).unwrap_or("").trim().to_string();
        let num = |c: usize, positive: bool| -> Result<f64> {
            let s = raw(c);
            let v: f64 = s.parse().map_err(|_| {
                Error::cell(
                    &file,
                    line,
                    header[c].clone(),
                    format!("expected a number, got {s:?}"),
                )
            })?;
            if !v.is_finite() || v < 0.0 || (positive && v == 0.0) {
                return Err(Error::cell(
                    &file,
                    line,
                    header[c].clone(),
                    format!(
                        "expected a {} number, got {s:?}",
                        if positive { "positive" } else { "non-negative" }
                    ),
                ));
            }
            Ok(v)
        };
        let opt = |c: Option<usize>| -> Result<Option<f64>> {
            match c {
                Some(c) if !raw(c).is_empty() => num(c, false).map(Some),
                _ => Ok(None),
            }
        };
        if let Some(p) = opt(c_pue)? {
            stated.pue = Some(p);
        }
        if let Some(f) = opt(c_factor)? {
            stated.kg_per_kwh = Some(f);
        }
        rows.push(PublishedRow {
            line,
            model: raw(c_model),
            hardware: raw(c_hw),
            count: num(c_n, true)?,
            tdp_w: num(c_tdp, true)?,
            hours: num(c_h, true)?,
            energy_kwh: num(c_e, false)?,
            co2_kg: opt(c_co2)?,
            energy_decimals: decimals(&raw(c_e)),
            co2_decimals: c_co2.map(|c| decimals(&raw(c))).unwrap_or(0),
        });
    }
    if rows.is_empty() {
        return Err(Error::invalid(&file, "no data rows"));
    }
    Ok((rows, stated))
}

fn fit(rows: &[PublishedRow], pue: f64, kg: f64, label: String) -> FactorFit {
    let with_co2: Vec<&PublishedRow> = rows.iter().filter(|r| r.co2_kg.is_some()).collect();
    let fitting = with_co2
        .iter()
        .filter(|r| {
            follows(
                r.energy_kwh * pue * kg,
                r.co2_kg.unwrap_or(0.0),
                r.co2_decimals,
            )
        })
        .count();
    FactorFit {
        pue,
        kg_per_kwh: kg,
        label,
        rows_fitting: fitting,
        rows: with_co2.len(),
    }
}

/// Audits rows against the catalog's TDPs and the PUE presets.
pub fn audit(
    file: &str,
    rows: &[PublishedRow],
    stated: StatedFactors,
    reference: &Reference,
) -> AuditReport {
    let mut out = Vec::new();
    for r in rows {
        let expected = r.count * r.tdp_w * r.hours / 1000.0;
        let ok = follows(expected, r.energy_kwh, r.energy_decimals);
        let implied_tdp = r.energy_kwh * 1000.0 / (r.count * r.hours);
        let explained = if ok { None } else { explain_tdp(r, reference) };
        let factor = r
            .co2_kg
            .filter(|_| r.energy_kwh > 0.0)
            .map(|c| c / r.energy_kwh);
        let co2_stated = match (stated.pue, stated.kg_per_kwh) {
            (Some(p), Some(k)) => Some(r.energy_kwh * p * k),
            (None, Some(k)) => Some(r.energy_kwh * k),
            _ => None,
        };
        out.push(RowAudit {
            model: r.model.clone(),
            line: r.line,
            expected_kwh: expected,
            stated_kwh: r.energy_kwh,
            energy_follows: ok,
            energy_explained_by: explained,
            implied_tdp_w: implied_tdp,
            implied_factor: factor,
            co2_follows_stated: co2_stated
                .zip(r.co2_kg)
                .map(|(e, s)| follows(e, s, r.co2_decimals)),
            co2_with_stated: co2_stated,
        });
    }
    let stated_fit = stated.kg_per_kwh.map(|k| {
        let p = stated.pue.unwrap_or(1.0);
        fit(
            rows,
            p,
            k,
            format!(
                "stated factors (PUE {} × {} kg/kWh)",
                fmt_num(p),
                fmt_num(k)
            ),
        )
    });
    let mut pues: Vec<(f64, String)> = reference
        .pue
        .iter()
        .map(|p| (p.pue, format!("PUE {} ({})", fmt_num(p.pue), p.id)))
        .collect();
    if let Some(p) = stated.pue {
        pues.insert(0, (p, format!("stated PUE {}", fmt_num(p))));
    }
    let mut kgs: Vec<(f64, String)> =
        vec![(WORLD_IEA_2019 / 1000.0, WORLD_IEA_2019_SOURCE.to_string())];
    if let Some(k) = stated.kg_per_kwh {
        kgs.push((k, format!("stated {} kg/kWh", fmt_num(k))));
    }
    let mut fitting = Vec::new();
    for (p, pl) in &pues {
        for (k, kl) in &kgs {
            let f = fit(rows, *p, *k, format!("{pl} × {kl}"));
            if f.rows > 0
                && f.rows_fitting == f.rows
                && !fitting
                    .iter()
                    .any(|x: &FactorFit| x.pue == f.pue && x.kg_per_kwh == f.kg_per_kwh)
            {
                fitting.push(f);
            }
        }
    }
    AuditReport {
        file: file.to_string(),
        energy_rows_following: out.iter().filter(|r| r.energy_follows).count(),
        rows: out,
        stated,
        stated_fit,
        fitting_factors: fitting,
        reference_version: reference.version.clone(),
    }
}

/// The catalog TDP for this row's hardware that reproduces its stated energy, if any.
fn explain_tdp(r: &PublishedRow, reference: &Reference) -> Option<String> {
    let resolved = reference.hardware.resolve(&r.hardware)?;
    let mut fits: Vec<(f64, Vec<String>)> = Vec::new();
    for t in &resolved.device.tdp {
        let e = r.count * t.tdp_w * r.hours / 1000.0;
        if follows(e, r.energy_kwh, r.energy_decimals) {
            let label = if t.variant.is_empty() {
                t.source_key.clone()
            } else {
                format!("{} {}", t.source_key, t.variant)
            };
            match fits.iter_mut().find(|f| f.0 == t.tdp_w) {
                Some(f) => f.1.push(label),
                None => fits.push((t.tdp_w, vec![label])),
            }
        }
    }
    let (w, sources) = fits.into_iter().next()?;
    Some(format!(
        "{} W ({}: {}) gives {} kWh",
        fmt_num(w),
        resolved.device.name,
        sources.join(", "),
        fmt_num(r.count * w * r.hours / 1000.0)
    ))
}

impl AuditReport {
    pub fn render(&self) -> String {
        let mut s = format!(
            "audit of {} (reference data {})\n",
            self.file, self.reference_version
        );
        s.push_str(&format!(
            "energy = n × TDP × h holds for {} of {} rows\n",
            self.energy_rows_following,
            self.rows.len()
        ));
        for r in &self.rows {
            let mark = if r.energy_follows { "ok  " } else { "FLAG" };
            s.push_str(&format!(
                "  {mark} {:<12} expected {:>9} kWh, stated {:>9} kWh",
                r.model,
                fmt_num((r.expected_kwh * 100.0).round() / 100.0),
                fmt_num(r.stated_kwh)
            ));
            if !r.energy_follows {
                s.push_str(&format!(
                    " (implied TDP {} W",
                    fmt_num((r.implied_tdp_w * 10.0).round() / 10.0)
                ));
                match &r.energy_explained_by {
                    Some(e) => s.push_str(&format!("; explained by {e})")),
                    None => s.push_str("; no catalog TDP explains it)"),
                }
            }
            if let Some(f) = r.implied_factor {
                s.push_str(&format!(
                    "; CO2/E = {} kg/kWh",
                    fmt_num((f * 10000.0).round() / 10000.0)
                ));
            }
            s.push('\n');
        }
        if let Some(f) = &self.stated_fit {
            s.push_str(&format!(
                "CO2 with the {}: fits {} of {} rows\n",
                f.label, f.rows_fitting, f.rows
            ));
            for r in self
                .rows
                .iter()
                .filter(|r| r.co2_follows_stated == Some(false))
            {
                if let Some(c) = r.co2_with_stated {
                    s.push_str(&format!(
                        "  {} would be {} kg\n",
                        r.model,
                        fmt_num(c.round())
                    ));
                }
            }
        }
        if self.fitting_factors.is_empty() {
            s.push_str("no PUE preset × intensity combination fits every CO2 row\n");
        }
        for f in &self.fitting_factors {
            s.push_str(&format!(
                "CO2 follows {} = {} kg/kWh on {} of {} rows (within 1% or the printed rounding)\n",
                f.label,
                fmt_num(f.pue * f.kg_per_kwh),
                f.rows_fitting,
                f.rows
            ));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_allows_one_percent_or_printed_rounding() {
        assert!(follows(17.67, 18.0, 0));
        assert!(!follows(16.0, 18.0, 0));
        assert!(follows(3392.6, 3395.0, 0));
        assert!(!follows(3071.0, 3395.0, 0));
        assert!(!follows(0.24, 0.3, 1));
    }
}
