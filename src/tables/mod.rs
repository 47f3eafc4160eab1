//! Survey tables: per paper, per year, per country (CSV, Parquet, Markdown, LaTeX), the tidy
//! per-run and paper × country tables (CSV, Parquet), SVG plots and a headline summary.

mod frames;
mod paper_countries;
mod plots;
mod rows;
mod runs;
mod summary;
mod write;

use std::path::Path;

pub use frames::{per_country, per_paper, per_year, PaperCountry};
pub use paper_countries::{paper_countries, PaperCountryRow};
pub use plots::{disclosure_per_year, energy_per_paper, EnergyBar};
pub use rows::{round4, PaperRow};
pub use runs::{per_run, RunRow};
pub use summary::{Summary, TopShare};
pub use write::{
    latex_escape, to_csv, to_html, to_latex, to_markdown, to_parquet, write_all, write_data,
};

use crate::atomic::write_atomic;
use crate::error::Result;
use crate::estimate::{conference, CountryCounting, Estimator, Method};
use crate::model::{Estimate, PaperRecord};
use crate::reference::Reference;

/// Everything `greenmir tables` computes, before and after writing.
pub struct Tables {
    pub per_paper: polars::prelude::DataFrame,
    pub per_year: polars::prelude::DataFrame,
    pub per_country: polars::prelude::DataFrame,
    /// One row per run (tidy): inputs, origins, the run's energy and its share of the total.
    pub runs: polars::prelude::DataFrame,
    /// One row per paper × country (tidy), weighted under the method's country policy.
    pub paper_countries: polars::prelude::DataFrame,
    pub estimates: Vec<Estimate>,
    pub summary: Summary,
    /// The energy plot's bars: each estimated paper by short title and year.
    pub bars: Vec<EnergyBar>,
}

