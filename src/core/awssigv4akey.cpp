// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "core/awssigv4akey_p.h"

#include "core/awscrypto_p.h"
#include "core/awssigv4names_p.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>

namespace QtSigV4Private {

namespace {

const char CurveName[] = "prime256v1";
// The KDF's label is the algorithm name.
constexpr QByteArrayView Label = SigV4Names::EcdsaAlgorithm;
constexpr int MaxCounter = 254;

template <typename T, void (*Free)(T *)>
struct Deleter
{
    void operator()(T *p) const { Free(p); }
};
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_clear_free>>;
using BnCtxPtr = std::unique_ptr<BN_CTX, Deleter<BN_CTX, BN_CTX_free>>;
using GroupPtr = std::unique_ptr<EC_GROUP, Deleter<EC_GROUP, EC_GROUP_free>>;
using PointPtr = std::unique_ptr<EC_POINT, Deleter<EC_POINT, EC_POINT_free>>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;

void appendBigEndian32(QByteArray &out, quint32 value)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out.append(char((value >> shift) & 0xff));
}

// NIST SP 800-108 counter-mode KDF input for one 256-bit block, as SigV4a specifies.
QByteArray fixedInput(const QByteArray &accessKeyId, int counter)
{
    QByteArray input;
    appendBigEndian32(input, 1);
    input.append(Label.data(), Label.size());
    input.append('\0');
    input.append(accessKeyId);
    input.append(char(counter));
    appendBigEndian32(input, 256);
    return input;
}

// Builds an EVP_PKEY from an uncompressed public point and, optionally, the private scalar.
EVP_PKEY *makeKey(const QByteArray &publicPoint, const BIGNUM *priv)
{
    ParamBldPtr bld(OSSL_PARAM_BLD_new());
    if (!bld
        || !OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, CurveName, 0)
        || !OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY,
                                             publicPoint.constData(), size_t(publicPoint.size()))
        || (priv && !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv))) {
        return nullptr;
    }
    ParamPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY *key = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0
        || EVP_PKEY_fromdata(ctx.get(), &key, priv ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
                             params.get()) <= 0) {
        return nullptr;
    }
    return key;
}

QByteArray uncompressedPoint(QByteArrayView x, QByteArrayView y)
{
    return QByteArray(1, '\x04') + x.toByteArray() + y.toByteArray();
}

} // namespace

bool SigV4aKey::isAvailable()
{
    return true;
}

SigV4aKey::~SigV4aKey()
{
    EVP_PKEY_free(m_key);
}

std::shared_ptr<const SigV4aKey> SigV4aKey::derive(const QString &accessKeyId,
                                                   const QString &secretAccessKey,
                                                   QString *errorString)
{
    const auto fail = [errorString](const char *why) {
        if (errorString)
            *errorString = QString::fromLatin1(why);
        return std::shared_ptr<const SigV4aKey>();
    };
    if (accessKeyId.isEmpty() || secretAccessKey.isEmpty())
        return fail("SigV4a needs an access key id and a secret access key");
    GroupPtr group(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1));
    BnCtxPtr bnCtx(BN_CTX_new());
    if (!group || !bnCtx)
        return fail("OpenSSL has no P-256 curve");
    BnPtr nMinus2(BN_dup(EC_GROUP_get0_order(group.get())));
    BN_sub_word(nMinus2.get(), 2);

    QByteArray inputKey = SigV4Names::EcdsaSecretPrefix.toByteArray() + secretAccessKey.toUtf8();
    const QByteArray id = accessKeyId.toUtf8();
    BnPtr scalar;
    for (int counter = 1; counter <= MaxCounter && !scalar; ++counter) {
        QByteArray k0 = hmacSha256(inputKey, fixedInput(id, counter));
        BnPtr candidate(BN_bin2bn(reinterpret_cast<const unsigned char *>(k0.constData()),
                                  int(k0.size()), nullptr));
        OPENSSL_cleanse(k0.data(), size_t(k0.size()));
        if (candidate && BN_cmp(candidate.get(), nMinus2.get()) <= 0) {
            BN_add_word(candidate.get(), 1);
            scalar = std::move(candidate);
        }
    }
    OPENSSL_cleanse(inputKey.data(), size_t(inputKey.size()));
    if (!scalar)
        return fail("SigV4a key derivation found no key in range");

    PointPtr pub(EC_POINT_new(group.get()));
    BnPtr x(BN_new()), y(BN_new());
    if (!pub || !EC_POINT_mul(group.get(), pub.get(), scalar.get(), nullptr, nullptr, bnCtx.get())
        || !EC_POINT_get_affine_coordinates(group.get(), pub.get(), x.get(), y.get(), bnCtx.get())) {
        return fail("SigV4a public key computation failed");
    }
    std::shared_ptr<SigV4aKey> key(new SigV4aKey);
    key->m_x = QByteArray(32, Qt::Uninitialized);
    key->m_y = QByteArray(32, Qt::Uninitialized);
    BN_bn2binpad(x.get(), reinterpret_cast<unsigned char *>(key->m_x.data()), 32);
    BN_bn2binpad(y.get(), reinterpret_cast<unsigned char *>(key->m_y.data()), 32);
    key->m_key = makeKey(uncompressedPoint(key->m_x, key->m_y), scalar.get());
    if (!key->m_key)
        return fail("OpenSSL refused the derived SigV4a key");
    return key;
}

QByteArray SigV4aKey::sign(QByteArrayView message) const
{
    MdCtxPtr ctx(EVP_MD_CTX_new());
    size_t length = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, m_key) <= 0
        || EVP_DigestSign(ctx.get(), nullptr, &length,
                          reinterpret_cast<const unsigned char *>(message.data()), size_t(message.size())) <= 0) {
        return QByteArray();
    }
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(message.data()), size_t(message.size())) <= 0) {
        return QByteArray();
    }
    signature.resize(qsizetype(length));
    return signature;
}

bool SigV4aKey::verify(QByteArrayView x, QByteArrayView y, QByteArrayView message,
                       QByteArrayView derSignature)
{
    if (x.size() != 32 || y.size() != 32)
        return false;
    EVP_PKEY *key = makeKey(uncompressedPoint(x, y), nullptr);
    if (!key)
        return false;
    MdCtxPtr ctx(EVP_MD_CTX_new());
    const bool ok = ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) > 0
            && EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(derSignature.data()),
                                size_t(derSignature.size()),
                                reinterpret_cast<const unsigned char *>(message.data()),
                                size_t(message.size())) == 1;
    EVP_PKEY_free(key);
    return ok;
}

} // namespace QtSigV4Private
