//! The review server: axum on 127.0.0.1, a random session token (cookie after the first visit),
//! no cross-site writes (Host and Origin checked, a CSRF field equal to the token), and saves
//! through the same correction files, serialised, with a conflict check instead of lost updates.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{Form, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

use super::page_image::{is_sha, PageImages};
use super::pages::{message_page, paper_page, queue_page, run_evidence, PaperView, SCRIPT, STYLE};
use super::queue::build_queue;
use crate::annotate::{
    check_value, current_value, now_rfc3339, Action, Correction, FieldPath, RunField,
};
use crate::estimate::{Estimator, Method};
use crate::reference::Reference;
use crate::survey::Survey;
use crate::text::{Document, EXTRACTOR_VERSION};

const COOKIE: &str = "greenmir_session";

/// No inline script or style, images only from this server, forms post only here.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                   form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

pub struct App {
    pub survey: Survey,
    pub reference: Reference,
    pub by: String,
    pub token: String,
    pub text_cache: PathBuf,
    pub pdf_cache: PathBuf,
    /// Rendered PDF pages (`<sha>-<page>.png`).
    pub page_cache: PathBuf,
    /// The method a run card's kWh are computed with.
    pub method: Method,
    pub port: std::sync::OnceLock<u16>,
    /// Saves are serialised so the conflict check and the write see the same file.
    pub write_lock: tokio::sync::Mutex<()>,
}

/// 128 random bits as hex, from the OS.
pub fn new_token() -> String {
    use std::io::Read;
    let mut buf = [0u8; 16];
    let ok = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut buf));
    if ok.is_err() {
        // No /dev/urandom: fall back to time and process id (still per-session unique).
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let seed = format!("{t}-{}", std::process::id());
        buf.copy_from_slice(&crate::text::sha256_hex(seed.as_bytes()).as_bytes()[..16]);
    }
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

fn host_ok(app: &App, headers: &HeaderMap) -> bool {
    let port = app.port.get().copied().unwrap_or(0);
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    host == format!("127.0.0.1:{port}") || host == format!("localhost:{port}")
}

fn cookie_ok(app: &App, headers: &HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .any(|(k, v)| k == COOKIE && v == app.token)
}

fn origin_ok(app: &App, headers: &HeaderMap) -> bool {
    let port = app.port.get().copied().unwrap_or(0);
    match headers.get(header::ORIGIN).and_then(|h| h.to_str().ok()) {
        None => true,
        Some(o) => {
            o == format!("http://127.0.0.1:{port}") || o == format!("http://localhost:{port}")
        }
    }
}

fn forbidden(msg: &str) -> Response {
    (StatusCode::FORBIDDEN, Html(message_page("Forbidden", msg))).into_response()
}

#[derive(Deserialize)]
struct TokenQuery {
    token: Option<String>,
}

async fn index(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(q): Query<TokenQuery>,
) -> Response {
    if !host_ok(&app, &headers) {
        return forbidden("wrong Host header");
    }
    if let Some(t) = q.token {
        if t != app.token {
            return forbidden("wrong session token");
        }
        let cookie = format!("{COOKIE}={t}; HttpOnly; SameSite=Strict; Path=/");
        return ([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response();
    }
    if !cookie_ok(&app, &headers) {
        return forbidden("open the URL with the session token that `greenmir review` printed");
    }
    let result = app
        .survey
        .load_resolved(&app.reference)
        .and_then(|(records, _)| {
            let files = app.survey.annotations().load_all()?;
            Ok(build_queue(&records, &files))
        });
    match result {
        Ok(items) => Html(queue_page(&app.survey.name, &app.by, &items)).into_response(),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Html(message_page("Error", &e.to_string())),
        )
            .into_response(),
    }
}

fn cached_pages(app: &App, sha: Option<&str>) -> Option<Vec<crate::text::Page>> {
    let sha = sha?;
    let text = std::fs::read_to_string(
        app.text_cache
            .join(format!("{sha}-{EXTRACTOR_VERSION}.json")),
    )
    .ok()?;
    serde_json::from_str::<Document>(&text)
        .ok()
        .map(|d| d.pages)
}

fn render_paper(app: &App, id: &str, message: Option<&str>) -> Response {
    let records = match app.survey.load_resolved(&app.reference) {
        Ok((r, _)) => r,
        Err(e) => {
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                Html(message_page("Error", &e.to_string())),
            )
                .into_response()
        }
    };
    let Some(rec) = records.iter().find(|r| r.paper.id == id) else {
        return (
            StatusCode::NOT_FOUND,
            Html(message_page("Not found", &format!("no paper {id}"))),
        )
            .into_response();
    };
    let sha = rec.paper.sha256.as_deref();
    let pages = cached_pages(app, sha);
    let pdf = sha
        .filter(|s| app.pdf_cache.join(format!("{s}.pdf")).exists())
        .map(|s| format!("/pdf/{s}.pdf"));
    let estimator = Estimator::new(&app.method, &app.reference);
    let estimates = rec
        .runs
        .iter()
        .enumerate()
        .map(|(i, run)| {
            estimator.estimate_run(run).map(|mut e| {
                e.run = i;
                e
            })
        })
        .collect();
    let mut images = std::collections::BTreeMap::new();
    for n in rec
        .runs
        .iter()
        .flat_map(run_evidence)
        .filter_map(|ev| ev.page)
    {
        images.entry(n).or_insert_with(|| page_image(app, sha, n));
    }
    let mut marks = std::collections::BTreeMap::new();
    if let Some(sha) = sha {
        for (i, run) in rec.runs.iter().enumerate() {
            let mut by_page: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
            for ev in run_evidence(run) {
                if let Some(n) = ev.page.filter(|n| matches!(images.get(n), Some(Ok(_)))) {
                    by_page.entry(n).or_default().push(ev.text);
                }
            }
            for (n, quotes) in by_page {
                let quotes: Vec<&str> = quotes.iter().map(String::as_str).collect();
                // Unmarked is fine: the page text beside the image marks the quote too.
                if let Ok(m) = page_images(app).quote_boxes(sha, n, &quotes) {
                    marks.insert((i, n), m);
                }
            }
        }
    }
    let html = paper_page(&PaperView {
        rec,
        pages: pages.as_deref(),
        pdf_link: pdf,
        images,
        marks,
        method: &app.method.name,
        estimates,
        by: &app.by,
        csrf: &app.token,
        message,
    });
    let status = if message.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    (status, Html(html)).into_response()
}

