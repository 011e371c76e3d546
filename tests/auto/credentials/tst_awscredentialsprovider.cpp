// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The provider base class: cache, queued answers, single-flight refresh ahead of expiry,
// failed refreshes, blocking waits from the provider's thread and from other threads, and
// concurrent readers. Also the static provider.
#include <qtsigv4/awscredentialsprovider.h>
#include <qtsigv4/awssigner.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qatomic.h>
#include <QtCore/qthread.h>
#include <QtCore/qtimer.h>
#include <QtTest/QtTest>

#include <functional>
#include <thread>
#include <vector>

// A provider whose answers the test controls: each startFetch() is counted and answered after
// `delayMs` with credentials that expire after `lifetimeMs` (or with an error).
class FakeProvider : public AwsCredentialsProvider
{
    Q_OBJECT
public:
    using AwsCredentialsProvider::AwsCredentialsProvider;
    QString name() const override { return QStringLiteral("fake"); }

    QAtomicInt fetches;
    int delayMs = 50;
    qint64 lifetimeMs = 3600 * 1000; // <= 0: no expiry
    bool fail = false;
    bool neverAnswer = false;
    bool answerSynchronously = false;

protected:
    void startFetch() override
    {
        const int n = fetches.fetchAndAddRelaxed(1) + 1;
        if (neverAnswer)
            return;
        auto answer = [this, n] {
            if (fail) {
                reportError(NetworkError, QStringLiteral("fake failure %1").arg(n));
                return;
            }
            const QDateTime expiry = lifetimeMs > 0
                    ? QDateTime::currentDateTimeUtc().addMSecs(lifetimeMs)
                    : QDateTime();
            reportCredentials(AwsCredentials(QStringLiteral("AKIDFAKE%1").arg(n),
                                             QStringLiteral("secret%1").arg(n),
                                             QStringLiteral("token%1").arg(n), expiry));
        };
        if (answerSynchronously)
            answer();
        else
            QTimer::singleShot(delayMs, this, answer);
    }
};

class tst_AwsCredentialsProvider : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    void answersAreQueued_data();
    void answersAreQueued();
    void freshCacheDoesNotRefetch();
    void singleFlight_data();
    void singleFlight();
    void refreshAheadOfExpiry();
    void shortLivedCredentialsScaleTheMargin_data();
    void shortLivedCredentialsScaleTheMargin();
    void expiringCredentialsRefreshedWhileSigning_data();
    void expiringCredentialsRefreshedWhileSigning();
    void failedRefreshKeepsValidCredentials();
    void failedRefreshReportsAfterExpiry();
    void retryIntervalAfterFailedRefresh();
    void invalidCredentialsAreErrors_data();
    void invalidCredentialsAreErrors();
    void invalidateForcesRefresh();

    void waitSameThread_data();
    void waitSameThread();
    void waitFromOtherThreads_data();
    void waitFromOtherThreads();
    void fetchFromOtherThread();
    void concurrentReadersDuringRefreshes();

    void staticProvider_data();
    void staticProvider();
    void staticProviderSetCredentials();
    void errorNames();
};

void tst_AwsCredentialsProvider::initTestCase()
{
    qRegisterMetaType<AwsCredentials>();
    qRegisterMetaType<AwsCredentialsProvider::Error>();
}

void tst_AwsCredentialsProvider::answersAreQueued_data()
{
    QTest::addColumn<bool>("synchronous");
    QTest::newRow("provider answers later") << false;
    QTest::newRow("provider answers inside startFetch") << true;
}

