// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The redirect decision (src/network/awsredirect_p.h): every rule as a data row. The
// end-to-end behaviour (re-signing, stripping credentials) is in tst_awsnetworkaccessmanager
// and tst_httpsloopback.
#include "network/awsredirect_p.h"

#include <QtTest/QtTest>

using Op = QNetworkAccessManager::Operation;
using Policy = QNetworkRequest::RedirectPolicy;

class tst_AwsRedirect : public QObject
{
    Q_OBJECT
private slots:
    void decide_data();
    void decide();
    void sameOrigin_data();
    void sameOrigin();
};

void tst_AwsRedirect::decide_data()
{
    QTest::addColumn<QString>("current");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("location");
    QTest::addColumn<int>("operation");
    QTest::addColumn<int>("policy");
    QTest::addColumn<int>("redirectsSoFar");
    QTest::addColumn<int>("action");
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("sameOrigin");
    QTest::addColumn<bool>("becomesGet");
    QTest::addColumn<int>("error");

    const int follow = AwsRedirect::Follow, ask = AwsRedirect::AskCaller, refuse = AwsRedirect::Refuse;
    const int get = Op::GetOperation, post = Op::PostOperation, put = Op::PutOperation,
              head = Op::HeadOperation;
    const int noLessSafe = Policy::NoLessSafeRedirectPolicy, sameOriginPolicy = Policy::SameOriginRedirectPolicy,
              userVerified = Policy::UserVerifiedRedirectPolicy;
    const int none = QNetworkReply::NoError;
    const QString base = QStringLiteral("https://bucket.s3.amazonaws.com/a/b");

    QTest::newRow("relative path, same origin") << base << 307 << QByteArray("/c") << get << noLessSafe << 0
                                                << follow << "https://bucket.s3.amazonaws.com/c" << true << false << none;
    QTest::newRow("relative to the current path") << base << 302 << QByteArray("c?x=1") << get << noLessSafe << 0
                                                  << follow << "https://bucket.s3.amazonaws.com/a/c?x=1" << true << false << none;
    QTest::newRow("Location with spaces around") << base << 301 << QByteArray("  /d \r") << get << noLessSafe << 0
                                                 << follow << "https://bucket.s3.amazonaws.com/d" << true << false << none;
    QTest::newRow("other host") << base << 307 << QByteArray("https://evil.example/x") << get << noLessSafe << 0
                                << follow << "https://evil.example/x" << false << false << none;
    QTest::newRow("explicit default port is the same origin")
            << base << 307 << QByteArray("https://bucket.s3.amazonaws.com:443/x") << get << noLessSafe << 0
            << follow << "https://bucket.s3.amazonaws.com:443/x" << true << false << none;
    QTest::newRow("other port is another origin")
            << base << 307 << QByteArray("https://bucket.s3.amazonaws.com:8443/x") << get << noLessSafe << 0
            << follow << "https://bucket.s3.amazonaws.com:8443/x" << false << false << none;
    QTest::newRow("host case does not matter")
            << base << 307 << QByteArray("https://BUCKET.S3.amazonaws.com/x") << get << noLessSafe << 0
            << follow << "https://bucket.s3.amazonaws.com/x" << true << false << none;
    QTest::newRow("https to http refused (NoLessSafe)")
            << base << 301 << QByteArray("http://bucket.s3.amazonaws.com/x") << get << noLessSafe << 0
            << refuse << QString() << false << false << int(QNetworkReply::InsecureRedirectError);
    QTest::newRow("http to https allowed (NoLessSafe)")
            << "http://127.0.0.1:9000/x" << 301 << QByteArray("https://127.0.0.1:9443/x") << get << noLessSafe << 0
            << follow << "https://127.0.0.1:9443/x" << false << false << none;
    QTest::newRow("other origin refused (SameOrigin)")
            << base << 307 << QByteArray("https://other.example/x") << get << sameOriginPolicy << 0
            << refuse << QString() << false << false << int(QNetworkReply::InsecureRedirectError);
    QTest::newRow("same origin allowed (SameOrigin)")
            << base << 307 << QByteArray("/x") << get << sameOriginPolicy << 0
            << follow << "https://bucket.s3.amazonaws.com/x" << true << false << none;
    QTest::newRow("user verified asks the caller, even for a downgrade")
            << base << 302 << QByteArray("http://other.example/x") << get << userVerified << 0
            << ask << "http://other.example/x" << false << false << none;
    QTest::newRow("too many redirects") << base << 307 << QByteArray("/x") << get << noLessSafe << 50
                                        << refuse << QString() << false << false << int(QNetworkReply::TooManyRedirectsError);
    QTest::newRow("the last allowed redirect") << base << 307 << QByteArray("/x") << get << noLessSafe << 49
                                               << follow << "https://bucket.s3.amazonaws.com/x" << true << false << none;
    QTest::newRow("ftp target refused") << base << 302 << QByteArray("ftp://bucket/x") << get << noLessSafe << 0
                                        << refuse << QString() << false << false << int(QNetworkReply::ProtocolUnknownError);
    QTest::newRow("file target refused") << base << 302 << QByteArray("file:///etc/passwd") << get << noLessSafe << 0
                                         << refuse << QString() << false << false << int(QNetworkReply::ProtocolUnknownError);
    QTest::newRow("303 turns POST into GET") << base << 303 << QByteArray("/x") << post << noLessSafe << 0
                                             << follow << "https://bucket.s3.amazonaws.com/x" << true << true << none;
    QTest::newRow("303 turns PUT into GET") << base << 303 << QByteArray("/x") << put << noLessSafe << 0
                                            << follow << "https://bucket.s3.amazonaws.com/x" << true << true << none;
    QTest::newRow("303 keeps HEAD") << base << 303 << QByteArray("/x") << head << noLessSafe << 0
                                    << follow << "https://bucket.s3.amazonaws.com/x" << true << false << none;
    QTest::newRow("301 turns POST into GET") << base << 301 << QByteArray("/x") << post << noLessSafe << 0
                                             << follow << "https://bucket.s3.amazonaws.com/x" << true << true << none;
    QTest::newRow("302 turns POST into GET") << base << 302 << QByteArray("/x") << post << noLessSafe << 0
                                             << follow << "https://bucket.s3.amazonaws.com/x" << true << true << none;
    QTest::newRow("302 keeps PUT") << base << 302 << QByteArray("/x") << put << noLessSafe << 0
                                   << follow << "https://bucket.s3.amazonaws.com/x" << true << false << none;
    QTest::newRow("307 keeps POST") << base << 307 << QByteArray("/x") << post << noLessSafe << 0
                                    << follow << "https://bucket.s3.amazonaws.com/x" << true << false << none;
    QTest::newRow("308 keeps POST") << base << 308 << QByteArray("/x") << post << noLessSafe << 0
                                    << follow << "https://bucket.s3.amazonaws.com/x" << true << false << none;
}

