// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awschunkedencoder.h>

#include "payload/awscrc32_p.h"
#include "core/awscrypto_p.h"
#include "core/awssigv4names_p.h"

#include <qtsigv4/awsdate.h>
#include <qtsigv4/awssigner.h>
#include <qtsigv4/awssigningkey.h>
#include <qtsigv4/awssigningresult.h>

/*!
    \class AwsChunkedEncoder
    \inmodule QtSigV4
    \brief Encodes a request body in the \c aws-chunked encoding of S3 streaming uploads,
    signing each chunk and the trailer.

    A streaming upload is signed in two steps. First the request itself, with the headers of
    headersFor() (\c{x-amz-content-sha256: STREAMING-...}, \c{Content-Encoding: aws-chunked},
    \c x-amz-decoded-content-length, \c x-amz-trailer and the encoded \c Content-Length):
    its signature is the \e seed. Then the body, chunk by chunk: with
    AwsSigningConfig::PayloadMode::StreamingSigned each chunk is sent as
    \c{hex-size;chunk-signature=SIG\r\n data \r\n}, where SIG is the HMAC of
    \c{AWS4-HMAC-SHA256-PAYLOAD\n date \n scope \n previous signature \n hash("") \n hash(data)},
    chained from the seed; a last empty chunk ends the body. The \c ...WithTrailer modes
    append a trailer with the body's checksum (\c{x-amz-checksum-crc32:BASE64\r\n}), signed
    with \c AWS4-HMAC-SHA256-TRAILER in the signed mode.

    \code
    AwsSigningConfig config(QStringLiteral("s3"), QStringLiteral("us-east-1"));
    config.setPayloadMode(AwsSigningConfig::PayloadMode::StreamingSigned);
    AwsChunkedEncoder encoder(config);
    AwsHttpRequest request = ...;                 // the PUT, without a body
    for (const auto &[name, value] : encoder.headersFor(size))
        request.setHeader(name, value);
    const AwsSigningKey key(credentials, QDate::currentDate(), QStringLiteral("us-east-1"), QStringLiteral("s3"));
    const AwsSigningResult seed = AwsSigner(config).sign(request, key);
    encoder.start(seed, key);
    send(encoder.encodeChunk(first64KiB)); ...; send(encoder.finish());
    \endcode

    AwsChunkedUploadDevice wraps a source device into the encoded stream, and
    AwsNetworkAccessManager does all of this when a rule's configuration asks for a
    streaming payload mode. The encoder keeps only the previous signature and the running
    checksum: memory does not grow with the body.
*/

/*!
    \enum AwsChunkedEncoder::Error
    \value NoError Nothing went wrong.
    \value InvalidConfigError The signing configuration is not a streaming one, or its chunk
           size or trailing checksum is invalid.
    \value SigningKeyError No signing key could be derived for the chunks.
    \value StateError A call out of order: no seed signature yet, the encoder already
           finished, or a chunk of the wrong size.
*/

namespace {

using Mode = AwsSigningConfig::PayloadMode;
using Checksum = AwsSigningConfig::ChecksumAlgorithm;
using namespace QtSigV4Private;

constexpr qsizetype SignatureHexSize = 2 * Sha256Size;
const QByteArray ChunkSignatureField = QByteArrayLiteral(";chunk-signature=");
const QByteArray TrailerSignatureField = QByteArrayLiteral("x-amz-trailer-signature:");
const QByteArray Crlf = QByteArrayLiteral("\r\n");

qint64 hexDigits(qint64 n)
{
    qint64 digits = 1;
    while (n >= 16) {
        n /= 16;
        ++digits;
    }
    return digits;
}

qint64 base64Length(qint64 bytes)
{
    return (bytes + 2) / 3 * 4;
}

} // namespace

class AwsChunkedEncoderPrivate
{
public:
    bool signsChunks() const { return mode != Mode::StreamingUnsignedWithTrailer; }
    bool hasTrailer() const { return mode != Mode::StreamingSigned; }
    bool fail(AwsChunkedEncoder::Error e, const QString &message);
    bool checkState(bool wantStarted);