void tst_AwsCredentialsProvider::answersAreQueued()
{
    QFETCH(bool, synchronous);
    FakeProvider provider;
    provider.answerSynchronously = synchronous;
    provider.delayMs = 0;
    QSignalSpy ready(&provider, &AwsCredentialsProvider::credentialsReady);
    provider.fetch();
    QCOMPARE(ready.count(), 0); // never from within fetch()
    QVERIFY(ready.wait(2000));
    QCOMPARE(ready.count(), 1);
    QCOMPARE(ready.at(0).at(0).value<AwsCredentials>().accessKeyId(), QStringLiteral("AKIDFAKE1"));
    QCOMPARE(ready.at(0).at(0).value<AwsCredentials>().providerName(), QStringLiteral("fake"));

    // A fresh cache answers too, but also queued.
    provider.fetch();
    QCOMPARE(ready.count(), 1);
    QTRY_COMPARE(ready.count(), 2);
    QCOMPARE(provider.fetches.loadRelaxed(), 1);
}

void tst_AwsCredentialsProvider::freshCacheDoesNotRefetch()
{
    FakeProvider provider;
    provider.lifetimeMs = 3600 * 1000;
    QSignalSpy ready(&provider, &AwsCredentialsProvider::credentialsReady);
    QVERIFY(provider.needsRefresh());
    QVERIFY(!provider.hasUsableCredentials());
    provider.fetch();
    QVERIFY(ready.wait(2000));
    QVERIFY(!provider.needsRefresh());
    QVERIFY(provider.hasUsableCredentials());
    for (int i = 0; i < 50; ++i)
        provider.fetch();
    QTRY_COMPARE(ready.count(), 51);
    QCOMPARE(provider.fetches.loadRelaxed(), 1);
    QCOMPARE(provider.currentCredentials().accessKeyId(), QStringLiteral("AKIDFAKE1"));
}

void tst_AwsCredentialsProvider::singleFlight_data()
{
    QTest::addColumn<int>("callers");
    QTest::newRow("1") << 1;
    QTest::newRow("10") << 10;
    QTest::newRow("100") << 100;
}

void tst_AwsCredentialsProvider::singleFlight()
{
    QFETCH(int, callers);
    FakeProvider provider;
    provider.delayMs = 100;
    QSignalSpy ready(&provider, &AwsCredentialsProvider::credentialsReady);
    for (int i = 0; i < callers; ++i) {
        provider.fetch();
        QVERIFY(provider.isFetching());
    }
    QVERIFY(ready.wait(2000));
    QTest::qWait(50);
    QCOMPARE(provider.fetches.loadRelaxed(), 1);
    QCOMPARE(ready.count(), 1); // one answer for everybody who waited
    QVERIFY(!provider.isFetching());
}

void tst_AwsCredentialsProvider::refreshAheadOfExpiry()
{
    FakeProvider provider;
    provider.lifetimeMs = 4 * 1000;
    provider.setRefreshMarginSeconds(2);
    QCOMPARE(provider.refreshMarginSeconds(), qint64(2));
    QSignalSpy ready(&provider, &AwsCredentialsProvider::credentialsReady);
    provider.fetch();
    QVERIFY(ready.wait(2000));
    QVERIFY(!provider.needsRefresh());
    const AwsCredentials first = provider.currentCredentials();

    // Inside the margin: still usable, so fetch() answers at once with them and refreshes in
    // the background.
    QTRY_VERIFY_WITH_TIMEOUT(provider.needsRefresh(), 3000);
    QVERIFY(provider.hasUsableCredentials());
    ready.clear();
    provider.fetch();
    QVERIFY(provider.isFetching());
    QVERIFY(ready.wait(1000));
    QCOMPARE(ready.at(0).at(0).value<AwsCredentials>(), first);
    QTRY_COMPARE(provider.fetches.loadRelaxed(), 2);
    QTRY_VERIFY(!provider.isFetching());
    QCOMPARE(provider.currentCredentials().accessKeyId(), QStringLiteral("AKIDFAKE2"));
}

