// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// A QQmlEngine with the QtSigV4 module loads a QML file whose XMLHttpRequest lists the buckets
// of moto_server (which verifies the signature) and gets a 200 answer.
#include "motoserver.h"

#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

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

QTEST_GUILESS_MAIN(tst_QmlSigning)
#include "tst_qmlsigning.moc"
