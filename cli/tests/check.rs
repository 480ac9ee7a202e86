//! `sprout check` and `sprout pack` as a teacher uses them: exit status, `file:line: message` in
//! Chinese or English, and no pack written for a course with problems.

use std::path::Path;
use std::process::Command;

/// One command over a set of files, with what it must print.
struct Case {
    name: &'static str,
    files: &'static [(&'static str, &'static str)],
    arguments: &'static [&'static str],
    status: i32,
    stdout_contains: &'static [&'static str],
}

const GOOD: &str = "+++\nid = \"good\"\ntitle = { zh = \"好课\" }\n+++\n\n```rhai solution\nprint(1);\n```\n\n```hint\n打印 1。\n```\n\n```tests\n[[test]]\nkind = \"output\"\n```\n";
const TYPO: &str = "+++\nid = \"typo\"\ntitle = { zh = \"拼错\" }\nlevle = 2\n+++\n";
const FAILING: &str = "+++\nid = \"failing\"\ntitle = { zh = \"答案错\" }\n+++\n\n```rhai solution\nprint(2);\n```\n\n```hint\n打印 1。\n```\n\n```tests\n[[test]]\nkind = \"output\"\nexpect = \"1\"\n```\n";
const COURSE: &str = "id = \"c\"\nversion = \"1\"\ntitle = { zh = \"课\" }\n\n[[unit]]\nid = \"u\"\ntitle = { zh = \"单元\" }\nlessons = [\"good\", \"missing\"]\n";

const CASES: &[Case] = &[
    Case {
        name: "a good lesson passes",
        files: &[("good.md", GOOD)],
        arguments: &["check", "good.md"],
        status: 0,
        stdout_contains: &[],
    },
    Case {
        name: "a typo in the settings names file, line and key in Chinese",
        files: &[("typo.md", TYPO)],
        arguments: &["check", "typo.md"],
        status: 1,
        stdout_contains: &["typo.md:4: 课程设置写得不对", "levle"],
    },
    Case {
        name: "the same problem in English",
        files: &[("typo.md", TYPO)],
        arguments: &["check", "--lang", "en", "typo.md"],
        status: 1,
        stdout_contains: &["typo.md:4: The lesson settings are wrong"],
    },
    Case {
        name: "a failing solution is reported with its verdict",
        files: &[("failing.md", FAILING)],
        arguments: &["check", "failing.md"],
        status: 1,
        stdout_contains: &["failing.md: 参考答案没有通过测试 t1：WA"],
    },
    Case {
        name: "a folder is searched and every file is reported",
        files: &[("all/good.md", GOOD), ("all/sub/failing.md", FAILING), ("all/typo.md", TYPO)],
        arguments: &["check", "all"],
        status: 1,
        stdout_contains: &["failing.md: 参考答案没有通过测试", "typo.md:4:"],
    },
    Case {
        name: "a course listing a missing lesson cannot be packed",
        files: &[("course/course.toml", COURSE), ("course/good.md", GOOD)],
        arguments: &["pack", "course", "-o", "out.pack"],
        status: 1,
        stdout_contains: &["course.toml: course.toml 列出了课 “missing”"],
    },
    Case {
        name: "a path that does not exist",
        files: &[],
        arguments: &["check", "nowhere"],
        status: 1,
        stdout_contains: &["nowhere: 读不了这个文件"],
    },
    Case { name: "check needs a path", files: &[], arguments: &["check"], status: 2, stdout_contains: &[] },
];

#[test]
fn check_and_pack_report_problems_by_file_and_line() {
    let root = std::env::temp_dir().join(format!("sprout-check-test-{}", std::process::id()));
    let mut failures = Vec::new();
    for (index, case) in CASES.iter().enumerate() {
        let folder = root.join(index.to_string());
        for (name, text) in case.files {
            let path = folder.join(name);
            std::fs::create_dir_all(path.parent().unwrap_or(Path::new("."))).expect("folder");
            std::fs::write(path, text).expect("write");
        }
        std::fs::create_dir_all(&folder).expect("folder");
        let output = Command::new(env!("CARGO_BIN_EXE_sprout"))
            .args(case.arguments)
            .current_dir(&folder)
            .output()
            .expect("runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let missing: Vec<&&str> = case.stdout_contains.iter().filter(|text| !stdout.contains(**text)).collect();
        if output.status.code() != Some(case.status) || !missing.is_empty() {
            failures.push(format!(
                "{}: status {:?}, missing {missing:?} in:\n{stdout}",
                case.name,
                output.status.code()
            ));
        }
        if case.arguments[0] == "pack" && folder.join("out.pack").exists() {
            failures.push(format!("{}: a pack was written despite problems", case.name));
        }
    }
    let _ = std::fs::remove_dir_all(&root);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
