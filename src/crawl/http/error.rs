//! Why one URL could not be fetched, and which failures are worth another try.

use serde::Serialize;

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
    pub(super) fn retryable(&self) -> bool {
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

/// `timeout_secs`: the limit that applies where the error happened (connect or read).
pub(super) fn classify(e: &reqwest::Error, timeout_secs: f64) -> FetchError {
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