/// Estimates every record under `method` and builds the tables and the summary.
pub fn build(
    survey: &str,
    records: &[PaperRecord],
    method: &Method,
    reference: &Reference,
    counting: CountryCounting,
) -> Result<Tables> {
    let estimator = Estimator::new(method, reference);
    let estimates: Vec<Estimate> = records.iter().map(|r| estimator.estimate(r)).collect();
    let rows: Vec<PaperRow> = records
        .iter()
        .zip(&estimates)
        .map(|(r, e)| PaperRow::new(r, e))
        .collect();
    let paper_df = per_paper(&rows)?;
    let run_rows: Vec<RunRow> = records
        .iter()
        .zip(&estimates)
        .flat_map(|(r, e)| RunRow::of_paper(r, e, method, &estimator))
        .collect();
    let country_rows: Vec<PaperCountryRow> = records
        .iter()
        .zip(&estimates)
        .flat_map(|(r, e)| PaperCountryRow::of_paper(r, e, method, reference, &estimator))
        .collect();
    let year_df = per_year(&paper_df)?;
    let links: Vec<PaperCountry> = records
        .iter()
        .flat_map(|r| {
            let mut seen: Vec<String> = Vec::new();
            r.countries
                .iter()
                .filter_map(|c| {
                    let text = c.value.text.trim().to_string();
                    let label = match counting {
                        CountryCounting::AsWritten => text,
                        CountryCounting::Iso => c.value.iso2.clone().unwrap_or(text),
                    };
                    if seen.contains(&label) {
                        return None;
                    }
                    seen.push(label.clone());
                    Some(PaperCountry {
                        paper_id: r.paper.id.clone(),
                        label,
                        iso2: c.value.iso2.clone(),
                    })
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let country_df = per_country(&paper_df, &links)?;
    let conf = conference(records, &estimates, method, reference, counting);
    let summary = Summary::new(survey, records, &rows, method, reference, counting, conf);
    let bars = rows
        .iter()
        .zip(&estimates)
        .filter_map(|(row, e)| {
            e.footprint()
                .map(|f| EnergyBar::new(&row.paper_id, &row.title, row.year, f.energy_kwh.point))
        })
        .collect();
    Ok(Tables {
        bars,
        per_paper: paper_df,
        per_year: year_df,
        per_country: country_df,
        runs: per_run(&run_rows)?,
        paper_countries: paper_countries(&country_rows)?,
        estimates,
        summary,
    })
}

impl Tables {
    /// Writes the tables, plots and `summary.json` into `dir`; returns the files written.
    pub fn write(&mut self, dir: &Path) -> Result<Vec<String>> {
        let s = &self.summary;
        let tag = format!(
            "{} under {} v{}, reference {}",
            s.survey, s.method, s.method_version, s.reference_version
        );
        let mut files = Vec::new();
        files.extend(write_all(
            dir,
            "papers",
            &self.per_paper,
            &format!("Per paper: {tag}"),
        )?);
        files.extend(write_all(
            dir,
            "years",
            &self.per_year,
            &format!("Per year: {tag}"),
        )?);
        files.extend(write_all(
            dir,
            "countries",
            &self.per_country,
            &format!("Per country: {tag}"),
        )?);
        files.extend(write_data(dir, "runs", &self.runs)?);
        files.extend(write_data(dir, "paper_countries", &self.paper_countries)?);
        let p = dir.join("energy_per_paper.svg");
        write_atomic(
            &p,
            energy_per_paper(
                &format!("Training energy per paper ({})", s.method),
                &self.bars,
            )
            .as_bytes(),
        )?;
        files.push(p.display().to_string());
        let years: Vec<(i32, [u32; 3])> =
            s.disclosure_by_year.iter().map(|(y, c)| (*y, *c)).collect();
        let p = dir.join("disclosure_per_year.svg");
        write_atomic(
            &p,
            disclosure_per_year("Compute disclosure per year", &years).as_bytes(),
        )?;
        files.push(p.display().to_string());
        let p = dir.join("estimates.jsonl");
        let mut sorted: Vec<&Estimate> = self.estimates.iter().collect();
        sorted.sort_by(|a, b| a.paper_id.cmp(&b.paper_id));
        let mut lines = String::new();
        for e in sorted {
            lines.push_str(&serde_json::to_string(e).expect("estimates serialise"));
            lines.push('\n');
        }
        write_atomic(&p, lines.as_bytes())?;
        files.push(p.display().to_string());
        self.summary.outputs = files.clone();
        self.summary
            .outputs
            .push(dir.join("summary.json").display().to_string());
        let p = dir.join("summary.json");
        let json = serde_json::to_string_pretty(&self.summary).expect("summary serialises");
        write_atomic(&p, format!("{json}\n").as_bytes())?;
        files.push(p.display().to_string());
        Ok(files)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use polars::prelude::*;

    use super::*;
    use crate::estimate::{CountryPolicy, RunTotal};
    use crate::model::{
        Affiliation, CountryRef, Field, Hours, Multiplier, Origin, Paper, Purpose, Run,
    };

    fn paper(id: &str) -> PaperRecord {
        PaperRecord::new(Paper {
            id: id.into(),
            venue: None,
            year: Some(2022),
            title: format!("title of {id}"),
            authors: vec![],
            doi: None,
            pdf_url: None,
            sha256: None,
        })
    }

    fn run(hw: Option<&str>, count: Option<u32>, hours: Option<Hours>) -> Run {
        Run {
            hardware_id: hw.map(|h| Field::imported(h.to_string(), "test")),
            count: count.map(|c| Field::imported(c, "test")),
            hours: hours.map(|h| Field::imported(h, "test")),
            ..Run::default()
        }
    }

    fn country(text: &str, iso2: Option<&str>) -> Field<CountryRef> {
        Field::imported(
            CountryRef {
                text: text.into(),
                iso2: iso2.map(String::from),
            },
            "test",
        )
    }

    fn affiliation(code: Option<&str>) -> Field<Affiliation> {
        Field::new(
            Affiliation {
                text: "a lab".into(),
                country: code.map(String::from),
            },
            Origin::Extracted {
                confidence: 0.9,
                evidence: vec![],
            },
        )
    }

    /// Papers listed in reverse id order: a two-run paper with a multiplier and an inference
    /// run, a paper lacking a count, one with three authors in two countries plus a country
    /// without ISO code, and one with no country.
    fn records() -> Vec<PaperRecord> {
        let mut a = paper("p-a");
        let mut r0 = run(Some("nvidia-v100"), Some(4), Some(Hours::range(20.0, 40.0)));
        r0.multiplier = Some(Field::imported(Multiplier::new(3.0, "3 seeds"), "test"));
        let r1 = run(Some("nvidia-v100"), Some(1), Some(Hours::stated(10.0)));
        let mut r2 = run(Some("nvidia-v100"), Some(1), Some(Hours::stated(1.0)));
        r2.purpose = Purpose::Inference;
        a.runs = vec![r0, r1, r2];
        a.countries = vec![country("USA", Some("US")), country("France", Some("FR"))];
        a.affiliations = vec![
            affiliation(Some("FR")),
            affiliation(Some("US")),
            affiliation(Some("US")),
        ];
        let mut b = paper("p-b");
        b.runs = vec![run(Some("nvidia-v100"), None, Some(Hours::stated(5.0)))];
        b.countries = vec![country("Japan", Some("JP"))];
        let mut c = paper("p-c");
        c.runs = vec![run(None, Some(2), Some(Hours::stated(5.0)))];
        c.countries = vec![
            country("Germany", Some("DE")),
            country("Atlantis", None),
            country("Deutschland", Some("DE")),
        ];
        c.affiliations = vec![affiliation(None), affiliation(Some("CH"))];
        let d = paper("p-d");
        vec![d, c, b, a]
    }

    fn method(policy: CountryPolicy) -> Method {
        let mut m = Method::find("greenmir2024").unwrap();
        m.carbon.country_policy = policy;
        m
    }

    fn tables(m: &Method) -> Tables {
        let reference = Reference::embedded().unwrap();
        build("t", &records(), m, &reference, CountryCounting::Iso).unwrap()
    }

    fn strs(df: &DataFrame, name: &str) -> Vec<String> {
        df.column(name)
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .map(|s| s.unwrap_or("").to_string())
            .collect()
    }

    fn floats(df: &DataFrame, name: &str) -> Vec<Option<f64>> {
        df.column(name).unwrap().f64().unwrap().iter().collect()
    }

    #[test]
    fn runs_table_has_one_row_per_run_in_paper_then_run_order() {
        let t = tables(&method(CountryPolicy::Equal));
        let names: Vec<&str> = t
            .runs
            .get_column_names()
            .iter()
            .map(|s| s.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "paper_id",
                "year",
                "run",
                "purpose",
                "hardware",
                "hardware_id",
                "hardware_origin",
                "count",
                "count_origin",
                "hours",
                "hours_low",
                "hours_high",
                "hours_basis",
                "hours_origin",
                "multiplier",
                "multiplier_basis",
                "multiplier_origin",
                "total_hours",
                "total_hours_low",
                "total_hours_high",
                "tdp_w",
                "tdp_source",
                "tdp_origin",
                "kwh_device",
                "kwh_device_low",
                "kwh_device_high",
                "pue",
                "kwh",
                "kwh_low",
                "kwh_high",
                "counted",
                "counted_kwh",
                "missing",
                "method",
                "reference_version",
            ]
        );
        assert_eq!(t.runs.height(), 5, "every run, training or not");
        assert_eq!(
            strs(&t.runs, "paper_id"),
            ["p-a", "p-a", "p-a", "p-b", "p-c"]
        );
        let idx: Vec<Option<u32>> = t
            .runs
            .column("run")
            .unwrap()
            .u32()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(idx, [Some(0), Some(1), Some(2), Some(0), Some(0)]);
        assert_eq!(
            strs(&t.runs, "counted"),
            [
                "yes",
                "yes",
                "no: not training",
                "no: incomplete run, paper not estimated",
                "no: incomplete run, paper not estimated",
            ]
        );
        assert_eq!(strs(&t.runs, "hours_basis")[0], "range");
        assert_eq!(strs(&t.runs, "multiplier_basis")[0], "3 seeds");
        assert_eq!(floats(&t.runs, "multiplier")[..2], [Some(3.0), Some(1.0)]);
        assert_eq!(floats(&t.runs, "total_hours")[0], Some(90.0));
        assert_eq!(floats(&t.runs, "total_hours_low")[0], Some(60.0));
        assert_eq!(strs(&t.runs, "tdp_origin")[0], "default");
        assert_eq!(strs(&t.runs, "count_origin")[0], "imported");
        assert_eq!(strs(&t.runs, "missing")[3], "device count");
        assert_eq!(strs(&t.runs, "missing")[4], "hardware");
    }

    #[test]
    fn counted_run_energy_sums_to_the_papers_energy() {
        for m in [method(CountryPolicy::Equal), {
            let mut m = method(CountryPolicy::Equal);
            m.energy.runs = RunTotal::Final;
            m
        }] {
            let t = tables(&m);
            let mut sums: BTreeMap<String, f64> = BTreeMap::new();
            for (p, k) in strs(&t.runs, "paper_id")
                .into_iter()
                .zip(floats(&t.runs, "counted_kwh"))
            {
                *sums.entry(p).or_default() += k.unwrap_or(0.0);
            }
            let ids = strs(&t.per_paper, "paper_id");
            let kwh = floats(&t.per_paper, "kwh");
            let a = ids.iter().position(|i| i == "p-a").unwrap();
            let total = kwh[a].unwrap();
            assert!((sums["p-a"] - total).abs() < 1e-3, "{sums:?} vs {total}");
            assert!(total > 0.0);
        }
    }

    #[test]
    fn country_weights_sum_to_one_per_paper_under_every_policy() {
        for policy in [
            CountryPolicy::Equal,
            CountryPolicy::First,
            CountryPolicy::FirstAuthor,
            CountryPolicy::Authors,
        ] {
            let t = tables(&method(policy));
            let df = &t.paper_countries;
            let mut sums: BTreeMap<String, f64> = BTreeMap::new();
            for (p, w) in strs(df, "paper_id").into_iter().zip(floats(df, "weight")) {
                *sums.entry(p).or_default() += w.unwrap_or(0.0);
            }
            assert_eq!(
                sums.keys().collect::<Vec<_>>(),
                ["p-a", "p-b", "p-c"],
                "{policy:?}: a paper without a country has no row"
            );
            for (p, s) in &sums {
                assert!((s - 1.0).abs() < 1e-9, "{policy:?} {p}: weights sum to {s}");
            }
        }
    }

    #[test]
    fn country_rows_follow_the_policy_and_their_emissions_add_up() {
        let t = tables(&method(CountryPolicy::Authors));
        let df = &t.paper_countries;
        assert_eq!(
            df.get_column_names()
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>(),
            [
                "paper_id",
                "year",
                "country",
                "iso2",
                "origin",
                "policy",
                "weight",
                "policy_note",
                "g_per_kwh",
                "intensity_year",
                "intensity_vintage",
                "intensity_fallback",
                "kwh_share",
                "kgco2e_share",
                "method",
                "reference_version",
            ]
        );
        let rows: Vec<(String, String, Option<f64>)> = strs(df, "paper_id")
            .into_iter()
            .zip(strs(df, "country"))
            .zip(floats(df, "weight"))
            .map(|((p, c), w)| (p, c, w))
            .collect();
        let w = |p: &str, c: &str| {
            rows.iter()
                .find(|r| r.0 == p && r.1 == c)
                .unwrap_or_else(|| panic!("{p} {c} in {rows:?}"))
                .2
        };
        // Authors: two in the US, one in France; heaviest first.
        assert_eq!(rows[0].1, "USA");
        assert!((w("p-a", "USA").unwrap() - 2.0 / 3.0).abs() < 1e-9);
        assert!((w("p-a", "France").unwrap() - 1.0 / 3.0).abs() < 1e-9);
        // Spellings of one code are one row; a country only an affiliation names gets a row;
        // listed countries the policy does not weigh stay with weight 0.
        assert_eq!(w("p-c", "CH"), Some(1.0));
        assert_eq!(w("p-c", "Germany"), Some(0.0));
        assert_eq!(w("p-c", "Atlantis"), Some(0.0));
        assert!(!rows.iter().any(|r| r.1 == "Deutschland"));
        let origin = strs(df, "origin");
        let ch = rows.iter().position(|r| r.1 == "CH").unwrap();
        assert_eq!(origin[ch], "affiliation:extracted");
        // The paper's emissions are the sum of its countries' shares.
        let ids = strs(&t.per_paper, "paper_id");
        let a = ids.iter().position(|i| i == "p-a").unwrap();
        let kg = floats(&t.per_paper, "kgco2e")[a].unwrap();
        let shares: f64 = rows
            .iter()
            .zip(floats(df, "kgco2e_share"))
            .filter(|(r, _)| r.0 == "p-a")
            .map(|(_, s)| s.unwrap())
            .sum();
        assert!((shares - kg).abs() < 1e-3, "{shares} vs {kg}");
    }

    #[test]
    fn tidy_tables_are_the_same_whatever_the_record_order() {
        let reference = Reference::embedded().unwrap();
        let m = method(CountryPolicy::Equal);
        let mut recs = records();
        let t1 = build("t", &recs, &m, &reference, CountryCounting::Iso).unwrap();
        recs.reverse();
        let t2 = build("t", &recs, &m, &reference, CountryCounting::Iso).unwrap();
        assert!(t1.runs.equals_missing(&t2.runs));
        assert!(t1.paper_countries.equals_missing(&t2.paper_countries));
        let csv1 = to_csv(&t1.runs).unwrap();
        assert_eq!(csv1, to_csv(&t2.runs).unwrap());
    }

    #[test]
    fn write_puts_the_tidy_tables_beside_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let mut t = tables(&method(CountryPolicy::Equal));
        let files = t.write(dir.path()).unwrap();
        for f in [
            "runs.csv",
            "runs.parquet",
            "paper_countries.csv",
            "paper_countries.parquet",
            "papers.csv",
        ] {
            assert!(dir.path().join(f).is_file(), "{f}");
            assert!(files.iter().any(|p| p.ends_with(f)), "{f} listed");
        }
        let back =
            ParquetReader::new(std::fs::File::open(dir.path().join("runs.parquet")).unwrap())
                .finish()
                .unwrap();
        assert!(back.equals_missing(&t.runs));
    }
}
