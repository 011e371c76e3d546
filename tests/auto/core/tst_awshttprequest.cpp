// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awshttprequest.h>

#include <QtCore/qurl.h>
#include <QtTest/qtest.h>

class tst_AwsHttpRequest : public QObject
{
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void parseErrors_data();
    void parseErrors();
    void headerEditing();
    void targetFromUrl_data();
    void targetFromUrl();
};

void tst_AwsHttpRequest::parse_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("headerCount");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("lf") << QByteArray("GET / HTTP/1.1\nHost:a") << QByteArray("/") << 1 << QByteArray();
    QTest::newRow("crlf-body") << QByteArray("PUT /k HTTP/1.1\r\nHost: a\r\nX: 1\r\n\r\nline1\r\nline2")
                               << QByteArray("/k") << 2 << QByteArray("line1\r\nline2");
    QTest::newRow("space-in-target") << QByteArray("GET /example space/ HTTP/1.1\nHost:a")
                                     << QByteArray("/example space/") << 1 << QByteArray();
    QTest::newRow("folded") << QByteArray("GET / HTTP/1.1\nHost:a\nX:v1\n  v2\n\tv3") << QByteArray("/") << 2 << QByteArray();
    QTest::newRow("empty-body-after-blank") << QByteArray("GET / HTTP/1.1\nHost:a\n\n") << QByteArray("/") << 1 << QByteArray();
    QTest::newRow("huge-header") << QByteArray("GET / HTTP/1.1\nHost:a\nX:" + QByteArray(1 << 20, 'v'))
                                 << QByteArray("/") << 2 << QByteArray();
}

void tst_AwsHttpRequest::parse()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, target);
    QFETCH(int, headerCount);
    QFETCH(QByteArray, body);
    QString error;
    const AwsHttpRequest request = AwsHttpRequest::fromRaw(raw, &error);
    QVERIFY2(!request.isNull(), qPrintable(error));
    QCOMPARE(request.target(), target);
    QCOMPARE(request.headers().size(), headerCount);
    QCOMPARE(request.body(), body);
    if (QTest::currentDataTag() == QByteArrayView("folded"))
        QCOMPARE(request.header("x"), QByteArray("v1 v2 v3"));
}

void tst_AwsHttpRequest::parseErrors_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QByteArray() << "empty request";
    QTest::newRow("blank") << QByteArray("\n\n") << "empty request";
    QTest::newRow("no-version") << QByteArray("GET /\nHost:a") << "line 1: expected a request line";
    QTest::newRow("no-target") << QByteArray("GET HTTP/1.1\nHost:a") << "line 1: expected a request line";
    QTest::newRow("header-line-first") << QByteArray("Host: a\n") << "line 1: expected a request line";
    QTest::newRow("bad-method") << QByteArray("G(T / HTTP/1.1\nHost:a") << "line 1: the method";
    QTest::newRow("no-colon") << QByteArray("GET / HTTP/1.1\nHost a") << "line 2: header without ':'";
    QTest::newRow("bad-name") << QByteArray("GET / HTTP/1.1\nHo st: a") << "line 2: invalid header name";
    QTest::newRow("empty-name") << QByteArray("GET / HTTP/1.1\n: a") << "line 2: invalid header name";
    QTest::newRow("orphan-fold") << QByteArray("GET / HTTP/1.1\n  folded") << "line 2: continuation";
    QTest::newRow("binary") << QByteArray("\xff\xfe\x00\x01", 4) << "line 1: expected a request line";
    // Not a path: signing these as one signed something else than what is sent (issue 13).
    QTest::newRow("spaced-method") << QByteArray("G E T / HTTP/1.1\nHost:a") << "line 1: the request target must be a path";
    QTest::newRow("absolute-form") << QByteArray("GET http://a/x HTTP/1.1\nHost:a") << "line 1: the request target must be a path";
    QTest::newRow("asterisk-form") << QByteArray("OPTIONS * HTTP/1.1\nHost:a") << "line 1: the request target must be a path";
    QTest::newRow("bad-version") << QByteArray("GET / HTTP/one\nHost:a") << "line 1: expected HTTP/1.0 or HTTP/1.1";
    QTest::newRow("control-in-target") << QByteArray("GET /a\x01" "b HTTP/1.1\nHost:a") << "line 1: control character";
}

void tst_AwsHttpRequest::parseErrors()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, message);
    QString error;
    QVERIFY(AwsHttpRequest::fromRaw(raw, &error).isNull());
    QVERIFY2(error.startsWith(message), qPrintable(error));
    QVERIFY(!error.contains(u'\n'));
}

void tst_AwsHttpRequest::headerEditing()
{
    AwsHttpRequest r("GET", "/p?q=1", { { "Host", "h" }, { "X-A", "1" }, { "x-a", "2" } });
    QCOMPARE(r.path(), QByteArray("/p"));
    QCOMPARE(r.query(), QByteArray("q=1"));
    QCOMPARE(r.header("X-a"), QByteArray("1,2"));
    r.setHeader("x-A", "3");
    QCOMPARE(r.headerValues("x-a"), QList<QByteArray>{ "3" });
    QCOMPARE(r.headers().at(1).first, QByteArray("X-A"));
    QCOMPARE(r.removeHeader("HOST"), 1);
    QVERIFY(!r.hasHeader("host"));
    const AwsHttpRequest copy = r;
    r.addHeader("Y", "z");
    QVERIFY(!copy.hasHeader("y")); // implicitly shared, detaches on write
}

void tst_AwsHttpRequest::targetFromUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("empty-path") << "https://h" << QByteArray("/");
    QTest::newRow("encoded-slash-kept") << "https://h/b/a%2Fb" << QByteArray("/b/a%2Fb");
    QTest::newRow("tilde-decoded") << "https://h/b/%7Ex" << QByteArray("/b/~x");
    QTest::newRow("plus-encoded") << "https://h/b/a+b?x=a+b" << QByteArray("/b/a%2Bb?x=a%2Bb");
    QTest::newRow("query-valueless") << "https://h/b?uploads" << QByteArray("/b?uploads=");
    QTest::newRow("query-order-kept") << "https://h/?z=1&a=2" << QByteArray("/?z=1&a=2");
}

void tst_AwsHttpRequest::targetFromUrl()
{
    QFETCH(QString, url);
    QFETCH(QByteArray, target);
    QCOMPARE(AwsHttpRequest::encodedTargetFor(QUrl(url)), target);
    const AwsHttpRequest r = AwsHttpRequest::fromUrl("GET", QUrl(url));
    QCOMPARE(r.headers().first().first, QByteArray("Host"));
}

QTEST_GUILESS_MAIN(tst_AwsHttpRequest)
#include "tst_awshttprequest.moc"
