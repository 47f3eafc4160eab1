//! A generic HTML listing read with CSS selectors from the config (NIME, DCASE, SMC, DAFx…).

use scraper::{ElementRef, Html, Selector};

use super::config::HtmlListingSource;
use super::http::Http;
use super::merge::{clean_name, normalise_doi, paper_id};
use super::source::{per_year, BoxFuture, Listing, Source};
use crate::error::{Error, Result};
use crate::model::Paper;

pub struct HtmlListing {
    cfg: HtmlListingSource,
    selectors: Selectors,
}

struct Selectors {
    item: Selector,
    title: Selector,
    authors: Option<Selector>,
    pdf: Option<Selector>,
    doi: Option<Selector>,
    any_link: Selector,
}

fn selector(key: &str, s: &str) -> Result<Selector> {
    Selector::parse(s).map_err(|e| {
        Error::invalid(
            "survey config",
            format!("html-listing `{key}` selector {s:?} does not parse: {e}"),
        )
    })
}

impl HtmlListing {
    pub fn new(cfg: HtmlListingSource) -> Result<Self> {
        let opt =
            |key: &str, s: &Option<String>| s.as_deref().map(|s| selector(key, s)).transpose();
        let selectors = Selectors {
            item: selector("item", &cfg.item)?,
            title: selector("title", &cfg.title)?,
            authors: opt("authors", &cfg.authors)?,
            pdf: opt("pdf", &cfg.pdf)?,
            doi: opt("doi", &cfg.doi)?,
            any_link: selector("a", "a[href]")?,
        };
        Ok(HtmlListing { cfg, selectors })
    }

    /// Papers of one page; `base` resolves relative links.
    pub fn parse(&self, base: &str, text: &str, year: Option<i32>) -> Vec<Paper> {
        let doc = Html::parse_document(text);
        let s = &self.selectors;
        let venue = &self.cfg.venue;
        let mut out = Vec::new();
        for item in doc.select(&s.item) {
            let Some(title) = item.select(&s.title).next().map(text_of) else {
                continue;
            };
            if title.is_empty() {
                continue;
            }
            let authors = match &s.authors {
                Some(sel) => {
                    let els: Vec<ElementRef> = item.select(sel).collect();
                    if els.len() == 1 {
                        text_of(els[0])
                            .split([',', ';'])
                            .flat_map(|a| a.split(" and "))
                            .map(clean_name)
                            .filter(|a| !a.is_empty())
                            .collect()
                    } else {
                        els.into_iter()
                            .map(text_of)
                            .filter(|a| !a.is_empty())
                            .collect()
                    }
                }
                None => vec![],
            };
            let pdf = match &s.pdf {
                Some(sel) => item.select(sel).next().and_then(|a| a.value().attr("href")),
                None => item.select(&s.any_link).find_map(|a| {
                    let h = a.value().attr("href")?;
                    h.to_ascii_lowercase().ends_with(".pdf").then_some(h)
                }),
            }
            .map(|h| resolve(base, h));
            let doi = s.doi.as_ref().and_then(|sel| {
                let el = item.select(sel).next()?;
                el.value()
                    .attr("href")
                    .and_then(normalise_doi)
                    .or_else(|| normalise_doi(&text_of(el)))
            });
            out.push(Paper {
                id: paper_id(venue, year, pdf.as_deref(), &title),
                venue: Some(venue.clone()),
                year,
                title,
                authors,
                doi,
                pdf_url: pdf,
                sha256: None,
            });
        }
        out
    }
}

fn text_of(e: ElementRef) -> String {
    clean_name(&e.text().collect::<String>())
}

fn resolve(base: &str, href: &str) -> String {
    url::Url::parse(base)
        .and_then(|b| b.join(href))
        .map(|u| u.to_string())
        .unwrap_or_else(|_| href.to_string())
}

impl Source for HtmlListing {
    fn name(&self) -> String {
        format!("html-listing ({})", self.cfg.venue)
    }

    fn list<'a>(&'a self, http: &'a Http) -> BoxFuture<'a, Listing> {
        Box::pin(async move {
            if self.cfg.years.is_empty() {
                return per_year(http, &self.name(), &self.cfg.url, &[0], |loc, text, _| {
                    Ok(self.parse(loc, text, None))
                })
                .await;
            }
            per_year(
                http,
                &self.name(),
                &self.cfg.url,
                &self.cfg.years,
                |loc, text, y| Ok(self.parse(loc, text, Some(y))),
            )
            .await
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_pick_papers() {
        let cfg = HtmlListingSource {
            url: "https://nime.org/proceedings/{year}".into(),
            years: vec![2021],
            venue: "nime".into(),
            item: "div.paper".into(),
            title: "h3".into(),
            authors: Some(".authors".into()),
            pdf: None,
            doi: Some("a.doi".into()),
        };
        let l = HtmlListing::new(cfg).unwrap();
        let html = r#"<div class="paper"><h3> A  Paper </h3><p class="authors">A B, C D and E F</p>
<a class="doi" href="https://doi.org/10.21428/92fbeb44.1">doi</a><a href="papers/12.pdf">pdf</a></div>
<div class="paper"><p>no title</p></div>"#;
        let p = l.parse("https://nime.org/proceedings/2021/", html, Some(2021));
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].title, "A Paper");
        assert_eq!(p[0].authors, vec!["A B", "C D", "E F"]);
        assert_eq!(
            p[0].pdf_url.as_deref(),
            Some("https://nime.org/proceedings/2021/papers/12.pdf")
        );
        assert_eq!(p[0].id, "nime2021-012");
        assert_eq!(p[0].doi.as_deref(), Some("10.21428/92fbeb44.1"));
        let bad = HtmlListingSource {
            item: "div[".into(),
            ..l.cfg.clone()
        };
        assert!(HtmlListing::new(bad)
            .err()
            .unwrap()
            .to_string()
            .contains("`item` selector"));
    }
}
