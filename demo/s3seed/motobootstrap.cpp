// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "motobootstrap.h"

#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qeventloop.h>
#include <QtCore/qxmlstream.h>
#include <QtNetwork/qnetworkreply.h>

namespace {

QString xmlValue(const QByteArray &xml, const QString &name)
{
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement() && reader.name() == name)
            return reader.readElementText();
    }
    return QString();
}

QByteArray call(AwsNetworkAccessManager &manager, const QUrl &endpoint,
                const QList<QPair<QString, QString>> &parameters, QString *errorString)
{
    QByteArray body;
    for (const auto &p : parameters) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(p.first) + '=' + QUrl::toPercentEncoding(p.second);
    }
    body += "&Version=2010-05-08";
    QNetworkRequest request(endpoint);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArray("application/x-www-form-urlencoded; charset=utf-8"));
    QNetworkReply *reply = manager.post(request, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    const QByteArray answer = reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200) {
        *errorString = QStringLiteral("%1 failed (HTTP %2): %3")
                               .arg(parameters.value(0).second).arg(status)
                               .arg(status ? QString::fromUtf8(answer.left(400)) : reply->errorString());
        return QByteArray();
    }
    return answer.isEmpty() ? QByteArray(" ") : answer;
}

} // namespace

namespace MotoBootstrap {

AwsCredentials createUser(const QUrl &endpoint, const QString &userName, QString *errorString)
{
    AwsStaticCredentialsProvider bootstrap(
            AwsCredentials(QStringLiteral("AKIAQTSIGV4BOOTSTRAP"), QStringLiteral("not-checked-yet")));
    AwsNetworkAccessManager manager;
    manager.addRule(AwsSigningRule::forBaseUrl(endpoint, QStringLiteral("iam"),
                                               QStringLiteral("us-east-1"), &bootstrap));
    const QString policy = QStringLiteral(
            R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})");
    if (call(manager, endpoint, { { QStringLiteral("Action"), QStringLiteral("CreateUser") },
                                  { QStringLiteral("UserName"), userName } }, errorString).isEmpty())
        return AwsCredentials();
    if (call(manager, endpoint, { { QStringLiteral("Action"), QStringLiteral("PutUserPolicy") },
                                  { QStringLiteral("UserName"), userName },
                                  { QStringLiteral("PolicyName"), QStringLiteral("allow-all") },
                                  { QStringLiteral("PolicyDocument"), policy } }, errorString).isEmpty())
        return AwsCredentials();
    const QByteArray key = call(manager, endpoint,
                                { { QStringLiteral("Action"), QStringLiteral("CreateAccessKey") },
                                  { QStringLiteral("UserName"), userName } }, errorString);
    if (key.isEmpty())
        return AwsCredentials();
    AwsCredentials credentials(xmlValue(key, QStringLiteral("AccessKeyId")),
                               xmlValue(key, QStringLiteral("SecretAccessKey")));
    if (!credentials.isValid())
        *errorString = QStringLiteral("CreateAccessKey: no key in the answer");
    return credentials;
}

} // namespace MotoBootstrap