    qint64 chunkHeaderLength(qint64 size) const;
    qint64 trailerLength() const;
    QByteArray chunkHeader(QByteArrayView data);
    QByteArray trailer();
    QByteArray sign(QByteArrayView algorithm, QByteArrayView hashes);
    void addToChecksum(QByteArrayView data);
    QByteArray checksumBytes();

    Mode mode = Mode::StreamingSigned;
    Checksum checksum = Checksum::None;
    qint64 chunkSize = AwsSigningConfig::DefaultChunkSize;
    QString configProblem;

    bool started = false;
    bool finished = false;
    QByteArray key;
    QByteArray amzDate;
    QByteArray scope;
    QByteArray previous;
    std::unique_ptr<Crc32> crc;
    std::unique_ptr<Sha256> sha;
    QByteArray checksumValue;

    AwsChunkedEncoder::Error error = AwsChunkedEncoder::NoError;
    QString errorString;
};

bool AwsChunkedEncoderPrivate::fail(AwsChunkedEncoder::Error e, const QString &message)
{
    error = e;
    errorString = message;
    return false;
}

bool AwsChunkedEncoderPrivate::checkState(bool wantStarted)
{
    if (wantStarted && !started)
        return fail(AwsChunkedEncoder::StateError, QStringLiteral("the encoder was not started with a seed signature"));
    if (finished)
        return fail(AwsChunkedEncoder::StateError, QStringLiteral("the encoder has already finished"));
    return true;
}

qint64 AwsChunkedEncoderPrivate::chunkHeaderLength(qint64 size) const
{
    const qint64 signature = signsChunks() ? ChunkSignatureField.size() + SignatureHexSize : 0;
    return hexDigits(size) + signature + Crlf.size();
}

qint64 AwsChunkedEncoderPrivate::trailerLength() const
{
    if (!hasTrailer())
        return 0;
    const qint64 value = base64Length(checksum == Checksum::Sha256 ? Sha256Size : 4);
    const qint64 line = AwsChunkedEncoder::checksumHeaderName(checksum).size() + 1 + value + Crlf.size();
    const qint64 signature = signsChunks() ? TrailerSignatureField.size() + SignatureHexSize + Crlf.size() : 0;
    return line + signature;
}

QByteArray AwsChunkedEncoderPrivate::sign(QByteArrayView algorithm, QByteArrayView hashes)
{
    const QByteArray stringToSign = algorithm.toByteArray() + '\n' + amzDate + '\n' + scope + '\n'
            + previous + '\n' + hashes.toByteArray();
    previous = hmacSha256(key, stringToSign).toHex();
    return previous;
}

QByteArray AwsChunkedEncoderPrivate::chunkHeader(QByteArrayView data)
{
    QByteArray header = QByteArray::number(data.size(), 16);
    if (signsChunks()) {
        const QByteArray hashes = AwsSigner::emptyPayloadHash() + '\n' + Sha256::hashHex(data);
        header += ChunkSignatureField + sign(QtSigV4Private::SigV4Names::ChunkAlgorithm, hashes);
    }
    return header + Crlf;
}

void AwsChunkedEncoderPrivate::addToChecksum(QByteArrayView data)
{
    if (crc)
        crc->addData(data);
    else if (sha)
        sha->addData(data);
}

QByteArray AwsChunkedEncoderPrivate::checksumBytes()
{
    if (crc)
        return crc->result();
    return sha ? sha->result() : QByteArray();
}

// The trailer after the final chunk: the checksum line, its signature, the empty line.
QByteArray AwsChunkedEncoderPrivate::trailer()
{
    if (!hasTrailer())
        return Crlf;
    checksumValue = checksumBytes().toBase64();
    const QByteArray line = AwsChunkedEncoder::checksumHeaderName(checksum) + ':' + checksumValue;
    QByteArray out = line + Crlf;
    if (signsChunks())
        out += TrailerSignatureField + sign(QtSigV4Private::SigV4Names::TrailerAlgorithm, Sha256::hashHex(line + '\n')) + Crlf;
    return out + Crlf;
}

