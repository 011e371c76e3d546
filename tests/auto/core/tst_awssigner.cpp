// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The canonicalisation and signing rules, one test per rule, each failing if the rule goes.
#include <qtsigv4/awssigner.h>

#include <QtCore/qloggingcategory.h>
#include <QtCore/qtimezone.h>
#include <QtCore/qurl.h>
#include <QtCore/qurlquery.h>
#include <QtTest/qtest.h>

namespace {

const AwsCredentials S3DocCredentials(QStringLiteral("AKIAIOSFODNN7EXAMPLE"),
                                      QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
const QDateTime S3DocTime(QDate(2013, 5, 24), QTime(0, 0), QTimeZone::utc());
const QByteArray EmptyHash = AwsSigner::emptyPayloadHash();

QByteArray canonicalLine(const AwsSigningResult &result, int line)
{
    return result.canonicalRequest().split('\n').value(line);
}

AwsSigningResult signS3(const AwsHttpRequest &request, const AwsSigningConfig &config = {})
{
    AwsSigningConfig c = config;
    if (c.service().isEmpty()) {
        c.setService(QStringLiteral("s3"));
        c.setRegion(QStringLiteral("us-east-1"));
    }
    return AwsSigner(c).sign(request, S3DocCredentials, S3DocTime);
}

} // namespace

class tst_AwsSigner : public QObject
{
    Q_OBJECT
private slots:
    void s3DocumentationExamples_data();
    void s3DocumentationExamples();
    void s3PresignDocumentationExample();
    void hostPort_data();
    void hostPort();
    void s3KeyEncoding_data();
    void s3KeyEncoding();
    void s3PathNotNormalised();
    void genericPathDoubleEncoded();
    void genericDotSegmentsAsAwsSigners_data();
    void genericDotSegmentsAsAwsSigners();
    void queryCanonicalisation_data();
    void queryCanonicalisation();
    void headerCanonicalisation();
    void neverSignedHeaders();
    void signedHeadersAllowList();
    void payloadHashChoices_data();
    void payloadHashChoices();
    void presignExpiry_data();
    void presignExpiry();
    void presignSessionToken();
    void sessionTokenModes();
    void debugLogRedactsTokens_data();
    void debugLogRedactsTokens();
    void dateModes_data();
    void dateModes();
    void controlCharactersRefused_data();
    void controlCharactersRefused();
    void missingInputs_data();
    void missingInputs();
};

// The worked examples of the S3 documentation ("Signature Calculations for the
// Authorization Header: Transferring Payload in a Single Chunk").
void tst_AwsSigner::s3DocumentationExamples_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<AwsHeaderList>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("signature");
    const QByteArray host = "examplebucket.s3.amazonaws.com";
    QTest::newRow("get-object-range")
            << QByteArray("GET") << QByteArray("/test.txt")
            << AwsHeaderList{ { "Host", host }, { "Range", "bytes=0-9" },
                              { "x-amz-content-sha256", EmptyHash }, { "x-amz-date", "20130524T000000Z" } }
            << QByteArray() << QByteArray("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    QTest::newRow("put-object")
            << QByteArray("PUT") << QByteArray("/test$file.text")
            << AwsHeaderList{ { "Host", host }, { "Date", "Fri, 24 May 2013 00:00:00 GMT" },
                              { "x-amz-date", "20130524T000000Z" },
                              { "x-amz-storage-class", "REDUCED_REDUNDANCY" },
                              { "x-amz-content-sha256", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072" } }
            << QByteArray("Welcome to Amazon S3.")
            << QByteArray("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
    QTest::newRow("get-bucket-lifecycle")
            << QByteArray("GET") << QByteArray("/?lifecycle")
            << AwsHeaderList{ { "Host", host }, { "x-amz-date", "20130524T000000Z" },
                              { "x-amz-content-sha256", EmptyHash } }
            << QByteArray() << QByteArray("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
    QTest::newRow("list-objects")
            << QByteArray("GET") << QByteArray("/?max-keys=2&prefix=J")
            << AwsHeaderList{ { "Host", host }, { "x-amz-date", "20130524T000000Z" },
                              { "x-amz-content-sha256", EmptyHash } }
            << QByteArray() << QByteArray("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

void tst_AwsSigner::s3DocumentationExamples()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(AwsHeaderList, headers);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, signature);
    const AwsSigningResult result = signS3(AwsHttpRequest(method, target, headers, body));
    QVERIFY2(result.isValid(), qPrintable(result.errorString()));
    QCOMPARE(result.signature(), signature);
    QCOMPARE(result.signingTime(), S3DocTime);
}

void tst_AwsSigner::s3PresignDocumentationExample()
{
    AwsSigningConfig config(QStringLiteral("s3"), QStringLiteral("us-east-1"));
    config.setSignatureLocation(AwsSigningConfig::SignatureLocation::QueryString);
    config.setExpiresInSeconds(86400);
    const AwsHttpRequest request("GET", "/test.txt", { { "Host", "examplebucket.s3.amazonaws.com" } });
    const AwsSigningResult result = signS3(request, config);
    QVERIFY2(result.isValid(), qPrintable(result.errorString()));
    QCOMPARE(result.signature(), QByteArray("aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"));
    QCOMPARE(result.payloadHash(), AwsSigner::unsignedPayload());
    QVERIFY(result.headersToAdd().isEmpty());
    QVERIFY(result.presignedTarget().startsWith("/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
                                                "AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"));
    QVERIFY(result.presignedTarget().endsWith("&X-Amz-Signature=" + result.signature()));
}

void tst_AwsSigner::hostPort_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("host");
    QTest::newRow("https-default") << "https://s3.amazonaws.com/b" << QByteArray("s3.amazonaws.com");
    QTest::newRow("https-443") << "https://s3.amazonaws.com:443/b" << QByteArray("s3.amazonaws.com");
    QTest::newRow("http-80") << "http://localhost:80/b" << QByteArray("localhost");
    QTest::newRow("http-8080") << "http://localhost:8080/b" << QByteArray("localhost:8080");
    QTest::newRow("https-80") << "https://example.com:80/" << QByteArray("example.com:80");
    QTest::newRow("http-443") << "http://example.com:443/" << QByteArray("example.com:443");
    QTest::newRow("ipv6") << "http://[::1]:9000/b" << QByteArray("[::1]:9000");
    QTest::newRow("ipv6-default") << "http://[::1]/b" << QByteArray("[::1]");
    QTest::newRow("upper-case") << "http://EXAMPLE.com:8080/" << QByteArray("example.com:8080");
}

void tst_AwsSigner::hostPort()
{
    QFETCH(QString, url);
    QFETCH(QByteArray, host);
    QCOMPARE(AwsHttpRequest::hostHeaderFor(QUrl(url)), host);
    const AwsSigningResult result = signS3(AwsHttpRequest::fromUrl("GET", QUrl(url)));
    QVERIFY2(result.isValid(), qPrintable(result.errorString()));
    QVERIFY2(result.canonicalRequest().contains("\nhost:" + host + '\n'), result.canonicalRequest());
}

void tst_AwsSigner::s3KeyEncoding_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("plus") << "a+b" << QByteArray("/bucket/a%2Bb");
    QTest::newRow("percent") << "100%" << QByteArray("/bucket/100%25");
    QTest::newRow("equals-ampersand") << "k=v&w" << QByteArray("/bucket/k%3Dv%26w");
    QTest::newRow("tilde") << "~user" << QByteArray("/bucket/~user");
    QTest::newRow("space") << "my file.txt" << QByteArray("/bucket/my%20file.txt");
    QTest::newRow("unicode") << QString::fromUtf8("caf\u00e9/\u4e2d") << QByteArray("/bucket/caf%C3%A9/%E4%B8%AD");
    QTest::newRow("question-hash") << "q?x#y" << QByteArray("/bucket/q%3Fx%23y");
    QTest::newRow("double-slash") << "a//b" << QByteArray("/bucket/a//b");
    QTest::newRow("dollar-colon") << "t$:x" << QByteArray("/bucket/t%24%3Ax");
}

void tst_AwsSigner::s3KeyEncoding()
{
    QFETCH(QString, key);
    QFETCH(QByteArray, encoded);
    QUrl url(QStringLiteral("https://s3.us-west-2.amazonaws.com"));
    url.setPath(QStringLiteral("/bucket/") + key, QUrl::DecodedMode);
    QCOMPARE(AwsHttpRequest::encodedTargetFor(url), encoded);
    const AwsSigningResult result = signS3(AwsHttpRequest::fromUrl("GET", url));
    QVERIFY2(result.isValid(), qPrintable(result.errorString()));
    QCOMPARE(canonicalLine(result, 1), encoded); // S3: encoded once, as sent
}

void tst_AwsSigner::s3PathNotNormalised()
{
    const AwsHttpRequest request("GET", "/bucket/a/../b/./c//d", { { "Host", "s3.amazonaws.com" } });
    QCOMPARE(canonicalLine(signS3(request), 1), QByteArray("/bucket/a/../b/./c//d"));
    AwsSigningConfig generic(QStringLiteral("service"), QStringLiteral("us-east-1"));
    QCOMPARE(canonicalLine(signS3(request, generic), 1), QByteArray("/bucket/b/c/d"));
    generic.setNormalizePath(false);
    QCOMPARE(canonicalLine(signS3(request, generic), 1), QByteArray("/bucket/a/../b/./c//d"));
}

void tst_AwsSigner::genericPathDoubleEncoded()
{
    const AwsHttpRequest request("GET", "/a%2Bb/c%20d", { { "Host", "example.com" } });
    AwsSigningConfig generic(QStringLiteral("execute-api"), QStringLiteral("us-east-1"));
    QCOMPARE(canonicalLine(signS3(request, generic), 1), QByteArray("/a%252Bb/c%2520d"));
    QCOMPARE(canonicalLine(signS3(request), 1), QByteArray("/a%2Bb/c%20d"));
}

// The canonical paths botocore (SigV4Auth._normalize_url_path), smithy and aws-c-auth compute:
// a trailing slash only when the path ends with one.
void tst_AwsSigner::genericDotSegmentsAsAwsSigners_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("canonical");
    QTest::newRow("trailing dot") << QByteArray("/a/b/.") << QByteArray("/a/b");
    QTest::newRow("trailing dot-dot") << QByteArray("/a/b/..") << QByteArray("/a");
    QTest::newRow("dot then slash") << QByteArray("/a/b/./") << QByteArray("/a/b/");
    QTest::newRow("dot-dot then slash") << QByteArray("/a/b/../") << QByteArray("/a/");
    QTest::newRow("empty segment") << QByteArray("/a//b") << QByteArray("/a/b");
    QTest::newRow("trailing slash kept") << QByteArray("/a/b/") << QByteArray("/a/b/");
    QTest::newRow("all popped") << QByteArray("/a/..") << QByteArray("/");
    QTest::newRow("all popped with slash") << QByteArray("/a/../") << QByteArray("/");
    QTest::newRow("root dot-dot") << QByteArray("/..") << QByteArray("/");
    QTest::newRow("root dot") << QByteArray("/.") << QByteArray("/");
    QTest::newRow("root dot slash") << QByteArray("/./") << QByteArray("/");
    QTest::newRow("double slash") << QByteArray("//") << QByteArray("/");
    QTest::newRow("inner dots") << QByteArray("/a/./b/../c") << QByteArray("/a/c");
    QTest::newRow("encoded dot is a name") << QByteArray("/a/b/%2E") << QByteArray("/a/b/%252E");
    QTest::newRow("three dots") << QByteArray("/a/.../b") << QByteArray("/a/.../b");
    QTest::newRow("dotted names") << QByteArray("/a/.b/..c") << QByteArray("/a/.b/..c");
    QTest::newRow("official get-slashes") << QByteArray("//example//") << QByteArray("/example/");
    QTest::newRow("official relative-relative") << QByteArray("/example1/example2/../..") << QByteArray("/");
    QTest::newRow("double encoded") << QByteArray("/a%20b/./c") << QByteArray("/a%2520b/c");
}

void tst_AwsSigner::genericDotSegmentsAsAwsSigners()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, canonical);
    const AwsHttpRequest request("GET", path, { { "Host", "example.com" } });
    const AwsSigningConfig generic(QStringLiteral("execute-api"), QStringLiteral("us-east-1"));
    QCOMPARE(canonicalLine(signS3(request, generic), 1), canonical);
}

