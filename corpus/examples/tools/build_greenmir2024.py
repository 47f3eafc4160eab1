"""Writes corpus/examples/greenmir2024.csv: the Green MIR study's published per-paper figures.

Run from the repo root, with the study's dataset (its two CSV sheets) in a folder:

    python3 corpus/examples/tools/build_greenmir2024.py ../shared/data/greenmir \
        > corpus/examples/greenmir2024.csv

Holzapfel, Kaila, Jääskeläinen, "Green MIR? Investigating computational cost of recent
music-AI research in ISMIR", ISMIR 2024, pp. 371-377; dataset doi:10.5281/zenodo.12750436
(CC BY 4.0). Only facts are kept, one row per paper: its id (from the archive link), year,
title, PDF link, which corpus of the study it is in, the disclosure class the annotators gave,
the hardware the paper names (corpus 1 only; the study withholds corpus 2's text columns), TDP,
device count, training hours and kWh as the study computed them (`;` between runs, as in the
sheets), and the author countries as the study spelled them. The annotators' quotes and notes
are not copied. `greenmir import greenmir2024` reads the result; the corpus evaluation checks
that it gives the same figures as the sheets themselves (tests/suite/corpus/greenmir_sheets.rs).
"""
import csv, os, re, sys

SOURCE = "Holzapfel, Kaila, Jääskeläinen, ISMIR 2024 (Green MIR), dataset doi:10.5281/zenodo.12750436"
SHEETS = [("1", "corpus1_automatic_music_generation.csv"),
          ("2", "corpus2_computing_heavy_music_analysis.csv")]
# The hardware each corpus-1 paper with figures names (read from the study's "Resources"
# column and written as a model name; by Global_idx).
HARDWARE = {
    "11": "NVIDIA GeForce RTX 3090", "13": "NVIDIA V100", "14": "NVIDIA Tesla V100-SXM2-32GB",
    "16": "NVIDIA GeForce GTX 1080 Ti", "20": "NVIDIA GeForce RTX 2080 Ti", "22": "Google TPU v4",
    "29": "NVIDIA GeForce RTX 2080 Ti", "34": "NVIDIA Tesla V100", "42": "NVIDIA T4",
    "54": "NVIDIA GeForce GTX 1080 Ti", "58": "NVIDIA Titan X", "67": "NVIDIA GeForce GTX 1080",
    "77": "NVIDIA Tesla K80",
}

def blank(s):
    return s.strip().lower() in ("", "n/a", "na")

def numbers(s):
    return "" if blank(s) else ";".join(p.strip() for p in s.split(";"))

def main(folder):
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["id", "year", "title", "pdf_url", "corpus", "disclosure", "hardware", "tdp_w",
                  "count", "hours", "energy_kwh", "countries", "source"])
    rows = []
    for corpus, name in SHEETS:
        with open(os.path.join(folder, name), newline="", encoding="utf-8-sig") as f:
            for row_no, r in enumerate(csv.DictReader(f), start=2):
                if r["Global_idx"].startswith("(description"):
                    continue
                link = r["Link"].strip()
                m = re.search(r"ismir(\d{4})/paper/0*(\d+)\.pdf", link)
                pid = f"ismir{m[1]}-{int(m[2]):03d}" if m else f"greenmir-{r['Global_idx'].strip()}"
                info = r.get("Total Compute Info") or r.get("Total Compute Info (Train)")
                countries = ", ".join(c.strip() for c in (r.get("Countries") or "").split(",")
                                      if not blank(c))
                rows.append([pid, r["Year"].strip(), r["Title"].strip(), link, corpus,
                             info.strip(), HARDWARE.get(r["Global_idx"].strip(), ""),
                             numbers(r["TDP/W"]), numbers(r["Number of GPUs"]),
                             numbers(r["Training time (2)"]), numbers(r["Energy cost"]),
                             countries, f"{SOURCE}, corpus {corpus} sheet row {row_no}"])
    rows.sort(key=lambda r: r[0])
    ids = [r[0] for r in rows]
    assert len(ids) == len(set(ids)), "paper ids are unique"
    out.writerows(rows)

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/greenmir")
