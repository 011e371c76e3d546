// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The sigv4 executable: bad input exits 2 with one line on stderr and never prints the
// secret; the credential sources, stdin, CRLF input, --query and --print all work.

#include "sigv4process.h"

#include <QtCore/qfile.h>
#include <QtCore/qtemporarydir.h>
#include <QtTest/qtest.h>

#ifdef Q_OS_UNIX
#  include <sys/stat.h>
#endif

namespace {

const QString sharedDir = QStringLiteral(QTSIGV4_SHARED_DIR);
const QString secret = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
const QString sessionToken =
        QStringLiteral("6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267");

const QByteArray vanillaRequest = "GET / HTTP/1.1\n"
                                  "Host:example.amazonaws.com\n"
                                  "X-Amz-Date:20150830T123600Z";

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    return file.readAll();
}

QByteArray vectorFile(const QString &caseName, const char *extension)
{
    return readFile(sharedDir + QStringLiteral("/sigv4-test-suite/") + caseName + u'/' + caseName
                    + QLatin1StringView(extension));
}

QStringList regionAndService()
{
    return { QStringLiteral("--region"), QStringLiteral("us-east-1"),
             QStringLiteral("--service"), QStringLiteral("service"),
             QStringLiteral("--time"), QStringLiteral("20150830T123600Z") };
}

QStringList keyFlags()
{
    return { QStringLiteral("--access-key-id"), QStringLiteral("AKIDEXAMPLE"),
             QStringLiteral("--secret-access-key"), secret };
}

// "sign" + region/service/time + the credentials flags + extra.
QStringList signArguments(const QStringList &extra = QStringList())
{
    return QStringList{ QStringLiteral("sign") } + regionAndService() + keyFlags() + extra;
}

bool printsSecret(const Sigv4Process::Result &result)
{
    return result.out.contains(secret.toUtf8()) || result.err.contains(secret.toUtf8());
}

} // namespace

class tst_Sigv4Cli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void badInput_data();
    void badInput();

    void signsFromFileAndStdin();
    void environmentCredentials();
    void environmentSessionToken();
    void defaultChainProfiles_data();
    void defaultChainProfiles();
    void flagsWinOverEnvironment();
    void iso8601Time();
    void crlfInput();
    void queryString();
    void printAll();
    void verify_data();
    void verify();
    void verifyRejectsRepeatedParameters_data();
    void verifyRejectsRepeatedParameters();
    void help();

private:
    QTemporaryDir m_dir;
};