void tst_AwsSigner::queryCanonicalisation_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QByteArray>("canonical");
    QTest::newRow("duplicate-keys-by-value") << QByteArray("k=b&k=a&k=c") << QByteArray("k=a&k=b&k=c");
    QTest::newRow("valueless-key") << QByteArray("acl") << QByteArray("acl=");
    QTest::newRow("empty-value") << QByteArray("versions=&a=1") << QByteArray("a=1&versions=");
    QTest::newRow("sort-by-encoded-key") << QByteArray("b=1&B=2&%61=3") << QByteArray("B=2&a=3&b=1");
    QTest::newRow("reserved-not-reencoded") << QByteArray("p=a%2Fb%2Bc") << QByteArray("p=a%2Fb%2Bc");
    QTest::newRow("raw-reserved-encoded") << QByteArray("p=a/b+c") << QByteArray("p=a%2Fb%2Bc");
    QTest::newRow("lower-hex-normalised") << QByteArray("p=%e4%b8%ad") << QByteArray("p=%E4%B8%AD");
    QTest::newRow("unreserved-decoded") << QByteArray("p=%7E%41") << QByteArray("p=~A");
    QTest::newRow("empty-pieces") << QByteArray("&a=1&&b=2&") << QByteArray("a=1&b=2");
    QTest::newRow("equals-in-value") << QByteArray("a=b=c") << QByteArray("a=b%3Dc");
}

