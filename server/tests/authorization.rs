//! The authorization matrix: every route of the API (the table below, which must list exactly
//! the routes docs/server-api.md documents) called by each kind of caller, with the status each
//! must get. Callers: nobody signed in, student A and student B of one class, a student of
//! another class, and the teacher. Run against SQLite and PostgreSQL.

mod support;

use std::collections::BTreeSet;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::json;
use support::{lan, Backend, Caller, Server};

/// What a row sends.
#[derive(Clone, Copy)]
enum Send {
    Nothing,
    Password,
    NewClass,
    Roster,
    NotAPack,
    WrongPin,
    Code,
    Event,
}

/// A route, what it is sent, and the status for each caller: nobody, student A, student B,
/// another class's student, the teacher. `0` for the teacher's backup: 200 on SQLite, 409 on
/// PostgreSQL (backed up with its own tools).
const MATRIX: &[(&str, &str, Send, [u16; 5])] = &[
    ("GET", "/api/hello", Send::Nothing, [200, 200, 200, 200, 200]),
    ("POST", "/api/teacher/setup", Send::Password, [403, 403, 403, 403, 409]),
    ("POST", "/api/teacher/login", Send::Password, [401, 401, 401, 401, 401]),
    ("GET", "/api/classes", Send::Nothing, [401, 403, 403, 403, 200]),
    ("POST", "/api/classes", Send::NewClass, [401, 403, 403, 403, 200]),
    ("POST", "/api/classes/{class}/roster", Send::Roster, [401, 403, 403, 403, 200]),
    ("GET", "/api/classes/{class}/students", Send::Nothing, [401, 403, 403, 403, 200]),
    ("GET", "/api/classes/{class}/students/{student}", Send::Nothing, [401, 403, 403, 403, 200]),
    ("DELETE", "/api/classes/{class}/students/{student}", Send::Nothing, [401, 403, 403, 403, 200]),
    ("POST", "/api/classes/{class}/students/{student}/pin", Send::Nothing, [401, 403, 403, 403, 200]),
    ("GET", "/api/classes/{class}/overview", Send::Nothing, [401, 403, 403, 403, 200]),
    ("GET", "/api/classes/{class}/live", Send::Nothing, [401, 403, 403, 403, 200]),
    ("GET", "/api/classes/{class}/export/table.csv", Send::Nothing, [401, 403, 403, 403, 200]),
    ("GET", "/api/classes/{class}/export/results.zip", Send::Nothing, [401, 403, 403, 403, 200]),
    ("GET", "/api/classes/{class}/export/code.zip", Send::Nothing, [401, 403, 403, 403, 200]),
    ("GET", "/api/backup", Send::Nothing, [401, 403, 403, 403, 0]),
    ("GET", "/api/packs", Send::Nothing, [401, 403, 403, 403, 200]),
    ("POST", "/api/packs", Send::NotAPack, [401, 403, 403, 403, 400]),
    ("GET", "/api/join", Send::Nothing, [200, 200, 200, 200, 200]),
    ("GET", "/api/join/{class}", Send::Nothing, [200, 200, 200, 200, 200]),
    ("POST", "/api/student/login", Send::WrongPin, [401, 401, 401, 401, 401]),
    ("GET", "/api/me", Send::Nothing, [401, 200, 200, 200, 401]),
    // The matrix's classes are of Sprout's own course, which has no pack to give.
    ("GET", "/api/me/pack", Send::Nothing, [401, 404, 404, 404, 401]),
    ("PUT", "/api/me/lessons/{lesson}/code", Send::Code, [401, 200, 200, 200, 401]),
    ("POST", "/api/me/lessons/{lesson}/check", Send::Code, [401, 200, 200, 200, 401]),
    ("POST", "/api/me/events", Send::Event, [401, 200, 200, 200, 401]),
    // Last: they end the callers' sessions.
    ("POST", "/api/student/logout", Send::Nothing, [200, 200, 200, 200, 200]),
    ("POST", "/api/teacher/logout", Send::Nothing, [200, 200, 200, 200, 200]),
];

/// The routes docs/server-api.md documents: every `` `METHOD /api/…` `` in it.
fn documented_routes() -> BTreeSet<(String, String)> {
    let docs = include_str!("../../docs/server-api.md");
    let mut routes = BTreeSet::new();
    for piece in docs.split('`') {
        let mut words = piece.split(' ');
        if let (Some(method), Some(path), None) = (words.next(), words.next(), words.next()) {
            if ["GET", "POST", "PUT", "DELETE"].contains(&method) && path.starts_with("/api/") {
                routes.insert((method.to_string(), path.to_string()));
            }
        }
    }
    routes
}

#[test]
fn the_matrix_covers_exactly_the_documented_routes() {
    let matrix: BTreeSet<(String, String)> =
        MATRIX.iter().map(|(method, path, _, _)| (method.to_string(), path.to_string())).collect();
    assert_eq!(matrix.len(), MATRIX.len(), "a route is in the matrix twice");
    assert_eq!(matrix, documented_routes());
}

