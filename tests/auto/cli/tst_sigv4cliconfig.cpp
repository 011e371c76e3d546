// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// Region and endpoint from the environment and the config file, with the AWS CLI's
// precedence, seen through `sigv4 presign` (which needs no server): the presigned URL shows
// where the request would go and the region it is signed for.

#include "sigv4process.h"

#include <QtCore/qfile.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qtemporarydir.h>
#include <QtCore/qurlquery.h>
#include <QtTest/qtest.h>

namespace {

using Variables = QList<QPair<QString, QString>>;

const QByteArray Keys = "aws_access_key_id = AKIDCONFIG\naws_secret_access_key = config-file-secret\n";

} // namespace

class tst_Sigv4CliConfig : public QObject
{
    Q_OBJECT
private slots:
    void presign_data();
    void presign();
    void presignPost_data();
    void presignPost();

private:
    Sigv4Process::Result run(const QByteArray &config, const Variables &variables, const QStringList &arguments);
};

// Runs sigv4 with config as the config file, keys in the environment and variables on top
// (an empty value removes the variable).
Sigv4Process::Result tst_Sigv4CliConfig::run(const QByteArray &config, const Variables &variables,
                                             const QStringList &arguments)
{
    QTemporaryDir home;
    QFile file(home.filePath(QStringLiteral("config")));
    if (!home.isValid() || !file.open(QIODevice::WriteOnly))
        return Sigv4Process::Result();
    file.write(config);
    file.close();
    QProcessEnvironment env = Sigv4Process::cleanEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("AWS_CONFIG_FILE"), file.fileName());
    env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), home.filePath(QStringLiteral("none")));
    env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDENV"));
    env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("environment-secret"));
    for (const auto &[name, value] : std::as_const(variables)) {
        if (value.isEmpty())
            env.remove(name);
        else
            env.insert(name, value);
    }
    if (!env.contains(QStringLiteral("AWS_ACCESS_KEY_ID")))
        env.remove(QStringLiteral("AWS_SECRET_ACCESS_KEY"));
    return Sigv4Process::run(arguments, QByteArray(), env);
}