void tst_Sigv4Cli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QFile file(m_dir.filePath(QStringLiteral("vanilla.req")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(vanillaRequest);
}

void tst_Sigv4Cli::badInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");       // given on stdin
    QTest::addColumn<QStringList>("environment"); // NAME=value pairs added
    QTest::addColumn<QString>("messagePart");     // must appear in the error line

    const QString req = m_dir.filePath(QStringLiteral("vanilla.req"));
    const QStringList none;

    // The request text.
    QTest::newRow("empty input") << signArguments() << QByteArray() << none << QStringLiteral("no request line");
    QTest::newRow("blank first line") << signArguments() << QByteArray("\nGET / HTTP/1.1\nHost:a\n")
                                      << none << QStringLiteral("no request line");
    QTest::newRow("request line without target")
            << signArguments() << QByteArray("GET\nHost:example.amazonaws.com\n") << none
            << QStringLiteral("request line");
    QTest::newRow("header without colon")
            << signArguments() << QByteArray("GET / HTTP/1.1\nHost example.amazonaws.com\n") << none
            << QStringLiteral("colon");
    QTest::newRow("continuation line first")
            << signArguments() << QByteArray("GET / HTTP/1.1\n  folded\nHost:example.amazonaws.com\n")
            << none << QStringLiteral("continuation");
    // Malformed request lines are bad input, not paths (issue 13, item 7); the raw space of
    // normalize-path/get-space stays valid (the vector tests).
    QTest::newRow("request line: spaced method")
            << signArguments() << QByteArray("G E T / HTTP/1.1\nHost:example.amazonaws.com\n") << none
            << QStringLiteral("must be a path");
    QTest::newRow("request line: absolute-form target")
            << signArguments() << QByteArray("GET http://example.amazonaws.com/x HTTP/1.1\nHost:example.amazonaws.com\n")
            << none << QStringLiteral("must be a path");
    QTest::newRow("request line: asterisk-form target")
            << signArguments() << QByteArray("OPTIONS * HTTP/1.1\nHost:example.amazonaws.com\n") << none
            << QStringLiteral("must be a path");
    QTest::newRow("request line: no HTTP version")
            << signArguments() << QByteArray("GET /\nHost:example.amazonaws.com\n") << none
            << QStringLiteral("HTTP version");
    QTest::newRow("request line: bad HTTP version")
            << signArguments() << QByteArray("GET / HTTP/x\nHost:example.amazonaws.com\n") << none
            << QStringLiteral("HTTP/1.1");
    QTest::newRow("request line: method not a token")
            << signArguments() << QByteArray("GE(T / HTTP/1.1\nHost:example.amazonaws.com\n") << none
            << QStringLiteral("token");
    QTest::newRow("request line: control character in target")
            << signArguments() << QByteArray("GET /a\tb HTTP/1.1\nHost:example.amazonaws.com\n") << none
            << QStringLiteral("control character");
    QTest::newRow("head over 1 MiB")
            << signArguments() << QByteArray("GET / HTTP/1.1\nX-Big:" + QByteArray(1100000, 'b') + '\n')
            << none << QStringLiteral("exceed");
    QTest::newRow("no host header")
            << signArguments() << QByteArray("GET / HTTP/1.1\nX-Amz-Date:20150830T123600Z\n") << none
            << QString();

    // Files.
    QTest::newRow("unreadable file")
            << signArguments({ m_dir.filePath(QStringLiteral("missing.req")) }) << QByteArray() << none
            << QStringLiteral("cannot read");
    QTest::newRow("directory as file") << signArguments({ m_dir.path() }) << QByteArray() << none
                                       << QStringLiteral("cannot read");
    QTest::newRow("endless device as file") << signArguments({ QStringLiteral("/dev/urandom") }) << QByteArray()
                                            << none << QStringLiteral("not a regular file or pipe");
    QTest::newRow("two files") << signArguments({ req, req }) << QByteArray() << none
                               << QStringLiteral("one input file");

    // Credentials.
    QTest::newRow("missing credentials")
            << (QStringList{ QStringLiteral("sign"), req } + regionAndService()) << QByteArray() << none
            << QStringLiteral("no credentials");
    QTest::newRow("access key id without secret")
            << (QStringList{ QStringLiteral("sign"), req, QStringLiteral("--access-key-id"),
                             QStringLiteral("AKIDEXAMPLE") } + regionAndService())
            << QByteArray() << none << QStringLiteral("--secret-access-key");
    QTest::newRow("secret without access key id")
            << (QStringList{ QStringLiteral("sign"), req, QStringLiteral("--secret-access-key"), secret }
                + regionAndService())
            << QByteArray() << none << QStringLiteral("--access-key-id");
    QTest::newRow("environment id without secret")
            << (QStringList{ QStringLiteral("sign"), req } + regionAndService()) << QByteArray()
            << QStringList{ QStringLiteral("AWS_ACCESS_KEY_ID=AKIDEXAMPLE") }
            << QStringLiteral("AWS_SECRET_ACCESS_KEY");
    QTest::newRow("environment secret without id")
            << (QStringList{ QStringLiteral("sign"), req } + regionAndService()) << QByteArray()
            << QStringList{ QStringLiteral("AWS_SECRET_ACCESS_KEY=") + secret }
            << QStringLiteral("AWS_ACCESS_KEY_ID");
    QTest::newRow("profile") << (QStringList{ QStringLiteral("sign"), req, QStringLiteral("--profile"),
                                              QStringLiteral("default") } + regionAndService())
                             << QByteArray()
                             << QStringList{ QStringLiteral("AWS_CONFIG_FILE=") + m_dir.filePath(QStringLiteral("no-config")),
                                             QStringLiteral("AWS_SHARED_CREDENTIALS_FILE=") + m_dir.filePath(QStringLiteral("no-credentials")) }
                             << QStringLiteral("--profile default: neither");
    // Credentials files that are not files (issue 13): /dev/zero once aborted with bad_alloc,
    // a FIFO without a writer hung for ever.
    QTest::newRow("profile: credentials file /dev/zero")
            << (QStringList{ QStringLiteral("sign"), req, QStringLiteral("--profile"),
                             QStringLiteral("default") } + regionAndService())
            << QByteArray()
            << QStringList{ QStringLiteral("AWS_CONFIG_FILE=") + m_dir.filePath(QStringLiteral("no-config")),
                            QStringLiteral("AWS_SHARED_CREDENTIALS_FILE=/dev/zero") }
            << QStringLiteral("/dev/zero: not a regular file or pipe");
#ifdef Q_OS_UNIX
    const QString fifo = m_dir.filePath(QStringLiteral("credentials.fifo"));
    QFile::remove(fifo);
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    QTest::newRow("profile: credentials file a FIFO without writer")
            << (QStringList{ QStringLiteral("sign"), req, QStringLiteral("--profile"),
                             QStringLiteral("default") } + regionAndService())
            << QByteArray()
            << QStringList{ QStringLiteral("AWS_CONFIG_FILE=") + m_dir.filePath(QStringLiteral("no-config")),
                            QStringLiteral("AWS_SHARED_CREDENTIALS_FILE=") + fifo }
            << QStringLiteral("--profile default: profile default is not in");
#endif

    // CR/LF in what becomes a header (issue 13): it once printed the injected lines, exit 0.
    const QString injected = QStringLiteral("x\r\nX-Injected: 1\r\n\r\nGET /smuggled HTTP/1.1");
    QTest::newRow("--access-key-id with CR LF")
            << signArguments({ req, QStringLiteral("--access-key-id"), QStringLiteral("AKID") + injected })
            << QByteArray() << none << QStringLiteral("the access key id contains a control character");
    QTest::newRow("--session-token with CR LF")
            << signArguments({ req, QStringLiteral("--session-token"), injected })
            << QByteArray() << none
            << QStringLiteral("the session token contains a control character (at offset 1) "
                              "(credentials from command line)");
    QTest::newRow("--session-token with LF, presigned")
            << signArguments({ req, QStringLiteral("--query"), QStringLiteral("--session-token"), QStringLiteral("a\nb") })
            << QByteArray() << none << QStringLiteral("the session token contains a control character");
    QTest::newRow("--region-set with CR LF")
            << signArguments({ req, QStringLiteral("--sigv4a"), QStringLiteral("--region-set"),
                               QStringLiteral("us-east-1,") + injected })
            << QByteArray() << none << QStringLiteral("the region set contains a control character");
    QTest::newRow("--region with CR LF")
            << signArguments({ req, QStringLiteral("--region"), QStringLiteral("us-east-1") + injected })
            << QByteArray() << none << QStringLiteral("control characters");
    QTest::newRow("AWS_SESSION_TOKEN with CR LF")
            << (QStringList{ QStringLiteral("sign"), req } + regionAndService()) << QByteArray()
            << QStringList{ QStringLiteral("AWS_ACCESS_KEY_ID=AKIDEXAMPLE"), QStringLiteral("AWS_SECRET_ACCESS_KEY=") + secret,
                            QStringLiteral("AWS_SESSION_TOKEN=") + injected }
            << QStringLiteral("the session token contains a control character (at offset 1) "
                              "(credentials from environment)");

    // Flags.
    QTest::newRow("bad --time") << signArguments({ req, QStringLiteral("--time"), QStringLiteral("yesterday") })
                                << QByteArray() << none << QStringLiteral("--time");
    QTest::newRow("--time month 13")
            << signArguments({ req, QStringLiteral("--time"), QStringLiteral("20151330T123600Z") })
            << QByteArray() << none << QStringLiteral("--time");
    QTest::newRow("--time holding the secret")
            << signArguments({ req, QStringLiteral("--time"), secret }) << QByteArray() << none
            << QStringLiteral("<redacted>");
    QTest::newRow("--expires 0")
            << signArguments({ req, QStringLiteral("--query"), QStringLiteral("--expires"), QStringLiteral("0") })
            << QByteArray() << none << QStringLiteral("--expires");
    QTest::newRow("--expires 604801")
            << signArguments({ req, QStringLiteral("--query"), QStringLiteral("--expires"),
                               QStringLiteral("604801") })
            << QByteArray() << none << QStringLiteral("--expires");
    QTest::newRow("--expires not a number")
            << signArguments({ req, QStringLiteral("--query"), QStringLiteral("--expires"), QStringLiteral("1h") })
            << QByteArray() << none << QStringLiteral("--expires");
    QTest::newRow("--expires without --query")
            << signArguments({ req, QStringLiteral("--expires"), QStringLiteral("60") }) << QByteArray() << none
            << QStringLiteral("--query");
    QTest::newRow("unknown --print")
            << signArguments({ req, QStringLiteral("--print"), QStringLiteral("everything") }) << QByteArray()
            << none << QStringLiteral("--print");
    QTest::newRow("--print holding the secret")
            << signArguments({ req, QStringLiteral("--print"), secret }) << QByteArray() << none
            << QStringLiteral("<redacted>");
    QTest::newRow("--print authorization with --query")
            << signArguments({ req, QStringLiteral("--query"), QStringLiteral("--print"),
                               QStringLiteral("authorization") })
            << QByteArray() << none << QStringLiteral("--query");
    QTest::newRow("missing --region")
            << (QStringList{ QStringLiteral("sign"), req, QStringLiteral("--service"), QStringLiteral("s3") }
                + keyFlags())
            << QByteArray() << none << QStringLiteral("--region");
    QTest::newRow("missing --service")
            << (QStringList{ QStringLiteral("sign"), req, QStringLiteral("--region"), QStringLiteral("us-east-1") }
                + keyFlags())
            << QByteArray() << none << QStringLiteral("--service");
    QTest::newRow("--s3 with --no-s3") << signArguments({ req, QStringLiteral("--s3"), QStringLiteral("--no-s3") })
                                       << QByteArray() << none << QStringLiteral("--no-s3");
    QTest::newRow("--region-set without --sigv4a")
            << signArguments({ req, QStringLiteral("--region-set"), QStringLiteral("us-east-1,us-west-2") })
            << QByteArray() << none << QStringLiteral("needs --sigv4a");
    QTest::newRow("--region-set empty")
            << signArguments({ req, QStringLiteral("--sigv4a"), QStringLiteral("--region-set"), QStringLiteral(",") })
            << QByteArray() << none << QStringLiteral("at least one region");
    QTest::newRow("unknown option") << signArguments({ req, QStringLiteral("--frobnicate") }) << QByteArray()
                                    << none << QStringLiteral("frobnicate");
    QTest::newRow("option without value") << signArguments({ req, QStringLiteral("--region") }) << QByteArray()
                                          << none << QStringLiteral("region");

    // curl's size and time flags, checked before anything is sent (issue 13, item 6).
    const QStringList curl = QStringList{ QStringLiteral("curl"), QStringLiteral("--service"), QStringLiteral("s3"),
                                          QStringLiteral("--region"), QStringLiteral("us-east-1") }
            + keyFlags();
    const QString target = QStringLiteral("http://127.0.0.1:9/b/k");
    for (const char *value : { "99999999999", "16777217", "8191", "0", "-1", "64k", "1e6" }) {
        QTest::addRow("curl --chunk-size %s", value)
                << (curl + QStringList{ QStringLiteral("--chunked"), QStringLiteral("--chunk-size"),
                                        QLatin1StringView(value), QStringLiteral("-d"), QStringLiteral("x"), target })
                << QByteArray() << none << QStringLiteral("--chunk-size");
    }
    QTest::newRow("curl -d @/dev/zero (endless)")
            << (curl + QStringList{ QStringLiteral("-d"), QStringLiteral("@/dev/zero"), target }) << QByteArray()
            << none << QStringLiteral("not a regular file");
    for (const char *value : { "1e-9", "0.0001", "1e10", "0", "-1", "nan", "inf", "soon" }) {
        QTest::addRow("curl -m %s", value) << (curl + QStringList{ QStringLiteral("-m"), QLatin1StringView(value), target })
                                           << QByteArray() << none << QStringLiteral("--max-time");
    }

    // The dispatcher.
    QTest::newRow("no command") << QStringList() << QByteArray() << none << QStringLiteral("missing command");
    QTest::newRow("unknown command") << QStringList{ QStringLiteral("frobnicate") } << QByteArray() << none
                                     << QStringLiteral("unknown command");
}

