// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awssigningrule.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtTest/qtest.h>

class tst_AwsSigningRule : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void inference_data();
    void inference();
    void hostPatterns_data();
    void hostPatterns();
    void baseUrl_data();
    void baseUrl();
    void mostSpecificRuleWins();
    void requestChoosesService_data();
    void requestChoosesService();
    void resolvedFor();
    void signedHostDrivesInference();
    void configShortcuts();
    void providerIsWeak();
};

void tst_AwsSigningRule::inference_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("complete");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("region");

    auto row = [](const char *host, bool complete, const char *service, const char *region) {
        QTest::newRow(host) << QString::fromLatin1(host) << complete
                            << QString::fromLatin1(service) << QString::fromLatin1(region);
    };
    // S3, every flavour of host name.
    row("s3.amazonaws.com", true, "s3", "us-east-1");
    row("bucket.s3.amazonaws.com", true, "s3", "us-east-1");
    row("s3.us-west-2.amazonaws.com", true, "s3", "us-west-2");
    row("bucket.s3.us-west-2.amazonaws.com", true, "s3", "us-west-2");
    row("my.dotted.bucket.s3.eu-central-1.amazonaws.com", true, "s3", "eu-central-1");
    row("s3-us-west-2.amazonaws.com", true, "s3", "us-west-2");
    row("bucket.s3-eu-west-1.amazonaws.com", true, "s3", "eu-west-1");
    row("s3-external-1.amazonaws.com", true, "s3", "us-east-1");
    row("s3.dualstack.ap-south-1.amazonaws.com", true, "s3", "ap-south-1");
    row("bucket.s3.dualstack.ap-south-1.amazonaws.com", true, "s3", "ap-south-1");
    row("s3-fips.us-gov-west-1.amazonaws.com", true, "s3", "us-gov-west-1");
    row("123456789012.s3-control.us-east-2.amazonaws.com", true, "s3", "us-east-2");
    row("ap-name-123456789012.s3-object-lambda.us-east-1.amazonaws.com", true, "s3-object-lambda", "us-east-1");
    row("s3-bucket.s3.amazonaws.com", true, "s3", "us-east-1");
    row("s3.cn-north-1.amazonaws.com.cn", true, "s3", "cn-north-1");
    row("bucket.s3-accelerate.amazonaws.com", false, "s3", "");
    // Regional services.
    row("sqs.eu-west-1.amazonaws.com", true, "sqs", "eu-west-1");
    row("sqs-fips.us-east-1.amazonaws.com", true, "sqs", "us-east-1");
    row("dynamodb.us-east-1.amazonaws.com", true, "dynamodb", "us-east-1");
    row("streams.dynamodb.us-east-1.amazonaws.com", true, "dynamodb", "us-east-1");
    row("sts.eu-west-1.amazonaws.com", true, "sts", "eu-west-1");
    row("email.eu-west-1.amazonaws.com", true, "ses", "eu-west-1");
    row("abc123.execute-api.us-east-1.amazonaws.com", true, "execute-api", "us-east-1");
    row("search-domain-x1.eu-west-3.es.amazonaws.com", true, "es", "eu-west-3");
    row("data-ats.iot.us-east-1.amazonaws.com", true, "iotdata", "us-east-1");
    row("runtime.sagemaker.us-east-1.amazonaws.com", true, "sagemaker", "us-east-1");
    row("eu-west-1.queue.amazonaws.com", true, "sqs", "eu-west-1");
    row("queue.amazonaws.com", true, "sqs", "us-east-1");
    row("lambda.ap-northeast-1.api.aws", true, "lambda", "ap-northeast-1");
    row("abcdef.lambda-url.us-east-1.on.aws", true, "lambda", "us-east-1");
    row("SQS.EU-WEST-1.AMAZONAWS.COM", true, "sqs", "eu-west-1");
    row("sqs.eu-west-1.amazonaws.com.", true, "sqs", "eu-west-1");
    // Global endpoints.
    row("sts.amazonaws.com", true, "sts", "us-east-1");
    row("iam.amazonaws.com", true, "iam", "us-east-1");
    row("route53.amazonaws.com", true, "route53", "us-east-1");
    row("iam.amazonaws.com.cn", true, "iam", "cn-north-1");
    // Not AWS.
    row("example.com", false, "", "");
    row("amazonaws.com", false, "", "");
    row("amazonaws.com.evil.example", false, "", "");
    row("127.0.0.1", false, "", "");
    row("localhost", false, "", "");
}

