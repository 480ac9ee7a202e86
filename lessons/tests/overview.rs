//! The class overview (学情分析) over a small class's result files: honest, partial, one handed in
//! twice, one edited by hand, one from another pack, and one that is not a result file. The table,
//! the per-lesson figures, the most-failed tests, the histogram and the CSV are checked whole.

use sprout_lessons::{
    build_pack, check_lesson, grade, parse_course, parse_lesson, Claim, FileFlag, LessonResult, Overview, Pack,
    PackReference, ResultFile, Selection, Student, Verdict, CSV_BOM,
};
use sprout_runtime::messages::Language;

const COURSE: &str = r#"
id = "class-test"
version = "1.0.0"
title = { zh = "学情测试" }

[[unit]]
id = "only"
title = { zh = "唯一单元" }
lessons = ["double", "greet", "later"]
"#;

const DOUBLE: &str = "+++\nid = \"double\"\ntitle = { zh = \"翻倍\", en = \"Double\" }\n+++\n\n\
```rhai starter\nfn double(x) { x }\n```\n\n```rhai solution\nfn double(x) { x * 2 }\n```\n\n```hint\n乘以 2。\n```\n\n\
```tests\n[[test]]\nid = \"two\"\nname = \"2 的两倍\"\nkind = \"call\"\ncall = \"double(2)\"\nexpect = \"4\"\n\n\
[[test]]\nid = \"minus\"\nkind = \"call\"\ncall = \"double(-7)\"\nexpect = \"-14\"\n```\n";

const GREET: &str = "+++\nid = \"greet\"\ntitle = { zh = \"打招呼\" }\n+++\n\n\
```rhai solution\nprint(`你好，${input()}！`);\n```\n\n```hint\n用 input()。\n```\n\n\
```tests\n[[test]]\nid = \"ming\"\nkind = \"output\"\ninput = [\"小明\"]\n```\n";

/// A lesson no file has work for: the CSV leaves its column out.
const LATER: &str = "+++\nid = \"later\"\ntitle = { zh = \"以后\" }\n+++\n\n\
```rhai solution\nprint(1);\n```\n\n```hint\n打印 1。\n```\n\n```tests\n[[test]]\nkind = \"output\"\n```\n";

fn pack() -> Pack {
    let course = parse_course("course.toml", COURSE.as_bytes()).expect("course");
    let lessons: Vec<_> = [("double.md", DOUBLE), ("greet.md", GREET), ("later.md", LATER)]
        .into_iter()
        .map(|(file, text)| {
            let mut lesson = parse_lesson(file, text.as_bytes()).expect("lesson");
            assert!(check_lesson(&mut lesson, file).is_empty(), "{file} checks");
            lesson
        })
        .collect();
    build_pack(&course, &lessons, false)
}

fn work(pack: &Pack, lesson_id: &str, code: &str, attempts: u32, minutes: u32) -> LessonResult {
    let lesson = pack.lesson(lesson_id).expect("lesson in pack");
    LessonResult {
        lesson_id: lesson_id.to_string(),
        code: code.to_string(),
        claimed: Claim::from_grade(&grade(lesson, code, Selection::VisibleOnly)),
        attempts,
        started_at: "2026-11-23T09:00:00.250Z".to_string(),
        checked_at: format!("2026-11-23T09:{minutes:02}:30Z"),
    }
}

fn file(pack: &Pack, name: &str, id: &str, exported_at: &str, lessons: Vec<LessonResult>) -> (String, ResultFile) {
    let student =
        Student {
            name: name.into(), class: "七年级 3 班".into(), school: "实验中学".into(), student_id: id.into()
        };
    let reference = PackReference {
        id: pack.course.id.clone(),
        version: pack.course.version.clone(),
        content_hash: pack.content_hash.clone(),
    };
    (format!("{name}-{id}.json"), ResultFile::new("0.1.0", exported_at, student, reference, lessons))
}