void tst_Sigv4Cli::badInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(QStringList, environment);
    QFETCH(QString, messagePart);

    QProcessEnvironment env = Sigv4Process::cleanEnvironment();
    for (const QString &pair : std::as_const(environment))
        env.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));

    const Sigv4Process::Result result = Sigv4Process::run(arguments, input, env);
    QVERIFY(result.started);
    QVERIFY(!result.timedOut);
    QVERIFY2(!result.crashed, result.err.constData());
    QVERIFY2(!printsSecret(result), "the secret access key was printed");
    QVERIFY2(result.exitCode == 2,
             qPrintable(QStringLiteral("exit %1, stderr: %2").arg(result.exitCode).arg(QString::fromUtf8(result.err))));
    QVERIFY2(result.out.isEmpty(), result.out.constData());
    QVERIFY2(!result.err.contains("X-Injected"), result.err.constData()); // never echoed
    QVERIFY2(result.err.startsWith("sigv4: "), result.err.constData());
    QVERIFY2(result.err.endsWith('\n') && result.err.count('\n') == 1, result.err.constData());
    if (!messagePart.isEmpty())
        QVERIFY2(QString::fromUtf8(result.err).contains(messagePart), result.err.constData());
}

void tst_Sigv4Cli::signsFromFileAndStdin()
{
    const QByteArray authz = vectorFile(QStringLiteral("get-vanilla"), ".authz");
    QVERIFY(!authz.isEmpty());
    const QStringList print = { QStringLiteral("--print"), QStringLiteral("authorization") };

    Sigv4Process::Result result = Sigv4Process::run(
            signArguments(QStringList{ m_dir.filePath(QStringLiteral("vanilla.req")) } + print));
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, authz);
    QVERIFY(result.err.isEmpty());

    result = Sigv4Process::run(signArguments(QStringList{ QStringLiteral("-") } + print), vanillaRequest);
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, authz);

    result = Sigv4Process::run(signArguments(print), vanillaRequest);  // no FILE: stdin
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, authz);
}