void tst_AwsSigningRule::inference()
{
    QFETCH(QString, host);
    QFETCH(bool, complete);
    QFETCH(QString, service);
    QFETCH(QString, region);
    QString s, r;
    QCOMPARE(AwsSigningRule::inferServiceAndRegion(host, &s, &r), complete);
    QCOMPARE(s, service);
    QCOMPARE(r, region);
}

void tst_AwsSigningRule::hostPatterns_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<bool>("matches");

    QTest::newRow("exact") << "example.com" << QUrl("https://example.com/x") << true;
    QTest::newRow("exact, any port") << "example.com" << QUrl("http://example.com:8080/") << true;
    QTest::newRow("exact, case") << "Example.COM" << QUrl("https://EXAMPLE.com/") << true;
    QTest::newRow("exact, other host") << "example.com" << QUrl("https://example.org/") << false;
    QTest::newRow("exact, subdomain") << "example.com" << QUrl("https://a.example.com/") << false;
    QTest::newRow("port") << "localhost:4566" << QUrl("http://localhost:4566/") << true;
    QTest::newRow("other port") << "localhost:4566" << QUrl("http://localhost:4567/") << false;
    QTest::newRow("default port 443") << "example.com:443" << QUrl("https://example.com/") << true;
    QTest::newRow("default port 80") << "example.com:80" << QUrl("http://example.com/") << true;
    QTest::newRow("wildcard port") << "localhost:*" << QUrl("http://localhost:1/") << true;
    QTest::newRow("ipv6") << "[::1]:9000" << QUrl("http://[::1]:9000/") << true;
    QTest::newRow("ipv6 other port") << "[::1]:9000" << QUrl("http://[::1]:9001/") << false;
    QTest::newRow("wildcard") << "*.amazonaws.com" << QUrl("https://s3.amazonaws.com/") << true;
    QTest::newRow("wildcard deep") << "*.amazonaws.com" << QUrl("https://b.s3.us-west-2.amazonaws.com/") << true;
    QTest::newRow("wildcard not apex") << "*.amazonaws.com" << QUrl("https://amazonaws.com/") << false;
    QTest::newRow("wildcard suffix trick") << "*.amazonaws.com" << QUrl("https://evilamazonaws.com/") << false;
    QTest::newRow("wildcard other") << "*.amazonaws.com" << QUrl("https://amazonaws.com.evil.example/") << false;
    QTest::newRow("star") << "*" << QUrl("https://anything.example/") << true;
    QTest::newRow("list") << "a.example b.example" << QUrl("https://b.example/") << true;
    QTest::newRow("not http") << "*" << QUrl("ftp://example.com/") << false;
    QTest::newRow("file") << "*" << QUrl("file:///etc/passwd") << false;
}

void tst_AwsSigningRule::hostPatterns()
{
    QFETCH(QString, pattern);
    QFETCH(QUrl, url);
    QFETCH(bool, matches);
    const AwsSigningRule rule = AwsSigningRule::forHost(pattern, QStringLiteral("s3"), QStringLiteral("us-east-1"));
    QCOMPARE(rule.matches(url), matches);
}

