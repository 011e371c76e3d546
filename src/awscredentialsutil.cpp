// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "awscredentialsutil_p.h"

#include <qtsigv4/awsdate.h>

#include <QtCore/qfile.h>
#include <QtCore/qjsonvalue.h>
#include <QtCore/qpointer.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkproxy.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qnetworkrequest.h>

namespace QtSigV4Private {

static const char TimedOutProperty[] = "_qtsigv4_timedOut";

QString environmentValue(const char *name)
{
    return qEnvironmentVariable(name).trimmed();
}

bool environmentIsTrue(const char *name)
{
    return environmentValue(name).compare(u"true", Qt::CaseInsensitive) == 0;
}

QDateTime parseTimestamp(const QString &text)
{
    const QByteArray latin = text.trimmed().toLatin1();
    QDateTime result = AwsDate::parse(latin);
    if (!result.isValid())
        result = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (result.isValid())
        result = result.toUTC();
    return result;
}

bool readSmallFile(const QString &path, QByteArray *data, QString *errorString, qint64 maxSize)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *errorString = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray content = file.read(maxSize + 1);
    if (content.size() > maxSize) {
        *errorString = QStringLiteral("%1 is larger than %2 bytes").arg(path).arg(maxSize);
        return false;
    }
    *data = content;
    return true;
}

AwsCredentials credentialsFromJson(const QJsonObject &object, QString *errorString)
{
    auto stringField = [&](const char *name) {
        return object.value(QLatin1String(name)).toString().trimmed();
    };
    const QString keyId = stringField("AccessKeyId");
    const QString secret = stringField("SecretAccessKey");
    QString token = stringField("Token");
    if (token.isEmpty())
        token = stringField("SessionToken");
    if (keyId.isEmpty() || secret.isEmpty()) {
        *errorString = keyId.isEmpty() ? QStringLiteral("the answer has no AccessKeyId")
                                       : QStringLiteral("the answer has no SecretAccessKey");
        return AwsCredentials();
    }
    QDateTime expiration;
    const QJsonValue expirationValue = object.value(QLatin1String("Expiration"));
    if (!expirationValue.isUndefined() && !expirationValue.isNull()) {
        expiration = parseTimestamp(expirationValue.toString());
        if (!expiration.isValid()) {
            *errorString = QStringLiteral("the Expiration \"%1\" is not an ISO 8601 timestamp")
                                   .arg(expirationValue.toString());
            return AwsCredentials();
        }
    }
    return AwsCredentials(keyId, secret, token, expiration);
}

QNetworkReply *sendWithTimeout(QNetworkAccessManager *manager, const QNetworkRequest &request,
                               const QByteArray &verb, const QByteArray &body, int timeoutMs)
{
    QNetworkRequest r(request);
    r.setTransferTimeout(timeoutMs);
    r.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                   QNetworkRequest::ManualRedirectPolicy);
    r.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    r.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    r.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    QNetworkReply *reply = body.isNull() && verb == "GET"
            ? manager->get(r)
            : manager->sendCustomRequest(r, verb, body);
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, reply, [reply] {
        if (!reply->isFinished()) {
            reply->setProperty(TimedOutProperty, true);
            reply->abort();
        }
    });
    timer->start(timeoutMs);
    return reply;
}

void abortAndDelete(QNetworkReply *reply, QObject *owner)
{
    if (!reply)
        return;
    reply->disconnect(owner);
    reply->abort();
    delete reply;
}

bool replyTimedOut(const QNetworkReply *reply)
{
    return reply->property(TimedOutProperty).toBool()
            || (reply->error() == QNetworkReply::OperationCanceledError)
            || reply->error() == QNetworkReply::TimeoutError;
}

AwsCredentialsProvider::Error replyErrorType(QNetworkReply *reply)
{
    if (replyTimedOut(reply))
        return AwsCredentialsProvider::TimeoutError;
    return AwsCredentialsProvider::NetworkError;
}

QString describeReplyFailure(QNetworkReply *reply, const QByteArray &body)
{
    const QString url = reply->url().toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (replyTimedOut(reply))
        return QStringLiteral("no answer from %1 in time").arg(url);
    if (status > 0) {
        QString excerpt = QString::fromUtf8(body.left(300)).simplified();
        return excerpt.isEmpty() ? QStringLiteral("HTTP %1 from %2").arg(status).arg(url)
                                 : QStringLiteral("HTTP %1 from %2: %3").arg(status).arg(url, excerpt);
    }
    return QStringLiteral("%1: %2").arg(url, reply->errorString());
}

QNetworkAccessManager *createDirectNetworkAccessManager(QObject *parent)
{
    auto *manager = new QNetworkAccessManager(parent);
    manager->setProxy(QNetworkProxy::NoProxy);
    manager->setAutoDeleteReplies(false);
    return manager;
}

} // namespace QtSigV4Private