void tst_AwsRedirect::decide()
{
    QFETCH(QString, current);
    QFETCH(int, status);
    QFETCH(QByteArray, location);
    QFETCH(int, operation);
    QFETCH(int, policy);
    QFETCH(int, redirectsSoFar);
    QFETCH(int, action);
    QFETCH(QString, target);
    QFETCH(bool, sameOrigin);
    QFETCH(bool, becomesGet);
    QFETCH(int, error);

    AwsRedirect::Answer answer;
    answer.current = QUrl(current);
    answer.status = status;
    answer.location = location;
    answer.operation = Op(operation);
    answer.policy = Policy(policy);
    answer.redirectsSoFar = redirectsSoFar;
    answer.maxRedirects = 50;
    const AwsRedirect redirect = AwsRedirect::decide(answer);

    QCOMPARE(int(redirect.action()), action);
    QCOMPARE(int(redirect.error()), error);
    if (action == AwsRedirect::Refuse) {
        QVERIFY(!redirect.errorString().isEmpty());
        return;
    }
    QVERIFY(redirect.errorString().isEmpty());
    QCOMPARE(redirect.target(), QUrl(target));
    QCOMPARE(redirect.isSameOrigin(), sameOrigin);
    QCOMPARE(redirect.becomesGet(), becomesGet);
}

void tst_AwsRedirect::sameOrigin_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    QTest::newRow("identical") << "http://h/x" << "http://h/y" << true;
    QTest::newRow("default port written") << "http://h/x" << "http://h:80/y" << true;
    QTest::newRow("scheme differs") << "http://h/x" << "https://h/x" << false;
    QTest::newRow("port differs") << "http://h:8080/x" << "http://h:8081/x" << false;
    QTest::newRow("subdomain differs") << "https://a.h/x" << "https://b.h/x" << false;
    QTest::newRow("user info does not matter") << "https://u@h/x" << "https://h/x" << true;
}

void tst_AwsRedirect::sameOrigin()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    QCOMPARE(AwsRedirect::sameOrigin(QUrl(a), QUrl(b)), same);
    QCOMPARE(AwsRedirect::sameOrigin(QUrl(b), QUrl(a)), same);
}

QTEST_APPLESS_MAIN(tst_AwsRedirect)
#include "tst_awsredirect.moc"
