// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSVERIFICATIONRESULT_H
#define AWSVERIFICATIONRESULT_H

#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>

class AwsVerificationResultPrivate;

class QTSIGV4_EXPORT AwsVerificationResult
{
public:
    enum Status {
        Valid = 0,
        MissingSignature,
        MalformedSignature,
        UnsupportedAlgorithm,
        UnknownAccessKey,
        ScopeMismatch,
        InvalidDate,
        RequestTimeTooSkewed,
        PresignExpired,
        InvalidExpiry,
        HostNotSigned,
        MissingSignedHeader,
        PayloadHashMismatch,
        SessionTokenMismatch,
        SignatureMismatch
    };

    AwsVerificationResult();
    AwsVerificationResult(Status status, const QString &reason);
    AwsVerificationResult(const AwsVerificationResult &other);
    AwsVerificationResult(AwsVerificationResult &&other) noexcept;
    AwsVerificationResult &operator=(const AwsVerificationResult &other);
    AwsVerificationResult &operator=(AwsVerificationResult &&other) noexcept;
    ~AwsVerificationResult();

    void swap(AwsVerificationResult &other) noexcept { d.swap(other.d); }

    bool isValid() const { return status() == Valid; }
    Status status() const;
    QString reason() const;
    static QString statusName(Status status);

    QString accessKeyId() const;
    QString region() const;
    QString service() const;
    QDateTime signingTime() const;
    bool isPresigned() const;
    QByteArray canonicalRequest() const;
    QByteArray stringToSign() const;

private:
    friend class AwsSignatureVerifier;
    QSharedDataPointer<AwsVerificationResultPrivate> d;
};

Q_DECLARE_SHARED(AwsVerificationResult)
Q_DECLARE_METATYPE(AwsVerificationResult)

#endif // AWSVERIFICATIONRESULT_H
