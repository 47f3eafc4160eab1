//! The crawl stage: sources → merged paper list → PDFs in the content-addressed cache →
//! `corpus/<survey>/papers.jsonl`.
//!
//! Async (tokio) lives here only: [`crawl`] builds its own runtime and returns plain data.

pub mod conference_archive;
pub mod config;
pub mod dblp;
pub mod download;
pub mod html_listing;
pub mod http;
pub mod ismir_home;
pub mod local_folder;
pub mod merge;
pub mod source;
pub mod zenodo;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use serde::Serialize;

pub use config::{SourceConfig, SurveyConfig};
pub use download::{Fetched, PdfCache};
pub use http::{FetchError, HostStats, Http};
pub use source::{Listing, Problem, Source};

use crate::error::{Error, Result};
use crate::model::{Paper, PaperRecord};
use crate::survey::Survey;

/// How to run a crawl (from the command line).
#[derive(Default)]
pub struct CrawlOptions {
    /// Use the cache only: no request at all.
    pub offline: bool,
    /// Overrides the config's survey name.
    pub survey: Option<String>,
    /// Called as the crawl goes (progress bars).
    pub on_event: Option<Box<dyn Fn(Event) + Send + Sync>>,
}

/// Progress of a crawl.
#[derive(Debug, Clone)]
pub enum Event {
    Listed { source: String, papers: usize },
    Downloading { total: usize },
    Downloaded { id: String, ok: bool },
}

/// One paper whose PDF could not be had.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    pub id: String,
    pub url: String,
    pub reason: String,
    pub error: FetchError,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceSummary {
    pub source: String,
    pub papers: usize,
    pub problems: Vec<Problem>,
}

/// What a crawl did: the closing summary (`--json` prints it as is).
#[derive(Debug, Clone, Serialize)]
pub struct CrawlReport {
    pub survey: String,
    pub records: String,
    pub offline: bool,
    pub sources: Vec<SourceSummary>,
    /// Papers after merging the sources.
    pub papers: usize,
    /// Papers without a PDF link.
    pub no_pdf_link: usize,
    /// PDFs downloaded now.
    pub fetched: usize,
    /// PDFs already in the cache (no request made).
    pub cached: usize,
    pub failed: usize,
    pub failures: Vec<Failure>,
    pub bytes_fetched: u64,
    pub hosts: BTreeMap<String, HostStats>,
    pub seconds: f64,
}

impl CrawlReport {
    /// The human summary.
    pub fn render(&self) -> String {
        let mut s = String::new();
        for src in &self.sources {
            s.push_str(&format!("{}: {} papers", src.source, src.papers));
            if !src.problems.is_empty() {
                s.push_str(&format!(", {} pages failed", src.problems.len()));
            }
            s.push('\n');
            for p in &src.problems {
                s.push_str(&format!("  failed: {}: {}\n", p.location, p.reason));
            }
        }
        s.push_str(&format!(
            "papers: {} ({} without a PDF link); PDFs fetched {}, already cached {}, failed {}{}\n",
            self.papers,
            self.no_pdf_link,
            self.fetched,
            self.cached,
            self.failed,
            if self.offline { " (offline)" } else { "" }
        ));
        let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
        for f in &self.failures {
            *reasons.entry(reason_kind(&f.error)).or_default() += 1;
        }
        for (r, n) in &reasons {
            s.push_str(&format!("  {n} × {r}\n"));
        }
        for f in &self.failures {
            s.push_str(&format!("  {}: {} ({})\n", f.id, f.reason, f.url));
        }
        for (host, h) in &self.hosts {
            s.push_str(&format!(
                "{host}: {} requests ({} retries, {} not modified), mean {:.2}/s, min gap {:.2} s\n",
                h.requests, h.retries, h.not_modified, h.mean_rate, h.min_gap_secs
            ));
        }
        s.push_str(&format!(
            "{:.1} MB in {:.1} s; records in {}",
            self.bytes_fetched as f64 / 1e6,
            self.seconds,
            self.records
        ));
        s
    }
}

fn reason_kind(e: &FetchError) -> String {
    match e {
        FetchError::Status { status, .. } => format!("HTTP {status}"),
        FetchError::Unreachable { .. } => "network unreachable".into(),
        FetchError::HostDown { .. } => "host unavailable".into(),
        FetchError::Broken { .. } => "connection broken".into(),
        FetchError::Local { .. } => "local file".into(),
        FetchError::BadUrl { .. } => "bad URL".into(),
        FetchError::NotPdf { .. } => "not a PDF".into(),
        FetchError::Disallowed { .. } => "disallowed by robots.txt".into(),
        FetchError::Timeout { .. } => "timed out".into(),
        FetchError::Truncated { .. } => "truncated body".into(),
        FetchError::RedirectLoop { .. } | FetchError::TooManyRedirects { .. } => {
            "too many redirects".into()
        }
        FetchError::TooLarge { .. } => "larger than the size cap".into(),
        FetchError::RetryAfterTooLong { .. } => "asked to retry too late".into(),
        other => {
            let s = other.to_string();
            s.split(':').next().unwrap_or(&s).to_string()
        }
    }
}

