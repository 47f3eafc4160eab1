//! Listings from the cache: conditional requests (ETag / Last-Modified) against the stored
//! copy, `304` reuses it, `--offline` uses it without asking.

use super::*;

/// A cached listing response, for conditional requests and `--offline`.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct CachedResponse {
    url: String,
    #[serde(default)]
    etag: Option<String>,
    #[serde(default)]
    last_modified: Option<String>,
    body: String,
}

impl Http {
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
}
