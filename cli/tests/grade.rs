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

/// The fields of one CSV line (RFC 4180: quoted fields may hold commas, quotes and line breaks).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut characters = line.chars().peekable();
    while let Some(character) = characters.next() {
        match (character, quoted) {
            ('"', true) if characters.peek() == Some(&'"') => {
                characters.next();
                fields.last_mut().expect("a field").push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (character, _) => fields.last_mut().expect("a field").push(character),
        }
    }
    fields
}

/// Reads a CSV written by `sprout grade` (no field of ours holds a line break).
fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path).expect("csv written");
    let text = text.strip_prefix('\u{feff}').expect("starts with a byte-order mark for Excel");
    let mut lines = text.split("\r\n").filter(|line| !line.is_empty());
    let header = csv_fields(lines.next().expect("header"));
    lines.map(|line| header.iter().cloned().zip(csv_fields(line)).collect()).collect()
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
        // The name starts with `@`: written as a text formula, shown as the text it is.
        ("=\"@冒名\"", "100", "duplicate-student"),
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
        ["2", "=\"@冒名\"", "100", "100", "100", "", "duplicate-student"],
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

/// `text` as `sprout grade`'s CSV files write a text field: RFC 4180 quoting of the formula
/// `="…"` that makes Excel show exactly the text.
fn as_excel_text(text: &str) -> String {
    format!("\"=\"\"{}\"\"\"", text.replace('"', "\"\"\"\""))
}

