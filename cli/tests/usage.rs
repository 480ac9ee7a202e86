//! The command line itself, as a teacher meets it: `--help` and `-h` of every command in Chinese
//! (the default) and English, `sprout help COMMAND`, `--version`, and usage errors (an unknown
//! option or command, a missing value, argument or command, a word where a number is needed), each
//! naming what is wrong in the chosen language with exit status 2.

use std::process::Command;

/// One command line, with what it must and must not print.
struct Case {
    arguments: &'static [&'static str],
    status: i32,
    stdout_contains: &'static [&'static str],
    stderr_contains: &'static [&'static str],
    /// Found in neither stream: clap's own English in Chinese help, or a sentence of the other
    /// language.
    absent: &'static [&'static str],
}

/// clap's words that the Chinese help and errors must have in Chinese.
const CLAP_ENGLISH: &[&str] =
    &["Usage", "Options:", "Arguments:", "Commands:", "[OPTIONS]", "Print", "error:", "default:"];

const CASES: &[Case] = &[
    Case {
        arguments: &["serve", "--help"],
        status: 0,
        stdout_contains: &[
            "用法：sprout serve [选项]",
            "--port <N>",
            "（默认 8080；",
            "--data <文件夹>",
            "--database <地址>",
            "--app <文件夹>",
            "退出码：",
        ],
        stderr_contains: &[],
        absent: CLAP_ENGLISH,
    },
    Case {
        arguments: &["serve", "-h", "--lang", "en"],
        status: 0,
        stdout_contains: &["Usage: sprout serve [options]", "--port <N>", "(default 8080;", "--database <URL>"],
        stderr_contains: &[],
        absent: &["用法"],
    },
    Case {
        arguments: &["serve", "--port", "99999"],
        status: 2,
        stdout_contains: &[],
        stderr_contains: &["--port 需要 0 到 65535 之间的端口号，不能是“99999”。"],
        absent: CLAP_ENGLISH,
    },
    Case {
        arguments: &["serve", "--port", "八零八零", "--lang=en"],
        status: 2,
        stdout_contains: &[],
        stderr_contains: &["--port needs a port number from 0 to 65535, not \"八零八零\"."],
        absent: &["需要"],
    },
    Case {
        arguments: &["--help"],
        status: 0,
        stdout_contains: &[
            "用法：sprout [选项] <命令>",
            "命令:",
            "  run ",
            "  check ",
            "  pack ",
            "  grade ",
            "  serve ",
            "  help ",
            "--lang <语言>",
            "-V, --version",
            "退出码：",
        ],
        stderr_contains: &[],
        absent: CLAP_ENGLISH,
    },
    Case {
        arguments: &["--help", "--lang", "en"],
        status: 0,
        stdout_contains: &[
            "Usage: sprout [options] <COMMAND>",
            "Commands:",
            "  run ",
            "  check ",
            "  pack ",
            "  grade ",
            "--lang <LANGUAGE>",
            "-V, --version",
            "Exit status:",
        ],
        stderr_contains: &[],
        absent: &["用法", "[OPTIONS]"],
    },
    Case {
        arguments: &["run", "--help"],
        status: 0,
        stdout_contains: &[
            "用法：sprout run [选项] <文件.rhai>",
            "--input <文件>",
            "--board <文件>",
            "--seed <N>",
            "随机数的种子（默认 0）",
            "--max-operations <N>",
            "（默认 10000000）",
            "--time-limit-ms <N>",
            "（默认 10000）",
            "--json",
            "--lang <语言>",
            "-h, --help",
            "退出码：",
        ],
        stderr_contains: &[],
        absent: CLAP_ENGLISH,
    },
    Case {
        arguments: &["run", "-h", "--lang=en"],
        status: 0,
        stdout_contains: &[
            "Usage: sprout run [options] <FILE.rhai>",
            "--input <FILE>",
            "--board <FILE>",
            "Seed for random numbers (default 0)",
            "--max-operations <N>",
            "--time-limit-ms <N>",
            "--json",
            "-h, --help",
            "Exit status:",
        ],
        stderr_contains: &[],
        absent: &["用法", "[OPTIONS]"],
    },
    Case {
        arguments: &["check", "-h"],
        status: 0,
        stdout_contains: &["用法：sprout check [选项] <路径>...", "--json", "--lang <语言>", "退出码："],
        stderr_contains: &[],
        absent: CLAP_ENGLISH,
    },
    Case {
        arguments: &["--lang", "en", "check", "--help"],
        status: 0,
        stdout_contains: &["Usage: sprout check [options] <PATH>...", "--json", "Print the problems as JSON"],
        stderr_contains: &[],
        absent: &["用法"],
    },
    Case {
        arguments: &["pack", "--help"],
        status: 0,
        stdout_contains: &[
            "用法：sprout pack [选项] <课程文件夹>",
            "--student",
            "-o, --output <文件.pack>",
            "退出码：",
        ],
        stderr_contains: &[],
        absent: CLAP_ENGLISH,
    },
    Case {
        arguments: &["pack", "-h", "--lang", "en"],
        status: 0,
        stdout_contains: &["Usage: sprout pack [options] <COURSE_DIR>", "--student", "-o, --output <FILE.pack>"],
        stderr_contains: &[],
        absent: &["用法", "unknown option"],
    },
    Case {
        arguments: &["grade", "--help"],
        status: 0,
        stdout_contains: &[
            "用法：sprout grade [选项] --pack <完整版.pack> <交卷文件>...",
            "--pack <完整版.pack>",
            "--out <文件夹>",
            "（默认 .）",
            "--jobs <N>",
            "退出码：",
        ],
        stderr_contains: &[],
        absent: CLAP_ENGLISH,
    },
    Case {
        arguments: &["grade", "--help", "--lang", "en"],
        status: 0,
        stdout_contains: &[
            "Usage: sprout grade [options] --pack <FULL.pack> <SUBMISSION>...",
            "--pack <FULL.pack>",
            "--out <DIR>",
            "(default .)",
            "--jobs <N>",
        ],
        stderr_contains: &[],
        absent: &["用法", "unknown option"],
    },
    Case {
        arguments: &["help", "grade"],
        status: 0,
        stdout_contains: &["用法：sprout grade [选项]", "--pack <完整版.pack>", "--jobs <N>"],
        stderr_contains: &[],
        absent: CLAP_ENGLISH,
    },
    Case {
        arguments: &["help", "grade", "--lang", "en"],
        status: 0,
        stdout_contains: &["Usage: sprout grade [options]", "--pack <FULL.pack>"],
        stderr_contains: &[],
        absent: &["用法"],
    },
    Case {
        arguments: &["help"],
        status: 0,
        stdout_contains: &["用法：sprout [选项] <命令>", "  grade "],
        stderr_contains: &[],
        absent: CLAP_ENGLISH,
    },
    Case {
        arguments: &["--version"],
        status: 0,
        stdout_contains: &[concat!("sprout ", env!("CARGO_PKG_VERSION"), "\n")],
        stderr_contains: &[],
        absent: &[],
    },
    Case {
        arguments: &["-V"],
        status: 0,
        stdout_contains: &[concat!("sprout ", env!("CARGO_PKG_VERSION"), "\n")],
        stderr_contains: &[],
        absent: &[],
    },
    Case {
        arguments: &["check", "--fast", "x.md"],
        status: 2,
        stdout_contains: &[],
        stderr_contains: &["不认识的选项：--fast\n用法：sprout check [选项] <路径>...\n想看说明：sprout check --help"],
        absent: CLAP_ENGLISH,
    },
    Case {
        arguments: &["grade", "--fast", "--lang", "en", "--pack", "full.pack", "submissions"],
        status: 2,
        stdout_contains: &[],
        stderr_contains: &["unknown option: --fast\nUsage: sprout grade [options]"],
        absent: &["不认识"],
    },
    Case {
        arguments: &["run", "program.rhai", "--jsn"],
        status: 2,
        stdout_contains: &[],
        stderr_contains: &["不认识的选项：--jsn", "你是不是想写 --json？"],
        absent: CLAP_ENGLISH,
    },
    Case {
        arguments: &["grade", "submissions", "--pack"],
        status: 2,
        stdout_contains: &[],
        stderr_contains: &["--pack 后面要跟一个值。"],
        absent: CLAP_ENGLISH,
    },
    Case {
        arguments: &["run", "program.rhai", "--input", "--lang", "en"],
        status: 2,
        stdout_contains: &[],
        stderr_contains: &["--input needs a value."],
        absent: &["后面"],
    },
    Case {
        arguments: &["grade", "--jobs", "many", "--pack", "full.pack", "submissions"],
        status: 2,
        stdout_contains: &[],
        stderr_contains: &["--jobs 后面要跟一个整数，不能是“many”。"],
        absent: CLAP_ENGLISH,
    },
    Case {
        arguments: &["run", "program.rhai", "--seed", "1.5", "--lang", "en"],
        status: 2,
        stdout_contains: &[],
        stderr_contains: &["--seed needs a whole number, not \"1.5\".\nUsage: sprout run [options] <FILE.rhai>"],
        absent: &[],
    },
    Case {
        arguments: &["grade", "submissions"],
        status: 2,
        stdout_contains: &[],
        stderr_contains: &["sprout grade 要用 --pack 给出评委用的完整版课程包。"],
        absent: CLAP_ENGLISH,
    },
    Case {
        arguments: &["pack", "--lang", "en"],
        status: 2,
        stdout_contains: &[],
        stderr_contains: &[
            "sprout pack needs a course folder (with course.toml).\nUsage: sprout pack [options] <COURSE_DIR>",
        ],
        absent: &[],
    },
    Case {
        arguments: &["pack", "course", "other"],
        status: 2,
        stdout_contains: &[],
        stderr_contains: &["多余的参数：other"],
        absent: CLAP_ENGLISH,
    },
    Case {
        arguments: &["chek", "x.md"],
        status: 2,
        stdout_contains: &[],
        stderr_contains: &["没有这个命令：chek", "你是不是想写 check？", "用法：sprout [选项] <命令>"],
        absent: CLAP_ENGLISH,
    },
    Case {
        arguments: &["help", "nope", "--lang", "en"],
        status: 2,
        stdout_contains: &[],
        stderr_contains: &["unknown command: nope"],
        absent: &[],
    },
    Case {
        arguments: &[],
        status: 2,
        stdout_contains: &[],
        stderr_contains: &["缺少命令。", "  run ", "  grade "],
        absent: CLAP_ENGLISH,
    },
    Case {
        arguments: &["run", "--version"],
        status: 2,
        stdout_contains: &[],
        stderr_contains: &["不认识的选项：--version"],
        absent: &[],
    },
];

#[test]
fn the_command_line_explains_itself_in_the_chosen_language() {
    let folder = std::env::temp_dir().join(format!("sprout-usage-test-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("folder");
    let mut failures = Vec::new();
    for case in CASES {
        let output = Command::new(env!("CARGO_BIN_EXE_sprout"))
            .args(case.arguments)
            .current_dir(&folder)
            .output()
            .expect("runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let mut wrong: Vec<String> = case
            .stdout_contains
            .iter()
            .filter(|text| !stdout.contains(**text))
            .map(|text| format!("stdout lacks {text:?}"))
            .collect();
        wrong.extend(
            case.stderr_contains
                .iter()
                .filter(|text| !stderr.contains(**text))
                .map(|text| format!("stderr lacks {text:?}")),
        );
        wrong.extend(
            case.absent
                .iter()
                .filter(|text| stdout.contains(**text) || stderr.contains(**text))
                .map(|text| format!("has {text:?}")),
        );
        if output.status.code() != Some(case.status) || !wrong.is_empty() {
            failures.push(format!(
                "sprout {}: status {:?} (want {}), {wrong:?}\nstdout:\n{stdout}\nstderr:\n{stderr}",
                case.arguments.join(" "),
                output.status.code(),
                case.status
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&folder);
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
}
