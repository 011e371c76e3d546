// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSSIGNINGKEY_H
#define AWSSIGNINGKEY_H

#include <qtsigv4/awscredentials.h>
#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>

#include <memory>

class AwsSigningKeyPrivate;
namespace QtSigV4Private {
class SigV4aKey;
}

class QTSIGV4_EXPORT AwsSigningKey
{
public:
    enum SecretStorage { StoreSecret, DiscardSecret };
    static constexpr int ValidityDays = 7;

    AwsSigningKey();
    AwsSigningKey(const AwsCredentials &credentials, QDate date, const QString &region,
                  const QString &service, SecretStorage storage = StoreSecret);
    AwsSigningKey(const AwsSigningKey &other);
    AwsSigningKey(AwsSigningKey &&other) noexcept;
    AwsSigningKey &operator=(const AwsSigningKey &other);
    AwsSigningKey &operator=(AwsSigningKey &&other) noexcept;
    ~AwsSigningKey();

    void swap(AwsSigningKey &other) noexcept { d.swap(other.d); }

    bool isNull() const;
    bool isValid() const;
    QDate date() const;
    QString region() const;
    QString service() const;
    QByteArray scope() const;
    QByteArray key() const;
    bool hasSecret() const;
    AwsCredentials credentials() const;
    QString accessKeyId() const;
    QString sessionToken() const;
    QDateTime expiresAt() const;
    bool isExpired(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;

    bool regenerate(QDate date = QDate(), const QString &region = QString(),
                    const QString &service = QString(), QString *errorString = nullptr);
    void forgetSecret();

    QByteArray keyFor(QDate date, const QString &region, const QString &service,
                      bool allowRegenerate, QString *errorString = nullptr) const;

private:
    friend class AwsSigner;
    QString credentialsProblem() const;
    std::shared_ptr<const QtSigV4Private::SigV4aKey> sigV4aKey(QString *errorString) const;
    QSharedDataPointer<AwsSigningKeyPrivate> d;
};

Q_DECLARE_SHARED(AwsSigningKey)

#endif // AWSSIGNINGKEY_H
