// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// AWS's standard retry mode of AwsNetworkAccessManager (issue 16, "Retries"), against a
// fault-injecting server of this test's own on 127.0.0.1 (faultserver.h) that checks the
// signature of every attempt, and once against moto behind it.
#include "faultserver.h"
#include "motoserver.h"
#include "pipedevice.h"
#include "sigv4verifier.h"
#include "testsecrets.h"

#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awssignatureverifier.h>
#include <qtsigv4/awssigner.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qbuffer.h>
#include <QtCore/qhash.h>
#include <QtCore/qloggingcategory.h>
#include <QtCore/qmutex.h>
#include <QtCore/qpointer.h>
#include <QtCore/qtemporaryfile.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qtest.h>

#include "replywait.h"

#include <memory>

namespace {

const QString secretKey = QStringLiteral("retries/SECRET+key=never-in-the-log-0123456789");
const AwsCredentials credentials(QStringLiteral("AKIDRETRIESTEST"), secretKey);

// Everything qtsigv4 logs while a test runs; a reply to abort or delete as soon as it says it
// will retry (queued: the backoff timer has not even started then).
QMutex logMutex;
QStringList logged;
QtMessageHandler previousHandler = nullptr;
QPointer<QNetworkReply> stopOnRetry;
bool stopByDeleting = false;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (qstrcmp(context.category, "qtsigv4.network") == 0) {
        const QMutexLocker locker(&logMutex);
        logged.append(message);
        if (stopOnRetry && message.contains(u"retrying in")) {
            QNetworkReply *reply = stopOnRetry;
            stopOnRetry.clear();
            if (stopByDeleting)
                reply->deleteLater();
            else
                QMetaObject::invokeMethod(reply, &QNetworkReply::abort, Qt::QueuedConnection);
        }
        return; // debug noise: kept for the checks, not printed
    }
    previousHandler(type, context, message);
}

QStringList takeLog()
{
    const QMutexLocker locker(&logMutex);
    return std::exchange(logged, QStringList());
}

// What the caller of one reply saw.
struct Outcome
{
    bool finished = false;
    int finishedCount = 0;
    int signings = 0;          // requestSigned(): one per attempt
    int metaDataChanges = 0;
    int errorSignals = 0;
    QByteArray data;           // everything read, at readyRead() and at the end
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    int status = 0;
    QList<QPair<qint64, qint64>> uploads;
};

// Signatures made by each manager (the first one within createRequest()).
QHash<const AwsNetworkAccessManager *, int> signings;

void countSignatures(AwsNetworkAccessManager *manager)
{
    QObject::connect(manager, &AwsNetworkAccessManager::requestSigned, manager,
                     [manager] { ++signings[manager]; });
}

// Follows the reply of the only request of manager (so far) to its end.
Outcome follow(AwsNetworkAccessManager *manager, QNetworkReply *reply, int timeoutMs = 30000)
{
    Outcome o;
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [&o, reply] { o.data += reply->readAll(); });
    QObject::connect(reply, &QNetworkReply::metaDataChanged, reply, [&o] { ++o.metaDataChanges; });
    QObject::connect(reply, &QNetworkReply::errorOccurred, reply, [&o] { ++o.errorSignals; });
    QObject::connect(reply, &QNetworkReply::uploadProgress, reply,
                     [&o](qint64 sent, qint64 total) { o.uploads.append(qMakePair(sent, total)); });
    QObject::connect(reply, &QNetworkReply::finished, reply, [&o] { ++o.finishedCount; });
    o.finished = waitForReply(reply, timeoutMs);
    o.data += reply->readAll();
    o.error = reply->error();
    o.errorString = reply->errorString();
    o.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QTest::qWait(20); // a second finished() would show now
    o.signings = signings.take(manager);
    return o;
}

QString verifyAll(const QList<FaultServer::Request> &requests)
{
    for (const FaultServer::Request &r : requests) {
        const Sigv4Verification v = verifySigv4(r.method, r.target, r.headers, r.body, credentials);
        if (!v.ok)
            return v.error;
    }
    return QString();
}

QString leakIn(const QStringList &texts)
{
    for (const QString &text : texts) {
        if (text.contains(secretKey))
            return text;
    }
    return QString();
}

} // namespace

