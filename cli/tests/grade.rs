//! The contest judge's workflow end to end: `sprout pack` a course (full and students' copy),
//! result files as the app writes them (some honest, some tampered, some junk), then
//! `sprout grade` over the folder. Every honest file must reproduce its claim; every tampered file
//! must be flagged; junk and foreign files must be skipped by name without stopping the batch.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use sprout_lessons::{grade, read_pack, zip, Claim, LessonResult, Pack, PackReference, ResultFile, Selection, Student};

const COURSE: &str = r#"
id = "judge-test"
version = "1.0.0"
title = { zh = "评测测试" }

[[unit]]
id = "only"
title = { zh = "唯一单元" }
lessons = ["double", "greet"]
"#;

const DOUBLE: &str = r#"+++
id = "double"
title = { zh = "翻倍" }
+++

写一个函数 `double(x)`。

```rhai starter
fn double(x) { x }
```

```rhai solution
fn double(x) { x * 2 }
```

```hint
乘以 2。
```

```tests
[[test]]
kind = "call"
call = "double(2)"
expect = "4"

[[test]]
kind = "call"
function = "double"
args = ["int(-100, 100)"]
random = 10

[[test]]
kind = "call"
call = "double(-7)"
hidden = true
points = 2
"#;

const GREET: &str = r#"+++
id = "greet"
title = { zh = "打招呼" }
+++

读入名字，打印问候。

```rhai solution
let name = input();
print(`你好，${name}！`);
```

```hint
用 input() 读入名字。
```

```tests
[[test]]
kind = "output"
input = ["小明"]

[[test]]
kind = "output"
input = ["Ann"]
hidden = true
"#;

fn sprout(arguments: &[&str], folder: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_sprout")).args(arguments).current_dir(folder).output().expect("sprout runs")
}

fn work(pack: &Pack, lesson_id: &str, code: &str) -> LessonResult {
    let lesson = pack.lesson(lesson_id).expect("lesson in pack");
    LessonResult {
        lesson_id: lesson_id.to_string(),
        code: code.to_string(),
        claimed: Claim::from_grade(&grade(lesson, code, Selection::VisibleOnly)),
        attempts: 1,
        started_at: "2026-11-23T09:00:00Z".to_string(),
        checked_at: "2026-11-23T09:05:00Z".to_string(),
    }
}

fn result_file(pack: &Pack, name: &str, lessons: Vec<LessonResult>) -> ResultFile {
    let student = Student {
        name: name.to_string(),
        class: "七年级 3 班".to_string(),
        school: "实验中学".to_string(),
        student_id: format!("id-{name}"),
    };
    let reference = PackReference {
        id: pack.course.id.clone(),
        version: pack.course.version.clone(),
        content_hash: pack.content_hash.clone(),
    };
    ResultFile::new("0.1.0", "2026-11-23T10:00:00Z", student, reference, lessons)
}

/// Reads a CSV written by `sprout grade` (our fields never contain commas or quotes).
fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path).expect("csv written");
    let text = text.strip_prefix('\u{feff}').expect("starts with a byte-order mark for Excel");
    let mut lines = text.split("\r\n").filter(|line| !line.is_empty());
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    lines
        .map(|line| header.iter().map(|name| name.to_string()).zip(line.split(',').map(str::to_string)).collect())
        .collect()
}

