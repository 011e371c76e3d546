// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef QTSIGV4_TESTS_S3LOCALCLIENT_H
#define QTSIGV4_TESTS_S3LOCALCLIENT_H

#include <qtsigv4/awss3client.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qurl.h>

// The client of the hostile transfer tests: an S3 client of a local test server, signed with
// static credentials whose secret tests/hygiene/secrets.txt knows.
class S3LocalClient : public AwsS3Client
{
public:
    explicit S3LocalClient(const QUrl &endpoint)
        : m_provider(AwsCredentials(QStringLiteral("AKIDEXAMPLE"),
                                    QStringLiteral("hostile/upload+secret-0123456789")))
    {
        setEndpoint(endpoint);
        setCredentialsProvider(&m_provider);
    }

private:
    AwsStaticCredentialsProvider m_provider;
};

#endif // QTSIGV4_TESTS_S3LOCALCLIENT_H