void tst_AwsSigner::queryCanonicalisation()
{
    QFETCH(QByteArray, query);
    QFETCH(QByteArray, canonical);
    const AwsHttpRequest request("GET", "/?" + query, { { "Host", "example.com" } });
    QCOMPARE(canonicalLine(signS3(request), 2), canonical);
}

void tst_AwsSigner::headerCanonicalisation()
{
    const AwsHttpRequest request("GET", "/", { { "Host", "example.com" }, { "X-Amz-Meta-A", "  one   two\t three  " },
                                               { "x-amz-meta-a", "second" }, { "Content-Type", "text/plain" } });
    const AwsSigningResult result = signS3(request);
    QVERIFY(result.canonicalRequest().contains("content-type:text/plain\nhost:example.com\n"
                                               "x-amz-content-sha256:" + EmptyHash + "\nx-amz-date:20130524T000000Z\n"
                                               "x-amz-meta-a:one two three,second\n"));
    QCOMPARE(result.signedHeaders(),
             QByteArray("content-type;host;x-amz-content-sha256;x-amz-date;x-amz-meta-a"));
}

void tst_AwsSigner::neverSignedHeaders()
{
    const AwsHttpRequest request("GET", "/", { { "Host", "example.com" }, { "User-Agent", "x" },
                                               { "Expect", "100-continue" }, { "X-Amzn-Trace-Id", "t" },
                                               { "Authorization", "old" }, { "X-Amz-Client-Context", "c" },
                                               { "Connection", "keep-alive" }, { "Transfer-Encoding", "chunked" } });
    AwsSigningConfig config(QStringLiteral("s3"), QStringLiteral("us-east-1"));
    QCOMPARE(signS3(request, config).signedHeaders(), QByteArray("host;x-amz-content-sha256;x-amz-date"));
    config.setUnsignedHeaders({ "x-amz-content-sha256" });
    QCOMPARE(signS3(request, config).signedHeaders(), QByteArray("host;x-amz-date"));
}

