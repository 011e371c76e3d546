// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// AwsSigning configured for AWS IoT Core credentials (issue 18): a QML XMLHttpRequest is signed
// with the credentials an mTLS credentials endpoint of this test's own hands to the device
// certificate; the service (a loopback HTTP server) verifies the signature.
#include "sigv4verifier.h"
#include "testcertificateauthority.h"
#include "testhttpsserver.h"
#include "testsecrets.h"

#include <QtNetwork/qsslsocket.h>
#include <QtQml/qqmlcomponent.h>
#include <QtQml/qqmlengine.h>
#include <QtTest/qtest.h>

#include <memory>

namespace {
const QString secretKey = QStringLiteral("qmliot/SECRET+key=abcdefghijklmnopqrstuvwxyz");
const QString sessionToken = QStringLiteral("qmliot/SESSION+token=for-the-qml-device");
const AwsCredentials deviceCredentials(QStringLiteral("ASIAQMLDEVICE"), secretKey, sessionToken);
} // namespace

class tst_QmlIotCredentials : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void xmlHttpRequestSignedWithDeviceCredentials();
};

void tst_QmlIotCredentials::xmlHttpRequestSignedWithDeviceCredentials()
{
    if (!QSslSocket::supportsSsl() || !TestCertificateAuthority::isOpensslAvailable())
        QSKIP("needs a TLS backend and the openssl command");
    publishTestSecrets(deviceCredentials);
    TestCertificateAuthority serverCa(QStringLiteral("server CA"));
    TestCertificateAuthority deviceCa(QStringLiteral("device CA"));
    QVERIFY2(serverCa.isValid() && deviceCa.isValid(),
             qPrintable(serverCa.errorString() + deviceCa.errorString()));
    const auto serverIdentity = serverCa.issue(QStringLiteral("iot"), { QStringLiteral("IP:127.0.0.1") });
    const auto device = deviceCa.issue(QStringLiteral("qml-thing"), {});
    QVERIFY(serverIdentity.isValid() && device.isValid());

    TestHttpsServer iot(serverIdentity.certificate, serverIdentity.key);
    iot.setClientCaCertificates({ deviceCa.certificate() });
    QVERIFY(iot.listen());
    iot.setHandler([](const TestHttpServer::Request &request) {
        if (request.peerCommonName != "qml-thing" || request.header("x-amzn-iot-thingname") != "qml-thing"
            || request.path() != "/role-aliases/qml-alias/credentials")
            return TestHttpServer::Response::json(403, "{}");
        const QByteArray expiration =
                QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate).toLatin1();
        return TestHttpServer::Response::json(
                200, "{\"credentials\":{\"accessKeyId\":\"ASIAQMLDEVICE\",\"secretAccessKey\":\""
                             + secretKey.toUtf8() + "\",\"sessionToken\":\"" + sessionToken.toUtf8()
                             + "\",\"expiration\":\"" + expiration + "\"}}");
    });
    TestHttpServer service;
    QVERIFY(service.listen());
    service.setHandler([](const TestHttpServer::Request &request) {
        const Sigv4Verification v = verifySigv4(request.method, request.target, request.headers,
                                                request.body, deviceCredentials);
        return v.ok ? TestHttpServer::Response::text(200, "signed by the device\n")
                    : TestHttpServer::Response::text(403, v.error.toUtf8());
    });

    QQmlEngine engine;
    engine.addImportPath(QStringLiteral(QTSIGV4_QML_IMPORT_DIR));
    QQmlComponent component(&engine);
    component.setData(R"(
import QtQml
import QtSigV4
QtObject {
    id: root
    property string endpoint
    property string iotEndpoint
    property string certificateFile
    property string keyFile
    property string caFile
    property int status: 0
    property string responseText
    property AwsSigning signing: AwsSigning {
        endpoint: root.endpoint
        service: "s3"
        region: "us-east-1"
        iotEndpoint: root.iotEndpoint
        iotRoleAlias: "qml-alias"
        iotThingName: "qml-thing"
        iotCertificateFile: root.certificateFile
        iotPrivateKeyFile: root.keyFile
        iotCaFile: root.caFile
    }
    function get() {
        const xhr = new XMLHttpRequest()
        xhr.onreadystatechange = () => {
            if (xhr.readyState === XMLHttpRequest.DONE) { root.responseText = xhr.responseText; root.status = xhr.status }
        }
        xhr.open("GET", root.endpoint + "/bucket/key")
        xhr.send()
    }
}
)", QUrl::fromLocalFile(QStringLiteral(QTSIGV4_QML_TEST_DIR "/iot.qml")));
    QTRY_VERIFY(!component.isLoading());
    QVERIFY2(component.isReady(), qPrintable(component.errorString()));
    std::unique_ptr<QObject> root(component.createWithInitialProperties(
            { { QStringLiteral("endpoint"), service.url(QString()).toString() },
              { QStringLiteral("iotEndpoint"), QStringLiteral("127.0.0.1:%1").arg(iot.port()) },
              { QStringLiteral("certificateFile"), device.certificatePath },
              { QStringLiteral("keyFile"), QUrl::fromLocalFile(device.keyPath).toString() },
              { QStringLiteral("caFile"), serverCa.certificatePath() } }));
    QVERIFY2(root, qPrintable(component.errorString()));
    QVERIFY(engine.networkAccessManagerFactory());
    QVERIFY(QMetaObject::invokeMethod(root.get(), "get"));
    QTRY_VERIFY_WITH_TIMEOUT(root->property("status").toInt() != 0, 30000);
    QCOMPARE(root->property("responseText").toString(), QStringLiteral("signed by the device\n"));
    QCOMPARE(root->property("status").toInt(), 200);
    QCOMPARE(iot.requestCount(), 1);
    QCOMPARE(service.requestCount(), 1);
}

QTEST_MAIN(tst_QmlIotCredentials)
#include "tst_qmliotcredentials.moc"