class tst_Retries : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void retryableFaultThenSuccess_data();
    void retryableFaultThenSuccess();
    void notRetried_data();
    void notRetried();
    void alwaysFailing_data();
    void alwaysFailing();
    void connectionRefused();
    void bodySentWholeAndSignedAgain_data();
    void bodySentWholeAndSignedAgain();
    void streamedSequentialBodyNotRetried();
    void abortDuringBackoff();
    void deletedDuringBackoff();
    void settersBounded();
    void retriedRequestVerifiedByMoto();

private:
    std::unique_ptr<AwsNetworkAccessManager> managerFor(const QUrl &base,
                                                        AwsSigningConfig::PayloadMode mode
                                                        = AwsSigningConfig::PayloadMode::WholeBody);

    std::unique_ptr<FaultServer> m_server;
    std::unique_ptr<AwsStaticCredentialsProvider> m_provider;
};

void tst_Retries::initTestCase()
{
    publishTestSecrets(credentials);
    QLoggingCategory::setFilterRules(QStringLiteral("qtsigv4.network.debug=true"));
    previousHandler = qInstallMessageHandler(captureMessage);
    m_provider = std::make_unique<AwsStaticCredentialsProvider>(credentials);
}

void tst_Retries::cleanupTestCase()
{
    qInstallMessageHandler(previousHandler);
}

void tst_Retries::init()
{
    m_server = std::make_unique<FaultServer>();
    QVERIFY(m_server->listen());
    takeLog();
}

void tst_Retries::cleanup()
{
    m_server.reset();
    const QString leak = leakIn(takeLog());
    QVERIFY2(leak.isEmpty(), qPrintable(leak));
}

std::unique_ptr<AwsNetworkAccessManager> tst_Retries::managerFor(const QUrl &base,
                                                                 AwsSigningConfig::PayloadMode mode)
{
    auto manager = std::make_unique<AwsNetworkAccessManager>();
    AwsSigningRule rule = AwsSigningRule::forBaseUrl(base, QStringLiteral("s3"),
                                                     QStringLiteral("us-east-1"), m_provider.get());
    AwsSigningConfig config = rule.signingConfig();
    config.setPayloadMode(mode);
    rule.setSigningConfig(config);
    manager->addRule(rule);
    manager->setRetryBaseDelay(5); // AWS's is 1 s
    countSignatures(manager.get());
    return manager;
}

void tst_Retries::retryableFaultThenSuccess_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QStringList>("script");

    for (const char *status : { "500", "502", "503", "504", "429" })
        QTest::addRow("%s", status) << QByteArray("GET") << QStringList{ QString::fromLatin1(status) };
    QTest::newRow("400 SlowDown (S3 XML)") << QByteArray("GET") << QStringList{ "slowdown" };
    QTest::newRow("400 RequestTimeout") << QByteArray("PUT") << QStringList{ "requesttimeout" };
    QTest::newRow("400 InternalError") << QByteArray("GET") << QStringList{ "internalerror" };
    QTest::newRow("400 ThrottlingException (JSON)") << QByteArray("POST") << QStringList{ "throttling-json" };
    QTest::newRow("400 x-amzn-ErrorType Throttling") << QByteArray("POST") << QStringList{ "throttling-header" };
    QTest::newRow("dropped after 503 headers") << QByteArray("POST") << QStringList{ "drop-after-headers" };
    QTest::newRow("slower than the transfer timeout") << QByteArray("GET") << QStringList{ "slow" };
    QTest::newRow("two faults (third attempt)") << QByteArray("POST") << QStringList{ "slowdown", "503" };
    QTest::newRow("503 then 500") << QByteArray("GET") << QStringList{ "503", "500" };
    // Qt itself sends a request again, once per connection, when the connection closes before
    // any answer (measured with Qt 6.4, POST too): three drops are more than it absorbs.
    QTest::newRow("dropped before the headers, 3 times") << QByteArray("POST")
                                                         << QStringList{ "drop", "drop", "drop" };
}

