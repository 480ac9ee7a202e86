//! `start` and what `serve` prints, over real TCP: the server binds a free port, takes the
//! teacher's setup from the loopback address it really sees, serves the API, and stops; the
//! addresses for students are the LAN's, never loopback.

use std::time::Duration;

use sprout_runtime::messages::Language;
use sprout_server::{start, student_addresses, ServeOptions};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One HTTP/1.1 request over a fresh connection: the status and the body.
async fn http(address: std::net::SocketAddr, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).await.expect("connects");
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.expect("sends");
    let mut reply = Vec::new();
    tokio::time::timeout(Duration::from_secs(30), stream.read_to_end(&mut reply))
        .await
        .expect("answers")
        .expect("reads");
    let reply = String::from_utf8_lossy(&reply).to_string();
    let status = reply.split(' ').nth(1).and_then(|code| code.parse().ok()).expect("a status line");
    let body = reply.split_once("\r\n\r\n").map(|(_, body)| body.to_string()).unwrap_or_default();
    (status, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_serves_on_a_free_port_and_sees_the_real_peer() {
    let folder = std::env::temp_dir().join(format!("sprout-serve-test-{}", std::process::id()));
    let options = ServeOptions {
        port: 0,
        data: Some(folder.clone()),
        database: None,
        app: Some(folder.join("no-app")),
        language: Language::En,
    };
    let running = start(&options).await.expect("starts");
    assert_ne!(running.address.port(), 0);
    let local = std::net::SocketAddr::from(([127, 0, 0, 1], running.address.port()));
    let (status, body) = http(local, "POST", "/api/teacher/setup", r#"{"password": "a long password"}"#).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = http(local, "GET", "/api/hello", "").await;
    assert_eq!(status, 200);
    assert!(body.contains("\"teacher\":true"), "{body}");
    // The data folder is the owner's alone.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&folder).expect("the folder").permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
    }
    running.stop().await.expect("stops");
    assert!(TcpStream::connect(local).await.is_err(), "nothing listens after stop");
    let _ = std::fs::remove_dir_all(folder);
}

#[test]
fn students_are_given_lan_addresses_only() {
    for address in student_addresses(8080) {
        assert!(address.starts_with("http://") && address.ends_with(":8080/"), "{address}");
        assert!(!address.starts_with("http://127."), "{address}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stop_ends_even_while_a_teachers_page_holds_the_live_stream() {
    let folder = std::env::temp_dir().join(format!("sprout-serve-stop-test-{}", std::process::id()));
    let options =
        ServeOptions { port: 0, data: Some(folder.clone()), database: None, app: None, language: Language::En };
    let running = start(&options).await.expect("starts");
    let local = std::net::SocketAddr::from(([127, 0, 0, 1], running.address.port()));
    let mut setup = TcpStream::connect(local).await.expect("connects");
    let body = r#"{"password": "a long password"}"#;
    setup
        .write_all(
            format!(
                "POST /api/teacher/setup HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            )
            .as_bytes(),
        )
        .await
        .expect("sends");
    let mut reply = Vec::new();
    setup.read_to_end(&mut reply).await.expect("reads");
    let reply = String::from_utf8_lossy(&reply).to_string();
    let cookie = reply
        .lines()
        .find_map(|line| line.strip_prefix("set-cookie: "))
        .and_then(|value| value.split(';').next())
        .expect("the teacher's cookie")
        .to_string();
    let (_, created) = {
        let mut stream = TcpStream::connect(local).await.expect("connects");
        let body = r#"{"name": "一班", "course": "builtin"}"#;
        stream
            .write_all(
                format!(
                    "POST /api/classes HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nCookie: {cookie}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                )
                .as_bytes(),
            )
            .await
            .expect("sends");
        let mut reply = Vec::new();
        stream.read_to_end(&mut reply).await.expect("reads");
        let reply = String::from_utf8_lossy(&reply).to_string();
        reply.split_once("\r\n\r\n").map(|(head, body)| (head.to_string(), body.to_string())).expect("a reply")
    };
    let class: serde_json::Value = serde_json::from_str(&created).expect("JSON");
    // The live stream, opened and left open, as a teacher's page keeps it.
    let mut live = TcpStream::connect(local).await.expect("connects");
    live.write_all(
        format!("GET /api/classes/{}/live HTTP/1.1\r\nHost: localhost\r\nCookie: {cookie}\r\n\r\n", class["id"])
            .as_bytes(),
    )
    .await
    .expect("sends");
    let mut head = [0u8; 64];
    let read = live.read(&mut head).await.expect("the stream answers");
    assert!(String::from_utf8_lossy(&head[..read]).starts_with("HTTP/1.1 200"), "the live stream is open");
    // Stopping waits for it a little, then stops anyway (the bound only keeps a hang from
    // hanging the test run; the grace is a few seconds).
    tokio::time::timeout(Duration::from_secs(60), running.stop()).await.expect("stop ends").expect("stops");
    assert!(TcpStream::connect(local).await.is_err(), "nothing listens after stop");
    drop(live);
    let _ = std::fs::remove_dir_all(folder);
}
