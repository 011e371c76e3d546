// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// `sigv4 curl` and `sigv4 presign` against a real moto_server on 127.0.0.1.
#include "motoserver.h"

#include <QtCore/qprocess.h>
#include <QtCore/qtemporaryfile.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qtest.h>

#include <memory>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

const QString Bucket = QStringLiteral("qtsigv4-curl");

} // namespace

class tst_Sigv4Curl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void createBucketAndListBuckets();
    void putWithUploadFileAndGet();
    void putFromStdinStream();
    void includeHeaders();
    void verboseShowsSigningButNoSecret();
    void headAndDelete();
    void awsUrlThroughEndpoint();
    void formPostToSts();
    void serviceErrorExitsNonZero();
    void wrongSecret();
    void badInput_data();
    void badInput();
    void presign();
    void presignBadInput();

private:
    Run sigv4(const QStringList &arguments, const QByteArray &input = QByteArray(),
              const QProcessEnvironment &extra = QProcessEnvironment());
    QString url(const QString &path) const;
    QStringList s3Flags() const;

    std::unique_ptr<MotoServer> m_moto;
    QProcessEnvironment m_environment;
};

void tst_Sigv4Curl::initTestCase()
{
    QVERIFY2(QFile::exists(QStringLiteral(SIGV4_EXECUTABLE)), SIGV4_EXECUTABLE);
    m_moto.reset(new MotoServer);
    QTSIGV4_START_MOTO_OR_SKIP(*m_moto);
    m_environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : { "AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION" })
        m_environment.remove(QString::fromLatin1(name));
    m_environment.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), m_moto->credentials().accessKeyId());
    m_environment.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), m_moto->credentials().secretAccessKey());
}

void tst_Sigv4Curl::cleanupTestCase()
{
    m_moto.reset();
}

Run tst_Sigv4Curl::sigv4(const QStringList &arguments, const QByteArray &input,
                         const QProcessEnvironment &extra)
{
    QProcess process;
    QProcessEnvironment environment = m_environment;
    for (const QString &key : extra.keys())
        environment.insert(key, extra.value(key));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SIGV4_EXECUTABLE), arguments);
    Run run;
    if (!process.waitForStarted(10000))
        return run;
    if (!input.isEmpty()) {
        // Written in pieces, so the body arrives while sigv4 already reads it.
        for (qsizetype i = 0; i < input.size(); i += 4096) {
            process.write(input.mid(i, 4096));
            process.waitForBytesWritten(1000);
        }
    }
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QString tst_Sigv4Curl::url(const QString &path) const
{
    return m_moto->endpoint().toString(QUrl::RemovePath) + path;
}

QStringList tst_Sigv4Curl::s3Flags() const
{
    return { QStringLiteral("curl"), QStringLiteral("--service"), QStringLiteral("s3"),
             QStringLiteral("--region"), QStringLiteral("us-east-1") };
}