/// Runs a crawl under `root`: lists every source, merges, downloads the PDFs and writes
/// the survey's records (existing records keep every field other stages filled).
pub fn crawl(root: &Path, cfg: &SurveyConfig, opts: &CrawlOptions) -> Result<CrawlReport> {
    let start = Instant::now();
    let name = opts.survey.as_deref().unwrap_or(&cfg.survey);
    let survey = Survey::open(root, name)?;
    let contact = if cfg.uses_network() && !opts.offline {
        Some(cfg.checked_contact()?.to_string())
    } else {
        cfg.contact.clone()
    };
    let sources = cfg
        .sources
        .iter()
        .map(source::from_config)
        .collect::<Result<Vec<_>>>()?;
    let http = Http::new(&cfg.http, contact.as_deref(), root, opts.offline)
        .map_err(|e| Error::invalid("http", e.to_string()))?;
    let http = Arc::new(http);
    let cache_dir = http.cache_dir().join("pdf");
    let cache = Arc::new(PdfCache::open(&cache_dir).map_err(|e| Error::write(&cache_dir, e))?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::invalid("tokio", e.to_string()))?;
    let emit = |e: Event| {
        if let Some(f) = &opts.on_event {
            f(e)
        }
    };

    // 1. List and merge.
    let mut papers: Vec<Paper> = Vec::new();
    let mut summaries = Vec::new();
    for s in &sources {
        let listing = runtime.block_on(s.list(&http));
        emit(Event::Listed {
            source: listing.source.clone(),
            papers: listing.papers.len(),
        });
        summaries.push(SourceSummary {
            source: listing.source.clone(),
            papers: listing.papers.len(),
            problems: listing.problems.clone(),
        });
        merge::merge_into(&mut papers, listing.papers);
    }
    unique_ids(&mut papers);

    // 2. Merge into the survey's records and save the list before downloading.
    let mut records = if survey.exists() {
        survey.load_stored()?
    } else {
        Vec::new()
    };
    let ids = merge_records(&mut records, papers);
    survey.save(&records)?;

    // 3. Download.
    let mut report = CrawlReport {
        survey: survey.name.clone(),
        records: survey.papers_path().display().to_string(),
        offline: opts.offline,
        sources: summaries,
        papers: ids.len(),
        no_pdf_link: 0,
        fetched: 0,
        cached: 0,
        failed: 0,
        failures: Vec::new(),
        bytes_fetched: 0,
        hosts: BTreeMap::new(),
        seconds: 0.0,
    };
    let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
    let jobs: Vec<(String, String)> = records
        .iter()
        .filter(|r| wanted.contains(r.paper.id.as_str()))
        .filter_map(|r| Some((r.paper.id.clone(), r.paper.pdf_url.clone()?)))
        .collect();
    report.no_pdf_link = ids.len() - jobs.len();
    if cfg.download {
        emit(Event::Downloading { total: jobs.len() });
        let results = runtime.block_on(download_all(&http, &cache, jobs, &emit));
        let by_id: HashMap<&str, usize> = records
            .iter()
            .enumerate()
            .map(|(i, r)| (r.paper.id.as_str(), i))
            .collect();
        let mut updates = Vec::new();
        for (id, url, result) in results {
            match result {
                Ok(f) => {
                    if f.cached {
                        report.cached += 1;
                    } else {
                        report.fetched += 1;
                        report.bytes_fetched += f.bytes;
                    }
                    updates.push((by_id[id.as_str()], f.sha256));
                }
                Err(e) => report.failures.push(Failure {
                    id,
                    url,
                    reason: e.to_string(),
                    error: e,
                }),
            }
        }
        for (i, sha) in updates {
            records[i].paper.sha256 = Some(sha);
        }
        report.failures.sort_by(|a, b| a.id.cmp(&b.id));
        report.failed = report.failures.len();
        survey.save(&records)?;
    }
    report.hosts = http.stats();
    report.seconds = (start.elapsed().as_secs_f64() * 100.0).round() / 100.0;
    Ok(report)
}

type Outcome = (String, String, std::result::Result<Fetched, FetchError>);

async fn download_all(
    http: &Arc<Http>,
    cache: &Arc<PdfCache>,
    jobs: Vec<(String, String)>,
    emit: &(dyn Fn(Event) + Sync),
) -> Vec<Outcome> {
    let mut set = tokio::task::JoinSet::new();
    for (id, url) in interleave_hosts(jobs) {
        let http = http.clone();
        let cache = cache.clone();
        set.spawn(async move {
            let result = if config::is_url(&url) {
                download::fetch_pdf(&http, &cache, &url).await
            } else {
                let path = http.local_path(&url);
                cache.insert_file(&url, &path)
            };
            (id, url, result)
        });
    }
    let mut out = Vec::new();
    while let Some(joined) = set.join_next().await {
        if let Ok((id, url, result)) = joined {
            emit(Event::Downloaded {
                id: id.clone(),
                ok: result.is_ok(),
            });
            out.push((id, url, result));
        }
    }
    out
}

