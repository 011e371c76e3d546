// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSVERIFICATIONRESULT_P_H
#define AWSVERIFICATIONRESULT_P_H

#include <qtsigv4/awsverificationresult.h>

class AwsVerificationResultPrivate : public QSharedData
{
public:
    AwsVerificationResult::Status status = AwsVerificationResult::MissingSignature;
    QString reason;
    QString accessKeyId;
    QString region;
    QString service;
    QDateTime signingTime;
    bool presigned = false;
    QByteArray canonicalRequest;
    QByteArray stringToSign;
};

#endif // AWSVERIFICATIONRESULT_P_H
