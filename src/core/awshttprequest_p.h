// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSHTTPREQUEST_P_H
#define AWSHTTPREQUEST_P_H

#include <qtsigv4/awshttprequest.h>

class AwsHttpRequestPrivate : public QSharedData
{
public:
    // The fields read in place: the signer reads a request without copying its arrays (each
    // getter's copy costs two atomic reference-count updates).
    static const AwsHttpRequestPrivate &get(const AwsHttpRequest &request) { return *request.d; }

    QByteArray method;
    QByteArray target;
    QByteArray httpVersion = QByteArrayLiteral("HTTP/1.1");
    AwsHeaderList headers;
    QByteArray body;
    QByteArray payloadHash;
};

#endif // AWSHTTPREQUEST_P_H
