# Every sentence Sprout's classroom server says to a person (server/src/words.rs).

## The addresses printed at start
serve-started = Sprout's classroom server is running (version { $version }).
serve-student-addresses = Students type one of these addresses into their browser:
serve-no-lan-address = No LAN address found: students' computers cannot reach this one. Check the cable or Wi-Fi.
serve-teacher-address = The teacher opens, on this computer: { $address }
serve-data = The data is kept in: { $place }
serve-no-app = No app folder { $folder }: only the API is served. Give the app's folder with --app.
serve-stop = Press Ctrl+C to stop the server.

## The API's errors (error-<code>)
error-bad-json = The request is not valid JSON: { $detail }
error-unsupported-type = The request has the wrong content type: JSON is needed.
error-too-large = The request is too large.
error-not-found = There is no such address.
error-method-not-allowed = This address does not take this kind of request.
error-invalid-field = “{ $field }” is not right: { $detail }
error-not-signed-in = Please sign in first.
error-teacher-only = Only the teacher may do this.
error-setup-loopback-only = The teacher's password can only be set on the teacher's own computer (open it at a localhost address).
error-already-set-up = The teacher's password is already set.
error-no-teacher = No teacher's password is set yet.
error-wrong-password = Wrong password.
error-too-many-attempts = Too many attempts: try again in { $seconds } seconds.
error-wrong-pin = Wrong PIN.
error-student-removed = The teacher has removed this student from the class.
error-unknown-class = There is no such class.
error-unknown-student = This class has no such student.
error-unknown-lesson = This class's course has no such lesson.
error-unknown-pack = There is no such course pack.
error-bad-pack = This is not a usable course pack: { $detail }
error-code-too-long = The program is too long: at most { $limit } bytes.
error-roster-empty = The roster has no students.
error-roster-too-many = The roster has too many students: at most { $limit } in a class.
error-roster-line = Line { $line } of the roster cannot be read: write a name and a student number on each line, separated by a tab, a comma or spaces.
error-server-busy = The server is busy: please try again in a moment.
error-check-timeout = Grading took too long: please try again in a moment.
error-internal = Something went wrong on the server: please tell the teacher.
error-backup-unavailable = This database cannot be backed up here: back PostgreSQL up with its own tools (pg_dump).
error-bad-request = The request is not right: a number or a part of the address cannot be read.
error-request-timeout = The request took too long: please try again.

## The roster table's columns
csv-name = Name
csv-number = Student number
