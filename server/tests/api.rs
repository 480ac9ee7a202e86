//! The classroom server's API from the outside, against SQLite and PostgreSQL alike (each test
//! runs on both: `on_both_databases!`): sign-in and its limits, classes and rosters, saving every
//! version, checks graded by the server, the teacher's views and exports, and the refusals
//! (oversize, malformed, forged, removed). The authorization matrix of every route is in
//! `authorization.rs`.

mod support;

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use sprout_lessons::{read_result, regrade, Lesson};
use sprout_server::{AppFiles, AppState, CHECK_TIMEOUT};
use support::{lan, Backend, Caller, Server, PASSWORD};

/// A lesson of the built-in course with hidden tests and a reference solution whose starter code
/// does not pass (so that checks can go both ways).
fn lesson_with_hidden_tests(server: &Server) -> Lesson {
    server
        .state
        .builtin
        .lessons
        .iter()
        .find(|lesson| {
            lesson.tests.iter().any(|test| test.hidden)
                && lesson.solution.is_some()
                && lesson.tool.is_none()
                && lesson.max_operations <= 1_000_000
                && !sprout_lessons::grade(lesson, &lesson.starter, sprout_lessons::Selection::All).passed
        })
        .cloned()
        .expect("the course has such a lesson")
}

async fn setup_is_the_teachers_alone(server: Server) {
    let hello = server.call(&Caller::nobody(lan(9)), Method::GET, "/api/hello", None).await;
    assert_eq!((hello.status, &hello.json["teacher"]), (StatusCode::OK, &json!(false)));
    let body = Some(json!({ "password": PASSWORD }));
    // A student on the LAN cannot claim the server first.
    let from_lan = server.call(&Caller::nobody(lan(9)), Method::POST, "/api/teacher/setup", body.clone()).await;
    assert_eq!((from_lan.status, from_lan.error()), (StatusCode::FORBIDDEN, "setup-loopback-only"));
    // Too short a password.
    let local = Caller::nobody("127.0.0.1".parse().expect("an address"));
    let short = server.call(&local, Method::POST, "/api/teacher/setup", Some(json!({ "password": "short" }))).await;
    assert_eq!((short.status, short.error()), (StatusCode::BAD_REQUEST, "invalid-field"));
    let teacher = server.teacher().await;
    let again = server.call(&local, Method::POST, "/api/teacher/setup", body).await;
    assert_eq!((again.status, again.error()), (StatusCode::CONFLICT, "already-set-up"));
    let hello = server.call(&Caller::nobody(lan(9)), Method::GET, "/api/hello", None).await;
    assert_eq!(hello.json["teacher"], json!(true));
    // The session works, survives in the database, and ends at logout.
    assert_eq!(server.call(&teacher, Method::GET, "/api/classes", None).await.status, StatusCode::OK);
    let cookie = server.call(&teacher, Method::POST, "/api/teacher/logout", None).await;
    assert!(cookie.headers[header::SET_COOKIE].to_str().expect("text").contains("Max-Age=0"));
    assert_eq!(server.call(&teacher, Method::GET, "/api/classes", None).await.status, StatusCode::UNAUTHORIZED);
}

async fn the_teachers_password_is_rate_limited(server: Server) {
    server.teacher().await;
    let peer = Caller::nobody(lan(20));
    let login = |password: &'static str| {
        let server = &server;
        let peer = peer.clone();
        async move { server.call(&peer, Method::POST, "/api/teacher/login", Some(json!({ "password": password }))).await }
    };
    for _ in 0..5 {
        let reply = login("wrong password").await;
        assert_eq!((reply.status, reply.error()), (StatusCode::UNAUTHORIZED, "wrong-password"));
    }
    let blocked = login(PASSWORD).await;
    assert_eq!((blocked.status, blocked.error()), (StatusCode::TOO_MANY_REQUESTS, "too-many-attempts"));
    assert!(blocked.headers.contains_key(header::RETRY_AFTER));
    // Another computer is not blocked by this one's tries.
    let other = server
        .call(&Caller::nobody(lan(21)), Method::POST, "/api/teacher/login", Some(json!({ "password": PASSWORD })))
        .await;
    assert_eq!(other.status, StatusCode::OK);
    assert!(other.headers[header::SET_COOKIE].to_str().expect("text").contains("HttpOnly; SameSite=Strict; Path=/"));
}

