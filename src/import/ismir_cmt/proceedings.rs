//! The proceedings list that turns CMT submission numbers into proceedings ids, by title.

use super::*;

/// A proceedings paper: its number and links.
#[derive(Debug, Clone)]
pub(super) struct ProcPaper {
    pub(super) number: u32,
    pub(super) doi: Option<String>,
    pub(super) pdf_url: Option<String>,
}

/// Reads a conference-archive proceedings JSON (a list of papers with `title` and `ee`).
pub(super) fn read_proceedings(path: &Path) -> Result<HashMap<String, ProcPaper>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::read(path, e))?;
    let file = path.display().to_string();
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| Error::Parse {
        file: file.clone(),
        line: e.line(),
        message: e.to_string(),
    })?;
    let list = v
        .as_array()
        .ok_or_else(|| Error::invalid(&file, "expected a JSON list of papers"))?;
    let num_re = Regex::new(r"(\d+)\.pdf$").expect("valid regex");
    let mut out = HashMap::new();
    for p in list {
        let (Some(title), Some(ee)) = (
            p.get("title").and_then(|t| t.as_str()),
            p.get("ee").and_then(|t| t.as_str()),
        ) else {
            continue;
        };
        let Some(n) = num_re
            .captures(ee)
            .and_then(|c| c.get(1))
            .and_then(|m| m.as_str().parse::<u32>().ok())
        else {
            continue;
        };
        out.insert(
            title_key(title),
            ProcPaper {
                number: n,
                doi: p.get("doi").and_then(|d| d.as_str()).map(String::from),
                pdf_url: Some(ee.to_string()),
            },
        );
    }
    Ok(out)
}