/*! Constructs an encoder for StreamingSigned with 64 KiB chunks. */
AwsChunkedEncoder::AwsChunkedEncoder() : d(new AwsChunkedEncoderPrivate) { }

/*!
    Constructs an encoder for the payload mode, trailing checksum and chunk size of
    \a config. An invalid combination (see AwsSigningConfig::validate()) makes start() fail
    with InvalidConfigError.
*/
AwsChunkedEncoder::AwsChunkedEncoder(const AwsSigningConfig &config) : d(new AwsChunkedEncoderPrivate)
{
    d->mode = config.payloadMode();
    d->checksum = config.trailingChecksum();
    d->chunkSize = config.chunkSize();
    d->configProblem = config.isStreaming() ? config.validate()
                                            : QStringLiteral("the payload mode is not a streaming (aws-chunked) mode");
}

AwsChunkedEncoder::AwsChunkedEncoder(AwsChunkedEncoder &&other) noexcept = default;
AwsChunkedEncoder &AwsChunkedEncoder::operator=(AwsChunkedEncoder &&other) noexcept = default;
AwsChunkedEncoder::~AwsChunkedEncoder() = default;

AwsSigningConfig::PayloadMode AwsChunkedEncoder::payloadMode() const { return d->mode; }
AwsSigningConfig::ChecksumAlgorithm AwsChunkedEncoder::trailingChecksum() const { return d->checksum; }
qint64 AwsChunkedEncoder::chunkSize() const { return d->chunkSize; }

/*!
    The header fields to set on the request before signing it, for a body of
    \a decodedLength bytes: \c x-amz-content-sha256 (the payload marker),
    \c Content-Encoding, \c x-amz-decoded-content-length, \c x-amz-trailer (trailer modes)
    and \c Content-Length (the encodedLength()).
*/
AwsHeaderList AwsChunkedEncoder::headersFor(qint64 decodedLength) const
{
    AwsHeaderList headers = {
        { "Content-Encoding", "aws-chunked" },
        { "Content-Length", QByteArray::number(encodedLength(decodedLength)) },
        { "x-amz-content-sha256", payloadMarker(d->mode) },
        { "x-amz-decoded-content-length", QByteArray::number(decodedLength) },
    };
    if (d->hasTrailer())
        headers.append({ "x-amz-trailer", checksumHeaderName(d->checksum) });
    return headers;
}

/*!
    The size of the encoded stream (what \c Content-Length must say) for a body of
    \a decodedLength bytes: the data, the framing of each chunk, the final chunk and the
    trailer.
*/
qint64 AwsChunkedEncoder::encodedLength(qint64 decodedLength) const
{
    const qint64 size = qMax<qint64>(0, decodedLength);
    const qint64 fullChunks = size / d->chunkSize;
    const qint64 rest = size % d->chunkSize;
    qint64 total = size + fullChunks * (d->chunkHeaderLength(d->chunkSize) + Crlf.size());
    if (rest > 0)
        total += d->chunkHeaderLength(rest) + Crlf.size();
    return total + d->chunkHeaderLength(0) + d->trailerLength() + Crlf.size(); // final chunk, trailer, empty line
}