void tst_AwsSigner::signedHeadersAllowList()
{
    const AwsHttpRequest request("PUT", "/k", { { "Host", "example.com" }, { "Content-Type", "a/b" },
                                                { "Cache-Control", "no-cache" }, { "X-Amz-Acl", "private" } });
    AwsSigningConfig config(QStringLiteral("s3"), QStringLiteral("us-east-1"));
    config.setSignedHeaders({ "content-type" });
    QCOMPARE(signS3(request, config).signedHeaders(),
             QByteArray("content-type;host;x-amz-acl;x-amz-content-sha256;x-amz-date"));
}

void tst_AwsSigner::payloadHashChoices_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<bool>("unsignedPayload");
    QTest::addColumn<QByteArray>("precomputed");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<bool>("contentShaHeader");
    const QByteArray bodyHash = AwsSigner::hashPayload("hello");
    QTest::newRow("s3-body") << "s3" << false << QByteArray() << bodyHash << true;
    QTest::newRow("s3-unsigned") << "s3" << true << QByteArray() << QByteArray("UNSIGNED-PAYLOAD") << true;
    QTest::newRow("s3-precomputed") << "s3" << false << QByteArray(64, 'a') << QByteArray(64, 'a') << true;
    QTest::newRow("generic-body") << "sqs" << false << QByteArray() << bodyHash << false;
}

