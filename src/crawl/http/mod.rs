//! The polite HTTP client: per-host rate limit and a concurrency cap, robots.txt, a
//! User-Agent with a contact, retries with exponential backoff, jitter and `Retry-After`,
//! conditional requests (ETag/Last-Modified) for listings, redirects followed by hand (so
//! every hop is rate-limited and checked against robots.txt), and a body size cap.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::{Response, StatusCode};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;
use url::Url;

mod cache;
mod error;
mod pacing;
mod robots;

use error::classify;
pub use error::FetchError;
pub use pacing::HostStats;
use pacing::{retry_after, HostLog};
use robots::RobotsRule;

use super::config::{is_url, HttpConfig};
use crate::atomic::write_atomic;

/// The robots.txt agent token.
pub const AGENT: &str = "greenmir";

/// The crawler's HTTP client. One per crawl; shared by all tasks.
pub struct Http {
    client: reqwest::Client,
    cfg: HttpConfig,
    offline: bool,
    root: PathBuf,
    cache_dir: PathBuf,
    slots: Semaphore,
    /// Per host: when the next request may start.
    next_slot: Mutex<HashMap<String, Instant>>,
    robots: tokio::sync::Mutex<HashMap<String, Arc<RobotsRule>>>,
    /// robots.txt `Crawl-delay` per origin, seconds.
    crawl_delays: Mutex<HashMap<String, f64>>,
    log: Mutex<BTreeMap<String, HostLog>>,
    user_agent: String,
}

/// `greenmir/0.1.0 (literature footprint survey; +contact)`.
pub fn user_agent(contact: Option<&str>) -> String {
    let v = env!("CARGO_PKG_VERSION");
    match contact {
        Some(c) => format!("{AGENT}/{v} (literature footprint survey; contact: {c})"),
        None => format!("{AGENT}/{v} (literature footprint survey)"),
    }
}