#[test]
fn the_judge_reproduces_honest_claims_and_flags_tampering() {
    let root: PathBuf = std::env::temp_dir().join(format!("sprout-grade-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let course = root.join("course");
    std::fs::create_dir_all(&course).expect("course folder");
    std::fs::write(course.join("course.toml"), COURSE).expect("write");
    std::fs::write(course.join("double.md"), DOUBLE).expect("write");
    std::fs::write(course.join("greet.md"), GREET).expect("write");

    let packed = sprout(&["pack", "course", "-o", "full.pack"], &root);
    assert!(packed.status.success(), "{}", String::from_utf8_lossy(&packed.stdout));
    let packed = sprout(&["pack", "course", "--student", "-o", "student.pack"], &root);
    assert!(packed.status.success(), "{}", String::from_utf8_lossy(&packed.stdout));
    let read =
        |name: &str| read_pack(name, &std::fs::read(root.join(name)).expect("pack written")).expect("valid pack");
    let (full, student) = (read("full.pack"), read("student.pack"));
    assert_eq!(full.content_hash, student.content_hash, "both copies name the same content");
    assert!(student
        .lessons
        .iter()
        .all(|lesson| lesson.solution.is_none() && lesson.tests.iter().all(|test| !test.hidden)));
    assert!(full.lessons.iter().any(|lesson| lesson.tests.iter().any(|test| test.hidden)));

    let right_double = "fn double(x) { x * 2 }";
    let wrong_double = "fn double(x) { x + x - 1 }";
    let right_greet = "let n = input();\nprint(`你好，${n}！`);";
    // Right on the visible test only: the hidden test uses another name.
    let half_greet = "let n = input();\nprint(\"你好，小明！\");";
    let submissions = root.join("submissions");
    std::fs::create_dir_all(submissions.join("class-3")).expect("folder");
    let save = |name: &str, file: &ResultFile| std::fs::write(submissions.join(name), file.to_json()).expect("write");

    save(
        "honest-full.json",
        &result_file(
            &student,
            "甲",
            vec![work(&student, "double", right_double), work(&student, "greet", right_greet)],
        ),
    );
    save(
        "class-3/honest-partial.json",
        &result_file(&student, "乙", vec![work(&student, "double", wrong_double), work(&student, "greet", half_greet)]),
    );
    save("endless.json", &result_file(&student, "丙", vec![work(&student, "double", "fn double(x) { loop {} }")]));

    let mut raised = result_file(&student, "丁", vec![work(&student, "double", wrong_double)]);
    raised.lessons[0].claimed.score = 100;
    raised.seal();
    save("raised-and-resealed.json", &raised);

    let mut edited = result_file(&student, "戊", vec![work(&student, "greet", half_greet)]);
    edited.lessons[0].claimed.score += 10;
    save("edited-by-hand.json", &edited);

    let mut swapped = result_file(&student, "己", vec![work(&student, "double", right_double)]);
    swapped.lessons[0].code = wrong_double.to_string();
    swapped.seal();
    save("code-swapped.json", &swapped);

    // A forged pair: a second file handed in under 甲's contest id (typed with other case and
    // spaces), by a name a spreadsheet would take for a formula. Both files are flagged, each
    // naming the other; scores stay as they are, for the judge to decide.
    let mut forged = result_file(&student, "@冒名", vec![work(&student, "double", right_double)]);
    forged.student.student_id = " ID-甲 ".to_string();
    forged.seal();
    save("forged-same-id.json", &forged);

    let mut foreign = result_file(&student, "庚", vec![work(&student, "double", right_double)]);
    foreign.pack.content_hash = "sha256:0000".to_string();
    foreign.seal();
    save("foreign-pack.json", &foreign);
    // "Export this work": the ZIP the app writes, handed in as it is.
    let zipped = result_file(&student, "壬", vec![work(&student, "double", right_double)]).to_json();
    let archive = zip::write(
        &[("double.rhai", right_double.as_bytes()), (zip::RESULT_IN_ZIP, zipped.as_bytes())],
        zip::DosDateTime::new(2026, 11, 23, 10, 0, 0),
    )
    .expect("zip");
    std::fs::write(submissions.join("class-3/壬-work.zip"), &archive).expect("write");
    std::fs::write(submissions.join("cut-short.zip"), &archive[..archive.len() / 2]).expect("write");
    let newer = result_file(&student, "辛", vec![]).to_json().replace("\"version\": 1", "\"version\": 9");
    std::fs::write(submissions.join("future-version.json"), newer).expect("write");
    std::fs::write(submissions.join("photo.png"), b"\x89PNG\r\n\x1a\n\0\0\0junk").expect("write");
    std::fs::write(submissions.join("notes.txt"), "这不是成绩文件").expect("write");

    let graded =
        sprout(&["grade", "--pack", "full.pack", "--out", "out", "--jobs", "2", "--lang", "en", "submissions"], &root);
    let stdout = String::from_utf8_lossy(&graded.stdout);
    assert!(graded.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&graded.stderr));
    for skipped in ["foreign-pack.json", "future-version.json", "photo.png", "notes.txt", "cut-short.zip"] {
        assert!(
            stdout.lines().any(|line| line.starts_with("skipped") && line.contains(skipped)),
            "{skipped} not skipped:\n{stdout}"
        );
    }
    assert!(stdout.contains("graded 8 submission(s)"), "{stdout}");
    assert!(
        stdout.contains(
            "flagged submissions/honest-full.json: the contest id \"id-甲\" also handed in \
             submissions/forged-same-id.json [duplicate-student]"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "flagged submissions/forged-same-id.json: the contest id \"ID-甲\" also handed in \
             submissions/honest-full.json [duplicate-student]"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("skipped submissions/foreign-pack.json: This result file was made with another pack"),
        "{stdout}"
    );

    let students: BTreeMap<String, BTreeMap<String, String>> =
        read_csv(&root.join("out/students.csv")).into_iter().map(|row| (row["name"].clone(), row)).collect();
    let expected = [
        // name, total score with hidden tests, flags
        ("甲", "200", "duplicate-student"),
        // The name starts with `@`: written with a leading `'`, as text.
        ("'@冒名", "100", "duplicate-student"),
        // double: wrong everywhere; greet: visible right (claimed 100), hidden wrong → 50.
        ("乙", "50", ""),
        ("丙", "0", ""),
        ("丁", "0", "score-differs"),
        ("戊", "50", "digest-mismatch score-differs"),
        ("己", "0", "score-differs verdicts-differ"),
        ("壬", "100", ""),
    ];
    assert_eq!(students.len(), expected.len(), "{students:?}");
    for (name, total, flags) in expected {
        let row = &students[name];
        assert_eq!((row["total_score"].as_str(), row["flags"].as_str()), (total, flags), "{name}: {row:?}");
        assert_eq!(row["pack_max_score"], "200");
    }

    // The ranking: by re-graded total, ties sharing a rank, a column per problem, claims beside.
    let ranking: Vec<Vec<String>> = read_csv(&root.join("out/ranking.csv"))
        .into_iter()
        .map(|row| {
            ["rank", "name", "total_score", "claimed_score", "double", "greet", "flags"]
                .map(|column| row[column].clone())
                .to_vec()
        })
        .collect();
    let expected_ranking = [
        ["1", "甲", "200", "200", "100", "100", "duplicate-student"],
        ["2", "壬", "100", "100", "100", "", ""],
        ["2", "'@冒名", "100", "100", "100", "", "duplicate-student"],
        ["4", "乙", "50", "100", "0", "50", ""],
        ["4", "戊", "50", "110", "", "50", "digest-mismatch score-differs"],
        ["6", "己", "0", "100", "0", "", "score-differs verdicts-differ"],
        ["6", "丙", "0", "0", "0", "", ""],
        ["6", "丁", "0", "100", "0", "", "score-differs"],
    ];
    assert_eq!(ranking, expected_ranking.map(|row| row.map(String::from).to_vec()).to_vec());

    let lessons = read_csv(&root.join("out/grades.csv"));
    let verdicts = |name: &str, lesson: &str| {
        lessons.iter().find(|row| row["name"] == name && row["lesson_id"] == lesson).map(|row| row["verdicts"].clone())
    };
    assert_eq!(verdicts("甲", "double").as_deref(), Some("AC AC AC"));
    assert_eq!(verdicts("乙", "greet").as_deref(), Some("AC WA"));
    assert_eq!(verdicts("丙", "double").as_deref(), Some("TLE TLE TLE"));
    let json = std::fs::read_to_string(root.join("out/grades.json")).expect("json written");
    assert!(json.contains("\"status\": \"skipped\"") && json.contains("\"lesson_id\": \"double\""));
    assert!(json.contains("\"duplicate-student\"") && json.contains("\"code\": \"other-pack\""));

    // The same in Chinese, the default: skip reasons, flags and the summary.
    let graded = sprout(&["grade", "--pack", "full.pack", "--out", "out-zh", "--jobs", "2", "submissions"], &root);
    let stdout = String::from_utf8_lossy(&graded.stdout);
    assert!(graded.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&graded.stderr));
    for expected in [
        "跳过 submissions/foreign-pack.json: 这个成绩文件是用另一个课程包做的",
        "跳过 submissions/future-version.json: ",
        "有标记 submissions/honest-full.json：考号（学号）“id-甲”还交了 submissions/forged-same-id.json [duplicate-student]",
        "有标记 submissions/edited-by-hand.json：导出后被改动过（摘要对不上） [digest-mismatch]；",
        "评了 8 份交卷",
        "5 份有标记，5 份跳过",
    ] {
        assert!(stdout.contains(expected), "{expected} not in:\n{stdout}");
    }
    assert!(!stdout.contains("skipped") && !stdout.contains("flagged"), "{stdout}");

    let _ = std::fs::remove_dir_all(&root);
}
