//! HTML of the review UI. Every piece of paper text is escaped: it is untrusted.

use std::collections::BTreeMap;

use crate::annotate::{current_origin, current_value, AffiliationField, FieldPath, RunField};
use crate::estimate::fmt_num;
use crate::explain::html_escape as esc;
use crate::model::{Evidence, Origin, PaperRecord, Purpose, Run, RunEstimate};
use crate::text::Page;

use super::page_image::QuoteBoxes;
use super::queue::QueueItem;

/// Served as `/review.css`; the CSP allows no inline style.
pub const STYLE: &str = "body{font-family:sans-serif;margin:1.2em;line-height:1.35;color:#222}\
table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}\
mark{background:#ffe58a}kbd{border:1px solid #999;padding:0 .3em;border-radius:3px}\
.msg{padding:.5em;border:1px solid #c00;background:#fee}\
.run{display:grid;grid-template-columns:minmax(36em,1fr) minmax(20em,600px);gap:1em;margin:1em 0;align-items:start}\
.card{border:1px solid #bbb;border-radius:6px;padding:.6em .8em;background:#fff}\
.card h2{font-size:1.1em;margin:.1em 0 .5em}.card.other{background:#f4f4f4;border-style:dashed}\
.tag{font-size:.8em;padding:.1em .4em;border-radius:3px;background:#e3f0e2;color:#2d5a2b;margin-left:.4em}\
.other .tag{background:#eee;color:#666}.conf{font-size:.8em;color:#666;margin-left:.4em}\
.formula{display:flex;flex-wrap:wrap;align-items:flex-start;gap:.3em}\
.op{font-size:1.3em;padding-top:1.1em;color:#555}\
.val{position:relative;border:1px solid #ddd;border-radius:4px;padding:.2em .35em;background:#fcfcfc}\
.val.focus{outline:2px solid #4c8c4a}.val label{display:flex;flex-direction:column;font-size:.75em;color:#666}\
.val input[name=value]{font-size:1.2em;width:4em}.val.wide input[name=value]{width:8em}.paper .val.wide input[name=value]{width:16em}\
.val .more{display:none;position:absolute;top:100%;left:-1px;z-index:2;min-width:15em;background:#fff;border:1px solid #bbb;border-radius:0 0 4px 4px;padding:.3em;box-shadow:0 2px 6px #0003}\
.val:focus-within .more,.val.focus .more,.val:hover .more{display:block}\
.val .reason{width:100%;box-sizing:border-box;font-size:.85em}\
.val button{font-size:.8em;padding:0 .4em}.btns{display:block;margin-top:.2em}\
.origin{display:inline-block;font-size:.72em;padding:0 .3em;border-radius:3px;margin-top:.15em;background:#eee;color:#444}\
.o-extracted{background:#e6eefb;color:#1d4b8f}.o-annotated{background:#e3f0e2;color:#2d5a2b}\
.o-imported{background:#f6ecd9;color:#7a5310}.o-imputed,.o-default{background:#f1e4f3;color:#6b2a73}.o-none{background:#fff;color:#999;border:1px dashed #ccc}\
.kwh{font-size:1.3em;font-weight:bold;padding-top:.9em}.kwh small{font-weight:normal;color:#666;font-size:.6em}\
.missing{color:#8a3b00;font-size:.9em}\
blockquote.evidence{margin:.6em 0;padding:.3em .6em;border-left:4px solid #ffcf40;background:#fffbea}\
blockquote.evidence cite{display:block;font-size:.8em;color:#666;font-style:normal}\
.runactions{display:flex;gap:.6em;align-items:flex-start;margin-top:.4em}\
.source figure{margin:0}.pagebox{position:relative;line-height:0;border:1px solid #ccc;box-shadow:0 1px 4px #0002}\
.source img{width:100%}svg.marks{position:absolute;left:0;top:0;width:100%;height:100%;pointer-events:none}\
svg.marks rect{fill:#ffd400;fill-opacity:.35;stroke:#e0a800;stroke-width:.6}\
.source figcaption,.noimage{font-size:.85em;color:#666}.noimage{border:1px dashed #ccc;padding:1em;background:#fafafa}\
.page{white-space:pre-wrap;background:#fafafa;border:1px solid #ddd;padding:.6em;max-height:18em;overflow:auto;font-size:.85em}\
.authors{font-size:.9em;color:#444}";

fn layout(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <link rel=\"stylesheet\" href=\"/review.css\"></head><body>\n{body}\n</body></html>\n",
        esc(title)
    )
}

