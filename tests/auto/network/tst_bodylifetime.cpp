// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// Lifetimes under load (issue 13, item 11), against a loopback server of this test's own: a
// body device deleted while it is hashed or before it is sent fails the reply (never an empty
// body reported as a success, never a read of freed memory), and credentials that expired
// while the request waited for them are fetched again instead of being signed with.
#include "sigv4verifier.h"
#include "testhttpserver.h"
#include "testsecrets.h"

#include <qtsigv4/awscredentialsprovider.h>
#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qtemporaryfile.h>
#include <QtCore/qthread.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qtest.h>

#include "replywait.h"

#include <atomic>
#include <memory>

namespace {

const QString secretKey = QStringLiteral("lifetime/SECRET+key=abcdefghij0123456789");
const AwsCredentials staticCredentials(QStringLiteral("AKIDLIFETIME"), secretKey);

// A random-access device that is neither a QBuffer nor a QFile, slow enough to be deleted in
// the middle of the hashing. Reads after its destruction are counted (a plain build would
// otherwise only see them as a crash, if at all; ASan as a heap-use-after-free).
std::atomic<bool> deviceDestroyed { false };
std::atomic<int> readsAfterDestruction { 0 };
std::atomic<int> reads { 0 };

class SlowDevice : public QIODevice
{
public:
    explicit SlowDevice(qint64 size) : m_size(size) { open(QIODevice::ReadOnly); }
    ~SlowDevice() override { deviceDestroyed = true; }
    qint64 size() const override { return m_size; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (deviceDestroyed)
            ++readsAfterDestruction;
        ++reads;
        QThread::msleep(2);
        const qint64 n = qMax<qint64>(0, qMin(maxSize, m_size - pos()));
        memset(data, 'd', size_t(n));
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    qint64 m_size;
};

// Delivers what the test says, when the test says: the first fetch gets first, later ones
// get later.
class ScriptedProvider : public AwsCredentialsProvider
{
public:
    QString name() const override { return QStringLiteral("scripted"); }
    AwsCredentials first;
    AwsCredentials later;
    bool hold = false; // answer only on deliver()
    int fetches = 0;
    void deliver() { reportCredentials(fetches <= 1 ? first : later); }

protected:
    void startFetch() override
    {
        ++fetches;
        if (!hold)
            deliver();
    }
};

} // namespace

class tst_BodyLifetime : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void fileDeletedWhileHashing();
    void deviceDeletedWhileHashing();
    void deviceDeletedWhileWaitingForCredentials();
    void credentialsExpiredBeforeSigning();

private:
    QNetworkRequest request() const;
    void useProvider(AwsCredentialsProvider *provider);
    void verifyFailedForDeletion(QNetworkReply *reply);

    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<AwsStaticCredentialsProvider> m_provider;
    std::unique_ptr<AwsNetworkAccessManager> m_manager;
};

void tst_BodyLifetime::initTestCase()
{
    publishTestSecrets(staticCredentials);
}

void tst_BodyLifetime::init()
{
    m_server.reset(new TestHttpServer);
    QVERIFY(m_server->listen());
    m_server->setHandler([](const TestHttpServer::Request &) { return TestHttpServer::Response::text(200, "stored"); });
    m_provider.reset(new AwsStaticCredentialsProvider(staticCredentials));
    m_manager.reset(new AwsNetworkAccessManager);
    useProvider(m_provider.get());
    m_manager->setAsyncHashThreshold(1); // every body on the worker
}

void tst_BodyLifetime::cleanup()
{
    m_manager.reset();
    m_provider.reset();
    m_server.reset();
}

void tst_BodyLifetime::useProvider(AwsCredentialsProvider *provider)
{
    m_manager->setRules({ AwsSigningRule::forBaseUrl(m_server->url(QString()), QStringLiteral("s3"),
                                                     QStringLiteral("us-east-1"), provider) });
}

QNetworkRequest tst_BodyLifetime::request() const
{
    QNetworkRequest r(m_server->url(QStringLiteral("/bucket/object")));
    r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/octet-stream"));
    return r;
}

