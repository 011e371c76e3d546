// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The canonical request builder the signer and the verifier share: the cases its fast paths
// treat specially (insertion sort up to 32 fields and stable_sort above, values without
// whitespace copied as they are, paths without dot or empty segments not normalised, the
// query sorted through views) written out by hand.
#include "core/awscanonicalrequest_p.h"

#include <QtTest/qtest.h>

using namespace QtSigV4Private;

namespace {

const QByteArray Payload = "UNSIGNED-PAYLOAD";

// The canonical request of a GET / with these headers, every one of them signed.
QByteArray withHeaders(const AwsHeaderList &headers, const AwsHeaderList &added = {})
{
    const AwsCanonicalRequest canonical(headers, added, [](const QByteArray &) { return true; });
    AwsCanonicalRequest::Target target;
    target.method = "GET";
    target.path = "/";
    return canonical.build(target, canonical.signedHeaders(), Payload);
}

QByteArray expectedWith(const QByteArray &lines, const QByteArray &names)
{
    return "GET\n/\n\n" + lines + '\n' + names + '\n' + Payload;
}

// count fields named x-a ... x-e in turn (each name count / 5 times), valued by their index.
AwsHeaderList repeatedFields(int count)
{
    AwsHeaderList headers;
    for (int i = 0; i < count; ++i)
        headers.append({ QByteArray("X-") + char('E' - i % 5), QByteArray::number(i) });
    return headers;
}

QByteArray repeatedLines(int count)
{
    QByteArray lines;
    for (int name = 4; name >= 0; --name) { // x-a holds the indexes 4, 9, 14, ...
        lines += QByteArray("x-") + char('e' - name) + ':';
        for (int i = name; i < count; i += 5)
            lines += QByteArray::number(i) + (i + 5 < count ? "," : "");
        lines += '\n';
    }
    return lines;
}

} // namespace

class tst_AwsCanonicalRequest : public QObject
{
    Q_OBJECT
private slots:
    void headers_data();
    void headers();
    void signedPredicate();
    void query_data();
    void query();
    void uri_data();
    void uri();
    void stringToSign();
};

void tst_AwsCanonicalRequest::headers_data()
{
    QTest::addColumn<AwsHeaderList>("headers");
    QTest::addColumn<AwsHeaderList>("added");
    QTest::addColumn<QByteArray>("lines");
    QTest::addColumn<QByteArray>("names");

    QTest::newRow("sorted-lower-cased") << AwsHeaderList{ { "X-B", "2" }, { "a", "1" }, { "C", "3" } } << AwsHeaderList()
                                        << QByteArray("a:1\nc:3\nx-b:2\n") << QByteArray("a;c;x-b");
    QTest::newRow("prefix-names") << AwsHeaderList{ { "x-ab", "1" }, { "x-a", "2" }, { "x-a-b", "3" } } << AwsHeaderList()
                                  << QByteArray("x-a:2\nx-a-b:3\nx-ab:1\n") << QByteArray("x-a;x-a-b;x-ab");
    QTest::newRow("repeated-in-order") << AwsHeaderList{ { "X-A", "first" }, { "b", "x" }, { "x-a", "second" }, { "X-A", " third " } }
                                       << AwsHeaderList() << QByteArray("b:x\nx-a:first,second,third\n") << QByteArray("b;x-a");
    QTest::newRow("added-merged") << AwsHeaderList{ { "Host", "h" }, { "Z", "z" } } << AwsHeaderList{ { "X-Amz-Date", "d" }, { "host", "again" } }
                                  << QByteArray("host:h,again\nx-amz-date:d\nz:z\n") << QByteArray("host;x-amz-date;z");
    QTest::newRow("trim-collapse-long") << AwsHeaderList{ { "x-long", "\t  The quick   brown\tfox  jumps\t\t over \r\n  the lazy dog  " } }
                                        << AwsHeaderList() << QByteArray("x-long:The quick brown fox jumps over the lazy dog\n")
                                        << QByteArray("x-long");
    // Values of 8 bytes and more are scanned for whitespace a word at a time.
    QTest::newRow("no-whitespace-words") << AwsHeaderList{ { "a", "0123456789abcdefXYZ" }, { "b", "01234567 89abcdef" },
                                                           { "c", "01234567  89\v" }, { "d", "0123456789abcde\f" } }
                                         << AwsHeaderList()
                                         << QByteArray("a:0123456789abcdefXYZ\nb:01234567 89abcdef\nc:01234567 89\nd:0123456789abcde\n")
                                         << QByteArray("a;b;c;d");
    // Bytes above 0x7f are neither whitespace (0xa0 is Latin-1's no-break space) nor folded.
    QTest::newRow("non-ascii") << AwsHeaderList{ { "X-\xc3\x89t\xc3\xa9", "caf\xc3\xa9  \xa0x\x85" }, { "x-z", "\xff" } } << AwsHeaderList()
                               << QByteArray("x-z:\xff\nx-\xc3\x89t\xc3\xa9:caf\xc3\xa9 \xa0x\x85\n") << QByteArray("x-z;x-\xc3\x89t\xc3\xa9");
    QTest::newRow("empty-values") << AwsHeaderList{ { "x-empty", "" }, { "x-blank", " \t " }, { "x-empty", "" } } << AwsHeaderList()
                                  << QByteArray("x-blank:\nx-empty:,\n") << QByteArray("x-blank;x-empty");
    QTest::newRow("name-whitespace") << AwsHeaderList{ { " X-Pad \t", "v" } } << AwsHeaderList()
                                     << QByteArray("x-pad:v\n") << QByteArray("x-pad");
    QTest::newRow("no-headers") << AwsHeaderList() << AwsHeaderList() << QByteArray() << QByteArray();
    // Insertion sort up to 32 fields, std::stable_sort above: both keep repeated fields in order.
    for (int count : { 20, 32, 33, 40, 400 }) {
        QTest::addRow("repeated-%d-fields", count) << repeatedFields(count) << AwsHeaderList() << repeatedLines(count)
                                                   << QByteArray("x-a;x-b;x-c;x-d;x-e");
    }
    AwsHeaderList many;
    QByteArray manyLines, manyNames;
    for (int i = 0; i < 60; ++i) {
        const QByteArray name = "x-h" + QByteArray::number(i).rightJustified(2, '0');
        many.prepend({ name.toUpper(), "  v " + QByteArray::number(i) });
        manyLines += name + ":v " + QByteArray::number(i) + '\n';
        manyNames += (i ? ";" : "") + name;
    }
    QTest::newRow("many-fields-reversed") << many << AwsHeaderList() << manyLines << manyNames;
}

