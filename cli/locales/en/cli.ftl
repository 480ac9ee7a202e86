# What the sprout command line says to a person (Chinese, in ../zh-CN/cli.ftl, is the reference).

## Each command's help: command-NAME is its one-line description; the attribute named by an
## argument's id says what it is for ($default is its default value), "ID-value" names its value,
## and .after follows the options (exit statuses). NAME-needs-ID is said when a required argument
## is missing.

command-sprout = Sprout's command line: run programs, check and pack courses, re-grade submissions.
    .version = Print the version
    .lang = The language it speaks: zh-CN (Chinese) or en (English), default { $default }; anywhere on the line
    .lang-value = LANGUAGE
    .after =
        Exit status:
          0  success
          1  the program failed (run) or problems were found (check, pack, grade)
          2  the command was used wrongly (an option, argument or language)
          3  the program was stopped at its virtual-time limit (run)
command-run = Run a program in the same sandbox as the app, and print what it did
    .program = The program to run
    .program-value = FILE.rhai
    .input = Lines that input() reads
    .input-value = FILE
    .board = Maker-board scenario (button presses, sensor values, stop at)
    .board-value = FILE
    .seed = Seed for random numbers (default { $default })
    .seed-value = N
    .max-operations = Operation budget (default { $default })
    .max-operations-value = N
    .time-limit-ms = Real-time safety net: stop a run after N ms (default { $default })
    .time-limit-ms-value = N
    .json = Print the whole run as JSON
    .after =
        Exit status: 0 a clean run; 1 the program failed; 2 the command was used wrongly;
        3 the program was stopped at its virtual-time limit (1 minute, or the scenario's stop at).
command-check = Check lesson files, lesson folders and courses, each problem as "file:line: message"
    .path = A lesson file (.md), a folder of lessons, or a course folder (with course.toml)
    .path-value = PATH
    .json = Print the problems as JSON
    .time-limit-ms = Real-time safety net: stop each run after N ms (default { $default })
    .time-limit-ms-value = N
    .after = Exit status: 0 no problems; 1 problems were found; 2 the command was used wrongly.
command-pack = Check a course and write it as one lesson pack file
    .folder = The course folder (with course.toml)
    .folder-value = COURSE_DIR
    .student = The students' copy: without hidden tests and reference solutions
    .output = Write to this file (default: COURSE_ID-VERSION.pack)
    .output-value = FILE.pack
    .after = Exit status: 0 the pack was written; 1 the course has problems, nothing was written; 2 the command was used wrongly.
command-grade = Re-grade result files with every test; writes grades.csv, students.csv, ranking.csv and grades.json
    .pack = The judges' full lesson pack
    .pack-value = FULL.pack
    .out = Folder for the results (default { $default })
    .out-value = DIR
    .jobs = Threads grading at once (default { $default }, this computer's cores)
    .jobs-value = N
    .submission = A result file, or a folder of them
    .submission-value = SUBMISSION
    .time-limit-ms = Real-time safety net: stop each run after N ms, as TLE stopped by the host (default { $default })
    .time-limit-ms-value = N
    .after = Exit status: 0 graded (flagged and skipped files included); 1 the pack has problems; 2 the command was used wrongly.
command-serve = The classroom server: the app and every student's work on this PC, for the class on the LAN
    .port = The port students type after the address (default { $default }; 0: any free port)
    .port-value = N
    .data = Folder for the class's database (default: sprout-data beside this program)
    .data-value = DIR
    .database = A PostgreSQL database instead of the folder (postgres://user:password@host/name)
    .database-value = URL
    .app = Serve the app from this built folder (default: the app built into this program, else dist/)
    .app-value = DIR
    .after = Exit status: 0 stopped with Ctrl+C; 1 the server could not start (the port is taken, the database cannot be opened); 2 the command was used wrongly.
command-help = Print this help, or a command's
    .command = The command to explain
    .command-value = COMMAND

## Words clap would say in English itself.
cli-usage = Usage: { $usage }
cli-arguments-heading = Arguments
cli-options-heading = Options
cli-commands-heading = Commands
cli-options-placeholder = [options]
cli-command-value = COMMAND
cli-help-flag = Print this help
cli-more-help = For help: { $command } --help
cli-did-you-mean = Did you mean { $suggestion }?

cli-unknown-command = unknown command: { $command }
cli-missing-command = missing command.
cli-unknown-option = unknown option: { $option }
cli-unexpected-argument = unexpected argument: { $argument }
cli-needs-value = { $option } needs a value.
cli-needs-number = { $option } needs a whole number, not "{ $value }".
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
flag-unreadable-time = a problem's start or check time does not read as a time
flag-reversed-times = a problem was checked before it was started (times edited)
flag-before-pack = a problem was started before the pack was made
flag-in-future = a problem has a time after the export or the judging
flag-stopped-by-host = a run was stopped by the real-time safety net, not by its operation budget (TLE that another computer might not give)

serve-bad-port = --port needs a port number from 0 to 65535, not "{ $value }".
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
