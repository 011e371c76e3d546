// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSSERVICEERROR_P_H
#define AWSSERVICEERROR_P_H

// Internal: the error an AWS service put in a response body (XML or JSON protocols), and the
// diagnostics of a signature mismatch.

#include "core/qtsigv4global_p.h"

#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qbytearray.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qstring.h>
#include <QtCore/qstringlist.h>

class AwsSigningResult;

class QTSIGV4_AUTOTEST_EXPORT AwsServiceError
{
public:
    static AwsServiceError parse(const QByteArray &body, const QByteArray &errorTypeHeader = QByteArray());

    bool isNull() const { return code.isEmpty() && message.isEmpty(); }
    bool isClockSkewError() const;
    bool isSignatureError() const;
    QString summary() const;

    static QString diagnoseSignatureMismatch(const AwsServiceError &error,
                                             const AwsSigningResult &ours,
                                             const QStringList &secrets = QStringList());

    QString code;
    QString message;
    QByteArray canonicalRequest; // S3 tells what it computed
    QByteArray stringToSign;
    QDateTime serverTime;        // S3 RequestTimeTooSkewed carries <ServerTime>
};

#endif // AWSSERVICEERROR_P_H
