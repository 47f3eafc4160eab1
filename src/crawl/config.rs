//! The survey config (TOML): name, contact, politeness settings and the list of sources.
//!
//! Strict like mdBook's config: kebab-case keys, unknown keys are errors, defaults for
//! everything but the sources.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::atomic::read_text;
use crate::error::{Error, Result};

/// The placeholder shipped in example configs; a crawl over the network refuses to start
/// while the contact still says this.
pub const CONTACT_PLACEHOLDER: &str = "SET-YOUR-EMAIL@example.org";

/// One survey: where its papers come from and how politely to fetch them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SurveyConfig {
    /// Survey name: records go to `corpus/<survey>/papers.jsonl`.
    pub survey: String,
    /// An e-mail address or URL where site operators can reach whoever runs the crawl; it is
    /// put in the User-Agent. Required before any network request.
    #[serde(default)]
    pub contact: Option<String>,
    #[serde(default)]
    pub http: HttpConfig,
    /// Download the PDFs (default true); false only lists papers.
    #[serde(default = "yes")]
    pub download: bool,
    #[serde(default, rename = "source")]
    pub sources: Vec<SourceConfig>,
}

fn yes() -> bool {
    true
}

/// Politeness and robustness settings of the HTTP layer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct HttpConfig {
    /// Requests per second per host (robots.txt `Crawl-delay` can only make it slower).
    pub rate: f64,
    /// Requests in flight at once, over all hosts.
    pub concurrency: usize,
    /// Seconds to connect.
    pub connect_timeout_secs: f64,
    /// Seconds without progress before a request is abandoned (headers or the next chunk).
    pub timeout_secs: f64,
    /// Largest accepted response body in bytes.
    pub max_bytes: u64,
    /// Redirects followed per request.
    pub max_redirects: usize,
    /// Retries after a timeout, a connection error, 429 or 5xx.
    pub retries: u32,
    /// First backoff in milliseconds; doubled each retry, plus up to as much again of jitter.
    pub backoff_ms: u64,
    /// Longest `Retry-After` honoured, in seconds; a server asking for more fails the item.
    pub max_retry_after_secs: f64,
    /// Cache folder (relative to the project root): `pdf/`, `http/`.
    pub cache_dir: PathBuf,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            rate: 1.0,
            concurrency: 4,
            connect_timeout_secs: 10.0,
            timeout_secs: 30.0,
            max_bytes: 50 * 1024 * 1024,
            max_redirects: 5,
            retries: 4,
            backoff_ms: 1000,
            max_retry_after_secs: 120.0,
            cache_dir: PathBuf::from("corpus/cache"),
        }
    }
}

/// Where papers come from. `url` fields may hold `{year}` (and `{id}` for Zenodo); a value
/// without `http://` or `https://` is a local file path, relative to the project root.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum SourceConfig {
    /// `database/proceedings/YYYY.json` of the ismir/conference-archive repository.
    ConferenceArchive(YearsSource),
    /// The ismir.net proceedings pages: Markdown source or the rendered HTML.
    IsmirHome(YearsSource),
    /// DBLP's publication search API for a table of contents.
    Dblp(YearsSource),
    /// Zenodo records by id, or a community search.
    Zenodo(ZenodoSource),
    /// Any HTML listing, read with CSS selectors.
    HtmlListing(HtmlListingSource),
    /// A local folder of PDFs (no network).
    LocalFolder(LocalFolderSource),
}

