//! `greenmir extract` and `greenmir eval`: real papers, broken files in a batch, scores on
//! the gold corpus.

use std::path::Path;

use super::common::*;

/// A minimal valid PDF with one page whose content stream is `content` (no fonts needed for
/// an image-only page), optionally with an /Encrypt entry in the trailer.
fn pdf(content: &str, encrypt: bool) -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Filter /Standard /V 1 /R 2 /O (xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx) /U (xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx) /P -4 >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    let enc = if encrypt {
        " /Encrypt 5 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]"
    } else {
        ""
    };
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R{enc} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

pub(crate) fn lines(out: &str) -> Vec<serde_json::Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn broken_documents_get_an_error_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "a_good.txt",
        b"The model was trained for 3 days on 8 NVIDIA V100 GPUs.",
    );
    write(d, "empty.pdf", b"");
    write(
        d,
        "html.pdf",
        b"<!DOCTYPE html><html><body>403 Forbidden</body></html>",
    );
    let whole = pdf("0 0 1 rg 10 10 100 100 re f", false);
    write(d, "truncated.pdf", &whole[..whole.len() / 2]);
    write(d, "image_only.pdf", &whole);
    write(d, "encrypted.pdf", &pdf("BT ET", true));
    write(d, "random.pdf", &{
        let mut b = b"%PDF-1.7\n".to_vec();
        b.extend((0..3000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
        b
    });
    // Broken LaTeX: unbalanced braces and a missing \input.
    write(
        d,
        "latex/main.tex",
        b"\\documentclass{article}\n\\begin{document}\n\\input{missing}\n\\textbf{We trained {on a single GPU for 2 days.\n\\end{document}\n",
    );
    let o = run_in(d, &["extract", "."]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let docs = lines(&stdout(&o));
    let sources: Vec<&str> = docs.iter().map(|x| x["source"].as_str().unwrap()).collect();
    let mut sorted = sources.clone();
    sorted.sort();
    assert_eq!(sources, sorted, "output sorted by source");
    assert_eq!(docs.len(), 8, "{sources:?}");
    let by = |name: &str| {
        docs.iter()
            .find(|x| x["source"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("{name} missing: {sources:?}"))
    };
    for bad in [
        "empty.pdf",
        "html.pdf",
        "truncated.pdf",
        "image_only.pdf",
        "encrypted.pdf",
        "random.pdf",
    ] {
        let x = by(bad);
        assert!(x["error"].is_string(), "{bad}: {x}");
        assert_eq!(x["runs"], serde_json::json!([]), "{bad}");
        assert_eq!(x["reported"], false);
    }
    assert!(by("html.pdf")["error"].as_str().unwrap().contains("HTML"));
    let good = by("a_good.txt");
    assert!(good["error"].is_null());
    let run = &good["runs"][0];
    assert_eq!(run["hardware_id"], "nvidia-v100");
    assert_eq!(run["count"], 8);
    assert_eq!(run["hours"], 72.0);
    assert_eq!(run["purpose"], "training");
    assert_eq!(good["affiliations"], serde_json::json!([]));
    assert_eq!(good["countries"], serde_json::json!([]));
    // The broken LaTeX paper is read as far as it goes (or fails alone), never a panic.
    let latex = by("latex");
    assert!(latex["error"].is_string() || latex["runs"].is_array());
}

#[test]
fn every_document_failing_is_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty.pdf", b"");
    write(dir.path(), "html.pdf", b"<html>no</html>");
    let err = fails(dir.path(), &["extract", "."]);
    assert!(err.contains("none of the 2 documents"), "{err}");
}