void tst_Sigv4Curl::createBucketAndListBuckets()
{
    Run r = sigv4(s3Flags() << QStringLiteral("-X") << QStringLiteral("PUT") << url(QLatin1Char('/') + Bucket));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = sigv4(s3Flags() << url(QStringLiteral("/")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("<Name>" + Bucket.toUtf8() + "</Name>"), r.out.constData());
}

void tst_Sigv4Curl::putWithUploadFileAndGet()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    const QByteArray content = "uploaded by sigv4 curl -T\n" + QByteArray(100000, 'z');
    file.write(content);
    file.flush();
    Run r = sigv4(s3Flags() << QStringLiteral("-T") << file.fileName() << QStringLiteral("-H")
                            << QStringLiteral("Content-Type: text/plain")
                            << url(QLatin1Char('/') + Bucket + QStringLiteral("/dir/hello world.txt")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.err.isEmpty());

    r = sigv4(s3Flags() << url(QLatin1Char('/') + Bucket + QStringLiteral("/dir/hello%20world.txt")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, content);

    // -o writes the body to a file.
    QTemporaryFile output;
    QVERIFY(output.open());
    r = sigv4(s3Flags() << QStringLiteral("-o") << output.fileName()
                        << url(QLatin1Char('/') + Bucket + QStringLiteral("/dir/hello%20world.txt")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.isEmpty());
    QCOMPARE(output.readAll(), content);
}

void tst_Sigv4Curl::putFromStdinStream()
{
    QByteArray content;
    for (int i = 0; i < 20000; ++i)
        content += "line " + QByteArray::number(i) + '\n';
    Run r = sigv4(s3Flags() << QStringLiteral("-X") << QStringLiteral("PUT") << QStringLiteral("--data-binary")
                            << QStringLiteral("@-") << QStringLiteral("-H")
                            << QStringLiteral("Content-Type: text/plain")
                            << url(QLatin1Char('/') + Bucket + QStringLiteral("/from-stdin.txt")),
                  content);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = sigv4(s3Flags() << url(QLatin1Char('/') + Bucket + QStringLiteral("/from-stdin.txt")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out.size(), content.size());
    QVERIFY(r.out == content);
}

void tst_Sigv4Curl::includeHeaders()
{
    Run r = sigv4(s3Flags() << QStringLiteral("-X") << QStringLiteral("PUT") << QStringLiteral("-d")
                            << QStringLiteral("tiny") << QStringLiteral("-H")
                            << QStringLiteral("Content-Type: text/plain")
                            << url(QLatin1Char('/') + Bucket + QStringLiteral("/tiny.txt")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = sigv4(s3Flags() << QStringLiteral("-i") << url(QLatin1Char('/') + Bucket + QStringLiteral("/tiny.txt")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.startsWith("HTTP/1.1 200"), r.out.constData());
    // Header names lower-cased, the same on Qt 6.4 (which keeps the server's spelling) and 6.8.
    QVERIFY(r.out.contains("\r\ncontent-length: 4\r\n"));
    QVERIFY(r.out.endsWith("\r\n\r\ntiny"));
    const QList<QByteArray> lines = r.out.left(r.out.indexOf("\r\n\r\n")).split('\n').mid(1);
    QVERIFY(lines.size() > 1);
    for (const QByteArray &line : lines) {
        const QByteArray name = line.left(line.indexOf(':'));
        QVERIFY2(!name.isEmpty() && name == name.toLower(), line.constData());
    }
}

void tst_Sigv4Curl::verboseShowsSigningButNoSecret()
{
    const QString token = QStringLiteral("FAKE-SESSION-TOKEN-never-printed");
    // The token is refused by moto, which is fine: only what is printed matters here.
    const Run r = sigv4(s3Flags() << QStringLiteral("-v") << QStringLiteral("--session-token") << token
                                  << url(QLatin1Char('/') + Bucket + QStringLiteral("/tiny.txt")));
    QVERIFY2(r.err.contains("* Canonical request:\nGET\n/" + Bucket.toUtf8() + "/tiny.txt\n"), r.err.constData());
    QVERIFY(r.err.contains("* String to sign:\nAWS4-HMAC-SHA256\n"));
    QVERIFY(r.err.contains("< HTTP/1.1 "));
    const QByteArray secret = m_moto->credentials().secretAccessKey().toUtf8();
    QVERIFY(!r.err.contains(secret));
    QVERIFY(!r.out.contains(secret));
    QVERIFY2(!r.err.contains(token.toUtf8()), r.err.constData());
    QVERIFY(r.err.contains("x-amz-security-token:<redacted>"));
}

void tst_Sigv4Curl::headAndDelete()
{
    const QString key = url(QLatin1Char('/') + Bucket + QStringLiteral("/delete-me.txt"));
    Run r = sigv4(s3Flags() << QStringLiteral("-T") << QStringLiteral("-") << QStringLiteral("-H")
                            << QStringLiteral("Content-Type: text/plain") << key,
                  "short lived");
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = sigv4(s3Flags() << QStringLiteral("-X") << QStringLiteral("HEAD") << QStringLiteral("-i") << key);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("content-length: 11\r\n"));
    r = sigv4(s3Flags() << QStringLiteral("-X") << QStringLiteral("DELETE") << key);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = sigv4(s3Flags() << key);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("NoSuchKey"), r.err.constData());
}

void tst_Sigv4Curl::awsUrlThroughEndpoint()
{
    // Service and region come from the AWS host name; the request goes to --endpoint-url.
    const Run r = sigv4({ QStringLiteral("curl"), QStringLiteral("--endpoint-url"),
                          m_moto->endpoint().toString(),
                          QStringLiteral("https://s3.us-east-1.amazonaws.com/") + Bucket
                                  + QStringLiteral("/tiny.txt") });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, QByteArray("tiny"));

    // A path relative to the endpoint.
    const Run relative = sigv4(s3Flags() << QStringLiteral("--endpoint-url") << m_moto->endpoint().toString()
                                         << QLatin1Char('/') + Bucket + QStringLiteral("/tiny.txt"));
    QVERIFY2(relative.exitCode == 0, relative.err.constData());
    QCOMPARE(relative.out, QByteArray("tiny"));
}

void tst_Sigv4Curl::formPostToSts()
{
    const Run r = sigv4({ QStringLiteral("curl"), QStringLiteral("--service"), QStringLiteral("sts"),
                          QStringLiteral("--region"), QStringLiteral("us-east-1"), QStringLiteral("-d"),
                          QStringLiteral("Action=GetCallerIdentity"), QStringLiteral("-d"),
                          QStringLiteral("Version=2011-06-15"), url(QStringLiteral("/")) });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(MotoServer::xmlValue(r.out, QStringLiteral("Arn")), m_moto->userArn());
}

void tst_Sigv4Curl::serviceErrorExitsNonZero()
{
    const Run r = sigv4(s3Flags() << url(QStringLiteral("/no-such-bucket-qtsigv4/key")));
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.startsWith("sigv4: GET "), r.err.constData());
    QVERIFY2(r.err.contains("NoSuchBucket: "), r.err.constData());
    QVERIFY(r.err.contains("HTTP 404"));
    QCOMPARE(r.err.count('\n'), 1);
}

void tst_Sigv4Curl::wrongSecret()
{
    QProcessEnvironment wrong;
    wrong.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("definitely-wrong-secret"));
    const Run r = sigv4(s3Flags() << url(QStringLiteral("/")), QByteArray(), wrong);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("SignatureDoesNotMatch: The request signature we calculated does not match"),
             r.err.constData());
    QVERIFY(!r.err.contains("definitely-wrong-secret"));
    QCOMPARE(r.err.count('\n'), 1); // the error once, with its diagnosis, not also a warning
}

void tst_Sigv4Curl::badInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("no URL") << QStringList { QStringLiteral("curl") } << QByteArray("missing URL");
    QTest::newRow("not http") << QStringList { QStringLiteral("curl"), QStringLiteral("ftp://example.com/x") }
                              << QByteArray("bad URL");
    QTest::newRow("unknown service") << QStringList { QStringLiteral("curl"), QStringLiteral("http://127.0.0.1:1/x") }
                                     << QByteArray("pass --service");
    QTest::newRow("no region") << QStringList { QStringLiteral("curl"), QStringLiteral("--service"), QStringLiteral("s3"),
                                                QStringLiteral("http://127.0.0.1:1/x") }
                               << QByteArray("pass --region");
    QTest::newRow("bad header") << QStringList { QStringLiteral("curl"), QStringLiteral("-H"), QStringLiteral("NoColon"),
                                                 QStringLiteral("https://s3.us-east-1.amazonaws.com/") }
                                << QByteArray("bad header");
    // Refused before QNetworkRequest sees them: Qt 6.7 and later silently drop such a header.
    // (A loopback URL nobody answers: nothing leaves the machine whatever happens.)
    const QStringList loopback { QStringLiteral("--service"), QStringLiteral("s3"), QStringLiteral("--region"),
                                 QStringLiteral("us-east-1"), QStringLiteral("http://127.0.0.1:1/b/k") };
    QTest::newRow("header value with CR LF")
            << (QStringList { QStringLiteral("curl"), QStringLiteral("-H"),
                              QStringLiteral("X-Amz-Meta-A: a\r\nX-Injected: 1") } + loopback)
            << QByteArray("bad header: the value of header X-Amz-Meta-A contains a control character (at offset 1)");
    QTest::newRow("header value with DEL")
            << (QStringList { QStringLiteral("curl"), QStringLiteral("-H"), QStringLiteral("X-Amz-Meta-A: a\x7f") } + loopback)
            << QByteArray("contains a control character (at offset 1)");
    QTest::newRow("header name not a token")
            << (QStringList { QStringLiteral("curl"), QStringLiteral("-H"), QStringLiteral("X Amz: a") } + loopback)
            << QByteArray("bad header: the header name \"X Amz\" is not an HTTP token");
    QTest::newRow("two bodies") << QStringList { QStringLiteral("curl"), QStringLiteral("-d"), QStringLiteral("a"),
                                                 QStringLiteral("-T"), QStringLiteral("/etc/hostname"),
                                                 QStringLiteral("https://s3.us-east-1.amazonaws.com/") }
                                << QByteArray("exclude each other");
    QTest::newRow("missing file") << QStringList { QStringLiteral("curl"), QStringLiteral("-T"),
                                                   QStringLiteral("/no/such/file"),
                                                   QStringLiteral("https://s3.us-east-1.amazonaws.com/b/") }
                                  << QByteArray("cannot read /no/such/file");
}

