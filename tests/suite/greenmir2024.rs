//! Reproducing Green MIR (Holzapfel et al., ISMIR 2024) from the built-in table of its
//! published per-paper figures (`greenmir import greenmir2024`), in a bare clone. The same
//! checks run on the study's own sheets in the corpus evaluation (`corpus/greenmir_sheets.rs`),
//! which also checks that both give every figure equal. The sheet importer itself is tested
//! here on a fixture sheet in the study's layout.

use std::path::Path;

use super::common::*;

fn imported() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = ok(dir.path(), &["import", "greenmir2024"]);
    assert!(
        out.contains("imported 113 papers (26 with compute figures)"),
        "{out}"
    );
    dir
}

#[test]
fn exact_reproduction_matches_table_1_and_the_conference_estimate() {
    check_exact_reproduction_matches_table_1_and_the_conference_estimate(imported().path());
}

pub(crate) fn check_exact_reproduction_matches_table_1_and_the_conference_estimate(dir: &Path) {
    let s = json(dir, &["tables", "--exact"]);
    assert_eq!(s["papers"], 113);
    assert_eq!(s["estimated"], 26);
    approx(&s["estimated_share"], 0.230, 0.0005);
    assert_eq!(s["disclosure"]["full"], 25);
    let not_full = s["estimated_not_full"].as_array().unwrap();
    assert_eq!(not_full.len(), 1);
    assert!(not_full[0].as_str().unwrap().contains("Musika"));
    approx(&s["kwh_mean"], 224.83, 0.005);
    approx(&s["kwh_median"], 18.46, 0.005);
    approx(&s["kwh_sum"], 5845.63, 0.005);
    approx(&s["top3"]["kwh"], 5114.6, 0.05);
    approx(&s["top3"]["share"], 0.875, 0.0005);
    assert_eq!(s["stated_mismatches"].as_array().unwrap().len(), 0);

    let c = &s["conference"];
    approx(&c["energy_kwh"], 19198.4, 0.05);
    assert_eq!(c["papers"], 52);
    assert_eq!(c["n_total"], 96);
    let shares: Vec<(String, u64)> = c["shares"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["label"].as_str().unwrap().to_string(),
                x["papers"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("USA", 20),
        ("China", 16),
        ("Japan", 11),
        ("Taiwan", 11),
        ("UK", 8),
        ("France", 7),
        ("Singapore", 5),
        ("Austria", 4),
        ("Israel", 3),
        ("UAE", 3),
        ("Canada", 2),
        ("Germany", 2),
        ("Italy", 2),
        ("Switzerland", 2),
    ];
    let expected: Vec<(String, u64)> = expected.iter().map(|(l, n)| (l.to_string(), *n)).collect();
    assert_eq!(shares, expected);
    // The current OWID/Ember 2022 values; the paper's 7.593 t used early-2024 Ember data.
    approx(&c["tco2e"], 8.28, 0.01);
    assert_eq!(c["vintage"], "owid-ember-2025-12");
    let notes = s["notes"].to_string();
    assert!(
        notes.contains("\\\"Korea\\\" and \\\"South Korea\\\" are counted separately"),
        "{notes}"
    );
}

#[test]
fn normal_mode_merges_korea_and_says_so() {
    check_normal_mode_merges_korea_and_says_so(imported().path());
}

pub(crate) fn check_normal_mode_merges_korea_and_says_so(dir: &Path) {
    let s = json(dir, &["tables"]);
    assert_eq!(s["country_papers"]["KR"], 2);
    assert_eq!(s["conference"]["n_total"], 98);
    assert!(s["notes"].to_string().contains("merged"));
}

#[test]
fn tables_are_written_in_every_format_and_are_deterministic() {
    check_tables_are_written_in_every_format_and_are_deterministic(imported().path());
}

pub(crate) fn check_tables_are_written_in_every_format_and_are_deterministic(dir: &Path) {
    ok(dir, &["tables", "--quiet"]);
    let t = dir.join("tables/greenmir2024");
    for stem in ["papers", "years", "countries"] {
        for ext in ["csv", "parquet", "md", "tex"] {
            let p = t.join(format!("{stem}.{ext}"));
            assert!(p.metadata().unwrap().len() > 0, "{}", p.display());
        }
    }
    let csv1 = std::fs::read(t.join("papers.csv")).unwrap();
    let svg1 = std::fs::read(t.join("energy_per_paper.svg")).unwrap();
    ok(dir, &["tables", "--quiet"]);
    assert_eq!(csv1, std::fs::read(t.join("papers.csv")).unwrap());
    assert_eq!(svg1, std::fs::read(t.join("energy_per_paper.svg")).unwrap());

    let years = std::fs::read_to_string(t.join("years.csv")).unwrap();
    assert!(
        years.starts_with("year,papers,full,partial,none,estimated,kwh_sum,kwh_mean,kwh_median\n")
    );
    let y2022 = years.lines().find(|l| l.starts_with("2022,")).unwrap();
    assert!(y2022.starts_with("2022,38,14,9,15,15,"), "{y2022}");
    let tex = std::fs::read_to_string(t.join("papers.tex")).unwrap();
    assert!(tex.contains("\\toprule") && tex.contains("\\bottomrule"));
    let papers = std::fs::read_to_string(t.join("papers.csv")).unwrap();
    // The multi-run paper (250 W × 8 GPUs × 30 h + 300 W × 16 × 80 h) is 444 kWh.
    let multi = papers
        .lines()
        .find(|l| l.contains("\"250;300\"") || l.contains(",250;300,"))
        .unwrap();
    assert!(
        multi.contains(",444.0,") || multi.contains(",444,"),
        "{multi}"
    );
    assert!(papers.contains("tdp: imported"));
    assert!(std::fs::read_to_string(t.join("disclosure_per_year.svg"))
        .unwrap()
        .contains("<svg"));
}

#[test]
fn records_keep_their_origin_down_to_the_tables_line_and_source() {
    let dir = imported();
    let text =
        std::fs::read_to_string(dir.path().join("corpus/greenmir2024/papers.jsonl")).unwrap();
    assert_eq!(text.lines().count(), 113);
    let line = text
        .lines()
        .find(|l| l.contains("Jukedrummer"))
        .expect("Jukedrummer record");
    let rec: serde_json::Value = serde_json::from_str(line).unwrap();
    let tdp = &rec["runs"][0]["tdp_w"];
    assert_eq!(tdp["value"], 250.0);
    assert_eq!(tdp["origin"]["kind"], "imported");
    let source = tdp["origin"]["source"].as_str().unwrap();
    assert!(
        source.contains("ISMIR 2024")
            && source.contains("doi:10.5281/zenodo.12750436")
            && source.contains("corpus 1 sheet row 18")
            && source.contains("corpus/examples/greenmir2024.csv line "),
        "{source}"
    );
    let countries: Vec<&str> = rec["countries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"]["iso2"].as_str().unwrap())
        .collect();
    assert_eq!(countries, ["CN", "TW"]);
}

