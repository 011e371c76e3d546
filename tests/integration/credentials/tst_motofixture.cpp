// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// Self-test of the MotoServer fixture: it starts, its credentials work for signed calls, and
// moto really checks signatures after the setup calls.
#include "motoserver.h"

#include <QtTest/QtTest>

class tst_MotoFixture : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void signedCalls_data();
    void signedCalls();
    void badSignatureRejected();
    void authenticationCanBeSwitchedOff();

private:
    std::unique_ptr<MotoServer> m_moto;
};

void tst_MotoFixture::initTestCase()
{
    m_moto.reset(new MotoServer);
    QTSIGV4_START_MOTO_OR_SKIP(*m_moto);
    QVERIFY(m_moto->endpoint().isValid());
    QVERIFY(m_moto->credentials().isValid());
    QCOMPARE(m_moto->endpoint().host(), QStringLiteral("127.0.0.1"));
}

void tst_MotoFixture::signedCalls_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("expectInBody");

    QTest::newRow("sts GetCallerIdentity") << "sts" << QByteArray("POST") << "/"
                                           << "GetCallerIdentity" << "qtsigv4-test";
    QTest::newRow("iam GetUser") << "iam" << QByteArray("POST") << "/" << "GetUser"
                                 << "qtsigv4-test";
    QTest::newRow("s3 ListBuckets") << "s3" << QByteArray("GET") << "/" << QString()
                                    << "ListAllMyBucketsResult";
}

void tst_MotoFixture::signedCalls()
{
    QFETCH(QString, service);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, action);
    QFETCH(QString, expectInBody);

    MotoServer::Response r;
    if (!action.isEmpty()) {
        r = m_moto->callQueryApi(service, action,
                                 service == u"iam" ? QStringLiteral("2010-05-08")
                                                   : QStringLiteral("2011-06-15"));
    } else {
        QUrl url = m_moto->endpoint();
        url.setPath(path);
        r = m_moto->send(method, url, service);
    }
    QVERIFY2(r.ok(), qPrintable(QStringLiteral("%1 %2").arg(r.status).arg(r.errorString)));
    QVERIFY2(r.body.contains(expectInBody.toUtf8()), r.body.constData());
}

void tst_MotoFixture::badSignatureRejected()
{
    AwsCredentials wrong = m_moto->credentials();
    wrong.setSecretAccessKey(QStringLiteral("not-the-secret"));
    const MotoServer::Response r = m_moto->callQueryApi(
            QStringLiteral("sts"), QStringLiteral("GetCallerIdentity"),
            QStringLiteral("2011-06-15"), {}, wrong);
    QCOMPARE(r.status, 403);
    QVERIFY2(r.errorString.contains(QStringLiteral("SignatureDoesNotMatch")), qPrintable(r.errorString));
}

void tst_MotoFixture::authenticationCanBeSwitchedOff()
{
    AwsCredentials wrong = m_moto->credentials();
    wrong.setSecretAccessKey(QStringLiteral("not-the-secret"));
    QString error;
    QVERIFY2(m_moto->setAuthenticationEnabled(false, &error), qPrintable(error));
    MotoServer::Response r = m_moto->callQueryApi(QStringLiteral("sts"), QStringLiteral("GetCallerIdentity"),
                                                  QStringLiteral("2011-06-15"), {}, wrong);
    QVERIFY2(r.ok(), qPrintable(r.errorString));
    QVERIFY(m_moto->setAuthenticationEnabled(true));
    r = m_moto->callQueryApi(QStringLiteral("sts"), QStringLiteral("GetCallerIdentity"),
                             QStringLiteral("2011-06-15"), {}, wrong);
    QCOMPARE(r.status, 403);
}

QTEST_GUILESS_MAIN(tst_MotoFixture)
#include "tst_motofixture.moc"
