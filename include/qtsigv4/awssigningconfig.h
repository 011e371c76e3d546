// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSSIGNINGCONFIG_H
#define AWSSIGNINGCONFIG_H

#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qset.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>
#include <QtCore/qstringlist.h>

class AwsSigningConfigPrivate;

class QTSIGV4_EXPORT AwsSigningConfig
{
public:
    enum class SignatureLocation { Headers, QueryString };
    enum class DateMode { Default, Strict, Passive };
    enum class SessionTokenMode { Sign, OmitFromSignature, DoNotSend };
    enum class S3Rules { Auto, Enabled, Disabled };
    enum class Algorithm { SigV4, SigV4a };
    enum class PayloadMode {
        WholeBody,                    // one hash of the whole body (or UNSIGNED-PAYLOAD)
        StreamingSigned,              // STREAMING-AWS4-HMAC-SHA256-PAYLOAD
        StreamingSignedWithTrailer,   // STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER
        StreamingUnsignedWithTrailer  // STREAMING-UNSIGNED-PAYLOAD-TRAILER
    };
    enum class ChecksumAlgorithm { None, Crc32, Crc32c, Sha256 };

    static constexpr qint64 DefaultExpiry = 3600;
    static constexpr qint64 MaximumExpiry = 604800;
    static constexpr qint64 DefaultChunkSize = 64 * 1024;
    static constexpr qint64 MinimumChunkSize = 8 * 1024;
    static constexpr qint64 MaximumChunkSize = 16 * 1024 * 1024;

    AwsSigningConfig();
    AwsSigningConfig(const QString &service, const QString &region);
    AwsSigningConfig(const AwsSigningConfig &other);
    AwsSigningConfig(AwsSigningConfig &&other) noexcept;
    AwsSigningConfig &operator=(const AwsSigningConfig &other);
    AwsSigningConfig &operator=(AwsSigningConfig &&other) noexcept;
    ~AwsSigningConfig();

    void swap(AwsSigningConfig &other) noexcept { d.swap(other.d); }

    QString service() const;
    void setService(const QString &service);
    QString region() const;
    void setRegion(const QString &region);

    Algorithm algorithm() const;
    void setAlgorithm(Algorithm algorithm);
    QStringList regionSet() const;
    void setRegionSet(const QStringList &regions);

    SignatureLocation signatureLocation() const;
    void setSignatureLocation(SignatureLocation location);
    qint64 expiresInSeconds() const;
    void setExpiresInSeconds(qint64 seconds);

    S3Rules s3Rules() const;
    void setS3Rules(S3Rules rules);
    bool usesS3Rules() const;

    bool normalizePath() const;
    void setNormalizePath(bool normalize);
    bool signBody() const;
    void setSignBody(bool sign);
    bool isSignBodySet() const;
    bool unsignedPayload() const;
    void setUnsignedPayload(bool unsignedPayload);

    PayloadMode payloadMode() const;
    void setPayloadMode(PayloadMode mode);
    bool isStreaming() const { return payloadMode() != PayloadMode::WholeBody; }
    static QByteArray payloadMarker(PayloadMode mode);
    ChecksumAlgorithm trailingChecksum() const;
    void setTrailingChecksum(ChecksumAlgorithm algorithm);
    qint64 chunkSize() const;
    void setChunkSize(qint64 bytes);

    SessionTokenMode sessionTokenMode() const;
    void setSessionTokenMode(SessionTokenMode mode);

    DateMode dateMode() const;
    void setDateMode(DateMode mode);
    bool raiseOnInvalidDate() const;
    void setRaiseOnInvalidDate(bool raise);

    QSet<QByteArray> unsignedHeaders() const;
    void setUnsignedHeaders(const QSet<QByteArray> &lowerCaseNames);
    QSet<QByteArray> signedHeaders() const;
    void setSignedHeaders(const QSet<QByteArray> &lowerCaseNames);
    static QSet<QByteArray> neverSignedHeaders();

    QString validate() const;

private:
    friend class AwsSigningConfigPrivate;
    QString validateStreaming() const;
    QSharedDataPointer<AwsSigningConfigPrivate> d;
};

Q_DECLARE_SHARED(AwsSigningConfig)
Q_DECLARE_METATYPE(AwsSigningConfig)

#endif // AWSSIGNINGCONFIG_H
