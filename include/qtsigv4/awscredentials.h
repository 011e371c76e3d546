// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSCREDENTIALS_H
#define AWSCREDENTIALS_H

#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>

class QDebug;
class AwsCredentialsPrivate;

class QTSIGV4_EXPORT AwsCredentials
{
public:
    AwsCredentials();
    AwsCredentials(const QString &accessKeyId, const QString &secretAccessKey,
                   const QString &sessionToken = QString(),
                   const QDateTime &expiration = QDateTime());
    AwsCredentials(const AwsCredentials &other);
    AwsCredentials(AwsCredentials &&other) noexcept;
    AwsCredentials &operator=(const AwsCredentials &other);
    AwsCredentials &operator=(AwsCredentials &&other) noexcept;
    ~AwsCredentials();

    void swap(AwsCredentials &other) noexcept { d.swap(other.d); }

    QString accessKeyId() const;
    void setAccessKeyId(const QString &id);
    QString secretAccessKey() const;
    void setSecretAccessKey(const QString &secret);
    QString sessionToken() const;
    void setSessionToken(const QString &token);
    QDateTime expiration() const;
    void setExpiration(const QDateTime &expiration);
    QString providerName() const;
    void setProviderName(const QString &name);

    bool isNull() const;
    bool isValid() const;
    bool hasSessionToken() const;
    bool canExpire() const;
    bool isExpired(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    bool expiresWithin(qint64 seconds,
                       const QDateTime &now = QDateTime::currentDateTimeUtc()) const;

    bool operator==(const AwsCredentials &other) const;
    bool operator!=(const AwsCredentials &other) const { return !(*this == other); }

private:
    QSharedDataPointer<AwsCredentialsPrivate> d;
};

QTSIGV4_EXPORT QDebug operator<<(QDebug debug, const AwsCredentials &credentials);

Q_DECLARE_SHARED(AwsCredentials)
Q_DECLARE_METATYPE(AwsCredentials)

#endif // AWSCREDENTIALS_H
