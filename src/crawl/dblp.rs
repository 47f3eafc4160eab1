//! DBLP's publication search API for one table of contents
//! (`/search/publ/api?q=toc:db/conf/ismir/ismir2023.bht:&h=1000&format=json`).
//!
//! Quirks handled: `@total` is a string; a single author is an object, not a list; `hit` is
//! missing when nothing matched; titles end with a full stop; the proceedings volume itself
//! is a hit (type "Editorship") and is skipped.

use serde_json::Value;

use super::merge::{clean_name, normalise_doi, paper_id};
use crate::error::{Error, Result};
use crate::model::Paper;

pub fn parse(file: &str, text: &str, venue: &str, year: i32) -> Result<Vec<Paper>> {
    let doc: Value = serde_json::from_str(text).map_err(|e| Error::Parse {
        file: file.to_string(),
        line: e.line(),
        message: e.to_string(),
    })?;
    let hits = doc
        .pointer("/result/hits")
        .ok_or_else(|| Error::invalid(file, "no result.hits"))?;
    let total: usize = match hits.get("@total") {
        Some(Value::String(s)) => s.parse().map_err(|_| {
            Error::invalid(file, format!("result.hits.@total {s:?} is not a number"))
        })?,
        Some(Value::Number(n)) => n.as_u64().unwrap_or(0) as usize,
        _ => 0,
    };
    let list: Vec<&Value> = match hits.get("hit") {
        None | Some(Value::Null) => vec![],
        Some(Value::Array(a)) => a.iter().collect(),
        Some(one @ Value::Object(_)) => vec![one],
        Some(_) => return Err(Error::invalid(file, "result.hits.hit is not a list")),
    };
    if list.len() < total.min(1000) {
        return Err(Error::invalid(
            file,
            format!("{} hits of @total {total}: raise h= in the URL", list.len()),
        ));
    }
    let mut out = Vec::new();
    for (i, hit) in list.iter().enumerate() {
        let info = hit
            .get("info")
            .ok_or_else(|| Error::cell(file, i + 1, "info", "missing"))?;
        if info.get("type").and_then(Value::as_str) == Some("Editorship") {
            continue;
        }
        let title = info
            .get("title")
            .and_then(Value::as_str)
            .map(|t| clean_name(t.trim_end_matches('.')))
            .ok_or_else(|| Error::cell(file, i + 1, "title", "missing or not a string"))?;
        let authors = match info.pointer("/authors/author") {
            Some(Value::Array(a)) => a.iter().filter_map(author_name).collect(),
            Some(one) => author_name(one).into_iter().collect(),
            None => vec![],
        };
        let entry_year = info
            .get("year")
            .and_then(|y| {
                y.as_str()
                    .and_then(|s| s.parse().ok())
                    .or(y.as_i64().map(|n| n as i32))
            })
            .unwrap_or(year);
        let ee = info.get("ee").and_then(Value::as_str);
        let doi = info
            .get("doi")
            .and_then(Value::as_str)
            .or(ee)
            .and_then(normalise_doi);
        let pdf_url = ee.filter(|u| u.ends_with(".pdf")).map(str::to_string);
        out.push(Paper {
            id: paper_id(venue, Some(entry_year), pdf_url.as_deref(), &title),
            venue: Some(venue.to_string()),
            year: Some(entry_year),
            title,
            authors,
            doi,
            pdf_url,
            sha256: None,
        });
    }
    Ok(out)
}

/// `{"@pid": "…", "text": "Name 0001"}` or a plain string; DBLP's homonym numbers dropped.
fn author_name(v: &Value) -> Option<String> {
    let s = v.get("text").and_then(Value::as_str).or(v.as_str())?;
    let s = s.trim();
    let s = match s.rsplit_once(' ') {
        Some((name, n)) if n.len() == 4 && n.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => s,
    };
    Some(clean_name(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_author_object_string_total_and_missing_hit() {
        let text = r#"{"result":{"hits":{"@total":"2","@sent":"2","hit":[
 {"info":{"authors":{"author":{"@pid":"1","text":"Preeti Rao 0001"}},"title":"One Author.",
  "venue":"ISMIR","year":"2023","type":"Conference and Workshop Papers",
  "doi":"10.5281/ZENODO.10265213","ee":"https://doi.org/10.5281/zenodo.10265213"}},
 {"info":{"authors":{"author":[{"@pid":"2","text":"A B"},{"@pid":"3","text":"C D"}]},
  "title":"Two.","year":"2023","type":"Conference and Workshop Papers",
  "ee":"https://archives.ismir.net/ismir2023/paper/000002.pdf"}}]}}}"#;
        let p = parse("d.json", text, "ismir", 2023).unwrap();
        assert_eq!(p[0].authors, vec!["Preeti Rao"]);
        assert_eq!(p[0].title, "One Author");
        assert_eq!(p[0].doi.as_deref(), Some("10.5281/zenodo.10265213"));
        assert_eq!(p[1].id, "ismir2023-002");
        let empty = r#"{"result":{"hits":{"@total":"0","@sent":"0","@first":"0"}}}"#;
        assert!(parse("d.json", empty, "ismir", 2023).unwrap().is_empty());
        let short = r#"{"result":{"hits":{"@total":"5","hit":[]}}}"#;
        assert!(parse("d.json", short, "ismir", 2023).is_err());
    }
}
