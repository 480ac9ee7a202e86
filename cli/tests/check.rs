//! `sprout check` and `sprout pack` as a teacher uses them: exit status, `file:line: message` and
//! the summary in Chinese or English (`--lang`, anywhere on the line), no hint asked of a contest's
//! problem, and no pack written for a course with problems.

use std::path::Path;
use std::process::Command;

/// One command over a set of files, with what it must print.
struct Case {
    name: &'static str,
    files: &'static [(&'static str, &'static str)],
    arguments: &'static [&'static str],
    status: i32,
    stdout_contains: &'static [&'static str],
    stderr_contains: &'static [&'static str],
}

const GOOD: &str = "+++\nid = \"good\"\ntitle = { zh = \"好课\" }\n+++\n\n```rhai solution\nprint(1);\n```\n\n```hint\n打印 1。\n```\n\n```tests\n[[test]]\nkind = \"output\"\n```\n";
const TYPO: &str = "+++\nid = \"typo\"\ntitle = { zh = \"拼错\" }\nlevle = 2\n+++\n";
const FAILING: &str = "+++\nid = \"failing\"\ntitle = { zh = \"答案错\" }\n+++\n\n```rhai solution\nprint(2);\n```\n\n```hint\n打印 1。\n```\n\n```tests\n[[test]]\nkind = \"output\"\nexpect = \"1\"\n```\n";
const NO_HINT: &str = "+++\nid = \"good\"\ntitle = { zh = \"好题\" }\n+++\n\n```rhai solution\nprint(1);\n```\n\n```tests\n[[test]]\nkind = \"output\"\npoints = 100\n```\n";
const CONTEST: &str = "id = \"c\"\nversion = \"1\"\ntitle = { zh = \"赛\" }\nkind = \"contest\"\nduration_minutes = 30\n\n[[unit]]\nid = \"u\"\ntitle = { zh = \"题目\" }\nlessons = [\"good\"]\n";
/// The contest above as an ordinary course: the same lesson then needs a hint.
const CONTEST_AS_COURSE: &str = "id = \"c\"\nversion = \"1\"\ntitle = { zh = \"课\" }\n\n[[unit]]\nid = \"u\"\ntitle = { zh = \"单元\" }\nlessons = [\"good\"]\n";
const COURSE: &str = "id = \"c\"\nversion = \"1\"\ntitle = { zh = \"课\" }\n\n[[unit]]\nid = \"u\"\ntitle = { zh = \"单元\" }\nlessons = [\"good\", \"missing\"]\n";

/// A solution of more than 256 operations: the real-time safety net asks first at the 256th.
const COUNTING: &str = "+++\nid = \"counting\"\ntitle = { zh = \"数数\" }\n+++\n\n```rhai solution\nlet n = 0;\nwhile n < 1000 { n += 1; }\nprint(n);\n```\n\n```hint\n数到 1000。\n```\n\n```tests\n[[test]]\nkind = \"output\"\nexpect = \"1000\"\n```\n";