/*!
    Starts the chain from the \a seed signature of the request, signing the chunks with
    \a key (which must be able to give the key of the seed's scope; it may be null for
    StreamingUnsignedWithTrailer). Returns \c false, with error() set, when it cannot.
*/
bool AwsChunkedEncoder::start(const AwsSigningResult &seed, const AwsSigningKey &key)
{
    if (!d->configProblem.isEmpty())
        return d->fail(InvalidConfigError, d->configProblem);
    if (!d->checkState(false))
        return false;
    if (!seed.isValid() || seed.signature().isEmpty())
        return d->fail(StateError, QStringLiteral("no seed signature: the request was not signed"));
    const QList<QByteArray> scope = seed.credentialScope().split('/');
    if (scope.size() != 4)
        return d->fail(StateError, QStringLiteral("the seed's credential scope is not date/region/service/aws4_request"));
    d->amzDate = AwsDate::toAmzDate(seed.signingTime());
    d->scope = seed.credentialScope();
    if (d->signsChunks()) {
        QString problem;
        d->key = key.keyFor(seed.signingTime().date(), QString::fromUtf8(scope.at(1)),
                            QString::fromUtf8(scope.at(2)), true, &problem);
        if (d->key.isEmpty()) {
            return d->fail(SigningKeyError, QStringLiteral("no signing key for the chunks: %1")
                                                    .arg(problem.isEmpty() ? QStringLiteral("no credentials") : problem));
        }
    }
    if (d->checksum == AwsSigningConfig::ChecksumAlgorithm::Sha256)
        d->sha.reset(new Sha256);
    else if (d->checksum != AwsSigningConfig::ChecksumAlgorithm::None)
        d->crc.reset(new Crc32(d->checksum == AwsSigningConfig::ChecksumAlgorithm::Crc32c ? Crc32::Castagnoli : Crc32::Iso));
    d->previous = seed.signature();
    d->started = true;
    return true;
}

/*!
    Returns the encoded chunk of \a data, which holds 1 to chunkSize() bytes; every chunk
    but the last must hold exactly chunkSize() bytes, as encodedLength() assumes. Returns an
    empty array, with error() set, when the encoder is not started or already finished.
*/
QByteArray AwsChunkedEncoder::encodeChunk(QByteArrayView data)
{
    if (!d->checkState(true))
        return QByteArray();
    if (data.isEmpty() || data.size() > d->chunkSize) {
        d->fail(StateError, QStringLiteral("a chunk holds 1 to %1 bytes, not %2").arg(d->chunkSize).arg(data.size()));
        return QByteArray();
    }
    d->addToChecksum(data);
    QByteArray out = d->chunkHeader(data);
    out.reserve(out.size() + data.size() + Crlf.size());
    out.append(data.data(), data.size());
    return out + Crlf;
}

/*! Returns the final empty chunk and the trailer; the encoder is finished afterwards. */
QByteArray AwsChunkedEncoder::finish()
{
    if (!d->checkState(true))
        return QByteArray();
    QByteArray out = d->chunkHeader(QByteArrayView());
    out += d->trailer(); // after the final chunk: its signature is the trailer's previous one
    d->finished = true;
    return out;
}

bool AwsChunkedEncoder::isStarted() const { return d->started; }
bool AwsChunkedEncoder::isFinished() const { return d->finished; }

/*! The signature of the last signed part (the seed right after start()), lower-case hex. */
QByteArray AwsChunkedEncoder::previousSignature() const { return d->previous; }

/*! The base64 checksum sent in the trailer, once finish() has been called. */
QByteArray AwsChunkedEncoder::checksumValue() const { return d->checksumValue; }

AwsChunkedEncoder::Error AwsChunkedEncoder::error() const { return d->error; }
QString AwsChunkedEncoder::errorString() const { return d->errorString; }

/*! The \c x-amz-content-sha256 value of \a mode; empty for WholeBody.
    The same as AwsSigningConfig::payloadMarker(). */
QByteArray AwsChunkedEncoder::payloadMarker(AwsSigningConfig::PayloadMode mode)
{
    return AwsSigningConfig::payloadMarker(mode);
}

/*! The trailer field of \a algorithm, e.g. \c x-amz-checksum-crc32c; empty for None. */
QByteArray AwsChunkedEncoder::checksumHeaderName(AwsSigningConfig::ChecksumAlgorithm algorithm)
{
    switch (algorithm) {
    case Checksum::Crc32: return QByteArrayLiteral("x-amz-checksum-crc32");
    case Checksum::Crc32c: return QByteArrayLiteral("x-amz-checksum-crc32c");
    case Checksum::Sha256: return QByteArrayLiteral("x-amz-checksum-sha256");
    case Checksum::None: break;
    }
    return QByteArray();
}