void tst_AwsSigner::payloadHashChoices()
{
    QFETCH(QString, service);
    QFETCH(bool, unsignedPayload);
    QFETCH(QByteArray, precomputed);
    QFETCH(QByteArray, expected);
    QFETCH(bool, contentShaHeader);
    AwsSigningConfig config(service, QStringLiteral("us-east-1"));
    config.setUnsignedPayload(unsignedPayload);
    AwsHttpRequest request("PUT", "/k", { { "Host", "example.com" } }, "hello");
    request.setPayloadHash(precomputed);
    const AwsSigningResult result = signS3(request, config);
    QCOMPARE(result.payloadHash(), expected);
    QVERIFY(result.canonicalRequest().endsWith('\n' + expected));
    const bool hasHeader = std::any_of(result.headersToAdd().cbegin(), result.headersToAdd().cend(),
                                       [&](const auto &h) { return h.first == "x-amz-content-sha256" && h.second == expected; });
    QCOMPARE(hasHeader, contentShaHeader);
}

void tst_AwsSigner::presignExpiry_data()
{
    QTest::addColumn<qint64>("expires");
    QTest::addColumn<bool>("valid");
    QTest::newRow("zero") << qint64(0) << false;
    QTest::newRow("one") << qint64(1) << true;
    QTest::newRow("seven-days") << qint64(604800) << true;
    QTest::newRow("seven-days-plus-one") << qint64(604801) << false;
    QTest::newRow("negative") << qint64(-5) << false;
}

void tst_AwsSigner::presignExpiry()
{
    QFETCH(qint64, expires);
    QFETCH(bool, valid);
    AwsSigningConfig config(QStringLiteral("s3"), QStringLiteral("us-east-1"));
    config.setSignatureLocation(AwsSigningConfig::SignatureLocation::QueryString);
    config.setExpiresInSeconds(expires);
    const AwsSigningResult result = signS3(AwsHttpRequest("GET", "/k", { { "Host", "h" } }), config);
    QCOMPARE(result.isValid(), valid);
    if (!valid) {
        QCOMPARE(result.error(), AwsSigningResult::InvalidExpiryError);
        QVERIFY(result.errorString().contains(u"604800"));
    } else {
        QVERIFY(result.presignedTarget().contains("X-Amz-Expires=" + QByteArray::number(expires) + '&'));
    }
}

void tst_AwsSigner::presignSessionToken()
{
    AwsSigningConfig config(QStringLiteral("s3"), QStringLiteral("us-east-1"));
    config.setSignatureLocation(AwsSigningConfig::SignatureLocation::QueryString);
    AwsCredentials credentials = S3DocCredentials;
    credentials.setSessionToken(QStringLiteral("tok/en+="));
    const AwsSigningResult result = AwsSigner(config).sign(AwsHttpRequest("GET", "/k?versionId=1", { { "Host", "h" } }),
                                                           credentials, S3DocTime);
    QVERIFY(result.isValid());
    QVERIFY(canonicalLine(result, 2).contains("X-Amz-Security-Token=tok%2Fen%2B%3D"));
    QVERIFY(result.presignedTarget().startsWith("/k?versionId=1&X-Amz-Algorithm="));
    QVERIFY(result.presignedTarget().contains("&X-Amz-Security-Token=tok%2Fen%2B%3D&X-Amz-Signature="));
}

void tst_AwsSigner::sessionTokenModes()
{
    AwsCredentials credentials = S3DocCredentials;
    credentials.setSessionToken(QStringLiteral("TOKEN"));
    const AwsHttpRequest request("GET", "/", { { "Host", "h" } });
    AwsSigningConfig config(QStringLiteral("sqs"), QStringLiteral("us-east-1"));
    AwsSigningResult signedToken = AwsSigner(config).sign(request, credentials, S3DocTime);
    QCOMPARE(signedToken.signedHeaders(), QByteArray("host;x-amz-date;x-amz-security-token"));
    QCOMPARE(signedToken.headersToAdd().first(), (QPair<QByteArray, QByteArray>("X-Amz-Security-Token", "TOKEN")));

    config.setSessionTokenMode(AwsSigningConfig::SessionTokenMode::OmitFromSignature);
    AwsSigningResult omitted = AwsSigner(config).sign(request, credentials, S3DocTime);
    QCOMPARE(omitted.signedHeaders(), QByteArray("host;x-amz-date"));
    QVERIFY(omitted.signedRequest().hasHeader("x-amz-security-token"));

    config.setSessionTokenMode(AwsSigningConfig::SessionTokenMode::DoNotSend);
    AwsSigningResult dropped = AwsSigner(config).sign(request, credentials, S3DocTime);
    QVERIFY(!dropped.signedRequest().hasHeader("x-amz-security-token"));
}

