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

// In a data-driven test with a "server" column and a client(S3Server) member: `c`, the
// server's client, or a skip when that server is not installed.
#define SERVER_OR_SKIP()                                                                       \
    QFETCH(Server, server);                                                                    \
    if (!client(server))                                                                       \
        QSKIP("this server is not installed");                                                 \
    AwsS3Client *c = client(server)

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
    // For the SIGKILL tests of the transfers: runs this executable again with `arguments`
    // (moto's credentials in its environment, see S3TestChild), waits until it printed
    // "part 1" and kills it with SIGKILL; false (with a warning) when it did not get there.
    bool killChildAfterFirstPart(const QStringList &arguments);

private:
    std::unique_ptr<MotoServer> m_moto;
    std::unique_ptr<S3rverServer> m_s3rver;
    std::unique_ptr<AwsStaticCredentialsProvider> m_motoCredentials;
    std::unique_ptr<AwsStaticCredentialsProvider> m_s3rverCredentials;
    std::unique_ptr<AwsS3Client> m_motoClient;
    std::unique_ptr<AwsS3Client> m_s3rverClient;
    int m_buckets = 0;
};

// The child of killChildAfterFirstPart(): a client of the moto endpoint, signed with the
// credentials its parent passed in the environment.
class S3TestChild
{
public:
    explicit S3TestChild(const QString &endpoint);
    AwsS3Client *client() { return &m_client; }
    // Prints "part N" and blocks the event loop, so that no further part starts before the kill.
    static void reportPartAndStall(int partNumber);
    // Ends the child's event loop with 1, saying why its transfer ended.
    static void exitEnded(const QString &errorString);

private:
    AwsStaticCredentialsProvider m_provider;
    AwsS3Client m_client;
};

#endif // QTSIGV4_TESTS_S3TESTSERVERS_H
