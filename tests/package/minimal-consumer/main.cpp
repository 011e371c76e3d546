// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// Against a library built with every part left out (QTSIGV4_WITH_*=OFF): qtsigv4config.h says
// so, the left-out headers are not installed, and each use of a missing part fails with its
// clear error instead of misbehaving: SigV4a signing, an aws-chunked upload through the
// manager, a profile with credential_process or credential_source = EcsContainer, and the
// default chain (no container or instance metadata providers).
#include <qtsigv4/awscredentialsproviderchain.h>
#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awsprofilecredentialsprovider.h>
#include <qtsigv4/awssigner.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>
#include <qtsigv4/qtsigv4config.h>

#include <QtCore/qbuffer.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qtemporarydir.h>
#include <QtNetwork/qnetworkreply.h>

#include <cstdio>
#include <memory>

static_assert(!QTSIGV4_HAS_SIGV4A && !QTSIGV4_HAS_VERIFIER && !QTSIGV4_HAS_PAYLOAD
                      && !QTSIGV4_HAS_PROCESS_PROVIDER && !QTSIGV4_HAS_METADATA_PROVIDERS
                      && !QTSIGV4_HAS_IOT_PROVIDER,
              "this consumer expects the minimal variant");
#if __has_include(<qtsigv4/awssignatureverifier.h>) || __has_include(<qtsigv4/awschunkedencoder.h>) \
        || __has_include(<qtsigv4/awsiotcredentialsprovider.h>)
#  error "the headers of a part left out are installed"
#endif

namespace {

const AwsCredentials Example(QStringLiteral("AKIDEXAMPLE"), QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));

bool expect(bool ok, const char *what, const QString &detail)
{
    std::printf("%s %s: %s\n", ok ? "ok  " : "FAIL", what, qPrintable(detail));
    return ok;
}

bool sigV4aFails()
{
    AwsSigningConfig config(QStringLiteral("s3"), QStringLiteral("us-east-1"));
    config.setAlgorithm(AwsSigningConfig::Algorithm::SigV4a);
    const AwsSigningResult result = AwsSigner(config).sign(
            AwsHttpRequest("GET", "/", { { "Host", "example.amazonaws.com" } }), Example,
            QDateTime::currentDateTimeUtc());
    return expect(result.error() == AwsSigningResult::InvalidConfigError
                          && result.errorString().contains(u"SigV4a is not available in this build"),
                  "SigV4a signing", result.errorString());
}

bool awsChunkedFails()
{
    AwsNetworkAccessManager nam;
    // Port 1 on loopback: nothing may be sent; the reply must fail before connecting.
    AwsSigningRule rule = AwsSigningRule::forBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:1")), QStringLiteral("s3"),
                                                     QStringLiteral("us-east-1"),
                                                     new AwsStaticCredentialsProvider(Example, &nam));
    AwsSigningConfig config = rule.signingConfig();
    config.setPayloadMode(AwsSigningConfig::PayloadMode::StreamingSigned);
    rule.setSigningConfig(config);
    nam.addRule(rule);
    QBuffer body;
    body.setData(QByteArray(1024, 'x'));
    body.open(QIODevice::ReadOnly);
    QNetworkReply *reply = nam.put(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:1/b/k"))), &body);
    QObject::connect(reply, &QNetworkReply::finished, qApp, &QCoreApplication::quit);
    if (!reply->isFinished())
        QCoreApplication::exec();
    return expect(reply->errorString().contains(u"aws-chunked uploads are not available in this build"),
                  "aws-chunked upload", reply->errorString());
}

bool profileFails(const char *profile, const char *mention)
{
    AwsProfileCredentialsProvider provider(QString::fromLatin1(profile));
    AwsCredentialsProvider::Error error = AwsCredentialsProvider::NoError;
    QString message;
    provider.waitForCredentials(5000, &error, &message);
    return expect(error == AwsCredentialsProvider::InvalidConfigurationError
                          && message.contains(QString::fromLatin1(mention)),
                  profile, message);
}

bool chainHasNoMetadataProviders()
{
    std::unique_ptr<AwsCredentialsProviderChain> chain(AwsCredentialsProviderChain::createDefault());
    QStringList names;
    for (AwsCredentialsProvider *p : chain->providers())
        names << p->name();
    const QString joined = names.join(u", ");
    return expect(!joined.contains(u"container", Qt::CaseInsensitive) && !joined.contains(u"metadata", Qt::CaseInsensitive)
                          && !names.isEmpty(),
                  "default chain", joined);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("config"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    file.write("[profile process]\ncredential_process = /bin/false\n"
               "[profile ecs]\nrole_arn = arn:aws:iam::123456789012:role/r\ncredential_source = EcsContainer\n");
    file.close();
    qputenv("AWS_CONFIG_FILE", config.toLocal8Bit());
    qputenv("AWS_SHARED_CREDENTIALS_FILE", dir.filePath(QStringLiteral("credentials")).toLocal8Bit());
    qputenv("AWS_EC2_METADATA_DISABLED", "true");

    bool ok = sigV4aFails();
    ok = awsChunkedFails() && ok;
    ok = profileFails("process", "credential_process is not available in this build") && ok;
    ok = profileFails("ecs", "credential_source EcsContainer is not available in this build") && ok;
    ok = chainHasNoMetadataProviders() && ok;
    return ok ? 0 : 1;
}