void tst_AwsCanonicalRequest::headers()
{
    QFETCH(AwsHeaderList, headers);
    QFETCH(AwsHeaderList, added);
    QFETCH(QByteArray, lines);
    QFETCH(QByteArray, names);
    QCOMPARE(withHeaders(headers, added), expectedWith(lines, names));
}

void tst_AwsCanonicalRequest::signedPredicate()
{
    const AwsHeaderList headers{ { "Host", "h" }, { "User-Agent", "u" }, { "X-Amz-Date", "d" }, { "user-agent", "v" } };
    QList<QByteArray> asked;
    const AwsCanonicalRequest canonical(headers, {}, [&asked](const QByteArray &name) {
        asked.append(QByteArray(name.constData(), name.size())); // name is valid during the call only
        return name != "user-agent";
    });
    QCOMPARE(asked, QList<QByteArray>({ "host", "user-agent", "x-amz-date", "user-agent" }));
    QCOMPARE(canonical.signedHeaders(), QByteArray("host;x-amz-date"));
}

void tst_AwsCanonicalRequest::query_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QByteArray>("drop");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("empty") << QByteArray() << QByteArray() << QByteArray();
    QTest::newRow("only-separators") << QByteArray("&&") << QByteArray() << QByteArray();
    QTest::newRow("empty-items") << QByteArray("&&x=1&") << QByteArray() << QByteArray("x=1");
    QTest::newRow("equal-keys-by-value") << QByteArray("a=2&a=1&a=10&b&a=") << QByteArray()
                                         << QByteArray("a=&a=1&a=10&a=2&b=");
    QTest::newRow("equal-pairs") << QByteArray("k=v&k=v&j") << QByteArray() << QByteArray("j=&k=v&k=v");
    QTest::newRow("upper-before-lower") << QByteArray("b=1&B=1&a=1") << QByteArray() << QByteArray("B=1&a=1&b=1");
    QTest::newRow("sorted-after-encoding") << QByteArray("k=a b&k=a%20a&k=a%2a") << QByteArray()
                                           << QByteArray("k=a%20a&k=a%20b&k=a%2A");
    QTest::newRow("decoded-unreserved") << QByteArray("%41=%7e&%2F=/") << QByteArray() << QByteArray("%2F=%2F&A=~");
    QTest::newRow("equals-in-value") << QByteArray("x=1=2") << QByteArray() << QByteArray("x=1%3D2");
    QTest::newRow("non-ascii") << QByteArray("\xc3\xa9=\xff") << QByteArray() << QByteArray("%C3%A9=%FF");
    QTest::newRow("drop-key") << QByteArray("X-Amz-Signature=abc&b=1&X-Amz-%53ignature=d") << QByteArray("X-Amz-Signature")
                              << QByteArray("b=1");
    QTest::newRow("drop-key-only") << QByteArray("X-Amz-Signature=abc") << QByteArray("X-Amz-Signature") << QByteArray();
    QTest::newRow("drop-key-is-exact") << QByteArray("X-Amz-Signatures=1") << QByteArray("X-Amz-Signature")
                                       << QByteArray("X-Amz-Signatures=1");
}