impl SourceConfig {
    pub fn kind(&self) -> &'static str {
        match self {
            SourceConfig::ConferenceArchive(_) => "conference-archive",
            SourceConfig::IsmirHome(_) => "ismir-home",
            SourceConfig::Dblp(_) => "dblp",
            SourceConfig::Zenodo(_) => "zenodo",
            SourceConfig::HtmlListing(_) => "html-listing",
            SourceConfig::LocalFolder(_) => "local-folder",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct YearsSource {
    /// URL or path template with `{year}`.
    pub url: String,
    pub years: Vec<i32>,
    /// Venue used in paper ids (`ismir` → `ismir2023-029`).
    #[serde(default = "ismir")]
    pub venue: String,
}

fn ismir() -> String {
    "ismir".to_string()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ZenodoSource {
    /// Record URL template with `{id}` (default `https://zenodo.org/api/records/{id}`).
    #[serde(default = "zenodo_record_url")]
    pub url: String,
    #[serde(default)]
    pub records: Vec<u64>,
    /// A community search URL (`https://zenodo.org/api/records?communities=ismir&q=…`);
    /// `links.next` is followed up to `max-pages`.
    #[serde(default)]
    pub search: Option<String>,
    #[serde(default = "ten")]
    pub max_pages: usize,
    #[serde(default = "ismir")]
    pub venue: String,
}

fn zenodo_record_url() -> String {
    "https://zenodo.org/api/records/{id}".to_string()
}

fn ten() -> usize {
    10
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct HtmlListingSource {
    /// URL or path template; `{year}` is replaced for each of `years` (or used as is).
    pub url: String,
    #[serde(default)]
    pub years: Vec<i32>,
    pub venue: String,
    /// Selector of one paper's element.
    pub item: String,
    /// Selectors inside the item. `title` is required; the others are optional.
    pub title: String,
    #[serde(default)]
    pub authors: Option<String>,
    /// An element whose `href` is the PDF (default: the first link ending in `.pdf`).
    #[serde(default)]
    pub pdf: Option<String>,
    /// An element whose `href` or text holds the DOI.
    #[serde(default)]
    pub doi: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LocalFolderSource {
    pub path: PathBuf,
    pub venue: String,
    #[serde(default)]
    pub year: Option<i32>,
    /// Also PDFs in subfolders (one folder per paper, as in ../shared/corpus/papers).
    #[serde(default)]
    pub recursive: bool,
}

impl SurveyConfig {
    /// Reads and checks a config file; errors name the file and the key at fault.
    pub fn load(path: &Path) -> Result<Self> {
        let text = read_text(path)?;
        Self::parse(&path.display().to_string(), &text)
    }

    pub fn parse(file: &str, text: &str) -> Result<Self> {
        let cfg: SurveyConfig = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(0);
            Error::Parse {
                file: file.to_string(),
                line,
                message: e.message().to_string(),
            }
        })?;
        cfg.check(file)?;
        Ok(cfg)
    }

    fn check(&self, file: &str) -> Result<()> {
        let h = &self.http;
        if !(h.rate > 0.0 && h.rate.is_finite()) {
            return Err(Error::invalid(file, "http.rate must be a positive number"));
        }
        if h.concurrency == 0 {
            return Err(Error::invalid(file, "http.concurrency must be at least 1"));
        }
        if !(h.timeout_secs > 0.0 && h.connect_timeout_secs > 0.0) {
            return Err(Error::invalid(file, "http timeouts must be positive"));
        }
        if self.sources.is_empty() {
            return Err(Error::invalid(file, "no [[source]] given"));
        }
        for (i, s) in self.sources.iter().enumerate() {
            let years = match s {
                SourceConfig::ConferenceArchive(y)
                | SourceConfig::IsmirHome(y)
                | SourceConfig::Dblp(y) => Some(&y.years),
                _ => None,
            };
            if years.is_some_and(|y| y.is_empty()) {
                return Err(Error::invalid(
                    file,
                    format!("source {} ({}): `years` is empty", i + 1, s.kind()),
                ));
            }
            if let SourceConfig::Zenodo(z) = s {
                if z.records.is_empty() && z.search.is_none() {
                    return Err(Error::invalid(
                        file,
                        format!("source {} (zenodo): give `records` or `search`", i + 1),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Does any source need the network?
    pub fn uses_network(&self) -> bool {
        self.sources.iter().any(|s| match s {
            SourceConfig::ConferenceArchive(y)
            | SourceConfig::IsmirHome(y)
            | SourceConfig::Dblp(y) => is_url(&y.url),
            SourceConfig::Zenodo(z) => is_url(&z.url) || z.search.as_deref().is_some_and(is_url),
            SourceConfig::HtmlListing(h) => is_url(&h.url),
            SourceConfig::LocalFolder(_) => false,
        })
    }

    /// The contact, or an error explaining why a network crawl needs one.
    pub fn checked_contact(&self) -> Result<&str> {
        match self.contact.as_deref().map(str::trim) {
            Some(c) if !c.is_empty() && c != CONTACT_PLACEHOLDER && c.contains(['@', '.']) => Ok(c),
            _ => Err(Error::invalid(
                "survey config",
                format!(
                    "set `contact` in the config to your e-mail address or a URL before crawling the network \
                     (it goes into the User-Agent so that site operators can reach you; \
                     it is {:?})",
                    self.contact.as_deref().unwrap_or("missing")
                ),
            )),
        }
    }
}

pub fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
survey = "demo"
contact = "me@example.org"
[[source]]
kind = "conference-archive"
url = "http://127.0.0.1:1/{year}.json"
years = [2023]
"#;

    #[test]
    fn minimal_config_gets_polite_defaults() {
        let c = SurveyConfig::parse("c.toml", MINIMAL).unwrap();
        assert_eq!(c.http.rate, 1.0);
        assert_eq!(c.http.max_redirects, 5);
        assert!(c.uses_network());
        assert_eq!(c.checked_contact().unwrap(), "me@example.org");
        assert!(matches!(c.sources[0], SourceConfig::ConferenceArchive(_)));
    }

    #[test]
    fn unknown_keys_are_errors_with_a_line() {
        let bad = MINIMAL.replace("years = [2023]", "years = [2023]\nyaers = 3");
        let err = SurveyConfig::parse("c.toml", &bad).unwrap_err().to_string();
        // Inside an internally tagged table serde reports the table: its `[[source]]` line.
        assert!(
            err.contains("c.toml, line 4") && err.contains("yaers"),
            "{err}"
        );
        let bad = format!("{MINIMAL}\n[http]\nrat = 2\n");
        let err = SurveyConfig::parse("c.toml", &bad).unwrap_err().to_string();
        assert!(err.contains("rat"), "{err}");
        let bad = MINIMAL.replace("conference-archive", "conference-archiv");
        assert!(SurveyConfig::parse("c.toml", &bad).is_err());
    }

    #[test]
    fn placeholder_contact_is_refused() {
        let c = SurveyConfig::parse(
            "c.toml",
            &MINIMAL.replace("me@example.org", CONTACT_PLACEHOLDER),
        )
        .unwrap();
        let err = c.checked_contact().unwrap_err().to_string();
        assert!(err.contains("set `contact`"), "{err}");
    }

    #[test]
    fn shipped_ismir_config_parses() {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/surveys/ismir-2017-2024.toml");
        let c = SurveyConfig::load(&path).unwrap();
        assert!(c.uses_network());
        assert!(
            c.checked_contact().is_err(),
            "the shipped contact is a placeholder"
        );
    }
}
