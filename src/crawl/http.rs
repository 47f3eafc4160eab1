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

use super::config::{is_url, HttpConfig};
use crate::atomic::write_atomic;

/// The robots.txt agent token.
pub const AGENT: &str = "greenmir";

/// Why one URL could not be fetched. Per item: the crawl goes on and reports it.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum FetchError {
    #[error("offline (--offline) and not in the cache")]
    Offline,
    #[error("disallowed by {robots}")]
    Disallowed { robots: String },
    #[error("HTTP {status}")]
    Status {
        status: u16,
        /// The server's `Retry-After`, seconds.
        #[serde(skip_serializing_if = "Option::is_none")]
        retry_after_secs: Option<f64>,
    },
    #[error("timed out: no response for {secs} s")]
    Timeout { secs: f64 },
    #[error("network unreachable: {message}")]
    Unreachable { message: String },
    /// The host failed before (its robots.txt could not be had): not asked again.
    #[error("{host} unavailable ({reason}); not asked again in this crawl")]
    HostDown { host: String, reason: String },
    #[error("connection broken: {message}")]
    Broken { message: String },
    #[error("truncated body: {got} of {expected} bytes")]
    Truncated { got: u64, expected: u64 },
    #[error("redirect loop at {url}")]
    RedirectLoop { url: String },
    #[error("more than {max} redirects")]
    TooManyRedirects { max: usize },
    #[error("body larger than the cap of {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("not a PDF: {what}")]
    NotPdf { what: String },
    #[error("server asked to retry after {secs} s (more than max-retry-after-secs)")]
    RetryAfterTooLong { secs: f64 },
    #[error("bad URL {url:?}: {message}")]
    BadUrl { url: String, message: String },
    #[error("{message}")]
    Local { message: String },
}

impl FetchError {
    /// Worth another try after a pause?
    fn retryable(&self) -> bool {
        match self {
            FetchError::Status { status, .. } => *status == 429 || (500..600).contains(status),
            FetchError::Timeout { .. }
            | FetchError::Unreachable { .. }
            | FetchError::Broken { .. }
            | FetchError::Truncated { .. } => true,
            _ => false,
        }
    }
}

/// Requests sent to one host, for the closing summary.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct HostStats {
    pub requests: u64,
    pub retries: u64,
    pub not_modified: u64,
    /// Seconds from the first request to the last.
    pub span_secs: f64,
    /// (requests − 1) / span: the mean request rate.
    pub mean_rate: f64,
    /// The shortest gap between two requests, seconds.
    pub min_gap_secs: f64,
}

#[derive(Default)]
struct HostLog {
    times: Vec<Instant>,
    retries: u64,
    not_modified: u64,
}

/// robots.txt of one origin, fetched once per crawl.
enum RobotsRule {
    AllowAll,
    Rules(Box<texting_robots::Robot>),
    /// The host could not be reached: every request to it fails with this at once.
    Down(FetchError),
}

