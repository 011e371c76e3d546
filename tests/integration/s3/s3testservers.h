// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef QTSIGV4_TESTS_S3TESTSERVERS_H
#define QTSIGV4_TESTS_S3TESTSERVERS_H

#include "motoserver.h"
#include "s3rverserver.h"

#include <qtsigv4/awss3client.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qmetatype.h>

#include <memory>

enum S3Server { Moto, S3rver };
Q_DECLARE_METATYPE(S3Server)

// The two real S3 servers of the S3 integration tests, on 127.0.0.1, each with a client
// signed for it: moto_server (checks every SigV4 signature) and s3rver. Either is left out
// (client() null, a warning) when not installed.
class S3TestServers
{
public:
    // False when neither server could be started.
    bool start();
    void stop();
    AwsS3Client *client(S3Server server) const;
    MotoServer *moto() const { return m_moto.get(); }
    // A new bucket "PREFIX-N" on `server`, or an empty name (with a warning).
    QString makeBucket(S3Server server, const QString &prefix);
    static bool wait(AwsS3Reply *reply, int msecs = 120000);

private:
    std::unique_ptr<MotoServer> m_moto;
    std::unique_ptr<S3rverServer> m_s3rver;
    std::unique_ptr<AwsStaticCredentialsProvider> m_motoCredentials;
    std::unique_ptr<AwsStaticCredentialsProvider> m_s3rverCredentials;
    std::unique_ptr<AwsS3Client> m_motoClient;
    std::unique_ptr<AwsS3Client> m_s3rverClient;
    int m_buckets = 0;
};

#endif // QTSIGV4_TESTS_S3TESTSERVERS_H