async fn paper(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if !host_ok(&app, &headers) || !cookie_ok(&app, &headers) {
        return forbidden("not authorised");
    }
    render_paper(&app, &id, None)
}

#[derive(Deserialize)]
struct CorrectForm {
    csrf: String,
    field: String,
    action: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    replaces: String,
    #[serde(default)]
    reason: String,
}

async fn correct(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(form): Form<CorrectForm>,
) -> Response {
    if !host_ok(&app, &headers)
        || !cookie_ok(&app, &headers)
        || !origin_ok(&app, &headers)
        || form.csrf != app.token
    {
        return forbidden("cross-site or unauthenticated write refused");
    }
    let action = match form.action.as_str() {
        "merge" | "split" => return edit_run(&app, &id, &form).await,
        "set" => Action::Set,
        "accept" => Action::Accept,
        "reject" => Action::Reject,
        "note" => Action::Note,
        _ => return render_paper(&app, &id, Some("unknown action")),
    };
    let path: FieldPath = match form.field.parse() {
        Ok(p) => p,
        Err(e) => return render_paper(&app, &id, Some(&e)),
    };
    let _guard = app.write_lock.lock().await;
    let records = match app.survey.load_resolved(&app.reference) {
        Ok((r, _)) => r,
        Err(e) => return render_paper(&app, &id, Some(&e.to_string())),
    };
    let Some(rec) = records.iter().find(|r| r.paper.id == id) else {
        return (StatusCode::NOT_FOUND, Html(message_page("Not found", &id))).into_response();
    };
    let now = current_value(rec, &path).unwrap_or_default();
    if now != form.replaces {
        let msg = format!(
            "Conflict: {path} changed since you opened this page (you saw {:?}, it is now {:?}). Nothing was saved; decide again.",
            form.replaces, now
        );
        return render_paper(&app, &id, Some(&msg));
    }
    let value = if action == Action::Set {
        match check_value(&path, &form.value, &app.reference) {
            Ok(v) => Some(v),
            Err(e) => return render_paper(&app, &id, Some(&format!("{path}: {e}"))),
        }
    } else {
        None
    };
    let c = Correction {
        field: path.to_string(),
        action,
        value,
        replaces: now,
        by: app.by.clone(),
        at: now_rfc3339(),
        reason: form.reason.clone(),
    };
    if let Err(e) = app.survey.annotations().append(&id, c) {
        return render_paper(&app, &id, Some(&e.to_string()));
    }
    Redirect::to(&format!("/paper/{id}")).into_response()
}

