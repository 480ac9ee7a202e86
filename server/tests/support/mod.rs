//! The API tests' harness: a server in process on a fresh SQLite data folder or a fresh
//! PostgreSQL database, requests sent through the router with a peer address the test chooses
//! (`ConnectInfo`), and callers that carry their session cookies.
//!
//! PostgreSQL comes from `SPROUT_TEST_POSTGRES_URL` (scripts/postgres.sh prints one); each test
//! creates a database of its own there. Without it the PostgreSQL half of each test says that it
//! did not run, unless `SPROUT_REQUIRE_POSTGRES=1`, which makes it fail.

#![allow(dead_code)] // Each test binary uses part of the harness.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::Value;
use sprout_server::{router, AppFiles, AppState, Place, CHECK_TIMEOUT};
use sqlx::Executor;
use tower::ServiceExt;

/// Which database a test runs against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A server in process.
pub struct Server {
    pub backend: Backend,
    pub state: AppState,
    pub router: Router,
    pub place: Place,
    folder: Option<PathBuf>,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |time| time.as_nanos());
    format!("{prefix}_{}_{}_{nanos}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst))
}

/// The PostgreSQL server's URL, if the tests have one; panics when one is required and missing.
pub fn postgres_url() -> Option<String> {
    match std::env::var("SPROUT_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert_ne!(
                std::env::var("SPROUT_REQUIRE_POSTGRES").as_deref(),
                Ok("1"),
                "SPROUT_REQUIRE_POSTGRES=1 but SPROUT_TEST_POSTGRES_URL is not set (scripts/postgres.sh prints one)"
            );
            None
        }
    }
}

impl Server {
    /// A fresh server on `backend`, serving `app`; `None` when PostgreSQL is asked for and there
    /// is none (the caller says so).
    pub async fn start_with(backend: Backend, app: AppFiles) -> Option<Server> {
        let (place, folder) = match backend {
            Backend::Sqlite => {
                let folder = std::env::temp_dir().join(unique("sprout-server-test"));
                (Place::Folder(folder.clone()), Some(folder))
            }
            Backend::Postgres => {
                let url = postgres_url()?;
                let name = unique("sprout_test");
                sqlx::any::install_default_drivers();
                let mut admin =
                    <sqlx::AnyConnection as sqlx::Connection>::connect(&url).await.expect("connect to PostgreSQL");
                admin.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("create a test database");
                let base = url.rsplit_once('/').map_or(url.as_str(), |(base, _)| base);
                (Place::Url(format!("{base}/{name}")), None)
            }
        };
        let state = AppState::open(&place, 2, CHECK_TIMEOUT).await.expect("the server starts");
        let router = router(state.clone(), &app);
        Some(Server { backend, state, router, place, folder })
    }

    /// A fresh server on `backend` with no app files.
    pub async fn start(backend: Backend) -> Option<Server> {
        Server::start_with(backend, AppFiles::None).await
    }

    /// Sends `request` as from `peer`.
    pub async fn send(&self, mut request: Request<Body>, peer: IpAddr) -> Reply {
        request.extensions_mut().insert(ConnectInfo(SocketAddr::new(peer, 50_000)));
        let response = self.router.clone().oneshot(request).await.expect("the router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.expect("a body").to_bytes().to_vec();
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply { status, headers, bytes, json }
    }

    /// `method path` with a JSON body (or none) as `caller`.
    pub async fn call(&self, caller: &Caller, method: Method, path: &str, body: Option<Value>) -> Reply {
        let mut builder = Request::builder().method(method).uri(path);
        if let Some(cookie) = &caller.cookie {
            builder = builder.header(header::COOKIE, cookie);
        }
        let request = match body {
            Some(body) => builder
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(serde_json::to_vec(&body).expect("JSON")))
                .expect("a request"),
            None => builder.body(Body::empty()).expect("a request"),
        };
        self.send(request, caller.peer).await
    }

    /// `POST path` with raw bytes as `caller`.
    pub async fn post_bytes(&self, caller: &Caller, path: &str, bytes: Vec<u8>) -> Reply {
        let mut builder = Request::builder().method(Method::POST).uri(path).header(header::CONTENT_TYPE, "text/plain");
        if let Some(cookie) = &caller.cookie {
            builder = builder.header(header::COOKIE, cookie);
        }
        self.send(builder.body(Body::from(bytes)).expect("a request"), caller.peer).await
    }