pub fn queue_page(survey: &str, by: &str, items: &[QueueItem]) -> String {
    let mut rows = String::new();
    for i in items {
        let status = if i.disagreement {
            "disagreement"
        } else if i.reviewed {
            "reviewed"
        } else {
            "unreviewed"
        };
        rows.push_str(&format!(
            "<tr><td><a href=\"/paper/{id}\">{id}</a></td><td>{title}</td><td>{status}</td><td>{conf:.2}</td><td>{n}</td></tr>\n",
            id = esc(&i.id),
            title = esc(&i.title),
            conf = i.confidence,
            n = i.corrections
        ));
    }
    layout(
        &format!("Review {survey}"),
        &format!(
            "<h1>Review queue — {}</h1><p>Annotator: <b>{}</b>. Papers by need: disagreement, unreviewed, lowest confidence.</p>\
             <table id=\"queue\"><thead><tr><th>paper</th><th>title</th><th>status</th><th>confidence</th><th>corrections</th></tr></thead>\
             <tbody>\n{rows}</tbody></table>",
            esc(survey),
            esc(by)
        ),
    )
}

/// The image of one PDF page beside a run: its URL, or why there is none.
pub type PageImage = Result<String, String>;

/// Everything the paper page shows, gathered by the server.
pub struct PaperView<'a> {
    pub rec: &'a PaperRecord,
    /// The paper's text by page (from the text cache), for the highlighted excerpt.
    pub pages: Option<&'a [Page]>,
    pub pdf_link: Option<String>,
    /// By page number: the rendered page image or why it is missing.
    pub images: BTreeMap<u32, PageImage>,
    /// By (run index, page): where the run's quotes sit on the page image.
    pub marks: BTreeMap<(usize, u32), QuoteBoxes>,
    /// The method the kWh are computed with.
    pub method: &'a str,
    /// Per run index: its estimate under the method, or the inputs it lacks.
    pub estimates: Vec<Result<RunEstimate, Vec<String>>>,
    pub by: &'a str,
    pub csrf: &'a str,
    pub message: Option<&'a str>,
}

/// The run's evidence, each quote once: the run's own list, then any quote a field's origin
/// carries that the run's list lacks (older records keep quotes only there).
pub fn run_evidence(run: &Run) -> Vec<Evidence> {
    let origins = [
        run.hardware.as_ref().map(|f| &f.origin),
        run.count.as_ref().map(|f| &f.origin),
        run.hours.as_ref().map(|f| &f.origin),
        run.multiplier.as_ref().map(|f| &f.origin),
        run.tdp_w.as_ref().map(|f| &f.origin),
    ];
    let from_origins = origins.into_iter().flatten().flat_map(|o| match o {
        Origin::Extracted { evidence, .. } => evidence.as_slice(),
        _ => &[],
    });
    let mut out: Vec<Evidence> = Vec::new();
    for ev in run.evidence.iter().chain(from_origins) {
        if !out
            .iter()
            .any(|o| o.text.trim() == ev.text.trim() && (o.page == ev.page || ev.page.is_none()))
        {
            out.push(ev.clone());
        }
    }
    out
}

/// Where the quote sits in the page text, as byte offsets: the stored offsets when they point
/// at the quote (as bytes or as characters), else the quote's first occurrence.
pub fn evidence_span(text: &str, ev: &Evidence) -> Option<(usize, usize)> {
    let quote = ev.text.trim();
    let matches = |s: usize, e: usize| {
        s < e
            && e <= text.len()
            && text.is_char_boundary(s)
            && text.is_char_boundary(e)
            && text[s..e].trim() == quote
    };
    if let (Some(s), Some(e)) = (ev.start, ev.end) {
        if matches(s, e) {
            return Some((s, e));
        }
        let byte = |c: usize| {
            text.char_indices()
                .map(|(b, _)| b)
                .chain(std::iter::once(text.len()))
                .nth(c)
        };
        if let (Some(bs), Some(be)) = (byte(s), byte(e)) {
            if matches(bs, be) {
                return Some((bs, be));
            }
        }
    }
    if quote.is_empty() {
        return None;
    }
    text.find(quote).map(|s| (s, s + quote.len()))
}

