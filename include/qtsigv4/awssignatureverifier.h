// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSSIGNATUREVERIFIER_H
#define AWSSIGNATUREVERIFIER_H

#include <qtsigv4/awscredentials.h>
#include <qtsigv4/awshttprequest.h>
#include <qtsigv4/awsverificationresult.h>
#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qshareddata.h>

#include <functional>

class AwsSignatureVerifierPrivate;

class QTSIGV4_EXPORT AwsSignatureVerifier
{
public:
    // Returns the credentials of an access key id (with its secret), or null credentials.
    using CredentialsLookup = std::function<AwsCredentials(const QString &accessKeyId)>;

    static constexpr qint64 DefaultAllowedSkew = 15 * 60;

    AwsSignatureVerifier();
    explicit AwsSignatureVerifier(const CredentialsLookup &lookup);
    AwsSignatureVerifier(const AwsSignatureVerifier &other);
    AwsSignatureVerifier &operator=(const AwsSignatureVerifier &other);
    ~AwsSignatureVerifier();

    void setCredentialsLookup(const CredentialsLookup &lookup);
    QString expectedRegion() const;
    void setExpectedRegion(const QString &region);
    QString expectedService() const;
    void setExpectedService(const QString &service);
    qint64 allowedClockSkew() const;
    void setAllowedClockSkew(qint64 seconds);
    bool normalizePath() const;
    void setNormalizePath(bool normalize);

    AwsVerificationResult verify(const AwsHttpRequest &request,
                                 const QDateTime &now = QDateTime()) const;

private:
    QSharedDataPointer<AwsSignatureVerifierPrivate> d;
};

#endif // AWSSIGNATUREVERIFIER_H