void tst_Sigv4Cli::environmentCredentials()
{
    QProcessEnvironment env = Sigv4Process::cleanEnvironment();
    env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDEXAMPLE"));
    env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), secret);
    const Sigv4Process::Result result = Sigv4Process::run(
            QStringList{ QStringLiteral("sign") } + regionAndService()
                    + QStringList{ QStringLiteral("--print"), QStringLiteral("authorization") },
            vanillaRequest, env);
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, vectorFile(QStringLiteral("get-vanilla"), ".authz"));
}

void tst_Sigv4Cli::defaultChainProfiles_data()
{
    QTest::addColumn<QString>("awsProfile");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<bool>("ok");
    QTest::newRow("default profile") << QString() << QStringList() << true;
    QTest::newRow("AWS_PROFILE") << QStringLiteral("other") << QStringList() << true;
    QTest::newRow("--profile") << QString() << QStringList{ QStringLiteral("--profile"), QStringLiteral("other") } << true;
    QTest::newRow("unknown --profile") << QString() << QStringList{ QStringLiteral("--profile"), QStringLiteral("nope") } << false;
}

// No flags and no environment keys: the default chain finds the shared credentials file.
void tst_Sigv4Cli::defaultChainProfiles()
{
    QFETCH(QString, awsProfile);
    QFETCH(QStringList, extra);
    QFETCH(bool, ok);
    QTemporaryDir home;
    QVERIFY(home.isValid());
    QFile credentials(home.filePath(QStringLiteral("credentials")));
    QVERIFY(credentials.open(QIODevice::WriteOnly));
    credentials.write("[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = " + secret.toUtf8()
                      + "\n\n[other]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = " + secret.toUtf8() + "\n");
    credentials.close();
    QProcessEnvironment env = Sigv4Process::cleanEnvironment();
    env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), credentials.fileName());
    if (!awsProfile.isEmpty())
        env.insert(QStringLiteral("AWS_PROFILE"), awsProfile);
    const Sigv4Process::Result result = Sigv4Process::run(
            QStringList{ QStringLiteral("sign") } + regionAndService() + extra
                    + QStringList{ QStringLiteral("--print"), QStringLiteral("authorization") },
            vanillaRequest, env);
    QVERIFY2((result.exitCode == 0) == ok, result.err.constData());
    if (ok)
        QCOMPARE(result.out, vectorFile(QStringLiteral("get-vanilla"), ".authz"));
    else
        QCOMPARE(result.err.count('\n'), 1);
    QVERIFY(!printsSecret(result));
}