/// A cached listing response, for conditional requests and `--offline`.
#[derive(Debug, Serialize, Deserialize)]
struct CachedResponse {
    url: String,
    #[serde(default)]
    etag: Option<String>,
    #[serde(default)]
    last_modified: Option<String>,
    body: String,
}

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

    /// A listing's text: a local file, or a URL fetched with a conditional request against
    /// the cached copy (`304` reuses it; `--offline` uses it without asking).
    pub async fn get_text(&self, location: &str) -> Result<String, FetchError> {
        if !is_url(location) {
            let path = self.local_path(location);
            return std::fs::read_to_string(&path).map_err(|e| FetchError::Local {
                message: format!("cannot read {}: {e}", path.display()),
            });
        }
        let entry = self
            .cache_dir
            .join("http")
            .join(format!("{}.json", sha256_hex(location.as_bytes())));
        let cached: Option<CachedResponse> = std::fs::read_to_string(&entry)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .filter(|c: &CachedResponse| c.url == location);
        if self.offline {
            return cached.map(|c| c.body).ok_or(FetchError::Offline);
        }
        let mut headers = HeaderMap::new();
        if let Some(c) = &cached {
            if let Some(v) = c
                .etag
                .as_deref()
                .and_then(|v| HeaderValue::from_str(v).ok())
            {
                headers.insert(header::IF_NONE_MATCH, v);
            }
            if let Some(v) = c
                .last_modified
                .as_deref()
                .and_then(|v| HeaderValue::from_str(v).ok())
            {
                headers.insert(header::IF_MODIFIED_SINCE, v);
            }
        }
        let url = parse_url(location)?;
        let mut attempt = 0;
        loop {
            let result = async {
                let _slot = self.slot().await;
                let resp = self.send(&url, &headers).await?;
                if resp.status() == StatusCode::NOT_MODIFIED {
                    return Ok(None);
                }
                let etag = header_str(&resp, header::ETAG);
                let last_modified = header_str(&resp, header::LAST_MODIFIED);
                let mut body = Vec::new();
                self.read_body(resp, |chunk| {
                    body.extend_from_slice(chunk);
                    Ok(())
                })
                .await?;
                Ok(Some((body, etag, last_modified)))
            }
            .await;
            match result {
                Ok(None) => {
                    if let Some(c) = cached {
                        self.host_log(&url, |l| l.not_modified += 1);
                        return Ok(c.body);
                    }
                    return Err(FetchError::Status {
                        status: 304,
                        retry_after_secs: None,
                    });
                }
                Ok(Some((body, etag, last_modified))) => {
                    let body = String::from_utf8_lossy(&body).into_owned();
                    let c = CachedResponse {
                        url: location.to_string(),
                        etag,
                        last_modified,
                        body,
                    };
                    // Kept for conditional requests and --offline; a failed write only
                    // costs a refetch later.
                    let json = serde_json::to_string(&c).expect("serialises");
                    let _ = write_atomic(&entry, json.as_bytes());
                    return Ok(c.body);
                }
                Err(e) => {
                    let wait = self.retry_wait(&url, &e, attempt)?;
                    attempt += 1;
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }

    /// How long to wait before retry number `attempt + 1`, or the error to give up with.
    pub fn retry_wait(
        &self,
        url: &Url,
        err: &FetchError,
        attempt: u32,
    ) -> Result<Duration, FetchError> {
        if !err.retryable() || attempt >= self.cfg.retries {
            return Err(err.clone());
        }
        let base = self.cfg.backoff_ms.saturating_mul(1 << attempt.min(16));
        let jitter = fastrand::u64(0..=base.max(1));
        let mut wait = Duration::from_millis(base + jitter);
        if let FetchError::Status {
            retry_after_secs: Some(after),
            ..
        } = err
        {
            if *after > self.cfg.max_retry_after_secs {
                return Err(FetchError::RetryAfterTooLong { secs: *after });
            }
            // The host's next slot was already pushed back by `send`; this task waits too.
            wait = wait.max(Duration::from_secs_f64(*after));
        }
        self.host_log(url, |l| l.retries += 1);
        Ok(wait)
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

    /// Sleeps until this host's next slot: requests to one host start at least
    /// 1 / rate (or robots.txt `Crawl-delay`) apart.
    async fn wait_turn(&self, url: &Url, crawl_delay: Option<f64>) {
        let mut interval = 1.0 / self.cfg.rate;
        if let Some(d) = crawl_delay {
            interval = interval.max(d);
        }
        let interval = Duration::from_secs_f64(interval);
        let at = {
            let mut slots = self.next_slot.lock().expect("lock");
            let now = Instant::now();
            let next = slots.entry(host_key(url)).or_insert(now);
            let at = (*next).max(now);
            *next = at + interval;
            at
        };
        tokio::time::sleep_until(at.into()).await;
    }

    /// Fetches the origin's robots.txt once and checks `url` against it.
    async fn check_robots(&self, url: &Url) -> Result<(), FetchError> {
        let key = origin(url);
        let robots_url = format!("{key}/robots.txt");
        if url.as_str() == robots_url {
            return Ok(());
        }
        // Held across the fetch so that concurrent tasks wait for one robots.txt request.
        let mut robots = self.robots.lock().await;
        let rule = match robots.get(&key) {
            Some(r) => r.clone(),
            None => {
                let r = Arc::new(self.fetch_robots(&robots_url).await);
                if let RobotsRule::Rules(rules) = r.as_ref() {
                    if let Some(d) = rules.delay {
                        let mut delays = self.crawl_delays.lock().expect("lock");
                        delays.insert(key.clone(), f64::from(d));
                    }
                }
                robots.insert(key.clone(), r.clone());
                r
            }
        };
        drop(robots);
        match rule.as_ref() {
            RobotsRule::AllowAll => Ok(()),
            RobotsRule::Rules(r) if r.allowed(url.as_str()) => Ok(()),
            RobotsRule::Rules(_) => Err(FetchError::Disallowed { robots: robots_url }),
            RobotsRule::Down(e) => Err(FetchError::HostDown {
                host: key,
                reason: e.to_string(),
            }),
        }
    }

    async fn fetch_robots(&self, robots_url: &str) -> RobotsRule {
        let Ok(url) = Url::parse(robots_url) else {
            return RobotsRule::AllowAll;
        };
        let mut attempt = 0;
        loop {
            let result = async {
                let resp = self.get_robots(&url).await?;
                let mut body = Vec::new();
                self.read_body(resp, |c| {
                    body.extend_from_slice(c);
                    Ok(())
                })
                .await?;
                Ok::<_, FetchError>(body)
            }
            .await;
            match result {
                Ok(body) => {
                    return match texting_robots::Robot::new(AGENT, &body) {
                        Ok(r) => RobotsRule::Rules(Box::new(r)),
                        // Unparseable robots.txt: treated as no rules, like major crawlers.
                        Err(_) => RobotsRule::AllowAll,
                    };
                }
                // No robots.txt (4xx): everything is allowed.
                Err(FetchError::Status { status, .. }) if (400..500).contains(&status) => {
                    return RobotsRule::AllowAll;
                }
                Err(e) => match self.retry_wait(&url, &e, attempt) {
                    Ok(wait) => {
                        attempt += 1;
                        tokio::time::sleep(wait).await;
                    }
                    Err(e) => return RobotsRule::Down(e),
                },
            }
        }
    }

    /// robots.txt itself: redirects followed (http → https is common), no robots check.
    async fn get_robots(&self, url: &Url) -> Result<Response, FetchError> {
        let mut current = url.clone();
        for _ in 0..=self.cfg.max_redirects {
            let resp = self.request(&current, &HeaderMap::new()).await?;
            let status = resp.status();
            if status.is_redirection() {
                let Some(loc) = header_str(&resp, header::LOCATION) else {
                    break;
                };
                current = current.join(&loc).map_err(|e| FetchError::BadUrl {
                    url: loc.clone(),
                    message: e.to_string(),
                })?;
                continue;
            }
            if status.is_success() {
                return Ok(resp);
            }
            return Err(FetchError::Status {
                status: status.as_u16(),
                retry_after_secs: retry_after(&resp).map(|d| d.as_secs_f64()),
            });
        }
        Err(FetchError::TooManyRedirects {
            max: self.cfg.max_redirects,
        })
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

    fn host_log(&self, url: &Url, f: impl FnOnce(&mut HostLog)) {
        let mut log = self.log.lock().expect("lock");
        f(log.entry(host_key(url)).or_default());
    }

    /// Requests per host so far.
    pub fn stats(&self) -> BTreeMap<String, HostStats> {
        let log = self.log.lock().expect("lock");
        log.iter()
            .map(|(host, l)| {
                let n = l.times.len();
                let span = match (l.times.first(), l.times.last()) {
                    (Some(a), Some(b)) => b.duration_since(*a).as_secs_f64(),
                    _ => 0.0,
                };
                let min_gap = l
                    .times
                    .windows(2)
                    .map(|w| w[1].duration_since(w[0]).as_secs_f64())
                    .fold(f64::INFINITY, f64::min);
                let s = HostStats {
                    requests: n as u64,
                    retries: l.retries,
                    not_modified: l.not_modified,
                    span_secs: round3(span),
                    mean_rate: if n > 1 && span > 0.0 {
                        round3((n - 1) as f64 / span)
                    } else {
                        0.0
                    },
                    min_gap_secs: if min_gap.is_finite() {
                        round3(min_gap)
                    } else {
                        0.0
                    },
                };
                (host.clone(), s)
            })
            .collect()
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
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

/// `Retry-After` as seconds or an HTTP date.
fn retry_after(resp: &Response) -> Option<Duration> {
    let v = header_str(resp, header::RETRY_AFTER)?;
    let v = v.trim();
    if let Ok(secs) = v.parse::<f64>() {
        return (secs >= 0.0 && secs.is_finite()).then(|| Duration::from_secs_f64(secs));
    }
    let at = httpdate::parse_http_date(v).ok()?;
    Some(
        at.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// `timeout_secs`: the limit that applies where the error happened (connect or read).
fn classify(e: &reqwest::Error, timeout_secs: f64) -> FetchError {
    let message = error_chain(e);
    if e.is_timeout() {
        FetchError::Timeout { secs: timeout_secs }
    } else if e.is_connect() {
        FetchError::Unreachable { message }
    } else {
        FetchError::Broken { message }
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
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
