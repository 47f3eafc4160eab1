//! A small HTTP/1.1 server on 127.0.0.1 for crawler tests, with injectable faults and a
//! server-side log of every request (what was asked, when, and whether the body was sent
//! in full). One thread per connection; every response closes the connection.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How a path answers.
#[derive(Clone)]
pub enum Reply {
    /// 200 with a body; with an ETag, `If-None-Match` gets a 304.
    Ok {
        body: Vec<u8>,
        content_type: &'static str,
        etag: Option<String>,
    },
    Status(u16),
    /// The first `times` requests get `status` (with `Retry-After` if given), then `then`.
    FailFirst {
        times: usize,
        status: u16,
        retry_after: Option<u64>,
        then: Box<Reply>,
    },
    /// Waits before answering (longer than the client's timeout).
    Delay(Duration, Box<Reply>),
    /// A body sent in chunks with pauses (to be killed mid-download).
    Slow {
        body: Vec<u8>,
        chunk: usize,
        pause: Duration,
    },
    /// Declares the full length, sends `send` bytes, closes.
    Truncated {
        body: Vec<u8>,
        send: usize,
    },
    Redirect(String),
    /// No Content-Length: streams `total` bytes.
    Stream {
        total: usize,
    },
}

impl Reply {
    pub fn pdf(body: Vec<u8>) -> Reply {
        Reply::Ok {
            body,
            content_type: "application/pdf",
            etag: None,
        }
    }

    pub fn text(body: impl Into<Vec<u8>>, content_type: &'static str) -> Reply {
        Reply::Ok {
            body: body.into(),
            content_type,
            etag: None,
        }
    }
}

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Hit {
    pub path: String,
    pub at: Instant,
    pub user_agent: String,
    pub if_none_match: Option<String>,
    pub status: u16,
    /// The whole body was written.
    pub completed: bool,
}

pub struct Server {
    pub base: String,
    routes: Arc<Mutex<HashMap<String, Reply>>>,
    log: Arc<Mutex<Vec<Hit>>>,
}

