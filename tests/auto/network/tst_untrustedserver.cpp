// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// What a server answers is not trusted (issue 13, items 2 and 8), against a loopback server of
// this test's own: a SignatureDoesNotMatch answer whose canonical request differs on the line
// holding the session token (or echoes it) never puts a credential into the error string or
// the log, and a clock-skew answer is believed only within a day.
#include "sigv4verifier.h"
#include "testhttpserver.h"
#include "testsecrets.h"

#include <qtsigv4/awsdate.h>
#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qloggingcategory.h>
#include <QtCore/qtimezone.h>
#include <QtCore/qmutex.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qtest.h>

#include "replywait.h"

#include <memory>

namespace {

const QString token = QStringLiteral("untrusted/SESSION+token=never-logged-0123456789");
const QString secretKey = QStringLiteral("untrusted/SECRET+key=0123456789abcdefghij");
const AwsCredentials credentials(QStringLiteral("AKIDUNTRUSTEDSERVER"), secretKey, token);

// Everything logged while a test runs, then handed on to QtTest's handler.
QMutex logMutex;
QStringList logged;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        const QMutexLocker locker(&logMutex);
        logged.append(message);
    }
    previousHandler(type, context, message);
}

QStringList takeLog()
{
    const QMutexLocker locker(&logMutex);
    return std::exchange(logged, QStringList());
}

// The token in every form it may take on the wire or in a message.
QStringList tokenForms()
{
    const QByteArray utf8 = token.toUtf8();
    return { token, QString::fromLatin1(utf8.toPercentEncoding()),
             QString::fromLatin1(utf8.toPercentEncoding("/")), secretKey };
}

QString leakIn(const QStringList &texts)
{
    for (const QString &text : texts) {
        for (const QString &form : tokenForms()) {
            if (text.contains(form, Qt::CaseInsensitive))
                return text;
        }
    }
    return QString();
}

TestHttpServer::Response s3Error(int status, const QByteArray &code, const QByteArray &extra,
                                 const QDateTime &date, const QByteArray &message = "Refused.")
{
    TestHttpServer::Response r;
    r.status = status;
    r.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
            + message + "</Message>" + extra + "<RequestId>1</RequestId></Error>";
    r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/xml")));
    r.headers.append(qMakePair(QByteArray("Date"), AwsDate::toHttpDate(date)));
    return r;
}

QByteArray xmlText(const QByteArray &text)
{
    return QString::fromUtf8(text).toHtmlEscaped().toUtf8();
}

} // namespace

class tst_UntrustedServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void signatureMismatchNeverShowsCredentials_data();
    void signatureMismatchNeverShowsCredentials();
    void clockSkewBounded_data();
    void clockSkewBounded();
    void saneOffsetKeptAfterAbsurdAnswer();
    void serviceTextBoundedAndEscaped();

private:
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<AwsStaticCredentialsProvider> m_provider;
    std::unique_ptr<AwsNetworkAccessManager> m_manager;
};

void tst_UntrustedServer::initTestCase()
{
    publishTestSecrets(credentials);
    QLoggingCategory::setFilterRules(QStringLiteral("qtsigv4.*=true"));
    previousHandler = qInstallMessageHandler(captureMessage);
}

void tst_UntrustedServer::cleanupTestCase()
{
    qInstallMessageHandler(previousHandler);
}

void tst_UntrustedServer::init()
{
    takeLog();
    m_server.reset(new TestHttpServer);
    QVERIFY(m_server->listen());
    m_provider.reset(new AwsStaticCredentialsProvider(credentials));
    m_manager.reset(new AwsNetworkAccessManager);
    m_manager->addRule(AwsSigningRule::forBaseUrl(m_server->url(QString()), QStringLiteral("s3"),
                                                  QStringLiteral("us-east-1"), m_provider.get()));
}

void tst_UntrustedServer::cleanup()
{
    m_manager.reset();
    m_provider.reset();
    m_server.reset();
}

void tst_UntrustedServer::signatureMismatchNeverShowsCredentials_data()
{
    QTest::addColumn<bool>("presigned");
    QTest::addColumn<QString>("mustSay"); // what the diagnosis in errorString() says instead
    QTest::newRow("token header line differs, token echoed")
            << false << QStringLiteral("differs at line 7: server has \"x-amz-security-token:<redacted>\", "
                                       "we signed \"x-amz-security-token:<redacted>\" (credentials, not shown");
    QTest::newRow("presigned query differs") << true << QStringLiteral("differs at line 3: server has \"");
}

