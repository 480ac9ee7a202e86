//! Sprout's classroom server (issue #16): one program on the teacher's PC serves the app and an
//! HTTP API on the LAN, keeps every student's work in a database (SQLite in a data folder, or
//! PostgreSQL), re-grades every check with the same grader as the app and `sprout grade`, and
//! shows the class live on the teacher's page. The API is documented in docs/server-api.md.
//!
//! The server is a thin shell over the host-free crates: handlers (`routes/`) parse, authorize
//! (`auth.rs`), call `sprout-lessons` and store (`db.rs`). `sprout serve` calls [`serve`];
//! tests call [`start`] on port 0, or drive [`router`] in process.

mod app;
mod auth;
pub mod db;
mod error;
mod grader;
mod roster;
mod routes;
mod state;
mod time;
mod words;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::routing::{any, delete, get, post, put, MethodRouter};
use axum::Router;
use sprout_runtime::messages::Language;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{Compression, CompressionLevel};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};

pub use app::{AppFiles, EmbeddedApp, EmbeddedFiles};
pub use db::{Database, Dialect, Place};
pub use error::{ApiError, CODES};
pub use grader::CHECK_TIMEOUT;
pub use state::{AppState, StartError, BUILTIN_COURSE};

/// The body limit of the small JSON requests (sign-ins, a class, an event).
pub const SMALL_BODY_BYTES: usize = 64 * 1024;
/// The body limit of a save or a check: the code's limit with room for JSON's escapes.
pub const CODE_BODY_BYTES: usize = 1024 * 1024;
/// The body limit of a roster.
pub const ROSTER_BODY_BYTES: usize = 1024 * 1024;
/// The body limit of an uploaded pack: refused before it is read beyond this.
pub const PACK_BODY_BYTES: usize = 16 * 1024 * 1024;

/// How long any request but the live stream may take.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(90);
/// How long a request's body may take to arrive.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(30);

/// What `sprout serve` is given.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The port (0: any free one).
    pub port: u16,
    /// The data folder (SQLite); default [`default_data_folder`].
    pub data: Option<PathBuf>,
    /// A `postgres://` URL instead of the data folder.
    pub database: Option<String>,
    /// The built app's folder; default `dist/` in the current directory.
    pub app: Option<PathBuf>,
    /// The language of what is printed.
    pub language: Language,
}

/// The data folder when none is given: `sprout-data` beside the program, so that a teacher who
/// carries the program on a USB stick carries the class's work with it (a restore card wipes the
/// PC's disk, not the stick); the current directory's when the program's folder is unknown.
pub fn default_data_folder() -> PathBuf {
    let beside = std::env::current_exe().ok().and_then(|exe| exe.parent().map(|folder| folder.to_path_buf()));
    beside.unwrap_or_else(|| PathBuf::from(".")).join("sprout-data")
}

/// A server accepting connections.
#[derive(Debug)]
pub struct RunningServer {
    /// The address it listens on.
    pub address: SocketAddr,
    /// Its state (for tests that look into the database).
    pub state: AppState,
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl RunningServer {
    /// Stops accepting and lets requests in flight finish, for at most [`STOP_GRACE`]: a
    /// teacher's page holds the live stream open for ever, and Ctrl+C must still stop the server.
    /// Every acknowledged write is already in the database, so nothing waits on the cut.
    pub async fn stop(self) -> anyhow::Result<()> {
        let _ = self.stop.send(());
        let mut task = self.task;
        match tokio::time::timeout(STOP_GRACE, &mut task).await {
            Ok(served) => served??,
            Err(_) => task.abort(),
        }
        Ok(())
    }
}

/// How long stopping waits for requests in flight.
pub const STOP_GRACE: std::time::Duration = std::time::Duration::from_secs(3);

/// Resolves when the server is asked to stop: Ctrl+C, or (on unix) SIGTERM, as a service
/// manager or `kill` asks.
async fn stop_requested() -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            interrupted = tokio::signal::ctrl_c() => interrupted.context("Ctrl+C")?,
            _ = terminate.recv() => {}
        }
        Ok(())
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await.context("Ctrl+C")
    }
}