void tst_AwsSigner::debugLogRedactsTokens_data()
{
    // The token comes with the credentials, or the caller put it in the request itself.
    QTest::addColumn<QString>("credentialsToken");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<AwsHeaderList>("headers");
    const QByteArray token = "log/TOKEN+never=shown";
    const AwsHeaderList host { { "Host", "h" } };
    QTest::newRow("credentials") << QString::fromLatin1(token) << QByteArray("/") << host;
    QTest::newRow("caller's header") << QString() << QByteArray("/")
                                     << (host + AwsHeaderList { { "X-Amz-Security-Token", token } });
    QTest::newRow("caller's query") << QString()
                                    << "/?a=b&X-Amz-Security-Token=" + QUrl::toPercentEncoding(token) << host;
}

void tst_AwsSigner::debugLogRedactsTokens()
{
    QFETCH(QString, credentialsToken);
    QFETCH(QByteArray, target);
    QFETCH(AwsHeaderList, headers);
    static QString log;
    log.clear();
    QLoggingCategory::setFilterRules(QStringLiteral("qtsigv4.signer.debug=true"));
    const QtMessageHandler previous = qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext &, const QString &message) { log += message; });
    AwsCredentials credentials = S3DocCredentials;
    credentials.setSessionToken(credentialsToken);
    const AwsSigningResult result = AwsSigner(AwsSigningConfig(QStringLiteral("sqs"), QStringLiteral("us-east-1")))
                                            .sign(AwsHttpRequest("GET", target, headers), credentials, S3DocTime);
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());
    QVERIFY(result.isValid());
    QVERIFY(result.canonicalRequest().contains("log%2FTOKEN%2Bnever%3Dshown")
            || result.canonicalRequest().contains("log/TOKEN+never=shown")); // signed, so in it
    QVERIFY2(log.contains(QStringLiteral("<redacted>")), qPrintable(log));
    QVERIFY2(!log.contains(QStringLiteral("TOKEN"), Qt::CaseSensitive), qPrintable(log));
}

void tst_AwsSigner::dateModes_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<bool>("raise");
    QTest::addColumn<AwsHeaderList>("dateHeaders");
    QTest::addColumn<int>("error");
    QTest::addColumn<QByteArray>("signedDate");
    QTest::addColumn<bool>("addsAmzDate");
    const int Default = int(AwsSigningConfig::DateMode::Default);
    const int Strict = int(AwsSigningConfig::DateMode::Strict);
    const int Passive = int(AwsSigningConfig::DateMode::Passive);
    const QByteArray now = "20130524T000000Z";
    QTest::newRow("default-none") << Default << false << AwsHeaderList() << 0 << now << true;
    QTest::newRow("default-amz") << Default << false << AwsHeaderList{ { "X-Amz-Date", "20130524T101010Z" } }
                                 << 0 << QByteArray("20130524T101010Z") << false;
    QTest::newRow("default-rfc7231") << Default << false << AwsHeaderList{ { "Date", "Fri, 24 May 2013 10:10:10 GMT" } }
                                     << 0 << QByteArray("20130524T101010Z") << true;
    QTest::newRow("default-iso-rewritten") << Default << false << AwsHeaderList{ { "X-Amz-Date", "2013-05-24T10:10:10Z" } }
                                           << 0 << QByteArray("20130524T101010Z") << false;
    QTest::newRow("default-other-day-regenerates") << Default << false
                                                   << AwsHeaderList{ { "X-Amz-Date", "20130525T000001Z" } }
                                                   << 0 << QByteArray("20130525T000001Z") << false;
    QTest::newRow("default-invalid-replaced") << Default << false << AwsHeaderList{ { "Date", "yesterday" } }
                                              << 0 << now << true;
    QTest::newRow("default-invalid-raise") << Default << true << AwsHeaderList{ { "X-Amz-Date", "2013-13-45" } }
                                           << int(AwsSigningResult::InvalidDateError) << QByteArray() << false;
    QTest::newRow("strict-same-day") << Strict << false << AwsHeaderList{ { "X-Amz-Date", "20130524T235959Z" } }
                                     << 0 << QByteArray("20130524T235959Z") << false;
    QTest::newRow("strict-mismatch") << Strict << false << AwsHeaderList{ { "X-Amz-Date", "20130525T000000Z" } }
                                     << int(AwsSigningResult::DateMismatchError) << QByteArray() << false;
    QTest::newRow("passive-date") << Passive << false << AwsHeaderList{ { "Date", "Fri, 24 May 2013 10:10:10 GMT" } }
                                  << 0 << QByteArray("20130524T101010Z") << false;
    QTest::newRow("default-rfc2822-botocore") << Default << false << AwsHeaderList{ { "Date", "Fri, 24 May 2013 10:10:10 -0000" } }
                                              << 0 << QByteArray("20130524T101010Z") << true;
    QTest::newRow("passive-rfc2822-offset") << Passive << false << AwsHeaderList{ { "Date", "Fri, 24 May 2013 12:10:10 +0200" } }
                                            << 0 << QByteArray("20130524T101010Z") << false;
    QTest::newRow("passive-none") << Passive << false << AwsHeaderList()
                                  << int(AwsSigningResult::InvalidDateError) << QByteArray() << false;
    QTest::newRow("passive-invalid") << Passive << false << AwsHeaderList{ { "Date", "soon" } }
                                     << int(AwsSigningResult::InvalidDateError) << QByteArray() << false;
}

