// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSCHUNKEDENCODER_H
#define AWSCHUNKEDENCODER_H

#include <qtsigv4/awssigningconfig.h>
#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qbytearray.h>
#include <QtCore/qbytearrayview.h>
#include <QtCore/qstring.h>

#include <memory>

class AwsSigningKey;
class AwsSigningResult;
class AwsChunkedEncoderPrivate;

class QTSIGV4_EXPORT AwsChunkedEncoder
{
public:
    enum Error {
        NoError = 0,
        InvalidConfigError,
        SigningKeyError,
        StateError
    };

    AwsChunkedEncoder();
    explicit AwsChunkedEncoder(const AwsSigningConfig &config);
    AwsChunkedEncoder(AwsChunkedEncoder &&other) noexcept;
    AwsChunkedEncoder &operator=(AwsChunkedEncoder &&other) noexcept;
    ~AwsChunkedEncoder();

    AwsSigningConfig::PayloadMode payloadMode() const;
    AwsSigningConfig::ChecksumAlgorithm trailingChecksum() const;
    qint64 chunkSize() const;

    AwsHeaderList headersFor(qint64 decodedLength) const;
    qint64 encodedLength(qint64 decodedLength) const;

    bool start(const AwsSigningResult &seed, const AwsSigningKey &key);
    QByteArray encodeChunk(QByteArrayView data);
    QByteArray finish();
    bool isStarted() const;
    bool isFinished() const;
    QByteArray previousSignature() const;
    QByteArray checksumValue() const;

    Error error() const;
    QString errorString() const;

    static QByteArray payloadMarker(AwsSigningConfig::PayloadMode mode);
    static QByteArray checksumHeaderName(AwsSigningConfig::ChecksumAlgorithm algorithm);

private:
    std::unique_ptr<AwsChunkedEncoderPrivate> d;
};

#endif // AWSCHUNKEDENCODER_H