async fn a_wrong_pin_six_times_is_refused_with_429(server: Server) {
    let teacher = server.teacher().await;
    let (class, students) = server.class(&teacher, "七年级1班", "张三\t1\n李四\t2\n").await;
    let (id, pin) = &students[0];
    let wrong = if pin == "000000" { "111111" } else { "000000" };
    let login = |pin: &str, peer| {
        let body = json!({ "class": class, "student": id, "pin": pin });
        let server = &server;
        async move { server.call(&Caller::nobody(peer), Method::POST, "/api/student/login", Some(body)).await }
    };
    for attempt in 1..=6 {
        // Each try from another computer: the student's own limit is what stops the sixth.
        let reply = login(wrong, lan(100 + attempt)).await;
        let expected = if attempt <= 5 {
            (StatusCode::UNAUTHORIZED, "wrong-pin")
        } else {
            (StatusCode::TOO_MANY_REQUESTS, "too-many-attempts")
        };
        assert_eq!((reply.status, reply.error()), expected, "attempt {attempt}");
    }
    // Even the right PIN waits now; the classmate does not.
    assert_eq!(login(pin, lan(120)).await.status, StatusCode::TOO_MANY_REQUESTS);
    server.student(class, &students[1], lan(121)).await;
    // One computer trying many students is stopped too.
    let (_, many) =
        server.class(&teacher, "七年级2班", &(0..25).map(|n| format!("学生{n} {n}\n")).collect::<String>()).await;
    let mut statuses = Vec::new();
    for (student, _) in many.iter().take(21) {
        let body = json!({ "class": class + 1, "student": student, "pin": "x" });
        statuses
            .push(server.call(&Caller::nobody(lan(130)), Method::POST, "/api/student/login", Some(body)).await.status);
    }
    assert_eq!(statuses[..20], [StatusCode::UNAUTHORIZED; 20]);
    assert_eq!(statuses[20], StatusCode::TOO_MANY_REQUESTS);
}

async fn every_version_is_kept_and_conflicts_are_said(server: Server) {
    let teacher = server.teacher().await;
    let (class, students) = server.class(&teacher, "一班", "张三 1\n").await;
    let lesson = lesson_with_hidden_tests(&server).id;
    let tab = server.student(class, &students[0], lan(2)).await;
    let other_pc = server.student(class, &students[0], lan(3)).await;
    let path = format!("/api/me/lessons/{lesson}/code");
    let first = server.call(&tab, Method::PUT, &path, Some(json!({ "code": "print(1);", "based_on": null }))).await;
    assert_eq!((first.status, &first.json["conflict"]), (StatusCode::OK, &json!(false)));
    let v1 = first.json["version"].as_i64().expect("a version");
    let second = server.call(&tab, Method::PUT, &path, Some(json!({ "code": "print(2);", "based_on": v1 }))).await;
    assert_eq!(second.json["conflict"], json!(false));
    // The other PC still edits from version 1: both are kept, the newer is current.
    let third = server.call(&other_pc, Method::PUT, &path, Some(json!({ "code": "print(3);", "based_on": v1 }))).await;
    assert_eq!(third.json["conflict"], json!(true));
    let me = server.call(&tab, Method::GET, "/api/me", None).await;
    let current = me.json["lessons"]
        .as_array()
        .expect("lessons")
        .iter()
        .find(|entry| entry["lesson"] == json!(lesson))
        .cloned()
        .expect("the lesson");
    assert_eq!((&current["code"], &current["version"]), (&json!("print(3);"), &third.json["version"]));
    assert_eq!(me.json["course"]["content_hash"], json!(server.state.builtin.content_hash));
    let detail =
        server.call(&teacher, Method::GET, &format!("/api/classes/{class}/students/{}", students[0].0), None).await;
    let versions: Vec<&Value> = detail.json["lessons"][0]["versions"]
        .as_array()
        .expect("versions")
        .iter()
        .map(|version| &version["code"])
        .collect();
    assert_eq!(versions, [&json!("print(1);"), &json!("print(2);"), &json!("print(3);")]);
    // Not a lesson of the course, not a lesson id at all, too long a program.
    for (path, code, expected) in [
        ("/api/me/lessons/no-such-lesson/code".to_string(), "1".to_string(), (StatusCode::NOT_FOUND, "unknown-lesson")),
        ("/api/me/lessons/..%2Fetc/code".to_string(), "1".to_string(), (StatusCode::NOT_FOUND, "unknown-lesson")),
        (path.clone(), "x".repeat(200_001), (StatusCode::PAYLOAD_TOO_LARGE, "code-too-long")),
    ] {
        let reply = server.call(&tab, Method::PUT, &path, Some(json!({ "code": code, "based_on": null }))).await;
        assert_eq!((reply.status, reply.error()), expected, "{path}");
    }
}