async fn not_found() -> ApiError {
    ApiError::not_found("not-found")
}

fn limited(route: MethodRouter<AppState>, bytes: usize) -> MethodRouter<AppState> {
    route.layer(RequestBodyLimitLayer::new(bytes))
}

/// The API routes and, behind them, the app's files, with every layer: body limits, translated
/// errors, the security headers and the panic backstop.
pub fn router(state: AppState, app: &AppFiles) -> Router {
    use routes::{classes, export, student, teacher, view};
    let api = Router::new()
        .route("/api/hello", get(teacher::hello))
        .route("/api/teacher/setup", limited(post(teacher::setup), SMALL_BODY_BYTES))
        .route("/api/teacher/login", limited(post(teacher::login), SMALL_BODY_BYTES))
        .route("/api/teacher/logout", limited(post(teacher::logout), SMALL_BODY_BYTES))
        .route("/api/classes", limited(get(classes::list).post(classes::create), SMALL_BODY_BYTES))
        .route("/api/classes/{class}/roster", limited(post(classes::import_roster), ROSTER_BODY_BYTES))
        .route("/api/classes/{class}/students", get(classes::students))
        .route("/api/classes/{class}/students/{student}", get(view::student).merge(delete(classes::remove_student)))
        .route("/api/classes/{class}/students/{student}/pin", limited(post(classes::reset_pin), SMALL_BODY_BYTES))
        .route("/api/classes/{class}/overview", get(view::overview))
        .route("/api/classes/{class}/export/table.csv", get(export::table))
        .route("/api/classes/{class}/export/results.zip", get(export::results))
        .route("/api/classes/{class}/export/code.zip", get(export::code))
        .route("/api/backup", get(export::backup))
        .route("/api/packs", get(classes::packs).merge(limited(post(classes::upload_pack), PACK_BODY_BYTES)))
        .route("/api/join", get(student::classes))
        .route("/api/join/{class}", get(student::class_students))
        .route("/api/student/login", limited(post(student::login), SMALL_BODY_BYTES))
        .route("/api/student/logout", limited(post(student::logout), SMALL_BODY_BYTES))
        .route("/api/me", get(student::me))
        .route("/api/me/pack", get(student::pack))
        .route("/api/me/lessons/{lesson}/code", limited(put(student::save), CODE_BODY_BYTES))
        .route("/api/me/lessons/{lesson}/check", limited(post(student::check), CODE_BODY_BYTES))
        .route("/api/me/events", limited(post(student::event), SMALL_BODY_BYTES))
        // An unknown API address is a JSON error, never the app's page.
        .route("/api/{*rest}", any(not_found))
        // Every request but the live stream ends in bounded time (a check's safety net is shorter).
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT))
        .route("/api/classes/{class}/live", get(view::live))
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .with_state(state);
    // The app's files go out gzipped (at the fastest level: the teacher's PC may be old) to
    // browsers that take it: a class of 50 loading 2.3 MB of wasm each is a LAN's busiest minute.
    let router = match app {
        AppFiles::Folder(folder) => {
            api.fallback_service(Compression::new(ServeDir::new(folder)).quality(CompressionLevel::Fastest))
        }
        AppFiles::Embedded(files) => {
            let files = EmbeddedApp::new(files);
            let serve = get(move |uri: Uri, headers: HeaderMap| async move { files.respond(&uri, &headers) });
            api.fallback_service(Compression::new(serve.with_state(())).quality(CompressionLevel::Fastest))
        }
        AppFiles::None => api.fallback(not_found),
    };
    let policy = app::content_security_policy(
        &app.index_html().map(|html| app::inline_script_hashes(&html)).unwrap_or_default(),
    );
    router
        // Every body is bounded by its route's limit; this outer one bounds every other body too.
        .layer(RequestBodyLimitLayer::new(PACK_BODY_BYTES))
        // A body that trickles in slower than this is cut off (a slow upload holds no handler).
        .layer(RequestBodyTimeoutLayer::new(BODY_TIMEOUT))
        .layer(DefaultBodyLimit::disable())
        .layer(axum::middleware::from_fn(error::localize))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&policy).unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'")),
        ))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")))
        .layer(CatchPanicLayer::new())
}