void tst_Sigv4Cli::environmentSessionToken()
{
    QProcessEnvironment env = Sigv4Process::cleanEnvironment();
    env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDEXAMPLE"));
    env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), secret);
    env.insert(QStringLiteral("AWS_SESSION_TOKEN"), sessionToken);
    const Sigv4Process::Result result = Sigv4Process::run(
            QStringList{ QStringLiteral("sign") } + regionAndService()
                    + QStringList{ QStringLiteral("--print"), QStringLiteral("canonical-request") },
            vanillaRequest, env);
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, vectorFile(QStringLiteral("get-vanilla-with-session-token"), ".creq"));
}

void tst_Sigv4Cli::flagsWinOverEnvironment()
{
    QProcessEnvironment env = Sigv4Process::cleanEnvironment();
    env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDOTHER"));
    env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("other-secret"));
    env.insert(QStringLiteral("AWS_SESSION_TOKEN"), QStringLiteral("other-token"));
    const Sigv4Process::Result result = Sigv4Process::run(
            signArguments({ QStringLiteral("--print"), QStringLiteral("authorization") }), vanillaRequest, env);
    QCOMPARE(result.exitCode, 0);
    // The environment's token belongs to the environment's key: not used with the flags.
    QCOMPARE(result.out, vectorFile(QStringLiteral("get-vanilla"), ".authz"));
}