async fn checks_are_graded_by_the_server_and_forged_scores_refused(server: Server) {
    let teacher = server.teacher().await;
    let (class, students) = server.class(&teacher, "一班", "张三 1\n李四 2\n").await;
    let lesson = lesson_with_hidden_tests(&server);
    let student = server.student(class, &students[0], lan(2)).await;
    let path = format!("/api/me/lessons/{}/check", lesson.id);
    // A score or verdicts in the body are refused: the server grades.
    let forged =
        server.call(&student, Method::POST, &path, Some(json!({ "code": lesson.starter, "score": 100 }))).await;
    assert_eq!((forged.status, forged.error()), (StatusCode::BAD_REQUEST, "bad-json"));
    let failing = server.call(&student, Method::POST, &path, Some(json!({ "code": lesson.starter }))).await;
    assert_eq!((failing.status, &failing.json["passed"]), (StatusCode::OK, &json!(false)));
    let solution = lesson.solution.clone().expect("a solution");
    let passing = server.call(&student, Method::POST, &path, Some(json!({ "code": solution }))).await;
    assert_eq!((&passing.json["passed"], &passing.json["score"]), (&json!(true), &json!(lesson.points)));
    // The student sees the visible tests' verdicts only, and how many hidden tests there are.
    let hidden = lesson.tests.iter().filter(|test| test.hidden).count();
    let shown = passing.json["tests"].as_array().expect("tests");
    assert_eq!(shown.len(), lesson.tests.len() - hidden);
    assert!(shown.iter().all(|test| test["hidden"] == json!(false)));
    assert_eq!(passing.json["hidden_tests"], json!(hidden));
    // The student's lesson, as a wiped PC restores it: the best score, passed, two checks.
    let me = server.call(&student, Method::GET, "/api/me", None).await;
    let mine = me.json["lessons"].as_array().expect("lessons").iter().find(|entry| entry["lesson"] == json!(lesson.id));
    let mine = mine.expect("the checked lesson");
    assert_eq!((&mine["passed"], &mine["attempts"], &mine["code"]), (&json!(true), &json!(2), &json!(solution)));
    // A classmate checks only the starter code.
    let classmate = server.student(class, &students[1], lan(3)).await;
    let starter = server.call(&classmate, Method::POST, &path, Some(json!({ "code": lesson.starter }))).await;
    assert_eq!(starter.json["passed"], json!(false));
    // The teacher's table shows the server's grades: one row per student, the best of two checks.
    let overview = server.call(&teacher, Method::GET, &format!("/api/classes/{class}/overview"), None).await;
    assert_eq!(overview.status, StatusCode::OK);
    let column = overview.json["table"]["lessons"]
        .as_array()
        .expect("lessons")
        .iter()
        .position(|column| column["id"] == json!(lesson.id))
        .expect("a column");
    let cell = &overview.json["table"]["rows"][0]["cells"][column];
    assert_eq!((&cell["score"], &cell["attempts"], &cell["passed"]), (&json!(lesson.points), &json!(2), &json!(true)));
    assert_eq!(overview.json["table"]["rows"][1]["cells"][column]["attempts"], json!(1));
    let stuck = &overview.json["students"][0];
    assert_eq!((&stuck["lesson"], &stuck["failed_in_a_row"]), (&json!(lesson.id), &json!(0)));
    // The result files are today's format, claiming what each student was shown: the judge's
    // re-grade agrees with every claim (no flag) and gives the full scores.
    let zip = server.call(&teacher, Method::GET, &format!("/api/classes/{class}/export/results.zip"), None).await;
    assert_eq!(zip.headers[header::CONTENT_TYPE], "application/zip");
    let starter_grade = sprout_lessons::grade(&lesson, &lesson.starter, sprout_lessons::Selection::All).score;
    for (name, full_score) in [("1-张三.json", lesson.points), ("2-李四.json", starter_grade)] {
        let name: &'static str = Box::leak(name.to_string().into_boxed_str());
        let file = sprout_lessons::zip::read_file(&zip.bytes, name).expect("the student's file is in the ZIP");
        let result = read_result(name, &file).expect("a result file");
        assert!(result.digest_matches());
        let regraded = regrade(name, &server.state.builtin, &result).expect("the judge re-grades it");
        assert_eq!(regraded.flags, Vec::new(), "{name}");
        let lesson_regrade = regraded.lessons.iter().find(|entry| entry.lesson_id == lesson.id).expect("the lesson");
        assert_eq!(lesson_regrade.flags, Vec::new(), "{name}: {:?}", lesson_regrade.claimed);
        assert_eq!(lesson_regrade.grade.as_ref().map(|grade| grade.score), Some(full_score), "{name}");
    }
    // The CSV is the table, with a byte-order mark for Excel, in the request's language.
    let csv = server.call(&teacher, Method::GET, &format!("/api/classes/{class}/export/table.csv"), None).await;
    assert!(csv.bytes.starts_with("\u{feff}姓名".as_bytes()), "{:?}", String::from_utf8_lossy(&csv.bytes[..20]));
    // Every student's code, a folder each.
    let code = server.call(&teacher, Method::GET, &format!("/api/classes/{class}/export/code.zip"), None).await;
    let path: &'static str = Box::leak(format!("1-张三/{}.rhai", lesson.id).into_boxed_str());
    assert_eq!(sprout_lessons::zip::read_file(&code.bytes, path).expect("the code"), solution.as_bytes());
}

async fn an_endless_loop_is_bounded_and_the_server_answers_meanwhile(server: Server) {
    let teacher = server.teacher().await;
    let (class, students) = server.class(&teacher, "一班", "张三 1\n").await;
    let lesson = lesson_with_hidden_tests(&server);
    let student = server.student(class, &students[0], lan(2)).await;
    let path = format!("/api/me/lessons/{}/check", lesson.id);
    let started = Instant::now();
    let check = {
        let (router, student) = (server.router.clone(), student.clone());
        tokio::spawn(async move {
            let request = Request::post(&path)
                .header(header::COOKIE, student.cookie.clone().expect("signed in"))
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(json!({ "code": "loop { }" }).to_string()))
                .expect("a request");
            let mut request = request;
            request.extensions_mut().insert(axum::extract::ConnectInfo(std::net::SocketAddr::new(lan(2), 1)));
            let response = tower::ServiceExt::oneshot(router, request).await.expect("an answer");
            let bytes = response.into_body().collect().await.expect("a body").to_bytes();
            (serde_json::from_slice::<Value>(&bytes).expect("JSON"), Instant::now())
        })
    };
    let hello = server.call(&Caller::nobody(lan(3)), Method::GET, "/api/hello", None).await;
    assert_eq!(hello.status, StatusCode::OK);
    let answered_hello = Instant::now();
    let (graded, graded_at) = check.await.expect("the check ends");
    // Asked after the check, answered before it: grading does not hold the server.
    assert!(answered_hello < graded_at, "hello waited for the check ({:?})", graded_at - started);
    // Every test that runs the program ends at the operation budget (a test of the code's shape
    // has its own verdict).
    let runs: Vec<&Value> =
        graded["tests"].as_array().expect("tests").iter().filter(|test| test["kind"] != json!("code")).collect();
    assert!(!runs.is_empty(), "{graded}");
    assert!(runs.iter().all(|test| test["verdict"] == json!("limit_exceeded")), "{graded}");
    assert_eq!((&graded["score"], &graded["passed"]), (&json!(0), &json!(false)));
}

