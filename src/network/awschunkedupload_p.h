// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSCHUNKEDUPLOAD_P_H
#define AWSCHUNKEDUPLOAD_P_H

// Internal: the aws-chunked side of a signed upload, the manager's one use of the payload
// layer. A build without the payload extras (QTSIGV4_WITH_PAYLOAD=OFF) compiles
// awschunkedupload_unavailable.cpp instead: an aws-chunked upload then fails with a clear error.

#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qstring.h>

#include <functional>

class AwsSigningConfig;
class AwsSigningKey;
class AwsSigningResult;
class QIODevice;
class QObject;

namespace QtSigV4Private {

class ChunkedUpload
{
public:
    // The headers an aws-chunked upload of decodedLength bytes adds to its request (signed
    // with it) in headers; the reason when there can be none.
    static QString headers(const AwsSigningConfig &config, qint64 decodedLength, AwsHeaderList *headers);

    // The device that sends source encoded and signed chunk by chunk from seed, a child of
    // parent; onFailed receives the reason if sending fails. Null, with errorString set, when
    // the chunks cannot be signed.
    static QIODevice *createDevice(const AwsSigningConfig &config, const AwsSigningResult &seed,
                                   const AwsSigningKey &key, QIODevice *source, qint64 decodedLength,
                                   bool sourceFinished, QObject *parent,
                                   const std::function<void(const QString &)> &onFailed,
                                   QString *errorString);
};

} // namespace QtSigV4Private

#endif // AWSCHUNKEDUPLOAD_P_H
