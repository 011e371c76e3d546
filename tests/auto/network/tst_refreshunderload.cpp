// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// Refresh under load (issue 18): 100 concurrent requests through one AwsNetworkAccessManager
// that find the credentials expired (or about to) cause exactly one fetch from the provider,
// and none of them is signed with credentials that have expired. The server of this test's own
// checks every signature with the credentials it expects.
#include "replywait.h"
#include "sigv4verifier.h"
#include "testhttpserver.h"

#include <qtsigv4/awscredentialsprovider.h>
#include <qtsigv4/awsnetworkaccessmanager.h>

#include <QtCore/qtimer.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qtest.h>

#include <memory>
#include <vector>

namespace {

const QString secretKey = QStringLiteral("load/SECRET+key=0123456789abcdefghijklmnop");

AwsCredentials credentialsNamed(const QString &keyId, const QDateTime &expiration)
{
    return AwsCredentials(keyId, secretKey, QStringLiteral("token-of-") + keyId, expiration);
}

// Counts startFetch() calls; each answers after a delay (a slow endpoint), with the next
// credentials set by the test.
class CountingProvider : public AwsCredentialsProvider
{
public:
    QString name() const override { return QStringLiteral("counting"); }
    int fetches = 0;
    AwsCredentials next;

protected:
    void startFetch() override
    {
        ++fetches;
        const AwsCredentials answer = next;
        QTimer::singleShot(300, this, [this, answer] { reportCredentials(answer); });
    }
};

} // namespace

class tst_RefreshUnderLoad : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void oneRefreshForManyRequests_data();
    void oneRefreshForManyRequests();
};

void tst_RefreshUnderLoad::oneRefreshForManyRequests_data()
{
    QTest::addColumn<bool>("expired");
    QTest::newRow("expired") << true;
    QTest::newRow("within the refresh margin") << false;
}

void tst_RefreshUnderLoad::oneRefreshForManyRequests()
{
    QFETCH(bool, expired);
    constexpr int requestCount = 100;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const AwsCredentials old = credentialsNamed(QStringLiteral("AKIDOLD"), now.addSecs(2));
    const AwsCredentials fresh = credentialsNamed(QStringLiteral("AKIDFRESH"), now.addSecs(3600));

    CountingProvider provider;
    provider.next = old;
    QCOMPARE(provider.waitForCredentials(10000).accessKeyId(), old.accessKeyId());
    provider.next = fresh;
    provider.fetches = 0;
    if (expired)
        QTRY_VERIFY_WITH_TIMEOUT(!provider.hasUsableCredentials(), 5000);
    else
        QTRY_VERIFY_WITH_TIMEOUT(provider.needsRefresh(), 5000); // half of 2 s is over

    // Every request must be signed with credentials valid when it was signed.
    TestHttpServer server;
    QVERIFY(server.listen());
    QStringList problems;
    server.setHandler([&](const TestHttpServer::Request &request) {
        const QByteArray keyId = request.header("authorization").contains("AKIDOLD/") ? "AKIDOLD" : "AKIDFRESH";
        const AwsCredentials &used = keyId == "AKIDOLD" ? old : fresh;
        const Sigv4Verification v = verifySigv4(request.method, request.target, request.headers,
                                                request.body, used);
        const QDateTime signedAt = AwsDate::parse(request.header("x-amz-date"));
        if (!v.ok)
            problems.append(v.error);
        else if (used.isExpired(signedAt))
            problems.append(QStringLiteral("signed at %1 with credentials expired at %2")
                                    .arg(signedAt.toString(Qt::ISODate),
                                         used.expiration().toString(Qt::ISODate)));
        return TestHttpServer::Response::text(v.ok ? 200 : 403, "done\n");
    });
    AwsNetworkAccessManager manager;
    manager.addRule(AwsSigningRule::forBaseUrl(server.url(QString()), QStringLiteral("s3"),
                                               QStringLiteral("us-east-1"), &provider));

    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (int i = 0; i < requestCount; ++i)
        replies.emplace_back(manager.get(QNetworkRequest(server.url(QStringLiteral("/object/%1").arg(i)))));
    for (const auto &reply : replies) {
        QVERIFY(waitForReply(reply.get(), 60000));
        QVERIFY2(reply->error() == QNetworkReply::NoError, qPrintable(reply->errorString()));
    }
    QCOMPARE(provider.fetches, 1);
    QCOMPARE(server.requestCount(), requestCount);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    if (expired) {
        for (const TestHttpServer::Request &request : server.requests())
            QVERIFY(request.header("authorization").contains("Credential=AKIDFRESH/"));
    }
    // Within the margin the refresh runs in the background while the old credentials sign:
    // the fresh ones arrive after the provider's 300 ms.
    QTRY_COMPARE(provider.currentCredentials().accessKeyId(), fresh.accessKeyId());
    QCOMPARE(provider.fetches, 1);
}

QTEST_MAIN(tst_RefreshUnderLoad)
#include "tst_refreshunderload.moc"
