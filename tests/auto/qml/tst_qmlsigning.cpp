// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// A QQmlEngine with the QtSigV4 module loads a QML file whose XMLHttpRequest lists the buckets
// of moto_server (which verifies the signature) and gets a 200 answer.
#include "motoserver.h"

#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awssignatureverifier.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qscopeguard.h>
#include <QtCore/qtemporarydir.h>
#include <QtNetwork/qnetworkreply.h>

#include <QtQml/qqmlcomponent.h>
#include <QtQml/qqmlengine.h>
#include <QtQml/qqmlnetworkaccessmanagerfactory.h>
#include <QtTest/qtest.h>

#include <memory>

class tst_QmlSigning : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void xmlHttpRequestIsSigned();
    void wrongSecretIsRefused();
    void presignWithTheDefaultChain();

private:
    std::unique_ptr<QObject> load(QQmlEngine &engine, const QString &secret);
    std::unique_ptr<MotoServer> m_moto;
};

void tst_QmlSigning::initTestCase()
{
    m_moto.reset(new MotoServer);
    QTSIGV4_START_MOTO_OR_SKIP(*m_moto);
    // The bucket is made through AwsNetworkAccessManager (moto verifies the signature).
    AwsStaticCredentialsProvider provider(m_moto->credentials());
    AwsNetworkAccessManager manager;
    manager.addRule(AwsSigningRule::forBaseUrl(m_moto->endpoint(), QStringLiteral("s3"),
                                               m_moto->region(), &provider));
    QNetworkReply *reply = manager.put(
            QNetworkRequest(m_moto->endpoint().resolved(QUrl(QStringLiteral("qml-bucket")))),
            QByteArray());
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 15000);
    QVERIFY2(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200,
             qPrintable(reply->errorString()));
    delete reply;
}

std::unique_ptr<QObject> tst_QmlSigning::load(QQmlEngine &engine, const QString &secret)
{
    engine.addImportPath(QStringLiteral(QTSIGV4_QML_IMPORT_DIR));
    QQmlComponent component(&engine, QUrl::fromLocalFile(QStringLiteral(QTSIGV4_QML_TEST_DIR "/listbuckets.qml")));
    if (!component.isReady()) {
        qWarning().noquote() << component.errorString();
        return nullptr;
    }
    std::unique_ptr<QObject> root(component.createWithInitialProperties(
            { { QStringLiteral("endpoint"), m_moto->endpoint() },
              { QStringLiteral("keyId"), m_moto->credentials().accessKeyId() },
              { QStringLiteral("secret"), secret } }));
    if (!root)
        qWarning().noquote() << component.errorString();
    return root;
}

void tst_QmlSigning::xmlHttpRequestIsSigned()
{
    QQmlEngine engine;
    std::unique_ptr<QObject> root = load(engine, m_moto->credentials().secretAccessKey());
    QVERIFY(root);
    QVERIFY(engine.networkAccessManagerFactory());
    QVERIFY(QMetaObject::invokeMethod(root.get(), "listBuckets"));
    QTRY_VERIFY_WITH_TIMEOUT(root->property("status").toInt() != 0, 15000);
    QCOMPARE(root->property("status").toInt(), 200);
    QVERIFY2(root->property("buckets").toStringList().contains(QStringLiteral("qml-bucket")),
             qPrintable(root->property("responseText").toString()));
}

void tst_QmlSigning::wrongSecretIsRefused()
{
    QQmlEngine engine;
    std::unique_ptr<QObject> root = load(engine, QStringLiteral("wrong-secret"));
    QVERIFY(root);
    QVERIFY(QMetaObject::invokeMethod(root.get(), "listBuckets"));
    QTRY_VERIFY_WITH_TIMEOUT(root->property("status").toInt() != 0, 15000);
    QCOMPARE(root->property("status").toInt(), 403);
    QVERIFY(root->property("responseText").toString().contains(QStringLiteral("SignatureDoesNotMatch")));
}

// AwsSigning.presign() without keys set on the element: the default chain (here the
// environment) gives the credentials, the URL comes through the callback, and a plain
// QNetworkAccessManager fetches the object with it.
void tst_QmlSigning::presignWithTheDefaultChain()
{
    QTemporaryDir home;
    QVERIFY(home.isValid());
    qputenv("HOME", home.path().toLocal8Bit()); // no ~/.aws of the machine's user
    qputenv("AWS_ACCESS_KEY_ID", m_moto->credentials().accessKeyId().toLatin1());
    qputenv("AWS_SECRET_ACCESS_KEY", m_moto->credentials().secretAccessKey().toLatin1());
    const auto unset = qScopeGuard([] {
        qunsetenv("AWS_ACCESS_KEY_ID");
        qunsetenv("AWS_SECRET_ACCESS_KEY");
    });

    AwsStaticCredentialsProvider provider(m_moto->credentials());
    AwsNetworkAccessManager manager;
    manager.addRule(AwsSigningRule::forBaseUrl(m_moto->endpoint(), QStringLiteral("s3"),
                                               m_moto->region(), &provider));
    const QUrl object = m_moto->endpoint().resolved(QUrl(QStringLiteral("qml-bucket/shared.txt")));
    QNetworkReply *put = manager.put(QNetworkRequest(object), QByteArray("shared from QML"));
    QTRY_VERIFY_WITH_TIMEOUT(put->isFinished(), 15000);
    QCOMPARE(put->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    delete put;

    QQmlEngine engine;
    engine.addImportPath(QStringLiteral(QTSIGV4_QML_IMPORT_DIR));
    QQmlComponent component(&engine, QUrl::fromLocalFile(QStringLiteral(QTSIGV4_QML_TEST_DIR "/presign.qml")));
    std::unique_ptr<QObject> root(component.createWithInitialProperties(
            { { QStringLiteral("endpoint"), m_moto->endpoint() } }));
    QVERIFY2(root, qPrintable(component.errorString()));
    QVariant immediate;
    QVERIFY(QMetaObject::invokeMethod(root.get(), "presignObject", Q_RETURN_ARG(QVariant, immediate),
                                      Q_ARG(QVariant, object.toString())));
    QTRY_VERIFY_WITH_TIMEOUT(root->property("done").toBool(), 15000);
    QCOMPARE(root->property("errorString").toString(), QString());
    const QUrl url(root->property("presignedUrl").toString());
    QVERIFY2(url.query().contains(QStringLiteral("X-Amz-Signature=")), qPrintable(url.toString()));
    QVERIFY(url.query().contains(m_moto->credentials().accessKeyId()));

    const AwsCredentials keys = m_moto->credentials();
    AwsSignatureVerifier verifier([keys](const QString &id) { return id == keys.accessKeyId() ? keys : AwsCredentials(); });
    const AwsVerificationResult verified = verifier.verify(AwsHttpRequest::fromUrl("GET", url), QDateTime::currentDateTimeUtc());
    QVERIFY2(verified.isValid(), qPrintable(verified.reason()));

    // moto 5.2.1 checking signatures answers 500 to any presigned URL: off for this request.
    QVERIFY(m_moto->setAuthenticationEnabled(false));
    const auto restore = qScopeGuard([this] { m_moto->setAuthenticationEnabled(true); });
    QNetworkAccessManager plain;
    QNetworkReply *get = plain.get(QNetworkRequest(url));
    QTRY_VERIFY_WITH_TIMEOUT(get->isFinished(), 15000);
    QCOMPARE(get->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(get->readAll(), QByteArray("shared from QML"));
    delete get;
}

QTEST_GUILESS_MAIN(tst_QmlSigning)
#include "tst_qmlsigning.moc"
