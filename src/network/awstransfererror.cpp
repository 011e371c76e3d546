// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "network/awstransfererror_p.h"

#include "network/awsrequestbody_p.h"

#include <QtCore/qbuffer.h>

/*!
    \class AwsTransferError
    \internal
    \brief Names the cause of a failed transfer that Qt leaves vague.

    Measured with Qt 6.4: a body device that fails, a file that shrinks while it is sent and
    a server that closes the connection in the middle of the upload all end as
    UnknownNetworkError "Unknown error" (or RemoteHostClosedError), and the transfer timeout
    of QNetworkRequest as OperationCanceledError "Operation canceled", exactly like abort().
*/

namespace {

QString seconds(qint64 msecs)
{
    return QString::number(double(msecs) / 1000.0, 'f', msecs % 1000 == 0 ? 0 : 1);
}

} // namespace

void AwsTransferError::explain(const Facts &facts, QNetworkReply::NetworkError *error, QString *message)
{
    // The proxy reply disconnects from a transport reply before aborting it itself: a cancel
    // that arrives is Qt's transfer timeout.
    if (*error == QNetworkReply::OperationCanceledError && facts.transferTimeoutMs > 0) {
        *error = QNetworkReply::TimeoutError;
        *message = QStringLiteral("timed out after %1 s: nothing was sent or received for %2 s "
                                  "(the request's transfer timeout)")
                           .arg(seconds(facts.elapsedMs), seconds(facts.transferTimeoutMs));
        return;
    }
    if (*error != QNetworkReply::UnknownNetworkError && *error != QNetworkReply::RemoteHostClosedError)
        return;
    if (facts.body && facts.device) {
        static const QString noError = QBuffer().errorString(); // QIODevice's "Unknown error"
        if (facts.device->errorString() != noError) {
            *error = QNetworkReply::UnknownContentError;
            *message = QStringLiteral("reading the request body %1 failed while sending it: %2")
                               .arg(facts.body->deviceName(), facts.device->errorString());
            return;
        }
        const QString change = facts.body->sizeChange(QStringLiteral("while it was being sent"));
        if (!change.isEmpty()) {
            *error = QNetworkReply::UnknownContentError;
            *message = change;
            return;
        }
    }
    if (facts.body && (facts.bytesTotal < 0 || facts.bytesSent < facts.bytesTotal)) {
        *error = QNetworkReply::RemoteHostClosedError;
        *message = facts.bytesTotal < 0
                ? QStringLiteral("the server closed the connection after %1 bytes of the request "
                                 "body were sent")
                          .arg(facts.bytesSent)
                : QStringLiteral("the server closed the connection after %1 of the %2 bytes of the "
                                 "request body were sent")
                          .arg(facts.bytesSent)
                          .arg(facts.bytesTotal);
    }
}