void tst_Sigv4Curl::badInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    const Run r = sigv4(arguments);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.startsWith("sigv4: ") && r.err.contains(message), r.err.constData());
    QCOMPARE(r.err.count('\n'), 1);
}

void tst_Sigv4Curl::presign()
{
    const QString target = url(QLatin1Char('/') + Bucket + QStringLiteral("/tiny.txt"));
    const Run r = sigv4({ QStringLiteral("presign"), QStringLiteral("--region"), QStringLiteral("us-east-1"),
                          QStringLiteral("--expires"), QStringLiteral("600"), target });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.endsWith('\n'));
    const QUrl presigned = QUrl::fromEncoded(r.out.trimmed(), QUrl::StrictMode);
    QVERIFY(presigned.isValid());
    const QByteArray query = presigned.query(QUrl::FullyEncoded).toLatin1();
    QVERIFY(query.contains("X-Amz-Algorithm=AWS4-HMAC-SHA256"));
    QVERIFY(query.contains("X-Amz-Expires=600"));
    QVERIFY(query.contains("X-Amz-Credential=" + m_moto->credentials().accessKeyId().toLatin1() + "%2F"));
    QVERIFY(query.contains("%2Fus-east-1%2Fs3%2Faws4_request"));
    QVERIFY(query.contains("X-Amz-SignedHeaders=host"));
    QVERIFY(query.contains("X-Amz-Signature="));
    QVERIFY(!r.out.contains(m_moto->credentials().secretAccessKey().toUtf8()));

    // Anyone can use it, with a plain QNetworkAccessManager (moto does not check presigned
    // signatures, so this shows the URL is well formed, not that the signature is right; the
    // signer's query vectors cover that).
    QNetworkAccessManager plain;
    QNetworkReply *reply = plain.get(QNetworkRequest(presigned));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 15000);
    if (reply->error() == QNetworkReply::InternalServerError) {
        // moto 5.2.1 with authentication on answers 500 to any presigned URL (botocore's too);
        // its traceback may reach us a moment after the answer.
        QTRY_VERIFY_WITH_TIMEOUT(m_moto->serverOutput().contains("KeyError: 'HTTP_AUTHORIZATION'"), 10000);
        qInfo("moto limitation: presigned URLs fail with a KeyError in moto itself");
    } else {
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->readAll(), QByteArray("tiny"));
    }
    delete reply;

    // Deterministic with --time and explicit credentials.
    const QStringList fixed = { QStringLiteral("presign"), QStringLiteral("--time"), QStringLiteral("20150830T123600Z"),
                                QStringLiteral("--access-key-id"), QStringLiteral("AKIDEXAMPLE"),
                                QStringLiteral("--secret-access-key"), QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                                QStringLiteral("https://examplebucket.s3.amazonaws.com/test.txt") };
    const Run a = sigv4(fixed);
    const Run b = sigv4(fixed);
    QCOMPARE(a.exitCode, 0);
    QCOMPARE(a.out, b.out);
    QVERIFY(a.out.startsWith("https://examplebucket.s3.amazonaws.com/test.txt?"));
    QVERIFY(a.out.contains("X-Amz-Date=20150830T123600Z"));
    QVERIFY(a.out.contains("%2F20150830%2Fus-east-1%2Fs3%2Faws4_request"));

    // botocore presigns the same URL at the same time with the same signature.
    static const char script[] = R"PY(
