//! A class saving at the same moment: 30 students, each from their own computer, save five
//! versions of a lesson all at once (what autosave does when a teacher says "keep typing"), and
//! every save is acknowledged and kept — on SQLite, where a transaction that reads and then writes
//! must take the write lock first (`Database::begin_write`), and on PostgreSQL.

mod support;

use std::sync::Arc;

use axum::http::{Method, StatusCode};
use serde_json::json;
use support::{lan, Server};

const STUDENTS: usize = 30;
const SAVES: usize = 5;

async fn every_simultaneous_save_is_acknowledged_and_kept(server: Server) {
    let server = Arc::new(server);
    let teacher = server.teacher().await;
    let roster: String = (1..=STUDENTS).map(|index| format!("学生{index}\t2026{index:04}\n")).collect();
    let (class, students) = server.class(&teacher, "并发班", &roster).await;
    let mut callers = Vec::new();
    for (index, student) in students.iter().enumerate() {
        let peer = lan(u8::try_from(index + 10).expect("a small class"));
        callers.push((student.0, server.student(class, student, peer).await));
    }
    let mut saves = Vec::new();
    for (_, caller) in &callers {
        for edit in 0..SAVES {
            let (server, caller) = (server.clone(), caller.clone());
            saves.push(tokio::spawn(async move {
                let code = format!("print(\"第 {edit} 次\");");
                let body = json!({ "code": code, "based_on": null });
                let reply = server.call(&caller, Method::PUT, "/api/me/lessons/hello/code", Some(body)).await;
                (reply.status, reply.json)
            }));
        }
    }
    for save in saves {
        let (status, json) = save.await.expect("the save's task ends");
        assert_eq!(status, StatusCode::OK, "a simultaneous save was refused: {json}");
    }
    for (id, _) in &callers {
        let reply = server.call(&teacher, Method::GET, &format!("/api/classes/{class}/students/{id}"), None).await;
        let versions = reply.json["lessons"][0]["versions"].as_array().map_or(0, Vec::len);
        assert_eq!(versions, SAVES, "student {id} kept {versions} of {SAVES} versions");
    }
}

on_both_databases!(every_simultaneous_save_is_acknowledged_and_kept);