#[test]
fn hostile_hand_ins_are_flagged_or_skipped_by_name_and_never_stop_the_batch() {
    let root: PathBuf = std::env::temp_dir().join(format!("sprout-grade-hostile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let course = root.join("course");
    std::fs::create_dir_all(&course).expect("course folder");
    let contest = COURSE.replace(
        "title = { zh = \"评测测试\" }",
        "title = { zh = \"评测测试\" }\nkind = \"contest\"\nduration_minutes = 60",
    );
    std::fs::write(course.join("course.toml"), contest).expect("write");
    // A contest's tests add up to its problems' points.
    let points = |text: &str, points: u32| text.replacen("\n+++\n", &format!("\npoints = {points}\n+++\n"), 1);
    std::fs::write(course.join("double.md"), points(DOUBLE, 4)).expect("write");
    std::fs::write(course.join("greet.md"), points(GREET, 2)).expect("write");
    let packed = sprout(&["pack", "course", "-o", "full.pack"], &root);
    assert!(packed.status.success(), "{}", String::from_utf8_lossy(&packed.stdout));
    // The pack says when it was made (now); the contest's hand-ins below were made on 2026-11-23.
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("full.pack")).expect("pack")).expect("JSON");
    assert!(json["made_at"].as_str().is_some_and(|made_at| made_at.ends_with('Z')), "{json:?}");
    json["made_at"] = "2026-11-23T08:00:00Z".into();
    std::fs::write(root.join("full.pack"), json.to_string()).expect("write");
    let pack = read_pack("full.pack", &std::fs::read(root.join("full.pack")).expect("pack")).expect("valid pack");

    let submissions = root.join("submissions");
    std::fs::create_dir_all(&submissions).expect("folder");
    let save = |name: &str, file: &ResultFile| std::fs::write(submissions.join(name), file.to_json()).expect("write");
    let right_double = "fn double(x) { x * 2 }";
    let right_greet = "let n = input();\nprint(`你好，${n}！`);";
    let both = || vec![work(&pack, "double", right_double), work(&pack, "greet", right_greet)];

    save("honest.json", &result_file(&pack, "甲", both()));
    // A name a spreadsheet would run, and an id whose zeros it would drop: still an honest file.
    let mut formula = result_file(&pack, "=HYPERLINK(\"http://x\",\"点我\")", both());
    formula.student.student_id = "0042".to_string();
    formula.seal();
    save("formula-name.json", &formula);

    // Every claim at the 32-bit maximum: the claims' sum overflows 32 bits.
    let mut claims = result_file(&pack, "乙", both());
    for lesson in &mut claims.lessons {
        (lesson.claimed.score, lesson.claimed.max_score) = (u32::MAX, u32::MAX);
    }
    save("max-claims.json", &claims);
    claims.student.name = "丙".to_string();
    claims.student.student_id = "id-丙".to_string();
    claims.seal();
    save("max-claims-resealed.json", &claims);

    // Times: swapped to hide two hours, unreadable, before the pack, after the export.
    let timed = |name: &str, started: &str, checked: &str, exported: &str| {
        let mut file = result_file(&pack, name, vec![work(&pack, "double", right_double)]);
        (file.lessons[0].started_at, file.lessons[0].checked_at) = (started.to_string(), checked.to_string());
        file.exported_at = exported.to_string();
        file.seal();
        file
    };
    save("swapped-times.json", &timed("丁", "2026-11-23T11:00:00Z", "2026-11-23T09:00:00Z", "2026-11-23T11:10:00Z"));
    save("unreadable-times.json", &timed("戊", "yesterday", "2026-11-23T09:05:00Z", "2026-11-23T10:00:00Z"));
    save("before-pack.json", &timed("己", "2026-11-23T07:00:00Z", "2026-11-23T07:20:00Z", "2026-11-23T10:00:00Z"));
    save("in-future.json", &timed("庚", "2026-11-23T09:00:00Z", "2099-01-01T00:00:00Z", "2099-01-01T00:10:00Z"));

    // ZIP hand-ins: two result files, names that climb out, start at the root or use backslashes.
    let inside = result_file(&pack, "辛", both()).to_json();
    let other = result_file(&pack, "壬", vec![]).to_json();
    let archive =
        |files: &[(&str, &[u8])]| zip::write(files, zip::DosDateTime::new(2026, 11, 23, 10, 0, 0)).expect("zip");
    let zips: [(&str, Vec<u8>); 5] = [
        ("honest.zip", archive(&[("double.rhai", right_double.as_bytes()), (zip::RESULT_IN_ZIP, inside.as_bytes())])),
        (
            "two-results.zip",
            archive(&[(zip::RESULT_IN_ZIP, inside.as_bytes()), (zip::RESULT_IN_ZIP, other.as_bytes())]),
        ),
        ("climbs-out.zip", archive(&[("../../../../elsewhere/result.json", inside.as_bytes())])),
        ("absolute.zip", archive(&[("/result.json", inside.as_bytes())])),
        ("backslashes.zip", archive(&[("work\\result.json", inside.as_bytes())])),
    ];
    for (name, bytes) in &zips {
        std::fs::write(submissions.join(name), bytes).expect("write");
    }
    // 1.5 GB by its metadata, sparse: refused by its size, never read.
    std::fs::File::create(submissions.join("huge.json"))
        .and_then(|file| file.set_len(1_500_000_000))
        .expect("a sparse file");

    let graded =
        sprout(&["grade", "--pack", "full.pack", "--out", "out", "--jobs", "2", "--lang", "en", "submissions"], &root);
    let stdout = String::from_utf8_lossy(&graded.stdout);
    assert!(graded.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&graded.stderr));
    let skipped = [
        ("two-results.zip", "the ZIP archive has 2 result.json files"),
        ("climbs-out.zip", "not a plain name"),
        ("absolute.zip", "not a plain name"),
        ("backslashes.zip", "not a plain name"),
        ("huge.json", "The file is too large: 1500000000 bytes"),
    ];
    for (file, reason) in skipped {
        assert!(
            stdout
                .lines()
                .any(|line| line.starts_with(&format!("skipped submissions/{file}: ")) && line.contains(reason)),
            "{file} not skipped for {reason:?}:\n{stdout}"
        );
    }
    assert!(stdout.contains("graded 9 submission(s)"), "{stdout}");
    assert!(stdout.contains("6 flagged, 5 skipped"), "{stdout}");

    let students: BTreeMap<String, BTreeMap<String, String>> =
        read_csv(&root.join("out/students.csv")).into_iter().map(|row| (row["file"].clone(), row)).collect();
    let expected = [
        ("honest.json", "6", ""),
        ("honest.zip", "6", ""),
        ("formula-name.json", "6", ""),
        ("max-claims.json", "6", "digest-mismatch score-differs max-score-differs"),
        ("max-claims-resealed.json", "6", "score-differs max-score-differs"),
        ("swapped-times.json", "4", "over-time reversed-times"),
        ("unreadable-times.json", "4", "unreadable-time"),
        ("before-pack.json", "4", "before-pack"),
        ("in-future.json", "4", "over-time in-future"),
    ];
    assert_eq!(students.len(), expected.len(), "{students:?}");
    for (file, total, flags) in expected {
        let row = &students[&format!("submissions/{file}")];
        assert_eq!((row["total_score"].as_str(), row["flags"].as_str()), (total, flags), "{file}: {row:?}");
    }
    // The claims' sum, beyond 32 bits, is written whole.
    let ranking = std::fs::read_to_string(root.join("out/ranking.csv")).expect("ranking");
    assert!(ranking.contains(&format!(",6,{},", 2 * u64::from(u32::MAX))), "{ranking}");
    // The name a spreadsheet would run and the id it would shorten are text that shows exactly.
    let name = "=HYPERLINK(\"http://x\",\"点我\")";
    assert!(
        ranking.contains(&format!("{},七年级 3 班,实验中学,{},", as_excel_text(name), as_excel_text("0042"))),
        "{ranking}"
    );

    // A run the real-time safety net stops (at once here: every run past 256 operations) is a TLE
    // flagged as the host's, which another computer might not give; a short run is not stopped.
    let stopped = root.join("stopped");
    std::fs::create_dir_all(&stopped).expect("folder");
    let counting = "fn double(x) { let n = 0; while n < 1000 { n += 1; } x * 2 }";
    let counting = result_file(&pack, "癸", vec![work(&pack, "double", counting)]);
    std::fs::write(stopped.join("counting.json"), counting.to_json()).expect("write");
    std::fs::copy(submissions.join("honest.json"), stopped.join("honest.json")).expect("copy");
    let graded = sprout(
        &["grade", "--pack", "full.pack", "--out", "out-stopped", "--time-limit-ms", "0", "--lang", "en", "stopped"],
        &root,
    );
    let stdout = String::from_utf8_lossy(&graded.stdout);
    assert!(graded.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&graded.stderr));
    let students: BTreeMap<String, BTreeMap<String, String>> =
        read_csv(&root.join("out-stopped/students.csv")).into_iter().map(|row| (row["file"].clone(), row)).collect();
    let flags = |file: &str| students[&format!("stopped/{file}")]["flags"].clone();
    assert_eq!(flags("counting.json"), "score-differs verdicts-differ stopped-by-host", "{stdout}");
    assert_eq!(flags("honest.json"), "", "{stdout}");
    let lessons = read_csv(&root.join("out-stopped/grades.csv"));
    let counting_row = lessons.iter().find(|row| row["file"] == "stopped/counting.json").expect("graded");
    assert_eq!(counting_row["verdicts"], "TLE TLE TLE");

    // Hostile packs are refused by name with a reason, and a 1.5 GB one without being read.
    std::fs::File::create(root.join("huge.pack")).and_then(|file| file.set_len(1_500_000_000)).expect("a sparse file");
    json["lessons"][0]["points"] = u32::MAX.into();
    let forged: Pack = serde_json::from_value(json.clone()).expect("still a pack's shape");
    json["content_hash"] = sprout_lessons::content_hash(&forged.course, &forged.lessons).into();
    std::fs::write(root.join("points.pack"), json.to_string()).expect("write");
    for (pack, reason) in
        [("huge.pack", "The file is too large: 1500000000 bytes"), ("points.pack", "points 4294967295 not in 1–10000")]
    {
        let refused = sprout(&["grade", "--pack", pack, "--out", "refused", "--lang", "en", "submissions"], &root);
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert_eq!(refused.status.code(), Some(1), "{pack}: {stderr}");
        assert!(stderr.contains(pack) && stderr.contains(reason), "{pack}: {stderr}");
    }
    let _ = std::fs::remove_dir_all(&root);
}