impl Server {
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let routes: Arc<Mutex<HashMap<String, Reply>>> = Arc::default();
        let log: Arc<Mutex<Vec<Hit>>> = Arc::default();
        let (r, l) = (routes.clone(), log.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (r, l) = (r.clone(), l.clone());
                std::thread::spawn(move || handle(stream, &r, &l));
            }
        });
        Server { base, routes, log }
    }

    pub fn route(&self, path: &str, reply: Reply) {
        self.routes.lock().unwrap().insert(path.to_string(), reply);
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Every request so far, once the server has finished answering them (a client can
    /// have read a whole body before the server thread notes that it wrote it).
    pub fn hits(&self) -> Vec<Hit> {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let log = self.log.lock().unwrap().clone();
            if log.iter().all(|h| h.status != 0) || Instant::now() > deadline {
                return log;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The log as it is now, requests still being answered included.
    pub fn hits_now(&self, path: &str) -> Vec<Hit> {
        let log = self.log.lock().unwrap();
        log.iter().filter(|h| h.path == path).cloned().collect()
    }

    pub fn hits_of(&self, path: &str) -> Vec<Hit> {
        self.hits().into_iter().filter(|h| h.path == path).collect()
    }
}

fn handle(stream: TcpStream, routes: &Mutex<HashMap<String, Reply>>, log: &Mutex<Vec<Hit>>) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
    let mut first = String::new();
    if reader.read_line(&mut first).unwrap_or(0) == 0 {
        return;
    }
    let path = first.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let at = Instant::now();
    let previous = log
        .lock()
        .unwrap()
        .iter()
        .filter(|h| h.path == path)
        .count();
    let idx = {
        let mut l = log.lock().unwrap();
        l.push(Hit {
            path: path.clone(),
            at,
            user_agent: headers.get("user-agent").cloned().unwrap_or_default(),
            if_none_match: headers.get("if-none-match").cloned(),
            status: 0,
            completed: false,
        });
        l.len() - 1
    };
    let reply = routes.lock().unwrap().get(&path).cloned();
    let reply = reply.unwrap_or(Reply::Status(404));
    let (status, completed) = respond(stream, reply, previous, headers.get("if-none-match"));
    let mut l = log.lock().unwrap();
    l[idx].status = status;
    l[idx].completed = completed;
}

fn head(status: u16, extra: &str, len: Option<usize>) -> String {
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
    let len = len
        .map(|n| format!("Content-Length: {n}\r\n"))
        .unwrap_or_default();
    format!("HTTP/1.1 {status} {reason}\r\n{len}{extra}Connection: close\r\n\r\n")
}

/// Writes the reply; returns the status and whether the whole body went out.
fn respond(
    mut s: TcpStream,
    reply: Reply,
    previous: usize,
    if_none_match: Option<&String>,
) -> (u16, bool) {
    match reply {
        Reply::Ok {
            body,
            content_type,
            etag,
        } => {
            if let Some(tag) = etag.as_ref().filter(|t| Some(*t) == if_none_match) {
                let extra = format!("ETag: {tag}\r\n");
                let ok = s.write_all(head(304, &extra, Some(0)).as_bytes()).is_ok();
                return (304, ok);
            }
            let mut extra = format!("Content-Type: {content_type}\r\n");
            if let Some(e) = etag {
                extra.push_str(&format!("ETag: {e}\r\n"));
            }
            let ok = s
                .write_all(head(200, &extra, Some(body.len())).as_bytes())
                .and_then(|_| s.write_all(&body))
                .and_then(|_| s.flush())
                .is_ok();
            (200, ok)
        }
        Reply::Status(code) => {
            let body = format!("<html><body>error {code}</body></html>");
            let ok = s
                .write_all(head(code, "Content-Type: text/html\r\n", Some(body.len())).as_bytes())
                .and_then(|_| s.write_all(body.as_bytes()))
                .is_ok();
            (code, ok)
        }
        Reply::FailFirst {
            times,
            status,
            retry_after,
            then,
        } => {
            if previous < times {
                let extra = retry_after
                    .map(|r| format!("Retry-After: {r}\r\n"))
                    .unwrap_or_default();
                let ok = s
                    .write_all(head(status, &extra, Some(0)).as_bytes())
                    .is_ok();
                (status, ok)
            } else {
                respond(s, *then, previous - times, if_none_match)
            }
        }
        Reply::Delay(d, then) => {
            std::thread::sleep(d);
            respond(s, *then, previous, if_none_match)
        }
        Reply::Slow { body, chunk, pause } => {
            if s.write_all(
                head(200, "Content-Type: application/pdf\r\n", Some(body.len())).as_bytes(),
            )
            .is_err()
            {
                return (200, false);
            }
            for (i, c) in body.chunks(chunk).enumerate() {
                if i > 0 {
                    std::thread::sleep(pause);
                }
                if s.write_all(c).and_then(|_| s.flush()).is_err() {
                    return (200, false);
                }
            }
            (200, true)
        }
        Reply::Truncated { body, send } => {
            let _ = s
                .write_all(
                    head(200, "Content-Type: application/pdf\r\n", Some(body.len())).as_bytes(),
                )
                .and_then(|_| s.write_all(&body[..send]));
            let _ = s.shutdown(std::net::Shutdown::Both);
            (200, false)
        }
        Reply::Redirect(to) => {
            let ok = s
                .write_all(head(302, &format!("Location: {to}\r\n"), Some(0)).as_bytes())
                .is_ok();
            (302, ok)
        }
        Reply::Stream { total } => {
            if s.write_all(head(200, "Content-Type: application/pdf\r\n", None).as_bytes())
                .is_err()
            {
                return (200, false);
            }
            let mut chunk = b"%PDF-1.4\n".to_vec();
            chunk.resize(64 * 1024, b'x');
            let mut sent = 0;
            while sent < total {
                if s.write_all(&chunk).is_err() {
                    return (200, false);
                }
                sent += chunk.len();
            }
            (200, true)
        }
    }
}