void tst_Retries::retryableFaultThenSuccess()
{
    QFETCH(QByteArray, verb);
    QFETCH(QStringList, script);
    m_server->setScript(script);
    auto manager = managerFor(m_server->url());
    QNetworkRequest request(m_server->url(QStringLiteral("/bucket/key")));
    request.setTransferTimeout(1000); // the "slow" answer comes after 3 s
    QNetworkReply *reply = verb == "GET" ? manager->get(request)
            : manager->sendCustomRequest(request, verb, QByteArray("payload"));
    const Outcome o = follow(manager.get(), reply);

    QVERIFY(o.finished);
    QCOMPARE(o.error, QNetworkReply::NoError);
    QCOMPARE(o.status, 200);
    QCOMPARE(o.data, FaultServer::finalBody()); // nothing of the failed attempts
    QCOMPARE(o.finishedCount, 1);
    QCOMPARE(o.errorSignals, 0);
    QCOMPARE(o.metaDataChanges, 1);
    const bool qtResends = script.contains(u"drop");
    const int attempts = qtResends ? o.signings : int(script.size()) + 1;
    QVERIFY2(attempts >= 2 && attempts <= 3, QByteArray::number(o.signings));
    QCOMPARE(o.signings, attempts);
    QCOMPARE(m_server->requestCount(), int(script.size()) + 1);
    const QString unverified = verifyAll(m_server->requests());
    QVERIFY2(unverified.isEmpty(), qPrintable(unverified));

    const QStringList log = takeLog();
    QCOMPARE(log.filter(QStringLiteral("retrying in")).size(), attempts - 1);
    QVERIFY2(!log.filter(QStringLiteral("attempt 1 of 3 failed")).isEmpty(), qPrintable(log.join(u'\n')));
}

void tst_Retries::notRetried_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("step");
    QTest::addColumn<int>("error");
    QTest::addColumn<QString>("message");

    using R = QNetworkReply;
    QTest::newRow("403 AccessDenied") << QByteArray("GET") << "accessdenied" << int(R::ContentAccessDenied) << "AccessDenied";
    QTest::newRow("404 NoSuchKey") << QByteArray("GET") << "nosuchkey" << int(R::ContentNotFoundError) << "NoSuchKey";
    QTest::newRow("403 SignatureDoesNotMatch") << QByteArray("GET") << "signaturemismatch" << int(R::ContentAccessDenied) << "SignatureDoesNotMatch";
    QTest::newRow("400 InvalidArgument") << QByteArray("PUT") << "invalidargument" << int(R::ProtocolInvalidOperationError) << "InvalidArgument";
    QTest::newRow("501 NotImplemented") << QByteArray("GET") << "notimplemented" << int(R::OperationNotImplementedError) << "NotImplemented";
    QTest::newRow("409 without a code") << QByteArray("GET") << "409" << int(R::ContentConflictError) << "server replied";
    // The caller has the headers and the start of the body already: a retry would repeat them.
    QTest::newRow("200 cut in the body") << QByteArray("POST") << "cut-200" << int(R::RemoteHostClosedError) << "closed";
}

void tst_Retries::notRetried()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, step);
    QFETCH(int, error);
    QFETCH(QString, message);
    m_server->setScript({ step, "200", "200" });
    auto manager = managerFor(m_server->url());
    QNetworkRequest request(m_server->url(QStringLiteral("/bucket/key")));
    QNetworkReply *reply = verb == "GET" ? manager->get(request)
            : manager->sendCustomRequest(request, verb, QByteArray("payload"));
    const Outcome o = follow(manager.get(), reply);

    QVERIFY(o.finished);
    QCOMPARE(int(o.error), error);
    QVERIFY2(o.errorString.contains(message), qPrintable(o.errorString));
    QVERIFY2(!o.errorString.contains(u"attempts"), qPrintable(o.errorString));
    QCOMPARE(o.signings, 1);
    QCOMPARE(m_server->requestCount(), 1);
    QCOMPARE(o.finishedCount, 1);
    QVERIFY(takeLog().filter(QStringLiteral("retrying in")).isEmpty());
}

