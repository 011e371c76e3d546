// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSSIGNINGRESULT_P_H
#define AWSSIGNINGRESULT_P_H

#include <qtsigv4/awssigningresult.h>

class AwsSigningResultPrivate : public QSharedData
{
public:
    AwsSigningResult::Error error = AwsSigningResult::NoError;
    QString errorString;
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray signature;
    QByteArray signedHeaders;
    QByteArray credentialScope;
    QByteArray authorization;
    QByteArray payloadHash;
    QDateTime signingTime;
    AwsHeaderList headersToAdd;
    QByteArray queryToAdd;
    AwsHttpRequest request; // the request as signed (date fixes applied), before additions
};

#endif // AWSSIGNINGRESULT_P_H
