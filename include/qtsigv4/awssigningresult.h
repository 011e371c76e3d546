// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSSIGNINGRESULT_H
#define AWSSIGNINGRESULT_H

#include <qtsigv4/awshttprequest.h>
#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>

class AwsSigningResultPrivate;

class QTSIGV4_EXPORT AwsSigningResult
{
public:
    enum Error {
        NoError = 0,
        InvalidConfigError,
        InvalidRequestError,
        MissingHostError,
        MissingCredentialsError,
        ExpiredCredentialsError,
        NoSecretKeyError,
        InvalidDateError,
        DateMismatchError,
        InvalidExpiryError,
        InvalidCredentialsError
    };

    AwsSigningResult();
    AwsSigningResult(const AwsSigningResult &other);
    AwsSigningResult(AwsSigningResult &&other) noexcept;
    AwsSigningResult &operator=(const AwsSigningResult &other);
    AwsSigningResult &operator=(AwsSigningResult &&other) noexcept;
    ~AwsSigningResult();

    void swap(AwsSigningResult &other) noexcept { d.swap(other.d); }

    static AwsSigningResult failure(Error error, const QString &message);

    bool isValid() const { return error() == NoError; }
    Error error() const;
    QString errorString() const;

    QByteArray canonicalRequest() const;
    QByteArray stringToSign() const;
    QByteArray signature() const;
    QByteArray signedHeaders() const;
    QByteArray credentialScope() const;
    QByteArray authorization() const;
    QDateTime signingTime() const;
    QByteArray payloadHash() const;

    AwsHeaderList headersToAdd() const;
    QByteArray queryToAdd() const;
    QByteArray presignedTarget() const;
    AwsHttpRequest signedRequest() const;

private:
    friend class AwsSigner;
    friend class AwsSigningResultPrivate;
    explicit AwsSigningResult(AwsSigningResultPrivate *d);
    QSharedDataPointer<AwsSigningResultPrivate> d;
};

Q_DECLARE_SHARED(AwsSigningResult)
Q_DECLARE_METATYPE(AwsSigningResult)

#endif // AWSSIGNINGRESULT_H