async fn every_route_refuses_the_wrong_caller(server: Server) {
    let teacher = server.teacher().await;
    let (class, students) = server.class(&teacher, "一班", "甲 1\n乙 2\n丙 3\n丁 4\n").await;
    let (other_class, others) = server.class(&teacher, "二班", "戊 5\n").await;
    let lesson = server.state.builtin.lessons[0].clone();
    let [a, b, c, d] = [0, 1, 2, 3].map(|index| students[index].clone());
    let student_a = server.student(class, &a, lan(2)).await;
    let student_b = server.student(class, &b, lan(3)).await;
    let student_other = server.student(other_class, &others[0], lan(4)).await;
    let callers = [Caller::nobody(lan(5)), student_a, student_b, student_other, teacher];
    let backup = match server.backend {
        Backend::Sqlite => 200,
        Backend::Postgres => 409,
    };
    for (row, (method, template, send, expected)) in MATRIX.iter().enumerate() {
        for (index, caller) in callers.iter().enumerate() {
            // The teacher removes C and resets D's PIN; everyone else names A's.
            let student = match (index, *method, template.ends_with("/pin")) {
                (4, "DELETE", _) => c.0,
                (4, _, true) => d.0,
                _ => a.0,
            };
            let path = template
                .replace("{class}", &class.to_string())
                .replace("{student}", &student.to_string())
                .replace("{lesson}", &lesson.id);
            let body = match send {
                Send::Nothing => None,
                Send::Password => Some(json!({ "password": "not the password" }).to_string()),
                Send::NewClass => Some(json!({ "name": "新班", "course": "builtin" }).to_string()),
                Send::Roster => Some("新生 99".to_string()),
                Send::NotAPack => Some("{}".to_string()),
                Send::WrongPin => Some(json!({ "class": class, "student": b.0, "pin": "wrong" }).to_string()),
                Send::Code => Some(json!({ "code": lesson.starter }).to_string()),
                Send::Event => Some(json!({ "kind": "hint", "lesson": lesson.id }).to_string()),
            };
            // Saving needs `based_on` too.
            let body = match (method, body) {
                (&"PUT", Some(_)) => Some(json!({ "code": lesson.starter, "based_on": null }).to_string()),
                (_, body) => body,
            };
            let mut request =
                Request::builder().method(Method::from_bytes(method.as_bytes()).expect("a method")).uri(&path);
            if let Some(cookie) = &caller.cookie {
                request = request.header(header::COOKIE, cookie);
            }
            let json_body = !matches!(send, Send::Roster | Send::NotAPack);
            if body.is_some() && json_body {
                request = request.header(header::CONTENT_TYPE, "application/json");
            }
            let mut request = request.body(body.map_or_else(Body::empty, Body::from)).expect("a request");
            // Each caller on their own computer (sign-in limits are per computer); the teacher at
            // the server itself.
            let peer = if index == 4 { "127.0.0.1".parse().expect("an address") } else { lan(50 + index as u8) };
            request.extensions_mut().insert(ConnectInfo(std::net::SocketAddr::new(peer, 1)));
            // The status only: the live route's body never ends.
            let response = tower::ServiceExt::oneshot(server.router.clone(), request).await.expect("an answer");
            let wanted = if expected[index] == 0 { backup } else { expected[index] };
            assert_eq!(
                response.status().as_u16(),
                wanted,
                "row {row}: {method} {path} as caller {index} ({})",
                ["nobody", "student A", "student B", "another class's student", "the teacher"][index]
            );
        }
    }
}

async fn a_student_never_sees_another_students_work(server: Server) {
    let teacher = server.teacher().await;
    let (class, students) = server.class(&teacher, "一班", "甲 1\n乙 2\n").await;
    let lesson = server.state.builtin.lessons[0].id.clone();
    let a = server.student(class, &students[0], lan(2)).await;
    let b = server.student(class, &students[1], lan(3)).await;
    let saved = server
        .call(
            &a,
            Method::PUT,
            &format!("/api/me/lessons/{lesson}/code"),
            Some(json!({ "code": "print(\"甲的秘密\");", "based_on": null })),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK);
    let version = saved.json["version"].clone();
    // B cannot even name A's version as the one B's edit started from.
    let on_top = server
        .call(
            &b,
            Method::PUT,
            &format!("/api/me/lessons/{lesson}/code"),
            Some(json!({ "code": "乙", "based_on": version })),
        )
        .await;
    assert_eq!((on_top.status, on_top.error()), (StatusCode::BAD_REQUEST, "invalid-field"));
    let own = server
        .call(
            &b,
            Method::PUT,
            &format!("/api/me/lessons/{lesson}/code"),
            Some(json!({ "code": "乙", "based_on": null })),
        )
        .await;
    assert_eq!(own.status, StatusCode::OK);
    let me = server.call(&b, Method::GET, "/api/me", None).await;
    assert!(!String::from_utf8_lossy(&me.bytes).contains("甲的秘密"), "{}", me.json);
    assert_eq!(me.json["lessons"][0]["code"], json!("乙"));
    // The public lists carry names and ids, never PINs or code.
    for path in ["/api/join".to_string(), format!("/api/join/{class}")] {
        let reply = server.call(&b, Method::GET, &path, None).await;
        let text = String::from_utf8_lossy(&reply.bytes).to_string();
        assert!(!text.contains("pin") && !text.contains(&students[0].1) && !text.contains("秘密"), "{text}");
    }
}

on_both_databases!(every_route_refuses_the_wrong_caller, a_student_never_sees_another_students_work);