/// Page text with the evidence spans marked (byte offsets into the page text).
fn highlighted(page: &Page, spans: &[(usize, usize)]) -> String {
    let text = &page.text;
    let mut spans: Vec<(usize, usize)> = spans
        .iter()
        .copied()
        .filter(|(s, e)| {
            s < e && *e <= text.len() && text.is_char_boundary(*s) && text.is_char_boundary(*e)
        })
        .collect();
    spans.sort();
    let mut out = String::new();
    let mut at = 0;
    for (s, e) in spans {
        if s < at {
            continue;
        }
        out.push_str(&esc(&text[at..s]));
        out.push_str(&format!("<mark>{}</mark>", esc(&text[s..e])));
        at = e;
    }
    out.push_str(&esc(&text[at..]));
    out
}

/// One short word for the origin, and a longer account for its tooltip (never the quote:
/// the run shows that once).
fn origin_tag(origin: Option<&Origin>, empty: bool) -> (String, &'static str, String) {
    match origin {
        None if empty => ("not stated".into(), "none", String::new()),
        None => (String::new(), "none", String::new()),
        Some(Origin::Extracted { confidence, .. }) => (
            format!("extracted {confidence:.2}"),
            "extracted",
            format!("read from the paper, confidence {confidence:.2}"),
        ),
        Some(o @ Origin::Annotated { by, .. }) => {
            (format!("annotated by {by}"), "annotated", o.describe())
        }
        Some(o) => (o.kind().to_string(), o.kind(), o.describe()),
    }
}

/// One editable value: its own small form (value, reason, save / accept / reject) and origin.
/// `fallback` is what the method uses when the record holds nothing (a catalog TDP).
fn value_cell(
    rec: &PaperRecord,
    path: &FieldPath,
    label: &str,
    csrf: &str,
    fallback: Option<(String, String)>,
) -> String {
    let value = current_value(rec, path).unwrap_or_default();
    let (mut tag, mut kind, mut title) = origin_tag(current_origin(rec, path), value.is_empty());
    let mut placeholder = String::new();
    if value.is_empty() {
        if let Some((v, source)) = fallback {
            placeholder = v;
            tag = "catalog".into();
            kind = "default";
            title = source;
        }
    }
    let name = path.to_string();
    let wide = matches!(
        path,
        FieldPath::RunField(_, RunField::Hardware | RunField::Multiplier)
            | FieldPath::Countries
            | FieldPath::Affiliation(_, AffiliationField::Text)
    );
    let size = value.chars().count().clamp(3, 40);
    format!(
        "<div class=\"field val{w}\" data-field=\"{f}\">\
         <form method=\"post\" action=\"/paper/{id}/correct\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">\
         <input type=\"hidden\" name=\"field\" value=\"{f}\">\
         <input type=\"hidden\" name=\"replaces\" value=\"{v}\">\
         <label>{label}<input name=\"value\" value=\"{v}\" placeholder=\"{ph}\" size=\"{size}\" aria-label=\"{f}\"></label>\
         <div class=\"more\"><input class=\"reason\" name=\"reason\" placeholder=\"why (quote the paper)\">\
         <span class=\"btns\"><button name=\"action\" value=\"set\" title=\"save (Enter)\">save</button>\
         <button name=\"action\" value=\"accept\" title=\"accept (a)\">accept</button>\
         <button name=\"action\" value=\"reject\" title=\"reject (r)\">reject</button></span></div></form>\
         {origin}</div>",
        w = if wide { " wide" } else { "" },
        f = esc(&name),
        id = esc(&rec.paper.id),
        csrf = esc(csrf),
        v = esc(&value),
        ph = esc(&placeholder),
        label = esc(label),
        origin = if tag.is_empty() {
            String::new()
        } else {
            format!(
                "<span class=\"origin o-{kind}\" title=\"{}\">{}</span>",
                esc(&title),
                esc(&tag)
            )
        },
    )
}

fn purpose_name(p: Purpose) -> &'static str {
    match p {
        Purpose::Training => "training",
        Purpose::Inference => "inference",
        Purpose::Benchmark => "benchmark",
        Purpose::DataGeneration => "data generation",
        Purpose::Other => "other / rejected",
    }
}

