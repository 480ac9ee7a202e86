//! `sprout run` as teachers, tests and judges use it: exit status, text and JSON output,
//! input and board files, diagnostics printed with file:line:column in either language, and a run
//! stopped at its virtual-time limit said so (exit status 3).

use std::path::PathBuf;
use std::process::{Command, Output};

struct Case {
    name: &'static str,
    program: &'static [u8],
    extra_files: &'static [(&'static str, &'static str)],
    arguments: &'static [&'static str],
    status: i32,
    stdout_contains: &'static str,
    stderr_contains: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "clean run prints output",
        program: "print(\"你好\"); print(1 + 2);".as_bytes(),
        extra_files: &[],
        arguments: &[],
        status: 0,
        stdout_contains: "你好\n3\n",
        stderr_contains: "",
    },
    Case {
        name: "input file feeds input()",
        program: b"let a = int(input()); let b = int(input()); print(a * b);",
        extra_files: &[("in.txt", "6\n7\n")],
        arguments: &["--input", "in.txt"],
        status: 0,
        stdout_contains: "42\n",
        stderr_contains: "",
    },
    Case {
        name: "board scenario drives events",
        program: b"on_button(\"A\", || print(`A at ${millis()}`)); sleep(2000);",
        extra_files: &[("board.txt", "button A at 1200\n")],
        arguments: &["--board", "board.txt"],
        status: 0,
        stdout_contains: "A at 1200\n",
        stderr_contains: "",
    },
    Case {
        name: "turtle and LED events are listed with their time",
        program: b"forward(10); sleep(5); led_plot(0, 0);",
        extra_files: &[],
        arguments: &[],
        status: 0,
        stdout_contains: "@0ms turtle move (0, 0) -> (10, 0) pen #000000 1\n@5ms led 9.... ..... ..... ..... .....\n",
        stderr_contains: "",
    },
    Case {
        name: "a mistake fails with position, message and hint in Chinese",
        program: b"let total = 1;\nprint(totl);",
        extra_files: &[],
        arguments: &[],
        status: 1,
        stdout_contains: "",
        stderr_contains: "program.rhai:2:7: 我不认识变量 totl。 [undefined-variable]\n  你是不是想写 total？",
    },
    Case {
        name: "messages in English on request",
        program: b"loop { }",
        extra_files: &[],
        arguments: &["--lang", "en"],
        status: 1,
        stdout_contains: "",
        stderr_contains: "Maybe a loop never ends?",
    },
    Case {
        name: "a maker loop stopped at the virtual-time limit says so, with the limit in words, and exits 3",
        program: b"loop { sleep(1000); }",
        extra_files: &[],
        arguments: &[],
        status: 3,
        stdout_contains: "",
        stderr_contains: "program.rhai: 程序运行到了时间上限，被停了下来：虚拟时间 1 分钟。",
    },
    Case {
        name: "the same in English",
        program: b"print(\"start\"); loop { sleep(1000); }",
        extra_files: &[],
        arguments: &["--lang", "en"],
        status: 3,
        stdout_contains: "start\n",
        stderr_contains: "program.rhai: The program was stopped at its time limit: 1 minute of virtual time.",
    },
    Case {
        name: "a timer stopped where the board scenario ends names the scenario",
        program: b"every(500, || print(millis()));",
        extra_files: &[("board.txt", "stop at 1500\n")],
        arguments: &["--board", "board.txt", "--lang=en"],
        status: 3,
        stdout_contains: "500\n1000\n",
        stderr_contains: "stopped where the board scenario ends (stop at): 1500 milliseconds of virtual time.",
    },
    Case {
        name: "a program that ends before the limit says nothing more",
        program: b"sleep(59000); print(\"done\");",
        extra_files: &[],
        arguments: &[],
        status: 0,
        stdout_contains: "done\n",
        stderr_contains: "",
    },
    Case {
        name: "JSON output of a stopped run has its status, and exits 3 without words on stderr",
        program: b"loop { sleep(1000); }",
        extra_files: &[],
        arguments: &["--json"],
        status: 3,
        stdout_contains: "\"status\": \"time_up\"",
        stderr_contains: "",
    },
    Case {
        name: "binary junk is a diagnostic, not a crash",
        program: &[0xff, 0xfe, 0x00, 0x41, 0x80, 0x3b],
        extra_files: &[],
        arguments: &["--lang", "en"],
        status: 1,
        stdout_contains: "",
        stderr_contains: "[unknown-character]",
    },
    Case {
        name: "JSON output is the whole run",
        program: b"print(1); 1 / 0",
        extra_files: &[],
        arguments: &["--json"],
        status: 1,
        stdout_contains: "\"code\": \"division-by-zero\"",
        stderr_contains: "",
    },
    Case {
        name: "unknown option is a usage error",
        program: b"print(1);",
        extra_files: &[],
        arguments: &["--fast"],
        status: 2,
        stdout_contains: "",
        stderr_contains: "不认识的选项：--fast",
    },
    Case {
        name: "and in English, with the usage",
        program: b"print(1);",
        extra_files: &[],
        arguments: &["--fast", "--lang", "en"],
        status: 2,
        stdout_contains: "",
        stderr_contains: "unknown option: --fast\nUsage: sprout run [options] <FILE.rhai>",
    },
    Case {
        name: "an unknown language is a usage error said in every language",
        program: b"print(1);",
        extra_files: &[],
        arguments: &["--lang", "fr"],
        status: 2,
        stdout_contains: "",
        stderr_contains: "不认识的语言“fr”：请用 zh-CN 或 en。\nunknown language \"fr\": use zh-CN or en.",
    },
    Case {
        name: "--lang without a tag is a usage error",
        program: b"print(1);",
        extra_files: &[],
        arguments: &["--lang"],
        status: 2,
        stdout_contains: "",
        stderr_contains: "--lang needs a value.",
    },
    Case {
        name: "a broken board file names the file and the line",
        program: b"print(1);",
        extra_files: &[("board.txt", "button A at 5\nbutton C at 9\n")],
        arguments: &["--board", "board.txt", "--lang", "en"],
        status: 2,
        stdout_contains: "",
        stderr_contains: "in board.txt: scenario line 2: unknown button `C`",
    },
];

