// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// credential_process: a real script in a temporary directory, its JSON, failures and time-outs.
#include <qtsigv4/awsprocesscredentialsprovider.h>

#include "awstestenvironment.h"

#include <QtCore/qelapsedtimer.h>
#include <QtCore/qtimezone.h>
#include <QtTest/QtTest>

#ifdef Q_OS_UNIX
#  include <cerrno>
#  include <csignal>
#endif

class tst_AwsProcessCredentialsProvider : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void parseOutput_data();
    void parseOutput();
    void script_data();
    void script();
    void hangingProcessIsKilled();
    void timeoutKillsTheProcessGroup();
    void argumentsAndQuoting();
    void refreshRunsTheProcessAgain();

private:
    QString writeScript(AwsTestEnvironment &env, const QString &name, const QByteArray &body);
};

void tst_AwsProcessCredentialsProvider::initTestCase()
{
#ifdef Q_OS_WIN
    QSKIP("the scripts of this test are POSIX shell scripts");
#endif
}

QString tst_AwsProcessCredentialsProvider::writeScript(AwsTestEnvironment &env, const QString &name,
                                                       const QByteArray &body)
{
    return env.writeFile(QStringLiteral("bin/") + name, "#!/bin/sh\n" + body,
                         QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

void tst_AwsProcessCredentialsProvider::parseOutput_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("minimal") << QByteArray(R"({"Version":1,"AccessKeyId":"AKID","SecretAccessKey":"S"})")
                             << true << "";
    QTest::newRow("full") << QByteArray(R"({"Version": 1, "AccessKeyId": "ASIA", "SecretAccessKey": "S",
                              "SessionToken": "T", "Expiration": "2999-05-01T10:00:00Z"})")
                          << true << "";
    QTest::newRow("expiration with fraction and offset")
            << QByteArray(R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"2999-05-01T12:00:00.123+02:00"})")
            << true << "";
    QTest::newRow("not json") << QByteArray("AKID S") << false << "not JSON";
    QTest::newRow("array") << QByteArray("[1]") << false << "not a JSON object";
    QTest::newRow("no version") << QByteArray(R"({"AccessKeyId":"A","SecretAccessKey":"S"})")
                                << false << "Version";
    QTest::newRow("version 2") << QByteArray(R"({"Version":2,"AccessKeyId":"A","SecretAccessKey":"S"})")
                               << false << "unsupported \"Version\" 2";
    QTest::newRow("no key id") << QByteArray(R"({"Version":1,"SecretAccessKey":"S"})") << false
                               << "AccessKeyId";
    QTest::newRow("no secret") << QByteArray(R"({"Version":1,"AccessKeyId":"A"})") << false
                               << "SecretAccessKey";
    QTest::newRow("bad expiration")
            << QByteArray(R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"soon"})")
            << false << "Expiration";
}

void tst_AwsProcessCredentialsProvider::parseOutput()
{
    QFETCH(QByteArray, output);
    QFETCH(bool, valid);
    QFETCH(QString, messagePart);
    QString error;
    const AwsCredentials credentials = AwsProcessCredentialsProvider::parseOutput(output, &error);
    QCOMPARE(credentials.isValid(), valid);
    if (!valid)
        QVERIFY2(error.contains(messagePart), qPrintable(error));
    if (QTest::currentDataTag() == QLatin1String("full")) {
        QCOMPARE(credentials.sessionToken(), QStringLiteral("T"));
        QCOMPARE(credentials.expiration(), QDateTime(QDate(2999, 5, 1), QTime(10, 0), QTimeZone::utc()));
    }
    if (QTest::currentDataTag() == QLatin1String("expiration with fraction and offset"))
        QCOMPARE(credentials.expiration().toUTC(),
                 QDateTime(QDate(2999, 5, 1), QTime(10, 0, 0, 123), QTimeZone::utc()));
}

