// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// Our canonical requests and signatures against botocore's on random paths, queries and
// header fields (many, repeated, in any case, with whitespace to trim and collapse).
// botocore is optional: the test skips when python3 cannot import it.
#include <qtsigv4/awssigner.h>

#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qtimezone.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qprocess.h>
#include <QtCore/qrandom.h>
#include <QtCore/qstandardpaths.h>
#include <QtTest/qtest.h>

namespace {

const AwsCredentials Example(QStringLiteral("AKIDEXAMPLE"), QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
const QDateTime SigningTime(QDate(2015, 8, 30), QTime(12, 36), QTimeZone::utc());
const QByteArray Host = "example.amazonaws.com";

// Already-encoded path segments: names, dots, empties, escapes and raw sub-delimiters.
const QList<QByteArray> PathPieces = { "a", "b", "Zz9", ".", "..", "", "", "%2E", "...", ".b", "a%20b",
                                       "~x", "a-b_c", "%C3%A9", "a+b", "x=y", "it's", "(1)", "a*b",
                                       "a,b", "a;b", "a:b", "a@b", "a!b", "a$b" };
const QList<QByteArray> QueryPieces = { "a", "B", "x1", "a%20b", "a%2Fb", "~t", "a-b.c_d", "%E4%B8%AD", "" };

// S3 keys reach botocore's signer already encoded (its serializer quotes them), so S3 paths
// get their sub-delimiters encoded here too; other services' paths keep them raw.
QByteArray randomPath(QRandomGenerator &rng, bool s3)
{
    QByteArray path;
    const int segments = rng.bounded(0, 7);
    for (int i = 0; i < segments; ++i) {
        const QByteArray piece = PathPieces.at(rng.bounded(int(PathPieces.size())));
        path += '/' + (s3 ? QByteArray::fromPercentEncoding(piece).toPercentEncoding("~") : piece);
    }
    if (path.isEmpty() || rng.bounded(4) == 0)
        path += '/';
    return path;
}

QByteArray randomQuery(QRandomGenerator &rng)
{
    QByteArray query;
    const int pairs = rng.bounded(0, 4);
    for (int i = 0; i < pairs; ++i) {
        if (i > 0)
            query += '&';
        query += QueryPieces.at(rng.bounded(int(QueryPieces.size() - 1))) + '='
                + QueryPieces.at(rng.bounded(int(QueryPieces.size())));
    }
    return query;
}

// Header names (none botocore or we leave unsigned; prefixes of each other) and values.
const QList<QByteArray> HeaderNames = { "X-Custom", "x-custom", "Content-Type", "X-Amz-Meta-A", "x-amz-meta-b",
                                        "Accept", "X-A", "x-a-b", "X-Ab", "Range", "If-Match", "x-z" };
const QList<QByteArray> HeaderValues = { "v", "  spaced   out  ", "\ttab\there\t", "a,b", "", "   ",
                                         "long value with several   words   and\ttabs \v end",
                                         "0123456789abcdef0123", "=;:\"'", "01234567  89" };

// Up to 40 fields: beyond 32 the builder sorts with std::stable_sort instead of insertion.
AwsHeaderList randomHeaders(QRandomGenerator &rng)
{
    AwsHeaderList headers;
    const int count = rng.bounded(3) == 0 ? rng.bounded(0, 41) : 0;
    for (int i = 0; i < count; ++i) {
        headers.append({ HeaderNames.at(rng.bounded(int(HeaderNames.size()))),
                         HeaderValues.at(rng.bounded(int(HeaderValues.size()))) });
    }
    return headers;
}

struct Case
{
    QString service;
    QByteArray target;
    AwsHeaderList headers;
};

} // namespace

class tst_BotocoreParity : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void randomRequests_data();
    void randomRequests();

private:
    QList<QJsonObject> m_botocore;
    QList<Case> m_cases;
};

void tst_BotocoreParity::initTestCase()
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        QSKIP("no python3");
    QRandomGenerator rng(20261207);
    QByteArray input;
    for (int i = 0; i < 2000; ++i) {
        const QByteArray query = randomQuery(rng);
        const bool s3 = rng.bounded(4) == 0;
        const Case c{ s3 ? QStringLiteral("s3") : QStringLiteral("service"),
                      randomPath(rng, s3) + (query.isEmpty() ? QByteArray() : '?' + query), randomHeaders(rng) };
        m_cases.append(c);
        QJsonObject item{ { QStringLiteral("method"), QStringLiteral("GET") },
                          { QStringLiteral("url"), QString::fromLatin1("https://" + Host + c.target) },
                          { QStringLiteral("service"), c.service },
                          { QStringLiteral("time"), SigningTime.toString(u"yyyyMMdd'T'HHmmss'Z'") } };
        QJsonArray headerList;
        for (const auto &[name, value] : c.headers)
            headerList.append(QJsonArray{ QString::fromLatin1(name), QString::fromLatin1(value) });
        item[QStringLiteral("headerList")] = headerList;
        if (c.service == u"s3") // as the manager sends it for a bodiless request
            item[QStringLiteral("headers")] = QJsonObject{ { QStringLiteral("X-Amz-Content-SHA256"), QString::fromLatin1(AwsSigner::emptyPayloadHash()) } };
        input += QJsonDocument(item).toJson(QJsonDocument::Compact) + '\n';
    }
    QProcess process;
    process.start(python, { QStringLiteral(QTSIGV4_SOURCE_DIR "/tests/auto/core/botocore_canonical.py") });
    QVERIFY(process.waitForStarted());
    process.write(input);
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(120000));
    if (process.exitCode() == 3)
        QSKIP(qPrintable(QString::fromLocal8Bit(process.readAllStandardError())));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    const QList<QByteArray> lines = process.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(lines.size(), m_cases.size());
    for (const QByteArray &line : lines)
        m_botocore.append(QJsonDocument::fromJson(line).object());
}

void tst_BotocoreParity::randomRequests_data()
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < m_cases.size(); ++i)
        QTest::addRow("%s %s, %d header fields", qPrintable(m_cases.at(i).service), m_cases.at(i).target.constData(),
                      int(m_cases.at(i).headers.size())) << i;
}

void tst_BotocoreParity::randomRequests()
{
    QFETCH(int, index);
    const Case &c = m_cases.at(index);
    const AwsSigningConfig config(c.service, QStringLiteral("us-east-1"));
    const AwsSigningResult result = AwsSigner(config).sign(AwsHttpRequest("GET", c.target, AwsHeaderList{ { "Host", Host } } + c.headers),
                                                           Example, SigningTime);
    QVERIFY2(result.isValid(), qPrintable(result.errorString()));
    const QJsonObject expected = m_botocore.at(index);
    QCOMPARE(QString::fromLatin1(result.canonicalRequest()), expected[QStringLiteral("canonical")].toString());
    QCOMPARE(QString::fromLatin1(result.signedRequest().header("authorization")),
             expected[QStringLiteral("authorization")].toString());
}

QTEST_GUILESS_MAIN(tst_BotocoreParity)
#include "tst_botocoreparity.moc"
