// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSPRESIGNREPLY_H
#define AWSPRESIGNREPLY_H

#include <qtsigv4/awssigningresult.h>
#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qobject.h>
#include <QtCore/qscopedpointer.h>
#include <QtCore/qurl.h>

class AwsCredentials;
class AwsNetworkAccessManager;
class AwsPresignReplyPrivate;
class AwsSigningRule;
class QNetworkRequest;

class QTSIGV4_EXPORT AwsPresignReply : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QUrl url READ url NOTIFY finished)
    Q_PROPERTY(bool finished READ isFinished NOTIFY finished)
public:
    enum Error {
        NoError = 0,
        NoSigningRuleError,
        InvalidRequestError,
        CredentialsError,
        TimeoutError,
        SigningError,
        OperationCanceledError
    };
    Q_ENUM(Error)

    ~AwsPresignReply() override;

    bool isFinished() const;
    QUrl url() const;
    QUrl requestUrl() const;
    QByteArray verb() const;
    AwsSigningResult signingResult() const;
    Error error() const;
    QString errorString() const;

public Q_SLOTS:
    void abort();

Q_SIGNALS:
    void finished();

private:
    friend class AwsNetworkAccessManager;
    AwsPresignReply(AwsNetworkAccessManager *manager, const QNetworkRequest &request,
                    const QByteArray &verb, qint64 expiresInSeconds, const AwsSigningRule &rule,
                    const QString &ruleError);
    void begin(const QString &ruleError);
    void sign(const AwsCredentials &credentials);
    void finish(Error error, const QString &errorString);
    QScopedPointer<AwsPresignReplyPrivate> d;
};

#endif // AWSPRESIGNREPLY_H