void tst_AwsProcessCredentialsProvider::script_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<AwsCredentialsProvider::Error>("error");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("prints credentials")
            << QByteArray("echo '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC\", "
                          "\"SecretAccessKey\": \"SECRETPROC\", \"SessionToken\": \"TOKPROC\", "
                          "\"Expiration\": \"2999-01-01T00:00:00Z\"}'\n")
            << AwsCredentialsProvider::NoError << "";
    QTest::newRow("exit code")
            << QByteArray("echo 'token expired, run login' >&2\nexit 3\n")
            << AwsCredentialsProvider::ProcessError << "exited with code 3: token expired, run login";
    // The shell that runs the script reports the signal as exit code 128 + 9.
    QTest::newRow("killed by a signal") << QByteArray("kill -9 $$\n")
                                        << AwsCredentialsProvider::ProcessError << "code 137";
    QTest::newRow("bad json") << QByteArray("echo '{not json'\n")
                              << AwsCredentialsProvider::InvalidConfigurationError << "not JSON";
    QTest::newRow("wrong version")
            << QByteArray("echo '{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"S\"}'\n")
            << AwsCredentialsProvider::InvalidConfigurationError << "Version";
    QTest::newRow("expired")
            << QByteArray("echo '{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"S\", "
                          "\"Expiration\": \"2001-01-01T00:00:00Z\"}'\n")
            << AwsCredentialsProvider::ExpiredError << "expired";
    QTest::newRow("empty output") << QByteArray("true\n")
                                  << AwsCredentialsProvider::InvalidConfigurationError << "JSON";

    // Hostile or broken commands (issue 13): bounded output, bounded echo, nothing for a header.
    QTest::newRow("endless output is stopped at 256 KiB")
            << QByteArray("exec yes '{\"Version\": 1}'\n")
            << AwsCredentialsProvider::InvalidConfigurationError
            << "printed more than 262144 bytes and was killed";
    QTest::newRow("5 MB error line is cut to 1 KiB")
            << QByteArray("head -c 5000000 /dev/zero | tr '\\0' e >&2\nexit 1\n")
            << AwsCredentialsProvider::ProcessError << "eeee ... (4998976 more bytes)";
    QTest::newRow("control characters of stderr are escaped")
            << QByteArray("printf 'bad\\033[31m\\001 line\\r\\nnext' >&2\nexit 1\n")
            << AwsCredentialsProvider::ProcessError << "bad\\x1b[31m\\x01 line next";
    QTest::newRow("SessionToken with CR LF")
            << QByteArray("printf '%s' '{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"S\", "
                          "\"SessionToken\": \"T\\r\\nX-Injected: 1\"}'\n")
            << AwsCredentialsProvider::InvalidConfigurationError
            << "output: SessionToken contains a control character (at offset 1)";
    QTest::newRow("AccessKeyId with NUL")
            << QByteArray("printf '%s' '{\"Version\": 1, \"AccessKeyId\": \"A\\u0000\", \"SecretAccessKey\": \"S\"}'\n")
            << AwsCredentialsProvider::InvalidConfigurationError
            << "output: AccessKeyId contains a control character";
}

void tst_AwsProcessCredentialsProvider::script()
{
    QFETCH(QByteArray, body);
    QFETCH(AwsCredentialsProvider::Error, error);
    QFETCH(QString, messagePart);
    AwsTestEnvironment env;
    const QString path = writeScript(env, QStringLiteral("creds.sh"), body);
    QVERIFY(!path.isEmpty());
    AwsProcessCredentialsProvider provider(path);
    QCOMPARE(provider.command(), path);
    AwsCredentialsProvider::Error actual = AwsCredentialsProvider::UnknownError;
    QString message;
    const AwsCredentials credentials = provider.waitForCredentials(10000, &actual, &message);
    QCOMPARE(actual, error);
    if (error == AwsCredentialsProvider::NoError) {
        QCOMPARE(credentials.accessKeyId(), QStringLiteral("AKIDPROC"));
        QCOMPARE(credentials.secretAccessKey(), QStringLiteral("SECRETPROC"));
        QCOMPARE(credentials.sessionToken(), QStringLiteral("TOKPROC"));
        QCOMPARE(credentials.expiration(), QDateTime(QDate(2999, 1, 1), QTime(0, 0), QTimeZone::utc()));
    } else {
        QVERIFY2(message.contains(messagePart), qPrintable(message.left(2000)));
        QVERIFY2(message.size() < 1200, qPrintable(message.left(2000))); // never the whole output
        QVERIFY(!message.contains(u"X-Injected"));
    }
}

void tst_AwsProcessCredentialsProvider::hangingProcessIsKilled()
{
    AwsTestEnvironment env;
    const QString path = writeScript(env, QStringLiteral("hang.sh"), "exec sleep 30\n");
    AwsProcessCredentialsProvider provider(path);
    QCOMPARE(provider.timeout(), 30000);
    provider.setTimeout(300);
    QElapsedTimer timer;
    timer.start();
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::NoError;
    QString message;
    QVERIFY(provider.waitForCredentials(10000, &error, &message).isNull());
    QCOMPARE(error, AwsCredentialsProvider::TimeoutError);
    QVERIFY2(message.contains(QStringLiteral("killed")), qPrintable(message));
    QVERIFY(timer.elapsed() < 5000);
}

