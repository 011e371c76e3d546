// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "network/awschunkedupload_p.h"

#include <qtsigv4/awschunkedencoder.h>
#include <qtsigv4/awschunkeduploaddevice.h>
#include <qtsigv4/awssigningconfig.h>

namespace QtSigV4Private {

QString ChunkedUpload::headers(const AwsSigningConfig &config, qint64 decodedLength, AwsHeaderList *headers)
{
    *headers = AwsChunkedEncoder(config).headersFor(decodedLength);
    return QString();
}

QIODevice *ChunkedUpload::createDevice(const AwsSigningConfig &config, const AwsSigningResult &seed,
                                       const AwsSigningKey &key, QIODevice *source, qint64 decodedLength,
                                       bool sourceFinished, QObject *parent,
                                       const std::function<void(const QString &)> &onFailed,
                                       QString *errorString)
{
    AwsChunkedEncoder encoder(config);
    if (!encoder.start(seed, key)) {
        *errorString = encoder.errorString();
        return nullptr;
    }
    auto *device = new AwsChunkedUploadDevice(source, std::move(encoder), decodedLength, parent);
    if (sourceFinished)
        device->markSourceFinished();
    QObject::connect(device, &AwsChunkedUploadDevice::failed, parent, onFailed);
    return device;
}

} // namespace QtSigV4Private