void tst_Retries::alwaysFailing_data()
{
    QTest::addColumn<int>("managerAttempts");
    QTest::addColumn<QVariant>("requestAttempts"); // MaxAttemptsAttribute
    QTest::addColumn<QString>("step");
    QTest::addColumn<int>("expected");

    QTest::newRow("default: 3") << -1 << QVariant() << "slowdown" << 3;
    QTest::newRow("1: no retry") << 1 << QVariant() << "503" << 1;
    QTest::newRow("2") << 2 << QVariant() << "500" << 2;
    QTest::newRow("5") << 5 << QVariant() << "throttling-json" << 5;
    QTest::newRow("connection dropped, 4") << 4 << QVariant() << "drop" << 4;
    QTest::newRow("request says 1") << 5 << QVariant(1) << "503" << 1;
    QTest::newRow("request says 4") << 2 << QVariant(4) << "503" << 4;
    QTest::newRow("request says 50: bounded to 10") << 2 << QVariant(50) << "503" << 10;
    QTest::newRow("request says nonsense: manager's") << 2 << QVariant(QStringLiteral("many")) << "503" << 2;
}

void tst_Retries::alwaysFailing()
{
    QFETCH(int, managerAttempts);
    QFETCH(QVariant, requestAttempts);
    QFETCH(QString, step);
    QFETCH(int, expected);
    m_server->setScript(QStringList(12, step));
    auto manager = managerFor(m_server->url());
    manager->setRetryBaseDelay(1);
    if (managerAttempts > 0)
        manager->setMaxAttempts(managerAttempts);
    QNetworkRequest request(m_server->url(QStringLiteral("/bucket/key")));
    if (requestAttempts.isValid())
        request.setAttribute(AwsNetworkAccessManager::MaxAttemptsAttribute, requestAttempts);
    const Outcome o = follow(manager.get(), manager->post(request, QByteArray("payload")));

    QVERIFY(o.finished);
    QCOMPARE(o.signings, expected);
    if (step == u"drop") // Qt sends again by itself once (see retryableFaultThenSuccess)
        QVERIFY(m_server->requestCount() >= expected && m_server->requestCount() <= expected + 1);
    else
        QCOMPARE(m_server->requestCount(), expected);
    QVERIFY(o.error != QNetworkReply::NoError);
    QCOMPARE(o.errorSignals, 1);
    QCOMPARE(o.finishedCount, 1);
    if (step == u"drop") {
        QCOMPARE(o.error, QNetworkReply::RemoteHostClosedError);
        QVERIFY(o.data.isEmpty());
    } else {
        // The last attempt's answer is the reply's, body included.
        QVERIFY2(o.data.contains(FaultServer::failureMarker()), o.data.constData());
        QCOMPARE(o.data.count(FaultServer::failureMarker()), 1);
    }
    if (expected > 1) {
        const QString gaveUp = QStringLiteral("gave up after %1 attempts").arg(expected);
        QVERIFY2(o.errorString.contains(gaveUp), qPrintable(o.errorString));
    } else {
        QVERIFY2(!o.errorString.contains(u"attempts"), qPrintable(o.errorString));
    }
}

void tst_Retries::connectionRefused()
{
    const QUrl url = m_server->url(QStringLiteral("/bucket/key"));
    auto manager = managerFor(url);
    m_server.reset(); // nobody listens on the port any more
    const Outcome o = follow(manager.get(), manager->get(QNetworkRequest(url)));
    QVERIFY(o.finished);
    QCOMPARE(o.error, QNetworkReply::ConnectionRefusedError);
    QCOMPARE(o.signings, 3);
    QVERIFY2(o.errorString.contains(u"gave up after 3 attempts"), qPrintable(o.errorString));
}

void tst_Retries::bodySentWholeAndSignedAgain_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("QByteArray") << "bytes";
    QTest::newRow("QBuffer from position 5") << "buffer";
    QTest::newRow("QFile") << "file";
    QTest::newRow("sequential device (copied)") << "sequential";
}