void tst_Sigv4Cli::iso8601Time()
{
    const Sigv4Process::Result result = Sigv4Process::run(
            signArguments({ QStringLiteral("--time"), QStringLiteral("2015-08-30T14:36:00+02:00"),
                            QStringLiteral("--print"), QStringLiteral("authorization") }),
            vanillaRequest);
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, vectorFile(QStringLiteral("get-vanilla"), ".authz"));
}

void tst_Sigv4Cli::crlfInput()
{
    QByteArray request = vectorFile(QStringLiteral("post-x-www-form-urlencoded"), ".req");
    QByteArray signedRequest = vectorFile(QStringLiteral("post-x-www-form-urlencoded"), ".sreq");
    QVERIFY(!request.isEmpty() && !signedRequest.isEmpty());
    // Head lines get CRLF; the body stays as it is.
    auto toCrlf = [](const QByteArray &text) {
        const qsizetype headEnd = text.indexOf("\n\n");
        return text.left(headEnd).replace("\n", "\r\n") + "\r\n\r\n" + text.mid(headEnd + 2);
    };
    request = toCrlf(request);
    signedRequest = toCrlf(signedRequest);

    Sigv4Process::Result result = Sigv4Process::run(
            signArguments({ QStringLiteral("--print"), QStringLiteral("authorization") }), request);
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, vectorFile(QStringLiteral("post-x-www-form-urlencoded"), ".authz"));

    result = Sigv4Process::run(signArguments({ QStringLiteral("--print"), QStringLiteral("signed-request") }),
                               request);
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, signedRequest);
}

void tst_Sigv4Cli::queryString()
{
    const Sigv4Process::Result result = Sigv4Process::run(
            signArguments({ QStringLiteral("--query"), QStringLiteral("--expires"), QStringLiteral("60"),
                            QStringLiteral("--print"), QStringLiteral("signed-request") }),
            "GET /?a=b HTTP/1.1\nHost:example.amazonaws.com");
    QCOMPARE(result.exitCode, 0);
    const QList<QByteArray> lines = result.out.split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).startsWith("GET /?"), lines.at(0).constData());
    QVERIFY2(lines.at(0).endsWith(" HTTP/1.1"), lines.at(0).constData());
    for (const char *item : { "a=b", "X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Expires=60",
                              "X-Amz-Date=20150830T123600Z", "X-Amz-Signature=" }) {
        QVERIFY2(lines.at(0).contains(item), item);
    }
    QCOMPARE(lines.at(1), QByteArray("Host:example.amazonaws.com"));
}

