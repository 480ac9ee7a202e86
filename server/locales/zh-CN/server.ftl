# 萌芽编程课堂服务器对人说的每一句话（server/src/words.rs）。

## 启动时打印的地址
serve-started = 萌芽编程课堂服务器已启动（版本 { $version }）。
serve-student-addresses = 学生在浏览器里输入下面任一地址：
serve-no-lan-address = 没有找到局域网地址：学生的电脑连不上这台电脑。请检查网线或 Wi-Fi。
serve-teacher-address = 老师在这台电脑上打开：{ $address }
serve-data = 数据保存在：{ $place }
serve-no-app = 没有找到网页文件夹 { $folder }：只提供接口。请用 --app 指定网页文件夹。
serve-stop = 按 Ctrl+C 停止服务器。

## 接口的错误（error-<代码>）
error-bad-json = 请求的内容不是正确的 JSON：{ $detail }
error-unsupported-type = 请求的内容类型不对：需要 JSON。
error-too-large = 请求的内容太大了。
error-not-found = 没有这个地址。
error-method-not-allowed = 这个地址不接受这种请求。
error-invalid-field = “{ $field }”不对：{ $detail }
error-not-signed-in = 请先登录。
error-teacher-only = 只有老师可以这样做。
error-setup-loopback-only = 只能在老师自己的电脑上设置老师密码（用 localhost 地址打开）。
error-already-set-up = 老师密码已经设置过了。
error-no-teacher = 还没有设置老师密码。
error-wrong-password = 密码不对。
error-too-many-attempts = 尝试次数太多，请 { $seconds } 秒后再试。
error-wrong-pin = 登录码不对。
error-student-removed = 这个学生已被老师移出班级。
error-unknown-class = 没有这个班级。
error-unknown-student = 这个班级没有这个学生。
error-unknown-lesson = 这个班级的课程里没有这一课。
error-unknown-pack = 没有这个课程包。
error-bad-pack = 这不是可用的课程包：{ $detail }
error-code-too-long = 程序太长了：最多 { $limit } 字节。
error-roster-empty = 名单里没有学生。
error-roster-too-many = 名单里的学生太多了：一个班最多 { $limit } 人。
error-roster-line = 名单第 { $line } 行看不懂：每行写姓名和学号，用 Tab、逗号或空格隔开。
error-server-busy = 服务器正忙，请稍后再试。
error-check-timeout = 评测太久了，请稍后再试。
error-internal = 服务器出错了，请告诉老师。
error-backup-unavailable = 这个数据库不能在这里备份：PostgreSQL 请用它自己的备份工具（pg_dump）。
error-bad-request = 请求不对：地址里的编号或内容看不懂。
error-request-timeout = 请求太久没有完成，请再试一次。

## 班级名单表格的列名
csv-name = 姓名
csv-number = 学号