/// The run as one card: the formula of editable values, the kWh, the quote, the actions.
fn run_card(view: &PaperView, i: usize, run: &Run, evidence: &[Evidence]) -> String {
    let rec = view.rec;
    let csrf = view.csrf;
    let training = run.purpose == Purpose::Training;
    let cell = |rf: RunField, label: &str, fallback: Option<(String, String)>| {
        value_cell(rec, &FieldPath::RunField(i, rf), label, csrf, fallback)
    };
    let estimate = view.estimates.get(i);
    let catalog_tdp = match estimate {
        Some(Ok(e)) if run.tdp_w.is_none() => Some((fmt_num(e.tdp_w), e.tdp_source.clone())),
        _ => None,
    };
    let (kwh, missing) = match estimate {
        Some(Ok(e)) => {
            let d = e.device_kwh;
            let range = if d.low != d.high {
                format!(
                    " <small>{}–{}</small>",
                    fmt_num(round3(d.low)),
                    fmt_num(round3(d.high))
                )
            } else {
                String::new()
            };
            let counted = if training {
                ""
            } else {
                " <small>not counted</small>"
            };
            (
                format!("{} kWh{range}{counted}", fmt_num(round3(d.point))),
                String::new(),
            )
        }
        Some(Err(m)) => (
            "? kWh".to_string(),
            format!("<p class=\"missing\">missing: {}</p>", esc(&m.join(", "))),
        ),
        None => ("? kWh".into(), String::new()),
    };
    let quotes: String = evidence
        .iter()
        .map(|ev| {
            let page = ev
                .page
                .map(|n| {
                    let link = view
                        .pdf_link
                        .as_deref()
                        .map(|l| format!(" · <a href=\"{}#page={n}\">open PDF</a>", esc(l)))
                        .unwrap_or_default();
                    format!("page {n}{link}")
                })
                .unwrap_or_else(|| "page unknown".into());
            format!(
                "<blockquote class=\"evidence\">“{}”<cite>{page}</cite></blockquote>",
                esc(ev.text.trim())
            )
        })
        .collect();
    let quotes = if quotes.is_empty() {
        "<p class=\"missing\">no quote stored for this run</p>".to_string()
    } else {
        quotes
    };
    let reject_run = {
        let path = FieldPath::Run(i);
        let current = current_value(rec, &path).unwrap_or_default();
        let others: String = (0..rec.runs.len())
            .filter(|k| *k != i)
            .map(|k| format!("<option value=\"{k}\">run {k}</option>"))
            .collect();
        let merge = if others.is_empty() {
            String::new()
        } else {
            format!(
                "<button name=\"action\" value=\"merge\" title=\"reject this run as a duplicate of the chosen one\">merge into</button>\
                 <select name=\"value\" aria-label=\"run to keep\">{others}</select>"
            )
        };
        format!(
            "<div class=\"field val\" data-field=\"{f}\"><form method=\"post\" action=\"/paper/{id}/correct\">\
             <input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">\
             <input type=\"hidden\" name=\"field\" value=\"{f}\">\
             <input type=\"hidden\" name=\"replaces\" value=\"{v}\">\
             <label>whole run<input name=\"reason\" placeholder=\"why\" size=\"22\"></label>\
             <span class=\"btns\"><button name=\"action\" value=\"reject\" title=\"not a training run (r)\">reject run</button>\
             <button name=\"action\" value=\"split\" title=\"copy this run into a new run, then correct each\">split</button>\
             {merge}</span></form></div>",
            f = esc(&path.to_string()),
            id = esc(&rec.paper.id),
            csrf = esc(csrf),
            v = esc(&current),
        )
    };
    let conf = run
        .confidence
        .map(|c| format!("<span class=\"conf\">confidence {c:.2}</span>"))
        .unwrap_or_default();
    let purpose = purpose_name(run.purpose);
    let heading = if training {
        format!("Run {i}<span class=\"tag\">training</span>{conf}")
    } else {
        format!("Run {i}<span class=\"tag\">not training: {purpose}</span>{conf}")
    };
    format!(
        "<div class=\"card{other}\"><h2>{heading}</h2>\
         <div class=\"formula\">{hw}{tdp}<span class=\"op\">×</span>{count}<span class=\"op\">×</span>{hours}\
         <span class=\"op\">×</span>{mult}<span class=\"op\">→</span><div class=\"kwh\" title=\"device energy under {method}, before PUE\">{kwh}</div></div>\
         {missing}{quotes}<div class=\"runactions\">{purpose_cell}{reject_run}</div></div>",
        other = if training { "" } else { " other" },
        hw = cell(RunField::Hardware, "hardware", None),
        tdp = cell(RunField::TdpW, "TDP (W)", catalog_tdp),
        count = cell(RunField::Count, "count", None),
        hours = cell(RunField::Hours, "hours", None),
        mult = cell(RunField::Multiplier, "multiplier", None),
        method = esc(view.method),
        purpose_cell = cell(RunField::Purpose, "purpose", None),
    )
}

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// The PDF page image and the page text with the quotes marked, beside a run's card.
fn source_panel(view: &PaperView, run: usize, evidence: &[Evidence]) -> String {
    let mut by_page: BTreeMap<u32, Vec<&Evidence>> = BTreeMap::new();
    for ev in evidence {
        if let Some(n) = ev.page {
            by_page.entry(n).or_default().push(ev);
        }
    }
    let mut out = String::new();
    for (n, evs) in by_page {
        match view.images.get(&n) {
            Some(Ok(url)) => out.push_str(&format!(
                "<figure><div class=\"pagebox\"><img class=\"pdfpage\" src=\"{}\" alt=\"page {n} of the PDF\" loading=\"lazy\">{}</div>\
                 <figcaption>PDF page {n}{}</figcaption></figure>",
                esc(url),
                view.marks.get(&(run, n)).map(marks_svg).unwrap_or_default(),
                if view.marks.get(&(run, n)).is_some_and(|m| !m.boxes.is_empty()) {
                    ", the quote marked"
                } else {
                    ""
                }
            )),
            Some(Err(why)) => out.push_str(&format!(
                "<p class=\"noimage\">No image of page {n}: {}</p>",
                esc(why)
            )),
            None => {}
        }
        let page = view.pages.and_then(|ps| ps.iter().find(|p| p.number == n));
        if let Some(p) = page {
            let spans: Vec<(usize, usize)> = evs
                .iter()
                .filter_map(|ev| evidence_span(&p.text, ev))
                .collect();
            out.push_str(&format!(
                "<details class=\"pagetext\" open><summary>text of page {n}</summary><div class=\"page\">{}</div></details>",
                highlighted(p, &spans)
            ));
        }
    }
    out
}