void tst_AwsCredentialsProvider::shortLivedCredentialsScaleTheMargin_data()
{
    QTest::addColumn<qint64>("lifetimeMs");
    QTest::addColumn<qint64>("margin");
    QTest::addColumn<bool>("refreshSoon"); // within the test's 5 s
    // Shorter-lived than the 300 s default margin: refreshed after half their lifetime, not
    // on every fetch().
    QTest::newRow("4 s, default margin") << qint64(4000) << qint64(300) << true;
    QTest::newRow("4 s, margin 5 s") << qint64(4000) << qint64(5) << true;
    // Half of 1.9 s is 950 ms, not the 0 s of whole seconds (then they were only refreshed
    // once expired: a slow board lost the 1 s it had between arrival and refresh).
    QTest::newRow("1.9 s, default margin") << qint64(1900) << qint64(300) << true;
    // Long-lived ones keep the configured margin.
    QTest::newRow("1 h, default margin") << qint64(3600 * 1000) << qint64(300) << false;
}

void tst_AwsCredentialsProvider::shortLivedCredentialsScaleTheMargin()
{
    QFETCH(qint64, lifetimeMs);
    QFETCH(qint64, margin);
    QFETCH(bool, refreshSoon);
    FakeProvider provider;
    provider.lifetimeMs = lifetimeMs;
    provider.delayMs = 10;
    provider.setRefreshMarginSeconds(margin);
    QVERIFY(provider.waitForCredentials(5000).isValid());
    QCOMPARE(provider.refreshMarginSeconds(), margin); // the configured value is kept
    QVERIFY(!provider.needsRefresh());
    for (int i = 0; i < 10; ++i) {
        provider.fetch();
        QTest::qWait(20);
    }
    QCOMPARE(provider.fetches.loadRelaxed(), 1); // no back-to-back refreshes
    if (!refreshSoon)
        return;
    QTRY_VERIFY_WITH_TIMEOUT(provider.needsRefresh(), 5000);
    QVERIFY(provider.hasUsableCredentials()); // refreshed ahead of the expiry, as before
    provider.fetch();
    QTRY_COMPARE(provider.fetches.loadRelaxed(), 2);
}

void tst_AwsCredentialsProvider::expiringCredentialsRefreshedWhileSigning_data()
{
    QTest::addColumn<qint64>("margin");
    QTest::addColumn<bool>("waitForExpiry");
    // Requests arrive inside the refresh margin: they are signed at once with the old
    // credentials while one background refresh runs.
    QTest::newRow("inside refresh margin") << qint64(2) << false;
    // Requests arrive after expiry: they all wait for the one refresh.
    QTest::newRow("after expiry") << qint64(0) << true;
}

void tst_AwsCredentialsProvider::expiringCredentialsRefreshedWhileSigning()
{
    QFETCH(qint64, margin);
    QFETCH(bool, waitForExpiry);
    FakeProvider provider;
    provider.lifetimeMs = 3 * 1000;
    provider.delayMs = 200;
    provider.setRefreshMarginSeconds(margin);
    QVERIFY(provider.waitForCredentials(5000).isValid());
    QCOMPARE(provider.fetches.loadRelaxed(), 1);

    if (waitForExpiry)
        QTRY_VERIFY_WITH_TIMEOUT(!provider.hasUsableCredentials(), 5000);
    else
        QTRY_VERIFY_WITH_TIMEOUT(provider.needsRefresh(), 5000);

    // 100 concurrent sign requests, each waiting for credentials the way a network manager does.
    const AwsSigner signer(AwsSigningConfig(QStringLiteral("s3"), QStringLiteral("us-east-1")));
    const AwsHttpRequest request = AwsHttpRequest::fromUrl(
            "GET", QUrl(QStringLiteral("https://examplebucket.s3.amazonaws.com/key")));
    int signedOk = 0;
    int pending = 0;
    QStringList keyIds;
    for (int i = 0; i < 100; ++i) {
        ++pending;
        auto *connection = new QMetaObject::Connection;
        *connection = connect(&provider, &AwsCredentialsProvider::credentialsReady, this,
                              [&, connection](const AwsCredentials &credentials) {
                                  disconnect(*connection);
                                  delete connection;
                                  --pending;
                                  const AwsSigningResult result = signer.sign(request, credentials);
                                  if (result.isValid())
                                      ++signedOk;
                                  keyIds.append(credentials.accessKeyId());
                              });
        provider.fetch();
    }
    QTRY_COMPARE_WITH_TIMEOUT(pending, 0, 5000);
    QCOMPARE(signedOk, 100);
    QTRY_VERIFY(!provider.isFetching());
    QCOMPARE(provider.fetches.loadRelaxed(), 2); // exactly one refresh for the 100 requests
    QCOMPARE(provider.currentCredentials().accessKeyId(), QStringLiteral("AKIDFAKE2"));
    if (waitForExpiry) {
        QCOMPARE(keyIds.count(QStringLiteral("AKIDFAKE2")), 100);
    } else {
        // Old credentials are still used while the refresh runs.
        QVERIFY(keyIds.count(QStringLiteral("AKIDFAKE1")) > 0);
    }
}