fn run_case(case: &Case, folder: &PathBuf) -> Output {
    std::fs::create_dir_all(folder).unwrap();
    std::fs::write(folder.join("program.rhai"), case.program).unwrap();
    for (name, contents) in case.extra_files {
        std::fs::write(folder.join(name), contents).unwrap();
    }
    Command::new(env!("CARGO_BIN_EXE_sprout"))
        .arg("run")
        .arg("program.rhai")
        .args(case.arguments)
        .current_dir(folder)
        .output()
        .unwrap()
}

#[test]
fn sprout_run_behaves_as_documented() {
    let root = std::env::temp_dir().join(format!("sprout-cli-test-{}", std::process::id()));
    let mut failures = Vec::new();
    for (index, case) in CASES.iter().enumerate() {
        let output = run_case(case, &root.join(index.to_string()));
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        if output.status.code() != Some(case.status)
            || !stdout.contains(case.stdout_contains)
            || !stderr.contains(case.stderr_contains)
        {
            failures.push(format!(
                "{}: status {:?} (want {})\nstdout: {stdout}\nstderr: {stderr}",
                case.name,
                output.status.code(),
                case.status
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&root);
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
}

/// `sprout run big.rhai | head -1` closes the pipe early; the command must end quietly, not panic.
#[test]
fn a_closed_output_pipe_is_not_a_crash() {
    use std::io::Read;
    use std::process::Stdio;
    let folder = std::env::temp_dir().join(format!("sprout-pipe-test-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("folder");
    let program = folder.join("many.rhai");
    std::fs::write(&program, "for i in 0..20000 { print(`第 ${i} 行`); }").expect("write");
    let mut child = Command::new(env!("CARGO_BIN_EXE_sprout"))
        .arg("run")
        .arg(&program)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let mut first = [0u8; 16];
    child.stdout.take().expect("stdout").read_exact(&mut first).expect("some output");
    let output = child.wait_with_output().expect("ends");
    let _ = std::fs::remove_dir_all(&folder);
    assert_ne!(output.status.code(), Some(101), "panicked: {}", String::from_utf8_lossy(&output.stderr));
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
}