impl Http {
    /// `root` resolves relative paths (local listings, the cache folder).
    pub fn new(
        cfg: &HttpConfig,
        contact: Option<&str>,
        root: &Path,
        offline: bool,
    ) -> Result<Self, FetchError> {
        let user_agent = user_agent(contact);
        let client = reqwest::Client::builder()
            .user_agent(&user_agent)
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs_f64(cfg.connect_timeout_secs))
            .build()
            .map_err(|e| FetchError::Local {
                message: format!("cannot build the HTTP client: {e}"),
            })?;
        Ok(Http {
            client,
            cfg: cfg.clone(),
            offline,
            root: root.to_path_buf(),
            cache_dir: root.join(&cfg.cache_dir),
            slots: Semaphore::new(cfg.concurrency),
            next_slot: Mutex::new(HashMap::new()),
            robots: tokio::sync::Mutex::new(HashMap::new()),
            crawl_delays: Mutex::new(HashMap::new()),
            log: Mutex::new(BTreeMap::new()),
            user_agent,
        })
    }

    pub fn config(&self) -> &HttpConfig {
        &self.cfg
    }

    pub fn offline(&self) -> bool {
        self.offline
    }

    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }

    pub fn cache_dir(&self) -> &Path {
        &self.cache_dir
    }

    /// A path relative to the project root (absolute paths stay as they are).
    pub fn local_path(&self, p: &str) -> PathBuf {
        self.root.join(p)
    }

    /// One GET with robots.txt, the rate limit and redirects handled; the final response is
    /// 2xx or 304. Status errors carry `Retry-After` to [`Http::retry_wait`].
    pub async fn send(&self, url: &Url, headers: &HeaderMap) -> Result<Response, FetchError> {
        if self.offline {
            return Err(FetchError::Offline);
        }
        let mut current = url.clone();
        let mut seen = HashSet::new();
        seen.insert(current.to_string());
        let mut hops = 0;
        loop {
            self.check_robots(&current).await?;
            let resp = self.request(&current, headers).await?;
            let status = resp.status();
            if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
                let loc = header_str(&resp, header::LOCATION).ok_or(FetchError::Status {
                    status: status.as_u16(),
                    retry_after_secs: None,
                })?;
                let next = current.join(&loc).map_err(|e| FetchError::BadUrl {
                    url: loc.clone(),
                    message: e.to_string(),
                })?;
                if !seen.insert(next.to_string()) {
                    return Err(FetchError::RedirectLoop {
                        url: next.to_string(),
                    });
                }
                hops += 1;
                if hops > self.cfg.max_redirects {
                    return Err(FetchError::TooManyRedirects {
                        max: self.cfg.max_redirects,
                    });
                }
                current = next;
                continue;
            }
            if status.is_success() || status == StatusCode::NOT_MODIFIED {
                return Ok(resp);
            }
            let after = retry_after(&resp);
            if let Some(after) = after.filter(|a| a.as_secs_f64() <= self.cfg.max_retry_after_secs)
            {
                // Nobody asks this host again before it said so.
                let mut slots = self.next_slot.lock().expect("lock");
                let next = slots.entry(host_key(&current)).or_insert_with(Instant::now);
                *next = (*next).max(Instant::now() + after);
            }
            return Err(FetchError::Status {
                status: status.as_u16(),
                retry_after_secs: after.map(|a| a.as_secs_f64()),
            });
        }
    }

    /// One of the `concurrency` slots, held by a caller for a whole transfer (headers and
    /// body), so the cap counts downloads in progress, not just requests being sent.
    pub async fn slot(&self) -> tokio::sync::SemaphorePermit<'_> {
        self.slots.acquire().await.expect("semaphore open")
    }

    /// A single request: waits for the host's next rate-limit slot.
    async fn request(&self, url: &Url, headers: &HeaderMap) -> Result<Response, FetchError> {
        let delay = self
            .crawl_delays
            .lock()
            .expect("lock")
            .get(&origin(url))
            .copied();
        self.wait_turn(url, delay).await;
        self.host_log(url, |l| l.times.push(Instant::now()));
        let send = self.client.get(url.clone()).headers(headers.clone()).send();
        match tokio::time::timeout(self.timeout(), send).await {
            Err(_) => Err(FetchError::Timeout {
                secs: self.cfg.timeout_secs,
            }),
            Ok(Err(e)) => Err(classify(&e, self.cfg.connect_timeout_secs)),
            Ok(Ok(resp)) => Ok(resp),
        }
    }

    fn timeout(&self) -> Duration {
        Duration::from_secs_f64(self.cfg.timeout_secs)
    }

    /// Streams a body to `sink`, enforcing the size cap and the no-progress timeout, and
    /// checking the length against `Content-Length`.
    pub async fn read_body(
        &self,
        mut resp: Response,
        mut sink: impl FnMut(&[u8]) -> Result<(), FetchError>,
    ) -> Result<u64, FetchError> {
        let limit = self.cfg.max_bytes;
        let expected = resp.content_length();
        if expected.is_some_and(|n| n > limit) {
            return Err(FetchError::TooLarge { limit });
        }
        let mut got: u64 = 0;
        loop {
            let chunk = match tokio::time::timeout(self.timeout(), resp.chunk()).await {
                Err(_) => {
                    return Err(FetchError::Timeout {
                        secs: self.cfg.timeout_secs,
                    })
                }
                Ok(Err(e)) => {
                    return Err(match expected {
                        Some(n) if got < n => FetchError::Truncated { got, expected: n },
                        _ => classify(&e, self.cfg.timeout_secs),
                    })
                }
                Ok(Ok(None)) => break,
                Ok(Ok(Some(c))) => c,
            };
            got += chunk.len() as u64;
            if got > limit {
                return Err(FetchError::TooLarge { limit });
            }
            sink(&chunk)?;
        }
        if let Some(n) = expected {
            if got < n {
                return Err(FetchError::Truncated { got, expected: n });
            }
        }
        Ok(got)
    }
}

pub fn parse_url(s: &str) -> Result<Url, FetchError> {
    Url::parse(s).map_err(|e| FetchError::BadUrl {
        url: s.to_string(),
        message: e.to_string(),
    })
}

/// `host:port`, the unit of politeness.
pub fn host_key(url: &Url) -> String {
    match (url.host_str(), url.port_or_known_default()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_string(),
        _ => url.as_str().to_string(),
    }
}

fn origin(url: &Url) -> String {
    url.origin().ascii_serialization()
}

fn header_str(resp: &Response, name: header::HeaderName) -> Option<String> {
    resp.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.to_string())
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retryable_errors_are_the_transient_ones() {
        let status = |status| FetchError::Status {
            status,
            retry_after_secs: None,
        };
        assert!(status(503).retryable());
        assert!(status(429).retryable());
        assert!(!status(404).retryable());
        assert!(!FetchError::NotPdf { what: "x".into() }.retryable());
        assert!(FetchError::Truncated {
            got: 1,
            expected: 2
        }
        .retryable());
    }

    #[test]
    fn user_agent_names_tool_and_contact() {
        let ua = user_agent(Some("me@example.org"));
        assert!(
            ua.starts_with("greenmir/") && ua.contains("me@example.org"),
            "{ua}"
        );
    }

    #[test]
    fn host_keys_include_the_port() {
        let u = Url::parse("http://127.0.0.1:8080/a").unwrap();
        assert_eq!(host_key(&u), "127.0.0.1:8080");
        let u = Url::parse("https://zenodo.org/a").unwrap();
        assert_eq!(host_key(&u), "zenodo.org:443");
    }
}
