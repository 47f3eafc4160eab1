//! Zenodo records API: `/api/records/<id>` and community searches (`hits.hits`, `links.next`).
//!
//! Creators are `{"name": "Last, First"}`; the PDF is the first `.pdf` in `files`.

use serde_json::Value;

use super::config::ZenodoSource;
use super::http::Http;
use super::merge::{clean_name, normalise_doi, paper_id};
use super::source::{BoxFuture, Listing, Problem, Source};
use crate::error::{Error, Result};
use crate::model::Paper;

pub struct Zenodo(pub ZenodoSource);

impl Source for Zenodo {
    fn name(&self) -> String {
        "zenodo".to_string()
    }

    fn list<'a>(&'a self, http: &'a Http) -> BoxFuture<'a, Listing> {
        Box::pin(async move {
            let mut listing = Listing {
                source: self.name(),
                ..Default::default()
            };
            let venue = &self.0.venue;
            for id in &self.0.records {
                let location = self.0.url.replace("{id}", &id.to_string());
                let result = match http.get_text(&location).await {
                    Ok(text) => parse_record(&location, &text, venue),
                    Err(e) => Err(Error::invalid(&location, e.to_string())),
                };
                match result {
                    Ok(p) => listing.papers.push(p),
                    Err(e) => listing.problems.push(Problem {
                        location: location.clone(),
                        reason: e.to_string(),
                    }),
                }
            }
            let mut next = self.0.search.clone();
            let mut pages = 0;
            while let Some(location) = next.take() {
                if pages >= self.0.max_pages {
                    break;
                }
                pages += 1;
                let result = match http.get_text(&location).await {
                    Ok(text) => parse_search(&location, &text, venue),
                    Err(e) => Err(Error::invalid(&location, e.to_string())),
                };
                match result {
                    Ok((papers, n)) => {
                        listing.papers.extend(papers);
                        next = n;
                    }
                    Err(e) => listing.problems.push(Problem {
                        location,
                        reason: e.to_string(),
                    }),
                }
            }
            listing
        })
    }
}

fn json(file: &str, text: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|e| Error::Parse {
        file: file.to_string(),
        line: e.line(),
        message: e.to_string(),
    })
}

pub fn parse_record(file: &str, text: &str, venue: &str) -> Result<Paper> {
    record(file, &json(file, text)?, venue)
}

/// One search page: its papers and the next page's URL.
pub fn parse_search(file: &str, text: &str, venue: &str) -> Result<(Vec<Paper>, Option<String>)> {
    let doc = json(file, text)?;
    let hits = match doc.pointer("/hits/hits") {
        Some(Value::Array(a)) => a,
        None => return Ok((vec![], None)),
        Some(_) => return Err(Error::invalid(file, "hits.hits is not a list")),
    };
    let papers = hits
        .iter()
        .map(|r| record(file, r, venue))
        .collect::<Result<Vec<_>>>()?;
    let next = doc
        .pointer("/links/next")
        .and_then(Value::as_str)
        .map(str::to_string);
    Ok((papers, next))
}

fn record(file: &str, r: &Value, venue: &str) -> Result<Paper> {
    let id = r.get("id").map(|v| v.to_string()).unwrap_or_default();
    let bad = |field: &str, msg: &str| Error::invalid(file, format!("record {id}: {field}: {msg}"));
    let meta = r
        .get("metadata")
        .ok_or_else(|| bad("metadata", "missing"))?;
    let title = meta
        .get("title")
        .and_then(Value::as_str)
        .map(clean_name)
        .ok_or_else(|| bad("metadata.title", "missing or not a string"))?;
    let authors = meta
        .get("creators")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|c| c.get("name").and_then(Value::as_str))
                .map(|n| match n.split_once(',') {
                    Some((last, first)) => clean_name(&format!("{first} {last}")),
                    None => clean_name(n),
                })
                .collect()
        })
        .unwrap_or_default();
    let year = meta
        .get("publication_date")
        .and_then(Value::as_str)
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse().ok());
    let doi = r
        .get("doi")
        .or(meta.get("doi"))
        .and_then(Value::as_str)
        .and_then(normalise_doi);
    let pdf = r.get("files").and_then(Value::as_array).and_then(|files| {
        files.iter().find_map(|f| {
            let key = f.get("key").and_then(Value::as_str)?;
            let link = f.pointer("/links/self").and_then(Value::as_str)?;
            key.to_ascii_lowercase()
                .ends_with(".pdf")
                .then(|| (key.to_string(), link.to_string()))
        })
    });
    let number_hint = pdf.as_ref().map(|(key, _)| format!("/{key}"));
    Ok(Paper {
        id: paper_id(venue, year, number_hint.as_deref(), &title),
        venue: Some(venue.to_string()),
        year,
        title,
        authors,
        doi,
        pdf_url: pdf.map(|(_, link)| link),
        sha256: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_and_search_page() {
        let rec = r#"{"id": 10265213, "doi": "10.5281/zenodo.10265213",
          "metadata": {"title": "Exploring the Correspondence", "publication_date": "2023-11-04",
            "creators": [{"name": "Nadkarni, Shreyas"}, {"name": "Rao, Preeti"}]},
          "files": [{"key": "000001.pdf", "size": 10,
            "links": {"self": "https://zenodo.org/api/records/10265213/files/000001.pdf/content"}}]}"#;
        let p = parse_record("r.json", rec, "ismir").unwrap();
        assert_eq!(p.id, "ismir2023-001");
        assert_eq!(p.authors, vec!["Shreyas Nadkarni", "Preeti Rao"]);
        assert!(p.pdf_url.unwrap().ends_with("/content"));
        let page = format!(
            r#"{{"hits": {{"hits": [{rec}], "total": 2}}, "links": {{"next": "https://zenodo.org/api/records?page=2"}}}}"#
        );
        let (papers, next) = parse_search("s.json", &page, "ismir").unwrap();
        assert_eq!(papers.len(), 1);
        assert!(next.is_some());
        let err = parse_record("r.json", r#"{"id": 5, "metadata": {}}"#, "ismir").unwrap_err();
        assert!(
            err.to_string().contains("record 5: metadata.title"),
            "{err}"
        );
    }
}