/// Where `options` say the data goes.
fn place(options: &ServeOptions) -> Place {
    match (&options.database, &options.data) {
        (Some(url), _) => Place::Url(url.clone()),
        (None, Some(folder)) => Place::Folder(folder.clone()),
        (None, None) => Place::Folder(default_data_folder()),
    }
}

/// The app's files `options` name: `--app DIR`, else the app built into the program, else `dist/`
/// in the current directory.
fn app_files(options: &ServeOptions) -> AppFiles {
    match (&options.app, AppFiles::built_in()) {
        (Some(folder), _) => AppFiles::folder(folder),
        (None, Some(built_in)) => built_in,
        (None, None) => AppFiles::folder(std::path::Path::new("dist")),
    }
}

/// Opens the database, binds every IPv4 address on `options.port` (0: a free port) and serves in
/// the background.
pub async fn start(options: &ServeOptions) -> anyhow::Result<RunningServer> {
    let graders = std::thread::available_parallelism().map_or(1, |count| count.get());
    let state = AppState::open(&place(options), graders, CHECK_TIMEOUT).await?;
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::UNSPECIFIED, options.port)).await?;
    let address = listener.local_addr()?;
    let service = router(state.clone(), &app_files(options)).into_make_service_with_connect_info::<SocketAddr>();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(listener, service)
            .with_graceful_shutdown(async move {
                let _ = stopped.await;
            })
            .await
    });
    Ok(RunningServer { address, state, stop, task })
}

/// The addresses students type: every non-loopback IPv4 address of this computer with `port`.
pub fn student_addresses(port: u16) -> Vec<String> {
    let mut addresses: Vec<String> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter(|interface| !interface.is_loopback())
        .filter_map(|interface| match interface.ip() {
            std::net::IpAddr::V4(address) => Some(format!("http://{address}:{port}/")),
            std::net::IpAddr::V6(_) => None,
        })
        .collect();
    addresses.sort();
    addresses.dedup();
    addresses
}

/// `sprout serve`: starts the server, prints where students and the teacher open it, and serves
/// until Ctrl+C.
pub fn serve(options: ServeOptions) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let language = options.language;
        let running = start(&options).await?;
        let port = running.address.port();
        let say =
            |id: &str, arguments: &[(&str, &dyn std::fmt::Display)]| println!("{}", words::tr(language, id, arguments));
        say("serve-started", &[("version", &env!("CARGO_PKG_VERSION"))]);
        let addresses = student_addresses(port);
        if addresses.is_empty() {
            say("serve-no-lan-address", &[]);
        } else {
            say("serve-student-addresses", &[]);
            for address in &addresses {
                println!("    {address}");
            }
        }
        say("serve-teacher-address", &[("address", &format!("http://localhost:{port}/"))]);
        let stored = match place(&options) {
            Place::Folder(folder) => folder.display().to_string(),
            Place::Url(_) => "PostgreSQL".to_string(),
        };
        say("serve-data", &[("place", &stored)]);
        if let AppFiles::None = app_files(&options) {
            let folder = options.app.clone().unwrap_or_else(|| PathBuf::from("dist"));
            say("serve-no-app", &[("folder", &folder.display())]);
        }
        say("serve-stop", &[]);
        stop_requested().await?;
        running.stop().await
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_sentence_serve_prints_has_words() {
        let source = include_str!("lib.rs");
        let printed: Vec<&str> = source
            .split('"')
            .filter(|piece| piece.len() > "serve-".len() && piece.starts_with("serve-") && !piece.contains(' '))
            .collect();
        assert!(printed.len() >= 7, "{printed:?}");
        for id in printed {
            assert!(crate::words::has(id), "{id} has no words");
        }
    }
}
