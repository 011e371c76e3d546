// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSSIGNER_H
#define AWSSIGNER_H

#include <qtsigv4/awscredentials.h>
#include <qtsigv4/awshttprequest.h>
#include <qtsigv4/awssigningconfig.h>
#include <qtsigv4/awssigningkey.h>
#include <qtsigv4/awssigningresult.h>
#include <qtsigv4/qtsigv4global.h>

class QTSIGV4_EXPORT AwsSigner
{
public:
    AwsSigner();
    explicit AwsSigner(const AwsSigningConfig &config);

    AwsSigningConfig config() const { return m_config; }
    void setConfig(const AwsSigningConfig &config) { m_config = config; }

    AwsSigningResult sign(const AwsHttpRequest &request, const AwsSigningKey &key,
                          const QDateTime &now = QDateTime()) const;
    AwsSigningResult sign(const AwsHttpRequest &request, const AwsCredentials &credentials,
                          const QDateTime &now = QDateTime()) const;

    static QByteArray emptyPayloadHash();
    static QByteArray unsignedPayload();
    static QByteArray hashPayload(QByteArrayView payload);

private:
    AwsSigningConfig m_config;
};

#endif // AWSSIGNER_H
