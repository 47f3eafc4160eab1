//! robots.txt: fetched once per origin and crawl, honoured for every request and redirect hop;
//! a host whose robots.txt cannot be had fails its items at once.

use super::*;

/// robots.txt of one origin, fetched once per crawl.
pub(super) enum RobotsRule {
    AllowAll,
    Rules(Box<texting_robots::Robot>),
    /// The host could not be reached: every request to it fails with this at once.
    Down(FetchError),
}

impl Http {
    /// Fetches the origin's robots.txt once and checks `url` against it.
    pub(super) async fn check_robots(&self, url: &Url) -> Result<(), FetchError> {
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

    pub(super) async fn fetch_robots(&self, robots_url: &str) -> RobotsRule {
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
    pub(super) async fn get_robots(&self, url: &Url) -> Result<Response, FetchError> {
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
}