    /// Sets the teacher's password from the teacher's own computer and signs in.
    pub async fn teacher(&self) -> Caller {
        let mut teacher = Caller::nobody(IpAddr::V4(Ipv4Addr::LOCALHOST));
        let reply = self
            .call(&teacher, Method::POST, "/api/teacher/setup", Some(serde_json::json!({ "password": PASSWORD })))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.json);
        teacher.cookie = Some(reply.cookie());
        teacher
    }

    /// Creates a class of Sprout's own course with `roster`; its id and the students' ids, PINs
    /// in the roster's order.
    pub async fn class(&self, teacher: &Caller, name: &str, roster: &str) -> (i64, Vec<(i64, String)>) {
        self.class_of(teacher, name, "builtin", roster).await
    }

    /// [`Server::class`] of the course `course` (`builtin` or an uploaded pack's id).
    pub async fn class_of(
        &self,
        teacher: &Caller,
        name: &str,
        course: &str,
        roster: &str,
    ) -> (i64, Vec<(i64, String)>) {
        let reply = self
            .call(teacher, Method::POST, "/api/classes", Some(serde_json::json!({ "name": name, "course": course })))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.json);
        let class = reply.json["id"].as_i64().expect("an id");
        let reply = self.post_bytes(teacher, &format!("/api/classes/{class}/roster"), roster.as_bytes().to_vec()).await;
        assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.json);
        let reply = self.call(teacher, Method::GET, &format!("/api/classes/{class}/students"), None).await;
        let students = reply.json["students"]
            .as_array()
            .expect("students")
            .iter()
            .map(|student| (student["id"].as_i64().expect("id"), student["pin"].as_str().expect("pin").to_string()))
            .collect();
        (class, students)
    }

    /// Signs a student in from `peer`.
    pub async fn student(&self, class: i64, (id, pin): &(i64, String), peer: IpAddr) -> Caller {
        let mut student = Caller::nobody(peer);
        let reply = self
            .call(
                &student,
                Method::POST,
                "/api/student/login",
                Some(serde_json::json!({ "class": class, "student": id, "pin": pin })),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.json);
        student.cookie = Some(reply.cookie());
        student
    }

    /// Closes the database's connections (what a stopped server leaves).
    pub async fn close(&self) {
        self.state.db.pool.close().await;
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // A failed test's data folder stays for a look; a passed one's goes.
        if let Some(folder) = &self.folder {
            if !std::thread::panicking() {
                let _ = std::fs::remove_dir_all(folder);
            }
        }
    }
}

/// The teacher's password in tests.
pub const PASSWORD: &str = "correct horse battery";

/// Someone calling the API: a peer address and, once signed in, a session cookie.
#[derive(Clone, Debug)]
pub struct Caller {
    pub peer: IpAddr,
    pub cookie: Option<String>,
}

impl Caller {
    /// Nobody signed in, on `peer`.
    pub fn nobody(peer: IpAddr) -> Caller {
        Caller { peer, cookie: None }
    }
}

/// A computer on the LAN.
pub fn lan(last: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(192, 168, 1, last))
}

/// A reply.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub bytes: Vec<u8>,
    pub json: Value,
}

impl Reply {
    /// The session cookie it sets, as a `Cookie` header sends it back.
    pub fn cookie(&self) -> String {
        let set = self.headers.get(header::SET_COOKIE).and_then(|value| value.to_str().ok()).expect("a cookie");
        set.split(';').next().expect("name=value").to_string()
    }

    /// The error code of an error reply.
    pub fn error(&self) -> &str {
        self.json["error"].as_str().unwrap_or("")
    }
}

/// Runs `test` against SQLite and PostgreSQL, one `#[tokio::test]` each.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let server = $crate::support::Server::start($crate::support::Backend::Sqlite).await;
                super::$name(server.expect("SQLite is always there")).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                match $crate::support::Server::start($crate::support::Backend::Postgres).await {
                    Some(server) => super::$name(server).await,
                    None => println!("PostgreSQL: not run (set SPROUT_TEST_POSTGRES_URL, e.g. from scripts/postgres.sh)"),
                }
            }
        }
    )*};
}