async fn removed_students_cannot_sign_in_and_their_work_stays(server: Server) {
    let teacher = server.teacher().await;
    let (class, students) = server.class(&teacher, "一班", "张三 1\n李四 2\n").await;
    let lesson = lesson_with_hidden_tests(&server).id;
    let student = server.student(class, &students[0], lan(2)).await;
    let saved = server
        .call(
            &student,
            Method::PUT,
            &format!("/api/me/lessons/{lesson}/code"),
            Some(json!({ "code": "print(7);", "based_on": null })),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK);
    let removed =
        server.call(&teacher, Method::DELETE, &format!("/api/classes/{class}/students/{}", students[0].0), None).await;
    assert_eq!(removed.status, StatusCode::OK);
    let me = server.call(&student, Method::GET, "/api/me", None).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED, "the removed student's sessions ended");
    let login = server
        .call(
            &Caller::nobody(lan(2)),
            Method::POST,
            "/api/student/login",
            Some(json!({ "class": class, "student": students[0].0, "pin": students[0].1 })),
        )
        .await;
    assert_eq!((login.status, login.error()), (StatusCode::FORBIDDEN, "student-removed"));
    let join = server.call(&Caller::nobody(lan(2)), Method::GET, &format!("/api/join/{class}"), None).await;
    assert_eq!(join.json["students"].as_array().expect("students").len(), 1);
    let listed = server.call(&teacher, Method::GET, &format!("/api/classes/{class}/students"), None).await;
    assert_eq!(listed.json["students"][0]["removed"], json!(true));
    let detail =
        server.call(&teacher, Method::GET, &format!("/api/classes/{class}/students/{}", students[0].0), None).await;
    assert_eq!(detail.json["lessons"][0]["versions"][0]["code"], json!("print(7);"));
    // A student is reached through their own class only.
    let (other_class, _) = server.class(&teacher, "二班", "王五 3\n").await;
    for (method, path) in [
        (Method::GET, format!("/api/classes/{other_class}/students/{}", students[1].0)),
        (Method::DELETE, format!("/api/classes/{other_class}/students/{}", students[1].0)),
        (Method::POST, format!("/api/classes/{other_class}/students/{}/pin", students[1].0)),
    ] {
        let reply = server.call(&teacher, method, &path, None).await;
        assert_eq!((reply.status, reply.error()), (StatusCode::NOT_FOUND, "unknown-student"), "{path}");
    }
    // A new PIN replaces the old one and ends the sessions made with it.
    let classmate = server.student(class, &students[1], lan(3)).await;
    let reset = server
        .call(&teacher, Method::POST, &format!("/api/classes/{class}/students/{}/pin", students[1].0), None)
        .await;
    let new_pin = reset.json["pin"].as_str().expect("a PIN").to_string();
    assert_eq!(new_pin.len(), 6);
    assert_eq!(server.call(&classmate, Method::GET, "/api/me", None).await.status, StatusCode::UNAUTHORIZED);
    server.student(class, &(students[1].0, new_pin), lan(3)).await;
}

