// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef QTSIGV4_TESTS_S3RVERSERVER_H
#define QTSIGV4_TESTS_S3RVERSERVER_H

#include <qtsigv4/awscredentials.h>

#include <QtCore/qprocess.h>
#include <QtCore/qstring.h>
#include <QtCore/qtemporarydir.h>
#include <QtCore/qurl.h>

#include <memory>

// A real s3rver (npm package s3rver, a second S3 implementation) on 127.0.0.1, its data in a
// temporary directory; killed when destroyed. Found as $QTSIGV4_S3RVER, `s3rver` on PATH or
// ~/.cache/qtsigv4/s3rver/node_modules/.bin/s3rver (scripts/test installs it there with npm).
// It accepts the credentials S3RVER / S3RVER.
class S3rverServer
{
public:
    enum StartResult { Started, NotInstalled, Failed };

    S3rverServer() = default;
    ~S3rverServer();
    S3rverServer(const S3rverServer &) = delete;
    S3rverServer &operator=(const S3rverServer &) = delete;

    static QString executable();
    StartResult start(QString *errorString = nullptr, int timeoutMs = 30000);
    void stop();

    QUrl endpoint() const;     // http://127.0.0.1:PORT
    quint16 port() const { return m_port; }
    static AwsCredentials credentials()
    {
        return AwsCredentials(QStringLiteral("S3RVER"), QStringLiteral("S3RVER"));
    }
    QByteArray serverOutput() const { return m_output; }

private:
    std::unique_ptr<QProcess> m_process;
    std::unique_ptr<QTemporaryDir> m_dir;
    quint16 m_port = 0;
    QByteArray m_output;
};

#define QTSIGV4_START_S3RVER_OR_SKIP(server)                                                   \
    do {                                                                                       \
        QString s3rverError_;                                                                  \
        const S3rverServer::StartResult s3rverResult_ = (server).start(&s3rverError_);         \
        if (s3rverResult_ == S3rverServer::NotInstalled)                                       \
            QSKIP(qPrintable(QStringLiteral("s3rver is not installed (npm install s3rver); ")  \
                             + s3rverError_));                                                 \
        QVERIFY2(s3rverResult_ == S3rverServer::Started, qPrintable(s3rverError_));            \
    } while (false)

#endif // QTSIGV4_TESTS_S3RVERSERVER_H
