//! Politeness in time: one host's requests spaced by the rate (or `Crawl-delay`), retries
//! backed off with jitter and `Retry-After`, and the per-host log the summary reports.

use super::*;

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
pub(super) struct HostLog {
    pub(super) times: Vec<Instant>,
    pub(super) retries: u64,
    pub(super) not_modified: u64,
}

impl Http {
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

    /// Sleeps until this host's next slot: requests to one host start at least
    /// 1 / rate (or robots.txt `Crawl-delay`) apart.
    pub(super) async fn wait_turn(&self, url: &Url, crawl_delay: Option<f64>) {
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

    pub(super) fn host_log(&self, url: &Url, f: impl FnOnce(&mut HostLog)) {
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

pub(super) fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// `Retry-After` as seconds or an HTTP date.
pub(super) fn retry_after(resp: &Response) -> Option<Duration> {
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