import datetime, sys
try:
    import botocore.auth
    from botocore.auth import S3SigV4QueryAuth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError:
    print("skip"); sys.exit(0)
botocore.auth.get_current_datetime = lambda *a, **k: datetime.datetime(2015, 8, 30, 12, 36, 0)
request = AWSRequest(method="GET", url="https://examplebucket.s3.amazonaws.com/test.txt")
S3SigV4QueryAuth(Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                 "s3", "us-east-1", expires=3600).add_auth(request)
print(request.url)
)PY";
    QProcess python;
    python.start(QStringLiteral("python3"), { QStringLiteral("-c"), QString::fromLatin1(script) });
    if (!python.waitForFinished(60000) || python.exitCode() != 0)
        QSKIP("python3 with botocore is not available");
    const QByteArray reference = python.readAllStandardOutput().trimmed();
    if (reference == "skip")
        QSKIP("botocore is not installed");
    auto signatureOf = [](const QByteArray &url) {
        const qsizetype at = url.indexOf("X-Amz-Signature=");
        return at < 0 ? QByteArray() : url.mid(at + 16, 64);
    };
    QVERIFY(!signatureOf(reference).isEmpty());
    QCOMPARE(signatureOf(a.out), signatureOf(reference));
}

void tst_Sigv4Curl::presignBadInput()
{
    for (const char *expires : { "0", "604801", "soon" }) {
        const Run r = sigv4({ QStringLiteral("presign"), QStringLiteral("--expires"), QString::fromLatin1(expires),
                              QStringLiteral("https://b.s3.amazonaws.com/k") });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--expires must be"), r.err.constData());
    }
    const Run noRegion = sigv4({ QStringLiteral("presign"), QStringLiteral("http://127.0.0.1:1/b/k") });
    QCOMPARE(noRegion.exitCode, 2);
    QVERIFY(noRegion.err.contains("pass --region"));
}

QTEST_GUILESS_MAIN(tst_Sigv4Curl)
#include "tst_sigv4curl.moc"
