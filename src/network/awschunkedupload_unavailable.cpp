// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// awschunkedupload_p.h in a build without the payload extras (QTSIGV4_WITH_PAYLOAD=OFF).
#include "network/awschunkedupload_p.h"

namespace QtSigV4Private {

namespace {

QString unavailable()
{
    return QStringLiteral("aws-chunked uploads are not available in this build (qtsigv4 was built "
                          "with QTSIGV4_WITH_PAYLOAD=OFF)");
}

} // namespace

QString ChunkedUpload::headers(const AwsSigningConfig &, qint64, AwsHeaderList *)
{
    return unavailable();
}

// Not reached: the reply fails at headers() first.
QIODevice *ChunkedUpload::createDevice(const AwsSigningConfig &, const AwsSigningResult &,
                                       const AwsSigningKey &, QIODevice *, qint64, bool, QObject *,
                                       const std::function<void(const QString &)> &,
                                       QString *errorString)
{
    *errorString = unavailable();
    return nullptr;
}

} // namespace QtSigV4Private