async fn refusals_are_translated_errors(server: Server) {
    let teacher = server.teacher().await;
    let (class, students) = server.class(&teacher, "一班", "张三 1\n").await;
    let student = server.student(class, &students[0], lan(2)).await;
    let lesson = lesson_with_hidden_tests(&server).id;
    let cookie = student.cookie.clone().expect("signed in");
    let request = |method: Method, path: &str, body: Body, headers: &[(&str, &str)]| {
        let mut builder = Request::builder().method(method).uri(path).header(header::COOKIE, cookie.as_str());
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(body).expect("a request")
    };
    let json_type = ("content-type", "application/json");
    let save = format!("/api/me/lessons/{lesson}/code");
    let cases: Vec<(&str, Request<Body>, StatusCode, &str, &str)> = vec![
        (
            "malformed JSON",
            request(Method::PUT, &save, Body::from("{\"code\": "), &[json_type]),
            StatusCode::BAD_REQUEST,
            "bad-json",
            "请求的内容不是正确的 JSON",
        ),
        (
            "malformed JSON, in English",
            request(Method::PUT, &save, Body::from("{]"), &[json_type, ("accept-language", "en-US,en")]),
            StatusCode::BAD_REQUEST,
            "bad-json",
            "The request is not valid JSON",
        ),
        (
            "a wrong type",
            request(Method::PUT, &save, Body::from("{\"code\": 5, \"based_on\": null}"), &[json_type]),
            StatusCode::BAD_REQUEST,
            "bad-json",
            "请求的内容",
        ),
        (
            "no content type",
            request(Method::PUT, &save, Body::from("{}"), &[]),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-type",
            "需要 JSON",
        ),
        (
            "a body over the route's limit",
            request(Method::PUT, &save, Body::from(vec![b' '; 2 * 1024 * 1024]), &[json_type]),
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            "太大",
        ),
        (
            "an event over the small limit",
            request(Method::POST, "/api/me/events", Body::from(vec![b' '; 100 * 1024]), &[json_type]),
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            "太大",
        ),
        (
            "an unknown address",
            request(Method::GET, "/api/nothing/here", Body::empty(), &[]),
            StatusCode::NOT_FOUND,
            "not-found",
            "没有这个地址",
        ),
        (
            "a wrong method",
            request(Method::DELETE, "/api/hello", Body::empty(), &[]),
            StatusCode::METHOD_NOT_ALLOWED,
            "method-not-allowed",
            "不接受",
        ),
        (
            "a class id that is not a number",
            request(Method::GET, "/api/join/abc", Body::empty(), &[]),
            StatusCode::BAD_REQUEST,
            "bad-request",
            "请求不对",
        ),
        (
            "a class id too big",
            request(Method::GET, "/api/join/99999999999999999999", Body::empty(), &[]),
            StatusCode::BAD_REQUEST,
            "bad-request",
            "请求不对",
        ),
        (
            "an unknown class",
            request(Method::GET, "/api/join/12345", Body::empty(), &[]),
            StatusCode::NOT_FOUND,
            "unknown-class",
            "没有这个班级",
        ),
        (
            "an event of an unknown kind",
            request(
                Method::POST,
                "/api/me/events",
                Body::from(json!({ "kind": "score", "lesson": lesson }).to_string()),
                &[json_type],
            ),
            StatusCode::BAD_REQUEST,
            "invalid-field",
            "kind",
        ),
        (
            "an event with an unknown code",
            request(
                Method::POST,
                "/api/me/events",
                Body::from(json!({ "kind": "run", "lesson": lesson, "codes": ["hack"] }).to_string()),
                &[json_type],
            ),
            StatusCode::BAD_REQUEST,
            "invalid-field",
            "codes",
        ),
        (
            "an event with too many codes",
            request(
                Method::POST,
                "/api/me/events",
                Body::from(
                    json!({ "kind": "run", "lesson": lesson, "codes": vec!["undefined-variable"; 21] }).to_string(),
                ),
                &[json_type],
            ),
            StatusCode::BAD_REQUEST,
            "invalid-field",
            "codes",
        ),
        (
            "a deeply nested body",
            request(Method::PUT, &save, Body::from("[".repeat(10_000)), &[json_type]),
            StatusCode::BAD_REQUEST,
            "bad-json",
            "JSON",
        ),
    ];
    for (name, request, status, code, words) in cases {
        let reply = server.send(request, lan(2)).await;
        assert_eq!((reply.status, reply.error()), (status, code), "{name}: {:?}", reply.json);
        let message = reply.json["message"].as_str().expect("a message");
        assert!(message.contains(words), "{name}: {message}");
        assert_eq!(reply.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{name}");
        assert!(reply.headers.contains_key(header::CONTENT_SECURITY_POLICY), "{name}");
    }
}

async fn a_huge_pack_upload_is_refused_before_it_is_read(server: Server) {
    let teacher = server.teacher().await;
    // The header says 1.5 GB; the body would never end. The refusal comes from the header alone.
    let endless = futures_endless_body();
    let request = Request::post("/api/packs")
        .header(header::COOKIE, teacher.cookie.clone().expect("signed in"))
        .header(header::CONTENT_LENGTH, "1500000000")
        .body(endless)
        .expect("a request");
    let reply =
        tokio::time::timeout(Duration::from_secs(10), server.send(request, lan(1))).await.expect("answered at once");
    assert_eq!((reply.status, reply.error()), (StatusCode::PAYLOAD_TOO_LARGE, "too-large"));
    // A pack that is not one is refused with the reader's words; the course's own full pack is kept.
    let bad = server.post_bytes(&teacher, "/api/packs", b"{\"format\": \"sprout-pack\"}".to_vec()).await;
    assert_eq!((bad.status, bad.error()), (StatusCode::BAD_REQUEST, "bad-pack"));
    let pack = serde_json::to_vec(&*server.state.builtin).expect("JSON");
    let uploaded = server.post_bytes(&teacher, "/api/packs", pack).await;
    assert_eq!(uploaded.status, StatusCode::OK, "{:?}", uploaded.json);
    assert_eq!(uploaded.json["full"], json!(true));
    let course = uploaded.json["id"].as_str().expect("an id").to_string();
    let class =
        server.call(&teacher, Method::POST, "/api/classes", Some(json!({ "name": "竞赛班", "course": course }))).await;
    assert_eq!(class.status, StatusCode::OK);
    let unknown =
        server.call(&teacher, Method::POST, "/api/classes", Some(json!({ "name": "x", "course": "999" }))).await;
    assert_eq!((unknown.status, unknown.error()), (StatusCode::NOT_FOUND, "unknown-pack"));
}

async fn a_class_of_a_teachers_pack_gets_the_students_copy_and_is_graded_on_the_full_one(server: Server) {
    let teacher = server.teacher().await;
    // A pack whose lessons have no text for the app to show is refused.
    let mut textless = (*server.state.builtin).clone();
    textless.texts.clear();
    let refused = server.post_bytes(&teacher, "/api/packs", serde_json::to_vec(&textless).expect("JSON")).await;
    assert_eq!((refused.status, refused.error()), (StatusCode::BAD_REQUEST, "bad-pack"), "{:?}", refused.json);
    let full = serde_json::to_vec(&*server.state.builtin).expect("JSON");
    let uploaded = server.post_bytes(&teacher, "/api/packs", full).await;
    assert_eq!((uploaded.status, &uploaded.json["full"]), (StatusCode::OK, &json!(true)), "{:?}", uploaded.json);
    let course = uploaded.json["id"].as_str().expect("an id").to_string();
    let (class, students) = server.class_of(&teacher, "竞赛班", &course, "张三 1\n").await;
    let (builtin_class, builtin_students) = server.class(&teacher, "一班", "李四 1\n").await;
    let student = server.student(class, &students[0], lan(2)).await;
    // The students' copy: same content hash, no hidden test, no solution, and it reads as a pack.
    let pack = server.call(&student, Method::GET, "/api/me/pack", None).await;
    assert_eq!(pack.status, StatusCode::OK);
    let copy = sprout_lessons::read_pack("class.pack", pack.json.to_string().as_bytes()).expect("a pack");
    assert_eq!((copy.full, &copy.content_hash), (false, &server.state.builtin.content_hash));
    assert!(copy
        .lessons
        .iter()
        .all(|lesson| lesson.solution.is_none() && lesson.tests.iter().all(|test| !test.hidden)));
    assert_eq!(copy.lessons.len(), server.state.builtin.lessons.len());
    // Checks are graded on the teacher's full copy: the hidden tests count.
    let lesson = lesson_with_hidden_tests(&server);
    let solution = lesson.solution.clone().expect("a solution");
    let path = format!("/api/me/lessons/{}/check", lesson.id);
    let passing = server.call(&student, Method::POST, &path, Some(json!({ "code": solution }))).await;
    let hidden = lesson.tests.iter().filter(|test| test.hidden).count();
    assert_eq!((&passing.json["score"], &passing.json["hidden_tests"]), (&json!(lesson.points), &json!(hidden)));
    // A class of Sprout's own course has no pack to give (the app carries it); nobody signed in
    // gets none either.
    let builtin_student = server.student(builtin_class, &builtin_students[0], lan(3)).await;
    let none = server.call(&builtin_student, Method::GET, "/api/me/pack", None).await;
    assert_eq!((none.status, none.error()), (StatusCode::NOT_FOUND, "unknown-pack"));
    let nobody = server.call(&Caller::nobody(lan(4)), Method::GET, "/api/me/pack", None).await;
    assert_eq!(nobody.status, StatusCode::UNAUTHORIZED);
}

/// A body that yields a megabyte of spaces forever, never read to its end by a sound server.
fn futures_endless_body() -> Body {
    let megabyte = || Ok::<_, std::io::Error>(axum::body::Bytes::from(vec![b' '; 1 << 20]));
    Body::from_stream(tokio_stream::iter(std::iter::repeat_with(megabyte)))
}

async fn the_live_page_hears_a_save_within_two_seconds(server: Server) {
    let teacher = server.teacher().await;
    let (class, students) = server.class(&teacher, "一班", "张三 1\n").await;
    let lesson = lesson_with_hidden_tests(&server).id;
    let student = server.student(class, &students[0], lan(2)).await;
    let request = Request::get(format!("/api/classes/{class}/live"))
        .header(header::COOKIE, teacher.cookie.clone().expect("signed in"))
        .body(Body::empty())
        .expect("a request");
    let mut request = request;
    request.extensions_mut().insert(axum::extract::ConnectInfo(std::net::SocketAddr::new(lan(1), 1)));
    let response = tower::ServiceExt::oneshot(server.router.clone(), request).await.expect("an answer");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "text/event-stream");
    let mut body = response.into_body();
    let saved_at = Instant::now();
    let saved = server
        .call(
            &student,
            Method::PUT,
            &format!("/api/me/lessons/{lesson}/code"),
            Some(json!({ "code": "1", "based_on": null })),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK);
    let frame = tokio::time::timeout(Duration::from_secs(2), body.frame()).await.expect("an event within 2 s");
    let bytes = frame.expect("a frame").expect("no error").into_data().expect("data");
    let text = String::from_utf8(bytes.to_vec()).expect("text");
    assert!(text.starts_with("event: save\ndata: "), "{text}");
    assert!(text.contains(&format!("\"student\":{}", students[0].0)) && text.contains(&lesson), "{text}");
    assert!(saved_at.elapsed() < Duration::from_secs(2));
}

