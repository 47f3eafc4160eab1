//! The ismir.net proceedings pages, one table row per paper: the Markdown source
//! (`|Authors<br>**[Title](doi)** pages[[pdf](url)]|`) or the rendered HTML of that table.

use std::sync::OnceLock;

use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};

use super::merge::{clean_name, normalise_doi, paper_id};
use crate::error::{Error, Result};
use crate::model::Paper;

/// Markdown or HTML, whichever the text is.
pub fn parse(file: &str, text: &str, venue: &str, year: i32) -> Result<Vec<Paper>> {
    let lower = text.to_ascii_lowercase();
    let papers = if lower.contains("<td") || lower.contains("<html") {
        parse_html(text, venue, year)
    } else {
        parse_markdown(file, text, venue, year)?
    };
    if papers.is_empty() {
        return Err(Error::invalid(
            file,
            "no paper rows found (expected `|Authors<br>**[Title](doi)** pages[[pdf](url)]|`)",
        ));
    }
    Ok(papers)
}

fn row_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^\|\s*(?P<authors>.*?)\s*<br\s*/?>\s*\*\*\[(?P<title>.+?)\]\((?P<doi>[^)]*)\)\*\*\s*(?P<pages>[0-9][0-9\-–]*)?\s*(?:\[\[pdf\]\((?P<pdf>[^)]+)\)\])?\s*\|?\s*$",
        )
        .expect("valid regex")
    })
}

/// Paper rows of a Markdown page. Links may carry stray whitespace (2020:
/// `(https://doi.org/10.5281/zenodo.4245404 \t)`). A row that starts like a paper (`|…<br>`) but does not
/// match is an error naming its line.
pub fn parse_markdown(file: &str, text: &str, venue: &str, year: i32) -> Result<Vec<Paper>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if !line.starts_with('|') || !line.contains("<br") {
            continue;
        }
        let c = row_re().captures(line).ok_or_else(|| Error::Parse {
            file: file.to_string(),
            line: i + 1,
            message: "paper row not in the form |Authors<br>**[Title](doi)** pages[[pdf](url)]|"
                .to_string(),
        })?;
        let authors = split_authors(&c["authors"]);
        out.push(paper(
            venue,
            year,
            &c["title"],
            authors,
            Some(&c["doi"]),
            c.name("pdf").map(|m| m.as_str().trim()),
        ));
    }
    Ok(out)
}

fn split_authors(s: &str) -> Vec<String> {
    s.split(',')
        .map(clean_name)
        .filter(|a| !a.is_empty())
        .collect()
}

fn paper(
    venue: &str,
    year: i32,
    title: &str,
    authors: Vec<String>,
    doi: Option<&str>,
    pdf: Option<&str>,
) -> Paper {
    let title = clean_name(title);
    Paper {
        id: paper_id(venue, Some(year), pdf, &title),
        venue: Some(venue.to_string()),
        year: Some(year),
        title,
        authors,
        doi: doi.and_then(normalise_doi),
        pdf_url: pdf.map(str::to_string),
        sha256: None,
    }
}

/// Paper cells of the rendered page: `<td>Authors<br><strong><a href=doi>Title</a></strong>
/// pages [<a href=pdf>pdf</a>]</td>`.
pub fn parse_html(text: &str, venue: &str, year: i32) -> Vec<Paper> {
    let doc = Html::parse_document(text);
    let td = Selector::parse("td").expect("valid selector");
    let title_link = Selector::parse("strong a, b a").expect("valid selector");
    let link = Selector::parse("a").expect("valid selector");
    let mut out = Vec::new();
    for cell in doc.select(&td) {
        let Some(t) = cell.select(&title_link).next() else {
            continue;
        };
        let title: String = t.text().collect();
        let doi = t.value().attr("href");
        let pdf = cell.select(&link).find_map(|a| {
            let text: String = a.text().collect();
            let href = a.value().attr("href")?;
            (text.trim().eq_ignore_ascii_case("pdf") || href.ends_with(".pdf")).then_some(href)
        });
        out.push(paper(
            venue,
            year,
            &title,
            authors_before_br(cell),
            doi,
            pdf,
        ));
    }
    out
}

/// The text nodes before the first `<br>` of a cell.
fn authors_before_br(cell: ElementRef) -> Vec<String> {
    let mut s = String::new();
    for child in cell.children() {
        match child.value() {
            Node::Element(e) if e.name() == "br" => break,
            Node::Text(t) => s.push_str(t),
            Node::Element(_) => {
                if let Some(el) = ElementRef::wrap(child) {
                    s.extend(el.text());
                }
            }
            _ => {}
        }
    }
    split_authors(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROW: &str = "|Shreyas Nadkarni, Sujoy Roychowdhury<br>**[Exploring the Correspondence](https://doi.org/10.5281/zenodo.10265213)** 21-28[[pdf](https://zenodo.org/record/10265213/files/000001.pdf)]|";

    #[test]
    fn markdown_row() {
        let p = parse(
            "x.md",
            &format!("| Papers |\n| --- |\n{ROW}\n"),
            "ismir",
            2023,
        )
        .unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].id, "ismir2023-001");
        assert_eq!(p[0].title, "Exploring the Correspondence");
        assert_eq!(p[0].authors, vec!["Shreyas Nadkarni", "Sujoy Roychowdhury"]);
        assert_eq!(p[0].doi.as_deref(), Some("10.5281/zenodo.10265213"));
    }

    #[test]
    fn html_cell() {
        let html = r#"<html><body><table><thead><tr><th>Papers</th></tr></thead><tbody>
<tr><td>Shreyas Nadkarni, Sujoy Roychowdhury<br /><strong><a href="https://doi.org/10.5281/zenodo.10265213">Exploring the Correspondence</a></strong> 21-28[<a href="https://zenodo.org/record/10265213/files/000001.pdf">pdf</a>]</td></tr>
</tbody></table></body></html>"#;
        let p = parse("x.html", html, "ismir", 2023).unwrap();
        let m = parse("x.md", ROW, "ismir", 2023).unwrap();
        assert_eq!(p, m);
    }

    #[test]
    fn malformed_row_names_its_line() {
        let err = parse("x.md", "title\n|A, B<br>**[T](d) 1-2|\n", "ismir", 2023)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("x.md, line 2"), "{err}");
    }
}