/// Orders jobs round-robin over hosts, so that the concurrency slots are spread over the
/// hosts (each host waits for its own rate limit) instead of all queueing on one.
fn interleave_hosts(jobs: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut by_host: Vec<(String, std::collections::VecDeque<(String, String)>)> = Vec::new();
    for job in jobs {
        let host = url::Url::parse(&job.1)
            .map(|u| http::host_key(&u))
            .unwrap_or_default();
        match by_host.iter_mut().find(|(h, _)| *h == host) {
            Some((_, q)) => q.push_back(job),
            None => by_host.push((host, [job].into())),
        }
    }
    let mut out = Vec::new();
    while by_host.iter().any(|(_, q)| !q.is_empty()) {
        for (_, q) in by_host.iter_mut() {
            out.extend(q.pop_front());
        }
    }
    out
}

/// Two different papers with the same id (colliding title slugs) get `-2`, `-3`…
fn unique_ids(papers: &mut [Paper]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for p in papers.iter_mut() {
        let n = seen.entry(p.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            p.id = format!("{}-{}", p.id, n);
        }
    }
}

/// Puts crawled papers into the records: a record with the same id, DOI or title (see
/// [`merge::PaperIndex`]) gets the paper's missing fields and keeps its id; others are added.
/// Returns the ids of the crawled papers.
fn merge_records(records: &mut Vec<PaperRecord>, papers: Vec<Paper>) -> Vec<String> {
    let crawled = papers.into_iter().map(PaperRecord::new).collect();
    let merged = merge::merge_with(
        records,
        crawled,
        merge::Ids::Stored,
        |r| &r.paper,
        |r, new| {
            let (r, p) = (&mut r.paper, new.paper);
            // A changed PDF link means the old hash no longer describes it.
            if p.pdf_url.is_some() && r.pdf_url.is_some() && r.pdf_url != p.pdf_url {
                r.pdf_url = p.pdf_url.clone();
                r.sha256 = None;
            }
            merge::fill(r, p, merge::Ids::Stored);
        },
    );
    merged
        .into_iter()
        .map(|m| records[m.position()].paper.id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_group_by_kind_not_by_their_first_word() {
        let kind = |e: FetchError| reason_kind(&e);
        assert_eq!(
            kind(FetchError::Disallowed {
                robots: "http://127.0.0.1:8080/robots.txt".into()
            }),
            "disallowed by robots.txt"
        );
        assert_eq!(kind(FetchError::Timeout { secs: 30.0 }), "timed out");
        assert_eq!(
            kind(FetchError::TooManyRedirects { max: 5 }),
            kind(FetchError::RedirectLoop { url: "x".into() })
        );
    }

    #[test]
    fn crawled_papers_keep_the_record_ids_and_a_new_link_drops_the_old_hash() {
        let paper = |id: &str, title: &str, pdf: &str| Paper {
            pdf_url: Some(pdf.into()),
            ..Paper::bare(id, Some(2023), title)
        };
        let mut stored = PaperRecord::new(Paper {
            sha256: Some("old".into()),
            ..paper("ismir2023-slug-id", "A Title", "https://x.org/old.pdf")
        });
        stored.notes.push("kept".into());
        let mut records = vec![stored];
        let ids = merge_records(
            &mut records,
            vec![
                paper("ismir2023-007", "a title", "https://x.org/007.pdf"),
                paper("ismir2023-008", "Other", "https://x.org/008.pdf"),
            ],
        );
        assert_eq!(ids, ["ismir2023-slug-id", "ismir2023-008"]);
        let r = &records[0];
        assert_eq!(r.paper.pdf_url.as_deref(), Some("https://x.org/007.pdf"));
        assert_eq!(r.paper.sha256, None);
        assert_eq!(r.notes, ["kept"]);
        assert_eq!(records.len(), 2);
    }

    #[test]
    fn jobs_alternate_between_hosts() {
        let job = |id: &str, url: &str| (id.to_string(), url.to_string());
        let jobs = vec![
            job("a1", "https://zenodo.org/1.pdf"),
            job("a2", "https://zenodo.org/2.pdf"),
            job("a3", "https://zenodo.org/3.pdf"),
            job("b1", "https://archives.ismir.net/1.pdf"),
            job("c1", "local/1.pdf"),
        ];
        let ids: Vec<String> = interleave_hosts(jobs).into_iter().map(|j| j.0).collect();
        assert_eq!(ids, ["a1", "b1", "c1", "a2", "a3"]);
    }
}