void tst_BodyLifetime::verifyFailedForDeletion(QNetworkReply *reply)
{
    QVERIFY(waitForReply(reply, 20000));
    QCOMPARE(reply->error(), QNetworkReply::UnknownContentError);
    QVERIFY2(reply->errorString().contains(QStringLiteral(" was destroyed before ")),
             qPrintable(reply->errorString()));
    QCOMPARE(m_server->requestCount(), 0); // nothing sent: neither an empty body nor a stale one
}

void tst_BodyLifetime::fileDeletedWhileHashing()
{
    QTemporaryFile storage;
    QVERIFY(storage.open());
    const QByteArray chunk(1 << 20, 'f');
    for (int i = 0; i < 64; ++i)
        storage.write(chunk);
    QVERIFY(storage.flush());
    auto *file = new QFile(storage.fileName());
    QVERIFY(file->open(QIODevice::ReadOnly));
    std::unique_ptr<QNetworkReply> reply(m_manager->put(request(), file));
    delete file; // against put()'s contract, while the worker hashes it
    verifyFailedForDeletion(reply.get());
    QVERIFY2(reply->errorString().contains(storage.fileName()), qPrintable(reply->errorString()));
}

void tst_BodyLifetime::deviceDeletedWhileHashing()
{
    deviceDestroyed = false;
    readsAfterDestruction = 0;
    reads = 0;
    auto *device = new SlowDevice(64 << 20);
    std::unique_ptr<QNetworkReply> reply(m_manager->put(request(), device));
    QTRY_VERIFY_WITH_TIMEOUT(reads > 0, 10000); // the hashing has begun
    delete device;
    verifyFailedForDeletion(reply.get());
    // The class is all there is to name (SlowDevice has no Q_OBJECT).
    QVERIFY2(reply->errorString().contains(QStringLiteral("request body QIODevice")), qPrintable(reply->errorString()));
    QTest::qWait(100); // a worker still reading would do it now
    QCOMPARE(readsAfterDestruction.load(), 0);
}

void tst_BodyLifetime::deviceDeletedWhileWaitingForCredentials()
{
    ScriptedProvider provider;
    provider.first = staticCredentials;
    provider.hold = true;
    useProvider(&provider);
    m_manager->setAsyncHashThreshold(qint64(1) << 40);
    QTemporaryFile storage;
    QVERIFY(storage.open());
    storage.write("a small body");
    QVERIFY(storage.flush());
    auto *file = new QFile(storage.fileName());
    QVERIFY(file->open(QIODevice::ReadOnly));
    std::unique_ptr<QNetworkReply> reply(m_manager->put(request(), file));
    QTRY_COMPARE_WITH_TIMEOUT(provider.fetches, 1, 10000); // hashed; waiting for credentials
    delete file;
    provider.deliver();
    verifyFailedForDeletion(reply.get());
}

void tst_BodyLifetime::credentialsExpiredBeforeSigning()
{
    ScriptedProvider provider;
    provider.first = AwsCredentials(QStringLiteral("AKIDSHORTLIVED"), secretKey, QString(),
                                    QDateTime::currentDateTimeUtc().addMSecs(800));
    provider.later = AwsCredentials(QStringLiteral("AKIDREFETCHED"), secretKey, QString(),
                                    QDateTime::currentDateTimeUtc().addSecs(3600));
    useProvider(&provider);
    m_manager->setAsyncHashThreshold(qint64(1) << 40); // hashed at once: credentials asked in put()
    std::unique_ptr<QNetworkReply> reply(m_manager->put(request(), QByteArray("payload")));
    QCOMPARE(provider.fetches, 1); // credentialsReady is queued: it arrives after this
    QThread::msleep(1200);         // a busy event loop: they expire on the way
    QVERIFY(waitForReply(reply.get(), 20000));
    QVERIFY2(reply->error() == QNetworkReply::NoError, qPrintable(reply->errorString()));
    QCOMPARE(provider.fetches, 2);
    QCOMPARE(m_server->requestCount(), 1);
    const TestHttpServer::Request sent = m_server->requests().constFirst();
    const Sigv4Verification v = verifySigv4(sent.method, sent.target, sent.headers, sent.body, provider.later);
    QVERIFY2(v.ok, qPrintable(v.error));
    QCOMPARE(v.accessKeyId, QByteArray("AKIDREFETCHED"));
}

QTEST_GUILESS_MAIN(tst_BodyLifetime)
#include "tst_bodylifetime.moc"
