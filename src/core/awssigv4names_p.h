// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSSIGV4NAMES_P_H
#define AWSSIGV4NAMES_P_H

// Internal: the names SigV4 puts into what it signs, defined once for the signer, the
// verifier, the signing key, aws-chunked and POST policies.

#include <QtCore/qbytearray.h>
#include <QtCore/qbytearrayview.h>

namespace QtSigV4Private::SigV4Names {

inline constexpr QByteArrayView HmacAlgorithm = "AWS4-HMAC-SHA256";
inline constexpr QByteArrayView EcdsaAlgorithm = "AWS4-ECDSA-P256-SHA256";
// The string-to-sign algorithms of aws-chunked chunk and trailer signatures.
inline constexpr QByteArrayView ChunkAlgorithm = "AWS4-HMAC-SHA256-PAYLOAD";
inline constexpr QByteArrayView TrailerAlgorithm = "AWS4-HMAC-SHA256-TRAILER";
// The last element of every credential scope.
inline constexpr QByteArrayView ScopeTerminator = "aws4_request";
// Prefixed to the secret: the key of the first HMAC of the derivation ("AWS4A" for SigV4a).
inline constexpr QByteArrayView SecretPrefix = "AWS4";
inline constexpr QByteArrayView EcdsaSecretPrefix = "AWS4A";

// x-amz-content-sha256 markers.
inline constexpr QByteArrayView UnsignedPayload = "UNSIGNED-PAYLOAD";
inline constexpr QByteArrayView StreamingPrefix = "STREAMING-";
inline constexpr QByteArrayView StreamingSignedPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
inline constexpr QByteArrayView StreamingSignedPayloadTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
inline constexpr QByteArrayView StreamingUnsignedPayloadTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

// A QByteArray over one of the names above, without copying it (they are static).
inline QByteArray bytes(QByteArrayView name)
{
    return QByteArray::fromRawData(name.data(), name.size());
}

} // namespace QtSigV4Private::SigV4Names

#endif // AWSSIGV4NAMES_P_H