async fn events_feed_the_stuck_view(server: Server) {
    let teacher = server.teacher().await;
    let (class, students) = server.class(&teacher, "一班", "张三 1\n李四 2\n王五 3\n").await;
    let lesson = lesson_with_hidden_tests(&server).id;
    for (index, codes) in
        [vec!["undefined-variable"], vec!["undefined-variable", "type-mismatch"], vec![]].iter().enumerate()
    {
        let student = server.student(class, &students[index], lan(10 + index as u8)).await;
        let reply = server
            .call(
                &student,
                Method::POST,
                "/api/me/events",
                Some(json!({ "kind": "run", "lesson": lesson, "codes": codes })),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.json);
    }
    let overview = server.call(&teacher, Method::GET, &format!("/api/classes/{class}/overview"), None).await;
    let common = overview.json["common_codes"].as_array().expect("codes");
    assert_eq!(common.len(), 1);
    assert_eq!(common[0]["lesson"], json!(lesson));
    assert_eq!(
        common[0]["codes"],
        json!([{ "code": "undefined-variable", "students": 2 }, { "code": "type-mismatch", "students": 1 }])
    );
    let last_errors: Vec<&Value> =
        overview.json["students"].as_array().expect("students").iter().map(|student| &student["last_error"]).collect();
    assert_eq!(last_errors, [&json!("undefined-variable"), &json!("type-mismatch"), &Value::Null]);
}

