//! The main job redone from PDFs: the Green MIR corpus-1 papers read by `greenmir survey`,
//! compared with the annotators' sheets by `greenmir compare`. The bars are the figures the
//! extractor reached on this set (see the README's "How well it reads" section); a change
//! that reads these papers worse fails here.

use std::path::Path;

use crate::common::*;

/// Papers of the 13 the sheets make estimable whose energy the PDF reading must match (±10 %).
const KWH_AGREE: u64 = 9;

#[test]
#[ignore = "corpus evaluation: reads ../shared (GREENMIR_SHARED); run by .ci/run"]
fn the_green_mir_papers_read_from_pdf_agree_with_the_annotators() {
    shared("data/greenmir");
    let shared = shared("greenmir-pdfs").parent().unwrap().to_path_buf();
    // The proceedings list links its PDFs as `../shared/greenmir-pdfs/pdf/…`, relative to the
    // project root: the root gets a `shared` sibling pointing at the data.
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("greenmir-pdfs-eval");
    let root = base.join("root");
    std::fs::create_dir_all(&root).unwrap();
    let link = base.join("shared");
    if std::fs::symlink_metadata(&link).is_err() {
        std::os::unix::fs::symlink(&shared, &link).unwrap();
    }
    std::fs::write(
        root.join("greenmir-pdfs.toml"),
        "survey = \"greenmir-pdfs\"\n\n[[source]]\nkind = \"conference-archive\"\n\
         url = \"../shared/greenmir-pdfs/proceedings/{year}.json\"\n\
         years = [2017, 2018, 2019, 2020, 2021, 2022, 2023]\n",
    )
    .unwrap();
    let sheets = shared.join("data/greenmir");
    ok(
        &root,
        &["import", "greenmir-sheets", sheets.to_str().unwrap(), "-q"],
    );
    ok(
        &root,
        &[
            "survey",
            "--config",
            "greenmir-pdfs.toml",
            "--offline",
            "-q",
        ],
    );
    let v = json(
        &root,
        &[
            "compare",
            "--survey",
            "greenmir-pdfs",
            "--against",
            "greenmir2024",
        ],
    );
    assert_eq!(v["matched"], 77, "{}", v["unmatched_survey"]);
    let rate = |field: &str| {
        let r = v["rates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["field"] == field)
            .unwrap_or_else(|| panic!("no rate {field}"));
        (
            r["numerator"].as_u64().unwrap(),
            r["denominator"].as_u64().unwrap(),
        )
    };
    let (agree, of) = rate("kwh");
    assert_eq!(of, 13, "the sheets make 13 of these papers estimable");
    assert!(agree >= KWH_AGREE, "kWh within 10 % for {agree} of {of}");
    let (agree, of) = rate("disclosure");
    assert!(
        agree as f64 >= 0.90 * of as f64,
        "disclosure class agrees for {agree} of {of}"
    );
    let ratio = v["sums"]["ratio"].as_f64().unwrap();
    assert!(
        (0.80..=1.25).contains(&ratio),
        "summed kWh is {ratio} × the annotators'"
    );
}