void tst_AwsSigner::dateModes()
{
    QFETCH(int, mode);
    QFETCH(bool, raise);
    QFETCH(AwsHeaderList, dateHeaders);
    QFETCH(int, error);
    QFETCH(QByteArray, signedDate);
    QFETCH(bool, addsAmzDate);
    AwsSigningConfig config(QStringLiteral("sqs"), QStringLiteral("us-east-1"));
    config.setDateMode(AwsSigningConfig::DateMode(mode));
    config.setRaiseOnInvalidDate(raise);
    const AwsSigningKey key(S3DocCredentials, S3DocTime.date(), config.region(), config.service());
    const AwsHttpRequest request("GET", "/", AwsHeaderList{ { "Host", "h" } } + dateHeaders);
    const AwsSigningResult result = AwsSigner(config).sign(request, key, S3DocTime);
    QCOMPARE(int(result.error()), error);
    if (error) {
        QVERIFY(!result.errorString().isEmpty());
        return;
    }
    QCOMPARE(result.stringToSign().split('\n').value(1), signedDate);
    const bool added = std::any_of(result.headersToAdd().cbegin(), result.headersToAdd().cend(),
                                   [](const auto &h) { return h.first == "X-Amz-Date"; });
    QCOMPARE(added, addsAmzDate);
    QCOMPARE(result.signedRequest().headerValues("x-amz-date").size() <= 1, true);
    const AwsSigningResult reference = AwsSigner(config).sign(
            result.signedRequest(), S3DocCredentials, result.signingTime());
    if (mode != int(AwsSigningConfig::DateMode::Passive))
        QCOMPARE(reference.signature(), result.signature()); // a verifier re-signing gets the same
}

// Everything the signer puts into a header (issue 13): a control character there would inject
// headers or a whole request. Refused whatever the source, and never echoed.
void tst_AwsSigner::controlCharactersRefused_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("query"); // presigned URL instead of headers
    QTest::addColumn<int>("error");
    QTest::addColumn<QString>("mention");
    const QString crlf = QStringLiteral("x\r\nX-Injected: 1");
    const int creds = int(AwsSigningResult::InvalidCredentialsError);
    const int config = int(AwsSigningResult::InvalidConfigError);
    QTest::newRow("session token CR LF") << "token" << crlf << false << creds << "the session token contains a control character (at offset 1)";
    QTest::newRow("session token CR LF, presigned") << "token" << crlf << true << creds << "the session token";
    QTest::newRow("session token LF only") << "token" << QStringLiteral("a\nb") << false << creds << "the session token";
    QTest::newRow("session token NUL") << "token" << QString::fromLatin1("a\0b", 3) << false << creds << "the session token";
    QTest::newRow("session token DEL") << "token" << QStringLiteral("a\x7f") << false << creds << "the session token";
    QTest::newRow("session token tab") << "token" << QStringLiteral("a\tb") << false << creds << "the session token";
    QTest::newRow("access key id CR LF") << "keyid" << crlf << false << creds << "the access key id";
    QTest::newRow("secret access key LF") << "secret" << QStringLiteral("s\n") << false << creds << "the secret access key";
    QTest::newRow("region CR LF") << "region" << QStringLiteral("us-east-1\r\nX-Injected: 1") << false << config << "control characters";
    QTest::newRow("region CR") << "region" << QStringLiteral("us-east-1\r") << false << config << "control characters";
    QTest::newRow("service NUL") << "service" << QString::fromLatin1("s3\0", 3) << false << config << "control characters";
    QTest::newRow("SigV4a region set CR LF") << "regionset" << crlf << false << config << "the region set contains a control character";
    QTest::newRow("SigV4a region set CR LF, presigned") << "regionset" << crlf << true << config << "the region set";
    // Not control characters: signed as before.
    QTest::newRow("session token with / + =") << "token" << QStringLiteral("AQo/+=") << false << 0 << "";
    QTest::newRow("session token non-ASCII") << "token" << QStringLiteral("t\u00e9") << false << 0 << "";
}

