// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// One AwsNetworkAccessManager, one moto_server URL, three services (S3, STS, DynamoDB): each
// request names its service with AwsNetworkAccessManager::ServiceAttribute. moto checks every
// signature, and the scope of each signed request names the service it was sent for.
#include "motoserver.h"
#include "replywait.h"

#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtNetwork/qnetworkreply.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

namespace {

struct Answer
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    QByteArray body;
    QByteArray scope; // the credential scope it was signed with
};

} // namespace

class tst_MultiServiceMoto : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void oneRuleEveryService_data();
    void oneRuleEveryService();
    void rulesKeyedByService();
    void ambiguousRequestIsRefused();
    void serviceWithoutRuleIsRefused();

private:
    QNetworkRequest request(const QString &service, const QString &path = QStringLiteral("/")) const;
    Answer call(AwsNetworkAccessManager &manager, const QNetworkRequest &request);

    std::unique_ptr<MotoServer> m_moto;
    std::unique_ptr<AwsStaticCredentialsProvider> m_provider;
};

void tst_MultiServiceMoto::initTestCase()
{
    m_moto.reset(new MotoServer);
    QTSIGV4_START_MOTO_OR_SKIP(*m_moto);
    m_provider.reset(new AwsStaticCredentialsProvider(m_moto->credentials()));
}

void tst_MultiServiceMoto::cleanupTestCase()
{
    m_provider.reset();
    m_moto.reset();
}

// The request of each service's read-only call: ListBuckets, GetCallerIdentity, ListTables.
QNetworkRequest tst_MultiServiceMoto::request(const QString &service, const QString &path) const
{
    QUrl url = m_moto->endpoint();
    url.setPath(path);
    QNetworkRequest request(url);
    if (!service.isEmpty())
        request.setAttribute(AwsNetworkAccessManager::ServiceAttribute, service);
    if (service == u"dynamodb") {
        request.setRawHeader("X-Amz-Target", "DynamoDB_20120810.ListTables");
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-amz-json-1.0"));
    }
    return request;
}

Answer tst_MultiServiceMoto::call(AwsNetworkAccessManager &manager, const QNetworkRequest &request)
{
    const QString service = request.attribute(AwsNetworkAccessManager::ServiceAttribute).toString();
    QSignalSpy signedSpy(&manager, &AwsNetworkAccessManager::requestSigned);
    QNetworkReply *reply = service == u"sts"
            ? manager.post(request, QByteArray("Action=GetCallerIdentity&Version=2011-06-15"))
            : service == u"dynamodb" ? manager.post(request, QByteArray("{}"))
                                     : manager.get(request);
    Answer a;
    if (!waitForReply(reply, 30000)) {
        a.errorString = QStringLiteral("timed out");
        delete reply;
        return a;
    }
    a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    a.error = reply->error();
    a.errorString = reply->errorString();
    a.body = reply->readAll();
    if (!signedSpy.isEmpty())
        a.scope = signedSpy.constFirst().at(1).value<AwsSigningResult>().credentialScope();
    delete reply;
    return a;
}

void tst_MultiServiceMoto::oneRuleEveryService_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QByteArray>("expected"); // in the answer
    QTest::newRow("s3") << QStringLiteral("s3") << QByteArray("ListAllMyBucketsResult");
    QTest::newRow("sts") << QStringLiteral("sts") << QByteArray("GetCallerIdentityResult");
    QTest::newRow("dynamodb") << QStringLiteral("dynamodb") << QByteArray("TableNames");
}

void tst_MultiServiceMoto::oneRuleEveryService()
{
    QFETCH(QString, service);
    QFETCH(QByteArray, expected);
    AwsNetworkAccessManager manager;
    // No service on the rule: each request names its own.
    manager.addRule(AwsSigningRule::forBaseUrl(m_moto->endpoint(), QString(), m_moto->region(), m_provider.get()));
    const Answer a = call(manager, request(service));
    QVERIFY2(a.status == 200, qPrintable(a.errorString + u' ' + QString::fromUtf8(a.body.left(400))));
    QVERIFY2(a.body.contains(expected), a.body.left(400).constData());
    QVERIFY2(a.scope.endsWith("/us-east-1/" + service.toLatin1() + "/aws4_request"), a.scope.constData());
}

void tst_MultiServiceMoto::rulesKeyedByService()
{
    AwsNetworkAccessManager manager;
    for (const char *service : { "s3", "sts", "dynamodb" })
        manager.addRule(AwsSigningRule::forBaseUrl(m_moto->endpoint(), QString::fromLatin1(service),
                                                   m_moto->region(), m_provider.get()));
    for (const QString &service : { QStringLiteral("dynamodb"), QStringLiteral("sts"), QStringLiteral("s3") }) {
        const Answer a = call(manager, request(service));
        QVERIFY2(a.status == 200, qPrintable(service + u' ' + a.errorString));
        QVERIFY2(a.scope.contains("/" + service.toLatin1() + "/"), a.scope.constData());
    }
    // A region of its own for one request.
    QNetworkRequest other = request(QStringLiteral("s3"));
    other.setAttribute(AwsNetworkAccessManager::RegionAttribute, QStringLiteral("eu-west-1"));
    const Answer a = call(manager, other);
    QVERIFY2(a.scope.endsWith("/eu-west-1/s3/aws4_request"), a.scope.constData());
}

void tst_MultiServiceMoto::ambiguousRequestIsRefused()
{
    AwsNetworkAccessManager manager;
    manager.addRule(AwsSigningRule::forBaseUrl(m_moto->endpoint(), QStringLiteral("s3"), m_moto->region(), m_provider.get()));
    manager.addRule(AwsSigningRule::forBaseUrl(m_moto->endpoint(), QStringLiteral("sts"), m_moto->region(), m_provider.get()));
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".")));
    const Answer a = call(manager, request(QString()));
    QCOMPARE(a.status, 0); // nothing was sent
    QCOMPARE(a.error, QNetworkReply::ProtocolInvalidOperationError);
    QVERIFY2(a.errorString.contains(QStringLiteral("several services (s3, sts)")), qPrintable(a.errorString));
    QVERIFY2(a.errorString.contains(QStringLiteral("ServiceAttribute")), qPrintable(a.errorString));
    QVERIFY(a.scope.isEmpty());
}

void tst_MultiServiceMoto::serviceWithoutRuleIsRefused()
{
    AwsNetworkAccessManager manager;
    manager.addRule(AwsSigningRule::forBaseUrl(m_moto->endpoint(), QStringLiteral("s3"), m_moto->region(), m_provider.get()));
    const Answer a = call(manager, request(QStringLiteral("sts")));
    QCOMPARE(a.status, 0);
    QCOMPARE(a.error, QNetworkReply::ProtocolInvalidOperationError);
    QVERIFY2(a.errorString.contains(QStringLiteral("is for service \"sts\", but the signing rules for it are for s3")),
             qPrintable(a.errorString));
}

QTEST_GUILESS_MAIN(tst_MultiServiceMoto)
#include "tst_multiservicemoto.moc"
