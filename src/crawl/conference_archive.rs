//! ismir/conference-archive `database/proceedings/YYYY.json`: the ISMIR paper list.
//!
//! Quirks handled: 2020 spells `Abstract` and has `year` as a number; 2018's `ee` points at
//! an old Zenodo file URL (`/api/files/<bucket>/72_Paper.pdf`), rebuilt from `zenodo_id`;
//! author names carry stray spaces in 2020.

use serde_json::Value;

use super::merge::{clean_name, normalise_doi, paper_id};
use crate::error::{Error, Result};
use crate::model::Paper;

/// Parses one year's file. `year` is used when an entry has none.
pub fn parse(file: &str, text: &str, venue: &str, year: i32) -> Result<Vec<Paper>> {
    let doc: Value = serde_json::from_str(text).map_err(|e| Error::Parse {
        file: file.to_string(),
        line: e.line(),
        message: e.to_string(),
    })?;
    let entries = doc
        .as_array()
        .ok_or_else(|| Error::invalid(file, "expected a JSON array of papers"))?;
    let mut out = Vec::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        let row = i + 1;
        let field = |name: &str, msg: &str| Error::cell(file, row, name, msg);
        let title = e
            .get("title")
            .and_then(Value::as_str)
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .ok_or_else(|| field("title", "missing or not a string"))?;
        let authors = match e.get("author") {
            Some(Value::Array(a)) => a
                .iter()
                .map(|v| {
                    v.as_str()
                        .map(clean_name)
                        .ok_or_else(|| field("author", "an author is not a string"))
                })
                .collect::<Result<Vec<_>>>()?,
            Some(Value::String(s)) => vec![clean_name(s)],
            None | Some(Value::Null) => vec![],
            Some(_) => return Err(field("author", "expected a list of names")),
        };
        let entry_year = match e.get("year") {
            Some(Value::Number(n)) => n.as_i64().map(|y| y as i32),
            Some(Value::String(s)) => Some(
                s.trim()
                    .parse()
                    .map_err(|_| field("year", &format!("{s:?} is not a year")))?,
            ),
            _ => None,
        }
        .unwrap_or(year);
        let doi = e.get("doi").and_then(Value::as_str).and_then(normalise_doi);
        let zenodo_id = e.get("zenodo_id").and_then(Value::as_u64);
        let ee = e.get("ee").and_then(Value::as_str).map(str::trim);
        let pdf_url = match (ee, zenodo_id) {
            (Some(ee), Some(z)) if ee.contains("/api/files/") => {
                let name = ee.rsplit('/').next().unwrap_or_default();
                Some(format!("https://zenodo.org/record/{z}/files/{name}"))
            }
            (Some(ee), _) if !ee.is_empty() => Some(ee.to_string()),
            _ => None,
        };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quirks_of_2018_and_2020() {
        let text = r#"[
 {"title": "A Confidence Measure For Key Labelling", "author": ["Roman B. Gebhardt"],
  "year": "2018", "doi": "10.5281/zenodo.1492333",
  "ee": "https://zenodo.org/api/files/eaecfb4b-c463-48d8-bbec-66684e3628e5/72_Paper.pdf",
  "zenodo_id": 1492333},
 {"title": "Music Structure Analysis", "author": [" Go Shibata", " Ryo  Nishikimi"],
  "year": 2020, "Abstract": "x", "ee": "http://archives.ismir.net/ismir2020/paper/000005.pdf"}
]"#;
        let p = parse("y.json", text, "ismir", 2018).unwrap();
        assert_eq!(
            p[0].pdf_url.as_deref(),
            Some("https://zenodo.org/record/1492333/files/72_Paper.pdf")
        );
        assert_eq!(p[0].id, "ismir2018-072");
        assert_eq!(p[1].year, Some(2020));
        assert_eq!(p[1].id, "ismir2020-005");
        assert_eq!(p[1].authors, vec!["Go Shibata", "Ryo Nishikimi"]);
    }

    #[test]
    fn bad_entries_are_named() {
        let err = parse(
            "2023.json",
            r#"[{"title": "ok"}, {"author": []}]"#,
            "ismir",
            2023,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("2023.json, row 2, column \"title\""), "{err}");
        let err = parse("2023.json", "{\"a\": 1", "ismir", 2023)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("2023.json, line 1"), "{err}");
    }
}