#[test]
fn a_class_overview_counts_each_student_once_and_flags_what_does_not_count() {
    let pack = pack();
    let right = "fn double(x) { x * 2 }";
    let half = "fn double(x) { if x > 0 { x * 2 } else { x } }";
    let hello = "print(`你好，${input()}！`);";
    let at = "2026-11-23T10:00:00Z";
    let mut files = vec![
        file(&pack, "张三", "1", at, vec![work(&pack, "double", right, 2, 7), work(&pack, "greet", hello, 1, 12)]),
        file(&pack, "李四", "2", at, vec![work(&pack, "double", half, 5, 20)]),
        // 王五 handed in twice: the later file counts, the earlier is a duplicate.
        file(&pack, "王五", "3", "2026-11-23T10:30:00Z", vec![work(&pack, "double", right, 3, 4)]),
        file(&pack, "王五", "3", at, vec![work(&pack, "double", half, 1, 2)]),
        file(&pack, "赵六", "4", at, vec![work(&pack, "double", half, 1, 3)]),
        file(&pack, "钱七", "5", at, vec![work(&pack, "double", "fn double(x) { x }", 4, 9)]),
    ];
    // 赵六 raised a score by hand without resealing.
    files[4].1.lessons[0].claimed.score = 100;
    // 孙八 worked from another pack.
    let (name, mut other) = file(&pack, "孙八", "6", at, vec![work(&pack, "double", right, 1, 1)]);
    other.pack.content_hash = "sha256:0000".into();
    other.seal();
    files.push((name, other));

    let mut inputs: Vec<(String, Vec<u8>)> =
        files.iter().map(|(name, result)| (name.clone(), result.to_json().into_bytes())).collect();
    inputs.push(("notes.txt".into(), "不是结果文件".as_bytes().to_vec()));
    let overview = Overview::of_files(&pack, inputs.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())));

    let flags: Vec<(&str, Vec<FileFlag>)> =
        overview.rows.iter().map(|row| (row.student.name.as_str(), row.flags.clone())).collect();
    assert_eq!(
        flags,
        [
            ("张三", vec![]),
            ("李四", vec![]),
            ("王五", vec![]),
            ("王五", vec![FileFlag::Duplicate]),
            ("赵六", vec![FileFlag::Tampered]),
            ("钱七", vec![]),
            ("孙八", vec![FileFlag::OtherPack]),
        ]
    );
    assert_eq!(overview.unreadable.len(), 1);
    assert_eq!(overview.unreadable[0].file, "notes.txt");

    // Counted: 张三, 李四, 王五 (later), 钱七. double: all four checked it, 张三 and 王五 passed.
    let double = &overview.lessons[0];
    assert_eq!((double.checked, double.passed, double.mean_attempts), (4, 2, 3.5));
    assert_eq!(double.pass_rate(), 0.5);
    let greet = &overview.lessons[1];
    assert_eq!((greet.checked, greet.passed, greet.mean_attempts), (1, 1, 1.0));

    let zhang = &overview.rows[0];
    let cell = zhang.cells[0].as_ref().expect("张三 did double");
    assert_eq!((cell.score, cell.max_score, cell.attempts, cell.minutes, cell.passed), (100, 100, 2, Some(7), true));
    assert_eq!(overview.rows[1].cells[1], None, "李四 did not do greet");

    // The most failed: `minus` (李四's half answer and 钱七's) twice, then `two` (钱七) once.
    let failed: Vec<(&str, Option<&str>, usize, usize)> = overview
        .most_failed
        .iter()
        .map(|test| (test.test_id.as_str(), test.name.as_deref(), test.failed, test.checked))
        .collect();
    assert_eq!(failed, [("minus", None, 2, 4), ("two", Some("2 的两倍"), 1, 4)]);
    let verdict = &files[1].1.lessons[0].claimed.verdicts["minus"];
    assert_eq!(*verdict, Verdict::WrongAnswer);

    // Assigned points: the pack's three lessons, 300. Totals: 张三 200 (66 %), 李四 50, 王五 100, 钱七 0.
    assert_eq!(overview.assigned_points(), 300);
    assert_eq!(overview.worked_lessons(), [0, 1]);
    assert_eq!(overview.lessons[2].checked, 0);
    assert_eq!(overview.histogram, [1, 1, 0, 1, 0, 0, 1, 0, 0, 0]);

    let csv = overview.to_csv(Language::ZhCn);
    let expected = [
        "姓名,班级,学校,学号,总分,翻倍,打招呼,翻倍 检查次数,打招呼 检查次数,翻倍 用时（分钟）,打招呼 用时（分钟）,标记,文件",
        "张三,七年级 3 班,实验中学,1,200,100,100,2,1,7,12,,张三-1.json",
        "李四,七年级 3 班,实验中学,2,50,50,,5,,20,,,李四-2.json",
        "王五,七年级 3 班,实验中学,3,100,100,,3,,4,,,王五-3.json",
        "王五,七年级 3 班,实验中学,3,50,50,,1,,2,,duplicate,王五-3.json",
        "赵六,七年级 3 班,实验中学,4,100,100,,1,,3,,tampered,赵六-4.json",
        "钱七,七年级 3 班,实验中学,5,0,0,,4,,9,,,钱七-5.json",
        "孙八,七年级 3 班,实验中学,6,100,100,,1,,1,,other-pack,孙八-6.json",
    ];
    assert_eq!(csv, format!("{CSV_BOM}{}\r\n", expected.join("\r\n")));
    assert!(overview
        .to_csv(Language::En)
        .starts_with("\u{feff}name,class,school,student id,total,Double,打招呼,Double checks,打招呼 checks,Double minutes,打招呼 minutes,flags,file\r\n"));
}

#[test]
fn a_pack_dropped_with_the_results_is_what_they_are_read_against() {
    let default = pack();
    let course = parse_course("course.toml", COURSE.replace("1.0.0", "2.0.0").as_bytes()).expect("course");
    let contest = build_pack(&course, &default.lessons, false);
    assert_ne!(contest.content_hash, default.content_hash);
    let (name, result) = file(
        &contest,
        "张三",
        "1",
        "2026-11-23T10:00:00Z",
        vec![work(&contest, "double", "fn double(x) { x * 2 }", 1, 3)],
    );
    let contest_json = serde_json::to_vec(&contest).expect("pack as JSON");
    let result_json = result.to_json().into_bytes();
    let files: Vec<(&str, &[u8])> =
        vec![("contest.pack", &contest_json), (&name, &result_json), ("old.pack", b"{\"format\": \"sprout-pack\"}")];

    let (overview, dropped) = Overview::of_dropped(&default, files.iter().copied());
    assert_eq!(
        dropped.map(|(file, pack)| (file, pack.content_hash)),
        Some(("contest.pack".to_string(), contest.content_hash.clone()))
    );
    assert_eq!(overview.rows[0].flags, []);
    assert_eq!(overview.lessons[0].passed, 1);
    let unreadable: Vec<&str> = overview.unreadable.iter().map(|file| file.file.as_str()).collect();
    assert_eq!(unreadable, ["old.pack"]);

    let (without, dropped) = Overview::of_dropped(&default, files[1..2].iter().copied());
    assert!(dropped.is_none());
    assert_eq!(without.rows[0].flags, [FileFlag::OtherPack]);
}