void tst_AwsSigner::controlCharactersRefused()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(bool, query);
    QFETCH(int, error);
    QFETCH(QString, mention);
    AwsCredentials credentials(QStringLiteral("AKIDEXAMPLE"), QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    AwsSigningConfig config(QStringLiteral("s3"), QStringLiteral("us-east-1"));
    if (field == u"token")
        credentials.setSessionToken(value);
    else if (field == u"keyid")
        credentials.setAccessKeyId(value);
    else if (field == u"secret")
        credentials.setSecretAccessKey(value);
    else if (field == u"region")
        config.setRegion(value);
    else if (field == u"service")
        config.setService(value);
    if (field == u"regionset") {
        config.setAlgorithm(AwsSigningConfig::Algorithm::SigV4a);
        config.setRegionSet({ QStringLiteral("us-east-1"), value });
    }
    if (query)
        config.setSignatureLocation(AwsSigningConfig::SignatureLocation::QueryString);
    const AwsSigningResult result = AwsSigner(config).sign(AwsHttpRequest("GET", "/k", { { "Host", "h" } }),
                                                           credentials, S3DocTime);
    QCOMPARE(int(result.error()), error);
    if (error == 0)
        return;
    QVERIFY2(result.errorString().contains(mention), qPrintable(result.errorString()));
    QVERIFY(!result.errorString().contains(u"X-Injected"));
    QVERIFY(result.headersToAdd().isEmpty());
    QVERIFY(result.authorization().isEmpty());
    QVERIFY(result.presignedTarget().isEmpty());
}

void tst_AwsSigner::missingInputs_data()
{
    QTest::addColumn<AwsHttpRequest>("request");
    QTest::addColumn<AwsCredentials>("credentials");
    QTest::addColumn<QString>("service");
    QTest::addColumn<int>("error");
    const AwsHttpRequest ok("GET", "/", { { "Host", "h" } });
    QTest::newRow("no-host") << AwsHttpRequest("GET", "/") << S3DocCredentials << "s3" << int(AwsSigningResult::MissingHostError);
    QTest::newRow("empty-host") << AwsHttpRequest("GET", "/", { { "Host", " " } }) << S3DocCredentials << "s3" << int(AwsSigningResult::MissingHostError);
    QTest::newRow("null-request") << AwsHttpRequest() << S3DocCredentials << "s3" << int(AwsSigningResult::InvalidRequestError);
    QTest::newRow("no-key-id") << ok << AwsCredentials(QString(), QStringLiteral("s")) << "s3" << int(AwsSigningResult::MissingCredentialsError);
    QTest::newRow("no-secret") << ok << AwsCredentials(QStringLiteral("AKID"), QString()) << "s3" << int(AwsSigningResult::MissingCredentialsError);
    QTest::newRow("expired") << ok << AwsCredentials(QStringLiteral("AKID"), QStringLiteral("s"), QString(), S3DocTime.addSecs(-1))
                             << "s3" << int(AwsSigningResult::ExpiredCredentialsError);
    QTest::newRow("no-service") << ok << S3DocCredentials << "" << int(AwsSigningResult::InvalidConfigError);
}

void tst_AwsSigner::missingInputs()
{
    QFETCH(AwsHttpRequest, request);
    QFETCH(AwsCredentials, credentials);
    QFETCH(QString, service);
    QFETCH(int, error);
    const AwsSigningResult result = AwsSigner(AwsSigningConfig(service, QStringLiteral("us-east-1")))
                                            .sign(request, credentials, S3DocTime);
    QCOMPARE(int(result.error()), error);
    QVERIFY(!result.errorString().isEmpty());
    QVERIFY(!result.errorString().contains(S3DocCredentials.secretAccessKey()));
    QVERIFY(result.signedRequest().isNull());
}

QTEST_GUILESS_MAIN(tst_AwsSigner)
#include "tst_awssigner.moc"
