// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "network/awsrequestcheck_p.h"

#include <QtCore/qcoreapplication.h>

#include <cstring>

namespace QtSigV4Private {

QByteArray methodFor(QNetworkAccessManager::Operation op, const QByteArray &customVerb)
{
    switch (op) {
    case QNetworkAccessManager::HeadOperation: return QByteArrayLiteral("HEAD");
    case QNetworkAccessManager::GetOperation: return QByteArrayLiteral("GET");
    case QNetworkAccessManager::PutOperation: return QByteArrayLiteral("PUT");
    case QNetworkAccessManager::PostOperation: return QByteArrayLiteral("POST");
    case QNetworkAccessManager::DeleteOperation: return QByteArrayLiteral("DELETE");
    case QNetworkAccessManager::CustomOperation: return customVerb;
    case QNetworkAccessManager::UnknownOperation: break;
    }
    return QByteArray();
}

static bool isToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || (c != '\0' && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr);
        if (!ok)
            return false;
    }
    return true;
}

QString requestLineError(const QByteArray &method, const QNetworkRequest &request)
{
    if (!isToken(method)) {
        return QCoreApplication::translate(
                "AwsNetworkAccessManager",
                "refusing to send a request whose method is not an HTTP token "
                "(empty, or with spaces, control or non-ASCII characters)");
    }
    const QList<QByteArray> names = request.rawHeaderList();
    for (const QByteArray &name : names) {
        if (!isToken(name)) {
            return QCoreApplication::translate(
                           "AwsNetworkAccessManager",
                           "refusing to send a header whose name is not an HTTP token: \"%1\"")
                    .arg(QString::fromLatin1(name.left(64).toPercentEncoding()));
        }
        const QByteArray value = request.rawHeader(name);
        if (value.contains('\r') || value.contains('\n') || value.contains('\0')) {
            return QCoreApplication::translate(
                           "AwsNetworkAccessManager",
                           "refusing to send header %1: its value contains CR, LF or NUL")
                    .arg(QString::fromLatin1(name.left(64)));
        }
    }
    return QString();
}

} // namespace QtSigV4Private
