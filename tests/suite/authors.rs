//! `greenmir locate --doc` and `--eval-gold` on the real papers of ../shared/corpus: the
//! countries read from each paper's own author block against the gold labels.

use super::common::*;

#[test]
fn locate_doc_prints_affiliations_and_countries_per_document() {
    let dir = tempfile::tempdir().unwrap();
    let paper = dir.path().join("paper.txt");
    std::fs::write(
        &paper,
        "A Study of Drum Sounds\nAna Lopes1 Bo Wang2\n1 IRCAM, Paris, France 2 Now at Google\n\
         Abstract\nWe study drums.\n",
    )
    .unwrap();
    let missing = dir.path().join("missing.pdf");
    let root = dir.path().to_str().unwrap();
    let out = json(
        dir.path(),
        &["--root", root, "locate", "--doc", paper.to_str().unwrap()],
    );
    let docs = out.as_array().expect("a list");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["countries"], serde_json::json!(["FR"]));
    assert_eq!(docs[0]["affiliations"][0]["input"], "IRCAM, Paris, France");
    assert_eq!(docs[0]["affiliations"].as_array().unwrap().len(), 1);
    // A document that cannot be read is reported and the exit code says so.
    let err = fails(
        dir.path(),
        &[
            "--root",
            root,
            "locate",
            "--doc",
            paper.to_str().unwrap(),
            missing.to_str().unwrap(),
        ],
    );
    assert!(err.contains("missing.pdf"), "{err}");
    assert!(err.contains("1 of 2 documents"), "{err}");
}