/// Boxes over the page image (in PDF points; the SVG scales with the image).
fn marks_svg(m: &QuoteBoxes) -> String {
    if m.boxes.is_empty() || m.width <= 0.0 || m.height <= 0.0 {
        return String::new();
    }
    let rects: String = m
        .boxes
        .iter()
        .map(|[x0, y0, x1, y1]| {
            format!(
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"/>",
                x0 - 1.0,
                y0 - 1.0,
                x1 - x0 + 2.0,
                y1 - y0 + 2.0
            )
        })
        .collect();
    format!(
        "<svg class=\"marks\" viewBox=\"0 0 {:.1} {:.1}\" preserveAspectRatio=\"none\" aria-hidden=\"true\">{rects}</svg>",
        m.width, m.height
    )
}

/// The paper-level values (reported, disclosure, countries) and who the authors are.
fn paper_card(view: &PaperView) -> String {
    let rec = view.rec;
    let cells: String = [
        (FieldPath::Reported, "reported"),
        (FieldPath::Disclosure, "disclosure"),
        (FieldPath::Countries, "countries"),
    ]
    .iter()
    .map(|(p, l)| value_cell(rec, p, l, view.csrf, None))
    .collect();
    // Each affiliation and its country, editable; one more to add an affiliation missed.
    let mut affiliations = String::new();
    for i in 0..=rec.affiliations.len() {
        let text = FieldPath::Affiliation(i, AffiliationField::Text);
        let label = if i == rec.affiliations.len() {
            "add an affiliation".to_string()
        } else {
            format!("affiliation {i}")
        };
        affiliations.push_str(&value_cell(rec, &text, &label, view.csrf, None));
        if i < rec.affiliations.len() {
            let country = FieldPath::Affiliation(i, AffiliationField::Country);
            affiliations.push_str(&value_cell(rec, &country, "its country", view.csrf, None));
        }
    }
    let authors = if rec.paper.authors.is_empty() {
        String::new()
    } else {
        format!("Authors: {}.", esc(&rec.paper.authors.join(", ")))
    };
    format!(
        "<div class=\"card paper\"><h2>Paper</h2><div class=\"formula\">{cells}</div>\
         <p class=\"authors\">{authors} The paper's countries are corrected above; an affiliation's \
         country below is kept with the affiliation.</p><div class=\"formula\">{affiliations}</div></div>"
    )
}