const CASES: &[Case] = &[
    Case {
        name: "a run the real-time safety net stops is reported as TLE, interrupted",
        files: &[("counting.md", COUNTING)],
        arguments: &["check", "--lang", "en", "--time-limit-ms", "0", "counting.md"],
        status: 1,
        stdout_contains: &["counting.md: ", "t1", "TLE", "interrupted"],
        stderr_contains: &[],
    },
    Case {
        name: "the same lesson within the default safety net passes",
        files: &[("counting.md", COUNTING)],
        arguments: &["check", "counting.md"],
        status: 0,
        stdout_contains: &[],
        stderr_contains: &[],
    },
    Case {
        name: "a good lesson passes",
        files: &[("good.md", GOOD)],
        arguments: &["check", "good.md"],
        status: 0,
        stdout_contains: &[],
        stderr_contains: &[],
    },
    Case {
        name: "a typo in the settings names file, line and key in Chinese",
        files: &[("typo.md", TYPO)],
        arguments: &["check", "typo.md"],
        status: 1,
        stdout_contains: &["typo.md:4: 课程设置写得不对", "levle"],
        stderr_contains: &[],
    },
    Case {
        name: "the same problem in English",
        files: &[("typo.md", TYPO)],
        arguments: &["check", "--lang", "en", "typo.md"],
        status: 1,
        stdout_contains: &["typo.md:4: The lesson settings are wrong"],
        stderr_contains: &[],
    },
    Case {
        name: "a failing solution is reported with its verdict",
        files: &[("failing.md", FAILING)],
        arguments: &["check", "failing.md"],
        status: 1,
        stdout_contains: &["failing.md: 参考答案没有通过测试 t1：WA"],
        stderr_contains: &[],
    },
    Case {
        name: "a folder is searched and every file is reported",
        files: &[("all/good.md", GOOD), ("all/sub/failing.md", FAILING), ("all/typo.md", TYPO)],
        arguments: &["check", "all"],
        status: 1,
        stdout_contains: &["failing.md: 参考答案没有通过测试", "typo.md:4:"],
        stderr_contains: &[],
    },
    Case {
        name: "a course listing a missing lesson cannot be packed",
        files: &[("course/course.toml", COURSE), ("course/good.md", GOOD)],
        arguments: &["pack", "course", "-o", "out.pack"],
        status: 1,
        stdout_contains: &["course.toml: course.toml 列出了课 “missing”"],
        stderr_contains: &[],
    },
    Case {
        name: "a path that does not exist",
        files: &[],
        arguments: &["check", "nowhere"],
        status: 1,
        stdout_contains: &["nowhere: 读不了这个文件"],
        stderr_contains: &[],
    },
    Case {
        name: "check needs a path",
        files: &[],
        arguments: &["check"],
        status: 2,
        stdout_contains: &[],
        stderr_contains: &["sprout check 至少要一个路径"],
    },
    Case {
        name: "--lang is global: before the command too, and the summary follows it",
        files: &[("typo.md", TYPO)],
        arguments: &["--lang", "en", "check", "typo.md"],
        status: 1,
        stdout_contains: &["typo.md:4: The lesson settings are wrong"],
        stderr_contains: &["Lesson files checked: 1 (0 read); courses: 0; problems: 1."],
    },
    Case {
        name: "the summary in Chinese by default",
        files: &[("good.md", GOOD)],
        arguments: &["check", "good.md"],
        status: 0,
        stdout_contains: &[],
        stderr_contains: &["检查了 1 个课的文件（读懂了 1 个），0 门课程，发现 0 个问题。"],
    },
    Case {
        name: "a contest's problem is not asked for a hint",
        files: &[("contest/course.toml", CONTEST), ("contest/good.md", NO_HINT)],
        arguments: &["check", "contest"],
        status: 0,
        stdout_contains: &[],
        stderr_contains: &["发现 0 个问题"],
    },
    Case {
        name: "a course's lesson is",
        files: &[("course/course.toml", CONTEST_AS_COURSE), ("course/good.md", NO_HINT)],
        arguments: &["check", "--lang", "en", "course"],
        status: 1,
        stdout_contains: &["good.md:1: At least one hint is needed"],
        stderr_contains: &["problems: 1."],
    },
    Case {
        name: "an unknown language is a usage error in every language",
        files: &[("good.md", GOOD)],
        arguments: &["check", "--lang", "klingon", "good.md"],
        status: 2,
        stdout_contains: &[],
        stderr_contains: &["不认识的语言“klingon”", "unknown language \"klingon\""],
    },
    Case {
        name: "a course with problems is not packed, said in English",
        files: &[("course/course.toml", COURSE), ("course/good.md", GOOD)],
        arguments: &["pack", "course", "-o", "out.pack", "--lang", "en"],
        status: 1,
        stdout_contains: &["course.toml: course.toml lists the lesson \"missing\""],
        stderr_contains: &["sprout pack: the course has 1 problem(s); no pack was written."],
    },
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
        let stderr = String::from_utf8_lossy(&output.stderr);
        let mut missing: Vec<&&str> = case.stdout_contains.iter().filter(|text| !stdout.contains(**text)).collect();
        missing.extend(case.stderr_contains.iter().filter(|text| !stderr.contains(**text)));
        if output.status.code() != Some(case.status) || !missing.is_empty() {
            failures.push(format!(
                "{}: status {:?}, missing {missing:?} in:\n{stdout}\nstderr:\n{stderr}",
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