/// Merge (reject this run, naming the run kept) or split (copy this run's values into a new
/// run, to be corrected there): plain corrections, so `annotate` and `agree` see them as usual.
async fn edit_run(app: &App, id: &str, form: &CorrectForm) -> Response {
    let i = match form.field.parse::<FieldPath>() {
        Ok(FieldPath::Run(i)) => i,
        _ => return render_paper(app, id, Some("merge and split take a whole run, runs[N]")),
    };
    let _guard = app.write_lock.lock().await;
    let records = match app.survey.load_resolved(&app.reference) {
        Ok((r, _)) => r,
        Err(e) => return render_paper(app, id, Some(&e.to_string())),
    };
    let Some(rec) = records.iter().find(|r| r.paper.id == id) else {
        return (StatusCode::NOT_FOUND, Html(message_page("Not found", id))).into_response();
    };
    let now = current_value(rec, &FieldPath::Run(i)).unwrap_or_default();
    if now != form.replaces {
        let msg = format!(
            "Conflict: runs[{i}] changed since you opened this page (you saw {:?}, it is now {:?}). Nothing was saved; decide again.",
            form.replaces, now
        );
        return render_paper(app, id, Some(&msg));
    }
    let why = |what: String| {
        if form.reason.trim().is_empty() {
            what
        } else {
            format!("{what}: {}", form.reason.trim())
        }
    };
    let correction =
        |field: String, action: Action, value: Option<String>, replaces: String| Correction {
            field,
            action,
            value,
            replaces,
            by: app.by.clone(),
            at: now_rfc3339(),
            reason: String::new(),
        };
    let mut new = Vec::new();
    if form.action == "merge" {
        let kept = form.value.trim().parse::<usize>().ok();
        let Some(kept) = kept.filter(|k| *k != i && *k < rec.runs.len()) else {
            return render_paper(app, id, Some("merge: choose another existing run to keep"));
        };
        let mut c = correction(format!("runs[{i}]"), Action::Reject, None, now);
        c.reason = why(format!("merged into run {kept}"));
        new.push(c);
    } else {
        let n = rec.runs.len();
        for rf in [
            RunField::Hardware,
            RunField::Count,
            RunField::Hours,
            RunField::Multiplier,
            RunField::TdpW,
            RunField::Purpose,
        ] {
            let Some(v) = current_value(rec, &FieldPath::RunField(i, rf)) else {
                continue;
            };
            let path = FieldPath::RunField(n, rf);
            let Ok(v) = check_value(&path, &v, &app.reference) else {
                continue;
            };
            let mut c = correction(path.to_string(), Action::Set, Some(v), String::new());
            c.reason = why(format!("split from run {i}"));
            new.push(c);
        }
    }
    let store = app.survey.annotations();
    let saved = store.load(id).and_then(|mut f| {
        f.corrections.extend(new);
        store.save(&f)
    });
    if let Err(e) = saved {
        return render_paper(app, id, Some(&e.to_string()));
    }
    Redirect::to(&format!("/paper/{id}")).into_response()
}

async fn pdf(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(name): Path<String>,
) -> Response {
    if !host_ok(&app, &headers) || !cookie_ok(&app, &headers) {
        return forbidden("not authorised");
    }
    let sha = name.trim_end_matches(".pdf");
    if sha.len() != 64 || !sha.chars().all(|c| c.is_ascii_hexdigit()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    match std::fs::read(app.pdf_cache.join(format!("{sha}.pdf"))) {
        Ok(bytes) => ([(header::CONTENT_TYPE, "application/pdf")], bytes).into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

fn page_images(app: &App) -> PageImages {
    PageImages {
        pdf_cache: app.pdf_cache.clone(),
        page_cache: app.page_cache.clone(),
    }
}

/// The URL of a page's image, rendering it now so a failure shows as a message, not a
/// broken image.
fn page_image(app: &App, sha: Option<&str>, page: u32) -> Result<String, String> {
    let sha = sha.ok_or("the record names no PDF (no sha256)")?;
    page_images(app)
        .render(sha, page)
        .map(|_| format!("/page/{sha}/{page}.png"))
        .map_err(|e| e.to_string())
}

async fn page_png(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path((sha, file)): Path<(String, String)>,
) -> Response {
    if !host_ok(&app, &headers) || !cookie_ok(&app, &headers) {
        return forbidden("not authorised");
    }
    let page = file
        .strip_suffix(".png")
        .filter(|n| !n.is_empty() && n.len() <= 6 && n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|n| n.parse::<u32>().ok());
    let (Some(page), true) = (page, is_sha(&sha)) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let rendered = tokio::task::spawn_blocking(move || page_images(&app).render(&sha, page)).await;
    match rendered {
        Ok(Ok(path)) => match std::fs::read(path) {
            Ok(bytes) => ([(header::CONTENT_TYPE, "image/png")], bytes).into_response(),
            Err(_) => StatusCode::NOT_FOUND.into_response(),
        },
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn asset(Path(name): Path<String>) -> Response {
    match name.as_str() {
        "review.css" => {
            ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE).into_response()
        }
        "review.js" => (
            [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
            SCRIPT,
        )
            .into_response(),
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn security_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        header::HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        header::HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        header::HeaderValue::from_static("same-origin"),
    );
    res
}

/// Serves until interrupted. `ready` is called with the address once listening.
pub fn serve(app: App, port: u16, ready: impl FnOnce(SocketAddr, &str)) -> std::io::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        let addr = listener.local_addr()?;
        let _ = app.port.set(addr.port());
        let token = app.token.clone();
        let app = Arc::new(app);
        let router = Router::new()
            .route("/", get(index))
            .route("/paper/{id}", get(paper))
            .route("/paper/{id}/correct", post(correct))
            .route("/pdf/{name}", get(pdf))
            .route("/page/{sha}/{file}", get(page_png))
            .route("/{asset}", get(asset))
            .layer(axum::middleware::map_response(security_headers))
            .with_state(app);
        ready(addr, &token);
        axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    })
}