pub fn paper_page(view: &PaperView) -> String {
    let rec = view.rec;
    let mut runs = String::new();
    for (i, run) in rec.runs.iter().enumerate() {
        let evidence = run_evidence(run);
        runs.push_str(&format!(
            "<section class=\"run\" id=\"run-{i}\" data-run=\"{i}\">{}<div class=\"source\">{}</div></section>\n",
            run_card(view, i, run, &evidence),
            source_panel(view, i, &evidence)
        ));
    }
    // One run past the last lets an annotator add a run the extractor missed.
    let n = rec.runs.len();
    runs.push_str(&format!(
        "<section class=\"run add\" id=\"run-{n}\"><div class=\"card other\"><h2>Add a run</h2>\
         <p class=\"authors\">Name its hardware to add <code>runs[{n}]</code>; then set its count, hours and multiplier.</p>\
         <div class=\"formula\">{}</div></div></section>\n",
        value_cell(
            rec,
            &FieldPath::RunField(n, RunField::Hardware),
            "hardware",
            view.csrf,
            None
        )
    ));
    let msg = view
        .message
        .map(|m| format!("<p class=\"msg\" role=\"alert\">{}</p>", esc(m)))
        .unwrap_or_default();
    let body = format!(
        "<p><a href=\"/\">← queue</a> · annotator <b>{by}</b> · kWh under <b>{method}</b> · keys: <kbd>j</kbd>/<kbd>k</kbd> move, \
         <kbd>a</kbd> accept, <kbd>e</kbd> edit, <kbd>r</kbd> reject, <kbd>Enter</kbd> save, <kbd>Esc</kbd> leave a box</p>\
         <h1>{title}</h1><p><code>{id}</code></p>{msg}{paper}\n{runs}\
         <script src=\"/review.js\"></script>",
        by = esc(view.by),
        method = esc(view.method),
        title = esc(&rec.paper.title),
        id = esc(&rec.paper.id),
        paper = paper_card(view),
    );
    layout(&rec.paper.title, &body)
}

/// Keyboard shortcuts, served as `/review.js`; reads no paper text.
pub const SCRIPT: &str = r#"
(function(){
  var rows = Array.prototype.slice.call(document.querySelectorAll('.field'));
  var at = 0;
  function focus(i){ if(!rows.length) return; rows[at].classList.remove('focus'); at = Math.max(0, Math.min(rows.length-1, i)); rows[at].classList.add('focus'); rows[at].scrollIntoView({block:'nearest'}); }
  function submit(action){ var f = rows[at].querySelector('form'); var b = f.querySelector('button[value="'+action+'"]'); if (b) b.click(); }
  focus(0);
  document.addEventListener('keydown', function(e){
    if (e.target.tagName === 'INPUT') { if (e.key === 'Escape') e.target.blur(); return; }
    if (e.key === 'j') focus(at+1);
    else if (e.key === 'k') focus(at-1);
    else if (e.key === 'a') submit('accept');
    else if (e.key === 'r') submit('reject');
    else if (e.key === 'e') { e.preventDefault(); var v = rows[at].querySelector('input[name="value"]') || rows[at].querySelector('input[name="reason"]'); v.focus(); }
  });
})();
"#;

pub fn message_page(title: &str, message: &str) -> String {
    layout(
        title,
        &format!(
            "<h1>{}</h1><p class=\"msg\">{}</p><p><a href=\"/\">queue</a></p>",
            esc(title),
            esc(message)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(text: &str, start: Option<usize>, end: Option<usize>) -> Evidence {
        Evidence {
            page: Some(1),
            text: text.into(),
            start,
            end,
        }
    }

    #[test]
    fn evidence_span_takes_byte_or_char_offsets_or_finds_the_quote() {
        let text = "Überblick. We used 4 GPUs for 2 days.";
        let q = "We used 4 GPUs";
        let b = text.find(q).unwrap();
        assert_eq!(
            evidence_span(text, &ev(q, Some(b), Some(b + q.len()))),
            Some((b, b + q.len()))
        );
        let c = text[..b].chars().count();
        assert_eq!(
            evidence_span(text, &ev(q, Some(c), Some(c + q.len()))),
            Some((b, b + q.len()))
        );
        assert_eq!(
            evidence_span(text, &ev(q, None, None)),
            Some((b, b + q.len()))
        );
        assert_eq!(evidence_span(text, &ev("absent", Some(0), Some(3))), None);
    }

    #[test]
    fn a_quote_repeated_in_field_origins_is_shown_once() {
        use crate::model::Field;
        let quote = ev("4 GPUs for 2 days", None, None);
        let extracted = Origin::Extracted {
            confidence: 0.9,
            evidence: vec![quote.clone()],
        };
        let run = Run {
            count: Some(Field::new(4, extracted.clone())),
            tdp_w: Some(Field::new(250.0, extracted)),
            evidence: vec![quote],
            ..Run::default()
        };
        assert_eq!(run_evidence(&run).len(), 1);
    }
}