#[test]
fn the_sheet_importer_reads_the_studys_layout_down_to_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = fixture("greenmir-sheets");
    let out = ok(
        dir.path(),
        &["import", "greenmir-sheets", sheets.to_str().unwrap()],
    );
    assert!(
        out.contains("imported 6 papers (3 with compute figures) from 2 sheets"),
        "{out}"
    );
    let text =
        std::fs::read_to_string(dir.path().join("corpus/greenmir2024/papers.jsonl")).unwrap();
    let rec = |id: &str| -> serde_json::Value {
        let line = text.lines().find(|l| l.contains(id)).expect(id);
        serde_json::from_str(line).unwrap()
    };
    let r = rec("\"ismir2023-003\"");
    assert!(r["runs"][0]["tdp_w"]["origin"]["source"]
        .as_str()
        .unwrap()
        .contains("corpus1_automatic_music_generation.csv, row 3, column \"TDP/W\""));
    assert_eq!(r["countries"].as_array().unwrap().len(), 3);
    // The qualifier of "Partial (inference)" is kept; a multi-run cell makes two runs.
    let r = rec("\"ismir2023-005\"");
    assert_eq!(r["disclosure"]["value"]["qualifier"], "inference");
    let r = rec("\"ismir2023-014\"");
    assert_eq!(r["runs"].as_array().unwrap().len(), 2);
    let s = json(dir.path(), &["tables", "--exact"]);
    assert_eq!(s["papers"], 6);
    // 250 W × 8 × 30 h + 300 W × 16 × 80 h = 444 kWh; 350 W × 63 h = 22.05 kWh.
    approx(&s["kwh_sum"], 444.0 + 22.05, 1e-6);
}

#[test]
fn other_methods_apply_to_the_same_records() {
    check_other_methods_apply_to_the_same_records(imported().path());
}

pub(crate) fn check_other_methods_apply_to_the_same_records(dir: &Path) {
    let s = json(dir, &["tables", "--method", "douwes", "--out", "t-douwes"]);
    assert_eq!(s["estimated"], 26);
    // Douwes reports facility energy = device energy × 1.55.
    approx(&s["kwh_sum"], 5845.63 * 1.55, 0.01);
    approx(&s["kgco2e_sum"], 5845.63 * 1.55 * 0.475, 0.05);
    assert!(s["conference"].is_null());
}
