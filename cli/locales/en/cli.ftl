# What the sprout command line says to a person (Chinese, in ../zh-CN/cli.ftl, is the reference).

cli-usage =
    usage:
      sprout run FILE.rhai [options]          run a program (sprout run --help)
      sprout check PATH...                    check lesson files, lesson folders and courses
      sprout pack COURSE_DIR [--student] [-o FILE.pack]
                                              build a lesson pack (--student: without hidden tests
                                              and reference solutions)
      sprout grade --pack FULL.pack [--out DIR] [--jobs N] SUBMISSION...
                                              re-grade result files (files or folders) with every
                                              test; writes DIR/grades.csv, students.csv,
                                              ranking.csv, grades.json

    Every command takes --lang zh-CN|en: the language it speaks (default zh-CN, Chinese).

    exit status:
      0  success
      1  the program failed (run) or problems were found (check, pack)
      2  the command was used wrongly (an option, argument or language)
      3  the program was stopped at its virtual-time limit (run)
cli-run-usage =
    usage: sprout run FILE.rhai [options]

    options:
      --input FILE          lines that input() reads
      --board FILE          maker-board scenario (button presses, sensor values, stop at)
      --seed N              seed for random numbers (default 0)
      --max-operations N    operation budget (default 10000000)
      --time-limit-ms N     real-time safety net: stop a run after N ms (default 10000)
      --json                print the whole run as JSON
      --lang zh-CN|en       the language it speaks (default zh-CN)

    exit status: 0 a clean run; 1 the program failed; 2 the command was used wrongly;
    3 the program was stopped at its virtual-time limit (1 minute, or the scenario's stop at).
cli-unknown-command = unknown command: { $command }
cli-missing-command = missing command.
cli-unknown-option = unknown option: { $option }
cli-unexpected-argument = unexpected argument: { $argument }
cli-needs-value = { $option } needs a value.
cli-needs-number = { $option } needs a whole number.
cli-unknown-language = unknown language "{ $tag }": use zh-CN or en.
cli-cannot-read = cannot read { $file }
cli-cannot-write = cannot write { $file }
cli-cannot-create = cannot create the folder { $folder }
cli-no-thread = cannot start a thread.
cli-crashed = the run crashed (a bug in Sprout: please report it).
cli-in-file = in { $file }

check-needs-path = sprout check needs at least one PATH (a lesson file, a lesson folder or a course).
check-summary = Lesson files checked: { $files } ({ $lessons } read); courses: { $courses }; problems: { $problems }.

pack-needs-folder = sprout pack needs a course folder (with course.toml).
pack-one-folder = unexpected argument: { $argument }. sprout pack takes one course folder.
pack-not-course = { $folder } is not a course folder (it needs a course.toml).
pack-has-problems = sprout pack: the course has { $problems } problem(s); no pack was written.
pack-written = { $file }: { $lessons } lessons, content hash { $hash }

grade-needs-pack = sprout grade needs --pack FULL.pack, the judges' full copy.
grade-needs-submission = sprout grade needs at least one SUBMISSION file or folder.
grade-student-copy = sprout grade: warning: { $file } is a student's copy without hidden tests.
grade-flagged = flagged { $file }: { $flags }
grade-flags-separator = {"; "}
grade-skipped = skipped { $reason }
grade-summary = graded { $graded } submission(s), { $lessons } lesson(s) in { $seconds } s on { $jobs } thread(s); { $flagged } flagged, { $skipped } skipped{ $passed }; wrote { $file }
grade-every-test-passed = {"; every test passed"}
grade-thread-crashed = a grading thread crashed (a bug in Sprout: please report it).

flag-digest-mismatch = edited after export (the digest does not match)
flag-unknown-lesson = a lesson the pack does not have
flag-duplicate-lesson = the same lesson twice (only the first counts)
flag-score-differs = the claimed score is not the re-run's
flag-verdicts-differ = the claimed verdicts are not the re-run's
flag-max-score-differs = the claimed full points are not the lesson's
flag-over-time = the work spans more than the contest's length (by the student's clock)
flag-duplicate-student = the contest id "{ $id }" also handed in { $others }
flag-duplicate-student-by-name = the same student ({ $name }, no contest id) also handed in { $others }

run-needs-program = sprout run needs a program file (.rhai).
run-time-up = The program was stopped at its time limit: { $limit } of virtual time.
run-time-up-board = The program was stopped where the board scenario ends (stop at): { $limit } of virtual time.

duration-millisecond = { $count } millisecond
duration-milliseconds = { $count } milliseconds
duration-second = { $count } second
duration-seconds = { $count } seconds
duration-minute = { $count } minute
duration-minutes = { $count } minutes
duration-minutes-and-seconds = { $minutes } { $seconds }
