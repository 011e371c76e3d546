// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// `sigv4 presign-post`: the JSON form of a POST policy (signature recomputed here with
// QMessageAuthenticationCode), the HTML form, the conditions, and bad input.
#include "sigv4process.h"

#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qmessageauthenticationcode.h>
#include <QtTest/qtest.h>

namespace {

const QString Secret = QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

QStringList arguments(const QStringList &extra)
{
    return QStringList { QStringLiteral("presign-post"), QStringLiteral("--region"), QStringLiteral("us-east-1"),
                         QStringLiteral("--time"), QStringLiteral("20151229T000000Z"),
                         QStringLiteral("--access-key-id"), QStringLiteral("AKIAIOSFODNN7EXAMPLE"),
                         QStringLiteral("--secret-access-key"), Secret }
            + extra;
}

QByteArray signingKey()
{
    QByteArray key = "AWS4" + Secret.toUtf8();
    for (const char *part : { "20151229", "us-east-1", "s3", "aws4_request" })
        key = QMessageAuthenticationCode::hash(part, key, QCryptographicHash::Sha256);
    return key;
}

} // namespace

class tst_Sigv4PresignPost : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void json();
    void html();
    void badInput_data();
    void badInput();
};

void tst_Sigv4PresignPost::json()
{
    const Sigv4Process::Result result = Sigv4Process::run(arguments(
            { QStringLiteral("--key-prefix"), QStringLiteral("user/user1/"), QStringLiteral("--field"),
              QStringLiteral("acl=public-read"), QStringLiteral("--starts-with"), QStringLiteral("Content-Type=image/"),
              QStringLiteral("--content-length-range"), QStringLiteral("1,1024"), QStringLiteral("--expires"),
              QStringLiteral("600"), QStringLiteral("sigv4examplebucket") }));
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY(!result.out.contains(Secret.toUtf8()));
    const QJsonObject document = QJsonDocument::fromJson(result.out).object();
    QCOMPARE(document.value(u"url").toString(), QStringLiteral("https://sigv4examplebucket.s3.us-east-1.amazonaws.com/"));
    const QJsonObject fields = document.value(u"fields").toObject();
    QCOMPARE(fields.value(u"key").toString(), QStringLiteral("user/user1/${filename}"));
    QCOMPARE(fields.value(u"acl").toString(), QStringLiteral("public-read"));
    QCOMPARE(fields.value(u"x-amz-credential").toString(),
             QStringLiteral("AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request"));
    const QByteArray policy = fields.value(u"policy").toString().toLatin1();
    QCOMPARE(fields.value(u"x-amz-signature").toString().toLatin1(),
             QMessageAuthenticationCode::hash(policy, signingKey(), QCryptographicHash::Sha256).toHex());
    const QJsonObject decoded = QJsonDocument::fromJson(QByteArray::fromBase64(policy)).object();
    QCOMPARE(decoded.value(u"expiration").toString(), QStringLiteral("2015-12-29T00:10:00.000Z"));
    const QJsonArray conditions = decoded.value(u"conditions").toArray();
    QVERIFY(conditions.contains(QJsonArray { QStringLiteral("starts-with"), QStringLiteral("$Content-Type"), QStringLiteral("image/") }));
    QVERIFY(conditions.contains(QJsonArray { QStringLiteral("content-length-range"), 1, 1024 }));
}

void tst_Sigv4PresignPost::html()
{
    const Sigv4Process::Result result = Sigv4Process::run(arguments(
            { QStringLiteral("--key"), QStringLiteral("a.txt"), QStringLiteral("--endpoint-url"),
              QStringLiteral("http://127.0.0.1:9000"), QStringLiteral("--html"), QStringLiteral("b") }));
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY(result.out.contains("<form action=\"http://127.0.0.1:9000/b\" method=\"post\""));
    QVERIFY(result.out.contains("name=\"x-amz-signature\""));
    QVERIFY(result.out.indexOf("type=\"file\"") > result.out.indexOf("name=\"x-amz-signature\""));
}

void tst_Sigv4PresignPost::badInput_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("no-bucket") << QStringList() << QByteArray("missing BUCKET");
    QTest::newRow("bad-range") << QStringList { QStringLiteral("--content-length-range"), QStringLiteral("9,1"), QStringLiteral("b") }
                               << QByteArray("--content-length-range");
    QTest::newRow("bad-field") << QStringList { QStringLiteral("--field"), QStringLiteral("novalue"), QStringLiteral("b") }
                               << QByteArray("NAME=VALUE");
    QTest::newRow("bad-expires") << QStringList { QStringLiteral("--expires"), QStringLiteral("0"), QStringLiteral("b") }
                                 << QByteArray("--expires");
}

void tst_Sigv4PresignPost::badInput()
{
    QFETCH(QStringList, extra);
    QFETCH(QByteArray, message);
    const Sigv4Process::Result result = Sigv4Process::run(arguments(extra));
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.startsWith("sigv4: ") && result.err.contains(message), result.err.constData());
    QCOMPARE(result.err.count('\n'), 1);
    QVERIFY(!result.err.contains(Secret.toUtf8()));
}

QTEST_GUILESS_MAIN(tst_Sigv4PresignPost)
#include "tst_sigv4presignpost.moc"