async fn the_app_is_served_with_its_inline_scripts_allowed_by_hash(backend: Backend) {
    let dist = std::path::Path::new("/work/main/dist");
    let app = AppFiles::folder(dist);
    let AppFiles::Folder(_) = app else {
        panic!("a built app is expected in {}", dist.display());
    };
    let Some(server) = Server::start_with(backend, app).await else { return };
    let page = server.call(&Caller::nobody(lan(2)), Method::GET, "/index.html", None).await;
    assert_eq!(page.status, StatusCode::OK);
    let policy = page.headers[header::CONTENT_SECURITY_POLICY].to_str().expect("text").to_string();
    let html = String::from_utf8(page.bytes.clone()).expect("text");
    assert_eq!(html.matches("<script").count() - html.matches("<script src").count(), 2);
    assert_eq!(policy.matches("'sha256-").count(), 2, "{policy}");
    assert!(
        policy.starts_with("default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval' 'sha256-"),
        "{policy}"
    );
    // An unknown API address is still an API error, not the page.
    let missing = server.call(&Caller::nobody(lan(2)), Method::GET, "/api/missing", None).await;
    assert_eq!((missing.status, missing.error()), (StatusCode::NOT_FOUND, "not-found"));
}

#[tokio::test]
async fn the_app_is_served_with_its_inline_scripts_allowed_by_hash_sqlite() {
    the_app_is_served_with_its_inline_scripts_allowed_by_hash(Backend::Sqlite).await;
}

/// The backup is the whole database: a new server started on it has the class.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_restores_into_a_new_server_sqlite() {
    let server = Server::start(Backend::Sqlite).await.expect("SQLite");
    let teacher = server.teacher().await;
    let (class, _) = server.class(&teacher, "备份班", "张三 1\n").await;
    let backup = server.call(&teacher, Method::GET, "/api/backup", None).await;
    assert_eq!(backup.status, StatusCode::OK);
    assert!(backup.bytes.starts_with(b"SQLite format 3\0"));
    let folder = std::env::temp_dir().join(format!("sprout-restore-{}-{class}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("a folder");
    std::fs::write(folder.join(sprout_server::db::DATABASE_FILE), &backup.bytes).expect("written");
    let restored = AppState::open(&sprout_server::Place::Folder(folder.clone()), 1, CHECK_TIMEOUT)
        .await
        .expect("opens the backup");
    let router = sprout_server::router(restored, &AppFiles::None);
    let mut request = Request::get("/api/join").body(Body::empty()).expect("a request");
    request.extensions_mut().insert(axum::extract::ConnectInfo(std::net::SocketAddr::new(lan(2), 1)));
    let response = tower::ServiceExt::oneshot(router, request).await.expect("an answer");
    let join: Value =
        serde_json::from_slice(&response.into_body().collect().await.expect("a body").to_bytes()).expect("JSON");
    assert_eq!(join["classes"], json!([{ "id": class, "name": "备份班" }]));
    let _ = std::fs::remove_dir_all(folder);
}

/// An acknowledged save survives the server's connections closing and the database reopening.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_acknowledged_save_survives_a_restart_sqlite() {
    let server = Server::start(Backend::Sqlite).await.expect("SQLite");
    let teacher = server.teacher().await;
    let (class, students) = server.class(&teacher, "一班", "张三 1\n").await;
    let lesson = lesson_with_hidden_tests(&server).id;
    let student = server.student(class, &students[0], lan(2)).await;
    let saved = server
        .call(
            &student,
            Method::PUT,
            &format!("/api/me/lessons/{lesson}/code"),
            Some(json!({ "code": "print(\"留下\");", "based_on": null })),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK);
    // The database is set up to keep an acknowledged write through a power cut.
    let (journal,): (String,) =
        sqlx::query_as("PRAGMA journal_mode").fetch_one(&server.state.db.pool).await.expect("a pragma");
    let (synchronous,): (i64,) =
        sqlx::query_as("PRAGMA synchronous").fetch_one(&server.state.db.pool).await.expect("a pragma");
    let (foreign_keys,): (i64,) =
        sqlx::query_as("PRAGMA foreign_keys").fetch_one(&server.state.db.pool).await.expect("a pragma");
    assert_eq!((journal.as_str(), synchronous, foreign_keys), ("wal", 2, 1), "WAL, synchronous=FULL, foreign keys on");
    server.close().await;
    let reopened = AppState::open(&server.place, 1, CHECK_TIMEOUT).await.expect("reopens");
    let router = sprout_server::router(reopened, &AppFiles::None);
    let mut request = Request::get("/api/me")
        .header(header::COOKIE, student.cookie.clone().expect("signed in"))
        .body(Body::empty())
        .expect("a request");
    request.extensions_mut().insert(axum::extract::ConnectInfo(std::net::SocketAddr::new(lan(2), 1)));
    let response = tower::ServiceExt::oneshot(router, request).await.expect("an answer");
    assert_eq!(response.status(), StatusCode::OK, "the session survived the restart too");
    let me: Value =
        serde_json::from_slice(&response.into_body().collect().await.expect("a body").to_bytes()).expect("JSON");
    assert_eq!(me["lessons"][0]["code"], json!("print(\"留下\");"));
    assert_eq!(me["lessons"][0]["version"], saved.json["version"]);
}

