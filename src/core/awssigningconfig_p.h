// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSSIGNINGCONFIG_P_H
#define AWSSIGNINGCONFIG_P_H

#include <qtsigv4/awssigningconfig.h>

#include <atomic>

class AwsSigningConfigPrivate : public QSharedData
{
public:
    // What the signer derives from a configuration on every signature, derived once per
    // configuration instead: validate() (a QString and a scan of every string), the UTF-8
    // forms of region and service, the S3 rules (a case-insensitive compare of the service).
    struct Signing
    {
        QString problem; // validate()
        QByteArray region;
        QByteArray service;
        QByteArray regionSet; // regionSet() joined by ',' (SigV4a's X-Amz-Region-Set)
        QByteArray scopeSuffix; // "/region/service/aws4_request": the scope after its date
        QByteArray sigV4aScopeSuffix; // "/service/aws4_request" (SigV4a scopes have no region)
        bool s3Rules = false; // usesS3Rules()
        bool signBody = false; // signBody()
    };

    // Made on first use by any thread and kept until the configuration changes (a setter runs
    // on an unshared private: no reader can be in signing() then). A copy of the private
    // starts without one.
    class SigningCache
    {
    public:
        SigningCache() = default;
        SigningCache(const SigningCache &) { }
        SigningCache &operator=(const SigningCache &) { reset(); return *this; }
        ~SigningCache() { reset(); }
        void reset() { delete m_signing.exchange(nullptr, std::memory_order_acq_rel); }
        const Signing *get() const { return m_signing.load(std::memory_order_acquire); }
        const Signing *set(const Signing *fresh) const; // the winner of a race

    private:
        mutable std::atomic<const Signing *> m_signing { nullptr };
    };

    static const AwsSigningConfigPrivate &get(const AwsSigningConfig &config) { return *config.d; }
    static const Signing &signing(const AwsSigningConfig &config);

    QString service;
    QString region;
    AwsSigningConfig::Algorithm algorithm = AwsSigningConfig::Algorithm::SigV4;
    QStringList regionSet;
    AwsSigningConfig::SignatureLocation location = AwsSigningConfig::SignatureLocation::Headers;
    qint64 expires = AwsSigningConfig::DefaultExpiry;
    AwsSigningConfig::S3Rules s3Rules = AwsSigningConfig::S3Rules::Auto;
    bool normalizePath = true;
    int signBody = -1; // -1: follow the S3 rules
    bool unsignedPayload = false;
    AwsSigningConfig::PayloadMode payloadMode = AwsSigningConfig::PayloadMode::WholeBody;
    AwsSigningConfig::ChecksumAlgorithm trailingChecksum = AwsSigningConfig::ChecksumAlgorithm::None;
    qint64 chunkSize = AwsSigningConfig::DefaultChunkSize;
    AwsSigningConfig::SessionTokenMode tokenMode = AwsSigningConfig::SessionTokenMode::Sign;
    AwsSigningConfig::DateMode dateMode = AwsSigningConfig::DateMode::Default;
    bool raiseOnInvalidDate = false;
    QSet<QByteArray> unsignedHeaders;
    QSet<QByteArray> signedHeaders;
    SigningCache cache;
};

#endif // AWSSIGNINGCONFIG_P_H