void tst_AwsCredentialsProvider::failedRefreshKeepsValidCredentials()
{
    FakeProvider provider;
    provider.lifetimeMs = 6 * 1000; // the margin is then 3 s (half the lifetime)
    provider.setRetryIntervalSeconds(0);
    QSignalSpy ready(&provider, &AwsCredentialsProvider::credentialsReady);
    QSignalSpy failed(&provider, &AwsCredentialsProvider::credentialsFailed);
    const AwsCredentials first = provider.waitForCredentials(5000);
    QVERIFY(first.isValid());
    QTRY_VERIFY_WITH_TIMEOUT(provider.needsRefresh(), 5000);

    provider.fail = true;
    ready.clear();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("keeping the current ones")));
    provider.fetch();
    QVERIFY(ready.wait(1000));
    QTRY_COMPARE(provider.fetches.loadRelaxed(), 2);
    QTRY_VERIFY(!provider.isFetching());
    QCOMPARE(failed.count(), 0);
    QCOMPARE(provider.currentCredentials(), first);
    QCOMPARE(provider.error(), AwsCredentialsProvider::NetworkError);
    QVERIFY(provider.errorString().contains(QStringLiteral("fake failure")));

    AwsCredentialsProvider::Error error = AwsCredentialsProvider::UnknownError;
    QCOMPARE(provider.waitForCredentials(1000, &error), first);
    QCOMPARE(error, AwsCredentialsProvider::NoError);
}

void tst_AwsCredentialsProvider::failedRefreshReportsAfterExpiry()
{
    FakeProvider provider;
    provider.lifetimeMs = 1 * 1000;
    provider.delayMs = 10;
    provider.setRefreshMarginSeconds(0);
    QVERIFY(provider.waitForCredentials(5000).isValid());
    provider.fail = true;
    QTRY_VERIFY_WITH_TIMEOUT(!provider.hasUsableCredentials(), 3000);

    QSignalSpy failed(&provider, &AwsCredentialsProvider::credentialsFailed);
    provider.fetch();
    QVERIFY(failed.wait(2000));
    QCOMPARE(failed.at(0).at(0).value<AwsCredentialsProvider::Error>(),
             AwsCredentialsProvider::NetworkError);

    AwsCredentialsProvider::Error error = AwsCredentialsProvider::NoError;
    QString message;
    QVERIFY(provider.waitForCredentials(2000, &error, &message).isNull());
    QCOMPARE(error, AwsCredentialsProvider::NetworkError);
    QVERIFY(message.contains(QStringLiteral("fake failure")));
}

void tst_AwsCredentialsProvider::retryIntervalAfterFailedRefresh()
{
    FakeProvider provider;
    provider.lifetimeMs = 6 * 1000; // the margin is then 3 s (half the lifetime)
    provider.delayMs = 10;
    provider.setRetryIntervalSeconds(1);
    QVERIFY(provider.waitForCredentials(5000).isValid());
    QTRY_VERIFY_WITH_TIMEOUT(provider.needsRefresh(), 5000);
    provider.fail = true;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("keeping the current ones")));
    provider.fetch();
    QTRY_COMPARE(provider.fetches.loadRelaxed(), 2);
    QTRY_VERIFY(!provider.isFetching());
    for (int i = 0; i < 20; ++i)
        provider.fetch();
    QTest::qWait(100);
    QCOMPARE(provider.fetches.loadRelaxed(), 2); // still cooling down
    QTest::qWait(1100);
    provider.fail = false;
    provider.fetch();
    QTRY_COMPARE(provider.fetches.loadRelaxed(), 3);
    QTRY_COMPARE(provider.currentCredentials().accessKeyId(), QStringLiteral("AKIDFAKE3"));
    QCOMPARE(provider.error(), AwsCredentialsProvider::NoError);
}