void tst_Retries::bodySentWholeAndSignedAgain()
{
    QFETCH(QString, kind);
    const QByteArray whole = QByteArray("HEADER").repeated(1) + QByteArray("0123456789abcdef").repeated(4096);
    const QByteArray body = kind == u"buffer" ? whole.mid(5) : whole;
    // The first answer takes 1.1 s: the second attempt is signed in a later second.
    m_server->setScript({ "slow500" });
    auto manager = managerFor(m_server->url());
    QNetworkRequest request(m_server->url(QStringLiteral("/bucket/object")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/octet-stream"));

    QBuffer buffer;
    QTemporaryFile file;
    PipeDevice pipe;
    QNetworkReply *reply = nullptr;
    if (kind == u"bytes") {
        reply = manager->put(request, body);
    } else if (kind == u"buffer") {
        buffer.setData(whole);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        QVERIFY(buffer.seek(5));
        reply = manager->put(request, &buffer);
    } else if (kind == u"file") {
        QVERIFY(file.open());
        QCOMPARE(file.write(body), body.size());
        QVERIFY(file.seek(0));
        reply = manager->put(request, &file);
    } else {
        reply = manager->put(request, &pipe);
        pipe.feed(body);
        pipe.finish();
    }
    const Outcome o = follow(manager.get(), reply);
    QVERIFY(o.finished);
    QCOMPARE(o.error, QNetworkReply::NoError);
    QCOMPARE(o.data, FaultServer::finalBody());
    QCOMPARE(o.signings, 2);

    const QList<FaultServer::Request> requests = m_server->requests();
    QCOMPARE(requests.size(), 2);
    for (const FaultServer::Request &r : requests) {
        QCOMPARE(r.body.size(), body.size());
        QVERIFY(r.body == body);
        QCOMPARE(r.header("x-amz-content-sha256"), AwsSigner::hashPayload(body));
    }
    const QString unverified = verifyAll(requests);
    QVERIFY2(unverified.isEmpty(), qPrintable(unverified));
    // Signed again, not the first signature sent twice.
    QVERIFY(requests.at(0).header("x-amz-date") != requests.at(1).header("x-amz-date"));
    QVERIFY(requests.at(0).header("authorization") != requests.at(1).header("authorization"));
    // The upload progress starts again with the second attempt and ends complete.
    const auto complete = qMakePair(qint64(body.size()), qint64(body.size()));
    QVERIFY(o.uploads.count(complete) >= 2);
}

void tst_Retries::streamedSequentialBodyNotRetried()
{
    const QByteArray body = QByteArray("streamed body ").repeated(100);
    m_server->setScript({ "503", "503" });
    auto manager = managerFor(m_server->url(), AwsSigningConfig::PayloadMode::StreamingSigned);
    QNetworkRequest request(m_server->url(QStringLiteral("/bucket/streamed")));
    request.setRawHeader("x-amz-decoded-content-length", QByteArray::number(body.size()));

    // Sequential: read while it is sent, it cannot be sent again.
    PipeDevice pipe;
    QNetworkReply *reply = manager->put(request, &pipe);
    pipe.feed(body);
    pipe.finish();
    const Outcome o = follow(manager.get(), reply);
    QVERIFY(o.finished);
    if (o.errorString.contains(u"not available in this build"))
        QSKIP("built without the payload layer (aws-chunked)");
    QCOMPARE(o.signings, 1);
    QCOMPARE(m_server->requestCount(), 1);
    QCOMPARE(o.error, QNetworkReply::ServiceUnavailableError);
    QVERIFY2(o.errorString.contains(u"not retried") && o.errorString.contains(u"cannot be sent again"),
             qPrintable(o.errorString));

    // The same upload from a random-access device is retried, and sent whole again.
    QBuffer buffer;
    buffer.setData(body);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    const Outcome again = follow(manager.get(), manager->put(request, &buffer));
    QCOMPARE(again.error, QNetworkReply::NoError);
    QCOMPARE(again.signings, 2);
    QCOMPARE(m_server->requestCount(), 3);
    QCOMPARE(m_server->requests().at(1).body, m_server->requests().at(2).body);
    QVERIFY(m_server->requests().at(2).body.contains(body.left(100)));
}

void tst_Retries::abortDuringBackoff()
{
    m_server->setScript({ "503" });
    auto manager = managerFor(m_server->url());
    manager->setRetryBaseDelay(20000); // the wait is up to 20 s: the abort comes first
    QNetworkReply *reply = manager->get(QNetworkRequest(m_server->url(QStringLiteral("/bucket/key"))));
    stopByDeleting = false;
    stopOnRetry = reply;
    const Outcome o = follow(manager.get(), reply, 10000);
    QVERIFY(o.finished);
    QCOMPARE(o.error, QNetworkReply::OperationCanceledError);
    QCOMPARE(o.finishedCount, 1);
    QCOMPARE(o.errorSignals, 1);
    QCOMPARE(o.metaDataChanges, 0);
    QVERIFY(o.data.isEmpty()); // nothing of the held 503
    QCOMPARE(o.signings, 1);
    QTest::qWait(300);
    QCOMPARE(m_server->requestCount(), 1); // no attempt after the abort
    delete reply;
}

void tst_Retries::deletedDuringBackoff()
{
    m_server->setScript({ "503" });
    auto manager = managerFor(m_server->url());
    manager->setRetryBaseDelay(100); // fires within 100 ms if it survived the reply
    QPointer<QNetworkReply> reply = manager->get(QNetworkRequest(m_server->url(QStringLiteral("/bucket/key"))));
    stopByDeleting = true;
    stopOnRetry = reply.data();
    QTRY_VERIFY_WITH_TIMEOUT(reply.isNull(), 10000);
    stopByDeleting = false;
    QTest::qWait(400);
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_Retries::settersBounded()
{
    AwsNetworkAccessManager manager;
    QCOMPARE(manager.maxAttempts(), 3);
    QCOMPARE(manager.retryBaseDelay(), 1000);
    manager.setMaxAttempts(0);
    QCOMPARE(manager.maxAttempts(), 1);
    manager.setMaxAttempts(1000);
    QCOMPARE(manager.maxAttempts(), 10);
    manager.setRetryBaseDelay(-1);
    QCOMPARE(manager.retryBaseDelay(), 0);
    manager.setRetryBaseDelay(1000000);
    QCOMPARE(manager.retryBaseDelay(), 20000);
}

// The second attempt goes on to moto, which checks its signature; the fault server checks
// both with AwsSignatureVerifier.
void tst_Retries::retriedRequestVerifiedByMoto()
{
    MotoServer moto;
    QTSIGV4_START_MOTO_OR_SKIP(moto);
    publishTestSecrets(moto.credentials());
    AwsStaticCredentialsProvider provider(moto.credentials());
    const QString bucket = QStringLiteral("qtsigv4-retries");
    QUrl bucketUrl = moto.endpoint();
    bucketUrl.setPath(QLatin1Char('/') + bucket);
    QVERIFY(moto.send("PUT", bucketUrl, QStringLiteral("s3")).ok());

    AwsSignatureVerifier verifier([&moto](const QString &id) {
        return id == moto.credentials().accessKeyId() ? moto.credentials() : AwsCredentials();
    });
    QList<bool> verified;
    m_server->setObserver([&verifier, &verified](const FaultServer::Request &r) {
        AwsHeaderList headers;
        for (auto it = r.headers.cbegin(); it != r.headers.cend(); ++it)
            headers.append({ it.key(), it.value() });
        const AwsHttpRequest http(r.method, r.target, headers, r.body);
        verified.append(verifier.verify(http).isValid());
    });
    m_server->setScript({ "slowdown", "relay" });
    m_server->setRelayPort(moto.port());

    AwsNetworkAccessManager manager;
    countSignatures(&manager);
    manager.addRule(AwsSigningRule::forBaseUrl(m_server->url(), QStringLiteral("s3"), moto.region(), &provider));
    manager.setRetryBaseDelay(5);
    const QByteArray body = QByteArray("stored after a retry ").repeated(50);
    const Outcome put = follow(&manager, manager.put(QNetworkRequest(m_server->url(QLatin1Char('/') + bucket + QStringLiteral("/object"))), body));
    QVERIFY2(put.error == QNetworkReply::NoError, qPrintable(put.errorString + moto.serverOutput().right(2000)));
    QCOMPARE(put.status, 200);
    QCOMPARE(put.signings, 2);
    QCOMPARE(verified, QList<bool>({ true, true }));

    QUrl objectUrl = bucketUrl;
    objectUrl.setPath(bucketUrl.path() + QStringLiteral("/object"));
    const MotoServer::Response stored = moto.send("GET", objectUrl, QStringLiteral("s3"));
    QVERIFY(stored.ok());
    QCOMPARE(stored.body, body);
}

QTEST_GUILESS_MAIN(tst_Retries)
#include "tst_retries.moc"
