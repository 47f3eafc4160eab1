//! HTML of the review UI. Every piece of paper text is escaped: it is untrusted.

use crate::annotate::{current_origin, current_value, FieldPath, RunField};
use crate::explain::html_escape as esc;
use crate::model::PaperRecord;
use crate::text::Page;

use super::queue::QueueItem;

const STYLE: &str = "body{font-family:sans-serif;margin:1.5em;line-height:1.4}\
table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}\
tr.focus{outline:2px solid #4c8c4a}mark{background:#ffe58a}.origin{color:#555;font-size:.85em;overflow-wrap:anywhere}\
.page{white-space:pre-wrap;background:#fafafa;border:1px solid #ddd;padding:.6em;max-height:30em;overflow:auto}\
.msg{padding:.5em;border:1px solid #c00;background:#fee}kbd{border:1px solid #999;padding:0 .3em;border-radius:3px}";

fn layout(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>{STYLE}</style></head><body>\n{body}\n</body></html>\n",
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

/// Page text with the evidence spans marked (offsets are byte offsets into the page text).
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

fn field_row(rec: &PaperRecord, path: &FieldPath, csrf: &str) -> String {
    let value = current_value(rec, path).unwrap_or_default();
    let origin = current_origin(rec, path)
        .map(|o| o.describe())
        .unwrap_or_else(|| {
            if value.is_empty() {
                "not stated".into()
            } else {
                String::new()
            }
        });
    let id = &rec.paper.id;
    let name = path.to_string();
    format!(
        "<tr class=\"field\" data-field=\"{f}\"><td><code>{f}</code></td>\
         <td><form method=\"post\" action=\"/paper/{id}/correct\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">\
         <input type=\"hidden\" name=\"field\" value=\"{f}\">\
         <input type=\"hidden\" name=\"replaces\" value=\"{v}\">\
         <input name=\"value\" value=\"{v}\" aria-label=\"{f}\">\
         <input name=\"reason\" placeholder=\"why (quote the paper)\">\
         <button name=\"action\" value=\"set\">save</button>\
         <button name=\"action\" value=\"accept\">accept</button>\
         <button name=\"action\" value=\"reject\">reject</button></form>\
         <div class=\"origin\">{o}</div></td></tr>\n",
        f = esc(&name),
        id = esc(id),
        csrf = esc(csrf),
        v = esc(&value),
        o = esc(&origin)
    )
}

pub fn paper_page(
    rec: &PaperRecord,
    pages: Option<&[Page]>,
    pdf_link: Option<String>,
    by: &str,
    csrf: &str,
    message: Option<&str>,
) -> String {
    let mut rows = String::new();
    for path in [
        FieldPath::Reported,
        FieldPath::Disclosure,
        FieldPath::Countries,
    ] {
        rows.push_str(&field_row(rec, &path, csrf));
    }
    // One run past the last lets an annotator add a run the extractor missed.
    for i in 0..=rec.runs.len() {
        for rf in [
            RunField::Hardware,
            RunField::Count,
            RunField::Hours,
            RunField::Multiplier,
            RunField::TdpW,
            RunField::Purpose,
        ] {
            if i == rec.runs.len() && rf != RunField::Hardware {
                continue;
            }
            rows.push_str(&field_row(rec, &FieldPath::RunField(i, rf), csrf));
        }
    }
    let mut evidence = String::new();
    for (i, run) in rec.runs.iter().enumerate() {
        for ev in &run.evidence {
            let page = ev
                .page
                .and_then(|n| pages.and_then(|ps| ps.iter().find(|p| p.number == n)));
            let spans: Vec<(usize, usize)> = match (ev.start, ev.end) {
                (Some(s), Some(e)) => vec![(s, e)],
                _ => page
                    .and_then(|p| p.text.find(&ev.text).map(|s| (s, s + ev.text.len())))
                    .into_iter()
                    .collect(),
            };
            let link = match (&pdf_link, ev.page) {
                (Some(l), Some(n)) => format!(" <a href=\"{}#page={n}\">PDF page {n}</a>", esc(l)),
                _ => String::new(),
            };
            evidence.push_str(&format!(
                "<h3>run {i}: “{}”{}{link}</h3>",
                esc(&ev.text),
                ev.page.map(|n| format!(" (page {n})")).unwrap_or_default()
            ));
            if let Some(p) = page {
                evidence.push_str(&format!(
                    "<div class=\"page\">{}</div>",
                    highlighted(p, &spans)
                ));
            }
        }
    }
    let msg = message
        .map(|m| format!("<p class=\"msg\" role=\"alert\">{}</p>", esc(m)))
        .unwrap_or_default();
    let body = format!(
        "<p><a href=\"/\">← queue</a> · annotator <b>{by}</b> · keys: <kbd>j</kbd>/<kbd>k</kbd> move, \
         <kbd>a</kbd> accept, <kbd>e</kbd> edit, <kbd>r</kbd> reject, <kbd>Enter</kbd> save</p>\
         <h1>{title}</h1><p><code>{id}</code></p>{msg}\
         <table id=\"fields\"><tbody>\n{rows}</tbody></table>\n<h2>Evidence</h2>{evidence}\n\
         <script>{SCRIPT}</script>",
        by = esc(by),
        title = esc(&rec.paper.title),
        id = esc(&rec.paper.id),
    );
    layout(&rec.paper.title, &body)
}

/// Keyboard shortcuts; reads no paper text, so no escaping concerns here.
const SCRIPT: &str = r#"
(function(){
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.field'));
  var at = 0;
  function focus(i){ if(!rows.length) return; rows[at].classList.remove('focus'); at = Math.max(0, Math.min(rows.length-1, i)); rows[at].classList.add('focus'); rows[at].scrollIntoView({block:'nearest'}); }
  function submit(action){ var f = rows[at].querySelector('form'); var b = f.querySelector('button[value="'+action+'"]'); b.click(); }
  focus(0);
  document.addEventListener('keydown', function(e){
    if (e.target.tagName === 'INPUT') { if (e.key === 'Escape') e.target.blur(); return; }
    if (e.key === 'j') focus(at+1);
    else if (e.key === 'k') focus(at-1);
    else if (e.key === 'a') submit('accept');
    else if (e.key === 'r') submit('reject');
    else if (e.key === 'e') { e.preventDefault(); rows[at].querySelector('input[name="value"]').focus(); }
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