void tst_Sigv4Cli::verify_data()
{
    QTest::addColumn<QStringList>("signExtra");
    QTest::addColumn<QStringList>("verifyExtra");
    QTest::addColumn<QByteArray>("edit");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("verdict");
    const QStringList time = { QStringLiteral("--time"), QStringLiteral("20150830T124000Z") };
    QTest::newRow("valid") << QStringList() << (keyFlags() + time) << QByteArray() << 0 << QByteArray("Valid:");
    QTest::newRow("valid-presigned") << QStringList{ QStringLiteral("--query") } << (keyFlags() + time) << QByteArray()
                                     << 0 << QByteArray("Valid:");
    QTest::newRow("sigv4a") << QStringList{ QStringLiteral("--sigv4a"), QStringLiteral("--region-set"), QStringLiteral("*") }
                            << (keyFlags() + time) << QByteArray() << 0 << QByteArray("Valid:");
    QTest::newRow("wrong-secret") << QStringList()
                                  << (QStringList{ QStringLiteral("--access-key-id"), QStringLiteral("AKIDEXAMPLE"),
                                                   QStringLiteral("--secret-access-key"), QStringLiteral("other") } + time)
                                  << QByteArray() << 1 << QByteArray("SignatureMismatch:");
    QTest::newRow("tampered-path") << QStringList() << (keyFlags() + time) << QByteArray("/other") << 1
                                   << QByteArray("SignatureMismatch:");
    QTest::newRow("too-late") << QStringList() << (keyFlags() + QStringList{ QStringLiteral("--time"), QStringLiteral("20150830T130000Z") })
                              << QByteArray() << 1 << QByteArray("RequestTimeTooSkewed:");
    QTest::newRow("wrong-region") << QStringList() << (keyFlags() + time + QStringList{ QStringLiteral("--region"), QStringLiteral("eu-west-1") })
                                  << QByteArray() << 1 << QByteArray("ScopeMismatch:");
    QTest::newRow("bad-time") << QStringList() << (keyFlags() + QStringList{ QStringLiteral("--time"), QStringLiteral("soon") })
                              << QByteArray() << 2 << QByteArray();
}

// sigv4 sign | sigv4 verify, and what verify says of tampering.
void tst_Sigv4Cli::verify()
{
    QFETCH(QStringList, signExtra);
    QFETCH(QStringList, verifyExtra);
    QFETCH(QByteArray, edit);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, verdict);
    const Sigv4Process::Result signature = Sigv4Process::run(signArguments(signExtra), vanillaRequest);
    QCOMPARE(signature.exitCode, 0);
    QByteArray request = signature.out;
    if (!edit.isEmpty())
        request.replace("GET /", "GET " + edit);
    const Sigv4Process::Result result = Sigv4Process::run(QStringList{ QStringLiteral("verify") } + verifyExtra, request);
    QVERIFY2(result.exitCode == exitCode, result.out + result.err);
    QVERIFY2(result.out.startsWith(verdict), result.out.constData());
    QVERIFY(!printsSecret(result));
    if (exitCode == 2)
        QCOMPARE(result.err.count('\n'), 1);
}

void tst_Sigv4Cli::verifyRejectsRepeatedParameters_data()
{
    QTest::addColumn<QStringList>("signExtra");
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to"); // replaces from (appended when from is empty)
    QTest::newRow("Signature twice, the valid one last") << QStringList() << QByteArray("Signature=")
                                                         << QByteArray("Signature=00, Signature=");
    QTest::newRow("Credential twice") << QStringList() << QByteArray("Credential=")
                                      << QByteArray("Credential=AKIDOTHER/20150830/us-east-1/service/aws4_request, Credential=");
    QTest::newRow("SignedHeaders twice") << QStringList() << QByteArray("SignedHeaders=")
                                         << QByteArray("SignedHeaders=host, SignedHeaders=");
    QTest::newRow("a second Authorization header") // appended: the signed one is the last line
            << QStringList() << QByteArray()
            << QByteArray("\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
                          "aws4_request, SignedHeaders=host;x-amz-date, Signature=00");
    QTest::newRow("presigned: X-Amz-Signature twice") << QStringList{ QStringLiteral("--query") }
                                                      << QByteArray("X-Amz-Signature=")
                                                      << QByteArray("X-Amz-Signature=00&X-Amz-Signature=");
    QTest::newRow("presigned: X-Amz-Date twice") << QStringList{ QStringLiteral("--query") }
                                                 << QByteArray("X-Amz-Date=")
                                                 << QByteArray("X-Amz-Date=20150830T123600Z&X-Amz-Date=");
    QTest::newRow("presigned: encoded X-Amz-Signature twice") << QStringList{ QStringLiteral("--query") }
                                                              << QByteArray("X-Amz-Signature=")
                                                              << QByteArray("X%2DAmz-Signature=00&X-Amz-Signature=");
}

