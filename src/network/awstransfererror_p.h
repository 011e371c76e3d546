// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSTRANSFERERROR_P_H
#define AWSTRANSFERERROR_P_H

// Internal: what happened when Qt reports a failed transfer as "Unknown error" or
// "Operation canceled".

#include <qtsigv4/qtsigv4global.h>
#include <QtNetwork/qnetworkreply.h>

class AwsRequestBody;

class AwsTransferError
{
public:
    struct Facts
    {
        const AwsRequestBody *body = nullptr; // null when no body is sent
        QIODevice *device = nullptr;          // what Qt reads the body from (null: aws-chunked)
        qint64 bytesSent = 0;                 // as uploadProgress() last said
        qint64 bytesTotal = -1;
        int transferTimeoutMs = 0;            // QNetworkRequest::transferTimeout() in effect
        qint64 elapsedMs = 0;                 // since the attempt was sent
    };

    // Replaces *error and *message, Qt's, by what happened when the facts tell.
    static void explain(const Facts &facts, QNetworkReply::NetworkError *error, QString *message);
};

#endif // AWSTRANSFERERROR_P_H
