// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef S3TYPES_H
#define S3TYPES_H

#include <qtsigv4/awss3reply.h>

#include <QtCore/qstring.h>

// An error as a person should read it: the service's code and message when the service
// answered, else what failed locally or on the network. Built from the library's replies and
// transfer jobs, so the user interface needs one kind of error only.
struct S3Error
{
    AwsS3Reply::Error kind = AwsS3Reply::NoError;
    int httpStatus = 0;        // 0: no HTTP answer
    QString code;              // e.g. "NoSuchBucket", "AccessDenied", "SignatureDoesNotMatch"
    QString message;           // the library's errorString()
    bool cancelled = false;

    static S3Error fromReply(const AwsS3Reply *reply);
    static S3Error fromMessage(AwsS3Reply::Error kind, const QString &message);

    bool isError() const { return cancelled || kind != AwsS3Reply::NoError || !message.isEmpty(); }
    QString toString() const;  // one readable line
    QString hint() const;      // plain-words advice for the usual causes, or empty
};

#include <QtCore/qmetatype.h>
Q_DECLARE_METATYPE(S3Error)

#endif // S3TYPES_H