void tst_AwsSigningRule::baseUrl_data()
{
    QTest::addColumn<QUrl>("base");
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<bool>("matches");

    const QUrl local("http://127.0.0.1:5000");
    QTest::newRow("root") << local << QUrl("http://127.0.0.1:5000/bucket/key") << true;
    QTest::newRow("no path") << local << QUrl("http://127.0.0.1:5000") << true;
    QTest::newRow("other port") << local << QUrl("http://127.0.0.1:5001/") << false;
    QTest::newRow("other scheme") << local << QUrl("https://127.0.0.1:5000/") << false;
    QTest::newRow("other host") << local << QUrl("http://localhost:5000/") << false;
    const QUrl api("https://example.com/api/");
    QTest::newRow("prefix") << api << QUrl("https://example.com/api/v1") << true;
    QTest::newRow("prefix exact") << api << QUrl("https://example.com/api") << true;
    QTest::newRow("prefix default port") << api << QUrl("https://example.com:443/api/x") << true;
    QTest::newRow("not at segment") << api << QUrl("https://example.com/apix") << false;
    QTest::newRow("outside") << api << QUrl("https://example.com/other") << false;
}

void tst_AwsSigningRule::baseUrl()
{
    QFETCH(QUrl, base);
    QFETCH(QUrl, url);
    QFETCH(bool, matches);
    QCOMPARE(AwsSigningRule::forBaseUrl(base, QStringLiteral("s3"), QStringLiteral("us-east-1")).matches(url),
             matches);
}

void tst_AwsSigningRule::mostSpecificRuleWins()
{
    AwsNetworkAccessManager manager;
    manager.addRule(AwsSigningRule::forHost(QStringLiteral("*"), QStringLiteral("star"), QStringLiteral("r0")));
    manager.addRule(AwsSigningRule::forAwsEndpoints());
    manager.addRule(AwsSigningRule::forHost(QStringLiteral("*.s3.amazonaws.com"), QStringLiteral("wild"), QStringLiteral("r1")));
    manager.addRule(AwsSigningRule::forHost(QStringLiteral("exact.s3.amazonaws.com"), QStringLiteral("exact"), QStringLiteral("r2")));
    manager.addRule(AwsSigningRule::forHost(QStringLiteral("exact.s3.amazonaws.com:8443"), QStringLiteral("port"), QStringLiteral("r3")));
    manager.addRule(AwsSigningRule::forBaseUrl(QUrl("https://exact.s3.amazonaws.com/base"), QStringLiteral("base"), QStringLiteral("r4")));

    auto serviceFor = [&](const char *url) { return manager.ruleFor(QUrl(QString::fromLatin1(url))).service(); };
    QCOMPARE(serviceFor("https://example.org/"), QStringLiteral("star"));
    QCOMPARE(serviceFor("https://sqs.eu-west-1.amazonaws.com/"), QStringLiteral("sqs"));
    QCOMPARE(manager.ruleFor(QUrl("https://sqs.eu-west-1.amazonaws.com/")).region(), QStringLiteral("eu-west-1"));
    QCOMPARE(serviceFor("https://other.s3.amazonaws.com/"), QStringLiteral("wild"));
    QCOMPARE(serviceFor("https://exact.s3.amazonaws.com/"), QStringLiteral("exact"));
    QCOMPARE(serviceFor("https://exact.s3.amazonaws.com:8443/"), QStringLiteral("port"));
    QCOMPARE(serviceFor("https://exact.s3.amazonaws.com/base/key"), QStringLiteral("base"));

    manager.clearRules();
    QVERIFY(manager.ruleFor(QUrl("https://exact.s3.amazonaws.com/")).isNull());
}