async fn a_gbk_roster_from_excel_gives_each_student_a_pin(server: Server) {
    let teacher = server.teacher().await;
    let class =
        server.call(&teacher, Method::POST, "/api/classes", Some(json!({ "name": "一班", "course": "builtin" }))).await;
    let class = class.json["id"].as_i64().expect("an id");
    let gbk = encoding_rs::GBK.encode("姓名,学号\r\n张三,2023001\r\n李四,2023002\r\n").0.into_owned();
    let imported = server.post_bytes(&teacher, &format!("/api/classes/{class}/roster"), gbk.clone()).await;
    assert_eq!(imported.json, json!({ "added": 2 }));
    // Importing it again adds nobody twice.
    let again = server.post_bytes(&teacher, &format!("/api/classes/{class}/roster"), gbk).await;
    assert_eq!(again.json, json!({ "added": 0 }));
    let listed = server.call(&teacher, Method::GET, &format!("/api/classes/{class}/students"), None).await;
    let students = listed.json["students"].as_array().expect("students");
    let names: Vec<&Value> = students.iter().map(|student| &student["name"]).collect();
    assert_eq!(names, [&json!("张三"), &json!("李四")]);
    let pins: Vec<&str> = students.iter().map(|student| student["pin"].as_str().expect("a PIN")).collect();
    assert!(pins.iter().all(|pin| pin.len() == 6 && pin.chars().all(|digit| digit.is_ascii_digit())), "{pins:?}");
    assert_ne!(pins[0], pins[1]);
    let bad = server.post_bytes(&teacher, &format!("/api/classes/{class}/roster"), "张三\n".as_bytes().to_vec()).await;
    assert_eq!((bad.status, bad.error()), (StatusCode::BAD_REQUEST, "roster-line"));
}

async fn a_students_writes_are_limited(server: Server) {
    let teacher = server.teacher().await;
    let (class, students) = server.class(&teacher, "一班", "张三 1\n").await;
    let lesson = lesson_with_hidden_tests(&server).id;
    let student = server.student(class, &students[0], lan(2)).await;
    let event = json!({ "kind": "hint", "lesson": lesson });
    for write in 1..=120 {
        let reply = server.call(&student, Method::POST, "/api/me/events", Some(event.clone())).await;
        assert_eq!(reply.status, StatusCode::OK, "write {write}");
    }
    let refused = server.call(&student, Method::POST, "/api/me/events", Some(event)).await;
    assert_eq!((refused.status, refused.error()), (StatusCode::TOO_MANY_REQUESTS, "too-many-attempts"));
    // The hints shown are counted per lesson, for a wiped PC to show them again.
    let me = server.call(&student, Method::GET, "/api/me", None).await;
    assert_eq!((&me.json["lessons"][0]["lesson"], &me.json["lessons"][0]["hints"]), (&json!(lesson), &json!(120)));
    let save = server
        .call(
            &student,
            Method::PUT,
            &format!("/api/me/lessons/{lesson}/code"),
            Some(json!({ "code": "1", "based_on": null })),
        )
        .await;
    assert_eq!(save.status, StatusCode::TOO_MANY_REQUESTS);
}

on_both_databases!(
    a_gbk_roster_from_excel_gives_each_student_a_pin,
    a_students_writes_are_limited,
    setup_is_the_teachers_alone,
    the_teachers_password_is_rate_limited,
    a_wrong_pin_six_times_is_refused_with_429,
    every_version_is_kept_and_conflicts_are_said,
    checks_are_graded_by_the_server_and_forged_scores_refused,
    an_endless_loop_is_bounded_and_the_server_answers_meanwhile,
    removed_students_cannot_sign_in_and_their_work_stays,
    refusals_are_translated_errors,
    a_huge_pack_upload_is_refused_before_it_is_read,
    a_class_of_a_teachers_pack_gets_the_students_copy_and_is_graded_on_the_full_one,
    the_live_page_hears_a_save_within_two_seconds,
    events_feed_the_stuck_view,
);