class ReportingProvider : public AwsCredentialsProvider
{
    Q_OBJECT
public:
    explicit ReportingProvider(const AwsCredentials &c) : m_credentials(c) { }
    QString name() const override { return QStringLiteral("reporting"); }

protected:
    void startFetch() override { reportCredentials(m_credentials); }

private:
    AwsCredentials m_credentials;
};

void tst_AwsCredentialsProvider::invalidCredentialsAreErrors_data()
{
    QTest::addColumn<AwsCredentials>("credentials");
    QTest::addColumn<AwsCredentialsProvider::Error>("expected");
    QTest::newRow("null") << AwsCredentials() << AwsCredentialsProvider::InvalidConfigurationError;
    QTest::newRow("no secret") << AwsCredentials(QStringLiteral("AKID"), QString())
                               << AwsCredentialsProvider::InvalidConfigurationError;
    QTest::newRow("expired") << AwsCredentials(QStringLiteral("AKID"), QStringLiteral("s"),
                                               QString(),
                                               QDateTime::currentDateTimeUtc().addSecs(-5))
                             << AwsCredentialsProvider::ExpiredError;
}

void tst_AwsCredentialsProvider::invalidCredentialsAreErrors()
{
    QFETCH(AwsCredentials, credentials);
    QFETCH(AwsCredentialsProvider::Error, expected);
    ReportingProvider provider(credentials);
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::NoError;
    QString message;
    QVERIFY(provider.waitForCredentials(2000, &error, &message).isNull());
    QCOMPARE(error, expected);
    QVERIFY(message.contains(QStringLiteral("reporting")));
}

void tst_AwsCredentialsProvider::invalidateForcesRefresh()
{
    FakeProvider provider;
    QVERIFY(provider.waitForCredentials(2000).isValid());
    provider.invalidate();
    QVERIFY(provider.needsRefresh());
    QVERIFY(provider.currentCredentials().isNull());
    QCOMPARE(provider.waitForCredentials(2000).accessKeyId(), QStringLiteral("AKIDFAKE2"));
}

void tst_AwsCredentialsProvider::waitSameThread_data()
{
    QTest::addColumn<bool>("fail");
    QTest::addColumn<bool>("neverAnswer");
    QTest::addColumn<AwsCredentialsProvider::Error>("expected");
    QTest::newRow("success") << false << false << AwsCredentialsProvider::NoError;
    QTest::newRow("failure") << true << false << AwsCredentialsProvider::NetworkError;
    QTest::newRow("time-out") << false << true << AwsCredentialsProvider::TimeoutError;
}

void tst_AwsCredentialsProvider::waitSameThread()
{
    QFETCH(bool, fail);
    QFETCH(bool, neverAnswer);
    QFETCH(AwsCredentialsProvider::Error, expected);
    FakeProvider provider;
    provider.fail = fail;
    provider.neverAnswer = neverAnswer;
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::UnknownError;
    QString message;
    QElapsedTimer timer;
    timer.start();
    const AwsCredentials credentials = provider.waitForCredentials(300, &error, &message);
    QCOMPARE(error, expected);
    QCOMPARE(credentials.isValid(), expected == AwsCredentialsProvider::NoError);
    QVERIFY(timer.elapsed() < 2000);
    if (expected == AwsCredentialsProvider::TimeoutError) {
        QVERIFY(timer.elapsed() >= 290);
        QVERIFY2(message.contains(QStringLiteral("fake")), qPrintable(message));
    }
}

