// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSPOSTPOLICY_H
#define AWSPOSTPOLICY_H

#include <qtsigv4/awscredentials.h>
#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>
#include <QtCore/qurl.h>

class AwsPostPolicyPrivate;
class AwsSigningKey;
class QHttpMultiPart;
class QIODevice;
class QObject;

class QTSIGV4_EXPORT AwsPostPolicy
{
public:
    enum Error { NoError = 0, InvalidPolicyError, MissingCredentialsError, SigningKeyError };
    static constexpr qint64 DefaultExpiry = 3600;

    AwsPostPolicy();
    AwsPostPolicy(const QString &bucket, const QString &region);
    AwsPostPolicy(const AwsPostPolicy &other);
    AwsPostPolicy(AwsPostPolicy &&other) noexcept;
    AwsPostPolicy &operator=(const AwsPostPolicy &other);
    AwsPostPolicy &operator=(AwsPostPolicy &&other) noexcept;
    ~AwsPostPolicy();

    void swap(AwsPostPolicy &other) noexcept { d.swap(other.d); }

    QString bucket() const;
    void setBucket(const QString &bucket);
    QString region() const;
    void setRegion(const QString &region);
    QString key() const;
    void setKey(const QString &key);
    QString keyPrefix() const;
    void setKeyPrefix(const QString &prefix);
    QDateTime expiration() const;
    void setExpiration(const QDateTime &expiration);
    qint64 expiresInSeconds() const;
    void setExpiresInSeconds(qint64 seconds);
    void setContentLengthRange(qint64 minimum, qint64 maximum);
    void addField(const QString &name, const QString &value);
    void addStartsWith(const QString &name, const QString &prefix, const QString &formValue = QString());

    QByteArray policyDocument(const AwsCredentials &credentials, const QDateTime &now = QDateTime()) const;
    AwsHeaderList formFields(const AwsCredentials &credentials, const QDateTime &now = QDateTime(),
                             Error *error = nullptr, QString *errorString = nullptr) const;
    QUrl actionUrl(const QUrl &endpoint = QUrl()) const;

    static QByteArray signPolicy(const QByteArray &base64Policy, const AwsSigningKey &key);
    static QString htmlForm(const QUrl &action, const AwsHeaderList &fields,
                            const QString &fileField = QStringLiteral("file"));
    static QHttpMultiPart *multiPart(const AwsHeaderList &fields, QIODevice *file,
                                     const QString &fileName, const QByteArray &contentType,
                                     QObject *parent = nullptr);
    static QHttpMultiPart *multiPart(const AwsHeaderList &fields, const QByteArray &data,
                                     const QString &fileName, const QByteArray &contentType,
                                     QObject *parent = nullptr);

private:
    QSharedDataPointer<AwsPostPolicyPrivate> d;
};

Q_DECLARE_SHARED(AwsPostPolicy)

#endif // AWSPOSTPOLICY_H
