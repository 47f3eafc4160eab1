//! Reproducing Green MIR from the study's own sheets (../shared/data/greenmir): the checks of
//! `greenmir2024.rs` on the sheets, the sheet origins, and the cross-check that the built-in
//! table (`corpus/examples/greenmir2024.csv`) gives every figure the sheets give.

use crate::common::*;
use crate::greenmir2024::*;

fn imported() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let sheets = shared("data/greenmir");
    let out = ok(
        dir.path(),
        &["import", "greenmir-sheets", sheets.to_str().unwrap()],
    );
    assert!(out.contains("imported 113 papers"), "{out}");
    dir
}

#[test]
#[ignore = "corpus evaluation: reads ../shared (GREENMIR_SHARED); run by .ci/run"]
fn sheets_exact_reproduction_matches_table_1_and_the_conference_estimate() {
    check_exact_reproduction_matches_table_1_and_the_conference_estimate(imported().path());
}

#[test]
#[ignore = "corpus evaluation: reads ../shared (GREENMIR_SHARED); run by .ci/run"]
fn sheets_normal_mode_merges_korea_and_says_so() {
    check_normal_mode_merges_korea_and_says_so(imported().path());
}

#[test]
#[ignore = "corpus evaluation: reads ../shared (GREENMIR_SHARED); run by .ci/run"]
fn sheets_tables_are_written_in_every_format_and_are_deterministic() {
    check_tables_are_written_in_every_format_and_are_deterministic(imported().path());
}

#[test]
#[ignore = "corpus evaluation: reads ../shared (GREENMIR_SHARED); run by .ci/run"]
fn sheets_other_methods_apply_to_the_same_records() {
    check_other_methods_apply_to_the_same_records(imported().path());
}

#[test]
#[ignore = "corpus evaluation: reads ../shared (GREENMIR_SHARED); run by .ci/run"]
fn records_keep_their_origin_down_to_sheet_row_and_column() {
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
    assert!(tdp["origin"]["source"]
        .as_str()
        .unwrap()
        .contains("corpus1_automatic_music_generation.csv, row 18, column \"TDP/W\""));
    let countries: Vec<&str> = rec["countries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"]["iso2"].as_str().unwrap())
        .collect();
    assert_eq!(countries, ["CN", "TW"]);
}

/// Every figure of the built-in table equals the sheets': the summary, every per-paper table,
/// and each record's disclosure, runs (TDP, count, hours), stated kWh and countries.
#[test]
#[ignore = "corpus evaluation: reads ../shared (GREENMIR_SHARED); run by .ci/run"]
fn the_built_in_table_gives_every_figure_the_sheets_give() {
    let dir = imported();
    let p = dir.path();
    ok(p, &["import", "greenmir2024", "--survey", "table"]);
    for exact in [true, false] {
        let mut args = vec!["tables", "--quiet"];
        if exact {
            args.push("--exact");
        }
        let sheets = json(p, &[&args[..], &["--out", "t-sheets"]].concat());
        let table = json(
            p,
            &[&args[..], &["--survey", "table", "--out", "t-table"]].concat(),
        );
        let strip = |mut v: serde_json::Value| {
            let o = v.as_object_mut().unwrap();
            o.remove("survey");
            o.remove("outputs");
            v
        };
        assert_eq!(strip(sheets), strip(table), "summary (exact: {exact})");
        for f in ["papers.csv", "years.csv", "countries.csv"] {
            let a = std::fs::read_to_string(p.join("t-sheets").join(f)).unwrap();
            let b = std::fs::read_to_string(p.join("t-table").join(f)).unwrap();
            assert!(a == b, "{f} differs (exact: {exact})");
        }
    }
    let load = |survey: &str| -> Vec<serde_json::Value> {
        std::fs::read_to_string(p.join(format!("corpus/{survey}/papers.jsonl")))
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let values = |r: &serde_json::Value| {
        let v = |f: &serde_json::Value| f.get("value").cloned().unwrap_or_default();
        let runs: Vec<_> = r["runs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|run| (v(&run["tdp_w"]), v(&run["count"]), v(&run["hours"])))
            .collect();
        let countries: Vec<_> = r["countries"]
            .as_array()
            .map(|a| a.iter().map(v).collect())
            .unwrap_or_default();
        (
            r["paper"].clone(),
            v(&r["disclosure"]),
            v(&r["reported"]),
            format!("{runs:?}"),
            v(&r["stated_energy_kwh"]),
            countries,
        )
    };
    let (sheets, table) = (load("greenmir2024"), load("table"));
    assert_eq!(sheets.len(), table.len());
    for (a, b) in sheets.iter().zip(&table) {
        assert_eq!(values(a), values(b), "{}", a["paper"]["id"]);
    }
}
