//! The `Source` trait: something that lists papers (with PDF links) for a survey.
//!
//! Each source fetches its listing pages through the polite [`Http`] client and hands the
//! text to a pure parser (tested on real files); a page that fails is a problem in the
//! listing, not the end of the crawl.

use std::future::Future;
use std::pin::Pin;

use serde::Serialize;

use super::config::SourceConfig;
use super::http::Http;
use super::{conference_archive, dblp, html_listing, ismir_home, local_folder, zenodo};
use crate::error::Result;
use crate::model::Paper;

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What a source found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Listing {
    pub source: String,
    pub papers: Vec<Paper>,
    /// Pages that could not be fetched or parsed, with the reason.
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub location: String,
    pub reason: String,
}

pub trait Source: Send + Sync {
    /// e.g. `conference-archive`.
    fn name(&self) -> String;
    /// Every paper the source lists; failures are recorded in the listing.
    fn list<'a>(&'a self, http: &'a Http) -> BoxFuture<'a, Listing>;
}

/// The source a config entry describes. Bad settings (a CSS selector that does not parse)
/// are errors here, before any request.
pub fn from_config(cfg: &SourceConfig) -> Result<Box<dyn Source>> {
    Ok(match cfg {
        SourceConfig::ConferenceArchive(c) => Box::new(PerYear {
            name: "conference-archive",
            cfg: c.clone(),
            parse: conference_archive::parse,
        }),
        SourceConfig::IsmirHome(c) => Box::new(PerYear {
            name: "ismir-home",
            cfg: c.clone(),
            parse: ismir_home::parse,
        }),
        SourceConfig::Dblp(c) => Box::new(PerYear {
            name: "dblp",
            cfg: c.clone(),
            parse: dblp::parse,
        }),
        SourceConfig::Zenodo(c) => Box::new(zenodo::Zenodo(c.clone())),
        SourceConfig::HtmlListing(c) => Box::new(html_listing::HtmlListing::new(c.clone())?),
        SourceConfig::LocalFolder(c) => Box::new(local_folder::LocalFolder(c.clone())),
    })
}

/// A source with one listing page per year (conference archive, ismir.net, DBLP), read by a
/// pure parser `parse(location, text, venue, year)`.
pub struct PerYear {
    pub name: &'static str,
    pub cfg: super::config::YearsSource,
    pub parse: fn(&str, &str, &str, i32) -> Result<Vec<Paper>>,
}

impl Source for PerYear {
    fn name(&self) -> String {
        self.name.to_string()
    }

    fn list<'a>(&'a self, http: &'a Http) -> BoxFuture<'a, Listing> {
        Box::pin(async move {
            let venue = self.cfg.venue.clone();
            per_year(
                http,
                self.name,
                &self.cfg.url,
                &self.cfg.years,
                |loc, text, year| (self.parse)(loc, text, &venue, year),
            )
            .await
        })
    }
}

/// Fetches `template` for each year and parses it with `parse(location, text, year)`.
pub async fn per_year(
    http: &Http,
    name: &str,
    template: &str,
    years: &[i32],
    parse: impl Fn(&str, &str, i32) -> Result<Vec<Paper>>,
) -> Listing {
    let mut listing = Listing {
        source: name.to_string(),
        ..Default::default()
    };
    for &year in years {
        let location = template.replace("{year}", &year.to_string());
        match http.get_text(&location).await {
            Ok(text) => match parse(&location, &text, year) {
                Ok(papers) => listing.papers.extend(papers),
                Err(e) => listing.problems.push(Problem {
                    location,
                    reason: e.to_string(),
                }),
            },
            Err(e) => listing.problems.push(Problem {
                location,
                reason: e.to_string(),
            }),
        }
    }
    listing
}