void tst_AwsSigningRule::requestChoosesService_data()
{
    QTest::addColumn<QStringList>("ruleServices"); // one rule for the endpoint each ("" = none)
    QTest::addColumn<QString>("wanted");            // the request's ServiceAttribute
    QTest::addColumn<QString>("region");            // its RegionAttribute
    QTest::addColumn<QString>("service");           // the rule's resolved service; empty: none
    QTest::addColumn<QString>("resolvedRegion");
    QTest::addColumn<QString>("error");
    const QString none;
    QTest::newRow("rule without service, request names it") << QStringList{ none } << QStringLiteral("sts") << none
                                                            << QStringLiteral("sts") << QStringLiteral("us-east-1") << none;
    QTest::newRow("rule without service, request names none") << QStringList{ none } << none << none << none << none
                                                              << QStringLiteral("cannot tell the AWS service");
    QTest::newRow("rules by service, request chooses") << QStringList{ QStringLiteral("s3"), QStringLiteral("sts") }
                                                       << QStringLiteral("STS") << none << QStringLiteral("sts")
                                                       << QStringLiteral("us-east-1") << none;
    QTest::newRow("rules by service, request names none") << QStringList{ QStringLiteral("s3"), QStringLiteral("sts") } << none
                                                          << none << none << none << QStringLiteral("several services (s3, sts)");
    QTest::newRow("same service twice is no ambiguity") << QStringList{ QStringLiteral("s3"), QStringLiteral("s3") } << none
                                                        << none << QStringLiteral("s3") << QStringLiteral("us-east-1") << none;
    QTest::newRow("no rule for the named service") << QStringList{ QStringLiteral("s3") } << QStringLiteral("dynamodb") << none
                                                   << none << none << QStringLiteral("for service \"dynamodb\"");
    QTest::newRow("specific rule plus generic one") << QStringList{ QStringLiteral("s3"), none } << QStringLiteral("sqs") << none
                                                    << QStringLiteral("sqs") << QStringLiteral("us-east-1") << none;
    QTest::newRow("region attribute") << QStringList{ QStringLiteral("s3") } << none << QStringLiteral("eu-north-1")
                                      << QStringLiteral("s3") << QStringLiteral("eu-north-1") << none;
}

void tst_AwsSigningRule::requestChoosesService()
{
    QFETCH(QStringList, ruleServices);
    QFETCH(QString, wanted);
    QFETCH(QString, region);
    QFETCH(QString, service);
    QFETCH(QString, resolvedRegion);
    QFETCH(QString, error);
    const QUrl endpoint(QStringLiteral("http://127.0.0.1:4566"));
    AwsNetworkAccessManager manager;
    for (const QString &ruleService : std::as_const(ruleServices))
        manager.addRule(AwsSigningRule::forBaseUrl(endpoint, ruleService, QStringLiteral("us-east-1")));
    QNetworkRequest request(endpoint.resolved(QUrl(QStringLiteral("/bucket/key"))));
    if (!wanted.isEmpty())
        request.setAttribute(AwsNetworkAccessManager::ServiceAttribute, wanted);
    if (!region.isEmpty())
        request.setAttribute(AwsNetworkAccessManager::RegionAttribute, region);
    QString message;
    const AwsSigningRule rule = manager.ruleFor(request, &message);
    QCOMPARE(rule.isNull(), service.isEmpty());
    QCOMPARE(rule.service(), service);
    QCOMPARE(rule.region(), resolvedRegion);
    QVERIFY2(error.isEmpty() ? message.isEmpty() : message.contains(error), qPrintable(message));
}

void tst_AwsSigningRule::resolvedFor()
{
    const AwsSigningRule aws = AwsSigningRule::forAwsEndpoints();
    QString error;
    AwsSigningRule r = aws.resolvedFor(QUrl("https://bucket.s3.eu-west-2.amazonaws.com/k"), &error);
    QVERIFY2(!r.isNull(), qPrintable(error));
    QCOMPARE(r.service(), QStringLiteral("s3"));
    QCOMPARE(r.region(), QStringLiteral("eu-west-2"));
    QCOMPARE(r.signingConfig().service(), QStringLiteral("s3"));
    QCOMPARE(r.signingConfig().region(), QStringLiteral("eu-west-2"));
    QVERIFY(r.signingConfig().usesS3Rules());

    // The region of an accelerated bucket is not in its name.
    r = aws.resolvedFor(QUrl("https://bucket.s3-accelerate.amazonaws.com/k"), &error);
    QVERIFY(r.isNull());
    QVERIFY2(error.contains(QStringLiteral("region")), qPrintable(error));

    // ... but a rule that names it works.
    AwsSigningRule accelerated = AwsSigningRule::forHost(QStringLiteral("*.s3-accelerate.amazonaws.com"), QString(), QStringLiteral("eu-west-1"));
    r = accelerated.resolvedFor(QUrl("https://bucket.s3-accelerate.amazonaws.com/k"), &error);
    QCOMPARE(r.service(), QStringLiteral("s3"));
    QCOMPARE(r.region(), QStringLiteral("eu-west-1"));

    // A local endpoint without service and region cannot be signed.
    const AwsSigningRule local = AwsSigningRule::forBaseUrl(QUrl("http://127.0.0.1:4566"));
    error.clear();
    QVERIFY(local.resolvedFor(QUrl("http://127.0.0.1:4566/"), &error).isNull());
    QVERIFY(error.contains(QStringLiteral("127.0.0.1")));

    // Explicit values are kept as they are.
    const AwsSigningRule explicitRule = AwsSigningRule::forHost(QStringLiteral("*.amazonaws.com"), QStringLiteral("execute-api"), QStringLiteral("ap-south-1"));
    r = explicitRule.resolvedFor(QUrl("https://sqs.eu-west-1.amazonaws.com/"));
    QCOMPARE(r.service(), QStringLiteral("execute-api"));
    QCOMPARE(r.region(), QStringLiteral("ap-south-1"));
}