void tst_Sigv4CliConfig::presign_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<Variables>("variables");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("sentTo");   // scheme://authority/path of the presigned URL
    QTest::addColumn<QString>("region");   // in its credential scope; empty: it fails
    QTest::addColumn<QString>("message");  // of the failure

    const QString local = QStringLiteral("http://127.0.0.1:9000/bucket/key");
    const QString path = QStringLiteral("/bucket/key");
    const QString aws = QStringLiteral("https://bucket.s3.eu-west-1.amazonaws.com/key");
    const QByteArray services = "[default]\nregion = us-east-1\nservices = local\nendpoint_url = http://127.0.0.1:4000\n"
                                "[services local]\ns3 =\n  endpoint_url = http://127.0.0.1:4001\n"
                                "sts =\n  endpoint_url = http://127.0.0.1:4002\n";
    const Variables none;
    const auto var = [](const char *name, const char *value) { return qMakePair(QString::fromLatin1(name), QString::fromLatin1(value)); };

    // Region.
    QTest::newRow("profile region") << QByteArray("[default]\nregion = eu-central-1\n") << none << QStringList{ local }
                                    << local << QStringLiteral("eu-central-1") << QString();
    QTest::newRow("AWS_PROFILE's region") << QByteArray("[default]\nregion = eu-central-1\n[profile dev]\nregion = ap-south-1\n")
                                          << Variables{ var("AWS_PROFILE", "dev") } << QStringList{ local }
                                          << local << QStringLiteral("ap-south-1") << QString();
    QTest::newRow("--profile's region") << QByteArray("[default]\nregion = eu-central-1\n[profile dev]\nregion = ap-south-1\n" + Keys)
                                        << Variables{ var("AWS_ACCESS_KEY_ID", "") }
                                        << QStringList{ local, QStringLiteral("--profile"), QStringLiteral("dev") }
                                        << local << QStringLiteral("ap-south-1") << QString();
    QTest::newRow("AWS_DEFAULT_REGION over the profile") << QByteArray("[default]\nregion = eu-central-1\n")
                                                         << Variables{ var("AWS_DEFAULT_REGION", "us-west-1") }
                                                         << QStringList{ local } << local << QStringLiteral("us-west-1") << QString();
    QTest::newRow("AWS_REGION over AWS_DEFAULT_REGION") << QByteArray("[default]\nregion = eu-central-1\n")
                                                        << Variables{ var("AWS_DEFAULT_REGION", "us-west-1"), var("AWS_REGION", "us-west-2") }
                                                        << QStringList{ local } << local << QStringLiteral("us-west-2") << QString();
    QTest::newRow("--region over everything") << QByteArray("[default]\nregion = eu-central-1\n")
                                              << Variables{ var("AWS_REGION", "us-west-2") }
                                              << QStringList{ local, QStringLiteral("--region"), QStringLiteral("sa-east-1") }
                                              << local << QStringLiteral("sa-east-1") << QString();
    QTest::newRow("host's region over the profile") << QByteArray("[default]\nregion = eu-central-1\n") << none
                                                    << QStringList{ aws } << aws << QStringLiteral("eu-west-1") << QString();
    QTest::newRow("no region") << QByteArray("[default]\n") << none << QStringList{ local } << QString() << QString()
                               << QStringLiteral("profile's region");

    // Endpoint.
    const QByteArray region = "[default]\nregion = us-east-1\n";
    QTest::newRow("AWS_ENDPOINT_URL for a path") << region << Variables{ var("AWS_ENDPOINT_URL", "http://127.0.0.1:4566") }
                                                 << QStringList{ path } << QStringLiteral("http://127.0.0.1:4566/bucket/key")
                                                 << QStringLiteral("us-east-1") << QString();
    QTest::newRow("AWS_ENDPOINT_URL_S3 over AWS_ENDPOINT_URL")
            << region << Variables{ var("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), var("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:4572") }
            << QStringList{ path } << QStringLiteral("http://127.0.0.1:4572/bucket/key") << QStringLiteral("us-east-1") << QString();
    QTest::newRow("AWS_ENDPOINT_URL_STS for sts only")
            << region << Variables{ var("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), var("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:4592") }
            << QStringList{ QStringLiteral("/"), QStringLiteral("--service"), QStringLiteral("sts") }
            << QStringLiteral("http://127.0.0.1:4592/") << QStringLiteral("us-east-1") << QString();
    QTest::newRow("services section") << services << none << QStringList{ path }
                                      << QStringLiteral("http://127.0.0.1:4001/bucket/key") << QStringLiteral("us-east-1") << QString();
    QTest::newRow("services section, other service")
            << services << none
            << QStringList{ QStringLiteral("/"), QStringLiteral("--service"), QStringLiteral("sts") }
            << QStringLiteral("http://127.0.0.1:4002/") << QStringLiteral("us-east-1") << QString();
    QTest::newRow("profile endpoint_url") << QByteArray("[default]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:4000\n")
                                          << none << QStringList{ path } << QStringLiteral("http://127.0.0.1:4000/bucket/key")
                                          << QStringLiteral("us-east-1") << QString();
    QTest::newRow("environment over the config file")
            << services << Variables{ var("AWS_ENDPOINT_URL", "http://127.0.0.1:4566") }
            << QStringList{ path } << QStringLiteral("http://127.0.0.1:4566/bucket/key") << QStringLiteral("us-east-1") << QString();
    QTest::newRow("--endpoint-url over everything")
            << services << Variables{ var("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:4572") }
            << QStringList{ path, QStringLiteral("--endpoint-url"), QStringLiteral("http://127.0.0.1:5000") }
            << QStringLiteral("http://127.0.0.1:5000/bucket/key") << QStringLiteral("us-east-1") << QString();
    QTest::newRow("AWS URL to the configured endpoint")
            << QByteArray() << Variables{ var("AWS_ENDPOINT_URL", "http://127.0.0.1:4566") } << QStringList{ aws }
            << QStringLiteral("http://127.0.0.1:4566/key") << QStringLiteral("eu-west-1") << QString();
    QTest::newRow("other host keeps its URL") << region << Variables{ var("AWS_ENDPOINT_URL", "http://127.0.0.1:4566") }
                                              << QStringList{ local } << local << QStringLiteral("us-east-1") << QString();
    QTest::newRow("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
            << services
            << Variables{ var("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), var("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true") }
            << QStringList{ path } << QString() << QString() << QStringLiteral("bad URL '/bucket/key'");
    QTest::newRow("bad configured endpoint") << region << Variables{ var("AWS_ENDPOINT_URL_S3", "ftp://127.0.0.1/") }
                                             << QStringList{ path } << QString() << QString()
                                             << QStringLiteral("AWS_ENDPOINT_URL_S3");
}

void tst_Sigv4CliConfig::presign()
{
    QFETCH(QByteArray, config);
    QFETCH(Variables, variables);
    QFETCH(QStringList, arguments);
    QFETCH(QString, sentTo);
    QFETCH(QString, region);
    QFETCH(QString, message);
    const Sigv4Process::Result result = run(
            config, variables,
            QStringList{ QStringLiteral("presign"), QStringLiteral("--time"), QStringLiteral("20260314T150926Z") } + arguments);
    QVERIFY(result.started);
    if (region.isEmpty()) {
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message.toUtf8()), result.err.constData());
        QCOMPARE(result.err.count('\n'), 1);
        return;
    }
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QUrl url(QString::fromUtf8(result.out.trimmed()));
    QCOMPARE(url.toString(QUrl::RemoveQuery), sentTo);
    const QString credential = QUrlQuery(url).queryItemValue(QStringLiteral("X-Amz-Credential"), QUrl::FullyDecoded);
    QVERIFY2(credential.contains(QStringLiteral("/20260314/") + region + u'/'), qPrintable(credential));
}

void tst_Sigv4CliConfig::presignPost_data()
{
    QTest::addColumn<Variables>("variables");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("region");
    const auto var = [](const char *name, const char *value) { return qMakePair(QString::fromLatin1(name), QString::fromLatin1(value)); };
    QTest::newRow("config file") << Variables() << QStringList() << QStringLiteral("http://127.0.0.1:4000/bucket1")
                                 << QStringLiteral("eu-central-1");
    QTest::newRow("environment") << Variables{ var("AWS_REGION", "us-west-2"), var("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:4572") }
                                 << QStringList() << QStringLiteral("http://127.0.0.1:4572/bucket1") << QStringLiteral("us-west-2");
    QTest::newRow("flags") << Variables{ var("AWS_REGION", "us-west-2") }
                           << QStringList{ QStringLiteral("--region"), QStringLiteral("sa-east-1"),
                                           QStringLiteral("--endpoint-url"), QStringLiteral("http://127.0.0.1:5000") }
                           << QStringLiteral("http://127.0.0.1:5000/bucket1") << QStringLiteral("sa-east-1");
}

void tst_Sigv4CliConfig::presignPost()
{
    QFETCH(Variables, variables);
    QFETCH(QStringList, arguments);
    QFETCH(QString, url);
    QFETCH(QString, region);
    const Sigv4Process::Result result = run(
            "[default]\nregion = eu-central-1\nendpoint_url = http://127.0.0.1:4000\n", variables,
            QStringList{ QStringLiteral("presign-post"), QStringLiteral("--time"), QStringLiteral("20260314T150926Z") }
                    + arguments + QStringList{ QStringLiteral("bucket1") });
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QJsonObject document = QJsonDocument::fromJson(result.out).object();
    QCOMPARE(document.value(u"url").toString(), url);
    QCOMPARE(document.value(u"fields").toObject().value(u"x-amz-credential").toString(),
             QStringLiteral("AKIDENV/20260314/") + region + QStringLiteral("/s3/aws4_request"));
}

QTEST_GUILESS_MAIN(tst_Sigv4CliConfig)
#include "tst_sigv4cliconfig.moc"
