//! `greenmir survey` over the real papers of ../shared/corpus, from a local folder.

use crate::common::*;
use crate::survey::walk;

#[test]
#[ignore = "corpus evaluation: reads ../shared (GREENMIR_SHARED); run by .ci/run"]
fn survey_reads_the_shared_corpus_from_a_local_folder() {
    let dir = tempfile::tempdir().unwrap();
    let papers = shared("corpus/papers");
    std::fs::write(
        dir.path().join("c.toml"),
        format!(
            "survey = \"shared\"\n[[source]]\nkind = \"local-folder\"\npath = \"{}\"\nvenue = \"corpus\"\nrecursive = true\n",
            papers.display()
        ),
    )
    .unwrap();
    let report = json(dir.path(), &["survey", "--config", "c.toml"]);
    let pdfs = walk(&papers)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .count();
    assert_eq!(report["papers"], pdfs);
    assert_eq!(report["fetched_or_cached"], pdfs);
    eprintln!(
        "shared corpus survey: {pdfs} PDFs, {} s, {} papers/s; text stage {}",
        report["seconds"], report["papers_per_second"], report["stages"][0]
    );
}