void tst_AwsSigningRule::signedHostDrivesInference()
{
    AwsSigningRule tunnel = AwsSigningRule::forBaseUrl(QUrl("http://127.0.0.1:9999"));
    tunnel.setSignedHost("bucket.s3.ap-southeast-2.amazonaws.com");
    const AwsSigningRule r = tunnel.resolvedFor(QUrl("http://127.0.0.1:9999/key"));
    QCOMPARE(r.service(), QStringLiteral("s3"));
    QCOMPARE(r.region(), QStringLiteral("ap-southeast-2"));
    QCOMPARE(r.signedHost(), QByteArray("bucket.s3.ap-southeast-2.amazonaws.com"));
}

void tst_AwsSigningRule::configShortcuts()
{
    AwsSigningRule rule = AwsSigningRule::forHost(QStringLiteral("example.com"), QStringLiteral("execute-api"), QStringLiteral("eu-west-1"));
    QVERIFY(!rule.signingConfig().unsignedPayload());
    rule.setUnsignedPayload(true);
    QVERIFY(rule.signingConfig().unsignedPayload());
    rule.setS3Rules(AwsSigningConfig::S3Rules::Enabled);
    QVERIFY(rule.signingConfig().usesS3Rules());
    rule.setPresign(true, 600);
    QCOMPARE(rule.signingConfig().signatureLocation(), AwsSigningConfig::SignatureLocation::QueryString);
    QCOMPARE(rule.signingConfig().expiresInSeconds(), 600);

    // The rule's own service and region override the template's.
    AwsSigningConfig config(QStringLiteral("ignored"), QStringLiteral("ignored"));
    config.setNormalizePath(false);
    rule.setSigningConfig(config);
    QCOMPARE(rule.signingConfig().service(), QStringLiteral("execute-api"));
    QCOMPARE(rule.signingConfig().region(), QStringLiteral("eu-west-1"));
    QVERIFY(!rule.signingConfig().normalizePath());

    // Copies are independent.
    AwsSigningRule copy = rule;
    copy.setRegion(QStringLiteral("us-west-1"));
    QCOMPARE(rule.region(), QStringLiteral("eu-west-1"));
}

void tst_AwsSigningRule::providerIsWeak()
{
    AwsSigningRule rule = AwsSigningRule::forHost(QStringLiteral("example.com"), QStringLiteral("s3"), QStringLiteral("us-east-1"));
    {
        AwsStaticCredentialsProvider provider(AwsCredentials(QStringLiteral("AKID"), QStringLiteral("secret")));
        rule.setCredentialsProvider(&provider);
        QCOMPARE(rule.credentialsProvider(), &provider);
    }
    QCOMPARE(rule.credentialsProvider(), nullptr);
}

QTEST_GUILESS_MAIN(tst_AwsSigningRule)
#include "tst_awssigningrule.moc"
