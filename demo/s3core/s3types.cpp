// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3types.h"

#include <QtCore/qcoreapplication.h>

S3Error S3Error::fromReply(const AwsS3Reply *reply)
{
    S3Error e;
    if (reply->error() == AwsS3Reply::NoError)
        return e;
    e.kind = reply->error();
    e.cancelled = e.kind == AwsS3Reply::OperationCanceledError;
    e.httpStatus = reply->httpStatus();
    e.code = reply->serviceErrorCode();
    e.message = reply->errorString();
    return e;
}

S3Error S3Error::fromMessage(AwsS3Reply::Error kind, const QString &message)
{
    S3Error e;
    e.kind = kind;
    e.cancelled = kind == AwsS3Reply::OperationCanceledError;
    e.message = message;
    return e;
}

QString S3Error::toString() const
{
    if (cancelled)
        return QCoreApplication::translate("S3Error", "Cancelled");
    // The library's message already names the service's code; only the status is added.
    if (httpStatus > 0 && !message.contains(QString::number(httpStatus)))
        return QStringLiteral("%1 (HTTP %2)").arg(message).arg(httpStatus);
    return message;
}

QString S3Error::hint() const
{
    if (code == u"SignatureDoesNotMatch"
        || (code.isEmpty() && kind == AwsS3Reply::AuthenticationError))
        return QCoreApplication::translate("S3Error",
                "The secret access key or the region does not match what the server expects. "
                "Check the secret and the region in the connection settings.");
    if (code == u"InvalidAccessKeyId")
        return QCoreApplication::translate("S3Error", "The server does not know this access key id.");
    if (code == u"RequestTimeTooSkewed")
        return QCoreApplication::translate("S3Error", "This computer's clock is too far from the server's.");
    if (kind == AwsS3Reply::AccessDeniedError)
        return QCoreApplication::translate("S3Error", "These credentials are not allowed to do this.");
    if (kind == AwsS3Reply::NoSuchBucketError)
        return QCoreApplication::translate("S3Error", "The bucket does not exist (any more). Refresh the bucket list.");
    if (kind == AwsS3Reply::BucketNotEmptyError)
        return QCoreApplication::translate("S3Error", "Delete the bucket's objects first.");
    if (code == u"AuthorizationHeaderMalformed" || code == u"PermanentRedirect")
        return QCoreApplication::translate("S3Error", "The bucket lives in another region: change the region.");
    if (kind == AwsS3Reply::NetworkError || kind == AwsS3Reply::TimeoutError)
        return QCoreApplication::translate("S3Error", "Check the endpoint URL and the network connection.");
    return QString();
}
