// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3types.h"

#include <QtCore/qcoreapplication.h>

QString S3Error::toString() const
{
    if (cancelled)
        return QCoreApplication::translate("S3Error", "Cancelled");
    QString text;
    if (!code.isEmpty())
        text = code;
    if (httpStatus > 0)
        text += (text.isEmpty() ? QString() : QStringLiteral(" ")) + QStringLiteral("(HTTP %1)").arg(httpStatus);
    if (!message.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral(": ")) + message;
    if (!resource.isEmpty() && !message.contains(resource))
        text += QStringLiteral(" [%1]").arg(resource);
    return text;
}

QString S3Error::hint() const
{
    if (code == u"SignatureDoesNotMatch")
        return QCoreApplication::translate("S3Error",
                "The secret access key or the region does not match what the server expects. "
                "Check the secret and the region in the connection settings.");
    if (code == u"InvalidAccessKeyId")
        return QCoreApplication::translate("S3Error", "The server does not know this access key id.");
    if (code == u"RequestTimeTooSkewed")
        return QCoreApplication::translate("S3Error", "This computer's clock is too far from the server's.");
    if (code == u"AccessDenied")
        return QCoreApplication::translate("S3Error", "These credentials are not allowed to do this.");
    if (code == u"NoSuchBucket")
        return QCoreApplication::translate("S3Error", "The bucket does not exist (any more). Refresh the bucket list.");
    if (code == u"BucketNotEmpty")
        return QCoreApplication::translate("S3Error", "Delete the bucket's objects first.");
    if (code == u"AuthorizationHeaderMalformed" || code == u"PermanentRedirect")
        return QCoreApplication::translate("S3Error", "The bucket lives in another region: change the region.");
    if (httpStatus == 0 && !cancelled)
        return QCoreApplication::translate("S3Error", "Check the endpoint URL and the network connection.");
    return QString();
}