void tst_UntrustedServer::signatureMismatchNeverShowsCredentials()
{
    QFETCH(bool, presigned);
    QFETCH(QString, mustSay);
    if (presigned) {
        QList<AwsSigningRule> rules = m_manager->rules();
        AwsSigningConfig config = rules.first().signingConfig();
        config.setSignatureLocation(AwsSigningConfig::SignatureLocation::QueryString);
        rules.first().setSigningConfig(config);
        m_manager->setRules(rules);
    }
    m_server->setHandler([presigned](const TestHttpServer::Request &r) {
        // The canonical request S3 would send back, differing where the credentials are; the
        // message echoes the token as a hostile (or careless) server could.
        QByteArray theirs;
        if (presigned) {
            const QByteArray query = r.target.mid(r.target.indexOf('?') + 1);
            theirs = r.method + '\n' + r.path() + '\n' + query + "&extra=1\nhost:" + r.header("host")
                    + "\n\nhost\nUNSIGNED-PAYLOAD";
        } else {
            theirs = verifySigv4(r.method, r.target, r.headers, r.body, credentials).canonicalRequest;
            // As if a proxy had decoded the token's "+" into a space.
            theirs.replace("x-amz-security-token:" + token.toUtf8(),
                           "x-amz-security-token:" + token.toUtf8().replace('+', ' '));
        }
        return s3Error(403, "SignatureDoesNotMatch",
                       "<CanonicalRequest>" + xmlText(theirs) + "</CanonicalRequest>",
                       QDateTime::currentDateTimeUtc(),
                       "Refused. x-amz-security-token: " + xmlText(token.toUtf8()) + "; token "
                               + xmlText(token.toUtf8().toPercentEncoding()));
    });
    std::unique_ptr<QNetworkReply> reply(m_manager->get(QNetworkRequest(m_server->url(QStringLiteral("/bucket/key")))));
    QVERIFY(waitForReply(reply.get(), 15000));
    QCOMPARE(reply->error(), QNetworkReply::ContentAccessDenied);
    QCOMPARE(m_server->requestCount(), 1);
    const QStringList log = takeLog();
    const QString leak = leakIn(log + QStringList{ reply->errorString() });
    QVERIFY2(leak.isEmpty(), qPrintable(QStringLiteral("a credential was shown: ") + leak));
    // The diagnosis goes with the error the caller receives, not into a warning of its own.
    QVERIFY2(log.filter(QStringLiteral("SignatureDoesNotMatch")).isEmpty(), qPrintable(log.join(u'\n')));
    const QString diagnosis = reply->errorString();
    QVERIFY2(diagnosis.contains(mustSay), qPrintable(diagnosis));
    if (presigned) {
        QVERIFY2(diagnosis.contains(QStringLiteral("X-Amz-Credential=<redacted>%2F")), qPrintable(diagnosis));
        QVERIFY2(diagnosis.contains(QStringLiteral("X-Amz-Security-Token=<redacted>")), qPrintable(diagnosis));
    } else {
        QVERIFY2(diagnosis.contains(QStringLiteral("likely cause: the session token sent is not the one signed")),
                 qPrintable(diagnosis));
    }
}

void tst_UntrustedServer::clockSkewBounded_data()
{
    QTest::addColumn<QDateTime>("serverTime"); // invalid: now + skewSecs
    QTest::addColumn<qint64>("skewSecs");
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<bool>("corrected");
    const QDateTime year9999(QDate(9999, 12, 31), QTime(23, 59, 59), QTimeZone::utc());
    const QDateTime epoch(QDate(1970, 1, 1), QTime(0, 0), QTimeZone::utc());
    const QByteArray tooSkewed("RequestTimeTooSkewed");
    const QByteArray mismatch("SignatureDoesNotMatch");
    QTest::newRow("2 h ahead: corrected") << QDateTime() << qint64(2 * 3600) << tooSkewed << true;
    QTest::newRow("23 h behind: corrected") << QDateTime() << qint64(-23 * 3600) << tooSkewed << true;
    QTest::newRow("signature error, 3 h behind by Date: corrected") << QDateTime() << qint64(-3 * 3600) << mismatch << true;
    QTest::newRow("25 h ahead: refused") << QDateTime() << qint64(25 * 3600) << tooSkewed << false;
    QTest::newRow("year 9999: refused") << year9999 << qint64(0) << tooSkewed << false;
    QTest::newRow("signature error, Date in 9999: refused") << year9999 << qint64(0) << mismatch << false;
    QTest::newRow("1970: refused") << epoch << qint64(0) << tooSkewed << false;
}

