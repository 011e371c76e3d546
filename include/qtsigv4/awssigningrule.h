// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSSIGNINGRULE_H
#define AWSSIGNINGRULE_H

#include <qtsigv4/awssigningconfig.h>
#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>
#include <QtCore/qurl.h>

class AwsCredentialsProvider;
class QDebug;
class AwsSigningRulePrivate;

class QTSIGV4_EXPORT AwsSigningRule
{
public:
    AwsSigningRule();
    AwsSigningRule(const QString &hostPattern, const QString &service, const QString &region,
                   AwsCredentialsProvider *provider = nullptr);
    AwsSigningRule(const AwsSigningRule &other);
    AwsSigningRule(AwsSigningRule &&other) noexcept;
    AwsSigningRule &operator=(const AwsSigningRule &other);
    AwsSigningRule &operator=(AwsSigningRule &&other) noexcept;
    ~AwsSigningRule();

    void swap(AwsSigningRule &other) noexcept { d.swap(other.d); }

    static AwsSigningRule forHost(const QString &hostPattern, const QString &service = QString(),
                                  const QString &region = QString(),
                                  AwsCredentialsProvider *provider = nullptr);
    static AwsSigningRule forBaseUrl(const QUrl &baseUrl, const QString &service = QString(),
                                     const QString &region = QString(),
                                     AwsCredentialsProvider *provider = nullptr);
    static AwsSigningRule forAwsEndpoints(AwsCredentialsProvider *provider = nullptr);

    bool isNull() const;

    QString hostPattern() const;
    void setHostPattern(const QString &pattern);
    QUrl baseUrl() const;
    void setBaseUrl(const QUrl &baseUrl);

    QString service() const;
    void setService(const QString &service);
    QString region() const;
    void setRegion(const QString &region);

    AwsCredentialsProvider *credentialsProvider() const;
    void setCredentialsProvider(AwsCredentialsProvider *provider);

    AwsSigningConfig signingConfig() const;
    void setSigningConfig(const AwsSigningConfig &config);

    // Shortcuts into signingConfig().
    void setUnsignedPayload(bool unsignedPayload);
    void setS3Rules(AwsSigningConfig::S3Rules rules);
    void setPresign(bool presign, qint64 expiresInSeconds = AwsSigningConfig::DefaultExpiry);

    QByteArray signedHost() const;
    void setSignedHost(const QByteArray &hostAndPort);

    int matchScore(const QUrl &url) const;
    bool matches(const QUrl &url) const { return matchScore(url) >= 0; }
    AwsSigningRule resolvedFor(const QUrl &url, QString *errorString = nullptr) const;

    static bool inferServiceAndRegion(const QString &host, QString *service, QString *region);

private:
    QSharedDataPointer<AwsSigningRulePrivate> d;
};

QTSIGV4_EXPORT QDebug operator<<(QDebug debug, const AwsSigningRule &rule);

Q_DECLARE_SHARED(AwsSigningRule)
Q_DECLARE_METATYPE(AwsSigningRule)

#endif // AWSSIGNINGRULE_H