// "Signature=00, Signature=<valid>" was accepted (the last one won): a repeated parameter of
// the signature is a rejection, whichever copy is valid (issue 13, item 7).
void tst_Sigv4Cli::verifyRejectsRepeatedParameters()
{
    QFETCH(QStringList, signExtra);
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    const Sigv4Process::Result signature = Sigv4Process::run(signArguments(signExtra), vanillaRequest);
    QCOMPARE(signature.exitCode, 0);
    const QStringList verifyArguments = QStringList{ QStringLiteral("verify") } + keyFlags()
            + QStringList{ QStringLiteral("--time"), QStringLiteral("20150830T124000Z") };
    QCOMPARE(Sigv4Process::run(verifyArguments, signature.out).exitCode, 0); // valid as signed
    QByteArray request = signature.out;
    if (from.isEmpty()) {
        request += to;
    } else {
        QVERIFY(request.contains(from));
        request.replace(request.indexOf(from), from.size(), to);
    }
    const Sigv4Process::Result result = Sigv4Process::run(verifyArguments, request);
    QVERIFY2(result.exitCode == 1, result.out + result.err);
    QVERIFY2(result.out.startsWith("MalformedSignature:"), result.out.constData());
}

void tst_Sigv4Cli::printAll()
{
    const Sigv4Process::Result result = Sigv4Process::run(
            signArguments({ QStringLiteral("--print"), QStringLiteral("all") }), vanillaRequest);
    QCOMPARE(result.exitCode, 0);
    QVERIFY(!printsSecret(result));
    for (const char *part : { "canonical-request", "string-to-sign", "signature", "authorization",
                              "signed-request" }) {
        QVERIFY2(result.out.contains("--- " + QByteArray(part) + " ---\n"), part);
    }
    QVERIFY(result.out.contains(vectorFile(QStringLiteral("get-vanilla"), ".creq")));
    QVERIFY(result.out.contains(vectorFile(QStringLiteral("get-vanilla"), ".sts")));
    QVERIFY(result.out.contains(vectorFile(QStringLiteral("get-vanilla"), ".sreq")));
    QVERIFY(result.out.endsWith('\n'));
}

void tst_Sigv4Cli::help()
{
    Sigv4Process::Result result = Sigv4Process::run({ QStringLiteral("--help") });
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.contains("sign"));
    QVERIFY(result.err.isEmpty());

    result = Sigv4Process::run({ QStringLiteral("sign"), QStringLiteral("--help") });
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.contains("sigv4 sign"));
    for (const char *flag : { "--region", "--service", "--time", "--access-key-id", "--secret-access-key",
                              "--session-token", "--profile", "--query", "--expires", "--unsigned-payload",
                              "--s3", "--no-s3", "--no-normalize-path", "--sign-body",
                              "--omit-session-token", "--print" }) {
        QVERIFY2(result.out.contains(flag), flag);
    }

    result = Sigv4Process::run({ QStringLiteral("help"), QStringLiteral("sign") });
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.contains("--region"));

    // curl states its bounds and the redirect rule it shares with the library.
    result = Sigv4Process::run({ QStringLiteral("curl"), QStringLiteral("--help") });
    QCOMPARE(result.exitCode, 0);
    const QByteArray text = result.out.simplified();
    for (const char *part : { "0.001 to 1000000", "8192 to 16777216", "301, 302 or 303 a POST becomes a GET",
                              "307 and 308 repeat the method and the body" }) {
        QVERIFY2(text.contains(part), part);
    }
}

QTEST_GUILESS_MAIN(tst_Sigv4Cli)
#include "tst_sigv4cli.moc"