void tst_UntrustedServer::clockSkewBounded()
{
    QFETCH(QDateTime, serverTime);
    QFETCH(qint64, skewSecs);
    QFETCH(QByteArray, code);
    QFETCH(bool, corrected);
    m_server->setHandler([serverTime, skewSecs, code](const TestHttpServer::Request &r) {
        const QDateTime now = serverTime.isValid() ? serverTime : QDateTime::currentDateTimeUtc().addSecs(skewSecs);
        if (qAbs(AwsDate::parse(r.header("x-amz-date")).secsTo(now)) <= 15 * 60)
            return TestHttpServer::Response::text(200, "in time");
        // Only RequestTimeTooSkewed carries ServerTime; a signature error has the Date header.
        const QByteArray extra = code == "RequestTimeTooSkewed"
                ? "<ServerTime>" + now.toString(Qt::ISODate).toLatin1() + "</ServerTime>"
                : QByteArray();
        return s3Error(403, code, extra, now);
    });
    std::unique_ptr<QNetworkReply> reply(m_manager->get(QNetworkRequest(m_server->url(QStringLiteral("/bucket/key")))));
    QVERIFY(waitForReply(reply.get(), 15000));
    const QStringList log = takeLog();
    if (corrected) {
        QVERIFY2(reply->error() == QNetworkReply::NoError, qPrintable(reply->errorString()));
        QCOMPARE(m_server->requestCount(), 2);
        QVERIFY2(qAbs(m_manager->clockOffset() - skewSecs * 1000) < 5000,
                 qPrintable(QString::number(m_manager->clockOffset())));
        QVERIFY2(!log.filter(QStringLiteral("signing again with that offset")).isEmpty(), qPrintable(log.join(u'\n')));
    } else {
        QCOMPARE(reply->error(), QNetworkReply::ContentAccessDenied);
        QCOMPARE(m_server->requestCount(), 1); // never signed in the year 9999
        QCOMPARE(m_manager->clockOffset(), 0);
        const QString message = reply->errorString();
        QVERIFY2(message.startsWith(QString::fromLatin1(code)), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("not signed again: the server's time ")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("more than the 86400 s (one day) this client corrects")),
                 qPrintable(message));
        QVERIFY2(log.filter(QStringLiteral("signing again with that offset")).isEmpty(), qPrintable(log.join(u'\n')));
    }
}

void tst_UntrustedServer::saneOffsetKeptAfterAbsurdAnswer()
{
    // The server is two hours ahead, then starts claiming the year 9999.
    bool absurd = false;
    m_server->setHandler([&absurd](const TestHttpServer::Request &r) {
        const QDateTime now = absurd ? QDateTime(QDate(9999, 12, 31), QTime(0, 0), QTimeZone::utc())
                                     : QDateTime::currentDateTimeUtc().addSecs(7200);
        if (qAbs(AwsDate::parse(r.header("x-amz-date")).secsTo(now)) <= 15 * 60)
            return TestHttpServer::Response::text(200, "in time");
        return s3Error(403, "RequestTimeTooSkewed",
                       "<ServerTime>" + now.toString(Qt::ISODate).toLatin1() + "</ServerTime>", now);
    });
    const QNetworkRequest request(m_server->url(QStringLiteral("/bucket/key")));
    std::unique_ptr<QNetworkReply> reply(m_manager->get(request));
    QVERIFY(waitForReply(reply.get(), 15000));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    const qint64 sane = m_manager->clockOffset();
    QVERIFY(qAbs(sane - 7200 * 1000) < 5000);

    absurd = true;
    reply.reset(m_manager->get(request));
    QVERIFY(waitForReply(reply.get(), 15000));
    QCOMPARE(reply->error(), QNetworkReply::ContentAccessDenied);
    QCOMPARE(m_manager->clockOffset(), sane);
    QCOMPARE(m_server->requestCount(), 3);
}

// A server's code and message reach errorString(), logs and terminals: terminal escapes are
// shown escaped and a megabyte of message is cut.
void tst_UntrustedServer::serviceTextBoundedAndEscaped()
{
    m_server->setHandler([](const TestHttpServer::Request &) {
        return TestHttpServer::Response::json(
                403, "{\"__type\":\"AccessDenied\\u001b[2J\",\"message\":\"\\u001b]0;pwned\\u0007"
                             + QByteArray(500000, 'A') + "\"}");
    });
    std::unique_ptr<QNetworkReply> reply(m_manager->get(QNetworkRequest(m_server->url(QStringLiteral("/bucket/key")))));
    QVERIFY(waitForReply(reply.get(), 15000));
    QVERIFY(reply->error() != QNetworkReply::NoError);
    const QString message = reply->errorString();
    QVERIFY2(!message.contains(QChar(0x1b)) && !message.contains(QChar(0x07)), qPrintable(message.left(200)));
    QVERIFY2(message.contains(QStringLiteral("\\x1b]0;pwned\\x07")), qPrintable(message.left(200)));
    QVERIFY2(message.size() < 4096, qPrintable(QString::number(message.size())));
    takeLog();
}

QTEST_GUILESS_MAIN(tst_UntrustedServer)
#include "tst_untrustedserver.moc"
