// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "network/awsrequestcheck_p.h"

#include "core/awsinputcheck_p.h"

#include <QtCore/qcoreapplication.h>

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

QString requestLineError(const QByteArray &method, const QNetworkRequest &request)
{
    if (!isHttpToken(method)) {
        return QCoreApplication::translate(
                "AwsNetworkAccessManager",
                "refusing to send a request whose method is not an HTTP token "
                "(empty, or with spaces, control or non-ASCII characters)");
    }
    const QList<QByteArray> names = request.rawHeaderList();
    for (const QByteArray &name : names) {
        if (!isHttpToken(name)) {
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