void tst_AwsCanonicalRequest::query()
{
    QFETCH(QByteArray, query);
    QFETCH(QByteArray, drop);
    QFETCH(QByteArray, expected);
    const AwsCanonicalRequest canonical({ { "host", "h" } }, {}, [](const QByteArray &) { return true; });
    AwsCanonicalRequest::Target target;
    target.method = "GET";
    target.path = "/";
    target.query = query;
    const QByteArrayView dropKey = drop.isEmpty() ? QByteArrayView() : QByteArrayView(drop);
    QCOMPARE(canonical.build(target, "host", Payload, nullptr, 0, dropKey),
             "GET\n/\n" + expected + "\nhost:h\n\nhost\n" + Payload);

    // Parameters added by the caller (presigning) are sorted in with the request's own.
    const QueryParameter extra[] = { { "X-Amz-Date", "20150830T123600Z" }, { "a", "0" } };
    QByteArray merged = expected;
    const QByteArray date = "X-Amz-Date=20150830T123600Z";
    QList<QByteArray> items = merged.isEmpty() ? QList<QByteArray>() : merged.split('&');
    items << date << "a=0";
    std::sort(items.begin(), items.end());
    QCOMPARE(canonical.build(target, "host", Payload, extra, 2, dropKey),
             "GET\n/\n" + items.join('&') + "\nhost:h\n\nhost\n" + Payload);
}

void tst_AwsCanonicalRequest::uri_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<bool>("s3");
    QTest::addColumn<bool>("normalize");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("empty") << QByteArray() << false << true << QByteArray("/");
    QTest::newRow("plain") << QByteArray("/a/b") << false << true << QByteArray("/a/b");
    QTest::newRow("dot-segments") << QByteArray("/a/./b/../c") << false << true << QByteArray("/a/c");
    QTest::newRow("trailing-dot") << QByteArray("/a/b/.") << false << true << QByteArray("/a/b");
    QTest::newRow("empty-segments") << QByteArray("/a//b/") << false << true << QByteArray("/a/b/");
    QTest::newRow("dot-names-kept") << QByteArray("/.well-known/..x/a.") << false << true << QByteArray("/.well-known/..x/a.");
    QTest::newRow("relative") << QByteArray("a/b") << false << true << QByteArray("/a/b");
    QTest::newRow("double-encoded") << QByteArray("/a b/%2F") << false << true << QByteArray("/a%20b/%252F");
    QTest::newRow("not-normalized") << QByteArray("/a/./b//c") << false << false << QByteArray("/a/./b//c");
    QTest::newRow("s3-single-encoded") << QByteArray("/a b/%2F/%7e") << true << true << QByteArray("/a%20b/%2F/~");
    QTest::newRow("s3-dots-kept") << QByteArray("/a/./b/../c//") << true << true << QByteArray("/a/./b/../c//");
    QTest::newRow("non-ascii") << QByteArray("/caf\xc3\xa9") << false << true << QByteArray("/caf%C3%A9");
}

void tst_AwsCanonicalRequest::uri()
{
    QFETCH(QByteArray, path);
    QFETCH(bool, s3);
    QFETCH(bool, normalize);
    QFETCH(QByteArray, expected);
    const AwsCanonicalRequest canonical({}, {}, [](const QByteArray &) { return true; });
    AwsCanonicalRequest::Target target;
    target.method = "PUT";
    target.path = path;
    target.s3Rules = s3;
    target.normalizePath = normalize;
    QCOMPARE(canonical.build(target, QByteArrayView(), Payload), "PUT\n" + expected + "\n\n\n\n" + Payload);
}

void tst_AwsCanonicalRequest::stringToSign()
{
    // The AWS documentation's GET Object example (the canonical request's SHA-256 is theirs).
    const QByteArray canonicalRequest =
            "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
            "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
            "x-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    QCOMPARE(AwsCanonicalRequest::stringToSign("AWS4-HMAC-SHA256", "20130524T000000Z",
                                               "20130524/us-east-1/s3/aws4_request", canonicalRequest),
             QByteArray("AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                        "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972"));
}

QTEST_GUILESS_MAIN(tst_AwsCanonicalRequest)
#include "tst_awscanonicalrequest.moc"