void tst_AwsProcessCredentialsProvider::timeoutKillsTheProcessGroup()
{
#ifdef Q_OS_UNIX
    // The command starts a helper and waits: killing only the shell would leave the helper
    // running for 30 s.
    AwsTestEnvironment env;
    const QString pidFile = env.home() + QStringLiteral("/helper.pid");
    const QString path = writeScript(env, QStringLiteral("spawn.sh"),
                                     "sleep 30 &\necho $! > '" + QFile::encodeName(pidFile) + "'\nwait\n");
    AwsProcessCredentialsProvider provider(path);
    provider.setTimeout(500);
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::NoError;
    QVERIFY(provider.waitForCredentials(10000, &error).isNull());
    QCOMPARE(error, AwsCredentialsProvider::TimeoutError);
    QFile file(pidFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const pid_t helper = pid_t(file.readAll().trimmed().toLongLong());
    QVERIFY(helper > 0);
    // Gone (reaped by init once killed), not merely orphaned.
    QTRY_VERIFY_WITH_TIMEOUT(::kill(helper, 0) != 0 && errno == ESRCH, 5000);
#else
    QSKIP("process groups are POSIX");
#endif
}

void tst_AwsProcessCredentialsProvider::argumentsAndQuoting()
{
    AwsTestEnvironment env;
    const QString path = writeScript(
            env, QStringLiteral("args.sh"),
            "printf '{\"Version\":1,\"AccessKeyId\":\"%s\",\"SecretAccessKey\":\"%s\"}' \"$1\" \"$2\"\n");
    AwsProcessCredentialsProvider provider(path + QStringLiteral(" 'AKID WITH SPACE' second"));
    const AwsCredentials credentials = provider.waitForCredentials(10000);
    QCOMPARE(credentials.accessKeyId(), QStringLiteral("AKID WITH SPACE"));
    QCOMPARE(credentials.secretAccessKey(), QStringLiteral("second"));

    AwsProcessCredentialsProvider missing(env.home() + QStringLiteral("/bin/does-not-exist"));
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::NoError;
    QVERIFY(missing.waitForCredentials(10000, &error).isNull());
    QCOMPARE(error, AwsCredentialsProvider::ProcessError); // the shell exits 127

    // The shell itself killed by a signal.
    AwsProcessCredentialsProvider crashing(QStringLiteral("kill -9 $$"));
    QString message;
    QVERIFY(crashing.waitForCredentials(10000, &error, &message).isNull());
    QCOMPARE(error, AwsCredentialsProvider::ProcessError);
    QVERIFY2(message.contains(QStringLiteral("crashed")), qPrintable(message));
}

void tst_AwsProcessCredentialsProvider::refreshRunsTheProcessAgain()
{
    AwsTestEnvironment env;
    const QString counter = env.home() + QStringLiteral("/count");
    const QString path = writeScript(
            env, QStringLiteral("count.sh"),
            QStringLiteral("n=$(cat '%1' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '%1'\n"
                           "exp=$(date -u -d '+2 seconds' +%Y-%m-%dT%H:%M:%SZ)\n"
                           "echo \"{\\\"Version\\\":1,\\\"AccessKeyId\\\":\\\"AKID$n\\\","
                           "\\\"SecretAccessKey\\\":\\\"S\\\",\\\"Expiration\\\":\\\"$exp\\\"}\"\n")
                    .arg(counter)
                    .toUtf8());
    AwsProcessCredentialsProvider provider(path);
    provider.setRefreshMarginSeconds(1);
    QCOMPARE(provider.waitForCredentials(10000).accessKeyId(), QStringLiteral("AKID1"));
    QTRY_VERIFY_WITH_TIMEOUT(provider.needsRefresh(), 5000);
    provider.fetch();
    QTRY_COMPARE_WITH_TIMEOUT(provider.currentCredentials().accessKeyId(), QStringLiteral("AKID2"), 5000);
}

QTEST_GUILESS_MAIN(tst_AwsProcessCredentialsProvider)
#include "tst_awsprocesscredentialsprovider.moc"