void tst_AwsCredentialsProvider::waitFromOtherThreads_data()
{
    QTest::addColumn<int>("threads");
    QTest::addColumn<bool>("fail");
    QTest::newRow("1 thread") << 1 << false;
    QTest::newRow("8 threads") << 8 << false;
    QTest::newRow("8 threads, failure") << 8 << true;
}

void tst_AwsCredentialsProvider::waitFromOtherThreads()
{
    QFETCH(int, threads);
    QFETCH(bool, fail);
    FakeProvider provider; // lives in the main thread, which keeps its event loop running
    provider.delayMs = 200;
    provider.fail = fail;
    QAtomicInt ok;
    QAtomicInt failures;
    QAtomicInt finished;
    // std::thread rather than QThread: its join is visible to ThreadSanitizer (an
    // uninstrumented Qt hides QThread::wait()).
    std::vector<std::thread> workers;
    for (int i = 0; i < threads; ++i) {
        workers.emplace_back([&] {
            AwsCredentialsProvider::Error error = AwsCredentialsProvider::NoError;
            const AwsCredentials c = provider.waitForCredentials(5000, &error);
            if (c.isValid() && error == AwsCredentialsProvider::NoError)
                ok.ref();
            if (error == AwsCredentialsProvider::NetworkError)
                failures.ref();
            finished.ref();
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(finished.loadRelaxed(), threads, 10000);
    for (auto &worker : workers)
        worker.join();
    QCOMPARE(ok.loadRelaxed(), fail ? 0 : threads);
    QCOMPARE(failures.loadRelaxed(), fail ? threads : 0);
    QCOMPARE(provider.fetches.loadRelaxed(), 1);
}

void tst_AwsCredentialsProvider::fetchFromOtherThread()
{
    FakeProvider provider;
    QSignalSpy ready(&provider, &AwsCredentialsProvider::credentialsReady);
    std::thread worker([&] { provider.fetch(); });
    worker.join();
    QVERIFY(ready.wait(2000));
    QCOMPARE(provider.fetches.loadRelaxed(), 1);
}

void tst_AwsCredentialsProvider::concurrentReadersDuringRefreshes()
{
    // Readers in 8 threads read and sign with currentCredentials() while the provider's thread
    // replaces the credentials 50 times. Run under TSan to check the locking.
    FakeProvider provider;
    provider.delayMs = 0;
    provider.lifetimeMs = 3600 * 1000;
    QVERIFY(provider.waitForCredentials(2000).isValid());
    QAtomicInt stop;
    QAtomicInt signatures;
    QAtomicInt bad;
    std::vector<std::thread> readers;
    for (int t = 0; t < 8; ++t) {
        readers.emplace_back([&] {
            const AwsSigner signer(AwsSigningConfig(QStringLiteral("sts"), QStringLiteral("us-east-1")));
            const AwsHttpRequest request = AwsHttpRequest::fromUrl(
                    "POST", QUrl(QStringLiteral("https://sts.amazonaws.com/")), {}, "Action=GetCallerIdentity");
            while (!stop.loadAcquire()) {
                const AwsCredentials c = provider.currentCredentials();
                if (c.isNull()) { // between invalidate() and the refresh
                    signatures.ref();
                    continue;
                }
                const bool consistent = c.accessKeyId().mid(8) == c.secretAccessKey().mid(6)
                        && c.secretAccessKey().mid(6) == c.sessionToken().mid(5);
                if (!consistent || !signer.sign(request, c).isValid())
                    bad.ref();
                (void)provider.needsRefresh();
                (void)provider.hasUsableCredentials();
                signatures.ref();
            }
        });
    }
    // At least 50 replacements, and go on until the readers did real work (threads may start
    // late on a loaded machine), within 10 s.
    QElapsedTimer elapsed;
    elapsed.start();
    for (int i = 0; (i < 50 || signatures.loadRelaxed() < 2000) && elapsed.elapsed() < 10000; ++i) {
        provider.invalidate();
        QVERIFY(provider.waitForCredentials(2000).isValid());
        if (i >= 50)
            QThread::msleep(1);
    }
    stop.storeRelease(1);
    for (auto &reader : readers)
        reader.join();
    QVERIFY(signatures.loadRelaxed() > 0);
    QCOMPARE(bad.loadRelaxed(), 0); // never a torn value, always signable
}

void tst_AwsCredentialsProvider::staticProvider_data()
{
    QTest::addColumn<AwsCredentials>("credentials");
    QTest::addColumn<AwsCredentialsProvider::Error>("expected");
    QTest::newRow("key and secret")
            << AwsCredentials(QStringLiteral("AKIDEXAMPLE"), QStringLiteral("S3CR3TV4LU3"))
            << AwsCredentialsProvider::NoError;
    QTest::newRow("with token and future expiry")
            << AwsCredentials(QStringLiteral("ASIAEXAMPLE"), QStringLiteral("S3CR3TV4LU3"),
                              QStringLiteral("token"), QDateTime::currentDateTimeUtc().addSecs(3600))
            << AwsCredentialsProvider::NoError;
    QTest::newRow("null") << AwsCredentials() << AwsCredentialsProvider::NotConfiguredError;
    QTest::newRow("no secret") << AwsCredentials(QStringLiteral("AKID"), QString())
                               << AwsCredentialsProvider::NotConfiguredError;
    QTest::newRow("expired")
            << AwsCredentials(QStringLiteral("ASIAEXAMPLE"), QStringLiteral("S3CR3TV4LU3"),
                              QStringLiteral("token"), QDateTime::currentDateTimeUtc().addSecs(-1))
            << AwsCredentialsProvider::ExpiredError;
}

void tst_AwsCredentialsProvider::staticProvider()
{
    QFETCH(AwsCredentials, credentials);
    QFETCH(AwsCredentialsProvider::Error, expected);
    AwsStaticCredentialsProvider provider(credentials);
    QCOMPARE(provider.name(), QStringLiteral("static"));
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::UnknownError;
    QString message;
    const AwsCredentials result = provider.waitForCredentials(1000, &error, &message);
    QCOMPARE(error, expected);
    if (expected == AwsCredentialsProvider::NoError) {
        QCOMPARE(result, credentials);
        QCOMPARE(result.providerName(), QStringLiteral("static"));
    } else {
        QVERIFY(result.isNull());
        QVERIFY(!message.isEmpty());
        QVERIFY(!message.contains(QStringLiteral("S3CR3TV4LU3")));
    }
}

void tst_AwsCredentialsProvider::staticProviderSetCredentials()
{
    AwsStaticCredentialsProvider provider(AwsCredentials(QStringLiteral("AKID1"), QStringLiteral("s1")));
    QCOMPARE(provider.waitForCredentials(1000).accessKeyId(), QStringLiteral("AKID1"));
    QSignalSpy ready(&provider, &AwsCredentialsProvider::credentialsReady);
    provider.setCredentials(AwsCredentials(QStringLiteral("AKID2"), QStringLiteral("s2")));
    QCOMPARE(provider.currentCredentials().accessKeyId(), QStringLiteral("AKID2"));
    QCOMPARE(ready.count(), 1);
    provider.setCredentials(AwsCredentials());
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::NoError;
    QVERIFY(provider.waitForCredentials(1000, &error).isNull());
    QCOMPARE(error, AwsCredentialsProvider::NotConfiguredError);
}

void tst_AwsCredentialsProvider::errorNames()
{
    QCOMPARE(AwsCredentialsProvider::errorName(AwsCredentialsProvider::ChainExhaustedError),
             QStringLiteral("ChainExhaustedError"));
    QCOMPARE(AwsCredentialsProvider::errorName(AwsCredentialsProvider::NoError),
             QStringLiteral("NoError"));
}

QTEST_GUILESS_MAIN(tst_AwsCredentialsProvider)
#include "tst_awscredentialsprovider.moc"
